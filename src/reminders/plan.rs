//! What happens to the book when a runner sets, stops or is paused, when
//! they write (their logs or time zone may have moved a due instant), and
//! when an occurrence is taken out to be sent. Each operation is one
//! [`ReminderBook::update`]: atomic, flushed before it returns.

use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

use super::book::{ReminderBook, Schedule, UserReminders};
use super::schedule::{self, RestCause};
use crate::model::{ClockTime, ReminderKind};
use crate::model::{LogEntry, UserId};
use crate::rules;
use crate::store::StoreError;

/// What setting a reminder did.
#[derive(Debug, Clone, PartialEq)]
pub struct SetOutcome {
    /// The runner's IANA zone, or `None` when times are UTC for want of one.
    pub zone: Option<String>,
    /// First time they set a reminder without a zone: tell them it is UTC.
    pub tell_utc: bool,
    /// When it next falls due (a rest-day reminder may have nothing due yet).
    pub next_due: Option<Timestamp>,
    /// They had one of this kind already, now replaced.
    pub replaced: bool,
    /// Their reminders had been paused by blocked DMs, and are on again.
    pub resumed: bool,
}

/// An occurrence taken out of the book: recorded as done, to be delivered.
#[derive(Debug, Clone, PartialEq)]
pub struct Claimed {
    pub user: UserId,
    pub kind: ReminderKind,
    /// The instant it fell due.
    pub due: Timestamp,
    /// The local time it was set for.
    pub at: ClockTime,
    /// For a rest-day reminder, why.
    pub cause: Option<RestCause>,
}

impl ReminderBook {
    /// Turns on (or moves) a reminder of `kind` at local time `at`.
    pub fn set(
        &self,
        user: &UserId,
        kind: ReminderKind,
        at: ClockTime,
        now: Timestamp,
    ) -> Result<SetOutcome, StoreError> {
        let (tz, zone) = self.zone_of(user)?;
        let logs = self.rest_logs(user, now)?;
        self.update(user, |rec| {
            let replaced = rec.get(kind).is_some();
            let resumed = rec.blocked_since.is_some();
            let after = rec
                .get(kind)
                .and_then(|s| s.last_due)
                .map_or(now, |last| last.max(now));
            let (next_due, next_cause) = next_for(kind, at, &tz, after, &logs);
            *rec.get_mut(kind) = Some(Schedule {
                at,
                since: now,
                next_due,
                next_cause,
                last_due: rec.get(kind).and_then(|s| s.last_due),
                snoozed_until: None,
            });
            if resumed {
                // What fell due while paused is not sent late.
                for other in ReminderKind::ALL.into_iter().filter(|&k| k != kind) {
                    if let Some(s) = rec.get_mut(other).as_mut() {
                        (s.next_due, s.next_cause) = next_for(other, s.at, &tz, now, &logs);
                    }
                }
                rec.blocked_since = None;
                rec.blocked_untold = false;
            }
            let tell_utc = zone.is_none() && !rec.utc_told;
            if tell_utc {
                rec.utc_told = true;
            }
            SetOutcome {
                zone: zone.clone(),
                tell_utc,
                next_due,
                replaced,
                resumed,
            }
        })
    }

    /// Stops every reminder of a runner. Returns whether there was any.
    pub fn stop(&self, user: &UserId) -> Result<bool, StoreError> {
        if self.get(user)?.is_empty() {
            return Ok(false);
        }
        self.update(user, |rec| {
            let had = !rec.is_empty();
            rec.sleep = None;
            rec.rest = None;
            rec.recap = None;
            rec.blocked_since = None;
            rec.blocked_untold = false;
            had
        })
    }

    /// Stops one kind of reminder (the weekly recap), keeping the others.
    /// Returns whether it was on.
    pub fn stop_kind(&self, user: &UserId, kind: ReminderKind) -> Result<bool, StoreError> {
        if self.get(user)?.get(kind).is_none() {
            return Ok(false);
        }
        self.update(user, |rec| rec.get_mut(kind).take().is_some())
    }

    /// Recomputes a runner's due instants after they wrote: a new run may
    /// call for a rest day, a new time zone moves their clock. An occurrence
    /// already due is left for the scheduler; nothing at or before the last
    /// one taken out comes back.
    pub fn refresh(&self, user: &UserId, now: Timestamp) -> Result<(), StoreError> {
        let current = self.get(user)?;
        if current.is_empty() {
            return Ok(());
        }
        let (tz, _) = self.zone_of(user)?;
        let logs = match current.rest {
            Some(_) => self.rest_logs(user, now)?,
            None => Vec::new(),
        };
        let recompute = |s: &mut Schedule, kind| {
            if s.next_due.is_some_and(|d| d <= now) {
                return;
            }
            let after = s.last_due.map_or(now, |l| l.max(now));
            (s.next_due, s.next_cause) = next_for(kind, s.at, &tz, after, &logs);
            s.next_due = super::snooze::with_snooze(s.next_due, s.snoozed_until, after);
        };
        let recompute_all = |rec: &mut UserReminders| {
            for kind in ReminderKind::ALL {
                if let Some(s) = rec.get_mut(kind).as_mut() {
                    recompute(s, kind);
                }
            }
        };
        let mut wanted = current.clone();
        recompute_all(&mut wanted);
        if wanted == current {
            return Ok(()); // the common case: no write, no flush
        }
        self.update(user, recompute_all)
    }

    /// Takes the earliest occurrence due at or before `up_to` out of the
    /// book: records it as done and schedules the following one, durably,
    /// before returning it. The caller delivers it afterwards (so a crash in
    /// between loses it rather than sending it twice: at most once).
    pub fn claim(
        &self,
        up_to: Timestamp,
        only: Option<&UserId>,
    ) -> Result<Option<Claimed>, StoreError> {
        while let Some(entry) = self.first_due(up_to, only)? {
            let (tz, _) = self.zone_of(&entry.user)?;
            let logs = match entry.kind {
                ReminderKind::Rest => self.rest_logs(&entry.user, entry.due)?,
                ReminderKind::Sleep | ReminderKind::Recap => Vec::new(),
            };
            let claimed = self.update(&entry.user, |rec| {
                let s = rec.get_mut(entry.kind).as_mut()?;
                if s.next_due != Some(entry.due) {
                    return None;
                }
                let cause = s.next_cause;
                s.last_due = Some(entry.due);
                s.snoozed_until = s.snoozed_until.filter(|&t| t > entry.due);
                (s.next_due, s.next_cause) = next_for(entry.kind, s.at, &tz, entry.due, &logs);
                s.next_due = super::snooze::with_snooze(s.next_due, s.snoozed_until, entry.due);
                Some(Claimed {
                    user: entry.user.clone(),
                    kind: entry.kind,
                    due: entry.due,
                    at: s.at,
                    cause,
                })
            })?;
            match claimed {
                Some(c) => return Ok(Some(c)),
                None => self.drop_orphan(&entry)?,
            }
        }
        Ok(None)
    }

    /// Pauses a runner's reminders: their DMs are closed to the bot. They
    /// are told the next time they write ([`ReminderBook::take_blocked_notice`]).
    pub fn pause_blocked(&self, user: &UserId, now: Timestamp) -> Result<(), StoreError> {
        self.update(user, |rec| {
            if !rec.is_empty() && rec.blocked_since.is_none() {
                rec.blocked_since = Some(now);
                rec.blocked_untold = true;
            }
        })
    }

    /// True, once, when a runner's reminders were paused and they have not
    /// been told yet.
    pub fn take_blocked_notice(&self, user: &UserId) -> Result<bool, StoreError> {
        if !self.get(user)?.blocked_untold {
            return Ok(false);
        }
        self.update(user, |rec| std::mem::take(&mut rec.blocked_untold))
    }

    /// The runner's zone and its name (`None`: UTC, they set none).
    pub fn zone_of(&self, user: &UserId) -> Result<(TimeZone, Option<String>), StoreError> {
        let profile = self.store().profile(user)?;
        let (tz, theirs) = rules::zone_or_utc(profile.time_zone.as_deref());
        Ok((tz, profile.time_zone.filter(|_| theirs)))
    }

    /// The logs the rest-day rules need to judge mornings after `after`.
    fn rest_logs(&self, user: &UserId, after: Timestamp) -> Result<Vec<LogEntry>, StoreError> {
        let days = i64::from(rules::REST_AFTER_RUNNING_DAYS) + 2;
        let since = after
            .checked_sub(SignedDuration::from_hours(24 * days))
            .unwrap_or(Timestamp::MIN);
        Ok(self
            .store()
            .logs_since(user, since)?
            .into_iter()
            .map(|(_, e)| e)
            .collect())
    }
}

/// The next occurrence of a reminder strictly after `after`.
pub(super) fn next_for(
    kind: ReminderKind,
    at: ClockTime,
    tz: &TimeZone,
    after: Timestamp,
    logs: &[LogEntry],
) -> (Option<Timestamp>, Option<RestCause>) {
    match kind {
        ReminderKind::Sleep => (Some(schedule::next_daily(after, at, tz)), None),
        ReminderKind::Rest => match schedule::next_rest(logs, tz, at, after) {
            Some((due, cause)) => (Some(due), Some(cause)),
            None => (None, None),
        },
        ReminderKind::Recap => (
            Some(schedule::next_weekly(after, schedule::RECAP_DAY, at, tz)),
            None,
        ),
    }
}
