//! Errors as RFC 9457 problem documents: the one place that maps a domain
//! rejection, a policy denial or bad input to an HTTP status and a message in
//! Dutch and English. Internal causes are logged, never sent.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use passend_domain::InvalidValue;
use passend_domain::case::Rejection;
use passend_domain::complex_case::ComplexRejection;
use passend_domain::note::NoteRejection;
use passend_domain::signal::SignalRejection;
use passend_domain::supply::SupplyRejection;
use passend_store::{CommandError, StoreError};
use serde::Serialize;
use utoipa::ToSchema;

use crate::policy::Denied;

/// An RFC 9457 problem document, with passend's extensions: the field that
/// is wrong, the Dutch message and, on a conflict, the current state.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Problem {
    /// A URI reference naming the kind of problem, e.g. `/problems/rejected`.
    #[serde(rename = "type")]
    pub kind: String,
    /// A short English summary of the kind of problem.
    pub title: String,
    pub status: u16,
    /// What is wrong in this request, in English.
    pub detail: String,
    /// What is wrong in this request, in Dutch: the message the interface shows.
    pub detail_nl: String,
    /// The request field (JSON path, query parameter or header) that is wrong.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// On a conflict: the case as it is now, to re-read before trying again.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    pub current: Option<serde_json::Value>,
}

/// Everything a handler can fail with.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("sign in first")]
    Unauthenticated,
    #[error(transparent)]
    Denied(#[from] Denied),
    #[error("{what} {id} does not exist")]
    NotFound { what: &'static str, what_nl: &'static str, id: String },
    /// The request is malformed or a value does not parse.
    #[error("{field}: {detail}")]
    BadInput { status: StatusCode, field: String, detail: String, detail_nl: String },
    /// The rules refused the command.
    #[error(transparent)]
    Rejected(#[from] Rejection),
    #[error(transparent)]
    Supply(#[from] SupplyRejection),
    #[error(transparent)]
    Note(#[from] NoteRejection),
    #[error(transparent)]
    Complex(#[from] ComplexRejection),
    #[error(transparent)]
    Signal(#[from] SignalRejection),
    #[error("the case changed since version {expected}; it is now at version {actual}")]
    Conflict { expected: u32, actual: u32, current: serde_json::Value },
    #[error("a command needs the If-Match header with the case version it was based on")]
    PreconditionRequired,
    #[error("internal error: {0}")]
    Internal(String),
}

impl ApiError {
    /// Bad input naming the field, with both messages.
    pub fn bad_input(field: impl Into<String>, detail: impl Into<String>, detail_nl: impl Into<String>) -> ApiError {
        ApiError::BadInput {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            field: field.into(),
            detail: detail.into(),
            detail_nl: detail_nl.into(),
        }
    }

    /// A value of `field` that did not parse.
    pub fn invalid(field: impl Into<String>, error: &InvalidValue) -> ApiError {
        ApiError::bad_input(field, error.to_string(), error.message_nl())
    }

    pub fn internal(error: impl std::fmt::Display) -> ApiError {
        ApiError::Internal(error.to_string())
    }

    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::Unauthenticated => StatusCode::UNAUTHORIZED,
            ApiError::Denied(_) => StatusCode::FORBIDDEN,
            ApiError::NotFound { .. } => StatusCode::NOT_FOUND,
            ApiError::BadInput { status, .. } => *status,
            ApiError::Rejected(_)
            | ApiError::Supply(_)
            | ApiError::Note(_)
            | ApiError::Complex(_)
            | ApiError::Signal(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::Conflict { .. } => StatusCode::CONFLICT,
            ApiError::PreconditionRequired => StatusCode::PRECONDITION_REQUIRED,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The Dutch message for the interface.
    pub fn message_nl(&self) -> String {
        match self {
            ApiError::Unauthenticated => "Log eerst in.".to_string(),
            ApiError::Denied(denied) => denied.message_nl(),
            ApiError::NotFound { what_nl, id, .. } => format!("{what_nl} {id} bestaat niet."),
            ApiError::BadInput { detail_nl, .. } => detail_nl.clone(),
            ApiError::Rejected(rejection) => rejection.message_nl(),
            ApiError::Supply(rejection) => rejection.message_nl(),
            ApiError::Note(rejection) => rejection.message_nl(),
            ApiError::Complex(rejection) => rejection.message_nl(),
            ApiError::Signal(rejection) => rejection.message_nl(),
            ApiError::Conflict { .. } => {
                "Dit dossier is intussen gewijzigd, door een collega of in een ander venster. \
                 Bekijk de nieuwe stand en probeer het opnieuw."
                    .to_string()
            }
            ApiError::PreconditionRequired => {
                "Een wijziging moet de versie van het dossier meesturen (If-Match).".to_string()
            }
            ApiError::Internal(_) => "Er ging iets mis in passend. Probeer het later opnieuw.".to_string(),
        }
    }

    /// The field the problem is about, where one is known.
    pub fn field(&self) -> Option<String> {
        match self {
            ApiError::BadInput { field, .. } => Some(field.clone()),
            ApiError::Rejected(rejection) => rejection_field(rejection).map(str::to_string),
            ApiError::Note(NoteRejection::UnknownParent(_)) => Some("reply_to".to_string()),
            ApiError::Note(NoteRejection::OutsideOwnAudience(_)) => Some("audience".to_string()),
            ApiError::Note(_) => Some("text".to_string()),
            ApiError::Conflict { .. } | ApiError::PreconditionRequired => Some("If-Match".to_string()),
            _ => None,
        }
    }

    fn kind(&self) -> (&'static str, &'static str) {
        match self {
            ApiError::Unauthenticated => ("unauthenticated", "Not signed in"),
            ApiError::Denied(_) => ("forbidden", "Not allowed"),
            ApiError::NotFound { .. } => ("not-found", "Not found"),
            ApiError::BadInput { .. } => ("bad-input", "Invalid request"),
            ApiError::Rejected(_)
            | ApiError::Supply(_)
            | ApiError::Note(_)
            | ApiError::Complex(_)
            | ApiError::Signal(_) => ("rejected", "Refused by the rules"),
            ApiError::Conflict { .. } => ("conflict", "The case changed"),
            ApiError::PreconditionRequired => ("precondition-required", "Case version missing"),
            ApiError::Internal(_) => ("internal", "Internal error"),
        }
    }

    pub fn problem(&self) -> Problem {
        let (kind, title) = self.kind();
        let detail = match self {
            ApiError::Internal(_) => "passend failed to handle the request; it has been logged".to_string(),
            other => other.to_string(),
        };
        Problem {
            kind: format!("/problems/{kind}"),
            title: title.to_string(),
            status: self.status().as_u16(),
            detail,
            detail_nl: self.message_nl(),
            field: self.field(),
            current: match self {
                ApiError::Conflict { current, .. } => Some(current.clone()),
                _ => None,
            },
        }
    }
}

/// The request field a rejection is about, where it names one.
fn rejection_field(rejection: &Rejection) -> Option<&'static str> {
    match rejection {
        Rejection::UnknownProvider(_) | Rejection::NotDossierhouder { .. } => Some("provider"),
        Rejection::UnknownLocation(_) | Rejection::NoOpenOffer { .. } => Some("location"),
        Rejection::BeforeLastEvent { .. } => Some("occurred_on"),
        Rejection::DuplicatePreference(_) | Rejection::WaitingListClosed(_) => Some("preferences"),
        Rejection::DistanceOutOfRange { .. } => Some("max_distance_km"),
        Rejection::InvalidWish { wish } => Some(wish.name()),
        _ => None,
    }
}

impl From<CommandError> for ApiError {
    fn from(error: CommandError) -> ApiError {
        match error {
            CommandError::Rejected(rejection) => ApiError::Rejected(rejection),
            CommandError::Supply(rejection) => ApiError::Supply(rejection),
            CommandError::Note(rejection) => ApiError::Note(rejection),
            CommandError::UnknownClient(client) => {
                ApiError::NotFound { what: "client", what_nl: "Cliënt", id: client.to_string() }
            }
            CommandError::Complex(rejection) => ApiError::Complex(rejection),
            CommandError::Signal(rejection) => ApiError::Signal(rejection),
            CommandError::UnknownComplexCase(case) => {
                ApiError::NotFound { what: "complex case", what_nl: "Complexe casus", id: case.to_string() }
            }
            CommandError::UnknownSignal(signal) => {
                ApiError::NotFound { what: "signal", what_nl: "Signaal", id: signal.to_string() }
            }
            CommandError::ComplexCaseOpen { client, case } => ApiError::BadInput {
                status: StatusCode::CONFLICT,
                field: "client".to_string(),
                detail: format!("client {client} already has an open complex case ({case})"),
                detail_nl: format!("Cliënt {client} heeft al een open complexe casus ({case})."),
            },
            CommandError::Store(error) => error.into(),
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> ApiError {
        match error {
            StoreError::Conflict { expected, actual, .. } => {
                ApiError::Conflict { expected, actual, current: serde_json::Value::Null }
            }
            other => ApiError::Internal(other.to_string()),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let ApiError::Internal(cause) = &self {
            tracing::error!(%cause, "request failed");
        }
        let problem = self.problem();
        let mut response = (self.status(), axum::Json(problem)).into_response();
        response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json"));
        response
    }
}
