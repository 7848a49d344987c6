//! The `csv` format (RFC 4180): a header row (unless headers are off), then one line per row
//! in the machine shape ([`super::shape`]): an event's date as `start` and `end` columns, its
//! place with `lat`, `lon`, `admin1` and `geo_precision`, numbers as written. Fields holding
//! a comma, a quote or a line break are quoted, quotes doubled. Plans and commands' reports
//! print as one `text` column.

use std::io::{self, Write};

use super::{Options, shape};
use crate::query::QueryResult;

/// Writes the result as CSV.
pub fn write(result: &QueryResult, options: &Options, out: &mut dyn Write) -> io::Result<()> {
    let Some(shape) = shape::of(result) else {
        let text = match result {
            QueryResult::Plan(plan) => plan.to_string(),
            QueryResult::Provenance(p) => p.event.summary.clone(),
            other => super::command::text(other).unwrap_or_default(),
        };
        if options.headers {
            writeln!(out, "text")?;
        }
        return writeln!(out, "{}", field(text.trim_end()));
    };
    if options.headers {
        let headers: Vec<String> = shape.keys.iter().map(|k| field(k)).collect();
        writeln!(out, "{}", headers.join(","))?;
    }
    for row in &shape.rows {
        let cells: Vec<String> = row
            .iter()
            .map(|v| field(&shape::cell(v, &options.null_value)))
            .collect();
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
