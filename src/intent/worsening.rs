//! Words that make pain a matter for a physio rather than for a recovery
//! tip: swelling, sharp pain, limping, having to stop, getting worse, not
//! being able to put weight on it. Also finds the body part a runner names
//! only as the reason they stopped ("had to stop twice bc of the knee"),
//! which the contract's pain reading (it needs a pain word) leaves out.
//!
//! Engine-only, like [`super::warning`]: nothing here reaches `parse`.

use std::sync::LazyLock;

use regex::Regex;

use super::{vocab, BodyPart};

fn re(p: &str) -> Regex {
    Regex::new(&format!(r"(?x)\b(?:{p})\b")).expect("valid worsening regex")
}

static WORSE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"swollen|swelling|swelled|puffy|sharp|stabbing|shooting|limp\w*|had\s+to\s+(?:stop|walk|pull\s+out|quit|bail|dnf)|stopped\s+(?:because|bc|cos|due)|getting\s+worse|worse|worsening|can'?t\s+(?:put|bear)\s+(?:any\s+)?weight|cannot\s+(?:put|bear)\s+weight|couldn'?t\s+(?:put|bear)\s+weight|can'?t\s+walk|couldn'?t\s+walk|hobbl\w*",
    )
});
/// Swelling or sharp pain: no foam rolling or massage on it.
static NO_RUBBING: LazyLock<Regex> =
    LazyLock::new(|| re(r"swollen|swelling|swelled|puffy|sharp|stabbing|shooting"));
static NEGATED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:no|not|isn'?t|wasn'?t|without|never|didn'?t|no\s+longer)\s+(?:\w+\s+)?(?:swollen|swelling|sharp|limp\w*|worse|getting\s+worse|have\s+to\s+stop)",
    )
});
/// The runner says the pain is back: "sore again", "flared up again".
static AGAIN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"again|back\s+again|flared\s+up|flaring\s+up|came\s+back|coming\s+back|is\s+back|it'?s\s+back|recurring|keeps\s+(?:coming\s+back|hurting)",
    )
});
/// "had to stop ... because of the knee": the part after the reason.
static STOPPED_FOR: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:had\s+to\s+(?:stop|walk|pull\s+out|quit|bail)|stopped|dnf|pulled\s+out)[^.!?]{0,30}?(?:because\s+of|bc\s+of|bc|cos\s+of|cause\s+of|due\s+to|with)\s+(?:my\s+|the\s+|a\s+|that\s+)?(\w+(?:\s+\w+)?)",
    )
});

static PARTS: LazyLock<Vec<(BodyPart, Regex)>> = LazyLock::new(|| {
    vocab::BODY_PARTS
        .iter()
        .map(|(part, p)| (*part, re(p)))
        .collect()
});

/// What a message says about how pain is going.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PainWords {
    /// Swollen, sharp, limping, had to stop, getting worse...
    pub worsening: bool,
    /// Swelling or sharp pain: rubbing it is out.
    pub no_rubbing: bool,
    /// Parts named only as the reason for stopping.
    pub stopped_for: Vec<BodyPart>,
    /// "sore again", "it's back": the runner says this pain has come back.
    pub again: bool,
}

/// Reads a message.
pub fn read(text: &str) -> PainWords {
    let lower = text.to_lowercase().replace('\u{2019}', "'");
    let mut cleaned = lower.clone();
    for m in NEGATED.find_iter(&lower) {
        cleaned.replace_range(m.range(), &" ".repeat(m.len()));
    }
    let mut stopped_for = Vec::new();
    for caps in STOPPED_FOR.captures_iter(&cleaned) {
        if let Some(words) = caps.get(1) {
            for (part, re) in PARTS.iter() {
                if re.is_match(words.as_str()) && !stopped_for.contains(part) {
                    stopped_for.push(*part);
                }
            }
        }
    }
    stopped_for.sort();
    PainWords {
        worsening: WORSE.is_match(&cleaned),
        no_rubbing: NO_RUBBING.is_match(&cleaned),
        stopped_for,
        again: AGAIN.is_match(&cleaned),
    }
}

/// Every body part a message names, with or without a pain word ("what
/// should I do about my shin?").
pub fn parts_named(text: &str) -> Vec<BodyPart> {
    let lower = text.to_lowercase();
    PARTS
        .iter()
        .filter(|(_, re)| re.is_match(&lower))
        .map(|(part, _)| *part)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stopping_for_a_part_names_it() {
        let words = read("long run 18k, had to stop twice bc of the knee 😩");
        assert_eq!(words.stopped_for, vec![BodyPart::Knee]);
        assert!(words.worsening);
    }

    #[test]
    fn swelling_and_its_denial() {
        let words = read("10k, knee is swollen a bit now");
        assert!(words.worsening && words.no_rubbing);
        assert!(!read("knee not swollen, just stiff").worsening);
    }
}
