//! `Db`: the library's front door. It joins the pure extractor to the store: an article goes in
//! as text and comes out as events in the indexes. It owns the ingest loop (batching, parallel
//! extraction, progress) and the running of a statement ([`Db::run`]): a query is planned and
//! handed to [`crate::query::exec`] with only the store and the gazetteer; the commands
//! (`ingest`, `delete article`, `stats`, `explain event`) are answered here, each with a typed
//! [`QueryResult`]. No parsing of queries (that is [`crate::query`]'s), no printing (that is
//! [`crate::output`]'s), no key formats (the store's). Scripts, and the settings they run
//! with, are [`crate::session::Session`]'s.

use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError, RwLock, mpsc};
use std::time::Instant;

use chrono::{DateTime, NaiveDate, Utc};

use crate::control::{Control, Interrupt};
use crate::error::{Error, Result};
use crate::extract::extract_with;
use crate::gazetteer::{Candidate, Gazetteer, geonames};
use crate::ingest::{ArticleInput, InputError, InputWarning, ReadOptions, limits, read_paths};
use crate::link::Linker;
use crate::model::{Article, ArticleId, Event, EventId};
use crate::query::plan::plan_query;
use crate::query::{self, Plan, PlanContext, QueryResult, Statement};
use crate::restore::RestoreReport;
use crate::store::{CheckReport, CompactReport, DumpReport, RepairReport, Stats, Store};

pub use crate::query::result::IngestReport;

/// Articles extracted together before one batched write: big enough to keep both cores busy,
/// small enough that a progress bar moves.
const CHUNK: usize = 64;

/// An embedded geochron database: a store plus the extractor that fills it.
///
/// `Db` is `Send + Sync`: share it between threads; readers run while one writer ingests.
pub struct Db {
    store: Store,
    /// The embedded gazetteer plus the store's imported entries: built on first need, dropped
    /// by an import so the next need sees the new entries.
    gazetteer: RwLock<Option<Arc<Gazetteer>>>,
    /// The ingest time given to the last article stored, in nanoseconds: each next one gets a
    /// later time, so ingest times tell ingest order (a dump keeps it).
    last_ingested: Mutex<i64>,
}

/// What importing a GeoNames dump did.
#[derive(Debug, Default)]
pub struct GazetteerImport {
    /// Entries stored (an entry already stored under the same GeoNames id is replaced).
    pub imported: usize,
    /// An error for each row that could not be read, naming file and line: the first
    /// [`GazetteerImport::ERRORS_KEPT`] of them; `skipped` counts them all.
    pub errors: Vec<InputError>,
    /// Rows that could not be read.
    pub skipped: usize,
}

impl GazetteerImport {
    /// Bad rows reported one by one: a file that is not a dump at all must not fill memory
    /// with a message per line.
    pub const ERRORS_KEPT: usize = 1000;
}

/// What ingesting one article did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ingested {
    /// The article was new; its events were stored.
    Stored {
        /// The article's id.
        article: ArticleId,
        /// How many events were extracted from it.
        events: usize,
    },
    /// The same article was already stored; nothing changed.
    Duplicate(ArticleId),
}

impl Db {
    /// Opens (or creates) the store at `path`: what a write (an ingest, an import) opens.
    pub fn open(path: impl AsRef<Path>) -> Result<Db> {
        Ok(Db {
            store: Store::open(path)?,
            gazetteer: RwLock::new(None),
            last_ingested: Mutex::new(i64::MIN),
        })
    }

    /// Opens the store at `path` however damaged it is, to check, repair or dump it: see
    /// [`Store::open_damaged`]. Fails only when nothing is there ([`Error::NoStore`]) or sled
    /// cannot read the file at all.
    pub fn open_damaged(path: impl AsRef<Path>) -> Result<Db> {
        let path = path.as_ref();
        if !path.exists() {
            return Err(Error::NoStore {
                path: path.to_path_buf(),
            });
        }
        Ok(Db {
            store: Store::open_damaged(path)?,
            gazetteer: RwLock::new(None),
            last_ingested: Mutex::new(i64::MIN),
        })
    }

    /// Opens the store at `path` to read it: [`Error::NoStore`] when nothing is there, never a
    /// new empty store.
    pub fn open_existing(path: impl AsRef<Path>) -> Result<Db> {
        let path = path.as_ref();
        if !path.exists() {
            return Err(Error::NoStore {
                path: path.to_path_buf(),
            });
        }
        Db::open(path)
    }

    /// A store in a temporary folder, removed when the `Db` is dropped.
    pub fn temporary() -> Result<Db> {
        Ok(Db {
            store: Store::temporary()?,
            gazetteer: RwLock::new(None),
            last_ingested: Mutex::new(i64::MIN),
        })
    }

    /// Rewrites the store into a fresh file in key order ([`Store::compact`]): the same
    /// events and articles; after a large load (`restore`, a big `ingest`) a file about a
    /// third smaller that opens in half the time. Returns the store opened again.
    pub fn compact(self) -> Result<(Db, CompactReport)> {
        let Db {
            store,
            gazetteer,
            last_ingested,
        } = self;
        let (store, report) = store.compact()?;
        Ok((
            Db {
                store,
                gazetteer,
                last_ingested,
            },
            report,
        ))
    }

    /// The store underneath, for typed scans.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Extracts one article and stores it with its events; the same article twice is a no-op.
    /// An article past the limits of [`crate::ingest::limits`] is cut to them first, as the
    /// readers cut what they read, and so stored.
    pub fn ingest(&self, mut input: ArticleInput) -> Result<Ingested> {
        crate::ingest::limits::cut_to_limits(&mut input);
        let id = ArticleId::of_text(&input.text);
        if self.store.contains_article(id)? {
            return Ok(Ingested::Duplicate(id));
        }
        let gazetteer = self.gazetteer()?;
        let (prepared, _) = prepare(input, &gazetteer);
        let written = self.write_linked(vec![prepared])?;
        Ok(if written.stored == 1 {
            Ingested::Stored {
                article: id,
                events: written.events,
            }
        } else {
            Ingested::Duplicate(id)
        })
    }

    /// Ingests every article in the files a path names (a file, a folder or a glob).
    pub fn ingest_path(&self, path: impl AsRef<Path>) -> Result<IngestReport> {
        let path = path.as_ref().to_string_lossy().into_owned();
        self.ingest_paths(&[path], &ReadOptions::default(), |_| {})
    }

    /// Ingests every article the paths name, extracting on all cores and writing in batches.
    /// Bad files and lines are reported in the result, never fatal; `progress` is called with
    /// the running totals after each batch.
    ///
    /// Extraction and writing overlap: a writer thread stores one chunk while the next is
    /// being extracted, so the store's cost hides behind extraction's instead of adding to it.
    pub fn ingest_paths(
        &self,
        paths: &[impl AsRef<str>],
        options: &ReadOptions,
        progress: impl FnMut(&IngestReport),
    ) -> Result<IngestReport> {
        self.ingest_paths_until(paths, options, progress, &Interrupt::new())
    }

    /// [`Db::ingest_paths`], stopping between two batches once `interrupt` is triggered:
    /// then [`Error::Interrupted`] says what was stored, and every batch written is whole
    /// (an ingest of the same paths again skips what is stored and reads the rest).
    pub fn ingest_paths_until(
        &self,
        paths: &[impl AsRef<str>],
        options: &ReadOptions,
        mut progress: impl FnMut(&IngestReport),
        interrupt: &Interrupt,
    ) -> Result<IngestReport> {
        let started = Instant::now();
        let mut report = IngestReport::default();
        let mut articles = read_paths(paths, options);
        report.bytes_total = articles.bytes_total();
        let mut interrupted = false;
        let gazetteer = self.gazetteer()?;
        // Two chunks in flight at most: one being written, one waiting.
        let (chunks, inbox) = mpsc::sync_channel::<Vec<(Article, Vec<Event>)>>(1);
        let (done, outbox) = mpsc::channel::<Result<Written>>();
        let outcome = std::thread::scope(|scope| {
            let writer = scope.spawn(move || {
                for prepared in inbox {
                    let written = self.write_linked(prepared);
                    let failed = written.is_err();
                    if done.send(written).is_err() || failed {
                        break;
                    }
                }
            });
            let outcome = (|| -> Result<()> {
                loop {
                    if interrupt.is_triggered() {
                        interrupted = true;
                        return Ok(());
                    }
                    let mut chunk = Vec::with_capacity(CHUNK);
                    for item in articles.by_ref() {
                        match item {
                            Ok(mut input) => {
                                report.warnings.append(&mut input.warnings);
                                chunk.push(input);
                            }
                            Err(e) => report.skipped.push(e),
                        }
                        if chunk.len() == CHUNK {
                            break;
                        }
                    }
                    if chunk.is_empty() {
                        return Ok(());
                    }
                    let fresh = self.fresh_inputs(chunk, &mut report)?;
                    let mut prepared = Vec::with_capacity(fresh.len());
                    for (item, warning) in extract_parallel(fresh, &gazetteer) {
                        prepared.push(item);
                        report.warnings.extend(warning);
                    }
                    if chunks.send(prepared).is_err() {
                        // The writer stopped: its error is waiting in the outbox.
                        return Ok(());
                    }
                    while let Ok(written) = outbox.try_recv() {
                        written?.add_to(&mut report);
                    }
                    report.seconds = started.elapsed().as_secs_f64();
                    report.bytes_read = articles.bytes_read();
                    progress(&report);
                }
            })();
            drop(chunks);
            // A panicking writer is a bug; re-raise it rather than losing articles silently.
            writer
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e));
            for written in outbox.try_iter() {
                written?.add_to(&mut report);
            }
            outcome
        });
        if let Err(e) = outcome.and_then(|()| self.store.flush()) {
            return Err(after_committed(e, report.articles));
        }
        report.seconds = started.elapsed().as_secs_f64();
        if interrupted {
            return Err(Error::Interrupted(format!(
                "{} articles ({} events) were stored before it, each batch whole; ingest the \
                 same paths again to read the rest (stored articles are skipped)",
                report.articles, report.events
            )));
        }
        report.bytes_read = report.bytes_total;
        Ok(report)
    }

    /// The inputs of a chunk not stored yet and not repeated within it; the others count as
    /// duplicates.
    fn fresh_inputs(
        &self,
        chunk: Vec<ArticleInput>,
        report: &mut IngestReport,
    ) -> Result<Vec<ArticleInput>> {
        let mut fresh = Vec::with_capacity(chunk.len());
        let mut seen = std::collections::HashSet::with_capacity(chunk.len());
        for input in chunk {
            let id = ArticleId::of_text(&input.text);
            if !seen.insert(id) || self.store.contains_article(id)? {
                report.duplicates += 1;
            } else {
                fresh.push(input);
            }
        }
        Ok(fresh)
    }

    /// Writes a chunk of extracted articles, linking each event to an earlier report of the
    /// same happening (stored, or earlier in this chunk) first. Runs on the writer thread, so
    /// links see every chunk written before.
    ///
    /// The writer lock is held from the "already stored?" test to the write, and the new
    /// articles go in one batch with the stored events their links rewrite: a crash leaves
    /// both sides of every link or neither, and an article repeated in the chunk before
    /// (still being written when the main thread looked) is a duplicate here, never linked a
    /// second time.
    fn write_linked(&self, prepared: Vec<(Article, Vec<Event>)>) -> Result<Written> {
        let offered = prepared.len();
        let writer = self.store.writer();
        let mut fresh = Vec::with_capacity(prepared.len());
        for item in prepared {
            if !writer.contains_article(item.0.id)? {
                fresh.push(item);
            }
        }
        self.stamp_ingest_times(&mut fresh);
        let mut linker = Linker::new(&self.store);
        for i in 0..fresh.len() {
            let (earlier, rest) = fresh.split_at_mut(i);
            if let Some((article, events)) = rest.first_mut() {
                linker.link(article, events, earlier)?;
            }
        }
        let stored = writer.put_linked(&fresh, &linker.into_changed())?;
        Ok(Written {
            stored,
            offered,
            events: fresh.iter().map(|(_, e)| e.len()).sum(),
        })
    }

    /// Gives each article the time it is stored, each later than the one before.
    fn stamp_ingest_times(&self, articles: &mut [(Article, Vec<Event>)]) {
        let mut last = self
            .last_ingested
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        for (article, _) in articles {
            let now = Utc::now().timestamp_nanos_opt().unwrap_or(i64::MAX);
            *last = now.max(last.saturating_add(1));
            article.ingested_at = DateTime::from_timestamp_nanos(*last);
        }
    }

    /// Writes a dump of the store (every article with its text and events, and the imported
    /// gazetteer entries, as JSON lines: see [`crate::store::DumpLine`]) to `out`. A damaged
    /// store gives what can be read, the rest listed in the report.
    pub fn dump(&self, out: &mut impl std::io::Write) -> Result<DumpReport> {
        self.store.write_dump(out)
    }

    /// Rebuilds this store, which must hold nothing yet, from a dump read from `input`
    /// (`name` names it in errors): gazetteer entries first, then the articles with their
    /// events and links as dumped; an article dumped without events is extracted again and
    /// linked, in dump order. Bad lines are reported and skipped. Ends with a check, and a
    /// repair if the dump's links were not whole (a dump of a damaged store).
    pub fn restore(&self, input: impl std::io::BufRead, name: &Path) -> Result<RestoreReport> {
        if !self.store.holds_nothing()? {
            return Err(crate::Error::Invalid(format!(
                "{}: the store holds articles already; restore into a fresh path (`geochron --db NEW restore FILE`)",
                self.store
                    .path()
                    .map_or_else(|| "(temporary store)".into(), |p| p.display().to_string())
            )));
        }
        let mut restore = crate::restore::Restore::new(self, name);
        restore.read(input)?;
        restore.finish()
    }

    /// Extracts articles given as inputs and stores them linked, as an ingest does; how many
    /// were new and how many events they brought.
    pub(crate) fn ingest_inputs(&self, inputs: Vec<ArticleInput>) -> Result<(usize, usize)> {
        let gazetteer = self.gazetteer()?;
        let prepared = extract_parallel(inputs, &gazetteer)
            .into_iter()
            .map(|(item, _)| item)
            .collect();
        let written = self.write_linked(prepared)?;
        Ok((written.stored, written.events))
    }

    /// Reads a GeoNames dump (the 19-column format of `allCountries.txt` or `cities500.txt`)
    /// into the store; articles ingested afterwards find its places beside the embedded ones.
    /// Bad rows are reported, not fatal; an unreadable file is an error.
    pub fn import_gazetteer(&self, path: impl AsRef<Path>) -> Result<GazetteerImport> {
        // Streamed: rows go from the file to the store in batches, so a dump of millions of
        // rows is imported in the memory of one batch.
        let mut report = GazetteerImport::default();
        let rows = geonames::DumpRows::open(path.as_ref())?.filter_map(|row| match row {
            Ok(Ok(entry)) => Some(Ok(entry)),
            Ok(Err(error)) => {
                report.skipped += 1;
                if report.errors.len() < GazetteerImport::ERRORS_KEPT {
                    report.errors.push(error);
                }
                None
            }
            Err(error) => Some(Err(error)),
        });
        let written = self.store.put_place_stream(rows);
        self.forget_gazetteer();
        report.imported = written?;
        Ok(report)
    }

    /// Stores gazetteer entries (see [`Store::put_places`]); articles extracted afterwards
    /// find them.
    pub(crate) fn put_places(&self, entries: &[crate::gazetteer::Entry]) -> Result<usize> {
        let written = self.store.put_places(entries)?;
        self.forget_gazetteer();
        Ok(written)
    }

    /// Drops the gazetteer built from the store, so the next need sees newly stored entries.
    fn forget_gazetteer(&self) {
        *self
            .gazetteer
            .write()
            .unwrap_or_else(PoisonError::into_inner) = None;
    }

    /// The gazetteer this store extracts with: the embedded one plus its imported entries.
    pub fn gazetteer(&self) -> Result<Arc<Gazetteer>> {
        if let Some(g) = self
            .gazetteer
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .as_ref()
        {
            return Ok(Arc::clone(g));
        }
        let mut slot = self
            .gazetteer
            .write()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(g) = slot.as_ref() {
            return Ok(Arc::clone(g));
        }
        // Imported entries stay in the store: a lookup reads those of its name only.
        let g = Arc::new(Gazetteer::with_index(Arc::new(self.store.place_names())));
        *slot = Some(Arc::clone(&g));
        Ok(g)
    }

    /// Every place `name` may mean, best first, imported entries included.
    pub fn places(&self, name: &str) -> Result<Vec<Candidate>> {
        Ok(self.gazetteer()?.lookup(name))
    }

    /// The article with this id.
    pub fn get_article(&self, id: ArticleId) -> Result<Option<Article>> {
        self.store.get_article(id)
    }

    /// The event with this id.
    pub fn get_event(&self, id: EventId) -> Result<Option<Event>> {
        self.store.get_event(id)
    }

    /// The events of one article, in the order extraction ranked them.
    pub fn article_events(&self, id: ArticleId) -> Result<Vec<Event>> {
        self.store.article_events(id)
    }

    /// Removes an article, its events and their index rows; false if it was not stored.
    pub fn delete_article(&self, id: ArticleId) -> Result<bool> {
        // Other articles' reports linked with this one's events are relinked in the same
        // batch, so no link is ever left pointing at a deleted event, even after a crash.
        let writer = self.store.writer();
        let relinked = crate::link::unlink_article(&self.store, id)?;
        writer.delete_relinked(id, &relinked)
    }

    /// Counts of articles, events and index rows, and the size on disk.
    pub fn stats(&self) -> Result<Stats> {
        self.store.stats()
    }

    /// Verifies that every event has all its index rows and no row points at nothing.
    pub fn check(&self) -> Result<CheckReport> {
        self.store.check()
    }

    /// Rebuilds every index row from the stored events.
    pub fn repair(&self) -> Result<RepairReport> {
        self.store.repair()
    }

    /// Runs one statement of the query language, with `today` from the local clock.
    ///
    /// An events result holds whole events ([`QueryResult::events`]): every field, with the
    /// event's other places, the words of its date and the evidence of each field, which
    /// cost one read by key per row beyond what the index gives ([`Db::run`] gives rows as
    /// the index holds them). A statement that does not parse or make sense is
    /// [`crate::Error::Query`]; render it under the text with
    /// [`crate::query::QueryError::render`].
    pub fn query(&self, text: &str) -> Result<QueryResult> {
        self.query_at(text, chrono::Local::now().date_naive())
    }

    /// Runs one statement with `today` given: what tests and scripts with a fixed date use.
    /// Events come whole, as from [`Db::query`].
    pub fn query_at(&self, text: &str, today: NaiveDate) -> Result<QueryResult> {
        let result = self.run(&query::parse(text)?, today)?;
        self.whole_events(result)
    }

    /// The result with each events row's event read whole from the store: an index row
    /// leaves out what no column shows (the other places, the date's words, the evidence).
    pub fn whole_events(&self, mut result: QueryResult) -> Result<QueryResult> {
        if let QueryResult::Events { rows, .. } = &mut result {
            for row in rows {
                if let Some(event) = self.store.get_event(row.event.id)? {
                    row.event = event;
                }
            }
        }
        Ok(result)
    }

    /// Runs one parsed and checked statement ([`query::parse`]), symbolic dates counted from
    /// `today`: the one place every statement is run, whoever read it. A query or `explain`
    /// is planned against the store's gazetteer and executed over the store; the commands
    /// are answered here: `ingest` reads files (bad ones are in the report, not errors),
    /// `delete article` and `explain event` are [`Error::NotFound`] for an id not stored.
    ///
    /// An events result's rows hold each event as the index keeps it: every field a column
    /// shows, filters or sorts on, but not its other places, the words of its date or the
    /// evidence of each field; [`Db::whole_events`] reads the rest, as [`Db::query`] does.
    pub fn run(&self, statement: &Statement, today: NaiveDate) -> Result<QueryResult> {
        self.run_with(statement, today, &Control::default())
    }

    /// [`Db::run`] under `control`: a query's scan and an ingest's batches stop once its
    /// interrupt is triggered ([`Error::Interrupted`]); an ingest reports its progress to it.
    pub fn run_with(
        &self,
        statement: &Statement,
        today: NaiveDate,
        control: &Control,
    ) -> Result<QueryResult> {
        match statement {
            Statement::Query(query) => {
                // The store's gazetteer: the embedded places plus any imported ones.
                let gazetteer = self.gazetteer()?;
                let plan = plan_query(query, &PlanContext::new(today, &gazetteer))?;
                let result = query::exec::run(&self.store, &gazetteer, &plan, &control.interrupt);
                // A name the store could not read would have made the answer wrong.
                gazetteer.take_failure().map_or(result, Err)
            }
            Statement::Explain(query) => {
                let gazetteer = self.gazetteer()?;
                let plan = plan_query(query, &PlanContext::new(today, &gazetteer))?;
                Ok(QueryResult::Plan(Box::new(plan)))
            }
            Statement::ExplainEvent(id) => Ok(QueryResult::Provenance(Box::new(
                query::provenance(&self.store, id.node)?,
            ))),
            Statement::Ingest(path) => {
                let paths = [path.node.as_str()];
                let progress = |so_far: &IngestReport| {
                    if let Some(progress) = &control.progress {
                        progress(so_far);
                    }
                };
                let report = self.ingest_paths_until(
                    &paths,
                    &ReadOptions::default(),
                    progress,
                    &control.interrupt,
                )?;
                Ok(QueryResult::Ingested(report))
            }
            Statement::DeleteArticle(id) => {
                if self.delete_article(id.node)? {
                    Ok(QueryResult::Deleted(id.node))
                } else {
                    Err(Error::NotFound(format!(
                        "no article has the id {}",
                        id.node
                    )))
                }
            }
            Statement::Stats => Ok(QueryResult::Stats(self.stats()?)),
        }
    }

    /// The plan of a query (with or without a leading `explain`), with `today` from the clock.
    pub fn explain(&self, text: &str) -> Result<Plan> {
        self.explain_at(text, chrono::Local::now().date_naive())
    }

    /// The plan of a query with `today` given.
    pub fn explain_at(&self, text: &str, today: NaiveDate) -> Result<Plan> {
        let statement = query::parse(text)?;
        let gazetteer = self.gazetteer()?;
        Ok(query::plan(
            &statement,
            &PlanContext::new(today, &gazetteer),
        )?)
    }

    /// Writes everything to disk now.
    pub fn flush(&self) -> Result<()> {
        self.store.flush()
    }
}

/// What the writer thread did with one chunk.
struct Written {
    /// Articles it stored.
    stored: usize,
    /// Articles it was handed (the rest were stored meanwhile: repeats of an earlier chunk).
    offered: usize,
    /// Events of the articles it stored.
    events: usize,
}

impl Written {
    fn add_to(self, report: &mut IngestReport) {
        report.articles += self.stored;
        report.duplicates += self.offered - self.stored;
        report.events += self.events;
    }
}

/// An ingest's I/O failure as a sentence that says how much was committed and what to do:
/// `disk full after 3,608 articles were committed; free space and run the same ingest
/// again` (ingest is idempotent: what was committed is skipped the second time).
fn after_committed(error: crate::Error, committed: usize) -> crate::Error {
    let crate::Error::Io { path, source } = error else {
        return error;
    };
    let committed = limits::thousands(committed);
    let message = if source.kind() == std::io::ErrorKind::StorageFull {
        format!(
            "disk full after {committed} articles were committed; free space and run the same ingest again"
        )
    } else {
        format!(
            "{source}, after {committed} articles were committed; run the same ingest again once it is fixed"
        )
    };
    crate::Error::Io {
        path,
        source: std::io::Error::new(source.kind(), message),
    }
}

/// The stored article and its events for one input, and a warning when it had more events
/// than an article keeps ([`limits::MAX_EVENTS`]: the most salient are kept).
fn prepare(input: ArticleInput, gazetteer: &Gazetteer) -> (Prepared, Option<InputWarning>) {
    let extraction = extract_with(&input, gazetteer);
    let id = ArticleId::of_text(&input.text);
    let mut events = extraction.events;
    let cut = limits::events_cut(events.len()).map(|message| {
        let title = input.title.chars().take(60).collect::<String>();
        InputWarning::new(
            Path::new(&format!("article {id} ({title:?})")),
            None,
            message,
        )
    });
    events.truncate(limits::MAX_EVENTS);
    let article = Article {
        id,
        title: input.title,
        published: input.published,
        source: input.source,
        url: input.url,
        countries: extraction.article.countries,
        text: input.text,
        ingested_at: Utc::now(),
    };
    ((article, events), cut)
}

/// An article ready to store, with its events.
type Prepared = (Article, Vec<Event>);

/// Extracts articles on every available core; order is kept.
fn extract_parallel(
    inputs: Vec<ArticleInput>,
    gazetteer: &Gazetteer,
) -> Vec<(Prepared, Option<InputWarning>)> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if threads < 2 || inputs.len() < 2 {
        return inputs
            .into_iter()
            .map(|input| prepare(input, gazetteer))
            .collect();
    }
    let per_thread = inputs.len().div_ceil(threads);
    let mut groups: Vec<Vec<ArticleInput>> = Vec::new();
    let mut inputs = inputs.into_iter().peekable();
    while inputs.peek().is_some() {
        groups.push(inputs.by_ref().take(per_thread).collect());
    }
    std::thread::scope(|scope| {
        let handles: Vec<_> = groups
            .into_iter()
            .map(|group| {
                scope.spawn(move || {
                    group
                        .into_iter()
                        .map(|input| prepare(input, gazetteer))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        // A panicking extractor is a bug; re-raise it rather than losing articles silently.
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn io_failures_of_an_ingest_say_what_was_committed() {
        let full = after_committed(
            crate::Error::Io {
                path: "geochron.db".into(),
                source: std::io::Error::from(std::io::ErrorKind::StorageFull),
            },
            3608,
        );
        assert_eq!(
            full.to_string(),
            "geochron.db: disk full after 3,608 articles were committed; free space and run the same ingest again"
        );
        let other = after_committed(
            crate::Error::Io {
                path: "geochron.db".into(),
                source: std::io::Error::other("input/output error"),
            },
            12,
        );
        assert_eq!(
            other.to_string(),
            "geochron.db: input/output error, after 12 articles were committed; run the same ingest again once it is fixed"
        );
    }

    #[test]
    fn db_is_send_and_sync() {
        assert_send_sync::<Db>();
    }

    #[test]
    fn ingest_twice_is_a_no_op() -> Result<()> {
        let db = Db::temporary()?;
        let input = ArticleInput {
            title: "Convoy attacked".into(),
            published: chrono::NaiveDate::from_ymd_opt(2020, 1, 3),
            text: "Militants attacked a convoy of soldiers near the city. Six died.".into(),
            ..ArticleInput::default()
        };
        let first = db.ingest(input.clone())?;
        let Ingested::Stored { article, events } = first else {
            panic!("first ingest should store, got {first:?}");
        };
        assert_eq!(events, 1);
        assert_eq!(db.ingest(input)?, Ingested::Duplicate(article));
        assert_eq!(db.stats()?.articles, 1);
        assert!(db.check()?.is_clean());
        Ok(())
    }
}
