//! The citizen service number (BSN): nine digits that pass the eleven test.

use crate::InvalidValue;

/// A citizen service number. Dutch: *burgerservicenummer* (BSN).
///
/// Exactly nine digits, no spaces or separators, passing the eleven test
/// (*elfproef*): `9·d1 + 8·d2 + 7·d3 + 6·d4 + 5·d5 + 4·d6 + 3·d7 + 2·d8 − 1·d9`
/// is a multiple of 11. `000000000` passes that test but is not a BSN.
/// Serialises as its nine-digit string.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(into = "String")]
pub struct Bsn([u8; 9]);

impl Bsn {
    /// [`Bsn::from_serial`] gives a distinct BSN for every serial below this
    /// number; larger serials wrap around.
    pub const DISTINCT_SERIALS: u32 = SERIALS_PER_CHOICE * CHOICES_PER_HEAD;

    /// Parses exactly nine digits that pass the eleven test.
    pub fn parse(input: &str) -> Result<Bsn, InvalidValue> {
        let Ok(digits) = <[u8; 9]>::try_from(input.as_bytes()) else {
            return Err(not_nine_digits(input));
        };
        if !digits.iter().all(u8::is_ascii_digit) {
            return Err(not_nine_digits(input));
        }
        if digits == [b'0'; 9] {
            return Err(InvalidValue::new(WHAT, input, "consists of zeros only", "bestaat alleen uit nullen"));
        }
        let values = digits.map(|digit| u32::from(digit - b'0'));
        let head: [u32; 8] = values[..8].try_into().expect("a BSN has eight head digits");
        if weighted_head_sum(head) % 11 != values[8] {
            return Err(InvalidValue::new(
                WHAT,
                input,
                "fails the eleven test (11-proef)",
                "voldoet niet aan de elfproef",
            ));
        }
        Ok(Bsn(digits))
    }

    /// The nine digits.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).expect("a BSN holds ASCII digits only")
    }

    /// Builds a valid BSN deterministically from a serial number, for
    /// synthetic data.
    ///
    /// The last seven digits of the serial (`serial % 10_000_000`) become the
    /// first seven digits of the BSN. The eighth digit is the k-th digit, in
    /// ascending order, for which a ninth digit satisfies the eleven test
    /// (a digit whose weighted sum leaves remainder 10 has none and is
    /// skipped), with `k = serial / 10_000_000`. At least eight such digits
    /// exist for every head, so every serial below [`Bsn::DISTINCT_SERIALS`]
    /// gives a different BSN; larger serials wrap around. The result is never
    /// `000000000`.
    pub fn from_serial(serial: u32) -> Bsn {
        let serial = serial % Bsn::DISTINCT_SERIALS;
        let head = serial % SERIALS_PER_CHOICE;
        let choice = serial / SERIALS_PER_CHOICE;

        let mut values = [0u32; 8];
        let mut rest = head;
        for value in values[..7].iter_mut().rev() {
            *value = rest % 10;
            rest /= 10;
        }
        let mut workable = (0..=9u32).filter_map(|eighth| {
            values[7] = eighth;
            let check = weighted_head_sum(values) % 11;
            let all_zero = head == 0 && eighth == 0;
            (check != 10 && !all_zero).then_some((eighth, check))
        });
        let (eighth, check) =
            workable.nth(choice as usize).expect("every head has at least eight workable eighth digits");
        values[7] = eighth;

        let mut digits = [0u8; 9];
        for (digit, value) in digits.iter_mut().zip(values.iter().chain([&check])) {
            *digit = b'0' + u8::try_from(*value).expect("a decimal digit");
        }
        Bsn(digits)
    }
}

impl std::fmt::Display for Bsn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::fmt::Debug for Bsn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Bsn").field(&self.as_str()).finish()
    }
}

impl std::str::FromStr for Bsn {
    type Err = InvalidValue;
    fn from_str(input: &str) -> Result<Bsn, InvalidValue> {
        Bsn::parse(input)
    }
}

impl TryFrom<String> for Bsn {
    type Error = InvalidValue;
    fn try_from(value: String) -> Result<Bsn, InvalidValue> {
        Bsn::parse(&value)
    }
}

impl From<Bsn> for String {
    fn from(value: Bsn) -> String {
        value.as_str().to_owned()
    }
}

const WHAT: &str = "BSN";

/// Serials per choice of the eighth digit: the seven head digits.
const SERIALS_PER_CHOICE: u32 = 10_000_000;

/// Choices of the eighth digit that always exist (nine in general, eight for
/// the all-zero head, where `0` would give `000000000`).
const CHOICES_PER_HEAD: u32 = 8;

/// `9·d1 + 8·d2 + … + 2·d8`; the eleven test holds when this sum leaves the
/// ninth digit as remainder modulo 11.
fn weighted_head_sum(head: [u32; 8]) -> u32 {
    head.iter().zip((2..=9).rev()).map(|(digit, weight)| digit * weight).sum()
}

fn not_nine_digits(input: &str) -> InvalidValue {
    InvalidValue::new(
        WHAT,
        input,
        "must be exactly 9 digits, without spaces",
        "moet uit precies 9 cijfers bestaan, zonder spaties",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// The eleven test written out independently of the implementation.
    fn passes_eleven_test(text: &str) -> bool {
        let d: Vec<i64> = text.bytes().map(|b| i64::from(b - b'0')).collect();
        let sum = 9 * d[0] + 8 * d[1] + 7 * d[2] + 6 * d[3] + 5 * d[4] + 4 * d[5] + 3 * d[6] + 2 * d[7] - d[8];
        sum.rem_euclid(11) == 0
    }

    fn check(input: &str, expect_valid: bool) {
        let parsed = Bsn::parse(input);
        assert_eq!(parsed.is_ok(), expect_valid, "{input:?}: {parsed:?}");
        if let Ok(bsn) = parsed {
            assert_eq!(bsn.as_str(), input);
            assert_eq!(bsn.to_string(), input);
        }
    }

    #[test]
    fn valid_numbers_parse() {
        // 9+8+7+2·6+2·5+2·4+3·3+3·2−3 = 66 = 6·11.
        assert!(passes_eleven_test("111222333"));
        check("111222333", true);
        // Head sum 9·1+8·2+7·3+6·4+5·5+4·6+3·7+2·8 = 156 = 14·11 + 2, so d9 = 2.
        check("123456782", true);
        check("999999990", true);
        check("012345672", true);
    }

    #[test]
    fn invalid_numbers_fail() {
        // 9·1+8·2+7·3+6·4+5·5+4·6+3·7+2·8−9 = 147, 147 mod 11 = 4.
        assert!(!passes_eleven_test("123456789"));
        check("123456789", false);
        check("000000000", false);
        check("11122233", false);
        check("1112223330", false);
        check("111 222 333", false);
        check(" 111222333", false);
        check("11122233x", false);
        check("", false);
        check("١١١٢٢٢٣٣٣", false);
    }

    #[test]
    fn debug_shows_the_digits() {
        assert_eq!(format!("{:?}", Bsn::parse("111222333").unwrap()), "Bsn(\"111222333\")");
    }

    #[test]
    fn errors_name_the_value_and_reason() {
        let error = Bsn::parse("123456789").unwrap_err();
        assert_eq!(error.what, "BSN");
        assert_eq!(error.value, "123456789");
        assert_eq!(error.reason, "fails the eleven test (11-proef)");
        assert_eq!(error.reason_nl, "voldoet niet aan de elfproef");
    }

    #[test]
    fn from_serial_gives_distinct_valid_numbers() {
        let mut seen = HashSet::new();
        for serial in 0..100_000 {
            let bsn = Bsn::from_serial(serial);
            assert!(passes_eleven_test(bsn.as_str()), "{bsn}");
            assert_eq!(Bsn::parse(bsn.as_str()), Ok(bsn));
            assert!(seen.insert(bsn), "serial {serial} repeats {bsn}");
        }
    }

    #[test]
    fn from_serial_is_distinct_across_choices_of_the_eighth_digit() {
        let mut seen = HashSet::new();
        for choice in 0..CHOICES_PER_HEAD {
            for head in [0, 1, 2, 9_999_999] {
                let bsn = Bsn::from_serial(choice * SERIALS_PER_CHOICE + head);
                assert!(seen.insert(bsn), "{bsn}");
            }
        }
        assert_eq!(Bsn::from_serial(Bsn::DISTINCT_SERIALS), Bsn::from_serial(0));
        assert_eq!(Bsn::from_serial(u32::MAX), Bsn::from_serial(u32::MAX % Bsn::DISTINCT_SERIALS));
    }

    #[test]
    fn serde_uses_the_string() {
        let bsn = Bsn::parse("111222333").unwrap();
        assert_eq!(crate::ids::test_serde::serialized(&bsn), "111222333");
        assert_eq!(crate::ids::test_serde::deserialize_str::<Bsn>("111222333"), Ok(bsn));
        assert!(crate::ids::test_serde::deserialize_str::<Bsn>("123456789").is_err());
    }

    proptest::proptest! {
        #[test]
        fn from_serial_round_trips_through_parse(serial in proptest::num::u32::ANY) {
            let bsn = Bsn::from_serial(serial);
            proptest::prop_assert_eq!(Bsn::parse(bsn.as_str()), Ok(bsn));
        }

        #[test]
        fn from_serial_is_injective_below_the_limit(
            a in 0..Bsn::DISTINCT_SERIALS,
            b in 0..Bsn::DISTINCT_SERIALS,
        ) {
            proptest::prop_assume!(a != b);
            proptest::prop_assert_ne!(Bsn::from_serial(a), Bsn::from_serial(b));
        }

        #[test]
        fn one_changed_digit_fails_the_eleven_test(
            serial in proptest::num::u32::ANY,
            position in 0usize..9,
            delta in 1u8..10,
        ) {
            let mut digits = Bsn::from_serial(serial).as_str().as_bytes().to_vec();
            digits[position] = b'0' + (digits[position] - b'0' + delta) % 10;
            let text = String::from_utf8(digits).unwrap();
            proptest::prop_assert!(Bsn::parse(&text).is_err(), "{}", text);
        }
    }
}
