//! One client's history: a [`ClientPlan`] played as dated commands.
//!
//! The plan fixes the path (which bed, which status at the end, when care
//! ends); this module fills in what happens on the way — the indication and
//! allocation, the first contact, status messages with classifications and
//! preferences, offers and refusals, re-indications, returned allocations and
//! care-refusal requests — as intentions on a small agenda. The agenda is
//! played in date order (ties in the order the intentions were made), and
//! each intention becomes a command against the case as it stands then: a
//! first contact goes to whoever is dossierhouder that day, a care refusal is
//! only asked while none is open. Every command goes through the batch, so
//! through `decide`; a rejection is counted as a generator bug.

use jiff::ToSpan;
use passend_domain::case::{CaseCommand, CaseState, ClientRegistration, ListTarget, LivingProfile, alerts};
use passend_domain::codes::{CareEndReason, CareProfile, DeliveryForm, RefusalGround, Region, Sector, WaitStatus};
use passend_domain::ids::{AgbCode, Bsn, ClientId, OcoId};
use passend_store::{Batch, EventMeta, EventStore};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::classifications;
use crate::counters::Counters;
use crate::days::{Day, Window};
use crate::error::GenerateError;
use crate::location_kinds::{KINDS, LocationKind};
use crate::names;
use crate::population::{ClientPlan, FIRST_WEEKS, Outcome, Path, WaitingPlan};
use crate::postcodes::{address_in, postcodes};
use crate::random::{day_between, pick, weighted};
use crate::regions;
use crate::stats::EndState;
use crate::supply_model::{SupplyModel, distance};
use crate::targets;

/// The share of clients who consent to an OCO organisation seeing their case.
const OCO_CONSENT_SHARE: f64 = 0.15;
/// The OCO organisations every region has: 1 and 2.
const OCO_ORGANISATIONS: u32 = 2;
/// Mixed into a client's seed for its OCO decision.
const OCO_STREAM: u64 = 0x0C0_C0A5_E5EE_D000;

/// The share of waiting clients whose living profile (*woonprofiel*) is recorded.
const LIVING_PROFILE_SHARE: f64 = 0.6;
/// Mixed into a client's seed for its living profile.
const LIVING_PROFILE_STREAM: u64 = 0x11F1_0000_7A65_5EED;
/// The distances clients name as their maximum, in km.
const MAX_DISTANCES_KM: [u16; 5] = [10, 15, 20, 30, 50];

/// What every client history reads: the supply, the window and the actors.
pub(crate) struct HistoryContext<'a> {
    pub model: &'a SupplyModel,
    pub window: &'a Window,
    /// Per region index: the nearest other region in scope, where some
    /// clients look for a place too (none when one region is generated).
    pub neighbours: &'a [Option<Region>],
    /// Per region index: `zorgkantoor:<COD001>`.
    pub zorgkantoor_actors: &'a [String],
    /// Added to each client's number to choose its BSN, so that seeds differ.
    pub bsn_offset: u32,
}

/// Records one client and its whole history into the batch, and counts the
/// client's state on the last day into `end_state`.
pub(crate) fn record<S: EventStore>(
    plan: &ClientPlan,
    number: u32,
    context: &HistoryContext<'_>,
    batch: &mut Batch<'_, S>,
    agenda: &mut Vec<Scheduled>,
    counters: &mut Counters,
    end_state: &mut EndState,
) -> Result<(), GenerateError> {
    let mut rng = ChaCha8Rng::seed_from_u64(plan.seed);
    let area = pick(&mut rng, postcodes().of(plan.region));
    let (postcode, lat, lon) = address_in(&mut rng, area);
    let registration = ClientRegistration {
        region: plan.region,
        birth_date: birth_date(&mut rng, plan.sector, context.window),
        bsn: Some(bsn(number, context.bsn_offset)),
        name: Some(names::client_name(&mut rng)),
        postcode: Some(postcode),
        lat,
        lon,
    };
    let zorgkantoor = &context.zorgkantoor_actors[regions::index(plan.region)];
    let mut recorded = None;
    let meta = meta(context.window, &mut rng, &mut recorded, plan.registered, zorgkantoor, None);
    let client = match batch.register_client(registration, meta) {
        Ok(client) => client,
        Err(error) => return counters.failed(error, || format!("register client {number}")),
    };
    agenda.clear();
    let mut history = History {
        context,
        plan,
        client,
        rng,
        home: (lat, lon),
        agenda,
        next_sequence: 0,
        first_contact: if plan.registered <= FIRST_WEEKS && !plan.may_miss_first_contact() {
            FirstContactHabit::Prompt
        } else {
            FirstContactHabit::Usual { may_miss: plan.may_miss_first_contact() }
        },
        profile: None,
        form: None,
        dossierhouder_history: Vec::new(),
        recorded,
    };
    history.plan_steps();
    history.play(batch, counters)?;
    count_end_state(case_state(batch, client)?, context.window, end_state);
    Ok(())
}

/// An intention on the agenda, played on `day` in `sequence` order.
pub(crate) struct Scheduled {
    day: Day,
    sequence: u32,
    step: Step,
}

/// What someone intends to do on a day; it becomes a command against the
/// case as it stands then.
enum Step {
    /// The CIZ's indication.
    Indicate {
        profile: CareProfile,
        form: Option<DeliveryForm>,
        preferred: Option<AgbCode>,
    },
    /// A new indication with another profile; with the dossierhouder as
    /// preferred provider, so the zorgkantoor allocates to it again.
    Reindicate {
        profile: CareProfile,
    },
    /// The zorgkantoor allocates to a provider (index).
    Allocate {
        provider: u32,
    },
    /// The zorgkantoor allocates to another provider of the sector in the region.
    AllocateElsewhere,
    /// The first contact after the allocation of that day.
    FirstContact {
        allocated_on: Day,
    },
    Status {
        status: WaitStatus,
        preferences: Option<Vec<ListTarget>>,
    },
    Offer {
        location: u32,
    },
    Refuse {
        location: u32,
        weighty_reason: bool,
    },
    Accept {
        location: u32,
    },
    Admit {
        location: u32,
        bridging: bool,
    },
    ContentWithCurrent,
    ReturnAllocation,
    RequestCareRefusal {
        ground: RefusalGround,
    },
    DecideCareRefusal {
        approved: bool,
    },
    EndCare {
        reason: CareEndReason,
    },
    /// The client consents to an OCO organisation seeing the case.
    OcoConsent {
        oco: OcoId,
    },
    /// The dossierhouder records what the client needs and wishes of a place.
    LivingProfile {
        profile: LivingProfile,
    },
}

/// A command as the case stands, with who records it and why.
struct Intended<'c> {
    actor: &'c str,
    command: CaseCommand,
    reason: Option<String>,
}

/// How the dossierhouder handles the first contact of this client.
#[derive(Clone, Copy)]
enum FirstContactHabit {
    /// Within a few days: clients whose earlier history is compressed into
    /// the first weeks of the window.
    Prompt,
    /// Mostly within the term, sometimes late; a few never (only where an
    /// open alert at the end is plausible).
    Usual { may_miss: bool },
}

struct History<'c, 'p, 'a> {
    context: &'c HistoryContext<'c>,
    plan: &'p ClientPlan,
    client: ClientId,
    rng: ChaCha8Rng,
    home: (f64, f64),
    agenda: &'a mut Vec<Scheduled>,
    next_sequence: u32,
    first_contact: FirstContactHabit,
    /// The care profile of the latest indication (planned or recorded) and
    /// the delivery form the client chose, for re-indications.
    profile: Option<CareProfile>,
    form: Option<DeliveryForm>,
    /// Providers (indexes) that were dossierhouder, so that a new allocation
    /// goes elsewhere.
    dossierhouder_history: Vec<u32>,
    /// When the client's last command was recorded (day, seconds after midnight).
    recorded: Option<(Day, i64)>,
}

impl<'c> History<'c, '_, '_> {
    fn last(&self) -> Day {
        self.context.window.last()
    }

    /// Puts an intention on the agenda; one after the last day never happens.
    fn at(&mut self, day: Day, step: Step) {
        if day > self.last() {
            return;
        }
        let sequence = self.next_sequence;
        self.next_sequence += 1;
        self.agenda.push(Scheduled { day, sequence, step });
    }

    fn model(&self) -> &'c SupplyModel {
        self.context.model
    }

    fn plan_steps(&mut self) {
        let plan = self.plan;
        match &plan.path {
            Path::ResidentAtStart { location, admitted, end } => self.resident(*location, *admitted, *end),
            Path::AtHome { form, existing, end } => self.at_home(*form, *existing, *end),
            Path::Waiting(waiting) => self.waiting(waiting),
            Path::AwaitingAllocation => self.awaiting_allocation(),
        }
        self.oco_consent();
    }

    /// Some clients, around their indication, let an OCO organisation
    /// (*onafhankelijke cliëntondersteuning*) see their case. Decided by a
    /// generator of its own, so that the rest of the history is the same
    /// with or without it.
    fn oco_consent(&mut self) {
        let mut rng = ChaCha8Rng::seed_from_u64(self.plan.seed ^ OCO_STREAM);
        if rng.random_bool(OCO_CONSENT_SHARE) {
            let oco = OcoId(rng.random_range(1..=OCO_ORGANISATIONS));
            let day = self.plan.registered + rng.random_range(0..=14);
            self.at(day, Step::OcoConsent { oco });
        }
    }

    /// Most waiting clients get a living profile when they start waiting: the
    /// expertise and context of a kind of location of their sector, now and
    /// then a trait some locations exclude, often a maximum distance. Decided
    /// by a generator of its own, like the OCO consent.
    fn living_profile(&mut self, day: Day) {
        let mut rng = ChaCha8Rng::seed_from_u64(self.plan.seed ^ LIVING_PROFILE_STREAM);
        if !rng.random_bool(LIVING_PROFILE_SHARE) {
            return;
        }
        let kinds: Vec<&LocationKind> = KINDS.iter().filter(|kind| kind.sector == self.plan.sector).collect();
        let kind = kinds[rng.random_range(0..kinds.len())];
        let one_of = |rng: &mut ChaCha8Rng, tags: &[&str]| tags[rng.random_range(0..tags.len())].to_string();
        let mut needs = Vec::new();
        if rng.random_bool(0.35) {
            needs.push(one_of(&mut rng, kind.expertise));
        }
        for _ in 0..rng.random_range(1..=2) {
            let wish = one_of(&mut rng, kind.context);
            if !needs.contains(&wish) {
                needs.push(wish);
            }
        }
        let contra_indications = if rng.random_bool(0.1) && !kind.contra_indications.is_empty() {
            vec![one_of(&mut rng, kind.contra_indications)]
        } else {
            Vec::new()
        };
        let max_distance_km =
            rng.random_bool(0.6).then(|| MAX_DISTANCES_KM[rng.random_range(0..MAX_DISTANCES_KM.len())]);
        let profile = LivingProfile { needs, contra_indications, max_distance_km, ..LivingProfile::default() };
        self.at(day, Step::LivingProfile { profile });
    }

    /// In care since the first weeks: indication with automatic allocation,
    /// admission, sometimes a re-indication, and for some the end of care.
    fn resident(&mut self, location: u32, admitted: Day, end: Option<(Day, CareEndReason)>) {
        let profile = self.profile_at(location);
        self.profile = Some(profile);
        self.form = Some(DeliveryForm::Verblijf);
        let provider = self.model().location(location).provider;
        let registered = self.plan.registered;
        self.indicate(registered, profile, Some(DeliveryForm::Verblijf), Some(provider));
        self.at(admitted.max(registered), Step::Admit { location, bridging: false });
        let until = end.map_or(self.last(), |(on, _)| on);
        if admitted + 30 < until && self.rng.random_bool(0.03) {
            let day = day_between(&mut self.rng, admitted + 30, until - 1);
            let profile = self.other_profile(profile, Some(location));
            self.at(day, Step::Reindicate { profile });
        }
        if let Some((on, reason)) = end {
            self.at(on, Step::EndCare { reason });
        }
    }

    /// Care at home: an indication with a provider for VPT, MPT, DTV or PGB;
    /// new clients sometimes without a provider, allocated by the zorgkantoor later.
    fn at_home(&mut self, form: DeliveryForm, existing: bool, end: Option<(Day, CareEndReason)>) {
        let profile = self.sector_profile();
        self.profile = Some(profile);
        self.form = Some(form);
        let model = self.model();
        let location =
            self.nearby_location(self.plan.region, model.locations_of(self.plan.region, self.plan.sector), &[]);
        let provider = model.location(location).provider;
        let registered = self.plan.registered;
        let until = end.map_or(self.last(), |(on, _)| on);
        if !existing && self.rng.random_bool(0.12) {
            let known_form = self.rng.random_bool(0.5).then_some(form);
            self.indicate(registered, profile, known_form, None);
            let day = registered + self.rng.random_range(3..=30);
            self.at(day.min(until), Step::Allocate { provider });
        } else {
            self.indicate(registered, profile, Some(form), Some(provider));
        }
        if registered + 20 < until {
            if self.rng.random_bool(0.03) {
                let day = day_between(&mut self.rng, registered + 20, until - 1);
                let profile = self.other_profile(profile, None);
                self.at(day, Step::Reindicate { profile });
            } else if self.rng.random_bool(0.004) {
                self.returned_allocation(registered + 20, until - 1);
            }
        }
        if let Some((on, reason)) = end {
            self.at(on, Step::EndCare { reason });
        }
    }

    /// A waiting spell from its first status message to its outcome.
    fn waiting(&mut self, waiting: &WaitingPlan) {
        let admitted_at = match waiting.outcome {
            Outcome::Admitted { location, .. } => Some(location),
            _ => None,
        };
        let bridging_at =
            waiting.bridging.map(|(location, _)| location).filter(|location| Some(*location) != admitted_at);
        let profile = match admitted_at {
            Some(location) => self.profile_at(location),
            None => self.sector_profile(),
        };
        let (preferences, first_location) = self.preferences(profile, admitted_at, bridging_at);
        let preferred = self.model().location(first_location).provider;
        let form = if waiting.pgb { DeliveryForm::Pgb } else { DeliveryForm::Verblijf };
        self.profile = Some(profile);
        self.form = Some(form);
        let registered = self.plan.registered;
        let from = waiting.from.max(registered);
        let until = match waiting.outcome {
            Outcome::StillWaiting => self.last(),
            Outcome::Admitted { on, .. } | Outcome::ContentWithCurrent { on } | Outcome::Ended { on, .. } => on,
        };

        // Seed 000 (slide 7): without a known provider no allocation can be
        // made; the zorgkantoor finds one and allocates later.
        if registered > FIRST_WEEKS && from - registered >= 5 && self.rng.random_bool(0.12) {
            self.indicate(registered, profile, None, None);
            let day = day_between(&mut self.rng, registered + 2, from);
            self.at(day, Step::Allocate { provider: preferred });
        } else {
            self.indicate(registered, profile, Some(form), Some(preferred));
        }
        self.at(from, Step::Status { status: waiting.first, preferences: Some(preferences.clone()) });
        self.living_profile(from);
        if let Some((day, status)) = waiting.change {
            self.at(day, Step::Status { status, preferences: None });
        }
        if let Some(lapse) = waiting.lapse {
            // Two refusals of a fitting offer by the preferred provider, without weighty reason.
            let first_offer = day_between(&mut self.rng, from + 1, lapse - 10);
            self.at(first_offer, Step::Offer { location: first_location });
            let refused = day_between(&mut self.rng, first_offer, first_offer + 7);
            self.at(refused, Step::Refuse { location: first_location, weighty_reason: false });
            let second_offer = day_between(&mut self.rng, refused + 1, lapse).min(lapse);
            let second_location = self.preferred_location(&preferences, first_location);
            self.at(second_offer, Step::Offer { location: second_location });
            self.at(lapse, Step::Refuse { location: second_location, weighty_reason: false });
        }
        if let Some((location, day)) = waiting.bridging {
            self.at(day.max(from), Step::Admit { location, bridging: true });
        }
        self.waiting_incidents(waiting, &preferences, first_location, from, until);
        match waiting.outcome {
            Outcome::StillWaiting => {}
            Outcome::Admitted { location, on } => {
                if on - from > 20 && self.rng.random_bool(0.15) {
                    // An earlier offer elsewhere, refused for a weighty reason.
                    // Never the bridging place: admission there closes any offer of it.
                    let avoid = [Some(location), waiting.bridging.map(|(bridge, _)| bridge)]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>();
                    let other = self.preferred_location(&preferences, location);
                    let other = if avoid.contains(&other) { self.any_location_except(&avoid) } else { other };
                    let day = day_between(&mut self.rng, from + 1, on - 15);
                    let refused = day + self.rng.random_range(0..=5);
                    if !avoid.contains(&other) {
                        self.at(day, Step::Offer { location: other });
                        self.at(refused, Step::Refuse { location: other, weighty_reason: true });
                    }
                }
                let offered = day_between(&mut self.rng, (on - 14).max(from), on);
                self.at(offered, Step::Offer { location });
                let accepted = day_between(&mut self.rng, offered, on);
                self.at(accepted, Step::Accept { location });
                self.at(on, Step::Admit { location, bridging: false });
            }
            Outcome::ContentWithCurrent { on } => self.at(on, Step::ContentWithCurrent),
            Outcome::Ended { on, reason } => self.at(on, Step::EndCare { reason }),
        }
    }

    /// What else happens to some waiting clients: refused offers,
    /// re-indications, returned allocations, care-refusal requests.
    fn waiting_incidents(
        &mut self,
        waiting: &WaitingPlan,
        preferences: &[ListTarget],
        first_location: u32,
        from: Day,
        until: Day,
    ) {
        let quiet_preference = waiting.first == WaitStatus::WachtOpVoorkeur
            && waiting.change.is_none()
            && waiting.lapse.is_none()
            && matches!(waiting.outcome, Outcome::StillWaiting);
        if until - from > 15 {
            let roll: f64 = self.rng.random();
            if quiet_preference && roll < 0.06 {
                // One counted refusal: a second one would lapse the waiting time.
                let day = day_between(&mut self.rng, from + 1, until - 8);
                let refused = day + self.rng.random_range(1..=7);
                self.at(day, Step::Offer { location: first_location });
                self.at(refused, Step::Refuse { location: first_location, weighty_reason: false });
            } else if quiet_preference && roll < 0.11 {
                let day = day_between(&mut self.rng, from + 1, until - 8);
                let location = self.preferred_location(preferences, first_location);
                let refused = day + self.rng.random_range(1..=7);
                self.at(day, Step::Offer { location });
                self.at(refused, Step::Refuse { location, weighty_reason: true });
            } else if quiet_preference && roll < 0.13 {
                // An offer still open at the end.
                let last = self.last();
                let day = day_between(&mut self.rng, (last - 10).max(from + 1), last);
                self.at(day, Step::Offer { location: first_location });
            } else if !quiet_preference && waiting.first != WaitStatus::WachtOpVoorkeur && roll < 0.10 {
                // A place elsewhere, refused: under urgent or active it never counts.
                let mut avoid = vec![first_location];
                avoid.extend(waiting.bridging.map(|(location, _)| location));
                if let Outcome::Admitted { location, .. } = waiting.outcome {
                    avoid.push(location);
                }
                let location = self.any_location_except(&avoid);
                if !avoid.contains(&location)
                    && !preferences.contains(&ListTarget::Location(self.model().location(location).id))
                {
                    let day = day_between(&mut self.rng, from + 1, until - 8);
                    let refused = day + self.rng.random_range(0..=5);
                    self.at(day, Step::Offer { location });
                    self.at(refused, Step::Refuse { location, weighty_reason: false });
                }
            }
        }
        if until - from > 10 {
            let roll: f64 = self.rng.random();
            if roll < 0.04 {
                let day = day_between(&mut self.rng, from + 1, until - 1);
                let current = self.profile.expect("the profile is chosen before the incidents");
                let profile = self.other_profile(current, None);
                self.at(day, Step::Reindicate { profile });
            } else if roll < 0.052 {
                self.returned_allocation(from + 1, until - 1);
            } else if roll < 0.062 {
                let ground = weighted(
                    &mut self.rng,
                    &[
                        (RefusalGround::WeightyReasons, 30),
                        (RefusalGround::ForeignCareProfile, 30),
                        (RefusalGround::ComplexDualDiagnosis, 25),
                        (RefusalGround::BudgetExhausted, 15),
                    ],
                );
                let last = self.last();
                if until == last && last - 20 > from && self.rng.random_bool(0.2) {
                    // A request near the end that the zorgkantoor has not yet
                    // decided, some of them past the one-week term.
                    let day = day_between(&mut self.rng, last - 20, last - 1);
                    self.at(day, Step::RequestCareRefusal { ground });
                    return;
                }
                let day = day_between(&mut self.rng, from + 1, until - 1);
                self.at(day, Step::RequestCareRefusal { ground });
                // The zorgkantoor decides within a week, mostly (seed 000: "binnen 1 week").
                let decided = day
                    + if self.rng.random_bool(0.8) {
                        self.rng.random_range(2..=7)
                    } else {
                        self.rng.random_range(8..=14)
                    };
                let approved = self.rng.random_bool(0.5);
                self.at(decided, Step::DecideCareRefusal { approved });
                if approved {
                    let allocated = decided + self.rng.random_range(1..=10);
                    self.at(allocated, Step::AllocateElsewhere);
                }
            }
        }
    }

    /// Indicated without a provider, recently: the zorgkantoor is still
    /// looking (the `no_allocation` alert).
    fn awaiting_allocation(&mut self) {
        let profile = self.sector_profile();
        self.profile = Some(profile);
        let form = weighted(
            &mut self.rng,
            &[
                (Some(DeliveryForm::Verblijf), 40),
                (Some(DeliveryForm::Vpt), 10),
                (Some(DeliveryForm::Pgb), 10),
                (None, 40),
            ],
        );
        let preferred = if form.is_none() && self.rng.random_bool(0.3) {
            let model = self.model();
            let location =
                self.nearby_location(self.plan.region, model.locations_of(self.plan.region, self.plan.sector), &[]);
            Some(model.location(location).provider)
        } else {
            None
        };
        self.indicate(self.plan.registered, profile, form, preferred);
    }

    fn indicate(&mut self, day: Day, profile: CareProfile, form: Option<DeliveryForm>, preferred: Option<u32>) {
        let preferred = preferred.map(|provider| self.model().provider(provider).agb);
        self.at(day, Step::Indicate { profile, form, preferred });
    }

    /// The allocation returned by the dossierhouder, and a new one elsewhere.
    fn returned_allocation(&mut self, from: Day, until: Day) {
        let day = day_between(&mut self.rng, from, until);
        let allocated = day + self.rng.random_range(2..=15);
        self.at(day, Step::ReturnAllocation);
        self.at(allocated, Step::AllocateElsewhere);
    }

    /// Plays the agenda in date order. Intentions may add intentions (a
    /// first contact after an allocation); ending care clears the rest.
    fn play<S: EventStore>(&mut self, batch: &mut Batch<'_, S>, counters: &mut Counters) -> Result<(), GenerateError> {
        while let Some(next) = self.take_next() {
            let Some(Intended { actor, command, reason }) = self.command(&next, batch)? else { continue };
            let meta = meta(self.context.window, &mut self.rng, &mut self.recorded, next.day, actor, reason);
            let client = self.client;
            if let Err(error) = batch.execute(client, &command, meta) {
                let day = self.context.window.date(next.day);
                counters.failed(error, || format!("client {client} on {day}: {command:?}"))?;
                continue;
            }
            match command {
                CaseCommand::RecordIndication { .. } | CaseCommand::Allocate { .. } => {
                    self.after_possible_allocation(next.day, batch)?;
                }
                CaseCommand::EndCare { .. } => self.agenda.clear(),
                _ => {}
            }
        }
        Ok(())
    }

    fn take_next(&mut self) -> Option<Scheduled> {
        let index =
            (0..self.agenda.len()).min_by_key(|&index| (self.agenda[index].day, self.agenda[index].sequence))?;
        Some(self.agenda.swap_remove(index))
    }

    /// The command for an intention as the case stands, with its actor and
    /// reason; `None` when the intention has become moot (the allocation it
    /// was about was replaced, no dossierhouder to act).
    fn command<S: EventStore>(
        &mut self,
        scheduled: &Scheduled,
        batch: &mut Batch<'_, S>,
    ) -> Result<Option<Intended<'c>>, GenerateError> {
        let state = case_state(batch, self.client)?;
        let dossierhouder = state.dossierhouder();
        let context = self.context;
        let model = context.model;
        let zorgkantoor: &'c str = &context.zorgkantoor_actors[regions::index(self.plan.region)];
        // Every provider was registered by the generator, so it has an actor.
        let provider_actor = |agb: AgbCode| -> &'c str {
            model.index_of_provider(agb).map_or(zorgkantoor, |provider| &model.provider(provider).actor)
        };
        let (actor, command, reason) = match &scheduled.step {
            Step::Indicate { profile, form, preferred } => (
                "ciz",
                CaseCommand::RecordIndication {
                    care_profile: *profile,
                    delivery_form: *form,
                    preferred_provider: *preferred,
                },
                None,
            ),
            Step::Reindicate { profile } => {
                let Some(provider) = dossierhouder else { return Ok(None) };
                let form = self.form;
                self.profile = Some(*profile);
                (
                    "ciz",
                    CaseCommand::RecordIndication {
                        care_profile: *profile,
                        delivery_form: form,
                        preferred_provider: Some(provider),
                    },
                    Some("Herindicatie: zwaardere zorgvraag".to_string()),
                )
            }
            Step::Allocate { provider } => {
                self.dossierhouder_history.push(*provider);
                (zorgkantoor, CaseCommand::Allocate { provider: model.provider(*provider).agb }, None)
            }
            Step::AllocateElsewhere => {
                if dossierhouder.is_some() {
                    return Ok(None);
                }
                let provider = self.other_provider(state);
                self.dossierhouder_history.push(provider);
                (zorgkantoor, CaseCommand::Allocate { provider: model.provider(provider).agb }, None)
            }
            Step::FirstContact { allocated_on } => {
                let Some(allocation) = state.allocation else { return Ok(None) };
                let allocated_day = self.context.window.day_of(allocation.allocated_on);
                if allocated_day != *allocated_on || allocation.first_contact_on.is_some() {
                    return Ok(None);
                }
                (
                    provider_actor(allocation.provider),
                    CaseCommand::RegisterFirstContact { provider: allocation.provider },
                    None,
                )
            }
            Step::Status { status, preferences } => {
                let actor = dossierhouder.map_or(zorgkantoor, provider_actor);
                let classification = classifications::for_status(&mut self.rng, *status, self.plan.sector);
                (
                    actor,
                    CaseCommand::SetWaitStatus { status: *status, classification, preferences: preferences.clone() },
                    None,
                )
            }
            Step::Offer { location } => {
                let provider = model.provider_of(*location);
                (provider.actor.as_str(), CaseCommand::MakeOffer { location: model.location(*location).id }, None)
            }
            Step::Refuse { location, weighty_reason } => {
                let provider = model.provider_of(*location);
                let reasons: &[&str] = if *weighty_reason {
                    &[
                        "Overlijden partner",
                        "Ziekenhuisopname",
                        "Aanbod veel eerder dan verwacht",
                        "Partner kan niet mee verhuizen",
                    ]
                } else {
                    &["Locatie te ver van familie", "Wil nog even thuis blijven", "Kamer voldoet niet aan de wensen"]
                };
                let reason = pick(&mut self.rng, reasons).to_string();
                (
                    provider.actor.as_str(),
                    CaseCommand::RefuseOffer {
                        location: model.location(*location).id,
                        weighty_reason: *weighty_reason,
                    },
                    Some(reason),
                )
            }
            Step::Accept { location } => {
                let provider = model.provider_of(*location);
                (provider.actor.as_str(), CaseCommand::AcceptOffer { location: model.location(*location).id }, None)
            }
            Step::Admit { location, bridging } => {
                let provider = model.provider_of(*location);
                (
                    provider.actor.as_str(),
                    CaseCommand::Admit { location: model.location(*location).id, bridging: *bridging },
                    None,
                )
            }
            Step::ContentWithCurrent => {
                let actor = dossierhouder.map_or(zorgkantoor, provider_actor);
                (actor, CaseCommand::ContentWithCurrent, Some("Cliënt wil blijven op de overbruggingsplek".to_string()))
            }
            Step::ReturnAllocation => {
                let Some(provider) = dossierhouder else { return Ok(None) };
                let reason = pick(
                    &mut self.rng,
                    &["Kan geen passend zorgarrangement bieden", "Zorgvraag past niet bij het aanbod"],
                );
                (provider_actor(provider), CaseCommand::ReturnAllocation { provider }, Some(reason.to_string()))
            }
            Step::RequestCareRefusal { ground } => {
                let Some(provider) = dossierhouder else { return Ok(None) };
                if state.care_refusal.is_some() {
                    return Ok(None);
                }
                (
                    provider_actor(provider),
                    CaseCommand::RequestCareRefusal { provider, ground: *ground },
                    Some(ground.label_nl().to_string()),
                )
            }
            Step::DecideCareRefusal { approved } => {
                if state.care_refusal.is_none() {
                    return Ok(None);
                }
                (zorgkantoor, CaseCommand::DecideCareRefusal { approved: *approved }, None)
            }
            Step::EndCare { reason } => (zorgkantoor, CaseCommand::EndCare { reason: *reason }, None),
            Step::LivingProfile { profile } => {
                if state.indication.is_none() {
                    return Ok(None);
                }
                let actor = dossierhouder.map_or(zorgkantoor, provider_actor);
                (actor, CaseCommand::RecordLivingProfile(profile.clone()), None)
            }
            Step::OcoConsent { oco } => (
                zorgkantoor,
                CaseCommand::RecordOcoConsent { oco: Some(*oco) },
                Some("Cliënt geeft toestemming aan de cliëntondersteuner".to_string()),
            ),
        };
        Ok(Some(Intended { actor, command, reason }))
    }

    /// After an indication or allocation: if it made a new allocation, the
    /// dossierhouder plans the first contact (seed 000 slide 8: 10 working
    /// days after a first allocation to this provider, 5 otherwise; the
    /// deadline itself comes from the rules, through the state).
    fn after_possible_allocation<S: EventStore>(
        &mut self,
        day: Day,
        batch: &mut Batch<'_, S>,
    ) -> Result<(), GenerateError> {
        let state = case_state(batch, self.client)?;
        let Some(allocation) = state.allocation else { return Ok(()) };
        let window = self.context.window;
        if window.day_of(allocation.allocated_on) != day || allocation.first_contact_on.is_some() {
            return Ok(());
        }
        let due = window.day_of(allocation.first_contact_due);
        let contact = match self.first_contact {
            FirstContactHabit::Prompt => day + self.rng.random_range(0..=4).min(due - day),
            FirstContactHabit::Usual { may_miss } => {
                let roll: f64 = self.rng.random();
                // A missed first contact is noticed within two months or so:
                // only recent allocations may still lack one at the end.
                if may_miss && day >= self.last() - 60 && roll < 0.04 {
                    self.first_contact = FirstContactHabit::Usual { may_miss: false };
                    return Ok(());
                } else if roll < 0.09 {
                    due + self.rng.random_range(1..=15)
                } else {
                    // Mostly early in the term.
                    let share: f64 = self.rng.random::<f64>().powi(2);
                    day + (f64::from(due - day) * share) as Day
                }
            }
        };
        self.at(contact, Step::FirstContact { allocated_on: day });
        Ok(())
    }

    /// The client's preferences: the first at `first` (an admission to come)
    /// or nearby, one to three in all, mostly locations, some providers, a
    /// few in the neighbouring region; never the bridging place `exclude`.
    fn preferences(
        &mut self,
        profile: CareProfile,
        first: Option<u32>,
        exclude: Option<u32>,
    ) -> (Vec<ListTarget>, u32) {
        let region = self.plan.region;
        let model = self.context.model;
        let candidates = model.locations_for(region, profile);
        let excluded: Vec<u32> = exclude.into_iter().collect();
        let first = first.unwrap_or_else(|| self.nearby_location(region, candidates, &excluded));
        let mut chosen = vec![first];
        let mut preferences = vec![self.target(first, 0.15)];
        let wanted = weighted(&mut self.rng, &[(1, 45), (2, 35), (3, 20)]);
        for _ in 1..wanted {
            let neighbour = self.context.neighbours[regions::index(region)];
            let (area, pool) = match neighbour {
                Some(neighbour) if self.rng.random_bool(0.08) => (neighbour, model.locations_for(neighbour, profile)),
                _ => (region, candidates),
            };
            if pool.is_empty() {
                continue;
            }
            let mut avoid = chosen.clone();
            avoid.extend(&excluded);
            let location = self.nearby_location(area, pool, &avoid);
            let target = self.target(location, 0.1);
            if avoid.contains(&location) || preferences.contains(&target) {
                continue;
            }
            chosen.push(location);
            preferences.push(target);
        }
        (preferences, first)
    }

    /// A preference for a location, or with chance `provider_share` for its provider.
    fn target(&mut self, location: u32, provider_share: f64) -> ListTarget {
        let model = self.context.model;
        if self.rng.random_bool(provider_share) {
            ListTarget::Provider(model.provider_of(location).agb)
        } else {
            ListTarget::Location(model.location(location).id)
        }
    }

    /// The nearest of three random candidates not in `avoid` (people choose
    /// places near home, not always the nearest).
    fn nearby_location(&mut self, region: Region, candidates: &[u32], avoid: &[u32]) -> u32 {
        let model = self.context.model;
        let candidates = if candidates.is_empty() { model.locations_of(region, self.plan.sector) } else { candidates };
        let (lat, lon) = self.home;
        let mut best: Option<(f64, u32)> = None;
        for _ in 0..3 {
            let candidate = *pick(&mut self.rng, candidates);
            if avoid.contains(&candidate) && candidates.len() > avoid.len() {
                continue;
            }
            let location = model.location(candidate);
            let distance = distance(lat, lon, location.lat, location.lon);
            if best.is_none_or(|(nearest, _)| distance < nearest) {
                best = Some((distance, candidate));
            }
        }
        best.map_or(candidates[0], |(_, location)| location)
    }

    /// Another preferred location than `besides` when there is one: a
    /// preferred location, or a location of a preferred provider.
    fn preferred_location(&mut self, preferences: &[ListTarget], besides: u32) -> u32 {
        let model = self.context.model;
        let mut options: Vec<u32> = Vec::new();
        for target in preferences {
            match target {
                ListTarget::Location(id) => options.extend(model.index_of_location(*id)),
                ListTarget::Provider(agb) => {
                    if let Some(provider) = model.index_of_provider(*agb) {
                        options.extend(&model.provider(provider).locations);
                    }
                }
            }
        }
        options.retain(|location| *location != besides);
        if options.is_empty() { besides } else { *pick(&mut self.rng, &options) }
    }

    /// A location of the sector in the region that is none of `besides`
    /// (when the region has one).
    fn any_location_except(&mut self, besides: &[u32]) -> u32 {
        let locations = self.context.model.locations_of(self.plan.region, self.plan.sector);
        let mut location = locations[0];
        for _ in 0..6 {
            location = *pick(&mut self.rng, locations);
            if !besides.contains(&location) {
                return location;
            }
        }
        location
    }

    /// A provider of the sector in the region that was not dossierhouder
    /// before, for an allocation elsewhere.
    fn other_provider(&mut self, state: &CaseState) -> u32 {
        let model = self.context.model;
        let locations = model.locations_of(self.plan.region, self.plan.sector);
        let before: Vec<AgbCode> = state.allocated_before.clone();
        let mut fallback = model.location(locations[0]).provider;
        for _ in 0..8 {
            let provider = model.location(*pick(&mut self.rng, locations)).provider;
            fallback = provider;
            if !before.contains(&model.provider(provider).agb) && !self.dossierhouder_history.contains(&provider) {
                return provider;
            }
        }
        fallback
    }

    /// A care profile the location delivers, weighted as in the sector.
    fn profile_at(&mut self, location: u32) -> CareProfile {
        let delivered = &self.context.model.location(location).profiles;
        let weights: Vec<(CareProfile, u32)> =
            delivered.iter().map(|profile| (*profile, profile_weight(*profile).max(1))).collect();
        weighted(&mut self.rng, &weights)
    }

    /// A care profile of the client's sector, weighted as in the sector.
    fn sector_profile(&mut self) -> CareProfile {
        weighted(&mut self.rng, sector_profiles(self.plan.sector))
    }

    /// Another profile for a re-indication: one the location delivers when
    /// there is a location, otherwise one of the sector.
    fn other_profile(&mut self, current: CareProfile, location: Option<u32>) -> CareProfile {
        for _ in 0..6 {
            let profile = match location {
                Some(location) => self.profile_at(location),
                None => self.sector_profile(),
            };
            if profile != current {
                return profile;
            }
        }
        current
    }
}

fn case_state<'b, S: EventStore>(
    batch: &'b mut Batch<'_, S>,
    client: ClientId,
) -> Result<&'b CaseState, GenerateError> {
    batch.state(client).map_err(|error| match error {
        passend_store::CommandError::Store(error) => GenerateError::Store(error),
        other => GenerateError::InvalidConfig(format!("client {client} is not in its batch: {other}")),
    })
}

/// The parsed care profiles of a sector's clients, with weights.
fn sector_profiles(sector: Sector) -> &'static [(CareProfile, u32)] {
    use std::sync::LazyLock;
    static PROFILES: LazyLock<[Vec<(CareProfile, u32)>; 3]> = LazyLock::new(|| {
        targets::SECTORS.each_ref().map(|sector| {
            sector
                .profiles
                .iter()
                .map(|(name, weight)| (CareProfile::parse(name).expect("targets name valid profiles"), *weight))
                .collect()
        })
    });
    &PROFILES[regions::sector_index(sector)]
}

fn profile_weight(profile: CareProfile) -> u32 {
    sector_profiles(profile.sector()).iter().find(|(known, _)| *known == profile).map_or(0, |(_, weight)| *weight)
}

/// The meta of a command: recorded during office hours of its day, and
/// after the client's previous command of the same day, so that recording
/// times follow the order of the history.
fn meta(
    window: &Window,
    rng: &mut ChaCha8Rng,
    recorded: &mut Option<(Day, i64)>,
    day: Day,
    actor: &str,
    reason: Option<String>,
) -> EventMeta {
    const LAST_SECOND: i64 = 24 * 3600 - 1;
    let seconds = match *recorded {
        Some((previous_day, previous)) if previous_day == day => {
            (previous + rng.random_range(60..1800)).min(LAST_SECOND)
        }
        _ => 7 * 3600 + rng.random_range(0..10 * 3600),
    };
    *recorded = Some((day, seconds));
    EventMeta {
        occurred_on: window.date(day),
        recorded_at: window.moment(day, seconds),
        actor: actor.to_string(),
        reason,
    }
}

/// A birth date for the sector's ages: between the bounds, most in the middle.
fn birth_date(rng: &mut ChaCha8Rng, sector: Sector, window: &Window) -> jiff::civil::Date {
    let (youngest, oldest) = targets::of(sector).age;
    let spread = f64::from(oldest - youngest);
    let age = youngest + ((rng.random::<f64>() + rng.random::<f64>()) / 2.0 * spread) as i16;
    let start = window.first_date();
    start
        .checked_sub(i64::from(age).years())
        .and_then(|day| day.checked_sub(rng.random_range(0..365).days()))
        .unwrap_or(start)
}

/// A distinct valid BSN per client number: the numbers are spread over the
/// serials by a multiplier coprime to their count, so consecutive clients do
/// not get consecutive BSNs.
fn bsn(number: u32, offset: u32) -> Bsn {
    let serials = u64::from(Bsn::DISTINCT_SERIALS);
    let serial = (u64::from(number) * 48_271 + u64::from(offset)) % serials;
    Bsn::from_serial(serial as u32)
}

fn count_end_state(state: &CaseState, window: &Window, end_state: &mut EndState) {
    if state.ended.is_some() {
        end_state.ended += 1;
        return;
    }
    let Some(indication) = state.indication else { return };
    let sector = indication.care_profile.sector();
    end_state.with_indication += 1;
    match state.allocation {
        None => end_state.without_allocation += 1,
        Some(allocation) => {
            if allocation.first_contact_on.is_none()
                && alerts::is_overdue(allocation.first_contact_due, window.last_date())
            {
                end_state.first_contact_overdue += 1;
            }
        }
    }
    if let Some(placement) = state.placement {
        if placement.bridging {
            if state.is_waiting() {
                end_state.bridging += 1;
            }
        } else {
            *end_state.placed.entry(sector).or_default() += 1;
        }
    }
    if let Some(waiting) = &state.waiting {
        end_state.waiting.entry(sector).or_default().add(waiting.status, 1);
    }
}
