//! Looking at the store as a whole: counts ([`Store::stats`]), consistency ([`Store::check`]),
//! rebuilding the indexes ([`Store::repair`]) and a decoded listing ([`Store::dump`]).
//! `check` and `repair` derive the expected rows from `index::index_keys`, as writes do.

use std::collections::{HashMap, HashSet};
use std::fmt;

use crate::error::Result;
use crate::model::{Event, EventId, Report};

use super::codec::{
    decode_article, decode_article_head, decode_entry, decode_event, decode_format, decode_row,
    decode_row_head, encode_format, encode_row, thin_row_event,
};
use super::index::{IndexValues, index_keys, index_value};
use super::keys::{Index, Key, KeyPrefix};
use super::{FORMAT_VERSION, Store, guard};

/// Keys per batch when repair removes or writes rows.
const REPAIR_BATCH_KEYS: usize = 1000;

/// How many examples a check report keeps.
const MAX_EXAMPLES: usize = 10;

/// What the store holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stats {
    /// Stored articles.
    pub articles: u64,
    /// Stored events.
    pub events: u64,
    /// Rows per index, in [`Index::ALL`] order.
    pub rows: Vec<(Index, u64)>,
    /// Bytes sled uses on disk.
    pub disk_bytes: u64,
}

impl fmt::Display for Stats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "articles  {}", self.articles)?;
        writeln!(f, "events    {}", self.events)?;
        for (index, rows) in &self.rows {
            writeln!(f, "by {:<7} {rows}", index.as_str())?;
        }
        write!(f, "disk      {} bytes", self.disk_bytes)
    }
}

/// What [`Store::check`] found. Clean when every problem count is zero.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CheckReport {
    /// Articles seen.
    pub articles: u64,
    /// Events seen.
    pub events: u64,
    /// Index rows seen.
    pub index_rows: u64,
    /// Keys or values that do not decode.
    pub undecodable: u64,
    /// Events whose article is not stored.
    pub orphan_events: u64,
    /// Index rows an event should have but lacks, or holds with a wrong value; an event whose
    /// row shows a publication date or source its article does not have counts here too.
    pub missing_rows: u64,
    /// Index rows that point at an event that is not stored.
    pub dangling_rows: u64,
    /// Index rows of stored events that `index_keys` does not list for them.
    pub stray_rows: u64,
    /// Links between reports of one happening that go one way only or name no stored event:
    /// a duplicate whose counted report is gone or does not list it, a listed report that
    /// is not stored or does not point back, or a report listed twice.
    pub broken_links: u64,
    /// Reads that failed on damaged parts of the store's file (a region of rows, or a row
    /// looked up): what those parts held is lost.
    pub unreadable: u64,
    /// What opening the store found wrong: committed writes lost, a file read back empty.
    pub damage: Vec<String>,
    /// A few of the problems, described.
    pub examples: Vec<String>,
}

impl CheckReport {
    /// Whether the store is consistent.
    pub fn is_clean(&self) -> bool {
        self.undecodable == 0
            && self.orphan_events == 0
            && self.missing_rows == 0
            && self.dangling_rows == 0
            && self.stray_rows == 0
            && self.broken_links == 0
            && self.unreadable == 0
            && self.damage.is_empty()
    }

    fn example(&mut self, text: impl FnOnce() -> String) {
        if self.examples.len() < MAX_EXAMPLES {
            self.examples.push(text());
        }
    }
}

impl fmt::Display for CheckReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} articles, {} events, {} index rows: {}",
            self.articles,
            self.events,
            self.index_rows,
            if self.is_clean() { "clean" } else { "PROBLEMS" }
        )?;
        for (what, n) in [
            ("undecodable keys or values", self.undecodable),
            ("events without their article", self.orphan_events),
            ("missing index rows", self.missing_rows),
            ("index rows pointing at no event", self.dangling_rows),
            ("stray index rows", self.stray_rows),
            ("broken links between reports", self.broken_links),
            (
                "reads that failed on damaged parts of the file",
                self.unreadable,
            ),
        ] {
            if n > 0 {
                writeln!(f, "  {n} {what}")?;
            }
        }
        for damage in &self.damage {
            writeln!(f, "  damaged: {damage}")?;
        }
        for example in &self.examples {
            writeln!(f, "  e.g. {example}")?;
        }
        Ok(())
    }
}

/// What [`Store::repair`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RepairReport {
    /// Index rows removed (all of them: the indexes are rebuilt from scratch).
    pub rows_removed: u64,
    /// Index rows written from the events.
    pub rows_written: u64,
    /// Events removed because they did not decode or their article was gone.
    pub events_removed: u64,
    /// Articles, gazetteer entries or other keys that did not decode, removed.
    pub undecodable_removed: u64,
    /// What opening had found wrong (committed writes lost), now accepted: the store is
    /// sealed with what it holds.
    pub damage_cleared: Vec<String>,
    /// Events whose links to other reports of their happening were made two-way again.
    pub links_fixed: u64,
}

impl fmt::Display for RepairReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "removed {} index rows, wrote {}; removed {} unusable events and {} undecodable keys; fixed the links of {} events",
            self.rows_removed,
            self.rows_written,
            self.events_removed,
            self.undecodable_removed,
            self.links_fixed
        )?;
        for damage in &self.damage_cleared {
            write!(f, "\n  accepted: {damage}")?;
        }
        Ok(())
    }
}

impl Store {
    /// Counts articles, events and the rows of each index, and the bytes on disk. Reads every
    /// key once (sled scans about 3 M keys/s).
    pub fn stats(&self) -> Result<Stats> {
        let count = |prefix: KeyPrefix| -> Result<u64> {
            let mut n = 0;
            for row in self.db.scan_prefix(prefix.encode()).keys() {
                row?;
                n += 1;
            }
            Ok(n)
        };
        Ok(Stats {
            articles: count(KeyPrefix::Article)?,
            events: count(KeyPrefix::Event)?,
            rows: Index::ALL
                .iter()
                .map(|&index| Ok((index, count(index.prefix())?)))
                .collect::<Result<_>>()?,
            disk_bytes: guard::guarded(&self.books.shown, || self.sled.size_on_disk())?,
        })
    }

    /// Counts `event`'s links that are not two-way (see [`CheckReport::broken_links`]).
    fn check_links(&self, event: &Event, report: &mut CheckReport) -> Result<()> {
        let id = event.id;
        let stored = |other: EventId| -> Result<Option<Event>> {
            match self.db.get(Key::Event(other).encode())? {
                Some(bytes) => Ok(decode_row(&bytes).ok().map(|row| row.event)),
                None => Ok(None),
            }
        };
        if let Some(counted) = event.duplicate_of {
            let lists_back =
                stored(counted)?.is_some_and(|c| c.duplicates.iter().any(|r| r.event == id));
            if !lists_back {
                report.broken_links += 1;
                report.example(|| {
                    format!("event {id}: its counted report {counted} does not list it")
                });
            }
        }
        let mut listed = std::collections::HashSet::with_capacity(event.duplicates.len());
        for other in &event.duplicates {
            if !listed.insert(other.event) {
                report.broken_links += 1;
                report.example(|| format!("event {id}: lists report {} twice", other.event));
                continue;
            }
            let points_back = stored(other.event)?.is_some_and(|d| d.duplicate_of == Some(id));
            if !points_back {
                report.broken_links += 1;
                report.example(|| {
                    format!(
                        "event {id}: listed report {} does not point back",
                        other.event
                    )
                });
            }
        }
        Ok(())
    }

    /// Checks the store is consistent: every event has all its index rows (with the right
    /// values) and its article; no index row points at a missing event; no index row is
    /// left over; every page of both trees can be read; no committed write was lost. Holds
    /// the writer lock, so the counts are of one moment.
    ///
    /// Stray rows are found by counting (every index row names its event, so rows present =
    /// rows expected + dangling + stray); the report has examples of the other problems.
    pub fn check(&self) -> Result<CheckReport> {
        let _writer = self.lock_writer();
        let mut report = CheckReport {
            damage: self.damage(),
            ..CheckReport::default()
        };
        let mut expected_present = 0u64;
        let mut lost = Vec::new();
        let mut failed_lookups = Vec::new();
        lost.extend(self.db.readable(|key_bytes, value| {
            if let Err(e) = self.check_row(key_bytes, value, &mut report, &mut expected_present) {
                failed_lookups.push(format!("reading beside {}: {e}", shown_key(key_bytes)));
            }
        }));
        lost.extend(
            self.rollups
                .readable(|_, _| {})
                .into_iter()
                .map(|note| format!("rollups: {note}")),
        );
        report.unreadable = (lost.len() + failed_lookups.len()) as u64;
        for note in lost.into_iter().chain(failed_lookups) {
            report.example(|| note);
        }
        report.stray_rows = report
            .index_rows
            .saturating_sub(report.dangling_rows)
            .saturating_sub(expected_present);
        // Every page read: damage an earlier command met is gone (it was a passing read
        // error), and so is its note.
        if report.unreadable == 0 && report.damage.iter().any(|d| d.ends_with(guard::NOTED)) {
            if let Some(folder) = &self.path {
                guard::clear_damage_note(folder)?;
            }
            report.damage.retain(|d| !d.ends_with(guard::NOTED));
            self.books
                .damage
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .retain(|d| !d.ends_with(guard::NOTED));
        }
        Ok(report)
    }

    /// Checks one row of the main tree (see [`Store::check`]).
    fn check_row(
        &self,
        key_bytes: &[u8],
        value: &[u8],
        report: &mut CheckReport,
        expected_present: &mut u64,
    ) -> Result<()> {
        let key = match Key::decode(key_bytes) {
            Ok(key) => key,
            Err(e) => {
                report.undecodable += 1;
                report.example(|| format!("key {}: {e}", hex(key_bytes)));
                return Ok(());
            }
        };
        match &key {
            Key::Meta(_) => {}
            // Imported gazetteer entries stand alone: only their values can be wrong.
            Key::Place(id) => {
                if let Err(e) = decode_entry(value) {
                    report.undecodable += 1;
                    report.example(|| format!("place {id}: {e}"));
                }
            }
            // The name index of imported entries: a lookup reads each entry it names by id.
            Key::PlaceName { .. } => {}
            // A deleted article's kept first ingest time stands alone too: no article needs
            // to be stored beside it.
            Key::FirstIngest(id) => {
                if let Err(e) = super::writes::decode_first_ingest(value) {
                    report.undecodable += 1;
                    report.example(|| format!("first ingest time of article {id}: {e}"));
                }
            }
            Key::Article(id) => {
                report.articles += 1;
                if let Err(e) = decode_article(value) {
                    report.undecodable += 1;
                    report.example(|| format!("article {id}: {e}"));
                }
            }
            Key::Event(id) => {
                report.events += 1;
                let row = match decode_row(value) {
                    Ok(row) => row,
                    Err(e) => {
                        report.undecodable += 1;
                        report.example(|| format!("event {id}: {e}"));
                        return Ok(());
                    }
                };
                let event = &row.event;
                match self.db.get(Key::Article(event.article).encode())? {
                    None => {
                        report.orphan_events += 1;
                        report.example(|| format!("event {id}: article {} missing", event.article));
                    }
                    Some(article) => {
                        // An undecodable article is reported where the article is met.
                        if let Ok(head) = decode_article_head(&article)
                            && head != (row.published, row.source.clone())
                        {
                            report.missing_rows += 1;
                            report.example(|| {
                                format!("event {id}: its row shows another date or source than its article")
                            });
                        }
                    }
                }
                self.check_links(event, report)?;
                let index_row = IndexValues::of(event, row.published, row.source.as_deref())?;
                for index_key in index_keys(event) {
                    let stored = self.db.get(index_key.encode())?;
                    match stored {
                        None => {
                            report.missing_rows += 1;
                            report.example(|| format!("event {id}: no row {index_key:?}"));
                        }
                        Some(stored) => {
                            *expected_present += 1;
                            if *stored != *index_value(&index_key, &index_row) {
                                report.missing_rows += 1;
                                report.example(|| {
                                    format!("event {id}: wrong value under {index_key:?}")
                                });
                            }
                        }
                    }
                }
            }
            _ => {
                report.index_rows += 1;
                let Some(event) = key.indexed_event() else {
                    return Ok(());
                };
                if !self.db.contains_key(Key::Event(event).encode())? {
                    report.dangling_rows += 1;
                    report.example(|| format!("{key:?} points at no event"));
                }
            }
        }
        Ok(())
    }

    /// Rebuilds every index row from the events: removes all index rows, drops events that
    /// do not decode or whose article is gone, and writes each remaining event's rows anew.
    /// Works in batches and flushes at the end; if interrupted, run it again.
    pub fn repair(&self) -> Result<RepairReport> {
        let _writer = self.lock_writer();
        let mut report = RepairReport::default();
        let mut batch = RepairBatch::new(self);
        // A store read back empty gets its format marker again.
        let format_key = Key::Meta("format".into()).encode();
        if self.db.get(&format_key)?.is_none() {
            batch.insert(format_key, encode_format(FORMAT_VERSION))?;
        }
        // What does not decode is lost already: it goes, so that the rest is whole. (Events
        // are judged below, with their articles.)
        for row in self.db.iter() {
            let (key, value) = row?;
            let readable = match Key::decode(&key) {
                Ok(Key::Article(_)) => decode_article(&value).is_ok(),
                Ok(Key::Place(_)) => decode_entry(&value).is_ok(),
                Ok(Key::FirstIngest(_)) => super::writes::decode_first_ingest(&value).is_ok(),
                Ok(_) => true,
                Err(_) => false,
            };
            if !readable {
                batch.remove(key.to_vec())?;
                report.undecodable_removed += 1;
            }
        }
        batch.apply()?;
        for index in Index::ALL {
            for key in self.db.scan_prefix(index.prefix().encode()).keys() {
                batch.remove(key?.to_vec())?;
                report.rows_removed += 1;
            }
        }
        batch.apply()?;
        let mut links = LinkRepair::default();
        for row in self.db.scan_prefix(KeyPrefix::Event.encode()) {
            let (_, value) = row?;
            if let Some((event, (_, source))) = self.usable_event(&value)? {
                links.note(&event, source);
            }
        }
        links.settle();
        for row in self.db.scan_prefix(KeyPrefix::Event.encode()) {
            let (key, value) = row?;
            let Some((mut event, (published, source))) = self.usable_event(&value)? else {
                batch.remove(key.to_vec())?;
                report.events_removed += 1;
                continue;
            };
            if links.restore(&mut event) {
                report.links_fixed += 1;
            }
            // The row is encoded anew, so it shows what its article says now.
            let row = encode_row(&event, published, source.as_deref())?;
            let index_row = IndexValues::of(&event, published, source.as_deref())?;
            for index_key in index_keys(&event) {
                let value = index_value(&index_key, &index_row);
                batch.insert(index_key.encode(), value)?;
                report.rows_written += 1;
            }
            batch.insert(key.to_vec(), row)?;
        }
        batch.apply()?;
        self.rebuild_rollups()?;
        // What the store holds now is what it is sealed with: losses are accepted.
        self.reseal()?;
        if let Some(folder) = &self.path {
            guard::clear_damage_note(folder)?;
        }
        report.damage_cleared = std::mem::take(
            &mut *self
                .books
                .damage
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        );
        Ok(report)
    }

    /// An event value repair keeps, with its article's date and source: `None` when it does
    /// not decode or its article is gone (or does not decode).
    fn usable_event(&self, value: &[u8]) -> Result<Option<(Event, ArticleHead)>> {
        let Ok(event) = decode_event(value) else {
            return Ok(None);
        };
        Ok(self
            .db
            .get(Key::Article(event.article).encode())?
            .and_then(|bytes| decode_article_head(&bytes).ok())
            .map(|head| (event, head)))
    }

    /// Every row, one line each: the decoded key, its raw bytes in brackets, and the value
    /// (decoded for metadata and time rows, described for articles and events, hex
    /// otherwise; nothing when empty). For debugging and golden tests.
    pub fn dump(&self) -> impl Iterator<Item = Result<String>> + Send + use<> {
        self.tree().iter().map(|row| {
            let (key, value) = row?;
            let (shown_key, shown_value) = match Key::decode(&key) {
                Ok(Key::Meta(name)) if name == "commits" => (
                    Key::Meta(name).to_string(),
                    super::seal::decode_commits(&value)
                        .map_or_else(|_| hex(&value), |v| v.to_string()),
                ),
                Ok(decoded @ Key::Meta(_)) => (
                    decoded.to_string(),
                    decode_format(&value).map_or_else(|_| hex(&value), |v| v.to_string()),
                ),
                Ok(decoded @ Key::Article(_)) => (
                    decoded.to_string(),
                    match decode_article(&value) {
                        Ok(a) => format!("{:?} ({} bytes)", a.title, value.len()),
                        Err(e) => e.to_string(),
                    },
                ),
                Ok(decoded @ Key::Place(_)) => (
                    decoded.to_string(),
                    decode_entry(&value).map_or_else(
                        |e| e.to_string(),
                        |p| format!("{:?} ({} bytes)", p.name, value.len()),
                    ),
                ),
                Ok(decoded @ Key::ByArticle { .. }) => (decoded.to_string(), hex(&value)),
                Ok(decoded @ Key::FirstIngest(_)) => (
                    decoded.to_string(),
                    super::writes::decode_first_ingest(&value)
                        .map_or_else(|_| hex(&value), |at| at.to_rfc3339()),
                ),
                // A thin index row: its head, which names the kind and the start day.
                Ok(decoded) if matches!(thin_row_event(&value), Ok(Some(_))) => (
                    decoded.to_string(),
                    match decode_row_head(&value).and_then(|h| Ok((h.kind()?, h.start_day()))) {
                        Ok((kind, start)) => format!(
                            "{kind} {} thin ({} bytes)",
                            crate::model::from_day_number(start)
                                .map_or_else(|| start.to_string(), |d| d.to_string()),
                            value.len()
                        ),
                        Err(e) => e.to_string(),
                    },
                ),
                // Covering index rows carry the event's row, shown as the event key shows it.
                Ok(decoded) if decoded.index().is_some() || matches!(decoded, Key::Event(_)) => (
                    decoded.to_string(),
                    match decode_event(&value) {
                        Ok(e) => {
                            format!("{} {} ({} bytes)", e.kind, e.when.start, value.len())
                        }
                        Err(e) => e.to_string(),
                    },
                ),
                Ok(decoded) => (decoded.to_string(), hex(&value)),
                Err(e) => (format!("undecodable ({e})"), hex(&value)),
            };
            Ok(format!("{shown_key} [{}] {shown_value}", hex(&key))
                .trim_end()
                .to_string())
        })
    }
}

/// An article's publication date and publisher, as its row's head gives them.
type ArticleHead = (Option<chrono::NaiveDate>, Option<String>);

/// The links between reports as repair restores them, derived from the duplicates' side: a
/// duplicate keeps its `duplicate_of` when the event it names is kept and counted (else it
/// is counted itself); a counted event lists exactly the duplicates that point at it, each
/// once, in the order it listed them, any it had lost after them by id.
#[derive(Default)]
struct LinkRepair {
    /// Every usable event.
    kept: HashSet<EventId>,
    /// Each duplicate's counted report, as stored.
    pointers: HashMap<EventId, EventId>,
    /// Each duplicate as a report (its event, article and publisher).
    reports: HashMap<EventId, Report>,
    /// Each counted report's list, as stored; after [`LinkRepair::settle`], as restored.
    lists: HashMap<EventId, Vec<Report>>,
}

impl LinkRepair {
    /// Notes one usable event and its links.
    fn note(&mut self, event: &Event, source: Option<String>) {
        self.kept.insert(event.id);
        if let Some(counted) = event.duplicate_of {
            self.pointers.insert(event.id, counted);
            self.reports.insert(
                event.id,
                Report {
                    event: event.id,
                    article: event.article,
                    source,
                },
            );
        }
        if !event.duplicates.is_empty() {
            self.lists.insert(event.id, event.duplicates.clone());
        }
    }

    /// Decides every link once all events are noted.
    fn settle(&mut self) {
        let valid: HashMap<EventId, EventId> = self
            .pointers
            .iter()
            .filter(|(_, counted)| {
                self.kept.contains(counted) && !self.pointers.contains_key(counted)
            })
            .map(|(&duplicate, &counted)| (duplicate, counted))
            .collect();
        let mut lists: HashMap<EventId, Vec<Report>> = HashMap::new();
        let mut listed: HashSet<EventId> = HashSet::new();
        for (counted, old) in &self.lists {
            for report in old {
                if valid.get(&report.event) == Some(counted)
                    && listed.insert(report.event)
                    && let Some(fresh) = self.reports.get(&report.event)
                {
                    lists.entry(*counted).or_default().push(fresh.clone());
                }
            }
        }
        let mut lost: Vec<(EventId, EventId)> = valid
            .iter()
            .filter(|(duplicate, _)| !listed.contains(duplicate))
            .map(|(&duplicate, &counted)| (counted, duplicate))
            .collect();
        lost.sort();
        for (counted, duplicate) in lost {
            if let Some(report) = self.reports.get(&duplicate) {
                lists.entry(counted).or_default().push(report.clone());
            }
        }
        self.pointers = valid;
        self.lists = lists;
    }

    /// Gives `event` its restored links; true if they changed.
    fn restore(&mut self, event: &mut Event) -> bool {
        let duplicate_of = self.pointers.get(&event.id).copied();
        let duplicates = self.lists.remove(&event.id).unwrap_or_default();
        let changed = event.duplicate_of != duplicate_of || event.duplicates != duplicates;
        event.duplicate_of = duplicate_of;
        event.duplicates = duplicates;
        changed
    }
}

/// A key as `Key`'s text when it decodes, else its bytes in hex; the start for no key.
pub(super) fn shown_key(key: &[u8]) -> String {
    if key.is_empty() {
        return "the start".into();
    }
    Key::decode(key).map_or_else(|_| hex(key), |k| k.to_string())
}

/// Bytes as lower-case hex pairs.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Collects removals and inserts, applying them every [`REPAIR_BATCH_KEYS`] keys.
struct RepairBatch<'a> {
    store: &'a Store,
    batch: sled::Batch,
    keys: usize,
}

impl<'a> RepairBatch<'a> {
    fn new(store: &'a Store) -> Self {
        RepairBatch {
            store,
            batch: sled::Batch::default(),
            keys: 0,
        }
    }

    fn remove(&mut self, key: Vec<u8>) -> Result<()> {
        self.batch.remove(key);
        self.count()
    }

    fn insert(&mut self, key: Vec<u8>, value: Vec<u8>) -> Result<()> {
        self.batch.insert(key, value);
        self.count()
    }

    fn count(&mut self) -> Result<()> {
        self.keys += 1;
        if self.keys >= REPAIR_BATCH_KEYS {
            self.apply()?;
        }
        Ok(())
    }

    fn apply(&mut self) -> Result<()> {
        if self.keys > 0 {
            self.store.apply(std::mem::take(&mut self.batch))?;
            self.keys = 0;
        }
        Ok(())
    }
}
