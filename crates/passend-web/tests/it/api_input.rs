//! Bad input on every command route: each answer is a 4xx problem that
//! names what is wrong, never a 500, and nothing is written.

use axum::body::Body;
use axum::http::{Request, header};
use serde_json::{Value, json};

use crate::api::{case, problem};
use crate::support::{TestApp, spawn_app};

/// One command route: a body that parses, a field with a value of the wrong
/// type, and bodies with an invalid identifier or code and the field named.
struct Route {
    path: &'static str,
    parses: Value,
    wrong_type: (Value, &'static str),
    invalid: Vec<(Value, &'static str)>,
}

fn routes() -> Vec<Route> {
    let status = "wacht_op_voorkeur";
    vec![
        Route {
            path: "indication",
            parses: json!({"care_profile": "5VV"}),
            wrong_type: (json!({"care_profile": true}), "care_profile"),
            invalid: vec![
                (json!({"care_profile": "5vv"}), "care_profile"),
                (json!({"care_profile": 999}), "care_profile"),
                (json!({"care_profile": 70000}), "care_profile"),
                (json!({"care_profile": "5VV", "delivery_form": "thuis"}), "delivery_form"),
                (json!({"care_profile": "5VV", "preferred_provider": "123"}), "preferred_provider"),
                (json!({"care_profile": "5VV", "preferred_provider": "99999999"}), "preferred_provider"),
            ],
        },
        Route {
            path: "allocation",
            parses: json!({"provider": "99999999"}),
            wrong_type: (json!({"provider": 47000001}), "provider"),
            invalid: vec![(json!({"provider": "abc"}), "provider"), (json!({"provider": "99999999"}), "provider")],
        },
        Route {
            path: "allocation/return",
            parses: json!({}),
            wrong_type: (json!({"provider": []}), "provider"),
            invalid: vec![(json!({"provider": "1"}), "provider")],
        },
        Route {
            path: "first-contact",
            parses: json!({}),
            wrong_type: (json!({"provider": {"agb": 1}}), "provider"),
            invalid: vec![(json!({"provider": "x"}), "provider"), (json!({"provider": "00000000"}), "provider")],
        },
        Route {
            path: "wait-status",
            parses: json!({"status": status}),
            wrong_type: (json!({"status": 3}), "status"),
            invalid: vec![
                (json!({"status": "wachten"}), "status"),
                (json!({"status": status, "classification": "zz"}), "classification"),
                (json!({"status": status, "preferences": [{"location": 999_999}]}), "preferences[0].location"),
                (
                    json!({"status": status, "preferences": [{"location": 1}, {"provider": "12"}]}),
                    "preferences[1].provider",
                ),
                (json!({"status": status, "preferences": [{"locatie": 3}]}), "preferences[0]"),
                (json!({"status": status, "preferences": {"location": 3}}), "preferences"),
            ],
        },
        Route {
            path: "offers",
            parses: json!({"location": 999_999}),
            wrong_type: (json!({"location": "drie"}), "location"),
            invalid: vec![(json!({"location": 999_999}), "location"), (json!({"location": 0}), "location")],
        },
        Route {
            path: "offers/refusal",
            parses: json!({"location": 999_999}),
            wrong_type: (json!({"location": 1, "weighty_reason": "ja"}), "weighty_reason"),
            invalid: vec![(json!({"location": 999_999, "weighty_reason": true}), "location")],
        },
        Route {
            path: "offers/acceptance",
            parses: json!({"location": 999_999}),
            wrong_type: (json!({"location": -1}), "location"),
            invalid: vec![(json!({"location": 999_999}), "location")],
        },
        Route {
            path: "admission",
            parses: json!({"location": 999_999, "bridging": false}),
            wrong_type: (json!({"location": 1, "bridging": "nee"}), "bridging"),
            invalid: vec![(json!({"location": 999_999, "bridging": true}), "location")],
        },
        Route {
            path: "content-with-current",
            parses: json!({}),
            wrong_type: (json!({"occurred_on": "gisteren"}), "occurred_on"),
            invalid: vec![],
        },
        Route {
            path: "care-refusal",
            parses: json!({"ground": 1}),
            wrong_type: (json!({"ground": "één"}), "ground"),
            invalid: vec![
                (json!({"ground": 7}), "ground"),
                (json!({"ground": 300}), "ground"),
                (json!({"ground": 1, "provider": "x"}), "provider"),
            ],
        },
        Route {
            path: "care-refusal/decision",
            parses: json!({"approved": false}),
            wrong_type: (json!({"approved": "ja"}), "approved"),
            invalid: vec![],
        },
        Route {
            path: "care-end",
            parses: json!({"reason": "verhuizing"}),
            wrong_type: (json!({"reason": 1}), "reason"),
            invalid: vec![
                (json!({"reason": "weg"}), "reason"),
                (json!({"reason": "verhuizing", "explanation": "x".repeat(501)}), "explanation"),
            ],
        },
        Route {
            path: "living-profile",
            parses: json!({"max_distance_km": 25}),
            wrong_type: (json!({"needs": "dementie"}), "needs"),
            invalid: vec![
                (json!({"needs": ["geen_tag"]}), "needs"),
                (json!({"needs": ["weglooprisico"]}), "needs"),
                (json!({"contra_indications": ["dementie"]}), "contra_indications"),
                (json!({"max_distance_km": 500}), "max_distance_km"),
                (json!({"max_distance_km": -3}), "max_distance_km"),
                (json!({"near_partner": 999_999}), "near_partner"),
                (json!({"language": " "}), "language"),
            ],
        },
        Route {
            path: "oco-consent",
            parses: json!({"oco": 2}),
            wrong_type: (json!({"oco": "1"}), "oco"),
            invalid: vec![(json!({"oco": 0}), "oco"), (json!({}), "oco")],
        },
    ]
}

/// Merges fields into an object body.
fn with(body: &Value, extra: Value) -> Value {
    let mut merged = body.clone();
    if let (Some(target), Some(fields)) = (merged.as_object_mut(), extra.as_object()) {
        target.extend(fields.clone());
    }
    merged
}

/// Posts a raw body with the version and returns the problem's field, after
/// checking the status and the problem shape.
async fn raw(app: &TestApp, token: &str, path: &str, version: u32, body: Vec<u8>, status: u16) -> Option<String> {
    let request = Request::post(path)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::IF_MATCH, format!("\"{version}\""))
        .body(Body::from(body))
        .unwrap();
    let response = app.send(request).await;
    problem(&response, status)["field"].as_str().map(str::to_string)
}

#[tokio::test]
async fn every_command_route_refuses_bad_input_by_name_and_writes_nothing() {
    let app = spawn_app();
    let token = app.token("zorgkantoor").await;
    let client = crate::api::rows(&app, &token, "/api/v1/waiting-list?limit=1").await[0]["client"].as_u64().unwrap();
    let (_, version) = case(&app, &token, client).await;
    let routes = routes();
    assert_eq!(routes.len(), passend_web::api::commands::COMMAND_PATHS.len(), "every command route is in the table");

    for route in &routes {
        let path = format!("/api/v1/clients/{client}/{}", route.path);
        let label = route.path;
        assert!(
            passend_web::api::commands::COMMAND_PATHS.contains(&format!("/api/v1/clients/{{client}}/{label}").as_str()),
            "{label}"
        );

        // Malformed JSON: 400, about the body.
        let field = raw(&app, &token, &path, version, br#"{"reason": "#.to_vec(), 400).await;
        assert!(field.is_some(), "{label}: malformed JSON names the body");
        assert!(raw(&app, &token, &path, version, br#"{"reason" "x"}"#.to_vec(), 400).await.is_some(), "{label}");

        // Not JSON at all: 415.
        let text = Request::post(&path)
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .header(header::CONTENT_TYPE, "text/plain")
            .header(header::IF_MATCH, format!("\"{version}\""))
            .body(Body::from(route.parses.to_string()))
            .unwrap();
        assert_eq!(problem(&app.send(text).await, 415)["field"], "Content-Type", "{label}");

        // An unknown field: 422 naming it.
        let unknown = with(&route.parses, json!({"bogus": 1}));
        let field = raw(&app, &token, &path, version, unknown.to_string().into_bytes(), 422).await;
        assert_eq!(field.as_deref(), Some("bogus"), "{label}: unknown field");

        // A value of the wrong type: 422 naming the field.
        let (body, expected) = &route.wrong_type;
        let field = raw(&app, &token, &path, version, body.to_string().into_bytes(), 422).await;
        assert_eq!(field.as_deref(), Some(*expected), "{label}: wrong type {body}");

        // A body larger than 64 KiB: 413.
        let huge = with(&route.parses, json!({"reason": "x".repeat(70 * 1024)}));
        raw(&app, &token, &path, version, huge.to_string().into_bytes(), 413).await;

        // Inparses identifiers and codes: 422 naming the field.
        for (body, expected) in &route.invalid {
            let field = raw(&app, &token, &path, version, body.to_string().into_bytes(), 422).await;
            assert_eq!(field.as_deref(), Some(*expected), "{label}: {body}");
        }

        // The envelope: no future dates, no essays (care-end's `reason` is its code).
        let future = with(&route.parses, json!({"occurred_on": "2026-11-03"}));
        let field = raw(&app, &token, &path, version, future.to_string().into_bytes(), 422).await;
        assert_eq!(field.as_deref(), Some("occurred_on"), "{label}: future");
        if label != "care-end" {
            let essay = with(&route.parses, json!({"reason": "x".repeat(501)}));
            let field = raw(&app, &token, &path, version, essay.to_string().into_bytes(), 422).await;
            assert_eq!(field.as_deref(), Some("reason"), "{label}: long reason");
        }

        assert_eq!(case(&app, &token, client).await.1, version, "{label}: nothing was written");
    }

    // A provider naming a location that does not exist hears so, not "not yours".
    let aanbieder = app.token("aanbieder").await;
    let own = crate::api::rows(&app, &aanbieder, "/api/v1/clients?limit=1").await[0]["client"].as_u64().unwrap();
    let (_, own_version) = case(&app, &aanbieder, own).await;
    let path = format!("/api/v1/clients/{own}/offers");
    let field =
        raw(&app, &aanbieder, &path, own_version, json!({"location": 999_999}).to_string().into_bytes(), 422).await;
    assert_eq!(field.as_deref(), Some("location"));
    assert_eq!(case(&app, &aanbieder, own).await.1, own_version);
}
