//! Property tests: whatever the input (arbitrary Unicode, huge numbers,
//! run-like noise, nothing at all), `parse` returns and every value stays
//! within the contract.

use cooldown::intent::{parse, Matcher, ParseOptions, Parsed, Unit, MAX_INPUT_CHARS};
use proptest::prelude::*;

fn check(p: &Parsed) -> Result<(), TestCaseError> {
    if let Some(d) = p.distance_m {
        prop_assert!(d.is_finite() && d > 0.0, "distance {d}");
    }
    if let Some(s) = p.duration_s {
        prop_assert!(s > 0 && s <= 100 * 3600, "duration {s}");
    }
    if let Some(h) = p.sleep_hours {
        prop_assert!(h.is_finite() && (0.0..=24.0).contains(&h), "sleep {h}");
    }
    prop_assert!(p.days_ago <= 365, "days_ago {}", p.days_ago);
    prop_assert!(
        p.conditions.windows(2).all(|w| w[0] < w[1]),
        "conditions {:?}",
        p.conditions
    );
    prop_assert!(
        p.body_parts.windows(2).all(|w| w[0] < w[1]),
        "body parts {:?}",
        p.body_parts
    );
    if let Some(r) = p.reminder {
        if let Some(at) = r.at {
            prop_assert!(at.hour < 24 && at.minute < 60, "reminder {at}");
        }
    }
    // The JSON form always carries every field and round-trips as JSON.
    let json = serde_json::to_value(p).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(json.as_object().map(|o| o.len()), Some(10));
    Ok(())
}

/// Words runners use, so random messages hit the matcher's real paths.
const WORDS: &[&str] = &[
    "ran",
    "run",
    "easy",
    "tempo",
    "long",
    "race",
    "pb",
    "half",
    "marathon",
    "parkrun",
    "slept",
    "sleep",
    "rest",
    "day",
    "off",
    "sore",
    "calves",
    "knee",
    "hot",
    "cold",
    "-",
    "°c",
    "°f",
    "at",
    "by",
    "in",
    "for",
    "x",
    "k",
    "km",
    "mi",
    "miles",
    "m",
    "h",
    "min",
    "mins",
    ":",
    "/km",
    "yesterday",
    "days",
    "ago",
    "remind",
    "me",
    "pm",
    "am",
    "midnight",
    "?",
    ",",
    ".",
    "undo",
    "stats",
    "help",
    "i'm",
    "use",
    "tz",
    "Europe/Berlin",
    "no",
    "not",
    "total",
    "=",
    "warm",
    "up",
    "🏃",
    "ü",
    "İ",
    "\u{0}",
    "\n",
];

fn runner_noise() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        proptest::sample::select(WORDS).prop_map(str::to_string),
        any::<u64>().prop_map(|n| n.to_string()),
        (0u32..100, 0u32..100).prop_map(|(a, b)| format!("{a}:{b:02}")),
        (0u32..30, 0u32..100, 0u32..100).prop_map(|(a, b, c)| format!("{a}:{b:02}:{c:02}")),
        any::<f64>().prop_map(|f| format!("{f}")),
        "[0-9]{1,40}(\\.[0-9]{1,5})?",
    ];
    proptest::collection::vec(token, 0..24).prop_map(|t| t.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_unicode_stays_in_contract(s in "\\PC{0,300}") {
        check(&parse(&s, &ParseOptions::default()))?;
    }

    #[test]
    fn runner_like_noise_stays_in_contract(s in runner_noise(), miles in any::<bool>()) {
        let unit = if miles { Unit::Mi } else { Unit::Km };
        check(&parse(&s, &ParseOptions { default_unit: unit }))?;
    }

    #[test]
    fn the_prefilter_changes_nothing(s in runner_noise(), fahrenheit in any::<bool>()) {
        let opts = ParseOptions::default();
        prop_assert_eq!(
            Matcher::new(true).parse_for_runner(&s, &opts, fahrenheit),
            Matcher::new(false).parse_for_runner(&s, &opts, fahrenheit)
        );
    }

    #[test]
    fn huge_numbers_stay_in_contract(n in "[0-9]{10,400}", unit in "(km|k|mi|miles|m|h|min|days ago|x800m|°c|hours sleep)") {
        let text = format!("ran {n}{unit} slept {n} hours {n} days ago remind me at {n}pm");
        check(&parse(&text, &ParseOptions::default()))?;
    }
}

proptest! {
    // Each case parses two 4,000-character messages: fewer cases suffice.
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

    #[test]
    fn text_past_the_limit_is_ignored(prefix in "[a-z ]{0,20}") {
        // Whatever sits past MAX_INPUT_CHARS cannot change the answer.
        let head = format!("{prefix}{}", " ".repeat(MAX_INPUT_CHARS));
        let a = parse(&head, &ParseOptions::default());
        let b = parse(&format!("{head} ran 20k hot"), &ParseOptions::default());
        prop_assert_eq!(a, b);
    }
}

#[test]
fn empty_and_blank() {
    for s in [
        "", " ", "\n", "\u{feff}", "????", "0", "0k", "ran 0k", "slept 0h",
    ] {
        let p = parse(s, &ParseOptions::default());
        check(&p).unwrap_or_else(|e| panic!("{s:?}: {e}"));
    }
    assert_eq!(parse("ran 0k", &ParseOptions::default()).distance_m, None);
}
