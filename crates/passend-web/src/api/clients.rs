//! Clients: the case document (`GET /api/v1/clients/{client}`), search and
//! lists within the actor's scope (`GET /api/v1/clients`), and registering a
//! new client (`POST /api/v1/clients`, a zorgkantoor for its own regions).

use std::sync::Arc;

use axum::extract::{RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use jiff::Timestamp;
use jiff::civil::Date;
use passend_domain::InvalidValue;
use passend_domain::case::ClientRegistration;
use passend_domain::codes::Region;
use passend_domain::ids::{Bsn, ClientId, Postcode};
use passend_store::{CommandError, EventMeta, StoreError};
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::commands::{NameOrCode, checked_reason, occurred_on};
use super::extract::{PathParam, QueryParams};
use super::view::{CaseDocument, ClientList};
use super::waiting_list::{ListFilters, list_page};
use super::{ApiJson, document_response};
use crate::auth::ApiSession;
use crate::cases;
use crate::policy;
use crate::problem::{ApiError, Problem};
use crate::state::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_clients, register_client)).routes(routes!(get_client))
}

/// The parameters of the client search.
pub const LIST_PARAMS: [&str; 12] = [
    "q",
    "region",
    "sector",
    "status",
    "classification",
    "bridging",
    "waiting",
    "waits_for",
    "sort",
    "desc",
    "offset",
    "limit",
];

/// A client's case: the facts, the running deadlines and the timeline of
/// events and readable notes. The `ETag` is the version a command's
/// `If-Match` must carry.
#[utoipa::path(
    get,
    path = "/api/v1/clients/{client}",
    tag = "clients",
    params(("client" = u32, Path, description = "The client's number")),
    responses(
        (status = 200, description = "The case", body = CaseDocument,
            headers(("ETag" = String, description = "The case version"))),
        (status = 400, description = "Not a client number", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "This client is not visible to you", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such client", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn get_client(
    State(state): State<AppState>,
    ApiSession(session): ApiSession,
    PathParam(client): PathParam<ClientId>,
) -> Result<Response, ApiError> {
    let today = state.today();
    let actor = session.actor;
    let document = state
        .run(move |passend| {
            let file = cases::open_blocking(passend, &actor, client)?;
            Ok(CaseDocument::new(&file, today, &passend.supply()))
        })
        .await?;
    Ok(document_response(StatusCode::OK, &document))
}

/// Search and list the clients you may see: by name, client number or BSN
/// (`q`), filtered, sorted and paged.
#[utoipa::path(
    get,
    path = "/api/v1/clients",
    tag = "clients",
    params(
        ("q" = Option<String>, Query, description = "Part of a name, a client number or a BSN"),
        ("region" = Option<String>, Query, description = "A zorgkantoorregio: name or COD001 code"),
        ("sector" = Option<String>, Query, description = "VV, GHZ or GGZ"),
        ("status" = Option<String>, Query, description = "A waiting status token"),
        ("classification" = Option<String>, Query, description = "A COD168 classification token or code"),
        ("bridging" = Option<bool>, Query, description = "Only clients in (true) or not in (false) a bridging place"),
        ("waiting" = Option<bool>, Query, description = "Only waiting clients"),
        ("waits_for" = Option<String>, Query, description = "Only clients waiting for `location:<number>` or `provider:<AGB code>`"),
        ("sort" = Option<String>, Query, description = "waiting_order (default), waiting_since, norm_due, name or client"),
        ("desc" = Option<bool>, Query, description = "Sort descending"),
        ("offset" = Option<usize>, Query, description = "Rows to skip"),
        ("limit" = Option<usize>, Query, description = "Rows to return: 50 by default, at most 500"),
    ),
    responses(
        (status = 200, description = "A page of clients", body = ClientList),
        (status = 400, description = "An unknown or repeated parameter", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Your role sees no clients", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A parameter value is invalid", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn list_clients(
    State(state): State<AppState>,
    ApiSession(session): ApiSession,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let params = QueryParams::parse(raw.as_deref(), &LIST_PARAMS)?;
    let query = ListFilters::query(&params)?;
    list_page(&state, session.actor, query).await
}

/// A new client. Where the client lives is given by a postcode, by
/// coordinates, or both; without coordinates they are recorded as 0.0/0.0
/// (unknown) until an address service fills them in — nothing in the rules
/// depends on them yet.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegistrationBody {
    /// The zorgkantoorregio where the client lives: its name (`"Midden-IJssel"`) or COD001 code (`5507`).
    pub region: NameOrCode,
    #[schema(value_type = String, format = Date, example = "1941-03-15")]
    pub birth_date: Date,
    pub name: String,
    /// The BSN (nine digits that pass the eleven test).
    #[serde(default)]
    pub bsn: Option<String>,
    /// `1234 AB` or `1234AB`.
    #[serde(default)]
    pub postcode: Option<String>,
    #[serde(default)]
    pub lat: Option<f64>,
    #[serde(default)]
    pub lon: Option<f64>,
    /// The day the client was registered; today when absent.
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Date)]
    pub occurred_on: Option<Date>,
    /// Why, in the person's own words (at most 500 characters).
    #[serde(default)]
    pub reason: Option<String>,
}

/// The longest name accepted: names are for lists, not biographies.
const MAX_NAME_CHARS: usize = 200;

impl RegistrationBody {
    /// Checks every field and builds the registration.
    fn registration(&self, today: Date) -> Result<ClientRegistration, ApiError> {
        let invalid = |field: &'static str| move |error: InvalidValue| ApiError::invalid(field, &error);
        let region = match &self.region {
            NameOrCode::Name(name) => Region::parse(name),
            NameOrCode::Code(code) => u16::try_from(*code)
                .map_err(|_| InvalidValue::new("region", code.to_string(), "not a COD001 code", "geen COD001-code"))
                .and_then(Region::from_cod001),
        }
        .map_err(invalid("region"))?;
        if self.birth_date > today || self.birth_date.year() < 1900 {
            return Err(ApiError::bad_input(
                "birth_date",
                format!("{} is not a possible birth date", self.birth_date),
                format!("{} is geen mogelijke geboortedatum.", self.birth_date),
            ));
        }
        let name = self.name.trim();
        if name.is_empty() || name.chars().count() > MAX_NAME_CHARS {
            return Err(ApiError::bad_input(
                "name",
                format!("the name must have 1 to {MAX_NAME_CHARS} characters"),
                format!("De naam moet 1 tot {MAX_NAME_CHARS} tekens hebben."),
            ));
        }
        let bsn = self.bsn.as_deref().map(str::trim).map(Bsn::parse).transpose().map_err(invalid("bsn"))?;
        let postcode =
            self.postcode.as_deref().map(str::trim).map(Postcode::parse).transpose().map_err(invalid("postcode"))?;
        let (lat, lon) = match (self.lat, self.lon) {
            (Some(lat), Some(lon)) => (coordinate("lat", lat, 90.0)?, coordinate("lon", lon, 180.0)?),
            (None, None) if postcode.is_some() => (0.0, 0.0),
            (None, None) => {
                return Err(ApiError::bad_input(
                    "postcode",
                    "give a postcode or the coordinates (lat and lon) of where the client lives",
                    "Geef een postcode of de coördinaten (lat en lon) van het woonadres.",
                ));
            }
            (Some(_), None) | (None, Some(_)) => {
                let missing = if self.lat.is_none() { "lat" } else { "lon" };
                return Err(ApiError::bad_input(
                    missing,
                    "give both lat and lon, or neither",
                    "Geef zowel lat als lon, of geen van beide.",
                ));
            }
        };
        Ok(ClientRegistration {
            region,
            birth_date: self.birth_date,
            bsn,
            name: Some(name.to_string()),
            postcode,
            lat,
            lon,
        })
    }
}

fn coordinate(field: &str, value: f64, limit: f64) -> Result<f64, ApiError> {
    if value.is_finite() && value.abs() <= limit {
        Ok(value)
    } else {
        Err(ApiError::bad_input(
            field,
            format!("{field} must lie between -{limit} and {limit}"),
            format!("{field} moet tussen -{limit} en {limit} liggen."),
        ))
    }
}

/// How often a registration is retried when another one took its number.
const REGISTRATION_ATTEMPTS: usize = 5;

/// Register a new client (a zorgkantoor, for its own regions). The client
/// gets the next number; the answer is the new case.
#[utoipa::path(
    post,
    path = "/api/v1/clients",
    tag = "clients",
    request_body = RegistrationBody,
    responses(
        (status = 201, description = "Registered; the new case", body = CaseDocument,
            headers(("ETag" = String, description = "The case version"), ("Location" = String, description = "The case's address"))),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not your region, or your role may not register clients", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is larger than 64 KiB", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not application/json", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is invalid", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn register_client(
    State(state): State<AppState>,
    ApiSession(session): ApiSession,
    ApiJson(body): ApiJson<RegistrationBody>,
) -> Result<Response, ApiError> {
    let today = state.today();
    let registration = body.registration(today)?;
    let occurred_on = occurred_on(body.occurred_on, today)?;
    let reason = checked_reason("reason", body.reason)?;
    policy::may_register_client(&session.actor, registration.region)?;
    let actor = Arc::clone(&session.actor);
    let document = state
        .run(move |passend| {
            let mut attempt = 0;
            let client = loop {
                attempt += 1;
                let meta = EventMeta {
                    occurred_on,
                    recorded_at: Timestamp::now(),
                    actor: actor.recorded_as(),
                    reason: reason.clone(),
                };
                match passend.register_client(registration.clone(), meta) {
                    Ok(client) => break client,
                    Err(CommandError::Store(StoreError::Conflict { .. })) if attempt < REGISTRATION_ATTEMPTS => {
                        continue;
                    }
                    Err(error) => return Err(error.into()),
                }
            };
            let file = cases::open_blocking(passend, &actor, client)?;
            Ok(CaseDocument::new(&file, today, &passend.supply()))
        })
        .await?;
    let mut response = document_response(StatusCode::CREATED, &document);
    if let Ok(location) = format!("/api/v1/clients/{}", document.client).parse() {
        response.headers_mut().insert(header::LOCATION, location);
    }
    Ok(response.into_response())
}
