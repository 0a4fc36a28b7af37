//! `/clienten/{n}/plekken` (*plek zoeken*): the best places for one waiting
//! client across every region, each with the terms of its score, and the
//! answer to *waarom niet?*: every location that cannot take the client,
//! grouped by the reason. Also the pieces the other matching pages share:
//! a score's terms in words and the short name of an exclusion's reason.

use std::collections::BTreeMap;
use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use jiff::civil::Date;
use passend_domain::case::CaseSummary;
use passend_domain::ids::ClientId;
use passend_match::candidates::{Exclusion, Supply, km_nl};
use passend_match::score::Score;
use passend_match::tags::TagSet;
use passend_store::matching::{MatchingError, PlacesAnswer};

use super::client::parse_client;
use super::format::{self, Names};
use super::{Layout, PageError, render};
use crate::actor::Actor;
use crate::auth::PageSession;
use crate::policy;
use crate::problem::ApiError;
use crate::state::{AppState, Service};

/// The places shown, best first.
const BEST: usize = 10;
/// The locations named per reason of *waarom niet?*; the rest are counted.
const EXAMPLES_PER_REASON: usize = 5;

#[derive(Template)]
#[template(path = "plek_zoeken.html")]
struct PlacesPage {
    layout: Layout,
    client: u32,
    name: String,
    /// Set when the client is not waiting: then there is nothing to rank.
    not_waiting: Option<String>,
    needs: Vec<(&'static str, String)>,
    places: Vec<PlaceView>,
    excluded_total: usize,
    reasons: Vec<ReasonGroup>,
}

struct PlaceView {
    rank: usize,
    location: u32,
    name: String,
    provider: String,
    region: &'static str,
    km: String,
    score: String,
    free: u32,
    crisis_free: u32,
    /// The client fits here only on a crisis bed (urgent, no regular place free).
    crisis_bed_only: bool,
    terms: Vec<TermView>,
}

/// One term of a score, in words.
pub struct TermView {
    pub label: &'static str,
    pub input: String,
    pub points: String,
}

/// The locations that fail one reason.
pub struct ReasonGroup {
    pub reason: String,
    pub count: usize,
    /// The first few, each with the full reason.
    pub examples: Vec<(String, String)>,
}

/// `GET /clienten/{n}/plekken`.
pub async fn page(
    State(state): State<AppState>,
    PageSession(session): PageSession,
    Path(client): Path<String>,
) -> Result<Response, PageError> {
    let client = parse_client(&client)?;
    let actor = Arc::clone(&session.actor);
    let today = state.today();
    let layout = Layout::new(&session, String::new(), "");
    let mut page = state.run(move |passend| build(passend, &actor, client, today, layout)).await?;
    page.layout.title = format!("Plek zoeken voor {}", page.name);
    render(StatusCode::OK, &page)
}

fn build(
    passend: &Service,
    actor: &Actor,
    client: ClientId,
    today: Date,
    layout: Layout,
) -> Result<PlacesPage, ApiError> {
    let summary = visible_summary(passend, actor, client)?;
    let name = client_name(&summary);
    let mut page = PlacesPage {
        layout,
        client: client.0,
        name,
        not_waiting: None,
        needs: Vec::new(),
        places: Vec::new(),
        excluded_total: 0,
        reasons: Vec::new(),
    };
    let answer = match passend.places_for_client(client, BEST, today) {
        Ok(answer) => answer,
        Err(MatchingError::NotWaiting(_)) => {
            page.not_waiting = Some(format!(
                "{} wacht niet op een plaats: er is geen wachtstatus of geen indicatie. \
                 Leg eerst de indicatie en de wachtstatus vast in het dossier.",
                page.name
            ));
            return Ok(page);
        }
        Err(error) => return Err(matching_error(error)),
    };
    let supply = passend.supply();
    let names = Names { supply: &supply };
    page.needs = needs(&answer, &summary, &names);
    page.places = answer
        .places
        .best
        .iter()
        .enumerate()
        .map(|(position, ranked)| {
            let place = &answer.supply[ranked.index];
            PlaceView {
                rank: position + 1,
                location: place.location.0,
                name: names.location(place.location),
                provider: names.provider(place.provider),
                region: place.region.name(),
                km: km_nl(ranked.km),
                score: points(ranked.score.total),
                free: place.free,
                crisis_free: place.crisis_free,
                crisis_bed_only: answer.demand.is_urgent() && place.free == 0,
                terms: terms(&ranked.score),
            }
        })
        .collect();
    page.excluded_total = answer.places.excluded.len();
    page.reasons = group_reasons(
        answer.places.excluded.iter().map(|excluded| (&answer.supply[excluded.index], excluded.why)),
        &names,
    );
    Ok(page)
}

/// The client's summary when the actor may see it: 404 for none, 403 for another's.
pub fn visible_summary(passend: &Service, actor: &Actor, client: ClientId) -> Result<CaseSummary, ApiError> {
    let summary = passend.summary(client)?.ok_or_else(|| ApiError::NotFound {
        what: "client",
        what_nl: "Cliënt",
        id: client.to_string(),
    })?;
    policy::may_see(actor, &summary, &passend.supply())?;
    Ok(summary)
}

/// The name a page shows for a client.
pub fn client_name(summary: &CaseSummary) -> String {
    summary.name.clone().unwrap_or_else(|| format!("Cliënt {}", summary.client))
}

/// What the matcher weighs for this client, in words.
fn needs(answer: &PlacesAnswer, summary: &CaseSummary, names: &Names<'_>) -> Vec<(&'static str, String)> {
    let demand = &answer.demand;
    let none = |text: &str| text.to_string();
    let mut urgency = format::status_label(summary.status).to_string();
    if summary.classification.is_some() {
        urgency.push_str(&format!(" ({})", format::classification_label(summary.classification)));
    }
    vec![
        ("Zorgprofiel", format::care_profile_label(demand.care_profile)),
        ("Woonregio", demand.region.name().to_string()),
        ("Urgentie", urgency),
        ("Wachtend sinds", format::date(demand.order.waiting_since)),
        ("Hoogstens van huis", demand.max_km.map_or_else(|| none("geen grens opgegeven"), |km| format!("{km} km"))),
        ("Nodige expertise", tag_labels(demand.needs).unwrap_or_else(|| none("geen bijzondere"))),
        ("Wensen voor de woonomgeving", tag_labels(demand.wishes).unwrap_or_else(|| none("geen opgegeven"))),
        ("Aandachtspunten (contra-indicaties)", tag_labels(demand.conditions).unwrap_or_else(|| none("geen"))),
        ("Voorkeuren", names.targets(&demand.preferences)),
        ("Partneropname", if demand.partner.is_some() { none("ja, samen met de partner") } else { none("nee") }),
    ]
}

/// The Dutch labels of a set of tags, or nothing for an empty set.
pub fn tag_labels(tags: TagSet) -> Option<String> {
    if tags.is_empty() {
        return None;
    }
    Some(tags.iter().map(|tag| tag.tag().nl).collect::<Vec<_>>().join(", "))
}

/// A score's terms in words.
pub fn terms(score: &Score) -> Vec<TermView> {
    score
        .terms
        .iter()
        .map(|term| TermView { label: term.term.label_nl(), input: term.input_nl.clone(), points: points(term.points) })
        .collect()
}

/// Points with a sign and Dutch thousands separators: `+5.000`, `−250`, `0`.
pub fn points(value: i64) -> String {
    let digits = value.unsigned_abs().to_string();
    let mut grouped = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(digit);
    }
    match value.signum() {
        1 => format!("+{grouped}"),
        -1 => format!("−{grouped}"),
        _ => grouped,
    }
}

/// The reason of an exclusion without its particulars, to group by: all
/// locations that are too far form one group, whatever their distance.
pub fn exclusion_group(why: &Exclusion) -> String {
    match why {
        Exclusion::CareAtHome(form) => format!("Zorg thuis ({})", form.label_nl()),
        Exclusion::SectorMismatch { location, .. } => format!("Andere sector: {}", location.label_nl()),
        Exclusion::ProfileNotOffered(profile) => format!("Zorgprofiel {profile} wordt er niet geboden"),
        Exclusion::ContraIndication(tag) => format!("Neemt geen cliënten op met: {}", tag.tag().nl.to_lowercase()),
        Exclusion::MissingExpertise(tag) => format!("Geen expertise in: {}", tag.tag().nl.to_lowercase()),
        Exclusion::TooFar { max_km, .. } => format!("Verder dan {max_km} km van huis"),
        Exclusion::ListClosed => "Wachtlijst gesloten".to_string(),
        Exclusion::NoFreePlace => "Geen vrije plaats".to_string(),
        Exclusion::CoupleNeedsTwoPlaces => "Geen twee plaatsen voor een paar".to_string(),
    }
}

/// Excluded locations grouped by reason, the largest group first, each with
/// its first few locations (nearest reason text included).
fn group_reasons<'a>(excluded: impl Iterator<Item = (&'a Supply, Exclusion)>, names: &Names<'_>) -> Vec<ReasonGroup> {
    let mut groups: BTreeMap<String, ReasonGroup> = BTreeMap::new();
    for (place, why) in excluded {
        let reason = exclusion_group(&why);
        let group =
            groups.entry(reason.clone()).or_insert_with(|| ReasonGroup { reason, count: 0, examples: Vec::new() });
        group.count += 1;
        if group.examples.len() < EXAMPLES_PER_REASON {
            group.examples.push((names.location_with_provider(place.location), why.message_nl()));
        }
    }
    let mut groups: Vec<ReasonGroup> = groups.into_values().collect();
    groups.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.reason.cmp(&b.reason)));
    groups
}

/// A matching question that has no answer, as a page error.
pub fn matching_error(error: MatchingError) -> ApiError {
    match error {
        MatchingError::UnknownClient(client) => {
            ApiError::NotFound { what: "client", what_nl: "Cliënt", id: client.to_string() }
        }
        MatchingError::NotWaiting(client) => ApiError::bad_input(
            "client",
            error.to_string(),
            format!("Cliënt {client} wacht niet op een plaats: er is geen wachtstatus of geen indicatie."),
        ),
        MatchingError::UnknownLocation(location) => {
            ApiError::NotFound { what: "location", what_nl: "Locatie", id: location.to_string() }
        }
        MatchingError::Store(error) => error.into(),
        MatchingError::Proposal(error) => ApiError::internal(error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_have_a_sign_and_dutch_thousands() {
        assert_eq!(points(5000), "+5.000");
        assert_eq!(points(-250), "−250");
        assert_eq!(points(0), "0");
        assert_eq!(points(1_234_567), "+1.234.567");
        assert_eq!(points(-100_000), "−100.000");
    }

    #[test]
    fn exclusions_too_far_group_whatever_the_distance() {
        let near = Exclusion::TooFar { km: 31.2, max_km: 25 };
        let far = Exclusion::TooFar { km: 140.0, max_km: 25 };
        assert_eq!(exclusion_group(&near), exclusion_group(&far));
        assert_eq!(exclusion_group(&Exclusion::NoFreePlace), "Geen vrije plaats");
    }
}
