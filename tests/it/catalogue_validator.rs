//! The catalogue validator refuses a broken `responses/` directory with the
//! file, the line and the reason; `cooldown check-responses` says so in one
//! line, and says "ok" with counts for a good one.

use std::path::{Path, PathBuf};
use std::process::Command;

use cooldown::catalogue::{Catalogue, MESSAGES};
use cooldown::intent::Topic;

fn shipped() -> PathBuf {
    Catalogue::shipped_dir()
}

/// A copy of the shipped catalogue in a temp dir, with `file` edited.
fn broken(file: &str, edit: impl FnOnce(&str) -> String) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    for f in std::fs::read_dir(shipped()).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, dir.path().join(f.file_name().unwrap())).unwrap();
    }
    let path = dir.path().join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let edited = edit(&text);
    assert_ne!(edited, text, "the edit changed nothing");
    std::fs::write(&path, edited).unwrap();
    (dir, path)
}

/// 1-based line of the first line of `path` that contains `needle`.
fn line_of(path: &Path, needle: &str) -> usize {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle:?} not in {}", path.display()))
        + 1
}

#[track_caller]
fn refused(dir: &Path, file: &Path, line: usize, reason: &str) {
    let err = Catalogue::load(dir).expect_err("the broken catalogue must be refused");
    assert_eq!(err.file, file, "{err}");
    assert_eq!(err.line, line, "{err}");
    assert!(err.reason.contains(reason), "{err}");
    let shown = err.to_string();
    let name = file.file_name().unwrap().to_string_lossy();
    assert!(shown.contains(&format!("{name}:{line}:")), "{shown}");
}

#[test]
fn the_shipped_catalogue_is_complete_and_rich() {
    let cat = Catalogue::load(&shipped()).expect("shipped catalogue loads");
    for topic in Topic::ALL {
        let tip = cat.tip(topic);
        assert_eq!(tip.id, topic);
        assert!(tip.phrasings.len() >= 3, "{topic:?} has few phrasings");
        assert!(!tip.when.is_empty(), "{topic:?} has no signals");
        // The seed article dates every study it cites except the nutrition
        // review ("a January review"); rest rests on a therapist's advice.
        let dated = !matches!(topic, Topic::Nutrition | Topic::Rest);
        assert!(
            !dated || tip.source.chars().any(|c| c.is_ascii_digit()),
            "{topic:?}'s source names no year: {}",
            tip.source
        );
    }
    let cold = cat.tip(Topic::Cold).caveats.join(" ");
    for risk in ["heart disease", "high blood pressure", "diabetes"] {
        assert!(cold.contains(risk), "cold caveat misses {risk}: {cold}");
    }
    for topic in [Topic::Stretching, Topic::Massage] {
        let caveats = cat.tip(topic).caveats.join(" ");
        assert!(
            caveats.contains("physical therapist"),
            "{topic:?}: {caveats}"
        );
    }
    for spec in MESSAGES {
        assert!(!cat.phrasings(spec.key).is_empty(), "{}", spec.key);
    }
}

#[test]
fn an_unknown_key_is_refused_with_its_line() {
    let (dir, file) = broken("tips.toml", |t| {
        t.replacen(
            "title = \"Refuel\"",
            "title = \"Refuel\"\ncolour = \"red\"",
            1,
        )
    });
    refused(dir.path(), &file, line_of(&file, "colour"), "colour");
}

#[test]
fn an_unknown_message_key_is_refused_with_its_line() {
    let (dir, file) = broken("messages.toml", |t| {
        t.replacen(
            "[messages.undo]\n",
            "[messages.undo]\nredo = [\"Redone.\"]\n",
            1,
        )
    });
    refused(
        dir.path(),
        &file,
        line_of(&file, "redo ="),
        "unknown message `undo.redo`",
    );
}

#[test]
fn an_unknown_condition_is_refused_with_its_line() {
    let (dir, file) = broken("tips.toml", |t| {
        t.replacen(
            "when = { sore = 3.0",
            "when = { drenched = 1.0, sore = 3.0",
            1,
        )
    });
    refused(
        dir.path(),
        &file,
        line_of(&file, "drenched"),
        "unknown condition `drenched`",
    );
}

#[test]
fn a_tip_without_phrasings_is_refused_with_its_line() {
    let (dir, file) = broken("tips.toml", |t| {
        let start = t.find("id = \"sleep\"").unwrap();
        let open = start + t[start..].find("phrasings = [").unwrap();
        let close = open + t[open..].find("\n]\n").unwrap() + 3;
        format!("{}phrasings = []\n{}", &t[..open], &t[close..])
    });
    refused(
        dir.path(),
        &file,
        line_of(&file, "phrasings = []"),
        "tip `sleep` needs at least one phrasing",
    );
}

#[test]
fn a_message_with_only_blank_phrasings_is_refused() {
    let (dir, file) = broken("messages.toml", |t| {
        t.replacen(
            "nothing = [\"There's nothing to undo yet.\"]",
            "nothing = [\"  \"]",
            1,
        )
    });
    refused(
        dir.path(),
        &file,
        line_of(&file, "nothing = [\"  \"]"),
        "needs at least one phrasing",
    );
}

#[test]
fn a_missing_message_is_refused_naming_it() {
    let (dir, _) = broken("messages.toml", |t| {
        t.replacen("nothing = [\"There's nothing to undo yet.\"]\n", "", 1)
    });
    let err = Catalogue::load(dir.path()).unwrap_err();
    assert!(err.reason.contains("`undo.nothing`"), "{err}");
}

#[test]
fn a_bad_template_variable_is_refused_with_its_line_and_the_allowed_ones() {
    let (dir, file) = broken("messages.toml", |t| {
        t.replacen("Removed your last log ({what}).", "Removed {whta}.", 1)
    });
    refused(
        dir.path(),
        &file,
        line_of(&file, "{whta}"),
        "`{whta}` (it may use: {what})",
    );
}

#[test]
fn a_placeholder_in_a_tip_is_refused() {
    let (dir, file) = broken("tips.toml", |t| {
        t.replacen(
            "Walk for a few minutes now",
            "Walk for a few minutes now, {name},",
            1,
        )
    });
    refused(
        dir.path(),
        &file,
        line_of(&file, "{name}"),
        "it may use: none",
    );
}

#[test]
fn cold_therapy_without_its_caveat_is_refused() {
    let (dir, file) = broken("tips.toml", |t| {
        let start = t.find("id = \"cold\"").unwrap();
        let open = start + t[start..].find("caveats = [").unwrap();
        let close = open + t[open..].find("\n]\n").unwrap() + 3;
        format!("{}caveats = []\n{}", &t[..open], &t[close..])
    });
    refused(dir.path(), &file, line_of(&file, "id = \"cold\""), "caveat");
}

fn check_responses(dir: &Path) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_cooldown"))
        .arg("check-responses")
        .arg(dir)
        .env_remove("COOLDOWN_RESPONSES")
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn check_responses_says_ok_with_counts() {
    let (ok, out, err) = check_responses(&shipped());
    assert!(ok, "{err}");
    assert!(out.contains("ok"), "{out}");
    assert!(out.contains("8 tips"), "{out}");
    assert!(
        out.contains(&format!("{} messages", MESSAGES.len())),
        "{out}"
    );
}

#[test]
fn check_responses_names_file_line_and_reason_and_fails() {
    let (dir, file) = broken("messages.toml", |t| {
        t.replacen("Removed your last log ({what}).", "Removed {whta}.", 1)
    });
    let (ok, out, err) = check_responses(dir.path());
    assert!(!ok, "{out}");
    let line = line_of(&file, "{whta}");
    assert!(err.contains(&format!("messages.toml:{line}:")), "{err}");
    assert!(err.contains("whta"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "one clear line: {err}");
}
