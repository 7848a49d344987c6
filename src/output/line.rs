//! The `line` format (sqlite3's `.mode line`): one `column = value` line per column, a blank
//! line between rows, nothing cut — the display for rows too wide for a table. Column names
//! align right; at most `max_rows` rows, with the same footer as the table. Results without
//! rows print as the table prints them.

use std::io::{self, Write};

use super::table::thousands;
use super::{Options, header};
use crate::query::QueryResult;
use crate::query::rows::Datum;

/// Writes each row as `name = value` lines.
pub fn write(result: &QueryResult, options: &Options, out: &mut dyn Write) -> io::Result<()> {
    let Some((columns, rows)) = result.table() else {
        return super::table::write(result, options, out);
    };
    let names: Vec<&str> = columns.iter().map(|c| header(result, *c)).collect();
    let name_width = names.iter().map(|n| n.chars().count()).max().unwrap_or(0);
    let shown = options.max_rows.unwrap_or(usize::MAX).min(rows.len());
    let mut cells: Vec<Vec<String>> = rows
        .iter()
        .take(shown)
        .map(|row| {
            row.iter()
                .map(|value| match value {
                    Datum::Null => options.null_value.clone(),
                    Datum::Float(x) => x.to_string(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect();
    super::table::label_coarse_places(result, &columns, &mut cells);
    for (i, row) in cells.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        for (name, text) in names.iter().zip(row) {
            writeln!(out, "{name:>name_width$} = {text}")?;
        }
    }
    if shown < rows.len() {
        writeln!(
            out,
            "\n({} of {} rows; `.maxrows N` to show more)",
            thousands(shown),
            thousands(rows.len())
        )?;
    }
    Ok(())
}
