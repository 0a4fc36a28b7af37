//! The demo accounts: one per role, chosen from the data so that each has
//! work to see — the zorgkantoor of the region with the most clients, the two
//! providers of that region with the most overdue first contacts, an OCO
//! organisation, and an analyst.

use std::collections::HashMap;

use jiff::civil::Date;
use passend_domain::case::alerts::AlertKind;
use passend_domain::codes::Region;
use passend_domain::ids::{AgbCode, OcoId};
use passend_store::{AlertQuery, ClientQuery, ClientScope, EventStore, StoreError};

use super::Accounts;
use crate::actor::{Actor, Role};
use crate::state::Service;

/// The OCO organisation of the demo account; the generator gives consents to
/// organisations 1 and 2.
pub const DEMO_OCO: OcoId = OcoId(1);

/// A demo account as printed for the person starting the demo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoAccount {
    pub username: String,
    pub role: String,
    pub description: String,
}

/// Builds the demo accounts for the data in `passend`, all with `password`.
pub fn demo_accounts(
    passend: &Service,
    today: Date,
    password: &str,
) -> Result<(Accounts, Vec<DemoAccount>), StoreError> {
    let region = busiest_region(passend)?;
    let providers = providers_with_most_overdue_contacts(passend, region, today)?;
    let provider_name = |agb: AgbCode| {
        passend.supply().provider(agb).map_or_else(|| format!("AGB {agb}"), |provider| provider.name.clone())
    };
    let mut actors = vec![Actor {
        username: "zorgkantoor".to_string(),
        display_name: format!("Bemiddelaar zorgkantoor {}", region.name()),
        role: Role::Zorgkantoor { regions: vec![region] },
    }];
    for (index, agb) in providers.iter().take(2).enumerate() {
        let username = if index == 0 { "aanbieder".to_string() } else { "aanbieder2".to_string() };
        actors.push(Actor {
            username,
            display_name: format!("Zorgbemiddelaar {}", provider_name(*agb)),
            role: Role::Aanbieder { agb: *agb },
        });
    }
    actors.push(Actor {
        username: "oco".to_string(),
        display_name: format!("Cliëntondersteuner (OCO-organisatie {DEMO_OCO})"),
        role: Role::Oco { oco: DEMO_OCO },
    });
    actors.push(Actor { username: "analist".to_string(), display_name: "Analist".to_string(), role: Role::Analist });

    let mut accounts = Accounts::default();
    let mut printed = Vec::new();
    for actor in actors {
        printed.push(DemoAccount {
            username: actor.username.clone(),
            role: actor.role.label_nl().to_string(),
            description: actor.display_name.clone(),
        });
        accounts.add(actor, password);
    }
    Ok((accounts, printed))
}

fn busiest_region(passend: &Service) -> Result<Region, StoreError> {
    let mut best: Option<(usize, Region)> = None;
    for region in Region::all() {
        let page = passend.clients(&ClientQuery::new(ClientScope::Regions(vec![region]), 0))?;
        if best.is_none_or(|(count, _)| page.total > count) {
            best = Some((page.total, region));
        }
    }
    best.map(|(_, region)| region).ok_or_else(|| StoreError::Corrupt("no regions are known".to_string()))
}

/// Providers with clients in `region`, the most overdue first contacts first;
/// providers of the region's supply make up the rest.
fn providers_with_most_overdue_contacts(
    passend: &Service,
    region: Region,
    today: Date,
) -> Result<Vec<AgbCode>, StoreError> {
    let query = AlertQuery {
        on: today,
        region: Some(region),
        kind: Some(AlertKind::FirstContactOverdue),
        provider: None,
        limit: 100_000,
    };
    let mut counts: HashMap<AgbCode, usize> = HashMap::new();
    for alert in passend.store().open_alerts(&query)? {
        if let Some(provider) = alert.provider {
            *counts.entry(provider).or_default() += 1;
        }
    }
    let mut ranked: Vec<(usize, AgbCode)> = counts.into_iter().map(|(agb, count)| (count, agb)).collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut providers: Vec<AgbCode> = ranked.into_iter().map(|(_, agb)| agb).collect();
    let supply = passend.supply();
    for provider in supply.providers().filter(|provider| provider.region == region) {
        if providers.len() >= 2 {
            break;
        }
        if !providers.contains(&provider.agb) {
            providers.push(provider.agb);
        }
    }
    Ok(providers)
}
