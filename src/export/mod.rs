//! Past one machine: events out of the store in the layout big engines read best, and queries
//! compiled into their SQL. It owns the GeoParquet layout ([`layout`]: folders, columns, the
//! manifest), its writer ([`parquet`], behind the `parquet` cargo feature) and the SQL compiler
//! ([`sql`]: DuckDB, Spark, BigQuery). It reads the store only through its scans and plans
//! only through [`crate::query::plan`]; it never changes what a query means.
//!
//! # The life of an export
//!
//! 1. The events a query selects (every event by default, linked duplicates included, each
//!    with its `happening_id`) are found by one scan, keeping only each event's month, cell
//!    and id.
//! 2. Month by month, in cell order, the events are read back and written as
//!    `DIR/year=Y/month=M/part-N.parquet` in row groups of about 100,000 rows, so a reader
//!    prunes partitions by time and row groups by box.
//! 3. `DIR/_geochron.json` (the [`layout::Manifest`]) records what was written, above all the
//!    longest interval, which bounds `date overlaps` scans.
//!
//! # The life of a compiled query
//!
//! 1. The query is planned as geochron plans it ([`crate::query::plan`]): place names are
//!    coordinates, kinds are expanded, relative dates are fixed days.
//! 2. [`sql::compile`] turns the plan's access path and residual filter into a `WHERE` of
//!    literals (with partition bounds), and its stages into `GROUP BY` / `ORDER BY` / `LIMIT`
//!    with geochron's tie-breaks, in one dialect's words.

pub mod layout;
#[cfg(feature = "parquet")]
pub mod parquet;
pub mod sql;
