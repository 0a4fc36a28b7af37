//! The solver against exhaustive enumeration on small random problems.

use passend_match::{AssignmentProblem, Edge, Planner, solve};
use proptest::prelude::*;

/// The optimum by trying every choice (unplaced or one of its edges) per client.
fn brute_force(unmatched: &[i64], capacity: &[u32], options: &[Vec<(u32, i64)>]) -> i64 {
    fn go(client: usize, unmatched: &[i64], options: &[Vec<(u32, i64)>], left: &mut [u32]) -> i64 {
        if client == unmatched.len() {
            return 0;
        }
        let mut best = unmatched[client] + go(client + 1, unmatched, options, left);
        for &(location, cost) in &options[client] {
            if left[location as usize] > 0 {
                left[location as usize] -= 1;
                best = best.min(cost + go(client + 1, unmatched, options, left));
                left[location as usize] += 1;
            }
        }
        best
    }
    go(0, unmatched, options, &mut capacity.to_vec())
}

type Instance = (Vec<i64>, Vec<u32>, Vec<Vec<(u32, i64)>>);

fn instance() -> impl Strategy<Value = Instance> {
    (1usize..=3, 1usize..=7).prop_flat_map(|(locations, clients)| {
        let capacity = prop::collection::vec(0u32..=2, locations);
        let unmatched = prop::collection::vec(0i64..60, clients);
        let options = prop::collection::vec(
            prop::collection::vec(prop::option::of(0i64..60), locations).prop_map(|costs| {
                costs
                    .into_iter()
                    .enumerate()
                    .filter_map(|(location, cost)| cost.map(|cost| (location as u32, cost)))
                    .collect::<Vec<_>>()
            }),
            clients,
        );
        (unmatched, capacity, options)
    })
}

fn problem_of(unmatched: &[i64], capacity: &[u32], options: &[Vec<(u32, i64)>]) -> AssignmentProblem {
    let edges: Vec<Edge> = options
        .iter()
        .enumerate()
        .flat_map(|(client, options)| {
            options.iter().map(move |&(location, cost)| Edge { client: client as u32, location, cost })
        })
        .collect();
    AssignmentProblem::new(unmatched.to_vec(), capacity.to_vec(), &edges).expect("valid problem")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn the_solver_finds_the_brute_force_optimum((unmatched, capacity, options) in instance()) {
        let problem = problem_of(&unmatched, &capacity, &options);
        let assignment = solve(&problem);
        prop_assert_eq!(assignment.verify(&problem), Ok(()));
        prop_assert_eq!(assignment.cost, brute_force(&unmatched, &capacity, &options));
    }

    #[test]
    fn incremental_changes_keep_the_brute_force_optimum(
        (mut unmatched, mut capacity, mut options) in instance(),
        changes in prop::collection::vec((any::<bool>(), 0u32..3, 0i64..60, prop::collection::vec(prop::option::of(0i64..60), 3)), 1..5),
    ) {
        let mut planner = Planner::new(&problem_of(&unmatched, &capacity, &options));
        for (is_place, location, unmatched_cost, costs) in changes {
            if is_place || unmatched.len() >= 8 {
                let location = location % capacity.len() as u32;
                planner.add_place(location).expect("known location");
                capacity[location as usize] += 1;
            } else {
                let edges: Vec<(u32, i64)> = costs
                    .into_iter()
                    .take(capacity.len())
                    .enumerate()
                    .filter_map(|(location, cost)| cost.map(|cost| (location as u32, cost)))
                    .collect();
                let id = planner.add_client(unmatched_cost, &edges).expect("valid client");
                prop_assert_eq!(id, unmatched.len());
                unmatched.push(unmatched_cost);
                options.push(edges);
            }
            let problem = problem_of(&unmatched, &capacity, &options);
            let assignment = planner.assignment();
            prop_assert_eq!(assignment.verify(&problem), Ok(()));
            prop_assert_eq!(assignment.cost, brute_force(&unmatched, &capacity, &options));
        }
    }
}
