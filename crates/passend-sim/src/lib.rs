//! Synthetic zorgkantoorregio's and a synthetic nation, built through
//! passend's real commands.
//!
//! [`generate`] fills an empty store with providers, locations and clients
//! with a history of `months` months up to a given day. Every provider and
//! location goes through [`Passend::register_provider`] and
//! [`Passend::register_location`]; every client event through a
//! [`passend_store::Batch`], so every command passes the same `decide` as a
//! mediator's. A command the rules reject is a bug in the generator: it is
//! counted in [`GenerateStats::rejected`] and left out, never forced in.
//!
//! The population follows the national figures of `shared/data/README.md`
//! (2023: ~358,000 people with a Wlz indication, ~23,700 waiting without
//! *wacht uit voorzorg*, ~11,000 more VV *wacht uit voorzorg*, ~122,000 in
//! nursing homes), scaled to a region by its inhabitants. The same seed,
//! scope, months and end day give the same event log.
//!
//! Layout:
//! - [`config`]: what to generate ([`GenerateConfig`], [`Scope`]).
//! - `targets`: the national figures and their share per region.
//! - `postcodes`, `names`, `location_kinds`, `classifications`: the
//!   reference data (`data/`, with its attribution) and the word lists; the
//!   matching tags are the domain's vocabulary (`passend_domain::vocabulary`).
//! - `supply_model` and `providers`: providers with their contracts and
//!   locations with their context, registered first.
//! - `free_places`: each location's free-places report near the end of the
//!   window, recorded after the clients.
//! - `population`: one plan per client (its path through the window), with
//!   beds that free up and fill again.
//! - `client_history`: a plan played as dated commands, in date order.
//! - `run`: the orchestration, batches and progress; `stats` and `counters`
//!   what it reports.
//! - `days`, `random`, `regions`: day numbers, seeded random streams, dense
//!   indexes.
//!
//! Architecture invariant: this crate reads no clock and no environment; the
//! end day is an argument. Randomness comes only from `ChaCha8Rng` streams
//! derived from the seed, and everything is iterated in a fixed order.
//!
//! [`Passend::register_provider`]: passend_store::Passend::register_provider
//! [`Passend::register_location`]: passend_store::Passend::register_location

pub mod config;

mod classifications;
mod client_history;
mod complex_cases;
mod counters;
mod days;
mod error;
mod free_places;
mod location_kinds;
mod names;
mod population;
mod postcodes;
mod providers;
mod random;
mod regions;
mod run;
mod stats;
mod supply_model;
mod targets;

pub use config::{GenerateConfig, Scope};
pub use error::GenerateError;
pub use run::generate;
pub use stats::{EndState, GenerateStats, Progress, Stage};
