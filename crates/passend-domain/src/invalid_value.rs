//! The one error type for a value that does not parse: an identifier, a code
//! or a token. The caller adds the field name; the value says what and why.

/// A value that is not a valid identifier or code, with the reason in English
/// (for logs and the API) and in Dutch (for the user interface).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{what} {value:?} is not valid: {reason}")]
pub struct InvalidValue {
    /// What was expected, in English: "BSN", "AGB code", "care profile".
    pub what: &'static str,
    /// The value as given.
    pub value: String,
    /// Why it is not valid, in English.
    pub reason: String,
    /// Why it is not valid, in Dutch: "voldoet niet aan de elfproef".
    pub reason_nl: String,
}

impl InvalidValue {
    pub fn new(
        what: &'static str,
        value: impl Into<String>,
        reason: impl Into<String>,
        reason_nl: impl Into<String>,
    ) -> InvalidValue {
        InvalidValue { what, value: value.into(), reason: reason.into(), reason_nl: reason_nl.into() }
    }

    /// The message for the user interface, in Dutch.
    pub fn message_nl(&self) -> String {
        format!("{:?} is ongeldig: {}", self.value, self.reason_nl)
    }
}
