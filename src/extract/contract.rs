//! The evaluation contract of `geochron extract --jsonl` (DESIGN.md): one JSON line in, one JSON
//! line out, same `id`, same order. This module owns the output shape and nothing else.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Extraction, TimexType};
use crate::model::{Actor, Country, Event, EventStatus, Place, Precision};

/// One input line: the fields the contract reads; anything else is ignored.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct ContractInput {
    /// Echoed unchanged on the output line.
    #[serde(default)]
    pub id: serde_json::Value,
    /// The article text; offsets in the output are UTF-8 byte offsets into it.
    pub text: String,
    /// `YYYY-MM-DD`, when known.
    #[serde(default)]
    pub published: Option<String>,
    /// The headline, when known.
    #[serde(default)]
    pub title: Option<String>,
}

/// One output line.
#[derive(Debug, Serialize)]
pub struct ContractOutput<'a> {
    id: &'a serde_json::Value,
    article: ArticleOut,
    times: Vec<TimeOut<'a>>,
    places: Vec<PlaceOut<'a>>,
    events: Vec<EventOut<'a>>,
}

#[derive(Debug, Serialize)]
struct ArticleOut {
    published: Option<NaiveDate>,
    countries: Vec<Country>,
}

#[derive(Debug, Serialize)]
struct TimeOut<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    #[serde(rename = "type")]
    timex_type: TimexType,
    value: &'a str,
}

#[derive(Debug, Serialize)]
struct PlaceOut<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    name: &'a str,
    geonameid: Option<u32>,
    country: Option<Country>,
    lat: f64,
    lon: f64,
}

#[derive(Debug, Serialize)]
struct EventOut<'a> {
    kind: String,
    date: DateOut,
    place: Option<EventPlaceOut<'a>>,
    actors: &'a [Actor],
    fatalities: Option<u32>,
    injured: Option<u32>,
    /// Left out for a happening; `background` or `not_happened` otherwise.
    #[serde(skip_serializing_if = "EventStatus::is_happened")]
    status: EventStatus,
}

#[derive(Debug, Serialize)]
struct DateOut {
    start: NaiveDate,
    end: NaiveDate,
    precision: Precision,
}

#[derive(Debug, Serialize)]
struct EventPlaceOut<'a> {
    name: &'a str,
    country: Option<Country>,
    lat: f64,
    lon: f64,
}

impl<'a> ContractOutput<'a> {
    /// The output line for one input line's extraction.
    pub fn new(id: &'a serde_json::Value, extraction: &'a Extraction) -> ContractOutput<'a> {
        ContractOutput {
            id,
            article: ArticleOut {
                published: extraction.article.published,
                countries: extraction.article.countries.clone(),
            },
            times: extraction
                .times
                .iter()
                .map(|t| TimeOut {
                    start: t.span.start,
                    end: t.span.end,
                    text: &t.text,
                    timex_type: t.timex_type,
                    value: &t.value,
                })
                .collect(),
            places: extraction
                .places
                .iter()
                .map(|p| PlaceOut {
                    start: p.span.start,
                    end: p.span.end,
                    text: &p.text,
                    name: &p.place.name,
                    geonameid: p.place.geonameid,
                    country: p.place.country,
                    lat: p.place.lat,
                    lon: p.place.lon,
                })
                .collect(),
            events: extraction.events.iter().map(event_out).collect(),
        }
    }

    /// An output line for input that could not be read: same id, nothing found.
    pub fn empty(id: &'a serde_json::Value) -> ContractOutput<'a> {
        ContractOutput {
            id,
            article: ArticleOut {
                published: None,
                countries: Vec::new(),
            },
            times: Vec::new(),
            places: Vec::new(),
            events: Vec::new(),
        }
    }
}

fn event_out(event: &Event) -> EventOut<'_> {
    EventOut {
        kind: event.kind.to_string(),
        date: DateOut {
            start: event.when.start,
            end: event.when.end,
            precision: event.when.precision,
        },
        place: event.place.as_ref().map(place_out),
        actors: &event.actors,
        fatalities: event.fatalities.map(|c| c.best),
        injured: event.injured.map(|c| c.best),
        status: event.status,
    }
}

fn place_out(place: &Place) -> EventPlaceOut<'_> {
    EventPlaceOut {
        name: &place.name,
        country: place.country,
        lat: place.lat,
        lon: place.lon,
    }
}
