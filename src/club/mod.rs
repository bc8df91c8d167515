//! Clubs: a server's opt-in weekly summary. Runners join their server's
//! club (`/club join`); an admin turns the Monday 08:00 post on in a
//! channel. Only joined runners are ever counted or named.
//!
//! - [`commands`]: join, leave, show, summary on and off, for every
//!   transport ([`ClubAction`], [`Weekly::answer`]).
//! - [`period`]: a board's period in words ("last week", "since 1 Nov") and
//!   as local days and instants in the club's zone.
//! - [`board`]: [`board::ClubBoard`], the members over a period, together
//!   and the top three of each column, by display name.
//! - [`schedule`]: when the weekly post falls due, in the club's zone.
//! - [`summary`]: [`ClubSummary`], the week's numbers from the members'
//!   logs, and its words.
//! - [`tip`]: the tip of the week, chosen from what the club ran.
//! - [`poster`]: the task that posts each summary once, when due.
//!
//! The storage lives in [`crate::store::Clubs`]; this module knows nothing
//! of Discord: the transport hands [`poster::start`] a [`PostSummary`].

pub mod board;
pub mod commands;
pub mod period;
pub mod poster;
pub mod schedule;
pub mod summary;
pub mod tip;

use std::sync::Arc;

use jiff::Timestamp;

use crate::catalogue::Catalogue;
use crate::model::{Unit, UserId};
use crate::store::{ClubSettings, Clubs, Store, StoreError};
use crate::timer::Wakeup;
use period::{Period, PeriodError};

pub use commands::{guild_id, ClubAction, ClubAnswer};
pub use poster::{PostError, PostSummary};
pub use summary::ClubSummary;

/// A weekly post: its words and, when the club logged anything in the
/// eight weeks, its chart.
#[derive(Debug, Clone, PartialEq)]
pub struct WeeklyPost {
    pub text: String,
    pub chart: Option<crate::chart::Chart>,
}

/// The clubs as a running process sees them: the store, the words, and the
/// signal that wakes the poster when a club's schedule changed.
#[derive(Clone)]
pub struct Weekly {
    pub clubs: Clubs,
    store: Store,
    catalogue: Arc<Catalogue>,
    wakeup: Wakeup,
}

impl std::fmt::Debug for Weekly {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Weekly").finish_non_exhaustive()
    }
}

impl Weekly {
    /// `catalogue` may be shared (an `Arc`, as the engine's) or owned.
    pub fn new(store: &Store, catalogue: impl Into<Arc<Catalogue>>) -> Result<Weekly, StoreError> {
        Ok(Weekly {
            clubs: Clubs::open(store)?,
            store: store.clone(),
            catalogue: catalogue.into(),
            wakeup: Wakeup::default(),
        })
    }

    /// Turns the weekly post on in `channel`, flushed. The slot already
    /// past when it is turned on is not posted: the first post is the next
    /// one.
    pub fn summary_on(
        &self,
        guild: u64,
        channel: u64,
        time_zone: &str,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        let tz = crate::rules::zone_or_utc(Some(time_zone)).0;
        self.clubs.set_summary(
            guild,
            &ClubSettings {
                channel,
                time_zone: time_zone.to_owned(),
                posted_through: schedule::previous_post(now, &tz),
            },
        )?;
        self.wakeup.wake();
        Ok(())
    }

    /// Turns the weekly post off, flushed; returns whether it was on.
    pub fn summary_off(&self, guild: u64) -> Result<bool, StoreError> {
        let was_on = self.clubs.summary_off(guild)?;
        self.wakeup.wake();
        Ok(was_on)
    }

    /// This week so far (Monday to now, in the club's zone), in the
    /// weekly post's words.
    pub fn show(&self, guild: u64, now: Timestamp) -> Result<String, StoreError> {
        let settings = self.clubs.settings(guild)?;
        let tz = crate::rules::zone_or_utc(settings.as_ref().map(|s| s.time_zone.as_str())).0;
        let members = self.clubs.members_named(guild)?;
        let text = match Period::ThisWeek.window(now, &tz) {
            Ok(w) => ClubSummary::compute(&self.store, &members, w.start, w.end)?.render(
                &self.catalogue,
                &tz,
                self.club_unit(&members)?,
            ),
            // This week always holds today.
            Err(_) => self.catalogue.say("club.board_bad_period", 0, &[]),
        };
        Ok(text)
    }

    /// The weekly post due at `due` (a Monday 08:00 in the club's zone):
    /// the week that just ended, Monday to Sunday, in words, and the club's
    /// chart of its last eight weeks.
    pub fn weekly_post(
        &self,
        guild: u64,
        time_zone: &str,
        due: Timestamp,
    ) -> Result<WeeklyPost, StoreError> {
        let tz = crate::rules::zone_or_utc(Some(time_zone)).0;
        let members = self.clubs.members_named(guild)?;
        // Last week is always in the past: the fallback is for form's sake.
        let (start, end) = Period::LastWeek
            .window(due, &tz)
            .map_or_else(|_| schedule::week_ending(due), |w| (w.start, w.end));
        // Each member's logs are read once, for the chart's eight weeks;
        // the week's summary is the last of them.
        let mut logs = Vec::with_capacity(members.len());
        let eight_weeks = crate::clock::before(end, jiff::SignedDuration::from_hours(24 * 7 * 8));
        for m in &members {
            let theirs = self.store.logs_since(&m.user, eight_weeks)?;
            logs.push(theirs.into_iter().map(|(_, e)| e).collect::<Vec<_>>());
        }
        let summary = ClubSummary::from_logs(&members, &logs, start, end);
        let unit = self.club_unit(&members)?;
        let text = summary.render(&self.catalogue, &tz, unit);
        let last_sunday = crate::clock::before(end, jiff::SignedDuration::from_secs(1));
        let mut weeks = crate::chart::Weeks::club(&logs, time_zone, unit, last_sunday);
        weeks.closed = true;
        let chart = (!weeks.is_empty()).then(|| crate::chart::draw(&weeks));
        Ok(WeeklyPost { text, chart })
    }

    /// The unit a shared post uses: miles when most members run in miles,
    /// else kilometres (a board answers each runner in their own).
    fn club_unit(&self, members: &[crate::store::Member]) -> Result<Unit, StoreError> {
        let mut miles = 0;
        for m in members {
            miles += usize::from(self.store.profile(&m.user)?.unit == Unit::Mi);
        }
        Ok(if miles * 2 > members.len() {
            Unit::Mi
        } else {
            Unit::Km
        })
    }

    /// The text of the weekly post due at `due` (see [`Weekly::weekly_post`]).
    pub fn weekly_text(
        &self,
        guild: u64,
        time_zone: &str,
        due: Timestamp,
    ) -> Result<String, StoreError> {
        Ok(self.weekly_post(guild, time_zone, due)?.text)
    }

    /// The board over `period` (in words) as `user` asked for it: in the
    /// club's zone (UTC while the weekly post is off), distances in the
    /// asker's unit. A period it cannot read or use gets a line that says
    /// what it can.
    pub fn board(
        &self,
        guild: u64,
        user: &UserId,
        period: &str,
        now: Timestamp,
    ) -> Result<String, StoreError> {
        let settings = self.clubs.settings(guild)?;
        let zone_name = settings.as_ref().map_or("UTC", |s| s.time_zone.as_str());
        let tz = crate::rules::zone_or_utc(Some(zone_name)).0;
        let today = now.to_zoned(tz.clone()).date();
        let window = Period::parse(period, today).and_then(|p| Ok((p, p.window(now, &tz)?)));
        let (period, window) = match window {
            Ok(found) => found,
            Err(e) => {
                let key = match e {
                    PeriodError::Unreadable => "club.board_bad_period",
                    PeriodError::Future => "club.board_future",
                    PeriodError::TooLong => "club.board_too_long",
                };
                return Ok(self.catalogue.say(key, 0, &[]));
            }
        };
        let members = self.clubs.members_named(guild)?;
        let board = board::ClubBoard::compute(&self.store, &members, window, &tz)?;
        let unit = self.store.profile(user)?.unit;
        let label = self.period_label(period);
        Ok(board.render(&self.catalogue, label.as_deref(), zone_name, unit))
    }

    /// "this week", "last month"...; none for a period given by its dates.
    fn period_label(&self, period: Period) -> Option<String> {
        let key = match period {
            Period::ThisWeek => "club.period_this_week",
            Period::LastWeek => "club.period_last_week",
            Period::ThisMonth => "club.period_this_month",
            Period::LastMonth => "club.period_last_month",
            Period::Since(_) | Period::Between(..) => return None,
        };
        Some(self.catalogue.say(key, 0, &[]))
    }

    pub fn catalogue(&self) -> &Catalogue {
        &self.catalogue
    }

    fn wakeup(&self) -> &Wakeup {
        &self.wakeup
    }
}
