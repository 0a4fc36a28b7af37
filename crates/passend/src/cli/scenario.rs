//! `passend scenario run PATH... [--json]`.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum ScenarioCommand {
    /// Run scenario files and folders (their *.json files, sorted by name).
    /// Exit code: 2 if any file is invalid, else 1 if any expectation
    /// failed, else 0.
    Run {
        /// Scenario files or folders.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// One JSON object per line instead of text.
        #[arg(long)]
        json: bool,
    },
}

pub fn run(command: &ScenarioCommand) -> anyhow::Result<ExitCode> {
    let ScenarioCommand::Run { paths, json } = command;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let code = passend_scenario::run_paths(paths, *json, &mut out)?;
    out.flush()?;
    Ok(ExitCode::from(code))
}
