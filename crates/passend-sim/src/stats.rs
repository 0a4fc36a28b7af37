//! What a generation reports: progress while it runs, statistics at the end.

use std::collections::BTreeMap;

use jiff::civil::Date;
use passend_domain::case::counts::WaitingPersons;
use passend_domain::codes::Sector;

/// A progress report, sent after each stage step and each committed batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub stage: Stage,
    /// Units done in this stage (providers and locations, or clients).
    pub done: u64,
    pub total: u64,
    /// Events written so far, over all stages.
    pub events: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Registering providers and locations.
    Supply,
    /// Recording clients with their histories.
    Clients,
}

/// The outcome of a generation.
#[derive(Debug, Clone, PartialEq)]
pub struct GenerateStats {
    /// The first and last day of the history.
    pub from: Date,
    pub until: Date,
    pub providers: u32,
    pub locations: u32,
    pub clients: u32,
    /// Events written: supply and client events.
    pub events: u64,
    /// Commands the rules rejected. Each one is a generator bug; a correct
    /// generator reports 0.
    pub rejected: u64,
    /// The first few rejections, as "command on day: reason", for debugging.
    pub rejection_samples: Vec<String>,
    /// The population as it stands on `until`.
    pub end_state: EndState,
}

/// The population on the last day, counted from the clients' folded states.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EndState {
    /// Clients with an indication whose care has not ended.
    pub with_indication: u32,
    /// Clients whose care ended during the window.
    pub ended: u32,
    /// Clients in regular (non-bridging) residential care, per sector.
    pub placed: BTreeMap<Sector, u32>,
    /// Clients in a bridging place who still wait.
    pub bridging: u32,
    /// Distinct waiting persons per sector and status.
    pub waiting: BTreeMap<Sector, WaitingPersons>,
    /// Clients with an indication and no dossierhouder.
    pub without_allocation: u32,
    /// Clients whose dossierhouder has not yet registered the first contact
    /// and whose deadline has passed.
    pub first_contact_overdue: u32,
}

impl EndState {
    /// Waiting persons of one status over all sectors.
    pub fn waiting_total(&self) -> WaitingPersons {
        let mut total = WaitingPersons::default();
        for persons in self.waiting.values() {
            for status in passend_domain::codes::WaitStatus::ALL {
                total.add(status, persons.get(status));
            }
        }
        total
    }
}
