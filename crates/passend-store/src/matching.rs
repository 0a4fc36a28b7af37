//! The matcher over the registers: the three questions of `passend-match`
//! (best places for a person, best persons for a place, the planning
//! proposal) asked of the stored supply and cases, with the weights of the
//! policy in force on the day asked about.
//!
//! The matcher itself is pure; this module only gathers its input: the
//! supply register as it stands, and for each waiting person the case's
//! summary (from the projection), home coordinates and living profile (from
//! the case's events, which the projection does not keep).

use std::collections::BTreeSet;

use jiff::civil::Date;
use passend_domain::case::{CaseSummary, ListTarget};
use passend_domain::codes::Region;
use passend_domain::ids::{ClientId, LocationId};
use passend_match::candidates::{Demand, Supply};
use passend_match::input::{self, WaitingCase};
use passend_match::proposal::{Proposal, ProposalError, propose};
use passend_match::ranking::{PlacesForClient, Ranked, best_clients, best_places};
use passend_match::score::ScoreWeights;

use crate::client_query::{ClientQuery, ClientScope};
use crate::event_store::{EventStore, StoreError};
use crate::service::{Passend, fold_case};
use crate::stream::StreamId;

/// Why a matching question has no answer.
#[derive(Debug, thiserror::Error)]
pub enum MatchingError {
    #[error("client {0} does not exist")]
    UnknownClient(ClientId),
    #[error("client {0} is not waiting for a place (no waiting status or no indication)")]
    NotWaiting(ClientId),
    #[error("location {0} does not exist")]
    UnknownLocation(LocationId),
    #[error(transparent)]
    Proposal(#[from] ProposalError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The best places for one person, with the supply they were chosen from
/// (a [`Ranked`] or excluded entry points into `supply` by index).
#[derive(Debug, Clone)]
pub struct PlacesAnswer {
    pub demand: Demand,
    pub supply: Vec<Supply>,
    pub places: PlacesForClient,
}

/// The waiting persons who fit one location, in the default order of the
/// rules; `ranked` points into `demand` by index.
#[derive(Debug, Clone)]
pub struct PersonsAnswer {
    pub location: Supply,
    pub demand: Vec<Demand>,
    pub ranked: Vec<Ranked>,
}

/// A planning proposal with the persons and places it was made of
/// (`Proposed` and unplaced entries point into them by index).
#[derive(Debug, Clone)]
pub struct ProposalAnswer {
    pub demand: Vec<Demand>,
    pub supply: Vec<Supply>,
    pub proposal: Proposal,
}

impl<S: EventStore> Passend<S> {
    /// The score weights of the policy version in force on `day`.
    pub fn score_weights(&self, day: Date) -> &ScoreWeights {
        &self.policies().in_force_on(day).matching
    }

    /// Every registered location as the matcher sees it now.
    pub fn matching_supply(&self) -> Vec<Supply> {
        input::supply(&self.supply())
    }

    /// The waiting persons among `summaries`, each with home and living
    /// profile read from its case; partners are linked when both are among
    /// `summaries` and name each other.
    pub fn matching_demand(&self, summaries: &[CaseSummary]) -> Result<Vec<Demand>, MatchingError> {
        let mut states = Vec::with_capacity(summaries.len());
        for summary in summaries.iter().filter(|summary| summary.waiting_order_key().is_some()) {
            let (state, _) = fold_case(&self.store().read_stream(StreamId::Client(summary.client))?);
            states.push((summary, state));
        }
        let cases: Vec<WaitingCase<'_>> = states
            .iter()
            .filter_map(|(summary, state)| {
                Some(WaitingCase {
                    summary,
                    registration: state.registration.as_ref()?,
                    profile: state.living_profile.as_ref(),
                })
            })
            .collect();
        Ok(input::demand(&cases))
    }

    /// The `k` best places for `client` across every region on `today`, and
    /// every location that cannot take the client with the reason.
    pub fn places_for_client(&self, client: ClientId, k: usize, today: Date) -> Result<PlacesAnswer, MatchingError> {
        let summary = self.summary(client)?.ok_or(MatchingError::UnknownClient(client))?;
        let mut summaries = vec![summary];
        let (state, _) = fold_case(&self.store().read_stream(StreamId::Client(client))?);
        if let Some(partner) = state.living_profile.and_then(|profile| profile.admit_with)
            && let Some(partner) = self.summary(partner)?
        {
            summaries.push(partner);
        }
        let demand = self
            .matching_demand(&summaries)?
            .into_iter()
            .find(|person| person.client == client)
            .ok_or(MatchingError::NotWaiting(client))?;
        let supply = self.matching_supply();
        let places = best_places(self.score_weights(today), &demand, &supply, k, today);
        Ok(PlacesAnswer { demand, supply, places })
    }

    /// The waiting persons who fit `location` on `today`, in the default
    /// order of the rules: those who live in its region and those anywhere
    /// who wait for the location or its provider.
    pub fn persons_for_location(&self, location: LocationId, today: Date) -> Result<PersonsAnswer, MatchingError> {
        let supply = self.matching_supply();
        let place = supply
            .into_iter()
            .find(|supply| supply.location == location)
            .ok_or(MatchingError::UnknownLocation(location))?;
        let mut seen = BTreeSet::new();
        let mut summaries = Vec::new();
        let queries = [
            ClientQuery { waiting_only: true, region: Some(place.region), ..everyone() },
            ClientQuery { waiting_only: true, waits_for: Some(ListTarget::Location(location)), ..everyone() },
            ClientQuery { waiting_only: true, waits_for: Some(ListTarget::Provider(place.provider)), ..everyone() },
        ];
        for query in &queries {
            for summary in self.clients(query)?.rows {
                if seen.insert(summary.client) {
                    summaries.push(summary);
                }
            }
        }
        let demand = self.matching_demand(&summaries)?;
        let ranked = best_clients(self.score_weights(today), &place, &demand, today);
        Ok(PersonsAnswer { location: place, demand, ranked })
    }

    /// The planning proposal for the persons waiting in `region` over the
    /// free places of its locations and the free crisis beds of every
    /// region (a region plans its own places; crisis beds are shared across
    /// regions); without a region, the whole country over every place.
    pub fn proposal(&self, region: Option<Region>, today: Date) -> Result<ProposalAnswer, MatchingError> {
        let summaries = self.clients(&ClientQuery { waiting_only: true, region, ..everyone() })?.rows;
        let demand = self.matching_demand(&summaries)?;
        let mut supply = self.matching_supply();
        if let Some(region) = region {
            supply.retain(|place| place.region == region || place.crisis_free > 0);
            for place in supply.iter_mut().filter(|place| place.region != region) {
                place.free = 0;
            }
        }
        let proposal = propose(self.score_weights(today), &demand, &supply, today)?;
        Ok(ProposalAnswer { demand, supply, proposal })
    }
}

/// Every client, unpaged: the matcher weighs all waiting persons at once.
fn everyone() -> ClientQuery {
    ClientQuery::new(ClientScope::All, usize::MAX)
}
