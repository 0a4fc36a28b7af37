//! The generator's own view of the supply it registered: dense tables of
//! providers and locations with the lookups client histories need (the
//! locations of a region and sector, those that deliver a care profile).

use std::collections::BTreeMap;

use passend_domain::codes::{CareProfile, Region, Sector};
use passend_domain::ids::{AgbCode, LocationId};

use crate::regions;

/// A registered provider.
pub(crate) struct ModelProvider {
    pub agb: AgbCode,
    /// The actor that records what this provider does: `aanbieder:<AGB>`.
    pub actor: String,
    /// Indexes into [`SupplyModel::locations`].
    pub locations: Vec<u32>,
}

/// A registered location.
pub(crate) struct ModelLocation {
    pub id: LocationId,
    /// Index into [`SupplyModel::providers`].
    pub provider: u32,
    pub region: Region,
    pub sector: Sector,
    pub profiles: Vec<CareProfile>,
    pub capacity: u32,
    pub lat: f64,
    pub lon: f64,
}

#[derive(Default)]
pub(crate) struct SupplyModel {
    pub providers: Vec<ModelProvider>,
    pub locations: Vec<ModelLocation>,
    /// Per region index and sector index: the locations, in registration order.
    by_region_sector: Vec<[Vec<u32>; 3]>,
    /// Per region index and care profile: the locations that deliver it.
    by_region_profile: BTreeMap<(usize, CareProfile), Vec<u32>>,
    provider_by_agb: BTreeMap<AgbCode, u32>,
}

impl SupplyModel {
    pub(crate) fn new() -> SupplyModel {
        SupplyModel { by_region_sector: vec![Default::default(); regions::all().len()], ..SupplyModel::default() }
    }

    pub(crate) fn add_provider(&mut self, provider: ModelProvider) -> u32 {
        let index = self.providers.len() as u32;
        self.provider_by_agb.insert(provider.agb, index);
        self.providers.push(provider);
        index
    }

    pub(crate) fn add_location(&mut self, location: ModelLocation) -> u32 {
        let index = self.locations.len() as u32;
        let region = regions::index(location.region);
        self.by_region_sector[region][regions::sector_index(location.sector)].push(index);
        for profile in &location.profiles {
            self.by_region_profile.entry((region, *profile)).or_default().push(index);
        }
        self.providers[location.provider as usize].locations.push(index);
        self.locations.push(location);
        index
    }

    pub(crate) fn location(&self, index: u32) -> &ModelLocation {
        &self.locations[index as usize]
    }

    pub(crate) fn provider(&self, index: u32) -> &ModelProvider {
        &self.providers[index as usize]
    }

    /// The index of a location by its id (locations are registered in id order).
    pub(crate) fn index_of_location(&self, id: LocationId) -> Option<u32> {
        self.locations.binary_search_by_key(&id, |location| location.id).ok().map(|index| index as u32)
    }

    pub(crate) fn index_of_provider(&self, agb: AgbCode) -> Option<u32> {
        self.provider_by_agb.get(&agb).copied()
    }

    /// The provider of a location.
    pub(crate) fn provider_of(&self, location: u32) -> &ModelProvider {
        self.provider(self.location(location).provider)
    }

    /// The locations of a sector in a region (possibly none).
    pub(crate) fn locations_of(&self, region: Region, sector: Sector) -> &[u32] {
        &self.by_region_sector[regions::index(region)][regions::sector_index(sector)]
    }

    /// The locations of a region that deliver `profile`; when none does, every
    /// location of the profile's sector there.
    pub(crate) fn locations_for(&self, region: Region, profile: CareProfile) -> &[u32] {
        match self.by_region_profile.get(&(regions::index(region), profile)) {
            Some(locations) if !locations.is_empty() => locations,
            _ => self.locations_of(region, profile.sector()),
        }
    }
}

/// A rough distance for "nearby": degrees, with longitude shrunk to its
/// length at Dutch latitudes. Only compared, never shown.
pub(crate) fn distance(lat: f64, lon: f64, other_lat: f64, other_lon: f64) -> f64 {
    let dy = lat - other_lat;
    let dx = (lon - other_lon) * 0.616;
    (dx * dx + dy * dy).sqrt()
}
