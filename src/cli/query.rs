//! `geochron query`, `run` and `export`, and statements read from stdin: each opens a
//! [`Session`] with the command line's settings and hands it the text; the session runs and
//! prints the statements, the same road the shell and the tests take. A store that does not
//! exist is not created for reading ([`open_for`]).

use std::io::Write;
use std::path::Path;

use crate::db::Db;
use crate::error::{Error, Result};
use crate::output::OutputFormat;
use crate::query::ast::{Query, Source, Statement};
use crate::query::parse_script;
use crate::session::{ScriptReport, Session, Settings};

/// Parses a `--format` value.
pub fn parse_format(name: &str) -> std::result::Result<OutputFormat, String> {
    OutputFormat::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = OutputFormat::ALL.iter().map(|f| f.as_str()).collect();
        format!(
            "unknown format `{name}` (expected one of: {})",
            names.join(", ")
        )
    })
}

/// The settings of a statement run from the command line: the format asked for, the
/// terminal's width, today from the clock.
fn settings(format: OutputFormat, keep_going: bool) -> Settings {
    Settings {
        format,
        width: super::terminal::width(),
        keep_going,
        ..Settings::default()
    }
}

/// What a script needs of the store at `path`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Need {
    /// Nothing: its statements read only the gazetteer (`places …`).
    Nothing,
    /// A store to write: its first statement that touches the store is an `ingest`.
    Write,
    /// A store to read.
    Read,
}

/// What the statements of `script` need of the store: the first statement that touches it
/// decides (a statement that does not parse needs nothing; it fails on its own).
pub(crate) fn need_of(script: &str) -> Need {
    for statement in parse_script(script) {
        let need = match &statement.result {
            Ok(Statement::Ingest(_)) => Need::Write,
            Ok(Statement::Query(query) | Statement::Explain(query)) if reads_places(query) => {
                Need::Nothing
            }
            Ok(_) => Need::Read,
            Err(_) => Need::Nothing,
        };
        if need != Need::Nothing {
            return need;
        }
    }
    Need::Nothing
}

fn reads_places(query: &Query) -> bool {
    query.source.node == Source::Places
}

/// The store `script` runs on: the one at `path` when it exists; when it does not, a new one
/// there if the script writes before it reads (`ingest …` first, as the tour does), a
/// temporary one if it only reads the gazetteer, else [`Error::NoStore`] — a read never
/// creates an empty store.
pub fn open_for(path: &Path, script: &str) -> Result<Db> {
    if path.exists() {
        return Db::open(path);
    }
    match need_of(script) {
        Need::Write => Db::open(path),
        Need::Nothing => Db::temporary(),
        Need::Read => Err(Error::NoStore {
            path: path.to_path_buf(),
        }),
    }
}

/// `geochron query 'Q'`: runs one statement and prints its result; a query error is rendered
/// on `err` under the text and returned.
pub fn run_one(
    db: &Db,
    text: &str,
    format: OutputFormat,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    Session::new(db, settings(format, false)).run_statement(text, out, err)
}

/// `geochron export`: the events of a query (all events by default) in a machine format.
pub fn export(
    db: &Db,
    query: Option<&str>,
    format: OutputFormat,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    if matches!(format, OutputFormat::Table | OutputFormat::Line) {
        return Err(Error::Invalid(
            "export writes ndjson, csv or geojson (or a parquet folder)".into(),
        ));
    }
    run_one(db, query.unwrap_or(EVERY_EVENT), format, out, err)
}

/// What `export` writes without a query: every event, whatever its status, as the Parquet
/// export does (a query names the statuses it wants, or sees the happened events only).
const EVERY_EVENT: &str = "events where status in (happened, background, not_happened)";

/// `geochron run FILE` and statements on stdin: the statements of a script in order, each
/// result under a `> statement` echo line in the table format. The first error is rendered
/// with its line and a caret and ends the run (returned as the error), unless `keep_going`.
/// `name` labels errors.
pub fn run_script(
    db: &Db,
    text: &str,
    name: &str,
    format: OutputFormat,
    keep_going: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<ScriptReport> {
    Session::new(db, settings(format, keep_going)).run_script(text, name, out, err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_statement_that_touches_the_store_decides() {
        assert_eq!(need_of("ingest 'a'\nevents"), Need::Write);
        assert_eq!(need_of("places where name ~ \"kirk\"\nstats"), Need::Read);
        assert_eq!(need_of("places where name ~ \"kirk\""), Need::Nothing);
        assert_eq!(need_of("events | limit 1"), Need::Read);
        assert_eq!(need_of("stats"), Need::Read);
    }

    #[test]
    fn a_read_never_creates_a_store() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("none.db");
        let refused = open_for(&path, "events");
        assert!(
            matches!(&refused, Err(Error::NoStore { path: p }) if p == &path),
            "{:?}",
            refused.err()
        );
        assert!(!path.exists());
        assert!(open_for(&path, "places where name ~ \"kirk\"").is_ok());
        assert!(!path.exists());
    }
}
