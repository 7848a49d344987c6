//! `geochron query`, `run` and `export`, and statements read from stdin: each opens a
//! [`Session`] with the command line's settings and hands it the text; the session runs and
//! prints the statements, the same road the shell and the tests take.

use std::io::Write;

use crate::db::Db;
use crate::error::{Error, Result};
use crate::output::{self, OutputFormat};
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
        width: output::terminal_width(),
        keep_going,
        ..Settings::default()
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
    if format == OutputFormat::Table {
        return Err(Error::Invalid(
            "export writes ndjson, csv or geojson".into(),
        ));
    }
    run_one(db, query.unwrap_or("events"), format, out, err)
}

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
