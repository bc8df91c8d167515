//! The bot's configuration: one typed struct, read from an optional TOML file
//! and the environment (the environment wins), and checked before anything
//! starts. A wrong value stops the bot with one line that says which setting
//! and why; nothing falls back silently to a default.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use thiserror::Error;
use toml::Spanned;

mod describe;
mod source;

use source::{pick, FileText, Place, Raw};

/// A setting that cannot be used.
#[derive(Debug, Error)]
pub enum ConfigError {
    #[error("cannot read the config file {path}")]
    ReadFile {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("config file {path}: {reason}")]
    Parse { path: PathBuf, reason: String },
    /// `name` is where the value was written: the environment variable, or
    /// the config file, line and key.
    #[error("{name}: {reason}")]
    Invalid { name: String, reason: String },
}

fn invalid(place: &Place, reason: String) -> ConfigError {
    ConfigError::Invalid {
        name: place.to_string(),
        reason,
    }
}

/// sled's page cache when no setting says otherwise. sled's own default is
/// 1 GiB, which one busy runner can fill: the bot's memory should not grow
/// with its history.
pub const DEFAULT_CACHE_MB: u64 = 64;
/// How long one REST call to Discord may take (connecting included) before
/// it is abandoned and retried.
pub const DEFAULT_DISCORD_TIMEOUT_S: u64 = 10;

/// The Discord bot token. Its `Debug` form never shows the value, so it
/// cannot reach a log line by accident.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl Token {
    /// The token itself, for the one place that sends it to Discord.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Token(<redacted>)")
    }
}

/// Events handled at once by default: one per core (at least two, so one
/// event's flush overlaps another's CPU, at most eight). The engine's work is
/// CPU and a flush that concurrent writers share; more threads than cores
/// only add contention (measured in PERFORMANCE.md: 8 threads on 2 cores
/// cost twice the CPU per message of 2) and memory (each thread that runs
/// the matcher holds its own regex caches).
pub fn default_engine_threads() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get().clamp(2, 8))
}

/// More would only add threads that wait on the same disk.
pub const MAX_ENGINE_THREADS: usize = 256;

/// Everything the bot needs to start.
#[derive(Debug, Clone)]
pub struct Config {
    /// `None`: no Discord, run the console.
    pub token: Option<Token>,
    /// The sled directory.
    pub data_dir: PathBuf,
    /// A responses catalogue directory that replaces the built-in one;
    /// `None`: the catalogue built into the binary.
    pub responses_dir: Option<PathBuf>,
    /// Replaces `https://discord.com` for REST and gateway discovery.
    pub discord_api: Option<String>,
    /// A server to register slash commands to at once (for development),
    /// instead of globally.
    pub dev_guild: Option<u64>,
    /// Where to serve `/healthz` and `/metrics`; `None`: not served.
    pub http_addr: Option<SocketAddr>,
    /// Log lines as text or JSON (`COOLDOWN_LOG_FORMAT`).
    pub log_format: LogFormat,
    /// How many events the engine handles at once, each on a blocking
    /// thread (`COOLDOWN_ENGINE_THREADS`); more wait their turn, so a burst
    /// of runners never means a burst of threads.
    pub engine_threads: usize,
    /// sled's page cache, in bytes (`COOLDOWN_CACHE_MB`).
    pub cache_bytes: u64,
    /// The limit on each REST call to Discord (`COOLDOWN_DISCORD_TIMEOUT`).
    pub discord_timeout: std::time::Duration,
    /// Where each setting's value came from, for `cooldown config`.
    pub origins: Vec<(&'static str, Origin)>,
}

/// Where a setting's value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Default,
    File,
    Environment,
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Default => "default",
            Origin::File => "file",
            Origin::Environment => "environment",
        }
    }
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LogFormat {
    /// One human-readable line per event.
    #[default]
    Text,
    /// One JSON object per event, with structured fields.
    Json,
}

impl LogFormat {
    /// Reads `COOLDOWN_LOG_FORMAT`'s value.
    pub fn parse(value: &str) -> Result<LogFormat, ConfigError> {
        match value.trim().to_ascii_lowercase().as_str() {
            "text" => Ok(LogFormat::Text),
            "json" => Ok(LogFormat::Json),
            _ => Err(ConfigError::Invalid {
                name: "COOLDOWN_LOG_FORMAT".to_owned(),
                reason: format!("`{value}` is not `text` or `json`"),
            }),
        }
    }
}

/// The TOML file's shape. Same names as the environment variables, lower
/// case and without the `COOLDOWN_` prefix. The token itself is not
/// accepted here (config files get committed); `discord_token_file` is.
/// Each value keeps its place in the file, for errors.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    discord_token_file: Option<Spanned<PathBuf>>,
    data: Option<Spanned<PathBuf>>,
    responses: Option<Spanned<PathBuf>>,
    discord_api: Option<Spanned<String>>,
    dev_guild: Option<Spanned<u64>>,
    http_addr: Option<Spanned<String>>,
    cache_mb: Option<Spanned<u64>>,
    discord_timeout: Option<Spanned<u64>>,
    engine_threads: Option<Spanned<u64>>,
}

/// The file's values, each with its key and line.
#[derive(Default)]
struct FileValues {
    token_file: Option<Raw<PathBuf>>,
    data: Option<Raw<PathBuf>>,
    responses: Option<Raw<PathBuf>>,
    discord_api: Option<Raw<String>>,
    dev_guild: Option<Raw<String>>,
    http_addr: Option<Raw<String>>,
    cache_mb: Option<Raw<String>>,
    discord_timeout: Option<Raw<String>>,
    engine_threads: Option<Raw<String>>,
}

fn read_file(path: &Path) -> Result<FileValues, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|source| ConfigError::ReadFile {
        path: path.to_path_buf(),
        source,
    })?;
    let file = FileText { path, text: &text };
    let parsed = toml::from_str::<FileConfig>(&text).map_err(|e| {
        let line = e.span().map_or(1, |span| file.line(span.start));
        ConfigError::Parse {
            path: path.to_path_buf(),
            reason: format!("line {line}: {}", e.message().trim()),
        }
    })?;
    let text_of = |v: Spanned<u64>| {
        let span = v.span();
        Spanned::new(span, v.into_inner().to_string())
    };
    Ok(FileValues {
        token_file: parsed
            .discord_token_file
            .map(|v| file.raw("discord_token_file", v)),
        data: parsed.data.map(|v| file.raw("data", v)),
        responses: parsed.responses.map(|v| file.raw("responses", v)),
        discord_api: parsed.discord_api.map(|v| file.raw("discord_api", v)),
        dev_guild: parsed.dev_guild.map(|v| file.raw("dev_guild", text_of(v))),
        http_addr: parsed.http_addr.map(|v| file.raw("http_addr", v)),
        cache_mb: parsed.cache_mb.map(|v| file.raw("cache_mb", text_of(v))),
        discord_timeout: parsed
            .discord_timeout
            .map(|v| file.raw("discord_timeout", text_of(v))),
        engine_threads: parsed
            .engine_threads
            .map(|v| file.raw("engine_threads", text_of(v))),
    })
}

impl Config {
    /// Reads the optional file, then the process environment.
    pub fn load(file: Option<&Path>) -> Result<Config, ConfigError> {
        Config::from_sources(file, |name| std::env::var(name).ok())
    }

    /// Reads the optional file, then `env` (injected so tests need not touch
    /// the process environment).
    pub fn from_sources(
        file: Option<&Path>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Config, ConfigError> {
        let file = match file {
            Some(path) => read_file(path)?,
            None => FileValues::default(),
        };
        let env = |name: &str| env(name).filter(|v| !v.trim().is_empty());
        let mut origins = Vec::new();
        let mut origin = |name: &'static str, in_env: bool, in_file: bool| {
            let from = match (in_env, in_file) {
                (true, _) => Origin::Environment,
                (false, true) => Origin::File,
                (false, false) => Origin::Default,
            };
            origins.push((name, from));
        };
        origin(
            "DISCORD_TOKEN",
            env("DISCORD_TOKEN").is_some() || env("DISCORD_TOKEN_FILE").is_some(),
            file.token_file.is_some(),
        );
        let settings: [(&'static str, bool); 9] = [
            ("COOLDOWN_DATA", file.data.is_some()),
            ("COOLDOWN_RESPONSES", file.responses.is_some()),
            ("COOLDOWN_DISCORD_API", file.discord_api.is_some()),
            ("COOLDOWN_DEV_GUILD", file.dev_guild.is_some()),
            ("COOLDOWN_HTTP_ADDR", file.http_addr.is_some()),
            ("COOLDOWN_LOG_FORMAT", false),
            ("COOLDOWN_CACHE_MB", file.cache_mb.is_some()),
            ("COOLDOWN_DISCORD_TIMEOUT", file.discord_timeout.is_some()),
            ("COOLDOWN_ENGINE_THREADS", file.engine_threads.is_some()),
        ];
        for (name, in_file) in settings {
            origin(name, env(name).is_some(), in_file);
        }

        let token = match (
            env("DISCORD_TOKEN"),
            env("DISCORD_TOKEN_FILE").map(PathBuf::from),
        ) {
            (Some(t), _) => Some(check_token(&Place::Env("DISCORD_TOKEN"), t)?),
            (None, Some(path)) => Some(read_token(&Place::Env("DISCORD_TOKEN_FILE"), &path)?),
            (None, None) => match file.token_file {
                Some(raw) => Some(read_token(&raw.place, &raw.value)?),
                None => None,
            },
        };
        let data_dir = pick(
            "COOLDOWN_DATA",
            env("COOLDOWN_DATA"),
            file.data,
            PathBuf::from,
        )
        .map_or_else(|| PathBuf::from("./data"), |r| r.value);
        let responses = pick(
            "COOLDOWN_RESPONSES",
            env("COOLDOWN_RESPONSES"),
            file.responses,
            PathBuf::from,
        );
        if let Some(raw) = responses.as_ref().filter(|r| !r.value.is_dir()) {
            return Err(invalid(
                &raw.place,
                format!(
                    "{} is not a directory of responses/*.toml files (unset it to use the built-in catalogue)",
                    raw.value.display()
                ),
            ));
        }
        let responses_dir = responses.map(|r| r.value);
        let same = |v: String| v;
        let discord_api = pick(
            "COOLDOWN_DISCORD_API",
            env("COOLDOWN_DISCORD_API"),
            file.discord_api,
            same,
        )
        .map(check_api_url)
        .transpose()?;
        let dev_guild = pick(
            "COOLDOWN_DEV_GUILD",
            env("COOLDOWN_DEV_GUILD"),
            file.dev_guild,
            same,
        )
        .map(|raw| {
            raw.value.trim().parse::<u64>().map_err(|_| {
                invalid(
                    &raw.place,
                    format!("`{}` is not a Discord server id (a number)", raw.value),
                )
            })
        })
        .transpose()?;
        let http_addr = pick(
            "COOLDOWN_HTTP_ADDR",
            env("COOLDOWN_HTTP_ADDR"),
            file.http_addr,
            same,
        )
        .map(|raw| {
            raw.value.trim().parse::<SocketAddr>().map_err(|_| {
                invalid(
                    &raw.place,
                    format!(
                        "`{}` is not an address with a port, like 127.0.0.1:9464",
                        raw.value
                    ),
                )
            })
        })
        .transpose()?;
        let log_format = match env("COOLDOWN_LOG_FORMAT") {
            Some(v) => LogFormat::parse(&v)?,
            None => LogFormat::default(),
        };
        let engine_threads = pick(
            "COOLDOWN_ENGINE_THREADS",
            env("COOLDOWN_ENGINE_THREADS"),
            file.engine_threads,
            same,
        )
        .map(|raw| whole_number(&raw, 1..=MAX_ENGINE_THREADS as u64, "threads"))
        .transpose()?
        .map_or_else(default_engine_threads, |n| n as usize);
        let cache_mb = pick(
            "COOLDOWN_CACHE_MB",
            env("COOLDOWN_CACHE_MB"),
            file.cache_mb,
            same,
        )
        .map(|raw| whole_number(&raw, 8..=65_536, "megabytes"))
        .transpose()?
        .unwrap_or(DEFAULT_CACHE_MB);
        let timeout_s = pick(
            "COOLDOWN_DISCORD_TIMEOUT",
            env("COOLDOWN_DISCORD_TIMEOUT"),
            file.discord_timeout,
            same,
        )
        .map(|raw| whole_number(&raw, 1..=300, "seconds"))
        .transpose()?
        .unwrap_or(DEFAULT_DISCORD_TIMEOUT_S);
        Ok(Config {
            token,
            data_dir,
            responses_dir,
            discord_api,
            dev_guild,
            http_addr,
            log_format,
            engine_threads,
            cache_bytes: cache_mb * 1024 * 1024,
            discord_timeout: std::time::Duration::from_secs(timeout_s),
            origins,
        })
    }
}

/// A whole number within `range`.
fn whole_number(
    raw: &Raw<String>,
    range: std::ops::RangeInclusive<u64>,
    unit: &str,
) -> Result<u64, ConfigError> {
    raw.value
        .trim()
        .parse::<u64>()
        .ok()
        .filter(|n| range.contains(n))
        .ok_or_else(|| {
            invalid(
                &raw.place,
                format!(
                    "`{}` is not a whole number of {unit} from {} to {}",
                    raw.value,
                    range.start(),
                    range.end()
                ),
            )
        })
}

fn check_token(place: &Place, raw: String) -> Result<Token, ConfigError> {
    let t = raw.trim();
    // The Developer Portal shows the bare token; the HTTP header form
    // "Bot <token>" is accepted too, and the prefix dropped.
    let t = t.strip_prefix("Bot ").map_or(t, str::trim_start);
    if t.is_empty() || t.chars().any(char::is_whitespace) {
        return Err(invalid(
            place,
            "the token is empty or contains spaces; copy it again from the Developer Portal's Bot page".into(),
        ));
    }
    Ok(Token(t.to_owned()))
}

fn read_token(place: &Place, path: &Path) -> Result<Token, ConfigError> {
    let raw = std::fs::read_to_string(path)
        .map_err(|e| invalid(place, format!("cannot read {}: {e}", path.display())))?;
    check_token(place, raw)
}

fn check_api_url(raw: Raw<String>) -> Result<String, ConfigError> {
    let url = &raw.value;
    let trimmed = url.trim().trim_end_matches('/').to_owned();
    let ok_scheme = trimmed.starts_with("http://") || trimmed.starts_with("https://");
    let host = trimmed.split("://").nth(1).unwrap_or("");
    if !ok_scheme || host.is_empty() || trimmed.contains('?') {
        return Err(invalid(
            &raw.place,
            format!(
                "`{url}` is not a base URL like http://127.0.0.1:8080 or https://proxy.example"
            ),
        ));
    }
    Ok(trimmed)
}

#[cfg(test)]
mod tests;
