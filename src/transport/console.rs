//! The console: chat with Cooldown in a terminal, on the same engine and
//! store as Discord. It works interactively (with a prompt) and from a pipe
//! (without one), so it doubles as the simplest way to script the bot.

use std::io::IsTerminal;

use std::sync::Arc;

use tokio::io::{AsyncBufReadExt, AsyncWrite, AsyncWriteExt, BufReader};

use crate::clock::Clock;
use crate::engine::{Bot, Incoming, Origin};
use crate::store::UserId;

/// The user id the console speaks as.
pub const CONSOLE_USER: &str = "console";

/// Runs the chat until stdin ends or `shutdown` resolves.
pub async fn run(
    bot: Bot,
    clock: Arc<dyn Clock>,
    input: impl tokio::io::AsyncRead + Unpin,
    mut output: impl AsyncWrite + Unpin,
    shutdown: impl std::future::Future<Output = ()>,
) -> anyhow::Result<()> {
    let interactive = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    let banner = bot.catalogue().say("console.banner", 0, &[]);
    let prompt = bot.catalogue().say("console.prompt", 0, &[]);
    output.write_all(format!("{banner}\n").as_bytes()).await?;
    let mut lines = BufReader::new(input).lines();
    tokio::pin!(shutdown);
    loop {
        if interactive {
            output.write_all(prompt.as_bytes()).await?;
        }
        output.flush().await?;
        let line = tokio::select! {
            line = lines.next_line() => line?,
            () = &mut shutdown => break,
        };
        let Some(text) = line else { break };
        let msg = Incoming {
            user: UserId::new(CONSOLE_USER),
            origin: Origin::Dm,
            text,
            at: clock.now(),
            message_id: None,
        };
        let engine = bot.clone();
        let reply = tokio::task::spawn_blocking(move || engine.handle(&msg)).await?;
        if let Some(reply) = reply {
            output
                .write_all(format!("{}\n\n", reply.plain_text()).as_bytes())
                .await?;
        }
    }
    output.flush().await?;
    Ok(())
}
