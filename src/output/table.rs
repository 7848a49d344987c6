//! The `table` format: aligned columns for people, fitted to the width given — long text cut
//! with `…`, then columns left out at the right (named in the footer) so that no line is ever
//! wider — a bar beside each count, at most `max_rows` rows with a footer saying how many
//! there were, and plans, commands' reports and provenance as plain text.

use std::io::{self, Write};

use super::{Options, header};
use crate::model::GeoPrecision;
use crate::query::QueryResult;
use crate::query::ast::Field;
use crate::query::rows::Datum;

/// The narrowest a cut text column gets; past that, columns are left out instead.
const MIN_TEXT: usize = 12;

/// The widest a count's bar grows.
const MAX_BAR: usize = 40;

/// The free-text columns, cut first when a table is too wide.
const TEXT_COLUMNS: &[Field] = &[
    Field::Summary,
    Field::Title,
    Field::Text,
    Field::Url,
    Field::Actor,
    Field::Place,
    Field::Name,
    Field::Source,
    Field::Sources,
    Field::Kind,
    Field::Admin1,
];

/// Writes the result as a table, a timeline, or text.
pub fn write(result: &QueryResult, options: &Options, out: &mut dyn Write) -> io::Result<()> {
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
            let shown = options.max_rows.unwrap_or(usize::MAX).min(rows.len());
            let bars: Vec<(String, u64)> = rows
                .iter()
                .take(shown)
                .map(|r| (r.label.clone(), r.count))
                .collect();
            write_bars(&bars, options.width, out)?;
            let total: u64 = rows.iter().map(|r| r.count).sum();
            let units = if shown < rows.len() {
                format!(
                    "{} of {} {}s",
                    thousands(shown),
                    thousands(rows.len()),
                    bucket.as_str()
                )
            } else {
                format!("{} {}s", thousands(rows.len()), bucket.as_str())
            };
            let mut footer = format!(
                "({units}, {} rows",
                thousands(usize::try_from(total).unwrap_or(usize::MAX))
            );
            if *undated > 0 {
                footer.push_str(&format!(
                    "; {} without a date left out",
                    thousands(usize::try_from(*undated).unwrap_or(usize::MAX))
                ));
            }
            if shown < rows.len() {
                footer.push_str("; `.maxrows N` to show more");
            }
            footer.push(')');
            writeln!(out, "{}", cut(&footer, options.width))
        }
        other => {
            let Some((columns, rows)) = other.table() else {
                return Ok(());
            };
            let shown = options.max_rows.unwrap_or(usize::MAX).min(rows.len());
            let headers: Vec<&str> = columns.iter().map(|c| header(other, *c)).collect();
            let mut cells: Vec<Vec<String>> = rows
                .iter()
                .take(shown)
                .map(|r| {
                    r.iter()
                        .map(|d| cell_text(d, &options.null_value))
                        .collect()
                })
                .collect();
            label_coarse_places(other, &columns, &mut cells);
            let bars = options.bars
                && matches!(other, QueryResult::Table { .. })
                && columns.last() == Some(&Field::Count);
            let table = Table {
                headers: &headers,
                cells: &cells,
                columns: &columns,
            };
            let left_out = table.write(options, bars, out)?;
            let n = rows.len();
            let mut footer = if shown < n {
                format!("({} of {} rows", thousands(shown), thousands(n))
            } else {
                format!("({} row{}", thousands(n), if n == 1 { "" } else { "s" })
            };
            if !left_out.is_empty() {
                footer.push_str(&format!(
                    "; {} left out to fit: `.mode line` shows every column",
                    left_out.join(", ")
                ));
            }
            if shown < n {
                footer.push_str("; `.maxrows N` to show more");
            }
            footer.push(')');
            writeln!(out, "{}", cut(&footer, options.width))
        }
    }
}

/// Marks an event's place that is only a region or a country with its geo precision —
/// `Nineveh (admin1)`, `Iraq (country)` — so nobody reads a centroid as the site; a site or
/// a town is its name alone.
pub(super) fn label_coarse_places(
    result: &QueryResult,
    columns: &[Field],
    cells: &mut [Vec<String>],
) {
    let QueryResult::Events { rows, .. } = result else {
        return;
    };
    let Some(i) = columns.iter().position(|c| *c == Field::Place) else {
        return;
    };
    for (row, cells) in rows.iter().zip(cells.iter_mut()) {
        let Some(place) = &row.event.place else {
            continue;
        };
        let label = match place.precision {
            GeoPrecision::Point | GeoPrecision::City => continue,
            coarse => format!("{} ({})", place.name, coarse.as_str()),
        };
        if let Some(cell) = cells.get_mut(i) {
            *cell = label;
        }
    }
}

/// A value as a table cell: one line; nothing as the null text.
fn cell_text(value: &Datum, null_text: &str) -> String {
    match value {
        Datum::Null => null_text.to_string(),
        Datum::Float(x) => format!("{x:.2}"),
        other => other.to_string().replace(['\n', '\r', '\t'], " "),
    }
}

/// `13931` as `13,931`.
pub(super) fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut shown = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            shown.push(',');
        }
        shown.push(c);
    }
    shown
}

/// Cuts `text` to `width` chars, marking the cut with `…`.
fn cut(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut kept: String = text.chars().take(width.saturating_sub(1)).collect();
    if width > 0 {
        kept.push('…');
    }
    kept
}

/// The text of a table: headers, rows of cells, and the field of each column.
struct Table<'a> {
    headers: &'a [&'a str],
    cells: &'a [Vec<String>],
    columns: &'a [Field],
}

impl Table<'_> {
    /// The width of each column fitted to `width`: every column as wide as its widest cell;
    /// then the free-text columns cut, widest first, down to [`MIN_TEXT`]; then columns left
    /// out from the right; a last column still too wide is cut to the width itself. `None`
    /// marks a column left out.
    fn fit(&self, width: usize) -> Vec<Option<usize>> {
        let mut widths: Vec<Option<usize>> = self
            .headers
            .iter()
            .enumerate()
            .map(|(i, h)| {
                let widest = self
                    .cells
                    .iter()
                    .filter_map(|r| r.get(i))
                    .map(|c| c.chars().count())
                    .max()
                    .unwrap_or(0);
                Some(widest.max(h.chars().count()))
            })
            .collect();
        let is_text = |i: usize| {
            self.columns
                .get(i)
                .is_some_and(|c| TEXT_COLUMNS.contains(c))
        };
        while total(&widths) > width {
            let widest = widths
                .iter()
                .enumerate()
                .filter(|(i, w)| is_text(*i) && w.is_some_and(|w| w > MIN_TEXT))
                .max_by_key(|(i, w)| (w.unwrap_or(0), std::cmp::Reverse(*i)))
                .map(|(i, _)| i);
            let Some(i) = widest else { break };
            let over = total(&widths) - width;
            if let Some(Some(w)) = widths.get_mut(i) {
                *w = w.saturating_sub(over).max(MIN_TEXT);
            }
        }
        while total(&widths) > width {
            match widths.iter().rposition(Option::is_some) {
                Some(i) if i > 0 => widths[i] = None,
                _ => {
                    if let Some(Some(w)) = widths.first_mut() {
                        *w = width;
                    }
                    break;
                }
            }
        }
        widths
    }

    /// Writes the aligned table; returns the headers of the columns left out to fit.
    fn write(&self, options: &Options, bars: bool, out: &mut dyn Write) -> io::Result<Vec<String>> {
        let width = options.width;
        let widths = self.fit(width);
        let numeric = |i: usize| {
            self.cells.iter().all(|r| {
                r.get(i).is_none_or(|c| {
                    c.is_empty() || c == &options.null_value || c.parse::<f64>().is_ok()
                })
            })
        };
        let right: Vec<bool> = (0..self.headers.len())
            .map(|i| !self.cells.is_empty() && numeric(i))
            .collect();
        let line = |values: &[String], bar: Option<String>, out: &mut dyn Write| {
            let mut text = String::new();
            let mut first = true;
            for (i, v) in values.iter().enumerate() {
                let Some(Some(w)) = widths.get(i) else {
                    continue;
                };
                let v = cut(v, *w);
                let pad = " ".repeat(w.saturating_sub(v.chars().count()));
                if !first {
                    text.push_str("  ");
                }
                first = false;
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
        if options.headers {
            let headers: Vec<String> = self.headers.iter().map(|h| h.to_string()).collect();
            line(&headers, None, out)?;
            let rules: Vec<String> = widths.iter().map(|w| "-".repeat(w.unwrap_or(0))).collect();
            line(&rules, None, out)?;
        }
        let counts: Vec<u64> = self
            .cells
            .iter()
            .map(|r| r.last().and_then(|c| c.parse().ok()).unwrap_or(0))
            .collect();
        let most = counts.iter().copied().max().unwrap_or(0);
        let room = width.saturating_sub(total(&widths) + 2).min(MAX_BAR);
        let count_shown = widths.last().is_some_and(Option::is_some);
        for (row, count) in self.cells.iter().zip(&counts) {
            let bar =
                (bars && count_shown && room >= 5 && most > 0).then(|| bar(*count, most, room));
            line(row, bar, out)?;
        }
        Ok(self
            .headers
            .iter()
            .zip(&widths)
            .filter(|(_, w)| w.is_none())
            .map(|(h, _)| h.to_string())
            .collect())
    }
}

/// The width of a line of columns: the shown columns and two spaces between each two.
fn total(widths: &[Option<usize>]) -> usize {
    let shown: Vec<usize> = widths.iter().flatten().copied().collect();
    shown.iter().sum::<usize>() + 2 * shown.len().saturating_sub(1)
}

/// A bar of `count` scaled so `most` fills `room` chars; any non-zero count shows.
fn bar(count: u64, most: u64, room: usize) -> String {
    let len = (count as f64 / most as f64 * room as f64).round() as usize;
    "█".repeat(if count > 0 { len.max(1) } else { 0 })
}

/// Labelled bars, one per line: the timeline. A label and count wider than `width` leave
/// no room for the bar, and the line is cut to the width.
pub fn write_bars(bars: &[(String, u64)], width: usize, out: &mut dyn Write) -> io::Result<()> {
    let label_width = bars
        .iter()
        .map(|(l, _)| l.chars().count())
        .max()
        .unwrap_or(0);
    let most = bars.iter().map(|(_, n)| *n).max().unwrap_or(0);
    let number_width = most.to_string().len();
    let room = width.saturating_sub(label_width + number_width + 4);
    for (label, count) in bars {
        let shown = if most > 0 && room > 0 {
            bar(*count, most, room)
        } else {
            String::new()
        };
        let line = format!("{label:<label_width$}  {count:>number_width$}  {shown}");
        writeln!(out, "{}", cut(line.trim_end(), width))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(13_931), "13,931");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }

    fn lines(headers: &[&str], columns: &[Field], cells: &[Vec<String>], width: usize) -> String {
        let table = Table {
            headers,
            cells,
            columns,
        };
        let options = Options {
            width,
            ..Options::default()
        };
        let mut out = Vec::new();
        table.write(&options, false, &mut out).unwrap_or_default();
        String::from_utf8_lossy(&out).into_owned()
    }

    #[test]
    fn no_line_is_wider_than_the_width_given() {
        let headers = [
            "id", "date", "kind", "place", "country", "summary", "sources",
        ];
        let columns = [
            Field::Id,
            Field::Date,
            Field::Kind,
            Field::Place,
            Field::Country,
            Field::Summary,
            Field::Sources,
        ];
        let row: Vec<String> = [
            "497d018f544715dc",
            "2021-10-16..2021-10-17",
            "battle.armed_clash",
            "Makhmur",
            "IQ",
            "Islamic State militants ambushed an army convoy near Makhmur on Saturday night.",
            "Erbil Ledger; Tigris Wire",
        ]
        .map(str::to_string)
        .to_vec();
        for width in [1, 5, 10, 20, 40, 60, 80, 104, 200] {
            let text = lines(&headers, &columns, &[row.clone(), row.clone()], width);
            for line in text.lines() {
                assert!(
                    line.chars().count() <= width,
                    "{} > {width}: {line:?}",
                    line.chars().count()
                );
            }
        }
    }
}
