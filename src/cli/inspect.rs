//! `geochron stats`, `check`, `get` and `delete`: looking at a store and mending it.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;

use crate::db::Db;
use crate::error::{Error, Result};
use crate::model::{Article, ArticleId, Event};
use crate::store::rollup::{Rollup, RollupAxis};

/// Articles listed one per line by `stats` before it summarises the rest.
const LISTED_ARTICLES: usize = 30;

/// Prints what the store holds: totals, rows per index, events per kind, and the first
/// articles with their event counts.
pub fn stats(db: &Db, out: &mut impl Write) -> Result<()> {
    let stats = db.stats()?;
    // Kind counts come from the rollups kept at ingest, not from decoding every event.
    let mut kinds: BTreeMap<&'static str, u64> = BTreeMap::new();
    for (rollup, n) in db.store().rollup_counts(RollupAxis::Kind)? {
        if let Rollup::Kind(kind) = rollup {
            *kinds.entry(kind.event_type().as_str()).or_default() += n;
        }
    }
    let mut lines = Vec::new();
    lines.push(stats.to_string());
    if !kinds.is_empty() {
        lines.push("events by kind".to_string());
        for (kind, n) in &kinds {
            lines.push(format!("  {kind:<28} {n}"));
        }
    }
    for (listed, article) in db.store().articles().enumerate() {
        let article = article?;
        if listed == LISTED_ARTICLES {
            lines.push(format!(
                "  … and {} more articles",
                stats.articles - listed as u64
            ));
            break;
        }
        if listed == 0 {
            lines.push("articles".to_string());
        }
        let events = db.article_events(article.id)?.len();
        lines.push(format!(
            "  {}  {}  {:>3} events  {}",
            article.id,
            date(&article),
            events,
            article.title
        ));
    }
    writeln!(out, "{}", lines.join("\n")).map_err(io_error)
}

/// Verifies the store, or rebuilds its indexes with `repair`; an unclean check is an error.
/// `geochron check [--repair]` on the store at `path`, opened however damaged it is. A store
/// whose file has pages that cannot be read is not mended in place: `--repair` rebuilds it
/// from what can be read ([`crate::restore::salvage`]), keeping the damaged one aside.
/// `compact`: rewrites the store into a fresh file and says what it gained.
pub fn compact(db: Db, out: &mut impl Write) -> Result<()> {
    let (_db, report) = db.compact()?;
    let mib = |bytes: u64| bytes as f64 / (1024.0 * 1024.0);
    writeln!(
        out,
        "compacted {} keys in {:.1} s: {:.1} MiB -> {:.1} MiB",
        report.keys,
        report.seconds,
        mib(report.bytes_before),
        mib(report.bytes_after)
    )
    .map_err(io_error)
}

pub fn check_path(path: &Path, repair: bool, out: &mut impl Write) -> Result<()> {
    let open = || match Db::open_damaged(path) {
        Ok(db) => Ok(db),
        Err(Error::Corrupt(why)) => Err(Error::Corrupt(format!(
            "{why}: nothing of it can be read in place; rebuild it in a fresh path from a dump (`geochron --db NEW restore FILE`) or from the articles (`geochron --db NEW ingest …`)"
        ))),
        Err(e) => Err(e),
    };
    let db = open()?;
    if !repair {
        return check(&db, false, out);
    }
    match db.repair() {
        Ok(report) => {
            writeln!(out, "{report}").map_err(io_error)?;
            return check(&db, false, out);
        }
        Err(Error::Corrupt(why)) => {
            writeln!(
                out,
                "parts of the store cannot be read ({why}); rebuilding it from what can be"
            )
            .map_err(io_error)?;
        }
        Err(e) => return Err(e),
    }
    drop(db);
    let salvaged = crate::restore::salvage(path)?;
    for lost in &salvaged.lost {
        writeln!(out, "lost: {lost}").map_err(io_error)?;
    }
    writeln!(
        out,
        "rebuilt the store from what could be read: {} articles ({} events, {} extracted again) and {} gazetteer entries; the damaged store is kept at {} and the dump of what was read at {}",
        salvaged.restored.articles,
        salvaged.restored.events,
        salvaged.restored.extracted,
        salvaged.restored.places,
        salvaged.damaged.display(),
        salvaged.dump.display()
    )
    .map_err(io_error)?;
    check(&Db::open(path)?, false, out)
}

/// `geochron check [--repair]` on an open store.
pub fn check(db: &Db, repair: bool, out: &mut impl Write) -> Result<()> {
    if repair {
        let report = db.repair()?;
        writeln!(out, "{report}").map_err(io_error)?;
    }
    let report = db.check()?;
    write!(out, "{report}").map_err(io_error)?;
    if report.is_clean() {
        Ok(())
    } else {
        Err(Error::Corrupt(
            "the check found problems (see above); `geochron check --repair` keeps what can be read and rebuilds the rest"
                .into(),
        ))
    }
}

/// Prints an article and its events, as text or as one JSON object.
pub fn get(db: &Db, id: &str, json: bool, out: &mut impl Write) -> Result<()> {
    let id = parse_id(id)?;
    let article = db
        .get_article(id)?
        .ok_or_else(|| Error::NotFound(format!("no article {id} in the store")))?;
    let events = db.article_events(id)?;
    if json {
        let value = serde_json::json!({ "article": article, "events": events });
        writeln!(out, "{value}").map_err(io_error)
    } else {
        write_article(&article, &events, out).map_err(io_error)
    }
}

/// Deletes an article with its events and index rows.
pub fn delete(db: &Db, id: &str, out: &mut impl Write) -> Result<()> {
    let id = parse_id(id)?;
    if !db.delete_article(id)? {
        return Err(Error::NotFound(format!("no article {id} in the store")));
    }
    db.flush()?;
    writeln!(out, "deleted article {id}").map_err(io_error)
}

fn write_article(article: &Article, events: &[Event], out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "{}  {}", article.id, article.title)?;
    writeln!(
        out,
        "published {}; source {}",
        date(article),
        article.source.as_deref().unwrap_or("-")
    )?;
    let countries: Vec<&str> = article.countries.iter().map(|c| c.code()).collect();
    writeln!(out, "countries {}", countries.join(", "))?;
    writeln!(out, "{} events", events.len())?;
    for event in events {
        let place = event
            .place
            .as_ref()
            .map_or("-".to_string(), |p| p.name.clone());
        let killed = event
            .fatalities
            .map_or("-".to_string(), |c| c.best.to_string());
        let injured = event
            .injured
            .map_or("-".to_string(), |c| c.best.to_string());
        writeln!(
            out,
            "  {}  {}..{} ({})  {}  @ {}  killed {} injured {}",
            event.id,
            event.when.start,
            event.when.end,
            event.when.precision,
            event.kind,
            place,
            killed,
            injured
        )?;
        // Reports of the same happening in other articles: it is counted once, under the first.
        if let Some(counted) = event.duplicate_of {
            writeln!(out, "    a duplicate: counted as event {counted}")?;
        }
        for report in &event.duplicates {
            writeln!(
                out,
                "    also reported by {} (article {}, event {})",
                report.source.as_deref().unwrap_or("-"),
                report.article,
                report.event
            )?;
        }
    }
    Ok(())
}

fn date(article: &Article) -> String {
    article
        .published
        .map_or("unknown date".to_string(), |d| d.to_string())
}

fn parse_id(id: &str) -> Result<ArticleId> {
    id.parse().map_err(|_| {
        Error::NotFound(format!(
            "`{id}` is not an article id (16 hex digits, as `stats` prints them)"
        ))
    })
}

fn io_error(source: io::Error) -> Error {
    Error::Io {
        path: "-".into(),
        source,
    }
}
