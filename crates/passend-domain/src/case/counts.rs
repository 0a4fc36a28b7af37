//! Distinct waiting persons per status.
//!
//! Seeds 000 and 003: clients register with several providers, providers keep
//! shadow lists, and "nobody knows how many people really wait". passend keeps
//! one case per person, so counting cases counts each person once, however
//! many lists the person is on (`scenarios/README.md`: "the number of distinct
//! waiting persons with that status whose client `region` is that region").

use serde::{Deserialize, Serialize};

use super::CaseSummary;
use crate::codes::{Region, WaitStatus};

/// The number of distinct waiting persons for each status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaitingPersons {
    pub urgent_plaatsen: u32,
    pub actief_plaatsen: u32,
    pub wacht_op_voorkeur: u32,
    pub wacht_uit_voorzorg: u32,
}

impl WaitingPersons {
    pub fn get(&self, status: WaitStatus) -> u32 {
        match status {
            WaitStatus::UrgentPlaatsen => self.urgent_plaatsen,
            WaitStatus::ActiefPlaatsen => self.actief_plaatsen,
            WaitStatus::WachtOpVoorkeur => self.wacht_op_voorkeur,
            WaitStatus::WachtUitVoorzorg => self.wacht_uit_voorzorg,
        }
    }

    pub fn add(&mut self, status: WaitStatus, persons: u32) {
        match status {
            WaitStatus::UrgentPlaatsen => self.urgent_plaatsen += persons,
            WaitStatus::ActiefPlaatsen => self.actief_plaatsen += persons,
            WaitStatus::WachtOpVoorkeur => self.wacht_op_voorkeur += persons,
            WaitStatus::WachtUitVoorzorg => self.wacht_uit_voorzorg += persons,
        }
    }

    /// Waiting persons in the official figures, which leave out *wacht uit voorzorg*.
    pub fn official_total(&self) -> u32 {
        self.urgent_plaatsen + self.actief_plaatsen + self.wacht_op_voorkeur
    }
}

/// Counts the waiting persons of a region among one summary per client.
pub fn waiting_persons<'a>(summaries: impl IntoIterator<Item = &'a CaseSummary>, region: Region) -> WaitingPersons {
    let mut persons = WaitingPersons::default();
    for summary in summaries {
        if summary.region == region
            && let Some(status) = summary.status
        {
            persons.add(status, 1);
        }
    }
    persons
}
