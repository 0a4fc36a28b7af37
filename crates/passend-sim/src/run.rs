//! The orchestration: supply first, then the clients in registration order,
//! committed in batches through the service, then the free-places reports
//! and a few complex cases per region.

use passend_domain::codes::Region;
use passend_domain::ids::Bsn;
use passend_store::{EventStore, Passend};

use crate::client_history::{self, HistoryContext};
use crate::config::GenerateConfig;
use crate::counters::Counters;
use crate::days::Window;
use crate::error::GenerateError;
use crate::postcodes::postcodes;
use crate::stats::{EndState, GenerateStats, Progress, Stage};
use crate::supply_model::distance;
use crate::{complex_cases, free_places, population, providers, regions};

/// Clients per transaction: large enough that the store's per-commit cost
/// disappears, small enough that a batch's pending state stays small.
const BATCH_CLIENTS: usize = 2_000;

/// Generates the population of `config` into the empty store of `service`.
///
/// Supply is registered one command at a time (a few thousand); clients are
/// recorded client by client, each with its whole history in date order, and
/// committed a few thousand at a time. `progress` is called after every
/// provider and every batch. Fails when the store already holds events, or
/// when the store fails; rejected commands are counted, not errors.
pub fn generate<S: EventStore>(
    service: &Passend<S>,
    config: &GenerateConfig,
    progress: &dyn Fn(Progress),
) -> Result<GenerateStats, GenerateError> {
    let window = Window::ending_on(config.until, config.months).map_err(GenerateError::InvalidConfig)?;
    let store = service.store();
    if store.last_occurred_on()?.is_some() || store.client_count()? > 0 || service.supply().locations().next().is_some()
    {
        return Err(GenerateError::StoreNotEmpty);
    }
    let regions = config.regions();
    let mut counters = Counters::default();

    let model = providers::register_supply(
        service,
        &regions,
        config.seed,
        &window,
        &mut counters,
        &mut |done, total, events| progress(Progress { stage: Stage::Supply, done, total, events }),
    )?;
    let plans = population::plan_population(&model, &regions, config.seed, window.last());

    let zorgkantoor_actors: Vec<String> =
        regions::all().iter().map(|region| format!("zorgkantoor:{}", region.cod001())).collect();
    let neighbours = neighbours(&regions);
    let context = HistoryContext {
        model: &model,
        window: &window,
        neighbours: &neighbours,
        zorgkantoor_actors: &zorgkantoor_actors,
        bsn_offset: (config.seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as u32 % Bsn::DISTINCT_SERIALS,
    };
    let mut end_state = EndState::default();
    let mut agenda = Vec::new();
    let total = plans.len() as u64;
    let mut done = 0;
    for chunk in plans.chunks(BATCH_CLIENTS) {
        let mut batch = service.batch();
        for plan in chunk {
            client_history::record(
                plan,
                done as u32,
                &context,
                &mut batch,
                &mut agenda,
                &mut counters,
                &mut end_state,
            )?;
            done += 1;
        }
        counters.events += batch.commit()? as u64;
        progress(Progress { stage: Stage::Clients, done, total, events: counters.events });
    }
    free_places::report_free_places(service, &model, config.seed, &window, &mut counters)?;
    complex_cases::record_complex_cases(service, config.seed, &window, &mut counters)?;

    Ok(GenerateStats {
        from: window.first_date(),
        until: window.last_date(),
        providers: model.providers.len() as u32,
        locations: model.locations.len() as u32,
        clients: store.client_count()?,
        events: counters.events,
        rejected: counters.rejected,
        rejection_samples: counters.samples,
        end_state,
    })
}

/// For the nation: each region's nearest other region (by the centre of its
/// postcodes), where some clients also look for a place. For one region:
/// none, since only its own supply exists.
fn neighbours(in_scope: &[Region]) -> Vec<Option<Region>> {
    let postcodes = postcodes();
    regions::all()
        .iter()
        .map(|region| {
            if in_scope.len() < 2 || !in_scope.contains(region) {
                return None;
            }
            let (lat, lon) = postcodes.centre(*region);
            in_scope
                .iter()
                .filter(|other| *other != region)
                .map(|other| {
                    let (other_lat, other_lon) = postcodes.centre(*other);
                    (distance(lat, lon, other_lat, other_lon), *other)
                })
                .min_by(|a, b| a.0.total_cmp(&b.0))
                .map(|(_, other)| other)
        })
        .collect()
}
