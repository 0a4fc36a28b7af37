//! The public holidays of the *Algemene termijnenwet* (Atw) art. 3, per year,
//! including the historic dates of the monarch's day.

use jiff::civil::Date;

use super::{easter, epoch_day};

/// A public holiday that is not a working day under the Atw.
///
/// The variants are declared in the order in which two holidays on the same
/// date are listed: in 2005 and 2016, for example, Liberation Day and
/// Ascension Day are both 5 May, and [`holiday_on`] then returns
/// [`HolidayKind::LiberationDay`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum HolidayKind {
    /// 1 January.
    NewYearsDay,
    /// Two days before Easter Sunday.
    GoodFriday,
    /// The day after Easter Sunday.
    EasterMonday,
    /// King's Day, or Queen's Day before 2014 (the monarch's birthday of the
    /// time); see [`monarchs_day`] for the dates.
    MonarchsDay,
    /// 5 May, from 1945 on.
    LiberationDay,
    /// 39 days after Easter Sunday.
    AscensionDay,
    /// 50 days after Easter Sunday.
    WhitMonday,
    /// 25 December.
    ChristmasDay,
    /// 26 December.
    BoxingDay,
}

impl HolidayKind {
    /// Every kind, in declaration order.
    pub const ALL: [HolidayKind; 9] = [
        HolidayKind::NewYearsDay,
        HolidayKind::GoodFriday,
        HolidayKind::EasterMonday,
        HolidayKind::MonarchsDay,
        HolidayKind::LiberationDay,
        HolidayKind::AscensionDay,
        HolidayKind::WhitMonday,
        HolidayKind::ChristmasDay,
        HolidayKind::BoxingDay,
    ];

    /// Returns the Dutch name of the holiday. The monarch's day is called by
    /// its current name, "Koningsdag"; [`Holiday::name_nl`] gives the name of
    /// the time ("Koninginnedag" before 2014).
    pub fn name_nl(self) -> &'static str {
        match self {
            HolidayKind::NewYearsDay => "Nieuwjaarsdag",
            HolidayKind::GoodFriday => "Goede Vrijdag",
            HolidayKind::EasterMonday => "Tweede Paasdag",
            HolidayKind::MonarchsDay => "Koningsdag",
            HolidayKind::LiberationDay => "Bevrijdingsdag",
            HolidayKind::AscensionDay => "Hemelvaartsdag",
            HolidayKind::WhitMonday => "Tweede Pinksterdag",
            HolidayKind::ChristmasDay => "Eerste Kerstdag",
            HolidayKind::BoxingDay => "Tweede Kerstdag",
        }
    }
}

/// A public holiday on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Holiday {
    /// The date the holiday falls on.
    pub date: Date,
    /// Which holiday it is.
    pub kind: HolidayKind,
}

impl Holiday {
    /// Returns the Dutch name of the holiday as it was called in its year:
    /// "Koninginnedag" for the monarch's day before 2014, otherwise
    /// [`HolidayKind::name_nl`].
    pub fn name_nl(&self) -> &'static str {
        match self.kind {
            HolidayKind::MonarchsDay if self.date.year() < FIRST_KINGS_DAY_YEAR => "Koninginnedag",
            kind => kind.name_nl(),
        }
    }
}

/// The first year of King's Day (Willem-Alexander, 27 April).
const FIRST_KINGS_DAY_YEAR: i16 = 2014;

/// The first year of Liberation Day (5 May).
const FIRST_LIBERATION_DAY_YEAR: i32 = 1945;

/// Returns the public holidays of the Atw in `year`, sorted by date. Two
/// holidays on one date (Liberation Day and Ascension Day on 5 May) are both
/// listed, in the order of [`HolidayKind`]'s declaration.
///
/// The rule, Atw art. 3: "Algemeen erkende feestdagen in de zin van deze wet
/// zijn: de Nieuwjaarsdag, de Christelijke tweede Paas- en Pinksterdag, de
/// beide Kerstdagen, de Hemelvaartsdag, de dag waarop de verjaardag van de
/// Koning wordt gevierd en de vijfde mei. Voor de toepassing van deze wet
/// wordt de Goede Vrijdag met de in het vorige lid genoemde dagen
/// gelijkgesteld."
///
/// Choices for the years before the current text of the law:
/// - Good Friday counts in every year.
/// - 5 May counts every year from 1945 on (it did not exist before), not only
///   once in five years as in some collective labour agreements.
/// - The monarch's day follows the date of its time; see [`monarchs_day`].
/// - Days that the Crown equates with a holiday for a few years at a time
///   (art. 3 third paragraph, such as the Friday after Ascension Day) are not
///   included: the project's rule lists only the days above.
///
/// Years outside jiff's range (-9999..=9999) have no dates and give an empty
/// list.
pub fn holidays(year: i16) -> Vec<Holiday> {
    if Date::new(year, 1, 1).is_err() {
        return Vec::new();
    }
    let year_holidays = YearHolidays::new(i32::from(year));
    year_holidays.sorted()[..year_holidays.len()]
        .iter()
        .filter_map(|&(day, kind)| year_holidays.date_of(day).map(|date| Holiday { date, kind }))
        .collect()
}

/// Returns the holiday on `date`, or `None` when `date` is no holiday. When
/// two holidays share the date, returns the first in [`HolidayKind`]'s
/// declaration order.
pub fn holiday_on(date: Date) -> Option<HolidayKind> {
    YearHolidays::new(i32::from(date.year())).kind_on(epoch_day::from_date(date))
}

/// Returns the date on which the monarch's day (Koningsdag, before 2014
/// Koninginnedag) was or is celebrated in `year`.
///
/// Source: the Koninklijke Besluiten that set the date of each monarch's
/// birthday celebration, as summarised by Wikipedia (nl) "Koningsdag" and
/// "Koninginnedag" (history sections):
/// - 2014 on (Willem-Alexander): 27 April; 26 April when 27 April is a Sunday.
/// - 1949–2013 (Juliana, then Beatrix, who kept 30 April): 30 April. When
///   30 April was a Sunday: 1 May (Monday) up to and including 1979, and from
///   1980 on 29 April (Saturday, a non-working day anyway).
/// - 1900–1948 (Wilhelmina): 31 August; 1 September when 31 August was a
///   Sunday. The occupation years 1940–1944, when the celebration was
///   banned, follow the same rule.
///
/// The Atw itself dates from 1965 (and 5 May entered its list later), so the
/// calendar before then is a projection of today's rule onto the dates of the
/// time, as the project asks.
///
/// Years before 1900 follow the 1900 rule and years after 2200 the 2014 rule.
///
/// # Panics
///
/// Panics when `year` lies outside jiff's range (-9999..=9999).
pub fn monarchs_day(year: i16) -> Date {
    let day = monarchs_day_number(i32::from(year));
    epoch_day::to_date(day).unwrap_or_else(|| panic!("year {year} is outside the range of jiff::civil::Date"))
}

/// Returns the day number of the monarch's day in `year`; see
/// [`monarchs_day`] for the rule.
const fn monarchs_day_number(year: i32) -> i32 {
    if year >= FIRST_KINGS_DAY_YEAR as i32 {
        let april_27 = epoch_day::days_from_civil(year, 4, 27);
        if is_sunday(april_27) { april_27 - 1 } else { april_27 }
    } else if year >= 1949 {
        let april_30 = epoch_day::days_from_civil(year, 4, 30);
        if !is_sunday(april_30) {
            april_30
        } else if year <= 1979 {
            april_30 + 1
        } else {
            april_30 - 1
        }
    } else {
        let august_31 = epoch_day::days_from_civil(year, 8, 31);
        if is_sunday(august_31) { august_31 + 1 } else { august_31 }
    }
}

/// Tells whether the day number `day` falls on a Sunday.
const fn is_sunday(day: i32) -> bool {
    epoch_day::weekday_from_monday(day) == 6
}

/// The first and last year whose holidays are computed at compile time.
const TABLE_YEARS: (i32, i32) = (1900, 2200);

/// The holidays of the years 1900–2200, computed at compile time, so that the
/// hot paths of the working-day arithmetic only look them up.
static TABLE: [YearHolidays; (TABLE_YEARS.1 - TABLE_YEARS.0 + 1) as usize] = {
    let mut table = [YearHolidays::compute(TABLE_YEARS.0); (TABLE_YEARS.1 - TABLE_YEARS.0 + 1) as usize];
    let mut index = 0;
    while index < table.len() {
        table[index] = YearHolidays::compute(TABLE_YEARS.0 + index as i32);
        index += 1;
    }
    table
};

/// The holidays of one year as day numbers, without allocation for the hot
/// paths.
#[derive(Debug, Clone, Copy)]
pub(super) struct YearHolidays {
    /// The year.
    year: i32,
    /// The day number of 1 January of the year.
    first_day: i32,
    /// The day number of 31 December of the year.
    last_day: i32,
    /// Every holiday, in [`HolidayKind`]'s declaration order (not by date).
    entries: [(i32, HolidayKind); 9],
    len: usize,
    /// The distinct holiday dates that fall on a weekday (Monday to Friday):
    /// the only ones that turn a day that would be a working day into none.
    weekday_dates: [i32; 9],
    weekday_len: usize,
}

impl YearHolidays {
    /// Returns the holidays of `year`, from the compile-time table for
    /// 1900–2200 and computed otherwise; works for any year an `i32` day
    /// number can hold.
    pub(super) fn new(year: i32) -> Self {
        if TABLE_YEARS.0 <= year && year <= TABLE_YEARS.1 {
            TABLE[(year - TABLE_YEARS.0) as usize]
        } else {
            YearHolidays::compute(year)
        }
    }

    /// Computes the holidays of `year`.
    const fn compute(year: i32) -> Self {
        let easter = easter::easter_sunday_day(year);
        let first_day = epoch_day::days_from_civil(year, 1, 1);
        let christmas = epoch_day::days_from_civil(year, 12, 25);
        let mut holidays = YearHolidays {
            year,
            first_day,
            last_day: christmas + 6,
            entries: [(0, HolidayKind::NewYearsDay); 9],
            len: 0,
            weekday_dates: [0; 9],
            weekday_len: 0,
        };
        holidays.push(first_day, HolidayKind::NewYearsDay);
        holidays.push(easter - 2, HolidayKind::GoodFriday);
        holidays.push(easter + 1, HolidayKind::EasterMonday);
        holidays.push(monarchs_day_number(year), HolidayKind::MonarchsDay);
        if year >= FIRST_LIBERATION_DAY_YEAR {
            holidays.push(epoch_day::days_from_civil(year, 5, 5), HolidayKind::LiberationDay);
        }
        holidays.push(easter + 39, HolidayKind::AscensionDay);
        holidays.push(easter + 50, HolidayKind::WhitMonday);
        holidays.push(christmas, HolidayKind::ChristmasDay);
        holidays.push(christmas + 1, HolidayKind::BoxingDay);
        holidays
    }

    /// Adds a holiday, and its date to the weekday dates when it falls on a
    /// weekday and is not there yet.
    const fn push(&mut self, date: i32, kind: HolidayKind) {
        self.entries[self.len] = (date, kind);
        self.len += 1;
        if epoch_day::is_weekend(date) {
            return;
        }
        let mut index = 0;
        while index < self.weekday_len {
            if self.weekday_dates[index] == date {
                return;
            }
            index += 1;
        }
        self.weekday_dates[self.weekday_len] = date;
        self.weekday_len += 1;
    }

    /// Returns the holidays of the next year.
    pub(super) fn next_year(&self) -> Self {
        YearHolidays::new(self.year + 1)
    }

    /// Returns the jiff date of the day number `day` in this year, or `None`
    /// when the day is not in this year or the year not in jiff's range.
    pub(super) fn date_of(&self, day: i32) -> Option<Date> {
        /// The day of the year (from 0) on which each month starts, in a
        /// common year.
        const MONTH_STARTS: [i32; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
        if !self.covers(day) {
            return None;
        }
        let leap_day = i32::from(self.last_day - self.first_day == 365);
        let day_of_year = day - self.first_day;
        let mut month = 12;
        let mut month_start = MONTH_STARTS[11] + leap_day;
        while day_of_year < month_start {
            month -= 1;
            month_start = MONTH_STARTS[month - 1] + if month > 2 { leap_day } else { 0 };
        }
        let year = i16::try_from(self.year).ok()?;
        // Month and day always fit in an i8; `Date::new` checks the year.
        Date::new(year, month as i8, (day_of_year - month_start + 1) as i8).ok()
    }

    /// Tells whether the day number `day` falls in this year.
    pub(super) fn covers(&self, day: i32) -> bool {
        self.first_day <= day && day <= self.last_day
    }

    /// The day number of 31 December of this year.
    pub(super) fn last_day(&self) -> i32 {
        self.last_day
    }

    /// The holidays as (day number, kind), in declaration order of the kinds.
    fn entries(&self) -> &[(i32, HolidayKind)] {
        &self.entries[..self.len]
    }

    /// The distinct holiday dates that fall on a weekday.
    fn weekday_dates(&self) -> &[i32] {
        &self.weekday_dates[..self.weekday_len]
    }

    /// The holidays as (day number, kind), sorted by date and then by kind.
    pub(super) fn sorted(&self) -> [(i32, HolidayKind); 9] {
        let mut sorted = self.entries;
        // A stable sort keeps the declaration order among equal dates; the
        // slice is too short for the sort to allocate.
        sorted[..self.len].sort_by_key(|&(date, _)| date);
        sorted
    }

    /// The number of holidays, counting a shared date twice.
    pub(super) fn len(&self) -> usize {
        self.len
    }

    /// Returns the first holiday kind (in declaration order) on the day
    /// number `day`.
    pub(super) fn kind_on(&self, day: i32) -> Option<HolidayKind> {
        self.entries().iter().find(|&&(date, _)| date == day).map(|&(_, kind)| kind)
    }

    /// Tells whether the day number `day`, a weekday, is a holiday. For a
    /// Saturday or Sunday the answer is always `false`.
    pub(super) fn contains_weekday(&self, day: i32) -> bool {
        self.weekday_dates().contains(&day)
    }

    /// Counts the distinct dates in `after < date <= up_to` that are holidays
    /// and fall on a weekday (Monday to Friday).
    pub(super) fn weekday_holidays_in(&self, after: i32, up_to: i32) -> i64 {
        self.weekday_dates().iter().filter(|&&date| after < date && date <= up_to).count() as i64
    }
}
