//! The stats chart outside Discord: `replay` reports it (name, size, alt
//! text, never the bytes), the console saves it as a PNG in the temporary
//! directory and prints its path and alt text.

use serde_json::Value;

use crate::binary;

const ALT: &str = "Weekly distance, last 8 weeks (km, from the week of 19 Oct): \
    0, 0, 0, 0, 0, 0, 10, this week (since Monday) 12 km so far; 1 long run; 1 rest day; \
    sleep averaged 7.5 h.";

#[test]
fn replay_reports_the_chart_by_name_size_and_alt_text() {
    // Thursday 10 Dec 2026; last week a 10 km run and a rest day, this
    // week a 12 km run of 95 minutes (long) and two nights.
    let input = [
        r#"{"user":"c1","text":"stats","at":"2026-11-30T08:00:00Z"}"#,
        r#"{"user":"c1","text":"ran 10k","at":"2026-12-01T07:00:00Z"}"#,
        r#"{"user":"c1","text":"rest day","at":"2026-12-02T07:00:00Z"}"#,
        r#"{"user":"c1","text":"ran 12k in 95 min","at":"2026-12-08T07:00:00Z"}"#,
        r#"{"user":"c1","text":"slept 7h","at":"2026-12-09T07:00:00Z"}"#,
        r#"{"user":"c1","text":"slept 8h","at":"2026-12-10T07:00:00Z"}"#,
        r#"{"user":"c1","text":"stats","at":"2026-12-10T08:00:00Z"}"#,
    ]
    .join("\n");
    let out = binary::replay_all(&format!("{input}\n"));
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 7, "{out}");
    assert!(
        lines[0].get("attachments").is_none(),
        "nothing logged, no chart: {}",
        lines[0]
    );
    let last = &lines[6];
    assert_eq!(last["intent"], "stats");
    let files = last["attachments"].as_array().expect("an attachment");
    assert_eq!(files.len(), 1);
    assert_eq!(files[0]["name"], cooldown::chart::FILE_NAME);
    assert!(files[0]["bytes"].as_u64().unwrap() > 1_000, "{}", files[0]);
    assert_eq!(files[0]["alt"], ALT);
    assert!(files[0].get("json").is_none(), "no bytes, no content");
    assert!(!out.contains("PNG"), "never the bytes");
}

#[test]
fn the_console_saves_the_chart_and_prints_its_path_and_alt_text() {
    let dir = tempfile::tempdir().unwrap();
    let cmd = binary::cooldown(dir.path());
    let (out, err, ok) = binary::run(cmd, "ran 12k in 60 min\nstats chart\n");
    assert!(ok, "{err}");
    let saved = out
        .lines()
        .find_map(|l| l.strip_prefix("Saved the file to "))
        .and_then(|l| l.strip_suffix('.'))
        .unwrap_or_else(|| panic!("a path: {out}"));
    let path = std::path::Path::new(saved);
    assert!(
        path.starts_with(dir.path()),
        "in the temporary directory: {saved}"
    );
    assert!(saved.ends_with(".png"), "{saved}");
    let bytes = std::fs::read(path).unwrap();
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let reader = decoder.read_info().expect("a PNG");
    assert_eq!(
        (reader.info().width, reader.info().height),
        (
            cooldown::chart::render::WIDTH,
            cooldown::chart::render::HEIGHT
        )
    );
    assert!(
        out.contains("Weekly distance, last 8 weeks (km")
            && out.contains("this week (since Monday) 12 km"),
        "the alt text is printed: {out}"
    );
}
