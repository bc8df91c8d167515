//! Whole-database backups: every tree's records written as JSON lines, and
//! read back into an empty directory.
//!
//! A backup is taken from an open [`Store`], so the running bot can take it
//! (sled locks its directory against a second process). It is one snapshot:
//! the records are copied while the write gate is held alone (`gate.rs`),
//! between two engine events, so a backup never holds half of one (a log
//! without its message-author entry, a reminder without its due entry).
//! Every write acknowledged before the backup began is in it.
//!
//! Format: a header line `{"cooldown_backup":1,"format":F}`, then one line
//! `{"tree":NAME,"key":HEX,"value":HEX}` per record, trees and keys in byte
//! order, then the keyring's entries as records of the pseudo-tree
//! `cooldown/keyring` (key: the pseudonym; value: the 32-byte data key then
//! the user id), read after the trees so that every runner they name is in
//! it, so two backups of the same data are byte-identical, and a last line
//! `{"cooldown_backup_end":RECORDS}` so a cut-off file is refused. A backup
//! holds the keys: keep it as safe as the data directory.

use std::io::{BufRead, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::keyring::Keyring;
use super::{Store, StoreError, FORMAT_KEY, STORE_FORMAT};

/// The records of a backup that are the keyring's, not a sled tree's.
const KEYRING_TREE: &str = "cooldown/keyring";

/// The version of the backup file layout itself.
const BACKUP_LAYOUT: u32 = 1;

#[derive(Serialize, Deserialize)]
struct Header {
    cooldown_backup: u32,
    format: u8,
}

#[derive(Serialize, Deserialize)]
struct Trailer {
    cooldown_backup_end: usize,
}

/// Whether `line` is a backup's last line.
pub fn is_trailer(line: &str) -> bool {
    serde_json::from_str::<Trailer>(line).is_ok()
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Record {
    tree: String,
    key: String,
    value: String,
}

/// Writes one record line and counts it.
fn write_record(
    out: &mut impl Write,
    record: &Record,
    summary: &mut BackupSummary,
) -> Result<(), StoreError> {
    // Serialising three strings cannot fail.
    writeln!(out, "{}", serde_json::to_string(record).unwrap_or_default())?;
    summary.records += 1;
    Ok(())
}

/// What a backup or a restore moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BackupSummary {
    pub trees: usize,
    pub records: usize,
}

impl Store {
    /// Writes every record of every tree to `out`: one snapshot, taken
    /// between two changes (see `gate.rs`), flushed first so that it holds
    /// nothing the disk does not.
    pub fn write_backup(&self, mut out: impl Write) -> Result<BackupSummary, StoreError> {
        let (trees, records) = self.snapshot()?;
        let header = Header {
            cooldown_backup: BACKUP_LAYOUT,
            format: STORE_FORMAT,
        };
        writeln!(
            out,
            "{}",
            serde_json::to_string(&header).unwrap_or_default()
        )?;
        let mut summary = BackupSummary { trees, records: 0 };
        for record in &records {
            write_record(&mut out, record, &mut summary)?;
        }
        let trailer = Trailer {
            cooldown_backup_end: summary.records,
        };
        writeln!(
            out,
            "{}",
            serde_json::to_string(&trailer).unwrap_or_default()
        )?;
        out.flush()?;
        Ok(summary)
    }

    /// Every record of every tree, trees and keys in byte order, then the
    /// keyring's entries, copied while no change is under way. Only the
    /// copy into memory holds writers back, not the writing out.
    fn snapshot(&self) -> Result<(usize, Vec<Record>), StoreError> {
        let _alone = self.gate.snapshot();
        self.ensure_usable()?;
        self.db.flush()?;
        let mut names = self.db.tree_names();
        names.sort();
        let trees = names.len();
        let mut records = Vec::new();
        for name in names {
            let tree = self.db.open_tree(&name)?;
            let tree_name = String::from_utf8_lossy(&name).into_owned();
            for item in tree.iter() {
                let (key, value) = item?;
                records.push(Record {
                    tree: tree_name.clone(),
                    key: hex(&key),
                    value: hex(&value),
                });
            }
        }
        for (pseudonym, user, key) in self.keyring.entries() {
            records.push(Record {
                tree: KEYRING_TREE.to_owned(),
                key: hex(&pseudonym),
                value: hex(&[&key[..], user.as_bytes()].concat()),
            });
        }
        Ok((trees, records))
    }

    /// Creates a store in `dir`, which must be missing or empty, from a
    /// backup. A backup from a newer stored-data format is refused.
    pub fn restore(dir: &Path, input: impl BufRead) -> Result<BackupSummary, StoreError> {
        if dir.exists() && std::fs::read_dir(dir)?.next().is_some() {
            return Err(StoreError::Backup(format!(
                "{} is not empty; restore into a new directory",
                dir.display()
            )));
        }
        let mut lines = input.lines();
        let header: Header = match lines.next() {
            Some(line) => serde_json::from_str(&line?)
                .map_err(|_| StoreError::Backup("not a cooldown backup (bad first line)".into()))?,
            None => return Err(StoreError::Backup("the backup file is empty".into())),
        };
        if header.cooldown_backup != BACKUP_LAYOUT || header.format > STORE_FORMAT {
            return Err(StoreError::Backup(format!(
                "the backup is layout {} format {}; this cooldown reads layout {BACKUP_LAYOUT} up to format {STORE_FORMAT}",
                header.cooldown_backup, header.format
            )));
        }
        let db = sled::Config::new().path(dir).open()?;
        let keyring = Keyring::load(dir)?;
        let mut summary = BackupSummary {
            trees: 0,
            records: 0,
        };
        let mut last_tree = None;
        let mut ended = None;
        for (n, line) in lines.enumerate() {
            let bad = |what: &str| StoreError::Backup(format!("line {}: {what}", n + 2));
            let line = line?;
            if ended.is_some() {
                return Err(bad("a record after the end line"));
            }
            if let Ok(trailer) = serde_json::from_str::<Trailer>(&line) {
                ended = Some(trailer.cooldown_backup_end);
                continue;
            }
            let record: Record = serde_json::from_str(&line).map_err(|_| bad("not a record"))?;
            let key = unhex(&record.key).ok_or_else(|| bad("bad key"))?;
            let value = unhex(&record.value).ok_or_else(|| bad("bad value"))?;
            if record.tree == KEYRING_TREE {
                let entry = key.try_into().ok().zip(
                    value.get(..32).and_then(|k| k.try_into().ok()).zip(
                        value
                            .get(32..)
                            .and_then(|u| String::from_utf8(u.to_vec()).ok()),
                    ),
                );
                let Some((pseudonym, (data_key, user))) = entry else {
                    return Err(bad("bad keyring entry"));
                };
                keyring.insert(user, pseudonym, data_key);
                summary.records += 1;
                continue;
            }
            let tree = db.open_tree(record.tree.as_bytes())?;
            tree.insert(key, value)?;
            if last_tree.as_ref() != Some(&record.tree) {
                summary.trees += 1;
                last_tree = Some(record.tree);
            }
            summary.records += 1;
        }
        if ended != Some(summary.records) {
            return Err(StoreError::Backup(format!(
                "the backup is cut off (no end line, or a wrong count); {} is incomplete, delete it",
                dir.display()
            )));
        }
        // The marker says which format the records are in; an older one is
        // migrated when the bot next opens the directory.
        if header.format >= 2 {
            keyring.save_now()?;
        }
        db.insert(FORMAT_KEY, &[header.format])?;
        db.flush()?;
        Ok(summary)
    }
}

pub(super) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub(super) fn unhex(text: &str) -> Option<Vec<u8>> {
    if text.len() % 2 != 0 {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}
