//! `passend generate --region NAME|CODE | --nation --db FILE [--seed N]
//! [--months M] [--until DATE]`: a synthetic region or nation, built through
//! the real commands (`passend-sim`), with a progress bar and a summary.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context as _;
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use jiff::civil::Date;
use passend_domain::codes::{Region, Sector};
use passend_sim::{GenerateConfig, GenerateError, GenerateStats, Progress, Scope, Stage};
use passend_store::{EventStore, Passend};
use passend_store_sqlite::SqliteStore;

use super::report::thousands;
use crate::open;

#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// The zorgkantoorregio to generate, by name or COD001 code (e.g. Utrecht or 5509).
    #[arg(long, value_name = "NAME|CODE", conflicts_with = "nation", required_unless_present = "nation")]
    pub region: Option<String>,
    /// Generate all 31 regions (~360,000 clients).
    #[arg(long)]
    pub nation: bool,
    /// The seed: the same seed, scope, months and --until give the same data.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// The SQLite database to create; it must not hold events yet.
    #[arg(long, value_name = "FILE")]
    pub db: PathBuf,
    /// Months of history up to --until.
    #[arg(long, default_value_t = GenerateConfig::DEFAULT_MONTHS)]
    pub months: u32,
    /// The last day of the history (default: today in the Netherlands).
    #[arg(long, value_name = "DATE")]
    pub until: Option<Date>,
    /// A policy file (TOML) with the norms per Voorschrift year; the default
    /// policy when omitted. Give every command on one database the same file.
    #[arg(long, value_name = "FILE")]
    pub policy: Option<PathBuf>,
}

pub fn run(args: &GenerateArgs) -> anyhow::Result<()> {
    let scope = match &args.region {
        Some(region) => Scope::Region(parse_region(region)?),
        None => Scope::Nation,
    };
    let mut config = GenerateConfig::new(scope, args.seed, args.until.unwrap_or_else(open::today));
    config.months = args.months;
    let started = Instant::now();
    let stats = generate_into(&args.db, args.policy.as_deref(), &config)?;
    print_summary(&config, &stats, started.elapsed().as_secs_f64());
    Ok(())
}

/// A region by name or code, with the reason in Dutch when it is none.
pub(super) fn parse_region(text: &str) -> anyhow::Result<Region> {
    Region::parse(text).map_err(|error| anyhow::anyhow!("--region {text:?}: {}", error.reason_nl))
}

/// Generates `config` into the database `db`, which must hold no events,
/// showing a progress bar on the terminal.
pub(super) fn generate_into(
    db: &Path,
    policy: Option<&Path>,
    config: &GenerateConfig,
) -> anyhow::Result<GenerateStats> {
    let service = open::service(db, policy)?;
    refuse_filled(&service, db)?;
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template("{msg:<9} [{bar:40}] {human_pos}/{human_len} ({elapsed}, nog ~{eta})")
            .context("the progress template is valid")?
            .progress_chars("=> "),
    );
    let show = |progress: Progress| {
        let message = match progress.stage {
            Stage::Supply => "aanbod",
            Stage::Clients => "cliënten",
        };
        if bar.length() != Some(progress.total) {
            bar.set_length(progress.total);
            bar.set_message(message);
        }
        bar.set_position(progress.done);
    };
    let stats = passend_sim::generate(&service, config, &show).map_err(|error| match error {
        GenerateError::StoreNotEmpty => filled_error(db),
        other => anyhow::Error::new(other).context(format!("genereren in {} is mislukt", db.display())),
    });
    bar.finish_and_clear();
    let stats = stats?;
    if stats.rejected > 0 {
        eprintln!(
            "Waarschuwing: {} opdrachten werden door de regels afgewezen (een fout in de generator):",
            stats.rejected
        );
        for sample in &stats.rejection_samples {
            eprintln!("  {sample}");
        }
    }
    Ok(stats)
}

/// Generated data is numbered from 1, so it only goes into an empty database.
fn refuse_filled(service: &Passend<SqliteStore>, db: &Path) -> anyhow::Result<()> {
    let store = service.store();
    if store.last_occurred_on()?.is_some() || store.client_count()? > 0 {
        return Err(filled_error(db));
    }
    Ok(())
}

fn filled_error(db: &Path) -> anyhow::Error {
    anyhow::anyhow!(
        "{} bevat al gegevens; genereer in een nieuw bestand (of verwijder dit bestand eerst)",
        db.display()
    )
}

/// What was made and how fast, in Dutch, with the waiting persons on the last day.
pub(super) fn print_summary(config: &GenerateConfig, stats: &GenerateStats, seconds: f64) {
    let scope = match config.scope {
        Scope::Region(region) => format!("regio {}", region.name()),
        Scope::Nation => "heel Nederland".to_string(),
    };
    println!(
        "Gegenereerd: {scope} (seed {}), geschiedenis van {} tot en met {}.",
        config.seed, stats.from, stats.until
    );
    println!("  aanbieders      {:>12}", thousands(u64::from(stats.providers)));
    println!("  locaties        {:>12}", thousands(u64::from(stats.locations)));
    println!("  cliënten        {:>12}", thousands(u64::from(stats.clients)));
    println!("  gebeurtenissen  {:>12}", thousands(stats.events));
    println!(
        "  in {} s: {} gebeurtenissen per seconde",
        format!("{seconds:.1}").replace('.', ","),
        thousands((stats.events as f64 / seconds.max(0.001)) as u64)
    );
    let end = &stats.end_state;
    println!(
        "Op {}: {} cliënten met een indicatie, waarvan {} in een instelling (VV {}) en {} wachtend.",
        stats.until,
        thousands(u64::from(end.with_indication)),
        thousands(u64::from(end.placed.values().sum::<u32>())),
        thousands(u64::from(end.placed.get(&Sector::Vv).copied().unwrap_or(0))),
        thousands(u64::from(end.waiting_total().official_total() + end.waiting_total().wacht_uit_voorzorg)),
    );
    for sector in Sector::ALL {
        let waiting = end.waiting.get(&sector).copied().unwrap_or_default();
        println!(
            "  {:<3} urgent {:>6}  actief {:>6}  wacht op voorkeur {:>7}  wacht uit voorzorg {:>7}",
            sector.as_str(),
            thousands(u64::from(waiting.urgent_plaatsen)),
            thousands(u64::from(waiting.actief_plaatsen)),
            thousands(u64::from(waiting.wacht_op_voorkeur)),
            thousands(u64::from(waiting.wacht_uit_voorzorg)),
        );
    }
}
