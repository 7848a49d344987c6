//! The `geojson` format: a FeatureCollection of events as Point features (RFC 7946: longitude
//! first). Events without coordinates are left out and counted in a foreign member.

use std::io::{self, Write};

use serde_json::{Value, json};

use crate::query::rows::EventRow;

/// Writes events as a FeatureCollection.
pub fn write(rows: &[EventRow], out: &mut dyn Write) -> io::Result<()> {
    let mut skipped = 0usize;
    let mut features = Vec::new();
    for row in rows {
        let e = &row.event;
        let Some(place) = e
            .place
            .as_ref()
            .filter(|p| p.lat.is_finite() && p.lon.is_finite())
        else {
            skipped += 1;
            continue;
        };
        features.push(json!({
            "type": "Feature",
            "id": e.id.to_string(),
            "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
            "properties": {
                "id": e.id.to_string(),
                "kind": e.kind.to_string(),
                "start": e.when.start.to_string(),
                "end": e.when.end.to_string(),
                "precision": e.when.precision.as_str(),
                "place": place.name,
                "country": place.country.map(|c| c.to_string()),
                "killed": e.fatalities.map(|c| c.best),
                "injured": e.injured.map(|c| c.best),
                "actors": e.actors.iter().map(|a| a.name.clone()).collect::<Vec<_>>(),
                "summary": e.summary,
            },
        }));
    }
    let collection = json!({
        "type": "FeatureCollection",
        "features": Value::Array(features),
        "skipped_without_coordinates": skipped,
    });
    writeln!(out, "{collection}")
}
