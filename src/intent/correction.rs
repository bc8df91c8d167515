//! Corrections of what the runner just said: "actually it was 12k", "oops
//! meant 8k", "make that 10 miles", "no wait, 6h", "*12k", "change my
//! bedtime to 10pm". This only reads the words; the engine finds the entry or setting
//! to amend.

use std::sync::LazyLock;

use regex::Regex;

/// Hesitations before a correction. "oops", "wait", "typo", "my bad" and
/// "sorry" are enough on their own ("oops 8k"); the others need a marker.
static FILLER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(?P<strong>oops|whoops|oopsie|wait|typo|my\s+bad|sorry|hang\s+on)|oh|ah|argh|ugh|er|erm|um+|no|nope)\b[\s,.!:;-]*",
    )
    .expect("valid filler regex")
});

/// Words that say "what I told you was wrong; here is the right value".
static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:
            actually[\s,:]*(?:it\s+was|that\s+was|it'?s|that'?s|was|i\s+(?:ran|did|meant|slept|had))?
          | (?:it|that)\s+was\s+actually
          | (?:i\s+)?meant(?:\s+to\s+(?:say|write|type))?
          | make\s+(?:it|that)
          | change\s+(?:it|that)\s+to
          | (?:it|that)\s+should\s+(?:be|have\s+been|say)
          | should\s+(?:be|have\s+been|say)
          | correction
        )(?:\b|$)[\s,.:;-]*",
    )
    .expect("valid correction regex")
});

/// A second activity, not a fix: "actually ran another 5k", "5k more".
static ANOTHER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:too|also|another|again|second|more|as\s+well|extra|plus)\b")
        .expect("valid another regex")
});

/// A new report after a hesitation: "sorry, ran 10k tonight" is news, not a
/// fix (a bare "oops 8k" is).
static NEW_REPORT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:ran|run|running|jogged|did|went|raced|slept|today|tonight|this\s+morning)\b")
        .expect("valid new report regex")
});

/// "6h", "6.5 hours", "45 min": an amount with nothing else.
static BARE_AMOUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<n>\d{1,3}(?:[.,]\d{1,2})?)\s*(?:(?P<h>h|hr|hrs|hours?)|(?P<m>m|min|mins|minutes?))[.!]*$",
    )
    .expect("valid amount regex")
});

/// "change my bedtime to 10pm", "move bedtime to 22:30".
static BEDTIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:change|move|set|make|put)\s+(?:my\s+)?bed\s*time(?:\s+reminder)?\s+(?:to|at|for)\s+(?P<at>.+)$",
    )
    .expect("valid bedtime regex")
});

/// The words after a correction marker, if the message corrects something
/// ("actually it was 12k" → "12k").
pub fn correction(text: &str) -> Option<String> {
    let lower = text.trim().to_lowercase();
    // The chat convention "*12k" (or "12k*"): a fix of the last message.
    let starred = lower.trim_start_matches('*');
    let starred = starred.trim_end_matches('*');
    let asterisk = starred.len() + 1 == lower.len() && !starred.contains('*');
    let mut rest = if asterisk { starred } else { lower.as_str() };
    let mut strong = asterisk;
    while let Some(c) = FILLER.captures(rest) {
        strong |= c.name("strong").is_some();
        rest = &rest[c[0].len()..];
    }
    match MARKER.find(rest) {
        Some(m) => rest = &rest[m.end()..],
        None if strong && !NEW_REPORT.is_match(rest) => {}
        None => return None,
    }
    let rest = rest.trim();
    (!rest.is_empty() && !ANOTHER.is_match(rest)).then(|| rest.to_owned())
}

/// An amount alone, in seconds: "6h" (21,600), "45 min" (2,700).
pub fn bare_amount_s(text: &str) -> Option<u32> {
    let c = BARE_AMOUNT.captures(text.trim())?;
    let n: f64 = c["n"].replace(',', ".").parse().ok()?;
    let unit = if c.name("h").is_some() { 3600.0 } else { 60.0 };
    Some((n * unit).round() as u32)
}

/// The new bedtime's words ("10pm"), when the message moves the bedtime.
pub fn bedtime_change(text: &str) -> Option<String> {
    let lower = text.trim().to_lowercase();
    BEDTIME.captures(&lower).map(|c| c["at"].trim().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_and_what_follows() {
        assert_eq!(correction("actually it was 12k").as_deref(), Some("12k"));
        assert_eq!(correction("oops meant 8k").as_deref(), Some("8k"));
        assert_eq!(
            correction("make that 10 miles").as_deref(),
            Some("10 miles")
        );
        assert_eq!(correction("no wait, 6h").as_deref(), Some("6h"));
        assert_eq!(correction("Oops, 8k").as_deref(), Some("8k"));
        assert_eq!(correction("ran 10k").as_deref(), None);
        assert_eq!(correction("no, that's all").as_deref(), None);
        assert_eq!(correction("actually").as_deref(), None);
        assert_eq!(correction("actualy 12k").as_deref(), None);
        assert_eq!(correction("*12k").as_deref(), Some("12k"));
        assert_eq!(correction("sorry, ran 10k tonight").as_deref(), None);
        assert_eq!(correction("actually ran another 5k").as_deref(), None);
        assert_eq!(correction("actually I ran 12k").as_deref(), Some("12k"));
        assert_eq!(correction("12k*").as_deref(), Some("12k"));
        assert_eq!(correction("**ran 12k**").as_deref(), None);
    }

    #[test]
    fn amounts_and_bedtimes() {
        assert_eq!(bare_amount_s("6h"), Some(21_600));
        assert_eq!(bare_amount_s("6.5 hours"), Some(23_400));
        assert_eq!(bare_amount_s("45 min"), Some(2_700));
        assert_eq!(bare_amount_s("6h easy"), None);
        assert_eq!(
            bedtime_change("change my bedtime to 10pm").as_deref(),
            Some("10pm")
        );
    }
}
