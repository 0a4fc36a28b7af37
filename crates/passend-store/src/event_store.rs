//! The contract of a storage engine.
//!
//! The trait is synchronous: the domain is CPU work, engines do blocking IO on
//! their own connections, and async callers (the web server) call it from a
//! blocking task. Nothing in it assumes SQLite: positions are a global order,
//! versions count per stream, dates are civil dates, payloads are text.

use jiff::civil::Date;
use passend_domain::case::alerts::AlertKind;
use passend_domain::case::counts::WaitingPersons;
use passend_domain::case::{CaseSummary, ListTarget};
use passend_domain::codes::Region;
use passend_domain::ids::{AgbCode, ClientId};

use crate::{ClientPage, ClientQuery, NewEvent, ProjectionChange, RecordedEvent, StreamId, WaitingListEntry};

/// The undecoded payload of a case event, with what a fold needs beside it.
#[derive(Debug, Clone, Copy)]
pub struct CasePayload<'a> {
    pub position: u64,
    pub client: ClientId,
    pub occurred_on: Date,
    /// The JSON text of the event, as bytes: the decoder checks it as it parses.
    pub payload: &'a [u8],
}

/// Events for one stream, appended only if the stream is at `expected_version`.
#[derive(Debug, Clone, PartialEq)]
pub struct StreamAppend {
    pub stream: StreamId,
    /// The version the writer folded; 0 for a new stream.
    pub expected_version: u32,
    pub events: Vec<NewEvent>,
    /// The projection rows to write with these events, for client streams.
    pub projection: Option<ProjectionChange>,
}

/// Everything one transaction writes: all of it, or nothing.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Commit {
    pub streams: Vec<StreamAppend>,
}

/// Filters for the alert inbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlertQuery {
    /// Alerts open on this day.
    pub on: Date,
    pub region: Option<Region>,
    pub kind: Option<AlertKind>,
    pub provider: Option<AgbCode>,
    pub limit: usize,
}

/// One open alert of the inbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlertRow {
    pub client: ClientId,
    pub region: Region,
    pub kind: AlertKind,
    pub opens_on: Date,
    pub deadline: Option<Date>,
    pub provider: Option<AgbCode>,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Someone else wrote to the stream since it was read.
    #[error("stream {stream} is at version {actual}, not {expected}: someone else changed it")]
    Conflict { stream: StreamId, expected: u32, actual: u32 },
    #[error("stored data is not readable: {0}")]
    Corrupt(String),
    #[error("the database failed: {0}")]
    Database(String),
}

/// A storage engine: an append-only event log and its projections.
pub trait EventStore: Send + Sync {
    /// Appends to every stream of the commit and writes its projection
    /// changes in one transaction. Fails with [`StoreError::Conflict`], writing
    /// nothing, when any stream is not at its expected version.
    fn append(&self, commit: &Commit) -> Result<(), StoreError>;

    /// The number of events in a stream (0 for a stream that does not exist).
    fn stream_version(&self, stream: StreamId) -> Result<u32, StoreError>;

    fn read_stream(&self, stream: StreamId) -> Result<Vec<RecordedEvent>, StoreError>;

    /// Every event of streams of one category ("client", "provider", "location"), in log order.
    fn read_category(&self, category: &str) -> Result<Vec<RecordedEvent>, StoreError>;

    /// Up to `limit` events after position `after`, in log order.
    fn read_all(&self, after: u64, limit: usize) -> Result<Vec<RecordedEvent>, StoreError>;

    /// Visits every event that took effect on or before `day` (every event
    /// when `None`), in log order, without holding them all in memory.
    fn for_each_event(
        &self,
        up_to: Option<Date>,
        visit: &mut dyn FnMut(RecordedEvent) -> Result<(), StoreError>,
    ) -> Result<(), StoreError>;

    /// Visits the undecoded payload of every case event that took effect on
    /// or before `day` (every one when `None`), in log order: the fast path
    /// for folding every case, which decodes on another core.
    fn for_each_case_payload(
        &self,
        up_to: Option<Date>,
        visit: &mut dyn FnMut(CasePayload<'_>) -> Result<(), StoreError>,
    ) -> Result<(), StoreError>;

    /// The position of the last event of every client stream, for client 1,
    /// 2, …: a rebuild knows a case is complete when it reaches that event.
    fn case_stream_ends(&self) -> Result<Vec<u64>, StoreError>;

    /// Whether `for_each_case_payload` can run on another thread while
    /// `replace_projections` writes (a second connection); if not, a rebuild
    /// folds first and writes after.
    fn scans_while_writing(&self) -> bool;

    /// The number of client streams: the next client id is one more.
    fn client_count(&self) -> Result<u32, StoreError>;

    /// The last day any event took effect, if there is any event.
    fn last_occurred_on(&self) -> Result<Option<Date>, StoreError>;

    fn client_summary(&self, client: ClientId) -> Result<Option<CaseSummary>, StoreError>;

    /// Visits the summary of every client, in client order.
    fn for_each_client_summary(
        &self,
        visit: &mut dyn FnMut(CaseSummary) -> Result<(), StoreError>,
    ) -> Result<(), StoreError>;

    /// The waiting clients that have any of `targets` among their
    /// preferences, each once, in the default waiting order.
    fn waiting_list(&self, targets: &[ListTarget]) -> Result<Vec<WaitingListEntry>, StoreError>;

    /// One page of the clients a query selects, with the total that match.
    /// Sorting on a value some clients lack (norm due, name) puts them last.
    fn clients(&self, query: &ClientQuery) -> Result<ClientPage, StoreError>;

    /// Distinct waiting persons per status in a region.
    fn region_waiting_persons(&self, region: Region) -> Result<WaitingPersons, StoreError>;

    /// The open alerts, most urgent first: by kind, then longest open first.
    fn open_alerts(&self, query: &AlertQuery) -> Result<Vec<AlertRow>, StoreError>;

    /// Replaces every projection with rows computed from these summaries (a
    /// rebuild), in one transaction.
    /// An error from the iterator rolls everything back.
    fn replace_projections(
        &self,
        summaries: &mut dyn Iterator<Item = Result<CaseSummary, StoreError>>,
    ) -> Result<(), StoreError>;
}
