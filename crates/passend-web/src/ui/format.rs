//! How the pages write dates, deadlines, ages, names and codes: in Dutch, the
//! same way on every page and in the CSV download.

use jiff::civil::Date;
use passend_domain::calendar::working_days_between;
use passend_domain::case::ListTarget;
use passend_domain::codes::{CareProfile, Classification, Region, WaitStatus};
use passend_domain::ids::{AgbCode, LocationId};
use passend_domain::supply::SupplyDirectory;

const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

/// A date in a table: `02-11-2026`.
pub fn date(day: Date) -> String {
    format!("{:02}-{:02}-{}", day.day(), day.month(), day.year())
}

/// A date in a heading or sentence: `2 november 2026`.
pub fn date_long(day: Date) -> String {
    let month = MONTHS[usize::try_from(day.month() - 1).unwrap_or(0)];
    format!("{} {month} {}", day.day(), day.year())
}

/// An optional date in a table, with a dash for none.
pub fn date_or_dash(day: Option<Date>) -> String {
    day.map_or_else(|| "–".to_string(), date)
}

/// A deadline as seen from today: the words and the CSS class that colours them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    /// "nog 3 werkdagen", "vandaag", "2 dagen te laat".
    pub text: String,
    /// `nog` while the deadline has not passed, `te-laat` after.
    pub class: &'static str,
}

impl Deadline {
    pub fn is_late(&self) -> bool {
        self.class == "te-laat"
    }
}

/// How a deadline (its last day) stands on `today`: working days left while
/// it lies ahead, "vandaag" on the last day, calendar days late after it.
pub fn deadline(due: Date, today: Date) -> Deadline {
    if due > today {
        let left = working_days_between(today, due);
        let text = if left == 1 { "nog 1 werkdag".to_string() } else { format!("nog {left} werkdagen") };
        Deadline { text, class: "nog" }
    } else if due == today {
        Deadline { text: "vandaag".to_string(), class: "nog" }
    } else {
        let late = (today - due).get_days();
        let text = if late == 1 { "1 dag te laat".to_string() } else { format!("{late} dagen te laat") };
        Deadline { text, class: "te-laat" }
    }
}

/// Age in whole years on `today`.
pub fn age(birth_date: Date, today: Date) -> i16 {
    let mut years = today.year() - birth_date.year();
    if (today.month(), today.day()) < (birth_date.month(), birth_date.day()) {
        years -= 1;
    }
    years.max(0)
}

/// Calendar days from `since` to `today` (0 when `since` lies ahead).
pub fn days_since(since: Date, today: Date) -> i32 {
    (today - since).get_days().max(0)
}

/// "ja" or "nee".
pub fn yes_no(value: bool) -> &'static str {
    if value { "ja" } else { "nee" }
}

pub fn status_label(status: Option<WaitStatus>) -> &'static str {
    status.map_or("Wacht niet", WaitStatus::label_nl)
}

pub fn classification_label(classification: Option<Classification>) -> &'static str {
    classification.map_or("–", Classification::label_nl)
}

/// A care profile with its COD163 description: `5VV – Beschermd wonen met …`.
pub fn care_profile_label(profile: CareProfile) -> String {
    format!("{} – {}", profile.name(), profile.description_nl())
}

pub fn region_label(region: Region) -> &'static str {
    region.name()
}

/// Names of providers and locations from the supply register.
pub struct Names<'a> {
    pub supply: &'a SupplyDirectory,
}

impl Names<'_> {
    pub fn provider(&self, agb: AgbCode) -> String {
        self.supply.provider(agb).map_or_else(|| format!("AGB {agb}"), |provider| provider.name.clone())
    }

    pub fn location(&self, id: LocationId) -> String {
        self.supply.location(id).map_or_else(|| format!("Locatie {id}"), |location| location.name.clone())
    }

    /// A location with its provider: `De Linde (Zorggroep Voorst)`.
    pub fn location_with_provider(&self, id: LocationId) -> String {
        match self.supply.location(id) {
            Some(location) => format!("{} ({})", location.name, self.provider(location.provider)),
            None => format!("Locatie {id}"),
        }
    }

    /// A preference: a location, or every location of a provider.
    pub fn target(&self, target: ListTarget) -> String {
        match target {
            ListTarget::Location(location) => self.location_with_provider(location),
            ListTarget::Provider(agb) => format!("{} (alle locaties)", self.provider(agb)),
        }
    }

    pub fn targets(&self, targets: &[ListTarget]) -> String {
        if targets.is_empty() {
            return "–".to_string();
        }
        targets.iter().map(|target| self.target(*target)).collect::<Vec<_>>().join("; ")
    }

    /// Who recorded an event, from the event log's actor
    /// (`aanbieder:47000001:jan`, `zorgkantoor:5532`): the organisation in
    /// words and the user in brackets.
    pub fn recorder(&self, recorded_as: &str) -> String {
        let mut parts = recorded_as.splitn(3, ':');
        let role = parts.next().unwrap_or_default();
        let organisation = parts.next();
        let user = parts.next();
        let who = match (role, organisation) {
            ("zorgkantoor", Some(codes)) => {
                let names: Vec<&str> = codes
                    .split('+')
                    .map(|code| code.parse().ok().and_then(|code| Region::from_cod001(code).ok()))
                    .map(|region| region.map_or("?", Region::name))
                    .collect();
                format!("Zorgkantoor {}", names.join(", "))
            }
            ("aanbieder", Some(agb)) => match AgbCode::parse(agb) {
                Ok(agb) => self.provider(agb),
                Err(_) => format!("Aanbieder {agb}"),
            },
            ("oco", Some(oco)) => format!("OCO-organisatie {oco}"),
            ("analist", Some(user)) => return format!("Analist ({user})"),
            _ => return recorded_as.to_string(),
        };
        match user {
            Some(user) => format!("{who} ({user})"),
            None => who,
        }
    }
}

/// The value of a preference in a form: `locatie:12` or `aanbieder:47000001`.
pub fn target_value(target: ListTarget) -> String {
    match target {
        ListTarget::Location(location) => format!("locatie:{location}"),
        ListTarget::Provider(agb) => format!("aanbieder:{agb}"),
    }
}

/// Reads a preference's form value back.
pub fn parse_target_value(value: &str) -> Option<ListTarget> {
    if let Some(location) = value.strip_prefix("locatie:") {
        return location.parse().ok().map(|number| ListTarget::Location(LocationId(number)));
    }
    value.strip_prefix("aanbieder:").and_then(|agb| AgbCode::parse(agb).ok()).map(ListTarget::Provider)
}

#[cfg(test)]
mod tests {
    use jiff::civil::date as d;

    use super::*;

    #[test]
    fn dates_are_written_the_dutch_way() {
        assert_eq!(date(d(2026, 11, 2)), "02-11-2026");
        assert_eq!(date_long(d(2026, 11, 2)), "2 november 2026");
        assert_eq!(date_long(d(2027, 1, 31)), "31 januari 2027");
        assert_eq!(date_or_dash(None), "–");
    }

    #[test]
    fn deadlines_count_working_days_ahead_and_calendar_days_late() {
        // Monday 2 November 2026.
        let today = d(2026, 11, 2);
        assert_eq!(deadline(d(2026, 11, 5), today), Deadline { text: "nog 3 werkdagen".into(), class: "nog" });
        assert_eq!(deadline(d(2026, 11, 3), today).text, "nog 1 werkdag");
        // Over a weekend: Friday 6th to Monday 9th is one working day.
        assert_eq!(deadline(d(2026, 11, 9), d(2026, 11, 6)).text, "nog 1 werkdag");
        assert_eq!(deadline(today, today), Deadline { text: "vandaag".into(), class: "nog" });
        assert_eq!(deadline(d(2026, 11, 1), today), Deadline { text: "1 dag te laat".into(), class: "te-laat" });
        assert_eq!(deadline(d(2026, 10, 31), today).text, "2 dagen te laat");
        assert!(deadline(d(2026, 10, 31), today).is_late());
    }

    #[test]
    fn age_counts_whole_years() {
        assert_eq!(age(d(1940, 11, 2), d(2026, 11, 2)), 86);
        assert_eq!(age(d(1940, 11, 3), d(2026, 11, 2)), 85);
        assert_eq!(age(d(1940, 2, 29), d(2027, 2, 28)), 86);
        assert_eq!(days_since(d(2026, 10, 31), d(2026, 11, 2)), 2);
    }

    #[test]
    fn codes_have_dutch_labels() {
        assert_eq!(status_label(Some(WaitStatus::UrgentPlaatsen)), "Urgent plaatsen");
        assert_eq!(status_label(None), "Wacht niet");
        assert_eq!(classification_label(None), "–");
        assert_eq!(care_profile_label(CareProfile::parse("5VV").unwrap()).split(" – ").next(), Some("5VV"));
        assert_eq!(yes_no(true), "ja");
    }

    #[test]
    fn preference_values_round_trip() {
        let location = ListTarget::Location(LocationId(12));
        assert_eq!(parse_target_value(&target_value(location)), Some(location));
        let provider = ListTarget::Provider(AgbCode::parse("47000001").unwrap());
        assert_eq!(parse_target_value(&target_value(provider)), Some(provider));
        assert_eq!(parse_target_value("locatie:x"), None);
        assert_eq!(parse_target_value(""), None);
    }

    #[test]
    fn recorders_are_named() {
        let supply = SupplyDirectory::default();
        let names = Names { supply: &supply };
        assert_eq!(names.recorder("zorgkantoor:5532:piet"), "Zorgkantoor Midden-IJssel (piet)");
        assert_eq!(names.recorder("aanbieder:47000001"), "AGB 47000001");
        assert_eq!(names.recorder("oco:1:els"), "OCO-organisatie 1 (els)");
        assert_eq!(names.recorder("generator"), "generator");
    }
}
