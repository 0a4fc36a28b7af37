//! `passend match …`: the matcher's three questions on a database, for a
//! mediator at a terminal or a script (`--json`).
//!
//! - `places --client N [--k 10]`: the best places for a waiting client,
//!   each with its score terms, and the excluded locations by reason;
//! - `candidates --location N`: the waiting persons who fit a location, in
//!   the default order of the rules;
//! - `proposal [--region R]`: the planning proposal of a region (or of the
//!   country): the pairs, the persons without a place by reason, the shortage.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

use clap::{Args, Subcommand};
use jiff::civil::Date;
use passend_domain::ids::{ClientId, LocationId};
use passend_match::candidates::km_nl;
use passend_match::score::Score;
use serde_json::json;

use super::generate::parse_region;
use super::report::open_existing;
use crate::open;

#[derive(Debug, Args)]
pub struct MatchArgs {
    #[command(subcommand)]
    pub command: MatchCommand,
    /// The SQLite database.
    #[arg(long, value_name = "FILE", global = true)]
    pub db: Option<PathBuf>,
    /// The day asked about (default: today): waiting days and the policy's weights.
    #[arg(long, value_name = "DATE", global = true)]
    pub on: Option<Date>,
    /// A policy file (TOML) with the matching weights per Voorschrift year.
    #[arg(long, value_name = "FILE", global = true)]
    pub policy: Option<PathBuf>,
    /// Print JSON instead of a table.
    #[arg(long, global = true)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum MatchCommand {
    /// The best places for a waiting client, with the explanation, and why the other locations do not fit.
    Places {
        #[arg(long, value_name = "N")]
        client: u32,
        /// How many places to rank.
        #[arg(long, default_value_t = 10)]
        k: usize,
    },
    /// The waiting persons who fit a location, in the default order of the rules.
    Candidates {
        #[arg(long, value_name = "N")]
        location: u32,
    },
    /// The planning proposal: the best assignment of waiting persons to free places.
    Proposal {
        /// Only the persons of this region (its places and every region's crisis beds); the whole country when omitted.
        #[arg(long, value_name = "NAME|CODE")]
        region: Option<String>,
    },
}

pub fn run(args: &MatchArgs) -> anyhow::Result<()> {
    let Some(db) = &args.db else { anyhow::bail!("geef de database met --db FILE") };
    let service = open_existing(db, args.policy.as_deref())?;
    let today = args.on.unwrap_or_else(open::today);
    match &args.command {
        MatchCommand::Places { client, k } => {
            anyhow::ensure!((1..=1000).contains(k), "--k moet tussen 1 en 1000 liggen, niet {k}");
            let answer = service.places_for_client(ClientId(*client), *k, today)?;
            let mut reasons: BTreeMap<&str, (String, usize)> = BTreeMap::new();
            for excluded in &answer.places.excluded {
                let entry = reasons.entry(excluded.why.token()).or_insert_with(|| (excluded.why.message_nl(), 0));
                entry.1 += 1;
            }
            if args.json {
                let places: Vec<_> = answer
                    .places
                    .best
                    .iter()
                    .map(|ranked| {
                        let place = &answer.supply[ranked.index];
                        json!({"location": place.location.0, "region": place.region.name(), "km": ranked.km,
                               "free": place.free, "free_crisis_beds": place.crisis_free, "score": ranked.score})
                    })
                    .collect();
                let excluded: Vec<_> = reasons
                    .iter()
                    .map(|(token, (message, count))| json!({"reason": token, "message_nl": message, "count": count}))
                    .collect();
                println!(
                    "{}",
                    serde_json::to_string_pretty(&json!({"client": client, "places": places, "excluded": excluded}))?
                );
            } else {
                println!("Beste plaatsen voor cliënt {client} op {today}:");
                for (rank, ranked) in answer.places.best.iter().enumerate() {
                    let place = &answer.supply[ranked.index];
                    let name = service.supply().location(place.location).map(|l| l.name.clone()).unwrap_or_default();
                    println!(
                        "{:>3}. locatie {} {name} ({}, {}): score {}",
                        rank + 1,
                        place.location,
                        place.region.name(),
                        km_nl(ranked.km),
                        ranked.score.total
                    );
                    println!("     {}", terms(&ranked.score));
                }
                if answer.places.best.is_empty() {
                    println!("  geen passende plaats");
                }
                println!("Waarom niet ({} locaties):", answer.places.excluded.len());
                let mut by_count: Vec<_> = reasons.into_iter().collect();
                by_count.sort_by_key(|entry| std::cmp::Reverse(entry.1.1));
                for (_, (message, count)) in by_count {
                    println!("  {count:>5}  {message}");
                }
            }
        }
        MatchCommand::Candidates { location } => {
            let answer = service.persons_for_location(LocationId(*location), today)?;
            if args.json {
                let persons: Vec<_> = answer
                    .ranked
                    .iter()
                    .map(|ranked| {
                        let person = &answer.demand[ranked.index];
                        json!({"client": person.client.0, "km": ranked.km, "score": ranked.score})
                    })
                    .collect();
                println!("{}", serde_json::to_string_pretty(&json!({"location": location, "persons": persons}))?);
            } else {
                println!(
                    "Passende cliënten voor locatie {location} ({} vrij, {} crisisbedden), in de standaardvolgorde:",
                    answer.location.free, answer.location.crisis_free
                );
                for (position, ranked) in answer.ranked.iter().enumerate() {
                    let person = &answer.demand[ranked.index];
                    println!(
                        "{:>4}. cliënt {} ({}, wacht sinds {}): score {}",
                        position + 1,
                        person.client,
                        km_nl(ranked.km),
                        person.order.waiting_since,
                        ranked.score.total
                    );
                }
            }
        }
        MatchCommand::Proposal { region } => {
            let region = region.as_deref().map(parse_region).transpose()?;
            let started = Instant::now();
            let answer = service.proposal(region, today)?;
            let seconds = started.elapsed().as_secs_f64();
            let proposal = &answer.proposal;
            let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
            for (_, why) in &proposal.unplaced {
                *reasons.entry(why.message_nl()).or_insert(0) += 1;
            }
            let free: u64 = answer.supply.iter().map(|place| u64::from(place.free)).sum();
            let crisis: u64 = answer.supply.iter().map(|place| u64::from(place.crisis_free)).sum();
            if args.json {
                let placed: Vec<_> = proposal
                    .placed
                    .iter()
                    .map(|pair| {
                        json!({"client": answer.demand[pair.demand].client.0,
                               "location": answer.supply[pair.supply].location.0,
                               "crisis_bed": pair.crisis_bed, "km": pair.km, "score": pair.score})
                    })
                    .collect();
                let shortage: Vec<_> = proposal
                    .shortage
                    .iter()
                    .map(|(key, persons)| {
                        json!({"region": key.region.name(), "care_profile": key.care_profile.name(), "persons": persons})
                    })
                    .collect();
                let body = json!({"persons": answer.demand.len(), "free_places": free, "free_crisis_beds": crisis,
                                  "placed": placed, "unplaced": reasons, "shortage": shortage,
                                  "total_score": proposal.total_score, "score_gap": proposal.score_gap,
                                  "seconds": seconds});
                println!("{}", serde_json::to_string_pretty(&body)?);
            } else {
                let scope = region.map_or("heel Nederland".to_string(), |region| region.name().to_string());
                println!("Plaatsingsvoorstel {scope} op {today} (een voorstel: de aanbieder beslist)");
                println!(
                    "  {} wachtenden, {free} vrije plaatsen en {crisis} vrije crisisbedden: {} geplaatst, {} niet ({seconds:.2} s)",
                    answer.demand.len(),
                    proposal.placed.len(),
                    proposal.unplaced.len()
                );
                match proposal.score_gap {
                    0 => println!("  totale score {} (het maximum)", proposal.total_score),
                    gap => println!("  totale score {} (hoogstens {gap} onder het maximum)", proposal.total_score),
                }
                println!("Niet te plaatsen:");
                let mut by_count: Vec<_> = reasons.into_iter().collect();
                by_count.sort_by_key(|entry| std::cmp::Reverse(entry.1));
                for (message, count) in by_count {
                    println!("  {count:>6}  {message}");
                }
                println!("Tekort per regio en zorgprofiel:");
                for (key, persons) in &proposal.shortage {
                    println!("  {:<24} {:<8} {persons:>6}", key.region.name(), key.care_profile.name());
                }
            }
        }
    }
    Ok(())
}

/// The terms of a score on one line: "Urgentie (actief plaatsen) +5000, …".
fn terms(score: &Score) -> String {
    score
        .terms
        .iter()
        .map(|term| format!("{} ({}) {:+}", term.term.label_nl(), term.input_nl, term.points))
        .collect::<Vec<_>>()
        .join(", ")
}
