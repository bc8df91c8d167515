//! Turning a Discord message into the engine's [`Incoming`]: who wrote it,
//! whether it is for the bot, and the text with mentions taken out.

use std::sync::OnceLock;

use regex::Regex;
use serenity::model::channel::Message;
use serenity::model::id::{ChannelId, UserId as DiscordUser};

use crate::engine::{Incoming, Origin};
use crate::model::UserId;

/// Where a server message stands for the bot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Addressing {
    /// Mentions the bot or replies to one of its messages.
    Direct,
    /// Written in the server's listen channel.
    ListenChannel,
    /// Not for the bot.
    No,
}

/// How a message addresses the bot (`me`). `listen` is the server's listen
/// channel, if an admin set one.
pub fn addressing(msg: &Message, me: DiscordUser, listen: Option<ChannelId>) -> Addressing {
    let mentioned = msg.mentions.iter().any(|u| u.id == me)
        || msg.content.contains(&format!("<@{me}>"))
        || msg.content.contains(&format!("<@!{me}>"));
    let replied = msg
        .referenced_message
        .as_ref()
        .is_some_and(|m| m.author.id == me);
    if mentioned || replied {
        Addressing::Direct
    } else if listen == Some(msg.channel_id) {
        Addressing::ListenChannel
    } else {
        Addressing::No
    }
}

/// The engine's view of a message. `None` when it is not for the bot, or
/// when a listen-channel message came without its text (the bot lacks the
/// Message Content intent), so that nothing answers an empty message.
pub fn to_incoming(
    msg: &Message,
    me: DiscordUser,
    listen: Option<ChannelId>,
    fallback_at: jiff::Timestamp,
) -> Option<Incoming> {
    let origin = match msg.guild_id {
        None => Origin::Dm,
        Some(guild) => match addressing(msg, me, listen) {
            Addressing::No => return None,
            Addressing::ListenChannel if msg.content.trim().is_empty() => return None,
            _ => Origin::Guild {
                guild: guild.to_string(),
                addressed: true,
            },
        },
    };
    Some(Incoming {
        user: UserId::new(msg.author.id.to_string()),
        origin,
        text: clean_text(&msg.content),
        at: to_jiff(&msg.timestamp).unwrap_or(fallback_at),
        message_id: Some(msg.id.to_string()),
    })
}

/// The text without user, role and channel mentions, @everyone and @here:
/// they are Discord's addressing, not what the runner did (the bot's own
/// mention is how it was addressed, the digits of other mentions would read
/// as distances, and "@everyone ran 5k" is the writer's run).
pub fn clean_text(content: &str) -> String {
    static MENTION: OnceLock<Regex> = OnceLock::new();
    let re = MENTION.get_or_init(|| {
        Regex::new(r"<(?:@[!&]?|#)\d+>|@(?:everyone|here)\b")
            .unwrap_or_else(|_| unreachable!("a fixed, valid regex"))
    });
    let stripped = re.replace_all(content, " ");
    stripped.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A serenity timestamp as a jiff one.
pub fn to_jiff(t: &serenity::model::Timestamp) -> Option<jiff::Timestamp> {
    t.to_rfc3339()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_are_stripped_and_spacing_kept_tidy() {
        assert_eq!(clean_text("<@123> ran 20k hot"), "ran 20k hot");
        assert_eq!(
            clean_text("ran <@!42>  5k with <@&7> in <#9>"),
            "ran 5k with in"
        );
        assert_eq!(clean_text("@everyone ran 5k"), "ran 5k");
        assert_eq!(clean_text("@here: 10k done"), ": 10k done");
    }

    #[test]
    fn timestamps_convert_exactly() {
        let t = serenity::model::Timestamp::parse("2026-06-01T18:05:00.250Z").unwrap();
        assert_eq!(
            to_jiff(&t).unwrap(),
            "2026-06-01T18:05:00.25Z"
                .parse::<jiff::Timestamp>()
                .unwrap()
        );
    }
}
