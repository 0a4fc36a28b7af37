//! `/aanbod`: the supply register as the regions see it: every location with
//! its provider, region, sector, care profiles and capacity, its free places
//! (regular and crisis) with the day they were reported and whether that
//! report is still fresh, and whether its waiting list is open. A provider
//! also keeps its own locations here: it reports free places and closes (with
//! a reason) or reopens a waiting list (`POST /aanbod/{location}/{form}`),
//! through [`supply_register`], the path the API takes too.

use std::collections::BTreeMap;
use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use jiff::civil::Date;
use passend_domain::codes::{CareProfile, Region, Sector};
use passend_domain::ids::LocationId;
use passend_domain::supply::{Location, SupplyDirectory};
use serde::Deserialize;

use super::format::{self, Names};
use super::{Choice, Layout, PageError, bad_param, filter_choices, param, query_string, render, sector_choices};
use crate::actor::{Actor, Role};
use crate::auth::{CsrfForm, PageSession, Session};
use crate::policy;
use crate::problem::ApiError;
use crate::state::{AppState, Service};
use crate::supply_register::{self, LocationChange};

/// Locations per page.
pub const PAGE_SIZE: usize = 50;

/// The query parameters of the page, as sent.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct SupplyParams {
    regio: Option<String>,
    sector: Option<String>,
    zorgprofiel: Option<String>,
    vrij: Option<String>,
    crisis: Option<String>,
    pagina: Option<String>,
    gelukt: Option<String>,
}

impl SupplyParams {
    /// The query string of the filters, on `page`.
    fn link(&self, page: usize) -> String {
        let page = page.to_string();
        query_string(&[
            ("regio", param(&self.regio).unwrap_or_default()),
            ("sector", param(&self.sector).unwrap_or_default()),
            ("zorgprofiel", param(&self.zorgprofiel).unwrap_or_default()),
            ("vrij", param(&self.vrij).unwrap_or_default()),
            ("crisis", param(&self.crisis).unwrap_or_default()),
            ("pagina", if page == "1" { "" } else { &page }),
        ])
    }
}

/// The filters, read.
struct Filters {
    region: Option<Region>,
    sector: Option<Sector>,
    care_profile: Option<CareProfile>,
    free_only: bool,
    crisis_only: bool,
    /// 1-based.
    page: usize,
}

fn parse(params: &SupplyParams) -> Result<Filters, ApiError> {
    let page = match param(&params.pagina) {
        None => 1,
        Some(text) => text.parse::<usize>().ok().filter(|page| (1..=100_000).contains(page)).ok_or_else(|| {
            ApiError::bad_input("pagina", format!("{text:?} is not a page"), format!("Pagina {text:?} bestaat niet."))
        })?,
    };
    Ok(Filters {
        region: param(&params.regio).map(Region::parse).transpose().map_err(|e| bad_param("regio", &e))?,
        sector: param(&params.sector).map(Sector::parse).transpose().map_err(|e| bad_param("sector", &e))?,
        care_profile: param(&params.zorgprofiel)
            .map(CareProfile::parse)
            .transpose()
            .map_err(|e| bad_param("zorgprofiel", &e))?,
        free_only: param(&params.vrij).is_some(),
        crisis_only: param(&params.crisis).is_some(),
        page,
    })
}

/// The forms a provider has for each of its locations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SupplyForm {
    FreePlaces,
    CloseList,
    ReopenList,
}

impl SupplyForm {
    /// The last segment of the form's path.
    pub fn segment(self) -> &'static str {
        match self {
            SupplyForm::FreePlaces => "vrije-plaatsen",
            SupplyForm::CloseList => "wachtlijst-sluiten",
            SupplyForm::ReopenList => "wachtlijst-openen",
        }
    }

    pub fn from_segment(segment: &str) -> Option<SupplyForm> {
        [SupplyForm::FreePlaces, SupplyForm::CloseList, SupplyForm::ReopenList]
            .into_iter()
            .find(|form| form.segment() == segment)
    }

    fn success(self) -> &'static str {
        match self {
            SupplyForm::FreePlaces => "Vrije plaatsen gemeld.",
            SupplyForm::CloseList => "Wachtlijst gesloten.",
            SupplyForm::ReopenList => "Wachtlijst heropend.",
        }
    }
}

#[derive(Template)]
#[template(path = "aanbod.html")]
struct SupplyPage {
    layout: Layout,
    success: Option<&'static str>,
    regions: Vec<Choice>,
    sectors: Vec<Choice>,
    profiles: Vec<Choice>,
    free_only: bool,
    crisis_only: bool,
    stale_after_days: u32,
    own: Vec<OwnLocation>,
    rows: Vec<SupplyRow>,
    total: usize,
    page: usize,
    pages: usize,
    previous: Option<String>,
    next: Option<String>,
    map: Vec<MapDot>,
}

/// A location as a row of the register.
struct SupplyRow {
    id: u32,
    name: String,
    provider: String,
    region: &'static str,
    sector: String,
    profiles: String,
    capacity: u32,
    crisis_beds: u32,
    free: String,
    crisis_free: String,
    reported_on: String,
    freshness: Freshness,
    list: String,
    closed: bool,
    /// The actor may ask for the persons who fit this location.
    candidates: bool,
}

/// Whether a report still holds: in words, with a class for the eye.
struct Freshness {
    text: String,
    class: &'static str,
}

/// One of the provider's own locations, with its forms.
struct OwnLocation {
    row: SupplyRow,
    /// The values in the free-places form: the sent ones after a failure, else the report's.
    free: String,
    occupied: String,
    crisis_free: String,
    reason: String,
    error: Option<(SupplyForm, String)>,
}

impl OwnLocation {
    fn error_of(&self, form: &str) -> Option<&str> {
        self.error.as_ref().filter(|(failed, _)| failed.segment() == form).map(|(_, message)| message.as_str())
    }
}

/// A location on the map of the Netherlands, in the viewBox's coordinates.
struct MapDot {
    x: String,
    y: String,
    label: String,
    has_free: bool,
}

/// A failed form, to show inside it.
struct Failure {
    location: LocationId,
    form: SupplyForm,
    message: String,
    sent: Vec<(String, String)>,
}

/// `GET /aanbod`.
pub async fn page(
    State(state): State<AppState>,
    PageSession(session): PageSession,
    Query(params): Query<SupplyParams>,
) -> Result<Response, PageError> {
    let success = param(&params.gelukt).and_then(SupplyForm::from_segment).map(SupplyForm::success);
    show(&state, &session, params, StatusCode::OK, success, None).await
}

/// `POST /aanbod/{location}/{form}`.
pub async fn submit(
    State(state): State<AppState>,
    Path((location, form)): Path<(String, String)>,
    CsrfForm(session, fields): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let not_found = |what: &'static str, what_nl: &'static str, id: &str| ApiError::NotFound {
        what,
        what_nl,
        id: id.chars().take(30).collect(),
    };
    let location = location.parse().map(LocationId).map_err(|_| not_found("location", "Locatie", &location))?;
    let form = SupplyForm::from_segment(&form).ok_or_else(|| not_found("form", "Formulier", &form))?;
    let today = state.today();
    let outcome = match change(form, &fields, today) {
        Ok(change) => supply_register::change_location(&state, Arc::clone(&session.actor), location, change).await,
        Err(error) => Err(error),
    };
    match outcome {
        Ok(()) => {
            let back = format!("/aanbod?gelukt={}#locatie-{location}", form.segment());
            Ok(Redirect::to(&back).into_response())
        }
        Err(error @ (ApiError::Supply(_) | ApiError::BadInput { .. })) => {
            tracing::info!(location = %location, form = form.segment(), error = %error, "supply form refused");
            let status = error.status();
            let failure = Failure { location, form, message: error.message_nl(), sent: fields };
            show(&state, &session, SupplyParams::default(), status, None, Some(failure)).await
        }
        Err(error) => Err(error.into()),
    }
}

/// The change a form asks for, from its fields; a free-places report holds for `today`.
fn change(form: SupplyForm, sent: &[(String, String)], today: Date) -> Result<LocationChange, ApiError> {
    let field = |name: &str| sent.iter().find(|(field, _)| field == name).map(|(_, value)| value.trim());
    Ok(match form {
        SupplyForm::FreePlaces => LocationChange::ReportFreePlaces {
            free: count(field("free"), "free", "Vrije plaatsen")?
                .ok_or_else(|| ApiError::bad_input("free", "free is required", "Vrije plaatsen: vul een aantal in."))?,
            occupied: count(field("occupied"), "occupied", "Bezette plaatsen")?,
            free_crisis_beds: count(field("free_crisis_beds"), "free_crisis_beds", "Vrije crisisbedden")?,
            reported_on: today,
        },
        SupplyForm::CloseList => {
            LocationChange::CloseWaitingList { reason: field("reason").unwrap_or_default().to_string() }
        }
        SupplyForm::ReopenList => LocationChange::ReopenWaitingList,
    })
}

/// A count from a form field: nothing when blank, else a whole number of 0 or more.
fn count(text: Option<&str>, field: &str, label_nl: &str) -> Result<Option<u32>, ApiError> {
    match text.filter(|text| !text.is_empty()) {
        None => Ok(None),
        Some(text) => text.parse().map(Some).map_err(|_| {
            ApiError::bad_input(
                field,
                format!("{text:?} is not a whole number of 0 or more"),
                format!("{label_nl}: {text:?} is geen heel getal van 0 of meer."),
            )
        }),
    }
}

/// Renders the page with `status`, a success message or a failed form.
async fn show(
    state: &AppState,
    session: &Session,
    params: SupplyParams,
    status: StatusCode,
    success: Option<&'static str>,
    failure: Option<Failure>,
) -> Result<Response, PageError> {
    // The supply register is about organisations, not persons: every
    // signed-in role reads it (policy.rs), an OCO to help its clients choose.
    let actor = Arc::clone(&session.actor);
    let today = state.today();
    let layout = Layout::new(session, "Aanbod", "/aanbod");
    let mut page = state.run(move |passend| build(passend, &actor, &params, today, layout, failure)).await?;
    page.success = success;
    render(status, &page)
}

fn build(
    passend: &Service,
    actor: &Actor,
    params: &SupplyParams,
    today: Date,
    layout: Layout,
    failure: Option<Failure>,
) -> Result<SupplyPage, ApiError> {
    let filters = parse(params)?;
    // Before the register's read lock: the staleness check takes it itself.
    let stale: BTreeMap<LocationId, i32> =
        passend.stale_free_places(today).into_iter().map(|report| (report.location, report.age_days)).collect();
    let stale_after_days = passend.policies().in_force_on(today).free_places_stale_after_days;
    let supply = passend.supply();
    let names = Names { supply: &supply };
    let row = |location: &Location| supply_row(location, &supply, &names, &stale, actor);

    let mut matching: Vec<&Location> =
        supply.locations().filter(|location| fits(location, &filters, &supply)).collect();
    matching.sort_by_cached_key(|location| {
        (region_of(location, &supply).map(Region::name), names.provider(location.provider), location.name.clone())
    });
    let total = matching.len();
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    let page = filters.page.min(pages);
    let rows = matching.iter().skip((page - 1) * PAGE_SIZE).take(PAGE_SIZE).map(|location| row(location)).collect();
    let map = matching.iter().map(|location| map_dot(location, &supply)).collect();

    let own = match &actor.role {
        Role::Aanbieder { agb } => {
            let mut own: Vec<&Location> = supply.locations().filter(|location| location.provider == *agb).collect();
            own.sort_by(|a, b| a.name.cmp(&b.name));
            own.into_iter().map(|location| own_location(row(location), location, &supply, failure.as_ref())).collect()
        }
        _ => Vec::new(),
    };

    Ok(SupplyPage {
        layout,
        success: None,
        regions: filter_choices(
            "Alle regio's",
            Region::all(),
            param(&params.regio),
            |r| r.cod001().to_string(),
            |r| r.name().into(),
        ),
        sectors: sector_choices(param(&params.sector)),
        profiles: filter_choices(
            "Alle zorgprofielen",
            CareProfile::all(),
            param(&params.zorgprofiel),
            |p| p.name().into(),
            |p| format::care_profile_label(*p),
        ),
        free_only: filters.free_only,
        crisis_only: filters.crisis_only,
        stale_after_days,
        own,
        rows,
        total,
        page,
        pages,
        previous: (page > 1).then(|| format!("/aanbod{}", params.link(page - 1))),
        next: (page < pages).then(|| format!("/aanbod{}", params.link(page + 1))),
        map,
    })
}

/// A location lies in the region of its provider's head office (the register
/// has no region per location; see `passend_match::input`).
fn region_of(location: &Location, supply: &SupplyDirectory) -> Option<Region> {
    supply.provider(location.provider).map(|provider| provider.region)
}

fn fits(location: &Location, filters: &Filters, supply: &SupplyDirectory) -> bool {
    let report = supply.free_places(location.id);
    filters.region.is_none_or(|region| region_of(location, supply) == Some(region))
        && filters.sector.is_none_or(|sector| location.sector == sector)
        && filters.care_profile.is_none_or(|profile| location.care_profiles.contains(&profile))
        && (!filters.free_only || report.is_some_and(|report| report.free > 0))
        && (!filters.crisis_only || report.and_then(|report| report.free_crisis_beds).is_some_and(|free| free > 0))
}

fn supply_row(
    location: &Location,
    supply: &SupplyDirectory,
    names: &Names<'_>,
    stale: &BTreeMap<LocationId, i32>,
    actor: &Actor,
) -> SupplyRow {
    let report = supply.free_places(location.id);
    let closure = supply.waiting_list_closure(location.id);
    let freshness = match (report, stale.get(&location.id)) {
        (None, _) => Freshness { text: "geen melding".to_string(), class: "geen-melding" },
        (Some(_), Some(age)) => Freshness { text: format!("verouderd, {age} dagen oud"), class: "verouderd" },
        (Some(_), None) => Freshness { text: "actueel".to_string(), class: "actueel" },
    };
    SupplyRow {
        id: location.id.0,
        name: location.name.clone(),
        provider: names.provider(location.provider),
        region: region_of(location, supply).map_or("–", Region::name),
        sector: format!("{} ({})", location.sector.label_nl(), location.sector.as_str()),
        profiles: location.care_profiles.iter().map(|profile| profile.name()).collect::<Vec<_>>().join(", "),
        capacity: location.capacity,
        crisis_beds: location.crisis_beds,
        free: report.map_or_else(|| "–".to_string(), |report| report.free.to_string()),
        crisis_free: report
            .and_then(|report| report.free_crisis_beds)
            .map_or_else(|| "–".to_string(), |free| free.to_string()),
        reported_on: report.map_or_else(|| "–".to_string(), |report| format::date(report.reported_on)),
        freshness,
        list: match closure {
            None => "open".to_string(),
            Some(closure) => format!("gesloten sinds {}: {}", format::date(closure.since), closure.reason),
        },
        closed: closure.is_some(),
        candidates: policy::may_rank_persons_for(actor, location.id, supply).is_ok(),
    }
}

fn own_location(
    row: SupplyRow,
    location: &Location,
    supply: &SupplyDirectory,
    failure: Option<&Failure>,
) -> OwnLocation {
    let report = supply.free_places(location.id);
    let reported = |value: Option<u32>| value.map_or_else(String::new, |value| value.to_string());
    let mut own = OwnLocation {
        row,
        free: reported(report.map(|report| report.free)),
        occupied: reported(report.and_then(|report| report.occupied)),
        crisis_free: reported(report.and_then(|report| report.free_crisis_beds)),
        reason: String::new(),
        error: None,
    };
    if let Some(failure) = failure.filter(|failure| failure.location == location.id) {
        let sent = |name: &str| {
            failure.sent.iter().find(|(field, _)| field == name).map(|(_, value)| value.clone()).unwrap_or_default()
        };
        match failure.form {
            SupplyForm::FreePlaces => {
                own.free = sent("free");
                own.occupied = sent("occupied");
                own.crisis_free = sent("free_crisis_beds");
            }
            SupplyForm::CloseList => own.reason = sent("reason"),
            SupplyForm::ReopenList => {}
        }
        own.error = Some((failure.form, failure.message.clone()));
    }
    own
}

/// The map's frame: the Netherlands between these latitudes and longitudes.
const MAP_SOUTH: f64 = 50.70;
const MAP_NORTH: f64 = 53.60;
const MAP_WEST: f64 = 3.30;
const MAP_EAST: f64 = 7.30;
/// The viewBox is 400 wide; its height keeps a degree of longitude at its
/// length at 52° north (about 0.62 of a degree of latitude).
const MAP_WIDTH: f64 = 400.0;
const MAP_HEIGHT: f64 = MAP_WIDTH * (MAP_NORTH - MAP_SOUTH) / ((MAP_EAST - MAP_WEST) * 0.6157);

fn map_dot(location: &Location, supply: &SupplyDirectory) -> MapDot {
    let x = (location.lon - MAP_WEST) / (MAP_EAST - MAP_WEST) * MAP_WIDTH;
    let y = (MAP_NORTH - location.lat) / (MAP_NORTH - MAP_SOUTH) * MAP_HEIGHT;
    let free = supply.free_places(location.id).map_or(0, |report| report.free);
    MapDot {
        x: format!("{:.1}", x.clamp(0.0, MAP_WIDTH)),
        y: format!("{:.1}", y.clamp(0.0, MAP_HEIGHT)),
        label: format!("{}: {free} vrij", location.name),
        has_free: free > 0,
    }
}

impl SupplyPage {
    /// The viewBox height, for the template.
    fn map_height(&self) -> String {
        format!("{MAP_HEIGHT:.0}")
    }

    fn map_with_free(&self) -> usize {
        self.map.iter().filter(|dot| dot.has_free).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_segments_round_trip() {
        for form in [SupplyForm::FreePlaces, SupplyForm::CloseList, SupplyForm::ReopenList] {
            assert_eq!(SupplyForm::from_segment(form.segment()), Some(form));
        }
        assert_eq!(SupplyForm::from_segment("iets"), None);
    }

    #[test]
    fn counts_are_whole_numbers_or_blank() {
        assert_eq!(count(Some("3"), "free", "Vrije plaatsen").unwrap(), Some(3));
        assert_eq!(count(Some(""), "free", "Vrije plaatsen").unwrap(), None);
        assert_eq!(count(None, "free", "Vrije plaatsen").unwrap(), None);
        let error = count(Some("-1"), "free", "Vrije plaatsen").unwrap_err();
        assert_eq!(error.message_nl(), "Vrije plaatsen: \"-1\" is geen heel getal van 0 of meer.");
    }

    #[test]
    fn filter_links_leave_out_the_first_page() {
        let params = SupplyParams { vrij: Some("ja".into()), ..SupplyParams::default() };
        assert_eq!(params.link(1), "?vrij=ja");
        assert_eq!(params.link(2), "?vrij=ja&pagina=2");
    }
}
