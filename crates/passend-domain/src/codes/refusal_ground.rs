//! The four grounds on which a provider may ask to refuse care.

use crate::InvalidValue;

/// A ground on which a provider may ask the zorgkantoor for permission to
/// refuse care to an allocated client. Dutch: *weigeringsgrond* (of a
/// *zorgweigering*). Exactly four grounds are allowed (seed 000: "Gronden
/// waarop je zorg mag weigeren zijn: …"; `domain.md` §5), numbered 1–4 in
/// that order. Not an iWlz code list.
///
/// Displays and serialises as the number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub enum RefusalGround {
    /// 1: weighty reasons why care cannot reasonably be asked of the provider
    /// (e.g. earlier experiences with the client).
    WeightyReasons,
    /// 2: an allocated care profile foreign to the institution
    /// (*instellingsvreemd*), for which it is not contracted and cannot deliver
    /// the required quality.
    ForeignCareProfile,
    /// 3: exceptionally complex dual diagnosis that does not fit the
    /// provider's care.
    ComplexDualDiagnosis,
    /// 4: the contracted budget is exhausted (the provider must show that its
    /// care is efficient and spread evenly over the year).
    BudgetExhausted,
}

impl RefusalGround {
    /// Every ground, 1–4.
    pub const ALL: [RefusalGround; 4] = [
        RefusalGround::WeightyReasons,
        RefusalGround::ForeignCareProfile,
        RefusalGround::ComplexDualDiagnosis,
        RefusalGround::BudgetExhausted,
    ];

    /// The ground of a number, 1–4.
    pub fn from_number(number: u8) -> Result<RefusalGround, InvalidValue> {
        RefusalGround::ALL.into_iter().find(|ground| ground.number() == number).ok_or_else(|| {
            InvalidValue::new(
                "refusal ground",
                number.to_string(),
                "not a ground for refusing care (1–4)",
                "geen weigeringsgrond (1–4)",
            )
        })
    }

    /// The number, 1–4.
    pub fn number(self) -> u8 {
        match self {
            RefusalGround::WeightyReasons => 1,
            RefusalGround::ForeignCareProfile => 2,
            RefusalGround::ComplexDualDiagnosis => 3,
            RefusalGround::BudgetExhausted => 4,
        }
    }

    /// A short Dutch label.
    pub fn label_nl(self) -> &'static str {
        match self {
            RefusalGround::WeightyReasons => "Zwaarwegende redenen",
            RefusalGround::ForeignCareProfile => "Instellingsvreemd zorgprofiel",
            RefusalGround::ComplexDualDiagnosis => "Uitzonderlijk complexe dubbeldiagnostiek",
            RefusalGround::BudgetExhausted => "Gecontracteerd budget uitgeput",
        }
    }
}

impl std::fmt::Display for RefusalGround {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.number())
    }
}

impl TryFrom<u8> for RefusalGround {
    type Error = InvalidValue;
    fn try_from(value: u8) -> Result<RefusalGround, InvalidValue> {
        RefusalGround::from_number(value)
    }
}

impl From<RefusalGround> for u8 {
    fn from(value: RefusalGround) -> u8 {
        value.number()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::test_serde::{deserialize_u64, serialized};

    #[test]
    fn numbers_round_trip() {
        for (number, ground) in [
            (1, RefusalGround::WeightyReasons),
            (2, RefusalGround::ForeignCareProfile),
            (3, RefusalGround::ComplexDualDiagnosis),
            (4, RefusalGround::BudgetExhausted),
        ] {
            assert_eq!(RefusalGround::from_number(number), Ok(ground));
            assert_eq!(ground.number(), number);
            assert_eq!(ground.to_string(), number.to_string());
            assert_eq!(serialized(&ground), number.to_string());
            assert_eq!(deserialize_u64::<RefusalGround>(u64::from(number)), Ok(ground));
        }
        assert_eq!(RefusalGround::ForeignCareProfile.label_nl(), "Instellingsvreemd zorgprofiel");
    }

    #[test]
    fn other_numbers_fail() {
        for number in [0, 5, 255] {
            assert!(RefusalGround::from_number(number).is_err(), "{number}");
        }
        assert!(deserialize_u64::<RefusalGround>(5).is_err());
        assert!(deserialize_u64::<RefusalGround>(257).is_err());
    }
}
