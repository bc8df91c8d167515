//! Hostile and faulty input, driven through the binary as an operator or an
//! attacker would (issue 11, items 4 to 8): bytes that are not UTF-8, a
//! Discord API that accepts and never answers, a date at the end of time,
//! one runner sending thousands of messages, and impossible numbers.

use std::path::Path;
use std::process::{Command, Stdio};

use crate::binary::{cooldown, feed, message, replay, BIN};
use serde_json::Value;
/// Item 4: a line that is not UTF-8 neither ends `replay` nor drops the
/// lines after it.
#[test]
fn invalid_utf8_does_not_end_replay() {
    let dir = tempfile::tempdir().unwrap();
    let mut input = Vec::new();
    input.extend_from_slice(br#"{"user": "42", "at": "2026-06-01T08:00:00Z", "text": "ran 5k "#);
    input.extend_from_slice(b"\xff\xfe\"}\n");
    input.extend_from_slice(b"\xc3\x28 not even json\n");
    input.extend_from_slice(message("2026-06-01T09:00:00Z", "stats").as_bytes());
    let (lines, _) = replay(dir.path(), &input);
    assert_eq!(lines.len(), 3, "one line out per line in: {lines:?}");
    assert_eq!(lines[0]["logged"], true, "{:?}", lines[0]);
    assert!(lines[1]["error"].is_string(), "{:?}", lines[1]);
    assert!(
        lines[2]["reply"].as_str().unwrap().contains("5 km"),
        "the later line was handled: {:?}",
        lines[2]
    );
}

/// Item 4: the console reads on past a bad byte too.
#[test]
fn invalid_utf8_does_not_end_the_console() {
    let dir = tempfile::tempdir().unwrap();
    let out = feed(cooldown(dir.path()), b"ran 5k \xff\n\xfe\xfe\nrest day\n");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("5 km"), "{stdout}");
    assert!(
        stdout.contains("Rest day"),
        "the line after the bad one: {stdout}"
    );
}

/// Item 6: a date at the end of jiff's range neither panics nor logs; the
/// replay says why and goes on.
#[test]
fn the_panic_date_is_refused_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let input = [
        message("-009999-01-10T00:00:00Z", "ran 5k"),
        message("9500-01-01T00:00:00Z", "ran 5k"),
        message("2026-06-01T09:00:00Z", "stats"),
    ]
    .concat();
    let (lines, stderr) = replay(dir.path(), input.as_bytes());
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(lines.len(), 3, "{lines:?}");
    for line in &lines[..2] {
        let error = line["error"].as_str().unwrap_or_default();
        assert!(error.contains("outside the years"), "{line:?}");
    }
    assert!(
        lines[2]["reply"]
            .as_str()
            .unwrap()
            .contains("Nothing logged"),
        "{:?}",
        lines[2]
    );
}

/// Item 8: a message line without `text` is refused, not taken for a tick.
#[test]
fn a_message_without_text_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let input = concat!(
        r#"{"user": "42", "at": "2026-06-01T08:00:00Z"}"#,
        "\n",
        r#"{"at": "2026-06-01T08:30:00Z"}"#,
        "\n",
    );
    let (lines, _) = replay(dir.path(), input.as_bytes());
    assert_eq!(lines.len(), 1, "the tick writes nothing: {lines:?}");
    let error = lines[0]["error"].as_str().unwrap_or_default();
    assert!(error.contains("`text`"), "{error}");
}

/// Item 8: ids longer than 255 bytes are refused, never cut to collide.
#[test]
fn long_user_ids_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let long = "9".repeat(300);
    let input = serde_json::json!({"user": long, "at": "2026-06-01T08:00:00Z", "text": "ran 5k"})
        .to_string()
        + "\n";
    let (lines, _) = replay(dir.path(), input.as_bytes());
    let error = lines[0]["error"].as_str().unwrap_or_default();
    assert!(error.contains("255 bytes"), "{lines:?}");
}

/// Item 8: impossible numbers are refused or asked about, never logged
/// without a distance or with the sign dropped; a huge one is not echoed.
#[test]
fn impossible_numbers_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let texts = [
        "ran 1e308k",
        "ran NaNk",
        "0k",
        "ran -5k",
        "slept -3h",
        "ran 0.0000001k",
        "slept 99999999999999h",
        "ran 99999999999999999k",
    ];
    let input: String = texts
        .iter()
        .map(|t| message("2026-06-01T08:00:00Z", t))
        .collect();
    let (lines, _) = replay(dir.path(), input.as_bytes());
    assert_eq!(lines.len(), texts.len());
    for (text, line) in texts.iter().zip(&lines) {
        let reply = line["reply"].as_str().unwrap_or_default();
        assert_eq!(line["logged"], false, "{text}: {reply}");
        assert!(reply.contains("haven't logged"), "{text}: {reply}");
        assert!(!reply.contains("99999"), "{text} echoed: {reply}");
    }
}

/// Item 8: digits of other scripts are read as the distance they say.
#[test]
fn digits_of_other_scripts_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let input: String = ["ran ٥k", "ran ५ km", "ran １０k"]
        .iter()
        .map(|t| message("2026-06-01T08:00:00Z", t))
        .collect();
    let (lines, _) = replay(dir.path(), input.as_bytes());
    let replies: Vec<&str> = lines.iter().map(|l| l["reply"].as_str().unwrap()).collect();
    assert!(replies[0].contains("5 km"), "{replies:?}");
    assert!(replies[1].contains("5 km"), "{replies:?}");
    assert!(replies[2].contains("10 km"), "{replies:?}");
}

/// Item 6, the domain itself: at both ends of time, with history there
/// too, the coach plans without overflowing (checked arithmetic), whatever
/// the engine's door lets through.
#[test]
fn the_coach_survives_the_ends_of_time() {
    use cooldown::catalogue::Catalogue;
    use cooldown::coach::{self, RunnerPicture};
    use cooldown::intent::{parse, ParseOptions};
    use cooldown::store::Profile;
    use jiff::Timestamp;

    let catalogue = Catalogue::builtin().unwrap();
    let profile = Profile::default();
    for now in [Timestamp::MIN, Timestamp::MAX] {
        for text in [
            "ran 20k hot 3 days ago",
            "slept 4h",
            "calves sore",
            "rest day",
        ] {
            let parsed = parse(text, &ParseOptions::default());
            let entry = coach::entry_for(&parsed, now).expect("a log");
            let recent = vec![entry.clone(), entry.clone()];
            let picture = RunnerPicture {
                recent: &recent,
                advice: &[],
                profile: &profile,
                now,
                seed: 7,
            };
            let plan = coach::plan(&parsed, Some(&entry), picture, &catalogue);
            let _ = coach::load::summary(&recent, now);
            assert!(plan.tips.len() <= 8, "{text}");
        }
    }
}

/// Item 5: a Discord API that accepts connections and never answers. The
/// bot logs its first attempt at info, then each timeout and the pause
/// before the next attempt, and SIGTERM still stops it while it waits.
#[test]
fn a_silent_discord_is_retried_in_the_log() {
    use std::io::BufRead;
    use std::sync::mpsc;
    use std::time::{Duration, Instant};

    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    // Accept and hold every connection, answering nothing.
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming().flatten() {
            held.push(stream);
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = cooldown(dir.path());
    cmd.env("DISCORD_TOKEN", "fake.token.value")
        .env("COOLDOWN_DISCORD_API", format!("http://{addr}"))
        .env("COOLDOWN_DISCORD_TIMEOUT", "1")
        .env("RUST_LOG", "info")
        .env("NO_PROXY", "127.0.0.1,localhost")
        .env("no_proxy", "127.0.0.1,localhost");
    let mut child = cmd.spawn().unwrap();
    let (tx, rx) = mpsc::channel();
    let stderr = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stderr)
            .lines()
            .map_while(Result::ok)
        {
            let _ = tx.send(line);
        }
    });
    // A bound on the wait, not on the bot: two retries take about 4 s.
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut log = Vec::new();
    let retries = |log: &[String]| log.iter().filter(|l| l.contains("retrying")).count();
    while retries(&log) < 2 && Instant::now() < deadline {
        if let Ok(line) = rx.recv_timeout(Duration::from_millis(200)) {
            log.push(line);
        }
    }
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let status = child.wait().unwrap();
    while let Ok(line) = rx.recv_timeout(Duration::from_secs(5)) {
        log.push(line);
    }
    let log = log.join("\n");
    println!("{log}");
    assert!(
        log.contains("INFO") && log.contains("asking Discord for its gateway"),
        "the first attempt at info: {log}"
    );
    assert!(
        retries(&log.lines().map(str::to_owned).collect::<Vec<_>>()) >= 2,
        "{log}"
    );
    assert!(
        log.contains("retry_in_s=1") && log.contains("retry_in_s=2"),
        "{log}"
    );
    assert!(log.contains("timed out"), "the cause is named: {log}");
    assert!(status.success(), "SIGTERM stops it while it waits: {log}");
    assert!(
        !log.contains("fake.token.value"),
        "the token is never logged"
    );
}

/// Item 7: one runner sending 10,000 messages in a week. The engine takes
/// at most its daily limit of logs and refuses the rest politely; time and
/// peak memory are printed (`cargo test --test faults_input heavy --
/// --nocapture`), not asserted.
#[test]
fn a_heavy_runner_is_rate_limited() {
    const MESSAGES: usize = 10_000;
    let texts = [
        "ran 10k easy",
        "slept 7h",
        "stats",
        "ran 12k tempo, calves sore",
        "rest day",
        "how much protein?",
    ];
    let start: jiff::Timestamp = "2026-06-01T00:00:00Z".parse().unwrap();
    let step = 7 * 24 * 3600 / MESSAGES as i64;
    let input: String = (0..MESSAGES)
        .map(|i| {
            let at = start + jiff::SignedDuration::from_secs(step * i as i64);
            message(&at.to_string(), texts[i % texts.len()])
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    // Peak memory from `/usr/bin/time` where the machine has it.
    let gnu_time = Path::new("/usr/bin/time").exists();
    let mut cmd = if gnu_time {
        let mut cmd = Command::new("/usr/bin/time");
        cmd.args(["-f", "peak_rss_kb=%M"]).arg(BIN);
        cmd
    } else {
        Command::new(BIN)
    };
    cmd.args(["replay", "--data"])
        .arg(dir.path().join("replay"))
        .env_remove("DISCORD_TOKEN")
        .env_remove("DISCORD_TOKEN_FILE")
        .env_remove("RUST_LOG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let started = std::time::Instant::now();
    let out = feed(cmd, input.as_bytes());
    let took = started.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), MESSAGES);
    let logs = ["log_run", "log_rest", "log_sleep", "report_pain"];
    let logged = lines
        .iter()
        .filter(|l| l["logged"] == true && logs.contains(&l["intent"].as_str().unwrap_or("")))
        .count();
    let refused = lines
        .iter()
        .filter(|l| {
            l["reply"]
                .as_str()
                .is_some_and(|r| r.contains("logs today already"))
        })
        .count();
    let limit = cooldown::engine::MAX_LOGS_PER_DAY;
    assert!(logged <= 8 * limit, "{logged} logs in 8 local days");
    assert!(logged >= 7 * limit, "the limit is generous: {logged}");
    assert!(refused > MESSAGES / 3, "{refused} refused");
    let peak = stderr
        .lines()
        .find_map(|l| l.strip_prefix("peak_rss_kb="))
        .unwrap_or("n/a (no /usr/bin/time)");
    println!(
        "heavy runner: {MESSAGES} messages in a week, {logged} logged, {refused} refused; \
         {:.1} s, peak RSS {peak} kB",
        took.as_secs_f64()
    );
}

/// Item 6 at the engine's door, for every transport: an impossible time is
/// answered and nothing is stored.
#[test]
fn the_engine_refuses_impossible_times() {
    use cooldown::catalogue::Catalogue;
    use cooldown::engine::{Bot, Incoming, Origin};
    use cooldown::store::{Store, UserId};

    let bot = Bot::new(Catalogue::builtin().unwrap(), Store::temporary().unwrap()).unwrap();
    let cases = [
        jiff::Timestamp::MIN,
        jiff::Timestamp::MAX,
        "1969-12-31T23:00:00Z".parse().unwrap(),
    ];
    for at in cases {
        let msg = Incoming {
            user: UserId::new("42"),
            origin: Origin::Dm,
            text: "ran 5k".into(),
            at,
            message_id: None,
        };
        let reply = bot.handle(&msg).expect("a DM is answered");
        assert!(!reply.logged, "{}", reply.text);
        assert!(reply.text.starts_with("Sorry"), "{}", reply.text);
        assert!(bot.store().last_log(&msg.user).unwrap().is_none());
    }
}
