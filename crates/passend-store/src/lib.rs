//! The store of passend: an append-only event log with optimistic concurrency,
//! and the projections derived from it in the same transaction.
//!
//! This crate defines what every engine must do ([`EventStore`]), what the
//! projections contain and how they follow from the domain (the pure fold in
//! [`projection`]), and the [`Passend`] service that runs commands: load a
//! stream, fold it, `decide`, append the events and the projection changes at
//! once. Engines (SQLite now, PostgreSQL next) live in their own crates and
//! prove themselves with [`conformance`].
//!
//! Architecture invariant: nothing here knows SQL or a particular database.
//! JSON appears only as the payload encoding of events ([`codec`]), which every
//! engine shares.

mod client_query;
pub mod codec;
mod complex;
pub mod conformance;
pub mod matching;
pub mod projection;

mod event;
mod event_store;
mod service;
mod stream;

pub use client_query::{ClientPage, ClientQuery, ClientScope, ClientSort, TextMatch, name_contains};
pub use complex::{ComplexCase, ComplexRules, SeedError, Signal};
pub use event::{Event, EventMeta, NewEvent, RecordedEvent};
pub use event_store::{AlertQuery, AlertRow, CasePayload, Commit, EventStore, StoreError, StreamAppend};
pub use projection::{ProjectionChange, WaitingListEntry};
pub use service::{Batch, CommandError, Passend, fold_case};
pub use stream::StreamId;
