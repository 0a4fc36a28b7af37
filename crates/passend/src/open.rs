//! Opening a store and the service over it, the same way for every command.

use std::path::Path;

use anyhow::Context as _;
use passend_domain::policy::PolicySet;
use passend_store::Passend;
use passend_store_sqlite::SqliteStore;

use crate::policy_file;

/// Opens (creating or migrating) the SQLite database at `db` with the policy
/// of `policy` (a TOML file) or the default policy.
pub fn service(db: &Path, policy: Option<&Path>) -> anyhow::Result<Passend<SqliteStore>> {
    let policies = match policy {
        Some(path) => policy_file::load(path)?,
        None => PolicySet::default(),
    };
    let store = SqliteStore::open(db).with_context(|| format!("cannot open database {}", db.display()))?;
    Passend::open(store, policies).with_context(|| format!("cannot read database {}", db.display()))
}

/// Today in the Netherlands: the one place the command line reads the clock.
pub fn today() -> jiff::civil::Date {
    jiff::Zoned::now()
        .with_time_zone(jiff::tz::TimeZone::get("Europe/Amsterdam").unwrap_or(jiff::tz::TimeZone::UTC))
        .date()
}
