//! Conformance of complex cases and signals: streams of their own, numbered
//! in order, folded on read, never touching the client's case.

use jiff::civil::date;
use passend_domain::case::LivingProfile;
use passend_domain::complex_case::{
    ComplexCaseCommand, ComplexRejection, Opener, Organisation, Round, Step, TaskStatus,
};
use passend_domain::ids::{ClientId, ComplexCaseId, SignalId};
use passend_domain::signal::{CareDomain, ResponsibleParty, SignalCommand, SignalReport};

use super::matching::{TODAY, report_free, waiting_client};
use super::{agb, indication, meta, registration, utrecht, world};
use crate::event_store::{EventStore, StoreError};
use crate::{CommandError, StreamId};

pub fn complex_cases_are_opened_once_per_client_and_run_their_steps<S: EventStore>(make: &dyn Fn() -> S) {
    let service = world(make, 2);
    let client = service.register_client(registration(utrecht()), meta(date(2026, 1, 5))).unwrap();
    let other = service.register_client(registration(utrecht()), meta(date(2026, 1, 5))).unwrap();
    service.execute(client, &indication(agb(1)), meta(date(2026, 1, 5)), None).unwrap();
    let case_version = service.store().stream_version(StreamId::Client(client)).unwrap();

    let day = meta(date(2026, 3, 2));
    let opened = service.open_complex_case(client, Opener::Dossierhouder, "Agressie neemt toe", day.clone()).unwrap();
    assert_eq!(opened, ComplexCaseId(1));
    let again = service.open_complex_case(client, Opener::Zorgkantoor, "Nog eens", day.clone());
    assert!(matches!(again, Err(CommandError::ComplexCaseOpen { case: ComplexCaseId(1), .. })), "{again:?}");
    let without_dossierhouder = service.open_complex_case(other, Opener::Dossierhouder, "x", day.clone());
    assert!(
        matches!(without_dossierhouder, Err(CommandError::Complex(ComplexRejection::NoDossierhouderToOpen))),
        "{without_dossierhouder:?}"
    );
    let second = service.open_complex_case(other, Opener::Zorgkantoor, "Geen dossierhouder", day.clone()).unwrap();
    assert_eq!(second, ComplexCaseId(2), "the rejected opening used no number");
    let nobody = service.open_complex_case(ClientId(99), Opener::Zorgkantoor, "x", day.clone());
    assert!(matches!(nobody, Err(CommandError::UnknownClient(ClientId(99)))), "{nobody:?}");

    let case = service.complex_case(opened).unwrap().unwrap();
    assert_eq!(case.state.step, Some(Step::CURRENT_PLACE));
    assert_eq!(case.state.dossierhouder, Some(agb(1)));
    assert_eq!(case.state.task("2.2").unwrap().created.responsible, Organisation::Provider(agb(1)));
    let version = case.version;
    assert_eq!(version as usize, case.events.len());

    let unfit = ComplexCaseCommand::DeclarePlaceUnfit { provider: agb(1), explanation: "COT ingezet".to_string() };
    let after = service.execute_complex(opened, &unfit, meta(date(2026, 3, 10)), Some(version)).unwrap();
    assert_eq!(after, version + 1);
    let stale = ComplexCaseCommand::UpdateTask { id: "2.4".to_string(), status: TaskStatus::Done, note: None };
    let conflict = service.execute_complex(opened, &stale, meta(date(2026, 3, 10)), Some(version));
    assert!(matches!(conflict, Err(CommandError::Store(StoreError::Conflict { .. }))), "{conflict:?}");
    let advance = ComplexCaseCommand::AdvanceStep {
        to: Step::SEARCH,
        decision: "Huidige plek past niet meer".to_string(),
        skipped: None,
    };
    service.execute_complex(opened, &advance, meta(date(2026, 3, 11)), None).unwrap();
    let missing = service.execute_complex(ComplexCaseId(7), &advance, meta(date(2026, 3, 11)), None);
    assert!(matches!(missing, Err(CommandError::UnknownComplexCase(ComplexCaseId(7)))), "{missing:?}");

    let cases = service.complex_cases().unwrap();
    assert_eq!(cases.iter().map(|case| case.id).collect::<Vec<_>>(), vec![opened, second]);
    assert_eq!(cases[0].state.step, Some(Step::SEARCH));
    assert_eq!(service.complex_cases_of(other).unwrap().len(), 1);
    // The client's case did not move.
    assert_eq!(service.store().stream_version(StreamId::Client(client)).unwrap(), case_version);
    assert_eq!(service.projected_summaries().unwrap().len(), 2);
    service.rebuild().unwrap();
    assert_eq!(service.complex_cases().unwrap()[0].state, cases[0].state);
}

pub fn signals_are_numbered_and_contacted_only_with_consent<S: EventStore>(make: &dyn Fn() -> S) {
    let service = world(make, 1);
    let report = SignalReport {
        person: "meneer K.".to_string(),
        client: None,
        reporter: "huisarts".to_string(),
        topic: "korsakov, geen plek".to_string(),
        domain: CareDomain::Wlz,
        responsible: ResponsibleParty::Zorgkantoor,
        responsible_name: "Zorgkantoor Utrecht".to_string(),
        asked_to_contact_first: true,
    };
    let day = meta(date(2026, 4, 1));
    assert_eq!(service.record_signal(report.clone(), day.clone()).unwrap(), SignalId(1));
    assert_eq!(service.record_signal(report, day.clone()).unwrap(), SignalId(2));
    let refused = SignalCommand::ContactParty { consent: false, contact: "bestuur".to_string() };
    assert!(matches!(service.execute_signal(SignalId(1), &refused, day.clone()), Err(CommandError::Signal(_))));
    let close = SignalCommand::Close { outcome: "Opgelost door zorgkantoor".to_string() };
    assert_eq!(service.execute_signal(SignalId(1), &close, day.clone()).unwrap(), 2);
    let missing = service.execute_signal(SignalId(3), &close, day);
    assert!(matches!(missing, Err(CommandError::UnknownSignal(SignalId(3)))), "{missing:?}");
    let signals = service.signals().unwrap();
    assert_eq!(signals.len(), 2);
    assert!(!signals[0].state.is_open());
    assert!(signals[1].state.is_open());
}

pub fn a_registration_round_is_seeded_from_the_best_places<S: EventStore>(make: &dyn Fn() -> S) {
    let service = world(make, 3);
    report_free(&service, 1, 1);
    report_free(&service, 2, 1);
    let client = waiting_client(&service, LivingProfile::default());
    let id = service.open_complex_case(client, Opener::Dossierhouder, "Past niet meer", meta(TODAY)).unwrap();
    let seeded = service.seed_round_from_matching(id, Round::First, 5, meta(TODAY));
    assert!(
        matches!(seeded, Err(crate::SeedError::Command(CommandError::Complex(ComplexRejection::RoundTooEarly { .. })))),
        "{seeded:?}"
    );
    let unfit = ComplexCaseCommand::DeclarePlaceUnfit { provider: agb(1), explanation: "Onveilig".to_string() };
    service.execute_complex(id, &unfit, meta(TODAY), None).unwrap();
    let advance = ComplexCaseCommand::AdvanceStep { to: Step::SEARCH, decision: "Zoeken".to_string(), skipped: None };
    service.execute_complex(id, &advance, meta(TODAY), None).unwrap();

    let approached = service.seed_round_from_matching(id, Round::First, 5, meta(TODAY)).unwrap();
    assert_eq!(
        approached,
        vec![agb(1), agb(2)],
        "the providers of the places with room, best first; none without room"
    );
    let case = service.complex_case(id).unwrap().unwrap();
    assert_eq!(case.state.registrations.len(), 2);
    assert!(
        case.state.registrations[0].information.contains("Plek zoeken"),
        "{}",
        case.state.registrations[0].information
    );
    let again = service.seed_round_from_matching(id, Round::First, 5, meta(TODAY)).unwrap();
    assert!(again.is_empty(), "providers still to answer are not approached twice");
}
