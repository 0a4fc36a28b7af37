//! Providers and their locations, registered through the service before any
//! client: each region gets its share of the national number of locations
//! (`targets`), grouped into providers contracted by that region's
//! zorgkantoor, each location in a postcode of the region. Each provider is
//! contracted for its region and the care profiles of its locations; each
//! location gets context tags of its kind.

use std::collections::BTreeSet;

use passend_domain::codes::{CareProfile, Region, Sector};
use passend_domain::ids::{AgbCode, LocationId};
use passend_domain::supply::{Contract, Location, Provider};
use passend_store::{EventMeta, EventStore, Passend};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use crate::counters::Counters;
use crate::days::Window;
use crate::error::GenerateError;
use crate::location_kinds::{self, LocationKind};
use crate::names::{self, ProviderNames};
use crate::postcodes::{address_in, postcodes};
use crate::random::{self, pick, round_count};
use crate::supply_model::{ModelLocation, ModelProvider, SupplyModel};
use crate::{regions, targets};

/// The random stream of a region's supply.
const SUPPLY_STREAM: u64 = 1_000;

/// The random streams of each location's context, by location id: a stream
/// of its own, so that the tags leave the rest of the supply unchanged.
const CONTEXT_STREAM: u64 = 0xC0_4E47_0000_0000;

/// Registers the supply of `regions` and returns the model of it.
/// `progress(done, total, events)` is called after each provider with its locations.
pub(crate) fn register_supply<S: EventStore>(
    service: &Passend<S>,
    regions: &[Region],
    seed: u64,
    window: &Window,
    counters: &mut Counters,
    progress: &mut dyn FnMut(u64, u64, u64),
) -> Result<SupplyModel, GenerateError> {
    let national = regions::national_inhabitants() as f64;
    let mut plans = Vec::with_capacity(regions.len());
    for region in regions {
        let mut rng = random::stream(seed, SUPPLY_STREAM + regions::index(*region) as u64);
        let share = f64::from(region.inhabitants()) / national;
        let counts =
            targets::SECTORS.map(|sector| round_count(&mut rng, sector.locations * share).max(sector.min_locations));
        plans.push((*region, rng, counts));
    }
    let total: u64 = plans.iter().map(|(_, _, counts)| counts.iter().map(|count| u64::from(*count)).sum::<u64>()).sum();

    let mut builder = SupplyBuilder {
        service,
        window,
        counters,
        seed,
        model: SupplyModel::new(),
        names: ProviderNames::default(),
        agb_codes: BTreeSet::new(),
        registered: 0,
    };
    let mut done = 0;
    for (region, mut rng, counts) in plans {
        for (sector, count) in targets::SECTORS.iter().zip(counts) {
            let mut remaining = count;
            while remaining > 0 {
                let (low, high) = sector.locations_per_provider;
                let locations = rng.random_range(low..=high).min(remaining);
                remaining -= locations;
                done += u64::from(locations);
                builder.provider_with_locations(&mut rng, region, sector, locations)?;
                progress(done, total, builder.counters.events);
            }
        }
    }
    Ok(builder.model)
}

struct SupplyBuilder<'a, S> {
    service: &'a Passend<S>,
    window: &'a Window,
    counters: &'a mut Counters,
    seed: u64,
    model: SupplyModel,
    names: ProviderNames,
    agb_codes: BTreeSet<u32>,
    /// Supply events so far, to give each a distinct recording moment.
    registered: i64,
}

impl<S: EventStore> SupplyBuilder<'_, S> {
    fn provider_with_locations(
        &mut self,
        rng: &mut ChaCha8Rng,
        region: Region,
        sector: &targets::SectorTargets,
        locations: u32,
    ) -> Result<(), GenerateError> {
        let areas = postcodes().of(region);
        let agb = self.new_agb_code(rng, sector.sector);
        let place = &pick(rng, areas).place;
        let name = self.names.next(rng, sector.sector, place, region.name());
        let provider = Provider { agb, name, region };
        if let Err(error) = self.service.register_provider(provider, self.meta(region)) {
            return self.counters.failed(error, || format!("register provider {agb}"));
        }
        self.counters.events += 1;
        let provider_index =
            self.model.add_provider(ModelProvider { agb, actor: format!("aanbieder:{agb}"), locations: Vec::new() });

        let kinds: Vec<(usize, &LocationKind)> = location_kinds::of_sector(sector.sector).collect();
        let weights: Vec<(usize, u32)> = kinds.iter().map(|(index, kind)| (*index, kind.weight)).collect();
        // A provider tends to run one kind of location: most of its locations share the first kind.
        let main_kind = random::weighted(rng, &weights);
        for _ in 0..locations {
            let kind =
                &location_kinds::KINDS[if rng.random_bool(0.7) { main_kind } else { random::weighted(rng, &weights) }];
            self.location(rng, region, sector, kind, provider_index, agb)?;
        }
        let mut care_profiles: Vec<CareProfile> = Vec::new();
        for location in &self.model.provider(provider_index).locations {
            for profile in &self.model.location(*location).profiles {
                if !care_profiles.contains(profile) {
                    care_profiles.push(*profile);
                }
            }
        }
        let contract = Contract { provider: agb, regions: vec![region], care_profiles };
        if let Err(error) = self.service.record_contract(contract, self.meta(region)) {
            return self.counters.failed(error, || format!("record the contract of {agb}"));
        }
        self.counters.events += 1;
        Ok(())
    }

    fn location(
        &mut self,
        rng: &mut ChaCha8Rng,
        region: Region,
        sector: &targets::SectorTargets,
        kind: &LocationKind,
        provider_index: u32,
        agb: AgbCode,
    ) -> Result<(), GenerateError> {
        let area = pick(rng, postcodes().of(region));
        let (postcode, lat, lon) = address_in(rng, area);
        let profiles: Vec<CareProfile> = kind
            .profiles
            .iter()
            .map(|name| CareProfile::parse(name).expect("location kinds name valid profiles"))
            .collect();
        let capacity = rng.random_range(sector.capacity.0..=sector.capacity.1);
        let expertise = choose_tags(rng, kind.expertise, 1, 3);
        let contra_indications = choose_tags(rng, kind.contra_indications, 0, 2);
        let crisis_beds = if rng.random_bool(kind.crisis_beds_chance) { rng.random_range(1..=2) } else { 0 };
        let location = Location {
            id: LocationId(0),
            provider: agb,
            name: names::location_name(rng, sector.sector, &area.place),
            sector: sector.sector,
            care_profiles: profiles.clone(),
            capacity,
            postcode: Some(postcode),
            lat,
            lon,
            expertise,
            contra_indications,
            crisis_beds,
        };
        let id = match self.service.register_location(location, self.meta(region)) {
            Ok(id) => id,
            Err(error) => return self.counters.failed(error, || format!("register a location of {agb}")),
        };
        self.counters.events += 1;
        let context = choose_tags(&mut random::stream(self.seed, CONTEXT_STREAM + u64::from(id.0)), kind.context, 1, 3);
        if let Err(error) = self.service.record_location_context(id, context, self.meta(region)) {
            return self.counters.failed(error, || format!("record the context of location {id}"));
        }
        self.counters.events += 1;
        self.model.add_location(ModelLocation {
            id,
            provider: provider_index,
            region,
            sector: sector.sector,
            profiles,
            capacity,
            lat,
            lon,
        });
        Ok(())
    }

    /// A new AGB code: eight digits, the first two by sector (VV 47, GHZ 25,
    /// GGZ 61, a synthetic convention), the other six random and unused.
    fn new_agb_code(&mut self, rng: &mut ChaCha8Rng, sector: Sector) -> AgbCode {
        let prefix = match sector {
            Sector::Vv => 47,
            Sector::Ghz => 25,
            Sector::Ggz => 61,
        };
        loop {
            let number = prefix * 1_000_000 + rng.random_range(1..1_000_000);
            if self.agb_codes.insert(number) {
                return AgbCode::from_u32(number).expect("eight digits");
            }
        }
    }

    /// Supply is registered on the first day of the window by the region's zorgkantoor.
    fn meta(&mut self, region: Region) -> EventMeta {
        self.registered += 1;
        EventMeta {
            occurred_on: self.window.first_date(),
            recorded_at: self.window.moment(0, 7 * 3600 + self.registered),
            actor: format!("zorgkantoor:{}", region.cod001()),
            reason: None,
        }
    }
}

/// Between `min` and `max` distinct tags from `candidates` (fewer when
/// there are fewer), in candidate order.
fn choose_tags(rng: &mut ChaCha8Rng, candidates: &[&str], min: usize, max: usize) -> Vec<String> {
    let wanted = rng.random_range(min.min(candidates.len())..=max.min(candidates.len()));
    let mut chosen: Vec<usize> = Vec::with_capacity(wanted);
    while chosen.len() < wanted {
        let index = rng.random_range(0..candidates.len());
        if !chosen.contains(&index) {
            chosen.push(index);
        }
    }
    chosen.sort_unstable();
    chosen.into_iter().map(|index| candidates[index].to_string()).collect()
}
