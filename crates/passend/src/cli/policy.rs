//! `passend policy default|check`: the policy file of the norms per Voorschrift year.

use std::path::PathBuf;

use clap::Subcommand;

use crate::policy_file;

#[derive(Debug, Subcommand)]
pub enum PolicyCommand {
    /// Print the default policy as a policy file, to start a new year from.
    Default,
    /// Check a policy file and list its versions.
    Check {
        /// The policy file (TOML).
        file: PathBuf,
    },
}

pub fn run(command: &PolicyCommand) -> anyhow::Result<()> {
    match command {
        PolicyCommand::Default => print!("{}", policy_file::default_toml()),
        PolicyCommand::Check { file } => {
            let policies = policy_file::load(file)?;
            for version in policies.versions() {
                println!("{}: geldig vanaf {}", version.name, version.in_force_from);
            }
        }
    }
    Ok(())
}
