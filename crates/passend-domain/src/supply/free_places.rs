//! Free places (*vrije plaatsen*): what a location reports, when a report
//! has gone stale, and the crisis places of the whole country.
//!
//! A report is binding until it is withdrawn or replaced by a newer one; the
//! zorgkantoor mediates on it, so a report that nobody renewed is a signal of
//! its own (the staleness alert), not a reason to guess.

use jiff::ToSpan;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::{Location, SupplyDirectory, SupplyEvent, SupplyRejection};
use crate::ids::LocationId;
use crate::policy::PolicySet;

/// A location's count of free places on a day. Dutch: *melding vrije plaatsen*.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FreePlacesReport {
    pub location: LocationId,
    /// Places free for admission, crisis beds included.
    pub free: u32,
    /// Places occupied, when the location reports it (*bezetting*).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occupied: Option<u32>,
    /// Of the free places, the crisis beds (*vrije crisisbedden*), when reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub free_crisis_beds: Option<u32>,
    /// The day the count holds for.
    pub reported_on: Date,
}

impl FreePlacesReport {
    /// Whether the report is older than the policy's
    /// `free_places_stale_after_days` on `today` (the version in force on
    /// `today`): a report of exactly that many days ago is still fresh; one
    /// day more and it is stale.
    pub fn is_stale_on(&self, today: Date, policies: &PolicySet) -> bool {
        let stale_after = i64::from(policies.in_force_on(today).free_places_stale_after_days);
        self.reported_on.checked_add(stale_after.days()).is_ok_and(|fresh| fresh < today)
    }
}

/// A report that nobody renewed within the policy's term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StaleReport {
    pub location: LocationId,
    pub reported_on: Date,
    /// Calendar days from the report to the day asked about.
    pub age_days: i32,
}

/// A location with crisis beds and what it last reported free of them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CrisisPlaces<'a> {
    pub location: &'a Location,
    /// Free crisis beds of the binding report; `None` without a report or
    /// when the report did not say.
    pub free_crisis_beds: Option<u32>,
    pub reported_on: Option<Date>,
}

impl SupplyDirectory {
    /// Checks a free-places report. The places may not exceed the capacity:
    /// free plus occupied (when given) is at most the capacity, and the free
    /// crisis beds (when given) are at most the location's crisis beds and
    /// at most the free places. A report dated before the binding one does
    /// not replace it.
    pub fn decide_free_places(&self, report: FreePlacesReport) -> Result<SupplyEvent, SupplyRejection> {
        let location = self.known_location(report.location)?;
        let occupied = report.occupied.unwrap_or(0);
        if u64::from(report.free) + u64::from(occupied) > u64::from(location.capacity) {
            return Err(SupplyRejection::CapacityBelowOccupancy {
                location: location.id,
                capacity: location.capacity,
                free: report.free,
                occupied,
            });
        }
        if let Some(free_crisis) = report.free_crisis_beds
            && (free_crisis > location.crisis_beds || free_crisis > report.free)
        {
            return Err(SupplyRejection::FreeCrisisBedsAboveCrisisBeds {
                location: location.id,
                free_crisis,
                crisis_beds: location.crisis_beds,
                free: report.free,
            });
        }
        if let Some(current) = self.free_places(location.id)
            && report.reported_on < current.reported_on
        {
            return Err(SupplyRejection::ReportOlderThanCurrent {
                location: location.id,
                reported_on: report.reported_on,
                current: current.reported_on,
            });
        }
        Ok(SupplyEvent::FreePlacesReported(report))
    }

    /// Checks withdrawing the binding report of a location: there must be one.
    pub fn decide_withdraw_free_places(&self, location: LocationId, on: Date) -> Result<SupplyEvent, SupplyRejection> {
        self.known_location(location)?;
        if self.free_places(location).is_none() {
            return Err(SupplyRejection::NoFreePlacesReport(location));
        }
        Ok(SupplyEvent::FreePlacesWithdrawn { location, on })
    }

    /// The staleness alert: every binding report older than the policy's
    /// `free_places_stale_after_days` on `today` (the version in force on
    /// `today`). A report of exactly that many days ago is still fresh; one
    /// day more and it is stale. Ordered oldest first, then by location.
    pub fn stale_reports(&self, today: Date, policies: &PolicySet) -> Vec<StaleReport> {
        let mut stale: Vec<StaleReport> = self
            .free_places
            .values()
            .filter(|report| report.is_stale_on(today, policies))
            .map(|report| StaleReport {
                location: report.location,
                reported_on: report.reported_on,
                age_days: (today - report.reported_on).get_days(),
            })
            .collect();
        stale.sort_by_key(|report| (report.reported_on, report.location));
        stale
    }

    /// Every location with crisis beds, in every region, with its free
    /// crisis beds: a crisis admission looks across regional borders.
    /// Ordered by location.
    pub fn crisis_places(&self) -> Vec<CrisisPlaces<'_>> {
        self.locations()
            .filter(|location| location.crisis_beds > 0)
            .map(|location| {
                let report = self.free_places(location.id);
                CrisisPlaces {
                    location,
                    free_crisis_beds: report.and_then(|report| report.free_crisis_beds),
                    reported_on: report.map(|report| report.reported_on),
                }
            })
            .collect()
    }
}
