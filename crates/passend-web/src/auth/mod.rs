//! Signing in: local accounts with argon2 hashes, server-side sessions in a
//! cookie (HttpOnly, SameSite=Strict) or a bearer token, CSRF tokens for
//! forms, and the extractors that give every handler its [`Actor`](crate::actor::Actor).

mod accounts;
pub mod demo;
mod extract;
pub mod routes;
mod sessions;

pub use accounts::Accounts;
pub use extract::{ApiSession, CsrfForm, PageSession};
pub use sessions::{SESSION_COOKIE, Session, Sessions};
