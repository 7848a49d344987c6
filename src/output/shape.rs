//! The machine shape of a result: the keys and values `json`, `ndjson`, `csv` and the
//! properties of `geojson` carry, so the four agree. One shape per field whatever `select`
//! says — a date is always two keys, `start` and `end` (each a day a reader parses as a
//! date); a place is always its name beside its `geo_precision`; actors always carry their
//! roles — and keys come in column order (`select` order). An events result that no `select`
//! narrowed carries the whole event ([`WHOLE_EVENT`]). Pure: rows in, values out.

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Value, json};

use super::header;
use crate::query::QueryResult;
use crate::query::ast::Field;
use crate::query::exec::EVENT_COLUMNS;
use crate::query::rows::{ArticleRow, Datum, EventRow, PlaceRow};

/// The keys of a whole event, in order; `distance_km` follows after a `near`.
pub const WHOLE_EVENT: &[&str] = &[
    "id",
    "start",
    "end",
    "precision",
    "kind",
    "status",
    "place",
    "geo_precision",
    "country",
    "admin1",
    "lat",
    "lon",
    "killed",
    "injured",
    "actors",
    "summary",
    "article",
    "published",
    "source",
    "sources",
    "confidence",
];

/// A result as keys and rows of JSON values, one value per key.
#[derive(Clone, Debug, PartialEq)]
pub struct Shape {
    /// The keys, in column order.
    pub keys: Vec<String>,
    /// One value per key in each row.
    pub rows: Vec<Vec<Value>>,
}

impl Shape {
    /// The rows as objects whose keys keep the shape's order.
    pub fn objects(&self) -> impl Iterator<Item = Object<'_>> {
        self.rows.iter().map(|row| Object {
            keys: &self.keys,
            values: row,
        })
    }
}

/// One row as a JSON object that keeps its keys in order when serialised (serde_json's own
/// map sorts them).
#[derive(Clone, Copy, Debug)]
pub struct Object<'a> {
    keys: &'a [String],
    values: &'a [Value],
}

impl Object<'_> {
    /// The value under `key`, if the row has that key.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.keys
            .iter()
            .position(|k| k == key)
            .and_then(|i| self.values.get(i))
    }
}

impl Serialize for Object<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.keys.len()))?;
        for (key, value) in self.keys.iter().zip(self.values) {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

/// The shape of a result that has rows; `None` for plans, provenance and commands' reports.
pub fn of(result: &QueryResult) -> Option<Shape> {
    Some(match result {
        QueryResult::Events { rows, columns } => {
            let keys = event_keys(columns);
            let rows = rows
                .iter()
                .map(|row| keys.iter().map(|k| event_value(row, k)).collect())
                .collect();
            Shape {
                keys: keys.iter().map(|k| k.to_string()).collect(),
                rows,
            }
        }
        QueryResult::Articles { rows, columns } => projected(result, columns, rows, article_value),
        QueryResult::Places { rows, columns } => projected(result, columns, rows, place_value),
        QueryResult::Table { columns, rows } => table(result, columns, rows),
        QueryResult::Timeline { rows, .. } => Shape {
            keys: vec!["date".into(), "start".into(), "count".into()],
            rows: rows
                .iter()
                .map(|r| vec![json!(r.label), json!(r.first.to_string()), json!(r.count)])
                .collect(),
        },
        _ => return None,
    })
}

/// The keys an events result's columns give: the whole event when no `select` narrowed it.
fn event_keys(columns: &[Field]) -> Vec<&'static str> {
    if columns.starts_with(EVENT_COLUMNS) {
        let mut keys = WHOLE_EVENT.to_vec();
        if columns.contains(&Field::Distance) {
            keys.push("distance_km");
        }
        return keys;
    }
    let mut keys: Vec<&'static str> = Vec::new();
    for column in columns {
        for key in event_field_keys(*column) {
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
    }
    keys
}

/// The keys one column of an events result becomes: most fields are one key of their name.
fn event_field_keys(field: Field) -> Vec<&'static str> {
    match field {
        Field::Date => vec!["start", "end"],
        Field::Place | Field::Name => vec!["place", "geo_precision"],
        Field::Actor => vec!["actors"],
        Field::Distance => vec!["distance_km"],
        other => vec![other.as_str()],
    }
}

/// The value of one key of an events row.
fn event_value(row: &EventRow, key: &str) -> Value {
    let e = &row.event;
    let place = e.place.as_ref();
    match key {
        "start" => json!(e.when.start.to_string()),
        "end" => json!(e.when.end.to_string()),
        "geo_precision" => json!(place.map(|p| p.precision.as_str())),
        "actors" => Value::Array(
            e.actors
                .iter()
                .map(|a| json!({"name": a.name, "role": a.role}))
                .collect(),
        ),
        "distance_km" => datum(&row.column(Field::Distance)),
        other => match Field::from_name(other) {
            Some(field) => datum(&row.column(field)),
            None => Value::Null,
        },
    }
}

/// Articles or places: one key per column, named as the column's header.
fn projected<T>(
    result: &QueryResult,
    columns: &[Field],
    rows: &[T],
    value: fn(&T, Field) -> Value,
) -> Shape {
    Shape {
        keys: columns
            .iter()
            .map(|c| machine_header(result, *c).to_string())
            .collect(),
        rows: rows
            .iter()
            .map(|r| columns.iter().map(|c| value(r, *c)).collect())
            .collect(),
    }
}

/// A column's key in the machine formats: the table's header, except that a list of an
/// article's countries is plural and a place's precision says it is the geo precision.
fn machine_header(result: &QueryResult, field: Field) -> &'static str {
    match (result, field) {
        (QueryResult::Articles { .. }, Field::Country) => "countries",
        (QueryResult::Places { .. }, Field::Precision) => "geo_precision",
        _ => header(result, field),
    }
}

fn article_value(row: &ArticleRow, field: Field) -> Value {
    datum(&row.column(field))
}

fn place_value(row: &PlaceRow, field: Field) -> Value {
    datum(&row.column(field))
}

/// The rows of a `count`, `top` or a `select` after one: a column of dates or intervals
/// becomes `start` and `end` (`{name}_start` and `{name}_end` for a field other than `date`).
fn table(result: &QueryResult, columns: &[Field], rows: &[Vec<Datum>]) -> Shape {
    let split: Vec<bool> = (0..columns.len())
        .map(|i| {
            rows.iter()
                .any(|r| matches!(r.get(i), Some(Datum::Interval(..))))
        })
        .collect();
    let mut keys = Vec::new();
    for (column, split) in columns.iter().zip(&split) {
        let name = header(result, *column);
        match (split, column) {
            (true, Field::Date) => keys.extend(["start".to_string(), "end".to_string()]),
            (true, _) => keys.extend([format!("{name}_start"), format!("{name}_end")]),
            (false, _) => keys.push(name.to_string()),
        }
    }
    let rows = rows
        .iter()
        .map(|row| {
            let mut values = Vec::with_capacity(keys.len());
            for (value, split) in row.iter().zip(&split) {
                match (split, value) {
                    (true, Datum::Interval(a, b)) => {
                        values.extend([json!(a.to_string()), json!(b.to_string())]);
                    }
                    (true, Datum::Date(d)) => {
                        values.extend([json!(d.to_string()), json!(d.to_string())]);
                    }
                    (true, _) => values.extend([Value::Null, Value::Null]),
                    (false, other) => values.push(datum(other)),
                }
            }
            values
        })
        .collect();
    Shape { keys, rows }
}

/// One value as JSON: numbers as numbers (a float as written), days as `YYYY-MM-DD`, a list
/// as an array, nothing as `null`. An interval outside a table (which splits it) is its
/// `{start, end}`.
pub fn datum(value: &Datum) -> Value {
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

/// A value as one CSV or table cell: text as it is, numbers as written, a list joined with
/// `; ` (an actor as `name (role)`), nothing as `null_text`.
pub fn cell(value: &Value, null_text: &str) -> String {
    match value {
        Value::Null => null_text.to_string(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items
            .iter()
            .map(|item| match item {
                Value::Object(map) => match (map.get("name"), map.get("role")) {
                    (Some(Value::String(name)), Some(Value::String(role))) => {
                        format!("{name} ({role})")
                    }
                    _ => item.to_string(),
                },
                other => cell(other, null_text),
            })
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_object_keeps_its_keys_in_order() {
        let shape = Shape {
            keys: vec!["kind".into(), "id".into(), "count".into()],
            rows: vec![vec![json!("battle"), json!("ab"), json!(2)]],
        };
        let text: Vec<String> = shape
            .objects()
            .map(|o| serde_json::to_string(&o).unwrap_or_default())
            .collect();
        assert_eq!(text, [r#"{"kind":"battle","id":"ab","count":2}"#]);
    }

    #[test]
    fn cells_read_as_written() {
        assert_eq!(cell(&json!(0.8), ""), "0.8");
        assert_eq!(cell(&json!(36.335), ""), "36.335");
        assert_eq!(cell(&Value::Null, "NULL"), "NULL");
        let actors = json!([{"name": "Islamic State", "role": "initiator"}, {"name": "Peshmerga", "role": "target"}]);
        assert_eq!(
            cell(&actors, ""),
            "Islamic State (initiator); Peshmerga (target)"
        );
        assert_eq!(cell(&json!(["a", "b"]), ""), "a; b");
    }

    #[test]
    fn every_field_has_keys() {
        for field in Field::ALL {
            let keys = event_field_keys(*field);
            assert!(
                !keys.is_empty() && keys.iter().all(|k| !k.is_empty()),
                "{field:?} has no machine key"
            );
        }
    }
}
