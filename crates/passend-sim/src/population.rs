//! The population of a region as one plan per client: the path each client
//! takes through the window, fixed before any command is recorded.
//!
//! A plan fixes what the region's figures depend on — who lives in which
//! bed, who waits at the end and with which status, who is admitted when —
//! and leaves the details (dates of first contacts, offers, preferences) to
//! `client_history`, which draws them from the plan's own seed.
//!
//! Beds are counted: every location starts 88–99 % full; a bed freed by a
//! death or move during the window is usually taken again a few days or
//! weeks later by a waiting client (an [`Outcome::Admitted`] plan), and the
//! beds still free host the bridging places. So no location ends over its
//! capacity, and the number of admissions follows the number of departures.

use passend_domain::codes::{CareEndReason, DeliveryForm, Region, Sector, WaitStatus};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use crate::days::Day;
use crate::random::{self, day_between, exponential_days, round_count, weighted};
use crate::regions;
use crate::supply_model::SupplyModel;
use crate::targets::{self, SectorTargets};

/// The random stream of a region's plans.
const POPULATION_STREAM: u64 = 2_000;

/// Residents at the start are registered, indicated and admitted within the
/// first four weeks: their earlier history is compressed into them.
pub(crate) const FIRST_WEEKS: Day = 27;

/// One client's path through the window.
#[derive(Debug, Clone)]
pub(crate) struct ClientPlan {
    pub region: Region,
    pub sector: Sector,
    /// The day the client is registered (and indicated).
    pub registered: Day,
    /// Seeds the details of this client's history.
    pub seed: u64,
    pub path: Path,
}

#[derive(Debug, Clone)]
pub(crate) enum Path {
    /// In residential care since the first weeks of the window.
    ResidentAtStart { location: u32, admitted: Day, end: Option<(Day, CareEndReason)> },
    /// Care at home (VPT, MPT, PGB, DTV): not waiting for a place. `existing`
    /// clients had their indication before the window.
    AtHome { form: DeliveryForm, existing: bool, end: Option<(Day, CareEndReason)> },
    /// Waits for a place during part of the window.
    Waiting(WaitingPlan),
    /// Has an indication without a preferred provider and no allocation yet.
    AwaitingAllocation,
}

/// A waiting spell: its first status, at most one later status change, the
/// second counted refusal, a bridging place, and how it ends.
#[derive(Debug, Clone)]
pub(crate) struct WaitingPlan {
    /// The first status message (`waiting_since`).
    pub from: Day,
    pub first: WaitStatus,
    /// A later status message with another status.
    pub change: Option<(Day, WaitStatus)>,
    /// The day of the second counted refusal: the status becomes *wacht uit
    /// voorzorg* and the waiting time lapses.
    pub lapse: Option<Day>,
    /// A bridging place (location index) and the day of the admission to it;
    /// only for urgent or active clients, and never together with `change`.
    pub bridging: Option<(u32, Day)>,
    pub outcome: Outcome,
    /// The indication's delivery form is PGB rather than *verblijf*.
    pub pgb: bool,
}

#[derive(Debug, Clone, Copy)]
pub(crate) enum Outcome {
    StillWaiting,
    /// A regular admission at this location (index) on this day.
    Admitted {
        location: u32,
        on: Day,
    },
    /// The client stays in the bridging place from this day.
    ContentWithCurrent {
        on: Day,
    },
    Ended {
        on: Day,
        reason: CareEndReason,
    },
}

impl ClientPlan {
    /// Whether the history must not end with an open first-contact alert
    /// that no one would let stand (placed and moved-on clients).
    pub(crate) fn may_miss_first_contact(&self) -> bool {
        match &self.path {
            Path::AtHome { existing, end, .. } => !existing && end.is_none(),
            Path::Waiting(waiting) => matches!(waiting.outcome, Outcome::StillWaiting) && waiting.bridging.is_none(),
            Path::ResidentAtStart { .. } | Path::AwaitingAllocation => false,
        }
    }
}

/// Plans every client of `regions`, sorted by registration day (ties keep
/// region and plan order), so that client ids follow registration dates.
pub(crate) fn plan_population(model: &SupplyModel, regions: &[Region], seed: u64, last: Day) -> Vec<ClientPlan> {
    let national = regions::national_inhabitants() as f64;
    let mut plans = Vec::new();
    for region in regions {
        let rng = random::stream(seed, POPULATION_STREAM + regions::index(*region) as u64);
        let share = f64::from(region.inhabitants()) / national;
        let mut planner = RegionPlanner { model, region: *region, last, rng, plans: &mut plans, free_beds: Vec::new() };
        for sector in &targets::SECTORS {
            planner.sector(sector, share);
        }
    }
    plans.sort_by_key(|plan| plan.registered);
    plans
}

struct RegionPlanner<'a> {
    model: &'a SupplyModel,
    region: Region,
    last: Day,
    rng: ChaCha8Rng,
    plans: &'a mut Vec<ClientPlan>,
    /// Beds of the current sector that stay free after the admissions: the
    /// location and the day from which the bed is free.
    free_beds: Vec<(u32, Day)>,
}

impl RegionPlanner<'_> {
    fn sector(&mut self, sector: &SectorTargets, share: f64) {
        self.free_beds.clear();
        for &location in self.model.locations_of(self.region, sector.sector) {
            self.beds(sector, location);
        }
        let count = |rng: &mut ChaCha8Rng, national: f64| round_count(rng, national * share);

        let bridging = count(&mut self.rng, sector.actief_plaatsen * sector.bridging_share_of_actief);
        let actief = count(&mut self.rng, sector.actief_plaatsen).saturating_sub(bridging);
        let urgent = count(&mut self.rng, sector.urgent_plaatsen);
        let wacht_op_voorkeur = count(&mut self.rng, sector.wacht_op_voorkeur);
        let wacht_uit_voorzorg = count(&mut self.rng, sector.wacht_uit_voorzorg);
        let ended = count(&mut self.rng, sector.ended_while_waiting);
        let content = count(&mut self.rng, sector.content_with_current);
        let awaiting = count(&mut self.rng, sector.awaiting_allocation);
        let at_home = count(&mut self.rng, sector.at_home / (1.0 - sector.at_home_end_rate));

        for _ in 0..wacht_op_voorkeur {
            self.still_waiting_on_preference(sector);
        }
        for _ in 0..actief {
            self.still_actief(sector);
        }
        for _ in 0..bridging {
            self.still_bridging(sector);
        }
        for _ in 0..urgent {
            self.still_urgent(sector);
        }
        for _ in 0..wacht_uit_voorzorg {
            self.still_precautionary(sector);
        }
        for _ in 0..ended {
            self.ended_while_waiting(sector);
        }
        for _ in 0..content {
            self.content_with_current(sector);
        }
        for _ in 0..awaiting {
            let registered = (self.last - exponential_days(&mut self.rng, 25.0)).max(0);
            self.push(sector.sector, registered, Path::AwaitingAllocation);
        }
        for _ in 0..at_home {
            self.at_home(sector);
        }
    }

    /// The residents of one location at the start, their departures, and the
    /// admissions into the beds that come free.
    fn beds(&mut self, sector: &SectorTargets, location: u32) {
        let capacity = self.model.location(location).capacity;
        let occupancy = self.rng.random_range(sector.start_occupancy.0..=sector.start_occupancy.1);
        let residents = ((f64::from(capacity) * occupancy).round() as u32).min(capacity);
        // A bed and the day it is free from; `true` when a departure freed it.
        let mut beds: Vec<(Day, bool)> = vec![(0, false); (capacity - residents) as usize];
        for _ in 0..residents {
            let admitted = day_between(&mut self.rng, 0, FIRST_WEEKS.min(self.last));
            let registered = (admitted - self.rng.random_range(0..=3)).max(0);
            let end = if self.rng.random_bool(sector.resident_end_rate) && admitted < self.last {
                let on = day_between(&mut self.rng, admitted + 1, self.last);
                beds.push((on, true));
                Some((on, weighted(&mut self.rng, sector.resident_end_reasons)))
            } else {
                None
            };
            self.push(sector.sector, registered, Path::ResidentAtStart { location, admitted, end });
        }
        beds.sort_unstable();
        for (free_from, freed) in beds {
            let chance = if freed { sector.refill_freed_bed } else { sector.fill_free_bed };
            let (low, high) = sector.admission_delay;
            let on = if freed {
                free_from + self.rng.random_range(low..=high)
            } else {
                day_between(&mut self.rng, low, self.last)
            };
            if on <= self.last && self.rng.random_bool(chance) {
                self.admitted(sector, location, on);
            } else {
                self.free_beds.push((location, free_from));
            }
        }
    }

    /// A client admitted on `on` after waiting: the status before admission,
    /// how long the client waited, and sometimes a bridging place first.
    fn admitted(&mut self, sector: &SectorTargets, location: u32, on: Day) {
        let first = weighted(
            &mut self.rng,
            &[(WaitStatus::ActiefPlaatsen, 55), (WaitStatus::UrgentPlaatsen, 10), (WaitStatus::WachtOpVoorkeur, 35)],
        );
        let waited = match first {
            WaitStatus::UrgentPlaatsen => exponential_days(&mut self.rng, sector.urgent_mean_days) + 1,
            WaitStatus::ActiefPlaatsen => exponential_days(&mut self.rng, sector.actief_mean_days * 0.9) + 5,
            _ => self.rng.random_range(30..=330),
        };
        let early = self.rng.random_range(0..=10);
        let from = (on - waited).max(early.min(on));
        let mut waiting = self.waiting_plan(from, first, Outcome::Admitted { location, on });
        if first == WaitStatus::WachtOpVoorkeur && on - from >= 10 && self.rng.random_bool(0.3) {
            waiting.change = Some((day_between(&mut self.rng, from + 1, on - 1), WaitStatus::ActiefPlaatsen));
        } else if first != WaitStatus::WachtOpVoorkeur
            && on - from >= 14
            && self.rng.random_bool(sector.bridging_share_of_actief)
        {
            let bridged_on = day_between(&mut self.rng, from + 1, on - 7);
            waiting.bridging = Some((self.any_other_location(sector.sector, location), bridged_on));
        }
        self.push_waiting(sector.sector, waiting);
    }

    fn still_waiting_on_preference(&mut self, sector: &SectorTargets) {
        let from = self.start_of_long_wait(0.3);
        let waiting = self.waiting_plan(from, WaitStatus::WachtOpVoorkeur, Outcome::StillWaiting);
        self.push_waiting(sector.sector, waiting);
    }

    fn still_actief(&mut self, sector: &SectorTargets) {
        let since = (self.last - exponential_days(&mut self.rng, sector.actief_mean_days)).max(0);
        let waiting = if since >= 25 && self.rng.random_bool(0.3) {
            let from = (since - self.rng.random_range(20..=250)).max(0);
            let mut waiting = self.waiting_plan(from, WaitStatus::WachtOpVoorkeur, Outcome::StillWaiting);
            waiting.change = Some((since, WaitStatus::ActiefPlaatsen));
            waiting
        } else {
            self.waiting_plan(since, WaitStatus::ActiefPlaatsen, Outcome::StillWaiting)
        };
        self.push_waiting(sector.sector, waiting);
    }

    /// An urgent or active client who waits in a bridging place at the end:
    /// the bridging rule makes the status *actief plaatsen*.
    fn still_bridging(&mut self, sector: &SectorTargets) {
        let first = weighted(&mut self.rng, &[(WaitStatus::ActiefPlaatsen, 7), (WaitStatus::UrgentPlaatsen, 3)]);
        let from = (self.last - exponential_days(&mut self.rng, sector.actief_mean_days * 1.2) - 10).max(0);
        let bridged_on = day_between(&mut self.rng, from + 1, self.last).min(self.last);
        let mut waiting = self.waiting_plan(from, first, Outcome::StillWaiting);
        waiting.bridging = Some((self.free_bed(sector.sector, bridged_on), bridged_on));
        self.push_waiting(sector.sector, waiting);
    }

    fn still_urgent(&mut self, sector: &SectorTargets) {
        let since = (self.last - exponential_days(&mut self.rng, sector.urgent_mean_days)).max(0);
        let waiting = if since >= 6 && self.rng.random_bool(0.35) {
            let from = (since - self.rng.random_range(5..=60)).max(0);
            let mut waiting = self.waiting_plan(from, WaitStatus::ActiefPlaatsen, Outcome::StillWaiting);
            waiting.change = Some((since, WaitStatus::UrgentPlaatsen));
            waiting
        } else {
            self.waiting_plan(since, WaitStatus::UrgentPlaatsen, Outcome::StillWaiting)
        };
        self.push_waiting(sector.sector, waiting);
    }

    /// *Wacht uit voorzorg* at the end: most chose it; a quarter got there by
    /// refusing a fitting offer twice (seed 000: "Bij een 2e weigering wordt
    /// de status gewijzigd naar Wacht uit voorzorg").
    fn still_precautionary(&mut self, sector: &SectorTargets) {
        let waiting = if self.last >= 60 && self.rng.random_bool(0.25) {
            let from = self.rng.random_range(0..=self.last - 40);
            let lapse = day_between(&mut self.rng, from + 20, self.last);
            let mut waiting = self.waiting_plan(from, WaitStatus::WachtOpVoorkeur, Outcome::StillWaiting);
            waiting.lapse = Some(lapse);
            waiting
        } else {
            // Precautionary waiting lasts long: most were on the list already.
            let from = self.start_of_long_wait(0.6);
            self.waiting_plan(from, WaitStatus::WachtUitVoorzorg, Outcome::StillWaiting)
        };
        self.push_waiting(sector.sector, waiting);
    }

    fn ended_while_waiting(&mut self, sector: &SectorTargets) {
        let first = weighted(
            &mut self.rng,
            &[(WaitStatus::WachtOpVoorkeur, 45), (WaitStatus::ActiefPlaatsen, 45), (WaitStatus::UrgentPlaatsen, 10)],
        );
        let from = day_between(&mut self.rng, 0, self.last - 5);
        let on = day_between(&mut self.rng, from + 3, self.last).min(self.last);
        let reason = weighted(&mut self.rng, sector.waiting_end_reasons);
        let mut waiting = self.waiting_plan(from, first, Outcome::Ended { on, reason });
        if first != WaitStatus::WachtOpVoorkeur && on - from >= 4 && self.rng.random_bool(0.1) {
            let bridged_on = day_between(&mut self.rng, from + 1, on - 1);
            let location = self.any_location(sector.sector);
            waiting.bridging = location.map(|location| (location, bridged_on));
        }
        self.push_waiting(sector.sector, waiting);
    }

    fn content_with_current(&mut self, sector: &SectorTargets) {
        if self.last < 30 {
            return;
        }
        let first = weighted(&mut self.rng, &[(WaitStatus::ActiefPlaatsen, 7), (WaitStatus::UrgentPlaatsen, 3)]);
        let from = self.rng.random_range(0..=self.last - 20);
        let bridged_on = day_between(&mut self.rng, from + 1, self.last - 10);
        let on = day_between(&mut self.rng, bridged_on + 7, self.last);
        let mut waiting = self.waiting_plan(from, first, Outcome::ContentWithCurrent { on });
        waiting.bridging = Some((self.free_bed(sector.sector, bridged_on), bridged_on));
        self.push_waiting(sector.sector, waiting);
    }

    fn at_home(&mut self, sector: &SectorTargets) {
        let existing = !self.rng.random_bool(sector.at_home_new_share);
        let registered = if existing {
            day_between(&mut self.rng, 0, FIRST_WEEKS.min(self.last))
        } else {
            self.rng.random_range(0..=self.last)
        };
        let form = weighted(&mut self.rng, sector.at_home_forms);
        let end = if registered < self.last && self.rng.random_bool(sector.at_home_end_rate) {
            let on = day_between(&mut self.rng, registered + 1, self.last);
            Some((on, weighted(&mut self.rng, sector.at_home_end_reasons)))
        } else {
            None
        };
        self.push(sector.sector, registered, Path::AtHome { form, existing, end });
    }

    /// When a long wait began: a share `already` was waiting when the window
    /// opened (their history is compressed into its first weeks), the others
    /// began at any day of the window.
    fn start_of_long_wait(&mut self, already: f64) -> Day {
        if self.rng.random_bool(already) {
            day_between(&mut self.rng, 0, 20.min(self.last))
        } else {
            day_between(&mut self.rng, 0, self.last - 1)
        }
    }

    fn waiting_plan(&mut self, from: Day, first: WaitStatus, outcome: Outcome) -> WaitingPlan {
        WaitingPlan {
            from,
            first,
            change: None,
            lapse: None,
            bridging: None,
            outcome,
            pgb: self.rng.random_bool(targets::WAITING_PGB_SHARE),
        }
    }

    /// Takes a free bed of the sector that is free on `day`; when none is
    /// left, any location of the sector (bridging places are few).
    fn free_bed(&mut self, sector: Sector, day: Day) -> u32 {
        for _ in 0..8 {
            if self.free_beds.is_empty() {
                break;
            }
            let index = self.rng.random_range(0..self.free_beds.len());
            let (location, free_from) = self.free_beds[index];
            if free_from <= day && self.model.location(location).sector == sector {
                self.free_beds.swap_remove(index);
                return location;
            }
        }
        self.any_location(sector).expect("every region has locations of every sector")
    }

    fn any_location(&mut self, sector: Sector) -> Option<u32> {
        let locations = self.model.locations_of(self.region, sector);
        (!locations.is_empty()).then(|| *random::pick(&mut self.rng, locations))
    }

    /// A location of the sector of another provider than `location`'s, if any.
    fn any_other_location(&mut self, sector: Sector, location: u32) -> u32 {
        let provider = self.model.location(location).provider;
        let locations = self.model.locations_of(self.region, sector);
        for _ in 0..8 {
            let candidate = *random::pick(&mut self.rng, locations);
            if self.model.location(candidate).provider != provider {
                return candidate;
            }
        }
        location
    }

    fn push_waiting(&mut self, sector: Sector, waiting: WaitingPlan) {
        let registered = (waiting.from - self.rng.random_range(0..=25)).max(0);
        self.push(sector, registered, Path::Waiting(waiting));
    }

    fn push(&mut self, sector: Sector, registered: Day, path: Path) {
        let seed = self.rng.random();
        self.plans.push(ClientPlan { region: self.region, sector, registered, seed, path });
    }
}
