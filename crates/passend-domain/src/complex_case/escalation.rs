//! Escalation: "solve or scale up" (*los op of schaal op*, seed 004).
//!
//! When a desk cannot solve a case it hands it to the next desk up a ladder
//! (zorgkantoor mediator → team lead → zorgkantoor board → the ministry's
//! practice team), one rung at a time, with a reason, and only as a *warm
//! hand-over*: "check that the next desk can really help" — the person
//! escalating records that the next desk confirmed it can. The ladder is data
//! (`data/escalation-ladder.csv`), so a zorgkantoor can name its own desks.

use std::sync::OnceLock;

use crate::codes::{csv_data_lines, split_csv_line};

const DATA: &str = include_str!("../../data/escalation-ladder.csv");
const HEADER: &str = "level,desk";

/// The desks a case can be escalated to, lowest first (*escalatieladder*).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EscalationLadder {
    desks: Vec<String>,
}

impl EscalationLadder {
    /// The ladder shipped with passend (seed 004).
    pub fn passend() -> &'static EscalationLadder {
        static LADDER: OnceLock<EscalationLadder> = OnceLock::new();
        LADDER.get_or_init(|| EscalationLadder::parse(DATA).expect("the compiled-in ladder is valid (unit-tested)"))
    }

    /// Reads a ladder: header `level,desk`, levels 1, 2, 3 … in order, each
    /// desk named.
    pub fn parse(text: &str) -> Result<EscalationLadder, String> {
        let mut desks = Vec::new();
        for (line, row) in csv_data_lines(text, HEADER).map_err(|problem| format!("escalation ladder: {problem}"))? {
            let fields = split_csv_line(row.trim_end_matches('\r'))
                .map_err(|problem| format!("escalation ladder, line {line}: {problem}"))?;
            let [level, desk] = fields[..] else {
                return Err(format!("escalation ladder, line {line}: {} fields, expected 2", fields.len()));
            };
            if level.parse::<usize>().ok() != Some(desks.len() + 1) {
                return Err(format!("escalation ladder, line {line}: level {level:?}, expected {}", desks.len() + 1));
            }
            if desk.trim().is_empty() {
                return Err(format!("escalation ladder, line {line}: the desk has no name"));
            }
            desks.push(desk.to_string());
        }
        if desks.is_empty() {
            return Err("escalation ladder: no desks".to_string());
        }
        Ok(EscalationLadder { desks })
    }

    /// The desk of a level (1 = the first desk).
    pub fn desk(&self, level: u8) -> Option<&str> {
        usize::from(level).checked_sub(1).and_then(|index| self.desks.get(index)).map(String::as_str)
    }

    pub fn desks(&self) -> &[String] {
        &self.desks
    }

    /// The level a case escalates to from `current` (`None`: not escalated
    /// yet): one rung up, if there is one.
    pub fn next(&self, current: Option<u8>) -> Option<u8> {
        let next = current.map_or(1, |level| level.saturating_add(1));
        self.desk(next).map(|_| next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_ladder_climbs_one_rung_at_a_time_to_the_ministry() {
        let ladder = EscalationLadder::passend();
        assert_eq!(ladder.desks().len(), 4);
        assert_eq!(ladder.next(None), Some(1));
        assert_eq!(ladder.next(Some(3)), Some(4));
        assert_eq!(ladder.next(Some(4)), None);
        assert!(ladder.desk(4).unwrap().contains("VWS"));
        assert_eq!(ladder.desk(0), None);
    }

    #[test]
    fn a_ladder_file_must_number_its_levels_in_order() {
        assert!(EscalationLadder::parse("level,desk\n1,A\n2,B\n").is_ok());
        assert!(EscalationLadder::parse("level,desk\n1,A\n3,B\n").unwrap_err().contains("expected 2"));
        assert!(EscalationLadder::parse("level,desk\n1,\n").unwrap_err().contains("no name"));
        assert!(EscalationLadder::parse("level,desk\n").unwrap_err().contains("no desks"));
        assert!(EscalationLadder::parse("desk\n1,A\n").is_err());
    }
}
