//! The store boundary: every call into sled goes through here. sled 0.34 panics on some
//! damaged files (it asserts on what it reads back at open, in its snapshot code) and reports
//! others as `Corruption` with Debug text; here a panic inside sled is caught and both become
//! [`Error::Corrupt`] ("store damaged: …, run `geochron check`"), and an I/O failure becomes
//! a sentence naming the store ("the disk is full"). Nothing above this module sees a
//! `sled::Error` or a sled panic.
//!
//! The panic hook is chained once, so that a panic caught here is not also printed with a
//! backtrace; every other panic is printed as before.

use std::cell::Cell;
use std::io;
use std::ops::RangeBounds;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Once};

use sled::IVec;

use crate::error::{Error, Result};

thread_local! {
    /// How many guarded sled calls this thread is inside: the panic hook stays quiet then.
    static GUARDED: Cell<u32> = const { Cell::new(0) };
}

static QUIET_HOOK: Once = Once::new();

/// Chains the panic hook (once per process) so that panics inside a guarded sled call are not
/// printed: they come back as errors instead.
fn install_quiet_hook() {
    QUIET_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if GUARDED.with(Cell::get) == 0 {
                previous(info);
            }
        }));
    });
}

/// Runs one call into sled, turning a panic into [`Error::Corrupt`] and a sled error into
/// ours. `store` names the store in messages.
pub(super) fn guarded<T>(store: &Path, call: impl FnOnce() -> sled::Result<T>) -> Result<T> {
    install_quiet_hook();
    GUARDED.with(|g| g.set(g.get() + 1));
    let outcome = catch_unwind(AssertUnwindSafe(call));
    GUARDED.with(|g| g.set(g.get().saturating_sub(1)));
    match outcome {
        Ok(result) => result.map_err(|e| from_sled(store, e)),
        Err(panic) => Err(Error::Corrupt(format!(
            "{}: sled could not read it ({})",
            store.display(),
            panic_text(panic.as_ref())
        ))),
    }
}

/// The message a panic carried, if it was text.
fn panic_text(panic: &(dyn std::any::Any + Send)) -> String {
    let text = panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "an internal check failed".into());
    // sled's assertion messages can carry whole page dumps.
    match text.char_indices().nth(160) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text,
    }
}

/// A sled error as ours, in words.
pub(super) fn from_sled(store: &Path, error: sled::Error) -> Error {
    match error {
        sled::Error::Io(source) => io_error(store, source),
        sled::Error::Corruption { at, .. } => Error::Corrupt(match at {
            Some(at) => format!(
                "{}: a damaged page at byte {} of its file",
                store.display(),
                at.lid()
            ),
            None => format!("{}: a damaged page", store.display()),
        }),
        sled::Error::ReportableBug(what) => Error::Corrupt(format!(
            "{}: sled met what it cannot have written ({what})",
            store.display()
        )),
        sled::Error::Unsupported(what) => Error::Invalid(format!(
            "{}: sled refused the operation ({what})",
            store.display()
        )),
        sled::Error::CollectionNotFound(_) => Error::Corrupt(format!(
            "{}: a tree of the store is missing",
            store.display()
        )),
    }
}

/// An I/O failure of the store, as a sentence: a full disk says so and what to do.
pub(super) fn io_error(store: &Path, source: io::Error) -> Error {
    let source = match source.kind() {
        io::ErrorKind::StorageFull => io::Error::new(
            source.kind(),
            "the disk is full (free space, then run the command again: what was committed is kept)",
        ),
        io::ErrorKind::PermissionDenied => {
            io::Error::new(source.kind(), format!("permission denied ({source})"))
        }
        _ => source,
    };
    Error::Io {
        path: store.to_path_buf(),
        source,
    }
}

/// The file in a store's folder that remembers damage a command met, so that every later
/// command refuses the store until `check` finds it whole again or `check --repair` mends it
/// (a query that reads no damaged page would otherwise succeed on a store `stats` had found
/// damaged).
const DAMAGE_NOTE: &str = "geochron.damaged";

/// Remembers damage met in the store at `folder` (best effort: the error itself is reported
/// either way).
fn note_damage(folder: &Path, error: &Error) {
    if let Error::Corrupt(what) = error {
        let _ = std::fs::write(folder.join(DAMAGE_NOTE), format!("{what}\n"));
    }
}

/// What [`Store::damage`](super::Store::damage) adds to a damage note: it was met by an
/// earlier command, and a whole reading of the store may find it gone.
pub(super) const NOTED: &str = " (met by an earlier command)";

/// The damage an earlier command met in the store at `folder`, if any.
pub(super) fn damage_note(folder: &Path) -> Option<String> {
    std::fs::read_to_string(folder.join(DAMAGE_NOTE))
        .ok()
        .map(|text| text.trim().to_string())
}

/// Forgets the damage met in the store at `folder`: it was mended, or found not to be there.
pub(super) fn clear_damage_note(folder: &Path) -> Result<()> {
    match std::fs::remove_file(folder.join(DAMAGE_NOTE)) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(source) => Err(Error::Io {
            path: folder.join(DAMAGE_NOTE),
            source,
        }),
    }
}

/// One sled tree behind the guard: the methods the store uses, each returning our errors.
#[derive(Clone)]
pub(super) struct Tree {
    tree: sled::Tree,
    /// The store's folder (or a stand-in name for a temporary store), for messages.
    store: Arc<PathBuf>,
    /// The store's folder, where damage met is noted; `None` for a temporary store.
    folder: Option<Arc<PathBuf>>,
}

impl Tree {
    /// Guards `tree` of the store at `store` (`folder`, unless temporary).
    pub(super) fn new(tree: sled::Tree, store: Arc<PathBuf>, folder: Option<Arc<PathBuf>>) -> Tree {
        Tree {
            tree,
            store,
            folder,
        }
    }

    fn run<T>(&self, call: impl FnOnce(&sled::Tree) -> sled::Result<T>) -> Result<T> {
        let result = guarded(&self.store, || call(&self.tree));
        if let (Err(e), Some(folder)) = (&result, &self.folder) {
            note_damage(folder, e);
        }
        result
    }

    pub(super) fn get(&self, key: impl AsRef<[u8]>) -> Result<Option<IVec>> {
        self.run(|t| t.get(key))
    }

    pub(super) fn contains_key(&self, key: impl AsRef<[u8]>) -> Result<bool> {
        self.run(|t| t.contains_key(key))
    }

    pub(super) fn insert(&self, key: impl AsRef<[u8]>, value: impl Into<IVec>) -> Result<()> {
        self.run(|t| t.insert(key.as_ref(), value).map(|_| ()))
    }

    pub(super) fn apply_batch(&self, batch: sled::Batch) -> Result<()> {
        self.run(|t| t.apply_batch(batch))
    }

    pub(super) fn clear(&self) -> Result<()> {
        self.run(sled::Tree::clear)
    }

    pub(super) fn is_empty(&self) -> Result<bool> {
        self.run(|t| Ok(t.is_empty()))
    }

    pub(super) fn flush(&self) -> Result<()> {
        self.run(|t| t.flush().map(|_| ()))
    }

    /// The rows whose keys start with `prefix`, in key order.
    pub(super) fn scan_prefix(&self, prefix: impl AsRef<[u8]>) -> Rows {
        self.rows(|t| t.scan_prefix(prefix))
    }

    /// The rows in a key range, in key order.
    pub(super) fn range<K: AsRef<[u8]>, R: RangeBounds<K>>(&self, range: R) -> Rows {
        self.rows(|t| t.range(range))
    }

    /// Every row, in key order.
    pub(super) fn iter(&self) -> Rows {
        self.rows(sled::Tree::iter)
    }

    /// Visits every row of the tree that can be read, in key order, and says which key ranges
    /// cannot be: after a damaged page the scan starts again past it, at the next 1/256th of
    /// the key family it was in (the next family when that fails at once too).
    pub(super) fn readable(&self, mut visit: impl FnMut(&[u8], &[u8])) -> Vec<String> {
        let mut lost = Vec::new();
        let mut from: Vec<u8> = Vec::new();
        let mut skip_bytes = 2;
        loop {
            let mut last: Option<Vec<u8>> = None;
            let mut failed = None;
            for row in self.range(from.clone()..) {
                match row {
                    Ok((key, value)) => {
                        visit(&key, &value);
                        last = Some(key.to_vec());
                    }
                    Err(e) => {
                        failed = Some(e);
                        break;
                    }
                }
            }
            let Some(error) = failed else {
                return lost;
            };
            // No progress since the last restart: skip a larger part of the keys.
            skip_bytes = if last.is_some() { 2 } else { skip_bytes - 1 };
            let at = last.unwrap_or_else(|| from.clone());
            let next = (skip_bytes > 0)
                .then(|| next_prefix(&at, skip_bytes))
                .flatten();
            lost.push(match &next {
                Some(next) => format!(
                    "the rows after {} up to {} cannot be read ({error}): lost",
                    super::check::shown_key(&at),
                    super::check::shown_key(next)
                ),
                None => format!(
                    "the rows after {} cannot be read ({error}): lost",
                    super::check::shown_key(&at)
                ),
            });
            match next {
                Some(next) if next > from => from = next,
                _ => return lost,
            }
        }
    }

    fn rows(&self, start: impl FnOnce(&sled::Tree) -> sled::Iter) -> Rows {
        let tree = self.clone();
        match self.run(|t| Ok(start(t))) {
            Ok(iter) => Rows {
                iter: Some(iter),
                tree,
                failed: None,
            },
            Err(e) => Rows {
                iter: None,
                tree,
                failed: Some(e),
            },
        }
    }
}

/// A scan of rows behind the guard. After its first error it ends: sled's iterator would give
/// the same damaged page again.
pub(super) struct Rows {
    iter: Option<sled::Iter>,
    tree: Tree,
    failed: Option<Error>,
}

impl Rows {
    /// The keys alone.
    pub(super) fn keys(self) -> impl Iterator<Item = Result<IVec>> + Send {
        self.map(|row| row.map(|(key, _)| key))
    }

    /// The values alone.
    pub(super) fn values(self) -> impl Iterator<Item = Result<IVec>> + Send {
        self.map(|row| row.map(|(_, value)| value))
    }
}

impl Iterator for Rows {
    type Item = Result<(IVec, IVec)>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(error) = self.failed.take() {
            return Some(Err(error));
        }
        let iter = self.iter.as_mut()?;
        let row = self.tree.run(|_| iter.next().transpose());
        match row {
            Ok(Some(row)) => Some(Ok(row)),
            Ok(None) => {
                self.iter = None;
                None
            }
            Err(e) => {
                self.iter = None;
                Some(Err(e))
            }
        }
    }
}

/// The smallest key past every key that starts with the first `len` bytes of `key`; `None`
/// past the last.
fn next_prefix(key: &[u8], len: usize) -> Option<Vec<u8>> {
    let mut prefix: Vec<u8> = key
        .iter()
        .copied()
        .chain(std::iter::repeat(0))
        .take(len)
        .collect();
    while let Some(last) = prefix.pop() {
        if last < u8::MAX {
            prefix.push(last + 1);
            return Some(prefix);
        }
    }
    None
}
