//! What runners tell about themselves (age, units, Fahrenheit, time zone,
//! health conditions) and the privacy commands (show profile, export,
//! delete, confirm delete).

use std::sync::LazyLock;

use super::prefilter::{Gated, Grams};

use super::text::Message;
use super::{vocab, Command, ProfileUpdate, Unit};

static AGE: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(
        r"(?x)
          \b(?:i'?m|i\s+am|im|age|aged|my\s+age\s+is|age:)\s+(?:a\s+|now\s+|just\s+|turning\s+)?(?P<a>\d{1,3})
             (?:\s*(?:years?\s+old|yrs?\s+old|yo|y/o|y\.o\.|years?|yrs?))?\s*(?P<end>$|[,.!;)]|\s+(?:and|now|btw|so|but|this|if|years?|yrs?|yo)\b)
        | \b(?P<b>\d{1,3})\s*(?:years?\s+old|yrs?\s+old|yo|y/o|y\.o\.|year[\s-]old)\b
        # An introduction: I'm Sam, 34, ... (a name, then the age alone).
        | \b(?:i'?m|i\s+am|im)\s+[a-z]+\s*,\s*(?P<c>\d{1,3})\s*(?:$|[,.!;])",
    )
    .expect("valid age regex")
});

static UNIT: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(
        r"(?x)
          (?:\b(?:use|using|switch(?:\s+me)?\s+(?:to|over\s+to|back\s+to)|change(?:\s+my)?(?:\s+units?)?\s+to
              |set(?:\s+my)?\s+units?(?:\s+to)?|units?\s*(?:to|=|:|in)|prefer|i\s+(?:think|run|train|log|measure|count)\s+in
              |(?:show|give)\s+(?:me\s+)?(?:distances?\s+)?in|in)\s+
           |^\s*)
          (?P<u>miles|mi|km|kms|kilometres|kilometers|metric|imperial)
          (?P<tail>\s+(?:please|pls|instead|from\s+now\s+on|now)\b|\s*[.!]?\s*$)",
    )
    .expect("valid unit regex")
});

static DEGREES: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(
        r"(?x)\b(?:use|using|switch\s+to|change\s+to|in|prefer|set\s+temps?\s+to|temps?\s+in|temperatures?\s+in)\s+
           (?:degrees\s+)?(?P<t>fahrenheit|celsius|centigrade|°f|°c)",
    )
    .expect("valid degrees regex")
});

static HEALTH: LazyLock<Vec<(super::HealthCondition, Gated)>> = LazyLock::new(|| {
    vocab::HEALTH
        .iter()
        .map(|(h, p)| {
            (
                *h,
                Gated::new(&format!(r"(?x)\b(?:{p})\b")).expect("valid health"),
            )
        })
        .collect()
});

static SOMEONE_ELSE: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(r"(?x)\b(?:my\s+(?:dad|mum|mom|father|mother|wife|husband|partner|friend|brother|sister|son|daughter|gran|grandma|grandad|uncle|aunt|coach|mate|neighbour|boss)|he|she|they|his|her)\b")
        .expect("valid")
});

static NOT_MINE: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(r"(?x)\b(?:no|don'?t\s+have|do\s+not\s+have|not|without|never\s+had)\b")
        .expect("valid")
});

static COMMANDS: LazyLock<Vec<(Command, Gated)>> = LazyLock::new(|| {
    let table: &[(Command, &str)] = &[
        (
            Command::ConfirmDelete,
            r"^\s*(?:yes|yep|yeah|y)[\s,.!]*(?:please\s+)?(?:delete|erase|wipe)(?:\s+(?:it|everything|all|my\s+data))?\s*[.!]*\s*$|confirm(?:ed)?\s+(?:delete|deletion|erase)|(?:delete|erase)\s+confirmed|^\s*confirm\s*[.!]*\s*$",
        ),
        (
            Command::DeleteData,
            r"(?:delete|erase|wipe|remove|purge|destroy)\s+(?:all\s+)?(?:of\s+)?(?:my\s+)?(?:data|account|history|everything|info|information|records|profile)|forget\s+(?:me|about\s+me|everything)|right\s+to\s+be\s+forgotten|gdpr\s+delet\w*",
        ),
        (
            Command::ExportData,
            r"(?:export|download|send\s+me|give\s+me|get)\s+(?:a\s+copy\s+of\s+)?(?:all\s+)?(?:of\s+)?(?:my\s+)?(?:data|history|logs|everything\s+you\s+(?:have|know|hold))|^\s*export\s*$|data\s+export",
        ),
        (
            Command::ShowProfile,
            r"(?:show|see|view|display|check)\s+(?:me\s+)?(?:my\s+)?(?:profile|settings)|^\s*(?:my\s+)?(?:profile|settings)\s*\??\s*$|what\s+do\s+you\s+know\s+about\s+me|what\s+(?:are\s+)?my\s+settings",
        ),
    ];
    table
        .iter()
        .map(|(c, p)| {
            (
                *c,
                Gated::new(&format!(r"(?x)\b(?:{p})")).expect("valid command"),
            )
        })
        .collect()
});

/// The profile facts a message tells.
pub(crate) fn update(msg: &Message) -> ProfileUpdate {
    let s = &msg.statements;
    let g = &msg.grams;
    let mut p = ProfileUpdate::default();
    if let Some(c) = AGE.captures(g, s) {
        let a = c.name("a").or_else(|| c.name("b")).or_else(|| c.name("c"));
        p.age = a
            .and_then(|m| m.as_str().parse::<u8>().ok())
            .filter(|a| crate::rules::AGES.contains(a));
    }
    if let Some(c) = UNIT.captures(g, s) {
        match &c["u"] {
            "miles" | "mi" => p.unit = Some(Unit::Mi),
            "imperial" => {
                p.unit = Some(Unit::Mi);
                p.fahrenheit = Some(true);
            }
            "metric" => {
                p.unit = Some(Unit::Km);
                p.fahrenheit = Some(false);
            }
            _ => p.unit = Some(Unit::Km),
        }
    }
    if let Some(c) = DEGREES.captures(g, s) {
        p.fahrenheit = Some(c["t"].contains('f'));
    }
    p.time_zone = super::zones::find(&msg.cased).name;
    for piece in msg.pieces.iter().filter(|p| !p.question) {
        let text = &msg.lower[piece.range.clone()];
        if SOMEONE_ELSE.is_match(g, text) || NOT_MINE.is_match(g, text) {
            continue;
        }
        for (condition, re) in HEALTH.iter() {
            if re.is_match(g, text) {
                p.conditions.push(*condition);
            }
        }
    }
    p.conditions.sort();
    p.conditions.dedup();
    p
}

/// A privacy or profile command, if the text is one.
pub(crate) fn command(g: &Grams, text: &str) -> Option<Command> {
    COMMANDS
        .iter()
        .find(|(_, re)| re.is_match(g, text))
        .map(|(c, _)| *c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::intent::HealthCondition as H;

    fn up(s: &str) -> ProfileUpdate {
        update(&Message::new(s))
    }

    #[test]
    fn profile_facts() {
        assert_eq!(up("I'm 58").age, Some(58));
        assert_eq!(up("I'm 2 days out from my race").age, None);
        assert_eq!(
            up("Hi I'm Sam, 34, training for my first half").age,
            Some(34)
        );
        assert_eq!(up("I'm done, 34 min").age, None);
        assert_eq!(up("use miles").unit, Some(Unit::Mi));
        assert_eq!(up("switch to km").unit, Some(Unit::Km));
        assert_eq!(
            up("set tz Europe/Berlin").time_zone.as_deref(),
            Some("Europe/Berlin")
        );
        assert_eq!(
            up("my timezone is America/New_York").time_zone.as_deref(),
            Some("America/New_York")
        );
        assert_eq!(
            up("I have high blood pressure").conditions,
            vec![H::HighBloodPressure]
        );
        assert_eq!(up("my dad has a heart condition").conditions, vec![]);
    }

    #[test]
    fn commands() {
        assert_eq!(
            command(&Grams::new("show my profile"), "show my profile"),
            Some(Command::ShowProfile)
        );
        assert_eq!(
            command(&Grams::new("export my data"), "export my data"),
            Some(Command::ExportData)
        );
        assert_eq!(
            command(&Grams::new("forget me"), "forget me"),
            Some(Command::DeleteData)
        );
        assert_eq!(
            command(&Grams::new("yes, delete"), "yes, delete"),
            Some(Command::ConfirmDelete)
        );
        assert_eq!(
            command(
                &Grams::new("erase the previous entry"),
                "erase the previous entry"
            ),
            None
        );
    }
}
