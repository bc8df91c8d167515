//! Drives the real `cooldown parse` binary as a process: one JSON line out
//! per line in, in order, every contract field present, whatever the line.

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::Value;

/// Every field of the parse contract, in its order.
pub(crate) const FIELDS: [&str; 10] = [
    "intent",
    "distance_m",
    "duration_s",
    "effort",
    "conditions",
    "days_ago",
    "sleep_hours",
    "body_parts",
    "topic",
    "reminder",
];

fn run_parse(input: &str, args: &[&str]) -> Vec<Value> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cooldown"))
        .arg("parse")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cooldown starts");
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let owned = input.to_string();
    // Write from a thread so a full stdout pipe can never deadlock the test.
    let writer = std::thread::spawn(move || stdin.write_all(owned.as_bytes()));
    let out = child.wait_with_output().expect("cooldown finishes");
    writer
        .join()
        .expect("writer thread")
        .expect("stdin accepts the input");
    assert!(
        out.status.success(),
        "cooldown parse failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("stdout is UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l}: {e}")))
        .collect()
}

#[test]
fn one_complete_line_out_per_line_in() {
    let long = "ran 10k ".repeat(625); // 5,000 characters
    let lines = [
        "ran 20k hot, slept 5h, calves sore",
        "",
        "🏃‍♀️🔥💯",
        long.as_str(),
        "rest day",
        "is 6 hours of sleep enough?",
    ];
    let input = lines.join("\n") + "\n";
    let out = run_parse(&input, &[]);
    assert_eq!(out.len(), lines.len(), "one output line per input line");
    for (line, v) in lines.iter().zip(&out) {
        let obj = v.as_object().expect("each line is an object");
        for f in FIELDS {
            assert!(obj.contains_key(f), "field {f} missing for {line:?}: {v}");
        }
        assert_eq!(obj.len(), FIELDS.len(), "no extra fields: {v}");
    }
    assert_eq!(out[0]["intent"], "log_run");
    assert_eq!(out[0]["distance_m"], 20000.0);
    assert_eq!(out[0]["sleep_hours"], 5.0);
    assert_eq!(out[0]["body_parts"], serde_json::json!(["calf"]));
    assert_eq!(out[1]["intent"], "unknown");
    assert_eq!(out[2]["intent"], "unknown");
    assert_eq!(out[3]["intent"], "log_run");
    assert_eq!(out[4]["intent"], "log_rest");
    assert_eq!(out[5]["intent"], "ask_tips");
    assert_eq!(out[5]["sleep_hours"], Value::Null);
}

#[test]
fn the_unit_flag_sets_bare_numbers() {
    let out = run_parse("easy 7 after work\n", &["--unit", "mi"]);
    let d = out[0]["distance_m"].as_f64().expect("a distance");
    assert!((d - 7.0 * 1609.344).abs() < 1e-6, "got {d}");
}

#[test]
fn crlf_and_invalid_utf8_keep_the_line_count() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cooldown"))
        .arg("parse")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("cooldown starts");
    let mut stdin = child.stdin.take().expect("stdin is piped");
    stdin
        .write_all(b"ran 5k\r\n\xff\xfe bad bytes\nslept 7h\n")
        .expect("write");
    drop(stdin);
    let out = child.wait_with_output().expect("finishes");
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3);
    assert!(lines[0].contains("\"log_run\""));
    assert!(lines[2].contains("\"log_sleep\""));
}
