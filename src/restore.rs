//! Restoring a store from a dump ([`crate::store::DumpLine`]): reads it line by line into a
//! fresh store, writing articles with their dumped events in batches and extracting again
//! the articles dumped without them, in dump order. Owns the reading of a dump; the layout is
//! the store's, the writes are the `Db`'s.

use std::io::BufRead;
use std::path::{Path, PathBuf};

use crate::db::Db;
use crate::error::Result;
use crate::gazetteer::Entry;
use crate::ingest::{ArticleInput, InputError};
use crate::model::{Article, ArticleId, Event};
use crate::store::{DUMP_VERSION, DumpCounts, DumpLine, RepairReport};

/// Articles written per batch.
const CHUNK: usize = 64;

/// Gazetteer entries written per batch.
const PLACES_CHUNK: usize = 10_000;

/// What restoring a dump did.
#[derive(Debug, Default)]
pub struct RestoreReport {
    /// Articles stored.
    pub articles: usize,
    /// Events stored with them (dumped or extracted again).
    pub events: usize,
    /// Gazetteer entries stored.
    pub places: usize,
    /// Articles the dump gave without events, extracted again.
    pub extracted: usize,
    /// Lines that could not be read, each with its line number.
    pub skipped: Vec<InputError>,
    /// Whether the dump ended with its closing counts, and they agree: a dump cut short
    /// lacks them.
    pub complete: bool,
    /// The repair that made the links of an incomplete dump whole, when one was needed.
    pub repaired: Option<RepairReport>,
}

/// A restore under way.
pub(crate) struct Restore<'a> {
    db: &'a Db,
    name: PathBuf,
    report: RestoreReport,
    places: Vec<Entry>,
    dumped: Vec<(Article, Vec<Event>)>,
    counted: DumpCounts,
    end: Option<DumpCounts>,
}

impl<'a> Restore<'a> {
    pub(crate) fn new(db: &'a Db, name: &Path) -> Restore<'a> {
        Restore {
            db,
            name: name.to_path_buf(),
            report: RestoreReport::default(),
            places: Vec::new(),
            dumped: Vec::new(),
            counted: DumpCounts::default(),
            end: None,
        }
    }

    /// Reads every line of the dump, writing as it goes.
    pub(crate) fn read(&mut self, input: impl BufRead) -> Result<()> {
        let mut header_seen = false;
        for (index, line) in input.lines().enumerate() {
            let line_no = index + 1;
            let line = match line {
                Ok(line) => line,
                Err(e) => {
                    self.skip(line_no, format!("cannot read: {e}"));
                    continue;
                }
            };
            if line.trim().is_empty() {
                continue;
            }
            let parsed: DumpLine = match serde_json::from_str(&line) {
                Ok(parsed) => parsed,
                Err(e) => {
                    if !header_seen {
                        return Err(self.not_a_dump(line_no).into());
                    }
                    self.skip(line_no, format!("not a dump line: {e}"));
                    continue;
                }
            };
            match parsed {
                DumpLine::Header { geochron_dump, .. } if !header_seen => {
                    if geochron_dump != DUMP_VERSION {
                        return Err(InputError::new(
                            &self.name,
                            Some(line_no),
                            format!(
                                "a dump of layout {geochron_dump}; this geochron reads layout {DUMP_VERSION}"
                            ),
                        )
                        .into());
                    }
                    header_seen = true;
                }
                _ if !header_seen => return Err(self.not_a_dump(line_no).into()),
                DumpLine::Header { .. } => self.skip(line_no, "a second header".into()),
                DumpLine::Place { place } => {
                    self.counted.places += 1;
                    self.places.push(place);
                    if self.places.len() >= PLACES_CHUNK {
                        self.write_places()?;
                    }
                }
                DumpLine::FirstIngest { first_ingest } => {
                    self.counted.first_ingests += 1;
                    self.db
                        .store()
                        .keep_first_ingest(first_ingest.article, first_ingest.at)?;
                }
                DumpLine::Article { article, events } => {
                    self.counted.articles += 1;
                    self.article(line_no, *article, events)?;
                }
                DumpLine::End { end } => self.end = Some(end),
            }
        }
        if !header_seen {
            return Err(self.not_a_dump(1).into());
        }
        Ok(())
    }

    /// Stores what is left and checks the store; repairs its links if the dump's were not
    /// whole.
    pub(crate) fn finish(mut self) -> Result<RestoreReport> {
        self.write_places()?;
        self.write_dumped()?;
        self.db.flush()?;
        self.report.complete = self.end == Some(self.counted);
        if !self.db.check()?.is_clean() {
            self.report.repaired = Some(self.db.repair()?);
        }
        Ok(self.report)
    }

    fn not_a_dump(&self, line_no: usize) -> InputError {
        InputError::new(
            &self.name,
            Some(line_no),
            "not a geochron dump (it starts with {\"geochron_dump\": 1, …}; write one with `geochron dump FILE`)",
        )
    }

    fn skip(&mut self, line_no: usize, message: String) {
        self.report
            .skipped
            .push(InputError::new(&self.name, Some(line_no), message));
    }

    /// One article line: stored with its events as dumped, or extracted again.
    fn article(
        &mut self,
        line_no: usize,
        article: Article,
        events: Option<Vec<Event>>,
    ) -> Result<()> {
        if article.id != ArticleId::of_text(&article.text) {
            self.skip(
                line_no,
                format!(
                    "article {}: its id is not its text's (the text was changed)",
                    article.id
                ),
            );
            return Ok(());
        }
        // Extraction finds the store's imported places: they go first.
        self.write_places()?;
        match events {
            Some(events) => {
                if let Some(other) = events.iter().find(|e| e.article != article.id) {
                    self.skip(
                        line_no,
                        format!("event {} names article {}", other.id, other.article),
                    );
                    return Ok(());
                }
                self.dumped.push((article, events));
                if self.dumped.len() >= CHUNK {
                    self.write_dumped()?;
                }
            }
            None => {
                // Articles before it are stored first: it is linked to what came before.
                self.write_dumped()?;
                // Extracted again, it keeps the time it was first ingested.
                self.db
                    .store()
                    .keep_first_ingest(article.id, article.ingested_at)?;
                let input = ArticleInput {
                    title: article.title,
                    published: article.published,
                    source: article.source,
                    url: article.url,
                    countries: article.countries,
                    text: article.text,
                    ..ArticleInput::default()
                };
                let (stored, events) = self.db.ingest_inputs(vec![input])?;
                self.report.articles += stored;
                self.report.events += events;
                self.report.extracted += stored;
            }
        }
        Ok(())
    }

    fn write_places(&mut self) -> Result<()> {
        if !self.places.is_empty() {
            self.report.places += self.db.put_places(&self.places)?;
            self.places.clear();
        }
        Ok(())
    }

    fn write_dumped(&mut self) -> Result<()> {
        if self.dumped.is_empty() {
            return Ok(());
        }
        let items = self.dumped.iter().map(|(a, e)| (a, e.as_slice()));
        let stored = self.db.store().put_articles_buffered(items)?;
        self.report.articles += stored;
        self.report.events += self.dumped.iter().map(|(_, e)| e.len()).sum::<usize>();
        self.dumped.clear();
        Ok(())
    }
}

/// What [`salvage`] did.
#[derive(Debug)]
pub struct SalvageReport {
    /// The dump of what could be read, kept beside the store.
    pub dump: PathBuf,
    /// Where the damaged store was moved to, kept as it was.
    pub damaged: PathBuf,
    /// What could not be read.
    pub lost: Vec<String>,
    /// What the fresh store was rebuilt with.
    pub restored: RestoreReport,
}

/// Rebuilds a store whose file has pages that cannot be read (so that it cannot be mended in
/// place) from what can be: dumps what can be read beside it, moves the damaged store aside,
/// and restores the dump into a fresh store at its path. Nothing is deleted.
pub fn salvage(store: &Path) -> Result<SalvageReport> {
    let sibling = |suffix: &str| {
        let mut name = store.as_os_str().to_os_string();
        name.push(suffix);
        PathBuf::from(name)
    };
    let unused = |suffix: &str| {
        let first = sibling(suffix);
        (1..)
            .map(|n| {
                if n == 1 {
                    first.clone()
                } else {
                    sibling(&format!("{suffix}.{n}"))
                }
            })
            .find(|p| !p.exists())
            .unwrap_or(first)
    };
    let dump = unused(".salvage.jsonl");
    let damaged = unused(".damaged");
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| crate::Error::Io { path, source }
    };
    let dumped = {
        let db = Db::open_damaged(store)?;
        let mut out = std::io::BufWriter::new(std::fs::File::create(&dump).map_err(io(&dump))?);
        let report = db.dump(&mut out)?;
        std::io::Write::flush(&mut out).map_err(io(&dump))?;
        out.get_ref().sync_all().map_err(io(&dump))?;
        report
    };
    std::fs::rename(store, &damaged).map_err(io(store))?;
    let restored = {
        let db = Db::open(store)?;
        let input = std::io::BufReader::new(std::fs::File::open(&dump).map_err(io(&dump))?);
        db.restore(input, &dump)?
    };
    Ok(SalvageReport {
        dump,
        damaged,
        lost: dumped.lost,
        restored,
    })
}
