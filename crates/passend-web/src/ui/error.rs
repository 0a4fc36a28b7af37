//! Errors on pages: the same [`ApiError`] as the API, shown as a Dutch page
//! with the right status (403 for a client the actor may not see).

use askama::Template;
use axum::response::{Html, IntoResponse, Response};

use crate::problem::ApiError;

/// An error rendered as a page.
#[derive(Debug)]
pub struct PageError(pub ApiError);

impl From<ApiError> for PageError {
    fn from(error: ApiError) -> PageError {
        PageError(error)
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    status: u16,
    heading: &'a str,
    message: String,
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let status = self.0.status();
        if let ApiError::Internal(cause) = &self.0 {
            tracing::error!(%cause, "page failed");
        }
        let heading = match status.as_u16() {
            401 => "Niet ingelogd",
            403 => "Geen toegang",
            404 => "Niet gevonden",
            409 => "Dossier gewijzigd",
            500..=599 => "Er ging iets mis",
            _ => "Dat lukte niet",
        };
        let page = ErrorPage { status: status.as_u16(), heading, message: self.0.message_nl() };
        match page.render() {
            Ok(html) => (status, Html(html)).into_response(),
            Err(_) => (status, self.0.message_nl()).into_response(),
        }
    }
}
