//! The result of one checked key: what a valid file's run reports.

use serde_json::Value;

/// One checked key of a step: an event's outcome (key `event`) or one key of
/// an expectation.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    /// The 0-based step index; `None` for a failure before the first step
    /// (the entities of the file could not be registered).
    pub step: Option<usize>,
    /// `event`, an expectation key such as `first_contact_due`, or `setup`.
    pub key: String,
    pub ok: bool,
    /// The value the file states, as JSON (`"accepted"`/`"rejected"` for an event).
    pub expected: Value,
    /// The value the system shows, as JSON, in the file's terms (scenario
    /// ids, tokens, ISO dates).
    pub actual: Value,
    /// Why, when the values alone do not say it: the reason an event was
    /// rejected, or the store error that stopped a check.
    pub note: Option<String>,
}

impl Check {
    /// A check that could not be made because something other than the
    /// rules failed (the store, a missing id map): always a failure.
    pub(crate) fn broken(step: Option<usize>, key: &str, expected: Value, error: String) -> Check {
        Check {
            step,
            key: key.to_string(),
            ok: false,
            expected,
            actual: Value::String("error".into()),
            note: Some(error),
        }
    }
}
