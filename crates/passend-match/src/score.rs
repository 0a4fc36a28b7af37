//! How well a candidate place fits a waiting person: a transparent sum of
//! terms, each with its weight from the policy file, so that a mediator can
//! read why one place ranks above another. Only candidates are scored (see
//! [`crate::candidates`]); a score never overrules a hard constraint, and the
//! provider, not the score, decides priority on its own list.

use passend_domain::case::waiting_order::OrderGroup;
use serde::{Deserialize, Serialize};

use crate::candidates::{Demand, Supply, km_nl};

/// The weights of the score terms, in points. Part of the policy file
/// (`[matching]`), so that a zorgkantoor can tune them per year.
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

    /// The most the place-dependent terms can add for `demand`: its first
    /// preference and every wish met (distance only takes off).
    pub fn place_bonus_bound(&self, demand: &Demand) -> i64 {
        let preference = self.preference_rank.iter().copied().max().unwrap_or(0).max(0);
        preference + self.per_context_match * i64::from(demand.wishes.len())
    }
}

/// One term of a score: what it measures, its input and its points.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreTerm {
    pub term: TermKind,
    /// The input in words, in Dutch (e.g. "12,4 km", "voorkeur 2").
    pub input_nl: String,
    pub points: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TermKind {
    Urgency,
    WaitingTime,
    Preference,
    Distance,
    ContextFit,
    Bridging,
}

impl TermKind {
    /// Whether the term measures the person (the same at every place)
    /// rather than the place.
    pub fn is_about_the_person(self) -> bool {
        matches!(self, TermKind::Urgency | TermKind::WaitingTime | TermKind::Bridging)
    }

    pub fn label_nl(self) -> &'static str {
        match self {
            TermKind::Urgency => "Urgentie",
            TermKind::WaitingTime => "Wachttijd",
            TermKind::Preference => "Voorkeur",
            TermKind::Distance => "Afstand",
            TermKind::ContextFit => "Passende woonomgeving",
            TermKind::Bridging => "Overbrugging",
        }
    }
}

/// A score and the terms it is the sum of.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Score {
    pub total: i64,
    pub terms: Vec<ScoreTerm>,
}

impl Score {
    /// The sum of the terms about the person and the sum of those about the place.
    pub fn split_person_and_place(&self) -> (i64, i64) {
        self.terms.iter().fold((0, 0), |(person, place), term| {
            if term.term.is_about_the_person() { (person + term.points, place) } else { (person, place + term.points) }
        })
    }
}

/// Scores a candidate pair at `km` apart on `waiting_days` of waiting.
pub fn score(weights: &ScoreWeights, demand: &Demand, supply: &Supply, km: f64, waiting_days: u32) -> Score {
    let (urgency, group_nl) = match demand.order.group {
        OrderGroup::Urgent => (weights.urgent, "urgent plaatsen"),
        OrderGroup::ActiefPreferredProviderLeading => (weights.after_bridging, "actief plaatsen na overbrugging"),
        OrderGroup::Actief => (weights.actief, "actief plaatsen"),
        OrderGroup::WachtOpVoorkeur => (weights.wacht_op_voorkeur, "wacht op voorkeur"),
        OrderGroup::WachtUitVoorzorg => (weights.wacht_uit_voorzorg, "wacht uit voorzorg"),
    };
    let counted_days = waiting_days.min(weights.waiting_days_cap);
    let rank = demand.preference_rank(supply);
    let preference = rank
        .and_then(|rank| weights.preference_rank.get(rank - 1).or(weights.preference_rank.last()))
        .copied()
        .unwrap_or(0);
    let matched_wishes = demand.wishes.intersection(supply.context).len();
    let mut terms = vec![
        ScoreTerm { term: TermKind::Urgency, input_nl: group_nl.to_string(), points: urgency },
        ScoreTerm {
            term: TermKind::WaitingTime,
            input_nl: format!("{waiting_days} dagen"),
            points: weights.per_waiting_day * i64::from(counted_days),
        },
        ScoreTerm {
            term: TermKind::Preference,
            input_nl: rank.map_or_else(|| "geen voorkeur".to_string(), |rank| format!("voorkeur {rank}")),
            points: preference,
        },
        ScoreTerm {
            term: TermKind::Distance,
            input_nl: km_nl(km),
            // Whole metres, so equal inputs give equal points on every machine.
            points: -(weights.per_km * (km * 1000.0).round() as i64) / 1000,
        },
        ScoreTerm {
            term: TermKind::ContextFit,
            input_nl: format!("{matched_wishes} van {} wensen", demand.wishes.len()),
            points: weights.per_context_match * i64::from(matched_wishes),
        },
    ];
    if demand.bridging {
        terms.push(ScoreTerm {
            term: TermKind::Bridging,
            input_nl: "nu in een overbruggingsplaats".to_string(),
            points: weights.bridging,
        });
    }
    Score { total: terms.iter().map(|term| term.points).sum(), terms }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::candidates::tests::{amersfoort_client, utrecht_location};
    use crate::tags::TagSet;

    fn points(score: &Score, kind: TermKind) -> Option<i64> {
        score.terms.iter().find(|term| term.term == kind).map(|term| term.points)
    }

    #[test]
    fn each_term_is_its_weight_times_its_input() {
        let weights = ScoreWeights::default();
        let location = Supply {
            context: TagSet::of(&["kleinschalig_wonen", "tuin_of_buitenruimte"]).unwrap(),
            ..utrecht_location(1)
        };
        let client = Demand {
            wishes: TagSet::of(&["kleinschalig_wonen", "huisdier_toegestaan"]).unwrap(),
            bridging: true,
            ..amersfoort_client(1)
        };
        let score = score(&weights, &client, &location, 12.5, 100);
        assert_eq!(points(&score, TermKind::Urgency), Some(5_000));
        assert_eq!(points(&score, TermKind::WaitingTime), Some(500));
        assert_eq!(points(&score, TermKind::Preference), Some(0));
        assert_eq!(points(&score, TermKind::Distance), Some(-250));
        assert_eq!(points(&score, TermKind::ContextFit), Some(400));
        assert_eq!(points(&score, TermKind::Bridging), Some(1_500));
        assert_eq!(score.total, 5_000 + 500 - 250 + 400 + 1_500);
        let context = score.terms.iter().find(|term| term.term == TermKind::ContextFit).unwrap();
        assert_eq!(context.input_nl, "1 van 2 wensen");
    }

    #[test]
    fn waiting_counts_up_to_its_cap_and_bridging_only_when_bridging() {
        let weights = ScoreWeights::default();
        let score = score(&weights, &amersfoort_client(1), &utrecht_location(1), 0.0, 5_000);
        assert_eq!(points(&score, TermKind::WaitingTime), Some(5 * 730));
        assert_eq!(points(&score, TermKind::Bridging), None);
    }
}
