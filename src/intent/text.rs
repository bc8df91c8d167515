//! Text plumbing shared by every extractor: the message cut and normalised,
//! cut again into pieces (clauses) that are either statements or questions,
//! masking of spans already understood, negation look-behind and numbers
//! written as digits or words.
//!
//! Every derived string keeps the byte offsets of [`Message::lower`], so a
//! match found in one view can be checked or blanked in another.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::prefilter::{Gated, Grams};
use super::vocab;
use super::MAX_INPUT_CHARS;

/// One clause of a message: a byte range of [`Message::lower`].
#[derive(Debug, Clone)]
pub(crate) struct Piece {
    pub range: Range<usize>,
    /// Index of the sentence the piece belongs to.
    pub sentence: usize,
    pub question: bool,
}

/// A message ready for the extractors.
#[derive(Debug)]
pub(crate) struct Message {
    /// Cut and normalised, case kept (time zone names are case-sensitive).
    pub cased: String,
    /// `cased` after shorthand expansion, with the offsets of `lower` (empty
    /// when lowercasing changed a byte length, which only exotic text does).
    pub cased_aligned: String,
    /// Lowercase form every extractor reads.
    pub lower: String,
    /// `lower` with question pieces blanked: facts come only from here.
    pub statements: String,
    /// `lower` with statement pieces blanked.
    pub questions: String,
    pub pieces: Vec<Piece>,
    /// The prefilter's view of `lower`: which regexes may match at all.
    pub grams: Grams,
}

/// Case-sensitive shorthands that would be ambiguous once lowercased
/// ("HM" is a half marathon, "hm" is a hesitation).
static SHORTHAND: LazyLock<Vec<(Regex, &'static str)>> = LazyLock::new(|| {
    vocab::CASED_SHORTHANDS
        .iter()
        .map(|(pat, with)| (Regex::new(pat).expect("valid shorthand regex"), *with))
        .collect()
});

/// Words that open a question when they start a piece.
static QUESTION_START: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(&format!(
        r"(?x)^\s*(?:(?:so|and|but|also|btw|hey|ok|okay|hi|quick\s+question:?|q:)\s*,?\s+)*(?:{})\b",
        vocab::QUESTION_WORDS
    ))
    .expect("valid question regex")
});

/// Openers that make a sentence a question even without a "?".
static QUESTION_START_NO_MARK: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(&format!(
        r"(?x)^\s*(?:(?:so|and|but|also|btw|hey|ok|okay|hi)\s*,?\s+)*(?:{})\b|\b(?:i\s+wonder|wondering|not\s+sure\s+(?:if|whether))\b",
        vocab::QUESTION_WORDS_NO_MARK
    ))
    .expect("valid question regex")
});

impl Message {
    pub fn new(text: &str) -> Message {
        Message::with_prefilter(text, true)
    }

    /// `prefilter` false: every regex runs (the baseline of the bench and
    /// of the equivalence test).
    pub fn with_prefilter(text: &str, prefilter: bool) -> Message {
        let cut = match text.char_indices().nth(MAX_INPUT_CHARS) {
            Some((end, _)) => &text[..end],
            None => text,
        };
        let cased: String = super::normalize::normalize(cut)
            .chars()
            .map(|c| match c {
                '\u{2018}' | '\u{2019}' | '\u{02bc}' | '`' | '\u{00b4}' => '\'',
                '\u{201c}' | '\u{201d}' => '"',
                '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
                '\u{00d7}' => 'x',
                '\u{00a0}' | '\u{2009}' | '\u{202f}' | '\t' | '\r' => ' ',
                '\u{00ba}' => '\u{00b0}',
                c => super::digits::to_ascii(c),
            })
            .collect();
        let cased = match super::typos::correct(&cased) {
            std::borrow::Cow::Owned(fixed) => fixed,
            std::borrow::Cow::Borrowed(_) => cased,
        };
        let cased = match super::unit_far::reorder(&cased) {
            std::borrow::Cow::Owned(moved) => moved,
            std::borrow::Cow::Borrowed(_) => cased,
        };
        let mut expanded = cased.clone();
        for (re, with) in SHORTHAND.iter() {
            expanded = re.replace_all(&expanded, *with).into_owned();
        }
        let lower = expanded.to_lowercase();
        let cased_aligned = if expanded.len() == lower.len() {
            expanded
        } else {
            String::new()
        };
        let grams = if prefilter {
            Grams::new(&lower)
        } else {
            Grams::everything()
        };
        let pieces = split_pieces(&lower, &grams);
        let mut statements = lower.clone();
        let mut questions = lower.clone();
        for p in &pieces {
            let target = if p.question {
                &mut statements
            } else {
                &mut questions
            };
            blank(target, p.range.clone());
        }
        Message {
            cased,
            cased_aligned,
            lower,
            statements,
            questions,
            pieces,
            grams,
        }
    }

    /// The piece holding byte `pos`.
    pub fn piece_at(&self, pos: usize) -> Option<&Piece> {
        self.pieces.iter().find(|p| p.range.contains(&pos))
    }
}

/// Replaces `range` of `s` with spaces, keeping every byte offset.
/// Ranges come from regex matches or ASCII delimiters, so they sit on char
/// boundaries; anything else is left untouched rather than risk a panic.
pub(crate) fn blank(s: &mut String, range: Range<usize>) {
    if range.start <= range.end
        && range.end <= s.len()
        && s.is_char_boundary(range.start)
        && s.is_char_boundary(range.end)
    {
        let spaces = " ".repeat(range.end - range.start);
        s.replace_range(range, &spaces);
    }
}

/// Cuts `lower` into sentences (. ! ? ; newline) and sentences into pieces
/// (commas, " but ", " - "), then marks which pieces are questions.
fn split_pieces(lower: &str, grams: &Grams) -> Vec<Piece> {
    let bytes = lower.as_bytes();
    let mut sentences: Vec<(Range<usize>, bool)> = Vec::new();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let next = bytes.get(i + 1).copied();
        let ends = match b {
            b'!' | b'?' | b';' | b'\n' => true,
            // "i.t. band" and "6 a.m. run" are abbreviations, not sentence ends.
            b'.' => {
                let abbreviation = i >= 2
                    && bytes[i - 1].is_ascii_alphabetic()
                    && (bytes[i - 2] == b'.' || bytes[i - 2] == b' ');
                matches!(next, None | Some(b' ' | b'\n')) && !abbreviation
            }
            _ => false,
        };
        if ends {
            sentences.push((start..i + 1, b == b'?'));
            start = i + 1;
        }
    }
    if start < lower.len() {
        sentences.push((start..lower.len(), false));
    }
    let mut pieces = Vec::new();
    for (si, (range, has_mark)) in sentences.into_iter().enumerate() {
        let parts = split_sentence(lower, range);
        let first_question = parts
            .iter()
            .position(|r| QUESTION_START.is_match(grams, &lower[r.clone()]));
        let whole_unmarked_question =
            !has_mark && QUESTION_START_NO_MARK.is_match(grams, &lower[parts[0].clone()]);
        let n = parts.len();
        for (pi, r) in parts.into_iter().enumerate() {
            let question = if has_mark {
                match first_question {
                    Some(q) => pi >= q,
                    None => pi + 1 == n,
                }
            } else {
                whole_unmarked_question
            };
            pieces.push(Piece {
                range: r,
                sentence: si,
                question,
            });
        }
    }
    pieces
}

static PIECE_SPLIT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?x) , | \s+but\s+ | \s-+\s | \s+(?:&|\+)\s+ ").expect("valid"));

fn split_sentence(lower: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let text = &lower[range.clone()];
    let mut out = Vec::new();
    let mut start = 0;
    for m in PIECE_SPLIT.find_iter(text) {
        // Keep "12,5 km" and "5,000m" whole: a comma between digits is a number.
        let tb = text.as_bytes();
        if m.as_str() == ","
            && m.start() > 0
            && tb[m.start() - 1].is_ascii_digit()
            && tb.get(m.end()).is_some_and(u8::is_ascii_digit)
        {
            continue;
        }
        out.push(range.start + start..range.start + m.start());
        start = m.end();
    }
    out.push(range.start + start..range.end);
    out
}

static WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[\p{L}\p{N}']+").expect("valid"));

/// Whether one of the few words right before `pos` (inside `piece`) negates
/// what follows: "no pain", "wasn't hot", "zero niggles", "pain-free".
pub(crate) fn negated_before(text: &str, piece_start: usize, pos: usize, words: usize) -> bool {
    let start = piece_start.min(pos);
    let Some(before) = text.get(start..pos) else {
        return false;
    };
    let found: Vec<&str> = WORD.find_iter(before).map(|m| m.as_str()).collect();
    found
        .iter()
        .rev()
        .take(words)
        .any(|w| vocab::NEGATIONS.contains(w) || w.ends_with("n't"))
}

/// Reads a number written in digits ("12.5", "12,5", "5,000") or words
/// ("ten", "a"). Returns `None` for anything not finite.
pub(crate) fn number(s: &str) -> Option<f64> {
    let s = s.trim();
    if let Some((_, v)) = vocab::NUMBER_WORDS.iter().find(|(w, _)| *w == s) {
        return Some(*v);
    }
    let cleaned = if s.len() > 4 && s.as_bytes().get(s.len() - 4) == Some(&b',') {
        s.replace(',', "")
    } else {
        s.replace(',', ".")
    };
    cleaned.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// The regex alternation for a number in digits or words.
pub(crate) fn number_pattern() -> String {
    let mut words: Vec<&str> = vocab::NUMBER_WORDS.iter().map(|(w, _)| *w).collect();
    // Longest first, so "twenty" is tried before "two".
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    format!(
        r"\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:[.,]\d+)?|(?:{})",
        words.join("|")
    )
}

/// The word right after byte `pos` (letters only), if any.
pub(crate) fn next_word(text: &str, pos: usize) -> Option<&str> {
    let rest = text.get(pos..)?;
    let m = WORD.find(rest)?;
    // Only if nothing but spaces sits between.
    rest[..m.start()]
        .chars()
        .all(|c| c == ' ')
        .then_some(m.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions_and_statements_split() {
        let m = Message::new("ran 10k today, is that good?");
        assert_eq!(m.pieces.len(), 2);
        assert!(!m.pieces[0].question);
        assert!(m.pieces[1].question);
        assert!(m.statements.contains("ran 10k"));
        assert!(!m.statements.contains("good"));
    }

    #[test]
    fn a_lone_marked_clause_is_a_question() {
        let m = Message::new("lunch at 12:30?");
        assert!(m.pieces.iter().all(|p| p.question));
    }

    #[test]
    fn numbers_in_every_form() {
        assert_eq!(number("12,5"), Some(12.5));
        assert_eq!(number("5,000"), Some(5000.0));
        assert_eq!(number("ten"), Some(10.0));
        assert_eq!(number("1e999"), None);
    }

    #[test]
    fn negation_looks_back_a_few_words() {
        let t = "zero niggles today";
        assert!(negated_before(t, 0, 5, 2));
        assert!(!negated_before("calves sore", 0, 7, 2));
    }
}
