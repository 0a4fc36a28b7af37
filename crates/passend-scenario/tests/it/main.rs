//! The scenario runner end to end: the scenario folders under
//! `tests/scenarios/` are the test data (public, own, invalid, failing).

mod failing;
mod invalid;
mod json_output;
mod passing;
mod paths;

use std::path::{Path, PathBuf};

/// What one run printed and returned.
pub(crate) struct Outcome {
    pub(crate) exit_code: u8,
    pub(crate) output: String,
}

impl Outcome {
    pub(crate) fn lines(&self) -> impl Iterator<Item = &str> {
        self.output.lines()
    }

    pub(crate) fn failures(&self) -> Vec<&str> {
        self.lines().filter(|line| line.starts_with("FAIL") || line.starts_with("INVALID")).collect()
    }
}

/// Runs `passend scenario run PATHS... [--json]` as the binary does.
pub(crate) fn run(paths: &[PathBuf], json: bool) -> Outcome {
    let mut output = Vec::new();
    let exit_code = passend_scenario::run_paths(paths, json, &mut output).expect("writing to a Vec never fails");
    Outcome { exit_code, output: String::from_utf8(output).expect("the report is UTF-8") }
}

/// A folder or file under `tests/scenarios/`.
pub(crate) fn scenarios(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios").join(relative)
}

/// The `*.json` files of a scenario folder, sorted.
pub(crate) fn json_files(folder: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(scenarios(folder))
        .expect("the scenario folder exists")
        .map(|entry| entry.expect("readable entry").path())
        .filter(|path| path.extension().is_some_and(|extension| extension == "json"))
        .collect();
    files.sort();
    files
}
