//! `geochron export --format parquet DIR [QUERY]`: the events a query selects, written as
//! Hive-partitioned GeoParquet 1.1 ([`super::layout`]). Every event the filter passes is
//! written, linked duplicates too, each with the `happening_id` engines count by.
//!
//! Two passes keep memory to a few dozen bytes per event whatever the store's size: the first
//! scans every events row once and keeps each passing event's month, cell and id; the second
//! reads the events back month by month in cell order and writes them a row group at a time.
//! Sorting by cell inside a month (not by date) is what lets a reader skip row groups by box:
//! neighbours on the curve are neighbours on the map.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow_array::builder::{
    BinaryBuilder, Date32Builder, Float64Builder, Int64Builder, ListBuilder, StringBuilder,
    StructBuilder, TimestampMicrosecondBuilder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Fields, Schema, SchemaRef, TimeUnit};
use chrono::{DateTime, NaiveDate, Utc};
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::metadata::KeyValue;
use parquet::file::properties::{EnabledStatistics, WriterProperties};

use super::layout::{
    self, LAYOUT_VERSION, MANIFEST_FILE, MANIFEST_FORMAT, Manifest, ROW_GROUPS_PER_FILE,
    cell_column, happening_id, partition_dir,
};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::model::{ArticleId, EventId, Role, day_number};
use crate::query::ast::{Source, Statement};
use crate::query::exec::ArticleCache;
use crate::query::filter::Filter;
use crate::query::resolve::resolve_expr;
use crate::query::rows::EventRow;
use crate::store::StoredRow;
use crate::store::cell::cell_id;

/// How an export is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExportOptions {
    /// The most rows in one row group ([`layout::DEFAULT_ROW_GROUP_ROWS`] by default).
    pub row_group_rows: usize,
    /// The day relative dates in the query resolve against.
    pub today: NaiveDate,
}

/// One selected event as the first pass keeps it: where it goes and how it sorts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Slot {
    year: i32,
    month: u32,
    /// `None` (no place) sorts after every cell.
    cell: (bool, u64),
    start: i32,
    id: EventId,
}

/// Writes the events `query` selects (every event when `None`) into `dir` as GeoParquet, and
/// the manifest beside them. A folder holding an earlier export is rewritten; any other
/// folder must be empty or new.
pub fn export_parquet(
    db: &Db,
    dir: &Path,
    query: Option<&str>,
    options: &ExportOptions,
) -> Result<Manifest> {
    if options.row_group_rows == 0 {
        return Err(Error::Invalid(
            "row groups need at least one row (`--row-group-rows 100000`)".into(),
        ));
    }
    let filter = selection(db, query.unwrap_or("events"), options.today)?;
    let (mut slots, mut manifest) = first_pass(db, filter.as_ref())?;
    manifest.row_group_rows = options.row_group_rows as u64;
    slots.sort_unstable();
    prepare_dir(dir)?;
    let schema = schema();
    let mut start = 0;
    while let Some(first) = slots.get(start) {
        let end = slots
            .iter()
            .skip(start)
            .position(|s| (s.year, s.month) != (first.year, first.month))
            .map_or(slots.len(), |n| start + n);
        let month = slots.get(start..end).unwrap_or_default();
        let folder = dir.join(partition_dir(first.year, first.month));
        std::fs::create_dir_all(&folder).map_err(|source| Error::Io {
            path: folder.clone(),
            source,
        })?;
        let per_file = options.row_group_rows.saturating_mul(ROW_GROUPS_PER_FILE);
        for (part, ids) in month.chunks(per_file).enumerate() {
            let path = folder.join(format!("part-{part}.parquet"));
            manifest.row_groups += write_file(db, &path, &schema, ids, options.row_group_rows)?;
            manifest.files += 1;
        }
        manifest.partitions += 1;
        start = end;
    }
    let path = dir.join(MANIFEST_FILE);
    let text = serde_json::to_string_pretty(&manifest)
        .map_err(|e| Error::Invalid(format!("manifest: {e}")))?;
    std::fs::write(&path, text + "\n").map_err(|source| Error::Io { path, source })?;
    Ok(manifest)
}

/// The full filter of an export's query: every conjunct, not only what an index would leave.
fn selection(db: &Db, text: &str, today: NaiveDate) -> Result<Option<Filter>> {
    let statement = crate::query::parse(text)?;
    let Statement::Query(query) = statement else {
        return Err(Error::Invalid(format!(
            "`{text}`: an export takes an events query (`events where country = IQ`)"
        )));
    };
    if query.source.node != Source::Events {
        return Err(Error::Invalid(format!(
            "`{text}`: the Parquet layout holds events; `{}` cannot be exported to it",
            query.source.node.as_str()
        )));
    }
    if !query.stages.is_empty() {
        return Err(Error::Invalid(format!(
            "`{text}`: the Parquet layout fixes the columns and their order, so an export takes a filter without stages"
        )));
    }
    let gazetteer = db.gazetteer()?;
    Ok(query
        .filter
        .as_ref()
        .map(|f| resolve_expr(f, today, &gazetteer))
        .transpose()?)
}

/// Scans every events row once: the slots of the events that pass, and the manifest's counts.
fn first_pass(db: &Db, filter: Option<&Filter>) -> Result<(Vec<Slot>, Manifest)> {
    let mut manifest = Manifest {
        format: MANIFEST_FORMAT.to_string(),
        version: LAYOUT_VERSION,
        events: 0,
        counted: 0,
        longest_span_days: 0,
        first_start: None,
        last_start: None,
        last_ingested: None,
        partitions: 0,
        files: 0,
        row_groups: 0,
        row_group_rows: 0,
        sorted_by: vec!["cell".into(), "date_start".into(), "id".into()],
    };
    let mut slots = Vec::new();
    let mut articles = ArticleCache::new(
        db.store(),
        filter.is_some_and(Filter::reads_articles),
        filter,
    );
    let mut ingested = IngestTimes::default();
    for value in db.store().rows() {
        let StoredRow {
            event,
            published,
            source,
        } = value?.decode()?;
        let row = EventRow {
            article: articles.facts(event.article)?,
            event,
            published,
            source,
            distance_km: None,
        };
        if !filter.is_none_or(|f| f.matches_event(&row)) {
            continue;
        }
        let event = row.event;
        if let Some(at) = ingested.of(db, event.article)? {
            manifest.last_ingested = Some(manifest.last_ingested.map_or(at, |l| l.max(at)));
        }
        let (year, month) = layout::start_month(&event);
        let when = &event.when;
        manifest.events += 1;
        manifest.counted += u64::from(event.is_counted());
        manifest.longest_span_days = manifest
            .longest_span_days
            .max((when.end - when.start).num_days());
        manifest.first_start = Some(
            manifest
                .first_start
                .map_or(when.start, |d| d.min(when.start)),
        );
        manifest.last_start = Some(
            manifest
                .last_start
                .map_or(when.start, |d| d.max(when.start)),
        );
        slots.push(Slot {
            year,
            month,
            cell: event
                .place
                .as_ref()
                .map_or((true, 0), |p| (false, cell_id(p.lat, p.lon))),
            start: day_number(when.start),
            id: event.id,
        });
    }
    Ok((slots, manifest))
}

/// Makes `dir` ready: created when new, cleared of an earlier export's months, refused when
/// it holds anything else.
fn prepare_dir(dir: &Path) -> Result<()> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Io { path, source }
    };
    if !dir.exists() {
        return std::fs::create_dir_all(dir).map_err(io(dir));
    }
    let entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io(dir))?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<std::io::Result<_>>()
        .map_err(io(dir))?;
    if entries.is_empty() {
        return Ok(());
    }
    if !dir.join(MANIFEST_FILE).exists() {
        return Err(Error::Invalid(format!(
            "{}: the folder is not empty and holds no geochron export (no {MANIFEST_FILE}); export into a new or empty folder",
            dir.display()
        )));
    }
    for path in entries {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with("year=") && path.is_dir() {
            std::fs::remove_dir_all(&path).map_err(io(&path))?;
        } else if name == MANIFEST_FILE {
            std::fs::remove_file(&path).map_err(io(&path))?;
        }
    }
    Ok(())
}

/// The Arrow schema of an events file, in [`layout::COLUMNS`] order.
fn schema() -> SchemaRef {
    let text = |name: &str, nullable| Field::new(name, DataType::Utf8, nullable);
    let fields = vec![
        text("id", false),
        text("happening_id", false),
        text("article", false),
        Field::new("published", DataType::Date32, true),
        text("source", true),
        Field::new(
            "ingested",
            DataType::Timestamp(TimeUnit::Microsecond, None),
            true,
        ),
        Field::new("date_start", DataType::Date32, false),
        Field::new("date_end", DataType::Date32, false),
        text("date_precision", false),
        text("kind", false),
        text("kind_top", false),
        text("status", false),
        text("place", true),
        text("country", true),
        text("admin1", true),
        Field::new("lat", DataType::Float64, true),
        Field::new("lon", DataType::Float64, true),
        text("geo_precision", true),
        Field::new("killed", DataType::Int64, true),
        Field::new("injured", DataType::Int64, true),
        Field::new(
            "actors",
            DataType::List(Arc::new(Field::new(
                "item",
                DataType::Struct(actor_fields()),
                true,
            ))),
            false,
        ),
        text("summary", false),
        Field::new("cell", DataType::Int64, true),
        Field::new("geometry", DataType::Binary, true),
        Field::new("bbox", DataType::Struct(bbox_fields()), true),
    ];
    Arc::new(Schema::new(fields))
}

fn actor_fields() -> Fields {
    Fields::from(vec![
        Field::new("name", DataType::Utf8, false),
        Field::new("role", DataType::Utf8, false),
    ])
}

fn bbox_fields() -> Fields {
    Fields::from(
        ["xmin", "ymin", "xmax", "ymax"]
            .map(|name| Field::new(name, DataType::Float64, false))
            .to_vec(),
    )
}

/// Writes one file of a month's events, a row group per `rows` events; returns the row
/// groups written.
fn write_file(
    db: &Db,
    path: &Path,
    schema: &SchemaRef,
    slots: &[Slot],
    rows: usize,
) -> Result<u64> {
    let failed = |e: &dyn std::fmt::Display| Error::Io {
        path: path.to_path_buf(),
        source: std::io::Error::other(e.to_string()),
    };
    let properties = WriterProperties::builder()
        .set_compression(Compression::ZSTD(ZstdLevel::default()))
        .set_max_row_group_row_count(Some(rows))
        .set_statistics_enabled(EnabledStatistics::Page)
        .build();
    let file = File::create(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut writer =
        ArrowWriter::try_new(file, schema.clone(), Some(properties)).map_err(|e| failed(&e))?;
    let mut extent: Option<[f64; 4]> = None;
    let mut groups = 0;
    let mut ingested = IngestTimes::default();
    for chunk in slots.chunks(rows) {
        let mut events = Vec::with_capacity(chunk.len());
        let mut times = Vec::with_capacity(chunk.len());
        for slot in chunk {
            let row = db.store().get_row(slot.id)?.ok_or_else(|| {
                Error::Corrupt(format!("event {} vanished during the export", slot.id))
            })?;
            if let Some(p) = &row.event.place {
                extent = Some(match extent {
                    None => [p.lon, p.lat, p.lon, p.lat],
                    Some([x0, y0, x1, y1]) => {
                        [x0.min(p.lon), y0.min(p.lat), x1.max(p.lon), y1.max(p.lat)]
                    }
                });
            }
            times.push(ingested.of(db, row.event.article)?);
            events.push(row);
        }
        let batch = record_batch(schema, &events, &times).map_err(|e| failed(&e))?;
        writer.write(&batch).map_err(|e| failed(&e))?;
        // One row group per chunk, whatever the writer's own size estimate says.
        writer.flush().map_err(|e| failed(&e))?;
        groups += 1;
    }
    writer.append_key_value_metadata(KeyValue::new("geo".to_string(), geo_metadata(extent)));
    writer.close().map_err(|e| failed(&e))?;
    Ok(groups)
}

/// Each article's ingest time, read once per article: an article's few events sit near each
/// other in time, and the map holds a few dozen bytes per article.
#[derive(Default)]
struct IngestTimes(std::collections::HashMap<ArticleId, Option<DateTime<Utc>>>);

impl IngestTimes {
    /// When the store first stored the article; `None` when it is not stored (deleted during
    /// the export).
    fn of(&mut self, db: &Db, id: ArticleId) -> Result<Option<DateTime<Utc>>> {
        if let Some(at) = self.0.get(&id) {
            return Ok(*at);
        }
        let at = db.store().get_article(id)?.map(|a| a.ingested_at);
        self.0.insert(id, at);
        Ok(at)
    }
}

/// The `ingested` column's value: microseconds since 1970 (UTC), as Arrow's timestamp
/// without a time zone holds a UTC wall clock.
fn micros(at: DateTime<Utc>) -> i64 {
    at.timestamp_micros()
}

/// The GeoParquet 1.1 `geo` key: WKB points in longitude/latitude (the default CRS, OGC:CRS84),
/// the file's extent, and the `bbox` covering readers prune by.
fn geo_metadata(extent: Option<[f64; 4]>) -> String {
    let covering = serde_json::json!({
        "bbox": {
            "xmin": ["bbox", "xmin"],
            "ymin": ["bbox", "ymin"],
            "xmax": ["bbox", "xmax"],
            "ymax": ["bbox", "ymax"],
        }
    });
    let mut column = serde_json::json!({
        "encoding": "WKB",
        "geometry_types": ["Point"],
        "covering": covering,
    });
    if let (Some(extent), Some(object)) = (extent, column.as_object_mut()) {
        object.insert("bbox".into(), serde_json::json!(extent));
    }
    serde_json::json!({
        "version": "1.1.0",
        "primary_column": "geometry",
        "columns": { "geometry": column },
    })
    .to_string()
}

/// A point as WKB: little-endian, type 1, x (longitude) then y (latitude).
fn wkb_point(lon: f64, lat: f64) -> [u8; 21] {
    let mut wkb = [0u8; 21];
    wkb[0] = 1;
    wkb[1..5].copy_from_slice(&1u32.to_le_bytes());
    wkb[5..13].copy_from_slice(&lon.to_le_bytes());
    wkb[13..21].copy_from_slice(&lat.to_le_bytes());
    wkb
}

/// Days since 1970-01-01, Arrow's `Date32`.
fn date32(date: NaiveDate) -> i32 {
    const UNIX_EPOCH_DAY: i32 = 719_163;
    day_number(date) - UNIX_EPOCH_DAY
}

fn role_name(role: Role) -> &'static str {
    match role {
        Role::Initiator => "initiator",
        Role::Target => "target",
        Role::Other => "other",
    }
}

/// One row group's events as a record batch of the layout's schema.
fn record_batch(
    schema: &SchemaRef,
    rows: &[StoredRow],
    ingested_at: &[Option<DateTime<Utc>>],
) -> std::result::Result<RecordBatch, arrow_schema::ArrowError> {
    let n = rows.len();
    let strings = || StringBuilder::with_capacity(n, n * 16);
    let (mut id, mut happening, mut article) = (strings(), strings(), strings());
    let mut published = Date32Builder::with_capacity(n);
    let mut source = strings();
    let mut ingested = TimestampMicrosecondBuilder::with_capacity(n);
    let (mut start, mut end) = (
        Date32Builder::with_capacity(n),
        Date32Builder::with_capacity(n),
    );
    let (mut precision, mut kind, mut kind_top) = (strings(), strings(), strings());
    let mut status = strings();
    let (mut place, mut country, mut admin1) = (strings(), strings(), strings());
    let (mut lat, mut lon) = (
        Float64Builder::with_capacity(n),
        Float64Builder::with_capacity(n),
    );
    let mut geo_precision = strings();
    let (mut killed, mut injured) = (
        Int64Builder::with_capacity(n),
        Int64Builder::with_capacity(n),
    );
    let actor_struct = StructBuilder::from_fields(actor_fields(), n);
    let mut actors = ListBuilder::new(actor_struct).with_field(Arc::new(Field::new(
        "item",
        DataType::Struct(actor_fields()),
        true,
    )));
    let mut summary = strings();
    let mut cell = Int64Builder::with_capacity(n);
    let mut geometry = BinaryBuilder::with_capacity(n, n * 21);
    let mut bbox = StructBuilder::from_fields(bbox_fields(), n);
    for (i, row) in rows.iter().enumerate() {
        let e = &row.event;
        ingested.append_option(ingested_at.get(i).copied().flatten().map(micros));
        id.append_value(e.id.to_string());
        happening.append_value(happening_id(e));
        article.append_value(e.article.to_string());
        published.append_option(row.published.map(date32));
        source.append_option(row.source.as_deref());
        start.append_value(date32(e.when.start));
        end.append_value(date32(e.when.end));
        precision.append_value(e.when.precision.as_str());
        kind.append_value(e.kind.to_string());
        kind_top.append_value(e.kind.event_type().as_str());
        status.append_value(e.status.name());
        let p = e.place.as_ref();
        place.append_option(p.map(|p| p.name.as_str()));
        country.append_option(p.and_then(|p| p.country.as_ref()).map(|c| c.code()));
        admin1.append_option(p.and_then(|p| p.admin1.as_deref()));
        lat.append_option(p.map(|p| p.lat));
        lon.append_option(p.map(|p| p.lon));
        geo_precision.append_option(p.map(|p| p.precision.as_str()));
        killed.append_option(e.fatalities.map(|c| i64::from(c.best)));
        injured.append_option(e.injured.map(|c| i64::from(c.best)));
        let values = actors.values();
        for actor in &e.actors {
            if let Some(b) = values.field_builder::<StringBuilder>(0) {
                b.append_value(&actor.name);
            }
            if let Some(b) = values.field_builder::<StringBuilder>(1) {
                b.append_value(role_name(actor.role));
            }
            values.append(true);
        }
        actors.append(true);
        summary.append_value(&e.summary);
        cell.append_option(p.map(|p| cell_column(cell_id(p.lat, p.lon))));
        match p {
            Some(p) => geometry.append_value(wkb_point(p.lon, p.lat)),
            None => geometry.append_null(),
        }
        for (i, value) in [p.map(|p| p.lon), p.map(|p| p.lat)]
            .into_iter()
            .cycle()
            .take(4)
            .enumerate()
        {
            if let Some(b) = bbox.field_builder::<Float64Builder>(i) {
                // A null box still needs a value in each (non-null) field.
                b.append_value(value.unwrap_or(0.0));
            }
        }
        bbox.append(p.is_some());
    }
    let columns: Vec<ArrayRef> = vec![
        Arc::new(id.finish()),
        Arc::new(happening.finish()),
        Arc::new(article.finish()),
        Arc::new(published.finish()),
        Arc::new(source.finish()),
        Arc::new(ingested.finish()),
        Arc::new(start.finish()),
        Arc::new(end.finish()),
        Arc::new(precision.finish()),
        Arc::new(kind.finish()),
        Arc::new(kind_top.finish()),
        Arc::new(status.finish()),
        Arc::new(place.finish()),
        Arc::new(country.finish()),
        Arc::new(admin1.finish()),
        Arc::new(lat.finish()),
        Arc::new(lon.finish()),
        Arc::new(geo_precision.finish()),
        Arc::new(killed.finish()),
        Arc::new(injured.finish()),
        Arc::new(actors.finish()),
        Arc::new(summary.finish()),
        Arc::new(cell.finish()),
        Arc::new(geometry.finish()),
        Arc::new(bbox.finish()),
    ];
    RecordBatch::try_new(schema.clone(), columns)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wkb_points_are_lon_then_lat() {
        let wkb = wkb_point(43.5, 36.25);
        assert_eq!(&wkb[..5], &[1, 1, 0, 0, 0]);
        assert_eq!(wkb[5..13], 43.5f64.to_le_bytes());
        assert_eq!(wkb[13..], 36.25f64.to_le_bytes());
    }

    #[test]
    fn dates_count_from_the_unix_epoch() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
        assert_eq!(date32(day(1970, 1, 1)), 0);
        assert_eq!(date32(day(2020, 1, 1)), 18_262);
        assert_eq!(date32(day(1969, 12, 31)), -1);
    }

    #[test]
    fn the_schema_follows_the_layout_table() {
        let names: Vec<String> = schema().fields().iter().map(|f| f.name().clone()).collect();
        let listed: Vec<&str> = layout::COLUMNS.iter().map(|(n, _)| *n).collect();
        assert_eq!(names, listed);
    }
}
