//! Appending to the log and writing the projections, in one transaction.

use std::collections::BTreeMap;

use passend_domain::case::CaseSummary;
use passend_store::projection::{self, RegionCountKey};
use passend_store::{Commit, NewEvent, ProjectionChange, StoreError, StreamId, codec};
use rusqlite::{Connection, Transaction, TransactionBehavior, params};

use crate::{columns, database};

/// Appends a commit: checks every stream's version, inserts the events and
/// writes the projection rows. On any error the transaction rolls back and
/// nothing is written.
pub fn append(connection: &mut Connection, commit: &Commit) -> Result<(), StoreError> {
    // IMMEDIATE takes the write lock at the start, so the version check and
    // the inserts see the same database.
    let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate).map_err(database)?;
    let mut region_deltas: BTreeMap<RegionCountKey, i64> = BTreeMap::new();
    for append in &commit.streams {
        let stream = append.stream.to_string();
        let actual = current_version(&transaction, &stream)?;
        if actual != append.expected_version {
            return Err(StoreError::Conflict { stream: append.stream, expected: append.expected_version, actual });
        }
        insert_events(&transaction, append.stream, &stream, append.expected_version, &append.events)?;
        let version = append.expected_version + append.events.len() as u32;
        transaction
            .prepare_cached(
                "INSERT INTO streams (stream, category, version) VALUES (?1, ?2, ?3)
                 ON CONFLICT (stream) DO UPDATE SET version = excluded.version",
            )
            .and_then(|mut statement| statement.execute(params![stream, append.stream.category(), version]))
            .map_err(database)?;
        if let Some(change) = &append.projection {
            write_projection(&transaction, change)?;
            for (key, delta) in change.region_count_deltas() {
                *region_deltas.entry(key).or_default() += delta;
            }
        }
    }
    add_region_counts(&transaction, &region_deltas)?;
    transaction.commit().map_err(database)
}

fn current_version(transaction: &Transaction<'_>, stream: &str) -> Result<u32, StoreError> {
    let mut statement =
        transaction.prepare_cached("SELECT version FROM streams WHERE stream = ?1").map_err(database)?;
    let mut rows = statement.query(params![stream]).map_err(database)?;
    match rows.next().map_err(database)? {
        Some(row) => row.get(0).map_err(database),
        None => Ok(0),
    }
}

fn insert_events(
    transaction: &Transaction<'_>,
    stream_id: StreamId,
    stream: &str,
    expected_version: u32,
    events: &[NewEvent],
) -> Result<(), StoreError> {
    let mut statement = transaction
        .prepare_cached(
            "INSERT INTO events (stream, category, version, kind, occurred_on, recorded_at, actor, reason, payload)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )
        .map_err(database)?;
    for (index, event) in events.iter().enumerate() {
        statement
            .execute(params![
                stream,
                stream_id.category(),
                expected_version + index as u32 + 1,
                event.event.kind(),
                event.meta.occurred_on.to_string(),
                event.meta.recorded_at.to_string(),
                event.meta.actor,
                event.meta.reason,
                codec::encode(&event.event),
            ])
            .map_err(database)?;
    }
    Ok(())
}

/// Replaces a client's rows in every projection with those of `change.after`.
pub fn write_projection(transaction: &Transaction<'_>, change: &ProjectionChange) -> Result<(), StoreError> {
    let summary = &change.after;
    let client = summary.client.0;
    if change.before.is_some() {
        for sql in
            ["DELETE FROM waiting_list_entries WHERE client = ?1", "DELETE FROM alert_schedule WHERE client = ?1"]
        {
            transaction
                .prepare_cached(sql)
                .and_then(|mut statement| statement.execute(params![client]))
                .map_err(database)?;
        }
    }
    insert_rows(transaction, summary)
}

/// Inserts (or replaces) the summary row and inserts the list and alert rows
/// of one client.
pub fn insert_rows(transaction: &Transaction<'_>, summary: &CaseSummary) -> Result<(), StoreError> {
    let client = summary.client.0;
    let json = serde_json::to_string(summary).map_err(|error| StoreError::Corrupt(error.to_string()))?;
    transaction
        .prepare_cached(
            "INSERT OR REPLACE INTO client_summaries
                 (client, region, sector, status, dossierhouder, waiting_since, norm_due, summary)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )
        .and_then(|mut statement| {
            statement.execute(params![
                client,
                summary.region.cod001(),
                summary.sector().map(|sector| sector.as_str()),
                summary.status.map(|status| status.token()),
                summary.dossierhouder.map(|agb| agb.to_string()),
                summary.waiting_since.map(|day| day.to_string()),
                summary.norm_due.map(|day| day.to_string()),
                json,
            ])
        })
        .map_err(database)?;
    let mut entries = transaction
        .prepare_cached(
            "INSERT INTO waiting_list_entries (target, client, preference_rank, order_group, waiting_since)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )
        .map_err(database)?;
    for entry in projection::waiting_list_entries(summary) {
        entries
            .execute(params![
                columns::target(entry.target),
                client,
                entry.preference_rank,
                entry.order.group as u8,
                entry.order.waiting_since.to_string(),
            ])
            .map_err(database)?;
    }
    let mut alerts = transaction
        .prepare_cached(
            "INSERT INTO alert_schedule (client, kind, kind_rank, opens_on, deadline, provider, region)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )
        .map_err(database)?;
    for alert in projection::alert_rows(summary) {
        alerts
            .execute(params![
                client,
                alert.kind.token(),
                alert.kind as u8,
                alert.opens_on.to_string(),
                alert.deadline.map(|day| day.to_string()),
                alert.provider.map(|agb| agb.to_string()),
                summary.region.cod001(),
            ])
            .map_err(database)?;
    }
    Ok(())
}

pub fn add_region_counts(
    transaction: &Transaction<'_>,
    deltas: &BTreeMap<RegionCountKey, i64>,
) -> Result<(), StoreError> {
    let mut statement = transaction
        .prepare_cached(
            "INSERT INTO region_counts (region, sector, status, bridging, persons) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (region, sector, status, bridging) DO UPDATE SET persons = persons + excluded.persons",
        )
        .map_err(database)?;
    for (key, delta) in deltas.iter().filter(|(_, delta)| **delta != 0) {
        statement
            .execute(params![
                key.region.cod001(),
                key.sector.map_or("", |sector| sector.as_str()),
                key.status.token(),
                key.bridging,
                delta,
            ])
            .map_err(database)?;
    }
    Ok(())
}
