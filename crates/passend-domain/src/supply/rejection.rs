//! Why a change to the supply register was refused, in words a zorgkantoor
//! employee or a provider's planner understands.

use jiff::civil::Date;

use crate::ids::{AgbCode, LocationId};
use crate::vocabulary::TagProblem;

/// A registration or report the supply rules refuse. A refused request leaves no trace.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SupplyRejection {
    #[error("provider {0} is already registered")]
    ProviderExists(AgbCode),
    #[error("provider {0} is not registered")]
    UnknownProvider(AgbCode),
    #[error("location {0} is already registered or not the next location number")]
    LocationExists(LocationId),
    #[error("location {0} is not registered")]
    UnknownLocation(LocationId),
    #[error("a location needs at least one care profile")]
    NoCareProfiles,
    #[error("a name may not be empty")]
    EmptyName,
    #[error("a contract needs at least one region")]
    NoContractedRegions,
    #[error("a contract needs at least one care profile")]
    NoContractedProfiles,
    #[error("{0} appears twice in the contract")]
    DuplicateInContract(String),
    #[error("{0}")]
    Tag(#[from] TagProblem),
    #[error("the coordinates lat {lat}, lon {lon} lie outside the Netherlands")]
    OutsideNetherlands { lat: f64, lon: f64 },
    #[error("a location needs a capacity of at least one place")]
    NoCapacity,
    #[error("{crisis_beds} crisis beds do not fit in a capacity of {capacity}")]
    CrisisBedsAboveCapacity { crisis_beds: u32, capacity: u32 },
    #[error(
        "capacity below occupancy: location {location} has {capacity} places, not {free} free plus {occupied} occupied"
    )]
    CapacityBelowOccupancy { location: LocationId, capacity: u32, free: u32, occupied: u32 },
    #[error(
        "location {location} has {crisis_beds} crisis beds, so {free_crisis} cannot be free (nor more than the {free} free places)"
    )]
    FreeCrisisBedsAboveCrisisBeds { location: LocationId, free_crisis: u32, crisis_beds: u32, free: u32 },
    #[error("the report of {reported_on} is older than the report of {current} that holds for location {location}")]
    ReportOlderThanCurrent { location: LocationId, reported_on: Date, current: Date },
    #[error("location {0} has no free-places report to withdraw")]
    NoFreePlacesReport(LocationId),
    #[error("closing a waiting list needs a reason")]
    NoClosingReason,
    #[error("the waiting list of location {location} is already closed since {since}")]
    WaitingListAlreadyClosed { location: LocationId, since: Date },
    #[error("the waiting list of location {0} is not closed")]
    WaitingListNotClosed(LocationId),
}

impl SupplyRejection {
    /// The message for the user interface, in Dutch.
    pub fn message_nl(&self) -> String {
        match self {
            SupplyRejection::ProviderExists(agb) => format!("Aanbieder met AGB-code {agb} bestaat al."),
            SupplyRejection::UnknownProvider(agb) => format!("Er is geen aanbieder met AGB-code {agb}."),
            SupplyRejection::LocationExists(id) => {
                format!("Locatie {id} bestaat al of is niet het volgende locatienummer.")
            }
            SupplyRejection::UnknownLocation(id) => format!("Locatie {id} bestaat niet."),
            SupplyRejection::NoCareProfiles => "Een locatie heeft minstens één zorgprofiel nodig.".to_string(),
            SupplyRejection::EmptyName => "De naam mag niet leeg zijn.".to_string(),
            SupplyRejection::NoContractedRegions => "Een contract geldt voor minstens één regio.".to_string(),
            SupplyRejection::NoContractedProfiles => "Een contract noemt minstens één zorgprofiel.".to_string(),
            SupplyRejection::DuplicateInContract(what) => format!("{what} staat twee keer in het contract."),
            SupplyRejection::Tag(problem) => problem.message_nl(),
            SupplyRejection::OutsideNetherlands { lat, lon } => {
                format!("De coördinaten (breedte {lat}, lengte {lon}) liggen buiten Nederland. Controleer het adres.")
            }
            SupplyRejection::NoCapacity => "Een locatie heeft minstens één plaats.".to_string(),
            SupplyRejection::CrisisBedsAboveCapacity { crisis_beds, capacity } => {
                format!("{crisis_beds} crisisbedden passen niet in een capaciteit van {capacity} plaatsen.")
            }
            SupplyRejection::CapacityBelowOccupancy { location, capacity, free, occupied } => format!(
                "Locatie {location} heeft {capacity} plaatsen, minder dan {free} vrij plus {occupied} bezet. \
                 Controleer de aantallen."
            ),
            SupplyRejection::FreeCrisisBedsAboveCrisisBeds { location, free_crisis, crisis_beds, free } => format!(
                "Locatie {location} heeft {crisis_beds} crisisbedden en {free} vrije plaatsen; \
                 {free_crisis} vrije crisisbedden kan dus niet."
            ),
            SupplyRejection::ReportOlderThanCurrent { location, reported_on, current } => format!(
                "Voor locatie {location} geldt al een melding van {}; een melding van {} vervangt die niet.",
                dutch_date(*current),
                dutch_date(*reported_on)
            ),
            SupplyRejection::NoFreePlacesReport(location) => {
                format!("Locatie {location} heeft geen melding van vrije plaatsen om in te trekken.")
            }
            SupplyRejection::NoClosingReason => {
                "Een wachtlijst sluiten kan alleen met een reden; een stille wachtlijststop is niet toegestaan."
                    .to_string()
            }
            SupplyRejection::WaitingListAlreadyClosed { location, since } => {
                format!("De wachtlijst van locatie {location} is al gesloten sinds {}.", dutch_date(*since))
            }
            SupplyRejection::WaitingListNotClosed(location) => {
                format!("De wachtlijst van locatie {location} is niet gesloten.")
            }
        }
    }
}

fn dutch_date(date: Date) -> String {
    format!("{:02}-{:02}-{}", date.day(), date.month(), date.year())
}
