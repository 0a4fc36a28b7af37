//! The Dutch pages, rendered on the server with askama templates; htmx
//! updates parts of a page where it helps, and every page reads without
//! JavaScript.
//!
//! Pages:
//! - `/` ([`inbox`]): the alert inbox (*werkvoorraad*); an OCO's clients.
//! - `/wachtlijst`, `/wachtlijst.csv` ([`waiting_list`]).
//! - `/clienten/{n}` and its forms ([`client`], [`actions`]).
//! - `/aanbieder` ([`provider`]): a provider's locations and intake.
//! - `/zoeken` ([`search`]), `/cijfers` ([`figures`]).
//! - `/aanbod` and its forms ([`aanbod`]): the supply register, free places.
//! - `/clienten/{n}/plekken` ([`plek_zoeken`]): the best places for a client.
//! - `/voorstel` ([`voorstel`]): a region's planning proposal.
//! - `/locaties/{n}/kandidaten` ([`kandidaten`]): the persons who fit a location.
//! - `/complexe-casussen`, `/complexe-casussen/{n}` and its forms, `/taken`
//!   ([`complex`]): complex cases and *my tasks*.
//! - `/signalen` and its forms ([`signals`]): the signals register.

mod aanbod;
mod actions;
pub mod assets;
mod client;
mod complex;
mod error;
mod figures;
pub mod format;
mod forms;
mod inbox;
mod kandidaten;
mod layout;
mod plek_zoeken;
mod provider;
mod search;
mod signals;
mod voorstel;
mod waiting_list;

use askama::Template;
use axum::Router;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use passend_domain::codes::{Region, Sector, WaitStatus};
use passend_domain::supply::SupplyDirectory;

pub use error::PageError;
pub use layout::{Layout, NavItem};

use crate::actor::{Actor, Role};
use crate::problem::ApiError;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(inbox::home))
        .route("/wachtlijst", get(waiting_list::page))
        .route("/wachtlijst.csv", get(waiting_list::csv))
        .route("/clienten/{client}", get(client::page))
        .route("/clienten/{client}/plekken", get(plek_zoeken::page))
        .route("/clienten/{client}/{action}", post(actions::submit))
        .route("/aanbieder", get(provider::page))
        .route("/zoeken", get(search::page))
        .route("/cijfers", get(figures::page))
        .route("/aanbod", get(aanbod::page))
        .route("/aanbod/{location}/{form}", post(aanbod::submit))
        .route("/voorstel", get(voorstel::page))
        .route("/complexe-casussen", get(complex::list).post(complex::open))
        .route("/complexe-casussen/{case}", get(complex::page))
        .route("/complexe-casussen/{case}/{form}", post(complex::submit))
        .route("/taken", get(complex::tasks))
        .route("/signalen", get(signals::page).post(signals::record))
        .route("/signalen/{signal}/{form}", post(signals::submit))
        .route("/locaties/{location}/kandidaten", get(kandidaten::page))
}

/// Renders a page with a status.
fn render(status: StatusCode, page: &impl Template) -> Result<Response, PageError> {
    let html = page.render().map_err(ApiError::internal)?;
    Ok((status, Html(html)).into_response())
}

/// One option of a select.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

impl Choice {
    pub fn new(value: impl Into<String>, label: impl Into<String>, selected: bool) -> Choice {
        Choice { value: value.into(), label: label.into(), selected }
    }
}

/// The options of a filter: "all" first, then one per value.
fn filter_choices<T>(
    all_label: &str,
    values: impl IntoIterator<Item = T>,
    current: Option<&str>,
    value: impl Fn(&T) -> String,
    label: impl Fn(&T) -> String,
) -> Vec<Choice> {
    let current = current.unwrap_or_default();
    let mut choices = vec![Choice::new("", all_label, current.is_empty())];
    for item in values {
        let item_value = value(&item);
        let selected = item_value == current;
        choices.push(Choice::new(item_value, label(&item), selected));
    }
    choices
}

/// The sector filter's options.
fn sector_choices(current: Option<&str>) -> Vec<Choice> {
    filter_choices(
        "Alle sectoren",
        Sector::ALL,
        current,
        |s| s.as_str().into(),
        |s| format!("{} ({})", s.label_nl(), s.as_str()),
    )
}

/// The wait-status filter's options.
fn status_choices(current: Option<&str>) -> Vec<Choice> {
    filter_choices("Alle statussen", WaitStatus::ALL, current, |s| s.token().into(), |s| s.label_nl().into())
}

/// The regions a person works in, for the region filters: a zorgkantoor's
/// own regions, a provider's head-office region.
fn actor_regions(actor: &Actor, supply: &SupplyDirectory) -> Vec<Region> {
    match &actor.role {
        Role::Zorgkantoor { regions } => regions.clone(),
        Role::Aanbieder { agb } => supply.provider(*agb).map(|provider| vec![provider.region]).unwrap_or_default(),
        Role::Oco { .. } | Role::Analist => Vec::new(),
    }
}

/// A query string of the non-empty pairs, with its `?` (empty when none).
fn query_string(pairs: &[(&str, &str)]) -> String {
    let pairs: Vec<(&str, &str)> = pairs.iter().copied().filter(|(_, value)| !value.is_empty()).collect();
    if pairs.is_empty() {
        return String::new();
    }
    format!("?{}", serde_urlencoded::to_string(pairs).unwrap_or_default())
}

/// A non-blank parameter, trimmed.
fn param(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|value| !value.is_empty())
}

/// A parameter that did not parse, named in Dutch.
fn bad_param(name: &str, error: &passend_domain::InvalidValue) -> ApiError {
    ApiError::bad_input(name, error.to_string(), format!("Filter {name}: {}", error.message_nl()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_strings_leave_out_empty_values() {
        assert_eq!(query_string(&[("a", ""), ("b", "")]), "");
        assert_eq!(query_string(&[("regio", "5532"), ("q", "van Dijk & zn")]), "?regio=5532&q=van+Dijk+%26+zn");
    }

    #[test]
    fn filters_offer_all_first() {
        let choices = filter_choices("Alle", [1, 2], Some("2"), |n| n.to_string(), |n| format!("n{n}"));
        assert_eq!(choices[0], Choice::new("", "Alle", false));
        assert!(choices[2].selected);
    }
}
