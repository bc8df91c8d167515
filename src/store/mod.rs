//! Everything Cooldown remembers, in one sled database.
//!
//! Nothing else in the crate opens sled: the rest of the code sees typed
//! records ([`LogEntry`], [`Profile`]) and a few queries. Every write that the
//! bot will report as "logged" is flushed to disk before the call returns;
//! writers that flush at the same time share one flush (`commit.rs`).
//!
//! # Key layout
//!
//! Keys start with a version byte. A key that names a runner names them by
//! a random pseudonym ([`RUNNER_KEY_VERSION`] 2), never by their chat id,
//! and every value about a runner is sealed with their own key: both live
//! in the keyring file beside sled ([`KEYRING_NAME`]), so deleting a runner's
//! line there makes what sled's log still holds of them unreadable.
//!
//! | tree       | key                                                   | value            |
//! |------------|-------------------------------------------------------|------------------|
//! | `logs`     | `v2 · pseudonym (16) · logged_at (i64 µs, BE, sign-flipped) · id (u64 BE)` | sealed [`LogEntry`] JSON |
//! | `profiles` | `v2 · pseudonym`                                      | sealed [`Profile`] JSON  |
//! | `advice`   | same layout as `logs`, keyed by when the tips were given | sealed [`AdviceRecord`] JSON |
//! | `contacts` | `v2 · pseudonym`                                      | sealed greeting time |
//! | `guilds`   | `v1 · guild id (u64 BE)`                               | [`GuildSettings`] JSON |
//! | `clubs`    | see [`Clubs`]: `v1 · guild · 0x00` settings, `v1 · guild · 0x02 · pseudonym` members | JSON, members sealed |
//! | `message_authors` | `v1 · chat message id`                         | `logged_at µs (BE) · pseudonym` ([`MessageAuthors`]) |
//! | `reminders`, `reminders_due` | see `reminders.rs`: by pseudonym        | sealed |
//!
//! Times are big-endian with the sign bit flipped, so byte order is time
//! order and a range scan walks a runner's logs from oldest to newest.

mod backup;
mod check;
mod clubs;
mod commit;
mod contacts;
mod durable;
mod gate;
mod guilds;
mod keyring;
mod keys;
mod message_authors;
mod migrate;
mod reminders;
mod runners;
mod seal;

use std::path::Path;

use jiff::Timestamp;
use thiserror::Error;

use backup::{hex, unhex};

pub use crate::model::{
    AdviceRecord, LogEntry, Profile, RestLog, RunLog, SafetyState, SleepLog, UserExport,
    WarningMark,
};
pub use backup::{is_trailer as is_backup_trailer, BackupSummary};
pub use check::CheckSummary;
pub use clubs::{Club, ClubSettings, Clubs, Member, Membership};
pub use contacts::Contacts;
pub use gate::WriteScope;
pub use guilds::{GuildSettings, Guilds};
pub use keyring::{RunnerKey, KEYRING_NAME};
pub use keys::{EntryKey, UserId};
pub use message_authors::MessageAuthors;
pub use seal::RUNNER_KEY_VERSION;

/// Version byte at the front of every key.
pub const KEY_VERSION: u8 = 1;

/// Written in the default tree when a database is created; its absence in a
/// non-empty database means sled could not read what is there. Its value is
/// the stored-data format ([`STORE_FORMAT`]) the database was last written in.
const FORMAT_KEY: &[u8] = b"cooldown/format";

/// The stored-data format this build reads and writes. Bump it with a step
/// in `migrate` (below) whenever the layout changes; an older database is migrated
/// at open, a newer one refused.
pub const STORE_FORMAT: u8 = 2;

/// What can go wrong with the database.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("the data directory {path} is in use by another Cooldown process (sled holds a lock on it); stop the other one or set COOLDOWN_DATA to another directory")]
    Locked { path: String },
    // The cause is in the message, not chained as a source: `{:#}` would
    // print it twice.
    #[error("cannot open the data directory {path}: {cause}")]
    Open { path: String, cause: sled::Error },
    #[error("the data directory {path} is damaged ({detail}); stop cooldown and restore the last backup: `cooldown restore FILE --data NEW_DIR`, then point COOLDOWN_DATA at NEW_DIR")]
    Damaged { path: String, detail: String },
    #[error("the disk refused a write ({cause}); nothing more is saved until cooldown restarts")]
    Stopped { cause: String },
    #[error("the data directory {path} holds a database that cannot be read (damaged or not Cooldown's); move it aside and restore a backup, or point COOLDOWN_DATA elsewhere")]
    Unreadable { path: String },
    #[error("the data directory {path} holds stored-data format {found}, newer than this cooldown understands ({STORE_FORMAT}); run the newer version or restore a backup made for this one")]
    TooNew { path: String, found: u8 },
    #[error("stored-data format {found} was never released; restore a backup")]
    UnknownFormat { found: u8 },
    #[error("a stored record fails its check (tree {tree}, key {key}): the data directory is damaged; restore the last backup")]
    DamagedRecord { tree: String, key: String },
    #[error("backup: {0}")]
    Backup(String),
    #[error("backup: {0}")]
    Io(#[from] std::io::Error),
    #[error("database error: {0}")]
    Db(#[from] sled::Error),
    #[error("a stored record is unreadable ({what}): {cause}")]
    Corrupt {
        what: &'static str,
        cause: serde_json::Error,
    },
}

/// The database: logs and profiles, per user.
#[derive(Clone)]
pub struct Store {
    db: sled::Db,
    logs: sled::Tree,
    profiles: sled::Tree,
    advice: sled::Tree,
    reminder_records: sled::Tree,
    reminders_due: sled::Tree,
    durability: std::sync::Arc<durable::Durability>,
    keyring: keyring::Keyring,
    /// Every flush goes through it, so concurrent writers share flushes.
    commit: std::sync::Arc<commit::Committer>,
    /// Held shared by every change, alone by a backup (see `gate.rs`).
    gate: gate::Gate,
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
        let db = open_sled(dir, cache_bytes).map_err(|source| {
            if is_lock_error(&source) {
                StoreError::Locked { path: path.clone() }
            } else if had_data && is_damage(&source) {
                StoreError::Damaged {
                    path: path.clone(),
                    // sled's own words carry a backtrace: say what it means.
                    detail: "sled's files fail their checksums or end too soon".into(),
                }
            } else {
                StoreError::Open {
                    path: path.clone(),
                    cause: source,
                }
            }
        })?;
        let keyring_there = keyring::Keyring::exists(dir);
        let keyring = keyring::Keyring::load(dir)?;
        match db.get(FORMAT_KEY)? {
            Some(found) => {
                let found = found.first().copied().unwrap_or(0);
                if found > STORE_FORMAT {
                    return Err(StoreError::TooNew { path, found });
                }
                if found >= 2 && !keyring_there {
                    return Err(StoreError::Damaged {
                        path,
                        detail: format!(
                            "the file {KEYRING_NAME} is missing: no runner's records can be read"
                        ),
                    });
                }
                if found < STORE_FORMAT {
                    migrate::migrate(&db, &keyring, found)?;
                }
            }
            None if had_data => return Err(StoreError::Unreadable { path }),
            None => {
                keyring.save_now()?;
                db.insert(FORMAT_KEY, &[STORE_FORMAT])?;
                db.flush()?;
            }
        }
        if let Err(e) = restrict_permissions(dir) {
            // A volume owned by someone else (a container's mount) refuses
            // chmod; the umask still covers what this process creates.
            tracing::warn!(error = %e, path = %dir.display(), "cannot make the data directory private");
        }
        // The sidecar holds the last commit number acknowledged; a sled
        // that recovered less lost history (a damaged or cut file).
        let on_disk = durable::sled_seq(&db)?;
        if let Some(acknowledged) = durable::read_sidecar(dir)? {
            if on_disk < acknowledged {
                return Err(StoreError::Damaged {
                    path,
                    detail: format!("its history stops at commit {on_disk}, but commit {acknowledged} was saved; later logs are lost"),
                });
            }
        }
        Store::from_db(db, Some(dir), keyring)
    }

    /// A throwaway in-memory-backed database, for tests and benchmarks.
    pub fn temporary() -> Result<Store, StoreError> {
        let db = sled::Config::new().temporary(true).open()?;
        Store::from_db(db, None, keyring::Keyring::memory())
    }

    fn from_db(
        db: sled::Db,
        dir: Option<&Path>,
        keyring: keyring::Keyring,
    ) -> Result<Store, StoreError> {
        let seq = durable::sled_seq(&db)?;
        let durability = std::sync::Arc::new(durable::Durability::new(dir, seq));
        Ok(Store {
            logs: db.open_tree("logs")?,
            profiles: db.open_tree("profiles")?,
            advice: db.open_tree("advice")?,
            reminder_records: db.open_tree("reminders")?,
            reminders_due: db.open_tree("reminders_due")?,
            durability: durability.clone(),
            keyring,
            commit: {
                let db = db.clone();
                std::sync::Arc::new(commit::Committer::new(move || {
                    durable::flush(&db, &durability)
                }))
            },
            db,
            gate: gate::Gate::default(),
        })
    }

    /// Writes and flushes a marker, for the health check: proves the disk
    /// takes writes. Returns how long the commit took.
    pub fn probe_write(&self) -> Result<std::time::Duration, StoreError> {
        let _scope = self.write_scope();
        let started = std::time::Instant::now();
        let at = Timestamp::now().as_millisecond().to_be_bytes();
        self.db.insert(b"cooldown/health", &at)?;
        self.flush()?;
        Ok(started.elapsed())
    }

    /// Returns once every write made before the call is on disk; writers
    /// calling at once share one flush (see `commit.rs`). Every write method
    /// of the storage layer ends with it, so the commit latency metric is
    /// recorded here, once for every kind of write. Once the disk refused a
    /// flush the store stops (see `durable.rs`).
    pub fn flush(&self) -> Result<(), StoreError> {
        self.ensure_usable()?;
        let started = std::time::Instant::now();
        self.commit.commit()?;
        crate::ops::metrics::store_committed(started.elapsed());
        Ok(())
    }

    /// Holds off backups while it lives: every change to the data is made
    /// under one, and an engine event holds one for all its changes, so a
    /// backup never sees half of an event (see `gate.rs`).
    pub fn write_scope(&self) -> WriteScope<'_> {
        self.gate.write_scope()
    }

    /// Switches group commit off (one flush per write, as before it
    /// existed) or back on: for the benchmark that compares the two.
    #[doc(hidden)]
    pub fn set_group_commit(&self, grouped: bool) {
        self.commit.set_grouped(grouped);
    }

    /// One of the database's trees, for the storage modules beside this
    /// one (nothing outside the store sees sled).
    fn open_tree(&self, name: &str) -> Result<sled::Tree, StoreError> {
        Ok(self.db.open_tree(name)?)
    }
}

/// The data directory is the owner's alone (0700), and so is every file in
/// it (0600): it holds runners' health data. New files follow the process
/// umask, which the binary sets to 0077.
fn restrict_permissions(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
        for entry in std::fs::read_dir(dir)? {
            let entry = entry?;
            let mode = if entry.file_type()?.is_dir() {
                0o700
            } else {
                0o600
            };
            std::fs::set_permissions(entry.path(), std::fs::Permissions::from_mode(mode))?;
        }
    }
    let _ = dir;
    Ok(())
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
    serde_json::from_slice(bytes).map_err(|cause| StoreError::Corrupt { what, cause })
}

/// What sled says when its files do not read back: a checksum or a
/// length that does not add up.
fn is_damage(err: &sled::Error) -> bool {
    match err {
        sled::Error::Corruption { .. } => true,
        sled::Error::Io(io) => matches!(
            io.kind(),
            std::io::ErrorKind::UnexpectedEof | std::io::ErrorKind::InvalidData
        ),
        _ => false,
    }
}

/// sled reports a held lock as an I/O error from `flock`; it has no variant
/// of its own, so we recognise it by kind and message.
/// How long [`open_sled`] waits for a lock to be let go before it says the
/// directory is in use.
const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(2);

/// Opens sled in `dir`, waiting up to [`LOCK_WAIT`] for its lock. sled's
/// background threads let go of the directory a moment after the last handle
/// is dropped, so a store closed just before in this process (a restore, a
/// test's "restart") or a bot that is still exiting can hold it briefly; a
/// bot that is really running holds it for longer and is refused.
fn open_sled(dir: &Path, cache_bytes: u64) -> Result<sled::Db, sled::Error> {
    let started = std::time::Instant::now();
    loop {
        match sled::Config::new()
            .path(dir)
            .cache_capacity(cache_bytes)
            .open()
        {
            Err(e) if is_lock_error(&e) && started.elapsed() < LOCK_WAIT => {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            other => return other,
        }
    }
}

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
