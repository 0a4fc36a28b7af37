//! Reading codes and tokens (`scenarios/README.md`, "Codes"): the domain's
//! own parsers decide what is valid; this module picks which parser each
//! field uses and turns its error into a problem at the field.

use passend_domain::InvalidValue;
use passend_domain::case::alerts::AlertKind;
use passend_domain::codes::{
    CareEndReason, CareProfile, Classification, DeliveryForm, RefusalGround, Region, Sector, WaitStatus,
};
use passend_domain::ids::AgbCode;

use super::reader::Value;
use crate::InvalidFile;
use crate::json_tree::Json;

/// A care profile: the COD163 name or numeric code, as a string (`"5VV"`,
/// `"754"`) or an integer (`754`); 996–999 are not care profiles.
pub(crate) fn care_profile(value: &Value<'_>) -> Result<CareProfile, InvalidFile> {
    let parsed = match value.json {
        Json::String(text) => CareProfile::parse(text),
        Json::Integer(code) => match u16::try_from(*code) {
            Ok(code) => CareProfile::from_code(code),
            Err(_) => return Err(value.place.invalid(format!("{code} is not a COD163 care profile code"))),
        },
        other => return Err(value.place.wrong_type("a care profile (a string or an integer)", other)),
    };
    parsed.map_err(|error| at(value, error))
}

/// The delivery forms a scenario may name: "`verblijf`, `vpt`, `mpt`, `pgb`,
/// `dtv` (COD578 4, 5, 7, 2, 8)". The product knows more (COD578 9 *verkeerde
/// bed*), which the scenario format does not accept.
const SCENARIO_DELIVERY_FORMS: [DeliveryForm; 5] =
    [DeliveryForm::Verblijf, DeliveryForm::Vpt, DeliveryForm::Mpt, DeliveryForm::Pgb, DeliveryForm::Dtv];

/// `delivery_form`: `verblijf`, `vpt`, `mpt`, `pgb` or `dtv`, the token only.
pub(crate) fn delivery_form(value: &Value<'_>) -> Result<DeliveryForm, InvalidFile> {
    let text = value.string()?;
    match DeliveryForm::parse_token(text) {
        Ok(form) if SCENARIO_DELIVERY_FORMS.contains(&form) => Ok(form),
        _ => Err(value.place.invalid(format!(
            "delivery form {text:?} is not valid: scenarios accept only the tokens verblijf, vpt, mpt, pgb and dtv"
        ))),
    }
}

/// `status`: a COD167 token, never its number.
pub(crate) fn wait_status(value: &Value<'_>) -> Result<WaitStatus, InvalidFile> {
    WaitStatus::parse_token(value.string()?).map_err(|error| at(value, error))
}

/// `classification` in an event: the COD168 token or its two-digit code as a string.
pub(crate) fn classification_token_or_code(value: &Value<'_>) -> Result<Classification, InvalidFile> {
    Classification::parse(value.string()?).map_err(|error| at(value, error))
}

/// `classification` in an expectation: the token only ("expectations always
/// show the token"; "a code instead of a token in an expectation" is invalid).
pub(crate) fn classification_token(value: &Value<'_>) -> Result<Classification, InvalidFile> {
    let text = value.string()?;
    Classification::parse_token(text).map_err(|error| match Classification::parse(text) {
        Ok(classification) => value.place.invalid(format!(
            "an expectation names a classification by its token, not its code: write `{}` instead of \"{text}\"",
            classification.token()
        )),
        Err(_) => at(value, error),
    })
}

/// `reason` of `care_ended`: a COD172 token, never its number.
pub(crate) fn care_end_reason(value: &Value<'_>) -> Result<CareEndReason, InvalidFile> {
    CareEndReason::parse_token(value.string()?).map_err(|error| at(value, error))
}

/// `ground` of a care refusal: an integer from 1 to 4.
pub(crate) fn refusal_ground(value: &Value<'_>) -> Result<RefusalGround, InvalidFile> {
    let number = value.integer(1, 4)?;
    let number = u8::try_from(number).map_err(|_| value.place.invalid("expected an integer from 1 to 4"))?;
    RefusalGround::from_number(number).map_err(|error| at(value, error))
}

/// `region`: exactly a region's name, its COD001 code or one of its other codes.
pub(crate) fn region(value: &Value<'_>) -> Result<Region, InvalidFile> {
    Region::parse(value.string()?).map_err(|error| at(value, error))
}

/// `sector`: `VV`, `GHZ` or `GGZ`.
pub(crate) fn sector(value: &Value<'_>) -> Result<Sector, InvalidFile> {
    Sector::parse(value.string()?).map_err(|error| at(value, error))
}

/// `agb`: exactly 8 digits, as a string.
pub(crate) fn agb_code(value: &Value<'_>) -> Result<AgbCode, InvalidFile> {
    AgbCode::parse(value.string()?).map_err(|error| at(value, error))
}

/// An alert code of an expectation: one of the five the format knows.
pub(crate) fn alert(value: &Value<'_>) -> Result<AlertKind, InvalidFile> {
    let text = value.string()?;
    AlertKind::parse_token(text).ok_or_else(|| {
        let known = AlertKind::ALL.iter().map(|kind| format!("`{}`", kind.token())).collect::<Vec<_>>().join(", ");
        value.place.invalid(format!("unknown alert code {text:?}; the alerts are {known}"))
    })
}

fn at(value: &Value<'_>, error: InvalidValue) -> InvalidFile {
    value.place.invalid(error.to_string())
}
