//! Complex cases (*complexe casuïstiek*): the six-step search for a fitting
//! housing-care place when suitable care cannot be organised (seed 002,
//! domain.md §6), with one responsible party per task, and escalation up a
//! ladder of desks (seed 004, "los op of schaal op").
//!
//! A complex case is an event stream of its own, linked to the client's
//! case: it never changes the client's waiting status or allocation (those
//! stay with the case rules), and many parties write to it without making
//! each other's forms on the client's case stale.
//!
//! - [`Step`]: the six steps; they only go forward, by a recorded decision,
//!   and skipping one needs a reason.
//! - [`TaskMatrix`]: the tasks per step as data (`data/complex-case-tasks.csv`).
//! - [`decide`] and [`ComplexCaseState`]: the rules and the fold, with the
//!   views the parties need (open and overdue tasks, who holds the direction,
//!   the overview of everything tried).
//! - [`EscalationLadder`]: the desks a case can be scaled up to.

mod command;
mod escalation;
mod event;
mod rejection;
mod state;
mod step;
mod task_matrix;
#[cfg(test)]
mod tests;

pub use command::{ComplexCaseCommand, ComplexContext, MAX_TEXT_CHARS, decide};
pub use escalation::EscalationLadder;
pub use event::{
    Action, ActionList, Answer, ComplexCaseEvent, Opener, Organisation, OrganiserParty, Outcome, Participant, Round,
    TaskCreated, TaskStatus,
};
pub use rejection::ComplexRejection;
pub use state::{
    Closure, ComplexCaseState, Escalation, Meeting, MeetingRecord, Opening, Registration, Task, TrackedAction,
};
pub use step::Step;
pub use task_matrix::{MatrixError, Role, TaskMatrix, TaskTemplate};
