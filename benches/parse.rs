//! Parse throughput over the whole corpus (`tests/corpus/parse/*.jsonl`):
//! `cargo bench --bench parse` reports messages per second for the matcher
//! as it runs (prefilter on) beside, in the same run, the same matcher with
//! its prefilter off (every regex runs: the matcher before the prefilter)
//! and a floor (lower-casing plus one regex scan); the same for one
//! 4,000-character message.

use std::path::Path;

use cooldown::intent::{Matcher, ParseOptions};
use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};

fn corpus() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/parse");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("corpus directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    files
        .iter()
        .flat_map(|f| {
            let body = std::fs::read_to_string(f).expect("corpus file");
            body.lines()
                .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
                .filter_map(|v| v["text"].as_str().map(str::to_string))
                .collect::<Vec<_>>()
        })
        .collect()
}

fn bench_parse(c: &mut Criterion) {
    let messages = corpus();
    let opts = ParseOptions::default();
    let (on, off) = (Matcher::new(true), Matcher::new(false));
    // Compile every regex before timing.
    for m in &messages {
        black_box(off.parse(m, &opts));
    }
    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Elements(messages.len() as u64));
    for (name, matcher) in [("corpus", on), ("corpus_prefilter_off", off)] {
        group.bench_function(name, |b| {
            b.iter(|| {
                for m in &messages {
                    black_box(matcher.parse(black_box(m), &opts));
                }
            })
        });
    }
    // Baseline in the same run: lower-casing each message and one scan with
    // a single distance regex, the floor any regex matcher pays. The ratio
    // of `corpus` to this says what the full contract costs on top.
    let one = regex::Regex::new(r"(?i)\b\d+(?:\.\d+)?\s*(?:km|k|mi|miles?)\b").expect("regex");
    group.bench_function("baseline_lowercase_one_regex", |b| {
        b.iter(|| {
            for m in &messages {
                let lower = black_box(m).to_lowercase();
                black_box(one.find_iter(&lower).count());
            }
        })
    });
    let long = "long run 32km humid, calves toast, slept 5h. ".repeat(100);
    group.throughput(Throughput::Elements(1));
    for (name, matcher) in [("4000_chars", on), ("4000_chars_prefilter_off", off)] {
        group.bench_function(name, |b| {
            b.iter(|| black_box(matcher.parse(black_box(&long), &opts)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_parse);
criterion_main!(benches);
