//! Renderers: a [`QueryResult`] to text in one of the output formats — an aligned `table`
//! with timeline bars, `line` (a `name = value` line per column), `json` (one array),
//! `ndjson`, `csv`, and `geojson` for events and places. The machine formats share one
//! shape of each row ([`shape`]). Deterministic (no clock, fixed key order) so golden files
//! can hold their output; they never read the store.

mod command;
mod csv;
mod explain_event;
mod format;
mod geojson;
mod json;
mod line;
pub mod map;
pub mod shape;
mod table;

use std::io::Write;

use crate::error::{Error, Result};
use crate::query::QueryResult;
use crate::query::ast::Field;
pub use format::OutputFormat;

/// The terminal width assumed when the caller does not know it.
pub const DEFAULT_WIDTH: usize = 80;

/// How results print, beyond their format: what a session's settings give the renderers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// The width tables, timeline bars and footers are fitted to: no line is wider.
    pub width: usize,
    /// Whether the table and csv print a header row.
    pub headers: bool,
    /// What the table, line and csv formats print for a missing value.
    pub null_value: String,
    /// The most rows the table and line formats print; a footer says how many there were.
    pub max_rows: Option<usize>,
    /// Whether a count table draws a bar beside each count.
    pub bars: bool,
}

impl Default for Options {
    /// [`DEFAULT_WIDTH`] columns, headers, missing values blank, every row, bars.
    fn default() -> Options {
        Options {
            width: DEFAULT_WIDTH,
            headers: true,
            null_value: String::new(),
            max_rows: None,
            bars: true,
        }
    }
}

/// Writes `result` in `format` with the default [`Options`], `width` columns wide.
pub fn render(
    result: &QueryResult,
    format: OutputFormat,
    width: usize,
    out: &mut dyn Write,
) -> Result<()> {
    let options = Options {
        width,
        ..Options::default()
    };
    render_with(result, format, &options, out)
}

/// Writes `result` in `format` with `options`.
pub fn render_with(
    result: &QueryResult,
    format: OutputFormat,
    options: &Options,
    out: &mut dyn Write,
) -> Result<()> {
    let written = match format {
        OutputFormat::Table => table::write(result, options, out),
        OutputFormat::Line => line::write(result, options, out),
        OutputFormat::Json => json::write_array(result, out),
        OutputFormat::Ndjson => json::write_lines(result, out),
        OutputFormat::Csv => csv::write(result, options, out),
        OutputFormat::Geojson => match geojson::write(result, out) {
            Some(written) => written,
            None => {
                return Err(Error::Invalid(
                    "geojson shows events or places: run an `events …` or `places …` query \
                     without count, timeline or top"
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
