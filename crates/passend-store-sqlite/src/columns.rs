//! Domain values in their column form, and back. Dates are `YYYY-MM-DD` text
//! (so that text order is date order), timestamps RFC 3339, regions their
//! COD001 number, codes their token.

use jiff::civil::Date;
use passend_domain::case::ListTarget;
use passend_domain::codes::Region;
use passend_domain::ids::AgbCode;
use passend_store::{StoreError, StreamId};

pub fn date(text: &str) -> Result<Date, StoreError> {
    text.parse().map_err(|error| StoreError::Corrupt(format!("date {text:?}: {error}")))
}

pub fn optional_date(text: Option<String>) -> Result<Option<Date>, StoreError> {
    text.as_deref().map(date).transpose()
}

pub fn region(code: i64) -> Result<Region, StoreError> {
    let code = u16::try_from(code).map_err(|_| StoreError::Corrupt(format!("region code {code}")))?;
    Region::from_cod001(code).map_err(|error| StoreError::Corrupt(error.to_string()))
}

pub fn agb(text: &str) -> Result<AgbCode, StoreError> {
    AgbCode::parse(text).map_err(|error| StoreError::Corrupt(error.to_string()))
}

pub fn stream(text: &str) -> Result<StreamId, StoreError> {
    text.parse().map_err(StoreError::Corrupt)
}

/// A waiting-list target has the same text form as its stream.
pub fn target(target: ListTarget) -> String {
    match target {
        ListTarget::Location(location) => StreamId::Location(location).to_string(),
        ListTarget::Provider(provider) => StreamId::Provider(provider).to_string(),
    }
}

pub fn parse_target(text: &str) -> Result<ListTarget, StoreError> {
    match stream(text)? {
        StreamId::Location(location) => Ok(ListTarget::Location(location)),
        StreamId::Provider(provider) => Ok(ListTarget::Provider(provider)),
        StreamId::Client(_) => Err(StoreError::Corrupt(format!("{text:?} is not a waiting-list target"))),
    }
}
