//! `/`: the work inbox (*werkvoorraad*) of a mediator: the open alerts of the
//! actor's inbox scope, most urgent first, and the free-places reports of
//! its locations (a provider) or its regions (a zorgkantoor) that nobody
//! renewed within the policy's term. An OCO sees its consented clients here
//! instead; an analyst goes to the figures.

use std::collections::HashMap;
use std::sync::Arc;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use jiff::civil::Date;
use passend_domain::case::CaseSummary;
use passend_domain::case::alerts::AlertKind;
use passend_domain::codes::{Region, Sector, WaitStatus};
use passend_domain::ids::ClientId;
use passend_store::{AlertQuery, AlertRow, ClientQuery, ClientSort};
use serde::Deserialize;

use super::format::{self, Deadline, Names};
use super::{
    Choice, Layout, PageError, actor_regions, bad_param, filter_choices, param, query_string, render, sector_choices,
    status_choices,
};
use crate::actor::{Actor, Role};
use crate::auth::{PageSession, Session};
use crate::policy::{self, InboxScope};
use crate::problem::ApiError;
use crate::state::{AppState, Service};

/// The most rows the inbox shows.
pub const INBOX_LIMIT: usize = 200;
/// Every open alert of a scope: a region has a few thousand at most.
const ALL_ALERTS: usize = 100_000;

#[derive(Debug, Default, Deserialize)]
pub struct InboxParams {
    signaal: Option<String>,
    regio: Option<String>,
    sector: Option<String>,
    status: Option<String>,
}

struct Filters {
    kind: Option<AlertKind>,
    region: Option<Region>,
    sector: Option<Sector>,
    status: Option<WaitStatus>,
}

impl Filters {
    fn parse(params: &InboxParams) -> Result<Filters, ApiError> {
        let kind = match param(&params.signaal) {
            None => None,
            Some(token) => Some(AlertKind::parse_token(token).ok_or_else(|| {
                ApiError::bad_input(
                    "signaal",
                    format!("{token:?} is not an alert kind"),
                    format!("Filter signaal: {token:?} is geen soort signaal."),
                )
            })?),
        };
        Ok(Filters {
            kind,
            region: param(&params.regio).map(Region::parse).transpose().map_err(|e| bad_param("regio", &e))?,
            sector: param(&params.sector).map(Sector::parse).transpose().map_err(|e| bad_param("sector", &e))?,
            status: param(&params.status)
                .map(WaitStatus::parse_token)
                .transpose()
                .map_err(|e| bad_param("status", &e))?,
        })
    }
}

#[derive(Template)]
#[template(path = "inbox.html")]
struct InboxPage {
    layout: Layout,
    today: String,
    counters: Vec<Counter>,
    kinds: Vec<Choice>,
    regions: Vec<Choice>,
    sectors: Vec<Choice>,
    statuses: Vec<Choice>,
    rows: Vec<InboxRow>,
    more: bool,
    limit: usize,
    filtered: bool,
    stale: Vec<StaleRow>,
    stale_after_days: u32,
    tasks: Vec<TaskRow>,
}

/// An overdue task of a complex case held by the actor's organisation.
struct TaskRow {
    case: u32,
    client: u32,
    task: String,
    text: String,
    due: String,
}

/// A free-places report older than the policy's term.
struct StaleRow {
    location: u32,
    name: String,
    provider: String,
    reported_on: String,
    age_days: i32,
}

struct Counter {
    token: &'static str,
    label: &'static str,
    count: usize,
    href: String,
    current: bool,
}

struct InboxRow {
    client: u32,
    name: String,
    kind: &'static str,
    label: &'static str,
    region: &'static str,
    provider: String,
    deadline_date: String,
    deadline: Option<Deadline>,
    since: String,
}

/// `GET /`.
pub async fn home(
    State(state): State<AppState>,
    PageSession(session): PageSession,
    Query(params): Query<InboxParams>,
) -> Result<Response, PageError> {
    match &session.actor.role {
        Role::Analist => return Ok(Redirect::to("/cijfers").into_response()),
        Role::Oco { .. } => return oco_clients(&state, &session).await,
        Role::Zorgkantoor { .. } | Role::Aanbieder { .. } => {}
    }
    let scope = policy::inbox_scope(&session.actor).map_err(ApiError::from)?;
    let filters = Filters::parse(&params)?;
    let actor = Arc::clone(&session.actor);
    let today = state.today();
    let inbox = state.run(move |passend| Ok(inbox(passend, &actor, &scope, &filters, today)?)).await?;

    let base = |kind: &str| {
        query_string(&[
            ("signaal", kind),
            ("regio", param(&params.regio).unwrap_or_default()),
            ("sector", param(&params.sector).unwrap_or_default()),
            ("status", param(&params.status).unwrap_or_default()),
        ])
    };
    let current_kind = param(&params.signaal);
    let counters = AlertKind::ALL
        .into_iter()
        .map(|kind| Counter {
            token: kind.token(),
            label: kind.label_nl(),
            count: inbox.counts.get(&kind).copied().unwrap_or(0),
            href: format!("/{}", base(kind.token())),
            current: current_kind == Some(kind.token()),
        })
        .collect();
    let page = InboxPage {
        layout: Layout::new(&session, "Werkvoorraad", "/"),
        today: format::date_long(today),
        counters,
        kinds: filter_choices(
            "Alle signalen",
            AlertKind::ALL,
            current_kind,
            |k| k.token().into(),
            |k| k.label_nl().into(),
        ),
        regions: filter_choices(
            "Alle regio's",
            inbox.regions,
            param(&params.regio),
            |r| r.cod001().to_string(),
            |r| r.name().into(),
        ),
        sectors: sector_choices(param(&params.sector)),
        statuses: status_choices(param(&params.status)),
        more: inbox.rows.len() > INBOX_LIMIT,
        rows: inbox.rows.into_iter().take(INBOX_LIMIT).collect(),
        limit: INBOX_LIMIT,
        filtered: [&params.signaal, &params.regio, &params.sector, &params.status]
            .into_iter()
            .any(|p| param(p).is_some()),
        stale: inbox.stale,
        stale_after_days: state.passend.policies().in_force_on(today).free_places_stale_after_days,
        tasks: inbox.tasks,
    };
    render(StatusCode::OK, &page)
}

struct Inbox {
    stale: Vec<StaleRow>,
    tasks: Vec<TaskRow>,
    counts: HashMap<AlertKind, usize>,
    regions: Vec<Region>,
    /// Up to one more than the limit, to tell that there are more.
    rows: Vec<InboxRow>,
}

fn inbox(
    passend: &Service,
    actor: &Actor,
    scope: &InboxScope,
    filters: &Filters,
    today: Date,
) -> Result<Inbox, passend_store::StoreError> {
    let supply = passend.supply();
    let names = Names { supply: &supply };
    let query =
        |region: Option<Region>, provider| AlertQuery { on: today, region, kind: None, provider, limit: ALL_ALERTS };
    let mut alerts: Vec<AlertRow> = match scope {
        InboxScope::Regions(regions) => {
            let mut alerts = Vec::new();
            for region in regions.iter().filter(|region| filters.region.is_none_or(|chosen| chosen == **region)) {
                alerts.extend(passend.open_alerts(&query(Some(*region), None))?);
            }
            alerts
        }
        InboxScope::Provider(agb) => passend.open_alerts(&query(filters.region, Some(*agb)))?,
    };
    // The store's order, across regions: urgency, then the longest open first.
    alerts.sort_by_key(|alert| (alert.kind, alert.opens_on, alert.client));
    let mut counts: HashMap<AlertKind, usize> = HashMap::new();
    for alert in &alerts {
        *counts.entry(alert.kind).or_default() += 1;
    }

    let client_scope = policy::client_scope(actor, &supply);
    let mut summaries: HashMap<ClientId, Option<CaseSummary>> = HashMap::new();
    let mut rows = Vec::new();
    for alert in alerts.iter().filter(|alert| filters.kind.is_none_or(|kind| kind == alert.kind)) {
        if rows.len() > INBOX_LIMIT {
            break;
        }
        let summary = match summaries.get(&alert.client) {
            Some(summary) => summary.clone(),
            None => {
                // The client as the actor's scope shows it, with the sector and status filters.
                let lookup = ClientQuery {
                    sector: filters.sector,
                    status: filters.status,
                    text: Some(alert.client.to_string()),
                    sort: ClientSort::Client,
                    ..ClientQuery::new(client_scope.clone(), 1)
                };
                let summary = passend.clients(&lookup)?.rows.into_iter().next();
                summaries.insert(alert.client, summary.clone());
                summary
            }
        };
        let Some(summary) = summary else { continue };
        rows.push(InboxRow {
            client: alert.client.0,
            name: summary.name.clone().unwrap_or_else(|| format!("Cliënt {}", alert.client)),
            kind: alert.kind.token(),
            label: alert.kind.label_nl(),
            region: alert.region.name(),
            provider: alert.provider.map_or_else(|| "–".to_string(), |agb| names.provider(agb)),
            deadline_date: alert.deadline.map(format::date).unwrap_or_default(),
            deadline: alert.deadline.map(|due| format::deadline(due, today)),
            since: format::date(alert.opens_on),
        });
    }
    let mut regions = actor_regions(actor, &supply);
    if let Some(region) = filters.region
        && !regions.contains(&region)
        && matches!(actor.role, Role::Aanbieder { .. })
    {
        regions.push(region);
    }
    let stale = stale_reports(passend, scope, filters.region, today);
    let tasks = crate::complex_cases::my_tasks(passend, actor, today, true)?
        .into_iter()
        .map(|row| TaskRow {
            case: row.case.0,
            client: row.client.0,
            task: row.task.created.id,
            text: row.task.created.task,
            due: format::date(row.task.created.due),
        })
        .collect();
    Ok(Inbox { stale, tasks, counts, regions, rows })
}

/// The stale free-places reports in the inbox's scope: a provider's own
/// locations, or the locations of a zorgkantoor's regions.
fn stale_reports(passend: &Service, scope: &InboxScope, region: Option<Region>, today: Date) -> Vec<StaleRow> {
    let reports = passend.stale_free_places(today);
    let supply = passend.supply();
    let names = Names { supply: &supply };
    reports
        .into_iter()
        .filter_map(|report| {
            let location = supply.location(report.location)?;
            let provider_region = supply.provider(location.provider).map(|provider| provider.region);
            let in_scope = match scope {
                InboxScope::Provider(agb) => location.provider == *agb,
                InboxScope::Regions(regions) => provider_region.is_some_and(|r| regions.contains(&r)),
            };
            let chosen = region.is_none_or(|region| provider_region == Some(region));
            (in_scope && chosen).then(|| StaleRow {
                location: location.id.0,
                name: location.name.clone(),
                provider: names.provider(location.provider),
                reported_on: format::date(report.reported_on),
                age_days: report.age_days,
            })
        })
        .collect()
}

#[derive(Template)]
#[template(path = "oco.html")]
struct OcoPage {
    layout: Layout,
    rows: Vec<OcoRow>,
    total: usize,
    limit: usize,
}

struct OcoRow {
    client: u32,
    name: String,
    birth_date: String,
    region: &'static str,
    status: &'static str,
    status_token: &'static str,
    dossierhouder: String,
}

/// The OCO's start page: the clients who consented to its organisation.
async fn oco_clients(state: &AppState, session: &Session) -> Result<Response, PageError> {
    let actor = Arc::clone(&session.actor);
    let (rows, total) = state
        .run(move |passend| {
            let supply = passend.supply();
            let names = Names { supply: &supply };
            let query = ClientQuery {
                sort: ClientSort::Name,
                ..ClientQuery::new(policy::client_scope(&actor, &supply), INBOX_LIMIT)
            };
            let page = passend.clients(&query)?;
            let rows = page
                .rows
                .iter()
                .map(|summary| OcoRow {
                    client: summary.client.0,
                    name: summary.name.clone().unwrap_or_else(|| format!("Cliënt {}", summary.client)),
                    birth_date: format::date(summary.birth_date),
                    region: summary.region.name(),
                    status: format::status_label(summary.status),
                    status_token: summary.status.map_or("geen", WaitStatus::token),
                    dossierhouder: summary.dossierhouder.map_or_else(|| "–".to_string(), |agb| names.provider(agb)),
                })
                .collect();
            Ok((rows, page.total))
        })
        .await?;
    let page = OcoPage { layout: Layout::new(session, "Mijn cliënten", "/"), rows, total, limit: INBOX_LIMIT };
    render(StatusCode::OK, &page)
}
