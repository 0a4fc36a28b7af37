//! Dutch postcodes: six positions (PC6, `1234 AB`) or the four digits (PC4).

use crate::InvalidValue;

/// A Dutch postcode. Dutch: *postcode*.
///
/// Either the full postcode (PC6): four digits 1000–9999 and two letters,
/// written `1234AB` or `1234 AB` (lowercase letters are accepted and
/// normalised to uppercase; the letter pairs SA, SD and SS are not issued and
/// are rejected), or only the four digits (PC4): `1234`. Displays and
/// serialises as `1234 AB` or `1234`. Orders by the digits, a PC4 before the
/// PC6 codes that share its digits.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(into = "String")]
pub struct Postcode {
    pc4: u16,
    letters: Option<[u8; 2]>,
}

impl Postcode {
    /// Parses `1234AB`, `1234 AB`, `1234ab`, `1234 ab` or `1234`.
    pub fn parse(input: &str) -> Result<Postcode, InvalidValue> {
        let bytes = input.as_bytes();
        let (digits, rest) = bytes.split_at(bytes.len().min(4));
        if digits.len() != 4 || !digits.iter().all(u8::is_ascii_digit) {
            return Err(wrong_shape(input));
        }
        if digits[0] == b'0' {
            return Err(InvalidValue::new(
                WHAT,
                input,
                "the first digit cannot be 0 (postcodes run from 1000 to 9999)",
                "het eerste cijfer kan geen 0 zijn (postcodes lopen van 1000 tot 9999)",
            ));
        }
        let pc4 = digits.iter().fold(0u16, |number, digit| number * 10 + u16::from(digit - b'0'));
        let letters = match rest {
            [] => None,
            [first, second] | [b' ', first, second] if first.is_ascii_alphabetic() && second.is_ascii_alphabetic() => {
                Some([first.to_ascii_uppercase(), second.to_ascii_uppercase()])
            }
            _ => return Err(wrong_shape(input)),
        };
        if let Some(pair @ ([b'S', b'A'] | [b'S', b'D'] | [b'S', b'S'])) = letters {
            let pair = String::from_utf8_lossy(&pair).into_owned();
            return Err(InvalidValue::new(
                WHAT,
                input,
                format!("the letters {pair} are not issued (SA, SD and SS are never used)"),
                format!("de letters {pair} worden niet uitgegeven (SA, SD en SS komen niet voor)"),
            ));
        }
        Ok(Postcode { pc4, letters })
    }

    /// The four digits as a number, 1000–9999.
    pub fn pc4(&self) -> u16 {
        self.pc4
    }

    /// The two uppercase letters of a PC6 postcode; `None` for a PC4.
    pub fn letters(&self) -> Option<&str> {
        self.letters.as_ref().map(|letters| std::str::from_utf8(letters).expect("postcode letters are ASCII"))
    }
}

impl std::fmt::Display for Postcode {
    /// `1234 AB` or `1234`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.letters() {
            Some(letters) => write!(f, "{} {letters}", self.pc4),
            None => write!(f, "{}", self.pc4),
        }
    }
}

impl std::fmt::Debug for Postcode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Postcode").field(&self.to_string()).finish()
    }
}

impl std::str::FromStr for Postcode {
    type Err = InvalidValue;
    fn from_str(input: &str) -> Result<Postcode, InvalidValue> {
        Postcode::parse(input)
    }
}

impl TryFrom<String> for Postcode {
    type Error = InvalidValue;
    fn try_from(value: String) -> Result<Postcode, InvalidValue> {
        Postcode::parse(&value)
    }
}

impl From<Postcode> for String {
    fn from(value: Postcode) -> String {
        value.to_string()
    }
}

const WHAT: &str = "postcode";

fn wrong_shape(input: &str) -> InvalidValue {
    InvalidValue::new(
        WHAT,
        input,
        "must be four digits, optionally followed by two letters: 1234AB, 1234 AB or 1234",
        "moet bestaan uit vier cijfers, eventueel gevolgd door twee letters: 1234AB, 1234 AB of 1234",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::test_serde::{deserialize_str, serialized};

    /// `expect`: the normal form, or `None` when the input is invalid.
    fn check(input: &str, expect: Option<&str>) {
        let parsed = Postcode::parse(input);
        assert_eq!(parsed.as_ref().ok().map(Postcode::to_string).as_deref(), expect, "{input:?}");
    }

    #[test]
    fn pc6_in_every_accepted_spelling() {
        check("1234AB", Some("1234 AB"));
        check("1234 AB", Some("1234 AB"));
        check("1234ab", Some("1234 AB"));
        check("1234 aB", Some("1234 AB"));
        check("9999ZZ", Some("9999 ZZ"));
        check("1000AA", Some("1000 AA"));
        let postcode = Postcode::parse("3511 ce").unwrap();
        assert_eq!((postcode.pc4(), postcode.letters()), (3511, Some("CE")));
    }

    #[test]
    fn debug_shows_the_normal_form() {
        assert_eq!(format!("{:?}", Postcode::parse("1234ab").unwrap()), "Postcode(\"1234 AB\")");
    }

    #[test]
    fn pc4_alone() {
        check("1234", Some("1234"));
        let postcode = Postcode::parse("1234").unwrap();
        assert_eq!((postcode.pc4(), postcode.letters()), (1234, None));
    }

    #[test]
    fn invalid_shapes_fail() {
        for input in [
            "0123AB", "0999", "123AB", "123", "12345", "12345A", "1234A", "1234ABC", "1234  AB", "1234-AB", " 1234AB",
            "1234AB ", "1234 A1", "1234 ÄB", "", "ABCD", "1234 ",
        ] {
            check(input, None);
        }
    }

    #[test]
    fn letter_pairs_sa_sd_ss_are_not_issued() {
        for input in ["1234SA", "1234 SD", "1234ss", "1234 sA"] {
            check(input, None);
        }
        check("1234SB", Some("1234 SB"));
        check("1234AS", Some("1234 AS"));
        let error = Postcode::parse("1234SS").unwrap_err();
        assert!(error.reason.contains("SS"), "{error}");
    }

    #[test]
    fn pc4_orders_before_its_pc6_codes() {
        let pc4 = Postcode::parse("1234").unwrap();
        let pc6 = Postcode::parse("1234AA").unwrap();
        let next = Postcode::parse("1235").unwrap();
        assert!(pc4 < pc6 && pc6 < next);
    }

    #[test]
    fn serde_uses_the_normal_form() {
        let postcode = Postcode::parse("1234ab").unwrap();
        assert_eq!(serialized(&postcode), "1234 AB");
        assert_eq!(deserialize_str::<Postcode>("1234AB"), Ok(postcode));
        assert!(deserialize_str::<Postcode>("1234SA").is_err());
    }
}
