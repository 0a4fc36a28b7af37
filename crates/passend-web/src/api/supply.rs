//! The supply register: read by every signed-in person (supply is
//! information about organisations, not about clients), changed by the
//! provider for its own locations (free places, closed waiting list,
//! context) and by a zorgkantoor for contracts.
//!
//! - `GET /api/v1/providers/{agb}/locations`: a provider and its locations;
//! - `GET /api/v1/locations`: every location with capacity, free places and
//!   the freshness of the report, closed lists and crisis beds, filtered;
//! - `PUT`/`DELETE /api/v1/locations/{location}/free-places`: report or
//!   withdraw free places; `PUT`/`DELETE …/closure`: close the waiting list
//!   with a reason or reopen it; `PUT …/context`: the living context;
//! - `PUT /api/v1/providers/{agb}/contract`: the regions and care profiles
//!   a provider is contracted for.

use axum::Json;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use jiff::civil::Date;
use passend_domain::InvalidValue;
use passend_domain::codes::{CareProfile, Region, Sector};
use passend_domain::ids::{AgbCode, LocationId};
use passend_domain::policy::PolicySet;
use passend_domain::supply::{Contract, Location, SupplyDirectory};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::ApiJson;
use super::extract::{PathParam, QueryParams};
use super::view::{Code, ProviderRef, RegionRef};
use crate::auth::ApiSession;
use crate::cases::checked_reason;
use crate::problem::{ApiError, Problem};
use crate::state::AppState;
use crate::supply_register::{LocationChange, change_location};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(provider_locations))
        .routes(routes!(supply_list))
        .routes(routes!(report_free_places, withdraw_free_places))
        .routes(routes!(close_waiting_list, reopen_waiting_list))
        .routes(routes!(record_context))
        .routes(routes!(record_contract))
}

/// A provider and its locations.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProviderLocations {
    #[schema(value_type = String, example = "47000001")]
    pub agb: AgbCode,
    pub name: String,
    /// The region of the head office.
    pub region: RegionRef,
    pub locations: Vec<LocationView>,
}

/// A location of a provider.
#[derive(Debug, Serialize, ToSchema)]
pub struct LocationView {
    pub location: u32,
    pub name: String,
    pub sector: Code,
    /// Places in all.
    pub capacity: u32,
    pub crisis_beds: u32,
    /// The names of the care profiles (COD163) it gives, e.g. `5VV`.
    pub care_profiles: Vec<&'static str>,
    pub postcode: Option<String>,
    pub expertise: Vec<String>,
}

/// A provider's locations, with their sector, capacity and care profiles.
#[utoipa::path(
    get,
    path = "/api/v1/providers/{agb}/locations",
    tag = "supply",
    params(("agb" = String, Path, description = "The provider's AGB code: eight digits")),
    responses(
        (status = 200, description = "The provider and its locations", body = ProviderLocations),
        (status = 400, description = "Not an AGB code", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such provider", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn provider_locations(
    State(state): State<AppState>,
    ApiSession(_session): ApiSession,
    PathParam(agb): PathParam<AgbCode>,
) -> Result<Json<ProviderLocations>, ApiError> {
    // The supply register is in memory: no store query, no blocking pool.
    let supply = state.passend.supply();
    let provider = supply.provider(agb).ok_or_else(|| ApiError::NotFound {
        what: "provider",
        what_nl: "Aanbieder",
        id: agb.to_string(),
    })?;
    let locations = supply
        .locations()
        .filter(|location| location.provider == agb)
        .map(|location| LocationView {
            location: location.id.0,
            name: location.name.clone(),
            sector: Code { token: location.sector.as_str(), label_nl: location.sector.label_nl() },
            capacity: location.capacity,
            crisis_beds: location.crisis_beds,
            care_profiles: location.care_profiles.iter().map(|profile| profile.name()).collect(),
            postcode: location.postcode.as_ref().map(ToString::to_string),
            expertise: location.expertise.clone(),
        })
        .collect();
    Ok(Json(ProviderLocations { agb, name: provider.name.clone(), region: provider.region.into(), locations }))
}

/// The filters of the supply list.
pub const SUPPLY_PARAMS: [&str; 8] = ["region", "sector", "care_profile", "free", "crisis", "stale", "offset", "limit"];

/// One location in the supply list.
#[derive(Debug, Serialize, ToSchema)]
pub struct SupplyRow {
    pub location: u32,
    pub name: String,
    pub provider: ProviderRef,
    /// The region of the provider's head office, which the location is counted in.
    pub region: RegionRef,
    pub sector: Code,
    pub care_profiles: Vec<&'static str>,
    pub capacity: u32,
    pub crisis_beds: u32,
    pub lat: f64,
    pub lon: f64,
    pub expertise: Vec<String>,
    pub context: Vec<String>,
    pub contra_indications: Vec<String>,
    /// The binding free-places report, if any.
    pub free_places: Option<FreePlacesView>,
    /// Why and since when the waiting list is closed; absent when open.
    pub closed: Option<ClosureView>,
}

/// A free-places report and how fresh it is.
#[derive(Debug, Serialize, ToSchema)]
pub struct FreePlacesView {
    /// Free places, crisis beds included.
    pub free: u32,
    pub occupied: Option<u32>,
    pub free_crisis_beds: Option<u32>,
    #[schema(value_type = String, format = Date)]
    pub reported_on: Date,
    pub age_days: i32,
    /// Older than the policy's term: the provider should report again.
    pub stale: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ClosureView {
    pub reason: String,
    #[schema(value_type = String, format = Date)]
    pub since: Date,
}

/// A page of the supply list.
#[derive(Debug, Serialize, ToSchema)]
pub struct SupplyList {
    pub total: usize,
    /// Free places in all the filtered locations, and of them crisis beds.
    pub free_places: u64,
    pub free_crisis_beds: u64,
    pub offset: usize,
    pub limit: usize,
    pub rows: Vec<SupplyRow>,
}

/// The supply list: every location with its free places and their
/// freshness, closed waiting lists with the reason, and crisis beds across
/// regions. Filters: `region`, `sector`, `care_profile` (name, e.g. `5VV`),
/// `free=true` (only with free places), `crisis=true` (only with free crisis
/// beds), `stale=true` (only reports older than the policy's term: the
/// staleness alert); paged by `offset` and `limit` (default 50, at most 500).
#[utoipa::path(
    get,
    path = "/api/v1/locations",
    tag = "supply",
    params(
        ("region" = Option<String>, Query, description = "Region name or COD001 code"),
        ("sector" = Option<String>, Query, description = "VV, GHZ or GGZ"),
        ("care_profile" = Option<String>, Query, description = "A care profile the location gives, e.g. 5VV"),
        ("free" = Option<bool>, Query, description = "Only locations with free places"),
        ("crisis" = Option<bool>, Query, description = "Only locations with free crisis beds"),
        ("stale" = Option<bool>, Query, description = "Only locations whose report is older than the policy's term (the staleness alert)"),
        ("offset" = Option<usize>, Query, description = "Rows to skip"),
        ("limit" = Option<usize>, Query, description = "Rows to return (at most 500)"),
    ),
    responses(
        (status = 200, description = "The locations, by number", body = SupplyList),
        (status = 400, description = "An unknown or malformed parameter", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn supply_list(
    State(state): State<AppState>,
    ApiSession(_session): ApiSession,
    RawQuery(raw): RawQuery,
) -> Result<Json<SupplyList>, ApiError> {
    let params = QueryParams::parse(raw.as_deref(), &SUPPLY_PARAMS)?;
    let filter = SupplyFilter::from_params(&params)?;
    let stale_only = params.bool("stale")?.unwrap_or(false);
    let offset = params.number("offset", 10_000_000)?.unwrap_or(0);
    let limit = params.number("limit", 500)?.unwrap_or(50);
    let today = state.today();
    let policies = state.passend.policies();
    let supply = state.passend.supply();
    let stale =
        |location: &Location| supply.free_places(location.id).is_some_and(|report| report.is_stale_on(today, policies));
    let matching: Vec<&Location> = supply
        .locations()
        .filter(|location| filter.admits(location, &supply) && (!stale_only || stale(location)))
        .collect();
    let (mut free_places, mut free_crisis_beds) = (0, 0);
    for location in &matching {
        if let Some(report) = supply.free_places(location.id) {
            free_places += u64::from(report.free);
            free_crisis_beds += u64::from(report.free_crisis_beds.unwrap_or(0));
        }
    }
    let rows = matching
        .iter()
        .skip(offset)
        .take(limit)
        .map(|location| supply_row(location, &supply, today, policies))
        .collect();
    Ok(Json(SupplyList { total: matching.len(), free_places, free_crisis_beds, offset, limit, rows }))
}

/// The filters of the supply list, parsed.
#[derive(Debug, Default, Clone, Copy)]
pub struct SupplyFilter {
    pub region: Option<Region>,
    pub sector: Option<Sector>,
    pub care_profile: Option<CareProfile>,
    pub free_only: bool,
    pub crisis_only: bool,
}

impl SupplyFilter {
    pub fn from_params(params: &QueryParams) -> Result<SupplyFilter, ApiError> {
        Ok(SupplyFilter {
            region: params.parse_with("region", Region::parse)?,
            sector: params.parse_with("sector", Sector::parse)?,
            care_profile: params.parse_with("care_profile", CareProfile::parse)?,
            free_only: params.bool("free")?.unwrap_or(false),
            crisis_only: params.bool("crisis")?.unwrap_or(false),
        })
    }

    pub fn admits(&self, location: &Location, supply: &SupplyDirectory) -> bool {
        let report = supply.free_places(location.id);
        self.region.is_none_or(|region| supply.provider(location.provider).is_some_and(|p| p.region == region))
            && self.sector.is_none_or(|sector| location.sector == sector)
            && self.care_profile.is_none_or(|profile| location.care_profiles.contains(&profile))
            && (!self.free_only || report.is_some_and(|report| report.free > 0))
            && (!self.crisis_only || report.is_some_and(|report| report.free_crisis_beds.unwrap_or(0) > 0))
    }
}

fn supply_row(location: &Location, supply: &SupplyDirectory, today: Date, policies: &PolicySet) -> SupplyRow {
    let provider = ProviderRef::new(location.provider, supply);
    let region = supply.provider(location.provider).map(|provider| provider.region);
    SupplyRow {
        location: location.id.0,
        name: location.name.clone(),
        provider,
        region: region.map(RegionRef::from).unwrap_or(RegionRef { code: 0, name: "onbekend" }),
        sector: Code { token: location.sector.as_str(), label_nl: location.sector.label_nl() },
        care_profiles: location.care_profiles.iter().map(|profile| profile.name()).collect(),
        capacity: location.capacity,
        crisis_beds: location.crisis_beds,
        lat: location.lat,
        lon: location.lon,
        expertise: location.expertise.clone(),
        context: supply.context_of(location.id).to_vec(),
        contra_indications: location.contra_indications.clone(),
        free_places: supply.free_places(location.id).map(|report| {
            let age_days = (today - report.reported_on).get_days();
            FreePlacesView {
                free: report.free,
                occupied: report.occupied,
                free_crisis_beds: report.free_crisis_beds,
                reported_on: report.reported_on,
                age_days,
                stale: report.is_stale_on(today, policies),
            }
        }),
        closed: supply
            .waiting_list_closure(location.id)
            .map(|closure| ClosureView { reason: closure.reason.clone(), since: closure.since }),
    }
}

/// A free-places report (*vrije plaatsen*): binding until withdrawn or replaced.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FreePlacesBody {
    /// Places free for admission, crisis beds included.
    pub free: u32,
    /// Places occupied (*bezetting*); with `free` at most the capacity.
    #[serde(default)]
    pub occupied: Option<u32>,
    /// Of the free places, the crisis beds; at most the location's crisis beds.
    #[serde(default)]
    pub free_crisis_beds: Option<u32>,
    /// The day the count holds for; today when absent, never in the future.
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Date)]
    pub reported_on: Option<Date>,
}

/// Report the location's free places (the provider, for its own location).
#[utoipa::path(
    put,
    path = "/api/v1/locations/{location}/free-places",
    tag = "supply",
    request_body = FreePlacesBody,
    params(("location" = u32, Path, description = "The location's number")),
    responses(
        (status = 204, description = "Recorded"),
        (status = 400, description = "Malformed JSON or path", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not your location", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such location", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Negative or too many places, or a date in the future", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn report_free_places(
    State(state): State<AppState>,
    ApiSession(session): ApiSession,
    PathParam(location): PathParam<LocationId>,
    ApiJson(body): ApiJson<FreePlacesBody>,
) -> Result<StatusCode, ApiError> {
    let change = LocationChange::ReportFreePlaces {
        free: body.free,
        occupied: body.occupied,
        free_crisis_beds: body.free_crisis_beds,
        reported_on: body.reported_on.unwrap_or(state.today()),
    };
    change_location(&state, session.actor.clone(), location, change).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Withdraw the location's free-places report: it has no free places until the next.
#[utoipa::path(
    delete,
    path = "/api/v1/locations/{location}/free-places",
    tag = "supply",
    params(("location" = u32, Path, description = "The location's number")),
    responses(
        (status = 204, description = "Withdrawn"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not your location", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such location", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The location has no report", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn withdraw_free_places(
    State(state): State<AppState>,
    ApiSession(session): ApiSession,
    PathParam(location): PathParam<LocationId>,
) -> Result<StatusCode, ApiError> {
    change_location(&state, session.actor.clone(), location, LocationChange::WithdrawFreePlaces).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Closing a waiting list (*wachtlijststop*): only with a reason.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ClosureBody {
    /// Why the list is closed, e.g. "verbouwing tot 1 maart" (at most 500 characters).
    pub reason: String,
}

/// Close the location's waiting list, with the reason (the provider, for its own location).
#[utoipa::path(
    put,
    path = "/api/v1/locations/{location}/closure",
    tag = "supply",
    request_body = ClosureBody,
    params(("location" = u32, Path, description = "The location's number")),
    responses(
        (status = 204, description = "Closed"),
        (status = 400, description = "Malformed JSON or path", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not your location", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such location", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No reason, or the list is already closed", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn close_waiting_list(
    State(state): State<AppState>,
    ApiSession(session): ApiSession,
    PathParam(location): PathParam<LocationId>,
    ApiJson(body): ApiJson<ClosureBody>,
) -> Result<StatusCode, ApiError> {
    let reason = checked_reason("reason", Some(body.reason))?.unwrap_or_default();
    change_location(&state, session.actor.clone(), location, LocationChange::CloseWaitingList { reason }).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Reopen the location's waiting list.
#[utoipa::path(
    delete,
    path = "/api/v1/locations/{location}/closure",
    tag = "supply",
    params(("location" = u32, Path, description = "The location's number")),
    responses(
        (status = 204, description = "Reopened"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not your location", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such location", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The list is not closed", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn reopen_waiting_list(
    State(state): State<AppState>,
    ApiSession(session): ApiSession,
    PathParam(location): PathParam<LocationId>,
) -> Result<StatusCode, ApiError> {
    change_location(&state, session.actor.clone(), location, LocationChange::ReopenWaitingList).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The living context a location offers: tags of kind `context` of the
/// matching vocabulary, replacing the earlier list.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContextBody {
    /// E.g. `["kleinschalig_wonen", "partneropname"]`.
    pub context: Vec<String>,
}

/// Record the living context of the location (the provider, for its own location).
#[utoipa::path(
    put,
    path = "/api/v1/locations/{location}/context",
    tag = "supply",
    request_body = ContextBody,
    params(("location" = u32, Path, description = "The location's number")),
    responses(
        (status = 204, description = "Recorded"),
        (status = 400, description = "Malformed JSON or path", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not your location", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such location", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An unknown tag, or one of another kind", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn record_context(
    State(state): State<AppState>,
    ApiSession(session): ApiSession,
    PathParam(location): PathParam<LocationId>,
    ApiJson(body): ApiJson<ContextBody>,
) -> Result<StatusCode, ApiError> {
    let change = LocationChange::RecordContext { context: body.context };
    change_location(&state, session.actor.clone(), location, change).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A provider's contract (*inkoopafspraak*): where and what it may deliver.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContractBody {
    /// Region names or COD001 codes.
    pub regions: Vec<String>,
    /// Care profile names, e.g. `5VV`.
    pub care_profiles: Vec<String>,
}

/// Record the provider's contract, replacing the earlier one (a zorgkantoor).
#[utoipa::path(
    put,
    path = "/api/v1/providers/{agb}/contract",
    tag = "supply",
    request_body = ContractBody,
    params(("agb" = String, Path, description = "The provider's AGB code")),
    responses(
        (status = 204, description = "Recorded"),
        (status = 400, description = "Malformed JSON or path", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only a zorgkantoor records contracts", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such provider", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An unknown region or care profile, or none at all", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn record_contract(
    State(state): State<AppState>,
    ApiSession(session): ApiSession,
    PathParam(agb): PathParam<AgbCode>,
    ApiJson(body): ApiJson<ContractBody>,
) -> Result<StatusCode, ApiError> {
    let regions = parse_all("regions", &body.regions, Region::parse)?;
    let care_profiles = parse_all("care_profiles", &body.care_profiles, CareProfile::parse)?;
    let contract = Contract { provider: agb, regions, care_profiles };
    crate::supply_register::record_contract(&state, session.actor.clone(), contract).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Parses every entry, naming the first that fails by its index.
fn parse_all<T>(
    field: &str,
    texts: &[String],
    parse: impl Fn(&str) -> Result<T, InvalidValue>,
) -> Result<Vec<T>, ApiError> {
    texts
        .iter()
        .enumerate()
        .map(|(index, text)| parse(text).map_err(|error| ApiError::invalid(format!("{field}[{index}]"), &error)))
        .collect()
}
