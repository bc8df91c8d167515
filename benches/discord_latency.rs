//! Message-to-reply latency through the fake Discord: the real serenity
//! client (built by Cooldown's transport) receives MESSAGE_CREATE over the
//! loopback gateway, the engine logs the run (sled flush included) and
//! coaches, and the reply's POST reaches the fake. Criterion times the
//! round trip; p50/p99 over a fixed few hundred messages are printed too,
//! one at a time and in a burst of concurrent runners.
//!
//! Run: `cargo bench --bench discord_latency`

#[path = "../tests/it/support/mod.rs"]
mod support;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use support::{FakeDiscord, Msg, Running, WAIT};

const SEQUENTIAL: usize = 300;
const BURST: usize = 200;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn report(name: &str, mut samples: Vec<Duration>) {
    samples.sort();
    println!(
        "{name}: n={} p50={:.2?} p99={:.2?} max={:.2?}",
        samples.len(),
        percentile(&samples, 0.50),
        percentile(&samples, 0.99),
        samples.last().copied().unwrap_or_default()
    );
}

/// Sends one DM and waits for the reply; returns the round trip.
async fn round_trip(bot: &Running, user: u64, seen: usize) -> Duration {
    let start = Instant::now();
    bot.fake.send_message(&Msg::dm(user, "ran 10k easy, humid"));
    let ok = bot.fake.wait_post_count(seen + 1, WAIT).await;
    assert!(ok, "no reply within {WAIT:?}");
    start.elapsed()
}

fn latency(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let bot = rt.block_on(async {
        let fake = FakeDiscord::start().await;
        Running::with(
            fake,
            |s| s.rate_limit.max = usize::MAX,
            Arc::new(cooldown::clock::SystemClock),
        )
        .await
    });
    let next_user = AtomicU64::new(100_000);
    let posted = AtomicU64::new(0);

    let mut group = c.benchmark_group("discord");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(8));
    group.bench_function("dm_to_reply", |b| {
        b.iter_custom(|iters| {
            rt.block_on(async {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let user = next_user.fetch_add(1, Ordering::SeqCst);
                    let seen = posted.fetch_add(1, Ordering::SeqCst) as usize;
                    total += round_trip(&bot, user, seen).await;
                }
                total
            })
        })
    });
    group.finish();

    // Fixed-size runs for the percentiles.
    let sequential = rt.block_on(async {
        let mut samples = Vec::with_capacity(SEQUENTIAL);
        for _ in 0..SEQUENTIAL {
            let user = next_user.fetch_add(1, Ordering::SeqCst);
            let seen = posted.fetch_add(1, Ordering::SeqCst) as usize;
            samples.push(round_trip(&bot, user, seen).await);
        }
        samples
    });
    report("discord dm_to_reply, one at a time", sequential);

    let burst = rt.block_on(async {
        let seen = posted.load(Ordering::SeqCst) as usize;
        let first = next_user.fetch_add(BURST as u64, Ordering::SeqCst);
        let start = Instant::now();
        for i in 0..BURST as u64 {
            bot.fake
                .send_message(&Msg::dm(first + i, "ran 10k easy, humid"));
        }
        // Each reply's latency: from the burst's start to its POST.
        let all = seen + BURST;
        assert!(
            bot.fake.wait_post_count(all, WAIT).await,
            "a reply of the burst is missing"
        );
        bot.fake.post_times()[seen..all]
            .iter()
            .map(|t| t.duration_since(start))
            .collect::<Vec<_>>()
    });
    report(
        &format!("discord dm_to_reply, burst of {BURST} runners"),
        burst,
    );
    rt.block_on(async { bot.stop().await.expect("clean stop") });
}

criterion_group!(benches, latency);
criterion_main!(benches);
