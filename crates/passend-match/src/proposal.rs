//! The planning proposal (*plaatsingsvoorstel*) for a region or the nation:
//! the assignment of waiting persons to today's free places that fits best
//! in sum, the persons who cannot be placed with today's supply and why, and
//! the shortage per region and care profile that follows — the signal the
//! NZa asks zorgkantoren for. A proposal places no one: the mediator and the
//! provider decide.
//!
//! # From scores to costs
//! The solver minimises costs; the proposal maximises the summed score of
//! the placed pairs. The two are one problem when leaving person `i` waiting
//! costs `U_i = C_i + person_i` and placing them at `l` costs
//! `c_il = C_i − place_il`, where `person_i` is the sum of the score terms
//! about the person (urgency, waiting time, bridging) and `place_il` the sum
//! of the terms about the place (preference, context fit, distance): then
//! `U_i − c_il` is the pair's score. `C_i` is the largest place bonus person
//! `i` can get (the first preference plus every wish met), which keeps every
//! cost non-negative as the solver requires. A pair whose score is not
//! positive would save nothing and stays out of the graph.
//!
//! # Crisis beds
//! Only urgent persons may take a crisis bed, so each location is two solver
//! nodes: its regular free places, open to every fitting person, and its
//! free crisis beds, open to urgent persons only.
//!
//! # Couples
//! Partners are admitted together (*partneropname*). The candidate check
//! keeps a partner to locations with two places where couples can live; the
//! proposal keeps both partners at one solver node (the regular places or
//! the crisis beds of one location) or leaves both waiting, by the branch
//! and bound of [`crate::solve_with_couples`]. Two persons form a couple
//! when each names the other as `partner` and both are in `demand`; a
//! person whose partner is not in `demand` is proposed alone, still only to
//! places that can take a couple. When the search stops at its node budget,
//! the proposal reports how far its total score may lie below the best
//! (`score_gap`).

use std::collections::BTreeMap;

use jiff::civil::Date;
use passend_domain::codes::{CareProfile, Region};
use passend_domain::ids::ClientId;

use crate::candidates::{Demand, Exclusion, Supply, check};
use crate::couples::{CouplesConfig, CouplesError, solve_with_couples};
use crate::problem::{AssignmentProblem, Edge, ProblemError};
use crate::ranking::waiting_days;
use crate::score::{ScoreWeights, score};

/// One proposed placement.
#[derive(Debug, Clone, PartialEq)]
pub struct Proposed {
    pub demand: usize,
    pub supply: usize,
    /// The place is a crisis bed.
    pub crisis_bed: bool,
    pub km: f64,
    pub score: i64,
}

/// Why a person has no place in the proposal.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Unplaced {
    /// No location with room fits; the reason most of them give.
    NothingFits(Exclusion),
    /// Fitting places exist, but none scores above waiting for a better one
    /// (far away, no preference, no wish met, little urgency).
    OnlyPoorFits,
    /// Fitting places exist, but too few: persons with a stronger claim
    /// (more urgency, longer waiting) took them.
    Outcompeted,
}

impl Unplaced {
    pub fn message_nl(&self) -> String {
        match self {
            Unplaced::NothingFits(why) => format!("Geen plaats met ruimte past. Meestal: {}", why.message_nl()),
            Unplaced::OnlyPoorFits => {
                "Er zijn passende vrije plaatsen, maar geen weegt op tegen wachten op een betere.".to_string()
            }
            Unplaced::Outcompeted => {
                "Er zijn passende vrije plaatsen, maar te weinig: cliënten met een sterkere aanspraak gaan voor."
                    .to_string()
            }
        }
    }

    /// Whether the person lacks a place because supply falls short, as
    /// opposed to care at home or a poor fit.
    pub fn is_shortage(&self) -> bool {
        !matches!(self, Unplaced::NothingFits(Exclusion::CareAtHome(_)) | Unplaced::OnlyPoorFits)
    }
}

/// A cell of the shortage signal: the person's region and care profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct ShortageKey {
    pub region: Region,
    pub care_profile: CareProfile,
}

/// The planning proposal.
#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    /// The placements, in the order of `demand`.
    pub placed: Vec<Proposed>,
    /// Every person without a place, in the order of `demand`.
    pub unplaced: Vec<(usize, Unplaced)>,
    /// Σ score of the placements: the maximum any assignment with couples
    /// together reaches, or at most `score_gap` below it.
    pub total_score: i64,
    /// 0 when the couples search proved `total_score` the maximum; otherwise
    /// how far below the maximum it may be.
    pub score_gap: i64,
    /// Persons short of a place per region and care profile.
    pub shortage: BTreeMap<ShortageKey, usize>,
}

/// Why no proposal can be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProposalError {
    #[error("score weight {0} is negative; a proposal needs weights of 0 or more")]
    NegativeWeight(&'static str),
    #[error(transparent)]
    Problem(#[from] ProblemError),
    #[error(transparent)]
    Couples(#[from] CouplesError),
}

/// A solver node: the regular places or the crisis beds of a location.
#[derive(Debug, Clone, Copy)]
struct Node {
    supply: usize,
    crisis_bed: bool,
}

/// What the graph knows of one edge, to report the placement.
#[derive(Debug, Clone, Copy)]
struct Pair {
    km: f64,
    score: i64,
}

/// The best proposal for `demand` over the free places of `supply` on `today`.
pub fn propose(
    weights: &ScoreWeights,
    demand: &[Demand],
    supply: &[Supply],
    today: Date,
) -> Result<Proposal, ProposalError> {
    weights.check_non_negative().map_err(ProposalError::NegativeWeight)?;
    let mut nodes = Vec::new();
    let mut capacity = Vec::new();
    let mut node_of = vec![(None, None); supply.len()];
    for (index, location) in supply.iter().enumerate() {
        if location.free > 0 {
            node_of[index].0 = Some(nodes.len() as u32);
            nodes.push(Node { supply: index, crisis_bed: false });
            capacity.push(location.free);
        }
        if location.crisis_free > 0 {
            node_of[index].1 = Some(nodes.len() as u32);
            nodes.push(Node { supply: index, crisis_bed: true });
            capacity.push(location.crisis_free);
        }
    }
    let with_room: Vec<usize> = (0..supply.len()).filter(|&index| node_of[index] != (None, None)).collect();

    let mut unmatched_cost = Vec::with_capacity(demand.len());
    let mut edges = Vec::new();
    let mut pairs = Vec::new();
    let mut reasons = vec![Unplaced::Outcompeted; demand.len()];
    for (person, client) in demand.iter().enumerate() {
        let days = waiting_days(client, today);
        let bound = weights.place_bonus_bound(client.wishes.len());
        let mut exclusions: Vec<(Exclusion, usize)> = Vec::new();
        let mut fits = 0;
        let first_edge = edges.len();
        let mut person_part = None;
        for &index in &with_room {
            let location = &supply[index];
            let km = match check(client, location) {
                Ok(km) => km,
                Err(why) => {
                    count(&mut exclusions, why);
                    continue;
                }
            };
            fits += 1;
            let pair = score(weights, client, location, km, days);
            let (own, place) = pair.split_person_and_place();
            person_part = Some(own);
            if pair.total <= 0 {
                continue;
            }
            let (regular, crisis) = node_of[index];
            let open_nodes = [regular, crisis.filter(|_| client.is_urgent())];
            for node in open_nodes.into_iter().flatten() {
                edges.push(Edge { client: person as u32, location: node, cost: bound - place });
                pairs.push(Pair { km, score: pair.total });
            }
        }
        unmatched_cost.push(bound + person_part.unwrap_or(0));
        if fits == 0 {
            let most = exclusions.iter().max_by_key(|(_, count)| *count).map(|(why, _)| *why);
            reasons[person] = Unplaced::NothingFits(most.unwrap_or(Exclusion::NoFreePlace));
        } else if edges.len() == first_edge {
            reasons[person] = Unplaced::OnlyPoorFits;
        }
    }

    let problem = AssignmentProblem::new(unmatched_cost, capacity, &edges)?;
    let coupled = solve_with_couples(&problem, &couples_in(demand), &CouplesConfig::default())?;
    let score_gap = coupled.gap();
    let assignment = coupled.assignment;
    let mut placed = Vec::new();
    let mut unplaced = Vec::new();
    let mut shortage = BTreeMap::new();
    for (person, node) in assignment.location.iter().enumerate() {
        match node {
            Some(node) => {
                let edge = edge_index(&edges, person as u32, *node);
                let Node { supply, crisis_bed } = nodes[*node as usize];
                placed.push(Proposed {
                    demand: person,
                    supply,
                    crisis_bed,
                    km: pairs[edge].km,
                    score: pairs[edge].score,
                });
            }
            None => {
                let reason = reasons[person];
                if reason.is_shortage() {
                    let key = ShortageKey { region: demand[person].region, care_profile: demand[person].care_profile };
                    *shortage.entry(key).or_insert(0) += 1;
                }
                unplaced.push((person, reason));
            }
        }
    }
    let total_score = placed.iter().map(|proposed| proposed.score).sum();
    Ok(Proposal { placed, unplaced, total_score, score_gap, shortage })
}

/// The couples of `demand` as pairs of indices: two persons who name each
/// other as partner.
fn couples_in(demand: &[Demand]) -> Vec<(u32, u32)> {
    let index_of: BTreeMap<ClientId, usize> =
        demand.iter().enumerate().map(|(index, person)| (person.client, index)).collect();
    demand
        .iter()
        .enumerate()
        .filter_map(|(index, person)| {
            let partner = *index_of.get(&person.partner?)?;
            let mutual = demand[partner].partner == Some(person.client);
            (mutual && index < partner).then_some((index as u32, partner as u32))
        })
        .collect()
}

/// Counts an exclusion by its kind (the first of a kind stands for it).
fn count(exclusions: &mut Vec<(Exclusion, usize)>, why: Exclusion) {
    let kind = std::mem::discriminant(&why);
    match exclusions.iter_mut().find(|(known, _)| std::mem::discriminant(known) == kind) {
        Some((_, count)) => *count += 1,
        None => exclusions.push((why, 1)),
    }
}

/// The edge of `client` to `node`. Edges were pushed client by client, so a
/// binary search finds the client's run.
fn edge_index(edges: &[Edge], client: u32, node: u32) -> usize {
    let start = edges.partition_point(|edge| edge.client < client);
    start + edges[start..].iter().position(|edge| edge.location == node).expect("the solver only uses listed edges")
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;
    use passend_domain::case::waiting_order::OrderGroup;
    use passend_domain::codes::{DeliveryForm, Sector};
    use proptest::prelude::*;

    use super::*;
    use crate::candidates::tests::{amersfoort_client, utrecht_location};

    const TODAY: Date = date(2026, 11, 2);

    #[test]
    fn the_more_urgent_person_gets_the_one_place_and_the_other_is_short() {
        let supply = vec![Supply { free: 1, ..utrecht_location(1) }];
        let mut urgent = amersfoort_client(2);
        urgent.order.group = OrderGroup::Urgent;
        let demand = vec![amersfoort_client(1), urgent];
        let proposal = propose(&ScoreWeights::default(), &demand, &supply, TODAY).unwrap();
        assert_eq!(proposal.placed.len(), 1);
        assert_eq!(proposal.placed[0].demand, 1);
        assert_eq!(proposal.unplaced, vec![(0, Unplaced::Outcompeted)]);
        let key = ShortageKey { region: demand[0].region, care_profile: demand[0].care_profile };
        assert_eq!(proposal.shortage.get(&key), Some(&1));
    }

    #[test]
    fn partners_are_placed_together_or_wait_together() {
        // Two places for couples; an urgent single person takes one of them,
        // so the flow alone would place one partner and leave the other.
        let couples_place =
            Supply { free: 2, context: crate::tags::TagSet::of(&["partneropname"]).unwrap(), ..utrecht_location(1) };
        let mut urgent = amersfoort_client(1);
        urgent.order.group = OrderGroup::Urgent;
        let first = Demand { partner: Some(ClientId(3)), ..amersfoort_client(2) };
        let second = Demand { partner: Some(ClientId(2)), ..amersfoort_client(3) };
        let demand = vec![urgent, first, second];
        let proposal = propose(&ScoreWeights::default(), &demand, &[couples_place], TODAY).unwrap();
        let placed: Vec<usize> = proposal.placed.iter().map(|proposed| proposed.demand).collect();
        assert!(placed == vec![0] || placed == vec![1, 2], "partners apart: {placed:?}");
        assert_eq!(proposal.score_gap, 0);
        assert_eq!(couples_in(&demand), vec![(1, 2)]);
        // A partner outside the demand leaves the person single.
        assert_eq!(couples_in(&demand[..2]), vec![]);
    }

    #[test]
    fn crisis_beds_go_to_urgent_persons_only() {
        let supply = vec![Supply { free: 0, crisis_free: 2, ..utrecht_location(1) }];
        let mut urgent = amersfoort_client(2);
        urgent.order.group = OrderGroup::Urgent;
        let demand = vec![amersfoort_client(1), urgent];
        let proposal = propose(&ScoreWeights::default(), &demand, &supply, TODAY).unwrap();
        assert_eq!(proposal.placed.len(), 1);
        assert!(proposal.placed[0].crisis_bed);
        assert_eq!(proposal.unplaced, vec![(0, Unplaced::NothingFits(Exclusion::NoFreePlace))]);
    }

    #[test]
    fn persons_nothing_fits_are_told_the_commonest_reason() {
        let supply = vec![
            Supply { sector: Sector::Ghz, ..utrecht_location(1) },
            Supply { sector: Sector::Ghz, ..utrecht_location(2) },
            Supply { list_closed: true, ..utrecht_location(3) },
        ];
        let at_home = Demand { delivery_form: Some(DeliveryForm::Pgb), ..amersfoort_client(2) };
        let proposal = propose(&ScoreWeights::default(), &[amersfoort_client(1), at_home], &supply, TODAY).unwrap();
        assert!(matches!(proposal.unplaced[0].1, Unplaced::NothingFits(Exclusion::SectorMismatch { .. })));
        assert_eq!(proposal.unplaced[1].1, Unplaced::NothingFits(Exclusion::CareAtHome(DeliveryForm::Pgb)));
        // Care at home is no shortage of places.
        assert_eq!(proposal.shortage.values().sum::<usize>(), 1);
    }

    #[test]
    fn negative_weights_are_refused_by_name() {
        let weights = ScoreWeights { per_km: -1, ..ScoreWeights::default() };
        assert_eq!(propose(&weights, &[], &[], TODAY), Err(ProposalError::NegativeWeight("per_km")));
    }

    /// The best total score by trying every assignment of persons to the
    /// places they fit (or none).
    fn brute_force(weights: &ScoreWeights, demand: &[Demand], supply: &[Supply]) -> i64 {
        fn go(
            person: usize,
            weights: &ScoreWeights,
            demand: &[Demand],
            supply: &[Supply],
            regular: &mut [u32],
            crisis: &mut [u32],
        ) -> i64 {
            let Some(client) = demand.get(person) else { return 0 };
            let mut best = go(person + 1, weights, demand, supply, regular, crisis);
            for (index, location) in supply.iter().enumerate() {
                let Ok(km) = check(client, location) else { continue };
                let total = score(weights, client, location, km, waiting_days(client, TODAY)).total;
                if total <= 0 {
                    continue;
                }
                for crisis_bed in [false, true] {
                    let rooms = if crisis_bed { &mut *crisis } else { &mut *regular };
                    if rooms[index] == 0 || (crisis_bed && !client.is_urgent()) {
                        continue;
                    }
                    rooms[index] -= 1;
                    best = best.max(total + go(person + 1, weights, demand, supply, regular, crisis));
                    let rooms = if crisis_bed { &mut *crisis } else { &mut *regular };
                    rooms[index] += 1;
                }
            }
            best
        }
        let mut regular: Vec<u32> = supply.iter().map(|location| location.free).collect();
        let mut crisis: Vec<u32> = supply.iter().map(|location| location.crisis_free).collect();
        go(0, weights, demand, supply, &mut regular, &mut crisis)
    }

    fn small_world() -> impl Strategy<Value = (Vec<Demand>, Vec<Supply>)> {
        let person = (0usize..4, 0i16..400, 51.9f64..52.3, 5.0f64..5.5, any::<bool>());
        let location = (0u32..3, 0u32..2, 51.9f64..52.3, 5.0f64..5.5);
        (prop::collection::vec(person, 0..6), prop::collection::vec(location, 0..4)).prop_map(|(persons, locations)| {
            let groups =
                [OrderGroup::Urgent, OrderGroup::Actief, OrderGroup::WachtOpVoorkeur, OrderGroup::WachtUitVoorzorg];
            let demand = persons
                .into_iter()
                .enumerate()
                .map(|(index, (group, days, lat, lon, bridging))| {
                    let mut client = Demand { lat, lon, bridging, ..amersfoort_client(index as u32 + 1) };
                    client.order.group = groups[group];
                    client.order.waiting_since = TODAY - jiff::Span::new().days(i64::from(days));
                    client
                })
                .collect();
            let supply = locations
                .into_iter()
                .enumerate()
                .map(|(index, (free, crisis_free, lat, lon))| Supply {
                    free,
                    crisis_free,
                    lat,
                    lon,
                    ..utrecht_location(index as u32 + 1)
                })
                .collect();
            (demand, supply)
        })
    }

    proptest! {
        /// The proposal reaches the best total a brute force finds, never
        /// overfills a location, and only proposes pairs that pass the
        /// hard constraints.
        #[test]
        fn the_proposal_is_optimal_and_feasible((demand, supply) in small_world()) {
            let weights = ScoreWeights::default();
            let proposal = propose(&weights, &demand, &supply, TODAY).unwrap();
            prop_assert_eq!(proposal.total_score, brute_force(&weights, &demand, &supply));
            prop_assert_eq!(proposal.placed.len() + proposal.unplaced.len(), demand.len());
            for (index, location) in supply.iter().enumerate() {
                let at = |crisis_bed: bool| proposal.placed.iter().filter(|p| p.supply == index && p.crisis_bed == crisis_bed).count() as u32;
                prop_assert!(at(false) <= location.free);
                prop_assert!(at(true) <= location.crisis_free);
            }
            for placed in &proposal.placed {
                prop_assert!(check(&demand[placed.demand], &supply[placed.supply]).is_ok());
                prop_assert!(!placed.crisis_bed || demand[placed.demand].is_urgent());
            }
        }
    }
}
