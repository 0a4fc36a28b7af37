//! The benchmark instances of the repository (benches/matching), whose optima
//! every reference solver agrees on.

use std::path::{Path, PathBuf};

use passend_match::{AssignmentProblem, Edge, Planner, solve};

fn instance_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../benches/matching/instances").join(name)
}

/// The integer columns `columns` of every data row of a CSV file.
fn read_columns(path: &Path, columns: &[usize]) -> Vec<Vec<i64>> {
    let text = std::fs::read_to_string(path).expect("instance file readable");
    text.lines()
        .skip(1)
        .filter(|line| !line.is_empty())
        .map(|line| {
            let fields: Vec<&str> = line.split(',').collect();
            columns.iter().map(|&column| fields[column].parse().expect("integer field")).collect()
        })
        .collect()
}

fn load(name: &str) -> (AssignmentProblem, i64) {
    let dir = instance_dir(name);
    let unmatched = read_columns(&dir.join("clients.csv"), &[14]).into_iter().map(|row| row[0]).collect();
    let capacity = read_columns(&dir.join("locations.csv"), &[7]).into_iter().map(|row| row[0] as u32).collect();
    let edges: Vec<Edge> = read_columns(&dir.join("edges.csv"), &[0, 1, 2])
        .into_iter()
        .map(|row| Edge { client: row[0] as u32, location: row[1] as u32, cost: row[2] })
        .collect();
    let meta = std::fs::read_to_string(dir.join("meta.json")).expect("meta.json readable");
    let optimum = meta
        .lines()
        .find_map(|line| line.trim().strip_prefix("\"optimum_cost\":"))
        .map(|value| value.trim().trim_end_matches(',').parse().expect("optimum is an integer"))
        .expect("meta.json has optimum_cost");
    (AssignmentProblem::new(unmatched, capacity, &edges).expect("valid instance"), optimum)
}

#[test]
fn the_small_instance_reaches_the_known_optimum() {
    let (problem, optimum) = load("small");
    assert_eq!(optimum, 9_048_796);
    let assignment = solve(&problem);
    assignment.verify(&problem).expect("feasible and correctly costed");
    assert_eq!(assignment.cost, 9_048_796);
    assert_eq!(assignment.matched, 280);
}

#[test]
fn the_national_instance_reaches_the_known_optimum() {
    let (problem, optimum) = load("national");
    assert_eq!(optimum, 246_451_328);
    let assignment = solve(&problem);
    assignment.verify(&problem).expect("feasible and correctly costed");
    assert_eq!(assignment.cost, 246_451_328);
    assert_eq!(assignment.matched, 4950);
}

#[test]
fn incremental_changes_on_the_small_instance_match_a_full_solve() {
    let (problem, _) = load("small");
    let mut planner = Planner::new(&problem);
    let mut unmatched: Vec<i64> = (0..problem.clients()).map(|client| problem.unmatched_cost(client)).collect();
    let mut capacity: Vec<u32> = (0..problem.locations()).map(|location| problem.capacity(location)).collect();
    let mut edges: Vec<Edge> = (0..problem.clients())
        .flat_map(|client| {
            problem.edges_of(client).map(move |(location, cost)| Edge { client: client as u32, location, cost })
        })
        .collect();
    // Free places at locations that are in demand, and a few new clients that
    // want the busiest ones.
    for step in 0..12u32 {
        let location = (step * 37 + 5) % capacity.len() as u32;
        planner.add_place(location).expect("known location");
        capacity[location as usize] += 1;
        let client = unmatched.len() as u32;
        let wanted = [(location, 500 + i64::from(step) * 300), ((location + 1) % capacity.len() as u32, 900)];
        planner.add_client(40_000, &wanted).expect("valid client");
        unmatched.push(40_000);
        edges.extend(wanted.iter().map(|&(location, cost)| Edge { client, location, cost }));
        let updated = AssignmentProblem::new(unmatched.clone(), capacity.clone(), &edges).expect("valid");
        let assignment = planner.assignment();
        assignment.verify(&updated).expect("feasible");
        assert_eq!(assignment.cost, solve(&updated).cost, "after step {step}");
    }
}
