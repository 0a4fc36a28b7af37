//! What to generate: a region or the nation, a seed, and the window of history.

use jiff::civil::Date;
use passend_domain::codes::Region;

/// The settings of one generation. The same settings give the same data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenerateConfig {
    pub scope: Scope,
    /// Seeds every random choice.
    pub seed: u64,
    /// Months of history up to and including `until` (12 by default).
    pub months: u32,
    /// The last day of the history; no event is dated after it.
    pub until: Date,
}

/// How much of the country to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// One zorgkantoorregio, its population scaled by its inhabitants.
    Region(Region),
    /// All 31 regions.
    Nation,
}

impl GenerateConfig {
    /// The default history of 12 months up to `until`.
    pub const DEFAULT_MONTHS: u32 = 12;

    pub fn new(scope: Scope, seed: u64, until: Date) -> GenerateConfig {
        GenerateConfig { scope, seed, months: GenerateConfig::DEFAULT_MONTHS, until }
    }

    /// The regions in scope, in COD001 order.
    pub fn regions(&self) -> Vec<Region> {
        match self.scope {
            Scope::Region(region) => vec![region],
            Scope::Nation => Region::all().collect(),
        }
    }
}
