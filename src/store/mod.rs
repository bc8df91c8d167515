//! Everything Cooldown remembers, in one sled database.
//!
//! Nothing else in the crate opens sled: the rest of the code sees typed
//! records ([`LogEntry`], [`Profile`]) and a few queries. Every write that the
//! bot will report as "logged" is flushed to disk before the call returns.
//!
//! # Key layout
//!
//! All keys start with a format version byte ([`KEY_VERSION`]) so that a later
//! layout can live beside this one and be migrated lazily.
//!
//! | tree       | key                                                   | value            |
//! |------------|-------------------------------------------------------|------------------|
//! | `logs`     | `v1 · user · logged_at (i64 µs, BE, sign-flipped) · id (u64 BE)` | [`LogEntry`] JSON |
//! | `profiles` | `v1 · user`                                           | [`Profile`] JSON  |
//! | `advice`   | same layout as `logs`, keyed by when the tips were given | [`AdviceRecord`] JSON |
//! | `guilds`   | `v1 · guild id (u64 BE)`                               | [`GuildSettings`] JSON |
//! | `clubs`    | see [`Clubs`]: `v1 · guild · 0x00` settings, `v1 · guild · 0x01 · user` members | JSON |
//! | `message_authors` | `v1 · chat message id`                         | `logged_at µs (BE) · user id` ([`MessageAuthors`]) |
//!
//! `user` is length-prefixed (one byte, then the UTF-8 id) so that one user's
//! keys are a contiguous prefix and never a prefix of another user's. Times are
//! big-endian with the sign bit flipped, so byte order is time order and a
//! range scan walks a runner's logs from oldest to newest.

mod backup;
mod clubs;
mod contacts;
mod guilds;
mod keys;
mod message_authors;
mod records;

use std::path::Path;

use jiff::Timestamp;
use thiserror::Error;

pub use backup::{is_trailer as is_backup_trailer, BackupSummary};
pub use clubs::{Club, ClubSettings, Clubs};
pub use contacts::Contacts;
pub use guilds::{GuildSettings, Guilds};
pub use keys::{EntryKey, UserId};
pub use message_authors::MessageAuthors;
pub use records::{
    AdviceRecord, LogEntry, Profile, RestLog, RunLog, SafetyState, SleepLog, UserExport,
    WarningMark,
};

/// Version byte at the front of every key.
pub const KEY_VERSION: u8 = 1;

/// Written in the default tree when a database is created; its absence in a
/// non-empty database means sled could not read what is there. Its value is
/// the stored-data format ([`STORE_FORMAT`]) the database was last written in.
const FORMAT_KEY: &[u8] = b"cooldown/format";

/// The stored-data format this build reads and writes. Bump it with a step
/// in `migrate` (below) whenever the layout changes; an older database is migrated
/// at open, a newer one refused.
pub const STORE_FORMAT: u8 = 1;

/// What can go wrong with the database.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("the data directory {path} is in use by another Cooldown process (sled holds a lock on it); stop the other one or set COOLDOWN_DATA to another directory")]
    Locked { path: String },
    #[error("cannot open the data directory {path}: {source}")]
    Open {
        path: String,
        #[source]
        source: sled::Error,
    },
    #[error("the data directory {path} holds a database that cannot be read (damaged or not Cooldown's); move it aside and restore a backup, or point COOLDOWN_DATA elsewhere")]
    Unreadable { path: String },
    #[error("the data directory {path} holds stored-data format {found}, newer than this cooldown understands ({STORE_FORMAT}); run the newer version or restore a backup made for this one")]
    TooNew { path: String, found: u8 },
    #[error("stored-data format {found} was never released; restore a backup")]
    UnknownFormat { found: u8 },
    #[error("backup: {0}")]
    Backup(String),
    #[error("backup: {0}")]
    Io(#[from] std::io::Error),
    #[error("database error: {0}")]
    Db(#[from] sled::Error),
    #[error("a stored record is unreadable ({what}): {source}")]
    Corrupt {
        what: &'static str,
        #[source]
        source: serde_json::Error,
    },
}

/// The database: logs and profiles, per user.
#[derive(Clone)]
pub struct Store {
    db: sled::Db,
    logs: sled::Tree,
    profiles: sled::Tree,
    advice: sled::Tree,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").finish_non_exhaustive()
    }
}

impl Store {
    /// Opens (or creates) the database in `dir`. A directory already opened by
    /// another process is refused with [`StoreError::Locked`].
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        Store::open_with_cache(dir, crate::config::DEFAULT_CACHE_MB * 1024 * 1024)
    }

    /// [`Store::open`] with sled's page cache capped at `cache_bytes`.
    pub fn open_with_cache(dir: &Path, cache_bytes: u64) -> Result<Store, StoreError> {
        let path = dir.display().to_string();
        // sled quietly starts afresh on a database file it cannot read; a
        // non-empty file without our format marker is refused instead, so a
        // damaged database is never silently replaced by an empty one.
        let had_data = dir.join("db").metadata().is_ok_and(|m| m.len() > 0);
        let db = sled::Config::new()
            .path(dir)
            .cache_capacity(cache_bytes)
            .open()
            .map_err(|source| {
                if is_lock_error(&source) {
                    StoreError::Locked { path: path.clone() }
                } else {
                    StoreError::Open {
                        path: path.clone(),
                        source,
                    }
                }
            })?;
        match db.get(FORMAT_KEY)? {
            Some(found) => {
                let found = found.first().copied().unwrap_or(0);
                if found > STORE_FORMAT {
                    return Err(StoreError::TooNew { path, found });
                }
                if found < STORE_FORMAT {
                    migrate(&db, found)?;
                }
            }
            None if had_data => return Err(StoreError::Unreadable { path }),
            None => {
                db.insert(FORMAT_KEY, &[STORE_FORMAT])?;
                db.flush()?;
            }
        }
        Store::from_db(db)
    }

    /// A throwaway in-memory-backed database, for tests and benchmarks.
    pub fn temporary() -> Result<Store, StoreError> {
        Store::from_db(sled::Config::new().temporary(true).open()?)
    }

    fn from_db(db: sled::Db) -> Result<Store, StoreError> {
        Ok(Store {
            logs: db.open_tree("logs")?,
            profiles: db.open_tree("profiles")?,
            advice: db.open_tree("advice")?,
            db,
        })
    }

    /// Appends a log and flushes it to disk before returning.
    pub fn append(&self, user: &UserId, entry: &LogEntry) -> Result<EntryKey, StoreError> {
        let key = EntryKey::new(user, entry.logged_at, self.db.generate_id()?);
        let started = std::time::Instant::now();
        self.logs.insert(key.as_bytes(), to_json(entry))?;
        self.db.flush()?;
        crate::ops::metrics::store_committed(started.elapsed());
        Ok(key)
    }

    /// Replaces the log stored under `key` (an edited message), flushed.
    pub fn replace(&self, key: &EntryKey, entry: &LogEntry) -> Result<(), StoreError> {
        self.logs.insert(key.as_bytes(), to_json(entry))?;
        self.db.flush()?;
        Ok(())
    }

    /// Removes one log, flushed. Returns the entry that was removed.
    pub fn remove(&self, key: &EntryKey) -> Result<Option<LogEntry>, StoreError> {
        let old = self.logs.remove(key.as_bytes())?;
        self.db.flush()?;
        old.map(|v| from_json(&v, "log")).transpose()
    }

    /// The logs a user wrote at or after `since` (by the time they were
    /// logged), oldest first.
    pub fn logs_since(
        &self,
        user: &UserId,
        since: Timestamp,
    ) -> Result<Vec<(EntryKey, LogEntry)>, StoreError> {
        let start = EntryKey::new(user, since, 0);
        let end = EntryKey::user_end(user);
        self.logs
            .range(start.as_bytes().to_vec()..end)
            .map(|kv| {
                let (k, v) = kv?;
                Ok((EntryKey::from_bytes(&k), from_json(&v, "log")?))
            })
            .collect()
    }

    /// The most recently logged entry of a user.
    pub fn last_log(&self, user: &UserId) -> Result<Option<(EntryKey, LogEntry)>, StoreError> {
        let prefix = EntryKey::user_prefix(user);
        match self.logs.scan_prefix(prefix).next_back() {
            Some(kv) => {
                let (k, v) = kv?;
                Ok(Some((EntryKey::from_bytes(&k), from_json(&v, "log")?)))
            }
            None => Ok(None),
        }
    }

    /// The log that came from a given chat message (for edits and deletes).
    pub fn find_by_message(
        &self,
        user: &UserId,
        message_id: &str,
    ) -> Result<Option<(EntryKey, LogEntry)>, StoreError> {
        for kv in self.logs.scan_prefix(EntryKey::user_prefix(user)).rev() {
            let (k, v) = kv?;
            let entry: LogEntry = from_json(&v, "log")?;
            if entry.message_id.as_deref() == Some(message_id) {
                return Ok(Some((EntryKey::from_bytes(&k), entry)));
            }
        }
        Ok(None)
    }

    /// Remembers which tips a user was given. Not flushed on its own: it is
    /// written just before the log it answers, whose flush covers both.
    pub fn record_advice(&self, user: &UserId, record: &AdviceRecord) -> Result<(), StoreError> {
        let key = EntryKey::new(user, record.at, self.db.generate_id()?);
        self.advice.insert(key.as_bytes(), to_json(record))?;
        Ok(())
    }

    /// The tips a user was given at or after `since`, oldest first.
    pub fn advice_since(
        &self,
        user: &UserId,
        since: Timestamp,
    ) -> Result<Vec<AdviceRecord>, StoreError> {
        let start = EntryKey::new(user, since, 0);
        let end = EntryKey::user_end(user);
        self.advice
            .range(start.as_bytes().to_vec()..end)
            .values()
            .map(|v| from_json(&v?, "advice"))
            .collect()
    }

    /// A user's profile, or the default one if they never set anything.
    pub fn profile(&self, user: &UserId) -> Result<Profile, StoreError> {
        match self.profiles.get(user.profile_key())? {
            Some(v) => from_json(&v, "profile"),
            None => Ok(Profile::default()),
        }
    }

    /// Saves a profile, flushed.
    pub fn save_profile(&self, user: &UserId, profile: &Profile) -> Result<(), StoreError> {
        self.profiles.insert(user.profile_key(), to_json(profile))?;
        self.db.flush()?;
        Ok(())
    }

    /// Everything stored about one user.
    pub fn export(&self, user: &UserId) -> Result<UserExport, StoreError> {
        let logs = self
            .logs_since(user, Timestamp::MIN)?
            .into_iter()
            .map(|(_, e)| e)
            .collect();
        Ok(UserExport {
            user: user.as_str().to_owned(),
            profile: self.profile(user)?,
            logs,
            advice: self.advice_since(user, Timestamp::MIN)?,
            clubs: Clubs::open(self)?.memberships(user)?,
        })
    }

    /// Deletes everything stored about one user, flushed. Returns how many
    /// logs were removed.
    pub fn delete_user(&self, user: &UserId) -> Result<usize, StoreError> {
        let mut removed = 0;
        for key in self.logs.scan_prefix(EntryKey::user_prefix(user)).keys() {
            self.logs.remove(key?)?;
            removed += 1;
        }
        for key in self.advice.scan_prefix(EntryKey::user_prefix(user)).keys() {
            self.advice.remove(key?)?;
        }
        // Which chat messages were theirs goes too.
        MessageAuthors::open(self)?.forget_user(user)?;
        Clubs::open(self)?.forget_user(user)?;
        Contacts::open(self)?.forget(user)?;
        self.profiles.remove(user.profile_key())?;
        self.db.flush()?;
        Ok(removed)
    }

    /// Writes and flushes a marker, for the health check: proves the disk
    /// takes writes. Returns how long the commit took.
    pub fn probe_write(&self) -> Result<std::time::Duration, StoreError> {
        let started = std::time::Instant::now();
        let at = Timestamp::now().as_millisecond().to_be_bytes();
        self.db.insert(b"cooldown/health", &at)?;
        self.db.flush()?;
        let took = started.elapsed();
        crate::ops::metrics::store_committed(took);
        Ok(took)
    }

    /// Flushes every pending write (used at shutdown).
    pub fn flush(&self) -> Result<(), StoreError> {
        self.db.flush()?;
        Ok(())
    }

    /// The underlying database, for modules of this crate that keep their own
    /// trees (reminders). Never handed outside the storage layer's users.
    pub fn open_tree(&self, name: &str) -> Result<sled::Tree, StoreError> {
        Ok(self.db.open_tree(name)?)
    }
}

/// Brings a database written in an older format up to [`STORE_FORMAT`],
/// one step at a time, recording each step so an interrupted migration
/// resumes where it stopped. Format 1 is the first released layout, so no
/// step exists yet; when format 2 comes, it goes here as
/// `if from < 2 { rewrite_for_2(db)?; mark(db, 2)?; }`. A marker below 1 was
/// never written by a release and is refused.
fn migrate(db: &sled::Db, from: u8) -> Result<(), StoreError> {
    let _ = db;
    Err(StoreError::UnknownFormat { found: from })
}

/// Marks a database as written in `format`; for tests of the version check.
#[doc(hidden)]
pub fn set_format_for_test(dir: &Path, format: u8) -> Result<(), StoreError> {
    // sled lets go of its directory lock a moment after the last handle
    // drops: a store closed just before may still hold it.
    let mut tries = 0;
    let db = loop {
        match sled::Config::new().path(dir).open() {
            Ok(db) => break db,
            Err(_) if tries < 100 => {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(e) => return Err(e.into()),
        }
    };
    db.insert(FORMAT_KEY, &[format])?;
    db.flush()?;
    Ok(())
}

fn to_json<T: serde::Serialize>(value: &T) -> Vec<u8> {
    // Serialising our own plain records cannot fail (no maps with non-string
    // keys, no custom serialisers that error).
    serde_json::to_vec(value).unwrap_or_default()
}

fn from_json<T: serde::de::DeserializeOwned>(
    bytes: &[u8],
    what: &'static str,
) -> Result<T, StoreError> {
    serde_json::from_slice(bytes).map_err(|source| StoreError::Corrupt { what, source })
}

/// sled reports a held lock as an I/O error from `flock`; it has no variant
/// of its own, so we recognise it by kind and message.
fn is_lock_error(err: &sled::Error) -> bool {
    match err {
        sled::Error::Io(io) => {
            io.kind() == std::io::ErrorKind::WouldBlock
                || io.to_string().contains("lock")
                || io.raw_os_error() == Some(11)
        }
        _ => false,
    }
}
