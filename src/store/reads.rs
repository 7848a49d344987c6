//! Reading: articles and events by id, and the typed scans the query planner builds on.
//!
//! Scans stream: they return iterators that read sled lazily and never load the whole result.
//! Each yields event ids ([`IdScan`]) straight from index keys, without decoding events;
//! [`Store::events_of`] loads the events of any id stream. Index scans narrow, they do not
//! decide: the planner still filters the loaded events exactly (the cell scans return a
//! superset of a box, the start-day filters bound only the start). The time scan is the
//! exception: it is exact for its [`TimeMatch`].

use std::collections::HashSet;
use std::ops::RangeInclusive;

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::model::{Article, ArticleId, Country, Event, EventId, Kind, day_number};

use super::Store;
use super::codec::{decode_article, decode_article_head, decode_end_day, decode_event};
use super::index::{MAX_TIME_CLASS, class_max_days, normalise_actor};
use super::keys::{Key, KeyPrefix};

/// A stream of event ids from an index scan.
pub type IdScan = Box<dyn Iterator<Item = Result<EventId>> + Send>;

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

    /// The publication date and publisher of an article, if stored, without decoding its
    /// text: what an events row shows of its article.
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
    /// end day kept in each row; day-precise events cost a scan of exactly the range.
    pub fn scan_time(&self, days: DayRange, how: TimeMatch) -> IdScan {
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
                        let event = Key::decode(&key)?.indexed_event().ok_or_else(|| {
                            Error::Corrupt("time index holds a non-index key".into())
                        })?;
                        let end_day = decode_end_day(&value)?;
                        let hit = match how {
                            TimeMatch::Within => end_day <= days.last,
                            TimeMatch::Overlaps => end_day >= days.first,
                        };
                        Ok(hit.then_some(event))
                    })();
                    result.transpose()
                })
        }))
    }

    /// The events whose place's cell lies in one of the ranges (from `cell::covering_bbox` or
    /// `cell::covering_circle`; sorted, disjoint ranges give each event once).
    pub fn scan_cells(&self, ranges: &[RangeInclusive<u64>]) -> IdScan {
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
            tree.range(lo.encode()..=hi.encode()).map(row_event)
        }))
    }

    /// The events whose place lies in `country`, optionally only those starting in `starts`.
    pub fn scan_country(&self, country: Country, starts: Option<DayRange>) -> IdScan {
        match starts {
            None => self.prefix_ids(KeyPrefix::Country(country)),
            Some(days) => {
                let key = |start_day, event| Key::ByCountry {
                    country,
                    start_day,
                    event,
                };
                self.range_ids(vec![key_range(days, key)])
            }
        }
    }

    /// The events of a kind: a top kind finds all its sub-kinds (as `Kind::matches`), a
    /// sub-kind only itself. Optionally only those starting in `starts`.
    pub fn scan_kind(&self, kind: Kind, starts: Option<DayRange>) -> IdScan {
        let top = kind.event_type();
        let Some(days) = starts else {
            return match kind.sub_kind() {
                None => self.prefix_ids(KeyPrefix::KindTop(top)),
                Some(sub) => self.prefix_ids(KeyPrefix::KindExact(top, Some(sub))),
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
        self.range_ids(ranges)
    }

    /// The events with an actor whose name contains `needle`, ignoring case and runs of
    /// whitespace (`index::normalise_actor`); each event once. Optionally only those starting
    /// in `starts`. Reads the actor index's keys only, never an event.
    pub fn scan_actor(&self, needle: &str, starts: Option<DayRange>) -> IdScan {
        let needle = normalise_actor(needle);
        let tree = self.tree();
        let mut seen = HashSet::new();
        // Keys sort by actor name: the name is tested once, at its first row; a name that does
        // not match is skipped whole with one seek past its rows.
        let mut next = Some(KeyPrefix::ByActor.encode());
        // The index tag is never 0xff, so the index has an end; the fallback keeps this total.
        let Some(index_end) = prefix_successor(&KeyPrefix::ByActor.encode()) else {
            return Box::new(std::iter::empty());
        };
        let mut rows: Option<sled::Iter> = None;
        Box::new(std::iter::from_fn(move || {
            loop {
                if rows.is_none() {
                    let from = next.take()?;
                    let mut names = tree.range(from..index_end.clone());
                    let first = match names.next()? {
                        Ok((key, _)) => key,
                        Err(e) => return Some(Err(e.into())),
                    };
                    let name = match Key::decode(&first) {
                        Ok(Key::ByActor { actor, .. }) => actor,
                        Ok(other) => {
                            return Some(Err(Error::Corrupt(format!(
                                "actor index holds {other:?}"
                            ))));
                        }
                        Err(e) => return Some(Err(e)),
                    };
                    let name_rows = KeyPrefix::Actor(name.clone()).encode();
                    next = prefix_successor(&name_rows).filter(|n| *n < index_end);
                    if name.contains(&needle) {
                        rows = Some(tree.scan_prefix(name_rows));
                    }
                    continue;
                }
                let row = match rows.as_mut()?.next() {
                    Some(row) => row,
                    None => {
                        rows = None;
                        continue;
                    }
                };
                let result = (|| match Key::decode(&row?.0)? {
                    Key::ByActor {
                        start_day, event, ..
                    } => Ok((starts.is_none_or(|days| days.contains(start_day))
                        && seen.insert(event))
                    .then_some(event)),
                    other => Err(Error::Corrupt(format!("actor index holds {other:?}"))),
                })();
                if let Some(item) = result.transpose() {
                    return Some(item);
                }
            }
        }))
    }

    /// The events whose summary has the word (`index::terms`: lower case, whole word); in
    /// event-id order, so two term scans intersect by a merge.
    pub fn scan_term(&self, word: &str) -> IdScan {
        self.prefix_ids(KeyPrefix::Term(word.to_lowercase()))
    }

    /// A handle on the tree that scans can own.
    pub(super) fn tree(&self) -> sled::Tree {
        (*self.db).clone()
    }

    /// The event ids of every index row under a prefix.
    fn prefix_ids(&self, prefix: KeyPrefix) -> IdScan {
        Box::new(self.db.scan_prefix(prefix.encode()).map(row_event))
    }

    /// The event ids of every index row in the key ranges, one range after the other;
    /// inverted (empty) ranges are skipped.
    fn range_ids(&self, ranges: Vec<RangeInclusive<Vec<u8>>>) -> IdScan {
        let tree = self.tree();
        Box::new(
            ranges
                .into_iter()
                .filter(|range| range.start() <= range.end())
                .flat_map(move |range| tree.range(range).map(row_event)),
        )
    }
}

/// The encoded key range of the rows starting in `days`, for a key built by `key`.
fn key_range(days: DayRange, key: impl Fn(i32, EventId) -> Key) -> RangeInclusive<Vec<u8>> {
    key(days.first, EventId(0)).encode()..=key(days.last, EventId(u64::MAX)).encode()
}

/// The smallest key greater than every key starting with `prefix`; `None` when there is none
/// (the prefix is all `0xff`).
fn prefix_successor(prefix: &[u8]) -> Option<Vec<u8>> {
    let mut next = prefix.to_vec();
    while let Some(last) = next.pop() {
        if last < u8::MAX {
            next.push(last + 1);
            return Some(next);
        }
    }
    None
}

/// The event an index row points at.
fn row_event(row: sled::Result<(sled::IVec, sled::IVec)>) -> Result<EventId> {
    let (key, _) = row?;
    Key::decode(&key)?
        .indexed_event()
        .ok_or_else(|| Error::Corrupt("an index scan met a non-index key".into()))
}
