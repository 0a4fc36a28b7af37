//! The generation window as day numbers.
//!
//! The generator plans in whole days counted from the first day of the
//! window (day 0) to `until` (the last day), so that "three weeks later" and
//! "clamped to the window" are integer sums; dates are looked up only when a
//! command is recorded.

use jiff::civil::Date;
use jiff::{Timestamp, ToSpan};

/// A day of the window: 0 is the first day.
pub(crate) type Day = i32;

/// The days from the first day of the window to `until`.
pub(crate) struct Window {
    dates: Vec<Date>,
    /// Seconds since the Unix epoch of each day's midnight, UTC.
    midnights: Vec<i64>,
}

impl Window {
    /// The window of `months` calendar months that ends on `until`: it starts
    /// the day after the same day `months` months earlier.
    pub(crate) fn ending_on(until: Date, months: u32) -> Result<Window, String> {
        if months == 0 {
            return Err("months must be at least 1".to_string());
        }
        let start = until
            .checked_sub(i64::from(months).months())
            .and_then(|day| day.checked_add(1.day()))
            .map_err(|error| format!("{months} months before {until}: {error}"))?;
        let mut dates = Vec::new();
        let mut midnights = Vec::new();
        let mut day = start;
        loop {
            let midnight = day
                .to_zoned(jiff::tz::TimeZone::UTC)
                .map_err(|error| format!("{day}: {error}"))?
                .timestamp()
                .as_second();
            dates.push(day);
            midnights.push(midnight);
            if day >= until {
                break;
            }
            day = day.checked_add(1.day()).map_err(|error| format!("{day}: {error}"))?;
        }
        Ok(Window { dates, midnights })
    }

    /// The last day of the window (`until`).
    pub(crate) fn last(&self) -> Day {
        self.dates.len() as Day - 1
    }

    pub(crate) fn first_date(&self) -> Date {
        self.dates[0]
    }

    pub(crate) fn last_date(&self) -> Date {
        self.dates[self.dates.len() - 1]
    }

    /// The date of a day inside the window.
    pub(crate) fn date(&self, day: Day) -> Date {
        self.dates[day as usize]
    }

    /// The day number of a date; dates after the window get numbers after
    /// [`Window::last`], dates before it numbers below 0.
    pub(crate) fn day_of(&self, date: Date) -> Day {
        match self.dates.binary_search(&date) {
            Ok(index) => index as Day,
            Err(0) => -((self.dates[0] - date).get_days()),
            Err(_) => self.last() + (date - self.last_date()).get_days(),
        }
    }

    /// A moment on a day: `seconds` after its midnight (UTC).
    pub(crate) fn moment(&self, day: Day, seconds: i64) -> Timestamp {
        Timestamp::from_second(self.midnights[day as usize] + seconds)
            .expect("a moment within a day of the window is a valid timestamp")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn a_year_ends_on_until_and_starts_the_day_after_a_year_before() {
        let window = Window::ending_on(date(2026, 11, 23), 12).unwrap();
        assert_eq!(window.first_date(), date(2025, 11, 24));
        assert_eq!(window.last_date(), date(2026, 11, 23));
        assert_eq!(window.last(), 364);
        assert_eq!(window.day_of(date(2026, 11, 23)), 364);
        assert_eq!(window.day_of(date(2026, 11, 30)), 371);
        assert_eq!(window.day_of(date(2025, 11, 20)), -4);
        assert_eq!(window.date(window.day_of(date(2026, 3, 1))), date(2026, 3, 1));
        assert!(Window::ending_on(date(2026, 11, 23), 0).is_err());
    }
}
