//! Every public and own scenario passes: exit 0 and no FAIL line.

use crate::{json_files, run, scenarios};

fn check_folder_passes(folder: &str, at_least: usize) {
    let files = json_files(folder);
    assert!(files.len() >= at_least, "{folder} holds {} scenarios, expected at least {at_least}", files.len());
    for file in files {
        let outcome = run(std::slice::from_ref(&file), false);
        assert_eq!(outcome.failures(), Vec::<&str>::new(), "{}:\n{}", file.display(), outcome.output);
        assert_eq!(outcome.exit_code, 0, "{}:\n{}", file.display(), outcome.output);
        assert!(outcome.lines().any(|line| line.starts_with("ok")), "{} checked nothing", file.display());
    }
}

#[test]
fn public_scenarios_pass() {
    check_folder_passes("public", 7);
}

#[test]
fn own_scenarios_pass() {
    check_folder_passes("own", 18);
}

#[test]
fn a_folder_runs_all_its_files_in_name_order() {
    let outcome = run(&[scenarios("public")], true);
    assert_eq!(outcome.exit_code, 0, "{}", outcome.output);
    let mut names: Vec<String> = Vec::new();
    for line in outcome.lines() {
        let line: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
        let file = line["file"].as_str().expect("a file name");
        let name = std::path::Path::new(file).file_name().and_then(|name| name.to_str()).unwrap_or(file).to_string();
        if names.last() != Some(&name) {
            names.push(name);
        }
    }
    assert_eq!(
        names,
        [
            "01-automatic-allocation.json",
            "02-reallocation-five-days.json",
            "03-second-refusal.json",
            "04-after-bridging.json",
            "05-one-person-many-lists.json",
            "06-rejected-events.json",
            "07-waiting-spells-and-classification.json",
        ]
    );
}
