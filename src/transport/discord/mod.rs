//! Cooldown on Discord (serenity 0.12).
//!
//! A thin adapter: `handler` turns gateway events into the engine's
//! [`Incoming`](crate::engine::Incoming) and its replies into messages
//! (`slash` does the same for slash commands, defined in `commands`);
//! [`outgoing`] keeps those within Discord's limits and [`send`] posts them. This module connects: it builds the serenity client
//! ([`build_client`], pointed at `COOLDOWN_DISCORD_API` when set), picks the
//! gateway intents, reconnects when they must change, and shuts down
//! gracefully. Reminders fall due in the reminders' scheduler, started here
//! once per process, and go out through [`DmDelivery`] ([`send_dm`]); clubs'
//! weekly summaries likewise, in [`crate::club::poster`], through `club`.

mod buttons;
mod club;
mod commands;
mod deliver;
mod dm;
mod gate;
mod handled;
mod handler;
mod health_watch;
mod incoming;
mod limiter;
pub mod outgoing;
mod presence;
mod presses;
pub mod send;
mod slash;
mod startup;
pub mod zones;

use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::Context as _;
use serenity::gateway::GatewayError;
use serenity::http::{Http, HttpBuilder};
use serenity::model::gateway::GatewayIntents;
use serenity::Client;

use crate::clock::Clock;
use crate::club::poster;
use crate::config::{Config, Token};
use crate::engine::Bot;
use crate::reminders::scheduler;

pub use dm::{send_dm, send_dm_with, DmDelivery, DmError};
pub use handled::Handled;
pub use limiter::RateLimit;

use handler::{Handler, Shared};

/// What the Discord transport needs from the configuration.
#[derive(Debug, Clone)]
pub struct Settings {
    pub token: Token,
    /// Replaces `https://discord.com` (a rate-limiting proxy, or a fake).
    pub api: Option<String>,
    /// Register slash commands to this server only (at once) instead of
    /// globally.
    pub dev_guild: Option<u64>,
    pub rate_limit: RateLimit,
    /// How long shutdown waits for replies in flight.
    pub drain: Duration,
    /// A slash command whose answer is not ready within this is deferred
    /// (Discord allows 3 s for the first response); the answer then comes
    /// as a follow-up. Zero defers every command.
    pub defer_after: Duration,
    /// The first DM with a new runner starts with a short hello.
    pub greet_new_runners: bool,
    /// Events handled by the engine at once (one blocking thread each).
    pub engine_threads: usize,
    /// The limit on each REST call (connecting included).
    pub rest_timeout: Duration,
    /// Counts the gateway events handled (a barrier for tests and benches).
    pub handled: Handled,
}

impl Settings {
    /// The settings, when the configuration has a token.
    pub fn from_config(config: &Config) -> Option<Settings> {
        Some(Settings {
            token: config.token.clone()?,
            api: config.discord_api.clone(),
            dev_guild: config.dev_guild,
            rate_limit: RateLimit::default(),
            drain: Duration::from_secs(4),
            defer_after: Duration::from_millis(2_000),
            greet_new_runners: true,
            engine_threads: config.engine_threads,
            rest_timeout: config.discord_timeout,
            handled: Handled::default(),
        })
    }
}

/// The REST client. With `api` set, every route goes there instead of
/// discord.com, and serenity's own rate limiter is off: it would still ask
/// discord.com, and a proxy in front of Discord does the rate limiting.
///
/// Every call is bounded by `rest_timeout`: serenity's own client waits
/// forever on an endpoint that accepts and never answers.
pub fn http(settings: &Settings) -> Http {
    let mut builder = HttpBuilder::new(settings.token.expose());
    let client = reqwest::Client::builder()
        .use_rustls_tls()
        .connect_timeout(settings.rest_timeout)
        .timeout(settings.rest_timeout)
        .build();
    match client {
        Ok(client) => builder = builder.client(client),
        // Only a TLS back end that cannot start fails here; serenity's own
        // client would fail the same way, so say it and carry on.
        Err(e) => {
            tracing::error!(error = %e, "cannot set REST timeouts; Discord calls are unbounded")
        }
    }
    match &settings.api {
        Some(api) => builder
            .proxy(api.as_str())
            .ratelimiter_disabled(true)
            .build(),
        None => builder.build(),
    }
}

/// The gateway intents: guild and direct messages, plus the privileged
/// Message Content intent only when some server has a listen channel.
pub fn intents(message_content: bool) -> GatewayIntents {
    // GUILDS: GUILD_CREATE, for the welcome in a new server.
    let base =
        GatewayIntents::GUILDS | GatewayIntents::GUILD_MESSAGES | GatewayIntents::DIRECT_MESSAGES;
    if message_content {
        base | GatewayIntents::MESSAGE_CONTENT
    } else {
        base
    }
}

/// The serenity client, built on [`http`] so that `COOLDOWN_DISCORD_API`
/// holds for everything (`ClientBuilder::token` would drop it).
pub async fn build_client(
    settings: &Settings,
    handler: impl serenity::client::EventHandler + 'static,
    intents: GatewayIntents,
) -> serenity::Result<Client> {
    serenity::client::ClientBuilder::new_with_http(http(settings), intents)
        .event_handler(handler)
        .await
}

/// What to tell the bot's owner when Discord refuses the Message Content
/// intent (gateway close code 4014).
pub const MESSAGE_CONTENT_HELP: &str = "Discord refused the Message Content intent (gateway close code 4014), which listen channels need. To enable it: open https://discord.com/developers/applications, choose this bot's application, go to Bot > Privileged Gateway Intents, switch on MESSAGE CONTENT INTENT, press Save Changes, then restart Cooldown (bots in 100 or more servers must first be approved for it by Discord). Until then Cooldown carries on without it: DMs, mentions, replies and slash commands still work; listen channels only see messages that mention the bot.";

/// Runs the bot on Discord until `shutdown` resolves (then stops taking
/// events, lets the replies in flight finish, and returns) or the
/// connection ends for good.
pub async fn run(
    settings: Settings,
    bot: Bot,
    clock: Arc<dyn Clock>,
    shutdown: impl Future<Output = ()>,
) -> anyhow::Result<()> {
    let shared = Arc::new(Shared {
        bot,
        clock,
        limiter: Mutex::new(limiter::Limiter::new(settings.rate_limit)),
        gate: gate::Gate::default(),
        dev_guild: settings.dev_guild,
        me: tokio::sync::watch::channel(None).0,
        reconnect: tokio::sync::Notify::new(),
        commands_registered: false.into(),
        defer_after: settings.defer_after,
        greet_new_runners: settings.greet_new_runners,
        engine_slots: Arc::new(tokio::sync::Semaphore::new(settings.engine_threads.max(1))),
        handled: settings.handled.clone(),
    });
    // Reminders: one scheduler for the process, whatever the reconnects;
    // dropping `stop_reminders` (any return below) stops it.
    let (stop_reminders, stopped) = tokio::sync::oneshot::channel::<()>();
    let reminders = scheduler::start(
        shared.bot.reminders().clone(),
        shared.clock.clone(),
        DmDelivery::new(Arc::new(http(&settings)))
            .with_buttons(Arc::new(shared.bot.catalogue().clone())),
        None,
        async move {
            let _ = stopped.await;
        },
    )?;
    // Clubs' weekly posts: likewise one task, stopped with the reminders.
    let (stop_clubs, clubs_stopped) = tokio::sync::oneshot::channel::<()>();
    let club_posts = poster::start(
        shared.bot.club().clone(),
        shared.clock.clone(),
        club::ChannelPost::new(Arc::new(http(&settings))),
        async move {
            let _ = clubs_stopped.await;
        },
    )?;
    let mut content_refused = false;
    let mut rest_failures = 0u32;
    let api = settings.api.as_deref().unwrap_or("https://discord.com");
    let probe = http(&settings);
    tokio::pin!(shutdown);
    loop {
        // Before each connection: a Discord that does not answer is
        // retried in the log, not waited on in silence.
        match startup::reach(&probe, api, settings.rest_timeout, &mut shutdown).await? {
            startup::Reached::Yes => {}
            startup::Reached::Stopped => {
                tracing::info!("shutting down before Discord answered");
                return Ok(());
            }
        }
        let content = !content_refused && shared.bot.any_listen_channel()?;
        let handler = Handler {
            shared: shared.clone(),
            content_intent: content,
        };
        let mut client = build_client(&settings, handler, intents(content))
            .await
            .context("cannot set up the Discord client")?;
        let shards = client.shard_manager.clone();
        let watch = health_watch::spawn(shards.clone());
        tracing::info!(
            message_content = content,
            api = settings.api.as_deref().unwrap_or("https://discord.com"),
            "connecting to Discord"
        );
        // Whatever ends this connection, the watcher goes with it.
        let _watch = AbortOnDrop(watch);
        let ended = tokio::select! {
            ended = client.start_autosharded() => ended,
            () = &mut shutdown => {
                tracing::info!("shutting down: no new events; finishing the replies in flight");
                shared.gate.close();
                shards.shutdown_all().await;
                if !shared.gate.drained(settings.drain).await {
                    tracing::warn!("some replies were still in flight at shutdown");
                }
                drop(stop_reminders);
                drop(stop_clubs);
                let _ = tokio::time::timeout(settings.drain, reminders).await;
                let _ = tokio::time::timeout(settings.drain, club_posts).await;
                return Ok(());
            }
            () = shared.reconnect.notified() => {
                tracing::info!("reconnecting: the gateway intents the bot needs changed");
                shards.shutdown_all().await;
                continue;
            }
        };
        shards.shutdown_all().await;
        match ended {
            Ok(()) => return Ok(()),
            Err(serenity::Error::Gateway(GatewayError::DisallowedGatewayIntents)) if content => {
                tracing::error!("{MESSAGE_CONTENT_HELP}");
                content_refused = true;
            }
            Err(serenity::Error::Gateway(GatewayError::InvalidAuthentication)) => {
                anyhow::bail!("Discord refused the bot token (close code 4004): copy it again from the Developer Portal's Bot page into DISCORD_TOKEN or DISCORD_TOKEN_FILE")
            }
            Err(e @ serenity::Error::Http(_)) => {
                rest_failures += 1;
                let pause = startup::backoff(rest_failures);
                tracing::warn!(
                    attempt = rest_failures,
                    retry_in_s = pause.as_secs(),
                    error = %startup::describe(&e),
                    "a REST call to Discord failed while connecting; retrying"
                );
                tokio::select! {
                    () = tokio::time::sleep(pause) => {}
                    () = &mut shutdown => return Ok(()),
                }
            }
            Err(e) => return Err(e).context("the Discord connection ended"),
        }
    }
}

/// Aborts a task when dropped.
struct AbortOnDrop(tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
        crate::ops::health::gateway_connected(false);
    }
}
