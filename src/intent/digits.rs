//! Decimal digits of other scripts ("٥k", "५ km", "１０k") read as the ASCII
//! digits they stand for, so the extractors, which parse numbers with Rust's
//! ASCII-only number parsing, never see a digit they cannot read (a run that
//! was logged with no distance).

use std::sync::LazyLock;

use regex::Regex;

/// One Unicode decimal digit (general category Nd).
static DECIMAL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\p{Nd}$").expect("valid"));

fn is_decimal(c: char) -> bool {
    let mut buf = [0u8; 4];
    DECIMAL.is_match(c.encode_utf8(&mut buf))
}

/// The ASCII digit a decimal digit of any script stands for; other
/// characters as they are.
///
/// Unicode keeps every script's digits in contiguous runs of ten, from 0 to
/// 9 (the standard guarantees it for Nd), and where runs touch (the
/// mathematical digits) each still starts at zero: so a digit's value is its
/// distance from the start of its run of decimal digits, modulo ten.
pub(crate) fn to_ascii(c: char) -> char {
    if c.is_ascii() || !is_decimal(c) {
        return c;
    }
    let mut before = 0u32;
    let mut code = u32::from(c);
    while before < 60 {
        let Some(prev) = code.checked_sub(1).and_then(char::from_u32) else {
            break;
        };
        if !is_decimal(prev) {
            break;
        }
        before += 1;
        code -= 1;
    }
    char::from_digit(before % 10, 10).unwrap_or(c)
}

#[cfg(test)]
mod tests {
    use super::to_ascii;

    #[test]
    fn digits_of_other_scripts_read_as_ascii() {
        let read = |s: &str| s.chars().map(to_ascii).collect::<String>();
        assert_eq!(read("٠١٢٣٤٥٦٧٨٩"), "0123456789"); // Arabic-Indic
        assert_eq!(read("०१२३४५६७८९"), "0123456789"); // Devanagari
        assert_eq!(read("０１２３４５６７８９"), "0123456789"); // full width
        assert_eq!(read("𝟎𝟗𝟘𝟡𝟶𝟿"), "090909"); // mathematical runs touch
        assert_eq!(read("ran 5k ½ ² Ⅻ"), "ran 5k ½ ² Ⅻ"); // not decimal digits
    }
}
