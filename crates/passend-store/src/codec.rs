//! The payload encoding of events, shared by every engine: the domain event as
//! JSON, externally tagged by its kind (`{"indication_recorded": {…}}`),
//! which decodes without buffering. A stream's category says whether
//! the payload is a case, supply or note event.

use crate::{Event, StoreError, StreamId};

pub fn encode(event: &Event) -> String {
    let encoded = match event {
        Event::Case(event) => serde_json::to_string(event),
        Event::Supply(event) => serde_json::to_string(event),
        Event::Note(note) => serde_json::to_string(note),
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
        StreamId::Client(_) => serde_json::from_str(payload).map(Event::Case).map_err(corrupt),
    }
}

/// Decodes the payload of a case event.
pub fn decode_case(payload: &[u8]) -> Result<passend_domain::case::CaseEvent, StoreError> {
    serde_json::from_slice(payload).map_err(|error| StoreError::Corrupt(format!("case event: {error}")))
}
