//! Complex cases (*complexe casuïstiek*, seed 002): a few clients in care per
//! region whose place no longer fits, each at a stage of the six-step
//! search, so that the demo's case pages, task lists and escalations have
//! something real to show.
//!
//! Recorded after the client histories through the same service commands
//! the web uses: a case opens on an early warning in the last four months of
//! the window and moves on a few days at a time, never past the last day.

use jiff::ToSpan;
use passend_domain::complex_case::{
    Action, Answer, ComplexCaseCommand, Opener, Organisation, OrganiserParty, Outcome, Participant, Round, Step,
    TaskStatus,
};
use passend_domain::ids::{AgbCode, ComplexCaseId};
use passend_store::{EventMeta, EventStore, Passend};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use crate::counters::Counters;
use crate::days::{Day, Window};
use crate::error::GenerateError;
use crate::random;

const COMPLEX_STREAM: u64 = 0xC0C0_0000_0000;
/// Complex cases per client in care; at least two and at most twelve per region.
const RATE: f64 = 0.002;
const PER_REGION: std::ops::RangeInclusive<u32> = 2..=12;

const REASONS: [&str; 4] = [
    "Toenemende agressie naar medebewoners; team handelingsverlegen",
    "Zorgvraag past niet meer bij de expertise van de locatie (gedrag en verslaving)",
    "Verstoorde relatie met naasten; bemiddeling helpt niet",
    "Intensieve nachtzorg nodig die de locatie niet kan bieden",
];

/// How far a generated case got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    CurrentPlace,
    FirstRound,
    SecondRound,
    Meeting,
    HandedOver,
}

/// Opens the complex cases and takes each to its stage.
pub(crate) fn record_complex_cases<S: EventStore>(
    service: &Passend<S>,
    seed: u64,
    window: &Window,
    counters: &mut Counters,
) -> Result<(), GenerateError> {
    let summaries = service.projected_summaries()?;
    let regions: std::collections::BTreeSet<_> = summaries.iter().map(|summary| summary.region).collect();
    for region in regions {
        let mut rng = random::stream(seed, COMPLEX_STREAM + u64::from(region.cod001()));
        let in_care: Vec<_> = summaries
            .iter()
            .filter(|summary| {
                summary.region == region && summary.placed_at.is_some() && summary.dossierhouder.is_some()
            })
            .collect();
        let wanted =
            random::round_count(&mut rng, in_care.len() as f64 * RATE).clamp(*PER_REGION.start(), *PER_REGION.end());
        let mut others: Vec<AgbCode> =
            service.supply().providers().filter(|provider| provider.region == region).map(|p| p.agb).collect();
        // The register's order is not the generation's: sort for the same log from the same seed.
        others.sort_unstable();
        for _ in 0..wanted.min(in_care.len() as u32) {
            let summary = random::pick(&mut rng, &in_care);
            let Some(dossierhouder) = summary.dossierhouder else { continue };
            if !service.complex_cases_of(summary.client)?.is_empty() {
                continue;
            }
            let stage = random::weighted(
                &mut rng,
                &[
                    (Stage::CurrentPlace, 3),
                    (Stage::FirstRound, 3),
                    (Stage::SecondRound, 2),
                    (Stage::Meeting, 2),
                    (Stage::HandedOver, 1),
                ],
            );
            let mut day = (window.last() - rng.random_range(30..=120)).max(0);
            let zorgkantoor = format!("zorgkantoor:{}", region.cod001());
            let provider = format!("aanbieder:{dossierhouder}");
            let opened = service.open_complex_case(
                summary.client,
                if rng.random_bool(0.5) { Opener::Dossierhouder } else { Opener::Zorgkantoor },
                random::pick::<&str>(&mut rng, &REASONS),
                meta(window, day, &provider),
            );
            let id = match opened {
                Ok(id) => id,
                Err(error) => {
                    counters.failed(error, || format!("open a complex case for client {}", summary.client))?;
                    continue;
                }
            };
            let candidates: Vec<AgbCode> = others.iter().copied().filter(|agb| *agb != dossierhouder).collect();
            let mut run = Runner { service, window, id, counters, day: &mut day, rng: &mut rng };
            run.take_to(stage, dossierhouder, &candidates, &zorgkantoor, &provider)?;
            // A command records several events (a step opens with its tasks): count what the case holds.
            counters.events += service.complex_case(id)?.map_or(0, |case| u64::from(case.version));
        }
    }
    Ok(())
}

fn meta(window: &Window, day: Day, actor: &str) -> EventMeta {
    EventMeta {
        occurred_on: window.date(day),
        recorded_at: window.moment(day, 11 * 3600),
        actor: actor.to_string(),
        reason: None,
    }
}

struct Runner<'a, S> {
    service: &'a Passend<S>,
    window: &'a Window,
    id: ComplexCaseId,
    counters: &'a mut Counters,
    day: &'a mut Day,
    rng: &'a mut ChaCha8Rng,
}

impl<S: EventStore> Runner<'_, S> {
    /// Records a command a few days after the previous one (never after the
    /// window's last day).
    fn record(&mut self, actor: &str, command: ComplexCaseCommand) -> Result<(), GenerateError> {
        *self.day = (*self.day + self.rng.random_range(2..=9)).min(self.window.last());
        match self.service.execute_complex(self.id, &command, meta(self.window, *self.day, actor), None) {
            Ok(_) => {}
            Err(error) => self.counters.failed(error, || format!("{command:?} in complex case {}", self.id))?,
        }
        Ok(())
    }

    /// Marks every open task of the steps before `step` done, as the parties
    /// would before moving on.
    fn finish_before(&mut self, step: Step, zorgkantoor: &str, provider: &str) -> Result<(), GenerateError> {
        let Some(case) = self.service.complex_case(self.id)? else { return Ok(()) };
        let open: Vec<(String, bool)> = case
            .state
            .open_tasks()
            .filter(|task| task.created.step < step)
            .map(|task| (task.created.id.clone(), matches!(task.created.responsible, Organisation::Zorgkantoor(_))))
            .collect();
        for (id, by_zorgkantoor) in open {
            let actor = if by_zorgkantoor { zorgkantoor } else { provider };
            let done =
                ComplexCaseCommand::UpdateTask { id, status: TaskStatus::Done, note: Some("Afgerond".to_string()) };
            self.record(actor, done)?;
        }
        Ok(())
    }

    fn take_to(
        &mut self,
        stage: Stage,
        dossierhouder: AgbCode,
        candidates: &[AgbCode],
        zorgkantoor: &str,
        provider: &str,
    ) -> Result<(), GenerateError> {
        let done = |id: &str, note: &str| ComplexCaseCommand::UpdateTask {
            id: id.to_string(),
            status: TaskStatus::Done,
            note: Some(note.to_string()),
        };
        self.record(provider, done("2.2", "Zorgkantoor per notitie geïnformeerd"))?;
        if stage == Stage::CurrentPlace {
            return Ok(());
        }
        self.record(provider, done("2.3", "Gedragsdeskundige en CCE-consult ingezet; onvoldoende effect"))?;
        let explanation = "Ook met extra inzet blijft de huidige plek onveilig voor cliënt en medebewoners";
        self.record(
            provider,
            ComplexCaseCommand::DeclarePlaceUnfit { provider: dossierhouder, explanation: explanation.to_string() },
        )?;
        self.finish_before(Step::SEARCH, zorgkantoor, provider)?;
        self.record(provider, advance(Step::SEARCH, "Huidige plek past niet meer; op zoek naar een nieuwe plek"))?;
        for (index, &candidate) in candidates.iter().take(2).enumerate() {
            self.record(provider, approach(Round::First, candidate))?;
            let answer = if index == 0 {
                Answer::Refused { reason: "Geen passende expertise voor deze doelgroep".to_string() }
            } else {
                Answer::WaitingList
            };
            self.record(
                provider,
                ComplexCaseCommand::RecordAnswer { round: Round::First, provider: candidate, answer },
            )?;
        }
        if stage == Stage::FirstRound {
            return Ok(());
        }
        self.finish_before(Step::EXPLORE, zorgkantoor, provider)?;
        self.record(zorgkantoor, advance(Step::EXPLORE, "Eerste aanmeldronde leverde geen plek op"))?;
        if let Some(&candidate) = candidates.get(2) {
            self.record(zorgkantoor, approach(Round::Second, candidate))?;
        }
        if stage == Stage::SecondRound {
            if self.rng.random_bool(0.5) {
                let escalate = ComplexCaseCommand::Escalate {
                    reason: "Geen plek in de regio binnen redelijke termijn".to_string(),
                    handover_confirmed: true,
                };
                self.record(zorgkantoor, escalate)?;
            }
            return Ok(());
        }
        self.finish_before(Step::MEETING, zorgkantoor, provider)?;
        self.record(zorgkantoor, advance(Step::MEETING, "Alle partijen aan tafel (Whole System in the Room)"))?;
        self.record(zorgkantoor, ComplexCaseCommand::ChooseOrganiser { organiser: OrganiserParty::Zorgkantoor })?;
        let meeting_day = self.window.date((*self.day + 10).min(self.window.last()));
        let invitees = vec![
            Participant {
                name: "Teamleider zorgbemiddeling".to_string(),
                organisation: "Zorgkantoor".to_string(),
                mandate: true,
            },
            Participant {
                name: "Manager zorg".to_string(),
                organisation: format!("Aanbieder {dossierhouder}"),
                mandate: true,
            },
            Participant { name: "Cliëntondersteuner".to_string(), organisation: "OCO".to_string(), mandate: false },
        ];
        let plan = ComplexCaseCommand::PlanMeeting {
            on: meeting_day,
            chair: "Teamleider zorgbemiddeling".to_string(),
            minute_taker: "Zorgbemiddelaar".to_string(),
            invitees,
        };
        self.record(zorgkantoor, plan)?;
        if stage == Stage::Meeting {
            return Ok(());
        }
        *self.day = (*self.day + 10).min(self.window.last());
        let Some(&new_provider) = candidates.get(1).or(candidates.first()) else { return Ok(()) };
        let due = self.window.date(*self.day).checked_add(40.days()).unwrap_or(jiff::civil::Date::MAX);
        let held = ComplexCaseCommand::RecordMeeting {
            overview: "Overzicht van alles wat is geprobeerd (zie tijdlijn)".to_string(),
            outcomes: "Proefplaatsing bij een andere aanbieder afgesproken".to_string(),
            actions: vec![Action { what: "Proefplaatsing regelen".to_string(), owner: new_provider.to_string(), due }],
        };
        self.record(zorgkantoor, held)?;
        let close = ComplexCaseCommand::Close {
            outcome: Outcome::CareHandedOver { provider: new_provider },
            reason: "Zorg overgedragen na geslaagde proefplaatsing".to_string(),
        };
        self.record(zorgkantoor, close)
    }
}

fn advance(to: Step, decision: &str) -> ComplexCaseCommand {
    ComplexCaseCommand::AdvanceStep { to, decision: decision.to_string(), skipped: None }
}

fn approach(round: Round, provider: AgbCode) -> ComplexCaseCommand {
    ComplexCaseCommand::ApproachProvider {
        round,
        provider,
        information: "Persoonsbeeld, indicatie, zorgvraag en woonzorgprofiel".to_string(),
    }
}
