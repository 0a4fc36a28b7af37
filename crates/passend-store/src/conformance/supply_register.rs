//! Conformance of the supply register beyond registration: contracts,
//! location context, free-places reports and closed waiting lists, and the
//! client's living profile that a matcher compares with them. Each check
//! reopens the store to see that the register folds back from the log, and
//! that a refused request leaves no event.

use jiff::civil::date;
use passend_domain::case::{CaseCommand, LivingProfile, Rejection};
use passend_domain::codes::CareProfile;
use passend_domain::ids::LocationId;
use passend_domain::policy::PolicySet;
use passend_domain::supply::{Contract, FreePlacesReport, StaleReport, SupplyRejection};

use super::{agb, indication, meta, registration, utrecht, world};
use crate::event_store::EventStore;
use crate::{CommandError, Passend, StreamId};

fn refused_with<T: std::fmt::Debug>(result: Result<T, CommandError>, expected: SupplyRejection) {
    match result {
        Err(CommandError::Supply(rejection)) => assert_eq!(rejection, expected),
        other => panic!("expected {expected:?}, got {other:?}"),
    }
}

fn tags(list: &[&str]) -> Vec<String> {
    list.iter().map(|tag| tag.to_string()).collect()
}

pub fn free_places_are_reported_replaced_and_withdrawn<S: EventStore>(make: &dyn Fn() -> S) {
    let service = world(make, 1);
    let location = LocationId(1);
    let report =
        |free, occupied, day| FreePlacesReport { location, free, occupied, free_crisis_beds: None, reported_on: day };
    service.report_free_places(report(3, Some(15), date(2026, 2, 2)), meta(date(2026, 2, 2))).unwrap();
    refused_with(
        service.report_free_places(report(3, Some(18), date(2026, 2, 3)), meta(date(2026, 2, 3))),
        SupplyRejection::CapacityBelowOccupancy { location, capacity: 20, free: 3, occupied: 18 },
    );
    refused_with(
        service.withdraw_free_places(LocationId(5), meta(date(2026, 2, 3))),
        SupplyRejection::UnknownLocation(LocationId(5)),
    );
    assert_eq!(service.store().stream_version(StreamId::Location(location)).unwrap(), 2, "registration + report");
    service.report_free_places(report(1, None, date(2026, 2, 9)), meta(date(2026, 2, 9))).unwrap();
    assert_eq!(service.supply().free_places(location).map(|report| report.free), Some(1));
    assert_eq!(service.stale_free_places(date(2026, 2, 23)), vec![]);
    assert_eq!(
        service.stale_free_places(date(2026, 2, 24)),
        vec![StaleReport { location, reported_on: date(2026, 2, 9), age_days: 15 }]
    );
    let events = service.store().read_stream(StreamId::Location(location)).unwrap();
    let kinds: Vec<_> = events.iter().map(|event| event.event.kind()).collect();
    assert_eq!(kinds, vec!["location_registered", "free_places_reported", "free_places_reported"]);

    let reopened = Passend::open(service.into_store(), PolicySet::default()).unwrap();
    assert_eq!(reopened.supply().free_places(location), Some(&report(1, None, date(2026, 2, 9))));
    reopened.withdraw_free_places(location, meta(date(2026, 2, 10))).unwrap();
    refused_with(
        reopened.withdraw_free_places(location, meta(date(2026, 2, 11))),
        SupplyRejection::NoFreePlacesReport(location),
    );
    let reopened = Passend::open(reopened.into_store(), PolicySet::default()).unwrap();
    assert_eq!(reopened.supply().free_places(location), None);
    assert_eq!(reopened.store().stream_version(StreamId::Location(location)).unwrap(), 4);
}

pub fn waiting_lists_close_with_a_reason_and_reopen<S: EventStore>(make: &dyn Fn() -> S) {
    let service = world(make, 1);
    let location = LocationId(1);
    refused_with(service.close_waiting_list(location, " ", meta(date(2026, 3, 1))), SupplyRejection::NoClosingReason);
    refused_with(
        service.reopen_waiting_list(location, meta(date(2026, 3, 1))),
        SupplyRejection::WaitingListNotClosed(location),
    );
    service.close_waiting_list(location, "Verbouwing", meta(date(2026, 3, 2))).unwrap();
    refused_with(
        service.close_waiting_list(location, "Personeelstekort", meta(date(2026, 3, 3))),
        SupplyRejection::WaitingListAlreadyClosed { location, since: date(2026, 3, 2) },
    );
    let reopened = Passend::open(service.into_store(), PolicySet::default()).unwrap();
    let closure = reopened.supply().waiting_list_closure(location).cloned();
    assert_eq!(
        closure.map(|closure| (closure.reason, closure.since)),
        Some(("Verbouwing".to_string(), date(2026, 3, 2)))
    );
    reopened.reopen_waiting_list(location, meta(date(2026, 6, 1))).unwrap();
    let reopened = Passend::open(reopened.into_store(), PolicySet::default()).unwrap();
    assert_eq!(reopened.supply().waiting_list_closure(location), None);
    let events = reopened.store().read_stream(StreamId::Location(location)).unwrap();
    let kinds: Vec<_> = events.iter().map(|event| event.event.kind()).collect();
    assert_eq!(kinds, vec!["location_registered", "waiting_list_closed", "waiting_list_reopened"]);
}

pub fn contracts_and_location_context_are_recorded<S: EventStore>(make: &dyn Fn() -> S) {
    let service = world(make, 1);
    let five = CareProfile::parse("5VV").unwrap();
    let contract = Contract { provider: agb(1), regions: vec![utrecht()], care_profiles: vec![five] };
    refused_with(
        service.record_contract(Contract { care_profiles: vec![], ..contract.clone() }, meta(date(2026, 1, 2))),
        SupplyRejection::NoContractedProfiles,
    );
    service.record_contract(contract.clone(), meta(date(2026, 1, 2))).unwrap();
    refused_with(
        service.record_location_context(LocationId(1), tags(&["dementie"]), meta(date(2026, 1, 2))),
        SupplyRejection::Tag(passend_domain::vocabulary::TagProblem::WrongKind {
            tag: "dementie".to_string(),
            found: passend_domain::vocabulary::TagKind::Expertise,
            expected: vec![passend_domain::vocabulary::TagKind::Context],
        }),
    );
    service.record_location_context(LocationId(1), tags(&["tuin_of_buitenruimte"]), meta(date(2026, 1, 2))).unwrap();
    let reopened = Passend::open(service.into_store(), PolicySet::default()).unwrap();
    assert_eq!(reopened.supply().contract(agb(1)), Some(&contract));
    assert_eq!(reopened.supply().context_of(LocationId(1)), tags(&["tuin_of_buitenruimte"]));
    let provider_events = reopened.store().read_stream(StreamId::Provider(agb(1))).unwrap();
    assert_eq!(provider_events.last().map(|event| event.event.kind()), Some("contract_recorded"));
}

pub fn a_living_profile_is_recorded_on_the_case<S: EventStore>(make: &dyn Fn() -> S) {
    let service = world(make, 2);
    let client = service.register_client(registration(utrecht()), meta(date(2026, 1, 5))).unwrap();
    service.execute(client, &indication(agb(1)), meta(date(2026, 1, 5)), None).unwrap();
    let profile = LivingProfile {
        needs: tags(&["kleinschalig_wonen", "dementie"]),
        contra_indications: tags(&["weglooprisico"]),
        max_distance_km: Some(20),
        near_partner: Some(LocationId(2)),
        admit_with: None,
        language: None,
        religion: Some("Rooms-katholiek".to_string()),
    };
    let far = LivingProfile { max_distance_km: Some(500), ..profile.clone() };
    let refused = service.execute(client, &CaseCommand::RecordLivingProfile(far), meta(date(2026, 1, 6)), None);
    assert!(matches!(refused, Err(CommandError::Rejected(Rejection::DistanceOutOfRange { km: 500 }))), "{refused:?}");
    let (_, version) = service.case_state(client).unwrap();
    let recorded =
        service.execute(client, &CaseCommand::RecordLivingProfile(profile.clone()), meta(date(2026, 1, 6)), None);
    assert_eq!(recorded.unwrap(), version + 1);
    let (state, _) = service.case_state(client).unwrap();
    assert_eq!(state.living_profile, Some(profile));
    let events = service.store().read_stream(StreamId::Client(client)).unwrap();
    assert_eq!(events.last().map(|event| event.event.kind()), Some("living_profile_recorded"));
}
