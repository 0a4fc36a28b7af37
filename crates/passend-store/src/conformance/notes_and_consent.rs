//! Conformance of the streams beside the case rules: notes, which live in a
//! stream of their own and never touch the case, and the OCO consent, which
//! is part of the case and its summary.

use jiff::civil::date;
use passend_domain::case::{CaseCommand, CaseSummary};
use passend_domain::ids::{ClientId, OcoId};
use passend_domain::note::{Audience, NoteRejection, Party};

use super::{agb, indication, meta, registration, utrecht, world};
use crate::event_store::EventStore;
use crate::{ClientQuery, ClientScope, CommandError, Event, StreamId};

pub fn notes_are_numbered_and_leave_the_case_alone<S: EventStore>(make: &dyn Fn() -> S) {
    let service = world(make, 1);
    let client = service.register_client(registration(utrecht()), meta(date(2026, 1, 5))).unwrap();
    let other = service.register_client(registration(utrecht()), meta(date(2026, 1, 5))).unwrap();
    service.execute(client, &indication(agb(1)), meta(date(2026, 1, 5)), None).unwrap();
    let version = service.store().stream_version(StreamId::Client(client)).unwrap();
    let summary = service.summary(client).unwrap();
    let state = service.case_state(client).unwrap();
    let log = service.store().read_category(StreamId::CLIENT_CATEGORY).unwrap();

    let day = meta(date(2026, 1, 6));
    let write = |reply_to, audience, party, text: &str| {
        service.write_note(client, reply_to, audience, party, text, day.clone())
    };
    assert_eq!(write(None, Audience::Everyone, Party::Zorgkantoor, "Eerste notitie").unwrap(), 1);
    assert_eq!(write(None, Audience::Professionals, Party::Dossierhouder, "Tweede").unwrap(), 2);
    assert_eq!(write(Some(1), Audience::Everyone, Party::Oco, "  Antwoord op de eerste  ").unwrap(), 3);
    let unknown = write(Some(4), Audience::Everyone, Party::Zorgkantoor, "Op niets");
    assert!(matches!(unknown, Err(CommandError::Note(NoteRejection::UnknownParent(4)))), "{unknown:?}");
    let nobody = service.write_note(ClientId(99), None, Audience::Everyone, Party::Zorgkantoor, "x", day.clone());
    assert!(matches!(nobody, Err(CommandError::UnknownClient(ClientId(99)))), "{nobody:?}");
    assert_eq!(service.write_note(other, None, Audience::Zorgkantoor, Party::Zorgkantoor, "Intern", day).unwrap(), 1);

    // Each note's number is its version; the rejected ones left nothing.
    let notes = service.notes(client).unwrap();
    assert_eq!(notes.iter().map(|(recorded, _)| recorded.version).collect::<Vec<_>>(), vec![1, 2, 3]);
    assert_eq!(notes[2].1.reply_to, Some(1));
    assert_eq!(notes[2].1.text, "Antwoord op de eerste");
    assert_eq!(notes[1].1.audience, Audience::Professionals);
    assert!(notes.iter().all(|(recorded, _)| recorded.stream == StreamId::Notes(client)));
    assert_eq!(service.store().stream_version(StreamId::Notes(client)).unwrap(), 3);

    // The case did not move: same version, same fold, same summary, same log.
    assert_eq!(service.store().stream_version(StreamId::Client(client)).unwrap(), version);
    let after = service.case_state(client).unwrap();
    assert_eq!(after, state);
    assert_eq!(service.summary(client).unwrap(), summary);
    assert_eq!(service.store().read_category(StreamId::CLIENT_CATEGORY).unwrap(), log);
    assert!(log.iter().all(|recorded| !matches!(recorded.event, Event::Note(_))));
    assert_eq!(service.store().client_count().unwrap(), 2, "a note stream is no client");
    // A form read before the notes is not stale.
    let command = CaseCommand::RegisterFirstContact { provider: agb(1) };
    service.execute(client, &command, meta(date(2026, 1, 7)), Some(version)).unwrap();

    // Neither the fold of the log nor a rebuild sees the notes.
    let projected = service.projected_summaries().unwrap();
    assert_eq!(projected.len(), 2);
    assert_eq!(service.summaries_as_of(None).unwrap(), projected);
    assert_eq!(service.rebuild().unwrap(), 2);
    assert_eq!(service.projected_summaries().unwrap(), projected);
    assert_eq!(service.notes(client).unwrap(), notes, "a rebuild keeps the notes");
}

pub fn oco_consent_is_recorded_withdrawn_and_rebuilt<S: EventStore>(make: &dyn Fn() -> S) {
    let service = world(make, 1);
    let client = service.register_client(registration(utrecht()), meta(date(2026, 1, 5))).unwrap();
    let consent = |oco| CaseCommand::RecordOcoConsent { oco };
    let before_indication = service.execute(client, &consent(Some(OcoId(1))), meta(date(2026, 1, 5)), None);
    assert!(matches!(before_indication, Err(CommandError::Rejected(_))), "{before_indication:?}");
    service.execute(client, &indication(agb(1)), meta(date(2026, 1, 5)), None).unwrap();

    let of_oco = |oco| {
        let page = service.clients(&ClientQuery::new(ClientScope::Oco(OcoId(oco)), 10)).unwrap();
        page.rows.iter().map(|row| row.client).collect::<Vec<_>>()
    };
    let consistent = || {
        let projected = service.projected_summaries().unwrap();
        assert_eq!(service.summaries_as_of(None).unwrap(), projected, "projection = fold of the log");
        service.rebuild().unwrap();
        assert_eq!(service.projected_summaries().unwrap(), projected, "rebuild = incremental");
        projected
    };

    service.execute(client, &consent(Some(OcoId(2))), meta(date(2026, 1, 8)), None).unwrap();
    assert_eq!(service.summary(client).unwrap().and_then(|summary| summary.oco_consent), Some(OcoId(2)));
    assert_eq!((of_oco(1), of_oco(2)), (vec![], vec![client]));
    let consenting: Vec<CaseSummary> = consistent();
    assert_eq!(consenting[0].oco_consent, Some(OcoId(2)), "the consent survives a rebuild");
    assert_eq!(of_oco(2), vec![client]);

    service.execute(client, &consent(None), meta(date(2026, 2, 1)), None).unwrap();
    assert_eq!(service.summary(client).unwrap().and_then(|summary| summary.oco_consent), None);
    assert!(of_oco(2).is_empty());
    assert_eq!(consistent()[0].oco_consent, None, "the withdrawal survives a rebuild");
    assert!(of_oco(2).is_empty());

    // As of a day before the withdrawal, the consent holds.
    let as_of = service.summaries_as_of(Some(date(2026, 1, 31))).unwrap();
    assert_eq!(as_of[0].oco_consent, Some(OcoId(2)));
}
