//! Reading and checking `responses/*.toml`.
//!
//! A file may hold `[[tip]]` entries and `[messages.<group>]` tables of
//! phrasings. Files are read in name order; together they must define each of
//! the eight tips once and every message in [`MESSAGES`], with only the
//! placeholders that message offers.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::messages::{MessageSpec, MESSAGES};
use super::safety_messages::{SAFETY_MESSAGES, SOURCED};
use super::template::placeholders;
use super::{Catalogue, CatalogueError, Signal, Tip};
use crate::model::Topic;

/// A list of phrasings, each located in its file.
type Phrasings = Spanned<Vec<Spanned<String>>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileDoc {
    #[serde(default)]
    tip: Vec<TipDoc>,
    #[serde(default)]
    messages: BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, Phrasings>>,
    /// Where a message's health claim comes from: `[sources.<group>]`.
    #[serde(default)]
    sources: BTreeMap<String, BTreeMap<Spanned<String>, Spanned<String>>>,
}

/// Every message key the catalogue must define.
fn all_specs() -> impl Iterator<Item = &'static MessageSpec> {
    MESSAGES.iter().chain(SAFETY_MESSAGES)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TipDoc {
    id: Spanned<String>,
    title: String,
    weight: Spanned<f32>,
    #[serde(default)]
    when: BTreeMap<Spanned<String>, f32>,
    phrasings: Phrasings,
    #[serde(default)]
    caveats: Vec<String>,
    source: Spanned<String>,
}

/// One file's text, for turning byte offsets into lines.
struct Source<'a> {
    path: &'a Path,
    text: &'a str,
}

impl Source<'_> {
    fn error(&self, offset: Option<usize>, reason: impl Into<String>) -> CatalogueError {
        let (line, column) = match offset {
            Some(at) => {
                let before = &self.text[..at.min(self.text.len())];
                let line = before.matches('\n').count() + 1;
                let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
                (line, column)
            }
            None => (0, 0),
        };
        CatalogueError {
            file: self.path.to_path_buf(),
            line,
            column,
            reason: reason.into(),
        }
    }
}

impl Catalogue {
    /// Loads and checks every `*.toml` file in `dir`.
    pub fn load(dir: &Path) -> Result<Catalogue, CatalogueError> {
        let whole = |reason: String| CatalogueError {
            file: dir.to_path_buf(),
            line: 0,
            column: 0,
            reason,
        };
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| whole(format!("cannot read the responses directory: {e}")))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        paths.sort();
        let mut files = Vec::with_capacity(paths.len());
        for path in paths {
            let text = std::fs::read_to_string(&path).map_err(|e| CatalogueError {
                file: path.clone(),
                line: 0,
                column: 0,
                reason: format!("cannot read: {e}"),
            })?;
            files.push((path, text));
        }
        Catalogue::from_files(dir, &files)
    }

    /// Checks a catalogue given as `(path, text)` pairs in name order; `dir`
    /// names the whole for mistakes that belong to no one file.
    pub(super) fn from_files(
        dir: &Path,
        files: &[(PathBuf, String)],
    ) -> Result<Catalogue, CatalogueError> {
        if files.is_empty() {
            return Err(CatalogueError {
                file: dir.to_path_buf(),
                line: 0,
                column: 0,
                reason: "no .toml files in the responses directory".into(),
            });
        }

        let mut tips: Vec<Tip> = Vec::new();
        let mut messages: HashMap<String, Vec<String>> = HashMap::new();
        let mut sources: HashMap<String, String> = HashMap::new();
        // Where each tip and each message group was first written, so a
        // duplicate or a missing message names a file and line.
        let mut tip_at: HashMap<Topic, (PathBuf, usize)> = HashMap::new();
        let mut group_at: HashMap<String, CatalogueError> = HashMap::new();
        for (path, text) in files {
            let src = Source { path, text };
            let doc: FileDoc = toml::from_str(text).map_err(|e| {
                src.error(
                    e.span().map(|s| s.start),
                    e.message().trim().replace('\n', ": "),
                )
            })?;
            for tip in doc.tip {
                let id_at = tip.id.span().start;
                let tip = check_tip(&src, tip)?;
                let here = src.error(Some(id_at), "");
                if let Some((file, line)) = tip_at.get(&tip.id) {
                    return Err(src.error(
                        Some(id_at),
                        format!(
                            "tip `{}` is defined twice (first at {}:{line})",
                            tip.id.as_str(),
                            file.display()
                        ),
                    ));
                }
                tip_at.insert(tip.id, (here.file, here.line));
                tips.push(tip);
            }
            for (group, entries) in doc.messages {
                let group_start = group.span().start;
                let group = group.into_inner();
                group_at
                    .entry(group.clone())
                    .or_insert_with(|| src.error(Some(group_start), ""));
                for (name, phrasings) in entries {
                    let key = format!("{group}.{}", name.get_ref());
                    let spec = all_specs().find(|s| s.key == key).ok_or_else(|| {
                        src.error(Some(name.span().start), format!("unknown message `{key}`"))
                    })?;
                    if messages.contains_key(&key) {
                        return Err(src.error(
                            Some(name.span().start),
                            format!("message `{key}` is defined twice"),
                        ));
                    }
                    let list = check_phrasings(&src, &key, spec.vars, phrasings)?;
                    messages.insert(key, list);
                }
            }
            for (group, entries) in doc.sources {
                for (name, source) in entries {
                    let key = format!("{group}.{}", name.get_ref());
                    if !all_specs().any(|s| s.key == key) {
                        return Err(src.error(
                            Some(name.span().start),
                            format!("source for an unknown message `{key}`"),
                        ));
                    }
                    if source.get_ref().trim().is_empty() {
                        return Err(src.error(
                            Some(source.span().start),
                            format!("message `{key}` has an empty source"),
                        ));
                    }
                    sources.insert(key, source.into_inner());
                }
            }
        }

        let dir_error = |reason: String| CatalogueError {
            file: dir.to_path_buf(),
            line: 0,
            column: 0,
            reason,
        };
        for topic in Topic::ALL {
            if !tips.iter().any(|t| t.id == topic) {
                return Err(dir_error(format!("no tip with id `{}`", topic.as_str())));
            }
        }
        tips.sort_by_key(|t| t.id);
        for spec in all_specs() {
            if !messages.contains_key(spec.key) {
                let (group, name) = spec.key.split_once('.').unwrap_or(("", spec.key));
                let reason = format!("no phrasings for message `{}`", spec.key);
                // Named where its group is, for the person adding it.
                return Err(match group_at.remove(group) {
                    Some(at) => CatalogueError {
                        reason: format!("{reason}: add `{name} = [\"...\"]` under [messages.{group}] here"),
                        ..at
                    },
                    None => dir_error(format!(
                        "{reason}: add `{name} = [\"...\"]` under a [messages.{group}] table in any file"
                    )),
                });
            }
        }
        // A health claim without its source is refused, like a tip without one.
        for key in SOURCED {
            if !sources.contains_key(*key) {
                return Err(dir_error(format!(
                    "message `{key}` makes a health claim and needs a source in [sources.{}]",
                    key.split('.').next().unwrap_or_default()
                )));
            }
        }
        Ok(Catalogue {
            tips,
            messages,
            sources,
        })
    }
}

fn check_tip(src: &Source, doc: TipDoc) -> Result<Tip, CatalogueError> {
    let id = Topic::from_id(doc.id.get_ref()).ok_or_else(|| {
        src.error(
            Some(doc.id.span().start),
            format!(
                "unknown tip id `{}` (expected one of cooldown, nutrition, hydration, stretching, massage, rest, sleep, cold)",
                doc.id.get_ref()
            ),
        )
    })?;
    let weight = *doc.weight.get_ref();
    if !(0.0..=10.0).contains(&weight) {
        return Err(src.error(
            Some(doc.weight.span().start),
            "weight must be between 0 and 10",
        ));
    }
    let mut when = Vec::new();
    for (name, boost) in doc.when {
        let signal: Signal = Signal::deserialize(serde::de::value::StrDeserializer::<
            serde::de::value::Error,
        >::new(name.get_ref()))
        .map_err(|_| {
            src.error(
                Some(name.span().start),
                format!("unknown condition `{}` in `when`", name.get_ref()),
            )
        })?;
        when.push((signal, boost));
    }
    let key = format!("tip `{}`", id.as_str());
    // Cold therapy is unsafe for some runners; a catalogue that drops its
    // warning would make the bot give it bare.
    if id == Topic::Cold && doc.caveats.iter().all(|c| c.trim().is_empty()) {
        return Err(src.error(
            Some(doc.id.span().start),
            "tip `cold` must keep a caveat naming its risks (heart disease, high blood pressure, diabetes)",
        ));
    }
    let phrasings = check_phrasings(src, &key, &[], doc.phrasings)?;
    if doc.source.get_ref().trim().is_empty() {
        return Err(src.error(
            Some(doc.source.span().start),
            format!("{key} has an empty source"),
        ));
    }
    Ok(Tip {
        id,
        title: doc.title,
        weight,
        when,
        phrasings,
        caveats: doc.caveats,
        source: doc.source.into_inner(),
    })
}

fn check_phrasings(
    src: &Source,
    key: &str,
    allowed: &[&str],
    phrasings: Phrasings,
) -> Result<Vec<String>, CatalogueError> {
    let span = phrasings.span();
    let list = phrasings.into_inner();
    if list.is_empty() || list.iter().all(|p| p.get_ref().trim().is_empty()) {
        return Err(src.error(
            Some(span.start),
            format!("{key} needs at least one phrasing"),
        ));
    }
    let mut out = Vec::with_capacity(list.len());
    for p in list {
        for name in placeholders(p.get_ref()) {
            if !allowed.contains(&name) {
                let offered = if allowed.is_empty() {
                    "none".to_owned()
                } else {
                    allowed
                        .iter()
                        .map(|v| format!("{{{v}}}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                return Err(src.error(
                    Some(p.span().start),
                    format!(
                        "{key} uses an unknown placeholder `{{{name}}}` (it may use: {offered})"
                    ),
                ));
            }
        }
        out.push(p.into_inner());
    }
    Ok(out)
}
