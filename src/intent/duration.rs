//! Elapsed times: "24:10", "1:45:30", "45min", "90 mins", "1h20", "1h 20m",
//! "an hour", "half an hour". Paces ("5:10/km", "8:30 min/mi", "8 min
//! miles"), speeds ("12 km/h") and clock times ("at 6:30", "7am") are masked
//! first: they are never a duration.
//!
//! "a:bb" is h:mm or m:ss, whichever gives the pace closest to a typical
//! runner's for the distance; with no distance, a small `a` reads as hours.

use std::sync::LazyLock;

use super::prefilter::{Gated, Grams};

use super::text::{self, number, number_pattern};

/// A time found in the text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Time {
    /// Seconds, unambiguous.
    Exact(f64),
    /// "a:bb": minutes:seconds or hours:minutes.
    Ambiguous { a: u32, b: u32 },
}

/// The longest elapsed time we take as a run (a very long ultra).
const MAX_SECONDS: f64 = 100.0 * 3600.0;
/// A middle-of-the-pack pace, in seconds per km, to settle "a:bb".
const TYPICAL_PACE: f64 = 360.0;

static PACE: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(
        r"(?x)
          (?:@|\bpace(?:\s+of|\s+was|\s+is|:)?|\bavg|\baverage[ds]?|\baveraging|\bat\s+(?:a\s+)?)
              \s*\d{1,2}[:.]\d{2}(?P<more>:\d{2})?
              (?:\s*(?:min(?:s|utes)?)?\s*(?:/|per|a)\s*(?:km|k|kilomet\w+|mi|miles?|m)\b)?(?:\s*pace\b)?
        | \b\d{1,2}(?:[:.]\d{2})?\s*(?:min(?:s|utes?)?|m)?\s*(?:/|per)\s*(?:km|k|kilomet\w+|mi|miles?)\b
        | \b\d{1,2}[:.]\d{2}\s*(?:min(?:s|utes)?\s*)?(?:pace|avg|average|mpk|mpm|min/km|min/mi|/km|/mi|/k|/mile)
        | \b\d{1,2}(?:[:.]\d{2})?\s*(?:min(?:ute)?s?)[\s-]*(?:miles?|kms?|k|kilomet\w+)\b
        | \b\d+(?:\.\d+)?\s*(?:km/?h|kph|kmh|mph|km\s+per\s+hour|miles\s+per\s+hour)\b",
    )
    .expect("valid pace regex")
});

static CLOCK: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(
        r"(?x)
          \b\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|a\.m\.?|p\.m\.?)(?:\b|$)
        | \b(?:at|by|around|from|until|till|til|before|since|@)\s+(?P<n>\d{1,2}(?:[:.]\d{2})?)(?P<more>:\d{2})?\b
        | \b(?:midnight|noon|midday)\b",
    )
    .expect("valid clock regex")
});

static DURATION: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(&format!(
        r"(?x)
          \b(?P<h3>\d{{1,2}}):(?P<m3>\d{{2}}):(?P<s3>\d{{2}})\b
        | \b(?P<a>\d{{1,3}}):(?P<b>\d{{2}})\b
        | \b(?P<hn2>\d{{1,3}})\s*(?:h|hr|hrs)(?P<hm2>\d{{1,2}})(?:m|min|mins)?\b
        | \b(?P<hn>{num})\s*(?:h|hr|hrs|hour|hours)\b
             (?:\s*(?:and\s+)?(?P<hm>\d{{1,2}})\s*(?:m|min|mins|minutes)?\b)?
             (?P<hhalf>\s+and\s+a\s+half)?
        | \b(?P<hnh>{num})\s+and\s+a\s+half\s+(?:h|hrs|hours)\b
        | \b(?P<mn>{num})\s*(?:m|min|mins|minutes|mns)\b
             (?:\s*(?P<sec>\d{{1,2}})\s*(?:s|sec|secs|seconds)\b)?
        | \b(?P<one>an?|one)\s+hour\b(?P<onehalf>\s+and\s+a\s+half)?
             (?:\s+and\s+(?P<onem>\d{{1,2}})\s*(?:m|min|mins|minutes)\b)?
        | \b(?P<halfhour>half\s+an\s+hour|half\s+hour)\b
        | \b(?P<hourhalf>hour\s+and\s+a\s+half)\b
        | \b(?P<quarter>(?:a\s+)?quarter\s+of\s+an\s+hour)\b
        | \b(?P<mq>\d{{1,3}})'(?P<sq>\d{{2}})",
        num = number_pattern()
    ))
    .expect("valid duration regex")
});

static TARGET: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(r"(?x)\b(?:broke|break|breaking|sub|under|beat|beating|target|goal|aiming\s+for|hoping\s+for|dip\s+under|go\s+under)\s+(?:the\s+)?$")
        .expect("valid target regex")
});

static RECOVERY_AFTER: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(r"(?x)^\s*(?:easy|jog|rest|recovery|recoveries|walk|off|float|between|standing)\b")
        .expect("valid recovery regex")
});

/// Hours at work, not on the run: "a 12h night shift", "10 hour shift",
/// "12-hour day at work".
static WORK_HOURS: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(
        r"(?x)\b\d{1,2}(?:\.\d)?\s*-?\s*(?:h|hr|hrs|hour|hours)\s*-?\s*(?:(?:night|day|late|early|long|double|hospital|work|nursing|ward)\s+)?(?:shifts?|day\s+at\s+work|workday|working\s+day)\b",
    )
    .expect("valid work hours regex")
});

/// Blanks paces, speeds, clock times and hours at work in `work`.
pub(crate) fn mask_non_durations(g: &Grams, work: &mut String) {
    let shifts: Vec<_> = WORK_HOURS.find_iter(g, work).map(|m| m.range()).collect();
    for r in shifts {
        text::blank(work, r);
    }
    let paces: Vec<_> = PACE
        .captures_iter(g, work)
        .filter(|c| c.name("more").is_none())
        .filter_map(|c| c.get(0).map(|m| m.range()))
        .collect();
    for r in paces {
        text::blank(work, r);
    }
    let clocks: Vec<_> = CLOCK
        .captures_iter(g, work)
        .filter(|c| c.name("more").is_none())
        .filter(|c| match c.name("n") {
            // "at 6" is a clock; "around 10 miles" and "by 5 min" are not.
            Some(n) => !followed_by_unit(work, n.end()),
            None => true,
        })
        .filter_map(|c| c.get(0).map(|m| m.range()))
        .collect();
    for r in clocks {
        text::blank(work, r);
    }
}

fn followed_by_unit(work: &str, end: usize) -> bool {
    const UNITS: &[&str] = &[
        "k",
        "km",
        "kms",
        "mi",
        "mile",
        "miles",
        "m",
        "min",
        "mins",
        "minutes",
        "h",
        "hr",
        "hrs",
        "hour",
        "hours",
        "x",
        "kilometres",
        "kilometers",
        "metres",
        "meters",
        "s",
        "sec",
        "secs",
    ];
    let rest = &work[end..];
    let mut chars = rest.chars();
    if matches!(chars.next(), Some('.' | ',')) && chars.next().is_some_and(|c| c.is_ascii_digit()) {
        return true;
    }
    let word: String = rest
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect();
    UNITS.contains(&word.as_str())
}

/// Every duration in `work`, in order, blanked as they are taken.
/// `intervals`: the run is a reps session, so "1 min easy" is a recovery.
pub(crate) fn find(g: &Grams, work: &mut String, intervals: bool) -> Vec<(usize, Time)> {
    let mut out = Vec::new();
    let mut spans = Vec::new();
    for c in DURATION.captures_iter(g, work) {
        let Some(all) = c.get(0) else { continue };
        let n = |name: &str| c.name(name).and_then(|m| number(m.as_str()));
        let time = if let (Some(h), Some(m), Some(s)) = (n("h3"), n("m3"), n("s3")) {
            (m < 60.0 && s < 60.0).then_some(Time::Exact(h * 3600.0 + m * 60.0 + s))
        } else if let (Some(a), Some(b)) = (n("a"), n("b")) {
            (b < 60.0).then_some(Time::Ambiguous {
                a: a as u32,
                b: b as u32,
            })
        } else if let (Some(h), Some(m)) = (n("hn2"), n("hm2")) {
            (m < 60.0).then_some(Time::Exact(h * 3600.0 + m * 60.0))
        } else if let Some(h) = n("hn") {
            let m = n("hm").unwrap_or(0.0);
            let half = if c.name("hhalf").is_some() {
                1800.0
            } else {
                0.0
            };
            (m < 60.0).then_some(Time::Exact(h * 3600.0 + m * 60.0 + half))
        } else if let Some(h) = n("hnh") {
            Some(Time::Exact(h * 3600.0 + 1800.0))
        } else if let Some(m) = n("mn") {
            // "800m" is metres, not minutes: left to the distances.
            let said = all.as_str();
            let bare_m = !said.contains("min") && !said.contains("mns");
            if bare_m && m >= 100.0 {
                continue;
            }
            Some(Time::Exact(m * 60.0 + n("sec").unwrap_or(0.0)))
        } else if c.name("one").is_some() {
            let half = if c.name("onehalf").is_some() {
                1800.0
            } else {
                0.0
            };
            Some(Time::Exact(3600.0 + half + n("onem").unwrap_or(0.0) * 60.0))
        } else if c.name("halfhour").is_some() {
            Some(Time::Exact(1800.0))
        } else if c.name("hourhalf").is_some() {
            Some(Time::Exact(5400.0))
        } else if c.name("quarter").is_some() {
            Some(Time::Exact(900.0))
        } else if let (Some(m), Some(s)) = (n("mq"), n("sq")) {
            (s < 60.0).then_some(Time::Exact(m * 60.0 + s))
        } else {
            None
        };
        spans.push(all.range());
        // "broke 20 mins", "sub 3 hours": a target, not the time it took;
        // "1 min easy" between reps is a recovery, not the run's time.
        let recovery = intervals && RECOVERY_AFTER.is_match(g, &work[all.end()..]);
        if TARGET.is_match(g, &work[..all.start()]) || recovery {
            continue;
        }
        if let Some(t) = time {
            out.push((all.start(), t));
        }
    }
    // A race report's finish time is the run's time; the splits and the
    // goal before it are parts ("halfway in 1:43:10 ... finished in 3:31:45").
    if out.len() > 1 {
        if let Some(i) = out
            .iter()
            .position(|(at, _)| FINISH_BEFORE.is_match(g, &work[..*at]))
        {
            let finish = out.remove(i);
            out.insert(0, finish);
        }
    }
    for r in spans {
        text::blank(work, r);
    }
    out
}

/// Words right before a race's finish time.
static FINISH_BEFORE: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(
        r"(?x)\b(?:finish(?:ed|ing)?|finish\s+time|official(?:\s+time)?|chip(?:\s+time)?|gun\s+time|crossed\s+the\s+line|over\s+the\s+line|final\s+time|came\s+(?:in|home)|clocked|time\s+(?:was|of)|time:?|result|net\s+time)\b[^.;!?\n\d]{0,16}$",
    )
    .expect("valid finish regex")
});

static BARE_MINUTES: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(
        r"(?x)\bin\s+(?:about\s+|around\s+|just\s+(?:under|over)\s+|under\s+)?(?P<n>\d{1,3})(?:ish)?
          \s*(?:$|[,.!;)]|\s+(?:flat|today|this|yesterday|on|with|and|but|dead|exactly|total))",
    )
    .expect("valid bare minutes regex")
});

/// "10k in 45": a bare number after "in" is minutes, when a distance makes
/// that a runner's pace (2:30 to 15:00 per km).
pub(crate) fn bare_minutes(g: &Grams, work: &str, distance_m: Option<f64>) -> Option<u32> {
    let km = distance_m.filter(|d| *d > 0.0)? / 1000.0;
    BARE_MINUTES.captures_iter(g, work).find_map(|c| {
        let minutes = number(c.name("n")?.as_str())?;
        let pace = minutes * 60.0 / km;
        (150.0..=900.0)
            .contains(&pace)
            .then_some((minutes * 60.0) as u32)
    })
}

/// The run's elapsed time: the first duration, with "a:bb" settled by the
/// distance. `None` when nothing sane was said.
pub(crate) fn resolve(times: &[(usize, Time)], distance_m: Option<f64>) -> Option<u32> {
    // "10k at lunch 12:30, 55 min": a clock time that slipped through reads
    // as no runner's pace either way; the next time is the run's.
    let km = distance_m.filter(|d| *d > 0.0).map(|d| d / 1000.0);
    let unlikely = |t: &Time| {
        let s = reading(t, distance_m);
        matches!(t, Time::Ambiguous { .. })
            && km.is_some_and(|km| !(150.0..=1200.0).contains(&(s / km)))
    };
    let (_, first) = times
        .iter()
        .find(|(_, t)| !unlikely(t))
        .or_else(|| times.first())?;
    let seconds = reading(first, distance_m).round();
    (1.0..=MAX_SECONDS)
        .contains(&seconds)
        .then_some(seconds as u32)
}

/// Seconds of one time, "a:bb" read as h:mm or m:ss by the distance.
fn reading(time: &Time, distance_m: Option<f64>) -> f64 {
    match *time {
        Time::Exact(s) => s,
        Time::Ambiguous { a, b } => {
            let (a, b) = (f64::from(a), f64::from(b));
            let as_min_sec = a * 60.0 + b;
            let as_hour_min = a * 3600.0 + b * 60.0;
            match distance_m.filter(|d| *d > 0.0) {
                Some(d) => {
                    let km = d / 1000.0;
                    let off = |s: f64| ((s / km) / TYPICAL_PACE).ln().abs();
                    if off(as_hour_min) < off(as_min_sec) {
                        as_hour_min
                    } else {
                        as_min_sec
                    }
                }
                // "ran 1:10" is an hour and ten; "ran 45:00" is 45 minutes.
                None if a <= 3.0 => as_hour_min,
                None => as_min_sec,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(s: &str, d: Option<f64>) -> Option<u32> {
        let g = Grams::new(s);
        let mut w = s.to_string();
        mask_non_durations(&g, &mut w);
        resolve(&find(&g, &mut w, false), d)
    }

    #[test]
    fn plausible_pace_settles_a_colon_b() {
        assert_eq!(first("half done in 2:05", Some(21097.5)), Some(7500));
        assert_eq!(first("3k time trial 12:40", Some(3000.0)), Some(760));
        assert_eq!(first("ran 45:00", None), Some(2700));
        assert_eq!(first("ran 1:10", None), Some(4200));
    }

    #[test]
    fn paces_and_clocks_are_not_durations() {
        assert_eq!(first("6:40/km pace", None), None);
        assert_eq!(first("8:30 min/mi", None), None);
        assert_eq!(first("meeting at 10:30", None), None);
        assert_eq!(first("8 min miles", None), None);
        assert_eq!(
            first("just off a 12h night shift, ran 5k home", Some(5000.0)),
            None
        );
        assert_eq!(
            first("after a 10 hour shift i ran 30 min", None),
            Some(1800)
        );
    }

    #[test]
    fn unit_forms() {
        assert_eq!(first("1h20", None), Some(4800));
        assert_eq!(first("1h 20m", None), Some(4800));
        assert_eq!(first("90 mins", None), Some(5400));
        assert_eq!(first("half an hour", None), Some(1800));
        assert_eq!(first("an hour and a half", None), Some(5400));
    }
}
