//! The store under faults, on the real binary: a full disk filled and
//! freed, a damaged data directory, deletion that deletes, and SIGKILL in
//! the middle of a stream of logs.
//!
//! The full-disk test mounts a small tmpfs, so it needs root; without it,
//! it says so on stderr and checks nothing.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

use cooldown::store::{Store, UserId};
use jiff::Timestamp;
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_cooldown");
const RESPONSES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/responses");

/// A `replay` process driven one line at a time.
struct Replay {
    child: Child,
    stdin: Option<ChildStdin>,
    stdout: BufReader<ChildStdout>,
}

impl Replay {
    fn start(data: &Path) -> Replay {
        let mut child = Command::new(BIN)
            .args(["replay", "--data"])
            .arg(data)
            .env("COOLDOWN_RESPONSES", RESPONSES)
            .env_remove("DISCORD_TOKEN")
            .env_remove("DISCORD_TOKEN_FILE")
            .env_remove("RUST_LOG")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        Replay {
            child,
            stdin,
            stdout,
        }
    }

    /// Sends a message from `user` at `at`; returns its reply line, or
    /// `None` when the process ended instead of answering.
    fn send(&mut self, user: &str, at: &str, text: &str) -> Option<Value> {
        let line = serde_json::json!({"user": user, "at": at, "text": text});
        let stdin = self.stdin.as_mut()?;
        writeln!(stdin, "{line}").ok()?;
        stdin.flush().ok()?;
        let mut out = String::new();
        match self.stdout.read_line(&mut out) {
            Ok(n) if n > 0 => Some(serde_json::from_str(&out).unwrap()),
            _ => None,
        }
    }

    /// Closes stdin and waits: (success, stderr).
    fn finish(mut self) -> (bool, String) {
        drop(self.stdin.take());
        let out = self.child.wait_with_output().unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }
}

/// Minute `n` after a fixed start, as RFC 3339.
fn at(n: i64) -> String {
    let start: Timestamp = "2026-06-01T06:00:00Z".parse().unwrap();
    (start + jiff::SignedDuration::from_mins(n)).to_string()
}

/// How many logs `user` has in the store at `data` (the binary must have
/// exited: it holds sled's lock while it runs).
fn count_logs(data: &Path, user: &str) -> usize {
    let store = Store::open(data).unwrap();
    store
        .logs_since(&UserId::new(user), Timestamp::MIN)
        .unwrap()
        .len()
}

/// A tmpfs mounted for one test, unmounted when dropped.
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(at: &Path, size: &str) -> Option<Tmpfs> {
        std::fs::create_dir_all(at).unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(at)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| Tmpfs(at.to_owned()))
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// Writes zeros into `file` until the file system is full.
fn fill(file: &Path) {
    let mut f = std::fs::File::create(file).unwrap();
    let block = vec![0u8; 64 * 1024];
    while f.write_all(&block).is_ok() {}
    let _ = f.sync_all();
}

#[test]
fn a_full_disk_stops_the_bot_with_one_line_and_a_restart_recovers() {
    let dir = tempfile::tempdir().unwrap();
    let Some(mnt) = Tmpfs::mount(&dir.path().join("mnt"), "4m") else {
        eprintln!("skipped: mounting a tmpfs needs root");
        return;
    };
    let data = mnt.0.join("data");
    let mut bot = Replay::start(&data);
    let first = bot.send("42", &at(0), "ran 10k").unwrap();
    assert_eq!(first["logged"], true, "{first}");
    fill(&mnt.0.join("filler"));

    // Log until the disk refuses (sled's segment has room for a few).
    let mut acknowledged = 1;
    let mut refused = None;
    for n in 1..5_000 {
        match bot.send("42", &at(n), "slept 7h") {
            Some(r) if r["logged"] == true => acknowledged += 1,
            Some(r) => {
                refused = Some(r);
                break;
            }
            None => panic!("the bot ended without answering"),
        }
    }
    let refused = refused.expect("the disk never refused a write");
    assert!(
        refused["reply"]
            .as_str()
            .unwrap()
            .contains("nothing was logged"),
        "{refused}"
    );
    // It stops by itself after saying so, before any other line is read.
    assert_eq!(bot.send("42", &at(6_000), "stats"), None);
    let (ok, stderr) = bot.finish();
    assert!(!ok, "a stopped store exits non-zero");
    let ours: Vec<_> = stderr
        .lines()
        .filter(|l| l.starts_with("cooldown:"))
        .collect();
    assert_eq!(ours.len(), 1, "{stderr}");
    assert!(
        ours[0].contains("the disk refused a write") && ours[0].contains("restart"),
        "{stderr}"
    );

    // Space comes back; the restarted bot saves again and never shows the
    // refused log.
    std::fs::remove_file(mnt.0.join("filler")).unwrap();
    let mut bot = Replay::start(&data);
    let again = bot.send("42", &at(7_000), "ran 3k").unwrap();
    assert_eq!(again["logged"], true, "{again}");
    let (ok, stderr) = bot.finish();
    assert!(ok, "{stderr}");
    assert_eq!(
        count_logs(&data, "42"),
        acknowledged + 1,
        "every acknowledged log, the refused one not"
    );
}
