//! The pool of read-only connections that answer reads beside the writer.
//!
//! The web server reads from many threads at once (lists, case pages, the
//! inbox) while commands write. Behind the single read-write connection every
//! read would queue behind every other read and behind every write; with WAL
//! a read-only connection reads the last committed state without blocking
//! the writer or being blocked by it, so a few of them let reads run side by
//! side. A read on a reader sees every commit that returned before it began:
//! a caller reads its own writes.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard, TryLockError};

use passend_store::StoreError;
use rusqlite::{Connection, OpenFlags};

use crate::{client_list, database};

/// Read-only connections, handed out round robin.
pub struct Readers {
    connections: Vec<Mutex<Connection>>,
    next: AtomicUsize,
}

impl Readers {
    /// Enough for the web server's blocking pool to keep a few cores busy; a
    /// connection costs a page cache, so not one per thread.
    pub const SIZE: usize = 4;

    /// Opens `size` readers of the database file at `path`, which must exist
    /// and be migrated (a reader cannot create or migrate it).
    pub fn open(path: &Path, size: usize) -> Result<Readers, StoreError> {
        let connections =
            (0..size.max(1)).map(|_| reader(path).map(Mutex::new)).collect::<Result<Vec<_>, StoreError>>()?;
        Ok(Readers { connections, next: AtomicUsize::new(0) })
    }

    /// A free reader if there is one, starting after the last one handed
    /// out; when all are busy, waits for one.
    pub fn get(&self) -> MutexGuard<'_, Connection> {
        let start = self.next.fetch_add(1, Ordering::Relaxed);
        let count = self.connections.len();
        for offset in 0..count {
            match self.connections[(start + offset) % count].try_lock() {
                Ok(connection) => return connection,
                // A reader never holds a transaction across a panic (rusqlite
                // ends it on drop), so a poisoned one is safe to reuse.
                Err(TryLockError::Poisoned(poisoned)) => return poisoned.into_inner(),
                Err(TryLockError::WouldBlock) => {}
            }
        }
        self.connections[start % count].lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// A read-only connection with the pragmas of the scanner: memory-mapped
/// reads, a wait rather than an error while a checkpoint holds a lock, and
/// `query_only` so that not even a stray statement could write.
pub fn reader(path: &Path) -> Result<Connection, StoreError> {
    let connection =
        Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
            .map_err(database)?;
    connection.pragma_update(None, "mmap_size", 16_i64 << 30).map_err(database)?;
    connection.pragma_update(None, "query_only", true).map_err(database)?;
    connection.pragma_update(None, "temp_store", "MEMORY").map_err(database)?;
    connection.busy_timeout(std::time::Duration::from_secs(10)).map_err(database)?;
    connection.set_prepared_statement_cache_capacity(64);
    client_list::register_functions(&connection)?;
    Ok(connection)
}
