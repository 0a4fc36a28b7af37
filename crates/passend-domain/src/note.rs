//! Notes on a case (*Notitieverkeer*): short messages between the zorgkantoor,
//! the dossierhouder and, with the client's consent, the OCO, threaded by
//! reply and each addressed to an audience.
//!
//! Notes are not rules: they never change a case's state, so they live in a
//! stream of their own beside the case and writing one never makes another
//! person's form on the case stale.

use serde::{Deserialize, Serialize};

/// The longest note accepted, in characters: a note is a message, not a file.
pub const MAX_NOTE_CHARS: usize = 4000;

/// The party a person speaks for in a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Party {
    /// The care office (*zorgkantoor*) of the client's region.
    Zorgkantoor,
    /// The provider holding the case (*dossierhouder*).
    Dossierhouder,
    /// The independent client supporter (*onafhankelijke cliëntondersteuner*).
    Oco,
}

/// Who may read a note.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// Everyone involved: zorgkantoor, dossierhouder and the consented OCO.
    Everyone,
    /// The professionals: zorgkantoor and dossierhouder, not the OCO.
    Professionals,
    /// The zorgkantoor alone (an internal note).
    Zorgkantoor,
}

impl Audience {
    pub const ALL: [Audience; 3] = [Audience::Everyone, Audience::Professionals, Audience::Zorgkantoor];

    /// Whether a person speaking for `party` may read a note for this audience.
    pub fn includes(self, party: Party) -> bool {
        match self {
            Audience::Everyone => true,
            Audience::Professionals => party != Party::Oco,
            Audience::Zorgkantoor => party == Party::Zorgkantoor,
        }
    }

    pub fn token(self) -> &'static str {
        match self {
            Audience::Everyone => "everyone",
            Audience::Professionals => "professionals",
            Audience::Zorgkantoor => "zorgkantoor",
        }
    }

    pub fn parse(token: &str) -> Option<Audience> {
        Audience::ALL.into_iter().find(|audience| audience.token() == token)
    }

    /// The audience as the user interface names it.
    pub fn label_nl(self) -> &'static str {
        match self {
            Audience::Everyone => "Iedereen in het dossier (ook OCO)",
            Audience::Professionals => "Zorgkantoor en dossierhouder",
            Audience::Zorgkantoor => "Alleen zorgkantoor",
        }
    }
}

impl Party {
    pub fn label_nl(self) -> &'static str {
        match self {
            Party::Zorgkantoor => "zorgkantoor",
            Party::Dossierhouder => "dossierhouder",
            Party::Oco => "OCO",
        }
    }
}

/// A note as recorded. Its number is its version in the case's note stream
/// (1 for the first); author and time are in the event's envelope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteWritten {
    /// The note this one answers, by number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<u32>,
    pub audience: Audience,
    /// The party the author spoke for.
    pub party: Party,
    pub text: String,
}

/// Why a note was not recorded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NoteRejection {
    #[error("the note is empty")]
    Empty,
    #[error("the note has {chars} characters; at most {MAX_NOTE_CHARS} are allowed")]
    TooLong { chars: usize },
    #[error("there is no note {0} to reply to")]
    UnknownParent(u32),
    #[error("the {0:?} party cannot write a note it may not read itself")]
    OutsideOwnAudience(Party),
}

impl NoteRejection {
    pub fn message_nl(&self) -> String {
        match self {
            NoteRejection::Empty => "De notitie is leeg.".to_string(),
            NoteRejection::TooLong { chars } => {
                format!("De notitie heeft {chars} tekens; er mogen er hoogstens {MAX_NOTE_CHARS} zijn.")
            }
            NoteRejection::UnknownParent(number) => format!("Er is geen notitie {number} om op te reageren."),
            NoteRejection::OutsideOwnAudience(party) => {
                format!("Als {} kunt u geen notitie schrijven die u zelf niet mag lezen.", party.label_nl())
            }
        }
    }
}

/// Checks a new note against the `existing` number of notes on the case.
/// The text is trimmed; a reply must answer a note that exists and that the
/// author may read, which every existing note the author can name is.
pub fn write_note(
    existing: u32,
    reply_to: Option<u32>,
    audience: Audience,
    party: Party,
    text: &str,
) -> Result<NoteWritten, NoteRejection> {
    let text = text.trim();
    if text.is_empty() {
        return Err(NoteRejection::Empty);
    }
    let chars = text.chars().count();
    if chars > MAX_NOTE_CHARS {
        return Err(NoteRejection::TooLong { chars });
    }
    if let Some(parent) = reply_to
        && (parent == 0 || parent > existing)
    {
        return Err(NoteRejection::UnknownParent(parent));
    }
    if !audience.includes(party) {
        return Err(NoteRejection::OutsideOwnAudience(party));
    }
    Ok(NoteWritten { reply_to, audience, party, text: text.to_string() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_oco_reads_only_notes_for_everyone() {
        assert!(Audience::Everyone.includes(Party::Oco));
        assert!(!Audience::Professionals.includes(Party::Oco));
        assert!(!Audience::Zorgkantoor.includes(Party::Oco));
        assert!(Audience::Professionals.includes(Party::Dossierhouder));
        assert!(!Audience::Zorgkantoor.includes(Party::Dossierhouder));
    }

    #[test]
    fn a_note_is_trimmed_and_checked() {
        let note = write_note(0, None, Audience::Everyone, Party::Zorgkantoor, "  Gebeld met dochter. ").unwrap();
        assert_eq!(note.text, "Gebeld met dochter.");
        assert_eq!(write_note(0, None, Audience::Everyone, Party::Oco, " \n "), Err(NoteRejection::Empty));
        let long = "a".repeat(MAX_NOTE_CHARS + 1);
        assert_eq!(
            write_note(0, None, Audience::Everyone, Party::Oco, &long),
            Err(NoteRejection::TooLong { chars: MAX_NOTE_CHARS + 1 })
        );
        assert!(write_note(0, None, Audience::Everyone, Party::Oco, &"é".repeat(MAX_NOTE_CHARS)).is_ok());
    }

    #[test]
    fn a_reply_answers_an_existing_note() {
        assert!(write_note(2, Some(2), Audience::Everyone, Party::Oco, "ja").is_ok());
        assert_eq!(write_note(2, Some(3), Audience::Everyone, Party::Oco, "ja"), Err(NoteRejection::UnknownParent(3)));
        assert_eq!(write_note(2, Some(0), Audience::Everyone, Party::Oco, "ja"), Err(NoteRejection::UnknownParent(0)));
    }

    #[test]
    fn nobody_writes_a_note_they_cannot_read() {
        assert_eq!(
            write_note(0, None, Audience::Professionals, Party::Oco, "x"),
            Err(NoteRejection::OutsideOwnAudience(Party::Oco))
        );
        assert!(write_note(0, None, Audience::Zorgkantoor, Party::Zorgkantoor, "x").is_ok());
    }
}
