//! `passend complex …`: the complex cases of a database for a team lead or a
//! regulator's question ("which cases are stuck, where, since when, and who
//! holds the overdue tasks?"), as a table or JSON.
//!
//! - `cases [--region R]`: every complex case with its step, the days since
//!   the step opened, open and overdue tasks, escalation and outcome;
//! - `tasks [--region R] [--overdue]`: the open tasks per responsible
//!   organisation, oldest due date first.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use jiff::civil::Date;
use passend_domain::codes::Region;
use passend_domain::complex_case::{ComplexCaseState, Organisation, Outcome};
use passend_store::ComplexCase;
use serde_json::json;

use super::generate::parse_region;
use super::report::open_existing;
use super::table;
use crate::open;

#[derive(Debug, Args)]
pub struct ComplexArgs {
    #[command(subcommand)]
    pub command: ComplexCommand,
    /// The SQLite database.
    #[arg(long, value_name = "FILE", global = true)]
    pub db: Option<PathBuf>,
    /// The day asked about (default: today): days in step and overdue tasks.
    #[arg(long, value_name = "DATE", global = true)]
    pub on: Option<Date>,
    /// Only the cases of clients of this zorgkantoorregio (name or COD001 code).
    #[arg(long, value_name = "REGION", global = true, value_parser = parse_region)]
    pub region: Option<Region>,
    /// Print JSON instead of a table.
    #[arg(long, global = true)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum ComplexCommand {
    /// Every complex case: step, days in step, open and overdue tasks, escalation, outcome.
    Cases,
    /// The open tasks per responsible organisation, oldest due date first.
    Tasks {
        /// Only the tasks past their due date.
        #[arg(long)]
        overdue: bool,
    },
}

pub fn run(args: &ComplexArgs) -> anyhow::Result<()> {
    let db = args.db.as_deref().ok_or_else(|| anyhow::anyhow!("--db FILE is required"))?;
    let service = open_existing(db, None)?;
    let today = args.on.unwrap_or_else(open::today);
    let cases: Vec<ComplexCase> = service
        .complex_cases()?
        .into_iter()
        .filter(|case| args.region.is_none_or(|region| case.state.opening.as_ref().is_some_and(|o| o.region == region)))
        .collect();
    match &args.command {
        ComplexCommand::Cases => print_cases(&cases, today, args.json),
        ComplexCommand::Tasks { overdue } => print_tasks(&cases, today, *overdue, args.json),
    }
    Ok(())
}

/// The day the case's current step opened.
fn step_opened_on(state: &ComplexCaseState) -> Option<Date> {
    state.steps.last().map(|(_, day, ..)| *day)
}

fn outcome_nl(state: &ComplexCaseState) -> String {
    match state.closure.as_ref().map(|closure| closure.outcome) {
        None => "open".to_string(),
        Some(Outcome::PlaceFound { .. }) => "plek gevonden".to_string(),
        Some(Outcome::CareHandedOver { provider }) => format!("zorg overgedragen aan {provider}"),
        Some(Outcome::Other) => "anders".to_string(),
    }
}

pub(super) fn organisation_nl(organisation: Organisation) -> String {
    match organisation {
        Organisation::Provider(agb) => format!("aanbieder {agb}"),
        Organisation::Zorgkantoor(region) => format!("zorgkantoor {}", region.name()),
        Organisation::Oco(oco) => format!("OCO {oco}"),
    }
}

fn print_cases(cases: &[ComplexCase], today: Date, as_json: bool) {
    let rows: Vec<serde_json::Value> = cases
        .iter()
        .filter_map(|case| {
            let state = &case.state;
            let opening = state.opening.as_ref()?;
            let days_in_step = step_opened_on(state).map(|day| (today - day).get_days());
            Some(json!({
                "case": case.id.0,
                "client": opening.client.0,
                "region": opening.region.name(),
                "opened_on": opening.on.to_string(),
                "step": state.step.map(|step| step.number()),
                "step_label_nl": state.step.map(|step| step.label_nl()),
                "days_in_step": days_in_step,
                "open_tasks": state.open_tasks().count(),
                "overdue_tasks": state.overdue_tasks(today).count(),
                "escalation": state.escalations.last().map(|escalation| escalation.desk.clone()),
                "outcome_nl": outcome_nl(state),
            }))
        })
        .collect();
    if as_json {
        println!("{}", serde_json::Value::Array(rows));
        return;
    }
    println!("Complexe casussen op {today}: {}", rows.len());
    let text = |value: &serde_json::Value| match value {
        serde_json::Value::Null => "–".to_string(),
        serde_json::Value::String(text) => text.clone(),
        other => other.to_string(),
    };
    let lines: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            [
                "case",
                "client",
                "region",
                "step",
                "days_in_step",
                "open_tasks",
                "overdue_tasks",
                "escalation",
                "outcome_nl",
            ]
            .iter()
            .map(|key| text(&row[*key]))
            .collect()
        })
        .collect();
    table::print(
        &["casus", "cliënt", "regio", "stap", "dagen in stap", "open taken", "te laat", "opgeschaald naar", "uitkomst"],
        &lines,
        |column| matches!(column, 0 | 1 | 3 | 4 | 5 | 6),
    );
}

fn print_tasks(cases: &[ComplexCase], today: Date, overdue_only: bool, as_json: bool) {
    let mut rows = Vec::new();
    for case in cases.iter().filter(|case| case.state.is_open()) {
        let Some(opening) = &case.state.opening else { continue };
        for task in case.state.open_tasks() {
            let overdue = task.is_overdue_on(today);
            if overdue_only && !overdue {
                continue;
            }
            rows.push((
                organisation_nl(task.created.responsible),
                task.created.due,
                case.id,
                opening.client,
                task,
                overdue,
            ));
        }
    }
    rows.sort_by(|a, b| (&a.0, a.1, a.2).cmp(&(&b.0, b.1, b.2)));
    if as_json {
        let rows: Vec<serde_json::Value> = rows
            .iter()
            .map(|(organisation, due, case, client, task, overdue)| {
                json!({
                    "organisation": organisation,
                    "case": case.0,
                    "client": client.0,
                    "task": task.created.id,
                    "text": task.created.task,
                    "status": task.status.token(),
                    "due": due.to_string(),
                    "overdue": overdue,
                })
            })
            .collect();
        println!("{}", serde_json::Value::Array(rows));
        return;
    }
    let which = if overdue_only { "Te late taken" } else { "Open taken" };
    println!("{which} op {today}: {}", rows.len());
    let lines: Vec<Vec<String>> = rows
        .iter()
        .map(|(organisation, due, case, client, task, overdue)| {
            vec![
                organisation.clone(),
                due.to_string(),
                if *overdue { "te laat".to_string() } else { String::new() },
                case.0.to_string(),
                client.0.to_string(),
                task.created.id.clone(),
                task.created.task.clone(),
            ]
        })
        .collect();
    table::print(&["verantwoordelijk", "uiterlijk", "", "casus", "cliënt", "taak", "omschrijving"], &lines, |column| {
        matches!(column, 3 | 4)
    });
}
