//! How paths are expanded: missing paths, empty folders, no recursion, only `*.json`.

use std::fs;
use std::path::PathBuf;

use crate::{run, scenarios};

/// A fresh folder for one test under cargo's temporary target folder.
fn fresh_folder(name: &str) -> PathBuf {
    let folder = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("passend-scenario-tests").join(name);
    let _ = fs::remove_dir_all(&folder);
    fs::create_dir_all(&folder).expect("a temporary folder");
    folder
}

#[test]
fn a_missing_path_counts_as_an_invalid_file() {
    let missing = scenarios("does-not-exist.json");
    let outcome = run(std::slice::from_ref(&missing), true);
    assert_eq!(outcome.exit_code, 2);
    let lines: Vec<&str> = outcome.lines().collect();
    assert_eq!(lines.len(), 1, "{}", outcome.output);
    let line: serde_json::Value = serde_json::from_str(lines[0]).expect("a JSON line");
    assert_eq!(line["step"], serde_json::Value::Null);
    assert_eq!(line["field"], "");
    assert!(line["file"].as_str().is_some_and(|file| file.ends_with("does-not-exist.json")));
}

#[test]
fn a_missing_path_beside_valid_files_still_runs_them_and_exits_2() {
    let outcome = run(&[scenarios("public/01-automatic-allocation.json"), scenarios("missing-folder")], false);
    assert_eq!(outcome.exit_code, 2);
    assert!(outcome.lines().any(|line| line.starts_with("ok")), "{}", outcome.output);
    assert!(outcome.lines().any(|line| line.starts_with("INVALID") && line.contains("missing-folder")));
}

#[test]
fn an_empty_folder_runs_nothing_and_exits_0() {
    let folder = fresh_folder("empty");
    let outcome = run(&[folder], true);
    assert_eq!(outcome.exit_code, 0);
    assert_eq!(outcome.output, "");
}

#[test]
fn a_folder_runs_only_its_own_json_files() {
    let folder = fresh_folder("not-recursive");
    fs::copy(scenarios("public/01-automatic-allocation.json"), folder.join("b.json")).expect("copy");
    fs::write(folder.join("a.txt"), "not a scenario").expect("write");
    fs::write(folder.join("c.json.bak"), "not a scenario either").expect("write");
    fs::create_dir(folder.join("sub")).expect("subfolder");
    fs::copy(scenarios("invalid/bad-agb.json"), folder.join("sub/a.json")).expect("copy");
    let outcome = run(&[folder], true);
    assert_eq!(outcome.exit_code, 0, "{}", outcome.output);
    for line in outcome.lines() {
        let line: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
        assert!(line["file"].as_str().is_some_and(|file| file.ends_with("b.json")), "{line}");
    }
}

#[test]
fn an_invalid_file_outweighs_a_failing_one() {
    let outcome = run(&[scenarios("failing/wrong-expected-value.json"), scenarios("invalid/bad-agb.json")], false);
    assert_eq!(outcome.exit_code, 2);
}

#[test]
fn a_file_that_is_not_json_is_invalid_as_a_whole() {
    let folder = fresh_folder("not-json");
    let file = folder.join("broken.json");
    fs::write(&file, "{\"title\": ").expect("write");
    let outcome = run(&[file], true);
    assert_eq!(outcome.exit_code, 2);
    let line: serde_json::Value = serde_json::from_str(outcome.output.trim()).expect("a JSON line");
    assert_eq!(line["field"], "");
    assert!(line["error"].as_str().is_some_and(|error| error.contains("not valid JSON")), "{line}");
}
