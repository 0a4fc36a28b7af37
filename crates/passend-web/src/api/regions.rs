//! Aggregate figures of a region (`GET /api/v1/regions/{region}/counts`):
//! distinct waiting persons per status. A person on several lists counts
//! once. A zorgkantoor sees its own regions, an analyst every region.

use axum::Json;
use axum::extract::State;
use jiff::civil::Date;
use passend_domain::codes::{Region, WaitStatus};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::extract::PathParam;
use super::view::{Code, RegionRef};
use crate::auth::ApiSession;
use crate::policy;
use crate::problem::{ApiError, Problem};
use crate::state::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(region_counts))
}

/// Distinct waiting persons of a region.
#[derive(Debug, Serialize, ToSchema)]
pub struct RegionCounts {
    pub region: RegionRef,
    #[schema(value_type = String, format = Date)]
    pub on: Date,
    /// One entry per waiting status, most urgent first.
    pub statuses: Vec<StatusCount>,
    /// Waiting persons in the official figures, which leave out *wacht uit voorzorg*.
    pub official_total: u32,
    /// Every waiting person, *wacht uit voorzorg* included.
    pub total: u32,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StatusCount {
    pub status: Code,
    pub persons: u32,
}

/// Distinct waiting persons per status in a region.
#[utoipa::path(
    get,
    path = "/api/v1/regions/{region}/counts",
    tag = "figures",
    params(("region" = String, Path, description = "A zorgkantoorregio: name (`Midden-IJssel`) or COD001 code")),
    responses(
        (status = 200, description = "The counts", body = RegionCounts),
        (status = 400, description = "Not a region", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a region whose figures you may see", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn region_counts(
    State(state): State<AppState>,
    ApiSession(session): ApiSession,
    PathParam(region): PathParam<Region>,
) -> Result<Json<RegionCounts>, ApiError> {
    policy::may_see_region_figures(&session.actor, region)?;
    let persons = state.run(move |passend| Ok(passend.region_waiting_persons(region)?)).await?;
    let statuses: Vec<StatusCount> = WaitStatus::ALL
        .into_iter()
        .map(|status| StatusCount { status: Code::status(status), persons: persons.get(status) })
        .collect();
    Ok(Json(RegionCounts {
        region: region.into(),
        on: state.today(),
        total: statuses.iter().map(|count| count.persons).sum(),
        official_total: persons.official_total(),
        statuses,
    }))
}
