//! `passend demo [--db FILE] [--seed N] [--region R] [--addr A]`: a synthetic
//! region to work in. When the database is absent, the region is generated
//! into it with a year of history up to today; then it is served, and the
//! address and one demo account per role are printed.

use std::path::PathBuf;
use std::time::Instant;

use clap::Args;
use passend_sim::{GenerateConfig, Scope};

use super::generate::{generate_into, parse_region, print_summary};
use super::serve::{ServerOptions, serve};
use crate::open;

/// The password of the demo accounts unless `--demo-password` says otherwise.
pub const DEMO_PASSWORD: &str = "passend-demo";

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// The demo database; generated when it does not exist.
    #[arg(long, value_name = "FILE", default_value = "passend-demo.db")]
    pub db: PathBuf,
    /// The seed of the generated region.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// The zorgkantoorregio to generate, by name or COD001 code.
    #[arg(long, value_name = "NAME|CODE", default_value = "Utrecht")]
    pub region: String,
    #[command(flatten)]
    pub server: ServerOptions,
}

pub fn run(args: &DemoArgs) -> anyhow::Result<()> {
    let today = open::today();
    let region = parse_region(&args.region)?;
    if !args.db.exists() {
        println!("Demoregio {} wordt gegenereerd in {} …", region.name(), args.db.display());
        let config = GenerateConfig::new(Scope::Region(region), args.seed, today);
        let started = Instant::now();
        let stats = generate_into(&args.db, args.server.policy.as_deref(), &config)?;
        print_summary(&config, &stats, started.elapsed().as_secs_f64());
        println!();
    }
    let password = args.server.demo_password.clone().unwrap_or_else(|| DEMO_PASSWORD.to_string());
    serve(&args.db, &args.server, &password)
}
