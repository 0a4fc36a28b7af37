//! The Wlz case model and the rules of the *Voorschrift Zorgtoewijzing*.
//!
//! Architecture invariant: this crate does no IO, reads no clock and depends
//! on no format, database, web or async crate. Every rule that depends on the
//! day takes `today` (or the event's date) as an argument. Types derive serde
//! so that outer crates can store and configure them; only outer crates know
//! JSON or TOML.
//!
//! Layout:
//! - [`calendar`]: working days of the *Algemene termijnenwet*.
//! - [`ids`]: validated identifiers (BSN, AGB code, postcode) and passend's own ids.
//! - [`codes`]: the iWlz code lists passend uses (COD163, COD578, COD167, COD168, COD172, COD001).
//! - [`policy`]: the versioned norms and terms of each *Voorschrift* year.
//! - [`vocabulary`]: the matching tags (context, expertise, contra-indication) of `data/tags.csv`.
//! - [`supply`]: the supply register: providers, contracts, locations, free places, closed lists.
//! - [`case`]: a client's case as an event stream, its commands and rules, alerts and waiting order.
//! - [`complex_case`]: complex cases: the six steps, tasks from the matrix, rounds, the meeting, escalation.
//! - [`signal`]: complex care questions reported from outside (seed 004).
//! - [`note`]: notes between the parties of a case (*Notitieverkeer*).
//! - [`report`]: the waiting-list report in the cuts of the official figures.

pub mod calendar;
pub mod case;
pub mod codes;
pub mod complex_case;
pub mod ids;
pub mod note;
pub mod policy;
pub mod report;
pub mod signal;
pub mod supply;
pub mod vocabulary;

mod invalid_value;
mod serde_str;

pub use invalid_value::InvalidValue;
