//! A client's case as an event stream: its events, the state they fold into,
//! the commands that produce them, and the rules of the *Voorschrift
//! Zorgtoewijzing* that decide.
//!
//! The flow is always the same: a [`CaseCommand`] is checked against the
//! current [`CaseState`] by [`decide`], which returns the events to record or
//! a [`Rejection`] that says why not; [`CaseState::apply`] folds the recorded
//! events. Each rule lives in one module of its own, named after the rule, and
//! quotes the seed it implements:
//!
//! - [`first_contact_deadline`]: 10 or 5 working days after an allocation.
//! - [`status_message`]: a waiting-status message (status, classification, lists).
//! - [`norm`]: the last day within the norm of a status.
//! - [`refusal_counting`]: which refusals count, and the second-refusal rule.
//! - [`bridging`]: admission to a bridging place and priority after it.
//! - [`care_refusal`]: the care-refusal request and its decision term.
//! - [`alerts`]: the deadlines and signals a mediator must act on.
//! - [`waiting_order`]: the default order of a location's waiting list.
//! - [`counts`]: distinct waiting persons per region and status.
//! - [`living_profile`]: the client's needs and wishes of a place (*woonprofiel*).

pub mod alerts;
pub mod bridging;
pub mod care_refusal;
pub mod counts;
pub mod first_contact_deadline;
pub mod living_profile;
pub mod norm;
pub mod refusal_counting;
pub mod status_message;
pub mod waiting_order;

mod command;
mod event;
mod rejection;
mod state;
mod summary;

#[cfg(test)]
mod tests;

pub use command::{CaseCommand, Context, SupplyLookup, decide};
pub use event::{CaseEvent, ClientRegistration, ListTarget};
pub use living_profile::LivingProfile;
pub use rejection::Rejection;
pub use state::{Allocation, CareEnd, CareRefusalRequest, CaseState, Indication, Offer, Placement, Waiting};
pub use summary::{CaseSummary, CaseView};
