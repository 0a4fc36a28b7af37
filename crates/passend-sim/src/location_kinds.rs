//! The kinds of location per sector: which care profiles they deliver and
//! which expertise, contra-indication and context tags (of the domain's
//! vocabulary, `passend_domain::vocabulary`) fit them.
//! Synthetic: real locations vary more, but a nursing home for dementia
//! delivers 5VV and 7VV, not 8VV, and that is what matching needs to see.

use passend_domain::codes::Sector;

pub(crate) struct LocationKind {
    pub sector: Sector,
    pub weight: u32,
    /// COD163 names of the care profiles the location delivers.
    pub profiles: &'static [&'static str],
    /// Candidate expertise tags; a location gets one to three of them.
    pub expertise: &'static [&'static str],
    /// Candidate contra-indication tags; a location gets up to two of them.
    pub contra_indications: &'static [&'static str],
    /// Candidate context tags; a location gets one to three of them.
    pub context: &'static [&'static str],
    /// The chance that the location keeps crisis beds (one or two).
    pub crisis_beds_chance: f64,
}

pub(crate) const KINDS: &[LocationKind] = &[
    LocationKind {
        sector: Sector::Vv,
        weight: 35,
        profiles: &["4VV", "5VV", "7VV"],
        expertise: &["dementie", "jonge_mensen_met_dementie", "gerontopsychiatrie", "korsakov", "palliatieve_zorg"],
        contra_indications: &["ernstige_agressie", "actieve_verslaving", "rookgedrag_op_kamer"],
        context: &[
            "kleinschalig_wonen",
            "rustige_omgeving",
            "vaste_gezichten",
            "voorspelbare_dagstructuur",
            "tuin_of_buitenruimte",
            "gesloten_afdeling",
            "partneropname",
            "huisdier_toegestaan",
        ],
        crisis_beds_chance: 0.3,
    },
    LocationKind {
        sector: Sector::Vv,
        weight: 25,
        profiles: &["4VV", "6VV", "8VV"],
        expertise: &["intensieve_somatische_zorg", "palliatieve_zorg", "nah", "huntington", "beademing"],
        contra_indications: &["weglooprisico", "ernstige_agressie", "rookgedrag_op_kamer"],
        context: &[
            "eigen_appartement",
            "tuin_of_buitenruimte",
            "partneropname",
            "huisdier_toegestaan",
            "stedelijke_omgeving",
            "landelijke_omgeving",
        ],
        crisis_beds_chance: 0.2,
    },
    LocationKind {
        sector: Sector::Vv,
        weight: 40,
        profiles: &["4VV", "5VV", "6VV"],
        expertise: &["dementie", "palliatieve_zorg", "intensieve_somatische_zorg"],
        contra_indications: &["ernstige_agressie", "actieve_verslaving", "weglooprisico", "rookgedrag_op_kamer"],
        context: &[
            "kleinschalig_wonen",
            "tuin_of_buitenruimte",
            "partneropname",
            "levensbeschouwelijke_identiteit",
            "taal_of_cultuur",
            "stedelijke_omgeving",
            "landelijke_omgeving",
        ],
        crisis_beds_chance: 0.25,
    },
    LocationKind {
        sector: Sector::Ghz,
        weight: 35,
        profiles: &["3VG", "4VG", "5VG"],
        expertise: &["autisme", "lvb_met_psychiatrie"],
        contra_indications: &["ernstige_agressie", "zedendelict", "brandstichting"],
        context: &[
            "kleinschalig_wonen",
            "vaste_gezichten",
            "voorspelbare_dagstructuur",
            "rustige_omgeving",
            "landelijke_omgeving",
        ],
        crisis_beds_chance: 0.1,
    },
    LocationKind {
        sector: Sector::Ghz,
        weight: 30,
        profiles: &["5VG", "6VG", "7VG", "8VG"],
        expertise: &["probleemgedrag", "autisme", "intensieve_somatische_zorg"],
        contra_indications: &["zedendelict", "brandstichting", "actieve_verslaving"],
        context: &[
            "rustige_omgeving",
            "vaste_gezichten",
            "voorspelbare_dagstructuur",
            "gesloten_afdeling",
            "tuin_of_buitenruimte",
        ],
        crisis_beds_chance: 0.2,
    },
    LocationKind {
        sector: Sector::Ghz,
        weight: 12,
        profiles: &["4LG", "5LG", "6LG"],
        expertise: &["nah", "beademing", "intensieve_somatische_zorg"],
        contra_indications: &["ernstige_agressie", "actieve_verslaving"],
        context: &["eigen_appartement", "stedelijke_omgeving", "huisdier_toegestaan", "tuin_of_buitenruimte"],
        crisis_beds_chance: 0.05,
    },
    LocationKind {
        sector: Sector::Ghz,
        weight: 15,
        profiles: &["2LVG", "3LVG", "4LVG"],
        expertise: &["lvb_met_psychiatrie", "verslavingszorg", "probleemgedrag"],
        contra_indications: &["zedendelict", "brandstichting", "weglooprisico"],
        context: &["gesloten_afdeling", "voorspelbare_dagstructuur", "vaste_gezichten", "landelijke_omgeving"],
        crisis_beds_chance: 0.2,
    },
    LocationKind {
        sector: Sector::Ghz,
        weight: 8,
        profiles: &["3ZGvis", "4ZGvis", "2ZGaud"],
        expertise: &["doofblind", "autisme"],
        contra_indications: &["ernstige_agressie"],
        context: &["vaste_gezichten", "voorspelbare_dagstructuur", "rustige_omgeving"],
        crisis_beds_chance: 0.05,
    },
    LocationKind {
        sector: Sector::Ggz,
        weight: 40,
        profiles: &["3GGZ B", "4GGZ B", "5GGZ B", "6GGZ B"],
        expertise: &["gerontopsychiatrie", "probleemgedrag", "verslavingszorg"],
        contra_indications: &["zedendelict", "brandstichting", "ernstige_agressie"],
        context: &["gesloten_afdeling", "voorspelbare_dagstructuur", "rustige_omgeving", "vaste_gezichten"],
        crisis_beds_chance: 0.25,
    },
    LocationKind {
        sector: Sector::Ggz,
        weight: 30,
        profiles: &["2GGZ C", "3GGZ C", "4GGZ C"],
        expertise: &["verslavingszorg", "probleemgedrag"],
        contra_indications: &["zedendelict", "brandstichting", "actieve_verslaving"],
        context: &["eigen_appartement", "stedelijke_omgeving", "voorspelbare_dagstructuur"],
        crisis_beds_chance: 0.15,
    },
    LocationKind {
        sector: Sector::Ggz,
        weight: 30,
        profiles: &["1GGZ W", "2GGZ W", "3GGZ W"],
        expertise: &["verslavingszorg", "autisme"],
        contra_indications: &["zedendelict", "brandstichting"],
        context: &["eigen_appartement", "stedelijke_omgeving", "huisdier_toegestaan", "taal_of_cultuur"],
        crisis_beds_chance: 0.1,
    },
];

/// The kinds of a sector, with their index in [`KINDS`].
pub(crate) fn of_sector(sector: Sector) -> impl Iterator<Item = (usize, &'static LocationKind)> {
    KINDS.iter().enumerate().filter(move |(_, kind)| kind.sector == sector)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::targets;
    use passend_domain::codes::CareProfile;
    use passend_domain::vocabulary::{TagKind, Vocabulary};

    #[test]
    fn kinds_use_valid_profiles_of_their_sector_and_known_tags() {
        let vocabulary = Vocabulary::passend();
        let tags = |tags: &[&str]| tags.iter().map(|tag| tag.to_string()).collect::<Vec<_>>();
        for kind in KINDS {
            for name in kind.profiles {
                let profile = CareProfile::parse(name).unwrap();
                assert_eq!(profile.sector(), kind.sector, "{name}");
            }
            assert_eq!(vocabulary.check(&tags(kind.expertise), &[TagKind::Expertise]), Ok(()));
            assert_eq!(vocabulary.check(&tags(kind.contra_indications), &[TagKind::ContraIndication]), Ok(()));
            assert_eq!(vocabulary.check(&tags(kind.context), &[TagKind::Context]), Ok(()));
        }
    }

    #[test]
    fn every_client_profile_is_delivered_by_some_kind() {
        for sector in &targets::SECTORS {
            for (name, _) in sector.profiles {
                assert_eq!(CareProfile::parse(name).unwrap().sector(), sector.sector, "{name}");
                assert!(KINDS.iter().any(|kind| kind.profiles.contains(name)), "{name} has no location kind");
            }
        }
    }
}
