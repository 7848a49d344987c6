//! `geochron query`, `run` and `export`, and statements read from stdin: statements in, results
//! printed in the chosen format, errors rendered under their line with a caret. The REPL's
//! `.read FILE` reuses [`run_script_text`].

use std::io::Write;

use chrono::NaiveDate;

use crate::db::Db;
use crate::error::{Error, Result};
use crate::output::{self, OutputFormat};
use crate::query::check::check;
use crate::query::exec::execute;
use crate::query::parse_script;

/// How many statements a script ran and how many failed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ScriptReport {
    /// Statements that ran.
    pub ran: usize,
    /// Statements that failed (at most 1 unless keep-going).
    pub failed: usize,
}

/// The terminal width: `COLUMNS` when set, else 80.
pub fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse().ok())
        .filter(|w: &usize| *w >= 20)
        .unwrap_or(output::DEFAULT_WIDTH)
}

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

/// `geochron query 'Q'`: runs one statement and prints its result; a query error is rendered
/// on `err` under the text and returned.
pub fn run_one(
    db: &Db,
    text: &str,
    format: OutputFormat,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    let today = chrono::Local::now().date_naive();
    match db.query_at(text, today) {
        Ok(result) => output::render(&result, format, terminal_width(), out),
        Err(Error::Query(e)) => {
            write_err(err, &e.render(text))?;
            Err(Error::Query(e))
        }
        Err(e) => Err(e),
    }
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

/// Runs the statements of a script in order, each result under a `> statement` echo line.
/// The first error is rendered with its line and a caret and ends the run (returned as the
/// error), unless `keep_going`; `today` comes from the clock. `name` labels errors.
pub fn run_script_text(
    db: &Db,
    text: &str,
    name: &str,
    format: OutputFormat,
    keep_going: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<ScriptReport> {
    let options = ScriptOptions {
        format,
        keep_going,
        width: terminal_width(),
        today: chrono::Local::now().date_naive(),
    };
    run_script_with(db, text, name, &options, out, err)
}

/// How a script runs.
#[derive(Clone, Copy, Debug)]
pub struct ScriptOptions {
    /// The output format.
    pub format: OutputFormat,
    /// Whether to go on after a failing statement.
    pub keep_going: bool,
    /// The width tables and bars are scaled to.
    pub width: usize,
    /// The day symbolic dates count from.
    pub today: NaiveDate,
}

/// [`run_script_text`] with every option given: what tests and reproducible runs use.
pub fn run_script_with(
    db: &Db,
    text: &str,
    name: &str,
    options: &ScriptOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<ScriptReport> {
    let ScriptOptions {
        format,
        keep_going,
        width,
        today,
    } = *options;
    let mut report = ScriptReport::default();
    let mut first_error = None;
    let echo = format == OutputFormat::Table;
    for statement in parse_script(text) {
        if echo {
            let mut shown = String::new();
            for (i, line) in statement.text.trim().lines().enumerate() {
                shown.push_str(if i == 0 { "> " } else { "  " });
                shown.push_str(line.trim_end());
                shown.push('\n');
            }
            write_out(out, &shown)?;
        }
        report.ran += 1;
        let checked =
            statement
                .result
                .clone()
                .and_then(|parsed| match check(&parsed).into_iter().next() {
                    Some(e) => Err(e.shifted(statement.offset)),
                    None => Ok(parsed),
                });
        let outcome = match checked {
            Err(e) => {
                write_err(
                    err,
                    &format!("{name}:{}:\n{}", e.line_column(text).0, e.render(text)),
                )?;
                Err(Error::Query(e))
            }
            Ok(parsed) => match execute(db, &parsed, today) {
                Ok(result) => output::render(&result, format, width, out),
                Err(Error::Query(e)) => {
                    let e = e.shifted(statement.offset);
                    write_err(
                        err,
                        &format!("{name}:{}:\n{}", e.line_column(text).0, e.render(text)),
                    )?;
                    Err(Error::Query(e))
                }
                Err(e) => {
                    write_err(err, &format!("{name}:{}: error: {e}\n", statement.line))?;
                    Err(e)
                }
            },
        };
        if echo {
            write_out(out, "\n")?;
        }
        if let Err(e) = outcome {
            report.failed += 1;
            if !keep_going {
                return Err(e);
            }
            first_error.get_or_insert(e);
        }
    }
    match first_error {
        Some(e) => Err(e),
        None => Ok(report),
    }
}

fn write_out(out: &mut dyn Write, text: &str) -> Result<()> {
    out.write_all(text.as_bytes()).map_err(|source| Error::Io {
        path: "-".into(),
        source,
    })
}

fn write_err(err: &mut dyn Write, text: &str) -> Result<()> {
    err.write_all(text.as_bytes())
        .and_then(|()| err.flush())
        .map_err(|source| Error::Io {
            path: "-".into(),
            source,
        })
}
