//! Whether a warning-sign phrase is the runner's own sign, now: the reading
//! of negation ("no chest pain"), doubt ("not sure if I blacked out" is a
//! report), someone else's sign ("my dad had chest pain"), a sign a doctor
//! has already explained ("turned out to be reflux") and a general question
//! ("what are the signs of heat stroke?"). Each is read within the clause or
//! sentence around the phrase, so one dismissed phrase never hides another
//! sign in the same message. Used by [`super::warning`].

use std::sync::LazyLock;

use regex::Regex;

fn re(p: &str) -> Regex {
    Regex::new(&format!(r"(?x)\b(?:{p})\b")).expect("valid warning scope regex")
}

/// Words that end a negation's reach inside a clause.
static SCOPE_BREAK: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"but|though|although|yet|even|except|apart\s+from|then|when|while|because|bc|cos|so|until|till|however|now|later|which|after|at\s+the\s+end|whereas",
    )
});
static NEGATOR: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"no|not|never|didn'?t|don'?t|doesn'?t|wasn'?t|weren'?t|isn'?t|aren'?t|hasn'?t|haven'?t|without|zero|none|nor|nothing|neither|free\s+of",
    )
});
/// Doubt is not denial: "not sure if I blacked out" is a report.
pub(super) static DOUBT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"not\s+sure\s+(?:if|whether)|don'?t\s+know\s+(?:if|whether)|can'?t\s+tell\s+(?:if|whether)|no\s+idea\s+(?:if|whether)|not\s+certain\s+(?:if|whether)",
    )
});
/// "until today", "before this": a negation that the sentence then undoes.
static UNDONE_AFTER: LazyLock<Regex> =
    LazyLock::new(|| re(r"until|till|before\s+(?:today|now|this|tonight)"));

/// Someone else as the subject: "my dad had chest pain", "my running buddy
/// collapsed". Not "my friend's" (a possession, "I tripped on my friend's
/// bag"), and only when the runner does not come back as the subject.
static THIRD_PARTY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:dad|father|mum|mom|mother|friend|buddy|mate|pal|daughter|son|kid|wife|husband|partner|brother|sister|girlfriend|boyfriend|colleague|coworker|neighbou?r|someone|somebody|(?:a|one|another|this|that)\s+(?:guy|runner|man|woman|lady|bloke|girl|boy)|he|she|they|people|runners)(?:\s+(?:had|has|was|got|just|nearly|almost))?",
    )
});
static FIRST_PERSON: LazyLock<Regex> =
    LazyLock::new(|| re(r"i|i'm|im|i've|ive|i'd|me|myself|my\s+own"));

/// A sign already explained or cleared: "doctor cleared my chest pain",
/// "the chest pain turned out to be reflux".
static EXPLAINED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"cleared|turned\s+out\s+(?:to\s+be|it\s+was)|diagnosed\s+as|was\s+(?:just|only)\s+(?:reflux|indigestion|heartburn|a\s+stitch|muscular|anxiety)|all\s+clear|got\s+the\s+all\s+clear|checked\s+out\s+fine",
    )
});

/// A question or story about a sign in general, not a report of one.
static GENERAL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"how\s+(?:do|can|would|should)\s+(?:i|you|we|one)\s+(?:know|tell|spot|recogni[sz]e)
        | what\s+(?:are|is)\s+(?:the\s+)?(?:signs?|symptoms?|warning\s+signs?)
        | (?:signs?|symptoms?)\s+of
        | (?:watching|watched|reading|read|listening\s+to|listened\s+to)\s+(?:a|an|the|this|that|about)\b
        | (?:doc|documentary|article|podcast|video|film|book)\s+(?:about|on)",
    )
});

/// The clause around `pos`: bounded by sentence punctuation, commas and line
/// breaks.
fn clause(text: &str, pos: usize) -> (usize, usize) {
    let is_break = |c: char| matches!(c, '.' | '!' | '?' | ';' | ',' | '\n' | '(' | ')');
    let start = text[..pos].rfind(is_break).map_or(0, |i| i + 1);
    let end = text[pos..].find(is_break).map_or(text.len(), |i| pos + i);
    (start, end)
}

/// The sentence around `pos`: bounded by sentence punctuation and line breaks.
fn sentence(text: &str, pos: usize) -> (usize, usize) {
    let is_break = |c: char| matches!(c, '.' | '!' | '?' | ';' | '\n');
    let start = text[..pos].rfind(is_break).map_or(0, |i| i + 1);
    let end = text[pos..].find(is_break).map_or(text.len(), |i| pos + i);
    (start, end)
}

/// Whether the match at `start..end` is denied within its clause.
fn negated(text: &str, start: usize, end: usize) -> bool {
    let (from, to) = clause(text, start);
    let before = &text[from..start];
    let Some(neg) = NEGATOR.find_iter(before).last() else {
        return false;
    };
    let between = &before[neg.end()..];
    if SCOPE_BREAK.is_match(between) {
        return false;
    }
    !UNDONE_AFTER.is_match(&text[end.min(to)..to])
}

/// Whether someone else is the subject of the clause before the match.
fn someone_else(text: &str, start: usize) -> bool {
    let (from, _) = clause(text, start);
    let before = &text[from..start];
    let Some(other) = THIRD_PARTY
        .find_iter(before)
        .filter(|m| !before[m.end()..].starts_with("'s"))
        .last()
    else {
        return false;
    };
    !FIRST_PERSON.is_match(&before[other.end()..])
}

/// Whether the phrase at `start..end` is the runner's own sign, now.
pub(super) fn own_sign(text: &str, start: usize, end: usize) -> bool {
    if negated(text, start, end) || someone_else(text, start) {
        return false;
    }
    let (from, to) = clause(text, start);
    if EXPLAINED.is_match(&text[from..to]) {
        return false;
    }
    let (from, to) = sentence(text, start);
    !GENERAL.is_match(&text[from..to])
}

pub(crate) fn any_sign(re: &Regex, text: &str) -> bool {
    re.find_iter(text)
        .any(|m| own_sign(text, m.start(), m.end()))
}

/// A match that is not denied in its clause (negation only: for phrases
/// that are not signs, such as a doctor's all-clear).
pub(crate) fn any_unnegated(re: &Regex, text: &str) -> bool {
    re.find_iter(text)
        .any(|m| !negated(text, m.start(), m.end()))
}
