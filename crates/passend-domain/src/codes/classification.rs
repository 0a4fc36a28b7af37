//! Classifications of a waiting status (COD168): why and how a client waits.

use crate::InvalidValue;

/// The further classification of a waiting status. Dutch:
/// *leveringsstatusclassificatie*. Code list COD168.
///
/// Parses the token or the two-digit code (`"13"`); displays and serialises
/// as the token. Which classification goes with which status is not
/// restricted here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(into = "&'static str")]
pub enum Classification {
    /// COD168 01 *Geen passend crisisbed beschikbaar*. Token `geen_passend_crisisbed_beschikbaar`.
    GeenPassendCrisisbedBeschikbaar,
    /// COD168 02 *Doorstroom crisisbed*. Token `doorstroom_crisisbed`.
    DoorstroomCrisisbed,
    /// COD168 03 *Doorstroom ziekenhuis (ZH)*. Token `doorstroom_ziekenhuis`.
    DoorstroomZiekenhuis,
    /// COD168 04 *Doorstroom eerstelijnsverblijf (ELV)*. Token `doorstroom_eerstelijnsverblijf`.
    DoorstroomEerstelijnsverblijf,
    /// COD168 05 *Doorstroom geriatrische revalidatiezorg (GRZ)*. Token `doorstroom_geriatrische_revalidatiezorg`.
    DoorstroomGeriatrischeRevalidatiezorg,
    /// COD168 06 *Palliatief terminale zorg (PTZ)*. Token `palliatief_terminale_zorg`.
    PalliatiefTerminaleZorg,
    /// COD168 07 *Art. 28a (WZD)*. Token `art_28a_wzd`.
    Art28aWzd,
    /// COD168 08 *Rechterlijke machtiging of Zorgmachtiging (RM/ZM)*. Token `rechterlijke_machtiging_of_zorgmachtiging`.
    RechterlijkeMachtigingOfZorgmachtiging,
    /// COD168 09 *Dreigende crisis (thuis)*. Token `dreigende_crisis_thuis`.
    DreigendeCrisisThuis,
    /// COD168 10 *Niet passende zorg*. Token `niet_passende_zorg`.
    NietPassendeZorg,
    /// COD168 11 *(Tijdelijk) andere aanbieder bespreekbaar*. Token `tijdelijk_andere_aanbieder_bespreekbaar`.
    TijdelijkAndereAanbiederBespreekbaar,
    /// COD168 12 *Voorkeuraanbieder leidend*. Token `voorkeuraanbieder_leidend`.
    VoorkeuraanbiederLeidend,
    /// COD168 13 *Specifieke locatie/woonwens*. Token `specifieke_locatie_woonwens`.
    SpecifiekeLocatieWoonwens,
    /// COD168 14 *Specifieke locatie/gespecialiseerde zorg*. Token `specifieke_locatie_gespecialiseerde_zorg`.
    SpecifiekeLocatieGespecialiseerdeZorg,
    /// COD168 15 *Partneropname*. Token `partneropname`.
    Partneropname,
    /// COD168 16 *Logeren*. Token `logeren`.
    Logeren,
    /// COD168 17 *Specifieke geografische redenen*. Token `specifieke_geografische_redenen`.
    SpecifiekeGeografischeRedenen,
    /// COD168 18 *Doorstroom naar geclusterd wonen VPT*. Token `doorstroom_geclusterd_wonen_vpt`.
    DoorstroomGeclusterdWonenVpt,
    /// COD168 19 *Geen aanvullende wens(en)*. Token `geen_aanvullende_wensen`.
    GeenAanvullendeWensen,
    /// COD168 20 *Doorstroom klinische GGZ*. Token `doorstroom_klinische_ggz`.
    DoorstroomKlinischeGgz,
}

impl Classification {
    /// Every classification, in COD168 code order (01–20).
    pub const ALL: [Classification; 20] = [
        Classification::GeenPassendCrisisbedBeschikbaar,
        Classification::DoorstroomCrisisbed,
        Classification::DoorstroomZiekenhuis,
        Classification::DoorstroomEerstelijnsverblijf,
        Classification::DoorstroomGeriatrischeRevalidatiezorg,
        Classification::PalliatiefTerminaleZorg,
        Classification::Art28aWzd,
        Classification::RechterlijkeMachtigingOfZorgmachtiging,
        Classification::DreigendeCrisisThuis,
        Classification::NietPassendeZorg,
        Classification::TijdelijkAndereAanbiederBespreekbaar,
        Classification::VoorkeuraanbiederLeidend,
        Classification::SpecifiekeLocatieWoonwens,
        Classification::SpecifiekeLocatieGespecialiseerdeZorg,
        Classification::Partneropname,
        Classification::Logeren,
        Classification::SpecifiekeGeografischeRedenen,
        Classification::DoorstroomGeclusterdWonenVpt,
        Classification::GeenAanvullendeWensen,
        Classification::DoorstroomKlinischeGgz,
    ];

    /// Parses the token (`specifieke_locatie_woonwens`) or the two-digit
    /// COD168 code (`13`), exactly.
    pub fn parse(input: &str) -> Result<Classification, InvalidValue> {
        Classification::ALL
            .into_iter()
            .find(|classification| classification.token() == input || classification.code() == input)
            .ok_or_else(|| {
                InvalidValue::new(
                    WHAT,
                    input,
                    "not a COD168 classification token or two-digit code",
                    "geen classificatie uit COD168 (token of code van twee cijfers)",
                )
            })
    }

    /// Parses the token only, exactly (an expectation shows tokens, never codes).
    pub fn parse_token(input: &str) -> Result<Classification, InvalidValue> {
        Classification::ALL.into_iter().find(|classification| classification.token() == input).ok_or_else(|| {
            InvalidValue::new(WHAT, input, "not a COD168 classification token", "geen classificatie-token uit COD168")
        })
    }

    /// The token.
    pub fn token(self) -> &'static str {
        match self {
            Classification::GeenPassendCrisisbedBeschikbaar => "geen_passend_crisisbed_beschikbaar",
            Classification::DoorstroomCrisisbed => "doorstroom_crisisbed",
            Classification::DoorstroomZiekenhuis => "doorstroom_ziekenhuis",
            Classification::DoorstroomEerstelijnsverblijf => "doorstroom_eerstelijnsverblijf",
            Classification::DoorstroomGeriatrischeRevalidatiezorg => "doorstroom_geriatrische_revalidatiezorg",
            Classification::PalliatiefTerminaleZorg => "palliatief_terminale_zorg",
            Classification::Art28aWzd => "art_28a_wzd",
            Classification::RechterlijkeMachtigingOfZorgmachtiging => "rechterlijke_machtiging_of_zorgmachtiging",
            Classification::DreigendeCrisisThuis => "dreigende_crisis_thuis",
            Classification::NietPassendeZorg => "niet_passende_zorg",
            Classification::TijdelijkAndereAanbiederBespreekbaar => "tijdelijk_andere_aanbieder_bespreekbaar",
            Classification::VoorkeuraanbiederLeidend => "voorkeuraanbieder_leidend",
            Classification::SpecifiekeLocatieWoonwens => "specifieke_locatie_woonwens",
            Classification::SpecifiekeLocatieGespecialiseerdeZorg => "specifieke_locatie_gespecialiseerde_zorg",
            Classification::Partneropname => "partneropname",
            Classification::Logeren => "logeren",
            Classification::SpecifiekeGeografischeRedenen => "specifieke_geografische_redenen",
            Classification::DoorstroomGeclusterdWonenVpt => "doorstroom_geclusterd_wonen_vpt",
            Classification::GeenAanvullendeWensen => "geen_aanvullende_wensen",
            Classification::DoorstroomKlinischeGgz => "doorstroom_klinische_ggz",
        }
    }

    /// The two-digit COD168 code, `"01"`–`"20"`.
    pub fn code(self) -> &'static str {
        match self {
            Classification::GeenPassendCrisisbedBeschikbaar => "01",
            Classification::DoorstroomCrisisbed => "02",
            Classification::DoorstroomZiekenhuis => "03",
            Classification::DoorstroomEerstelijnsverblijf => "04",
            Classification::DoorstroomGeriatrischeRevalidatiezorg => "05",
            Classification::PalliatiefTerminaleZorg => "06",
            Classification::Art28aWzd => "07",
            Classification::RechterlijkeMachtigingOfZorgmachtiging => "08",
            Classification::DreigendeCrisisThuis => "09",
            Classification::NietPassendeZorg => "10",
            Classification::TijdelijkAndereAanbiederBespreekbaar => "11",
            Classification::VoorkeuraanbiederLeidend => "12",
            Classification::SpecifiekeLocatieWoonwens => "13",
            Classification::SpecifiekeLocatieGespecialiseerdeZorg => "14",
            Classification::Partneropname => "15",
            Classification::Logeren => "16",
            Classification::SpecifiekeGeografischeRedenen => "17",
            Classification::DoorstroomGeclusterdWonenVpt => "18",
            Classification::GeenAanvullendeWensen => "19",
            Classification::DoorstroomKlinischeGgz => "20",
        }
    }

    /// The COD168 description.
    pub fn label_nl(self) -> &'static str {
        match self {
            Classification::GeenPassendCrisisbedBeschikbaar => "Geen passend crisisbed beschikbaar",
            Classification::DoorstroomCrisisbed => "Doorstroom crisisbed",
            Classification::DoorstroomZiekenhuis => "Doorstroom ziekenhuis (ZH)",
            Classification::DoorstroomEerstelijnsverblijf => "Doorstroom eerstelijnsverblijf (ELV)",
            Classification::DoorstroomGeriatrischeRevalidatiezorg => "Doorstroom geriatrische revalidatiezorg (GRZ)",
            Classification::PalliatiefTerminaleZorg => "Palliatief terminale zorg (PTZ)",
            Classification::Art28aWzd => "Art. 28a (WZD)",
            Classification::RechterlijkeMachtigingOfZorgmachtiging => {
                "Rechterlijke machtiging of Zorgmachtiging (RM/ZM)"
            }
            Classification::DreigendeCrisisThuis => "Dreigende crisis (thuis)",
            Classification::NietPassendeZorg => "Niet passende zorg",
            Classification::TijdelijkAndereAanbiederBespreekbaar => "(Tijdelijk) andere aanbieder bespreekbaar",
            Classification::VoorkeuraanbiederLeidend => "Voorkeuraanbieder leidend",
            Classification::SpecifiekeLocatieWoonwens => "Specifieke locatie/woonwens",
            Classification::SpecifiekeLocatieGespecialiseerdeZorg => "Specifieke locatie/gespecialiseerde zorg",
            Classification::Partneropname => "Partneropname",
            Classification::Logeren => "Logeren",
            Classification::SpecifiekeGeografischeRedenen => "Specifieke geografische redenen",
            Classification::DoorstroomGeclusterdWonenVpt => "Doorstroom naar geclusterd wonen VPT",
            Classification::GeenAanvullendeWensen => "Geen aanvullende wens(en)",
            Classification::DoorstroomKlinischeGgz => "Doorstroom klinische GGZ",
        }
    }

    /// Whether the client waits to move on from a temporary place (*doorstroom*):
    /// COD168 02, 03, 04, 05, 18 and 20.
    pub fn is_doorstroom(self) -> bool {
        matches!(
            self,
            Classification::DoorstroomCrisisbed
                | Classification::DoorstroomZiekenhuis
                | Classification::DoorstroomEerstelijnsverblijf
                | Classification::DoorstroomGeriatrischeRevalidatiezorg
                | Classification::DoorstroomGeclusterdWonenVpt
                | Classification::DoorstroomKlinischeGgz
        )
    }
}

impl std::fmt::Display for Classification {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.token())
    }
}

impl std::str::FromStr for Classification {
    type Err = InvalidValue;
    fn from_str(input: &str) -> Result<Classification, InvalidValue> {
        Classification::parse(input)
    }
}

impl TryFrom<String> for Classification {
    type Error = InvalidValue;
    fn try_from(value: String) -> Result<Classification, InvalidValue> {
        Classification::parse(&value)
    }
}

impl From<Classification> for &'static str {
    fn from(value: Classification) -> &'static str {
        value.token()
    }
}

const WHAT: &str = "classification";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::test_serde::{deserialize_str, serialized};

    fn check(code: &str, token: &str, classification: Classification) {
        assert_eq!(Classification::parse(code), Ok(classification));
        assert_eq!(Classification::parse(token), Ok(classification));
        assert_eq!(Classification::parse_token(token), Ok(classification));
        assert!(Classification::parse_token(code).is_err());
        assert_eq!((classification.code(), classification.token()), (code, token));
        assert_eq!(classification.to_string(), token);
        assert_eq!(serialized(&classification), token);
        assert_eq!(deserialize_str::<Classification>(token), Ok(classification));
        assert_eq!(deserialize_str::<Classification>(code), Ok(classification));
    }

    #[test]
    fn every_code_and_token_round_trips() {
        check("01", "geen_passend_crisisbed_beschikbaar", Classification::GeenPassendCrisisbedBeschikbaar);
        check("02", "doorstroom_crisisbed", Classification::DoorstroomCrisisbed);
        check("03", "doorstroom_ziekenhuis", Classification::DoorstroomZiekenhuis);
        check("04", "doorstroom_eerstelijnsverblijf", Classification::DoorstroomEerstelijnsverblijf);
        check("05", "doorstroom_geriatrische_revalidatiezorg", Classification::DoorstroomGeriatrischeRevalidatiezorg);
        check("06", "palliatief_terminale_zorg", Classification::PalliatiefTerminaleZorg);
        check("07", "art_28a_wzd", Classification::Art28aWzd);
        check(
            "08",
            "rechterlijke_machtiging_of_zorgmachtiging",
            Classification::RechterlijkeMachtigingOfZorgmachtiging,
        );
        check("09", "dreigende_crisis_thuis", Classification::DreigendeCrisisThuis);
        check("10", "niet_passende_zorg", Classification::NietPassendeZorg);
        check("11", "tijdelijk_andere_aanbieder_bespreekbaar", Classification::TijdelijkAndereAanbiederBespreekbaar);
        check("12", "voorkeuraanbieder_leidend", Classification::VoorkeuraanbiederLeidend);
        check("13", "specifieke_locatie_woonwens", Classification::SpecifiekeLocatieWoonwens);
        check("14", "specifieke_locatie_gespecialiseerde_zorg", Classification::SpecifiekeLocatieGespecialiseerdeZorg);
        check("15", "partneropname", Classification::Partneropname);
        check("16", "logeren", Classification::Logeren);
        check("17", "specifieke_geografische_redenen", Classification::SpecifiekeGeografischeRedenen);
        check("18", "doorstroom_geclusterd_wonen_vpt", Classification::DoorstroomGeclusterdWonenVpt);
        check("19", "geen_aanvullende_wensen", Classification::GeenAanvullendeWensen);
        check("20", "doorstroom_klinische_ggz", Classification::DoorstroomKlinischeGgz);
    }

    #[test]
    fn code_13_is_the_living_wish() {
        assert_eq!(Classification::parse("13"), Classification::parse("specifieke_locatie_woonwens"),);
        assert_eq!(Classification::parse("12"), Ok(Classification::VoorkeuraanbiederLeidend));
        assert_eq!(Classification::VoorkeuraanbiederLeidend.label_nl(), "Voorkeuraanbieder leidend");
    }

    #[test]
    fn all_is_in_code_order() {
        for (index, classification) in Classification::ALL.into_iter().enumerate() {
            assert_eq!(classification.code(), format!("{:02}", index + 1));
        }
        assert!(Classification::ALL.is_sorted());
    }

    #[test]
    fn doorstroom_codes() {
        let doorstroom: Vec<&str> = Classification::ALL
            .into_iter()
            .filter(|classification| classification.is_doorstroom())
            .map(Classification::code)
            .collect();
        assert_eq!(doorstroom, ["02", "03", "04", "05", "18", "20"]);
    }

    #[test]
    fn other_spellings_fail() {
        for input in ["0", "1", "00", "21", "013", "Partneropname", "PARTNEROPNAME", " 13", ""] {
            assert!(Classification::parse(input).is_err(), "{input:?}");
        }
    }
}
