//! The supply register (*zorgaanbod*): providers with their contracts, their
//! locations with expertise, contra-indications and context, the free places
//! each location reports and whether its waiting list is closed.
//!
//! Like a case, the register is a fold of events: each `decide_*` function of
//! [`SupplyDirectory`] checks a request against the register and returns the
//! event to record or a [`SupplyRejection`] that says why not, and
//! [`SupplyDirectory::apply`] folds recorded events. The rules live in one
//! module each:
//!
//! - [`registration`]: providers, contracts, locations and their context.
//! - [`free_places`]: free-place reports, their staleness and crisis places.
//! - [`waiting_list_closure`]: closing and reopening a waiting list, with a reason.

pub mod free_places;
pub mod registration;
pub mod waiting_list_closure;

mod rejection;

use std::collections::HashMap;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::codes::{CareProfile, Region, Sector};
use crate::ids::{AgbCode, LocationId, Postcode};

pub use free_places::{CrisisPlaces, FreePlacesReport, StaleReport};
pub use registration::{BoundingBox, NETHERLANDS};
pub use rejection::SupplyRejection;
pub use waiting_list_closure::WaitingListClosure;

/// A care provider. Dutch: *zorgaanbieder*, identified by its AGB code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Provider {
    pub agb: AgbCode,
    pub name: String,
    /// The region of its head office; it may have locations anywhere.
    pub region: Region,
}

/// What the zorgkantoren contracted a provider for: the regions where it may
/// deliver and the care profiles it may deliver there. Dutch: *contractering*
/// (*inkoopafspraak*). A later contract replaces the earlier one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contract {
    pub provider: AgbCode,
    pub regions: Vec<Region>,
    pub care_profiles: Vec<CareProfile>,
}

/// A place where a provider gives care. Dutch: *locatie* (*vestiging*).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Location {
    pub id: LocationId,
    pub provider: AgbCode,
    pub name: String,
    pub sector: Sector,
    pub care_profiles: Vec<CareProfile>,
    pub capacity: u32,
    pub postcode: Option<Postcode>,
    pub lat: f64,
    pub lon: f64,
    /// Tags of `tags.csv` (kind `expertise`).
    pub expertise: Vec<String>,
    /// Tags of `tags.csv` (kind `contra_indication`).
    pub contra_indications: Vec<String>,
    /// Beds kept free for crises (*crisisbedden*), part of `capacity`.
    pub crisis_beds: u32,
}

/// What happened to the supply register. The date of each event is also in
/// the store's envelope; the events that are about a day carry it themselves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SupplyEvent {
    ProviderRegistered(Provider),
    LocationRegistered(Location),
    /// The provider's contract, replacing any earlier one.
    ContractRecorded(Contract),
    /// The living context a location offers (tags of kind `context`),
    /// replacing any earlier list. Dutch: *woonomgeving*.
    LocationContextRecorded {
        location: LocationId,
        context: Vec<String>,
    },
    /// A location's count of free places (*vrije plaatsen*); binding until it
    /// is withdrawn or replaced by a newer report.
    FreePlacesReported(FreePlacesReport),
    /// The location's report no longer holds; it has no report until the next.
    FreePlacesWithdrawn {
        location: LocationId,
        on: Date,
    },
    /// The location takes nobody onto its waiting list (*wachtlijststop*), for
    /// the reason given.
    WaitingListClosed {
        location: LocationId,
        reason: String,
        on: Date,
    },
    WaitingListReopened {
        location: LocationId,
        on: Date,
    },
}

impl SupplyEvent {
    /// The snake_case name used as the event's type in storage and the API.
    pub fn kind(&self) -> &'static str {
        match self {
            SupplyEvent::ProviderRegistered(_) => "provider_registered",
            SupplyEvent::LocationRegistered(_) => "location_registered",
            SupplyEvent::ContractRecorded(_) => "contract_recorded",
            SupplyEvent::LocationContextRecorded { .. } => "location_context_recorded",
            SupplyEvent::FreePlacesReported(_) => "free_places_reported",
            SupplyEvent::FreePlacesWithdrawn { .. } => "free_places_withdrawn",
            SupplyEvent::WaitingListClosed { .. } => "waiting_list_closed",
            SupplyEvent::WaitingListReopened { .. } => "waiting_list_reopened",
        }
    }
}

/// All providers and locations with their current contract, context, report
/// and closure, folded from the supply events.
#[derive(Debug, Clone, Default)]
pub struct SupplyDirectory {
    providers: HashMap<AgbCode, Provider>,
    /// Indexed by `LocationId - 1`: ids are dense registration numbers.
    locations: Vec<Option<Location>>,
    contracts: HashMap<AgbCode, Contract>,
    context: HashMap<LocationId, Vec<String>>,
    free_places: HashMap<LocationId, FreePlacesReport>,
    closures: HashMap<LocationId, WaitingListClosure>,
}

impl SupplyDirectory {
    /// Applies one recorded event. Events were checked before they were
    /// recorded, so applying never fails.
    pub fn apply(&mut self, event: &SupplyEvent) {
        match event {
            SupplyEvent::ProviderRegistered(provider) => {
                self.providers.insert(provider.agb, provider.clone());
            }
            SupplyEvent::LocationRegistered(location) => {
                let index = location.id.0 as usize - 1;
                if self.locations.len() <= index {
                    self.locations.resize(index + 1, None);
                }
                self.locations[index] = Some(location.clone());
            }
            SupplyEvent::ContractRecorded(contract) => {
                self.contracts.insert(contract.provider, contract.clone());
            }
            SupplyEvent::LocationContextRecorded { location, context } => {
                self.context.insert(*location, context.clone());
            }
            SupplyEvent::FreePlacesReported(report) => {
                self.free_places.insert(report.location, report.clone());
            }
            SupplyEvent::FreePlacesWithdrawn { location, .. } => {
                self.free_places.remove(location);
            }
            SupplyEvent::WaitingListClosed { location, reason, on } => {
                self.closures.insert(*location, WaitingListClosure { reason: reason.clone(), since: *on });
            }
            SupplyEvent::WaitingListReopened { location, .. } => {
                self.closures.remove(location);
            }
        }
    }

    pub fn next_location_id(&self) -> LocationId {
        LocationId(self.locations.len() as u32 + 1)
    }

    pub fn provider(&self, agb: AgbCode) -> Option<&Provider> {
        self.providers.get(&agb)
    }

    pub fn location(&self, id: LocationId) -> Option<&Location> {
        let index = (id.0 as usize).checked_sub(1)?;
        self.locations.get(index)?.as_ref()
    }

    pub fn providers(&self) -> impl Iterator<Item = &Provider> {
        self.providers.values()
    }

    pub fn locations(&self) -> impl Iterator<Item = &Location> {
        self.locations.iter().flatten()
    }

    /// The provider's current contract, if one was recorded.
    pub fn contract(&self, provider: AgbCode) -> Option<&Contract> {
        self.contracts.get(&provider)
    }

    /// The context tags a location offers; empty when none were recorded.
    pub fn context_of(&self, location: LocationId) -> &[String] {
        self.context.get(&location).map_or(&[], Vec::as_slice)
    }

    /// The location's binding free-places report, if it has one.
    pub fn free_places(&self, location: LocationId) -> Option<&FreePlacesReport> {
        self.free_places.get(&location)
    }

    /// Why and since when the location's waiting list is closed; `None` when open.
    pub fn waiting_list_closure(&self, location: LocationId) -> Option<&WaitingListClosure> {
        self.closures.get(&location)
    }

    fn known_location(&self, id: LocationId) -> Result<&Location, SupplyRejection> {
        self.location(id).ok_or(SupplyRejection::UnknownLocation(id))
    }
}

#[cfg(test)]
mod tests;
