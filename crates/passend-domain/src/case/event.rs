//! The events of a client's case: what happened, in the past tense, as recorded.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::LivingProfile;
use crate::codes::{CareEndReason, CareProfile, Classification, DeliveryForm, RefusalGround, Region, WaitStatus};
use crate::ids::{AgbCode, Bsn, LocationId, OcoId, Postcode};

/// One entry of a client's preferences: a location, or every location of a
/// provider. Dutch: *voorkeur* (*voorkeurslocatie*, *voorkeuraanbieder*).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ListTarget {
    Location(LocationId),
    Provider(AgbCode),
}

/// Who the client is, as far as the rules and the regional figures need it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClientRegistration {
    /// The zorgkantoorregio where the client lives: the region that counts
    /// the client in its figures.
    pub region: Region,
    pub birth_date: Date,
    /// Absent only for clients of scenario files, which carry no BSN.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bsn: Option<Bsn>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postcode: Option<Postcode>,
    pub lat: f64,
    pub lon: f64,
}

/// What happened in a client's case. The date of each event is kept beside
/// it (in the store's envelope), not inside it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseEvent {
    /// The client is known to passend from this day.
    ClientRegistered(ClientRegistration),
    /// The CIZ issued an indication (*indicatiebesluit*), or a re-indication.
    IndicationRecorded {
        care_profile: CareProfile,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        delivery_form: Option<DeliveryForm>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        preferred_provider: Option<AgbCode>,
    },
    /// The zorgkantoor allocated the care (*zorgtoewijzing*) to a provider,
    /// which becomes dossierhouder.
    AllocationMade {
        provider: AgbCode,
        /// Last day for the first contact, fixed when the allocation was made.
        first_contact_due: Date,
        /// Whether this was the client's first allocation to this provider (10
        /// working days) or a later one (5).
        first_to_provider: bool,
        /// Made automatically because the indication named a preferred
        /// provider and a delivery form.
        automatic: bool,
    },
    /// The provider gave the allocation back: no dossierhouder.
    AllocationReturned {
        provider: AgbCode,
    },
    /// The dossierhouder (or CZT) had the first contact with the client.
    FirstContactRegistered {
        provider: AgbCode,
    },
    /// A waiting-status message: status, classification and, when given, the
    /// ordered list of preferred locations or providers.
    WaitStatusSet {
        status: WaitStatus,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        classification: Option<Classification>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        preferences: Option<Vec<ListTarget>>,
    },
    /// A place at a location was offered (*aanbod*).
    OfferMade {
        location: LocationId,
    },
    /// The client refused an offer; `counted` records whether it counts
    /// toward the second-refusal rule, judged when it was refused.
    OfferRefused {
        location: LocationId,
        weighty_reason: bool,
        counted: bool,
    },
    /// The second counted refusal: the status became *wacht uit voorzorg* and
    /// the accumulated waiting time lapsed.
    WaitingTimeLapsed,
    OfferAccepted {
        location: LocationId,
    },
    /// The client was admitted to a location, as regular care or as a
    /// temporary bridging place (*overbruggingsplek*).
    Admitted {
        location: LocationId,
        bridging: bool,
    },
    /// An urgent or active client in a bridging place became *actief plaatsen*
    /// with classification *voorkeuraanbieder leidend*.
    PrioritisedAfterBridging,
    /// The client is content in the bridging place and stops waiting.
    ContentWithCurrent,
    /// The dossierhouder asked the zorgkantoor to refuse care (*zorgweigering*).
    CareRefusalRequested {
        provider: AgbCode,
        ground: RefusalGround,
    },
    /// The zorgkantoor decided on the request.
    CareRefusalDecided {
        approved: bool,
    },
    /// Care ended (*intrekking*); the case closes.
    CareEnded {
        reason: CareEndReason,
    },
    /// The client consented to an OCO organisation seeing the case, or
    /// (`None`) withdrew consent. A later consent replaces an earlier one.
    OcoConsentRecorded {
        oco: Option<OcoId>,
    },
    /// What the client needs and wishes of a place (*woonprofiel*); a later
    /// profile replaces the earlier one.
    LivingProfileRecorded(LivingProfile),
}

impl CaseEvent {
    /// The snake_case name used as the event's type in storage and the API.
    pub fn kind(&self) -> &'static str {
        match self {
            CaseEvent::ClientRegistered(_) => "client_registered",
            CaseEvent::IndicationRecorded { .. } => "indication_recorded",
            CaseEvent::AllocationMade { .. } => "allocation_made",
            CaseEvent::AllocationReturned { .. } => "allocation_returned",
            CaseEvent::FirstContactRegistered { .. } => "first_contact_registered",
            CaseEvent::WaitStatusSet { .. } => "wait_status_set",
            CaseEvent::OfferMade { .. } => "offer_made",
            CaseEvent::OfferRefused { .. } => "offer_refused",
            CaseEvent::WaitingTimeLapsed => "waiting_time_lapsed",
            CaseEvent::OfferAccepted { .. } => "offer_accepted",
            CaseEvent::Admitted { .. } => "admitted",
            CaseEvent::PrioritisedAfterBridging => "prioritised_after_bridging",
            CaseEvent::ContentWithCurrent => "content_with_current",
            CaseEvent::CareRefusalRequested { .. } => "care_refusal_requested",
            CaseEvent::CareRefusalDecided { .. } => "care_refusal_decided",
            CaseEvent::CareEnded { .. } => "care_ended",
            CaseEvent::OcoConsentRecorded { .. } => "oco_consent_recorded",
            CaseEvent::LivingProfileRecorded(_) => "living_profile_recorded",
        }
    }
}
