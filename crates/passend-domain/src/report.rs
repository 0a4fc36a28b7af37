//! The waiting-list report: distinct waiting persons per region, sector and
//! status, with the cuts of the official figures.
//!
//! `iwlz.md`, "Official reporting": Zorginstituut publishes monthly
//! waiting-list figures per zorgkantoorregio, sector, status and care profile;
//! CBS/Monitor Langdurige Zorg publishes quarterly counts "split by
//! *shorter/longer than the norm* and *with/without bridging care*, care in
//! kind only. passend's regional report must reproduce those cuts. A status
//! without a norm (*wacht uit voorzorg*, and *urgent plaatsen* unless the
//! policy sets one) is neither shorter nor longer than the norm: report it as
//! "no norm". Care in kind vs PGB follows the indication's delivery form
//! (`pgb` → PGB; any other or none → in kind)." And on COD167: "Wacht uit
//! voorzorg is left out of official waiting-list figures — report it
//! separately."
//!
//! Each person is counted once: the input is one [`CaseSummary`] per client
//! (seeds 000 and 003: nobody knows how many people really wait because
//! providers keep shadow lists; passend keeps one case per person). The
//! report is pure: it takes the summaries as of the report day — from the
//! projections for today, or folded as of an earlier day — and the day.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::Serialize;

use crate::case::CaseSummary;
use crate::codes::{DeliveryForm, Region, Sector, WaitStatus};

/// The waiting-list report on one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WaitingListReport {
    /// The report day: norms are judged against it.
    pub on: Date,
    /// One row per region, sector and status with at least one waiting
    /// person, ordered by region (COD001), sector (VV, GHZ, GGZ) and status
    /// (urgent, actief, wacht op voorkeur, wacht uit voorzorg).
    pub rows: Vec<WaitingListRow>,
    /// Per region with waiting persons, in COD001 order: the official total
    /// and *wacht uit voorzorg* beside it.
    pub regions: Vec<RegionTotals>,
    /// The official figure over all regions: every waiting person except
    /// those who *wacht uit voorzorg*.
    pub official: Cuts,
    /// *Wacht uit voorzorg* over all regions, reported separately.
    pub wacht_uit_voorzorg: Cuts,
}

/// The waiting persons of one region, sector and status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WaitingListRow {
    pub region: Region,
    /// The sector of the client's care profile. A waiting client always has
    /// one (a status needs an indication); `None` would be a case without.
    pub sector: Option<Sector>,
    pub status: WaitStatus,
    #[serde(flatten)]
    pub cuts: Cuts,
}

/// The totals of one region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegionTotals {
    pub region: Region,
    /// Every waiting person of the region except *wacht uit voorzorg*.
    pub official: Cuts,
    pub wacht_uit_voorzorg: Cuts,
}

/// The cuts of the official figures for a group of waiting persons. Each
/// pair (or triple) of cuts adds up to `persons`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Cuts {
    /// Distinct waiting persons.
    pub persons: u32,
    /// Within the norm on the report day: the day is on or before `norm_due`.
    pub shorter_than_norm: u32,
    /// Past the norm: the report day is after `norm_due`.
    pub longer_than_norm: u32,
    /// A status without a norm: neither shorter nor longer.
    pub no_norm: u32,
    /// Waiting in a bridging place (*overbruggingszorg*).
    pub with_bridging: u32,
    pub without_bridging: u32,
    /// Care in kind (*zorg in natura*): any delivery form but PGB, or none.
    pub in_kind: u32,
    /// A personal budget (*persoonsgebonden budget*).
    pub pgb: u32,
    /// CBS's table: care in kind only, by norm and bridging.
    pub in_kind_by_norm: InKindByNorm,
}

/// Care in kind only, the norm cut crossed with the bridging cut, as CBS
/// publishes it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct InKindByNorm {
    pub shorter_with_bridging: u32,
    pub shorter_without_bridging: u32,
    pub longer_with_bridging: u32,
    pub longer_without_bridging: u32,
    pub no_norm_with_bridging: u32,
    pub no_norm_without_bridging: u32,
}

/// Where a waiting person stands against the norm of the status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NormPosition {
    ShorterThanNorm,
    LongerThanNorm,
    NoNorm,
}

impl NormPosition {
    /// `iwlz.md`: longer than the norm when the day is after `norm_due`; a
    /// status without a norm is neither.
    pub fn of(norm_due: Option<Date>, on: Date) -> NormPosition {
        match norm_due {
            None => NormPosition::NoNorm,
            Some(due) if crate::case::alerts::is_overdue(due, on) => NormPosition::LongerThanNorm,
            Some(_) => NormPosition::ShorterThanNorm,
        }
    }
}

impl Cuts {
    /// Counts one waiting person.
    pub fn add_person(&mut self, position: NormPosition, bridging: bool, pgb: bool) {
        self.persons += 1;
        match position {
            NormPosition::ShorterThanNorm => self.shorter_than_norm += 1,
            NormPosition::LongerThanNorm => self.longer_than_norm += 1,
            NormPosition::NoNorm => self.no_norm += 1,
        }
        if bridging {
            self.with_bridging += 1;
        } else {
            self.without_bridging += 1;
        }
        if pgb {
            self.pgb += 1;
            return;
        }
        self.in_kind += 1;
        let cross = &mut self.in_kind_by_norm;
        let cell = match (position, bridging) {
            (NormPosition::ShorterThanNorm, true) => &mut cross.shorter_with_bridging,
            (NormPosition::ShorterThanNorm, false) => &mut cross.shorter_without_bridging,
            (NormPosition::LongerThanNorm, true) => &mut cross.longer_with_bridging,
            (NormPosition::LongerThanNorm, false) => &mut cross.longer_without_bridging,
            (NormPosition::NoNorm, true) => &mut cross.no_norm_with_bridging,
            (NormPosition::NoNorm, false) => &mut cross.no_norm_without_bridging,
        };
        *cell += 1;
    }

    /// Adds the counts of another group.
    pub fn add(&mut self, other: &Cuts) {
        self.persons += other.persons;
        self.shorter_than_norm += other.shorter_than_norm;
        self.longer_than_norm += other.longer_than_norm;
        self.no_norm += other.no_norm;
        self.with_bridging += other.with_bridging;
        self.without_bridging += other.without_bridging;
        self.in_kind += other.in_kind;
        self.pgb += other.pgb;
        let (cross, more) = (&mut self.in_kind_by_norm, &other.in_kind_by_norm);
        cross.shorter_with_bridging += more.shorter_with_bridging;
        cross.shorter_without_bridging += more.shorter_without_bridging;
        cross.longer_with_bridging += more.longer_with_bridging;
        cross.longer_without_bridging += more.longer_without_bridging;
        cross.no_norm_with_bridging += more.no_norm_with_bridging;
        cross.no_norm_without_bridging += more.no_norm_without_bridging;
    }
}

/// The waiting-list report on `on` from one summary per client, each folded
/// as of `on` (the summaries of clients who do not wait are skipped).
pub fn waiting_list<'a>(summaries: impl IntoIterator<Item = &'a CaseSummary>, on: Date) -> WaitingListReport {
    let mut cells: BTreeMap<(Region, Option<Sector>, WaitStatus), Cuts> = BTreeMap::new();
    for summary in summaries {
        let Some(status) = summary.status else { continue };
        let position = NormPosition::of(summary.norm_due, on);
        let pgb = summary.delivery_form == Some(DeliveryForm::Pgb);
        cells.entry((summary.region, summary.sector(), status)).or_default().add_person(
            position,
            summary.bridging,
            pgb,
        );
    }

    let mut regions: BTreeMap<Region, RegionTotals> = BTreeMap::new();
    let mut official = Cuts::default();
    let mut wacht_uit_voorzorg = Cuts::default();
    for (&(region, _, status), cuts) in &cells {
        let totals = regions.entry(region).or_insert_with(|| RegionTotals {
            region,
            official: Cuts::default(),
            wacht_uit_voorzorg: Cuts::default(),
        });
        if status == WaitStatus::WachtUitVoorzorg {
            totals.wacht_uit_voorzorg.add(cuts);
            wacht_uit_voorzorg.add(cuts);
        } else {
            totals.official.add(cuts);
            official.add(cuts);
        }
    }
    let rows = cells
        .into_iter()
        .map(|((region, sector, status), cuts)| WaitingListRow { region, sector, status, cuts })
        .collect();
    WaitingListReport { on, rows, regions: regions.into_values().collect(), official, wacht_uit_voorzorg }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;
    use crate::codes::CareProfile;
    use crate::ids::{ClientId, LocationId};

    const ON: Date = date(2026, 10, 1);

    /// A waiting client: region, profile, status, norm_due, bridging, delivery form.
    fn waiting(
        client: u32,
        region: &str,
        profile: &str,
        status: Option<WaitStatus>,
        norm_due: Option<Date>,
        bridging: bool,
        form: Option<DeliveryForm>,
    ) -> CaseSummary {
        CaseSummary {
            client: ClientId(client),
            region: Region::parse(region).unwrap(),
            name: None,
            bsn: None,
            birth_date: date(1940, 1, 1),
            care_profile: Some(CareProfile::parse(profile).unwrap()),
            delivery_form: form,
            dossierhouder: None,
            first_contact_due: None,
            first_contact_on: None,
            status,
            classification: None,
            status_since: status.map(|_| date(2026, 6, 1)),
            waiting_since: status.map(|_| date(2026, 6, 1)),
            norm_due,
            refusals: 0,
            preferences: Vec::new(),
            placed_at: bridging.then_some(LocationId(1)),
            bridging,
            ended_on: None,
            oco_consent: None,
            alerts: Vec::new(),
        }
    }

    fn cuts(report: &WaitingListReport, region: &str, sector: Sector, status: WaitStatus) -> Cuts {
        let region = Region::parse(region).unwrap();
        report
            .rows
            .iter()
            .find(|row| row.region == region && row.sector == Some(sector) && row.status == status)
            .map_or_else(Cuts::default, |row| row.cuts)
    }

    use WaitStatus::*;

    #[test]
    fn the_norm_cut_is_judged_on_the_report_day() {
        let verblijf = Some(DeliveryForm::Verblijf);
        let summaries = [
            waiting(1, "Utrecht", "5VV", Some(ActiefPlaatsen), Some(date(2026, 9, 30)), false, verblijf),
            waiting(2, "Utrecht", "6VV", Some(ActiefPlaatsen), Some(ON), false, verblijf),
            waiting(3, "Utrecht", "5VV", Some(ActiefPlaatsen), Some(date(2026, 11, 1)), true, Some(DeliveryForm::Pgb)),
            waiting(4, "Utrecht", "5VV", Some(UrgentPlaatsen), None, false, None),
        ];
        let report = waiting_list(&summaries, ON);
        let actief = cuts(&report, "Utrecht", Sector::Vv, ActiefPlaatsen);
        assert_eq!(
            (actief.persons, actief.shorter_than_norm, actief.longer_than_norm, actief.no_norm),
            (3, 2, 1, 0),
            "the day of norm_due itself is within the norm"
        );
        assert_eq!((actief.with_bridging, actief.without_bridging, actief.in_kind, actief.pgb), (1, 2, 2, 1));
        assert_eq!(
            actief.in_kind_by_norm,
            InKindByNorm { shorter_without_bridging: 1, longer_without_bridging: 1, ..InKindByNorm::default() },
            "the PGB client is left out of the in-kind table"
        );
        let urgent = cuts(&report, "Utrecht", Sector::Vv, UrgentPlaatsen);
        assert_eq!((urgent.persons, urgent.no_norm, urgent.in_kind), (1, 1, 1), "no delivery form is care in kind");
        // A day later the second client is past the norm too.
        let later = waiting_list(&summaries, date(2026, 10, 2));
        assert_eq!(cuts(&later, "Utrecht", Sector::Vv, ActiefPlaatsen).longer_than_norm, 2);
    }

    #[test]
    fn wacht_uit_voorzorg_is_reported_beside_the_official_figure() {
        let summaries = [
            waiting(1, "Utrecht", "5VV", Some(WachtOpVoorkeur), Some(date(2027, 6, 1)), false, None),
            waiting(2, "Utrecht", "5VV", Some(WachtUitVoorzorg), None, false, None),
            waiting(3, "Haaglanden", "6VG", Some(WachtUitVoorzorg), None, true, None),
            waiting(4, "Haaglanden", "4GGZ B", Some(ActiefPlaatsen), Some(date(2026, 12, 1)), false, None),
            waiting(5, "Haaglanden", "4GGZ B", None, None, false, None),
        ];
        let report = waiting_list(&summaries, ON);
        assert_eq!((report.official.persons, report.wacht_uit_voorzorg.persons), (2, 2));
        assert_eq!(report.wacht_uit_voorzorg.no_norm, 2);
        let regions: Vec<(&str, u32, u32)> = report
            .regions
            .iter()
            .map(|totals| (totals.region.name(), totals.official.persons, totals.wacht_uit_voorzorg.persons))
            .collect();
        assert_eq!(regions, vec![("Utrecht", 1, 1), ("Haaglanden", 1, 1)], "in COD001 order");
        let order: Vec<(&str, Option<Sector>, WaitStatus)> =
            report.rows.iter().map(|row| (row.region.name(), row.sector, row.status)).collect();
        assert_eq!(
            order,
            vec![
                ("Utrecht", Some(Sector::Vv), WachtOpVoorkeur),
                ("Utrecht", Some(Sector::Vv), WachtUitVoorzorg),
                ("Haaglanden", Some(Sector::Ghz), WachtUitVoorzorg),
                ("Haaglanden", Some(Sector::Ggz), ActiefPlaatsen),
            ],
            "the client who does not wait is in no row"
        );
    }

    #[test]
    fn every_cut_adds_up_to_the_persons() {
        let forms = [None, Some(DeliveryForm::Pgb), Some(DeliveryForm::Vpt)];
        let statuses = [Some(UrgentPlaatsen), Some(ActiefPlaatsen), Some(WachtOpVoorkeur), Some(WachtUitVoorzorg)];
        let summaries: Vec<CaseSummary> = (0..48u32)
            .map(|n| {
                let status = statuses[(n % 4) as usize];
                let due = (n % 3 != 0).then(|| date(2026, 9, 20 + (n % 5) as i8));
                waiting(n, "Zeeland", "5VV", status, due, n % 2 == 0, forms[(n % 3) as usize])
            })
            .collect();
        let report = waiting_list(&summaries, ON);
        let mut total = report.official;
        total.add(&report.wacht_uit_voorzorg);
        assert_eq!(total.persons, 48);
        for cuts in report.rows.iter().map(|row| row.cuts).chain([total]) {
            assert_eq!(cuts.shorter_than_norm + cuts.longer_than_norm + cuts.no_norm, cuts.persons);
            assert_eq!(cuts.with_bridging + cuts.without_bridging, cuts.persons);
            assert_eq!(cuts.in_kind + cuts.pgb, cuts.persons);
            let cross = cuts.in_kind_by_norm;
            let in_kind = cross.shorter_with_bridging
                + cross.shorter_without_bridging
                + cross.longer_with_bridging
                + cross.longer_without_bridging
                + cross.no_norm_with_bridging
                + cross.no_norm_without_bridging;
            assert_eq!(in_kind, cuts.in_kind);
        }
    }
}
