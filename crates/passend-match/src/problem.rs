//! The input of the solver: clients with the cost of leaving them unplaced,
//! locations with a number of free places, and the allowed client → location
//! pairs with their cost.
//!
//! The problem is validated once, here, so that the solver can rely on dense
//! ids, non-negative costs and sums that cannot overflow an `i64`.

use thiserror::Error;

/// Every cost sum the solver forms (potentials, reduced distances) stays below
/// three times the sum of all costs; keeping that sum under 2^59 keeps every
/// intermediate value inside an `i64`.
const MAX_TOTAL_COST: i64 = 1 << 59;

/// The solver stores edge costs in 32 bits (a search streams through them).
pub(crate) const MAX_EDGE_COST: i64 = i32::MAX as i64;

/// Ids are `u32` and the solver tags location ids with the top bit, so both
/// counts stay below 2^31.
const MAX_COUNT: usize = (1 << 31) - 1;

/// One allowed pair: `client` may be placed at `location` at `cost`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edge {
    pub client: u32,
    pub location: u32,
    pub cost: i64,
}

/// Why a problem cannot be built.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ProblemError {
    #[error("edge {edge}: client {client} does not exist (there are {clients} clients)")]
    UnknownClient { edge: usize, client: u32, clients: usize },
    #[error("edge {edge}: location {location} does not exist (there are {locations} locations)")]
    UnknownLocation { edge: usize, location: u32, locations: usize },
    #[error("edge {edge}: the cost {cost} is negative")]
    NegativeEdgeCost { edge: usize, cost: i64 },
    #[error("edge {edge}: the cost {cost} exceeds {MAX_EDGE_COST}")]
    EdgeCostTooLarge { edge: usize, cost: i64 },
    #[error("client {client}: the unmatched cost {cost} is negative")]
    NegativeUnmatchedCost { client: usize, cost: i64 },
    #[error("edge {edge}: client {client} and location {location} are already paired by an earlier edge")]
    DuplicateEdge { edge: usize, client: u32, location: u32 },
    #[error("the sum of all costs exceeds {MAX_TOTAL_COST}, too large to solve exactly in 64 bits")]
    CostsTooLarge,
    #[error("too many {what}: {count} (at most {MAX_COUNT})")]
    TooMany { what: &'static str, count: usize },
}

/// A validated assignment problem.
///
/// Minimise Σ over placed clients of the edge cost + Σ over unplaced clients
/// of their unmatched cost, each client placed at most once, location `l`
/// receiving at most `capacity[l]` clients, only along the given edges.
///
/// The edges are kept per client (compressed rows) because every search of
/// the solver starts from a client and walks its edges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssignmentProblem {
    pub(crate) unmatched_cost: Vec<i64>,
    pub(crate) capacity: Vec<u32>,
    /// Edges of client `i` are `edge_start[i]..edge_start[i + 1]`.
    pub(crate) edge_start: Vec<u32>,
    pub(crate) edge_location: Vec<u32>,
    pub(crate) edge_cost: Vec<i64>,
}

impl AssignmentProblem {
    /// Builds and validates a problem. `unmatched_cost[i]` is the cost of
    /// leaving client `i` unplaced, `capacity[l]` the free places of location
    /// `l`; the edges may come in any order.
    pub fn new(unmatched_cost: Vec<i64>, capacity: Vec<u32>, edges: &[Edge]) -> Result<Self, ProblemError> {
        let clients = unmatched_cost.len();
        let locations = capacity.len();
        for (what, count) in [("clients", clients), ("locations", locations), ("edges", edges.len())] {
            if count > MAX_COUNT {
                return Err(ProblemError::TooMany { what, count });
            }
        }
        let mut total: i64 = 0;
        for (client, &cost) in unmatched_cost.iter().enumerate() {
            if cost < 0 {
                return Err(ProblemError::NegativeUnmatchedCost { client, cost });
            }
            total = add_within_limit(total, cost)?;
        }
        let mut degree = vec![0u32; clients + 1];
        for (index, edge) in edges.iter().enumerate() {
            if edge.client as usize >= clients {
                return Err(ProblemError::UnknownClient { edge: index, client: edge.client, clients });
            }
            if edge.location as usize >= locations {
                return Err(ProblemError::UnknownLocation { edge: index, location: edge.location, locations });
            }
            if edge.cost < 0 {
                return Err(ProblemError::NegativeEdgeCost { edge: index, cost: edge.cost });
            }
            if edge.cost > MAX_EDGE_COST {
                return Err(ProblemError::EdgeCostTooLarge { edge: index, cost: edge.cost });
            }
            total = add_within_limit(total, edge.cost)?;
            degree[edge.client as usize + 1] += 1;
        }
        let mut edge_start = degree;
        for i in 0..clients {
            edge_start[i + 1] += edge_start[i];
        }
        let mut next: Vec<u32> = edge_start[..clients].to_vec();
        let mut edge_location = vec![0u32; edges.len()];
        let mut edge_cost = vec![0i64; edges.len()];
        let mut original = vec![0u32; edges.len()];
        for (index, edge) in edges.iter().enumerate() {
            let slot = &mut next[edge.client as usize];
            edge_location[*slot as usize] = edge.location;
            edge_cost[*slot as usize] = edge.cost;
            original[*slot as usize] = index as u32;
            *slot += 1;
        }
        // Duplicate pairs: a location seen twice within one client's row.
        let mut seen_by = vec![u32::MAX; locations];
        for client in 0..clients {
            for position in edge_start[client] as usize..edge_start[client + 1] as usize {
                let location = edge_location[position];
                if seen_by[location as usize] == client as u32 {
                    return Err(ProblemError::DuplicateEdge {
                        edge: original[position] as usize,
                        client: client as u32,
                        location,
                    });
                }
                seen_by[location as usize] = client as u32;
            }
        }
        Ok(Self { unmatched_cost, capacity, edge_start, edge_location, edge_cost })
    }

    pub fn clients(&self) -> usize {
        self.unmatched_cost.len()
    }

    pub fn locations(&self) -> usize {
        self.capacity.len()
    }

    pub fn edges(&self) -> usize {
        self.edge_location.len()
    }

    pub fn unmatched_cost(&self, client: usize) -> i64 {
        self.unmatched_cost[client]
    }

    pub fn capacity(&self, location: usize) -> u32 {
        self.capacity[location]
    }

    /// The `(location, cost)` pairs client `client` may be placed at.
    pub fn edges_of(&self, client: usize) -> impl Iterator<Item = (u32, i64)> + '_ {
        let range = self.edge_start[client] as usize..self.edge_start[client + 1] as usize;
        self.edge_location[range.clone()].iter().copied().zip(self.edge_cost[range].iter().copied())
    }

    /// The cost of placing `client` at `location`, if that pair is allowed.
    pub fn cost(&self, client: usize, location: u32) -> Option<i64> {
        self.edges_of(client).find(|&(at, _)| at == location).map(|(_, cost)| cost)
    }
}

pub(crate) fn add_within_limit(total: i64, cost: i64) -> Result<i64, ProblemError> {
    match total.checked_add(cost) {
        Some(sum) if sum <= MAX_TOTAL_COST => Ok(sum),
        _ => Err(ProblemError::CostsTooLarge),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edge(client: u32, location: u32, cost: i64) -> Edge {
        Edge { client, location, cost }
    }

    #[test]
    fn edges_are_grouped_per_client() {
        let problem = AssignmentProblem::new(vec![10, 20], vec![1, 1], &[edge(1, 0, 5), edge(0, 1, 3), edge(1, 1, 4)])
            .expect("valid problem");
        assert_eq!(problem.edges_of(0).collect::<Vec<_>>(), vec![(1, 3)]);
        assert_eq!(problem.edges_of(1).collect::<Vec<_>>(), vec![(0, 5), (1, 4)]);
        assert_eq!(problem.cost(1, 1), Some(4));
        assert_eq!(problem.cost(0, 0), None);
    }

    #[test]
    fn invalid_input_is_named() {
        let unknown_client = AssignmentProblem::new(vec![1], vec![1], &[edge(3, 0, 1)]);
        assert_eq!(unknown_client, Err(ProblemError::UnknownClient { edge: 0, client: 3, clients: 1 }));
        let unknown_location = AssignmentProblem::new(vec![1], vec![1], &[edge(0, 0, 1), edge(0, 2, 1)]);
        assert_eq!(unknown_location, Err(ProblemError::UnknownLocation { edge: 1, location: 2, locations: 1 }));
        let negative = AssignmentProblem::new(vec![1], vec![1], &[edge(0, 0, -1)]);
        assert_eq!(negative, Err(ProblemError::NegativeEdgeCost { edge: 0, cost: -1 }));
        let negative_unmatched = AssignmentProblem::new(vec![-5], vec![1], &[]);
        assert_eq!(negative_unmatched, Err(ProblemError::NegativeUnmatchedCost { client: 0, cost: -5 }));
        let duplicate = AssignmentProblem::new(vec![1], vec![1], &[edge(0, 0, 1), edge(0, 0, 2)]);
        assert_eq!(duplicate, Err(ProblemError::DuplicateEdge { edge: 1, client: 0, location: 0 }));
        let too_large = AssignmentProblem::new(vec![1], vec![1], &[edge(0, 0, 1 << 40)]);
        assert_eq!(too_large, Err(ProblemError::EdgeCostTooLarge { edge: 0, cost: 1 << 40 }));
        let huge = AssignmentProblem::new(vec![i64::MAX / 2, i64::MAX / 2], vec![], &[]);
        assert_eq!(huge, Err(ProblemError::CostsTooLarge));
        assert!(duplicate.unwrap_err().to_string().contains("already paired"));
    }
}
