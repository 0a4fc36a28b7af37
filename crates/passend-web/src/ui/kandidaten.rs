//! `/locaties/{n}/kandidaten`: the waiting persons who fit one location, in
//! the default order of the rules (the provider decides; the order is the
//! rules'), each with the score that explains how well the place fits them.
//! Only persons the actor may see are named; the others are counted.

use std::collections::BTreeMap;
use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use jiff::civil::Date;
use passend_domain::case::CaseSummary;
use passend_domain::ids::{ClientId, LocationId};
use passend_match::candidates::km_nl;
use passend_store::ClientQuery;

use super::format::{self, Names};
use super::plek_zoeken::{TermView, client_name, matching_error, points, terms};
use super::{Layout, PageError, render};
use crate::actor::Actor;
use crate::auth::PageSession;
use crate::policy;
use crate::problem::ApiError;
use crate::state::{AppState, Service};

/// The persons shown with their explanation; the rest are counted.
const SHOWN: usize = 25;

#[derive(Template)]
#[template(path = "kandidaten.html")]
struct CandidatesPage {
    layout: Layout,
    location: u32,
    name: String,
    provider: String,
    region: &'static str,
    free: u32,
    crisis_free: u32,
    list_closed: bool,
    fitting: usize,
    persons: Vec<PersonView>,
    /// Visible persons beyond [`SHOWN`].
    more: usize,
    hidden: usize,
}

struct PersonView {
    position: usize,
    client: u32,
    name: String,
    status: &'static str,
    status_token: &'static str,
    waiting_since: String,
    km: String,
    score: String,
    terms: Vec<TermView>,
}

/// `GET /locaties/{n}/kandidaten`.
pub async fn page(
    State(state): State<AppState>,
    PageSession(session): PageSession,
    Path(location): Path<String>,
) -> Result<Response, PageError> {
    let location = location.parse().map(LocationId).map_err(|_| ApiError::NotFound {
        what: "location",
        what_nl: "Locatie",
        id: location.chars().take(20).collect(),
    })?;
    let actor = Arc::clone(&session.actor);
    let today = state.today();
    let layout = Layout::new(&session, String::new(), "");
    let mut page = state.run(move |passend| build(passend, &actor, location, today, layout)).await?;
    page.layout.title = format!("Kandidaten voor {}", page.name);
    render(StatusCode::OK, &page)
}

fn build(
    passend: &Service,
    actor: &Actor,
    location: LocationId,
    today: Date,
    layout: Layout,
) -> Result<CandidatesPage, ApiError> {
    if passend.supply().location(location).is_none() {
        return Err(ApiError::NotFound { what: "location", what_nl: "Locatie", id: location.to_string() });
    }
    policy::may_rank_persons_for(actor, location, &passend.supply())?;
    let answer = passend.persons_for_location(location, today).map_err(matching_error)?;
    let supply = passend.supply();
    let names = Names { supply: &supply };
    let query =
        ClientQuery { waiting_only: true, ..ClientQuery::new(policy::client_scope(actor, &supply), usize::MAX) };
    let visible: BTreeMap<ClientId, CaseSummary> = passend
        .clients(&query)?
        .rows
        .into_iter()
        .filter(|summary| policy::may_see(actor, summary, &supply).is_ok())
        .map(|summary| (summary.client, summary))
        .collect();

    let mut persons = Vec::new();
    let mut more = 0;
    let mut hidden = 0;
    for (position, ranked) in answer.ranked.iter().enumerate() {
        let person = &answer.demand[ranked.index];
        let Some(summary) = visible.get(&person.client) else {
            hidden += 1;
            continue;
        };
        if persons.len() == SHOWN {
            more += 1;
            continue;
        }
        persons.push(PersonView {
            position: position + 1,
            client: person.client.0,
            name: client_name(summary),
            status: format::status_label(summary.status),
            status_token: summary.status.map_or("geen", |status| status.token()),
            waiting_since: format::date(person.order.waiting_since),
            km: km_nl(ranked.km),
            score: points(ranked.score.total),
            terms: terms(&ranked.score),
        });
    }
    let place = &answer.location;
    Ok(CandidatesPage {
        layout,
        location: location.0,
        name: names.location(location),
        provider: names.provider(place.provider),
        region: place.region.name(),
        free: place.free,
        crisis_free: place.crisis_free,
        list_closed: place.list_closed,
        fitting: answer.ranked.len(),
        persons,
        more,
        hidden,
    })
}
