//! The `cooldown` binary: parses the command line, starts logging, checks
//! the configuration, and hands over to a transport.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context;
use clap::{Parser, Subcommand};
use tracing_subscriber::EnvFilter;

use cooldown::catalogue::Catalogue;
use cooldown::clock::SystemClock;
use cooldown::config::{Config, LogFormat};
use cooldown::engine::Bot;
use cooldown::intent::{ParseOptions, Unit};
use cooldown::store::Store;
use cooldown::transport;

/// The package version and the git revision it was built from.
const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (",
    env!("COOLDOWN_GIT_REV"),
    ")"
);

#[derive(Debug, Parser)]
#[command(
    name = "cooldown",
    version = VERSION,
    about = "A post-run recovery coach for Discord, or your terminal"
)]
struct Cli {
    /// A TOML configuration file (the environment wins over it).
    #[arg(long, global = true)]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the bot: on Discord with a token, else the console (the default).
    Run,
    /// Read messages on stdin, write one JSON parse per line.
    Parse {
        /// The unit of bare numbers ("easy 7").
        #[arg(long, default_value = "km")]
        unit: Unit,
    },
    /// Run a scripted conversation (JSON lines) through the whole engine.
    Replay {
        /// The sled directory to use.
        #[arg(long)]
        data: PathBuf,
    },
    /// Check a responses catalogue without starting the bot.
    CheckResponses {
        /// The directory to check (default: COOLDOWN_RESPONSES, else the
        /// built-in catalogue).
        dir: Option<PathBuf>,
    },
    /// Print the effective settings and where each came from (default,
    /// file, environment); the token is never shown.
    Config,
    /// Ask the running bot's /healthz (on COOLDOWN_HTTP_ADDR); exit 0 when
    /// healthy. For a container HEALTHCHECK or a systemd check.
    Healthcheck {
        /// Keep asking up to this many seconds until healthy.
        #[arg(long, default_value_t = 0)]
        wait: u64,
    },
    /// Write a backup of the data directory to FILE, while the bot runs
    /// (through it) or not.
    Backup { file: PathBuf },
    /// Restore a backup FILE into DIR, which must be missing or empty.
    Restore {
        file: PathBuf,
        /// The new data directory.
        #[arg(long)]
        data: PathBuf,
    },
    /// Check a data directory without starting the bot: the history is
    /// whole and every record reads back. Exit 0 with a one-line summary,
    /// or non-zero with what is wrong.
    Check {
        /// The data directory (default: COOLDOWN_DATA).
        #[arg(long)]
        data: Option<PathBuf>,
    },
    /// The responses catalogue built into the binary.
    Responses {
        #[command(subcommand)]
        action: ResponsesAction,
    },
}

#[derive(Debug, Subcommand)]
enum ResponsesAction {
    /// Write the built-in catalogue's files into DIR (created if missing;
    /// existing files are never overwritten), to start a club's own voice.
    Export { dir: PathBuf },
}

fn main() -> std::process::ExitCode {
    // Everything this process creates (the data directory, sled's files,
    // backups) holds runners' health data: the owner's alone.
    #[cfg(unix)]
    // SAFETY: umask only sets the process's file-creation mask; it cannot fail.
    unsafe {
        libc::umask(0o077);
    }
    let cli = Cli::parse();
    if let Err(err) = init_tracing(&cli) {
        eprintln!("cooldown: {err}");
        return std::process::ExitCode::FAILURE;
    }
    match run(cli) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("cooldown: {}", one_line(&err));
            std::process::ExitCode::FAILURE
        }
    }
}

/// One clear line: the outermost context, then each cause, each said once
/// (an error that quotes its own source would otherwise repeat it).
fn one_line(err: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if line.contains(&text) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&text);
    }
    line
}

/// Logs go to stderr so stdout stays the conversation. The bot on Discord
/// logs at `info` by default; the console and the tools at `warn`, so a
/// terminal chat is not drowned in log lines. `RUST_LOG` always wins.
fn init_tracing(cli: &Cli) -> Result<(), String> {
    let default = match cli.command {
        None | Some(Command::Run) if std::env::var_os("DISCORD_TOKEN").is_some() => "info",
        None | Some(Command::Run) if std::env::var_os("DISCORD_TOKEN_FILE").is_some() => "info",
        _ => "warn",
    };
    // sled's own log lines repeat, in its internal words, what the store
    // reports once (a refused write, a damaged file): off unless asked for.
    let default = format!("{default},sled=off");
    // A filter that cannot be read is refused, not replaced by the
    // default: the operator asked for some logs and would not get them.
    let filter = match std::env::var("RUST_LOG") {
        Ok(value) if !value.trim().is_empty() => EnvFilter::builder()
            .parse(&value)
            .map_err(|e| format!("RUST_LOG: `{value}` is not a log filter ({e})"))?,
        Ok(_) => EnvFilter::new(default),
        Err(std::env::VarError::NotPresent) => EnvFilter::new(default),
        Err(std::env::VarError::NotUnicode(_)) => {
            return Err("RUST_LOG: the value is not UTF-8".to_owned())
        }
    };
    // Read here rather than from the config: logging starts before it. A
    // bad value is refused later by `Config::load`, with the setting named.
    let format = std::env::var("COOLDOWN_LOG_FORMAT")
        .ok()
        .and_then(|v| LogFormat::parse(&v).ok())
        .unwrap_or_default();
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match format {
        LogFormat::Json => builder.json().with_current_span(false).init(),
        LogFormat::Text => builder.with_ansi(std::io::stderr().is_terminal()).init(),
    }
    Ok(())
}

fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Some(Command::Parse { unit }) => {
            let opts = ParseOptions { default_unit: unit };
            transport::parse_cli::run(std::io::stdin().lock(), std::io::stdout().lock(), &opts)
                .context("parse: cannot read stdin or write stdout")
        }
        Some(Command::CheckResponses { dir }) => {
            let dir = match dir {
                Some(d) => Some(d),
                None => Config::load(cli.config.as_deref())?.responses_dir,
            };
            let catalogue = load_catalogue(dir.as_deref())?;
            let name = dir.map_or_else(|| "built-in".to_owned(), |d| d.display().to_string());
            println!(
                "{name}: ok ({} tips, {} messages)",
                catalogue.tips().len(),
                cooldown::catalogue::MESSAGES.len()
            );
            Ok(())
        }
        Some(Command::Config) => {
            let config = Config::load(cli.config.as_deref())?;
            if let Some(file) = &cli.config {
                println!("# config file: {}", file.display());
            }
            for line in config.describe() {
                println!("{line}");
            }
            Ok(())
        }
        Some(Command::Healthcheck { wait }) => {
            let config = Config::load(cli.config.as_deref())?;
            let addr = config
                .http_addr
                .context("COOLDOWN_HTTP_ADDR is not set: the bot serves no health check")?;
            let deadline = std::time::Instant::now() + std::time::Duration::from_secs(wait);
            loop {
                let probed = cooldown::ops::http::probe(addr, std::time::Duration::from_secs(5));
                match probed {
                    Ok((200, _)) => {
                        println!("healthy");
                        return Ok(());
                    }
                    _ if std::time::Instant::now() < deadline => {
                        std::thread::sleep(std::time::Duration::from_secs(1));
                    }
                    Ok((status, body)) => anyhow::bail!("unhealthy ({status}): {body}"),
                    Err(e) => anyhow::bail!("no answer on {addr}: {e}"),
                }
            }
        }
        Some(Command::Backup { file }) => {
            let config = Config::load(cli.config.as_deref())?;
            let summary = cooldown::ops::backup::take(&config.data_dir, &file)
                .with_context(|| format!("cannot back up {}", config.data_dir.display()))?;
            println!("{}: {} records", file.display(), summary.records);
            Ok(())
        }
        Some(Command::Restore { file, data }) => {
            let summary = cooldown::ops::backup::restore(&file, &data)
                .with_context(|| format!("cannot restore {}", file.display()))?;
            println!("{}: {} records restored", data.display(), summary.records);
            Ok(())
        }
        Some(Command::Check { data }) => {
            let data = match data {
                Some(d) => d,
                None => Config::load(cli.config.as_deref())?.data_dir,
            };
            // Opening creates a store; a check must not.
            if !data.join("db").is_file() {
                anyhow::bail!("{}: no Cooldown data directory there", data.display());
            }
            let store = Store::open(&data)?;
            let summary = store.check()?;
            println!(
                "{}: ok, {} records, {} runners, commit {}",
                data.display(),
                summary.records,
                summary.runners,
                summary.commit
            );
            Ok(())
        }
        Some(Command::Responses {
            action: ResponsesAction::Export { dir },
        }) => {
            let written = Catalogue::export_builtin(&dir)
                .with_context(|| format!("cannot export the catalogue into {}", dir.display()))?;
            for path in written {
                println!("{}", path.display());
            }
            Ok(())
        }
        Some(Command::Replay { data }) => {
            let config = Config::load(cli.config.as_deref())?;
            let bot = build_bot(&config, &data)?;
            let replayed =
                transport::replay::run(&bot, std::io::stdin().lock(), std::io::stdout().lock());
            stop_if_store_failed(bot.store(), &data)?;
            replayed.context("replay: cannot read stdin or write stdout")?;
            bot.store().flush()?;
            Ok(())
        }
        None | Some(Command::Run) => {
            let config = Config::load(cli.config.as_deref())?;
            let bot = build_bot(&config, &config.data_dir)?;
            cooldown::ops::backup::serve(bot.store().clone(), &config.data_dir);
            // The engine's events hold at most `engine_threads` blocking
            // threads (a semaphore in the Discord transport); the cap here
            // leaves room for the few other blocking calls (stdin, the club
            // commands) and bounds the total whatever happens.
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .max_blocking_threads(config.engine_threads + 8)
                .build()
                .context("cannot start the async runtime")?;
            let served = runtime.block_on(serve(config, bot));
            // Background tasks (a gateway connection closing) must not hold
            // the exit up.
            runtime.shutdown_timeout(std::time::Duration::from_secs(1));
            served
        }
    }
}

/// The catalogue in `dir` when one is configured, else the built-in one.
fn load_catalogue(dir: Option<&Path>) -> anyhow::Result<Catalogue> {
    let catalogue = match dir {
        Some(dir) => Catalogue::load(dir),
        None => Catalogue::builtin(),
    };
    catalogue.context("the responses catalogue is refused")
}

fn build_bot(config: &Config, data_dir: &Path) -> anyhow::Result<Bot> {
    let catalogue = load_catalogue(config.responses_dir.as_deref())?;
    let store = Store::open_with_cache(data_dir, config.cache_bytes)?;
    Ok(Bot::new(catalogue, store)?)
}

async fn serve(config: Config, bot: Bot) -> anyhow::Result<()> {
    if config.token.is_some() {
        cooldown::ops::health::expect_gateway();
    }
    if let Some(addr) = config.http_addr {
        let bound = cooldown::ops::http::serve(addr, bot.store().clone())
            .await
            .with_context(|| format!("COOLDOWN_HTTP_ADDR: cannot listen on {addr}"))?;
        tracing::info!(addr = %bound, "health on /healthz and metrics on /metrics");
    }
    match &config.token {
        Some(_) => {
            let settings = transport::discord::Settings::from_config(&config)
                .context("the Discord settings are incomplete")?;
            let store = bot.store().clone();
            let stop = until_stopped(&store);
            let ran = transport::discord::run(settings, bot, Arc::new(SystemClock), stop).await;
            stop_if_store_failed(&store, &config.data_dir)?;
            ran?;
            store.flush()?;
            tracing::info!("stopped cleanly");
            Ok(())
        }
        None => {
            tracing::info!(data = %config.data_dir.display(), "no DISCORD_TOKEN: starting the console");
            let store = bot.store().clone();
            let stop = until_stopped(&store);
            let ran = transport::console::run(
                bot,
                Arc::new(SystemClock),
                tokio::io::stdin(),
                tokio::io::stdout(),
                stop,
            )
            .await;
            stop_if_store_failed(&store, &config.data_dir)?;
            ran?;
            store.flush()?;
            Ok(())
        }
    }
}

/// Resolves on Ctrl-C, SIGTERM, or once the disk refused a write: the
/// transport then stops as it would for a signal, replies sent.
async fn until_stopped(store: &Store) {
    let failed = store.failed();
    tokio::select! {
        () = shutdown_signal() => {}
        _ = failed => {}
    }
}

/// After a refused write the store saves nothing more and sled cannot take
/// the write back: exit non-zero with one line, so that the supervisor
/// (systemd's Restart=on-failure, compose's restart policy) starts a fresh
/// process on what is really on disk.
fn stop_if_store_failed(store: &Store, data: &Path) -> anyhow::Result<()> {
    match store.write_failure() {
        Some(cause) => anyhow::bail!(
            "the disk refused a write in {} ({cause}); stopping so that a restart reopens the store from what is saved (make room on the disk; systemd and compose restart cooldown by themselves)",
            data.display()
        ),
        None => Ok(()),
    }
}

/// Resolves on Ctrl-C or, on Unix, SIGTERM (what `docker stop` and systemd
/// send).
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(e) => {
                tracing::warn!(error = %e, "cannot listen for SIGTERM; only Ctrl-C stops the bot");
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
