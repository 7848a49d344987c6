//! `geochron ingest PATH…`: reads files, folders and globs into the store, with a progress bar
//! on a terminal and one summary line at the end. Bad files and lines are reported and skipped.
//! The bar ([`IngestProgress`]) is the shell's too, for an `ingest` typed there: a percentage
//! of the input's bytes and an estimate of the time left, beside the running counts.

use std::io::{IsTerminal, Write};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

use crate::control::Progress;
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
    let progress = IngestProgress::on_terminal();
    let report = db.ingest_paths(paths, options, |so_far| progress.show(so_far));
    progress.finish();
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

/// An ingest's progress bar on standard error, drawn when that is a terminal: a bar with the
/// percentage of the input read and the time left when the input's size is known, a spinner
/// otherwise; beside it the articles, events, duplicates and skipped so far.
pub struct IngestProgress {
    bar: Mutex<Option<ProgressBar>>,
    visible: bool,
}

impl IngestProgress {
    /// A bar shown only when standard error is a terminal.
    pub fn on_terminal() -> IngestProgress {
        IngestProgress {
            bar: Mutex::new(None),
            visible: std::io::stderr().is_terminal(),
        }
    }

    /// The bar as a [`Progress`] callback, for a session's control.
    pub fn callback(self: &Arc<Self>) -> Progress {
        let progress = Arc::clone(self);
        Arc::new(move |so_far: &IngestReport| progress.show(so_far))
    }

    /// Shows the running totals (the bar appears at the first batch).
    pub fn show(&self, so_far: &IngestReport) {
        if !self.visible {
            return;
        }
        let mut slot = self.bar.lock().unwrap_or_else(PoisonError::into_inner);
        let bar = slot.get_or_insert_with(|| new_bar(so_far.bytes_total));
        bar.set_position(so_far.bytes_read);
        bar.set_message(format!(
            "{} articles, {} events, {} duplicates, {} skipped",
            so_far.articles,
            so_far.events,
            so_far.duplicates,
            so_far.skipped.len()
        ));
    }

    /// Clears the bar, ready for the next ingest.
    pub fn finish(&self) {
        let mut slot = self.bar.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(bar) = slot.take() {
            bar.finish_and_clear();
        }
    }
}

/// A bar over `total` bytes, or a spinner when the size is not known.
fn new_bar(total: u64) -> ProgressBar {
    let (bar, template) = if total > 0 {
        (
            ProgressBar::new(total),
            "{bar:30} {percent:>3}% of {total_bytes}, {eta} left  {msg}",
        )
    } else {
        (ProgressBar::new_spinner(), "{spinner} {elapsed} {msg}")
    };
    bar.set_style(
        ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
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
