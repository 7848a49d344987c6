//! The `table` format: aligned columns for people, long text cut to fit, a bar beside each
//! count, and plans, commands' reports and provenance as plain text.

use std::io::{self, Write};

use super::header;
use crate::query::QueryResult;
use crate::query::ast::Field;
use crate::query::rows::Datum;

/// The narrowest a cut text column gets.
const MIN_TEXT: usize = 12;

/// Writes the result as a table, a timeline, or text.
pub fn write(result: &QueryResult, width: usize, out: &mut dyn Write) -> io::Result<()> {
    match result {
        QueryResult::Plan(plan) => write!(out, "{plan}"),
        QueryResult::Ingested(_) | QueryResult::Deleted(_) | QueryResult::Stats(_) => {
            writeln!(out, "{}", super::command::text(result).unwrap_or_default())
        }
        QueryResult::Provenance(p) => super::explain_event::write(p, out),
        QueryResult::Timeline {
            bucket,
            rows,
            undated,
        } => {
            let bars: Vec<(String, u64)> =
                rows.iter().map(|r| (r.label.clone(), r.count)).collect();
            write_bars(&bars, width, out)?;
            let total: u64 = rows.iter().map(|r| r.count).sum();
            write!(out, "({} {}s, {total} rows", rows.len(), bucket.as_str())?;
            if *undated > 0 {
                write!(out, "; {undated} without a date left out")?;
            }
            writeln!(out, ")")
        }
        other => {
            let Some((columns, rows)) = other.table() else {
                return Ok(());
            };
            let headers: Vec<&str> = columns.iter().map(|c| header(other, *c)).collect();
            let cells: Vec<Vec<String>> = rows
                .iter()
                .map(|r| r.iter().map(cell_text).collect())
                .collect();
            let bars =
                matches!(other, QueryResult::Table { .. }) && columns.last() == Some(&Field::Count);
            write_table(&headers, &cells, &columns, width, bars, out)?;
            let n = rows.len();
            writeln!(out, "({n} row{})", if n == 1 { "" } else { "s" })
        }
    }
}

/// A value as a table cell: one line.
fn cell_text(value: &Datum) -> String {
    match value {
        Datum::Float(x) => format!("{x:.2}"),
        other => other.to_string().replace(['\n', '\r', '\t'], " "),
    }
}

/// Cuts `text` to `width` chars, marking the cut with `…`.
fn cut(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut kept: String = text.chars().take(width.saturating_sub(1)).collect();
    kept.push('…');
    kept
}

/// Writes aligned columns; the widest text column is cut so the table fits `width`.
fn write_table(
    headers: &[&str],
    cells: &[Vec<String>],
    columns: &[Field],
    width: usize,
    bars: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in cells {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.chars().count());
        }
    }
    let total =
        |widths: &[usize]| widths.iter().sum::<usize>() + 2 * widths.len().saturating_sub(1);
    // Cut the free-text columns, widest first, until the table fits.
    let texts = [
        Field::Summary,
        Field::Title,
        Field::Text,
        Field::Url,
        Field::Actor,
        Field::Place,
        Field::Source,
        Field::Sources,
        Field::Kind,
        Field::Admin1,
    ];
    while total(&widths) > width {
        let widest = columns
            .iter()
            .enumerate()
            .filter(|(i, c)| texts.contains(c) && widths.get(*i).is_some_and(|w| *w > MIN_TEXT))
            .max_by_key(|(i, _)| widths.get(*i).copied().unwrap_or(0));
        let Some((i, _)) = widest else { break };
        let over = total(&widths) - width;
        if let Some(w) = widths.get_mut(i) {
            *w = w.saturating_sub(over).max(MIN_TEXT);
        }
    }
    let numeric = |i: usize| {
        cells.iter().all(|r| {
            r.get(i)
                .is_none_or(|c| c.is_empty() || c.parse::<f64>().is_ok())
        })
    };
    let right: Vec<bool> = (0..headers.len())
        .map(|i| !cells.is_empty() && numeric(i))
        .collect();
    let line = |values: Vec<String>, out: &mut dyn Write, bar: Option<String>| -> io::Result<()> {
        let mut text = String::new();
        for (i, v) in values.iter().enumerate() {
            let w = widths.get(i).copied().unwrap_or(0);
            let v = cut(v, w);
            let pad = " ".repeat(w.saturating_sub(v.chars().count()));
            if i > 0 {
                text.push_str("  ");
            }
            if right.get(i) == Some(&true) {
                text.push_str(&pad);
                text.push_str(&v);
            } else {
                text.push_str(&v);
                text.push_str(&pad);
            }
        }
        if let Some(bar) = bar {
            text.push_str("  ");
            text.push_str(&bar);
        }
        writeln!(out, "{}", text.trim_end())
    };
    line(headers.iter().map(|h| h.to_string()).collect(), out, None)?;
    line(widths.iter().map(|w| "-".repeat(*w)).collect(), out, None)?;
    let counts: Vec<u64> = cells
        .iter()
        .map(|r| r.last().and_then(|c| c.parse().ok()).unwrap_or(0))
        .collect();
    let most = counts.iter().copied().max().unwrap_or(0);
    let room = width.saturating_sub(total(&widths) + 2).min(40);
    for (row, count) in cells.iter().zip(&counts) {
        let bar = (bars && room >= 5 && most > 0).then(|| bar(*count, most, room));
        line(row.clone(), out, bar)?;
    }
    Ok(())
}

/// A bar of `count` scaled so `most` fills `room` chars; any non-zero count shows.
fn bar(count: u64, most: u64, room: usize) -> String {
    let len = (count as f64 / most as f64 * room as f64).round() as usize;
    "█".repeat(if count > 0 { len.max(1) } else { 0 })
}

/// Labelled bars, one per line: the timeline.
pub fn write_bars(bars: &[(String, u64)], width: usize, out: &mut dyn Write) -> io::Result<()> {
    let label_width = bars
        .iter()
        .map(|(l, _)| l.chars().count())
        .max()
        .unwrap_or(0);
    let most = bars.iter().map(|(_, n)| *n).max().unwrap_or(0);
    let number_width = most.to_string().len();
    let room = width.saturating_sub(label_width + number_width + 4).max(5);
    for (label, count) in bars {
        let shown = if most > 0 {
            bar(*count, most, room)
        } else {
            String::new()
        };
        let line = format!("{label:<label_width$}  {count:>number_width$}  {shown}");
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}
