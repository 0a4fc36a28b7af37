//! What a case looks like from outside: the date-independent summary that
//! projections store, and the view of it on a given day.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::alerts::{self, AlertKind, ScheduledAlert};
use super::waiting_order::{WaitingOrderKey, order_group};
use super::{CaseState, ListTarget, norm};
use crate::codes::{CareProfile, Classification, DeliveryForm, Region, Sector, WaitStatus};
use crate::ids::{AgbCode, Bsn, ClientId, LocationId, OcoId};
use crate::policy::PolicySet;

/// The facts of a case that do not depend on the day they are looked at.
/// Every view, list and count is computed from this, whether it comes from a
/// projection table or from folding the events as of a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseSummary {
    pub client: ClientId,
    pub region: Region,
    /// The client's name and BSN as registered, for lists and search.
    pub name: Option<String>,
    pub bsn: Option<Bsn>,
    pub birth_date: Date,
    pub care_profile: Option<CareProfile>,
    pub delivery_form: Option<DeliveryForm>,
    pub dossierhouder: Option<AgbCode>,
    pub first_contact_due: Option<Date>,
    pub first_contact_on: Option<Date>,
    pub status: Option<WaitStatus>,
    pub classification: Option<Classification>,
    pub status_since: Option<Date>,
    pub waiting_since: Option<Date>,
    pub norm_due: Option<Date>,
    pub refusals: u8,
    /// The preferences while waiting; empty when not waiting.
    pub preferences: Vec<ListTarget>,
    pub placed_at: Option<LocationId>,
    pub bridging: bool,
    pub ended_on: Option<Date>,
    /// The OCO organisation that may see the case, with the client's consent.
    pub oco_consent: Option<OcoId>,
    pub alerts: Vec<ScheduledAlert>,
}

/// A case as of one day: the values a mediator sees and scenarios check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseView {
    pub dossierhouder: Option<AgbCode>,
    pub first_contact_due: Option<Date>,
    pub status: Option<WaitStatus>,
    pub classification: Option<Classification>,
    pub status_since: Option<Date>,
    pub waiting_since: Option<Date>,
    /// Calendar days from `waiting_since` to the day of the view.
    pub waiting_days: Option<i32>,
    pub norm_due: Option<Date>,
    pub refusals: u8,
    pub on_lists: Vec<ListTarget>,
    pub placed_at: Option<LocationId>,
    pub alerts: Vec<AlertKind>,
}

impl CaseSummary {
    /// The summary of a registered client's case; `None` before registration.
    pub fn of(client: ClientId, state: &CaseState, policies: &PolicySet) -> Option<CaseSummary> {
        let registration = state.registration.as_ref()?;
        let care_profile = state.indication.map(|indication| indication.care_profile);
        let norm_due = match (&state.waiting, care_profile) {
            (Some(waiting), Some(profile)) => norm::norm_due(waiting, profile.sector(), policies),
            _ => None,
        };
        let waiting = state.waiting.as_ref();
        Some(CaseSummary {
            client,
            region: registration.region,
            name: registration.name.clone(),
            bsn: registration.bsn,
            birth_date: registration.birth_date,
            care_profile,
            delivery_form: state.indication.and_then(|indication| indication.delivery_form),
            dossierhouder: state.dossierhouder(),
            first_contact_due: state.allocation.map(|allocation| allocation.first_contact_due),
            first_contact_on: state.allocation.and_then(|allocation| allocation.first_contact_on),
            status: waiting.map(|waiting| waiting.status),
            classification: waiting.and_then(|waiting| waiting.classification),
            status_since: waiting.map(|waiting| waiting.status_since),
            waiting_since: waiting.map(|waiting| waiting.waiting_since),
            norm_due,
            refusals: waiting.map_or(0, |waiting| waiting.refusals),
            preferences: waiting.map(|waiting| waiting.preferences.clone()).unwrap_or_default(),
            placed_at: state.placement.map(|placement| placement.location),
            bridging: state.is_bridging(),
            ended_on: state.ended.map(|end| end.on),
            oco_consent: state.oco_consent,
            alerts: alerts::schedule(state, norm_due, policies),
        })
    }

    pub fn sector(&self) -> Option<Sector> {
        self.care_profile.map(CareProfile::sector)
    }

    /// The key of this client in the default waiting order, while waiting.
    pub fn waiting_order_key(&self) -> Option<WaitingOrderKey> {
        Some(WaitingOrderKey {
            group: order_group(self.status?, self.classification),
            waiting_since: self.waiting_since?,
            client: self.client,
        })
    }

    /// Whether the client waits for `target` (a location or a provider).
    pub fn waits_for(&self, target: ListTarget) -> bool {
        self.status.is_some() && self.preferences.contains(&target)
    }

    pub fn view(&self, day: Date) -> CaseView {
        CaseView {
            dossierhouder: self.dossierhouder,
            first_contact_due: self.first_contact_due,
            status: self.status,
            classification: self.classification,
            status_since: self.status_since,
            waiting_since: self.waiting_since,
            waiting_days: self.waiting_since.map(|since| (day - since).get_days()),
            norm_due: self.norm_due,
            refusals: self.refusals,
            on_lists: self.preferences.clone(),
            placed_at: self.placed_at,
            alerts: alerts::open_on(&self.alerts, day),
        }
    }
}
