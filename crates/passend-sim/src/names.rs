//! Dutch-sounding names for synthetic providers, locations and clients, built
//! from word lists. The words are ordinary Dutch nouns, trees, birds and
//! family names; any likeness to a real organisation is a coincidence of
//! common words.

use std::collections::BTreeSet;

use passend_domain::codes::Sector;
use rand::Rng;

use crate::random::pick;

/// Names that stand for a house or an organisation: "De Linde", "Het Baken".
const HOUSE_NAMES: &[&str] = &[
    "De Linde",
    "Het Baken",
    "De Eik",
    "Het Anker",
    "De Wilgen",
    "De Hoven",
    "Het Zonnehuis",
    "De Beuk",
    "De Kastanje",
    "Het Lichtpunt",
    "De Bron",
    "De Waterlelie",
    "Het Hooge Huys",
    "De Meerstede",
    "De Kiem",
    "Het Kompas",
    "De Brug",
    "Het Palet",
    "De Regenboog",
    "De Sluis",
    "Het Veer",
    "De Overkant",
    "De Driehoek",
    "Het Raster",
    "De Steiger",
    "De Ankerplaats",
    "Het Lichtschip",
    "De Vlinder",
    "De Zwaluw",
    "De Merel",
    "De Reiger",
    "De Ooievaar",
    "Het Hofje",
    "De Boomgaard",
    "De Lindenhof",
    "De Esdoorn",
    "De Populier",
    "De Berkenhof",
    "Het Wilgenhof",
    "De Akker",
    "De Horst",
    "De Weide",
    "Het Veld",
    "De Molen",
    "De Toren",
    "Het Vaandel",
    "De Haven",
    "De Vuurtoren",
    "Het Duin",
    "De Heuvel",
    "De Hazelaar",
    "De Vlier",
    "De Iep",
    "De Plataan",
    "De Hulst",
    "Het Kruidenhof",
    "De Rozenhof",
    "De Zonnebloem",
    "De Klaproos",
    "De Korenbloem",
    "Avondlicht",
    "Morgenrood",
    "Zonnewende",
    "Rustoord",
    "Welgelegen",
    "Vredenburgh",
    "Buitenzorg",
    "Rozendaal",
    "Bloemendaal",
    "Waterweide",
    "Nieuw Hoograven",
    "Oudenhof",
    "Schoonoord",
    "Beukenrode",
];

const VV_ORGANISATIONS: &[&str] = &[
    "Zorggroep",
    "Stichting",
    "Woonzorg",
    "Zorgcentra",
    "Zorgorganisatie",
    "Vereniging",
    "Thuis- en Verpleeghuiszorg",
];
const GHZ_ORGANISATIONS: &[&str] =
    &["Stichting", "Zorgorganisatie", "Dienstverlening", "Vereniging", "Woongemeenschap"];
const GGZ_ORGANISATIONS: &[&str] = &["GGZ", "Stichting Beschermd Wonen", "Herstelhuis", "Stichting", "Kliniek"];

const VV_LOCATION_KINDS: &[&str] = &["Woonzorgcentrum", "Verpleeghuis", "Huize", "Zorgcentrum", "Woonzorglocatie"];
const GHZ_LOCATION_KINDS: &[&str] = &["Woonvoorziening", "Woongroep", "Woonlocatie", "Behandelcentrum", "Wooncentrum"];
const GGZ_LOCATION_KINDS: &[&str] = &["Beschermd wonen", "Woonvoorziening", "Herstelhuis", "Kliniek"];

const SURNAMES: &[&str] = &[
    "de Jong",
    "Jansen",
    "de Vries",
    "van den Berg",
    "van Dijk",
    "Bakker",
    "Janssen",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "de Graaf",
    "van der Meer",
    "van der Linden",
    "Kok",
    "Jacobs",
    "de Haan",
    "Vermeulen",
    "van den Heuvel",
    "van der Veen",
    "van den Broek",
    "de Bruijn",
    "de Bruin",
    "van der Heijden",
    "Schouten",
    "van Beek",
    "Willems",
    "van Vliet",
    "van de Ven",
    "Hoekstra",
    "Maas",
    "Verhoeven",
    "Koster",
    "van Dam",
    "van der Wal",
    "Prins",
    "Blom",
    "Huisman",
    "Peeters",
    "Kuipers",
    "van Wijk",
    "Post",
    "Kuiper",
    "Veenstra",
    "Kramer",
    "van den Brink",
    "Scholten",
    "Postma",
    "Martens",
    "Vink",
    "de Ruiter",
    "Timmermans",
    "Groen",
    "Gerritsen",
    "Jonker",
    "van Loon",
    "Boer",
    "van der Velde",
    "Willemsen",
    "Smeets",
    "de Lange",
    "de Vos",
    "Bosch",
    "van Dongen",
    "Schipper",
    "de Koning",
    "van der Laan",
    "Koning",
    "Driessen",
    "van Doorn",
    "Hermans",
    "Evers",
    "van den Bosch",
    "van der Meulen",
    "Hofman",
    "Bosman",
    "Wolters",
    "Sanders",
    "van der Horst",
    "Mol",
    "Kuijpers",
    "Molenaar",
    "van de Pol",
    "de Leeuw",
    "Verbeek",
    "Yilmaz",
    "Kaya",
    "El Amrani",
    "Öztürk",
    "Nguyen",
    "Pinas",
    "Biharie",
    "Ramdin",
    "Bouzidi",
    "Tahiri",
    "Çelik",
    "Sardjoe",
];

const INITIALS: &[u8] = b"AABCDEFGGHHIJJKLMMNPRSTWW";

/// Keeps provider names unique over a whole generation.
#[derive(Default)]
pub(crate) struct ProviderNames {
    taken: BTreeSet<String>,
}

impl ProviderNames {
    /// A new provider name of the sector, e.g. "Zorggroep De Linde" or
    /// "Stichting Beschermd Wonen Zeist"; `place` is a town of its region.
    pub(crate) fn next(&mut self, rng: &mut impl Rng, sector: Sector, place: &str, region: &str) -> String {
        let organisations = match sector {
            Sector::Vv => VV_ORGANISATIONS,
            Sector::Ghz => GHZ_ORGANISATIONS,
            Sector::Ggz => GGZ_ORGANISATIONS,
        };
        let organisation = pick(rng, organisations);
        let mut candidates = Vec::with_capacity(4);
        if rng.random_bool(0.3) {
            candidates.push(format!("{organisation} {place}"));
        }
        let house = pick(rng, HOUSE_NAMES);
        candidates.push(format!("{organisation} {house}"));
        candidates.push(format!("{organisation} {house} {place}"));
        candidates.push(format!("{organisation} {house} {region}"));
        for candidate in candidates {
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
        }
        let mut number = 2;
        loop {
            let candidate = format!("{organisation} {house} {place} {number}");
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
            number += 1;
        }
    }
}

/// A location name, e.g. "Verpleeghuis De Eik (Zeist)".
pub(crate) fn location_name(rng: &mut impl Rng, sector: Sector, place: &str) -> String {
    let kinds = match sector {
        Sector::Vv => VV_LOCATION_KINDS,
        Sector::Ghz => GHZ_LOCATION_KINDS,
        Sector::Ggz => GGZ_LOCATION_KINDS,
    };
    format!("{} {} ({place})", pick(rng, kinds), pick(rng, HOUSE_NAMES))
}

/// A client's name as a mediator writes it: initials and surname, "M.J. de Vries".
pub(crate) fn client_name(rng: &mut impl Rng) -> String {
    let mut name = String::with_capacity(24);
    for _ in 0..rng.random_range(1..=2) {
        name.push(char::from(*pick(rng, INITIALS)));
        name.push('.');
    }
    name.push(' ');
    let surname: &&str = pick(rng, SURNAMES);
    name.push_str(surname);
    name
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::random::stream;

    #[test]
    fn provider_names_are_unique_and_dutch() {
        let mut rng = stream(1, 1);
        let mut names = ProviderNames::default();
        let mut seen = BTreeSet::new();
        for _ in 0..2000 {
            let name = names.next(&mut rng, Sector::Vv, "Zeist", "Utrecht");
            assert!(seen.insert(name.clone()), "{name} twice");
        }
        assert!(seen.iter().any(|name| name.starts_with("Zorggroep ")));
    }

    #[test]
    fn client_names_have_initials_and_a_surname() {
        let mut rng = stream(1, 2);
        let name = client_name(&mut rng);
        assert!(name.contains(". "), "{name}");
    }
}
