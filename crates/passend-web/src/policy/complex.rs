//! Who may see and do what in a complex case and the signals register
//! (issue 5). The parties of a case are the zorgkantoor of the client's
//! region, the dossierhouder and — only while the client consents to it —
//! the OCO organisation involved:
//! - every party sees the whole case, including the zorgkantoor's second
//!   registration round;
//! - the zorgkantoor and the dossierhouder open a case, advance its steps,
//!   involve an OCO, choose the meeting's organiser and escalate;
//! - only the dossierhouder declares the current place unfit, runs the first
//!   registration round, records the plan of approach and reports progress;
//!   only the zorgkantoor runs the second round, records a new dossierhouder
//!   and closes the case;
//! - a task's status is changed by the organisation responsible for it;
//! - the meeting is planned, recorded and evaluated by its organiser;
//! - the signals register is kept by zorgkantoor mediators.

use passend_domain::complex_case::{
    ActionList, ComplexCaseCommand, ComplexCaseState, Organisation, OrganiserParty, Round,
};
use passend_domain::ids::OcoId;
use passend_domain::note::Party;

use super::Denied;
use crate::actor::{Actor, Role};

/// The party the actor speaks for in this complex case, if any. `consent` is
/// the OCO the client consents to now (from the client's case): an OCO is a
/// party only while both involved and consented.
pub fn complex_party(actor: &Actor, state: &ComplexCaseState, consent: Option<OcoId>) -> Result<Party, Denied> {
    let opening = state.opening.as_ref().ok_or(Denied::NotVisible)?;
    match &actor.role {
        Role::Zorgkantoor { regions } if regions.contains(&opening.region) => Ok(Party::Zorgkantoor),
        Role::Aanbieder { agb } if state.dossierhouder == Some(*agb) => Ok(Party::Dossierhouder),
        Role::Oco { oco } if state.oco == Some(*oco) && consent == Some(*oco) => Ok(Party::Oco),
        Role::Analist => Err(Denied::AggregatesOnly),
        _ => Err(Denied::NotVisible),
    }
}

/// Whether the actor may open a complex case for a client it can see: a
/// zorgkantoor for its region's clients, a provider as dossierhouder.
pub fn may_open_complex_case(actor: &Actor, party: Party) -> Result<(), Denied> {
    match (&actor.role, party) {
        (Role::Zorgkantoor { .. }, Party::Zorgkantoor) | (Role::Aanbieder { .. }, Party::Dossierhouder) => Ok(()),
        (Role::Aanbieder { .. }, _) => Err(Denied::NotDossierhouder),
        _ => Err(role_may_not(actor, "open a complex case")),
    }
}

/// Whether the actor may record `command` in this complex case. The
/// domain's rules still apply afterwards.
pub fn may_command_complex(
    actor: &Actor,
    state: &ComplexCaseState,
    consent: Option<OcoId>,
    command: &ComplexCaseCommand,
) -> Result<(), Denied> {
    let party = complex_party(actor, state, consent)?;
    let organiser = state.organiser.map(|organiser| match organiser {
        OrganiserParty::Dossierhouder => Party::Dossierhouder,
        OrganiserParty::Zorgkantoor => Party::Zorgkantoor,
    });
    let allowed = match command {
        ComplexCaseCommand::Open { .. } => false,
        ComplexCaseCommand::AdvanceStep { .. }
        | ComplexCaseCommand::InvolveOco { .. }
        | ComplexCaseCommand::ChooseOrganiser { .. }
        | ComplexCaseCommand::Escalate { .. } => party != Party::Oco,
        ComplexCaseCommand::DeclarePlaceUnfit { .. }
        | ComplexCaseCommand::RecordPlan { .. }
        | ComplexCaseCommand::ReportProgress { .. }
        | ComplexCaseCommand::FollowUpAction { list: ActionList::Plan, .. } => party == Party::Dossierhouder,
        ComplexCaseCommand::ApproachProvider { round, .. } | ComplexCaseCommand::RecordAnswer { round, .. } => {
            match round {
                Round::First => party == Party::Dossierhouder,
                Round::Second => party == Party::Zorgkantoor,
            }
        }
        ComplexCaseCommand::RecordDossierhouder { .. } | ComplexCaseCommand::Close { .. } => {
            party == Party::Zorgkantoor
        }
        ComplexCaseCommand::UpdateTask { id, .. } => {
            let responsible = state.task(id).map(|task| task.created.responsible);
            responsible.is_none_or(|responsible| speaks_for(actor, responsible))
        }
        ComplexCaseCommand::PlanMeeting { .. }
        | ComplexCaseCommand::RecordMeeting { .. }
        | ComplexCaseCommand::EvaluateMeeting { .. }
        | ComplexCaseCommand::FollowUpAction { list: ActionList::Meeting, .. } => organiser == Some(party),
    };
    if allowed { Ok(()) } else { Err(role_may_not(actor, "record this in the complex case")) }
}

/// Whether the actor is (part of) the organisation.
pub fn speaks_for(actor: &Actor, organisation: Organisation) -> bool {
    match (&actor.role, organisation) {
        (Role::Zorgkantoor { regions }, Organisation::Zorgkantoor(region)) => regions.contains(&region),
        (Role::Aanbieder { agb }, Organisation::Provider(provider)) => *agb == provider,
        (Role::Oco { oco }, Organisation::Oco(involved)) => *oco == involved,
        _ => false,
    }
}

/// Whether the actor keeps (reads and writes) the signals register.
pub fn may_keep_signals(actor: &Actor) -> Result<(), Denied> {
    match actor.role {
        Role::Zorgkantoor { .. } => Ok(()),
        _ => Err(role_may_not(actor, "keep the signals register")),
    }
}

fn role_may_not(actor: &Actor, action: &'static str) -> Denied {
    Denied::RoleMayNot { role: actor.role.token(), action }
}
