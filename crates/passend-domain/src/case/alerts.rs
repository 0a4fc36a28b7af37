//! The deadlines and signals a mediator must act on, as of any date.
//!
//! `scenarios/README.md`, "Alerts" (the exact set):
//! - `no_allocation`: the client has an indication and no dossierhouder
//!   (seed 000: "Zolang er geen zorgtoewijzing is aangemaakt blijft het
//!   zorgkantoor deze cliënten periodiek monitoren");
//! - `first_contact_overdue`: a dossierhouder, no first contact registered for
//!   the current allocation, and the day is after `first_contact_due`;
//! - `norm_exceeded`: waiting, a norm, and the day is after `norm_due`;
//! - `care_refusal_decision_due`: an open request and the day is after the
//!   request day + 7;
//! - `bridged_waiting`: in bridging care and still waiting (seed 000:
//!   "Zorgkantoren monitoren deze groep cliënten in het wachtlijstbeheer").
//!
//! After the end of care no alert is open.
//!
//! Each alert is computed once per state change as a [`ScheduledAlert`] with
//! the day it opens, so that "open on day D" is a comparison: projections store
//! the schedule and any date can be asked without refolding the case.

use jiff::ToSpan;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::{CaseState, care_refusal};
use crate::ids::AgbCode;
use crate::policy::PolicySet;

/// A kind of alert. Ordered by urgency: the legal one-week decision term
/// first, monitoring signals last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlertKind {
    CareRefusalDecisionDue,
    FirstContactOverdue,
    NormExceeded,
    NoAllocation,
    BridgedWaiting,
}

impl AlertKind {
    pub const ALL: [AlertKind; 5] = [
        AlertKind::CareRefusalDecisionDue,
        AlertKind::FirstContactOverdue,
        AlertKind::NormExceeded,
        AlertKind::NoAllocation,
        AlertKind::BridgedWaiting,
    ];

    pub fn token(self) -> &'static str {
        match self {
            AlertKind::CareRefusalDecisionDue => "care_refusal_decision_due",
            AlertKind::FirstContactOverdue => "first_contact_overdue",
            AlertKind::NormExceeded => "norm_exceeded",
            AlertKind::NoAllocation => "no_allocation",
            AlertKind::BridgedWaiting => "bridged_waiting",
        }
    }

    pub fn parse_token(token: &str) -> Option<AlertKind> {
        AlertKind::ALL.into_iter().find(|kind| kind.token() == token)
    }

    pub fn label_nl(self) -> &'static str {
        match self {
            AlertKind::CareRefusalDecisionDue => "Besluit zorgweigering te laat",
            AlertKind::FirstContactOverdue => "Eerste contact te laat",
            AlertKind::NormExceeded => "Streefnorm overschreden",
            AlertKind::NoAllocation => "Geen zorgtoewijzing",
            AlertKind::BridgedWaiting => "Wacht in overbruggingszorg",
        }
    }
}

/// An alert of a case and the day it opens; it stays open until the case changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduledAlert {
    pub kind: AlertKind,
    /// The first day on which the alert is open.
    pub opens_on: Date,
    /// The deadline that was missed, for the kinds that have one.
    pub deadline: Option<Date>,
    /// The provider that must act (the dossierhouder), if any.
    pub provider: Option<AgbCode>,
}

impl ScheduledAlert {
    pub fn is_open_on(&self, day: Date) -> bool {
        self.opens_on <= day
    }
}

/// Whether `day` is past a deadline: a term's last day is still within it,
/// so an overdue alert opens the day after (`scenarios/README.md`: "`on` >
/// `first_contact_due`", "`on` > `norm_due`", "`on` > request day + 7").
/// Everything that asks "too late?" — alerts, the report's longer-than-norm
/// count — asks it here.
pub fn is_overdue(deadline: Date, day: Date) -> bool {
    day > deadline
}

/// The first day on which [`is_overdue`] holds.
fn first_day_overdue(deadline: Date) -> Date {
    deadline.checked_add(1.day()).unwrap_or(Date::MAX)
}

/// Every alert the case has or will have if nothing changes, by urgency.
pub fn schedule(state: &CaseState, norm_due: Option<Date>, policies: &PolicySet) -> Vec<ScheduledAlert> {
    let mut alerts = Vec::new();
    if state.ended.is_some() {
        return alerts;
    }
    let provider = state.dossierhouder();
    if let Some(request) = state.care_refusal {
        let due = care_refusal::decision_due(request.requested_on, policies.in_force_on(request.requested_on));
        alerts.push(ScheduledAlert {
            kind: AlertKind::CareRefusalDecisionDue,
            opens_on: first_day_overdue(due),
            deadline: Some(due),
            provider: Some(request.provider),
        });
    }
    if let Some(allocation) = state.allocation
        && allocation.first_contact_on.is_none()
    {
        alerts.push(ScheduledAlert {
            kind: AlertKind::FirstContactOverdue,
            opens_on: first_day_overdue(allocation.first_contact_due),
            deadline: Some(allocation.first_contact_due),
            provider,
        });
    }
    if let (Some(_), Some(due)) = (&state.waiting, norm_due) {
        alerts.push(ScheduledAlert {
            kind: AlertKind::NormExceeded,
            opens_on: first_day_overdue(due),
            deadline: Some(due),
            provider,
        });
    }
    if state.indication.is_some()
        && state.allocation.is_none()
        && let Some(since) = state.without_dossierhouder_since
    {
        alerts.push(ScheduledAlert { kind: AlertKind::NoAllocation, opens_on: since, deadline: None, provider });
    }
    if let (Some(placement), Some(waiting)) = (state.placement, &state.waiting)
        && placement.bridging
    {
        alerts.push(ScheduledAlert {
            kind: AlertKind::BridgedWaiting,
            opens_on: placement.since.max(waiting.waiting_since),
            deadline: None,
            provider,
        });
    }
    alerts
}

/// The kinds of the alerts open on `day`.
pub fn open_on(schedule: &[ScheduledAlert], day: Date) -> Vec<AlertKind> {
    schedule.iter().filter(|alert| alert.is_open_on(day)).map(|alert| alert.kind).collect()
}
