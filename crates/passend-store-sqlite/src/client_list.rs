//! The client list: one page of a [`ClientQuery`] as SQL over
//! `client_summaries`, and its total.
//!
//! The statement is assembled from the query's scope, filters and sort, but
//! every value is a bound parameter: only fixed fragments of SQL are pasted.
//! A page costs one statement for its rows (see [`page_sql`]) and one cheap
//! one for the total (see [`total`]); both read the same snapshot.

use passend_domain::case::waiting_order::order_group;
use passend_domain::case::{CaseSummary, ListTarget};
use passend_domain::codes::{Classification, Region, WaitStatus};
use passend_store::{ClientPage, ClientQuery, ClientScope, ClientSort, StoreError, TextMatch, name_contains};
use rusqlite::functions::FunctionFlags;
use rusqlite::types::Value;
use rusqlite::{Connection, params_from_iter};

use crate::projections::{SUMMARY_COLUMNS, summary_row};
use crate::{columns, database};

/// The SQL function of the name search, `passend_name_contains(name,
/// part)`: [`name_contains`], so that the engine matches names exactly as
/// the contract defines it. SQLite's `LIKE` and `lower` fold ASCII letters
/// only, and clients are called Öztürk and Çelik; a function also needs no
/// escaping of `%` and `_`.
const NAME_CONTAINS: &str = "passend_name_contains";

/// Registers [`NAME_CONTAINS`] on a connection that may answer client lists.
pub fn register_functions(connection: &Connection) -> Result<(), StoreError> {
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC | FunctionFlags::SQLITE_INNOCUOUS;
    connection
        .create_scalar_function(NAME_CONTAINS, 2, flags, |context| {
            let name = context
                .get_raw(0)
                .as_str_or_null()
                .map_err(|error| rusqlite::Error::UserFunctionError(error.into()))?;
            let part = context.get_raw(1).as_str().map_err(|error| rusqlite::Error::UserFunctionError(error.into()))?;
            Ok(name.is_some_and(|name| name_contains(name, part)))
        })
        .map_err(database)
}

/// The condition of a query, as SQL terms joined by `AND`, and the values
/// they bind, in the order of their `?`s.
#[derive(Default)]
struct Filter {
    terms: Vec<String>,
    values: Vec<Value>,
}

impl Filter {
    fn term(&mut self, sql: &str, values: impl IntoIterator<Item = Value>) {
        self.terms.push(sql.to_string());
        self.values.extend(values);
    }

    /// `column = ?` for one value, `column IN (?, …)` for several.
    fn one_of(&mut self, column: &str, values: Vec<Value>) {
        let sql = match values.len() {
            1 => format!("{column} = ?"),
            count => format!("{column} IN ({})", placeholders(count)),
        };
        self.term(&sql, values);
    }

    fn sql(&self) -> String {
        if self.terms.is_empty() { String::new() } else { format!(" WHERE {}", self.terms.join(" AND ")) }
    }
}

fn placeholders(count: usize) -> String {
    vec!["?"; count].join(", ")
}

fn text(value: &str) -> Value {
    Value::Text(value.to_string())
}

/// The condition of a query, or `None` when its scope or text can match no one.
fn filter(query: &ClientQuery) -> Option<Filter> {
    let mut filter = Filter::default();
    match &query.scope {
        ClientScope::All => {}
        ClientScope::Regions(regions) if regions.is_empty() => return None,
        ClientScope::Regions(regions) => {
            filter.one_of("region", regions.iter().map(|region| region_value(*region)).collect())
        }
        ClientScope::Provider { agb, locations } => {
            let mut alternatives = vec!["dossierhouder = ?".to_string()];
            let mut values = vec![text(&agb.to_string())];
            if !locations.is_empty() {
                alternatives.push(format!("placed_at IN ({})", placeholders(locations.len())));
                values.extend(locations.iter().map(|location| Value::Integer(i64::from(location.0))));
            }
            // Waiting for the provider itself or for one of its locations.
            alternatives.push(format!(
                "client IN (SELECT client FROM waiting_list_entries WHERE target IN ({}))",
                placeholders(locations.len() + 1)
            ));
            values.push(text(&columns::target(ListTarget::Provider(*agb))));
            values.extend(locations.iter().map(|location| text(&columns::target(ListTarget::Location(*location)))));
            filter.term(&format!("({})", alternatives.join(" OR ")), values);
        }
        ClientScope::Oco(oco) => filter.term("oco_consent = ?", [Value::Integer(i64::from(oco.0))]),
        ClientScope::Nobody => return None,
    }
    if let Some(region) = query.region {
        filter.term("region = ?", [region_value(region)]);
    }
    if let Some(sector) = query.sector {
        filter.term("sector = ?", [text(sector.as_str())]);
    }
    if let Some(status) = query.status {
        // Implied by the status, but naming the range of its order groups
        // lets the waiting-order index read just that range.
        let (first, last) = order_groups(status);
        filter.term("status = ? AND order_group BETWEEN ? AND ?", [text(status.token()), first, last]);
    }
    if let Some(classification) = query.classification {
        filter.term("classification = ?", [text(classification.token())]);
    }
    if let Some(bridging) = query.bridging {
        filter.term("bridging = ?", [Value::Integer(i64::from(bridging))]);
    }
    if let Some(target) = query.waits_for {
        filter.term(
            "client IN (SELECT client FROM waiting_list_entries WHERE target = ?)",
            [text(&columns::target(target))],
        );
    }
    if query.waiting_only {
        // A client has a waiting-order group exactly while it has a status
        // (both come from its waiting), and the group is what the index holds.
        filter.term("order_group IS NOT NULL", []);
    }
    match query.text_match() {
        None => {}
        Some(TextMatch::Bsn(bsn)) => filter.term("bsn = ?", [text(bsn.as_str())]),
        Some(TextMatch::Client(client)) => filter.term("client = ?", [Value::Integer(i64::from(client.0))]),
        Some(TextMatch::Nothing) => return None,
        Some(TextMatch::Name(part)) => filter.term(&format!("{NAME_CONTAINS}(name, ?)"), [Value::Text(part)]),
    }
    Some(filter)
}

fn region_value(region: Region) -> Value {
    Value::Integer(i64::from(region.cod001()))
}

/// The first and last waiting-order group of a status, whatever its classification.
fn order_groups(status: WaitStatus) -> (Value, Value) {
    let groups = std::iter::once(None)
        .chain(Classification::ALL.map(Some))
        .map(|classification| columns::order_group(order_group(status, classification)));
    let (first, last) = groups.fold((u8::MAX, u8::MIN), |(first, last), group| (first.min(group), last.max(group)));
    (Value::Integer(i64::from(first)), Value::Integer(i64::from(last)))
}

/// The `ORDER BY` of a query. Each ends on the client, ascending, so pages
/// are stable; values some clients lack sort last in either direction.
fn order_by(query: &ClientQuery) -> String {
    let direction = if query.descending { "DESC" } else { "ASC" };
    // Without NULLs to place, plain order lets SQLite walk an index instead of sorting.
    let waiting = query.waiting_only || query.status.is_some();
    let nulls_last = |column: &str, known: bool| {
        if known { format!("{column} {direction}") } else { format!("{column} {direction} NULLS LAST") }
    };
    let main = match query.sort {
        ClientSort::WaitingOrder => {
            format!("{}, {}", nulls_last("order_group", waiting), nulls_last("waiting_since", waiting))
        }
        ClientSort::WaitingSince => nulls_last("waiting_since", waiting),
        ClientSort::NormDue => nulls_last("norm_due", false),
        ClientSort::Name => nulls_last("name", false),
        ClientSort::Client => return format!(" ORDER BY client {direction}"),
    };
    format!(" ORDER BY {main}, client ASC")
}

/// The SQL of a page and its bound values: the hot query. A summary row
/// holds the client's preferences and alerts too, so the page is one read.
///
/// LIMIT and OFFSET are written into the SQL as numbers (they are
/// `usize`s, never text): SQLite re-prepares a statement whose LIMIT is a
/// bound parameter at every execution, which cost the waiting list a third
/// of its time.
fn page_sql(query: &ClientQuery, filter: &Filter) -> (String, Vec<Value>) {
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS} FROM client_summaries{}{} LIMIT {} OFFSET {}",
        filter.sql(),
        order_by(query),
        i64::try_from(query.limit).unwrap_or(i64::MAX),
        i64::try_from(query.offset).unwrap_or(i64::MAX)
    );
    (sql, filter.values.clone())
}

/// One page of clients and the number that match in all.
pub fn clients(connection: &Connection, query: &ClientQuery) -> Result<ClientPage, StoreError> {
    let Some(filter) = filter(query) else { return Ok(ClientPage { total: 0, rows: Vec::new() }) };
    // One snapshot for the page and the total.
    let snapshot = connection.unchecked_transaction().map_err(database)?;
    let rows = page_rows(&snapshot, query, &filter)?;
    let total = total(&snapshot, query, &filter, rows.len())?;
    snapshot.finish().map_err(database)?;
    Ok(ClientPage { total, rows })
}

fn page_rows(connection: &Connection, query: &ClientQuery, filter: &Filter) -> Result<Vec<CaseSummary>, StoreError> {
    let (sql, values) = page_sql(query, filter);
    let mut statement = connection.prepare_cached(&sql).map_err(database)?;
    let mut result = statement.query(params_from_iter(values)).map_err(database)?;
    let mut rows = Vec::new();
    while let Some(row) = result.next().map_err(database)? {
        rows.push(summary_row(row)?);
    }
    Ok(rows)
}

/// The number of clients that match. A short page tells it outright; a
/// question about waiting clients by region, sector, status and bridging is
/// answered from `region_counts`, where every waiting client is counted in
/// exactly one cell; anything else is counted with the page's condition.
fn total(connection: &Connection, query: &ClientQuery, filter: &Filter, page: usize) -> Result<usize, StoreError> {
    if page < query.limit && (page > 0 || query.offset == 0) {
        return Ok(query.offset.saturating_add(page));
    }
    let (sql, values) = match counted_cells(query) {
        Some(cells) => (format!("SELECT coalesce(sum(persons), 0) FROM region_counts{}", cells.sql()), cells.values),
        None => (format!("SELECT count(*) FROM client_summaries{}", filter.sql()), filter.values.clone()),
    };
    let mut statement = connection.prepare_cached(&sql).map_err(database)?;
    let count: i64 = statement.query_row(params_from_iter(values), |row| row.get(0)).map_err(database)?;
    usize::try_from(count).map_err(|_| StoreError::Corrupt(format!("{count} clients")))
}

/// The `region_counts` cells a query counts, when its clients are exactly
/// the waiting persons of some cells.
fn counted_cells(query: &ClientQuery) -> Option<Filter> {
    let waiting = query.waiting_only || query.status.is_some();
    let other_filters = query.classification.is_some() || query.waits_for.is_some() || query.text_match().is_some();
    if !waiting || other_filters {
        return None;
    }
    let mut cells = Filter::default();
    match &query.scope {
        ClientScope::All => {}
        ClientScope::Regions(regions) => {
            cells.one_of("region", regions.iter().map(|region| region_value(*region)).collect())
        }
        ClientScope::Provider { .. } | ClientScope::Oco(_) | ClientScope::Nobody => return None,
    }
    if let Some(region) = query.region {
        cells.term("region = ?", [region_value(region)]);
    }
    if let Some(sector) = query.sector {
        cells.term("sector = ?", [text(sector.as_str())]);
    }
    if let Some(status) = query.status {
        cells.term("status = ?", [text(status.token())]);
    }
    if let Some(bridging) = query.bridging {
        cells.term("bridging = ?", [Value::Integer(i64::from(bridging))]);
    }
    Some(cells)
}

/// The hot query as SQLite runs it, for measuring and for the tests that
/// keep it from sorting a whole region.
pub fn query_plan(connection: &Connection, query: &ClientQuery) -> Result<(String, Vec<String>), StoreError> {
    let Some(filter) = filter(query) else { return Ok((String::new(), Vec::new())) };
    let (sql, values) = page_sql(query, &filter);
    let mut statement = connection.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).map_err(database)?;
    let mut rows = statement.query(params_from_iter(values)).map_err(database)?;
    let mut plan = Vec::new();
    while let Some(row) = rows.next().map_err(database)? {
        plan.push(row.get::<_, String>(3).map_err(database)?);
    }
    Ok((sql, plan))
}
