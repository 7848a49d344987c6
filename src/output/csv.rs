//! The `csv` format (RFC 4180): a header row, then one line per row; fields holding a comma,
//! a quote or a line break are quoted, quotes doubled. Plans and commands' reports print as
//! one column.

use std::io::{self, Write};

use super::header;
use crate::query::QueryResult;

/// Writes the result as CSV.
pub fn write(result: &QueryResult, out: &mut dyn Write) -> io::Result<()> {
    let Some((columns, rows)) = result.table() else {
        let text = match result {
            QueryResult::Plan(plan) => plan.to_string(),
            QueryResult::Provenance(p) => p.event.summary.clone(),
            other => super::command::text(other).unwrap_or_default(),
        };
        writeln!(out, "text")?;
        return writeln!(out, "{}", field(text.trim_end()));
    };
    let headers: Vec<String> = columns.iter().map(|c| field(header(result, *c))).collect();
    writeln!(out, "{}", headers.join(","))?;
    for row in rows {
        let cells: Vec<String> = row.iter().map(|d| field(&d.to_string())).collect();
        writeln!(out, "{}", cells.join(","))?;
    }
    Ok(())
}

/// One field, quoted when it must be.
fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_only_when_they_must_be() {
        assert_eq!(field("Mosul"), "Mosul");
        assert_eq!(field("Mosul, IQ"), "\"Mosul, IQ\"");
        assert_eq!(field("a \"b\"\nc"), "\"a \"\"b\"\"\nc\"");
    }
}
