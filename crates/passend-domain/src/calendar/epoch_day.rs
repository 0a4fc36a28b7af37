//! Plain integer day numbers (days since 1970-01-01 in the proleptic Gregorian
//! calendar), so that the working-day arithmetic runs without allocation and
//! without jiff's checked span arithmetic in its inner loops.
//!
//! The conversions are Howard Hinnant's `days_from_civil` and
//! `civil_from_days` algorithms; they are exact for every year an `i32` day
//! number can reach, which covers jiff's whole range (-9999..=9999).

use jiff::civil::Date;

/// The day number of 1970-01-05, a Monday, from which weekdays are counted.
const MONDAY_1970_01_05: i32 = 4;

/// The day number of jiff's last date, 9999-12-31.
pub(super) const MAX_DAY: i32 = 2_932_896;

/// Returns the day number of a civil date given as year, month (1–12) and
/// day (1–31).
pub(super) const fn days_from_civil(year: i32, month: i32, day: i32) -> i32 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let month_from_march = (month + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// Returns the civil date (year, month 1–12, day 1–31) of a day number.
pub(super) const fn civil_from_days(days: i32) -> (i32, i32, i32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 { month_from_march + 3 } else { month_from_march - 9 };
    let year = year_of_era + era * 400 + if month <= 2 { 1 } else { 0 };
    (year, month, day)
}

/// Returns the weekday of a day number, counted from Monday = 0 to Sunday = 6.
pub(super) const fn weekday_from_monday(days: i32) -> i32 {
    (days - MONDAY_1970_01_05).rem_euclid(7)
}

/// Tells whether a day number falls on a Saturday or a Sunday.
pub(super) const fn is_weekend(days: i32) -> bool {
    weekday_from_monday(days) >= 5
}

/// Returns the number of weekdays (Monday to Friday) among the days up to and
/// including `days`, counted from the Monday 1970-01-05 (negative before it).
/// Only differences of this function are meaningful.
pub(super) const fn weekdays_up_to(days: i32) -> i64 {
    let offset = (days - MONDAY_1970_01_05) as i64;
    let weeks = offset.div_euclid(7);
    let into_week = offset.rem_euclid(7);
    let in_last_week = if into_week + 1 < 5 { into_week + 1 } else { 5 };
    weeks * 5 + in_last_week
}

/// Returns the day number of a jiff date.
pub(super) fn from_date(date: Date) -> i32 {
    days_from_civil(i32::from(date.year()), i32::from(date.month()), i32::from(date.day()))
}

/// Returns the jiff date of a day number, or `None` when it lies outside
/// jiff's range.
pub(super) fn to_date(days: i32) -> Option<Date> {
    let (year, month, day) = civil_from_days(days);
    let year = i16::try_from(year).ok()?;
    // Month and day always fit in an i8; `Date::new` checks the year range.
    Date::new(year, month as i8, day as i8).ok()
}
