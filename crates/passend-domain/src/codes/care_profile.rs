//! Care profiles (COD163): the care a client is indicated for, and its sector.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::InvalidValue;
use crate::codes::Sector;

/// A care profile: the kind and amount of care a client's Wlz indication
/// grants. Dutch: *zorgprofiel*, in the code list *zorgzwaartepakket* (ZZP).
/// Code list COD163, read from `data/cod163-zorgzwaartepakket.csv`.
///
/// Holds the numeric COD163 code. Only the 60 care profiles are values of
/// this type: codes 996–999 (*Wlz indiceerbaar*, *PGB*, *ZZPX*, *ZZP0*) are
/// administrative and rejected. Displays and serialises as the name (`5VV`);
/// deserialises from the name or the code, as a string (`"754"`) or a number
/// (`754`); that needs a self-describing format such as JSON or TOML. Orders
/// by code.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CareProfile(u16);

impl CareProfile {
    /// Parses the name as written before the colon in COD163 (`5VV`, `9VV A`,
    /// `6VG`, `3LVG`, `1SGLVG`, `4GGZ B`, `2GGZ W`, `3ZGvis`, `1ZGaud`), exactly
    /// and case-sensitively, or the numeric code as a string (`754`, without
    /// sign or leading zeros).
    pub fn parse(input: &str) -> Result<CareProfile, InvalidValue> {
        if let Some(&code) = COD163.by_name.get(input) {
            return CareProfile::checked(code, input);
        }
        let is_plain_number = !input.is_empty()
            && input.bytes().all(|byte| byte.is_ascii_digit())
            && (input == "0" || !input.starts_with('0'));
        match input.parse::<u16>() {
            Ok(code) if is_plain_number => CareProfile::checked(code, input),
            _ => Err(unknown(input)),
        }
    }

    /// The care profile of a COD163 code.
    pub fn from_code(code: u16) -> Result<CareProfile, InvalidValue> {
        CareProfile::checked(code, &code.to_string())
    }

    /// The COD163 code, e.g. 754.
    pub fn code(self) -> u16 {
        self.0
    }

    /// The name, e.g. `5VV`.
    pub fn name(self) -> &'static str {
        self.row().name
    }

    /// The COD163 description after the name, e.g. "Beschermd wonen met
    /// intensieve dementiezorg".
    pub fn description_nl(self) -> &'static str {
        self.row().description
    }

    /// The sector, from the name (scenarios/README.md, "Codes"): a name
    /// containing `VV` is VV (`9VV A` and `9VV B` included), one containing
    /// `GGZ` (B, C, W) is GGZ, every other (VG, LG, LVG, SGLVG, ZGvis, ZGaud)
    /// is GHZ.
    pub fn sector(self) -> Sector {
        let name = self.name();
        if name.contains("VV") {
            Sector::Vv
        } else if name.contains("GGZ") {
            Sector::Ggz
        } else {
            Sector::Ghz
        }
    }

    /// The 60 care profiles, in code order (not the administrative 996–999).
    pub fn all() -> impl Iterator<Item = CareProfile> {
        COD163.rows.iter().filter(|row| !is_administrative(row.code)).map(|row| CareProfile(row.code))
    }

    fn checked(code: u16, input: &str) -> Result<CareProfile, InvalidValue> {
        match COD163.row(code) {
            Some(row) if is_administrative(code) => Err(InvalidValue::new(
                WHAT,
                input,
                format!("COD163 code {code} ({}) is administrative, not a care profile", row.name),
                format!("COD163-code {code} ({}) is administratief, geen zorgprofiel", row.name),
            )),
            Some(_) => Ok(CareProfile(code)),
            None => Err(unknown(input)),
        }
    }

    fn row(self) -> &'static Cod163Row {
        COD163.row(self.0).expect("a CareProfile holds a code of COD163")
    }
}

impl std::fmt::Display for CareProfile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::fmt::Debug for CareProfile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "CareProfile({} {})", self.0, self.name())
    }
}

impl std::str::FromStr for CareProfile {
    type Err = InvalidValue;
    fn from_str(input: &str) -> Result<CareProfile, InvalidValue> {
        CareProfile::parse(input)
    }
}

impl serde::Serialize for CareProfile {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl<'de> serde::Deserialize<'de> for CareProfile {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<CareProfile, D::Error> {
        deserializer.deserialize_any(NameOrCode)
    }
}

/// Deserialises a care profile from its name, its code as a string, or its
/// code as a number.
struct NameOrCode;

impl serde::de::Visitor<'_> for NameOrCode {
    type Value = CareProfile;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a COD163 care profile name (\"5VV\") or code (754 or \"754\")")
    }

    fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<CareProfile, E> {
        CareProfile::parse(value).map_err(E::custom)
    }

    fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<CareProfile, E> {
        let code = u16::try_from(value).map_err(|_| E::custom(unknown(&value.to_string())))?;
        CareProfile::from_code(code).map_err(E::custom)
    }

    fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<CareProfile, E> {
        let code = u64::try_from(value).map_err(|_| E::custom(unknown(&value.to_string())))?;
        self.visit_u64(code)
    }
}

const WHAT: &str = "care profile";

const DATA: &str = include_str!("../../data/cod163-zorgzwaartepakket.csv");

const HEADER: &str = "code,name,description";

/// COD163, parsed on first use. The file is compiled in and a unit test parses
/// it, so a failure here is a build defect.
static COD163: LazyLock<Cod163> =
    LazyLock::new(|| Cod163::parse(DATA).unwrap_or_else(|error| panic!("data/cod163-zorgzwaartepakket.csv: {error}")));

/// COD163 codes 996–999 are administrative, not care profiles.
fn is_administrative(code: u16) -> bool {
    (996..=999).contains(&code)
}

fn unknown(input: &str) -> InvalidValue {
    InvalidValue::new(
        WHAT,
        input,
        "not a COD163 care profile name (such as 5VV) or code (such as 754)",
        "geen zorgprofiel uit COD163 (naam zoals 5VV of code zoals 754)",
    )
}

/// One row of the COD163 file.
#[derive(Debug)]
struct Cod163Row {
    code: u16,
    name: &'static str,
    description: &'static str,
}

/// The whole code list: rows sorted by code, and the code of every name.
#[derive(Debug)]
struct Cod163 {
    rows: Vec<Cod163Row>,
    by_name: HashMap<&'static str, u16>,
}

impl Cod163 {
    fn parse(text: &'static str) -> Result<Cod163, String> {
        let mut rows = Vec::new();
        for (line_number, line) in super::csv_data_lines(text, HEADER)? {
            rows.push(parse_row(line).map_err(|error| format!("line {line_number}: {error}"))?);
        }
        rows.sort_by_key(|row| row.code);
        if let Some(pair) = rows.windows(2).find(|pair| pair[0].code == pair[1].code) {
            return Err(format!("code {} appears twice", pair[0].code));
        }
        let mut by_name = HashMap::new();
        for row in &rows {
            if by_name.insert(row.name, row.code).is_some() {
                return Err(format!("name {:?} appears twice", row.name));
            }
        }
        Ok(Cod163 { rows, by_name })
    }

    fn row(&self, code: u16) -> Option<&Cod163Row> {
        let index = self.rows.binary_search_by_key(&code, |row| row.code).ok()?;
        Some(&self.rows[index])
    }
}

fn parse_row(line: &'static str) -> Result<Cod163Row, String> {
    let fields = super::split_csv_line(line)?;
    let [code_text, name, description] = fields[..] else {
        return Err(format!("{} fields, expected 3 ({HEADER})", fields.len()));
    };
    let code: u16 = code_text.parse().map_err(|_| format!("code {code_text:?} is not a number"))?;
    if code.to_string() != code_text {
        return Err(format!("code {code_text:?} is not written plainly"));
    }
    if name.is_empty() || name.trim() != name || name.bytes().all(|byte| byte.is_ascii_digit()) {
        return Err(format!("name {name:?} is empty, padded or a number"));
    }
    if description.trim().is_empty() {
        return Err("the description is empty".to_owned());
    }
    Ok(Cod163Row { code, name, description })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::test_serde::{deserialize_str, deserialize_u64, serialized};

    #[test]
    fn every_row_of_the_data_file_parses() {
        let table = Cod163::parse(DATA).expect("the COD163 file parses");
        assert_eq!(table.rows.len(), 64);
        assert_eq!(table.rows.iter().filter(|row| is_administrative(row.code)).count(), 4);
        assert_eq!(CareProfile::all().count(), 60);
    }

    #[test]
    fn every_care_profile_parses_by_name_and_by_code_and_back() {
        // Read the file independently of Cod163, so that a lost row fails.
        let mut seen = 0;
        for line in DATA.lines().skip(1) {
            let fields = crate::codes::split_csv_line(line).unwrap();
            let (code, name, description) = (fields[0], fields[1], fields[2]);
            let numeric: u16 = code.parse().unwrap();
            if is_administrative(numeric) {
                continue;
            }
            let by_name = CareProfile::parse(name).unwrap();
            assert_eq!(CareProfile::parse(code), Ok(by_name), "{line}");
            assert_eq!(CareProfile::from_code(numeric), Ok(by_name), "{line}");
            assert_eq!(by_name.code(), numeric);
            assert_eq!(by_name.name(), name);
            assert_eq!(by_name.description_nl(), description);
            assert_eq!(by_name.to_string(), name);
            assert_eq!(serialized(&by_name), name);
            assert_eq!(deserialize_str::<CareProfile>(name), Ok(by_name));
            assert_eq!(deserialize_str::<CareProfile>(code), Ok(by_name));
            assert_eq!(deserialize_u64::<CareProfile>(u64::from(numeric)), Ok(by_name));
            seen += 1;
        }
        assert_eq!(seen, 60);
    }

    #[test]
    fn names_from_the_scenario_readme() {
        for (name, code) in [
            ("5VV", 754),
            ("9VV A", 190),
            ("9VV B", 191),
            ("9VV", 758),
            ("10VV", 759),
            ("6VG", 810),
            ("3LVG", 782),
            ("1SGLVG", 790),
            ("4GGZ B", 766),
            ("2GGZ W", 882),
            ("3ZGvis", 844),
            ("1ZGaud", 850),
        ] {
            assert_eq!(CareProfile::parse(name).map(CareProfile::code), Ok(code), "{name}");
        }
        assert_eq!(CareProfile::parse("754").unwrap().description_nl(), "Beschermd wonen met intensieve dementiezorg");
    }

    #[test]
    fn sector_follows_the_name() {
        for (code, sector) in [
            (754, Sector::Vv),
            (190, Sector::Vv),
            (191, Sector::Vv),
            (759, Sector::Vv),
            (766, Sector::Ggz),
            (760, Sector::Ggz),
            (880, Sector::Ggz),
            (790, Sector::Ghz),
            (780, Sector::Ghz),
            (800, Sector::Ghz),
            (820, Sector::Ghz),
            (840, Sector::Ghz),
            (850, Sector::Ghz),
        ] {
            assert_eq!(CareProfile::from_code(code).unwrap().sector(), sector, "{code}");
        }
        let count = |sector| CareProfile::all().filter(|profile| profile.sector() == sector).count();
        assert_eq!((count(Sector::Vv), count(Sector::Ghz), count(Sector::Ggz)), (12, 30, 18));
    }

    #[test]
    fn administrative_codes_are_rejected_as_such() {
        for input in ["996", "997", "998", "999", "Wlz Indiceerbaar", "PGB", "ZZPX", "ZZP0"] {
            let error = CareProfile::parse(input).unwrap_err();
            assert!(error.reason.contains("administrative"), "{input}: {error}");
            assert!(error.reason_nl.contains("administratief"), "{input}: {error}");
            assert_eq!(error.value, input);
        }
        let error = CareProfile::from_code(996).unwrap_err();
        assert_eq!(error.reason, "COD163 code 996 (Wlz Indiceerbaar) is administrative, not a care profile");
        assert!(deserialize_u64::<CareProfile>(999).is_err());
        assert!(CareProfile::all().all(|profile| profile.code() < 996));
    }

    #[test]
    fn unknown_values_are_rejected_with_the_value() {
        for input in [
            "5vv",
            "5VV ",
            " 5VV",
            "5 VV",
            "9VVA",
            "4GGZB",
            "1zgvis",
            "0754",
            "+754",
            "7540",
            "761",
            "0",
            "",
            "65536",
            "5VV: Beschermd wonen met intensieve dementiezorg",
        ] {
            let error = CareProfile::parse(input).unwrap_err();
            assert_eq!((error.what, error.value.as_str()), ("care profile", input));
            assert!(error.reason.starts_with("not a COD163"), "{input}: {error}");
        }
        assert!(CareProfile::from_code(761).is_err());
        assert!(deserialize_u64::<CareProfile>(70_000).is_err());
        assert!(deserialize_str::<CareProfile>("5vv").is_err());
    }

    #[test]
    fn all_is_in_code_order() {
        let codes: Vec<u16> = CareProfile::all().map(CareProfile::code).collect();
        assert!(codes.is_sorted());
        assert_eq!(codes.first(), Some(&190));
        assert_eq!(codes.last(), Some(&888));
    }

    #[test]
    fn defective_data_is_reported() {
        let check = |text: &'static str, expect: &str| {
            let error = Cod163::parse(text).unwrap_err();
            assert!(error.contains(expect), "{error:?} lacks {expect:?}");
        };
        check("code,name\n754,5VV\n", "header");
        check("code,name,description\n754,5VV,a\n754,6VV,b\n", "code 754 appears twice");
        check("code,name,description\n754,5VV,a\n755,5VV,b\n", "appears twice");
        check("code,name,description\n75x,5VV,a\n", "line 2");
        check("code,name,description\n0754,5VV,a\n", "not written plainly");
        check("code,name,description\n754,5VV\n", "2 fields");
        check("code,name,description\n754,,a\n", "name");
    }
}
