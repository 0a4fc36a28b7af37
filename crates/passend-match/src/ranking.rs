//! The two questions a mediator asks the matcher, both answered with the
//! reasons: *which places fit this person best?* and *which waiting persons
//! fit this free place?*

use jiff::civil::Date;
use serde::Serialize;

use crate::candidates::{Demand, Exclusion, Supply, check};
use crate::score::{Score, ScoreWeights, score, total};

/// A place proposed for a person, or a person proposed for a place.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ranked {
    /// The index of the supply or demand in the slice asked about.
    pub index: usize,
    pub km: f64,
    pub score: Score,
}

/// A pair that fails a hard constraint, and which.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Excluded {
    pub index: usize,
    pub why: Exclusion,
}

/// The best places for one person, across every region.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacesForClient {
    /// At most `k` candidates, best first; ties go to the nearer place, then
    /// the lower location number, so the answer is the same every time.
    pub best: Vec<Ranked>,
    /// Every location that cannot take the person, with the reason.
    pub excluded: Vec<Excluded>,
}

/// The days from the start of waiting to `today`; 0 when not yet waiting.
pub(crate) fn waiting_days(demand: &Demand, today: Date) -> u32 {
    let days = (today - demand.order.waiting_since).get_days();
    u32::try_from(days).unwrap_or(0)
}

/// The `k` best places for `demand` among `supply` on `today`. Crisis beds
/// count for urgent persons only (see [`crate::candidates::places_for`]).
pub fn best_places(
    weights: &ScoreWeights,
    demand: &Demand,
    supply: &[Supply],
    k: usize,
    today: Date,
) -> PlacesForClient {
    let days = waiting_days(demand, today);
    // Rank on the total alone; only the k shown get their explanation.
    let mut candidates: Vec<(i64, f64, usize)> = Vec::new();
    let mut excluded = Vec::new();
    for (index, location) in supply.iter().enumerate() {
        match check(demand, location) {
            Ok(km) => candidates.push((total(weights, demand, location, km, days), km, index)),
            Err(why) => excluded.push(Excluded { index, why }),
        }
    }
    let order =
        |a: &(i64, f64, usize), b: &(i64, f64, usize)| b.0.cmp(&a.0).then(a.1.total_cmp(&b.1)).then(a.2.cmp(&b.2));
    if candidates.len() > k {
        candidates.select_nth_unstable_by(k, order);
        candidates.truncate(k);
    }
    candidates.sort_by(order);
    let best = candidates
        .into_iter()
        .map(|(_, km, index)| Ranked { index, km, score: score(weights, demand, &supply[index], km, days) })
        .collect();
    PlacesForClient { best, excluded }
}

/// The waiting persons who could take a free place at `location`, in the
/// default order of the rules (the provider decides; the order is theirs),
/// each with the score that explains how well the place fits them.
pub fn best_clients(weights: &ScoreWeights, location: &Supply, demand: &[Demand], today: Date) -> Vec<Ranked> {
    let mut fitting: Vec<Ranked> = demand
        .iter()
        .enumerate()
        .filter_map(|(index, person)| {
            let km = check(person, location).ok()?;
            Some(Ranked { index, km, score: score(weights, person, location, km, waiting_days(person, today)) })
        })
        .collect();
    fitting.sort_by_key(|ranked| demand[ranked.index].order);
    fitting
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;
    use passend_domain::case::ListTarget;
    use passend_domain::case::waiting_order::OrderGroup;
    use passend_domain::codes::DeliveryForm;
    use passend_domain::ids::{ClientId, LocationId};
    use proptest::prelude::*;

    use super::*;
    use crate::candidates::tests::{amersfoort_client, utrecht_location};
    use crate::score::TermKind;

    const TODAY: Date = date(2026, 11, 2);

    #[test]
    fn the_preferred_place_ranks_first_and_the_explanation_adds_up() {
        let supply: Vec<Supply> = (1..=4).map(utrecht_location).collect();
        let client = Demand { preferences: vec![ListTarget::Location(LocationId(3))], ..amersfoort_client(1) };
        let answer = best_places(&ScoreWeights::default(), &client, &supply, 2, TODAY);
        assert_eq!(answer.best.len(), 2);
        assert_eq!(answer.best[0].index, 2);
        let score = &answer.best[0].score;
        assert_eq!(score.total, score.terms.iter().map(|term| term.points).sum::<i64>());
        let preference = score.terms.iter().find(|term| term.term == TermKind::Preference).unwrap();
        assert_eq!((preference.input_nl.as_str(), preference.points), ("voorkeur 1", 3_000));
        // Equal scores: the lower location number first.
        assert_eq!(answer.best[1].index, 0);
        assert!(answer.excluded.is_empty());
    }

    #[test]
    fn excluded_places_come_with_their_reason() {
        let supply = vec![utrecht_location(1), Supply { free: 0, ..utrecht_location(2) }];
        let answer = best_places(&ScoreWeights::default(), &amersfoort_client(1), &supply, 5, TODAY);
        assert_eq!(answer.best.len(), 1);
        assert_eq!(answer.excluded, vec![Excluded { index: 1, why: Exclusion::NoFreePlace }]);
    }

    #[test]
    fn a_free_place_lists_fitting_persons_in_the_default_order_of_the_rules() {
        let mut urgent = amersfoort_client(3);
        urgent.order.group = OrderGroup::Urgent;
        let mut later = amersfoort_client(1);
        later.order.waiting_since = date(2026, 6, 1);
        let at_home = Demand { delivery_form: Some(DeliveryForm::Mpt), ..amersfoort_client(4) };
        let persons = vec![later, amersfoort_client(2), urgent, at_home];
        let ranked = best_clients(&ScoreWeights::default(), &utrecht_location(1), &persons, TODAY);
        let clients: Vec<ClientId> = ranked.iter().map(|ranked| persons[ranked.index].client).collect();
        assert_eq!(clients, vec![ClientId(3), ClientId(2), ClientId(1)]);
    }

    fn arbitrary_world() -> impl Strategy<Value = (Demand, Vec<Supply>, usize)> {
        let location = (0u32..3, 0u32..2, 50.8f64..53.5, 3.4f64..7.2, any::<bool>());
        (
            prop::collection::vec(location, 0..30),
            (proptest::option::of(5u32..200), 50.8f64..53.5, 3.4f64..7.2, any::<bool>()),
            0usize..8,
        )
            .prop_map(|(locations, (max_km, lat, lon, urgent), k)| {
                let supply = locations
                    .into_iter()
                    .enumerate()
                    .map(|(index, (free, crisis_free, lat, lon, closed))| Supply {
                        free,
                        crisis_free,
                        lat,
                        lon,
                        list_closed: closed,
                        ..utrecht_location(index as u32 + 1)
                    })
                    .collect();
                let mut client = Demand { max_km, lat, lon, ..amersfoort_client(1) };
                if urgent {
                    client.order.group = OrderGroup::Urgent;
                }
                (client, supply, k)
            })
    }

    proptest! {
        /// Every location is either proposed or excluded, never both; every
        /// proposal passes the hard constraints; the top k are the k best
        /// of a full sort.
        #[test]
        fn best_places_are_the_top_of_all_candidates((client, supply, k) in arbitrary_world()) {
            let weights = ScoreWeights::default();
            let answer = best_places(&weights, &client, &supply, k, TODAY);
            for ranked in &answer.best {
                prop_assert!(check(&client, &supply[ranked.index]).is_ok());
            }
            for excluded in &answer.excluded {
                prop_assert_eq!(check(&client, &supply[excluded.index]), Err(excluded.why));
            }
            let all = best_places(&weights, &client, &supply, usize::MAX, TODAY);
            prop_assert_eq!(all.best.len() + all.excluded.len(), supply.len());
            prop_assert_eq!(answer.best.len(), k.min(all.best.len()));
            prop_assert_eq!(&answer.excluded, &all.excluded);
            let expected: Vec<usize> = all.best.iter().take(k).map(|ranked| ranked.index).collect();
            let got: Vec<usize> = answer.best.iter().map(|ranked| ranked.index).collect();
            prop_assert_eq!(got, expected);
            prop_assert!(all.best.windows(2).all(|pair| pair[0].score.total >= pair[1].score.total));
        }
    }
}
