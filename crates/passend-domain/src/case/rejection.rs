//! Why a command was refused, in words a mediator understands.

use jiff::civil::Date;

use super::ListTarget;
use super::living_profile::{MAX_DISTANCE_KM, MAX_WISH_CHARS, Wish};
use crate::ids::{AgbCode, LocationId};
use crate::vocabulary::TagProblem;

/// A command the rules refuse. A rejected command leaves no trace.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Rejection {
    #[error("the client is not registered")]
    NotRegistered,
    #[error("the client is already registered")]
    AlreadyRegistered,
    #[error("care for this client ended on {on}; the case is closed")]
    CareEnded { on: Date },
    #[error("the client has no indication yet; record the indication first")]
    NoIndication,
    #[error("the date {on} lies before the last event of this case ({last})")]
    BeforeLastEvent { on: Date, last: Date },
    #[error("provider {0} is not registered")]
    UnknownProvider(AgbCode),
    #[error("location {0} is not registered")]
    UnknownLocation(LocationId),
    #[error("only the dossierhouder can do this; provider {provider} is not the dossierhouder")]
    NotDossierhouder { provider: AgbCode, dossierhouder: Option<AgbCode> },
    #[error("there is no open offer for location {location}")]
    NoOpenOffer { location: LocationId },
    #[error("the client is not both in a bridging place and waiting")]
    NotBridgingAndWaiting,
    #[error("a care-refusal request of {requested_on} is still open")]
    CareRefusalAlreadyOpen { requested_on: Date },
    #[error("there is no open care-refusal request")]
    NoOpenCareRefusal,
    #[error("{0:?} appears twice in the preferences")]
    DuplicatePreference(ListTarget),
    #[error("the waiting list of location {0} is closed: nobody new is added to it")]
    WaitingListClosed(LocationId),
    #[error("{0}")]
    Tag(#[from] TagProblem),
    #[error("a maximum distance of {km} km is outside {}–{} km", MAX_DISTANCE_KM.start(), MAX_DISTANCE_KM.end())]
    DistanceOutOfRange { km: u16 },
    #[error("the {} wish must be 1 to {MAX_WISH_CHARS} characters", wish.name())]
    InvalidWish { wish: Wish },
}

impl Rejection {
    /// The message for the user interface, in Dutch.
    pub fn message_nl(&self) -> String {
        match self {
            Rejection::NotRegistered => "Deze cliënt is niet ingeschreven.".to_string(),
            Rejection::AlreadyRegistered => "Deze cliënt is al ingeschreven.".to_string(),
            Rejection::CareEnded { on } => {
                format!("De zorg voor deze cliënt is op {} beëindigd; het dossier is gesloten.", dutch_date(*on))
            }
            Rejection::NoIndication => {
                "Deze cliënt heeft nog geen indicatie. Registreer eerst het indicatiebesluit.".to_string()
            }
            Rejection::BeforeLastEvent { on, last } => format!(
                "De datum {} ligt vóór de laatste gebeurtenis in dit dossier ({}).",
                dutch_date(*on),
                dutch_date(*last)
            ),
            Rejection::UnknownProvider(agb) => format!("Er is geen aanbieder met AGB-code {agb}."),
            Rejection::UnknownLocation(id) => format!("Locatie {id} bestaat niet."),
            Rejection::NotDossierhouder { provider, dossierhouder: Some(dossierhouder) } => format!(
                "Alleen de dossierhouder (AGB {dossierhouder}) kan dit doen; aanbieder {provider} is geen dossierhouder."
            ),
            Rejection::NotDossierhouder { provider, dossierhouder: None } => {
                format!("Deze cliënt heeft geen dossierhouder; aanbieder {provider} kan dit daarom niet doen.")
            }
            Rejection::NoOpenOffer { location } => {
                format!("Er staat geen aanbod open voor locatie {location}.")
            }
            Rejection::NotBridgingAndWaiting => {
                "Dit kan alleen voor een cliënt die in een overbruggingsplek zit én nog wacht.".to_string()
            }
            Rejection::CareRefusalAlreadyOpen { requested_on } => {
                format!("Er staat al een verzoek tot zorgweigering open (ingediend op {}).", dutch_date(*requested_on))
            }
            Rejection::NoOpenCareRefusal => "Er staat geen verzoek tot zorgweigering open.".to_string(),
            Rejection::DuplicatePreference(_) => "Een voorkeur staat twee keer in de lijst.".to_string(),
            Rejection::WaitingListClosed(location) => {
                format!("De aanbieder heeft de wachtlijst van locatie {location} gesloten: er komt niemand nieuw op.")
            }
            Rejection::Tag(problem) => problem.message_nl(),
            Rejection::DistanceOutOfRange { km } => format!(
                "Een maximale afstand van {km} km kan niet; kies {} tot en met {} km.",
                MAX_DISTANCE_KM.start(),
                MAX_DISTANCE_KM.end()
            ),
            Rejection::InvalidWish { wish } => {
                format!("De wens voor {} moet 1 tot {MAX_WISH_CHARS} tekens lang zijn.", wish.name_nl())
            }
        }
    }
}

fn dutch_date(date: Date) -> String {
    format!("{:02}-{:02}-{}", date.day(), date.month(), date.year())
}
