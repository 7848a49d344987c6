//! Which index rows an event has. [`index_keys`] is the one function that knows: insert,
//! delete, check and repair all call it, so they cannot disagree. Pure: no storage here.
//!
//! Every row costs ingest time (sled writes ~150 k keys/s here), so rows are few: one time row,
//! at most one cell and one country row, one kind row, one per distinct actor, one article row.
//! There is no word index: `text ~` filters the rows another conjunct's index (or the full
//! scan) yields, and the ten-odd word rows per event it cost halved the ingest rate; the
//! words it compares are the query side's (`query::words`).
//!
//! The time, cell and actor rows are *covering*: their value is the event's encoded row
//! (`codec::encode_index_row`: what an events row shows, with its article's date and source),
//! so the scans most queries start from answer from the index's own, contiguous pages. The
//! country and kind rows are *thin* (`codec::encode_thin_row`): the row's fixed head,
//! which the date, kind, country and place tests read, and the event id; a row that passes
//! them is read whole from `Event(id)`, once. A covering copy in each of them cost some 270
//! bytes an index, an event (issue 20); they answer few rows (a country in a month), so the
//! point read costs little. The actor rows were thin in format 3 and are covering again in
//! format 4: an `actor ~` returns thousands of rows, and a point read each, scattered over
//! the whole file, made it 1.77x SQLite's time at a million events (0.62x at 100k); covering,
//! 0.25x at 100k, for 239 bytes an event more (live; 519 on disk, 12 %).

use std::collections::BTreeSet;

use crate::error::Result;
use crate::model::{Event, day_number};

use super::cell::cell_id;
use super::codec::{encode_index_row, encode_thin_row};
use super::keys::{Index, Key};

/// The largest time class: `2^32` days is longer than any interval chrono can represent.
pub const MAX_TIME_CLASS: u8 = 32;

/// The length class of an interval of `days` days: the smallest `k` with `days <= 2^k`
/// (0 for one day, 1 for two, 2 for three or four, …). Classing by length, not by textual
/// precision, bounds how far before a range an overlapping interval can start.
pub fn time_class(days: i64) -> u8 {
    let days = days.max(1) as u64;
    let class = 64 - (days - 1).leading_zeros();
    u8::try_from(class)
        .unwrap_or(MAX_TIME_CLASS)
        .min(MAX_TIME_CLASS)
}

/// The longest interval, in days, that time class `class` holds: `2^class`.
pub fn class_max_days(class: u8) -> i64 {
    1i64 << class.min(MAX_TIME_CLASS)
}

/// An actor's name as the actor index keys it: lower case, runs of whitespace as one space.
/// Queries normalise their `actor ~ "…"` text the same way before a substring match.
pub fn normalise_actor(name: &str) -> String {
    name.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every index row of an event, each once. The article row comes last.
pub fn index_keys(event: &Event) -> Vec<Key> {
    let id = event.id;
    let start_day = day_number(event.when.start);
    let mut keys = vec![Key::ByTime {
        class: time_class(event.when.days()),
        start_day,
        event: id,
    }];
    if let Some(place) = &event.place {
        if place.lat.is_finite() && place.lon.is_finite() {
            keys.push(Key::ByCell {
                cell: cell_id(place.lat, place.lon),
                event: id,
            });
        }
        if let Some(country) = place.country {
            keys.push(Key::ByCountry {
                country,
                start_day,
                event: id,
            });
        }
    }
    keys.push(Key::ByKind {
        top: event.kind.event_type(),
        sub: event.kind.sub_kind(),
        start_day,
        event: id,
    });
    let actors: BTreeSet<String> = event
        .actors
        .iter()
        .map(|a| normalise_actor(&a.name))
        .filter(|name| !name.is_empty())
        .collect();
    keys.extend(actors.into_iter().map(|actor| Key::ByActor {
        actor,
        start_day,
        event: id,
    }));
    keys.push(Key::ByArticle {
        article: event.article,
        event: id,
    });
    keys
}

/// Whether an index's rows are thin (the head and the event id) rather than covering.
pub fn is_thin(index: Index) -> bool {
    matches!(index, Index::Country | Index::Kind)
}

/// The two values an event's index rows hold, encoded once per event.
pub struct IndexValues {
    /// The covering row (`codec::encode_index_row`), for the time, cell and actor rows.
    covering: Vec<u8>,
    /// The thin row (`codec::encode_thin_row`), for the country and kind rows.
    thin: Vec<u8>,
}

impl IndexValues {
    /// The values of `event`'s index rows, with its article's date and source.
    pub fn of(
        event: &Event,
        published: Option<chrono::NaiveDate>,
        source: Option<&str>,
    ) -> Result<IndexValues> {
        Ok(IndexValues {
            covering: encode_index_row(event, published, source)?,
            thin: encode_thin_row(event),
        })
    }
}

/// The value stored under an index row: covering or thin as its index is ([`is_thin`]); the
/// article index's rows are empty.
pub fn index_value(key: &Key, values: &IndexValues) -> Vec<u8> {
    match key.index() {
        None | Some(Index::Article) => Vec::new(),
        Some(index) if is_thin(index) => values.thin.clone(),
        Some(_) => values.covering.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        Actor, ArticleId, Country, EventId, GeoPrecision, Kind, Place, Role, Span, SubKind, When,
    };
    use chrono::NaiveDate;

    #[test]
    fn classes_bound_interval_lengths() {
        assert_eq!(time_class(1), 0);
        assert_eq!(time_class(2), 1);
        assert_eq!(time_class(3), 2);
        assert_eq!(time_class(4), 2);
        assert_eq!(time_class(31), 5);
        assert_eq!(time_class(366), 9);
        assert_eq!(time_class(0), 0);
        assert_eq!(time_class(i64::MAX), MAX_TIME_CLASS);
        for days in 1..2000 {
            let class = time_class(days);
            assert!(days <= class_max_days(class));
            assert!(class == 0 || days > class_max_days(class - 1));
        }
    }

    #[test]
    fn an_event_has_one_row_per_distinct_fact() {
        let day = NaiveDate::from_ymd_opt(2019, 12, 5).unwrap_or_default();
        let event = Event {
            id: EventId(9),
            article: ArticleId(4),
            kind: Kind::sub(SubKind::ArmedClash),
            when: When::day(day),
            place: Some(Place {
                name: "Makhmur".into(),
                geonameid: None,
                country: Country::from_code("IQ"),
                admin1: None,
                lat: 35.77,
                lon: 43.58,
                precision: GeoPrecision::City,
            }),
            places: vec![],
            actors: vec![
                Actor {
                    name: "Islamic  State".into(),
                    role: Role::Initiator,
                },
                Actor {
                    name: "islamic state".into(),
                    role: Role::Other,
                },
            ],
            fatalities: None,
            injured: None,
            summary: "Fighters clashed with fighters.".into(),
            span: Span::new(0, 10),
            confidence: 0.9,
            status: crate::model::EventStatus::Happened,
            evidence: Default::default(),
            duplicate_of: None,
            duplicates: Vec::new(),
        };
        let keys = index_keys(&event);
        let indexes: Vec<_> = keys.iter().filter_map(Key::index).collect();
        assert_eq!(
            indexes,
            [
                Index::Time,
                Index::Cell,
                Index::Country,
                Index::Kind,
                Index::Actor,
                Index::Article
            ]
        );
        assert!(keys.contains(&Key::ByActor {
            actor: "islamic state".into(),
            start_day: day_number(day),
            event: EventId(9)
        }));
    }
}
