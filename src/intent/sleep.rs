//! Sleep reports: "slept 6h40", "only 4 hours sleep", "5.5 hrs of sleep",
//! "sleep tracker says 7h05", "slept 11pm to 6am" (7 h), "barely slept".
//! Read from statements only: "is 6 hours of sleep enough?" reports nothing.

use std::ops::Range;
use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::prefilter::{Gated, Grams};
use super::text::{number, number_pattern};

/// What a message says about last night's sleep.
#[derive(Debug, Default)]
pub(crate) struct Sleep {
    pub hours: Option<f64>,
    /// Sleep was reported, with or without a number ("barely slept").
    pub reported: bool,
    /// Hours said that no night can hold ("slept 30h"); `hours` stays `None`.
    pub impossible: Option<f64>,
    /// Where it was said, so the times are not read as a run's.
    pub spans: Vec<Range<usize>>,
}

fn amount(bare: bool) -> String {
    let num = number_pattern();
    let bare = if bare {
        r"| (?P<bare>\d{1,2}(?:\.\d)?)\b"
    } else {
        ""
    };
    format!(
        r"(?:
            (?P<hh>\d{{1,2}})\s*h(?P<mm>\d{{2}})(?:m|min|mins)?\b
          | (?P<nh>{num})\s+and\s+a\s+half\s+(?:h|hrs|hours)\b
          | (?P<h>{num})\s*(?:h|hr|hrs|hour|hours)\b
               (?:\s*(?:and\s+)?(?P<m>\d{{1,2}})\s*(?:m|min|mins|minutes)?\b)?
               (?P<half>\s+and\s+a\s+half)?
          | (?P<ch>\d{{1,2}}):(?P<cm>\d{{2}})\b
          {bare}
        )"
    )
}

const QUALIFIERS: &str = r"(?:only|just|about|around|approx|roughly|like|maybe|barely|a\s+solid|a\s+good|nearly|almost|over|under|a\s+measly|a\s+whole|~)";

fn regex(pattern: String) -> Regex {
    Regex::new(&pattern).expect("valid sleep regex")
}

static AMOUNTS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    vec![
        regex(format!(
            r"(?x)\bslept\s+(?:for\s+)?(?:{QUALIFIERS}\s*)*{}",
            amount(true)
        )),
        regex(format!(
            r"(?x)\b{}\s+(?:of\s+)?(?:(?:solid|good|bad|broken|decent|proper|deep|quality|interrupted|restless|total)\s+)?(?:sleep|kip|shut[\s-]?eye|zzz+)\b",
            amount(false)
        )),
        regex(format!(
            r"(?x)\b(?:sleep|slept|kip|zzz+)\b[^.,;!?\n\d]{{0,30}}?{}",
            amount(false)
        )),
        regex(format!(
            r"(?x)\b(?:got|had|managed|only)\s+(?:{QUALIFIERS}\s*)*{}\s+(?:last\s+night|in\s+bed|of\s+rest\s+last\s+night)",
            amount(false)
        )),
        regex(format!(
            r"(?x)\b{}\s+in\s+(?:bed|the\s+sack|my\s+bed)\b",
            amount(false)
        )),
        // "slept terribly the night before, 4 hours.": the amount that ends
        // the sentence of a sleep word.
        regex(format!(
            r"(?x)\b(?:sleep|slept)\b[^.;!?\n\d]{{0,40}}?,\s*(?:{QUALIFIERS}\s*)*{}\s*(?:[.;!]|$)",
            amount(false)
        )),
        // "6h last night", "ran 10k, 7 hours last night": hours that open a
        // clause and end with the night are the night's sleep (a run's hours
        // follow a run word in their clause).
        regex(format!(
            r"(?x)(?:^|[,;:.!]|\band)\s*(?:{QUALIFIERS}\s*)*{}\s+(?:of\s+\w+\s+)?(?:last\s+night|overnight)\b",
            amount(false)
        )),
        regex(format!(
            r"(?x)\bslept\s+(?:like\s+a\s+(?:log|baby|rock)|well|badly|ok|okay|great|terribly|poorly)\s*[,:-]?\s*(?:only\s+|about\s+)?{}",
            amount(false)
        )),
    ]
});

const CLOCK: &str = r"\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)?|midnight";

static RANGES: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    vec![
        regex(format!(
            r"(?x)\b(?:slept|sleep|asleep|bed|kip|crashed|sack)\b[^.;!?\n]{{0,20}}?(?:from\s+)?(?P<a>{CLOCK})\s*(?:to|till|until|til|-|->|and)\s*(?P<b>{CLOCK})"
        )),
        regex(format!(
            r"(?x)\b(?:bed|asleep|slept|sleep|crashed|crashed\s+out|lights\s+out|sack|hay)(?:\s+(?:at|by|around|about))?\s+(?P<a>{CLOCK})[^.;!?\n]{{0,25}}?\b(?:up|woke|awake|alarm|wake|got\s+up)\s+(?:up\s+)?(?:at\s+)?(?P<b>{CLOCK})"
        )),
        // "10pm-6am in bed": the range first.
        regex(format!(
            r"(?x)(?P<a>{CLOCK})\s*(?:to|till|until|-)\s*(?P<b>{CLOCK})\s+(?:in\s+bed|asleep|sleep|in\s+the\s+sack)\b"
        )),
        // "woke at 5 after going to bed at 10": the same, the other way round.
        regex(format!(
            r"(?x)\b(?:woke|awake|wake|got\s+up|up)\s+(?:up\s+)?(?:at\s+)?(?P<b>{CLOCK})[^.;!?\n]{{0,25}}?\b(?:bed|asleep|slept|crashed|sack)\s+(?:at|by|around|about)\s+(?P<a>{CLOCK})"
        )),
    ]
});

static AFTER_COMPLAINT: LazyLock<Regex> = LazyLock::new(|| {
    regex(format!(
        r"(?x)^[\s,:-]*(?:{QUALIFIERS}\s*)*{}",
        amount(false)
    ))
});

static ZERO: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?x)\b(?:no\s+sleep|zero\s+sleep|didn'?t\s+sleep\s+at\s+all|did\s+not\s+sleep\s+at\s+all|not\s+a\s+wink|all[\s-]nighter|up\s+all\s+night|0\s*(?:h|hrs|hours)?\s+(?:of\s+)?sleep)\b"
            .to_string(),
    )
});

static QUALITATIVE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?x)\b(?:barely\s+slept|hardly\s+slept|didn'?t\s+sleep|couldn'?t\s+sleep|slept\s+(?:badly|terribly|awfully|poorly|well|great|ok|okay|fine|brilliantly|like\s+a\s+(?:baby|log|rock)|in|through|till|until|late|horribly|rubbish)|(?:bad|terrible|awful|poor|rough|broken|restless|good|great|decent|crap|shocking|rubbish)\s+(?:night'?s?\s+)?sleep|insomnia|tossing\s+and\s+turning|woke\s+up\s+(?:every|loads|lots|several)|sleep\s+(?:was|is)\s+(?:bad|terrible|awful|poor|rubbish|rough|crap|great|good)|had\s+a\s+(?:decent|good|great|bad|rough|terrible|awful|poor|solid|broken|restless|long|short|shocking|crap)\s+night)\b"
            .to_string(),
    )
});

/// Words one of which every sleep pattern holds (a cheap first check).
static SLEEP_WORDS: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(
        r"sleep|slept|bed|kip|zzz|shut|night|wake|woke|crash|sack|hay|lights|insomnia|tossing|wink",
    )
    .expect("valid sleep words regex")
});

/// Reads sleep from `statements` (the message with questions blanked).
pub(crate) fn find(g: &Grams, statements: &str) -> Sleep {
    let mut sleep = Sleep::default();
    // Every pattern below holds one of these words: most messages (runs,
    // questions) have none, and then no sleep regex runs.
    if !SLEEP_WORDS.is_match(g, statements) {
        return sleep;
    }
    for re in RANGES.iter() {
        if let Some(c) = re.captures(statements) {
            if let Some(h) = range_hours(&c) {
                sleep.hours = Some(h);
                sleep.reported = true;
                sleep.spans.extend(c.get(0).map(|m| m.range()));
                return sleep;
            }
        }
    }
    for re in AMOUNTS.iter() {
        if let Some(c) = re.captures(statements) {
            // "slept -3h": no night is negative; dropping the sign would
            // log 3 hours.
            let sign = if negative(statements, &c) { -1.0 } else { 1.0 };
            match amount_hours(&c).map(|h| h * sign) {
                Some(h) if h < 0.0 => sleep.impossible = Some(h),
                Some(h) if (0.0..=24.0).contains(&h) => sleep.hours = Some(h),
                Some(h) if h.is_finite() && h > 24.0 => sleep.impossible = Some(h),
                _ => continue,
            }
            sleep.reported = true;
            sleep.spans.extend(c.get(0).map(|m| m.range()));
            return sleep;
        }
    }
    if let Some(m) = ZERO.find(statements) {
        sleep.hours = Some(0.0);
        sleep.reported = true;
        sleep.spans.push(m.range());
    } else if let Some(m) = QUALITATIVE.find(statements) {
        sleep.reported = true;
        sleep.spans.push(m.range());
        // "couldn't sleep, maybe 3 hours": the number follows the complaint.
        if let Some(c) = AFTER_COMPLAINT.captures(&statements[m.end()..]) {
            if let Some(h) = amount_hours(&c).filter(|h| (0.0..=24.0).contains(h)) {
                sleep.hours = Some(h);
                if let Some(a) = c.get(0) {
                    sleep.spans.push(m.end() + a.start()..m.end() + a.end());
                }
            }
        }
    }
    sleep
}

/// A minus sign right before the amount's number ("slept -3h").
fn negative(statements: &str, c: &Captures) -> bool {
    let start = ["hh", "nh", "h", "ch", "bare"]
        .iter()
        .find_map(|name| c.name(name))
        .map(|m| m.start());
    let Some(before) = start.and_then(|s| statements.get(..s)) else {
        return false;
    };
    // Touching the number: "not much sleep - 4.5h" is punctuation.
    before
        .strip_suffix('-')
        .is_some_and(|rest| !rest.ends_with(|c: char| c.is_alphanumeric()))
}

fn amount_hours(c: &Captures) -> Option<f64> {
    let n = |name: &str| c.name(name).and_then(|m| number(m.as_str()));
    if let (Some(h), Some(m)) = (n("hh"), n("mm")) {
        return (m < 60.0).then_some(h + m / 60.0);
    }
    if let Some(h) = n("nh") {
        return Some(h + 0.5);
    }
    if let Some(h) = n("h") {
        let m = n("m").unwrap_or(0.0);
        let half = if c.name("half").is_some() { 0.5 } else { 0.0 };
        return (m < 60.0).then_some(h + m / 60.0 + half);
    }
    if let (Some(h), Some(m)) = (n("ch"), n("cm")) {
        // "22:30" is a clock time, not a night's sleep.
        return (m < 60.0 && h <= 16.0).then_some(h + m / 60.0);
    }
    n("bare").filter(|h| *h <= 14.0)
}

/// Minutes after midnight of a clock time; `evening` reads "11" as 23:00.
fn clock_minutes(s: &str, evening: bool) -> Option<u32> {
    let s = s.trim();
    if s == "midnight" {
        return Some(0);
    }
    let digits_end = s
        .find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.'))
        .unwrap_or(s.len());
    let (num, suffix) = s.split_at(digits_end);
    let (h, m) = match num.split_once([':', '.']) {
        Some((h, m)) => (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?),
        None => (num.parse::<u32>().ok()?, 0),
    };
    if h > 24 || m > 59 {
        return None;
    }
    let h = match suffix.trim() {
        "pm" if h < 12 => h + 12,
        "am" if h == 12 => 0,
        "" if evening && (7..=11).contains(&h) => h + 12,
        "" if h == 12 || h == 24 => 0,
        _ => h,
    };
    Some(h * 60 + m)
}

fn range_hours(c: &Captures) -> Option<f64> {
    let start = clock_minutes(c.name("a")?.as_str(), true)?;
    let end = clock_minutes(c.name("b")?.as_str(), false)?;
    let minutes = (end + 24 * 60 - start) % (24 * 60);
    let hours = f64::from(minutes) / 60.0;
    (hours > 0.0 && hours <= 16.0).then_some(hours)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> Sleep {
        find(&Grams::new(s), s)
    }

    #[test]
    fn amounts_and_ranges() {
        assert_eq!(read("slept 6h40").hours, Some(6.0 + 40.0 / 60.0));
        assert_eq!(read("only 4 hours sleep").hours, Some(4.0));
        assert_eq!(read("slept 11pm to 6am").hours, Some(7.0));
        assert_eq!(read("in bed at 10:30, up at 6").hours, Some(7.5));
        assert_eq!(read("seven and a half hours of sleep").hours, Some(7.5));
    }

    #[test]
    fn reports_without_numbers() {
        let s = read("barely slept");
        assert!(s.reported);
        assert_eq!(s.hours, None);
        assert_eq!(read("no sleep at all").hours, Some(0.0));
        assert!(!read("ran 10k").reported);
        let s = read("slept -3h");
        assert_eq!((s.hours, s.impossible), (None, Some(-3.0)));
        let s = read("slept 30h");
        assert_eq!(
            (s.hours, s.impossible, s.reported),
            (None, Some(30.0), true)
        );
    }
}
