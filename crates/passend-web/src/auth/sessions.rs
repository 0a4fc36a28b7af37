//! Server-side sessions: a random token maps to the signed-in actor and the
//! session's CSRF token. Sessions live in memory: a restart signs everyone out,
//! which suits the demo login; a later issue stores them with the audit log.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use base64::Engine as _;
use jiff::{SignedDuration, Timestamp};

use crate::actor::Actor;

/// The name of the session cookie.
pub const SESSION_COOKIE: &str = "passend_sessie";

/// How long a session lasts without use: a working day.
const IDLE_LIMIT: SignedDuration = SignedDuration::from_hours(9);

/// A signed-in session.
#[derive(Debug, Clone)]
pub struct Session {
    pub token: String,
    pub actor: Arc<Actor>,
    /// Sent with every form and compared on submit.
    pub csrf: String,
    pub expires_at: Timestamp,
}

#[derive(Debug, Default)]
pub struct Sessions {
    by_token: RwLock<HashMap<String, Session>>,
}

/// 32 random bytes, URL-safe base64: unguessable.
fn random_token() -> String {
    let bytes: [u8; 32] = rand::random();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

impl Sessions {
    pub fn start(&self, actor: Actor, now: Timestamp) -> Session {
        let session = Session {
            token: random_token(),
            actor: Arc::new(actor),
            csrf: random_token(),
            expires_at: now + IDLE_LIMIT,
        };
        let mut sessions = self.by_token.write().unwrap_or_else(|poisoned| poisoned.into_inner());
        sessions.retain(|_, existing| existing.expires_at > now);
        sessions.insert(session.token.clone(), session.clone());
        session
    }

    /// The live session of `token`, if any.
    pub fn get(&self, token: &str, now: Timestamp) -> Option<Session> {
        let sessions = self.by_token.read().unwrap_or_else(|poisoned| poisoned.into_inner());
        sessions.get(token).filter(|session| session.expires_at > now).cloned()
    }

    pub fn end(&self, token: &str) {
        self.by_token.write().unwrap_or_else(|poisoned| poisoned.into_inner()).remove(token);
    }
}

/// Compares two secrets in time independent of where they differ.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actor::Role;

    #[test]
    fn a_session_expires_and_can_be_ended() {
        let sessions = Sessions::default();
        let actor = Actor { username: "a".into(), display_name: "A".into(), role: Role::Analist };
        let now = Timestamp::UNIX_EPOCH;
        let session = sessions.start(actor, now);
        assert!(sessions.get(&session.token, now).is_some());
        assert!(sessions.get(&session.token, now + SignedDuration::from_hours(10)).is_none());
        assert!(sessions.get("guess", now).is_none());
        sessions.end(&session.token);
        assert!(sessions.get(&session.token, now).is_none());
        assert_ne!(session.token, session.csrf);
    }

    #[test]
    fn secrets_compare_by_content() {
        assert!(same_secret("abc", "abc"));
        assert!(!same_secret("abc", "abd"));
        assert!(!same_secret("abc", "ab"));
    }
}
