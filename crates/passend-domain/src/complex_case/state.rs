//! A complex case folded from its events, and the views the parties need:
//! open and overdue tasks, who holds the direction, the overview of
//! everything tried.

use jiff::civil::Date;

use super::event::{
    Action, ActionList, Answer, ComplexCaseEvent, Opener, Organisation, OrganiserParty, Outcome, Participant, Round,
    TaskCreated, TaskStatus,
};
use super::{Role, Step};
use crate::codes::Region;
use crate::ids::{AgbCode, ClientId, OcoId};

/// A task of the case with its current status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Task {
    pub created: TaskCreated,
    pub created_on: Date,
    pub status: TaskStatus,
    /// Outcome notes, oldest first, each with its day.
    pub notes: Vec<(Date, String)>,
}

impl Task {
    /// Open (not done, not "not needed") and past its term on `today`.
    pub fn is_overdue_on(&self, today: Date) -> bool {
        !self.status.is_final() && today > self.created.due
    }
}

/// One registration of a round: the provider approached and its answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registration {
    pub round: Round,
    pub provider: AgbCode,
    pub approached_on: Date,
    pub information: String,
    pub answer: Option<(Date, Answer)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meeting {
    pub on: Date,
    pub chair: String,
    pub minute_taker: String,
    pub invitees: Vec<Participant>,
    /// Recorded once the meeting was held.
    pub held: Option<MeetingRecord>,
    pub evaluation: Option<(bool, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingRecord {
    pub held_on: Date,
    pub overview: String,
    pub outcomes: String,
}

/// An agreed action and its follow-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackedAction {
    pub action: Action,
    pub done: bool,
    pub follow_up: Vec<(Date, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Escalation {
    pub on: Date,
    pub level: u8,
    pub desk: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Closure {
    pub on: Date,
    pub outcome: Outcome,
    pub reason: String,
}

/// The facts fixed when the case was opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opening {
    pub client: ClientId,
    pub region: Region,
    pub by: Opener,
    pub reasons: String,
    pub on: Date,
}

/// A complex case as of its last event. `None` fields: not (yet) known.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ComplexCaseState {
    pub opening: Option<Opening>,
    pub step: Option<Step>,
    /// Each step opened: the day, the decision and why steps were skipped.
    pub steps: Vec<(Step, Date, String, Option<String>)>,
    pub dossierhouder: Option<AgbCode>,
    pub oco: Option<OcoId>,
    pub organiser: Option<OrganiserParty>,
    pub place_unfit: Option<(Date, String)>,
    pub tasks: Vec<Task>,
    pub registrations: Vec<Registration>,
    pub meeting: Option<Meeting>,
    pub meeting_actions: Vec<TrackedAction>,
    pub plan: Vec<TrackedAction>,
    pub progress: Vec<(Date, String)>,
    pub escalations: Vec<Escalation>,
    pub closure: Option<Closure>,
    pub last_event_on: Option<Date>,
}

impl ComplexCaseState {
    pub fn fold<'a>(events: impl IntoIterator<Item = (Date, &'a ComplexCaseEvent)>) -> ComplexCaseState {
        let mut state = ComplexCaseState::default();
        for (on, event) in events {
            state.apply(on, event);
        }
        state
    }

    pub fn apply(&mut self, on: Date, event: &ComplexCaseEvent) {
        self.last_event_on = Some(on);
        match event {
            ComplexCaseEvent::Opened { client, region, dossierhouder, oco, by, reasons } => {
                self.opening =
                    Some(Opening { client: *client, region: *region, by: *by, reasons: reasons.clone(), on });
                self.dossierhouder = *dossierhouder;
                self.oco = *oco;
            }
            ComplexCaseEvent::StepOpened { step, decision, skipped } => {
                self.step = Some(*step);
                self.steps.push((*step, on, decision.clone(), skipped.clone()));
            }
            ComplexCaseEvent::TaskCreated(created) => self.tasks.push(Task {
                created: created.clone(),
                created_on: on,
                status: TaskStatus::Open,
                notes: vec![],
            }),
            ComplexCaseEvent::TaskUpdated { id, status, note } => {
                if let Some(task) = self.tasks.iter_mut().find(|task| &task.created.id == id) {
                    task.status = *status;
                    task.notes.extend(note.iter().map(|note| (on, note.clone())));
                }
            }
            ComplexCaseEvent::CurrentPlaceUnfit { explanation } => self.place_unfit = Some((on, explanation.clone())),
            ComplexCaseEvent::DossierhouderRecorded { provider } => {
                self.dossierhouder = Some(*provider);
                // The dossierhouder's open tasks follow the case to the new one.
                for task in self.tasks.iter_mut().filter(|task| task.created.role == Role::Provider) {
                    if !task.status.is_final() {
                        task.created.responsible = Organisation::Provider(*provider);
                    }
                }
            }
            ComplexCaseEvent::OcoInvolved { oco } => self.oco = Some(*oco),
            ComplexCaseEvent::OrganiserChosen { organiser } => self.organiser = Some(*organiser),
            ComplexCaseEvent::ProviderApproached { round, provider, information } => {
                self.registrations.push(Registration {
                    round: *round,
                    provider: *provider,
                    approached_on: on,
                    information: information.clone(),
                    answer: None,
                })
            }
            ComplexCaseEvent::ProviderAnswered { round, provider, answer } => {
                if let Some(registration) = self.awaiting_answer_mut(*round, *provider) {
                    registration.answer = Some((on, answer.clone()));
                }
            }
            ComplexCaseEvent::MeetingPlanned { on: day, chair, minute_taker, invitees } => {
                self.meeting = Some(Meeting {
                    on: *day,
                    chair: chair.clone(),
                    minute_taker: minute_taker.clone(),
                    invitees: invitees.clone(),
                    held: None,
                    evaluation: None,
                })
            }
            ComplexCaseEvent::MeetingHeld { overview, outcomes, actions } => {
                if let Some(meeting) = &mut self.meeting {
                    meeting.held =
                        Some(MeetingRecord { held_on: on, overview: overview.clone(), outcomes: outcomes.clone() });
                }
                self.meeting_actions = tracked(actions);
            }
            ComplexCaseEvent::ActionFollowedUp { list, index, done, note } => {
                let actions = match list {
                    ActionList::Meeting => &mut self.meeting_actions,
                    ActionList::Plan => &mut self.plan,
                };
                if let Some(action) = actions.get_mut(*index as usize) {
                    action.done = *done;
                    action.follow_up.push((on, note.clone()));
                }
            }
            ComplexCaseEvent::MeetingEvaluated { mandate_present, evaluation } => {
                if let Some(meeting) = &mut self.meeting {
                    meeting.evaluation = Some((*mandate_present, evaluation.clone()));
                }
            }
            ComplexCaseEvent::PlanRecorded { actions } => self.plan = tracked(actions),
            ComplexCaseEvent::ProgressReported { text } => self.progress.push((on, text.clone())),
            ComplexCaseEvent::Escalated { level, desk, reason } => {
                self.escalations.push(Escalation { on, level: *level, desk: desk.clone(), reason: reason.clone() })
            }
            ComplexCaseEvent::Closed { outcome, reason } => {
                self.closure = Some(Closure { on, outcome: *outcome, reason: reason.clone() })
            }
        }
    }

    pub(crate) fn awaiting_answer_mut(&mut self, round: Round, provider: AgbCode) -> Option<&mut Registration> {
        self.registrations.iter_mut().find(|registration| {
            registration.round == round && registration.provider == provider && registration.answer.is_none()
        })
    }

    pub fn is_open(&self) -> bool {
        self.opening.is_some() && self.closure.is_none()
    }

    pub fn task(&self, id: &str) -> Option<&Task> {
        self.tasks.iter().find(|task| task.created.id == id)
    }

    /// The tasks not done yet, in the order they were created; none once
    /// the case is closed (nothing is due in a closed case).
    pub fn open_tasks(&self) -> impl Iterator<Item = &Task> {
        let open = self.closure.is_none();
        self.tasks.iter().filter(move |task| open && !task.status.is_final())
    }

    /// The open tasks past their term on `today`.
    pub fn overdue_tasks(&self, today: Date) -> impl Iterator<Item = &Task> {
        self.open_tasks().filter(move |task| task.is_overdue_on(today))
    }

    /// Who holds the direction (*regie*) in the current step: per the seed,
    /// the party with final responsibility for a task directs its execution,
    /// so these are the parties of the step's open tasks, each with its
    /// tasks, in the order of the matrix.
    pub fn direction(&self) -> Vec<(Organisation, Vec<&Task>)> {
        let mut direction: Vec<(Organisation, Vec<&Task>)> = Vec::new();
        for task in self.open_tasks().filter(|task| Some(task.created.step) == self.step) {
            match direction.iter_mut().find(|(party, _)| *party == task.created.responsible) {
                Some((_, tasks)) => tasks.push(task),
                None => direction.push((task.created.responsible, vec![task])),
            }
        }
        direction
    }

    /// The provider responsible for the client's care: the dossierhouder,
    /// until care is handed over (Voorschrift 2026, p. 245) — after that the
    /// provider it was handed to.
    pub fn responsible_for_care(&self) -> Option<AgbCode> {
        match self.closure.as_ref().map(|closure| closure.outcome) {
            Some(Outcome::CareHandedOver { provider }) => Some(provider),
            _ => self.dossierhouder,
        }
    }

    /// A first draft of the overview of everything tried (task 4.1, 5.2),
    /// generated from the case's events; the provider edits it before the
    /// meeting. In Dutch: it is read by the parties.
    pub fn tried_overview(&self) -> String {
        let mut lines = Vec::new();
        if let Some(opening) = &self.opening {
            lines.push(format!("{}: casus geopend — {}", opening.on, opening.reasons));
        }
        for (step, on, decision, skipped) in &self.steps {
            let skipped =
                skipped.as_ref().map(|reason| format!(" (overgeslagen stappen: {reason})")).unwrap_or_default();
            lines.push(format!("{on}: stap {step} ({}) — {decision}{skipped}", step.label_nl()));
        }
        if let Some((on, explanation)) = &self.place_unfit {
            lines.push(format!("{on}: huidige plek niet langer passend — {explanation}"));
        }
        for task in self.tasks.iter().filter(|task| task.status == TaskStatus::Done) {
            let notes: Vec<&str> = task.notes.iter().map(|(_, note)| note.as_str()).collect();
            lines.push(
                format!("taak {} afgerond: {} {}", task.created.id, task.created.task, notes.join(" "))
                    .trim_end()
                    .to_string(),
            );
        }
        for registration in &self.registrations {
            let answer = match &registration.answer {
                None => "nog geen antwoord".to_string(),
                Some((_, Answer::Place { .. })) => "plek".to_string(),
                Some((_, Answer::WaitingList)) => "wachtlijst".to_string(),
                Some((_, Answer::Refused { reason })) => format!("afgewezen: {reason}"),
            };
            lines.push(format!(
                "{}: {} — aanbieder {} benaderd; {answer}",
                registration.approached_on,
                registration.round.label_nl(),
                registration.provider
            ));
        }
        for escalation in &self.escalations {
            lines.push(format!("{}: opgeschaald naar {} — {}", escalation.on, escalation.desk, escalation.reason));
        }
        lines.join("\n")
    }
}

fn tracked(actions: &[Action]) -> Vec<TrackedAction> {
    actions.iter().map(|action| TrackedAction { action: action.clone(), done: false, follow_up: vec![] }).collect()
}
