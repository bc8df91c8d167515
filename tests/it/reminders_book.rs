//! The reminder book and what is due when, with injected instants: order
//! across runners and zones, the UTC notice, stop, blocked DMs, a change of
//! time zone, rest days from the logs, the grace window.

use std::sync::Arc;

use cooldown::catalogue::Catalogue;
use cooldown::intent::{ClockTime, Effort, ReminderKind};
use cooldown::reminders::Reminders;
use cooldown::store::{LogEntry, Profile, RunLog, Store, UserId};
use jiff::Timestamp;

fn ts(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn hm(s: &str) -> ClockTime {
    s.parse().unwrap()
}

fn setup() -> (Store, Reminders) {
    let store = Store::temporary().unwrap();
    let catalogue = Catalogue::load(&Catalogue::shipped_dir()).unwrap();
    let reminders = Reminders::new(&store, Arc::new(catalogue)).unwrap();
    (store, reminders)
}

fn with_zone(store: &Store, user: &UserId, zone: &str) {
    let profile = Profile {
        time_zone: Some(zone.to_owned()),
        ..Profile::default()
    };
    store.save_profile(user, &profile).unwrap();
}

#[test]
fn bedtimes_come_in_time_order_across_runners_and_zones() {
    let (store, reminders) = setup();
    let (london, new_york) = (UserId::new("1"), UserId::new("2"));
    with_zone(&store, &london, "Europe/London");
    with_zone(&store, &new_york, "America/New_York");
    let now = ts("2026-06-01T12:00:00Z");
    let book = reminders.book();
    book.set(&london, ReminderKind::Sleep, hm("22:30"), now)
        .unwrap();
    book.set(&new_york, ReminderKind::Sleep, hm("22:30"), now)
        .unwrap();

    let due = reminders
        .take_due(ts("2026-06-03T12:00:00Z"), None)
        .unwrap();
    let got: Vec<(&str, String)> = due
        .iter()
        .map(|r| (r.user.as_str(), r.due.to_string()))
        .collect();
    assert_eq!(
        got,
        [
            ("1", "2026-06-01T21:30:00Z".to_owned()),
            ("2", "2026-06-02T02:30:00Z".to_owned()),
            ("1", "2026-06-02T21:30:00Z".to_owned()),
            ("2", "2026-06-03T02:30:00Z".to_owned()),
        ]
    );
    assert!(due.iter().all(|r| r.kind == ReminderKind::Sleep));
    assert!(due[0].text.contains("22:30"), "{}", due[0].text);
    // Taken out means taken out: asking again yields nothing.
    assert!(reminders
        .take_due(ts("2026-06-03T12:00:00Z"), None)
        .unwrap()
        .is_empty());
    assert_eq!(
        book.next_due(None).unwrap(),
        Some(ts("2026-06-03T21:30:00Z"))
    );
}

#[test]
fn without_a_zone_times_are_utc_and_the_runner_is_told_once() {
    let (_store, reminders) = setup();
    let u = UserId::new("3");
    let book = reminders.book();
    let first = book
        .set(
            &u,
            ReminderKind::Sleep,
            hm("22:30"),
            ts("2026-06-01T12:00:00Z"),
        )
        .unwrap();
    assert!(first.tell_utc);
    assert_eq!(first.zone, None);
    assert_eq!(first.next_due, Some(ts("2026-06-01T22:30:00Z")));
    let again = book
        .set(
            &u,
            ReminderKind::Sleep,
            hm("23:00"),
            ts("2026-06-01T13:00:00Z"),
        )
        .unwrap();
    assert!(!again.tell_utc);
    assert!(again.replaced);
    // Even after stopping and starting over.
    book.stop(&u).unwrap();
    let later = book
        .set(
            &u,
            ReminderKind::Rest,
            hm("08:00"),
            ts("2026-06-02T12:00:00Z"),
        )
        .unwrap();
    assert!(!later.tell_utc);
}

#[test]
fn stop_takes_every_reminder_out_of_the_book() {
    let (_store, reminders) = setup();
    let u = UserId::new("4");
    let book = reminders.book();
    let now = ts("2026-06-01T12:00:00Z");
    book.set(&u, ReminderKind::Sleep, hm("22:30"), now).unwrap();
    book.set(&u, ReminderKind::Rest, hm("08:00"), now).unwrap();
    assert!(book.stop(&u).unwrap());
    assert!(!book.stop(&u).unwrap());
    assert_eq!(book.next_due(None).unwrap(), None);
    assert!(reminders
        .take_due(ts("2026-06-10T00:00:00Z"), None)
        .unwrap()
        .is_empty());
}

#[test]
fn blocked_dms_pause_reminders_and_the_runner_is_told_once() {
    let (_store, reminders) = setup();
    let u = UserId::new("5");
    let book = reminders.book();
    book.set(
        &u,
        ReminderKind::Sleep,
        hm("22:30"),
        ts("2026-06-01T12:00:00Z"),
    )
    .unwrap();
    reminders
        .pause_blocked(&u, ts("2026-06-01T22:30:01Z"))
        .unwrap();
    assert_eq!(book.next_due(None).unwrap(), None);
    assert!(reminders
        .take_due(ts("2026-06-05T00:00:00Z"), None)
        .unwrap()
        .is_empty());

    let notice = reminders
        .after_message(&u, ts("2026-06-05T09:00:00Z"))
        .unwrap();
    assert!(notice.is_some_and(|n| n.contains("paused")));
    let again = reminders
        .after_message(&u, ts("2026-06-05T09:01:00Z"))
        .unwrap();
    assert_eq!(again, None);

    // Setting a reminder again turns them back on, from now on: nothing
    // from the paused days is sent late.
    let outcome = book
        .set(
            &u,
            ReminderKind::Sleep,
            hm("22:30"),
            ts("2026-06-05T10:00:00Z"),
        )
        .unwrap();
    assert!(outcome.resumed);
    let due = reminders
        .take_due(ts("2026-06-06T00:00:00Z"), None)
        .unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].due, ts("2026-06-05T22:30:00Z"));
}

#[test]
fn a_new_time_zone_moves_the_next_reminder() {
    let (store, reminders) = setup();
    let u = UserId::new("6");
    reminders
        .book()
        .set(
            &u,
            ReminderKind::Sleep,
            hm("22:30"),
            ts("2026-06-01T12:00:00Z"),
        )
        .unwrap();
    assert_eq!(
        reminders.book().next_due(None).unwrap(),
        Some(ts("2026-06-01T22:30:00Z"))
    );
    with_zone(&store, &u, "Europe/Berlin");
    reminders
        .after_message(&u, ts("2026-06-01T13:00:00Z"))
        .unwrap();
    // 22:30 CEST.
    assert_eq!(
        reminders.book().next_due(None).unwrap(),
        Some(ts("2026-06-01T20:30:00Z"))
    );
}

fn long_run(at: Timestamp) -> LogEntry {
    LogEntry {
        at,
        logged_at: at,
        message_id: None,
        run: Some(RunLog {
            distance_m: Some(24_000.0),
            duration_s: None,
            effort: Some(Effort::Long),
            conditions: Vec::new(),
            ..RunLog::default()
        }),
        sleep: None,
        rest: None,
        pain: Vec::new(),
    }
}

#[test]
fn a_long_run_logged_brings_a_rest_day_reminder_the_next_morning() {
    let (store, reminders) = setup();
    let u = UserId::new("7");
    with_zone(&store, &u, "Australia/Sydney");
    let book = reminders.book();
    let set = book
        .set(
            &u,
            ReminderKind::Rest,
            hm("08:00"),
            ts("2026-04-03T00:00:00Z"),
        )
        .unwrap();
    assert_eq!(set.next_due, None, "no run yet, nothing due");

    // Saturday 4 April, 07:00 Sydney (AEDT): a long run. Sunday morning the
    // clocks go back, so 08:00 is AEST (+10).
    let ran = ts("2026-04-03T20:00:00Z");
    store.append(&u, &long_run(ran)).unwrap();
    reminders.after_message(&u, ran).unwrap();
    assert_eq!(
        book.next_due(None).unwrap(),
        Some(ts("2026-04-04T22:00:00Z"))
    );
    let due = reminders
        .take_due(ts("2026-04-06T00:00:00Z"), None)
        .unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].kind, ReminderKind::Rest);
    assert!(due[0].text.contains("rest"), "{}", due[0].text);
}

#[test]
fn a_reminder_missed_beyond_the_grace_window_is_skipped() {
    let (_store, reminders) = setup();
    let u = UserId::new("8");
    reminders
        .book()
        .set(
            &u,
            ReminderKind::Sleep,
            hm("22:30"),
            ts("2026-06-01T12:00:00Z"),
        )
        .unwrap();
    // The bot comes back at 01:00, two and a half hours late.
    let now = ts("2026-06-02T01:00:00Z");
    let skip_before = now - reminders_grace();
    let got = reminders.claim_next(now, Some(skip_before), None).unwrap();
    assert_eq!(got, None);
    // ...and it is gone for good, while tomorrow's is in place.
    assert_eq!(
        reminders.book().next_due(None).unwrap(),
        Some(ts("2026-06-02T22:30:00Z"))
    );
    // Back within the grace window instead: sent, with its due instant.
    let now = ts("2026-06-03T00:15:00Z");
    let got = reminders
        .claim_next(now, Some(now - reminders_grace()), None)
        .unwrap()
        .unwrap();
    assert_eq!(got.due, ts("2026-06-02T22:30:00Z"));
}

fn reminders_grace() -> jiff::SignedDuration {
    cooldown::reminders::GRACE
}

#[test]
fn a_scheduler_for_one_runner_leaves_the_others_alone() {
    let (_store, reminders) = setup();
    let (console, other) = (UserId::new("console"), UserId::new("9"));
    let now = ts("2026-06-01T12:00:00Z");
    for u in [&console, &other] {
        reminders
            .book()
            .set(u, ReminderKind::Sleep, hm("22:30"), now)
            .unwrap();
    }
    let up_to = ts("2026-06-01T23:00:00Z");
    let mine = reminders
        .claim_next(up_to, None, Some(&console))
        .unwrap()
        .unwrap();
    assert_eq!(mine.user, console);
    assert_eq!(
        reminders.claim_next(up_to, None, Some(&console)).unwrap(),
        None
    );
    // The other runner's reminder is still there for its own transport.
    let theirs = reminders.take_due(up_to, None).unwrap();
    assert_eq!(theirs.len(), 1);
    assert_eq!(theirs[0].user, other);
}

#[test]
fn two_claimers_racing_never_take_the_same_occurrence() {
    let (_store, reminders) = setup();
    let now = ts("2026-06-01T00:00:00Z");
    for u in 0..20 {
        reminders
            .book()
            .set(
                &UserId::new(u.to_string()),
                ReminderKind::Sleep,
                hm("22:30"),
                now,
            )
            .unwrap();
    }
    let up_to = ts("2026-06-05T00:00:00Z");
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let r = reminders.clone();
            std::thread::spawn(move || r.take_due(up_to, None).unwrap())
        })
        .collect();
    let mut all: Vec<(String, Timestamp)> = handles
        .into_iter()
        .flat_map(|h| h.join().unwrap())
        .map(|r| (r.user.as_str().to_owned(), r.due))
        .collect();
    // 20 runners x 4 nights, each exactly once across all claimers.
    assert_eq!(all.len(), 80);
    all.sort();
    all.dedup();
    assert_eq!(all.len(), 80);
}
