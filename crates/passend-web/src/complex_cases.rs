//! Complex cases and signals as the web sees them: read and changed on behalf
//! of an actor, always through the policy. The API and the pages both call
//! these functions.

use std::sync::Arc;

use jiff::Timestamp;
use jiff::civil::Date;
use passend_domain::complex_case::{ComplexCaseCommand, ComplexCaseState, Opener, Organisation, Task};
use passend_domain::ids::{ClientId, ComplexCaseId, OcoId, SignalId};
use passend_domain::note::Party;
use passend_domain::signal::{SignalCommand, SignalReport};
use passend_store::{CommandError, ComplexCase, EventMeta, Signal, StoreError};

use crate::actor::Actor;
use crate::cases::{checked_reason, occurred_on, visible_summary};
use crate::policy;
use crate::problem::ApiError;
use crate::state::{AppState, Service};

/// A complex case as one actor sees it.
#[derive(Debug, Clone)]
pub struct ComplexFile {
    pub case: ComplexCase,
    /// The party the actor speaks for in this case.
    pub party: Party,
}

/// A command on a complex case as a person submits it.
#[derive(Debug, Clone)]
pub struct ComplexSubmission {
    pub command: ComplexCaseCommand,
    /// The case version the form was based on; `None` only where a stale
    /// form cannot do harm (the API requires it).
    pub expected_version: Option<u32>,
    pub occurred_on: Option<Date>,
    pub reason: Option<String>,
}

/// An open task of some case, for the lists of tasks.
#[derive(Debug, Clone)]
pub struct TaskRow {
    pub case: ComplexCaseId,
    pub client: ClientId,
    pub task: Task,
    pub overdue: bool,
}

fn not_found(id: ComplexCaseId) -> ApiError {
    ApiError::NotFound { what: "complex case", what_nl: "Complexe casus", id: id.to_string() }
}

/// The OCO the client consents to now: an OCO is a party of a complex case
/// only while the client consents (read from the client's summary).
fn consent(passend: &Service, state: &ComplexCaseState) -> Result<Option<OcoId>, StoreError> {
    let Some(opening) = &state.opening else { return Ok(None) };
    Ok(passend.summary(opening.client)?.and_then(|summary| summary.oco_consent))
}

/// A complex case the actor may see: 404 for an unknown case, 403 for a case
/// the actor is no party of.
pub fn open_blocking(passend: &Service, actor: &Actor, id: ComplexCaseId) -> Result<ComplexFile, ApiError> {
    let case = passend.complex_case(id)?.ok_or_else(|| not_found(id))?;
    let party = policy::complex_party(actor, &case.state, consent(passend, &case.state)?)?;
    Ok(ComplexFile { case, party })
}

pub async fn open(state: &AppState, actor: Arc<Actor>, id: ComplexCaseId) -> Result<ComplexFile, ApiError> {
    state.run(move |passend| open_blocking(passend, &actor, id)).await
}

/// The complex cases the actor is a party of, open ones first.
pub fn visible_cases(passend: &Service, actor: &Actor) -> Result<Vec<ComplexFile>, StoreError> {
    let mut files = Vec::new();
    for case in passend.complex_cases()? {
        let consent = consent(passend, &case.state)?;
        if let Ok(party) = policy::complex_party(actor, &case.state, consent) {
            files.push(ComplexFile { case, party });
        }
    }
    files.sort_by_key(|file| (!file.case.state.is_open(), file.case.id));
    Ok(files)
}

/// The complex cases of one client the actor may see (the client's dossier
/// links to them).
pub fn cases_of_client(passend: &Service, actor: &Actor, client: ClientId) -> Result<Vec<ComplexFile>, StoreError> {
    let mut files = visible_cases(passend, actor)?;
    files.retain(|file| file.case.state.opening.as_ref().is_some_and(|opening| opening.client == client));
    Ok(files)
}

/// *My open tasks*: the open tasks, in open cases, of the organisation the
/// actor works for; `overdue_only` keeps those past their term on `today`.
pub fn my_tasks(passend: &Service, actor: &Actor, today: Date, overdue_only: bool) -> Result<Vec<TaskRow>, StoreError> {
    let mut rows = Vec::new();
    for file in visible_cases(passend, actor)? {
        let state = &file.case.state;
        let (Some(opening), true) = (&state.opening, state.is_open()) else { continue };
        for task in state.open_tasks().filter(|task| policy::speaks_for(actor, task.created.responsible)) {
            let overdue = task.is_overdue_on(today);
            if overdue || !overdue_only {
                rows.push(TaskRow { case: file.case.id, client: opening.client, task: task.clone(), overdue });
            }
        }
    }
    rows.sort_by_key(|row| (row.task.created.due, row.case));
    Ok(rows)
}

/// Opens a complex case for a client the actor may see, as the party the
/// actor speaks for (zorgkantoor, or provider as dossierhouder).
pub async fn open_case(
    state: &AppState,
    actor: Arc<Actor>,
    client: ClientId,
    reasons: String,
    occurred: Option<Date>,
) -> Result<ComplexCaseId, ApiError> {
    let occurred_on = occurred_on(occurred, state.today())?;
    state
        .run(move |passend| {
            let summary = visible_summary(passend, &actor, client)?;
            let party = policy::note_party(&actor, &summary, &passend.supply())?;
            policy::may_open_complex_case(&actor, party)?;
            let by = match party {
                Party::Dossierhouder => Opener::Dossierhouder,
                _ => Opener::Zorgkantoor,
            };
            let meta =
                EventMeta { occurred_on, recorded_at: Timestamp::now(), actor: actor.recorded_as(), reason: None };
            Ok(passend.open_complex_case(client, by, &reasons, meta)?)
        })
        .await
}

/// Runs a command on a complex case for an actor; returns the new version.
pub async fn execute(
    state: &AppState,
    actor: Arc<Actor>,
    id: ComplexCaseId,
    submission: ComplexSubmission,
) -> Result<u32, ApiError> {
    let occurred_on = occurred_on(submission.occurred_on, state.today())?;
    let reason = checked_reason("reason", submission.reason)?;
    state
        .run(move |passend| {
            let case = passend.complex_case(id)?.ok_or_else(|| not_found(id))?;
            let consent = consent(passend, &case.state)?;
            policy::may_command_complex(&actor, &case.state, consent, &submission.command)?;
            let meta = EventMeta { occurred_on, recorded_at: Timestamp::now(), actor: actor.recorded_as(), reason };
            match passend.execute_complex(id, &submission.command, meta, submission.expected_version) {
                Ok(version) => Ok(version),
                Err(CommandError::Store(StoreError::Conflict { expected, actual, .. })) => {
                    Err(ApiError::Conflict { expected, actual, current: serde_json::Value::Null })
                }
                Err(error) => Err(error.into()),
            }
        })
        .await
}

/// Seeds a registration round from the matcher's `k` best places for the
/// client (the party that runs the round asks); returns the providers
/// approached.
pub async fn seed_round(
    state: &AppState,
    actor: Arc<Actor>,
    id: ComplexCaseId,
    round: passend_domain::complex_case::Round,
    k: usize,
    expected_version: u32,
) -> Result<Vec<passend_domain::ids::AgbCode>, ApiError> {
    let occurred_on = state.today();
    state
        .run(move |passend| {
            let case = passend.complex_case(id)?.ok_or_else(|| not_found(id))?;
            let consent = consent(passend, &case.state)?;
            let probe = ComplexCaseCommand::ApproachProvider {
                round,
                provider: passend_domain::ids::AgbCode::parse("00000000").map_err(ApiError::internal)?,
                information: String::new(),
            };
            policy::may_command_complex(&actor, &case.state, consent, &probe)?;
            if case.version != expected_version {
                return Err(ApiError::Conflict {
                    expected: expected_version,
                    actual: case.version,
                    current: serde_json::Value::Null,
                });
            }
            let meta = EventMeta { occurred_on, recorded_at: Timestamp::now(), actor: actor.recorded_as(), reason: None };
            passend.seed_round_from_matching(id, round, k, meta).map_err(|error| match error {
                passend_store::SeedError::Command(error) => ApiError::from(error),
                passend_store::SeedError::Matching(passend_store::matching::MatchingError::NotWaiting(client)) => {
                    ApiError::bad_input(
                        "round",
                        format!("client {client} is not waiting: the matcher ranks places for waiting clients"),
                        format!(
                            "Cliënt {client} wacht niet op een plek; Plek zoeken rangschikt alleen voor wachtende cliënten. \
                             Leg eerst een wachtstatus vast."
                        ),
                    )
                }
                passend_store::SeedError::Matching(other) => ApiError::internal(other),
            })
        })
        .await
}

/// The organisation an actor works for, as a complex case names it (for
/// "my tasks" headings).
pub fn organisation_of(actor: &Actor) -> Vec<Organisation> {
    use crate::actor::Role;
    match &actor.role {
        Role::Zorgkantoor { regions } => regions.iter().map(|region| Organisation::Zorgkantoor(*region)).collect(),
        Role::Aanbieder { agb } => vec![Organisation::Provider(*agb)],
        Role::Oco { oco } => vec![Organisation::Oco(*oco)],
        Role::Analist => vec![],
    }
}

/// Every signal, for a zorgkantoor mediator.
pub fn signals(passend: &Service, actor: &Actor) -> Result<Vec<Signal>, ApiError> {
    policy::may_keep_signals(actor)?;
    Ok(passend.signals()?)
}

pub fn signal(passend: &Service, actor: &Actor, id: SignalId) -> Result<Signal, ApiError> {
    policy::may_keep_signals(actor)?;
    passend.signal(id)?.ok_or_else(|| ApiError::NotFound { what: "signal", what_nl: "Signaal", id: id.to_string() })
}

pub async fn record_signal(state: &AppState, actor: Arc<Actor>, report: SignalReport) -> Result<SignalId, ApiError> {
    let occurred_on = state.today();
    state
        .run(move |passend| {
            policy::may_keep_signals(&actor)?;
            let meta =
                EventMeta { occurred_on, recorded_at: Timestamp::now(), actor: actor.recorded_as(), reason: None };
            Ok(passend.record_signal(report, meta)?)
        })
        .await
}

pub async fn execute_signal(
    state: &AppState,
    actor: Arc<Actor>,
    id: SignalId,
    command: SignalCommand,
) -> Result<u32, ApiError> {
    let occurred_on = state.today();
    state
        .run(move |passend| {
            policy::may_keep_signals(&actor)?;
            let meta =
                EventMeta { occurred_on, recorded_at: Timestamp::now(), actor: actor.recorded_as(), reason: None };
            Ok(passend.execute_signal(id, &command, meta)?)
        })
        .await
}
