//! Couples admitted together (*partneropname*): the cheapest assignment in
//! which both partners of every couple are at one location or both stay
//! unplaced.
//!
//! # The method, and why
//! "Together" is not a flow constraint, so the min-cost flow of
//! [`crate::solve`] may split a couple; its cost is a lower bound on every
//! assignment that keeps couples together. Branch and bound closes the gap:
//! - a search node fixes some couples, each either *both unplaced* or *both
//!   at location `l`* (two of `l`'s places are withdrawn and their cost
//!   counted); its bound is the flow optimum of everyone else;
//! - a node whose flow optimum keeps every couple together is a feasible
//!   assignment; otherwise one split couple is branched on: both unplaced,
//!   or both at each location both partners may go to that still has two
//!   places. The children partition the couple's allowed states, so nothing
//!   feasible is lost, and each child's bound is at least its parent's;
//! - a first assignment comes from a *dive*: fix the split couple whose
//!   split is dearest to undo at its child of lowest bound, re-solve, repeat
//!   until no couple is split. Then nodes are taken lowest bound first, and
//!   each also yields a feasible assignment by *repair* (split partners both
//!   unplaced, then each such couple at its cheapest location with two
//!   places left, if that is cheaper).
//!
//! The flow bound is weak where it matters: a split caused by one place
//! too few is also fractional in the LP with "first at l = second at l"
//! (half of each partner at each location), so Lagrange multipliers on those
//! constraints were tried and did not raise the national bound measurably.
//! Splits far apart are independent, and fixing one raises a node's bound by
//! that couple's share only, so proving optimality can take many nodes even
//! when the dive has found the optimum. National instance: the flow splits
//! 13 couples; the dive reaches the known optimum (246,458,851), and after
//! the default 1,000 nodes (about 2 s) the proven bound is 2,527 below it.
//!
//! A node costs little: the flow of all single clients is solved once, and
//! a node clones that state, withdraws the places of its fixed couples
//! (clients who lose their place leave the network) and inserts the evicted
//! clients and the free partners by shortest augmenting paths, exactly as
//! in the full solve; partners keep only the edges to locations both may
//! go to with two places (any other edge would split them). When the node budget runs out,
//! the best assignment found is returned with the proven lower bound: the
//! gap is reported, never hidden.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use thiserror::Error;

use crate::engine::Engine;
use crate::problem::{AssignmentProblem, Edge};
use crate::solver::{Assignment, by_gain, solve};

/// Limits of the couples search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CouplesConfig {
    /// Search nodes evaluated (one flow update each) before the search stops
    /// with the best assignment found and a reported gap.
    pub max_nodes: usize,
}

impl Default for CouplesConfig {
    fn default() -> Self {
        Self { max_nodes: 1_000 }
    }
}

/// The best assignment found with couples together, and how good it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoupledSolution {
    /// Every couple at one location or both unplaced.
    pub assignment: Assignment,
    /// The min-cost flow optimum, which may split couples: a lower bound.
    pub flow_bound: i64,
    /// The best proven lower bound on any assignment with couples together;
    /// equal to `assignment.cost` when `exact`.
    pub lower_bound: i64,
    /// The search finished within its budget: `assignment` is optimal.
    pub exact: bool,
    /// Couples the min-cost flow optimum splits.
    pub flow_splits: usize,
    /// Search nodes evaluated.
    pub nodes: usize,
}

impl CoupledSolution {
    /// How far the assignment may be above the optimum (0 when exact).
    pub fn gap(&self) -> i64 {
        self.assignment.cost - self.lower_bound
    }
}

/// Why the couples cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CouplesError {
    #[error("couple {couple}: client {client} does not exist (there are {clients} clients)")]
    UnknownClient { couple: usize, client: u32, clients: usize },
    #[error("couple {couple}: client {client} is listed as their own partner")]
    OwnPartner { couple: usize, client: u32 },
    #[error("client {client} is in couple {first} and in couple {second}; a client has at most one partner")]
    InTwoCouples { client: u32, first: usize, second: usize },
}

/// The cheapest assignment of `problem` with every couple `(first, second)`
/// together: both at one location or both unplaced.
pub fn solve_with_couples(
    problem: &AssignmentProblem,
    couples: &[(u32, u32)],
    config: &CouplesConfig,
) -> Result<CoupledSolution, CouplesError> {
    let search = Search::new(problem, couples)?;
    Ok(search.run(config))
}

const NO_COUPLE: u32 = u32::MAX;

/// How a search node fixes one couple.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fix {
    BothUnplaced,
    BothAt(u32),
}

struct Couple {
    first: u32,
    second: u32,
    /// U_first + U_second.
    unplaced_cost: i64,
    /// Locations both partners may go to that have at least two places:
    /// `(location, cost of first, cost of second)`, cheapest pair first.
    together: Vec<(u32, i64, i64)>,
}

impl Couple {
    fn together_cost(&self, location: u32) -> Option<i64> {
        self.together.iter().find(|&&(at, _, _)| at == location).map(|&(_, first, second)| first + second)
    }
}

/// The flow optimum of one search node.
struct Evaluated {
    /// A lower bound on every assignment of the node with couples together.
    bound: i64,
    location: Vec<Option<u32>>,
}

/// A node waiting in the queue: its parent's bound, its fixed couples.
struct Pending {
    bound: i64,
    fixes: Vec<(u32, Fix)>,
}

impl PartialEq for Pending {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == std::cmp::Ordering::Equal
    }
}

impl Eq for Pending {}

impl PartialOrd for Pending {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Pending {
    /// The max-heap pops the lowest bound first, the deepest node among
    /// equal bounds (it is closest to a feasible assignment).
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (Reverse(self.bound), self.fixes.len()).cmp(&(Reverse(other.bound), other.fixes.len()))
    }
}

struct Search<'a> {
    problem: &'a AssignmentProblem,
    couples: Vec<Couple>,
    couple_of: Vec<u32>,
    /// The flow optimum of every client outside a couple; the partners are
    /// in it (not inserted) with one edge per shared location, repriced by
    /// each node.
    base: Engine,
    /// The partners, in the insertion order of the full solve.
    partners: Vec<u32>,
}

impl<'a> Search<'a> {
    fn new(problem: &'a AssignmentProblem, pairs: &[(u32, u32)]) -> Result<Self, CouplesError> {
        let clients = problem.clients();
        let mut couple_of = vec![NO_COUPLE; clients];
        let mut couples = Vec::with_capacity(pairs.len());
        for (couple, &(first, second)) in pairs.iter().enumerate() {
            for client in [first, second] {
                if client as usize >= clients {
                    return Err(CouplesError::UnknownClient { couple, client, clients });
                }
                if client == first && first == second {
                    return Err(CouplesError::OwnPartner { couple, client });
                }
                if couple_of[client as usize] != NO_COUPLE {
                    let earlier = couple_of[client as usize] as usize;
                    return Err(CouplesError::InTwoCouples { client, first: earlier, second: couple });
                }
                couple_of[client as usize] = couple as u32;
            }
            let mut together: Vec<(u32, i64, i64)> = problem
                .edges_of(first as usize)
                .filter(|&(location, _)| problem.capacity(location as usize) >= 2)
                .filter_map(|(location, cost)| Some((location, cost, problem.cost(second as usize, location)?)))
                .collect();
            together.sort_unstable_by_key(|&(location, first, second)| (first + second, location));
            let unplaced_cost = problem.unmatched_cost(first as usize) + problem.unmatched_cost(second as usize);
            couples.push(Couple { first, second, unplaced_cost, together });
        }
        // The engine's problem: singles as given, partners with an edge to
        // each shared location only (another edge would split the couple),
        // at placeholder costs that `evaluate` replaces.
        let mut unmatched: Vec<i64> = (0..clients).map(|client| problem.unmatched_cost(client)).collect();
        let mut edges = Vec::with_capacity(problem.edges());
        for client in 0..clients {
            match couple_of[client] {
                NO_COUPLE => edges.extend(problem.edges_of(client).map(|(location, cost)| Edge {
                    client: client as u32,
                    location,
                    cost,
                })),
                couple => {
                    unmatched[client] = 1;
                    let together = &couples[couple as usize].together;
                    edges.extend(together.iter().map(|&(location, _, _)| Edge {
                        client: client as u32,
                        location,
                        cost: 0,
                    }));
                }
            }
        }
        let capacity = (0..problem.locations()).map(|location| problem.capacity(location)).collect();
        let restricted = AssignmentProblem::new(unmatched, capacity, &edges)
            .expect("fewer edges and lower costs than a valid problem keep it valid");
        let mut base = Engine::new(&restricted, true);
        let singles = (0..clients as u32).filter(|&client| couple_of[client as usize] == NO_COUPLE).collect();
        for client in by_gain(&base, singles) {
            base.insert(client as usize);
        }
        let mut partners: Vec<u32> =
            (0..clients as u32).filter(|&client| couple_of[client as usize] != NO_COUPLE).collect();
        let gain: Vec<i64> = partners
            .iter()
            .map(|&client| {
                let cheapest = problem.edges_of(client as usize).map(|(_, cost)| cost).min();
                cheapest.map_or(0, |cost| problem.unmatched_cost(client as usize) - cost)
            })
            .collect();
        let mut order: Vec<usize> = (0..partners.len()).collect();
        order.sort_unstable_by_key(|&index| Reverse(gain[index]));
        partners = order.iter().map(|&index| partners[index]).collect();
        Ok(Self { problem, couples, couple_of, base, partners })
    }

    fn run(&self, config: &CouplesConfig) -> CoupledSolution {
        let flow = solve(self.problem);
        let flow_bound = flow.cost;
        let flow_splits = self.split_couples(&flow.location).count();
        let mut best = self.repair(&flow.location, &[]);
        let mut nodes = 0;
        self.dive(config, &mut best, &mut nodes);
        let mut queue = BinaryHeap::new();
        queue.push(Pending { bound: flow_bound, fixes: Vec::new() });
        while let Some(pending) = queue.peek() {
            if pending.bound >= best.cost || nodes >= config.max_nodes {
                break;
            }
            let Some(pending) = queue.pop() else { break };
            nodes += 1;
            let Some(node) = self.evaluate(&pending.fixes) else { continue };
            let bound = node.bound.max(pending.bound);
            if bound < best.cost {
                let repaired = self.repair(&node.location, &pending.fixes);
                if repaired.cost < best.cost {
                    best = repaired;
                }
                self.branch(&node.location, bound, &pending.fixes, &mut queue);
            }
        }
        let lower_bound = queue.peek().map_or(best.cost, |pending| pending.bound.min(best.cost)).max(flow_bound);
        CoupledSolution {
            exact: lower_bound == best.cost,
            assignment: best,
            flow_bound,
            lower_bound,
            flow_splits,
            nodes,
        }
    }

    /// A good first assignment, found by diving: fix the split couple
    /// whose split is dearest to undo at its child of lowest bound, until
    /// the flow splits no couple. The queue's bounds then prune against it.
    fn dive(&self, config: &CouplesConfig, best: &mut Assignment, nodes: &mut usize) {
        let mut fixes: Vec<(u32, Fix)> = Vec::new();
        let Some(mut node) = self.evaluate(&fixes) else { return };
        *nodes += 1;
        while let Some(couple) =
            self.split_couples(&node.location).max_by_key(|&couple| self.split_penalty(couple, &node.location))
        {
            let mut children = BinaryHeap::new();
            self.branch_on(couple, node.bound, &fixes, &mut children);
            let mut lowest: Option<(Evaluated, Vec<(u32, Fix)>)> = None;
            for child in children {
                if *nodes >= config.max_nodes {
                    return;
                }
                *nodes += 1;
                if let Some(evaluated) = self.evaluate(&child.fixes)
                    && lowest.as_ref().is_none_or(|(known, _)| evaluated.bound < known.bound)
                {
                    lowest = Some((evaluated, child.fixes));
                }
            }
            let Some((next, next_fixes)) = lowest else { return };
            let repaired = self.repair(&next.location, &next_fixes);
            if repaired.cost < best.cost {
                *best = repaired;
            }
            if next.bound >= best.cost {
                return;
            }
            node = next;
            fixes = next_fixes;
        }
    }

    /// Queues the children of a node whose flow optimum splits a couple (a
    /// node that splits none is feasible and was taken by `repair`).
    fn branch(&self, location: &[Option<u32>], bound: i64, fixes: &[(u32, Fix)], queue: &mut BinaryHeap<Pending>) {
        if let Some(couple) = self.split_couples(location).max_by_key(|&couple| self.split_penalty(couple, location)) {
            self.branch_on(couple, bound, fixes, queue);
        }
    }

    /// The children fixing `couple`: both unplaced, or both at each shared
    /// location with two places left.
    fn branch_on(&self, couple: u32, bound: i64, fixes: &[(u32, Fix)], queue: &mut BinaryHeap<Pending>) {
        let withdrawn = |at: u32| 2 * fixes.iter().filter(|&&(_, fix)| fix == Fix::BothAt(at)).count() as u32;
        let mut child = |fix: Fix| {
            let mut fixes = fixes.to_vec();
            fixes.push((couple, fix));
            queue.push(Pending { bound, fixes });
        };
        child(Fix::BothUnplaced);
        for &(at, _, _) in &self.couples[couple as usize].together {
            if self.problem.capacity(at as usize) >= withdrawn(at) + 2 {
                child(Fix::BothAt(at));
            }
        }
    }

    /// Couples placed apart in `location`.
    fn split_couples<'b>(&'b self, location: &'b [Option<u32>]) -> impl Iterator<Item = u32> + 'b {
        self.couples
            .iter()
            .enumerate()
            .filter(|(_, couple)| location[couple.first as usize] != location[couple.second as usize])
            .map(|(index, _)| index as u32)
    }

    /// How much keeping the couple together costs at least, over what the
    /// flow pays for the two: the couple whose split is dearest to undo
    /// raises the children's bounds most, so it is branched on first.
    fn split_penalty(&self, couple: u32, location: &[Option<u32>]) -> i64 {
        let couple = &self.couples[couple as usize];
        let now: i64 =
            [couple.first, couple.second].iter().map(|&client| self.cost_at(client, location[client as usize])).sum();
        let cheapest = couple
            .together
            .first()
            .map_or(couple.unplaced_cost, |&(_, first, second)| (first + second).min(couple.unplaced_cost));
        cheapest - now
    }

    fn cost_at(&self, client: u32, location: Option<u32>) -> i64 {
        let client = client as usize;
        match location {
            None => self.problem.unmatched_cost(client),
            Some(location) => self.problem.cost(client, location).expect("clients are placed along their edges"),
        }
    }

    /// The flow optimum with `fixes` applied (free partners restricted to
    /// their shared locations), or `None` when a location has too few places
    /// for the couples fixed there.
    fn evaluate(&self, fixes: &[(u32, Fix)]) -> Option<Evaluated> {
        let mut engine = self.base.clone();
        let mut fixed = vec![false; self.couples.len()];
        let mut evicted = Vec::new();
        let mut bound = 0;
        for &(couple, fix) in fixes {
            fixed[couple as usize] = true;
            let couple = &self.couples[couple as usize];
            bound += match fix {
                Fix::BothUnplaced => couple.unplaced_cost,
                Fix::BothAt(location) => {
                    if engine.capacity[location as usize] < 2 {
                        return None;
                    }
                    engine.withdraw_places(location as usize, 2, &mut evicted);
                    couple.together_cost(location).expect("couples are fixed at shared locations only")
                }
            };
        }
        for client in evicted {
            engine.insert(client as usize);
        }
        for couple in self.couples.iter().enumerate().filter(|&(index, _)| !fixed[index]).map(|(_, couple)| couple) {
            for (client, is_first) in [(couple.first, true), (couple.second, false)] {
                let row: Vec<(u32, i64)> = couple
                    .together
                    .iter()
                    .map(|&(location, first, second)| (location, if is_first { first } else { second }))
                    .collect();
                engine.reprice(client as usize, self.problem.unmatched_cost(client as usize), &row);
            }
        }
        for &client in &self.partners {
            if !fixed[self.couple_of[client as usize] as usize] {
                engine.insert(client as usize);
            }
        }
        let mut location: Vec<Option<u32>> = (0..engine.clients()).map(|client| engine.location_of(client)).collect();
        bound += engine.cost();
        for &(couple, fix) in fixes {
            let couple = &self.couples[couple as usize];
            for client in [couple.first, couple.second] {
                // Fixed partners stayed out of the engine, which counted their placeholder cost.
                bound -= engine.unmatched_cost[client as usize];
                if let Fix::BothAt(at) = fix {
                    location[client as usize] = Some(at);
                }
            }
        }
        Some(Evaluated { bound, location })
    }

    /// A feasible assignment near a flow optimum: the partners of each split
    /// couple both unplaced, then each such couple moved to its cheapest
    /// shared location with two places left, when that is cheaper.
    fn repair(&self, flow: &[Option<u32>], fixes: &[(u32, Fix)]) -> Assignment {
        let mut location = flow.to_vec();
        let mut load = vec![0u32; self.problem.locations()];
        for at in location.iter().flatten() {
            load[*at as usize] += 1;
        }
        let split: Vec<u32> = self.split_couples(flow).collect();
        debug_assert!(fixes.iter().all(|&(couple, _)| !split.contains(&couple)), "fixed couples are together");
        for &couple in &split {
            let couple = &self.couples[couple as usize];
            for client in [couple.first, couple.second] {
                if let Some(at) = location[client as usize].take() {
                    load[at as usize] -= 1;
                }
            }
        }
        for &couple in &split {
            let couple = &self.couples[couple as usize];
            let room = couple.together.iter().find(|&&(at, first, second)| {
                load[at as usize] + 2 <= self.problem.capacity(at as usize) && first + second < couple.unplaced_cost
            });
            if let Some(&(at, _, _)) = room {
                load[at as usize] += 2;
                location[couple.first as usize] = Some(at);
                location[couple.second as usize] = Some(at);
            }
        }
        let cost = location.iter().enumerate().map(|(client, &at)| self.cost_at(client as u32, at)).sum();
        let matched = location.iter().filter(|at| at.is_some()).count();
        Assignment { location, cost, matched }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::problem::Edge;
    use crate::solver::solve;

    fn problem(unmatched: &[i64], capacity: &[u32], edges: &[(u32, u32, i64)]) -> AssignmentProblem {
        let edges: Vec<Edge> = edges.iter().map(|&(client, location, cost)| Edge { client, location, cost }).collect();
        AssignmentProblem::new(unmatched.to_vec(), capacity.to_vec(), &edges).expect("valid problem")
    }

    /// Solves with couples and checks the result against the problem and the flow.
    fn check(problem: &AssignmentProblem, couples: &[(u32, u32)]) -> CoupledSolution {
        let solution = solve_with_couples(problem, couples, &CouplesConfig::default()).expect("valid couples");
        assert_eq!(solution.assignment.verify_couples(problem, couples), Ok(()));
        assert_eq!(solution.flow_bound, solve(problem).cost);
        assert!(solution.flow_bound <= solution.lower_bound && solution.lower_bound <= solution.assignment.cost);
        solution
    }

    #[test]
    fn a_couple_the_flow_splits_is_placed_together() {
        // Two places at location 0, one of them taken by single client 2 who
        // has nowhere else to go; location 1 has two places but costs more.
        // The flow puts partner 0 at location 0 and partner 1 at location 1.
        let problem = problem(&[100, 100, 100], &[2, 2], &[(0, 0, 10), (0, 1, 40), (1, 0, 10), (1, 1, 30), (2, 0, 5)]);
        let flow = solve(&problem);
        assert_ne!(flow.location[0], flow.location[1], "the flow splits the couple");
        let solution = check(&problem, &[(0, 1)]);
        assert_eq!(solution.flow_splits, 1);
        assert_eq!(solution.assignment.location, vec![Some(1), Some(1), Some(0)]);
        assert_eq!(solution.assignment.cost, 40 + 30 + 5);
        assert_eq!(solution.flow_bound, 10 + 30 + 5);
        assert!(solution.exact);
        assert_eq!(solution.gap(), 0);
    }

    #[test]
    fn a_couple_stays_unplaced_when_together_costs_more() {
        // Alone, partner 1 would rather wait (90 against 50), but together at
        // location 0 the couple costs 10 + 90 = 100 against 60 + 50 = 110.
        let problem = problem(&[60, 50], &[2], &[(0, 0, 10), (1, 0, 90)]);
        let solution = check(&problem, &[(0, 1)]);
        assert_eq!(solution.assignment.location, vec![Some(0), Some(0)]);
        assert_eq!(solution.assignment.cost, 100);
        // With a dearer place for partner 1, both wait.
        let problem = crate::couples::tests::problem(&[60, 50], &[2], &[(0, 0, 10), (1, 0, 120)]);
        let solution = check(&problem, &[(0, 1)]);
        assert_eq!(solution.assignment.location, vec![None, None]);
        assert_eq!(solution.assignment.cost, 110);
        assert_eq!(solution.flow_bound, 60);
    }

    #[test]
    fn a_single_place_cannot_take_a_couple() {
        let problem = problem(&[100, 100], &[1, 2], &[(0, 0, 1), (1, 0, 1), (0, 1, 50), (1, 1, 50)]);
        let solution = check(&problem, &[(0, 1)]);
        assert_eq!(solution.assignment.location, vec![Some(1), Some(1)]);
    }

    #[test]
    fn an_exhausted_budget_reports_its_gap() {
        // Four couples each wanting the one location with room for two.
        let mut edges = Vec::new();
        for client in 0..8u32 {
            edges.push((client, 0, i64::from(client)));
            edges.push((client, 1, 50 + i64::from(client)));
        }
        let problem = problem(&[100; 8], &[3, 3], &edges);
        let couples = [(0, 1), (2, 3), (4, 5), (6, 7)];
        let limited = solve_with_couples(&problem, &couples, &CouplesConfig { max_nodes: 1 }).expect("valid couples");
        assert_eq!(limited.assignment.verify_couples(&problem, &couples), Ok(()));
        assert!(!limited.exact);
        assert_eq!(limited.nodes, 1);
        assert_eq!(limited.gap(), limited.assignment.cost - limited.lower_bound);
        assert!(limited.gap() > 0);
        let full = check(&problem, &couples);
        assert!(full.exact);
        assert_eq!(full.assignment.cost, brute_force(&problem, &couples));
    }

    #[test]
    fn invalid_couples_are_named() {
        let problem = problem(&[1, 1, 1], &[2], &[]);
        let solve =
            |couples: &[(u32, u32)]| solve_with_couples(&problem, couples, &CouplesConfig::default()).map(|_| ());
        assert_eq!(solve(&[(0, 3)]), Err(CouplesError::UnknownClient { couple: 0, client: 3, clients: 3 }));
        assert_eq!(solve(&[(1, 1)]), Err(CouplesError::OwnPartner { couple: 0, client: 1 }));
        assert_eq!(solve(&[(0, 1), (2, 1)]), Err(CouplesError::InTwoCouples { client: 1, first: 0, second: 1 }));
    }

    /// The cheapest assignment with couples together, by trying every one
    /// (a partner's location is checked once both partners have one).
    fn brute_force(problem: &AssignmentProblem, couples: &[(u32, u32)]) -> i64 {
        fn go(client: usize, problem: &AssignmentProblem, couples: &[(u32, u32)], at: &mut Vec<Option<u32>>) -> i64 {
            if client == problem.clients() {
                return 0;
            }
            let options = std::iter::once((None, problem.unmatched_cost(client)))
                .chain(problem.edges_of(client).map(|(location, cost)| (Some(location), cost)));
            let mut best = i64::MAX;
            for (option, cost) in options.collect::<Vec<_>>() {
                if let Some(location) = option {
                    let load = at.iter().filter(|&&other| other == Some(location)).count();
                    if load as u32 >= problem.capacity(location as usize) {
                        continue;
                    }
                }
                let apart = couples.iter().any(|&(first, second)| {
                    let (early, late) = (first.min(second) as usize, first.max(second) as usize);
                    late == client && at[early] != option
                });
                if apart {
                    continue;
                }
                at.push(option);
                let rest = go(client + 1, problem, couples, at);
                at.pop();
                if rest != i64::MAX {
                    best = best.min(cost + rest);
                }
            }
            best
        }
        go(0, problem, couples, &mut Vec::new())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// On tiny random problems with couples the search reaches the brute-force optimum.
        #[test]
        fn couples_together_match_brute_force(
            clients in 2usize..8,
            locations in 1usize..4,
            unmatched in prop::collection::vec(0i64..100, 8),
            capacity in prop::collection::vec(0u32..4, 4),
            seed_edges in prop::collection::vec((0u32..8, 0u32..4, 0i64..100), 0..20),
            couple_count in 0usize..4,
        ) {
            let mut edges: Vec<(u32, u32, i64)> = Vec::new();
            for (client, location, cost) in seed_edges {
                let pair = (client % clients as u32, location % locations as u32);
                if !edges.iter().any(|&(c, l, _)| (c, l) == pair) {
                    edges.push((pair.0, pair.1, cost));
                }
            }
            let couples: Vec<(u32, u32)> =
                (0..couple_count.min(clients / 2) as u32).map(|couple| (2 * couple, 2 * couple + 1)).collect();
            let problem = problem(&unmatched[..clients], &capacity[..locations], &edges);
            let solution = solve_with_couples(&problem, &couples, &CouplesConfig::default()).expect("valid couples");
            prop_assert_eq!(solution.assignment.verify_couples(&problem, &couples), Ok(()));
            prop_assert!(solution.exact);
            prop_assert_eq!(solution.assignment.cost, brute_force(&problem, &couples));
            prop_assert_eq!(solution.flow_bound, solve(&problem).cost);
        }
    }
}
