//! The `passend` binary as a user runs it.

mod cli;
mod killed_import;
mod serve;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs the binary with `args` and returns its output.
pub fn passend(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_passend")).args(args).output().expect("the passend binary runs")
}

/// A scenario folder of the repository.
pub fn scenarios(folder: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../passend-scenario/tests/scenarios").join(folder)
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}
