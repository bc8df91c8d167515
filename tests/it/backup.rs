//! Backups: taken while the bot runs (through its socket) during a stream
//! of writes, restored into an empty directory, compared record for record;
//! the stored-data format version is checked at open.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use cooldown::store::{Store, StoreError, UserId};

const BIN: &str = env!("CARGO_BIN_EXE_cooldown");

fn cooldown(args: &[&str], data: &Path) -> (String, String, bool) {
    let out = Command::new(BIN)
        .args(args)
        .env("COOLDOWN_DATA", data)
        .env_remove("COOLDOWN_RESPONSES")
        .env_remove("DISCORD_TOKEN")
        .env_remove("DISCORD_TOKEN_FILE")
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.success(),
    )
}

/// The `logs` records of a backup file.
fn log_records(backup: &str) -> usize {
    backup
        .lines()
        .filter(|l| l.starts_with(r#"{"tree":"logs","#))
        .count()
}

#[test]
fn a_backup_taken_while_the_bot_writes_has_every_acknowledged_log() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut bot = Command::new(BIN)
        .current_dir(dir.path())
        .env("COOLDOWN_DATA", &data)
        .env_remove("COOLDOWN_RESPONSES")
        .env_remove("DISCORD_TOKEN")
        .env_remove("DISCORD_TOKEN_FILE")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = bot.stdin.take().unwrap();
    let stdout = bot.stdout.take().unwrap();
    let (lines_tx, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if lines_tx.send(line).is_err() {
                break;
            }
        }
    });
    // Each run is acknowledged ("N km") before the next is sent.
    let mut say = |km: u32| {
        writeln!(stdin, "ran {km}k easy").unwrap();
        let want = format!("{km} km");
        loop {
            let line = lines.recv_timeout(Duration::from_secs(20)).unwrap();
            if line.contains(&want) {
                break;
            }
        }
    };
    for km in 1..=5 {
        say(km);
    }
    let backup = dir.path().join("during.backup");
    // The backup runs while the runner keeps logging.
    let taker = {
        let (data, backup) = (data.clone(), backup.clone());
        std::thread::spawn(move || cooldown(&["backup", backup.to_str().unwrap()], &data))
    };
    for km in 6..=12 {
        say(km);
    }
    let (out, err, ok) = taker.join().unwrap();
    assert!(ok, "backup while running: {err}");
    assert!(out.contains("records"), "{out}");
    drop(stdin);
    assert!(bot.wait().unwrap().success());

    let text = std::fs::read_to_string(&backup).unwrap();
    assert!(
        log_records(&text) >= 5,
        "the five logs acknowledged before the backup: {text}"
    );
    assert!(!dir.path().join("during.partial").exists());

    let restored = dir.path().join("restored");
    let (out, err, ok) = cooldown(
        &[
            "restore",
            backup.to_str().unwrap(),
            "--data",
            restored.to_str().unwrap(),
        ],
        &restored,
    );
    assert!(ok && out.contains("restored"), "{out}{err}");
    // A backup of the restored store is the same file, record for record.
    let again = dir.path().join("again.backup");
    let (_, err, ok) = cooldown(&["backup", again.to_str().unwrap()], &restored);
    assert!(ok, "{err}");
    assert_eq!(std::fs::read_to_string(&again).unwrap(), text);
    // A restore never mixes into an existing store.
    let (_, err, ok) = cooldown(
        &[
            "restore",
            backup.to_str().unwrap(),
            "--data",
            restored.to_str().unwrap(),
        ],
        &restored,
    );
    assert!(!ok && err.contains("not empty"), "{err}");
}

#[test]
fn restore_refuses_a_cut_off_backup_and_a_newer_format() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("a")).unwrap();
    store
        .save_profile(&UserId::new("7"), &Default::default())
        .unwrap();
    let mut backup = Vec::new();
    let summary = store.write_backup(&mut backup).unwrap();
    assert!(summary.records >= 2, "{summary:?}");
    let text = String::from_utf8(backup).unwrap();

    let cut: String = text.lines().take(2).map(|l| format!("{l}\n")).collect();
    let err = Store::restore(&dir.path().join("b"), cut.as_bytes()).unwrap_err();
    assert!(err.to_string().contains("cut off"), "{err}");

    let format = format!("\"format\":{}", cooldown::store::STORE_FORMAT);
    let newer = text.replacen(&format, "\"format\":99", 1);
    let err = Store::restore(&dir.path().join("c"), newer.as_bytes()).unwrap_err();
    assert!(err.to_string().contains("format 99"), "{err}");

    Store::restore(&dir.path().join("d"), text.as_bytes()).unwrap();
    let back = Store::open(&dir.path().join("d")).unwrap();
    let mut again = Vec::new();
    back.write_backup(&mut again).unwrap();
    assert_eq!(String::from_utf8(again).unwrap(), text);
}

#[test]
fn a_store_from_a_newer_version_is_refused_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    drop(Store::open(dir.path()).unwrap());
    cooldown::store::set_format_for_test(dir.path(), 9).unwrap();
    // The lock of the handle just closed may linger a moment (see above).
    let err = crate::retry::until("the store's lock released", || {
        match Store::open(dir.path()).unwrap_err() {
            StoreError::Locked { .. } => None,
            other => Some(other),
        }
    });
    assert!(matches!(err, StoreError::TooNew { found: 9, .. }), "{err}");
    let (err, ok) = crate::retry::until("the binary reading the store", || {
        let (_, err, ok) = cooldown(&["backup", "x"], dir.path());
        (!err.contains("in use by another")).then_some((err, ok))
    });
    assert!(!ok);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("format 9, newer than"), "{err}");
}
