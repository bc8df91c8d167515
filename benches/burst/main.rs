//! Bursts of DMs through the fake Discord, against a minimal serenity bot
//! of our own (replies "ok", no store) and against Cooldown, each a child
//! process so that memory, threads and CPU time are per bot; then the engine
//! alone with 64 concurrent writers, grouped commits against one flush per
//! write. Prints figures; asserts nothing about time.
//!
//! Run: `cargo bench --bench burst` (add `discord` or `engine` to run one
//! half). PERFORMANCE.md explains the figures.

#[path = "../../tests/it/support/mod.rs"]
mod support;

mod engine;
mod minimal;
mod procstat;

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use cooldown::catalogue::Catalogue;
use support::{FakeDiscord, Msg};

/// Set in a child started by this bench: which bot it is.
const ROLE: &str = "BURST_ROLE";
const TOKEN: &str = "MTIz.fake-secret-token.value";
/// Every wait is bounded by this.
const WAIT: Duration = Duration::from_secs(60);
const BURSTS: [usize; 2] = [50, 500];
const TEXT: &str = "ran 10k easy, humid";

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Minimal,
    Cooldown,
    /// Another build of Cooldown (`COOLDOWN_BASELINE_BIN`, the previous
    /// version), driven in the same run for a like-for-like comparison.
    Baseline,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Minimal => "minimal bot",
            Kind::Cooldown => "cooldown",
            Kind::Baseline => "baseline",
        }
    }

    /// Posts per DM of a new runner: Cooldown says hello first.
    fn posts_per_dm(self) -> usize {
        match self {
            Kind::Minimal => 1,
            Kind::Cooldown | Kind::Baseline => 2,
        }
    }

    fn spawn(self, fake: &FakeDiscord, data: &std::path::Path) -> Child {
        let mut cmd = match self {
            Kind::Minimal => {
                let mut c = Command::new(std::env::current_exe().expect("own path"));
                c.env(ROLE, "minimal");
                c
            }
            Kind::Cooldown | Kind::Baseline => {
                let bin = match self {
                    Kind::Baseline => baseline_bin().expect("COOLDOWN_BASELINE_BIN is set"),
                    _ => env!("CARGO_BIN_EXE_cooldown").into(),
                };
                let mut c = Command::new(bin);
                c.arg("run")
                    .env("COOLDOWN_DATA", data)
                    .env("COOLDOWN_RESPONSES", Catalogue::shipped_dir());
                c
            }
        };
        cmd.env("DISCORD_TOKEN", TOKEN)
            .env("COOLDOWN_DISCORD_API", fake.url())
            .env("NO_PROXY", "127.0.0.1,localhost")
            .env("RUST_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the bot starts")
    }
}

/// The previous build to compare with, if `COOLDOWN_BASELINE_BIN` names one.
fn baseline_bin() -> Option<std::path::PathBuf> {
    std::env::var_os("COOLDOWN_BASELINE_BIN").map(Into::into)
}

/// What one burst gave.
struct Burst {
    n: usize,
    p50: Duration,
    p99: Duration,
    max: Duration,
    rss_after_kb: u64,
    rss_peak_kb: u64,
    threads_peak: u64,
    threads_after: u64,
    cpu_per_msg: Duration,
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn channel_path(user: u64) -> String {
    // The fake's DM channel of a runner is their id + 7.
    format!("/api/v10/channels/{}/messages", user + 7)
}

/// Sends `n` DMs from new runners at once; each one's latency runs from its
/// own dispatch to the last post in its channel.
async fn burst(fake: &FakeDiscord, pid: u32, kind: Kind, first_user: u64, n: usize) -> Burst {
    let before = procstat::read(pid);
    let seen = fake.post_log().len();
    let sampler = procstat::Sampler::start(pid);
    let sent: Vec<(u64, Instant)> = (0..n as u64)
        .map(|i| {
            let user = first_user + i;
            fake.send_message(&Msg::dm(user, TEXT));
            (user, Instant::now())
        })
        .collect();
    let want = seen + n * kind.posts_per_dm();
    assert!(
        fake.wait_post_count(want, WAIT).await,
        "{}: replies missing after {WAIT:?}",
        kind.name()
    );
    let after = procstat::read(pid);
    let peak = sampler.peak();
    let log = fake.post_log();
    let mut latencies: Vec<Duration> = sent
        .iter()
        .map(|(user, at)| {
            let path = channel_path(*user);
            let last = log[seen..]
                .iter()
                .filter(|(_, p)| *p == path)
                .map(|(t, _)| *t)
                .max()
                .expect("a reply in the runner's channel");
            last.duration_since(*at)
        })
        .collect();
    latencies.sort();
    let ticks = after.cpu_ticks.saturating_sub(before.cpu_ticks);
    Burst {
        n,
        p50: percentile(&latencies, 0.50),
        p99: percentile(&latencies, 0.99),
        max: latencies.last().copied().unwrap_or_default(),
        rss_after_kb: after.rss_kb,
        rss_peak_kb: peak.rss_kb.max(after.rss_kb),
        threads_peak: peak.threads.max(after.threads),
        threads_after: after.threads,
        cpu_per_msg: Duration::from_secs_f64(ticks as f64 / procstat::TICKS_PER_SEC / n as f64),
    }
}

/// One bot through both bursts; prints a line per figure.
async fn drive(kind: Kind) -> Vec<Burst> {
    let fake = FakeDiscord::start().await;
    let data = tempfile::tempdir().expect("tempdir");
    let mut child = kind.spawn(&fake, data.path());
    let pid = child.id();
    assert!(
        fake.wait_connected(1, WAIT).await,
        "{} did not connect",
        kind.name()
    );
    // One DM first, so that what is built on first use is built: "idle" is
    // a bot that has answered once and waits.
    fake.send_message(&Msg::dm(1, TEXT));
    assert!(fake.wait_post_count(kind.posts_per_dm(), WAIT).await);
    let idle = procstat::read(pid);
    println!(
        "{}: idle rss {:.1} MB, {} threads",
        kind.name(),
        idle.rss_kb as f64 / 1024.0,
        idle.threads
    );
    let mut out = Vec::new();
    let mut first = 10_000;
    for n in BURSTS {
        let b = burst(&fake, pid, kind, first, n).await;
        first += n as u64;
        println!(
            "{}: burst {:>3}: p50 {:>6.1?} p99 {:>6.1?} max {:>6.1?} | rss after {:.1} MB (idle + {:.1}), peak {:.1} MB | threads peak {} after {} | cpu/msg {:.2?}",
            kind.name(),
            b.n,
            b.p50,
            b.p99,
            b.max,
            b.rss_after_kb as f64 / 1024.0,
            (b.rss_after_kb as f64 - idle.rss_kb as f64) / 1024.0,
            b.rss_peak_kb as f64 / 1024.0,
            b.threads_peak,
            b.threads_after,
            b.cpu_per_msg,
        );
        out.push(b);
    }
    let _ = Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status();
    let _ = child.wait();
    out
}

fn discord() {
    support::no_proxy();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let minimal = rt.block_on(drive(Kind::Minimal));
    let cooldown = rt.block_on(drive(Kind::Cooldown));
    for (m, c) in minimal.iter().zip(&cooldown) {
        println!(
            "burst {:>3}: cooldown p99 / minimal p99 = {:.2} (target <= 1.5)",
            m.n,
            c.p99.as_secs_f64() / m.p99.as_secs_f64()
        );
    }
    if baseline_bin().is_some() {
        let baseline = rt.block_on(drive(Kind::Baseline));
        for (b, c) in baseline.iter().zip(&cooldown) {
            println!(
                "burst {:>3}: cooldown p99 / baseline p99 = {:.2}",
                b.n,
                c.p99.as_secs_f64() / b.p99.as_secs_f64()
            );
        }
    }
}

fn engine_alone() {
    const WRITERS: usize = 64;
    const EACH: usize = 25;
    for grouped in [true, false] {
        let o = engine::run(WRITERS, EACH, grouped);
        println!(
            "engine alone, {WRITERS} writers x {EACH}, {}: {} durable logs in {:.2?} = {:.0} logs/s, cpu/log {:.2?}",
            if grouped { "group commit" } else { "one flush per write" },
            o.logs,
            o.took,
            o.per_second(),
            o.cpu / o.logs.max(1) as u32,
        );
    }
}

fn main() {
    if std::env::var(ROLE).as_deref() == Ok("minimal") {
        minimal::run();
        return;
    }
    // `cargo bench` passes `--bench`; a bare word picks one half.
    let only: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let wants = |what: &str| only.is_empty() || only.iter().any(|o| o == what);
    if wants("discord") {
        discord();
    }
    if wants("engine") {
        engine_alone();
    }
    // Not in the default run: one runner's DMs on one thread, for a
    // profiler (`valgrind --tool=callgrind BENCH profile`).
    if let Some(n) = only.iter().find_map(|o| o.strip_prefix("profile")) {
        // `profileN`: N messages after one to warm up; two runs with
        // different N give the cost of one message by difference.
        let n = n.parse().unwrap_or(200);
        let o = engine::run_with(1, n, true, |bot| {
            let _ = bot.handle(&engine::dm("warm-up", "ran 5k"));
        });
        println!(
            "profile: {} logs, cpu/log {:.2?}",
            o.logs,
            o.cpu / o.logs.max(1) as u32
        );
        for line in cooldown::ops::metrics::render().lines() {
            if line.starts_with("cooldown_store_commit_group_size_") {
                println!("{line}");
            }
        }
    }
}
