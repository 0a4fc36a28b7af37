//! Domain values in their column form, and back. Dates are `YYYY-MM-DD` text
//! (so that text order is date order), timestamps RFC 3339, regions their
//! COD001 number, codes their token.

use jiff::civil::Date;
use passend_domain::case::ListTarget;
use passend_domain::case::waiting_order::OrderGroup;
use passend_domain::codes::Region;
use passend_domain::ids::{AgbCode, Bsn};
use passend_store::{StoreError, StreamId};

/// Parses a date column. Every date passend writes is `YYYY-MM-DD`, read
/// millions of times in a rebuild, so that form is parsed directly.
pub fn date(text: &str) -> Result<Date, StoreError> {
    let corrupt = |error: &dyn std::fmt::Display| StoreError::Corrupt(format!("date {text:?}: {error}"));
    match text.as_bytes() {
        [y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2] => {
            let digits = [*y1, *y2, *y3, *y4, *m1, *m2, *d1, *d2];
            if !digits.iter().all(u8::is_ascii_digit) {
                return Err(corrupt(&"not YYYY-MM-DD"));
            }
            let number =
                |digits: &[u8]| digits.iter().fold(0_i16, |number, digit| number * 10 + i16::from(digit - b'0'));
            Date::new(number(&digits[0..4]), number(&digits[4..6]) as i8, number(&digits[6..8]) as i8)
                .map_err(|error| corrupt(&error))
        }
        _ => text.parse().map_err(|error: jiff::Error| corrupt(&error)),
    }
}

/// A date in its column form, `YYYY-MM-DD`, formatted without allocating.
pub enum DayText {
    Short([u8; 10]),
    /// Years outside 0–9999 in jiff's own form.
    Long(String),
}

pub fn day_text(day: Date) -> DayText {
    if !(0..=9999).contains(&day.year()) {
        return DayText::Long(day.to_string());
    }
    let mut bytes = *b"0000-00-00";
    let mut write = |range: std::ops::Range<usize>, mut number: i32| {
        for index in range.rev() {
            bytes[index] = b'0' + (number % 10) as u8;
            number /= 10;
        }
    };
    write(0..4, i32::from(day.year()));
    write(5..7, i32::from(day.month()));
    write(8..10, i32::from(day.day()));
    DayText::Short(bytes)
}

impl rusqlite::ToSql for DayText {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        let text = match self {
            DayText::Short(bytes) => bytes.as_slice(),
            DayText::Long(text) => text.as_bytes(),
        };
        Ok(rusqlite::types::ToSqlOutput::Borrowed(rusqlite::types::ValueRef::Text(text)))
    }
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

pub fn bsn(text: &str) -> Result<Bsn, StoreError> {
    Bsn::parse(text).map_err(|error| StoreError::Corrupt(error.to_string()))
}

/// A waiting-order group is stored as its rank, so that number order is the
/// order of the groups.
pub fn order_group(group: OrderGroup) -> u8 {
    group as u8
}

pub fn parse_order_group(rank: u8) -> Result<OrderGroup, StoreError> {
    OrderGroup::ALL
        .get(usize::from(rank))
        .copied()
        .ok_or_else(|| StoreError::Corrupt(format!("waiting-order group {rank}")))
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
        StreamId::Client(_) | StreamId::Notes(_) => {
            Err(StoreError::Corrupt(format!("{text:?} is not a waiting-list target")))
        }
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date as day;

    use super::*;

    #[test]
    fn dates_read_back_as_written_in_every_form() {
        for written in [day(2026, 1, 5), day(1900, 2, 28), day(2024, 2, 29), day(9999, 12, 31), day(-5, 3, 1)] {
            let text = match day_text(written) {
                DayText::Short(bytes) => String::from_utf8(bytes.to_vec()).unwrap(),
                DayText::Long(text) => text,
            };
            assert_eq!(text, written.to_string());
            assert_eq!(date(&text).unwrap(), written);
        }
        assert!(date("2026-02-30").is_err());
        assert!(date("2026-1a-05").is_err());
        assert!(date("yesterday").is_err());
    }
}
