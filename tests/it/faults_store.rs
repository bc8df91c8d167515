//! The store under faults, on the real binary: a full disk filled and
//! freed, a damaged data directory, deletion that deletes, and SIGKILL in
//! the middle of a stream of logs.
//!
//! The full-disk test mounts a small tmpfs, so it needs root; without it,
//! it says so on stderr and checks nothing.

use crate::faults_support;

use std::io::{BufRead, Write};
use std::path::Path;

use cooldown::store::{Store, UserId};
use faults_support::*;
use jiff::Timestamp;
use serde_json::Value;

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

/// A data directory with 30 acknowledged runs of one runner.
fn thirty_runs(data: &Path) {
    let mut bot = Replay::start(data);
    for n in 0..30 {
        let r = bot.send("42", &at(n), &format!("ran {}k", n + 1)).unwrap();
        assert_eq!(r["logged"], true, "{r}");
    }
    let (ok, stderr) = bot.finish();
    assert!(ok, "{stderr}");
}

/// What the bot makes of a (possibly damaged) copy of the data directory:
/// `Ok(stats)` when it starts and answers `stats`, `Err(stderr)` when it
/// refuses to start.
fn start_on(data: &Path) -> Result<String, String> {
    let mut bot = Replay::start(data);
    let stats = bot.send("42", &at(100), "stats");
    let (ok, stderr) = bot.finish();
    match stats {
        Some(r) if ok => Ok(r["reply"].as_str().unwrap_or_default().to_owned()),
        _ => Err(stderr),
    }
}

/// A refusal is one line that says to restore the last backup, and
/// `check` fails on the same directory.
fn assert_refused_well(data: &Path, stderr: &str, what: &str) {
    let lines: Vec<_> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{what}: one line: {stderr}");
    assert!(
        lines[0].contains("damaged") && lines[0].contains("cooldown restore"),
        "{what}: {stderr}"
    );
    let data_arg = data.to_str().unwrap();
    let (ok, _, stderr) = cooldown(&["check", "--data", data_arg], data);
    assert!(!ok && stderr.contains("damaged"), "{what}: check: {stderr}");
}

#[test]
fn a_flipped_byte_or_a_cut_file_never_starts_on_part_of_the_history() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    thirty_runs(&data);
    // What sled wrote; it pads its file to a whole segment later (at the
    // next open), and a flip in the padding harms nothing.
    let len = std::fs::metadata(data.join("db")).unwrap().len() as usize;
    let data_arg = data.to_str().unwrap();
    let (ok, out, stderr) = cooldown(&["check", "--data", data_arg], &data);
    assert!(ok, "{stderr}");
    assert!(out.contains(": ok, ") && out.contains("1 runners"), "{out}");

    // A byte flipped at each of twelve places: much of sled's log holds
    // superseded versions, so a flip there harms nothing; what must never
    // happen is a start on part of the history.
    let mut refused = 0;
    for i in 1..=12 {
        let at_byte = len * i / 13;
        let copy = copy_of(&data, dir.path(), &format!("flip{i}"));
        let mut db = std::fs::read(copy.join("db")).unwrap();
        db[at_byte] ^= 0xff;
        std::fs::write(copy.join("db"), db).unwrap();
        match start_on(&copy) {
            Ok(stats) => assert!(
                stats.contains("30 runs"),
                "byte {at_byte}: started on part of the history: {stats}"
            ),
            Err(stderr) => {
                assert_refused_well(&copy, &stderr, &format!("byte {at_byte}"));
                refused += 1;
            }
        }
    }
    assert!(refused > 0, "no flip was noticed: the test proves nothing");

    let cut = copy_of(&data, dir.path(), "cut");
    let db = std::fs::read(cut.join("db")).unwrap();
    std::fs::write(cut.join("db"), &db[..len / 2]).unwrap();
    let stderr = start_on(&cut).expect_err("a cut file is refused");
    assert_refused_well(&cut, &stderr, "a cut file");
    eprintln!("flipped bytes refused: {refused} of 12; the others were harmless");
}

#[test]
fn after_delete_my_data_no_file_holds_anything_of_the_runner() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let id = "918273645546372819";
    let secrets = [
        "achilles",
        "Pacific/Chatham",
        "high_blood_pressure",
        "23700",
        "humid",
    ];
    let mut bot = Replay::start(&data);
    for (n, text) in [
        "set tz Pacific/Chatham",
        "I'm 67 and I have high blood pressure",
        "ran 23.7k humid, achilles sore",
        "remind me to go to bed at 22:30",
        "slept 6h",
    ]
    .iter()
    .enumerate()
    {
        let r = bot.send(id, &at(n as i64), text).unwrap();
        assert!(r["reply"].is_string(), "{r}");
    }
    let (ok, stderr) = bot.finish();
    assert!(ok, "{stderr}");
    // Before the delete: the id is in the keyring only, the facts nowhere
    // in the clear (sealed).
    let keyring = data.join(cooldown::store::KEYRING_NAME);
    assert_eq!(holding(&data, id), [keyring]);
    for s in secrets {
        assert!(
            holding(&data, s).is_empty(),
            "{s} in the clear before the delete"
        );
    }
    let export = Store::open(&data)
        .unwrap()
        .export(&UserId::new(id))
        .unwrap();
    assert_eq!(export.logs.len(), 2, "{export:?}");
    assert_eq!(export.profile.time_zone.as_deref(), Some("Pacific/Chatham"));
    drop(export);

    // sled's lock of the store just dropped may linger a moment in this
    // process; the binary retries nothing, so wait for it here.
    let mut bot = crate::retry::until("a replay that found the store unlocked", || {
        let mut bot = Replay::start(&data);
        match bot.send(id, &at(10), "delete my data") {
            Some(r) => {
                assert!(r["reply"].is_string(), "{r}");
                Some(bot)
            }
            None => {
                let _ = bot.finish();
                None
            }
        }
    });
    let done = bot.send(id, &at(11), "yes, delete").unwrap();
    assert!(
        done["reply"].as_str().unwrap().contains("deleted"),
        "{done}"
    );
    let (ok, stderr) = bot.finish();
    assert!(ok, "{stderr}");

    for s in secrets.iter().chain([&id]) {
        assert!(holding(&data, s).is_empty(), "{s} found after the delete");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&data), 0o700);
        for (path, _) in files(&data) {
            assert_eq!(mode(&path), 0o600, "{}", path.display());
        }
    }
}

#[test]
fn sigkill_mid_stream_never_loses_an_acknowledged_log() {
    const TRIALS: usize = 50;
    const LINES: usize = 12;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut acked = Vec::new();
    for trial in 0..TRIALS {
        let user = format!("t{trial}");
        let mut bot = Replay::start(&data);
        // The whole stream is written at once, so the kill lands while
        // the bot is between lines or inside one.
        let stdin = bot.stdin.as_mut().unwrap();
        for n in 0..LINES {
            let line = serde_json::json!({
                "user": user, "at": at((trial * LINES + n) as i64), "text": format!("ran {}k", n + 1)
            });
            writeln!(stdin, "{line}").unwrap();
        }
        stdin.flush().unwrap();
        let kill_after = 1 + (trial * 7) % (LINES - 2);
        let mut got = 0;
        while got < kill_after {
            let mut out = String::new();
            assert!(
                bot.stdout.read_line(&mut out).unwrap() > 0,
                "trial {trial}: the bot ended early (refused its store?)"
            );
            let r: Value = serde_json::from_str(&out).unwrap();
            assert_eq!(r["logged"], true, "trial {trial}: {r}");
            got += 1;
        }
        bot.child.kill().unwrap(); // SIGKILL
        bot.child.wait().unwrap();
        acked.push((user, got));
    }
    let store = Store::open(&data).unwrap();
    for (user, got) in acked {
        let logs = store
            .logs_since(&UserId::new(&user), Timestamp::MIN)
            .unwrap();
        let km: Vec<f64> = logs
            .iter()
            .filter_map(|(_, e)| e.run.as_ref()?.distance_m)
            .collect();
        for n in 1..=got {
            assert!(
                km.contains(&(n as f64 * 1000.0)),
                "{user}: acknowledged run {n} km lost: {km:?}"
            );
        }
    }
}
