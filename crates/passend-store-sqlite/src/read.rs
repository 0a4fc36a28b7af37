//! Reading the event log.

use jiff::civil::Date;
use passend_domain::ids::ClientId;
use passend_store::{CasePayload, EventMeta, RecordedEvent, StoreError, StreamId, codec};
use rusqlite::{Connection, Row, params};

use crate::{columns, database};

const COLUMNS: &str = "position, stream, version, occurred_on, recorded_at, actor, reason, payload";

fn recorded(row: &Row<'_>) -> Result<RecordedEvent, StoreError> {
    let text = |index: usize| row.get_ref(index).and_then(|value| Ok(value.as_str()?)).map_err(database);
    let stream = columns::stream(text(1)?)?;
    let recorded_at = text(4)?;
    Ok(RecordedEvent {
        position: row.get::<_, i64>(0).map_err(database)? as u64,
        stream,
        version: row.get(2).map_err(database)?,
        meta: EventMeta {
            occurred_on: columns::date(text(3)?)?,
            recorded_at: recorded_at
                .parse()
                .map_err(|error| StoreError::Corrupt(format!("timestamp {recorded_at:?}: {error}")))?,
            actor: text(5)?.to_string(),
            reason: row.get(6).map_err(database)?,
        },
        event: codec::decode(stream, text(7)?)?,
    })
}

fn collect(
    connection: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
) -> Result<Vec<RecordedEvent>, StoreError> {
    let mut statement = connection.prepare_cached(sql).map_err(database)?;
    let mut rows = statement.query(params).map_err(database)?;
    let mut events = Vec::new();
    while let Some(row) = rows.next().map_err(database)? {
        events.push(recorded(row)?);
    }
    Ok(events)
}

pub fn stream_version(connection: &Connection, stream: StreamId) -> Result<u32, StoreError> {
    let mut statement = connection.prepare_cached("SELECT version FROM streams WHERE stream = ?1").map_err(database)?;
    let mut rows = statement.query(params![stream.to_string()]).map_err(database)?;
    match rows.next().map_err(database)? {
        Some(row) => row.get(0).map_err(database),
        None => Ok(0),
    }
}

pub fn read_stream(connection: &Connection, stream: StreamId) -> Result<Vec<RecordedEvent>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM events WHERE stream = ?1 ORDER BY version");
    collect(connection, &sql, params![stream.to_string()])
}

pub fn read_category(connection: &Connection, category: &str) -> Result<Vec<RecordedEvent>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM events WHERE category = ?1 ORDER BY position");
    collect(connection, &sql, params![category])
}

pub fn read_all(connection: &Connection, after: u64, limit: usize) -> Result<Vec<RecordedEvent>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM events WHERE position > ?1 ORDER BY position LIMIT ?2");
    collect(connection, &sql, params![after as i64, limit as i64])
}

pub fn for_each_event(
    connection: &Connection,
    up_to: Option<Date>,
    visit: &mut dyn FnMut(RecordedEvent) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM events WHERE ?1 IS NULL OR occurred_on <= ?1 ORDER BY position");
    let mut statement = connection.prepare_cached(&sql).map_err(database)?;
    let mut rows = statement.query(params![up_to.map(|day| day.to_string())]).map_err(database)?;
    while let Some(row) = rows.next().map_err(database)? {
        visit(recorded(row)?)?;
    }
    Ok(())
}

pub fn for_each_case_payload(
    connection: &Connection,
    up_to: Option<Date>,
    visit: &mut dyn FnMut(CasePayload<'_>) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    let mut statement = connection
        .prepare_cached(
            // Nearly every event is a case event: walking the table in
            // position order beats seeking each row through the category index.
            "SELECT position, stream, occurred_on, payload FROM events NOT INDEXED
             WHERE category = 'client' AND (?1 IS NULL OR occurred_on <= ?1) ORDER BY position",
        )
        .map_err(database)?;
    let mut rows = statement.query(params![up_to.map(|day| day.to_string())]).map_err(database)?;
    while let Some(row) = rows.next().map_err(database)? {
        let text = |index: usize| row.get_ref(index).and_then(|value| Ok(value.as_str()?)).map_err(database);
        visit(CasePayload {
            position: row.get::<_, i64>(0).map_err(database)? as u64,
            client: client_of(text(1)?)?,
            occurred_on: columns::date(text(2)?)?,
            payload: row.get_ref(3).and_then(|value| Ok(value.as_bytes()?)).map_err(database)?,
        })?;
    }
    Ok(())
}

fn client_of(stream: &str) -> Result<ClientId, StoreError> {
    stream
        .strip_prefix("client-")
        .and_then(|number| number.parse().ok())
        .map(ClientId)
        .ok_or_else(|| StoreError::Corrupt(format!("{stream:?} is not a client stream")))
}

pub fn case_stream_ends(connection: &Connection) -> Result<Vec<u64>, StoreError> {
    let mut statement = connection
        .prepare_cached("SELECT stream, last_position FROM streams WHERE category = 'client'")
        .map_err(database)?;
    let mut rows = statement.query([]).map_err(database)?;
    let mut ends = Vec::new();
    while let Some(row) = rows.next().map_err(database)? {
        let client = client_of(row.get_ref(0).and_then(|value| Ok(value.as_str()?)).map_err(database)?)?;
        let index = client.0 as usize - 1;
        if ends.len() <= index {
            ends.resize(index + 1, 0);
        }
        ends[index] = row.get::<_, i64>(1).map_err(database)? as u64;
    }
    Ok(ends)
}

pub fn client_count(connection: &Connection) -> Result<u32, StoreError> {
    connection
        .query_row("SELECT count(*) FROM streams WHERE category = ?1", params![StreamId::CLIENT_CATEGORY], |row| {
            row.get(0)
        })
        .map_err(database)
}

pub fn last_occurred_on(connection: &Connection) -> Result<Option<Date>, StoreError> {
    let last: Option<String> =
        connection.query_row("SELECT max(occurred_on) FROM events", [], |row| row.get(0)).map_err(database)?;
    columns::optional_date(last)
}
