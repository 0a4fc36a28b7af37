//! The JSON API through the router: who sees what, a full command flow on a
//! generated client, optimistic concurrency, the lists and the inbox, and
//! the OpenAPI document covering every route.

use axum::body::Body;
use axum::http::{Request, header};
use jiff::Timestamp;
use passend_domain::codes::Region;
use passend_web::{Actor, Role};
use serde_json::{Value, json};

use crate::support::{REGION, TestApp, TestResponse, spawn_app};

/// Asserts a problem document with the status, and returns it.
pub fn problem(response: &TestResponse, status: u16) -> Value {
    assert_eq!(response.status, status, "expected {status}: {}", response.text());
    assert_eq!(response.header("content-type"), Some("application/problem+json"), "{}", response.text());
    let problem = response.json();
    assert_eq!(problem["status"], status);
    assert!(problem["detail_nl"].as_str().is_some_and(|text| !text.is_empty()), "{problem}");
    assert!(problem["type"].as_str().is_some_and(|kind| kind.starts_with("/problems/")), "{problem}");
    problem
}

/// The AGB code of a demo provider account.
pub async fn own_agb(app: &TestApp, token: &str) -> String {
    let me = app.get(token, "/api/v1/me").await.json();
    me["role"]["agb"].as_str().unwrap_or_else(|| panic!("an AGB code in {me}")).to_string()
}

/// The rows of a list route.
pub async fn rows(app: &TestApp, token: &str, path: &str) -> Vec<Value> {
    let response = app.get(token, path).await;
    assert_eq!(response.status, 200, "{path}: {}", response.text());
    response.json()["rows"].as_array().cloned().unwrap_or_default()
}

/// The case document of a client and its version.
pub async fn case(app: &TestApp, token: &str, client: u64) -> (Value, u32) {
    let response = app.get(token, &format!("/api/v1/clients/{client}")).await;
    assert_eq!(response.status, 200, "client {client}: {}", response.text());
    let document = response.json();
    let version = document["version"].as_u64().expect("a version") as u32;
    assert_eq!(response.header("etag"), Some(format!("\"{version}\"").as_str()));
    (document, version)
}

/// A token for an actor that has no demo account, e.g. a zorgkantoor of another region.
pub fn session_for(app: &TestApp, role: Role) -> String {
    let actor = Actor { username: "ander".to_string(), display_name: "Ander".to_string(), role };
    app.state.sessions.start(actor, Timestamp::now()).token
}

/// A waiting client the zorgkantoor sees, with an open case.
async fn some_waiting_client(app: &TestApp, token: &str) -> u64 {
    let rows = rows(app, token, "/api/v1/waiting-list?limit=5").await;
    rows.first().and_then(|row| row["client"].as_u64()).expect("a waiting client")
}

#[tokio::test]
async fn each_role_sees_only_its_own_clients() {
    let app = spawn_app();
    let aanbieder = app.token("aanbieder").await;
    let aanbieder2 = app.token("aanbieder2").await;
    let zorgkantoor = app.token("zorgkantoor").await;

    // A provider does not see a client that only another provider has.
    let mut hidden = None;
    for row in rows(&app, &aanbieder2, "/api/v1/clients?limit=500").await {
        let client = row["client"].as_u64().unwrap();
        let response = app.get(&aanbieder, &format!("/api/v1/clients/{client}")).await;
        if response.status == 403 {
            hidden = Some(response);
            break;
        }
        assert_eq!(response.status, 200, "{}", response.text());
    }
    let hidden = hidden.expect("a client of aanbieder2 that aanbieder does not see");
    let denied = problem(&hidden, 403);
    assert_eq!(denied["detail_nl"], "U heeft geen toegang tot deze cliënt.");
    // Everything in a provider's own list is visible to it.
    let own = rows(&app, &aanbieder, "/api/v1/clients?limit=20").await;
    assert!(!own.is_empty());
    for row in &own {
        case(&app, &aanbieder, row["client"].as_u64().unwrap()).await;
    }

    // The OCO sees exactly the clients who consented to its organisation.
    let oco = app.token("oco").await;
    let consented = rows(&app, &oco, "/api/v1/clients?limit=500").await;
    assert!(!consented.is_empty(), "the generator gives consents to OCO 1");
    for row in consented.iter().take(10) {
        let (document, _) = case(&app, &oco, row["client"].as_u64().unwrap()).await;
        assert_eq!(document["oco_consent"], 1);
        assert_eq!(document["note_party"], "oco");
    }
    let mut refused = 0;
    for row in rows(&app, &zorgkantoor, "/api/v1/clients?limit=30").await {
        let client = row["client"].as_u64().unwrap();
        let (document, _) = case(&app, &zorgkantoor, client).await;
        if document["oco_consent"] != 1 {
            problem(&app.get(&oco, &format!("/api/v1/clients/{client}")).await, 403);
            refused += 1;
        }
    }
    assert!(refused > 0, "most clients did not consent");
    problem(&app.get(&oco, "/api/v1/alerts").await, 403);

    // The analyst sees figures, never a client.
    let analist = app.token("analist").await;
    let client = some_waiting_client(&app, &zorgkantoor).await;
    let denied = problem(&app.get(&analist, &format!("/api/v1/clients/{client}")).await, 403);
    assert_eq!(denied["detail_nl"], "Uw rol ziet alleen geaggregeerde cijfers, geen cliënten.");
    problem(&app.get(&analist, "/api/v1/clients").await, 403);
    problem(&app.get(&analist, "/api/v1/waiting-list").await, 403);
    let counts = app.get(&analist, &format!("/api/v1/regions/{REGION}/counts")).await;
    assert_eq!(counts.status, 200, "{}", counts.text());
    let counts = counts.json();
    assert_eq!(counts["region"]["name"], REGION);
    assert!(counts["total"].as_u64().unwrap() > 0);
    assert_eq!(counts["statuses"].as_array().unwrap().len(), 4);

    // A zorgkantoor of another region sees none of this region.
    let elsewhere = Region::parse("Haaglanden").unwrap();
    let other = session_for(&app, Role::Zorgkantoor { regions: vec![elsewhere] });
    problem(&app.get(&other, &format!("/api/v1/clients/{client}")).await, 403);
    problem(&app.get(&other, &format!("/api/v1/regions/{REGION}/counts")).await, 403);
    problem(&app.get(&other, &format!("/api/v1/alerts?region={REGION}")).await, 403);
    assert_eq!(app.get(&other, "/api/v1/waiting-list").await.json()["total"], 0);
    let (_, version) = case(&app, &zorgkantoor, client).await;
    let write =
        app.post(&other, &format!("/api/v1/clients/{client}/oco-consent"), Some(version), &json!({"oco": 2})).await;
    problem(&write, 403);
    let registration = json!({"region": REGION, "birth_date": "1940-01-01", "name": "Test", "postcode": "7411 AB"});
    problem(&app.post(&other, "/api/v1/clients", None, &registration).await, 403);

    // Without a session there is nothing.
    let anonymous = app.send(Request::get("/api/v1/waiting-list").body(Body::empty()).unwrap()).await;
    problem(&anonymous, 401);
}

/// Finds a client whose dossierhouder is the provider, that has not had its
/// first contact and does not wait yet.
async fn fresh_allocation(app: &TestApp, token: &str) -> u64 {
    let inbox = app.get(token, "/api/v1/alerts?kind=first_contact_overdue&limit=500").await;
    assert_eq!(inbox.status, 200, "{}", inbox.text());
    for row in inbox.json()["rows"].as_array().unwrap() {
        let client = row["client"].as_u64().unwrap();
        let (document, _) = case(app, token, client).await;
        if document["status"].is_null() && document["ended"].is_null() && document["placed_at"].is_null() {
            return client;
        }
    }
    panic!("no allocated client without first contact and status");
}

/// Posts a command with the version and expects the new case.
async fn command(app: &TestApp, token: &str, client: u64, route: &str, version: u32, body: Value) -> (Value, u32) {
    let response = app.post(token, &format!("/api/v1/clients/{client}/{route}"), Some(version), &body).await;
    assert_eq!(response.status, 200, "{route} {body}: {}", response.text());
    let document = response.json();
    let new_version = document["version"].as_u64().unwrap() as u32;
    assert_eq!(response.header("etag"), Some(format!("\"{new_version}\"").as_str()));
    assert!(new_version > version, "{route} raised the version");
    (document, new_version)
}

#[tokio::test]
async fn a_provider_runs_a_case_to_the_second_refusal() {
    let app = spawn_app();
    let token = app.token("aanbieder").await;
    let agb = own_agb(&app, &token).await;
    let client = fresh_allocation(&app, &token).await;
    let locations = app.get(&token, &format!("/api/v1/providers/{agb}/locations")).await.json();
    let location = locations["locations"][0]["location"].as_u64().expect("a location of its own");

    let (document, version) = case(&app, &token, client).await;
    assert_eq!(document["dossierhouder"]["agb"], agb.as_str());
    assert!(document["deadlines"]["first_contact"]["overdue"].as_bool().unwrap());
    assert!(
        document["alerts"].as_array().unwrap().iter().any(|alert| alert["kind"]["token"] == "first_contact_overdue")
    );

    let (document, version) = command(&app, &token, client, "first-contact", version, json!({})).await;
    assert!(document["first_contact_on"].is_string());
    assert!(document["deadlines"]["first_contact"].is_null());
    let status = json!({"status": "wacht_op_voorkeur", "preferences": [{"location": location}], "reason": "Wil dicht bij dochter wonen"});
    let (document, version) = command(&app, &token, client, "wait-status", version, status).await;
    assert_eq!(document["status"]["token"], "wacht_op_voorkeur");
    assert_eq!(document["status"]["label_nl"], "Wacht op voorkeur");
    assert_eq!(document["preferences"][0]["location"], location);
    assert!(document["preferences"][0]["name"].is_string());
    assert!(document["deadlines"]["norm"]["due"].is_string());

    let (document, version) = command(&app, &token, client, "offers", version, json!({"location": location})).await;
    assert_eq!(document["open_offers"][0]["location"]["location"], location);
    let (document, version) =
        command(&app, &token, client, "offers/refusal", version, json!({"location": location})).await;
    assert_eq!(document["status"]["token"], "wacht_op_voorkeur");
    assert_eq!(document["refusals"], 1);
    let (_, version) = command(&app, &token, client, "offers", version, json!({"location": location})).await;
    let (document, version) =
        command(&app, &token, client, "offers/refusal", version, json!({"location": location})).await;
    assert_eq!(document["status"]["token"], "wacht_uit_voorzorg", "the second counted refusal");
    assert_eq!(document["refusals"], 0);

    // The second refusal recorded two events; the document's version is the stream's.
    let (_, current) = case(&app, &token, client).await;
    assert_eq!(current, version);
    let actor = format!("aanbieder:{agb}:aanbieder");
    let timeline = document["timeline"].as_array().unwrap();
    let ours: Vec<&Value> = timeline.iter().filter(|entry| entry["actor"] == actor.as_str()).collect();
    let kinds: Vec<&str> = ours.iter().map(|entry| entry["kind"].as_str().unwrap()).collect();
    assert_eq!(
        kinds,
        [
            "first_contact_registered",
            "wait_status_set",
            "offer_made",
            "offer_refused",
            "offer_made",
            "offer_refused",
            "waiting_time_lapsed"
        ]
    );
    assert!(ours.iter().all(|entry| entry["type"] == "event" && entry["occurred_on"] == "2026-11-02"));
    assert_eq!(ours[1]["reason"], "Wil dicht bij dochter wonen");
    assert_eq!(ours[3]["payload"], json!({"location": location, "weighty_reason": false, "counted": true}));
    let positions: Vec<u64> = timeline.iter().map(|entry| entry["position"].as_u64().unwrap()).collect();
    assert!(positions.is_sorted(), "the timeline is in recorded order");
}

#[tokio::test]
async fn a_stale_or_missing_version_records_nothing() {
    let app = spawn_app();
    let token = app.token("zorgkantoor").await;
    let client = some_waiting_client(&app, &token).await;
    let (_, version) = case(&app, &token, client).await;
    let path = format!("/api/v1/clients/{client}/oco-consent");

    let stale = app.post(&token, &path, Some(version - 1), &json!({"oco": 2})).await;
    let conflict = problem(&stale, 409);
    assert_eq!(conflict["field"], "If-Match");
    assert_eq!(conflict["current"]["version"], version);
    assert_eq!(conflict["current"]["client"], client);
    assert!(conflict["current"]["timeline"].is_array());

    problem(&app.post(&token, &path, None, &json!({"oco": 2})).await, 428);
    let unreadable = app
        .send(
            Request::post(&path)
                .header(header::AUTHORIZATION, format!("Bearer {token}"))
                .header(header::CONTENT_TYPE, "application/json")
                .header(header::IF_MATCH, "\"versie drie\"")
                .body(Body::from(json!({"oco": 2}).to_string()))
                .unwrap(),
        )
        .await;
    assert_eq!(problem(&unreadable, 400)["field"], "If-Match");
    assert_eq!(case(&app, &token, client).await.1, version, "nothing was recorded");

    // The quotes are optional, and the current version works.
    let unquoted = app
        .send(
            Request::post(&path)
                .header(header::AUTHORIZATION, format!("Bearer {token}"))
                .header(header::CONTENT_TYPE, "application/json")
                .header(header::IF_MATCH, version.to_string())
                .body(Body::from(json!({"oco": 2}).to_string()))
                .unwrap(),
        )
        .await;
    assert_eq!(unquoted.status, 200, "{}", unquoted.text());
    assert_eq!(unquoted.json()["oco_consent"], 2);
    // The same version a second time is stale now.
    problem(&app.post(&token, &path, Some(version), &json!({"oco": null})).await, 409);
}

#[tokio::test]
async fn lists_and_the_inbox_stay_in_scope_and_name_bad_parameters() {
    let app = spawn_app();
    let token = app.token("zorgkantoor").await;

    let list = app.get(&token, "/api/v1/waiting-list?limit=50").await;
    assert_eq!(list.status, 200, "{}", list.text());
    let list = list.json();
    assert_eq!(list["limit"], 50);
    let rows = list["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 50);
    assert!(list["total"].as_u64().unwrap() >= 50);
    assert!(rows.iter().all(|row| row["status"]["token"].is_string() && row["region"]["name"] == REGION));
    let urgent =
        app.get(&token, "/api/v1/waiting-list?status=urgent_plaatsen&sort=waiting_since&limit=500").await.json();
    let since: Vec<&str> =
        urgent["rows"].as_array().unwrap().iter().map(|row| row["waiting_since"].as_str().unwrap()).collect();
    assert!(since.is_sorted());
    assert!(urgent["rows"].as_array().unwrap().iter().all(|row| row["status"]["token"] == "urgent_plaatsen"));

    for (path, status, field) in [
        ("/api/v1/waiting-list?stauts=urgent_plaatsen", 400, "stauts"),
        ("/api/v1/waiting-list?q=jansen", 400, "q"),
        ("/api/v1/waiting-list?status=wachtend", 422, "status"),
        ("/api/v1/waiting-list?limit=501", 422, "limit"),
        ("/api/v1/waiting-list?limit=-1", 422, "limit"),
        ("/api/v1/waiting-list?sort=oldest", 422, "sort"),
        ("/api/v1/waiting-list?limit=5&limit=6", 400, "limit"),
        ("/api/v1/clients?waits_for=location:x", 422, "waits_for"),
        ("/api/v1/clients?region=Atlantis", 422, "region"),
        ("/api/v1/alerts?kind=late", 422, "kind"),
        ("/api/v1/alerts?provider=123", 422, "provider"),
        ("/api/v1/clients/abc", 400, "client"),
        ("/api/v1/providers/123/locations", 400, "agb"),
        ("/api/v1/regions/Atlantis/counts", 400, "region"),
    ] {
        assert_eq!(problem(&app.get(&token, path).await, status)["field"], field, "{path}");
    }
    problem(&app.get(&token, "/api/v1/clients/999999").await, 404);
    problem(&app.get(&token, "/api/v1/locations/999999/waiting-list").await, 404);
    problem(&app.get(&token, "/api/v1/providers/99999999/locations").await, 404);

    // Search by client number and by part of a name.
    let client = rows[0]["client"].as_u64().unwrap();
    let found = app.get(&token, &format!("/api/v1/clients?q={client}")).await.json();
    assert_eq!(found["rows"][0]["client"], client);
    let name = rows[0]["name"].as_str().unwrap();
    let part: String = name.split_whitespace().last().unwrap().to_lowercase();
    let by_name = app.get(&token, &format!("/api/v1/clients?q={}", part.replace(' ', "%20"))).await.json();
    assert!(by_name["rows"].as_array().unwrap().iter().any(|row| row["client"] == client), "{part}");

    // A location's waiting list holds the clients who prefer it.
    let aanbieder = app.token("aanbieder").await;
    let agb = own_agb(&app, &aanbieder).await;
    let locations = app.get(&aanbieder, &format!("/api/v1/providers/{agb}/locations")).await.json();
    let mut seen = 0;
    for location in locations["locations"].as_array().unwrap() {
        let id = location["location"].as_u64().unwrap();
        let list = app.get(&aanbieder, &format!("/api/v1/locations/{id}/waiting-list?limit=500")).await;
        assert_eq!(list.status, 200, "{}", list.text());
        let list = list.json();
        assert_eq!(list["provider"]["agb"], agb.as_str());
        for row in list["rows"].as_array().unwrap() {
            assert!(row["preferences"].as_array().unwrap().iter().any(|preference| preference["location"] == id));
            seen += 1;
        }
    }
    assert!(seen > 0, "the provider's locations have waiting clients");

    // The inbox: a zorgkantoor's own region, a provider's own alerts only.
    let inbox = app.get(&token, "/api/v1/alerts?limit=10").await;
    assert_eq!(inbox.status, 200, "{}", inbox.text());
    let inbox = inbox.json();
    let counted: u64 = inbox["counts"].as_array().unwrap().iter().map(|count| count["count"].as_u64().unwrap()).sum();
    assert_eq!(counted, inbox["total"].as_u64().unwrap());
    assert_eq!(inbox["rows"].as_array().unwrap().len(), 10);
    assert!(inbox["rows"].as_array().unwrap().iter().all(|row| row["name"].is_string()));
    let own = app.get(&aanbieder, "/api/v1/alerts?limit=500").await.json();
    assert!(own["rows"].as_array().unwrap().iter().all(|row| row["provider"]["agb"] == agb.as_str()));
    let aanbieder2 = app.token("aanbieder2").await;
    let other_agb = own_agb(&app, &aanbieder2).await;
    problem(&app.get(&aanbieder, &format!("/api/v1/alerts?provider={other_agb}")).await, 403);
    let kind = app.get(&token, "/api/v1/alerts?kind=no_allocation&limit=500").await.json();
    assert!(kind["rows"].as_array().unwrap().iter().all(|row| row["kind"]["token"] == "no_allocation"));
}

#[tokio::test]
async fn a_zorgkantoor_registers_a_client_and_writes_notes() {
    let app = spawn_app();
    let token = app.token("zorgkantoor").await;
    let registration = json!({
        "region": REGION, "birth_date": "1941-03-15", "name": "Geertruida van Dam",
        "bsn": "111222333", "postcode": "7411 AB", "reason": "Aangemeld door huisarts"
    });
    let created = app.post(&token, "/api/v1/clients", None, &registration).await;
    assert_eq!(created.status, 201, "{}", created.text());
    let document = created.json();
    let client = document["client"].as_u64().unwrap();
    assert_eq!(created.header("location"), Some(format!("/api/v1/clients/{client}").as_str()));
    assert_eq!(created.header("etag"), Some("\"1\""));
    assert_eq!((document["name"].as_str(), document["age"].as_u64()), (Some("Geertruida van Dam"), Some(85)));
    assert_eq!(document["timeline"][0]["kind"], "client_registered");

    for (body, field) in [
        (json!({"region": "Atlantis", "birth_date": "1941-03-15", "name": "X", "postcode": "7411"}), "region"),
        (json!({"region": REGION, "birth_date": "2030-01-01", "name": "X", "postcode": "7411"}), "birth_date"),
        (json!({"region": REGION, "birth_date": "1941-03-15", "name": " ", "postcode": "7411"}), "name"),
        (
            json!({"region": REGION, "birth_date": "1941-03-15", "name": "X", "bsn": "123456789", "postcode": "7411"}),
            "bsn",
        ),
        (json!({"region": REGION, "birth_date": "1941-03-15", "name": "X"}), "postcode"),
        (json!({"region": REGION, "birth_date": "1941-03-15", "name": "X", "lat": 52.1}), "lon"),
        (json!({"region": REGION, "birth_date": "15-03-1941", "name": "X", "postcode": "7411"}), "birth_date"),
    ] {
        assert_eq!(problem(&app.post(&token, "/api/v1/clients", None, &body).await, 422)["field"], field, "{body}");
    }
    let aanbieder = app.token("aanbieder").await;
    problem(&app.post(&aanbieder, "/api/v1/clients", None, &registration).await, 403);

    // Notes: the OCO reads the notes for everyone, not the professionals'.
    let oco = app.token("oco").await;
    let consented = rows(&app, &oco, "/api/v1/clients?limit=1").await;
    let client = consented[0]["client"].as_u64().unwrap();
    let path = format!("/api/v1/clients/{client}/notes");
    let written =
        app.post(&token, &path, None, &json!({"text": "  Gebeld met dochter. ", "audience": "everyone"})).await;
    assert_eq!(written.status, 201, "{}", written.text());
    let note = written.json();
    assert_eq!((note["text"].as_str(), note["party"].as_str()), (Some("Gebeld met dochter."), Some("zorgkantoor")));
    let number = note["number"].as_u64().unwrap();
    let internal = json!({"text": "Intern overleg", "audience": "professionals", "reply_to": number});
    assert_eq!(app.post(&token, &path, None, &internal).await.status, 201);
    let reply =
        app.post(&oco, &path, None, &json!({"text": "Dank u", "audience": "everyone", "reply_to": number})).await;
    assert_eq!(reply.status, 201, "{}", reply.text());
    assert_eq!(reply.json()["party"], "oco");
    let (document, _) = case(&app, &oco, client).await;
    let texts: Vec<&str> = document["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|entry| entry["type"] == "note")
        .map(|entry| entry["text"].as_str().unwrap())
        .collect();
    assert!(texts.contains(&"Gebeld met dochter.") && texts.contains(&"Dank u"));
    assert!(!texts.contains(&"Intern overleg"));

    for (body, field) in [
        (json!({"text": "", "audience": "everyone"}), "text"),
        (json!({"text": "x", "audience": "iedereen"}), "audience"),
        (json!({"text": "x", "audience": "everyone", "reply_to": 999}), "reply_to"),
        (json!({"text": "x".repeat(4001), "audience": "everyone"}), "text"),
    ] {
        assert_eq!(problem(&app.post(&token, &path, None, &body).await, 422)["field"], field, "{body}");
    }
    let outside = json!({"text": "x", "audience": "professionals"});
    assert_eq!(problem(&app.post(&oco, &path, None, &outside).await, 422)["field"], "audience");
}

/// Every route the API must offer, as (method, path) in the OpenAPI document.
const EXPECTED_ROUTES: [(&str, &str); 48] = [
    ("post", "/api/v1/session"),
    ("delete", "/api/v1/session"),
    ("get", "/api/v1/me"),
    ("get", "/api/v1/clients"),
    ("post", "/api/v1/clients"),
    ("get", "/api/v1/clients/{client}"),
    ("post", "/api/v1/clients/{client}/indication"),
    ("post", "/api/v1/clients/{client}/allocation"),
    ("post", "/api/v1/clients/{client}/allocation/return"),
    ("post", "/api/v1/clients/{client}/first-contact"),
    ("post", "/api/v1/clients/{client}/wait-status"),
    ("post", "/api/v1/clients/{client}/offers"),
    ("post", "/api/v1/clients/{client}/offers/refusal"),
    ("post", "/api/v1/clients/{client}/offers/acceptance"),
    ("post", "/api/v1/clients/{client}/admission"),
    ("post", "/api/v1/clients/{client}/content-with-current"),
    ("post", "/api/v1/clients/{client}/care-refusal"),
    ("post", "/api/v1/clients/{client}/care-refusal/decision"),
    ("post", "/api/v1/clients/{client}/care-end"),
    ("post", "/api/v1/clients/{client}/oco-consent"),
    ("post", "/api/v1/clients/{client}/living-profile"),
    ("post", "/api/v1/clients/{client}/notes"),
    ("get", "/api/v1/clients/{client}/places"),
    ("get", "/api/v1/locations"),
    ("put", "/api/v1/locations/{location}/free-places"),
    ("delete", "/api/v1/locations/{location}/free-places"),
    ("put", "/api/v1/locations/{location}/closure"),
    ("delete", "/api/v1/locations/{location}/closure"),
    ("put", "/api/v1/locations/{location}/context"),
    ("get", "/api/v1/locations/{location}/candidates"),
    ("put", "/api/v1/providers/{agb}/contract"),
    ("get", "/api/v1/regions/{region}/proposal"),
    ("get", "/api/v1/waiting-list"),
    ("get", "/api/v1/locations/{location}/waiting-list"),
    ("get", "/api/v1/providers/{agb}/locations"),
    ("get", "/api/v1/regions/{region}/counts"),
    ("get", "/api/v1/alerts"),
    ("get", "/api/v1/complex-cases"),
    ("post", "/api/v1/clients/{client}/complex-case"),
    ("get", "/api/v1/complex-cases/{case}"),
    ("post", "/api/v1/complex-cases/{case}/commands"),
    ("get", "/api/v1/tasks"),
    ("get", "/api/v1/signals"),
    ("post", "/api/v1/signals"),
    ("get", "/api/v1/signals/patterns"),
    ("get", "/api/v1/signals/{signal}"),
    ("post", "/api/v1/signals/{signal}/contact"),
    ("post", "/api/v1/signals/{signal}/close"),
];

#[tokio::test]
async fn the_openapi_document_describes_every_route_and_every_route_answers() {
    let app = spawn_app();
    let response = app.send(Request::get("/api/openapi.json").body(Body::empty()).unwrap()).await;
    assert_eq!(response.status, 200);
    let document = response.json();
    let paths = document["paths"].as_object().expect("paths");

    let mut documented: Vec<(String, String)> = Vec::new();
    for (path, item) in paths {
        for method in ["get", "post", "put", "patch", "delete"] {
            if let Some(operation) = item.get(method) {
                assert!(operation["tags"].as_array().is_some_and(|tags| !tags.is_empty()), "{method} {path} has a tag");
                assert!(operation["responses"].as_object().is_some_and(|r| !r.is_empty()), "{method} {path}");
                documented.push((method.to_string(), path.clone()));
            }
        }
    }
    for (method, path) in EXPECTED_ROUTES {
        assert!(documented.contains(&(method.to_string(), path.to_string())), "{method} {path} is not documented");
    }
    assert!(documented.iter().all(|(_, path)| path.starts_with("/api/")), "{documented:?}");
    for command in
        passend_web::api::commands::COMMAND_PATHS.iter().chain(&passend_web::api::complex_cases::COMMAND_PATHS)
    {
        assert!(documented.contains(&("post".to_string(), command.to_string())), "{command}");
        let request = &paths[*command]["post"];
        assert!(request["requestBody"]["content"]["application/json"]["schema"].is_object(), "{command}");
    }
    for schema in ["CaseDocument", "ClientList", "ClientRow", "Problem", "AlertInbox", "WaitStatusBody"] {
        assert!(document["components"]["schemas"][schema].is_object(), "schema {schema}");
    }

    // Every documented route is served: nothing answers "no such route" (a
    // bare 404) or "wrong method" (405).
    let zorgkantoor = app.token("zorgkantoor").await;
    let aanbieder = app.token("aanbieder").await;
    let agb = own_agb(&app, &aanbieder).await;
    let client = some_waiting_client(&app, &zorgkantoor).await;
    for (method, path) in &documented {
        let concrete = path
            .replace("{client}", &client.to_string())
            .replace("{location}", "1")
            .replace("{agb}", &agb)
            .replace("{region}", REGION)
            .replace("{case}", "1")
            .replace("{signal}", "1");
        // Signing out ends the session it is sent with: give it one of its own.
        let token = if method == "delete" { app.token("zorgkantoor").await } else { zorgkantoor.clone() };
        let request = Request::builder()
            .method(method.to_uppercase().as_str())
            .uri(&concrete)
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::IF_MATCH, "\"0\"")
            .body(Body::from("{}"))
            .unwrap();
        let response = app.send(request).await;
        assert_ne!(response.status, 405, "{method} {concrete}");
        assert_ne!(response.status, 500, "{method} {concrete}: {}", response.text());
        if response.status == 404 {
            assert_eq!(response.header("content-type"), Some("application/problem+json"), "{method} {concrete}");
        }
    }
}
