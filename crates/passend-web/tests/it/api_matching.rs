//! The supply register and the matcher through the API: a provider keeps
//! its own locations' free places and waiting list, a zorgkantoor records
//! contracts, and the three matching questions answer with their reasons,
//! each to whom the policy lets see it; stale reports reach the werkvoorraad.

use axum::body::Body;
use axum::http::{Request, header};
use passend_domain::codes::Region;
use passend_web::Role;
use serde_json::{Value, json};

use crate::api::{case, own_agb, problem, rows, session_for};
use crate::support::{REGION, TestApp, TestResponse, spawn_app};

/// PUT or DELETE of a JSON body with a bearer token.
async fn send(app: &TestApp, method: &str, token: &str, path: &str, body: Option<Value>) -> TestResponse {
    let request = Request::builder()
        .method(method)
        .uri(path)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(body.map_or_else(Body::empty, |body| Body::from(body.to_string())))
        .unwrap();
    app.send(request).await
}

/// The supply row of a location.
async fn location_row(app: &TestApp, token: &str, location: u64) -> Value {
    let all = rows(app, token, "/api/v1/locations?limit=500").await;
    all.into_iter().find(|row| row["location"] == location).expect("the location is listed")
}

/// The first location of a provider and one of another provider.
async fn own_and_other_location(app: &TestApp, token: &str) -> (u64, u64, Value) {
    let agb = own_agb(app, token).await;
    let all = rows(app, token, "/api/v1/locations?limit=500").await;
    let own = all.iter().find(|row| row["provider"]["agb"] == agb.as_str()).expect("an own location").clone();
    let other = all.iter().find(|row| row["provider"]["agb"] != agb.as_str()).expect("another location");
    (own["location"].as_u64().unwrap(), other["location"].as_u64().unwrap(), own)
}

#[tokio::test]
async fn a_provider_keeps_the_free_places_and_waiting_list_of_its_own_locations() {
    let app = spawn_app();
    let aanbieder = app.token("aanbieder").await;
    let zorgkantoor = app.token("zorgkantoor").await;
    let (own, other, row) = own_and_other_location(&app, &aanbieder).await;
    let capacity = row["capacity"].as_u64().unwrap();
    let path = format!("/api/v1/locations/{own}/free-places");

    let report = json!({"free": 2, "occupied": capacity - 2, "reported_on": "2026-11-02"});
    let response = send(&app, "PUT", &aanbieder, &path, Some(report)).await;
    assert_eq!(response.status, 204, "{}", response.text());
    let listed = location_row(&app, &zorgkantoor, own).await;
    assert_eq!(listed["free_places"]["free"], 2);
    assert_eq!(listed["free_places"]["stale"], false);
    let free_only = rows(&app, &zorgkantoor, "/api/v1/locations?free=true&limit=500").await;
    assert!(free_only.iter().any(|row| row["location"] == own));
    assert!(free_only.iter().all(|row| row["free_places"]["free"].as_u64().unwrap_or(0) > 0));

    // Bad input names what is wrong, and nothing changes.
    let too_many = json!({"free": 2, "occupied": capacity});
    assert_eq!(problem(&send(&app, "PUT", &aanbieder, &path, Some(too_many)).await, 422)["type"], "/problems/rejected");
    let negative = send(&app, "PUT", &aanbieder, &path, Some(json!({"free": -1}))).await;
    assert_eq!(problem(&negative, 422)["field"], "free");
    let future = send(&app, "PUT", &aanbieder, &path, Some(json!({"free": 1, "reported_on": "2026-11-03"}))).await;
    assert_eq!(problem(&future, 422)["field"], "reported_on");
    assert_eq!(location_row(&app, &zorgkantoor, own).await["free_places"]["free"], 2);

    // Only the provider, and only for its own locations.
    let elsewhere = format!("/api/v1/locations/{other}/free-places");
    problem(&send(&app, "PUT", &aanbieder, &elsewhere, Some(json!({"free": 1}))).await, 403);
    problem(&send(&app, "PUT", &zorgkantoor, &path, Some(json!({"free": 1}))).await, 403);
    problem(
        &send(&app, "PUT", &aanbieder, "/api/v1/locations/999999/free-places", Some(json!({"free": 1}))).await,
        404,
    );

    // A waiting list closes only with a reason.
    let closure = format!("/api/v1/locations/{own}/closure");
    problem(&send(&app, "PUT", &aanbieder, &closure, Some(json!({"reason": "  "}))).await, 422);
    assert!(location_row(&app, &zorgkantoor, own).await["closed"].is_null());
    let closed = send(&app, "PUT", &aanbieder, &closure, Some(json!({"reason": "Verbouwing tot maart"}))).await;
    assert_eq!(closed.status, 204, "{}", closed.text());
    assert_eq!(location_row(&app, &zorgkantoor, own).await["closed"]["reason"], "Verbouwing tot maart");
    assert_eq!(send(&app, "DELETE", &aanbieder, &closure, None).await.status, 204);
    problem(&send(&app, "DELETE", &aanbieder, &closure, None).await, 422);

    // Context tags must be context tags.
    let context = format!("/api/v1/locations/{own}/context");
    problem(&send(&app, "PUT", &aanbieder, &context, Some(json!({"context": ["dementie"]}))).await, 422);
    let recorded = send(&app, "PUT", &aanbieder, &context, Some(json!({"context": ["partneropname"]}))).await;
    assert_eq!(recorded.status, 204, "{}", recorded.text());
    assert_eq!(location_row(&app, &zorgkantoor, own).await["context"], json!(["partneropname"]));

    // Withdrawn: no report until the next.
    assert_eq!(send(&app, "DELETE", &aanbieder, &path, None).await.status, 204);
    assert!(location_row(&app, &zorgkantoor, own).await["free_places"].is_null());
}

#[tokio::test]
async fn contracts_are_recorded_by_a_zorgkantoor_with_known_codes() {
    let app = spawn_app();
    let aanbieder = app.token("aanbieder").await;
    let zorgkantoor = app.token("zorgkantoor").await;
    let agb = own_agb(&app, &aanbieder).await;
    let path = format!("/api/v1/providers/{agb}/contract");
    let contract = json!({"regions": [REGION], "care_profiles": ["5VV", "6VV"]});
    let response = send(&app, "PUT", &zorgkantoor, &path, Some(contract.clone())).await;
    assert_eq!(response.status, 204, "{}", response.text());
    problem(&send(&app, "PUT", &aanbieder, &path, Some(contract)).await, 403);
    let unknown = json!({"regions": [REGION, "Atlantis"], "care_profiles": ["5VV"]});
    assert_eq!(problem(&send(&app, "PUT", &zorgkantoor, &path, Some(unknown)).await, 422)["field"], "regions[1]");
    let none = json!({"regions": [REGION], "care_profiles": []});
    problem(&send(&app, "PUT", &zorgkantoor, &path, Some(none)).await, 422);
}

/// A waiting client the zorgkantoor sees who has places to rank.
async fn client_with_places(app: &TestApp, token: &str) -> (u64, Value) {
    for row in rows(app, token, "/api/v1/waiting-list?limit=50").await {
        let client = row["client"].as_u64().unwrap();
        let response = app.get(token, &format!("/api/v1/clients/{client}/places?k=5")).await;
        assert_eq!(response.status, 200, "{}", response.text());
        let answer = response.json();
        if !answer["places"].as_array().unwrap().is_empty() {
            return (client, answer);
        }
    }
    panic!("no waiting client has a fitting place in the generated region");
}

#[tokio::test]
async fn places_for_a_client_come_ranked_with_every_term_and_the_reasons_for_the_rest() {
    let app = spawn_app();
    let zorgkantoor = app.token("zorgkantoor").await;
    let (client, answer) = client_with_places(&app, &zorgkantoor).await;
    let places = answer["places"].as_array().unwrap();
    assert!(places.len() <= 5);
    let totals: Vec<i64> = places.iter().map(|place| place["score"]["total"].as_i64().unwrap()).collect();
    assert!(totals.windows(2).all(|pair| pair[0] >= pair[1]), "best first: {totals:?}");
    for place in places {
        let terms = place["score"]["terms"].as_array().unwrap();
        let sum: i64 = terms.iter().map(|term| term["points"].as_i64().unwrap()).sum();
        assert_eq!(sum, place["score"]["total"].as_i64().unwrap(), "the terms add up: {place}");
        assert!(terms.iter().all(|term| term["label_nl"].is_string() && term["input_nl"].is_string()));
    }
    let groups = answer["excluded"].as_array().unwrap();
    let counted: u64 = groups.iter().map(|group| group["count"].as_u64().unwrap()).sum();
    assert_eq!(counted, answer["excluded_total"].as_u64().unwrap());
    assert!(groups.iter().all(|group| group["message_nl"].as_str().is_some_and(|text| text.ends_with('.'))));

    // A maximum distance in the living profile moves every farther place to "waarom niet".
    let (_, version) = case(&app, &zorgkantoor, client).await;
    let profile = app
        .post(
            &zorgkantoor,
            &format!("/api/v1/clients/{client}/living-profile"),
            Some(version),
            &json!({"max_distance_km": 5}),
        )
        .await;
    assert_eq!(profile.status, 200, "{}", profile.text());
    let near = app.get(&zorgkantoor, &format!("/api/v1/clients/{client}/places?k=100")).await.json();
    assert!(near["places"].as_array().unwrap().iter().all(|place| place["km"].as_f64().unwrap() <= 5.0), "{near}");
    assert_eq!(near["client"]["max_km"], 5);

    // Who may not see the client gets nothing; bad parameters are named.
    let stranger = session_for(&app, Role::Zorgkantoor { regions: vec![Region::parse("Amsterdam").unwrap()] });
    problem(&app.get(&stranger, &format!("/api/v1/clients/{client}/places")).await, 403);
    assert_eq!(
        problem(&app.get(&zorgkantoor, &format!("/api/v1/clients/{client}/places?k=1000")).await, 422)["field"],
        "k"
    );
    problem(&app.get(&zorgkantoor, "/api/v1/clients/999999/places").await, 404);
}

#[tokio::test]
async fn a_client_who_is_not_waiting_has_no_places_to_search() {
    let app = spawn_app();
    let zorgkantoor = app.token("zorgkantoor").await;
    let placed = rows(&app, &zorgkantoor, "/api/v1/clients?sort=client&limit=500")
        .await
        .into_iter()
        .find(|row| row["status"].is_null())
        .expect("a client without a waiting status");
    let client = placed["client"].as_u64().unwrap();
    let response = app.get(&zorgkantoor, &format!("/api/v1/clients/{client}/places")).await;
    assert_eq!(problem(&response, 422)["field"], "client");
}

#[tokio::test]
async fn persons_for_a_location_are_in_the_default_order_and_only_visible_ones_are_named() {
    let app = spawn_app();
    let aanbieder = app.token("aanbieder").await;
    let zorgkantoor = app.token("zorgkantoor").await;
    let (own, other, _) = own_and_other_location(&app, &aanbieder).await;
    let as_provider = app.get(&aanbieder, &format!("/api/v1/locations/{own}/candidates")).await;
    assert_eq!(as_provider.status, 200, "{}", as_provider.text());
    let as_provider = as_provider.json();
    let as_office = app.get(&zorgkantoor, &format!("/api/v1/locations/{own}/candidates")).await.json();
    let count = |answer: &Value| {
        answer["candidates"].as_array().unwrap().len() as u64 + answer["not_visible"].as_u64().unwrap()
    };
    assert_eq!(count(&as_provider), count(&as_office), "the same persons fit, whoever asks");
    for candidate in as_provider["candidates"].as_array().unwrap() {
        let client = candidate["client"].as_u64().unwrap();
        assert_eq!(
            app.get(&aanbieder, &format!("/api/v1/clients/{client}")).await.status,
            200,
            "named only when visible"
        );
    }
    let positions: Vec<u64> =
        as_office["candidates"].as_array().unwrap().iter().map(|c| c["position"].as_u64().unwrap()).collect();
    assert_eq!(positions, (1..=positions.len() as u64).collect::<Vec<_>>());
    problem(&app.get(&aanbieder, &format!("/api/v1/locations/{other}/candidates")).await, 403);
    problem(&app.get(&zorgkantoor, "/api/v1/locations/999999/candidates").await, 404);
}

#[tokio::test]
async fn the_region_proposal_is_for_its_zorgkantoor_and_accounts_for_every_person() {
    let app = spawn_app();
    let zorgkantoor = app.token("zorgkantoor").await;
    let response = app.get(&zorgkantoor, &format!("/api/v1/regions/{REGION}/proposal")).await;
    assert_eq!(response.status, 200, "{}", response.text());
    let proposal = response.json();
    let placed = proposal["placed"].as_array().unwrap();
    let unplaced: usize =
        proposal["unplaced"].as_array().unwrap().iter().map(|group| group["clients"].as_array().unwrap().len()).sum();
    assert_eq!(placed.len() + unplaced, proposal["persons"].as_u64().unwrap() as usize, "every person accounted for");
    let total: i64 = placed.iter().map(|pair| pair["score"].as_i64().unwrap()).sum();
    assert_eq!(total, proposal["total_score"].as_i64().unwrap());
    let shortage: u64 =
        proposal["shortage"].as_array().unwrap().iter().map(|cell| cell["persons"].as_u64().unwrap()).sum();
    let short: usize = proposal["unplaced"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|group| group["shortage"] == true)
        .map(|group| group["clients"].as_array().unwrap().len())
        .sum();
    assert_eq!(shortage as usize, short);

    let aanbieder = app.token("aanbieder").await;
    problem(&app.get(&aanbieder, &format!("/api/v1/regions/{REGION}/proposal")).await, 403);
    let stranger = session_for(&app, Role::Zorgkantoor { regions: vec![Region::parse("Amsterdam").unwrap()] });
    problem(&app.get(&stranger, &format!("/api/v1/regions/{REGION}/proposal")).await, 403);
}

#[tokio::test]
async fn a_report_older_than_the_policy_term_is_flagged_stale() {
    let app = spawn_app();
    let aanbieder = app.token("aanbieder").await;
    let (own, _, _) = own_and_other_location(&app, &aanbieder).await;
    let path = format!("/api/v1/locations/{own}/free-places");
    // Today is 2026-11-02; the default term is 14 days. An older report
    // never replaces a newer one, so start without one.
    send(&app, "DELETE", &aanbieder, &path, None).await;
    let old = send(&app, "PUT", &aanbieder, &path, Some(json!({"free": 1, "reported_on": "2026-10-18"}))).await;
    assert_eq!(old.status, 204, "{}", old.text());
    let row = location_row(&app, &aanbieder, own).await;
    assert_eq!((row["free_places"]["stale"].clone(), row["free_places"]["age_days"].clone()), (json!(true), json!(15)));
    let stale = rows(&app, &aanbieder, "/api/v1/locations?stale=true&limit=500").await;
    assert!(stale.iter().any(|row| row["location"] == own));
    assert!(stale.iter().all(|row| row["free_places"]["stale"] == true));

    send(&app, "PUT", &aanbieder, &path, Some(json!({"free": 1, "reported_on": "2026-10-19"}))).await;
    assert_eq!(location_row(&app, &aanbieder, own).await["free_places"]["stale"], false, "14 days old is still fresh");
    let stale = rows(&app, &aanbieder, "/api/v1/locations?stale=true&limit=500").await;
    assert!(stale.iter().all(|row| row["location"] != own));
}

#[tokio::test]
async fn stale_reports_are_in_the_werkvoorraad_of_the_provider_and_the_zorgkantoor() {
    let app = spawn_app();
    let aanbieder = app.token("aanbieder").await;
    let zorgkantoor = app.token("zorgkantoor").await;
    let (own, _, _) = own_and_other_location(&app, &aanbieder).await;
    let path = format!("/api/v1/locations/{own}/free-places");
    send(&app, "DELETE", &aanbieder, &path, None).await;
    let marker = format!("<tr data-location=\"{own}\">");
    for token in [&aanbieder, &zorgkantoor] {
        assert!(!app.get(token, "/").await.text().contains(&marker), "no report, nothing stale");
    }
    let old = send(&app, "PUT", &aanbieder, &path, Some(json!({"free": 3, "reported_on": "2026-10-01"}))).await;
    assert_eq!(old.status, 204, "{}", old.text());
    for token in [&aanbieder, &zorgkantoor] {
        let page = app.get(token, "/").await;
        assert_eq!(page.status, 200);
        let html = page.text();
        assert!(html.contains("Vrije plaatsen niet actueel") && html.contains(&marker), "{html}");
        assert!(html.contains("32 dagen"), "the age is shown");
    }
    let other = session_for(&app, Role::Aanbieder { agb: passend_domain::ids::AgbCode::parse("99999999").unwrap() });
    assert!(!app.get(&other, "/").await.text().contains(&marker), "another provider does not see it");
}
