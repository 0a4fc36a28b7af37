//! How well a candidate place fits a waiting person: a transparent sum of
//! terms, each with its weight from the policy file, so that a mediator can
//! read why one place ranks above another. Only candidates are scored (see
//! [`crate::candidates`]); a score never overrules a hard constraint, and the
//! provider, not the score, decides priority on its own list.

use passend_domain::case::waiting_order::OrderGroup;
use serde::Serialize;

use crate::candidates::{Demand, Supply, km_nl};

pub use passend_domain::policy::ScoreWeights;

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

/// The points of each term of a pair, before they are put in words: the
/// one place where the weights meet the inputs, so that a ranking by
/// [`total`] and an explanation by [`score`] can never disagree.
struct Points {
    urgency: i64,
    group_nl: &'static str,
    waiting: i64,
    preference: i64,
    rank: Option<usize>,
    distance: i64,
    context: i64,
    matched_wishes: u32,
    bridging: Option<i64>,
}

impl Points {
    fn of(weights: &ScoreWeights, demand: &Demand, supply: &Supply, km: f64, waiting_days: u32) -> Points {
        let (urgency, group_nl) = match demand.order.group {
            OrderGroup::Urgent => (weights.urgent, "urgent plaatsen"),
            OrderGroup::ActiefPreferredProviderLeading => (weights.after_bridging, "actief plaatsen na overbrugging"),
            OrderGroup::Actief => (weights.actief, "actief plaatsen"),
            OrderGroup::WachtOpVoorkeur => (weights.wacht_op_voorkeur, "wacht op voorkeur"),
            OrderGroup::WachtUitVoorzorg => (weights.wacht_uit_voorzorg, "wacht uit voorzorg"),
        };
        let rank = demand.preference_rank(supply);
        let matched_wishes = demand.wishes.intersection(supply.context).len();
        Points {
            urgency,
            group_nl,
            waiting: weights.per_waiting_day * i64::from(waiting_days.min(weights.waiting_days_cap)),
            preference: rank
                .and_then(|rank| weights.preference_rank.get(rank - 1).or(weights.preference_rank.last()))
                .copied()
                .unwrap_or(0),
            rank,
            // Whole metres, so equal inputs give equal points on every machine.
            distance: -(weights.per_km * (km * 1000.0).round() as i64) / 1000,
            context: weights.per_context_match * i64::from(matched_wishes),
            matched_wishes,
            bridging: demand.bridging.then_some(weights.bridging),
        }
    }

    fn total(&self) -> i64 {
        self.urgency + self.waiting + self.preference + self.distance + self.context + self.bridging.unwrap_or(0)
    }
}

/// The total score of a candidate pair, without the explanation: for
/// ranking many pairs, of which only a few are shown.
pub fn total(weights: &ScoreWeights, demand: &Demand, supply: &Supply, km: f64, waiting_days: u32) -> i64 {
    Points::of(weights, demand, supply, km, waiting_days).total()
}

/// Scores a candidate pair at `km` apart on `waiting_days` of waiting.
pub fn score(weights: &ScoreWeights, demand: &Demand, supply: &Supply, km: f64, waiting_days: u32) -> Score {
    let points = Points::of(weights, demand, supply, km, waiting_days);
    let mut terms = vec![
        ScoreTerm { term: TermKind::Urgency, input_nl: points.group_nl.to_string(), points: points.urgency },
        ScoreTerm { term: TermKind::WaitingTime, input_nl: format!("{waiting_days} dagen"), points: points.waiting },
        ScoreTerm {
            term: TermKind::Preference,
            input_nl: points.rank.map_or_else(|| "geen voorkeur".to_string(), |rank| format!("voorkeur {rank}")),
            points: points.preference,
        },
        ScoreTerm { term: TermKind::Distance, input_nl: km_nl(km), points: points.distance },
        ScoreTerm {
            term: TermKind::ContextFit,
            input_nl: format!("{} van {} wensen", points.matched_wishes, demand.wishes.len()),
            points: points.context,
        },
    ];
    if let Some(bridging) = points.bridging {
        terms.push(ScoreTerm {
            term: TermKind::Bridging,
            input_nl: "nu in een overbruggingsplaats".to_string(),
            points: bridging,
        });
    }
    Score { total: points.total(), terms }
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

    proptest::proptest! {
        #[test]
        fn the_ranking_total_is_the_sum_of_the_explained_terms(
            km in 0.0f64..400.0,
            days in 0u32..3_000,
            bridging: bool,
            group in 0usize..5,
            wishes in 0u64..64,
            context in 0u64..64,
        ) {
            let weights = ScoreWeights::default();
            let vocabulary: Vec<&str> = ["kleinschalig_wonen", "tuin_of_buitenruimte", "huisdier_toegestaan",
                "rustige_omgeving", "partneropname", "vaste_gezichten"].to_vec();
            let pick = |mask: u64| {
                let tokens: Vec<&str> = vocabulary.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, t)| *t).collect();
                TagSet::of(&tokens).unwrap()
            };
            let mut client = Demand { bridging, wishes: pick(wishes), ..amersfoort_client(1) };
            client.order.group = passend_domain::case::waiting_order::OrderGroup::ALL[group];
            let location = Supply { context: pick(context), ..utrecht_location(1) };
            let explained = score(&weights, &client, &location, km, days);
            proptest::prop_assert_eq!(total(&weights, &client, &location, km, days), explained.total);
            proptest::prop_assert_eq!(explained.total, explained.terms.iter().map(|term| term.points).sum::<i64>());
        }
    }
}
