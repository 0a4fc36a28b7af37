//! passend's own dense ids for clients, locations, OCO organisations,
//! complex cases and signals.

/// A client in passend: the registration-order number the system assigns
/// (0, 1, 2 …). Not a BSN and not meaningful outside one passend database;
/// dense so that rules can index arrays with it. Displays and serialises as
/// the plain number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct ClientId(pub u32);

/// A care location (*locatie*) in passend: the registration-order number the
/// system assigns. Dense, like [`ClientId`]. Displays and serialises as the
/// plain number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct LocationId(pub u32);

/// An organisation for independent client support (*onafhankelijke
/// cliëntondersteuning*, OCO) known to passend. A client may consent to one
/// such organisation seeing their case. Displays as the plain number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct OcoId(pub u32);

/// A complex case (*complexe casus*): the search for a fitting place when
/// suitable care cannot be organised (seed 002). Numbered in the order the
/// cases are opened, like [`ClientId`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct ComplexCaseId(pub u32);

/// A signal (*signaal*): a complex care question reported from outside
/// (seed 004), numbered in the order they are recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct SignalId(pub u32);

impl std::fmt::Display for ComplexCaseId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl std::fmt::Display for SignalId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl std::fmt::Display for OcoId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl std::fmt::Display for ClientId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl std::fmt::Display for LocationId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::test_serde::{deserialize_u64, serialized};

    #[test]
    fn display_and_serde_use_the_plain_number() {
        assert_eq!(ClientId(17).to_string(), "17");
        assert_eq!(LocationId(3).to_string(), "3");
        assert_eq!(serialized(&ClientId(17)), "17");
        assert_eq!(serialized(&LocationId(3)), "3");
        assert_eq!(deserialize_u64::<ClientId>(17), Ok(ClientId(17)));
        assert_eq!(deserialize_u64::<LocationId>(3), Ok(LocationId(3)));
    }

    #[test]
    fn order_is_registration_order() {
        assert!(ClientId(2) < ClientId(10));
        assert!(LocationId(0) < LocationId(1));
    }
}
