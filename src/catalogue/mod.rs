//! The responses catalogue: every sentence the bot says, loaded from
//! `responses/*.toml` and checked once at start.
//!
//! Words live in data so that a club can ship its own voice without a
//! rebuild, and so that the Rust code never hard-codes what a runner reads.
//! A catalogue with a mistake is refused whole, naming the file, the line and
//! what is wrong: a half-loaded catalogue would fail later, in front of a
//! runner.

mod load;
mod messages;
mod safety_messages;
mod template;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use thiserror::Error;

use crate::model::Topic;

pub use messages::{MessageSpec, MESSAGES};
pub use safety_messages::{SAFETY_MESSAGES, SOURCED};
pub use template::render;

/// A mistake in a catalogue file, located for the person who edits it.
#[derive(Debug, Error)]
#[error("{}{}: {reason}", file.display(), place(*line, *column))]
pub struct CatalogueError {
    pub file: PathBuf,
    /// 1-based; 0 when the mistake is the file as a whole.
    pub line: usize,
    pub column: usize,
    pub reason: String,
}

/// ":line:column", or nothing for a mistake in no one place (never ":0:0").
fn place(line: usize, column: usize) -> String {
    match (line, column) {
        (0, _) => String::new(),
        (l, 0) => format!(":{l}"),
        (l, c) => format!(":{l}:{c}"),
    }
}

/// When a tip is especially relevant. Tips name these in their `when` list;
/// the coach works out which hold for a message and a runner's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Signal {
    /// Any run was logged.
    Run,
    /// A rest day was logged.
    RestDay,
    Hot,
    Humid,
    Cold,
    Rain,
    Wind,
    Hills,
    Trail,
    Snow,
    Easy,
    Recovery,
    Tempo,
    Intervals,
    Long,
    Race,
    /// 90 minutes or more, or a distance that takes that long.
    LongDuration,
    /// A hard session: tempo, intervals, race.
    Hard,
    /// Sore or painful body parts were mentioned.
    Sore,
    /// Less than 7 hours last night.
    ShortSleep,
    /// Short of 7 hours a night on average over the last three nights.
    SleepDebt,
    /// This week's training load is clearly above the runner's usual week.
    HighLoad,
    /// Six or more running days in a row without a rest day.
    RestDue,
    /// The runner is over 50.
    Older,
}

/// One recovery tip, as the catalogue describes it.
#[derive(Debug, Clone)]
pub struct Tip {
    pub id: Topic,
    pub title: String,
    /// Base relevance, before the signals add to it.
    pub weight: f32,
    /// Signals under which this tip gains relevance, with how much each adds.
    pub when: Vec<(Signal, f32)>,
    /// Several ways of saying the tip; rotated so a runner does not read the
    /// same sentence every day.
    pub phrasings: Vec<String>,
    /// Safety notes shown with the tip every time.
    pub caveats: Vec<String>,
    /// The study or body of evidence the tip rests on.
    pub source: String,
}

/// The loaded, validated catalogue.
#[derive(Debug, Clone)]
pub struct Catalogue {
    tips: Vec<Tip>,
    messages: HashMap<String, Vec<String>>,
    /// The source of each message that makes a health claim.
    sources: HashMap<String, String>,
}

/// The shipped catalogue, embedded at build time by `build.rs`: each
/// `responses/*.toml` file's name and text, in name order.
pub const BUILTIN_FILES: &[(&str, &str)] =
    include!(concat!(env!("OUT_DIR"), "/builtin_responses.rs"));

impl Catalogue {
    /// The catalogue built into the binary, checked like a directory would
    /// be. A build whose `responses/` is broken fails its tests, so this only
    /// fails on a binary nobody tested.
    pub fn builtin() -> Result<Catalogue, CatalogueError> {
        let files: Vec<(PathBuf, String)> = BUILTIN_FILES
            .iter()
            .map(|(name, text)| (Path::new("(built-in)").join(name), (*text).to_owned()))
            .collect();
        Catalogue::from_files(Path::new("(built-in)"), &files)
    }

    /// Writes the built-in catalogue's files into `dir` (created if
    /// missing), as a starting point for a club's own voice. Refuses to
    /// overwrite a file that is already there.
    pub fn export_builtin(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
        std::fs::create_dir_all(dir)?;
        let mut written = Vec::with_capacity(BUILTIN_FILES.len());
        for (name, text) in BUILTIN_FILES {
            let path = dir.join(name);
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
                .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
            std::io::Write::write_all(&mut file, text.as_bytes())?;
            written.push(path);
        }
        Ok(written)
    }

    /// The catalogue shipped in the repository's `responses/` directory.
    pub fn shipped_dir() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("responses")
    }

    /// The tip for a topic. Every topic has one: loading checks it.
    pub fn tip(&self, topic: Topic) -> &Tip {
        self.tips
            .iter()
            .find(|t| t.id == topic)
            .unwrap_or(&self.tips[0])
    }

    pub fn tips(&self) -> &[Tip] {
        &self.tips
    }

    /// The phrasings of a message key. Every key of [`MESSAGES`] is present:
    /// loading checks it.
    pub fn phrasings(&self, key: &str) -> &[String] {
        self.messages.get(key).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Where a message's health claim comes from, when it makes one.
    pub fn source(&self, key: &str) -> Option<&str> {
        self.sources.get(key).map(String::as_str)
    }

    /// "1 run" / "3 runs": renders `<base>_one` or `<base>_many` with `{n}`.
    pub fn count(&self, base: &str, n: usize) -> String {
        let key = if n == 1 {
            format!("{base}_one")
        } else {
            format!("{base}_many")
        };
        self.say(&key, 0, &[("n", &n.to_string())])
    }

    /// Renders message `key`, phrasing number `variant` (taken modulo the
    /// number of phrasings), with `vars` filled in.
    pub fn say(&self, key: &str, variant: usize, vars: &[(&str, &str)]) -> String {
        let options = self.phrasings(key);
        if options.is_empty() {
            return String::new();
        }
        render(&options[variant % options.len()], vars)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_catalogue_is_every_shipped_file() {
        let on_disk: Vec<String> = std::fs::read_dir(Catalogue::shipped_dir())
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".toml"))
            .collect();
        let mut on_disk = on_disk;
        on_disk.sort();
        let built_in: Vec<&str> = BUILTIN_FILES.iter().map(|(n, _)| *n).collect();
        assert_eq!(built_in, on_disk);
        let builtin = Catalogue::builtin().unwrap();
        let shipped = Catalogue::load(&Catalogue::shipped_dir()).unwrap();
        assert_eq!(builtin.tips().len(), shipped.tips().len());
        assert_eq!(builtin.messages, shipped.messages);
    }
}
