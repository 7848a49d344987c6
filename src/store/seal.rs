//! The seal: how a store knows it lost writes it had made durable. sled recovers its log by
//! reading it in order and stops, silently, at the first message that fails its checksum or
//! at a missing part: a flipped bit or a file cut short loses every write after it, and the
//! store opens as if they had never been made (a cut file opened empty).
//!
//! Every write batch of the main tree carries the next number of a counter kept in the tree
//! itself (`Meta("commits")`, in the same atomic batch); after each flush, the number of the
//! last batch applied before it is written to a file beside sled's (`geochron.seal`). A store
//! that is whole always holds at least the sealed number, whatever crash came between: a
//! write is sealed only once durable. At open, a counter behind the seal means committed
//! writes were lost, and the store is refused as damaged until `check --repair` (which keeps
//! what can be read and seals that) or a restore.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::sync::PoisonError;
use std::sync::atomic::Ordering;

use crate::error::{Error, Result};

use super::Store;
use super::keys::Key;

/// The file beside sled's that holds the last sealed commit number.
const SEAL_FILE: &str = "geochron.seal";

/// The seal file's first line.
const SEAL_HEADER: &str = "geochron seal 1";

/// The counter's key.
fn commits_key() -> Vec<u8> {
    Key::Meta("commits".into()).encode()
}

/// The counter as stored: 8 bytes, big-endian.
pub(super) fn decode_commits(bytes: &[u8]) -> Result<u64> {
    let array: [u8; 8] = bytes
        .try_into()
        .map_err(|_| Error::Corrupt("the commit counter is not 8 bytes".into()))?;
    Ok(u64::from_be_bytes(array))
}

/// The commit number the seal file in `folder` holds; 0 when there is none (a fresh store, or
/// one written by a build before the seal).
pub(super) fn read_seal(folder: &Path) -> Result<u64> {
    let path = folder.join(SEAL_FILE);
    let text = match fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(source) => return Err(Error::Io { path, source }),
    };
    let mut lines = text.lines();
    let number = match (lines.next(), lines.next()) {
        (Some(SEAL_HEADER), Some(line)) => line
            .strip_prefix("commits ")
            .and_then(|n| n.trim().parse::<u64>().ok()),
        _ => None,
    };
    number.ok_or_else(|| {
        Error::Corrupt(format!(
            "{}: the seal file is not one geochron writes",
            path.display()
        ))
    })
}

/// Writes the seal file atomically (a new file renamed over the old, synced first).
fn write_seal(folder: &Path, commits: u64) -> Result<()> {
    let path = folder.join(SEAL_FILE);
    let fresh = folder.join(format!("{SEAL_FILE}.new"));
    let io = |source| Error::Io {
        path: path.clone(),
        source,
    };
    let mut file = fs::File::create(&fresh).map_err(io)?;
    write!(file, "{SEAL_HEADER}\ncommits {commits}\n").map_err(io)?;
    file.sync_all().map_err(io)?;
    fs::rename(&fresh, &path).map_err(io)?;
    Ok(())
}

impl Store {
    /// Applies one batch to the main tree with the next commit number in it. The writer lock
    /// must be held, so numbers are applied in order.
    pub(super) fn apply(&self, mut batch: sled::Batch) -> Result<()> {
        let next = self.books.applied.load(Ordering::Acquire) + 1;
        batch.insert(commits_key(), &next.to_be_bytes());
        self.db.apply_batch(batch)?;
        self.books.applied.store(next, Ordering::Release);
        Ok(())
    }

    /// Writes everything buffered to disk, then seals what was applied before.
    pub(super) fn flush_and_seal(&self) -> Result<()> {
        let durable = self.books.applied.load(Ordering::Acquire);
        self.db.flush()?;
        self.seal(durable)
    }

    /// Seals `commits` (durable now), unless a larger number is sealed already.
    fn seal(&self, commits: u64) -> Result<()> {
        let Some(folder) = &self.path else {
            return Ok(());
        };
        let mut sealed = self
            .books
            .sealed
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if commits > *sealed {
            write_seal(folder, commits)?;
            *sealed = commits;
        }
        Ok(())
    }

    /// Seals what the store holds now, whatever was sealed before: after a repair or a
    /// restore has made it whole again, losses accepted.
    pub(super) fn reseal(&self) -> Result<()> {
        let durable = self.books.applied.load(Ordering::Acquire);
        self.db.flush()?;
        if let Some(folder) = &self.path {
            write_seal(folder, durable)?;
            *self
                .books
                .sealed
                .lock()
                .unwrap_or_else(PoisonError::into_inner) = durable;
        }
        Ok(())
    }
}

/// What losing writes says: how many of the committed ones are gone.
pub(super) fn lost_writes(folder: &Path, stored: u64, sealed: u64) -> String {
    format!(
        "{}: the last {} of its {} committed writes were lost (its file was damaged or cut short); what they ingested or deleted must be done again",
        folder.display(),
        sealed - stored,
        sealed
    )
}
