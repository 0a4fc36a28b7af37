//! `/aanbieder`: a provider's own page: each of its locations with its
//! waiting list in the default order, and the intake: the allocations whose
//! first contact is still open, each with a form to register it.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use jiff::civil::Date;
use passend_domain::case::ListTarget;
use passend_domain::case::alerts::AlertKind;
use passend_domain::codes::WaitStatus;
use passend_domain::ids::AgbCode;
use passend_store::{AlertQuery, ClientQuery, ClientSort, EventStore as _, StreamId};
use serde::Deserialize;

use super::format::{self, Deadline, Names};
use super::forms::FormKind;
use super::{Layout, PageError, render};
use crate::actor::{Actor, Role};
use crate::auth::PageSession;
use crate::policy::{self, Denied};
use crate::problem::ApiError;
use crate::state::{AppState, Service};

/// The most clients shown per location; the waiting list page has the rest.
const PER_LOCATION: usize = 50;
const MAX_INTAKE: usize = 500;

#[derive(Debug, Default, Deserialize)]
pub struct ProviderParams {
    gelukt: Option<String>,
}

#[derive(Template)]
#[template(path = "aanbieder.html")]
struct ProviderPage {
    layout: Layout,
    provider: String,
    agb: String,
    success: Option<&'static str>,
    intake: Vec<IntakeRow>,
    locations: Vec<LocationView>,
}

struct IntakeRow {
    client: u32,
    name: String,
    version: u32,
    due: String,
    deadline: Deadline,
}

struct LocationView {
    id: u32,
    name: String,
    sector: String,
    capacity: u32,
    total: usize,
    rows: Vec<LocationRow>,
}

struct LocationRow {
    position: usize,
    client: u32,
    name: String,
    status: &'static str,
    status_token: &'static str,
    classification: &'static str,
    waiting_since: String,
    norm_date: String,
    norm: Option<Deadline>,
}

/// `GET /aanbieder`.
pub async fn page(
    State(state): State<AppState>,
    PageSession(session): PageSession,
    Query(params): Query<ProviderParams>,
) -> Result<Response, PageError> {
    let Role::Aanbieder { agb } = session.actor.role else {
        let role = session.actor.role.token();
        return Err(ApiError::from(Denied::RoleMayNot { role, action: "see a provider's page" }).into());
    };
    let actor = Arc::clone(&session.actor);
    let today = state.today();
    let layout = Layout::new(&session, "Mijn locaties", "/aanbieder");
    let success = params.gelukt.as_deref().and_then(FormKind::from_name).map(FormKind::success);
    let page = state
        .run(move |passend| {
            let mut page = build(passend, &actor, agb, today, layout)?;
            page.success = success;
            Ok(page)
        })
        .await?;
    render(StatusCode::OK, &page)
}

fn build(
    passend: &Service,
    actor: &Actor,
    agb: AgbCode,
    today: Date,
    layout: Layout,
) -> Result<ProviderPage, ApiError> {
    let supply = passend.supply();
    let names = Names { supply: &supply };
    let scope = policy::client_scope(actor, &supply);

    // Every allocation of this provider without a first contact has a
    // first-contact alert scheduled for the day after its deadline: asking
    // for the alerts that open on any day finds them all, due or not.
    let query = AlertQuery {
        on: Date::MAX,
        region: None,
        kind: Some(AlertKind::FirstContactOverdue),
        provider: Some(agb),
        limit: MAX_INTAKE,
    };
    let mut open = passend.open_alerts(&query)?;
    open.sort_by_key(|alert| (alert.deadline, alert.client));
    let mut intake = Vec::new();
    for alert in open {
        let lookup = ClientQuery { text: Some(alert.client.to_string()), ..ClientQuery::new(scope.clone(), 1) };
        let Some(summary) = passend.clients(&lookup)?.rows.into_iter().next() else { continue };
        let Some(due) = alert.deadline.or(summary.first_contact_due) else { continue };
        intake.push(IntakeRow {
            client: alert.client.0,
            name: summary.name.clone().unwrap_or_else(|| format!("Cliënt {}", alert.client)),
            version: passend.store().stream_version(StreamId::Client(alert.client))?,
            due: format::date(due),
            deadline: format::deadline(due, today),
        });
    }

    let mut own: Vec<_> = supply.locations().filter(|location| location.provider == agb).collect();
    own.sort_by(|a, b| a.name.cmp(&b.name));
    let mut locations = Vec::new();
    for location in own {
        let query = ClientQuery {
            waiting_only: true,
            waits_for: Some(ListTarget::Location(location.id)),
            sort: ClientSort::WaitingOrder,
            ..ClientQuery::new(scope.clone(), PER_LOCATION)
        };
        let page = passend.clients(&query)?;
        let rows = page
            .rows
            .iter()
            .enumerate()
            .map(|(index, summary)| LocationRow {
                position: index + 1,
                client: summary.client.0,
                name: summary.name.clone().unwrap_or_else(|| format!("Cliënt {}", summary.client)),
                status: format::status_label(summary.status),
                status_token: summary.status.map_or("geen", WaitStatus::token),
                classification: format::classification_label(summary.classification),
                waiting_since: format::date_or_dash(summary.waiting_since),
                norm_date: format::date_or_dash(summary.norm_due),
                norm: summary.norm_due.map(|due| format::deadline(due, today)),
            })
            .collect();
        locations.push(LocationView {
            id: location.id.0,
            name: location.name.clone(),
            sector: format!("{} ({})", location.sector.label_nl(), location.sector.as_str()),
            capacity: location.capacity,
            total: page.total,
            rows,
        });
    }
    Ok(ProviderPage { layout, provider: names.provider(agb), agb: agb.to_string(), success: None, intake, locations })
}
