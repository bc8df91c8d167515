//! A club's week in numbers, computed from the members' own logs, and put
//! into the catalogue's words. Only runners who joined are read; a week is
//! a half-open window `[start, end)` over when things happened (`at`).

use jiff::tz::TimeZone;
use jiff::Timestamp;

use crate::catalogue::Catalogue;
use crate::model::UserId;
use crate::store::{Store, StoreError};

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
    pub longest: Option<(UserId, f64)>,
    pub rest_days: usize,
}

impl ClubSummary {
    /// Reads the logs of `members` that happened in `[start, end)`.
    pub fn compute(
        store: &Store,
        members: &[UserId],
        start: Timestamp,
        end: Timestamp,
    ) -> Result<ClubSummary, StoreError> {
        let mut s = ClubSummary {
            start,
            end,
            members: members.len(),
            runners_logged: 0,
            runs: 0,
            distance_m: 0.0,
            longest: None,
            rest_days: 0,
        };
        for user in members {
            // A log is never told before it happened (`logged_at >= at`),
            // so scanning from `start` by logged time misses nothing.
            let entries = store.logs_since(user, start)?;
            let mut logged = false;
            for (_, e) in entries.iter().filter(|(_, e)| e.at >= start && e.at < end) {
                logged = true;
                if e.rest.is_some() {
                    s.rest_days += 1;
                }
                let Some(run) = &e.run else { continue };
                s.runs += 1;
                let d = run.distance_m.unwrap_or(0.0);
                s.distance_m += d;
                if d > 0.0 && s.longest.as_ref().map_or(true, |(_, best)| d > *best) {
                    s.longest = Some((user.clone(), d));
                }
            }
            s.runners_logged += usize::from(logged);
        }
        Ok(s)
    }

    /// The summary as a message, in `tz` for the dates. Runners are named
    /// as mentions; whoever sends it must let them ping nobody.
    pub fn render(&self, catalogue: &Catalogue, tz: &TimeZone) -> String {
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
        let distance = km(self.distance_m);
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
                ("distance", &distance),
                ("rest_days", &rest),
            ],
        ));
        if let Some((who, d)) = &self.longest {
            // A chat id is shown as Discord's mention (a name there, with
            // pings off); another id (the console's) as it is.
            let mention = if who.as_str().bytes().all(|b| b.is_ascii_digit()) {
                format!("<@{who}>")
            } else {
                who.to_string()
            };
            lines.push(catalogue.say(
                "club.summary_longest",
                0,
                &[("runner", &mention), ("distance", &km(*d))],
            ));
        }
        let cheer = if self.rest_days > 0 {
            "club.cheer_rest"
        } else {
            "club.cheer"
        };
        lines.push(catalogue.say(cheer, self.variant(), &[]));
        lines.join("\n")
    }

    /// A phrasing that changes from week to week, the same for one week.
    fn variant(&self) -> usize {
        (self.start.as_second() / (7 * 24 * 3600)).unsigned_abs() as usize
    }
}

/// "42 km", "12.5 km": club totals are always in kilometres.
fn km(m: f64) -> String {
    let rounded = (m / 100.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0} km")
    } else {
        format!("{rounded:.1} km")
    }
}
