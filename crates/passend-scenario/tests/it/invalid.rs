//! Each invalid file gives exit 2, names the right field and step, and runs no step.

use crate::{json_files, run, scenarios};

/// Every file of `tests/scenarios/invalid/` with the step and field it must be reported at.
const EXPECTED: &[(&str, Option<u64>, &str)] = &[
    ("duplicate-key.json", Some(1), "steps[1].client"),
    ("duplicate-key-top-level.json", None, "title"),
    ("unknown-key.json", None, "locations[0].postcode"),
    ("unknown-key-in-event.json", Some(1), "steps[1].location"),
    ("unknown-id.json", Some(1), "steps[1].provider"),
    ("unknown-id-in-expectation.json", Some(3), "steps[3].expect.client"),
    ("client-id-in-preferences.json", Some(2), "steps[2].preferences[1]"),
    ("location-id-as-provider.json", Some(1), "steps[1].provider"),
    ("same-id-twice-in-list.json", Some(2), "steps[2].preferences[2]"),
    ("same-client-twice-in-waiting-order.json", Some(4), "steps[4].expect.waiting_order[1]"),
    ("id-used-twice.json", None, "clients[1].id"),
    ("bad-date.json", Some(1), "steps[1].on"),
    ("bad-date-format.json", None, "clients[0].birth_date"),
    ("decreasing-on.json", Some(2), "steps[2].on"),
    ("unknown-care-profile-996.json", Some(0), "steps[0].care_profile"),
    ("care-profile-wrong-case.json", None, "locations[0].care_profiles[1]"),
    ("code-instead-of-token-in-expectation.json", Some(3), "steps[3].expect.classification"),
    ("status-code-in-event.json", Some(2), "steps[2].status"),
    ("delivery-form-code.json", Some(0), "steps[0].delivery_form"),
    ("delivery-form-vkb.json", Some(0), "steps[0].delivery_form"),
    ("reason-code.json", Some(1), "steps[1].reason"),
    ("status-code-in-expectation.json", Some(3), "steps[3].expect.status"),
    ("negative-capacity.json", None, "locations[0].capacity"),
    ("same-alert-twice.json", Some(3), "steps[3].expect.alerts[1]"),
    ("unknown-alert-code.json", Some(3), "steps[3].expect.alerts[0]"),
    ("expect-with-expect-error.json", Some(3), "steps[3].expect_error"),
    ("event-and-expect-in-one-step.json", Some(1), "steps[1].expect"),
    ("bad-agb.json", None, "providers[0].agb"),
    ("agb-twice.json", None, "providers[1].agb"),
    ("unknown-region.json", None, "clients[0].region"),
    ("unknown-sector.json", None, "locations[0].sector"),
    ("wrong-type.json", None, "locations[0].capacity"),
    ("wrong-type-in-expectation.json", Some(3), "steps[3].expect.waiting_days"),
    ("wrong-type-expect-error.json", Some(1), "steps[1].expect_error"),
    ("ground-out-of-range.json", Some(1), "steps[1].ground"),
    ("missing-field.json", None, "locations[0].lon"),
    ("missing-event-field.json", Some(1), "steps[1].weighty_reason"),
    ("unknown-event.json", Some(1), "steps[1].event"),
    ("unknown-status-in-waiting-persons.json", Some(5), "steps[5].expect.waiting_persons.actief"),
    ("required-field-null.json", Some(1), "steps[1].provider"),
    ("not-json.json", None, ""),
];

#[test]
fn every_invalid_file_is_reported_at_its_field_and_runs_no_step() {
    for (name, step, field) in EXPECTED {
        let path = scenarios("invalid").join(name);
        let outcome = run(std::slice::from_ref(&path), true);
        assert_eq!(outcome.exit_code, 2, "{name}:\n{}", outcome.output);
        let lines: Vec<&str> = outcome.lines().collect();
        assert_eq!(lines.len(), 1, "{name}: one line for the invalid file and none for steps:\n{}", outcome.output);
        let line: serde_json::Value = serde_json::from_str(lines[0]).expect("a JSON line");
        assert_eq!(line["field"], *field, "{name}: {line}");
        assert_eq!(line["step"].as_u64(), *step, "{name}: {line}");
        assert!(line["file"].as_str().is_some_and(|file| file.ends_with(name)), "{name}: {line}");
        assert!(line["error"].as_str().is_some_and(|error| !error.is_empty()), "{name}: {line}");
    }
}

#[test]
fn text_output_of_an_invalid_file_has_no_check_lines() {
    let outcome = run(&[scenarios("invalid/duplicate-key.json")], false);
    assert_eq!(outcome.exit_code, 2);
    let lines: Vec<&str> = outcome.lines().collect();
    assert_eq!(lines.len(), 2, "{}", outcome.output);
    assert!(lines[0].starts_with("INVALID ") && lines[0].contains("steps[1].client"), "{}", lines[0]);
    assert!(lines[1].starts_with("scenario run: 1 files (1 invalid), 0 checks"), "{}", lines[1]);
}

#[test]
fn every_file_in_the_invalid_folder_has_an_expectation() {
    let names: Vec<String> = json_files("invalid")
        .iter()
        .map(|path| path.file_name().and_then(|name| name.to_str()).unwrap_or_default().to_string())
        .collect();
    let listed: Vec<String> = EXPECTED.iter().map(|(name, _, _)| name.to_string()).collect();
    let mut names_sorted = names.clone();
    names_sorted.sort();
    let mut listed_sorted = listed.clone();
    listed_sorted.sort();
    assert_eq!(names_sorted, listed_sorted);
}

#[test]
fn the_whole_invalid_folder_exits_2_with_one_line_per_file() {
    let outcome = run(&[scenarios("invalid")], true);
    assert_eq!(outcome.exit_code, 2);
    assert_eq!(outcome.lines().count(), EXPECTED.len(), "{}", outcome.output);
}
