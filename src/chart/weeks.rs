//! A runner's logs summed into their last [`WEEKS`] weeks: Monday to Sunday
//! in their zone, the last one this week so far. A log counts in the week
//! of its local day ([`rules::local_date`]), so a Sunday-night run in
//! Auckland is Sunday's even though it is Sunday morning in UTC.

use std::collections::BTreeSet;

use jiff::civil::Date;
use jiff::{Timestamp, ToSpan};

use crate::coach::load::typical_pace;
use crate::intent::Unit;
use crate::rules::{self, local_date, runner_zone};
use crate::store::{LogEntry, Profile};

/// Weeks on the chart, this one included.
pub const WEEKS: usize = 8;

const METRES_PER_MILE: f64 = 1609.344;

/// One week's numbers.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Week {
    /// Its Monday.
    pub start: Date,
    /// Distance run, in the runner's unit.
    pub distance: f64,
    pub runs: u32,
    /// Runs that were long ([`rules::is_long_run`] at the runner's usual
    /// pace).
    pub long_runs: u32,
    /// Days with a rest day logged.
    pub rest_days: u32,
    /// Average hours of the nights logged, if any were.
    pub sleep: Option<f64>,
}

/// The chart's numbers: [`WEEKS`] weeks, oldest first, the last one this
/// week (up to today).
#[derive(Debug, Clone, PartialEq)]
pub struct Weeks {
    pub weeks: Vec<Week>,
    pub unit: Unit,
    pub today: Date,
    /// The last week is over (a club's Monday post shows the week just
    /// ended): it is "last week", not "this week so far".
    pub closed: bool,
}

impl Weeks {
    /// Sums `logs` into the runner's last [`WEEKS`] weeks up to `now`.
    pub fn from_logs(logs: &[LogEntry], profile: &Profile, now: Timestamp) -> Weeks {
        let tz = runner_zone(profile);
        let today = local_date(now, &tz);
        let monday = today
            .checked_sub(i64::from(today.weekday().to_monday_zero_offset()).days())
            .unwrap_or(today);
        let first = monday
            .checked_sub(((WEEKS as i64 - 1) * 7).days())
            .unwrap_or(Date::MIN);
        let mut weeks: Vec<Week> = (0..WEEKS)
            .map(|i| Week {
                start: first
                    .checked_add((i as i64 * 7).days())
                    .unwrap_or(Date::MAX),
                ..Week::default()
            })
            .collect();
        let pace = typical_pace(logs);
        let mut rest_days: Vec<BTreeSet<Date>> = vec![BTreeSet::new(); WEEKS];
        let mut nights: Vec<Vec<f64>> = vec![Vec::new(); WEEKS];
        for e in logs {
            let day = local_date(e.at, &tz);
            if day < first || day > today {
                continue;
            }
            let index = (first.until(day).map_or(0, |s| s.get_days()) / 7) as usize;
            let Some(week) = weeks.get_mut(index) else {
                continue;
            };
            if let Some(run) = &e.run {
                week.runs += 1;
                week.distance += in_unit(run.distance_m.unwrap_or(0.0), profile.unit);
                if rules::is_long_run(run, pace) {
                    week.long_runs += 1;
                }
            }
            if e.rest.is_some() {
                rest_days[index].insert(day);
            }
            if let Some(sleep) = &e.sleep {
                nights[index].push(sleep.hours);
            }
        }
        for ((week, rests), nights) in weeks.iter_mut().zip(rest_days).zip(nights) {
            week.rest_days = rests.len() as u32;
            if !nights.is_empty() {
                week.sleep = Some(nights.iter().sum::<f64>() / nights.len() as f64);
            }
        }
        Weeks {
            weeks,
            unit: profile.unit,
            today,
            closed: false,
        }
    }

    /// A club's weeks: the members' weeks added up (distance, runs, long
    /// runs, rest days; never sleep, which is personal), in the club's
    /// zone and `unit`, the last one the week that holds `now`.
    pub fn club(members: &[Vec<LogEntry>], zone: &str, unit: Unit, now: Timestamp) -> Weeks {
        let profile = Profile {
            time_zone: Some(zone.to_owned()),
            unit,
            ..Profile::default()
        };
        let mut total = Weeks::from_logs(&[], &profile, now);
        for logs in members {
            let theirs = Weeks::from_logs(logs, &profile, now);
            for (sum, week) in total.weeks.iter_mut().zip(theirs.weeks) {
                sum.distance += week.distance;
                sum.runs += week.runs;
                sum.long_runs += week.long_runs;
                sum.rest_days += week.rest_days;
            }
        }
        total
    }

    /// Nothing logged in any of the weeks.
    pub fn is_empty(&self) -> bool {
        self.weeks
            .iter()
            .all(|w| w.runs == 0 && w.rest_days == 0 && w.sleep.is_none())
    }

    /// Any night logged: the chart draws the sleep line and its axis.
    pub fn has_sleep(&self) -> bool {
        self.weeks.iter().any(|w| w.sleep.is_some())
    }

    /// This week (so far).
    pub fn this_week(&self) -> &Week {
        &self.weeks[WEEKS - 1]
    }

    /// The unit's short name ("km", "mi").
    pub fn unit_name(&self) -> &'static str {
        match self.unit {
            Unit::Km => "km",
            Unit::Mi => "mi",
        }
    }
}

fn in_unit(metres: f64, unit: Unit) -> f64 {
    match unit {
        Unit::Km => metres / 1000.0,
        Unit::Mi => metres / METRES_PER_MILE,
    }
}

/// A number as the chart and its alt text write it: one decimal, none
/// when whole ("24", "8.5", "0"), as the stats text does.
pub fn amount(value: f64) -> String {
    // `+ 0.0` turns the -0.0 of an empty sum into 0.0.
    let rounded = (value * 10.0).round() / 10.0 + 0.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    }
}
