//! The alert inbox (`GET /api/v1/alerts`): the deadlines and signals a
//! mediator must act on today, most urgent first, with counts per kind.
//!
//! What an actor may see is [`policy::inbox_scope`]: a zorgkantoor its
//! regions (asking for another region is a 403, not an empty list, so that a
//! wrong filter is not mistaken for a quiet day), a provider only the alerts
//! it must act on itself. The clients' names come from a [`ClientQuery`] in
//! the actor's scope, never from an unscoped read.

use std::collections::HashMap;

use axum::extract::{RawQuery, State};
use axum::response::Response;
use jiff::civil::Date;
use passend_domain::InvalidValue;
use passend_domain::calendar::working_days_between;
use passend_domain::case::alerts::AlertKind;
use passend_domain::codes::Region;
use passend_domain::ids::{AgbCode, ClientId};
use passend_store::{AlertQuery, AlertRow, ClientQuery, ClientScope};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::extract::QueryParams;
use super::view::{Code, ProviderRef, RegionRef};
use super::waiting_list::{DEFAULT_LIMIT, MAX_LIMIT};
use super::{ROW_BYTES, json_bytes, to_json};
use crate::actor::Actor;
use crate::auth::ApiSession;
use crate::policy::{self, Denied, InboxScope};
use crate::problem::{ApiError, Problem};
use crate::state::{AppState, Service};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(alert_inbox))
}

/// Enough to hold every open alert of a region, so that the counts are complete.
const EVERY_ALERT: usize = 1_000_000;

/// The alert inbox.
#[derive(Debug, Serialize, ToSchema)]
pub struct AlertInbox {
    /// The day the alerts are open on: today.
    #[schema(value_type = String, format = Date)]
    pub on: Date,
    /// Open alerts matching the filters, over every page.
    pub total: usize,
    /// Open alerts per kind, whatever the `kind` filter, most urgent kind first.
    pub counts: Vec<KindCount>,
    pub rows: Vec<InboxRow>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct KindCount {
    pub kind: Code,
    pub count: usize,
}

/// One open alert.
#[derive(Debug, Serialize, ToSchema)]
pub struct InboxRow {
    pub client: u32,
    pub name: Option<String>,
    pub region: RegionRef,
    pub kind: Code,
    #[schema(value_type = String, format = Date)]
    pub opens_on: Date,
    /// The deadline that was missed, for the kinds that have one.
    #[schema(value_type = Option<String>, format = Date)]
    pub deadline: Option<Date>,
    /// Working days since the deadline, for the kinds that have one.
    pub working_days_late: Option<u32>,
    /// Calendar days the alert has been open, today included.
    pub days_open: i32,
    /// The provider that must act (the dossierhouder), if any.
    pub provider: Option<ProviderRef>,
}

fn parse_kind(text: &str) -> Result<AlertKind, InvalidValue> {
    AlertKind::parse_token(text).ok_or_else(|| {
        let known: Vec<&str> = AlertKind::ALL.iter().map(|kind| kind.token()).collect();
        InvalidValue::new(
            "alert kind",
            text,
            format!("must be one of {}", known.join(", ")),
            format!("moet een van {} zijn", known.join(", ")),
        )
    })
}

/// The store queries an inbox request becomes, after the policy's checks.
fn alert_queries(
    actor: &Actor,
    region: Option<Region>,
    provider: Option<AgbCode>,
    today: Date,
) -> Result<Vec<AlertQuery>, ApiError> {
    let query = |region, provider| AlertQuery { on: today, region, kind: None, provider, limit: EVERY_ALERT };
    match policy::inbox_scope(actor)? {
        InboxScope::Regions(regions) => {
            let regions = match region {
                Some(asked) if regions.contains(&asked) => vec![asked],
                Some(_) => return Err(Denied::RoleMayNot { role: "zorgkantoor", action: "see the alert inbox" }.into()),
                None => regions,
            };
            Ok(regions.into_iter().map(|region| query(Some(region), provider)).collect())
        }
        InboxScope::Provider(own) => match provider {
            Some(asked) if asked != own => Err(Denied::OtherProvider { provider: asked }.into()),
            _ => Ok(vec![query(region, Some(own))]),
        },
    }
}

/// The names of the clients of a page, read through the actor's scope: a
/// client the scope does not return is left out of the page altogether.
fn scoped_names(
    passend: &Service,
    scope: &ClientScope,
    clients: impl IntoIterator<Item = ClientId>,
) -> Result<HashMap<ClientId, Option<String>>, ApiError> {
    let mut names = HashMap::new();
    for client in clients {
        if names.contains_key(&client) {
            continue;
        }
        let mut query = ClientQuery::new(scope.clone(), 1);
        query.text = Some(client.0.to_string());
        if let Some(summary) = passend.clients(&query)?.rows.into_iter().find(|summary| summary.client == client) {
            names.insert(client, summary.name);
        }
    }
    Ok(names)
}

/// The alerts open today that you must act on, most urgent first: by kind
/// (the legal one-week decision term first), then longest open first.
#[utoipa::path(
    get,
    path = "/api/v1/alerts",
    tag = "alerts",
    params(
        ("region" = Option<String>, Query, description = "One of your regions: name or COD001 code"),
        ("kind" = Option<String>, Query, description = "care_refusal_decision_due, first_contact_overdue, norm_exceeded, no_allocation or bridged_waiting"),
        ("provider" = Option<String>, Query, description = "The AGB code of the provider that must act; a provider sees only its own"),
        ("limit" = Option<usize>, Query, description = "Rows to return: 50 by default, at most 500"),
    ),
    responses(
        (status = 200, description = "The inbox", body = AlertInbox),
        (status = 400, description = "An unknown or repeated parameter", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Another region or provider than your own, or a role without an inbox", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A parameter value is invalid", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn alert_inbox(
    State(state): State<AppState>,
    ApiSession(session): ApiSession,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let params = QueryParams::parse(raw.as_deref(), &["region", "kind", "provider", "limit"])?;
    let region = params.parse_with("region", Region::parse)?;
    let kind = params.parse_with("kind", parse_kind)?;
    let provider = params.parse_with("provider", AgbCode::parse)?;
    let limit = params.number("limit", MAX_LIMIT)?.unwrap_or(DEFAULT_LIMIT);
    let today = state.today();
    let queries = alert_queries(&session.actor, region, provider, today)?;
    let actor = session.actor;
    let body = state
        .run(move |passend| {
            let mut alerts: Vec<AlertRow> = Vec::new();
            for query in &queries {
                alerts.extend(passend.open_alerts(query)?);
            }
            let counts: Vec<KindCount> = AlertKind::ALL
                .into_iter()
                .map(|counted| KindCount {
                    kind: Code::alert(counted),
                    count: alerts.iter().filter(|alert| alert.kind == counted).count(),
                })
                .collect();
            alerts.retain(|alert| kind.is_none_or(|kind| alert.kind == kind));
            alerts.sort_by_key(|alert| (alert.kind, alert.opens_on, alert.client));
            let total = alerts.len();
            alerts.truncate(limit);
            let scope = policy::client_scope(&actor, &passend.supply());
            let names = scoped_names(passend, &scope, alerts.iter().map(|alert| alert.client))?;
            let supply = passend.supply();
            let rows = alerts
                .iter()
                .filter_map(|alert| {
                    let name = names.get(&alert.client)?;
                    Some(InboxRow {
                        client: alert.client.0,
                        name: name.clone(),
                        region: alert.region.into(),
                        kind: Code::alert(alert.kind),
                        opens_on: alert.opens_on,
                        deadline: alert.deadline,
                        working_days_late: alert.deadline.map(|deadline| working_days_between(deadline, today)),
                        days_open: (today - alert.opens_on).get_days() + 1,
                        provider: alert.provider.map(|agb| ProviderRef::new(agb, &supply)),
                    })
                })
                .collect();
            to_json(&AlertInbox { on: today, total, counts, rows }, (limit + 1) * ROW_BYTES / 2)
        })
        .await?;
    Ok(json_bytes(body))
}
