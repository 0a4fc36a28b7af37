//! From the registers to the matcher's view: the supply register's locations
//! with their binding free-places reports become [`Supply`], waiting cases
//! with their registration and living profile become [`Demand`].
//!
//! The translation is the one place that decides what each register field
//! means to the matcher:
//! - a location's free places are those of its binding report (a report
//!   holds until withdrawn, however old: staleness is an alert, not a zero);
//!   the free crisis beds of the report are offered apart, to urgent persons;
//! - a location lies in the region of its provider's head office: the
//!   register has no region per location, and providers are contracted by
//!   the zorgkantoor of their region;
//! - of the living profile's needs, *expertise* tags are required of a
//!   location and *context* tags are wishes that add to the score; the
//!   profile's contra-indication tags are the client's conditions;
//! - partners are admitted together only when both profiles name each other
//!   and both wait: one-sided or stale links are ignored, never guessed.

use std::collections::HashMap;

use passend_domain::case::{CaseSummary, ClientRegistration, LivingProfile};
use passend_domain::ids::ClientId;
use passend_domain::supply::SupplyDirectory;
use passend_domain::vocabulary::{TagKind, Vocabulary};

use crate::candidates::{Demand, Supply};
use crate::tags::{TagRef, TagSet};

/// Every registered location, as the matcher sees it today.
pub fn supply(directory: &SupplyDirectory) -> Vec<Supply> {
    directory
        .locations()
        .filter_map(|location| {
            let provider = directory.provider(location.provider)?;
            let (free, crisis_free) = match directory.free_places(location.id) {
                Some(report) => {
                    let crisis = report.free_crisis_beds.unwrap_or(0).min(report.free);
                    (report.free - crisis, crisis)
                }
                None => (0, 0),
            };
            Some(Supply {
                location: location.id,
                provider: location.provider,
                region: provider.region,
                sector: location.sector,
                care_profiles: location.care_profiles.clone(),
                lat: location.lat,
                lon: location.lon,
                expertise: known_tags(&location.expertise),
                context: known_tags(directory.context_of(location.id)),
                contra_indications: known_tags(&location.contra_indications),
                free,
                crisis_free,
                list_closed: directory.waiting_list_closure(location.id).is_some(),
            })
        })
        .collect()
}

/// What the matcher needs of one case: its summary, where the client lives,
/// and the living profile when one was recorded.
#[derive(Debug, Clone, Copy)]
pub struct WaitingCase<'a> {
    pub summary: &'a CaseSummary,
    pub registration: &'a ClientRegistration,
    pub profile: Option<&'a LivingProfile>,
}

/// The waiting persons among `cases`, in the order given. Cases that do not
/// wait (no status, no indication) are left out; partners are linked only
/// when both wait and name each other.
pub fn demand(cases: &[WaitingCase<'_>]) -> Vec<Demand> {
    let mut persons: Vec<Demand> = cases.iter().filter_map(one_demand).collect();
    let named: HashMap<ClientId, Option<ClientId>> =
        persons.iter().map(|person| (person.client, person.partner)).collect();
    for person in &mut persons {
        if let Some(partner) = person.partner
            && named.get(&partner) != Some(&Some(person.client))
        {
            person.partner = None;
        }
    }
    persons
}

fn one_demand(case: &WaitingCase<'_>) -> Option<Demand> {
    let summary = case.summary;
    let order = summary.waiting_order_key()?;
    let care_profile = summary.care_profile?;
    let vocabulary = Vocabulary::passend();
    let of_kind = |tokens: &[String], kind: TagKind| {
        let matching: Vec<&String> =
            tokens.iter().filter(|token| vocabulary.get(token).is_some_and(|tag| tag.kind == kind)).collect();
        known_tags(&matching)
    };
    let empty = LivingProfile::default();
    let profile = case.profile.unwrap_or(&empty);
    Some(Demand {
        client: summary.client,
        region: summary.region,
        care_profile,
        delivery_form: summary.delivery_form,
        order,
        bridging: summary.bridging,
        lat: case.registration.lat,
        lon: case.registration.lon,
        max_km: profile.max_distance_km.map(u32::from),
        needs: of_kind(&profile.needs, TagKind::Expertise),
        wishes: of_kind(&profile.needs, TagKind::Context),
        conditions: known_tags(&profile.contra_indications),
        preferences: summary.preferences.clone(),
        partner: profile.admit_with.filter(|partner| *partner != summary.client),
    })
}

/// The tags of `tokens` the vocabulary knows. The registers only ever record
/// known tags; a tag dropped from a later vocabulary no longer matches.
fn known_tags<S: AsRef<str>>(tokens: &[S]) -> TagSet {
    tokens.iter().filter_map(|token| TagRef::of(token.as_ref()).ok()).fold(TagSet::EMPTY, TagSet::with)
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;
    use passend_domain::case::waiting_order::OrderGroup;
    use passend_domain::codes::{CareProfile, DeliveryForm, Region, Sector, WaitStatus};
    use passend_domain::ids::{AgbCode, LocationId};
    use passend_domain::supply::{FreePlacesReport, Location, Provider};

    use super::*;

    fn agb() -> AgbCode {
        AgbCode::parse("47000001").unwrap()
    }

    fn register() -> SupplyDirectory {
        let mut directory = SupplyDirectory::default();
        let provider = Provider { agb: agb(), name: "De Linde".to_string(), region: Region::parse("Utrecht").unwrap() };
        directory.apply(&directory.decide_provider(provider).unwrap());
        for id in [1, 2] {
            let location = Location {
                id: LocationId(id),
                provider: agb(),
                name: format!("De Linde {id}"),
                sector: Sector::Vv,
                care_profiles: vec![CareProfile::parse("5VV").unwrap()],
                capacity: 40,
                postcode: None,
                lat: 52.09,
                lon: 5.23,
                expertise: vec!["dementie".to_string()],
                contra_indications: vec!["weglooprisico".to_string()],
                crisis_beds: 2,
            };
            directory.apply(&directory.decide_location(location).unwrap());
        }
        directory
    }

    #[test]
    fn free_places_come_from_the_binding_report_with_crisis_beds_apart() {
        let mut directory = register();
        let report = FreePlacesReport {
            location: LocationId(1),
            free: 5,
            occupied: Some(35),
            free_crisis_beds: Some(2),
            reported_on: date(2026, 1, 2),
        };
        directory.apply(&directory.decide_free_places(report).unwrap());
        let closed = directory.decide_close_waiting_list(LocationId(2), "verbouwing", date(2026, 1, 3)).unwrap();
        directory.apply(&closed);
        let supply = supply(&directory);
        assert_eq!(supply.len(), 2);
        assert_eq!((supply[0].free, supply[0].crisis_free, supply[0].list_closed), (3, 2, false));
        assert_eq!(supply[0].region, Region::parse("Utrecht").unwrap());
        assert!(supply[0].expertise.contains(TagRef::of("dementie").unwrap()));
        assert!(supply[0].contra_indications.contains(TagRef::of("weglooprisico").unwrap()));
        // No report: no free place, however large the location.
        assert_eq!((supply[1].free, supply[1].crisis_free, supply[1].list_closed), (0, 0, true));
    }

    fn summary(client: u32, status: Option<WaitStatus>) -> CaseSummary {
        CaseSummary {
            client: ClientId(client),
            region: Region::parse("Utrecht").unwrap(),
            name: None,
            bsn: None,
            birth_date: date(1940, 1, 1),
            care_profile: Some(CareProfile::parse("5VV").unwrap()),
            delivery_form: Some(DeliveryForm::Verblijf),
            dossierhouder: Some(agb()),
            first_contact_due: None,
            first_contact_on: None,
            status,
            classification: None,
            status_since: Some(date(2026, 2, 1)),
            waiting_since: Some(date(2026, 2, 1)),
            norm_due: None,
            refusals: 0,
            preferences: Vec::new(),
            placed_at: None,
            bridging: false,
            ended_on: None,
            oco_consent: None,
            alerts: Vec::new(),
        }
    }

    fn registration() -> ClientRegistration {
        ClientRegistration {
            region: Region::parse("Utrecht").unwrap(),
            birth_date: date(1940, 1, 1),
            bsn: None,
            name: None,
            postcode: None,
            lat: 52.15,
            lon: 5.38,
        }
    }

    #[test]
    fn a_waiting_case_becomes_demand_with_its_needs_wishes_and_conditions() {
        let profile = LivingProfile {
            needs: vec!["dementie".to_string(), "rustige_omgeving".to_string()],
            contra_indications: vec!["weglooprisico".to_string()],
            max_distance_km: Some(25),
            ..LivingProfile::default()
        };
        let waiting = summary(1, Some(WaitStatus::UrgentPlaatsen));
        let placed = summary(2, None);
        let registration = registration();
        let cases = [
            WaitingCase { summary: &waiting, registration: &registration, profile: Some(&profile) },
            WaitingCase { summary: &placed, registration: &registration, profile: None },
        ];
        let demand = demand(&cases);
        assert_eq!(demand.len(), 1, "only the waiting case");
        let person = &demand[0];
        assert_eq!(person.order.group, OrderGroup::Urgent);
        assert_eq!((person.lat, person.lon, person.max_km), (52.15, 5.38, Some(25)));
        assert_eq!(person.needs, TagSet::of(&["dementie"]).unwrap());
        assert_eq!(person.wishes, TagSet::of(&["rustige_omgeving"]).unwrap());
        assert_eq!(person.conditions, TagSet::of(&["weglooprisico"]).unwrap());
    }

    #[test]
    fn partners_are_linked_only_when_both_wait_and_name_each_other() {
        let with = |partner: u32| LivingProfile { admit_with: Some(ClientId(partner)), ..LivingProfile::default() };
        let registration = registration();
        let summaries: Vec<CaseSummary> =
            (1..=5).map(|client| summary(client, (client != 5).then_some(WaitStatus::ActiefPlaatsen))).collect();
        // 1 and 2 name each other; 3 names 4, who names nobody; 4 names 5, who does not wait.
        let profiles = [Some(with(2)), Some(with(1)), Some(with(4)), Some(with(5)), Some(with(4))];
        let cases: Vec<WaitingCase<'_>> = summaries
            .iter()
            .zip(&profiles)
            .map(|(summary, profile)| WaitingCase { summary, registration: &registration, profile: profile.as_ref() })
            .collect();
        let partners: Vec<Option<ClientId>> = demand(&cases).iter().map(|person| person.partner).collect();
        assert_eq!(partners, vec![Some(ClientId(2)), Some(ClientId(1)), None, None]);
    }
}
