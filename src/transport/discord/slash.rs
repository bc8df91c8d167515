//! Slash commands as they arrive: each becomes the engine's input (see
//! [`super::commands`]), and the reply goes back as the interaction's
//! response, shown to the author alone when it is personal and others
//! could see it. `/listen` is answered here.

use serenity::client::Context;
use serenity::model::application::{CommandInteraction, InteractionContext};

use super::buttons;
use super::commands::{self, Action, Request};
use super::handler::Handler;
use super::incoming::to_jiff;
use super::limiter::Verdict;
use super::outgoing::{self, Part};

use super::send;
use crate::engine::{Incoming, Origin, Reply};
use crate::model::UserId;

impl Handler {
    pub(super) async fn answer_command(&self, ctx: &Context, cmd: &CommandInteraction) {
        // Personal answers are shown to the author alone wherever others
        // could read them: servers, group DMs and other people's DMs.
        let ephemeral_ok =
            cmd.guild_id.is_some() || cmd.context == Some(InteractionContext::PrivateChannel);
        let request = match self.rate(cmd.user.id) {
            Verdict::Allow => match commands::action(&cmd.data) {
                Action::Engine(request) => request,
                Action::Listen(on) => return self.note(ctx, cmd, self.set_listen(cmd, on)).await,
                Action::Club => return self.answer_club(ctx, cmd).await,
                Action::Unknown => return self.note(ctx, cmd, self.say("discord.failed")).await,
            },
            Verdict::Warn | Verdict::Drop => {
                return self.note(ctx, cmd, self.say("discord.rate_limited")).await
            }
        };
        // The engine may be slow (a big export, a busy disk): past
        // `defer_after`, tell Discord to wait, and answer with follow-ups.
        // Whether the answer is personal is not known yet, so a deferred
        // answer is shown to the author alone wherever others could see it.
        let work = self.run_command(cmd, request);
        tokio::pin!(work);
        let limit = self.shared.defer_after;
        let quick = if limit.is_zero() {
            None
        } else {
            tokio::time::timeout(limit, &mut work).await.ok()
        };
        let (answer, deferred) = match quick {
            Some(answer) => (answer, false),
            None => {
                if let Err(e) = send::defer(&ctx.http, cmd.into(), ephemeral_ok).await {
                    tracing::warn!(command = %cmd.data.name, error = %e, "cannot defer a slash command");
                }
                (work.await, true)
            }
        };
        let Some((reply, delete_asked)) = answer else {
            let parts = note_parts(self.say("discord.failed"));
            let _ = send::to_interaction(&ctx.http, cmd.into(), &parts, None, true, &[], deferred)
                .await;
            return;
        };
        let catalogue = self.shared.bot.catalogue();
        let parts = outgoing::parts(&reply, catalogue, false);
        let ephemeral = if deferred {
            ephemeral_ok
        } else {
            reply.private && ephemeral_ok
        };
        let interaction = cmd.id.to_string();
        let offer = buttons::Offer {
            message: Some(&interaction),
            delete_asked,
        };
        let rows = buttons::for_reply(&reply, cmd.user.id.get(), self.now(), offer, catalogue);
        let sent = send::to_interaction(
            &ctx.http,
            cmd.into(),
            &parts,
            Some(&reply),
            ephemeral,
            &rows,
            deferred,
        );
        if let Err(e) = sent.await {
            tracing::warn!(command = %cmd.data.name, error = %e, "cannot answer a slash command");
        }
    }

    /// A note of the bot's own, to the author alone.
    async fn note(&self, ctx: &Context, cmd: &CommandInteraction, text: String) {
        let parts = note_parts(text);
        if let Err(e) =
            send::to_interaction(&ctx.http, cmd.into(), &parts, None, true, &[], false).await
        {
            tracing::warn!(command = %cmd.data.name, error = %e, "cannot answer a slash command");
        }
    }

    /// The engine's reply to a command, and whether it asked to delete the
    /// runner's data.
    async fn run_command(
        &self,
        cmd: &CommandInteraction,
        request: Request,
    ) -> Option<(Reply, bool)> {
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
            // A log made by `/log` is found again by the interaction's id
            // (its Undo button undoes that log, not whatever came last).
            message_id: Some(cmd.id.to_string()),
        };
        self.engine(move |bot| {
            let reply = match request.parsed {
                Some(parsed) => bot.handle_parsed(&msg, *parsed),
                None => bot.handle(&msg),
            }?;
            Some((reply, bot.asked_to_delete(&msg)))
        })
        .await?
    }

    fn set_listen(&self, cmd: &CommandInteraction, on: bool) -> String {
        let Some(guild) = cmd.guild_id else {
            return self.say("discord.listen_server_only");
        };
        let channel = on.then_some(cmd.channel_id.get());
        if let Err(e) = self.shared.bot.set_listen_channel(guild.get(), channel) {
            tracing::error!(error = %e, "cannot save a listen channel");
            return self.say("discord.failed");
        }
        tracing::info!(guild = %guild, on, "listen channel changed");
        // Reading a whole channel needs the Message Content intent; turning
        // the last one off lets the bot drop it. Reconnect if that changed.
        let wanted = self.shared.bot.any_listen_channel().unwrap_or(on);
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

/// A note of the bot's own as the parts of a message.
fn note_parts(text: String) -> Vec<Part> {
    vec![Part {
        content: text,
        cards: Vec::new(),
    }]
}
