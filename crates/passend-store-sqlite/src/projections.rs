//! Answering from the projections, and replacing them in a rebuild.

use std::collections::BTreeMap;

use passend_domain::case::alerts::AlertKind;
use passend_domain::case::counts::WaitingPersons;
use passend_domain::case::waiting_order::{OrderGroup, WaitingOrderKey};
use passend_domain::case::{CaseSummary, ListTarget};
use passend_domain::codes::{Region, WaitStatus};
use passend_domain::ids::ClientId;
use passend_store::projection::{self, RegionCountKey};
use passend_store::{AlertQuery, AlertRow, StoreError, WaitingListEntry};
use rusqlite::{Connection, TransactionBehavior, params};

use crate::append::{add_region_counts, insert_rows};
use crate::{columns, database};

fn decode_summary(json: &str) -> Result<CaseSummary, StoreError> {
    serde_json::from_str(json).map_err(|error| StoreError::Corrupt(format!("client summary: {error}")))
}

pub fn client_summary(connection: &Connection, client: ClientId) -> Result<Option<CaseSummary>, StoreError> {
    let mut statement =
        connection.prepare_cached("SELECT summary FROM client_summaries WHERE client = ?1").map_err(database)?;
    let mut rows = statement.query(params![client.0]).map_err(database)?;
    match rows.next().map_err(database)? {
        Some(row) => Ok(Some(decode_summary(row.get_ref(0).and_then(|value| Ok(value.as_str()?)).map_err(database)?)?)),
        None => Ok(None),
    }
}

pub fn for_each_client_summary(
    connection: &Connection,
    visit: &mut dyn FnMut(CaseSummary) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    let mut statement =
        connection.prepare_cached("SELECT summary FROM client_summaries ORDER BY client").map_err(database)?;
    let mut rows = statement.query([]).map_err(database)?;
    while let Some(row) = rows.next().map_err(database)? {
        visit(decode_summary(row.get_ref(0).and_then(|value| Ok(value.as_str()?)).map_err(database)?)?)?;
    }
    Ok(())
}

pub fn waiting_list(connection: &Connection, targets: &[ListTarget]) -> Result<Vec<WaitingListEntry>, StoreError> {
    let mut statement = connection
        .prepare_cached(
            "SELECT client, preference_rank, order_group, waiting_since FROM waiting_list_entries WHERE target = ?1",
        )
        .map_err(database)?;
    let mut entries = Vec::new();
    for target in targets {
        let mut rows = statement.query(params![columns::target(*target)]).map_err(database)?;
        while let Some(row) = rows.next().map_err(database)? {
            let group: u8 = row.get(2).map_err(database)?;
            let group = OrderGroup::ALL
                .get(usize::from(group))
                .copied()
                .ok_or_else(|| StoreError::Corrupt(format!("waiting-list group {group}")))?;
            let client = ClientId(row.get(0).map_err(database)?);
            let waiting_since: String = row.get(3).map_err(database)?;
            entries.push(WaitingListEntry {
                target: *target,
                client,
                preference_rank: row.get(1).map_err(database)?,
                order: WaitingOrderKey { group, waiting_since: columns::date(&waiting_since)?, client },
            });
        }
    }
    Ok(projection::merge_waiting_list(entries))
}

pub fn region_waiting_persons(connection: &Connection, region: Region) -> Result<WaitingPersons, StoreError> {
    let mut statement = connection
        .prepare_cached("SELECT status, sum(persons) FROM region_counts WHERE region = ?1 GROUP BY status")
        .map_err(database)?;
    let mut rows = statement.query(params![region.cod001()]).map_err(database)?;
    let mut persons = WaitingPersons::default();
    while let Some(row) = rows.next().map_err(database)? {
        let token: String = row.get(0).map_err(database)?;
        let status = WaitStatus::parse_token(&token).map_err(|error| StoreError::Corrupt(error.to_string()))?;
        let count: i64 = row.get(1).map_err(database)?;
        persons.add(status, u32::try_from(count).map_err(|_| StoreError::Corrupt(format!("{count} persons")))?);
    }
    Ok(persons)
}

pub fn open_alerts(connection: &Connection, query: &AlertQuery) -> Result<Vec<AlertRow>, StoreError> {
    let mut statement = connection
        .prepare_cached(
            "SELECT client, region, kind, opens_on, deadline, provider FROM alert_schedule
             WHERE opens_on <= ?1
               AND (?2 IS NULL OR region = ?2)
               AND (?3 IS NULL OR kind = ?3)
               AND (?4 IS NULL OR provider = ?4)
             ORDER BY kind_rank, opens_on, client
             LIMIT ?5",
        )
        .map_err(database)?;
    let mut rows = statement
        .query(params![
            query.on.to_string(),
            query.region.map(|region| region.cod001()),
            query.kind.map(|kind| kind.token()),
            query.provider.map(|agb| agb.to_string()),
            query.limit as i64,
        ])
        .map_err(database)?;
    let mut alerts = Vec::new();
    while let Some(row) = rows.next().map_err(database)? {
        let kind: String = row.get(2).map_err(database)?;
        let opens_on: String = row.get(3).map_err(database)?;
        let provider: Option<String> = row.get(5).map_err(database)?;
        alerts.push(AlertRow {
            client: ClientId(row.get(0).map_err(database)?),
            region: columns::region(row.get(1).map_err(database)?)?,
            kind: AlertKind::parse_token(&kind).ok_or_else(|| StoreError::Corrupt(format!("alert kind {kind:?}")))?,
            opens_on: columns::date(&opens_on)?,
            deadline: columns::optional_date(row.get(4).map_err(database)?)?,
            provider: provider.as_deref().map(columns::agb).transpose()?,
        });
    }
    Ok(alerts)
}

/// Empties every projection and fills it from `summaries`, in one transaction.
pub fn replace(
    connection: &mut Connection,
    summaries: &mut dyn Iterator<Item = CaseSummary>,
) -> Result<(), StoreError> {
    let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate).map_err(database)?;
    transaction
        .execute_batch(
            "DELETE FROM client_summaries;
             DELETE FROM waiting_list_entries;
             DELETE FROM region_counts;
             DELETE FROM alert_schedule;",
        )
        .map_err(database)?;
    let mut counts: BTreeMap<RegionCountKey, i64> = BTreeMap::new();
    for summary in summaries {
        insert_rows(&transaction, &summary)?;
        if let Some(key) = projection::region_count_key(&summary) {
            *counts.entry(key).or_default() += 1;
        }
    }
    add_region_counts(&transaction, &counts)?;
    transaction.commit().map_err(database)
}
