//! The projections' pure fold: from a case summary to the rows an engine
//! stores. Every engine writes exactly these rows, incrementally with each
//! commit or all at once in a rebuild, so the two can be compared.
//!
//! - client summary: one [`CaseSummary`] per client;
//! - waiting lists: one [`WaitingListEntry`] per (preference, waiting client);
//! - region counts: distinct waiting persons per region, sector, status and
//!   bridging, as deltas of [`RegionCountKey`];
//! - open alerts: the [`ScheduledAlert`]s of each summary, with the day they open.

use passend_domain::case::alerts::ScheduledAlert;
use passend_domain::case::waiting_order::WaitingOrderKey;
use passend_domain::case::{CaseState, CaseSummary, ListTarget};
use passend_domain::codes::{Region, Sector, WaitStatus};
use passend_domain::ids::ClientId;
use passend_domain::policy::PolicySet;

/// A client's projection rows before and after a commit.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectionChange {
    pub before: Option<CaseSummary>,
    pub after: CaseSummary,
}

/// A waiting client on the list of a location or provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WaitingListEntry {
    pub target: ListTarget,
    pub client: ClientId,
    /// 1 for the client's first preference.
    pub preference_rank: u32,
    pub order: WaitingOrderKey,
}

/// The key of the region counts: waiting persons are counted per cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RegionCountKey {
    pub region: Region,
    pub sector: Option<Sector>,
    pub status: WaitStatus,
    pub bridging: bool,
}

impl ProjectionChange {
    pub fn new(
        client: ClientId,
        before: &CaseState,
        after: &CaseState,
        policies: &PolicySet,
    ) -> Option<ProjectionChange> {
        Some(ProjectionChange {
            before: CaseSummary::of(client, before, policies),
            after: CaseSummary::of(client, after, policies)?,
        })
    }

    /// The region-count cells this change leaves (-1) and enters (+1).
    pub fn region_count_deltas(&self) -> Vec<(RegionCountKey, i64)> {
        let old = self.before.as_ref().and_then(region_count_key);
        let new = region_count_key(&self.after);
        if old == new {
            return Vec::new();
        }
        old.map(|key| (key, -1)).into_iter().chain(new.map(|key| (key, 1))).collect()
    }
}

/// The region-count cell of a client, while waiting.
pub fn region_count_key(summary: &CaseSummary) -> Option<RegionCountKey> {
    Some(RegionCountKey {
        region: summary.region,
        sector: summary.sector(),
        status: summary.status?,
        bridging: summary.bridging,
    })
}

/// The waiting-list rows of a client: one per preference, while waiting.
pub fn waiting_list_entries(summary: &CaseSummary) -> Vec<WaitingListEntry> {
    let Some(order) = summary.waiting_order_key() else { return Vec::new() };
    summary
        .preferences
        .iter()
        .enumerate()
        .map(|(index, target)| WaitingListEntry {
            target: *target,
            client: summary.client,
            preference_rank: index as u32 + 1,
            order,
        })
        .collect()
}

/// The alert rows of a client.
pub fn alert_rows(summary: &CaseSummary) -> &[ScheduledAlert] {
    &summary.alerts
}

/// Merges the entries of several targets (a location and its provider) into
/// one list: each client once, in the default waiting order.
pub fn merge_waiting_list(mut entries: Vec<WaitingListEntry>) -> Vec<WaitingListEntry> {
    entries.sort_by_key(|entry| (entry.order, entry.preference_rank));
    entries.dedup_by_key(|entry| entry.client);
    entries
}
