//! Tests of the calendar: known dates checked by hand or by an independent
//! computation, and properties over the years 1900–2200.

use jiff::ToSpan;
use jiff::civil::{Date, Weekday, date};
use proptest::prelude::*;

use super::*;

// ---------------------------------------------------------------------------
// Reference implementations, independent of the production code paths.
// ---------------------------------------------------------------------------

/// Easter Sunday by Knuth's algorithm (TAOCP vol. 1, §1.3.2, exercise 14),
/// an epact-based formulation that is independent of Meeus–Jones–Butcher.
/// Valid for Gregorian years after 1582.
fn knuth_easter(year: i32) -> (i32, i32) {
    let golden = year % 19 + 1;
    let century = year / 100 + 1;
    let skipped_leap_years = 3 * century / 4 - 12;
    let moon_correction = (8 * century + 5) / 25 - 5;
    let sunday = 5 * year / 4 - skipped_leap_years - 10;
    let mut epact = (11 * golden + 20 + moon_correction - skipped_leap_years).rem_euclid(30);
    if (epact == 25 && golden > 11) || epact == 24 {
        epact += 1;
    }
    let mut full_moon = 44 - epact;
    if full_moon < 21 {
        full_moon += 30;
    }
    let easter = full_moon + 7 - (sunday + full_moon).rem_euclid(7);
    if easter > 31 { (4, easter - 31) } else { (3, easter) }
}

/// Tells whether `d` is a working day, using jiff's weekday and the public
/// `holidays` list.
fn reference_is_working_day(d: Date) -> bool {
    !matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday) && !holidays(d.year()).iter().any(|h| h.date == d)
}

/// The n-th working day after `d`, walking one day at a time with jiff.
fn reference_add_working_days(d: Date, n: u32) -> Date {
    let mut current = d;
    let mut remaining = n;
    while remaining > 0 {
        current = current.tomorrow().unwrap();
        if reference_is_working_day(current) {
            remaining -= 1;
        }
    }
    current
}

/// The number of working days in `start < d <= end`, walking one day at a time.
fn reference_working_days_between(start: Date, end: Date) -> u32 {
    let mut count = 0;
    let mut current = start;
    while current < end {
        current = current.tomorrow().unwrap();
        if reference_is_working_day(current) {
            count += 1;
        }
    }
    count
}

fn holiday(d: Date, kind: HolidayKind) -> Holiday {
    Holiday { date: d, kind }
}

// ---------------------------------------------------------------------------
// Easter.
// ---------------------------------------------------------------------------

#[test]
fn easter_on_known_dates() {
    // Checked against python-dateutil's `easter()` (an independent
    // implementation) and published Easter tables.
    let known = [
        date(1900, 4, 15),
        date(1961, 4, 2),
        date(2000, 4, 23),
        date(2019, 4, 21),
        date(2024, 3, 31),
        date(2025, 4, 20),
        date(2026, 4, 5),
        date(2038, 4, 25),
        date(2100, 3, 28),
        date(2200, 4, 6),
    ];
    for expected in known {
        assert_eq!(easter_sunday(expected.year()), expected);
    }
}

#[test]
fn easter_agrees_with_knuths_algorithm_from_1583_to_9999() {
    for year in 1583..=9999_i16 {
        let (month, day) = knuth_easter(i32::from(year));
        let easter = easter_sunday(year);
        assert_eq!((i32::from(easter.month()), i32::from(easter.day())), (month, day), "Easter {year}");
    }
}

#[test]
fn easter_is_a_sunday_between_22_march_and_25_april_in_every_year() {
    for year in -9999..=9999_i16 {
        let easter = easter_sunday(year);
        assert_eq!(easter.year(), year);
        assert_eq!(easter.weekday(), Weekday::Sunday, "Easter {year}");
        let earliest = date(year, 3, 22);
        let latest = date(year, 4, 25);
        assert!(earliest <= easter && easter <= latest, "Easter {year}: {easter}");
    }
}

#[test]
#[should_panic(expected = "outside the range")]
fn easter_panics_for_a_year_jiff_cannot_hold() {
    easter_sunday(10_000);
}

// ---------------------------------------------------------------------------
// Holidays.
// ---------------------------------------------------------------------------

#[test]
fn holidays_of_2026() {
    use HolidayKind::*;
    assert_eq!(
        holidays(2026),
        vec![
            holiday(date(2026, 1, 1), NewYearsDay),
            holiday(date(2026, 4, 3), GoodFriday),
            holiday(date(2026, 4, 6), EasterMonday),
            holiday(date(2026, 4, 27), MonarchsDay),
            holiday(date(2026, 5, 5), LiberationDay),
            holiday(date(2026, 5, 14), AscensionDay),
            holiday(date(2026, 5, 25), WhitMonday),
            holiday(date(2026, 12, 25), ChristmasDay),
            holiday(date(2026, 12, 26), BoxingDay),
        ]
    );
}

#[test]
fn holidays_of_1900_have_no_liberation_day_and_queens_day_on_31_august() {
    use HolidayKind::*;
    assert_eq!(
        holidays(1900),
        vec![
            holiday(date(1900, 1, 1), NewYearsDay),
            holiday(date(1900, 4, 13), GoodFriday),
            holiday(date(1900, 4, 16), EasterMonday),
            holiday(date(1900, 5, 24), AscensionDay),
            holiday(date(1900, 6, 4), WhitMonday),
            holiday(date(1900, 8, 31), MonarchsDay),
            holiday(date(1900, 12, 25), ChristmasDay),
            holiday(date(1900, 12, 26), BoxingDay),
        ]
    );
}

#[test]
fn liberation_day_exists_from_1945_on() {
    assert_eq!(holiday_on(date(1944, 5, 5)), None);
    assert_eq!(holiday_on(date(1945, 5, 5)), Some(HolidayKind::LiberationDay));
    assert_eq!(holiday_on(date(2200, 5, 5)), Some(HolidayKind::LiberationDay));
    // 5 May 1944 was a Friday, so it was a working day.
    assert_eq!(date(1944, 5, 5).weekday(), Weekday::Friday);
    assert!(is_working_day(date(1944, 5, 5)));
}

#[test]
fn kings_day_moves_to_26_april_when_27_april_is_a_sunday() {
    // 27 April 2014, 2025 and 2031 are Sundays; 27 April 2026 is a Monday.
    for year in [2014, 2025, 2031] {
        assert_eq!(date(year, 4, 27).weekday(), Weekday::Sunday);
        assert_eq!(monarchs_day(year), date(year, 4, 26));
        assert_eq!(holiday_on(date(year, 4, 26)), Some(HolidayKind::MonarchsDay));
        assert_eq!(holiday_on(date(year, 4, 27)), None);
    }
    assert_eq!(monarchs_day(2026), date(2026, 4, 27));
    // 27 April 2200 is a Sunday too.
    assert_eq!(date(2200, 4, 27).weekday(), Weekday::Sunday);
    assert_eq!(monarchs_day(2200), date(2200, 4, 26));
    assert_eq!(monarchs_day(2199), date(2199, 4, 27));
}

#[test]
fn queens_day_from_1949_to_2013() {
    // An ordinary year.
    assert_eq!(monarchs_day(1949), date(1949, 4, 30));
    assert_eq!(monarchs_day(2013), date(2013, 4, 30));
    // 30 April on a Sunday up to 1979: Monday 1 May.
    for year in [1950, 1961, 1967, 1972, 1978] {
        assert_eq!(date(year, 4, 30).weekday(), Weekday::Sunday);
        assert_eq!(monarchs_day(year), date(year, 5, 1), "{year}");
        assert_eq!(holiday_on(date(year, 4, 30)), None);
    }
    // From 1980 on: Saturday 29 April.
    for year in [1989, 1995, 2000, 2006] {
        assert_eq!(date(year, 4, 30).weekday(), Weekday::Sunday);
        assert_eq!(monarchs_day(year), date(year, 4, 29), "{year}");
    }
    // 1 May 1967 was a Monday, so it was no working day.
    assert!(!is_working_day(date(1967, 5, 1)));
    assert!(is_working_day(date(1967, 5, 2)));
}

#[test]
fn queens_day_from_1900_to_1948() {
    assert_eq!(monarchs_day(1900), date(1900, 8, 31));
    assert_eq!(monarchs_day(1948), date(1948, 8, 31));
    // 31 August on a Sunday: Monday 1 September.
    for year in [1902, 1913, 1919, 1924, 1930, 1941, 1947] {
        assert_eq!(date(year, 8, 31).weekday(), Weekday::Sunday);
        assert_eq!(monarchs_day(year), date(year, 9, 1), "{year}");
    }
    // Before 1900 the 1900 rule applies.
    assert_eq!(monarchs_day(1850), date(1850, 8, 31));
}

#[test]
fn liberation_day_and_ascension_day_can_share_5_may() {
    // Easter 2005 was 27 March, so Ascension Day was 5 May 2005 (a Thursday).
    let both: Vec<_> = holidays(2005).into_iter().filter(|h| h.date == date(2005, 5, 5)).map(|h| h.kind).collect();
    assert_eq!(both, vec![HolidayKind::LiberationDay, HolidayKind::AscensionDay]);
    assert_eq!(holiday_on(date(2005, 5, 5)), Some(HolidayKind::LiberationDay));
    // The shared day counts once: 4 May 2005 (Wednesday) + 1 working day is
    // Friday 6 May, and the week 2–6 May has four working days.
    assert_eq!(add_working_days(date(2005, 5, 4), 1), date(2005, 5, 6));
    assert_eq!(working_days_between(date(2005, 5, 1), date(2005, 5, 8)), 4);
}

#[test]
fn dutch_names() {
    assert_eq!(HolidayKind::NewYearsDay.name_nl(), "Nieuwjaarsdag");
    assert_eq!(HolidayKind::GoodFriday.name_nl(), "Goede Vrijdag");
    assert_eq!(HolidayKind::EasterMonday.name_nl(), "Tweede Paasdag");
    assert_eq!(HolidayKind::MonarchsDay.name_nl(), "Koningsdag");
    assert_eq!(HolidayKind::LiberationDay.name_nl(), "Bevrijdingsdag");
    assert_eq!(HolidayKind::AscensionDay.name_nl(), "Hemelvaartsdag");
    assert_eq!(HolidayKind::WhitMonday.name_nl(), "Tweede Pinksterdag");
    assert_eq!(HolidayKind::ChristmasDay.name_nl(), "Eerste Kerstdag");
    assert_eq!(HolidayKind::BoxingDay.name_nl(), "Tweede Kerstdag");
    let queens_day = holiday(date(1989, 4, 29), HolidayKind::MonarchsDay);
    assert_eq!(queens_day.name_nl(), "Koninginnedag");
    let kings_day = holiday(date(2014, 4, 26), HolidayKind::MonarchsDay);
    assert_eq!(kings_day.name_nl(), "Koningsdag");
}

#[test]
fn every_kind_occurs_each_year_from_1945_on() {
    for year in [1945, 2026, 2200] {
        let kinds: Vec<_> = holidays(year).iter().map(|h| h.kind).collect();
        for kind in HolidayKind::ALL {
            assert_eq!(kinds.iter().filter(|&&k| k == kind).count(), 1, "{kind:?} {year}");
        }
    }
}

// ---------------------------------------------------------------------------
// Working days and terms.
// ---------------------------------------------------------------------------

#[test]
fn known_terms_in_2026() {
    let cases = [
        (date(2026, 1, 5), 10, date(2026, 1, 19)),
        (date(2026, 2, 10), 10, date(2026, 2, 24)),
        (date(2026, 3, 2), 10, date(2026, 3, 16)),
        (date(2026, 3, 3), 10, date(2026, 3, 17)),
        // Good Friday 3 April and Easter Monday 6 April are skipped.
        (date(2026, 3, 31), 5, date(2026, 4, 9)),
        (date(2026, 4, 1), 10, date(2026, 4, 17)),
        // King's Day 27 April and Liberation Day 5 May are skipped.
        (date(2026, 4, 22), 10, date(2026, 5, 8)),
        // Christmas and New Year: 25 and 26 December 2026 are Friday and
        // Saturday, 1 January 2027 is a Friday.
        (date(2026, 12, 23), 3, date(2026, 12, 29)),
        (date(2026, 12, 23), 6, date(2027, 1, 4)),
    ];
    for (start, n, expected) in cases {
        assert_eq!(add_working_days(start, n), expected, "{start} + {n}");
        assert_eq!(working_days_between(start, expected), n, "{start}..{expected}");
    }
}

#[test]
fn the_start_day_never_counts() {
    // Saturday, Sunday, a holiday and a working day as start.
    assert_eq!(add_working_days(date(2026, 1, 3), 1), date(2026, 1, 5));
    assert_eq!(add_working_days(date(2026, 1, 4), 1), date(2026, 1, 5));
    assert_eq!(add_working_days(date(2026, 1, 1), 1), date(2026, 1, 2));
    assert_eq!(add_working_days(date(2026, 1, 2), 1), date(2026, 1, 5));
    // n = 0 returns the start itself, whatever day it is.
    assert_eq!(add_working_days(date(2026, 1, 3), 0), date(2026, 1, 3));
    assert_eq!(add_working_days(date(2026, 1, 1), 0), date(2026, 1, 1));
}

#[test]
fn is_working_day_on_known_days() {
    assert!(is_working_day(date(2026, 1, 2))); // Friday
    assert!(!is_working_day(date(2026, 1, 3))); // Saturday
    assert!(!is_working_day(date(2026, 1, 4))); // Sunday
    assert!(!is_working_day(date(2026, 1, 1))); // New Year's Day, Thursday
    assert!(!is_working_day(date(2026, 4, 3))); // Good Friday
    assert!(!is_working_day(date(2026, 4, 6))); // Easter Monday
    assert!(!is_working_day(date(2026, 4, 27))); // King's Day, Monday
    assert!(!is_working_day(date(2026, 5, 5))); // Liberation Day, Tuesday
    assert!(!is_working_day(date(2026, 5, 14))); // Ascension Day
    assert!(is_working_day(date(2026, 5, 15))); // Friday after Ascension
    assert!(!is_working_day(date(2026, 5, 25))); // Whit Monday
    assert!(!is_working_day(date(2026, 12, 25))); // Christmas Day, Friday
    assert!(is_working_day(date(2026, 12, 28))); // Monday
}

#[test]
fn working_days_between_is_zero_when_end_is_not_after_start() {
    let d = date(2026, 3, 2);
    assert_eq!(working_days_between(d, d), 0);
    assert_eq!(working_days_between(d, date(2026, 2, 2)), 0);
}

#[test]
fn working_days_in_2026() {
    // 2026 has 261 weekdays; all holidays but Boxing Day (a Saturday) fall
    // on a weekday, so 261 - 8 = 253 working days.
    assert_eq!(working_days_between(date(2025, 12, 31), date(2026, 12, 31)), 253);
    assert_eq!(
        working_days_between(date(2025, 12, 31), date(2026, 12, 31)),
        reference_working_days_between(date(2025, 12, 31), date(2026, 12, 31))
    );
}

#[test]
fn large_terms_agree_with_the_day_by_day_walk() {
    for (start, n) in
        [(date(1900, 1, 1), 5_000), (date(2013, 12, 31), 2_000), (date(2026, 4, 22), 1_234), (date(2199, 6, 1), 700)]
    {
        assert_eq!(add_working_days(start, n), reference_add_working_days(start, n), "{start} + {n}");
    }
}

#[test]
fn no_panic_at_the_edges_of_jiffs_range() {
    assert_eq!(add_working_days(Date::MAX, 1), Date::MAX);
    assert_eq!(checked_add_working_days(Date::MAX, 1), None);
    assert_eq!(checked_add_working_days(Date::MAX, 0), Some(Date::MAX));
    assert_eq!(add_working_days(Date::MIN, u32::MAX), Date::MAX);
    assert_eq!(checked_add_working_days(Date::MIN, u32::MAX), None);
    assert_eq!(checked_add_working_days(date(9999, 12, 1), 100), None);
    // 9999-12-31 is a Friday and no holiday: the last working day jiff holds.
    assert_eq!(checked_add_working_days(date(9999, 12, 30), 1), Some(date(9999, 12, 31)));
    let _ = is_working_day(Date::MIN);
    let _ = is_working_day(Date::MAX);
    let _ = holiday_on(Date::MIN);
    let _ = holiday_on(Date::MAX);
    // Before 1945 there is no Liberation Day.
    assert_eq!(holidays(-9999).len(), 8);
    assert_eq!(holidays(9999).len(), 9);
    assert!(holidays(i16::MAX).is_empty());
    assert!(holidays(i16::MIN).is_empty());
    // Roughly 20,000 years of about 250 working days each.
    let all = working_days_between(Date::MIN, Date::MAX);
    assert!((4_900_000..5_300_000).contains(&all), "{all}");
    assert_eq!(add_working_days(Date::MIN, all), date(9999, 12, 31));
}

#[test]
fn the_far_past_uses_the_1900_rules_and_the_far_future_the_current_ones() {
    let past = date(1, 8, 31);
    assert_eq!(holiday_on(past), Some(HolidayKind::MonarchsDay));
    assert_eq!(holiday_on(date(1, 5, 5)), None);
    assert_eq!(monarchs_day(5001), date(5001, 4, 27));
    assert_eq!(holiday_on(date(5000, 5, 5)), Some(HolidayKind::LiberationDay));
}

// ---------------------------------------------------------------------------
// Properties over 1900–2200.
// ---------------------------------------------------------------------------

/// Days from 1900-01-01 to 2200-12-31.
const DAYS_1900_TO_2200: i64 = 109_937;

fn any_date() -> impl Strategy<Value = Date> {
    (0..=DAYS_1900_TO_2200).prop_map(|offset| date(1900, 1, 1).checked_add(offset.days()).unwrap())
}

fn any_year() -> impl Strategy<Value = i16> {
    1900..=2200_i16
}

#[test]
fn the_date_strategy_covers_exactly_1900_to_2200() {
    assert_eq!(date(1900, 1, 1).checked_add(DAYS_1900_TO_2200.days()).unwrap(), date(2200, 12, 31));
}

proptest! {
    #[test]
    fn add_working_days_ends_on_a_working_day(d in any_date(), n in 1..=400_u32) {
        let end = add_working_days(d, n);
        prop_assert!(end > d);
        prop_assert!(is_working_day(end));
        prop_assert!(!matches!(end.weekday(), Weekday::Saturday | Weekday::Sunday));
        prop_assert_eq!(holiday_on(end), None);
    }

    #[test]
    fn add_working_days_of_zero_is_the_identity(d in any_date()) {
        prop_assert_eq!(add_working_days(d, 0), d);
    }

    #[test]
    fn working_days_between_inverts_add_working_days(d in any_date(), n in 0..=400_u32) {
        let end = add_working_days(d, n);
        prop_assert_eq!(working_days_between(d, end), n);
        // And `end` is the first day at which the count reaches n.
        if n > 0 {
            prop_assert_eq!(working_days_between(d, end.yesterday().unwrap()), n - 1);
        }
    }

    #[test]
    fn add_working_days_is_strictly_monotone_in_n(d in any_date(), n in 0..=399_u32) {
        prop_assert!(add_working_days(d, n) < add_working_days(d, n + 1));
    }

    #[test]
    fn add_working_days_agrees_with_the_day_by_day_walk(d in any_date(), n in 0..=400_u32) {
        prop_assert_eq!(add_working_days(d, n), reference_add_working_days(d, n));
    }

    #[test]
    fn working_days_between_agrees_with_the_day_by_day_walk(
        d in any_date(),
        length in -10..=800_i64,
    ) {
        let end = d.checked_add(length.days()).unwrap();
        prop_assert_eq!(working_days_between(d, end), reference_working_days_between(d, end));
    }

    #[test]
    fn add_working_days_composes(d in any_date(), a in 0..=200_u32, b in 0..=200_u32) {
        prop_assert_eq!(
            add_working_days(add_working_days(d, a), b),
            add_working_days(d, a + b)
        );
    }

    #[test]
    fn is_working_day_agrees_with_the_holiday_list(d in any_date()) {
        prop_assert_eq!(is_working_day(d), reference_is_working_day(d));
    }

    #[test]
    fn holidays_are_in_their_year_sorted_and_found_by_holiday_on(year in any_year()) {
        let list = holidays(year);
        prop_assert!(list.len() == 8 || list.len() == 9);
        prop_assert!(list.windows(2).all(|w| w[0].date <= w[1].date));
        for h in &list {
            prop_assert_eq!(h.date.year(), year);
            let found = holiday_on(h.date);
            prop_assert!(found.is_some());
            // The kind agrees unless two holidays share the date.
            let sharing = list.iter().filter(|other| other.date == h.date).count();
            if sharing == 1 {
                prop_assert_eq!(found, Some(h.kind));
            }
            prop_assert!(!is_working_day(h.date));
        }
    }

    #[test]
    fn holiday_on_finds_only_listed_holidays(d in any_date()) {
        if let Some(kind) = holiday_on(d) {
            let listed = Holiday { date: d, kind };
            prop_assert!(holidays(d.year()).contains(&listed));
        }
    }

    #[test]
    fn easter_derived_holidays_keep_their_distance(year in any_year()) {
        let easter = easter_sunday(year);
        let list = holidays(year);
        let on = |kind| list.iter().find(|h| h.kind == kind).map(|h| h.date).unwrap();
        prop_assert_eq!(on(HolidayKind::GoodFriday), easter.checked_sub(2.days()).unwrap());
        prop_assert_eq!(on(HolidayKind::EasterMonday), easter.checked_add(1.days()).unwrap());
        prop_assert_eq!(on(HolidayKind::AscensionDay), easter.checked_add(39.days()).unwrap());
        prop_assert_eq!(on(HolidayKind::WhitMonday), easter.checked_add(50.days()).unwrap());
        prop_assert_eq!(on(HolidayKind::GoodFriday).weekday(), Weekday::Friday);
        prop_assert_eq!(on(HolidayKind::AscensionDay).weekday(), Weekday::Thursday);
        prop_assert_eq!(on(HolidayKind::WhitMonday).weekday(), Weekday::Monday);
    }

    #[test]
    fn large_terms_are_consistent(d in any_date(), n in 0..=200_000_u32) {
        let end = add_working_days(d, n);
        prop_assert_eq!(working_days_between(d, end), n);
        if n > 0 {
            prop_assert!(is_working_day(end));
            prop_assert_eq!(working_days_between(d, end.yesterday().unwrap()), n - 1);
        }
    }
}

/// Dates from -9000-01-01 to 9000-12-31, far outside the compile-time table
/// of 1900–2200 but far enough from jiff's limits for the reference walk.
fn any_far_date() -> impl Strategy<Value = Date> {
    let days = date(-9000, 1, 1).until(date(9000, 12, 31)).unwrap().get_days();
    (0..=i64::from(days)).prop_map(|offset| date(-9000, 1, 1).checked_add(offset.days()).unwrap())
}

proptest! {
    /// The rules also hold, without the compile-time table, in any year.
    #[test]
    fn add_working_days_agrees_with_the_walk_in_any_year(d in any_far_date(), n in 0..=400_u32) {
        let end = add_working_days(d, n);
        prop_assert_eq!(end, reference_add_working_days(d, n));
        prop_assert_eq!(working_days_between(d, end), n);
        prop_assert_eq!(is_working_day(d), reference_is_working_day(d));
    }

    /// The integer day numbers agree with jiff on every date jiff can hold.
    #[test]
    fn day_numbers_agree_with_jiff(offset in 0..=7_304_484_i64) {
        let d = Date::MIN.checked_add(offset.days()).unwrap();
        let day = super::epoch_day::from_date(d);
        prop_assert_eq!(i64::from(day), i64::from(super::epoch_day::from_date(date(1970, 1, 1))) + d.since(date(1970, 1, 1)).unwrap().get_days() as i64);
        prop_assert_eq!(super::epoch_day::to_date(day), Some(d));
        let weekday = super::epoch_day::weekday_from_monday(day);
        prop_assert_eq!(weekday, i32::from(d.weekday().to_monday_zero_offset()));
    }
}
