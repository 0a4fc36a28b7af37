//! Commands and their exit codes.

use crate::{passend, scenarios, text};

#[test]
fn scenario_run_exits_0_1_or_2_as_the_format_says() {
    let public = scenarios("public");
    let passed = passend(&["scenario", "run", public.to_str().unwrap()]);
    assert_eq!(passed.status.code(), Some(0), "{}", text(&passed.stdout));
    assert!(!text(&passed.stdout).contains("FAIL"));

    let failing = scenarios("failing").join("wrong-expected-value.json");
    let failed = passend(&["scenario", "run", failing.to_str().unwrap()]);
    assert_eq!(failed.status.code(), Some(1), "{}", text(&failed.stdout));

    let missing = passend(&["scenario", "run", "does-not-exist.json", public.to_str().unwrap()]);
    assert_eq!(missing.status.code(), Some(2));

    let json = passend(&["scenario", "run", "--json", public.join("01-automatic-allocation.json").to_str().unwrap()]);
    assert_eq!(json.status.code(), Some(0));
    for line in text(&json.stdout).lines() {
        let check: serde_json::Value = serde_json::from_str(line).expect("each line is a JSON object");
        assert_eq!(check["ok"], serde_json::Value::Bool(true), "{line}");
    }
}

#[test]
fn generate_report_and_rebuild_a_small_region() {
    let directory = tempfile::tempdir().unwrap();
    let db = directory.path().join("flevoland.db");
    let db = db.to_str().unwrap();
    let generated = passend(&["generate", "--region", "Flevoland", "--seed", "7", "--until", "2026-06-30", "--db", db]);
    assert!(generated.status.success(), "{}", text(&generated.stderr));

    let again = passend(&["generate", "--region", "Flevoland", "--seed", "7", "--until", "2026-06-30", "--db", db]);
    assert!(!again.status.success(), "generating into a database that holds data is refused");
    assert!(text(&again.stderr).contains("flevoland.db"), "the message names the file: {}", text(&again.stderr));

    let report = |extra: &[&str]| {
        let mut args = vec!["report", "waiting-list", "--db", db, "--json"];
        args.extend_from_slice(extra);
        let output = passend(&args);
        assert!(output.status.success(), "{}", text(&output.stderr));
        serde_json::from_slice::<serde_json::Value>(&output.stdout).expect("the report is JSON")
    };
    let at_end = report(&["--on", "2026-06-30"]);
    let earlier = report(&["--on", "2026-01-31"]);
    assert_ne!(at_end, earlier, "half a year earlier, the waiting list was another");

    let rebuilt = passend(&["rebuild", "--db", db]);
    assert!(rebuilt.status.success(), "{}", text(&rebuilt.stderr));
    assert_eq!(report(&["--on", "2026-06-30"]), at_end, "a rebuild changes no figure");
    assert_eq!(report(&["--on", "2026-01-31"]), earlier, "nor does it change the past");

    let unknown = passend(&[
        "generate",
        "--region",
        "Atlantis",
        "--seed",
        "1",
        "--db",
        directory.path().join("x.db").to_str().unwrap(),
    ]);
    assert!(!unknown.status.success());
    assert!(text(&unknown.stderr).contains("Atlantis"), "{}", text(&unknown.stderr));
}

#[test]
fn policy_default_is_a_valid_policy_file() {
    let directory = tempfile::tempdir().unwrap();
    let output = passend(&["policy", "default"]);
    assert!(output.status.success());
    let file = directory.path().join("policy.toml");
    std::fs::write(&file, &output.stdout).unwrap();
    let checked = passend(&["policy", "check", file.to_str().unwrap()]);
    assert!(checked.status.success(), "{}", text(&checked.stderr));
    assert!(text(&checked.stdout).contains("geldig vanaf 1900-01-01"));

    std::fs::write(&file, "[[version]]\nname = \"kapot\"\n").unwrap();
    let broken = passend(&["policy", "check", file.to_str().unwrap()]);
    assert!(!broken.status.success());
    assert!(text(&broken.stderr).contains("missing field"), "{}", text(&broken.stderr));
}

#[test]
fn a_policy_file_sets_the_norms_the_figures_use() {
    let directory = tempfile::tempdir().unwrap();
    let policy = directory.path().join("strict.toml");
    let default = text(&passend(&["policy", "default"]).stdout);
    assert!(default.contains("days = 42"), "{default}");
    std::fs::write(&policy, default.replace("days = 42", "days = 1")).unwrap();
    let db = directory.path().join("strict.db");
    let (db, policy) = (db.to_str().unwrap(), policy.to_str().unwrap());
    let generated = passend(&[
        "generate",
        "--region",
        "Flevoland",
        "--seed",
        "7",
        "--until",
        "2026-06-30",
        "--db",
        db,
        "--policy",
        policy,
    ]);
    assert!(generated.status.success(), "{}", text(&generated.stderr));
    let output = passend(&["report", "waiting-list", "--db", db, "--on", "2026-06-30", "--json", "--policy", policy]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let actief_vv = report["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|row| row["sector"] == "VV" && row["status"] == "actief_plaatsen")
        .expect("active VV clients wait");
    let cuts = actief_vv;
    let started_today = cuts["persons"].as_u64().unwrap() - cuts["longer_than_norm"].as_u64().unwrap();
    assert!(
        started_today * 10 < cuts["persons"].as_u64().unwrap(),
        "with a norm of one day nearly every active VV client is over it: {cuts}"
    );
}

#[test]
fn match_answers_the_three_questions_on_a_generated_region() {
    let directory = tempfile::tempdir().unwrap();
    let db = directory.path().join("flevoland.db");
    let db = db.to_str().unwrap();
    let generated = passend(&["generate", "--region", "Flevoland", "--seed", "7", "--until", "2026-06-30", "--db", db]);
    assert!(generated.status.success(), "{}", text(&generated.stderr));
    let ask = |args: &[&str]| {
        let mut all = vec!["match", "--db", db, "--on", "2026-06-30", "--json"];
        all.extend_from_slice(args);
        let output = passend(&all);
        assert!(output.status.success(), "{args:?}: {}", text(&output.stderr));
        serde_json::from_slice::<serde_json::Value>(&output.stdout).expect("JSON")
    };

    let proposal = ask(&["proposal", "--region", "Flevoland"]);
    let placed = proposal["placed"].as_array().unwrap();
    assert!(!placed.is_empty(), "free places in the generated region are proposed: {proposal}");
    let unplaced: u64 = proposal["unplaced"].as_object().unwrap().values().map(|n| n.as_u64().unwrap()).sum();
    assert_eq!(placed.len() as u64 + unplaced, proposal["persons"].as_u64().unwrap());

    let client = placed[0]["client"].as_u64().unwrap().to_string();
    let places = ask(&["places", "--client", &client, "--k", "3"]);
    let ranked = places["places"].as_array().unwrap();
    assert!(!ranked.is_empty() && ranked.len() <= 3, "{places}");
    assert!(ranked[0]["score"]["terms"].as_array().is_some_and(|terms| !terms.is_empty()));

    let location = placed[0]["location"].as_u64().unwrap().to_string();
    let candidates = ask(&["candidates", "--location", &location]);
    let persons = candidates["persons"].as_array().unwrap();
    assert!(persons.iter().any(|person| person["client"].as_u64().unwrap().to_string() == client));

    let unknown = passend(&["match", "--db", db, "places", "--client", "999999"]);
    assert!(!unknown.status.success());
    assert!(text(&unknown.stderr).contains("999999"), "{}", text(&unknown.stderr));
}

#[test]
fn a_policy_file_with_a_negative_matching_weight_is_refused_by_name() {
    let directory = tempfile::tempdir().unwrap();
    let file = directory.path().join("policy.toml");
    let default = text(&passend(&["policy", "default"]).stdout);
    assert!(default.contains("per_km = 20"), "the default policy shows the matching weights: {default}");
    std::fs::write(&file, default.replace("per_km = 20", "per_km = -20")).unwrap();
    let checked = passend(&["policy", "check", file.to_str().unwrap()]);
    assert!(!checked.status.success());
    assert!(text(&checked.stderr).contains("per_km"), "{}", text(&checked.stderr));
}

#[test]
fn complex_lists_the_cases_and_the_overdue_tasks_of_a_generated_region() {
    let directory = tempfile::tempdir().unwrap();
    let db = directory.path().join("zeeland.db");
    let db = db.to_str().unwrap();
    let generated = passend(&["generate", "--region", "Zeeland", "--seed", "3", "--until", "2026-06-30", "--db", db]);
    assert!(generated.status.success(), "{}", text(&generated.stderr));
    let ask = |args: &[&str]| {
        let mut all = vec!["complex"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--db", db, "--on", "2026-06-30", "--json"]);
        let output = passend(&all);
        assert!(output.status.success(), "{args:?}: {}", text(&output.stderr));
        serde_json::from_slice::<serde_json::Value>(&output.stdout).expect("JSON")
    };
    let cases = ask(&["cases"]);
    let cases = cases.as_array().unwrap();
    assert!(cases.len() >= 2, "the generator opens a few complex cases per region: {cases:?}");
    assert!(cases.iter().all(|case| (1..=6).contains(&case["step"].as_u64().unwrap()) && case["region"] == "Zeeland"));
    let all = ask(&["tasks"]);
    let overdue = ask(&["tasks", "--overdue"]);
    let (all, overdue) = (all.as_array().unwrap(), overdue.as_array().unwrap());
    assert!(overdue.len() <= all.len());
    assert!(overdue.iter().all(|task| task["overdue"] == true && task["due"].as_str().unwrap() < "2026-06-30"));
    let elsewhere = ask(&["cases", "--region", "Utrecht"]);
    assert_eq!(elsewhere.as_array().unwrap().len(), 0);

    let missing = passend(&["complex", "cases"]);
    assert!(!missing.status.success());
    assert!(text(&missing.stderr).contains("--db"), "{}", text(&missing.stderr));
}
