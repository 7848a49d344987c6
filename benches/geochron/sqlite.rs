//! The SQLite side: the same events in an `events` table with B-tree indexes on date, country,
//! kind and actor, an R*Tree on coordinates, and the benchmark's query mix in SQL. Each query
//! returns the columns a geochron events row shows (joining the article for `published` and
//! `source`), so both sides do the same work.

use std::path::Path;

use geochron::model::{Article, Event};
use rusqlite::{Connection, params};

/// A SQLite database holding the benchmark's events.
pub struct Sqlite {
    conn: Connection,
}

const SCHEMA: &str = "
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -262144;
CREATE TABLE articles(id INTEGER PRIMARY KEY, published TEXT, source TEXT, title TEXT);
CREATE TABLE events(
    id INTEGER PRIMARY KEY, article INTEGER NOT NULL, date TEXT NOT NULL, end_date TEXT NOT NULL,
    kind TEXT NOT NULL, kind_top TEXT NOT NULL, place TEXT, country TEXT, lat REAL, lon REAL,
    killed INTEGER, injured INTEGER, summary TEXT NOT NULL);
CREATE TABLE actors(event INTEGER NOT NULL, name TEXT NOT NULL);
CREATE VIRTUAL TABLE coords USING rtree(id, min_lat, max_lat, min_lon, max_lon);
";

const INDEXES: &str = "
CREATE INDEX events_date ON events(date);
CREATE INDEX events_country ON events(country, date);
CREATE INDEX events_kind ON events(kind_top, date);
CREATE INDEX actors_name ON actors(name);
CREATE INDEX actors_event ON actors(event);
ANALYZE;
";

/// The columns of an events row.
pub const ROW: &str = "e.id, e.date, e.end_date, e.kind, e.place, e.country, e.killed, e.injured, e.summary, a.published, a.source";

/// The box test of a query joining `coords r` to `events e`, its south, north, west and east
/// edges bound to ?1..?4 (west ≤ east), edges included as in geochron's `within bbox`. The
/// R*Tree keeps 32-bit floats, each point stored as a box rounded outward around it, so a test
/// of containment (`min_lat >= ?1 …`) drops a point that lies exactly on an edge: the stored
/// box pokes out of the query's by the rounding. The R*Tree is asked for overlap, which that
/// outward rounding makes a superset of the points inside, and the exact coordinates decide.
pub const IN_BOX: &str = "r.max_lat >= ?1 AND r.min_lat <= ?2 AND r.max_lon >= ?3 AND r.min_lon <= ?4 AND e.lat BETWEEN ?1 AND ?2 AND e.lon BETWEEN ?3 AND ?4";

impl Sqlite {
    /// A fresh database file at `path`.
    pub fn create(path: &Path) -> rusqlite::Result<Sqlite> {
        let conn = Connection::open(path)?;
        conn.execute_batch(SCHEMA)?;
        Ok(Sqlite { conn })
    }

    /// The database already at `path`, opened again with the same cache (the setting is the
    /// connection's), as a process that only queries it would.
    pub fn open(path: &Path) -> rusqlite::Result<Sqlite> {
        let conn = Connection::open(path)?;
        conn.execute_batch("PRAGMA cache_size = -262144;")?;
        Ok(Sqlite { conn })
    }

    /// Starts the one transaction the load runs in.
    pub fn begin(&self) -> rusqlite::Result<()> {
        self.conn.execute_batch("BEGIN")
    }

    /// Inserts articles with their events; returns how many events.
    pub fn insert<'a>(
        &self,
        items: impl Iterator<Item = (&'a Article, &'a [Event])>,
    ) -> rusqlite::Result<usize> {
        let mut article_stmt = self.conn.prepare_cached(
            "INSERT OR IGNORE INTO articles(id, published, source, title) VALUES (?1, ?2, ?3, ?4)",
        )?;
        let mut event_stmt = self.conn.prepare_cached(
            "INSERT INTO events VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )?;
        let mut actor_stmt = self
            .conn
            .prepare_cached("INSERT INTO actors VALUES (?1, ?2)")?;
        let mut coord_stmt = self
            .conn
            .prepare_cached("INSERT INTO coords VALUES (?1, ?2, ?2, ?3, ?3)")?;
        let mut rows = 0;
        for (article, events) in items {
            article_stmt.execute(params![
                article.id.0 as i64,
                article.published.map(|d| d.to_string()),
                article.source,
                article.title
            ])?;
            for e in events {
                let id = e.id.0 as i64;
                let place = e.place.as_ref();
                event_stmt.execute(params![
                    id,
                    article.id.0 as i64,
                    e.when.start.to_string(),
                    e.when.end.to_string(),
                    e.kind.to_string(),
                    e.kind.event_type().as_str(),
                    place.map(|p| p.name.clone()),
                    place.and_then(|p| p.country).map(|c| c.code().to_string()),
                    place.map(|p| p.lat),
                    place.map(|p| p.lon),
                    e.fatalities.map(|c| c.best),
                    e.injured.map(|c| c.best),
                    e.summary,
                ])?;
                let mut names: Vec<String> =
                    e.actors.iter().map(|a| a.name.to_lowercase()).collect();
                names.sort_unstable();
                names.dedup();
                for name in names {
                    actor_stmt.execute(params![id, name])?;
                }
                if let Some(p) = place {
                    coord_stmt.execute(params![id, p.lat, p.lon])?;
                }
                rows += 1;
            }
        }
        Ok(rows)
    }

    /// Commits the load and builds the B-tree indexes.
    pub fn finish(&self) -> rusqlite::Result<()> {
        self.conn.execute_batch("COMMIT")?;
        self.conn.execute_batch(INDEXES)
    }

    /// Runs a query returning events rows; returns how many rows, after `keep` (a filter run
    /// on each row's latitude and longitude, for `near`).
    pub fn rows(
        &self,
        sql: &str,
        args: &[&dyn rusqlite::ToSql],
        keep: Option<&dyn Fn(f64, f64) -> bool>,
    ) -> rusqlite::Result<usize> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let mut rows = stmt.query(args)?;
        let mut n = 0;
        while let Some(row) = rows.next()? {
            // Read every column, as a client showing the rows would.
            let _id: i64 = row.get(0)?;
            let _date: String = row.get(1)?;
            let _end: String = row.get(2)?;
            let _kind: String = row.get(3)?;
            let _place: Option<String> = row.get(4)?;
            let _country: Option<String> = row.get(5)?;
            let _killed: Option<i64> = row.get(6)?;
            let _injured: Option<i64> = row.get(7)?;
            let _summary: String = row.get(8)?;
            let _published: Option<String> = row.get(9)?;
            let _source: Option<String> = row.get(10)?;
            let passes = match keep {
                Some(f) => {
                    let lat: f64 = row.get(11)?;
                    let lon: f64 = row.get(12)?;
                    f(lat, lon)
                }
                None => true,
            };
            n += usize::from(passes);
        }
        Ok(n)
    }

    /// Runs a grouping query; returns how many groups.
    pub fn groups(&self, sql: &str) -> rusqlite::Result<usize> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let mut rows = stmt.query([])?;
        let mut n = 0;
        while let Some(row) = rows.next()? {
            let _key: Option<String> = row.get(0)?;
            let _count: i64 = row.get(1)?;
            n += 1;
        }
        Ok(n)
    }
}
