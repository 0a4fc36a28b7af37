//! Scenario ids: unique across providers, locations and clients, and each
//! reference of the kind its field allows.
//!
//! `scenarios/README.md`, "Format": "Ids (`P1`, `L1`, `C1`) are scenario-local
//! names, unique across providers, locations and clients of a file (a
//! preference list mixes location and provider ids; the same id twice in any
//! list is invalid). Every id must name an entity of the kind its field
//! allows (a client id in `preferences` is invalid)."

use std::collections::HashMap;

use super::reader::Value;
use crate::InvalidFile;
use crate::model::ListRef;

/// The kind of entity an id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum IdKind {
    Provider,
    Location,
    Client,
}

impl IdKind {
    fn noun(self) -> &'static str {
        match self {
            IdKind::Provider => "a provider",
            IdKind::Location => "a location",
            IdKind::Client => "a client",
        }
    }
}

/// Every id the file declares, with its kind.
#[derive(Debug, Default)]
pub(crate) struct Ids {
    kinds: HashMap<String, IdKind>,
}

impl Ids {
    /// Declares the id at `value` as a new entity of `kind`.
    pub(crate) fn declare(&mut self, value: &Value<'_>, kind: IdKind) -> Result<String, InvalidFile> {
        let id = value.string()?;
        if id.is_empty() {
            return Err(value.place.invalid("an id may not be empty"));
        }
        if let Some(existing) = self.kinds.get(id) {
            return Err(value.place.invalid(format!(
                "the id `{id}` is already used for {}; ids are unique across providers, locations and clients",
                existing.noun()
            )));
        }
        self.kinds.insert(id.to_string(), kind);
        Ok(id.to_string())
    }

    /// Reads a reference to an entity of one of the `allowed` kinds.
    pub(crate) fn reference(&self, value: &Value<'_>, allowed: &[IdKind]) -> Result<(String, IdKind), InvalidFile> {
        let id = value.string()?;
        let expected = allowed.iter().map(|kind| kind.noun()).collect::<Vec<_>>().join(" or ");
        match self.kinds.get(id) {
            Some(kind) if allowed.contains(kind) => Ok((id.to_string(), *kind)),
            Some(kind) => {
                Err(value.place.invalid(format!("`{id}` is {}, but this field needs {expected} id", kind.noun())))
            }
            None => Err(value.place.invalid(format!("unknown id `{id}`; this field needs {expected} id"))),
        }
    }

    /// Reads a reference to an entity of exactly one kind.
    pub(crate) fn one(&self, value: &Value<'_>, kind: IdKind) -> Result<String, InvalidFile> {
        self.reference(value, &[kind]).map(|(id, _)| id)
    }

    /// Reads a reference of one kind, or `null`.
    pub(crate) fn one_or_null(&self, value: &Value<'_>, kind: IdKind) -> Result<Option<String>, InvalidFile> {
        if value.is_null() { Ok(None) } else { self.one(value, kind).map(Some) }
    }

    /// Reads a list of references of one kind; the same id twice is invalid.
    pub(crate) fn list(&self, value: &Value<'_>, kind: IdKind) -> Result<Vec<String>, InvalidFile> {
        let mut ids: Vec<String> = Vec::new();
        for item in value.list()? {
            let id = self.one(&item, kind)?;
            refuse_repeat(&ids, &id, &item)?;
            ids.push(id);
        }
        Ok(ids)
    }

    /// Reads a preference list: location and provider ids, each at most once.
    pub(crate) fn preference_list(&self, value: &Value<'_>) -> Result<Vec<ListRef>, InvalidFile> {
        let mut ids: Vec<String> = Vec::new();
        let mut references = Vec::new();
        for item in value.list()? {
            let (id, kind) = self.reference(&item, &[IdKind::Location, IdKind::Provider])?;
            refuse_repeat(&ids, &id, &item)?;
            ids.push(id.clone());
            references.push(if kind == IdKind::Location { ListRef::Location(id) } else { ListRef::Provider(id) });
        }
        Ok(references)
    }
}

fn refuse_repeat(earlier: &[String], id: &str, item: &Value<'_>) -> Result<(), InvalidFile> {
    if earlier.iter().any(|seen| seen == id) {
        return Err(item.place.invalid(format!("`{id}` appears twice in this list")));
    }
    Ok(())
}
