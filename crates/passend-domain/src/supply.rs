//! Providers and their locations, as far as the case rules need them: who a
//! location belongs to, its sector and care profiles. The full supply register
//! (free places, expertise, context) builds on these events.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::codes::{CareProfile, Region, Sector};
use crate::ids::{AgbCode, LocationId, Postcode};

/// A care provider. Dutch: *zorgaanbieder*, identified by its AGB code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Provider {
    pub agb: AgbCode,
    pub name: String,
    /// The region of its head office; it may have locations anywhere.
    pub region: Region,
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
    pub crisis_beds: u32,
}

/// What happened to the supply register.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SupplyEvent {
    ProviderRegistered(Provider),
    LocationRegistered(Location),
}

/// Why a registration in the supply register was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SupplyRejection {
    #[error("provider {0} is already registered")]
    ProviderExists(AgbCode),
    #[error("provider {0} is not registered")]
    UnknownProvider(AgbCode),
    #[error("location {0} is already registered or not the next location number")]
    LocationExists(LocationId),
    #[error("a location needs at least one care profile")]
    NoCareProfiles,
    #[error("a name may not be empty")]
    EmptyName,
}

impl SupplyRejection {
    /// The message for the user interface, in Dutch.
    pub fn message_nl(&self) -> String {
        match self {
            SupplyRejection::ProviderExists(agb) => format!("Aanbieder met AGB-code {agb} bestaat al."),
            SupplyRejection::UnknownProvider(agb) => format!("Er is geen aanbieder met AGB-code {agb}."),
            SupplyRejection::LocationExists(id) => {
                format!("Locatie {id} bestaat al of is niet het volgende locatienummer.")
            }
            SupplyRejection::NoCareProfiles => "Een locatie heeft minstens één zorgprofiel nodig.".to_string(),
            SupplyRejection::EmptyName => "De naam mag niet leeg zijn.".to_string(),
        }
    }
}

/// All providers and locations, folded from the supply events.
#[derive(Debug, Clone, Default)]
pub struct SupplyDirectory {
    providers: HashMap<AgbCode, Provider>,
    /// Indexed by `LocationId - 1`: ids are dense registration numbers.
    locations: Vec<Option<Location>>,
}

impl SupplyDirectory {
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
        }
    }

    /// Checks a provider registration.
    pub fn decide_provider(&self, provider: Provider) -> Result<SupplyEvent, SupplyRejection> {
        if self.providers.contains_key(&provider.agb) {
            return Err(SupplyRejection::ProviderExists(provider.agb));
        }
        if provider.name.trim().is_empty() {
            return Err(SupplyRejection::EmptyName);
        }
        Ok(SupplyEvent::ProviderRegistered(provider))
    }

    /// Checks a location registration; `location.id` must be [`Self::next_location_id`].
    pub fn decide_location(&self, location: Location) -> Result<SupplyEvent, SupplyRejection> {
        if !self.providers.contains_key(&location.provider) {
            return Err(SupplyRejection::UnknownProvider(location.provider));
        }
        if location.id != self.next_location_id() {
            return Err(SupplyRejection::LocationExists(location.id));
        }
        if location.care_profiles.is_empty() {
            return Err(SupplyRejection::NoCareProfiles);
        }
        if location.name.trim().is_empty() {
            return Err(SupplyRejection::EmptyName);
        }
        Ok(SupplyEvent::LocationRegistered(location))
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
}

#[cfg(test)]
mod tests {
    use super::*;

    fn location(id: u32, provider: AgbCode) -> Location {
        Location {
            id: LocationId(id),
            provider,
            name: "De Linde Zeist".to_string(),
            sector: Sector::Vv,
            care_profiles: vec![CareProfile::parse("5VV").unwrap()],
            capacity: 40,
            postcode: None,
            lat: 52.09,
            lon: 5.23,
            expertise: Vec::new(),
            contra_indications: Vec::new(),
            crisis_beds: 0,
        }
    }

    #[test]
    fn registrations_are_refused_with_the_reason() {
        let mut supply = SupplyDirectory::default();
        let agb = AgbCode::parse("47000001").unwrap();
        let provider =
            Provider { agb, name: "Zorggroep De Linde".to_string(), region: Region::parse("Utrecht").unwrap() };
        assert_eq!(supply.decide_location(location(1, agb)), Err(SupplyRejection::UnknownProvider(agb)));
        let event = supply.decide_provider(provider.clone()).unwrap();
        supply.apply(&event);
        assert_eq!(supply.decide_provider(provider), Err(SupplyRejection::ProviderExists(agb)));
        assert_eq!(supply.decide_location(location(2, agb)), Err(SupplyRejection::LocationExists(LocationId(2))));
        let nameless = Location { name: " ".to_string(), ..location(1, agb) };
        assert_eq!(supply.decide_location(nameless), Err(SupplyRejection::EmptyName));
        let event = supply.decide_location(location(1, agb)).unwrap();
        supply.apply(&event);
        assert_eq!(supply.location(LocationId(1)).map(|location| location.provider), Some(agb));
        assert_eq!(supply.decide_location(location(1, agb)), Err(SupplyRejection::LocationExists(LocationId(1))));
        assert!(SupplyRejection::UnknownProvider(agb).message_nl().contains("47000001"));
    }
}
