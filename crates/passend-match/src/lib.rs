//! Matching waiting persons to places: which places a person can take at
//! all ([`candidates`], with the reason for every pair that fails), how well
//! each fits ([`score`], a sum of weighted terms a mediator can read), the
//! two questions a mediator asks ([`ranking`]: best places for a person, best
//! persons for a free place), and the planning proposal for a region or the
//! nation ([`proposal`]) on top of an exact min-cost assignment solver. The
//! matcher proposes and explains; people decide.
//!
//! # The assignment problem
//! Clients wait for a place; location `l` has `capacity[l]` free places; an
//! edge `(client, location, cost)` says the client may be placed there at
//! that cost; leaving client `i` unplaced costs `U_i`. Minimise
//! Σ placed edge costs + Σ unmatched costs, each client placed at most once,
//! no location over its capacity. All costs are integers, so the optimum is
//! exact and comparable with any other exact solver.
//!
//! # The method, and why
//! Successive shortest augmenting paths with node potentials (the Hungarian
//! method for a transportation problem), on the location-level network
//! client → location → sink plus client → sink at `U_i`:
//! - clients are inserted one at a time; each insertion is one Dijkstra from
//!   the new client over reduced costs, which stay non-negative thanks to the
//!   potentials, and one augmentation. After each insertion the inserted
//!   clients are assigned optimally, so the potentials (the LP duals: client
//!   values and location prices) certify optimality at every step;
//! - a search ends as soon as the best known exit (a free place, a placed
//!   client who gives up its place, or the new client staying unplaced) is no
//!   longer than anything left in the queue. Exits are taken when a path to
//!   them is first known, not when settled, and staying unplaced is always an
//!   exit at `U_i`: most searches settle a handful of nodes. A displaced
//!   client whose cheapest other edge cannot beat the best exit is settled
//!   without being queued or having its edges read;
//! - clients are inserted by decreasing gain (unmatched cost minus cheapest
//!   edge): they claim places early and later clients rarely displace them;
//! - capacities stay at the location level (no expansion into individual
//!   places); edges that cost at least `U_i` are dropped (never better than
//!   leaving the client unplaced); each client's edges are a cost-sorted row
//!   of 8-byte records; the queue is a radix heap (distances are integers
//!   popped in order); the search workspace is flat arrays stamped per search
//!   (no clearing, no hash maps).
//!
//! Cost scaling (push-relabel, auction) has better worst-case bounds. An
//! ε-auction warm start was tried: its places left empty at positive prices
//! needed backward repairs that cost more than they saved. Shortest paths
//! also keep exactly what the incremental [`Planner`] needs: with the
//! potentials, a freed place or a new client is one more shortest path, not
//! a re-solve.
//!
//! # Couples
//! Partners admitted together (*partneropname*) are not a flow constraint:
//! [`solve_with_couples`] keeps them together by branch and bound over the
//! couples the flow splits, with the flow as the bound, and reports the
//! proven gap when its node budget runs out (the `couples` module says how).
//!
//! [`input`] turns the registers (supply directory, case summaries, living
//! profiles) into the matcher's `Supply` and `Demand`.
//!
//! The crate is pure: no I/O, no clock; reading instances belongs to the caller.

pub mod candidates;
mod couples;
mod engine;
mod incremental;
pub mod input;
mod problem;
pub mod proposal;
mod radix_heap;
pub mod ranking;
pub mod score;
mod solver;
pub mod tags;

pub use couples::{CoupledSolution, CouplesConfig, CouplesError, solve_with_couples};
pub use incremental::{Planner, PlannerError};
pub use problem::{AssignmentProblem, Edge, ProblemError};
pub use solver::{Assignment, VerifyError, solve};
