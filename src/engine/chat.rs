//! Chat that is neither a log nor a question, answered as a coach would
//! rather than with "I didn't catch a run": hello, thanks, news about care ("booked
//! a physio for thursday", "physio says it's ITB"), "starting my taper",
//! "I'm ok now" (after a warning sign: glad, and still have it checked),
//! a medicine taken or a nap (heard, not logged). Short lines from the
//! catalogue, several phrasings each, rotated per runner and day.

use std::sync::LazyLock;

use regex::Regex;

use super::{Bot, Incoming, Reply};
use crate::intent::Intent;
use crate::store::Profile;

fn whole(p: &str) -> Regex {
    Regex::new(&format!(r"^(?x)(?:{p})$")).expect("valid chat regex")
}

fn words(p: &str) -> Regex {
    Regex::new(&format!(r"(?x)\b(?:{p})\b")).expect("valid chat regex")
}

/// "Thanks coach", "cheers!", "ok thank you so much".
static THANKS: LazyLock<Regex> = LazyLock::new(|| {
    whole(
        r"(?:(?:ok|okay|great|cool|perfect|awesome|nice|brilliant|got\s+it|will\s+do|good\s+to\s+know)[\s,!.]+)?
        (?:thanks|thank\s+you|thankyou|thx|thnx|ty|cheers|ta|much\s+appreciated|appreciate\s+it)
        (?:\s+(?:coach|mate|man|buddy|cooldown|so\s+much|a\s+lot|again|heaps|loads|for\s+(?:that|the\s+\w+|this)))*",
    )
});
/// "Hi", "hello coach", "hey there", "good morning".
static HELLO: LazyLock<Regex> = LazyLock::new(|| {
    whole(
        r"(?:hi|hii+|hello|hey|heya|hiya|yo|howdy|good\s+(?:morning|afternoon|evening))
        (?:\s+(?:there|coach|cooldown|all|everyone|bot))*",
    )
});
/// Someone who treats injuries, by name.
const CARER: &str = r"physio|physiotherapist|physical\s+therapist|pt|doctor|doc|gp|sports\s+(?:doctor|doc|medicine)|podiatrist|osteo(?:path)?|chiro(?:practor)?";
/// "Booked a physio for thursday", "seeing the doctor tomorrow".
static CARE_BOOKED: LazyLock<Regex> = LazyLock::new(|| {
    words(&format!(
        r"(?:booked|booking|made\s+an\s+appointment\s+with|appointment\s+with|going\s+to\s+(?:see|the)|seeing|see(?:ing)?\s+(?:a|my|the))\s+(?:in\s+with\s+)?(?:a\s+|my\s+|the\s+)?(?:{CARER})"
    ))
});
/// "Physio says it's ITB, gave me some exercises".
static CARE_NEWS: LazyLock<Regex> = LazyLock::new(|| {
    words(&format!(
        r"(?:{CARER})\s+(?:says|said|thinks|reckons|told\s+me|gave\s+me|diagnosed|found|wants\s+me)|(?:saw|seen|went\s+to)\s+(?:a\s+|my\s+|the\s+)?(?:{CARER})"
    ))
});
/// "I'm ok now", "feeling better now".
static OK_NOW: LazyLock<Regex> = LazyLock::new(|| {
    words(r"^(?:i'?m|im|i\s+am|feeling|feel|all)\s+(?:ok|okay|fine|better|alright|good)(?:\s+now)?")
});

/// "Starting my taper", "tapering for a marathon on Sunday": kept (in the
/// profile, see `profile::name_taper`), and said back with its race day.
pub(super) fn taper(bot: &Bot, msg: &Incoming, race_day: Option<&str>) -> Reply {
    let text = match race_day {
        Some(day) => bot.say("chat.taper_race", &[("day", day)]),
        None => bot.catalogue.say("chat.taper", bot.variant(msg), &[]),
    };
    let mut reply = Reply::new(Intent::Unknown, text);
    reply.logged = true;
    reply.private = true;
    reply
}

/// The coach's answer to chat, or `None` when the message is not chat.
pub(super) fn reply(bot: &Bot, msg: &Incoming, profile: &Profile) -> Option<Reply> {
    let lower = msg.text.trim().to_lowercase().replace('\u{2019}', "'");
    let cleaned = lower.trim_end_matches(['.', '!', ' ', '🙏', '👍', '🙂', '😊']);
    let key = if OK_NOW.is_match(cleaned) {
        if profile.safety.open_warning().is_some() {
            "chat.ok_now_warning"
        } else {
            "chat.ok_now"
        }
    } else if CARE_NEWS.is_match(cleaned) {
        "chat.care_news"
    } else if CARE_BOOKED.is_match(cleaned) {
        // Told to keep off running until a physio has seen it: say so again.
        if crate::coach::pain::active_escalations(&profile.safety, msg.at).is_empty() {
            "chat.care_booked"
        } else {
            "chat.care_booked_hold"
        }
    } else if let Some(key) = super::questions::statement(cleaned) {
        // "Took 2 ibuprofen", "had a 20 min nap": not logs, but heard.
        key
    } else if THANKS.is_match(cleaned) {
        "chat.thanks"
    } else if HELLO.is_match(cleaned) {
        "chat.hello"
    } else {
        return None;
    };
    let mut reply = Reply::new(
        Intent::Unknown,
        bot.catalogue.say(key, bot.variant(msg), &[]),
    );
    // About the runner's health: theirs alone.
    reply.private = !matches!(key, "chat.thanks" | "chat.hello");
    Some(reply)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_chat() {
        for t in ["thanks coach", "cheers", "ok thank you so much", "thx"] {
            assert!(THANKS.is_match(t), "{t}");
        }
        assert!(!THANKS.is_match("thanks, ran 5k"));
        assert!(CARE_BOOKED.is_match("booked a physio for thursday"));
        assert!(CARE_BOOKED.is_match("seeing the doctor tomorrow"));
        assert!(CARE_NEWS.is_match("physio says it's itb, gave me some exercises"));
        assert!(OK_NOW.is_match("i'm ok now, drank loads of water"));
        assert!(!OK_NOW.is_match("ran 5k, i'm ok"));
        for t in ["hi", "hello coach", "hey there", "good morning"] {
            assert!(HELLO.is_match(t), "{t}");
        }
        assert!(!HELLO.is_match("hi, ran 5k"));
        assert!(!HELLO.is_match("hill reps"));
    }
}
