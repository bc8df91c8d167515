//! Every IANA name in the bundled tz database is understood through every
//! phrasing the help and the catalogue suggest, in any case (issue #15: "set
//! tz Asia/Kolkata" once lost its "As" to a connector word).

use cooldown::intent::{parse, Intent, ParseOptions};

const PHRASINGS: [&str; 6] = [
    "set tz {}",
    "timezone {}",
    "my time zone is {}",
    "tz: {}",
    "set my timezone to {}",
    "tz={}",
];

#[test]
fn every_zone_name_round_trips_through_every_phrasing() {
    let opts = ParseOptions::default();
    let mut failures = Vec::new();
    let mut names = 0;
    for zone in jiff::tz::db().available() {
        let name = zone.as_str();
        names += 1;
        for phrasing in PHRASINGS {
            for written in [name.to_owned(), name.to_lowercase(), name.to_uppercase()] {
                let text = phrasing.replace("{}", &written);
                let parsed = parse(&text, &opts);
                let got = parsed.details.profile.time_zone.clone();
                let ok = parsed.intent == Intent::SetProfile && got.as_deref() == Some(name);
                if !ok {
                    failures.push(format!("{text:?} -> {:?} {got:?}", parsed.intent));
                }
            }
        }
    }
    assert!(names > 300, "the bundled database lists {names} names");
    assert!(
        failures.is_empty(),
        "{} of {} failed, e.g.:\n{}",
        failures.len(),
        names * PHRASINGS.len() * 3,
        failures[..failures.len().min(30)].join("\n")
    );
}

#[test]
fn ambiguous_abbreviations_offer_their_zones() {
    let parsed = parse("tz IST", &ParseOptions::default());
    assert_eq!(parsed.intent, Intent::SetProfile);
    assert_eq!(parsed.details.profile.time_zone, None);
    assert_eq!(
        parsed.details.time_zone_options,
        ["Asia/Kolkata", "Europe/Dublin", "Asia/Jerusalem"]
    );
}

#[test]
fn a_question_about_time_zones_sets_nothing() {
    let parsed = parse("what time zone are you in?", &ParseOptions::default());
    assert_eq!(parsed.details.profile.time_zone, None);
    assert!(parsed.details.time_zone_options.is_empty());
}
