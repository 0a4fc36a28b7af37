//! The task matrix of seed 002: per step, the tasks, the one party with final
//! responsibility for each, the others' contributions and passend's default
//! term. It is data (`data/complex-case-tasks.csv`), not code: a zorgkantoor
//! that agrees other tasks or terms with its providers changes the file, and
//! the tasks of every step opened from then on follow it.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::Step;
use crate::codes::{csv_data_lines, split_csv_line};

const DATA: &str = include_str!("../../data/complex-case-tasks.csv");
const HEADER: &str = "step,task_id,task,responsible,contributions,due_days";
/// passend's copy adds the task's Dutch wording from the seed.
const HEADER_NL: &str = "step,task_id,task,responsible,contributions,due_days,task_nl";
/// The longest term a task may get: a year.
const MAX_DUE_DAYS: u32 = 366;

/// The party with final responsibility for a task (*eindverantwoordelijk*,
/// holding the direction of its execution, *regie op uitvoering*), as the
/// matrix names it; a case resolves it to an organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The provider holding the case (*dossierhouder*).
    Provider,
    /// The client's zorgkantoor.
    Zorgkantoor,
    /// The independent client supporter; only while one is involved.
    Oco,
    /// The party chosen to organise the meeting when step 5 opens.
    Organiser,
}

impl Role {
    pub fn token(self) -> &'static str {
        match self {
            Role::Provider => "provider",
            Role::Zorgkantoor => "zorgkantoor",
            Role::Oco => "oco",
            Role::Organiser => "organiser",
        }
    }

    fn parse(token: &str) -> Option<Role> {
        [Role::Provider, Role::Zorgkantoor, Role::Oco, Role::Organiser].into_iter().find(|role| role.token() == token)
    }

    pub fn label_nl(self) -> &'static str {
        match self {
            Role::Provider => "dossierhouder",
            Role::Zorgkantoor => "zorgkantoor",
            Role::Oco => "OCO",
            Role::Organiser => "organisator bijeenkomst",
        }
    }
}

/// One row of the matrix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskTemplate {
    pub step: Step,
    /// `2.3`: unique in the matrix; a case has each task at most once.
    pub id: String,
    pub task: String,
    /// The task in Dutch, where the file has the `task_nl` column.
    pub task_nl: Option<String>,
    pub responsible: Role,
    /// The optional parts of the other parties, as written in the seed.
    pub contributions: String,
    /// The default term in calendar days from the opening of the step.
    pub due_days: u32,
}

/// The whole matrix, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskMatrix {
    tasks: Vec<TaskTemplate>,
}

/// Why a task-matrix file was refused: the line and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("task matrix, line {line}: {problem}")]
pub struct MatrixError {
    pub line: usize,
    pub problem: String,
}

impl TaskTemplate {
    /// The wording the interface shows: Dutch where the matrix has it.
    pub fn text_nl(&self) -> &str {
        self.task_nl.as_deref().unwrap_or(&self.task)
    }
}

impl TaskMatrix {
    /// The matrix shipped with passend (seed 002, terms passend's defaults).
    pub fn passend() -> &'static TaskMatrix {
        static MATRIX: OnceLock<TaskMatrix> = OnceLock::new();
        MATRIX.get_or_init(|| TaskMatrix::parse(DATA).expect("the compiled-in task matrix is valid (unit-tested)"))
    }

    /// Reads a matrix in the format of `data/complex-case-tasks.csv`: the
    /// header `step,task_id,task,responsible,contributions,due_days`,
    /// optionally followed by `,task_nl` (the Dutch wording the interface
    /// shows), steps 1–6, unique task ids, a known responsible party, a term
    /// of 0–366 days.
    pub fn parse(text: &str) -> Result<TaskMatrix, MatrixError> {
        let with_dutch = text.lines().next().is_some_and(|header| header.trim_end_matches('\r') == HEADER_NL);
        let header = if with_dutch { HEADER_NL } else { HEADER };
        let lines = csv_data_lines(text, header).map_err(|problem| MatrixError { line: 1, problem })?;
        let mut tasks: Vec<TaskTemplate> = Vec::new();
        for (line, row) in lines {
            let error = |problem: String| MatrixError { line, problem };
            let fields = split_csv_line(row.trim_end_matches('\r')).map_err(error)?;
            let expected = if with_dutch { 7 } else { 6 };
            if fields.len() != expected {
                return Err(error(format!("{} fields, expected {expected}", fields.len())));
            }
            let [step, id, task, responsible, contributions, due_days] = fields[..6] else {
                return Err(error(format!("{} fields, expected {expected}", fields.len())));
            };
            let task_nl = fields.get(6).filter(|text| !text.trim().is_empty()).map(|text| text.to_string());
            let step = step
                .parse::<u8>()
                .ok()
                .and_then(Step::new)
                .ok_or_else(|| error(format!("step {step:?} is not 1 to 6")))?;
            if id.trim().is_empty() || task.trim().is_empty() {
                return Err(error("the task id and the task text must not be empty".to_string()));
            }
            if tasks.iter().any(|existing| existing.id == id) {
                return Err(error(format!("task {id} appears twice")));
            }
            let responsible = Role::parse(responsible).ok_or_else(|| {
                error(format!("responsible {responsible:?} is not provider, zorgkantoor, oco or organiser"))
            })?;
            let due_days = due_days.parse::<u32>().ok().filter(|days| *days <= MAX_DUE_DAYS).ok_or_else(|| {
                error(format!("due_days {due_days:?} is not a number of days from 0 to {MAX_DUE_DAYS}"))
            })?;
            tasks.push(TaskTemplate {
                step,
                id: id.to_string(),
                task: task.to_string(),
                task_nl,
                responsible,
                contributions: contributions.to_string(),
                due_days,
            });
        }
        if tasks.is_empty() {
            return Err(MatrixError { line: 1, problem: "the matrix has no tasks".to_string() });
        }
        Ok(TaskMatrix { tasks })
    }

    pub fn tasks(&self) -> &[TaskTemplate] {
        &self.tasks
    }

    /// The tasks of one step, in file order.
    pub fn of_step(&self, step: Step) -> impl Iterator<Item = &TaskTemplate> {
        self.tasks.iter().filter(move |task| task.step == step)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_matrix_parses_with_every_step_and_role() {
        let matrix = TaskMatrix::passend();
        assert_eq!(matrix.tasks().len(), 26);
        for step in Step::ALL {
            assert!(matrix.of_step(step).count() > 0, "step {step} has tasks");
        }
        let early_warning = matrix.tasks().iter().find(|task| task.id == "2.2").unwrap();
        assert_eq!((early_warning.responsible, early_warning.due_days), (Role::Provider, 5));
        assert!(early_warning.contributions.starts_with("zorgkantoor: advise"));
        let second_round = matrix.tasks().iter().find(|task| task.id == "4.2").unwrap();
        assert_eq!(second_round.responsible, Role::Zorgkantoor);
        assert!(matrix.tasks().iter().any(|task| task.responsible == Role::Oco));
        assert!(matrix.tasks().iter().any(|task| task.responsible == Role::Organiser));
        assert!(matrix.tasks().iter().all(|task| task.task_nl.is_some()), "every task has its Dutch wording");
        assert_eq!(early_warning.text_nl(), "Vroegtijdig het zorgkantoor informeren over problemen op de huidige plek");
    }

    #[test]
    fn a_changed_file_changes_the_tasks() {
        let text = format!("{HEADER}\n2,2.9,Call the family,zorgkantoor,,3\n");
        let matrix = TaskMatrix::parse(&text).unwrap();
        let task = &matrix.tasks()[0];
        assert_eq!(
            (task.step, task.id.as_str(), task.responsible, task.due_days),
            (Step::CURRENT_PLACE, "2.9", Role::Zorgkantoor, 3)
        );
        assert_eq!(task.text_nl(), "Call the family", "without the Dutch column the task's own text is shown");
    }

    #[test]
    fn defective_rows_are_refused_with_their_line() {
        let cases = [
            ("step,task,responsible\n", 1, "header"),
            (&*format!("{HEADER}\n7,7.1,x,provider,,5\n"), 2, "step"),
            (&*format!("{HEADER}\n1,1.1,x,provider,,5\n1,1.1,y,provider,,5\n"), 3, "twice"),
            (&*format!("{HEADER}\n1,1.1,x,family,,5\n"), 2, "family"),
            (&*format!("{HEADER}\n1,1.1,x,provider,,-1\n"), 2, "due_days"),
            (&*format!("{HEADER}\n1,1.1,x,provider,,400\n"), 2, "due_days"),
            (&*format!("{HEADER}\n1,1.1,x,provider\n"), 2, "fields"),
            (HEADER, 1, "no tasks"),
        ];
        for (text, line, word) in cases {
            let error = TaskMatrix::parse(text).unwrap_err();
            assert_eq!(error.line, line, "{text}");
            assert!(error.to_string().contains(word), "{error} should mention {word}");
        }
    }
}
