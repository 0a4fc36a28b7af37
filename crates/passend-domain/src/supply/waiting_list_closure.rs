//! Closing a location's waiting list (*wachtlijststop*) and reopening it.
//!
//! A closure always carries its reason: the seeds forbid a silent
//! waiting-list stop, because a client and the zorgkantoor must be able to
//! see why nobody can be added.

use jiff::civil::Date;

use super::{SupplyDirectory, SupplyEvent, SupplyRejection};
use crate::ids::LocationId;

/// A closed waiting list: why, and since when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaitingListClosure {
    pub reason: String,
    pub since: Date,
}

impl SupplyDirectory {
    /// Checks closing a location's waiting list: with a reason that is not
    /// blank, and only when it is open. The reason is recorded trimmed.
    pub fn decide_close_waiting_list(
        &self,
        location: LocationId,
        reason: &str,
        on: Date,
    ) -> Result<SupplyEvent, SupplyRejection> {
        self.known_location(location)?;
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(SupplyRejection::NoClosingReason);
        }
        if let Some(closure) = self.waiting_list_closure(location) {
            return Err(SupplyRejection::WaitingListAlreadyClosed { location, since: closure.since });
        }
        Ok(SupplyEvent::WaitingListClosed { location, reason: reason.to_string(), on })
    }

    /// Checks reopening a location's waiting list: only a closed one.
    pub fn decide_reopen_waiting_list(&self, location: LocationId, on: Date) -> Result<SupplyEvent, SupplyRejection> {
        self.known_location(location)?;
        if self.waiting_list_closure(location).is_none() {
            return Err(SupplyRejection::WaitingListNotClosed(location));
        }
        Ok(SupplyEvent::WaitingListReopened { location, on })
    }
}
