//! One-letter typos in the matcher's own words ("mintues", "hamstrigns",
//! "remnd"), corrected word by word before any regex runs, so that the
//! regexes stay exact.
//!
//! - The vocabulary is every word of five letters or more in the patterns of
//!   `vocab.rs` (read from the patterns themselves, so a word added there is
//!   corrected too) and [`EXTRA_WORDS`], the words of the other extractors.
//! - A word of five letters or more that is neither vocabulary nor in
//!   `typo_guard.txt` (English words one letter away from a vocabulary word:
//!   "drain", "shops", "mines") becomes the vocabulary word one insertion,
//!   deletion, substitution or swap of adjacent letters away (optimal string
//!   alignment distance 1, `strsim::osa_distance`). Shorter words stay exact:
//!   "ran" never becomes "rain".
//! - Candidates are found through an index of every vocabulary word with one
//!   letter deleted (both words share a one-deletion form when their distance
//!   is 1), so a word costs a few hash look-ups, not a scan of the vocabulary.
//!
//! Pinned by `tests/corpus/parse/typos.jsonl`.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;

use super::vocab;

/// Shortest word that is corrected, and shortest vocabulary word.
const MIN_LEN: usize = 5;

/// Words the other extractors match (units, days, sleep and duration words)
/// and inflections that `vocab.rs` writes as a stem plus a suffix group.
const EXTRA_WORDS: &[&str] = &[
    "minutes",
    "minute",
    "seconds",
    "second",
    "hours",
    "yesterday",
    "yesterdays",
    "morning",
    "evening",
    "afternoon",
    "tonight",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "weekend",
    "kilometres",
    "kilometers",
    "kilometre",
    "kilometer",
    "skipped",
    "skipping",
    "remind",
    "reminder",
    "reminders",
    "reminding",
    "asleep",
    "awake",
    "midnight",
    "degrees",
    "celsius",
    "fahrenheit",
    "temperature",
    "warmup",
    "quarter",
    "sleep",
    "sleeping",
    "slept",
    "woke",
    "restless",
    "interrupted",
    "tossing",
    "turning",
    "stretching",
    "hydration",
    "niggles",
    "recoveries",
    "averaging",
    "average",
    "progress",
    "compared",
    "compare",
    "logged",
    "totals",
    "weekly",
    "monthly",
    "mileage",
    "distance",
    "distances",
    "duration",
    "efforts",
    "nudges",
    "forget",
    "forgotten",
    "settings",
    "profile",
    "delete",
    "statistics",
    "summary",
    "history",
    "improving",
    "faster",
    "slower",
    "finished",
    "started",
    "planned",
    "tomorrow",
    "tempo",
    "threshold",
    "intervals",
    "recovery",
    "easy",
    "marathon",
    "parkrun",
];

/// Every pattern of `vocab.rs` whose words are worth correcting.
fn vocab_patterns() -> Vec<&'static str> {
    let mut p: Vec<&'static str> = vec![
        vocab::QUESTION_WORDS,
        vocab::QUESTION_WORDS_NO_MARK,
        vocab::NOT_DISTANCE_AFTER,
        vocab::NOT_DISTANCE_BEFORE,
        vocab::GOAL_BEFORE,
        vocab::GOAL_AFTER,
        vocab::NOT_A_RACE_BEFORE,
        vocab::RUN_WORDS,
        vocab::RUN_WORD_EXCEPTIONS,
        vocab::OTHER_PEOPLE,
        vocab::OTHER_SPORTS,
        vocab::PROGRAMMES,
        vocab::INSTEAD_OF_A_RUN,
        vocab::BARE_INSTEAD,
        vocab::CROSS_TRAINING,
        vocab::NOT_A_LOG,
        vocab::CHEER,
        vocab::FUTURE_MARKERS,
        vocab::PAST_MARKERS,
        vocab::NO_RUN,
        vocab::REST_WORDS,
        vocab::REST_EXCEPTIONS,
        vocab::CONDITION_EXCEPTIONS,
        vocab::GENERIC_BODY,
        vocab::IMPLICIT_PAIN,
        vocab::PAIN_EXCEPTIONS,
        vocab::PAIN_WORDS,
        vocab::WEAK_PAIN_WORDS,
        vocab::OK_WORDS,
        vocab::RED_FLAGS,
        vocab::RECOVERY_CUE,
        vocab::STATS,
        vocab::UNDO,
        vocab::HELP,
        vocab::HOW_TO_USE,
    ];
    p.extend(vocab::NUMBER_WORDS.iter().map(|(w, _)| *w));
    p.extend(vocab::NEGATIONS);
    p.extend(vocab::DISTANCE_UNITS.iter().map(|(w, _)| *w));
    p.extend(vocab::NAMED_DISTANCES.iter().map(|(w, _)| *w));
    p.extend(vocab::EFFORTS.iter().map(|(_, w)| *w));
    p.extend(vocab::CONDITIONS.iter().map(|(_, w)| *w));
    p.extend(vocab::BODY_PARTS.iter().map(|(_, w)| *w));
    p.extend(vocab::TOPICS.iter().map(|(_, w)| *w));
    p.extend(vocab::HEALTH.iter().map(|(_, w)| *w));
    p
}

/// English words one letter away from a vocabulary word: never corrected.
const GUARD: &str = include_str!("typo_guard.txt");

struct Vocabulary {
    words: Vec<String>,
    known: HashSet<String>,
    /// Each word and each of its one-letter deletions -> indexes in `words`.
    deletions: HashMap<String, Vec<u32>>,
}

/// The literal words of a regex fragment: escapes (`\s`, `\w`, `\b`) are not
/// letters, and "hours?" gives both "hours" and "hour".
fn literal_words(pattern: &str, into: &mut HashSet<String>) {
    static ESCAPE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\\[a-zA-Z]|\(\?[a-zA-Z]+\)").expect("valid"));
    static WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[a-z]+(\?)?").expect("valid"));
    let cleaned = ESCAPE.replace_all(pattern, " ");
    for m in WORD.captures_iter(&cleaned) {
        let whole = m.get(0).map_or("", |g| g.as_str());
        let word = whole.trim_end_matches('?');
        into.insert(word.to_string());
        if m.get(1).is_some() && word.len() > 1 {
            into.insert(word[..word.len() - 1].to_string());
        }
    }
}

fn deletions(word: &str) -> impl Iterator<Item = String> + '_ {
    (0..word.len()).map(move |i| {
        let mut s = String::with_capacity(word.len());
        s.push_str(&word[..i]);
        s.push_str(&word[i + 1..]);
        s
    })
}

static VOCABULARY: LazyLock<Vocabulary> = LazyLock::new(|| {
    let mut all = HashSet::new();
    for p in vocab_patterns() {
        literal_words(p, &mut all);
    }
    all.extend(EXTRA_WORDS.iter().map(|w| w.to_string()));
    let mut words: Vec<String> = all.into_iter().filter(|w| w.len() >= MIN_LEN).collect();
    words.sort();
    let mut deletion_index: HashMap<String, Vec<u32>> = HashMap::new();
    for (i, w) in words.iter().enumerate() {
        let i = i as u32;
        deletion_index.entry(w.clone()).or_default().push(i);
        for d in deletions(w) {
            deletion_index.entry(d).or_default().push(i);
        }
    }
    let mut known: HashSet<String> = words.iter().cloned().collect();
    known.extend(
        GUARD
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_string),
    );
    Vocabulary {
        words,
        known,
        deletions: deletion_index,
    }
});

/// The vocabulary word one typo away from `word` (lowercase ASCII letters),
/// if `word` is not a word itself.
fn correct_word(word: &str) -> Option<&'static str> {
    let v = &*VOCABULARY;
    if word.len() < MIN_LEN || v.known.contains(word) {
        return None;
    }
    // Of several words one typo away, the likeliest slip wins: two letters
    // swapped, then a letter left out, then one too many, then one wrong
    // ("slpet" is "slept", not "sleet"; "minuts" is "minutes", not "minute").
    let rank = |cand: &str| -> u8 {
        let sorted = |s: &str| {
            let mut b = s.as_bytes().to_vec();
            b.sort_unstable();
            b
        };
        match cand.len().cmp(&word.len()) {
            std::cmp::Ordering::Greater => 1,
            std::cmp::Ordering::Less => 2,
            std::cmp::Ordering::Equal if sorted(cand) == sorted(word) => 0,
            std::cmp::Ordering::Equal => 3,
        }
    };
    let mut best: Option<(u8, u32)> = None;
    let mut consider = |ids: &Vec<u32>| {
        for &id in ids {
            let cand = &v.words[id as usize];
            if strsim::osa_distance(word, cand) == 1 {
                let key = (rank(cand), id);
                if best.map_or(true, |b| key < b) {
                    best = Some(key);
                }
            }
        }
    };
    if let Some(ids) = v.deletions.get(word) {
        consider(ids);
    }
    for d in deletions(word) {
        if let Some(ids) = v.deletions.get(&d) {
            consider(ids);
        }
    }
    best.map(|(_, id)| v.words[id as usize].as_str())
}

/// `text` with every one-letter typo of a vocabulary word corrected ("10
/// kilomters", "10kilomters"). Words touching "/" or "_" (time zone names)
/// or a non-ASCII letter are left alone.
pub(crate) fn correct(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    let mut last = 0;
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
            i += 1;
        }
        if i - start < MIN_LEN {
            continue;
        }
        let touches = |b: Option<&u8>| b.is_some_and(|b| matches!(b, b'/' | b'_') || *b >= 0x80);
        if touches(start.checked_sub(1).and_then(|s| bytes.get(s))) || touches(bytes.get(i)) {
            continue;
        }
        let said = &text[start..i];
        let word = if said.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(said.to_ascii_lowercase())
        } else {
            Cow::Borrowed(said)
        };
        if let Some(fixed) = correct_word(&word) {
            let o = out.get_or_insert_with(|| String::with_capacity(text.len() + 8));
            o.push_str(&text[last..start]);
            o.push_str(fixed);
            last = i;
        }
    }
    match out {
        Some(mut o) => {
            o.push_str(&text[last..]);
            Cow::Owned(o)
        }
        None => Cow::Borrowed(text),
    }
}

#[cfg(test)]
mod tests {
    use super::correct;

    #[test]
    fn one_letter_typos_in_long_words() {
        assert_eq!(correct("52 mintues"), "52 minutes");
        assert_eq!(correct("hamstrigns tight"), "hamstrings tight");
        assert_eq!(correct("remnd me"), "remind me");
        assert_eq!(correct("6 kilometrs"), "6 kilometers");
    }

    #[test]
    fn short_words_and_english_stay() {
        assert_eq!(correct("ran in the rain"), "ran in the rain");
        assert_eq!(correct("the drain, the shops"), "the drain, the shops");
        assert_eq!(correct("Asia/Kolkata"), "Asia/Kolkata");
    }
}
