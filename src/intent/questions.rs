//! The questions the coach answers from a runner's own history ("should I
//! run today?", "how much protein?", "how long until I can run hard
//! again?", "what should I do before a run?"), and the body weight a runner
//! tells ("I weigh 70kg", "150 lb") for amounts per kilo.
//!
//! Engine-only: the public `parse` contract still calls these `ask_tips` or
//! `unknown`; the engine asks here what exactly was asked.

use std::sync::LazyLock;

use regex::Regex;

fn re(p: &str) -> Regex {
    Regex::new(&format!(r"(?x)\b(?:{p})\b")).expect("valid question regex")
}

/// An amount a runner can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nutrient {
    Protein,
    Carbs,
    Water,
}

/// A question the coach answers itself rather than with a tip card.
#[derive(Debug, Clone, PartialEq)]
pub enum Question {
    /// "should I run today?": yes, easy or rest, with the reason.
    ShouldIRun,
    /// "how much protein / carbs / water": amounts, per kilo when known.
    Amounts(Vec<Nutrient>),
    /// "how long until I can run hard again?"
    HardAgain,
    /// "what should I do before a run?": warming up.
    WarmUp,
    /// "half marathon tomorrow, what should I do before?": the race eve
    /// basics, then warming up.
    RaceEve,
    /// "how many carbs should I carb load with?": the days before a race.
    CarbLoading,
    /// "is it bad to run on 5 hours of sleep?" (the hours, when given).
    RunOnLittleSleep(Option<f64>),
    /// "can I take salt tablets?"
    SaltTablets,
    /// "should I ice it?": answered apart only for an injury.
    Ice,
    /// "should I stretch it out?": answered apart only for an injury.
    StretchIt,
    /// "is it normal for shins to hurt when you start?": common soreness.
    NormalSoreness,
    /// "I work night shifts, can you work around that?"
    ShiftWork,
}

static SHOULD_RUN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"should\s+i\s+(?:run|go\s+(?:for\s+a\s+)?run|go\s+running|train|rest|take\s+(?:a\s+)?rest)
        | (?:can|could)\s+i\s+(?:run|go\s+(?:for\s+a\s+)?run|go\s+running)\s+(?:today|tonight|this\s+(?:morning|evening|afternoon)|now)
        | (?:is\s+it\s+)?(?:ok|okay|safe|fine|alright|a\s+good\s+idea)\s+(?:to|if\s+i)\s+(?:run|go\s+(?:for\s+a\s+)?run|go\s+running)
        | run\s+or\s+rest | rest\s+or\s+run | (?:rest|run)\s+day\s+today\s*\?
        | (?:can|could|should|shall)\s+i\s+(?:do|try|go\s+for|run|have|attempt|risk)\s+(?:a\s+|an\s+|my\s+|the\s+|some\s+|this\s+|that\s+)?(?:\w+\s+){0,2}?(?:intervals|reps|repeats|hills|hill\s+(?:session|sprints|reps)|(?:hard|quality|speed|track|tempo|threshold|interval)\s+(?:session|run|workout|day)|session|workout|tempo|long\s+run|speed\s*work|race|parkrun|track)(?:\s+(?:today|tonight|tomorrow|this\s+(?:morning|evening|afternoon|weekend)|on\s+\w+day))?
        | (?:is\s+it\s+)?(?:ok|okay|safe|fine|alright)\s+to\s+(?:do|try)\s+(?:a\s+|an\s+|my\s+|the\s+|some\s+)?(?:\w+\s+)?(?:intervals|hills|session|workout|tempo|long\s+run|race|parkrun)",
    )
});
static HOW_MUCH: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"how\s+(?:much|many)|what\s+amount|how\s+many\s+(?:grams?|g|litres?|liters?|ml|calories)|amount\s+of|grams?\s+of",
    )
});
static PROTEIN: LazyLock<Regex> = LazyLock::new(|| re(r"protein"));
static CARBS: LazyLock<Regex> = LazyLock::new(|| re(r"carbs?|carbohydrates?|glycogen"));
static WATER: LazyLock<Regex> =
    LazyLock::new(|| re(r"water|fluids?|drink|hydrat\w*|liquids?|electrolytes?"));
/// "And carbs?", "what about water?": a nutrient alone, following the
/// amounts question before it (the coach's only answer about a nutrient is
/// its amount).
static BARE_NUTRIENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:and|what\s+about|how\s+about|also|plus|\+)?\s*(?:the\s+)?(?:protein|carbs?|carbohydrates?|water|fluids?)\s*(?:too|then|as\s+well)?\s*\?+$")
        .expect("valid question regex")
});
static EAT: LazyLock<Regex> = LazyLock::new(|| re(r"eat|food|refuel"));
static HARD_AGAIN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"how\s+(?:long|many\s+days)\s+(?:until|till|til|before)\s+(?:i\s+(?:can|could|should)\s+)?(?:run|train|go|race|do|start)\s+(?:\w+\s+){0,2}(?:hard|fast|speed|intervals|tempo|workouts?|quality|again|properly)
        | when\s+can\s+i\s+(?:run|train|go|race)\s+(?:\w+\s+)?(?:hard|fast|again)
        | when\s+(?:can|should)\s+i\s+(?:do|start)\s+(?:\w+\s+)?(?:speed|intervals|tempo|workouts?|a\s+workout|hard\s+sessions?)
        | how\s+long\s+(?:to|should\s+i|do\s+i\s+need\s+to|will\s+it\s+take\s+to)\s+(?:recover|rest|wait|take\s+off|go\s+easy)
        | how\s+(?:long|many\s+days)\s+(?:of\s+)?(?:rest|recovery|easy\s+running|off)\s+(?:after|do\s+i\s+need|should)",
    )
});
static BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"warm[\s-]?ups?|warming\s+up|pre[\s-]?run\s+routine|(?:tips?|advice|anything|suggestions?)\s+(?:\w+\s+)?before\s+(?:a|my|the|tomorrow'?s?|tonight'?s?|each|every)\s+(?:\w+\s+)?(?:run|race|workout|session|parkrun|long\s+run)|(?:do|routine)\s+before\s+(?:a|my|the|each|every|going\s+for\s+a)?\s*(?:run|race|workout|session|runs)|prepare\s+for\s+(?:a|my)\s+run",
    )
});

/// "Can I still run?", "can I run tomorrow?": the whole message.
static CAN_I_RUN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:so\s+|but\s+|and\s+|ok\s+|okay\s+)?(?:can|could|may)\s+i\s+(?:still\s+)?(?:run|go\s+running|go\s+for\s+a\s+run)(?:\s+(?:today|tonight|tomorrow|now|at\s+all|on\s+it|this\s+week))?(?:\s+with\s+(?:a\s+|my\s+|this\s+|the\s+)?(?:\w+\s+)?\w+)?\s*[?!.]*$")
        .expect("valid question regex")
});
/// "What should I do before?", "how do I prepare for it?".
static ASK_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:what\s+(?:should|do|can|must)\s+i\s+do|how\s+(?:should|do|can)\s+i\s+prepare|how\s+to\s+prepare|any\s+(?:tips|advice))(?:\s+\w+){0,3}?\s+(?:before|for\s+(?:it|the\s+race|race\s+day|tomorrow))",
    )
});
static RACE_WORD: LazyLock<Regex> =
    LazyLock::new(|| re(r"race|racing|marathon|half|parkrun|\d+\s*k\s+race|race\s+day"));

static CARB_LOADING: LazyLock<Regex> = LazyLock::new(|| {
    re(r"carb(?:o|ohydrate)?[\s-]*load(?:ing|ed)?|load(?:ing)?\s+(?:up\s+)?(?:on\s+)?carbs")
});
static LITTLE_SLEEP: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:run|running|race|racing|train|training|workout|intervals|tempo|long\s+run)\s+(?:\w+\s+){0,2}(?:on|after|with)\s+(?:only\s+|just\s+)?(?:(?P<h>\d+(?:\.\d+)?)\s*(?:hours?|hrs?|h)|little|no|bad|poor|not\s+much|hardly\s+any)\s+(?:of\s+)?sleep
        | (?:slept|sleep|sleeping)\s+(?:only\s+|just\s+)?(?P<h2>\d+(?:\.\d+)?)\s*(?:hours?|hrs?|h)\b.{0,30}\b(?:run|race|train|intervals|tempo)",
    )
});
static SALT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"salt\s+(?:tablets?|tabs|pills?|caps(?:ules)?)|electrolyte\s+(?:tablets?|tabs|pills?)|salt\s*stick",
    )
});
static ICE: LazyLock<Regex> =
    LazyLock::new(|| re(r"ice|icing|iced|cold\s+(?:pack|compress)|ice\s*pack|frozen\s+peas"));
static STRETCH_IT: LazyLock<Regex> =
    LazyLock::new(|| re(r"stretch(?:ing)?\s+(?:it|that|this|them|my\s+\w+|the\s+\w+)(?:\s+out)?"));
static NORMAL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:is\s+(?:it|that|this)|are\s+(?:they|those|these)|it'?s)\s+(?:\w+\s+)?(?:normal|common|usual|expected)|normal\s+(?:for|to)",
    )
});
static SHIFTS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"night\s+shifts?|shift\s*work(?:er)?|(?:work|working|on)\s+nights|rotating\s+shifts|(?:early|late|long)\s+shifts",
    )
});
static ACHE: LazyLock<Regex> =
    LazyLock::new(|| re(r"hurt\w*|ache\w*|aching|sore\w*|pain\w*|tender"));

/// The question asked, when it is one the coach answers itself.
pub fn question(text: &str) -> Option<Question> {
    let lower = text.to_lowercase().replace('\u{2019}', "'");
    let asks = lower.contains('?')
        || super::text::Message::new(&lower)
            .pieces
            .iter()
            .any(|p| p.question);
    if asks && CARB_LOADING.is_match(&lower) {
        return Some(Question::CarbLoading);
    }
    if asks {
        if let Some(c) = LITTLE_SLEEP.captures(&lower) {
            let hours = c
                .name("h")
                .or_else(|| c.name("h2"))
                .and_then(|h| h.as_str().parse().ok());
            return Some(Question::RunOnLittleSleep(hours));
        }
        if SALT.is_match(&lower) {
            return Some(Question::SaltTablets);
        }
        if SHIFTS.is_match(&lower) {
            return Some(Question::ShiftWork);
        }
        if NORMAL.is_match(&lower) && ACHE.is_match(&lower) {
            return Some(Question::NormalSoreness);
        }
        if STRETCH_IT.is_match(&lower) {
            return Some(Question::StretchIt);
        }
        if ICE.is_match(&lower) && !lower.contains("ice bath") && !lower.contains("plunge") {
            return Some(Question::Ice);
        }
    }
    if HARD_AGAIN.is_match(&lower) {
        return Some(Question::HardAgain);
    }
    // "and carbs?", "what about water?" right after an amounts answer: a
    // short question naming only a nutrient asks for its amount.
    if HOW_MUCH.is_match(&lower) || BARE_NUTRIENT.is_match(lower.trim()) {
        let mut asked = Vec::new();
        if PROTEIN.is_match(&lower) {
            asked.push(Nutrient::Protein);
        }
        if CARBS.is_match(&lower) {
            asked.push(Nutrient::Carbs);
        }
        if WATER.is_match(&lower) {
            asked.push(Nutrient::Water);
        }
        if asked.is_empty() && EAT.is_match(&lower) {
            asked = vec![Nutrient::Protein, Nutrient::Carbs];
        }
        if !asked.is_empty() {
            return Some(Question::Amounts(asked));
        }
    }
    // "what should I eat before a run" is about food, not warming up;
    // "what should I do before my parkrun?" is not "should I do a parkrun?".
    let food = EAT.is_match(&lower) || WATER.is_match(&lower);
    if ASK_BEFORE.is_match(&lower) && !food {
        return Some(if RACE_WORD.is_match(&lower) {
            Question::RaceEve
        } else {
            Question::WarmUp
        });
    }
    if SHOULD_RUN.is_match(&lower) || CAN_I_RUN.is_match(lower.trim()) {
        return Some(Question::ShouldIRun);
    }
    if BEFORE.is_match(&lower) && !EAT.is_match(&lower) && !WATER.is_match(&lower) {
        return Some(Question::WarmUp);
    }
    None
}

static TOMORROW: LazyLock<Regex> = LazyLock::new(|| re(r"tomorrow|tmrw|tmr|tomorow"));

/// The question is about tomorrow ("should I run 10k tomorrow?").
pub fn tomorrow(text: &str) -> bool {
    TOMORROW.is_match(&text.to_lowercase())
}

static RACE_DISTANCE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(half[\s-]?marathon|half|hm)|(marathon)|(\d+(?:\.\d+)?)\s*(k|km|kms|kilometres?|kilometers?|mi|miles?)",
    )
});

/// The distance a question names ("after a half marathon", "after my 10k"),
/// in metres: "how long until I can run hard again" scales with it.
pub fn distance_named(text: &str) -> Option<f64> {
    let lower = text.to_lowercase();
    let caps = RACE_DISTANCE.captures(&lower)?;
    if caps.get(1).is_some() {
        return Some(21_097.5);
    }
    if caps.get(2).is_some() {
        return Some(42_195.0);
    }
    let n: f64 = caps.get(3)?.as_str().parse().ok()?;
    let unit = caps.get(4)?.as_str();
    let metres = if unit.starts_with('m') {
        n * 1609.344
    } else {
        n * 1000.0
    };
    (metres > 0.0 && metres <= 250_000.0).then_some(metres)
}

static DURING: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"during|while\s+(?:i\s+)?(?:run|running|racing)|mid[\s-]?run|per\s+hour|an\s+hour|on\s+the\s+run",
    )
});

/// The question is about drinking during a run, not after it.
pub fn during(text: &str) -> bool {
    DURING.is_match(&text.to_lowercase())
}

static WEIGHT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:i\s+weigh|weigh(?:ing)?\s+in\s+at|weigh(?:ing)?|my\s+weight\s+is|(?:body\s*)?weight:?\s*(?:is\s+)?|i'?m|i\s+am)\s*(?:about\s+|around\s+|roughly\s+|like\s+|~)?(\d{2,3}(?:[.,]\d+)?)\s*(kg|kgs|kilos?|kilograms?|lbs?|pounds?)
        | ^\s*(\d{2,3}(?:[.,]\d+)?)\s*(kg|kgs|kilos?|kilograms?|lbs?|pounds?)\s*$",
    )
});

/// Body weight in kilograms, when the runner tells it (30 to 250 kg).
pub fn body_weight(text: &str) -> Option<f64> {
    let lower = text.to_lowercase().replace('\u{2019}', "'");
    let caps = WEIGHT.captures(&lower)?;
    let number = caps
        .get(1)
        .or_else(|| caps.get(3))?
        .as_str()
        .replace(',', ".");
    let unit = caps.get(2).or_else(|| caps.get(4))?.as_str();
    let value: f64 = number.parse().ok()?;
    let kg = if unit.starts_with('l') || unit.starts_with('p') {
        value * 0.453_592_37
    } else {
        value
    };
    (30.0..=250.0)
        .contains(&kg)
        .then(|| (kg * 10.0).round() / 10.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions() {
        assert_eq!(question("should I run today?"), Some(Question::ShouldIRun));
        assert_eq!(
            question("how much protein after a 32k?"),
            Some(Question::Amounts(vec![Nutrient::Protein]))
        );
        assert_eq!(
            question("how long until I can run hard again?"),
            Some(Question::HardAgain)
        );
        assert_eq!(
            question("what should I do before a run?"),
            Some(Question::WarmUp)
        );
        assert_eq!(question("what should I eat before a run?"), None);
        assert_eq!(
            question("any tips before my run tomorrow morning?"),
            Some(Question::WarmUp)
        );
        for asked in [
            "can i do intervals tomorrow?",
            "should I do a hard session tomorrow?",
            "can I do my hill session tomorrow?",
        ] {
            assert_eq!(question(asked), Some(Question::ShouldIRun), "{asked}");
        }
        assert_eq!(
            question("and carbs?"),
            Some(Question::Amounts(vec![Nutrient::Carbs]))
        );
        assert_eq!(question("carbs are my friend"), None);
        assert_eq!(
            question("how many grams of carbs per kg should i carb load with? race is sunday"),
            Some(Question::CarbLoading)
        );
        assert_eq!(
            question("is it bad to run on 5 hours of sleep?"),
            Some(Question::RunOnLittleSleep(Some(5.0)))
        );
        assert_eq!(
            question("can I take salt tablets? I have high blood pressure"),
            Some(Question::SaltTablets)
        );
        assert_eq!(question("should I ice it?"), Some(Question::Ice));
        assert_eq!(
            question("should i stretch it out?"),
            Some(Question::StretchIt)
        );
        assert_eq!(
            question("is it normal for shins to hurt when you start?"),
            Some(Question::NormalSoreness)
        );
        assert_eq!(question("ice bath after a race?"), None);
        assert_eq!(
            question("I'm a nurse on night shifts so I usually run at 8am after work. can you work around that?"),
            Some(Question::ShiftWork)
        );
        assert_eq!(question("ran 10k easy"), None);
        for asked in [
            "can I still run?",
            "am I ok to run?",
            "can I run tomorrow?",
            "can I still run with a sore calf?",
        ] {
            assert_eq!(question(asked), Some(Question::ShouldIRun), "{asked}");
        }
        assert_eq!(question("can I run a 5k in 20 minutes one day"), None);
        assert_eq!(
            question("half marathon tomorrow, what should I do before?"),
            Some(Question::RaceEve)
        );
        assert_eq!(question("what should I do before?"), Some(Question::WarmUp));
        assert_eq!(
            question("what should I do before my parkrun tomorrow?"),
            Some(Question::RaceEve)
        );
        assert_eq!(
            question("how long should I rest after a half marathon?"),
            Some(Question::HardAgain)
        );
        assert_eq!(distance_named("after a half marathon?"), Some(21_097.5));
        assert_eq!(distance_named("after my 10 mile race"), Some(16_093.44));
        assert_eq!(distance_named("how long until I can run hard again?"), None);
    }

    #[test]
    fn weights() {
        assert_eq!(body_weight("I weigh 70kg"), Some(70.0));
        assert_eq!(body_weight("150 lb"), Some(68.0));
        assert_eq!(body_weight("I'm 62 and run 3 times a week"), None);
        assert_eq!(body_weight("ran 10k"), None);
    }
}
