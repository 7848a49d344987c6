//! Storage: articles and events in one sled tree, with the index rows queries scan. Owns the
//! key codec and the value codec; never parses article text and never plans queries.
//!
//! # The byte layout
//!
//! Every key is a [`Key`] encoded by [`keycode`] (order-preserving: byte order is `Key` order);
//! every value is one layout byte and bincode 2 ([`codec`]). The keyspace, in key order:
//!
//! | key                                         | value                |
//! |---------------------------------------------|----------------------|
//! | `Meta(name)`                                | per name; `"format"` → u32 big-endian; `"commits"` → u64 big-endian, the write batches so far ([`seal`]) |
//! | `Article(id)`                               | the article, its text a zstd frame |
//! | `Event(id)`                                 | the event's row      |
//! | `ByTime { class, start_day, event }`        | its index row        |
//! | `ByCell { cell, event }`                    | its index row        |
//! | `ByCountry { country, start_day, event }`   | its thin index row   |
//! | `ByKind { top, sub, start_day, event }`     | its thin index row   |
//! | `ByActor { actor, start_day, event }`       | its index row        |
//! | `ByArticle { article, event }`              | —                    |
//! | `Place(geonameid)`                          | an imported gazetteer entry |
//! | `FirstIngest(article)`                      | a deleted article's first ingest time: i64 seconds, u32 nanoseconds, big-endian; a re-ingest takes it back |
//! | `PlaceName { name, place }`                 | the imported entry's population, u64 big-endian |
//!
//! An event's *row* ([`codec::encode_row`]) is the event with its article's publication date
//! and source: everything an events row shows or a filter tests, behind a fixed head (dates,
//! kind, country, coordinates) that scans test without decoding. The country and kind
//! rows are *thin* ([`codec::encode_thin_row`]: that head and the event id, 38 bytes; a row
//! whose head passes is read whole from `Event(id)`). The time, cell and actor rows are covering:
//! their value is the event's *index row* ([`codec::encode_index_row`]: the row without the
//! detail no query shows, the event's other places and the date's wording), so the scans
//! most queries start from read one contiguous key range and no event by key; the whole
//! event and the article text are read only by `get`/`explain`. An article's text is one
//! zstd frame (`codec::ARTICLE_LAYOUT`), decompressed only when the article is read whole.
//! Format 1 had no rows (index values were empty or an end day, each events row cost two
//! point reads) and a word index (`ByTerm`) that format 2 dropped; format 2 kept the text as
//! it is and a covering row under every index; format 3 made the actor rows thin too.
//!
//! Beside the default tree, a `rollups` tree keeps event counts per day, country, kind and
//! actor up to date at every write ([`rollup`]), for whole-store `timeline`, `count by` and `top`.
//!
//! [`index::index_keys`] is the one function that lists an event's index rows; writes,
//! deletes, [`Store::check`] and [`Store::repair`] all use it.
//!
//! # Using it
//!
//! ```
//! use geochron::store::{DayRange, Store, TimeMatch};
//! # fn main() -> geochron::Result<()> {
//! let store = Store::temporary()?;
//! # use geochron::model::{Article, ArticleId, Event};
//! # let text = "Six people were killed in Mosul.";
//! # let article = Article { id: ArticleId::of_text(text), title: "Attack in Mosul".into(),
//! #     published: None, source: None, url: None, countries: vec![], text: text.into(),
//! #     ingested_at: chrono::DateTime::UNIX_EPOCH };
//! let events: Vec<Event> = Vec::new(); // normally what `extract` found in the article
//! // One atomic batch per article; the same article again is a no-op.
//! assert!(store.put_article(&article, &events)?);
//! assert!(!store.put_article(&article, &events)?);
//! // Scans stream event ids (`events_of` loads them) or the covering rows.
//! let day = chrono::NaiveDate::from_ymd_opt(2019, 12, 5).unwrap_or_default();
//! let ids = store.scan_time(DayRange::from_dates(day, day), TimeMatch::Overlaps);
//! assert_eq!(store.events_of(ids).count(), 0);
//! assert_eq!(store.rows_time(DayRange::from_dates(day, day), TimeMatch::Within).count(), 0);
//! assert!(store.check()?.is_clean());
//! # Ok(()) }
//! ```
//!
//! # For the layers above
//!
//! - The `Db` facade: [`Store::open`] / [`Store::temporary`], then per extracted article
//!   [`Store::put_article`] (or [`Store::put_articles`] for a folder), [`Store::flush`] when a
//!   command ends. [`Store::stats`], [`Store::check`], [`Store::repair`] back the `stats` and
//!   `check [--repair]` commands; [`Store::compact`] rewrites the file in key order after a
//!   large load (a third smaller on disk, half the open time at a million events; see
//!   `compact`).
//! - The query executor: each index has a scan returning an [`IdScan`] and one returning the
//!   covering rows ([`RowScan`]) — [`Store::scan_time`] / [`Store::rows_time`] (exact for
//!   within/overlaps), [`Store::scan_cells`] / [`Store::rows_cells`] with ranges from
//!   [`cell::covering_bbox`] / [`cell::covering_circle`] (a superset: filter by distance),
//!   country, kind and actor (these take an optional start-day range kept in the key).
//!   [`Store::rows`] scans every event's row; [`Store::events_of`] loads ids;
//!   [`Store::events`] and [`Store::articles`] scan everything.
//!
//! # Guarantees
//!
//! - An article, its events and all their index rows are written in one `sled::Batch`, with
//!   the stored events whose links to it change ([`Writer::put_linked`], and
//!   [`Writer::delete_relinked`] for a delete): after a crash either all of them are there or
//!   none is. Writes go to disk within a second (`flush_every_ms`), or at once with
//!   [`Store::flush`].
//! - Nothing above this module meets a sled panic or a `sled::Error` ([`guard`]): a damaged
//!   file is [`Error::Corrupt`]. Committed writes a damaged file lost are found at open
//!   ([`seal`]); [`Store::open_damaged`] opens such a store for `check`, `repair` and a dump.
//! - One process at a time: a second process opening the same path gets [`Error::Locked`]
//!   at once. Within a process, share one `Store` (it is `Send + Sync`); writers are serialised
//!   by a mutex, readers never wait.
//!
//! [`Error::Locked`]: crate::Error::Locked
//! [`Error::Corrupt`]: crate::Error::Corrupt

mod backup;
pub mod cell;
mod check;
pub mod codec;
mod compact;
mod footprint;
mod guard;
pub mod index;
pub(crate) mod keycode;
pub mod keys;
mod migrate;
mod places;
mod reads;
pub mod rollup;
mod seal;
mod writes;

use std::fs::File;
use std::path::PathBuf;
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex};

pub use backup::{DUMP_VERSION, DumpCounts, DumpLine, DumpReport, FirstIngest};
pub use check::{CheckReport, RepairReport, Stats};
pub use codec::{RowHead, StoredRow};
pub use compact::CompactReport;
pub use footprint::Footprint;
pub use keys::{Index, Key, KeyPrefix};
pub use migrate::{MIGRATES_FROM, Migration};
pub use reads::{ArticleScan, DayRange, EventScan, IdScan, RowScan, RowValue, TimeMatch};
pub use writes::Writer;

/// The store format this build reads and writes, kept in `Meta("format")`.
/// 2: covering index rows and no word index (see the byte layout above).
/// 3: article text as a zstd frame (`codec::ARTICLE_LAYOUT`); thin country, kind and actor
/// rows (`codec::THIN_LAYOUT`).
/// 4: the actor rows covering again (`index`: thin, they made `actor ~` slower than SQLite).
/// 5: a name index of the imported gazetteer entries (`PlaceName`, see `places`).
pub const FORMAT_VERSION: u32 = 5;

/// The event and article store: one sled tree holding every [`Key`].
///
/// Open it once per process and share it; all methods take `&self`.
pub struct Store {
    /// The sled database, for what concerns all its trees (flushing, size on disk).
    sled: sled::Db,
    /// Its default tree, behind the guard: everything but the rollups.
    db: guard::Tree,
    /// Event counts per day, country, kind and actor ([`rollup`]), in their own tree.
    rollups: guard::Tree,
    /// What the store keeps track of beside sled's trees (boxed: a `Store` is moved about).
    books: Box<Books>,
    /// The store's folder, or `None` for a temporary store.
    path: Option<PathBuf>,
    /// Serialises writers, so "is the article there? then write it" is atomic.
    writer: Mutex<()>,
    /// Held for the store's lifetime: the lock file that keeps other processes out.
    _lock: Option<File>,
}

/// A store's bookkeeping beside sled's trees.
struct Books {
    /// The store's folder (or a stand-in name), for messages.
    shown: Arc<PathBuf>,
    /// The number of the last write batch applied to the main tree ([`seal`]).
    applied: AtomicU64,
    /// The last commit number sealed.
    sealed: Mutex<u64>,
    /// What opening found wrong, for a store opened with [`Store::open_damaged`]; empty
    /// once repaired.
    damage: Mutex<Vec<String>>,
}

const _: () = {
    const fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Store>();
};

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}
