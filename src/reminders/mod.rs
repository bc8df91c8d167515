//! Reminders: a nightly nudge to go to bed, on the mornings that call for
//! it a nudge to take the rest day, and, opt-in, a weekly recap on Sunday
//! evening, at the runner's local time.
//!
//! - [`schedule`]: pure arithmetic, local clock time + IANA zone → instant
//!   (daylight saving, quiet hours, the rest-day triggers from the logs).
//! - [`ReminderBook`] (book, plan): the reminders in sled, with a due-instant
//!   index, and what setting, stopping, writing and falling due do to them.
//! - [`Reminders`]: the runtime face used by transports: what is due up to
//!   an instant, rendered in the catalogue's words; the wake-up signal.
//! - [`recap`]: the weekly recap's words and chart, written by the engine
//!   through [`WriteRecap`] when the occurrence is claimed.
//! - [`scheduler`]: the async task that sleeps until the next due instant
//!   and hands each reminder to a [`Deliver`] (Discord DM, console).
//!
//! `replay` drives the very same [`Reminders::claim_next`] with its scripted
//! clock, so the transcript shows what the live scheduler would send.
//!
//! # Delivery guarantee: at most once
//!
//! An occurrence is taken out of the book (recorded as done, the next one
//! scheduled, flushed to disk) *before* it is handed to the deliverer. If the
//! process dies between recording and sending, that one reminder is lost;
//! it is never sent twice. We chose this because a doubled DM is the failure
//! runners and Discord punish (it reads as spam from a bot they allowed to
//! DM them), while a lost nudge costs little: the next bedtime is tomorrow,
//! and the window is one flush wide. A delivery that fails outright is
//! logged and not retried, for the same reason.
//!
//! # Wiring a transport
//!
//! 1. Once at start: [`scheduler::start`] on `Bot::reminders()`, with the
//!    transport's [`Deliver`] (a DM on Discord; map error 50007 to
//!    [`DeliveryError::Blocked`]) and a shutdown future.
//! 2. [`crate::engine::Bot`] owns the reminders and calls
//!    [`Reminders::after_message`] after every message it answered;
//!    it wakes the scheduler (the message may have set or stopped a
//!    reminder, or logged the run that calls for a rest day) and returns,
//!    once, the notice to show a runner whose reminders were paused.
//!
//! After a restart, every occurrence still in the book is due as before; one
//! missed by more than [`GRACE`] while the bot was down is skipped (recorded
//! as done, not sent), so nobody is woken at 03:00 by last night's bedtime
//! reminder.

pub mod book;
mod deliver;
mod plan;
pub mod recap;
pub mod schedule;
pub mod scheduler;
mod snooze;

use std::sync::Arc;

use jiff::Timestamp;

use crate::catalogue::Catalogue;
use crate::model::UserId;
use crate::model::{Attachment, ReminderKind};
use crate::store::{Store, StoreError};
use crate::timer::Wakeup;

pub use book::{ReminderBook, Schedule, UserReminders};
pub use deliver::{Deliver, DeliveryError};
pub use plan::{Claimed, SetOutcome};
pub use recap::{Recap, WriteRecap};
pub use schedule::RestCause;

pub use crate::timer::GRACE;

/// A reminder to send now.
#[derive(Debug, Clone, PartialEq)]
pub struct DueReminder {
    pub user: UserId,
    pub kind: ReminderKind,
    /// The instant it fell due (not when it is sent).
    pub due: Timestamp,
    /// What the runner reads.
    pub text: String,
    /// A file it carries (the weekly recap's chart).
    pub attachment: Option<Attachment>,
}

/// The reminders as a running process sees them: the book, the words, and
/// the signal that wakes the scheduler when a due instant may have moved.
#[derive(Clone)]
pub struct Reminders {
    book: ReminderBook,
    catalogue: Arc<Catalogue>,
    wakeup: Wakeup,
    /// Writes the weekly recap (the engine's, see [`Reminders::with_recap`]).
    recap: Option<Arc<dyn WriteRecap>>,
}

impl std::fmt::Debug for Reminders {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Reminders").finish_non_exhaustive()
    }
}

impl Reminders {
    pub fn new(store: &Store, catalogue: Arc<Catalogue>) -> Result<Reminders, StoreError> {
        Ok(Reminders {
            book: ReminderBook::open(store)?,
            catalogue,
            wakeup: Wakeup::default(),
            recap: None,
        })
    }

    /// Weekly recaps are written by `writer`. Without one (a test of the
    /// book alone) a recap says only that the week's numbers are in "stats".
    pub fn with_recap(mut self, writer: Arc<dyn WriteRecap>) -> Reminders {
        self.recap = Some(writer);
        self
    }

    pub fn book(&self) -> &ReminderBook {
        &self.book
    }

    /// Transports call this after the engine handled a message from `user`:
    /// it moves their due instants if their logs or zone call for it, wakes
    /// the scheduler (the message may have set or stopped a reminder), and
    /// returns, once, the notice that their reminders were paused because
    /// their DMs are closed.
    pub fn after_message(
        &self,
        user: &UserId,
        now: Timestamp,
    ) -> Result<Option<String>, StoreError> {
        self.book.refresh(user, now)?;
        self.wakeup.wake();
        Ok(self
            .book
            .take_blocked_notice(user)?
            .then(|| self.catalogue.say("reminders.paused_blocked", 0, &[])))
    }

    /// [`Reminders::after_message`] for an event the runner is not
    /// answered for (a deleted message): the due instants move and the
    /// scheduler wakes; a pause notice waits for their next message.
    pub fn after_change(&self, user: &UserId, now: Timestamp) -> Result<(), StoreError> {
        self.book.refresh(user, now)?;
        self.wakeup.wake();
        Ok(())
    }

    /// The next occurrence due at or before `up_to` (of `only` one runner if
    /// given), taken out of the book and rendered. Occurrences due before
    /// `skip_before` (missed beyond the grace window) are recorded as done
    /// and skipped. `None` when nothing more is due.
    pub fn claim_next(
        &self,
        up_to: Timestamp,
        skip_before: Option<Timestamp>,
        only: Option<&UserId>,
    ) -> Result<Option<DueReminder>, StoreError> {
        while let Some(c) = self.book.claim(up_to, only)? {
            if skip_before.is_some_and(|limit| c.due < limit) {
                tracing::info!(user = %c.user, kind = ?c.kind, due = %c.due,
                    "skipped a reminder missed by more than the grace window");
                continue;
            }
            let (text, attachment) = match (c.kind, &self.recap) {
                (ReminderKind::Recap, Some(writer)) => match writer.write(&c.user, c.due) {
                    Ok(recap) => (recap.text, recap.attachment),
                    // Already claimed: a plain recap beats a lost one.
                    Err(err) => {
                        tracing::error!(user = %c.user, error = %err, "cannot write a weekly recap; sending the short one");
                        (self.render(&c), None)
                    }
                },
                _ => (self.render(&c), None),
            };
            return Ok(Some(DueReminder {
                user: c.user,
                kind: c.kind,
                due: c.due,
                text,
                attachment,
            }));
        }
        Ok(None)
    }

    /// Every occurrence due at or before `up_to`, in time order (replay).
    pub fn take_due(
        &self,
        up_to: Timestamp,
        skip_before: Option<Timestamp>,
    ) -> Result<Vec<DueReminder>, StoreError> {
        let mut due = Vec::new();
        while let Some(r) = self.claim_next(up_to, skip_before, None)? {
            due.push(r);
        }
        Ok(due)
    }

    /// A delivery was refused because the runner blocks DMs.
    pub fn pause_blocked(&self, user: &UserId, now: Timestamp) -> Result<(), StoreError> {
        self.book.pause_blocked(user, now)
    }

    /// Wakes the scheduler to look at the book again.
    pub fn wake(&self) {
        self.wakeup.wake();
    }

    pub(crate) fn wakeup(&self) -> &Wakeup {
        &self.wakeup
    }

    fn render(&self, c: &Claimed) -> String {
        let variant = c.due.as_second().div_euclid(86_400) as usize;
        let time = c.at.to_string();
        match (c.kind, c.cause) {
            (ReminderKind::Sleep, _) => {
                self.catalogue
                    .say("reminders.bedtime", variant, &[("time", &time)])
            }
            (ReminderKind::Rest, Some(RestCause::Race)) => {
                self.catalogue
                    .say("reminders.rest_after_race", variant, &[])
            }
            (ReminderKind::Rest, Some(RestCause::Streak(days))) => self.catalogue.say(
                "reminders.rest_after_streak",
                variant,
                &[("days", &days.to_string())],
            ),
            (ReminderKind::Rest, _) => {
                self.catalogue
                    .say("reminders.rest_after_long", variant, &[])
            }
            (ReminderKind::Recap, _) => self.catalogue.say("recap.plain", variant, &[]),
        }
    }
}
