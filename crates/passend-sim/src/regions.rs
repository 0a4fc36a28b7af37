//! Dense indexes for regions and sectors, so that per-region and per-sector
//! tables are plain arrays iterated in a fixed order.

use std::sync::LazyLock;

use passend_domain::codes::{Region, Sector};

static REGIONS: LazyLock<Vec<Region>> = LazyLock::new(|| Region::all().collect());

/// The 31 regions in COD001 order.
pub(crate) fn all() -> &'static [Region] {
    &REGIONS
}

/// The position of a region in [`all`].
pub(crate) fn index(region: Region) -> usize {
    REGIONS.binary_search(&region).expect("every region is in Region::all()")
}

/// The inhabitants of all regions together (≈ 17.3 million, 2019).
pub(crate) fn national_inhabitants() -> u64 {
    REGIONS.iter().map(|region| u64::from(region.inhabitants())).sum()
}

/// The position of a sector in [`Sector::ALL`].
pub(crate) fn sector_index(sector: Sector) -> usize {
    match sector {
        Sector::Vv => 0,
        Sector::Ghz => 1,
        Sector::Ggz => 2,
    }
}
