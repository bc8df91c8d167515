//! A club board: what the members did over a [`Period`], together and by
//! runner. It names runners by the display name they joined with (never a
//! ping), counts only members who joined, and lists the top three of each
//! column, never the bottom: a board that cheers, not one that shames.
//!
//! Consistency is days with a run or a planned rest day: a rest day is
//! part of the plan, not a gap.

use std::collections::BTreeSet;

use jiff::civil::Date;
use jiff::tz::TimeZone;

use super::period::Window;
use crate::catalogue::Catalogue;
use crate::model::Unit;
use crate::rules::local_date;
use crate::store::{Member, Store, StoreError};

/// How many runners each column names.
pub const TOP: usize = 3;

/// One member's numbers over the window.
#[derive(Debug, Clone, PartialEq)]
pub struct RunnerLine {
    pub name: String,
    pub runs: u32,
    pub distance_m: f64,
    pub longest_m: f64,
    /// Local days (club zone) with a run or a rest day logged.
    pub days: u32,
}

/// The board's numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct ClubBoard {
    pub window: Window,
    pub members: usize,
    /// Members who logged a run or a rest day in the window, in member order.
    pub lines: Vec<RunnerLine>,
    pub rest_days: u32,
}

impl ClubBoard {
    /// Reads the members' logs that happened in the window, days counted in
    /// `tz` (the club's zone).
    pub fn compute(
        store: &Store,
        members: &[Member],
        window: Window,
        tz: &TimeZone,
    ) -> Result<ClubBoard, StoreError> {
        let mut board = ClubBoard {
            window,
            members: members.len(),
            lines: Vec::new(),
            rest_days: 0,
        };
        for member in members {
            let mut line = RunnerLine {
                name: display_name(member),
                runs: 0,
                distance_m: 0.0,
                longest_m: 0.0,
                days: 0,
            };
            let mut days: BTreeSet<Date> = BTreeSet::new();
            let mut rests: BTreeSet<Date> = BTreeSet::new();
            // A log is never told before it happened (`logged_at >= at`),
            // so reading from `start` by logged time misses nothing.
            for (_, e) in store.logs_since(&member.user, window.start)? {
                if e.at < window.start || e.at >= window.end {
                    continue;
                }
                let day = local_date(e.at, tz);
                if let Some(run) = &e.run {
                    let d = run.distance_m.unwrap_or(0.0);
                    line.runs += 1;
                    line.distance_m += d;
                    line.longest_m = line.longest_m.max(d);
                    days.insert(day);
                }
                if e.rest.is_some() {
                    rests.insert(day);
                    days.insert(day);
                }
            }
            line.days = days.len() as u32;
            board.rest_days += rests.len() as u32;
            if line.days > 0 {
                board.lines.push(line);
            }
        }
        Ok(board)
    }

    pub fn runs(&self) -> u32 {
        self.lines.iter().map(|l| l.runs).sum()
    }

    pub fn distance_m(&self) -> f64 {
        self.lines.iter().map(|l| l.distance_m).sum()
    }

    /// The top [`TOP`] by `key` among those with more than nothing; ties
    /// keep member order.
    fn top<F: Fn(&RunnerLine) -> f64>(&self, key: F) -> Vec<&RunnerLine> {
        let mut lines: Vec<&RunnerLine> = self.lines.iter().filter(|l| key(l) > 0.0).collect();
        lines.sort_by(|a, b| key(b).total_cmp(&key(a)));
        lines.truncate(TOP);
        lines
    }

    /// The board in words, distances in `unit` (the asker's), the period
    /// named by `label` ("last week"; none for dates, which say it all).
    pub fn render(
        &self,
        catalogue: &Catalogue,
        label: Option<&str>,
        zone: &str,
        unit: Unit,
    ) -> String {
        let w = &self.window;
        // The year only where it is not this one's, or the period spans two.
        let with_year = w.first.year() != w.last.year() || w.last.year() != w.today.year();
        let day = |d: Date| {
            let format = if with_year {
                "%a %-d %b %Y"
            } else {
                "%a %-d %b"
            };
            d.strftime(format).to_string()
        };
        let dates = if w.first == w.last {
            day(w.first)
        } else {
            format!("{} – {}", day(w.first), day(w.last))
        };
        let title = match (label, w.so_far) {
            (Some(_), true) => "club.board_title_so_far",
            (Some(_), false) => "club.board_title",
            (None, true) => "club.board_title_dates_so_far",
            (None, false) => "club.board_title_dates",
        };
        let mut lines = vec![catalogue.say(
            title,
            0,
            &[
                ("period", label.unwrap_or_default()),
                ("dates", &dates),
                ("zone", zone),
            ],
        )];
        if self.members == 0 {
            lines.push(catalogue.say("club.summary_no_members", 0, &[]));
            return lines.join("\n");
        }
        if self.lines.is_empty() {
            lines.push(catalogue.say("club.board_quiet", 0, &[]));
            return lines.join("\n");
        }
        // "0 rest days" would read as a reproach: leave it out.
        let together_key = if self.rest_days == 0 {
            "club.board_together_no_rest"
        } else {
            "club.board_together"
        };
        let together = catalogue.say(
            together_key,
            0,
            &[
                (
                    "runners",
                    &catalogue.count("club.runners", self.lines.len()),
                ),
                ("runs", &catalogue.count("count.runs", self.runs() as usize)),
                ("distance", &distance(self.distance_m(), unit)),
                (
                    "rest_days",
                    &catalogue.count("count.rest", self.rest_days as usize),
                ),
            ],
        );
        lines.push(together);
        let most = self.top(|l| l.distance_m);
        if !most.is_empty() {
            let names: Vec<String> = most
                .iter()
                .map(|l| format!("{} {}", l.name, distance(l.distance_m, unit)))
                .collect();
            lines.push(catalogue.say("club.board_distance", 0, &[("list", &names.join(" · "))]));
        }
        if let Some(long) = self.top(|l| l.longest_m).first() {
            lines.push(catalogue.say(
                "club.board_longest",
                0,
                &[
                    ("runner", &long.name),
                    ("distance", &distance(long.longest_m, unit)),
                ],
            ));
        }
        let steady = self.top(|l| f64::from(l.days));
        if !steady.is_empty() {
            let names: Vec<String> = steady
                .iter()
                .map(|l| format!("{} {}", l.name, l.days))
                .collect();
            lines.push(catalogue.say(
                "club.board_consistency",
                0,
                &[
                    ("list", &names.join(" · ")),
                    ("days", &w.days().to_string()),
                ],
            ));
        }
        lines.join("\n")
    }
}

/// How a board names a member: the display name they joined with; else a
/// Discord id as a mention (shown as their name, sent with pings off); else
/// the id as it is (the console's, a replay's).
pub fn display_name(member: &Member) -> String {
    if let Some(name) = &member.name {
        return name.clone();
    }
    let id = member.user.as_str();
    let numeric = !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit());
    match (numeric, id.len() >= 15) {
        // Discord ids are 17 to 20 digits.
        (true, true) => format!("<@{id}>"),
        (true, false) => format!("runner {id}"),
        (false, _) => id.to_owned(),
    }
}

/// "42 km", "12.5 mi": one decimal, none when whole.
pub fn distance(metres: f64, unit: Unit) -> String {
    let (value, name) = match unit {
        Unit::Km => (metres / 1000.0, "km"),
        Unit::Mi => (metres / 1609.344, "mi"),
    };
    format!("{} {name}", crate::chart::weeks::amount(value))
}
