//! The state of a case: the fold of its events.

use jiff::civil::Date;

use super::LivingProfile;
use super::event::{CaseEvent, ClientRegistration, ListTarget};
use super::status_message;
use crate::codes::{CareEndReason, CareProfile, Classification, DeliveryForm, RefusalGround, WaitStatus};
use crate::ids::{AgbCode, LocationId, OcoId};

/// Everything the rules know about one client, folded from the case's events.
/// A client with no events has every value empty.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CaseState {
    pub registration: Option<ClientRegistration>,
    pub indication: Option<Indication>,
    /// The current allocation; its provider is the dossierhouder.
    pub allocation: Option<Allocation>,
    /// Every provider this client was ever allocated to (for the 10/5 rule).
    pub allocated_before: Vec<AgbCode>,
    /// Since when the client has an indication and no dossierhouder.
    pub without_dossierhouder_since: Option<Date>,
    /// Present while the client waits (status not null).
    pub waiting: Option<Waiting>,
    /// Where the client now receives care, bridging or not.
    pub placement: Option<Placement>,
    pub open_offers: Vec<Offer>,
    pub care_refusal: Option<CareRefusalRequest>,
    pub ended: Option<CareEnd>,
    /// The OCO organisation the client consented to, if any.
    pub oco_consent: Option<OcoId>,
    /// What the client needs and wishes of a place, as last recorded.
    pub living_profile: Option<LivingProfile>,
    /// The date of the last event, so that no event is recorded before it.
    pub last_event_on: Option<Date>,
}

/// Dutch: *indicatie* (*indicatiebesluit* of the CIZ).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Indication {
    pub care_profile: CareProfile,
    pub delivery_form: Option<DeliveryForm>,
    pub preferred_provider: Option<AgbCode>,
    pub recorded_on: Date,
}

/// Dutch: *zorgtoewijzing*; its provider is the *dossierhouder*.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Allocation {
    pub provider: AgbCode,
    pub allocated_on: Date,
    pub first_contact_due: Date,
    pub first_contact_on: Option<Date>,
}

/// A waiting spell. Dutch: *wachtstatus* (COD167) with *classificatie* (COD168).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waiting {
    pub status: WaitStatus,
    pub classification: Option<Classification>,
    /// The day the current status took effect.
    pub status_since: Date,
    /// The start of the current waiting spell (reset when waiting time lapses).
    pub waiting_since: Date,
    /// The ordered locations or providers the client waits for.
    pub preferences: Vec<ListTarget>,
    /// Refusals counted toward the second-refusal rule.
    pub refusals: u8,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placement {
    pub location: LocationId,
    /// Dutch: *overbrugging*: a temporary place while waiting.
    pub bridging: bool,
    pub since: Date,
}

/// Dutch: *aanbod*.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Offer {
    pub location: LocationId,
    pub made_on: Date,
}

/// Dutch: *verzoek tot zorgweigering*.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CareRefusalRequest {
    pub provider: AgbCode,
    pub ground: RefusalGround,
    pub requested_on: Date,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CareEnd {
    pub on: Date,
    pub reason: CareEndReason,
}

impl CaseState {
    /// Folds a sequence of dated events into a state.
    pub fn fold<'a>(events: impl IntoIterator<Item = (Date, &'a CaseEvent)>) -> CaseState {
        let mut state = CaseState::default();
        for (on, event) in events {
            state.apply(on, event);
        }
        state
    }

    /// The dossierhouder: the provider of the current allocation.
    pub fn dossierhouder(&self) -> Option<AgbCode> {
        self.allocation.map(|allocation| allocation.provider)
    }

    pub fn is_waiting(&self) -> bool {
        self.waiting.is_some()
    }

    pub fn is_bridging(&self) -> bool {
        self.placement.is_some_and(|placement| placement.bridging)
    }

    pub fn has_open_offer(&self, location: LocationId) -> bool {
        self.open_offers.iter().any(|offer| offer.location == location)
    }

    /// Applies one recorded event. Events were checked by `decide` before
    /// they were recorded, so applying never fails.
    pub fn apply(&mut self, on: Date, event: &CaseEvent) {
        self.last_event_on = Some(on);
        match event {
            CaseEvent::ClientRegistered(registration) => {
                self.registration = Some(registration.clone());
            }
            CaseEvent::IndicationRecorded { care_profile, delivery_form, preferred_provider } => {
                self.indication = Some(Indication {
                    care_profile: *care_profile,
                    delivery_form: *delivery_form,
                    preferred_provider: *preferred_provider,
                    recorded_on: on,
                });
                if self.allocation.is_none() && self.without_dossierhouder_since.is_none() {
                    self.without_dossierhouder_since = Some(on);
                }
            }
            CaseEvent::AllocationMade { provider, first_contact_due, .. } => {
                self.allocation = Some(Allocation {
                    provider: *provider,
                    allocated_on: on,
                    first_contact_due: *first_contact_due,
                    first_contact_on: None,
                });
                if !self.allocated_before.contains(provider) {
                    self.allocated_before.push(*provider);
                }
                self.without_dossierhouder_since = None;
                // A request closes undecided when its provider stops being dossierhouder.
                if self.care_refusal.is_some_and(|request| request.provider != *provider) {
                    self.care_refusal = None;
                }
            }
            CaseEvent::AllocationReturned { .. } => self.clear_dossierhouder(on),
            CaseEvent::FirstContactRegistered { .. } => {
                if let Some(allocation) = &mut self.allocation {
                    allocation.first_contact_on.get_or_insert(on);
                }
            }
            CaseEvent::WaitStatusSet { status, classification, preferences } => {
                self.waiting = Some(status_message::apply(
                    self.waiting.take(),
                    *status,
                    *classification,
                    preferences.as_deref(),
                    on,
                ));
            }
            CaseEvent::OfferMade { location } => {
                if !self.has_open_offer(*location) {
                    self.open_offers.push(Offer { location: *location, made_on: on });
                }
            }
            CaseEvent::OfferRefused { location, counted, .. } => {
                self.close_offer(*location);
                if *counted && let Some(waiting) = &mut self.waiting {
                    waiting.refusals += 1;
                }
            }
            CaseEvent::WaitingTimeLapsed => {
                if let Some(waiting) = &mut self.waiting {
                    *waiting = Waiting {
                        status: WaitStatus::WachtUitVoorzorg,
                        classification: None,
                        status_since: on,
                        waiting_since: on,
                        preferences: std::mem::take(&mut waiting.preferences),
                        refusals: 0,
                    };
                }
            }
            CaseEvent::OfferAccepted { location } => self.close_offer(*location),
            CaseEvent::Admitted { location, bridging } => {
                self.close_offer(*location);
                self.placement = Some(Placement { location: *location, bridging: *bridging, since: on });
                if !bridging {
                    self.waiting = None;
                }
            }
            CaseEvent::PrioritisedAfterBridging => {
                if let Some(waiting) = &mut self.waiting {
                    waiting.status = WaitStatus::ActiefPlaatsen;
                    waiting.classification = Some(Classification::VoorkeuraanbiederLeidend);
                    waiting.status_since = on;
                    waiting.refusals = 0;
                }
            }
            CaseEvent::ContentWithCurrent => {
                self.waiting = None;
                if let Some(placement) = &mut self.placement {
                    placement.bridging = false;
                }
            }
            CaseEvent::CareRefusalRequested { provider, ground } => {
                self.care_refusal = Some(CareRefusalRequest { provider: *provider, ground: *ground, requested_on: on });
            }
            CaseEvent::CareRefusalDecided { .. } => self.care_refusal = None,
            CaseEvent::CareEnded { reason } => {
                *self = CaseState {
                    registration: self.registration.take(),
                    indication: self.indication.take(),
                    allocated_before: std::mem::take(&mut self.allocated_before),
                    ended: Some(CareEnd { on, reason: *reason }),
                    last_event_on: Some(on),
                    oco_consent: self.oco_consent,
                    ..CaseState::default()
                };
            }
            CaseEvent::OcoConsentRecorded { oco } => self.oco_consent = *oco,
            CaseEvent::LivingProfileRecorded(profile) => self.living_profile = Some(profile.clone()),
        }
    }

    fn clear_dossierhouder(&mut self, on: Date) {
        self.allocation = None;
        self.care_refusal = None;
        if self.indication.is_some() {
            self.without_dossierhouder_since = Some(on);
        }
    }

    fn close_offer(&mut self, location: LocationId) {
        self.open_offers.retain(|offer| offer.location != location);
    }
}
