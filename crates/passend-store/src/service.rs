//! The command service: the one path by which anything is recorded. The CLI,
//! the scenario runner, the generator and the web server all call it.
//!
//! A command is handled in four steps: read the stream and fold it, `decide`
//! (pure), append the events with the version that was read (a concurrent
//! writer makes the append fail with a conflict), and write the projection
//! rows in the same transaction. A [`Batch`] does the same for many commands
//! and commits them in one transaction: every command still passes `decide`.

use std::collections::HashMap;
use std::sync::{RwLock, RwLockReadGuard};

use jiff::civil::Date;
use passend_domain::case::counts::WaitingPersons;
use passend_domain::case::{
    CaseCommand, CaseEvent, CaseState, CaseSummary, ClientRegistration, Context, ListTarget, Rejection, decide,
};
use passend_domain::codes::Region;
use passend_domain::ids::{ClientId, LocationId};
use passend_domain::policy::PolicySet;
use passend_domain::supply::{Location, Provider, SupplyDirectory, SupplyEvent, SupplyRejection};

use crate::event_store::{AlertQuery, AlertRow, Commit, EventStore, StoreError, StreamAppend};
use crate::{Event, EventMeta, NewEvent, ProjectionChange, StreamId, WaitingListEntry};

/// Why a command was not recorded.
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    #[error(transparent)]
    Rejected(#[from] Rejection),
    #[error(transparent)]
    Supply(#[from] SupplyRejection),
    #[error("client {0} does not exist")]
    UnknownClient(ClientId),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// passend's command service over one store.
pub struct Passend<S> {
    store: S,
    policies: PolicySet,
    supply: RwLock<SupplyDirectory>,
}

impl<S: EventStore> Passend<S> {
    /// Opens the service, loading the supply register into memory.
    pub fn open(store: S, policies: PolicySet) -> Result<Passend<S>, StoreError> {
        let mut supply_events = store.read_category(StreamId::PROVIDER_CATEGORY)?;
        supply_events.extend(store.read_category(StreamId::LOCATION_CATEGORY)?);
        supply_events.sort_by_key(|event| event.position);
        let mut supply = SupplyDirectory::default();
        for recorded in &supply_events {
            if let Event::Supply(event) = &recorded.event {
                supply.apply(event);
            }
        }
        Ok(Passend { store, policies, supply: RwLock::new(supply) })
    }

    pub fn store(&self) -> &S {
        &self.store
    }

    pub fn into_store(self) -> S {
        self.store
    }

    pub fn policies(&self) -> &PolicySet {
        &self.policies
    }

    pub fn supply(&self) -> RwLockReadGuard<'_, SupplyDirectory> {
        self.supply.read().expect("supply lock is never poisoned: appliers do not panic")
    }

    pub fn register_provider(&self, provider: Provider, meta: EventMeta) -> Result<(), CommandError> {
        let mut supply = self.supply.write().expect("supply lock");
        let stream = StreamId::Provider(provider.agb);
        let event = supply.decide_provider(provider)?;
        self.append_supply(stream, &event, meta)?;
        supply.apply(&event);
        Ok(())
    }

    /// Registers a location; its id is assigned here (the given one is ignored).
    pub fn register_location(&self, mut location: Location, meta: EventMeta) -> Result<LocationId, CommandError> {
        let mut supply = self.supply.write().expect("supply lock");
        location.id = supply.next_location_id();
        let id = location.id;
        let event = supply.decide_location(location)?;
        self.append_supply(StreamId::Location(id), &event, meta)?;
        supply.apply(&event);
        Ok(id)
    }

    fn append_supply(&self, stream: StreamId, event: &SupplyEvent, meta: EventMeta) -> Result<(), StoreError> {
        let commit = Commit {
            streams: vec![StreamAppend {
                stream,
                expected_version: 0,
                events: vec![NewEvent { meta, event: Event::Supply(event.clone()) }],
                projection: None,
            }],
        };
        self.store.append(&commit)
    }

    /// Registers a client; the id is the next registration number.
    pub fn register_client(&self, registration: ClientRegistration, meta: EventMeta) -> Result<ClientId, CommandError> {
        let client = ClientId(self.store.client_count()? + 1);
        self.execute_at(client, &CaseCommand::RegisterClient(registration), meta, Some(0))?;
        Ok(client)
    }

    /// Runs a command on a client's case and returns the case's new version.
    /// With `expected_version`, the command is refused with a conflict when
    /// the case changed since the caller read it.
    pub fn execute(
        &self,
        client: ClientId,
        command: &CaseCommand,
        meta: EventMeta,
        expected_version: Option<u32>,
    ) -> Result<u32, CommandError> {
        self.execute_at(client, command, meta, expected_version)
    }

    fn execute_at(
        &self,
        client: ClientId,
        command: &CaseCommand,
        meta: EventMeta,
        expected_version: Option<u32>,
    ) -> Result<u32, CommandError> {
        let (state, version) = self.case_state(client)?;
        if let Some(expected) = expected_version
            && expected != version
        {
            let stream = StreamId::Client(client);
            return Err(StoreError::Conflict { stream, expected, actual: version }.into());
        }
        if version == 0 && !matches!(command, CaseCommand::RegisterClient(_)) {
            return Err(CommandError::UnknownClient(client));
        }
        let supply = self.supply();
        let events = decide(&state, command, meta.occurred_on, Context { policies: &self.policies, supply: &*supply })?;
        drop(supply);
        let (append, _) = stream_append(client, state, version, events, meta, &self.policies);
        self.store.append(&Commit { streams: vec![append] })?;
        Ok(version + 1)
    }

    /// A case folded from its events, with its version.
    pub fn case_state(&self, client: ClientId) -> Result<(CaseState, u32), CommandError> {
        let events = self.store.read_stream(StreamId::Client(client))?;
        let version = events.last().map_or(0, |event| event.version);
        let state = CaseState::fold(events.iter().filter_map(|recorded| match &recorded.event {
            Event::Case(event) => Some((recorded.meta.occurred_on, event)),
            Event::Supply(_) => None,
        }));
        Ok((state, version))
    }

    pub fn summary(&self, client: ClientId) -> Result<Option<CaseSummary>, StoreError> {
        self.store.client_summary(client)
    }

    /// The waiting list of a location in the default order: the clients who
    /// wait for the location or for its provider.
    pub fn waiting_list(&self, location: LocationId) -> Result<Vec<WaitingListEntry>, CommandError> {
        let provider = self.supply().location(location).map(|location| location.provider);
        let Some(provider) = provider else {
            return Err(Rejection::UnknownLocation(location).into());
        };
        Ok(self.store.waiting_list(&[ListTarget::Location(location), ListTarget::Provider(provider)])?)
    }

    pub fn region_waiting_persons(&self, region: Region) -> Result<WaitingPersons, StoreError> {
        self.store.region_waiting_persons(region)
    }

    pub fn open_alerts(&self, query: &AlertQuery) -> Result<Vec<AlertRow>, StoreError> {
        self.store.open_alerts(query)
    }

    /// The summary of every client as of the end of `day`, folded from the
    /// events that took effect up to then (`None`: from every event).
    ///
    /// Decoding the events is most of the work, so it is shared: this thread
    /// scans the store and decodes every other chunk itself; a second thread
    /// decodes the other chunks and folds all of them, in log order.
    pub fn summaries_as_of(&self, day: Option<Date>) -> Result<Vec<CaseSummary>, StoreError> {
        const CHUNK: usize = 8192;
        enum Chunk {
            Raw(Vec<(ClientId, Date, String)>),
            Decoded(Vec<(ClientId, Date, CaseEvent)>),
        }
        let states = std::thread::scope(|scope| {
            let (sender, receiver) = std::sync::mpsc::sync_channel::<Result<Chunk, StoreError>>(16);
            let folder = scope.spawn(move || -> Result<Vec<CaseState>, StoreError> {
                let mut states: Vec<CaseState> = Vec::new();
                let mut apply = |client: ClientId, on: Date, event: &CaseEvent| {
                    let index = client.0 as usize - 1;
                    if states.len() <= index {
                        states.resize_with(index + 1, CaseState::default);
                    }
                    states[index].apply(on, event);
                };
                for chunk in receiver {
                    match chunk? {
                        Chunk::Raw(events) => {
                            for (client, on, payload) in events {
                                apply(client, on, &crate::codec::decode_case(&payload)?);
                            }
                        }
                        Chunk::Decoded(events) => {
                            for (client, on, event) in &events {
                                apply(*client, *on, event);
                            }
                        }
                    }
                }
                Ok(states)
            });
            let mut raw: Vec<(ClientId, Date, String)> = Vec::with_capacity(CHUNK);
            let mut decoded: Vec<(ClientId, Date, CaseEvent)> = Vec::with_capacity(CHUNK);
            let mut decode_here = false;
            let scanned = self.store.for_each_case_payload(day, &mut |client, on, payload| {
                let full = if decode_here {
                    decoded.push((client, on, crate::codec::decode_case(payload)?));
                    decoded.len() == CHUNK
                } else {
                    raw.push((client, on, payload.to_string()));
                    raw.len() == CHUNK
                };
                if full {
                    let chunk = if decode_here {
                        Chunk::Decoded(std::mem::replace(&mut decoded, Vec::with_capacity(CHUNK)))
                    } else {
                        Chunk::Raw(std::mem::replace(&mut raw, Vec::with_capacity(CHUNK)))
                    };
                    decode_here = !decode_here;
                    // The folder stops early only on an error, which it returns below.
                    let _ = sender.send(Ok(chunk));
                }
                Ok(())
            });
            let last = if decode_here { Chunk::Decoded(decoded) } else { Chunk::Raw(raw) };
            let _ = sender.send(scanned.map(|()| last));
            drop(sender);
            folder.join().expect("the folding thread does not panic")
        })?;
        Ok(states
            .iter()
            .enumerate()
            .filter_map(|(index, state)| CaseSummary::of(ClientId(index as u32 + 1), state, &self.policies))
            .collect())
    }

    /// Recomputes every projection from the event log and returns the number
    /// of client summaries written.
    pub fn rebuild(&self) -> Result<usize, StoreError> {
        let summaries = self.summaries_as_of(None)?;
        let count = summaries.len();
        self.store.replace_projections(&mut summaries.into_iter())?;
        Ok(count)
    }

    /// Starts a batch: many commands, one transaction.
    pub fn batch(&self) -> Batch<'_, S> {
        Batch { service: self, cases: HashMap::new(), order: Vec::new(), next_client: None }
    }
}

/// Builds the append and projection change for the events of one command
/// (or a batch of commands) on a case.
fn stream_append(
    client: ClientId,
    before: CaseState,
    version: u32,
    events: Vec<CaseEvent>,
    meta: EventMeta,
    policies: &PolicySet,
) -> (StreamAppend, CaseState) {
    let mut after = before.clone();
    for event in &events {
        after.apply(meta.occurred_on, event);
    }
    let projection = ProjectionChange::new(client, &before, &after, policies);
    let events = events.into_iter().map(|event| NewEvent { meta: meta.clone(), event: Event::Case(event) }).collect();
    (StreamAppend { stream: StreamId::Client(client), expected_version: version, events, projection }, after)
}

/// Many commands validated one by one against the state they build up, and
/// committed in one transaction: all or nothing.
pub struct Batch<'a, S> {
    service: &'a Passend<S>,
    cases: HashMap<ClientId, PendingCase>,
    order: Vec<ClientId>,
    next_client: Option<u32>,
}

struct PendingCase {
    base_version: u32,
    base_state: CaseState,
    state: CaseState,
    events: Vec<NewEvent>,
}

impl<S: EventStore> Batch<'_, S> {
    pub fn register_client(
        &mut self,
        registration: ClientRegistration,
        meta: EventMeta,
    ) -> Result<ClientId, CommandError> {
        let next = match self.next_client {
            Some(next) => next,
            None => self.service.store.client_count()? + 1,
        };
        let client = ClientId(next);
        self.cases.insert(
            client,
            PendingCase {
                base_version: 0,
                base_state: CaseState::default(),
                state: CaseState::default(),
                events: Vec::new(),
            },
        );
        self.order.push(client);
        self.execute(client, &CaseCommand::RegisterClient(registration), meta)?;
        self.next_client = Some(next + 1);
        Ok(client)
    }

    /// Checks a command against the case as this batch has it and keeps its events.
    pub fn execute(&mut self, client: ClientId, command: &CaseCommand, meta: EventMeta) -> Result<(), CommandError> {
        self.load(client)?;
        let pending = self.cases.get_mut(&client).expect("loaded above");
        if pending.base_version == 0 && pending.events.is_empty() && !matches!(command, CaseCommand::RegisterClient(_))
        {
            return Err(CommandError::UnknownClient(client));
        }
        let supply = self.service.supply();
        let context = Context { policies: &self.service.policies, supply: &*supply };
        let events = decide(&pending.state, command, meta.occurred_on, context)?;
        for event in events {
            pending.state.apply(meta.occurred_on, &event);
            pending.events.push(NewEvent { meta: meta.clone(), event: Event::Case(event) });
        }
        Ok(())
    }

    /// The case as this batch has it so far.
    pub fn state(&mut self, client: ClientId) -> Result<&CaseState, CommandError> {
        self.load(client)?;
        Ok(&self.cases[&client].state)
    }

    fn load(&mut self, client: ClientId) -> Result<(), CommandError> {
        if !self.cases.contains_key(&client) {
            let (state, version) = self.service.case_state(client)?;
            self.cases.insert(
                client,
                PendingCase { base_version: version, base_state: state.clone(), state, events: Vec::new() },
            );
            self.order.push(client);
        }
        Ok(())
    }

    /// The number of events the batch will append.
    pub fn event_count(&self) -> usize {
        self.cases.values().map(|pending| pending.events.len()).sum()
    }

    /// Appends everything in one transaction and returns the number of events.
    pub fn commit(mut self) -> Result<usize, StoreError> {
        let mut commit = Commit::default();
        let mut count = 0;
        for client in &self.order {
            let Some(pending) = self.cases.remove(client) else { continue };
            if pending.events.is_empty() {
                continue;
            }
            count += pending.events.len();
            let projection =
                ProjectionChange::new(*client, &pending.base_state, &pending.state, &self.service.policies);
            commit.streams.push(StreamAppend {
                stream: StreamId::Client(*client),
                expected_version: pending.base_version,
                events: pending.events,
                projection,
            });
        }
        self.service.store.append(&commit)?;
        Ok(count)
    }
}
