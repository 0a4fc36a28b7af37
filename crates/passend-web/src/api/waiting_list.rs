//! The waiting lists: the region's (every waiting client the actor may see,
//! in the default waiting order) and a location's. The region's list is the
//! busiest route of the API, so it is one store query run on the worker
//! itself, with the rows serialised there too: no per-row reads, no hop.
//!
//! The query-string filters are shared with the client search
//! ([`super::clients`]): [`ListFilters`] reads them by hand so that each
//! error names its parameter.

use std::sync::Arc;

use axum::extract::{RawQuery, State};
use axum::response::Response;
use jiff::civil::Date;
use passend_domain::InvalidValue;
use passend_domain::case::ListTarget;
use passend_domain::codes::{Classification, Region, Sector, WaitStatus};
use passend_domain::ids::{AgbCode, LocationId};
use passend_store::{ClientQuery, ClientScope, ClientSort};
use serde::Serialize;
use tokio::sync::{Semaphore, SemaphorePermit};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::extract::{PathParam, QueryParams};
use super::view::{ClientList, ClientRow, ProviderRef};
use super::{ROW_BYTES, json_bytes, list_scope, to_json};
use crate::actor::Actor;
use crate::auth::ApiSession;
use crate::problem::{ApiError, Problem};
use crate::state::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(region_waiting_list)).routes(routes!(location_waiting_list))
}

/// The default number of rows of a page.
pub const DEFAULT_LIMIT: usize = 50;
/// The most rows one page may hold.
pub const MAX_LIMIT: usize = 500;
/// Far beyond any list; only keeps the number sane.
const MAX_OFFSET: usize = 10_000_000;

/// The filters of the waiting list.
pub const WAITING_LIST_PARAMS: [&str; 9] =
    ["region", "sector", "status", "classification", "bridging", "sort", "desc", "offset", "limit"];

/// The filters and page of a list, read from the query string. `scope` is
/// left to the handler, which computes it from the actor on the blocking pool.
pub struct ListFilters;

impl ListFilters {
    /// Reads the parameters a list knows into a query without scope.
    pub fn query(params: &QueryParams) -> Result<ClientQuery, ApiError> {
        let mut query = ClientQuery::new(ClientScope::Nobody, DEFAULT_LIMIT);
        query.text = params.get("q").map(str::to_string);
        query.region = params.parse_with("region", Region::parse)?;
        query.sector = params.parse_with("sector", Sector::parse)?;
        query.status = params.parse_with("status", WaitStatus::parse_token)?;
        query.classification = params.parse_with("classification", Classification::parse)?;
        query.bridging = params.bool("bridging")?;
        query.waiting_only = params.bool("waiting")?.unwrap_or(false);
        query.waits_for = params.parse_with("waits_for", parse_target)?;
        query.sort = params.parse_with("sort", parse_sort)?.unwrap_or_default();
        query.descending = params.bool("desc")?.unwrap_or(false);
        query.offset = params.number("offset", MAX_OFFSET)?.unwrap_or(0);
        query.limit = params.number("limit", MAX_LIMIT)?.unwrap_or(DEFAULT_LIMIT);
        Ok(query)
    }
}

/// `location:3` or `provider:47000001`.
fn parse_target(text: &str) -> Result<ListTarget, InvalidValue> {
    let invalid = || {
        InvalidValue::new(
            "waiting-list target",
            text,
            "must be location:<number> or provider:<AGB code>",
            "moet location:<nummer> of provider:<AGB-code> zijn",
        )
    };
    match text.split_once(':') {
        Some(("location", number)) => number
            .parse::<u32>()
            .ok()
            .filter(|number| *number > 0)
            .map(|number| ListTarget::Location(LocationId(number)))
            .ok_or_else(invalid),
        Some(("provider", agb)) => AgbCode::parse(agb).map(ListTarget::Provider),
        _ => Err(invalid()),
    }
}

fn parse_sort(text: &str) -> Result<ClientSort, InvalidValue> {
    ClientSort::parse(text).ok_or_else(|| {
        let known: Vec<&str> = ClientSort::ALL.iter().map(|sort| sort.token()).collect();
        InvalidValue::new(
            "sort",
            text,
            format!("must be one of {}", known.join(", ")),
            format!("moet een van {} zijn", known.join(", ")),
        )
    })
}

/// How many list queries run on the blocking pool at once: as many as the
/// SQLite store has read connections. More would not run sooner: each would
/// hold a blocking thread waiting for a connection, and at 64 concurrent
/// requests on two cores those waiting threads tripled the p99 latency of
/// the waiting list. Waiting here is a cheap async wait instead.
const LIST_SLOTS: usize = 4;

static LIST_QUERIES: Semaphore = Semaphore::const_new(LIST_SLOTS);

/// A turn to run a list query; the turn ends when the permit is dropped.
async fn list_slot() -> Result<SemaphorePermit<'static>, ApiError> {
    LIST_QUERIES.acquire().await.map_err(ApiError::internal)
}

/// Runs a list query in the actor's scope and serialises the page.
///
/// The query runs on the async worker itself, not on the blocking pool: a
/// page of 50 rows takes about 0.2 ms, less than handing it to another
/// thread and back cost (measured: 3,100 req/s through the pool, 5,300
/// inline, on two cores). The slots above bound how many run at once.
pub async fn list_page(state: &AppState, actor: Arc<Actor>, mut query: ClientQuery) -> Result<Response, ApiError> {
    let today = state.today();
    let _slot = list_slot().await?;
    let passend = &state.passend;
    query.scope = list_scope(&actor, &passend.supply())?;
    let page = passend.clients(&query)?;
    let supply = passend.supply();
    let rows = page.rows.iter().map(|summary| ClientRow::new(summary, today, &supply)).collect();
    let expected = (page.rows.len() + 1) * ROW_BYTES;
    let body = to_json(&ClientList { total: page.total, offset: query.offset, limit: query.limit, rows }, expected)?;
    Ok(json_bytes(body))
}

/// The waiting list: every waiting client you may see, in the default
/// waiting order (urgent first, then by waiting time), filtered and paged.
#[utoipa::path(
    get,
    path = "/api/v1/waiting-list",
    tag = "waiting-lists",
    params(
        ("region" = Option<String>, Query, description = "A zorgkantoorregio: name or COD001 code"),
        ("sector" = Option<String>, Query, description = "VV, GHZ or GGZ"),
        ("status" = Option<String>, Query, description = "A waiting status token"),
        ("classification" = Option<String>, Query, description = "A COD168 classification token or code"),
        ("bridging" = Option<bool>, Query, description = "Only clients in (true) or not in (false) a bridging place"),
        ("sort" = Option<String>, Query, description = "waiting_order (default), waiting_since, norm_due, name or client"),
        ("desc" = Option<bool>, Query, description = "Sort descending"),
        ("offset" = Option<usize>, Query, description = "Rows to skip"),
        ("limit" = Option<usize>, Query, description = "Rows to return: 50 by default, at most 500"),
    ),
    responses(
        (status = 200, description = "A page of waiting clients", body = ClientList),
        (status = 400, description = "An unknown or repeated parameter", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role sees no clients", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A parameter value is invalid", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn region_waiting_list(
    State(state): State<AppState>,
    ApiSession(session): ApiSession,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let params = QueryParams::parse(raw.as_deref(), &WAITING_LIST_PARAMS)?;
    let mut query = ListFilters::query(&params)?;
    query.waiting_only = true;
    list_page(&state, session.actor, query).await
}

/// A location's waiting list: its name and provider, and the waiting
/// clients you may see who have the location among their preferences.
#[derive(Debug, Serialize, ToSchema)]
pub struct LocationWaitingList {
    pub location: u32,
    pub name: String,
    pub provider: ProviderRef,
    /// `VV`, `GHZ` or `GGZ`.
    pub sector: &'static str,
    pub capacity: u32,
    #[schema(value_type = String, format = Date)]
    pub on: Date,
    #[serde(flatten)]
    pub list: ClientList,
}

/// A location's waiting list, in the default waiting order.
#[utoipa::path(
    get,
    path = "/api/v1/locations/{location}/waiting-list",
    tag = "waiting-lists",
    params(
        ("location" = u32, Path, description = "The location's number"),
        ("offset" = Option<usize>, Query, description = "Rows to skip"),
        ("limit" = Option<usize>, Query, description = "Rows to return: 50 by default, at most 500"),
    ),
    responses(
        (status = 200, description = "The location and a page of its waiting list", body = LocationWaitingList),
        (status = 400, description = "A bad location number or parameter", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role sees no clients", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such location", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn location_waiting_list(
    State(state): State<AppState>,
    ApiSession(session): ApiSession,
    PathParam(location): PathParam<LocationId>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let params = QueryParams::parse(raw.as_deref(), &["offset", "limit"])?;
    let mut query = ListFilters::query(&params)?;
    query.waiting_only = true;
    query.waits_for = Some(ListTarget::Location(location));
    let today = state.today();
    let actor = session.actor;
    let _slot = list_slot().await?;
    let body = state
        .run(move |passend| {
            let (found, scope) = {
                let supply = passend.supply();
                let found = supply.location(location).cloned().ok_or_else(|| ApiError::NotFound {
                    what: "location",
                    what_nl: "Locatie",
                    id: location.to_string(),
                })?;
                (found, list_scope(&actor, &supply)?)
            };
            query.scope = scope;
            let page = passend.clients(&query)?;
            let supply = passend.supply();
            let rows = page.rows.iter().map(|summary| ClientRow::new(summary, today, &supply)).collect();
            let expected = (page.rows.len() + 1) * ROW_BYTES;
            to_json(
                &LocationWaitingList {
                    location: location.0,
                    name: found.name,
                    provider: ProviderRef::new(found.provider, &supply),
                    sector: found.sector.as_str(),
                    capacity: found.capacity,
                    on: today,
                    list: ClientList { total: page.total, offset: query.offset, limit: query.limit, rows },
                },
                expected,
            )
        })
        .await?;
    Ok(json_bytes(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_name_the_bad_parameter() {
        let read = |raw: &str| {
            let params = QueryParams::parse(Some(raw), &super::super::clients::LIST_PARAMS)?;
            ListFilters::query(&params)
        };
        let query = read("status=wacht_op_voorkeur&waits_for=location:3&sort=norm_due&desc=1&limit=10").unwrap();
        assert_eq!(query.status, Some(WaitStatus::WachtOpVoorkeur));
        assert_eq!(query.waits_for, Some(ListTarget::Location(LocationId(3))));
        assert_eq!((query.sort, query.descending, query.limit), (ClientSort::NormDue, true, 10));
        for (raw, field) in [
            ("status=wachten", "status"),
            ("waits_for=locatie:3", "waits_for"),
            ("waits_for=provider:12", "waits_for"),
            ("sort=oldest", "sort"),
            ("limit=1000", "limit"),
            ("region=Atlantis", "region"),
            ("bridging=maybe", "bridging"),
        ] {
            assert_eq!(read(raw).unwrap_err().field().as_deref(), Some(field), "{raw}");
        }
    }
}
