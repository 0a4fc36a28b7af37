//! Signing in and out: the login page and form, and the API's session resource.

use askama::Template;
use axum::Json;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::cookie::{Cookie, SameSite};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::extract::{ApiSession, CsrfForm};
use super::sessions::{SESSION_COOKIE, Session};
use crate::actor::Actor;
use crate::api::ApiJson;
use crate::problem::{ApiError, Problem};
use crate::state::AppState;

pub fn page_routes() -> Router<AppState> {
    Router::new().route("/inloggen", get(login_page).post(login)).route("/uitloggen", post(logout))
}

pub fn api_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(create_session, end_session)).routes(routes!(me))
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    back: String,
    username: String,
    error: Option<&'static str>,
}

#[derive(Debug, Deserialize)]
struct LoginQuery {
    terug: Option<String>,
}

async fn login_page(Query(query): Query<LoginQuery>) -> Response {
    render(StatusCode::OK, LoginPage { back: safe_back(query.terug.as_deref()), username: String::new(), error: None })
}

#[derive(Debug, Deserialize)]
struct LoginForm {
    gebruikersnaam: String,
    wachtwoord: String,
    terug: Option<String>,
}

async fn login(State(state): State<AppState>, axum::Form(form): axum::Form<LoginForm>) -> Response {
    let back = safe_back(form.terug.as_deref());
    match verify(&state, form.gebruikersnaam.clone(), form.wachtwoord).await {
        Some(actor) => {
            let session = state.sessions.start(actor, Timestamp::now());
            tracing::info!(user = %session.actor.username, "signed in");
            (set_cookie(&session), Redirect::to(&back)).into_response()
        }
        None => render(
            StatusCode::UNAUTHORIZED,
            LoginPage {
                back,
                username: form.gebruikersnaam,
                error: Some("Onbekende gebruikersnaam of verkeerd wachtwoord."),
            },
        ),
    }
}

#[derive(Debug, Deserialize)]
struct LogoutForm {}

async fn logout(State(state): State<AppState>, CsrfForm(session, LogoutForm {}): CsrfForm<LogoutForm>) -> Response {
    state.sessions.end(&session.token);
    (clear_cookie(), Redirect::to("/inloggen")).into_response()
}

/// Argon2 is slow on purpose: verify on the blocking pool.
async fn verify(state: &AppState, username: String, password: String) -> Option<Actor> {
    let accounts = std::sync::Arc::clone(&state.accounts);
    tokio::task::spawn_blocking(move || accounts.verify(&username, &password)).await.ok().flatten()
}

/// Only a local path is a place to return to: no open redirect.
fn safe_back(back: Option<&str>) -> String {
    match back {
        Some(path) if path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') => path.to_string(),
        _ => "/".to_string(),
    }
}

fn set_cookie(session: &Session) -> [(header::HeaderName, String); 1] {
    let cookie = Cookie::build((SESSION_COOKIE, session.token.clone()))
        .http_only(true)
        .same_site(SameSite::Strict)
        .path("/")
        .build();
    [(header::SET_COOKIE, cookie.to_string())]
}

fn clear_cookie() -> [(header::HeaderName, String); 1] {
    let cookie =
        Cookie::build((SESSION_COOKIE, "")).http_only(true).same_site(SameSite::Strict).path("/").removal().build();
    [(header::SET_COOKIE, cookie.to_string())]
}

fn render(status: StatusCode, page: impl Template) -> Response {
    match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(error) => ApiError::internal(error).into_response(),
    }
}

/// Credentials for a new API session.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Credentials {
    pub username: String,
    pub password: String,
}

/// A new session: send `token` as `Authorization: Bearer <token>`, or keep
/// the cookie that came with it.
#[derive(Debug, Serialize, ToSchema)]
pub struct SessionCreated {
    pub token: String,
    /// The CSRF token the session's HTML forms carry.
    pub csrf: String,
    #[schema(value_type = Object)]
    pub actor: Actor,
}

/// Sign in.
#[utoipa::path(post, path = "/api/v1/session", tag = "session", request_body = Credentials,
    responses((status = 201, body = SessionCreated), (status = 401, body = Problem, content_type = "application/problem+json")))]
async fn create_session(State(state): State<AppState>, ApiJson(credentials): ApiJson<Credentials>) -> Response {
    match verify(&state, credentials.username, credentials.password).await {
        Some(actor) => {
            let session = state.sessions.start(actor, Timestamp::now());
            let body = SessionCreated {
                token: session.token.clone(),
                csrf: session.csrf.clone(),
                actor: (*session.actor).clone(),
            };
            (StatusCode::CREATED, set_cookie(&session), Json(body)).into_response()
        }
        None => ApiError::Unauthenticated.into_response(),
    }
}

/// Sign out: the token stops working.
#[utoipa::path(delete, path = "/api/v1/session", tag = "session",
    responses((status = 204), (status = 401, body = Problem, content_type = "application/problem+json")))]
async fn end_session(State(state): State<AppState>, ApiSession(session): ApiSession) -> Response {
    state.sessions.end(&session.token);
    (StatusCode::NO_CONTENT, clear_cookie()).into_response()
}

/// The signed-in actor.
#[utoipa::path(get, path = "/api/v1/me", tag = "session",
    responses((status = 200, body = Object), (status = 401, body = Problem, content_type = "application/problem+json")))]
async fn me(ApiSession(session): ApiSession) -> Json<Actor> {
    Json((*session.actor).clone())
}

#[cfg(test)]
mod tests {
    use super::safe_back;

    #[test]
    fn only_local_paths_are_returned_to() {
        assert_eq!(safe_back(Some("/clienten/3")), "/clienten/3");
        assert_eq!(safe_back(Some("//evil.example")), "/");
        assert_eq!(safe_back(Some("https://evil.example")), "/");
        assert_eq!(safe_back(Some("/\\evil.example")), "/");
        assert_eq!(safe_back(None), "/");
    }
}
