//! The serenity event handler: each event is converted, handed to the
//! engine on a blocking thread (it flushes sled), and the reply converted
//! back. No coaching happens here. At most `engine_threads` events are in
//! the engine at once; the rest wait for a slot as tasks, not as threads.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use serenity::async_trait;
use serenity::client::{Context, EventHandler};
use serenity::model::application::Interaction;
use serenity::model::channel::{Message, MessageType};
use serenity::model::event::MessageUpdateEvent;
use serenity::model::gateway::Ready;
use serenity::model::guild::Guild;
use serenity::model::id::{ChannelId, GuildId, MessageId, UserId as DiscordUser};
use tokio::sync::{watch, Notify};

use super::commands;
use super::deliver::Delivery;
use super::gate::Gate;
use super::incoming::{clean_text, to_incoming, to_jiff};
use super::limiter::{Limiter, Verdict};
use super::send::{self, Target};
use crate::clock::Clock;
use crate::engine::{Bot, Event, Incoming, Origin, Outcome};
use crate::intent::Intent;
use crate::model::UserId;

/// How long the author index remembers a logged message.
const AUTHOR_MEMORY_DAYS: i64 = 30;

/// What lives across reconnections.
pub struct Shared {
    pub bot: Bot,
    pub clock: Arc<dyn Clock>,
    pub limiter: Mutex<Limiter>,
    pub gate: Gate,
    pub dev_guild: Option<u64>,
    /// The bot's own user, known from READY.
    pub me: watch::Sender<Option<DiscordUser>>,
    /// Asks the run loop to reconnect (the intents the bot needs changed).
    pub reconnect: Notify,
    pub commands_registered: std::sync::atomic::AtomicBool,
    /// Slash commands not answered within this are deferred.
    pub defer_after: Duration,
    pub greet_new_runners: bool,
    /// One permit per event in the engine: bounds the blocking threads
    /// whatever the burst.
    pub engine_slots: Arc<tokio::sync::Semaphore>,
    /// Bumped as each message, edit, delete, interaction or server event
    /// is done with.
    pub handled: super::Handled,
}

/// One connection's handler.
pub struct Handler {
    pub shared: Arc<Shared>,
    /// Whether this connection asked for the Message Content intent.
    pub content_intent: bool,
}

impl Handler {
    /// The bot's user id; READY is handled in its own task, so an early
    /// message may have to wait for it a moment.
    pub(super) async fn me(&self) -> Option<DiscordUser> {
        let mut rx = self.shared.me.subscribe();
        let wait = async move { rx.wait_for(Option::is_some).await.ok().and_then(|v| *v) };
        tokio::time::timeout(Duration::from_secs(5), wait)
            .await
            .ok()
            .flatten()
    }

    pub(super) fn now(&self) -> jiff::Timestamp {
        self.shared.clock.now()
    }

    pub(super) fn rate(&self, user: DiscordUser) -> Verdict {
        let now = self.now();
        let mut limiter = self
            .shared
            .limiter
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        limiter.check(user.get(), now)
    }

    pub(super) fn say(&self, key: &str) -> String {
        self.shared.bot.catalogue().say(key, 0, &[])
    }

    /// Runs the engine on a blocking thread, once one of the engine's slots
    /// is free.
    pub(super) async fn engine<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Bot) -> T + Send + 'static,
    ) -> Option<T> {
        let bot = self.shared.bot.clone();
        // The semaphore is never closed, so acquiring only fails if that
        // changes; then run unbounded rather than drop the event.
        let permit = self.shared.engine_slots.clone().acquire_owned().await.ok();
        let run = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            f(&bot)
        });
        match run.await {
            Ok(v) => Some(v),
            Err(e) => {
                tracing::error!(error = %e, "the engine failed on an event");
                None
            }
        }
    }

    pub(super) fn listen_channel(&self, guild: Option<GuildId>) -> Option<ChannelId> {
        let guild = guild?;
        match self.shared.bot.listen_channel(guild.get()) {
            Ok(c) => c.map(ChannelId::new),
            Err(e) => {
                tracing::error!(error = %e, "cannot read a server's settings");
                None
            }
        }
    }
}

#[async_trait]
impl EventHandler for Handler {
    async fn ready(&self, ctx: Context, ready: Ready) {
        crate::ops::health::gateway_session(false);
        tracing::info!(
            user = %ready.user.name,
            shard = ?ready.shard.map(|s| s.id.0),
            servers = ready.guilds.len(),
            "connected to Discord"
        );
        self.shared.me.send_replace(Some(ready.user.id));
        if self
            .shared
            .commands_registered
            .swap(true, std::sync::atomic::Ordering::SeqCst)
        {
            return;
        }
        let horizon = self.now() - jiff::SignedDuration::from_hours(24 * AUTHOR_MEMORY_DAYS);
        if let Err(e) = self.shared.bot.forget_messages_before(horizon) {
            tracing::warn!(error = %e, "cannot prune the message index");
        }
        let catalogue = self.shared.bot.catalogue();
        let result = match self.shared.dev_guild {
            Some(g) => GuildId::new(g.max(1))
                .set_commands(&ctx.http, commands::definitions(catalogue, false))
                .await
                .map(|c| c.len()),
            None => serenity::model::application::Command::set_global_commands(
                &ctx.http,
                commands::definitions(catalogue, true),
            )
            .await
            .map(|c| c.len()),
        };
        match result {
            Ok(n) => {
                tracing::info!(commands = n, dev_guild = ?self.shared.dev_guild, "slash commands registered")
            }
            Err(e) => {
                self.shared
                    .commands_registered
                    .store(false, std::sync::atomic::Ordering::SeqCst);
                tracing::warn!(error = %e, "cannot register the slash commands");
            }
        }
    }

    async fn resume(&self, _ctx: Context, _event: serenity::model::event::ResumedEvent) {
        crate::ops::health::gateway_session(true);
    }

    /// The health check hears of a drop at once, not at the watcher's next
    /// poll.
    async fn shard_stage_update(
        &self,
        _ctx: Context,
        event: serenity::gateway::ShardStageUpdateEvent,
    ) {
        crate::ops::health::gateway_connected(
            event.new == serenity::gateway::ConnectionStage::Connected,
        );
    }

    async fn guild_create(&self, ctx: Context, guild: Guild, _is_new: Option<bool>) {
        let _done = self.shared.handled.on_exit();
        let Some(_pass) = self.shared.gate.enter() else {
            return;
        };
        self.welcome(&ctx, &guild).await;
    }

    async fn message(&self, ctx: Context, msg: Message) {
        let _done = self.shared.handled.on_exit();
        let arrived = std::time::Instant::now();
        crate::ops::health::gateway_event();
        let Some(_pass) = self.shared.gate.enter() else {
            return;
        };
        // Other bots, this one's own messages, webhooks, and system notices
        // (pins, joins) are never for the coach.
        let from_a_person = !msg.author.bot && msg.webhook_id.is_none();
        if !from_a_person || !matches!(msg.kind, MessageType::Regular | MessageType::InlineReply) {
            return;
        }
        let Some(me) = self.me().await else { return };
        if msg.author.id == me {
            return;
        }
        let listen = self.listen_channel(msg.guild_id);
        let Some(incoming) = to_incoming(&msg, me, listen, self.now()) else {
            return;
        };
        let target = Target {
            channel: msg.channel_id,
            reply_to: msg.guild_id.map(|_| msg.id),
            author: msg.author.id,
        };
        match self.rate(msg.author.id) {
            Verdict::Allow => {}
            Verdict::Drop => return,
            Verdict::Warn => {
                let note = self.say("discord.rate_limited");
                if let Err(e) = send::text_to_channel(&ctx.http, target, &note).await {
                    tracing::warn!(error = %e, "cannot send the rate-limit note");
                }
                return;
            }
        }
        let greet = self.shared.greet_new_runners;
        let message_id = msg.id.to_string();
        let Some(Some((reply, new_runner, delete_asked))) = self
            .engine(move |bot| {
                // Read before the engine logs: a first run makes no one old.
                let new_runner = greet && bot.is_new_runner(&incoming.user).unwrap_or(false);
                let reply = bot.handle(&incoming);
                let reply = reply?;
                let delete_asked = bot.asked_to_delete(&incoming);
                Some((reply, new_runner, delete_asked))
            })
            .await
        else {
            return;
        };
        let logged_message = reply.logged
            && matches!(
                reply.intent,
                Intent::LogRun | Intent::LogRest | Intent::LogSleep | Intent::ReportPain
            );
        let delivery = Delivery {
            target,
            in_server: msg.guild_id.is_some(),
            reply: &reply,
            message_id: Some(&message_id),
            delete_asked,
            logged_message,
            new_runner,
        };
        record_reply(&reply, self.deliver(&ctx.http, delivery).await, arrived);
    }

    async fn message_update(
        &self,
        ctx: Context,
        _old: Option<Message>,
        _new: Option<Message>,
        event: MessageUpdateEvent,
    ) {
        let _done = self.shared.handled.on_exit();
        let Some(_pass) = self.shared.gate.enter() else {
            return;
        };
        // Without the Message Content intent, edits in servers arrive with
        // no text; an empty edit says nothing about the run.
        let Some(content) = event.content.as_deref().filter(|c| !c.trim().is_empty()) else {
            return;
        };
        if event.author.as_ref().is_some_and(|a| a.bot) {
            return;
        }
        let user = match &event.author {
            Some(a) => UserId::new(a.id.to_string()),
            None => match self.shared.bot.message_author(&event.id.to_string()) {
                Ok(Some(u)) => u,
                _ => return,
            },
        };
        let author = match user.as_str().parse::<u64>() {
            Ok(id) if id > 0 => DiscordUser::new(id),
            _ => return,
        };
        let msg = Incoming {
            user,
            origin: match event.guild_id {
                Some(g) => Origin::Guild {
                    guild: g.to_string(),
                    addressed: true,
                },
                None => Origin::Dm,
            },
            text: clean_text(content),
            at: event
                .edited_timestamp
                .as_ref()
                .and_then(to_jiff)
                .unwrap_or_else(|| self.now()),
            message_id: Some(event.id.to_string()),
        };
        let reply = match self
            .engine(move |bot| bot.dispatch(Event::Edited(msg)))
            .await
        {
            Some(Ok(Outcome::Reply(reply))) => reply,
            Some(Err(e)) => {
                tracing::error!(error = %e, "cannot apply an edit");
                return;
            }
            _ => return,
        };
        let target = Target {
            channel: event.channel_id,
            reply_to: Some(event.id),
            author,
        };
        let delivery = Delivery {
            target,
            in_server: event.guild_id.is_some(),
            reply: &reply,
            message_id: None,
            delete_asked: false,
            logged_message: false,
            new_runner: false,
        };
        self.deliver(&ctx.http, delivery).await;
    }

    async fn message_delete(
        &self,
        _ctx: Context,
        _channel: ChannelId,
        deleted: MessageId,
        _guild: Option<GuildId>,
    ) {
        let _done = self.shared.handled.on_exit();
        let Some(_pass) = self.shared.gate.enter() else {
            return;
        };
        let event = Event::Deleted {
            message_id: deleted.to_string(),
            at: self.now(),
        };
        let removed = self.engine(move |bot| bot.dispatch(event)).await;
        match removed {
            Some(Ok(_)) => tracing::debug!("a message was deleted"),
            Some(Err(e)) => tracing::error!(error = %e, "cannot remove a deleted message's log"),
            None => {}
        }
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        let _done = self.shared.handled.on_exit();
        let Some(_pass) = self.shared.gate.enter() else {
            return;
        };
        record_interaction(&interaction);
        match interaction {
            Interaction::Command(cmd) if !cmd.user.bot => self.answer_command(&ctx, &cmd).await,
            Interaction::Component(press) if !press.user.bot => {
                self.answer_press(&ctx, &press).await
            }
            Interaction::Autocomplete(ac) => self.answer_autocomplete(&ctx, &ac).await,
            _ => {}
        }
    }
}

/// Counts an interaction by kind and by the bot's own name for it.
fn record_interaction(event: &Interaction) {
    use crate::ops::metrics::interaction;
    match event {
        Interaction::Command(cmd) => {
            interaction("slash", super::commands::known_name(&cmd.data.name))
        }
        Interaction::Component(press) => interaction(
            "button",
            super::buttons::ButtonId::parse(&press.data.custom_id)
                .map_or("other", |id| id.press.action()),
        ),
        Interaction::Autocomplete(ac) => {
            interaction("autocomplete", super::commands::known_name(&ac.data.name))
        }
        _ => {}
    }
}

/// Counts a handled message by its intent, and its reply as sent (with the
/// latency since the message arrived) or failed. No ids or text: the label
/// is the intent's contract name.
fn record_reply(reply: &crate::engine::Reply, delivered: bool, arrived: std::time::Instant) {
    let intent = serde_json::to_value(reply.intent)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_else(|| "unknown".to_owned());
    crate::ops::metrics::message_handled(&intent);
    if delivered {
        crate::ops::metrics::reply_sent(arrived.elapsed());
    } else {
        crate::ops::metrics::reply_failed();
    }
}
