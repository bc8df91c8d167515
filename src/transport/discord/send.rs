//! Posting replies: as channel messages (replies to the runner's message)
//! or as an interaction's response and follow-ups. Every message carries
//! `allowed_mentions` that can ping nobody but the author.

use serenity::builder::{
    CreateAllowedMentions, CreateAttachment, CreateEmbed, CreateEmbedFooter,
    CreateInteractionResponse, CreateInteractionResponseFollowup, CreateInteractionResponseMessage,
    CreateMessage,
};
use serenity::http::{Http, HttpError};
use serenity::model::application::CommandInteraction;
use serenity::model::channel::MessageReference;
use serenity::model::channel::MessageReferenceKind;
use serenity::model::id::{ChannelId, MessageId, UserId};

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

fn attachment(reply: &Reply) -> Option<CreateAttachment> {
    reply
        .attachment
        .as_ref()
        .map(|(name, body)| CreateAttachment::bytes(body.as_bytes().to_vec(), name.clone()))
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
) -> serenity::Result<()> {
    match post_parts(http, target, parts, reply).await {
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
            post_parts(http, target, &plain, reply).await
        }
        other => other,
    }
}

/// Posts a short text of the bot's own (a note, not an engine reply).
pub async fn text_to_channel(http: &Http, target: Target, text: &str) -> serenity::Result<()> {
    for piece in outgoing::split_plain(text) {
        let mut msg = CreateMessage::new()
            .content(piece)
            .allowed_mentions(only_author(target.author));
        if let Some(id) = target.reply_to {
            msg = msg.reference_message(reference(target.channel, id));
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
) -> serenity::Result<()> {
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
        target.channel.send_message(http, msg).await?;
    }
    Ok(())
}

/// Answers a slash command with `parts`: the first as the interaction's
/// response, the rest as follow-ups. `ephemeral` shows them to the author
/// alone.
pub async fn to_interaction(
    http: &Http,
    cmd: &CommandInteraction,
    parts: &[Part],
    reply: Option<&Reply>,
    ephemeral: bool,
) -> serenity::Result<()> {
    let mentions = || only_author(cmd.user.id);
    let mut parts = parts.iter();
    let first = parts.next().cloned().unwrap_or_default();
    let mut msg = CreateInteractionResponseMessage::new()
        .allowed_mentions(mentions())
        .ephemeral(ephemeral)
        .embeds(first.cards.iter().map(embed).collect());
    if !first.content.is_empty() {
        msg = msg.content(&first.content);
    }
    if let Some(file) = reply.and_then(attachment) {
        msg = msg.add_file(file);
    }
    cmd.create_response(http, CreateInteractionResponse::Message(msg))
        .await?;
    for part in parts {
        let mut follow = CreateInteractionResponseFollowup::new()
            .allowed_mentions(mentions())
            .ephemeral(ephemeral)
            .embeds(part.cards.iter().map(embed).collect());
        if !part.content.is_empty() {
            follow = follow.content(&part.content);
        }
        cmd.create_followup(http, follow).await?;
    }
    Ok(())
}
