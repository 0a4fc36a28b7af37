//! `/zoeken?q=`: find a client by name, BSN or client number, within the
//! actor's scope.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use passend_domain::codes::WaitStatus;
use passend_store::{ClientQuery, ClientSort};
use serde::Deserialize;

use super::format::{self, Names};
use super::{Layout, PageError, param, render};
use crate::actor::Role;
use crate::auth::PageSession;
use crate::policy::{self, Denied};
use crate::problem::ApiError;
use crate::state::AppState;

const RESULTS: usize = 50;

#[derive(Debug, Default, Deserialize)]
pub struct SearchParams {
    q: Option<String>,
}

#[derive(Template)]
#[template(path = "zoeken.html")]
struct SearchPage {
    layout: Layout,
    text: String,
    searched: bool,
    total: usize,
    rows: Vec<ResultRow>,
    limit: usize,
}

struct ResultRow {
    client: u32,
    name: String,
    birth_date: String,
    bsn: String,
    region: &'static str,
    status: &'static str,
    status_token: &'static str,
    dossierhouder: String,
}

/// `GET /zoeken`.
pub async fn page(
    State(state): State<AppState>,
    PageSession(session): PageSession,
    Query(params): Query<SearchParams>,
) -> Result<Response, PageError> {
    if matches!(session.actor.role, Role::Analist) {
        return Err(ApiError::from(Denied::AggregatesOnly).into());
    }
    let text = param(&params.q).map(|text| text.chars().take(100).collect::<String>());
    let (rows, total) = match text.clone() {
        None => (Vec::new(), 0),
        Some(text) => {
            let actor = Arc::clone(&session.actor);
            state
                .run(move |passend| {
                    let supply = passend.supply();
                    let names = Names { supply: &supply };
                    let query = ClientQuery {
                        text: Some(text),
                        sort: ClientSort::Name,
                        ..ClientQuery::new(policy::client_scope(&actor, &supply), RESULTS)
                    };
                    let page = passend.clients(&query)?;
                    let rows = page
                        .rows
                        .iter()
                        .map(|summary| ResultRow {
                            client: summary.client.0,
                            name: summary.name.clone().unwrap_or_else(|| format!("Cliënt {}", summary.client)),
                            birth_date: format::date(summary.birth_date),
                            bsn: summary.bsn.map_or_else(|| "–".to_string(), |bsn| bsn.to_string()),
                            region: summary.region.name(),
                            status: format::status_label(summary.status),
                            status_token: summary.status.map_or("geen", WaitStatus::token),
                            dossierhouder: summary
                                .dossierhouder
                                .map_or_else(|| "–".to_string(), |agb| names.provider(agb)),
                        })
                        .collect();
                    Ok((rows, page.total))
                })
                .await?
        }
    };
    let page = SearchPage {
        layout: Layout::new(&session, "Zoeken", "/zoeken"),
        searched: text.is_some(),
        text: text.unwrap_or_default(),
        total,
        rows,
        limit: RESULTS,
    };
    render(StatusCode::OK, &page)
}
