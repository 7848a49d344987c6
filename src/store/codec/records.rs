//! The on-disk shapes behind the codec: one small record struct per stored model type, with
//! the conversions both ways and the fixed tag bytes of every enum. A model change that should
//! reach the disk changes a record here, and the store format with it.

use bincode::{Decode, Encode};
use chrono::DateTime;

use crate::error::{Error, Result};
use crate::gazetteer::Entry;
use crate::model::{
    Actor, Anchor, Article, ArticleId, Count, Country, Event, EventId, Evidence, GeoPrecision,
    Modifier, Place, Precision, Report, Role, Span, When, day_number, from_day_number,
};

/// Declares a pair of functions mapping an enum to fixed bytes and back, from one table.
macro_rules! byte_tags {
    ($ty:ty, $name:literal, $to:ident, $from:ident { $($variant:path = $byte:literal),* $(,)? }) => {
        fn $to(value: $ty) -> u8 {
            match value { $( $variant => $byte, )* }
        }

        fn $from(byte: u8) -> Result<$ty> {
            match byte {
                $( $byte => Ok($variant), )*
                other => Err(Error::Corrupt(format!(concat!("unknown ", $name, " tag {}"), other))),
            }
        }
    };
}

byte_tags!(Precision, "precision", precision_tag, precision_of {
    Precision::Day = 0, Precision::Week = 1, Precision::Month = 2, Precision::Quarter = 3,
    Precision::Year = 4, Precision::Decade = 5, Precision::Century = 6,
});
byte_tags!(Modifier, "modifier", modifier_tag, modifier_of {
    Modifier::Early = 0, Modifier::Mid = 1, Modifier::Late = 2, Modifier::Approx = 3,
    Modifier::Before = 4, Modifier::After = 5,
});
byte_tags!(Anchor, "anchor", anchor_tag, anchor_of {
    Anchor::Explicit = 0, Anchor::Published = 1, Anchor::Narrative = 2,
});
byte_tags!(GeoPrecision, "place precision", geo_precision_tag, geo_precision_of {
    GeoPrecision::Point = 0, GeoPrecision::City = 1, GeoPrecision::Admin1 = 2,
    GeoPrecision::Country = 3, GeoPrecision::Region = 4,
});
byte_tags!(Role, "role", role_tag, role_of {
    Role::Initiator = 0, Role::Target = 1, Role::Other = 2,
});

pub(super) fn country_bytes(country: Country) -> [u8; 2] {
    country.as_bytes()
}

/// The country of two stored code bytes (either case, as ever: the store writes upper case).
pub(super) fn country_of(bytes: [u8; 2]) -> Result<Country> {
    Country::from_bytes(bytes.map(|b| b.to_ascii_uppercase()))
        .ok_or_else(|| Error::Corrupt(format!("unknown country code {bytes:?}")))
}

pub(super) fn date_of(day: i32) -> Result<chrono::NaiveDate> {
    from_day_number(day).ok_or_else(|| Error::Corrupt(format!("day number {day} out of range")))
}

#[derive(Encode, Decode)]
pub(super) struct ArticleRecord {
    pub(super) id: u64,
    pub(super) title: String,
    pub(super) published: Option<i32>,
    pub(super) source: Option<String>,
    pub(super) url: Option<String>,
    pub(super) countries: Vec<[u8; 2]>,
    /// The text's bytes: UTF-8 under `VALUE_VERSION`, a zstd frame under `ARTICLE_LAYOUT`
    /// (bincode writes a `String` and a `Vec<u8>` alike, so both layouts share the record).
    pub(super) text: Vec<u8>,
    pub(super) ingested_secs: i64,
    pub(super) ingested_nanos: u32,
}

/// The first fields of an [`ArticleRecord`], for [`super::decode_article_head`]; must stay its prefix.
#[derive(Decode)]
pub(super) struct ArticleHead {
    pub(super) _id: u64,
    pub(super) _title: String,
    pub(super) published: Option<i32>,
    pub(super) source: Option<String>,
}

impl ArticleRecord {
    /// The record of `a`, with `text` (its text as the layout stores it) in place of its text.
    pub(super) fn new(a: &Article, text: Vec<u8>) -> Self {
        ArticleRecord {
            id: a.id.0,
            title: a.title.clone(),
            published: a.published.map(day_number),
            source: a.source.clone(),
            url: a.url.clone(),
            countries: a.countries.iter().copied().map(country_bytes).collect(),
            text,
            ingested_secs: a.ingested_at.timestamp(),
            ingested_nanos: a.ingested_at.timestamp_subsec_nanos(),
        }
    }

    /// The article, with its `text` decoded from the record's bytes.
    pub(super) fn into_article(self, text: String) -> Result<Article> {
        Ok(Article {
            id: ArticleId(self.id),
            title: self.title,
            published: self.published.map(date_of).transpose()?,
            source: self.source,
            url: self.url,
            countries: self
                .countries
                .into_iter()
                .map(country_of)
                .collect::<Result<_>>()?,
            text,
            ingested_at: DateTime::from_timestamp(self.ingested_secs, self.ingested_nanos)
                .ok_or_else(|| Error::Corrupt("ingestion time out of range".into()))?,
        })
    }
}

#[derive(Encode, Decode)]
pub(super) struct WhenRecord {
    pub(super) start: i32,
    pub(super) end: i32,
    pub(super) precision: u8,
    pub(super) modifier: Option<u8>,
    pub(super) text: String,
    pub(super) anchor: u8,
}

#[derive(Encode, Decode)]
pub(super) struct PlaceRecord {
    pub(super) name: String,
    pub(super) geonameid: Option<u32>,
    pub(super) country: Option<[u8; 2]>,
    admin1: Option<String>,
    pub(super) lat: f64,
    pub(super) lon: f64,
    pub(super) precision: u8,
}

impl From<&Place> for PlaceRecord {
    fn from(p: &Place) -> Self {
        PlaceRecord {
            name: p.name.clone(),
            geonameid: p.geonameid,
            country: p.country.map(country_bytes),
            admin1: p.admin1.clone(),
            lat: p.lat,
            lon: p.lon,
            precision: geo_precision_tag(p.precision),
        }
    }
}

impl PlaceRecord {
    pub(super) fn into_place(self) -> Result<Place> {
        Ok(Place {
            name: self.name,
            geonameid: self.geonameid,
            country: self.country.map(country_of).transpose()?,
            admin1: self.admin1,
            lat: self.lat,
            lon: self.lon,
            precision: geo_precision_of(self.precision)?,
        })
    }
}

#[derive(Encode, Decode)]
pub(super) struct EntryRecord {
    pub(super) geonameid: Option<u32>,
    pub(super) name: String,
    pub(super) alternate_names: Vec<String>,
    pub(super) country: Option<[u8; 2]>,
    admin1: Option<String>,
    pub(super) lat: f64,
    pub(super) lon: f64,
    pub(super) population: u64,
    pub(super) precision: u8,
}

impl From<&Entry> for EntryRecord {
    fn from(e: &Entry) -> Self {
        EntryRecord {
            geonameid: e.geonameid,
            name: e.name.clone(),
            alternate_names: e.alternate_names.clone(),
            country: e.country.map(country_bytes),
            admin1: e.admin1.clone(),
            lat: e.lat,
            lon: e.lon,
            population: e.population,
            precision: geo_precision_tag(e.precision),
        }
    }
}

impl EntryRecord {
    pub(super) fn into_entry(self) -> Result<Entry> {
        Ok(Entry {
            geonameid: self.geonameid,
            name: self.name,
            alternate_names: self.alternate_names,
            country: self.country.map(country_of).transpose()?,
            admin1: self.admin1,
            lat: self.lat,
            lon: self.lon,
            population: self.population,
            precision: geo_precision_of(self.precision)?,
        })
    }
}

/// The bincode part of an events row, after its fixed head.
#[derive(Encode, Decode)]
pub(super) struct RowRecord {
    pub(super) published: Option<i32>,
    pub(super) source: Option<String>,
    pub(super) event: EventRecord,
    /// The event's evidence and links, when it has any (index rows keep only the links).
    pub(super) provenance: Option<ProvenanceRecord>,
}

#[derive(Encode, Decode)]
pub(super) struct EventRecord {
    pub(super) id: u64,
    pub(super) article: u64,
    /// The top and sub-kind tags (`keys::kind_tags`): parsing a name cost more than the
    /// rest of a row's decoding.
    pub(super) kind: (u8, u8),
    pub(super) when: WhenRecord,
    pub(super) place: Option<PlaceRecord>,
    pub(super) places: Vec<PlaceRecord>,
    pub(super) actors: Vec<(String, u8)>,
    pub(super) fatalities: Option<(u32, u32, u32)>,
    pub(super) injured: Option<(u32, u32, u32)>,
    pub(super) summary: String,
    pub(super) span: (u64, u64),
    pub(super) confidence: f32,
}

/// What an event knows of its provenance, kept beside its [`EventRecord`] only when there is
/// any.
#[derive(Encode, Decode)]
pub(super) struct ProvenanceRecord {
    pub(super) evidence: EvidenceRecord,
    pub(super) duplicate_of: Option<u64>,
    /// `(event, article, publisher)` of each later report of the same happening.
    pub(super) duplicates: Vec<(u64, u64, Option<String>)>,
}

impl ProvenanceRecord {
    /// The record of `e`'s provenance (its evidence only `with_evidence`: index rows keep the
    /// links a query needs, not the spans only `explain event` reads), or `None` when it has
    /// none to keep.
    pub(super) fn of(e: &Event, with_evidence: bool) -> Option<ProvenanceRecord> {
        let evidence = if with_evidence {
            e.evidence.clone()
        } else {
            Evidence::default()
        };
        if evidence == Evidence::default() && e.duplicate_of.is_none() && e.duplicates.is_empty() {
            return None;
        }
        Some(ProvenanceRecord {
            evidence: EvidenceRecord::from(&evidence),
            duplicate_of: e.duplicate_of.map(|id| id.0),
            duplicates: e
                .duplicates
                .iter()
                .map(|r| (r.event.0, r.article.0, r.source.clone()))
                .collect(),
        })
    }

    /// Fills `event`'s provenance from the record.
    pub(super) fn fill(self, event: &mut Event) -> Result<()> {
        event.evidence = self.evidence.into_evidence()?;
        event.duplicate_of = self.duplicate_of.map(EventId);
        event.duplicates = self
            .duplicates
            .into_iter()
            .map(|(event, article, source)| Report {
                event: EventId(event),
                article: ArticleId(article),
                source,
            })
            .collect();
        Ok(())
    }
}

/// An event's [`Evidence`], spans as `(start, end)`.
#[derive(Encode, Decode)]
pub(super) struct EvidenceRecord {
    pub(super) trigger: Option<(u64, u64)>,
    pub(super) date: Option<(u64, u64)>,
    pub(super) place: Option<(u64, u64)>,
    pub(super) actors: Vec<Option<(u64, u64)>>,
    pub(super) fatalities: Vec<(u64, u64)>,
    pub(super) injured: Vec<(u64, u64)>,
    pub(super) sentences: Vec<(u64, u64)>,
}

fn span_record(span: &Span) -> (u64, u64) {
    (span.start as u64, span.end as u64)
}

fn span_of((start, end): (u64, u64)) -> Result<Span> {
    Ok(Span::new(offset_of(start)?, offset_of(end)?))
}

impl From<&Evidence> for EvidenceRecord {
    fn from(e: &Evidence) -> Self {
        let spans = |v: &[Span]| v.iter().map(span_record).collect();
        EvidenceRecord {
            trigger: e.trigger.as_ref().map(span_record),
            date: e.date.as_ref().map(span_record),
            place: e.place.as_ref().map(span_record),
            actors: e
                .actors
                .iter()
                .map(|a| a.as_ref().map(span_record))
                .collect(),
            fatalities: spans(&e.fatalities),
            injured: spans(&e.injured),
            sentences: spans(&e.sentences),
        }
    }
}

impl EvidenceRecord {
    pub(super) fn into_evidence(self) -> Result<Evidence> {
        let spans = |v: Vec<(u64, u64)>| v.into_iter().map(span_of).collect::<Result<Vec<_>>>();
        Ok(Evidence {
            trigger: self.trigger.map(span_of).transpose()?,
            date: self.date.map(span_of).transpose()?,
            place: self.place.map(span_of).transpose()?,
            actors: self
                .actors
                .into_iter()
                .map(|a| a.map(span_of).transpose())
                .collect::<Result<_>>()?,
            fatalities: spans(self.fatalities)?,
            injured: spans(self.injured)?,
            sentences: spans(self.sentences)?,
        })
    }
}

fn count_record(c: &Count) -> (u32, u32, u32) {
    (c.low, c.best, c.high)
}

fn count_of((low, best, high): (u32, u32, u32)) -> Count {
    Count { low, best, high }
}

fn offset_of(value: u64) -> Result<usize> {
    usize::try_from(value).map_err(|_| Error::Corrupt(format!("span offset {value} too large")))
}

impl From<&Event> for EventRecord {
    fn from(e: &Event) -> Self {
        EventRecord {
            id: e.id.0,
            article: e.article.0,
            kind: crate::store::keys::kind_tags(e.kind),
            when: WhenRecord {
                start: day_number(e.when.start),
                end: day_number(e.when.end),
                precision: precision_tag(e.when.precision),
                modifier: e.when.modifier.map(modifier_tag),
                text: e.when.text.clone(),
                anchor: anchor_tag(e.when.anchor),
            },
            place: e.place.as_ref().map(PlaceRecord::from),
            places: e.places.iter().map(PlaceRecord::from).collect(),
            actors: e
                .actors
                .iter()
                .map(|a| (a.name.clone(), role_tag(a.role)))
                .collect(),
            fatalities: e.fatalities.as_ref().map(count_record),
            injured: e.injured.as_ref().map(count_record),
            summary: e.summary.clone(),
            span: (e.span.start as u64, e.span.end as u64),
            confidence: e.confidence,
        }
    }
}

impl EventRecord {
    pub(super) fn into_event(self) -> Result<Event> {
        let w = self.when;
        Ok(Event {
            id: EventId(self.id),
            article: ArticleId(self.article),
            kind: crate::store::keys::kind_of_tags(self.kind.0, self.kind.1)?,
            when: When {
                start: date_of(w.start)?,
                end: date_of(w.end)?,
                precision: precision_of(w.precision)?,
                modifier: w.modifier.map(modifier_of).transpose()?,
                text: w.text,
                anchor: anchor_of(w.anchor)?,
            },
            place: self.place.map(PlaceRecord::into_place).transpose()?,
            places: self
                .places
                .into_iter()
                .map(PlaceRecord::into_place)
                .collect::<Result<_>>()?,
            actors: self
                .actors
                .into_iter()
                .map(|(name, role)| {
                    Ok(Actor {
                        name,
                        role: role_of(role)?,
                    })
                })
                .collect::<Result<_>>()?,
            fatalities: self.fatalities.map(count_of),
            injured: self.injured.map(count_of),
            summary: self.summary,
            span: Span::new(offset_of(self.span.0)?, offset_of(self.span.1)?),
            confidence: self.confidence,
            status: crate::model::EventStatus::Happened,
            evidence: Evidence::default(),
            duplicate_of: None,
            duplicates: Vec::new(),
        })
    }
}
