//! The national figures the synthetic population reproduces, and their share
//! for one region.
//!
//! Sources (`shared/data/README.md`, `shared/anchors.md` §2; national, 2023):
//! ~358,000 people with a Wlz indication (CBS 84529NED, 2022); waiting
//! without *wacht uit voorzorg*: VV 21,209 (4,080 urgent/actief), GHZ 1,808
//! (514), GGZ 662 (192) (Monitor Langdurige Zorg, Q3 2023); ~11,000 more VV
//! clients *wacht uit voorzorg* (ActiZ/Skipr 2023); ~122,000 people living in
//! a nursing home (ActiZ, 1 October 2023). VV care profiles after the WOZO
//! monitor (VV6 47,900, VV7 16,105, VV8 3,150).
//!
//! What the sources do not give is an assumption of passend, chosen so that
//! the totals come out right: the number and size of locations (~2,500, the
//! capacities of the brief), the split of people at home over delivery
//! forms, and the rates of death, moves and admissions within a year. Each
//! region gets `inhabitants / national inhabitants` of every figure.

use passend_domain::codes::{CareEndReason, DeliveryForm, Sector};

use crate::days::Day;

/// The figures of one sector, national.
pub(crate) struct SectorTargets {
    pub sector: Sector,

    /// Locations of the sector (a region gets its share, at least `min_locations`).
    pub locations: f64,
    pub min_locations: u32,
    /// Beds per location, uniform.
    pub capacity: (u32, u32),
    /// Locations per provider, uniform.
    pub locations_per_provider: (u32, u32),
    /// The share of beds taken at the start of the window, uniform per location.
    pub start_occupancy: (f64, f64),
    /// The share of residents at the start whose care ends within the window.
    pub resident_end_rate: f64,
    pub resident_end_reasons: &'static [(CareEndReason, u32)],
    /// The chance that a bed freed during the window is taken again within
    /// it, and that a bed free at the start is taken.
    pub refill_freed_bed: f64,
    pub fill_free_bed: f64,
    /// Days from a bed coming free to the next admission, uniform.
    pub admission_delay: (Day, Day),

    /// Waiting persons at the end of the window, per status.
    pub urgent_plaatsen: f64,
    pub actief_plaatsen: f64,
    pub wacht_op_voorkeur: f64,
    pub wacht_uit_voorzorg: f64,
    /// The share of *actief plaatsen* at the end that waits in a bridging place.
    pub bridging_share_of_actief: f64,
    /// The mean days an urgent or active client has had that status at the end.
    pub urgent_mean_days: f64,
    pub actief_mean_days: f64,

    /// Clients whose care ends while they wait, within the window.
    pub ended_while_waiting: f64,
    pub waiting_end_reasons: &'static [(CareEndReason, u32)],
    /// Clients who stay in their bridging place (*content with current*).
    pub content_with_current: f64,
    /// Clients with an indication and no dossierhouder at the end.
    pub awaiting_allocation: f64,

    /// Clients with care at home at the end (not waiting, not admitted).
    pub at_home: f64,
    pub at_home_forms: &'static [(DeliveryForm, u32)],
    /// The share of people at home whose indication is new within the window.
    pub at_home_new_share: f64,
    /// The share of people at home whose care ends within the window (they
    /// come on top of `at_home`).
    pub at_home_end_rate: f64,
    pub at_home_end_reasons: &'static [(CareEndReason, u32)],

    /// The care profiles of clients, with weights (COD163 names).
    pub profiles: &'static [(&'static str, u32)],
    /// Age at the start of the window: uniform bounds, triangular in between.
    pub age: (i16, i16),
}

pub(crate) const SECTORS: [SectorTargets; 3] = [
    SectorTargets {
        sector: Sector::Vv,
        locations: 1_740.0,
        min_locations: 4,
        capacity: (30, 120),
        locations_per_provider: (1, 7),
        start_occupancy: (0.90, 0.99),
        resident_end_rate: 0.25,
        resident_end_reasons: &[
            (CareEndReason::Overleden, 96),
            (CareEndReason::Overplaatsing, 2),
            (CareEndReason::Verhuizing, 2),
        ],
        refill_freed_bed: 0.92,
        fill_free_bed: 0.35,
        admission_delay: (2, 30),
        urgent_plaatsen: 610.0,
        actief_plaatsen: 3_470.0,
        wacht_op_voorkeur: 17_129.0,
        wacht_uit_voorzorg: 10_600.0,
        bridging_share_of_actief: 0.15,
        urgent_mean_days: 12.0,
        actief_mean_days: 50.0,
        ended_while_waiting: 6_000.0,
        waiting_end_reasons: &[
            (CareEndReason::Overleden, 88),
            (CareEndReason::Verhuizing, 6),
            (CareEndReason::AndereAanbiederInZorg, 6),
        ],
        content_with_current: 600.0,
        awaiting_allocation: 900.0,
        at_home: 38_000.0,
        at_home_forms: &[(DeliveryForm::Vpt, 45), (DeliveryForm::Mpt, 30), (DeliveryForm::Pgb, 25)],
        at_home_new_share: 0.25,
        at_home_end_rate: 0.15,
        at_home_end_reasons: &[
            (CareEndReason::Overleden, 93),
            (CareEndReason::Verhuizing, 4),
            (CareEndReason::AndereAanbiederInZorg, 3),
        ],
        profiles: &[("4VV", 14), ("5VV", 47), ("6VV", 28), ("7VV", 9), ("8VV", 2)],
        age: (65, 101),
    },
    SectorTargets {
        sector: Sector::Ghz,
        locations: 560.0,
        min_locations: 3,
        capacity: (8, 40),
        locations_per_provider: (1, 8),
        start_occupancy: (0.88, 0.99),
        resident_end_rate: 0.05,
        resident_end_reasons: &[
            (CareEndReason::Overleden, 50),
            (CareEndReason::Overplaatsing, 25),
            (CareEndReason::Verhuizing, 25),
        ],
        refill_freed_bed: 0.85,
        fill_free_bed: 0.30,
        admission_delay: (7, 60),
        urgent_plaatsen: 80.0,
        actief_plaatsen: 434.0,
        wacht_op_voorkeur: 1_294.0,
        wacht_uit_voorzorg: 300.0,
        bridging_share_of_actief: 0.12,
        urgent_mean_days: 20.0,
        actief_mean_days: 100.0,
        ended_while_waiting: 80.0,
        waiting_end_reasons: &[
            (CareEndReason::Overleden, 40),
            (CareEndReason::Verhuizing, 40),
            (CareEndReason::AndereAanbiederInZorg, 20),
        ],
        content_with_current: 40.0,
        awaiting_allocation: 400.0,
        at_home: 118_000.0,
        at_home_forms: &[
            (DeliveryForm::Pgb, 45),
            (DeliveryForm::Mpt, 35),
            (DeliveryForm::Vpt, 10),
            (DeliveryForm::Dtv, 10),
        ],
        at_home_new_share: 0.10,
        at_home_end_rate: 0.015,
        at_home_end_reasons: &[
            (CareEndReason::Overleden, 50),
            (CareEndReason::Verhuizing, 30),
            (CareEndReason::AndereAanbiederInZorg, 15),
            (CareEndReason::NegatiefIndicatiebesluit, 5),
        ],
        profiles: &[
            ("3VG", 10),
            ("4VG", 14),
            ("5VG", 14),
            ("6VG", 16),
            ("7VG", 6),
            ("8VG", 6),
            ("4LG", 4),
            ("5LG", 4),
            ("6LG", 3),
            ("2LVG", 4),
            ("3LVG", 5),
            ("4LVG", 4),
            ("3ZGvis", 2),
            ("4ZGvis", 2),
            ("2ZGaud", 2),
        ],
        age: (4, 85),
    },
    SectorTargets {
        sector: Sector::Ggz,
        locations: 190.0,
        min_locations: 2,
        capacity: (10, 30),
        locations_per_provider: (1, 4),
        start_occupancy: (0.88, 0.99),
        resident_end_rate: 0.08,
        resident_end_reasons: &[
            (CareEndReason::Uitstroom, 50),
            (CareEndReason::Overleden, 20),
            (CareEndReason::Overplaatsing, 30),
        ],
        refill_freed_bed: 0.85,
        fill_free_bed: 0.30,
        admission_delay: (7, 60),
        urgent_plaatsen: 30.0,
        actief_plaatsen: 162.0,
        wacht_op_voorkeur: 470.0,
        wacht_uit_voorzorg: 100.0,
        bridging_share_of_actief: 0.12,
        urgent_mean_days: 20.0,
        actief_mean_days: 100.0,
        ended_while_waiting: 40.0,
        waiting_end_reasons: &[
            (CareEndReason::Uitstroom, 40),
            (CareEndReason::Verhuizing, 40),
            (CareEndReason::Overleden, 20),
        ],
        content_with_current: 15.0,
        awaiting_allocation: 200.0,
        at_home: 28_000.0,
        at_home_forms: &[(DeliveryForm::Mpt, 50), (DeliveryForm::Pgb, 30), (DeliveryForm::Vpt, 20)],
        at_home_new_share: 0.15,
        at_home_end_rate: 0.03,
        at_home_end_reasons: &[
            (CareEndReason::Uitstroom, 40),
            (CareEndReason::Overleden, 30),
            (CareEndReason::Verhuizing, 30),
        ],
        profiles: &[
            ("3GGZ B", 10),
            ("4GGZ B", 15),
            ("5GGZ B", 12),
            ("6GGZ B", 6),
            ("2GGZ C", 8),
            ("3GGZ C", 10),
            ("4GGZ C", 8),
            ("1GGZ W", 8),
            ("2GGZ W", 10),
            ("3GGZ W", 8),
        ],
        age: (20, 85),
    },
];

/// The share of waiting clients whose indication has delivery form PGB:
/// they wait for a place bought from their personal budget (the report's
/// "PGB" column, `iwlz.md` "Official reporting").
pub(crate) const WAITING_PGB_SHARE: f64 = 0.03;

/// The figures of a sector.
pub(crate) fn of(sector: Sector) -> &'static SectorTargets {
    &SECTORS[crate::regions::sector_index(sector)]
}
