//! The embedded storage engine: one SQLite file (bundled SQLite, WAL mode),
//! schema migrations by refinery, one transaction per commit.
//!
//! SQL stays short and visible in the modules that use it: [`append`] writes
//! the log and the projections, [`read`] reads the log, [`projections`]
//! answers the projection queries and rebuilds them. [`columns`] converts
//! domain values to and from their column form.
//!
//! One connection writes, behind a mutex: SQLite allows one writer at a time
//! anyway, and the hot paths (bulk import, rebuild, reports) are single long
//! transactions or scans. A database file also has read-only connections:
//! the scanner for a rebuild's long scan, and a small pool of [`readers`] for
//! the reads the web server makes from many threads at once (summaries, the
//! client list, waiting lists, counts, alerts, streams). WAL lets them read
//! the last commit beside the writer. Reads that decide what to write stay
//! safe on a reader: an append checks every stream's version again inside
//! its own transaction, so a stale version read is a conflict, not a lost
//! write. The one exception is [`EventStore::client_count`], which numbers
//! the next client: it reads on the writer. An in-memory database is private
//! to its one connection, which then serves everything.
//! [`client_list`] answers the client list.

mod append;
mod client_list;
mod columns;
mod projections;
mod read;
mod readers;

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use jiff::civil::Date;
use passend_domain::case::counts::WaitingPersons;
use passend_domain::case::{CaseSummary, ListTarget};
use passend_domain::codes::Region;
use passend_domain::ids::ClientId;
use passend_store::{
    AlertQuery, AlertRow, CasePayload, ClientPage, ClientQuery, Commit, EventStore, RecordedEvent, StoreError,
    StreamId, WaitingListEntry,
};
use rusqlite::Connection;

use crate::readers::Readers;

mod embedded {
    refinery::embed_migrations!("migrations");
}

/// passend's store in one SQLite database.
///
/// Fields drop in the order written: the read-only connections close first,
/// so that the writer closes last, checkpoints the write-ahead log into the
/// database file and removes it. Closed the other way round, the last
/// commits would stay in the `-wal` file, and a copy of the database file
/// alone would lose them.
pub struct SqliteStore {
    /// A second, read-only connection to a database file, so that a long
    /// scan (a rebuild's) runs while the first connection writes. WAL lets
    /// it read the last committed state without blocking the writer.
    scanner: Option<Mutex<Connection>>,
    /// Read-only connections to a database file for concurrent reads.
    readers: Option<Readers>,
    connection: Mutex<Connection>,
}

impl SqliteStore {
    /// Opens (and creates or migrates) the database file at `path`.
    pub fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        let connection = Connection::open(path).map_err(database)?;
        let mut store = SqliteStore::prepare(connection, true)?;
        // Read-only connections open after the migration, which they cannot run.
        store.scanner = Some(Mutex::new(readers::reader(path)?));
        store.readers = Some(Readers::open(path, Readers::SIZE)?);
        Ok(store)
    }

    /// A private database in memory, for tests and the scenario runner.
    pub fn in_memory() -> Result<SqliteStore, StoreError> {
        let connection = Connection::open_in_memory().map_err(database)?;
        SqliteStore::prepare(connection, false)
    }

    fn prepare(mut connection: Connection, file: bool) -> Result<SqliteStore, StoreError> {
        if file {
            // Map the file into memory: scans read pages without a copy per read.
            connection.pragma_update(None, "mmap_size", 16_i64 << 30).map_err(database)?;
            // WAL: readers do not block the writer; NORMAL sync is durable at
            // every checkpoint and never corrupts the database on a crash.
            connection.pragma_update(None, "journal_mode", "WAL").map_err(database)?;
            connection.pragma_update(None, "synchronous", "NORMAL").map_err(database)?;
        }
        connection.pragma_update(None, "foreign_keys", "ON").map_err(database)?;
        connection.pragma_update(None, "temp_store", "MEMORY").map_err(database)?;
        connection.pragma_update(None, "cache_size", -131_072).map_err(database)?;
        connection.busy_timeout(std::time::Duration::from_secs(10)).map_err(database)?;
        embedded::migrations::runner()
            .run(&mut connection)
            .map_err(|error| StoreError::Database(format!("migrating the database failed: {error}")))?;
        connection.set_prepared_statement_cache_capacity(64);
        client_list::register_functions(&connection)?;
        Ok(SqliteStore { scanner: None, readers: None, connection: Mutex::new(connection) })
    }

    /// A connection for a short read: a free reader when there are readers.
    fn reader(&self) -> MutexGuard<'_, Connection> {
        match &self.readers {
            Some(readers) => readers.get(),
            None => self.connection(),
        }
    }

    /// The SQL of a client-list page and SQLite's plan for it (`EXPLAIN
    /// QUERY PLAN`), for measuring the hot query; empty when the query can
    /// match no one.
    pub fn client_list_plan(&self, query: &ClientQuery) -> Result<(String, Vec<String>), StoreError> {
        client_list::query_plan(&self.reader(), query)
    }

    /// The connection for long scans: the read-only one when there is one.
    fn scanner(&self) -> MutexGuard<'_, Connection> {
        match &self.scanner {
            Some(scanner) => scanner.lock().unwrap_or_else(|poisoned| poisoned.into_inner()),
            None => self.connection(),
        }
    }

    fn connection(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave a half-written
        // transaction (rusqlite rolls back on drop), so a poisoned lock is safe to reuse.
        self.connection.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

pub(crate) fn database(error: rusqlite::Error) -> StoreError {
    StoreError::Database(error.to_string())
}

impl EventStore for SqliteStore {
    fn append(&self, commit: &Commit) -> Result<(), StoreError> {
        append::append(&mut self.connection(), commit)
    }

    fn stream_version(&self, stream: StreamId) -> Result<u32, StoreError> {
        read::stream_version(&self.reader(), stream)
    }

    fn read_stream(&self, stream: StreamId) -> Result<Vec<RecordedEvent>, StoreError> {
        read::read_stream(&self.reader(), stream)
    }

    fn read_category(&self, category: &str) -> Result<Vec<RecordedEvent>, StoreError> {
        read::read_category(&self.connection(), category)
    }

    fn read_all(&self, after: u64, limit: usize) -> Result<Vec<RecordedEvent>, StoreError> {
        read::read_all(&self.connection(), after, limit)
    }

    fn for_each_event(
        &self,
        up_to: Option<Date>,
        visit: &mut dyn FnMut(RecordedEvent) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        read::for_each_event(&self.connection(), up_to, visit)
    }

    fn for_each_case_payload(
        &self,
        up_to: Option<Date>,
        visit: &mut dyn FnMut(CasePayload<'_>) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        read::for_each_case_payload(&self.scanner(), up_to, visit)
    }

    fn case_stream_ends(&self) -> Result<Vec<u64>, StoreError> {
        read::case_stream_ends(&self.connection())
    }

    fn scans_while_writing(&self) -> bool {
        self.scanner.is_some()
    }

    fn client_count(&self) -> Result<u32, StoreError> {
        // On the writer: it numbers the next client (see the module doc).
        read::client_count(&self.connection())
    }

    fn last_occurred_on(&self) -> Result<Option<Date>, StoreError> {
        read::last_occurred_on(&self.reader())
    }

    fn client_summary(&self, client: ClientId) -> Result<Option<CaseSummary>, StoreError> {
        projections::client_summary(&self.reader(), client)
    }

    fn for_each_client_summary(
        &self,
        visit: &mut dyn FnMut(CaseSummary) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        projections::for_each_client_summary(&self.connection(), visit)
    }

    fn waiting_list(&self, targets: &[ListTarget]) -> Result<Vec<WaitingListEntry>, StoreError> {
        projections::waiting_list(&self.reader(), targets)
    }

    fn clients(&self, query: &ClientQuery) -> Result<ClientPage, StoreError> {
        client_list::clients(&self.reader(), query)
    }

    fn region_waiting_persons(&self, region: Region) -> Result<WaitingPersons, StoreError> {
        projections::region_waiting_persons(&self.reader(), region)
    }

    fn open_alerts(&self, query: &AlertQuery) -> Result<Vec<AlertRow>, StoreError> {
        projections::open_alerts(&self.reader(), query)
    }

    fn replace_projections(
        &self,
        summaries: &mut dyn Iterator<Item = Result<CaseSummary, StoreError>>,
    ) -> Result<(), StoreError> {
        projections::replace(&mut self.connection(), summaries)
    }
}
