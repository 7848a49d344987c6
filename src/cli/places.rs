//! The gazetteer's commands. `geochron places NAME`: the ranked candidates for a name, as an
//! aligned table — what a query's `near "NAME"` would choose from; with a store, its imported
//! entries too. `geochron gazetteer import FILE`: a GeoNames dump into the store.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::db::Db;
use crate::error::Error;
use crate::gazetteer::{Candidate, Gazetteer};

/// Prints the embedded gazetteer's candidates for `name`, best first; an error when nothing
/// has that name.
pub fn run(name: &str, out: &mut impl Write) -> crate::Result<()> {
    print_candidates(name, &Gazetteer::embedded().lookup(name), out)
}

/// Prints the candidates for `name` in the store's gazetteer (embedded and imported entries).
pub fn run_in(db: &Db, name: &str, out: &mut impl Write) -> crate::Result<()> {
    print_candidates(name, &db.places(name)?, out)
}

/// Imports a GeoNames dump into the store: one line with the count on `out`, one line per
/// bad row (`file:line: why`) on `errors`.
pub fn import(
    db: &Db,
    file: &Path,
    out: &mut impl Write,
    errors: &mut impl Write,
) -> crate::Result<()> {
    let report = db.import_gazetteer(file)?;
    let io = |source| Error::Io {
        path: PathBuf::from("-"),
        source,
    };
    for error in &report.errors {
        writeln!(errors, "skipped: {error}").map_err(io)?;
    }
    if report.skipped > report.errors.len() {
        writeln!(
            errors,
            "skipped: {} more bad rows not listed",
            report.skipped - report.errors.len()
        )
        .map_err(io)?;
    }
    writeln!(
        out,
        "imported {} entries from {}, {} rows skipped",
        report.imported,
        file.display(),
        report.skipped
    )
    .map_err(io)
}

fn print_candidates(
    name: &str,
    candidates: &[Candidate],
    out: &mut impl Write,
) -> crate::Result<()> {
    if candidates.is_empty() {
        return Err(Error::NotFound(format!(
            "no place is named {name:?} in the gazetteer"
        )));
    }
    write_table(candidates, out).map_err(|source| Error::Io {
        path: PathBuf::from("-"),
        source,
    })
}

/// Writes candidates as an aligned table with a header row.
fn write_table(candidates: &[Candidate], out: &mut impl Write) -> std::io::Result<()> {
    let header = [
        "#",
        "name",
        "country",
        "admin1",
        "kind",
        "lat",
        "lon",
        "population",
        "geonameid",
    ];
    let rows: Vec<[String; 9]> = candidates
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let p = &c.place;
            [
                (i + 1).to_string(),
                p.name.clone(),
                p.country.map(|c| c.to_string()).unwrap_or_default(),
                p.admin1.clone().unwrap_or_default(),
                p.precision.as_str().to_string(),
                format!("{:.4}", p.lat),
                format!("{:.4}", p.lon),
                c.population.to_string(),
                p.geonameid.map(|g| g.to_string()).unwrap_or_default(),
            ]
        })
        .collect();
    let mut widths = header.map(|h| h.chars().count());
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let header_cells = header.map(str::to_string);
    for row in std::iter::once(&header_cells).chain(&rows) {
        let line: Vec<String> = row
            .iter()
            .zip(widths)
            .enumerate()
            .map(|(col, (cell, w))| {
                // Numbers align right, words left.
                if col == 0 || col >= 5 {
                    format!("{cell:>w$}")
                } else {
                    format!("{cell:<w$}")
                }
            })
            .collect();
        writeln!(out, "{}", line.join("  ").trim_end())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_ranked_candidates_with_a_header() {
        let mut out = Vec::new();
        run("Makhmour", &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let mut lines = text.lines();
        assert!(lines.next().unwrap().starts_with("#  name"));
        let first = lines.next().unwrap();
        assert!(first.contains("Mexmur") && first.contains("IQ"), "{first}");
    }

    #[test]
    fn unknown_names_are_an_error() {
        let mut out = Vec::new();
        assert!(matches!(run("Qqqxqq", &mut out), Err(Error::NotFound(_))));
    }
}
