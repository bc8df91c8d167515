//! Time zones in a runner's words: "set tz Asia/Kolkata", "timezone
//! Europe/Berlin", "my time zone is America/New_York", "tz: UTC", a bare
//! IANA name anywhere, and a few abbreviations ("tz PST"). Abbreviations
//! that stand for several zones ("IST" is India, Ireland or Israel) are
//! returned as options so the engine can ask which one was meant.
//!
//! Every name of the bundled tz database is accepted, in any case (a test
//! walks them all); single words after "tz" count only when they name a
//! zone, so "what time zone are you in?" sets nothing.

use std::sync::LazyLock;

use regex::Regex;

/// "tz X", "time zone is X", "timezone: X", "tz=X". The connector must end
/// at a word boundary: in "tz Asia/Kolkata" the "As" of Asia is not "as".
static PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)\b(?:tz|time\s*zone)\b
          (?:\s+(?:is|to|as|=)\b|\s*[=:])?\s*
          (?P<tz>[a-z][a-z0-9_+\-]*(?:/[a-z0-9_+\-]+){0,2})",
    )
    .expect("valid time zone phrase regex")
});

/// An IANA name with an area prefix, wherever it stands in the message.
static AREA_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?P<tz>(?:Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc)/[A-Za-z0-9_+\-]+(?:/[A-Za-z0-9_+\-]+)?)",
    )
    .expect("valid time zone name regex")
});

/// Abbreviations that runners use for one zone and that are not names in
/// the database, lower case (a database name, even a legacy one like "EST",
/// is taken as written). The slash commands' autocomplete suggests from the
/// same table, so what a runner may pick and what they may say agree.
pub const ABBREVIATIONS: &[(&str, &str)] = &[
    ("pst", "America/Los_Angeles"),
    ("pdt", "America/Los_Angeles"),
    ("pt", "America/Los_Angeles"),
    ("edt", "America/New_York"),
    ("et", "America/New_York"),
    ("cdt", "America/Chicago"),
    ("ct", "America/Chicago"),
    ("mdt", "America/Denver"),
    ("mt", "America/Denver"),
    ("akst", "America/Anchorage"),
    ("jst", "Asia/Tokyo"),
    ("kst", "Asia/Seoul"),
    ("aest", "Australia/Sydney"),
    ("aedt", "Australia/Sydney"),
    ("awst", "Australia/Perth"),
    ("nzst", "Pacific/Auckland"),
    ("nzdt", "Pacific/Auckland"),
    ("cest", "Europe/Paris"),
    ("eest", "Europe/Athens"),
    ("sast", "Africa/Johannesburg"),
];

/// Abbreviations that stand for several zones, the most used first: the
/// runner is asked (the autocomplete lists them all).
pub const AMBIGUOUS: &[(&str, &[&str])] = &[
    ("ist", &["Asia/Kolkata", "Europe/Dublin", "Asia/Jerusalem"]),
    ("bst", &["Europe/London", "Asia/Dhaka"]),
    (
        "cst",
        &["America/Chicago", "Asia/Shanghai", "America/Havana"],
    ),
    ("ast", &["America/Halifax", "Asia/Riyadh"]),
];

/// What a message says about the runner's time zone.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct ZoneMention {
    /// A zone name to validate and save (as written, or the zone an
    /// abbreviation or city stands for).
    pub name: Option<String>,
    /// Several zones an abbreviation may mean, to ask about.
    pub options: Vec<String>,
}

/// Reads the time zone a message sets, if any.
pub(crate) fn find(cased: &str) -> ZoneMention {
    if let Some(c) = PHRASE.captures(cased) {
        let word = &c["tz"];
        if word.contains('/') {
            return named(word);
        }
        if let Some(found) = single_word(word) {
            return found;
        }
    }
    match AREA_NAME.captures(cased) {
        Some(c) => named(&c["tz"]),
        None => ZoneMention::default(),
    }
}

fn named(name: &str) -> ZoneMention {
    ZoneMention {
        name: Some(canonical(name).unwrap_or_else(|| name.to_owned())),
        options: Vec::new(),
    }
}

/// A one-word zone: a database name ("UTC", "Japan"), an abbreviation, or
/// the city part of exactly one zone ("Kolkata", "London").
fn single_word(word: &str) -> Option<ZoneMention> {
    let lower = word.to_ascii_lowercase();
    if let Some((_, zones)) = AMBIGUOUS.iter().find(|(a, _)| *a == lower) {
        return Some(ZoneMention {
            name: None,
            options: zones.iter().map(|z| (*z).to_owned()).collect(),
        });
    }
    if let Some((_, zone)) = ABBREVIATIONS.iter().find(|(a, _)| *a == lower) {
        return Some(named(zone));
    }
    if let Some(name) = canonical(word) {
        return Some(named(&name));
    }
    let mut cities = jiff::tz::db().available().filter(|n| {
        n.as_str()
            .rsplit_once('/')
            .is_some_and(|(_, city)| city.eq_ignore_ascii_case(word))
    });
    match (cities.next(), cities.next()) {
        (Some(one), None) => Some(named(one.as_str())),
        _ => None,
    }
}

/// The database's own spelling of a zone name, found case-insensitively.
fn canonical(name: &str) -> Option<String> {
    jiff::tz::db()
        .available()
        .find(|n| n.as_str().eq_ignore_ascii_case(name))
        .map(|n| n.as_str().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zone(s: &str) -> Option<String> {
        find(s).name
    }

    #[test]
    fn connector_words_do_not_eat_the_name() {
        assert_eq!(zone("set tz Asia/Kolkata").as_deref(), Some("Asia/Kolkata"));
        assert_eq!(zone("tz as Asia/Tokyo").as_deref(), Some("Asia/Tokyo"));
        assert_eq!(zone("timezone isle").as_deref(), None);
        assert_eq!(
            zone("set tz to asia/kolkata").as_deref(),
            Some("Asia/Kolkata")
        );
    }

    #[test]
    fn single_words_must_name_a_zone() {
        assert_eq!(zone("what time zone are you in?"), None);
        assert_eq!(zone("tz UTC").as_deref(), Some("UTC"));
        assert_eq!(
            zone("my time zone is London").as_deref(),
            Some("Europe/London")
        );
        assert_eq!(zone("tz PST").as_deref(), Some("America/Los_Angeles"));
        assert_eq!(find("tz IST").options.len(), 3);
    }
}
