//! `/wachtlijst`: the waiting clients within the actor's scope, filtered,
//! sorted and paged; `/wachtlijst.csv`: the same page as CSV. With the
//! `HX-Request` header the page answers with the table region only, for htmx.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use jiff::civil::Date;
use passend_domain::case::{CaseSummary, ListTarget};
use passend_domain::codes::{Classification, Region, Sector, WaitStatus};
use passend_domain::ids::LocationId;
use passend_domain::supply::SupplyDirectory;
use passend_store::{ClientQuery, ClientSort};
use serde::Deserialize;

use super::format::{self, Deadline, Names};
use super::{
    Choice, Layout, PageError, actor_regions, bad_param, filter_choices, param, query_string, render, sector_choices,
    status_choices,
};
use crate::actor::{Actor, Role};
use crate::auth::PageSession;
use crate::policy::{self, Denied};
use crate::problem::ApiError;
use crate::state::AppState;

/// Rows per page.
pub const PAGE_SIZE: usize = 50;

/// The query parameters of the waiting list, as sent.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct ListParams {
    regio: Option<String>,
    locatie: Option<String>,
    sector: Option<String>,
    status: Option<String>,
    classificatie: Option<String>,
    overbrugging: Option<String>,
    sorteer: Option<String>,
    aflopend: Option<String>,
    pagina: Option<String>,
}

impl ListParams {
    /// The query string of these parameters with some replaced.
    fn link(&self, sort: Option<&str>, descending: Option<bool>, page: Option<usize>) -> String {
        let page = page.map(|page| page.to_string());
        let descending = match descending {
            Some(true) => "ja",
            Some(false) => "",
            None => param(&self.aflopend).unwrap_or_default(),
        };
        query_string(&[
            ("regio", param(&self.regio).unwrap_or_default()),
            ("locatie", param(&self.locatie).unwrap_or_default()),
            ("sector", param(&self.sector).unwrap_or_default()),
            ("status", param(&self.status).unwrap_or_default()),
            ("classificatie", param(&self.classificatie).unwrap_or_default()),
            ("overbrugging", param(&self.overbrugging).unwrap_or_default()),
            ("sorteer", sort.or(param(&self.sorteer)).unwrap_or_default()),
            ("aflopend", descending),
            ("pagina", page.as_deref().or(param(&self.pagina)).unwrap_or_default()),
        ])
    }
}

/// The parameters, read.
struct Parsed {
    query: ClientQuery,
    /// 1-based.
    page: usize,
}

fn parse(params: &ListParams, actor: &Actor, supply: &SupplyDirectory) -> Result<Parsed, ApiError> {
    let location = match param(&params.locatie) {
        None => None,
        Some(text) => {
            let id = text.parse().ok().map(LocationId).filter(|id| supply.location(*id).is_some());
            Some(id.ok_or_else(|| {
                ApiError::bad_input(
                    "locatie",
                    format!("{text:?} is not a location"),
                    format!("Filter locatie: locatie {text:?} bestaat niet."),
                )
            })?)
        }
    };
    let bridging = match param(&params.overbrugging) {
        None => None,
        Some("ja") => Some(true),
        Some("nee") => Some(false),
        Some(other) => {
            return Err(ApiError::bad_input(
                "overbrugging",
                format!("{other:?} is not ja or nee"),
                format!("Filter overbrugging: {other:?} is niet ja of nee."),
            ));
        }
    };
    let sort = match param(&params.sorteer) {
        None => ClientSort::WaitingOrder,
        Some(token) => ClientSort::parse(token).ok_or_else(|| {
            ApiError::bad_input(
                "sorteer",
                format!("{token:?} is not a sort order"),
                format!("Sorteren op {token:?} kan niet."),
            )
        })?,
    };
    let page = match param(&params.pagina) {
        None => 1,
        Some(text) => text.parse::<usize>().ok().filter(|page| (1..=100_000).contains(page)).ok_or_else(|| {
            ApiError::bad_input("pagina", format!("{text:?} is not a page"), format!("Pagina {text:?} bestaat niet."))
        })?,
    };
    let query = ClientQuery {
        waiting_only: true,
        region: param(&params.regio).map(Region::parse).transpose().map_err(|e| bad_param("regio", &e))?,
        sector: param(&params.sector).map(Sector::parse).transpose().map_err(|e| bad_param("sector", &e))?,
        status: param(&params.status).map(WaitStatus::parse_token).transpose().map_err(|e| bad_param("status", &e))?,
        classification: param(&params.classificatie)
            .map(Classification::parse_token)
            .transpose()
            .map_err(|e| bad_param("classificatie", &e))?,
        bridging,
        waits_for: location.map(ListTarget::Location),
        sort,
        descending: param(&params.aflopend).is_some_and(|value| value == "ja" || value == "1" || value == "true"),
        offset: (page - 1) * PAGE_SIZE,
        ..ClientQuery::new(policy::client_scope(actor, supply), PAGE_SIZE)
    };
    Ok(Parsed { query, page })
}

/// One row, as both the table and the CSV show it.
pub struct WaitRow {
    client: u32,
    name: String,
    status: &'static str,
    status_token: &'static str,
    classification: &'static str,
    waiting_since: String,
    waiting_days: String,
    norm_date: String,
    norm: Option<Deadline>,
    bridging: &'static str,
    preferences: String,
}

const CSV_HEADER: [&str; 9] = [
    "Nr.",
    "Cliënt",
    "Status",
    "Classificatie",
    "Wachtend sinds",
    "Wachtdagen",
    "Normdatum",
    "Overbrugging",
    "Voorkeuren",
];

impl WaitRow {
    fn of(summary: &CaseSummary, names: &Names<'_>, today: Date) -> WaitRow {
        WaitRow {
            client: summary.client.0,
            name: summary.name.clone().unwrap_or_else(|| format!("Cliënt {}", summary.client)),
            status: format::status_label(summary.status),
            status_token: summary.status.map_or("geen", WaitStatus::token),
            classification: format::classification_label(summary.classification),
            waiting_since: format::date_or_dash(summary.waiting_since),
            waiting_days: summary
                .waiting_since
                .map_or_else(|| "–".to_string(), |since| format::days_since(since, today).to_string()),
            norm_date: format::date_or_dash(summary.norm_due),
            norm: summary.norm_due.map(|due| format::deadline(due, today)),
            bridging: format::yes_no(summary.bridging),
            preferences: names.targets(&summary.preferences),
        }
    }

    /// The cells of the CSV: the table's columns, as text.
    fn cells(&self) -> [String; 9] {
        let norm = match &self.norm {
            Some(deadline) => format!("{} ({})", self.norm_date, deadline.text),
            None => self.norm_date.clone(),
        };
        [
            self.client.to_string(),
            self.name.clone(),
            self.status.to_string(),
            self.classification.to_string(),
            self.waiting_since.clone(),
            self.waiting_days.clone(),
            norm,
            self.bridging.to_string(),
            self.preferences.clone(),
        ]
    }
}

/// A sortable column header.
pub struct SortHeader {
    label: &'static str,
    href: String,
    /// `ascending`, `descending` or `none`, for `aria-sort`.
    aria_sort: &'static str,
}

/// The table region: what htmx swaps.
pub struct ListView {
    total: usize,
    rows: Vec<WaitRow>,
    page: usize,
    pages: usize,
    previous: Option<String>,
    next: Option<String>,
    csv: String,
    headers: Vec<SortHeader>,
    location: Option<String>,
}

impl ListView {
    fn header(&self, label: &str) -> Option<&SortHeader> {
        self.headers.iter().find(|header| header.label == label)
    }
}

#[derive(Template)]
#[template(path = "wachtlijst.html")]
struct ListPage {
    layout: Layout,
    view: ListView,
    regions: Vec<Choice>,
    locations: Vec<Choice>,
    sectors: Vec<Choice>,
    statuses: Vec<Choice>,
    classifications: Vec<Choice>,
    bridging: Vec<Choice>,
    sorts: Vec<Choice>,
    descending: bool,
}

#[derive(Template)]
#[template(path = "wachtlijst_tabel.html")]
struct ListFragment {
    view: ListView,
}

fn may_see_list(actor: &Actor) -> Result<(), ApiError> {
    match &actor.role {
        Role::Zorgkantoor { .. } | Role::Aanbieder { .. } => Ok(()),
        Role::Oco { .. } => Err(Denied::RoleMayNot { role: "oco", action: "see the waiting list" }.into()),
        Role::Analist => Err(Denied::AggregatesOnly.into()),
    }
}

/// Runs the query of the parameters and returns the rows with the total.
async fn rows(
    state: &AppState,
    actor: &Arc<Actor>,
    params: &ListParams,
) -> Result<(Parsed, Vec<WaitRow>, usize, Filters), ApiError> {
    let actor = Arc::clone(actor);
    let params = params.clone();
    let today = state.today();
    state
        .run(move |passend| {
            let supply = passend.supply();
            let parsed = parse(&params, &actor, &supply)?;
            let page = passend.clients(&parsed.query)?;
            let names = Names { supply: &supply };
            let rows = page.rows.iter().map(|summary| WaitRow::of(summary, &names, today)).collect();
            let filters = filters(&actor, &supply, &params, &parsed);
            Ok((parsed, rows, page.total, filters))
        })
        .await
}

/// The options of the filter form.
struct Filters {
    regions: Vec<Choice>,
    locations: Vec<Choice>,
    location_name: Option<String>,
}

fn filters(actor: &Actor, supply: &SupplyDirectory, params: &ListParams, parsed: &Parsed) -> Filters {
    let names = Names { supply };
    let mut regions = actor_regions(actor, supply);
    if let Some(region) = parsed.query.region
        && !regions.contains(&region)
    {
        regions.push(region);
    }
    let own_regions = actor_regions(actor, supply);
    let mut locations: Vec<_> = supply
        .locations()
        .filter(|location| match &actor.role {
            Role::Aanbieder { agb } => location.provider == *agb,
            _ => supply.provider(location.provider).is_none_or(|provider| own_regions.contains(&provider.region)),
        })
        .map(|location| (names.provider(location.provider), location.name.clone(), location.id))
        .collect();
    locations.sort();
    let location_name = match parsed.query.waits_for {
        Some(ListTarget::Location(id)) => Some(names.location_with_provider(id)),
        _ => None,
    };
    Filters {
        regions: filter_choices(
            "Alle regio's",
            regions,
            param(&params.regio),
            |r| r.cod001().to_string(),
            |r| r.name().into(),
        ),
        locations: filter_choices(
            "Alle locaties",
            locations,
            param(&params.locatie),
            |(_, _, id)| id.to_string(),
            |(provider, name, _)| format!("{name} ({provider})"),
        ),
        location_name,
    }
}

fn view(params: &ListParams, parsed: &Parsed, rows: Vec<WaitRow>, total: usize, location: Option<String>) -> ListView {
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    let sort = parsed.query.sort;
    let descending = parsed.query.descending;
    let header = |label: &'static str, column: ClientSort| {
        let current = sort == column;
        SortHeader {
            label,
            href: format!("/wachtlijst{}", params.link(Some(column.token()), Some(current && !descending), Some(1))),
            aria_sort: match (current, descending) {
                (false, _) => "none",
                (true, false) => "ascending",
                (true, true) => "descending",
            },
        }
    };
    ListView {
        total,
        rows,
        page: parsed.page,
        pages,
        previous: (parsed.page > 1).then(|| format!("/wachtlijst{}", params.link(None, None, Some(parsed.page - 1)))),
        next: (parsed.page < pages).then(|| format!("/wachtlijst{}", params.link(None, None, Some(parsed.page + 1)))),
        csv: format!("/wachtlijst.csv{}", params.link(None, None, None)),
        headers: vec![
            header("Nr.", ClientSort::Client),
            header("Cliënt", ClientSort::Name),
            header("Status", ClientSort::WaitingOrder),
            header("Wachtend sinds", ClientSort::WaitingSince),
            header("Normdatum", ClientSort::NormDue),
        ],
        location,
    }
}

fn is_htmx_fragment(headers: &HeaderMap) -> bool {
    let flag = |name: &str| headers.get(name).is_some_and(|value| value.as_bytes() == b"true");
    flag("hx-request") && !flag("hx-history-restore-request")
}

/// `GET /wachtlijst`.
pub async fn page(
    State(state): State<AppState>,
    PageSession(session): PageSession,
    headers: HeaderMap,
    Query(params): Query<ListParams>,
) -> Result<Response, PageError> {
    may_see_list(&session.actor)?;
    let (parsed, rows, total, filters) = rows(&state, &session.actor, &params).await?;
    let view = view(&params, &parsed, rows, total, filters.location_name);
    let mut response = if is_htmx_fragment(&headers) {
        render(StatusCode::OK, &ListFragment { view })?
    } else {
        let query = &parsed.query;
        let page = ListPage {
            layout: Layout::new(&session, "Wachtlijst", "/wachtlijst"),
            view,
            regions: filters.regions,
            locations: filters.locations,
            sectors: sector_choices(param(&params.sector)),
            statuses: status_choices(param(&params.status)),
            classifications: filter_choices(
                "Alle classificaties",
                Classification::ALL,
                param(&params.classificatie),
                |c| c.token().into(),
                |c| format!("{} {}", c.code(), c.label_nl()),
            ),
            bridging: filter_choices(
                "Alle",
                ["ja", "nee"],
                param(&params.overbrugging),
                |v| v.to_string(),
                |v| {
                    if *v == "ja" { "Alleen in overbrugging".to_string() } else { "Niet in overbrugging".to_string() }
                },
            ),
            sorts: ClientSort::ALL
                .into_iter()
                .map(|sort| Choice::new(sort.token(), sort_label(sort), sort == query.sort))
                .collect(),
            descending: query.descending,
        };
        render(StatusCode::OK, &page)?
    };
    response.headers_mut().insert(header::VARY, HeaderValue::from_static("HX-Request"));
    Ok(response)
}

fn sort_label(sort: ClientSort) -> &'static str {
    match sort {
        ClientSort::WaitingOrder => "Wachtlijstvolgorde",
        ClientSort::WaitingSince => "Wachtend sinds",
        ClientSort::NormDue => "Normdatum",
        ClientSort::Name => "Naam",
        ClientSort::Client => "Cliëntnummer",
    }
}

/// `GET /wachtlijst.csv`: the rows and columns of the same page.
pub async fn csv(
    State(state): State<AppState>,
    PageSession(session): PageSession,
    Query(params): Query<ListParams>,
) -> Result<Response, PageError> {
    may_see_list(&session.actor)?;
    let (_, rows, _, _) = rows(&state, &session.actor, &params).await?;
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(CSV_HEADER).map_err(ApiError::internal)?;
    for row in &rows {
        writer.write_record(row.cells()).map_err(ApiError::internal)?;
    }
    let body = writer.into_inner().map_err(ApiError::internal)?;
    let disposition = format!("attachment; filename=\"wachtlijst-{}.csv\"", state.today());
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        body,
    )
        .into_response())
}
