//! The behaviour every storage engine must show, as one suite. An engine's
//! tests call [`conformance_tests!`](crate::conformance_tests) with a function
//! that makes an empty store; each check becomes a test of that engine.
//!
//! The checks go through [`Passend`], the same path as every caller, and
//! compare the engine's projections with the pure fold of the same events.

use jiff::civil::{Date, date};
use passend_domain::case::alerts::AlertKind;
use passend_domain::case::{CaseCommand, CaseSummary, ClientRegistration, ListTarget, Rejection};
use passend_domain::codes::{CareEndReason, CareProfile, DeliveryForm, Region, Sector, WaitStatus};
use passend_domain::ids::{AgbCode, ClientId, LocationId};
use passend_domain::policy::PolicySet;
use passend_domain::supply::{Location, Provider};

use crate::event_store::{AlertQuery, Commit, EventStore, StoreError, StreamAppend};
use crate::{
    ClientPage, ClientQuery, ClientScope, CommandError, Event, EventMeta, NewEvent, Passend, StreamId, WaitingListEntry,
};

mod client_list;
mod complex_cases;
mod matching;
mod notes_and_consent;
mod supply_register;

pub use client_list::{
    clients_by_every_filter, clients_found_by_name_bsn_and_number, clients_in_every_scope, clients_sorted_and_paged,
};
pub use complex_cases::{
    a_registration_round_is_seeded_from_the_best_places, complex_cases_are_opened_once_per_client_and_run_their_steps,
    signals_are_numbered_and_contacted_only_with_consent,
};
pub use matching::{partners_are_proposed_at_one_location, the_matcher_answers_from_the_registers};
pub use notes_and_consent::{
    notes_are_numbered_and_leave_the_case_alone, oco_consent_is_recorded_withdrawn_and_rebuilt,
};
pub use supply_register::{
    a_living_profile_is_recorded_on_the_case, contracts_and_location_context_are_recorded,
    free_places_are_reported_replaced_and_withdrawn, waiting_lists_close_with_a_reason_and_reopen,
};

/// Generates one `#[test]` per conformance check for an engine.
/// `$make` is an expression that returns a new, empty store.
#[macro_export]
macro_rules! conformance_tests {
    ($make:expr) => {
        $crate::conformance_tests!(@tests $make;
            appends_and_reads_streams_with_versions,
            a_conflicting_commit_writes_nothing,
            reads_the_log_in_order_and_as_of_a_date,
            projections_follow_every_command,
            a_rejected_command_leaves_no_trace,
            rebuild_equals_incremental_on_generated_data,
            clients_in_every_scope,
            clients_by_every_filter,
            clients_sorted_and_paged,
            clients_found_by_name_bsn_and_number,
            notes_are_numbered_and_leave_the_case_alone,
            oco_consent_is_recorded_withdrawn_and_rebuilt,
            free_places_are_reported_replaced_and_withdrawn,
            waiting_lists_close_with_a_reason_and_reopen,
            contracts_and_location_context_are_recorded,
            a_living_profile_is_recorded_on_the_case,
            the_matcher_answers_from_the_registers,
            partners_are_proposed_at_one_location,
            complex_cases_are_opened_once_per_client_and_run_their_steps,
            signals_are_numbered_and_contacted_only_with_consent,
            a_registration_round_is_seeded_from_the_best_places);
    };
    (@tests $make:expr; $($check:ident),*) => {
        $(
            #[test]
            fn $check() {
                $crate::conformance::$check(&|| $make);
            }
        )*
    };
}

/// The meta of an event recorded by a conformance check on `day`.
pub fn meta(day: Date) -> EventMeta {
    EventMeta {
        occurred_on: day,
        recorded_at: day.to_zoned(jiff::tz::TimeZone::UTC).expect("valid day").timestamp(),
        actor: "conformance".to_string(),
        reason: None,
    }
}

fn agb(n: u32) -> AgbCode {
    AgbCode::parse(&format!("{:08}", 47_000_000 + n)).expect("valid AGB code")
}

fn utrecht() -> Region {
    Region::parse("Utrecht").expect("Utrecht is a region")
}

/// A service over a new store with `providers` providers, each with one location.
fn world<S: EventStore>(make: &dyn Fn() -> S, providers: u32) -> Passend<S> {
    let service = Passend::open(make(), PolicySet::default()).expect("an empty store opens");
    for n in 1..=providers {
        let provider = Provider { agb: agb(n), name: format!("Aanbieder {n}"), region: utrecht() };
        service.register_provider(provider, meta(date(2026, 1, 1))).expect("provider registers");
        let location = Location {
            id: LocationId(0),
            provider: agb(n),
            name: format!("Locatie {n}"),
            sector: Sector::Vv,
            care_profiles: vec![CareProfile::parse("5VV").expect("5VV")],
            capacity: 20,
            postcode: None,
            lat: 52.0,
            lon: 5.1,
            expertise: Vec::new(),
            contra_indications: Vec::new(),
            crisis_beds: 0,
        };
        service.register_location(location, meta(date(2026, 1, 1))).expect("location registers");
    }
    service
}

fn registration(region: Region) -> ClientRegistration {
    ClientRegistration {
        region,
        birth_date: date(1940, 5, 1),
        bsn: None,
        name: None,
        postcode: None,
        lat: 52.0,
        lon: 5.1,
    }
}

fn indication(provider: AgbCode) -> CaseCommand {
    CaseCommand::RecordIndication {
        care_profile: CareProfile::parse("5VV").expect("5VV"),
        delivery_form: Some(DeliveryForm::Verblijf),
        preferred_provider: Some(provider),
    }
}

pub fn appends_and_reads_streams_with_versions<S: EventStore>(make: &dyn Fn() -> S) {
    let service = world(make, 1);
    let client = service.register_client(registration(utrecht()), meta(date(2026, 1, 5))).unwrap();
    assert_eq!(client, ClientId(1));
    let version = service.execute(client, &indication(agb(1)), meta(date(2026, 1, 5)), Some(1)).unwrap();
    assert_eq!(version, 3, "indication + automatic allocation: the version the next command must carry");
    let store = service.store();
    assert_eq!(store.stream_version(StreamId::Client(client)).unwrap(), 3);
    let events = store.read_stream(StreamId::Client(client)).unwrap();
    assert_eq!(events.iter().map(|event| event.version).collect::<Vec<_>>(), vec![1, 2, 3]);
    assert_eq!(events[1].event.kind(), "indication_recorded");
    assert_eq!(events[2].event.kind(), "allocation_made");
    assert_eq!(events[2].meta, meta(date(2026, 1, 5)));
    assert_eq!(store.stream_version(StreamId::Client(ClientId(99))).unwrap(), 0);
    assert!(store.read_stream(StreamId::Client(ClientId(99))).unwrap().is_empty());
    assert_eq!(store.client_count().unwrap(), 1);
    // The supply register is read back when the store is opened again.
    let reopened = Passend::open(service.into_store(), PolicySet::default()).unwrap();
    assert_eq!(reopened.supply().location(LocationId(1)).map(|location| location.provider), Some(agb(1)));
    assert!(reopened.supply().provider(agb(1)).is_some());
}

pub fn a_conflicting_commit_writes_nothing<S: EventStore>(make: &dyn Fn() -> S) {
    let service = world(make, 1);
    let first = service.register_client(registration(utrecht()), meta(date(2026, 1, 5))).unwrap();
    let second = service.register_client(registration(utrecht()), meta(date(2026, 1, 5))).unwrap();
    // A stale expected version is a conflict, and nothing is written.
    let stale = service.execute(first, &indication(agb(1)), meta(date(2026, 1, 5)), Some(0));
    assert!(
        matches!(stale, Err(CommandError::Store(StoreError::Conflict { expected: 0, actual: 1, .. }))),
        "{stale:?}"
    );
    // A commit to two streams where the second conflicts writes neither.
    let event = |day| NewEvent {
        meta: meta(day),
        event: Event::Case(passend_domain::case::CaseEvent::IndicationRecorded {
            care_profile: CareProfile::parse("5VV").unwrap(),
            delivery_form: None,
            preferred_provider: None,
        }),
    };
    let commit = Commit {
        streams: vec![
            StreamAppend {
                stream: StreamId::Client(first),
                expected_version: 1,
                events: vec![event(date(2026, 1, 6))],
                projection: None,
            },
            StreamAppend {
                stream: StreamId::Client(second),
                expected_version: 5,
                events: vec![event(date(2026, 1, 6))],
                projection: None,
            },
        ],
    };
    let result = service.store().append(&commit);
    assert!(matches!(result, Err(StoreError::Conflict { expected: 5, actual: 1, .. })), "{result:?}");
    assert_eq!(service.store().stream_version(StreamId::Client(first)).unwrap(), 1);
    assert_eq!(service.store().stream_version(StreamId::Client(second)).unwrap(), 1);
    // A new stream must be expected at version 0.
    let taken = service.store().append(&Commit {
        streams: vec![StreamAppend {
            stream: StreamId::Client(first),
            expected_version: 0,
            events: vec![event(date(2026, 1, 6))],
            projection: None,
        }],
    });
    assert!(matches!(taken, Err(StoreError::Conflict { .. })), "{taken:?}");
}

pub fn reads_the_log_in_order_and_as_of_a_date<S: EventStore>(make: &dyn Fn() -> S) {
    let service = world(make, 2);
    let client = service.register_client(registration(utrecht()), meta(date(2026, 1, 5))).unwrap();
    service.execute(client, &indication(agb(1)), meta(date(2026, 1, 5)), None).unwrap();
    service
        .execute(client, &CaseCommand::RegisterFirstContact { provider: agb(1) }, meta(date(2026, 1, 9)), None)
        .unwrap();
    let status = CaseCommand::SetWaitStatus {
        status: WaitStatus::ActiefPlaatsen,
        classification: None,
        preferences: Some(vec![ListTarget::Location(LocationId(1))]),
    };
    service.execute(client, &status, meta(date(2026, 2, 2)), None).unwrap();
    let store = service.store();

    let all = store.read_all(0, 1000).unwrap();
    assert_eq!(all.len(), 4 + 5, "two providers, two locations, five case events");
    assert!(all.windows(2).all(|pair| pair[0].position < pair[1].position));
    let tail = store.read_all(all[6].position, 2).unwrap();
    assert_eq!(tail, all[7..9].to_vec());
    assert_eq!(store.read_category("location").unwrap().len(), 2);
    assert_eq!(store.read_category("client").unwrap().len(), 5);
    assert_eq!(store.last_occurred_on().unwrap(), Some(date(2026, 2, 2)));

    let mut as_of = Vec::new();
    store
        .for_each_event(Some(date(2026, 1, 9)), &mut |event| {
            as_of.push(event);
            Ok(())
        })
        .unwrap();
    assert_eq!(as_of.len(), 8, "everything but the status of 2 February");
    assert!(as_of.iter().all(|event| event.meta.occurred_on <= date(2026, 1, 9)));

    let before = service.summaries_as_of(Some(date(2026, 1, 9))).unwrap();
    assert_eq!(before[0].status, None);
    assert_eq!(before[0].first_contact_on, Some(date(2026, 1, 9)));
    let now = service.summaries_as_of(None).unwrap();
    assert_eq!(now[0].status, Some(WaitStatus::ActiefPlaatsen));
}

pub fn projections_follow_every_command<S: EventStore>(make: &dyn Fn() -> S) {
    let service = world(make, 2);
    let day = date(2026, 1, 5);
    let mut clients = Vec::new();
    for preferred in [1, 2, 1] {
        let client = service.register_client(registration(utrecht()), meta(day)).unwrap();
        service.execute(client, &indication(agb(preferred)), meta(day), None).unwrap();
        clients.push(client);
    }
    let waits_for = |status, targets: Vec<ListTarget>| CaseCommand::SetWaitStatus {
        status,
        classification: None,
        preferences: Some(targets),
    };
    service
        .execute(
            clients[0],
            &waits_for(WaitStatus::WachtOpVoorkeur, vec![ListTarget::Location(LocationId(1))]),
            meta(date(2026, 1, 6)),
            None,
        )
        .unwrap();
    service
        .execute(
            clients[1],
            &waits_for(
                WaitStatus::ActiefPlaatsen,
                vec![ListTarget::Provider(agb(1)), ListTarget::Location(LocationId(2))],
            ),
            meta(date(2026, 1, 7)),
            None,
        )
        .unwrap();
    service
        .execute(
            clients[2],
            &waits_for(WaitStatus::UrgentPlaatsen, vec![ListTarget::Location(LocationId(1))]),
            meta(date(2026, 1, 8)),
            None,
        )
        .unwrap();

    let order = |location| {
        service.waiting_list(LocationId(location)).unwrap().iter().map(|entry| entry.client).collect::<Vec<_>>()
    };
    assert_eq!(order(1), vec![clients[2], clients[1], clients[0]]);
    assert_eq!(order(2), vec![clients[1]]);
    let persons = service.region_waiting_persons(utrecht()).unwrap();
    assert_eq!((persons.urgent_plaatsen, persons.actief_plaatsen, persons.wacht_op_voorkeur), (1, 1, 1));
    assert_eq!(service.region_waiting_persons(Region::parse("Zeeland").unwrap()).unwrap().official_total(), 0);

    // The summary in the projection is the fold of the events.
    for client in &clients {
        let (state, _) = service.case_state(*client).unwrap();
        assert_eq!(service.summary(*client).unwrap(), CaseSummary::of(*client, &state, service.policies()));
    }

    // Alerts open by date, filtered by kind and provider, most urgent first.
    let query = |on, kind| AlertQuery { on, region: None, kind, provider: None, limit: 100 };
    assert!(service.open_alerts(&query(date(2026, 1, 19), None)).unwrap().is_empty());
    let overdue = service.open_alerts(&query(date(2026, 1, 20), None)).unwrap();
    assert_eq!(overdue.len(), 3);
    assert!(
        overdue
            .iter()
            .all(|alert| alert.kind == AlertKind::FirstContactOverdue && alert.deadline == Some(date(2026, 1, 19)))
    );
    let for_provider_2 = AlertQuery { provider: Some(agb(2)), ..query(date(2026, 1, 20), None) };
    assert_eq!(service.open_alerts(&for_provider_2).unwrap().len(), 1);
    let in_zeeland = AlertQuery { region: Some(Region::parse("Zeeland").unwrap()), ..query(date(2026, 1, 20), None) };
    assert!(service.open_alerts(&in_zeeland).unwrap().is_empty());
    let norm = service.open_alerts(&query(date(2026, 2, 19), Some(AlertKind::NormExceeded))).unwrap();
    assert_eq!(norm.iter().map(|alert| alert.client).collect::<Vec<_>>(), vec![clients[1]]);
    let limited = AlertQuery { limit: 2, ..query(date(2026, 2, 19), None) };
    assert_eq!(service.open_alerts(&limited).unwrap().len(), 2);

    // Ending care removes the client from every list, count and inbox.
    service
        .execute(clients[2], &CaseCommand::EndCare { reason: CareEndReason::Overleden }, meta(date(2026, 1, 9)), None)
        .unwrap();
    assert_eq!(order(1), vec![clients[1], clients[0]]);
    assert_eq!(service.region_waiting_persons(utrecht()).unwrap().urgent_plaatsen, 0);
    let open = service.open_alerts(&query(date(2026, 3, 1), None)).unwrap();
    assert!(open.iter().all(|alert| alert.client != clients[2]));
}

pub fn a_rejected_command_leaves_no_trace<S: EventStore>(make: &dyn Fn() -> S) {
    let service = world(make, 2);
    let client = service.register_client(registration(utrecht()), meta(date(2026, 1, 5))).unwrap();
    service.execute(client, &indication(agb(1)), meta(date(2026, 1, 5)), None).unwrap();
    let before_summary = service.summary(client).unwrap();
    let before_log = service.store().read_all(0, 1000).unwrap();
    let rejected =
        service.execute(client, &CaseCommand::RegisterFirstContact { provider: agb(2) }, meta(date(2026, 1, 6)), None);
    assert!(matches!(rejected, Err(CommandError::Rejected(Rejection::NotDossierhouder { .. }))), "{rejected:?}");
    let unknown = service.execute(ClientId(7), &indication(agb(1)), meta(date(2026, 1, 6)), None);
    assert!(matches!(unknown, Err(CommandError::UnknownClient(ClientId(7)))), "{unknown:?}");
    // A batch with one rejected command keeps the others and records nothing of it.
    let mut batch = service.batch();
    batch.execute(client, &CaseCommand::RegisterFirstContact { provider: agb(1) }, meta(date(2026, 1, 6))).unwrap();
    assert!(batch.execute(client, &CaseCommand::ContentWithCurrent, meta(date(2026, 1, 6))).is_err());
    assert_eq!(batch.event_count(), 1);
    drop(batch);
    assert_eq!(service.store().read_all(0, 1000).unwrap(), before_log, "a dropped batch writes nothing");
    assert_eq!(service.summary(client).unwrap(), before_summary);
}

/// A small deterministic random source, so that the suite needs no crate.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Everything the projections answer, read back for comparison.
#[derive(Debug, PartialEq)]
struct ProjectionSnapshot {
    summaries: Vec<CaseSummary>,
    waiting_lists: Vec<Vec<WaitingListEntry>>,
    region_persons: Vec<passend_domain::case::counts::WaitingPersons>,
    alerts: Vec<Vec<crate::AlertRow>>,
    /// The waiting list of each region and the clients of each OCO, first pages.
    client_pages: Vec<ClientPage>,
}

fn snapshot<S: EventStore>(service: &Passend<S>, locations: u32) -> ProjectionSnapshot {
    let summaries = service.projected_summaries().unwrap();
    let waiting_lists = (1..=locations).map(|location| service.waiting_list(LocationId(location)).unwrap()).collect();
    let region_persons = Region::all().map(|region| service.region_waiting_persons(region).unwrap()).collect();
    let alerts = [date(2026, 1, 1), date(2026, 3, 1), date(2026, 6, 1), date(2027, 6, 1)]
        .into_iter()
        .map(|on| {
            service.open_alerts(&AlertQuery { on, region: None, kind: None, provider: None, limit: 10_000 }).unwrap()
        })
        .collect();
    let mut queries: Vec<ClientQuery> = Region::all()
        .take(3)
        .map(|region| ClientQuery { waiting_only: true, ..ClientQuery::new(ClientScope::Regions(vec![region]), 5) })
        .collect();
    queries.extend([1, 2].map(|oco| ClientQuery::new(ClientScope::Oco(passend_domain::ids::OcoId(oco)), 5)));
    let client_pages = queries
        .iter()
        .map(|query| {
            let page = service.clients(query).unwrap();
            assert_eq!(page, client_list::expected_page(&summaries, query), "{query:?}");
            page
        })
        .collect();
    ProjectionSnapshot { summaries, waiting_lists, region_persons, alerts, client_pages }
}

/// Random commands through the service (each one validated, many rejected),
/// in single commands and batches; the incrementally maintained projections
/// must equal a rebuild from the log, and both must equal the pure fold.
pub fn rebuild_equals_incremental_on_generated_data<S: EventStore>(make: &dyn Fn() -> S) {
    let locations = 4;
    let service = world(make, locations);
    let mut random = SplitMix(2026);
    let regions: Vec<Region> = Region::all().take(3).collect();
    let mut clients = Vec::new();
    let mut day = date(2026, 1, 5);
    let profiles = ["5VV", "6VG", "4GGZ B"];
    for round in 0..40 {
        let mut batch = service.batch();
        for _ in 0..3 {
            let region = regions[random.below(3) as usize];
            let number = clients.len() as u32 + 1;
            let registration = ClientRegistration {
                name: Some(format!("Cliënt {number}")),
                bsn: (!number.is_multiple_of(4)).then(|| passend_domain::ids::Bsn::from_serial(number)),
                ..registration(region)
            };
            clients.push(batch.register_client(registration, meta(day)).unwrap());
        }
        for _ in 0..12 {
            let client = clients[random.below(clients.len() as u64) as usize];
            let provider = agb(random.below(u64::from(locations)) as u32 + 1);
            let location = LocationId(random.below(u64::from(locations)) as u32 + 1);
            let status = WaitStatus::ALL[random.below(4) as usize];
            let command = match random.below(13) {
                0 => CaseCommand::RecordIndication {
                    care_profile: CareProfile::parse(profiles[random.below(3) as usize]).unwrap(),
                    delivery_form: (random.below(2) == 0).then_some(DeliveryForm::Verblijf),
                    preferred_provider: Some(provider),
                },
                1 => CaseCommand::Allocate { provider },
                2 => CaseCommand::RegisterFirstContact { provider },
                3 | 4 => CaseCommand::SetWaitStatus {
                    status,
                    classification: None,
                    preferences: (random.below(3) > 0)
                        .then(|| vec![ListTarget::Location(location), ListTarget::Provider(provider)]),
                },
                5 => CaseCommand::MakeOffer { location },
                6 => CaseCommand::RefuseOffer { location, weighty_reason: random.below(2) == 0 },
                7 => CaseCommand::Admit { location, bridging: random.below(3) > 0 },
                8 => CaseCommand::ContentWithCurrent,
                9 => CaseCommand::RequestCareRefusal {
                    provider,
                    ground: passend_domain::codes::RefusalGround::BudgetExhausted,
                },
                10 => CaseCommand::DecideCareRefusal { approved: random.below(2) == 0 },
                11 => CaseCommand::RecordOcoConsent {
                    oco: (random.below(3) > 0).then(|| passend_domain::ids::OcoId(random.below(2) as u32 + 1)),
                },
                _ => {
                    if random.below(4) == 0 {
                        CaseCommand::EndCare { reason: CareEndReason::Verhuizing }
                    } else {
                        CaseCommand::ReturnAllocation { provider }
                    }
                }
            };
            if round % 2 == 0 {
                let _ = batch.execute(client, &command, meta(day));
            } else {
                let _ = service.execute(client, &command, meta(day), None);
            }
            if random.below(6) == 0 {
                // Notes land beside the cases and must change no projection.
                let note = service.write_note(
                    client,
                    None,
                    passend_domain::note::Audience::Everyone,
                    passend_domain::note::Party::Zorgkantoor,
                    "Gebeld met de cliënt",
                    meta(day),
                );
                // A client registered in the open batch does not exist yet.
                assert!(matches!(note, Ok(_) | Err(CommandError::UnknownClient(_))), "{note:?}");
            }
        }
        batch.commit().unwrap();
        day = day.checked_add(jiff::ToSpan::days(3)).unwrap();
    }
    let incremental = snapshot(&service, locations);
    assert!(incremental.summaries.iter().any(|summary| summary.status.is_some()), "the workload makes people wait");
    assert!(incremental.summaries.iter().any(|summary| summary.oco_consent.is_some()), "and consent to an OCO");
    assert_eq!(
        incremental.summaries,
        service.summaries_as_of(None).unwrap(),
        "the incremental projection equals the pure fold of the log"
    );
    assert_eq!(service.rebuild().unwrap(), clients.len());
    let rebuilt = snapshot(&service, locations);
    assert_eq!(incremental, rebuilt);
}
