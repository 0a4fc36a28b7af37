//! Reading what the system shows through the service's projections, in the
//! file's terms, and comparing it with an expectation.
//!
//! Expected and actual values are both written as JSON in the file's own
//! terms — scenario ids, tokens, ISO dates — so that comparing is equality
//! and the report shows both the same way. Alerts compare as sets ("the exact
//! set of open alerts"); every other value, lists included, exactly.

use jiff::civil::Date;
use passend_domain::case::CaseView;
use passend_domain::codes::{Region, WaitStatus};
use serde_json::{Map, Value};

use super::world::World;
use crate::Check;
use crate::model::{ClientKey, Expectation};

/// The checks of one expectation step as of its day `on`.
pub(crate) fn checks(world: &World, index: usize, on: Date, expectation: &Expectation) -> Vec<Check> {
    match expectation {
        Expectation::Client { client, keys } => client_checks(world, index, on, client, keys),
        Expectation::WaitingOrder { location, clients } => vec![waiting_order_check(world, index, location, clients)],
        Expectation::WaitingPersons { region, counts } => {
            vec![waiting_persons_check(world, index, *region, counts)]
        }
    }
}

fn client_checks(world: &World, index: usize, on: Date, client: &str, keys: &[ClientKey]) -> Vec<Check> {
    let view = world.client(client).and_then(|id| {
        let summary = world.service.summary(id).map_err(|error| error.to_string())?;
        // Every client is registered before the first step, so a summary
        // exists; without one the case has no events: every value empty.
        Ok(summary.map_or_else(empty_view, |summary| summary.view(on)))
    });
    keys.iter()
        .map(|key| {
            let expected = expected_value(key);
            match &view {
                Ok(view) => {
                    let actual = actual_value(world, view, key);
                    let ok = match key {
                        ClientKey::Alerts(_) => as_set(&expected) == as_set(&actual),
                        _ => expected == actual,
                    };
                    Check { step: Some(index), key: key.name().to_string(), ok, expected, actual, note: None }
                }
                Err(error) => Check::broken(Some(index), key.name(), expected, error.clone()),
            }
        })
        .collect()
}

/// The waiting clients of a location (or its provider) in the default order.
fn waiting_order_check(world: &World, index: usize, location: &str, clients: &[String]) -> Check {
    let expected = Value::from(clients.to_vec());
    let entries =
        world.location(location).and_then(|id| world.service.waiting_list(id).map_err(|error| error.to_string()));
    match entries {
        Ok(entries) => {
            let actual = Value::from(entries.iter().map(|entry| world.client_name(entry.client)).collect::<Vec<_>>());
            Check {
                step: Some(index),
                key: "waiting_order".into(),
                ok: expected == actual,
                expected,
                actual,
                note: None,
            }
        }
        Err(error) => Check::broken(Some(index), "waiting_order", expected, error),
    }
}

/// Distinct waiting persons of a region, for the statuses the file names only.
fn waiting_persons_check(world: &World, index: usize, region: Region, counts: &[(WaitStatus, u64)]) -> Check {
    let expected = counts_object(counts.iter().copied());
    match world.service.region_waiting_persons(region) {
        Ok(persons) => {
            let actual = counts_object(counts.iter().map(|(status, _)| (*status, u64::from(persons.get(*status)))));
            Check {
                step: Some(index),
                key: "waiting_persons".into(),
                ok: expected == actual,
                expected,
                actual,
                note: None,
            }
        }
        Err(error) => Check::broken(Some(index), "waiting_persons", expected, error.to_string()),
    }
}

fn counts_object(counts: impl Iterator<Item = (WaitStatus, u64)>) -> Value {
    Value::Object(counts.map(|(status, count)| (status.token().to_string(), Value::from(count))).collect::<Map<_, _>>())
}

/// The view of a case with no events: "every value null, `refusals` 0, lists empty".
fn empty_view() -> CaseView {
    CaseView {
        dossierhouder: None,
        first_contact_due: None,
        status: None,
        classification: None,
        status_since: None,
        waiting_since: None,
        waiting_days: None,
        norm_due: None,
        refusals: 0,
        on_lists: Vec::new(),
        placed_at: None,
        alerts: Vec::new(),
    }
}

fn expected_value(key: &ClientKey) -> Value {
    match key {
        ClientKey::Dossierhouder(provider) => Value::from(provider.clone()),
        ClientKey::FirstContactDue(day)
        | ClientKey::StatusSince(day)
        | ClientKey::WaitingSince(day)
        | ClientKey::NormDue(day) => date_value(*day),
        ClientKey::Status(status) => Value::from(status.map(WaitStatus::token)),
        ClientKey::Classification(classification) => Value::from(classification.map(|value| value.token())),
        ClientKey::WaitingDays(days) => Value::from(*days),
        ClientKey::Refusals(refusals) => Value::from(*refusals),
        ClientKey::OnLists(references) => {
            Value::from(references.iter().map(|reference| reference.id().to_string()).collect::<Vec<_>>())
        }
        ClientKey::PlacedAt(location) => Value::from(location.clone()),
        ClientKey::Alerts(alerts) => Value::from(alerts.iter().map(|alert| alert.token()).collect::<Vec<_>>()),
    }
}

fn actual_value(world: &World, view: &CaseView, key: &ClientKey) -> Value {
    match key {
        ClientKey::Dossierhouder(_) => Value::from(view.dossierhouder.map(|agb| world.provider_name(agb))),
        ClientKey::FirstContactDue(_) => date_value(view.first_contact_due),
        ClientKey::Status(_) => Value::from(view.status.map(WaitStatus::token)),
        ClientKey::Classification(_) => Value::from(view.classification.map(|value| value.token())),
        ClientKey::StatusSince(_) => date_value(view.status_since),
        ClientKey::WaitingSince(_) => date_value(view.waiting_since),
        ClientKey::WaitingDays(_) => Value::from(view.waiting_days.map(i64::from)),
        ClientKey::NormDue(_) => date_value(view.norm_due),
        ClientKey::Refusals(_) => Value::from(u64::from(view.refusals)),
        ClientKey::OnLists(_) => {
            Value::from(view.on_lists.iter().map(|target| world.list_target_name(*target)).collect::<Vec<_>>())
        }
        ClientKey::PlacedAt(_) => Value::from(view.placed_at.map(|location| world.location_name(location))),
        ClientKey::Alerts(_) => Value::from(view.alerts.iter().map(|alert| alert.token()).collect::<Vec<_>>()),
    }
}

fn date_value(day: Option<Date>) -> Value {
    Value::from(day.map(|day| day.to_string()))
}

/// A list of strings as a sorted set, for comparing alerts.
fn as_set(value: &Value) -> Vec<String> {
    let mut items: Vec<String> =
        value.as_array().into_iter().flatten().filter_map(|item| item.as_str().map(str::to_string)).collect();
    items.sort();
    items.dedup();
    items
}
