//! The extractors that give a handler its session: from the bearer token or
//! the session cookie for the API, from the cookie for pages (redirecting to
//! the login page without one), and for forms with their CSRF token checked.
//! A handler that takes none of these is public; the router lists those few.

use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use jiff::Timestamp;
use serde::de::DeserializeOwned;

use super::sessions::{SESSION_COOKIE, Session, same_secret};
use crate::problem::ApiError;
use crate::state::AppState;
use crate::ui::PageError;

/// The session of an API request: `Authorization: Bearer <token>` or the
/// session cookie. Cookie-authenticated writes are safe from cross-site
/// requests because the cookie is SameSite=Strict and the API accepts only
/// `application/json` bodies, which a cross-site form cannot send.
pub struct ApiSession(pub Session);

/// The session of a page request; without one the browser goes to the login page.
pub struct PageSession(pub Session);

/// A submitted form whose `csrf` field matched the session's token, with its
/// fields deserialised into `T`.
pub struct CsrfForm<T>(pub Session, pub T);

fn token(parts: &Parts) -> Option<String> {
    let bearer = parts
        .headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .map(str::to_string);
    bearer.or_else(|| CookieJar::from_headers(&parts.headers).get(SESSION_COOKIE).map(|c| c.value().to_string()))
}

fn session(parts: &Parts, state: &AppState) -> Option<Session> {
    state.sessions.get(&token(parts)?, Timestamp::now())
}

impl FromRequestParts<AppState> for ApiSession {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<ApiSession, ApiError> {
        session(parts, state).map(ApiSession).ok_or(ApiError::Unauthenticated)
    }
}

impl FromRequestParts<AppState> for PageSession {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<PageSession, Response> {
        match session(parts, state) {
            Some(session) => Ok(PageSession(session)),
            None => {
                let back = parts.uri.path_and_query().map_or("/", |path| path.as_str());
                let target = format!("/inloggen?terug={}", urlencode(back));
                Err(Redirect::to(&target).into_response())
            }
        }
    }
}

/// Percent-encodes a path for a query parameter.
fn urlencode(text: &str) -> String {
    serde_urlencoded::to_string([("", text)]).map(|encoded| encoded[1..].to_string()).unwrap_or_default()
}

/// The most a form may send: a note of 4,000 characters fits many times over.
const FORM_LIMIT: usize = 64 * 1024;

impl<T: DeserializeOwned + Send> FromRequest<AppState> for CsrfForm<T> {
    type Rejection = Response;

    async fn from_request(request: Request, state: &AppState) -> Result<CsrfForm<T>, Response> {
        let (mut parts, body) = request.into_parts();
        let PageSession(session) = PageSession::from_request_parts(&mut parts, state).await?;
        let bytes = axum::body::to_bytes(body, FORM_LIMIT).await.map_err(|_| {
            PageError::from(ApiError::BadInput {
                status: StatusCode::PAYLOAD_TOO_LARGE,
                field: "body".to_string(),
                detail: format!("a form may hold at most {FORM_LIMIT} bytes"),
                detail_nl: "Het formulier is te groot.".to_string(),
            })
            .into_response()
        })?;
        let fields: Vec<(String, String)> = serde_html_form::from_bytes(&bytes).unwrap_or_default();
        let sent = fields.iter().find(|(name, _)| name == "csrf").map(|(_, value)| value.as_str());
        if !sent.is_some_and(|sent| same_secret(sent, &session.csrf)) {
            let error = ApiError::BadInput {
                status: StatusCode::FORBIDDEN,
                field: "csrf".to_string(),
                detail: "the form's CSRF token is missing or wrong; reload the page".to_string(),
                detail_nl: "Dit formulier is verlopen of niet van passend afkomstig. Laad de pagina opnieuw."
                    .to_string(),
            };
            return Err(PageError::from(error).into_response());
        }
        let form = serde_html_form::from_bytes(&bytes).map_err(|error| {
            PageError::from(ApiError::bad_input(
                "form",
                error.to_string(),
                format!("Het formulier klopt niet: {error}"),
            ))
            .into_response()
        })?;
        Ok(CsrfForm(session, form))
    }
}
