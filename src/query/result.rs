//! `QueryResult`: what a statement gives back, typed. A plain events query gives
//! [`EventRow`]s holding the stored [`Event`]s; stages that reshape rows give tables of
//! [`Datum`]s or timelines; commands give what they did ([`IngestReport`], the deleted
//! article's id, the store's [`Stats`]). The output renderers print any of them; nothing
//! here does I/O or formats text for people.

use chrono::NaiveDate;

use super::ast::{Bucket, Field};
use super::plan::Plan;
use super::rows::{ArticleRow, Datum, EventRow, PlaceRow};
use crate::ingest::{InputError, InputWarning};
use crate::model::{Article, ArticleId, Event, EventId};
use crate::store::Stats;

/// The result of one statement.
#[derive(Clone, Debug, PartialEq)]
pub enum QueryResult {
    /// Events, with the columns to show.
    Events {
        /// The rows, in result order.
        rows: Vec<EventRow>,
        /// The columns to show, in order.
        columns: Vec<Field>,
    },
    /// Articles, with the columns to show.
    Articles {
        /// The rows, in result order.
        rows: Vec<ArticleRow>,
        /// The columns to show, in order.
        columns: Vec<Field>,
    },
    /// Gazetteer places, with the columns to show.
    Places {
        /// The rows, in result order.
        rows: Vec<PlaceRow>,
        /// The columns to show, in order.
        columns: Vec<Field>,
    },
    /// Rows a `count` or `top` stage made (or a `select` after one): columns and values.
    Table {
        /// The columns, `count` among them.
        columns: Vec<Field>,
        /// One value per column in each row.
        rows: Vec<Vec<Datum>>,
    },
    /// Counts per calendar unit, every unit between the first and the last shown.
    Timeline {
        /// The unit.
        bucket: Bucket,
        /// The units in date order (unless sorted otherwise).
        rows: Vec<TimelineRow>,
        /// Rows that had no date on the axis and could not be placed.
        undated: u64,
    },
    /// The plan of an `explain QUERY`.
    Plan(Box<Plan>),
    /// An event and where it came from, for `explain event ID`.
    Provenance(Box<Provenance>),
    /// What `ingest PATH` did.
    Ingested(IngestReport),
    /// The article `delete article ID` removed, with its events and their index rows.
    Deleted(ArticleId),
    /// What `stats` found: articles, events, rows per index, bytes on disk.
    Stats(Stats),
}

/// What ingesting a batch of files did: the `ingest` statement's result, and
/// [`crate::Db::ingest_paths`]'s.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct IngestReport {
    /// New articles stored.
    pub articles: usize,
    /// Articles already in the store, left as they were.
    pub duplicates: usize,
    /// Events stored with the new articles.
    pub events: usize,
    /// Articles that could not be read, each with its file and line.
    pub skipped: Vec<InputError>,
    /// Problems that did not cost an article (an unknown country dropped, …).
    pub warnings: Vec<InputWarning>,
    /// Wall-clock seconds the ingest took.
    pub seconds: f64,
    /// The size of the files to read, in bytes (known before reading starts).
    pub bytes_total: u64,
    /// Bytes of them read so far: what a progress bar's percentage is of.
    pub bytes_read: u64,
}

/// One bar of a timeline.
#[derive(Clone, Debug, PartialEq)]
pub struct TimelineRow {
    /// The unit's name: `2019-12-05`, `2019-W49`, `2019-12`, `2019-Q4`, `2019`.
    pub label: String,
    /// The unit's first day.
    pub first: NaiveDate,
    /// How many rows fall in it.
    pub count: u64,
}

/// An event with the article it was extracted from.
#[derive(Clone, Debug, PartialEq)]
pub struct Provenance {
    /// The event.
    pub event: Event,
    /// Its article, when still stored.
    pub article: Option<Article>,
    /// The other articles' reports of the same happening, the counted one first.
    pub other_reports: Vec<OtherReport>,
}

/// Another article's event that reports the same happening.
#[derive(Clone, Debug, PartialEq)]
pub struct OtherReport {
    /// The event.
    pub event: EventId,
    /// Its article.
    pub article: ArticleId,
    /// Its article's publisher, when known.
    pub source: Option<String>,
    /// Whether it is the report queries count (the others are its duplicates).
    pub counted: bool,
}

impl QueryResult {
    /// The events of an events result, in order; empty for any other result. From
    /// [`crate::Db::query`] (and [`crate::Session::query`]) they are whole; from
    /// [`crate::Db::run`] they are as the index keeps them — no other places, no words of
    /// the date, no evidence — until [`crate::Db::whole_events`] reads the rest.
    pub fn events(&self) -> Vec<&Event> {
        match self {
            QueryResult::Events { rows, .. } => rows.iter().map(|r| &r.event).collect(),
            _ => Vec::new(),
        }
    }

    /// How many rows the result has (1 for a plan, a provenance or a command's report).
    pub fn len(&self) -> usize {
        match self {
            QueryResult::Events { rows, .. } => rows.len(),
            QueryResult::Articles { rows, .. } => rows.len(),
            QueryResult::Places { rows, .. } => rows.len(),
            QueryResult::Table { rows, .. } => rows.len(),
            QueryResult::Timeline { rows, .. } => rows.len(),
            _ => 1,
        }
    }

    /// Whether the result has no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The result as columns and values, when it has rows: what csv and the table print.
    pub fn table(&self) -> Option<(Vec<Field>, Vec<Vec<Datum>>)> {
        fn project<T>(
            rows: &[T],
            columns: &[Field],
            get: impl Fn(&T, Field) -> Datum,
        ) -> Vec<Vec<Datum>> {
            rows.iter()
                .map(|r| columns.iter().map(|&c| get(r, c)).collect())
                .collect()
        }
        Some(match self {
            QueryResult::Events { rows, columns } => {
                (columns.clone(), project(rows, columns, EventRow::column))
            }
            QueryResult::Articles { rows, columns } => {
                (columns.clone(), project(rows, columns, ArticleRow::column))
            }
            QueryResult::Places { rows, columns } => {
                (columns.clone(), project(rows, columns, PlaceRow::column))
            }
            QueryResult::Table { columns, rows } => (columns.clone(), rows.clone()),
            QueryResult::Timeline { rows, .. } => (
                vec![Field::Date, Field::Count],
                rows.iter()
                    .map(|r| {
                        vec![
                            Datum::Text(r.label.clone()),
                            Datum::Int(i64::try_from(r.count).unwrap_or(i64::MAX)),
                        ]
                    })
                    .collect(),
            ),
            _ => return None,
        })
    }
}
