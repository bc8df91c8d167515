//! Presence: the welcome in a server's system channel when the bot joins
//! it, and the `timezone` autocomplete of the slash commands
//! ([`super::zones`]).
//!
//! GUILD_CREATE arrives for every server at every connection, so a welcome
//! goes out only for a server joined moments ago ([`JUST_JOINED_MINUTES`])
//! and never welcomed before (remembered in the store). Without a system
//! channel, or without the right to post there, nothing is said.

use serenity::builder::{
    CreateAllowedMentions, CreateAutocompleteResponse, CreateInteractionResponse, CreateMessage,
};
use serenity::client::Context;
use serenity::model::application::CommandInteraction;
use serenity::model::guild::Guild;

use super::handler::Handler;
use super::zones;

/// A server joined longer ago than this is not new (a reconnect).
pub const JUST_JOINED_MINUTES: i64 = 10;

impl Handler {
    pub(super) async fn welcome(&self, ctx: &Context, guild: &Guild) {
        let Some(channel) = guild.system_channel_id else {
            return;
        };
        let joined = super::incoming::to_jiff(&guild.joined_at);
        let recent = joined.is_some_and(|at| {
            self.now().duration_since(at) <= jiff::SignedDuration::from_mins(JUST_JOINED_MINUTES)
        });
        if !recent {
            return;
        }
        match self.shared.bot.mark_welcomed(guild.id.get()) {
            Ok(true) => {}
            Ok(false) => return,
            Err(e) => {
                tracing::warn!(error = %e, "cannot remember a welcome");
                return;
            }
        }
        let text = self.say("welcome.text");
        let msg = CreateMessage::new()
            .content(super::outgoing::clip(&text, super::outgoing::CONTENT_MAX))
            .allowed_mentions(CreateAllowedMentions::new());
        match channel.send_message(&ctx.http, msg).await {
            Ok(_) => tracing::info!(guild = %guild.id, "welcomed a new server"),
            // Most often: no right to post there. Then nothing is said.
            Err(e) => tracing::debug!(guild = %guild.id, error = %e, "no welcome posted"),
        }
    }

    /// Suggestions for the option being typed (only time zones have any).
    pub(super) async fn answer_autocomplete(&self, ctx: &Context, ac: &CommandInteraction) {
        let Some(focused) = ac.data.autocomplete() else {
            return;
        };
        let mut response = CreateAutocompleteResponse::new();
        if focused.name == "timezone" {
            for (label, zone) in zones::suggest(focused.value) {
                response = response.add_string_choice(label, zone);
            }
        }
        if let Err(e) = ac
            .create_response(&ctx.http, CreateInteractionResponse::Autocomplete(response))
            .await
        {
            tracing::debug!(error = %e, "cannot answer an autocomplete");
        }
    }
}
