//! Backups: `geochron dump FILE` writes what a store holds that cannot be derived — every
//! article with its text, and the store's imported gazetteer entries — as JSON lines, with
//! each article's events beside it; `geochron restore FILE` rebuilds a store from them in a
//! fresh path. Owns the dump's layout and the reading of a damaged store for it; the
//! extraction of articles a dump gives without events is the `Db`'s.
//!
//! # The layout
//!
//! ```text
//! {"geochron_dump": 1, "store_format": 2}                  the header
//! {"place": {"geonameid": 99072, "name": "Mosul", …}}       every imported gazetteer entry
//! {"first_ingest": {"article": …, "at": "2020-01-05T…Z"}}   every deleted article's kept
//!                                                           first ingest time
//! {"article": {"id": …, "text": …, …}, "events": [ … ]}     every article, in ingest order
//! {"end": {"articles": 799, "places": 0}}                   the counts, so a cut dump shows
//! ```
//!
//! An article line without `events` (its events could not be read, or a dump written by
//! hand) is extracted again on restore. A dump of a damaged store holds what could be read
//! and says what could not.

use std::collections::BTreeMap;
use std::io::Write;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::gazetteer::Entry;
use crate::model::{Article, ArticleId, Event, EventId};

use super::codec::{decode_article, decode_entry, decode_event};
use super::keys::{Key, KeyPrefix};
use super::writes::decode_first_ingest;
use super::{FORMAT_VERSION, Store};

/// The dump layout this build writes and reads.
pub const DUMP_VERSION: u32 = 1;

/// One line of a dump.
#[derive(Debug, Serialize, Deserialize)]
#[serde(untagged)]
pub enum DumpLine {
    /// The first line.
    Header {
        /// The dump layout, [`DUMP_VERSION`].
        geochron_dump: u32,
        /// The store format of the store dumped.
        store_format: u32,
    },
    /// An imported gazetteer entry.
    Place {
        /// The entry.
        place: Entry,
    },
    /// The kept first ingest time of a deleted article ([`Key::FirstIngest`]), so that a
    /// restored store gives it back to the article if it is ingested again.
    FirstIngest {
        /// The article and its time.
        first_ingest: FirstIngest,
    },
    /// An article, with its events when they could be read.
    Article {
        /// The article, its text included.
        article: Box<Article>,
        /// Its events as stored, links included; absent when they must be extracted again.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        events: Option<Vec<Event>>,
    },
    /// The last line: what the dump holds.
    End {
        /// Its counts.
        end: DumpCounts,
    },
}

/// When a deleted article was first ingested, as a dump line holds it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FirstIngest {
    /// The deleted article.
    pub article: ArticleId,
    /// When it was first ingested.
    pub at: DateTime<Utc>,
}

/// How many articles, gazetteer entries and kept first ingest times a dump holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DumpCounts {
    /// Article lines.
    pub articles: u64,
    /// Gazetteer entry lines.
    pub places: u64,
    /// First ingest lines (absent from dumps without any, and from dumps written before
    /// they were kept).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub first_ingests: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// What writing a dump did.
#[derive(Debug, Default)]
pub struct DumpReport {
    /// What was written.
    pub counts: DumpCounts,
    /// Articles written without their events (they could not be read; restore extracts them
    /// again).
    pub without_events: u64,
    /// What could not be read, and so is not in the dump.
    pub lost: Vec<String>,
}

impl Store {
    /// Writes the dump of this store to `out` (see the module's layout): the gazetteer
    /// entries, then every article in the order it was ingested, each with its events.
    /// Reads what can be read of a damaged store and lists the rest in the report.
    pub fn write_dump(&self, out: &mut impl Write) -> Result<DumpReport> {
        let mut report = DumpReport::default();
        let io = |source| Error::Io {
            path: "-".into(),
            source,
        };
        let line = |out: &mut dyn Write, value: &DumpLine| -> Result<()> {
            serde_json::to_writer(&mut *out, value)
                .map_err(|e| Error::Invalid(format!("cannot write the dump: {e}")))?;
            writeln!(out).map_err(io)
        };
        line(
            out,
            &DumpLine::Header {
                geochron_dump: DUMP_VERSION,
                store_format: FORMAT_VERSION,
            },
        )?;
        // One pass over the rows gathers what the dump needs, so that a damaged page costs
        // only what it held.
        let mut places = Vec::new();
        let mut first_ingests = Vec::new();
        let mut articles: Vec<(DateTime<Utc>, ArticleId)> = Vec::new();
        let mut events: BTreeMap<ArticleId, Vec<EventId>> = BTreeMap::new();
        let mut undecodable = Vec::new();
        let lost = self.db.readable(|key, value| match Key::decode(key) {
            Ok(Key::Place(id)) => match decode_entry(value) {
                Ok(entry) => places.push(entry),
                Err(e) => undecodable.push(format!("place {id}: {e}")),
            },
            Ok(Key::FirstIngest(article)) => match decode_first_ingest(value) {
                Ok(at) => first_ingests.push(FirstIngest { article, at }),
                Err(e) => undecodable.push(format!("first ingest time of article {article}: {e}")),
            },
            Ok(Key::Article(id)) => match decode_article(value) {
                Ok(article) => articles.push((article.ingested_at, id)),
                Err(e) => undecodable.push(format!("article {id}: {e}")),
            },
            Ok(Key::Event(id)) => match decode_event(value) {
                Ok(event) => events.entry(event.article).or_default().push(id),
                Err(e) => undecodable.push(format!("event {id}: {e}")),
            },
            _ => {}
        });
        report.lost.extend(lost);
        report.lost.extend(undecodable);
        for place in places {
            line(out, &DumpLine::Place { place })?;
            report.counts.places += 1;
        }
        for first_ingest in first_ingests {
            line(out, &DumpLine::FirstIngest { first_ingest })?;
            report.counts.first_ingests += 1;
        }
        articles.sort();
        for (_, id) in articles {
            let article = match self.get_article(id) {
                Ok(Some(article)) => article,
                Ok(None) => continue,
                Err(e) => {
                    report.lost.push(format!("article {id}: {e}"));
                    continue;
                }
            };
            let ids = events.remove(&id).unwrap_or_default();
            let mut found = Vec::with_capacity(ids.len());
            // Which events a damaged region held cannot be told: with any, every article
            // goes without its events, to be extracted again on restore.
            let mut whole = report.lost.is_empty();
            for event in ids {
                match self.get_event(event) {
                    Ok(Some(event)) => found.push(event),
                    _ => whole = false,
                }
            }
            found.sort_by_key(|e| (e.span.start, e.span.end, e.id));
            if !whole {
                report.without_events += 1;
            }
            line(
                out,
                &DumpLine::Article {
                    article: Box::new(article),
                    events: whole.then_some(found),
                },
            )?;
            report.counts.articles += 1;
        }
        line(out, &DumpLine::End { end: report.counts })?;
        Ok(report)
    }

    /// Whether the store holds no article, event or gazetteer entry: a fresh path to restore
    /// into.
    pub fn holds_nothing(&self) -> Result<bool> {
        for prefix in [KeyPrefix::Article, KeyPrefix::Event, KeyPrefix::Place] {
            if self
                .db
                .scan_prefix(prefix.encode())
                .next()
                .transpose()?
                .is_some()
            {
                return Ok(false);
            }
        }
        Ok(true)
    }
}
