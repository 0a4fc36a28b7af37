//! Admission to a bridging place, and the priority it gives afterwards.
//!
//! Seed 000 (slide 16): "Iemand die oorspronkelijk de status Urgent Plaatsen of
//! Actief plaatsen had én door de urgentie van zijn situatie tijdelijk is
//! opgenomen bij een andere aanbieder, moet (opnieuw) de status Actief plaatsen
//! krijgen met classificatie Voorkeuraanbieder leidend. De DH plaatst deze
//! cliënten zo snel mogelijk. Deze cliënten gaan in principe voor op cliënten
//! met de status Actief plaatsen die geen tijdelijke oplossing hoefden te
//! accepteren. Tenzij de cliënt tevreden is met de huidige zorgaanbieder. De
//! cliënt wordt dan van de wachtlijst afgehaald bij de voorkeuraanbieder."
//!
//! Precisely (`scenarios/README.md`, "Admission"): a bridging admission puts
//! the client in bridging care wherever the place is; if the status is *urgent
//! plaatsen* or *actief plaatsen* it becomes *actief plaatsen* with
//! classification *voorkeuraanbieder leidend* that day, with the refusal count
//! reset; `waiting_since`, the preferences and the dossierhouder stay. Any other
//! status (or none) is unchanged. The priority itself is in
//! [`super::waiting_order`]; leaving the list when content is
//! `CaseEvent::ContentWithCurrent`.

use super::Waiting;
use crate::codes::WaitStatus;

/// Whether a bridging admission makes the client *actief plaatsen* with
/// classification *voorkeuraanbieder leidend*.
pub fn prioritised_after_bridging(waiting: Option<&Waiting>) -> bool {
    waiting.is_some_and(|waiting| matches!(waiting.status, WaitStatus::UrgentPlaatsen | WaitStatus::ActiefPlaatsen))
}
