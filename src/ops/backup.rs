//! `cooldown backup FILE` while the bot runs. sled locks its directory, so a
//! second process cannot read it; the running bot instead listens on a Unix
//! socket inside the data directory (reachable only by whoever may read the
//! data) and writes a backup to each connection. When no bot runs, the
//! backup command opens the store itself.

use std::io::{BufReader, Write};
use std::path::{Path, PathBuf};

use crate::store::{BackupSummary, Store, StoreError};

/// The socket's name inside the data directory.
const SOCKET_NAME: &str = "backup.sock";

/// Where the running bot listens for backup requests.
pub fn socket_path(data_dir: &Path) -> PathBuf {
    data_dir.join(SOCKET_NAME)
}

/// Serves backups of `store` on the data directory's socket, on a thread of
/// its own (a backup is blocking file work). A failure to listen is logged
/// and leaves the bot running: backups are then taken with the bot stopped.
#[cfg(unix)]
pub fn serve(store: Store, data_dir: &Path) {
    use std::os::unix::net::UnixListener;
    let path = socket_path(data_dir);
    // A socket left by a process that died; we hold the store's lock, so no
    // other bot is using it.
    let _ = std::fs::remove_file(&path);
    let listener = match UnixListener::bind(&path) {
        Ok(l) => l,
        Err(e) => {
            tracing::warn!(error = %e, path = %path.display(), "cannot listen for backups; stop the bot to back up");
            return;
        }
    };
    let spawned = std::thread::Builder::new()
        .name("backup".into())
        .spawn(move || {
            for conn in listener.incoming() {
                let Ok(conn) = conn else { continue };
                match store.write_backup(std::io::BufWriter::new(conn)) {
                    Ok(s) => tracing::info!(records = s.records, "backup taken"),
                    Err(e) => tracing::warn!(error = %e, "backup failed"),
                }
            }
        });
    if let Err(e) = spawned {
        tracing::warn!(error = %e, "cannot start the backup thread");
    }
}

#[cfg(not(unix))]
pub fn serve(_store: Store, _data_dir: &Path) {}

/// Writes a backup of the store in `data_dir` to `file`: through the running
/// bot if it holds the store, else directly. The file appears only when the
/// backup is complete (written beside it, then renamed).
pub fn take(data_dir: &Path, file: &Path) -> Result<BackupSummary, StoreError> {
    let partial = file.with_extension("partial");
    let result = take_into(data_dir, &partial);
    match result {
        Ok(summary) => {
            std::fs::rename(&partial, file)?;
            Ok(summary)
        }
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            Err(e)
        }
    }
}

fn take_into(data_dir: &Path, partial: &Path) -> Result<BackupSummary, StoreError> {
    if !data_dir.is_dir() {
        return Err(StoreError::Backup(format!(
            "{} is not a data directory",
            data_dir.display()
        )));
    }
    let out = std::io::BufWriter::new(std::fs::File::create(partial)?);
    match Store::open(data_dir) {
        Ok(store) => store.write_backup(out),
        Err(StoreError::Locked { .. }) => from_running_bot(data_dir, out),
        Err(e) => Err(e),
    }
}

#[cfg(unix)]
fn from_running_bot(data_dir: &Path, mut out: impl Write) -> Result<BackupSummary, StoreError> {
    use std::io::BufRead;
    let path = socket_path(data_dir);
    let conn = std::os::unix::net::UnixStream::connect(&path).map_err(|e| {
        StoreError::Backup(format!(
            "the bot holds {} but does not answer on {} ({e})",
            data_dir.display(),
            path.display()
        ))
    })?;
    let mut lines = 0;
    let mut complete = false;
    for line in BufReader::new(conn).lines() {
        let line = line?;
        writeln!(out, "{line}")?;
        lines += 1;
        complete = crate::store::is_backup_trailer(&line);
    }
    out.flush()?;
    if !complete {
        return Err(StoreError::Backup(
            "the bot's backup stopped before its end; try again".into(),
        ));
    }
    // Less the header and the end line.
    Ok(BackupSummary {
        trees: 0,
        records: lines - 2,
    })
}

#[cfg(not(unix))]
fn from_running_bot(data_dir: &Path, _out: impl Write) -> Result<BackupSummary, StoreError> {
    Err(StoreError::Locked {
        path: data_dir.display().to_string(),
    })
}

/// Restores `file` into `data_dir`, which must be missing or empty.
pub fn restore(file: &Path, data_dir: &Path) -> Result<BackupSummary, StoreError> {
    let input = BufReader::new(std::fs::File::open(file)?);
    Store::restore(data_dir, input)
}
