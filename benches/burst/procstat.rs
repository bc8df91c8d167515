//! What the kernel says about a child bot: resident memory, threads and CPU
//! time, read from /proc (Linux), plus a sampler that keeps the peaks while
//! a burst runs.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

/// One reading of a process.
#[derive(Debug, Clone, Copy, Default)]
pub struct Reading {
    pub rss_kb: u64,
    pub threads: u64,
    /// utime + stime of every thread, live or ended, in clock ticks.
    pub cpu_ticks: u64,
}

/// Clock ticks per second of /proc/PID/stat (USER_HZ, 100 on Linux).
pub const TICKS_PER_SEC: f64 = 100.0;

pub fn read(pid: u32) -> Reading {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(0)
    };
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the command name (which may hold spaces) in parentheses;
    // utime and stime are fields 14 and 15, so 11 and 12 after it.
    let after: Vec<u64> = stat
        .rsplit_once(')')
        .map(|(_, rest)| {
            rest.split_whitespace()
                .map(|v| v.parse().unwrap_or(0))
                .collect()
        })
        .unwrap_or_default();
    let at = |i: usize| after.get(i).copied().unwrap_or(0);
    Reading {
        rss_kb: field("VmRSS:"),
        threads: field("Threads:"),
        cpu_ticks: at(11) + at(12),
    }
}

/// Samples a process every millisecond or two until stopped; returns the
/// peaks of resident memory and threads.
pub struct Sampler {
    stop: Arc<AtomicBool>,
    thread: JoinHandle<Reading>,
}

impl Sampler {
    pub fn start(pid: u32) -> Sampler {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let thread = std::thread::spawn(move || {
            let mut peak = Reading::default();
            while !flag.load(Ordering::Relaxed) {
                let r = read(pid);
                peak.rss_kb = peak.rss_kb.max(r.rss_kb);
                peak.threads = peak.threads.max(r.threads);
                std::thread::sleep(Duration::from_millis(2));
            }
            peak
        });
        Sampler { stop, thread }
    }

    pub fn peak(self) -> Reading {
        self.stop.store(true, Ordering::Relaxed);
        self.thread.join().unwrap_or_default()
    }
}
