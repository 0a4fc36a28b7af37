//! Easter Sunday by the Gregorian computus, from which Good Friday, Easter
//! Monday, Ascension Day and Whit Monday follow.

use jiff::civil::Date;

use super::epoch_day;

/// Returns Easter Sunday of `year` in the Gregorian calendar.
///
/// The rule: Easter is the first Sunday after the ecclesiastical full moon
/// that falls on or after 21 March. It is computed with the anonymous
/// Gregorian algorithm (Meeus–Jones–Butcher), which gives a date from
/// 22 March to 25 April for every year.
///
/// # Panics
///
/// Panics when `year` lies outside jiff's range (-9999..=9999), since no
/// [`Date`] exists then. Every year taken from a [`Date`] is in range.
pub fn easter_sunday(year: i16) -> Date {
    let (month, day) = easter_month_day(i32::from(year));
    // Month is 3 or 4 and day is 1..=31, so only the year can be invalid.
    Date::new(year, month as i8, day as i8)
        .unwrap_or_else(|_| panic!("year {year} is outside the range of jiff::civil::Date"))
}

/// Returns the day number of Easter Sunday of `year`, for any year.
pub(super) const fn easter_sunday_day(year: i32) -> i32 {
    let (month, day) = easter_month_day(year);
    epoch_day::days_from_civil(year, month, day)
}

/// The anonymous Gregorian algorithm (Meeus–Jones–Butcher), with floor
/// division so that it also runs for years before year 0. Returns the month
/// (3 or 4) and day of Easter Sunday.
const fn easter_month_day(year: i32) -> (i32, i32) {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let n = h + l - 7 * m + 114;
    (n / 31, n % 31 + 1)
}
