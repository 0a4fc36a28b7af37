//! The six steps of the search for a fitting place (seed 002).

use serde::{Deserialize, Serialize};

/// One of the six steps (*stappen*) of the search for a fitting housing-care
/// place in a complex case (seed 002, domain.md §6). Later steps are only
/// needed when earlier ones fail; steps 2–6 assume a dossierhouder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Step(u8);

impl Step {
    pub const FIRST: Step = Step(1);
    /// Make care at the current place fit; it closes only when the
    /// dossierhouder has declared the current place no longer fitting.
    pub const CURRENT_PLACE: Step = Step(2);
    /// The first registration round.
    pub const SEARCH: Step = Step(3);
    /// The second registration round, led by the zorgkantoor.
    pub const EXPLORE: Step = Step(4);
    /// The meeting with everyone (*Whole System in the Room*).
    pub const MEETING: Step = Step(5);
    /// Evaluation of the meeting and a plan of approach.
    pub const PLAN: Step = Step(6);
    pub const ALL: [Step; 6] = [Step(1), Step(2), Step(3), Step(4), Step(5), Step(6)];

    pub fn new(number: u8) -> Option<Step> {
        (1..=6).contains(&number).then_some(Step(number))
    }

    pub fn number(self) -> u8 {
        self.0
    }

    /// The step as the user interface names it.
    pub fn label_nl(self) -> &'static str {
        match self.0 {
            1 => "Aanmelding",
            2 => "Zorg op de huidige plek passend maken",
            3 => "Zoeken naar een nieuwe plek",
            4 => "Mogelijkheden verkennen",
            5 => "Bijeenkomst met alle betrokkenen",
            _ => "Evaluatie en plan van aanpak",
        }
    }
}

impl TryFrom<u8> for Step {
    type Error = String;

    fn try_from(number: u8) -> Result<Step, String> {
        Step::new(number).ok_or_else(|| format!("step {number} does not exist; the steps are 1 to 6"))
    }
}

impl From<Step> for u8 {
    fn from(step: Step) -> u8 {
        step.0
    }
}

impl std::fmt::Display for Step {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}
