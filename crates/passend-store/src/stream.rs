//! Stream identifiers: one stream per client case, provider and location, one
//! for the notes on each case, one per complex case and one per signal.

use std::fmt;
use std::str::FromStr;

use passend_domain::ids::{AgbCode, ClientId, ComplexCaseId, LocationId, SignalId};

/// The stream an event belongs to. Written as `client-17`, `provider-47000001`
/// or `location-3`: the category before the dash, so that an engine can read
/// one category without knowing the domain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StreamId {
    Client(ClientId),
    Provider(AgbCode),
    Location(LocationId),
    /// The notes on a client's case (*Notitieverkeer*), beside the case itself.
    Notes(ClientId),
    /// A complex case (*complexe casus*), linked to a client's case.
    Complex(ComplexCaseId),
    /// A signal of the signals register.
    Signal(SignalId),
}

impl StreamId {
    pub const CLIENT_CATEGORY: &'static str = "client";
    pub const PROVIDER_CATEGORY: &'static str = "provider";
    pub const LOCATION_CATEGORY: &'static str = "location";
    pub const NOTES_CATEGORY: &'static str = "notes";
    pub const COMPLEX_CATEGORY: &'static str = "complex";
    pub const SIGNAL_CATEGORY: &'static str = "signal";

    pub fn category(self) -> &'static str {
        match self {
            StreamId::Client(_) => StreamId::CLIENT_CATEGORY,
            StreamId::Provider(_) => StreamId::PROVIDER_CATEGORY,
            StreamId::Location(_) => StreamId::LOCATION_CATEGORY,
            StreamId::Notes(_) => StreamId::NOTES_CATEGORY,
            StreamId::Complex(_) => StreamId::COMPLEX_CATEGORY,
            StreamId::Signal(_) => StreamId::SIGNAL_CATEGORY,
        }
    }

    pub fn is_supply(self) -> bool {
        matches!(self, StreamId::Provider(_) | StreamId::Location(_))
    }
}

impl fmt::Display for StreamId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StreamId::Client(id) => write!(f, "client-{}", id.0),
            StreamId::Provider(agb) => write!(f, "provider-{agb}"),
            StreamId::Location(id) => write!(f, "location-{}", id.0),
            StreamId::Notes(id) => write!(f, "notes-{}", id.0),
            StreamId::Complex(id) => write!(f, "complex-{}", id.0),
            StreamId::Signal(id) => write!(f, "signal-{}", id.0),
        }
    }
}

impl FromStr for StreamId {
    type Err = String;

    fn from_str(text: &str) -> Result<StreamId, String> {
        let invalid = || format!("{text:?} is not a stream id");
        let (category, id) = text.split_once('-').ok_or_else(invalid)?;
        match category {
            StreamId::CLIENT_CATEGORY => Ok(StreamId::Client(ClientId(id.parse().map_err(|_| invalid())?))),
            StreamId::PROVIDER_CATEGORY => Ok(StreamId::Provider(AgbCode::parse(id).map_err(|_| invalid())?)),
            StreamId::LOCATION_CATEGORY => Ok(StreamId::Location(LocationId(id.parse().map_err(|_| invalid())?))),
            StreamId::NOTES_CATEGORY => Ok(StreamId::Notes(ClientId(id.parse().map_err(|_| invalid())?))),
            StreamId::COMPLEX_CATEGORY => Ok(StreamId::Complex(ComplexCaseId(id.parse().map_err(|_| invalid())?))),
            StreamId::SIGNAL_CATEGORY => Ok(StreamId::Signal(SignalId(id.parse().map_err(|_| invalid())?))),
            _ => Err(invalid()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stream_ids_round_trip_through_text() {
        for stream in [
            StreamId::Client(ClientId(17)),
            StreamId::Provider(AgbCode::parse("47000001").unwrap()),
            StreamId::Location(LocationId(3)),
            StreamId::Notes(ClientId(17)),
            StreamId::Complex(ComplexCaseId(4)),
            StreamId::Signal(SignalId(9)),
        ] {
            assert_eq!(stream.to_string().parse::<StreamId>(), Ok(stream));
        }
        assert!("patient-1".parse::<StreamId>().is_err());
        assert!("client-x".parse::<StreamId>().is_err());
    }
}
