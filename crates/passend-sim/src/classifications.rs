//! Which classification (COD168) a synthetic status message carries.
//!
//! `iwlz.md`: "Urgent plaatsen uses 01–08 and 20 (a zorgkantoor's page); the
//! mapping of 09–19 to the other statuses is unverified: keep it as data."
//! These weights are that data for synthetic clients only; the rules accept
//! any classification with any status. Classification 12 (*voorkeuraanbieder
//! leidend*) is never sent here: the bridging rule sets it.

use passend_domain::codes::{Classification, Sector, WaitStatus};
use rand::Rng;

use crate::random::weighted;

use Classification::*;

const URGENT: &[(Classification, u32)] = &[
    (GeenPassendCrisisbedBeschikbaar, 2),
    (DoorstroomCrisisbed, 3),
    (DoorstroomZiekenhuis, 5),
    (DoorstroomEerstelijnsverblijf, 3),
    (DoorstroomGeriatrischeRevalidatiezorg, 2),
    (PalliatiefTerminaleZorg, 2),
    (Art28aWzd, 1),
    (RechterlijkeMachtigingOfZorgmachtiging, 1),
];

const URGENT_GGZ: &[(Classification, u32)] = &[
    (DoorstroomKlinischeGgz, 5),
    (RechterlijkeMachtigingOfZorgmachtiging, 3),
    (DoorstroomCrisisbed, 2),
    (Art28aWzd, 1),
];

const ACTIEF: &[(Classification, u32)] = &[
    (DreigendeCrisisThuis, 4),
    (NietPassendeZorg, 3),
    (TijdelijkAndereAanbiederBespreekbaar, 3),
    (SpecifiekeLocatieGespecialiseerdeZorg, 2),
    (Partneropname, 1),
    (DoorstroomZiekenhuis, 1),
    (DoorstroomGeclusterdWonenVpt, 1),
];

const WACHT_OP_VOORKEUR: &[(Classification, u32)] = &[
    (SpecifiekeLocatieWoonwens, 5),
    (GeenAanvullendeWensen, 4),
    (SpecifiekeLocatieGespecialiseerdeZorg, 2),
    (SpecifiekeGeografischeRedenen, 2),
    (Partneropname, 1),
    (Logeren, 1),
];

/// A classification for a status message, or none (a message may carry none).
pub(crate) fn for_status(rng: &mut impl Rng, status: WaitStatus, sector: Sector) -> Option<Classification> {
    match status {
        WaitStatus::UrgentPlaatsen if sector == Sector::Ggz => Some(weighted(rng, URGENT_GGZ)),
        WaitStatus::UrgentPlaatsen => Some(weighted(rng, URGENT)),
        WaitStatus::ActiefPlaatsen => rng.random_bool(0.9).then(|| weighted(rng, ACTIEF)),
        WaitStatus::WachtOpVoorkeur => rng.random_bool(0.9).then(|| weighted(rng, WACHT_OP_VOORKEUR)),
        WaitStatus::WachtUitVoorzorg => rng.random_bool(0.4).then_some(GeenAanvullendeWensen),
    }
}
