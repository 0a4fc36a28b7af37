//! The payload encoding of events, shared by every engine: the domain event as
//! JSON, externally tagged by its kind (`{"indication_recorded": {…}}`),
//! which decodes without buffering. A stream's category says whether
//! the payload is a case, supply, note, complex-case or signal event.

use crate::{Event, StoreError, StreamId};

pub fn encode(event: &Event) -> String {
    let encoded = match event {
        Event::Case(event) => serde_json::to_string(event),
        Event::Supply(event) => serde_json::to_string(event),
        Event::Note(note) => serde_json::to_string(note),
        Event::Complex(event) => serde_json::to_string(event),
        Event::Signal(event) => serde_json::to_string(event),
    };
    encoded.expect("domain events always serialise to JSON")
}

pub fn decode(stream: StreamId, payload: &str) -> Result<Event, StoreError> {
    let corrupt = |error: serde_json::Error| StoreError::Corrupt(format!("event of {stream}: {error}"));
    match stream {
        StreamId::Provider(_) | StreamId::Location(_) => {
            serde_json::from_str(payload).map(Event::Supply).map_err(corrupt)
        }
        StreamId::Notes(_) => serde_json::from_str(payload).map(Event::Note).map_err(corrupt),
        StreamId::Complex(_) => serde_json::from_str(payload).map(Event::Complex).map_err(corrupt),
        StreamId::Signal(_) => serde_json::from_str(payload).map(Event::Signal).map_err(corrupt),
        StreamId::Client(_) => serde_json::from_str(payload).map(Event::Case).map_err(corrupt),
    }
}

/// Decodes the payload of a case event.
pub fn decode_case(payload: &[u8]) -> Result<passend_domain::case::CaseEvent, StoreError> {
    serde_json::from_slice(payload).map_err(|error| StoreError::Corrupt(format!("case event: {error}")))
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;
    use passend_domain::case::{CaseEvent, LivingProfile};
    use passend_domain::ids::LocationId;
    use passend_domain::supply::{FreePlacesReport, SupplyEvent};

    use super::*;

    #[test]
    fn new_events_round_trip_and_their_optional_fields_may_be_absent() {
        let report = r#"{"free_places_reported":{"location":3,"free":2,"reported_on":"2026-03-02"}}"#;
        let expected = SupplyEvent::FreePlacesReported(FreePlacesReport {
            location: LocationId(3),
            free: 2,
            occupied: None,
            free_crisis_beds: None,
            reported_on: date(2026, 3, 2),
        });
        let stream = StreamId::Location(LocationId(3));
        assert_eq!(decode(stream, report).unwrap(), Event::Supply(expected.clone()));
        assert_eq!(encode(&Event::Supply(expected)), report);
        let profile = decode_case(br#"{"living_profile_recorded":{"needs":["dementie"]}}"#).unwrap();
        let needs = LivingProfile { needs: vec!["dementie".to_string()], ..LivingProfile::default() };
        assert_eq!(profile, CaseEvent::LivingProfileRecorded(needs));
    }
}
