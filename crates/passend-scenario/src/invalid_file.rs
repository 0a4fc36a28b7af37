//! The one error of a scenario file that cannot run: where it is and what is wrong.

/// Why a scenario file is invalid: its first problem, and where it is.
///
/// `field` is the path from the file's root to the offending value, written
/// the same way everywhere: keys joined by dots, list positions in brackets,
/// and steps included — `locations[0].sector`, `steps[3].care_profile`,
/// `steps[5].expect.alerts[1]`. It is empty when the problem is the file as a
/// whole (it does not exist, cannot be read, or is not JSON). `step` repeats
/// the step's position so that readers need not parse the path.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{error}", if field.is_empty() { String::new() } else { format!("{field}: ") })]
pub struct InvalidFile {
    /// The 0-based position in `steps` of the step the problem is in; `None`
    /// for a problem outside `steps`.
    pub step: Option<usize>,
    /// The path of the offending value, e.g. `locations[0].sector`.
    pub field: String,
    /// What is wrong, in plain English.
    pub error: String,
}

impl InvalidFile {
    /// A problem with the file as a whole: missing, unreadable, not JSON.
    pub fn whole_file(error: impl Into<String>) -> InvalidFile {
        InvalidFile { step: None, field: String::new(), error: error.into() }
    }
}
