//! Posting replies: as channel messages (replies to the runner's message)
//! or as an interaction's response and follow-ups. Every message carries
//! `allowed_mentions` that can ping nobody but the author.

use serenity::builder::Builder as _;
use serenity::builder::{
    CreateActionRow, CreateAllowedMentions, CreateAttachment, CreateEmbed, CreateEmbedFooter,
    CreateInteractionResponse, CreateInteractionResponseFollowup, CreateInteractionResponseMessage,
    CreateMessage,
};
use serenity::http::{Http, HttpError};
use serenity::model::application::{CommandInteraction, ComponentInteraction};
use serenity::model::channel::MessageReference;
use serenity::model::channel::MessageReferenceKind;
use serenity::model::id::{ChannelId, InteractionId, MessageId, UserId};

use super::dm::DmError;
use super::outgoing::{self, Card, Part};
use crate::engine::Reply;

/// Discord's "Missing Permissions" (here: Embed Links).
const MISSING_PERMISSIONS: isize = 50_013;

/// Pings the author of the message replied to, and no one else: never
/// @everyone, @here, roles or other users.
pub fn only_author(author: UserId) -> CreateAllowedMentions {
    CreateAllowedMentions::new()
        .users([author])
        .empty_roles()
        .replied_user(true)
}

pub fn embed(card: &Card) -> CreateEmbed {
    let mut e = CreateEmbed::new()
        .title(&card.title)
        .description(&card.description)
        .colour(0x2f_9e_8f)
        .footer(CreateEmbedFooter::new(&card.footer));
    for (name, value) in &card.fields {
        e = e.field(name, value, false);
    }
    e
}

/// The reply's file, with its alt text (Discord's attachment description)
/// when it is a picture.
fn attachment(reply: &Reply) -> Option<CreateAttachment> {
    reply.attachment.as_ref().map(|file| {
        let created = CreateAttachment::bytes(file.bytes.clone(), file.name.clone());
        if file.is_image() {
            // Discord keeps at most 1024 characters of a description.
            created.description(file.alt.chars().take(1024).collect::<String>())
        } else {
            created
        }
    })
}

/// Where a channel reply goes.
#[derive(Debug, Clone, Copy)]
pub struct Target {
    pub channel: ChannelId,
    /// The runner's message, replied to (in servers, so the thread is clear).
    pub reply_to: Option<MessageId>,
    pub author: UserId,
}

/// Posts `parts` to a channel; if the bot may not post embeds there, posts
/// the reply's plain-text form instead.
pub async fn to_channel(
    http: &Http,
    target: Target,
    parts: &[Part],
    reply: &Reply,
    rows: &[CreateActionRow],
) -> serenity::Result<()> {
    match post_parts(http, target, parts, reply, rows).await {
        Err(serenity::Error::Http(HttpError::UnsuccessfulRequest(e)))
            if e.error.code == MISSING_PERMISSIONS =>
        {
            tracing::warn!(channel = %target.channel, "no Embed Links permission: replying in plain text");
            let plain: Vec<Part> = outgoing::plain_parts(reply)
                .into_iter()
                .map(|content| Part {
                    content,
                    cards: Vec::new(),
                })
                .collect();
            post_parts(http, target, &plain, reply, rows).await
        }
        other => other,
    }
}

/// Sends a reply to its author by DM (a personal reply asked for in a
/// server), after `hello` if this is the bot's first DM with them.
pub async fn to_dm(
    http: &Http,
    author: UserId,
    hello: Option<&str>,
    parts: &[Part],
    reply: &Reply,
    rows: &[CreateActionRow],
) -> Result<(), DmError> {
    let channel = author.create_dm_channel(http).await?.id;
    let target = Target {
        channel,
        reply_to: None,
        author,
    };
    if let Some(hello) = hello {
        text_to_channel(http, target, hello).await?;
    }
    post_parts(http, target, parts, reply, rows).await?;
    Ok(())
}

/// Posts a short text of the bot's own (a note, not an engine reply).
pub async fn text_to_channel(http: &Http, target: Target, text: &str) -> serenity::Result<()> {
    note_to_channel(http, target, text, &[]).await
}

/// Posts a short text of the bot's own, with buttons under it.
pub async fn note_to_channel(
    http: &Http,
    target: Target,
    text: &str,
    rows: &[CreateActionRow],
) -> serenity::Result<()> {
    let pieces = outgoing::split_plain(text);
    let last = pieces.len().saturating_sub(1);
    for (i, piece) in pieces.into_iter().enumerate() {
        let mut msg = CreateMessage::new()
            .content(piece)
            .allowed_mentions(only_author(target.author));
        if let Some(id) = target.reply_to {
            msg = msg.reference_message(reference(target.channel, id));
        }
        if i == last && !rows.is_empty() {
            msg = msg.components(rows.to_vec());
        }
        target.channel.send_message(http, msg).await?;
    }
    Ok(())
}

/// A reply to `id` that still goes out if the original was deleted.
fn reference(channel: ChannelId, id: MessageId) -> MessageReference {
    MessageReference::new(MessageReferenceKind::Default, channel)
        .message_id(id)
        .fail_if_not_exists(false)
}

async fn post_parts(
    http: &Http,
    target: Target,
    parts: &[Part],
    reply: &Reply,
    rows: &[CreateActionRow],
) -> serenity::Result<()> {
    let last = parts.len().saturating_sub(1);
    for (i, part) in parts.iter().enumerate() {
        let mut msg = CreateMessage::new()
            .allowed_mentions(only_author(target.author))
            .embeds(part.cards.iter().map(embed).collect());
        if !part.content.is_empty() {
            msg = msg.content(&part.content);
        }
        if i == 0 {
            if let Some(id) = target.reply_to {
                // A deleted original must not make the reply fail.
                let reference =
                    MessageReference::new(MessageReferenceKind::Default, target.channel)
                        .message_id(id)
                        .fail_if_not_exists(false);
                msg = msg.reference_message(reference);
            }
            if let Some(file) = attachment(reply) {
                msg = msg.add_file(file);
            }
        }
        if i == last && !rows.is_empty() {
            msg = msg.components(rows.to_vec());
        }
        target.channel.send_message(http, msg).await?;
    }
    Ok(())
}

/// The interaction being answered (a slash command or a button press).
#[derive(Debug, Clone, Copy)]
pub struct Answering<'a> {
    pub id: InteractionId,
    pub token: &'a str,
    pub user: UserId,
}

impl<'a> From<&'a CommandInteraction> for Answering<'a> {
    fn from(cmd: &'a CommandInteraction) -> Answering<'a> {
        Answering {
            id: cmd.id,
            token: &cmd.token,
            user: cmd.user.id,
        }
    }
}

impl<'a> From<&'a ComponentInteraction> for Answering<'a> {
    fn from(press: &'a ComponentInteraction) -> Answering<'a> {
        Answering {
            id: press.id,
            token: &press.token,
            user: press.user.id,
        }
    }
}

/// Tells Discord the answer will take a while (the runner sees "thinking");
/// the answer then comes as follow-ups ([`to_interaction`] with
/// `deferred`). Ephemeral or not is fixed here.
pub async fn defer(http: &Http, to: Answering<'_>, ephemeral: bool) -> serenity::Result<()> {
    let msg = CreateInteractionResponseMessage::new().ephemeral(ephemeral);
    CreateInteractionResponse::Defer(msg)
        .execute(http, (to.id, to.token))
        .await
}

/// Answers an interaction with `parts`: the first as its response (or, once
/// `deferred`, as the first follow-up), the rest as follow-ups. `ephemeral`
/// shows them to the author alone; `rows` go under the last.
pub async fn to_interaction(
    http: &Http,
    to: Answering<'_>,
    parts: &[Part],
    reply: Option<&Reply>,
    ephemeral: bool,
    rows: &[CreateActionRow],
    deferred: bool,
) -> serenity::Result<()> {
    let mentions = || only_author(to.user);
    let last = parts.len().saturating_sub(1);
    for (i, part) in parts.iter().enumerate() {
        let file = (i == 0).then(|| reply.and_then(attachment)).flatten();
        let rows = if i == last { rows.to_vec() } else { Vec::new() };
        if i == 0 && !deferred {
            let mut msg = CreateInteractionResponseMessage::new()
                .allowed_mentions(mentions())
                .ephemeral(ephemeral)
                .embeds(part.cards.iter().map(embed).collect())
                .components(rows);
            if !part.content.is_empty() {
                msg = msg.content(&part.content);
            }
            if let Some(file) = file {
                msg = msg.add_file(file);
            }
            CreateInteractionResponse::Message(msg)
                .execute(http, (to.id, to.token))
                .await?;
        } else {
            let mut follow = CreateInteractionResponseFollowup::new()
                .allowed_mentions(mentions())
                .ephemeral(ephemeral)
                .embeds(part.cards.iter().map(embed).collect())
                .components(rows);
            if !part.content.is_empty() {
                follow = follow.content(&part.content);
            }
            if let Some(file) = file {
                follow = follow.add_file(file);
            }
            follow.execute(http, (None, to.token)).await?;
        }
    }
    Ok(())
}
