//! The scheduler task on tokio's paused clock: it wakes at the due instant
//! (not on a poll), is woken early when a reminder is set, pauses a runner
//! who blocks DMs, keeps going after a failed delivery, starts once, and
//! stops on shutdown.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use cooldown::catalogue::Catalogue;
use cooldown::clock::Clock;
use cooldown::intent::{ClockTime, ReminderKind};
use cooldown::reminders::{scheduler, Deliver, DeliveryError, DueReminder, Reminders};
use cooldown::store::{Store, UserId};
use jiff::{SignedDuration, Timestamp};
use tokio::sync::oneshot;
use tokio::time::Instant;

/// Wall-clock time that follows tokio's (paused, auto-advancing) clock.
#[derive(Debug, Clone)]
struct TokioClock {
    start: Timestamp,
    base: Instant,
}

impl TokioClock {
    fn at(start: &str) -> TokioClock {
        TokioClock {
            start: start.parse().unwrap(),
            base: Instant::now(),
        }
    }
}

impl Clock for TokioClock {
    fn now(&self) -> Timestamp {
        let elapsed = SignedDuration::try_from(self.base.elapsed()).unwrap();
        self.start + elapsed
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Mode {
    Accept,
    Blocked,
    FailFirst,
}

/// Records what it was handed and when.
#[derive(Clone)]
struct Recorder {
    clock: TokioClock,
    mode: Mode,
    attempts: Arc<Mutex<u32>>,
    sent: Arc<Mutex<Vec<(DueReminder, Timestamp)>>>,
}

impl Deliver for Recorder {
    async fn deliver(&self, r: &DueReminder) -> Result<(), DeliveryError> {
        let attempt = {
            let mut n = self.attempts.lock().unwrap();
            *n += 1;
            *n
        };
        match self.mode {
            Mode::Blocked => return Err(DeliveryError::Blocked),
            Mode::FailFirst if attempt == 1 => {
                return Err(DeliveryError::Failed("connection reset".into()))
            }
            _ => {}
        }
        self.sent
            .lock()
            .unwrap()
            .push((r.clone(), self.clock.now()));
        Ok(())
    }
}

struct Harness {
    reminders: Reminders,
    clock: TokioClock,
    recorder: Recorder,
    stop: Option<oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<()>,
}

fn start(mode: Mode) -> Harness {
    let store = Store::temporary().unwrap();
    let catalogue = Catalogue::load(&Catalogue::shipped_dir()).unwrap();
    let reminders = Reminders::new(&store, Arc::new(catalogue)).unwrap();
    let clock = TokioClock::at("2026-06-01T22:00:00Z");
    let recorder = Recorder {
        clock: clock.clone(),
        mode,
        attempts: Arc::default(),
        sent: Arc::default(),
    };
    let (stop, stopped) = oneshot::channel::<()>();
    let task = scheduler::start(
        reminders.clone(),
        Arc::new(clock.clone()),
        recorder.clone(),
        None,
        async move {
            let _ = stopped.await;
        },
    )
    .unwrap();
    Harness {
        reminders,
        clock,
        recorder,
        stop: Some(stop),
        task,
    }
}

impl Harness {
    /// Sets a bedtime reminder the way a transport does: engine write, then
    /// `after_message`.
    fn set(&self, user: &str, at: &str) {
        let user = UserId::new(user);
        let at: ClockTime = at.parse().unwrap();
        let now = self.clock.now();
        self.reminders
            .book()
            .set(&user, ReminderKind::Sleep, at, now)
            .unwrap();
        self.reminders.after_message(&user, now).unwrap();
    }

    fn sent(&self) -> Vec<(String, Timestamp, Timestamp)> {
        let sent = self.recorder.sent.lock().unwrap();
        sent.iter()
            .map(|(r, at)| (r.user.as_str().to_owned(), r.due, *at))
            .collect()
    }

    async fn shut_down(mut self) {
        let _ = self.stop.take().map(|s| s.send(()));
        tokio::time::timeout(Duration::from_secs(5), self.task)
            .await
            .expect("the scheduler stops on shutdown")
            .expect("the scheduler task did not panic");
    }
}

fn ts(s: &str) -> Timestamp {
    s.parse().unwrap()
}

async fn sleep_min(minutes: u64) {
    tokio::time::sleep(Duration::from_secs(60 * minutes)).await;
}

#[tokio::test(start_paused = true)]
async fn sends_at_the_due_instant_each_night_and_once() {
    let h = start(Mode::Accept);
    h.set("42", "22:30");
    sleep_min(29).await;
    assert!(h.sent().is_empty(), "sent early: {:?}", h.sent());
    sleep_min(2).await;
    sleep_min(2 * 24 * 60).await;
    let sent = h.sent();
    let dues: Vec<Timestamp> = sent.iter().map(|s| s.1).collect();
    assert_eq!(
        dues,
        [
            ts("2026-06-01T22:30:00Z"),
            ts("2026-06-02T22:30:00Z"),
            ts("2026-06-03T22:30:00Z")
        ]
    );
    for (_, due, at) in &sent {
        let late = at.duration_since(*due);
        assert!(
            late >= SignedDuration::ZERO && late < SignedDuration::from_secs(1),
            "sent at {at} for {due}"
        );
    }
    h.shut_down().await;
}

#[tokio::test(start_paused = true)]
async fn a_reminder_set_while_it_sleeps_wakes_it_up() {
    let h = start(Mode::Accept);
    // Nothing in the book: the scheduler sleeps (up to an hour).
    sleep_min(5).await;
    h.set("7", "22:10");
    sleep_min(6).await;
    let sent = h.sent();
    assert_eq!(sent.len(), 1, "{sent:?}");
    // Sent at 22:10 exactly, not at the next hourly wake.
    assert_eq!(sent[0].2, ts("2026-06-01T22:10:00Z"));
    h.shut_down().await;
}

#[tokio::test(start_paused = true)]
async fn a_runner_who_blocks_dms_is_paused_and_told_when_they_write() {
    let h = start(Mode::Blocked);
    h.set("9", "22:30");
    sleep_min(3 * 24 * 60).await;
    // Tried once, then paused: no attempt on the following nights.
    assert_eq!(*h.recorder.attempts.lock().unwrap(), 1);
    assert_eq!(h.reminders.book().next_due(None).unwrap(), None);
    let notice = h
        .reminders
        .after_message(&UserId::new("9"), h.clock.now())
        .unwrap();
    assert!(notice.is_some());
    h.shut_down().await;
}

#[tokio::test(start_paused = true)]
async fn a_failed_delivery_is_dropped_and_the_next_night_still_goes_out() {
    let h = start(Mode::FailFirst);
    h.set("5", "22:30");
    sleep_min(25 * 60).await;
    let dues: Vec<Timestamp> = h.sent().iter().map(|s| s.1).collect();
    assert_eq!(dues, [ts("2026-06-02T22:30:00Z")]);
    assert_eq!(*h.recorder.attempts.lock().unwrap(), 2);
    h.shut_down().await;
}

#[tokio::test(start_paused = true)]
async fn it_starts_once() {
    let h = start(Mode::Accept);
    let second = scheduler::start(
        h.reminders.clone(),
        Arc::new(h.clock.clone()),
        h.recorder.clone(),
        None,
        std::future::pending(),
    );
    assert!(second.is_err());
    h.shut_down().await;
}
