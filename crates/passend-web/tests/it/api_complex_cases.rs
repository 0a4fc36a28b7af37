//! Complex cases and the signals register through the API: who sees a case,
//! who runs which step, the task list of each organisation, and the rules'
//! refusals with their Dutch reasons.

use serde_json::{Value, json};

use crate::api::{case, own_agb, problem};
use crate::support::{TestApp, spawn_app};

/// A living client of the provider account `aanbieder` without a complex case.
async fn client_of_provider(app: &TestApp, provider: &str) -> u64 {
    let summaries = app.state.passend.projected_summaries().unwrap();
    summaries
        .iter()
        .find(|summary| {
            summary.dossierhouder.is_some_and(|agb| agb.to_string() == provider)
                && summary.ended_on.is_none()
                && summary.placed_at.is_some()
                && app.state.passend.complex_cases_of(summary.client).unwrap().is_empty()
        })
        .map(|summary| u64::from(summary.client.0))
        .expect("a client in care of the provider")
}

async fn command(app: &TestApp, token: &str, id: u64, version: u64, body: Value) -> crate::support::TestResponse {
    app.post(token, &format!("/api/v1/complex-cases/{id}/commands"), Some(version as u32), &body).await
}

fn version(document: &Value) -> u64 {
    document["version"].as_u64().expect("a version")
}

#[tokio::test]
async fn a_complex_case_runs_from_early_warning_to_hand_over_with_each_party_in_its_role() {
    let app = spawn_app();
    let zorgkantoor = app.token("zorgkantoor").await;
    let aanbieder = app.token("aanbieder").await;
    let aanbieder2 = app.token("aanbieder2").await;
    let oco = app.token("oco").await;
    let analist = app.token("analist").await;
    let provider = own_agb(&app, &aanbieder).await;
    let other_provider = own_agb(&app, &aanbieder2).await;
    let client = client_of_provider(&app, &provider).await;

    // The client consents to OCO 1 before the case opens: the OCO is a party.
    let (_, client_version) = case(&app, &zorgkantoor, client).await;
    let consent = app
        .post(&zorgkantoor, &format!("/api/v1/clients/{client}/oco-consent"), Some(client_version), &json!({"oco": 1}))
        .await;
    assert_eq!(consent.status, 200, "{}", consent.text());

    let open_path = format!("/api/v1/clients/{client}/complex-case");
    let opened = app.post(&zorgkantoor, &open_path, None, &json!({"reasons": "Agressie neemt toe"})).await;
    assert_eq!(opened.status, 201, "{}", opened.text());
    let document = opened.json();
    let id = document["case"].as_u64().unwrap();
    assert_eq!(opened.header("location"), Some(format!("/api/v1/complex-cases/{id}").as_str()));
    assert_eq!(document["step"]["number"], 2);
    assert_eq!(document["responsible_for_care"], provider.as_str());
    assert!(document["tasks"].as_array().unwrap().iter().any(|task| task["id"] == "2.2"));
    let again = app.post(&zorgkantoor, &open_path, None, &json!({"reasons": "Nog eens"})).await;
    assert_eq!(problem(&again, 409)["field"], "client");

    // The dossierhouder sees its tasks; another provider and the analyst see nothing.
    let tasks = app.get(&aanbieder, "/api/v1/tasks").await.json();
    let own: Vec<&Value> = tasks["tasks"].as_array().unwrap().iter().filter(|task| task["case"] == id).collect();
    assert_eq!(
        own.iter().map(|task| task["task"].as_str().unwrap()).collect::<Vec<_>>(),
        vec!["2.2", "2.4", "2.3"],
        "earliest due first"
    );
    problem(&app.get(&aanbieder2, &format!("/api/v1/complex-cases/{id}")).await, 403);
    problem(&app.get(&analist, &format!("/api/v1/complex-cases/{id}")).await, 403);
    let listed = app.get(&oco, "/api/v1/complex-cases").await.json();
    assert!(listed["cases"].as_array().unwrap().iter().any(|row| row["case"] == id && row["party"] == "oco"));

    // Step 2 closes only on the dossierhouder's finding.
    let v = version(&document);
    let advance = json!({"command": "advance_step", "to": 3, "decision": "Plek past niet meer"});
    let refused = problem(&command(&app, &zorgkantoor, id, v, advance.clone()).await, 422);
    assert!(refused["detail_nl"].as_str().unwrap().contains("Stap 2 sluit pas"), "{refused}");
    let unfit = json!({"command": "declare_place_unfit", "explanation": "COT ingezet zonder effect"});
    problem(&command(&app, &zorgkantoor, id, v, unfit.clone()).await, 403);
    let done = json!({"command": "update_task", "task": "2.2", "status": "done", "note": "Zorgkantoor gebeld"});
    problem(&command(&app, &zorgkantoor, id, v, done.clone()).await, 403);
    let after = command(&app, &aanbieder, id, v, done).await;
    assert_eq!(after.status, 200, "{}", after.text());
    let v = version(&after.json());
    let stale = command(&app, &aanbieder, id, v - 1, unfit.clone()).await;
    problem(&stale, 409);
    let v = version(&command(&app, &aanbieder, id, v, unfit).await.json());
    let document = command(&app, &zorgkantoor, id, v, advance).await.json();
    assert_eq!(document["step"]["number"], 3);
    let back = json!({"command": "advance_step", "to": 2, "decision": "Terug"});
    let refused = problem(&command(&app, &zorgkantoor, id, version(&document), back).await, 422);
    assert!(refused["detail_nl"].as_str().unwrap().contains("alleen vooruit"), "{refused}");

    // The first round is the dossierhouder's; the zorgkantoor's second round is seen by everyone.
    let approach = |round: &str| json!({"command": "approach_provider", "round": round, "provider": other_provider, "information": "Persoonsbeeld"});
    problem(&command(&app, &zorgkantoor, id, version(&document), approach("first")).await, 403);
    // A round seeded from Plek zoeken needs a waiting client; this one is in care.
    let seed = json!({"command": "seed_round", "round": "first", "k": 3});
    let refused = problem(&command(&app, &aanbieder, id, version(&document), seed).await, 422);
    assert!(refused["detail_nl"].as_str().unwrap().contains("wacht niet"), "{refused}");
    let document = command(&app, &aanbieder, id, version(&document), approach("first")).await.json();
    let answer = json!({"command": "record_answer", "round": "first", "provider": other_provider,
        "answer": {"kind": "refused", "reason": "Geen expertise"}});
    let document = command(&app, &aanbieder, id, version(&document), answer).await.json();
    let skip = json!({"command": "advance_step", "to": 5, "decision": "Om tafel", "skipped": "Tweede ronde zinloos"});
    let document = command(&app, &zorgkantoor, id, version(&document), skip).await.json();
    assert_eq!(document["steps"].as_array().unwrap().last().unwrap()["skipped"], "Tweede ronde zinloos");
    let seen = app.get(&oco, &format!("/api/v1/complex-cases/{id}")).await.json();
    assert_eq!(seen["registrations"][0]["answer"]["answer"]["reason"], "Geen expertise");

    // Escalation needs a warm hand-over; closing hands care over.
    let escalate = json!({"command": "escalate", "reason": "Geen plek", "handover_confirmed": false});
    let refused = problem(&command(&app, &zorgkantoor, id, version(&document), escalate).await, 422);
    assert!(refused["detail_nl"].as_str().unwrap().contains("warm"), "{refused}");
    let close = json!({"command": "close", "reason": "Overgedragen",
        "outcome": {"kind": "care_handed_over", "provider": other_provider}});
    problem(&command(&app, &aanbieder, id, version(&document), close.clone()).await, 403);
    let closed = command(&app, &zorgkantoor, id, version(&document), close).await.json();
    assert_eq!(closed["responsible_for_care"], other_provider.as_str());
    assert_eq!(closed["closure"]["outcome"]["kind"], "care_handed_over");
    let tasks = app.get(&aanbieder, "/api/v1/tasks").await.json();
    assert!(
        tasks["tasks"].as_array().unwrap().iter().all(|task| task["case"] != id),
        "nothing is due in a closed case"
    );

    // Bad input names the field.
    let unknown = json!({"command": "update_task", "task": "3.1", "status": "klaar"});
    assert_eq!(problem(&command(&app, &aanbieder, id, version(&closed), unknown).await, 422)["field"], "status");
    problem(&app.post(&zorgkantoor, &format!("/api/v1/complex-cases/{id}/commands"), None, &json!({})).await, 428);
}

#[tokio::test]
async fn signals_are_recorded_contacted_with_consent_closed_and_counted() {
    let app = spawn_app();
    let zorgkantoor = app.token("zorgkantoor").await;
    let aanbieder = app.token("aanbieder").await;
    let report = |topic: &str| {
        json!({"person": "mevrouw J.", "reporter": "ziekenhuis", "topic": topic, "domain": "wlz",
            "responsible": "zorgkantoor", "responsible_name": "Zorgkantoor", "asked_to_contact_first": true})
    };
    problem(&app.post(&aanbieder, "/api/v1/signals", None, &report("x")).await, 403);
    let recorded = app.post(&zorgkantoor, "/api/v1/signals", None, &report("Geen plek na ontslag")).await;
    assert_eq!(recorded.status, 201, "{}", recorded.text());
    let id = recorded.json()["signal"].as_u64().unwrap();
    app.post(&zorgkantoor, "/api/v1/signals", None, &report(" geen plek na ontslag ")).await;
    let wrong = json!({"person": "x", "reporter": "x", "topic": "x", "domain": "belasting",
        "responsible": "zorgkantoor", "responsible_name": "x", "asked_to_contact_first": false});
    assert_eq!(problem(&app.post(&zorgkantoor, "/api/v1/signals", None, &wrong).await, 422)["field"], "domain");

    let contact = format!("/api/v1/signals/{id}/contact");
    let refused = app.post(&zorgkantoor, &contact, None, &json!({"consent": false, "contact": "bestuur"})).await;
    assert!(problem(&refused, 422)["detail_nl"].as_str().unwrap().contains("instemt"));
    let contacted = app.post(&zorgkantoor, &contact, None, &json!({"consent": true, "contact": "teamleider"})).await;
    assert_eq!(contacted.json()["contacts"], json!(["teamleider"]));
    let closed =
        app.post(&zorgkantoor, &format!("/api/v1/signals/{id}/close"), None, &json!({"outcome": "Opgelost"})).await;
    assert_eq!(closed.json()["open"], false);

    let patterns = app.get(&zorgkantoor, "/api/v1/signals/patterns").await.json();
    assert_eq!(patterns["total"], 2);
    assert_eq!(patterns["by_domain"]["wlz"], 2);
    assert_eq!(patterns["by_topic"]["geen plek na ontslag"], 2, "{patterns}");
    problem(&app.get(&zorgkantoor, "/api/v1/signals/99").await, 404);
}
