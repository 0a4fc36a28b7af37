//! Commands on a complex case and `decide`: a command checked against the
//! case becomes the events to record, or a rejection.

use jiff::ToSpan;
use jiff::civil::Date;

use super::event::{
    Action, ActionList, Answer, ComplexCaseEvent, Opener, Organisation, OrganiserParty, Outcome, Participant, Round,
    TaskCreated, TaskStatus,
};
use super::{ComplexCaseState, ComplexRejection, EscalationLadder, Role, Step, TaskMatrix, TaskTemplate};
use crate::case::SupplyLookup;
use crate::codes::Region;
use crate::ids::{AgbCode, ClientId, OcoId};

/// The longest free text accepted in a complex case, in characters.
pub const MAX_TEXT_CHARS: usize = 4000;

/// What a party asks to record in a complex case.
#[derive(Debug, Clone, PartialEq)]
pub enum ComplexCaseCommand {
    /// Opens the case. The client's region, dossierhouder and consented OCO
    /// are read from the client's case by the caller. Without a dossierhouder
    /// the case starts at step 1 (registration), with one at step 2 (the
    /// early warning): a case cannot start later, because step 2 closes only
    /// on the dossierhouder's finding that the current place no longer fits.
    Open {
        client: ClientId,
        region: Region,
        dossierhouder: Option<AgbCode>,
        oco: Option<OcoId>,
        by: Opener,
        reasons: String,
    },
    /// Opens a later step by a recorded decision.
    AdvanceStep {
        to: Step,
        decision: String,
        skipped: Option<String>,
    },
    /// The dossierhouder establishes that the current place no longer fits.
    DeclarePlaceUnfit {
        provider: AgbCode,
        explanation: String,
    },
    RecordDossierhouder {
        provider: AgbCode,
    },
    InvolveOco {
        oco: OcoId,
    },
    ChooseOrganiser {
        organiser: OrganiserParty,
    },
    UpdateTask {
        id: String,
        status: TaskStatus,
        note: Option<String>,
    },
    ApproachProvider {
        round: Round,
        provider: AgbCode,
        information: String,
    },
    RecordAnswer {
        round: Round,
        provider: AgbCode,
        answer: Answer,
    },
    PlanMeeting {
        on: Date,
        chair: String,
        minute_taker: String,
        invitees: Vec<Participant>,
    },
    RecordMeeting {
        overview: String,
        outcomes: String,
        actions: Vec<Action>,
    },
    FollowUpAction {
        list: ActionList,
        index: u32,
        done: bool,
        note: String,
    },
    EvaluateMeeting {
        mandate_present: bool,
        evaluation: String,
    },
    RecordPlan {
        actions: Vec<Action>,
    },
    ReportProgress {
        text: String,
    },
    /// Scales the case up one rung; `handover_confirmed`: the next desk
    /// confirmed it can help.
    Escalate {
        reason: String,
        handover_confirmed: bool,
    },
    Close {
        outcome: Outcome,
        reason: String,
    },
}

/// What `decide` needs besides the case.
#[derive(Clone, Copy)]
pub struct ComplexContext<'a> {
    pub matrix: &'a TaskMatrix,
    pub ladder: &'a EscalationLadder,
    pub supply: &'a dyn SupplyLookup,
}

/// Checks `command` against `state` on day `on` and returns the events to
/// record. Every command but `Open` needs an open case; no command may be
/// dated before the case's last event.
pub fn decide(
    state: &ComplexCaseState,
    command: &ComplexCaseCommand,
    on: Date,
    context: ComplexContext<'_>,
) -> Result<Vec<ComplexCaseEvent>, ComplexRejection> {
    if let Some(last) = state.last_event_on.filter(|last| on < *last) {
        return Err(ComplexRejection::BeforeLastEvent { on, last });
    }
    if let ComplexCaseCommand::Open { client, region, dossierhouder, oco, by, reasons } = command {
        if state.opening.is_some() {
            return Err(ComplexRejection::AlreadyOpened);
        }
        if *by == Opener::Dossierhouder && dossierhouder.is_none() {
            return Err(ComplexRejection::NoDossierhouderToOpen);
        }
        text("reasons", reasons)?;
        let opened = ComplexCaseEvent::Opened {
            client: *client,
            region: *region,
            dossierhouder: *dossierhouder,
            oco: *oco,
            by: *by,
            reasons: reasons.clone(),
        };
        let mut opened_state = state.clone();
        opened_state.apply(on, &opened);
        let start = if dossierhouder.is_some() { Step::CURRENT_PLACE } else { Step::FIRST };
        let mut events = vec![opened];
        events.extend(open_step(&opened_state, start, start, reasons, None, on, context)?);
        return Ok(events);
    }
    let Some(opening) = &state.opening else {
        return Err(ComplexRejection::NotOpened);
    };
    if let Some(closure) = &state.closure {
        return Err(ComplexRejection::Closed { on: closure.on });
    }
    let current = state.step.unwrap_or(Step::FIRST);
    let region = opening.region;
    match command {
        ComplexCaseCommand::Open { .. } => unreachable!("handled above"),
        ComplexCaseCommand::AdvanceStep { to, decision, skipped } => {
            if *to <= current {
                return Err(ComplexRejection::NotForward { current, to: *to });
            }
            let next = Step::new(current.number() + 1).unwrap_or(current);
            open_step(state, next, *to, decision, skipped.as_deref(), on, context)
        }
        ComplexCaseCommand::DeclarePlaceUnfit { provider, explanation } => {
            if state.dossierhouder != Some(*provider) {
                return Err(ComplexRejection::NotDossierhouder { provider: *provider });
            }
            text("explanation", explanation)?;
            Ok(vec![ComplexCaseEvent::CurrentPlaceUnfit { explanation: explanation.clone() }])
        }
        ComplexCaseCommand::RecordDossierhouder { provider } => {
            if !context.supply.provider_exists(*provider) {
                return Err(ComplexRejection::UnknownProvider(*provider));
            }
            Ok(vec![ComplexCaseEvent::DossierhouderRecorded { provider: *provider }])
        }
        ComplexCaseCommand::InvolveOco { oco } => {
            if state.oco == Some(*oco) {
                return Err(ComplexRejection::OcoAlreadyInvolved);
            }
            let mut events = vec![ComplexCaseEvent::OcoInvolved { oco: *oco }];
            let mut involved = state.clone();
            involved.apply(on, &events[0]);
            events.extend(new_tasks(&involved, current, on, context.matrix, region));
            Ok(events)
        }
        ComplexCaseCommand::ChooseOrganiser { organiser } => {
            if current < Step::MEETING {
                return Err(ComplexRejection::OrganiserBeforeMeetingStep { current });
            }
            let mut events = vec![ComplexCaseEvent::OrganiserChosen { organiser: *organiser }];
            let mut chosen = state.clone();
            chosen.apply(on, &events[0]);
            events.extend(new_tasks(&chosen, current, on, context.matrix, region));
            Ok(events)
        }
        ComplexCaseCommand::UpdateTask { id, status, note } => {
            let task = state.task(id).ok_or_else(|| ComplexRejection::UnknownTask(id.clone()))?;
            if task.status.is_final() {
                return Err(ComplexRejection::TaskFinished(id.clone()));
            }
            let note = note.as_ref().filter(|note| !note.trim().is_empty());
            if let Some(note) = note {
                text("note", note)?;
            }
            if *status == TaskStatus::NotNeeded && note.is_none() {
                return Err(ComplexRejection::NotNeededWithoutNote);
            }
            Ok(vec![ComplexCaseEvent::TaskUpdated { id: id.clone(), status: *status, note: note.cloned() }])
        }
        ComplexCaseCommand::ApproachProvider { round, provider, information } => {
            if current < round.step() {
                return Err(ComplexRejection::RoundTooEarly { round: *round, current });
            }
            if !context.supply.provider_exists(*provider) {
                return Err(ComplexRejection::UnknownProvider(*provider));
            }
            if state.registrations.iter().any(|r| r.round == *round && r.provider == *provider && r.answer.is_none()) {
                return Err(ComplexRejection::AlreadyApproached { provider: *provider });
            }
            text("information", information)?;
            Ok(vec![ComplexCaseEvent::ProviderApproached {
                round: *round,
                provider: *provider,
                information: information.clone(),
            }])
        }
        ComplexCaseCommand::RecordAnswer { round, provider, answer } => {
            if !state.registrations.iter().any(|r| r.round == *round && r.provider == *provider && r.answer.is_none()) {
                return Err(ComplexRejection::NotApproached { provider: *provider });
            }
            match answer {
                Answer::Place { location: Some(location) } => match context.supply.provider_of(*location) {
                    None => return Err(ComplexRejection::UnknownLocation(*location)),
                    Some(owner) if owner != *provider => {
                        return Err(ComplexRejection::LocationOfOtherProvider {
                            location: *location,
                            provider: *provider,
                        });
                    }
                    Some(_) => {}
                },
                Answer::Refused { reason } => text("refusal reason", reason)?,
                Answer::Place { location: None } | Answer::WaitingList => {}
            }
            Ok(vec![ComplexCaseEvent::ProviderAnswered { round: *round, provider: *provider, answer: answer.clone() }])
        }
        ComplexCaseCommand::PlanMeeting { on: day, chair, minute_taker, invitees } => {
            if current < Step::MEETING {
                return Err(ComplexRejection::MeetingTooEarly { current });
            }
            if state.organiser.is_none() {
                return Err(ComplexRejection::NoOrganiser);
            }
            if state.meeting.as_ref().is_some_and(|meeting| meeting.held.is_some()) {
                return Err(ComplexRejection::MeetingAlreadyHeld);
            }
            text("chair", chair)?;
            text("minute taker", minute_taker)?;
            if invitees.is_empty() {
                return Err(ComplexRejection::NoInvitees);
            }
            for invitee in invitees {
                text("participant name", &invitee.name)?;
                text("participant organisation", &invitee.organisation)?;
            }
            Ok(vec![ComplexCaseEvent::MeetingPlanned {
                on: *day,
                chair: chair.clone(),
                minute_taker: minute_taker.clone(),
                invitees: invitees.clone(),
            }])
        }
        ComplexCaseCommand::RecordMeeting { overview, outcomes, actions } => {
            let meeting = state.meeting.as_ref().ok_or(ComplexRejection::NoMeeting)?;
            if meeting.held.is_some() {
                return Err(ComplexRejection::MeetingAlreadyHeld);
            }
            if on < meeting.on {
                return Err(ComplexRejection::MeetingNotYet { planned: meeting.on });
            }
            text("overview", overview)?;
            text("outcomes", outcomes)?;
            check_actions(actions, on)?;
            Ok(vec![ComplexCaseEvent::MeetingHeld {
                overview: overview.clone(),
                outcomes: outcomes.clone(),
                actions: actions.clone(),
            }])
        }
        ComplexCaseCommand::FollowUpAction { list, index, done, note } => {
            let actions = match list {
                ActionList::Meeting => &state.meeting_actions,
                ActionList::Plan => &state.plan,
            };
            if actions.get(*index as usize).is_none() {
                return Err(ComplexRejection::UnknownAction { index: *index });
            }
            text("note", note)?;
            Ok(vec![ComplexCaseEvent::ActionFollowedUp { list: *list, index: *index, done: *done, note: note.clone() }])
        }
        ComplexCaseCommand::EvaluateMeeting { mandate_present, evaluation } => {
            if current < Step::PLAN {
                return Err(ComplexRejection::PlanTooEarly { current });
            }
            if state.meeting.as_ref().is_none_or(|meeting| meeting.held.is_none()) {
                return Err(ComplexRejection::MeetingNotHeld);
            }
            text("evaluation", evaluation)?;
            Ok(vec![ComplexCaseEvent::MeetingEvaluated {
                mandate_present: *mandate_present,
                evaluation: evaluation.clone(),
            }])
        }
        ComplexCaseCommand::RecordPlan { actions } => {
            if current < Step::PLAN {
                return Err(ComplexRejection::PlanTooEarly { current });
            }
            check_actions(actions, on)?;
            Ok(vec![ComplexCaseEvent::PlanRecorded { actions: actions.clone() }])
        }
        ComplexCaseCommand::ReportProgress { text: progress } => {
            if current < Step::PLAN {
                return Err(ComplexRejection::PlanTooEarly { current });
            }
            text("progress", progress)?;
            Ok(vec![ComplexCaseEvent::ProgressReported { text: progress.clone() }])
        }
        ComplexCaseCommand::Escalate { reason, handover_confirmed } => {
            let current_level = state.escalations.last().map(|escalation| escalation.level);
            let level = context.ladder.next(current_level).ok_or(ComplexRejection::TopOfLadder)?;
            text("reasons", reason)?;
            if !handover_confirmed {
                return Err(ComplexRejection::HandoverNotConfirmed);
            }
            let desk = context.ladder.desk(level).unwrap_or_default().to_string();
            Ok(vec![ComplexCaseEvent::Escalated { level, desk, reason: reason.clone() }])
        }
        ComplexCaseCommand::Close { outcome, reason } => {
            match outcome {
                Outcome::PlaceFound { location: Some(location) } if context.supply.provider_of(*location).is_none() => {
                    return Err(ComplexRejection::UnknownLocation(*location));
                }
                Outcome::CareHandedOver { provider } if !context.supply.provider_exists(*provider) => {
                    return Err(ComplexRejection::UnknownProvider(*provider));
                }
                _ => {}
            }
            text("closing reason", reason)?;
            Ok(vec![ComplexCaseEvent::Closed { outcome: *outcome, reason: reason.clone() }])
        }
    }
}

/// Opens step `to`, where `next` is the step that would come next: skipping
/// the steps in between needs a reason, steps 2–6 need a dossierhouder, and
/// passing step 2 needs the dossierhouder's finding that the current place
/// no longer fits. The step's tasks are created with it.
fn open_step(
    state: &ComplexCaseState,
    next: Step,
    to: Step,
    decision: &str,
    skipped: Option<&str>,
    on: Date,
    context: ComplexContext<'_>,
) -> Result<Vec<ComplexCaseEvent>, ComplexRejection> {
    let current = state.step;
    if to < next {
        return Err(ComplexRejection::NotForward { current: current.unwrap_or(next), to });
    }
    text("decision", decision)?;
    let skipped = skipped.map(str::trim).filter(|reason| !reason.is_empty());
    if to > next && skipped.is_none() {
        return Err(ComplexRejection::SkipWithoutReason { current: current.unwrap_or(next), to });
    }
    if let Some(reason) = skipped {
        text("skip reason", reason)?;
    }
    if to >= Step::CURRENT_PLACE && state.dossierhouder.is_none() {
        return Err(ComplexRejection::NeedsDossierhouder { to });
    }
    let passes_step_2 = current.is_none_or(|current| current <= Step::CURRENT_PLACE) && to > Step::CURRENT_PLACE;
    if passes_step_2 && state.place_unfit.is_none() {
        return Err(ComplexRejection::PlaceStillFits);
    }
    let opened = ComplexCaseEvent::StepOpened {
        step: to,
        decision: decision.to_string(),
        skipped: if to > next { skipped.map(str::to_string) } else { None },
    };
    let mut stepped = state.clone();
    stepped.apply(on, &opened);
    let region = state.opening.as_ref().map(|opening| opening.region).ok_or(ComplexRejection::NotOpened)?;
    let mut events = vec![opened];
    events.extend(new_tasks(&stepped, to, on, context.matrix, region));
    Ok(events)
}

/// The tasks of `step` whose party is known and that the case does not have
/// yet: all of them when the step opens; the OCO's when an OCO becomes
/// involved; the organiser's when the organiser is chosen. The term runs
/// from the step's opening day.
fn new_tasks(
    state: &ComplexCaseState,
    step: Step,
    on: Date,
    matrix: &TaskMatrix,
    region: Region,
) -> Vec<ComplexCaseEvent> {
    let opened_on = state.steps.iter().rev().find(|(opened, ..)| *opened == step).map_or(on, |(_, day, ..)| *day);
    matrix
        .of_step(step)
        .filter(|template| state.task(&template.id).is_none())
        .filter_map(|template| {
            let responsible = resolve(state, template, region)?;
            Some(ComplexCaseEvent::TaskCreated(TaskCreated {
                id: template.id.clone(),
                step,
                task: template.text_nl().to_string(),
                role: template.responsible,
                responsible,
                contributions: template.contributions.clone(),
                due: opened_on.checked_add(i64::from(template.due_days).days()).unwrap_or(Date::MAX),
            }))
        })
        .collect()
}

/// The organisation that holds a task of the matrix in this case, if known.
fn resolve(state: &ComplexCaseState, template: &TaskTemplate, region: Region) -> Option<Organisation> {
    let dossierhouder = state.dossierhouder.map(Organisation::Provider);
    match template.responsible {
        Role::Provider => dossierhouder,
        Role::Zorgkantoor => Some(Organisation::Zorgkantoor(region)),
        Role::Oco => state.oco.map(Organisation::Oco),
        Role::Organiser => match state.organiser? {
            OrganiserParty::Dossierhouder => dossierhouder,
            OrganiserParty::Zorgkantoor => Some(Organisation::Zorgkantoor(region)),
        },
    }
}

fn check_actions(actions: &[Action], on: Date) -> Result<(), ComplexRejection> {
    for action in actions {
        text("action", &action.what)?;
        text("action owner", &action.owner)?;
        if action.due < on {
            return Err(ComplexRejection::ActionDueInPast { due: action.due, on });
        }
    }
    Ok(())
}

/// A required free text: not blank, at most [`MAX_TEXT_CHARS`].
fn text(field: &'static str, value: &str) -> Result<(), ComplexRejection> {
    if value.trim().is_empty() {
        return Err(ComplexRejection::Empty { field });
    }
    let chars = value.chars().count();
    if chars > MAX_TEXT_CHARS {
        return Err(ComplexRejection::TooLong { field, chars, max: MAX_TEXT_CHARS });
    }
    Ok(())
}
