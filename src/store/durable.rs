//! What makes a write count: the flush, a commit number that proves how far
//! the history on disk reaches, and what happens once the disk refuses.
//!
//! Every flush first bumps a commit number kept in sled, and once the flush
//! returns, mirrors it into a small sidecar file beside the data (written to
//! a temporary file and renamed; no fsync: after a crash the sidecar may lag
//! sled, never lead it). At open, a sled whose number is below the sidecar's
//! lost history it had acknowledged: damage, refused.
//!
//! sled cannot take a write back once its flush failed: it keeps the insert
//! in memory and refuses every later write (its "global error"). So after
//! the first refused flush the store answers nothing more, reads included
//! (a refused log must never show up in `stats`), and says so to whoever
//! watches [`Store::failed`], so that the process stops and its supervisor
//! starts it again on what is really on disk.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tokio::sync::watch;

use super::{Store, StoreError};

/// Key of the commit number in sled's default tree (u64, big-endian).
pub(super) const SEQ_KEY: &[u8] = b"cooldown/commit";

/// The sidecar's name inside the data directory.
pub const SIDECAR_NAME: &str = "commit.seq";

/// The sidecar, and whether the disk already refused a write.
#[derive(Debug)]
pub(super) struct Durability {
    sidecar: Option<PathBuf>,
    /// The highest number mirrored so far (mirrors never go backwards).
    mirrored: Mutex<u64>,
    failure: watch::Sender<Option<String>>,
}

impl Durability {
    pub(super) fn new(dir: Option<&Path>, mirrored: u64) -> Durability {
        Durability {
            sidecar: dir.map(|d| d.join(SIDECAR_NAME)),
            mirrored: Mutex::new(mirrored),
            failure: watch::Sender::new(None),
        }
    }

    /// Writes `seq` into the sidecar unless a higher number is there already.
    /// A sidecar that cannot be written only lags: warned, not fatal.
    fn mirror(&self, seq: u64) {
        let Some(path) = &self.sidecar else { return };
        let Ok(mut mirrored) = self.mirrored.lock() else {
            return;
        };
        if seq <= *mirrored {
            return;
        }
        match write_sidecar(path, seq) {
            Ok(()) => *mirrored = seq,
            Err(e) => tracing::warn!(error = %e, "cannot update the commit sidecar"),
        }
    }
}

/// Reads the sidecar in `dir`: `None` when there is none (a new directory,
/// or one written by an older version) or it is empty (cut by a crash).
pub(super) fn read_sidecar(dir: &Path) -> Result<Option<u64>, StoreError> {
    let path = dir.join(SIDECAR_NAME);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.strip_prefix("cooldown commit ")
        .and_then(|n| n.parse().ok())
        .map(Some)
        .ok_or_else(|| StoreError::Damaged {
            path: dir.display().to_string(),
            detail: format!("{SIDECAR_NAME} is not a commit number"),
        })
}

/// Replaces the sidecar in one rename, so it is never seen half-written.
pub(super) fn write_sidecar(path: &Path, seq: u64) -> std::io::Result<()> {
    let tmp = path.with_extension("seq.tmp");
    std::fs::write(&tmp, format!("cooldown commit {seq}\n"))?;
    std::fs::rename(&tmp, path)
}

/// The commit number sled holds.
pub(super) fn sled_seq(db: &sled::Db) -> Result<u64, StoreError> {
    Ok(db.get(SEQ_KEY)?.map_or(0, |v| decode(&v)))
}

fn decode(v: &[u8]) -> u64 {
    v.try_into().map_or(0, u64::from_be_bytes)
}

/// Makes every write so far durable: bumps the commit number, flushes,
/// then mirrors the number. The first failure stops the store for good (see
/// the module doc). The committer calls it, once for a whole group.
pub(super) fn flush(db: &sled::Db, durability: &Durability) -> Result<(), sled::Error> {
    let seq = db
        .update_and_fetch(SEQ_KEY, |old| {
            Some((old.map_or(0, decode) + 1).to_be_bytes().to_vec())
        })
        .and_then(|seq| {
            db.flush()?;
            Ok(seq.map_or(0, |v| decode(&v)))
        });
    match seq {
        Ok(seq) => {
            durability.mirror(seq);
            Ok(())
        }
        Err(e) => {
            // sled wraps the OS error in its debug form; its kind reads
            // better ("no storage space").
            let cause = match &e {
                sled::Error::Io(io) => io.kind().to_string(),
                other => other.to_string(),
            };
            tracing::error!(error = %cause, "the disk refused a write; the store stops");
            durability.failure.send_replace(Some(cause));
            Err(e)
        }
    }
}

impl Store {
    /// Refuses reads and writes once a flush has failed: what sled holds in
    /// memory may then include writes that were never saved.
    pub(crate) fn ensure_usable(&self) -> Result<(), StoreError> {
        match &*self.durability.failure.borrow() {
            Some(cause) => Err(StoreError::Stopped {
                cause: cause.clone(),
            }),
            None => Ok(()),
        }
    }

    /// Why the store stopped, if the disk refused a write.
    pub fn write_failure(&self) -> Option<String> {
        self.durability.failure.borrow().clone()
    }

    /// Resolves once the disk refuses a write (never, if it does not).
    pub fn failed(&self) -> impl std::future::Future<Output = String> + Send + 'static {
        let mut rx = self.durability.failure.subscribe();
        async move {
            let cause = match rx.wait_for(Option::is_some).await {
                Ok(cause) => cause.clone(),
                Err(_) => None,
            };
            match cause {
                Some(cause) => cause,
                // The store is gone: nothing more can fail.
                None => std::future::pending().await,
            }
        }
    }

    /// The commit number of the last flush (0 for a new store).
    pub fn commit_seq(&self) -> Result<u64, StoreError> {
        sled_seq(&self.db)
    }
}
