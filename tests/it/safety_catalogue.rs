//! The safety sentences in `responses/safety.toml`: every health claim names
//! its source (a catalogue that drops one is refused), every kind of warning
//! sign has its sentence, and the warning words praise nothing.

use std::path::PathBuf;

use cooldown::catalogue::{Catalogue, SAFETY_MESSAGES, SOURCED};
use cooldown::intent::warning::WarningKind;

fn shipped() -> PathBuf {
    Catalogue::shipped_dir()
}

#[test]
fn every_health_claim_names_its_source() {
    let cat = Catalogue::load(&shipped()).expect("shipped catalogue loads");
    for key in SOURCED {
        let source = cat.source(key).unwrap_or_default();
        assert!(source.len() > 10, "{key}: {source:?}");
    }
    for kind in WarningKind::ALL {
        let key = format!("warning.{}", kind.as_str());
        assert!(
            SOURCED.contains(&key.as_str()),
            "{key} is not required to have a source"
        );
        assert!(!cat.phrasings(&key).is_empty(), "{key} has no sentence");
    }
}

#[test]
fn a_dropped_source_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    for f in std::fs::read_dir(shipped()).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, dir.path().join(f.file_name().unwrap())).unwrap();
    }
    let path = dir.path().join("safety.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let edited: String = text
        .lines()
        .filter(|l| !l.starts_with("heat_illness = \"NHS"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_ne!(edited, text);
    std::fs::write(&path, edited).unwrap();
    let err = Catalogue::load(dir.path()).expect_err("a claim without a source");
    assert!(err.reason.contains("warning.heat_illness"), "{err}");
    assert!(err.reason.contains("source"), "{err}");
}

#[test]
fn warning_words_praise_nothing_and_never_diagnose() {
    let cat = Catalogue::load(&shipped()).unwrap();
    for spec in SAFETY_MESSAGES
        .iter()
        .filter(|s| s.key.starts_with("warning.") || s.key.starts_with("pain."))
    {
        for text in cat.phrasings(spec.key) {
            let lower = text.to_lowercase();
            for praise in ["nice work", "well run", "great", "well done", "good job"] {
                assert!(!lower.contains(praise), "{}: {text}", spec.key);
            }
            for diagnosis in ["you have a", "sounds like", "you've got a"] {
                assert!(!lower.contains(diagnosis), "{}: {text}", spec.key);
            }
        }
    }
    let open = cat.phrasings("warning.open").join(" ").to_lowercase();
    assert!(
        open.contains("stop") && open.contains("emergency"),
        "{open}"
    );
    let not_diagnosis = cat.phrasings("warning.not_diagnosis").join(" ");
    assert!(not_diagnosis.contains("not a diagnosis"), "{not_diagnosis}");
}
