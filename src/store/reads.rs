//! Reading: articles and events by id, and the typed scans the query planner builds on.
//!
//! Scans stream: they return iterators that read sled lazily and never load the whole result.
//! Each index has two: `scan_*` yields event ids ([`IdScan`]) from the keys, and `rows_*`
//! yields the rows ([`RowScan`]) from the values: covering rows (time, cell, actor) hold the
//! event, thin rows (country, kind) its head and id, and [`RowValue::decode`] reads the
//! event by key only for the rows whose head passed. [`Store::events_of`] loads the events of any id
//! stream. Index scans narrow, they do not decide: the executor still filters rows exactly
//! (the cell scans return a superset of a box, the start-day filters bound only the start).
//! The time scan is the exception: it is exact for its [`TimeMatch`].

use std::collections::{BTreeSet, HashSet};
use std::ops::RangeInclusive;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::model::{Article, ArticleId, Country, Event, EventId, Kind, day_number};

use super::codec::{
    RowHead, StoredRow, decode_article, decode_article_head, decode_event, decode_row,
    decode_row_end_day, decode_row_head, thin_row_event, to_index_view,
};
use super::index::{MAX_TIME_CLASS, class_max_days, normalise_actor};
use super::keys::{Key, KeyPrefix};
use super::rollup::{Rollup, RollupAxis};
use super::{Store, guard};

/// A stream of event ids from an index scan.
pub type IdScan = Box<dyn Iterator<Item = Result<EventId>> + Send>;

/// A stream of covering rows from an index scan (or every event's row).
pub type RowScan = Box<dyn Iterator<Item = Result<RowValue>> + Send>;

/// The raw rows of an index scan: key and value.
type RawScan = Box<dyn Iterator<Item = Result<(sled::IVec, sled::IVec)>> + Send>;

/// One encoded events row as a scan found it: test its [`RowHead`] first, decode the rest
/// only for rows that pass. From an index, the event is its `codec::index_view` (no other
/// places, no date wording); from [`Store::rows`], the whole event.
#[derive(Clone)]
pub struct RowValue {
    /// A covering row, or a thin index row (head and event id).
    bytes: sled::IVec,
    /// Where a thin row's event is read from.
    tree: Arc<guard::Tree>,
}

impl std::fmt::Debug for RowValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("RowValue").field(&self.bytes).finish()
    }
}

impl RowValue {
    /// The fixed head: dates, kind, country, coordinates.
    pub fn head(&self) -> Result<RowHead> {
        decode_row_head(&self.bytes)
    }

    /// The whole row: the event with its article's date and source, read by key for a thin
    /// row (an id with no event is [`Error::Corrupt`]: index rows never outlive their events).
    pub fn decode(&self) -> Result<StoredRow> {
        let Some(id) = thin_row_event(&self.bytes)? else {
            return decode_row(&self.bytes);
        };
        let bytes = self
            .tree
            .get(Key::Event(id).encode())?
            .ok_or_else(|| Error::Corrupt(format!("index row points at missing event {id}")))?;
        let mut row = decode_row(&bytes)?;
        to_index_view(&mut row.event);
        Ok(row)
    }
}

/// A stream of events.
pub type EventScan = Box<dyn Iterator<Item = Result<Event>> + Send>;

/// A stream of articles.
pub type ArticleScan = Box<dyn Iterator<Item = Result<Article>> + Send>;

/// An inclusive range of day numbers (`model::day_number`), the store's unit of time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DayRange {
    /// The first day.
    pub first: i32,
    /// The last day, inclusive; a range with `last < first` is empty.
    pub last: i32,
}

impl DayRange {
    /// The days from `first` to `last`, both included.
    pub fn new(first: i32, last: i32) -> DayRange {
        DayRange { first, last }
    }

    /// The days from one date to another, both included.
    pub fn from_dates(first: NaiveDate, last: NaiveDate) -> DayRange {
        DayRange::new(day_number(first), day_number(last))
    }

    /// Whether `day` lies in the range.
    pub fn contains(&self, day: i32) -> bool {
        self.first <= day && day <= self.last
    }

    fn is_empty(&self) -> bool {
        self.last < self.first
    }
}

/// How an event's interval must relate to a queried range of days.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TimeMatch {
    /// The interval lies inside the range: the event certainly happened then (`date in R`).
    Within,
    /// The interval meets the range: the event may have happened then (`date overlaps R`).
    Overlaps,
}

impl Store {
    /// The article with this id, if stored.
    pub fn get_article(&self, id: ArticleId) -> Result<Option<Article>> {
        self.db
            .get(Key::Article(id).encode())?
            .map(|bytes| decode_article(&bytes))
            .transpose()
    }

    /// Whether an article with this id is stored; reads no value.
    pub fn contains_article(&self, id: ArticleId) -> Result<bool> {
        self.db.contains_key(Key::Article(id).encode())
    }

    /// The publication date and publisher of an article, if stored, without decoding its
    /// text.
    pub fn article_head(
        &self,
        id: ArticleId,
    ) -> Result<Option<(Option<NaiveDate>, Option<String>)>> {
        self.db
            .get(Key::Article(id).encode())?
            .map(|bytes| decode_article_head(&bytes))
            .transpose()
    }

    /// The event with this id, if stored.
    pub fn get_event(&self, id: EventId) -> Result<Option<Event>> {
        self.db
            .get(Key::Event(id).encode())?
            .map(|bytes| decode_event(&bytes))
            .transpose()
    }

    /// The event with this id as an events row (with its article's date and source).
    pub fn get_row(&self, id: EventId) -> Result<Option<StoredRow>> {
        self.db
            .get(Key::Event(id).encode())?
            .map(|bytes| decode_row(&bytes))
            .transpose()
    }

    /// The events of an article, in text order (by span, then id); empty if it has none or
    /// is not stored.
    pub fn article_events(&self, id: ArticleId) -> Result<Vec<Event>> {
        let ids = self.prefix_ids(KeyPrefix::ArticleEvents(id));
        let mut events = self.events_of(ids).collect::<Result<Vec<_>>>()?;
        events.sort_by_key(|e| (e.span.start, e.span.end, e.id));
        Ok(events)
    }

    /// Loads the events of an id stream, in its order. An id with no event is
    /// [`Error::Corrupt`]: index rows never outlive their events.
    pub fn events_of(
        &self,
        ids: impl Iterator<Item = Result<EventId>> + Send + 'static,
    ) -> EventScan {
        let tree = self.tree();
        Box::new(ids.map(move |id| {
            let id = id?;
            let bytes = tree
                .get(Key::Event(id).encode())?
                .ok_or_else(|| Error::Corrupt(format!("index row points at missing event {id}")))?;
            decode_event(&bytes)
        }))
    }

    /// Every event, in id order.
    pub fn events(&self) -> EventScan {
        Box::new(
            self.db
                .scan_prefix(KeyPrefix::Event.encode())
                .map(|row| decode_event(&row?.1)),
        )
    }

    /// Every event's row, in id order.
    pub fn rows(&self) -> RowScan {
        self.rows_of(Box::new(self.db.scan_prefix(KeyPrefix::Event.encode())))
    }

    /// Every article, in id order.
    pub fn articles(&self) -> ArticleScan {
        Box::new(
            self.db
                .scan_prefix(KeyPrefix::Article.encode())
                .map(|row| decode_article(&row?.1)),
        )
    }

    /// The events whose interval lies within (or overlaps) `days`, exactly. Ids come ordered
    /// by length class, then start day — not globally by date; sort after loading if needed.
    ///
    /// Per length class `k` (intervals of at most `2^k` days) it scans starts in
    /// `[first − (2^k − 1), last]` for overlaps, `[first, last]` for within, and checks the
    /// end day in each row's head; day-precise events cost a scan of exactly the range.
    pub fn scan_time(&self, days: DayRange, how: TimeMatch) -> IdScan {
        ids_of(self.raw_time(days, how))
    }

    /// The rows of [`Store::scan_time`].
    pub fn rows_time(&self, days: DayRange, how: TimeMatch) -> RowScan {
        self.rows_of(self.raw_time(days, how))
    }

    /// The events whose place's cell lies in one of the ranges (from `cell::covering_bbox` or
    /// `cell::covering_circle`; sorted, disjoint ranges give each event once).
    pub fn scan_cells(&self, ranges: &[RangeInclusive<u64>]) -> IdScan {
        ids_of(self.raw_cells(ranges))
    }

    /// The rows of [`Store::scan_cells`].
    pub fn rows_cells(&self, ranges: &[RangeInclusive<u64>]) -> RowScan {
        self.rows_of(self.raw_cells(ranges))
    }

    /// As [`Store::scan_cells`], but only the events starting in `starts`: each row's head
    /// gives its start day, so the others cost no decoding and no read by key.
    pub fn scan_cells_starting(&self, ranges: &[RangeInclusive<u64>], starts: DayRange) -> IdScan {
        ids_of(Box::new(self.raw_cells(ranges).filter_map(move |row| {
            let result = (|| {
                let (key, value) = row?;
                let start = decode_row_head(&value)?.start_day();
                Ok(starts.contains(start).then_some((key, value)))
            })();
            result.transpose()
        })))
    }

    /// The events whose place lies in `country`, optionally only those starting in `starts`.
    pub fn scan_country(&self, country: Country, starts: Option<DayRange>) -> IdScan {
        ids_of(self.raw_country(country, starts))
    }

    /// The rows of [`Store::scan_country`].
    pub fn rows_country(&self, country: Country, starts: Option<DayRange>) -> RowScan {
        self.rows_of(self.raw_country(country, starts))
    }

    /// The events of a kind: a top kind finds all its sub-kinds (as `Kind::matches`), a
    /// sub-kind only itself. Optionally only those starting in `starts`.
    pub fn scan_kind(&self, kind: Kind, starts: Option<DayRange>) -> IdScan {
        ids_of(self.raw_kind(kind, starts))
    }

    /// The rows of [`Store::scan_kind`].
    pub fn rows_kind(&self, kind: Kind, starts: Option<DayRange>) -> RowScan {
        self.rows_of(self.raw_kind(kind, starts))
    }

    /// The events with an actor whose name contains `needle`, ignoring case and runs of
    /// whitespace (`index::normalise_actor`); each event once. Optionally only those starting
    /// in `starts`.
    ///
    /// The names come from the actor rollups (one counter per distinct name, a few thousand
    /// keys), so only the matching names' index rows are read.
    pub fn scan_actor(&self, needle: &str, starts: Option<DayRange>) -> IdScan {
        ids_of(self.raw_actor(needle, starts))
    }

    /// The rows of [`Store::scan_actor`].
    pub fn rows_actor(&self, needle: &str, starts: Option<DayRange>) -> RowScan {
        self.rows_of(self.raw_actor(needle, starts))
    }

    /// The rows of raw index rows, from their values.
    fn rows_of(&self, raw: RawScan) -> RowScan {
        let tree = Arc::new(self.tree());
        Box::new(raw.map(move |row| {
            Ok(RowValue {
                bytes: row?.1,
                tree: Arc::clone(&tree),
            })
        }))
    }

    /// A handle on the tree that scans can own.
    pub(super) fn tree(&self) -> guard::Tree {
        self.db.clone()
    }

    fn raw_time(&self, days: DayRange, how: TimeMatch) -> RawScan {
        if days.is_empty() {
            return Box::new(std::iter::empty());
        }
        let tree = self.tree();
        let range_days = i64::from(days.last) - i64::from(days.first) + 1;
        let classes = (0..=MAX_TIME_CLASS).filter(move |&class| match how {
            // The shortest interval of class k has 2^(k-1) + 1 days; longer than the range,
            // none of them can lie within it.
            TimeMatch::Within => class == 0 || class_max_days(class - 1) < range_days,
            TimeMatch::Overlaps => true,
        });
        Box::new(classes.flat_map(move |class| {
            let lowest_start = match how {
                TimeMatch::Within => i64::from(days.first),
                TimeMatch::Overlaps => i64::from(days.first) - (class_max_days(class) - 1),
            };
            let lowest_start = i32::try_from(lowest_start).unwrap_or(i32::MIN);
            let lo = Key::ByTime {
                class,
                start_day: lowest_start,
                event: EventId(0),
            };
            let hi = Key::ByTime {
                class,
                start_day: days.last,
                event: EventId(u64::MAX),
            };
            tree.range(lo.encode()..=hi.encode())
                .filter_map(move |row| {
                    let result = (|| {
                        let (key, value) = row?;
                        let end_day = decode_row_end_day(&value)?;
                        let hit = match how {
                            TimeMatch::Within => end_day <= days.last,
                            TimeMatch::Overlaps => end_day >= days.first,
                        };
                        Ok(hit.then_some((key, value)))
                    })();
                    result.transpose()
                })
        }))
    }

    fn raw_cells(&self, ranges: &[RangeInclusive<u64>]) -> RawScan {
        let tree = self.tree();
        let ranges = ranges.to_vec();
        Box::new(ranges.into_iter().flat_map(move |range| {
            let lo = Key::ByCell {
                cell: *range.start(),
                event: EventId(0),
            };
            let hi = Key::ByCell {
                cell: *range.end(),
                event: EventId(u64::MAX),
            };
            tree.range(lo.encode()..=hi.encode())
        }))
    }

    fn raw_country(&self, country: Country, starts: Option<DayRange>) -> RawScan {
        match starts {
            None => self.raw_prefix(KeyPrefix::Country(country)),
            Some(days) => {
                let key = |start_day, event| Key::ByCountry {
                    country,
                    start_day,
                    event,
                };
                self.raw_ranges(vec![key_range(days, key)])
            }
        }
    }

    fn raw_kind(&self, kind: Kind, starts: Option<DayRange>) -> RawScan {
        let top = kind.event_type();
        let Some(days) = starts else {
            return match kind.sub_kind() {
                None => self.raw_prefix(KeyPrefix::KindTop(top)),
                Some(sub) => self.raw_prefix(KeyPrefix::KindExact(top, Some(sub))),
            };
        };
        let subs: Vec<_> = match kind.sub_kind() {
            None => std::iter::once(None)
                .chain(top.sub_kinds().iter().copied().map(Some))
                .collect(),
            Some(sub) => vec![Some(sub)],
        };
        let ranges = subs
            .into_iter()
            .map(|sub| {
                key_range(days, |start_day, event| Key::ByKind {
                    top,
                    sub,
                    start_day,
                    event,
                })
            })
            .collect();
        self.raw_ranges(ranges)
    }

    fn raw_actor(&self, needle: &str, starts: Option<DayRange>) -> RawScan {
        let needle = normalise_actor(needle);
        let counts = match self.rollup_counts(RollupAxis::Actor) {
            Ok(counts) => counts,
            Err(e) => return Box::new(std::iter::once(Err(e))),
        };
        // The rollups count names as written; the index keys them normalised.
        let names: BTreeSet<String> = counts
            .into_iter()
            .filter(|(_, count)| *count > 0)
            .filter_map(|(rollup, _)| match rollup {
                Rollup::Actor(Some(name)) => Some(normalise_actor(&name)),
                _ => None,
            })
            .filter(|name| !name.is_empty() && name.contains(&needle))
            .collect();
        let ranges: Vec<RangeInclusive<Vec<u8>>> = names
            .into_iter()
            .map(|name| match starts {
                Some(days) => key_range(days, |start_day, event| Key::ByActor {
                    actor: name.clone(),
                    start_day,
                    event,
                }),
                None => {
                    let prefix = KeyPrefix::Actor(name).encode();
                    // A prefix's rows are those from it up to (not including) its successor;
                    // as ranges are inclusive, end at the last key that can start with it.
                    let mut last = prefix.clone();
                    last.extend_from_slice(&[u8::MAX; 16]);
                    prefix..=last
                }
            })
            .collect();
        // An event is under one name once; only with several names can it come twice.
        if ranges.len() < 2 {
            return self.raw_ranges(ranges);
        }
        let mut seen = HashSet::new();
        Box::new(self.raw_ranges(ranges).filter_map(move |row| {
            let result = (|| {
                let (key, value) = row?;
                let event = Key::decode(&key)?
                    .indexed_event()
                    .ok_or_else(|| Error::Corrupt("actor index holds a non-index key".into()))?;
                Ok(seen.insert(event).then_some((key, value)))
            })();
            result.transpose()
        }))
    }

    /// The event ids of every index row under a prefix.
    fn prefix_ids(&self, prefix: KeyPrefix) -> IdScan {
        ids_of(self.raw_prefix(prefix))
    }

    fn raw_prefix(&self, prefix: KeyPrefix) -> RawScan {
        Box::new(self.db.scan_prefix(prefix.encode()))
    }

    /// Every index row in the key ranges, one range after the other; inverted (empty)
    /// ranges are skipped.
    fn raw_ranges(&self, ranges: Vec<RangeInclusive<Vec<u8>>>) -> RawScan {
        let tree = self.tree();
        Box::new(
            ranges
                .into_iter()
                .filter(|range| range.start() <= range.end())
                .flat_map(move |range| tree.range(range)),
        )
    }
}

/// The encoded key range of the rows starting in `days`, for a key built by `key`.
fn key_range(days: DayRange, key: impl Fn(i32, EventId) -> Key) -> RangeInclusive<Vec<u8>> {
    key(days.first, EventId(0)).encode()..=key(days.last, EventId(u64::MAX)).encode()
}

/// The event ids of raw index rows, from their keys.
fn ids_of(raw: RawScan) -> IdScan {
    Box::new(raw.map(|row| {
        let (key, _) = row?;
        Key::decode(&key)?
            .indexed_event()
            .ok_or_else(|| Error::Corrupt("an index scan met a non-index key".into()))
    }))
}
