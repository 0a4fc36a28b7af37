//! The matcher's three questions, each answered with its explanation:
//!
//! - `GET /api/v1/clients/{client}/places`: the best places for a waiting
//!   client across every region (crisis beds for urgent clients), each with
//!   the terms of its score, and every location that cannot take the client
//!   grouped by the reason (*waarom niet?*);
//! - `GET /api/v1/locations/{location}/candidates`: the waiting persons who
//!   fit a location, in the default order of the rules (the provider
//!   decides), each person shown only to who may see them;
//! - `GET /api/v1/regions/{region}/proposal`: the planning proposal of a
//!   region: the proposed pairs, the persons who cannot be placed and why,
//!   and the shortage per care profile.
//!
//! The matcher proposes and explains; it records nothing.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::{RawQuery, State};
use passend_domain::case::CaseSummary;
use passend_domain::codes::Region;
use passend_domain::ids::{ClientId, LocationId};
use passend_domain::supply::SupplyDirectory;
use passend_match::candidates::{Demand, Exclusion, Supply};
use passend_match::proposal::Unplaced;
use passend_match::ranking::Ranked;
use passend_match::score::Score;
use passend_store::matching::MatchingError;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::extract::{PathParam, QueryParams};
use super::view::{Code, LocationRef, RegionRef};
use crate::actor::Actor;
use crate::auth::ApiSession;
use crate::cases;
use crate::policy;
use crate::problem::{ApiError, Problem};
use crate::state::{AppState, Service};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(places_for_client))
        .routes(routes!(persons_for_location))
        .routes(routes!(region_proposal))
}

/// The most places one answer ranks.
pub const MAX_PLACES: usize = 100;
/// How many locations an answer names per reason of exclusion; the count
/// says how many there are in all.
pub const EXAMPLES_PER_REASON: usize = 25;

/// A score and the terms it is the sum of.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ScoreView {
    pub total: i64,
    pub terms: Vec<TermView>,
}

/// One term of a score: what it measures, its input, its points.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TermView {
    /// `urgency`, `waiting_time`, `preference`, `distance`, `context_fit` or `bridging`.
    pub term: String,
    pub label_nl: &'static str,
    /// The input in words, e.g. "12,4 km", "voorkeur 2".
    pub input_nl: String,
    pub points: i64,
}

impl From<&Score> for ScoreView {
    fn from(score: &Score) -> ScoreView {
        let terms = score
            .terms
            .iter()
            .map(|term| TermView {
                term: serde_json::to_value(term.term)
                    .ok()
                    .and_then(|value| value.as_str().map(str::to_string))
                    .unwrap_or_default(),
                label_nl: term.term.label_nl(),
                input_nl: term.input_nl.clone(),
                points: term.points,
            })
            .collect();
        ScoreView { total: score.total, terms }
    }
}

/// A place proposed for a client.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlaceView {
    /// 1 for the best.
    pub rank: usize,
    pub location: LocationRef,
    pub region: RegionRef,
    pub km: f64,
    /// Free regular places at the location.
    pub free: u32,
    /// Free crisis beds at the location (offered to urgent clients only).
    pub free_crisis_beds: u32,
    pub score: ScoreView,
}

/// Locations excluded for one reason.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExclusionGroup {
    /// E.g. `too_far`, `missing_expertise`, `no_free_place`.
    pub reason: &'static str,
    /// The reason for the first location of the group, in Dutch.
    pub message_nl: String,
    pub count: usize,
    /// The first locations of the group, each with its own reason.
    pub examples: Vec<ExcludedView>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ExcludedView {
    pub location: LocationRef,
    pub message_nl: String,
}

/// The client as the matcher sees them.
#[derive(Debug, Serialize, ToSchema)]
pub struct DemandView {
    #[schema(value_type = u32)]
    pub client: ClientId,
    pub region: RegionRef,
    /// The care profile, e.g. `5VV`.
    pub care_profile: &'static str,
    /// The group of the default waiting order, e.g. `urgent`, `actief`.
    pub order_group: String,
    pub max_km: Option<u32>,
    /// Expertise tags a location must have.
    pub needs: Vec<&'static str>,
    /// Context tags wished for: they add to the score.
    pub wishes: Vec<&'static str>,
    /// The client's own tags that a location may exclude.
    pub conditions: Vec<&'static str>,
    /// The partner to be admitted together, when both name each other.
    #[schema(value_type = Option<u32>)]
    pub partner: Option<ClientId>,
}

impl From<&Demand> for DemandView {
    fn from(demand: &Demand) -> DemandView {
        let tokens = |set: passend_match::tags::TagSet| set.iter().map(|tag| tag.tag().tag).collect();
        DemandView {
            client: demand.client,
            region: demand.region.into(),
            care_profile: demand.care_profile.name(),
            order_group: serde_json::to_value(demand.order.group)
                .ok()
                .and_then(|value| value.as_str().map(str::to_string))
                .unwrap_or_default(),
            max_km: demand.max_km,
            needs: tokens(demand.needs),
            wishes: tokens(demand.wishes),
            conditions: tokens(demand.conditions),
            partner: demand.partner,
        }
    }
}

/// The best places for a client and why the others do not fit.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlacesAnswerView {
    pub client: DemandView,
    pub places: Vec<PlaceView>,
    /// Locations that cannot take the client, by reason, most common first.
    pub excluded: Vec<ExclusionGroup>,
    pub excluded_total: usize,
}

/// The best places for a client across every region, each with the terms
/// of its score, and every location that cannot take the client grouped by
/// the reason. `k` places (default 10, at most 100).
#[utoipa::path(
    get,
    path = "/api/v1/clients/{client}/places",
    tag = "matching",
    params(
        ("client" = u32, Path, description = "The client's number"),
        ("k" = Option<usize>, Query, description = "How many places to rank (default 10, at most 100)"),
    ),
    responses(
        (status = 200, description = "The ranked places and the excluded ones by reason", body = PlacesAnswerView),
        (status = 400, description = "Malformed path or parameter", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The client is not visible to you", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such client", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The client is not waiting for a place", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn places_for_client(
    State(state): State<AppState>,
    ApiSession(session): ApiSession,
    PathParam(client): PathParam<ClientId>,
    RawQuery(raw): RawQuery,
) -> Result<Json<PlacesAnswerView>, ApiError> {
    let params = QueryParams::parse(raw.as_deref(), &["k"])?;
    let k = params.number("k", MAX_PLACES)?.unwrap_or(10).max(1);
    let actor = session.actor.clone();
    let today = state.today();
    state
        .run(move |passend| {
            cases::visible_summary(passend, &actor, client)?;
            let answer = passend.places_for_client(client, k, today).map_err(matching_error)?;
            let supply = passend.supply();
            let places = answer
                .places
                .best
                .iter()
                .enumerate()
                .map(|(rank, ranked)| place_view(rank + 1, ranked, &answer.supply[ranked.index], &supply))
                .collect();
            let excluded = exclusion_groups(
                answer.places.excluded.iter().map(|excluded| (excluded.why, &answer.supply[excluded.index])),
                &supply,
            );
            Ok(Json(PlacesAnswerView {
                client: DemandView::from(&answer.demand),
                places,
                excluded_total: answer.places.excluded.len(),
                excluded,
            }))
        })
        .await
}

fn place_view(rank: usize, ranked: &Ranked, place: &Supply, supply: &SupplyDirectory) -> PlaceView {
    PlaceView {
        rank,
        location: LocationRef::new(place.location, supply),
        region: place.region.into(),
        km: round_km(ranked.km),
        free: place.free,
        free_crisis_beds: place.crisis_free,
        score: ScoreView::from(&ranked.score),
    }
}

/// Groups exclusions by their kind, the most common kind first.
pub fn exclusion_groups<'a>(
    excluded: impl Iterator<Item = (Exclusion, &'a Supply)>,
    supply: &SupplyDirectory,
) -> Vec<ExclusionGroup> {
    let mut groups: BTreeMap<&'static str, ExclusionGroup> = BTreeMap::new();
    for (why, place) in excluded {
        let group = groups.entry(why.token()).or_insert_with(|| ExclusionGroup {
            reason: why.token(),
            message_nl: why.message_nl(),
            count: 0,
            examples: Vec::new(),
        });
        group.count += 1;
        if group.examples.len() < EXAMPLES_PER_REASON {
            group.examples.push(ExcludedView {
                location: LocationRef::new(place.location, supply),
                message_nl: why.message_nl(),
            });
        }
    }
    let mut groups: Vec<ExclusionGroup> = groups.into_values().collect();
    groups.sort_by(|a, b| b.count.cmp(&a.count).then(a.reason.cmp(b.reason)));
    groups
}

/// A person who fits a location.
#[derive(Debug, Serialize, ToSchema)]
pub struct CandidateView {
    /// 1 for the first in the default order of the rules.
    pub position: usize,
    #[schema(value_type = u32)]
    pub client: ClientId,
    pub name: Option<String>,
    pub status: Option<Code>,
    #[schema(value_type = Option<String>, format = Date)]
    pub waiting_since: Option<jiff::civil::Date>,
    pub km: f64,
    pub score: ScoreView,
}

/// The persons who fit a location.
#[derive(Debug, Serialize, ToSchema)]
pub struct CandidatesView {
    pub location: LocationRef,
    /// Free regular places and crisis beds now.
    pub free: u32,
    pub free_crisis_beds: u32,
    /// The fitting persons you may see, in the default order of the rules.
    pub candidates: Vec<CandidateView>,
    /// Fitting persons you may not see (counted, never named).
    pub not_visible: usize,
}

/// The waiting persons who fit a location, in the default order of the
/// rules, each with the score that explains the fit: those living in its
/// region and those anywhere who wait for it or its provider. Asked by the
/// location's provider or a zorgkantoor; each person is shown only to who
/// may see them, the others are counted.
#[utoipa::path(
    get,
    path = "/api/v1/locations/{location}/candidates",
    tag = "matching",
    params(("location" = u32, Path, description = "The location's number")),
    responses(
        (status = 200, description = "The fitting persons in the default order", body = CandidatesView),
        (status = 400, description = "Malformed path", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not your location", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such location", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn persons_for_location(
    State(state): State<AppState>,
    ApiSession(session): ApiSession,
    PathParam(location): PathParam<LocationId>,
) -> Result<Json<CandidatesView>, ApiError> {
    let actor = session.actor.clone();
    let today = state.today();
    state
        .run(move |passend| {
            crate::supply_register::known_location(passend, location)?;
            policy::may_rank_persons_for(&actor, location, &passend.supply())?;
            let answer = passend.persons_for_location(location, today).map_err(matching_error)?;
            let mut candidates = Vec::new();
            let mut not_visible = 0;
            for ranked in &answer.ranked {
                let client = answer.demand[ranked.index].client;
                match visible(passend, &actor, client)? {
                    Some(summary) => candidates.push(CandidateView {
                        position: candidates.len() + not_visible + 1,
                        client,
                        name: summary.name.clone(),
                        status: summary.status.map(Code::status),
                        waiting_since: summary.waiting_since,
                        km: round_km(ranked.km),
                        score: ScoreView::from(&ranked.score),
                    }),
                    None => not_visible += 1,
                }
            }
            Ok(Json(CandidatesView {
                location: LocationRef::new(location, &passend.supply()),
                free: answer.location.free,
                free_crisis_beds: answer.location.crisis_free,
                candidates,
                not_visible,
            }))
        })
        .await
}

/// The client's summary when the actor may see it.
fn visible(passend: &Service, actor: &Actor, client: ClientId) -> Result<Option<CaseSummary>, ApiError> {
    let Some(summary) = passend.summary(client)? else { return Ok(None) };
    Ok(policy::may_see(actor, &summary, &passend.supply()).is_ok().then_some(summary))
}

/// A proposed placement.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProposedView {
    #[schema(value_type = u32)]
    pub client: ClientId,
    pub location: LocationRef,
    /// The place is a crisis bed.
    pub crisis_bed: bool,
    pub km: f64,
    pub score: i64,
}

/// Persons without a place for one reason.
#[derive(Debug, Serialize, ToSchema)]
pub struct UnplacedGroup {
    /// `outcompeted`, `only_poor_fits` or `nothing_fits:<exclusion>`.
    pub reason: String,
    pub message_nl: String,
    /// Whether supply falls short for them (the shortage signal).
    pub shortage: bool,
    #[schema(value_type = Vec<u32>)]
    pub clients: Vec<ClientId>,
}

/// Persons short of a place per care profile.
#[derive(Debug, Serialize, ToSchema)]
pub struct ShortageView {
    pub care_profile: &'static str,
    pub persons: usize,
}

/// A region's planning proposal.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProposalView {
    pub region: RegionRef,
    /// Waiting persons weighed, and free places and crisis beds offered.
    pub persons: usize,
    pub free_places: u64,
    pub free_crisis_beds: u64,
    pub placed: Vec<ProposedView>,
    pub unplaced: Vec<UnplacedGroup>,
    pub shortage: Vec<ShortageView>,
    /// The summed score of the placements: the most any assignment with
    /// partners together reaches, or at most `score_gap` below it.
    pub total_score: i64,
    /// 0 when `total_score` is proven the maximum; otherwise how far below
    /// the maximum it may lie (the partners' search stopped at its budget).
    pub score_gap: i64,
}

/// The planning proposal of a region: the assignment of its waiting persons
/// to its free places (and the free crisis beds of every region, for urgent
/// persons) that fits best in sum, the persons who cannot be placed and
/// why, and the shortage per care profile. A proposal places nobody: the
/// mediator and the provider decide. For the region's zorgkantoor only.
#[utoipa::path(
    get,
    path = "/api/v1/regions/{region}/proposal",
    tag = "matching",
    params(("region" = String, Path, description = "Region name or COD001 code")),
    responses(
        (status = 200, description = "The proposal", body = ProposalView),
        (status = 400, description = "Not a region", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not your region", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn region_proposal(
    State(state): State<AppState>,
    ApiSession(session): ApiSession,
    PathParam(region): PathParam<Region>,
) -> Result<Json<ProposalView>, ApiError> {
    policy::may_see_proposal(&session.actor, region)?;
    let today = state.today();
    state
        .run(move |passend| {
            let answer = passend.proposal(Some(region), today).map_err(matching_error)?;
            let supply = passend.supply();
            let placed = answer
                .proposal
                .placed
                .iter()
                .map(|proposed| ProposedView {
                    client: answer.demand[proposed.demand].client,
                    location: LocationRef::new(answer.supply[proposed.supply].location, &supply),
                    crisis_bed: proposed.crisis_bed,
                    km: round_km(proposed.km),
                    score: proposed.score,
                })
                .collect();
            let mut groups: BTreeMap<String, UnplacedGroup> = BTreeMap::new();
            for (person, why) in &answer.proposal.unplaced {
                let group = groups.entry(unplaced_token(why)).or_insert_with(|| UnplacedGroup {
                    reason: unplaced_token(why),
                    message_nl: why.message_nl(),
                    shortage: why.is_shortage(),
                    clients: Vec::new(),
                });
                group.clients.push(answer.demand[*person].client);
            }
            let mut unplaced: Vec<UnplacedGroup> = groups.into_values().collect();
            unplaced.sort_by(|a, b| b.clients.len().cmp(&a.clients.len()).then(a.reason.cmp(&b.reason)));
            let shortage = answer
                .proposal
                .shortage
                .iter()
                .map(|(key, persons)| ShortageView { care_profile: key.care_profile.name(), persons: *persons })
                .collect();
            Ok(Json(ProposalView {
                region: region.into(),
                persons: answer.demand.len(),
                free_places: answer.supply.iter().map(|place| u64::from(place.free)).sum(),
                free_crisis_beds: answer.supply.iter().map(|place| u64::from(place.crisis_free)).sum(),
                placed,
                unplaced,
                shortage,
                total_score: answer.proposal.total_score,
                score_gap: answer.proposal.score_gap,
            }))
        })
        .await
}

/// The kind of reason a person has no place, as a token.
pub fn unplaced_token(why: &Unplaced) -> String {
    match why {
        Unplaced::NothingFits(exclusion) => format!("nothing_fits:{}", exclusion.token()),
        Unplaced::OnlyPoorFits => "only_poor_fits".to_string(),
        Unplaced::Outcompeted => "outcompeted".to_string(),
    }
}

/// The matcher's refusals as API errors.
pub fn matching_error(error: MatchingError) -> ApiError {
    match error {
        MatchingError::UnknownClient(client) => {
            ApiError::NotFound { what: "client", what_nl: "Cliënt", id: client.to_string() }
        }
        MatchingError::UnknownLocation(location) => {
            ApiError::NotFound { what: "location", what_nl: "Locatie", id: location.to_string() }
        }
        MatchingError::NotWaiting(client) => ApiError::bad_input(
            "client",
            format!("client {client} is not waiting for a place"),
            format!("Cliënt {client} wacht niet op een plaats; er is niets te zoeken."),
        ),
        MatchingError::Proposal(error) => ApiError::internal(error),
        MatchingError::Store(error) => error.into(),
    }
}

/// Kilometres to 0.1 km: finer is noise for a distance from home.
fn round_km(km: f64) -> f64 {
    (km * 10.0).round() / 10.0
}
