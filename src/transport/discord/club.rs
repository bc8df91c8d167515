//! `/club` on Discord: the command's definition, what an invocation asks
//! for, and its answer (the domain in [`crate::club`] does the work), plus
//! [`ChannelPost`], how the weekly summary reaches its channel. Summaries
//! name runners as mentions but are sent with `allowed_mentions` that ping
//! nobody.

use std::sync::Arc;

use serenity::builder::{
    CreateAllowedMentions, CreateAttachment, CreateCommand, CreateCommandOption,
    CreateInteractionResponse, CreateInteractionResponseFollowup, CreateInteractionResponseMessage,
    CreateMessage,
};
use serenity::client::Context;
use serenity::http::Http;
use serenity::model::application::{
    CommandData, CommandDataOption, CommandDataOptionValue, CommandInteraction, CommandOptionType,
    InstallationContext, InteractionContext,
};
use serenity::model::id::ChannelId;
use serenity::model::Permissions;

use super::handler::Handler;
use super::outgoing;
use crate::catalogue::Catalogue;
use crate::chart::Chart;
pub use crate::club::ClubAction;
use crate::club::{PostError, PostSummary};
use crate::engine::{Event, Outcome};
use crate::model::UserId;

/// The `/club` command: `join`, `leave`, `show`, `board [period]`,
/// `summary on|off`. Usable
/// by everyone (runners join); `summary` checks Manage Server itself.
pub fn definition(catalogue: &Catalogue, global: bool) -> CreateCommand {
    let say = |key: &str| outgoing::clip(&catalogue.say(&format!("club.{key}"), 0, &[]), 100);
    let sub = |name: &str, key: &str| {
        CreateCommandOption::new(CommandOptionType::SubCommand, name, say(key))
    };
    let summary = CreateCommandOption::new(
        CommandOptionType::SubCommandGroup,
        "summary",
        say("cmd_summary"),
    )
    .add_sub_option(
        sub("on", "cmd_summary_on").add_sub_option(
            CreateCommandOption::new(CommandOptionType::String, "timezone", say("cmd_timezone"))
                .max_length(64)
                .set_autocomplete(true),
        ),
    )
    .add_sub_option(sub("off", "cmd_summary_off"));
    let mut club = CreateCommand::new("club")
        .description(say("cmd"))
        .add_option(sub("join", "cmd_join"))
        .add_option(sub("leave", "cmd_leave"))
        .add_option(sub("show", "cmd_show"))
        .add_option(
            sub("board", "cmd_board").add_sub_option(
                CreateCommandOption::new(CommandOptionType::String, "period", say("cmd_period"))
                    .max_length(64)
                    .add_string_choice("this week", "this week")
                    .add_string_choice("last week", "last week")
                    .add_string_choice("this month", "this month")
                    .add_string_choice("last month", "last month"),
            ),
        )
        .add_option(summary);
    if global {
        club = club
            .integration_types(vec![InstallationContext::Guild])
            .contexts(vec![InteractionContext::Guild]);
    }
    club
}

/// Reads a `/club` invocation.
pub fn action(data: &CommandData) -> Option<ClubAction> {
    let first = data.options.first()?;
    let inner = |o: &CommandDataOption| match &o.value {
        CommandDataOptionValue::SubCommand(v) | CommandDataOptionValue::SubCommandGroup(v) => {
            v.clone()
        }
        _ => Vec::new(),
    };
    match first.name.as_str() {
        "join" => Some(ClubAction::Join { name: None }),
        "leave" => Some(ClubAction::Leave),
        "show" => Some(ClubAction::Show),
        "board" => Some(ClubAction::Board {
            period: string_option(&inner(first), "period").unwrap_or_default(),
        }),
        "summary" => {
            let group = inner(first);
            let sub = group.first()?;
            match sub.name.as_str() {
                "on" => Some(ClubAction::SummaryOn {
                    time_zone: string_option(&inner(sub), "timezone"),
                }),
                "off" => Some(ClubAction::SummaryOff),
                _ => None,
            }
        }
        _ => None,
    }
}

/// A non-blank string option, trimmed.
fn string_option(options: &[CommandDataOption], name: &str) -> Option<String> {
    options
        .iter()
        .find(|o| o.name == name)
        .and_then(|o| match &o.value {
            CommandDataOptionValue::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
            _ => None,
        })
}

impl Handler {
    /// Answers a `/club` command, shown to its author alone, pinging
    /// nobody (a summary names runners).
    pub(super) async fn answer_club(&self, ctx: &Context, cmd: &CommandInteraction) {
        let text = self.club(cmd).await;
        let mut first = true;
        for piece in outgoing::split_plain(&text) {
            let sent = if std::mem::take(&mut first) {
                let msg = CreateInteractionResponseMessage::new()
                    .content(piece)
                    .ephemeral(true)
                    .allowed_mentions(nobody());
                cmd.create_response(&ctx.http, CreateInteractionResponse::Message(msg))
                    .await
            } else {
                let msg = CreateInteractionResponseFollowup::new()
                    .content(piece)
                    .ephemeral(true)
                    .allowed_mentions(nobody());
                cmd.create_followup(&ctx.http, msg).await.map(|_| ())
            };
            if let Err(e) = sent {
                tracing::warn!(error = %e, "cannot answer a club command");
                return;
            }
        }
    }

    /// The text of the answer to a `/club` command.
    async fn club(&self, cmd: &CommandInteraction) -> String {
        let Some(guild) = cmd.guild_id.map(|g| g.get()) else {
            return self.say("club.server_only");
        };
        let Some(mut action) = action(&cmd.data) else {
            return self.say("discord.failed");
        };
        if let ClubAction::Join { name } = &mut action {
            // Boards name runners by this, never by a ping.
            *name = cmd.member.as_ref().map(|m| m.display_name().to_owned());
        }
        let admin = cmd
            .member
            .as_ref()
            .and_then(|m| m.permissions)
            .is_some_and(|p| p.contains(Permissions::MANAGE_GUILD) || p.administrator());
        if action.needs_admin() && !admin {
            return self.say("club.admins_only");
        }
        let event = Event::Club {
            user: UserId::new(cmd.user.id.to_string()),
            club: guild,
            channel: cmd.channel_id.get(),
            action,
            at: self.now(),
        };
        match self.engine(move |bot| bot.dispatch(event)).await {
            Some(Ok(Outcome::Reply(reply))) => reply.text,
            Some(Ok(_)) | None => self.say("discord.failed"),
            Some(Err(e)) => {
                tracing::error!(error = %e, "cannot read or save a club");
                self.say("discord.failed")
            }
        }
    }
}

/// Mentions that ping nobody: no users, roles, @everyone or reply pings.
fn nobody() -> CreateAllowedMentions {
    CreateAllowedMentions::new()
        .empty_users()
        .empty_roles()
        .replied_user(false)
}

/// Posts weekly summaries to a channel, pinging nobody.
#[derive(Clone)]
pub struct ChannelPost {
    http: Arc<Http>,
}

impl ChannelPost {
    pub fn new(http: Arc<Http>) -> ChannelPost {
        ChannelPost { http }
    }
}

impl PostSummary for ChannelPost {
    async fn post(&self, channel: u64, text: &str, chart: Option<&Chart>) -> Result<(), PostError> {
        if channel == 0 {
            return Err(PostError("0 is not a channel id".into()));
        }
        let pieces = outgoing::split_plain(text);
        let last = pieces.len().saturating_sub(1);
        for (i, piece) in pieces.into_iter().enumerate() {
            let mut msg = CreateMessage::new()
                .content(piece)
                .allowed_mentions(nobody());
            // The chart goes with the last piece, under the words.
            if let (true, Some(chart)) = (i == last, chart) {
                let file = CreateAttachment::bytes(chart.png.clone(), crate::chart::CLUB_FILE_NAME)
                    // Discord keeps at most 1024 characters of a description.
                    .description(chart.alt.chars().take(1024).collect::<String>());
                msg = msg.add_file(file);
            }
            ChannelId::new(channel)
                .send_message(&self.http, msg)
                .await
                .map_err(|e| PostError(e.to_string()))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data(json: serde_json::Value) -> CommandData {
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn subcommands_and_the_zone_are_read() {
        let join = data(serde_json::json!({"id": "1", "name": "club", "type": 1,
            "options": [{"name": "join", "type": 1, "options": []}]}));
        assert_eq!(action(&join), Some(ClubAction::Join { name: None }));
        let on = data(serde_json::json!({"id": "1", "name": "club", "type": 1,
            "options": [{"name": "summary", "type": 2, "options": [{"name": "on", "type": 1,
            "options": [{"name": "timezone", "type": 3, "value": " Europe/Berlin "}]}]}]}));
        assert_eq!(
            action(&on),
            Some(ClubAction::SummaryOn {
                time_zone: Some("Europe/Berlin".into())
            })
        );
        let off = data(serde_json::json!({"id": "1", "name": "club", "type": 1,
            "options": [{"name": "summary", "type": 2, "options": [{"name": "off", "type": 1, "options": []}]}]}));
        assert_eq!(action(&off), Some(ClubAction::SummaryOff));
        let board = data(serde_json::json!({"id": "1", "name": "club", "type": 1,
            "options": [{"name": "board", "type": 1,
            "options": [{"name": "period", "type": 3, "value": " since 2 Nov "}]}]}));
        assert_eq!(
            action(&board),
            Some(ClubAction::Board {
                period: "since 2 Nov".into()
            })
        );
        let this_week = data(serde_json::json!({"id": "1", "name": "club", "type": 1,
            "options": [{"name": "board", "type": 1, "options": []}]}));
        assert_eq!(
            action(&this_week),
            Some(ClubAction::Board {
                period: String::new()
            })
        );
        let bare = data(serde_json::json!({"id": "1", "name": "club", "type": 1, "options": []}));
        assert_eq!(action(&bare), None);
    }
}
