//! Restarts on a real sled directory: every pending reminder still fires
//! after a restart, one missed by more than the grace window is skipped,
//! none is sent twice, and a crash between recording and sending loses
//! that one reminder rather than doubling it (at most once).

use std::path::Path;
use std::sync::Arc;

use cooldown::catalogue::Catalogue;
use cooldown::intent::{ClockTime, ReminderKind};
use cooldown::reminders::{DueReminder, Reminders, GRACE};
use cooldown::store::{Profile, Store, StoreError, UserId};
use jiff::Timestamp;

fn ts(s: &str) -> Timestamp {
    s.parse().unwrap()
}

/// Opens the directory. sled may hold its lock for a moment after the last
/// handle of the previous "process" is dropped (its background threads
/// finish first), so a lock is retried briefly.
fn open(dir: &Path) -> Store {
    crate::retry::until("the store's lock released", || match Store::open(dir) {
        Err(StoreError::Locked { .. }) => None,
        other => Some(other.unwrap()),
    })
}

/// One "process": opens the directory, runs `f`, closes everything.
fn process<R>(dir: &Path, f: impl FnOnce(&Store, &Reminders) -> R) -> R {
    let store = open(dir);
    let catalogue = Catalogue::load(&Catalogue::shipped_dir()).unwrap();
    let reminders = Reminders::new(&store, Arc::new(catalogue)).unwrap();
    f(&store, &reminders)
}

/// What a freshly started process sends at `now`: everything due, except
/// what it missed by more than the grace window.
fn catch_up(reminders: &Reminders, now: Timestamp) -> Vec<DueReminder> {
    reminders.take_due(now, Some(now - GRACE)).unwrap()
}

fn set_bedtime(dir: &Path, user: &str, zone: &str, at: &str, now: Timestamp) {
    process(dir, |store, reminders| {
        let user = UserId::new(user);
        let profile = Profile {
            time_zone: Some(zone.to_owned()),
            ..Profile::default()
        };
        store.save_profile(&user, &profile).unwrap();
        let at: ClockTime = at.parse().unwrap();
        reminders
            .book()
            .set(&user, ReminderKind::Sleep, at, now)
            .unwrap();
    });
}

#[test]
fn a_pending_reminder_fires_once_after_a_restart_within_grace() {
    let dir = tempfile::tempdir().unwrap();
    set_bedtime(
        dir.path(),
        "42",
        "Europe/London",
        "22:30",
        ts("2026-03-28T12:00:00Z"),
    );
    // Down from 20:00 until 23:45 GMT: 22:30 was missed by 1 h 15.
    let sent = process(dir.path(), |_, r| catch_up(r, ts("2026-03-28T23:45:00Z")));
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].due, ts("2026-03-28T22:30:00Z"));
    // Another restart a minute later sends nothing more.
    let again = process(dir.path(), |_, r| catch_up(r, ts("2026-03-28T23:46:00Z")));
    assert!(again.is_empty(), "sent twice: {again:?}");
    // The next night is the spring-forward night: still 22:30 local (BST).
    let next = process(dir.path(), |_, r| r.book().next_due(None).unwrap());
    assert_eq!(next, Some(ts("2026-03-29T21:30:00Z")));
}

#[test]
fn a_reminder_missed_by_more_than_grace_is_skipped_and_the_next_one_fires() {
    let dir = tempfile::tempdir().unwrap();
    set_bedtime(
        dir.path(),
        "42",
        "America/New_York",
        "22:30",
        ts("2026-10-31T12:00:00Z"),
    );
    // Due 22:30 EDT (02:30Z on 1 November); back at 03:00 EST, 5 h 30 late.
    let sent = process(dir.path(), |_, r| catch_up(r, ts("2026-11-01T08:00:00Z")));
    assert!(sent.is_empty(), "sent in the middle of the night: {sent:?}");
    // That night's, after the clocks went back, at 22:30 EST.
    let sent = process(dir.path(), |_, r| catch_up(r, ts("2026-11-02T04:00:00Z")));
    let dues: Vec<Timestamp> = sent.iter().map(|r| r.due).collect();
    assert_eq!(dues, [ts("2026-11-02T03:30:00Z")]);
}

#[test]
fn a_crash_between_recording_and_sending_loses_that_reminder_but_never_doubles_it() {
    let dir = tempfile::tempdir().unwrap();
    set_bedtime(
        dir.path(),
        "42",
        "Australia/Sydney",
        "22:30",
        ts("2026-10-03T00:00:00Z"),
    );
    // 22:30 AEST on 3 October is 12:30Z. The process records the occurrence
    // as taken out of the book, then dies before the deliverer runs.
    let claimed = process(dir.path(), |_, r| {
        r.book()
            .claim(ts("2026-10-03T12:30:00Z"), None)
            .unwrap()
            .expect("due")
    });
    assert_eq!(claimed.due, ts("2026-10-03T12:30:00Z"));
    // On restart, well within the grace window, it is not sent again.
    let sent = process(dir.path(), |_, r| catch_up(r, ts("2026-10-03T12:31:00Z")));
    assert!(
        sent.is_empty(),
        "a reminder was sent twice after a crash: {sent:?}"
    );
    // The following night's (clocks went forward: 22:30 AEDT) is intact.
    let sent = process(dir.path(), |_, r| catch_up(r, ts("2026-10-04T11:31:00Z")));
    let dues: Vec<Timestamp> = sent.iter().map(|r| r.due).collect();
    assert_eq!(dues, [ts("2026-10-04T11:30:00Z")]);
}

#[test]
fn reminders_of_several_runners_all_survive_restarts() {
    let dir = tempfile::tempdir().unwrap();
    let now = ts("2026-06-01T12:00:00Z");
    set_bedtime(dir.path(), "1", "Europe/London", "22:00", now);
    set_bedtime(dir.path(), "2", "America/New_York", "21:00", now);
    set_bedtime(dir.path(), "3", "Australia/Sydney", "22:30", now);
    let sent = |at: &str| -> Vec<(String, Timestamp)> {
        process(dir.path(), |_, r| catch_up(r, ts(at)))
            .into_iter()
            .map(|r| (r.user.as_str().to_owned(), r.due))
            .collect()
    };
    // Back at 22:30 BST: London's 22:00 goes out late; Sydney's 22:30 AEST
    // (12:30Z) was missed by nine hours and is skipped.
    assert_eq!(
        sent("2026-06-01T21:30:00Z"),
        [("1".to_owned(), ts("2026-06-01T21:00:00Z"))]
    );
    // Restarted again after New York's 21:00 EDT.
    assert_eq!(
        sent("2026-06-02T01:10:00Z"),
        [("2".to_owned(), ts("2026-06-02T01:00:00Z"))]
    );
    // Running through the next day, each gets exactly its own.
    let day: Vec<(String, Timestamp)> = process(dir.path(), |_, r| {
        r.take_due(ts("2026-06-02T20:00:00Z"), None).unwrap()
    })
    .into_iter()
    .map(|r| (r.user.as_str().to_owned(), r.due))
    .collect();
    assert_eq!(day, [("3".to_owned(), ts("2026-06-02T12:30:00Z"))]);
}
