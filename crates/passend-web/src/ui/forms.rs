//! The forms of a client's dossier: one per command (and one for notes), each
//! shown only when the policy lets the actor ask for it, and the reading of
//! their fields back into a command with the domain's own parse functions.

use jiff::civil::Date;
use passend_domain::case::{CaseCommand, ListTarget};
use passend_domain::codes::{CareEndReason, CareProfile, Classification, DeliveryForm, RefusalGround, WaitStatus};
use passend_domain::ids::{AgbCode, LocationId, OcoId};
use passend_domain::note::Audience;
use passend_domain::supply::SupplyDirectory;

use super::Choice;
use super::format::{self, Names};
use crate::actor::{Actor, Role};
use crate::cases::{CaseFile, MAX_REASON_CHARS, TimelineItem};
use crate::policy;
use crate::problem::ApiError;

/// The forms of the dossier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    FirstContact,
    WaitStatus,
    Offer,
    Refusal,
    Acceptance,
    Admission,
    Content,
    Allocation,
    Indication,
    CareRefusal,
    CareRefusalDecision,
    CareEnd,
    OcoConsent,
    Note,
}

impl FormKind {
    pub const ALL: [FormKind; 14] = [
        FormKind::FirstContact,
        FormKind::WaitStatus,
        FormKind::Offer,
        FormKind::Refusal,
        FormKind::Acceptance,
        FormKind::Admission,
        FormKind::Content,
        FormKind::Allocation,
        FormKind::Indication,
        FormKind::CareRefusal,
        FormKind::CareRefusalDecision,
        FormKind::CareEnd,
        FormKind::OcoConsent,
        FormKind::Note,
    ];

    /// The form's name: its id is `form-<name>`, its success `?gelukt=<name>`.
    pub fn name(self) -> &'static str {
        match self {
            FormKind::FirstContact => "eerste-contact",
            FormKind::WaitStatus => "wachtstatus",
            FormKind::Offer => "aanbod",
            FormKind::Refusal => "weigering",
            FormKind::Acceptance => "aanvaarding",
            FormKind::Admission => "opname",
            FormKind::Content => "tevreden",
            FormKind::Allocation => "toewijzing",
            FormKind::Indication => "indicatie",
            FormKind::CareRefusal => "zorgweigering",
            FormKind::CareRefusalDecision => "besluit-zorgweigering",
            FormKind::CareEnd => "einde-zorg",
            FormKind::OcoConsent => "oco-toestemming",
            FormKind::Note => "notitie",
        }
    }

    /// The last segment of the form's POST route, `/clienten/{n}/<segment>`.
    pub fn segment(self) -> &'static str {
        match self {
            FormKind::Note => "notities",
            other => other.name(),
        }
    }

    pub fn from_segment(segment: &str) -> Option<FormKind> {
        FormKind::ALL.into_iter().find(|kind| kind.segment() == segment)
    }

    pub fn from_name(name: &str) -> Option<FormKind> {
        FormKind::ALL.into_iter().find(|kind| kind.name() == name)
    }

    pub fn title(self) -> &'static str {
        match self {
            FormKind::FirstContact => "Eerste contact",
            FormKind::WaitStatus => "Wachtstatus",
            FormKind::Offer => "Aanbod doen",
            FormKind::Refusal => "Aanbod geweigerd",
            FormKind::Acceptance => "Aanbod aanvaard",
            FormKind::Admission => "Opname",
            FormKind::Content => "Tevreden met huidige plek",
            FormKind::Allocation => "Zorgtoewijzing",
            FormKind::Indication => "Indicatiebesluit",
            FormKind::CareRefusal => "Verzoek tot zorgweigering",
            FormKind::CareRefusalDecision => "Besluit over zorgweigering",
            FormKind::CareEnd => "Einde zorg",
            FormKind::OcoConsent => "Toestemming OCO",
            FormKind::Note => "Notitie schrijven",
        }
    }

    pub fn button(self) -> &'static str {
        match self {
            FormKind::FirstContact => "Eerste contact vastleggen",
            FormKind::WaitStatus => "Wachtstatus vastleggen",
            FormKind::Offer => "Aanbod vastleggen",
            FormKind::Refusal => "Weigering vastleggen",
            FormKind::Acceptance => "Aanvaarding vastleggen",
            FormKind::Admission => "Opname vastleggen",
            FormKind::Content => "Tevredenheid vastleggen",
            FormKind::Allocation => "Zorg toewijzen",
            FormKind::Indication => "Indicatie vastleggen",
            FormKind::CareRefusal => "Verzoek indienen",
            FormKind::CareRefusalDecision => "Besluit vastleggen",
            FormKind::CareEnd => "Einde zorg vastleggen",
            FormKind::OcoConsent => "Toestemming vastleggen",
            FormKind::Note => "Notitie plaatsen",
        }
    }

    /// The message after the command was recorded.
    pub fn success(self) -> &'static str {
        match self {
            FormKind::FirstContact => "Eerste contact vastgelegd.",
            FormKind::WaitStatus => "Wachtstatus vastgelegd.",
            FormKind::Offer => "Aanbod vastgelegd.",
            FormKind::Refusal => "Weigering van het aanbod vastgelegd.",
            FormKind::Acceptance => "Aanvaarding van het aanbod vastgelegd.",
            FormKind::Admission => "Opname vastgelegd.",
            FormKind::Content => "Vastgelegd dat de cliënt tevreden is met de huidige plek.",
            FormKind::Allocation => "Zorgtoewijzing vastgelegd.",
            FormKind::Indication => "Indicatiebesluit vastgelegd.",
            FormKind::CareRefusal => "Verzoek tot zorgweigering ingediend.",
            FormKind::CareRefusalDecision => "Besluit over de zorgweigering vastgelegd.",
            FormKind::CareEnd => "Einde zorg vastgelegd.",
            FormKind::OcoConsent => "Toestemming voor de OCO vastgelegd.",
            FormKind::Note => "Notitie geplaatst.",
        }
    }

    /// Whether the form records a command (with version, date and reason).
    pub fn is_command(self) -> bool {
        self != FormKind::Note
    }
}

/// One form as the page shows it.
#[derive(Debug, Clone)]
pub struct FormView {
    pub kind: FormKind,
    pub name: &'static str,
    pub title: &'static str,
    pub button: &'static str,
    pub action: String,
    pub intro: Option<String>,
    pub hidden: Vec<(&'static str, String)>,
    pub fields: Vec<Field>,
    /// The message of a failed submission of this form.
    pub error: Option<String>,
}

/// One labelled control.
#[derive(Debug, Clone)]
pub struct Field {
    /// `select`, `checkbox`, `radio`, `textarea`, `text`, `date` or `number`.
    pub kind: &'static str,
    pub id: String,
    pub name: &'static str,
    pub label: String,
    pub hint: Option<String>,
    pub value: String,
    pub checked: bool,
    pub required: bool,
    pub max: String,
    pub maxlength: usize,
    pub choices: Vec<Choice>,
}

impl Field {
    fn new(kind: &'static str, form: FormKind, suffix: &str, name: &'static str, label: impl Into<String>) -> Field {
        Field {
            kind,
            id: format!("{}-{suffix}", form.name()),
            name,
            label: label.into(),
            hint: None,
            value: String::new(),
            checked: false,
            required: false,
            max: String::new(),
            maxlength: 0,
            choices: Vec::new(),
        }
    }

    fn select(form: FormKind, suffix: &str, name: &'static str, label: &str, choices: Vec<Choice>) -> Field {
        Field { choices, ..Field::new("select", form, suffix, name, label) }
    }

    fn required(mut self) -> Field {
        self.required = true;
        self
    }

    fn hint(mut self, hint: impl Into<String>) -> Field {
        self.hint = Some(hint.into());
        self
    }

    fn with_id(mut self, id: &str) -> Field {
        self.id = id.to_string();
        self
    }
}

/// A select's options with a leading blank one.
fn with_blank(blank: &str, choices: impl IntoIterator<Item = Choice>) -> Vec<Choice> {
    let mut all = vec![Choice::new("", blank, false)];
    all.extend(choices);
    if !all.iter().skip(1).any(|choice| choice.selected) {
        all[0].selected = true;
    }
    all
}

/// The forms the actor may use on this case, in a useful order.
pub fn forms(actor: &Actor, file: &CaseFile, supply: &SupplyDirectory, today: Date) -> Vec<FormView> {
    let summary = &file.summary;
    let names = Names { supply };
    let may = |command: &CaseCommand| policy::may_command(actor, summary, command, supply).is_ok();
    let mut forms = Vec::new();
    let ended = file.state.ended.is_some();
    let own_agb = match &actor.role {
        Role::Aanbieder { agb } => Some(*agb),
        _ => None,
    };
    // Locations that fit the client's sector, by provider and name.
    let mut locations: Vec<_> = supply
        .locations()
        .filter(|location| summary.sector().is_none_or(|sector| sector == location.sector))
        .map(|location| (names.provider(location.provider), location.name.clone(), location.id))
        .collect();
    locations.sort();
    let location_choice = |(provider, name, id): &(String, String, LocationId)| {
        Choice::new(id.to_string(), format!("{name} ({provider})"), false)
    };

    if !ended {
        // First contact: by (or for) the dossierhouder, while it is still open.
        if let Some(allocation) = file.state.allocation
            && allocation.first_contact_on.is_none()
            && may(&CaseCommand::RegisterFirstContact { provider: allocation.provider })
        {
            let due = format::deadline(allocation.first_contact_due, today);
            forms.push(
                form(FormKind::FirstContact, file)
                    .intro(format!(
                        "Het eerste contact van {} met de cliënt moet uiterlijk {} zijn ({}).",
                        names.provider(allocation.provider),
                        format::date(allocation.first_contact_due),
                        due.text
                    ))
                    .hidden("provider", allocation.provider.to_string())
                    .build(today),
            );
        }

        let status_command =
            CaseCommand::SetWaitStatus { status: WaitStatus::UrgentPlaatsen, classification: None, preferences: None };
        if may(&status_command) {
            forms.push(wait_status_form(file, supply, &names, &locations, today));
        }

        let offer_locations: Vec<_> = locations
            .iter()
            .filter(|(_, _, id)| may(&CaseCommand::MakeOffer { location: *id }))
            .map(location_choice)
            .collect();
        if !offer_locations.is_empty() {
            forms.push(
                form(FormKind::Offer, file)
                    .field(
                        Field::select(
                            FormKind::Offer,
                            "locatie",
                            "location",
                            "Locatie",
                            with_blank("Kies een locatie", offer_locations),
                        )
                        .required(),
                    )
                    .build(today),
            );
        }

        let open_offers: Vec<Choice> = file
            .state
            .open_offers
            .iter()
            .filter(|offer| may(&CaseCommand::AcceptOffer { location: offer.location }))
            .map(|offer| {
                Choice::new(
                    offer.location.to_string(),
                    format!(
                        "{} (aanbod van {})",
                        names.location_with_provider(offer.location),
                        format::date(offer.made_on)
                    ),
                    false,
                )
            })
            .collect();
        if !open_offers.is_empty() {
            let mut checkbox =
                Field::new("checkbox", FormKind::Refusal, "zwaarwegend", "weighty_reason", "Zwaarwegende reden");
            checkbox.value = "ja".to_string();
            checkbox = checkbox
                .hint("Een weigering met zwaarwegende reden telt niet mee voor de regel van de tweede weigering.");
            forms.push(
                form(FormKind::Refusal, file)
                    .field(
                        Field::select(FormKind::Refusal, "locatie", "location", "Aanbod", open_offers.clone())
                            .required(),
                    )
                    .field(checkbox)
                    .build(today),
            );
            forms.push(
                form(FormKind::Acceptance, file)
                    .field(Field::select(FormKind::Acceptance, "locatie", "location", "Aanbod", open_offers).required())
                    .build(today),
            );
        }

        let admit_locations: Vec<_> = locations
            .iter()
            .filter(|(_, _, id)| may(&CaseCommand::Admit { location: *id, bridging: false }))
            .map(location_choice)
            .collect();
        if !admit_locations.is_empty() {
            let mut bridging =
                Field::new("checkbox", FormKind::Admission, "overbrugging", "bridging", "Overbruggingsplek");
            bridging.value = "ja".to_string();
            bridging = bridging.hint("Een tijdelijke plek terwijl de cliënt blijft wachten op de voorkeur.");
            forms.push(
                form(FormKind::Admission, file)
                    .field(
                        Field::select(
                            FormKind::Admission,
                            "locatie",
                            "location",
                            "Locatie",
                            with_blank("Kies een locatie", admit_locations),
                        )
                        .required(),
                    )
                    .field(bridging)
                    .build(today),
            );
        }

        if may(&CaseCommand::ContentWithCurrent) {
            forms.push(
                form(FormKind::Content, file)
                    .intro("De cliënt zit in een overbruggingsplek, is daar tevreden en wacht niet langer.".to_string())
                    .build(today),
            );
        }

        let mut providers: Vec<_> = supply.providers().map(|provider| (provider.name.clone(), provider.agb)).collect();
        providers.sort();
        if let Some((_, first)) = providers.first()
            && may(&CaseCommand::Allocate { provider: *first })
        {
            let choices =
                providers.iter().map(|(name, agb)| Choice::new(agb.to_string(), format!("{name} (AGB {agb})"), false));
            forms.push(
                form(FormKind::Allocation, file)
                    .field(
                        Field::select(
                            FormKind::Allocation,
                            "aanbieder",
                            "provider",
                            "Aanbieder",
                            with_blank("Kies een aanbieder", choices),
                        )
                        .required(),
                    )
                    .build(today),
            );
        }

        let indication = CaseCommand::RecordIndication {
            care_profile: CareProfile::all().next().expect("care profiles are known"),
            delivery_form: None,
            preferred_provider: None,
        };
        if may(&indication) {
            let current = file.state.indication;
            let profiles = CareProfile::all().map(|profile| {
                Choice::new(
                    profile.name(),
                    format::care_profile_label(profile),
                    current.is_some_and(|indication| indication.care_profile == profile),
                )
            });
            let delivery = DeliveryForm::ALL.into_iter().map(|delivery| {
                Choice::new(
                    delivery.token(),
                    delivery.label_nl(),
                    current.and_then(|indication| indication.delivery_form) == Some(delivery),
                )
            });
            let preferred = providers.iter().map(|(name, agb)| {
                Choice::new(
                    agb.to_string(),
                    format!("{name} (AGB {agb})"),
                    current.and_then(|indication| indication.preferred_provider) == Some(*agb),
                )
            });
            forms.push(
                form(FormKind::Indication, file)
                    .field(
                        Field::select(
                            FormKind::Indication,
                            "zorgprofiel",
                            "care_profile",
                            "Zorgprofiel",
                            with_blank("Kies een zorgprofiel", profiles),
                        )
                        .required(),
                    )
                    .field(Field::select(
                        FormKind::Indication,
                        "leveringsvorm",
                        "delivery_form",
                        "Leveringsvorm",
                        with_blank("Onbekend", delivery),
                    ))
                    .field(
                        Field::select(
                            FormKind::Indication,
                            "voorkeuraanbieder",
                            "preferred_provider",
                            "Voorkeuraanbieder",
                            with_blank("Geen", preferred),
                        )
                        .hint(
                            "Met een voorkeuraanbieder én een leveringsvorm wijst het zorgkantoor de zorg meteen toe.",
                        ),
                    )
                    .build(today),
            );
        }

        if let Some(agb) = own_agb
            && may(&CaseCommand::RequestCareRefusal { provider: agb, ground: RefusalGround::WeightyReasons })
        {
            let grounds = RefusalGround::ALL.into_iter().map(|ground| {
                Choice::new(ground.number().to_string(), format!("{}. {}", ground.number(), ground.label_nl()), false)
            });
            forms.push(
                form(FormKind::CareRefusal, file)
                    .hidden("provider", agb.to_string())
                    .field(
                        Field::select(
                            FormKind::CareRefusal,
                            "grond",
                            "ground",
                            "Weigeringsgrond",
                            with_blank("Kies een grond", grounds),
                        )
                        .required(),
                    )
                    .build(today),
            );
        }

        if may(&CaseCommand::DecideCareRefusal { approved: true }) {
            let mut approved = Field::new("radio", FormKind::CareRefusalDecision, "besluit", "approved", "Besluit");
            approved.choices = vec![Choice::new("ja", "Toestaan", false), Choice::new("nee", "Afwijzen", false)];
            approved.required = true;
            let intro = match file.state.care_refusal {
                Some(request) => format!(
                    "{} vroeg op {} toestemming om zorg te weigeren: {}.",
                    names.provider(request.provider),
                    format::date(request.requested_on),
                    request.ground.label_nl()
                ),
                None => "Er staat geen verzoek tot zorgweigering open.".to_string(),
            };
            forms.push(form(FormKind::CareRefusalDecision, file).intro(intro).field(approved).build(today));
        }

        if may(&CaseCommand::EndCare { reason: CareEndReason::Overleden }) {
            let reasons =
                CareEndReason::ALL.into_iter().map(|reason| Choice::new(reason.token(), reason.label_nl(), false));
            forms.push(
                form(FormKind::CareEnd, file)
                    .field(
                        Field::select(
                            FormKind::CareEnd,
                            "reden",
                            "end_reason",
                            "Reden einde zorg",
                            with_blank("Kies een reden", reasons),
                        )
                        .required(),
                    )
                    .build(today),
            );
        }

        if may(&CaseCommand::RecordOcoConsent { oco: None }) {
            let mut oco = Field::new("number", FormKind::OcoConsent, "organisatie", "oco", "OCO-organisatie (nummer)");
            oco.value = file.state.oco_consent.map(|oco| oco.to_string()).unwrap_or_default();
            oco = oco.hint("Laat leeg om de toestemming in te trekken.");
            forms.push(form(FormKind::OcoConsent, file).field(oco).build(today));
        }
    }

    if let Some(party) = file.party {
        let audiences = Audience::ALL
            .into_iter()
            .filter(|audience| audience.includes(party))
            .map(|audience| Choice::new(audience.token(), audience.label_nl(), false))
            .collect::<Vec<_>>();
        let notes = file.timeline.iter().filter_map(|entry| match &entry.item {
            TimelineItem::Note { number, .. } => {
                Some(Choice::new(number.to_string(), format!("Notitie {number}"), false))
            }
            TimelineItem::Event(_) => None,
        });
        let mut text =
            Field::new("textarea", FormKind::Note, "tekst", "text", "Tekst").with_id("notitie-tekst").required();
        text.maxlength = passend_domain::note::MAX_NOTE_CHARS;
        let mut audience = Field::select(FormKind::Note, "publiek", "audience", "Wie mag dit lezen?", audiences)
            .with_id("notitie-publiek");
        if let Some(first) = audience.choices.first_mut() {
            first.selected = true;
        }
        forms.push(
            form(FormKind::Note, file)
                .intro(format!("U schrijft als {}.", party.label_nl()))
                .field(text)
                .field(audience)
                .field(
                    Field::select(
                        FormKind::Note,
                        "reactie",
                        "reply_to",
                        "Reactie op",
                        with_blank("Geen (nieuwe notitie)", notes),
                    )
                    .with_id("notitie-reactie"),
                )
                .build(today),
        );
    }
    forms
}

fn wait_status_form(
    file: &CaseFile,
    supply: &SupplyDirectory,
    names: &Names<'_>,
    locations: &[(String, String, LocationId)],
    today: Date,
) -> FormView {
    let waiting = file.state.waiting.as_ref();
    let statuses = WaitStatus::ALL
        .into_iter()
        .map(|status| Choice::new(status.token(), status.label_nl(), waiting.is_some_and(|w| w.status == status)));
    let classifications = Classification::ALL.into_iter().map(|classification| {
        Choice::new(
            classification.token(),
            format!("{} {}", classification.code(), classification.label_nl()),
            waiting.and_then(|w| w.classification) == Some(classification),
        )
    });
    let current: Vec<ListTarget> = waiting.map(|w| w.preferences.clone()).unwrap_or_default();
    let mut targets: Vec<(String, ListTarget)> = locations
        .iter()
        .map(|(provider, name, id)| (format!("{name} ({provider})"), ListTarget::Location(*id)))
        .collect();
    let mut providers: Vec<_> = supply.providers().map(|provider| (provider.name.clone(), provider.agb)).collect();
    providers.sort();
    targets.extend(
        providers.into_iter().map(|(name, agb)| (format!("{name} – alle locaties"), ListTarget::Provider(agb))),
    );
    for target in &current {
        if !targets.iter().any(|(_, known)| known == target) {
            targets.push((names.target(*target), *target));
        }
    }
    let slots = (current.len() + 2).clamp(3, 12);
    let mut builder = form(FormKind::WaitStatus, file)
        .field(
            Field::select(
                FormKind::WaitStatus,
                "status",
                "status",
                "Wachtstatus",
                with_blank("Kies een wachtstatus", statuses),
            )
            .with_id("wachtstatus")
            .required(),
        )
        .field(
            Field::select(
                FormKind::WaitStatus,
                "classificatie",
                "classification",
                "Classificatie",
                with_blank("Geen classificatie", classifications),
            )
            .with_id("classificatie"),
        );
    for slot in 0..slots {
        let chosen = current.get(slot).copied();
        let choices = targets
            .iter()
            .map(|(label, target)| Choice::new(format::target_value(*target), label.clone(), chosen == Some(*target)));
        let mut field = Field::select(
            FormKind::WaitStatus,
            &format!("voorkeur-{}", slot + 1),
            "preferences",
            &format!("Voorkeur {}", slot + 1),
            with_blank("Geen", choices),
        )
        .with_id(&format!("voorkeur-{}", slot + 1));
        if slot == 0 {
            field = field.hint("De locaties of aanbieders waarop de cliënt wacht, de liefste eerst. Laat een voorkeur leeg om haar te schrappen.");
        }
        builder = builder.field(field);
    }
    builder.build(today)
}

struct Builder {
    view: FormView,
}

fn form(kind: FormKind, file: &CaseFile) -> Builder {
    Builder {
        view: FormView {
            kind,
            name: kind.name(),
            title: kind.title(),
            button: kind.button(),
            action: format!("/clienten/{}/{}", file.client, kind.segment()),
            intro: None,
            hidden: Vec::new(),
            fields: Vec::new(),
            error: None,
        },
    }
}

impl Builder {
    fn intro(mut self, intro: String) -> Builder {
        self.view.intro = Some(intro);
        self
    }

    fn hidden(mut self, name: &'static str, value: String) -> Builder {
        self.view.hidden.push((name, value));
        self
    }

    fn field(mut self, field: Field) -> Builder {
        self.view.fields.push(field);
        self
    }

    /// Adds the fields every command has: the day it took effect and why.
    fn build(mut self, today: Date) -> FormView {
        let kind = self.view.kind;
        if kind.is_command() {
            let mut day = Field::new("date", kind, "datum", "occurred_on", "Datum");
            day.max = today.to_string();
            day = day.hint("Leeg is vandaag.");
            let mut reason = Field::new("text", kind, "toelichting", "reason", "Toelichting (optioneel)");
            reason.maxlength = MAX_REASON_CHARS;
            self.view.fields.push(day);
            self.view.fields.push(reason);
        }
        self.view
    }
}

/// Puts the values of a failed submission back into its form.
pub fn prefill(form: &mut FormView, sent: &[(String, String)]) {
    let mut used: Vec<(&str, usize)> = Vec::new();
    for field in &mut form.fields {
        let index = match used.iter_mut().find(|(name, _)| *name == field.name) {
            Some((_, count)) => {
                *count += 1;
                *count - 1
            }
            None => {
                used.push((field.name, 1));
                0
            }
        };
        let values: Vec<&str> =
            sent.iter().filter(|(name, _)| name == field.name).map(|(_, value)| value.as_str()).collect();
        match field.kind {
            "checkbox" => field.checked = !values.is_empty(),
            "select" | "radio" => {
                let value = values.get(index).copied().unwrap_or_default();
                for choice in &mut field.choices {
                    choice.selected = choice.value == value;
                }
            }
            _ => field.value = values.get(index).copied().unwrap_or_default().to_string(),
        }
    }
}

/// The fields of a submitted form.
pub struct Sent<'a>(pub &'a [(String, String)]);

impl Sent<'_> {
    /// A field's value, trimmed; blank counts as absent.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(key, _)| key == name).map(|(_, value)| value.trim()).filter(|value| !value.is_empty())
    }

    fn has(&self, name: &str) -> bool {
        self.0.iter().any(|(key, _)| key == name)
    }

    fn all(&self, name: &str) -> impl Iterator<Item = &str> {
        self.0.iter().filter(move |(key, _)| key == name).map(|(_, value)| value.trim())
    }

    fn required(&self, name: &str, label: &str, ask: &str) -> Result<&str, ApiError> {
        self.get(name)
            .ok_or_else(|| ApiError::bad_input(name, format!("{name} is required"), format!("{label}: {ask}")))
    }
}

/// A value of field `name` (labelled `label`) that did not parse.
fn invalid(name: &str, label: &str, error: &passend_domain::InvalidValue) -> ApiError {
    ApiError::bad_input(name, error.to_string(), format!("{label}: {}", error.message_nl()))
}

fn location(sent: &Sent<'_>, label: &str) -> Result<LocationId, ApiError> {
    let text = sent.required("location", label, "kies een locatie.")?;
    text.parse().map(LocationId).map_err(|_| {
        ApiError::bad_input(
            "location",
            format!("{text:?} is not a location number"),
            format!("{label}: {text:?} is geen locatienummer."),
        )
    })
}

fn provider(sent: &Sent<'_>, actor: &Actor, label: &str) -> Result<AgbCode, ApiError> {
    match (sent.get("provider"), &actor.role) {
        (Some(text), _) => AgbCode::parse(text).map_err(|error| invalid("provider", label, &error)),
        (None, Role::Aanbieder { agb }) => Ok(*agb),
        (None, _) => {
            Err(ApiError::bad_input("provider", "provider is required", format!("{label}: kies een aanbieder.")))
        }
    }
}

/// The day a submission says the command took effect, if it says one.
pub fn occurred_on(sent: &Sent<'_>) -> Result<Option<Date>, ApiError> {
    sent.get("occurred_on")
        .map(|text| {
            text.parse::<Date>().map_err(|_| {
                ApiError::bad_input(
                    "occurred_on",
                    format!("{text:?} is not a date"),
                    format!("Datum: {text:?} is geen datum (jjjj-mm-dd)."),
                )
            })
        })
        .transpose()
}

/// The case version a submission was based on.
pub fn version(sent: &Sent<'_>) -> Result<u32, ApiError> {
    let text =
        sent.required("version", "Versie", "het formulier mist de versie van het dossier; laad de pagina opnieuw.")?;
    text.parse().map_err(|_| {
        ApiError::bad_input(
            "version",
            format!("{text:?} is not a version"),
            format!("Versie: {text:?} is geen versienummer."),
        )
    })
}

/// The command a form asks for, read with the domain's parse functions.
pub fn command(kind: FormKind, sent: &Sent<'_>, actor: &Actor) -> Result<CaseCommand, ApiError> {
    let command = match kind {
        FormKind::FirstContact => CaseCommand::RegisterFirstContact { provider: provider(sent, actor, "Aanbieder")? },
        FormKind::WaitStatus => {
            let status = sent.required("status", "Wachtstatus", "kies een wachtstatus.")?;
            let status = WaitStatus::parse_token(status).map_err(|error| invalid("status", "Wachtstatus", &error))?;
            let classification = sent
                .get("classification")
                .map(Classification::parse_token)
                .transpose()
                .map_err(|error| invalid("classification", "Classificatie", &error))?;
            let preferences = if sent.has("preferences") {
                let mut targets = Vec::new();
                for value in sent.all("preferences").filter(|value| !value.is_empty()) {
                    let target = format::parse_target_value(value).ok_or_else(|| {
                        ApiError::bad_input(
                            "preferences",
                            format!("{value:?} is not a location or provider"),
                            format!("Voorkeuren: {value:?} is geen locatie of aanbieder."),
                        )
                    })?;
                    targets.push(target);
                }
                Some(targets)
            } else {
                None
            };
            CaseCommand::SetWaitStatus { status, classification, preferences }
        }
        FormKind::Offer => CaseCommand::MakeOffer { location: location(sent, "Locatie")? },
        FormKind::Refusal => CaseCommand::RefuseOffer {
            location: location(sent, "Aanbod")?,
            weighty_reason: sent.get("weighty_reason").is_some(),
        },
        FormKind::Acceptance => CaseCommand::AcceptOffer { location: location(sent, "Aanbod")? },
        FormKind::Admission => {
            CaseCommand::Admit { location: location(sent, "Locatie")?, bridging: sent.get("bridging").is_some() }
        }
        FormKind::Content => CaseCommand::ContentWithCurrent,
        FormKind::Allocation => {
            let text = sent.required("provider", "Aanbieder", "kies een aanbieder.")?;
            CaseCommand::Allocate {
                provider: AgbCode::parse(text).map_err(|error| invalid("provider", "Aanbieder", &error))?,
            }
        }
        FormKind::Indication => {
            let profile = sent.required("care_profile", "Zorgprofiel", "kies een zorgprofiel.")?;
            CaseCommand::RecordIndication {
                care_profile: CareProfile::parse(profile)
                    .map_err(|error| invalid("care_profile", "Zorgprofiel", &error))?,
                delivery_form: sent
                    .get("delivery_form")
                    .map(DeliveryForm::parse_token)
                    .transpose()
                    .map_err(|error| invalid("delivery_form", "Leveringsvorm", &error))?,
                preferred_provider: sent
                    .get("preferred_provider")
                    .map(AgbCode::parse)
                    .transpose()
                    .map_err(|error| invalid("preferred_provider", "Voorkeuraanbieder", &error))?,
            }
        }
        FormKind::CareRefusal => {
            let text = sent.required("ground", "Weigeringsgrond", "kies een grond.")?;
            let ground = text
                .parse::<u8>()
                .map_err(|_| passend_domain::InvalidValue::new("refusal ground", text, "not a number", "geen getal"))
                .and_then(RefusalGround::from_number)
                .map_err(|error| invalid("ground", "Weigeringsgrond", &error))?;
            CaseCommand::RequestCareRefusal { provider: provider(sent, actor, "Aanbieder")?, ground }
        }
        FormKind::CareRefusalDecision => {
            let approved = match sent.required("approved", "Besluit", "kies toestaan of afwijzen.")? {
                "ja" => true,
                "nee" => false,
                other => {
                    return Err(ApiError::bad_input(
                        "approved",
                        format!("{other:?} is not ja or nee"),
                        format!("Besluit: {other:?} is niet ja of nee."),
                    ));
                }
            };
            CaseCommand::DecideCareRefusal { approved }
        }
        FormKind::CareEnd => {
            let text = sent.required("end_reason", "Reden einde zorg", "kies een reden.")?;
            CaseCommand::EndCare {
                reason: CareEndReason::parse_token(text)
                    .map_err(|error| invalid("end_reason", "Reden einde zorg", &error))?,
            }
        }
        FormKind::OcoConsent => {
            let oco = match sent.get("oco") {
                None => None,
                Some(text) => Some(OcoId(text.parse().map_err(|_| {
                    ApiError::bad_input(
                        "oco",
                        format!("{text:?} is not an organisation number"),
                        format!("OCO-organisatie: {text:?} is geen nummer."),
                    )
                })?)),
            };
            CaseCommand::RecordOcoConsent { oco }
        }
        FormKind::Note => {
            return Err(ApiError::internal("a note is not a command"));
        }
    };
    Ok(command)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sent(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(name, value)| (name.to_string(), value.to_string())).collect()
    }

    fn zorgkantoor() -> Actor {
        Actor { username: "z".into(), display_name: "Z".into(), role: Role::Zorgkantoor { regions: Vec::new() } }
    }

    #[test]
    fn forms_have_names_and_routes() {
        for kind in FormKind::ALL {
            assert_eq!(FormKind::from_segment(kind.segment()), Some(kind));
            assert_eq!(FormKind::from_name(kind.name()), Some(kind));
        }
        assert_eq!(FormKind::Note.segment(), "notities");
        assert_eq!(FormKind::from_segment("onbekend"), None);
    }

    #[test]
    fn a_wait_status_reads_its_preferences_in_order() {
        let fields = sent(&[
            ("status", "actief_plaatsen"),
            ("classification", ""),
            ("preferences", "locatie:3"),
            ("preferences", ""),
            ("preferences", "aanbieder:47000001"),
        ]);
        let read = command(FormKind::WaitStatus, &Sent(&fields), &zorgkantoor()).unwrap();
        let CaseCommand::SetWaitStatus { status, classification, preferences } = read else { panic!() };
        assert_eq!(status, WaitStatus::ActiefPlaatsen);
        assert_eq!(classification, None);
        assert_eq!(
            preferences,
            Some(vec![ListTarget::Location(LocationId(3)), ListTarget::Provider(AgbCode::parse("47000001").unwrap())])
        );
        let without = sent(&[("status", "actief_plaatsen")]);
        let CaseCommand::SetWaitStatus { preferences, .. } =
            command(FormKind::WaitStatus, &Sent(&without), &zorgkantoor()).unwrap()
        else {
            panic!()
        };
        assert_eq!(preferences, None, "no preference fields keep the list");
    }

    #[test]
    fn bad_values_name_the_field() {
        let fields = sent(&[("status", "bijna")]);
        let error = command(FormKind::WaitStatus, &Sent(&fields), &zorgkantoor()).unwrap_err();
        assert_eq!(error.field().as_deref(), Some("status"));
        assert!(error.message_nl().starts_with("Wachtstatus: "), "{}", error.message_nl());
        let error = command(FormKind::Offer, &Sent(&sent(&[("location", "x")])), &zorgkantoor()).unwrap_err();
        assert_eq!(error.field().as_deref(), Some("location"));
        let error = command(FormKind::Offer, &Sent(&sent(&[])), &zorgkantoor()).unwrap_err();
        assert_eq!(error.message_nl(), "Locatie: kies een locatie.");
        assert!(occurred_on(&Sent(&sent(&[("occurred_on", "2-11-2026")]))).is_err());
        assert_eq!(occurred_on(&Sent(&sent(&[("occurred_on", "")]))).unwrap(), None);
        assert!(version(&Sent(&sent(&[]))).is_err());
    }

    #[test]
    fn a_failed_form_keeps_what_was_sent() {
        let mut view = FormView {
            kind: FormKind::Refusal,
            name: "weigering",
            title: "",
            button: "",
            action: String::new(),
            intro: None,
            hidden: Vec::new(),
            fields: vec![
                Field::select(
                    FormKind::Refusal,
                    "locatie",
                    "location",
                    "Aanbod",
                    vec![Choice::new("1", "a", true), Choice::new("2", "b", false)],
                ),
                Field::new("checkbox", FormKind::Refusal, "zwaarwegend", "weighty_reason", "Zwaarwegend"),
                Field::new("text", FormKind::Refusal, "toelichting", "reason", "Toelichting"),
            ],
            error: None,
        };
        prefill(&mut view, &sent(&[("location", "2"), ("weighty_reason", "ja"), ("reason", "te ver weg")]));
        assert!(view.fields[0].choices[1].selected && !view.fields[0].choices[0].selected);
        assert!(view.fields[1].checked);
        assert_eq!(view.fields[2].value, "te ver weg");
    }
}
