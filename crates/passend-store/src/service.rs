//! The command service: the one path by which anything is recorded. The CLI,
//! the scenario runner, the generator and the web server all call it.
//!
//! A command is handled in four steps: read the stream and fold it, `decide`
//! (pure), append the events with the version that was read (a concurrent
//! writer makes the append fail with a conflict), and write the projection
//! rows in the same transaction. A [`Batch`] does the same for many commands
//! and commits them in one transaction: every command still passes `decide`.

use std::collections::HashMap;
use std::sync::mpsc::{Receiver, SyncSender};
use std::sync::{Mutex, RwLock, RwLockReadGuard};

use jiff::civil::Date;
use passend_domain::case::counts::WaitingPersons;
use passend_domain::case::{
    CaseCommand, CaseEvent, CaseState, CaseSummary, ClientRegistration, Context, ListTarget, Rejection, decide,
};
use passend_domain::codes::Region;
use passend_domain::complex_case::ComplexRejection;
use passend_domain::ids::{ClientId, ComplexCaseId, LocationId, SignalId};
use passend_domain::note::{Audience, NoteRejection, NoteWritten, Party, write_note};
use passend_domain::policy::PolicySet;
use passend_domain::signal::SignalRejection;
use passend_domain::supply::{
    Contract, FreePlacesReport, Location, Provider, StaleReport, SupplyDirectory, SupplyEvent, SupplyRejection,
};

use crate::complex::ComplexRules;
use crate::event_store::{AlertQuery, AlertRow, CasePayload, Commit, EventStore, StoreError, StreamAppend};
use crate::{
    ClientPage, ClientQuery, Event, EventMeta, NewEvent, ProjectionChange, RecordedEvent, StreamId, WaitingListEntry,
};

/// The state and version of a case from its recorded stream: the one fold
/// of stored case events, for the service and for readers that also show
/// the events themselves.
pub fn fold_case(events: &[RecordedEvent]) -> (CaseState, u32) {
    let version = events.last().map_or(0, |event| event.version);
    let state = CaseState::fold(events.iter().filter_map(|recorded| match &recorded.event {
        Event::Case(event) => Some((recorded.meta.occurred_on, event)),
        Event::Supply(_) | Event::Note(_) | Event::Complex(_) | Event::Signal(_) => None,
    }));
    (state, version)
}

/// The stream of a supply event: a contract belongs to its provider, every
/// other change of a location to that location.
fn supply_stream(event: &SupplyEvent) -> StreamId {
    match event {
        SupplyEvent::ProviderRegistered(provider) => StreamId::Provider(provider.agb),
        SupplyEvent::ContractRecorded(contract) => StreamId::Provider(contract.provider),
        SupplyEvent::LocationRegistered(location) => StreamId::Location(location.id),
        SupplyEvent::LocationContextRecorded { location, .. }
        | SupplyEvent::FreePlacesReported(FreePlacesReport { location, .. })
        | SupplyEvent::FreePlacesWithdrawn { location, .. }
        | SupplyEvent::WaitingListClosed { location, .. }
        | SupplyEvent::WaitingListReopened { location, .. } => StreamId::Location(*location),
    }
}

/// Why a command was not recorded.
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    #[error(transparent)]
    Rejected(#[from] Rejection),
    #[error(transparent)]
    Supply(#[from] SupplyRejection),
    #[error(transparent)]
    Note(#[from] NoteRejection),
    #[error("client {0} does not exist")]
    UnknownClient(ClientId),
    #[error(transparent)]
    Complex(#[from] ComplexRejection),
    #[error(transparent)]
    Signal(#[from] SignalRejection),
    #[error("complex case {0} does not exist")]
    UnknownComplexCase(ComplexCaseId),
    #[error("signal {0} does not exist")]
    UnknownSignal(SignalId),
    #[error("client {client} already has an open complex case ({case})")]
    ComplexCaseOpen { client: ClientId, case: ComplexCaseId },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// passend's command service over one store.
pub struct Passend<S> {
    pub(crate) store: S,
    policies: PolicySet,
    supply: RwLock<SupplyDirectory>,
    /// The version of each provider and location stream, kept beside the
    /// register (and changed only under its write lock), so that a supply
    /// change knows the version to append at without reading the store.
    supply_versions: Mutex<HashMap<StreamId, u32>>,
    pub(crate) complex_rules: ComplexRules,
}

impl<S: EventStore> Passend<S> {
    /// Opens the service, loading the supply register into memory.
    pub fn open(store: S, policies: PolicySet) -> Result<Passend<S>, StoreError> {
        let mut supply_events = store.read_category(StreamId::PROVIDER_CATEGORY)?;
        supply_events.extend(store.read_category(StreamId::LOCATION_CATEGORY)?);
        supply_events.sort_by_key(|event| event.position);
        let mut supply = SupplyDirectory::default();
        let mut supply_versions = HashMap::new();
        for recorded in &supply_events {
            if let Event::Supply(event) = &recorded.event {
                supply.apply(event);
                supply_versions.insert(recorded.stream, recorded.version);
            }
        }
        Ok(Passend {
            store,
            policies,
            supply: RwLock::new(supply),
            supply_versions: Mutex::new(supply_versions),
            complex_rules: ComplexRules::default(),
        })
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
        self.record_supply(meta, |supply| supply.decide_provider(provider))
    }

    /// Registers a location; its id is assigned here (the given one is ignored).
    pub fn register_location(&self, mut location: Location, meta: EventMeta) -> Result<LocationId, CommandError> {
        let mut id = LocationId(0);
        self.record_supply(meta, |supply| {
            location.id = supply.next_location_id();
            id = location.id;
            supply.decide_location(location)
        })?;
        Ok(id)
    }

    /// Records a provider's contract, replacing the earlier one.
    pub fn record_contract(&self, contract: Contract, meta: EventMeta) -> Result<(), CommandError> {
        self.record_supply(meta, |supply| supply.decide_contract(contract))
    }

    /// Records the context tags a location offers, replacing the earlier ones.
    pub fn record_location_context(
        &self,
        location: LocationId,
        context: Vec<String>,
        meta: EventMeta,
    ) -> Result<(), CommandError> {
        self.record_supply(meta, |supply| supply.decide_location_context(location, context))
    }

    /// Records a location's free places; the report binds until it is withdrawn or replaced.
    pub fn report_free_places(&self, report: FreePlacesReport, meta: EventMeta) -> Result<(), CommandError> {
        self.record_supply(meta, |supply| supply.decide_free_places(report))
    }

    /// Withdraws a location's free-places report as of the meta's day.
    pub fn withdraw_free_places(&self, location: LocationId, meta: EventMeta) -> Result<(), CommandError> {
        let on = meta.occurred_on;
        self.record_supply(meta, |supply| supply.decide_withdraw_free_places(location, on))
    }

    /// Closes a location's waiting list as of the meta's day, for `reason`.
    pub fn close_waiting_list(&self, location: LocationId, reason: &str, meta: EventMeta) -> Result<(), CommandError> {
        let on = meta.occurred_on;
        self.record_supply(meta, |supply| supply.decide_close_waiting_list(location, reason, on))
    }

    /// Reopens a location's closed waiting list as of the meta's day.
    pub fn reopen_waiting_list(&self, location: LocationId, meta: EventMeta) -> Result<(), CommandError> {
        let on = meta.occurred_on;
        self.record_supply(meta, |supply| supply.decide_reopen_waiting_list(location, on))
    }

    /// The staleness alert on `today`, with the term of the policy in force then.
    pub fn stale_free_places(&self, today: Date) -> Vec<StaleReport> {
        self.supply().stale_reports(today, &self.policies)
    }

    /// Decides a supply change under the register's write lock, so that two
    /// writers cannot both pass a check, and appends it to its stream.
    fn record_supply(
        &self,
        meta: EventMeta,
        decide: impl FnOnce(&SupplyDirectory) -> Result<SupplyEvent, SupplyRejection>,
    ) -> Result<(), CommandError> {
        let mut supply = self.supply.write().expect("supply lock");
        let event = decide(&supply)?;
        let stream = supply_stream(&event);
        let mut versions = self.supply_versions.lock().expect("supply versions lock");
        let expected_version = versions.get(&stream).copied().unwrap_or(0);
        let commit = Commit {
            streams: vec![StreamAppend {
                stream,
                expected_version,
                events: vec![NewEvent { meta, event: Event::Supply(event.clone()) }],
                projection: None,
            }],
        };
        self.store.append(&commit)?;
        versions.insert(stream, expected_version + 1);
        supply.apply(&event);
        Ok(())
    }

    /// Registers a client; the id is the next registration number.
    pub fn register_client(&self, registration: ClientRegistration, meta: EventMeta) -> Result<ClientId, CommandError> {
        let client = ClientId(self.store.client_count()? + 1);
        self.execute(client, &CaseCommand::RegisterClient(registration), meta, Some(0))?;
        Ok(client)
    }

    /// Runs a command on a client's case and returns the case's new version
    /// (one more per recorded event: a command may record several).
    /// With `expected_version`, the command is refused with a conflict when
    /// the case changed since the caller read it.
    pub fn execute(
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
        let appended = u32::try_from(events.len()).expect("a command records a handful of events");
        let (append, _) = stream_append(client, state, version, events, meta, &self.policies);
        self.store.append(&Commit { streams: vec![append] })?;
        Ok(version + appended)
    }

    /// A case folded from its events, with its version.
    pub fn case_state(&self, client: ClientId) -> Result<(CaseState, u32), CommandError> {
        let events = self.store.read_stream(StreamId::Client(client))?;
        let (state, version) = fold_case(&events);
        Ok((state, version))
    }

    pub fn summary(&self, client: ClientId) -> Result<Option<CaseSummary>, StoreError> {
        self.store.client_summary(client)
    }

    /// Every client's summary as the projection holds it, in client order.
    pub fn projected_summaries(&self) -> Result<Vec<CaseSummary>, StoreError> {
        let mut summaries = Vec::new();
        self.store.for_each_client_summary(&mut |summary| {
            summaries.push(summary);
            Ok(())
        })?;
        Ok(summaries)
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

    /// One page of clients: the lists, the waiting lists and search.
    pub fn clients(&self, query: &ClientQuery) -> Result<ClientPage, StoreError> {
        self.store.clients(query)
    }

    /// The notes on a client's case, oldest first; each note's number is its version.
    pub fn notes(&self, client: ClientId) -> Result<Vec<(RecordedEvent, NoteWritten)>, StoreError> {
        Ok(self
            .store
            .read_stream(StreamId::Notes(client))?
            .into_iter()
            .filter_map(|recorded| match &recorded.event {
                Event::Note(note) => Some((recorded.clone(), note.clone())),
                Event::Case(_) | Event::Supply(_) | Event::Complex(_) | Event::Signal(_) => None,
            })
            .collect())
    }

    /// Writes a note on a client's case and returns its number. Notes do not
    /// take the case's version: a note never makes someone's form stale. Two
    /// notes written at once both land, one after the other.
    pub fn write_note(
        &self,
        client: ClientId,
        reply_to: Option<u32>,
        audience: Audience,
        party: Party,
        text: &str,
        meta: EventMeta,
    ) -> Result<u32, CommandError> {
        if self.store.stream_version(StreamId::Client(client))? == 0 {
            return Err(CommandError::UnknownClient(client));
        }
        let stream = StreamId::Notes(client);
        loop {
            let existing = self.store.stream_version(stream)?;
            let note = write_note(existing, reply_to, audience, party, text)?;
            let append = StreamAppend {
                stream,
                expected_version: existing,
                events: vec![NewEvent { meta: meta.clone(), event: Event::Note(note) }],
                projection: None,
            };
            match self.store.append(&Commit { streams: vec![append] }) {
                Ok(()) => return Ok(existing + 1),
                Err(StoreError::Conflict { .. }) => continue,
                Err(error) => return Err(error.into()),
            }
        }
    }

    pub fn open_alerts(&self, query: &AlertQuery) -> Result<Vec<AlertRow>, StoreError> {
        self.store.open_alerts(query)
    }

    /// The summary of every client as of the end of `day`, folded from the
    /// events that took effect up to then (`None`: from every event).
    ///
    /// This thread scans the store; a second thread folds (see [`scan`] and
    /// [`fold`] for how the decoding is shared).
    pub fn summaries_as_of(&self, day: Option<Date>) -> Result<Vec<CaseSummary>, StoreError> {
        let states = std::thread::scope(|threads| {
            let (chunks, received) = std::sync::mpsc::sync_channel(CHUNKS_IN_FLIGHT);
            let folder = threads.spawn(move || fold(received, None));
            scan(&self.store, day, chunks);
            folder.join().expect("the folding thread does not panic")
        })?;
        Ok(states
            .iter()
            .enumerate()
            .filter_map(|(index, state)| CaseSummary::of(ClientId(index as u32 + 1), state, &self.policies))
            .collect())
    }

    /// Recomputes every projection from the event log and returns the number
    /// of client summaries written. When the store can scan while it writes,
    /// three threads overlap: one scans, one folds and hands each case over
    /// as soon as its last event is folded, and this one writes.
    pub fn rebuild(&self) -> Result<usize, StoreError> {
        if !self.store.scans_while_writing() {
            let summaries = self.summaries_as_of(None)?;
            let count = summaries.len();
            self.store.replace_projections(&mut summaries.into_iter().map(Ok))?;
            return Ok(count);
        }
        let ends = self.store.case_stream_ends()?;
        let mut written = 0;
        std::thread::scope(|threads| {
            let (chunks, received) = std::sync::mpsc::sync_channel(CHUNKS_IN_FLIGHT);
            let (completed, batches) = std::sync::mpsc::sync_channel(CHUNKS_IN_FLIGHT);
            threads.spawn(move || scan(&self.store, None, chunks));
            let ends = &ends;
            threads.spawn(move || {
                let mut completion =
                    Completion { ends, policies: &self.policies, batch: Vec::new(), summaries: completed.clone() };
                let folded = fold(received, Some(&mut completion));
                completion.flush();
                if let Err(error) = folded {
                    let _ = completed.send(Err(error));
                }
            });
            let mut summaries = batches
                .into_iter()
                .flat_map(|batch: Result<Vec<CaseSummary>, StoreError>| match batch {
                    Ok(summaries) => summaries.into_iter().map(Ok).collect::<Vec<_>>(),
                    Err(error) => vec![Err(error)],
                })
                .inspect(|summary| written += usize::from(summary.is_ok()));
            self.store.replace_projections(&mut summaries)
        })?;
        Ok(written)
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

/// Chunks of events on their way from the scanning to the folding thread.
const CHUNK: usize = 8192;
const CHUNKS_IN_FLIGHT: usize = 16;

/// Events as scanned, decoded by the scanning thread or left for the folder.
enum Chunk {
    Raw(RawChunk),
    Decoded(Vec<(u64, ClientId, Date, CaseEvent)>),
}

/// Undecoded events: their payloads side by side in one buffer, so that a
/// chunk costs two allocations, not one per event.
#[derive(Default)]
struct RawChunk {
    payloads: Vec<u8>,
    /// Position, client, day, and the end of the payload in `payloads`.
    events: Vec<(u64, ClientId, Date, usize)>,
}

impl RawChunk {
    fn with_capacity(events: usize) -> RawChunk {
        RawChunk { payloads: Vec::with_capacity(events * 128), events: Vec::with_capacity(events) }
    }

    fn push(&mut self, event: CasePayload<'_>) {
        self.payloads.extend_from_slice(event.payload);
        self.events.push((event.position, event.client, event.occurred_on, self.payloads.len()));
    }

    fn decode(
        self,
        mut apply: impl FnMut(u64, ClientId, Date, &CaseEvent) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let mut start = 0;
        for (position, client, on, end) in self.events {
            apply(position, client, on, &crate::codec::decode_case(&self.payloads[start..end])?)?;
            start = end;
        }
        Ok(())
    }
}

/// Scans the case events up to `day` into chunks. Decoding is most of the
/// work of a fold, so the scanning thread decodes one chunk in three itself
/// and leaves the others to the folding thread: both stay busy.
/// A failure is sent as the last message.
fn scan<S: EventStore>(store: &S, day: Option<Date>, chunks: SyncSender<Result<Chunk, StoreError>>) {
    let mut raw = RawChunk::with_capacity(CHUNK);
    let mut decoded = Vec::with_capacity(CHUNK);
    // Which chunk this thread decodes: one in three; the folding thread has
    // the folding and the summaries besides its share of the decoding.
    let mut chunk_number = 0_usize;
    let mut decode_here = false;
    let scanned = store.for_each_case_payload(day, &mut |event| {
        let full = if decode_here {
            decoded.push((event.position, event.client, event.occurred_on, crate::codec::decode_case(event.payload)?));
            decoded.len() == CHUNK
        } else {
            raw.push(event);
            raw.events.len() == CHUNK
        };
        if full {
            let chunk = if decode_here {
                Chunk::Decoded(std::mem::replace(&mut decoded, Vec::with_capacity(CHUNK)))
            } else {
                Chunk::Raw(std::mem::replace(&mut raw, RawChunk::with_capacity(CHUNK)))
            };
            chunk_number += 1;
            decode_here = chunk_number % 3 == 2;
            // The folder stops early only on an error, which it reports itself.
            let _ = chunks.send(Ok(chunk));
        }
        Ok(())
    });
    let _ = chunks.send(Ok(Chunk::Raw(raw)));
    let _ = chunks.send(scanned.map(|()| Chunk::Decoded(decoded)));
}

/// Where a rebuild's folder hands over each completed case: in batches, so
/// that the writer is not woken for every client.
struct Completion<'a> {
    /// The position of each client's last event.
    ends: &'a [u64],
    policies: &'a PolicySet,
    batch: Vec<CaseSummary>,
    summaries: SyncSender<Result<Vec<CaseSummary>, StoreError>>,
}

impl Completion<'_> {
    const BATCH: usize = 512;

    fn complete(&mut self, summary: CaseSummary) {
        self.batch.push(summary);
        if self.batch.len() == Completion::BATCH {
            self.flush();
        }
    }

    fn flush(&mut self) {
        if !self.batch.is_empty() {
            // The writer stops early only on an error, which it reports itself.
            let _ = self.summaries.send(Ok(std::mem::take(&mut self.batch)));
        }
    }
}

/// Folds the chunks into one state per client, in log order. With a
/// completion, each case's summary is sent as soon as its last event is
/// folded (and any case left over at the end).
fn fold(
    chunks: Receiver<Result<Chunk, StoreError>>,
    mut completion: Option<&mut Completion<'_>>,
) -> Result<Vec<CaseState>, StoreError> {
    let mut states: Vec<CaseState> = Vec::new();
    let mut completed: Vec<bool> = Vec::new();
    let mut apply = |position: u64, client: ClientId, on: Date, event: &CaseEvent| -> Result<(), StoreError> {
        let index = (client.0 as usize)
            .checked_sub(1)
            .ok_or_else(|| StoreError::Corrupt("an event of client 0, which cannot exist".to_string()))?;
        if states.len() <= index {
            states.resize_with(index + 1, CaseState::default);
            completed.resize(index + 1, false);
        }
        if completed[index] {
            return Err(StoreError::Database(format!(
                "client {client} received events during the rebuild; run the rebuild again"
            )));
        }
        states[index].apply(on, event);
        if let Some(completion) = completion.as_deref_mut()
            && completion.ends.get(index) == Some(&position)
        {
            completed[index] = true;
            if let Some(summary) = CaseSummary::of(client, &states[index], completion.policies) {
                completion.complete(summary);
            }
        }
        Ok(())
    };
    for chunk in chunks {
        match chunk? {
            Chunk::Raw(events) => events.decode(&mut apply)?,
            Chunk::Decoded(events) => {
                for (position, client, on, event) in &events {
                    apply(*position, *client, *on, event)?;
                }
            }
        }
    }
    if let Some(completion) = completion {
        for (index, state) in states.iter().enumerate() {
            if !completed[index]
                && let Some(summary) = CaseSummary::of(ClientId(index as u32 + 1), state, completion.policies)
            {
                completion.complete(summary);
            }
        }
    }
    Ok(states)
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
        if let Err(error) = self.execute(client, &CaseCommand::RegisterClient(registration), meta) {
            self.cases.remove(&client);
            self.order.pop();
            return Err(error);
        }
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
