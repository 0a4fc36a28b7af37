//! Conformance of the matcher over the registers: the stored supply, free
//! places and living profiles reach the three matching questions, and
//! partners who name each other are proposed at one location.

use jiff::civil::{Date, date};
use passend_domain::case::{CaseCommand, ListTarget, LivingProfile};
use passend_domain::codes::WaitStatus;
use passend_domain::ids::{ClientId, LocationId};
use passend_domain::supply::FreePlacesReport;
use passend_match::candidates::Exclusion;

use super::{agb, indication, meta, registration, utrecht, world};
use crate::Passend;
use crate::event_store::EventStore;
use crate::matching::MatchingError;

pub(super) const TODAY: Date = date(2026, 3, 2);

/// Registers a client waiting *actief plaatsen* for location 1 with `profile`.
pub(super) fn waiting_client<S: EventStore>(service: &Passend<S>, profile: LivingProfile) -> ClientId {
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
    service.execute(client, &CaseCommand::RecordLivingProfile(profile), meta(date(2026, 2, 3)), None).unwrap();
    client
}

pub(super) fn report_free<S: EventStore>(service: &Passend<S>, location: u32, free: u32) {
    let report = FreePlacesReport {
        location: LocationId(location),
        free,
        occupied: None,
        free_crisis_beds: None,
        reported_on: TODAY,
    };
    service.report_free_places(report, meta(TODAY)).unwrap();
}

pub fn the_matcher_answers_from_the_registers<S: EventStore>(make: &dyn Fn() -> S) {
    let service = world(make, 2);
    report_free(&service, 1, 1);
    report_free(&service, 2, 1);
    let needs_expertise = LivingProfile { needs: vec!["dementie".to_string()], ..LivingProfile::default() };
    let plain = waiting_client(&service, LivingProfile::default());
    let demanding = waiting_client(&service, needs_expertise);

    let answer = service.places_for_client(plain, 5, TODAY).unwrap();
    let best: Vec<LocationId> = answer.places.best.iter().map(|ranked| answer.supply[ranked.index].location).collect();
    assert_eq!(best, vec![LocationId(1), LocationId(2)], "the preferred location first");
    let answer = service.places_for_client(demanding, 5, TODAY).unwrap();
    assert!(answer.places.best.is_empty());
    assert!(
        answer.places.excluded.iter().all(|excluded| matches!(excluded.why, Exclusion::MissingExpertise(_))),
        "{:?}",
        answer.places.excluded
    );

    let persons = service.persons_for_location(LocationId(1), TODAY).unwrap();
    let fitting: Vec<ClientId> = persons.ranked.iter().map(|ranked| persons.demand[ranked.index].client).collect();
    assert_eq!(fitting, vec![plain]);

    let proposal = service.proposal(Some(utrecht()), TODAY).unwrap();
    assert_eq!(proposal.proposal.placed.len(), 1);
    assert_eq!(proposal.demand[proposal.proposal.placed[0].demand].client, plain);
    assert_eq!(proposal.proposal.unplaced.len(), 1, "the person who needs expertise nobody has");

    assert!(matches!(service.places_for_client(ClientId(99), 5, TODAY), Err(MatchingError::UnknownClient(_))));
    assert!(matches!(
        service.persons_for_location(LocationId(9), TODAY),
        Err(MatchingError::UnknownLocation(LocationId(9)))
    ));
}

pub fn partners_are_proposed_at_one_location<S: EventStore>(make: &dyn Fn() -> S) {
    let service = world(make, 2);
    service.record_location_context(LocationId(2), vec!["partneropname".to_string()], meta(TODAY)).unwrap();
    report_free(&service, 1, 1);
    report_free(&service, 2, 2);
    let with = |partner: u32| LivingProfile { admit_with: Some(ClientId(partner)), ..LivingProfile::default() };
    let first = waiting_client(&service, with(2));
    let second = waiting_client(&service, with(1));
    let proposal = service.proposal(None, TODAY).unwrap();
    let placed: Vec<(ClientId, LocationId)> = proposal
        .proposal
        .placed
        .iter()
        .map(|placed| (proposal.demand[placed.demand].client, proposal.supply[placed.supply].location))
        .collect();
    assert_eq!(placed, vec![(first, LocationId(2)), (second, LocationId(2))]);
}
