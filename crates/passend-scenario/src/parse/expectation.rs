//! Expectation steps (`scenarios/README.md`, "Expectations"): `client` plus
//! any of the twelve keys, or `location` + `waiting_order`, or `region` +
//! `waiting_persons`. An expected value of the wrong type, an unknown id or
//! alert code, a code instead of a token, or the same alert twice makes the
//! file invalid; an expectation step takes no `expect_error`.

use passend_domain::case::alerts::AlertKind;
use passend_domain::codes::WaitStatus;

use super::codes;
use super::ids::{IdKind, Ids};
use super::reader::{Object, Value};
use crate::InvalidFile;
use crate::model::{ClientKey, Expectation};

/// Reads a step that has an `expect` key; `on` is read by the caller.
pub(crate) fn expectation_step(step: &Object<'_>, ids: &Ids) -> Result<Expectation, InvalidFile> {
    if step.has("expect_error") {
        return Err(step
            .place()
            .key("expect_error")
            .invalid("`expect_error` belongs to event steps; an expectation step takes none"));
    }
    step.allow_only(&["on", "expect"], "an expectation step")?;
    let expect = Object::read(&step.required("expect")?)?;
    if expect.has("client") {
        client_expectation(&expect, ids)
    } else if expect.has("location") {
        expect.allow_only(&["location", "waiting_order"], "a waiting-order expectation")?;
        let location = ids.one(&expect.required("location")?, IdKind::Location)?;
        let clients = ids.list(&expect.required("waiting_order")?, IdKind::Client)?;
        Ok(Expectation::WaitingOrder { location, clients })
    } else if expect.has("region") {
        expect.allow_only(&["region", "waiting_persons"], "a waiting-persons expectation")?;
        let region = codes::region(&expect.required("region")?)?;
        let counts = waiting_persons(&expect.required("waiting_persons")?)?;
        Ok(Expectation::WaitingPersons { region, counts })
    } else {
        Err(expect.place().invalid(
            "an expectation holds `client` and the keys to check, `location` and `waiting_order`, or `region` and `waiting_persons`",
        ))
    }
}

fn client_expectation(expect: &Object<'_>, ids: &Ids) -> Result<Expectation, InvalidFile> {
    let mut allowed = vec!["client"];
    allowed.extend_from_slice(&ClientKey::NAMES);
    expect.allow_only(&allowed, "an expectation about a client")?;
    let client = ids.one(&expect.required("client")?, IdKind::Client)?;
    let mut keys = Vec::new();
    for key in expect.keys().filter(|key| *key != "client") {
        keys.push(client_key(key, expect.required(key)?, ids)?);
    }
    Ok(Expectation::Client { client, keys })
}

/// One expected value; `null` is a value here ("expected to be null"), not an omission.
fn client_key(key: &str, value: Value<'_>, ids: &Ids) -> Result<ClientKey, InvalidFile> {
    let nullable = value.clone().unless_null();
    Ok(match key {
        "dossierhouder" => ClientKey::Dossierhouder(ids.one_or_null(&value, IdKind::Provider)?),
        "first_contact_due" => ClientKey::FirstContactDue(nullable.map(|value| value.date()).transpose()?),
        "status" => ClientKey::Status(nullable.map(|value| codes::wait_status(&value)).transpose()?),
        "classification" => {
            ClientKey::Classification(nullable.map(|value| codes::classification_token(&value)).transpose()?)
        }
        "status_since" => ClientKey::StatusSince(nullable.map(|value| value.date()).transpose()?),
        "waiting_since" => ClientKey::WaitingSince(nullable.map(|value| value.date()).transpose()?),
        "waiting_days" => ClientKey::WaitingDays(
            nullable
                .map(|value| value.integer(i128::from(i64::MIN), i128::from(i64::MAX)).map(|days| days as i64))
                .transpose()?,
        ),
        "norm_due" => ClientKey::NormDue(nullable.map(|value| value.date()).transpose()?),
        "refusals" => ClientKey::Refusals(value.integer(0, i128::from(u32::MAX))? as u64),
        "on_lists" => ClientKey::OnLists(ids.preference_list(&value)?),
        "placed_at" => ClientKey::PlacedAt(ids.one_or_null(&value, IdKind::Location)?),
        "alerts" => ClientKey::Alerts(alerts(&value)?),
        other => return Err(value.place.invalid(format!("unknown key `{other}` in an expectation about a client"))),
    })
}

/// A list of alert codes, each at most once (alerts compare as a set).
fn alerts(value: &Value<'_>) -> Result<Vec<AlertKind>, InvalidFile> {
    let mut alerts = Vec::new();
    for item in value.list()? {
        let alert = codes::alert(&item)?;
        if alerts.contains(&alert) {
            return Err(item.place.invalid(format!("the alert `{}` appears twice in this list", alert.token())));
        }
        alerts.push(alert);
    }
    Ok(alerts)
}

/// An object from status token to a count of persons ≥ 0.
fn waiting_persons(value: &Value<'_>) -> Result<Vec<(WaitStatus, u64)>, InvalidFile> {
    let object = Object::read(value)?;
    let mut counts = Vec::new();
    for key in object.keys() {
        let count = object.required(key)?;
        let status = WaitStatus::parse_token(key).map_err(|error| count.place.invalid(error.to_string()))?;
        counts.push((status, count.integer(0, i128::from(u32::MAX))? as u64));
    }
    Ok(counts)
}
