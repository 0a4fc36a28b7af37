//! `passend bench`: the speed of the foundation, measured on this machine.
//!
//! Four measurements, each printed with its target from the foundation issue:
//! - generation end to end (the nation by default): every command through
//!   `decide`, the batched appends and the projections (target ≤ 90 s);
//! - append in batched import mode: the generated log copied into a new
//!   database, 10,000 events per transaction (target ≥ 100k events/s);
//! - rebuild: every projection recomputed from the log, median of five runs
//!   (target ≥ 1M events/s);
//! - the scenario suite: every scenario file of the repository, run through
//!   the in-memory store (median of five runs).

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context as _;
use clap::Args;
use passend_domain::codes::Region;
use passend_sim::{GenerateConfig, Scope};
use passend_store::{Commit, EventStore, NewEvent, StreamAppend};
use serde::Serialize;

use crate::open;

#[path = "bench_matching.rs"]
mod bench_matching;

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct BenchArgs {
    /// Another benchmark than the foundation's.
    #[command(subcommand)]
    pub other: Option<OtherBench>,
    /// Generate one region instead of the nation (a quicker run).
    #[arg(long)]
    pub region: Option<String>,
    /// The seed of the generated data.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// The last day of the generated history (default: today).
    #[arg(long)]
    pub until: Option<jiff::civil::Date>,
    /// Where to put the databases (default: a temporary directory, removed afterwards).
    #[arg(long)]
    pub dir: Option<PathBuf>,
    /// Print the results as one JSON object.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, clap::Subcommand)]
pub enum OtherBench {
    /// The web application under load (wrk): waiting-list and case API.
    Web(super::bench_web::WebBenchArgs),
    /// The exact assignment solver on one instance of benches/matching.
    Matching(bench_matching::MatchingBenchArgs),
    /// Best places for a client and best persons for a place over a database's supply.
    Places(super::bench_places::PlacesBenchArgs),
}

#[derive(Debug, Serialize)]
struct BenchResults {
    scope: String,
    clients: u32,
    events: u64,
    generation_seconds: f64,
    generation_events_per_second: f64,
    append_events: u64,
    append_seconds: f64,
    append_events_per_second: f64,
    rebuild_seconds: f64,
    rebuild_events_per_second: f64,
    scenario_files: usize,
    scenario_suite_seconds_median: f64,
}

pub fn run(args: &BenchArgs) -> anyhow::Result<()> {
    match &args.other {
        Some(OtherBench::Web(web)) => return super::bench_web::run(web),
        Some(OtherBench::Matching(matching)) => return bench_matching::run(matching),
        Some(OtherBench::Places(places)) => return super::bench_places::run(places),
        None => {}
    }
    let temporary = tempfile::tempdir().context("cannot create a temporary directory")?;
    let dir = args.dir.clone().unwrap_or_else(|| temporary.path().to_path_buf());
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let scope = match &args.region {
        Some(name) => {
            Scope::Region(Region::parse(name).map_err(|error| anyhow::anyhow!("--region: {}", error.reason))?)
        }
        None => Scope::Nation,
    };
    let until = args.until.unwrap_or_else(open::today);

    let generated = dir.join("bench-generated.db");
    remove_database(&generated)?;
    let service = open::service(&generated, None)?;
    let started = Instant::now();
    let stats = passend_sim::generate(&service, &GenerateConfig::new(scope, args.seed, until), &|_| {})?;
    let generation_seconds = started.elapsed().as_secs_f64();
    anyhow::ensure!(stats.rejected == 0, "the generator had {} rejected commands", stats.rejected);

    let copy = dir.join("bench-append.db");
    remove_database(&copy)?;
    let (append_events, append_seconds) = copy_log(service.store(), &open::service(&copy, None)?.into_store())?;

    let mut rebuild_times = Vec::new();
    for _ in 0..5 {
        let started = Instant::now();
        service.rebuild()?;
        rebuild_times.push(started.elapsed().as_secs_f64());
    }
    let rebuild_seconds = median(&mut rebuild_times);

    let scenario_dirs = scenario_dirs();
    let mut suite_times = Vec::new();
    let mut scenario_files = 0;
    for _ in 0..5 {
        let started = Instant::now();
        let code = passend_scenario::run_paths(&scenario_dirs, false, &mut std::io::sink())?;
        suite_times.push(started.elapsed().as_secs_f64());
        anyhow::ensure!(code == 0, "the scenario suite did not pass (exit {code})");
        scenario_files = count_json_files(&scenario_dirs);
    }

    let results = BenchResults {
        scope: match scope {
            Scope::Region(region) => region.name().to_string(),
            Scope::Nation => "nation".to_string(),
        },
        clients: stats.clients,
        events: stats.events,
        generation_seconds,
        generation_events_per_second: stats.events as f64 / generation_seconds,
        append_events,
        append_seconds,
        append_events_per_second: append_events as f64 / append_seconds,
        rebuild_seconds,
        rebuild_events_per_second: stats.events as f64 / rebuild_seconds,
        scenario_files,
        scenario_suite_seconds_median: median(&mut suite_times),
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&results)?);
    } else {
        print_table(&results);
    }
    Ok(())
}

fn print_table(results: &BenchResults) {
    println!("passend bench — {} ({} clients, {} events)", results.scope, results.clients, results.events);
    println!("{:<42} {:>12} {:>16}  target", "measurement", "seconds", "events/s");
    println!(
        "{:<42} {:>12.2} {:>16.0}  ≤ 90 s (nation)",
        "generation, end to end", results.generation_seconds, results.generation_events_per_second
    );
    println!(
        "{:<42} {:>12.2} {:>16.0}  ≥ 100,000 events/s",
        "append, batched import (10k events/commit)", results.append_seconds, results.append_events_per_second
    );
    println!(
        "{:<42} {:>12.2} {:>16.0}  ≥ 1,000,000 events/s",
        "rebuild of every projection (median of 5)", results.rebuild_seconds, results.rebuild_events_per_second
    );
    println!(
        "{:<42} {:>12.3} {:>16}  median of 5",
        format!("scenario suite ({} files)", results.scenario_files),
        results.scenario_suite_seconds_median,
        "-"
    );
}

fn median(times: &mut [f64]) -> f64 {
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

/// Copies every event of `from` into the empty store `to`, 10,000 events per
/// transaction, and returns the number of events and the seconds appending took.
fn copy_log(from: &impl EventStore, to: &impl EventStore) -> anyhow::Result<(u64, f64)> {
    const PER_COMMIT: usize = 10_000;
    let mut after = 0;
    let mut events = 0;
    let mut seconds = 0.0;
    loop {
        let chunk = from.read_all(after, PER_COMMIT)?;
        let Some(last) = chunk.last() else { break };
        after = last.position;
        let mut commit = Commit::default();
        for recorded in chunk {
            let event = NewEvent { meta: recorded.meta, event: recorded.event };
            match commit.streams.last_mut() {
                Some(append) if append.stream == recorded.stream => append.events.push(event),
                _ => commit.streams.push(StreamAppend {
                    stream: recorded.stream,
                    expected_version: recorded.version - 1,
                    events: vec![event],
                    projection: None,
                }),
            }
        }
        events += commit.streams.iter().map(|append| append.events.len() as u64).sum::<u64>();
        let started = Instant::now();
        to.append(&commit)?;
        seconds += started.elapsed().as_secs_f64();
    }
    Ok((events, seconds))
}

/// The repository's scenario folders, found from where this crate was built.
fn scenario_dirs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../passend-scenario/tests/scenarios");
    vec![root.join("public"), root.join("own")]
}

fn count_json_files(dirs: &[PathBuf]) -> usize {
    dirs.iter()
        .filter_map(|dir| std::fs::read_dir(dir).ok())
        .flatten()
        .flatten()
        .filter(|entry| entry.path().extension().is_some_and(|extension| extension == "json"))
        .count()
}

fn remove_database(path: &Path) -> anyhow::Result<()> {
    for suffix in ["", "-wal", "-shm"] {
        let file = PathBuf::from(format!("{}{suffix}", path.display()));
        if file.exists() {
            std::fs::remove_file(&file).with_context(|| format!("cannot remove {}", file.display()))?;
        }
    }
    Ok(())
}
