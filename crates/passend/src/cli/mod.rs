//! The commands of `passend`, one module per command group.

mod bench;
mod bench_places;
mod bench_web;
mod complex;
mod demo;
mod generate;
mod matching;
mod policy;
mod rebuild;
mod report;
mod scenario;
mod serve;
mod table;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// passend: Wlz placement mediation and waiting lists.
#[derive(Debug, Parser)]
#[command(name = "passend", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Generate a demo region (when the database is absent) and serve it.
    Demo(demo::DemoArgs),
    /// Serve the web application and API over a database.
    Serve(serve::ServeArgs),
    /// Build a synthetic region or nation through the real commands.
    Generate(generate::GenerateArgs),
    /// Run scenario files: the executable statement of the rules.
    Scenario {
        #[command(subcommand)]
        command: scenario::ScenarioCommand,
    },
    /// Reports as of a date.
    Report(report::ReportArgs),
    /// Recompute every projection from the event log.
    Rebuild(rebuild::RebuildArgs),
    /// Show or check policy files (the norms of each Voorschrift year).
    Policy {
        #[command(subcommand)]
        command: policy::PolicyCommand,
    },
    /// The matcher: best places for a client, fitting persons for a location, a planning proposal.
    Match(matching::MatchArgs),
    /// Complex cases: where each stands, and the open or overdue tasks per organisation.
    Complex(complex::ComplexArgs),
    /// Measure generation, append, rebuild and scenario speed (`bench web`: the server under load).
    Bench(bench::BenchArgs),
}

/// Parses the command line, runs the command and turns its outcome into the
/// process exit code: a command's own code, or 1 with the error on stderr.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match &cli.command {
        Command::Demo(args) => demo::run(args).map(|()| ExitCode::SUCCESS),
        Command::Serve(args) => serve::run(args).map(|()| ExitCode::SUCCESS),
        Command::Generate(args) => generate::run(args).map(|()| ExitCode::SUCCESS),
        Command::Scenario { command } => scenario::run(command),
        Command::Report(args) => report::run(args).map(|()| ExitCode::SUCCESS),
        Command::Rebuild(args) => rebuild::run(args).map(|()| ExitCode::SUCCESS),
        Command::Policy { command } => policy::run(command).map(|()| ExitCode::SUCCESS),
        Command::Match(args) => matching::run(args).map(|()| ExitCode::SUCCESS),
        Command::Complex(args) => complex::run(args).map(|()| ExitCode::SUCCESS),
        Command::Bench(args) => bench::run(args).map(|()| ExitCode::SUCCESS),
    };
    outcome.unwrap_or_else(|error| {
        eprintln!("passend: {error:#}");
        ExitCode::FAILURE
    })
}
