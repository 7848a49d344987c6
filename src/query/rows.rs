//! The rows a query yields, typed: events (with what their article adds), articles (with their
//! event count) and gazetteer places, and [`Datum`], one column's value, through which stages
//! sort, group and print any row the same way. Plain data: no store, no clock.

use std::cmp::Ordering;
use std::fmt;

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::ast::Field;
use crate::model::{Article, Country, Event, GeoPrecision};

/// One column's value in a row.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Datum {
    /// No value (an event with no place has no country).
    Null,
    /// A whole number.
    Int(i64),
    /// A real number (coordinates, distances, confidence).
    Float(f64),
    /// Text.
    Text(String),
    /// A day.
    Date(NaiveDate),
    /// An interval of days, both included (an event's date).
    Interval(NaiveDate, NaiveDate),
    /// Several texts (an event's actors, an article's countries).
    List(Vec<String>),
}

impl Datum {
    /// Text, or `Null` when absent.
    pub fn text(value: Option<impl Into<String>>) -> Datum {
        value.map_or(Datum::Null, |v| Datum::Text(v.into()))
    }

    /// The values a `count by` or `top` groups under: each element of a list (an event with
    /// two actors counts for both), `Null` for an empty one, the value itself otherwise.
    pub fn group_keys(&self) -> Vec<Datum> {
        match self {
            Datum::List(items) if items.is_empty() => vec![Datum::Null],
            Datum::List(items) => items.iter().map(|i| Datum::Text(i.clone())).collect(),
            other => vec![other.clone()],
        }
    }

    /// A total order for sorting: `Null` first, then numbers, dates, text and lists.
    pub fn total_cmp(&self, other: &Datum) -> Ordering {
        use Datum::*;
        let rank = |d: &Datum| match d {
            Null => 0,
            Int(_) | Float(_) => 1,
            Date(_) | Interval(..) => 2,
            Text(_) => 3,
            List(_) => 4,
        };
        match (self, other) {
            (Int(a), Int(b)) => a.cmp(b),
            (Int(a), Float(b)) => (*a as f64).total_cmp(b),
            (Float(a), Int(b)) => a.total_cmp(&(*b as f64)),
            (Float(a), Float(b)) => a.total_cmp(b),
            (Date(a), Date(b)) => a.cmp(b),
            (Interval(a, x), Interval(b, y)) => (a, x).cmp(&(b, y)),
            (Date(a), Interval(b, y)) => (a, a).cmp(&(b, y)),
            (Interval(a, x), Date(b)) => (a, x).cmp(&(b, b)),
            (Text(a), Text(b)) => a.to_lowercase().cmp(&b.to_lowercase()).then(a.cmp(b)),
            (List(a), List(b)) => a.cmp(b),
            _ => rank(self).cmp(&rank(other)),
        }
    }
}

impl fmt::Display for Datum {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Datum::Null => Ok(()),
            Datum::Int(n) => write!(f, "{n}"),
            Datum::Float(x) => write!(f, "{x:.4}"),
            Datum::Text(t) => f.write_str(t),
            Datum::Date(d) => write!(f, "{d}"),
            Datum::Interval(a, b) if a == b => write!(f, "{a}"),
            Datum::Interval(a, b) => write!(f, "{a}..{b}"),
            Datum::List(items) => f.write_str(&items.join("; ")),
        }
    }
}

/// An event with what its article adds and, after a `near`, its distance from the centre.
#[derive(Clone, Debug, PartialEq)]
pub struct EventRow {
    /// The event as stored; a row read from an index leaves out what no events row shows
    /// (its other places and the date's wording, `store::codec::index_view`), which
    /// `explain event` reads whole.
    pub event: Event,
    /// Its article's publication date.
    pub published: Option<NaiveDate>,
    /// Its article's publisher.
    pub source: Option<String>,
    /// Kilometres from the `near` centre, when the query had one and the event has a place.
    pub distance_km: Option<f64>,
    /// What the row's article adds that no index row holds (its words, when it was
    /// ingested): read by the executor only for a query that looks at it.
    pub article: Option<Arc<ArticleFacts>>,
}

/// What an events row may need of its article beyond the date and publisher its index rows
/// hold: the article's words (`text ~`) and when the store learned of it (`ingested`, `as
/// of`). Read once per article per query.
#[derive(Clone, Debug, PartialEq)]
pub struct ArticleFacts {
    /// The article's title and text, one after the other.
    pub text: String,
    /// The searchable words of `text` ([`super::words::terms`]).
    pub terms: Vec<String>,
    /// When the store first stored the article.
    pub ingested_at: DateTime<Utc>,
}

impl ArticleFacts {
    /// The facts of a stored article.
    pub fn of(article: &Article) -> ArticleFacts {
        let text = format!("{}\n{}", article.title, article.text);
        ArticleFacts {
            terms: super::words::terms(&text),
            text,
            ingested_at: article.ingested_at,
        }
    }

    /// Whether the article holds every searchable word of `query` (a query of stop-words
    /// only: the text holds it, ignoring case), as `text ~` means for articles.
    pub fn has_words(&self, query: &str) -> bool {
        super::words::terms_match(&self.terms, &self.text, query)
    }
}

impl EventRow {
    /// Who reported the event: its article's publisher, then those of the other articles
    /// linked to it as duplicates; an article with no publisher by its id.
    pub fn sources(&self) -> Vec<String> {
        let e = &self.event;
        let own = self.source.clone().unwrap_or_else(|| e.article.to_string());
        std::iter::once(own)
            .chain(
                e.duplicates
                    .iter()
                    .map(|r| r.source.clone().unwrap_or_else(|| r.article.to_string())),
            )
            .collect()
    }

    /// The value of one column.
    pub fn column(&self, field: Field) -> Datum {
        let e = &self.event;
        let place = e.place.as_ref();
        match field {
            Field::Id => Datum::Text(e.id.to_string()),
            Field::Date => Datum::Interval(e.when.start, e.when.end),
            Field::Published => self.published.map_or(Datum::Null, Datum::Date),
            Field::Ingested => Datum::text(self.article.as_ref().map(|a| instant(a.ingested_at))),
            Field::Kind => Datum::Text(e.kind.to_string()),
            Field::Place | Field::Name => Datum::text(place.map(|p| p.name.clone())),
            Field::Country => Datum::text(place.and_then(|p| p.country).map(|c| c.to_string())),
            Field::Admin1 => Datum::text(place.and_then(|p| p.admin1.clone())),
            Field::Actor => Datum::List(e.actors.iter().map(|a| a.name.clone()).collect()),
            Field::Killed => e
                .fatalities
                .map_or(Datum::Null, |c| Datum::Int(c.best.into())),
            Field::Injured => e.injured.map_or(Datum::Null, |c| Datum::Int(c.best.into())),
            Field::Source => Datum::text(self.source.clone()),
            Field::Article => Datum::Text(e.article.to_string()),
            Field::Precision => Datum::Text(e.when.precision.as_str().to_string()),
            Field::Summary | Field::Text => Datum::Text(e.summary.clone()),
            Field::Sources => Datum::List(self.sources()),
            Field::Lat => place.map_or(Datum::Null, |p| Datum::Float(p.lat)),
            Field::Lon => place.map_or(Datum::Null, |p| Datum::Float(p.lon)),
            Field::Confidence => Datum::Float(as_written(e.confidence)),
            Field::GeoPrecision => Datum::text(place.map(|p| p.precision.as_str())),
            Field::Status => Datum::Text(e.status.name().to_string()),
            Field::Distance => self.distance_km.map_or(Datum::Null, Datum::Float),
            Field::Day | Field::Week | Field::Month | Field::Quarter | Field::Year => {
                bucket_label(field, Some(e.when.start))
            }
            _ => Datum::Null,
        }
    }
}

/// An ingest time as rows show it: RFC 3339 in UTC to the second (`2024-05-03T08:15:02Z`),
/// which sorts as text in time order.
fn instant(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// The name of the calendar unit of a time-bucket key (`month`: `2019-12`) holding `day`.
fn bucket_label(field: Field, day: Option<NaiveDate>) -> Datum {
    match (field.bucket(), day) {
        (Some(bucket), Some(day)) => {
            let first = super::resolve::bucket_bounds(bucket, day).map_or(day, |(f, _)| f);
            Datum::Text(super::stages::label(bucket, first))
        }
        _ => Datum::Null,
    }
}

/// An `f32` as the `f64` of its shortest decimal form: a confidence of `0.8` is `0.8`, not
/// `0.800000011920929` (what widening the binary value gives), wherever it prints.
fn as_written(x: f32) -> f64 {
    x.to_string().parse().unwrap_or(f64::from(x))
}

/// An article with the number of events extracted from it.
#[derive(Clone, Debug, PartialEq)]
pub struct ArticleRow {
    /// The article as stored.
    pub article: Article,
    /// How many events it reports.
    pub events: usize,
}

impl ArticleRow {
    /// The value of one column.
    pub fn column(&self, field: Field) -> Datum {
        let a = &self.article;
        match field {
            Field::Id | Field::Article => Datum::Text(a.id.to_string()),
            Field::Published | Field::Date => a.published.map_or(Datum::Null, Datum::Date),
            Field::Title => Datum::Text(a.title.clone()),
            Field::Ingested => Datum::Text(instant(a.ingested_at)),
            Field::Source => Datum::text(a.source.clone()),
            Field::Url => Datum::text(a.url.clone()),
            Field::Country => Datum::List(a.countries.iter().map(Country::to_string).collect()),
            Field::Text => Datum::Text(a.text.clone()),
            Field::Count => Datum::Int(i64::try_from(self.events).unwrap_or(i64::MAX)),
            Field::Day | Field::Week | Field::Month | Field::Quarter | Field::Year => {
                bucket_label(field, a.published)
            }
            _ => Datum::Null,
        }
    }
}

/// A place of the gazetteer.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaceRow {
    /// Its GeoNames id, when it has one.
    pub geonameid: Option<u32>,
    /// Its name.
    pub name: String,
    /// The country it lies in.
    pub country: Option<Country>,
    /// Its first-level region's name.
    pub admin1: Option<String>,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// People living there (0 when unknown).
    pub population: u64,
    /// What kind of place it is.
    pub precision: GeoPrecision,
    /// Kilometres from the `near` centre, when the query had one.
    pub distance_km: Option<f64>,
}

impl PlaceRow {
    /// The value of one column.
    pub fn column(&self, field: Field) -> Datum {
        match field {
            Field::Id => self
                .geonameid
                .map_or(Datum::Null, |g| Datum::Int(i64::from(g))),
            Field::Name | Field::Place => Datum::Text(self.name.clone()),
            Field::Country => Datum::text(self.country.map(|c| c.to_string())),
            Field::Admin1 => Datum::text(self.admin1.clone()),
            Field::Lat => Datum::Float(self.lat),
            Field::Lon => Datum::Float(self.lon),
            Field::Precision | Field::GeoPrecision => {
                Datum::Text(self.precision.as_str().to_string())
            }
            Field::Population => Datum::Int(i64::try_from(self.population).unwrap_or(i64::MAX)),
            Field::Distance => self.distance_km.map_or(Datum::Null, Datum::Float),
            _ => Datum::Null,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_order_nulls_first_and_numbers_by_value() {
        let mut values = vec![
            Datum::Int(10),
            Datum::Null,
            Datum::Float(2.5),
            Datum::Int(3),
        ];
        values.sort_by(Datum::total_cmp);
        assert_eq!(
            values,
            [
                Datum::Null,
                Datum::Float(2.5),
                Datum::Int(3),
                Datum::Int(10)
            ]
        );
        assert_eq!(as_written(0.8), 0.8);
        let list = Datum::List(vec!["a".into(), "b".into()]);
        assert_eq!(list.group_keys().len(), 2);
        assert_eq!(Datum::List(vec![]).group_keys(), [Datum::Null]);
    }
}
