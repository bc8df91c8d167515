//! Small faults of an operator's making (issue 11, item 8), through the
//! binary: a log filter or config file that cannot be read, a token with
//! its "Bot " prefix, a catalogue with a duplicate or a missing entry, and
//! where an export's JSON goes.

use crate::binary::{cooldown, feed, message, replay, run_args};
use serde_json::Value;

/// Item 8: a log filter that cannot be read stops the bot at start.
#[test]
fn a_bad_rust_log_is_refused_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let (ok, _, err) = run_args(dir.path(), &["config"], &[("RUST_LOG", "cooldown=loud")]);
    assert!(!ok, "{err}");
    assert!(err.contains("RUST_LOG"), "{err}");
    let (ok, _, err) = run_args(dir.path(), &["config"], &[("RUST_LOG", "cooldown=debug")]);
    assert!(ok, "{err}");
}

/// Item 8: a token with its "Bot " prefix is accepted; config-file errors
/// name the file, line and key; each cause is printed once.
#[test]
fn config_errors_are_located_and_said_once() {
    let dir = tempfile::tempdir().unwrap();
    let (ok, out, err) = run_args(
        dir.path(),
        &["config"],
        &[("DISCORD_TOKEN", "Bot abc.def.ghi")],
    );
    assert!(ok, "{err}");
    assert!(out.contains("DISCORD_TOKEN = <set, hidden>"), "{out}");
    let file = dir.path().join("cooldown.toml");
    std::fs::write(
        &file,
        "data = \"./d\"\ndev_guild = 12\nhttp_addr = \"nowhere\"\n",
    )
    .unwrap();
    let (ok, _, err) = run_args(dir.path(), &["--config", "cooldown.toml", "config"], &[]);
    assert!(!ok);
    assert!(err.contains("cooldown.toml:3: `http_addr`"), "{err}");
    assert!(!err.contains("COOLDOWN_HTTP_ADDR"), "{err}");
    let (ok, _, err) = run_args(dir.path(), &["--config", "missing.toml", "config"], &[]);
    assert!(!ok);
    let cause = "No such file or directory";
    assert_eq!(err.matches(cause).count(), 1, "said once: {err}");
}

/// Item 8: a duplicate tip and a missing message name a file and line.
#[test]
fn catalogue_mistakes_name_a_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let responses = dir.path().join("responses");
    let (ok, _, err) = run_args(
        dir.path(),
        &["responses", "export", responses.to_str().unwrap()],
        &[],
    );
    assert!(ok, "{err}");
    let tips = responses.join("tips.toml");
    let text = std::fs::read_to_string(&tips).unwrap();
    let first = &text[text.find("[[tip]]").unwrap()..];
    let first = &first[..first[1..].find("[[tip]]").map_or(first.len(), |i| i + 1)];
    std::fs::write(&tips, format!("{text}\n{first}")).unwrap();
    let (ok, _, err) = run_args(dir.path(), &["check-responses", "responses"], &[]);
    assert!(!ok);
    assert!(
        err.contains("tips.toml:") && err.contains("defined twice"),
        "{err}"
    );
    assert!(!err.contains(":0:0"), "{err}");
    std::fs::write(&tips, text).unwrap();

    let messages = responses.join("messages.toml");
    let text = std::fs::read_to_string(&messages).unwrap();
    let without: String = text
        .lines()
        .filter(|l| !l.starts_with("not_saved = "))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&messages, without).unwrap();
    let (ok, _, err) = run_args(dir.path(), &["check-responses", "responses"], &[]);
    assert!(!ok);
    assert!(err.contains("messages.toml:"), "{err}");
    assert!(err.contains("reply.not_saved"), "{err}");
    assert!(!err.contains(":0:0"), "{err}");
}

/// Item 8: an export says where its JSON went: a file in the console, the
/// JSON itself in replay.
#[test]
fn exports_say_where_the_json_went() {
    let dir = tempfile::tempdir().unwrap();
    let out = feed(cooldown(dir.path()), b"ran 5k\nexport my data\n");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let path = dir.path().join("cooldown-console.json");
    assert!(stdout.contains(&path.display().to_string()), "{stdout}");
    let saved: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(saved["logs"].as_array().map(Vec::len), Some(1), "{saved}");

    let input = [
        message("2026-06-01T08:00:00Z", "ran 5k"),
        message("2026-06-01T08:01:00Z", "export my data"),
    ]
    .concat();
    let (lines, _) = replay(dir.path(), input.as_bytes());
    let json = &lines[1]["attachments"][0]["json"];
    assert_eq!(json["logs"].as_array().map(Vec::len), Some(1), "{lines:?}");
}
