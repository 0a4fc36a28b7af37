//! A client's case as the web sees it: opened and changed on behalf of an
//! actor, always through the policy. The API and the pages both call these
//! functions, so a command and its checks exist once.

use std::sync::Arc;

use jiff::Timestamp;
use jiff::civil::Date;
use passend_domain::case::{CaseCommand, CaseEvent, CaseState, CaseSummary};
use passend_domain::ids::ClientId;
use passend_domain::note::{Audience, NoteWritten, Party};
use passend_store::{CommandError, Event, EventMeta, EventStore as _, StoreError, StreamId};

use crate::actor::Actor;
use crate::policy;
use crate::problem::ApiError;
use crate::state::{AppState, Service};

/// Everything one page or API document shows of a case.
#[derive(Debug, Clone)]
pub struct CaseFile {
    pub client: ClientId,
    /// The case stream's version: what a command's `If-Match` must carry.
    pub version: u32,
    pub summary: CaseSummary,
    pub state: CaseState,
    /// Every event of the case and every note the actor may read, in the order recorded.
    pub timeline: Vec<TimelineEntry>,
    /// The party the actor writes notes as, if they may write notes here.
    pub party: Option<Party>,
}

/// One line of a case's timeline.
#[derive(Debug, Clone)]
pub struct TimelineEntry {
    pub position: u64,
    pub occurred_on: Date,
    pub recorded_at: Timestamp,
    /// Who recorded it, as the event log has it (`aanbieder:47000001:jan`).
    pub actor: String,
    pub reason: Option<String>,
    pub item: TimelineItem,
}

#[derive(Debug, Clone)]
pub enum TimelineItem {
    Event(CaseEvent),
    /// A note with its number (1 for the first note on the case).
    Note {
        number: u32,
        note: NoteWritten,
    },
}

/// A command as a person submits it: the case version it was based on, and
/// optionally the day it took effect (today when absent) and why.
#[derive(Debug, Clone)]
pub struct Submission {
    pub command: CaseCommand,
    pub expected_version: u32,
    pub occurred_on: Option<Date>,
    pub reason: Option<String>,
}

/// The longest reason accepted with a command.
pub const MAX_REASON_CHARS: usize = 500;

fn not_found(client: ClientId) -> ApiError {
    ApiError::NotFound { what: "client", what_nl: "Cliënt", id: client.to_string() }
}

/// The summary of a client the actor may see: 404 for an unknown client, 403
/// for one outside the actor's view.
pub fn visible_summary(passend: &Service, actor: &Actor, client: ClientId) -> Result<CaseSummary, ApiError> {
    let summary = passend.summary(client)?.ok_or_else(|| not_found(client))?;
    policy::may_see(actor, &summary, &passend.supply())?;
    Ok(summary)
}

/// Opens a case for an actor.
pub async fn open(state: &AppState, actor: Arc<Actor>, client: ClientId) -> Result<CaseFile, ApiError> {
    state.run(move |passend| open_blocking(passend, &actor, client)).await
}

/// [`open`], for callers already on the blocking pool.
pub fn open_blocking(passend: &Service, actor: &Actor, client: ClientId) -> Result<CaseFile, ApiError> {
    let summary = visible_summary(passend, actor, client)?;
    let party = policy::note_party(actor, &summary, &passend.supply()).ok();
    let events = passend.store().read_stream(StreamId::Client(client))?;
    let (state, version) = passend_store::fold_case(&events);
    let mut timeline: Vec<TimelineEntry> = events
        .into_iter()
        .filter_map(|recorded| match recorded.event {
            Event::Case(event) => Some(entry(recorded.position, recorded.meta, TimelineItem::Event(event))),
            Event::Supply(_) | Event::Note(_) | Event::Complex(_) | Event::Signal(_) => None,
        })
        .collect();
    if let Some(party) = party {
        for (recorded, note) in passend.notes(client)? {
            if note.audience.includes(party) {
                let item = TimelineItem::Note { number: recorded.version, note };
                timeline.push(entry(recorded.position, recorded.meta, item));
            }
        }
    }
    timeline.sort_by_key(|entry| entry.position);
    Ok(CaseFile { client, version, summary, state, timeline, party })
}

fn entry(position: u64, meta: EventMeta, item: TimelineItem) -> TimelineEntry {
    TimelineEntry {
        position,
        occurred_on: meta.occurred_on,
        recorded_at: meta.recorded_at,
        actor: meta.actor,
        reason: meta.reason,
        item,
    }
}

/// Runs a command for an actor and returns the case's new version. The
/// policy decides who may ask, the domain's `decide` whether it is allowed;
/// a stale `expected_version` is a conflict and records nothing.
pub async fn execute(
    state: &AppState,
    actor: Arc<Actor>,
    client: ClientId,
    submission: Submission,
) -> Result<u32, ApiError> {
    let occurred_on = occurred_on(submission.occurred_on, state.today())?;
    let reason = checked_reason("reason", submission.reason)?;
    state
        .run(move |passend| {
            let summary = visible_summary(passend, &actor, client)?;
            policy::may_command(&actor, &summary, &submission.command, &passend.supply())?;
            let meta = EventMeta { occurred_on, recorded_at: Timestamp::now(), actor: actor.recorded_as(), reason };
            match passend.execute(client, &submission.command, meta, Some(submission.expected_version)) {
                Ok(version) => Ok(version),
                Err(CommandError::Store(StoreError::Conflict { expected, actual, .. })) => {
                    Err(ApiError::Conflict { expected, actual, current: serde_json::Value::Null })
                }
                Err(error) => Err(error.into()),
            }
        })
        .await
}

/// The day a command takes effect: today when absent; never in the future,
/// since a case records what happened, not what is planned.
pub fn occurred_on(given: Option<Date>, today: Date) -> Result<Date, ApiError> {
    let day = given.unwrap_or(today);
    if day > today {
        return Err(ApiError::bad_input(
            "occurred_on",
            format!("{day} lies in the future; today is {today}"),
            format!("De datum {day} ligt in de toekomst; vandaag is het {today}."),
        ));
    }
    Ok(day)
}

/// A reason (the request's `field`) is optional, trimmed, and short.
pub fn checked_reason(field: &str, reason: Option<String>) -> Result<Option<String>, ApiError> {
    let Some(reason) = reason.map(|reason| reason.trim().to_string()).filter(|reason| !reason.is_empty()) else {
        return Ok(None);
    };
    let chars = reason.chars().count();
    if chars > MAX_REASON_CHARS {
        return Err(ApiError::bad_input(
            field,
            format!("the {field} has {chars} characters; at most {MAX_REASON_CHARS} are allowed"),
            format!("De toelichting heeft {chars} tekens; er mogen er hoogstens {MAX_REASON_CHARS} zijn."),
        ));
    }
    Ok(Some(reason))
}

/// A note as recorded: its number, its envelope (author, time) and content.
#[derive(Debug, Clone)]
pub struct RecordedNote {
    pub number: u32,
    pub meta: EventMeta,
    pub note: NoteWritten,
}

/// Writes a note on a case for an actor, as the party the policy assigns.
pub async fn write_note(
    state: &AppState,
    actor: Arc<Actor>,
    client: ClientId,
    reply_to: Option<u32>,
    audience: Audience,
    text: String,
) -> Result<RecordedNote, ApiError> {
    let today = state.today();
    state
        .run(move |passend| {
            let summary = visible_summary(passend, &actor, client)?;
            let party = policy::note_party(&actor, &summary, &passend.supply())?;
            let meta = EventMeta {
                occurred_on: today,
                recorded_at: Timestamp::now(),
                actor: actor.recorded_as(),
                reason: None,
            };
            let number = passend.write_note(client, reply_to, audience, party, &text, meta.clone())?;
            let note = NoteWritten { reply_to, audience, party, text: text.trim().to_string() };
            Ok(RecordedNote { number, meta, note })
        })
        .await
}
