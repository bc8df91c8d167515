//! A run's start and end on the clock: "started 7:05, finished 8:10",
//! "out the door 6:15, back 7:02", "ran from 6:00 to 6:45", "left at 7,
//! back at 8:05" give its elapsed time. Read before clock times are masked
//! (a clock time alone is never a duration), and only when one of the two
//! times is unmistakably a clock ("7:05", "6am").
//!
//! Pinned by `tests/corpus/parse/clock_times.jsonl`.

use std::sync::LazyLock;

use regex::Captures;

use super::prefilter::{Gated, Grams};

use super::text;

const CLOCK: &str = r"\d{1,2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?";

static SPAN: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(&format!(
        r"(?x)\b(?:started|starting|start|out\s+the\s+door|left(?:\s+(?:home|the\s+house))?|went\s+out|set\s+off|headed\s+out|out|from|ran|run|jogged)
          \s+(?:at\s+|around\s+|about\s+|just\s+after\s+)?(?P<a>{CLOCK})
          (?:\s*[,;]\s*|\s+and\s+|\s*)(?:then\s+)?
          (?:to|till|until|til|-|finished|finishing|finish|back|home|done|ended|stopped|got\s+back|got\s+home|returned|in)
          \s*(?:at\s+|by\s+|around\s+|about\s+|just\s+before\s+)?(?P<b>{CLOCK})
          (?P<unit>\s*(?:/|(?:k|km|kms|mi|miles?|m|min|mins|minutes?|h|hrs?|hours?|s|secs?|seconds?|x)\b))?"
    ))
    .expect("valid elapsed regex")
});

static AM_PM: LazyLock<Gated> =
    LazyLock::new(|| Gated::new(r"\d\s*[ap]\.?m\b").expect("valid am/pm regex"));

/// Minutes past midnight of a clock time, and whether it said am or pm.
fn minutes(s: &str) -> Option<(u32, bool)> {
    let s = s.trim();
    let (digits, half) = match s.find(['a', 'p']) {
        Some(i) => (s[..i].trim(), Some(s.as_bytes()[i] == b'p')),
        None => (s, None),
    };
    let (h, m) = match digits.split_once(':') {
        Some((h, m)) => (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?),
        None => (digits.parse::<u32>().ok()?, 0),
    };
    if h > 23 || m > 59 {
        return None;
    }
    let h = match half {
        Some(true) if h < 12 => h + 12,
        Some(false) if h == 12 => 0,
        _ => h,
    };
    Some((h * 60 + m, half.is_some()))
}

fn elapsed(c: &Captures) -> Option<u32> {
    if c.name("unit").is_some() {
        return None;
    }
    let (a_text, b_text) = (c.name("a")?.as_str(), c.name("b")?.as_str());
    let clear = |t: &str| t.contains(':') || t.contains(['a', 'p']);
    if !clear(a_text) && !clear(b_text) {
        return None;
    }
    let (a, a_half) = minutes(a_text)?;
    let (b, b_half) = minutes(b_text)?;
    // Without am/pm on both, "11:30 to 1:10" crosses noon: add 12 hours.
    let day = if a_half && b_half { 24 * 60 } else { 12 * 60 };
    let mut diff = (b + 24 * 60 - a) % (24 * 60);
    if !(a_half && b_half) {
        diff %= day;
    }
    (1..=8 * 60).contains(&diff).then_some(diff * 60)
}

/// The elapsed time between a start and an end clock time, with the span
/// blanked in `work` so neither time is read again.
pub(crate) fn find(g: &Grams, work: &mut String) -> Option<u32> {
    // One of the two times must be a clock ("7:05", "6am"): nothing to do
    // without a colon or an "am"/"pm".
    if !work.contains(':') && !AM_PM.is_match(g, work) {
        return None;
    }
    let (range, seconds) = SPAN
        .captures_iter(g, work)
        .find_map(|c| Some((c.get(0)?.range(), elapsed(&c)?)))?;
    text::blank(work, range);
    Some(seconds)
}

#[cfg(test)]
mod tests {
    use super::find;
    use crate::intent::prefilter::Grams;

    fn read(s: &str) -> Option<u32> {
        find(&Grams::new(s), &mut s.to_string())
    }

    #[test]
    fn start_and_end_on_the_clock() {
        assert_eq!(read("started 7:05, finished 8:10, 12k"), Some(3900));
        assert_eq!(read("out the door 6:15, back 7:02"), Some(2820));
        assert_eq!(read("ran from 6:00 to 6:45"), Some(2700));
        assert_eq!(read("left at 7, back at 8:05"), Some(3900));
        assert_eq!(read("out 11:30, back 1:10"), Some(6000));
        assert_eq!(read("from 6pm to 7pm"), Some(3600));
        assert_eq!(read("ran 6:10-7:00 this morning"), Some(3000));
    }

    #[test]
    fn not_clock_spans() {
        assert_eq!(read("from 5 to 8 miles"), None);
        assert_eq!(read("from 5 to 8"), None);
        assert_eq!(read("ran 5k in 24:30"), None);
        assert_eq!(read("ran 4:50-5:10/km"), None);
    }
}
