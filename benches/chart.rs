//! The stats chart's render time: `cargo bench --bench chart` draws the
//! chart of a full eight weeks (bars, marks, the sleep line) and encodes
//! the PNG, as `stats` does; and the empty chart, for comparison.

use cooldown::chart;
use cooldown::intent::Unit;
use cooldown::store::{LogEntry, Profile, RestLog, RunLog, SleepLog};
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use jiff::{Timestamp, ToSpan};

fn entry(at: Timestamp) -> LogEntry {
    LogEntry {
        at,
        logged_at: at,
        message_id: None,
        run: None,
        sleep: None,
        rest: None,
        pain: Vec::new(),
    }
}

/// Eight weeks ending now: a rest day, four runs (one long) and a night's
/// sleep logged each week.
fn eight_weeks(now: Timestamp) -> Vec<LogEntry> {
    let mut logs = Vec::new();
    for day in 0..56i64 {
        let at = now.checked_sub((day * 24).hours()).unwrap();
        let mut e = entry(at);
        match day % 7 {
            0 => e.rest = Some(RestLog {}),
            3 => e.sleep = Some(SleepLog { hours: 7.5 }),
            d => {
                e.run = Some(RunLog {
                    distance_m: Some(if d == 6 { 21_000.0 } else { 8_000.0 }),
                    duration_s: Some(if d == 6 { 7_200 } else { 2_700 }),
                    effort: None,
                    conditions: Vec::new(),
                    ..RunLog::default()
                })
            }
        }
        logs.push(e);
    }
    logs.reverse();
    logs
}

fn bench_chart(c: &mut Criterion) {
    let now: Timestamp = "2026-12-10T12:00:00Z".parse().unwrap();
    let logs = eight_weeks(now);
    let profile = Profile {
        unit: Unit::Km,
        time_zone: Some("Europe/Berlin".into()),
        ..Profile::default()
    };
    // Registers the font and warms the glyph cache before timing.
    black_box(chart::weekly(&logs, &profile, now));
    let mut group = c.benchmark_group("chart");
    group.bench_function("eight_weeks", |b| {
        b.iter(|| black_box(chart::weekly(black_box(&logs), &profile, now)))
    });
    group.bench_function("empty", |b| {
        b.iter(|| black_box(chart::weekly(&[], &profile, now)))
    });
    group.finish();
}

criterion_group!(benches, bench_chart);
criterion_main!(benches);
