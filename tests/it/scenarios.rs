//! Scenario transcripts through the real `cooldown replay` binary, compared
//! with golden files. See `tests/scenarios/README.md`; regenerate with
//! `UPDATE_GOLDEN=1 cargo test --test it scenarios::` and review the diff.

use std::path::{Path, PathBuf};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios")
}

fn replay(script: &Path) -> String {
    let input = std::fs::read_to_string(script).unwrap();
    crate::binary::replay_all(&input)
}

fn scripts() -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.ends_with(".jsonl") && !name.ends_with(".golden.jsonl")
        })
        .collect();
    found.sort();
    found
}

#[test]
fn scenarios_match_their_golden_transcripts() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let scripts = scripts();
    assert!(scripts.len() >= 4, "scenarios missing: {scripts:?}");
    let mut failures = Vec::new();
    for script in scripts {
        let golden = script.with_extension("golden.jsonl");
        let got = replay(&script);
        let inputs = std::fs::read_to_string(&script).unwrap();
        assert_eq!(
            got.lines().count(),
            inputs.lines().filter(|l| !l.trim().is_empty()).count()
                - inputs
                    .lines()
                    .filter(|l| l.trim().starts_with("{\"at\""))
                    .count(),
            "one output line per message or bad line in {}",
            script.display()
        );
        check_invariants(&script, &got);
        if update {
            std::fs::write(&golden, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&golden).unwrap_or_default();
        if got != want {
            let line = got
                .lines()
                .zip(want.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(got.lines().count().min(want.lines().count()));
            failures.push(format!(
                "{}: first difference at output line {}\n  got:  {}\n  want: {}",
                script.display(),
                line + 1,
                got.lines().nth(line).unwrap_or("<none>"),
                want.lines().nth(line).unwrap_or("<none>"),
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n(if the change is intended: UPDATE_GOLDEN=1 cargo test --test it scenarios::, then review git diff)",
        failures.join("\n")
    );
}

/// What holds for every transcript, whatever the golden file says.
fn check_invariants(script: &Path, out: &str) {
    const TOPICS: [&str; 8] = [
        "cooldown",
        "nutrition",
        "hydration",
        "stretching",
        "massage",
        "rest",
        "sleep",
        "cold",
    ];
    for (n, line) in out.lines().enumerate() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        if v.get("error").is_some() {
            continue;
        }
        let at = format!("{} line {}", script.display(), n + 1);
        let tips: Vec<&str> = v["tips"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap())
            .collect();
        assert!(tips.len() <= 3, "{at}: {tips:?}");
        for (i, t) in tips.iter().enumerate() {
            assert!(TOPICS.contains(t), "{at}: {t}");
            assert!(!tips[..i].contains(t), "{at}: {t} twice");
        }
        if let Some(reply) = v["reply"].as_str() {
            // A medical warning sign: stop and get help, to the runner alone,
            // with no praise and no tip.
            if reply.contains("get medical help") {
                assert!(tips.is_empty(), "{at}: tips with a warning sign");
                assert_eq!(v["private"], true, "{at}: warning not private");
                for praise in ["Nice work", "Well run", "Great", "well done"] {
                    assert!(!reply.contains(praise), "{at}: praise with a warning sign");
                }
                assert!(reply.contains("not a diagnosis"), "{at}");
            }
            if tips.contains(&"cold") {
                assert!(
                    reply.contains("doctor"),
                    "{at}: cold therapy without its caveat"
                );
            }
        }
    }
}
