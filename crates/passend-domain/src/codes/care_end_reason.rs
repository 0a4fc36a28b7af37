//! Reasons why Wlz care at a provider ends (COD172).

use crate::InvalidValue;

/// Why a provider's care for a client ended. Dutch: *reden intrekking* (the
/// reason an allocation, *toewijzing*, is withdrawn). Code list COD172.
///
/// Displays and serialises as its token; the COD172 code is for iWlz
/// messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(into = "&'static str")]
pub enum CareEndReason {
    /// COD172 1 *Client overleden*. Token `overleden`.
    Overleden,
    /// COD172 2 *Negatief indicatiebesluit*. Token `negatief_indicatiebesluit`.
    NegatiefIndicatiebesluit,
    /// COD172 3 *Herindicatie*. Token `herindicatie`.
    Herindicatie,
    /// COD172 4 *Overplaatsing*. Token `overplaatsing`.
    Overplaatsing,
    /// COD172 5 *Wijziging leveringsvorm*. Token `wijziging_leveringsvorm`.
    WijzigingLeveringsvorm,
    /// COD172 6 *Uitstroom*. Token `uitstroom`.
    Uitstroom,
    /// COD172 7 *Andere aanbieder heeft de client in zorg genomen*. Token
    /// `andere_aanbieder_in_zorg`.
    AndereAanbiederInZorg,
    /// COD172 8 *Verhuizing*. Token `verhuizing`.
    Verhuizing,
}

impl CareEndReason {
    /// Every reason, in COD172 order.
    pub const ALL: [CareEndReason; 8] = [
        CareEndReason::Overleden,
        CareEndReason::NegatiefIndicatiebesluit,
        CareEndReason::Herindicatie,
        CareEndReason::Overplaatsing,
        CareEndReason::WijzigingLeveringsvorm,
        CareEndReason::Uitstroom,
        CareEndReason::AndereAanbiederInZorg,
        CareEndReason::Verhuizing,
    ];

    /// Parses the token, exactly.
    pub fn parse_token(input: &str) -> Result<CareEndReason, InvalidValue> {
        CareEndReason::ALL.into_iter().find(|reason| reason.token() == input).ok_or_else(|| {
            InvalidValue::new(
                WHAT,
                input,
                "not a token of a reason for ending care (COD172)",
                "geen reden intrekking uit COD172",
            )
        })
    }

    /// The token.
    pub fn token(self) -> &'static str {
        match self {
            CareEndReason::Overleden => "overleden",
            CareEndReason::NegatiefIndicatiebesluit => "negatief_indicatiebesluit",
            CareEndReason::Herindicatie => "herindicatie",
            CareEndReason::Overplaatsing => "overplaatsing",
            CareEndReason::WijzigingLeveringsvorm => "wijziging_leveringsvorm",
            CareEndReason::Uitstroom => "uitstroom",
            CareEndReason::AndereAanbiederInZorg => "andere_aanbieder_in_zorg",
            CareEndReason::Verhuizing => "verhuizing",
        }
    }

    /// The COD172 code, 1–8.
    pub fn cod172(self) -> u8 {
        match self {
            CareEndReason::Overleden => 1,
            CareEndReason::NegatiefIndicatiebesluit => 2,
            CareEndReason::Herindicatie => 3,
            CareEndReason::Overplaatsing => 4,
            CareEndReason::WijzigingLeveringsvorm => 5,
            CareEndReason::Uitstroom => 6,
            CareEndReason::AndereAanbiederInZorg => 7,
            CareEndReason::Verhuizing => 8,
        }
    }

    /// The reason of a COD172 code, 1–8.
    pub fn from_cod172(code: u8) -> Result<CareEndReason, InvalidValue> {
        CareEndReason::ALL.into_iter().find(|reason| reason.cod172() == code).ok_or_else(|| {
            InvalidValue::new(WHAT, code.to_string(), "not a COD172 code (1–8)", "geen COD172-code (1–8)")
        })
    }

    /// The COD172 description.
    pub fn label_nl(self) -> &'static str {
        match self {
            CareEndReason::Overleden => "Client overleden",
            CareEndReason::NegatiefIndicatiebesluit => "Negatief indicatiebesluit",
            CareEndReason::Herindicatie => "Herindicatie",
            CareEndReason::Overplaatsing => "Overplaatsing",
            CareEndReason::WijzigingLeveringsvorm => "Wijziging leveringsvorm",
            CareEndReason::Uitstroom => "Uitstroom",
            CareEndReason::AndereAanbiederInZorg => "Andere aanbieder heeft de client in zorg genomen",
            CareEndReason::Verhuizing => "Verhuizing",
        }
    }
}

impl std::fmt::Display for CareEndReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.token())
    }
}

impl std::str::FromStr for CareEndReason {
    type Err = InvalidValue;
    fn from_str(input: &str) -> Result<CareEndReason, InvalidValue> {
        CareEndReason::parse_token(input)
    }
}

impl TryFrom<String> for CareEndReason {
    type Error = InvalidValue;
    fn try_from(value: String) -> Result<CareEndReason, InvalidValue> {
        CareEndReason::parse_token(&value)
    }
}

impl From<CareEndReason> for &'static str {
    fn from(value: CareEndReason) -> &'static str {
        value.token()
    }
}

const WHAT: &str = "reason for ending care";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::test_serde::{deserialize_str, serialized};

    fn check(token: &str, code: u8, reason: CareEndReason) {
        assert_eq!(CareEndReason::parse_token(token), Ok(reason));
        assert_eq!(CareEndReason::from_cod172(code), Ok(reason));
        assert_eq!((reason.token(), reason.cod172()), (token, code));
        assert_eq!(reason.to_string(), token);
        assert_eq!(serialized(&reason), token);
        assert_eq!(deserialize_str::<CareEndReason>(token), Ok(reason));
    }

    #[test]
    fn tokens_and_codes_round_trip() {
        check("overleden", 1, CareEndReason::Overleden);
        check("negatief_indicatiebesluit", 2, CareEndReason::NegatiefIndicatiebesluit);
        check("herindicatie", 3, CareEndReason::Herindicatie);
        check("overplaatsing", 4, CareEndReason::Overplaatsing);
        check("wijziging_leveringsvorm", 5, CareEndReason::WijzigingLeveringsvorm);
        check("uitstroom", 6, CareEndReason::Uitstroom);
        check("andere_aanbieder_in_zorg", 7, CareEndReason::AndereAanbiederInZorg);
        check("verhuizing", 8, CareEndReason::Verhuizing);
        assert_eq!(CareEndReason::Overleden.label_nl(), "Client overleden");
    }

    #[test]
    fn all_is_in_code_order() {
        assert_eq!(CareEndReason::ALL.map(CareEndReason::cod172), [1, 2, 3, 4, 5, 6, 7, 8]);
    }

    #[test]
    fn codes_and_other_spellings_fail() {
        for input in ["1", "Overleden", "client_overleden", ""] {
            assert!(CareEndReason::parse_token(input).is_err(), "{input:?}");
        }
        for code in [0, 9] {
            assert!(CareEndReason::from_cod172(code).is_err(), "{code}");
        }
    }
}
