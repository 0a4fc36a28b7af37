//! The JSON shapes the API answers with, shared by its resources: a code is
//! always its token with the Dutch label, a provider or location always its
//! number with its name, and a deadline always says how many working days
//! are left or late, so that clients need no code lists and no calendar.
//!
//! The case document is built from [`CaseFile`], the same value the pages
//! render, so both show one truth.

use jiff::Timestamp;
use jiff::civil::Date;
use passend_domain::calendar::working_days_between;
use passend_domain::case::alerts::{AlertKind, ScheduledAlert, is_overdue};
use passend_domain::case::{CaseEvent, CaseSummary, ListTarget};
use passend_domain::codes::{Classification, Region, WaitStatus};
use passend_domain::ids::{AgbCode, LocationId};
use passend_domain::supply::SupplyDirectory;
use serde::Serialize;
use utoipa::ToSchema;

use crate::cases::{CaseFile, TimelineItem};

/// A code with its Dutch label.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Code {
    /// The token the API takes and gives, e.g. `wacht_op_voorkeur`.
    pub token: &'static str,
    /// The label the interface shows, e.g. "Wacht op voorkeur".
    pub label_nl: &'static str,
}

impl Code {
    pub fn status(status: WaitStatus) -> Code {
        Code { token: status.token(), label_nl: status.label_nl() }
    }

    pub fn classification(classification: Classification) -> Code {
        Code { token: classification.token(), label_nl: classification.label_nl() }
    }

    pub fn alert(kind: AlertKind) -> Code {
        Code { token: kind.token(), label_nl: kind.label_nl() }
    }
}

/// A zorgkantoor region.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RegionRef {
    /// The COD001 code, e.g. 5507.
    pub code: u16,
    pub name: &'static str,
}

impl From<Region> for RegionRef {
    fn from(region: Region) -> RegionRef {
        RegionRef { code: region.cod001(), name: region.name() }
    }
}

/// A provider by AGB code, with its name when the supply register knows it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProviderRef {
    #[schema(value_type = String, example = "47000001")]
    pub agb: AgbCode,
    pub name: Option<String>,
}

impl ProviderRef {
    pub fn new(agb: AgbCode, supply: &SupplyDirectory) -> ProviderRef {
        ProviderRef { agb, name: supply.provider(agb).map(|provider| provider.name.clone()) }
    }
}

/// A location by number, with its name and provider.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LocationRef {
    #[schema(value_type = u32)]
    pub location: LocationId,
    pub name: Option<String>,
    #[schema(value_type = Option<String>)]
    pub provider: Option<AgbCode>,
}

impl LocationRef {
    pub fn new(location: LocationId, supply: &SupplyDirectory) -> LocationRef {
        let found = supply.location(location);
        LocationRef {
            location,
            name: found.map(|found| found.name.clone()),
            provider: found.map(|found| found.provider),
        }
    }
}

/// One of a client's preferences: a location (and its provider), or every
/// location of a provider.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PreferenceView {
    /// 1 for the first preference.
    pub rank: u32,
    /// `location` or `provider`.
    pub kind: &'static str,
    /// The location's number, for a location.
    #[schema(value_type = Option<u32>)]
    pub location: Option<LocationId>,
    /// The provider: the one preferred, or the location's.
    #[schema(value_type = Option<String>)]
    pub provider: Option<AgbCode>,
    /// The location's or the provider's name.
    pub name: Option<String>,
}

pub fn preferences(targets: &[ListTarget], supply: &SupplyDirectory) -> Vec<PreferenceView> {
    targets
        .iter()
        .zip(1..)
        .map(|(target, rank)| match *target {
            ListTarget::Location(location) => {
                let found = supply.location(location);
                PreferenceView {
                    rank,
                    kind: "location",
                    location: Some(location),
                    provider: found.map(|found| found.provider),
                    name: found.map(|found| found.name.clone()),
                }
            }
            ListTarget::Provider(agb) => PreferenceView {
                rank,
                kind: "provider",
                location: None,
                provider: Some(agb),
                name: supply.provider(agb).map(|provider| provider.name.clone()),
            },
        })
        .collect()
}

/// A deadline as of today, counted in working days (*Algemene termijnenwet*):
/// the last day still within the term is not late.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
pub struct Deadline {
    /// The last day within the term.
    #[schema(value_type = String, format = Date)]
    pub due: Date,
    /// Working days after today up to and including the due day (0 when late).
    pub working_days_left: u32,
    /// Working days after the due day up to and including today (0 when not late).
    pub working_days_late: u32,
    pub overdue: bool,
}

impl Deadline {
    pub fn new(due: Date, today: Date) -> Deadline {
        let overdue = is_overdue(due, today);
        Deadline {
            due,
            working_days_left: if overdue { 0 } else { working_days_between(today, due) },
            working_days_late: if overdue { working_days_between(due, today) } else { 0 },
            overdue,
        }
    }
}

/// One row of a client list or waiting list: what a mediator scans.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ClientRow {
    pub client: u32,
    pub name: Option<String>,
    pub region: RegionRef,
    /// The care profile's name, e.g. `5VV`.
    pub care_profile: Option<&'static str>,
    /// `VV`, `GHZ` or `GGZ`.
    pub sector: Option<&'static str>,
    pub status: Option<Code>,
    pub classification: Option<Code>,
    #[schema(value_type = Option<String>, format = Date)]
    pub waiting_since: Option<Date>,
    /// Calendar days since `waiting_since`.
    pub waiting_days: Option<i32>,
    /// The last day within the norm (*streefnorm*) of the status.
    #[schema(value_type = Option<String>, format = Date)]
    pub norm_due: Option<Date>,
    pub norm_working_days_left: Option<u32>,
    pub norm_working_days_late: Option<u32>,
    pub bridging: bool,
    pub preferences: Vec<PreferenceView>,
    pub dossierhouder: Option<ProviderRef>,
    /// The tokens of the alerts open today.
    pub alerts: Vec<&'static str>,
}

impl ClientRow {
    pub fn new(summary: &CaseSummary, today: Date, supply: &SupplyDirectory) -> ClientRow {
        let norm = summary.norm_due.map(|due| Deadline::new(due, today));
        ClientRow {
            client: summary.client.0,
            name: summary.name.clone(),
            region: summary.region.into(),
            care_profile: summary.care_profile.map(|profile| profile.name()),
            sector: summary.sector().map(|sector| sector.as_str()),
            status: summary.status.map(Code::status),
            classification: summary.classification.map(Code::classification),
            waiting_since: summary.waiting_since,
            waiting_days: summary.waiting_since.map(|since| (today - since).get_days()),
            norm_due: summary.norm_due,
            norm_working_days_left: norm.map(|norm| norm.working_days_left),
            norm_working_days_late: norm.map(|norm| norm.working_days_late),
            bridging: summary.bridging,
            preferences: preferences(&summary.preferences, supply),
            dossierhouder: summary.dossierhouder.map(|agb| ProviderRef::new(agb, supply)),
            alerts: summary
                .alerts
                .iter()
                .filter(|alert| alert.is_open_on(today))
                .map(|alert| alert.kind.token())
                .collect(),
        }
    }
}

/// A page of clients.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ClientList {
    /// Clients matching the query in all, over every page.
    pub total: usize,
    pub offset: usize,
    pub limit: usize,
    pub rows: Vec<ClientRow>,
}

/// An alert open on a case.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CaseAlert {
    pub kind: Code,
    #[schema(value_type = String, format = Date)]
    pub opens_on: Date,
    /// The deadline that was missed, for the kinds that have one.
    #[schema(value_type = Option<String>, format = Date)]
    pub deadline: Option<Date>,
    /// Working days since the deadline, for the kinds that have one.
    pub working_days_late: Option<u32>,
    /// The provider that must act, if any.
    pub provider: Option<ProviderRef>,
}

impl CaseAlert {
    pub fn new(alert: &ScheduledAlert, today: Date, supply: &SupplyDirectory) -> CaseAlert {
        CaseAlert {
            kind: Code::alert(alert.kind),
            opens_on: alert.opens_on,
            deadline: alert.deadline,
            working_days_late: alert.deadline.map(|deadline| working_days_between(deadline, today)),
            provider: alert.provider.map(|agb| ProviderRef::new(agb, supply)),
        }
    }
}

/// The indication (*indicatiebesluit*) of the CIZ.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct IndicationView {
    /// The COD163 code, e.g. 754.
    pub care_profile_code: u16,
    /// The care profile's name, e.g. `5VV`.
    pub care_profile: &'static str,
    pub care_profile_label_nl: &'static str,
    pub sector: Code,
    pub delivery_form: Option<Code>,
    pub preferred_provider: Option<ProviderRef>,
    #[schema(value_type = String, format = Date)]
    pub recorded_on: Date,
}

/// The deadlines of a case that are still running or missed.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Deadlines {
    /// The first contact after the allocation, while it has not taken place.
    pub first_contact: Option<Deadline>,
    /// The norm of the waiting status, while waiting.
    pub norm: Option<Deadline>,
    /// The zorgkantoor's decision on a care-refusal request, while one is open.
    pub care_refusal_decision: Option<Deadline>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OfferView {
    pub location: LocationRef,
    #[schema(value_type = String, format = Date)]
    pub made_on: Date,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CareRefusalView {
    pub provider: ProviderRef,
    /// The ground, 1–4.
    pub ground: u8,
    pub ground_label_nl: &'static str,
    #[schema(value_type = String, format = Date)]
    pub requested_on: Date,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CareEndView {
    #[schema(value_type = String, format = Date)]
    pub on: Date,
    pub reason: Code,
}

/// One line of the timeline: an event of the case or a note, in the order
/// they were recorded.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TimelineEntryView {
    /// The global position in the event log: the order of the timeline.
    pub position: u64,
    /// The day it took effect.
    #[schema(value_type = String, format = Date)]
    pub occurred_on: Date,
    /// When passend recorded it.
    #[schema(value_type = String, format = DateTime)]
    pub recorded_at: Timestamp,
    /// Who recorded it, as the event log has it: `aanbieder:47000001:jan`.
    pub actor: String,
    pub reason: Option<String>,
    #[serde(flatten)]
    pub item: TimelineItemView,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum TimelineItemView {
    /// An event of the case.
    Event {
        /// The event's type, e.g. `offer_refused`.
        kind: &'static str,
        label_nl: &'static str,
        /// The event's fields as stored (null for an event without fields).
        #[schema(value_type = Object)]
        payload: serde_json::Value,
    },
    /// A note (*notitie*) the actor may read.
    Note(NoteView),
}

/// A note on a case.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NoteView {
    /// The note's number on the case, 1 for the first.
    pub number: u32,
    /// The note this one answers.
    pub reply_to: Option<u32>,
    pub audience: Code,
    /// The party the author spoke for: `zorgkantoor`, `dossierhouder` or `oco`.
    pub party: &'static str,
    /// Who wrote it, as the event log has it.
    pub author: String,
    #[schema(value_type = String, format = DateTime)]
    pub recorded_at: Timestamp,
    pub text: String,
}

/// A client's case as one document: who, what was decided, where the client
/// waits, which deadlines run, and everything that happened. Its `version`
/// (also the `ETag`) is what a command's `If-Match` must carry.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CaseDocument {
    pub client: u32,
    /// The version of the case stream.
    pub version: u32,
    pub name: Option<String>,
    pub bsn: Option<String>,
    #[schema(value_type = String, format = Date)]
    pub birth_date: Date,
    /// Age in whole years today.
    pub age: i16,
    pub region: RegionRef,
    pub postcode: Option<String>,
    pub indication: Option<IndicationView>,
    /// The provider holding the case (the current allocation).
    pub dossierhouder: Option<ProviderRef>,
    #[schema(value_type = Option<String>, format = Date)]
    pub allocated_on: Option<Date>,
    #[schema(value_type = Option<String>, format = Date)]
    pub first_contact_on: Option<Date>,
    #[schema(value_type = Option<String>, format = Date)]
    pub first_contact_due: Option<Date>,
    pub status: Option<Code>,
    pub classification: Option<Code>,
    #[schema(value_type = Option<String>, format = Date)]
    pub status_since: Option<Date>,
    #[schema(value_type = Option<String>, format = Date)]
    pub waiting_since: Option<Date>,
    pub waiting_days: Option<i32>,
    #[schema(value_type = Option<String>, format = Date)]
    pub norm_due: Option<Date>,
    pub deadlines: Deadlines,
    /// Refusals counted toward the second-refusal rule in this status.
    pub refusals: u8,
    pub preferences: Vec<PreferenceView>,
    pub placed_at: Option<LocationRef>,
    #[schema(value_type = Option<String>, format = Date)]
    pub placed_since: Option<Date>,
    pub bridging: bool,
    pub open_offers: Vec<OfferView>,
    pub care_refusal: Option<CareRefusalView>,
    pub ended: Option<CareEndView>,
    /// The OCO organisation the client consented to.
    pub oco_consent: Option<u32>,
    /// The alerts open today, most urgent first.
    pub alerts: Vec<CaseAlert>,
    /// The party the signed-in person writes notes as here, if they may.
    pub note_party: Option<&'static str>,
    /// Every event of the case and every note the signed-in person may read.
    pub timeline: Vec<TimelineEntryView>,
}

impl CaseDocument {
    pub fn new(file: &CaseFile, today: Date, supply: &SupplyDirectory) -> CaseDocument {
        let summary = &file.summary;
        let state = &file.state;
        let registration = state.registration.as_ref();
        let allocation = state.allocation;
        let deadline_of =
            |kind: AlertKind| summary.alerts.iter().find(|alert| alert.kind == kind).and_then(|alert| alert.deadline);
        let mut alerts: Vec<&ScheduledAlert> = summary.alerts.iter().filter(|alert| alert.is_open_on(today)).collect();
        alerts.sort_by_key(|alert| (alert.kind, alert.opens_on));
        CaseDocument {
            client: file.client.0,
            version: file.version,
            name: summary.name.clone(),
            bsn: summary.bsn.map(|bsn| bsn.as_str().to_string()),
            birth_date: summary.birth_date,
            age: age(summary.birth_date, today),
            region: summary.region.into(),
            postcode: registration.and_then(|registration| registration.postcode.as_ref()).map(ToString::to_string),
            indication: state.indication.map(|indication| IndicationView {
                care_profile_code: indication.care_profile.code(),
                care_profile: indication.care_profile.name(),
                care_profile_label_nl: indication.care_profile.description_nl(),
                sector: {
                    let sector = indication.care_profile.sector();
                    Code { token: sector.as_str(), label_nl: sector.label_nl() }
                },
                delivery_form: indication
                    .delivery_form
                    .map(|form| Code { token: form.token(), label_nl: form.label_nl() }),
                preferred_provider: indication.preferred_provider.map(|agb| ProviderRef::new(agb, supply)),
                recorded_on: indication.recorded_on,
            }),
            dossierhouder: summary.dossierhouder.map(|agb| ProviderRef::new(agb, supply)),
            allocated_on: allocation.map(|allocation| allocation.allocated_on),
            first_contact_on: summary.first_contact_on,
            first_contact_due: summary.first_contact_due,
            status: summary.status.map(Code::status),
            classification: summary.classification.map(Code::classification),
            status_since: summary.status_since,
            waiting_since: summary.waiting_since,
            waiting_days: summary.waiting_since.map(|since| (today - since).get_days()),
            norm_due: summary.norm_due,
            deadlines: Deadlines {
                first_contact: summary
                    .first_contact_due
                    .filter(|_| summary.first_contact_on.is_none())
                    .map(|due| Deadline::new(due, today)),
                norm: summary.norm_due.map(|due| Deadline::new(due, today)),
                care_refusal_decision: deadline_of(AlertKind::CareRefusalDecisionDue)
                    .filter(|_| state.care_refusal.is_some())
                    .map(|due| Deadline::new(due, today)),
            },
            refusals: summary.refusals,
            preferences: preferences(&summary.preferences, supply),
            placed_at: state.placement.map(|placement| LocationRef::new(placement.location, supply)),
            placed_since: state.placement.map(|placement| placement.since),
            bridging: summary.bridging,
            open_offers: state
                .open_offers
                .iter()
                .map(|offer| OfferView { location: LocationRef::new(offer.location, supply), made_on: offer.made_on })
                .collect(),
            care_refusal: state.care_refusal.map(|request| CareRefusalView {
                provider: ProviderRef::new(request.provider, supply),
                ground: request.ground.number(),
                ground_label_nl: request.ground.label_nl(),
                requested_on: request.requested_on,
            }),
            ended: state.ended.map(|end| CareEndView {
                on: end.on,
                reason: Code { token: end.reason.token(), label_nl: end.reason.label_nl() },
            }),
            oco_consent: summary.oco_consent.map(|oco| oco.0),
            alerts: alerts.into_iter().map(|alert| CaseAlert::new(alert, today, supply)).collect(),
            note_party: file.party.map(party_token),
            timeline: file.timeline.iter().map(timeline_entry).collect(),
        }
    }
}

/// Whole years from `birth` to `today`.
pub fn age(birth: Date, today: Date) -> i16 {
    let before_birthday = (today.month(), today.day()) < (birth.month(), birth.day());
    today.year() - birth.year() - i16::from(before_birthday)
}

pub fn party_token(party: passend_domain::note::Party) -> &'static str {
    use passend_domain::note::Party;
    match party {
        Party::Zorgkantoor => "zorgkantoor",
        Party::Dossierhouder => "dossierhouder",
        Party::Oco => "oco",
    }
}

fn timeline_entry(entry: &crate::cases::TimelineEntry) -> TimelineEntryView {
    let item = match &entry.item {
        TimelineItem::Event(event) => {
            TimelineItemView::Event { kind: event.kind(), label_nl: event_label_nl(event), payload: payload(event) }
        }
        TimelineItem::Note { number, note } => TimelineItemView::Note(NoteView {
            number: *number,
            reply_to: note.reply_to,
            audience: Code { token: note.audience.token(), label_nl: note.audience.label_nl() },
            party: party_token(note.party),
            author: entry.actor.clone(),
            recorded_at: entry.recorded_at,
            text: note.text.clone(),
        }),
    };
    TimelineEntryView {
        position: entry.position,
        occurred_on: entry.occurred_on,
        recorded_at: entry.recorded_at,
        actor: entry.actor.clone(),
        reason: entry.reason.clone(),
        item,
    }
}

/// The event's fields: the stored form without the outer tag that names the kind.
fn payload(event: &CaseEvent) -> serde_json::Value {
    match serde_json::to_value(event) {
        Ok(serde_json::Value::Object(mut tagged)) if tagged.len() == 1 => {
            tagged.remove(event.kind()).unwrap_or(serde_json::Value::Null)
        }
        _ => serde_json::Value::Null,
    }
}

/// The timeline's Dutch name for an event.
pub fn event_label_nl(event: &CaseEvent) -> &'static str {
    match event {
        CaseEvent::ClientRegistered(_) => "Cliënt ingeschreven",
        CaseEvent::IndicationRecorded { .. } => "Indicatiebesluit geregistreerd",
        CaseEvent::AllocationMade { automatic: true, .. } => "Zorgtoewijzing (automatisch)",
        CaseEvent::AllocationMade { .. } => "Zorgtoewijzing",
        CaseEvent::AllocationReturned { .. } => "Zorgtoewijzing teruggegeven",
        CaseEvent::FirstContactRegistered { .. } => "Eerste contact geregistreerd",
        CaseEvent::WaitStatusSet { .. } => "Wachtstatus gewijzigd",
        CaseEvent::OfferMade { .. } => "Aanbod gedaan",
        CaseEvent::OfferRefused { .. } => "Aanbod geweigerd",
        CaseEvent::WaitingTimeLapsed => "Tweede weigering: wacht uit voorzorg, wachttijd vervallen",
        CaseEvent::OfferAccepted { .. } => "Aanbod geaccepteerd",
        CaseEvent::Admitted { bridging: true, .. } => "Opgenomen in overbruggingszorg",
        CaseEvent::Admitted { .. } => "Opgenomen",
        CaseEvent::PrioritisedAfterBridging => "Voorrang na overbrugging",
        CaseEvent::ContentWithCurrent => "Tevreden met huidige plek",
        CaseEvent::CareRefusalRequested { .. } => "Verzoek tot zorgweigering",
        CaseEvent::CareRefusalDecided { approved: true } => "Zorgweigering toegestaan",
        CaseEvent::CareRefusalDecided { .. } => "Zorgweigering afgewezen",
        CaseEvent::CareEnded { .. } => "Zorg beëindigd",
        CaseEvent::OcoConsentRecorded { oco: Some(_) } => "Toestemming OCO gegeven",
        CaseEvent::OcoConsentRecorded { .. } => "Toestemming OCO ingetrokken",
        CaseEvent::LivingProfileRecorded(_) => "Woonprofiel vastgelegd",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn age_counts_whole_years() {
        assert_eq!(age(date(1940, 11, 2), date(2026, 11, 2)), 86);
        assert_eq!(age(date(1940, 11, 3), date(2026, 11, 2)), 85);
    }

    #[test]
    fn deadlines_count_working_days() {
        // Friday 30 October 2026 → Monday 2 November: one working day late.
        let late = Deadline::new(date(2026, 10, 30), date(2026, 11, 2));
        assert_eq!((late.overdue, late.working_days_late, late.working_days_left), (true, 1, 0));
        let left = Deadline::new(date(2026, 11, 6), date(2026, 11, 2));
        assert_eq!((left.overdue, left.working_days_left), (false, 4));
        let today = Deadline::new(date(2026, 11, 2), date(2026, 11, 2));
        assert_eq!((today.overdue, today.working_days_left, today.working_days_late), (false, 0, 0));
    }

    #[test]
    fn payload_drops_the_tag() {
        let event = CaseEvent::OfferMade { location: LocationId(3) };
        assert_eq!(payload(&event), serde_json::json!({ "location": 3 }));
        assert_eq!(payload(&CaseEvent::WaitingTimeLapsed), serde_json::Value::Null);
    }
}
