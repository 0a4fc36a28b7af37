//! `passend bench matching DIR [--json]`: the exact assignment solver of
//! `passend-match` on one instance of the matching benchmark
//! (`benches/matching/`: `clients.csv`, `locations.csv`, `edges.csv`,
//! optionally `meta.json` with the known `optimum_cost`).
//!
//! Timed like the reference solvers of `benches/matching/bench.py`: file
//! parsing is excluded; `build_s` is building the solver's problem (validation
//! and per-client edge rows) from the parsed records, `solve_s` the solve.
//! The assignment is then re-checked against the problem, and its cost
//! compared with `optimum_cost` when the instance has one.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context as _, bail};
use clap::Args;
use passend_match::{AssignmentProblem, Edge, solve};
use serde::Serialize;

#[derive(Debug, Args)]
pub struct MatchingBenchArgs {
    /// The instance directory (clients.csv, locations.csv, edges.csv, meta.json).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Print exactly one JSON object {instance, cost, matched, build_s, solve_s}.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Serialize)]
struct MatchingResult {
    instance: String,
    cost: i64,
    matched: usize,
    build_s: f64,
    solve_s: f64,
}

pub fn run(args: &MatchingBenchArgs) -> anyhow::Result<()> {
    let dir = &args.dir;
    let unmatched = read_column(&dir.join("clients.csv"), "client_id", "unmatched_cost")?;
    let capacity = read_column(&dir.join("locations.csv"), "loc_id", "free_places")?
        .into_iter()
        .enumerate()
        .map(|(location, free)| {
            u32::try_from(free).with_context(|| format!("locations.csv: location {location} has {free} free places"))
        })
        .collect::<anyhow::Result<Vec<u32>>>()?;
    let edges = read_edges(&dir.join("edges.csv"))?;
    let optimum = read_optimum(&dir.join("meta.json"))?;

    let started = Instant::now();
    let problem = AssignmentProblem::new(unmatched, capacity, &edges)
        .with_context(|| format!("{}: not a valid instance", dir.display()))?;
    let build_s = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let assignment = solve(&problem);
    let solve_s = started.elapsed().as_secs_f64();
    assignment.verify(&problem).context("the solver returned an assignment that does not fit the instance")?;

    let result = MatchingResult {
        instance: instance_name(dir),
        cost: assignment.cost,
        matched: assignment.matched,
        build_s,
        solve_s,
    };
    let verdict = match optimum {
        Some(optimum) if optimum == result.cost => format!("equals optimum_cost {optimum} of meta.json"),
        Some(optimum) => format!("DIFFERS from optimum_cost {optimum} of meta.json"),
        None => "no optimum_cost in meta.json to compare with".to_string(),
    };
    if args.json {
        println!("{}", serde_json::to_string(&result)?);
        eprintln!("cost {}: {verdict}", result.cost);
    } else {
        println!("instance  {}", result.instance);
        println!("cost      {} ({verdict})", result.cost);
        println!("matched   {}", result.matched);
        println!("build_s   {:.6}", result.build_s);
        println!("solve_s   {:.6}", result.solve_s);
    }
    if let Some(optimum) = optimum
        && optimum != result.cost
    {
        bail!("the cost {} differs from optimum_cost {optimum} in meta.json", result.cost);
    }
    Ok(())
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

/// `optimum_cost` of meta.json, when the file and the field exist.
fn read_optimum(path: &Path) -> anyhow::Result<Option<i64>> {
    if !path.exists() {
        return Ok(None);
    }
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let meta: serde_json::Value =
        serde_json::from_str(&text).with_context(|| format!("{}: not valid JSON", path.display()))?;
    match meta.get("optimum_cost") {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(value) => value
            .as_i64()
            .map(Some)
            .with_context(|| format!("{}: optimum_cost {value} is not an integer", path.display())),
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
        let args = MatchingBenchArgs { dir: dir.path().to_path_buf(), json: true };
        run(&args).expect("cost 10 + 50 equals the optimum 60");
    }

    #[test]
    fn a_bad_field_is_named_by_file_line_and_column() {
        let dir = tiny_instance("client_id,loc_id,cost\n0,0,10\n1,0,twenty\n");
        let error = run(&MatchingBenchArgs { dir: dir.path().to_path_buf(), json: false }).expect_err("bad field");
        assert_eq!(error.to_string(), "edges.csv line 3, column `cost`: \"twenty\" is not an integer");
    }

    #[test]
    fn a_wrong_optimum_is_an_error() {
        let dir = tiny_instance("client_id,loc_id,cost\n0,0,30\n1,0,20\n");
        let error = run(&MatchingBenchArgs { dir: dir.path().to_path_buf(), json: true }).expect_err("cost 80");
        assert!(error.to_string().contains("differs from optimum_cost 60"), "{error}");
    }

    #[test]
    fn the_repository_small_instance_reaches_its_optimum() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../benches/matching/instances/small");
        run(&MatchingBenchArgs { dir, json: true }).expect("small instance solved to its optimum");
    }
}
