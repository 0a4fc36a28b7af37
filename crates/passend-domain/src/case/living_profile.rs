//! The client's living profile (*woonprofiel*, *wensprofiel*): what the
//! client needs and wishes of a place beyond the indication, in the terms a
//! matcher can compare with the supply register.
//!
//! The indication says which care (the care profile); the living profile says
//! where that care fits: the living context and expertise the client needs
//! (tags of the shared vocabulary, so that a location's tags and the client's
//! needs are the same words), the traits a location must be able to take in
//! (contra-indication tags), how far from home the client will go, near
//! which location a partner lives or with which partner the client moves in
//! (*partneropname*), and wishes of language and religion.

use std::ops::RangeInclusive;

use serde::{Deserialize, Serialize};

use super::Rejection;
use super::SupplyLookup;
use crate::ids::{ClientId, LocationId};
use crate::vocabulary::{TagKind, Vocabulary};

/// The distances a client may set, in kilometres: from the next village to
/// the other end of the country.
pub const MAX_DISTANCE_KM: RangeInclusive<u16> = 1..=300;

/// The longest language or religion wish, in characters: a wish is a few
/// words ("Turks", "reformatorisch"), not a story; stories go in a note.
pub const MAX_WISH_CHARS: usize = 80;

/// What a client needs and wishes of a place. Dutch: *woonprofiel* (needs)
/// and *wensprofiel* (wishes). A newer profile replaces the whole earlier one.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LivingProfile {
    /// Tags of kind `context` or `expertise` the client needs, e.g.
    /// `rustige_omgeving`, `dementie`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub needs: Vec<String>,
    /// Tags of kind `contra_indication` that apply to the client, e.g.
    /// `weglooprisico`: a location that excludes them does not fit.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contra_indications: Vec<String>,
    /// The farthest a place may be from the client's home, in kilometres.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_distance_km: Option<u16>,
    /// The location where the client's partner lives, to be near to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub near_partner: Option<LocationId>,
    /// The partner, a registered client too, with whom the client is to be
    /// admitted at one location (*partneropname*): the two take two places
    /// there or neither is placed. It counts when both name each other.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admit_with: Option<ClientId>,
    /// The language the client wishes to be cared for in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The religion or philosophy of life the client wishes a place to share.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub religion: Option<String>,
}

/// A free-text wish of the living profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wish {
    Language,
    Religion,
}

impl Wish {
    pub fn name(self) -> &'static str {
        match self {
            Wish::Language => "language",
            Wish::Religion => "religion",
        }
    }

    pub fn name_nl(self) -> &'static str {
        match self {
            Wish::Language => "taal",
            Wish::Religion => "levensbeschouwing",
        }
    }
}

/// Checks a living profile: known tags of the right kind, each once; a
/// distance within [`MAX_DISTANCE_KM`]; a registered partner location; wishes
/// of 1 to [`MAX_WISH_CHARS`] characters. Returns the profile with its
/// wishes trimmed.
pub fn checked(profile: &LivingProfile, supply: &dyn SupplyLookup) -> Result<LivingProfile, Rejection> {
    let vocabulary = Vocabulary::passend();
    vocabulary.check(&profile.needs, &[TagKind::Context, TagKind::Expertise])?;
    vocabulary.check(&profile.contra_indications, &[TagKind::ContraIndication])?;
    if let Some(km) = profile.max_distance_km
        && !MAX_DISTANCE_KM.contains(&km)
    {
        return Err(Rejection::DistanceOutOfRange { km });
    }
    if let Some(location) = profile.near_partner
        && supply.provider_of(location).is_none()
    {
        return Err(Rejection::UnknownLocation(location));
    }
    let wish = |text: &Option<String>, wish: Wish| match text.as_deref().map(str::trim) {
        None => Ok(None),
        Some(text) if text.is_empty() || text.chars().count() > MAX_WISH_CHARS => Err(Rejection::InvalidWish { wish }),
        Some(text) => Ok(Some(text.to_string())),
    };
    Ok(LivingProfile {
        language: wish(&profile.language, Wish::Language)?,
        religion: wish(&profile.religion, Wish::Religion)?,
        ..profile.clone()
    })
}
