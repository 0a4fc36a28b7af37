//! The three Wlz sectors: VV, GHZ and GGZ.

use crate::InvalidValue;

/// A Wlz sector. Dutch: *sector*. The sector of a care profile is part of its
/// COD163 name (`5VV`, `6VG`, `4GGZ B`); see [`CareProfile::sector`].
///
/// Displays and serialises as its token: `VV`, `GHZ` or `GGZ`.
///
/// [`CareProfile::sector`]: crate::codes::CareProfile::sector
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(into = "&'static str")]
pub enum Sector {
    /// *Verpleging en verzorging* (nursing and care, mostly elderly care).
    Vv,
    /// *Gehandicaptenzorg* (care for people with a disability: VG, LG, LVG,
    /// SGLVG, ZGvis, ZGaud).
    Ghz,
    /// *Geestelijke gezondheidszorg* (mental health care).
    Ggz,
}

impl Sector {
    /// Every sector, in the order VV, GHZ, GGZ.
    pub const ALL: [Sector; 3] = [Sector::Vv, Sector::Ghz, Sector::Ggz];

    /// Parses `VV`, `GHZ` or `GGZ`, exactly (uppercase).
    pub fn parse(input: &str) -> Result<Sector, InvalidValue> {
        Sector::ALL
            .into_iter()
            .find(|sector| sector.as_str() == input)
            .ok_or_else(|| InvalidValue::new("sector", input, "not VV, GHZ or GGZ", "geen VV, GHZ of GGZ"))
    }

    /// The token: `VV`, `GHZ` or `GGZ`.
    pub fn as_str(self) -> &'static str {
        match self {
            Sector::Vv => "VV",
            Sector::Ghz => "GHZ",
            Sector::Ggz => "GGZ",
        }
    }

    /// The Dutch name of the sector.
    pub fn label_nl(self) -> &'static str {
        match self {
            Sector::Vv => "Verpleging en verzorging",
            Sector::Ghz => "Gehandicaptenzorg",
            Sector::Ggz => "Geestelijke gezondheidszorg",
        }
    }
}

impl std::fmt::Display for Sector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Sector {
    type Err = InvalidValue;
    fn from_str(input: &str) -> Result<Sector, InvalidValue> {
        Sector::parse(input)
    }
}

impl TryFrom<String> for Sector {
    type Error = InvalidValue;
    fn try_from(value: String) -> Result<Sector, InvalidValue> {
        Sector::parse(&value)
    }
}

impl From<Sector> for &'static str {
    fn from(value: Sector) -> &'static str {
        value.as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::test_serde::{deserialize_str, serialized};

    #[test]
    fn tokens_round_trip() {
        for sector in Sector::ALL {
            assert_eq!(Sector::parse(sector.as_str()), Ok(sector));
            assert_eq!(sector.to_string(), sector.as_str());
            assert_eq!(serialized(&sector), sector.as_str());
            assert_eq!(deserialize_str::<Sector>(sector.as_str()), Ok(sector));
        }
        assert_eq!(Sector::parse("GHZ"), Ok(Sector::Ghz));
        assert_eq!(Sector::Ggz.label_nl(), "Geestelijke gezondheidszorg");
    }

    #[test]
    fn other_spellings_fail() {
        for input in ["vv", "Ghz", "GGZ ", "VG", "", "V V"] {
            assert!(Sector::parse(input).is_err(), "{input:?}");
        }
        assert!(deserialize_str::<Sector>("vv").is_err());
    }
}
