//! The JSON body extractor of the API: `application/json` only, at most
//! [`BODY_LIMIT`](crate::BODY_LIMIT) bytes, and every error a problem that
//! names the field (`preferences[1].location`) in English and Dutch.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{StatusCode, header};
use serde::de::DeserializeOwned;

use crate::problem::ApiError;

/// A JSON request body deserialised into `T`.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<ApiJson<T>, ApiError> {
        let is_json = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.split(';').next())
            .is_some_and(|mime| mime.trim().eq_ignore_ascii_case("application/json"));
        if !is_json {
            return Err(ApiError::BadInput {
                status: StatusCode::UNSUPPORTED_MEDIA_TYPE,
                field: "Content-Type".to_string(),
                detail: "the body must be JSON, sent as Content-Type: application/json".to_string(),
                detail_nl: "De inhoud moet JSON zijn (Content-Type: application/json).".to_string(),
            });
        }
        let bytes = Bytes::from_request(request, state).await.map_err(|_| ApiError::BadInput {
            status: StatusCode::PAYLOAD_TOO_LARGE,
            field: "body".to_string(),
            detail: format!("the body is larger than {} bytes", crate::BODY_LIMIT),
            detail_nl: format!("De inhoud is groter dan {} bytes.", crate::BODY_LIMIT),
        })?;
        parse(&bytes).map(ApiJson)
    }
}

/// Parses a JSON body, naming the field of the first error.
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let deserializer = &mut serde_json::Deserializer::from_slice(bytes);
    let value: T = serde_path_to_error::deserialize(deserializer).map_err(|error| {
        let path = error.path().to_string();
        let inner = error.into_inner();
        // A missing field is reported at its parent: name the field itself.
        let message = inner.to_string();
        let missing = message.strip_prefix("missing field `").and_then(|rest| rest.split('`').next());
        let field = match (path.as_str(), missing) {
            (".", Some(name)) => name.to_string(),
            (_, Some(name)) => format!("{path}.{name}"),
            (".", None) => "body".to_string(),
            (_, None) => path,
        };
        if inner.is_syntax() || inner.is_eof() {
            ApiError::BadInput {
                status: StatusCode::BAD_REQUEST,
                field,
                detail: format!("the body is not valid JSON: {inner}"),
                detail_nl: format!("De inhoud is geen geldige JSON: {inner}"),
            }
        } else {
            ApiError::bad_input(field.clone(), inner.to_string(), format!("Veld {field} klopt niet: {inner}"))
        }
    })?;
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Offer {
        location: u32,
        weighty_reason: Option<bool>,
    }

    fn field_of(body: &str) -> (u16, Option<String>) {
        let error = parse::<Offer>(body.as_bytes()).unwrap_err();
        (error.status().as_u16(), error.field())
    }

    #[test]
    fn errors_name_the_field() {
        assert_eq!(field_of(r#"{"location": "x"}"#), (422, Some("location".to_string())));
        assert_eq!(field_of(r#"{"location": 3, "extra": 1}"#).0, 422);
        assert_eq!(field_of(r#"{"location": 3,"#).0, 400);
        assert_eq!(field_of(r#"{}"#), (422, Some("location".to_string())));
        assert_eq!(field_of(r#"[]"#), (422, Some("body".to_string())));
        assert!(parse::<Offer>(br#"{"location": 3}"#).is_ok());
    }
}
