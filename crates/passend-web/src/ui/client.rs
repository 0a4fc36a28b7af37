//! `/clienten/{n}`: a client's dossier: the facts of the case, its open
//! offers and lists, the timeline of every event and note, and the forms of
//! the commands the actor may ask for.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use jiff::civil::Date;
use passend_domain::case::alerts;
use passend_domain::case::{CaseEvent, LivingProfile};
use passend_domain::codes::WaitStatus;
use passend_domain::ids::ClientId;
use passend_domain::vocabulary::Vocabulary;
use serde::Deserialize;

use super::format::{self, Deadline, Names};
use super::forms::{self, FormKind, FormView};
use super::{Layout, PageError, render};
use crate::actor::Actor;
use crate::auth::{PageSession, Session};
use crate::cases::{self, CaseFile, TimelineItem};
use crate::problem::ApiError;
use crate::state::AppState;

#[derive(Debug, Default, Deserialize)]
pub struct ClientParams {
    gelukt: Option<String>,
}

/// What to say above or inside the forms.
#[derive(Debug, Default)]
pub struct Messages {
    pub success: Option<&'static str>,
    /// The case changed since the form was loaded.
    pub conflict: Option<String>,
    /// A failed submission: the form and the message, shown inside the form.
    pub failed: Option<(FormKind, String)>,
    /// The fields of the failed submission, to put back.
    pub sent: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "client.html")]
struct ClientPage {
    layout: Layout,
    client: u32,
    version: u32,
    name: String,
    facts: Facts,
    offers: Vec<OfferView>,
    lists: Vec<String>,
    signals: Vec<SignalView>,
    timeline: Vec<TimelineView>,
    forms: Vec<FormView>,
    success: Option<&'static str>,
    conflict: Option<String>,
    /// A failure whose form is not on the page (any more).
    error: Option<String>,
    /// The name and title of the form that failed, for the summary at the top.
    failed: Option<(&'static str, &'static str)>,
    ended: Option<String>,
}

struct Facts {
    age: String,
    birth_date: String,
    bsn: String,
    region: &'static str,
    care_profile: String,
    sector: String,
    delivery_form: String,
    dossierhouder: String,
    status: &'static str,
    status_token: &'static str,
    classification: &'static str,
    status_since: String,
    waiting_since: String,
    waiting_days: String,
    norm_date: String,
    norm: Option<Deadline>,
    first_contact: String,
    first_contact_deadline: Option<Deadline>,
    refusals: u8,
    placement: String,
    oco: String,
}

struct OfferView {
    location: u32,
    name: String,
    made_on: String,
}

struct SignalView {
    kind: &'static str,
    label: &'static str,
}

struct TimelineView {
    /// The event kind (`first_contact_registered`) or `note`.
    kind: &'static str,
    note: Option<u32>,
    date: String,
    recorder: String,
    text: String,
    reason: Option<String>,
    audience: String,
    reply_to: Option<u32>,
}

/// `GET /clienten/{n}`.
pub async fn page(
    State(state): State<AppState>,
    PageSession(session): PageSession,
    Path(client): Path<String>,
    Query(params): Query<ClientParams>,
) -> Result<Response, PageError> {
    let client = parse_client(&client)?;
    let success = params.gelukt.as_deref().and_then(FormKind::from_name).map(FormKind::success);
    show(&state, &session, client, StatusCode::OK, Messages { success, ..Messages::default() }).await
}

/// A client number from the path; anything else is a client that does not exist.
pub fn parse_client(text: &str) -> Result<ClientId, ApiError> {
    text.parse().map(ClientId).map_err(|_| ApiError::NotFound {
        what: "client",
        what_nl: "Cliënt",
        id: text.chars().take(20).collect(),
    })
}

/// Renders the dossier with `status` and `messages`.
pub async fn show(
    state: &AppState,
    session: &Session,
    client: ClientId,
    status: StatusCode,
    messages: Messages,
) -> Result<Response, PageError> {
    let actor = Arc::clone(&session.actor);
    let today = state.today();
    let file = cases::open(state, Arc::clone(&actor), client).await?;
    let layout = Layout::new(session, String::new(), "");
    let mut page = state
        .run(move |passend| {
            let supply = passend.supply();
            Ok(build(layout, &actor, &file, &Names { supply: &supply }, today))
        })
        .await?;
    page.layout.title = format!("{} – cliëntdossier", page.name);
    page.success = messages.success;
    page.conflict = messages.conflict;
    if let Some((kind, message)) = messages.failed {
        match page.forms.iter().position(|form| form.kind == kind) {
            Some(index) => {
                // The failed form comes first, where the eye lands.
                let mut form = page.forms.remove(index);
                forms::prefill(&mut form, &messages.sent);
                form.error = Some(message);
                page.failed = Some((form.name, form.title));
                page.forms.insert(0, form);
            }
            None => page.error = Some(message),
        }
    }
    render(status, &page)
}

fn build(layout: Layout, actor: &Actor, file: &CaseFile, names: &Names<'_>, today: Date) -> ClientPage {
    let summary = &file.summary;
    let state = &file.state;
    let name = summary.name.clone().unwrap_or_else(|| format!("Cliënt {}", file.client));
    let indication = state.indication;
    let first_contact = match state.allocation {
        None => "–".to_string(),
        Some(allocation) => match allocation.first_contact_on {
            Some(on) => format!("gehad op {}", format::date(on)),
            None => format!("uiterlijk {}", format::date(allocation.first_contact_due)),
        },
    };
    let facts = Facts {
        age: format!("{} jaar", format::age(summary.birth_date, today)),
        birth_date: format::date(summary.birth_date),
        bsn: summary.bsn.map_or_else(|| "–".to_string(), |bsn| bsn.to_string()),
        region: summary.region.name(),
        care_profile: indication
            .map_or_else(|| "Nog geen indicatie".to_string(), |i| format::care_profile_label(i.care_profile)),
        sector: summary
            .sector()
            .map_or_else(|| "–".to_string(), |sector| format!("{} ({})", sector.label_nl(), sector.as_str())),
        delivery_form: summary.delivery_form.map_or("–", |form| form.label_nl()).to_string(),
        dossierhouder: summary
            .dossierhouder
            .map_or_else(|| "Geen dossierhouder".to_string(), |agb| format!("{} (AGB {agb})", names.provider(agb))),
        status: format::status_label(summary.status),
        status_token: summary.status.map_or("geen", WaitStatus::token),
        classification: format::classification_label(summary.classification),
        status_since: format::date_or_dash(summary.status_since),
        waiting_since: format::date_or_dash(summary.waiting_since),
        waiting_days: summary
            .waiting_since
            .map_or_else(|| "–".to_string(), |since| format!("{} dagen", format::days_since(since, today))),
        norm_date: format::date_or_dash(summary.norm_due),
        norm: summary.norm_due.map(|due| format::deadline(due, today)),
        first_contact,
        first_contact_deadline: state
            .allocation
            .filter(|allocation| allocation.first_contact_on.is_none())
            .map(|allocation| format::deadline(allocation.first_contact_due, today)),
        refusals: summary.refusals,
        placement: match state.placement {
            None => "–".to_string(),
            Some(placement) => format!(
                "{}{} sinds {}",
                names.location_with_provider(placement.location),
                if placement.bridging { ", overbruggingsplek" } else { "" },
                format::date(placement.since)
            ),
        },
        oco: summary.oco_consent.map_or_else(|| "Geen".to_string(), |oco| format!("OCO-organisatie {oco}")),
    };
    let offers = state
        .open_offers
        .iter()
        .map(|offer| OfferView {
            location: offer.location.0,
            name: names.location_with_provider(offer.location),
            made_on: format::date(offer.made_on),
        })
        .collect();
    let lists = summary.preferences.iter().map(|target| names.target(*target)).collect();
    let signals = alerts::open_on(&summary.alerts, today)
        .into_iter()
        .map(|kind| SignalView { kind: kind.token(), label: kind.label_nl() })
        .collect();
    let mut timeline: Vec<TimelineView> = file
        .timeline
        .iter()
        .map(|entry| {
            let (kind, note, text, audience, reply_to) = match &entry.item {
                TimelineItem::Event(event) => (event.kind(), None, describe(event, names), String::new(), None),
                TimelineItem::Note { number, note } => (
                    "note",
                    Some(*number),
                    note.text.clone(),
                    format!("{} · voor: {}", note.party.label_nl(), note.audience.label_nl()),
                    note.reply_to,
                ),
            };
            TimelineView {
                kind,
                note,
                date: format::date(entry.occurred_on),
                recorder: names.recorder(&entry.actor),
                text,
                reason: entry.reason.clone(),
                audience,
                reply_to,
            }
        })
        .collect();
    // Newest first: what happened last matters most.
    timeline.reverse();
    ClientPage {
        layout,
        client: file.client.0,
        version: file.version,
        name,
        facts,
        offers,
        lists,
        signals,
        timeline,
        forms: forms::forms(actor, file, names.supply, today),
        success: None,
        conflict: None,
        error: None,
        failed: None,
        ended: state.ended.map(|end| {
            format!(
                "De zorg is op {} beëindigd ({}); het dossier is gesloten.",
                format::date_long(end.on),
                end.reason.label_nl()
            )
        }),
    }
}

/// An event in words.
pub fn describe(event: &CaseEvent, names: &Names<'_>) -> String {
    match event {
        CaseEvent::ClientRegistered(registration) => {
            format!("Cliënt ingeschreven in regio {}.", registration.region.name())
        }
        CaseEvent::IndicationRecorded { care_profile, delivery_form, preferred_provider } => {
            let mut text = format!("Indicatiebesluit: zorgprofiel {}", format::care_profile_label(*care_profile));
            if let Some(form) = delivery_form {
                text.push_str(&format!(", leveringsvorm {}", form.label_nl()));
            }
            if let Some(agb) = preferred_provider {
                text.push_str(&format!(", voorkeuraanbieder {}", names.provider(*agb)));
            }
            text.push('.');
            text
        }
        CaseEvent::AllocationMade { provider, first_contact_due, automatic, .. } => format!(
            "Zorg {}toegewezen aan {}; eerste contact uiterlijk {}.",
            if *automatic { "automatisch " } else { "" },
            names.provider(*provider),
            format::date(*first_contact_due)
        ),
        CaseEvent::AllocationReturned { provider } => {
            format!("Zorgtoewijzing teruggegeven door {}.", names.provider(*provider))
        }
        CaseEvent::FirstContactRegistered { provider } => {
            format!("Eerste contact vastgelegd voor {}.", names.provider(*provider))
        }
        CaseEvent::WaitStatusSet { status, classification, preferences } => {
            let mut text = format!("Wachtstatus {}", status.label_nl());
            if let Some(classification) = classification {
                text.push_str(&format!(", classificatie {}", classification.label_nl()));
            }
            if let Some(preferences) = preferences {
                text.push_str(&format!("; voorkeuren: {}", names.targets(preferences)));
            }
            text.push('.');
            text
        }
        CaseEvent::OfferMade { location } => format!("Aanbod gedaan: {}.", names.location_with_provider(*location)),
        CaseEvent::OfferRefused { location, weighty_reason, counted } => format!(
            "Aanbod geweigerd: {}{}; {}.",
            names.location_with_provider(*location),
            if *weighty_reason { ", met zwaarwegende reden" } else { "" },
            if *counted { "telt mee als weigering" } else { "telt niet mee als weigering" }
        ),
        CaseEvent::WaitingTimeLapsed => {
            "Tweede weigering: de opgebouwde wachttijd vervalt en de status wordt Wacht uit voorzorg.".to_string()
        }
        CaseEvent::OfferAccepted { location } => {
            format!("Aanbod aanvaard: {}.", names.location_with_provider(*location))
        }
        CaseEvent::Admitted { location, bridging } => format!(
            "Opgenomen in {}{}.",
            names.location_with_provider(*location),
            if *bridging { " (overbruggingsplek)" } else { "" }
        ),
        CaseEvent::PrioritisedAfterBridging => {
            "Na opname in overbrugging: voorrang als Actief plaatsen, voorkeuraanbieder leidend.".to_string()
        }
        CaseEvent::ContentWithCurrent => "De cliënt is tevreden met de huidige plek en wacht niet meer.".to_string(),
        CaseEvent::CareRefusalRequested { provider, ground } => {
            format!("Verzoek tot zorgweigering door {}: {}.", names.provider(*provider), ground.label_nl())
        }
        CaseEvent::CareRefusalDecided { approved } => {
            if *approved {
                "Zorgweigering toegestaan.".to_string()
            } else {
                "Zorgweigering afgewezen.".to_string()
            }
        }
        CaseEvent::CareEnded { reason } => format!("Zorg beëindigd: {}.", reason.label_nl()),
        CaseEvent::OcoConsentRecorded { oco: Some(oco) } => {
            format!("Toestemming gegeven aan OCO-organisatie {oco} om het dossier in te zien.")
        }
        CaseEvent::OcoConsentRecorded { oco: None } => "Toestemming voor de OCO ingetrokken.".to_string(),
        CaseEvent::LivingProfileRecorded(profile) => describe_living_profile(profile, names),
    }
}

/// A living profile (*woonprofiel*) in words, its tags by their Dutch labels.
fn describe_living_profile(profile: &LivingProfile, names: &Names<'_>) -> String {
    let labels = |tags: &[String]| {
        let vocabulary = Vocabulary::passend();
        tags.iter().map(|tag| vocabulary.get(tag).map_or(tag.as_str(), |known| known.nl)).collect::<Vec<_>>().join(", ")
    };
    let mut parts = Vec::new();
    if !profile.needs.is_empty() {
        parts.push(format!("behoeften: {}", labels(&profile.needs)));
    }
    if !profile.contra_indications.is_empty() {
        parts.push(format!("let op: {}", labels(&profile.contra_indications)));
    }
    if let Some(km) = profile.max_distance_km {
        parts.push(format!("hoogstens {km} km van huis"));
    }
    if let Some(location) = profile.near_partner {
        parts.push(format!("dicht bij de partner in {}", names.location(location)));
    }
    if let Some(language) = &profile.language {
        parts.push(format!("taal: {language}"));
    }
    if let Some(religion) = &profile.religion {
        parts.push(format!("levensbeschouwing: {religion}"));
    }
    if parts.is_empty() {
        "Woonprofiel vastgelegd zonder bijzondere behoeften of wensen.".to_string()
    } else {
        format!("Woonprofiel vastgelegd: {}.", parts.join("; "))
    }
}
