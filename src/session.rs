//! `Session`: the one road every statement takes, whoever typed it. A session is an open
//! [`Db`] and the [`Settings`] its statements run with; `geochron query`, `run`, `export` and
//! statements on stdin, the shell's typed lines and its `.read FILE`, and the golden tests all
//! run through one, so a statement reads, runs and prints the same everywhere.
//!
//! # The life of a statement in a session
//!
//! 1. [`Session::run_script`] cuts a script into statements ([`crate::query::parse_script`]),
//!    each parsed and checked; [`Session::run_statement`] takes one statement's text.
//! 2. [`Session::execute`] runs it: the place a setting that refuses a statement (a safe mode
//!    that reads no files) would stand; then [`Db::run`], which plans a query and executes it
//!    over the store, or answers a command — typed results only.
//! 3. [`crate::output::render`] prints the result in the session's format and width; an error
//!    is rendered under its line with a caret, and a script stops at it unless it keeps going.
//!
//! A session borrows its store, so several may share one `Db` (a shell and a script, or one
//! per client), each with its own settings. Settings (the echo, headers, the null text, the
//! row cap, a safe mode) belong in [`Settings`] and are read here, nowhere else; a
//! [`Control`] lets its caller interrupt a statement and watch an ingest's progress.

use std::io::Write;

use chrono::NaiveDate;

use crate::control::Control;
use crate::db::Db;
use crate::error::{Error, Result};
use crate::output::{self, OutputFormat};
use crate::query::{self, QueryResult, Statement, check::check};

/// How a session's statements run and print.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// The format results are printed in.
    pub format: OutputFormat,
    /// The width tables and timeline bars are fitted to.
    pub width: usize,
    /// The day `today`, `last 30 days` and `this month` count from; `None` asks the local
    /// clock when a script (or a statement) starts.
    pub today: Option<NaiveDate>,
    /// Whether a script goes on after a failing statement (it still reports the failure).
    pub keep_going: bool,
    /// Whether a script writes each statement (`> statement`) before its result, in the
    /// formats for people (table, line); machine formats print results alone.
    pub echo: bool,
    /// Whether the table and csv formats print a header row.
    pub headers: bool,
    /// What the table, line and csv formats print for a missing value.
    pub null_value: String,
    /// The most rows the table and line formats print, with a footer saying how many there
    /// were; `None` prints them all.
    pub max_rows: Option<usize>,
    /// Whether count tables draw a bar beside each count.
    pub bars: bool,
}

impl Default for Settings {
    /// A table of [`output::DEFAULT_WIDTH`] columns with headers and bars, every row, the
    /// clock's today, statements echoed, stopping at the first error.
    fn default() -> Settings {
        Settings {
            format: OutputFormat::Table,
            width: output::DEFAULT_WIDTH,
            today: None,
            keep_going: false,
            echo: true,
            headers: true,
            null_value: String::new(),
            max_rows: None,
            bars: true,
        }
    }
}

impl Settings {
    /// What the renderers need of the settings.
    pub fn render_options(&self) -> output::Options {
        output::Options {
            width: self.width,
            headers: self.headers,
            null_value: self.null_value.clone(),
            max_rows: self.max_rows,
            bars: self.bars,
        }
    }
}

/// How many statements a script ran and how many failed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ScriptReport {
    /// Statements that ran.
    pub ran: usize,
    /// Statements that failed (at most 1 unless the session keeps going).
    pub failed: usize,
}

/// An open store and the settings its statements run with.
#[derive(Clone)]
pub struct Session<'db> {
    db: &'db Db,
    settings: Settings,
    control: Control,
}

impl<'db> Session<'db> {
    /// A session over `db` with these settings.
    pub fn new(db: &'db Db, settings: Settings) -> Session<'db> {
        Session {
            db,
            settings,
            control: Control::default(),
        }
    }

    /// The session with statements run under `control`: interrupted when its interrupt is
    /// triggered, an ingest's progress told to it.
    pub fn with_control(mut self, control: Control) -> Session<'db> {
        self.control = control;
        self
    }

    /// The store the session runs on.
    pub fn db(&self) -> &'db Db {
        self.db
    }

    /// The settings statements run with.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The day symbolic dates count from: the settings' day, else the local clock's.
    pub fn today(&self) -> NaiveDate {
        self.settings
            .today
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }

    /// Runs one parsed and checked statement with symbolic dates counted from `today`: the
    /// step every statement of every session goes through, typed result, nothing printed.
    /// Events rows hold events as the index keeps them (see [`Db::run`]).
    pub fn execute(&self, statement: &Statement, today: NaiveDate) -> Result<QueryResult> {
        self.db.run_with(statement, today, &self.control)
    }

    /// Parses, checks and runs one statement's text: a typed result with whole events (as
    /// [`Db::query`] gives), nothing printed. A statement that does not parse or make sense
    /// is [`Error::Query`].
    pub fn query(&self, text: &str) -> Result<QueryResult> {
        self.db.whole_events(self.run_text(text)?)
    }

    /// Parses, checks and runs one statement's text, events as the index keeps them.
    fn run_text(&self, text: &str) -> Result<QueryResult> {
        self.execute(&query::parse(text)?, self.today())
    }

    /// Prints a result in the session's format.
    fn render(&self, result: &QueryResult, out: &mut dyn Write) -> Result<()> {
        let options = self.settings.render_options();
        output::render_with(result, self.settings.format, &options, out)
    }

    /// Runs one statement and prints its result on `out` (what `geochron query` does): no
    /// echo; a query error is rendered on `err` under the text, and returned.
    pub fn run_statement(
        &self,
        text: &str,
        out: &mut dyn Write,
        err: &mut dyn Write,
    ) -> Result<()> {
        match self.run_text(text) {
            Ok(result) => self.render(&result, out),
            Err(Error::Query(e)) => {
                write_err(err, &e.render(text))?;
                Err(Error::Query(e))
            }
            Err(e) => Err(e),
        }
    }

    /// Runs the statements of a script in order, printing each result on `out` (in the table
    /// format under a `> statement` echo). Each error is written on `err` with `name` and
    /// its line — rendered under the statement with a caret when it is a query error — and
    /// the first one ends the run unless the session keeps going; it is returned either way.
    pub fn run_script(
        &self,
        text: &str,
        name: &str,
        out: &mut dyn Write,
        err: &mut dyn Write,
    ) -> Result<ScriptReport> {
        let today = self.today();
        let echo = self.echoes();
        let mut report = ScriptReport::default();
        let mut first_error = None;
        for statement in query::parse_script(text) {
            if echo {
                write_out(out, &echo_text(&statement.text))?;
            }
            report.ran += 1;
            let checked = statement.result.clone().and_then(|parsed| {
                match check(&parsed).into_iter().next() {
                    Some(e) => Err(e.shifted(statement.offset)),
                    None => Ok(parsed),
                }
            });
            let outcome = match checked {
                Err(e) => {
                    write_err(err, &located(name, text, &e))?;
                    Err(Error::Query(e))
                }
                Ok(parsed) => match self.execute(&parsed, today) {
                    Ok(result) => self.render(&result, out),
                    Err(Error::Query(e)) => {
                        let e = e.shifted(statement.offset);
                        write_err(err, &located(name, text, &e))?;
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
                if !self.settings.keep_going {
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

    /// Whether a script's statements are echoed before their results: when the settings
    /// say so, in the formats for people; the machine formats print results alone.
    fn echoes(&self) -> bool {
        self.settings.echo
            && matches!(
                self.settings.format,
                OutputFormat::Table | OutputFormat::Line
            )
    }
}

/// A statement as a script echoes it: `> first line`, then its other lines indented.
fn echo_text(statement: &str) -> String {
    let mut shown = String::new();
    for (i, line) in statement.trim().lines().enumerate() {
        shown.push_str(if i == 0 { "> " } else { "  " });
        shown.push_str(line.trim_end());
        shown.push('\n');
    }
    shown
}

/// A query error of a script: `name:line:`, then the error under its line.
fn located(name: &str, script: &str, error: &query::QueryError) -> String {
    format!(
        "{name}:{}:\n{}",
        error.line_column(script).0,
        error.render(script)
    )
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

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(format: OutputFormat, keep_going: bool) -> Settings {
        Settings {
            format,
            width: 100,
            today: NaiveDate::from_ymd_opt(2020, 1, 15),
            keep_going,
            ..Settings::default()
        }
    }

    fn run(settings: Settings, script: &str) -> (Result<ScriptReport>, String, String) {
        let db = Db::temporary().unwrap();
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let report = Session::new(&db, settings).run_script(script, "s.gq", &mut out, &mut err);
        let text = |b: Vec<u8>| String::from_utf8_lossy(&b).into_owned();
        (report, text(out), text(err))
    }

    #[test]
    fn a_script_echoes_in_the_table_format_and_stops_at_its_first_error() {
        let (report, out, err) = run(fixed(OutputFormat::Table, false), "stats\nevnts\nstats\n");
        assert!(matches!(report, Err(Error::Query(_))), "{report:?}");
        assert!(out.starts_with("> stats\n0 articles, 0 events\n"), "{out}");
        assert!(
            out.ends_with("\n\n> evnts\n\n"),
            "stopped at the error: {out}"
        );
        assert!(err.starts_with("s.gq:2:\n"), "{err}");
    }

    #[test]
    fn keeping_going_runs_everything_and_still_fails() {
        let (report, out, _) = run(
            fixed(OutputFormat::Json, true),
            "delete article 00000000000000ab\nstats",
        );
        assert!(matches!(report, Err(Error::NotFound(_))), "{report:?}");
        assert!(
            out.starts_with("[{\"message\":\"0 articles, 0 events\\n"),
            "{out}"
        );
        let (report, _, _) = run(fixed(OutputFormat::Csv, true), "stats; stats");
        assert_eq!(report.ok(), Some(ScriptReport { ran: 2, failed: 0 }));
    }

    #[test]
    fn the_settings_reach_the_renderers() {
        let settings = Settings {
            echo: false,
            headers: false,
            null_value: "NULL".into(),
            max_rows: Some(1),
            ..fixed(OutputFormat::Table, false)
        };
        let (report, out, _) = run(
            settings.clone(),
            "places where name ~ \"kirk\" | select name, admin1",
        );
        assert!(report.is_ok(), "{report:?}");
        assert!(!out.contains("> places"), "echoed with the echo off: {out}");
        assert!(!out.starts_with("name"), "a header with headers off: {out}");
        assert!(
            out.contains("rows; `.maxrows N` to show more)"),
            "no cap: {out}"
        );
        let csv = Settings {
            format: OutputFormat::Csv,
            ..settings
        };
        let (_, out, _) = run(csv, "events | select kind, killed");
        assert_eq!(out, "", "no header and no rows on an empty store: {out:?}");
    }

    #[test]
    fn statements_give_typed_results() {
        let db = Db::temporary().unwrap();
        let session = Session::new(&db, fixed(OutputFormat::Table, false));
        assert!(matches!(session.query("stats"), Ok(QueryResult::Stats(s)) if s.events == 0));
        assert!(matches!(
            session.query("explain events where date in 2019"),
            Ok(QueryResult::Plan(_))
        ));
        assert!(matches!(
            session.query("delete article 00000000000000ab"),
            Err(Error::NotFound(_))
        ));
    }
}
