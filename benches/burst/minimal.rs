//! The baseline: the smallest serenity bot we can write that answers a DM
//! ("ok"), with no store and no engine, built on the same HTTP client set-up
//! as Cooldown's transport so both talk to the fake Discord the same way.

use cooldown::config::Config;
use cooldown::transport::discord::{http, Settings};
use serenity::client::{Context, EventHandler};
use serenity::model::channel::Message;
use serenity::model::gateway::GatewayIntents;

struct Echo;

#[serenity::async_trait]
impl EventHandler for Echo {
    async fn message(&self, ctx: Context, msg: Message) {
        if msg.author.bot {
            return;
        }
        if let Err(e) = msg.channel_id.say(&ctx.http, "ok").await {
            eprintln!("minimal bot: cannot reply: {e}");
        }
    }
}

/// Runs until killed (the bench sends SIGTERM).
pub fn run() {
    let config = Config::load(None).expect("config from the environment");
    let settings = Settings::from_config(&config).expect("DISCORD_TOKEN is set");
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    rt.block_on(async {
        let intents = GatewayIntents::DIRECT_MESSAGES | GatewayIntents::GUILD_MESSAGES;
        let mut client = serenity::client::ClientBuilder::new_with_http(http(&settings), intents)
            .event_handler(Echo)
            .await
            .expect("client");
        if let Err(e) = client.start().await {
            eprintln!("minimal bot: {e}");
        }
    });
}
