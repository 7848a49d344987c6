//! The `geojson` format: a FeatureCollection (RFC 7946: longitude first) of events or of
//! gazetteer places, one Point feature per row. The properties are the row in the machine
//! shape ([`super::shape`]), so they follow `select` like every machine format; a whole
//! event carries its actors with their roles, its admin1, published date, source and geo
//! precision. A row without coordinates is a feature with a `null` geometry (an unlocated
//! feature, as RFC 7946 §3.2 allows), never dropped.

use std::io::{self, Write};

use serde::Serialize;

use super::shape;
use crate::query::QueryResult;

/// A point's longitude and latitude, in GeoJSON's order.
type LonLat = (f64, f64);

/// Writes events or places as a FeatureCollection; `None` for a result of another kind.
pub fn write(result: &QueryResult, out: &mut dyn Write) -> Option<io::Result<()>> {
    let points: Vec<(Option<String>, Option<LonLat>)> = match result {
        QueryResult::Events { rows, .. } => rows
            .iter()
            .map(|r| {
                let e = &r.event;
                let point = e.place.as_ref().map(|p| (p.lon, p.lat));
                (Some(e.id.to_string()), point)
            })
            .collect(),
        QueryResult::Places { rows, .. } => rows
            .iter()
            .map(|r| (r.geonameid.map(|g| g.to_string()), Some((r.lon, r.lat))))
            .collect(),
        _ => return None,
    };
    let shape = shape::of(result)?;
    let features: Vec<Feature<'_>> = shape
        .objects()
        .zip(points)
        .map(|(properties, (id, point))| Feature {
            kind: "Feature",
            id,
            geometry: point
                .filter(|(lon, lat)| lon.is_finite() && lat.is_finite())
                .map(|(lon, lat)| Point {
                    kind: "Point",
                    coordinates: [lon, lat],
                }),
            properties,
        })
        .collect();
    let collection = Collection {
        kind: "FeatureCollection",
        features,
    };
    Some(
        serde_json::to_writer(&mut *out, &collection)
            .map_err(io::Error::from)
            .and_then(|()| writeln!(out)),
    )
}

/// A FeatureCollection, its members in the order RFC 7946 shows them.
#[derive(Serialize)]
struct Collection<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    features: Vec<Feature<'a>>,
}

/// One feature; its properties keep the shape's key order.
#[derive(Serialize)]
struct Feature<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    geometry: Option<Point>,
    properties: shape::Object<'a>,
}

/// A Point geometry: `[longitude, latitude]`.
#[derive(Serialize)]
struct Point {
    #[serde(rename = "type")]
    kind: &'static str,
    coordinates: [f64; 2],
}
