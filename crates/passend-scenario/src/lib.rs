//! The scenario runner: `passend scenario run PATH... [--json]`.
//!
//! A scenario is a JSON file that sets up providers, locations and clients,
//! plays dated events through the system's real rules and states what must
//! then be true. `shared/scenarios/README.md` decides how scenarios behave;
//! this crate implements it:
//!
//! 1. [`parse`] reads and validates a whole file (shape, unknown and repeated
//!    keys, ids, codes, dates) into a [`ScenarioFile`], or reports the first
//!    problem as an [`InvalidFile`] — in which case none of its steps runs.
//! 2. [`run`] plays a valid file through the real command service
//!    (`passend_store::Passend` on a fresh in-memory SQLite store, the default
//!    policy) and returns one [`Check`] per event step and per expected key.
//! 3. [`run_paths`] does both for files and folders and writes the report.
//!
//! Architecture invariant: the runner decides nothing about the rules. Every
//! event becomes the `CaseCommand` the API would send, and every actual value
//! is read from the service's projections, so a scenario that passes here
//! passes for the server.
//!
//! Layout: `json_tree` keeps repeated keys visible; `parse/` validates
//! (`reader` for the general rules, `ids`, `codes`, `setup`, `event`,
//! `expectation`); `model` is the validated file; `run/` executes it
//! (`world` registers and maps ids, `observe` reads and compares); `sources`
//! expands paths; `report` writes lines and the exit code.

mod check;
mod invalid_file;
mod json_tree;
mod model;
mod parse;
mod report;
mod run;
mod sources;

use std::io::{self, Write};
use std::path::PathBuf;

pub use check::Check;
pub use invalid_file::InvalidFile;
pub use model::ScenarioFile;
pub use parse::parse;
pub use run::run;

use report::Report;
use sources::Source;

/// Runs the scenario files and folders at `paths`, writes the report to
/// `out` (text lines, or JSON lines when `json`), and returns the exit code:
/// 2 if any file was invalid (a missing path included), else 1 if any check
/// failed, else 0. Only a failure to write to `out` is an error.
pub fn run_paths(paths: &[PathBuf], json: bool, out: &mut dyn Write) -> io::Result<u8> {
    let mut report = Report::new(out, json);
    for source in sources::expand(paths) {
        match source {
            Source::File(path) => {
                let file = path.display().to_string();
                let parsed = std::fs::read_to_string(&path)
                    .map_err(|error| InvalidFile::whole_file(format!("cannot read the file: {error}")))
                    .and_then(|text| parse(&text));
                match parsed {
                    Ok(scenario) => report.ran(&file, &run(&scenario))?,
                    Err(invalid) => report.invalid(&file, &invalid)?,
                }
            }
            Source::Unusable { path, problem } => {
                report.invalid(&path.display().to_string(), &InvalidFile::whole_file(problem))?;
            }
        }
    }
    report.finish()
}
