//! The term for the zorgkantoor's decision on a care refusal (*zorgweigering*).
//!
//! Seed 000 (slide 18): "Bij een voorgenomen weigering van zorg doet de
//! zorgaanbieder via Notitieverkeer een met redenen omkleed verzoek aan het
//! zorgkantoor. […] Het zorgkantoor neemt binnen 1 week na ontvangst van de
//! zorgweigering een besluit en deelt dit schriftelijk mee aan de
//! zorgaanbieder." The four allowed grounds are `codes::RefusalGround`.
//!
//! Precisely (`scenarios/README.md`): 7 calendar days after the request day;
//! the alert opens the day after.

use jiff::ToSpan;
use jiff::civil::Date;

use crate::policy::PolicyVersion;

/// The last day on which the zorgkantoor decides within the term.
pub fn decision_due(requested_on: Date, policy: &PolicyVersion) -> Date {
    requested_on.checked_add(i64::from(policy.care_refusal_decision_days).days()).unwrap_or(Date::MAX)
}
