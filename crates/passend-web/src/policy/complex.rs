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

#[cfg(test)]
mod tests {
    use jiff::civil::date;
    use passend_domain::codes::Region;
    use passend_domain::complex_case::{ComplexCaseEvent, Opener, Role as TaskRole, TaskCreated};
    use passend_domain::ids::{AgbCode, ClientId};

    use super::*;

    fn agb(n: u32) -> AgbCode {
        AgbCode::parse(&format!("{:08}", 47_000_000 + n)).unwrap()
    }

    fn actor(role: Role) -> Actor {
        Actor { username: "u".to_string(), display_name: "U".to_string(), role }
    }

    fn utrecht() -> Region {
        Region::parse("Utrecht").unwrap()
    }

    /// A case of a Utrecht client with dossierhouder 1 and OCO 3 involved,
    /// task 2.2 for the dossierhouder and 2.1 for the zorgkantoor.
    fn case() -> ComplexCaseState {
        let opened = ComplexCaseEvent::Opened {
            client: ClientId(1),
            region: utrecht(),
            dossierhouder: Some(agb(1)),
            oco: Some(OcoId(3)),
            by: Opener::Zorgkantoor,
            reasons: "x".to_string(),
        };
        let task = |id: &str, role, responsible| {
            ComplexCaseEvent::TaskCreated(TaskCreated {
                id: id.to_string(),
                step: passend_domain::complex_case::Step::CURRENT_PLACE,
                task: "t".to_string(),
                role,
                responsible,
                contributions: String::new(),
                due: date(2026, 3, 7),
            })
        };
        let events = [
            opened,
            task("2.1", TaskRole::Zorgkantoor, Organisation::Zorgkantoor(utrecht())),
            task("2.2", TaskRole::Provider, Organisation::Provider(agb(1))),
        ];
        ComplexCaseState::fold(events.iter().map(|event| (date(2026, 3, 2), event)))
    }

    fn update(id: &str) -> ComplexCaseCommand {
        ComplexCaseCommand::UpdateTask {
            id: id.to_string(),
            status: passend_domain::complex_case::TaskStatus::Done,
            note: None,
        }
    }

    #[test]
    fn the_parties_are_the_regions_zorgkantoor_the_dossierhouder_and_the_consented_oco() {
        let state = case();
        let zorgkantoor = actor(Role::Zorgkantoor { regions: vec![utrecht()] });
        assert_eq!(complex_party(&zorgkantoor, &state, None), Ok(Party::Zorgkantoor));
        let elsewhere = actor(Role::Zorgkantoor { regions: vec![Region::parse("Zeeland").unwrap()] });
        assert_eq!(complex_party(&elsewhere, &state, None), Err(Denied::NotVisible));
        assert_eq!(complex_party(&actor(Role::Aanbieder { agb: agb(1) }), &state, None), Ok(Party::Dossierhouder));
        assert_eq!(complex_party(&actor(Role::Aanbieder { agb: agb(2) }), &state, None), Err(Denied::NotVisible));
        let oco = actor(Role::Oco { oco: OcoId(3) });
        assert_eq!(complex_party(&oco, &state, Some(OcoId(3))), Ok(Party::Oco));
        assert_eq!(complex_party(&oco, &state, None), Err(Denied::NotVisible), "consent withdrawn");
        assert_eq!(complex_party(&actor(Role::Analist), &state, None), Err(Denied::AggregatesOnly));
    }

    #[test]
    fn each_command_belongs_to_its_party() {
        let state = case();
        let zorgkantoor = actor(Role::Zorgkantoor { regions: vec![utrecht()] });
        let provider = actor(Role::Aanbieder { agb: agb(1) });
        let oco = actor(Role::Oco { oco: OcoId(3) });
        let may = |who: &Actor, command: &ComplexCaseCommand| may_command_complex(who, &state, Some(OcoId(3)), command);
        assert!(may(&provider, &update("2.2")).is_ok());
        assert!(may(&zorgkantoor, &update("2.2")).is_err(), "the dossierhouder's task");
        assert!(may(&zorgkantoor, &update("2.1")).is_ok());
        let second_round = ComplexCaseCommand::ApproachProvider {
            round: Round::Second,
            provider: agb(2),
            information: "x".to_string(),
        };
        assert!(may(&zorgkantoor, &second_round).is_ok());
        assert!(may(&provider, &second_round).is_err());
        let unfit = ComplexCaseCommand::DeclarePlaceUnfit { provider: agb(1), explanation: "x".to_string() };
        assert!(may(&provider, &unfit).is_ok());
        assert!(may(&zorgkantoor, &unfit).is_err());
        let escalate = ComplexCaseCommand::Escalate { reason: "x".to_string(), handover_confirmed: true };
        assert!(may(&oco, &escalate).is_err(), "the OCO takes part but does not steer");
        let plan = ComplexCaseCommand::EvaluateMeeting { mandate_present: true, evaluation: "x".to_string() };
        assert!(may(&zorgkantoor, &plan).is_err(), "no organiser chosen yet");
        assert!(may_keep_signals(&zorgkantoor).is_ok());
        assert!(may_keep_signals(&provider).is_err());
    }
}
