//! Renderers: a [`QueryResult`] to text in one of the output formats — an aligned `table`
//! with timeline bars, `json` (one array), `ndjson`, `csv`, and `geojson` for events.
//! Deterministic (no clock, fixed key order) so golden files can hold their output; they
//! never read the store.

mod command;
mod csv;
mod explain_event;
mod format;
mod geojson;
mod json;
mod table;

use std::io::Write;

use crate::error::{Error, Result};
use crate::query::QueryResult;
use crate::query::ast::Field;
pub use format::OutputFormat;

/// The terminal width assumed when the caller does not know it.
pub const DEFAULT_WIDTH: usize = 80;

/// The narrowest width [`terminal_width`] believes: below it nothing fits anyway.
const MIN_WIDTH: usize = 20;

/// The terminal's width: `COLUMNS` when it holds a width of at least 20, else
/// [`DEFAULT_WIDTH`].
pub fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse().ok())
        .filter(|w: &usize| *w >= MIN_WIDTH)
        .unwrap_or(DEFAULT_WIDTH)
}

/// Writes `result` in `format`; `width` scales the table and its bars.
pub fn render(
    result: &QueryResult,
    format: OutputFormat,
    width: usize,
    out: &mut dyn Write,
) -> Result<()> {
    let written = match format {
        OutputFormat::Table => table::write(result, width, out),
        OutputFormat::Json => json::write_array(result, out),
        OutputFormat::Ndjson => json::write_lines(result, out),
        OutputFormat::Csv => csv::write(result, out),
        OutputFormat::Geojson => match result {
            QueryResult::Events { rows, .. } => geojson::write(rows, out),
            _ => {
                return Err(Error::Invalid(
                    "geojson shows events: run an `events …` query without count, timeline or top"
                        .into(),
                ));
            }
        },
    };
    written.map_err(|source| Error::Io {
        path: "-".into(),
        source,
    })
}

/// A column's header: its field name, except an article's event count.
fn header(result: &QueryResult, field: Field) -> &'static str {
    match (result, field) {
        (QueryResult::Articles { .. }, Field::Count) => "events",
        (_, Field::Distance) => "distance_km",
        _ => field.as_str(),
    }
}
