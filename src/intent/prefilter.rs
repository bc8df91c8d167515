//! The matcher's prefilter: most of its ~170 regexes cannot match a given
//! message, and each call costs more than knowing that it cannot.
//!
//! - [`Grams`] is computed once per message from [`super::text::Message::lower`]:
//!   every byte, pair and triple of bytes in it, hashed into a bit set.
//! - A [`Gated`] regex derives its guard from its own pattern at compile
//!   time: `regex-syntax` lists the literals one of which starts (or ends)
//!   every match (the extraction the regex crate uses for its own
//!   prefilters), of the whole pattern or, when that cannot be listed
//!   (`\d` is every Unicode digit), of one of its parts ("10k" holds "k").
//!   From each literal one window of at most three bytes is kept, and the
//!   regex runs only if the message holds one of them.
//!
//! Why it never skips a match: a match holds one of its literals, so the
//! haystack holds every window of that literal. The windows never contain a
//! space or a comma, and every haystack the matcher reads is `lower` cut,
//! blanked with spaces (offsets kept) or clauses joined with ", ": a window
//! without spaces or commas in such a haystack stands at the same place in
//! `lower`, so `Grams` of `lower` holds it. A pattern whose literals cannot
//! be listed (too many, or one that may be empty or all spaces) always runs.
//! Nothing is written by hand: a phrasing added to a pattern changes its
//! guard with it. Debug builds (every test) check each skip by running the
//! regex anyway, and `Grams::everything` switches the prefilter off (the
//! bench's baseline and the equivalence test over every corpus line).

use regex::{CaptureMatches, Captures, Match, Matches, Regex};
use regex_syntax::hir::literal::{ExtractKind, Extractor, Seq};
use regex_syntax::hir::{Hir, HirKind};

/// Bits in a [`Grams`] set: large enough that a typical message (a few
/// hundred grams) leaves it almost empty, small enough to stay in L1.
const BITS: usize = 1 << 14;

/// Every 1-, 2- and 3-byte window of a message, hashed into a bit set.
#[derive(Clone)]
pub(crate) struct Grams {
    bits: Box<[u64]>,
    /// Switched off: every regex may match.
    everything: bool,
}

impl Grams {
    /// The windows of `lower` (the message's lowercase form).
    pub fn new(lower: &str) -> Grams {
        let mut bits = vec![0u64; BITS / 64].into_boxed_slice();
        let b = lower.as_bytes();
        for i in 0..b.len() {
            for len in 1..=3 {
                if let Some(w) = b.get(i..i + len) {
                    let h = hash(w);
                    bits[h / 64] |= 1 << (h % 64);
                }
            }
        }
        Grams {
            bits,
            everything: false,
        }
    }

    /// No prefilter: every regex runs (the baseline it is measured against).
    pub fn everything() -> Grams {
        Grams {
            bits: Box::new([]),
            everything: true,
        }
    }

    fn has(&self, bit: u16) -> bool {
        let bit = usize::from(bit);
        self.everything || self.bits[bit / 64] & (1 << (bit % 64)) != 0
    }
}

impl std::fmt::Debug for Grams {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let set: u32 = self.bits.iter().map(|w| w.count_ones()).sum();
        f.debug_struct("Grams")
            .field("bits_set", &set)
            .field("everything", &self.everything)
            .finish()
    }
}

/// FNV-1a of a window of at most three bytes, with its length mixed in.
fn hash(w: &[u8]) -> usize {
    let mut h: u32 = 0x811c_9dc5 ^ w.len() as u32;
    for &c in w {
        h ^= u32::from(c);
        h = h.wrapping_mul(0x0100_0193);
    }
    (h ^ (h >> 16)) as usize % BITS
}

/// A regex with the guard derived from its pattern (see the module doc).
#[derive(Debug)]
pub(crate) struct Gated {
    re: Regex,
    /// One window of each literal, as bits of [`Grams`]; `None`: no guard.
    guard: Option<Box<[u16]>>,
}

impl Gated {
    pub fn new(pattern: &str) -> Result<Gated, regex::Error> {
        let re = Regex::new(pattern)?;
        let guard = guard(pattern);
        Ok(Gated { re, guard })
    }

    /// Whether the message may hold a match (false: it certainly does not).
    pub fn may_match(&self, grams: &Grams) -> bool {
        match &self.guard {
            None => true,
            Some(bits) => grams.everything || bits.iter().any(|b| grams.has(*b)),
        }
    }

    fn skip(&self, grams: &Grams, hay: &str) -> bool {
        let skip = !self.may_match(grams);
        debug_assert!(
            !skip || !self.re.is_match(hay),
            "the prefilter skipped a match of {:?} (haystack of {} bytes)",
            self.re.as_str(),
            hay.len()
        );
        skip
    }

    pub fn is_match(&self, grams: &Grams, hay: &str) -> bool {
        !self.skip(grams, hay) && self.re.is_match(hay)
    }

    pub fn find<'h>(&self, grams: &Grams, hay: &'h str) -> Option<Match<'h>> {
        if self.skip(grams, hay) {
            return None;
        }
        self.re.find(hay)
    }

    pub fn captures<'h>(&self, grams: &Grams, hay: &'h str) -> Option<Captures<'h>> {
        if self.skip(grams, hay) {
            return None;
        }
        self.re.captures(hay)
    }

    pub fn find_iter<'r, 'h>(
        &'r self,
        grams: &Grams,
        hay: &'h str,
    ) -> std::iter::Flatten<std::option::IntoIter<Matches<'r, 'h>>> {
        let run = !self.skip(grams, hay);
        run.then(|| self.re.find_iter(hay)).into_iter().flatten()
    }

    pub fn captures_iter<'r, 'h>(
        &'r self,
        grams: &Grams,
        hay: &'h str,
    ) -> std::iter::Flatten<std::option::IntoIter<CaptureMatches<'r, 'h>>> {
        let run = !self.skip(grams, hay);
        run.then(|| self.re.captures_iter(hay))
            .into_iter()
            .flatten()
    }
}

/// The guard of `pattern`: one window per literal of a set one of which
/// every match holds; `None` if no such set can be listed.
fn guard(pattern: &str) -> Option<Box<[u16]>> {
    let hir = regex_syntax::parse(pattern).ok()?;
    let mut bits: Vec<u16> = needed(&hir)?
        .iter()
        .map(|w| u16::try_from(hash(w)).ok())
        .collect::<Option<_>>()?;
    bits.sort_unstable();
    bits.dedup();
    Some(bits.into_boxed_slice())
}

/// Windows one of which every match of `hir` holds, the best of: the
/// prefix literals of the whole, its suffix literals, and, for a sequence,
/// the windows of one of its parts (a match holds a match of each part);
/// for alternatives, the windows of all of them; for a repetition of at
/// least one, those of what is repeated. Best: longest shortest window,
/// then fewest ("my" or "the" before a name is in most messages, the
/// words after it are not).
fn needed(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    let mut found: Vec<Vec<Vec<u8>>> = [ExtractKind::Prefix, ExtractKind::Suffix]
        .into_iter()
        .filter_map(|kind| {
            let seq = Extractor::new()
                .kind(kind)
                .limit_class(10)
                .limit_repeat(4)
                .limit_literal_len(12)
                .limit_total(2_000)
                .extract(hir);
            windows(&seq)
        })
        .collect();
    match hir.kind() {
        HirKind::Concat(parts) => found.extend(parts.iter().filter_map(needed)),
        HirKind::Alternation(alts) => {
            let all: Option<Vec<_>> = alts.iter().map(needed).collect();
            found.extend(all.map(|a| a.concat()));
        }
        HirKind::Capture(c) => found.extend(needed(&c.sub)),
        HirKind::Repetition(r) if r.min >= 1 => found.extend(needed(&r.sub)),
        _ => {}
    }
    found
        .into_iter()
        .max_by_key(|w| (w.iter().map(Vec::len).min(), std::cmp::Reverse(w.len())))
}

/// One window per literal of `seq` (none if `seq` is infinite or a literal
/// has no window).
fn windows(seq: &Seq) -> Option<Vec<Vec<u8>>> {
    seq.literals()?
        .iter()
        .map(|lit| window(lit.as_bytes()).map(<[u8]>::to_vec))
        .collect()
}

/// The first window of up to three bytes of the longest run of `lit` free
/// of spaces and commas (the bytes a haystack may gain from `lower`).
fn window(lit: &[u8]) -> Option<&[u8]> {
    let run = lit
        .split(|b| b.is_ascii_whitespace() || *b == b',')
        .max_by_key(|run| run.len().min(3))?;
    (!run.is_empty()).then(|| &run[..run.len().min(3)])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gated(p: &str) -> Gated {
        Gated::new(p).expect("valid")
    }

    #[test]
    fn the_rarer_words_guard() {
        // "my"/"the" start the match, but "sister" or "ran" must follow.
        let re = gated(r"(?x)\b(?:my|the)\s+(?:sister|brother)\s+(?:ran|raced)\b");
        assert!(!re.may_match(&Grams::new("did the 10k with my club")));
        assert!(re.may_match(&Grams::new("my sister ran")));
    }

    #[test]
    fn a_word_list_is_skipped_without_its_words() {
        let re = gated(r"(?x)\b(?:remind\s+me|reminders?|nudge)\b");
        assert!(re.guard.is_some());
        assert!(!re.may_match(&Grams::new("ran 10k easy")));
        assert!(re.may_match(&Grams::new("please remind me at 10")));
        assert!(re.may_match(&Grams::everything()));
    }

    #[test]
    fn blanked_and_joined_haystacks_are_covered() {
        // A literal with a space keeps a window without one: "in bed" may
        // appear in "in" + blank + "bed" after masking.
        let re = gated(r"\bin\s*bed\b");
        let grams = Grams::new("in5kbed");
        assert!(re.may_match(&grams));
        assert!(re.is_match(&grams, "in  bed"));
        assert!(!re.may_match(&Grams::new("ran 10k")));
    }

    #[test]
    fn unlistable_patterns_always_run() {
        assert!(gated(r"^\s*$").guard.is_none());
        assert!(gated(r"[^.]+").guard.is_none());
        assert!(gated(r"\w+").guard.is_none());
        // Every match ends with "x": the suffix is a guard.
        assert!(gated(r"[^.]{0,3}x").guard.is_some());
    }

    #[test]
    fn the_word_lists_keep_a_guard() {
        // Not needed for correctness (an unguarded regex always runs), but
        // the speed of a typical message rests on these lists: a phrasing
        // that makes one unlistable (a leading `\w+`, thousands of
        // alternatives) shows up here rather than as a slow bench.
        use super::super::vocab as v;
        let lists = [
            v::RUN_WORDS,
            v::RUN_WORD_EXCEPTIONS,
            v::OTHER_PEOPLE,
            v::OTHER_SPORTS,
            v::NOT_A_LOG,
            v::FUTURE_MARKERS,
            v::PAST_MARKERS,
            v::NO_RUN,
            v::REST_WORDS,
            v::PAIN_WORDS,
            v::WEAK_PAIN_WORDS,
            v::PAIN_EXCEPTIONS,
            v::RED_FLAGS,
            v::STATS,
            v::UNDO,
            v::HOW_TO_USE,
        ];
        for list in lists {
            let re = gated(&format!(r"(?x)\b(?:{list})\b"));
            assert!(re.guard.is_some(), "no guard for {list}");
        }
    }

    #[test]
    fn windows_avoid_spaces_and_commas() {
        assert_eq!(window(b"in bed"), Some(&b"bed"[..]));
        assert_eq!(window(b"a, rest"), Some(&b"res"[..]));
        assert_eq!(window(b" , "), None);
    }
}
