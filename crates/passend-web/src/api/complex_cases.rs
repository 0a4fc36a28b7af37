//! Complex cases and the signals register (issue 5):
//!
//! - `GET /api/v1/complex-cases` — the cases the actor is a party of;
//! - `POST /api/v1/clients/{client}/complex-case` — open one for a client;
//! - `GET /api/v1/complex-cases/{case}` — the whole case (`ETag`: its version);
//! - `POST /api/v1/complex-cases/{case}/commands` — one command, tagged by
//!   `command`, with the version in `If-Match`;
//! - `GET /api/v1/tasks` — *my open tasks* (`overdue=true`: late ones only);
//! - `GET|POST /api/v1/signals`, `GET /api/v1/signals/{signal}`,
//!   `POST /api/v1/signals/{signal}/contact|close`, `GET /api/v1/signals/patterns`.
//!
//! The order of checks matches the client-case commands: the body parses
//! (400/422 naming the field), the case exists (404), the actor is a party
//! and may ask (403), the rules allow it (422), the version matches (409).

use std::collections::BTreeMap;

use axum::extract::{RawQuery, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use jiff::civil::Date;
use passend_domain::InvalidValue;
use passend_domain::complex_case::{
    Action, ActionList, Answer, ComplexCaseCommand, ComplexCaseState, Organisation, OrganiserParty, Outcome,
    Participant, Round, Step, TaskStatus,
};
use passend_domain::ids::{AgbCode, ClientId, ComplexCaseId, LocationId, OcoId, SignalId};
use passend_domain::signal::{CareDomain, ResponsibleParty, SignalCommand, SignalReport};
use passend_store::{ComplexCase, Signal};
use serde::Deserialize;
use serde_json::{Value, json};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::extract::{IfMatch, PathParam, QueryParams};
use super::{ApiJson, etag};
use crate::actor::Role;
use crate::auth::ApiSession;
use crate::complex_cases::{self, ComplexFile, ComplexSubmission};
use crate::problem::{ApiError, Problem};
use crate::state::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_cases))
        .routes(routes!(open_case))
        .routes(routes!(get_case))
        .routes(routes!(run_command))
        .routes(routes!(my_tasks))
        .routes(routes!(list_signals, record_signal))
        .routes(routes!(signal_patterns))
        .routes(routes!(get_signal))
        .routes(routes!(contact_party))
        .routes(routes!(close_signal))
}

/// The command routes of complex cases and signals, for the coverage tests.
pub const COMMAND_PATHS: [&str; 5] = [
    "/api/v1/clients/{client}/complex-case",
    "/api/v1/complex-cases/{case}/commands",
    "/api/v1/signals",
    "/api/v1/signals/{signal}/contact",
    "/api/v1/signals/{signal}/close",
];

fn bad(field: &str, detail: String, detail_nl: String) -> ApiError {
    ApiError::bad_input(field, detail, detail_nl)
}

fn agb(field: &str, text: &str) -> Result<AgbCode, ApiError> {
    AgbCode::parse(text).map_err(|error| ApiError::invalid(field, &error))
}

fn step(field: &str, number: u8) -> Result<Step, ApiError> {
    Step::new(number).ok_or_else(|| {
        bad(
            field,
            format!("step {number} does not exist; the steps are 1 to 6"),
            format!("Stap {number} bestaat niet; de stappen zijn 1 tot en met 6."),
        )
    })
}

fn token<T>(field: &'static str, text: &str, parse: impl Fn(&str) -> Option<T>, choices: &str) -> Result<T, ApiError> {
    parse(text).ok_or_else(|| {
        let error =
            InvalidValue::new(field, text, format!("must be one of {choices}"), format!("moet een van {choices} zijn"));
        ApiError::invalid(field, &error)
    })
}

fn organisation_json(organisation: Organisation) -> Value {
    match organisation {
        Organisation::Provider(agb) => json!({"kind": "provider", "agb": agb.to_string()}),
        Organisation::Zorgkantoor(region) => json!({"kind": "zorgkantoor", "region": region.name()}),
        Organisation::Oco(oco) => json!({"kind": "oco", "oco": oco.0}),
    }
}

fn answer_json(answer: &Answer) -> Value {
    match answer {
        Answer::Place { location } => json!({"kind": "place", "location": location.map(|l| l.0)}),
        Answer::WaitingList => json!({"kind": "waiting_list"}),
        Answer::Refused { reason } => json!({"kind": "refused", "reason": reason}),
    }
}

fn outcome_json(outcome: Outcome) -> Value {
    match outcome {
        Outcome::PlaceFound { location } => json!({"kind": "place_found", "location": location.map(|l| l.0)}),
        Outcome::CareHandedOver { provider } => json!({"kind": "care_handed_over", "provider": provider.to_string()}),
        Outcome::Other => json!({"kind": "other"}),
    }
}

fn actions_json(actions: &[passend_domain::complex_case::TrackedAction]) -> Value {
    Value::Array(
        actions
            .iter()
            .map(|tracked| {
                json!({
                    "what": tracked.action.what,
                    "owner": tracked.action.owner,
                    "due": tracked.action.due.to_string(),
                    "done": tracked.done,
                    "follow_up": tracked.follow_up.iter().map(|(on, note)| json!({"on": on.to_string(), "note": note})).collect::<Vec<_>>(),
                })
            })
            .collect(),
    )
}

/// The case document: everything the parties see.
fn case_json(case: &ComplexCase, party: &str, today: Date) -> Value {
    let state: &ComplexCaseState = &case.state;
    let opening = state.opening.as_ref();
    let task = |task: &passend_domain::complex_case::Task| {
        json!({
            "id": task.created.id,
            "step": task.created.step.number(),
            "task": task.created.task,
            "role": task.created.role.token(),
            "responsible": organisation_json(task.created.responsible),
            "contributions": task.created.contributions,
            "due": task.created.due.to_string(),
            "status": task.status.token(),
            "overdue": state.closure.is_none() && task.is_overdue_on(today),
            "notes": task.notes.iter().map(|(on, note)| json!({"on": on.to_string(), "note": note})).collect::<Vec<_>>(),
        })
    };
    json!({
        "case": case.id.0,
        "version": case.version,
        "party": party,
        "client": opening.map(|o| o.client.0),
        "region": opening.map(|o| o.region.name()),
        "opened_on": opening.map(|o| o.on.to_string()),
        "opened_by": opening.map(|o| match o.by { passend_domain::complex_case::Opener::Zorgkantoor => "zorgkantoor", passend_domain::complex_case::Opener::Dossierhouder => "dossierhouder" }),
        "reasons": opening.map(|o| o.reasons.clone()),
        "step": state.step.map(|s| json!({"number": s.number(), "label_nl": s.label_nl()})),
        "steps": state.steps.iter().map(|(s, on, decision, skipped)| json!({"step": s.number(), "on": on.to_string(), "decision": decision, "skipped": skipped})).collect::<Vec<_>>(),
        "dossierhouder": state.dossierhouder.map(|agb| agb.to_string()),
        "responsible_for_care": state.responsible_for_care().map(|agb| agb.to_string()),
        "oco": state.oco.map(|oco| oco.0),
        "organiser": state.organiser.map(|o| match o { OrganiserParty::Dossierhouder => "dossierhouder", OrganiserParty::Zorgkantoor => "zorgkantoor" }),
        "place_unfit": state.place_unfit.as_ref().map(|(on, explanation)| json!({"on": on.to_string(), "explanation": explanation})),
        "tasks": state.tasks.iter().map(task).collect::<Vec<_>>(),
        "direction": state.direction().into_iter().map(|(organisation, tasks)| json!({
            "organisation": organisation_json(organisation),
            "tasks": tasks.iter().map(|t| t.created.id.clone()).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "registrations": state.registrations.iter().map(|r| json!({
            "round": r.round.token(),
            "provider": r.provider.to_string(),
            "approached_on": r.approached_on.to_string(),
            "information": r.information,
            "answer": r.answer.as_ref().map(|(on, answer)| json!({"on": on.to_string(), "answer": answer_json(answer)})),
        })).collect::<Vec<_>>(),
        "meeting": state.meeting.as_ref().map(|m| json!({
            "on": m.on.to_string(),
            "chair": m.chair,
            "minute_taker": m.minute_taker,
            "invitees": m.invitees.iter().map(|p| json!({"name": p.name, "organisation": p.organisation, "mandate": p.mandate})).collect::<Vec<_>>(),
            "held": m.held.as_ref().map(|h| json!({"on": h.held_on.to_string(), "overview": h.overview, "outcomes": h.outcomes})),
            "evaluation": m.evaluation.as_ref().map(|(mandate, text)| json!({"mandate_present": mandate, "evaluation": text})),
        })),
        "meeting_actions": actions_json(&state.meeting_actions),
        "plan": actions_json(&state.plan),
        "progress": state.progress.iter().map(|(on, text)| json!({"on": on.to_string(), "text": text})).collect::<Vec<_>>(),
        "escalations": state.escalations.iter().map(|e| json!({"on": e.on.to_string(), "level": e.level, "desk": e.desk, "reason": e.reason})).collect::<Vec<_>>(),
        "closure": state.closure.as_ref().map(|c| json!({"on": c.on.to_string(), "outcome": outcome_json(c.outcome), "reason": c.reason})),
        "tried_overview": state.tried_overview(),
    })
}

fn party_token(file: &ComplexFile) -> &'static str {
    super::view::party_token(file.party)
}

fn json_response(status: StatusCode, body: &Value) -> Response {
    (status, axum::Json(body)).into_response()
}

/// The complex cases you are a party of, open ones first.
#[utoipa::path(
    get,
    path = "/api/v1/complex-cases",
    tag = "complex-cases",
    params(("open" = Option<bool>, Query, description = "true: open cases only; false: closed ones only")),
    responses(
        (status = 200, description = "The cases with step, open and overdue tasks", body = Object),
        (status = 400, description = "An unknown or repeated parameter", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn list_cases(
    State(state): State<AppState>,
    ApiSession(session): ApiSession,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let params = QueryParams::parse(raw.as_deref(), &["open"])?;
    let open = params.bool("open")?;
    let today = state.today();
    let actor = session.actor.clone();
    let rows = state
        .run(move |passend| {
            let files = complex_cases::visible_cases(passend, &actor)?;
            Ok::<_, ApiError>(
                files
                    .iter()
                    .filter(|file| open.is_none_or(|open| file.case.state.is_open() == open))
                    .map(|file| {
                        let state = &file.case.state;
                        json!({
                            "case": file.case.id.0,
                            "client": state.opening.as_ref().map(|o| o.client.0),
                            "step": state.step.map(|s| s.number()),
                            "open": state.is_open(),
                            "open_tasks": state.open_tasks().count(),
                            "overdue_tasks": state.overdue_tasks(today).count(),
                            "party": party_token(file),
                        })
                    })
                    .collect::<Vec<_>>(),
            )
        })
        .await?;
    Ok(json_response(StatusCode::OK, &json!({ "cases": rows })))
}

/// Opening a complex case.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OpenBody {
    /// Why the case is complex (at most 4,000 characters).
    pub reasons: String,
    /// The day it was opened; today when absent.
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Date)]
    pub occurred_on: Option<Date>,
}

/// Open a complex case for a client: the zorgkantoor of the client's region,
/// or the dossierhouder (the early warning).
#[utoipa::path(
    post,
    path = "/api/v1/clients/{client}/complex-case",
    tag = "complex-cases",
    request_body = OpenBody,
    params(("client" = u32, Path, description = "The client's number")),
    responses(
        (status = 201, description = "The case as opened, with its tasks", body = Object),
        (status = 403, description = "Not visible, or not the zorgkantoor or dossierhouder", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such client", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The client already has an open complex case", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Refused by the rules, with the reason", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn open_case(
    State(state): State<AppState>,
    ApiSession(session): ApiSession,
    PathParam(client): PathParam<ClientId>,
    ApiJson(body): ApiJson<OpenBody>,
) -> Result<Response, ApiError> {
    let id = complex_cases::open_case(&state, session.actor.clone(), client, body.reasons, body.occurred_on).await?;
    let today = state.today();
    let actor = session.actor.clone();
    let file = state.run(move |passend| complex_cases::open_blocking(passend, &actor, id)).await?;
    let location = HeaderValue::from_str(&format!("/api/v1/complex-cases/{}", id.0)).map_err(ApiError::internal)?;
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location), etag(file.case.version)],
        axum::Json(case_json(&file.case, party_token(&file), today)),
    )
        .into_response())
}

/// A complex case with its tasks, rounds, meeting, plan and escalations.
#[utoipa::path(
    get,
    path = "/api/v1/complex-cases/{case}",
    tag = "complex-cases",
    params(("case" = u32, Path, description = "The complex case's number")),
    responses(
        (status = 200, description = "The case; its version is the ETag", body = Object),
        (status = 403, description = "You are no party of this case", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such case", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn get_case(
    State(state): State<AppState>,
    ApiSession(session): ApiSession,
    PathParam(id): PathParam<ComplexCaseId>,
) -> Result<Response, ApiError> {
    let file = complex_cases::open(&state, session.actor.clone(), id).await?;
    let body = case_json(&file.case, party_token(&file), state.today());
    Ok((StatusCode::OK, [etag(file.case.version)], axum::Json(body)).into_response())
}

/// A participant of the meeting.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ParticipantInput {
    pub name: String,
    pub organisation: String,
    /// Whether they can decide for their organisation (*mandaat*).
    pub mandate: bool,
}

/// An agreed action.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionInput {
    pub what: String,
    pub owner: String,
    #[schema(value_type = String, format = Date)]
    pub due: Date,
}

/// A provider's answer: `place` (optionally `location`), `waiting_list` or `refused` (with `reason`).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswerInput {
    pub kind: String,
    #[serde(default)]
    pub location: Option<u32>,
    #[serde(default)]
    pub reason: Option<String>,
}

/// How the case closes: `place_found` (optionally `location`), `care_handed_over` (with `provider`) or `other`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OutcomeInput {
    pub kind: String,
    #[serde(default)]
    pub location: Option<u32>,
    #[serde(default)]
    pub provider: Option<String>,
}

/// One command on a complex case, named by `command`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(tag = "command", rename_all = "snake_case", deny_unknown_fields)]
pub enum CommandInput {
    AdvanceStep {
        to: u8,
        decision: String,
        #[serde(default)]
        skipped: Option<String>,
    },
    DeclarePlaceUnfit {
        explanation: String,
    },
    RecordDossierhouder {
        provider: String,
    },
    InvolveOco {
        oco: u32,
    },
    /// `dossierhouder` or `zorgkantoor`.
    ChooseOrganiser {
        organiser: String,
    },
    /// `status`: `open`, `in_progress`, `done` or `not_needed`.
    UpdateTask {
        task: String,
        status: String,
        #[serde(default)]
        note: Option<String>,
    },
    /// `round`: `first` or `second`.
    ApproachProvider {
        round: String,
        provider: String,
        information: String,
    },
    RecordAnswer {
        round: String,
        provider: String,
        answer: AnswerInput,
    },
    PlanMeeting {
        #[schema(value_type = String, format = Date)]
        on: Date,
        chair: String,
        minute_taker: String,
        invitees: Vec<ParticipantInput>,
    },
    RecordMeeting {
        overview: String,
        outcomes: String,
        #[serde(default)]
        actions: Vec<ActionInput>,
    },
    /// `list`: `meeting` or `plan`; `index` counts from 0.
    FollowUpAction {
        list: String,
        index: u32,
        done: bool,
        note: String,
    },
    EvaluateMeeting {
        mandate_present: bool,
        evaluation: String,
    },
    RecordPlan {
        actions: Vec<ActionInput>,
    },
    ReportProgress {
        text: String,
    },
    Escalate {
        reason: String,
        handover_confirmed: bool,
    },
    Close {
        outcome: OutcomeInput,
        reason: String,
    },
    /// Approaches the providers of the client's `k` best places (Plek zoeken)
    /// in `round`, each once; the client must be waiting.
    SeedRound {
        round: String,
        #[serde(default = "default_k")]
        k: usize,
    },
}

fn default_k() -> usize {
    5
}

fn round(text: &str) -> Result<Round, ApiError> {
    token("round", text, Round::parse, "first, second")
}

fn actions(input: Vec<ActionInput>) -> Vec<Action> {
    input.into_iter().map(|action| Action { what: action.what, owner: action.owner, due: action.due }).collect()
}

/// The domain command of a body; `own_agb` is the asking provider's AGB code.
fn command(input: CommandInput, own_agb: Option<AgbCode>) -> Result<ComplexCaseCommand, ApiError> {
    Ok(match input {
        CommandInput::AdvanceStep { to, decision, skipped } => {
            ComplexCaseCommand::AdvanceStep { to: step("to", to)?, decision, skipped }
        }
        CommandInput::DeclarePlaceUnfit { explanation } => {
            let provider = own_agb.ok_or_else(|| ApiError::from(crate::policy::Denied::NotDossierhouder))?;
            ComplexCaseCommand::DeclarePlaceUnfit { provider, explanation }
        }
        CommandInput::RecordDossierhouder { provider } => {
            ComplexCaseCommand::RecordDossierhouder { provider: agb("provider", &provider)? }
        }
        CommandInput::InvolveOco { oco } => ComplexCaseCommand::InvolveOco { oco: OcoId(oco) },
        CommandInput::ChooseOrganiser { organiser } => ComplexCaseCommand::ChooseOrganiser {
            organiser: token(
                "organiser",
                &organiser,
                |text| match text {
                    "dossierhouder" => Some(OrganiserParty::Dossierhouder),
                    "zorgkantoor" => Some(OrganiserParty::Zorgkantoor),
                    _ => None,
                },
                "dossierhouder, zorgkantoor",
            )?,
        },
        CommandInput::UpdateTask { task, status, note } => ComplexCaseCommand::UpdateTask {
            id: task,
            status: token("status", &status, TaskStatus::parse, "open, in_progress, done, not_needed")?,
            note,
        },
        CommandInput::ApproachProvider { round: r, provider, information } => ComplexCaseCommand::ApproachProvider {
            round: round(&r)?,
            provider: agb("provider", &provider)?,
            information,
        },
        CommandInput::RecordAnswer { round: r, provider, answer } => {
            let answer = match answer.kind.as_str() {
                "place" => Answer::Place { location: answer.location.map(LocationId) },
                "waiting_list" => Answer::WaitingList,
                "refused" => Answer::Refused { reason: answer.reason.unwrap_or_default() },
                other => {
                    return Err(
                        token::<()>("answer.kind", other, |_| None, "place, waiting_list, refused").unwrap_err()
                    );
                }
            };
            ComplexCaseCommand::RecordAnswer { round: round(&r)?, provider: agb("provider", &provider)?, answer }
        }
        CommandInput::PlanMeeting { on, chair, minute_taker, invitees } => ComplexCaseCommand::PlanMeeting {
            on,
            chair,
            minute_taker,
            invitees: invitees
                .into_iter()
                .map(|p| Participant { name: p.name, organisation: p.organisation, mandate: p.mandate })
                .collect(),
        },
        CommandInput::RecordMeeting { overview, outcomes, actions: input } => {
            ComplexCaseCommand::RecordMeeting { overview, outcomes, actions: actions(input) }
        }
        CommandInput::FollowUpAction { list, index, done, note } => ComplexCaseCommand::FollowUpAction {
            list: token(
                "list",
                &list,
                |text| match text {
                    "meeting" => Some(ActionList::Meeting),
                    "plan" => Some(ActionList::Plan),
                    _ => None,
                },
                "meeting, plan",
            )?,
            index,
            done,
            note,
        },
        CommandInput::EvaluateMeeting { mandate_present, evaluation } => {
            ComplexCaseCommand::EvaluateMeeting { mandate_present, evaluation }
        }
        CommandInput::RecordPlan { actions: input } => ComplexCaseCommand::RecordPlan { actions: actions(input) },
        CommandInput::ReportProgress { text } => ComplexCaseCommand::ReportProgress { text },
        CommandInput::Escalate { reason, handover_confirmed } => {
            ComplexCaseCommand::Escalate { reason, handover_confirmed }
        }
        CommandInput::SeedRound { .. } => unreachable!("seeding is handled before"),
        CommandInput::Close { outcome, reason } => {
            let outcome = match outcome.kind.as_str() {
                "place_found" => Outcome::PlaceFound { location: outcome.location.map(LocationId) },
                "care_handed_over" => {
                    let provider = outcome.provider.as_deref().ok_or_else(|| {
                        bad(
                            "outcome.provider",
                            "care_handed_over names the provider".to_string(),
                            "Geef de aanbieder waaraan de zorg is overgedragen.".to_string(),
                        )
                    })?;
                    Outcome::CareHandedOver { provider: agb("outcome.provider", provider)? }
                }
                "other" => Outcome::Other,
                other => {
                    return Err(token::<()>("outcome.kind", other, |_| None, "place_found, care_handed_over, other")
                        .unwrap_err());
                }
            };
            ComplexCaseCommand::Close { outcome, reason }
        }
    })
}

/// Run one command on a complex case. Send the case's version in `If-Match`.
#[utoipa::path(
    post,
    path = "/api/v1/complex-cases/{case}/commands",
    tag = "complex-cases",
    request_body = CommandInput,
    params(
        ("case" = u32, Path, description = "The complex case's number"),
        ("If-Match" = String, Header, description = "The case version the command is based on"),
    ),
    responses(
        (status = 200, description = "The case after the command", body = Object),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "You are no party of this case, or not the party for this command", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such case", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The case changed since that version", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field does not parse, or the rules refuse it (with the reason)", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match is missing", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn run_command(
    State(state): State<AppState>,
    ApiSession(session): ApiSession,
    PathParam(id): PathParam<ComplexCaseId>,
    IfMatch(version): IfMatch,
    ApiJson(body): ApiJson<CommandInput>,
) -> Result<Response, ApiError> {
    let own_agb = match session.actor.role {
        Role::Aanbieder { agb } => Some(agb),
        _ => None,
    };
    if let CommandInput::SeedRound { round: r, k } = body {
        let round = round(&r)?;
        complex_cases::seed_round(&state, session.actor.clone(), id, round, k.clamp(1, 20), version).await?;
        let file = complex_cases::open(&state, session.actor.clone(), id).await?;
        let body = case_json(&file.case, party_token(&file), state.today());
        return Ok((StatusCode::OK, [etag(file.case.version)], axum::Json(body)).into_response());
    }
    let command = command(body, own_agb)?;
    let submission = ComplexSubmission { command, expected_version: Some(version), occurred_on: None, reason: None };
    complex_cases::execute(&state, session.actor.clone(), id, submission).await?;
    let file = complex_cases::open(&state, session.actor.clone(), id).await?;
    let body = case_json(&file.case, party_token(&file), state.today());
    Ok((StatusCode::OK, [etag(file.case.version)], axum::Json(body)).into_response())
}

/// *My open tasks*: the open tasks your organisation is responsible for.
#[utoipa::path(
    get,
    path = "/api/v1/tasks",
    tag = "complex-cases",
    params(("overdue" = Option<bool>, Query, description = "true: only tasks past their due date")),
    responses(
        (status = 200, description = "The tasks, earliest due first", body = Object),
        (status = 400, description = "An unknown or repeated parameter", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn my_tasks(
    State(state): State<AppState>,
    ApiSession(session): ApiSession,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let params = QueryParams::parse(raw.as_deref(), &["overdue"])?;
    let overdue = params.bool("overdue")?.unwrap_or(false);
    let today = state.today();
    let actor = session.actor.clone();
    let rows =
        state.run(move |passend| Ok::<_, ApiError>(complex_cases::my_tasks(passend, &actor, today, overdue)?)).await?;
    let tasks: Vec<Value> = rows
        .iter()
        .map(|row| {
            json!({
                "case": row.case.0,
                "client": row.client.0,
                "task": row.task.created.id,
                "text": row.task.created.task,
                "step": row.task.created.step.number(),
                "status": row.task.status.token(),
                "due": row.task.created.due.to_string(),
                "overdue": row.overdue,
            })
        })
        .collect();
    Ok(json_response(StatusCode::OK, &json!({ "tasks": tasks })))
}

fn signal_json(signal: &Signal) -> Value {
    let report = signal.state.report.as_ref();
    json!({
        "signal": signal.id.0,
        "version": signal.version,
        "recorded_on": signal.events.first().map(|event| event.meta.occurred_on.to_string()),
        "person": report.map(|r| r.person.clone()),
        "client": report.and_then(|r| r.client.map(|c| c.0)),
        "reporter": report.map(|r| r.reporter.clone()),
        "topic": report.map(|r| r.topic.clone()),
        "domain": report.map(|r| r.domain.token()),
        "responsible": report.map(|r| r.responsible.token()),
        "responsible_name": report.map(|r| r.responsible_name.clone()),
        "asked_to_contact_first": report.map(|r| r.asked_to_contact_first),
        "contacts": signal.state.contacts,
        "outcome": signal.state.outcome,
        "open": signal.state.is_open(),
    })
}

/// Every signal (zorgkantoor mediators).
#[utoipa::path(
    get,
    path = "/api/v1/signals",
    tag = "signals",
    responses(
        (status = 200, description = "The signals, oldest first", body = Object),
        (status = 403, description = "Only zorgkantoor mediators keep the register", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn list_signals(State(state): State<AppState>, ApiSession(session): ApiSession) -> Result<Response, ApiError> {
    let actor = session.actor.clone();
    let signals = state.run(move |passend| complex_cases::signals(passend, &actor)).await?;
    Ok(json_response(StatusCode::OK, &json!({ "signals": signals.iter().map(signal_json).collect::<Vec<_>>() })))
}

/// A new signal.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SignalBody {
    pub person: String,
    #[serde(default)]
    pub client: Option<u32>,
    pub reporter: String,
    pub topic: String,
    /// `wlz`, `zvw`, `wmo`, `jeugd` or `other`.
    pub domain: String,
    /// `zorgkantoor`, `health_insurer`, `municipality`, `provider` or `other`.
    pub responsible: String,
    pub responsible_name: String,
    pub asked_to_contact_first: bool,
}

/// Record a signal: a complex care question reported from outside.
#[utoipa::path(
    post,
    path = "/api/v1/signals",
    tag = "signals",
    request_body = SignalBody,
    responses(
        (status = 201, description = "The signal as recorded", body = Object),
        (status = 403, description = "Only zorgkantoor mediators keep the register", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is empty, too long or unknown", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn record_signal(
    State(state): State<AppState>,
    ApiSession(session): ApiSession,
    ApiJson(body): ApiJson<SignalBody>,
) -> Result<Response, ApiError> {
    let report = SignalReport {
        person: body.person,
        client: body.client.map(ClientId),
        reporter: body.reporter,
        topic: body.topic,
        domain: token("domain", &body.domain, CareDomain::parse, "wlz, zvw, wmo, jeugd, other")?,
        responsible: token(
            "responsible",
            &body.responsible,
            ResponsibleParty::parse,
            "zorgkantoor, health_insurer, municipality, provider, other",
        )?,
        responsible_name: body.responsible_name,
        asked_to_contact_first: body.asked_to_contact_first,
    };
    let id = complex_cases::record_signal(&state, session.actor.clone(), report).await?;
    let actor = session.actor.clone();
    let signal = state.run(move |passend| complex_cases::signal(passend, &actor, id)).await?;
    Ok(json_response(StatusCode::CREATED, &signal_json(&signal)))
}

/// Counts of the signals by domain, responsible party and topic: the
/// recurring patterns.
#[utoipa::path(
    get,
    path = "/api/v1/signals/patterns",
    tag = "signals",
    responses(
        (status = 200, description = "Counts per domain, per responsible party and per topic", body = Object),
        (status = 403, description = "Only zorgkantoor mediators keep the register", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn signal_patterns(State(state): State<AppState>, ApiSession(session): ApiSession) -> Result<Response, ApiError> {
    let actor = session.actor.clone();
    let signals = state.run(move |passend| complex_cases::signals(passend, &actor)).await?;
    let mut domains: BTreeMap<&str, u32> = BTreeMap::new();
    let mut parties: BTreeMap<&str, u32> = BTreeMap::new();
    let mut topics: BTreeMap<String, u32> = BTreeMap::new();
    for report in signals.iter().filter_map(|signal| signal.state.report.as_ref()) {
        *domains.entry(report.domain.token()).or_default() += 1;
        *parties.entry(report.responsible.token()).or_default() += 1;
        *topics.entry(report.topic.trim().to_lowercase()).or_default() += 1;
    }
    Ok(json_response(
        StatusCode::OK,
        &json!({"total": signals.len(), "by_domain": domains, "by_responsible": parties, "by_topic": topics}),
    ))
}

/// One signal.
#[utoipa::path(
    get,
    path = "/api/v1/signals/{signal}",
    tag = "signals",
    params(("signal" = u32, Path, description = "The signal's number")),
    responses(
        (status = 200, description = "The signal", body = Object),
        (status = 403, description = "Only zorgkantoor mediators keep the register", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such signal", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn get_signal(
    State(state): State<AppState>,
    ApiSession(session): ApiSession,
    PathParam(id): PathParam<SignalId>,
) -> Result<Response, ApiError> {
    let actor = session.actor.clone();
    let signal = state.run(move |passend| complex_cases::signal(passend, &actor, id)).await?;
    Ok(json_response(StatusCode::OK, &signal_json(&signal)))
}

/// Contacting the responsible party.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContactBody {
    /// The reporter agreed that the desk contacts the party.
    pub consent: bool,
    /// Who was contacted.
    pub contact: String,
}

/// Record that the responsible party was contacted (only with the reporter's consent).
#[utoipa::path(
    post,
    path = "/api/v1/signals/{signal}/contact",
    tag = "signals",
    request_body = ContactBody,
    params(("signal" = u32, Path, description = "The signal's number")),
    responses(
        (status = 200, description = "The signal", body = Object),
        (status = 403, description = "Only zorgkantoor mediators keep the register", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such signal", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No consent, an empty contact, or a closed signal", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn contact_party(
    State(state): State<AppState>,
    ApiSession(session): ApiSession,
    PathParam(id): PathParam<SignalId>,
    ApiJson(body): ApiJson<ContactBody>,
) -> Result<Response, ApiError> {
    let command = SignalCommand::ContactParty { consent: body.consent, contact: body.contact };
    signal_command(state, session, id, command).await
}

/// Closing a signal.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CloseSignalBody {
    pub outcome: String,
}

/// Close a signal with its outcome.
#[utoipa::path(
    post,
    path = "/api/v1/signals/{signal}/close",
    tag = "signals",
    request_body = CloseSignalBody,
    params(("signal" = u32, Path, description = "The signal's number")),
    responses(
        (status = 200, description = "The signal", body = Object),
        (status = 403, description = "Only zorgkantoor mediators keep the register", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such signal", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An empty outcome, or a closed signal", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn close_signal(
    State(state): State<AppState>,
    ApiSession(session): ApiSession,
    PathParam(id): PathParam<SignalId>,
    ApiJson(body): ApiJson<CloseSignalBody>,
) -> Result<Response, ApiError> {
    signal_command(state, session, id, SignalCommand::Close { outcome: body.outcome }).await
}

async fn signal_command(
    state: AppState,
    session: crate::auth::Session,
    id: SignalId,
    command: SignalCommand,
) -> Result<Response, ApiError> {
    complex_cases::execute_signal(&state, session.actor.clone(), id, command).await?;
    let actor = session.actor.clone();
    let signal = state.run(move |passend| complex_cases::signal(passend, &actor, id)).await?;
    Ok(json_response(StatusCode::OK, &signal_json(&signal)))
}
