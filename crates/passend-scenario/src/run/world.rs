//! The service a scenario runs on, with the file's entities registered, and
//! the two-way map between scenario ids and the ids the service assigned.
//!
//! "It runs the same code path as the server: the same commands, the same
//! event store (an in-memory or temporary embedded database), the same
//! projections" (`scenarios/README.md`, "The runner"): a fresh in-memory
//! SQLite store per file, the default policy, and `Passend`'s own
//! registration and command methods.

use std::collections::{HashMap, HashSet};

use jiff::Timestamp;
use jiff::civil::{Date, date};
use jiff::tz::TimeZone;
use passend_domain::case::{CaseCommand, ListTarget};
use passend_domain::ids::{AgbCode, ClientId, LocationId};
use passend_domain::policy::PolicySet;
use passend_domain::supply::{Location, NETHERLANDS};
use passend_domain::vocabulary::{TagKind, Vocabulary};
use passend_store::{EventMeta, Passend};
use passend_store_sqlite::SqliteStore;

use crate::model::{Event, ListRef, ScenarioFile};

/// The day clients are registered when a file has no steps.
const NO_STEPS_DAY: Date = date(1900, 1, 1);

/// A scenario's running service and its id maps.
pub(crate) struct World {
    pub(crate) service: Passend<SqliteStore>,
    providers: HashMap<String, AgbCode>,
    locations: HashMap<String, LocationId>,
    clients: HashMap<String, ClientId>,
    provider_ids: HashMap<AgbCode, String>,
    location_ids: HashMap<LocationId, String>,
    client_ids: HashMap<ClientId, String>,
}

/// A scenario location as the supply register accepts it. The scenario
/// format checks `expertise`, `contra_indications`, `capacity`,
/// `crisis_beds` and `lat`/`lon` for type only, because the case rules do
/// not use them (scenario README); the register is stricter, as matching
/// needs it to be. So what the register would refuse is replaced by what it
/// accepts and no rule can tell apart: tags outside the vocabulary are left
/// out, a capacity of 0 becomes 1 with crisis beds at most the capacity, and
/// a point outside the Netherlands becomes its centre.
fn for_the_rules(mut location: Location) -> Location {
    known_once(&mut location.expertise, TagKind::Expertise);
    known_once(&mut location.contra_indications, TagKind::ContraIndication);
    location.capacity = location.capacity.max(1);
    location.crisis_beds = location.crisis_beds.min(location.capacity);
    if !NETHERLANDS.contains(location.lat, location.lon) {
        (location.lat, location.lon) = NETHERLANDS_CENTRE;
    }
    location
}

/// Keeps the tags of `kind` the vocabulary knows, each once.
fn known_once(tags: &mut Vec<String>, kind: TagKind) {
    let vocabulary = Vocabulary::passend();
    let mut seen = HashSet::new();
    tags.retain(|tag| vocabulary.get(tag).is_some_and(|known| known.kind == kind) && seen.insert(tag.clone()));
}

/// Near Amersfoort, the geographic centre of the Netherlands.
const NETHERLANDS_CENTRE: (f64, f64) = (52.155, 5.387);

impl World {
    /// Opens a fresh store and registers the providers, locations and
    /// clients in file order, dated the first step's day (so that no event
    /// of a step lies before them), or 1900-01-01 when there are no steps.
    pub(crate) fn set_up(scenario: &ScenarioFile) -> Result<World, String> {
        let store = SqliteStore::in_memory().map_err(|error| format!("cannot open an in-memory store: {error}"))?;
        let service =
            Passend::open(store, PolicySet::default()).map_err(|error| format!("cannot open the service: {error}"))?;
        let day = scenario.steps.first().map_or(NO_STEPS_DAY, |step| step.on);
        let mut world = World {
            service,
            providers: HashMap::new(),
            locations: HashMap::new(),
            clients: HashMap::new(),
            provider_ids: HashMap::new(),
            location_ids: HashMap::new(),
            client_ids: HashMap::new(),
        };
        for spec in &scenario.providers {
            world
                .service
                .register_provider(spec.provider.clone(), meta(day))
                .map_err(|error| format!("provider `{}` was not registered: {error}", spec.id))?;
            world.providers.insert(spec.id.clone(), spec.provider.agb);
            world.provider_ids.insert(spec.provider.agb, spec.id.clone());
        }
        for spec in &scenario.locations {
            let id = world
                .service
                .register_location(for_the_rules(spec.location.clone()), meta(day))
                .map_err(|error| format!("location `{}` was not registered: {error}", spec.id))?;
            world.locations.insert(spec.id.clone(), id);
            world.location_ids.insert(id, spec.id.clone());
        }
        for spec in &scenario.clients {
            let id = world
                .service
                .register_client(spec.registration.clone(), meta(day))
                .map_err(|error| format!("client `{}` was not registered: {error}", spec.id))?;
            world.clients.insert(spec.id.clone(), id);
            world.client_ids.insert(id, spec.id.clone());
        }
        Ok(world)
    }

    pub(crate) fn client(&self, id: &str) -> Result<ClientId, String> {
        self.clients.get(id).copied().ok_or_else(|| format!("client `{id}` is not registered"))
    }

    pub(crate) fn location(&self, id: &str) -> Result<LocationId, String> {
        self.locations.get(id).copied().ok_or_else(|| format!("location `{id}` is not registered"))
    }

    fn provider(&self, id: &str) -> Result<AgbCode, String> {
        self.providers.get(id).copied().ok_or_else(|| format!("provider `{id}` is not registered"))
    }

    fn list_target(&self, reference: &ListRef) -> Result<ListTarget, String> {
        Ok(match reference {
            ListRef::Location(id) => ListTarget::Location(self.location(id)?),
            ListRef::Provider(id) => ListTarget::Provider(self.provider(id)?),
        })
    }

    /// The scenario id of a provider, or a description when the file has none.
    pub(crate) fn provider_name(&self, agb: AgbCode) -> String {
        self.provider_ids.get(&agb).cloned().unwrap_or_else(|| format!("AGB {agb} (not in this file)"))
    }

    pub(crate) fn location_name(&self, location: LocationId) -> String {
        self.location_ids.get(&location).cloned().unwrap_or_else(|| format!("location {location} (not in this file)"))
    }

    pub(crate) fn client_name(&self, client: ClientId) -> String {
        self.client_ids.get(&client).cloned().unwrap_or_else(|| format!("client {client} (not in this file)"))
    }

    pub(crate) fn list_target_name(&self, target: ListTarget) -> String {
        match target {
            ListTarget::Location(location) => self.location_name(location),
            ListTarget::Provider(agb) => self.provider_name(agb),
        }
    }

    /// The command an event step stands for (`scenarios/README.md`, "Events").
    pub(crate) fn command(&self, event: &Event) -> Result<CaseCommand, String> {
        Ok(match event {
            Event::Indication { care_profile, delivery_form, preferred_provider } => CaseCommand::RecordIndication {
                care_profile: *care_profile,
                delivery_form: *delivery_form,
                preferred_provider: preferred_provider.as_deref().map(|id| self.provider(id)).transpose()?,
            },
            Event::Allocation { provider } => CaseCommand::Allocate { provider: self.provider(provider)? },
            Event::AllocationReturned { provider } => {
                CaseCommand::ReturnAllocation { provider: self.provider(provider)? }
            }
            Event::FirstContact { provider } => {
                CaseCommand::RegisterFirstContact { provider: self.provider(provider)? }
            }
            Event::WaitStatus { status, preferences, classification } => CaseCommand::SetWaitStatus {
                status: *status,
                classification: *classification,
                preferences: preferences
                    .as_ref()
                    .map(|list| list.iter().map(|reference| self.list_target(reference)).collect())
                    .transpose()?,
            },
            Event::Offer { location } => CaseCommand::MakeOffer { location: self.location(location)? },
            Event::OfferRefused { location, weighty_reason } => {
                CaseCommand::RefuseOffer { location: self.location(location)?, weighty_reason: *weighty_reason }
            }
            Event::OfferAccepted { location } => CaseCommand::AcceptOffer { location: self.location(location)? },
            Event::Admission { location, bridging } => {
                CaseCommand::Admit { location: self.location(location)?, bridging: *bridging }
            }
            Event::ContentWithCurrent => CaseCommand::ContentWithCurrent,
            Event::CareRefusalRequested { provider, ground } => {
                CaseCommand::RequestCareRefusal { provider: self.provider(provider)?, ground: *ground }
            }
            Event::CareRefusalDecided { approved } => CaseCommand::DecideCareRefusal { approved: *approved },
            Event::CareEnded { reason } => CaseCommand::EndCare { reason: *reason },
        })
    }
}

/// The envelope of every event a scenario records: the step's day, recorded
/// at midnight UTC of that day, by the actor `scenario`.
pub(crate) fn meta(on: Date) -> EventMeta {
    // Midnight exists in UTC on every civil date jiff supports except the
    // very edges of its range, where the earliest instant is as good.
    let recorded_at = on.to_zoned(TimeZone::UTC).map(|zoned| zoned.timestamp()).unwrap_or(Timestamp::MIN);
    EventMeta { occurred_on: on, recorded_at, actor: "scenario".into(), reason: None }
}
