//! The weekly recap's words and chart: the runner's week (Monday to Sunday
//! in their zone) in numbers in their unit, its training load against their
//! usual ([`crate::coach::load`]), their sleep if they logged any, and one
//! thing to do next week chosen from the week, with the same eight-week
//! chart as "stats". The reminders call [`Writer`] when a recap falls due
//! (`reminders/recap.rs`); every sentence is the catalogue's.
//!
//! Safety first: an open warning sign or pain sent to a physio picks the
//! "next week" line and silences praise; no line ever suggests a hard
//! session.

use std::sync::Arc;

use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp, ToSpan};

use super::format;
use crate::catalogue::Catalogue;
use crate::chart;
use crate::coach::load::{self, Trend};
use crate::coach::pain::active_escalations;
use crate::coach::signals::SLEEP_TARGET_H;
use crate::model::{Attachment, ClockTime, LogEntry, Profile, UserId};
use crate::reminders::schedule::resolve;
use crate::reminders::{Recap, WriteRecap};
use crate::rules::{local_date, runner_zone};
use crate::store::{Store, StoreError};

/// Days of logs a recap reads: the chart's eight weeks and a little more.
const HISTORY_DAYS: i64 = 7 * chart::WEEKS as i64 + 7;
/// A week with this many running days and no rest day logged calls for a
/// planned rest day (fewer leave days off anyway).
const BUSY_WEEK_RUN_DAYS: usize = 5;

/// Writes recaps from the store, in the catalogue's words.
pub(super) struct Writer {
    catalogue: Arc<Catalogue>,
    store: Store,
}

impl Writer {
    pub(super) fn new(catalogue: Arc<Catalogue>, store: Store) -> Writer {
        Writer { catalogue, store }
    }

    fn say(&self, key: &str, vars: &[(&str, &str)]) -> String {
        self.catalogue.say(key, 0, vars)
    }
}

/// The week's numbers, from its logs.
#[derive(Debug, Default)]
struct Week {
    runs: usize,
    distance_m: f64,
    longest_m: f64,
    run_days: usize,
    rest_days: usize,
    sleep: Vec<f64>,
}

impl Week {
    fn of(logs: &[&LogEntry], tz: &jiff::tz::TimeZone) -> Week {
        let mut week = Week::default();
        let mut run_days = std::collections::BTreeSet::new();
        let mut rest_days = std::collections::BTreeSet::new();
        for e in logs {
            if let Some(run) = &e.run {
                let d = run.distance_m.unwrap_or(0.0);
                week.runs += 1;
                week.distance_m += d;
                week.longest_m = week.longest_m.max(d);
                run_days.insert(local_date(e.at, tz));
            }
            if e.rest.is_some() {
                rest_days.insert(local_date(e.at, tz));
            }
            if let Some(s) = &e.sleep {
                week.sleep.push(s.hours);
            }
        }
        week.run_days = run_days.len();
        week.rest_days = rest_days.len();
        week
    }

    fn sleep_average(&self) -> Option<f64> {
        (!self.sleep.is_empty()).then(|| self.sleep.iter().sum::<f64>() / self.sleep.len() as f64)
    }
}

impl WriteRecap for Writer {
    fn write(&self, user: &UserId, due: Timestamp) -> Result<Recap, StoreError> {
        let profile = self.store.profile(user)?;
        let tz = runner_zone(&profile);
        let since = crate::clock::before(due, SignedDuration::from_hours(24 * HISTORY_DAYS));
        let mut logs: Vec<LogEntry> = self
            .store
            .logs_since(user, since)?
            .into_iter()
            .map(|(_, e)| e)
            .filter(|e| e.at <= due)
            .collect();
        logs.sort_by_key(|e| e.at);
        let day = local_date(due, &tz);
        let monday = day
            .checked_sub(i64::from(day.weekday().to_monday_zero_offset()).days())
            .unwrap_or(day);
        let sunday = monday.checked_add(6.days()).unwrap_or(monday);
        let in_week: Vec<&LogEntry> = logs
            .iter()
            .filter(|e| (monday..=sunday).contains(&local_date(e.at, &tz)))
            .collect();
        let week = Week::of(&in_week, &tz);
        // The load of the week as a whole: Monday 00:00 to Monday 00:00.
        let week_end = next_midnight(sunday, &tz);
        let load = load::summary(&logs, week_end);
        let bedtime = self.store.reminders(user)?.sleep.map(|s| s.at);

        let mut lines = vec![self.title(monday, sunday)];
        let warning = profile.safety.open_warning().is_some();
        let pain = active_escalations(&profile.safety, due);
        if week.runs == 0 {
            lines.push(self.say("recap.week_empty", &[]));
        } else {
            lines.push(self.numbers(&week, &profile));
            lines.push(self.load(load));
        }
        if let Some(avg) = week.sleep_average() {
            let nights = self.catalogue.count("recap.nights", week.sleep.len());
            lines.push(self.say(
                "recap.sleep",
                &[("hours", &format::hours(avg)), ("nights", &nights)],
            ));
        }
        // Praise only for a week with running in it and nothing open.
        if week.runs > 0 && !warning && pain.is_empty() && load.trend != Trend::Up {
            let variant = due.as_second().div_euclid(7 * 86_400) as usize;
            lines.push(self.catalogue.say("recap.praise", variant, &[]));
        }
        lines.push(self.next_week(&week, load.trend, warning, &pain, bedtime));

        let weeks = chart::Weeks::from_logs(&logs, &profile, due);
        let attachment = (!weeks.is_empty()).then(|| {
            let drawn = chart::draw(&weeks);
            Attachment {
                name: chart::FILE_NAME.to_owned(),
                bytes: drawn.png,
                alt: drawn.alt,
            }
        });
        Ok(Recap {
            text: lines.join("\n"),
            attachment,
        })
    }
}

impl Writer {
    fn title(&self, monday: Date, sunday: Date) -> String {
        let day = |d: Date| d.strftime("%a %-d %b").to_string();
        self.say(
            "recap.title",
            &[("from", &day(monday)), ("to", &day(sunday))],
        )
    }

    fn numbers(&self, week: &Week, profile: &Profile) -> String {
        self.say(
            "recap.week",
            &[
                ("runs", &self.catalogue.count("count.runs", week.runs)),
                ("distance", &format::distance(week.distance_m, profile.unit)),
                ("longest", &format::distance(week.longest_m, profile.unit)),
                (
                    "rest_days",
                    &self.catalogue.count("count.rest", week.rest_days),
                ),
            ],
        )
    }

    fn load(&self, load: load::LoadSummary) -> String {
        let acute = format!("{:.0}", load.acute);
        let chronic = format!("{:.0}", load.chronic);
        let key = match load.trend {
            Trend::New => "recap.load_new",
            Trend::Up => "recap.load_up",
            Trend::Steady => "recap.load_steady",
            Trend::Down => "recap.load_down",
        };
        self.say(key, &[("acute", &acute), ("chronic", &chronic)])
    }

    /// One concrete thing for next week, the most pressing first.
    fn next_week(
        &self,
        week: &Week,
        trend: Trend,
        warning: bool,
        pain: &[crate::model::BodyPart],
        bedtime: Option<ClockTime>,
    ) -> String {
        if warning {
            return self.say("recap.next_warning", &[]);
        }
        if !pain.is_empty() {
            let parts = format::body_parts(&self.catalogue, pain);
            return self.say("recap.next_pain", &[("parts", &parts)]);
        }
        if week.runs == 0 {
            return self.say("recap.next_empty", &[]);
        }
        if trend == Trend::Up {
            return self.say("recap.next_steadier", &[]);
        }
        if week.sleep_average().is_some_and(|h| h < SLEEP_TARGET_H) {
            return match bedtime {
                Some(at) => self.say("recap.next_sleep_bedtime", &[("time", &at.to_string())]),
                None => self.say("recap.next_sleep", &[]),
            };
        }
        if week.rest_days == 0 && week.run_days >= BUSY_WEEK_RUN_DAYS {
            return self.say("recap.next_rest", &[]);
        }
        self.say("recap.next_keep", &[])
    }
}

/// The instant the day after `date` begins in `tz`.
fn next_midnight(date: Date, tz: &jiff::tz::TimeZone) -> Timestamp {
    let next = date.checked_add(1.days()).unwrap_or(date);
    resolve(next, ClockTime { hour: 0, minute: 0 }, tz)
}
