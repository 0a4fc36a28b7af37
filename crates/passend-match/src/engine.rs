//! The shortest-augmenting-path engine shared by the full solve and the
//! incremental planner.
//!
//! The flow network, never materialised as arcs: every client sends one unit
//! to the sink `T`, either through a location (client → location at the edge
//! cost, location → T at most `capacity` units) or directly (client → T at its
//! unmatched cost). The residual arcs follow from the assignment alone:
//! - client j → location l for each edge of j except the one j uses;
//! - location l → client j for each client j placed at l (cost −c_jl);
//! - client j → T when j is placed (cost U_j), T → j when it is not (−U_j);
//! - location l → T while l has a free place, T → l while l holds a client.
//!
//! Node potentials `pi` (with `pi(T) = 0`) keep every residual arc's reduced
//! cost `c(u, v) + pi(u) − pi(v)` non-negative: they are the optimality
//! certificate (the LP duals: −pi(client) is the client's value, −pi(location)
//! the location's price) and they let Dijkstra find the next shortest path.

use crate::problem::AssignmentProblem;
use crate::radix_heap::RadixHeap;

pub(crate) const NONE: u32 = u32::MAX;
/// Heap entries tag location ids with this bit; client ids are plain.
const LOCATION: u32 = 1 << 31;

/// One edge of a client.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Arc {
    /// At most `i32::MAX` (checked when the problem is built): eight bytes
    /// per edge instead of sixteen halve the memory a search streams through.
    cost: i32,
    pub(crate) location: u32,
}

impl Arc {
    /// `cost` must fit in an `i32`; the problem and the planner check that.
    fn new(cost: i64, location: u32) -> Self {
        Self { cost: i32::try_from(cost).unwrap_or(i32::MAX), location }
    }

    pub(crate) fn cost(self) -> i64 {
        i64::from(self.cost)
    }
}

/// A node's potential and its label in the current search (valid while
/// `stamp` is the engine's current stamp).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Label {
    pub(crate) pot: i64,
    dist: i64,
    stamp: u32,
}

/// Where a shortest path from a new client ends.
#[derive(Clone, Copy)]
enum ForwardExit {
    /// At a location with a free place.
    FreePlace(u32),
    /// At a client that gives up its place (or the new client staying unplaced).
    Unplaced(u32),
}

/// Where a shortest path to a new place starts.
#[derive(Clone, Copy)]
enum ReverseExit {
    /// A location gives up one client, who moves on toward the new place.
    Location(u32),
    /// An unplaced client gets placed and starts the chain.
    Unplaced(u32),
}

/// For each location, the clients with an edge to it: needed only by the
/// search toward a new place, so built by the planner (not by `solve`).
#[derive(Debug, Clone)]
struct ReverseIndex {
    start: Vec<u32>,
    client: Vec<u32>,
    edge: Vec<u32>,
    /// Edges of clients added after the index was built.
    added: Vec<Vec<(u32, u32)>>,
}

#[derive(Debug, Clone)]
pub(crate) struct Engine {
    pub(crate) unmatched_cost: Vec<i64>,
    pub(crate) edge_start: Vec<u32>,
    /// Edge `e` of a client: its location and cost, side by side because a
    /// search always reads both.
    pub(crate) arcs: Vec<Arc>,
    pub(crate) capacity: Vec<u32>,
    /// Places of location l: `slot_start[l]..slot_start[l + 1]`, the first
    /// `load[l]` of them occupied by the clients in `slots`.
    pub(crate) slot_start: Vec<u32>,
    pub(crate) load: Vec<u32>,
    pub(crate) slots: Vec<u32>,
    /// The edge cost of the client in each place, read when a search passes
    /// a location (saves a jump to the client's edge).
    slot_cost: Vec<i64>,
    /// The edge a client is placed by, or `NONE`.
    pub(crate) client_edge: Vec<u32>,
    pub(crate) client_slot: Vec<u32>,
    /// Whether a client is part of the network yet (its potential valid).
    pub(crate) inserted: Vec<bool>,
    /// Potential and search label of each client and each location, one
    /// record per node so that a relaxation touches one cache line.
    pub(crate) cli: Vec<Label>,
    pub(crate) loc: Vec<Label>,
    /// An upper bound on every location potential (they only fall during
    /// insertions; filling a place can raise some).
    max_location_pot: i64,
    // Search workspace: a stamp marks the entries of the current search, so
    // nothing is cleared between searches.
    stamp: u32,
    /// Forward search: the client entering a location. Reverse search: the
    /// client leaving it.
    via_location_client: Vec<u32>,
    /// Forward search: the edge by which that client enters the location.
    via_location_edge: Vec<u32>,
    /// Reverse search: the edge by which a client moves on.
    via_client_edge: Vec<u32>,
    heap: RadixHeap,
    settled: Vec<u32>,
    reverse: Option<ReverseIndex>,
}

impl Engine {
    /// An engine with every client not yet inserted (unplaced, outside the
    /// network): insert them with [`Engine::insert`].
    /// `fixed_capacity`: no place will be added later, so edges to locations
    /// without places can be dropped too.
    pub(crate) fn new(problem: &AssignmentProblem, fixed_capacity: bool) -> Self {
        let clients = problem.clients();
        let locations = problem.locations();
        let mut slot_start = Vec::with_capacity(locations + 1);
        let mut places = 0u32;
        slot_start.push(0);
        for &capacity in &problem.capacity {
            places += capacity;
            slot_start.push(places);
        }
        // An edge costing at least the client's unmatched cost never improves
        // on leaving the client unplaced (and it takes a place): drop it.
        let mut edge_start = Vec::with_capacity(clients + 1);
        let mut arcs = Vec::with_capacity(problem.edges());
        edge_start.push(0);
        for client in 0..clients {
            let unmatched = problem.unmatched_cost[client];
            for (location, cost) in problem.edges_of(client) {
                if cost < unmatched && (!fixed_capacity || problem.capacity[location as usize] > 0) {
                    arcs.push(Arc::new(cost, location));
                }
            }
            let row = edge_start[client] as usize;
            arcs[row..].sort_unstable_by_key(|arc| arc.cost());
            edge_start.push(arcs.len() as u32);
        }
        Self {
            unmatched_cost: problem.unmatched_cost.clone(),
            edge_start,
            arcs,
            capacity: problem.capacity.clone(),
            slot_start,
            load: vec![0; locations],
            slots: vec![NONE; places as usize],
            slot_cost: vec![0; places as usize],
            client_edge: vec![NONE; clients],
            client_slot: vec![NONE; clients],
            inserted: vec![false; clients],
            cli: vec![Label::default(); clients],
            loc: vec![Label::default(); locations],
            max_location_pot: 0,
            stamp: 0,
            via_location_client: vec![NONE; locations],
            via_location_edge: vec![NONE; locations],
            via_client_edge: vec![NONE; clients],
            heap: RadixHeap::new(),
            settled: Vec::new(),
            reverse: None,
        }
    }

    pub(crate) fn clients(&self) -> usize {
        self.unmatched_cost.len()
    }

    pub(crate) fn locations(&self) -> usize {
        self.capacity.len()
    }

    /// How much cheaper the client's cheapest edge is than leaving it unplaced.
    pub(crate) fn best_gain(&self, client: usize) -> i64 {
        let edges = self.edge_start[client] as usize..self.edge_start[client + 1] as usize;
        self.arcs[edges].iter().map(|arc| self.unmatched_cost[client] - arc.cost()).max().unwrap_or(0)
    }

    /// The location of a client, if placed.
    pub(crate) fn location_of(&self, client: usize) -> Option<u32> {
        let edge = self.client_edge[client];
        (edge != NONE).then(|| self.arcs[edge as usize].location)
    }

    /// The objective of the current assignment.
    pub(crate) fn cost(&self) -> i64 {
        (0..self.clients())
            .map(|client| match self.client_edge[client] {
                NONE => self.unmatched_cost[client],
                edge => self.arcs[edge as usize].cost(),
            })
            .sum()
    }

    fn next_stamp(&mut self) {
        if self.stamp == u32::MAX {
            self.cli.iter_mut().for_each(|label| label.stamp = 0);
            self.loc.iter_mut().for_each(|label| label.stamp = 0);
            self.stamp = 0;
        }
        self.stamp += 1;
        self.heap.clear();
        self.settled.clear();
    }

    /// Inserts client `i` (not in the network yet) along a shortest
    /// augmenting path: afterwards the assignment of the inserted clients is
    /// optimal again and the potentials certify it.
    pub(crate) fn insert(&mut self, i: usize) {
        let range = self.edge_start[i] as usize..self.edge_start[i + 1] as usize;
        // The new client has only outgoing arcs: any potential at least as
        // large as each `pi(head) − cost` keeps them non-negative; the largest
        // such bound makes the cheapest one tight.
        let mut potential = -self.unmatched_cost[i];
        let mut tight = NONE;
        for edge in range.clone() {
            let value = self.loc[self.arcs[edge].location as usize].pot - self.arcs[edge].cost();
            if value > potential {
                potential = value;
                tight = edge as u32;
            }
        }
        self.cli[i].pot = potential;
        self.inserted[i] = true;
        if tight == NONE {
            // Staying unplaced is a zero-length path: nothing moves.
            return;
        }
        let location = self.arcs[tight as usize].location as usize;
        if self.load[location] < self.capacity[location] && self.loc[location].pot == 0 {
            // A free place reached by a zero-length path.
            self.place_new(i, tight, location);
            return;
        }
        self.next_stamp();
        let stamp = self.stamp;
        self.cli[i].stamp = stamp;
        self.cli[i].dist = 0;
        self.heap.push(0, i as u32);
        // Staying unplaced is the first known exit.
        let mut best = self.unmatched_cost[i] + potential;
        let mut exit = ForwardExit::Unplaced(i as u32);
        while let Some((d, node)) = self.heap.pop() {
            let d = d as i64;
            if d >= best {
                break;
            }
            if node & LOCATION == 0 {
                let j = node as usize;
                if d > self.cli[j].dist {
                    continue;
                }
                self.settled.push(node);
                let pj = self.cli[j].pot;
                let own = self.client_edge[j];
                // Edges are sorted by cost and no location potential exceeds
                // `max_location_pot`, so once this bound reaches the best exit
                // no further edge can improve anything.
                let bound = d + pj - self.max_location_pot;
                for edge in self.edge_start[j] as usize..self.edge_start[j + 1] as usize {
                    if bound + self.arcs[edge].cost() >= best {
                        break;
                    }
                    if edge as u32 == own {
                        continue;
                    }
                    let l = self.arcs[edge].location as usize;
                    let pl = self.loc[l].pot;
                    let nd = d + self.arcs[edge].cost() + pj - pl;
                    if nd < best && (self.loc[l].stamp != stamp || nd < self.loc[l].dist) {
                        self.loc[l].stamp = stamp;
                        self.loc[l].dist = nd;
                        self.via_location_client[l] = node;
                        self.via_location_edge[l] = edge as u32;
                        // The search reads l's first place when l is settled.
                        let first = self.slot_start[l] as usize;
                        prefetch(&self.slots[first..]);
                        prefetch(&self.slot_cost[first..]);
                        self.heap.push(nd as u64, l as u32 | LOCATION);
                        // Exits are taken as soon as a path to them is known
                        // (not only when settled): a lower `best` earlier
                        // prunes more of the search, and D stays exact.
                        if self.load[l] < self.capacity[l] && nd + pl < best {
                            best = nd + pl;
                            exit = ForwardExit::FreePlace(l as u32);
                        }
                    }
                }
            } else {
                let l = (node & !LOCATION) as usize;
                if d > self.loc[l].dist {
                    continue;
                }
                self.settled.push(node);
                let pl = self.loc[l].pot;
                let first = self.slot_start[l] as usize;
                for slot in first..first + self.load[l] as usize {
                    let j = self.slots[slot] as usize;
                    let pj = self.cli[j].pot;
                    let nd = d - self.slot_cost[slot] + pl - pj;
                    if nd < best && (self.cli[j].stamp != stamp || nd < self.cli[j].dist) {
                        self.cli[j].stamp = stamp;
                        self.cli[j].dist = nd;
                        // A placed client is reached only from its location,
                        // so this is its final distance: its exit is known.
                        let leave = nd + self.unmatched_cost[j] + pj;
                        if leave < best {
                            best = leave;
                            exit = ForwardExit::Unplaced(j as u32);
                        }
                        // If even its cheapest other edge cannot beat the best
                        // exit, it is settled here, without queueing it or
                        // reading its edges (its potential still moves).
                        let row = self.edge_start[j] as usize..self.edge_start[j + 1] as usize;
                        let other = if self.client_edge[j] as usize == row.start { row.start + 1 } else { row.start };
                        let cheapest_move = match self.arcs[..row.end].get(other) {
                            Some(arc) => nd + arc.cost() + pj - self.max_location_pot,
                            None => i64::MAX,
                        };
                        if cheapest_move >= best {
                            self.settled.push(j as u32);
                        } else {
                            // Its edges are read when it is settled: start
                            // loading them now (they are rarely in cache).
                            prefetch(&self.arcs[row.start..]);
                            self.heap.push(nd as u64, j as u32);
                        }
                    }
                }
            }
        }
        // Potentials: pi(v) += min(dist(v), D) − D for every settled node; the
        // others keep theirs (a common shift by −D, which changes no reduced
        // cost). A client settled early may lie at or beyond D.
        for &node in &self.settled {
            if node & LOCATION == 0 {
                let j = node as usize;
                self.cli[j].pot += (self.cli[j].dist - best).min(0);
            } else {
                let l = (node & !LOCATION) as usize;
                self.loc[l].pot += self.loc[l].dist - best;
            }
        }
        self.augment_forward(i, exit);
    }

    /// Flips the assignment along the path found by [`Engine::insert`].
    fn augment_forward(&mut self, i: usize, exit: ForwardExit) {
        let (mut location, mut slot) = match exit {
            ForwardExit::Unplaced(j) if j as usize == i => return,
            ForwardExit::Unplaced(j) => {
                let j = j as usize;
                let location = self.arcs[self.client_edge[j] as usize].location as usize;
                let slot = self.client_slot[j];
                self.client_edge[j] = NONE;
                self.client_slot[j] = NONE;
                (location, slot)
            }
            ForwardExit::FreePlace(l) => {
                let l = l as usize;
                let slot = self.slot_start[l] + self.load[l];
                self.load[l] += 1;
                (l, slot)
            }
        };
        loop {
            let k = self.via_location_client[location] as usize;
            let edge = self.via_location_edge[location];
            let previous_edge = self.client_edge[k];
            let previous_slot = self.client_slot[k];
            self.slots[slot as usize] = k as u32;
            self.slot_cost[slot as usize] = self.arcs[edge as usize].cost();
            self.client_edge[k] = edge;
            self.client_slot[k] = slot;
            if k == i {
                return;
            }
            location = self.arcs[previous_edge as usize].location as usize;
            slot = previous_slot;
        }
    }

    /// Gives a client not in the network new costs: `unmatched_cost` and one
    /// cost per edge of its row, in the order of `locations_in_row`. The
    /// couples search reprices partners this way (Lagrange multipliers)
    /// without rebuilding the engine.
    pub(crate) fn reprice(&mut self, client: usize, unmatched_cost: i64, costs: &[(u32, i64)]) {
        debug_assert!(!self.inserted[client], "only a client outside the network is repriced");
        let row = self.edge_start[client] as usize..self.edge_start[client + 1] as usize;
        debug_assert_eq!(row.len(), costs.len(), "a repriced row keeps its edges");
        for (arc, &(location, cost)) in self.arcs[row.clone()].iter_mut().zip(costs) {
            *arc = Arc::new(cost, location);
        }
        self.arcs[row].sort_unstable_by_key(|arc| arc.cost());
        self.unmatched_cost[client] = unmatched_cost;
    }

    /// Takes `places` places of location `l` out of the network for good
    /// (the couples search gives them to a couple fixed there). When the
    /// location holds more clients than it has places left, the last ones
    /// leave the network and are pushed on `evicted`: insert them again.
    ///
    /// Optimality is kept for the clients still in the network: removing
    /// nodes and arcs leaves every remaining reduced cost as it was, and a
    /// location that stays full or keeps a free place keeps a valid price.
    /// The caller makes sure the location has `places` places.
    pub(crate) fn withdraw_places(&mut self, l: usize, places: u32, evicted: &mut Vec<u32>) {
        self.capacity[l] -= places;
        while self.load[l] > self.capacity[l] {
            let last = self.slots[(self.slot_start[l] + self.load[l] - 1) as usize];
            self.take_out(last as usize);
            self.inserted[last as usize] = false;
            evicted.push(last);
        }
    }

    /// Removes a placed client from its location (the last occupied place
    /// of the location moves into the freed one).
    fn take_out(&mut self, client: usize) {
        let m = self.arcs[self.client_edge[client] as usize].location as usize;
        let last = self.slot_start[m] + self.load[m] - 1;
        let slot = self.client_slot[client];
        let moved = self.slots[last as usize];
        self.slots[slot as usize] = moved;
        self.slot_cost[slot as usize] = self.slot_cost[last as usize];
        self.client_slot[moved as usize] = slot;
        self.slots[last as usize] = NONE;
        self.load[m] -= 1;
        self.client_edge[client] = NONE;
        self.client_slot[client] = NONE;
    }

    fn place_new(&mut self, client: usize, edge: u32, location: usize) {
        let slot = self.slot_start[location] + self.load[location];
        self.load[location] += 1;
        self.slots[slot as usize] = client as u32;
        self.slot_cost[slot as usize] = self.arcs[edge as usize].cost();
        self.client_edge[client] = edge;
        self.client_slot[client] = slot;
    }

    /// Appends a client with its edges (validated by the caller) and inserts it.
    pub(crate) fn add_client(&mut self, unmatched_cost: i64, edges: &[(u32, i64)]) -> usize {
        let client = self.clients();
        let row = self.arcs.len();
        for &(location, cost) in edges.iter().filter(|&&(_, cost)| cost < unmatched_cost) {
            self.arcs.push(Arc::new(cost, location));
        }
        self.arcs[row..].sort_unstable_by_key(|arc| arc.cost());
        if let Some(reverse) = &mut self.reverse {
            for (edge, arc) in self.arcs.iter().enumerate().skip(row) {
                reverse.added[arc.location as usize].push((client as u32, edge as u32));
            }
        }
        self.edge_start.push(self.arcs.len() as u32);
        self.unmatched_cost.push(unmatched_cost);
        self.client_edge.push(NONE);
        self.client_slot.push(NONE);
        self.inserted.push(false);
        self.cli.push(Label::default());
        self.via_client_edge.push(NONE);
        self.insert(client);
        client
    }

    /// Builds the location → clients index now rather than on the first
    /// `add_place`, so that no single change pays for it.
    pub(crate) fn prepare_for_places(&mut self) {
        if self.reverse.is_none() {
            self.reverse = Some(self.reverse_index());
        }
    }

    fn reverse_index(&self) -> ReverseIndex {
        let locations = self.locations();
        let mut start = vec![0u32; locations + 1];
        for arc in &self.arcs {
            start[arc.location as usize + 1] += 1;
        }
        for l in 0..locations {
            start[l + 1] += start[l];
        }
        let mut next = start[..locations].to_vec();
        let mut client = vec![0u32; self.arcs.len()];
        let mut edge = vec![0u32; self.arcs.len()];
        for j in 0..self.clients() {
            for e in self.edge_start[j]..self.edge_start[j + 1] {
                let at = &mut next[self.arcs[e as usize].location as usize];
                client[*at as usize] = j as u32;
                edge[*at as usize] = e;
                *at += 1;
            }
        }
        ReverseIndex { start, client, edge, added: vec![Vec::new(); locations] }
    }

    /// Gives location `l` one more place and restores optimality with one
    /// shortest path toward the new place (searched backwards from it).
    pub(crate) fn add_place(&mut self, l: usize) {
        // Open the new place at the end of l's slots.
        let at = self.slot_start[l + 1] as usize;
        self.slots.insert(at, NONE);
        self.slot_cost.insert(at, 0);
        for m in l + 1..self.locations() {
            let first = self.slot_start[m] as usize;
            for slot in first..first + self.load[m] as usize {
                self.client_slot[self.slots[slot + 1] as usize] += 1;
            }
        }
        for start in &mut self.slot_start[l + 1..] {
            *start += 1;
        }
        self.capacity[l] += 1;
        self.fill_hole(l);
    }

    /// Location `l` has a free place while its price is positive (the arc
    /// l → T has the negative reduced cost pi(l)): any cycle T ⇝ l → T shorter
    /// than −pi(l) is an improvement. One search of T ⇝ l, backwards from l and
    /// bounded by −pi(l), either fills the place along the best such cycle or
    /// proves there is none and lowers the price to zero.
    fn fill_hole(&mut self, l: usize) {
        while self.loc[l].pot < 0 && self.load[l] < self.capacity[l] {
            self.fill_one_place(l);
        }
    }

    fn fill_one_place(&mut self, l: usize) {
        let bound = -self.loc[l].pot;
        let reverse = match self.reverse.take() {
            Some(reverse) => reverse,
            None => self.reverse_index(),
        };
        self.next_stamp();
        let stamp = self.stamp;
        self.loc[l].stamp = stamp;
        self.loc[l].dist = 0;
        self.heap.push(0, l as u32 | LOCATION);
        let mut best = bound;
        let mut exit = None;
        while let Some((d, node)) = self.heap.pop() {
            let d = d as i64;
            if d >= best {
                break;
            }
            if node & LOCATION == 0 {
                let j = node as usize;
                if d > self.cli[j].dist {
                    continue;
                }
                self.settled.push(node);
                let pj = self.cli[j].pot;
                match self.client_edge[j] {
                    NONE => {
                        let enter = d - self.unmatched_cost[j] - pj;
                        if enter < best {
                            best = enter;
                            exit = Some(ReverseExit::Unplaced(node));
                        }
                    }
                    own => {
                        let m = self.arcs[own as usize].location as usize;
                        let pm = self.loc[m].pot;
                        let nd = d - self.arcs[own as usize].cost() + pm - pj;
                        if nd < best && (self.loc[m].stamp != stamp || nd < self.loc[m].dist) {
                            self.loc[m].stamp = stamp;
                            self.loc[m].dist = nd;
                            self.via_location_client[m] = node;
                            self.heap.push(nd as u64, m as u32 | LOCATION);
                            // Exits as soon as a path is known (see `insert`).
                            if nd - pm < best {
                                best = nd - pm;
                                exit = Some(ReverseExit::Location(m as u32));
                            }
                        }
                    }
                }
            } else {
                let m = (node & !LOCATION) as usize;
                if d > self.loc[m].dist {
                    continue;
                }
                self.settled.push(node);
                let pm = self.loc[m].pot;
                if self.load[m] > 0 && d - pm < best {
                    best = d - pm;
                    exit = Some(ReverseExit::Location(m as u32));
                }
                let built = reverse.start[m] as usize..reverse.start[m + 1] as usize;
                let incoming = reverse.client[built.clone()]
                    .iter()
                    .copied()
                    .zip(reverse.edge[built].iter().copied())
                    .chain(reverse.added[m].iter().copied());
                for (j, edge) in incoming {
                    let j = j as usize;
                    if self.client_edge[j] == edge || !self.inserted[j] {
                        continue;
                    }
                    let pj = self.cli[j].pot;
                    let nd = d + self.arcs[edge as usize].cost() + pj - pm;
                    if nd < best && (self.cli[j].stamp != stamp || nd < self.cli[j].dist) {
                        self.cli[j].stamp = stamp;
                        self.cli[j].dist = nd;
                        self.via_client_edge[j] = edge;
                        self.heap.push(nd as u64, j as u32);
                        if self.client_edge[j] == NONE && nd - self.unmatched_cost[j] - pj < best {
                            best = nd - self.unmatched_cost[j] - pj;
                            exit = Some(ReverseExit::Unplaced(j as u32));
                        }
                    }
                }
            }
        }
        self.reverse = Some(reverse);
        // pi(v) += D − dist(v) for settled nodes (others: a common shift).
        for &node in &self.settled {
            if node & LOCATION == 0 {
                let j = node as usize;
                self.cli[j].pot += best - self.cli[j].dist;
            } else {
                let m = (node & !LOCATION) as usize;
                self.loc[m].pot += best - self.loc[m].dist;
                self.max_location_pot = self.max_location_pot.max(self.loc[m].pot);
            }
        }
        if let Some(exit) = exit {
            self.augment_reverse(l, exit);
        }
    }

    /// Moves clients along the path T ⇝ l found by [`Engine::add_place`].
    fn augment_reverse(&mut self, l: usize, exit: ReverseExit) {
        let mut client = match exit {
            ReverseExit::Unplaced(j) => j as usize,
            ReverseExit::Location(m) => {
                let m = m as usize;
                let leaving = self.via_location_client[m] as usize;
                self.take_out(leaving);
                leaving
            }
        };
        loop {
            let edge = self.via_client_edge[client];
            let target = self.arcs[edge as usize].location as usize;
            if target == l {
                self.place_new(client, edge, l);
                return;
            }
            let next = self.via_location_client[target] as usize;
            let slot = self.client_slot[next];
            self.slots[slot as usize] = client as u32;
            self.slot_cost[slot as usize] = self.arcs[edge as usize].cost();
            self.client_slot[client] = slot;
            self.client_edge[client] = edge;
            client = next;
        }
    }

    /// Checks that the potentials certify optimality (every residual arc has a
    /// non-negative reduced cost) and that the places agree with the clients.
    /// Used by the tests.
    #[cfg(test)]
    pub(crate) fn potentials_certify(&self) -> bool {
        let locations_ok = (0..self.locations()).all(|l| {
            let p = self.loc[l].pot;
            (self.load[l] == self.capacity[l] || p >= 0) && (self.load[l] == 0 || p <= 0)
        });
        let clients_ok = (0..self.clients()).filter(|&j| self.inserted[j]).all(|j| {
            let pj = self.cli[j].pot;
            let own = self.client_edge[j];
            let sink_ok = if own == NONE {
                -self.unmatched_cost[j] - pj >= 0
            } else {
                let m = self.arcs[own as usize].location as usize;
                self.unmatched_cost[j] + pj >= 0 && -self.arcs[own as usize].cost() + self.loc[m].pot - pj >= 0
            };
            sink_ok
                && (self.edge_start[j]..self.edge_start[j + 1]).filter(|&e| e != own).all(|e| {
                    let m = self.arcs[e as usize].location as usize;
                    self.arcs[e as usize].cost() + pj - self.loc[m].pot >= 0
                })
        });
        let slots_ok = (0..self.locations()).all(|l| {
            let first = self.slot_start[l] as usize;
            (first..first + self.load[l] as usize).all(|slot| {
                let j = self.slots[slot] as usize;
                let edge = self.client_edge[j] as usize;
                self.client_slot[j] as usize == slot
                    && self.arcs[edge].location as usize == l
                    && self.slot_cost[slot] == self.arcs[edge].cost()
            })
        });
        locations_ok && clients_ok && slots_ok
    }
}

/// Asks the processor to start loading the cache line holding the first
/// item of `items`. The searches are bound by memory latency (a client's
/// edges and a location's places sit at random addresses); a line requested
/// when a node is queued has often arrived by the time the node is settled
/// (a few per cent on the stress instance). Only a hint: it changes no
/// result, and on other architectures it does nothing.
#[inline(always)]
fn prefetch<T>(items: &[T]) {
    #[cfg(target_arch = "x86_64")]
    if !items.is_empty() {
        // SAFETY: `_mm_prefetch` only hints the cache and never faults; the
        // pointer is the start of a live slice. SSE is part of the x86_64
        // baseline.
        unsafe { std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(items.as_ptr().cast::<i8>()) };
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = items;
}
