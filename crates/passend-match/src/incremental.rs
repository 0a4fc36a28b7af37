//! Keeping the optimum while places free up and clients arrive.
//!
//! The planner keeps the assignment and the potentials of the full solve.
//! Because the potentials certify optimality, one change needs one shortest
//! path, not a re-solve:
//! - a new client is inserted exactly as during the solve (one Dijkstra from
//!   the client);
//! - a new place at a location whose price is positive may attract a chain of
//!   moves ending there: one Dijkstra backwards from the location, bounded by
//!   its price, finds the best chain (or proves there is none).

use thiserror::Error;

use crate::engine::Engine;
use crate::problem::{AssignmentProblem, MAX_EDGE_COST, ProblemError, add_within_limit};
use crate::solver::{Assignment, assignment_of, insert_all};

/// Why a change cannot be applied.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PlannerError {
    #[error("location {location} does not exist (there are {locations} locations)")]
    UnknownLocation { location: u32, locations: usize },
    #[error("the new client's edge {edge}: location {location} does not exist (there are {locations} locations)")]
    UnknownEdgeLocation { edge: usize, location: u32, locations: usize },
    #[error("the new client's edge {edge}: the cost {cost} is negative")]
    NegativeEdgeCost { edge: usize, cost: i64 },
    #[error("the new client's edge {edge}: the cost {cost} exceeds {MAX_EDGE_COST}")]
    EdgeCostTooLarge { edge: usize, cost: i64 },
    #[error("the new client's unmatched cost {cost} is negative")]
    NegativeUnmatchedCost { cost: i64 },
    #[error("the new client's edge {edge}: location {location} is already listed by an earlier edge")]
    DuplicateEdge { edge: usize, location: u32 },
    #[error("location {location} cannot have more places")]
    TooManyPlaces { location: u32 },
    #[error(transparent)]
    Problem(#[from] ProblemError),
}

/// An optimal assignment that follows changes in supply and demand.
#[derive(Debug, Clone)]
pub struct Planner {
    engine: Engine,
    /// The sum of all costs so far, kept under the limit that rules out overflow.
    total_cost: i64,
}

impl Planner {
    /// Solves the problem and keeps the solution for incremental changes.
    pub fn new(problem: &AssignmentProblem) -> Self {
        let mut engine = Engine::new(problem, false);
        insert_all(&mut engine);
        engine.prepare_for_places();
        let total_cost = problem.unmatched_cost.iter().chain(&problem.edge_cost).sum();
        Self { engine, total_cost }
    }

    /// The current optimal assignment.
    pub fn assignment(&self) -> Assignment {
        assignment_of(&self.engine)
    }

    /// The cost of the current optimal assignment.
    pub fn cost(&self) -> i64 {
        self.engine.cost()
    }

    /// The location of a client, if placed.
    pub fn location_of(&self, client: usize) -> Option<u32> {
        self.engine.location_of(client)
    }

    /// One more free place at `location`; the assignment is optimal again afterwards.
    pub fn add_place(&mut self, location: u32) -> Result<(), PlannerError> {
        let locations = self.engine.locations();
        if location as usize >= locations {
            return Err(PlannerError::UnknownLocation { location, locations });
        }
        if self.engine.capacity[location as usize] == u32::MAX {
            return Err(PlannerError::TooManyPlaces { location });
        }
        self.engine.add_place(location as usize);
        Ok(())
    }

    /// A new waiting client with its unmatched cost and `(location, cost)`
    /// edges; returns its id (the next dense id). The assignment is optimal
    /// again afterwards.
    pub fn add_client(&mut self, unmatched_cost: i64, edges: &[(u32, i64)]) -> Result<usize, PlannerError> {
        if unmatched_cost < 0 {
            return Err(PlannerError::NegativeUnmatchedCost { cost: unmatched_cost });
        }
        let locations = self.engine.locations();
        let mut total = add_within_limit(self.total_cost, unmatched_cost)?;
        for (edge, &(location, cost)) in edges.iter().enumerate() {
            if location as usize >= locations {
                return Err(PlannerError::UnknownEdgeLocation { edge, location, locations });
            }
            if cost < 0 {
                return Err(PlannerError::NegativeEdgeCost { edge, cost });
            }
            if cost > MAX_EDGE_COST {
                return Err(PlannerError::EdgeCostTooLarge { edge, cost });
            }
            if edges[..edge].iter().any(|&(earlier, _)| earlier == location) {
                return Err(PlannerError::DuplicateEdge { edge, location });
            }
            total = add_within_limit(total, cost)?;
        }
        self.total_cost = total;
        Ok(self.engine.add_client(unmatched_cost, edges))
    }

    #[cfg(test)]
    pub(crate) fn engine(&self) -> &Engine {
        &self.engine
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

    #[test]
    fn a_freed_place_moves_a_chain_of_clients() {
        // Client 0 sits at location 0 (its second choice); client 1 is unplaced.
        // A place at location 1 lets 0 move there and 1 take location 0.
        let start = problem(&[100, 50], &[1, 0], &[(0, 0, 20), (0, 1, 10), (1, 0, 5)]);
        let mut planner = Planner::new(&start);
        assert_eq!(planner.cost(), 70);
        planner.add_place(1).expect("known location");
        assert_eq!(planner.location_of(0), Some(1));
        assert_eq!(planner.location_of(1), Some(0));
        assert_eq!(planner.cost(), 15);
        assert!(planner.engine().potentials_certify());
    }

    #[test]
    fn a_new_client_displaces_a_cheaper_one() {
        let start = problem(&[30], &[1], &[(0, 0, 10)]);
        let mut planner = Planner::new(&start);
        let client = planner.add_client(1_000, &[(0, 10)]).expect("valid client");
        assert_eq!(client, 1);
        assert_eq!(planner.location_of(1), Some(0));
        assert_eq!(planner.location_of(0), None);
        assert_eq!(planner.cost(), 40);
    }

    #[test]
    fn invalid_changes_are_refused() {
        let mut planner = Planner::new(&problem(&[30], &[1], &[(0, 0, 10)]));
        assert_eq!(planner.add_place(4), Err(PlannerError::UnknownLocation { location: 4, locations: 1 }));
        assert_eq!(
            planner.add_client(5, &[(2, 1)]),
            Err(PlannerError::UnknownEdgeLocation { edge: 0, location: 2, locations: 1 })
        );
        assert_eq!(planner.add_client(5, &[(0, -1)]), Err(PlannerError::NegativeEdgeCost { edge: 0, cost: -1 }));
        assert_eq!(planner.add_client(-5, &[]), Err(PlannerError::NegativeUnmatchedCost { cost: -5 }));
        assert_eq!(
            planner.add_client(5, &[(0, 1 << 40)]),
            Err(PlannerError::EdgeCostTooLarge { edge: 0, cost: 1 << 40 })
        );
        assert_eq!(planner.add_client(5, &[(0, 1), (0, 2)]), Err(PlannerError::DuplicateEdge { edge: 1, location: 0 }));
        assert_eq!(planner.cost(), 10);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Larger random problems than the brute force can handle: every change
        /// keeps the certificate and matches a full re-solve.
        #[test]
        fn changes_match_a_full_resolve_and_keep_the_certificate(
            locations in 1usize..8,
            unmatched in prop::collection::vec(0i64..200, 1..40),
            seed_edges in prop::collection::vec((0u32..40, 0u32..8, 0i64..200), 0..120),
            capacity_seed in prop::collection::vec(0u32..3, 8),
            changes in prop::collection::vec((any::<bool>(), 0u32..8, 0i64..200, prop::collection::vec((0u32..8, 0i64..200), 0..4)), 1..12),
        ) {
            let clients = unmatched.len() as u32;
            let mut capacity = capacity_seed[..locations].to_vec();
            let mut unmatched = unmatched;
            let mut edges: Vec<(u32, u32, i64)> = Vec::new();
            for (client, location, cost) in seed_edges {
                let pair = (client % clients, location % locations as u32);
                if !edges.iter().any(|&(c, l, _)| (c, l) == pair) {
                    edges.push((pair.0, pair.1, cost));
                }
            }
            let mut planner = Planner::new(&problem(&unmatched, &capacity, &edges));
            prop_assert!(planner.engine().potentials_certify());
            for (is_place, location, unmatched_cost, wanted) in changes {
                if is_place {
                    let location = location % locations as u32;
                    planner.add_place(location).expect("known location");
                    capacity[location as usize] += 1;
                } else {
                    let mut new_edges: Vec<(u32, i64)> = Vec::new();
                    for (location, cost) in wanted {
                        let location = location % locations as u32;
                        if !new_edges.iter().any(|&(l, _)| l == location) {
                            new_edges.push((location, cost));
                        }
                    }
                    let client = planner.add_client(unmatched_cost, &new_edges).expect("valid client") as u32;
                    unmatched.push(unmatched_cost);
                    edges.extend(new_edges.iter().map(|&(location, cost)| (client, location, cost)));
                }
                let updated = problem(&unmatched, &capacity, &edges);
                let assignment = planner.assignment();
                prop_assert_eq!(assignment.verify(&updated), Ok(()));
                prop_assert_eq!(assignment.cost, solve(&updated).cost);
                prop_assert!(planner.engine().potentials_certify());
            }
        }
    }
}
