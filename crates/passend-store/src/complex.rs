//! Complex cases and the signals register through the command service: each
//! case and each signal is a stream of its own (`complex-N`, `signal-N`),
//! written like a client's case (read, fold, `decide`, append at the version
//! read) and read by folding — there are a few hundred such cases in a
//! region, not hundreds of thousands, so they need no projection.

use passend_domain::complex_case::Round;
use passend_domain::complex_case::{
    ComplexCaseCommand, ComplexCaseState, ComplexContext, EscalationLadder, Opener, TaskMatrix, decide,
};
use passend_domain::ids::{AgbCode, ClientId, ComplexCaseId, SignalId};
use passend_domain::signal::{SignalCommand, SignalEvent, SignalReport, SignalState, decide_signal};

use crate::event_store::{Commit, EventStore, StoreError, StreamAppend};
use crate::matching::MatchingError;
use crate::{CommandError, Event, EventMeta, NewEvent, Passend, RecordedEvent, StreamId};

/// The data that drives complex cases: the task matrix and the escalation
/// ladder. passend ships both; a zorgkantoor may load its own files
/// (`passend serve --tasks FILE --ladder FILE`).
#[derive(Debug, Clone)]
pub struct ComplexRules {
    pub matrix: TaskMatrix,
    pub ladder: EscalationLadder,
}

impl Default for ComplexRules {
    fn default() -> ComplexRules {
        ComplexRules { matrix: TaskMatrix::passend().clone(), ladder: EscalationLadder::passend().clone() }
    }
}

/// Why a round could not be seeded from the matcher.
#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error(transparent)]
    Command(#[from] CommandError),
    #[error(transparent)]
    Matching(#[from] MatchingError),
}

impl From<StoreError> for SeedError {
    fn from(error: StoreError) -> SeedError {
        SeedError::Command(CommandError::Store(error))
    }
}

/// A complex case as read: its state, version and recorded events.
#[derive(Debug, Clone)]
pub struct ComplexCase {
    pub id: ComplexCaseId,
    pub state: ComplexCaseState,
    pub version: u32,
    pub events: Vec<RecordedEvent>,
}

/// A signal as read.
#[derive(Debug, Clone)]
pub struct Signal {
    pub id: SignalId,
    pub state: SignalState,
    pub version: u32,
    pub events: Vec<RecordedEvent>,
}

fn fold_complex(events: &[RecordedEvent]) -> ComplexCaseState {
    ComplexCaseState::fold(events.iter().filter_map(|recorded| match &recorded.event {
        Event::Complex(event) => Some((recorded.meta.occurred_on, event)),
        _ => None,
    }))
}

fn fold_signal(events: &[RecordedEvent]) -> SignalState {
    let mut state = SignalState::default();
    for recorded in events {
        if let Event::Signal(event) = &recorded.event {
            state.apply(event);
        }
    }
    state
}

impl<S: EventStore> Passend<S> {
    pub fn complex_rules(&self) -> &ComplexRules {
        &self.complex_rules
    }

    /// Replaces the task matrix and ladder for the cases and steps opened
    /// from now on (tasks already created keep their text and term).
    pub fn set_complex_rules(&mut self, rules: ComplexRules) {
        self.complex_rules = rules;
    }

    /// Opens a complex case for a client. The client's region, dossierhouder
    /// and consented OCO come from the client's case; a client has at most
    /// one open complex case.
    pub fn open_complex_case(
        &self,
        client: ClientId,
        by: Opener,
        reasons: &str,
        meta: EventMeta,
    ) -> Result<ComplexCaseId, CommandError> {
        let (case, version) = self.case_state(client)?;
        let registration = match (&case.registration, version) {
            (Some(registration), _) => registration,
            _ => return Err(CommandError::UnknownClient(client)),
        };
        if let Some(open) = self.complex_cases_of(client)?.into_iter().find(|case| case.state.is_open()) {
            return Err(CommandError::ComplexCaseOpen { client, case: open.id });
        }
        let command = ComplexCaseCommand::Open {
            client,
            region: registration.region,
            dossierhouder: case.dossierhouder(),
            oco: case.oco_consent,
            by,
            reasons: reasons.to_string(),
        };
        loop {
            let id = ComplexCaseId(self.next_number(|n| StreamId::Complex(ComplexCaseId(n)))?);
            match self.append_complex(id, &ComplexCaseState::default(), 0, &command, meta.clone()) {
                Err(CommandError::Store(StoreError::Conflict { .. })) => continue,
                result => return result.map(|_| id),
            }
        }
    }

    /// Runs a command on a complex case and returns its new version. With
    /// `expected_version`, a case changed since the caller read it is a
    /// conflict.
    pub fn execute_complex(
        &self,
        id: ComplexCaseId,
        command: &ComplexCaseCommand,
        meta: EventMeta,
        expected_version: Option<u32>,
    ) -> Result<u32, CommandError> {
        let case = self.complex_case(id)?.ok_or(CommandError::UnknownComplexCase(id))?;
        if let Some(expected) = expected_version
            && expected != case.version
        {
            let stream = StreamId::Complex(id);
            return Err(StoreError::Conflict { stream, expected, actual: case.version }.into());
        }
        self.append_complex(id, &case.state, case.version, command, meta)
    }

    fn append_complex(
        &self,
        id: ComplexCaseId,
        state: &ComplexCaseState,
        version: u32,
        command: &ComplexCaseCommand,
        meta: EventMeta,
    ) -> Result<u32, CommandError> {
        let supply = self.supply();
        let context =
            ComplexContext { matrix: &self.complex_rules.matrix, ladder: &self.complex_rules.ladder, supply: &*supply };
        let events = decide(state, command, meta.occurred_on, context)?;
        drop(supply);
        let appended = u32::try_from(events.len()).expect("a command records a handful of events");
        let events = events.into_iter().map(|event| NewEvent { meta: meta.clone(), event: Event::Complex(event) });
        let append = StreamAppend {
            stream: StreamId::Complex(id),
            expected_version: version,
            events: events.collect(),
            projection: None,
        };
        self.store.append(&Commit { streams: vec![append] })?;
        Ok(version + appended)
    }

    /// Seeds a registration round from the matcher (issue 5, item 3): the
    /// providers of the client's `k` best places on `today`, each approached
    /// once in `round` with the place the matcher proposed as information,
    /// skipping providers already waiting to answer in that round. Returns
    /// the providers approached. The client must be waiting (the matcher
    /// ranks places for waiting persons only); the case's rules apply to
    /// each approach as if it were entered by hand.
    pub fn seed_round_from_matching(
        &self,
        id: ComplexCaseId,
        round: Round,
        k: usize,
        meta: EventMeta,
    ) -> Result<Vec<AgbCode>, SeedError> {
        let case = self.complex_case(id)?.ok_or(CommandError::UnknownComplexCase(id))?;
        let client =
            case.state.opening.as_ref().map(|opening| opening.client).ok_or(CommandError::UnknownComplexCase(id))?;
        let answer = self.places_for_client(client, k, meta.occurred_on)?;
        let mut approached = Vec::new();
        for ranked in &answer.places.best {
            let place = &answer.supply[ranked.index];
            let pending = |provider: AgbCode| {
                approached.contains(&provider)
                    || case.state.registrations.iter().any(|registration| {
                        registration.round == round
                            && registration.provider == provider
                            && registration.answer.is_none()
                    })
            };
            if pending(place.provider) {
                continue;
            }
            let information = format!(
                "Voorgesteld door Plek zoeken: locatie {} op {:.1} km, score {}",
                place.location, ranked.km, ranked.score.total
            );
            let command = ComplexCaseCommand::ApproachProvider { round, provider: place.provider, information };
            self.execute_complex(id, &command, meta.clone(), None)?;
            approached.push(place.provider);
        }
        Ok(approached)
    }

    /// One complex case, or `None` when there is no such case.
    pub fn complex_case(&self, id: ComplexCaseId) -> Result<Option<ComplexCase>, StoreError> {
        let events = self.store.read_stream(StreamId::Complex(id))?;
        if events.is_empty() {
            return Ok(None);
        }
        let version = events.last().map_or(0, |event| event.version);
        Ok(Some(ComplexCase { id, state: fold_complex(&events), version, events }))
    }

    /// Every complex case, in the order they were opened.
    pub fn complex_cases(&self) -> Result<Vec<ComplexCase>, StoreError> {
        let mut cases: Vec<ComplexCase> = Vec::new();
        for recorded in self.store.read_category(StreamId::COMPLEX_CATEGORY)? {
            let StreamId::Complex(id) = recorded.stream else { continue };
            match cases.iter_mut().find(|case| case.id == id) {
                Some(case) => case.events.push(recorded),
                None => cases.push(ComplexCase {
                    id,
                    state: ComplexCaseState::default(),
                    version: 0,
                    events: vec![recorded],
                }),
            }
        }
        for case in &mut cases {
            case.events.sort_by_key(|event| event.version);
            case.version = case.events.last().map_or(0, |event| event.version);
            case.state = fold_complex(&case.events);
        }
        cases.sort_by_key(|case| case.id);
        Ok(cases)
    }

    /// The complex cases of one client, open or closed.
    pub fn complex_cases_of(&self, client: ClientId) -> Result<Vec<ComplexCase>, StoreError> {
        let mut cases = self.complex_cases()?;
        cases.retain(|case| case.state.opening.as_ref().is_some_and(|opening| opening.client == client));
        Ok(cases)
    }

    /// Records a new signal and returns its number.
    pub fn record_signal(&self, report: SignalReport, meta: EventMeta) -> Result<SignalId, CommandError> {
        let events = decide_signal(&SignalState::default(), &SignalCommand::Record(report))?;
        loop {
            let id = SignalId(self.next_number(|n| StreamId::Signal(SignalId(n)))?);
            match self.append_signal(id, 0, events.clone(), meta.clone()) {
                Err(CommandError::Store(StoreError::Conflict { .. })) => continue,
                result => return result.map(|_| id),
            }
        }
    }

    /// Runs a command on a recorded signal and returns its new version.
    pub fn execute_signal(&self, id: SignalId, command: &SignalCommand, meta: EventMeta) -> Result<u32, CommandError> {
        let signal = self.signal(id)?.ok_or(CommandError::UnknownSignal(id))?;
        let events = decide_signal(&signal.state, command)?;
        self.append_signal(id, signal.version, events, meta)
    }

    fn append_signal(
        &self,
        id: SignalId,
        version: u32,
        events: Vec<SignalEvent>,
        meta: EventMeta,
    ) -> Result<u32, CommandError> {
        let appended = u32::try_from(events.len()).expect("a command records a handful of events");
        let events = events.into_iter().map(|event| NewEvent { meta: meta.clone(), event: Event::Signal(event) });
        let append = StreamAppend {
            stream: StreamId::Signal(id),
            expected_version: version,
            events: events.collect(),
            projection: None,
        };
        self.store.append(&Commit { streams: vec![append] })?;
        Ok(version + appended)
    }

    pub fn signal(&self, id: SignalId) -> Result<Option<Signal>, StoreError> {
        let events = self.store.read_stream(StreamId::Signal(id))?;
        if events.is_empty() {
            return Ok(None);
        }
        let version = events.last().map_or(0, |event| event.version);
        Ok(Some(Signal { id, state: fold_signal(&events), version, events }))
    }

    /// Every signal, in the order they were recorded.
    pub fn signals(&self) -> Result<Vec<Signal>, StoreError> {
        let mut signals: Vec<Signal> = Vec::new();
        for recorded in self.store.read_category(StreamId::SIGNAL_CATEGORY)? {
            let StreamId::Signal(id) = recorded.stream else { continue };
            match signals.iter_mut().find(|signal| signal.id == id) {
                Some(signal) => signal.events.push(recorded),
                None => signals.push(Signal { id, state: SignalState::default(), version: 0, events: vec![recorded] }),
            }
        }
        for signal in &mut signals {
            signal.events.sort_by_key(|event| event.version);
            signal.version = signal.events.last().map_or(0, |event| event.version);
            signal.state = fold_signal(&signal.events);
        }
        signals.sort_by_key(|signal| signal.id);
        Ok(signals)
    }

    /// The first unused number of a category whose streams are numbered
    /// 1, 2, 3 … without gaps: found by doubling and then halving over the
    /// streams' versions, so opening a case reads a few stream heads, not
    /// the whole category.
    fn next_number(&self, stream: impl Fn(u32) -> StreamId) -> Result<u32, StoreError> {
        let used = |n: u32| -> Result<bool, StoreError> { Ok(self.store.stream_version(stream(n))? > 0) };
        let (mut low, mut high) = (0u32, 1u32);
        while used(high)? {
            low = high;
            high = high.checked_mul(2).ok_or_else(|| StoreError::Corrupt("too many streams".to_string()))?;
        }
        // Numbers up to `low` are used (0 stands for "none"), `high` is free.
        while high - low > 1 {
            let middle = low + (high - low) / 2;
            if used(middle)? { low = middle } else { high = middle }
        }
        Ok(high)
    }
}
