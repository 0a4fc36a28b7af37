//! `--json`: every line is an object with exactly the documented keys.

use std::collections::BTreeSet;

use crate::{run, scenarios};

const CHECK_KEYS: [&str; 6] = ["actual", "expected", "file", "key", "ok", "step"];
const INVALID_KEYS: [&str; 4] = ["error", "field", "file", "step"];

fn keys(line: &serde_json::Value) -> BTreeSet<String> {
    line.as_object().expect("an object").keys().cloned().collect()
}

#[test]
fn every_json_line_has_the_required_keys() {
    let outcome = run(&[scenarios("public"), scenarios("own"), scenarios("failing"), scenarios("invalid")], true);
    assert_eq!(outcome.exit_code, 2);
    let (mut checks, mut invalid) = (0, 0);
    for text in outcome.lines() {
        let line: serde_json::Value = serde_json::from_str(text).expect("every line is JSON");
        let keys = keys(&line);
        if keys == CHECK_KEYS.iter().map(|key| key.to_string()).collect() {
            checks += 1;
            assert!(line["ok"].is_boolean(), "{text}");
            assert!(line["step"].is_u64(), "{text}");
            if line["key"] == "event" {
                for value in [&line["expected"], &line["actual"]] {
                    assert!(*value == "accepted" || *value == "rejected", "{text}");
                }
            }
        } else if keys == INVALID_KEYS.iter().map(|key| key.to_string()).collect() {
            invalid += 1;
            assert!(line["field"].is_string() && line["error"].is_string(), "{text}");
        } else {
            panic!("unexpected keys in {text}");
        }
    }
    assert!(checks > 700, "{checks} check lines");
    assert_eq!(invalid, crate::json_files("invalid").len());
}

#[test]
fn one_line_per_checked_key() {
    // 01-automatic-allocation: 2 events and 4 expectations holding 3 + 1 + 1 + 2 keys.
    let outcome = run(&[scenarios("public/01-automatic-allocation.json")], true);
    assert_eq!(outcome.exit_code, 0);
    let lines: Vec<serde_json::Value> = outcome.lines().map(|line| serde_json::from_str(line).expect("JSON")).collect();
    let summary: Vec<(u64, &str)> =
        lines.iter().map(|line| (line["step"].as_u64().unwrap_or(99), line["key"].as_str().unwrap_or(""))).collect();
    assert_eq!(
        summary,
        [
            (0, "event"),
            (1, "dossierhouder"),
            (1, "first_contact_due"),
            (1, "alerts"),
            (2, "alerts"),
            (3, "alerts"),
            (4, "event"),
            (5, "alerts"),
            (5, "status"),
        ]
    );
    assert_eq!(lines[2]["expected"], "2026-01-19");
    assert_eq!(lines[2]["actual"], "2026-01-19");
    assert_eq!(lines[5]["actual"], serde_json::json!(["first_contact_overdue"]));
}
