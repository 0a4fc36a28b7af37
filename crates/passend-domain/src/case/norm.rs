//! The last day within the waiting norm (*streefnorm*, Treeknorm) of a status.
//!
//! Seed 000 (slides 12–16) names the norms: *wacht op voorkeur* "de streefnorm
//! van 12 maanden"; *actief plaatsen* 6 weeks (VV) and 13 weeks (GHZ, GGZ)
//! before 2021. The numbers come from the policy version in force on
//! `status_since`, for the sector of the care profile the client has now, so a
//! re-indication into another sector moves the date (`scenarios/README.md`,
//! "Norms").

use jiff::civil::Date;

use super::Waiting;
use crate::codes::Sector;
use crate::policy::PolicySet;

/// `status_since` + the norm of the status for the sector; `None` when the
/// policy sets no norm for it (*wacht uit voorzorg*, and *urgent plaatsen* by default).
pub fn norm_due(waiting: &Waiting, sector: Sector, policies: &PolicySet) -> Option<Date> {
    let policy = policies.in_force_on(waiting.status_since);
    let term = policy.norms.for_status(waiting.status, sector)?;
    Some(term.end(waiting.status_since))
}
