//! The held-out scenarios (written blind, folded in from the evaluation in
//! tests/heldout/README.md) through the real `cooldown replay` binary: each
//! file in one replay on a fresh store, every `expect` object checked. A
//! line that still fails is listed in `tests/heldout/allowed_failures.txt`
//! with its reason; any other failure fails the test, and so does an
//! allowed line that now passes (so the list only shrinks).

mod checks;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde_json::Value;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/heldout")
}

/// Replays the lines (without their `expect`), returning the output lines.
fn replay(lines: &[Value]) -> Vec<Value> {
    let mut input = String::new();
    for line in lines {
        let mut fed = line.clone();
        if let Some(o) = fed.as_object_mut() {
            o.remove("expect");
        }
        input.push_str(&fed.to_string());
        input.push('\n');
    }
    crate::binary::replay_all(&input)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// One output per input line, as the blind scorer aligns them: a message
/// takes the next `reply`/`error` line, with the reminder lines before it
/// under `_reminders`; a tick takes nothing.
fn align(lines: &[Value], outs: Vec<Value>) -> Vec<Option<Value>> {
    let mut outs = outs.into_iter().peekable();
    lines
        .iter()
        .map(|line| {
            line.get("text")?;
            let mut reminders = Vec::new();
            while let Some(o) =
                outs.next_if(|o| o.get("reply").is_none() && o.get("error").is_none())
            {
                if let Some(r) = o.get("reminder") {
                    reminders.push(r.clone());
                }
            }
            let mut o = outs.next()?;
            o.as_object_mut()?
                .insert("_reminders".into(), Value::Array(reminders));
            Some(o)
        })
        .collect()
}

/// `file:line` → reason, from the allow-list.
fn allowed() -> BTreeMap<String, String> {
    std::fs::read_to_string(dir().join("allowed_failures.txt"))
        .unwrap()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (at, reason) = l.split_once(char::is_whitespace).unwrap_or((l, ""));
            assert!(
                !reason.trim().is_empty(),
                "allowed failure without a reason: {l}"
            );
            (at.to_owned(), reason.trim().to_owned())
        })
        .collect()
}

#[test]
fn heldout_scenarios_meet_their_expectations() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    files.sort();
    assert!(files.len() >= 11, "held-out files missing: {files:?}");
    let allowed = allowed();
    let (mut checked, mut passed) = (0, 0);
    let mut unexpected = Vec::new();
    let mut failing_allowed = BTreeSet::new();
    for file in files {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let lines: Vec<Value> = std::fs::read_to_string(&file)
            .unwrap()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let outs = align(&lines, replay(&lines));
        let mut prev_by_user: BTreeMap<String, Value> = BTreeMap::new();
        for (i, (line, out)) in lines.iter().zip(&outs).enumerate() {
            let user = line.get("user").and_then(Value::as_str).unwrap_or("");
            let expect = line
                .get("expect")
                .filter(|e| e.as_object().is_some_and(|o| !o.is_empty()));
            if let (Some(expect), Some(_)) = (expect, line.get("text")) {
                checked += 1;
                let fails = match out {
                    Some(o) => checks::check(expect, o, prev_by_user.get(user)),
                    None => vec!["no output line".to_owned()],
                };
                let at = format!("{name}:{}", i + 1);
                if fails.is_empty() {
                    passed += 1;
                    if allowed.contains_key(&at) {
                        unexpected.push(format!(
                            "{at} now passes: remove it from allowed_failures.txt"
                        ));
                    }
                } else if allowed.contains_key(&at) {
                    failing_allowed.insert(at);
                } else {
                    let reply = out.as_ref().and_then(|o| o.get("reply")).cloned();
                    unexpected.push(format!(
                        "{at} {:?}: {fails:?}\n    reply: {reply:?}",
                        line["text"]
                    ));
                }
            }
            if let (Some(o), Some(_)) = (out, line.get("text")) {
                prev_by_user.insert(user.to_owned(), o.clone());
            }
        }
    }
    eprintln!(
        "held-out scenarios: {passed}/{checked} lines pass, {} allowed failures",
        failing_allowed.len()
    );
    assert!(checked >= 200, "only {checked} lines checked");
    assert!(unexpected.is_empty(), "{}", unexpected.join("\n"));
}
