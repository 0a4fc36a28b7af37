//! Local accounts for the demo login: a username, an argon2 password hash and
//! the actor the account signs in as. Real deployments sign in through the
//! organisation's identity provider (a later issue); the policy does not
//! care which.

use std::collections::HashMap;

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};

use crate::actor::Actor;

/// One local account.
#[derive(Debug, Clone)]
pub struct Account {
    pub actor: Actor,
    /// The PHC string of the argon2id hash: algorithm, parameters, salt and hash.
    password_hash: String,
}

/// The accounts a server knows, by username.
#[derive(Debug, Clone)]
pub struct Accounts {
    by_username: HashMap<String, Account>,
    /// The hash of a random password nobody knows, verified against for
    /// unknown usernames so that timing does not tell which names exist.
    dummy_hash: String,
}

impl Default for Accounts {
    fn default() -> Accounts {
        let unguessable: [u8; 32] = rand::random();
        Accounts { by_username: HashMap::new(), dummy_hash: hash(&unguessable) }
    }
}

fn hash(password: &[u8]) -> String {
    Argon2::default().hash_password(password).expect("argon2 with default parameters hashes any password").to_string()
}

impl Accounts {
    /// Adds an account, hashing its password with argon2id (slow on purpose:
    /// call it at start-up or from a blocking task).
    pub fn add(&mut self, actor: Actor, password: &str) {
        let password_hash = hash(password.as_bytes());
        self.by_username.insert(actor.username.clone(), Account { actor, password_hash });
    }

    /// The actor of `username` when `password` is right. Unknown users cost
    /// the same hashing as known ones.
    pub fn verify(&self, username: &str, password: &str) -> Option<Actor> {
        let account = self.by_username.get(username);
        let hash = account.map_or(self.dummy_hash.as_str(), |account| account.password_hash.as_str());
        let parsed = PasswordHash::new(hash).ok()?;
        let right = Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok();
        account.filter(|_| right).map(|account| account.actor.clone())
    }

    pub fn actors(&self) -> impl Iterator<Item = &Actor> {
        self.by_username.values().map(|account| &account.actor)
    }

    pub fn len(&self) -> usize {
        self.by_username.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_username.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actor::Role;

    fn analyst() -> Actor {
        Actor { username: "ana".to_string(), display_name: "Ana".to_string(), role: Role::Analist }
    }

    #[test]
    fn the_right_password_signs_in_and_a_wrong_one_does_not() {
        let mut accounts = Accounts::default();
        accounts.add(analyst(), "geheim wachtwoord");
        assert_eq!(accounts.verify("ana", "geheim wachtwoord"), Some(analyst()));
        assert_eq!(accounts.verify("ana", "geheim"), None);
        assert_eq!(accounts.verify("bob", "geheim wachtwoord"), None);
        assert!(accounts.by_username["ana"].password_hash.starts_with("$argon2id$"));
    }
}
