//! The access policy: the one module that decides what an actor may see and
//! do. Handlers ask it before they read or write; list queries take the
//! [`ClientScope`] it computes, so a list can only contain visible clients.
//!
//! The rules (issue 3, `users.md`):
//! - a zorgkantoor mediator sees the clients living in its regions and may run
//!   every command on them except the dossierhouder's own (returning an
//!   allocation, asking to refuse care);
//! - a provider's care mediator sees the clients allocated to its AGB code,
//!   placed at one of its locations or waiting for it or one of its locations;
//!   it acts as dossierhouder (first contact, status, care refusal request,
//!   care end) only for its own clients and makes, records and admits offers
//!   only for its own locations;
//! - an OCO sees the clients who consented to its organisation, reads and
//!   writes notes for everyone, and runs no command;
//! - an analyst sees aggregate figures only, never a client.
//!
//! The supply register and the matcher (issue 4):
//! - everyone signed in reads the supply register (organisations, not persons);
//! - a provider reports free places, closes and reopens waiting lists and
//!   records the context of its own locations only;
//! - a zorgkantoor records providers' contracts;
//! - the places that fit a client are shown to whoever may see the client;
//! - the persons who fit a location are asked by its provider or by a
//!   zorgkantoor, and each person is shown only to who may see them;
//! - a region's planning proposal names persons: its zorgkantoor only.
//!
//! Complex cases and signals (issue 5): see [`complex`].

use passend_domain::case::{CaseCommand, CaseSummary, ListTarget, SupplyLookup};
use passend_domain::codes::Region;
use passend_domain::ids::{AgbCode, LocationId};
use passend_domain::note::Party;
use passend_domain::supply::SupplyDirectory;
use passend_store::ClientScope;

use crate::actor::{Actor, Role};

/// Why the policy said no, in English (logs, API) and Dutch (interface).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Denied {
    #[error("this client is not visible to you")]
    NotVisible,
    #[error("your role ({role}) may not {action}")]
    RoleMayNot { role: &'static str, action: &'static str },
    #[error("only provider {provider} may do this for itself")]
    OtherProvider { provider: AgbCode },
    #[error("only the dossierhouder may do this")]
    NotDossierhouder,
    #[error("location is not one of your own locations")]
    NotOwnLocation,
    #[error("your role sees aggregate figures only")]
    AggregatesOnly,
    #[error("region {0} is not one of your regions")]
    OtherRegion(&'static str),
}

impl Denied {
    pub fn message_nl(&self) -> String {
        match self {
            Denied::NotVisible => "U heeft geen toegang tot deze cliënt.".to_string(),
            Denied::RoleMayNot { action, .. } => format!("Uw rol mag dit niet: {}.", action_nl(action)),
            Denied::OtherProvider { provider } => format!("Alleen aanbieder {provider} kan dit voor zichzelf doen."),
            Denied::NotDossierhouder => "Alleen de dossierhouder kan dit doen.".to_string(),
            Denied::NotOwnLocation => "Deze locatie is niet een van uw eigen locaties.".to_string(),
            Denied::AggregatesOnly => "Uw rol ziet alleen geaggregeerde cijfers, geen cliënten.".to_string(),
            Denied::OtherRegion(region) => format!("Regio {region} is niet een van uw regio's."),
        }
    }
}

fn action_nl(action: &str) -> &'static str {
    match action {
        "run commands" => "wijzigingen in een dossier vastleggen",
        "record this command" => "deze wijziging vastleggen",
        "see the alert inbox" => "de werkvoorraad bekijken",
        "see region figures" => "de cijfers van deze regio bekijken",
        "write notes" => "notities schrijven",
        "change the supply register" => "het aanbod van een locatie wijzigen",
        "record contracts" => "contracten vastleggen",
        "see matching persons" => "passende cliënten voor een plaats bekijken",
        "see the planning proposal" => "het plaatsingsvoorstel bekijken",
        "open a complex case" => "een complexe casus openen",
        "record this in the complex case" => "dit vastleggen in de complexe casus",
        "keep the signals register" => "het signalenregister bijhouden",
        _ => "deze handeling uitvoeren",
    }
}

/// The clients an actor may see, as a store query scope.
pub fn client_scope(actor: &Actor, supply: &SupplyDirectory) -> ClientScope {
    match &actor.role {
        Role::Zorgkantoor { regions } => ClientScope::Regions(regions.clone()),
        Role::Aanbieder { agb } => ClientScope::Provider {
            agb: *agb,
            locations: supply.locations().filter(|location| location.provider == *agb).map(|l| l.id).collect(),
        },
        Role::Oco { oco } => ClientScope::Oco(*oco),
        Role::Analist => ClientScope::Nobody,
    }
}

/// Whether the actor may see this client's case at all.
pub fn may_see(actor: &Actor, summary: &CaseSummary, supply: &SupplyDirectory) -> Result<(), Denied> {
    let visible = match &actor.role {
        Role::Zorgkantoor { regions } => regions.contains(&summary.region),
        Role::Aanbieder { agb } => provider_sees(*agb, summary, supply),
        Role::Oco { oco } => summary.oco_consent == Some(*oco),
        Role::Analist => return Err(Denied::AggregatesOnly),
    };
    if visible { Ok(()) } else { Err(Denied::NotVisible) }
}

fn provider_sees(agb: AgbCode, summary: &CaseSummary, supply: &SupplyDirectory) -> bool {
    let own_location = |location| supply.provider_of(location) == Some(agb);
    summary.dossierhouder == Some(agb)
        || summary.placed_at.is_some_and(own_location)
        || summary.preferences.iter().any(|target| match *target {
            ListTarget::Provider(provider) => provider == agb,
            ListTarget::Location(location) => own_location(location),
        })
}

/// Whether the actor may record `command` on this (visible) client's case.
/// The domain's own rules (`decide`) still apply afterwards; this decides
/// only who may ask.
pub fn may_command(
    actor: &Actor,
    summary: &CaseSummary,
    command: &CaseCommand,
    supply: &SupplyDirectory,
) -> Result<(), Denied> {
    may_see(actor, summary, supply)?;
    match &actor.role {
        Role::Zorgkantoor { .. } => match command {
            CaseCommand::ReturnAllocation { .. } | CaseCommand::RequestCareRefusal { .. } => {
                Err(Denied::RoleMayNot { role: "zorgkantoor", action: "record this command" })
            }
            _ => Ok(()),
        },
        Role::Aanbieder { agb } => {
            let itself = |provider: AgbCode| {
                if provider == *agb { Ok(()) } else { Err(Denied::OtherProvider { provider }) }
            };
            let dossierhouder =
                || if summary.dossierhouder == Some(*agb) { Ok(()) } else { Err(Denied::NotDossierhouder) };
            let own_location = |location| {
                if supply.provider_of(location) == Some(*agb) { Ok(()) } else { Err(Denied::NotOwnLocation) }
            };
            match command {
                CaseCommand::RegisterFirstContact { provider }
                | CaseCommand::ReturnAllocation { provider }
                | CaseCommand::RequestCareRefusal { provider, .. } => itself(*provider),
                CaseCommand::SetWaitStatus { .. }
                | CaseCommand::ContentWithCurrent
                | CaseCommand::EndCare { .. }
                | CaseCommand::RecordLivingProfile(_) => dossierhouder(),
                CaseCommand::MakeOffer { location }
                | CaseCommand::RefuseOffer { location, .. }
                | CaseCommand::AcceptOffer { location }
                | CaseCommand::Admit { location, .. } => own_location(*location),
                CaseCommand::RegisterClient(_)
                | CaseCommand::RecordIndication { .. }
                | CaseCommand::Allocate { .. }
                | CaseCommand::DecideCareRefusal { .. }
                | CaseCommand::RecordOcoConsent { .. } => {
                    Err(Denied::RoleMayNot { role: "aanbieder", action: "record this command" })
                }
            }
        }
        Role::Oco { .. } => Err(Denied::RoleMayNot { role: "oco", action: "run commands" }),
        Role::Analist => Err(Denied::AggregatesOnly),
    }
}

/// Whether the actor may register a new client living in `region`.
pub fn may_register_client(actor: &Actor, region: Region) -> Result<(), Denied> {
    match &actor.role {
        Role::Zorgkantoor { regions } if regions.contains(&region) => Ok(()),
        Role::Zorgkantoor { .. } => Err(Denied::NotVisible),
        role => Err(Denied::RoleMayNot { role: role.token(), action: "record this command" }),
    }
}

/// The party the actor speaks for in this client's notes, if any: the
/// zorgkantoor, the dossierhouder (not any provider that sees the client) or
/// the consented OCO.
pub fn note_party(actor: &Actor, summary: &CaseSummary, supply: &SupplyDirectory) -> Result<Party, Denied> {
    may_see(actor, summary, supply)?;
    match &actor.role {
        Role::Zorgkantoor { .. } => Ok(Party::Zorgkantoor),
        Role::Aanbieder { agb } if summary.dossierhouder == Some(*agb) => Ok(Party::Dossierhouder),
        Role::Aanbieder { .. } => Err(Denied::NotDossierhouder),
        Role::Oco { .. } => Ok(Party::Oco),
        Role::Analist => Err(Denied::AggregatesOnly),
    }
}

/// The alert inbox an actor may see: the regions and provider to filter on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InboxScope {
    Regions(Vec<Region>),
    Provider(AgbCode),
}

pub fn inbox_scope(actor: &Actor) -> Result<InboxScope, Denied> {
    match &actor.role {
        Role::Zorgkantoor { regions } => Ok(InboxScope::Regions(regions.clone())),
        Role::Aanbieder { agb } => Ok(InboxScope::Provider(*agb)),
        Role::Oco { .. } => Err(Denied::RoleMayNot { role: "oco", action: "see the alert inbox" }),
        Role::Analist => Err(Denied::AggregatesOnly),
    }
}

/// Whether the actor may see the aggregate figures of a region: its own
/// regions for a zorgkantoor, every region for an analyst.
pub fn may_see_region_figures(actor: &Actor, region: Region) -> Result<(), Denied> {
    match &actor.role {
        Role::Zorgkantoor { regions } if regions.contains(&region) => Ok(()),
        Role::Analist => Ok(()),
        role => Err(Denied::RoleMayNot { role: role.token(), action: "see region figures" }),
    }
}

/// The regions whose figures the actor may see.
pub fn figure_regions(actor: &Actor) -> Vec<Region> {
    match &actor.role {
        Role::Zorgkantoor { regions } => regions.clone(),
        Role::Analist => Region::all().collect(),
        Role::Aanbieder { .. } | Role::Oco { .. } => Vec::new(),
    }
}

/// Whether the actor may change the register of `location`: its free
/// places, its waiting list's closure and its context. The provider's own
/// report is what binds; nobody reports for another.
pub fn may_manage_location(actor: &Actor, location: LocationId, supply: &SupplyDirectory) -> Result<(), Denied> {
    match &actor.role {
        Role::Aanbieder { agb } if supply.provider_of(location) == Some(*agb) => Ok(()),
        Role::Aanbieder { .. } => Err(Denied::NotOwnLocation),
        role => Err(Denied::RoleMayNot { role: role.token(), action: "change the supply register" }),
    }
}

/// Whether the actor may record a provider's contract: the zorgkantoren contract.
pub fn may_record_contract(actor: &Actor) -> Result<(), Denied> {
    match &actor.role {
        Role::Zorgkantoor { .. } => Ok(()),
        role => Err(Denied::RoleMayNot { role: role.token(), action: "record contracts" }),
    }
}

/// Whether the actor may ask which waiting persons fit `location`: its
/// provider or a zorgkantoor. Each person is then shown only after
/// [`may_see`].
pub fn may_rank_persons_for(actor: &Actor, location: LocationId, supply: &SupplyDirectory) -> Result<(), Denied> {
    match &actor.role {
        Role::Zorgkantoor { .. } => Ok(()),
        Role::Aanbieder { agb } if supply.provider_of(location) == Some(*agb) => Ok(()),
        Role::Aanbieder { .. } => Err(Denied::NotOwnLocation),
        role => Err(Denied::RoleMayNot { role: role.token(), action: "see matching persons" }),
    }
}

/// Whether the actor may see the planning proposal of `region`: it names
/// persons, so only the region's zorgkantoor.
pub fn may_see_proposal(actor: &Actor, region: Region) -> Result<(), Denied> {
    match &actor.role {
        Role::Zorgkantoor { regions } if regions.contains(&region) => Ok(()),
        Role::Zorgkantoor { .. } => Err(Denied::OtherRegion(region.name())),
        role => Err(Denied::RoleMayNot { role: role.token(), action: "see the planning proposal" }),
    }
}

mod complex;
#[cfg(test)]
mod tests;

pub use complex::{complex_party, may_command_complex, may_keep_signals, may_open_complex_case, speaks_for};
