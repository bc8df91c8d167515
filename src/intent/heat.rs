//! Whether a message speaks of a hot day ("90 degrees today, should I run?",
//! "32°C", "heatwave"), for the questions that ask about a run still to
//! come. The `parse` contract keeps `conditions` for logged runs only, so a
//! question's heat is read here instead.
//!
//! Degrees read as the contract reads them: 25 °C (77 °F) or more is hot; a
//! bare number is °F when the runner uses °F or when no day has it in °C
//! (over 50).

use std::sync::LazyLock;

use regex::Regex;

static HOT_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:hot|heat\s*wave|heatwave|scorching|sweltering|boiling|roasting|baking|humid|muggy|sticky\s+(?:day|out|weather))\b",
    )
    .expect("valid heat regex")
});
static NOT_HOT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:not|isn'?t|wasn'?t|no\s+longer)\s+(?:too\s+|that\s+|very\s+|so\s+)?(?:hot|humid)\b")
        .expect("valid heat regex")
});
static DEGREES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(\d{1,3}(?:\.\d)?)\s*(?:°\s*([cf])?|degrees?(?:\s+([cf])\b)?|deg\b|([cf])\b)",
    )
    .expect("valid degrees regex")
});

/// True when `text` names a hot day.
pub fn hot_day(text: &str, fahrenheit: bool) -> bool {
    if HOT_WORDS.is_match(text) && !NOT_HOT.is_match(text) {
        return true;
    }
    DEGREES.captures_iter(text).any(|c| {
        let Ok(value) = c[1].parse::<f64>() else {
            return false;
        };
        let scale = c
            .get(2)
            .or(c.get(3))
            .or(c.get(4))
            .map(|m| m.as_str().to_ascii_lowercase());
        let in_f = match scale.as_deref() {
            Some("f") => true,
            Some("c") => false,
            _ => fahrenheit || value > 50.0,
        };
        if in_f {
            value >= 77.0
        } else {
            value >= 25.0
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hot_days_in_words_and_degrees() {
        for t in [
            "90 degrees today, should I run or skip?",
            "32°C out, should I run?",
            "heatwave this week, run today?",
            "it's so humid, should I go?",
            "80F tomorrow",
        ] {
            assert!(hot_day(t, false), "{t}");
        }
        assert!(hot_day("it'll be 78 degrees", true));
        for t in [
            "should I run today?",
            "20 degrees and sunny, run?",
            "not too hot today, should I run?",
            "5k in 25 minutes, should I run again today?",
            "60 degrees, should I run?",
        ] {
            assert!(!hot_day(t, false), "{t}");
        }
    }
}
