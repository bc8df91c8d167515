//! Requests that log nothing: tip questions and their topic, stats, undo and
//! help with the bot itself.

use std::sync::LazyLock;

use super::prefilter::{Gated, Grams};

use super::{vocab, Topic};

fn word_regex(p: &str) -> Gated {
    Gated::new(&format!(r"(?x)\b(?:{p})\b")).expect("valid asks regex")
}

static TOPICS: LazyLock<Vec<(Topic, Gated)>> = LazyLock::new(|| {
    vocab::TOPICS
        .iter()
        .map(|(t, p)| (*t, word_regex(p)))
        .collect()
});
static RECOVERY: LazyLock<Gated> = LazyLock::new(|| word_regex(vocab::RECOVERY_CUE));
static STATS: LazyLock<Gated> = LazyLock::new(|| word_regex(vocab::STATS));
static UNDO: LazyLock<Gated> = LazyLock::new(|| word_regex(vocab::UNDO));
static HELP: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(&format!(r"(?x)(?:\b(?:{})\b|^\s*\?+\s*$)", vocab::HELP)).expect("valid help regex")
});
static HOW_TO_USE: LazyLock<Gated> = LazyLock::new(|| word_regex(vocab::HOW_TO_USE));
static TIP_REQUEST: LazyLock<Gated> = LazyLock::new(|| {
    word_regex(
        r"tips?|advice|advise|suggest\w*|recommend\w*|tell\s+me\s+about|what\s+about|thoughts\s+on|ideas\s+for|how\s+to|help\s+me|explain|benefits?\s+of|is\s+it\s+worth|worth\s+it",
    )
});

/// The topic asked about: the earliest mention in `text`.
pub(crate) fn topic(g: &Grams, text: &str) -> Option<Topic> {
    TOPICS
        .iter()
        .filter_map(|(t, re)| re.find(g, text).map(|m| (m.start(), *t)))
        .min_by_key(|(start, _)| *start)
        .map(|(_, t)| t)
}

/// A tip question: a question (or a request for tips) about a topic or
/// recovery in general.
pub(crate) fn asks_tips(g: &Grams, questions: &str, lower: &str) -> bool {
    // Separators between blanked statements remain: look for words.
    let has_question = questions.chars().any(char::is_alphanumeric);
    let about_recovery = |t: &str| topic(g, t).is_some() || RECOVERY.is_match(g, t);
    (has_question || TIP_REQUEST.is_match(g, lower)) && about_recovery(lower)
}

/// An explicit request for tips ("tips for recovery after a long run").
pub(crate) fn tip_request(g: &Grams, text: &str) -> bool {
    TIP_REQUEST.is_match(g, text)
}

pub(crate) fn stats(g: &Grams, text: &str) -> bool {
    STATS.is_match(g, text)
}

pub(crate) fn undo(g: &Grams, text: &str) -> bool {
    UNDO.is_match(g, text)
}

pub(crate) fn help(g: &Grams, text: &str) -> bool {
    HELP.is_match(g, text)
}

/// "How do I set a reminder?": a question about using the bot.
pub(crate) fn how_to_use(g: &Grams, text: &str) -> bool {
    HOW_TO_USE.is_match(g, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `f` on `s`, with the grams of `s`.
    fn on<T>(f: impl Fn(&Grams, &str) -> T, s: &str) -> T {
        f(&Grams::new(s), s)
    }

    #[test]
    fn earliest_topic_wins() {
        assert_eq!(
            on(topic, "cold water immersion, helpful?"),
            Some(Topic::Cold)
        );
        assert_eq!(
            on(topic, "what should i eat and drink"),
            Some(Topic::Nutrition)
        );
        assert_eq!(on(topic, "is 6 hours of sleep enough?"), Some(Topic::Sleep));
        assert_eq!(on(topic, "restaurant tonight"), None);
    }

    #[test]
    fn help_and_how_to() {
        assert!(on(how_to_use, "how do i set a reminder?"));
        assert!(on(help, "what can you do"));
        assert!(!on(help, "ran 10k"));
    }
}
