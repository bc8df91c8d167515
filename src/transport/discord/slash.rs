//! Slash commands as they arrive: each becomes the engine's input (see
//! [`super::commands`]), and the reply goes back as the interaction's
//! response, shown to the author alone when it is personal and others
//! could see it. `/listen` is answered here.

use serenity::client::Context;
use serenity::model::application::{CommandInteraction, InteractionContext};

use super::commands::{self, Action, Request};
use super::handler::Handler;
use super::incoming::to_jiff;
use super::limiter::Verdict;
use super::outgoing::{self, Part};
use super::send;
use crate::engine::{Incoming, Origin, Reply};
use crate::store::UserId;

impl Handler {
    pub(super) async fn answer_command(&self, ctx: &Context, cmd: &CommandInteraction) {
        // Personal answers are shown to the author alone wherever others
        // could read them: servers, group DMs and other people's DMs.
        let ephemeral_ok =
            cmd.guild_id.is_some() || cmd.context == Some(InteractionContext::PrivateChannel);
        let note = |text: String| {
            vec![Part {
                content: text,
                cards: Vec::new(),
            }]
        };
        let (parts, reply, ephemeral) = match self.rate(cmd.user.id) {
            Verdict::Allow => match commands::action(&cmd.data) {
                Action::Engine(request) => match self.run_command(cmd, request).await {
                    Some(reply) => {
                        let parts = outgoing::parts(&reply, self.shared.bot.catalogue(), false);
                        let private = reply.private && ephemeral_ok;
                        (parts, Some(reply), private)
                    }
                    None => (note(self.say("discord.failed")), None, true),
                },
                Action::Listen(on) => (note(self.set_listen(cmd, on)), None, true),
                Action::Club => return self.answer_club(ctx, cmd).await,
                Action::Unknown => (note(self.say("discord.failed")), None, true),
            },
            Verdict::Warn | Verdict::Drop => (note(self.say("discord.rate_limited")), None, true),
        };
        if let Err(e) =
            send::to_interaction(&ctx.http, cmd, &parts, reply.as_ref(), ephemeral).await
        {
            tracing::warn!(command = %cmd.data.name, error = %e, "cannot answer a slash command");
        }
    }

    /// The engine's reply to a command.
    async fn run_command(&self, cmd: &CommandInteraction, request: Request) -> Option<Reply> {
        let msg = Incoming {
            user: UserId::new(cmd.user.id.to_string()),
            origin: match cmd.guild_id {
                Some(g) => Origin::Guild {
                    guild: g.to_string(),
                    addressed: true,
                },
                None => Origin::Dm,
            },
            text: request.text,
            at: to_jiff(&cmd.id.created_at()).unwrap_or_else(|| self.now()),
            message_id: None,
        };
        self.engine(move |bot| match request.parsed {
            Some(parsed) => bot.handle_parsed(&msg, *parsed),
            None => bot.handle(&msg),
        })
        .await?
    }

    fn set_listen(&self, cmd: &CommandInteraction, on: bool) -> String {
        let Some(guild) = cmd.guild_id else {
            return self.say("discord.listen_server_only");
        };
        let channel = on.then_some(cmd.channel_id.get());
        if let Err(e) = self.shared.guilds.set_listen_channel(guild.get(), channel) {
            tracing::error!(error = %e, "cannot save a listen channel");
            return self.say("discord.failed");
        }
        tracing::info!(guild = %guild, on, "listen channel changed");
        // Reading a whole channel needs the Message Content intent; turning
        // the last one off lets the bot drop it. Reconnect if that changed.
        let wanted = self.shared.guilds.any_listen_channel().unwrap_or(on);
        if wanted != self.content_intent {
            self.shared.reconnect.notify_one();
        }
        self.say(if on {
            "discord.listen_on"
        } else {
            "discord.listen_off"
        })
    }
}
