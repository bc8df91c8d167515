//! Where a raw setting came from, so that a refused value names its place:
//! the environment variable, or the config file's key and line (never the
//! variable's name for a value the file gave).

use std::path::{Path, PathBuf};

use toml::Spanned;

/// A setting's raw value and where it was written.
#[derive(Debug, Clone)]
pub(super) struct Raw<T> {
    pub value: T,
    pub place: Place,
}

/// Where a value was written.
#[derive(Debug, Clone)]
pub(super) enum Place {
    Env(&'static str),
    File {
        path: PathBuf,
        key: &'static str,
        line: usize,
    },
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Place::Env(name) => f.write_str(name),
            Place::File { path, key, line } => {
                write!(f, "{}:{line}: `{key}`", path.display())
            }
        }
    }
}

/// The config file's text, to turn byte spans into line numbers.
pub(super) struct FileText<'a> {
    pub path: &'a Path,
    pub text: &'a str,
}

impl FileText<'_> {
    /// The 1-based line holding byte `at`.
    pub fn line(&self, at: usize) -> usize {
        self.text
            .get(..at)
            .map_or(1, |before| before.matches('\n').count() + 1)
    }

    /// A file value with its key and line.
    pub fn raw<T>(&self, key: &'static str, value: Spanned<T>) -> Raw<T> {
        let line = self.line(value.span().start);
        Raw {
            value: value.into_inner(),
            place: Place::File {
                path: self.path.to_path_buf(),
                key,
                line,
            },
        }
    }
}

/// The environment's value if set, else the file's.
pub(super) fn pick<T>(
    env_name: &'static str,
    env: Option<String>,
    file: Option<Raw<T>>,
    from_env: impl FnOnce(String) -> T,
) -> Option<Raw<T>> {
    match env {
        Some(v) => Some(Raw {
            value: from_env(v),
            place: Place::Env(env_name),
        }),
        None => file,
    }
}
