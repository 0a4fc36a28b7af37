//! Headless-Chromium harness for passend-web's browser tests.
//!
//! Each [`Browser`] runs its own `chromedriver` child process (on a free port, in its own process group) and its
//! own Chromium profile in a fresh temporary directory, so tests in parallel threads of one test binary do not
//! share anything. Typical use:
//!
//! ```ignore
//! let Some(b) = browser("inschrijven_op_wachtlijst").await else { return };
//! b.goto(&format!("{base}/inloggen")).await;
//! b.fill("#gebruikersnaam", "planner").await;
//! b.click("button[type=submit]").await;
//! b.wait_for("h1").await;
//! b.axe_check("overzicht").await;
//! b.close().await;
//! ```
//!
//! Missing Chromium or chromedriver: [`browser`] returns `None` (the test should return early and so passes as
//! skipped), except under `CI=true`, where it panics.
//!
//! Two views for conflict tests. Either
//! - one [`Browser`] with two tabs ([`Browser::new_window`], [`Browser::switch_to_window`]): the tabs share the
//!   profile, hence the cookies, so this is the *same user* in two tabs (edit the same record twice, submit
//!   both); or
//! - two [`Browser`]s (call [`browser`] twice, with the same test name): separate profiles and cookies, so *two
//!   users* (or two independent sessions). Their screenshots share one numbering in the test's directory.
//!
//! Screenshots go to `<target dir>/browser-tests/<test name>/<nn>-<name>.png`; the directory is emptied when the
//! first browser of that test name starts in a test run.

// Shared test helpers: not every test binary or test uses every helper.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fmt;
use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::wd::{Capabilities, WindowHandle};
use fantoccini::{Client, ClientBuilder, Locator};
use passend_web::Actor;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::support::{PASSWORD, TestApp};

/// axe-core, vendored; see `tests/assets/README.md`.
const AXE_JS: &str = include_str!("../../assets/axe.min.js");

/// The axe-core tags checked by [`Browser::axe_violations`]: WCAG 2.0 and 2.1, levels A and AA.
pub const AXE_TAGS: [&str; 4] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

const DEFAULT_CHROMIUM: &str = "/usr/bin/chromium";
const DEFAULT_CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// How long [`browser`] waits for chromedriver to answer `/status`.
const DRIVER_START_TIMEOUT: Duration = Duration::from_secs(10);
/// How long [`Browser::wait_for`] (and the helpers built on it) wait for an element.
pub const WAIT_TIMEOUT: Duration = Duration::from_secs(5);
const POLL: Duration = Duration::from_millis(50);

/// Starts a headless Chromium for the test `test_name`, or returns `None` (after saying so on stderr) when
/// Chromium or chromedriver is not installed. Under `CI=true` a missing program is a failure: this panics.
///
/// The programs are `/usr/bin/chromium` and `/usr/bin/chromedriver`, or the paths in the environment variables
/// `PASSEND_CHROMIUM` and `PASSEND_CHROMEDRIVER`. Panics when they are there but do not start.
pub async fn browser(test_name: &str) -> Option<Browser> {
    let chromium = program_path("PASSEND_CHROMIUM", DEFAULT_CHROMIUM);
    let chromedriver = program_path("PASSEND_CHROMEDRIVER", DEFAULT_CHROMEDRIVER);
    let missing: Vec<String> = [("Chromium", &chromium), ("chromedriver", &chromedriver)]
        .into_iter()
        .filter(|(_, path)| !path.is_file())
        .map(|(what, path)| format!("{what} ({})", path.display()))
        .collect();
    if !missing.is_empty() {
        let missing = missing.join(" and ");
        if std::env::var("CI").is_ok_and(|ci| ci == "true") {
            panic!(
                "{test_name}: {missing} not installed, and CI=true: browser tests must run in CI. Install the \
                 Debian packages chromium and chromium-driver (.ci/run does), or point PASSEND_CHROMIUM and \
                 PASSEND_CHROMEDRIVER at the programs"
            );
        }
        eprintln!(
            "skipping {test_name}: {missing} not installed (apt-get install chromium chromium-driver, or set \
             PASSEND_CHROMIUM / PASSEND_CHROMEDRIVER)"
        );
        return None;
    }
    Some(Browser::start(test_name, &chromium, &chromedriver).await)
}

fn program_path(var: &str, default: &str) -> PathBuf {
    match std::env::var_os(var) {
        Some(path) if !path.is_empty() => PathBuf::from(path),
        _ => PathBuf::from(default),
    }
}

/// One headless Chromium with its own chromedriver and profile. Close it with [`Browser::close`]; dropping it
/// (e.g. when a test panics) kills chromedriver and Chromium.
pub struct Browser {
    /// The WebDriver session, for anything the helpers do not cover.
    pub client: Client,
    test_name: String,
    /// chromedriver, the leader of a process group that also holds Chromium; `None` once killed.
    driver: Option<Child>,
    /// Chromium's profile (`--user-data-dir`) and chromedriver's log; removed on drop.
    _scratch: tempfile::TempDir,
    shots: Arc<AtomicU32>,
    shot_dir: PathBuf,
}

impl Browser {
    async fn start(test_name: &str, chromium: &Path, chromedriver: &Path) -> Browser {
        let started = Instant::now();
        let scratch = tempfile::Builder::new()
            .prefix("passend-browser-")
            .tempdir()
            .unwrap_or_else(|e| panic!("{test_name}: cannot create a temporary directory: {e}"));
        let profile = scratch.path().join("profile");
        let log = scratch.path().join("chromedriver.log");

        // Finding a free port and then handing it to chromedriver is racy (another test may take it in
        // between), so try again with a new port when chromedriver exits early.
        let mut attempt = 0;
        let (driver, port) = loop {
            attempt += 1;
            let port = free_port();
            let mut driver = spawn_driver(chromedriver, port, &log)
                .unwrap_or_else(|e| panic!("{test_name}: cannot start {}: {e}", chromedriver.display()));
            match wait_until_ready(&mut driver, port).await {
                Ok(()) => break (driver, port),
                Err(e) => {
                    kill_group(&mut driver);
                    if attempt >= 3 || !e.exited {
                        panic!(
                            "{test_name}: chromedriver on port {port} did not become ready: {}\n\
                             chromedriver log ({}):\n{}",
                            e.message,
                            log.display(),
                            tail(&log, 40)
                        );
                    }
                }
            }
        };

        let mut capabilities = Capabilities::new();
        capabilities.insert(
            "goog:chromeOptions".to_owned(),
            json!({
                "binary": chromium,
                "args": [
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                    "--disable-quic",
                    "--window-size=1280,900",
                    format!("--user-data-dir={}", profile.display()),
                ],
            }),
        );
        let connected = match ClientBuilder::rustls() {
            Ok(mut builder) => builder
                .capabilities(capabilities)
                .connect(&format!("http://127.0.0.1:{port}"))
                .await
                .map_err(|e| e.to_string()),
            Err(e) => Err(format!("cannot set up the WebDriver HTTP client: {e}")),
        };
        let mut driver = driver;
        let client = match connected {
            Ok(client) => client,
            Err(e) => {
                kill_group(&mut driver);
                panic!(
                    "{test_name}: cannot start Chromium ({}) through chromedriver: {e}\nchromedriver log ({}):\n{}",
                    chromium.display(),
                    log.display(),
                    tail(&log, 40)
                );
            }
        };

        let (shots, shot_dir) = screenshot_slot(test_name);
        let browser = Browser {
            client,
            test_name: test_name.to_owned(),
            driver: Some(driver),
            _scratch: scratch,
            shots,
            shot_dir,
        };
        if std::env::var_os("PASSEND_BROWSER_VERBOSE").is_some() {
            eprintln!("{test_name}: browser started in {:.2?}", started.elapsed());
        }
        browser
    }

    /// Ends the WebDriver session (Chromium quits) and stops chromedriver.
    pub async fn close(mut self) {
        if let Err(e) = self.client.clone().close().await {
            eprintln!("{}: closing the WebDriver session failed: {e}", self.test_name);
        }
        if let Some(mut driver) = self.driver.take() {
            kill_group(&mut driver);
        }
    }

    /// The test name this browser was started for.
    pub fn test_name(&self) -> &str {
        &self.test_name
    }

    /// Navigates to `url` (absolute) and waits for the page to load.
    pub async fn goto(&self, url: &str) {
        self.client.goto(url).await.unwrap_or_else(|e| panic!("{}: goto {url}: {e}", self.test_name));
    }

    /// The URL of the current page.
    pub async fn url(&self) -> String {
        match self.client.current_url().await {
            Ok(url) => url.to_string(),
            Err(e) => format!("<unknown URL: {e}>"),
        }
    }

    /// The current page's title.
    pub async fn title(&self) -> String {
        self.client.title().await.unwrap_or_else(|e| panic!("{}: reading the title: {e}", self.test_name))
    }

    /// The current page's DOM, serialised.
    pub async fn page_source(&self) -> String {
        self.client.source().await.unwrap_or_else(|e| panic!("{}: reading the page source: {e}", self.test_name))
    }

    /// Waits up to [`WAIT_TIMEOUT`] for an element matching the CSS selector `css` and returns the first one.
    /// Panics (naming the selector and the current URL, after saving a screenshot) when none appears.
    pub async fn wait_for(&self, css: &str) -> Element {
        let deadline = Instant::now() + WAIT_TIMEOUT;
        loop {
            let last_error = match self.client.find(Locator::Css(css)).await {
                Ok(element) => return element,
                Err(e) => e,
            };
            if Instant::now() >= deadline {
                let url = self.url().await;
                let shot = self.try_screenshot("wait-for-failed").await;
                panic!(
                    "{}: no element matching `{css}` on {url} after {WAIT_TIMEOUT:?} (last error: {last_error}); \
                     screenshot: {shot}",
                    self.test_name
                );
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Whether an element matching `css` is on the page now (no waiting).
    pub async fn exists(&self, css: &str) -> bool {
        match self.client.find_all(Locator::Css(css)).await {
            Ok(elements) => !elements.is_empty(),
            Err(e) => panic!("{}: looking for `{css}`: {e}", self.test_name),
        }
    }

    /// Replaces the value of the input or textarea matching `css` with `text`.
    pub async fn fill(&self, css: &str, text: &str) {
        let element = self.wait_for(css).await;
        element.clear().await.unwrap_or_else(|e| panic!("{}: clearing `{css}`: {e}", self.test_name));
        element.send_keys(text).await.unwrap_or_else(|e| panic!("{}: typing into `{css}`: {e}", self.test_name));
    }

    /// Selects the option with value `value` in the `<select>` matching `css`.
    pub async fn select(&self, css: &str, value: &str) {
        let element = self.wait_for(css).await;
        element
            .select_by_value(value)
            .await
            .unwrap_or_else(|e| panic!("{}: selecting value {value:?} in `{css}`: {e}", self.test_name));
    }

    /// Clicks the element matching `css`. If that submits a form, the helpers that wait (`wait_for`, `text`, …)
    /// wait for the next page's elements.
    pub async fn click(&self, css: &str) {
        let element = self.wait_for(css).await;
        element.click().await.unwrap_or_else(|e| panic!("{}: clicking `{css}`: {e}", self.test_name));
    }

    /// The rendered text of the element matching `css`.
    pub async fn text(&self, css: &str) -> String {
        let element = self.wait_for(css).await;
        element.text().await.unwrap_or_else(|e| panic!("{}: reading the text of `{css}`: {e}", self.test_name))
    }

    /// Opens a new tab in this browser, switches to it and returns its handle. It shares the profile, so the
    /// cookies (the login) of the other tabs. Get the first tab's handle with [`Browser::window`] beforehand.
    pub async fn new_window(&self) -> WindowHandle {
        let window =
            self.client.new_window(true).await.unwrap_or_else(|e| panic!("{}: opening a tab: {e}", self.test_name));
        self.switch_to_window(&window.handle).await;
        window.handle
    }

    /// The handle of the current tab.
    pub async fn window(&self) -> WindowHandle {
        self.client.window().await.unwrap_or_else(|e| panic!("{}: reading the window handle: {e}", self.test_name))
    }

    /// Makes `window` the current tab: later commands go to it.
    pub async fn switch_to_window(&self, window: &WindowHandle) {
        self.client
            .switch_to_window(window.clone())
            .await
            .unwrap_or_else(|e| panic!("{}: switching to tab {window:?}: {e}", self.test_name));
    }

    /// Saves a PNG of the viewport as `<target>/browser-tests/<test name>/<nn>-<name>.png` and returns its path.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        match self.save_screenshot(name).await {
            Ok(path) => path,
            Err(e) => panic!("{}: screenshot {name:?}: {e}", self.test_name),
        }
    }

    async fn try_screenshot(&self, name: &str) -> String {
        match self.save_screenshot(name).await {
            Ok(path) => path.display().to_string(),
            Err(e) => format!("<failed: {e}>"),
        }
    }

    async fn save_screenshot(&self, name: &str) -> Result<PathBuf, String> {
        let png = self.client.screenshot().await.map_err(|e| e.to_string())?;
        let n = self.shots.fetch_add(1, Ordering::SeqCst) + 1;
        std::fs::create_dir_all(&self.shot_dir).map_err(|e| format!("creating {}: {e}", self.shot_dir.display()))?;
        let path = self.shot_dir.join(format!("{n:02}-{}.png", file_safe(name)));
        std::fs::write(&path, png).map_err(|e| format!("writing {}: {e}", path.display()))?;
        Ok(path)
    }

    /// Runs axe-core (WCAG 2.0/2.1 A and AA, [`AXE_TAGS`]) on the current page and returns the violations with
    /// impact "serious" or "critical".
    pub async fn axe_violations(&self) -> Vec<Violation> {
        let loaded = self
            .client
            .execute("return typeof window.axe === 'object' && typeof window.axe.run === 'function';", vec![])
            .await
            .unwrap_or_else(|e| panic!("{}: checking for axe-core: {e}", self.test_name));
        if loaded != Value::Bool(true) {
            self.client
                .execute(AXE_JS, vec![])
                .await
                .unwrap_or_else(|e| panic!("{}: injecting axe-core: {e}", self.test_name));
        }
        let result = self
            .client
            .execute_async(
                r#"
                const [tags, done] = arguments;
                axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
                    .then((results) => done({
                        violations: results.violations.map((v) => ({
                            id: v.id,
                            impact: v.impact || '',
                            help: v.help,
                            helpUrl: v.helpUrl,
                            targets: v.nodes.map((node) =>
                                node.target.map((t) => (Array.isArray(t) ? t.join(' ') : String(t))).join(' >>> ')),
                        })),
                    }))
                    .catch((e) => done({ error: String((e && e.stack) || e) }));
                "#,
                vec![json!(AXE_TAGS)],
            )
            .await
            .unwrap_or_else(|e| panic!("{}: running axe-core: {e}", self.test_name));
        if let Some(error) = result.get("error") {
            panic!("{}: axe-core failed on {}: {error}", self.test_name, self.url().await);
        }
        let violations: Vec<Violation> = serde_json::from_value(result["violations"].clone())
            .unwrap_or_else(|e| panic!("{}: unexpected axe-core result {result}: {e}", self.test_name));
        violations.into_iter().filter(Violation::is_serious).collect()
    }

    /// Saves a screenshot named `page_name` and asserts that axe-core finds no serious or critical WCAG 2.0/2.1
    /// A/AA violation on the current page; the panic lists them.
    pub async fn axe_check(&self, page_name: &str) {
        let shot = self.screenshot(page_name).await;
        let violations = self.axe_violations().await;
        if !violations.is_empty() {
            let list: Vec<String> = violations.iter().map(|v| format!("  - {v}")).collect();
            panic!(
                "{}: page {page_name:?} ({}) has {} serious/critical accessibility violation(s):\n{}\nscreenshot: {}",
                self.test_name,
                self.url().await,
                violations.len(),
                list.join("\n"),
                shot.display()
            );
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // Fallback for a browser that was not closed (a failing test): no WebDriver session shutdown here (that
        // would need async), kill chromedriver's process group, which holds Chromium too.
        if let Some(mut driver) = self.driver.take() {
            kill_group(&mut driver);
        }
    }
}

/// An axe-core rule violation.
#[derive(Debug, Clone, Deserialize)]
pub struct Violation {
    /// The rule, e.g. `image-alt`.
    pub id: String,
    /// `minor`, `moderate`, `serious` or `critical`.
    pub impact: String,
    pub help: String,
    #[serde(rename = "helpUrl")]
    pub help_url: String,
    /// CSS selectors of the offending elements.
    pub targets: Vec<String>,
}

impl Violation {
    fn is_serious(&self) -> bool {
        matches!(self.impact.as_str(), "serious" | "critical")
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const SHOWN: usize = 5;
        write!(f, "{} ({}): {} <{}> at ", self.id, self.impact, self.help, self.help_url)?;
        let shown: Vec<&str> = self.targets.iter().take(SHOWN).map(String::as_str).collect();
        write!(f, "{}", shown.join(", "))?;
        if self.targets.len() > SHOWN {
            write!(f, " and {} more", self.targets.len() - SHOWN)?;
        }
        Ok(())
    }
}

fn free_port() -> u16 {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("binding 127.0.0.1:0 to find a free port");
    listener.local_addr().expect("local address of a bound listener").port()
}

fn spawn_driver(chromedriver: &Path, port: u16, log: &Path) -> std::io::Result<Child> {
    use std::os::unix::process::CommandExt;
    let output = std::fs::File::create(log.with_extension("out"))?;
    Command::new(chromedriver)
        .arg(format!("--port={port}"))
        .arg(format!("--log-path={}", log.display()))
        .stdin(Stdio::null())
        .stdout(output.try_clone()?)
        .stderr(output)
        // Its own process group, so that Chromium (which chromedriver starts and which survives chromedriver's
        // death) can be killed with it.
        .process_group(0)
        .spawn()
}

struct NotReady {
    message: String,
    /// chromedriver exited (e.g. its port was taken): worth another try.
    exited: bool,
}

async fn wait_until_ready(driver: &mut Child, port: u16) -> Result<(), NotReady> {
    let deadline = Instant::now() + DRIVER_START_TIMEOUT;
    loop {
        if let Ok(Some(status)) = driver.try_wait() {
            return Err(NotReady { message: format!("chromedriver exited with {status}"), exited: true });
        }
        let ready = tokio::task::spawn_blocking(move || driver_status(port)).await.unwrap_or(false);
        if ready {
            return Ok(());
        }
        if Instant::now() >= deadline {
            return Err(NotReady {
                message: format!("no ready answer from http://127.0.0.1:{port}/status within {DRIVER_START_TIMEOUT:?}"),
                exited: false,
            });
        }
        tokio::time::sleep(POLL).await;
    }
}

/// Whether chromedriver on `port` answers `GET /status` with `"ready": true`.
fn driver_status(port: u16) -> bool {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let Ok(mut stream) = TcpStream::connect_timeout(&addr, Duration::from_millis(250)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(1)));
    let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
    let request = format!("GET /status HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n");
    if stream.write_all(request.as_bytes()).is_err() {
        return false;
    }
    let mut response = String::new();
    let _ = stream.read_to_string(&mut response);
    response.starts_with("HTTP/1.1 200") && response.replace(char::is_whitespace, "").contains("\"ready\":true")
}

/// Kills the process group led by `driver` (chromedriver and the Chromium it started) and reaps chromedriver.
fn kill_group(driver: &mut Child) {
    if let Ok(pgid) = i32::try_from(driver.id()) {
        // SAFETY: kill(2) with a negative pid signals the process group we created for this chromedriver
        // (`process_group(0)` makes its pid the group id); it touches no memory.
        unsafe {
            libc::kill(-pgid, libc::SIGKILL);
        }
    }
    let _ = driver.kill();
    let _ = driver.wait();
}

fn tail(path: &Path, lines: usize) -> String {
    let mut text = std::fs::read_to_string(path).unwrap_or_default();
    if let Ok(out) = std::fs::read_to_string(path.with_extension("out")) {
        text.push_str(&out);
    }
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

/// The workspace's target directory: `CARGO_TARGET_DIR` (relative to the workspace root if relative), else
/// `<workspace>/target`.
pub fn target_dir() -> PathBuf {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let workspace = workspace.canonicalize().unwrap_or(workspace);
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => workspace.join(dir),
        _ => workspace.join("target"),
    }
}

/// The screenshot counter and directory of `test_name`, shared by all browsers of that test in this process. The
/// first call for a test name empties the directory, so it holds only the current run's screenshots.
fn screenshot_slot(test_name: &str) -> (Arc<AtomicU32>, PathBuf) {
    static COUNTERS: Mutex<BTreeMap<String, Arc<AtomicU32>>> = Mutex::new(BTreeMap::new());
    let dir = target_dir().join("browser-tests").join(file_safe(test_name));
    let mut counters = COUNTERS.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let counter = counters
        .entry(test_name.to_owned())
        .or_insert_with(|| {
            let _ = std::fs::remove_dir_all(&dir);
            Arc::new(AtomicU32::new(0))
        })
        .clone();
    (counter, dir)
}

fn file_safe(name: &str) -> String {
    name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect()
}

// ---------------------------------------------------------------------------------------------------------------
// Steps every browser test takes: submit and wait, sign in and out, read the page
// ---------------------------------------------------------------------------------------------------------------

/// Clicks the submit button `css` and waits until the next page has loaded (the old document is gone and the new
/// one is complete), so that later checks never look at the page the form was on.
pub async fn submit(b: &Browser, css: &str) {
    b.client
        .execute("window.__passendVorigePagina = true;", vec![])
        .await
        .unwrap_or_else(|e| panic!("{}: marking the page before submitting `{css}`: {e}", b.test_name()));
    b.click(css).await;
    let deadline = Instant::now() + WAIT_TIMEOUT * 4;
    loop {
        // Errors (no document while navigating) mean: not yet.
        let loaded = b
            .client
            .execute("return window.__passendVorigePagina !== true && document.readyState === 'complete';", vec![])
            .await;
        if matches!(loaded, Ok(Value::Bool(true))) {
            return;
        }
        if Instant::now() >= deadline {
            let shot = b.screenshot("submit-failed").await;
            panic!(
                "{}: submitting `{css}` did not load a new page within {:?} (still on {}); screenshot: {}",
                b.test_name(),
                WAIT_TIMEOUT * 4,
                b.url().await,
                shot.display()
            );
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Signs in on the login page as `username`.
pub async fn sign_in(b: &Browser, base: &str, username: &str) {
    b.goto(&format!("{base}/inloggen")).await;
    b.fill("#gebruikersnaam", username).await;
    b.fill("#wachtwoord", PASSWORD).await;
    submit(b, "main button[type=submit]").await;
    assert!(!b.url().await.contains("/inloggen"), "{username} is signed in: {}", b.url().await);
}

/// Signs out with the button in the page header.
pub async fn sign_out(b: &Browser) {
    submit(b, "form[action='/uitloggen'] button[type=submit]").await;
    b.wait_for("#gebruikersnaam").await;
}

/// The path of the current page, with its query.
pub async fn path(b: &Browser) -> String {
    let url = b.url().await;
    let after_scheme = url.split_once("://").map_or(url.as_str(), |(_, rest)| rest);
    after_scheme.find('/').map_or_else(|| "/".to_string(), |start| after_scheme[start..].to_string())
}

/// The value of `attribute` of every element matching `css`.
pub async fn attributes(b: &Browser, css: &str, attribute: &str) -> Vec<String> {
    let elements = b
        .client
        .find_all(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{}: looking for `{css}`: {e}", b.test_name()));
    let mut values = Vec::new();
    for element in elements {
        let value = element
            .attr(attribute)
            .await
            .unwrap_or_else(|e| panic!("{}: reading {attribute} of `{css}`: {e}", b.test_name()));
        values.push(value.unwrap_or_default());
    }
    values
}

/// The rendered text of every element matching `css`.
pub async fn texts(b: &Browser, css: &str) -> Vec<String> {
    let elements = b
        .client
        .find_all(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{}: looking for `{css}`: {e}", b.test_name()));
    let mut values = Vec::new();
    for element in elements {
        values.push(
            element.text().await.unwrap_or_else(|e| panic!("{}: reading the text of `{css}`: {e}", b.test_name())),
        );
    }
    values
}

pub fn actor(app: &TestApp, username: &str) -> Actor {
    app.state.accounts.actors().find(|actor| actor.username == username).expect("a demo account").clone()
}
