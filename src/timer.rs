//! The waiting shared by Cooldown's timed tasks, the reminder scheduler and
//! the club poster. Both follow mini-redis's expiry task: do what is due,
//! then sleep until the next due instant, waking early when told that an
//! instant may have moved, and stopping on shutdown. Keeping the wait here
//! means both tasks get the same caps and the same retry after an error.

use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use jiff::{SignedDuration, Timestamp};
use tokio::sync::futures::Notified;
use tokio::sync::Notify;
use tokio::time::Instant;

/// How late something due may still go out after the bot was down; older
/// than this it is skipped, so nobody is woken at 03:00 by last night's
/// bedtime reminder.
pub const GRACE: SignedDuration = SignedDuration::from_hours(2);

/// Longest single sleep. Tokio's timer runs on the monotonic clock, which
/// stops while a machine is suspended and ignores wall-clock corrections;
/// waking at least hourly re-reads the real time.
const MAX_SLEEP: Duration = Duration::from_secs(3600);

/// After an error, wait this long before looking again, so a broken disk
/// does not spin the task.
const RETRY_AFTER_ERROR: Duration = Duration::from_secs(30);

/// Wakes a timed task early, and remembers whether it was started (each
/// runs once per process, so a transport that reconnects cannot double it).
#[derive(Debug, Clone, Default)]
pub struct Wakeup {
    notify: Arc<Notify>,
    started: Arc<AtomicBool>,
}

impl Wakeup {
    /// Tells the task to look again: a due instant may have moved.
    pub fn wake(&self) {
        self.notify.notify_one();
    }

    /// True the first time only.
    pub fn mark_started(&self) -> bool {
        !self.started.swap(true, Ordering::SeqCst)
    }

    fn notified(&self) -> Notified<'_> {
        self.notify.notified()
    }
}

/// What one round of a task found out about the next one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    /// Something falls due at this instant.
    At(Timestamp),
    /// Nothing is scheduled.
    Nothing,
    /// The round failed (already logged): try again shortly.
    Retry,
}

/// Sleeps until `next` (at most an hour), an early wake-up, or shutdown.
/// Returns false when `shutdown` resolved.
pub async fn wait(
    next: Next,
    now: Timestamp,
    wakeup: &Wakeup,
    shutdown: &mut (impl Future<Output = ()> + Unpin),
) -> bool {
    let wait = match next {
        Next::At(at) => Duration::try_from(at.duration_since(now)).unwrap_or(Duration::ZERO),
        Next::Nothing => MAX_SLEEP,
        Next::Retry => RETRY_AFTER_ERROR,
    }
    .min(MAX_SLEEP);
    tokio::select! {
        () = tokio::time::sleep_until(Instant::now() + wait) => true,
        () = wakeup.notified() => true,
        () = shutdown => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn sleeps_until_due_wakes_early_and_stops() {
        let wakeup = Wakeup::default();
        let now: Timestamp = "2026-06-01T22:00:00Z".parse().unwrap();
        let mut never = std::future::pending::<()>();
        let started = Instant::now();
        let due = now + SignedDuration::from_mins(10);
        assert!(wait(Next::At(due), now, &wakeup, &mut never).await);
        assert_eq!(started.elapsed(), Duration::from_secs(600));

        let started = Instant::now();
        assert!(wait(Next::Nothing, now, &wakeup, &mut never).await);
        assert_eq!(started.elapsed(), MAX_SLEEP, "capped at an hour");

        wakeup.wake();
        let started = Instant::now();
        assert!(wait(Next::Nothing, now, &wakeup, &mut never).await);
        assert_eq!(started.elapsed(), Duration::ZERO, "woken early");

        let mut stop = std::future::ready(());
        assert!(!wait(Next::Retry, now, &wakeup, &mut stop).await);
        assert!(wakeup.mark_started() && !wakeup.mark_started());
    }
}
