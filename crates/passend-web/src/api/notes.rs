//! Notes on a case (*Notitieverkeer*): `POST /api/v1/clients/{client}/notes`.
//! Notes are read as part of the case document's timeline.
//!
//! A note needs no `If-Match`: notes live in a stream of their own beside the
//! case, never change the case's state, and two notes written at once both
//! land one after the other. Requiring the case version would make a note
//! fail merely because someone recorded a command meanwhile.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use passend_domain::InvalidValue;
use passend_domain::ids::ClientId;
use passend_domain::note::Audience;
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::ApiJson;
use super::extract::PathParam;
use super::view::{Code, NoteView, party_token};
use crate::auth::ApiSession;
use crate::cases;
use crate::problem::{ApiError, Problem};
use crate::state::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(write_note))
}

/// A new note.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NoteBody {
    /// At most 4,000 characters.
    pub text: String,
    /// Who may read it: `everyone` (also the OCO), `professionals`
    /// (zorgkantoor and dossierhouder) or `zorgkantoor` (internal).
    pub audience: String,
    /// The number of the note this one answers.
    #[serde(default)]
    pub reply_to: Option<u32>,
}

/// Write a note on a case, as the zorgkantoor, the dossierhouder or the
/// consented OCO.
#[utoipa::path(
    post,
    path = "/api/v1/clients/{client}/notes",
    tag = "notes",
    request_body = NoteBody,
    params(("client" = u32, Path, description = "The client's number")),
    responses(
        (status = 201, description = "The note as recorded", body = NoteView),
        (status = 400, description = "Malformed JSON or client number", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not visible, or you do not take part in this case's notes", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such client", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is larger than 64 KiB", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Empty or too long, an unknown audience or reply", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn write_note(
    State(state): State<AppState>,
    ApiSession(session): ApiSession,
    PathParam(client): PathParam<ClientId>,
    ApiJson(body): ApiJson<NoteBody>,
) -> Result<Response, ApiError> {
    let audience = Audience::parse(&body.audience).ok_or_else(|| {
        let error = InvalidValue::new(
            "audience",
            body.audience.as_str(),
            "must be everyone, professionals or zorgkantoor",
            "moet everyone, professionals of zorgkantoor zijn",
        );
        ApiError::invalid("audience", &error)
    })?;
    let recorded = cases::write_note(&state, session.actor, client, body.reply_to, audience, body.text).await?;
    let note = NoteView {
        number: recorded.number,
        reply_to: recorded.note.reply_to,
        audience: Code { token: recorded.note.audience.token(), label_nl: recorded.note.audience.label_nl() },
        party: party_token(recorded.note.party),
        author: recorded.meta.actor,
        recorded_at: recorded.meta.recorded_at,
        text: recorded.note.text,
    };
    Ok((StatusCode::CREATED, axum::Json(note)).into_response())
}
