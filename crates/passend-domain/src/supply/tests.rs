//! The supply rules checked through a small register: one provider with one
//! location of 40 places, 2 of them crisis beds.

use jiff::civil::{Date, date};
use proptest::prelude::*;

use super::*;
use crate::policy::{PolicySet, PolicyVersion};
use crate::vocabulary::{TagKind, TagProblem};

fn agb() -> AgbCode {
    AgbCode::parse("47000001").unwrap()
}

fn provider() -> Provider {
    Provider { agb: agb(), name: "Zorggroep De Linde".to_string(), region: Region::parse("Utrecht").unwrap() }
}

fn location(id: u32) -> Location {
    Location {
        id: LocationId(id),
        provider: agb(),
        name: "De Linde Zeist".to_string(),
        sector: Sector::Vv,
        care_profiles: vec![CareProfile::parse("5VV").unwrap()],
        capacity: 40,
        postcode: None,
        lat: 52.09,
        lon: 5.23,
        expertise: vec!["dementie".to_string()],
        contra_indications: vec!["weglooprisico".to_string()],
        crisis_beds: 2,
    }
}

/// A register with the provider and location 1.
fn register() -> SupplyDirectory {
    let mut supply = SupplyDirectory::default();
    supply.apply(&supply.decide_provider(provider()).unwrap());
    supply.apply(&supply.decide_location(location(1)).unwrap());
    supply
}

fn report(free: u32, occupied: Option<u32>, reported_on: Date) -> FreePlacesReport {
    FreePlacesReport { location: LocationId(1), free, occupied, free_crisis_beds: None, reported_on }
}

/// Applies `decision` when accepted and compares the outcome with `expect`.
fn check(
    supply: &mut SupplyDirectory,
    decision: Result<SupplyEvent, SupplyRejection>,
    expect: Result<(), SupplyRejection>,
) {
    match decision {
        Ok(event) => {
            assert_eq!(Ok(()), expect, "accepted: {event:?}");
            supply.apply(&event);
        }
        Err(rejection) => {
            assert_eq!(Err(rejection.clone()), expect);
            assert!(!rejection.message_nl().is_empty() && !rejection.to_string().is_empty());
        }
    }
}

#[test]
fn registrations_are_refused_with_the_reason() {
    let mut supply = SupplyDirectory::default();
    assert_eq!(supply.decide_location(location(1)), Err(SupplyRejection::UnknownProvider(agb())));
    let event = supply.decide_provider(provider()).unwrap();
    supply.apply(&event);
    assert_eq!(supply.decide_provider(provider()), Err(SupplyRejection::ProviderExists(agb())));
    let nameless_provider = Provider { agb: AgbCode::parse("47000002").unwrap(), name: " ".to_string(), ..provider() };
    assert_eq!(supply.decide_provider(nameless_provider), Err(SupplyRejection::EmptyName));
    assert_eq!(supply.decide_location(location(2)), Err(SupplyRejection::LocationExists(LocationId(2))));
    let nameless = Location { name: " ".to_string(), ..location(1) };
    assert_eq!(supply.decide_location(nameless), Err(SupplyRejection::EmptyName));
    let no_profiles = Location { care_profiles: vec![], ..location(1) };
    assert_eq!(supply.decide_location(no_profiles), Err(SupplyRejection::NoCareProfiles));
    let event = supply.decide_location(location(1)).unwrap();
    supply.apply(&event);
    assert_eq!(supply.location(LocationId(1)).map(|location| location.provider), Some(agb()));
    assert_eq!(supply.decide_location(location(1)), Err(SupplyRejection::LocationExists(LocationId(1))));
    assert!(SupplyRejection::UnknownProvider(agb()).message_nl().contains("47000001"));
}

#[test]
fn a_location_lies_in_the_netherlands_with_beds_that_fit() {
    let supply = register();
    let swapped = Location { lat: 5.23, lon: 52.09, ..location(2) };
    let outside = supply.decide_location(swapped).unwrap_err();
    assert_eq!(outside, SupplyRejection::OutsideNetherlands { lat: 5.23, lon: 52.09 });
    assert_eq!(outside.to_string(), "the coordinates lat 5.23, lon 52.09 lie outside the Netherlands");
    assert!(outside.message_nl().contains("52.09"));
    // Paris and Berlin lie outside the box; Vaals and Cadzand inside.
    assert!(!NETHERLANDS.contains(48.86, 2.35) && !NETHERLANDS.contains(52.52, 13.40));
    assert!(NETHERLANDS.contains(50.77, 6.02) && NETHERLANDS.contains(51.38, 3.38));
    let empty = Location { capacity: 0, crisis_beds: 0, ..location(2) };
    assert_eq!(supply.decide_location(empty), Err(SupplyRejection::NoCapacity));
    let crowded = Location { capacity: 3, crisis_beds: 4, ..location(2) };
    assert_eq!(
        supply.decide_location(crowded),
        Err(SupplyRejection::CrisisBedsAboveCapacity { crisis_beds: 4, capacity: 3 })
    );
    let all_crisis = Location { capacity: 4, crisis_beds: 4, ..location(2) };
    assert!(supply.decide_location(all_crisis).is_ok());
}

#[test]
fn location_tags_come_from_the_vocabulary_with_their_kind() {
    let mut supply = register();
    let unknown = Location { contra_indications: vec!["agressie".to_string()], ..location(2) };
    let rejection = supply.decide_location(unknown).unwrap_err();
    assert_eq!(
        rejection,
        SupplyRejection::Tag(TagProblem::Unknown {
            tag: "agressie".to_string(),
            expected: vec![TagKind::ContraIndication]
        })
    );
    assert!(rejection.to_string().contains("\"agressie\"") && rejection.to_string().contains("contra_indication"));
    let wrong_kind = Location { expertise: vec!["weglooprisico".to_string()], ..location(2) };
    assert!(matches!(supply.decide_location(wrong_kind), Err(SupplyRejection::Tag(TagProblem::WrongKind { .. }))));

    let context = |tags: &[&str]| tags.iter().map(|tag| tag.to_string()).collect::<Vec<_>>();
    let decision = supply.decide_location_context(LocationId(1), context(&["dementie"]));
    assert!(matches!(decision, Err(SupplyRejection::Tag(TagProblem::WrongKind { found: TagKind::Expertise, .. }))));
    let decision = supply.decide_location_context(LocationId(9), context(&["kleinschalig_wonen"]));
    check(&mut supply, decision, Err(SupplyRejection::UnknownLocation(LocationId(9))));
    let decision = supply.decide_location_context(LocationId(1), context(&["kleinschalig_wonen", "partneropname"]));
    check(&mut supply, decision, Ok(()));
    assert_eq!(supply.context_of(LocationId(1)), context(&["kleinschalig_wonen", "partneropname"]));
    assert!(supply.context_of(LocationId(2)).is_empty());
}

#[test]
fn a_contract_names_regions_and_care_profiles() {
    let mut supply = register();
    let utrecht = Region::parse("Utrecht").unwrap();
    let five = CareProfile::parse("5VV").unwrap();
    let contract =
        |regions: Vec<Region>, care_profiles: Vec<CareProfile>| Contract { provider: agb(), regions, care_profiles };
    let stranger = Contract { provider: AgbCode::parse("47000009").unwrap(), ..contract(vec![utrecht], vec![five]) };
    let decision = supply.decide_contract(stranger);
    check(&mut supply, decision, Err(SupplyRejection::UnknownProvider(AgbCode::parse("47000009").unwrap())));
    let decision = supply.decide_contract(contract(vec![], vec![five]));
    check(&mut supply, decision, Err(SupplyRejection::NoContractedRegions));
    let decision = supply.decide_contract(contract(vec![utrecht], vec![]));
    check(&mut supply, decision, Err(SupplyRejection::NoContractedProfiles));
    let decision = supply.decide_contract(contract(vec![utrecht, utrecht], vec![five]));
    check(&mut supply, decision, Err(SupplyRejection::DuplicateInContract("Utrecht".to_string())));
    let decision = supply.decide_contract(contract(vec![utrecht], vec![five]));
    check(&mut supply, decision, Ok(()));
    assert_eq!(supply.contract(agb()).map(|contract| contract.care_profiles.clone()), Some(vec![five]));
}

#[test]
fn free_places_fit_in_the_capacity() {
    let mut supply = register();
    let day = date(2026, 3, 2);
    let unknown = FreePlacesReport { location: LocationId(7), ..report(1, None, day) };
    let decision = supply.decide_free_places(unknown);
    check(&mut supply, decision, Err(SupplyRejection::UnknownLocation(LocationId(7))));
    let decision = supply.decide_free_places(report(5, Some(36), day));
    let over = SupplyRejection::CapacityBelowOccupancy { location: LocationId(1), capacity: 40, free: 5, occupied: 36 };
    assert!(over.to_string().starts_with("capacity below occupancy"));
    check(&mut supply, decision, Err(over));
    let decision = supply.decide_free_places(report(41, None, day));
    check(
        &mut supply,
        decision,
        Err(SupplyRejection::CapacityBelowOccupancy { location: LocationId(1), capacity: 40, free: 41, occupied: 0 }),
    );
    let crisis = FreePlacesReport { free_crisis_beds: Some(3), ..report(5, Some(35), day) };
    let decision = supply.decide_free_places(crisis);
    let too_many = SupplyRejection::FreeCrisisBedsAboveCrisisBeds {
        location: LocationId(1),
        free_crisis: 3,
        crisis_beds: 2,
        free: 5,
    };
    check(&mut supply, decision, Err(too_many));
    let more_crisis_than_free = FreePlacesReport { free_crisis_beds: Some(2), ..report(1, None, day) };
    let decision = supply.decide_free_places(more_crisis_than_free);
    assert!(matches!(decision, Err(SupplyRejection::FreeCrisisBedsAboveCrisisBeds { .. })));
    let decision = supply.decide_free_places(report(5, Some(35), day));
    check(&mut supply, decision, Ok(()));
    assert_eq!(supply.free_places(LocationId(1)), Some(&report(5, Some(35), day)));
    let decision = supply.decide_free_places(report(4, None, date(2026, 3, 1)));
    let older = SupplyRejection::ReportOlderThanCurrent {
        location: LocationId(1),
        reported_on: date(2026, 3, 1),
        current: day,
    };
    check(&mut supply, decision, Err(older));
    // A report of the same day replaces the earlier one.
    let decision = supply.decide_free_places(report(3, Some(37), day));
    check(&mut supply, decision, Ok(()));
    assert_eq!(supply.free_places(LocationId(1)).map(|report| report.free), Some(3));
}

#[test]
fn a_report_holds_until_it_is_withdrawn() {
    let mut supply = register();
    let day = date(2026, 3, 2);
    let decision = supply.decide_withdraw_free_places(LocationId(1), day);
    check(&mut supply, decision, Err(SupplyRejection::NoFreePlacesReport(LocationId(1))));
    let decision = supply.decide_withdraw_free_places(LocationId(2), day);
    check(&mut supply, decision, Err(SupplyRejection::UnknownLocation(LocationId(2))));
    let decision = supply.decide_free_places(report(2, None, day));
    check(&mut supply, decision, Ok(()));
    let decision = supply.decide_withdraw_free_places(LocationId(1), date(2026, 3, 5));
    check(&mut supply, decision, Ok(()));
    assert_eq!(supply.free_places(LocationId(1)), None);
}

#[test]
fn reports_older_than_the_policy_term_are_stale() {
    let mut supply = register();
    let second = Location { lat: 52.37, lon: 4.90, crisis_beds: 0, ..location(2) };
    supply.apply(&supply.decide_location(second).unwrap());
    supply.apply(&supply.decide_free_places(report(2, None, date(2026, 3, 1))).unwrap());
    let recent = FreePlacesReport { location: LocationId(2), ..report(1, None, date(2026, 3, 10)) };
    supply.apply(&supply.decide_free_places(recent).unwrap());
    let policies = PolicySet::default();
    // 14 days after 1 March is 15 March: still fresh; the day after, stale.
    assert_eq!(supply.stale_reports(date(2026, 3, 15), &policies), vec![]);
    let stale = supply.stale_reports(date(2026, 3, 16), &policies);
    assert_eq!(stale, vec![StaleReport { location: LocationId(1), reported_on: date(2026, 3, 1), age_days: 15 }]);
    assert_eq!(supply.stale_reports(date(2026, 3, 25), &policies).len(), 2);
    let strict =
        PolicySet::new(vec![PolicyVersion { free_places_stale_after_days: 3, ..PolicyVersion::passend_default() }])
            .unwrap();
    assert_eq!(supply.stale_reports(date(2026, 3, 14), &strict).len(), 2);
}

#[test]
fn crisis_places_are_listed_for_every_region() {
    let mut supply = register();
    let groningen = Location { lat: 53.22, lon: 6.57, crisis_beds: 1, ..location(2) };
    supply.apply(&supply.decide_location(groningen).unwrap());
    let without = Location { lat: 51.44, lon: 5.48, crisis_beds: 0, ..location(3) };
    supply.apply(&supply.decide_location(without).unwrap());
    let with_crisis = FreePlacesReport { free_crisis_beds: Some(1), ..report(3, None, date(2026, 3, 2)) };
    supply.apply(&supply.decide_free_places(with_crisis).unwrap());
    let places = supply.crisis_places();
    let seen: Vec<_> =
        places.iter().map(|places| (places.location.id, places.free_crisis_beds, places.reported_on)).collect();
    assert_eq!(seen, vec![(LocationId(1), Some(1), Some(date(2026, 3, 2))), (LocationId(2), None, None)]);
}

#[test]
fn a_waiting_list_closes_only_with_a_reason() {
    let mut supply = register();
    let day = date(2026, 4, 1);
    let decision = supply.decide_close_waiting_list(LocationId(1), "  ", day);
    check(&mut supply, decision, Err(SupplyRejection::NoClosingReason));
    let decision = supply.decide_close_waiting_list(LocationId(3), "verbouwing", day);
    check(&mut supply, decision, Err(SupplyRejection::UnknownLocation(LocationId(3))));
    let decision = supply.decide_reopen_waiting_list(LocationId(1), day);
    check(&mut supply, decision, Err(SupplyRejection::WaitingListNotClosed(LocationId(1))));
    let decision = supply.decide_close_waiting_list(LocationId(1), " Verbouwing tot 1 juli ", day);
    assert_eq!(
        decision,
        Ok(SupplyEvent::WaitingListClosed {
            location: LocationId(1),
            reason: "Verbouwing tot 1 juli".to_string(),
            on: day
        })
    );
    check(&mut supply, decision, Ok(()));
    let decision = supply.decide_close_waiting_list(LocationId(1), "nog een keer", date(2026, 4, 2));
    check(
        &mut supply,
        decision,
        Err(SupplyRejection::WaitingListAlreadyClosed { location: LocationId(1), since: day }),
    );
    assert_eq!(
        supply.waiting_list_closure(LocationId(1)).map(|closure| closure.reason.as_str()),
        Some("Verbouwing tot 1 juli")
    );
    let decision = supply.decide_reopen_waiting_list(LocationId(1), date(2026, 7, 1));
    check(&mut supply, decision, Ok(()));
    assert_eq!(supply.waiting_list_closure(LocationId(1)), None);
}

#[test]
fn every_supply_event_has_its_own_kind() {
    let events = [
        SupplyEvent::ProviderRegistered(provider()),
        SupplyEvent::LocationRegistered(location(1)),
        SupplyEvent::ContractRecorded(Contract { provider: agb(), regions: vec![], care_profiles: vec![] }),
        SupplyEvent::LocationContextRecorded { location: LocationId(1), context: vec![] },
        SupplyEvent::FreePlacesReported(report(1, None, date(2026, 1, 1))),
        SupplyEvent::FreePlacesWithdrawn { location: LocationId(1), on: date(2026, 1, 1) },
        SupplyEvent::WaitingListClosed { location: LocationId(1), reason: "x".to_string(), on: date(2026, 1, 1) },
        SupplyEvent::WaitingListReopened { location: LocationId(1), on: date(2026, 1, 1) },
    ];
    let mut kinds: Vec<_> = events.iter().map(SupplyEvent::kind).collect();
    kinds.sort_unstable();
    kinds.dedup();
    assert_eq!(kinds.len(), events.len());
}

proptest! {
    /// No sequence of accepted reports leaves a location with more places
    /// free and occupied than its capacity, or more free crisis beds than it
    /// has; and the binding report is always the last accepted one.
    #[test]
    fn accepted_reports_never_exceed_the_capacity(
        capacity in 1_u32..60,
        crisis_beds in 0_u32..4,
        reports in proptest::collection::vec((0_u32..70, proptest::option::of(0_u32..70), proptest::option::of(0_u32..5), 0_i16..30), 1..25),
    ) {
        let mut supply = SupplyDirectory::default();
        supply.apply(&supply.decide_provider(provider()).unwrap());
        let location = Location { capacity, crisis_beds: crisis_beds.min(capacity), ..location(1) };
        supply.apply(&supply.decide_location(location).unwrap());
        let mut last_accepted = None;
        for (free, occupied, free_crisis_beds, day) in reports {
            let reported_on = date(2026, 1, 1).checked_add(jiff::Span::new().days(day)).unwrap();
            let report = FreePlacesReport { location: LocationId(1), free, occupied, free_crisis_beds, reported_on };
            if let Ok(event) = supply.decide_free_places(report.clone()) {
                supply.apply(&event);
                last_accepted = Some(report);
            }
            if let Some(current) = supply.free_places(LocationId(1)) {
                prop_assert!(current.free + current.occupied.unwrap_or(0) <= capacity);
                prop_assert!(current.free_crisis_beds.is_none_or(|free_crisis| free_crisis <= crisis_beds.min(capacity) && free_crisis <= current.free));
            }
            prop_assert_eq!(supply.free_places(LocationId(1)), last_accepted.as_ref());
        }
    }
}
