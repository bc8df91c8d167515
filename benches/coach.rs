//! How long the coach takes to plan a reply from a runner's five weeks of
//! history, and a whole logged run through the engine (store flush included).

use cooldown::catalogue::Catalogue;
use cooldown::coach::{self, RunnerPicture};
use cooldown::engine::{Bot, Incoming, Origin};
use cooldown::intent::{BodyPart, Condition, Details, Effort, Intent, Parsed, Topic};
use cooldown::store::{AdviceRecord, Profile, Store, UserId};
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use jiff::{SignedDuration, Timestamp};

fn run(km: f64) -> Parsed {
    Parsed {
        intent: Intent::LogRun,
        distance_m: Some(km * 1000.0),
        duration_s: None,
        effort: Some(Effort::Long),
        conditions: vec![Condition::Humid],
        days_ago: 0,
        sleep_hours: Some(6.0),
        body_parts: vec![BodyPart::Calf],
        topic: None,
        reminder: None,
        details: Details::default(),
    }
}

fn bench(c: &mut Criterion) {
    let catalogue = Catalogue::load(&Catalogue::shipped_dir()).unwrap();
    let now: Timestamp = "2026-06-30T18:00:00Z".parse().unwrap();
    // Five weeks of a run and a night's sleep every day, with advice.
    let history: Vec<_> = (1..=35)
        .rev()
        .filter_map(|d| coach::entry_for(&run(10.0), now - SignedDuration::from_hours(24 * d)))
        .collect();
    let advice: Vec<_> = history
        .iter()
        .map(|e| AdviceRecord {
            at: e.at,
            tips: vec![Topic::Hydration, Topic::Nutrition, Topic::Massage],
        })
        .collect();
    let profile = Profile::default();
    let msg = run(32.0);
    let current = coach::entry_for(&msg, now);
    c.bench_function("coach::plan, 35 days of history", |b| {
        b.iter(|| {
            let picture = RunnerPicture {
                recent: &history,
                advice: &advice,
                profile: &profile,
                now,
                seed: 7,
            };
            black_box(coach::plan(&msg, current.as_ref(), picture, &catalogue))
        })
    });

    let dir = tempfile::tempdir().unwrap();
    let bot = Bot::new(catalogue.clone(), Store::open(dir.path()).unwrap()).unwrap();
    let mut at = now;
    c.bench_function("engine: log a run (flushed) and coach", |b| {
        b.iter(|| {
            // A day apart, so the history window holds about 35 logs.
            at += SignedDuration::from_hours(24);
            let incoming = Incoming {
                user: UserId::new("42"),
                origin: Origin::Dm,
                text: String::new(),
                at,
                message_id: None,
            };
            black_box(bot.handle_parsed(&incoming, run(10.0)))
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
