//! `geochron ingest PATH…`: reads files, folders and globs into the store, with a progress bar
//! on a terminal and one summary line at the end. Bad files and lines are reported and skipped.

use std::io::{IsTerminal, Write};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

use crate::db::{Db, IngestReport};
use crate::error::Result;
use crate::ingest::ReadOptions;

/// Ingests `paths` into `db`, reporting problems and the summary on `errors` and `out`.
pub fn run(
    db: &Db,
    paths: &[String],
    options: &ReadOptions,
    out: &mut impl Write,
    errors: &mut impl Write,
) -> Result<IngestReport> {
    let bar = if std::io::stderr().is_terminal() {
        let bar = ProgressBar::new_spinner();
        bar.set_style(
            ProgressStyle::with_template("{spinner} {elapsed} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.enable_steady_tick(Duration::from_millis(120));
        bar
    } else {
        ProgressBar::hidden()
    };
    let report = db.ingest_paths(paths, options, |so_far| {
        bar.set_message(format!(
            "{} articles, {} events, {} duplicates, {} skipped",
            so_far.articles,
            so_far.events,
            so_far.duplicates,
            so_far.skipped.len()
        ));
    });
    bar.finish_and_clear();
    let report = report?;
    let io = |e: std::io::Error| crate::Error::Io {
        path: "-".into(),
        source: e,
    };
    for error in &report.skipped {
        writeln!(errors, "skipped: {error}").map_err(io)?;
    }
    for warning in &report.warnings {
        writeln!(errors, "warning: {warning}").map_err(io)?;
    }
    writeln!(out, "{}", summary(&report)).map_err(io)?;
    Ok(report)
}

/// The one summary line: `19 articles, 87 events, 0 duplicates, 0 skipped in 0.41 s`.
pub fn summary(report: &IngestReport) -> String {
    format!(
        "{} articles, {} events, {} duplicates, {} skipped in {:.2} s",
        report.articles,
        report.events,
        report.duplicates,
        report.skipped.len(),
        report.seconds
    )
}

/// After the summary: an ingest that skipped any input is an input error (exit code 1), so
/// a script or a scheduler sees that something was not read.
pub fn fail_if_skipped(report: &IngestReport) -> Result<()> {
    match report.skipped.len() {
        0 => Ok(()),
        n => Err(crate::ingest::InputError::new(
            std::path::Path::new("ingest"),
            None,
            format!(
                "{n} {} skipped (see above); the rest was stored",
                if n == 1 { "input was" } else { "inputs were" }
            ),
        )
        .into()),
    }
}
