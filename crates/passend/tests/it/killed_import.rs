//! An import killed halfway leaves a consistent database: every commit is
//! whole or absent, and the projections equal a fold of the log.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use passend_domain::policy::PolicySet;
use passend_store::{EventStore, Passend, StreamId};
use passend_store_sqlite::SqliteStore;

/// Clients committed so far, read with a plain connection beside the writer.
fn committed_clients(path: &std::path::Path) -> i64 {
    let Ok(connection) = rusqlite::Connection::open(path) else { return 0 };
    connection.query_row("SELECT count(*) FROM streams WHERE category = 'client'", [], |row| row.get(0)).unwrap_or(0)
}

#[test]
fn a_killed_import_leaves_whole_commits_and_true_projections() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("killed.db");
    let mut child = Command::new(env!("CARGO_BIN_EXE_passend"))
        .args(["generate", "--region", "Utrecht", "--seed", "3", "--until", "2026-06-30", "--db"])
        .arg(&path)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the generator starts");
    let started = Instant::now();
    while committed_clients(&path) == 0 && started.elapsed() < Duration::from_secs(120) {
        std::thread::sleep(Duration::from_millis(50));
    }
    let still_running = child.try_wait().unwrap().is_none();
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(still_running, "the generator was killed while it was still importing");

    let service = Passend::open(SqliteStore::open(&path).unwrap(), PolicySet::default()).unwrap();
    let store = service.store();
    let clients = store.client_count().unwrap();
    assert!(clients > 0, "some batches were committed before the kill");
    // Every stream has exactly the events its version says, numbered 1..=version.
    for client in 1..=clients {
        let stream = StreamId::Client(passend_domain::ids::ClientId(client));
        let events = store.read_stream(stream).unwrap();
        assert_eq!(events.len() as u32, store.stream_version(stream).unwrap());
        assert!(events.iter().enumerate().all(|(index, event)| event.version == index as u32 + 1));
    }
    // The projections hold exactly the fold of the committed events.
    assert_eq!(service.projected_summaries().unwrap(), service.summaries_as_of(None).unwrap());
}
