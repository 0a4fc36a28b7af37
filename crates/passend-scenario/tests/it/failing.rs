//! Each failing file gives exit 1 and fails exactly at the intended step and key.

use crate::{json_files, run, scenarios};

/// Every file of `tests/scenarios/failing/` with the (step, key) checks that must fail.
const EXPECTED: &[(&str, &[(u64, &str)])] = &[
    ("wrong-expected-value.json", &[(1, "first_contact_due")]),
    ("rejected-event-without-expect-error.json", &[(1, "event")]),
    ("accepted-event-with-expect-error.json", &[(1, "event")]),
];

#[test]
fn every_failing_file_fails_exactly_where_intended() {
    for (name, failures) in EXPECTED {
        let outcome = run(&[scenarios("failing").join(name)], true);
        assert_eq!(outcome.exit_code, 1, "{name}:\n{}", outcome.output);
        let mut failed = Vec::new();
        for line in outcome.lines() {
            let line: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
            if line["ok"] == false {
                failed.push((
                    line["step"].as_u64().expect("a step index"),
                    line["key"].as_str().unwrap_or("").to_string(),
                ));
            }
        }
        let expected: Vec<(u64, String)> = failures.iter().map(|(step, key)| (*step, key.to_string())).collect();
        assert_eq!(failed, expected, "{name}:\n{}", outcome.output);
    }
}

#[test]
fn a_rejected_event_reports_rejected_against_accepted() {
    let outcome = run(&[scenarios("failing/rejected-event-without-expect-error.json")], false);
    let fail = outcome.lines().find(|line| line.starts_with("FAIL")).expect("a FAIL line");
    assert!(fail.contains("step 1 event: expected \"accepted\", actual \"rejected\""), "{fail}");
    assert!(fail.contains("rejected-event-without-expect-error.json"), "{fail}");
}

#[test]
fn an_accepted_event_with_expect_error_is_still_applied() {
    // The last step expects no overdue alert two weeks later, which holds
    // only if the unexpected first contact was recorded.
    let outcome = run(&[scenarios("failing/accepted-event-with-expect-error.json")], false);
    assert_eq!(outcome.exit_code, 1);
    assert!(
        outcome.lines().any(|line| line.starts_with("ok") && line.contains("step 2 alerts: expected [], actual []"))
    );
}

#[test]
fn every_file_in_the_failing_folder_has_an_expectation() {
    let mut names: Vec<String> = json_files("failing")
        .iter()
        .map(|path| path.file_name().and_then(|name| name.to_str()).unwrap_or_default().to_string())
        .collect();
    names.sort();
    let mut listed: Vec<String> = EXPECTED.iter().map(|(name, _)| name.to_string()).collect();
    listed.sort();
    assert_eq!(names, listed);
}

#[test]
fn a_failing_file_beside_passing_ones_makes_the_run_exit_1() {
    let outcome = run(&[scenarios("public"), scenarios("failing/wrong-expected-value.json")], false);
    assert_eq!(outcome.exit_code, 1);
    assert_eq!(outcome.lines().filter(|line| line.starts_with("FAIL")).count(), 1, "{}", outcome.output);
}
