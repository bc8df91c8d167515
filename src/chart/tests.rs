//! The chart's tests: weeks in the runner's zone, the alt text's golden,
//! and a valid PNG of the expected size for an empty history, one run and
//! a full eight weeks.

use jiff::Timestamp;

use super::render::{HEIGHT, WIDTH};
use super::*;
use crate::intent::{Effort, Unit};
use crate::store::{RestLog, RunLog, SleepLog};

fn at(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn entry(when: &str) -> LogEntry {
    LogEntry {
        at: at(when),
        logged_at: at(when),
        message_id: None,
        run: None,
        sleep: None,
        rest: None,
        pain: Vec::new(),
    }
}

fn run(when: &str, km: f64, minutes: Option<u32>) -> LogEntry {
    LogEntry {
        run: Some(RunLog {
            distance_m: Some(km * 1000.0),
            duration_s: minutes.map(|m| m * 60),
            effort: None,
            conditions: Vec::new(),
            ..RunLog::default()
        }),
        ..entry(when)
    }
}

fn rest(when: &str) -> LogEntry {
    LogEntry {
        rest: Some(RestLog {}),
        ..entry(when)
    }
}

fn sleep(when: &str, hours: f64) -> LogEntry {
    LogEntry {
        sleep: Some(SleepLog { hours }),
        ..entry(when)
    }
}

fn profile(zone: Option<&str>, unit: Unit) -> Profile {
    Profile {
        time_zone: zone.map(str::to_owned),
        unit,
        ..Profile::default()
    }
}

/// Eight full weeks up to Thursday 10 Dec 2026: runs on Tuesdays,
/// Thursdays and Saturdays at 5:30/km, a 20 km long run (110 min) every
/// other Sunday, a rest day each Monday, a night's sleep each Wednesday.
fn eight_weeks() -> Vec<LogEntry> {
    let mut logs = Vec::new();
    let monday = jiff::civil::date(2026, 10, 19);
    for week in 0..8i64 {
        let day = |d: i64| {
            let date = monday
                .checked_add(jiff::Span::new().days(week * 7 + d))
                .unwrap();
            format!("{date}T07:00:00Z")
        };
        logs.push(rest(&day(0)));
        logs.push(run(&day(1), 8.0, Some(44)));
        logs.push(sleep(&day(2), 6.0 + week as f64 * 0.25));
        if week < 7 {
            logs.push(run(&day(3), 10.0, Some(55)));
            logs.push(run(&day(5), 6.5, None));
            if week % 2 == 1 {
                logs.push(run(&day(6), 20.0, Some(110)));
            }
        }
    }
    logs.retain(|e| e.at <= at("2026-12-10T12:00:00Z"));
    logs
}

/// Decodes a PNG and returns its size.
fn decoded_size(png: &[u8]) -> (u32, u32) {
    let decoder = png::Decoder::new(std::io::Cursor::new(png));
    let mut reader = decoder.read_info().expect("a valid PNG header");
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).expect("a valid PNG image");
    (info.width, info.height)
}

/// With CHART_PNG_DIR set, the test charts are written there to look at.
fn keep(name: &str, chart: &Chart) {
    if let Ok(dir) = std::env::var("CHART_PNG_DIR") {
        std::fs::write(std::path::Path::new(&dir).join(name), &chart.png).unwrap();
    }
}

#[test]
fn an_empty_history_draws_an_empty_chart_and_says_so() {
    let chart = weekly(&[], &profile(None, Unit::Km), at("2026-12-10T12:00:00Z"));
    keep("empty.png", &chart);
    assert_eq!(decoded_size(&chart.png), (WIDTH, HEIGHT));
    assert_eq!(
        chart.alt,
        "Weekly distance, last 8 weeks (km, from the week of 19 Oct): nothing logged yet."
    );
}

#[test]
fn one_run_is_this_weeks_bar() {
    let logs = [run("2026-12-08T07:00:00Z", 5.0, Some(30))];
    let chart = weekly(&logs, &profile(None, Unit::Km), at("2026-12-10T12:00:00Z"));
    keep("one.png", &chart);
    assert_eq!(decoded_size(&chart.png), (WIDTH, HEIGHT));
    assert_eq!(
        chart.alt,
        "Weekly distance, last 8 weeks (km, from the week of 19 Oct): \
         0, 0, 0, 0, 0, 0, 0, this week (since Monday) 5 km so far; no long runs; no rest days."
    );
}

#[test]
fn eight_full_weeks_golden() {
    let now = at("2026-12-10T12:00:00Z");
    let chart = weekly(&eight_weeks(), &profile(None, Unit::Km), now);
    keep("full.png", &chart);
    assert_eq!(decoded_size(&chart.png), (WIDTH, HEIGHT));
    assert!(chart.png.len() < 100_000, "{} bytes", chart.png.len());
    assert_eq!(
        chart.alt,
        "Weekly distance, last 8 weeks (km, from the week of 19 Oct): \
         24.5, 44.5, 24.5, 44.5, 24.5, 44.5, 24.5, this week (since Monday) 8 km so far; \
         3 long runs; 8 rest days; sleep averaged 6.9 h."
    );
    let weeks = Weeks::from_logs(&eight_weeks(), &profile(None, Unit::Km), now);
    assert_eq!(weeks.weeks[1].long_runs, 1);
    assert_eq!(weeks.this_week().runs, 1);
    assert_eq!(weeks.this_week().start, jiff::civil::date(2026, 12, 7));
}

#[test]
fn miles_for_a_runner_in_miles() {
    let logs = [run("2026-12-08T07:00:00Z", 16.09344, None)];
    let weeks = Weeks::from_logs(&logs, &profile(None, Unit::Mi), at("2026-12-10T12:00:00Z"));
    assert!((weeks.this_week().distance - 10.0).abs() < 1e-9);
    // 16 km untimed at the default 6:00/km is 96 minutes: long.
    assert_eq!(weeks.this_week().long_runs, 1);
    assert!(alt::text(&weeks).contains("this week (since Monday) 10 mi so far; 1 long run;"));
}

#[test]
fn a_sunday_night_run_in_auckland_counts_in_that_week() {
    // Sunday 6 Dec 21:00 in Auckland (+13:00) is Sunday 08:00 UTC; Monday
    // 7 Dec 06:00 there is still Sunday 17:00 UTC.
    let sunday_night = run("2026-12-06T08:00:00Z", 10.0, None);
    let monday_morning = run("2026-12-06T17:00:00Z", 4.0, None);
    let logs = [sunday_night, monday_morning];
    let now = at("2026-12-09T00:00:00Z");
    let auckland = Weeks::from_logs(&logs, &profile(Some("Pacific/Auckland"), Unit::Km), now);
    assert_eq!(auckland.weeks[6].distance, 10.0, "Sunday's run, last week");
    assert_eq!(
        auckland.this_week().distance,
        4.0,
        "Monday's run, this week"
    );
    // In UTC both are Sunday's.
    let utc = Weeks::from_logs(&logs, &profile(None, Unit::Km), now);
    assert_eq!(utc.weeks[6].distance, 14.0);
    assert_eq!(utc.this_week().distance, 0.0);
}

#[test]
fn logs_before_the_eight_weeks_are_left_out_and_a_rest_day_counts_once() {
    let logs = [
        run("2026-10-18T07:00:00Z", 30.0, None),
        rest("2026-12-07T07:00:00Z"),
        rest("2026-12-07T19:00:00Z"),
    ];
    let weeks = Weeks::from_logs(&logs, &profile(None, Unit::Km), at("2026-12-10T12:00:00Z"));
    assert!(weeks.weeks.iter().all(|w| w.distance == 0.0));
    assert_eq!(weeks.this_week().rest_days, 1);
    let long = LogEntry {
        run: Some(RunLog {
            distance_m: None,
            duration_s: None,
            effort: Some(Effort::Long),
            conditions: Vec::new(),
            ..RunLog::default()
        }),
        ..entry("2026-12-08T07:00:00Z")
    };
    let weeks = Weeks::from_logs(
        &[long],
        &profile(None, Unit::Km),
        at("2026-12-10T12:00:00Z"),
    );
    assert_eq!(weeks.this_week().long_runs, 1, "called long by the runner");
}
