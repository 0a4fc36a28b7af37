//! `passend demo [--db FILE] [--seed N] [--region R]`: a synthetic region
//! to look at. When the database is absent, the region is generated into it
//! with a year of history up to today; then the waiting-list report of today
//! and the twenty most urgent open alerts are printed.

use std::path::PathBuf;
use std::time::Instant;

use clap::Args;
use jiff::civil::Date;
use passend_sim::{GenerateConfig, Scope};
use passend_store::{AlertQuery, AlertRow, Passend};
use passend_store_sqlite::SqliteStore;

use super::generate::{generate_into, parse_region, print_summary};
use super::report::{open_existing, print_table, thousands, waiting_list};
use crate::open;

/// How many alerts the demo shows.
const ALERTS_SHOWN: usize = 20;

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// The demo database; generated when it does not exist.
    #[arg(long, value_name = "FILE", default_value = "passend-demo.db")]
    pub db: PathBuf,
    /// The seed of the generated region.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// The zorgkantoorregio to generate, by name or COD001 code.
    #[arg(long, value_name = "NAME|CODE", default_value = "Utrecht")]
    pub region: String,
}

pub fn run(args: &DemoArgs) -> anyhow::Result<()> {
    let today = open::today();
    let region = parse_region(&args.region)?;
    if !args.db.exists() {
        println!("Demoregio {} wordt gegenereerd in {} …", region.name(), args.db.display());
        let config = GenerateConfig::new(Scope::Region(region), args.seed, today);
        let started = Instant::now();
        let stats = generate_into(&args.db, None, &config)?;
        print_summary(&config, &stats, started.elapsed().as_secs_f64());
        println!();
    }
    let service = open_existing(&args.db, None)?;
    print_table(&waiting_list(&service, today, false, None)?);
    println!();
    print_alerts(&service, today)?;
    Ok(())
}

/// The most urgent open alerts of today: the legal decision term first,
/// then overdue first contacts, exceeded norms and the monitoring signals,
/// each kind longest open first (the store's order).
fn print_alerts(service: &Passend<SqliteStore>, today: Date) -> anyhow::Result<()> {
    let query = AlertQuery { on: today, region: None, kind: None, provider: None, limit: ALERTS_SHOWN };
    let alerts = service.open_alerts(&query)?;
    println!("De {} meest urgente open signalen op {today}:", alerts.len());
    if alerts.is_empty() {
        println!("Geen open signalen.");
        return Ok(());
    }
    let header = ["Cliënt", "Regio", "Signaal", "Termijn", "Dagen te laat", "AGB", "Aanbieder"];
    let lines: Vec<Vec<String>> = alerts.iter().map(|alert| alert_line(service, alert, today)).collect();
    // The client number and the days late to the right.
    super::table::print(&header, &lines, |column| column == 0 || column == 4);
    Ok(())
}

/// One alert: client, region, the signal in Dutch, the missed deadline and
/// how many days ago it passed, and the provider that must act.
fn alert_line(service: &Passend<SqliteStore>, alert: &AlertRow, today: Date) -> Vec<String> {
    let (deadline, late) = match alert.deadline {
        Some(deadline) => (deadline.to_string(), thousands((today - deadline).get_days().max(0) as u64)),
        None => ("—".to_string(), "—".to_string()),
    };
    let (agb, name) = match alert.provider {
        Some(agb) => {
            let name = service.supply().provider(agb).map_or_else(String::new, |provider| provider.name.clone());
            (agb.to_string(), name)
        }
        None => ("—".to_string(), "(geen dossierhouder)".to_string()),
    };
    vec![
        alert.client.to_string(),
        alert.region.name().to_string(),
        alert.kind.label_nl().to_string(),
        deadline,
        late,
        agb,
        name,
    ]
}
