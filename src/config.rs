//! The bot's configuration: one typed struct, read from an optional TOML file
//! and the environment (the environment wins), and checked before anything
//! starts. A wrong value stops the bot with one line that says which setting
//! and why; nothing falls back silently to a default.

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
        Ok(Config {
            token,
            data_dir,
            responses_dir,
            discord_api,
            dev_guild,
        })
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
}
