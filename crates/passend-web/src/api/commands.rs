//! The commands on a case: one `POST /api/v1/clients/{client}/…` route per
//! command. Every route takes the case version it was based on in
//! `If-Match` (a stale one is a 409 with the current case, so nobody
//! overwrites a change they did not see), a JSON body whose identifiers are
//! parsed by the domain's own parse functions (a bad one is a 422 naming the
//! field), an optional `occurred_on` (today when absent, never in the future)
//! and an optional `reason` (at most 500 characters).
//!
//! The order of checks is the same for every command: the body parses, the
//! client exists (404) and is visible (403), the identifiers parse and exist
//! (422), the policy lets this actor ask (403), the domain's rules allow it
//! (422) and the version still matches (409). Only then is anything written,
//! in one transaction.

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use jiff::Timestamp;
use jiff::civil::Date;
use passend_domain::InvalidValue;
use passend_domain::case::{CaseCommand, CaseSummary, ListTarget, LivingProfile};
use passend_domain::codes::{CareEndReason, CareProfile, Classification, DeliveryForm, RefusalGround, WaitStatus};
use passend_domain::ids::{AgbCode, ClientId, LocationId, OcoId};
use passend_domain::supply::SupplyDirectory;
use passend_domain::vocabulary::{TagKind, Vocabulary};
use passend_store::{CommandError, EventMeta, EventStore as _, StoreError, StreamId};
use serde::{Deserialize, Deserializer};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::extract::{IfMatch, PathParam};
use super::view::CaseDocument;
use super::{ApiJson, document_response, etag};
use crate::actor::{Actor, Role};
use crate::auth::ApiSession;
use crate::cases;
use crate::policy;
use crate::problem::{ApiError, Problem};
use crate::state::{AppState, Service};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(record_indication))
        .routes(routes!(allocate))
        .routes(routes!(return_allocation))
        .routes(routes!(register_first_contact))
        .routes(routes!(set_wait_status))
        .routes(routes!(make_offer))
        .routes(routes!(refuse_offer))
        .routes(routes!(accept_offer))
        .routes(routes!(admit))
        .routes(routes!(content_with_current))
        .routes(routes!(request_care_refusal))
        .routes(routes!(decide_care_refusal))
        .routes(routes!(end_care))
        .routes(routes!(record_oco_consent))
        .routes(routes!(record_living_profile))
}

/// Every command route, for the OpenAPI coverage test and the docs.
pub const COMMAND_PATHS: [&str; 15] = [
    "/api/v1/clients/{client}/indication",
    "/api/v1/clients/{client}/allocation",
    "/api/v1/clients/{client}/allocation/return",
    "/api/v1/clients/{client}/first-contact",
    "/api/v1/clients/{client}/wait-status",
    "/api/v1/clients/{client}/offers",
    "/api/v1/clients/{client}/offers/refusal",
    "/api/v1/clients/{client}/offers/acceptance",
    "/api/v1/clients/{client}/admission",
    "/api/v1/clients/{client}/content-with-current",
    "/api/v1/clients/{client}/care-refusal",
    "/api/v1/clients/{client}/care-refusal/decision",
    "/api/v1/clients/{client}/care-end",
    "/api/v1/clients/{client}/oco-consent",
    "/api/v1/clients/{client}/living-profile",
];

/// The longest `reason` accepted with a command.
pub const MAX_REASON_CHARS: usize = cases::MAX_REASON_CHARS;
pub use cases::{checked_reason, occurred_on};

/// What a command body is checked against once the case is read: who asks,
/// the case as it is, and the supply register for the identifiers.
pub struct Resolve<'a> {
    pub actor: &'a Actor,
    pub summary: &'a CaseSummary,
    pub supply: &'a SupplyDirectory,
}

/// A command's body: its own fields, which become a [`CaseCommand`], and the
/// envelope every command shares.
pub trait CommandBody: Send + 'static {
    /// The body field that holds the free-text reason.
    const REASON_FIELD: &'static str = "reason";
    /// The day the command took effect and the free-text reason.
    fn envelope(&mut self) -> (Option<Date>, Option<String>);
    fn command(self, on: &Resolve<'_>) -> Result<CaseCommand, ApiError>;
}

/// Declares a command body: the command's own fields, then `occurred_on` and
/// `reason`. `deny_unknown_fields` makes a misspelt field an error instead of
/// a silently ignored one (serde cannot combine it with `flatten`, hence the macro).
macro_rules! command_body {
    ($(#[$meta:meta])* $name:ident { $($(#[$field_meta:meta])* $field:ident : $type:ty,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Deserialize, ToSchema)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            $($(#[$field_meta])* pub $field: $type,)*
            /// The day it took effect; today when absent. Not after today nor
            /// before the case's last event.
            #[serde(default)]
            #[schema(value_type = Option<String>, format = Date, example = "2026-11-02")]
            pub occurred_on: Option<Date>,
            /// Why, in the person's own words: kept in the timeline (at most 500 characters).
            #[serde(default)]
            pub reason: Option<String>,
        }

        impl $name {
            fn take_envelope(&mut self) -> (Option<Date>, Option<String>) {
                (self.occurred_on, self.reason.take())
            }
        }
    };
}

/// A code given by its name (`"5VV"`) or its number (`754`).
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(untagged)]
pub enum NameOrCode {
    Name(String),
    Code(u64),
}

/// An entry of the preferences: `{"location": 3}` or `{"provider": "47000001"}`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum PreferenceInput {
    /// A location, by number.
    Location(u32),
    /// Every location of a provider, by AGB code.
    Provider(String),
}

command_body! {
    /// The CIZ's indication (*indicatiebesluit*). With a preferred provider
    /// and a delivery form the care is allocated to that provider at once.
    IndicationBody {
        /// The care profile (COD163): its name (`"5VV"`) or code (`754`).
        care_profile: NameOrCode,
        /// `verblijf`, `vpt`, `mpt`, `pgb`, `dtv` or `vkb`.
        #[serde(default)]
        delivery_form: Option<String>,
        /// The AGB code of the preferred provider (*voorkeuraanbieder*).
        #[serde(default)]
        preferred_provider: Option<String>,
    }
}

command_body! {
    /// Allocates the care (*zorgtoewijzing*) to a provider, which becomes dossierhouder.
    AllocationBody {
        /// The provider's AGB code.
        provider: String,
    }
}

command_body! {
    /// The dossierhouder gives the allocation back.
    ReturnAllocationBody {
        /// The provider's AGB code; a provider's own when it asks itself.
        #[serde(default)]
        provider: Option<String>,
    }
}

command_body! {
    /// The first contact with the client after the allocation.
    FirstContactBody {
        /// The provider that had the contact: a provider's own AGB code when
        /// it asks itself, otherwise the dossierhouder's.
        #[serde(default)]
        provider: Option<String>,
    }
}

command_body! {
    /// A waiting-status message: status, classification and optionally the
    /// ordered preferences (omitted: they stay as they are).
    WaitStatusBody {
        /// `urgent_plaatsen`, `actief_plaatsen`, `wacht_op_voorkeur` or `wacht_uit_voorzorg`.
        status: String,
        /// A COD168 classification token or two-digit code.
        #[serde(default)]
        classification: Option<String>,
        #[serde(default)]
        preferences: Option<Vec<PreferenceInput>>,
    }
}

command_body! {
    /// An offer (*aanbod*) of a place at a location.
    OfferBody {
        location: u32,
    }
}

command_body! {
    /// The client refused an offer.
    RefusalBody {
        location: u32,
        /// A weighty reason (such as the death of a partner, or an offer much
        /// earlier than expected): the refusal does not count.
        #[serde(default)]
        weighty_reason: bool,
    }
}

command_body! {
    /// The client accepted an offer.
    AcceptanceBody {
        location: u32,
    }
}

command_body! {
    /// The client was admitted to a location, as regular care or as a bridging place.
    AdmissionBody {
        location: u32,
        /// A temporary bridging place (*overbruggingsplek*) while the client keeps waiting.
        bridging: bool,
    }
}

command_body! {
    /// The client is content in the bridging place and stops waiting. The
    /// body is `{}` or only the envelope.
    ContentBody {}
}

command_body! {
    /// The dossierhouder asks the zorgkantoor to refuse care (*zorgweigering*).
    CareRefusalBody {
        /// The provider's AGB code; a provider's own when it asks itself.
        #[serde(default)]
        provider: Option<String>,
        /// The ground, 1–4.
        ground: u8,
    }
}

command_body! {
    /// The zorgkantoor decides on a care-refusal request.
    CareRefusalDecisionBody {
        approved: bool,
    }
}

/// Care ended (*intrekking*); the case closes. Here `reason` is the COD172
/// reason, so the free-text explanation is `explanation`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CareEndBody {
    /// The COD172 reason token, e.g. `overleden`, `verhuizing`.
    pub reason: String,
    /// The day it took effect; today when absent.
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Date, example = "2026-11-02")]
    pub occurred_on: Option<Date>,
    /// Why, in the person's own words (at most 500 characters).
    #[serde(default)]
    pub explanation: Option<String>,
}

command_body! {
    /// The client's consent for an OCO organisation to see the case; `null` withdraws it.
    OcoConsentBody {
        /// The OCO organisation's number, or `null`. Required: withdrawing
        /// consent must be said, not implied by a missing field.
        #[serde(deserialize_with = "present")]
        #[schema(required = true)]
        oco: Option<u32>,
    }
}

command_body! {
    /// What the client needs and wishes of a place beyond the indication
    /// (*woonprofiel*, *wensprofiel*), replacing the earlier profile.
    LivingProfileBody {
        /// Tags of kind `context` or `expertise` (tags.csv), e.g. `["dementie", "rustige_omgeving"]`:
        /// expertise is required of a place, context is a wish.
        #[serde(default)]
        needs: Vec<String>,
        /// Tags of kind `contra_indication` that apply to the client, e.g. `["weglooprisico"]`.
        #[serde(default)]
        contra_indications: Vec<String>,
        /// The farthest a place may be from home, 1–300 km.
        #[serde(default)]
        max_distance_km: Option<u16>,
        /// The location where the client's partner lives.
        #[serde(default)]
        near_partner: Option<u32>,
        /// The partner (a client number) to be admitted together with (*partneropname*).
        #[serde(default)]
        admit_with: Option<u32>,
        /// The language the client wishes to be cared for in.
        #[serde(default)]
        language: Option<String>,
        /// The religion or philosophy of life the client wishes a place to share.
        #[serde(default)]
        religion: Option<String>,
    }
}

/// A field that must be present even when its value may be `null`.
fn present<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u32>, D::Error> {
    Option::<u32>::deserialize(deserializer)
}

fn invalid(field: &str) -> impl FnOnce(InvalidValue) -> ApiError + '_ {
    move |error| ApiError::invalid(field, &error)
}

/// A provider by AGB code that the supply register knows.
fn provider(field: &str, text: &str, supply: &SupplyDirectory) -> Result<AgbCode, ApiError> {
    let agb = AgbCode::parse(text).map_err(invalid(field))?;
    if supply.provider(agb).is_none() {
        return Err(ApiError::bad_input(
            field,
            format!("provider {agb} is not registered"),
            format!("Er is geen aanbieder met AGB-code {agb}."),
        ));
    }
    Ok(agb)
}

/// A location the supply register knows. Checked here, before the policy,
/// so that a mistyped number is a 422 naming the field rather than a 403.
fn location(field: &str, number: u32, supply: &SupplyDirectory) -> Result<LocationId, ApiError> {
    let id = LocationId(number);
    if supply.location(id).is_none() {
        return Err(ApiError::bad_input(
            field,
            format!("location {number} does not exist"),
            format!("Locatie {number} bestaat niet."),
        ));
    }
    Ok(id)
}

/// The provider a command names, or the one it means when it names none: a
/// provider's own code when it asks itself, otherwise `fallback`.
fn provider_or_default(
    given: Option<String>,
    on: &Resolve<'_>,
    fallback: Option<AgbCode>,
) -> Result<AgbCode, ApiError> {
    match (given, &on.actor.role) {
        (Some(text), _) => provider("provider", &text, on.supply),
        (None, Role::Aanbieder { agb }) => Ok(*agb),
        (None, _) => fallback.ok_or_else(|| {
            ApiError::bad_input(
                "provider",
                "give the provider: the client has no dossierhouder to default to",
                "Geef de aanbieder op: deze cliënt heeft geen dossierhouder.",
            )
        }),
    }
}

impl CommandBody for IndicationBody {
    fn envelope(&mut self) -> (Option<Date>, Option<String>) {
        self.take_envelope()
    }

    fn command(self, on: &Resolve<'_>) -> Result<CaseCommand, ApiError> {
        let care_profile = match &self.care_profile {
            NameOrCode::Name(name) => CareProfile::parse(name),
            NameOrCode::Code(code) => u16::try_from(*code)
                .map_err(|_| {
                    InvalidValue::new("care profile", code.to_string(), "not a COD163 code", "geen COD163-code")
                })
                .and_then(CareProfile::from_code),
        }
        .map_err(invalid("care_profile"))?;
        let delivery_form = self
            .delivery_form
            .as_deref()
            .map(DeliveryForm::parse_token)
            .transpose()
            .map_err(invalid("delivery_form"))?;
        let preferred_provider = self
            .preferred_provider
            .as_deref()
            .map(|text| provider("preferred_provider", text, on.supply))
            .transpose()?;
        Ok(CaseCommand::RecordIndication { care_profile, delivery_form, preferred_provider })
    }
}

impl CommandBody for AllocationBody {
    fn envelope(&mut self) -> (Option<Date>, Option<String>) {
        self.take_envelope()
    }

    fn command(self, on: &Resolve<'_>) -> Result<CaseCommand, ApiError> {
        Ok(CaseCommand::Allocate { provider: provider("provider", &self.provider, on.supply)? })
    }
}

impl CommandBody for ReturnAllocationBody {
    fn envelope(&mut self) -> (Option<Date>, Option<String>) {
        self.take_envelope()
    }

    fn command(self, on: &Resolve<'_>) -> Result<CaseCommand, ApiError> {
        Ok(CaseCommand::ReturnAllocation {
            provider: provider_or_default(self.provider, on, on.summary.dossierhouder)?,
        })
    }
}

impl CommandBody for FirstContactBody {
    fn envelope(&mut self) -> (Option<Date>, Option<String>) {
        self.take_envelope()
    }

    fn command(self, on: &Resolve<'_>) -> Result<CaseCommand, ApiError> {
        let provider = provider_or_default(self.provider, on, on.summary.dossierhouder)?;
        Ok(CaseCommand::RegisterFirstContact { provider })
    }
}

impl CommandBody for WaitStatusBody {
    fn envelope(&mut self) -> (Option<Date>, Option<String>) {
        self.take_envelope()
    }

    fn command(self, on: &Resolve<'_>) -> Result<CaseCommand, ApiError> {
        let status = WaitStatus::parse_token(&self.status).map_err(invalid("status"))?;
        let classification =
            self.classification.as_deref().map(Classification::parse).transpose().map_err(invalid("classification"))?;
        let preferences = match self.preferences {
            None => None,
            Some(entries) => Some(
                entries
                    .into_iter()
                    .enumerate()
                    .map(|(index, entry)| match entry {
                        PreferenceInput::Location(number) => {
                            location(&format!("preferences[{index}].location"), number, on.supply)
                                .map(ListTarget::Location)
                        }
                        PreferenceInput::Provider(text) => {
                            provider(&format!("preferences[{index}].provider"), &text, on.supply)
                                .map(ListTarget::Provider)
                        }
                    })
                    .collect::<Result<Vec<_>, _>>()?,
            ),
        };
        Ok(CaseCommand::SetWaitStatus { status, classification, preferences })
    }
}

impl CommandBody for OfferBody {
    fn envelope(&mut self) -> (Option<Date>, Option<String>) {
        self.take_envelope()
    }

    fn command(self, on: &Resolve<'_>) -> Result<CaseCommand, ApiError> {
        Ok(CaseCommand::MakeOffer { location: location("location", self.location, on.supply)? })
    }
}

impl CommandBody for RefusalBody {
    fn envelope(&mut self) -> (Option<Date>, Option<String>) {
        self.take_envelope()
    }

    fn command(self, on: &Resolve<'_>) -> Result<CaseCommand, ApiError> {
        let location = location("location", self.location, on.supply)?;
        Ok(CaseCommand::RefuseOffer { location, weighty_reason: self.weighty_reason })
    }
}

impl CommandBody for AcceptanceBody {
    fn envelope(&mut self) -> (Option<Date>, Option<String>) {
        self.take_envelope()
    }

    fn command(self, on: &Resolve<'_>) -> Result<CaseCommand, ApiError> {
        Ok(CaseCommand::AcceptOffer { location: location("location", self.location, on.supply)? })
    }
}

impl CommandBody for AdmissionBody {
    fn envelope(&mut self) -> (Option<Date>, Option<String>) {
        self.take_envelope()
    }

    fn command(self, on: &Resolve<'_>) -> Result<CaseCommand, ApiError> {
        Ok(CaseCommand::Admit { location: location("location", self.location, on.supply)?, bridging: self.bridging })
    }
}

impl CommandBody for ContentBody {
    fn envelope(&mut self) -> (Option<Date>, Option<String>) {
        self.take_envelope()
    }

    fn command(self, _on: &Resolve<'_>) -> Result<CaseCommand, ApiError> {
        Ok(CaseCommand::ContentWithCurrent)
    }
}

impl CommandBody for CareRefusalBody {
    fn envelope(&mut self) -> (Option<Date>, Option<String>) {
        self.take_envelope()
    }

    fn command(self, on: &Resolve<'_>) -> Result<CaseCommand, ApiError> {
        let ground = RefusalGround::from_number(self.ground).map_err(invalid("ground"))?;
        let provider = provider_or_default(self.provider, on, on.summary.dossierhouder)?;
        Ok(CaseCommand::RequestCareRefusal { provider, ground })
    }
}

impl CommandBody for CareRefusalDecisionBody {
    fn envelope(&mut self) -> (Option<Date>, Option<String>) {
        self.take_envelope()
    }

    fn command(self, _on: &Resolve<'_>) -> Result<CaseCommand, ApiError> {
        Ok(CaseCommand::DecideCareRefusal { approved: self.approved })
    }
}

impl CommandBody for CareEndBody {
    const REASON_FIELD: &'static str = "explanation";

    fn envelope(&mut self) -> (Option<Date>, Option<String>) {
        (self.occurred_on, self.explanation.take())
    }

    fn command(self, _on: &Resolve<'_>) -> Result<CaseCommand, ApiError> {
        Ok(CaseCommand::EndCare { reason: CareEndReason::parse_token(&self.reason).map_err(invalid("reason"))? })
    }
}

impl CommandBody for OcoConsentBody {
    fn envelope(&mut self) -> (Option<Date>, Option<String>) {
        self.take_envelope()
    }

    fn command(self, _on: &Resolve<'_>) -> Result<CaseCommand, ApiError> {
        match self.oco {
            Some(0) => Err(ApiError::bad_input(
                "oco",
                "an OCO organisation number is 1 or more",
                "Een OCO-organisatienummer is 1 of meer.",
            )),
            oco => Ok(CaseCommand::RecordOcoConsent { oco: oco.map(OcoId) }),
        }
    }
}

impl CommandBody for LivingProfileBody {
    fn envelope(&mut self) -> (Option<Date>, Option<String>) {
        self.take_envelope()
    }

    fn command(self, on: &Resolve<'_>) -> Result<CaseCommand, ApiError> {
        // The domain checks the tags again; checking here too names the list.
        let vocabulary = Vocabulary::passend();
        let tags = |field: &str, tags: &[String], kinds: &[TagKind]| {
            vocabulary
                .check(tags, kinds)
                .map_err(|problem| ApiError::bad_input(field, problem.to_string(), problem.message_nl()))
        };
        tags("needs", &self.needs, &[TagKind::Context, TagKind::Expertise])?;
        tags("contra_indications", &self.contra_indications, &[TagKind::ContraIndication])?;
        let near_partner = self.near_partner.map(|number| location("near_partner", number, on.supply)).transpose()?;
        let admit_with = match self.admit_with {
            Some(number) if number == on.summary.client.0 => {
                return Err(ApiError::bad_input(
                    "admit_with",
                    "a client cannot be their own partner",
                    "Een cliënt kan niet met zichzelf worden opgenomen.",
                ));
            }
            other => other.map(ClientId),
        };
        Ok(CaseCommand::RecordLivingProfile(LivingProfile {
            needs: self.needs,
            contra_indications: self.contra_indications,
            max_distance_km: self.max_distance_km,
            near_partner,
            admit_with,
            language: self.language,
            religion: self.religion,
        }))
    }
}

/// What a recorded command answers: the case as it is now, or only its
/// version when the command took the case out of the actor's sight (a
/// provider that returned its allocation no longer sees the client).
enum Outcome {
    Visible(Box<CaseDocument>),
    OutOfSight(u32),
}

/// Runs a command: the one flow every command route shares.
async fn run<B: CommandBody>(
    state: AppState,
    session: crate::auth::Session,
    client: ClientId,
    version: u32,
    mut body: B,
) -> Result<Response, ApiError> {
    let today = state.today();
    let (given_day, reason) = body.envelope();
    let occurred_on = occurred_on(given_day, today)?;
    let reason = checked_reason(B::REASON_FIELD, reason)?;
    let actor: Arc<Actor> = Arc::clone(&session.actor);
    let outcome = state
        .run(move |passend| {
            let summary = cases::visible_summary(passend, &actor, client)?;
            let command = {
                // The supply lock is released before `execute` takes it again.
                let supply = passend.supply();
                let command = body.command(&Resolve { actor: &actor, summary: &summary, supply: &supply })?;
                policy::may_command(&actor, &summary, &command, &supply)?;
                command
            };
            let meta = EventMeta { occurred_on, recorded_at: Timestamp::now(), actor: actor.recorded_as(), reason };
            match passend.execute(client, &command, meta, Some(version)) {
                Ok(_) => {}
                Err(CommandError::Store(StoreError::Conflict { expected, actual, .. })) => {
                    let current = current_document(passend, &actor, client, today)?;
                    return Err(ApiError::Conflict { expected, actual, current });
                }
                Err(error) => return Err(error.into()),
            }
            match cases::open_blocking(passend, &actor, client) {
                Ok(file) => Ok(Outcome::Visible(Box::new(CaseDocument::new(&file, today, &passend.supply())))),
                Err(ApiError::Denied(_)) => {
                    Ok(Outcome::OutOfSight(passend.store().stream_version(StreamId::Client(client))?))
                }
                Err(error) => Err(error),
            }
        })
        .await?;
    Ok(match outcome {
        Outcome::Visible(document) => document_response(StatusCode::OK, &document),
        Outcome::OutOfSight(version) => (StatusCode::NO_CONTENT, [etag(version)]).into_response(),
    })
}

/// The case as it is now, for the `current` of a conflict.
fn current_document(
    passend: &Service,
    actor: &Actor,
    client: ClientId,
    today: Date,
) -> Result<serde_json::Value, ApiError> {
    let file = cases::open_blocking(passend, actor, client)?;
    serde_json::to_value(CaseDocument::new(&file, today, &passend.supply())).map_err(ApiError::internal)
}

/// Declares one command route: the handler, with its OpenAPI description.
/// All command routes share their parameters and responses.
macro_rules! command_route {
    ($(#[doc = $doc:literal])* $name:ident, $path:tt, $body:ident) => {
        $(#[doc = $doc])*
        #[utoipa::path(
            post,
            path = $path,
            tag = "commands",
            request_body = $body,
            params(
                ("client" = u32, Path, description = "The client's number"),
                ("If-Match" = String, Header, description = "The case version the command is based on: the `ETag` of the case, e.g. `\"12\"`"),
            ),
            responses(
                (status = 200, description = "Recorded; the case as it is now", body = CaseDocument,
                    headers(("ETag" = String, description = "The new case version"))),
                (status = 204, description = "Recorded; the case is no longer visible to you (for example after returning the allocation)",
                    headers(("ETag" = String, description = "The new case version"))),
                (status = 400, description = "Malformed JSON, path or If-Match", body = Problem, content_type = "application/problem+json"),
                (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
                (status = 403, description = "Not visible, or not yours to do", body = Problem, content_type = "application/problem+json"),
                (status = 404, description = "No such client", body = Problem, content_type = "application/problem+json"),
                (status = 409, description = "The case changed since that version; `current` holds it as it is now", body = Problem, content_type = "application/problem+json"),
                (status = 413, description = "The body is larger than 64 KiB", body = Problem, content_type = "application/problem+json"),
                (status = 415, description = "The body is not application/json", body = Problem, content_type = "application/problem+json"),
                (status = 422, description = "A field is invalid, or the rules refuse the command", body = Problem, content_type = "application/problem+json"),
                (status = 428, description = "If-Match is missing", body = Problem, content_type = "application/problem+json"),
            )
        )]
        async fn $name(
            State(state): State<AppState>,
            ApiSession(session): ApiSession,
            PathParam(client): PathParam<ClientId>,
            IfMatch(version): IfMatch,
            ApiJson(body): ApiJson<$body>,
        ) -> Result<Response, ApiError> {
            run(state, session, client, version, body).await
        }
    };
}

command_route!(
    /// Record the indication (*indicatiebesluit*).
    record_indication, "/api/v1/clients/{client}/indication", IndicationBody
);
command_route!(
    /// Allocate the care to a provider (*zorgtoewijzing*).
    allocate, "/api/v1/clients/{client}/allocation", AllocationBody
);
command_route!(
    /// Return the allocation (the dossierhouder only).
    return_allocation, "/api/v1/clients/{client}/allocation/return", ReturnAllocationBody
);
command_route!(
    /// Register the first contact with the client.
    register_first_contact, "/api/v1/clients/{client}/first-contact", FirstContactBody
);
command_route!(
    /// Set the waiting status, classification and preferences.
    set_wait_status, "/api/v1/clients/{client}/wait-status", WaitStatusBody
);
command_route!(
    /// Offer a place at a location (*aanbod*).
    make_offer, "/api/v1/clients/{client}/offers", OfferBody
);
command_route!(
    /// Record that the client refused an offer; the second counted refusal
    /// makes the status *wacht uit voorzorg*.
    refuse_offer, "/api/v1/clients/{client}/offers/refusal", RefusalBody
);
command_route!(
    /// Record that the client accepted an offer.
    accept_offer, "/api/v1/clients/{client}/offers/acceptance", AcceptanceBody
);
command_route!(
    /// Admit the client to a location, regular or bridging.
    admit, "/api/v1/clients/{client}/admission", AdmissionBody
);
command_route!(
    /// The client is content in the bridging place and stops waiting.
    content_with_current, "/api/v1/clients/{client}/content-with-current", ContentBody
);
command_route!(
    /// Ask the zorgkantoor to refuse care (*zorgweigering*; the dossierhouder only).
    request_care_refusal, "/api/v1/clients/{client}/care-refusal", CareRefusalBody
);
command_route!(
    /// Decide on a care-refusal request (the zorgkantoor).
    decide_care_refusal, "/api/v1/clients/{client}/care-refusal/decision", CareRefusalDecisionBody
);
command_route!(
    /// End the care; the case closes.
    end_care, "/api/v1/clients/{client}/care-end", CareEndBody
);
command_route!(
    /// Record the client's living profile (*woonprofiel*): needs, wishes, maximum distance, partner.
    record_living_profile, "/api/v1/clients/{client}/living-profile", LivingProfileBody
);
command_route!(
    /// Record or withdraw the client's consent for an OCO organisation.
    record_oco_consent, "/api/v1/clients/{client}/oco-consent", OcoConsentBody
);
