//! Appending to the log and writing the projections, in one transaction.

use std::collections::BTreeMap;

use passend_domain::case::CaseSummary;
use passend_store::projection::{self, RegionCountKey};
use passend_store::{Commit, NewEvent, ProjectionChange, StoreError, StreamId, codec};
use rusqlite::{CachedStatement, Connection, Transaction, TransactionBehavior, params};

use crate::{columns, database};

/// Appends a commit: checks every stream's version, inserts the events and
/// writes the projection rows. On any error the transaction rolls back and
/// nothing is written.
pub fn append(connection: &mut Connection, commit: &Commit) -> Result<(), StoreError> {
    // IMMEDIATE takes the write lock at the start, so the version check and
    // the inserts see the same database.
    let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate).map_err(database)?;
    let mut region_deltas: BTreeMap<RegionCountKey, i64> = BTreeMap::new();
    {
        let mut log = LogWriter::prepare(&transaction)?;
        let mut projections = ProjectionWriter::prepare(&transaction)?;
        for append in &commit.streams {
            let stream = append.stream.to_string();
            let actual = log.version(&stream)?;
            if actual != append.expected_version {
                return Err(StoreError::Conflict { stream: append.stream, expected: append.expected_version, actual });
            }
            log.append(append.stream, &stream, append.expected_version, &append.events)?;
            if let Some(change) = &append.projection {
                projections.replace(change)?;
                for (key, delta) in change.region_count_deltas() {
                    *region_deltas.entry(key).or_default() += delta;
                }
            }
        }
    }
    add_region_counts(&transaction, &region_deltas)?;
    transaction.commit().map_err(database)
}

/// The statements that write the log, prepared once per transaction.
struct LogWriter<'t> {
    transaction: &'t Transaction<'t>,
    version: CachedStatement<'t>,
    insert_event: CachedStatement<'t>,
    set_version: CachedStatement<'t>,
}

impl<'t> LogWriter<'t> {
    fn prepare(transaction: &'t Transaction<'t>) -> Result<LogWriter<'t>, StoreError> {
        Ok(LogWriter {
            transaction,
            version: transaction.prepare_cached("SELECT version FROM streams WHERE stream = ?1").map_err(database)?,
            // `OR FAIL`: a one-row insert checks its constraints before it
            // writes, and any failure rolls back the whole transaction, so
            // SQLite need not keep a statement journal for it.
            insert_event: transaction
                .prepare_cached(
                    "INSERT OR FAIL INTO events
                         (stream, category, version, kind, occurred_on, recorded_at, actor, reason, payload)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                )
                .map_err(database)?,
            set_version: transaction
                .prepare_cached(
                    "INSERT INTO streams (stream, category, version, last_position) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT (stream) DO UPDATE
                     SET version = excluded.version, last_position = excluded.last_position",
                )
                .map_err(database)?,
        })
    }

    fn version(&mut self, stream: &str) -> Result<u32, StoreError> {
        let mut rows = self.version.query(params![stream]).map_err(database)?;
        match rows.next().map_err(database)? {
            Some(row) => row.get(0).map_err(database),
            None => Ok(0),
        }
    }

    fn append(
        &mut self,
        stream_id: StreamId,
        stream: &str,
        expected_version: u32,
        events: &[NewEvent],
    ) -> Result<(), StoreError> {
        for (index, event) in events.iter().enumerate() {
            self.insert_event
                .execute(params![
                    stream,
                    stream_id.category(),
                    expected_version + index as u32 + 1,
                    event.event.kind(),
                    columns::day_text(event.meta.occurred_on),
                    event.meta.recorded_at.to_string(),
                    event.meta.actor,
                    event.meta.reason,
                    codec::encode(&event.event),
                ])
                .map_err(database)?;
        }
        let version = expected_version + events.len() as u32;
        let last_position = self.transaction.last_insert_rowid();
        self.set_version.execute(params![stream, stream_id.category(), version, last_position]).map_err(database)?;
        Ok(())
    }
}

/// The statements that write a client's projection rows, prepared once per
/// transaction. Inserts use `OR FAIL` for the reason given in [`LogWriter`].
pub struct ProjectionWriter<'t> {
    delete_summary: CachedStatement<'t>,
    delete_entries: CachedStatement<'t>,
    delete_alerts: CachedStatement<'t>,
    insert_summary: CachedStatement<'t>,
    insert_entry: CachedStatement<'t>,
    insert_alert: CachedStatement<'t>,
}

impl<'t> ProjectionWriter<'t> {
    pub fn prepare(transaction: &'t Transaction<'_>) -> Result<ProjectionWriter<'t>, StoreError> {
        let prepare = |sql: &str| transaction.prepare_cached(sql).map_err(database);
        Ok(ProjectionWriter {
            delete_summary: prepare("DELETE FROM client_summaries WHERE client = ?1")?,
            delete_entries: prepare("DELETE FROM waiting_list_entries WHERE client = ?1")?,
            delete_alerts: prepare("DELETE FROM alert_schedule WHERE client = ?1")?,
            insert_summary: prepare(
                "INSERT OR FAIL INTO client_summaries
                     (client, region, care_profile, delivery_form, dossierhouder, first_contact_due, first_contact_on,
                      status, classification, status_since, waiting_since, norm_due, refusals, placed_at, bridging,
                      ended_on, name, bsn, birth_date, oco_consent, sector, order_group, preferences, alerts)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,
                         ?21, ?22, ?23, ?24)",
            )?,
            insert_entry: prepare(
                "INSERT OR FAIL INTO waiting_list_entries (target, client, preference_rank, order_group, waiting_since)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?,
            insert_alert: prepare(
                "INSERT OR FAIL INTO alert_schedule (client, kind, kind_rank, opens_on, deadline, provider, region)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?,
        })
    }

    /// Replaces a client's rows in every projection with those of `change.after`.
    fn replace(&mut self, change: &ProjectionChange) -> Result<(), StoreError> {
        if change.before.is_some() {
            let client = change.after.client.0;
            for statement in [&mut self.delete_summary, &mut self.delete_entries, &mut self.delete_alerts] {
                statement.execute(params![client]).map_err(database)?;
            }
        }
        self.insert(&change.after)
    }

    /// Inserts the rows of a client that has none.
    pub fn insert(&mut self, summary: &CaseSummary) -> Result<(), StoreError> {
        let client = summary.client.0;
        let entries = projection::waiting_list_entries(summary);
        let day = |day: Option<jiff::civil::Date>| day.map(columns::day_text);
        self.insert_summary
            .execute(params![
                client,
                summary.region.cod001(),
                summary.care_profile.map(|profile| profile.code()),
                summary.delivery_form.map(|form| form.token()),
                summary.dossierhouder.map(|agb| agb.to_string()),
                day(summary.first_contact_due),
                day(summary.first_contact_on),
                summary.status.map(|status| status.token()),
                summary.classification.map(|classification| classification.token()),
                day(summary.status_since),
                day(summary.waiting_since),
                day(summary.norm_due),
                summary.refusals,
                summary.placed_at.map(|location| location.0),
                summary.bridging,
                day(summary.ended_on),
                summary.name,
                summary.bsn.as_ref().map(|bsn| bsn.as_str()),
                columns::day_text(summary.birth_date),
                summary.oco_consent.map(|oco| oco.0),
                summary.sector().map(|sector| sector.as_str()),
                summary.waiting_order_key().map(|key| columns::order_group(key.group)),
                // What its waiting-list and alert rows say, beside the facts,
                // so that a page of the client list is one read.
                columns::preferences(entries.iter().map(|entry| entry.target)),
                columns::alerts(projection::alert_rows(summary)),
            ])
            .map_err(database)?;
        for entry in entries {
            self.insert_entry
                .execute(params![
                    columns::target(entry.target),
                    client,
                    entry.preference_rank,
                    columns::order_group(entry.order.group),
                    columns::day_text(entry.order.waiting_since),
                ])
                .map_err(database)?;
        }
        for alert in projection::alert_rows(summary) {
            self.insert_alert
                .execute(params![
                    client,
                    alert.kind.token(),
                    alert.kind as u8,
                    columns::day_text(alert.opens_on),
                    alert.deadline.map(columns::day_text),
                    alert.provider.map(|agb| agb.to_string()),
                    summary.region.cod001(),
                ])
                .map_err(database)?;
        }
        Ok(())
    }
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
