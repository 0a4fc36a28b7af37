//! `passend report waiting-list --db FILE [--on DATE] [--region R] [--json]`:
//! distinct waiting persons per region, sector and status with the cuts of
//! the official figures (`passend_domain::report`), as a table or JSON.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use jiff::civil::Date;
use passend_domain::case::CaseSummary;
use passend_domain::codes::Region;
use passend_domain::report::{self, Cuts, WaitingListReport};
use passend_store::{EventStore, Passend};
use passend_store_sqlite::SqliteStore;

use super::generate::parse_region;
use crate::open;

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(subcommand)]
    pub command: ReportCommand,
}

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Waiting persons per region, sector and status: shorter or longer than
    /// the norm, with or without bridging care, care in kind or PGB. Wacht
    /// uit voorzorg is shown apart from the official total.
    WaitingList(WaitingListArgs),
}

#[derive(Debug, Args)]
pub struct WaitingListArgs {
    /// The SQLite database.
    #[arg(long, value_name = "FILE")]
    pub db: PathBuf,
    /// The report day (default: today); an earlier day than the last event
    /// replays the log up to that day.
    #[arg(long, value_name = "DATE")]
    pub on: Option<Date>,
    /// Only this zorgkantoorregio, by name or COD001 code.
    #[arg(long, value_name = "NAME|CODE")]
    pub region: Option<String>,
    /// A policy file (TOML) with the norms per Voorschrift year; the default
    /// policy when omitted. Give every command on one database the same file.
    #[arg(long, value_name = "FILE")]
    pub policy: Option<PathBuf>,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &ReportArgs) -> anyhow::Result<()> {
    let ReportCommand::WaitingList(args) = &args.command;
    let region = args.region.as_deref().map(parse_region).transpose()?;
    let service = open_existing(&args.db, args.policy.as_deref())?;
    let on = args.on.unwrap_or_else(open::today);
    let report = waiting_list(&service, on, args.on.is_some(), region)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print_table(&report);
    }
    Ok(())
}

/// Opens a database that must exist: a report never creates one.
pub(super) fn open_existing(db: &Path, policy: Option<&Path>) -> anyhow::Result<Passend<SqliteStore>> {
    anyhow::ensure!(db.exists(), "{} bestaat niet", db.display());
    open::service(db, policy)
}

/// The report on `on`. The projections hold the state after the last
/// event, so they answer for any day on or after it (and when no day was
/// asked); an earlier day folds the log up to that day.
pub(super) fn waiting_list(
    service: &Passend<SqliteStore>,
    on: Date,
    day_asked: bool,
    region: Option<Region>,
) -> anyhow::Result<WaitingListReport> {
    let last = service.store().last_occurred_on()?;
    let in_region = |summary: &CaseSummary| region.is_none_or(|region| summary.region == region);
    let mut summaries = Vec::new();
    if !day_asked || last.is_none_or(|last| on >= last) {
        service.store().for_each_client_summary(&mut |summary| {
            if summary.status.is_some() && in_region(&summary) {
                summaries.push(summary);
            }
            Ok(())
        })?;
    } else {
        summaries = service.summaries_as_of(Some(on))?;
        summaries.retain(in_region);
    }
    Ok(report::waiting_list(&summaries, on))
}

/// The report as a table with Dutch headers: one line per region, sector
/// and status, then per region the official total and *wacht uit voorzorg*
/// apart, and the totals over all regions.
pub(super) fn print_table(report: &WaitingListReport) {
    println!("Wachtlijst op {} (unieke personen; wacht uit voorzorg telt niet mee in het officiële totaal)", report.on);
    let header = [
        "Regio",
        "Sector",
        "Status",
        "Personen",
        "Korter dan norm",
        "Langer dan norm",
        "Geen norm",
        "Met overbrugging",
        "Zonder overbrugging",
        "Zorg in natura",
        "PGB",
    ];
    let mut lines: Vec<Vec<String>> = Vec::new();
    for totals in &report.regions {
        for row in report.rows.iter().filter(|row| row.region == totals.region) {
            let sector = row.sector.map_or("?", |sector| sector.as_str());
            lines.push(line(row.region.name(), sector, row.status.label_nl(), &row.cuts));
        }
        lines.push(line(totals.region.name(), "", "Totaal (officieel)", &totals.official));
        lines.push(line(totals.region.name(), "", "Wacht uit voorzorg (apart)", &totals.wacht_uit_voorzorg));
    }
    if report.regions.len() != 1 {
        lines.push(line("Alle regio's", "", "Totaal (officieel)", &report.official));
        lines.push(line("Alle regio's", "", "Wacht uit voorzorg (apart)", &report.wacht_uit_voorzorg));
    }
    if report.rows.is_empty() {
        println!("Niemand wacht.");
        return;
    }
    // Text columns to the left, numbers to the right.
    super::table::print(&header, &lines, |column| column >= 3);
}

fn line(region: &str, sector: &str, status: &str, cuts: &Cuts) -> Vec<String> {
    let mut line = vec![region.to_string(), sector.to_string(), status.to_string()];
    line.extend(
        [
            cuts.persons,
            cuts.shorter_than_norm,
            cuts.longer_than_norm,
            cuts.no_norm,
            cuts.with_bridging,
            cuts.without_bridging,
            cuts.in_kind,
            cuts.pgb,
        ]
        .map(|count| thousands(u64::from(count))),
    );
    line
}

/// A number with Dutch thousands separators: 21.209.
pub(super) fn thousands(number: u64) -> String {
    let digits = number.to_string();
    let mut text = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            text.push('.');
        }
        text.push(digit);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::thousands;

    #[test]
    fn thousands_use_dots() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(21_209), "21.209");
        assert_eq!(thousands(1_234_567), "1.234.567");
    }
}
