//! The SQLite engine against the conformance suite, and what only a file
//! database can show.

use passend_store_sqlite::SqliteStore;

mod in_memory {
    use super::SqliteStore;
    passend_store::conformance_tests!(SqliteStore::in_memory().expect("an in-memory database opens"));
}

mod on_disk {
    use super::SqliteStore;

    fn temporary() -> SqliteStore {
        // The directory is leaked on purpose: it must outlive the store, and
        // the operating system's temporary directory is cleaned anyway.
        let directory = tempfile::tempdir().expect("a temporary directory").keep();
        SqliteStore::open(&directory.join("passend.db")).expect("a database file opens")
    }

    passend_store::conformance_tests!(temporary());
}

mod client_list;
mod file;
