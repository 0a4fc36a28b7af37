//! `passend serve --db FILE [--addr A]`: the web application and API over an
//! existing database, with one demo account per role.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::Args;
use passend_domain::ids::ClientId;
use passend_web::auth::demo::{DemoAccount, demo_accounts};
use passend_web::{AppState, Today};

use super::report::open_existing;

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The database to serve (made by `passend generate` or `passend demo`).
    #[arg(long, value_name = "FILE")]
    pub db: PathBuf,
    #[command(flatten)]
    pub server: ServerOptions,
}

/// The options `serve` and `demo` share.
#[derive(Debug, Args)]
pub struct ServerOptions {
    /// The address to listen on; port 0 picks a free port.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080", env = "PASSEND_ADDR")]
    pub addr: SocketAddr,
    /// The password of the demo accounts; a random one is printed when absent.
    #[arg(long, value_name = "PASSWORD", env = "PASSEND_DEMO_PASSWORD")]
    pub demo_password: Option<String>,
    /// A policy file (TOML) instead of the built-in norms.
    #[arg(long, value_name = "FILE")]
    pub policy: Option<PathBuf>,
}

pub fn run(args: &ServeArgs) -> anyhow::Result<()> {
    let password = args.server.demo_password.clone().unwrap_or_else(random_password);
    serve(&args.db, &args.server, &password)
}

/// Serves `db` until Ctrl-C or SIGTERM, printing the address and the accounts.
pub(super) fn serve(db: &Path, options: &ServerOptions, password: &str) -> anyhow::Result<()> {
    passend_web::telemetry::init_logs();
    let passend = open_existing(db, options.policy.as_deref())?;
    // A database written by an older passend has projections without the
    // columns the lists need: recompute them from the log once.
    if passend.summary(ClientId(1)).is_err() {
        println!("De projecties van {} zijn van een oudere versie; ze worden opnieuw berekend …", db.display());
        passend.rebuild().with_context(|| format!("cannot rebuild the projections of {}", db.display()))?;
    }
    let today = Today::Clock;
    let (accounts, printed) = demo_accounts(&passend, today.date(), password)
        .with_context(|| format!("cannot choose demo accounts from {}", db.display()))?;
    let state = AppState::new(passend, accounts, today);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().context("cannot start tokio")?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(options.addr)
            .await
            .with_context(|| format!("cannot listen on {}", options.addr))?;
        let addr = listener.local_addr().context("cannot read the listening address")?;
        print_welcome(addr, &printed, password);
        passend_web::serve(listener, state, passend_web::shutdown_signal()).await.context("the server failed")
    })?;
    println!("passend is gestopt.");
    Ok(())
}

fn print_welcome(addr: SocketAddr, accounts: &[DemoAccount], password: &str) {
    println!("passend draait op http://{addr}/");
    println!("API: http://{addr}/api/v1 (beschrijving: http://{addr}/api/openapi.json)");
    println!();
    println!("Demo-accounts (wachtwoord voor alle: {password}):");
    let width = accounts.iter().map(|account| account.username.len()).max().unwrap_or(0);
    for account in accounts {
        println!("  {:width$}  {} – {}", account.username, account.role, account.description);
    }
    println!();
    println!("Stoppen: Ctrl-C.");
}

/// A password for a server started without one: 16 random letters and digits.
fn random_password() -> String {
    use rand::Rng as _;
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyz23456789";
    let mut rng = rand::rng();
    (0..16).map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char).collect()
}
