//! Opening a store and everything that changes it: putting and deleting articles, flushing.
//! Every change of an article is one `sled::Batch`, built from `index::index_keys`.

use std::collections::HashSet;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, mpsc};

use crate::error::{Error, Result};
use crate::model::{Article, ArticleId, Event};

use chrono::{DateTime, Utc};

use super::codec::{
    decode_article, decode_event, decode_format, decode_row, encode_article, encode_format,
    encode_row,
};
use super::index::{IndexValues, index_keys, index_value};
use super::keys::{Key, KeyPrefix};
use super::migrate::MIGRATES_FROM;
use super::rollup::{self, Deltas};
use super::{FORMAT_VERSION, Store, guard, seal};

/// Keys per batch when bulk loading: big enough to amortise a batch, small enough to keep
/// memory flat (DESIGN.md, "Storage").
const BULK_BATCH_KEYS: usize = 1000;

/// The file in the store's folder whose lock keeps a second process out.
const LOCK_FILE: &str = "geochron.lock";

/// sled's data file in the store's folder.
const SLED_FILE: &str = "db";

/// The most a sled file holds before its first write (96 bytes measured: its metadata): a
/// larger file that reads back empty was damaged, a smaller one is a store whose creation
/// was cut short before its format marker.
const FRESH_FILE_BYTES: u64 = 4096;

/// The largest store file read whole at open, to find damage sled does not report (a scan
/// of this much takes some 0.1 s here). Larger stores are read whole by `check`; their
/// other commands find damage in what they read.
const VERIFY_AT_OPEN_BYTES: u64 = 32 << 20;

/// One encoded key and value.
type Row = (Vec<u8>, Vec<u8>);

/// Batches the encoding thread of a load may have ready before the writer takes them.
const BATCHES_AHEAD: usize = 2;

/// Whole articles encoded for one `sled::Batch`, with the rollup changes they bring.
#[derive(Default)]
struct EncodedBatch {
    batch: sled::Batch,
    deltas: Deltas,
    /// How many articles it stores.
    articles: usize,
}

/// The sled settings measured on the project's machines (see DESIGN.md, "Storage").
pub(super) fn sled_config() -> sled::Config {
    sled::Config::new()
        .cache_capacity(256 * 1024 * 1024)
        .mode(sled::Mode::HighThroughput)
        .flush_every_ms(Some(1000))
        .use_compression(false)
}

impl Store {
    /// Opens the store in the folder `path`, creating it if needed.
    ///
    /// Fails with [`Error::Locked`] at once if another process (or another `Store` in this
    /// one) has it open, with [`Error::FormatVersion`] if another format wrote it (a store of
    /// a format in [`super::MIGRATES_FROM`] is rewritten in place instead, see `migrate`), and with
    /// [`Error::Corrupt`] if it is damaged: sled cannot read its file back, or the file lost
    /// writes it had committed (see [`seal`]). Open a damaged store with
    /// [`Store::open_damaged`] to check, repair or dump it.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        Store::open_with(path.as_ref(), false)
    }

    /// Opens a store however damaged it is, for `check`, `check --repair` and `dump`: what
    /// [`Store::open`] refuses is listed by [`Store::damage`] instead, and nothing is written
    /// until [`Store::repair`]. Fails only when sled cannot read the file at all.
    pub fn open_damaged(path: impl AsRef<Path>) -> Result<Store> {
        Store::open_with(path.as_ref(), true)
    }

    fn open_with(path: &Path, damaged: bool) -> Result<Store> {
        let path = path.to_path_buf();
        let io_error = |source| Error::Io {
            path: path.clone(),
            source,
        };
        fs::create_dir_all(&path).map_err(io_error)?;
        // sled's own lock gives only an I/O error with a message; ours gives `Locked`, and is
        // taken first so sled never sees the contention.
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .read(true)
            .write(true)
            .open(path.join(LOCK_FILE))
            .map_err(io_error)?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => return Err(Error::Locked { path }),
            Err(TryLockError::Error(source)) => return Err(io_error(source)),
        }
        // A compaction a crash interrupted is finished (or its copy discarded) first.
        super::compact::finish_swap(&path)?;
        Store::open_locked(path, lock, damaged)
    }

    /// Opens sled in `path`, whose lock this process holds (`lock`), and checks the store.
    fn open_locked(path: PathBuf, lock: File, damaged: bool) -> Result<Store> {
        refuse_full_disk(&path)?;
        // What the folder held before sled looks at it: a file sled reads back as empty is
        // damage, not a fresh store.
        let file_bytes = fs::metadata(path.join(SLED_FILE)).map_or(0, |m| m.len());
        let db = open_sled(&path)?;
        Store::init(db, Some(path), Some(lock), file_bytes, damaged)
    }

    /// Opens the store at `path` again, with the lock the closed one held ([`Store::compact`]).
    pub(super) fn reopen(path: PathBuf, lock: Option<File>) -> Result<Store> {
        match lock {
            Some(lock) => Store::open_locked(path, lock, false),
            None => Store::open(path),
        }
    }

    /// Closes the store (flushed and sealed, as on drop) but keeps its lock, returned.
    pub(super) fn close_keeping_lock(mut self) -> Option<File> {
        let lock = self._lock.take();
        drop(self);
        lock
    }

    /// A store that lives in a temporary folder and disappears when dropped; for tests and
    /// one-off runs.
    pub fn temporary() -> Result<Store> {
        let shown = Path::new("(temporary store)");
        let db = guard::guarded(shown, || sled_config().temporary(true).open())?;
        Store::init(db, None, None, 0, false)
    }

    /// Writes the format marker into a fresh store, or checks the one already there, and
    /// compares the commit counter with the seal. `file_bytes` is the size sled's file had
    /// before it was opened; with `damaged`, damage is recorded instead of refused.
    fn init(
        sled: sled::Db,
        path: Option<PathBuf>,
        lock: Option<File>,
        file_bytes: u64,
        damaged: bool,
    ) -> Result<Store> {
        let shown = Arc::new(
            path.clone()
                .unwrap_or_else(|| PathBuf::from("(temporary store)")),
        );
        let folder = path.clone().map(Arc::new);
        let db = guard::Tree::new((*sled).clone(), Arc::clone(&shown), folder.clone());
        let rollups = guard::guarded(&shown, || sled.open_tree(rollup::TREE))?;
        let rollups = guard::Tree::new(rollups, Arc::clone(&shown), folder);
        let sealed = match &path {
            Some(folder) => seal::read_seal(folder)?,
            None => 0,
        };
        let mut found: Vec<String> = Vec::new();
        // Opened as damaged, a store whose first reads fail is still opened: they are
        // noted, and check, repair and dump read what else they can.
        let unreadable = |e: Error, found: &mut Vec<String>| -> Result<()> {
            if damaged {
                found.push(e.to_string());
                Ok(())
            } else {
                Err(e)
            }
        };
        let format_key = Key::Meta("format".into()).encode();
        let mut rewrite = false;
        match db.get(&format_key).and_then(|f| Ok((f, db.is_empty()?))) {
            Err(e) => unreadable(e, &mut found)?,
            Ok((Some(bytes), _)) => {
                let format = decode_format(&bytes)?;
                // The format before this one is rewritten in place (not while damaged: a
                // damaged store is only read until repaired; it reads either layout).
                if MIGRATES_FROM.contains(&format) {
                    rewrite = !damaged;
                } else if format != FORMAT_VERSION {
                    return Err(Error::FormatVersion {
                        path: shown.to_path_buf(),
                        found: format,
                        expected: FORMAT_VERSION,
                    });
                }
            }
            Ok((None, true)) if file_bytes > FRESH_FILE_BYTES || sealed > 0 => found.push(format!(
                "{}: its file of {file_bytes} bytes holds nothing sled can read back (it was damaged or cut short)",
                shown.display()
            )),
            Ok((None, true)) => {
                db.insert(&format_key, encode_format(FORMAT_VERSION))?;
                db.flush()?;
            }
            Ok((None, false)) => found.push(format!(
                "{}: holds data but no format marker; it is not a geochron store",
                shown.display()
            )),
        }
        let stored = match db.get(Key::Meta("commits".into()).encode()) {
            Ok(Some(bytes)) => seal::decode_commits(&bytes)?,
            Ok(None) => 0,
            Err(e) => {
                unreadable(e, &mut found)?;
                // Unknown: numbering goes on past the seal.
                sealed
            }
        };
        if stored < sealed
            && let Some(folder) = &path
        {
            found.push(seal::lost_writes(folder, stored, sealed));
        }
        if let Some(note) = path.as_deref().and_then(guard::damage_note) {
            found.push(format!("{note}{}", guard::NOTED));
        }
        // sled reads back the last part of its log without complaint even when it is
        // damaged, and fails only when a page there is read: a small store is read whole
        // now, so that no command answers from it while part of it is gone.
        if found.is_empty() && path.is_some() && file_bytes <= VERIFY_AT_OPEN_BYTES {
            found.extend(db.readable(|_, _| {}));
            found.extend(rollups.readable(|_, _| {}));
        }
        if !found.is_empty() && !damaged {
            return Err(Error::Corrupt(found.join("; ")));
        }
        let store = Store {
            sled,
            db,
            rollups,
            books: Box::new(super::Books {
                shown,
                applied: AtomicU64::new(stored),
                sealed: Mutex::new(sealed),
                damage: Mutex::new(found),
            }),
            path,
            writer: Mutex::new(()),
            _lock: lock,
        };
        if rewrite {
            store.migrate()?;
        }
        // A damaged store is only read until repaired, which rebuilds the rollups.
        if !damaged {
            store.rollups_check_at_open()?;
        }
        Ok(store)
    }

    /// What opening found wrong with a store opened by [`Store::open_damaged`] (empty for a
    /// whole store, and once repaired).
    pub fn damage(&self) -> Vec<String> {
        self.books
            .damage
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// The store's folder, or `None` for a temporary store.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Takes the writer lock. The mutex guards no data, so a panic elsewhere cannot leave
    /// anything half-done behind it: poisoning is ignored.
    pub(super) fn lock_writer(&self) -> MutexGuard<'_, ()> {
        self.writer.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Stores an article with its events and every index row in one atomic batch.
    ///
    /// Returns `false`, writing nothing, when the article is already stored: ingesting twice
    /// is a no-op. Fails with [`Error::Invalid`], writing nothing, if an event names another
    /// article or two events share an id. Durable within a second, or after [`Store::flush`].
    pub fn put_article(&self, article: &Article, events: &[Event]) -> Result<bool> {
        let _writer = self.lock_writer();
        if self.db.contains_key(Key::Article(article.id).encode())? {
            return Ok(false);
        }
        let mut write = PendingWrite::default();
        self.stage_article(article, events, &mut write.batch)?;
        write.deltas.add(events, 1);
        self.commit(write)?;
        Ok(true)
    }

    /// Stores many articles, as [`Store::put_article`] would one by one, but in batches of
    /// about a thousand keys and with one flush at the end. Returns how many were new.
    ///
    /// Each article's rows stay in one batch, so a crash leaves whole articles. On an error,
    /// articles before the bad one may already be stored; ingest is idempotent, so fix the
    /// input and run it again.
    pub fn put_articles<'a, I>(&self, items: I) -> Result<usize>
    where
        I: IntoIterator<Item = (&'a Article, &'a [Event])>,
    {
        let added = self.put_articles_buffered(items)?;
        self.flush_and_seal()?;
        Ok(added)
    }

    /// [`Store::put_articles`] without its flush: the batches are durable within a second or
    /// at the next [`Store::flush`]. For a caller that writes many chunks and flushes once at
    /// the end, instead of waiting for the disk after every chunk of 64 articles.
    ///
    /// Encoding runs on a thread of its own, a batch or two ahead of this one, which only
    /// applies the batches: sled's `apply_batch` is most of a load's time, and encoding
    /// (bincode, the text's zstd frame, the rollup changes) the rest of it.
    pub fn put_articles_buffered<'a, I>(&self, items: I) -> Result<usize>
    where
        I: IntoIterator<Item = (&'a Article, &'a [Event])>,
    {
        let _writer = self.lock_writer();
        let items: Vec<(&Article, &[Event])> = items.into_iter().collect();
        std::thread::scope(|scope| {
            let (send, batches) = mpsc::sync_channel(BATCHES_AHEAD);
            let encoder = scope.spawn(|| self.encode_batches(&items, send));
            let mut deltas = Deltas::default();
            let mut added = 0;
            let mut failure = None;
            // The first error wins: the encoder's (a bad article) or sled's; either way the
            // batches before it are stored, as they would be one article at a time.
            for encoded in batches.iter() {
                let applied = encoded.and_then(|encoded: EncodedBatch| {
                    self.rollups_dirty(&encoded.deltas)?;
                    self.apply(encoded.batch)?;
                    deltas.merge(encoded.deltas);
                    added += encoded.articles;
                    Ok(())
                });
                if let Err(e) = applied {
                    failure = Some(e);
                    break;
                }
            }
            // Dropping the receiver ends the encoder at its next batch.
            drop(batches);
            encoder
                .join()
                .map_err(|_| Error::Invalid("the encoding thread of a load panicked".into()))?;
            if let Some(e) = failure {
                return Err(e);
            }
            // The counters once for the whole call, not per batch: events of one chunk that
            // share a day, country, kind or actor read and write its counter once. A crash
            // before this leaves the rollups dirty, and the next open rebuilds them.
            self.rollups_apply(deltas)?;
            Ok(added)
        })
    }

    /// Encodes `items` into batches of about [`BULK_BATCH_KEYS`] keys, whole articles each,
    /// leaving out articles already stored or given twice, and sends them to `out` in order;
    /// stops at the first error (sent too) or when nobody receives. The writer lock is held,
    /// so an article not stored now is not stored before its batch is applied.
    fn encode_batches(
        &self,
        items: &[(&Article, &[Event])],
        out: mpsc::SyncSender<Result<EncodedBatch>>,
    ) {
        let mut seen: HashSet<ArticleId> = HashSet::with_capacity(items.len());
        let mut next = EncodedBatch::default();
        let mut keys = 0;
        for &(article, events) in items {
            let staged = (|| {
                if seen.contains(&article.id)
                    || self.db.contains_key(Key::Article(article.id).encode())?
                {
                    return Ok(None);
                }
                self.stage_article(article, events, &mut next.batch)
                    .map(Some)
            })();
            match staged {
                Ok(Some(staged)) => keys += staged,
                Ok(None) => continue,
                Err(e) => {
                    let _ = out.send(Err(e));
                    return;
                }
            }
            seen.insert(article.id);
            next.deltas.add(events, 1);
            next.articles += 1;
            if keys >= BULK_BATCH_KEYS {
                keys = 0;
                if out.send(Ok(std::mem::take(&mut next))).is_err() {
                    return;
                }
            }
        }
        if keys > 0 {
            let _ = out.send(Ok(next));
        }
    }

    /// Removes an article, its events and every index row of them in one atomic batch.
    /// Returns `false` if the article was not stored.
    ///
    /// An event whose value no longer decodes is removed too, but its index rows other than
    /// the article row cannot be listed; [`Store::check`] reports them and
    /// [`Store::repair`] removes them.
    pub fn delete_article(&self, id: ArticleId) -> Result<bool> {
        self.writer().delete_relinked(id, &[])
    }

    /// Rewrites stored events in place (their links to other articles' reports changed), with
    /// their index rows and rollups, in one batch. An event no longer stored is skipped: its
    /// article was deleted meanwhile.
    pub fn update_events(&self, events: &[Event]) -> Result<()> {
        if events.is_empty() {
            return Ok(());
        }
        let _writer = self.lock_writer();
        let mut write = PendingWrite::default();
        self.stage_updates(events, &mut write)?;
        self.commit(write)
    }

    /// Takes the writer lock for a change that reads the store before it writes (linking a
    /// new article's events to stored ones, relinking before a delete): no other write can
    /// come between the reading and the writing, so two writers never rewrite one stored
    /// event from two stale copies. Reads through the [`Store`] meanwhile see the store as
    /// it was.
    pub fn writer(&self) -> Writer<'_> {
        Writer {
            store: self,
            _guard: self.lock_writer(),
        }
    }

    /// Adds to `write` the rewrite of each stored event in `events`: its old index rows out,
    /// its row and new index rows in. An event no longer stored is skipped.
    fn stage_updates(&self, events: &[Event], write: &mut PendingWrite) -> Result<()> {
        for event in events {
            let event_key = Key::Event(event.id).encode();
            let Some(bytes) = self.db.get(&event_key)? else {
                continue;
            };
            // The article's date and source stay as the stored row has them.
            let old = decode_row(&bytes)?;
            for key in index_keys(&old.event) {
                write.batch.remove(key.encode());
            }
            write.deltas.add(std::slice::from_ref(&old.event), -1);
            let (published, source) = (old.published, old.source.as_deref());
            write
                .batch
                .insert(event_key, encode_row(event, published, source)?);
            let index_row = IndexValues::of(event, published, source)?;
            for key in index_keys(event) {
                write
                    .batch
                    .insert(key.encode(), index_value(&key, &index_row));
            }
            write.deltas.add(std::slice::from_ref(event), 1);
        }
        Ok(())
    }

    /// Adds to `batch` every row of an article not stored yet, and returns how many. An
    /// article stored and deleted before gets back the first ingest time kept for it
    /// ([`Key::FirstIngest`]), which goes in the same batch: its row holds the time again.
    fn stage_article(
        &self,
        article: &Article,
        events: &[Event],
        batch: &mut sled::Batch,
    ) -> Result<usize> {
        let kept_key = Key::FirstIngest(article.id).encode();
        let kept = self.db.get(&kept_key)?;
        // A kept time that no longer decodes is lost (`check` reports it): the article keeps
        // the time it has.
        let first = kept.as_deref().and_then(|b| decode_first_ingest(b).ok());
        let rows = match first {
            Some(first) if first != article.ingested_at => {
                let again = Article {
                    ingested_at: first,
                    ..article.clone()
                };
                article_rows(&again, events)?
            }
            _ => article_rows(article, events)?,
        };
        if kept.is_some() {
            batch.remove(kept_key);
        }
        let keys = rows.len();
        for (key, value) in rows {
            batch.insert(key, value);
        }
        Ok(keys)
    }

    /// Keeps `first` as the first ingest time of an article that is not stored, so that it
    /// gets it when it is (a restore: the dump's deleted articles, and the articles it
    /// extracts again). Does nothing if the article is stored.
    pub(crate) fn keep_first_ingest(&self, id: ArticleId, first: DateTime<Utc>) -> Result<()> {
        let _writer = self.lock_writer();
        if self.db.contains_key(Key::Article(id).encode())? {
            return Ok(());
        }
        let mut write = PendingWrite::default();
        write
            .batch
            .insert(Key::FirstIngest(id).encode(), encode_first_ingest(first));
        self.commit(write)
    }

    /// Adds to `write` the removal of a stored article, its events and their index rows, and
    /// the keeping of its first ingest time ([`Key::FirstIngest`]) for a later re-ingest.
    /// Returns `false`, adding nothing, if the article is not stored.
    fn stage_delete(&self, id: ArticleId, write: &mut PendingWrite) -> Result<bool> {
        let article_key = Key::Article(id).encode();
        let Some(article) = self.db.get(&article_key)? else {
            return Ok(false);
        };
        // An article that no longer decodes has no time to keep; it goes all the same.
        if let Ok(article) = decode_article(&article) {
            write.batch.insert(
                Key::FirstIngest(id).encode(),
                encode_first_ingest(article.ingested_at),
            );
        }
        write.batch.remove(article_key);
        for row in self.db.scan_prefix(KeyPrefix::ArticleEvents(id).encode()) {
            let (row_key, _) = row?;
            write.batch.remove(row_key.clone());
            let Some(event_id) = Key::decode(&row_key)?.indexed_event() else {
                continue;
            };
            let event_key = Key::Event(event_id).encode();
            if let Some(bytes) = self.db.get(&event_key)? {
                if let Ok(event) = decode_event(&bytes) {
                    for key in index_keys(&event) {
                        write.batch.remove(key.encode());
                    }
                    write.deltas.add(std::slice::from_ref(&event), -1);
                }
                write.batch.remove(event_key);
            }
        }
        Ok(true)
    }

    /// Applies one staged write as one atomic batch, with its rollups around it. The writer
    /// lock must be held.
    fn commit(&self, write: PendingWrite) -> Result<()> {
        self.rollups_dirty(&write.deltas)?;
        self.apply(write.batch)?;
        self.rollups_apply(write.deltas)
    }

    /// Writes everything buffered to disk; returns when it is durable (and sealed).
    pub fn flush(&self) -> Result<()> {
        self.flush_and_seal()
    }
}

impl Drop for Store {
    /// Flushes and seals what was written, so the next open can tell a whole file from one
    /// that lost writes. (sled flushes on drop too, but cannot seal.)
    fn drop(&mut self) {
        let _ = self.flush_and_seal();
    }
}

/// The writer lock held for a read-then-write change ([`Store::writer`]); the store's other
/// writers wait until it is dropped.
pub struct Writer<'a> {
    store: &'a Store,
    _guard: MutexGuard<'a, ()>,
}

impl Writer<'_> {
    /// Whether the article is stored; with the lock held, it stays so until the write.
    pub fn contains_article(&self, id: ArticleId) -> Result<bool> {
        self.store.contains_article(id)
    }

    /// Stores new articles with their events and index rows, and rewrites the stored events
    /// whose links to them changed (`relinked`), all in one atomic batch: after a crash either
    /// every row and both sides of every link are there, or none of it. Returns how many
    /// articles were stored.
    ///
    /// Fails with [`Error::Invalid`], writing nothing, if an article is already stored (check
    /// with [`Writer::contains_article`] before linking: its events would be linked twice) or
    /// appears twice, or an event names another article.
    pub fn put_linked(
        &self,
        articles: &[(Article, Vec<Event>)],
        relinked: &[Event],
    ) -> Result<usize> {
        let mut write = PendingWrite::default();
        let mut ids = HashSet::with_capacity(articles.len());
        for (article, events) in articles {
            if !ids.insert(article.id) || self.store.contains_article(article.id)? {
                return Err(Error::Invalid(format!(
                    "article {} is already stored or given twice; nothing was written",
                    article.id
                )));
            }
            self.store
                .stage_article(article, events, &mut write.batch)?;
            write.deltas.add(events, 1);
        }
        self.store.stage_updates(relinked, &mut write)?;
        self.store.commit(write)?;
        Ok(articles.len())
    }

    /// Removes an article, its events and their index rows, and rewrites the events of other
    /// articles whose links to it changed (`relinked`, from `link::unlink_article`), in one
    /// atomic batch. Returns `false`, writing nothing, if the article is not stored.
    pub fn delete_relinked(&self, id: ArticleId, relinked: &[Event]) -> Result<bool> {
        let mut write = PendingWrite::default();
        // The rewrites first: the removals after them win should an event appear in both.
        self.store.stage_updates(relinked, &mut write)?;
        if !self.store.stage_delete(id, &mut write)? {
            return Ok(false);
        }
        self.store.commit(write)?;
        Ok(true)
    }
}

/// One write being gathered: the batch for the main tree and the rollup changes it brings.
#[derive(Default)]
struct PendingWrite {
    batch: sled::Batch,
    deltas: Deltas,
}

/// Every row an article brings: the article, its events (each as the row a query shows, with
/// the article's date and source), and their index rows. Checks the events belong to the
/// article before anything is written.
fn article_rows(article: &Article, events: &[Event]) -> Result<Vec<Row>> {
    let mut seen = HashSet::with_capacity(events.len());
    let mut rows = Vec::with_capacity(1 + events.len() * 8);
    rows.push((Key::Article(article.id).encode(), encode_article(article)?));
    for event in events {
        if event.article != article.id {
            return Err(Error::Invalid(format!(
                "event {} names article {}, but is stored with article {}",
                event.id, event.article, article.id
            )));
        }
        if !seen.insert(event.id) {
            return Err(Error::Invalid(format!(
                "article {} has two events with id {}",
                article.id, event.id
            )));
        }
        let (published, source) = (article.published, article.source.as_deref());
        let index_row = IndexValues::of(event, published, source)?;
        for key in index_keys(event) {
            let value = index_value(&key, &index_row);
            rows.push((key.encode(), value));
        }
        rows.push((
            Key::Event(event.id).encode(),
            encode_row(event, published, source)?,
        ));
    }
    Ok(rows)
}

/// The value of a [`Key::FirstIngest`] row: the time's seconds since 1970 (`i64`) and its
/// nanoseconds (`u32`), both big-endian; twelve bytes.
pub(super) fn encode_first_ingest(at: DateTime<Utc>) -> Vec<u8> {
    let mut bytes = at.timestamp().to_be_bytes().to_vec();
    bytes.extend_from_slice(&at.timestamp_subsec_nanos().to_be_bytes());
    bytes
}

/// The time a [`Key::FirstIngest`] row holds; anything but twelve bytes of a valid time is
/// [`Error::Corrupt`].
pub(super) fn decode_first_ingest(bytes: &[u8]) -> Result<DateTime<Utc>> {
    let corrupt = || Error::Corrupt(format!("first ingest time of {} bytes", bytes.len()));
    let (secs, nanos) = bytes.split_at_checked(8).ok_or_else(corrupt)?;
    let secs = i64::from_be_bytes(secs.try_into().map_err(|_| corrupt())?);
    let nanos = u32::from_be_bytes(nanos.try_into().map_err(|_| corrupt())?);
    DateTime::from_timestamp(secs, nanos).ok_or_else(corrupt)
}

/// Turns sled's lock failure, should it ever get one (a store opened by a build without the
/// lock file), into [`Error::Locked`].
/// Opens sled at `path`, which this process has just locked. sled's own lock can still be held
/// for a moment by the flusher thread of a store this process dropped (sled releases it when
/// that thread next wakes); as nobody else can hold it while we hold ours, wait for it.
fn open_sled(path: &Path) -> Result<sled::Db> {
    let deadline = std::time::Instant::now() + SLED_LOCK_PATIENCE;
    loop {
        match guard::guarded(path, || Ok(sled_config().path(path).open())) {
            Ok(Ok(db)) => return Ok(db),
            Ok(Err(e)) => {
                let error = sled_open_error(e, path);
                if !matches!(error, Error::Locked { .. }) || std::time::Instant::now() >= deadline {
                    return Err(error);
                }
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            // sled panicked reading the file back.
            Err(damaged) => return Err(damaged),
        }
    }
}

/// The free space a store needs to be opened: sled's recovery writes as it reads the file
/// back, and on a full disk its half-done writes damage the store (measured: a store that
/// filled its disk opened whole once space was freed, and damaged if it had been opened on
/// the full disk first).
const MIN_FREE_TO_OPEN: u64 = 4 << 20;

/// Fails, touching nothing, when the disk under `path` has less than [`MIN_FREE_TO_OPEN`].
fn refuse_full_disk(path: &Path) -> Result<()> {
    #[cfg(unix)]
    if let Ok(fs) = rustix::fs::statvfs(path) {
        let free = fs.f_bavail.saturating_mul(fs.f_frsize);
        if free < MIN_FREE_TO_OPEN {
            return Err(Error::Io {
                path: path.to_path_buf(),
                source: std::io::Error::new(
                    std::io::ErrorKind::StorageFull,
                    format!(
                        "the disk is full ({} KiB free): free at least {} MiB, then run the command again (the store is not opened on a full disk, where sled would damage it)",
                        free >> 10,
                        MIN_FREE_TO_OPEN >> 20
                    ),
                ),
            });
        }
    }
    Ok(())
}

/// How long to wait for sled's lock once ours is held: many flush intervals, as a loaded
/// machine can leave the flusher thread unscheduled for a while. Only a store this process
/// dropped can be holding it, so waiting is always right.
const SLED_LOCK_PATIENCE: std::time::Duration = std::time::Duration::from_secs(5);

fn sled_open_error(error: sled::Error, path: &Path) -> Error {
    match &error {
        sled::Error::Io(io) if io.to_string().contains("could not acquire lock") => Error::Locked {
            path: path.to_path_buf(),
        },
        _ => guard::from_sled(path, error),
    }
}
