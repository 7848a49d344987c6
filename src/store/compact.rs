//! Compaction: the store rewritten into a fresh sled file, every tree copied in key order,
//! then swapped in for the old file. Owns the swap and its recovery at open; never changes
//! a key or a value (the copy is byte for byte, the format marker and the commit counter
//! included, so the seal still matches).
//!
//! Why: sled 0.34 is a log of pages, and a load that writes keys in no order rewrites each
//! leaf many times; it cleans a segment only once half of it is garbage, so a loaded store
//! is 2.6 times its live bytes on disk. A copy in key order writes each leaf about once:
//! at a million events the store went from 2.6 to 1.66 times its live bytes (4,633 to
//! 2,957 B an event) and `Db::open` from 541 to 246 ms, for 115 s of rewriting (a third of
//! the load) in a process that opened the store; in the process that had just loaded it,
//! the same rewrite took 648 s (as queries there are slower too). A small store gains nothing: it has little garbage, and sorted inserts leave
//! sled's leaves half full (issue 20; the figures are in `benches/README.md`).
//!
//! The swap, in the store's folder, with the store's lock held throughout:
//!
//! 1. the copy is written and flushed in `compact.new/`;
//! 2. `compact.swap` is written (fsynced) holding `old`: from now on the copy is whole;
//! 3. sled's files (`db`, `conf`, `snap.*`, `blobs`) move into `compact.old/`;
//! 4. `compact.swap` becomes `new`; the copy's files move up into the folder;
//! 5. `compact.old/`, `compact.new/` and `compact.swap` are removed.
//!
//! A crash at any step is finished at the next open ([`finish_swap`]): without the marker
//! the copy is discarded (the old file never moved); with it, the step it names is done
//! again (each move is skipped once done) and the ones after it.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::error::{Error, Result};

use super::{Store, guard, writes};

/// The folder the copy is written in, inside the store's folder.
const NEW_DIR: &str = "compact.new";
/// The folder the old file moves to during the swap.
const OLD_DIR: &str = "compact.old";
/// The marker that the copy is whole; it names the step of the swap under way.
const MARKER: &str = "compact.swap";
/// sled's file of pages, in a store's folder.
const SLED_FILE: &str = "db";
/// Keys copied per sled batch.
const COPY_BATCH_KEYS: usize = 10_000;

/// What [`Store::compact`] did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CompactReport {
    /// Keys copied, every tree together.
    pub keys: u64,
    /// sled's files before, in bytes.
    pub bytes_before: u64,
    /// sled's files after, in bytes.
    pub bytes_after: u64,
    /// Seconds the copy and the swap took.
    pub seconds: f64,
}

impl Store {
    /// Rewrites the store into a fresh file in key order and swaps it in (see the module
    /// doc): the same keys and values; after a large load, a smaller file that opens faster. Consumes the store
    /// (sled's file must be closed to be replaced) and returns it opened again. A temporary
    /// store is returned as it is. Refused, touching nothing, on a store opened damaged:
    /// repair it first. On an error (a full disk during the copy) the store is closed as it
    /// was; the next open discards the partial copy.
    pub fn compact(self) -> Result<(Store, CompactReport)> {
        let Some(path) = self.path.clone() else {
            return Ok((self, CompactReport::default()));
        };
        if !self.damage().is_empty() {
            return Err(Error::Invalid(format!(
                "{}: a damaged store is not compacted; run `geochron check --repair` first",
                path.display()
            )));
        }
        let started = Instant::now();
        self.flush()?;
        let bytes_before = sled_bytes(&path);
        let new_dir = path.join(NEW_DIR);
        remove_if_there(&new_dir)?;
        let keys = {
            let copy = guard::guarded(&new_dir, || {
                writes::sled_config().path(&new_dir).create_new(true).open()
            })?;
            let keys = copy_trees(&self.sled, &copy, &path)?;
            guard::guarded(&new_dir, || copy.flush())?;
            keys
        };
        let lock = self.close_keeping_lock();
        write_marker(&path, "old")?;
        finish_swap(&path)?;
        let store = Store::reopen(path.clone(), lock)?;
        let bytes_after = sled_bytes(&path);
        Ok((
            store,
            CompactReport {
                keys,
                bytes_before,
                bytes_after,
                seconds: started.elapsed().as_secs_f64(),
            },
        ))
    }
}

/// Copies every tree of `from` into `to`, in key order, in batches; returns the keys copied.
fn copy_trees(from: &sled::Db, to: &sled::Db, shown: &Path) -> Result<u64> {
    let mut keys = 0;
    for name in from.tree_names() {
        let source = guard::guarded(shown, || from.open_tree(&name))?;
        let target = guard::guarded(shown, || to.open_tree(&name))?;
        let mut batch = sled::Batch::default();
        let mut in_batch = 0;
        for entry in source.iter() {
            let (key, value) = guard::guarded(shown, || entry)?;
            batch.insert(key, value);
            in_batch += 1;
            keys += 1;
            if in_batch == COPY_BATCH_KEYS {
                let full = std::mem::take(&mut batch);
                guard::guarded(shown, || target.apply_batch(full))?;
                in_batch = 0;
            }
        }
        guard::guarded(shown, || target.apply_batch(batch))?;
    }
    Ok(keys)
}

/// Whether `name`, in a store's folder, is one of sled's own files.
fn is_sled_file(name: &str) -> bool {
    matches!(name, "db" | "conf" | "blobs") || name.starts_with("snap.")
}

/// Finishes a swap a compaction left under way in `folder` (see the module doc), or
/// discards a copy it left without its marker; nothing to do for a folder without either.
/// Called with the store's lock held, before sled opens the folder.
pub(super) fn finish_swap(folder: &Path) -> Result<()> {
    let io = |source| guard::io_error(folder, source);
    let marker = folder.join(MARKER);
    let step = match fs::read_to_string(&marker) {
        Ok(step) => step,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            // The copy never became whole: the old file is the store.
            return remove_if_there(&folder.join(NEW_DIR));
        }
        Err(e) => return Err(io(e)),
    };
    let old_dir = folder.join(OLD_DIR);
    let new_dir = folder.join(NEW_DIR);
    let whole_copy = new_dir.join(SLED_FILE).exists();
    match step.trim() {
        // The copy's file must be there before the old one moves away.
        "old" if !whole_copy => return Err(lost_copy(folder)),
        "old" => {
            fs::create_dir_all(&old_dir).map_err(io)?;
            move_sled_files(folder, &old_dir)?;
            write_marker(folder, "new")?;
            move_sled_files(&new_dir, folder)?;
        }
        "new" => move_sled_files(&new_dir, folder)?,
        other => {
            return Err(Error::Corrupt(format!(
                "{}: the compaction marker `{MARKER}` says {other:?}; move `{OLD_DIR}/` back (it holds the store as it was before compacting) or `{NEW_DIR}/` (its compacted copy) into the folder by hand",
                folder.display()
            )));
        }
    }
    sync_dir(folder)?;
    // The old file is removed only once the copy's is in place.
    if !folder.join(SLED_FILE).exists() {
        return Err(lost_copy(folder));
    }
    remove_if_there(&old_dir)?;
    remove_if_there(&new_dir)?;
    fs::remove_file(&marker).map_err(io)?;
    sync_dir(folder)
}

/// A swap whose copy is missing: nothing is removed, and the store as it was is in
/// `compact.old/` (or still in place).
fn lost_copy(folder: &Path) -> Error {
    Error::Corrupt(format!(
        "{}: a compaction was interrupted and its copy `{NEW_DIR}/{SLED_FILE}` is missing; the store as it was before compacting is in the folder or in `{OLD_DIR}/`: move sled's files (`db`, `conf`, `snap.*`, `blobs`) from `{OLD_DIR}/` back into the folder and remove `{MARKER}`",
        folder.display()
    ))
}

/// Moves sled's files from `from` into `to` (those already moved are not in `from` any more).
fn move_sled_files(from: &Path, to: &Path) -> Result<()> {
    let io = |source| guard::io_error(from, source);
    let entries = match fs::read_dir(from) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(io(e)),
    };
    for entry in entries {
        let entry = entry.map_err(io)?;
        let name = entry.file_name();
        if name.to_str().is_some_and(is_sled_file) {
            fs::rename(entry.path(), to.join(&name)).map_err(io)?;
        }
    }
    sync_dir(to)
}

/// Writes the swap marker naming `step`, durably.
fn write_marker(folder: &Path, step: &str) -> Result<()> {
    let io = |source| guard::io_error(folder, source);
    let temporary = folder.join(format!("{MARKER}.tmp"));
    let mut file = fs::File::create(&temporary).map_err(io)?;
    file.write_all(step.as_bytes()).map_err(io)?;
    file.sync_all().map_err(io)?;
    fs::rename(&temporary, folder.join(MARKER)).map_err(io)?;
    sync_dir(folder)
}

/// Makes the renames in `folder` durable.
fn sync_dir(folder: &Path) -> Result<()> {
    #[cfg(unix)]
    fs::File::open(folder)
        .and_then(|dir| dir.sync_all())
        .map_err(|source| guard::io_error(folder, source))?;
    Ok(())
}

/// Removes a folder and what it holds, if it is there.
fn remove_if_there(dir: &Path) -> Result<()> {
    match fs::remove_dir_all(dir) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(guard::io_error(dir, e)),
    }
}

/// The bytes of sled's files in `folder`.
fn sled_bytes(folder: &Path) -> u64 {
    fn walk(path: PathBuf) -> u64 {
        match fs::metadata(&path) {
            Ok(m) if m.is_dir() => fs::read_dir(&path)
                .map(|entries| entries.flatten().map(|e| walk(e.path())).sum())
                .unwrap_or(0),
            Ok(m) => m.len(),
            Err(_) => 0,
        }
    }
    fs::read_dir(folder)
        .map(|entries| {
            entries
                .flatten()
                .filter(|e| e.file_name().to_str().is_some_and(is_sled_file))
                .map(|e| walk(e.path()))
                .sum()
        })
        .unwrap_or(0)
}
