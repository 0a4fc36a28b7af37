//! `/signalen`: the signals register (seed 004) for zorgkantoor mediators —
//! complex care questions reported from outside, who is responsible, whether
//! the reporter was asked to contact that party first, contacts made with the
//! reporter's consent, the outcome — and the patterns: how often each
//! domain, responsible party and topic recurs.

use std::collections::BTreeMap;
use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use passend_domain::ids::SignalId;
use passend_domain::signal::{CareDomain, ResponsibleParty, SignalCommand, SignalReport};

use super::format;
use super::{Layout, PageError, render};
use crate::auth::{CsrfForm, PageSession, Session};
use crate::complex_cases;
use crate::problem::ApiError;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "signalen.html")]
struct SignalsPage {
    layout: Layout,
    rows: Vec<SignalRow>,
    domains: Vec<(&'static str, &'static str)>,
    parties: Vec<(&'static str, &'static str)>,
    by_domain: Vec<(&'static str, u32)>,
    by_party: Vec<(&'static str, u32)>,
    by_topic: Vec<(String, u32)>,
    /// A refused form: its name (`nieuw` or `contact-N`/`sluiten-N`) and the Dutch reason.
    error: Option<(String, String)>,
    sent: Vec<(String, String)>,
}

struct SignalRow {
    id: u32,
    recorded_on: String,
    person: String,
    reporter: String,
    topic: String,
    domain: &'static str,
    responsible: String,
    asked_first: bool,
    contacts: Vec<String>,
    outcome: Option<String>,
}

impl SignalsPage {
    fn error_of(&self, form: &str) -> Option<&str> {
        self.error.as_ref().filter(|(name, _)| name == form).map(|(_, message)| message.as_str())
    }

    fn sent(&self, field: &str) -> String {
        self.sent.iter().find(|(key, _)| key == field).map(|(_, value)| value.clone()).unwrap_or_default()
    }
}

/// `GET /signalen`.
pub async fn page(State(state): State<AppState>, PageSession(session): PageSession) -> Result<Response, PageError> {
    show(&state, &session, StatusCode::OK, None, Vec::new()).await
}

async fn show(
    state: &AppState,
    session: &Session,
    status: StatusCode,
    error: Option<(String, String)>,
    sent: Vec<(String, String)>,
) -> Result<Response, PageError> {
    let actor = Arc::clone(&session.actor);
    let signals = state.run(move |passend| complex_cases::signals(passend, &actor)).await?;
    let mut by_domain: BTreeMap<&'static str, u32> = BTreeMap::new();
    let mut by_party: BTreeMap<&'static str, u32> = BTreeMap::new();
    let mut by_topic: BTreeMap<String, u32> = BTreeMap::new();
    let mut rows = Vec::new();
    for signal in &signals {
        let Some(report) = &signal.state.report else { continue };
        *by_domain.entry(report.domain.label_nl()).or_default() += 1;
        *by_party.entry(report.responsible.label_nl()).or_default() += 1;
        *by_topic.entry(report.topic.trim().to_lowercase()).or_default() += 1;
        rows.push(SignalRow {
            id: signal.id.0,
            recorded_on: signal.events.first().map(|event| format::date(event.meta.occurred_on)).unwrap_or_default(),
            person: report.person.clone(),
            reporter: report.reporter.clone(),
            topic: report.topic.clone(),
            domain: report.domain.label_nl(),
            responsible: format!("{} ({})", report.responsible_name, report.responsible.label_nl()),
            asked_first: report.asked_to_contact_first,
            contacts: signal.state.contacts.clone(),
            outcome: signal.state.outcome.clone(),
        });
    }
    let mut by_topic: Vec<(String, u32)> = by_topic.into_iter().collect();
    by_topic.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let page = SignalsPage {
        layout: Layout::new(session, "Signalen", "/signalen"),
        rows,
        domains: CareDomain::ALL.iter().map(|domain| (domain.token(), domain.label_nl())).collect(),
        parties: ResponsibleParty::ALL.iter().map(|party| (party.token(), party.label_nl())).collect(),
        by_domain: by_domain.into_iter().collect(),
        by_party: by_party.into_iter().collect(),
        by_topic,
        error,
        sent,
    };
    render(status, &page)
}

/// `POST /signalen`: records a signal.
pub async fn record(
    State(state): State<AppState>,
    CsrfForm(session, fields): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let field = |name: &str| fields.iter().find(|(key, _)| key == name).map(|(_, value)| value.trim().to_string());
    let report = (|| {
        Ok::<_, ApiError>(SignalReport {
            person: field("person").unwrap_or_default(),
            client: None,
            reporter: field("reporter").unwrap_or_default(),
            topic: field("topic").unwrap_or_default(),
            domain: field("domain").as_deref().and_then(CareDomain::parse).ok_or_else(|| {
                ApiError::bad_input(
                    "domain",
                    "choose the domain",
                    "Kies het domein (Wlz, Zvw, Wmo, Jeugdwet of anders).",
                )
            })?,
            responsible: field("responsible").as_deref().and_then(ResponsibleParty::parse).ok_or_else(|| {
                ApiError::bad_input("responsible", "choose the responsible party", "Kies de verantwoordelijke partij.")
            })?,
            responsible_name: field("responsible_name").unwrap_or_default(),
            asked_to_contact_first: field("asked_first").is_some(),
        })
    })();
    let outcome = match report {
        Ok(report) => complex_cases::record_signal(&state, Arc::clone(&session.actor), report).await.map(|_| ()),
        Err(error) => Err(error),
    };
    finish(&state, &session, outcome, "nieuw".to_string(), fields).await
}

/// `POST /signalen/{n}/{form}`: `contact` (with consent) or `sluiten`.
pub async fn submit(
    State(state): State<AppState>,
    Path((signal, form)): Path<(String, String)>,
    CsrfForm(session, fields): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let not_found = || ApiError::NotFound { what: "signal", what_nl: "Signaal", id: signal.chars().take(30).collect() };
    let id = signal.parse::<u32>().ok().filter(|n| *n > 0).map(SignalId).ok_or_else(not_found)?;
    let field = |name: &str| fields.iter().find(|(key, _)| key == name).map(|(_, value)| value.trim().to_string());
    let command = match form.as_str() {
        "contact" => SignalCommand::ContactParty {
            consent: field("consent").is_some(),
            contact: field("contact").unwrap_or_default(),
        },
        "sluiten" => SignalCommand::Close { outcome: field("outcome").unwrap_or_default() },
        _ => {
            return Err(
                ApiError::NotFound { what: "form", what_nl: "Formulier", id: form.chars().take(30).collect() }.into()
            );
        }
    };
    let outcome = complex_cases::execute_signal(&state, Arc::clone(&session.actor), id, command).await.map(|_| ());
    finish(&state, &session, outcome, format!("{form}-{}", id.0), fields).await
}

async fn finish(
    state: &AppState,
    session: &Session,
    outcome: Result<(), ApiError>,
    form: String,
    fields: Vec<(String, String)>,
) -> Result<Response, PageError> {
    match outcome {
        Ok(()) => Ok(Redirect::to("/signalen").into_response()),
        Err(error @ (ApiError::Signal(_) | ApiError::BadInput { .. })) => {
            show(state, session, error.status(), Some((form, error.message_nl())), fields).await
        }
        Err(error) => Err(error.into()),
    }
}
