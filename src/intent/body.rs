//! Pain and soreness: which body parts ("hammies", "ITB", "plantar"), whether
//! the runner is reporting pain at all ("zero niggles" is not), and the red
//! flags (sharp pain, swelling, pain lasting days) that call for a physio.

use std::sync::LazyLock;

use super::prefilter::{Gated, Grams};

use super::text::{negated_before, Message, Piece};
use super::{vocab, BodyPart};

/// What a message says about pain.
#[derive(Debug, Default)]
pub(crate) struct Pain {
    pub parts: Vec<BodyPart>,
    /// A statement reports pain or soreness (possibly with no named part).
    pub reported: bool,
    pub red_flag: bool,
}

fn word_regex(p: &str) -> Gated {
    Gated::new(&format!(r"(?x)\b(?:{p})\b")).expect("valid body regex")
}

static PARTS: LazyLock<Vec<(BodyPart, Gated)>> = LazyLock::new(|| {
    vocab::BODY_PARTS
        .iter()
        .map(|(b, p)| (*b, word_regex(p)))
        .collect()
});
static GENERIC: LazyLock<Gated> = LazyLock::new(|| word_regex(vocab::GENERIC_BODY));
static IMPLICIT: LazyLock<Gated> = LazyLock::new(|| word_regex(vocab::IMPLICIT_PAIN));
static STRONG: LazyLock<Gated> = LazyLock::new(|| word_regex(vocab::PAIN_WORDS));
static WEAK: LazyLock<Gated> = LazyLock::new(|| word_regex(vocab::WEAK_PAIN_WORDS));
static OK: LazyLock<Gated> = LazyLock::new(|| word_regex(vocab::OK_WORDS));
static EXCEPTIONS: LazyLock<Gated> = LazyLock::new(|| word_regex(vocab::PAIN_EXCEPTIONS));
static RED: LazyLock<Gated> = LazyLock::new(|| word_regex(vocab::RED_FLAGS));
static PAIN_FREE: LazyLock<Gated> =
    LazyLock::new(|| word_regex(r"pain[\s-]free|no\s+(?:pain|issues|problems|niggles)\s+at\s+all"));

/// What one piece says.
#[derive(Default)]
struct PieceFacts {
    parts: Vec<BodyPart>,
    generic: bool,
    strong: bool,
    weak: bool,
    implicit: bool,
    ok: bool,
    words: usize,
}

impl PieceFacts {
    fn pain(&self) -> bool {
        self.strong || self.implicit || (self.weak && (!self.parts.is_empty() || self.generic))
    }
    /// Pain a short neighbour ("calves, quads and hammies all sore") may borrow.
    fn lendable(&self) -> bool {
        self.strong || self.weak
    }
}

fn any_unnegated(g: &Grams, re: &Gated, text: &str, start: usize) -> bool {
    re.find_iter(g, text)
        .any(|m| !negated_before(text, start, m.start(), 3))
}

fn facts(g: &Grams, lower: &str, piece: &Piece) -> PieceFacts {
    let text = &lower[..piece.range.end];
    let start = piece.range.start;
    let own = &lower[piece.range.clone()];
    let mut parts = Vec::new();
    for (part, re) in PARTS.iter() {
        if re.is_match(g, own) {
            parts.push(*part);
        }
    }
    let sub = |re: &Gated| {
        // Search only inside the piece, but look back from the message start
        // so negations at the piece's edge still count.
        re.find_iter(g, own)
            .any(|m| !negated_before(text, start, start + m.start(), 3))
    };
    let free = PAIN_FREE.is_match(g, own);
    PieceFacts {
        parts,
        generic: GENERIC.is_match(g, own),
        strong: !free && sub(&STRONG),
        weak: !free && sub(&WEAK),
        implicit: !free && sub(&IMPLICIT),
        ok: OK.is_match(g, own) || free,
        words: own.split_whitespace().count(),
    }
}

/// Reads pain from every piece; only statements make it a report.
pub(crate) fn find(msg: &Message) -> Pain {
    let g = &msg.grams;
    let mut lower = msg.lower.clone();
    let spans: Vec<_> = EXCEPTIONS.find_iter(g, &lower).map(|m| m.range()).collect();
    for r in spans {
        super::text::blank(&mut lower, r);
    }
    let all: Vec<PieceFacts> = msg.pieces.iter().map(|p| facts(g, &lower, p)).collect();
    let mut pain = Pain::default();
    for (i, (piece, f)) in msg.pieces.iter().zip(&all).enumerate() {
        let mut hurts = f.pain();
        if !hurts && !f.parts.is_empty() && !f.ok && f.words <= 4 {
            let neighbour = |j: usize| {
                msg.pieces
                    .get(j)
                    .is_some_and(|p| p.sentence == piece.sentence)
                    && all.get(j).is_some_and(|n| n.lendable() && !n.ok)
            };
            hurts = neighbour(i + 1) || (i > 0 && neighbour(i - 1));
        }
        if hurts {
            pain.parts.extend(&f.parts);
            if !piece.question {
                pain.reported = true;
            }
        }
    }
    let statement_pain = pain.reported;
    pain.red_flag = statement_pain && any_unnegated(g, &RED, &msg.statements, 0);
    pain.parts.sort();
    pain.parts.dedup();
    pain
}

#[cfg(test)]
mod tests {
    use super::*;
    use BodyPart as B;

    fn parts(s: &str) -> Vec<BodyPart> {
        find(&Message::new(s)).parts
    }

    #[test]
    fn slang_and_lists() {
        assert_eq!(parts("hammies destroyed"), vec![B::Hamstring]);
        assert_eq!(
            parts("calves, quads and hammies all sore"),
            vec![B::Calf, B::Hamstring, B::Quad]
        );
        assert_eq!(parts("ITB niggle"), vec![B::ItBand]);
        assert_eq!(parts("plantar fasciitis flaring"), vec![B::Foot]);
    }

    #[test]
    fn no_pain_is_not_pain() {
        assert!(parts("zero niggles, knee felt fine").is_empty());
        assert!(parts("no knee pain today").is_empty());
        assert!(parts("came back home").is_empty());
        assert!(!find(&Message::new("ran 10k, legs fine")).reported);
    }

    #[test]
    fn red_flags() {
        assert!(find(&Message::new("sharp pain in my shin")).red_flag);
        assert!(find(&Message::new("knee sore for 3 days now")).red_flag);
        assert!(!find(&Message::new("knee a bit sore")).red_flag);
    }
}
