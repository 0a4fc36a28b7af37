//! Domain values in their column form, and back. Dates are `YYYY-MM-DD` text
//! (so that text order is date order), timestamps RFC 3339, regions their
//! COD001 number, codes their token.

use jiff::civil::Date;
use passend_domain::case::ListTarget;
use passend_domain::case::alerts::{AlertKind, ScheduledAlert};
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
        StreamId::Client(_) | StreamId::Notes(_) | StreamId::Complex(_) | StreamId::Signal(_) => {
            Err(StoreError::Corrupt(format!("{text:?} is not a waiting-list target")))
        }
    }
}

/// The preferences column of a summary: its waiting-list targets in rank
/// order, separated by spaces (`location-3 provider-47000001`), empty when
/// it waits nowhere.
pub fn preferences(targets: impl IntoIterator<Item = ListTarget>) -> String {
    targets.into_iter().map(target).collect::<Vec<_>>().join(" ")
}

pub fn parse_preferences(text: &str) -> Result<Vec<ListTarget>, StoreError> {
    text.split_ascii_whitespace().map(parse_target).collect()
}

/// The alerts column of a summary: its alerts in order of urgency,
/// separated by `;`, each `kind,opens_on,deadline,provider` with an empty
/// field for a missing deadline or provider. None of the fields can hold a
/// `,` or a `;`: they are tokens, dates and AGB codes.
pub fn alerts(alerts: &[ScheduledAlert]) -> String {
    let mut alerts = alerts.to_vec();
    alerts.sort_by_key(|alert| alert.kind as u8);
    let field = |value: Option<String>| value.unwrap_or_default();
    alerts
        .iter()
        .map(|alert| {
            format!(
                "{},{},{},{}",
                alert.kind.token(),
                alert.opens_on,
                field(alert.deadline.map(|day| day.to_string())),
                field(alert.provider.map(|agb| agb.to_string()))
            )
        })
        .collect::<Vec<_>>()
        .join(";")
}

/// `None` for an empty field.
fn optional(field: &str) -> Option<&str> {
    (!field.is_empty()).then_some(field)
}

pub fn parse_alerts(text: &str) -> Result<Vec<ScheduledAlert>, StoreError> {
    text.split(';')
        .filter(|alert| !alert.is_empty())
        .map(|alert| match alert.split(',').collect::<Vec<_>>()[..] {
            [kind, opens_on, deadline, provider] => {
                scheduled_alert(kind, opens_on, optional(deadline), optional(provider))
            }
            _ => Err(StoreError::Corrupt(format!("alert {alert:?}"))),
        })
        .collect()
}

/// An alert from its columns, in `alert_schedule` or in a summary's alerts.
pub fn scheduled_alert(
    kind: &str,
    opens_on: &str,
    deadline: Option<&str>,
    provider: Option<&str>,
) -> Result<ScheduledAlert, StoreError> {
    Ok(ScheduledAlert {
        kind: AlertKind::parse_token(kind).ok_or_else(|| StoreError::Corrupt(format!("alert kind {kind:?}")))?,
        opens_on: date(opens_on)?,
        deadline: deadline.map(date).transpose()?,
        provider: provider.map(agb).transpose()?,
    })
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

    #[test]
    fn preferences_read_back_in_rank_order() {
        let agb = AgbCode::parse("47000001").unwrap();
        let targets = vec![
            ListTarget::Location(passend_domain::ids::LocationId(3)),
            ListTarget::Provider(agb),
            ListTarget::Location(passend_domain::ids::LocationId(12)),
        ];
        let text = preferences(targets.clone());
        assert_eq!(text, "location-3 provider-47000001 location-12");
        assert_eq!(parse_preferences(&text).unwrap(), targets);
        assert_eq!(parse_preferences(&preferences([])).unwrap(), Vec::new());
        assert!(parse_preferences("location-3 client-4").is_err());
    }

    #[test]
    fn alerts_read_back_in_order_of_urgency_with_their_missing_fields() {
        let agb = AgbCode::parse("47000001").unwrap();
        let written = [
            ScheduledAlert {
                kind: AlertKind::BridgedWaiting,
                opens_on: day(2026, 3, 2),
                deadline: None,
                provider: None,
            },
            ScheduledAlert {
                kind: AlertKind::FirstContactOverdue,
                opens_on: day(2026, 1, 20),
                deadline: Some(day(2026, 1, 19)),
                provider: Some(agb),
            },
            ScheduledAlert {
                kind: AlertKind::NormExceeded,
                opens_on: day(-5, 3, 1),
                deadline: Some(day(9999, 12, 31)),
                provider: None,
            },
        ];
        let text = alerts(&written);
        assert!(text.starts_with("first_contact_overdue,2026-01-20,2026-01-19,47000001;"), "{text}");
        let mut expected = written.to_vec();
        expected.sort_by_key(|alert| alert.kind as u8);
        assert_eq!(parse_alerts(&text).unwrap(), expected);
        assert_eq!(parse_alerts(&alerts(&[])).unwrap(), Vec::new());
        assert!(parse_alerts("bridged_waiting,2026-03-02,").is_err());
        assert!(parse_alerts("sleeping,2026-03-02,,").is_err());
    }
}
