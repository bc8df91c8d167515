//! The bot's configuration: one typed struct, read from an optional TOML file
//! and the environment (the environment wins), and checked before anything
//! starts. A wrong value stops the bot with one line that says which setting
//! and why; nothing falls back silently to a default.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use thiserror::Error;

/// A setting that cannot be used.
#[derive(Debug, Error)]
pub enum ConfigError {
    #[error("cannot read the config file {path}: {source}")]
    ReadFile {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("config file {path}: {reason}")]
    Parse { path: PathBuf, reason: String },
    #[error("{name}: {reason}")]
    Invalid { name: &'static str, reason: String },
}

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
                name: "COOLDOWN_LOG_FORMAT",
                reason: format!("`{value}` is not `text` or `json`"),
            }),
        }
    }
}

/// The TOML file's shape. Same names as the environment variables, lower
/// case and without the `COOLDOWN_` prefix. The token itself is not
/// accepted here (config files get committed); `discord_token_file` is.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    discord_token_file: Option<PathBuf>,
    data: Option<PathBuf>,
    responses: Option<PathBuf>,
    discord_api: Option<String>,
    dev_guild: Option<u64>,
    http_addr: Option<String>,
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
        let file_cfg = match file {
            Some(path) => {
                let text =
                    std::fs::read_to_string(path).map_err(|source| ConfigError::ReadFile {
                        path: path.to_path_buf(),
                        source,
                    })?;
                toml::from_str::<FileConfig>(&text).map_err(|e| ConfigError::Parse {
                    path: path.to_path_buf(),
                    reason: e.message().trim().to_owned(),
                })?
            }
            None => FileConfig::default(),
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
            file_cfg.discord_token_file.is_some(),
        );
        origin(
            "COOLDOWN_DATA",
            env("COOLDOWN_DATA").is_some(),
            file_cfg.data.is_some(),
        );
        origin(
            "COOLDOWN_RESPONSES",
            env("COOLDOWN_RESPONSES").is_some(),
            file_cfg.responses.is_some(),
        );
        origin(
            "COOLDOWN_DISCORD_API",
            env("COOLDOWN_DISCORD_API").is_some(),
            file_cfg.discord_api.is_some(),
        );
        origin(
            "COOLDOWN_DEV_GUILD",
            env("COOLDOWN_DEV_GUILD").is_some(),
            file_cfg.dev_guild.is_some(),
        );
        origin(
            "COOLDOWN_HTTP_ADDR",
            env("COOLDOWN_HTTP_ADDR").is_some(),
            file_cfg.http_addr.is_some(),
        );
        origin(
            "COOLDOWN_LOG_FORMAT",
            env("COOLDOWN_LOG_FORMAT").is_some(),
            false,
        );
        origin(
            "COOLDOWN_ENGINE_THREADS",
            env("COOLDOWN_ENGINE_THREADS").is_some(),
            false,
        );

        let token = match (
            env("DISCORD_TOKEN"),
            env("DISCORD_TOKEN_FILE").map(PathBuf::from),
        ) {
            (Some(t), _) => Some(check_token("DISCORD_TOKEN", t)?),
            (None, Some(path)) => Some(read_token("DISCORD_TOKEN_FILE", &path)?),
            (None, None) => match file_cfg.discord_token_file {
                Some(path) => Some(read_token("discord_token_file", &path)?),
                None => None,
            },
        };
        let data_dir = env("COOLDOWN_DATA")
            .map(PathBuf::from)
            .or(file_cfg.data)
            .unwrap_or_else(|| PathBuf::from("./data"));
        let responses_dir = env("COOLDOWN_RESPONSES")
            .map(PathBuf::from)
            .or(file_cfg.responses);
        if let Some(dir) = responses_dir.as_ref().filter(|d| !d.is_dir()) {
            return Err(ConfigError::Invalid {
                name: "COOLDOWN_RESPONSES",
                reason: format!(
                    "{} is not a directory of responses/*.toml files (unset it to use the built-in catalogue)",
                    dir.display()
                ),
            });
        }
        let discord_api = match env("COOLDOWN_DISCORD_API").or(file_cfg.discord_api) {
            Some(url) => Some(check_api_url(url)?),
            None => None,
        };
        let dev_guild = match env("COOLDOWN_DEV_GUILD") {
            Some(v) => Some(v.trim().parse::<u64>().map_err(|_| ConfigError::Invalid {
                name: "COOLDOWN_DEV_GUILD",
                reason: format!("`{v}` is not a Discord server id (a number)"),
            })?),
            None => file_cfg.dev_guild,
        };
        let http_addr = match env("COOLDOWN_HTTP_ADDR").or(file_cfg.http_addr) {
            Some(v) => Some(
                v.trim()
                    .parse::<SocketAddr>()
                    .map_err(|_| ConfigError::Invalid {
                        name: "COOLDOWN_HTTP_ADDR",
                        reason: format!("`{v}` is not an address with a port, like 127.0.0.1:9464"),
                    })?,
            ),
            None => None,
        };
        let log_format = match env("COOLDOWN_LOG_FORMAT") {
            Some(v) => LogFormat::parse(&v)?,
            None => LogFormat::default(),
        };
        let engine_threads = match env("COOLDOWN_ENGINE_THREADS") {
            Some(v) => match v.trim().parse::<usize>() {
                Ok(n @ 1..=MAX_ENGINE_THREADS) => n,
                _ => {
                    return Err(ConfigError::Invalid {
                        name: "COOLDOWN_ENGINE_THREADS",
                        reason: format!(
                            "`{v}` is not a number of threads from 1 to {MAX_ENGINE_THREADS}"
                        ),
                    })
                }
            },
            None => default_engine_threads(),
        };
        Ok(Config {
            token,
            data_dir,
            responses_dir,
            discord_api,
            dev_guild,
            http_addr,
            log_format,
            engine_threads,
            origins,
        })
    }
}

impl Config {
    /// The effective settings, one `NAME = value  (origin)` line each, the
    /// token masked: what `cooldown config` prints.
    pub fn describe(&self) -> Vec<String> {
        let value = |name: &str| -> String {
            match name {
                "DISCORD_TOKEN" => match &self.token {
                    Some(_) => "<set, hidden>".into(),
                    None => "<unset: console mode>".into(),
                },
                "COOLDOWN_DATA" => self.data_dir.display().to_string(),
                "COOLDOWN_RESPONSES" => self
                    .responses_dir
                    .as_ref()
                    .map_or_else(|| "<built-in>".into(), |d| d.display().to_string()),
                "COOLDOWN_DISCORD_API" => self
                    .discord_api
                    .clone()
                    .unwrap_or_else(|| "https://discord.com".into()),
                "COOLDOWN_DEV_GUILD" => self
                    .dev_guild
                    .map_or_else(|| "<unset: global commands>".into(), |g| g.to_string()),
                "COOLDOWN_HTTP_ADDR" => self
                    .http_addr
                    .map_or_else(|| "<unset: no health or metrics>".into(), |a| a.to_string()),
                "COOLDOWN_LOG_FORMAT" => match self.log_format {
                    LogFormat::Text => "text".into(),
                    LogFormat::Json => "json".into(),
                },
                "COOLDOWN_ENGINE_THREADS" => self.engine_threads.to_string(),
                _ => String::new(),
            }
        };
        self.origins
            .iter()
            .map(|(name, from)| format!("{name} = {}  ({})", value(name), from.as_str()))
            .collect()
    }
}

fn check_token(name: &'static str, raw: String) -> Result<Token, ConfigError> {
    let t = raw.trim();
    if t.is_empty() || t.chars().any(char::is_whitespace) {
        return Err(ConfigError::Invalid {
            name,
            reason: "the token is empty or contains spaces; copy it again from the Developer Portal's Bot page".into(),
        });
    }
    Ok(Token(t.strip_prefix("Bot ").unwrap_or(t).to_owned()))
}

fn read_token(name: &'static str, path: &Path) -> Result<Token, ConfigError> {
    let raw = std::fs::read_to_string(path).map_err(|e| ConfigError::Invalid {
        name,
        reason: format!("cannot read {}: {e}", path.display()),
    })?;
    check_token(name, raw)
}

fn check_api_url(url: String) -> Result<String, ConfigError> {
    let trimmed = url.trim().trim_end_matches('/').to_owned();
    let ok_scheme = trimmed.starts_with("http://") || trimmed.starts_with("https://");
    let host = trimmed.split("://").nth(1).unwrap_or("");
    if !ok_scheme || host.is_empty() || trimmed.contains('?') {
        return Err(ConfigError::Invalid {
            name: "COOLDOWN_DISCORD_API",
            reason: format!(
                "`{url}` is not a base URL like http://127.0.0.1:8080 or https://proxy.example"
            ),
        });
    }
    Ok(trimmed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    }

    fn responses() -> String {
        concat!(env!("CARGO_MANIFEST_DIR"), "/responses").to_owned()
    }

    #[test]
    fn no_token_means_console_and_defaults_apply() {
        let r = responses();
        let cfg = Config::from_sources(None, env(&[("COOLDOWN_RESPONSES", &r)])).unwrap();
        assert!(cfg.token.is_none());
        assert_eq!(cfg.data_dir, PathBuf::from("./data"));
        let cfg = Config::from_sources(None, env(&[])).unwrap();
        assert_eq!(cfg.responses_dir, None, "the built-in catalogue by default");
    }

    #[test]
    fn token_never_shows_in_debug() {
        let r = responses();
        let cfg = Config::from_sources(
            None,
            env(&[
                ("DISCORD_TOKEN", "abc.def.secret"),
                ("COOLDOWN_RESPONSES", &r),
            ]),
        )
        .unwrap();
        assert_eq!(cfg.token.as_ref().unwrap().expose(), "abc.def.secret");
        assert!(!format!("{cfg:?}").contains("secret"));
        let described = cfg.describe().join("\n");
        assert!(!described.contains("secret"), "{described}");
        assert!(
            described.contains("DISCORD_TOKEN = <set, hidden>  (environment)"),
            "{described}"
        );
        assert!(
            described.contains("COOLDOWN_HTTP_ADDR = <unset: no health or metrics>  (default)"),
            "{described}"
        );
    }

    #[test]
    fn bad_values_name_the_setting() {
        let r = responses();
        let err = Config::from_sources(
            None,
            env(&[
                ("COOLDOWN_DISCORD_API", "discord"),
                ("COOLDOWN_RESPONSES", &r),
            ]),
        )
        .unwrap_err();
        assert!(
            err.to_string().starts_with("COOLDOWN_DISCORD_API:"),
            "{err}"
        );
        let err =
            Config::from_sources(None, env(&[("COOLDOWN_HTTP_ADDR", "localhost")])).unwrap_err();
        assert!(err.to_string().starts_with("COOLDOWN_HTTP_ADDR:"), "{err}");
        let err = Config::from_sources(None, env(&[("COOLDOWN_LOG_FORMAT", "xml")])).unwrap_err();
        assert!(err.to_string().starts_with("COOLDOWN_LOG_FORMAT:"), "{err}");
        let err = Config::from_sources(None, env(&[("COOLDOWN_ENGINE_THREADS", "0")])).unwrap_err();
        assert!(
            err.to_string().starts_with("COOLDOWN_ENGINE_THREADS:"),
            "{err}"
        );
        let cfg = Config::from_sources(None, env(&[("COOLDOWN_ENGINE_THREADS", "3")])).unwrap();
        assert_eq!(cfg.engine_threads, 3);
        let cfg = Config::from_sources(None, env(&[])).unwrap();
        assert_eq!(cfg.engine_threads, default_engine_threads());
        let err =
            Config::from_sources(None, env(&[("COOLDOWN_RESPONSES", "/nonexistent")])).unwrap_err();
        assert!(err.to_string().contains("COOLDOWN_RESPONSES"), "{err}");
    }

    #[test]
    fn file_settings_lose_to_the_environment() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cooldown.toml");
        std::fs::write(
            &path,
            format!("data = \"/from/file\"\nresponses = \"{}\"\n", responses()),
        )
        .unwrap();
        let cfg = Config::from_sources(Some(&path), env(&[])).unwrap();
        assert_eq!(cfg.data_dir, PathBuf::from("/from/file"));
        assert!(cfg
            .describe()
            .contains(&"COOLDOWN_DATA = /from/file  (file)".to_owned()));
        let cfg =
            Config::from_sources(Some(&path), env(&[("COOLDOWN_DATA", "/from/env")])).unwrap();
        assert_eq!(cfg.data_dir, PathBuf::from("/from/env"));
        std::fs::write(&path, "discord_token = \"x\"\n").unwrap();
        let err = Config::from_sources(Some(&path), env(&[])).unwrap_err();
        assert!(err.to_string().contains("discord_token"), "{err}");
    }

    #[test]
    fn the_shipped_example_config_is_valid() {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("deploy/cooldown.example.toml");
        let r = responses();
        let cfg = Config::from_sources(Some(&path), env(&[("COOLDOWN_RESPONSES", &r)])).unwrap();
        assert_eq!(cfg.data_dir, PathBuf::from("/var/lib/cooldown"));
    }

    /// Every variable the env example sets is one the bot reads, and it
    /// loads (blank values count as unset, so the token stays blank).
    #[test]
    fn the_env_example_is_valid() {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("deploy/cooldown.env.example");
        let text = std::fs::read_to_string(path).unwrap();
        let pairs: Vec<(String, String)> = text
            .lines()
            .filter(|l| !l.trim_start().starts_with('#') && l.contains('='))
            .filter_map(|l| l.split_once('='))
            .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
            .collect();
        assert!(pairs
            .iter()
            .any(|(k, v)| k == "DISCORD_TOKEN" && v.is_empty()));
        let cfg = Config::from_sources(None, |name| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        })
        .unwrap();
        for (name, _) in &pairs {
            assert!(
                name == "RUST_LOG" || cfg.origins.iter().any(|(n, _)| n == name),
                "{name} is not a setting"
            );
        }
        assert_eq!(cfg.http_addr, Some("127.0.0.1:9464".parse().unwrap()));
    }
}
