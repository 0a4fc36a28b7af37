//! The events of a complex case: its own stream beside the client's case.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::{Role, Step};
use crate::codes::Region;
use crate::ids::{AgbCode, ClientId, LocationId, OcoId};

/// An organisation that holds a task or takes part in a case: the matrix's
/// roles resolved to the actual parties of this client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Organisation {
    Provider(AgbCode),
    Zorgkantoor(Region),
    Oco(OcoId),
}

/// Who opened the case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Opener {
    Zorgkantoor,
    Dossierhouder,
}

/// The party chosen to organise the meeting of step 5 (seed 002: "kan je per
/// bijeenkomst bepalen"); the evaluation of step 6 falls to it too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrganiserParty {
    Dossierhouder,
    Zorgkantoor,
}

/// The state of a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    Open,
    InProgress,
    Done,
    /// Not needed in this case (with a note saying why).
    NotNeeded,
}

impl TaskStatus {
    pub const ALL: [TaskStatus; 4] =
        [TaskStatus::Open, TaskStatus::InProgress, TaskStatus::Done, TaskStatus::NotNeeded];

    /// Done or not needed: nothing more happens to the task.
    pub fn is_final(self) -> bool {
        matches!(self, TaskStatus::Done | TaskStatus::NotNeeded)
    }

    pub fn token(self) -> &'static str {
        match self {
            TaskStatus::Open => "open",
            TaskStatus::InProgress => "in_progress",
            TaskStatus::Done => "done",
            TaskStatus::NotNeeded => "not_needed",
        }
    }

    pub fn parse(token: &str) -> Option<TaskStatus> {
        TaskStatus::ALL.into_iter().find(|status| status.token() == token)
    }

    pub fn label_nl(self) -> &'static str {
        match self {
            TaskStatus::Open => "open",
            TaskStatus::InProgress => "bezig",
            TaskStatus::Done => "afgerond",
            TaskStatus::NotNeeded => "niet nodig",
        }
    }
}

/// A task as created from the matrix when its step opened (or when its party
/// became known): the text and term are kept, so a later change of the
/// matrix never rewrites a case's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskCreated {
    pub id: String,
    pub step: Step,
    pub task: String,
    pub role: Role,
    pub responsible: Organisation,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub contributions: String,
    pub due: Date,
}

/// The registration rounds of steps 3 (the provider's) and 4 (the
/// zorgkantoor's second round, visible to every party of the case).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Round {
    First,
    Second,
}

impl Round {
    /// The step in which the round may start.
    pub fn step(self) -> Step {
        match self {
            Round::First => Step::SEARCH,
            Round::Second => Step::EXPLORE,
        }
    }

    pub fn token(self) -> &'static str {
        match self {
            Round::First => "first",
            Round::Second => "second",
        }
    }

    pub fn parse(token: &str) -> Option<Round> {
        [Round::First, Round::Second].into_iter().find(|round| round.token() == token)
    }

    pub fn label_nl(self) -> &'static str {
        match self {
            Round::First => "eerste aanmeldronde",
            Round::Second => "tweede aanmeldronde",
        }
    }
}

/// A provider's answer to a registration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    /// A place, at a location when known.
    Place {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        location: Option<LocationId>,
    },
    /// The client may join the waiting list.
    WaitingList,
    Refused {
        reason: String,
    },
}

/// Someone invited to the meeting, and whether they can decide for their
/// organisation (*mandaat*) — the evaluation of step 6 asks exactly that.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    pub name: String,
    pub organisation: String,
    pub mandate: bool,
}

/// An agreed action with its owner and term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Action {
    pub what: String,
    pub owner: String,
    pub due: Date,
}

/// Which list of actions a follow-up is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionList {
    /// The agreements of the meeting (step 5).
    Meeting,
    /// The plan of approach (step 6).
    Plan,
}

/// How a case ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// A fitting place was found (at a location when known).
    PlaceFound {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        location: Option<LocationId>,
    },
    /// Care was handed over to another provider: from now on that provider
    /// is responsible for the client's care.
    CareHandedOver {
        provider: AgbCode,
    },
    Other,
}

/// What happened in a complex case (*complexe casus*). The date of each event
/// is in the store's envelope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ComplexCaseEvent {
    /// The case was opened (early warning, domain.md §6 step 2, or a
    /// registration without a dossierhouder, step 1).
    Opened {
        client: ClientId,
        region: Region,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        dossierhouder: Option<AgbCode>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        oco: Option<OcoId>,
        by: Opener,
        reasons: String,
    },
    /// A step opened, by a recorded decision; `skipped` says why steps in
    /// between were skipped.
    StepOpened {
        step: Step,
        decision: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        skipped: Option<String>,
    },
    TaskCreated(TaskCreated),
    TaskUpdated {
        id: String,
        status: TaskStatus,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    /// The dossierhouder established that the current place, with the
    /// current care, no longer fits (task 2.4).
    CurrentPlaceUnfit {
        explanation: String,
    },
    /// The client now has this dossierhouder (step 1 ends; or a change).
    DossierhouderRecorded {
        provider: AgbCode,
    },
    /// An OCO became involved: its tasks of the current step are created.
    OcoInvolved {
        oco: OcoId,
    },
    OrganiserChosen {
        organiser: OrganiserParty,
    },
    ProviderApproached {
        round: Round,
        provider: AgbCode,
        information: String,
    },
    ProviderAnswered {
        round: Round,
        provider: AgbCode,
        answer: Answer,
    },
    MeetingPlanned {
        on: Date,
        chair: String,
        minute_taker: String,
        invitees: Vec<Participant>,
    },
    MeetingHeld {
        /// The overview of everything tried, as edited for the meeting.
        overview: String,
        outcomes: String,
        actions: Vec<Action>,
    },
    ActionFollowedUp {
        list: ActionList,
        /// The action's position in its list (0 for the first).
        index: u32,
        done: bool,
        note: String,
    },
    MeetingEvaluated {
        mandate_present: bool,
        evaluation: String,
    },
    PlanRecorded {
        actions: Vec<Action>,
    },
    /// The provider informed the zorgkantoor about progress (task 6.5).
    ProgressReported {
        text: String,
    },
    /// Scaled up one rung of the ladder, after a warm hand-over.
    Escalated {
        level: u8,
        desk: String,
        reason: String,
    },
    Closed {
        outcome: Outcome,
        reason: String,
    },
}

impl ComplexCaseEvent {
    /// The snake_case name used as the event's type in storage and the API.
    pub fn kind(&self) -> &'static str {
        match self {
            ComplexCaseEvent::Opened { .. } => "complex_case_opened",
            ComplexCaseEvent::StepOpened { .. } => "step_opened",
            ComplexCaseEvent::TaskCreated(_) => "task_created",
            ComplexCaseEvent::TaskUpdated { .. } => "task_updated",
            ComplexCaseEvent::CurrentPlaceUnfit { .. } => "current_place_unfit",
            ComplexCaseEvent::DossierhouderRecorded { .. } => "dossierhouder_recorded",
            ComplexCaseEvent::OcoInvolved { .. } => "oco_involved",
            ComplexCaseEvent::OrganiserChosen { .. } => "organiser_chosen",
            ComplexCaseEvent::ProviderApproached { .. } => "provider_approached",
            ComplexCaseEvent::ProviderAnswered { .. } => "provider_answered",
            ComplexCaseEvent::MeetingPlanned { .. } => "meeting_planned",
            ComplexCaseEvent::MeetingHeld { .. } => "meeting_held",
            ComplexCaseEvent::ActionFollowedUp { .. } => "action_followed_up",
            ComplexCaseEvent::MeetingEvaluated { .. } => "meeting_evaluated",
            ComplexCaseEvent::PlanRecorded { .. } => "plan_recorded",
            ComplexCaseEvent::ProgressReported { .. } => "progress_reported",
            ComplexCaseEvent::Escalated { .. } => "escalated",
            ComplexCaseEvent::Closed { .. } => "complex_case_closed",
        }
    }
}
