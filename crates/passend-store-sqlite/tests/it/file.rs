//! A database file keeps its events and projections when it is opened again.

use jiff::civil::date;
use passend_domain::case::{CaseCommand, ClientRegistration};
use passend_domain::codes::{CareProfile, Region};
use passend_domain::policy::PolicySet;
use passend_store::conformance::meta;
use passend_store::{EventStore, Passend};
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
