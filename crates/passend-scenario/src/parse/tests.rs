//! The validation rules, each checked through one helper: a small world with
//! the given steps, and where (if anywhere) the file is invalid.

use serde_json::{Value, json};

use super::parse;
use super::reader::{Place, parse_date};

/// A file with one provider `P1`, two locations `L1`, `L2` and two clients
/// `C1`, `C2`, and the given steps.
fn file_with_steps(steps: Value) -> String {
    json!({
        "title": "unit test",
        "providers": [{"id": "P1", "agb": "47000001", "name": "Zorggroep De Linde", "region": "Utrecht"}],
        "locations": [
            {"id": "L1", "provider": "P1", "name": "De Linde Zeist", "sector": "VV", "care_profiles": ["5VV"],
             "capacity": 60, "lat": 52.089, "lon": 5.233, "expertise": [], "contra_indications": [], "crisis_beds": 0},
            {"id": "L2", "provider": "P1", "name": "De Linde Soest", "sector": "VV", "care_profiles": [754, "6VV"],
             "capacity": 20, "lat": 52.17, "lon": 5.29, "expertise": [], "contra_indications": [], "crisis_beds": 0}
        ],
        "clients": [
            {"id": "C1", "birth_date": "1939-05-17", "region": "Utrecht", "lat": 52.091, "lon": 5.122},
            {"id": "C2", "birth_date": "1941-03-02", "region": "5509", "lat": 52.1, "lon": 5.1}
        ],
        "steps": steps
    })
    .to_string()
}

/// `None` when the text is valid; otherwise the step and field reported.
fn problem(text: &str) -> Option<(Option<usize>, String)> {
    parse(text).err().map(|invalid| (invalid.step, invalid.field))
}

/// Checks a list of steps: `expect` is `None` for a valid file, or the step
/// and field where it must be reported invalid.
fn check(steps: Value, expect: Option<(Option<usize>, &str)>) {
    let text = file_with_steps(steps.clone());
    let expect = expect.map(|(step, field)| (step, field.to_string()));
    assert_eq!(problem(&text), expect, "steps: {steps}\nerror: {:?}", parse(&text).err());
}

const INDICATION: &str = r#"{"on": "2026-01-05", "event": "indication", "client": "C1", "care_profile": "5VV"}"#;

fn indication() -> Value {
    serde_json::from_str(INDICATION).expect("valid JSON")
}

#[test]
fn a_small_valid_file_parses() {
    let text = file_with_steps(json!([indication(), {"on": "2026-01-05", "expect": {"client": "C1"}}]));
    let scenario = parse(&text).expect("valid");
    assert_eq!(scenario.title(), Some("unit test"));
    assert_eq!(scenario.step_count(), 2);
    check(json!([]), None);
}

#[test]
fn optional_fields_given_as_null_count_as_omitted() {
    check(
        json!([
            {"on": "2026-01-05", "event": "indication", "client": "C1", "care_profile": "5VV",
             "delivery_form": null, "preferred_provider": null, "expect_error": null},
            {"on": "2026-01-06", "event": "wait_status", "client": "C1", "status": "actief_plaatsen",
             "preferences": null, "classification": null, "expect_error": false}
        ]),
        None,
    );
    let mut text: Value = serde_json::from_str(&file_with_steps(json!([]))).expect("JSON");
    text["title"] = Value::Null;
    assert_eq!(problem(&text.to_string()), None);
}

#[test]
fn required_fields_may_not_be_null_or_missing() {
    check(
        json!([{"on": "2026-01-05", "event": "indication", "client": "C1", "care_profile": null}]),
        Some((Some(0), "steps[0].care_profile")),
    );
    check(
        json!([{"on": "2026-01-05", "event": "indication", "client": "C1"}]),
        Some((Some(0), "steps[0].care_profile")),
    );
    check(json!([{"event": "indication", "client": "C1", "care_profile": "5VV"}]), Some((Some(0), "steps[0].on")));
    check(json!([indication(), {"on": "2026-01-05"}]), Some((Some(1), "steps[1]")));
}

#[test]
fn care_profiles_are_names_codes_or_numbers_but_not_administrative_codes() {
    for profile in [json!("5VV"), json!("754"), json!(754), json!("9VV A"), json!(190), json!("4GGZ B")] {
        check(json!([{"on": "2026-01-05", "event": "indication", "client": "C1", "care_profile": profile}]), None);
    }
    for profile in [json!(996), json!("999"), json!("5vv"), json!(754.0), json!(-1), json!(70000), json!(true)] {
        check(
            json!([{"on": "2026-01-05", "event": "indication", "client": "C1", "care_profile": profile}]),
            Some((Some(0), "steps[0].care_profile")),
        );
    }
}

#[test]
fn classification_codes_are_accepted_in_events_and_refused_in_expectations() {
    let status = |classification: &str| {
        json!({"on": "2026-01-06", "event": "wait_status", "client": "C1", "status": "actief_plaatsen",
               "classification": classification})
    };
    check(json!([indication(), status("12")]), None);
    check(json!([indication(), status("voorkeuraanbieder_leidend")]), None);
    check(json!([indication(), status("21")]), Some((Some(1), "steps[1].classification")));
    let expect = |classification: Value| json!({"on": "2026-01-06", "expect": {"client": "C1", "classification": classification}});
    check(json!([expect(json!("voorkeuraanbieder_leidend"))]), None);
    check(json!([expect(Value::Null)]), None);
    check(json!([expect(json!("12"))]), Some((Some(0), "steps[0].expect.classification")));
}

#[test]
fn preferences_mix_locations_and_providers_but_not_clients_or_repeats() {
    let status = |preferences: Value| {
        json!([indication(), {"on": "2026-01-06", "event": "wait_status", "client": "C1",
                              "status": "wacht_op_voorkeur", "preferences": preferences}])
    };
    check(status(json!(["L2", "P1", "L1"])), None);
    check(status(json!([])), None);
    check(status(json!(["L1", "C2"])), Some((Some(1), "steps[1].preferences[1]")));
    check(status(json!(["P1", "P1"])), Some((Some(1), "steps[1].preferences[1]")));
    check(status(json!(["X1"])), Some((Some(1), "steps[1].preferences[0]")));
    check(status(json!("L1")), Some((Some(1), "steps[1].preferences")));
}

#[test]
fn repeated_keys_are_found_at_any_depth() {
    let text = file_with_steps(json!([indication()])).replacen(
        r#""care_profile":"5VV""#,
        r#""care_profile":"5VV","care_profile":"6VV""#,
        1,
    );
    assert_eq!(problem(&text), Some((Some(0), "steps[0].care_profile".to_string())));
    let text = file_with_steps(
        json!([{"on": "2026-01-05", "expect": {"region": "Utrecht", "waiting_persons": {"urgent_plaatsen": 0}}}]),
    )
    .replacen(r#""urgent_plaatsen":0"#, r#""urgent_plaatsen":0,"urgent_plaatsen":1"#, 1);
    assert_eq!(problem(&text), Some((Some(0), "steps[0].expect.waiting_persons.urgent_plaatsen".to_string())));
    let text = file_with_steps(json!([])).replacen(r#""id":"C2""#, r#""id":"C2","id":"C3""#, 1);
    assert_eq!(problem(&text), Some((None, "clients[1].id".to_string())));
}

#[test]
fn expectations_hold_one_of_three_shapes() {
    check(json!([{"on": "2026-01-05", "expect": {"location": "L1", "waiting_order": []}}]), None);
    check(
        json!([{"on": "2026-01-05", "expect": {"location": "L1"}}]),
        Some((Some(0), "steps[0].expect.waiting_order")),
    );
    check(
        json!([{"on": "2026-01-05", "expect": {"client": "C1", "waiting_order": []}}]),
        Some((Some(0), "steps[0].expect.waiting_order")),
    );
    check(json!([{"on": "2026-01-05", "expect": {"status": null}}]), Some((Some(0), "steps[0].expect")));
    check(
        json!([{"on": "2026-01-05", "expect": {"region": "Utrecht", "waiting_persons": {"actief_plaatsen": "1"}}}]),
        Some((Some(0), "steps[0].expect.waiting_persons.actief_plaatsen")),
    );
    check(json!([{"on": "2026-01-05", "expect": {"region": "5509", "waiting_persons": {}}}]), None);
    check(
        json!([{"on": "2026-01-05", "expect": {"location": "P1", "waiting_order": []}}]),
        Some((Some(0), "steps[0].expect.location")),
    );
}

#[test]
fn expected_values_have_their_types() {
    let expect = |key: &str, value: Value| {
        let mut expectation = json!({"client": "C1"});
        expectation[key] = value;
        json!([{"on": "2026-01-05", "expect": expectation}])
    };
    for (key, good) in [
        ("dossierhouder", json!("P1")),
        ("dossierhouder", Value::Null),
        ("first_contact_due", json!("2026-01-19")),
        ("status", json!("wacht_uit_voorzorg")),
        ("waiting_days", json!(-3)),
        ("waiting_days", Value::Null),
        ("refusals", json!(0)),
        ("on_lists", json!(["P1", "L1"])),
        ("placed_at", json!("L2")),
        ("alerts", json!(["bridged_waiting", "no_allocation"])),
    ] {
        check(expect(key, good), None);
    }
    for (key, bad) in [
        ("dossierhouder", json!("L1")),
        ("first_contact_due", json!("19-01-2026")),
        ("status", json!("7")),
        ("waiting_days", json!("3")),
        ("waiting_days", json!(3.5)),
        ("refusals", Value::Null),
        ("refusals", json!(-1)),
        ("on_lists", Value::Null),
        ("placed_at", json!("C1")),
        ("alerts", json!("no_allocation")),
    ] {
        let field = format!("steps[0].expect.{key}");
        check(expect(key, bad), Some((Some(0), field.as_str())));
    }
}

#[test]
fn providers_locations_and_clients_are_checked_field_by_field() {
    let mut file: Value = serde_json::from_str(&file_with_steps(json!([]))).expect("JSON");
    let cases: Vec<(&str, Value, &str)> = vec![
        ("/providers/0/agb", json!("4700000A"), "providers[0].agb"),
        ("/providers/0/agb", json!(47000001), "providers[0].agb"),
        ("/providers/0/region", json!("UTRECHT"), "providers[0].region"),
        ("/locations/0/provider", json!("L2"), "locations[0].provider"),
        ("/locations/0/sector", json!("vv"), "locations[0].sector"),
        ("/locations/0/capacity", json!(40.0), "locations[0].capacity"),
        ("/locations/0/crisis_beds", json!(-2), "locations[0].crisis_beds"),
        ("/locations/0/lat", json!("52.1"), "locations[0].lat"),
        ("/locations/0/expertise", json!([1]), "locations[0].expertise[0]"),
        ("/locations/1/care_profiles/0", json!(998), "locations[1].care_profiles[0]"),
        ("/clients/1/birth_date", json!("1941-02-29"), "clients[1].birth_date"),
        ("/clients/1/id", json!("L1"), "clients[1].id"),
        ("/clients/1/id", json!(""), "clients[1].id"),
        ("/locations/1/care_profiles", json!([]), "locations[1].care_profiles"),
        ("/locations/1/name", json!("  "), "locations[1].name"),
        ("/providers/0/name", json!(7), "providers[0].name"),
    ];
    for (pointer, value, field) in cases {
        let original = file.pointer(pointer).cloned().expect("the pointer exists");
        *file.pointer_mut(pointer).expect("exists") = value;
        assert_eq!(problem(&file.to_string()), Some((None, field.to_string())), "{pointer}");
        *file.pointer_mut(pointer).expect("exists") = original;
    }
    assert_eq!(problem(&file.to_string()), None);
}

#[test]
fn dates_are_strict_iso_dates() {
    assert!(parse_date("2024-02-29").is_ok());
    for text in ["2025-02-29", "2026-1-05", "2026-01-05T00:00", " 2026-01-05", "20260105", "2026-13-01", "+2026-01-05"]
    {
        assert!(parse_date(text).is_err(), "{text}");
    }
    check(json!([indication(), {"on": "2026-01-04", "expect": {"client": "C1"}}]), Some((Some(1), "steps[1].on")));
    check(json!([indication(), {"on": "2026-01-05", "expect": {"client": "C1"}}]), None);
}

#[test]
fn places_are_written_as_paths() {
    let place = Place::root().key("steps").step(3).key("expect").key("alerts").index(1);
    let invalid = place.invalid("x");
    assert_eq!((invalid.step, invalid.field.as_str()), (Some(3), "steps[3].expect.alerts[1]"));
    assert_eq!(Place::root().invalid("x").field, "");
}

#[test]
fn the_root_must_be_an_object_with_known_keys() {
    assert_eq!(problem("[]"), Some((None, String::new())));
    assert_eq!(problem("{} {}"), Some((None, String::new())));
    let mut file: Value = serde_json::from_str(&file_with_steps(json!([]))).expect("JSON");
    file["comment"] = json!("hi");
    assert_eq!(problem(&file.to_string()), Some((None, "comment".to_string())));
    file.as_object_mut().expect("object").remove("comment");
    file.as_object_mut().expect("object").remove("steps");
    assert_eq!(problem(&file.to_string()), Some((None, "steps".to_string())));
}

#[test]
fn a_byte_order_mark_is_ignored() {
    let text = format!("\u{feff}{}", file_with_steps(json!([])));
    assert_eq!(problem(&text), None);
}
