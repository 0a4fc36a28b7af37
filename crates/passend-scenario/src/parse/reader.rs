//! Reading typed values out of the JSON tree, each with the place it came
//! from, so that every problem is reported with its field path.
//!
//! The format's general rules live here (`scenarios/README.md`, "Format"):
//! a key twice in one object is invalid, any other key than the allowed ones
//! is invalid, an optional field given as `null` counts as omitted, and ids,
//! names, dates and tokens are strings, `capacity`-like values integers,
//! `lat`/`lon` numbers, booleans JSON booleans.

use std::collections::HashSet;

use jiff::civil::Date;

use crate::InvalidFile;
use crate::json_tree::Json;

/// Where a value is in the file: its path and, inside `steps`, the step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Place {
    step: Option<usize>,
    path: String,
}

impl Place {
    /// The file's root object.
    pub(crate) fn root() -> Place {
        Place { step: None, path: String::new() }
    }

    /// The value under `key` of the object at this place.
    pub(crate) fn key(&self, key: &str) -> Place {
        let path = if self.path.is_empty() { key.to_string() } else { format!("{}.{key}", self.path) };
        Place { step: self.step, path }
    }

    /// The item at `index` of the list at this place.
    pub(crate) fn index(&self, index: usize) -> Place {
        Place { step: self.step, path: format!("{}[{index}]", self.path) }
    }

    /// The step at `index` of the `steps` list at this place.
    pub(crate) fn step(&self, index: usize) -> Place {
        Place { step: Some(index), ..self.index(index) }
    }

    /// A problem with the value at this place.
    pub(crate) fn invalid(&self, error: impl Into<String>) -> InvalidFile {
        InvalidFile { step: self.step, field: self.path.clone(), error: error.into() }
    }

    /// A value of the wrong type at this place.
    pub(crate) fn wrong_type(&self, expected: &str, found: &Json) -> InvalidFile {
        self.invalid(format!("expected {expected}, found {}", found.kind()))
    }
}

/// A JSON value and the place it came from.
#[derive(Debug, Clone)]
pub(crate) struct Value<'a> {
    pub(crate) json: &'a Json,
    pub(crate) place: Place,
}

/// An object whose keys are known to be unique.
pub(crate) struct Object<'a> {
    entries: &'a [(String, Json)],
    place: Place,
}

impl<'a> Object<'a> {
    /// Reads the object at `place`; a repeated key is the first problem it reports.
    pub(crate) fn read(value: &Value<'a>) -> Result<Object<'a>, InvalidFile> {
        let place = &value.place;
        let Json::Object(entries) = value.json else {
            return Err(place.wrong_type("an object", value.json));
        };
        let mut seen = HashSet::with_capacity(entries.len());
        for (key, _) in entries {
            if !seen.insert(key.as_str()) {
                return Err(place.key(key).invalid(format!("the key `{key}` appears twice in one object")));
            }
        }
        Ok(Object { entries, place: place.clone() })
    }

    pub(crate) fn place(&self) -> &Place {
        &self.place
    }

    /// Rejects any key not in `allowed`, naming the first one; `what` names
    /// the object in the message ("a provider", "an `offer` event").
    pub(crate) fn allow_only(&self, allowed: &[&str], what: &str) -> Result<(), InvalidFile> {
        for (key, _) in self.entries {
            if !allowed.contains(&key.as_str()) {
                let allowed = allowed.iter().map(|key| format!("`{key}`")).collect::<Vec<_>>().join(", ");
                return Err(self
                    .place
                    .key(key)
                    .invalid(format!("unknown key `{key}` in {what}; allowed keys are {allowed}")));
            }
        }
        Ok(())
    }

    /// Whether the key is present, even as `null`.
    pub(crate) fn has(&self, key: &str) -> bool {
        self.entries.iter().any(|(entry, _)| entry == key)
    }

    /// The keys present, in file order.
    pub(crate) fn keys(&self) -> impl Iterator<Item = &'a str> + use<'a> {
        self.entries.iter().map(|(key, _)| key.as_str())
    }

    /// The value of a key that must be present. It may be `null`: the type
    /// check that follows decides whether `null` is allowed there.
    pub(crate) fn required(&self, key: &str) -> Result<Value<'a>, InvalidFile> {
        self.get(key).ok_or_else(|| self.place.key(key).invalid(format!("the required key `{key}` is missing")))
    }

    /// The value of an optional key: `None` when it is missing or `null`
    /// ("an optional field given as `null` counts as omitted").
    pub(crate) fn optional(&self, key: &str) -> Option<Value<'a>> {
        self.get(key).filter(|value| !value.is_null())
    }

    fn get(&self, key: &str) -> Option<Value<'a>> {
        self.entries.iter().find(|(entry, _)| entry == key).map(|(_, json)| Value { json, place: self.place.key(key) })
    }
}

impl<'a> Value<'a> {
    /// The file's root value.
    pub(crate) fn root(json: &'a Json) -> Value<'a> {
        Value { json, place: Place::root() }
    }

    pub(crate) fn is_null(&self) -> bool {
        matches!(self.json, Json::Null)
    }

    pub(crate) fn string(&self) -> Result<&'a str, InvalidFile> {
        match self.json {
            Json::String(text) => Ok(text),
            other => Err(self.place.wrong_type("a string", other)),
        }
    }

    pub(crate) fn boolean(&self) -> Result<bool, InvalidFile> {
        match self.json {
            Json::Bool(value) => Ok(*value),
            other => Err(self.place.wrong_type("a boolean (true or false)", other)),
        }
    }

    /// An integer within `min..=max`.
    pub(crate) fn integer(&self, min: i128, max: i128) -> Result<i128, InvalidFile> {
        match self.json {
            Json::Integer(value) if (min..=max).contains(value) => Ok(*value),
            Json::Integer(value) => {
                Err(self.place.invalid(format!("{value} is out of range; expected an integer from {min} to {max}")))
            }
            other => Err(self.place.wrong_type("an integer", other)),
        }
    }

    /// Any JSON number, written with or without a fraction.
    pub(crate) fn number(&self) -> Result<f64, InvalidFile> {
        match self.json {
            // An integer beyond f64's exact range is still a number; rounding
            // it is what reading it as a float means.
            Json::Integer(value) => Ok(*value as f64),
            Json::Float(value) => Ok(*value),
            other => Err(self.place.wrong_type("a number", other)),
        }
    }

    /// A date written as ISO `YYYY-MM-DD`.
    pub(crate) fn date(&self) -> Result<Date, InvalidFile> {
        parse_date(self.string()?).map_err(|error| self.place.invalid(error))
    }

    /// The items of a list, each with its place.
    pub(crate) fn list(&self) -> Result<Vec<Value<'a>>, InvalidFile> {
        match self.json {
            Json::Array(items) => Ok(items
                .iter()
                .enumerate()
                .map(|(index, json)| Value { json, place: self.place.index(index) })
                .collect()),
            other => Err(self.place.wrong_type("a list", other)),
        }
    }

    /// The items of the `steps` list: like [`Value::list`], and each item
    /// also records its step index for the report.
    pub(crate) fn steps(&self) -> Result<Vec<Value<'a>>, InvalidFile> {
        match self.json {
            Json::Array(items) => Ok(items
                .iter()
                .enumerate()
                .map(|(index, json)| Value { json, place: self.place.step(index) })
                .collect()),
            other => Err(self.place.wrong_type("a list", other)),
        }
    }

    /// A list of strings.
    pub(crate) fn string_list(&self) -> Result<Vec<String>, InvalidFile> {
        self.list()?.iter().map(|item| item.string().map(str::to_string)).collect()
    }

    /// This value, or `None` when it is `null`, for expected values that may be null.
    pub(crate) fn unless_null(self) -> Option<Value<'a>> {
        if self.is_null() { None } else { Some(self) }
    }
}

/// Parses an ISO `YYYY-MM-DD` date, exactly: four-digit year, two-digit month
/// and day, nothing before or after, and a day that exists.
pub(crate) fn parse_date(text: &str) -> Result<Date, String> {
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes.iter().enumerate().all(|(index, byte)| index == 4 || index == 7 || byte.is_ascii_digit());
    if !shaped {
        return Err(format!("{text:?} is not a date; expected YYYY-MM-DD"));
    }
    text.parse::<Date>().map_err(|_| format!("{text:?} is not a date that exists"))
}
