//! A scenario file after validation: every value has its domain type, every
//! id names an entity of the right kind, so running it cannot meet a bad value.
//!
//! Scenario ids (`P1`, `L1`, `C1`) stay strings here: they are the file's own
//! names, and the runner maps them to the ids the service assigns (and back,
//! to report what it saw).

use jiff::civil::Date;
use passend_domain::case::ClientRegistration;
use passend_domain::case::alerts::AlertKind;
use passend_domain::codes::{
    CareEndReason, CareProfile, Classification, DeliveryForm, RefusalGround, Region, WaitStatus,
};
use passend_domain::supply::{Location, Provider};

/// A valid scenario file, ready to run with [`crate::run`].
#[derive(Debug, Clone)]
pub struct ScenarioFile {
    pub(crate) title: Option<String>,
    pub(crate) providers: Vec<ProviderSpec>,
    pub(crate) locations: Vec<LocationSpec>,
    pub(crate) clients: Vec<ClientSpec>,
    pub(crate) steps: Vec<Step>,
}

impl ScenarioFile {
    /// The file's `title`, if it has one.
    pub fn title(&self) -> Option<&str> {
        self.title.as_deref()
    }

    /// The number of steps.
    pub fn step_count(&self) -> usize {
        self.steps.len()
    }
}

/// A provider to register, under its scenario id.
#[derive(Debug, Clone)]
pub(crate) struct ProviderSpec {
    pub(crate) id: String,
    pub(crate) provider: Provider,
}

/// A location to register, under its scenario id. Its `id` field is a
/// placeholder: the service assigns the real one.
#[derive(Debug, Clone)]
pub(crate) struct LocationSpec {
    pub(crate) id: String,
    pub(crate) location: Location,
}

/// A client to register, under its scenario id. The position in the file's
/// `clients` list is the registration order.
#[derive(Debug, Clone)]
pub(crate) struct ClientSpec {
    pub(crate) id: String,
    pub(crate) registration: ClientRegistration,
}

#[derive(Debug, Clone)]
pub(crate) struct Step {
    pub(crate) on: Date,
    pub(crate) action: Action,
}

#[derive(Debug, Clone)]
pub(crate) enum Action {
    Event(EventStep),
    Expect(Expectation),
}

/// An event for one client; with `expect_error` the step passes only when
/// the event is rejected.
#[derive(Debug, Clone)]
pub(crate) struct EventStep {
    pub(crate) client: String,
    pub(crate) event: Event,
    pub(crate) expect_error: bool,
}

/// A location or provider id in a preference list (`preferences`, `on_lists`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ListRef {
    Location(String),
    Provider(String),
}

impl ListRef {
    pub(crate) fn id(&self) -> &str {
        match self {
            ListRef::Location(id) | ListRef::Provider(id) => id,
        }
    }
}

/// The events of the table in `scenarios/README.md`, "Events", with their
/// fields; ids are scenario ids of the kind each field allows.
#[derive(Debug, Clone)]
pub(crate) enum Event {
    Indication { care_profile: CareProfile, delivery_form: Option<DeliveryForm>, preferred_provider: Option<String> },
    Allocation { provider: String },
    AllocationReturned { provider: String },
    FirstContact { provider: String },
    WaitStatus { status: WaitStatus, preferences: Option<Vec<ListRef>>, classification: Option<Classification> },
    Offer { location: String },
    OfferRefused { location: String, weighty_reason: bool },
    OfferAccepted { location: String },
    Admission { location: String, bridging: bool },
    ContentWithCurrent,
    CareRefusalRequested { provider: String, ground: RefusalGround },
    CareRefusalDecided { approved: bool },
    CareEnded { reason: CareEndReason },
}

/// What an `expect` step checks.
#[derive(Debug, Clone)]
pub(crate) enum Expectation {
    /// Keys of one client's case, in file order.
    Client { client: String, keys: Vec<ClientKey> },
    /// The waiting clients of a location, in the default order.
    WaitingOrder { location: String, clients: Vec<String> },
    /// Distinct waiting persons of a region per status; only these statuses.
    WaitingPersons { region: Region, counts: Vec<(WaitStatus, u64)> },
}

/// One expected value of a client's case (`scenarios/README.md`, "Expectations").
#[derive(Debug, Clone)]
pub(crate) enum ClientKey {
    Dossierhouder(Option<String>),
    FirstContactDue(Option<Date>),
    Status(Option<WaitStatus>),
    Classification(Option<Classification>),
    StatusSince(Option<Date>),
    WaitingSince(Option<Date>),
    WaitingDays(Option<i64>),
    NormDue(Option<Date>),
    Refusals(u64),
    OnLists(Vec<ListRef>),
    PlacedAt(Option<String>),
    Alerts(Vec<AlertKind>),
}

impl ClientKey {
    /// Every key an expectation about a client may hold, besides `client`.
    pub(crate) const NAMES: [&'static str; 12] = [
        "dossierhouder",
        "first_contact_due",
        "status",
        "classification",
        "status_since",
        "waiting_since",
        "waiting_days",
        "norm_due",
        "refusals",
        "on_lists",
        "placed_at",
        "alerts",
    ];

    /// The key as written in the file.
    pub(crate) fn name(&self) -> &'static str {
        match self {
            ClientKey::Dossierhouder(_) => "dossierhouder",
            ClientKey::FirstContactDue(_) => "first_contact_due",
            ClientKey::Status(_) => "status",
            ClientKey::Classification(_) => "classification",
            ClientKey::StatusSince(_) => "status_since",
            ClientKey::WaitingSince(_) => "waiting_since",
            ClientKey::WaitingDays(_) => "waiting_days",
            ClientKey::NormDue(_) => "norm_due",
            ClientKey::Refusals(_) => "refusals",
            ClientKey::OnLists(_) => "on_lists",
            ClientKey::PlacedAt(_) => "placed_at",
            ClientKey::Alerts(_) => "alerts",
        }
    }
}
