//! The first stage of the pipeline: Unicode brought to the few characters the
//! extractors read, before [`super::text::Message`] folds case and cuts
//! clauses.
//!
//! In order:
//! 1. vulgar fractions become decimals: "5½" is "5.5", "1 ¾" is "1.75",
//!    "5 1⁄2" (the fraction slash) is "5.5"; a lone "½" is "0.5", and "half"
//!    before "marathon" ("½ marathon");
//! 2. emoji that stand for a word become that word: 😴 💤 🛌 "sleep", 🥵
//!    "hot", 🥶 "cold", 🌧 ☔ "rain", 🦵 "leg", 🦶 "foot", 🤕 "hurts"; other
//!    emoji are left as they are (they sit between words like punctuation);
//! 3. zero-width characters and variation selectors are dropped;
//! 4. Unicode NFKC (full-width letters and digits, ligatures, compatibility
//!    spaces such as the no-break space), and accents dropped ("café" is
//!    "cafe");
//!
//! then `Message::new` maps curly quotes, dashes, the minus sign and the
//! remaining odd spaces to ASCII and reads digits of other scripts.
//!
//! ASCII text is returned as it is, without a copy: the common case costs one
//! scan. Pinned by `tests/corpus/parse/unicode.jsonl`.

use std::borrow::Cow;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The value of a vulgar fraction character.
fn fraction(c: char) -> Option<f64> {
    Some(match c {
        '\u{00bd}' => 0.5,
        '\u{00bc}' => 0.25,
        '\u{00be}' => 0.75,
        '\u{2153}' => 1.0 / 3.0,
        '\u{2154}' => 2.0 / 3.0,
        '\u{2155}' => 0.2,
        '\u{2156}' => 0.4,
        '\u{2157}' => 0.6,
        '\u{2158}' => 0.8,
        '\u{2159}' => 1.0 / 6.0,
        '\u{215a}' => 5.0 / 6.0,
        '\u{215b}' => 0.125,
        '\u{215c}' => 0.375,
        '\u{215d}' => 0.625,
        '\u{215e}' => 0.875,
        _ => return None,
    })
}

/// The word an emoji stands for, if it stands for one the matcher reads.
fn emoji_word(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{1f634}' | '\u{1f4a4}' | '\u{1f6cc}' => "sleep",
        '\u{1f975}' => "hot",
        '\u{1f976}' => "cold",
        '\u{1f327}' | '\u{2614}' => "rain",
        '\u{1f9b5}' => "leg",
        '\u{1f9b6}' => "foot",
        '\u{1f915}' => "hurts",
        _ => return None,
    })
}

fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{fe00}'..='\u{fe0f}' | '\u{00ad}'
    )
}

/// Writes `value` (a fraction, or a whole number plus one) as short decimals:
/// 0.5 as "0.5", 1/3 as "0.333".
fn decimal(value: f64) -> String {
    let s = format!("{value:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

/// The text with fractions, emoji, invisible characters and compatibility
/// forms brought to plain text (see the module doc).
pub(crate) fn normalize(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if let Some(v) = fraction(c) {
            push_fraction(&mut out, v, &chars[i + 1..]);
        } else if let Some((v, used)) = slashed_fraction(&chars[i..]) {
            push_fraction(&mut out, v, &chars[i + used..]);
            i += used;
            continue;
        } else if let Some(word) = emoji_word(c) {
            out.push(' ');
            out.push_str(word);
            out.push(' ');
        } else if c == '\u{00ba}' {
            // The ordinal "º" is a degree sign in "5ºC" (NFKC would make it "o").
            out.push('\u{00b0}');
        } else if !invisible(c) {
            out.push(c);
        }
        i += 1;
    }
    let folded: String = out
        .nfkd()
        .filter(|c| !is_combining_mark(*c))
        .nfc()
        .collect();
    Cow::Owned(folded)
}

/// "1⁄2" (digits, the fraction slash U+2044, digits): its value and length.
fn slashed_fraction(chars: &[char]) -> Option<(f64, usize)> {
    let digits = |s: &[char]| s.iter().take_while(|c| c.is_ascii_digit()).count();
    let n = digits(chars);
    if n == 0 || n > 2 || chars.get(n) != Some(&'\u{2044}') {
        return None;
    }
    let d = digits(&chars[n + 1..]);
    if d == 0 || d > 2 {
        return None;
    }
    let num: String = chars[..n].iter().collect();
    let den: String = chars[n + 1..n + 1 + d].iter().collect();
    let (num, den) = (num.parse::<f64>().ok()?, den.parse::<f64>().ok()?);
    (den > 0.0 && num < den).then_some((num / den, n + 1 + d))
}

/// Appends a fraction: glued to a whole number just written ("5½", "5 ½"),
/// as "half" before a marathon, else as a decimal.
fn push_fraction(out: &mut String, value: f64, after: &[char]) {
    let trimmed = out.trim_end_matches(' ');
    if trimmed.ends_with(|c: char| c.is_ascii_digit()) && !has_decimal_tail(trimmed) {
        out.truncate(trimmed.len());
        let d = decimal(value);
        out.push_str(d.trim_start_matches('0'));
        return;
    }
    let rest: String = after.iter().take(12).collect::<String>().to_lowercase();
    if value == 0.5 && rest.trim_start().starts_with("mara") {
        out.push_str("half");
    } else {
        out.push_str(&decimal(value));
    }
}

/// Whether the number at the end already has a decimal part ("5.5" then
/// "½" is not 5.55).
fn has_decimal_tail(s: &str) -> bool {
    let digits = s.chars().rev().take_while(|c| c.is_ascii_digit()).count();
    s[..s.len() - digits].ends_with(['.', ','])
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn ascii_is_borrowed() {
        assert!(matches!(
            normalize("ran 10k"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn fractions_become_decimals() {
        assert_eq!(normalize("ran 5½ miles"), "ran 5.5 miles");
        assert_eq!(normalize("ran 1 ¾ h"), "ran 1.75 h");
        assert_eq!(normalize("ran 5 1⁄2 miles"), "ran 5.5 miles");
        assert_eq!(normalize("½ marathon"), "half marathon");
        assert_eq!(normalize("ran ½ mile"), "ran 0.5 mile");
        assert_eq!(normalize("ran ⅓ of it"), "ran 0.333 of it");
    }

    #[test]
    fn compatibility_forms_and_accents_fold() {
        assert_eq!(normalize("ｒａｎ １０ｋｍ"), "ran 10km");
        assert_eq!(normalize("café ﬁnished"), "cafe finished");
        assert_eq!(normalize("ran\u{a0}8\u{200b}k"), "ran 8k");
        assert_eq!(normalize("5ºC"), "5°C");
    }

    #[test]
    fn emoji_that_stand_for_words() {
        assert_eq!(normalize("only 5 hrs 😴"), "only 5 hrs  sleep ");
        assert_eq!(normalize("ran 10k🏃\u{200d}♂\u{fe0f}"), "ran 10k🏃♂");
    }
}
