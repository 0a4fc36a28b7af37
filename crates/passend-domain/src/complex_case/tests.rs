//! The complex-case rules through one helper: a small supply, dated commands
//! and the case as the parties see it.

use jiff::civil::{Date, date};
use proptest::prelude::*;

use super::*;
use crate::codes::{CareProfile, Region, Sector};
use crate::ids::{AgbCode, ClientId, LocationId, OcoId};
use crate::supply::{Location, Provider, SupplyDirectory};

fn agb(n: u32) -> AgbCode {
    AgbCode::parse(&format!("{:08}", 47_000_000 + n)).unwrap()
}

fn utrecht() -> Region {
    Region::parse("Utrecht").unwrap()
}

struct Case {
    supply: SupplyDirectory,
    matrix: TaskMatrix,
    state: ComplexCaseState,
}

impl Case {
    fn new() -> Case {
        let mut supply = SupplyDirectory::default();
        for n in 1..=3 {
            let provider = Provider { agb: agb(n), name: format!("Aanbieder {n}"), region: utrecht() };
            let event = supply.decide_provider(provider).unwrap();
            supply.apply(&event);
            let location = Location {
                id: supply.next_location_id(),
                provider: agb(n),
                name: format!("Locatie {n}"),
                sector: Sector::Vv,
                care_profiles: vec![CareProfile::parse("5VV").unwrap()],
                capacity: 10,
                postcode: None,
                lat: 52.0,
                lon: 5.0,
                expertise: vec![],
                contra_indications: vec![],
                crisis_beds: 0,
            };
            let event = supply.decide_location(location).unwrap();
            supply.apply(&event);
        }
        Case { supply, matrix: TaskMatrix::passend().clone(), state: ComplexCaseState::default() }
    }

    fn run(&mut self, on: Date, command: ComplexCaseCommand) -> Result<Vec<ComplexCaseEvent>, ComplexRejection> {
        let context =
            ComplexContext { matrix: &self.matrix, ladder: EscalationLadder::passend(), supply: &self.supply };
        let events = decide(&self.state, &command, on, context)?;
        for event in &events {
            self.state.apply(on, event);
        }
        Ok(events)
    }

    fn ok(&mut self, on: Date, command: ComplexCaseCommand) {
        self.run(on, command).unwrap();
    }

    /// Opened by the zorgkantoor on 2 March 2026, dossierhouder provider 1.
    fn opened_with_dossierhouder() -> Case {
        let mut case = Case::new();
        case.ok(date(2026, 3, 2), open(Some(agb(1)), None, Opener::Zorgkantoor));
        case
    }

    fn task_ids(&self) -> Vec<&str> {
        self.state.tasks.iter().map(|task| task.created.id.as_str()).collect()
    }
}

fn open(dossierhouder: Option<AgbCode>, oco: Option<OcoId>, by: Opener) -> ComplexCaseCommand {
    ComplexCaseCommand::Open {
        client: ClientId(7),
        region: utrecht(),
        dossierhouder,
        oco,
        by,
        reasons: "Toenemende agressie; team handelingsverlegen".to_string(),
    }
}

fn advance(to: u8, skipped: Option<&str>) -> ComplexCaseCommand {
    ComplexCaseCommand::AdvanceStep {
        to: Step::new(to).unwrap(),
        decision: format!("Besluit naar stap {to}"),
        skipped: skipped.map(str::to_string),
    }
}

fn unfit(provider: AgbCode) -> ComplexCaseCommand {
    ComplexCaseCommand::DeclarePlaceUnfit { provider, explanation: "Gedragsdeskundige en COT ingezet".to_string() }
}

#[test]
fn an_early_warning_opens_step_2_with_its_tasks_for_the_actual_parties() {
    let case = Case::opened_with_dossierhouder();
    assert_eq!(case.state.step, Some(Step::CURRENT_PLACE));
    assert_eq!(case.task_ids(), vec!["2.1", "2.2", "2.3", "2.4"]);
    let early_warning = case.state.task("2.2").unwrap();
    assert_eq!(early_warning.created.responsible, Organisation::Provider(agb(1)));
    assert_eq!(early_warning.created.due, date(2026, 3, 7), "5 days from the step's opening");
    assert!(early_warning.created.contributions.contains("zorgkantoor"));
    let advice = case.state.task("2.1").unwrap();
    assert_eq!(advice.created.responsible, Organisation::Zorgkantoor(utrecht()));
    assert_eq!(case.state.responsible_for_care(), Some(agb(1)));
}

#[test]
fn without_a_dossierhouder_the_case_starts_at_registration_and_oco_tasks_wait_for_an_oco() {
    let mut case = Case::new();
    case.ok(date(2026, 3, 2), open(None, None, Opener::Zorgkantoor));
    assert_eq!(case.state.step, Some(Step::FIRST));
    assert_eq!(case.task_ids(), vec!["1.1"], "the OCO's tasks exist only while an OCO is involved");
    case.ok(date(2026, 3, 4), ComplexCaseCommand::InvolveOco { oco: OcoId(3) });
    assert_eq!(case.task_ids(), vec!["1.1", "1.2", "1.3"]);
    let help = case.state.task("1.2").unwrap();
    assert_eq!(help.created.responsible, Organisation::Oco(OcoId(3)));
    assert_eq!(help.created.due, date(2026, 3, 12), "the term runs from the step's opening, not the OCO's arrival");
    assert_eq!(
        case.run(date(2026, 3, 5), advance(2, None)),
        Err(ComplexRejection::NeedsDossierhouder { to: Step::CURRENT_PLACE })
    );
    case.ok(date(2026, 3, 5), ComplexCaseCommand::RecordDossierhouder { provider: agb(2) });
    case.ok(date(2026, 3, 5), advance(2, None));
    assert_eq!(case.state.task("2.2").unwrap().created.responsible, Organisation::Provider(agb(2)));
    assert!(
        case.state.task("2.1").is_some(),
        "the matrix lists it; the zorgkantoor marks it not needed when an OCO is involved"
    );
}

#[test]
fn the_dossierhouder_alone_opens_as_dossierhouder() {
    let mut case = Case::new();
    assert_eq!(
        case.run(date(2026, 3, 2), open(None, None, Opener::Dossierhouder)),
        Err(ComplexRejection::NoDossierhouderToOpen)
    );
    case.ok(date(2026, 3, 2), open(Some(agb(1)), None, Opener::Dossierhouder));
    assert_eq!(
        case.run(date(2026, 3, 2), open(Some(agb(1)), None, Opener::Dossierhouder)),
        Err(ComplexRejection::AlreadyOpened)
    );
}

#[test]
fn step_2_closes_only_on_the_dossierhouders_finding() {
    let mut case = Case::opened_with_dossierhouder();
    assert_eq!(case.run(date(2026, 4, 1), advance(3, None)), Err(ComplexRejection::PlaceStillFits));
    assert_eq!(case.run(date(2026, 4, 1), advance(4, Some("spoed"))), Err(ComplexRejection::PlaceStillFits));
    assert_eq!(case.run(date(2026, 4, 1), unfit(agb(2))), Err(ComplexRejection::NotDossierhouder { provider: agb(2) }));
    case.ok(date(2026, 4, 1), unfit(agb(1)));
    case.ok(date(2026, 4, 2), advance(3, None));
    assert_eq!(case.state.step, Some(Step::SEARCH));
    assert!(case.state.task("3.4").is_some());
    assert_eq!(case.state.task("3.4").unwrap().created.due, date(2026, 4, 30));
}

#[test]
fn steps_go_forward_only_and_a_skip_needs_a_reason() {
    let mut case = Case::opened_with_dossierhouder();
    case.ok(date(2026, 4, 1), unfit(agb(1)));
    case.ok(date(2026, 4, 2), advance(3, None));
    assert_eq!(
        case.run(date(2026, 4, 3), advance(2, None)),
        Err(ComplexRejection::NotForward { current: Step::SEARCH, to: Step::CURRENT_PLACE })
    );
    assert_eq!(
        case.run(date(2026, 4, 3), advance(3, None)),
        Err(ComplexRejection::NotForward { current: Step::SEARCH, to: Step::SEARCH })
    );
    assert_eq!(
        case.run(date(2026, 4, 3), advance(5, None)),
        Err(ComplexRejection::SkipWithoutReason { current: Step::SEARCH, to: Step::MEETING })
    );
    assert_eq!(
        case.run(date(2026, 4, 3), advance(5, Some("  "))).unwrap_err(),
        ComplexRejection::SkipWithoutReason { current: Step::SEARCH, to: Step::MEETING }
    );
    case.ok(date(2026, 4, 3), advance(5, Some("Alle partijen willen direct om tafel")));
    assert!(case.state.task("4.2").is_none(), "a skipped step gets no tasks");
    assert_eq!(case.state.steps.last().unwrap().3.as_deref(), Some("Alle partijen willen direct om tafel"));
    assert_eq!(
        case.run(date(2026, 4, 1), advance(6, None)),
        Err(ComplexRejection::BeforeLastEvent { on: date(2026, 4, 1), last: date(2026, 4, 3) })
    );
}

#[test]
fn tasks_move_on_with_notes_and_are_overdue_after_their_term() {
    let mut case = Case::opened_with_dossierhouder();
    let overdue: Vec<&str> = case.state.overdue_tasks(date(2026, 3, 8)).map(|task| task.created.id.as_str()).collect();
    assert_eq!(overdue, vec!["2.2"], "2.2 is due on 7 March; the others later");
    assert_eq!(case.state.overdue_tasks(date(2026, 3, 7)).count(), 0, "due day itself is in time");
    let update = |status, note: Option<&str>| ComplexCaseCommand::UpdateTask {
        id: "2.2".to_string(),
        status,
        note: note.map(str::to_string),
    };
    case.ok(date(2026, 3, 3), update(TaskStatus::InProgress, Some("Gebeld met zorgkantoor")));
    case.ok(date(2026, 3, 4), update(TaskStatus::Done, Some("Notitie verstuurd")));
    assert_eq!(case.state.task("2.2").unwrap().notes.len(), 2);
    assert_eq!(
        case.run(date(2026, 3, 5), update(TaskStatus::Open, None)),
        Err(ComplexRejection::TaskFinished("2.2".to_string()))
    );
    let not_needed =
        ComplexCaseCommand::UpdateTask { id: "2.1".to_string(), status: TaskStatus::NotNeeded, note: None };
    assert_eq!(case.run(date(2026, 3, 5), not_needed), Err(ComplexRejection::NotNeededWithoutNote));
    let unknown = ComplexCaseCommand::UpdateTask { id: "9.9".to_string(), status: TaskStatus::Done, note: None };
    assert_eq!(case.run(date(2026, 3, 5), unknown), Err(ComplexRejection::UnknownTask("9.9".to_string())));
    let direction = case.state.direction();
    assert_eq!(direction[0].0, Organisation::Zorgkantoor(utrecht()));
    assert_eq!(direction[1].0, Organisation::Provider(agb(1)));
    assert_eq!(direction[1].1.iter().map(|task| task.created.id.as_str()).collect::<Vec<_>>(), vec!["2.3", "2.4"]);
}

#[test]
fn registration_rounds_record_each_provider_and_its_answer() {
    let mut case = Case::opened_with_dossierhouder();
    let approach = |round, n| ComplexCaseCommand::ApproachProvider {
        round,
        provider: agb(n),
        information: "Persoonsbeeld, indicatie en woonzorgprofiel".to_string(),
    };
    assert_eq!(
        case.run(date(2026, 3, 3), approach(Round::First, 2)),
        Err(ComplexRejection::RoundTooEarly { round: Round::First, current: Step::CURRENT_PLACE })
    );
    case.ok(date(2026, 4, 1), unfit(agb(1)));
    case.ok(date(2026, 4, 1), advance(3, None));
    case.ok(date(2026, 4, 2), approach(Round::First, 2));
    assert_eq!(
        case.run(date(2026, 4, 2), approach(Round::First, 2)),
        Err(ComplexRejection::AlreadyApproached { provider: agb(2) })
    );
    assert_eq!(
        case.run(date(2026, 4, 2), approach(Round::Second, 3)),
        Err(ComplexRejection::RoundTooEarly { round: Round::Second, current: Step::SEARCH })
    );
    let refused = Answer::Refused { reason: "Geen expertise voor deze doelgroep".to_string() };
    let answer = |n, answer| ComplexCaseCommand::RecordAnswer { round: Round::First, provider: agb(n), answer };
    assert_eq!(
        case.run(date(2026, 4, 3), answer(3, Answer::WaitingList)),
        Err(ComplexRejection::NotApproached { provider: agb(3) })
    );
    let wrong_location = Answer::Place { location: Some(LocationId(3)) };
    assert_eq!(
        case.run(date(2026, 4, 3), answer(2, wrong_location)),
        Err(ComplexRejection::LocationOfOtherProvider { location: LocationId(3), provider: agb(2) })
    );
    case.ok(date(2026, 4, 3), answer(2, refused));
    case.ok(date(2026, 4, 20), advance(4, None));
    case.ok(date(2026, 4, 21), approach(Round::Second, 3));
    case.ok(date(2026, 4, 22), answer_second(3, Answer::Place { location: Some(LocationId(3)) }));
    assert_eq!(case.state.registrations.len(), 2);
    let overview = case.state.tried_overview();
    assert!(overview.contains("eerste aanmeldronde"), "{overview}");
    assert!(overview.contains("afgewezen: Geen expertise"), "{overview}");
    assert!(overview.contains("huidige plek niet langer passend"), "{overview}");
}

fn answer_second(n: u32, answer: Answer) -> ComplexCaseCommand {
    ComplexCaseCommand::RecordAnswer { round: Round::Second, provider: agb(n), answer }
}

fn at_step_5() -> Case {
    let mut case = Case::opened_with_dossierhouder();
    case.ok(date(2026, 4, 1), unfit(agb(1)));
    case.ok(date(2026, 4, 1), advance(3, None));
    case.ok(date(2026, 5, 1), advance(4, None));
    case.ok(date(2026, 6, 1), advance(5, None));
    case
}

fn invitees() -> Vec<Participant> {
    vec![
        Participant { name: "A. de Vries".to_string(), organisation: "Zorgkantoor".to_string(), mandate: true },
        Participant { name: "B. Jansen".to_string(), organisation: "Aanbieder 1".to_string(), mandate: false },
    ]
}

#[test]
fn the_meeting_needs_its_organiser_whose_tasks_appear_when_chosen() {
    let mut case = at_step_5();
    assert!(case.state.task("5.1").is_none(), "the organiser is not known yet");
    assert!(case.state.task("5.2").is_some());
    let plan = ComplexCaseCommand::PlanMeeting {
        on: date(2026, 6, 15),
        chair: "C. Bakker".to_string(),
        minute_taker: "D. Visser".to_string(),
        invitees: invitees(),
    };
    assert_eq!(case.run(date(2026, 6, 2), plan.clone()), Err(ComplexRejection::NoOrganiser));
    case.ok(date(2026, 6, 2), ComplexCaseCommand::ChooseOrganiser { organiser: OrganiserParty::Zorgkantoor });
    assert_eq!(case.state.task("5.1").unwrap().created.responsible, Organisation::Zorgkantoor(utrecht()));
    assert_eq!(case.state.task("5.1").unwrap().created.due, date(2026, 6, 15), "14 days from step 5's opening");
    case.ok(date(2026, 6, 2), plan);
    let held = ComplexCaseCommand::RecordMeeting {
        overview: case.state.tried_overview(),
        outcomes: "Proefplaatsing bij aanbieder 3".to_string(),
        actions: vec![Action {
            what: "Proefplaatsing regelen".to_string(),
            owner: "Aanbieder 3".to_string(),
            due: date(2026, 7, 1),
        }],
    };
    assert_eq!(
        case.run(date(2026, 6, 14), held.clone()),
        Err(ComplexRejection::MeetingNotYet { planned: date(2026, 6, 15) })
    );
    case.ok(date(2026, 6, 15), held);
    let follow = ComplexCaseCommand::FollowUpAction {
        list: ActionList::Meeting,
        index: 0,
        done: true,
        note: "Geregeld".to_string(),
    };
    case.ok(date(2026, 6, 20), follow);
    assert!(case.state.meeting_actions[0].done);
    let missing =
        ComplexCaseCommand::FollowUpAction { list: ActionList::Plan, index: 0, done: true, note: "x".to_string() };
    assert_eq!(case.run(date(2026, 6, 20), missing), Err(ComplexRejection::UnknownAction { index: 0 }));
    let evaluate = ComplexCaseCommand::EvaluateMeeting {
        mandate_present: false,
        evaluation: "Aanbieder zonder mandaat".to_string(),
    };
    assert_eq!(
        case.run(date(2026, 6, 21), evaluate.clone()),
        Err(ComplexRejection::PlanTooEarly { current: Step::MEETING })
    );
    case.ok(date(2026, 6, 21), advance(6, None));
    assert_eq!(
        case.state.task("6.1").unwrap().created.responsible,
        Organisation::Zorgkantoor(utrecht()),
        "the evaluation falls to the organiser"
    );
    case.ok(date(2026, 6, 22), evaluate);
    let past = vec![Action { what: "x".to_string(), owner: "y".to_string(), due: date(2026, 6, 1) }];
    assert_eq!(
        case.run(date(2026, 6, 22), ComplexCaseCommand::RecordPlan { actions: past }),
        Err(ComplexRejection::ActionDueInPast { due: date(2026, 6, 1), on: date(2026, 6, 22) })
    );
    case.ok(date(2026, 6, 22), ComplexCaseCommand::ReportProgress { text: "Plan loopt".to_string() });
    assert_eq!(case.state.progress.len(), 1);
}

#[test]
fn escalation_climbs_the_ladder_only_with_a_warm_handover() {
    let mut case = Case::opened_with_dossierhouder();
    let escalate = |confirmed| ComplexCaseCommand::Escalate {
        reason: "Geen plek in de regio".to_string(),
        handover_confirmed: confirmed,
    };
    assert_eq!(case.run(date(2026, 3, 3), escalate(false)), Err(ComplexRejection::HandoverNotConfirmed));
    for _ in 0..4 {
        case.ok(date(2026, 3, 3), escalate(true));
    }
    assert_eq!(case.state.escalations.iter().map(|e| e.level).collect::<Vec<_>>(), vec![1, 2, 3, 4]);
    assert!(case.state.escalations[3].desk.contains("VWS"));
    assert_eq!(case.run(date(2026, 3, 3), escalate(true)), Err(ComplexRejection::TopOfLadder));
}

#[test]
fn closing_hands_care_over_and_ends_the_case() {
    let mut case = Case::opened_with_dossierhouder();
    let close = ComplexCaseCommand::Close {
        outcome: Outcome::CareHandedOver { provider: agb(3) },
        reason: "Overgedragen na proefplaatsing".to_string(),
    };
    case.ok(date(2026, 8, 1), close);
    assert_eq!(case.state.responsible_for_care(), Some(agb(3)));
    assert!(!case.state.is_open());
    assert_eq!(case.state.open_tasks().count(), 0, "nothing is due in a closed case");
    assert_eq!(case.state.overdue_tasks(date(2027, 1, 1)).count(), 0);
    assert_eq!(case.run(date(2026, 8, 2), unfit(agb(1))), Err(ComplexRejection::Closed { on: date(2026, 8, 1) }));
    let mut other = Case::opened_with_dossierhouder();
    let unknown = ComplexCaseCommand::Close {
        outcome: Outcome::PlaceFound { location: Some(LocationId(99)) },
        reason: "x".to_string(),
    };
    assert_eq!(other.run(date(2026, 8, 1), unknown), Err(ComplexRejection::UnknownLocation(LocationId(99))));
    let no_reason = ComplexCaseCommand::Close { outcome: Outcome::Other, reason: " ".to_string() };
    assert_eq!(other.run(date(2026, 8, 1), no_reason), Err(ComplexRejection::Empty { field: "closing reason" }));
}

#[test]
fn a_changed_matrix_drives_the_tasks_of_steps_opened_afterwards() {
    let mut case = Case::new();
    case.matrix = TaskMatrix::parse(
        "step,task_id,task,responsible,contributions,due_days\n2,2.A,Huisbezoek,zorgkantoor,,3\n2,2.B,Overleg,provider,oco: aanwezig,21\n",
    )
    .unwrap();
    case.ok(date(2026, 3, 2), open(Some(agb(1)), None, Opener::Zorgkantoor));
    assert_eq!(case.task_ids(), vec!["2.A", "2.B"]);
    assert_eq!(case.state.task("2.A").unwrap().created.due, date(2026, 3, 5));
}

#[test]
fn every_rejection_has_a_dutch_message() {
    let rejections = [
        ComplexRejection::PlaceStillFits,
        ComplexRejection::SkipWithoutReason { current: Step::SEARCH, to: Step::PLAN },
        ComplexRejection::HandoverNotConfirmed,
        ComplexRejection::Empty { field: "decision" },
        ComplexRejection::TooLong { field: "note", chars: 5000, max: MAX_TEXT_CHARS },
        ComplexRejection::RoundTooEarly { round: Round::Second, current: Step::SEARCH },
    ];
    for rejection in rejections {
        let message = rejection.message_nl();
        assert!(message.ends_with('.'), "{message}");
        assert!(!message.contains("decision") && !message.contains("note "), "{message}");
    }
    assert_eq!(ComplexRejection::Empty { field: "decision" }.message_nl(), "Vul het besluit in.");
}

proptest! {
    /// Whatever the order of attempted step changes, the step never goes
    /// back, and a step beyond 2 is reached only after the finding.
    #[test]
    fn steps_never_go_back(targets in proptest::collection::vec((1u8..=6, any::<bool>(), any::<bool>()), 1..12)) {
        let mut case = Case::opened_with_dossierhouder();
        let mut day = date(2026, 3, 2);
        for (to, with_reason, declare) in targets {
            day = day.tomorrow().unwrap();
            if declare {
                let _ = case.run(day, unfit(agb(1)));
            }
            let before = case.state.step;
            let result = case.run(day, advance(to, with_reason.then_some("reden")));
            let after = case.state.step;
            prop_assert!(after >= before);
            if result.is_ok() {
                prop_assert_eq!(after, Step::new(to));
            }
            if after > Some(Step::CURRENT_PLACE) {
                prop_assert!(case.state.place_unfit.is_some());
            }
        }
    }
}
