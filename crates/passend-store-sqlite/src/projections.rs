//! Answering from the projections, and replacing them in a rebuild.

use std::collections::BTreeMap;

use passend_domain::case::counts::WaitingPersons;
use passend_domain::case::waiting_order::WaitingOrderKey;
use passend_domain::case::{CaseSummary, ListTarget};
use passend_domain::codes::{CareProfile, Classification, DeliveryForm, Region, WaitStatus};
use passend_domain::ids::{ClientId, LocationId, OcoId};
use passend_store::projection::{self, RegionCountKey};
use passend_store::{AlertQuery, AlertRow, StoreError, WaitingListEntry};
use rusqlite::{Connection, Row, TransactionBehavior, params};

use crate::append::{ProjectionWriter, add_region_counts};
use crate::{columns, database};

/// The columns [`summary_row`] reads, in its order.
pub(crate) const SUMMARY_COLUMNS: &str =
    "client, region, care_profile, delivery_form, dossierhouder, first_contact_due,
    first_contact_on, status, classification, status_since, waiting_since, norm_due, refusals, placed_at, bridging,
    ended_on, name, bsn, birth_date, oco_consent, preferences, alerts";

/// A summary from a row of [`SUMMARY_COLUMNS`].
pub(crate) fn summary_row(row: &Row<'_>) -> Result<CaseSummary, StoreError> {
    let text = |index: usize| row.get::<_, Option<String>>(index).map_err(database);
    let day = |index: usize| columns::optional_date(text(index)?);
    let corrupt = |error: passend_domain::InvalidValue| StoreError::Corrupt(error.to_string());
    let client = ClientId(row.get(0).map_err(database)?);
    let birth_date = text(18)?.unwrap_or_default();
    if birth_date.is_empty() {
        // Only a summary written before migration V3 lacks it.
        return Err(StoreError::Corrupt(format!(
            "the summary of client {client} predates the client list; run `passend rebuild`"
        )));
    }
    Ok(CaseSummary {
        client,
        region: columns::region(row.get(1).map_err(database)?)?,
        name: text(16)?,
        bsn: text(17)?.as_deref().map(columns::bsn).transpose()?,
        birth_date: columns::date(&birth_date)?,
        care_profile: row
            .get::<_, Option<u16>>(2)
            .map_err(database)?
            .map(CareProfile::from_code)
            .transpose()
            .map_err(corrupt)?,
        delivery_form: text(3)?.as_deref().map(DeliveryForm::parse_token).transpose().map_err(corrupt)?,
        dossierhouder: text(4)?.as_deref().map(columns::agb).transpose()?,
        first_contact_due: day(5)?,
        first_contact_on: day(6)?,
        status: text(7)?.as_deref().map(WaitStatus::parse_token).transpose().map_err(corrupt)?,
        classification: text(8)?.as_deref().map(Classification::parse_token).transpose().map_err(corrupt)?,
        status_since: day(9)?,
        waiting_since: day(10)?,
        norm_due: day(11)?,
        refusals: row.get(12).map_err(database)?,
        preferences: columns::parse_preferences(borrowed_text(row, 20)?)?,
        placed_at: row.get::<_, Option<u32>>(13).map_err(database)?.map(LocationId),
        bridging: row.get(14).map_err(database)?,
        ended_on: day(15)?,
        oco_consent: row.get::<_, Option<u32>>(19).map_err(database)?.map(OcoId),
        alerts: columns::parse_alerts(borrowed_text(row, 21)?)?,
    })
}

/// An alert from its four columns, starting at `offset`: kind, opens_on, deadline, provider.
/// A text column read in place, without a copy.
fn borrowed_text<'r>(row: &'r Row<'_>, index: usize) -> Result<&'r str, StoreError> {
    let value = row.get_ref(index).map_err(database)?;
    value.as_str().map_err(|error| StoreError::Corrupt(format!("column {index}: {error}")))
}

pub fn client_summary(connection: &Connection, client: ClientId) -> Result<Option<CaseSummary>, StoreError> {
    let sql = format!("SELECT {SUMMARY_COLUMNS} FROM client_summaries WHERE client = ?1");
    let mut statement = connection.prepare_cached(&sql).map_err(database)?;
    let mut rows = statement.query(params![client.0]).map_err(database)?;
    rows.next().map_err(database)?.map(summary_row).transpose()
}

/// Every summary in client order.
pub fn for_each_client_summary(
    connection: &Connection,
    visit: &mut dyn FnMut(CaseSummary) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    let sql = format!("SELECT {SUMMARY_COLUMNS} FROM client_summaries ORDER BY client");
    let mut statement = connection.prepare_cached(&sql).map_err(database)?;
    let mut rows = statement.query([]).map_err(database)?;
    while let Some(row) = rows.next().map_err(database)? {
        visit(summary_row(row)?)?;
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
            let group = columns::parse_order_group(row.get(2).map_err(database)?)?;
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
        let text = |index: usize| row.get::<_, Option<String>>(index).map_err(database);
        let (kind, opens_on) = (text(2)?.unwrap_or_default(), text(3)?.unwrap_or_default());
        let alert = columns::scheduled_alert(&kind, &opens_on, text(4)?.as_deref(), text(5)?.as_deref())?;
        alerts.push(AlertRow {
            client: ClientId(row.get(0).map_err(database)?),
            region: columns::region(row.get(1).map_err(database)?)?,
            kind: alert.kind,
            opens_on: alert.opens_on,
            deadline: alert.deadline,
            provider: alert.provider,
        });
    }
    Ok(alerts)
}

/// Empties every projection and fills it from `summaries`, in one transaction.
pub fn replace(
    connection: &mut Connection,
    summaries: &mut dyn Iterator<Item = Result<CaseSummary, StoreError>>,
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
    {
        let mut writer = ProjectionWriter::prepare(&transaction)?;
        for summary in summaries {
            let summary = summary?;
            writer.insert(&summary)?;
            if let Some(key) = projection::region_count_key(&summary) {
                *counts.entry(key).or_default() += 1;
            }
        }
    }
    add_region_counts(&transaction, &counts)?;
    transaction.commit().map_err(database)
}
