//! The binary as a user and the outside checks drive it: `parse`, `replay`
//! and the console through a pipe.

use std::process::{Command, Stdio};

use serde_json::Value;

use crate::binary;

const BIN: &str = env!("CARGO_BIN_EXE_cooldown");
const RESPONSES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/responses");

/// Runs the binary with `args`, feeding `input`, in the scratch working
/// directory `data` (its data in `data/data`), on the built-in catalogue.
fn run(args: &[&str], input: &str, data: &std::path::Path) -> (String, String, bool) {
    let mut cmd = binary::cooldown(data);
    cmd.args(args);
    binary::run(cmd, input)
}

fn json_lines(out: &str) -> Vec<Value> {
    out.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn replay_answers_each_line_and_remembers_across_runs() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("replay-data");
    let data_arg = data.to_str().unwrap();
    let script = concat!(
        r#"{"user": "42", "at": "2026-06-01T18:05:00Z", "text": "ran 20k hot"}"#,
        "\n",
        "this is not json\n",
        r#"{"at": "2026-06-02T08:00:00Z"}"#,
        "\n",
        r#"{"user": "42", "at": "2026-06-02T08:01:00Z", "text": "ran 5k", "guild": "7"}"#,
        "\n",
        r#"{"user": "42", "at": "2026-06-02T08:02:00Z", "text": "ran 5k", "guild": "7", "mentioned": true}"#,
        "\n",
    );
    let (out, err, ok) = run(&["replay", "--data", data_arg], script, dir.path());
    assert!(ok, "{err}");
    let lines = json_lines(&out);
    assert_eq!(
        lines.len(),
        4,
        "one line per message or bad line, none for the tick: {out}"
    );
    assert_eq!(lines[0]["intent"], "log_run");
    assert_eq!(lines[0]["logged"], true);
    assert!(lines[0]["reply"].as_str().unwrap().contains("20 km"));
    assert!(lines[0]["tips"]
        .as_array()
        .unwrap()
        .contains(&"hydration".into()));
    assert!(lines[1]["error"].is_string());
    assert!(
        lines[2]["reply"].is_null(),
        "unmentioned server message: {}",
        lines[2]
    );
    assert_eq!(lines[2]["logged"], false);
    assert_eq!(lines[3]["logged"], true);

    let (out, err, ok) = run(
        &["replay", "--data", data_arg],
        r#"{"user": "42", "at": "2026-06-03T08:00:00Z", "text": "stats"}"#,
        dir.path(),
    );
    assert!(ok, "{err}");
    let stats = json_lines(&out)[0]["reply"].as_str().unwrap().to_owned();
    assert!(
        stats.contains("2 runs") && stats.contains("25 km"),
        "{stats}"
    );
}

#[test]
fn parse_writes_one_complete_object_per_line() {
    let dir = tempfile::tempdir().unwrap();
    let input = format!("ran 20k hot\n\n🏃🏃🏃\n{}\nslept 5h\n", "x".repeat(5_000));
    let (out, err, ok) = run(&["parse"], &input, dir.path());
    assert!(ok, "{err}");
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 5);
    let fields = crate::parse_cli::FIELDS;
    for line in &lines {
        let obj = line.as_object().unwrap();
        assert_eq!(obj.len(), fields.len(), "{line}");
        for f in fields {
            assert!(obj.contains_key(f), "{f} missing in {line}");
        }
    }
    assert_eq!(lines[0]["intent"], "log_run");
    assert_eq!(lines[0]["distance_m"], 20000.0);
    assert_eq!(lines[0]["conditions"], serde_json::json!(["hot"]));
    assert_eq!(lines[1]["intent"], "unknown");
    assert_eq!(lines[4]["sleep_hours"], 5.0);
}

#[test]
fn console_chats_through_a_pipe_and_keeps_the_log() {
    let dir = tempfile::tempdir().unwrap();
    let (out, err, ok) = run(&[], "ran 20k hot\nstats\n", dir.path());
    assert!(ok, "{err}");
    assert!(
        out.contains("DISCORD_TOKEN"),
        "the banner says how to connect Discord: {out}"
    );
    assert!(out.contains("20 km"), "{out}");
    assert!(out.contains("Hydrate"), "{out}");
    assert!(out.contains("1 run"), "stats after the run: {out}");
    assert!(!out.contains("> "), "no prompt when piped: {out}");
    assert!(
        dir.path().join("data").is_dir(),
        "the console uses COOLDOWN_DATA"
    );
    let (out, _, _) = run(&[], "stats\n", dir.path());
    assert!(out.contains("20 km"), "the run survived a restart: {out}");
}

#[test]
fn the_console_says_how_to_get_the_tips_it_held_back() {
    let dir = tempfile::tempdir().unwrap();
    let input = "long run 32km, humid, calves sore\nmore tips\n";
    let (out, err, ok) = run(&[], input, dir.path());
    assert!(ok, "{err}");
    assert!(out.contains("Say \"more tips\""), "{out}");
    assert!(out.contains("More for your recovery"), "{out}");
}

#[test]
fn a_broken_catalogue_stops_the_bot_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let responses = dir.path().join("responses");
    std::fs::create_dir(&responses).unwrap();
    for f in std::fs::read_dir(RESPONSES).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, responses.join(f.file_name().unwrap())).unwrap();
    }
    let tips = responses.join("tips.toml");
    let text = std::fs::read_to_string(&tips).unwrap();
    let line = text.lines().position(|l| l.starts_with("when")).unwrap() + 1;
    std::fs::write(
        &tips,
        text.replacen("when = { ", "when = { sweaty = 1.0, ", 1),
    )
    .unwrap();
    let out = Command::new(BIN)
        .current_dir(dir.path())
        .env("COOLDOWN_RESPONSES", &responses)
        .env("COOLDOWN_DATA", dir.path().join("data"))
        .env_remove("DISCORD_TOKEN")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("tips.toml:{line}:")), "{err}");
    assert!(err.contains("sweaty"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "one clear line: {err}");
}

/// The binary carries its catalogue: from an empty directory, with no
/// `COOLDOWN_RESPONSES`, it answers, and `responses export` writes files
/// that check clean and serve as an override.
#[test]
fn runs_anywhere_with_the_built_in_catalogue() {
    let dir = tempfile::tempdir().unwrap();
    let bare = |args: &[&str], input: &str| run(args, input, dir.path());
    assert!(!dir.path().join("responses").exists());
    let (out, err, ok) = bare(&[], "ran 10k easy\n");
    assert!(ok, "{err}");
    assert!(out.contains("10"), "a real reply to the run: {out}");
    let (out, err, ok) = bare(&["check-responses"], "");
    assert!(ok && out.starts_with("built-in: ok"), "{out}{err}");

    let (out, err, ok) = bare(&["responses", "export", "mine"], "");
    assert!(ok, "{err}");
    assert!(out.lines().count() >= 5, "{out}");
    let exported = dir.path().join("mine");
    for entry in std::fs::read_dir(RESPONSES).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        if name.to_string_lossy().ends_with(".toml") {
            assert_eq!(
                std::fs::read(entry.path()).unwrap(),
                std::fs::read(exported.join(&name)).unwrap(),
                "{name:?} exported as shipped"
            );
        }
    }
    let (out, err, ok) = bare(&["check-responses", "mine"], "");
    assert!(ok && out.starts_with("mine: ok"), "{out}{err}");
    // A second export does not overwrite what a club edited.
    let (_, err, ok) = bare(&["responses", "export", "mine"], "");
    assert!(!ok && err.contains("exists"), "{err}");
}

#[test]
fn version_names_the_revision_and_config_hides_the_token() {
    let out = Command::new(BIN).arg("--version").output().unwrap();
    let version = String::from_utf8(out.stdout).unwrap();
    assert!(
        version.starts_with(concat!("cooldown ", env!("CARGO_PKG_VERSION"), " (")),
        "{version}"
    );
    assert!(
        !version.contains("()"),
        "a revision or 'unknown': {version}"
    );

    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(BIN)
        .arg("config")
        .current_dir(dir.path())
        .env("DISCORD_TOKEN", "abc.def.topsecret")
        .env("COOLDOWN_HTTP_ADDR", "127.0.0.1:9464")
        .env("COOLDOWN_LOG_FORMAT", "json")
        .env_remove("COOLDOWN_RESPONSES")
        .env_remove("COOLDOWN_DATA")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success(), "{text}");
    assert!(!text.contains("topsecret"), "{text}");
    for line in [
        "DISCORD_TOKEN = <set, hidden>  (environment)",
        "COOLDOWN_DATA = ./data  (default)",
        "COOLDOWN_RESPONSES = <built-in>  (default)",
        "COOLDOWN_HTTP_ADDR = 127.0.0.1:9464  (environment)",
        "COOLDOWN_LOG_FORMAT = json  (environment)",
    ] {
        assert!(text.lines().any(|l| l == line), "{line} in:\n{text}");
    }
}

#[test]
fn the_console_has_a_club_of_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let input = "club show\nclub join\nran 10k\nclub show\nclub board\nclub leave\nclub show\n";
    let (out, err, ok) = run(&[], input, dir.path());
    assert!(ok, "{err}");
    assert!(out.contains("You've joined"), "{out}");
    assert_eq!(
        out.matches("1 runner logged 1 run for 10 km").count(),
        1,
        "counted once joined, not after leaving: {out}"
    );
    assert!(out.contains("You've left"), "{out}");
    assert!(
        out.contains("Most distance: you 10 km"),
        "the board calls the console's runner 'you': {out}"
    );
}
