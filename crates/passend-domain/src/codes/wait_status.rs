//! The waiting statuses of a client with a Wlz indication (COD167).

use crate::InvalidValue;

/// The status of a client waiting for Wlz care. Dutch: *leveringsstatus*
/// (the waiting statuses only). Code list COD167.
///
/// COD167 also has codes 1 *Actief wachtend*, 4 *In zorg* and 5 *Einde
/// zorgvraag*; they are not waiting statuses in passend and are rejected by
/// [`WaitStatus::from_cod167`]. Displays and serialises as its token. The
/// order of the variants (and of [`WaitStatus::ALL`]) is the order of the
/// groups of the default waiting list, most urgent first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(into = "&'static str")]
pub enum WaitStatus {
    /// COD167 6 *Urgent plaatsen*. Token `urgent_plaatsen`.
    UrgentPlaatsen,
    /// COD167 7 *Actief plaatsen*. Token `actief_plaatsen`.
    ActiefPlaatsen,
    /// COD167 2 *Wacht op voorkeur*. Token `wacht_op_voorkeur`.
    WachtOpVoorkeur,
    /// COD167 3 *Wacht uit voorzorg*. Token `wacht_uit_voorzorg`.
    WachtUitVoorzorg,
}

impl WaitStatus {
    /// Every waiting status: urgent, active, waiting for preference, waiting
    /// as a precaution.
    pub const ALL: [WaitStatus; 4] = [
        WaitStatus::UrgentPlaatsen,
        WaitStatus::ActiefPlaatsen,
        WaitStatus::WachtOpVoorkeur,
        WaitStatus::WachtUitVoorzorg,
    ];

    /// Parses the token, exactly.
    pub fn parse_token(input: &str) -> Result<WaitStatus, InvalidValue> {
        WaitStatus::ALL.into_iter().find(|status| status.token() == input).ok_or_else(|| {
            InvalidValue::new(
                WHAT,
                input,
                "not a waiting status token (urgent_plaatsen, actief_plaatsen, \
                 wacht_op_voorkeur, wacht_uit_voorzorg)",
                "geen wachtstatus (urgent_plaatsen, actief_plaatsen, wacht_op_voorkeur, \
                 wacht_uit_voorzorg)",
            )
        })
    }

    /// The token.
    pub fn token(self) -> &'static str {
        match self {
            WaitStatus::UrgentPlaatsen => "urgent_plaatsen",
            WaitStatus::ActiefPlaatsen => "actief_plaatsen",
            WaitStatus::WachtOpVoorkeur => "wacht_op_voorkeur",
            WaitStatus::WachtUitVoorzorg => "wacht_uit_voorzorg",
        }
    }

    /// The COD167 code.
    pub fn cod167(self) -> u8 {
        match self {
            WaitStatus::UrgentPlaatsen => 6,
            WaitStatus::ActiefPlaatsen => 7,
            WaitStatus::WachtOpVoorkeur => 2,
            WaitStatus::WachtUitVoorzorg => 3,
        }
    }

    /// The waiting status of a COD167 code (2, 3, 6 or 7).
    pub fn from_cod167(code: u8) -> Result<WaitStatus, InvalidValue> {
        WaitStatus::ALL.into_iter().find(|status| status.cod167() == code).ok_or_else(|| {
            InvalidValue::new(
                WHAT,
                code.to_string(),
                "not a COD167 waiting status (2, 3, 6, 7)",
                "geen wachtstatus uit COD167 (2, 3, 6, 7)",
            )
        })
    }

    /// The COD167 description.
    pub fn label_nl(self) -> &'static str {
        match self {
            WaitStatus::UrgentPlaatsen => "Urgent plaatsen",
            WaitStatus::ActiefPlaatsen => "Actief plaatsen",
            WaitStatus::WachtOpVoorkeur => "Wacht op voorkeur",
            WaitStatus::WachtUitVoorzorg => "Wacht uit voorzorg",
        }
    }
}

impl std::fmt::Display for WaitStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.token())
    }
}

impl std::str::FromStr for WaitStatus {
    type Err = InvalidValue;
    fn from_str(input: &str) -> Result<WaitStatus, InvalidValue> {
        WaitStatus::parse_token(input)
    }
}

impl TryFrom<String> for WaitStatus {
    type Error = InvalidValue;
    fn try_from(value: String) -> Result<WaitStatus, InvalidValue> {
        WaitStatus::parse_token(&value)
    }
}

impl From<WaitStatus> for &'static str {
    fn from(value: WaitStatus) -> &'static str {
        value.token()
    }
}

const WHAT: &str = "waiting status";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::test_serde::{deserialize_str, serialized};

    fn check(token: &str, code: u8, label: &str, status: WaitStatus) {
        assert_eq!(WaitStatus::parse_token(token), Ok(status));
        assert_eq!(WaitStatus::from_cod167(code), Ok(status));
        assert_eq!((status.token(), status.cod167(), status.label_nl()), (token, code, label));
        assert_eq!(status.to_string(), token);
        assert_eq!(serialized(&status), token);
        assert_eq!(deserialize_str::<WaitStatus>(token), Ok(status));
    }

    #[test]
    fn tokens_and_codes_round_trip() {
        check("urgent_plaatsen", 6, "Urgent plaatsen", WaitStatus::UrgentPlaatsen);
        check("actief_plaatsen", 7, "Actief plaatsen", WaitStatus::ActiefPlaatsen);
        check("wacht_op_voorkeur", 2, "Wacht op voorkeur", WaitStatus::WachtOpVoorkeur);
        check("wacht_uit_voorzorg", 3, "Wacht uit voorzorg", WaitStatus::WachtUitVoorzorg);
    }

    #[test]
    fn all_is_in_default_list_order() {
        assert_eq!(WaitStatus::ALL.map(WaitStatus::cod167), [6, 7, 2, 3],);
        assert!(WaitStatus::ALL.is_sorted());
    }

    #[test]
    fn other_codes_and_spellings_fail() {
        for code in [0, 1, 4, 5, 8] {
            assert!(WaitStatus::from_cod167(code).is_err(), "{code}");
        }
        for input in ["6", "Urgent plaatsen", "URGENT_PLAATSEN", "actief_wachtend", ""] {
            assert!(WaitStatus::parse_token(input).is_err(), "{input:?}");
        }
    }
}
