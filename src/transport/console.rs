//! The console: chat with Cooldown in a terminal, on the same engine and
//! store as Discord. It works interactively (with a prompt) and from a pipe
//! (without one), so it doubles as the simplest way to script the bot.
//! The console user's reminders are printed as they fall due, by the same
//! scheduler that sends Discord DMs. Club commands ("club join", "club
//! show"...) act on a club of the console's own ([`CONSOLE_CLUB`]).

use std::future::Future;
use std::io::IsTerminal;
use std::sync::Arc;

use tokio::io::{AsyncBufReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::{mpsc, oneshot};

use crate::clock::Clock;
use crate::club::{guild_id, ClubAction};
use crate::engine::{Attachment, Bot, Event, Incoming, Origin, Outcome, Reply};
use crate::intent::Intent;
use crate::model::UserId;
use crate::reminders::{scheduler, Deliver, DeliveryError, DueReminder};

/// The user id the console speaks as.
pub const CONSOLE_USER: &str = "console";
/// The club the console's club commands ("club join", "club show"...) act
/// on, by name ([`guild_id`]).
pub const CONSOLE_CLUB: &str = "console";

/// Hands due reminders to the chat loop, which prints them between replies.
#[derive(Debug, Clone)]
pub struct ConsoleDelivery(mpsc::Sender<DueReminder>);

impl Deliver for ConsoleDelivery {
    fn deliver(
        &self,
        reminder: &DueReminder,
    ) -> impl Future<Output = Result<(), DeliveryError>> + Send {
        let (tx, reminder) = (self.0.clone(), reminder.clone());
        async move {
            tx.send(reminder)
                .await
                .map_err(|_| DeliveryError::Failed("the console is closed".into()))
        }
    }
}

/// Runs the chat until stdin ends or `shutdown` resolves. Starts the
/// reminder scheduler for the console user and stops it on the way out.
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
    let user = UserId::new(CONSOLE_USER);

    let (due_tx, mut due) = mpsc::channel(16);
    let (stop_tx, stop_rx) = oneshot::channel::<()>();
    let task = scheduler::start(
        bot.reminders().clone(),
        clock.clone(),
        ConsoleDelivery(due_tx),
        Some(user.clone()),
        async move {
            let _ = stop_rx.await;
        },
    )?;

    output.write_all(format!("{banner}\n").as_bytes()).await?;
    let mut lines = BufReader::new(input);
    let mut buf = Vec::new();
    tokio::pin!(shutdown);
    loop {
        if interactive {
            output.write_all(prompt.as_bytes()).await?;
        }
        output.flush().await?;
        // `read_until` keeps what it read so far in `buf` when a reminder
        // wins the select: `buf` is cleared only once a line is taken.
        let read = tokio::select! {
            read = lines.read_until(b'\n', &mut buf) => read?,
            Some(reminder) = due.recv() => {
                let mut shown = reminder.text.clone();
                // The weekly recap's chart, saved like the stats' one.
                if let Some(file) = &reminder.attachment {
                    shown = format!("{shown}\n{}", save_attachment(&bot, file));
                }
                output.write_all(format!("\n⏰ {shown}\n\n").as_bytes()).await?;
                continue;
            }
            () = &mut shutdown => break,
        };
        if read == 0 && buf.is_empty() {
            break;
        }
        // Lossy, as `parse`: one bad byte must not end the chat.
        let text = String::from_utf8_lossy(&buf)
            .trim_end_matches(['\n', '\r'])
            .to_owned();
        buf.clear();
        let msg = Incoming {
            user: user.clone(),
            origin: Origin::Dm,
            text,
            at: clock.now(),
            message_id: None,
        };
        let event = match ClubAction::from_text(&msg.text) {
            // The console's own club, as `/club` would answer it; its one
            // member is "you" on the board.
            Some(ClubAction::Join { .. }) => Event::Club {
                user: msg.user.clone(),
                club: guild_id(CONSOLE_CLUB),
                channel: 0,
                action: ClubAction::Join {
                    name: Some(bot.catalogue().say("club.console_name", 0, &[])),
                },
                at: msg.at,
            },
            Some(action) => Event::Club {
                user: msg.user.clone(),
                club: guild_id(CONSOLE_CLUB),
                channel: 0,
                action,
                at: msg.at,
            },
            None => Event::Message(msg),
        };
        let engine = bot.clone();
        let reply = tokio::task::spawn_blocking(move || engine.dispatch(event))
            .await?
            .unwrap_or_else(|e| {
                // The store failed: said in words, nothing claimed saved.
                tracing::error!(error = %e, "the engine could not handle a line");
                Outcome::Reply(Reply::new(
                    Intent::Unknown,
                    bot.catalogue().say("reply.not_saved", 0, &[]),
                ))
            })
            .into_reply();
        if let Some(reply) = reply {
            let mut shown = reply.plain_text();
            // No button here: say how to get the tips held back.
            if reply.more_tips {
                shown = format!("{shown}\n{}", bot.catalogue().say("more.hint", 0, &[]));
            }
            if let Some(file) = &reply.attachment {
                shown = format!("{shown}\n{}", save_attachment(&bot, file));
            }
            output.write_all(format!("{shown}\n\n").as_bytes()).await?;
        }
    }
    output.flush().await?;
    let _ = stop_tx.send(());
    task.await?;
    Ok(())
}

/// A reply's file, saved and named back to the runner: an export in the
/// working directory, a chart in the temporary directory (a picture the
/// terminal cannot show, with its alt text); where it cannot be written,
/// an export inline instead, a chart's alt text alone.
fn save_attachment(bot: &Bot, file: &Attachment) -> String {
    // The name is ours ("cooldown-<id>.json", "cooldown-weeks.png"), but
    // keep it to one plain file name whatever a future caller passes.
    let plain = std::path::Path::new(&file.name)
        .file_name()
        .map_or_else(|| "cooldown-export.json".into(), |n| n.to_owned());
    let path = if file.is_image() {
        // One console's chart does not overwrite another's.
        let name = format!("{}-{}", std::process::id(), plain.to_string_lossy());
        std::env::temp_dir().join(name)
    } else {
        std::env::current_dir()
            .map(|d| d.join(&plain))
            .unwrap_or_else(|_| plain.into())
    };
    match write_private(&path, &file.bytes) {
        Ok(()) => {
            let shown = path.display().to_string();
            let saved = bot
                .catalogue()
                .say("console.file_saved", 0, &[("path", &shown)]);
            if file.is_image() {
                format!("{saved}\n{}", file.alt)
            } else {
                saved
            }
        }
        Err(e) => {
            tracing::warn!(error = %e, path = %path.display(), "cannot save a file");
            match file.text() {
                Some(body) if !file.is_image() => {
                    let intro =
                        bot.catalogue()
                            .say("console.file_inline", 0, &[("name", &file.name)]);
                    format!("{intro}\n{body}")
                }
                _ => file.alt.clone(),
            }
        }
    }
}

/// Writes a file only its owner can read: it holds the runner's health
/// data.
fn write_private(path: &std::path::Path, body: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(body)
}
