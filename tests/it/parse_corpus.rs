//! The data-driven parse corpus: every `tests/corpus/parse/*.jsonl` case, plus
//! the shared contract examples when `../shared` sits beside the checkout.
//! Each line is `{"text": ..., "expect": {field: value, ...}, "tags": [...],
//! "why": "..."}`; an optional `"unit": "mi"` sets the runner's unit. Only the
//! fields in `expect` are checked. Every failure is reported at once.

use std::path::{Path, PathBuf};

use cooldown::intent::{parse, ParseOptions, Unit};
use serde_json::Value;

pub(crate) struct Case {
    pub(crate) file: String,
    pub(crate) line: usize,
    pub(crate) text: String,
    pub(crate) expect: serde_json::Map<String, Value>,
    pub(crate) unit: Unit,
}

pub(crate) fn load(path: &Path) -> Vec<Case> {
    let body = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let file = path
        .file_name()
        .map_or_else(String::new, |f| f.to_string_lossy().into_owned());
    body.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with("//"))
        .map(|(i, l)| {
            let v: Value = serde_json::from_str(l)
                .unwrap_or_else(|e| panic!("{file}:{}: not JSON: {e}", i + 1));
            let text = v["text"]
                .as_str()
                .unwrap_or_else(|| panic!("{file}:{}: no text", i + 1));
            let expect = v["expect"]
                .as_object()
                .unwrap_or_else(|| panic!("{file}:{}: no expect object", i + 1))
                .clone();
            let unit = match v.get("unit").and_then(Value::as_str) {
                Some("mi") => Unit::Mi,
                _ => Unit::Km,
            };
            Case {
                file: file.clone(),
                line: i + 1,
                text: text.to_string(),
                expect,
                unit,
            }
        })
        .collect()
}

pub(crate) fn same(expected: &Value, got: &Value) -> bool {
    match (expected, got) {
        // Numbers compare exactly, as a strict client would: 11500 and
        // 11500.0 are equal, 14484.096 and 14484.096000000001 are not.
        (Value::Number(a), Value::Number(b)) => {
            let (a, b) = (
                a.as_f64().unwrap_or(f64::NAN),
                b.as_f64().unwrap_or(f64::NAN),
            );
            a == b
        }
        _ => expected == got,
    }
}

fn corpus_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("tests/corpus/parse");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    let shared = root.join("../shared/examples/parse_examples.jsonl");
    if shared.is_file() {
        files.push(shared);
    } else {
        eprintln!("note: {} absent, shared examples skipped", shared.display());
    }
    files
}

#[test]
fn corpus_meets_the_contract() {
    let cases: Vec<Case> = corpus_files().iter().flat_map(|p| load(p)).collect();
    let mut failures = Vec::new();
    let mut wrong_cases = 0;
    for case in &cases {
        let parsed = parse(
            &case.text,
            &ParseOptions {
                default_unit: case.unit,
            },
        );
        let got = serde_json::to_value(&parsed).expect("Parsed serialises");
        let mut wrong = false;
        for (field, expected) in &case.expect {
            let actual = got
                .get(field)
                .cloned()
                .unwrap_or(Value::String("<missing>".into()));
            if !same(expected, &actual) {
                wrong = true;
                failures.push(format!(
                    "{}:{}: {:?}\n    {field}: expected {expected}, got {actual}",
                    case.file, case.line, case.text
                ));
            }
        }
        wrong_cases += usize::from(wrong);
    }
    eprintln!("parse corpus: {} cases, {} wrong", cases.len(), wrong_cases);
    assert!(
        failures.is_empty(),
        "{} of {} cases wrong:\n{}",
        wrong_cases,
        cases.len(),
        failures.join("\n")
    );
    assert!(
        cases.len() >= 400,
        "corpus too small: {} cases",
        cases.len()
    );
}

#[test]
fn negatives_are_never_runs() {
    let cases: Vec<Case> = corpus_files().iter().flat_map(|p| load(p)).collect();
    let runs: Vec<&str> = cases
        .iter()
        .filter(|c| {
            c.expect
                .get("intent")
                .and_then(Value::as_str)
                .is_some_and(|i| i != "log_run")
        })
        .filter(|c| {
            parse(
                &c.text,
                &ParseOptions {
                    default_unit: c.unit,
                },
            )
            .intent
                == cooldown::intent::Intent::LogRun
        })
        .map(|c| c.text.as_str())
        .collect();
    assert!(runs.is_empty(), "not runs, logged as runs: {runs:#?}");
}
