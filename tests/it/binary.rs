//! The `cooldown` binary run as a user, an operator or an attacker would:
//! no token, no log filter and no catalogue override from the caller's
//! shell, a scratch working (and temporary) directory. Shared by the CLI and fault tests.
#![allow(dead_code)] // each suite uses its own part

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

pub const BIN: &str = env!("CARGO_BIN_EXE_cooldown");

/// The binary with no token and no log filter from the caller's shell.
pub fn cooldown(dir: &Path) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.current_dir(dir)
        .env("COOLDOWN_DATA", dir.join("data"))
        // The console's charts go to the temporary directory: this one.
        .env("TMPDIR", dir)
        .env_remove("COOLDOWN_RESPONSES")
        .env_remove("DISCORD_TOKEN")
        .env_remove("DISCORD_TOKEN_FILE")
        .env_remove("RUST_LOG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

/// Replays the JSON lines of `input` on a fresh data directory (the
/// public `replay` contract) and returns what it wrote. Panics, with its
/// stderr, if the replay did not end well.
pub fn replay_all(input: &str) -> String {
    let dir = tempfile::tempdir().expect("a scratch directory");
    let mut cmd = cooldown(dir.path());
    cmd.args(["replay", "--data"]).arg(dir.path().join("db"));
    let (out, err, ok) = run(cmd, input);
    assert!(ok, "replay failed: {err}");
    out
}

/// Runs `cmd` with `input` on its stdin: (stdout, stderr, success).
pub fn run(cmd: Command, input: &str) -> (String, String, bool) {
    let out = feed(cmd, input.as_bytes());
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.success(),
    )
}

/// Runs `cmd` with `input` on its stdin, to its end.
pub fn feed(mut cmd: Command, input: &[u8]) -> Output {
    let mut child = cmd.spawn().expect("the binary starts");
    let mut stdin = child.stdin.take().expect("stdin");
    // Written on a thread of its own: a long input would otherwise fill
    // the pipes both ways and hold both processes.
    let input = input.to_vec();
    let writer = std::thread::spawn(move || {
        // A process that exits early closes its stdin; its output tells why.
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().expect("the binary ends");
    let _ = writer.join();
    out
}

pub fn replay(dir: &Path, input: &[u8]) -> (Vec<Value>, String) {
    let mut cmd = cooldown(dir);
    cmd.args(["replay", "--data"]).arg(dir.join("replay"));
    let out = feed(cmd, input);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "replay failed: {stderr}");
    let lines = String::from_utf8(out.stdout)
        .expect("replay writes UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("each output line is JSON"))
        .collect();
    (lines, stderr)
}

pub fn message(at: &str, text: &str) -> String {
    serde_json::json!({"user": "42", "at": at, "text": text}).to_string() + "\n"
}

pub fn run_args(dir: &Path, args: &[&str], envs: &[(&str, &str)]) -> (bool, String, String) {
    let mut cmd = cooldown(dir);
    cmd.args(args);
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let out = feed(cmd, b"");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
