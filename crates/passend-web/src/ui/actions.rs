//! `POST /clienten/{n}/<form>`: a dossier form submitted. The fields are read
//! with the domain's parse functions and the command goes through
//! [`cases::execute`], the one path for commands. On success the browser is
//! sent back (303) to the dossier, or to `terug`; on failure the dossier is
//! shown again with the message inside the form that failed, or, when someone
//! else changed the case meanwhile, at the top (409).

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use super::PageError;
use super::client::{self, Messages};
use super::forms::{self, FormKind, Sent};
use crate::auth::{CsrfForm, Session};
use crate::cases::{self, Submission};
use crate::policy::Denied;
use crate::problem::ApiError;
use crate::state::AppState;

/// `POST /clienten/{n}/{action}`.
pub async fn submit(
    State(state): State<AppState>,
    Path((client, action)): Path<(String, String)>,
    CsrfForm(session, fields): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let client = client::parse_client(&client)?;
    let Some(kind) = FormKind::from_segment(&action) else {
        return Err(
            ApiError::NotFound { what: "form", what_nl: "Formulier", id: action.chars().take(30).collect() }.into()
        );
    };
    let sent = Sent(&fields);
    let outcome = if kind.is_command() {
        match submission(kind, &sent, &session) {
            Ok(submission) => cases::execute(&state, Arc::clone(&session.actor), client, submission).await.map(|_| ()),
            Err(error) => Err(error),
        }
    } else {
        note(&state, &session, client, &sent).await
    };
    match outcome {
        Ok(()) => {
            let back = sent.get("terug").and_then(local_path).unwrap_or_else(|| format!("/clienten/{client}"));
            let separator = if back.contains('?') { '&' } else { '?' };
            Ok(Redirect::to(&format!("{back}{separator}gelukt={}", kind.name())).into_response())
        }
        Err(error) => failed(&state, &session, client, kind, error, fields).await,
    }
}

fn submission(kind: FormKind, sent: &Sent<'_>, session: &Session) -> Result<Submission, ApiError> {
    Ok(Submission {
        command: forms::command(kind, sent, &session.actor)?,
        expected_version: forms::version(sent)?,
        occurred_on: forms::occurred_on(sent)?,
        reason: sent.get("reason").map(str::to_string),
    })
}

async fn note(
    state: &AppState,
    session: &Session,
    client: passend_domain::ids::ClientId,
    sent: &Sent<'_>,
) -> Result<(), ApiError> {
    let audience = match sent.get("audience") {
        None => passend_domain::note::Audience::Everyone,
        Some(token) => passend_domain::note::Audience::parse(token).ok_or_else(|| {
            ApiError::bad_input(
                "audience",
                format!("{token:?} is not an audience"),
                format!("Wie mag dit lezen: {token:?} is geen keuze."),
            )
        })?,
    };
    let reply_to = sent
        .get("reply_to")
        .map(|text| {
            text.parse::<u32>().map_err(|_| {
                ApiError::bad_input(
                    "reply_to",
                    format!("{text:?} is not a note number"),
                    format!("Reactie op: {text:?} is geen notitienummer."),
                )
            })
        })
        .transpose()?;
    let text = sent.0.iter().find(|(name, _)| name == "text").map(|(_, text)| text.clone()).unwrap_or_default();
    cases::write_note(state, Arc::clone(&session.actor), client, reply_to, audience, text).await.map(|_| ())
}

/// Shows the dossier again after a failed submission.
async fn failed(
    state: &AppState,
    session: &Session,
    client: passend_domain::ids::ClientId,
    kind: FormKind,
    error: ApiError,
    sent: Vec<(String, String)>,
) -> Result<Response, PageError> {
    match &error {
        // Nothing to show the person on this page: the error page says why.
        ApiError::Unauthenticated
        | ApiError::NotFound { .. }
        | ApiError::Denied(Denied::NotVisible | Denied::AggregatesOnly)
        | ApiError::Internal(_) => Err(error.into()),
        ApiError::Conflict { .. } => {
            let messages = Messages { conflict: Some(error.message_nl()), ..Messages::default() };
            client::show(state, session, client, StatusCode::CONFLICT, messages).await
        }
        _ => {
            tracing::info!(client = %client, form = kind.name(), error = %error, "form refused");
            let messages = Messages { failed: Some((kind, error.message_nl())), sent, ..Messages::default() };
            client::show(state, session, client, error.status(), messages).await
        }
    }
}

/// A path on this site to return to, or nothing: no open redirect.
fn local_path(back: &str) -> Option<String> {
    let safe = back.starts_with('/') && !back.starts_with("//") && !back.contains('\\') && !back.contains("://");
    safe.then(|| back.to_string())
}

#[cfg(test)]
mod tests {
    use super::local_path;

    #[test]
    fn only_local_paths_are_returned_to() {
        assert_eq!(local_path("/aanbieder").as_deref(), Some("/aanbieder"));
        assert_eq!(local_path("//evil.example"), None);
        assert_eq!(local_path("https://evil.example"), None);
        assert_eq!(local_path("/\\evil"), None);
    }
}
