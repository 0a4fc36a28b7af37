//! The supply register as every signed-in person may read it: a provider and
//! its locations (`GET /api/v1/providers/{agb}/locations`). Supply is public
//! information about organisations, not about clients.

use axum::Json;
use axum::extract::State;
use passend_domain::ids::AgbCode;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::extract::PathParam;
use super::view::{Code, RegionRef};
use crate::auth::ApiSession;
use crate::problem::{ApiError, Problem};
use crate::state::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(provider_locations))
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
