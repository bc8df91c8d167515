//! The list of personal replies (`engine::PERSONAL_REPLIES`) against the
//! corpus `tests/corpus/privacy/replies.tsv`: each message, sent in a
//! server channel, gets a private reply exactly when its line says so, of
//! the kind the line names; every kind on the list has an example; and a
//! logged run's public acknowledgement names no sleep or pain.

use cooldown::catalogue::Catalogue;
use cooldown::engine::{classify, Bot, Incoming, Origin, Reply, PERSONAL_REPLIES};
use cooldown::intent::{self, ParseOptions};
use cooldown::store::{Store, UserId};
use jiff::{SignedDuration, Timestamp};

/// Kinds other parts of the engine mark (the safety checks, questions
/// waiting for a yes or no): not reachable from this corpus alone.
const MARKED_ELSEWHERE: &[&str] = &["WarningSign", "PendingConfirmation"];

pub fn corpus() -> Vec<(String, String)> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/corpus/privacy/replies.tsv"
    );
    std::fs::read_to_string(path)
        .expect("corpus")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (kind, text) = l.split_once('\t').expect("KIND<TAB>text");
            (kind.to_owned(), text.to_owned())
        })
        .collect()
}

fn send(bot: &Bot, n: i64, text: &str) -> Reply {
    let start: Timestamp = "2026-06-01T18:00:00Z".parse().unwrap();
    let msg = Incoming {
        user: UserId::new("77"),
        origin: Origin::Guild {
            guild: "5".into(),
            addressed: true,
        },
        text: text.to_owned(),
        at: start + SignedDuration::from_mins(n),
        message_id: Some(format!("m{n}")),
    };
    bot.handle(&msg).expect("addressed")
}

#[test]
fn each_reply_is_private_exactly_when_the_list_says() {
    let catalogue = Catalogue::load(&Catalogue::shipped_dir()).unwrap();
    let bot = Bot::new(catalogue, Store::temporary().unwrap()).unwrap();
    let mut seen = Vec::new();
    for (n, (kind, text)) in corpus().into_iter().enumerate() {
        let reply = send(&bot, n as i64, &text);
        assert_eq!(
            reply.private,
            kind != "public",
            "{text:?}: private = {}, the corpus says {kind}",
            reply.private
        );
        if kind != "public" {
            let profile = bot.store().profile(&UserId::new("77")).unwrap();
            let parsed = intent::parse(&text, &ParseOptions::default());
            let got = classify(&parsed, &reply, &profile, false).map(|k| format!("{k:?}"));
            assert_eq!(got.as_deref(), Some(kind.as_str()), "{text:?}");
            seen.push(kind);
        }
        if let Some(public) = &reply.public_text {
            for secret in [
                "slept", "sleep", "5 h", "calf", "calves", "sore", "pain", "20 km",
            ] {
                assert!(!public.contains(secret), "{text:?}: public text {public:?}");
            }
        }
    }
    for kind in PERSONAL_REPLIES {
        let name = format!("{kind:?}");
        assert!(
            seen.contains(&name) || MARKED_ELSEWHERE.contains(&name.as_str()),
            "no example of {name} in the corpus"
        );
    }
}

#[test]
fn the_same_messages_in_a_dm_read_the_same() {
    // Privacy changes where a reply goes, never what it says.
    let catalogue = Catalogue::load(&Catalogue::shipped_dir()).unwrap();
    let bot = Bot::new(catalogue, Store::temporary().unwrap()).unwrap();
    let reply = send(&bot, 0, "ran 20k hot, slept 5h, calves sore");
    assert!(reply.private);
    assert!(reply.text.contains("20 km"), "{}", reply.text);
    assert!(reply.public_text.is_some());
}

#[test]
fn replay_marks_personal_replies_private_and_leaves_others_alone() {
    use std::io::Write;
    let data = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_cooldown"))
        .args(["replay", "--data"])
        .arg(data.path())
        .env(
            "COOLDOWN_RESPONSES",
            concat!(env!("CARGO_MANIFEST_DIR"), "/responses"),
        )
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let script = [
        r#"{"user": "1", "guild": "7", "mentioned": true, "at": "2026-06-01T18:00:00Z", "text": "stats"}"#,
        r#"{"user": "1", "guild": "7", "mentioned": true, "at": "2026-06-01T18:01:00Z", "text": "help"}"#,
        r#"{"user": "1", "guild": "7", "mentioned": true, "at": "2026-06-01T18:02:00Z", "text": "export my data"}"#,
    ];
    child
        .stdin
        .take()
        .unwrap()
        .write_all(script.join("\n").as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert_eq!(lines[0]["private"], true);
    assert!(lines[1].get("private").is_none(), "help is public");
    assert_eq!(lines[2]["private"], true);
    let file = &lines[2]["attachments"][0];
    assert!(file["name"].as_str().unwrap().ends_with(".json"), "{file}");
    assert!(file["bytes"].as_u64().unwrap() > 10);
}
