//! Free-places reports (*vrije plaatsen*): every location reports once, on a
//! day in the last six weeks of the window, so that with the default term of
//! 14 days some reports are fresh on the last day and some are stale.
//!
//! Reports are recorded after the client histories, because the places a
//! location can report free depend on who lives there: the clients placed
//! at the end of the window occupy their beds, and the report never claims
//! more than the rest.

use std::collections::BTreeMap;

use passend_domain::ids::LocationId;
use passend_domain::supply::FreePlacesReport;
use passend_store::{EventMeta, EventStore, Passend};
use rand::Rng;

use crate::counters::Counters;
use crate::days::Window;
use crate::error::GenerateError;
use crate::random;
use crate::supply_model::SupplyModel;

/// The random streams of the reports, by location id.
const FREE_PLACES_STREAM: u64 = 0xF4EE_0000_0000;

/// The oldest report, in days before the window's last day.
const OLDEST_REPORT_DAYS: i32 = 42;

/// Records one report per location of `model`, in location order.
pub(crate) fn report_free_places<S: EventStore>(
    service: &Passend<S>,
    model: &SupplyModel,
    seed: u64,
    window: &Window,
    counters: &mut Counters,
) -> Result<(), GenerateError> {
    let mut occupied: BTreeMap<LocationId, u32> = BTreeMap::new();
    for summary in service.projected_summaries()? {
        if let Some(location) = summary.placed_at {
            *occupied.entry(location).or_default() += 1;
        }
    }
    for (index, location) in model.locations.iter().enumerate() {
        let mut rng = random::stream(seed, FREE_PLACES_STREAM + u64::from(location.id.0));
        let crisis_beds = service.supply().location(location.id).map_or(0, |registered| registered.crisis_beds);
        let occupied = occupied.get(&location.id).copied().unwrap_or(0).min(location.capacity);
        let room = location.capacity - occupied;
        let free = rng.random_range(0..=room.min(3));
        let free_crisis_beds = (crisis_beds > 0).then(|| rng.random_range(0..=crisis_beds.min(free)));
        let day = (window.last() - rng.random_range(0..=OLDEST_REPORT_DAYS)).max(0);
        let report = FreePlacesReport {
            location: location.id,
            free,
            occupied: Some(occupied),
            free_crisis_beds,
            reported_on: window.date(day),
        };
        let meta = EventMeta {
            occurred_on: window.date(day),
            recorded_at: window.moment(day, 17 * 3600 + index as i64),
            actor: model.provider_of(index as u32).actor.clone(),
            reason: None,
        };
        if let Err(error) = service.report_free_places(report, meta) {
            counters.failed(error, || format!("report the free places of location {}", location.id))?;
            continue;
        }
        counters.events += 1;
    }
    Ok(())
}
