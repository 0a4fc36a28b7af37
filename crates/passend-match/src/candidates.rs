//! Which places a waiting person can take at all: the hard constraints, and
//! for every pair that fails them the reason (*waarom niet?*).
//!
//! A pair is a candidate only when every constraint holds; the first that
//! fails is its [`Exclusion`], in the order a mediator would check them
//! (does the care fit, is it safe, is it near enough, is there room).
//! Scores ([`crate::score`]) only ever rank candidates.

use passend_domain::case::ListTarget;
use passend_domain::case::waiting_order::{OrderGroup, WaitingOrderKey};
use passend_domain::codes::{CareProfile, DeliveryForm, Region, Sector};
use passend_domain::ids::{AgbCode, ClientId, LocationId};

use std::sync::LazyLock;

use crate::tags::{TagRef, TagSet};

/// A location as the matcher sees it: what it offers and how much room it has.
#[derive(Debug, Clone, PartialEq)]
pub struct Supply {
    pub location: LocationId,
    pub provider: AgbCode,
    pub region: Region,
    pub sector: Sector,
    pub care_profiles: Vec<CareProfile>,
    pub lat: f64,
    pub lon: f64,
    pub expertise: TagSet,
    pub context: TagSet,
    pub contra_indications: TagSet,
    /// Free regular places in the binding report (0 without a report).
    pub free: u32,
    /// Free crisis beds: offered to urgent persons only, from any region.
    pub crisis_free: u32,
    /// The provider closed the list, with a recorded reason.
    pub list_closed: bool,
}

/// A waiting person as the matcher sees them: the indication, the order of
/// the rules, and the *woonprofiel* and *wensprofiel* beyond the indication.
#[derive(Debug, Clone, PartialEq)]
pub struct Demand {
    pub client: ClientId,
    pub region: Region,
    pub care_profile: CareProfile,
    pub delivery_form: Option<DeliveryForm>,
    /// The client's place in the default order of the rules.
    pub order: WaitingOrderKey,
    /// Temporarily admitted elsewhere while waiting (*overbrugging*).
    pub bridging: bool,
    pub lat: f64,
    pub lon: f64,
    /// The farthest the client will live from home, if they said.
    pub max_km: Option<u32>,
    /// Expertise the location must have.
    pub needs: TagSet,
    /// Context the client wishes for: scored, not required.
    pub wishes: TagSet,
    /// The client's own contra-indication tags (e.g. active addiction): a
    /// location that lists one of them cannot take the client.
    pub conditions: TagSet,
    /// Preferred locations and providers, first choice first.
    pub preferences: Vec<ListTarget>,
    /// A partner to be admitted together (*partneropname*).
    pub partner: Option<ClientId>,
}

impl Demand {
    /// Urgent persons may take crisis beds.
    pub fn is_urgent(&self) -> bool {
        self.order.group == OrderGroup::Urgent
    }

    /// The 1-based rank of `supply` among the client's preferences: its
    /// location, or else its provider.
    pub fn preference_rank(&self, supply: &Supply) -> Option<usize> {
        self.preferences
            .iter()
            .position(|target| match target {
                ListTarget::Location(location) => *location == supply.location,
                ListTarget::Provider(provider) => *provider == supply.provider,
            })
            .map(|index| index + 1)
    }
}

/// The hard constraint a pair fails: the answer to *waarom niet?*.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Exclusion {
    /// The client's care is delivered at home (VPT, MPT, PGB): no place to match.
    CareAtHome(DeliveryForm),
    SectorMismatch {
        client: Sector,
        location: Sector,
    },
    ProfileNotOffered(CareProfile),
    /// The location does not take clients with this condition.
    ContraIndication(TagRef),
    MissingExpertise(TagRef),
    TooFar {
        km: f64,
        max_km: u32,
    },
    ListClosed,
    /// No free place (for an urgent person: no free crisis bed either).
    NoFreePlace,
    /// Partners are admitted together: two places and a location where couples live.
    CoupleNeedsTwoPlaces,
}

impl Exclusion {
    /// The kind of reason as a stable token, for the API and for grouping.
    pub fn token(&self) -> &'static str {
        match self {
            Exclusion::CareAtHome(_) => "care_at_home",
            Exclusion::SectorMismatch { .. } => "sector_mismatch",
            Exclusion::ProfileNotOffered(_) => "profile_not_offered",
            Exclusion::ContraIndication(_) => "contra_indication",
            Exclusion::MissingExpertise(_) => "missing_expertise",
            Exclusion::TooFar { .. } => "too_far",
            Exclusion::ListClosed => "list_closed",
            Exclusion::NoFreePlace => "no_free_place",
            Exclusion::CoupleNeedsTwoPlaces => "couple_needs_two_places",
        }
    }

    /// The reason for a mediator, in Dutch.
    pub fn message_nl(&self) -> String {
        match self {
            Exclusion::CareAtHome(form) => {
                format!("De cliënt krijgt zorg thuis ({}); er is geen plaats nodig.", form.token())
            }
            Exclusion::SectorMismatch { client, location } => {
                format!(
                    "De cliënt heeft zorg in sector {} nodig; de locatie biedt {}.",
                    client.as_str(),
                    location.as_str()
                )
            }
            Exclusion::ProfileNotOffered(profile) => format!("De locatie biedt zorgprofiel {profile} niet."),
            Exclusion::ContraIndication(tag) => {
                format!("De locatie neemt geen cliënten op met: {}.", tag.tag().nl.to_lowercase())
            }
            Exclusion::MissingExpertise(tag) => {
                format!("De locatie heeft geen expertise in: {}.", tag.tag().nl.to_lowercase())
            }
            Exclusion::TooFar { km, max_km } => {
                format!("De locatie ligt {} weg; de cliënt wil hoogstens {max_km} km.", km_nl(*km))
            }
            Exclusion::ListClosed => "De aanbieder heeft de wachtlijst van deze locatie gesloten.".to_string(),
            Exclusion::NoFreePlace => "De locatie heeft nu geen vrije plaats.".to_string(),
            Exclusion::CoupleNeedsTwoPlaces => {
                "Partners worden samen opgenomen: de locatie heeft geen twee vrije plaatsen voor een paar.".to_string()
            }
        }
    }
}

/// Whether `demand` can take a place at `supply`: `Ok(km)` with the
/// distance, or the first constraint that fails.
pub fn check(demand: &Demand, supply: &Supply) -> Result<f64, Exclusion> {
    if let Some(form) = demand.delivery_form.filter(|form| !form.needs_a_place()) {
        return Err(Exclusion::CareAtHome(form));
    }
    let sector = demand.care_profile.sector();
    if sector != supply.sector {
        return Err(Exclusion::SectorMismatch { client: sector, location: supply.sector });
    }
    if !supply.care_profiles.contains(&demand.care_profile) {
        return Err(Exclusion::ProfileNotOffered(demand.care_profile));
    }
    if let Some(tag) = demand.conditions.intersection(supply.contra_indications).first() {
        return Err(Exclusion::ContraIndication(tag));
    }
    if let Some(tag) = demand.needs.difference(supply.expertise).first() {
        return Err(Exclusion::MissingExpertise(tag));
    }
    let km = great_circle_km(demand.lat, demand.lon, supply.lat, supply.lon);
    if let Some(max_km) = demand.max_km.filter(|max_km| km > f64::from(*max_km)) {
        return Err(Exclusion::TooFar { km, max_km });
    }
    if supply.list_closed {
        return Err(Exclusion::ListClosed);
    }
    let places = places_for(demand, supply);
    if places == 0 {
        return Err(Exclusion::NoFreePlace);
    }
    if demand.partner.is_some() && (places < 2 || !supply.context.contains(*COUPLES)) {
        return Err(Exclusion::CoupleNeedsTwoPlaces);
    }
    Ok(km)
}

/// The context tag of a location where partners can live together.
static COUPLES: LazyLock<TagRef> =
    LazyLock::new(|| TagRef::of("partneropname").expect("tags.csv has the context tag partneropname"));

/// The places `demand` may take at `supply`: the free ones, and for an
/// urgent person also the free crisis beds.
pub fn places_for(demand: &Demand, supply: &Supply) -> u32 {
    if demand.is_urgent() { supply.free + supply.crisis_free } else { supply.free }
}

/// A distance as Dutch text with one decimal: "19,5 km".
pub fn km_nl(km: f64) -> String {
    format!("{km:.1} km").replace('.', ",")
}

/// The mean radius of the earth in km, as the haversine formula uses it.
const EARTH_RADIUS_KM: f64 = 6371.0;

/// The great-circle distance in km between two points (haversine).
pub fn great_circle_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (phi1, phi2) = (lat1.to_radians(), lat2.to_radians());
    let half_dphi = (phi2 - phi1) / 2.0;
    let half_dlambda = (lon2 - lon1).to_radians() / 2.0;
    let a = half_dphi.sin().powi(2) + phi1.cos() * phi2.cos() * half_dlambda.sin().powi(2);
    2.0 * EARTH_RADIUS_KM * a.sqrt().asin()
}

#[cfg(test)]
pub(crate) mod tests {
    use jiff::civil::date;

    use super::*;

    pub fn vv5() -> CareProfile {
        CareProfile::parse("5VV").unwrap()
    }

    /// A VV location in Utrecht with two free places and no tags.
    pub fn utrecht_location(number: u32) -> Supply {
        Supply {
            location: LocationId(number),
            provider: AgbCode::parse("47000001").unwrap(),
            region: Region::parse("Utrecht").unwrap(),
            sector: Sector::Vv,
            care_profiles: vec![vv5()],
            lat: 52.091,
            lon: 5.122,
            expertise: TagSet::EMPTY,
            context: TagSet::EMPTY,
            contra_indications: TagSet::EMPTY,
            free: 2,
            crisis_free: 0,
            list_closed: false,
        }
    }

    /// An *actief plaatsen* VV client in Amersfoort, waiting since 2026-03-01.
    pub fn amersfoort_client(number: u32) -> Demand {
        Demand {
            client: ClientId(number),
            region: Region::parse("Utrecht").unwrap(),
            care_profile: vv5(),
            delivery_form: Some(DeliveryForm::Verblijf),
            order: WaitingOrderKey {
                group: OrderGroup::Actief,
                waiting_since: date(2026, 3, 1),
                client: ClientId(number),
            },
            bridging: false,
            lat: 52.156,
            lon: 5.388,
            max_km: None,
            needs: TagSet::EMPTY,
            wishes: TagSet::EMPTY,
            conditions: TagSet::EMPTY,
            preferences: Vec::new(),
            partner: None,
        }
    }

    fn tags(tokens: &[&str]) -> TagSet {
        TagSet::of(tokens).unwrap()
    }

    #[test]
    fn the_great_circle_distance_matches_known_values() {
        // Amersfoort to Utrecht centre: about 19.5 km as the crow flies.
        let km = great_circle_km(52.156, 5.388, 52.091, 5.122);
        assert!((km - 19.49).abs() < 0.1, "{km}");
        assert_eq!(great_circle_km(52.0, 5.0, 52.0, 5.0), 0.0);
        // Symmetric.
        assert_eq!(great_circle_km(50.85, 5.69, 53.22, 6.57), great_circle_km(53.22, 6.57, 50.85, 5.69));
    }

    #[test]
    fn a_fitting_pair_is_a_candidate_at_its_distance() {
        let km = check(&amersfoort_client(1), &utrecht_location(1)).unwrap();
        assert!((km - 19.49).abs() < 0.1);
    }

    #[test]
    fn each_hard_constraint_excludes_with_its_reason() {
        let client = amersfoort_client(1);
        let location = utrecht_location(1);
        let at_home = Demand { delivery_form: Some(DeliveryForm::Vpt), ..client.clone() };
        assert_eq!(check(&at_home, &location), Err(Exclusion::CareAtHome(DeliveryForm::Vpt)));
        let ghz = Supply { sector: Sector::Ghz, ..location.clone() };
        assert_eq!(check(&client, &ghz), Err(Exclusion::SectorMismatch { client: Sector::Vv, location: Sector::Ghz }));
        let other_profile = Supply { care_profiles: vec![CareProfile::parse("4VV").unwrap()], ..location.clone() };
        assert_eq!(check(&client, &other_profile), Err(Exclusion::ProfileNotOffered(vv5())));
        let addicted = Demand { conditions: tags(&["actieve_verslaving"]), ..client.clone() };
        let no_addiction =
            Supply { contra_indications: tags(&["actieve_verslaving", "brandstichting"]), ..location.clone() };
        assert_eq!(
            check(&addicted, &no_addiction),
            Err(Exclusion::ContraIndication(TagRef::of("actieve_verslaving").unwrap()))
        );
        let dementia = Demand { needs: tags(&["dementie", "korsakov"]), ..client.clone() };
        let dementia_only = Supply { expertise: tags(&["dementie"]), ..location.clone() };
        assert_eq!(check(&dementia, &dementia_only), Err(Exclusion::MissingExpertise(TagRef::of("korsakov").unwrap())));
        let near = Demand { max_km: Some(15), ..client.clone() };
        assert!(matches!(check(&near, &location), Err(Exclusion::TooFar { max_km: 15, .. })));
        let closed = Supply { list_closed: true, ..location.clone() };
        assert_eq!(check(&client, &closed), Err(Exclusion::ListClosed));
        let full = Supply { free: 0, crisis_free: 1, ..location.clone() };
        assert_eq!(check(&client, &full), Err(Exclusion::NoFreePlace));
        let couple = Demand { partner: Some(ClientId(2)), ..client.clone() };
        assert_eq!(check(&couple, &location), Err(Exclusion::CoupleNeedsTwoPlaces));
        let for_couples = Supply { context: tags(&["partneropname"]), ..location.clone() };
        assert!(check(&couple, &for_couples).is_ok());
        let one_place = Supply { free: 1, ..for_couples };
        assert_eq!(check(&couple, &one_place), Err(Exclusion::CoupleNeedsTwoPlaces));
    }

    #[test]
    fn crisis_beds_are_for_urgent_persons_only() {
        let crisis_only = Supply { free: 0, crisis_free: 1, ..utrecht_location(1) };
        let mut urgent = amersfoort_client(1);
        urgent.order.group = OrderGroup::Urgent;
        assert!(check(&urgent, &crisis_only).is_ok());
        assert_eq!(check(&amersfoort_client(2), &crisis_only), Err(Exclusion::NoFreePlace));
    }

    #[test]
    fn every_reason_has_a_dutch_message() {
        let reasons = [
            Exclusion::CareAtHome(DeliveryForm::Pgb),
            Exclusion::SectorMismatch { client: Sector::Vv, location: Sector::Ggz },
            Exclusion::ProfileNotOffered(vv5()),
            Exclusion::ContraIndication(TagRef::of("zedendelict").unwrap()),
            Exclusion::MissingExpertise(TagRef::of("dementie").unwrap()),
            Exclusion::TooFar { km: 31.26, max_km: 25 },
            Exclusion::ListClosed,
            Exclusion::NoFreePlace,
            Exclusion::CoupleNeedsTwoPlaces,
        ];
        for reason in reasons {
            assert!(reason.message_nl().ends_with('.'), "{reason:?}");
        }
        let mut tokens: Vec<&str> = reasons.iter().map(Exclusion::token).collect();
        tokens.sort_unstable();
        tokens.dedup();
        assert_eq!(tokens.len(), reasons.len(), "each kind of reason has its own token");
        assert!(Exclusion::TooFar { km: 31.26, max_km: 25 }.message_nl().contains("31,3 km"));
        assert!(Exclusion::MissingExpertise(TagRef::of("dementie").unwrap()).message_nl().contains("dementiezorg"));
    }
}
