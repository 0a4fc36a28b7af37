//! `/cijfers`: the distinct waiting persons of a region per status. No
//! personal data: a zorgkantoor sees its own regions, an analyst every region.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use passend_domain::codes::{Region, WaitStatus};
use serde::Deserialize;

use super::format;
use super::{Choice, Layout, PageError, bad_param, param, render};
use crate::auth::PageSession;
use crate::policy;
use crate::problem::ApiError;
use crate::state::AppState;

#[derive(Debug, Default, Deserialize)]
pub struct FigureParams {
    regio: Option<String>,
}

#[derive(Template)]
#[template(path = "cijfers.html")]
struct FiguresPage {
    layout: Layout,
    region: &'static str,
    today: String,
    regions: Vec<Choice>,
    rows: Vec<FigureRow>,
    official_total: u32,
    total: u32,
}

struct FigureRow {
    status: &'static str,
    token: &'static str,
    persons: u32,
}

/// `GET /cijfers`.
pub async fn page(
    State(state): State<AppState>,
    PageSession(session): PageSession,
    Query(params): Query<FigureParams>,
) -> Result<Response, PageError> {
    let regions = policy::figure_regions(&session.actor);
    if regions.is_empty() {
        let role = session.actor.role.token();
        return Err(ApiError::from(policy::Denied::RoleMayNot { role, action: "see region figures" }).into());
    }
    let chosen = param(&params.regio).map(Region::parse).transpose().map_err(|error| bad_param("regio", &error))?;
    if let Some(region) = chosen {
        policy::may_see_region_figures(&session.actor, region).map_err(ApiError::from)?;
    }
    let candidates = regions.clone();
    let (region, persons) = state
        .run(move |passend| match chosen {
            Some(region) => Ok((region, passend.region_waiting_persons(region)?)),
            // Without a choice: the region where most people wait.
            None => {
                let mut best = None;
                for region in candidates {
                    let persons = passend.region_waiting_persons(region)?;
                    let total: u32 = WaitStatus::ALL.into_iter().map(|status| persons.get(status)).sum();
                    if best.as_ref().is_none_or(|(most, _, _)| total > *most) {
                        best = Some((total, region, persons));
                    }
                }
                let (_, region, persons) = best.expect("at least one region");
                Ok((region, persons))
            }
        })
        .await?;
    let rows = WaitStatus::ALL
        .into_iter()
        .map(|status| FigureRow { status: status.label_nl(), token: status.token(), persons: persons.get(status) })
        .collect::<Vec<_>>();
    let total = rows.iter().map(|row| row.persons).sum();
    let page = FiguresPage {
        layout: Layout::new(&session, format!("Cijfers {}", region.name()), "/cijfers"),
        region: region.name(),
        today: format::date_long(state.today()),
        regions: regions
            .iter()
            .map(|option| Choice::new(option.cod001().to_string(), option.name(), *option == region))
            .collect(),
        rows,
        official_total: persons.official_total(),
        total,
    };
    render(StatusCode::OK, &page)
}
