//! A club's week in numbers, computed from the members' own logs, and put
//! into the catalogue's words: the totals, the week's highlights (races,
//! personal bests, the longest run) and one recovery tip chosen from what
//! the club ran ([`super::tip`]). Only runners who joined are read, named
//! by the name they joined with; a week is a half-open window
//! `[start, end)` over when things happened (`at`).

use jiff::tz::TimeZone;
use jiff::Timestamp;

use super::board::{display_name, distance};
use super::tip::{self, WeekSignals};
use crate::catalogue::Catalogue;
use crate::coach::load::typical_pace;
use crate::model::{Condition, Effort, Unit};
use crate::store::{LogEntry, Member, Store, StoreError};

/// A race or a personal best someone logged.
#[derive(Debug, Clone, PartialEq)]
pub struct Highlight {
    pub runner: String,
    pub distance_m: Option<f64>,
    pub race: bool,
    pub personal_best: bool,
}

/// What a club's members did in one window.
#[derive(Debug, Clone, PartialEq)]
pub struct ClubSummary {
    pub start: Timestamp,
    pub end: Timestamp,
    /// Runners who joined the club.
    pub members: usize,
    /// Members who logged anything in the window.
    pub runners_logged: usize,
    pub runs: usize,
    pub distance_m: f64,
    /// The longest run and whose it was (the first logged, on a tie).
    pub longest: Option<(String, f64)>,
    pub rest_days: usize,
    /// Races and personal bests, in member order.
    pub highlights: Vec<Highlight>,
    /// What the week was like, for the tip of the week.
    pub signals: WeekSignals,
}

impl ClubSummary {
    /// Reads the logs of `members` that happened in `[start, end)`.
    pub fn compute(
        store: &Store,
        members: &[Member],
        start: Timestamp,
        end: Timestamp,
    ) -> Result<ClubSummary, StoreError> {
        let mut logs = Vec::with_capacity(members.len());
        for member in members {
            // A log is never told before it happened (`logged_at >= at`),
            // so scanning from `start` by logged time misses nothing.
            let theirs = store.logs_since(&member.user, start)?;
            logs.push(theirs.into_iter().map(|(_, e)| e).collect());
        }
        Ok(ClubSummary::from_logs(members, &logs, start, end))
    }

    /// The summary of logs already read: `logs[i]` are `members[i]`'s, from
    /// any time (only those that happened in `[start, end)` count).
    pub fn from_logs(
        members: &[Member],
        logs: &[Vec<LogEntry>],
        start: Timestamp,
        end: Timestamp,
    ) -> ClubSummary {
        let mut s = ClubSummary {
            start,
            end,
            members: members.len(),
            runners_logged: 0,
            runs: 0,
            distance_m: 0.0,
            longest: None,
            rest_days: 0,
            highlights: Vec::new(),
            signals: WeekSignals::default(),
        };
        for (member, theirs) in members.iter().zip(logs) {
            let entries: Vec<LogEntry> = theirs
                .iter()
                .filter(|e| e.at >= start && e.at < end)
                .cloned()
                .collect();
            if !entries.is_empty() {
                s.runners_logged += 1;
            }
            s.add(&display_name(member), &entries);
        }
        s
    }

    /// One member's logs of the window.
    fn add(&mut self, name: &str, entries: &[LogEntry]) {
        let pace = typical_pace(entries);
        for e in entries {
            if e.rest.is_some() {
                self.rest_days += 1;
            }
            let Some(run) = &e.run else { continue };
            self.runs += 1;
            let d = run.distance_m.unwrap_or(0.0);
            self.distance_m += d;
            if d > 0.0 && self.longest.as_ref().map_or(true, |(_, best)| d > *best) {
                self.longest = Some((name.to_owned(), d));
            }
            let race = run.effort == Some(Effort::Race);
            if race || run.personal_best {
                self.highlights.push(Highlight {
                    runner: name.to_owned(),
                    distance_m: run.distance_m,
                    race,
                    personal_best: run.personal_best,
                });
            }
            let signals = &mut self.signals;
            signals.runs += 1;
            signals.races += u32::from(race);
            signals.long_runs += u32::from(crate::rules::is_long_run(run, pace));
            let has = |c: &[Condition]| run.conditions.iter().any(|x| c.contains(x));
            signals.hot_runs += u32::from(has(&[Condition::Hot, Condition::Humid]));
            signals.cold_runs += u32::from(has(&[Condition::Cold, Condition::Snow]));
        }
        self.signals.rest_days = self.rest_days as u32;
    }

    /// The summary as a message, in `tz` for the dates and `unit` for the
    /// distances. Runners are named
    /// by the name they joined with (a Discord id without one as a mention:
    /// whoever sends it must let it ping nobody).
    pub fn render(&self, catalogue: &Catalogue, tz: &TimeZone, unit: Unit) -> String {
        let day = |t: Timestamp| t.to_zoned(tz.clone()).strftime("%a %-d %b").to_string();
        // The last day shown is the one before the (exclusive) end.
        let last = self
            .end
            .checked_sub(jiff::SignedDuration::from_secs(1))
            .unwrap_or(self.end);
        let mut lines = vec![catalogue.say(
            "club.summary_title",
            0,
            &[("from", &day(self.start)), ("to", &day(last))],
        )];
        if self.members == 0 {
            lines.push(catalogue.say("club.summary_no_members", 0, &[]));
            return lines.join("\n");
        }
        if self.runners_logged == 0 {
            lines.push(catalogue.say("club.summary_quiet", self.variant(), &[]));
            return lines.join("\n");
        }
        let runners = catalogue.count("club.runners", self.runners_logged);
        let runs = catalogue.count("count.runs", self.runs);
        let rest = catalogue.count("count.rest", self.rest_days);
        let total = distance(self.distance_m, unit);
        // "with 0 rest days" would read as a reproach: leave it out.
        let counts = if self.rest_days == 0 {
            "club.summary_counts_no_rest"
        } else {
            "club.summary_counts"
        };
        lines.push(catalogue.say(
            counts,
            0,
            &[
                ("runners", &runners),
                ("runs", &runs),
                ("distance", &total),
                ("rest_days", &rest),
            ],
        ));
        if let Some(line) = self.highlights_line(catalogue, unit) {
            lines.push(line);
        }
        if let Some((who, d)) = &self.longest {
            lines.push(catalogue.say(
                "club.summary_longest",
                0,
                &[("runner", who), ("distance", &distance(*d, unit))],
            ));
        }
        if let Some(topic) = tip::of_the_week(&self.signals, self.variant()) {
            let key = format!("club.tip_week_{}", topic.as_str());
            lines.push(catalogue.say(&key, self.variant(), &[]));
        }
        let cheer = if self.rest_days > 0 {
            "club.cheer_rest"
        } else {
            "club.cheer"
        };
        lines.push(catalogue.say(cheer, self.variant(), &[]));
        lines.join("\n")
    }

    /// "Highlights: Ana raced 21.1 km, a new PB · Ben: a new PB (10 km)".
    fn highlights_line(&self, catalogue: &Catalogue, unit: Unit) -> Option<String> {
        if self.highlights.is_empty() {
            return None;
        }
        let items: Vec<String> = self
            .highlights
            .iter()
            .map(|h| {
                let d = h.distance_m.map(|m| distance(m, unit));
                let key = match (h.race, h.personal_best, d.is_some()) {
                    (true, true, true) => "club.highlight_race_pb",
                    (true, false, true) => "club.highlight_race",
                    (true, true, false) => "club.highlight_race_pb_untimed",
                    (true, false, false) => "club.highlight_race_untimed",
                    (false, _, true) => "club.highlight_pb",
                    (false, _, false) => "club.highlight_pb_untimed",
                };
                let d = d.unwrap_or_default();
                catalogue.say(key, 0, &[("runner", &h.runner), ("distance", &d)])
            })
            .collect();
        Some(catalogue.say("club.highlights", 0, &[("list", &items.join(" · "))]))
    }

    /// A phrasing that changes from week to week, the same for one week.
    fn variant(&self) -> usize {
        (self.start.as_second() / (7 * 24 * 3600)).unsigned_abs() as usize
    }
}
