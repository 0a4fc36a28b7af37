//! The JSON API under `/api/v1`, described by the OpenAPI 3.1 document that
//! utoipa builds from the handlers' annotations (`/api/openapi.json`).
//!
//! One module per resource: [`clients`] (the case document, search,
//! registration), [`commands`] (one route per case command), [`notes`],
//! [`waiting_list`] (the region's and a location's waiting lists),
//! [`alerts`] (the inbox), [`supply`] (the supply register), [`matching`]
//! (places for a client, persons for a place, a region's proposal),
//! [`complex_cases`] (complex cases, my tasks, the signals register) and
//! [`regions`] (aggregate figures). [`view`] holds the JSON shapes they share.
//!
//! Every handler reads clients only through [`crate::cases`] (which checks
//! [`policy::may_see`](crate::policy::may_see)) or through a
//! [`ClientQuery`](passend_store::ClientQuery) carrying the actor's
//! [`client_scope`](crate::policy::client_scope).

pub mod alerts;
pub mod clients;
pub mod commands;
pub mod complex_cases;
mod extract;
mod json;
pub mod matching;
pub mod notes;
pub mod regions;
pub mod supply;
pub mod view;
pub mod waiting_list;

use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use passend_domain::supply::SupplyDirectory;
use passend_store::ClientScope;
use serde::Serialize;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;

pub use extract::{IfMatch, PathParam, PathValue, QueryParams};
pub use json::{ApiJson, parse};

use crate::actor::Actor;
use crate::policy::{self, Denied};
use crate::problem::ApiError;
use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(
    info(title = "passend API", description = "Wlz zorgbemiddeling en wachtlijsten: cliënten, wachtlijsten, signalen."),
    modifiers(&BearerAuth),
    security(("bearer" = []), ("cookie" = [])),
    tags(
        (name = "session", description = "Inloggen en uitloggen"),
        (name = "clients", description = "Cliënten: het dossier, zoeken en inschrijven"),
        (name = "commands", description = "Wijzigingen in een dossier; elke wijziging stuurt de dossierversie mee in If-Match"),
        (name = "notes", description = "Notities bij een dossier (Notitieverkeer)"),
        (name = "waiting-lists", description = "Wachtlijsten van de regio en van een locatie"),
        (name = "alerts", description = "Signalen en termijnen: de werkvoorraad"),
        (name = "supply", description = "Aanbod: aanbieders, locaties, vrije plaatsen, gesloten wachtlijsten, contracten"),
        (name = "matching", description = "Matching: passende plaatsen voor een cliënt, passende cliënten voor een plaats, het plaatsingsvoorstel van een regio"),
        (name = "figures", description = "Geaggregeerde cijfers per regio"),
        (name = "complex-cases", description = "Complexe casussen: stappen, taken per verantwoordelijke partij, aanmeldrondes, bijeenkomst, plan van aanpak, opschaling"),
        (name = "signals", description = "Signalenregister: complexe zorgvragen van buiten"),
    )
)]
struct ApiDoc;

/// Declares how the API authenticates: a bearer token from `POST
/// /api/v1/session`, or the session cookie the same call sets.
struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        components.add_security_scheme(
            "cookie",
            SecurityScheme::ApiKey(utoipa::openapi::security::ApiKey::Cookie(
                utoipa::openapi::security::ApiKeyValue::new(crate::auth::SESSION_COOKIE),
            )),
        );
    }
}

/// Every API route with its OpenAPI description.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(crate::auth::routes::api_routes())
        .merge(clients::routes())
        .merge(commands::routes())
        .merge(notes::routes())
        .merge(waiting_list::routes())
        .merge(alerts::routes())
        .merge(supply::routes())
        .merge(matching::routes())
        .merge(regions::routes())
        .merge(complex_cases::routes())
}

/// The `ETag` of a case version: what the next command's `If-Match` carries.
pub fn etag(version: u32) -> (HeaderName, HeaderValue) {
    let value = HeaderValue::from_str(&format!("\"{version}\"")).unwrap_or(HeaderValue::from_static("\"0\""));
    (header::ETAG, value)
}

/// A case document with its version as `ETag`.
pub fn document_response(status: StatusCode, document: &view::CaseDocument) -> Response {
    (status, [etag(document.version)], axum::Json(document)).into_response()
}

/// A JSON body serialised on the blocking pool, sent as it is.
pub fn json_bytes(body: Vec<u8>) -> Response {
    ([(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))], body).into_response()
}

/// Serialises a response body (beside the query that produced it) into
/// a buffer of about the expected size, so that a page of rows is written
/// without growing the buffer again and again.
pub fn to_json<T: Serialize>(body: &T, expected_bytes: usize) -> Result<Vec<u8>, ApiError> {
    let mut buffer = Vec::with_capacity(expected_bytes);
    serde_json::to_writer(&mut buffer, body).map_err(ApiError::internal)?;
    Ok(buffer)
}

/// About the size of one list row in JSON.
pub const ROW_BYTES: usize = 1024;

/// The clients an actor may list. An analyst sees figures only: a list
/// would be empty by scope, but saying so is clearer than an empty page.
pub fn list_scope(actor: &Actor, supply: &SupplyDirectory) -> Result<ClientScope, ApiError> {
    match policy::client_scope(actor, supply) {
        ClientScope::Nobody => Err(Denied::AggregatesOnly.into()),
        scope => Ok(scope),
    }
}
