//! A JSON document as a tree that keeps every key of an object, in order,
//! repeated keys included.
//!
//! `serde_json::Value` keeps only the last of two equal keys, so a file with
//! `"client"` twice would silently run with the second value. The scenario
//! format makes a repeated key invalid (`scenarios/README.md`, "Format": "A key
//! twice in one object is invalid"), and the validator wants to say *where*
//! the repetition is. So this tree keeps objects as lists of entries and the
//! validator checks them when it reads each object.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// One JSON value. Numbers keep whether they were written as integers: the
/// format asks for integers in some places (`capacity`, `ground`), and `40.0`
/// is not one.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Json {
    Null,
    Bool(bool),
    /// A number written without fraction or exponent; wide enough for any
    /// `u64` and any `i64`.
    Integer(i128),
    /// Any other number.
    Float(f64),
    String(String),
    Array(Vec<Json>),
    /// The entries in file order, repeated keys kept.
    Object(Vec<(String, Json)>),
}

impl Json {
    /// Parses a JSON text. Syntax errors carry serde_json's line and column.
    pub(crate) fn parse(text: &str) -> Result<Json, serde_json::Error> {
        serde_json::from_str(text)
    }

    /// What kind of value this is, for error messages: "a string", "null" …
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Integer(_) => "an integer",
            Json::Float(_) => "a number with a fraction or exponent",
            Json::String(_) => "a string",
            Json::Array(_) => "a list",
            Json::Object(_) => "an object",
        }
    }
}

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Json, D::Error> {
        deserializer.deserialize_any(JsonVisitor)
    }
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_none<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Json, D::Error> {
        Json::deserialize(deserializer)
    }

    fn visit_bool<E>(self, value: bool) -> Result<Json, E> {
        Ok(Json::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Json, E> {
        Ok(Json::Integer(i128::from(value)))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Json, E> {
        Ok(Json::Integer(i128::from(value)))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Json, E> {
        Ok(Json::Float(value))
    }

    fn visit_str<E>(self, value: &str) -> Result<Json, E> {
        Ok(Json::String(value.to_string()))
    }

    fn visit_string<E>(self, value: String) -> Result<Json, E> {
        Ok(Json::String(value))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut sequence: A) -> Result<Json, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = sequence.next_element()? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
        let mut entries = Vec::new();
        while let Some((key, value)) = map.next_entry::<String, Json>()? {
            entries.push((key, value));
        }
        Ok(Json::Object(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_keys_are_kept_in_order() {
        let json = Json::parse(r#"{"a": 1, "b": [true, null], "a": "x"}"#).unwrap();
        assert_eq!(
            json,
            Json::Object(vec![
                ("a".into(), Json::Integer(1)),
                ("b".into(), Json::Array(vec![Json::Bool(true), Json::Null])),
                ("a".into(), Json::String("x".into())),
            ])
        );
    }

    #[test]
    fn integers_and_other_numbers_are_told_apart() {
        assert_eq!(Json::parse("40").unwrap(), Json::Integer(40));
        assert_eq!(Json::parse("-3").unwrap(), Json::Integer(-3));
        assert_eq!(Json::parse("18446744073709551615").unwrap(), Json::Integer(i128::from(u64::MAX)));
        assert_eq!(Json::parse("40.0").unwrap(), Json::Float(40.0));
        assert_eq!(Json::parse("4e1").unwrap(), Json::Float(40.0));
    }

    #[test]
    fn syntax_errors_are_errors() {
        assert!(Json::parse(r#"{"a": }"#).is_err());
        assert!(Json::parse(r#"{"a": 1} trailing"#).is_err());
        assert!(Json::parse("").is_err());
    }
}
