//! `passend rebuild --db FILE`: recompute every projection from the log.

use std::path::PathBuf;
use std::time::Instant;

use clap::Args;

use crate::open;

#[derive(Debug, Args)]
pub struct RebuildArgs {
    /// The SQLite database.
    #[arg(long)]
    pub db: PathBuf,
    /// A policy file (TOML); the default policy when omitted.
    #[arg(long)]
    pub policy: Option<PathBuf>,
}

pub fn run(args: &RebuildArgs) -> anyhow::Result<()> {
    let service = open::service(&args.db, args.policy.as_deref())?;
    let started = Instant::now();
    let clients = service.rebuild()?;
    println!("Projecties herbouwd voor {clients} cliënten in {:.2} s.", started.elapsed().as_secs_f64());
    Ok(())
}
