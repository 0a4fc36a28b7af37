//! Delivery forms of Wlz care (COD578): in an institution, at home, or as a budget.

use crate::InvalidValue;

/// How Wlz care is delivered. Dutch: *leveringsvorm*. Code list COD578.
///
/// Displays and serialises as its token (`verblijf`, `vpt`, `mpt`, `pgb`,
/// `dtv`, `vkb`); the COD578 code is for iWlz messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(into = "&'static str")]
pub enum DeliveryForm {
    /// COD578 4 *Verblijf*: living in an institution. Token `verblijf`.
    Verblijf,
    /// COD578 5 *Volledig pakket thuis (VPT)*. Token `vpt`.
    Vpt,
    /// COD578 7 *Modulair pakket thuis (MPT)*. Token `mpt`.
    Mpt,
    /// COD578 2 *Persoonsgebonden budget (PGB)*. Token `pgb`.
    Pgb,
    /// COD578 8 *Deeltijdverblijf (DTV)*. Token `dtv`.
    Dtv,
    /// COD578 9 *Verkeerde bed (VKB)*. Token `vkb`.
    Vkb,
}

impl DeliveryForm {
    /// Every delivery form, in the order of the variants.
    pub const ALL: [DeliveryForm; 6] = [
        DeliveryForm::Verblijf,
        DeliveryForm::Vpt,
        DeliveryForm::Mpt,
        DeliveryForm::Pgb,
        DeliveryForm::Dtv,
        DeliveryForm::Vkb,
    ];

    /// Parses the token (`verblijf`, `vpt`, `mpt`, `pgb`, `dtv`, `vkb`), exactly.
    pub fn parse_token(input: &str) -> Result<DeliveryForm, InvalidValue> {
        DeliveryForm::ALL.into_iter().find(|form| form.token() == input).ok_or_else(|| {
            InvalidValue::new(
                WHAT,
                input,
                "not a delivery form token (verblijf, vpt, mpt, pgb, dtv, vkb)",
                "geen leveringsvorm (verblijf, vpt, mpt, pgb, dtv, vkb)",
            )
        })
    }

    /// The token.
    pub fn token(self) -> &'static str {
        match self {
            DeliveryForm::Verblijf => "verblijf",
            DeliveryForm::Vpt => "vpt",
            DeliveryForm::Mpt => "mpt",
            DeliveryForm::Pgb => "pgb",
            DeliveryForm::Dtv => "dtv",
            DeliveryForm::Vkb => "vkb",
        }
    }

    /// The COD578 code.
    pub fn cod578(self) -> u8 {
        match self {
            DeliveryForm::Verblijf => 4,
            DeliveryForm::Vpt => 5,
            DeliveryForm::Mpt => 7,
            DeliveryForm::Pgb => 2,
            DeliveryForm::Dtv => 8,
            DeliveryForm::Vkb => 9,
        }
    }

    /// The delivery form of a COD578 code.
    pub fn from_cod578(code: u8) -> Result<DeliveryForm, InvalidValue> {
        DeliveryForm::ALL.into_iter().find(|form| form.cod578() == code).ok_or_else(|| {
            InvalidValue::new(
                WHAT,
                code.to_string(),
                "not a COD578 code (2, 4, 5, 7, 8, 9)",
                "geen COD578-code (2, 4, 5, 7, 8, 9)",
            )
        })
    }

    /// The COD578 description.
    pub fn label_nl(self) -> &'static str {
        match self {
            DeliveryForm::Verblijf => "Verblijf",
            DeliveryForm::Vpt => "Volledig pakket thuis (VPT)",
            DeliveryForm::Mpt => "Modulair Pakket Thuis (MPT)",
            DeliveryForm::Pgb => "Persoonsgebonden budget (PGB)",
            DeliveryForm::Dtv => "Deeltijdverblijf (DTV)",
            DeliveryForm::Vkb => "Verkeerde bed (VKB)",
        }
    }

    /// Whether care in this form is given in a place at a location: stay,
    /// part-time stay, and a person in a wrong bed waiting for one. VPT,
    /// MPT and PGB are care at home, so there is no place to match.
    pub fn needs_a_place(self) -> bool {
        match self {
            DeliveryForm::Verblijf | DeliveryForm::Dtv | DeliveryForm::Vkb => true,
            DeliveryForm::Vpt | DeliveryForm::Mpt | DeliveryForm::Pgb => false,
        }
    }
}

impl std::fmt::Display for DeliveryForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.token())
    }
}

impl std::str::FromStr for DeliveryForm {
    type Err = InvalidValue;
    fn from_str(input: &str) -> Result<DeliveryForm, InvalidValue> {
        DeliveryForm::parse_token(input)
    }
}

impl TryFrom<String> for DeliveryForm {
    type Error = InvalidValue;
    fn try_from(value: String) -> Result<DeliveryForm, InvalidValue> {
        DeliveryForm::parse_token(&value)
    }
}

impl From<DeliveryForm> for &'static str {
    fn from(value: DeliveryForm) -> &'static str {
        value.token()
    }
}

const WHAT: &str = "delivery form";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::test_serde::{deserialize_str, serialized};

    fn check(token: &str, code: u8, form: DeliveryForm) {
        assert_eq!(DeliveryForm::parse_token(token), Ok(form));
        assert_eq!(DeliveryForm::from_cod578(code), Ok(form));
        assert_eq!((form.token(), form.cod578()), (token, code));
        assert_eq!(form.to_string(), token);
        assert_eq!(serialized(&form), token);
        assert_eq!(deserialize_str::<DeliveryForm>(token), Ok(form));
    }

    #[test]
    fn tokens_and_codes_round_trip() {
        check("verblijf", 4, DeliveryForm::Verblijf);
        check("vpt", 5, DeliveryForm::Vpt);
        check("mpt", 7, DeliveryForm::Mpt);
        check("pgb", 2, DeliveryForm::Pgb);
        check("dtv", 8, DeliveryForm::Dtv);
        check("vkb", 9, DeliveryForm::Vkb);
        assert_eq!(DeliveryForm::Vpt.label_nl(), "Volledig pakket thuis (VPT)");
    }

    #[test]
    fn codes_and_other_spellings_fail() {
        for input in ["4", "Verblijf", "VPT", "", "verblijf "] {
            assert!(DeliveryForm::parse_token(input).is_err(), "{input:?}");
        }
        for code in [0, 1, 3, 6, 10] {
            assert!(DeliveryForm::from_cod578(code).is_err(), "{code}");
        }
        assert!(deserialize_str::<DeliveryForm>("4").is_err());
    }
}
