//! A waiting-status message (*wachtstatus* with *classificatie*, iWlz AW39
//! `Leveringsstatus` and `LeveringsstatusClassificatie`).
//!
//! `scenarios/README.md`, "Status messages": "each one replaces the
//! classification with the one it carries (none when omitted). When the status
//! differs from the current one: `status_since` = that day and the refusal
//! count = 0; when the client was not waiting before (status null),
//! `waiting_since` = that day too — a new waiting spell. When the status is the
//! same, `status_since`, `waiting_since` and the refusal count stay.
//! `preferences`, when present, replaces the ordered list […]; when omitted the
//! list stays."

use jiff::civil::Date;

use super::{ListTarget, Waiting};
use crate::codes::{Classification, WaitStatus};

/// The waiting spell after a status message received on `on`.
pub fn apply(
    previous: Option<Waiting>,
    status: WaitStatus,
    classification: Option<Classification>,
    preferences: Option<&[ListTarget]>,
    on: Date,
) -> Waiting {
    let mut waiting = match previous {
        Some(previous) if previous.status == status => previous,
        Some(previous) => Waiting { status, status_since: on, refusals: 0, ..previous },
        None => Waiting {
            status,
            classification: None,
            status_since: on,
            waiting_since: on,
            preferences: Vec::new(),
            refusals: 0,
        },
    };
    waiting.classification = classification;
    if let Some(preferences) = preferences {
        waiting.preferences = preferences.to_vec();
    }
    waiting
}
