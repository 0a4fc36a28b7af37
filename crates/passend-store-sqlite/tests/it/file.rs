//! A database file keeps its events and projections when it is opened again.

use jiff::civil::date;
use passend_domain::case::{CaseCommand, ClientRegistration};
use passend_domain::codes::{CareProfile, Region};
use passend_domain::ids::{Bsn, OcoId};
use passend_domain::policy::PolicySet;
use passend_store::conformance::meta;
use passend_store::{ClientQuery, ClientScope, EventStore, Passend, StoreError};
use passend_store_sqlite::SqliteStore;

#[test]
fn a_reopened_file_has_its_events_and_projections() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("passend.db");
    let region = Region::parse("Zeeland").unwrap();
    {
        let service = Passend::open(SqliteStore::open(&path).unwrap(), PolicySet::default()).unwrap();
        let registration = ClientRegistration {
            region,
            birth_date: date(1938, 2, 1),
            bsn: None,
            name: None,
            postcode: None,
            lat: 51.5,
            lon: 3.6,
        };
        let client = service.register_client(registration, meta(date(2026, 1, 5))).unwrap();
        let indication = CaseCommand::RecordIndication {
            care_profile: CareProfile::parse("5VV").unwrap(),
            delivery_form: None,
            preferred_provider: None,
        };
        service.execute(client, &indication, meta(date(2026, 1, 5)), None).unwrap();
    }
    let store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.client_count().unwrap(), 1);
    assert_eq!(store.read_all(0, 10).unwrap().len(), 2);
    let summary = store.client_summary(passend_domain::ids::ClientId(1)).unwrap().unwrap();
    assert_eq!(summary.region, region);
    assert_eq!(summary.care_profile, Some(CareProfile::parse("5VV").unwrap()));
}

/// A database of the schema before the client list (V2) migrates, and a
/// rebuild fills the new columns with what the events say.
#[test]
fn a_v2_database_migrates_and_a_rebuild_fills_the_client_list() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("passend.db");
    let written = {
        let service = Passend::open(SqliteStore::open(&path).unwrap(), PolicySet::default()).unwrap();
        let registration = ClientRegistration {
            region: Region::parse("Zeeland").unwrap(),
            birth_date: date(1938, 2, 1),
            bsn: Some(Bsn::from_serial(42)),
            name: Some("M. Öztürk".to_string()),
            postcode: None,
            lat: 51.5,
            lon: 3.6,
        };
        let client = service.register_client(registration, meta(date(2026, 1, 5))).unwrap();
        let indication = CaseCommand::RecordIndication {
            care_profile: CareProfile::parse("5VV").unwrap(),
            delivery_form: None,
            preferred_provider: None,
        };
        service.execute(client, &indication, meta(date(2026, 1, 5)), None).unwrap();
        service
            .execute(client, &CaseCommand::RecordOcoConsent { oco: Some(OcoId(1)) }, meta(date(2026, 1, 6)), None)
            .unwrap();
        service.projected_summaries().unwrap()
    };
    // Back to V2: without the V3 indexes, the V3 and V4 columns, and their history rows.
    {
        let connection = rusqlite::Connection::open(&path).unwrap();
        let indexes: Vec<String> = connection
            .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'client_summaries_by_%'")
            .unwrap()
            .query_map([], |row| row.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(indexes.len(), 5);
        for index in indexes {
            connection.execute_batch(&format!("DROP INDEX {index}")).unwrap();
        }
        let columns = ["name", "bsn", "birth_date", "oco_consent", "sector", "order_group", "preferences", "alerts"];
        for column in columns {
            connection.execute_batch(&format!("ALTER TABLE client_summaries DROP COLUMN {column}")).unwrap();
        }
        assert_eq!(connection.execute("DELETE FROM refinery_schema_history WHERE version >= 3", []).unwrap(), 2);
    }
    let service = Passend::open(SqliteStore::open(&path).unwrap(), PolicySet::default()).unwrap();
    let stale = service.projected_summaries();
    assert!(matches!(&stale, Err(StoreError::Corrupt(message)) if message.contains("passend rebuild")), "{stale:?}");
    assert_eq!(service.rebuild().unwrap(), 1);
    assert_eq!(service.projected_summaries().unwrap(), written);
    let page = service.clients(&ClientQuery::new(ClientScope::Oco(OcoId(1)), 10)).unwrap();
    assert_eq!(page.rows, written);
}

/// Closing the store leaves every commit in the database file itself: a copy
/// of that one file (as people make backups) has all the events.
#[test]
fn a_closed_store_leaves_its_commits_in_the_database_file() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("passend.db");
    {
        let service = Passend::open(SqliteStore::open(&path).unwrap(), PolicySet::default()).unwrap();
        let registration = ClientRegistration {
            region: Region::parse("Zeeland").unwrap(),
            birth_date: date(1938, 2, 1),
            bsn: None,
            name: None,
            postcode: None,
            lat: 51.5,
            lon: 3.6,
        };
        service.register_client(registration, meta(date(2026, 1, 5))).unwrap();
        // A read through the pool, so that the read-only connections are in use.
        assert!(service.summary(passend_domain::ids::ClientId(1)).unwrap().is_some());
    }
    let copy = directory.path().join("copy.db");
    std::fs::copy(&path, &copy).unwrap();
    assert_eq!(SqliteStore::open(&copy).unwrap().client_count().unwrap(), 1);
}
