//! The matcher's prefilter changes nothing but speed: every line of every
//! corpus (parse, held-out parse, warning signs, privacy replies) parses to
//! the same [`Parsed`], details included, with the prefilter on and off, in
//! both units and both temperature scales. (Debug builds also check each
//! regex the prefilter skips, in every test; see `src/intent/prefilter.rs`.)

use std::path::Path;

use cooldown::intent::{Matcher, ParseOptions, Unit};

/// Every text of every corpus file: the `text` of JSON lines, else the line.
fn texts() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut files = Vec::new();
    let mut dirs = vec![root];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("corpus directory") {
            let path = entry.expect("corpus entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    let mut out = Vec::new();
    for file in &files {
        let body = std::fs::read_to_string(file).expect("corpus file");
        for (i, line) in body.lines().enumerate() {
            let text = serde_json::from_str::<serde_json::Value>(line)
                .ok()
                .and_then(|v| v["text"].as_str().map(str::to_string))
                .unwrap_or_else(|| line.to_string());
            out.push((format!("{}:{}", file.display(), i + 1), text));
        }
    }
    out
}

#[test]
fn every_corpus_line_parses_the_same_with_the_prefilter_on_and_off() {
    let texts = texts();
    assert!(texts.len() > 2_000, "only {} corpus lines", texts.len());
    let (on, off) = (Matcher::new(true), Matcher::new(false));
    let mut differ = Vec::new();
    for (at, text) in &texts {
        for unit in [Unit::Km, Unit::Mi] {
            let opts = ParseOptions { default_unit: unit };
            for fahrenheit in [false, true] {
                let a = on.parse_for_runner(text, &opts, fahrenheit);
                let b = off.parse_for_runner(text, &opts, fahrenheit);
                if a != b {
                    differ.push(format!("{at}: {text:?}\n  on:  {a:?}\n  off: {b:?}"));
                }
            }
        }
    }
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}
