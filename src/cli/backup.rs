//! `geochron dump FILE` and `geochron restore FILE`: a store's articles (with their text and
//! events) and imported gazetteer entries to JSON lines and back, the way back from a store
//! that was damaged or written by another format. `-` is standard output or input.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::Path;

use crate::db::Db;
use crate::error::{Error, Result};
use crate::ingest::InputError;

/// Dumps the store at `store` (opened however damaged, so that what can be read is saved)
/// into `file`, and says on `errors` what was written and what could not be read.
pub fn dump(store: &Path, file: &Path, errors: &mut impl Write) -> Result<()> {
    let db = Db::open_damaged(store)?;
    let io = |source| Error::Io {
        path: file.to_path_buf(),
        source,
    };
    let report = if file.as_os_str() == "-" {
        let stdout = io::stdout();
        let mut out = BufWriter::new(stdout.lock());
        let report = db.dump(&mut out)?;
        out.flush().map_err(io)?;
        report
    } else {
        let mut out = BufWriter::new(File::create(file).map_err(io)?);
        let report = db.dump(&mut out)?;
        out.flush().map_err(io)?;
        out.get_ref().sync_all().map_err(io)?;
        report
    };
    let say = |e| Error::Io {
        path: "-".into(),
        source: e,
    };
    for lost in &report.lost {
        writeln!(errors, "lost: {lost}").map_err(say)?;
    }
    writeln!(
        errors,
        "dumped {} articles ({} of them without their events, to be extracted again) and {} gazetteer entries to {}",
        report.counts.articles,
        report.without_events,
        report.counts.places,
        file.display()
    )
    .map_err(say)?;
    if report.lost.is_empty() {
        Ok(())
    } else {
        Err(Error::Corrupt(format!(
            "{}: {} parts of it could not be read and are not in the dump (see above); restore the dump into a fresh path with `geochron --db NEW restore {}`",
            store.display(),
            report.lost.len(),
            file.display()
        )))
    }
}

/// Restores the dump `file` into `db` (a fresh store), saying on `out` what was restored and
/// on `errors` which lines were skipped. Exits as an input error when lines were skipped or
/// the dump was cut short, after the summary.
pub fn restore(db: &Db, file: &Path, out: &mut impl Write, errors: &mut impl Write) -> Result<()> {
    let input: Box<dyn BufRead> = if file.as_os_str() == "-" {
        Box::new(BufReader::new(io::stdin()))
    } else {
        Box::new(BufReader::new(File::open(file).map_err(|source| {
            Error::Io {
                path: file.to_path_buf(),
                source,
            }
        })?))
    };
    let report = db.restore(input, file)?;
    let say = |e| Error::Io {
        path: "-".into(),
        source: e,
    };
    for skipped in &report.skipped {
        writeln!(errors, "skipped: {skipped}").map_err(say)?;
    }
    if let Some(repaired) = &report.repaired {
        writeln!(errors, "repaired the links the dump lacked: {repaired}").map_err(say)?;
    }
    writeln!(
        out,
        "restored {} articles ({} events; {} extracted again) and {} gazetteer entries",
        report.articles, report.events, report.extracted, report.places
    )
    .map_err(say)?;
    if !report.complete {
        return Err(InputError::new(
            file,
            None,
            "the dump ends before its closing counts: it was cut short, and only what it held was restored",
        )
        .into());
    }
    if !report.skipped.is_empty() {
        return Err(InputError::new(
            file,
            None,
            format!("{} lines were skipped (see above)", report.skipped.len()),
        )
        .into());
    }
    Ok(())
}
