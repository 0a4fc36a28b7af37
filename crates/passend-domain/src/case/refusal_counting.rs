//! Which refused offers count, and what the second counted refusal does.
//!
//! Seed 000 (slide 14): "De cliënt mag niet onbeperkt een aanbod van de
//! voorkeuraanbieder weigeren als dat aanbod aansluit bij de voorkeur(en). Dat
//! is bijvoorbeeld wel denkbaar als het aanbod veel eerder komt dan verwacht of
//! bij een zwaarwegende reden (zoals het overlijden van een partner of naaste).
//! […] Bij een 2e weigering wordt in overleg met de cliënt de status aangepast
//! naar Wacht uit voorzorg (behalve bij een zwaarwegende reden). In dat geval
//! vervalt de opgebouwde wachttijd."
//!
//! Precisely (`scenarios/README.md`, "Refusals"): only while the status is
//! *wacht op voorkeur*, only of an offer at a location in the preferences or of
//! a provider in the preferences, only without a weighty reason, judged against
//! the status and preferences at the moment of the refusal. "Much earlier than
//! expected" is entered as a weighty reason.

use super::{ListTarget, Waiting};
use crate::codes::WaitStatus;
use crate::ids::{AgbCode, LocationId};
use crate::policy::PolicyVersion;

/// Whether refusing an offer at `location` (of `provider`) counts.
pub fn refusal_counts(
    waiting: Option<&Waiting>,
    location: LocationId,
    provider: AgbCode,
    weighty_reason: bool,
) -> bool {
    let Some(waiting) = waiting else { return false };
    waiting.status == WaitStatus::WachtOpVoorkeur
        && !weighty_reason
        && waiting.preferences.iter().any(|target| match target {
            ListTarget::Location(preferred) => *preferred == location,
            ListTarget::Provider(preferred) => *preferred == provider,
        })
}

/// Whether a client with `counted_refusals` (this one included) moves to
/// *wacht uit voorzorg*, losing the waiting time.
pub fn waiting_time_lapses(counted_refusals: u8, policy: &PolicyVersion) -> bool {
    counted_refusals >= policy.counted_refusals_until_precaution
}
