//! The passend web application: the JSON API under `/api/v1` (described by
//! the OpenAPI document at `/api/openapi.json`), the Dutch pages for daily
//! work, the login, and the access policy every handler goes through.
//!
//! Layout:
//! - [`actor`]: who is asking ([`Actor`], [`Role`]).
//! - [`policy`]: the one module that decides what an actor may see and do.
//! - [`auth`]: accounts, sessions, CSRF, and the extractors that yield the actor.
//! - [`cases`]: opening and changing a case on behalf of an actor (API and pages share it).
//! - [`problem`]: every error as an RFC 9457 problem in Dutch and English.
//! - [`api`]: the JSON API, one module per resource.
//! - [`ui`]: the server-rendered pages (askama templates, htmx).
//! - [`telemetry`]: logs, request ids, `/metrics`.
//! - [`state`]: what handlers share; [`Today`] is the only clock.
//!
//! Architecture invariant: handlers never query the store for a client
//! without the actor's scope or a [`policy`] check; the store is synchronous
//! and runs on the blocking pool ([`AppState::run`]).

pub mod actor;
pub mod api;
pub mod auth;
pub mod cases;
pub mod complex_cases;
pub mod policy;
pub mod problem;
pub mod state;
pub mod supply_register;
pub mod telemetry;
pub mod ui;

use std::future::Future;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, HeaderValue, Request, header};
use axum::routing::get;
use passend_store::EventStore as _;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

pub use actor::{Actor, Role};
pub use state::{AppState, Service, Today};

/// The largest request body accepted anywhere: commands and notes are small.
pub const BODY_LIMIT: usize = 64 * 1024;

/// The whole application as one router.
pub fn router(state: AppState) -> Router {
    let (api, openapi) = api::router().split_for_parts();
    let openapi = std::sync::Arc::new(openapi);
    let request_id = HeaderName::from_static("x-request-id");
    Router::new()
        .merge(api)
        .route(
            "/api/openapi.json",
            get(move || {
                let openapi = std::sync::Arc::clone(&openapi);
                async move { axum::Json((*openapi).clone()) }
            }),
        )
        .merge(ui::router())
        .merge(auth::routes::page_routes())
        .route("/healthz", get(healthz))
        .route("/metrics", get(telemetry::metrics))
        .route("/static/{file}", get(ui::assets::asset))
        .layer(axum::middleware::from_fn_with_state(state.clone(), telemetry::track))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(TimeoutLayer::with_status_code(axum::http::StatusCode::REQUEST_TIMEOUT, Duration::from_secs(30)))
        .layer(security_header(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(security_header(header::X_FRAME_OPTIONS, "DENY"))
        .layer(security_header(header::REFERRER_POLICY, "same-origin"))
        .layer(security_header(
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
             frame-ancestors 'none'; form-action 'self'",
        ))
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(TraceLayer::new_for_http().make_span_with(|request: &Request<_>| {
            let id = request.headers().get("x-request-id").and_then(|id| id.to_str().ok()).unwrap_or("-");
            tracing::info_span!("request", method = %request.method(), path = %request.uri().path(), request_id = %id)
        }))
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
        .with_state(state)
}

fn security_header(name: HeaderName, value: &'static str) -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
}

/// `GET /healthz`: the server answers and its database does.
async fn healthz(axum::extract::State(state): axum::extract::State<AppState>) -> axum::response::Response {
    use axum::response::IntoResponse;
    let check = state.run(|passend| Ok(passend.store().client_count().is_ok())).await;
    match check {
        Ok(true) => "ok\n".into_response(),
        _ => (axum::http::StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n").into_response(),
    }
}

/// Serves the application on `listener` until `shutdown` completes, then
/// finishes the requests in flight.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(state)).with_graceful_shutdown(shutdown).await
}

/// Completes on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
    tracing::info!("shutting down: finishing requests in flight");
}
