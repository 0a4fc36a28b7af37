//! Complex cases on pages (issue 5):
//! - `/complexe-casussen`: the cases the actor is a party of, and the form to
//!   open one for a client;
//! - `/complexe-casussen/{n}`: one case — step bar, who is responsible for
//!   care and who holds the direction, the task board per responsible party,
//!   the registration rounds, meeting, plan and escalations — with a form for
//!   each command the actor may use;
//! - `/taken`: *my tasks*, the open tasks of the actor's organisation
//!   (`?achterstallig=1`: the late ones).
//!
//! A refused form shows the case again with the Dutch reason beside the form
//! and what was typed still in it.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use jiff::civil::Date;
use passend_domain::complex_case::{
    ActionList, Answer, ComplexCaseCommand, Organisation, OrganiserParty, Outcome, Participant, Round, Step, TaskStatus,
};
use passend_domain::ids::{AgbCode, ClientId, ComplexCaseId, LocationId, OcoId};
use serde::Deserialize;

use super::format;
use super::{Layout, PageError, render};
use crate::actor::Role;
use crate::auth::{CsrfForm, PageSession, Session};
use crate::complex_cases::{self, ComplexFile, ComplexSubmission};
use crate::policy;
use crate::problem::ApiError;
use crate::state::AppState;

/// The name of an organisation as the pages write it.
pub fn organisation_nl(organisation: Organisation) -> String {
    match organisation {
        Organisation::Provider(agb) => format!("aanbieder {agb}"),
        Organisation::Zorgkantoor(region) => format!("zorgkantoor {}", region.name()),
        Organisation::Oco(oco) => format!("OCO {oco}"),
    }
}

#[derive(Template)]
#[template(path = "complexe_casussen.html")]
struct ListPage {
    layout: Layout,
    rows: Vec<CaseRow>,
    may_open: bool,
    error: Option<String>,
    client: String,
    reasons: String,
}

struct CaseRow {
    case: u32,
    client: u32,
    step: String,
    open: bool,
    open_tasks: usize,
    overdue_tasks: usize,
}

#[derive(Debug, Default, Deserialize)]
pub struct ListParams {
    client: Option<String>,
}

/// `GET /complexe-casussen`.
pub async fn list(
    State(state): State<AppState>,
    PageSession(session): PageSession,
    Query(params): Query<ListParams>,
) -> Result<Response, PageError> {
    show_list(&state, &session, StatusCode::OK, None, params.client.unwrap_or_default(), String::new()).await
}

async fn show_list(
    state: &AppState,
    session: &Session,
    status: StatusCode,
    error: Option<String>,
    client: String,
    reasons: String,
) -> Result<Response, PageError> {
    if matches!(session.actor.role, Role::Analist) {
        return Err(ApiError::from(policy::Denied::AggregatesOnly).into());
    }
    let today = state.today();
    let actor = Arc::clone(&session.actor);
    let files = state.run(move |passend| Ok::<_, ApiError>(complex_cases::visible_cases(passend, &actor)?)).await?;
    // From a dossier (`?client=N`): that client's cases only, the form filled in.
    let only = client.parse::<u32>().ok();
    let rows = files
        .iter()
        .filter(|file| only.is_none_or(|n| file.case.state.opening.as_ref().is_some_and(|o| o.client.0 == n)))
        .filter_map(|file| {
            let state = &file.case.state;
            Some(CaseRow {
                case: file.case.id.0,
                client: state.opening.as_ref()?.client.0,
                step: state.step.map(|step| format!("{} {}", step.number(), step.label_nl())).unwrap_or_default(),
                open: state.is_open(),
                open_tasks: state.open_tasks().count(),
                overdue_tasks: state.overdue_tasks(today).count(),
            })
        })
        .collect();
    let may_open = matches!(session.actor.role, Role::Zorgkantoor { .. } | Role::Aanbieder { .. });
    let page = ListPage {
        layout: Layout::new(session, "Complexe casussen", "/complexe-casussen"),
        rows,
        may_open,
        error,
        client,
        reasons,
    };
    render(status, &page)
}

/// `POST /complexe-casussen`: opens a case for a client.
pub async fn open(
    State(state): State<AppState>,
    CsrfForm(session, fields): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let field = |name: &str| fields.iter().find(|(key, _)| key == name).map(|(_, value)| value.trim().to_string());
    let client_text = field("client").unwrap_or_default();
    let reasons = field("reasons").unwrap_or_default();
    let client = client_text.parse::<u32>().ok().filter(|n| *n > 0).map(ClientId);
    let outcome = match client {
        None => Err(ApiError::bad_input(
            "client",
            "the client number is not a number",
            "Vul het nummer van de cliënt in (een getal).",
        )),
        Some(client) => {
            complex_cases::open_case(&state, Arc::clone(&session.actor), client, reasons.clone(), None).await
        }
    };
    match outcome {
        Ok(id) => Ok(Redirect::to(&format!("/complexe-casussen/{}", id.0)).into_response()),
        Err(
            error
            @ (ApiError::Complex(_) | ApiError::BadInput { .. } | ApiError::NotFound { .. } | ApiError::Denied(_)),
        ) => show_list(&state, &session, error.status(), Some(error.message_nl()), client_text, reasons).await,
        Err(error) => Err(error.into()),
    }
}

#[derive(Template)]
#[template(path = "complexe_casus.html")]
struct CasePage {
    layout: Layout,
    case: u32,
    client: u32,
    version: u32,
    region: &'static str,
    opened_on: String,
    reasons: String,
    steps: Vec<StepView>,
    closed: Option<String>,
    responsible_for_care: String,
    direction: Vec<(String, String)>,
    place_unfit: Option<String>,
    boards: Vec<Board>,
    registrations: Vec<RegistrationView>,
    meeting: Option<String>,
    escalations: Vec<String>,
    overview: String,
    forms: Forms,
    failure: Option<Failure>,
}

struct StepView {
    number: u8,
    label: &'static str,
    current: bool,
    done: bool,
}

/// The tasks one organisation is responsible for.
struct Board {
    party: String,
    tasks: Vec<TaskView>,
}

struct TaskView {
    id: String,
    text: String,
    contributions: String,
    due: String,
    overdue: bool,
    status: &'static str,
    notes: Vec<String>,
    /// Whether the actor may change it (its organisation holds it).
    editable: bool,
}

struct RegistrationView {
    round: &'static str,
    provider: String,
    on: String,
    information: String,
    answer: String,
}

/// The forms the actor may use in this case.
struct Forms {
    advance: bool,
    unfit: bool,
    first_round: bool,
    second_round: bool,
    organiser: bool,
    escalate: bool,
    close: bool,
    plan_meeting: bool,
    record_meeting: bool,
    evaluate: bool,
    plan: bool,
    progress: bool,
    next_step: u8,
    awaiting: Vec<(String, &'static str)>,
}

/// A refused form: which one, the Dutch reason, and what was sent.
struct Failure {
    form: String,
    message: String,
    sent: Vec<(String, String)>,
}

impl CasePage {
    fn error_of(&self, form: &str) -> Option<&str> {
        self.failure.as_ref().filter(|failure| failure.form == form).map(|failure| failure.message.as_str())
    }

    fn sent(&self, form: &str, field: &str) -> String {
        self.failure
            .as_ref()
            .filter(|failure| failure.form == form)
            .and_then(|failure| failure.sent.iter().find(|(key, _)| key == field))
            .map(|(_, value)| value.clone())
            .unwrap_or_default()
    }
}

fn answer_nl(answer: &Answer) -> String {
    match answer {
        Answer::Place { location: Some(location) } => format!("plek (locatie {location})"),
        Answer::Place { location: None } => "plek".to_string(),
        Answer::WaitingList => "wachtlijst".to_string(),
        Answer::Refused { reason } => format!("afgewezen: {reason}"),
    }
}

fn case_page(session: &Session, file: &ComplexFile, today: Date, failure: Option<Failure>) -> CasePage {
    let state = &file.case.state;
    let actor = &session.actor;
    let consent = state.oco;
    let may = |command: &ComplexCaseCommand| policy::may_command_complex(actor, state, consent, command).is_ok();
    let current = state.step.unwrap_or(Step::FIRST);
    let steps = Step::ALL
        .iter()
        .map(|step| StepView {
            number: step.number(),
            label: step.label_nl(),
            current: *step == current,
            done: *step < current,
        })
        .collect();
    let mut boards: Vec<Board> = Vec::new();
    for task in &state.tasks {
        let party = organisation_nl(task.created.responsible);
        let view = TaskView {
            id: task.created.id.clone(),
            text: task.created.task.clone(),
            contributions: task.created.contributions.clone(),
            due: format::date(task.created.due),
            overdue: state.is_open() && task.is_overdue_on(today),
            status: task.status.label_nl(),
            notes: task.notes.iter().map(|(on, note)| format!("{}: {note}", format::date(*on))).collect(),
            editable: state.is_open() && !task.status.is_final() && policy::speaks_for(actor, task.created.responsible),
        };
        match boards.iter_mut().find(|board| board.party == party) {
            Some(board) => board.tasks.push(view),
            None => boards.push(Board { party, tasks: vec![view] }),
        }
    }
    let probe_agb = AgbCode::parse("00000000").ok();
    let open = state.is_open();
    let forms = Forms {
        advance: open
            && current < Step::PLAN
            && may(&ComplexCaseCommand::AdvanceStep { to: Step::PLAN, decision: String::new(), skipped: None }),
        unfit: open
            && state.place_unfit.is_none()
            && matches!(actor.role, Role::Aanbieder { agb } if state.dossierhouder == Some(agb)),
        first_round: open
            && current >= Step::SEARCH
            && probe_agb.is_some_and(|provider| {
                may(&ComplexCaseCommand::ApproachProvider { round: Round::First, provider, information: String::new() })
            }),
        second_round: open
            && current >= Step::EXPLORE
            && probe_agb.is_some_and(|provider| {
                may(&ComplexCaseCommand::ApproachProvider {
                    round: Round::Second,
                    provider,
                    information: String::new(),
                })
            }),
        organiser: open
            && current >= Step::MEETING
            && state.organiser.is_none()
            && may(&ComplexCaseCommand::ChooseOrganiser { organiser: OrganiserParty::Zorgkantoor }),
        escalate: open && may(&ComplexCaseCommand::Escalate { reason: String::new(), handover_confirmed: true }),
        close: open && may(&ComplexCaseCommand::Close { outcome: Outcome::Other, reason: String::new() }),
        plan_meeting: open
            && current >= Step::MEETING
            && state.meeting.as_ref().is_none_or(|meeting| meeting.held.is_none())
            && may(&ComplexCaseCommand::PlanMeeting {
                on: today,
                chair: String::new(),
                minute_taker: String::new(),
                invitees: vec![],
            }),
        record_meeting: open
            && state.meeting.as_ref().is_some_and(|meeting| meeting.held.is_none())
            && may(&ComplexCaseCommand::RecordMeeting {
                overview: String::new(),
                outcomes: String::new(),
                actions: vec![],
            }),
        evaluate: open
            && current >= Step::PLAN
            && state.meeting.as_ref().is_some_and(|meeting| meeting.held.is_some() && meeting.evaluation.is_none())
            && may(&ComplexCaseCommand::EvaluateMeeting { mandate_present: true, evaluation: String::new() }),
        plan: open && current >= Step::PLAN && may(&ComplexCaseCommand::RecordPlan { actions: vec![] }),
        progress: open && current >= Step::PLAN && may(&ComplexCaseCommand::ReportProgress { text: String::new() }),
        next_step: current.number().saturating_add(1).min(6),
        awaiting: state
            .registrations
            .iter()
            .filter(|registration| registration.answer.is_none())
            .filter(|registration| {
                may(&ComplexCaseCommand::RecordAnswer {
                    round: registration.round,
                    provider: registration.provider,
                    answer: Answer::WaitingList,
                })
            })
            .map(|registration| (registration.provider.to_string(), registration.round.token()))
            .collect(),
    };
    let opening = state.opening.as_ref();
    CasePage {
        layout: Layout::new(session, format!("Complexe casus {}", file.case.id.0), "/complexe-casussen"),
        case: file.case.id.0,
        client: opening.map_or(0, |opening| opening.client.0),
        version: file.case.version,
        region: opening.map_or("", |opening| opening.region.name()),
        opened_on: opening.map(|opening| format::date(opening.on)).unwrap_or_default(),
        reasons: opening.map(|opening| opening.reasons.clone()).unwrap_or_default(),
        steps,
        closed: state.closure.as_ref().map(|closure| {
            let outcome = match closure.outcome {
                Outcome::PlaceFound { .. } => "plek gevonden".to_string(),
                Outcome::CareHandedOver { provider } => format!("zorg overgedragen aan aanbieder {provider}"),
                Outcome::Other => "anders".to_string(),
            };
            format!("Afgesloten op {}: {outcome} — {}", format::date(closure.on), closure.reason)
        }),
        responsible_for_care: state
            .responsible_for_care()
            .map_or_else(|| "nog geen dossierhouder".to_string(), |agb| format!("aanbieder {agb}")),
        direction: state
            .direction()
            .into_iter()
            .map(|(organisation, tasks)| {
                let ids: Vec<&str> = tasks.iter().map(|task| task.created.id.as_str()).collect();
                (organisation_nl(organisation), ids.join(", "))
            })
            .collect(),
        place_unfit: state
            .place_unfit
            .as_ref()
            .map(|(on, explanation)| format!("{}: {explanation}", format::date(*on))),
        boards,
        registrations: state
            .registrations
            .iter()
            .map(|registration| RegistrationView {
                round: registration.round.label_nl(),
                provider: registration.provider.to_string(),
                on: format::date(registration.approached_on),
                information: registration.information.clone(),
                answer: registration.answer.as_ref().map_or_else(
                    || "nog geen antwoord".to_string(),
                    |(on, answer)| format!("{}: {}", format::date(*on), answer_nl(answer)),
                ),
            })
            .collect(),
        meeting: state.meeting.as_ref().map(|meeting| {
            let held = if meeting.held.is_some() { "gehouden" } else { "gepland" };
            format!(
                "{held} op {}, voorzitter {}, notulist {}",
                format::date(meeting.on),
                meeting.chair,
                meeting.minute_taker
            )
        }),
        escalations: state
            .escalations
            .iter()
            .map(|escalation| format!("{}: {} — {}", format::date(escalation.on), escalation.desk, escalation.reason))
            .collect(),
        overview: state.tried_overview(),
        forms,
        failure,
    }
}

/// `GET /complexe-casussen/{case}`.
pub async fn page(
    State(state): State<AppState>,
    PageSession(session): PageSession,
    Path(case): Path<String>,
) -> Result<Response, PageError> {
    let id = parse_case(&case)?;
    let file = complex_cases::open(&state, Arc::clone(&session.actor), id).await?;
    render(StatusCode::OK, &case_page(&session, &file, state.today(), None))
}

fn parse_case(text: &str) -> Result<ComplexCaseId, ApiError> {
    text.parse::<u32>().ok().filter(|n| *n > 0).map(ComplexCaseId).ok_or_else(|| ApiError::NotFound {
        what: "complex case",
        what_nl: "Complexe casus",
        id: text.chars().take(30).collect(),
    })
}

/// `POST /complexe-casussen/{case}/{form}`.
pub async fn submit(
    State(state): State<AppState>,
    Path((case, form)): Path<(String, String)>,
    CsrfForm(session, fields): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let id = parse_case(&case)?;
    let field = |name: &str| fields.iter().find(|(key, _)| key == name).map(|(_, value)| value.trim().to_string());
    let version = field("versie").and_then(|text| text.parse::<u32>().ok());
    let command = form_command(&form, &field, &session);
    let outcome = match command {
        Ok(command) => {
            let submission = ComplexSubmission { command, expected_version: version, occurred_on: None, reason: None };
            complex_cases::execute(&state, Arc::clone(&session.actor), id, submission).await.map(|_| ())
        }
        Err(error) => Err(error),
    };
    match outcome {
        Ok(()) => Ok(Redirect::to(&format!("/complexe-casussen/{}#{form}", id.0)).into_response()),
        Err(error @ (ApiError::Complex(_) | ApiError::BadInput { .. } | ApiError::Conflict { .. })) => {
            let file = complex_cases::open(&state, Arc::clone(&session.actor), id).await?;
            let failure = Failure { form, message: error.message_nl(), sent: fields };
            render(error.status(), &case_page(&session, &file, state.today(), Some(failure)))
        }
        Err(error) => Err(error.into()),
    }
}

fn required(field: &dyn Fn(&str) -> Option<String>, name: &str, label_nl: &str) -> Result<String, ApiError> {
    field(name)
        .filter(|value| !value.is_empty())
        .ok_or_else(|| ApiError::bad_input(name, format!("{name} is required"), format!("Vul {label_nl} in.")))
}

fn provider(field: &dyn Fn(&str) -> Option<String>) -> Result<AgbCode, ApiError> {
    let text = required(field, "provider", "de AGB-code van de aanbieder")?;
    AgbCode::parse(&text).map_err(|error| ApiError::invalid("provider", &error))
}

fn round_of(field: &dyn Fn(&str) -> Option<String>) -> Result<Round, ApiError> {
    field("round").as_deref().and_then(Round::parse).ok_or_else(|| {
        ApiError::bad_input("round", "round is first or second", "Kies de eerste of de tweede aanmeldronde.")
    })
}

/// The command a form asks for.
fn form_command(
    form: &str,
    field: &dyn Fn(&str) -> Option<String>,
    session: &Session,
) -> Result<ComplexCaseCommand, ApiError> {
    let not_found = || ApiError::NotFound { what: "form", what_nl: "Formulier", id: form.chars().take(30).collect() };
    Ok(match form {
        "stap" => {
            let to = field("to").and_then(|text| text.parse::<u8>().ok()).and_then(Step::new).ok_or_else(|| {
                ApiError::bad_input("to", "to is a step from 1 to 6", "Kies een stap van 1 tot en met 6.")
            })?;
            ComplexCaseCommand::AdvanceStep {
                to,
                decision: field("decision").unwrap_or_default(),
                skipped: field("skipped").filter(|text| !text.is_empty()),
            }
        }
        "niet-passend" => {
            let Role::Aanbieder { agb } = session.actor.role else {
                return Err(ApiError::from(policy::Denied::NotDossierhouder));
            };
            ComplexCaseCommand::DeclarePlaceUnfit {
                provider: agb,
                explanation: field("explanation").unwrap_or_default(),
            }
        }
        "taak" => ComplexCaseCommand::UpdateTask {
            id: required(field, "task", "de taak")?,
            status: field("status").as_deref().and_then(TaskStatus::parse).ok_or_else(|| {
                ApiError::bad_input("status", "status is open, in_progress, done or not_needed", "Kies een status.")
            })?,
            note: field("note").filter(|text| !text.is_empty()),
        },
        "benaderen" => ComplexCaseCommand::ApproachProvider {
            round: round_of(field)?,
            provider: provider(field)?,
            information: field("information").unwrap_or_default(),
        },
        "antwoord" => {
            let answer = match field("answer").as_deref() {
                Some("place") => Answer::Place {
                    location: field("location").and_then(|text| text.parse::<u32>().ok()).map(LocationId),
                },
                Some("waiting_list") => Answer::WaitingList,
                Some("refused") => Answer::Refused { reason: field("reason").unwrap_or_default() },
                _ => {
                    return Err(ApiError::bad_input(
                        "answer",
                        "answer is place, waiting_list or refused",
                        "Kies het antwoord.",
                    ));
                }
            };
            ComplexCaseCommand::RecordAnswer { round: round_of(field)?, provider: provider(field)?, answer }
        }
        "organisator" => ComplexCaseCommand::ChooseOrganiser {
            organiser: match field("organiser").as_deref() {
                Some("dossierhouder") => OrganiserParty::Dossierhouder,
                Some("zorgkantoor") => OrganiserParty::Zorgkantoor,
                _ => {
                    return Err(ApiError::bad_input(
                        "organiser",
                        "choose the organiser",
                        "Kies wie de bijeenkomst organiseert.",
                    ));
                }
            },
        },
        "oco" => {
            ComplexCaseCommand::InvolveOco {
                oco: OcoId(required(field, "oco", "het nummer van de OCO")?.parse().map_err(|_| {
                    ApiError::bad_input("oco", "oco is a number", "Het nummer van de OCO is een getal.")
                })?),
            }
        }
        "bijeenkomst" => ComplexCaseCommand::PlanMeeting {
            on: field("on").and_then(|text| text.parse::<Date>().ok()).ok_or_else(|| {
                ApiError::bad_input("on", "on is a date", "Vul de datum van de bijeenkomst in (jjjj-mm-dd).")
            })?,
            chair: field("chair").unwrap_or_default(),
            minute_taker: field("minute_taker").unwrap_or_default(),
            invitees: (1..=4)
                .filter_map(|n| {
                    let name = field(&format!("name{n}")).filter(|text| !text.is_empty())?;
                    Some(Participant {
                        name,
                        organisation: field(&format!("organisation{n}")).unwrap_or_default(),
                        mandate: field(&format!("mandate{n}")).is_some(),
                    })
                })
                .collect(),
        },
        "verslag" => ComplexCaseCommand::RecordMeeting {
            overview: field("overview").unwrap_or_default(),
            outcomes: field("outcomes").unwrap_or_default(),
            actions: actions_from(field)?,
        },
        "evaluatie" => ComplexCaseCommand::EvaluateMeeting {
            mandate_present: field("mandate_present").is_some(),
            evaluation: field("evaluation").unwrap_or_default(),
        },
        "plan" => ComplexCaseCommand::RecordPlan { actions: actions_from(field)? },
        "voortgang" => ComplexCaseCommand::ReportProgress { text: field("text").unwrap_or_default() },
        "opschalen" => ComplexCaseCommand::Escalate {
            reason: field("reason").unwrap_or_default(),
            handover_confirmed: field("handover_confirmed").is_some(),
        },
        "afsluiten" => ComplexCaseCommand::Close {
            outcome: match field("outcome").as_deref() {
                Some("place_found") => Outcome::PlaceFound { location: None },
                Some("care_handed_over") => Outcome::CareHandedOver { provider: provider(field)? },
                Some("other") => Outcome::Other,
                _ => return Err(ApiError::bad_input("outcome", "choose the outcome", "Kies de uitkomst.")),
            },
            reason: field("reason").unwrap_or_default(),
        },
        "vervolg" => ComplexCaseCommand::FollowUpAction {
            list: if field("list").as_deref() == Some("plan") { ActionList::Plan } else { ActionList::Meeting },
            index: field("index").and_then(|text| text.parse().ok()).unwrap_or(0),
            done: field("done").is_some(),
            note: field("note").unwrap_or_default(),
        },
        _ => return Err(not_found()),
    })
}

/// The agreed actions of a form: rows `what1`/`owner1`/`due1` … `what3`; a
/// row without a description is left out.
fn actions_from(field: &dyn Fn(&str) -> Option<String>) -> Result<Vec<passend_domain::complex_case::Action>, ApiError> {
    let mut actions = Vec::new();
    for n in 1..=3 {
        let Some(what) = field(&format!("what{n}")).filter(|text| !text.is_empty()) else { continue };
        let due = field(&format!("due{n}")).and_then(|text| text.parse::<Date>().ok()).ok_or_else(|| {
            ApiError::bad_input(
                format!("due{n}"),
                "an action needs a due date",
                format!("Vul bij actie {n} de datum in waarop ze klaar moet zijn (jjjj-mm-dd)."),
            )
        })?;
        let owner = field(&format!("owner{n}")).unwrap_or_default();
        actions.push(passend_domain::complex_case::Action { what, owner, due });
    }
    Ok(actions)
}

#[derive(Template)]
#[template(path = "taken.html")]
struct TasksPage {
    layout: Layout,
    overdue_only: bool,
    rows: Vec<TaskRowView>,
}

struct TaskRowView {
    case: u32,
    client: u32,
    id: String,
    text: String,
    due: String,
    overdue: bool,
    status: &'static str,
}

#[derive(Debug, Default, Deserialize)]
pub struct TasksParams {
    achterstallig: Option<String>,
}

/// `GET /taken`.
pub async fn tasks(
    State(state): State<AppState>,
    PageSession(session): PageSession,
    Query(params): Query<TasksParams>,
) -> Result<Response, PageError> {
    if matches!(session.actor.role, Role::Analist) {
        return Err(ApiError::from(policy::Denied::AggregatesOnly).into());
    }
    let overdue_only = params.achterstallig.as_deref().is_some_and(|value| !value.is_empty() && value != "0");
    let today = state.today();
    let actor = Arc::clone(&session.actor);
    let rows = state
        .run(move |passend| Ok::<_, ApiError>(complex_cases::my_tasks(passend, &actor, today, overdue_only)?))
        .await?;
    let page = TasksPage {
        layout: Layout::new(&session, "Mijn taken", "/taken"),
        overdue_only,
        rows: rows
            .into_iter()
            .map(|row| TaskRowView {
                case: row.case.0,
                client: row.client.0,
                id: row.task.created.id.clone(),
                text: row.task.created.task.clone(),
                due: format::date(row.task.created.due),
                overdue: row.overdue,
                status: row.task.status.label_nl(),
            })
            .collect(),
    };
    render(StatusCode::OK, &page)
}
