//! The engine alone: many threads of distinct runners calling `Bot::handle`
//! on an on-disk store, with group commit and with the old one flush per
//! write, in the same run.

use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use cooldown::catalogue::Catalogue;
use cooldown::engine::{Bot, Incoming, Origin};
use cooldown::store::{Store, UserId};
use jiff::Timestamp;

/// What one run of the engine alone gave.
pub struct Outcome {
    pub logs: usize,
    pub took: Duration,
    pub cpu: Duration,
}

impl Outcome {
    pub fn per_second(&self) -> f64 {
        self.logs as f64 / self.took.as_secs_f64()
    }
}

/// `writers` threads, each a distinct runner, each logging `each` runs
/// ("ran 10k easy"); returns how many logs were durable and how long it took.
pub fn run(writers: usize, each: usize, grouped: bool) -> Outcome {
    run_with(writers, each, grouped, |_| {})
}

/// The same, after `warm` has had the bot (the profile warms it up, so
/// that what is built once per process stays out of the per-message cost).
pub fn run_with(writers: usize, each: usize, grouped: bool, warm: impl Fn(&Bot)) -> Outcome {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    store.set_group_commit(grouped);
    let catalogue = Catalogue::load(&Catalogue::shipped_dir()).expect("catalogue");
    let bot = Bot::new(catalogue, store.clone()).expect("bot");
    warm(&bot);
    let start = Arc::new(Barrier::new(writers + 1));
    let threads: Vec<_> = (0..writers)
        .map(|w| {
            let (bot, start) = (bot.clone(), start.clone());
            std::thread::spawn(move || {
                start.wait();
                for _ in 0..each {
                    let msg = dm(&format!("engine-{w}"), "ran 10k easy");
                    let reply = bot.handle(&msg).expect("a DM is answered");
                    assert!(!reply.text.is_empty());
                }
            })
        })
        .collect();
    let cpu_before = process_cpu();
    start.wait();
    let began = Instant::now();
    for t in threads {
        t.join().expect("writer");
    }
    let took = began.elapsed();
    let cpu = process_cpu().saturating_sub(cpu_before);
    // Count what is stored, not what was answered.
    let logs = (0..writers)
        .map(|w| {
            store
                .logs_since(&UserId::new(format!("engine-{w}")), Timestamp::MIN)
                .expect("read")
                .len()
        })
        .sum();
    Outcome { logs, took, cpu }
}

/// A DM from `user`, now.
pub fn dm(user: &str, text: &str) -> Incoming {
    Incoming {
        user: UserId::new(user),
        origin: Origin::Dm,
        text: text.into(),
        at: Timestamp::now(),
        message_id: None,
    }
}

/// This process's CPU time so far (all threads).
fn process_cpu() -> Duration {
    let r = super::procstat::read(std::process::id());
    Duration::from_secs_f64(r.cpu_ticks as f64 / super::procstat::TICKS_PER_SEC)
}
