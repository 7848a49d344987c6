//! `geochron export --format parquet DIR [QUERY]` and `geochron explain sql`: the command-line
//! side of [`crate::export`]. The row formats (ndjson, csv, geojson) stay with
//! [`super::query::export`]; this file adds the Parquet folder and the compiled SQL.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::db::Db;
use crate::error::{Error, Result};
use crate::export::layout::{DEFAULT_ROW_GROUP_ROWS, Manifest};
use crate::export::sql::{Dialect, Table, Target, compile_text};
use crate::gazetteer::Gazetteer;
use crate::output::OutputFormat;
use crate::query::PlanContext;

/// What `export --format` writes: a row format on standard output, or a Parquet folder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// ndjson, csv or geojson, as `query --format` prints them.
    Rows(OutputFormat),
    /// A Hive-partitioned GeoParquet folder.
    Parquet,
}

/// Parses an `export --format` value.
pub fn parse_format(name: &str) -> std::result::Result<ExportFormat, String> {
    if name.eq_ignore_ascii_case("parquet") {
        return Ok(ExportFormat::Parquet);
    }
    super::query::parse_format(name)
        .map(ExportFormat::Rows)
        .map_err(|e| format!("{e} or parquet"))
}

/// Parses a `--dialect` value.
pub fn parse_dialect(name: &str) -> std::result::Result<Dialect, String> {
    Dialect::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = Dialect::ALL.iter().map(|d| d.as_str()).collect();
        format!(
            "unknown dialect `{name}` (expected one of: {})",
            names.join(", ")
        )
    })
}

/// The rows per row group `export --row-group-rows` takes by default.
pub const ROW_GROUP_ROWS: usize = DEFAULT_ROW_GROUP_ROWS;

/// `geochron export`: `args` are `[QUERY]` for a row format, `DIR [QUERY]` for parquet.
pub fn run(
    db: &Db,
    format: ExportFormat,
    args: &[String],
    row_group_rows: usize,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    match format {
        ExportFormat::Rows(format) => {
            if args.len() > 1 {
                return Err(Error::Invalid(format!(
                    "export --format {} takes one query; a folder is only for --format parquet",
                    format.as_str()
                )));
            }
            super::query::export(db, args.first().map(String::as_str), format, out, err)
        }
        ExportFormat::Parquet => {
            let Some(dir) = args.first() else {
                return Err(Error::Invalid(
                    "export --format parquet needs the folder to write: `geochron export --format parquet DIR [QUERY]`".into(),
                ));
            };
            let query = args.get(1).map(String::as_str);
            let today = chrono::Local::now().date_naive();
            parquet(db, Path::new(dir), query, row_group_rows, today, out, err)
        }
    }
}

/// Writes the Parquet folder and prints what was written.
#[cfg(feature = "parquet")]
fn parquet(
    db: &Db,
    dir: &Path,
    query: Option<&str>,
    row_group_rows: usize,
    today: NaiveDate,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    let options = crate::export::parquet::ExportOptions {
        row_group_rows,
        today,
    };
    let manifest = match crate::export::parquet::export_parquet(db, dir, query, &options) {
        Err(Error::Query(e)) => {
            let text = query.unwrap_or("events");
            write_to(err, &e.render(text))?;
            return Err(Error::Query(e));
        }
        other => other?,
    };
    write_to(
        out,
        &format!(
            "wrote {} events ({} counted) to {}: {} months, {} files, {} row groups; longest interval {} days\n",
            manifest.events,
            manifest.counted,
            dir.display(),
            manifest.partitions,
            manifest.files,
            manifest.row_groups,
            manifest.longest_span_days
        ),
    )
}

#[cfg(not(feature = "parquet"))]
fn parquet(
    _db: &Db,
    _dir: &Path,
    _query: Option<&str>,
    _row_group_rows: usize,
    _today: NaiveDate,
    _out: &mut dyn Write,
    _err: &mut dyn Write,
) -> Result<()> {
    Err(Error::Invalid(
        "this geochron was built without the `parquet` feature".into(),
    ))
}

/// Where `explain sql` reads: an export folder (with its manifest) or a table by name.
#[derive(Clone, Debug, Default)]
pub struct SqlSource {
    /// `--parquet DIR`.
    pub parquet: Option<PathBuf>,
    /// `--table NAME` (`events` by default).
    pub table: Option<String>,
}

/// `geochron explain sql --dialect D 'QUERY'`: prints the compiled statement. Place names are
/// looked up in the store's gazetteer when the store exists, else in the embedded one.
pub fn explain_sql(
    store: &Path,
    dialect: Dialect,
    text: &str,
    source: &SqlSource,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    let target = match (&source.parquet, &source.table) {
        (Some(_), Some(_)) => {
            return Err(Error::Invalid(
                "explain sql reads either --parquet DIR or --table NAME, not both".into(),
            ));
        }
        (Some(dir), None) => Target {
            table: Table::Folder(dir.display().to_string()),
            longest_span_days: Some(Manifest::read(dir)?.longest_span_days),
        },
        (None, table) => Target {
            table: Table::Named(table.clone().unwrap_or_else(|| "events".into())),
            longest_span_days: None,
        },
    };
    let imported;
    let gazetteer: &Gazetteer = if store.exists() {
        imported = Db::open(store)?.gazetteer()?;
        &imported
    } else {
        Gazetteer::embedded()
    };
    let context = PlanContext {
        today: chrono::Local::now().date_naive(),
        gazetteer,
    };
    match compile_text(text, &context, dialect, &target) {
        Ok(compiled) => write_to(out, &format!("{};\n", compiled.sql)),
        Err(e) => {
            write_to(err, &e.render(text))?;
            Err(Error::Query(e))
        }
    }
}

fn write_to(stream: &mut dyn Write, text: &str) -> Result<()> {
    stream
        .write_all(text.as_bytes())
        .map_err(|source| Error::Io {
            path: "-".into(),
            source,
        })
}
