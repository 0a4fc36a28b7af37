//! Who is asking: the person behind a request, with the role and organisation
//! that decide what they may see and do (see [`crate::policy`]).

use passend_domain::codes::Region;
use passend_domain::ids::{AgbCode, OcoId};
use serde::Serialize;

/// A signed-in person. Every handler receives one; none works without.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Actor {
    pub username: String,
    /// The name shown in the interface and in a case's timeline.
    pub display_name: String,
    pub role: Role,
}

/// What a person does, and for which organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "role", rename_all = "snake_case")]
pub enum Role {
    /// A mediator (*zorgbemiddelaar*) of a care office (*zorgkantoor*), for
    /// the regions (*zorgkantoorregio's*) that office holds.
    Zorgkantoor { regions: Vec<Region> },
    /// A care mediator of a provider (*zorgaanbieder*), identified by its AGB code.
    Aanbieder { agb: AgbCode },
    /// An independent client supporter (*onafhankelijke cliëntondersteuner*).
    Oco { oco: OcoId },
    /// An analyst or manager: aggregate figures, no personal data.
    Analist,
}

impl Role {
    /// The role's token in the API and in the event log.
    pub fn token(&self) -> &'static str {
        match self {
            Role::Zorgkantoor { .. } => "zorgkantoor",
            Role::Aanbieder { .. } => "aanbieder",
            Role::Oco { .. } => "oco",
            Role::Analist => "analist",
        }
    }

    pub fn label_nl(&self) -> &'static str {
        match self {
            Role::Zorgkantoor { .. } => "Zorgbemiddelaar zorgkantoor",
            Role::Aanbieder { .. } => "Zorgbemiddelaar aanbieder",
            Role::Oco { .. } => "Onafhankelijk cliëntondersteuner",
            Role::Analist => "Analist",
        }
    }
}

impl Actor {
    /// The actor as the event log records it: role, organisation and user,
    /// e.g. `aanbieder:47000001:jan`.
    pub fn recorded_as(&self) -> String {
        match &self.role {
            Role::Zorgkantoor { regions } => {
                let codes: Vec<String> = regions.iter().map(|region| region.cod001().to_string()).collect();
                format!("zorgkantoor:{}:{}", codes.join("+"), self.username)
            }
            Role::Aanbieder { agb } => format!("aanbieder:{agb}:{}", self.username),
            Role::Oco { oco } => format!("oco:{oco}:{}", self.username),
            Role::Analist => format!("analist:{}", self.username),
        }
    }
}
