//! Whether a run happened, whether the day was a rest day, and how hard the
//! run was. Works clause by clause: "going to run 10k tomorrow", "didn't run",
//! "walked 5k" and "running late" are not runs; "didn't run" is a rest day.

use std::sync::LazyLock;

use regex::Regex;

use super::prefilter::{Gated, Grams};

use super::text::{negated_before, Message};
use super::{vocab, Effort};

fn word_regex(p: &str) -> Gated {
    Gated::new(&format!(r"(?x)\b(?:{p})\b")).expect("valid run regex")
}

static RUN_WORDS: LazyLock<Gated> = LazyLock::new(|| word_regex(vocab::RUN_WORDS));
static RUN_EXCEPTIONS: LazyLock<Gated> = LazyLock::new(|| word_regex(vocab::RUN_WORD_EXCEPTIONS));
static OTHER_SPORTS: LazyLock<Gated> = LazyLock::new(|| word_regex(vocab::OTHER_SPORTS));
static OTHER_PEOPLE: LazyLock<Gated> = LazyLock::new(|| word_regex(vocab::OTHER_PEOPLE));
static NOT_A_LOG: LazyLock<Gated> = LazyLock::new(|| word_regex(vocab::NOT_A_LOG));
static PROGRAMMES: LazyLock<Gated> = LazyLock::new(|| word_regex(vocab::PROGRAMMES));
static INSTEAD_OF_A_RUN: LazyLock<Gated> = LazyLock::new(|| word_regex(vocab::INSTEAD_OF_A_RUN));
static BARE_INSTEAD: LazyLock<Gated> =
    LazyLock::new(|| Gated::new(vocab::BARE_INSTEAD).expect("valid bare instead regex"));
static CROSS_TRAINING: LazyLock<Gated> = LazyLock::new(|| word_regex(vocab::CROSS_TRAINING));
// No closing `\b`: "go Sarah!" ends on punctuation.
static CHEER: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(&format!(r"(?x)\b(?:{})", vocab::CHEER)).expect("valid cheer regex")
});
static FIRST_PERSON: LazyLock<Gated> =
    LazyLock::new(|| word_regex(r"i|i'm|im|i've|ive|i'd|my|me|mine|myself"));
/// "Tom smashed the marathon": a name, then what they did (cased text).
static NAMED_PERSON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?x)^\s*(?P<name>[A-Z][a-z]+)\s+(?:just\s+)?(?:ran|smashed|did|finished|completed|raced|nailed|crushed)\b")
        .expect("valid named person regex")
});
/// Capitalised words that open a runner's own sentence.
const NOT_NAMES: &[&str] = &[
    "Just",
    "Ran",
    "Today",
    "Yesterday",
    "Finally",
    "Also",
    "Then",
    "So",
    "Easy",
    "Long",
    "Morning",
    "Evening",
    "Great",
    "Good",
    "Nice",
    "Quick",
    "Another",
    "First",
    "Tough",
    "Lovely",
    "Solid",
    "Slow",
    "Hot",
    "Cold",
    "Got",
    "Legs",
    "It",
    "That",
    "This",
    "Run",
    "Race",
    "Parkrun",
    "Tempo",
    "Recovery",
    "Half",
    "Marathon",
    "Sunday",
    "Saturday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Week",
    "Knee",
    "Calf",
    "Hip",
    "Sleep",
    "Slept",
    "Felt",
    "Hard",
    "Tonight",
    "Weekend",
    "Somehow",
    "Actually",
    "Still",
    "Only",
    "Almost",
    "Nearly",
    "Easily",
];
static FUTURE: LazyLock<Gated> = LazyLock::new(|| word_regex(vocab::FUTURE_MARKERS));
static PAST: LazyLock<Gated> = LazyLock::new(|| word_regex(vocab::PAST_MARKERS));
static HABIT_OR_DATE: LazyLock<Gated> = LazyLock::new(|| word_regex(vocab::HABIT_OR_DATE));
static TODAY: LazyLock<Gated> = LazyLock::new(|| word_regex(vocab::TODAY_MARKERS));
static NO_RUN: LazyLock<Gated> = LazyLock::new(|| word_regex(vocab::NO_RUN));
static REST: LazyLock<Gated> = LazyLock::new(|| word_regex(vocab::REST_WORDS));
static REST_EXCEPTIONS: LazyLock<Gated> = LazyLock::new(|| word_regex(vocab::REST_EXCEPTIONS));
static EFFORTS: LazyLock<Vec<(Effort, Gated)>> = LazyLock::new(|| {
    vocab::EFFORTS
        .iter()
        .map(|(e, p)| (*e, word_regex(p)))
        .collect()
});
/// A race word that names another event ("after the race", "pre-race").
static OTHER_RACE: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(r"(?x)\b(?:after|before|post|pre|since|from|for)[\s-]+(?:the\s+|my\s+|a\s+|this\s+|last\s+|yesterday'?s\s+|sunday'?s\s+|saturday'?s\s+)?$")
        .expect("valid")
});

/// An effort the run replaced ("easy jog instead of intervals").
static REPLACED: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(r"(?x)\b(?:instead\s+of|rather\s+than|in\s+place\s+of)\s+(?:the\s+|my\s+|a\s+|an\s+|planned\s+)?$")
        .expect("valid")
});

/// A named race ("Bath Half", "London Marathon", "Cardiff 10K"): a capitalised
/// name before the distance, read on the cased text.
static NAMED_RACE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?x)\b(?P<name>[A-Z][A-Za-z']+)\s+(?:Half|half|Marathon|marathon|Mara|10[Kk]|Ultra|ultra)\b")
        .expect("valid named race regex")
});

/// Capitalised words that are not race names.
const NOT_RACE_NAMES: &[&str] = &[
    "I",
    "I'm",
    "My",
    "The",
    "A",
    "An",
    "First",
    "Second",
    "Third",
    "Ran",
    "Did",
    "Done",
    "Finished",
    "Just",
    "Today",
    "Yesterday",
    "Half",
    "Full",
    "Easy",
    "Long",
    "Slow",
    "Hilly",
    "Hot",
    "Sunday",
    "Saturday",
    "Another",
    "Last",
    "This",
    "Trail",
    "Virtual",
    "Solo",
    "Training",
    "Practice",
];

/// Whether the run is a named race (the contract counts it as `race`).
pub(crate) fn named_race(cased: &str) -> bool {
    NAMED_RACE.captures_iter(cased).any(|c| {
        c.name("name")
            .is_some_and(|n| !NOT_RACE_NAMES.contains(&n.as_str()))
    })
}

/// How each statement piece stands towards running.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct PieceRun {
    /// Facts in this piece may describe the run (not future, not another sport).
    pub eligible: bool,
    /// The piece itself says a run happened.
    pub evidence: bool,
    /// The piece says no run happened, or names a rest day.
    pub rest: bool,
}

/// Classifies every piece of the message (questions are never eligible).
pub(crate) fn classify(msg: &Message) -> Vec<PieceRun> {
    let g = &msg.grams;
    let cheering = CHEER.is_match(g, &msg.lower) && !FIRST_PERSON.is_match(g, &msg.lower);
    // "next week: 3x easy, 1 tempo": a plan that opens a sentence rules it.
    let planned_sentences: Vec<usize> = msg
        .pieces
        .iter()
        .enumerate()
        .filter(|(i, p)| *i == 0 || msg.pieces[i - 1].sentence != p.sentence)
        .filter(|(_, p)| {
            let t = &msg.lower[p.range.clone()];
            FUTURE.is_match(g, t) && !PAST.is_match(g, t)
        })
        .map(|(_, p)| p.sentence)
        .collect();
    // "dog walk, 3 miles": another sport with no run word rules the sentence.
    let other_sport_sentences: Vec<usize> = msg
        .pieces
        .iter()
        .map(|p| p.sentence)
        .filter(|s| {
            let text: String = msg
                .pieces
                .iter()
                .filter(|p| p.sentence == *s)
                .map(|p| &msg.lower[p.range.clone()])
                .collect::<Vec<_>>()
                .join(", ");
            OTHER_SPORTS.is_match(g, &text) && !RUN_WORDS.is_match(g, &text)
        })
        .collect();
    // "how many carbs should I eat? race is sunday": after a question
    // that opens the message, a statement is context for it unless it says
    // the run is done.
    // ("what a run! 10k in 45" opens with an exclamation, not a question.)
    let first_mark = msg
        .lower
        .chars()
        .find(|c| matches!(c, '?' | '!' | '.' | '\n'));
    let opens_with_question =
        msg.pieces.first().is_some_and(|p| p.question) && first_mark == Some('?');
    msg.pieces
        .iter()
        .map(|piece| {
            if piece.question {
                return PieceRun::default();
            }
            let mut text = msg.lower[piece.range.clone()].to_string();
            for r in RUN_EXCEPTIONS
                .find_iter(g, &text.clone())
                .map(|m| m.range())
                .collect::<Vec<_>>()
            {
                super::text::blank(&mut text, r);
            }
            let past = PAST.is_match(g, &text);
            let future = !past
                && (FUTURE.is_match(g, &text)
                    || planned_sentences.contains(&piece.sentence)
                    || HABIT_OR_DATE.is_match(g, &text)
                    || (opens_with_question && !TODAY.is_match(g, &text)));
            // "Yoga instead of running": another activity took the run's
            // place, an active recovery day.
            let replaced_run =
                INSTEAD_OF_A_RUN.is_match(g, &text) || BARE_INSTEAD.is_match(g, &text);
            // "stayed in bed instead of running": whatever took its place, no run.
            let instead = (replaced_run && CROSS_TRAINING.is_match(g, &text))
                || INSTEAD_OF_A_RUN.is_match(g, &text);
            let no_run = NO_RUN.is_match(g, &text) || instead;
            // Rest is read on the clause as written: "recovery day" is an
            // exception for runs, and a rest day.
            let mut rest_text = msg.lower[piece.range.clone()].to_string();
            for r in REST_EXCEPTIONS
                .find_iter(g, &rest_text.clone())
                .map(|m| m.range())
                .collect::<Vec<_>>()
            {
                super::text::blank(&mut rest_text, r);
            }
            let rest_word = REST.find_iter(g, &rest_text).any(|m| {
                !negated_before(&rest_text, 0, m.start(), 1)
                    || rest_text[m.range()].starts_with("rest day")
            });
            let run_word = RUN_WORDS.is_match(g, &text);
            let effort = EFFORTS.iter().any(|(_, re)| re.is_match(g, &text));
            let other_sport = (OTHER_SPORTS.is_match(g, &text) && !run_word)
                || (other_sport_sentences.contains(&piece.sentence) && !run_word && !effort);
            let named = NAMED_PERSON
                .captures(msg.cased_aligned.get(piece.range.clone()).unwrap_or(""))
                .and_then(|c| c.name("name"))
                .is_some_and(|n| !NOT_NAMES.contains(&n.as_str()));
            let someone_else = OTHER_PEOPLE.is_match(g, &text) || cheering || named;
            let logistics = NOT_A_LOG.is_match(g, &text);
            let eligible = !future && !no_run && !other_sport && !someone_else && !logistics;
            PieceRun {
                eligible,
                evidence: eligible && (run_word || effort),
                rest: !future && (no_run || rest_word),
            }
        })
        .collect()
}

/// Blanks programme names ("C25K", "couch to 5k") so their numbers are
/// not read as the run's distance; the session ("w1d1") still says a run
/// happened.
pub(crate) fn mask_programmes(g: &Grams, work: &mut String) {
    let found: Vec<_> = PROGRAMMES.find_iter(g, work).map(|m| m.range()).collect();
    for r in found {
        super::text::blank(work, r);
    }
}

/// The effort of the run, read from eligible pieces; the first line of the
/// vocabulary table that matches wins.
pub(crate) fn effort(msg: &Message, pieces: &[PieceRun]) -> Option<Effort> {
    let g = &msg.grams;
    EFFORTS.iter().find_map(|(effort, re)| {
        let hit = msg
            .pieces
            .iter()
            .zip(pieces)
            .filter(|(_, r)| r.eligible)
            .any(|(piece, _)| {
                let text = &msg.lower[..piece.range.end];
                re.find_iter(g, &msg.lower[piece.range.clone()]).any(|m| {
                    let at = piece.range.start + m.start();
                    let other_race = *effort == Effort::Race && OTHER_RACE.is_match(g, &text[..at]);
                    let replaced = REPLACED.is_match(g, &text[..at]);
                    !other_race && !replaced && !negated_before(text, piece.range.start, at, 2)
                })
            });
        hit.then_some(*effort)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> (bool, bool) {
        let m = Message::new(s);
        let c = classify(&m);
        (c.iter().any(|p| p.evidence), c.iter().any(|p| p.rest))
    }

    #[test]
    fn runs_rests_and_not_runs() {
        assert_eq!(run("ran this morning"), (true, false));
        assert_eq!(run("didn't run yesterday, full rest"), (false, true));
        assert_eq!(run("going to run tomorrow"), (false, false));
        assert_eq!(run("running late for the meeting"), (false, false));
        assert_eq!(run("walked the dog"), (false, false));
        assert_eq!(run("6x800m reps w/ 90s rest"), (true, false));
        assert_eq!(run("yoga instead of running today"), (false, true));
        assert_eq!(run("instead of a run I swam 1k"), (false, true));
        assert_eq!(run("easy jog instead of intervals"), (true, false));
        assert_eq!(run("yoga today instead"), (false, true));
        assert_eq!(run("tai chi today instead of running"), (false, true));
        assert_eq!(run("ran 5k instead"), (true, false));
        assert_eq!(run("C25K w1d1"), (true, false));
        assert_eq!(run("w1d2 done"), (true, false));
        assert_eq!(
            run("I'm 62 and I've been running for about 3 years"),
            (false, false)
        );
        assert_eq!(
            run("how many grams of carbs per kg should i carb load with? race is sunday"),
            (false, false)
        );
        assert_eq!(
            run("I'm a nurse on night shifts so I usually run at 8am after work. can you work around that?"),
            (false, false)
        );
        assert_eq!(run("should I stretch? ran 8k this morning"), (true, false));
        assert_eq!(
            run("ran 8k this morning, what should I eat now?"),
            (true, false)
        );
        assert_eq!(run("raced the 10k, race was sunday"), (true, false));
    }

    #[test]
    fn efforts() {
        let e = |s: &str| {
            let m = Message::new(s);
            effort(&m, &classify(&m))
        };
        assert_eq!(e("ran 13k, threshold effort"), Some(Effort::Tempo));
        assert_eq!(
            e("recovery jog after yesterday's race"),
            Some(Effort::Recovery)
        );
        assert_eq!(e("easy long run"), Some(Effort::Long));
        assert_eq!(e("wasn't easy, 10k"), None);
    }
}
