//! The envelope of a stored event: who recorded what, for which day, when.

use jiff::Timestamp;
use jiff::civil::Date;
use passend_domain::case::CaseEvent;
use passend_domain::complex_case::ComplexCaseEvent;
use passend_domain::note::NoteWritten;
use passend_domain::signal::SignalEvent;
use passend_domain::supply::SupplyEvent;

use crate::StreamId;

/// Any event passend stores.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    Case(CaseEvent),
    Supply(SupplyEvent),
    Note(NoteWritten),
    Complex(ComplexCaseEvent),
    Signal(SignalEvent),
}

impl Event {
    pub fn kind(&self) -> &'static str {
        match self {
            Event::Case(event) => event.kind(),
            Event::Supply(event) => event.kind(),
            Event::Note(_) => "note_written",
            Event::Complex(event) => event.kind(),
            Event::Signal(event) => event.kind(),
        }
    }
}

/// Who recorded an event, for which day and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventMeta {
    /// The business day the event took effect: what "as of" queries use.
    pub occurred_on: Date,
    /// When the system recorded it.
    pub recorded_at: Timestamp,
    /// Who recorded it, e.g. `zorgkantoor:Utrecht`, `aanbieder:47000001`, `scenario`.
    pub actor: String,
    /// Why, in the actor's words, when given.
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewEvent {
    pub meta: EventMeta,
    pub event: Event,
}

/// An event as stored: its global position and its version within its stream.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordedEvent {
    pub position: u64,
    pub stream: StreamId,
    /// 1 for the first event of a stream.
    pub version: u32,
    pub meta: EventMeta,
    pub event: Event,
}
