//! `/voorstel?regio=…`: the planning proposal of a zorgkantoor's region: which
//! waiting person could go to which free place (the free places of the region
//! and the crisis beds of every region), who cannot be placed and why, and
//! where places fall short per care profile. A proposal only: the provider
//! decides whom it admits.

use std::collections::BTreeMap;
use std::sync::Arc;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use jiff::civil::Date;
use passend_domain::case::CaseSummary;
use passend_domain::codes::Region;
use passend_domain::ids::ClientId;
use passend_match::candidates::km_nl;
use passend_match::proposal::Unplaced;
use passend_store::ClientQuery;
use serde::Deserialize;

use super::format::{self, Names};
use super::plek_zoeken::{client_name, exclusion_group, matching_error, points};
use super::{Choice, Layout, PageError, bad_param, param, render};
use crate::actor::{Actor, Role};
use crate::auth::PageSession;
use crate::policy::{self, Denied};
use crate::problem::ApiError;
use crate::state::{AppState, Service};

/// The persons named per reason of being unplaced; the rest are counted.
const EXAMPLES_PER_REASON: usize = 10;

#[derive(Debug, Default, Deserialize)]
pub struct ProposalParams {
    regio: Option<String>,
}

#[derive(Template)]
#[template(path = "voorstel.html")]
struct ProposalPage {
    layout: Layout,
    region: &'static str,
    regions: Vec<Choice>,
    waiting: usize,
    total_score: String,
    /// How far below the maximum the total may lie; 0 when proven.
    score_gap: i64,
    pairs: Vec<PairView>,
    hidden_pairs: usize,
    unplaced_total: usize,
    unplaced: Vec<UnplacedGroup>,
    shortage: Vec<ShortageRow>,
}

struct PairView {
    client: u32,
    name: String,
    status: &'static str,
    location: u32,
    location_name: String,
    km: String,
    score: String,
    crisis_bed: bool,
}

struct UnplacedGroup {
    reason: String,
    /// The full reason of the first person in the group.
    explanation: String,
    count: usize,
    /// The first few visible persons: number and name.
    clients: Vec<(u32, String)>,
    hidden: usize,
}

struct ShortageRow {
    region: &'static str,
    care_profile: String,
    persons: usize,
}

/// `GET /voorstel`.
pub async fn page(
    State(state): State<AppState>,
    PageSession(session): PageSession,
    Query(params): Query<ProposalParams>,
) -> Result<Response, PageError> {
    let Role::Zorgkantoor { regions } = &session.actor.role else {
        let role = session.actor.role.token();
        return Err(ApiError::from(Denied::RoleMayNot { role, action: "see the planning proposal" }).into());
    };
    let region = match param(&params.regio) {
        Some(text) => Region::parse(text).map_err(|error| bad_param("regio", &error))?,
        None => *regions.first().ok_or(ApiError::from(Denied::NotVisible))?,
    };
    policy::may_see_proposal(&session.actor, region).map_err(ApiError::from)?;
    let choices = regions
        .iter()
        .map(|choice| Choice::new(choice.cod001().to_string(), choice.name(), *choice == region))
        .collect();
    let actor = Arc::clone(&session.actor);
    let today = state.today();
    let layout = Layout::new(&session, format!("Voorstel {}", region.name()), "/voorstel");
    let mut page = state.run(move |passend| build(passend, &actor, region, today, layout)).await?;
    page.regions = choices;
    render(StatusCode::OK, &page)
}

fn build(
    passend: &Service,
    actor: &Actor,
    region: Region,
    today: Date,
    layout: Layout,
) -> Result<ProposalPage, ApiError> {
    let answer = passend.proposal(Some(region), today).map_err(matching_error)?;
    let supply = passend.supply();
    let names = Names { supply: &supply };
    // The persons the actor may see, by number: every other person is only counted.
    let query = ClientQuery {
        waiting_only: true,
        region: Some(region),
        ..ClientQuery::new(policy::client_scope(actor, &supply), usize::MAX)
    };
    let visible: BTreeMap<ClientId, CaseSummary> = passend
        .clients(&query)?
        .rows
        .into_iter()
        .filter(|summary| policy::may_see(actor, summary, &supply).is_ok())
        .map(|summary| (summary.client, summary))
        .collect();

    let proposal = &answer.proposal;
    let mut pairs = Vec::new();
    let mut hidden_pairs = 0;
    for pair in &proposal.placed {
        let person = &answer.demand[pair.demand];
        let place = &answer.supply[pair.supply];
        let Some(summary) = visible.get(&person.client) else {
            hidden_pairs += 1;
            continue;
        };
        pairs.push(PairView {
            client: person.client.0,
            name: client_name(summary),
            status: format::status_label(summary.status),
            location: place.location.0,
            location_name: names.location_with_provider(place.location),
            km: km_nl(pair.km),
            score: points(pair.score),
            crisis_bed: pair.crisis_bed,
        });
    }

    let mut groups: BTreeMap<String, UnplacedGroup> = BTreeMap::new();
    for (index, why) in &proposal.unplaced {
        let reason = unplaced_group(why);
        let group = groups.entry(reason.clone()).or_insert_with(|| UnplacedGroup {
            reason,
            explanation: why.message_nl(),
            count: 0,
            clients: Vec::new(),
            hidden: 0,
        });
        group.count += 1;
        let client = answer.demand[*index].client;
        match visible.get(&client) {
            Some(summary) if group.clients.len() < EXAMPLES_PER_REASON => {
                group.clients.push((client.0, client_name(summary)));
            }
            Some(_) => {}
            None => group.hidden += 1,
        }
    }
    let mut unplaced: Vec<UnplacedGroup> = groups.into_values().collect();
    unplaced.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.reason.cmp(&b.reason)));

    let shortage = proposal
        .shortage
        .iter()
        .map(|(key, persons)| ShortageRow {
            region: key.region.name(),
            care_profile: format::care_profile_label(key.care_profile),
            persons: *persons,
        })
        .collect();

    Ok(ProposalPage {
        layout,
        region: region.name(),
        regions: Vec::new(),
        waiting: answer.demand.len(),
        total_score: points(proposal.total_score),
        score_gap: proposal.score_gap,
        pairs,
        hidden_pairs,
        unplaced_total: proposal.unplaced.len(),
        unplaced,
        shortage,
    })
}

/// Why a person stays unplaced, without the particulars, to group by.
fn unplaced_group(why: &Unplaced) -> String {
    match why {
        Unplaced::NothingFits(exclusion) => {
            format!("Geen passende plaats met ruimte; meestal: {}", exclusion_group(exclusion))
        }
        Unplaced::OnlyPoorFits => "Alleen plaatsen die slecht passen".to_string(),
        Unplaced::Outcompeted => "Te weinig plaatsen: anderen gaan voor".to_string(),
    }
}
