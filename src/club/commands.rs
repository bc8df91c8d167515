//! The club's commands, whatever the transport: what an invocation asks
//! for ([`ClubAction`]: read from `/club` by Discord, from the words "club
//! join" and so on by the console and `replay`) and its answer
//! ([`Weekly::answer`]). Who may turn the weekly post on or off is the
//! transport's to check ([`ClubAction::needs_admin`]): Discord asks for
//! Manage Server; the console and `replay` have no one else to ask.

use jiff::Timestamp;

use super::Weekly;
use crate::store::{StoreError, UserId};

/// What a club command asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClubAction {
    /// Join, known by `name` on boards (the server display name, when the
    /// transport has one).
    Join {
        name: Option<String>,
    },
    Leave,
    Show,
    /// The board over a period, as written ("last week", "since 1 Nov";
    /// empty: this week). Read against the clock when answered.
    Board {
        period: String,
    },
    /// Turn the weekly post on here, in this zone (default UTC).
    SummaryOn {
        time_zone: Option<String>,
    },
    SummaryOff,
}

impl ClubAction {
    /// The command in words, as the console and `replay` take it: "club
    /// join", "club leave", "club show", "club summary on ZONE", "club
    /// summary off" (any case, any spacing, an optional leading "/").
    /// `None` for anything else, which is an ordinary message.
    pub fn from_text(text: &str) -> Option<ClubAction> {
        let text = text.trim();
        let text = text.strip_prefix('/').unwrap_or(text);
        let words: Vec<&str> = text.split_whitespace().collect();
        let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
        let lower: Vec<&str> = lower.iter().map(String::as_str).collect();
        match lower.as_slice() {
            ["club", "join"] => Some(ClubAction::Join { name: None }),
            ["club", "leave"] => Some(ClubAction::Leave),
            ["club", "show"] => Some(ClubAction::Show),
            ["club", "board", ..] => Some(ClubAction::Board {
                period: words[2..].join(" "),
            }),
            ["club", "summary", "off"] => Some(ClubAction::SummaryOff),
            ["club", "summary", "on"] => Some(ClubAction::SummaryOn { time_zone: None }),
            // The zone as written: IANA names are case-sensitive.
            ["club", "summary", "on", _] => Some(ClubAction::SummaryOn {
                time_zone: Some(words[3].to_owned()),
            }),
            _ => None,
        }
    }

    /// Turning the weekly post on or off is for the server's admins.
    pub fn needs_admin(&self) -> bool {
        matches!(self, ClubAction::SummaryOn { .. } | ClubAction::SummaryOff)
    }
}

impl Weekly {
    /// Carries out `action` for `user` in the club of `guild` and returns
    /// the answer's text; `channel` is where a weekly post turned on goes.
    /// Reads and flushes the store: call it off an async worker.
    pub fn answer(
        &self,
        guild: u64,
        user: &UserId,
        channel: u64,
        action: ClubAction,
        now: Timestamp,
    ) -> Result<ClubAnswer, StoreError> {
        let say = |key: &str| self.catalogue().say(key, 0, &[]);
        let (text, changed) = match action {
            ClubAction::Join { name } => {
                match self.clubs.join(guild, user, name.as_deref(), now)? {
                    true => (say("club.joined"), true),
                    false => (say("club.already_joined"), false),
                }
            }
            ClubAction::Leave => match self.clubs.leave(guild, user)? {
                true => (say("club.left"), true),
                false => (say("club.not_member"), false),
            },
            ClubAction::Show => (self.show(guild, now)?, false),
            ClubAction::Board { period } => (self.board(guild, user, &period, now)?, false),
            ClubAction::SummaryOn { time_zone } => {
                let zone = time_zone.unwrap_or_else(|| "UTC".to_owned());
                if crate::rules::zone_named(&zone).is_none() {
                    let text = self.catalogue().say("club.bad_zone", 0, &[("zone", &zone)]);
                    return Ok(ClubAnswer {
                        text,
                        changed: false,
                    });
                }
                self.summary_on(guild, channel, &zone, now)?;
                tracing::info!(guild, channel, zone, "club summary turned on");
                let text = self
                    .catalogue()
                    .say("club.summary_on", 0, &[("zone", &zone)]);
                (text, true)
            }
            ClubAction::SummaryOff => match self.summary_off(guild)? {
                true => (say("club.summary_off"), true),
                false => (say("club.summary_was_off"), false),
            },
        };
        Ok(ClubAnswer { text, changed })
    }
}

/// What a club command comes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClubAnswer {
    pub text: String,
    /// Something was stored (a join, a leave, the post turned on or off).
    pub changed: bool,
}

/// The club id of a server named in words (the console's, a `replay`
/// line's `"guild"`): its number when it is one, as on Discord, else a
/// stable hash of the name (FNV-1a), so the same name is the same club in
/// every run.
pub fn guild_id(name: &str) -> u64 {
    if let Ok(id) = name.trim().parse::<u64>() {
        return id;
    }
    name.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_are_read_from_words() {
        assert_eq!(
            ClubAction::from_text(" Club JOIN "),
            Some(ClubAction::Join { name: None })
        );
        assert_eq!(
            ClubAction::from_text("club board since 1 Nov"),
            Some(ClubAction::Board {
                period: "since 1 Nov".into()
            })
        );
        assert_eq!(
            ClubAction::from_text("/club board"),
            Some(ClubAction::Board {
                period: String::new()
            })
        );
        assert_eq!(
            ClubAction::from_text("/club leave"),
            Some(ClubAction::Leave)
        );
        assert_eq!(ClubAction::from_text("club show"), Some(ClubAction::Show));
        assert_eq!(
            ClubAction::from_text("club summary on Europe/Berlin"),
            Some(ClubAction::SummaryOn {
                time_zone: Some("Europe/Berlin".into())
            })
        );
        assert_eq!(
            ClubAction::from_text("club summary off"),
            Some(ClubAction::SummaryOff)
        );
        assert!(ClubAction::from_text("club summary off")
            .unwrap()
            .needs_admin());
        assert_eq!(ClubAction::from_text("my club ran 10k"), None);
        assert_eq!(ClubAction::from_text("club"), None);
        assert_eq!(ClubAction::from_text("ran 10k with the club"), None);
    }

    #[test]
    fn a_guild_is_its_number_or_a_stable_hash_of_its_name() {
        assert_eq!(guild_id("8100000000000000"), 8_100_000_000_000_000);
        assert_eq!(guild_id("riverside"), guild_id("riverside"));
        assert_ne!(guild_id("riverside"), guild_id("hillside"));
    }
}
