//! The AGB code of a care provider: eight digits.

use crate::InvalidValue;

/// The code of a care provider in the AGB register (*Algemeen
/// GegevensBeheer zorgverleners*). Dutch: *AGB-code*.
///
/// Exactly eight digits; leading zeros are significant in the text but the
/// code is stored as a number. AGB codes carry no check digit that passend
/// relies on. Serialises as its eight-digit string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(into = "String")]
pub struct AgbCode(u32);

impl AgbCode {
    /// Parses exactly eight ASCII digits, e.g. `"12345678"` or `"01000123"`.
    pub fn parse(input: &str) -> Result<AgbCode, InvalidValue> {
        if input.len() != 8 || !input.bytes().all(|byte| byte.is_ascii_digit()) {
            return Err(InvalidValue::new(
                WHAT,
                input,
                "must be exactly 8 digits",
                "moet uit precies 8 cijfers bestaan",
            ));
        }
        let number = input.parse().expect("eight ASCII digits fit in a u32");
        Ok(AgbCode(number))
    }

    /// The code from its number: below 100,000,000 (at most eight digits).
    pub fn from_u32(number: u32) -> Result<AgbCode, InvalidValue> {
        if number >= 100_000_000 {
            return Err(InvalidValue::new(
                WHAT,
                number.to_string(),
                "has more than 8 digits",
                "heeft meer dan 8 cijfers",
            ));
        }
        Ok(AgbCode(number))
    }

    /// The code as a number (leading zeros dropped).
    pub fn as_u32(self) -> u32 {
        self.0
    }
}

impl std::fmt::Display for AgbCode {
    /// The eight digits, zero-padded.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:08}", self.0)
    }
}

impl std::str::FromStr for AgbCode {
    type Err = InvalidValue;
    fn from_str(input: &str) -> Result<AgbCode, InvalidValue> {
        AgbCode::parse(input)
    }
}

impl TryFrom<String> for AgbCode {
    type Error = InvalidValue;
    fn try_from(value: String) -> Result<AgbCode, InvalidValue> {
        AgbCode::parse(&value)
    }
}

impl From<AgbCode> for String {
    fn from(value: AgbCode) -> String {
        value.to_string()
    }
}

const WHAT: &str = "AGB code";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::test_serde::{deserialize_str, serialized};

    fn check(input: &str, expect: Option<u32>) {
        let parsed = AgbCode::parse(input);
        assert_eq!(parsed.as_ref().ok().map(|code| code.as_u32()), expect, "{input:?}: {parsed:?}");
        if let Ok(code) = parsed {
            assert_eq!(code.to_string(), input);
        }
    }

    #[test]
    fn eight_digits_parse() {
        check("12345678", Some(12_345_678));
        check("01000123", Some(1_000_123));
        check("00000000", Some(0));
        check("99999999", Some(99_999_999));
    }

    #[test]
    fn anything_else_fails() {
        check("1234567", None);
        check("123456789", None);
        check("1234 5678", None);
        check("1234567a", None);
        check("+1234567", None);
        check(" 12345678", None);
        check("", None);
        let error = AgbCode::parse("1234567").unwrap_err();
        assert_eq!((error.what, error.value.as_str()), ("AGB code", "1234567"));
    }

    #[test]
    fn from_u32_pads_and_limits() {
        assert_eq!(AgbCode::from_u32(42).unwrap().to_string(), "00000042");
        assert_eq!(AgbCode::from_u32(99_999_999).unwrap().as_u32(), 99_999_999);
        assert!(AgbCode::from_u32(100_000_000).is_err());
    }

    #[test]
    fn order_follows_the_number() {
        assert!(AgbCode::parse("01000000").unwrap() < AgbCode::parse("10000000").unwrap());
    }

    #[test]
    fn serde_uses_the_eight_digit_string() {
        let code = AgbCode::from_u32(1_000_123).unwrap();
        assert_eq!(serialized(&code), "01000123");
        assert_eq!(deserialize_str::<AgbCode>("01000123"), Ok(code));
        assert!(deserialize_str::<AgbCode>("1000123").is_err());
    }
}
