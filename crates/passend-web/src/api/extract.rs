//! The API's own extractors for what is not the body: the case version in
//! `If-Match`, typed path parameters and hand-parsed query strings. Each
//! fails with a problem that names the header, parameter or field, never with
//! axum's plain-text rejections.

use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use passend_domain::InvalidValue;
use passend_domain::codes::Region;
use passend_domain::ids::{AgbCode, ClientId, ComplexCaseId, LocationId, SignalId};

use crate::problem::ApiError;

/// The case version a command was based on, from `If-Match: "<version>"`.
/// Commands without it are refused with 428: a write that does not say which
/// version it saw could silently overwrite someone else's change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IfMatch(pub u32);

impl<S: Send + Sync> FromRequestParts<S> for IfMatch {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<IfMatch, ApiError> {
        let value = parts.headers.get(header::IF_MATCH).ok_or(ApiError::PreconditionRequired)?;
        let text = value.to_str().map_err(|_| bad_if_match("(not text)"))?;
        parse_version(text).map(IfMatch).ok_or_else(|| bad_if_match(text))
    }
}

/// Reads `"12"`, `12` or `W/"12"`: the quotes of an entity tag are optional
/// because hand-written clients often leave them out.
fn parse_version(text: &str) -> Option<u32> {
    let text = text.trim();
    let text = text.strip_prefix("W/").unwrap_or(text);
    let text = text.strip_prefix('"').and_then(|rest| rest.strip_suffix('"')).unwrap_or(text);
    if text.is_empty() || !text.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

fn bad_if_match(text: &str) -> ApiError {
    ApiError::BadInput {
        status: StatusCode::BAD_REQUEST,
        field: "If-Match".to_string(),
        detail: format!("If-Match {text:?} is not a case version; send the ETag of the case, e.g. \"12\""),
        detail_nl: format!("If-Match {text:?} is geen dossierversie; stuur de ETag van het dossier mee, zoals \"12\"."),
    }
}

/// A value that can stand in a path segment, with the parameter's name for
/// the problem a bad value gets.
pub trait PathValue: Sized {
    const NAME: &'static str;
    fn parse_path(text: &str) -> Result<Self, ApiError>;
}

/// One typed path parameter. Every API route has at most one.
#[derive(Debug, Clone, Copy)]
pub struct PathParam<T>(pub T);

impl<S: Send + Sync, T: PathValue> FromRequestParts<S> for PathParam<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<PathParam<T>, ApiError> {
        let Path(text) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|error| bad_path(T::NAME, &error.body_text()))?;
        T::parse_path(&text).map(PathParam)
    }
}

fn bad_path(name: &str, detail: &str) -> ApiError {
    ApiError::BadInput {
        status: StatusCode::BAD_REQUEST,
        field: name.to_string(),
        detail: format!("path parameter {name}: {detail}"),
        detail_nl: format!("De parameter {name} in het adres klopt niet: {detail}"),
    }
}

/// A passend number (client, location): digits, at least 1.
fn number(name: &str, text: &str) -> Result<u32, ApiError> {
    match text.parse::<u32>() {
        Ok(number) if number > 0 && text.bytes().all(|byte| byte.is_ascii_digit()) => Ok(number),
        _ => Err(bad_path(name, &format!("{text:?} is not a number of 1 or more"))),
    }
}

impl PathValue for ClientId {
    const NAME: &'static str = "client";
    fn parse_path(text: &str) -> Result<ClientId, ApiError> {
        number(Self::NAME, text).map(ClientId)
    }
}

impl PathValue for LocationId {
    const NAME: &'static str = "location";
    fn parse_path(text: &str) -> Result<LocationId, ApiError> {
        number(Self::NAME, text).map(LocationId)
    }
}

impl PathValue for ComplexCaseId {
    const NAME: &'static str = "case";
    fn parse_path(text: &str) -> Result<ComplexCaseId, ApiError> {
        number(Self::NAME, text).map(ComplexCaseId)
    }
}

impl PathValue for SignalId {
    const NAME: &'static str = "signal";
    fn parse_path(text: &str) -> Result<SignalId, ApiError> {
        number(Self::NAME, text).map(SignalId)
    }
}

impl PathValue for AgbCode {
    const NAME: &'static str = "agb";
    fn parse_path(text: &str) -> Result<AgbCode, ApiError> {
        AgbCode::parse(text).map_err(|error| invalid_path(Self::NAME, &error))
    }
}

impl PathValue for Region {
    const NAME: &'static str = "region";
    fn parse_path(text: &str) -> Result<Region, ApiError> {
        Region::parse(text).map_err(|error| invalid_path(Self::NAME, &error))
    }
}

fn invalid_path(name: &str, error: &InvalidValue) -> ApiError {
    ApiError::BadInput {
        status: StatusCode::BAD_REQUEST,
        field: name.to_string(),
        detail: error.to_string(),
        detail_nl: error.message_nl(),
    }
}

/// A query string read by hand: every parameter must be one the route knows
/// (a typo such as `stauts=` would otherwise silently return everything),
/// appear once, and parse; each error names the parameter.
#[derive(Debug, Default)]
pub struct QueryParams {
    pairs: Vec<(String, String)>,
}

impl QueryParams {
    /// Reads a raw query string, allowing only the `known` parameters.
    pub fn parse(raw: Option<&str>, known: &[&str]) -> Result<QueryParams, ApiError> {
        let pairs: Vec<(String, String)> = match raw {
            None => Vec::new(),
            Some(raw) => serde_urlencoded::from_str(raw).map_err(|error| ApiError::BadInput {
                status: StatusCode::BAD_REQUEST,
                field: "query".to_string(),
                detail: format!("the query string does not decode: {error}"),
                detail_nl: format!("De zoekparameters in het adres kloppen niet: {error}"),
            })?,
        };
        for (index, (name, _)) in pairs.iter().enumerate() {
            if !known.contains(&name.as_str()) {
                return Err(ApiError::BadInput {
                    status: StatusCode::BAD_REQUEST,
                    field: name.clone(),
                    detail: format!("unknown query parameter {name:?}; this route knows {}", known.join(", ")),
                    detail_nl: format!("Onbekende parameter {name:?}; mogelijk zijn: {}.", known.join(", ")),
                });
            }
            if pairs[..index].iter().any(|(earlier, _)| earlier == name) {
                return Err(ApiError::BadInput {
                    status: StatusCode::BAD_REQUEST,
                    field: name.clone(),
                    detail: format!("query parameter {name:?} is given more than once"),
                    detail_nl: format!("De parameter {name:?} staat er meer dan eens in."),
                });
            }
        }
        Ok(QueryParams { pairs })
    }

    /// The value of a parameter; an empty value counts as absent, as an
    /// empty field of a search form means "no filter".
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs.iter().find(|(key, _)| key == name).map(|(_, value)| value.trim()).filter(|value| !value.is_empty())
    }

    /// A parameter parsed by one of the domain's parse functions.
    pub fn parse_with<T>(
        &self,
        name: &str,
        parse: impl FnOnce(&str) -> Result<T, InvalidValue>,
    ) -> Result<Option<T>, ApiError> {
        self.get(name).map(|value| parse(value).map_err(|error| ApiError::invalid(name, &error))).transpose()
    }

    /// `true`/`false` (or `1`/`0`, `ja`/`nee`).
    pub fn bool(&self, name: &str) -> Result<Option<bool>, ApiError> {
        self.parse_with(name, |value| match value {
            "true" | "1" | "ja" => Ok(true),
            "false" | "0" | "nee" => Ok(false),
            other => Err(InvalidValue::new("boolean", other, "must be true or false", "moet true of false zijn")),
        })
    }

    /// A whole number no larger than `max`.
    pub fn number(&self, name: &str, max: usize) -> Result<Option<usize>, ApiError> {
        self.parse_with(name, |value| {
            let too_large = || {
                InvalidValue::new(
                    "number",
                    value,
                    format!("must be a whole number from 0 to {max}"),
                    format!("moet een geheel getal van 0 tot en met {max} zijn"),
                )
            };
            match value.parse::<usize>() {
                Ok(number) if number <= max && value.bytes().all(|byte| byte.is_ascii_digit()) => Ok(number),
                _ => Err(too_large()),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_read_with_or_without_quotes() {
        assert_eq!(parse_version("\"12\""), Some(12));
        assert_eq!(parse_version("12"), Some(12));
        assert_eq!(parse_version(" W/\"3\" "), Some(3));
        assert_eq!(parse_version("\"\""), None);
        assert_eq!(parse_version("abc"), None);
        assert_eq!(parse_version("-1"), None);
        assert_eq!(parse_version("99999999999"), None);
        assert_eq!(parse_version("*"), None);
    }

    #[test]
    fn query_parameters_are_known_single_and_parsed() {
        let params = QueryParams::parse(Some("limit=20&status=&desc=true"), &["limit", "status", "desc"]).unwrap();
        assert_eq!(params.number("limit", 500).unwrap(), Some(20));
        assert_eq!(params.get("status"), None);
        assert_eq!(params.bool("desc").unwrap(), Some(true));
        let unknown = QueryParams::parse(Some("stauts=x"), &["status"]).unwrap_err();
        assert_eq!((unknown.status().as_u16(), unknown.field().as_deref()), (400, Some("stauts")));
        let twice = QueryParams::parse(Some("limit=1&limit=2"), &["limit"]).unwrap_err();
        assert_eq!(twice.field().as_deref(), Some("limit"));
        let params = QueryParams::parse(Some("limit=501"), &["limit"]).unwrap();
        assert_eq!(params.number("limit", 500).unwrap_err().field().as_deref(), Some("limit"));
    }
}
