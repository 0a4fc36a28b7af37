//! Working days and terms in working days under the *Algemene termijnenwet*.

use jiff::civil::Date;

use super::epoch_day::{self, MAX_DAY};
use super::holidays::YearHolidays;

/// Tells whether `date` is a working day.
///
/// The rule, after the Atw art. 3: a working day is a day that is not a
/// Saturday, not a Sunday and not one of the holidays of
/// [`holidays()`](super::holidays()) (New Year's Day, Good Friday, Easter Monday,
/// the monarch's day, 5 May, Ascension Day, Whit Monday, Christmas Day and
/// Boxing Day).
pub fn is_working_day(date: Date) -> bool {
    let day = epoch_day::from_date(date);
    !epoch_day::is_weekend(day) && !YearHolidays::new(i32::from(date.year())).contains_weekday(day)
}

/// Returns the last day of a term of `n` working days that starts after
/// `date`: the `n`-th working day after `date`. The day `date` itself never
/// counts, whatever day it is; `n = 0` returns `date` itself.
///
/// The rule, from the project: "A term of N working days after day D ends on
/// the N-th working day after D (D itself never counts, whatever day it is)."
/// For example (seed 000): "Voor dit gesprek heeft de voorkeuraanbieder 10
/// werkdagen tijd, na de dag van ontvangst van een zorgtoewijzing." A
/// zorgtoewijzing received on Monday 5 January 2026 thus gives until Monday
/// 19 January 2026.
///
/// When the term would end after 9999-12-31, the last date jiff can hold,
/// this returns [`Date::MAX`]; [`checked_add_working_days`] returns `None`
/// instead.
pub fn add_working_days(date: Date, n: u32) -> Date {
    checked_add_working_days(date, n).unwrap_or(Date::MAX)
}

/// Returns the `n`-th working day after `date` like [`add_working_days`], or
/// `None` when it would lie after 9999-12-31.
///
/// Whole weeks are skipped arithmetically (every seven consecutive days hold
/// five weekdays, less the holidays on weekdays among them), so that the day
/// by day walk at the end covers at most five working days. The holidays of
/// the current year come from a table for 1900–2200 and are kept while the
/// walk stays in that year; nothing is allocated.
pub fn checked_add_working_days(date: Date, n: u32) -> Option<Date> {
    if n == 0 {
        return Some(date);
    }
    let mut year = YearHolidays::new(i32::from(date.year()));
    let mut current = epoch_day::from_date(date);
    let mut remaining = i64::from(n);
    while remaining > 5 {
        // Keep at least one working day for the walk, so that the walk ends
        // on a working day.
        let weeks = (remaining - 1) / 5;
        let next = i64::from(current) + 7 * weeks;
        if next > i64::from(MAX_DAY) {
            return None;
        }
        let next = next as i32;
        remaining = remaining - 5 * weeks + weekday_holidays_in(&mut year, current, next);
        current = next;
    }
    while remaining > 0 {
        if current >= MAX_DAY {
            return None;
        }
        current += 1;
        if epoch_day::is_weekend(current) {
            continue;
        }
        if !year.covers(current) {
            year = year.next_year();
        }
        if !year.contains_weekday(current) {
            remaining -= 1;
        }
    }
    if !year.covers(current) {
        year = year.next_year();
    }
    year.date_of(current)
}

/// Returns the number of working days `d` with `start < d <= end`, and 0 when
/// `end <= start`. It is the inverse of [`add_working_days`]: for every `n`,
/// `working_days_between(d, add_working_days(d, n)) == n` (within jiff's
/// range).
pub fn working_days_between(start: Date, end: Date) -> u32 {
    if end <= start {
        return 0;
    }
    let mut year = YearHolidays::new(i32::from(start.year()));
    let (start, end) = (epoch_day::from_date(start), epoch_day::from_date(end));
    let count =
        epoch_day::weekdays_up_to(end) - epoch_day::weekdays_up_to(start) - weekday_holidays_in(&mut year, start, end);
    // At most about 5.2 million working days fit in jiff's range.
    u32::try_from(count).unwrap_or(u32::MAX)
}

/// Counts the distinct holiday dates in `after < date <= up_to` that fall on
/// a weekday. `year` holds the holidays of the year of `after` or of the year
/// after it; on return it holds those of the year of `up_to` (or of `after`
/// when `up_to <= after`).
fn weekday_holidays_in(year: &mut YearHolidays, after: i32, up_to: i32) -> i64 {
    let mut count = 0;
    let mut day = after + 1;
    while day <= up_to {
        if !year.covers(day) {
            *year = year.next_year();
        }
        count += year.weekday_holidays_in(after, up_to);
        day = year.last_day() + 1;
    }
    count
}
