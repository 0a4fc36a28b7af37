//! Working days of the *Algemene termijnenwet* (Atw), art. 3: the Dutch public
//! holidays of every year, whether a date is a working day, and terms counted
//! in working days.
//!
//! The rule, from the project: "Working days follow the Dutch Algemene
//! termijnenwet (art. 3), in every year: not Saturday, Sunday, New Year's Day,
//! Good Friday, Easter Monday, King's Day (27 April, or 26 April when the 27th
//! is a Sunday), 5 May (every year), Ascension Day, Whit Monday, Christmas Day
//! and Boxing Day. A term of N working days after day D ends on the N-th
//! working day after D (D itself never counts, whatever day it is)."
//!
//! Scenarios use dates from 2014 on. For earlier years the calendar follows
//! the monarch's day of the time (see [`monarchs_day`] for the dates and their
//! source). The rules are meant for 1900–2200; years before 1900 follow the
//! 1900 rules and years after 2200 the current ones. No function that takes
//! a date panics, for any date jiff can hold; only [`easter_sunday`] and
//! [`monarchs_day`] panic, for a year jiff cannot hold.
//!
//! Everything here is pure: no IO and no clock.
//!
//! Layout:
//! - `easter`: Easter Sunday by the Gregorian computus.
//! - `holidays`: the holidays of each year, including the historic
//!   monarch's day.
//! - `working_days`: working days and terms in working days.
//! - `epoch_day`: integer day numbers for fast, allocation-free arithmetic.

mod easter;
mod epoch_day;
mod holidays;
mod working_days;

#[cfg(test)]
mod tests;

pub use easter::easter_sunday;
pub use holidays::{Holiday, HolidayKind, holiday_on, holidays, monarchs_day};
pub use working_days::{add_working_days, checked_add_working_days, is_working_day, working_days_between};
