//! Registering providers, their contracts and their locations, and the
//! context a location offers: the checks that keep the register usable for
//! matching (tags from the vocabulary, a place in the Netherlands, beds that
//! fit in the capacity).

use std::collections::HashSet;
use std::fmt::Display;

use super::{Contract, Location, Provider, SupplyDirectory, SupplyEvent, SupplyRejection};
use crate::ids::LocationId;
use crate::vocabulary::{TagKind, Vocabulary};

/// A bounding box around the European Netherlands, in degrees (WGS 84):
/// latitude 50.70–53.60 (south of Vaals's Drielandenpunt at 50.75, north of
/// Rottumeroog at 53.55), longitude 3.30–7.30 (west of Cadzand at 3.36, east
/// of Bad Nieuweschans at 7.21). Wlz care is delivered in the Netherlands; a
/// location outside the box has its coordinates swapped or mistyped. The box
/// is generous on purpose: it catches such mistakes, not a border question.
pub const NETHERLANDS: BoundingBox = BoundingBox { lat: (50.70, 53.60), lon: (3.30, 7.30) };

/// A rectangle of latitudes and longitudes, bounds included.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BoundingBox {
    pub lat: (f64, f64),
    pub lon: (f64, f64),
}

impl BoundingBox {
    pub fn contains(&self, lat: f64, lon: f64) -> bool {
        (self.lat.0..=self.lat.1).contains(&lat) && (self.lon.0..=self.lon.1).contains(&lon)
    }
}

impl SupplyDirectory {
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

    /// Checks a contract: a registered provider, at least one region and one
    /// care profile ("a contracted list may not be empty"), none twice.
    pub fn decide_contract(&self, contract: Contract) -> Result<SupplyEvent, SupplyRejection> {
        if !self.providers.contains_key(&contract.provider) {
            return Err(SupplyRejection::UnknownProvider(contract.provider));
        }
        if contract.regions.is_empty() {
            return Err(SupplyRejection::NoContractedRegions);
        }
        if contract.care_profiles.is_empty() {
            return Err(SupplyRejection::NoContractedProfiles);
        }
        once_each(&contract.regions)?;
        once_each(&contract.care_profiles)?;
        Ok(SupplyEvent::ContractRecorded(contract))
    }

    /// Checks a location registration; `location.id` must be [`Self::next_location_id`].
    /// Its tags must come from the vocabulary with the right kind, its
    /// coordinates must lie in the [`NETHERLANDS`], and its crisis beds must
    /// fit in a capacity of at least one place.
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
        if !NETHERLANDS.contains(location.lat, location.lon) {
            return Err(SupplyRejection::OutsideNetherlands { lat: location.lat, lon: location.lon });
        }
        if location.capacity == 0 {
            return Err(SupplyRejection::NoCapacity);
        }
        if location.crisis_beds > location.capacity {
            return Err(SupplyRejection::CrisisBedsAboveCapacity {
                crisis_beds: location.crisis_beds,
                capacity: location.capacity,
            });
        }
        let vocabulary = Vocabulary::passend();
        vocabulary.check(&location.expertise, &[TagKind::Expertise])?;
        vocabulary.check(&location.contra_indications, &[TagKind::ContraIndication])?;
        Ok(SupplyEvent::LocationRegistered(location))
    }

    /// Checks the context of a registered location: tags of kind `context`, each once.
    pub fn decide_location_context(
        &self,
        location: LocationId,
        context: Vec<String>,
    ) -> Result<SupplyEvent, SupplyRejection> {
        self.known_location(location)?;
        Vocabulary::passend().check(&context, &[TagKind::Context])?;
        Ok(SupplyEvent::LocationContextRecorded { location, context })
    }
}

fn once_each<T: Display + Eq + std::hash::Hash>(items: &[T]) -> Result<(), SupplyRejection> {
    let mut seen = HashSet::new();
    match items.iter().find(|item| !seen.insert(*item)) {
        Some(twice) => Err(SupplyRejection::DuplicateInContract(twice.to_string())),
        None => Ok(()),
    }
}
