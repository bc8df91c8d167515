//! Time-zone autocomplete for the slash commands' `timezone` options: the
//! IANA names (from jiff's bundled database) that contain what the runner
//! typed, plus common cities that have no zone of their own and the usual
//! abbreviations ("PST", "CET"), each suggesting the IANA name it stands
//! for. The value sent back is always an IANA name the profile accepts.

use std::sync::OnceLock;

use crate::intent::zones;

/// Discord shows at most 25 suggestions.
pub const MAX_SUGGESTIONS: usize = 25;

/// Cities runners type that are not IANA names, with the zone they are in.
/// Abbreviations come from the matcher's own table
/// ([`crate::intent::zones::ABBREVIATIONS`]), so a suggestion and a typed
/// "set tz PST" mean the same zone. EST and MST are database names with no
/// summer time: a typed "tz EST" keeps that zone, but picked from a list
/// the runner is offered the zone they most likely live in, too.
const OTHER_NAMES: &[(&str, &str)] = &[
    ("EST", "America/New_York"),
    ("MST", "America/Denver"),
    ("San Francisco", "America/Los_Angeles"),
    ("Seattle", "America/Los_Angeles"),
    ("Boston", "America/New_York"),
    ("Washington", "America/New_York"),
    ("Miami", "America/New_York"),
    ("Atlanta", "America/New_York"),
    ("Dallas", "America/Chicago"),
    ("Houston", "America/Chicago"),
    ("Austin", "America/Chicago"),
    ("Montreal", "America/Toronto"),
    ("Munich", "Europe/Berlin"),
    ("Hamburg", "Europe/Berlin"),
    ("Frankfurt", "Europe/Berlin"),
    ("Cologne", "Europe/Berlin"),
    ("Barcelona", "Europe/Madrid"),
    ("Milan", "Europe/Rome"),
    ("Geneva", "Europe/Zurich"),
    ("Manchester", "Europe/London"),
    ("Edinburgh", "Europe/London"),
    ("Mumbai", "Asia/Kolkata"),
    ("Delhi", "Asia/Kolkata"),
    ("Bangalore", "Asia/Kolkata"),
    ("Beijing", "Asia/Shanghai"),
    ("Osaka", "Asia/Tokyo"),
    ("Cape Town", "Africa/Johannesburg"),
    ("Rio de Janeiro", "America/Sao_Paulo"),
];

/// Every IANA name, sorted (read once).
fn names() -> &'static [String] {
    static NAMES: OnceLock<Vec<String>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut all: Vec<String> = jiff::tz::db().available().map(|n| n.to_string()).collect();
        all.sort();
        all
    })
}

/// Suggestions for what the runner typed so far, as (label, IANA name):
/// aliases first (an exact abbreviation leads), then IANA names, matching
/// without regard to case, spaces or underscores.
pub fn suggest(typed: &str) -> Vec<(String, String)> {
    let want = fold(typed);
    let mut out: Vec<(String, String)> = Vec::new();
    let mut push = |label: String, zone: &str| {
        if out.len() < MAX_SUGGESTIONS && !out.iter().any(|(l, _)| *l == label) {
            out.push((label, zone.to_owned()));
        }
    };
    let abbreviations = zones::ABBREVIATIONS.iter().map(|(a, z)| (*a, *z));
    let ambiguous = zones::AMBIGUOUS
        .iter()
        .flat_map(|(a, all)| all.iter().map(move |z| (*a, *z)));
    let mut aliases: Vec<(String, &str)> = abbreviations
        .chain(ambiguous)
        .map(|(a, z)| (a.to_uppercase(), z))
        .chain(OTHER_NAMES.iter().map(|(c, z)| ((*c).to_owned(), *z)))
        .filter(|(alias, _)| fold(alias).contains(&want))
        .collect();
    aliases.sort_by_key(|(alias, _)| fold(alias) != want);
    for (alias, zone) in &aliases {
        push(format!("{alias} → {zone}"), zone);
    }
    for name in names() {
        if want.is_empty() && name.contains('/') && !is_common(name) {
            continue;
        }
        if fold(name).contains(&want) {
            push(name.clone(), name);
        }
    }
    out
}

/// With nothing typed yet: the big regions' names, not "Etc/GMT+3".
fn is_common(name: &str) -> bool {
    ["Europe/", "America/", "Asia/", "Australia/"]
        .iter()
        .any(|p| name.starts_with(p))
}

fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-'))
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_part_of_a_city_finds_its_zone() {
        let got = suggest("berl");
        assert!(got.iter().any(|(_, z)| z == "Europe/Berlin"), "{got:?}");
        let got = suggest("new yo");
        assert_eq!(got[0].1, "America/New_York", "{got:?}");
    }

    #[test]
    fn cities_and_abbreviations_suggest_iana_names() {
        assert_eq!(suggest("pst")[0].1, "America/Los_Angeles");
        assert_eq!(suggest("IST")[0].1, "Asia/Kolkata");
        let got = suggest("munich");
        assert_eq!(
            got[0],
            ("Munich → Europe/Berlin".into(), "Europe/Berlin".into())
        );
    }

    #[test]
    fn every_suggestion_is_a_zone_jiff_knows_and_there_are_at_most_25() {
        for typed in ["", "a", "eu", "america", "zzz", "cst", "cape"] {
            let got = suggest(typed);
            assert!(got.len() <= MAX_SUGGESTIONS);
            for (label, zone) in got {
                assert!(label.chars().count() <= 100);
                assert!(jiff::tz::TimeZone::get(&zone).is_ok(), "{zone}");
            }
        }
        assert!(suggest("zzz").is_empty());
    }
}
