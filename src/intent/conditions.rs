//! Weather and terrain: words ("muggy", "gusty", "trail"), temperatures
//! ("31C", "88°F", "-5°c": >= 25 °C / 77 °F is hot, <= 0 °C / 32 °F is cold)
//! and elevation ("400m of climbing" is hills, not a distance).

use std::sync::LazyLock;

use super::prefilter::Gated;

use super::text::{self, negated_before, Message};
use super::{vocab, Condition};

static WORDS: LazyLock<Vec<(Condition, Gated)>> = LazyLock::new(|| {
    vocab::CONDITIONS
        .iter()
        .map(|(c, p)| {
            let re = Gated::new(&format!(r"(?x)\b(?:{p})\b")).expect("valid condition regex");
            (*c, re)
        })
        .collect()
});

static EXCEPTIONS: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(&format!(r"(?x)\b(?:{})\b", vocab::CONDITION_EXCEPTIONS)).expect("valid")
});

static TEMPERATURE: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(
        r"(?x)
          (?P<neg>-|\bminus\s+)?
          \b(?P<t>\d{1,3}(?:[.,]\d)?)\s*
          (?:
              (?:°|deg(?:rees?)?|degs)\s*(?P<u>c|f|celsius|fahrenheit|centigrade)?
            | (?P<u2>c|f|celsius|fahrenheit|centigrade)
          )\b",
    )
    .expect("valid temperature regex")
});

static ELEVATION: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(
        r"(?x)
          \b\d+(?:,\d{3})?\s*(?:m|metres|meters|ft|feet|')\s+(?:of\s+)?
              (?:climbing|climb|ascent|elevation|elev|gain|vert|vertical|up|uphill|d\+)\b
        | (?:\bclimbed|\bclimbing|\bclimb\s+of|\bascent\s+of|\belevation(?:\s+gain)?(?:\s+of)?
            |\bgain(?:ed)?(?:\s+of)?|\bvert(?:\s+of)?|\bd\+|\+)
              \s*(?:about\s+|around\s+|approx\s+|~\s*|over\s+|nearly\s+|almost\s+|just\s+)?
              \d+(?:,\d{3})?\s*(?:m|metres|meters|ft|feet)\b
        | \b\d+(?:,\d{3})?\s*(?:ft|feet)\b",
    )
    .expect("valid elevation regex")
});

/// [`find_reading`] without the reading.
#[cfg(test)]
fn find(msg: &Message, work: &mut String, fahrenheit: bool) -> Vec<Condition> {
    find_reading(msg, work, fahrenheit).0
}

/// Conditions said in the statement text; temperatures and elevation are
/// blanked in `work` so they are not read as distances. Bare degrees ("31
/// degrees") are in the runner's scale (`fahrenheit`), and are read in the
/// other one when the words say the opposite ("31 degrees, first frost",
/// "28 degrees and snow"). Also returns the bare degrees read, if any: the
/// number and whether it was taken as °F.
pub(crate) fn find_reading(
    msg: &Message,
    work: &mut String,
    fahrenheit: bool,
) -> (Vec<Condition>, Option<(f64, bool)>) {
    let g = &msg.grams;
    let mut found = Vec::new();
    let mut bare = None;
    let words = word_conditions(msg);

    let elevation: Vec<_> = ELEVATION.find_iter(g, work).map(|m| m.range()).collect();
    if !elevation.is_empty() {
        found.push(Condition::Hills);
    }
    for r in elevation {
        text::blank(work, r);
    }

    let temps: Vec<_> = TEMPERATURE
        .captures_iter(g, work)
        .filter_map(|c| {
            let all = c.get(0)?;
            let t = text::number(&c["t"])?;
            let t = if c.name("neg").is_some() { -t } else { t };
            let unit = c.name("u").or_else(|| c.name("u2")).map(|u| u.as_str());
            let in_f = match unit {
                Some(u) => u.starts_with('f'),
                // "30 degrees": the runner's scale, unless only Fahrenheit
                // fits, or the words contradict it.
                None => {
                    let mine = fahrenheit || t > 50.0;
                    let c = to_celsius(t, mine);
                    let wintry =
                        words.contains(&Condition::Cold) || words.contains(&Condition::Snow);
                    let contradicted =
                        (c >= 25.0 && wintry) || (c <= 0.0 && words.contains(&Condition::Hot));
                    let in_f = mine != contradicted;
                    bare.get_or_insert((t, in_f));
                    in_f
                }
            };
            Some((all.range(), to_celsius(t, in_f)))
        })
        .collect();
    for (r, celsius) in temps {
        // Rounding keeps 77 °F (24.99... °C) hot, as the contract says.
        let c = (celsius * 100.0).round() / 100.0;
        if c >= 25.0 {
            found.push(Condition::Hot);
        } else if c <= 0.0 {
            found.push(Condition::Cold);
        }
        text::blank(work, r);
    }

    found.extend(words);
    found.sort();
    found.dedup();
    (found, bare)
}

fn to_celsius(t: f64, fahrenheit: bool) -> f64 {
    if fahrenheit {
        (t - 32.0) * 5.0 / 9.0
    } else {
        t
    }
}

/// Conditions named in words ("muggy", "frost"), negations respected.
fn word_conditions(msg: &Message) -> Vec<Condition> {
    let g = &msg.grams;
    let mut found = Vec::new();
    let mut words = msg.statements.clone();
    let exceptions: Vec<_> = EXCEPTIONS.find_iter(g, &words).map(|m| m.range()).collect();
    for r in exceptions {
        text::blank(&mut words, r);
    }
    for (condition, re) in WORDS.iter() {
        let hit = re.find_iter(g, &words).any(|m| {
            let piece_start = msg.piece_at(m.start()).map_or(0, |p| p.range.start);
            !negated_before(&words, piece_start, m.start(), 2)
        });
        if hit {
            found.push(*condition);
        }
    }
    found.sort();
    found.dedup();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conds(s: &str) -> Vec<Condition> {
        let m = Message::new(s);
        let mut w = m.statements.clone();
        find(&m, &mut w, false)
    }

    #[test]
    fn temperature_thresholds() {
        assert_eq!(conds("31C"), vec![Condition::Hot]);
        assert_eq!(conds("77°F"), vec![Condition::Hot]);
        assert_eq!(conds("24c"), vec![]);
        assert_eq!(conds("-5°c"), vec![Condition::Cold]);
        assert_eq!(conds("32F"), vec![Condition::Cold]);
        assert_eq!(conds("2°C and drizzly"), vec![Condition::Rain]);
        assert_eq!(
            conds("6 miles easy, 31 degrees, first frost"),
            vec![Condition::Cold]
        );
        let m = Message::new("31 degrees");
        let mut w = m.statements.clone();
        assert_eq!(find(&m, &mut w, true), vec![Condition::Cold]);
    }

    #[test]
    fn words_negations_and_exceptions() {
        assert_eq!(
            conds("muggy and gusty"),
            vec![Condition::Humid, Condition::Wind]
        );
        assert_eq!(conds("no wind at all"), vec![]);
        assert_eq!(conds("ice bath after"), vec![]);
        assert_eq!(conds("400m of climbing"), vec![Condition::Hills]);
    }
}
