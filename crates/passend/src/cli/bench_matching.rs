//! `passend bench matching DIR [--json]`: the exact assignment solver of
//! `passend-match` on one instance of the matching benchmark
//! (`benches/matching/`: `clients.csv`, `locations.csv`, `edges.csv`,
//! optionally `meta.json` with the known `optimum_cost` and
//! `optimum_cost_with_couples_together`).
//!
//! Three measurements, each re-checked:
//! - the min-cost flow, timed like the reference solvers of
//!   `benches/matching/bench.py`: file parsing is excluded; `build_s` is
//!   building the solver's problem (validation and per-client edge rows) from
//!   the parsed records, `solve_s` the solve. The assignment is verified and
//!   its cost compared with `optimum_cost`;
//! - couples together (*partneropname*, the `couple_id` column):
//!   `couples_s` times the branch and bound over split couples, whose cost
//!   is compared with `optimum_cost_with_couples_together` when exact;
//! - the incremental planner: after the solve, [`UPDATES`] changes one at a
//!   time (a place more at a location, a client arriving again with the
//!   edges of an existing one); `incremental_p99_ms` is the 99th percentile
//!   of one change, and the final cost is checked against a full re-solve.
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context as _, bail};
use clap::Args;
use passend_match::{AssignmentProblem, CouplesConfig, Edge, Planner, solve, solve_with_couples};
use serde::Serialize;

#[derive(Debug, Args)]
pub struct MatchingBenchArgs {
    /// The instance directory (clients.csv, locations.csv, edges.csv, meta.json).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Print exactly one JSON object {instance, cost, matched, build_s,
    /// solve_s, couples_cost, couples_s, couples_exact, …}.
    #[arg(long)]
    pub json: bool,
    /// Only the min-cost flow (no couples search, no incremental changes):
    /// what `benches/matching/compare.py` times against OR-Tools.
    #[arg(long)]
    pub flow_only: bool,
}

/// The flow measurement alone, as `--flow-only --json` prints it.
#[derive(Debug, Serialize)]
struct FlowResult {
    instance: String,
    cost: i64,
    matched: usize,
    build_s: f64,
    solve_s: f64,
}

/// Changes applied one at a time to the planner after the solve.
const UPDATES: usize = 1_000;

#[derive(Debug, Serialize)]
struct MatchingResult {
    instance: String,
    /// The min-cost flow optimum (couples may be split).
    cost: i64,
    matched: usize,
    build_s: f64,
    solve_s: f64,
    /// Couples the flow optimum splits.
    flow_splits: usize,
    /// The best assignment with couples together, and the proven lower bound.
    couples_cost: i64,
    couples_bound: i64,
    couples_exact: bool,
    couples_nodes: usize,
    couples_s: f64,
    incremental_updates: usize,
    incremental_p99_ms: f64,
    incremental_max_ms: f64,
}

pub fn run(args: &MatchingBenchArgs) -> anyhow::Result<()> {
    let dir = &args.dir;
    let unmatched = read_column(&dir.join("clients.csv"), "client_id", "unmatched_cost")?;
    let couples = read_couples(&dir.join("clients.csv"))?;
    let capacity = read_column(&dir.join("locations.csv"), "loc_id", "free_places")?
        .into_iter()
        .enumerate()
        .map(|(location, free)| {
            u32::try_from(free).with_context(|| format!("locations.csv: location {location} has {free} free places"))
        })
        .collect::<anyhow::Result<Vec<u32>>>()?;
    let edges = read_edges(&dir.join("edges.csv"))?;
    let optimum = read_meta_integer(&dir.join("meta.json"), "optimum_cost")?;
    let couples_optimum = read_meta_integer(&dir.join("meta.json"), "optimum_cost_with_couples_together")?;

    let started = Instant::now();
    let problem = AssignmentProblem::new(unmatched, capacity, &edges)
        .with_context(|| format!("{}: not a valid instance", dir.display()))?;
    let build_s = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let assignment = solve(&problem);
    let solve_s = started.elapsed().as_secs_f64();
    assignment.verify(&problem).context("the solver returned an assignment that does not fit the instance")?;
    if args.flow_only {
        let flow = FlowResult {
            instance: instance_name(dir),
            cost: assignment.cost,
            matched: assignment.matched,
            build_s,
            solve_s,
        };
        if args.json {
            println!("{}", serde_json::to_string(&flow)?);
        } else {
            println!("instance  {}", flow.instance);
            println!("cost      {}", flow.cost);
            println!("matched   {}", flow.matched);
            println!("build_s   {:.6}", flow.build_s);
            println!("solve_s   {:.6}", flow.solve_s);
        }
        return match optimum {
            Some(optimum) if optimum != flow.cost => {
                bail!("the cost {} differs from optimum_cost {optimum} in meta.json", flow.cost)
            }
            _ => Ok(()),
        };
    }

    let started = Instant::now();
    let coupled = solve_with_couples(&problem, &couples, &CouplesConfig::default())
        .context("clients.csv: the couples do not fit the instance")?;
    let couples_s = started.elapsed().as_secs_f64();
    coupled
        .assignment
        .verify_couples(&problem, &couples)
        .context("the couples search returned an assignment that does not keep couples together")?;
    if coupled.flow_bound != assignment.cost {
        bail!("the couples search starts from cost {}, the solve found {}", coupled.flow_bound, assignment.cost);
    }

    let incremental = measure_incremental(&problem)?;

    let result = MatchingResult {
        instance: instance_name(dir),
        cost: assignment.cost,
        matched: assignment.matched,
        build_s,
        solve_s,
        flow_splits: coupled.flow_splits,
        couples_cost: coupled.assignment.cost,
        couples_bound: coupled.lower_bound,
        couples_exact: coupled.exact,
        couples_nodes: coupled.nodes,
        couples_s,
        incremental_updates: UPDATES,
        incremental_p99_ms: incremental.p99_ms,
        incremental_max_ms: incremental.max_ms,
    };
    let verdict = match optimum {
        Some(optimum) if optimum == result.cost => format!("equals optimum_cost {optimum} of meta.json"),
        Some(optimum) => format!("DIFFERS from optimum_cost {optimum} of meta.json"),
        None => "no optimum_cost in meta.json to compare with".to_string(),
    };
    let exactness = if result.couples_exact {
        "exact".to_string()
    } else {
        format!("gap {} above the lower bound {}", result.couples_cost - result.couples_bound, result.couples_bound)
    };
    let couples_verdict = match couples_optimum {
        Some(known) if known == result.couples_cost => {
            format!("{exactness}; equals optimum_cost_with_couples_together {known} of meta.json")
        }
        Some(known) => format!("{exactness}; DIFFERS from optimum_cost_with_couples_together {known} of meta.json"),
        None => format!("{exactness}; no optimum_cost_with_couples_together in meta.json"),
    };
    if args.json {
        println!("{}", serde_json::to_string(&result)?);
        eprintln!("cost {}: {verdict}", result.cost);
        eprintln!("couples_cost {}: {couples_verdict}", result.couples_cost);
    } else {
        println!("instance            {}", result.instance);
        println!("cost                {} ({verdict})", result.cost);
        println!("matched             {}", result.matched);
        println!("build_s             {:.6}", result.build_s);
        println!("solve_s             {:.6}", result.solve_s);
        println!("couples             {} of {} split by the flow", result.flow_splits, couples.len());
        println!("couples_cost        {} ({couples_verdict})", result.couples_cost);
        println!("couples_gap_to_flow {}", result.couples_cost - result.cost);
        println!("couples_nodes       {}", result.couples_nodes);
        println!("couples_s           {:.6}", result.couples_s);
        println!(
            "incremental_p99_ms  {:.4} (of {UPDATES} changes, max {:.4})",
            result.incremental_p99_ms, result.incremental_max_ms
        );
    }
    if let Some(optimum) = optimum
        && optimum != result.cost
    {
        bail!("the cost {} differs from optimum_cost {optimum} in meta.json", result.cost);
    }
    if let Some(known) = couples_optimum {
        let contradicts = if result.couples_exact {
            known != result.couples_cost
        } else {
            known < result.couples_bound || known > result.couples_cost
        };
        if contradicts {
            bail!(
                "couples together: cost {} (lower bound {}) contradicts optimum_cost_with_couples_together {known} in meta.json",
                result.couples_cost,
                result.couples_bound
            );
        }
    }
    Ok(())
}

struct IncrementalTimes {
    p99_ms: f64,
    max_ms: f64,
}

/// Applies [`UPDATES`] changes to a planner started from `problem`, timing
/// each: even steps give a location with free places one place more, odd
/// steps let an existing client arrive again (its unmatched cost and edges).
/// Both are spread over the instance by fixed strides, so runs repeat
/// exactly. The planner's final cost must equal a full solve of the
/// changed instance.
fn measure_incremental(problem: &AssignmentProblem) -> anyhow::Result<IncrementalTimes> {
    let with_places: Vec<u32> =
        (0..problem.locations() as u32).filter(|&location| problem.capacity(location as usize) > 0).collect();
    let mut planner = Planner::new(problem);
    let mut unmatched: Vec<i64> = (0..problem.clients()).map(|client| problem.unmatched_cost(client)).collect();
    let mut capacity: Vec<u32> = (0..problem.locations()).map(|location| problem.capacity(location)).collect();
    let mut edges: Vec<Edge> = (0..problem.clients())
        .flat_map(|client| {
            problem.edges_of(client).map(move |(location, cost)| Edge { client: client as u32, location, cost })
        })
        .collect();
    let mut times = Vec::with_capacity(UPDATES);
    for step in 0..UPDATES {
        let stride = step / 2;
        if step % 2 == 0 && !with_places.is_empty() {
            let location = with_places[stride * 7_919 % with_places.len()];
            let started = Instant::now();
            planner.add_place(location)?;
            times.push(started.elapsed().as_secs_f64());
            capacity[location as usize] += 1;
        } else if problem.clients() > 0 {
            let again = stride * 104_729 % problem.clients();
            let row: Vec<(u32, i64)> = problem.edges_of(again).collect();
            let started = Instant::now();
            let client = planner.add_client(problem.unmatched_cost(again), &row)?;
            times.push(started.elapsed().as_secs_f64());
            unmatched.push(problem.unmatched_cost(again));
            edges.extend(row.iter().map(|&(location, cost)| Edge { client: client as u32, location, cost }));
        }
    }
    let changed = AssignmentProblem::new(unmatched, capacity, &edges).context("the changed instance is not valid")?;
    let resolved = solve(&changed).cost;
    let planned = planner.assignment();
    planned.verify(&changed).context("the planner's assignment does not fit the changed instance")?;
    if planned.cost != resolved {
        bail!("after {UPDATES} changes the planner has cost {}, a full solve {resolved}", planned.cost);
    }
    times.sort_by(f64::total_cmp);
    let at = |quantile: f64| {
        let index = ((times.len() as f64 * quantile).ceil() as usize).clamp(1, times.len().max(1)) - 1;
        times.get(index).map_or(0.0, |seconds| seconds * 1e3)
    };
    Ok(IncrementalTimes { p99_ms: at(0.99), max_ms: at(1.0) })
}

fn instance_name(dir: &Path) -> String {
    let canonical = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    canonical.file_name().map_or_else(|| dir.display().to_string(), |name| name.to_string_lossy().into_owned())
}

/// One CSV file: its name for messages, its header, and its data lines
/// numbered from 2 (the header is line 1).
struct CsvFile {
    name: String,
    header: Vec<String>,
    text: String,
}

impl CsvFile {
    fn open(path: &Path) -> anyhow::Result<Self> {
        let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
        let name = path.file_name().map_or_else(|| path.display().to_string(), |name| name.to_string_lossy().into());
        let header = text.lines().next().with_context(|| format!("{name}: the file is empty (no header line)"))?;
        let header = header.trim_end_matches('\r').split(',').map(str::to_string).collect();
        Ok(Self { name, header, text })
    }

    fn column(&self, wanted: &str) -> anyhow::Result<usize> {
        self.header
            .iter()
            .position(|column| column == wanted)
            .with_context(|| format!("{}: the header has no column `{wanted}`", self.name))
    }

    /// Data lines with their line numbers, skipping empty lines.
    fn rows(&self) -> impl Iterator<Item = (usize, Vec<&str>)> {
        self.text
            .lines()
            .enumerate()
            .skip(1)
            .map(|(index, line)| (index + 1, line.trim_end_matches('\r')))
            .filter(|(_, line)| !line.is_empty())
            .map(|(number, line)| (number, line.split(',').collect()))
    }

    fn integer(&self, line: usize, fields: &[&str], column: usize) -> anyhow::Result<i64> {
        let name = &self.header[column];
        let Some(field) = fields.get(column) else {
            bail!("{} line {line}: column `{name}` is missing (the line has {} fields)", self.name, fields.len());
        };
        field
            .trim()
            .parse()
            .map_err(|_| anyhow::anyhow!("{} line {line}, column `{name}`: {field:?} is not an integer", self.name))
    }
}

/// The `value` column of a file whose rows are dense ids 0, 1, 2, … in `id`.
fn read_column(path: &Path, id: &str, value: &str) -> anyhow::Result<Vec<i64>> {
    let file = CsvFile::open(path)?;
    let id_column = file.column(id)?;
    let value_column = file.column(value)?;
    let mut values = Vec::new();
    for (line, fields) in file.rows() {
        let found = file.integer(line, &fields, id_column)?;
        if found != values.len() as i64 {
            bail!(
                "{} line {line}, column `{id}`: expected id {} (ids are dense, in order), found {found}",
                file.name,
                values.len()
            );
        }
        values.push(file.integer(line, &fields, value_column)?);
    }
    Ok(values)
}

fn read_edges(path: &Path) -> anyhow::Result<Vec<Edge>> {
    let file = CsvFile::open(path)?;
    let client = file.column("client_id")?;
    let location = file.column("loc_id")?;
    let cost = file.column("cost")?;
    let id = |line: usize, fields: &[&str], column: usize| -> anyhow::Result<u32> {
        let value = file.integer(line, fields, column)?;
        u32::try_from(value).map_err(|_| {
            anyhow::anyhow!("{} line {line}, column `{}`: {value} is not an id", file.name, file.header[column])
        })
    };
    file.rows()
        .map(|(line, fields)| {
            Ok(Edge {
                client: id(line, &fields, client)?,
                location: id(line, &fields, location)?,
                cost: file.integer(line, &fields, cost)?,
            })
        })
        .collect()
}

/// The couples of `clients.csv`: the two clients sharing each `couple_id`
/// (−1: none). A file without the column has no couples.
fn read_couples(path: &Path) -> anyhow::Result<Vec<(u32, u32)>> {
    let file = CsvFile::open(path)?;
    let Ok(couple_column) = file.column("couple_id") else { return Ok(Vec::new()) };
    let mut partners: std::collections::BTreeMap<i64, Vec<(usize, u32)>> = std::collections::BTreeMap::new();
    for (client, (line, fields)) in file.rows().enumerate() {
        let couple = file.integer(line, &fields, couple_column)?;
        if couple >= 0 {
            partners.entry(couple).or_default().push((line, client as u32));
        }
    }
    partners
        .into_iter()
        .map(|(couple, members)| match members[..] {
            [(_, first), (_, second)] => Ok((first, second)),
            _ => {
                let lines: Vec<String> = members.iter().map(|(line, _)| line.to_string()).collect();
                bail!(
                    "{} lines {}: couple_id {couple} names {} clients, a couple is two",
                    file.name,
                    lines.join(", "),
                    members.len()
                )
            }
        })
        .collect()
}

/// An integer field of meta.json, when the file and the field exist.
fn read_meta_integer(path: &Path, field: &str) -> anyhow::Result<Option<i64>> {
    if !path.exists() {
        return Ok(None);
    }
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let meta: serde_json::Value =
        serde_json::from_str(&text).with_context(|| format!("{}: not valid JSON", path.display()))?;
    match meta.get(field) {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(value) => {
            value.as_i64().map(Some).with_context(|| format!("{}: {field} {value} is not an integer", path.display()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) {
        std::fs::write(dir.join(name), text).expect("writable temporary directory");
    }

    fn tiny_instance(edges: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temporary directory");
        write(dir.path(), "clients.csv", "client_id,unmatched_cost\n0,100\n1,50\n");
        write(dir.path(), "locations.csv", "loc_id,free_places\n0,1\n");
        write(dir.path(), "edges.csv", edges);
        write(dir.path(), "meta.json", "{\"optimum_cost\": 60}");
        dir
    }

    #[test]
    fn a_tiny_instance_is_solved_and_compared_with_its_optimum() {
        let dir = tiny_instance("client_id,loc_id,cost\n0,0,10\n1,0,20\n");
        let args = MatchingBenchArgs { dir: dir.path().to_path_buf(), json: true, flow_only: false };
        run(&args).expect("cost 10 + 50 equals the optimum 60");
        let flow_only = MatchingBenchArgs { flow_only: true, ..args };
        run(&flow_only).expect("the flow alone is checked against the optimum too");
        write(dir.path(), "meta.json", "{\"optimum_cost\": 55}");
        let error = run(&flow_only).expect_err("60 is not 55");
        assert!(error.to_string().contains("differs from optimum_cost 55"), "{error}");
    }

    /// Partners 0 and 1 share couple 7; the flow puts one at location 0 next
    /// to single client 2 and the other at location 1 (cost 45). Together
    /// they go to location 1 (40 + 30 + 5).
    fn couple_instance(couples_optimum: i64) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temporary directory");
        write(dir.path(), "clients.csv", "client_id,couple_id,unmatched_cost\n0,7,100\n1,7,100\n2,-1,100\n");
        write(dir.path(), "locations.csv", "loc_id,free_places\n0,2\n1,2\n");
        write(dir.path(), "edges.csv", "client_id,loc_id,cost\n0,0,10\n0,1,40\n1,0,10\n1,1,30\n2,0,5\n");
        let meta = format!("{{\"optimum_cost\": 45, \"optimum_cost_with_couples_together\": {couples_optimum}}}");
        write(dir.path(), "meta.json", &meta);
        dir
    }

    #[test]
    fn couples_are_kept_together_and_compared_with_their_optimum() {
        let dir = couple_instance(75);
        run(&MatchingBenchArgs { dir: dir.path().to_path_buf(), json: false, flow_only: false })
            .expect("couples optimum 75");
        let wrong = couple_instance(70);
        let error = run(&MatchingBenchArgs { dir: wrong.path().to_path_buf(), json: true, flow_only: false })
            .expect_err("75 is not 70");
        assert!(error.to_string().contains("contradicts optimum_cost_with_couples_together 70"), "{error}");
    }

    #[test]
    fn a_couple_of_three_is_refused_with_its_lines() {
        let dir = couple_instance(75);
        write(dir.path(), "clients.csv", "client_id,couple_id,unmatched_cost\n0,7,100\n1,7,100\n2,7,100\n");
        let error = run(&MatchingBenchArgs { dir: dir.path().to_path_buf(), json: true, flow_only: false })
            .expect_err("three partners");
        assert_eq!(error.to_string(), "clients.csv lines 2, 3, 4: couple_id 7 names 3 clients, a couple is two");
    }

    #[test]
    fn a_bad_field_is_named_by_file_line_and_column() {
        let dir = tiny_instance("client_id,loc_id,cost\n0,0,10\n1,0,twenty\n");
        let error = run(&MatchingBenchArgs { dir: dir.path().to_path_buf(), json: false, flow_only: false })
            .expect_err("bad field");
        assert_eq!(error.to_string(), "edges.csv line 3, column `cost`: \"twenty\" is not an integer");
    }

    #[test]
    fn a_wrong_optimum_is_an_error() {
        let dir = tiny_instance("client_id,loc_id,cost\n0,0,30\n1,0,20\n");
        let error = run(&MatchingBenchArgs { dir: dir.path().to_path_buf(), json: true, flow_only: false })
            .expect_err("cost 80");
        assert!(error.to_string().contains("differs from optimum_cost 60"), "{error}");
    }

    #[test]
    fn the_repository_small_instance_reaches_its_optimum() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../benches/matching/instances/small");
        run(&MatchingBenchArgs { dir, json: true, flow_only: false }).expect("small instance solved to its optimum");
    }
}
