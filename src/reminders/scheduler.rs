//! The scheduler task: sleeps until the next due instant, sends what is
//! due, and sleeps again (mini-redis's expiry task, with the book's due
//! index in place of its `BTreeSet`). No polling: it wakes at the next due
//! instant, when [`Reminders::after_message`] or [`Reminders::wake`] says a
//! due instant may have moved, or on shutdown.
//!
//! It is started once per process ([`start`] refuses a second start, so a
//! transport that reconnects cannot double every reminder), logs any error
//! with its context and carries on, and stops cleanly when `shutdown`
//! resolves.

use crate::ops::metrics::{self, ReminderOutcome};
use std::future::Future;
use std::sync::Arc;

use jiff::Timestamp;
use thiserror::Error;
use tokio::task::JoinHandle;

use super::{Deliver, DeliveryError, DueReminder, Reminders, GRACE};
use crate::clock::Clock;
use crate::model::UserId;
use crate::store::StoreError;
use crate::timer::{self, Next};

/// What can interrupt one round of the scheduler (logged, then retried).
#[derive(Debug, Error)]
enum RoundError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the book task stopped: {0}")]
    Task(#[from] tokio::task::JoinError),
}

/// [`start`] was called twice.
#[derive(Debug, Error)]
#[error("the reminder scheduler is already running")]
pub struct AlreadyStarted;

/// Starts the scheduler on the current tokio runtime. `only` limits it to
/// one runner's reminders (the console, which must not consume Discord
/// users' reminders from a shared data directory).
pub fn start<D: Deliver + 'static>(
    reminders: Reminders,
    clock: Arc<dyn Clock>,
    deliver: D,
    only: Option<UserId>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<JoinHandle<()>, AlreadyStarted> {
    if !reminders.wakeup().mark_started() {
        return Err(AlreadyStarted);
    }
    Ok(tokio::spawn(run(reminders, clock, deliver, only, shutdown)))
}

async fn run<D: Deliver>(
    reminders: Reminders,
    clock: Arc<dyn Clock>,
    deliver: D,
    only: Option<UserId>,
    shutdown: impl Future<Output = ()>,
) {
    tokio::pin!(shutdown);
    tracing::debug!("reminder scheduler started");
    loop {
        let next = match send_due(&reminders, &clock, &deliver, only.as_ref()).await {
            Ok(Some(at)) => Next::At(at),
            Ok(None) => Next::Nothing,
            Err(err) => {
                tracing::error!(error = %err, "reminder scheduler: cannot read or update the reminder book; retrying");
                Next::Retry
            }
        };
        if !timer::wait(next, clock.now(), reminders.wakeup(), &mut shutdown).await {
            break;
        }
    }
    tracing::debug!("reminder scheduler stopped");
}

/// Sends everything due now, one claim at a time; returns the next due
/// instant.
async fn send_due<D: Deliver>(
    reminders: &Reminders,
    clock: &Arc<dyn Clock>,
    deliver: &D,
    only: Option<&UserId>,
) -> Result<Option<Timestamp>, RoundError> {
    loop {
        let now = clock.now();
        let book = reminders.clone();
        let scope = only.cloned();
        // sled writes and flushes: keep them off the async workers.
        let next = tokio::task::spawn_blocking(move || {
            book.claim_next(now, now.checked_sub(GRACE).ok(), scope.as_ref())
        })
        .await??;
        let Some(reminder) = next else { break };
        send_one(reminders, deliver, &reminder, now).await;
    }
    metrics::reminders_pending(reminders.book().pending());
    Ok(reminders.book().next_due(only)?)
}

async fn send_one<D: Deliver>(
    reminders: &Reminders,
    deliver: &D,
    reminder: &DueReminder,
    now: Timestamp,
) {
    let (user, kind, due) = (&reminder.user, reminder.kind, reminder.due);
    match deliver.deliver(reminder).await {
        Ok(()) => {
            metrics::reminder(ReminderOutcome::Sent);
            tracing::info!(%user, ?kind, %due, "sent a reminder")
        }
        Err(DeliveryError::Blocked) => {
            metrics::reminder(ReminderOutcome::Skipped);
            tracing::info!(%user, ?kind, "the runner blocks DMs; pausing their reminders");
            if let Err(err) = reminders.pause_blocked(user, now) {
                tracing::error!(%user, error = %err, "cannot pause the reminders of a runner who blocks DMs");
            }
        }
        Err(err) => {
            metrics::reminder(ReminderOutcome::Failed);
            tracing::warn!(%user, ?kind, %due, error = %err, "a reminder could not be delivered and is dropped");
        }
    }
}
