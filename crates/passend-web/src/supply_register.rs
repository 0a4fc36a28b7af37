//! Changes to the supply register on behalf of an actor, shared by the API
//! and the pages: the policy decides who may ask ([`policy::may_manage_location`],
//! [`policy::may_record_contract`]), the domain's supply rules decide whether
//! the change is allowed, and only then is it recorded, with the actor in its
//! envelope.

use std::sync::Arc;

use jiff::Timestamp;
use jiff::civil::Date;
use passend_domain::ids::LocationId;
use passend_domain::supply::{Contract, FreePlacesReport};
use passend_store::EventMeta;

use crate::actor::Actor;
use crate::policy;
use crate::problem::ApiError;
use crate::state::{AppState, Service};

/// A change to the register of one location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LocationChange {
    /// The count of free places as of `reported_on` (today or earlier).
    ReportFreePlaces {
        free: u32,
        occupied: Option<u32>,
        free_crisis_beds: Option<u32>,
        reported_on: Date,
    },
    WithdrawFreePlaces,
    /// Close the waiting list; the reason is required (no silent stop).
    CloseWaitingList {
        reason: String,
    },
    ReopenWaitingList,
    /// The context tags the location offers, replacing the earlier ones.
    RecordContext {
        context: Vec<String>,
    },
}

/// Records `change` for `location` as `actor`, on `today`.
pub async fn change_location(
    state: &AppState,
    actor: Arc<Actor>,
    location: LocationId,
    change: LocationChange,
) -> Result<(), ApiError> {
    let today = state.today();
    if let LocationChange::ReportFreePlaces { reported_on, .. } = &change {
        crate::cases::occurred_on(Some(*reported_on), today).map_err(|_| {
            ApiError::bad_input(
                "reported_on",
                format!("{reported_on} lies in the future; today is {today}"),
                format!("De peildatum {reported_on} ligt in de toekomst; vandaag is het {today}."),
            )
        })?;
    }
    state
        .run(move |passend| {
            known_location(passend, location)?;
            policy::may_manage_location(&actor, location, &passend.supply())?;
            let meta = meta(&actor, today);
            match change {
                LocationChange::ReportFreePlaces { free, occupied, free_crisis_beds, reported_on } => {
                    let report = FreePlacesReport { location, free, occupied, free_crisis_beds, reported_on };
                    passend.report_free_places(report, meta)?;
                }
                LocationChange::WithdrawFreePlaces => passend.withdraw_free_places(location, meta)?,
                LocationChange::CloseWaitingList { reason } => passend.close_waiting_list(location, &reason, meta)?,
                LocationChange::ReopenWaitingList => passend.reopen_waiting_list(location, meta)?,
                LocationChange::RecordContext { context } => {
                    passend.record_location_context(location, context, meta)?
                }
            }
            Ok(())
        })
        .await
}

/// Records a provider's contract as `actor` (a zorgkantoor), on `today`.
pub async fn record_contract(state: &AppState, actor: Arc<Actor>, contract: Contract) -> Result<(), ApiError> {
    let today = state.today();
    state
        .run(move |passend| {
            policy::may_record_contract(&actor)?;
            if passend.supply().provider(contract.provider).is_none() {
                return Err(ApiError::NotFound {
                    what: "provider",
                    what_nl: "Aanbieder",
                    id: contract.provider.to_string(),
                });
            }
            passend.record_contract(contract, meta(&actor, today))?;
            Ok(())
        })
        .await
}

/// The location, or a 404 naming it: asked before the policy, so that a
/// mistyped number is "no such location" rather than "not yours".
pub fn known_location(passend: &Service, location: LocationId) -> Result<(), ApiError> {
    match passend.supply().location(location) {
        Some(_) => Ok(()),
        None => Err(ApiError::NotFound { what: "location", what_nl: "Locatie", id: location.to_string() }),
    }
}

fn meta(actor: &Actor, today: Date) -> EventMeta {
    EventMeta { occurred_on: today, recorded_at: Timestamp::now(), actor: actor.recorded_as(), reason: None }
}
