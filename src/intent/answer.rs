//! Short answers to a question the bot asked: "yes", "ok", 👍, "no", "nah",
//! or a bare number ("9", "2"). Only a whole message counts: "yes I ran 5k"
//! is a log, not an answer.

use std::sync::LazyLock;

use regex::Regex;

/// What a short answer says.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ShortAnswer {
    Yes,
    No,
    Number(f64),
}

static YES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:yes|yes\s+please|yep|yeah|yea|yup|ya|y|ok|okay|k|kk|sure|sure\s+thing|sounds\s+good|go\s+ahead|do\s+it|correct|right|exactly|that'?s\s+right|that'?s\s+it|👍|👌|✅|✔|☑)$",
    )
    .expect("valid yes regex")
});

static NO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:no|no\s+thanks|no\s+thank\s+you|nope|nah|n|not\s+really|cancel|never\s*mind|nvm|don'?t|👎|❌|✖)$",
    )
    .expect("valid no regex")
});

/// A bare number, maybe after a hedge and with a unit ("9", "no wait 6h",
/// "oops, 8k", "sorry 45 min"): the unit is the question's own.
static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(?:no|nah|sorry|oops|wait|actually|i\s+meant|meant|make\s+(?:that|it))[\s,!.]+)*(?:(?:about|around|roughly|approx(?:imately)?|maybe|only|just|~)\s*)?(?P<n>\d{1,6}(?:[.,]\d{1,3})?)\s*(?:h|hrs?|hours?|k|km|kms|mi|miles?|mins?|minutes?)?$",
    )
    .expect("valid number regex")
});

static MORE_TIPS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:more|more\s+tips|more\s+please|more\s+tips\s+please|tell\s+me\s+more|(?:any\s+)?(?:more|other)\s+tips\??|show\s+(?:me\s+)?more(?:\s+tips)?|what\s+else\??)$",
    )
    .expect("valid more-tips regex")
});

/// "More tips" (what the Discord button sends): the tips held back from the
/// last reply.
pub fn asks_more_tips(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    MORE_TIPS.is_match(lower.trim_end_matches(['.', '!', ' ']))
}

/// The short answer a whole message gives, if it is one.
pub fn short_answer(text: &str) -> Option<ShortAnswer> {
    // Skin-tone modifiers, variation selectors and closing punctuation do
    // not change the answer ("👍🏽", "yes!", "ok.").
    let cleaned: String = text
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| !matches!(*c, '\u{fe0f}' | '\u{1f3fb}'..='\u{1f3ff}'))
        .collect();
    let cleaned = cleaned.trim_end_matches(['.', '!', ' ', ',']).trim();
    if YES.is_match(cleaned) {
        return Some(ShortAnswer::Yes);
    }
    if NO.is_match(cleaned) {
        return Some(ShortAnswer::No);
    }
    let n = NUMBER.captures(cleaned)?;
    n["n"]
        .replace(',', ".")
        .parse()
        .ok()
        .map(ShortAnswer::Number)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_messages_only() {
        assert_eq!(short_answer("yes"), Some(ShortAnswer::Yes));
        assert_eq!(short_answer("OK."), Some(ShortAnswer::Yes));
        assert_eq!(short_answer("👍🏽"), Some(ShortAnswer::Yes));
        assert_eq!(short_answer("nah"), Some(ShortAnswer::No));
        assert_eq!(short_answer(" 9 "), Some(ShortAnswer::Number(9.0)));
        assert_eq!(short_answer("9,5"), Some(ShortAnswer::Number(9.5)));
        assert_eq!(short_answer("no wait 6h"), Some(ShortAnswer::Number(6.0)));
        assert_eq!(short_answer("oops, 8k"), Some(ShortAnswer::Number(8.0)));
        // "Slept badly" → "how many hours?" → "about 5".
        assert_eq!(short_answer("about 5"), Some(ShortAnswer::Number(5.0)));
        assert_eq!(short_answer("only 4h"), Some(ShortAnswer::Number(4.0)));
        assert_eq!(short_answer("no"), Some(ShortAnswer::No));
        assert_eq!(short_answer("no wait"), None);
        assert_eq!(short_answer("yes I ran 5k"), None);
        assert_eq!(short_answer("ran 9"), None);
        assert!(asks_more_tips("More tips"));
        assert!(asks_more_tips("any more tips?"));
        assert!(!asks_more_tips("more tips on stretching"));
    }
}
