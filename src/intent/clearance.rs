//! What a runner says to lift a hold the coach keeps: "doctor checked me",
//! "got checked out, all fine" (a warning sign), "it's fine now", "physio
//! cleared me" (lasting pain), "doc cleared me for cold plunges" (cold
//! therapy despite a condition in the profile). Engine-only, like
//! [`super::warning`].

use std::sync::LazyLock;

use regex::Regex;

use super::warning::prepare;
use super::warning_scope::any_unnegated;

fn re(p: &str) -> Regex {
    Regex::new(&format!(r"(?x)\b(?:{p})\b")).expect("valid clearance regex")
}

/// What a runner says to lift a hold the coach keeps.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Clearance {
    /// "doctor checked me", "got checked out, all fine".
    pub checked: bool,
    /// "it's fine now", "physio cleared me", "pain's gone".
    pub pain_gone: bool,
    /// "doc cleared me for cold plunges".
    pub cold: bool,
}

static CHECKED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:doctor|doc|dr|gp|cardiologist|physician|a\s*&\s*e|er|hospital|urgent\s+care|medic|paramedics?)\s+(?:\w+\s+){0,3}(?:checked|cleared|examined|looked\s+at|saw|seen|said\s+(?:i'?m|i\s+am|it'?s|its|all)\s+(?:fine|ok|okay|good|clear|nothing))
        | (?:got|been|was|went\s+and\s+got|had\s+myself)\s+checked(?:\s+out|\s+over)?
        | (?:saw|seen|visited|went\s+to)\s+(?:a\s+|my\s+|the\s+)?(?:doctor|doc|gp|cardiologist|a\s*&\s*e|er|hospital|urgent\s+care)\b.{0,40}(?:fine|ok|okay|good|clear|all\s+clear|nothing)
        | (?:checked|cleared)\s+(?:out\s+|over\s+)?by\s+(?:a\s+|my\s+|the\s+)?(?:doctor|doc|gp|cardiologist|hospital)
        | medically\s+cleared | all\s+clear\s+from\s+(?:the\s+|my\s+)?(?:doctor|doc|gp)",
    )
});
static PAIN_GONE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:physio|physiotherapist|pt|physical\s+therapist|doctor|doc)\s+(?:\w+\s+){0,2}(?:cleared|says?\s+(?:i'?m|it'?s|its)\s+(?:fine|ok|okay|good)|gave\s+me\s+the\s+(?:all[\s-]clear|green\s+light|ok))
        | (?:it'?s|its|it\s+is|knee'?s|knee\s+is|pain'?s|pain\s+is|\w+\s+(?:is|feels))\s+(?:all\s+)?(?:fine|good|ok|okay|better|healed)\s+now
        | (?:pain|niggle|soreness)\s+(?:is\s+|has\s+)?(?:gone|went\s+away|cleared\s+up) | no\s+(?:more\s+)?pain\s+(?:now|anymore|any\s+more) | pain[\s-]free\s+(?:now|again) | fully\s+(?:healed|recovered)",
    )
});
static COLD_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"cold\s+(?:plunges?|water|therapy|baths?|immersion|showers?)|ice\s+baths?|plunges?|ice\s+tubs?|cryo\w*",
    )
});
static CLEARED_FOR: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:doctor|doc|dr|gp|cardiologist)\s+(?:\w+\s+){0,3}(?:cleared|okayed|ok'?d|approved|said\s+(?:yes|ok|okay|fine)|says\s+(?:yes|ok|okay|fine)|fine\s+with)|cleared\s+(?:me\s+)?for",
    )
});

/// Reads the clearances in a message.
pub fn clearance(text: &str) -> Clearance {
    let text = prepare(text);
    let cold = COLD_WORDS.is_match(&text) && CLEARED_FOR.is_match(&text);
    Clearance {
        cold,
        checked: !cold && any_unnegated(&CHECKED, &text),
        pain_gone: !cold && any_unnegated(&PAIN_GONE, &text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clearances() {
        assert!(clearance("doctor checked me, all fine").checked);
        assert!(clearance("got checked out, all fine").checked);
        assert!(clearance("physio cleared me").pain_gone);
        let cold = clearance("doc cleared me for cold plunges");
        assert!(cold.cold && !cold.checked);
    }
}
