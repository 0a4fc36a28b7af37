//! The default order of a location's waiting list.
//!
//! The provider decides priority on its own list (seed 002, step 4: the
//! zorgkantoor mediates but does not decide who goes first), so this is only a
//! suggestion. `scenarios/README.md`, "Ordering": `urgent_plaatsen`, then
//! `actief_plaatsen` with classification `voorkeuraanbieder_leidend` (the
//! classification decides, however it was set), then other `actief_plaatsen`,
//! then `wacht_op_voorkeur`, then `wacht_uit_voorzorg`; within a group by
//! `waiting_since`, oldest first, then by registration order. Seed 000 slide
//! 16 gives the second group its place: "Deze cliënten gaan in principe voor op
//! cliënten met de status Actief plaatsen die geen tijdelijke oplossing hoefden
//! te accepteren."

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::codes::{Classification, WaitStatus};
use crate::ids::ClientId;

/// The groups of the default order, first group first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderGroup {
    Urgent,
    ActiefPreferredProviderLeading,
    Actief,
    WachtOpVoorkeur,
    WachtUitVoorzorg,
}

impl OrderGroup {
    /// Every group, first group first: a group's index is its rank.
    pub const ALL: [OrderGroup; 5] = [
        OrderGroup::Urgent,
        OrderGroup::ActiefPreferredProviderLeading,
        OrderGroup::Actief,
        OrderGroup::WachtOpVoorkeur,
        OrderGroup::WachtUitVoorzorg,
    ];
}

pub fn order_group(status: WaitStatus, classification: Option<Classification>) -> OrderGroup {
    match status {
        WaitStatus::UrgentPlaatsen => OrderGroup::Urgent,
        WaitStatus::ActiefPlaatsen if classification == Some(Classification::VoorkeuraanbiederLeidend) => {
            OrderGroup::ActiefPreferredProviderLeading
        }
        WaitStatus::ActiefPlaatsen => OrderGroup::Actief,
        WaitStatus::WachtOpVoorkeur => OrderGroup::WachtOpVoorkeur,
        WaitStatus::WachtUitVoorzorg => OrderGroup::WachtUitVoorzorg,
    }
}

/// Sorts a waiting list: compare keys to order clients. Client ids are
/// registration numbers, so the last field is the registration order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct WaitingOrderKey {
    pub group: OrderGroup,
    pub waiting_since: Date,
    pub client: ClientId,
}
