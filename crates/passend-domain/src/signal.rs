//! The signals register: complex care questions reported from outside
//! (seed 004, domain.md §8).
//!
//! The ministry and other desks receive questions from people who got stuck.
//! The handling pattern of the seed: determine the responsible party; ask the
//! reporter to contact it first; if that fails, contact it with the
//! reporter's consent; record the outcome — so that recurring patterns
//! (topics, domains, responsible parties) can be analysed.

use serde::{Deserialize, Serialize};

use crate::ids::ClientId;

/// The longest free text of a signal, in characters.
pub const MAX_SIGNAL_TEXT: usize = 4000;

/// The law a care question falls under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CareDomain {
    /// *Wet langdurige zorg*.
    Wlz,
    /// *Zorgverzekeringswet*.
    Zvw,
    /// *Wet maatschappelijke ondersteuning*.
    Wmo,
    /// *Jeugdwet*.
    Jeugd,
    Other,
}

impl CareDomain {
    pub const ALL: [CareDomain; 5] =
        [CareDomain::Wlz, CareDomain::Zvw, CareDomain::Wmo, CareDomain::Jeugd, CareDomain::Other];

    pub fn token(self) -> &'static str {
        match self {
            CareDomain::Wlz => "wlz",
            CareDomain::Zvw => "zvw",
            CareDomain::Wmo => "wmo",
            CareDomain::Jeugd => "jeugd",
            CareDomain::Other => "other",
        }
    }

    pub fn parse(token: &str) -> Option<CareDomain> {
        CareDomain::ALL.into_iter().find(|domain| domain.token() == token)
    }

    pub fn label_nl(self) -> &'static str {
        match self {
            CareDomain::Wlz => "Wlz",
            CareDomain::Zvw => "Zvw",
            CareDomain::Wmo => "Wmo",
            CareDomain::Jeugd => "Jeugdwet",
            CareDomain::Other => "anders",
        }
    }
}

/// The kind of party responsible for solving the question (seed 004:
/// zorgkantoor, health insurer, municipality, provider).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResponsibleParty {
    Zorgkantoor,
    HealthInsurer,
    Municipality,
    Provider,
    Other,
}

impl ResponsibleParty {
    pub const ALL: [ResponsibleParty; 5] = [
        ResponsibleParty::Zorgkantoor,
        ResponsibleParty::HealthInsurer,
        ResponsibleParty::Municipality,
        ResponsibleParty::Provider,
        ResponsibleParty::Other,
    ];

    pub fn token(self) -> &'static str {
        match self {
            ResponsibleParty::Zorgkantoor => "zorgkantoor",
            ResponsibleParty::HealthInsurer => "health_insurer",
            ResponsibleParty::Municipality => "municipality",
            ResponsibleParty::Provider => "provider",
            ResponsibleParty::Other => "other",
        }
    }

    pub fn parse(token: &str) -> Option<ResponsibleParty> {
        ResponsibleParty::ALL.into_iter().find(|party| party.token() == token)
    }

    pub fn label_nl(self) -> &'static str {
        match self {
            ResponsibleParty::Zorgkantoor => "zorgkantoor",
            ResponsibleParty::HealthInsurer => "zorgverzekeraar",
            ResponsibleParty::Municipality => "gemeente",
            ResponsibleParty::Provider => "zorgaanbieder",
            ResponsibleParty::Other => "anders",
        }
    }
}

/// A signal as first recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignalReport {
    /// Who the question is about, as the reporter described them.
    pub person: String,
    /// The client in passend, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client: Option<ClientId>,
    /// Who reported it (a relative, a hospital, a municipality …).
    pub reporter: String,
    pub topic: String,
    pub domain: CareDomain,
    pub responsible: ResponsibleParty,
    /// The responsible organisation by name.
    pub responsible_name: String,
    /// Whether the reporter was asked to contact the responsible party first.
    pub asked_to_contact_first: bool,
}

/// What happened to a signal (*signaal*).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignalEvent {
    Recorded(SignalReport),
    /// The desk contacted the responsible party itself, with the reporter's
    /// consent.
    PartyContacted {
        contact: String,
    },
    Closed {
        outcome: String,
    },
}

impl SignalEvent {
    pub fn kind(&self) -> &'static str {
        match self {
            SignalEvent::Recorded(_) => "signal_recorded",
            SignalEvent::PartyContacted { .. } => "signal_party_contacted",
            SignalEvent::Closed { .. } => "signal_closed",
        }
    }
}

/// What a desk asks to record about a signal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignalCommand {
    Record(SignalReport),
    /// `consent`: the reporter agreed that the desk contacts the party.
    ContactParty {
        consent: bool,
        contact: String,
    },
    Close {
        outcome: String,
    },
}

/// A signal folded from its events.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SignalState {
    pub report: Option<SignalReport>,
    pub contacts: Vec<String>,
    pub outcome: Option<String>,
}

impl SignalState {
    pub fn apply(&mut self, event: &SignalEvent) {
        match event {
            SignalEvent::Recorded(report) => self.report = Some(report.clone()),
            SignalEvent::PartyContacted { contact } => self.contacts.push(contact.clone()),
            SignalEvent::Closed { outcome } => self.outcome = Some(outcome.clone()),
        }
    }

    pub fn is_open(&self) -> bool {
        self.report.is_some() && self.outcome.is_none()
    }
}

/// Why a signal command was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignalRejection {
    #[error("the signal is already recorded")]
    AlreadyRecorded,
    #[error("there is no such signal")]
    NotRecorded,
    #[error("the signal is closed")]
    Closed,
    #[error("{field} must be 1 to {MAX_SIGNAL_TEXT} characters")]
    Text { field: &'static str },
    #[error("the responsible party is contacted only with the reporter's consent")]
    NoConsent,
}

impl SignalRejection {
    pub fn message_nl(&self) -> String {
        match self {
            SignalRejection::AlreadyRecorded => "Het signaal is al vastgelegd.".to_string(),
            SignalRejection::NotRecorded => "Dit signaal bestaat niet.".to_string(),
            SignalRejection::Closed => "Het signaal is afgesloten.".to_string(),
            SignalRejection::Text { field } => {
                format!("Vul {} in (hoogstens {MAX_SIGNAL_TEXT} tekens).", field_nl(field))
            }
            SignalRejection::NoConsent => {
                "Neem alleen contact op met de verantwoordelijke partij als de melder daarmee instemt.".to_string()
            }
        }
    }
}

fn field_nl(field: &str) -> &str {
    match field {
        "person" => "om wie het gaat",
        "reporter" => "de melder",
        "topic" => "het onderwerp",
        "responsible name" => "de verantwoordelijke organisatie",
        "contact" => "met wie contact is gelegd",
        "outcome" => "de uitkomst",
        other => other,
    }
}

/// Checks a command against the signal and returns the events to record.
pub fn decide_signal(state: &SignalState, command: &SignalCommand) -> Result<Vec<SignalEvent>, SignalRejection> {
    match command {
        SignalCommand::Record(report) => {
            if state.report.is_some() {
                return Err(SignalRejection::AlreadyRecorded);
            }
            text("person", &report.person)?;
            text("reporter", &report.reporter)?;
            text("topic", &report.topic)?;
            text("responsible name", &report.responsible_name)?;
            Ok(vec![SignalEvent::Recorded(report.clone())])
        }
        SignalCommand::ContactParty { consent, contact } => {
            open(state)?;
            if !consent {
                return Err(SignalRejection::NoConsent);
            }
            text("contact", contact)?;
            Ok(vec![SignalEvent::PartyContacted { contact: contact.clone() }])
        }
        SignalCommand::Close { outcome } => {
            open(state)?;
            text("outcome", outcome)?;
            Ok(vec![SignalEvent::Closed { outcome: outcome.clone() }])
        }
    }
}

fn open(state: &SignalState) -> Result<(), SignalRejection> {
    match (&state.report, &state.outcome) {
        (None, _) => Err(SignalRejection::NotRecorded),
        (Some(_), Some(_)) => Err(SignalRejection::Closed),
        (Some(_), None) => Ok(()),
    }
}

fn text(field: &'static str, value: &str) -> Result<(), SignalRejection> {
    let chars = value.trim().chars().count();
    if chars == 0 || value.chars().count() > MAX_SIGNAL_TEXT {
        return Err(SignalRejection::Text { field });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report() -> SignalReport {
        SignalReport {
            person: "mevrouw J., 84".to_string(),
            client: None,
            reporter: "ziekenhuis, transferverpleegkundige".to_string(),
            topic: "geen verpleeghuisplek na ontslag".to_string(),
            domain: CareDomain::Wlz,
            responsible: ResponsibleParty::Zorgkantoor,
            responsible_name: "Zorgkantoor Utrecht".to_string(),
            asked_to_contact_first: true,
        }
    }

    #[test]
    fn a_signal_is_recorded_contacted_with_consent_and_closed() {
        let mut state = SignalState::default();
        for command in [
            SignalCommand::Record(report()),
            SignalCommand::ContactParty { consent: true, contact: "teamleider zorgbemiddeling".to_string() },
            SignalCommand::Close { outcome: "plek gevonden via tweede aanmeldronde".to_string() },
        ] {
            for event in decide_signal(&state, &command).unwrap() {
                state.apply(&event);
            }
        }
        assert_eq!(state.contacts, vec!["teamleider zorgbemiddeling"]);
        assert!(!state.is_open());
        let again = SignalCommand::Close { outcome: "x".to_string() };
        assert_eq!(decide_signal(&state, &again), Err(SignalRejection::Closed));
    }

    #[test]
    fn contact_without_consent_and_empty_fields_are_refused() {
        let mut state = SignalState::default();
        let contact = SignalCommand::ContactParty { consent: true, contact: "x".to_string() };
        assert_eq!(decide_signal(&state, &contact), Err(SignalRejection::NotRecorded));
        let empty = SignalReport { topic: "  ".to_string(), ..report() };
        assert_eq!(decide_signal(&state, &SignalCommand::Record(empty)), Err(SignalRejection::Text { field: "topic" }));
        state.apply(&SignalEvent::Recorded(report()));
        let refused = SignalCommand::ContactParty { consent: false, contact: "x".to_string() };
        assert_eq!(decide_signal(&state, &refused), Err(SignalRejection::NoConsent));
        assert!(SignalRejection::NoConsent.message_nl().contains("instemt"));
    }

    #[test]
    fn tokens_round_trip() {
        for domain in CareDomain::ALL {
            assert_eq!(CareDomain::parse(domain.token()), Some(domain));
        }
        for party in ResponsibleParty::ALL {
            assert_eq!(ResponsibleParty::parse(party.token()), Some(party));
        }
    }
}
