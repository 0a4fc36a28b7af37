//! The embedded storage engine: one SQLite file (bundled SQLite, WAL mode),
//! schema migrations by refinery, one transaction per commit.
//!
//! SQL stays short and visible in the modules that use it: [`append`] writes
//! the log and the projections, [`read`] reads the log, [`projections`]
//! answers the projection queries and rebuilds them. [`columns`] converts
//! domain values to and from their column form.
//!
//! One connection serves reads and writes behind a mutex: SQLite allows one
//! writer at a time anyway, and the hot paths (bulk import, rebuild, reports)
//! are single long transactions or scans.

mod append;
mod columns;
mod projections;
mod read;

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use jiff::civil::Date;
use passend_domain::case::counts::WaitingPersons;
use passend_domain::case::{CaseSummary, ListTarget};
use passend_domain::codes::Region;
use passend_domain::ids::ClientId;
use passend_store::{
    AlertQuery, AlertRow, CasePayload, Commit, EventStore, RecordedEvent, StoreError, StreamId, WaitingListEntry,
};
use rusqlite::{Connection, OpenFlags};

mod embedded {
    refinery::embed_migrations!("migrations");
}

/// passend's store in one SQLite database.
pub struct SqliteStore {
    connection: Mutex<Connection>,
    /// A second, read-only connection to a database file, so that a long
    /// scan (a rebuild's) runs while the first connection writes. WAL lets
    /// it read the last committed state without blocking the writer.
    scanner: Option<Mutex<Connection>>,
}

impl SqliteStore {
    /// Opens (and creates or migrates) the database file at `path`.
    pub fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        let connection = Connection::open(path).map_err(database)?;
        let mut store = SqliteStore::prepare(connection, true)?;
        let scanner =
            Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
                .map_err(database)?;
        scanner.pragma_update(None, "mmap_size", 16_i64 << 30).map_err(database)?;
        scanner.busy_timeout(std::time::Duration::from_secs(10)).map_err(database)?;
        store.scanner = Some(Mutex::new(scanner));
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
        Ok(SqliteStore { connection: Mutex::new(connection), scanner: None })
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
        read::stream_version(&self.connection(), stream)
    }

    fn read_stream(&self, stream: StreamId) -> Result<Vec<RecordedEvent>, StoreError> {
        read::read_stream(&self.connection(), stream)
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
        read::client_count(&self.connection())
    }

    fn last_occurred_on(&self) -> Result<Option<Date>, StoreError> {
        read::last_occurred_on(&self.connection())
    }

    fn client_summary(&self, client: ClientId) -> Result<Option<CaseSummary>, StoreError> {
        projections::client_summary(&self.connection(), client)
    }

    fn for_each_client_summary(
        &self,
        visit: &mut dyn FnMut(CaseSummary) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        projections::for_each_client_summary(&self.connection(), visit)
    }

    fn waiting_list(&self, targets: &[ListTarget]) -> Result<Vec<WaitingListEntry>, StoreError> {
        projections::waiting_list(&self.connection(), targets)
    }

    fn region_waiting_persons(&self, region: Region) -> Result<WaitingPersons, StoreError> {
        projections::region_waiting_persons(&self.connection(), region)
    }

    fn open_alerts(&self, query: &AlertQuery) -> Result<Vec<AlertRow>, StoreError> {
        projections::open_alerts(&self.connection(), query)
    }

    fn replace_projections(
        &self,
        summaries: &mut dyn Iterator<Item = Result<CaseSummary, StoreError>>,
    ) -> Result<(), StoreError> {
        projections::replace(&mut self.connection(), summaries)
    }
}
