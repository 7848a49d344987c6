//! The Parquet layout both halves of [`crate::export`] agree on: where a month's events go,
//! what the columns are called and hold, and the manifest beside them. Plain data and paths:
//! the writer ([`super::parquet`]) fills it, the SQL compiler ([`super::sql`]) reads it.
//!
//! ```text
//! DIR/_geochron.json                      the manifest (engines skip names starting with `_`)
//! DIR/year=2020/month=1/part-0.parquet    events starting in January 2020, in cell order
//! ```
//!
//! Months are written without zero padding: DuckDB reads a padded `month=01` as text, Spark
//! as an integer; `month=1` is an integer to both, so partition bounds compare as numbers.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::Event;

/// The manifest's file name, in the export's root folder.
pub const MANIFEST_FILE: &str = "_geochron.json";

/// What the manifest's `format` field says, so a reader knows whose file it is.
pub const MANIFEST_FORMAT: &str = "geochron-geoparquet";

/// The layout's version: bumped when a column changes meaning or type, or one is added
/// (3: `ingested`, so that `ingested` tests and `as of` compile).
pub const LAYOUT_VERSION: u32 = 3;

/// Rows per row group by default: large enough for compression and scan speed, small enough
/// that a month of GDELT-scale data has many, each covering a stretch of the cell curve.
pub const DEFAULT_ROW_GROUP_ROWS: usize = 100_000;

/// Row groups per file before the month's next `part-N` file starts.
pub const ROW_GROUPS_PER_FILE: usize = 10;

/// The columns of an events file, in order, with what each holds. The writer's schema and the
/// README's table come from this list.
pub const COLUMNS: &[(&str, &str)] = &[
    ("id", "the event's id, 16 hex digits"),
    (
        "happening_id",
        "the id of the report geochron counts for this happening: the event's own id, or the event it duplicates",
    ),
    ("article", "the article's id, 16 hex digits"),
    (
        "published",
        "the article's publication date (DATE, null when unknown)",
    ),
    ("source", "the article's publisher"),
    (
        "ingested",
        "when the store first stored the article (TIMESTAMP without time zone, holding UTC, microseconds): `CAST(ingested AS DATE)` is the UTC day `ingested` and `as of` test",
    ),
    ("date_start", "the first day of the event's interval (DATE)"),
    ("date_end", "the last day of the event's interval (DATE)"),
    ("date_precision", "day, week, month, quarter, year, …"),
    (
        "kind",
        "the kind, `top.sub` (`battle.armed_clash`) or a top kind alone",
    ),
    ("kind_top", "the top kind (`battle`)"),
    (
        "status",
        "happened, background (history behind the story) or not_happened (a plan, threat, denial)",
    ),
    ("place", "the place's name"),
    ("country", "ISO 3166-1 alpha-2 code"),
    ("admin1", "the first-level region's name"),
    ("lat", "latitude in degrees (DOUBLE)"),
    ("lon", "longitude in degrees (DOUBLE)"),
    ("geo_precision", "point, city, admin1, country or region"),
    (
        "killed",
        "the best figure of the dead (BIGINT, null when not reported)",
    ),
    (
        "injured",
        "the best figure of the hurt (BIGINT, null when not reported)",
    ),
    (
        "actors",
        "list of struct(name, role), role initiator, target or other",
    ),
    ("summary", "the sentence that reports the event"),
    (
        "cell",
        "the store's Z-order cell of (lat, lon) with its top bit flipped (BIGINT, same order)",
    ),
    (
        "geometry",
        "the place as a WKB point (GeoParquet 1.1 primary column)",
    ),
    (
        "bbox",
        "struct(xmin, ymin, xmax, ymax): the GeoParquet 1.1 covering of `geometry`",
    ),
];

/// What an export wrote, kept beside it as `_geochron.json`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Always [`MANIFEST_FORMAT`].
    pub format: String,
    /// The layout's version ([`LAYOUT_VERSION`]).
    pub version: u32,
    /// Events written, linked duplicates included.
    pub events: u64,
    /// Events geochron counts (those whose `happening_id` is their own id).
    pub counted: u64,
    /// The longest `date_end − date_start` of any event written, in days: an event that
    /// overlaps a range starting on day A starts on or after A minus this.
    pub longest_span_days: i64,
    /// The earliest `date_start` written.
    pub first_start: Option<NaiveDate>,
    /// The latest `date_start` written.
    pub last_start: Option<NaiveDate>,
    /// The latest `ingested` written: what the export knew. An `as of` past it answers with
    /// the export, not with what the store has learned since.
    pub last_ingested: Option<DateTime<Utc>>,
    /// Month folders written.
    pub partitions: u64,
    /// Parquet files written.
    pub files: u64,
    /// Row groups written.
    pub row_groups: u64,
    /// The most rows a row group holds.
    pub row_group_rows: u64,
    /// How rows are ordered inside a month.
    pub sorted_by: Vec<String>,
}

impl Manifest {
    /// Reads the manifest of an export folder, with an error naming the file.
    pub fn read(dir: &Path) -> Result<Manifest> {
        let path = dir.join(MANIFEST_FILE);
        let text = std::fs::read_to_string(&path).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        let manifest: Manifest = serde_json::from_str(&text).map_err(|e| {
            Error::Invalid(format!("{}: not a geochron manifest: {e}", path.display()))
        })?;
        if manifest.format != MANIFEST_FORMAT || manifest.version != LAYOUT_VERSION {
            return Err(Error::Invalid(format!(
                "{}: layout {} version {}, but this geochron reads {MANIFEST_FORMAT} version {LAYOUT_VERSION}",
                path.display(),
                manifest.format,
                manifest.version
            )));
        }
        Ok(manifest)
    }
}

/// The month an event is filed under: its start's year and month (1–12).
pub fn start_month(event: &Event) -> (i32, u32) {
    (event.when.start.year(), event.when.start.month())
}

/// The folder of one month, relative to the export's root: `year=2020/month=1`.
pub fn partition_dir(year: i32, month: u32) -> PathBuf {
    PathBuf::from(format!("year={year}")).join(format!("month={month}"))
}

/// The id of the report geochron counts for the event's happening.
pub fn happening_id(event: &Event) -> String {
    event.duplicate_of.unwrap_or(event.id).to_string()
}

/// The `cell` column's value: the store's unsigned cell with its top bit flipped, so that
/// signed 64-bit order (what every engine has) is the store's order.
pub fn cell_column(cell: u64) -> i64 {
    i64::from_be_bytes((cell ^ (1 << 63)).to_be_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_keep_their_order_as_signed_numbers() {
        let cells = [0u64, 1, (1 << 63) - 1, 1 << 63, u64::MAX];
        let signed: Vec<i64> = cells.iter().map(|&c| cell_column(c)).collect();
        assert!(signed.windows(2).all(|w| w[0] < w[1]), "{signed:?}");
        assert_eq!(signed[0], i64::MIN);
    }

    #[test]
    fn months_are_not_padded() {
        assert_eq!(
            partition_dir(2020, 1),
            PathBuf::from("year=2020").join("month=1")
        );
    }
}
