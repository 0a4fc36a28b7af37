//! The client list on a database file: the hot query reads an index range
//! instead of sorting a region, a page carries its preferences and alerts
//! (also in a database migrated from V3), and readers on many threads see
//! every commit.

use std::sync::atomic::{AtomicBool, Ordering};

use jiff::civil::date;
use passend_domain::case::{CaseCommand, ClientRegistration, ListTarget};
use passend_domain::codes::{CareProfile, DeliveryForm, Region, Sector, WaitStatus};
use passend_domain::ids::{AgbCode, ClientId, LocationId};
use passend_domain::policy::PolicySet;
use passend_domain::supply::{Location, Provider};
use passend_store::conformance::meta;
use passend_store::{ClientQuery, ClientScope, ClientSort, EventStore, Passend};
use passend_store_sqlite::SqliteStore;

fn utrecht() -> Region {
    Region::parse("Utrecht").unwrap()
}

/// The region's waiting list as a zorgkantoor first sees it, filtered.
fn region_waiting_list(region: Region) -> ClientQuery {
    ClientQuery {
        waiting_only: true,
        status: Some(WaitStatus::WachtOpVoorkeur),
        sector: Some(Sector::Vv),
        ..ClientQuery::new(ClientScope::Regions(vec![region]), 50)
    }
}

/// A file store with a provider, a location and `clients` waiting clients.
fn waiting_world(clients: u32) -> (tempfile::TempDir, Passend<SqliteStore>) {
    let directory = tempfile::tempdir().unwrap();
    let service =
        Passend::open(SqliteStore::open(&directory.path().join("passend.db")).unwrap(), PolicySet::default()).unwrap();
    let agb = AgbCode::parse("47000001").unwrap();
    let day = meta(date(2026, 1, 1));
    service.register_provider(Provider { agb, name: "Aanbieder".to_string(), region: utrecht() }, day.clone()).unwrap();
    let location = Location {
        id: LocationId(0),
        provider: agb,
        name: "Locatie".to_string(),
        sector: Sector::Vv,
        care_profiles: vec![CareProfile::parse("5VV").unwrap()],
        capacity: 20,
        postcode: None,
        lat: 52.0,
        lon: 5.1,
        expertise: Vec::new(),
        contra_indications: Vec::new(),
        crisis_beds: 0,
    };
    let location = service.register_location(location, day).unwrap();
    let mut batch = service.batch();
    for number in 0..clients {
        let registration = ClientRegistration {
            region: utrecht(),
            birth_date: date(1940, 5, 1),
            bsn: None,
            name: Some(format!("Cliënt {number}")),
            postcode: None,
            lat: 52.0,
            lon: 5.1,
        };
        let day = meta(date(2026, 1, 5));
        let client = batch.register_client(registration, day.clone()).unwrap();
        let indication = CaseCommand::RecordIndication {
            care_profile: CareProfile::parse("5VV").unwrap(),
            delivery_form: Some(DeliveryForm::Verblijf),
            preferred_provider: Some(agb),
        };
        batch.execute(client, &indication, day).unwrap();
        let status = CaseCommand::SetWaitStatus {
            status: WaitStatus::ALL[number as usize % 4],
            classification: None,
            // Two preferences, in either order, so that rank order shows.
            preferences: Some(if number % 2 == 0 {
                vec![ListTarget::Location(location), ListTarget::Provider(agb)]
            } else {
                vec![ListTarget::Provider(agb), ListTarget::Location(location)]
            }),
        };
        batch.execute(client, &status, meta(date(2026, 2, 1 + (number % 28) as i8))).unwrap();
    }
    batch.commit().unwrap();
    (directory, service)
}

#[test]
fn the_region_waiting_list_reads_an_index_range_in_order() {
    let (_directory, service) = waiting_world(200);
    for query in [
        region_waiting_list(utrecht()),
        ClientQuery { waiting_only: true, ..ClientQuery::new(ClientScope::Regions(vec![utrecht()]), 50) },
        ClientQuery { region: Some(utrecht()), waiting_only: true, ..ClientQuery::new(ClientScope::All, 50) },
    ] {
        let (sql, plan) = service.store().client_list_plan(&query).unwrap();
        let plan = plan.join("\n");
        assert!(plan.contains("client_summaries_by_waiting_order"), "{sql}\n{plan}");
        assert!(!plan.contains("TEMP B-TREE"), "the page is sorted, not read in order:\n{sql}\n{plan}");
    }
    let page = service.clients(&region_waiting_list(utrecht())).unwrap();
    assert_eq!((page.total, page.rows.len()), (50, 50));
}

/// A V3 database has each client's preferences and alerts only in the
/// waiting-list and alert tables; the V4 migration copies them beside the
/// summary, so pages read the same without a rebuild.
#[test]
fn a_v3_database_migrates_with_the_preferences_and_alerts_of_every_client() {
    let (directory, service) = waiting_world(12);
    let written = service.projected_summaries().unwrap();
    assert!(written.iter().all(|summary| summary.preferences.len() == 2));
    assert!(written.iter().any(|summary| !summary.alerts.is_empty()));
    drop(service);
    let path = directory.path().join("passend.db");
    {
        let connection = rusqlite::Connection::open(&path).unwrap();
        for column in ["preferences", "alerts"] {
            connection.execute_batch(&format!("ALTER TABLE client_summaries DROP COLUMN {column}")).unwrap();
        }
        assert_eq!(connection.execute("DELETE FROM refinery_schema_history WHERE version = 4", []).unwrap(), 1);
    }
    let service = Passend::open(SqliteStore::open(&path).unwrap(), PolicySet::default()).unwrap();
    assert_eq!(service.projected_summaries().unwrap(), written);
    let by_number = ClientQuery { sort: ClientSort::Client, ..ClientQuery::new(ClientScope::All, 50) };
    assert_eq!(service.clients(&by_number).unwrap().rows, written);
}

#[test]
fn readers_on_many_threads_see_every_commit() {
    let (_directory, service) = waiting_world(40);
    let client = ClientId(1);
    let start = service.store().stream_version(passend_store::StreamId::Client(client)).unwrap();
    /// Stops the readers however the writing thread leaves the scope, so a
    /// failed assertion fails the test instead of hanging it.
    struct Stop<'a>(&'a AtomicBool);
    impl Drop for Stop<'_> {
        fn drop(&mut self) {
            self.0.store(true, Ordering::Relaxed);
        }
    }
    let stop = AtomicBool::new(false);
    std::thread::scope(|threads| {
        let readers: Vec<_> = (0..8)
            .map(|_| {
                threads.spawn(|| {
                    let mut reads = 0;
                    while !stop.load(Ordering::Relaxed) {
                        let page = service.clients(&ClientQuery::new(ClientScope::All, 50)).unwrap();
                        assert_eq!(page.total, 40);
                        assert!(service.summary(client).unwrap().is_some());
                        reads += 1;
                    }
                    reads
                })
            })
            .collect();
        let stopping = Stop(&stop);
        // Each write is visible to the next read, whichever reader serves it.
        for (day, status) in WaitStatus::ALL.into_iter().cycle().take(24).enumerate() {
            let command = CaseCommand::SetWaitStatus { status, classification: None, preferences: None };
            service.execute(client, &command, meta(date(2026, 3, 1 + day as i8)), None).unwrap();
            for _ in 0..4 {
                assert_eq!(service.summary(client).unwrap().and_then(|summary| summary.status), Some(status));
                let version = service.store().stream_version(passend_store::StreamId::Client(client)).unwrap();
                assert_eq!(version, start + 1 + day as u32);
            }
        }
        drop(stopping);
        for reader in readers {
            assert!(reader.join().unwrap() > 0);
        }
    });
}
