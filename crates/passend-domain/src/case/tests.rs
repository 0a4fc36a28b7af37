//! Rules checked through one helper: a small world, dated commands, and the
//! view that a mediator would see.

use jiff::civil::{Date, date};

use super::alerts::AlertKind;
use super::*;
use crate::codes::{
    CareEndReason, CareProfile, Classification, DeliveryForm, RefusalGround, Region, Sector, WaitStatus,
};
use crate::ids::{AgbCode, ClientId, LocationId};
use crate::policy::PolicySet;
use crate::supply::{Location, Provider, SupplyDirectory};

struct World {
    supply: SupplyDirectory,
    policies: PolicySet,
    state: CaseState,
}

fn agb(n: u32) -> AgbCode {
    AgbCode::parse(&format!("{:08}", 47_000_000 + n)).unwrap()
}

fn world() -> World {
    let mut supply = SupplyDirectory::default();
    for n in 1..=2 {
        let provider =
            Provider { agb: agb(n), name: format!("Aanbieder {n}"), region: Region::parse("Utrecht").unwrap() };
        let event = supply.decide_provider(provider).unwrap();
        supply.apply(&event);
        let location = Location {
            id: supply.next_location_id(),
            provider: agb(n),
            name: format!("Locatie {n}"),
            sector: Sector::Vv,
            care_profiles: vec![CareProfile::parse("5VV").unwrap()],
            capacity: 10,
            postcode: None,
            lat: 52.0,
            lon: 5.0,
            expertise: vec![],
            contra_indications: vec![],
            crisis_beds: 0,
        };
        let event = supply.decide_location(location).unwrap();
        supply.apply(&event);
    }
    let mut world = World { supply, policies: PolicySet::default(), state: CaseState::default() };
    world
        .run(
            date(2026, 1, 1),
            CaseCommand::RegisterClient(ClientRegistration {
                region: Region::parse("Utrecht").unwrap(),
                birth_date: date(1940, 1, 1),
                bsn: None,
                name: None,
                postcode: None,
                lat: 52.0,
                lon: 5.0,
            }),
        )
        .unwrap();
    world
}

impl World {
    fn run(&mut self, on: Date, command: CaseCommand) -> Result<Vec<CaseEvent>, Rejection> {
        let context = Context { policies: &self.policies, supply: &self.supply };
        let events = decide(&self.state, &command, on, context)?;
        for event in &events {
            self.state.apply(on, event);
        }
        Ok(events)
    }

    fn view(&self, on: Date) -> CaseView {
        CaseSummary::of(ClientId(1), &self.state, &self.policies).unwrap().view(on)
    }

    fn indicated(mut self, profile: &str, on: Date) -> World {
        let command = CaseCommand::RecordIndication {
            care_profile: CareProfile::parse(profile).unwrap(),
            delivery_form: Some(DeliveryForm::Verblijf),
            preferred_provider: Some(agb(1)),
        };
        self.run(on, command).unwrap();
        self
    }
}

fn status(status: WaitStatus, preferences: Option<Vec<ListTarget>>) -> CaseCommand {
    CaseCommand::SetWaitStatus { status, classification: None, preferences }
}

#[test]
fn an_allocation_to_another_provider_closes_an_open_care_refusal_request() {
    let mut world = world().indicated("5VV", date(2026, 1, 5));
    world
        .run(
            date(2026, 1, 6),
            CaseCommand::RequestCareRefusal { provider: agb(1), ground: RefusalGround::BudgetExhausted },
        )
        .unwrap();
    assert_eq!(world.view(date(2026, 1, 13)).alerts, vec![], "request day + 7 is still within the term");
    assert_eq!(world.view(date(2026, 1, 14)).alerts, vec![AlertKind::CareRefusalDecisionDue]);
    assert_eq!(
        world.view(date(2026, 1, 21)).alerts,
        vec![AlertKind::CareRefusalDecisionDue, AlertKind::FirstContactOverdue]
    );
    // A new allocation to the same provider leaves the request open.
    world.run(date(2026, 1, 21), CaseCommand::Allocate { provider: agb(1) }).unwrap();
    assert!(world.state.care_refusal.is_some());
    world.run(date(2026, 1, 22), CaseCommand::Allocate { provider: agb(2) }).unwrap();
    assert!(world.state.care_refusal.is_none());
    assert_eq!(
        world.run(date(2026, 1, 22), CaseCommand::DecideCareRefusal { approved: true }),
        Err(Rejection::NoOpenCareRefusal)
    );
}

#[test]
fn an_approved_care_refusal_returns_the_allocation() {
    let mut world = world().indicated("5VV", date(2026, 1, 5));
    world
        .run(
            date(2026, 1, 6),
            CaseCommand::RequestCareRefusal { provider: agb(1), ground: RefusalGround::WeightyReasons },
        )
        .unwrap();
    let events = world.run(date(2026, 1, 9), CaseCommand::DecideCareRefusal { approved: true }).unwrap();
    assert_eq!(events.len(), 2);
    let view = world.view(date(2026, 1, 9));
    assert_eq!(view.dossierhouder, None);
    assert_eq!(view.first_contact_due, None);
    assert_eq!(view.alerts, vec![AlertKind::NoAllocation]);
}

#[test]
fn refusals_count_only_while_waiting_for_preference_and_for_a_preferred_provider() {
    let mut world = world().indicated("5VV", date(2026, 1, 5));
    let location_2 = LocationId(2);
    world.run(date(2026, 1, 6), status(WaitStatus::ActiefPlaatsen, Some(vec![ListTarget::Provider(agb(2))]))).unwrap();
    world.run(date(2026, 1, 7), CaseCommand::MakeOffer { location: location_2 }).unwrap();
    world.run(date(2026, 1, 8), CaseCommand::RefuseOffer { location: location_2, weighty_reason: false }).unwrap();
    assert_eq!(world.view(date(2026, 1, 8)).refusals, 0, "actief plaatsen: never counted");

    world.run(date(2026, 1, 9), status(WaitStatus::WachtOpVoorkeur, None)).unwrap();
    world.run(date(2026, 1, 10), CaseCommand::MakeOffer { location: location_2 }).unwrap();
    world.run(date(2026, 1, 11), CaseCommand::RefuseOffer { location: location_2, weighty_reason: false }).unwrap();
    assert_eq!(world.view(date(2026, 1, 11)).refusals, 1, "a location of a preferred provider counts");

    // A status change resets the count.
    world.run(date(2026, 1, 12), status(WaitStatus::ActiefPlaatsen, None)).unwrap();
    world.run(date(2026, 1, 13), status(WaitStatus::WachtOpVoorkeur, None)).unwrap();
    let view = world.view(date(2026, 1, 13));
    assert_eq!((view.refusals, view.waiting_since), (0, Some(date(2026, 1, 6))));
}

#[test]
fn a_re_indication_into_another_sector_moves_the_norm() {
    let mut world = world().indicated("5VV", date(2026, 1, 5));
    world.run(date(2026, 1, 6), status(WaitStatus::ActiefPlaatsen, None)).unwrap();
    assert_eq!(world.view(date(2026, 1, 6)).norm_due, Some(date(2026, 2, 17)));
    world
        .run(
            date(2026, 1, 20),
            CaseCommand::RecordIndication {
                care_profile: CareProfile::parse("6VG").unwrap(),
                delivery_form: None,
                preferred_provider: None,
            },
        )
        .unwrap();
    let view = world.view(date(2026, 1, 20));
    assert_eq!(view.norm_due, Some(date(2026, 4, 7)), "GHZ: 91 days from 6 January");
    assert_eq!(view.dossierhouder, Some(agb(1)), "an indication without both fields changes nothing else");
}

#[test]
fn bridging_from_wacht_op_voorkeur_keeps_the_status() {
    let mut world = world().indicated("5VV", date(2026, 1, 5));
    world.run(date(2026, 1, 6), CaseCommand::RegisterFirstContact { provider: agb(1) }).unwrap();
    world
        .run(date(2026, 1, 6), status(WaitStatus::WachtOpVoorkeur, Some(vec![ListTarget::Location(LocationId(1))])))
        .unwrap();
    let events = world.run(date(2026, 2, 1), CaseCommand::Admit { location: LocationId(2), bridging: true }).unwrap();
    assert_eq!(events.len(), 1);
    let view = world.view(date(2026, 2, 1));
    assert_eq!(view.status, Some(WaitStatus::WachtOpVoorkeur));
    assert_eq!(view.alerts, vec![AlertKind::BridgedWaiting]);
    assert_eq!(view.placed_at, Some(LocationId(2)));
}

#[test]
fn urgent_clients_admitted_to_a_bridging_place_become_actief_voorkeuraanbieder_leidend() {
    let mut world = world().indicated("5VV", date(2026, 1, 5));
    world.run(date(2026, 1, 6), status(WaitStatus::UrgentPlaatsen, None)).unwrap();
    world.run(date(2026, 1, 9), CaseCommand::Admit { location: LocationId(2), bridging: true }).unwrap();
    let view = world.view(date(2026, 1, 9));
    assert_eq!(view.status, Some(WaitStatus::ActiefPlaatsen));
    assert_eq!(view.classification, Some(Classification::VoorkeuraanbiederLeidend));
    assert_eq!((view.status_since, view.waiting_since), (Some(date(2026, 1, 9)), Some(date(2026, 1, 6))));
}

#[test]
fn rejected_commands_say_why() {
    let mut world = world();
    assert_eq!(
        world.run(date(2026, 1, 2), CaseCommand::MakeOffer { location: LocationId(1) }),
        Err(Rejection::NoIndication)
    );
    let mut world = world.indicated("5VV", date(2026, 1, 5));
    assert_eq!(
        world.run(date(2026, 1, 4), CaseCommand::RegisterFirstContact { provider: agb(1) }),
        Err(Rejection::BeforeLastEvent { on: date(2026, 1, 4), last: date(2026, 1, 5) })
    );
    assert_eq!(
        world.run(date(2026, 1, 6), CaseCommand::MakeOffer { location: LocationId(9) }),
        Err(Rejection::UnknownLocation(LocationId(9)))
    );
    let rejection = world.run(date(2026, 1, 6), CaseCommand::RegisterFirstContact { provider: agb(2) }).unwrap_err();
    assert!(rejection.message_nl().starts_with("Alleen de dossierhouder (AGB 47000001)"), "{}", rejection.message_nl());
    let duplicate = vec![ListTarget::Location(LocationId(1)), ListTarget::Location(LocationId(1))];
    assert!(matches!(
        world.run(date(2026, 1, 6), status(WaitStatus::ActiefPlaatsen, Some(duplicate))),
        Err(Rejection::DuplicatePreference(_))
    ));
    world.run(date(2026, 1, 7), CaseCommand::EndCare { reason: CareEndReason::Overleden }).unwrap();
    assert_eq!(
        world.run(date(2026, 1, 8), status(WaitStatus::ActiefPlaatsen, None)),
        Err(Rejection::CareEnded { on: date(2026, 1, 7) })
    );
    assert_eq!(world.view(date(2026, 3, 1)).alerts, vec![]);
}

#[test]
fn a_closed_waiting_list_takes_nobody_new_and_keeps_who_is_on_it() {
    let mut world = world().indicated("5VV", date(2026, 1, 5));
    let on_list = |locations: &[u32]| {
        let preferences = locations.iter().map(|n| ListTarget::Location(LocationId(*n))).collect();
        status(WaitStatus::ActiefPlaatsen, Some(preferences))
    };
    world.run(date(2026, 1, 6), on_list(&[1])).unwrap();
    for location in [1, 2] {
        let closed = world.supply.decide_close_waiting_list(LocationId(location), "Verbouwing", date(2026, 1, 7));
        world.supply.apply(&closed.unwrap());
    }
    assert_eq!(world.run(date(2026, 1, 8), on_list(&[1, 2])), Err(Rejection::WaitingListClosed(LocationId(2))));
    // Already on the closed list: a new status keeps the client there.
    world.run(date(2026, 1, 8), on_list(&[1])).unwrap();
    assert!(Rejection::WaitingListClosed(LocationId(2)).message_nl().contains("gesloten"));
}

fn tags(list: &[&str]) -> Vec<String> {
    list.iter().map(|tag| tag.to_string()).collect()
}

#[test]
fn a_living_profile_is_checked_and_the_latest_one_holds() {
    let mut world = world();
    let profile = LivingProfile {
        needs: tags(&["rustige_omgeving", "dementie"]),
        contra_indications: tags(&["weglooprisico"]),
        max_distance_km: Some(25),
        near_partner: Some(LocationId(2)),
        admit_with: Some(ClientId(7)),
        language: Some(" Turks ".to_string()),
        religion: None,
    };
    let record = |profile: &LivingProfile| CaseCommand::RecordLivingProfile(profile.clone());
    assert_eq!(world.run(date(2026, 1, 2), record(&profile)), Err(Rejection::NoIndication));
    let mut world = world.indicated("5VV", date(2026, 1, 5));
    let events = world.run(date(2026, 1, 6), record(&profile)).unwrap();
    let trimmed = LivingProfile { language: Some("Turks".to_string()), ..profile.clone() };
    assert_eq!(events, vec![CaseEvent::LivingProfileRecorded(trimmed.clone())]);
    assert_eq!(world.state.living_profile, Some(trimmed));
    let later = LivingProfile { needs: tags(&["partneropname"]), ..LivingProfile::default() };
    world.run(date(2026, 1, 7), record(&later)).unwrap();
    assert_eq!(world.state.living_profile, Some(later));
}

#[test]
fn a_living_profile_is_refused_with_the_reason() {
    use crate::case::living_profile::Wish;
    use crate::vocabulary::{TagKind, TagProblem};
    let mut world = world().indicated("5VV", date(2026, 1, 5));
    let mut refused = |profile: LivingProfile| {
        let rejection = world.run(date(2026, 1, 6), CaseCommand::RecordLivingProfile(profile)).unwrap_err();
        assert!(!rejection.message_nl().is_empty());
        rejection
    };
    let needs = |list: &[&str]| LivingProfile { needs: tags(list), ..LivingProfile::default() };
    let need_kinds = vec![TagKind::Context, TagKind::Expertise];
    assert_eq!(
        refused(needs(&["zwembad"])),
        Rejection::Tag(TagProblem::Unknown { tag: "zwembad".to_string(), expected: need_kinds.clone() })
    );
    assert_eq!(
        refused(needs(&["weglooprisico"])),
        Rejection::Tag(TagProblem::WrongKind {
            tag: "weglooprisico".to_string(),
            found: TagKind::ContraIndication,
            expected: need_kinds
        })
    );
    assert_eq!(
        refused(needs(&["dementie", "dementie"])),
        Rejection::Tag(TagProblem::Duplicate("dementie".to_string()))
    );
    let traits = LivingProfile { contra_indications: tags(&["dementie"]), ..LivingProfile::default() };
    assert!(matches!(refused(traits), Rejection::Tag(TagProblem::WrongKind { found: TagKind::Expertise, .. })));
    for km in [0, 301] {
        let far = LivingProfile { max_distance_km: Some(km), ..LivingProfile::default() };
        assert_eq!(refused(far), Rejection::DistanceOutOfRange { km });
    }
    let distance = Rejection::DistanceOutOfRange { km: 0 };
    assert_eq!(distance.to_string(), "a maximum distance of 0 km is outside 1–300 km");
    let partner = LivingProfile { near_partner: Some(LocationId(9)), ..LivingProfile::default() };
    assert_eq!(refused(partner), Rejection::UnknownLocation(LocationId(9)));
    let silent = LivingProfile { language: Some("  ".to_string()), ..LivingProfile::default() };
    assert_eq!(refused(silent), Rejection::InvalidWish { wish: Wish::Language });
    let long = LivingProfile { religion: Some("x".repeat(81)), ..LivingProfile::default() };
    assert_eq!(refused(long), Rejection::InvalidWish { wish: Wish::Religion });
    assert!(Rejection::InvalidWish { wish: Wish::Religion }.message_nl().contains("levensbeschouwing"));
}
