//! `cooldown config`: the settings in effect, one line each, with where
//! each came from; the token never shown.

use super::{Config, LogFormat};

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
                "COOLDOWN_CACHE_MB" => (self.cache_bytes / (1024 * 1024)).to_string(),
                "COOLDOWN_DISCORD_TIMEOUT" => self.discord_timeout.as_secs().to_string(),
                "COOLDOWN_ENGINE_THREADS" => self.engine_threads.to_string(),
                "COOLDOWN_LOG_FORMAT" => match self.log_format {
                    LogFormat::Text => "text".into(),
                    LogFormat::Json => "json".into(),
                },
                _ => String::new(),
            }
        };
        self.origins
            .iter()
            .map(|(name, from)| format!("{name} = {}  ({})", value(name), from.as_str()))
            .collect()
    }
}
