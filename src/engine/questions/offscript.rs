//! What runners ask and tell beside their runs, answered as a coach would
//! rather than with the list of what the bot can do: cross-training on a
//! rest or easy day ("can I cycle instead?", "is swimming ok on a rest
//! day?"), medicines ("can I take ibuprofen for my knee?": no advice on
//! them, a pharmacist or doctor can; pain that needs painkillers to run is
//! not run on), and the statements that are not logs ("took 2 ibuprofen",
//! "on antibiotics", "had a 20 min nap", "swam 1k today").
//!
//! The words come from the catalogue (`responses/safety.toml`,
//! `[messages.answer]`); the facts from the seed article (active recovery,
//! rest after long efforts, a physical therapist for pain that persists).

use std::sync::LazyLock;

use regex::Regex;

use super::super::format::{body_parts, describe_run};
use super::super::{Bot, Incoming, Reply};
use super::run::hard_run_pending;
use crate::coach::pain;
use crate::intent::Intent;
use crate::store::{Profile, StoreError};

fn re(p: &str) -> Regex {
    Regex::new(&format!(r"(?x)\b(?:{p})\b")).expect("valid off-script regex")
}

/// A sport other than running, by the catalogue key that names it.
static ACTIVITIES: LazyLock<Vec<(&'static str, Regex)>> = LazyLock::new(|| {
    [
        (
            "answer.activity_cycling",
            r"cycl\w*|bike|biked|biking|bicycle|ride|rode|riding|spin(?:ning)?(?:\s+class)?|peloton|turbo(?:\s+trainer)?",
        ),
        ("answer.activity_swimming", r"swim\w*|swam|pool|aqua\s*jog\w*"),
        ("answer.activity_yoga", r"yoga|pilates|stretch(?:ing)?\s+class"),
        (
            "answer.activity_other",
            r"cross[\s-]?train\w*|elliptical|rowing|rower|hike|hiking|strength\s+(?:training|session|work)|gym(?:\s+session)?|weights",
        ),
    ]
    .into_iter()
    .map(|(k, p)| (k, re(p)))
    .collect()
});
/// A hard session of it ("a hard spin class", "HIIT").
static HARD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"hard|intense|all[\s-]out|hiit|sprints?|intervals|max(?:imum)?\s+effort|race\s+pace|crossfit|spin\s+class|spinning",
    )
});
/// A medicine, by kind or by a common name.
static MEDICINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"ibuprofen|paracetamol|acetaminophen|aspirin|naproxen|diclofenac|codeine|advil|motrin|nurofen|tylenol|aleve|voltaren|pain\s*killers?|pain\s*relief|pain\s+meds|anti[\s-]?inflammator\w*|nsaids?|medicines?|medication|meds|antibiotics?|antihistamines?|steroids?|pills?|tablets?",
    )
});
/// Not a medicine question: salt or electrolyte tablets have their own
/// answer.
static NOT_MEDICINE: LazyLock<Regex> =
    LazyLock::new(|| re(r"salt|electrolyte|caffeine|gels?|vitamins?|iron|supplements?"));
/// "had a 20 min nap", "napped after work", "power nap".
static NAP: LazyLock<Regex> =
    LazyLock::new(|| re(r"nap|naps|napped|napping|power\s*nap|siesta|snooze|dozed\s+off"));

/// The question is about another sport: the key naming it, and whether it
/// would be a hard session.
fn cross_training(lower: &str) -> Option<(&'static str, bool)> {
    let (key, _) = ACTIVITIES.iter().find(|(_, re)| re.is_match(lower))?;
    Some((key, HARD.is_match(lower)))
}

fn medicine(lower: &str) -> bool {
    MEDICINE.is_match(lower) && !NOT_MEDICINE.is_match(lower)
}

/// Dizziness or light-headedness, said of the runner's run.
static DIZZY: LazyLock<Regex> =
    LazyLock::new(|| re(r"dizzy|dizziness|light[\s-]?headed\w*|woozy|giddy"));

/// A message that tells of feeling dizzy (for a log that also says so).
pub(in crate::engine) fn mentions_dizziness(text: &str) -> bool {
    let lower = text.to_lowercase();
    DIZZY.is_match(&lower) && !lower.contains("not dizzy") && !lower.contains("no dizz")
}

/// A message that names a medicine (for a log that also mentions one).
pub(in crate::engine) fn mentions_medicine(text: &str) -> bool {
    medicine(&text.to_lowercase().replace('\u{2019}', "'"))
}

/// The answer to a question about cross-training or medicines; `None` for
/// any other.
pub(super) fn answer(
    bot: &Bot,
    msg: &Incoming,
    text: &str,
    profile: &Profile,
) -> Result<Option<Reply>, StoreError> {
    let lower = text.to_lowercase().replace('\u{2019}', "'");
    if medicine(&lower) {
        return Ok(Some(bot.plain(Intent::AskTips, "answer.medicine", &[])));
    }
    let Some((activity, hard)) = cross_training(&lower) else {
        return Ok(None);
    };
    // After a warning sign, the one calm answer: have it checked first.
    if profile.safety.open_warning().is_some() {
        return Ok(Some(bot.plain(
            Intent::AskTips,
            "answer.warning_follow_up",
            &[],
        )));
    }
    let activity = bot.say(activity, &[]);
    let mut lines = Vec::new();
    let history = bot.history(msg)?;
    // After a race or a long run still inside its recovery, a hard session
    // of another sport is training too: it does not stand in for the rest.
    match hard_run_pending(&history.logs, profile, msg.at) {
        Some((entry, _)) => {
            let run = describe_run(&bot.catalogue, entry.run.as_ref(), profile);
            lines.push(bot.say(
                "answer.cross_training_after_hard",
                &[("activity", &activity), ("run", &run)],
            ));
        }
        None if hard => {
            lines.push(bot.say("answer.cross_training_hard", &[("activity", &activity)]));
        }
        None => lines.push(bot.say("answer.cross_training", &[("activity", &activity)])),
    }
    let sore = pain::active_escalations(&profile.safety, msg.at);
    if !sore.is_empty() {
        let parts = body_parts(&bot.catalogue, &sore);
        lines.push(bot.say("answer.cross_training_pain", &[("parts", &parts)]));
    }
    Ok(Some(Reply::new(Intent::AskTips, lines.join(" "))))
}

/// The catalogue key answering a statement that is not a log (a medicine
/// taken, a nap), or `None`.
pub(in crate::engine) fn statement(text: &str) -> Option<&'static str> {
    let lower = text.to_lowercase().replace('\u{2019}', "'");
    if medicine(&lower) {
        Some("chat.medicine")
    } else if NAP.is_match(&lower) {
        Some("chat.nap")
    } else if cross_training(&lower).is_some() {
        Some("chat.cross_training")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_cross_training_and_medicines() {
        assert_eq!(
            cross_training("can i cycle instead?"),
            Some(("answer.activity_cycling", false))
        );
        assert_eq!(
            cross_training("is swimming ok on a rest day?"),
            Some(("answer.activity_swimming", false))
        );
        assert_eq!(
            cross_training("could i do a hard spin class tomorrow instead of resting?"),
            Some(("answer.activity_cycling", true))
        );
        assert_eq!(
            cross_training("can i do yoga after my long run?"),
            Some(("answer.activity_yoga", false))
        );
        assert_eq!(cross_training("should i run today?"), None);
        assert!(medicine("can i take ibuprofen for my knee?"));
        assert!(medicine("is it ok to take painkillers before a race?"));
        assert!(!medicine("can i take salt tablets?"));
        assert_eq!(statement("took 2 ibuprofen"), Some("chat.medicine"));
        assert_eq!(statement("on antibiotics"), Some("chat.medicine"));
        assert_eq!(statement("had a 20 min nap"), Some("chat.nap"));
        assert_eq!(
            statement("rode 30k on the bike yesterday"),
            Some("chat.cross_training")
        );
        assert_eq!(statement("what a lovely day"), None);
    }
}
