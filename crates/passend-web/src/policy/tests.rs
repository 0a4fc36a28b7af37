//! The access rules, role by role, on hand-made cases and a small supply.

use jiff::civil::date;
use passend_domain::case::{CaseCommand, CaseSummary, ListTarget};
use passend_domain::codes::{CareEndReason, Region, Sector, WaitStatus};
use passend_domain::ids::{AgbCode, ClientId, LocationId, OcoId};
use passend_domain::note::Party;
use passend_domain::supply::{Location, Provider, SupplyDirectory, SupplyEvent};
use passend_store::ClientScope;

use super::*;
use crate::actor::{Actor, Role};

fn agb(code: &str) -> AgbCode {
    AgbCode::parse(code).unwrap()
}

const OWN: &str = "47000001";
const OTHER: &str = "47000002";

fn supply() -> SupplyDirectory {
    let mut supply = SupplyDirectory::default();
    let region = Region::parse("Utrecht").unwrap();
    for (provider, location) in [(OWN, 1), (OTHER, 2)] {
        supply.apply(&SupplyEvent::ProviderRegistered(Provider {
            agb: agb(provider),
            name: format!("Aanbieder {provider}"),
            region,
        }));
        supply.apply(&SupplyEvent::LocationRegistered(Location {
            id: LocationId(location),
            provider: agb(provider),
            name: format!("Locatie {location}"),
            sector: Sector::Vv,
            care_profiles: Vec::new(),
            capacity: 10,
            postcode: None,
            lat: 52.0,
            lon: 5.0,
            expertise: Vec::new(),
            contra_indications: Vec::new(),
            crisis_beds: 0,
        }));
    }
    supply
}

fn actor(role: Role) -> Actor {
    Actor { username: "u".to_string(), display_name: "U".to_string(), role }
}

fn zorgkantoor(region: &str) -> Actor {
    actor(Role::Zorgkantoor { regions: vec![Region::parse(region).unwrap()] })
}

fn provider(code: &str) -> Actor {
    actor(Role::Aanbieder { agb: agb(code) })
}

/// A waiting client in Utrecht: dossierhouder `dossierhouder`, waiting for `preferences`.
fn case(dossierhouder: Option<&str>, preferences: Vec<ListTarget>, oco: Option<u32>) -> CaseSummary {
    CaseSummary {
        client: ClientId(1),
        region: Region::parse("Utrecht").unwrap(),
        name: Some("Test".to_string()),
        bsn: None,
        birth_date: date(1940, 1, 1),
        care_profile: None,
        delivery_form: None,
        dossierhouder: dossierhouder.map(agb),
        first_contact_due: None,
        first_contact_on: None,
        status: Some(WaitStatus::ActiefPlaatsen),
        classification: None,
        status_since: Some(date(2026, 1, 1)),
        waiting_since: Some(date(2026, 1, 1)),
        norm_due: None,
        refusals: 0,
        preferences,
        placed_at: None,
        bridging: false,
        ended_on: None,
        oco_consent: oco.map(OcoId),
        alerts: Vec::new(),
    }
}

#[test]
fn a_zorgkantoor_sees_its_regions_only() {
    let supply = supply();
    let summary = case(None, Vec::new(), None);
    assert_eq!(may_see(&zorgkantoor("Utrecht"), &summary, &supply), Ok(()));
    assert_eq!(may_see(&zorgkantoor("Flevoland"), &summary, &supply), Err(Denied::NotVisible));
    assert_eq!(
        client_scope(&zorgkantoor("Utrecht"), &supply),
        ClientScope::Regions(vec![Region::parse("Utrecht").unwrap()])
    );
}

#[test]
fn a_provider_sees_its_own_clients_and_those_waiting_for_it() {
    let supply = supply();
    let own = provider(OWN);
    assert_eq!(may_see(&own, &case(Some(OWN), Vec::new(), None), &supply), Ok(()));
    assert_eq!(may_see(&own, &case(Some(OTHER), vec![ListTarget::Location(LocationId(1))], None), &supply), Ok(()));
    assert_eq!(may_see(&own, &case(None, vec![ListTarget::Provider(agb(OWN))], None), &supply), Ok(()));
    assert_eq!(
        may_see(&own, &case(Some(OTHER), vec![ListTarget::Location(LocationId(2))], None), &supply),
        Err(Denied::NotVisible)
    );
    let mut placed = case(Some(OTHER), Vec::new(), None);
    placed.placed_at = Some(LocationId(1));
    assert_eq!(may_see(&own, &placed, &supply), Ok(()));
    assert_eq!(client_scope(&own, &supply), ClientScope::Provider { agb: agb(OWN), locations: vec![LocationId(1)] });
}

#[test]
fn an_oco_sees_consenting_clients_and_an_analyst_no_client() {
    let supply = supply();
    let oco = actor(Role::Oco { oco: OcoId(1) });
    assert_eq!(may_see(&oco, &case(None, Vec::new(), Some(1)), &supply), Ok(()));
    assert_eq!(may_see(&oco, &case(None, Vec::new(), Some(2)), &supply), Err(Denied::NotVisible));
    assert_eq!(may_see(&oco, &case(None, Vec::new(), None), &supply), Err(Denied::NotVisible));
    let analyst = actor(Role::Analist);
    assert_eq!(may_see(&analyst, &case(None, Vec::new(), Some(1)), &supply), Err(Denied::AggregatesOnly));
    assert_eq!(client_scope(&analyst, &supply), ClientScope::Nobody);
    assert_eq!(may_see_region_figures(&analyst, Region::parse("Utrecht").unwrap()), Ok(()));
    assert!(may_see_region_figures(&provider(OWN), Region::parse("Utrecht").unwrap()).is_err());
}

#[test]
fn a_provider_acts_as_dossierhouder_only_for_its_own_clients() {
    let supply = supply();
    let own = provider(OWN);
    let own_client = case(Some(OWN), vec![ListTarget::Location(LocationId(2))], None);
    let first_contact = |code| CaseCommand::RegisterFirstContact { provider: agb(code) };
    assert_eq!(may_command(&own, &own_client, &first_contact(OWN), &supply), Ok(()));
    assert_eq!(
        may_command(&own, &own_client, &first_contact(OTHER), &supply),
        Err(Denied::OtherProvider { provider: agb(OTHER) })
    );
    let end = CaseCommand::EndCare { reason: CareEndReason::Overleden };
    assert_eq!(may_command(&own, &own_client, &end, &supply), Ok(()));
    // Waiting for its location, but someone else's client.
    let waiting_here = case(Some(OTHER), vec![ListTarget::Location(LocationId(1))], None);
    assert_eq!(may_command(&own, &waiting_here, &end, &supply), Err(Denied::NotDossierhouder));
    assert_eq!(may_command(&own, &waiting_here, &CaseCommand::MakeOffer { location: LocationId(1) }, &supply), Ok(()));
    assert_eq!(
        may_command(&own, &own_client, &CaseCommand::MakeOffer { location: LocationId(2) }, &supply),
        Err(Denied::NotOwnLocation)
    );
    assert!(matches!(
        may_command(&own, &own_client, &CaseCommand::Allocate { provider: agb(OWN) }, &supply),
        Err(Denied::RoleMayNot { .. })
    ));
}

#[test]
fn the_zorgkantoor_may_not_speak_for_the_dossierhouder_and_others_run_no_commands() {
    let supply = supply();
    let summary = case(Some(OWN), Vec::new(), Some(1));
    let zk = zorgkantoor("Utrecht");
    assert_eq!(may_command(&zk, &summary, &CaseCommand::Allocate { provider: agb(OTHER) }, &supply), Ok(()));
    assert!(may_command(&zk, &summary, &CaseCommand::ReturnAllocation { provider: agb(OWN) }, &supply).is_err());
    let oco = actor(Role::Oco { oco: OcoId(1) });
    assert!(may_command(&oco, &summary, &CaseCommand::ContentWithCurrent, &supply).is_err());
    assert!(may_register_client(&zk, Region::parse("Utrecht").unwrap()).is_ok());
    assert!(may_register_client(&zk, Region::parse("Flevoland").unwrap()).is_err());
    assert!(may_register_client(&provider(OWN), Region::parse("Utrecht").unwrap()).is_err());
}

#[test]
fn notes_are_written_as_zorgkantoor_dossierhouder_or_consented_oco() {
    let supply = supply();
    let summary = case(Some(OWN), vec![ListTarget::Location(LocationId(2))], Some(1));
    assert_eq!(note_party(&zorgkantoor("Utrecht"), &summary, &supply), Ok(Party::Zorgkantoor));
    assert_eq!(note_party(&provider(OWN), &summary, &supply), Ok(Party::Dossierhouder));
    assert_eq!(note_party(&provider(OTHER), &summary, &supply), Err(Denied::NotDossierhouder));
    assert_eq!(note_party(&actor(Role::Oco { oco: OcoId(1) }), &summary, &supply), Ok(Party::Oco));
    assert_eq!(note_party(&actor(Role::Oco { oco: OcoId(2) }), &summary, &supply), Err(Denied::NotVisible));
}

#[test]
fn every_denial_has_a_dutch_message() {
    let denials = [
        Denied::NotVisible,
        Denied::RoleMayNot { role: "oco", action: "run commands" },
        Denied::OtherProvider { provider: agb(OTHER) },
        Denied::NotDossierhouder,
        Denied::NotOwnLocation,
        Denied::AggregatesOnly,
    ];
    for denied in denials {
        assert!(!denied.message_nl().is_empty() && !denied.to_string().is_empty());
    }
    assert_eq!(
        Denied::RoleMayNot { role: "oco", action: "run commands" }.message_nl(),
        "Uw rol mag dit niet: wijzigingen in een dossier vastleggen."
    );
}

#[test]
fn providers_change_the_register_of_their_own_locations_only() {
    let supply = supply();
    assert_eq!(may_manage_location(&provider(OWN), LocationId(1), &supply), Ok(()));
    assert_eq!(may_manage_location(&provider(OWN), LocationId(2), &supply), Err(Denied::NotOwnLocation));
    assert!(matches!(
        may_manage_location(&zorgkantoor("Utrecht"), LocationId(1), &supply),
        Err(Denied::RoleMayNot { role: "zorgkantoor", .. })
    ));
    assert_eq!(may_record_contract(&zorgkantoor("Utrecht")), Ok(()));
    assert!(may_record_contract(&provider(OWN)).is_err());
}

#[test]
fn matching_answers_go_to_who_may_see_the_persons() {
    let supply = supply();
    assert_eq!(may_rank_persons_for(&provider(OWN), LocationId(1), &supply), Ok(()));
    assert_eq!(may_rank_persons_for(&provider(OWN), LocationId(2), &supply), Err(Denied::NotOwnLocation));
    assert_eq!(may_rank_persons_for(&zorgkantoor("Utrecht"), LocationId(2), &supply), Ok(()));
    assert!(may_rank_persons_for(&actor(Role::Analist), LocationId(1), &supply).is_err());
    let utrecht = Region::parse("Utrecht").unwrap();
    assert_eq!(may_see_proposal(&zorgkantoor("Utrecht"), utrecht), Ok(()));
    assert_eq!(may_see_proposal(&zorgkantoor("Amsterdam"), utrecht), Err(Denied::OtherRegion("Utrecht")));
    assert!(may_see_proposal(&provider(OWN), utrecht).is_err());
    assert!(may_see_proposal(&actor(Role::Oco { oco: OcoId(1) }), utrecht).is_err());
}
