//! Schedule arithmetic with injected instants: daily reminders across
//! daylight-saving changes in both hemispheres (the corpus in
//! `reminders_next_daily.txt`), quiet hours, and the rest-day triggers.

use cooldown::intent::{ClockTime, Effort, ReminderKind};
use cooldown::reminders::schedule::{self, next_daily, next_rest, RestCause};
use cooldown::store::{LogEntry, RestLog, RunLog};
use jiff::tz::TimeZone;
use jiff::Timestamp;

fn ts(s: &str) -> Timestamp {
    s.parse().unwrap_or_else(|e| panic!("bad instant {s}: {e}"))
}

fn hm(s: &str) -> ClockTime {
    s.parse().unwrap()
}

#[test]
fn daily_reminders_follow_the_local_clock() {
    let corpus = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/reminders_next_daily.txt"
    ));
    let mut checked = 0;
    let mut failures = Vec::new();
    for (n, line) in corpus.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.split_whitespace().collect();
        let (zone, after, time, want) = (f[0], ts(f[1]), hm(f[2]), ts(f[3]));
        let tz = TimeZone::get(zone).unwrap();
        let got = next_daily(after, time, &tz);
        if got != want {
            failures.push(format!("line {}: {line}\n   got {got}", n + 1));
        }
        // Whatever the night, a reminder is never due at or before `after`.
        assert!(got > after, "line {}: not strictly after", n + 1);
        checked += 1;
    }
    assert!(checked >= 25, "corpus too small: {checked}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Walking day by day through the DST changes of a season: one occurrence
/// per local date, at the set local time whenever that time exists.
#[test]
fn six_weeks_of_reminders_never_drift_skip_or_double() {
    for zone in ["Europe/London", "America/New_York", "Australia/Sydney"] {
        let tz = TimeZone::get(zone).unwrap();
        for start in ["2026-03-01T00:00:00Z", "2026-09-25T00:00:00Z"] {
            for time in ["22:30", "01:30", "02:30"] {
                let time = hm(time);
                let mut at = ts(start);
                let mut days = Vec::new();
                for _ in 0..45 {
                    at = next_daily(at, time, &tz);
                    days.push(tz.to_datetime(at).date());
                    let local = schedule::local_time(at, &tz);
                    // Only a spring-forward night moves it, and then to the
                    // end of the gap, at most an hour later.
                    assert!(
                        local == time || (local > time && local.hour <= time.hour + 1),
                        "{zone} {time}: due at {at}, local {local}"
                    );
                }
                let consecutive = days.windows(2).all(|w| w[1] == w[0].tomorrow().unwrap());
                assert!(consecutive, "{zone} {time}: a date skipped or doubled");
            }
        }
    }
}

#[test]
fn quiet_hours_are_eleven_at_night_to_seven_in_the_morning() {
    for (time, quiet) in [
        ("22:59", false),
        ("23:00", true),
        ("00:00", true),
        ("03:30", true),
        ("06:59", true),
        ("07:00", false),
        ("08:00", false),
    ] {
        assert_eq!(schedule::in_quiet_hours(hm(time)), quiet, "{time}");
    }
}

fn run(at: &str, km: f64, effort: Option<Effort>) -> LogEntry {
    LogEntry {
        at: ts(at),
        logged_at: ts(at),
        message_id: None,
        run: Some(RunLog {
            distance_m: Some(km * 1000.0),
            duration_s: None,
            effort,
            conditions: Vec::new(),
            ..RunLog::default()
        }),
        sleep: None,
        rest: None,
        pain: Vec::new(),
    }
}

fn rest(at: &str) -> LogEntry {
    LogEntry {
        run: None,
        rest: Some(RestLog::default()),
        ..run(at, 0.0, None)
    }
}

const MORNING: ClockTime = schedule::DEFAULT_MORNING;

#[test]
fn the_morning_after_a_long_run_in_local_time() {
    let tz = TimeZone::get("Europe/London").unwrap();
    // Saturday 28 March, long run; Sunday is the spring-forward day, so
    // 08:00 local is 07:00 UTC.
    let logs = [run("2026-03-28T09:00:00Z", 30.0, None)];
    let got = next_rest(&logs, &tz, MORNING, ts("2026-03-28T12:00:00Z"));
    assert_eq!(got, Some((ts("2026-03-29T07:00:00Z"), RestCause::LongRun)));
    // Nothing more once that morning has gone by.
    assert_eq!(
        next_rest(&logs, &tz, MORNING, ts("2026-03-29T07:00:00Z")),
        None
    );
}

#[test]
fn a_race_outranks_a_long_run_and_easy_runs_call_for_nothing() {
    let tz = TimeZone::get("America/New_York").unwrap();
    let logs = [
        run("2026-11-01T14:00:00Z", 42.2, Some(Effort::Race)),
        run("2026-11-01T20:00:00Z", 20.0, Some(Effort::Long)),
    ];
    let got = next_rest(&logs, &tz, hm("07:30"), ts("2026-11-01T22:00:00Z"));
    // 07:30 EST on Monday 2 November.
    assert_eq!(got, Some((ts("2026-11-02T12:30:00Z"), RestCause::Race)));
    let easy = [run("2026-11-01T14:00:00Z", 8.0, Some(Effort::Easy))];
    assert_eq!(
        next_rest(&easy, &tz, MORNING, ts("2026-11-01T22:00:00Z")),
        None
    );
}

#[test]
fn an_untimed_16k_is_long_for_the_reminders_as_for_the_coach() {
    // 16 km with no time is 96 minutes at the assumed 6:00/km: the coach
    // calls it long, so the next morning is a rest day here too.
    let tz = TimeZone::UTC;
    let logs = [run("2026-05-02T09:00:00Z", 16.0, None)];
    let got = next_rest(&logs, &tz, MORNING, ts("2026-05-02T12:00:00Z"));
    assert_eq!(got, Some((ts("2026-05-03T08:00:00Z"), RestCause::LongRun)));
    // A 12 km is not.
    let short = [run("2026-05-02T09:00:00Z", 12.0, None)];
    assert_eq!(
        next_rest(&short, &tz, MORNING, ts("2026-05-02T12:00:00Z")),
        None
    );
}

#[test]
fn six_running_days_in_a_row_by_the_local_calendar() {
    let tz = TimeZone::get("Australia/Sydney").unwrap();
    // Easy runs at 18:00 Sydney (08:00 UTC, AEST) from 1 to 6 June.
    let logs: Vec<LogEntry> = (1..=6)
        .map(|d| run(&format!("2026-06-{d:02}T08:00:00Z"), 6.0, None))
        .collect();
    let got = next_rest(&logs, &tz, MORNING, ts("2026-06-06T09:00:00Z"));
    // 08:00 AEST on 7 June is 22:00 UTC on 6 June.
    assert_eq!(
        got,
        Some((ts("2026-06-06T22:00:00Z"), RestCause::Streak(6)))
    );
    // Five days are not enough.
    assert_eq!(
        next_rest(&logs[1..], &tz, MORNING, ts("2026-06-06T09:00:00Z")),
        None
    );
    // The same runs, read in UTC, fall on the same six dates: still a streak,
    // but the morning is 08:00 UTC.
    let utc = next_rest(&logs, &TimeZone::UTC, MORNING, ts("2026-06-06T09:00:00Z"));
    assert_eq!(utc.map(|(t, _)| t), Some(ts("2026-06-07T08:00:00Z")));
}

#[test]
fn a_rest_day_reminder_set_in_quiet_hours_waits_until_seven() {
    let tz = TimeZone::get("Europe/London").unwrap();
    let logs = [run("2026-06-01T09:00:00Z", 25.0, None)];
    let got = next_rest(&logs, &tz, hm("05:00"), ts("2026-06-01T12:00:00Z"));
    // 07:00 BST.
    assert_eq!(got.map(|(t, _)| t), Some(ts("2026-06-02T06:00:00Z")));
}

#[test]
fn a_rest_day_already_logged_needs_no_reminder() {
    let tz = TimeZone::UTC;
    let logs = [
        run("2026-06-01T09:00:00Z", 25.0, None),
        rest("2026-06-02T06:00:00Z"),
    ];
    assert_eq!(
        next_rest(&logs, &tz, MORNING, ts("2026-06-02T06:30:00Z")),
        None
    );
    assert!(next_rest(&logs[..1], &tz, MORNING, ts("2026-06-02T06:30:00Z")).is_some());
}

#[test]
fn kinds_are_the_contract_strings() {
    let s = serde_json::to_string(&[ReminderKind::Sleep, ReminderKind::Rest]).unwrap();
    assert_eq!(s, r#"["sleep","rest"]"#);
}
