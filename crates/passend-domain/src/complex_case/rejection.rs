//! Why a command on a complex case was refused, in words the parties use.

use jiff::civil::Date;

use super::{Round, Step};
use crate::ids::{AgbCode, LocationId};

/// A command on a complex case the rules refuse. A rejected command leaves
/// no trace.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ComplexRejection {
    #[error("the complex case is not opened yet")]
    NotOpened,
    #[error("the complex case is already opened")]
    AlreadyOpened,
    #[error("the complex case was closed on {on}")]
    Closed { on: Date },
    #[error("the date {on} lies before the last event of this case ({last})")]
    BeforeLastEvent { on: Date, last: Date },
    #[error("{field} must not be empty")]
    Empty { field: &'static str },
    #[error("{field} has {chars} characters; at most {max} are allowed")]
    TooLong { field: &'static str, chars: usize, max: usize },
    #[error("only the dossierhouder can open a case as dossierhouder, and the client has none")]
    NoDossierhouderToOpen,
    #[error("step {to} needs a dossierhouder at which the client is in care; record the dossierhouder first")]
    NeedsDossierhouder { to: Step },
    #[error("steps only go forward: the case is at step {current}, not before step {to}")]
    NotForward { current: Step, to: Step },
    #[error("going from step {current} to step {to} skips a step; give the reason for skipping")]
    SkipWithoutReason { current: Step, to: Step },
    #[error("step 2 cannot close before the dossierhouder records that the current place no longer fits")]
    PlaceStillFits,
    #[error("provider {provider} is not the dossierhouder of this case")]
    NotDossierhouder { provider: AgbCode },
    #[error("provider {0} is not registered")]
    UnknownProvider(AgbCode),
    #[error("location {0} is not registered")]
    UnknownLocation(LocationId),
    #[error("location {location} does not belong to provider {provider}")]
    LocationOfOtherProvider { location: LocationId, provider: AgbCode },
    #[error("the case has no task {0}")]
    UnknownTask(String),
    #[error("task {0} is already finished")]
    TaskFinished(String),
    #[error("a task that is not needed needs a note saying why")]
    NotNeededWithoutNote,
    #[error("this OCO is already involved in the case")]
    OcoAlreadyInvolved,
    #[error("the organiser of the meeting is chosen when step 5 opens; the case is at step {current}")]
    OrganiserBeforeMeetingStep { current: Step },
    #[error("the {} starts in step {}; the case is at step {current}", round.label_nl(), round.step())]
    RoundTooEarly { round: Round, current: Step },
    #[error("provider {provider} was already approached in this round and has not answered yet")]
    AlreadyApproached { provider: AgbCode },
    #[error("provider {provider} was not approached in this round, or has answered already")]
    NotApproached { provider: AgbCode },
    #[error("the meeting is planned from step 5 on, by its organiser; choose the organiser first")]
    NoOrganiser,
    #[error("the meeting belongs to step 5; the case is at step {current}")]
    MeetingTooEarly { current: Step },
    #[error("no meeting is planned")]
    NoMeeting,
    #[error("the meeting was already held; it cannot be planned again")]
    MeetingAlreadyHeld,
    #[error("the meeting is planned for {planned}; it cannot be recorded as held before that day")]
    MeetingNotYet { planned: Date },
    #[error("the meeting has not been held yet")]
    MeetingNotHeld,
    #[error("the meeting is invited without anyone")]
    NoInvitees,
    #[error("this belongs to step 6; the case is at step {current}")]
    PlanTooEarly { current: Step },
    #[error("there is no action {index} in that list")]
    UnknownAction { index: u32 },
    #[error("action due {due} lies before the day it is agreed ({on})")]
    ActionDueInPast { due: Date, on: Date },
    #[error("the case is at the top of the escalation ladder")]
    TopOfLadder,
    #[error("hand over warmly: escalate only after the next desk confirmed it can help")]
    HandoverNotConfirmed,
}

impl ComplexRejection {
    /// The message for the user interface, in Dutch.
    pub fn message_nl(&self) -> String {
        match self {
            ComplexRejection::NotOpened => "De complexe casus is nog niet geopend.".to_string(),
            ComplexRejection::AlreadyOpened => "De complexe casus is al geopend.".to_string(),
            ComplexRejection::Closed { on } => format!("De complexe casus is op {on} afgesloten."),
            ComplexRejection::BeforeLastEvent { on, last } => {
                format!("De datum {on} ligt vóór de laatste gebeurtenis in deze casus ({last}).")
            }
            ComplexRejection::Empty { field } => format!("Vul {} in.", field_nl(field)),
            ComplexRejection::TooLong { field, chars, max } => {
                format!("{} is {chars} tekens lang; maximaal {max} tekens.", capitalised(field_nl(field)))
            }
            ComplexRejection::NoDossierhouderToOpen => {
                "De cliënt heeft geen dossierhouder; open de casus als zorgkantoor.".to_string()
            }
            ComplexRejection::NeedsDossierhouder { to } => {
                format!(
                    "Stap {to} vraagt een dossierhouder bij wie de cliënt in zorg is; leg eerst de dossierhouder vast."
                )
            }
            ComplexRejection::NotForward { current, to } => {
                format!("Stappen gaan alleen vooruit: de casus is bij stap {current}, dus niet terug naar stap {to}.")
            }
            ComplexRejection::SkipWithoutReason { current, to } => {
                format!("Van stap {current} naar stap {to} slaat een stap over; geef de reden daarvoor.")
            }
            ComplexRejection::PlaceStillFits => {
                "Stap 2 sluit pas als de dossierhouder heeft vastgesteld dat de huidige plek niet langer passend is."
                    .to_string()
            }
            ComplexRejection::NotDossierhouder { provider } => {
                format!("Aanbieder {provider} is niet de dossierhouder van deze casus.")
            }
            ComplexRejection::UnknownProvider(agb) => format!("Aanbieder {agb} is niet bekend."),
            ComplexRejection::UnknownLocation(location) => format!("Locatie {location} is niet bekend."),
            ComplexRejection::LocationOfOtherProvider { location, provider } => {
                format!("Locatie {location} hoort niet bij aanbieder {provider}.")
            }
            ComplexRejection::UnknownTask(id) => format!("Deze casus heeft geen taak {id}."),
            ComplexRejection::TaskFinished(id) => format!("Taak {id} is al afgerond."),
            ComplexRejection::NotNeededWithoutNote => {
                "Geef in een notitie aan waarom de taak niet nodig is.".to_string()
            }
            ComplexRejection::OcoAlreadyInvolved => "Deze OCO is al betrokken bij de casus.".to_string(),
            ComplexRejection::OrganiserBeforeMeetingStep { current } => {
                format!("De organisator van de bijeenkomst wordt gekozen vanaf stap 5; de casus is bij stap {current}.")
            }
            ComplexRejection::RoundTooEarly { round, current } => {
                format!("De {} begint in stap {}; de casus is bij stap {current}.", round.label_nl(), round.step())
            }
            ComplexRejection::AlreadyApproached { provider } => {
                format!("Aanbieder {provider} is in deze ronde al benaderd en heeft nog niet geantwoord.")
            }
            ComplexRejection::NotApproached { provider } => {
                format!("Aanbieder {provider} is in deze ronde niet benaderd of heeft al geantwoord.")
            }
            ComplexRejection::NoOrganiser => "Kies eerst wie de bijeenkomst organiseert.".to_string(),
            ComplexRejection::MeetingTooEarly { current } => {
                format!("De bijeenkomst hoort bij stap 5; de casus is bij stap {current}.")
            }
            ComplexRejection::NoMeeting => "Er is geen bijeenkomst gepland.".to_string(),
            ComplexRejection::MeetingAlreadyHeld => {
                "De bijeenkomst is al gehouden en kan niet opnieuw worden gepland.".to_string()
            }
            ComplexRejection::MeetingNotYet { planned } => {
                format!("De bijeenkomst is gepland op {planned}; leg haar niet eerder vast als gehouden.")
            }
            ComplexRejection::MeetingNotHeld => "De bijeenkomst is nog niet gehouden.".to_string(),
            ComplexRejection::NoInvitees => "Nodig ten minste één deelnemer uit.".to_string(),
            ComplexRejection::PlanTooEarly { current } => {
                format!("Dit hoort bij stap 6; de casus is bij stap {current}.")
            }
            ComplexRejection::UnknownAction { index } => format!("Actie {} bestaat niet in die lijst.", index + 1),
            ComplexRejection::ActionDueInPast { due, on } => {
                format!("De actie moet klaar zijn op {due}, vóór de dag waarop ze is afgesproken ({on}).")
            }
            ComplexRejection::TopOfLadder => "De casus is al op de hoogste trede van de escalatieladder.".to_string(),
            ComplexRejection::HandoverNotConfirmed => {
                "Draag warm over: schaal pas op als de volgende tafel heeft bevestigd dat zij kan helpen.".to_string()
            }
        }
    }
}

/// The Dutch name of a text field named in a rejection.
fn field_nl(field: &str) -> &str {
    match field {
        "reasons" => "de reden",
        "decision" => "het besluit",
        "skip reason" => "de reden om stappen over te slaan",
        "explanation" => "de toelichting",
        "note" => "de notitie",
        "information" => "de verstrekte informatie",
        "refusal reason" => "de reden van afwijzing",
        "chair" => "de voorzitter",
        "minute taker" => "de notulist",
        "participant name" => "de naam van de deelnemer",
        "participant organisation" => "de organisatie van de deelnemer",
        "overview" => "het overzicht",
        "outcomes" => "de uitkomsten",
        "action" => "de actie",
        "action owner" => "de eigenaar van de actie",
        "evaluation" => "de evaluatie",
        "progress" => "de voortgang",
        "closing reason" => "de reden van afsluiten",
        other => other,
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}
