//! The `json` (one array) and `ndjson` (one object per line) formats: each row an object in
//! the machine shape ([`super::shape`]): keys in column order, one shape per field whatever
//! `select` says, an events result not narrowed by `select` as whole events. Plans, commands'
//! reports and provenance print as one object.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::shape;
use crate::query::QueryResult;

/// Writes the rows as one JSON array.
pub fn write_array(result: &QueryResult, out: &mut dyn Write) -> io::Result<()> {
    match shape::of(result) {
        Some(shape) => {
            let objects: Vec<shape::Object<'_>> = shape.objects().collect();
            serde_json::to_writer(&mut *out, &objects)?;
            writeln!(out)
        }
        None => writeln!(out, "{}", Value::Array(vec![other_object(result)])),
    }
}

/// Writes one JSON object per line.
pub fn write_lines(result: &QueryResult, out: &mut dyn Write) -> io::Result<()> {
    match shape::of(result) {
        Some(shape) => {
            for object in shape.objects() {
                serde_json::to_writer(&mut *out, &object)?;
                writeln!(out)?;
            }
            Ok(())
        }
        None => writeln!(out, "{}", other_object(result)),
    }
}

/// A result without rows as one object: a plan, a command's report, an event's provenance.
fn other_object(result: &QueryResult) -> Value {
    match result {
        QueryResult::Plan(plan) => json!({"plan": plan.to_string()}),
        QueryResult::Provenance(p) => json!({
            "event": serde_json::to_value(&p.event).unwrap_or(Value::Null),
            "article": p.article.as_ref().map(|a| json!({
                "id": a.id.to_string(), "title": a.title, "published": a.published.map(|d| d.to_string()),
                "source": a.source, "url": a.url,
            })),
            "sentence": p.article.as_ref().map(|a| p.event.span.slice(&a.text).to_string()),
        }),
        other => json!({"message": super::command::text(other).unwrap_or_default()}),
    }
}
