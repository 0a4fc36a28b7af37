//! `passend bench places --db FILE [--persons N] [--json]`: the matcher's
//! in-process questions over a database's whole supply: *best places for a
//! client* (top 10 across every region, the excluded locations with their
//! reasons included) for every one of `N` waiting persons, and *best persons
//! for a location* for the locations with free places. Reading the input
//! from the store is timed apart, once; the queries are timed one by one and
//! reported as p50, p99 and the maximum.

use std::path::PathBuf;
use std::time::Instant;

use clap::Args;
use passend_match::ranking::{best_clients, best_places};
use passend_store::{ClientQuery, ClientScope};
use serde::Serialize;

use super::report::open_existing;
use crate::open;

#[derive(Debug, Args)]
pub struct PlacesBenchArgs {
    /// The database (e.g. `passend generate --nation --db nation.db`).
    #[arg(long, value_name = "FILE")]
    pub db: PathBuf,
    /// How many waiting persons to ask for (the first in client order).
    #[arg(long, default_value_t = 2000)]
    pub persons: usize,
    /// Print one JSON object.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Serialize)]
struct PlacesBench {
    locations: usize,
    persons: usize,
    /// Places ranked over all persons (at most 10 each).
    places_ranked: usize,
    load_s: f64,
    best_places_p50_ms: f64,
    best_places_p99_ms: f64,
    best_places_max_ms: f64,
    locations_with_free: usize,
    best_persons_p50_ms: f64,
    best_persons_p99_ms: f64,
}

pub fn run(args: &PlacesBenchArgs) -> anyhow::Result<()> {
    let service = open_existing(&args.db, None)?;
    let today = open::today();
    let started = Instant::now();
    let supply = service.matching_supply();
    let mut query = ClientQuery::new(ClientScope::All, args.persons);
    query.waiting_only = true;
    query.sort = passend_store::ClientSort::Client;
    let summaries = service.clients(&query)?.rows;
    let demand = service.matching_demand(&summaries)?;
    let load_s = started.elapsed().as_secs_f64();
    anyhow::ensure!(!demand.is_empty(), "{} has no waiting persons to ask for", args.db.display());
    let weights = service.score_weights(today).clone();

    let mut places_ms = Vec::with_capacity(demand.len());
    let mut ranked = 0usize;
    for person in &demand {
        let started = Instant::now();
        let answer = best_places(&weights, person, &supply, 10, today);
        places_ms.push(started.elapsed().as_secs_f64() * 1000.0);
        ranked += answer.best.len();
        std::hint::black_box(answer);
    }

    let with_free: Vec<_> = supply.iter().filter(|place| place.free + place.crisis_free > 0).collect();
    let mut persons_ms = Vec::with_capacity(with_free.len());
    for place in &with_free {
        let started = Instant::now();
        let ranked = best_clients(&weights, place, &demand, today);
        persons_ms.push(started.elapsed().as_secs_f64() * 1000.0);
        std::hint::black_box(ranked);
    }

    let result = PlacesBench {
        locations: supply.len(),
        persons: demand.len(),
        places_ranked: ranked,
        load_s,
        best_places_p50_ms: quantile(&mut places_ms, 0.50),
        best_places_p99_ms: quantile(&mut places_ms, 0.99),
        best_places_max_ms: quantile(&mut places_ms, 1.0),
        locations_with_free: with_free.len(),
        best_persons_p50_ms: quantile(&mut persons_ms, 0.50),
        best_persons_p99_ms: quantile(&mut persons_ms, 0.99),
    };
    if args.json {
        println!("{}", serde_json::to_string(&result)?);
    } else {
        println!("locations            {}", result.locations);
        println!("persons              {} (input read in {:.2} s)", result.persons, result.load_s);
        println!("places ranked        {} (at most 10 per person)", result.places_ranked);
        println!(
            "best places          p50 {:.3} ms  p99 {:.3} ms  max {:.3} ms  (target p99 ≤ 1 ms)",
            result.best_places_p50_ms, result.best_places_p99_ms, result.best_places_max_ms
        );
        println!(
            "best persons         p50 {:.3} ms  p99 {:.3} ms  over {} locations with room",
            result.best_persons_p50_ms, result.best_persons_p99_ms, result.locations_with_free
        );
    }
    Ok(())
}

/// The `q` quantile of `values` (nearest rank); 0 when empty.
fn quantile(values: &mut [f64], q: f64) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    values.sort_by(f64::total_cmp);
    let rank = ((values.len() as f64 * q).ceil() as usize).clamp(1, values.len());
    values[rank - 1]
}
