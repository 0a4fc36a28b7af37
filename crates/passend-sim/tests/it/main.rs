//! The generator against the real SQLite engine, on the smallest region
//! (Midden-IJssel, ~4,000 clients): no rejected command, the same log for the
//! same seed, the figures in proportion, and projections that a rebuild
//! reproduces exactly.

use std::collections::BTreeMap;

use jiff::civil::{Date, date};
use passend_domain::case::CaseSummary;
use passend_domain::case::alerts::AlertKind;
use passend_domain::case::counts::WaitingPersons;
use passend_domain::codes::{Region, Sector, WaitStatus};
use passend_domain::ids::{LocationId, OcoId};
use passend_domain::policy::PolicySet;
use passend_sim::{GenerateConfig, GenerateError, GenerateStats, Scope};
use passend_store::{AlertQuery, AlertRow, EventStore, Passend, RecordedEvent, WaitingListEntry};
use passend_store_sqlite::SqliteStore;

const UNTIL: Date = date(2026, 11, 23);

fn small_region() -> Region {
    Region::parse("Midden-IJssel").expect("a region")
}

fn generated(seed: u64) -> (Passend<SqliteStore>, GenerateStats) {
    let service = Passend::open(SqliteStore::in_memory().expect("an in-memory store"), PolicySet::default())
        .expect("an empty store opens");
    let config = GenerateConfig::new(Scope::Region(small_region()), seed, UNTIL);
    let stats = passend_sim::generate(&service, &config, &|_| {}).expect("the region generates");
    (service, stats)
}

fn summaries(service: &Passend<SqliteStore>) -> Vec<CaseSummary> {
    service.projected_summaries().expect("summaries read")
}

fn event_log(service: &Passend<SqliteStore>) -> Vec<RecordedEvent> {
    let mut log = Vec::new();
    loop {
        let after = log.last().map_or(0, |event: &RecordedEvent| event.position);
        let page = service.store().read_all(after, 50_000).expect("the log reads");
        if page.is_empty() {
            return log;
        }
        log.extend(page);
    }
}

#[test]
fn a_small_region_generates_through_the_rules_without_rejections() {
    let (service, stats) = generated(1);
    assert_eq!(stats.rejected, 0, "rejected commands: {:#?}", stats.rejection_samples);
    assert_eq!((stats.from, stats.until), (date(2025, 11, 24), UNTIL));
    assert!(stats.clients > 3_000 && stats.clients < 6_000, "{} clients", stats.clients);
    assert!(stats.locations >= 9 && stats.providers >= 3, "{stats:?}");
    assert_eq!(stats.events, event_log(&service).len() as u64);
    assert_eq!(service.store().last_occurred_on().unwrap(), Some(UNTIL), "the history runs up to `until`");

    // The generator's own count of the end state is what the projections hold.
    let summaries = summaries(&service);
    assert_eq!(summaries.len() as u32, stats.clients);
    let mut waiting: BTreeMap<Sector, WaitingPersons> = BTreeMap::new();
    for summary in &summaries {
        if let (Some(status), Some(sector)) = (summary.status, summary.sector()) {
            waiting.entry(sector).or_default().add(status, 1);
        }
    }
    assert_eq!(waiting, stats.end_state.waiting);
    assert_eq!(service.region_waiting_persons(small_region()).unwrap(), stats.end_state.waiting_total());

    // About one client in seven lets OCO 1 or 2 see the case.
    let indicated: Vec<&CaseSummary> = summaries.iter().filter(|summary| summary.care_profile.is_some()).collect();
    let consenting = |oco| indicated.iter().filter(|summary| summary.oco_consent == Some(OcoId(oco))).count();
    let share = (consenting(1) + consenting(2)) as f64 / indicated.len() as f64;
    assert!((0.12..0.18).contains(&share), "{share:.3} consent to an OCO");
    assert!(consenting(1) > 0 && consenting(2) > 0);
    assert!(summaries.iter().all(|summary| summary.oco_consent.is_none_or(|oco| (1..=2).contains(&oco.0))));

    // Most waiting clients have a living profile the matcher can use.
    let waiting: Vec<&CaseSummary> = summaries.iter().filter(|summary| summary.status.is_some()).collect();
    let profiled =
        waiting.iter().filter(|summary| service.case_state(summary.client).unwrap().0.living_profile.is_some()).count();
    let share = profiled as f64 / waiting.len() as f64;
    assert!((0.5..0.7).contains(&share), "{share:.3} of the waiting clients have a living profile");

    // A few clients in care have a complex case, at different steps, each
    // for a client whose dossierhouder it names.
    let cases = service.complex_cases().unwrap();
    assert!((2..=12).contains(&cases.len()), "{} complex cases", cases.len());
    for case in &cases {
        let opening = case.state.opening.as_ref().unwrap();
        let summary = summaries.iter().find(|summary| summary.client == opening.client).unwrap();
        assert_eq!(case.state.dossierhouder, summary.dossierhouder);
        assert!(!case.state.tasks.is_empty());
    }
    let steps: std::collections::BTreeSet<_> = cases.iter().filter_map(|case| case.state.step).collect();
    assert!(steps.len() >= 2, "the cases stand at one step only: {steps:?}");
}

#[test]
fn the_figures_are_in_proportion_to_the_nation() {
    let (service, stats) = generated(1);
    let end = &stats.end_state;
    let share = f64::from(small_region().inhabitants()) / 16_915_261.0;
    let near = |actual: u32, national: f64, tolerance: f64| {
        let expected = national * share;
        (f64::from(actual) - expected).abs() <= expected * tolerance + 3.0
    };
    assert!(near(end.with_indication, 358_000.0, 0.1), "{} with an indication", end.with_indication);
    let total = end.waiting_total();
    assert!(near(total.official_total(), 23_700.0, 0.1), "{total:?}");
    assert!(near(total.wacht_uit_voorzorg, 11_000.0, 0.15), "{total:?}");
    assert!(near(total.urgent_plaatsen + total.actief_plaatsen, 4_800.0, 0.25), "{total:?}");
    assert!(near(end.placed[&Sector::Vv], 122_000.0, 0.15), "{:?}", end.placed);
    for status in WaitStatus::ALL {
        assert!(total.get(status) > 0, "nobody with status {status:?}");
    }
    let vv = end.waiting[&Sector::Vv].official_total();
    assert!(vv > 8 * (end.waiting[&Sector::Ghz].official_total() + end.waiting[&Sector::Ggz].official_total()));
    assert!(end.bridging > 0 && end.without_allocation > 0 && end.ended > 0, "{end:?}");

    // Every kind of alert is open somewhere on the last day.
    let open = service
        .open_alerts(&AlertQuery { on: UNTIL, region: None, kind: None, provider: None, limit: 100_000 })
        .unwrap();
    for kind in
        [AlertKind::NormExceeded, AlertKind::NoAllocation, AlertKind::BridgedWaiting, AlertKind::FirstContactOverdue]
    {
        assert!(open.iter().any(|alert| alert.kind == kind), "no open {kind:?} alert");
    }
    assert!(open.len() < (total.official_total() + total.wacht_uit_voorzorg) as usize, "{} alerts", open.len());

    // No location holds more clients than it has beds.
    let mut placed: BTreeMap<LocationId, u32> = BTreeMap::new();
    for summary in summaries(&service) {
        if let Some(location) = summary.placed_at {
            *placed.entry(location).or_default() += 1;
        }
    }
    let supply = service.supply();
    for (location, clients) in placed {
        let capacity = supply.location(location).expect("a registered location").capacity;
        assert!(clients <= capacity, "location {location}: {clients} clients in {capacity} beds");
    }
}

#[test]
fn the_same_seed_gives_the_same_event_log() {
    let (first, _) = generated(7);
    let (second, _) = generated(7);
    let log = event_log(&first);
    assert!(log.len() > 10_000);
    assert!(log == event_log(&second), "two runs with seed 7 differ");
    let (other, _) = generated(8);
    assert!(log != event_log(&other), "seeds 7 and 8 give the same log");
}

/// Everything the projections answer, read back for comparison.
#[derive(Debug, PartialEq)]
struct Snapshot {
    summaries: Vec<CaseSummary>,
    waiting_lists: Vec<Vec<WaitingListEntry>>,
    region_persons: Vec<WaitingPersons>,
    alerts: Vec<Vec<AlertRow>>,
}

fn snapshot(service: &Passend<SqliteStore>, locations: u32) -> Snapshot {
    let waiting_lists = (1..=locations).map(|location| service.waiting_list(LocationId(location)).unwrap()).collect();
    let region_persons = Region::all().map(|region| service.region_waiting_persons(region).unwrap()).collect();
    let alerts = [date(2025, 12, 1), date(2026, 3, 1), date(2026, 8, 15), UNTIL, date(2027, 6, 1)]
        .into_iter()
        .map(|on| {
            service.open_alerts(&AlertQuery { on, region: None, kind: None, provider: None, limit: 1_000_000 }).unwrap()
        })
        .collect();
    Snapshot { summaries: summaries(service), waiting_lists, region_persons, alerts }
}

#[test]
fn a_rebuild_reproduces_the_projections_written_with_the_events() {
    let (service, stats) = generated(3);
    let incremental = snapshot(&service, stats.locations);
    assert!(incremental.waiting_lists.iter().any(|list| list.len() > 10));
    assert!(incremental.alerts[3].len() > 10 && incremental.alerts[4].len() > incremental.alerts[3].len());
    assert_eq!(incremental.summaries, service.summaries_as_of(None).unwrap(), "projection = fold of the log");
    assert_eq!(service.rebuild().unwrap(), stats.clients as usize);
    let rebuilt = snapshot(&service, stats.locations);
    assert!(incremental == rebuilt, "the rebuilt projections differ from the incremental ones");
}

#[test]
fn generation_needs_an_empty_store() {
    let (service, _) = generated(1);
    let config = GenerateConfig::new(Scope::Region(small_region()), 1, UNTIL);
    let again = passend_sim::generate(&service, &config, &|_| {});
    assert!(matches!(again, Err(GenerateError::StoreNotEmpty)), "{again:?}");
}

#[test]
fn short_and_long_windows_generate_without_rejections() {
    for months in [1, 2, 24] {
        let service = Passend::open(SqliteStore::in_memory().unwrap(), PolicySet::default()).unwrap();
        let mut config = GenerateConfig::new(Scope::Region(small_region()), 5, UNTIL);
        config.months = months;
        let stats = passend_sim::generate(&service, &config, &|_| {}).expect("the region generates");
        assert_eq!(stats.rejected, 0, "{months} months: {:#?}", stats.rejection_samples);
        assert_eq!(stats.until, UNTIL);
        let waiting = stats.end_state.waiting_total();
        assert!(waiting.official_total() > 150, "{months} months: {waiting:?}");
        let earliest = event_log(&service).iter().map(|event| event.meta.occurred_on).min();
        assert_eq!(earliest, Some(stats.from), "{months} months");
    }
    let zero = GenerateConfig { months: 0, ..GenerateConfig::new(Scope::Nation, 1, UNTIL) };
    let service = Passend::open(SqliteStore::in_memory().unwrap(), PolicySet::default()).unwrap();
    assert!(matches!(passend_sim::generate(&service, &zero, &|_| {}), Err(GenerateError::InvalidConfig(_))));
}
