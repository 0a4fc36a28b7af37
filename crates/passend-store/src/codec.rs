//! The payload encoding of events, shared by every engine: the domain event as
//! JSON, externally tagged by its kind (`{"indication_recorded": {…}}`),
//! which decodes without buffering. A stream's category says whether
//! the payload is a case or a supply event.

use crate::{Event, StoreError, StreamId};

pub fn encode(event: &Event) -> String {
    let encoded = match event {
        Event::Case(event) => serde_json::to_string(event),
        Event::Supply(event) => serde_json::to_string(event),
    };
    encoded.expect("domain events always serialise to JSON")
}

pub fn decode(stream: StreamId, payload: &str) -> Result<Event, StoreError> {
    let corrupt = |error: serde_json::Error| StoreError::Corrupt(format!("event of {stream}: {error}"));
    if stream.is_supply() {
        serde_json::from_str(payload).map(Event::Supply).map_err(corrupt)
    } else {
        serde_json::from_str(payload).map(Event::Case).map_err(corrupt)
    }
}

/// Decodes the payload of a case event.
pub fn decode_case(payload: &[u8]) -> Result<passend_domain::case::CaseEvent, StoreError> {
    serde_json::from_slice(payload).map_err(|error| StoreError::Corrupt(format!("case event: {error}")))
}
