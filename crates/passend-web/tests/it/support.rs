//! `spawn_app()`: a passend server on a small generated region, for API and
//! browser tests. The region is generated once per test binary into a
//! template database; each app gets its own copy, so tests do not share writes.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use axum::body::Body;
use axum::http::{Request, Response, header};
use http_body_util::BodyExt;
use jiff::civil::{Date, date};
use passend_domain::codes::Region;
use passend_domain::policy::PolicySet;
use passend_sim::{GenerateConfig, Scope};
use passend_store::Passend;
use passend_store_sqlite::SqliteStore;
use passend_web::auth::demo::{DemoAccount, demo_accounts};
use passend_web::{AppState, Today};
use tower::ServiceExt;

/// The day the test data ends and the server's "today".
pub const TODAY: Date = date(2026, 11, 2);
/// The password of every demo account in tests.
pub const PASSWORD: &str = "test-wachtwoord";
/// The smallest region: the quickest to generate.
pub const REGION: &str = "Midden-IJssel";

/// The generated template database, made once per test binary.
fn template() -> &'static Path {
    static TEMPLATE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, path) = TEMPLATE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let path = dir.path().join("template.db");
        let store = SqliteStore::open(&path).expect("the template database opens");
        let passend = Passend::open(store, PolicySet::default()).expect("the service opens");
        let region = Region::parse(REGION).expect("a known region");
        let config = GenerateConfig { scope: Scope::Region(region), seed: 7, months: 6, until: TODAY };
        passend_sim::generate(&passend, &config, &|_| {}).expect("the region generates");
        drop(passend);
        (dir, path)
    });
    path
}

/// A running application over its own copy of the generated region.
pub struct TestApp {
    pub state: AppState,
    pub accounts: Vec<DemoAccount>,
    /// Set by [`TestApp::listen`].
    pub addr: Option<SocketAddr>,
    _dir: tempfile::TempDir,
    _shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

pub fn spawn_app() -> TestApp {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("passend.db");
    // A closed store leaves every commit in the database file itself.
    std::fs::copy(template(), &path).expect("the template copies");
    let store = SqliteStore::open(&path).expect("the copy opens");
    let passend = Passend::open(store, PolicySet::default()).expect("the service opens");
    let (accounts, printed) = demo_accounts(&passend, TODAY, PASSWORD).expect("demo accounts");
    let state = AppState::new(passend, accounts, Today::Fixed(TODAY));
    TestApp { state, accounts: printed, addr: None, _dir: dir, _shutdown: None }
}

/// A response with its body read.
pub struct TestResponse {
    pub status: u16,
    pub headers: axum::http::HeaderMap,
    pub body: Vec<u8>,
}

impl TestResponse {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|error| panic!("body is not JSON ({error}): {}", String::from_utf8_lossy(&self.body)))
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }
}

impl TestApp {
    /// Sends one request through the router, without a network.
    pub async fn send(&self, request: Request<Body>) -> TestResponse {
        let response: Response<Body> =
            passend_web::router(self.state.clone()).oneshot(request).await.expect("the router answers");
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response.into_body().collect().await.expect("the body reads").to_bytes().to_vec();
        TestResponse { status, headers, body }
    }

    /// Signs in through the API and returns the bearer token.
    pub async fn token(&self, username: &str) -> String {
        let body = serde_json::json!({ "username": username, "password": PASSWORD });
        let response = self
            .send(
                Request::post("/api/v1/session")
                    .header(header::CONTENT_TYPE, "application/json")
                    .body(Body::from(body.to_string()))
                    .unwrap(),
            )
            .await;
        assert_eq!(response.status, 201, "signing in as {username}: {}", response.text());
        response.json()["token"].as_str().expect("a token").to_string()
    }

    /// GET with a bearer token.
    pub async fn get(&self, token: &str, path: &str) -> TestResponse {
        self.send(
            Request::get(path).header(header::AUTHORIZATION, format!("Bearer {token}")).body(Body::empty()).unwrap(),
        )
        .await
    }

    /// POST of a JSON body with a bearer token and, when given, `If-Match`.
    pub async fn post(&self, token: &str, path: &str, if_match: Option<u32>, body: &serde_json::Value) -> TestResponse {
        let mut request = Request::post(path)
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .header(header::CONTENT_TYPE, "application/json");
        if let Some(version) = if_match {
            request = request.header(header::IF_MATCH, format!("\"{version}\""));
        }
        self.send(request.body(Body::from(body.to_string())).unwrap()).await
    }

    /// Serves the app on a free local port (for the browser) and returns its base URL.
    pub async fn listen(&mut self) -> String {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a free port");
        let addr = listener.local_addr().expect("the bound address");
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let state = self.state.clone();
        tokio::spawn(async move {
            let shutdown = async {
                let _ = stopped.await;
            };
            passend_web::serve(listener, state, shutdown).await.expect("the server runs");
        });
        self.addr = Some(addr);
        self._shutdown = Some(stop);
        format!("http://{addr}")
    }
}
