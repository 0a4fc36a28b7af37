//! The norms and terms of each *Voorschrift Zorgtoewijzing* year, as versioned data.
//!
//! The Voorschrift is "een afsprakendocument die jaarlijks door de Zorgkantoren
//! gezamenlijk wordt bijgewerkt" (seed 000, slide 10): every number that a year
//! may change — the waiting norms, the first-contact terms, the care-refusal
//! decision term and the refusal limit — lives here, never as a literal in a
//! rule. A [`PolicySet`] holds one [`PolicyVersion`] per year; a rule asks for
//! the version in force on the day that matters to it. Outer crates load a set
//! from a TOML file; this module only validates it.

use jiff::ToSpan;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::codes::{Sector, WaitStatus};

/// The rules of one *Voorschrift Zorgtoewijzing* year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyVersion {
    /// A name people recognise, e.g. "Voorschrift Zorgtoewijzing 2026".
    pub name: String,
    /// The first day on which this version applies.
    pub in_force_from: Date,
    /// The waiting norms (*streefnormen*) per status and sector.
    pub norms: Norms,
    /// The first-contact terms in working days.
    pub first_contact: FirstContactTerms,
    /// Calendar days the zorgkantoor has to decide a care refusal.
    pub care_refusal_decision_days: u32,
    /// The counted refusal at which a *wacht op voorkeur* client moves to
    /// *wacht uit voorzorg* (2: "bij een 2e weigering").
    pub counted_refusals_until_precaution: u8,
    /// Calendar days a free-places report stays fresh; a report older than
    /// this is the staleness alert (14 when the file does not say: a location
    /// that reports fortnightly is never flagged).
    #[serde(default = "default_free_places_stale_after_days")]
    pub free_places_stale_after_days: u32,
    /// The weights of the matching score (`[matching]`).
    #[serde(default)]
    pub matching: ScoreWeights,
}

fn default_free_places_stale_after_days() -> u32 {
    14
}

/// Working days the dossierhouder has for the first contact after an allocation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FirstContactTerms {
    /// For the first allocation of this client to this provider (10).
    pub first_allocation_working_days: u32,
    /// For every later allocation to the same provider (5).
    pub later_allocation_working_days: u32,
}

/// The norm of each waiting status, per sector. A missing entry means "no norm".
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Norms {
    #[serde(default)]
    pub urgent_plaatsen: SectorNorms,
    #[serde(default)]
    pub actief_plaatsen: SectorNorms,
    #[serde(default)]
    pub wacht_op_voorkeur: SectorNorms,
    #[serde(default)]
    pub wacht_uit_voorzorg: SectorNorms,
}

/// A norm per sector; `None` is "no norm for this sector".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectorNorms {
    #[serde(rename = "VV", default, skip_serializing_if = "Option::is_none")]
    pub vv: Option<Term>,
    #[serde(rename = "GHZ", default, skip_serializing_if = "Option::is_none")]
    pub ghz: Option<Term>,
    #[serde(rename = "GGZ", default, skip_serializing_if = "Option::is_none")]
    pub ggz: Option<Term>,
}

/// A length of time counted from a start day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Term {
    /// Calendar days.
    Days(u32),
    /// Calendar months: the same day of the month, or the month's last day
    /// when that day does not exist (31 January + 1 month = 28 or 29 February).
    Months(u32),
}

impl Term {
    /// The last day within the term that starts on `start`.
    pub fn end(self, start: Date) -> Date {
        let end = match self {
            Term::Days(days) => start.checked_add(i64::from(days).days()),
            // jiff clamps to the month's last day, which is the rule above.
            Term::Months(months) => start.checked_add(i64::from(months).months()),
        };
        end.unwrap_or(Date::MAX)
    }
}

impl Norms {
    /// The norm for a status in a sector, if the policy sets one.
    pub fn for_status(&self, status: WaitStatus, sector: Sector) -> Option<Term> {
        let per_sector = match status {
            WaitStatus::UrgentPlaatsen => &self.urgent_plaatsen,
            WaitStatus::ActiefPlaatsen => &self.actief_plaatsen,
            WaitStatus::WachtOpVoorkeur => &self.wacht_op_voorkeur,
            WaitStatus::WachtUitVoorzorg => &self.wacht_uit_voorzorg,
        };
        match sector {
            Sector::Vv => per_sector.vv,
            Sector::Ghz => per_sector.ghz,
            Sector::Ggz => per_sector.ggz,
        }
    }
}

impl PolicyVersion {
    /// The defaults of `scenarios/README.md` ("Norms"): *actief plaatsen* 42
    /// days for VV and 91 days for GHZ and GGZ (the pre-2021 6 and 13 weeks),
    /// *wacht op voorkeur* 12 months, no norm for *urgent plaatsen* and *wacht
    /// uit voorzorg*; first contact 10/5 working days; care-refusal decision
    /// within 7 days ("binnen 1 week", seed 000); second counted refusal.
    pub fn passend_default() -> PolicyVersion {
        let all = |term| SectorNorms { vv: Some(term), ghz: Some(term), ggz: Some(term) };
        PolicyVersion {
            name: "passend standaard (Voorschrift Zorgtoewijzing, normen zonder jaarversie)".to_string(),
            in_force_from: jiff::civil::date(1900, 1, 1),
            norms: Norms {
                urgent_plaatsen: SectorNorms::default(),
                actief_plaatsen: SectorNorms {
                    vv: Some(Term::Days(42)),
                    ghz: Some(Term::Days(91)),
                    ggz: Some(Term::Days(91)),
                },
                wacht_op_voorkeur: all(Term::Months(12)),
                wacht_uit_voorzorg: SectorNorms::default(),
            },
            first_contact: FirstContactTerms { first_allocation_working_days: 10, later_allocation_working_days: 5 },
            care_refusal_decision_days: 7,
            counted_refusals_until_precaution: 2,
            free_places_stale_after_days: default_free_places_stale_after_days(),
            matching: ScoreWeights::default(),
        }
    }
}

/// The weights of the matcher's score terms, in points (see
/// `passend_match::score`). Part of each policy version (`[matching]`), so
/// that the zorgkantoren can tune them per year like the norms; a version
/// that does not say gets these defaults.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreWeights {
    /// Points for the urgency of the person's status (*urgent plaatsen*
    /// first), per waiting-order group.
    pub urgent: i64,
    pub after_bridging: i64,
    pub actief: i64,
    pub wacht_op_voorkeur: i64,
    pub wacht_uit_voorzorg: i64,
    /// Points per day waited, up to `waiting_days_cap` days.
    pub per_waiting_day: i64,
    pub waiting_days_cap: u32,
    /// Points for the place being the first, second, third … preference;
    /// later preferences get the last value, none gets nothing.
    pub preference_rank: Vec<i64>,
    /// Points taken off per km from home.
    pub per_km: i64,
    /// Points per wished context the location offers.
    pub per_context_match: i64,
    /// Points for a person now in a bridging place (*overbrugging*).
    pub bridging: i64,
}

impl Default for ScoreWeights {
    fn default() -> ScoreWeights {
        ScoreWeights {
            urgent: 10_000,
            after_bridging: 6_000,
            actief: 5_000,
            wacht_op_voorkeur: 1_000,
            wacht_uit_voorzorg: 0,
            per_waiting_day: 5,
            waiting_days_cap: 730,
            preference_rank: vec![3_000, 2_000, 1_000],
            per_km: 20,
            per_context_match: 400,
            bridging: 1_500,
        }
    }
}

impl ScoreWeights {
    /// Every weight as a name and value, to check them all at once.
    fn named(&self) -> impl Iterator<Item = (&'static str, i64)> + '_ {
        [
            ("urgent", self.urgent),
            ("after_bridging", self.after_bridging),
            ("actief", self.actief),
            ("wacht_op_voorkeur", self.wacht_op_voorkeur),
            ("wacht_uit_voorzorg", self.wacht_uit_voorzorg),
            ("per_waiting_day", self.per_waiting_day),
            ("per_km", self.per_km),
            ("per_context_match", self.per_context_match),
            ("bridging", self.bridging),
        ]
        .into_iter()
        .chain(self.preference_rank.iter().map(|points| ("preference_rank", *points)))
    }

    /// The first weight below zero, by name: a bonus may not count against
    /// a person, nor distance in their favour.
    pub fn check_non_negative(&self) -> Result<(), &'static str> {
        match self.named().find(|(_, points)| *points < 0) {
            Some((name, _)) => Err(name),
            None => Ok(()),
        }
    }

    /// The most the place-dependent terms can add for a person with
    /// `wishes` wished context tags: the first preference and every wish met
    /// (distance only takes off).
    pub fn place_bonus_bound(&self, wishes: u32) -> i64 {
        let preference = self.preference_rank.iter().copied().max().unwrap_or(0).max(0);
        preference + self.per_context_match * i64::from(wishes)
    }
}

/// Every policy version, ordered by the day it came into force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicySet {
    versions: Vec<PolicyVersion>,
}

/// Why a set of policy versions cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PolicyError {
    #[error("the policy has no versions")]
    Empty,
    #[error("two policy versions come into force on {0}")]
    SameStartDay(Date),
    #[error("policy version {name:?}: {problem}")]
    Invalid { name: String, problem: String },
}

impl Default for PolicySet {
    fn default() -> PolicySet {
        PolicySet { versions: vec![PolicyVersion::passend_default()] }
    }
}

impl PolicySet {
    /// Validates and orders the versions.
    pub fn new(mut versions: Vec<PolicyVersion>) -> Result<PolicySet, PolicyError> {
        if versions.is_empty() {
            return Err(PolicyError::Empty);
        }
        versions.sort_by_key(|version| version.in_force_from);
        for pair in versions.windows(2) {
            if pair[0].in_force_from == pair[1].in_force_from {
                return Err(PolicyError::SameStartDay(pair[1].in_force_from));
            }
        }
        for version in &versions {
            let invalid =
                |problem: &str| Err(PolicyError::Invalid { name: version.name.clone(), problem: problem.to_string() });
            if version.first_contact.first_allocation_working_days == 0
                || version.first_contact.later_allocation_working_days == 0
            {
                return invalid("a first-contact term must be at least 1 working day");
            }
            if version.counted_refusals_until_precaution == 0 {
                return invalid("counted_refusals_until_precaution must be at least 1");
            }
            if version.free_places_stale_after_days == 0 {
                return invalid("free_places_stale_after_days must be at least 1");
            }
            if let Err(weight) = version.matching.check_non_negative() {
                return invalid(&format!("matching weight {weight} must be 0 or more"));
            }
            let terms = [
                &version.norms.urgent_plaatsen,
                &version.norms.actief_plaatsen,
                &version.norms.wacht_op_voorkeur,
                &version.norms.wacht_uit_voorzorg,
            ];
            let zero = terms
                .iter()
                .flat_map(|norms| [norms.vv, norms.ghz, norms.ggz])
                .flatten()
                .any(|term| matches!(term, Term::Days(0) | Term::Months(0)));
            if zero {
                return invalid("a norm must be at least 1 day or 1 month");
            }
        }
        Ok(PolicySet { versions })
    }

    /// The version in force on `day`: the last one that started on or before
    /// it. A day before the first version gets the first version, so that old
    /// history is judged by the oldest rules passend knows.
    pub fn in_force_on(&self, day: Date) -> &PolicyVersion {
        let index = self.versions.partition_point(|version| version.in_force_from <= day);
        &self.versions[index.saturating_sub(1)]
    }

    pub fn versions(&self) -> &[PolicyVersion] {
        &self.versions
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn months_clamp_to_the_last_day_of_the_month() {
        assert_eq!(Term::Months(12).end(date(2026, 1, 8)), date(2027, 1, 8));
        assert_eq!(Term::Months(12).end(date(2024, 2, 29)), date(2025, 2, 28));
        assert_eq!(Term::Months(1).end(date(2026, 1, 31)), date(2026, 2, 28));
        assert_eq!(Term::Days(42).end(date(2026, 3, 3)), date(2026, 4, 14));
    }

    #[test]
    fn the_version_in_force_is_the_last_one_started() {
        let mut v2027 = PolicyVersion::passend_default();
        v2027.name = "2027".into();
        v2027.in_force_from = date(2027, 1, 1);
        v2027.norms.urgent_plaatsen.vv = Some(Term::Days(14));
        let set = PolicySet::new(vec![v2027.clone(), PolicyVersion::passend_default()]).unwrap();
        assert_eq!(set.in_force_on(date(2026, 12, 31)).name, PolicyVersion::passend_default().name);
        assert_eq!(set.in_force_on(date(2027, 1, 1)).name, "2027");
        assert_eq!(set.in_force_on(date(1800, 1, 1)).name, PolicyVersion::passend_default().name);
        assert_eq!(
            set.in_force_on(date(2030, 1, 1)).norms.for_status(WaitStatus::UrgentPlaatsen, Sector::Vv),
            Some(Term::Days(14))
        );
    }

    #[test]
    fn invalid_sets_are_refused() {
        assert_eq!(PolicySet::new(vec![]), Err(PolicyError::Empty));
        let twice = vec![PolicyVersion::passend_default(), PolicyVersion::passend_default()];
        assert!(matches!(PolicySet::new(twice), Err(PolicyError::SameStartDay(_))));
        let mut zero = PolicyVersion::passend_default();
        zero.norms.actief_plaatsen.ghz = Some(Term::Days(0));
        assert!(matches!(PolicySet::new(vec![zero]), Err(PolicyError::Invalid { .. })));
        let never_fresh = PolicyVersion { free_places_stale_after_days: 0, ..PolicyVersion::passend_default() };
        assert!(matches!(PolicySet::new(vec![never_fresh]), Err(PolicyError::Invalid { .. })));
        let mut distance_helps = PolicyVersion::passend_default();
        distance_helps.matching.per_km = -5;
        let refused = PolicySet::new(vec![distance_helps]).unwrap_err();
        assert!(refused.to_string().contains("matching weight per_km"), "{refused}");
    }

    #[test]
    fn a_version_without_matching_weights_gets_the_defaults() {
        let mut table = toml::Table::try_from(PolicyVersion::passend_default()).unwrap();
        table.remove("matching");
        let version: PolicyVersion = table.try_into().unwrap();
        assert_eq!(version.matching, ScoreWeights::default());
    }
}
