//! The warning-sign corpus (`tests/corpus/warning_signs.txt`, and
//! `tests/corpus/warning_signs_heldout.jsonl`: a set written blind by someone
//! who never saw the code, folded in after its score was recorded): every real
//! sign must be found (a missed one can cost a runner far more than a
//! sentence) and no ordinary message may raise an alarm. Prints precision
//! and recall over the whole corpus.

use std::path::Path;

use cooldown::intent::warning::{warning_signs, WarningKind};
use cooldown::intent::{parse, HealthCondition, ParseOptions};

struct Case {
    line: usize,
    expected: Vec<WarningKind>,
    diabetic: bool,
    text: String,
}

fn cases() -> Vec<Case> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/warning_signs.txt");
    let text = std::fs::read_to_string(&path).expect("corpus file");
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (kinds, rest) = line.split_once(' ').expect("KINDS MESSAGE");
        let (diabetic, message) = match rest.strip_prefix("@diabetes ") {
            Some(m) => (true, m),
            None => (false, rest),
        };
        let expected = if kinds == "none" {
            Vec::new()
        } else {
            kinds
                .split(',')
                .map(|k| {
                    WarningKind::from_id(k)
                        .unwrap_or_else(|| panic!("line {}: unknown kind {k}", n + 1))
                })
                .collect()
        };
        out.push(Case {
            line: n + 1,
            expected,
            diabetic,
            text: message.to_owned(),
        });
    }
    out.extend(heldout_cases());
    out
}

/// The held-out kinds, named as the catalogue names them.
fn heldout_kind(kind: &str) -> WarningKind {
    let id = match kind {
        "heart_rhythm" => "heartbeat",
        "rhabdo" => "dark_urine",
        "acute_injury" => "pop_snap",
        "hypoglycemia" => "low_blood_sugar",
        other => other,
    };
    WarningKind::from_id(id).unwrap_or_else(|| panic!("unknown held-out kind {kind}"))
}

/// The held-out set: `{"text", "sign", "kind", "before"?}` a line. The
/// `before` lines are read with `parse`, as the engine would read them, so
/// "I have type 1 diabetes" said first makes the runner diabetic.
fn heldout_cases() -> Vec<Case> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/warning_signs_heldout.jsonl");
    let text = std::fs::read_to_string(&path).expect("held-out corpus file");
    let opts = ParseOptions::default();
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let message = v["text"].as_str().expect("text");
        let expected = match (v["sign"].as_bool(), v["kind"].as_str()) {
            (Some(true), Some(kind)) => vec![heldout_kind(kind)],
            (Some(true), None) => panic!("held-out line {}: a sign without a kind", n + 1),
            _ => Vec::new(),
        };
        let diabetic = v["before"].as_array().is_some_and(|before| {
            before.iter().filter_map(|b| b.as_str()).any(|b| {
                parse(b, &opts)
                    .details
                    .profile
                    .conditions
                    .contains(&HealthCondition::Diabetes)
            })
        });
        out.push(Case {
            line: 10_000 + n + 1,
            expected,
            diabetic,
            text: message.to_owned(),
        });
    }
    assert!(out.len() > 300, "held-out corpus not read ({})", out.len());
    out
}

#[test]
fn every_warning_sign_is_found_and_nothing_else_alarms() {
    let cases = cases();
    let positives = cases.iter().filter(|c| !c.expected.is_empty()).count();
    let negatives = cases.len() - positives;
    assert!(positives >= 40, "corpus too small: {positives} positives");
    assert!(
        negatives >= positives,
        "at least as many negatives as positives ({negatives} < {positives})"
    );
    for kind in WarningKind::ALL {
        assert!(
            cases.iter().any(|c| c.expected.contains(&kind)),
            "no case for {}",
            kind.as_str()
        );
    }

    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    let mut failures = Vec::new();
    for case in &cases {
        let found = warning_signs(&case.text, case.diabetic);
        let alarm = !found.is_empty();
        match (case.expected.is_empty(), alarm) {
            (false, true) => tp += 1,
            (false, false) => fn_ += 1,
            (true, true) => fp += 1,
            (true, false) => {}
        }
        let missing: Vec<_> = case
            .expected
            .iter()
            .filter(|k| !found.contains(k))
            .collect();
        if !missing.is_empty() || (case.expected.is_empty() && alarm) {
            failures.push(format!(
                "line {} (10000+: held-out file): {:?}\n  expected {:?}, found {:?}",
                case.line, case.text, case.expected, found
            ));
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    println!(
        "warning signs: {positives} positives, {negatives} negatives; precision {:.3}, recall {:.3} (tp {tp}, fp {fp}, fn {fn_})",
        precision, recall
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(recall, 1.0);
    assert_eq!(fp, 0);
}

/// The parse corpus is ordinary runner talk (1,496 messages): any of them
/// that raises an alarm must be listed as a real sign in the warning corpus,
/// so a new false alarm fails here.
#[test]
fn ordinary_messages_raise_no_alarm() {
    let known: Vec<String> = cases()
        .into_iter()
        .filter(|c| !c.expected.is_empty())
        .map(|c| c.text)
        .collect();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/parse");
    let mut checked = 0;
    let mut alarms = Vec::new();
    for entry in std::fs::read_dir(dir).expect("parse corpus") {
        let path = entry.expect("corpus entry").path();
        let text = std::fs::read_to_string(&path).expect("corpus file");
        for line in text.lines() {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
                continue;
            };
            let Some(message) = v["text"].as_str() else {
                continue;
            };
            checked += 1;
            let found = warning_signs(message, false);
            if !found.is_empty() && !known.iter().any(|k| k == message) {
                alarms.push(format!("{message:?}: {found:?}"));
            }
        }
    }
    println!(
        "parse corpus: {checked} messages, {} unexpected alarms",
        alarms.len()
    );
    assert!(checked > 1000, "parse corpus not found ({checked})");
    assert!(alarms.is_empty(), "false alarms:\n{}", alarms.join("\n"));
}
