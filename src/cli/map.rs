//! `geochron map 'QUERY' -o FILE.html`: runs an events query and writes its events as one
//! self-contained, offline page ([`crate::output::map`]).

use std::io::Write;
use std::path::Path;

use crate::db::Db;
use crate::error::{Error, Result};
use crate::query::{self, QueryResult};

/// Writes the page of `text`'s events to `file`, and one line saying what it holds on `out`;
/// a query error is rendered on `err` under the text and returned.
pub fn run(
    db: &Db,
    text: &str,
    file: &Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    let today = chrono::Local::now().date_naive();
    let result = match query::parse(text)
        .map_err(Error::from)
        .and_then(|s| db.run(&s, today))
    {
        Err(Error::Query(e)) => {
            write_to(err, &e.render(text))?;
            return Err(Error::Query(e));
        }
        other => other?,
    };
    let QueryResult::Events { rows, .. } = &result else {
        return Err(Error::Invalid(
            "a map shows events: run an `events …` query without count, timeline or top".into(),
        ));
    };
    let mut page = Vec::new();
    crate::output::map::write(rows, text, &mut page).map_err(|source| Error::Io {
        path: file.to_path_buf(),
        source,
    })?;
    std::fs::write(file, &page).map_err(|source| Error::Io {
        path: file.to_path_buf(),
        source,
    })?;
    let placed = rows.iter().filter(|r| r.event.place.is_some()).count();
    write_to(
        out,
        &format!(
            "wrote {} ({} events, {placed} on the map; {} KB, works offline)\n",
            file.display(),
            rows.len(),
            page.len().div_ceil(1024)
        ),
    )
}

fn write_to(stream: &mut dyn Write, text: &str) -> Result<()> {
    stream
        .write_all(text.as_bytes())
        .map_err(|source| Error::Io {
            path: "-".into(),
            source,
        })
}
