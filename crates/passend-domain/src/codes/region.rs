//! The 31 zorgkantoor regions (COD001), by short name and code.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::InvalidValue;

/// A zorgkantoor region: the area one *zorgkantoor* (Wlz care office) serves.
/// Dutch: *zorgkantoorregio*. Code list COD001, read from `data/regions.csv`,
/// passend's canonical list of the 31 regions.
///
/// Given by its short name (`Haaglanden`), its COD001 code (`5518`) or one of
/// its other valid codes (Friesland `5533`, Rotterdam `5522`), all exact and
/// case-sensitive. Displays and serialises as the short name; deserialises
/// from any accepted form. Orders by COD001 code.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Region(u8);

impl Region {
    /// Parses a short name, a COD001 code or another code of a region, exactly.
    pub fn parse(input: &str) -> Result<Region, InvalidValue> {
        REGIONS.by_text.get(input).map(|&index| Region(index)).ok_or_else(|| {
            InvalidValue::new(
                WHAT,
                input,
                "not a zorgkantoorregio name or COD001 code",
                "geen zorgkantoorregio (naam of COD001-code)",
            )
        })
    }

    /// The region of a COD001 code, its main code or another one (5522 is
    /// Rotterdam, 5533 Friesland).
    pub fn from_cod001(code: u16) -> Result<Region, InvalidValue> {
        Region::parse(&code.to_string())
    }

    /// The main COD001 code, e.g. 5518.
    pub fn cod001(self) -> u16 {
        self.row().cod001
    }

    /// The short name passend uses everywhere, e.g. `Haaglanden`.
    pub fn name(self) -> &'static str {
        self.row().name
    }

    /// The COD001 description, e.g. "Zorgkantoor Haaglanden".
    pub fn official_name(self) -> &'static str {
        self.row().official_name
    }

    /// Inhabitants in 2019.
    pub fn inhabitants(self) -> u32 {
        self.row().inhabitants
    }

    /// Further valid COD001 codes of the region, usually none.
    pub fn other_codes(self) -> &'static [u16] {
        &self.row().other_codes
    }

    /// The 31 regions, in COD001 order.
    pub fn all() -> impl Iterator<Item = Region> {
        (0..REGIONS.rows.len()).map(|index| Region(u8::try_from(index).expect("few regions")))
    }

    fn row(self) -> &'static RegionRow {
        &REGIONS.rows[usize::from(self.0)]
    }
}

impl std::fmt::Display for Region {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::fmt::Debug for Region {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Region({} {})", self.cod001(), self.name())
    }
}

impl std::str::FromStr for Region {
    type Err = InvalidValue;
    fn from_str(input: &str) -> Result<Region, InvalidValue> {
        Region::parse(input)
    }
}

impl serde::Serialize for Region {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

const WHAT: &str = "zorgkantoorregio";

const DATA: &str = include_str!("../../data/regions.csv");

const HEADER: &str = "cod001,name,official_name,inhabitants_2019,other_codes";

/// The regions, parsed on first use. The file is compiled in and a unit test
/// parses it, so a failure here is a build defect.
static REGIONS: LazyLock<Regions> =
    LazyLock::new(|| Regions::parse(DATA).unwrap_or_else(|error| panic!("data/regions.csv: {error}")));

/// One row of `regions.csv`.
#[derive(Debug)]
struct RegionRow {
    cod001: u16,
    name: &'static str,
    official_name: &'static str,
    inhabitants: u32,
    other_codes: Vec<u16>,
}

/// The regions sorted by COD001 code, and the region of every accepted text.
#[derive(Debug)]
struct Regions {
    rows: Vec<RegionRow>,
    by_text: HashMap<String, u8>,
}

impl Regions {
    fn parse(text: &'static str) -> Result<Regions, String> {
        let mut rows = Vec::new();
        for (line_number, line) in super::csv_data_lines(text, HEADER)? {
            rows.push(parse_row(line).map_err(|error| format!("line {line_number}: {error}"))?);
        }
        rows.sort_by_key(|row| row.cod001);
        if rows.len() > usize::from(u8::MAX) {
            return Err(format!("{} regions, at most {} supported", rows.len(), u8::MAX));
        }
        let mut by_text = HashMap::new();
        for (index, row) in rows.iter().enumerate() {
            let index = u8::try_from(index).expect("checked above");
            let codes = std::iter::once(row.cod001).chain(row.other_codes.iter().copied());
            for text in std::iter::once(row.name.to_owned()).chain(codes.map(|c| c.to_string())) {
                if by_text.insert(text.clone(), index).is_some() {
                    return Err(format!("{text:?} names two regions"));
                }
            }
        }
        Ok(Regions { rows, by_text })
    }
}

fn parse_row(line: &'static str) -> Result<RegionRow, String> {
    let fields = super::split_csv_line(line)?;
    let [cod001, name, official_name, inhabitants, other_codes] = fields[..] else {
        return Err(format!("{} fields, expected 5 ({HEADER})", fields.len()));
    };
    if name.is_empty() || name.trim() != name || name.bytes().all(|byte| byte.is_ascii_digit()) {
        return Err(format!("name {name:?} is empty, padded or a number"));
    }
    if official_name.trim().is_empty() {
        return Err("the official name is empty".to_owned());
    }
    let inhabitants = inhabitants.parse().map_err(|_| format!("inhabitants {inhabitants:?} is not a number"))?;
    let other_codes = other_codes
        .split(';')
        .map(str::trim)
        .filter(|code| !code.is_empty())
        .map(parse_code)
        .collect::<Result<_, _>>()?;
    Ok(RegionRow { cod001: parse_code(cod001)?, name, official_name, inhabitants, other_codes })
}

/// A COD001 code: four digits, 5501–5533 in practice.
fn parse_code(text: &str) -> Result<u16, String> {
    match text.parse::<u16>() {
        Ok(code) if text.len() == 4 && text.bytes().all(|byte| byte.is_ascii_digit()) => Ok(code),
        _ => Err(format!("{text:?} is not a four-digit COD001 code")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::test_serde::{deserialize_str, serialized};

    fn region(input: &str) -> Region {
        Region::parse(input).unwrap_or_else(|error| panic!("{error}"))
    }

    #[test]
    fn every_row_of_the_data_file_parses() {
        let regions = Regions::parse(DATA).expect("regions.csv parses");
        assert_eq!(regions.rows.len(), 31);
        assert_eq!(DATA.lines().skip(1).filter(|line| !line.is_empty()).count(), 31);
        assert_eq!(Region::all().count(), 31);
    }

    #[test]
    fn name_code_and_other_code_are_one_region() {
        assert_eq!(region("Haaglanden"), region("5518"));
        assert_eq!(region("Friesland"), region("5502"));
        assert_eq!(region("Friesland"), region("5533"));
        assert_eq!(region("Rotterdam"), region("5521"));
        assert_eq!(region("Rotterdam"), region("5522"));
        assert_eq!(Region::from_cod001(5522), Ok(region("Rotterdam")));
        assert_eq!(region("5533").cod001(), 5502);
        assert_eq!(region("Friesland").other_codes(), &[5533]);
        assert_eq!(region("Utrecht").other_codes(), &[] as &[u16]);
    }

    #[test]
    fn every_region_round_trips_by_name_and_codes() {
        for region in Region::all() {
            assert_eq!(Region::parse(region.name()), Ok(region));
            assert_eq!(Region::parse(&region.cod001().to_string()), Ok(region));
            assert_eq!(Region::from_cod001(region.cod001()), Ok(region));
            for &code in region.other_codes() {
                assert_eq!(Region::from_cod001(code), Ok(region));
            }
            assert_eq!(region.to_string(), region.name());
            assert_eq!(serialized(&region), region.name());
            assert_eq!(deserialize_str::<Region>(region.name()), Ok(region));
            assert_eq!(deserialize_str::<Region>(&region.cod001().to_string()), Ok(region));
        }
    }

    #[test]
    fn fields_come_from_the_file() {
        let haaglanden = region("Haaglanden");
        assert_eq!(haaglanden.cod001(), 5518);
        assert_eq!(haaglanden.official_name(), "Zorgkantoor Haaglanden");
        assert_eq!(haaglanden.inhabitants(), 786_612);
        let apeldoorn = region("Apeldoorn / Zutphen");
        assert_eq!(apeldoorn.official_name(), "Zorgkantoor Apeldoorn, Zutphen en omstreken");
        assert_eq!(region("'t Gooi").cod001(), 5511);
    }

    #[test]
    fn all_is_in_cod001_order() {
        let codes: Vec<u16> = Region::all().map(Region::cod001).collect();
        assert!(codes.is_sorted());
        assert_eq!((codes[0], codes[30]), (5501, 5532));
        assert!(!codes.contains(&5522) && !codes.contains(&5533));
        assert!(Region::all().is_sorted());
    }

    #[test]
    fn unknown_regions_are_rejected() {
        for input in [
            "haaglanden",
            "HAAGLANDEN",
            " Haaglanden",
            "Zorgkantoor Haaglanden",
            "Den Haag",
            "5500",
            "5534",
            "05518",
            "55180",
            "",
            "Apeldoorn/Zutphen",
        ] {
            let error = Region::parse(input).unwrap_err();
            assert_eq!(error.value, input);
            assert_eq!(error.reason, "not a zorgkantoorregio name or COD001 code");
            assert_eq!(error.reason_nl, "geen zorgkantoorregio (naam of COD001-code)");
        }
        assert!(Region::from_cod001(5500).is_err());
        assert!(deserialize_str::<Region>("haaglanden").is_err());
    }

    #[test]
    fn other_codes_are_separated_by_semicolons() {
        let text =
            concat!("cod001,name,official_name,inhabitants_2019,other_codes\n", "5501,A,Zorgkantoor A,1,5540; 5541\n",);
        let regions = Regions::parse(text).unwrap();
        assert_eq!(regions.rows[0].other_codes, [5540, 5541]);
        assert_eq!((regions.by_text["5540"], regions.by_text["5541"]), (0, 0));
    }

    #[test]
    fn defective_data_is_reported() {
        let check = |text: &'static str, expect: &str| {
            let error = Regions::parse(text).unwrap_err();
            assert!(error.contains(expect), "{error:?} lacks {expect:?}");
        };
        check("cod001,name\n5501,A\n", "header");
        check(
            concat!("cod001,name,official_name,inhabitants_2019,other_codes\n", "5501,A,Z A,1,\n5502,A,Z B,1,\n"),
            "\"A\" names two regions",
        );
        check(
            concat!("cod001,name,official_name,inhabitants_2019,other_codes\n", "5501,A,Z A,1,5502\n5502,B,Z B,1,\n"),
            "\"5502\" names two regions",
        );
        check(concat!("cod001,name,official_name,inhabitants_2019,other_codes\n", "551,A,Z A,1,\n"), "line 2");
        check(concat!("cod001,name,official_name,inhabitants_2019,other_codes\n", "5501,A,Z A,many,\n"), "inhabitants");
        check(concat!("cod001,name,official_name,inhabitants_2019,other_codes\n", "5501,5509,Z A,1,\n"), "name");
    }
}
