//! The events a test sends: user messages and slash-command invocations,
//! as the JSON Discord would dispatch.

use serde_json::{json, Value};

use super::BOT_ID;

/// A user message for [`FakeDiscord::send_message`].
#[derive(Debug, Clone)]
pub struct Msg {
    pub author: u64,
    pub author_is_bot: bool,
    pub channel: u64,
    pub guild: Option<u64>,
    pub content: String,
    /// Users mentioned (the bot, to address it).
    pub mentions: Vec<u64>,
    pub mention_everyone: bool,
    /// The author of the message this one replies to.
    pub replying_to: Option<u64>,
    /// Discord's message type (0 a normal message, 6 a pin notice...).
    pub kind: u8,
}

impl Msg {
    /// A DM from `author`; the DM channel id is derived from the author.
    pub fn dm(author: u64, content: &str) -> Msg {
        Msg {
            author,
            author_is_bot: false,
            channel: author + 7,
            guild: None,
            content: content.to_owned(),
            mentions: Vec::new(),
            mention_everyone: false,
            replying_to: None,
            kind: 0,
        }
    }

    /// A server message in `channel` of `guild`.
    pub fn guild(author: u64, guild: u64, channel: u64, content: &str) -> Msg {
        Msg {
            guild: Some(guild),
            channel,
            ..Msg::dm(author, content)
        }
    }

    /// The same message with the bot mentioned (and its mention in the text).
    pub fn mentioning_bot(mut self) -> Msg {
        self.content = format!("<@{BOT_ID}> {}", self.content);
        self.mentions.push(BOT_ID);
        self
    }

    pub(crate) fn to_json(&self, id: u64) -> Value {
        let user = |id: u64, bot: bool| json!({"id": id.to_string(), "username": format!("user{id}"), "discriminator": "0", "bot": bot});
        let mut m = json!({
            "id": id.to_string(),
            "channel_id": self.channel.to_string(),
            "author": user(self.author, self.author_is_bot),
            "content": self.content,
            "timestamp": now_rfc3339(),
            "edited_timestamp": null,
            "tts": false,
            "mention_everyone": self.mention_everyone,
            "mentions": self.mentions.iter().map(|&u| user(u, u == BOT_ID)).collect::<Vec<_>>(),
            "mention_roles": [],
            "attachments": [],
            "embeds": [],
            "pinned": false,
            "type": self.kind,
        });
        if let Some(g) = self.guild {
            m["guild_id"] = json!(g.to_string());
        }
        if let Some(a) = self.replying_to {
            let mut original =
                Msg::guild(a, self.guild.unwrap_or(1), self.channel, "earlier").to_json(id - 1);
            original["author"]["bot"] = json!(a == BOT_ID);
            m["referenced_message"] = original;
            m["message_reference"] =
                json!({"message_id": (id - 1).to_string(), "channel_id": self.channel.to_string()});
        }
        m
    }
}

/// A slash command for [`FakeDiscord::send_command`].
#[derive(Debug, Clone)]
pub struct Cmd {
    pub user: u64,
    pub guild: Option<u64>,
    pub channel: u64,
    pub name: String,
    pub options: Value,
}

impl Cmd {
    pub fn new(user: u64, name: &str, options: Value) -> Cmd {
        Cmd {
            user,
            guild: None,
            channel: user + 7,
            name: name.to_owned(),
            options,
        }
    }

    pub fn in_guild(mut self, guild: u64, channel: u64) -> Cmd {
        self.guild = Some(guild);
        self.channel = channel;
        self
    }

    /// The INTERACTION_CREATE payload for interaction `id`.
    pub fn to_json(&self, id: u64) -> Value {
        let user = json!({"id": self.user.to_string(), "username": format!("user{}", self.user), "discriminator": "0"});
        let mut i = json!({
            "id": id.to_string(),
            "application_id": BOT_ID.to_string(),
            "type": 2,
            "data": {"id": "1", "name": self.name, "type": 1, "options": self.options},
            "channel_id": self.channel.to_string(),
            "token": format!("token-{id}"),
            "version": 1,
            "locale": "en-GB",
            "entitlements": [],
            "attachment_size_limit": 10_485_760,
        });
        match self.guild {
            Some(g) => {
                i["guild_id"] = json!(g.to_string());
                i["context"] = json!(0);
                i["member"] = json!({"user": user, "roles": [], "joined_at": now_rfc3339(),
                    "deaf": false, "mute": false, "flags": 0, "permissions": "0"});
            }
            None => {
                i["context"] = json!(1);
                i["user"] = user;
            }
        }
        i
    }
}

pub(crate) fn now_rfc3339() -> String {
    jiff::Timestamp::now().to_string()
}

/// A press on a button the bot posted, for [`FakeDiscord::send_press`].
#[derive(Debug, Clone)]
pub struct Press {
    pub user: u64,
    pub guild: Option<u64>,
    pub channel: u64,
    pub custom_id: String,
}

impl Press {
    /// The INTERACTION_CREATE payload (type 3, a message component).
    pub fn to_json(&self, id: u64) -> Value {
        let user = json!({"id": self.user.to_string(), "username": format!("user{}", self.user), "discriminator": "0"});
        let message = json!({
            "id": (id - 1).to_string(), "channel_id": self.channel.to_string(),
            "author": {"id": BOT_ID.to_string(), "username": "Cooldown", "discriminator": "0", "bot": true},
            "content": "", "timestamp": now_rfc3339(), "edited_timestamp": null, "tts": false,
            "mention_everyone": false, "mentions": [], "mention_roles": [], "attachments": [],
            "embeds": [], "pinned": false, "type": 0,
        });
        let mut i = json!({
            "id": id.to_string(),
            "application_id": BOT_ID.to_string(),
            "type": 3,
            "data": {"custom_id": self.custom_id, "component_type": 2},
            "channel_id": self.channel.to_string(),
            "token": format!("token-{id}"),
            "version": 1,
            "locale": "en-GB",
            "message": message,
            "entitlements": [],
            "attachment_size_limit": 10_485_760,
        });
        match self.guild {
            Some(g) => {
                i["guild_id"] = json!(g.to_string());
                i["context"] = json!(0);
                i["member"] = json!({"user": user, "roles": [], "joined_at": now_rfc3339(),
                    "deaf": false, "mute": false, "flags": 0, "permissions": "0"});
            }
            None => {
                i["context"] = json!(1);
                i["user"] = user;
            }
        }
        i
    }
}

/// GUILD_CREATE for a server the bot joined at `joined_at`, with a system
/// channel or none.
pub fn guild_create(guild: u64, system_channel: Option<u64>, joined_at: &str) -> Value {
    json!({
        "id": guild.to_string(), "name": "Running club", "icon": null, "icon_hash": null,
        "splash": null, "discovery_splash": null, "owner_id": "1",
        "verification_level": 0, "default_message_notifications": 0,
        "explicit_content_filter": 0, "roles": [], "emojis": [], "features": [],
        "mfa_level": 0, "application_id": null,
        "system_channel_id": system_channel.map(|c| c.to_string()),
        "system_channel_flags": 0, "rules_channel_id": null, "premium_tier": 0,
        "preferred_locale": "en-US", "public_updates_channel_id": null, "nsfw_level": 0,
        "stickers": [], "premium_progress_bar_enabled": false,
        "joined_at": joined_at, "large": false, "member_count": 2,
        "voice_states": [], "members": [], "channels": [], "threads": [], "presences": [],
        "stage_instances": [], "guild_scheduled_events": [],
    })
}
