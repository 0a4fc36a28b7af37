//! Why a generation stopped.

use passend_domain::ids::ClientId;
use passend_store::StoreError;

/// A generation that could not run or finish. Rejected commands are not
/// errors: they are counted in the statistics (and are generator bugs).
#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    /// The generator numbers clients and locations from 1, so it only writes
    /// into an empty store.
    #[error("the store already holds events: generate into an empty database")]
    StoreNotEmpty,
    #[error("invalid settings: {0}")]
    InvalidConfig(String),
    /// The batch no longer knows a client the generator registered in it: a
    /// bug in the generator or the service.
    #[error("client {client} went missing from its batch: {reason}")]
    LostClient { client: ClientId, reason: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}
