//! Commands on a case, and `decide`: a command checked against the state
//! becomes the events to record, or a rejection.

use jiff::civil::Date;

use super::event::{CaseEvent, ClientRegistration, ListTarget};
use super::living_profile::{self, LivingProfile};
use super::{CaseState, Rejection, bridging, first_contact_deadline, refusal_counting};
use crate::codes::{CareEndReason, CareProfile, Classification, DeliveryForm, RefusalGround, WaitStatus};
use crate::ids::{AgbCode, LocationId, OcoId};
use crate::policy::PolicySet;
use crate::supply::SupplyDirectory;

/// What someone asks the system to record about a client.
#[derive(Debug, Clone, PartialEq)]
pub enum CaseCommand {
    RegisterClient(ClientRegistration),
    /// The CIZ's indication; with both a preferred provider and a delivery form
    /// the zorgkantoor allocates to that provider at once.
    RecordIndication {
        care_profile: CareProfile,
        delivery_form: Option<DeliveryForm>,
        preferred_provider: Option<AgbCode>,
    },
    Allocate {
        provider: AgbCode,
    },
    ReturnAllocation {
        provider: AgbCode,
    },
    RegisterFirstContact {
        provider: AgbCode,
    },
    SetWaitStatus {
        status: WaitStatus,
        classification: Option<Classification>,
        preferences: Option<Vec<ListTarget>>,
    },
    MakeOffer {
        location: LocationId,
    },
    RefuseOffer {
        location: LocationId,
        weighty_reason: bool,
    },
    AcceptOffer {
        location: LocationId,
    },
    Admit {
        location: LocationId,
        bridging: bool,
    },
    ContentWithCurrent,
    RequestCareRefusal {
        provider: AgbCode,
        ground: RefusalGround,
    },
    DecideCareRefusal {
        approved: bool,
    },
    EndCare {
        reason: CareEndReason,
    },
    /// Records the client's consent for an OCO organisation to see the case;
    /// `None` withdraws it.
    RecordOcoConsent {
        oco: Option<OcoId>,
    },
    /// Records what the client needs and wishes of a place (*woonprofiel*),
    /// replacing an earlier profile.
    RecordLivingProfile(LivingProfile),
}

/// What `decide` needs to know besides the case: the policy and the supply.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    pub policies: &'a PolicySet,
    pub supply: &'a dyn SupplyLookup,
}

/// The questions the case rules ask of the supply register.
pub trait SupplyLookup {
    fn provider_exists(&self, agb: AgbCode) -> bool;
    fn provider_of(&self, location: LocationId) -> Option<AgbCode>;
    /// Whether the provider closed the location's waiting list (*wachtlijststop*).
    fn waiting_list_closed(&self, location: LocationId) -> bool;
}

impl SupplyLookup for SupplyDirectory {
    fn provider_exists(&self, agb: AgbCode) -> bool {
        self.provider(agb).is_some()
    }

    fn provider_of(&self, location: LocationId) -> Option<AgbCode> {
        self.location(location).map(|location| location.provider)
    }

    fn waiting_list_closed(&self, location: LocationId) -> bool {
        self.waiting_list_closure(location).is_some()
    }
}

/// Checks `command` against `state` on day `on` and returns the events to record.
///
/// Two rejections apply to every command (`scenarios/README.md`, "Events"):
/// any command for a client whose care has ended, and any command other than
/// an indication for a client without one. A command may not be dated before
/// the case's last event: the case is a history, not a draft.
pub fn decide(
    state: &CaseState,
    command: &CaseCommand,
    on: Date,
    context: Context<'_>,
) -> Result<Vec<CaseEvent>, Rejection> {
    if let CaseCommand::RegisterClient(registration) = command {
        if state.registration.is_some() {
            return Err(Rejection::AlreadyRegistered);
        }
        return Ok(vec![CaseEvent::ClientRegistered(registration.clone())]);
    }
    if state.registration.is_none() {
        return Err(Rejection::NotRegistered);
    }
    if let Some(end) = state.ended {
        return Err(Rejection::CareEnded { on: end.on });
    }
    if let Some(last) = state.last_event_on
        && on < last
    {
        return Err(Rejection::BeforeLastEvent { on, last });
    }
    if state.indication.is_none() && !matches!(command, CaseCommand::RecordIndication { .. }) {
        return Err(Rejection::NoIndication);
    }
    let policy = context.policies.in_force_on(on);
    let known_provider = |provider: AgbCode| {
        if context.supply.provider_exists(provider) { Ok(()) } else { Err(Rejection::UnknownProvider(provider)) }
    };
    let provider_of =
        |location: LocationId| context.supply.provider_of(location).ok_or(Rejection::UnknownLocation(location));
    let must_be_dossierhouder = |provider: AgbCode| {
        if state.dossierhouder() == Some(provider) {
            Ok(())
        } else {
            Err(Rejection::NotDossierhouder { provider, dossierhouder: state.dossierhouder() })
        }
    };
    let allocation = |provider: AgbCode, automatic: bool| {
        let first_to_provider = first_contact_deadline::is_first_allocation_to(state, provider);
        CaseEvent::AllocationMade {
            provider,
            first_contact_due: first_contact_deadline::first_contact_due(on, first_to_provider, policy),
            first_to_provider,
            automatic,
        }
    };

    let events = match command {
        CaseCommand::RegisterClient(_) => unreachable!("handled above"),
        CaseCommand::RecordIndication { care_profile, delivery_form, preferred_provider } => {
            if let Some(provider) = preferred_provider {
                known_provider(*provider)?;
            }
            let mut events = vec![CaseEvent::IndicationRecorded {
                care_profile: *care_profile,
                delivery_form: *delivery_form,
                preferred_provider: *preferred_provider,
            }];
            // Seed 000 (slide 5): "Is de voorkeuraanbieder bekend en heeft het CIZ
            // in de indicatie gevuld van wie (voorkeuraanbieder) en hoe
            // (leveringsvorm) een cliënt zijn zorg wil krijgen? Dan stuurt het
            // Zorgkantoor direct en automatisch een bericht naar de voorkeuraanbieder."
            if let (Some(provider), Some(_)) = (preferred_provider, delivery_form) {
                events.push(allocation(*provider, true));
            }
            events
        }
        CaseCommand::Allocate { provider } => {
            known_provider(*provider)?;
            vec![allocation(*provider, false)]
        }
        CaseCommand::ReturnAllocation { provider } => {
            must_be_dossierhouder(*provider)?;
            vec![CaseEvent::AllocationReturned { provider: *provider }]
        }
        CaseCommand::RegisterFirstContact { provider } => {
            must_be_dossierhouder(*provider)?;
            vec![CaseEvent::FirstContactRegistered { provider: *provider }]
        }
        CaseCommand::SetWaitStatus { status, classification, preferences } => {
            if let Some(preferences) = preferences {
                let current = state.waiting.as_ref().map_or(&[][..], |waiting| waiting.preferences.as_slice());
                check_preferences(preferences, current, context)?;
            }
            vec![CaseEvent::WaitStatusSet {
                status: *status,
                classification: *classification,
                preferences: preferences.clone(),
            }]
        }
        CaseCommand::MakeOffer { location } => {
            provider_of(*location)?;
            vec![CaseEvent::OfferMade { location: *location }]
        }
        CaseCommand::RefuseOffer { location, weighty_reason } => {
            let provider = provider_of(*location)?;
            if !state.has_open_offer(*location) {
                return Err(Rejection::NoOpenOffer { location: *location });
            }
            let counted =
                refusal_counting::refusal_counts(state.waiting.as_ref(), *location, provider, *weighty_reason);
            let mut events =
                vec![CaseEvent::OfferRefused { location: *location, weighty_reason: *weighty_reason, counted }];
            let refusals = state.waiting.as_ref().map_or(0, |waiting| waiting.refusals);
            if counted && refusal_counting::waiting_time_lapses(refusals + 1, policy) {
                events.push(CaseEvent::WaitingTimeLapsed);
            }
            events
        }
        CaseCommand::AcceptOffer { location } => {
            provider_of(*location)?;
            if !state.has_open_offer(*location) {
                return Err(Rejection::NoOpenOffer { location: *location });
            }
            vec![CaseEvent::OfferAccepted { location: *location }]
        }
        CaseCommand::Admit { location, bridging } => {
            provider_of(*location)?;
            let mut events = vec![CaseEvent::Admitted { location: *location, bridging: *bridging }];
            if *bridging && bridging::prioritised_after_bridging(state.waiting.as_ref()) {
                events.push(CaseEvent::PrioritisedAfterBridging);
            }
            events
        }
        CaseCommand::ContentWithCurrent => {
            if !(state.is_bridging() && state.is_waiting()) {
                return Err(Rejection::NotBridgingAndWaiting);
            }
            vec![CaseEvent::ContentWithCurrent]
        }
        CaseCommand::RequestCareRefusal { provider, ground } => {
            must_be_dossierhouder(*provider)?;
            if let Some(request) = state.care_refusal {
                return Err(Rejection::CareRefusalAlreadyOpen { requested_on: request.requested_on });
            }
            vec![CaseEvent::CareRefusalRequested { provider: *provider, ground: *ground }]
        }
        CaseCommand::DecideCareRefusal { approved } => {
            let Some(request) = state.care_refusal else {
                return Err(Rejection::NoOpenCareRefusal);
            };
            let mut events = vec![CaseEvent::CareRefusalDecided { approved: *approved }];
            // An approved refusal ends the allocation exactly as a return does.
            if *approved {
                events.push(CaseEvent::AllocationReturned { provider: request.provider });
            }
            events
        }
        CaseCommand::EndCare { reason } => vec![CaseEvent::CareEnded { reason: *reason }],
        CaseCommand::RecordOcoConsent { oco } => vec![CaseEvent::OcoConsentRecorded { oco: *oco }],
        CaseCommand::RecordLivingProfile(profile) => {
            vec![CaseEvent::LivingProfileRecorded(living_profile::checked(profile, context.supply)?)]
        }
    };
    Ok(events)
}

/// Checks a new list of preferences: each once, each registered, and no
/// location newly added whose waiting list is closed (a closed list takes
/// nobody new; those already on it stay).
fn check_preferences(
    preferences: &[ListTarget],
    current: &[ListTarget],
    context: Context<'_>,
) -> Result<(), Rejection> {
    for (index, target) in preferences.iter().enumerate() {
        if preferences[..index].contains(target) {
            return Err(Rejection::DuplicatePreference(*target));
        }
        match *target {
            ListTarget::Location(location) => {
                context.supply.provider_of(location).ok_or(Rejection::UnknownLocation(location))?;
                if context.supply.waiting_list_closed(location) && !current.contains(target) {
                    return Err(Rejection::WaitingListClosed(location));
                }
            }
            ListTarget::Provider(provider) => {
                if !context.supply.provider_exists(provider) {
                    return Err(Rejection::UnknownProvider(provider));
                }
            }
        }
    }
    Ok(())
}
