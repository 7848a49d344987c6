//! The `json` (one array) and `ndjson` (one object per line) formats. Events not narrowed by
//! `select` print whole; every other row prints its columns. Keys keep column order.

use std::io::{self, Write};

use serde_json::{Map, Value, json};

use super::header;
use crate::query::QueryResult;
use crate::query::exec::EVENT_COLUMNS;
use crate::query::rows::{Datum, EventRow};

/// Writes the rows as one JSON array.
pub fn write_array(result: &QueryResult, out: &mut dyn Write) -> io::Result<()> {
    let objects = objects(result);
    writeln!(out, "{}", Value::Array(objects))
}

/// Writes one JSON object per line.
pub fn write_lines(result: &QueryResult, out: &mut dyn Write) -> io::Result<()> {
    for object in objects(result) {
        writeln!(out, "{object}")?;
    }
    Ok(())
}

/// A value as JSON: an interval as `{start, end}`, a list as an array.
pub fn datum_json(value: &Datum) -> Value {
    match value {
        Datum::Null => Value::Null,
        Datum::Int(n) => json!(n),
        Datum::Float(x) => json!(x),
        Datum::Text(t) => json!(t),
        Datum::Date(d) => json!(d.to_string()),
        Datum::Interval(a, b) => json!({"start": a.to_string(), "end": b.to_string()}),
        Datum::List(items) => json!(items),
    }
}

/// An event with everything a consumer needs.
pub fn event_json(row: &EventRow) -> Value {
    let e = &row.event;
    let place = e.place.as_ref();
    let mut object = json!({
        "id": e.id.to_string(),
        "kind": e.kind.to_string(),
        "start": e.when.start.to_string(),
        "end": e.when.end.to_string(),
        "precision": e.when.precision.as_str(),
        "place": place.map(|p| p.name.clone()),
        "country": place.and_then(|p| p.country).map(|c| c.to_string()),
        "admin1": place.and_then(|p| p.admin1.clone()),
        "lat": place.map(|p| p.lat),
        "lon": place.map(|p| p.lon),
        "geo_precision": place.map(|p| p.precision.as_str()),
        "killed": e.fatalities.map(|c| c.best),
        "injured": e.injured.map(|c| c.best),
        "actors": e.actors.iter().map(|a| a.name.clone()).collect::<Vec<_>>(),
        "summary": e.summary,
        "article": e.article.to_string(),
        "published": row.published.map(|d| d.to_string()),
        "source": row.source,
        "sources": row.sources(),
        "confidence": e.confidence,
    });
    if let (Some(km), Some(map)) = (row.distance_km, object.as_object_mut()) {
        map.insert("distance_km".into(), json!(km));
    }
    object
}

/// The rows as JSON objects.
fn objects(result: &QueryResult) -> Vec<Value> {
    match result {
        QueryResult::Events { rows, columns } if columns.starts_with(EVENT_COLUMNS) => {
            rows.iter().map(event_json).collect()
        }
        QueryResult::Plan(plan) => vec![json!({"plan": plan.to_string()})],
        QueryResult::Ingested(_) | QueryResult::Deleted(_) | QueryResult::Stats(_) => {
            vec![json!({"message": super::command::text(result).unwrap_or_default()})]
        }
        QueryResult::Provenance(p) => vec![json!({
            "event": serde_json::to_value(&p.event).unwrap_or(Value::Null),
            "article": p.article.as_ref().map(|a| json!({
                "id": a.id.to_string(), "title": a.title, "published": a.published.map(|d| d.to_string()),
                "source": a.source, "url": a.url,
            })),
            "sentence": p.article.as_ref().map(|a| p.event.span.slice(&a.text).to_string()),
        })],
        other => {
            let Some((columns, rows)) = other.table() else {
                return Vec::new();
            };
            rows.iter()
                .map(|row| {
                    let mut map = Map::new();
                    for (c, v) in columns.iter().zip(row) {
                        map.insert(header(other, *c).to_string(), datum_json(v));
                    }
                    Value::Object(map)
                })
                .collect()
        }
    }
}
