//! The first-contact deadline of the dossierhouder after an allocation.
//!
//! Seed 000 (slide 8): "Na ontvangst van de zorgtoewijzing neemt de CZT of DH
//! zo snel mogelijk contact op met de cliënt […]. Voor dit gesprek heeft de
//! voorkeuraanbieder 10 werkdagen tijd, na de dag van ontvangst van een
//! zorgtoewijzing. Dat geldt voor een cliënt die voor de 1e keer wordt
//! toegewezen aan deze voorkeuraanbieder (agb-code). In alle andere situaties
//! heeft de zorgaanbieder daarvoor 5 werkdagen tijd."
//!
//! The allocation day itself never counts; the term ends on the N-th working
//! day after it (`scenarios/README.md`, "First-contact deadline").

use jiff::civil::Date;

use super::CaseState;
use crate::calendar;
use crate::ids::AgbCode;
use crate::policy::PolicyVersion;

/// Whether an allocation to `provider` would be this client's first to it.
/// A new allocation to the provider that already is dossierhouder is a later
/// one: 5 working days.
pub fn is_first_allocation_to(state: &CaseState, provider: AgbCode) -> bool {
    !state.allocated_before.contains(&provider)
}

/// The last day for the first contact after an allocation on `allocated_on`.
pub fn first_contact_due(allocated_on: Date, first_to_provider: bool, policy: &PolicyVersion) -> Date {
    let working_days = if first_to_provider {
        policy.first_contact.first_allocation_working_days
    } else {
        policy.first_contact.later_allocation_working_days
    };
    calendar::add_working_days(allocated_on, working_days)
}
