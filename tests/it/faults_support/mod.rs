//! What the fault tests share: driving the binary (`replay` line by line,
//! or a command to its end), a tmpfs to fill, and scans of a directory.
#![allow(dead_code)] // each test file uses its own part

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

use cooldown::store::{Store, UserId};
use jiff::Timestamp;
use serde_json::Value;

pub const BIN: &str = env!("CARGO_BIN_EXE_cooldown");
pub const RESPONSES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/responses");

/// A `replay` process driven one line at a time.
pub struct Replay {
    pub child: Child,
    pub stdin: Option<ChildStdin>,
    pub stdout: BufReader<ChildStdout>,
}

impl Replay {
    pub fn start(data: &Path) -> Replay {
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
    pub fn send(&mut self, user: &str, at: &str, text: &str) -> Option<Value> {
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
    pub fn finish(mut self) -> (bool, String) {
        drop(self.stdin.take());
        let out = self.child.wait_with_output().unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }
}

/// Minute `n` after a fixed start, as RFC 3339.
pub fn at(n: i64) -> String {
    let start: Timestamp = "2026-06-01T06:00:00Z".parse().unwrap();
    (start + jiff::SignedDuration::from_mins(n)).to_string()
}

/// How many logs `user` has in the store at `data` (the binary must have
/// exited: it holds sled's lock while it runs).
pub fn count_logs(data: &Path, user: &str) -> usize {
    let store = Store::open(data).unwrap();
    store
        .logs_since(&UserId::new(user), Timestamp::MIN)
        .unwrap()
        .len()
}

/// A tmpfs mounted for one test, unmounted when dropped.
pub struct Tmpfs(pub PathBuf);

impl Tmpfs {
    pub fn mount(at: &Path, size: &str) -> Option<Tmpfs> {
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
pub fn fill(file: &Path) {
    let mut f = std::fs::File::create(file).unwrap();
    let block = vec![0u8; 64 * 1024];
    while f.write_all(&block).is_ok() {}
    let _ = f.sync_all();
}

/// Runs the binary with `args` to its end: (success, stdout, stderr).
pub fn cooldown(args: &[&str], data: &Path) -> (bool, String, String) {
    let out = Command::new(BIN)
        .args(args)
        .env("COOLDOWN_DATA", data)
        .env("COOLDOWN_RESPONSES", RESPONSES)
        .env_remove("DISCORD_TOKEN")
        .env_remove("DISCORD_TOKEN_FILE")
        .env_remove("RUST_LOG")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A copy of the files of `data` into `dir/name`.
pub fn copy_of(data: &Path, dir: &Path, name: &str) -> PathBuf {
    let to = dir.join(name);
    std::fs::create_dir_all(&to).unwrap();
    for entry in std::fs::read_dir(data).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
    to
}

/// Every file under `dir`, with its bytes.
pub fn files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut all = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            all.extend(files(&path));
        } else if let Ok(bytes) = std::fs::read(&path) {
            all.push((path, bytes));
        }
    }
    all
}

/// The files under `dir` that hold `needle`.
pub fn holding(dir: &Path, needle: &str) -> Vec<PathBuf> {
    files(dir)
        .into_iter()
        .filter(|(_, b)| b.windows(needle.len()).any(|w| w == needle.as_bytes()))
        .map(|(p, _)| p)
        .collect()
}
