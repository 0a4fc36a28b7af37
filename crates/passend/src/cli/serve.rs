//! `passend serve --db FILE [--addr A] [--tasks FILE] [--ladder FILE]`: the
//! web application and API over an existing database, with one demo account
//! per role.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::Args;
use passend_domain::complex_case::{EscalationLadder, TaskMatrix};
use passend_domain::ids::ClientId;
use passend_store::ComplexRules;
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
    /// A task matrix for complex cases (CSV, the format of
    /// `crates/passend-domain/data/complex-case-tasks.csv`) instead of the
    /// built-in one: steps opened from now on get its tasks and terms.
    #[arg(long, value_name = "FILE")]
    pub tasks: Option<PathBuf>,
    /// An escalation ladder (CSV `level,desk`) instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    pub ladder: Option<PathBuf>,
}

/// The task matrix and escalation ladder: passend's own, or the files given.
pub(super) fn complex_rules(tasks: Option<&Path>, ladder: Option<&Path>) -> anyhow::Result<ComplexRules> {
    let mut rules = ComplexRules::default();
    if let Some(path) = tasks {
        let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
        rules.matrix =
            TaskMatrix::parse(&text).with_context(|| format!("{} is not a valid task matrix", path.display()))?;
    }
    if let Some(path) = ladder {
        let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
        rules.ladder = EscalationLadder::parse(&text)
            .map_err(anyhow::Error::msg)
            .with_context(|| format!("{} is not a valid escalation ladder", path.display()))?;
    }
    Ok(rules)
}

pub fn run(args: &ServeArgs) -> anyhow::Result<()> {
    let password = args.server.demo_password.clone().unwrap_or_else(random_password);
    serve(&args.db, &args.server, &password)
}

/// Serves `db` until Ctrl-C or SIGTERM, printing the address and the accounts.
pub(super) fn serve(db: &Path, options: &ServerOptions, password: &str) -> anyhow::Result<()> {
    passend_web::telemetry::init_logs();
    let rules = complex_rules(options.tasks.as_deref(), options.ladder.as_deref())?;
    let mut passend = open_existing(db, options.policy.as_deref())?;
    passend.set_complex_rules(rules);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_task_matrix_file_replaces_the_built_in_one_and_a_bad_one_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("taken.csv");
        std::fs::write(
            &good,
            "step,task_id,task,responsible,contributions,due_days\n2,2.1,Huisbezoek,zorgkantoor,,3\n",
        )
        .unwrap();
        let rules = complex_rules(Some(&good), None).unwrap();
        assert_eq!(rules.matrix.tasks().len(), 1);
        assert_eq!(rules.ladder, *EscalationLadder::passend());
        let bad = dir.path().join("fout.csv");
        std::fs::write(&bad, "step,task_id,task,responsible,contributions,due_days\n2,2.1,x,familie,,3\n").unwrap();
        let error = format!("{:#}", complex_rules(Some(&bad), None).unwrap_err());
        assert!(error.contains("fout.csv") && error.contains("line 2") && error.contains("familie"), "{error}");
        let ladder = dir.path().join("ladder.csv");
        std::fs::write(&ladder, "level,desk\n2,Bestuur\n").unwrap();
        let error = format!("{:#}", complex_rules(None, Some(&ladder)).unwrap_err());
        assert!(error.contains("ladder.csv") && error.contains("expected 1"), "{error}");
        assert!(complex_rules(Some(&dir.path().join("weg.csv")), None).is_err());
    }
}
