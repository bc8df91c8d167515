//! The configuration's unit tests: sources, precedence, and errors that
//! name where the bad value came from.

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
    let err = Config::from_sources(None, env(&[("COOLDOWN_HTTP_ADDR", "localhost")])).unwrap_err();
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
    assert_eq!(cfg.engine_threads, super::default_engine_threads());
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
    let cfg = Config::from_sources(Some(&path), env(&[("COOLDOWN_DATA", "/from/env")])).unwrap();
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

#[test]
fn file_errors_name_the_key_and_line_not_the_variable() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cooldown.toml");
    std::fs::write(&path, "data = \"/d\"\n\nhttp_addr = \"localhost\"\n").unwrap();
    let err = Config::from_sources(Some(&path), env(&[])).unwrap_err();
    let text = err.to_string();
    assert!(text.contains(":3: `http_addr`"), "{text}");
    assert!(!text.contains("COOLDOWN_HTTP_ADDR"), "{text}");
    std::fs::write(&path, "data = \"/d\"\ncache_mb = 1\n").unwrap();
    let text = Config::from_sources(Some(&path), env(&[]))
        .unwrap_err()
        .to_string();
    assert!(text.contains(":2: `cache_mb`"), "{text}");
    std::fs::write(&path, "data = \"/d\"\nnonsense = 1\n").unwrap();
    let text = Config::from_sources(Some(&path), env(&[]))
        .unwrap_err()
        .to_string();
    assert!(text.contains("line 2"), "{text}");
    // The environment's value is named by its variable.
    let err = Config::from_sources(Some(&path), env(&[("COOLDOWN_CACHE_MB", "lots")]));
    assert!(err.unwrap_err().to_string().contains("line 2"));
    let err = Config::from_sources(None, env(&[("COOLDOWN_CACHE_MB", "lots")])).unwrap_err();
    assert!(err.to_string().starts_with("COOLDOWN_CACHE_MB:"), "{err}");
}

#[test]
fn a_token_with_its_bot_prefix_is_accepted() {
    let cfg = Config::from_sources(None, env(&[("DISCORD_TOKEN", "Bot abc.def.ghi")])).unwrap();
    assert_eq!(cfg.token.unwrap().expose(), "abc.def.ghi");
    let err = Config::from_sources(None, env(&[("DISCORD_TOKEN", "abc def")])).unwrap_err();
    assert!(err.to_string().starts_with("DISCORD_TOKEN:"), "{err}");
}

#[test]
fn the_cache_and_timeout_have_small_defaults_and_settings() {
    let cfg = Config::from_sources(None, env(&[])).unwrap();
    assert_eq!(cfg.cache_bytes, DEFAULT_CACHE_MB * 1024 * 1024);
    assert_eq!(cfg.discord_timeout.as_secs(), DEFAULT_DISCORD_TIMEOUT_S);
    let cfg = Config::from_sources(
        None,
        env(&[
            ("COOLDOWN_CACHE_MB", "16"),
            ("COOLDOWN_DISCORD_TIMEOUT", "3"),
        ]),
    )
    .unwrap();
    assert_eq!(cfg.cache_bytes, 16 * 1024 * 1024);
    assert_eq!(cfg.discord_timeout.as_secs(), 3);
    let described = cfg.describe().join("\n");
    assert!(
        described.contains("COOLDOWN_CACHE_MB = 16  (environment)"),
        "{described}"
    );
}
