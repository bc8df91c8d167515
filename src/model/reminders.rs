//! A runner's reminders as data: which reminders they keep (daily ones and
//! the weekly recap), when each
//! next falls due and why, and whether their DMs are closed. The reminders
//! module decides the instants; the store keeps the records.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::{ClockTime, ReminderKind, UserId};

/// One daily reminder of one kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Schedule {
    /// Local wall-clock time (bedtime, or the rest-day morning).
    pub at: ClockTime,
    /// When the runner turned it on.
    pub since: Timestamp,
    /// The next instant it falls due, if any (a rest-day reminder has none
    /// until the logs call for a rest day).
    pub next_due: Option<Timestamp>,
    /// Why the next rest-day reminder is due.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_cause: Option<RestCause>,
    /// The due instant of the last occurrence taken out of the book (sent or
    /// skipped). Nothing at or before it is ever scheduled again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_due: Option<Timestamp>,
    /// A snoozed bedtime reminder comes again at this instant (before its
    /// regular time); cleared once it is taken out, or by "skip tonight".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snoozed_until: Option<Timestamp>,
}

/// Everything about one runner's reminders.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct UserReminders {
    pub sleep: Option<Schedule>,
    pub rest: Option<Schedule>,
    /// The weekly recap (Sunday evening), opt-in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recap: Option<Schedule>,
    /// A DM was refused (the runner blocks DMs from the bot): every reminder
    /// waits, out of the due index, until they set one again.
    pub blocked_since: Option<Timestamp>,
    /// They have yet to be told that their reminders are paused.
    pub blocked_untold: bool,
    /// They were told that, without a time zone, times are UTC.
    pub utc_told: bool,
}

impl UserReminders {
    pub fn get(&self, kind: ReminderKind) -> Option<&Schedule> {
        match kind {
            ReminderKind::Sleep => self.sleep.as_ref(),
            ReminderKind::Rest => self.rest.as_ref(),
            ReminderKind::Recap => self.recap.as_ref(),
        }
    }

    pub fn get_mut(&mut self, kind: ReminderKind) -> &mut Option<Schedule> {
        match kind {
            ReminderKind::Sleep => &mut self.sleep,
            ReminderKind::Rest => &mut self.rest,
            ReminderKind::Recap => &mut self.recap,
        }
    }

    pub fn is_empty(&self) -> bool {
        ReminderKind::ALL.iter().all(|&k| self.get(k).is_none())
    }
}

/// Why tomorrow morning is a rest day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "cause", content = "days")]
pub enum RestCause {
    Race,
    LongRun,
    /// Running days in a row, ending the day before.
    Streak(u32),
}

/// One entry of the due index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueEntry {
    pub due: Timestamp,
    pub user: UserId,
    pub kind: ReminderKind,
}
