//! The keyspace: every key in the store is a variant of [`Key`], and every scan starts from a
//! [`KeyPrefix`]. Both encode through [`keycode`](super::keycode) only, so `Key`'s derived
//! order is the byte order sled keeps (a property test holds this).
//!
//! The first byte of every key is its variant's tag, in declaration order. Index keys end with
//! the event id, so two events with equal fields still have distinct rows. Fields a scan
//! filters on (the start day) sit inside the key, so a scan need not decode events.

use std::fmt;

use crate::error::{Error, Result};
use crate::model::{ArticleId, Country, EventId, EventType, Kind, SubKind, from_day_number};

use super::keycode::{KeyReader, KeyWriter};

/// One key of the store.
///
/// Do not reorder the variants or their fields: the derived `Ord` must match the encoding,
/// which writes the variant's position as its tag byte and then the fields in order.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Key {
    /// Store metadata by name (`"format"`). Value: depends on the name.
    Meta(String),
    /// An article. Value: the encoded article.
    Article(ArticleId),
    /// An event. Value: the event's whole row (`codec::encode_row`: the event with its
    /// article's date and source, behind the fixed head scans test).
    Event(EventId),
    /// Time index: events by the length class of their interval, then start day. Value: the
    /// event's index row (`codec::encode_index_row`), whose head holds the end day, so the
    /// scan filters exactly without decoding the event.
    ByTime {
        /// The length class: the interval lasts at most `2^class` days (see `index::time_class`).
        class: u8,
        /// The first day of the interval (`model::day_number`).
        start_day: i32,
        /// The event.
        event: EventId,
    },
    /// Space index: events by the space-filling-curve cell of their place. Value: the event's
    /// index row.
    ByCell {
        /// The cell of the event's place (`cell::cell_id`).
        cell: u64,
        /// The event.
        event: EventId,
    },
    /// Events by the country of their place, then start day. Value: the event's index row.
    ByCountry {
        /// The place's country.
        country: Country,
        /// The first day of the event's interval.
        start_day: i32,
        /// The event.
        event: EventId,
    },
    /// Events by kind: top kind, then sub-kind, then start day. Value: the event's index row.
    ByKind {
        /// The top kind; a prefix on it alone finds all its sub-kinds.
        top: EventType,
        /// The sub-kind, `None` when the event has only a top kind.
        sub: Option<SubKind>,
        /// The first day of the event's interval.
        start_day: i32,
        /// The event.
        event: EventId,
    },
    /// Events by actor: the lower-cased, whitespace-normalised name, then start day. Value: the
    /// event's index row.
    ByActor {
        /// The actor's name as `index::normalise_actor` gives it.
        actor: String,
        /// The first day of the event's interval.
        start_day: i32,
        /// The event.
        event: EventId,
    },
    /// The events of an article. Value: empty (the one index that is not covering: an
    /// article's few events are read by key).
    ByArticle {
        /// The article.
        article: ArticleId,
        /// One of its events.
        event: EventId,
    },
    /// A gazetteer entry imported from a GeoNames dump, by its GeoNames id. Value: the encoded
    /// entry (`codec::encode_entry`).
    Place(u32),
    /// When an article since deleted was first ingested, kept so that ingesting it again
    /// gives it back its first ingest time (`ingested`, `as of`). Written in the batch that
    /// deletes the article, removed in the one that stores it again. Value: the time
    /// (`writes::encode_first_ingest`: seconds then nanoseconds, big-endian).
    FirstIngest(ArticleId),
    /// The name index of imported gazetteer entries: an entry under each index key of its
    /// names (`gazetteer::names::name_key`), so a lookup reads the few entries a name has
    /// and never all of them (`places`). Value: the entry's population, u64 big-endian, so
    /// completion ranks names without reading entries.
    PlaceName {
        /// The name's index key.
        name: String,
        /// The entry's GeoNames id.
        place: u32,
    },
}

/// The tag byte of each `Key` variant: its position in the declaration.
mod tag {
    pub const META: u8 = 0;
    pub const ARTICLE: u8 = 1;
    pub const EVENT: u8 = 2;
    pub const BY_TIME: u8 = 3;
    pub const BY_CELL: u8 = 4;
    pub const BY_COUNTRY: u8 = 5;
    pub const BY_KIND: u8 = 6;
    pub const BY_ACTOR: u8 = 7;
    // 8 was `ByTerm` (a summary word index) before format 2; it is not reused.
    pub const BY_ARTICLE: u8 = 9;
    pub const PLACE: u8 = 10;
    pub const FIRST_INGEST: u8 = 11;
    pub const PLACE_NAME: u8 = 12;
}

/// The name of the key family a key's first byte (its tag) starts, as the size breakdown
/// ([`super::Store::footprint`]) shows it; `"unknown"` for a byte no key starts with.
pub fn family_of_tag(tag: u8) -> &'static str {
    match tag {
        tag::META => "meta",
        tag::ARTICLE => "article",
        tag::EVENT => "event",
        tag::BY_TIME => "time",
        tag::BY_CELL => "cell",
        tag::BY_COUNTRY => "country",
        tag::BY_KIND => "kind",
        tag::BY_ACTOR => "actor",
        tag::BY_ARTICLE => "article index",
        tag::PLACE => "place",
        tag::FIRST_INGEST => "first ingest",
        tag::PLACE_NAME => "place name",
        _ => "unknown",
    }
}

/// One of the secondary indexes: the key families derived from events by `index::index_keys`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Index {
    /// [`Key::ByTime`].
    Time,
    /// [`Key::ByCell`].
    Cell,
    /// [`Key::ByCountry`].
    Country,
    /// [`Key::ByKind`].
    Kind,
    /// [`Key::ByActor`].
    Actor,
    /// [`Key::ByArticle`].
    Article,
}

impl Index {
    /// Every index, in key order.
    pub const ALL: &'static [Index] = &[
        Index::Time,
        Index::Cell,
        Index::Country,
        Index::Kind,
        Index::Actor,
        Index::Article,
    ];

    /// The lower-case name used in stats and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Index::Time => "time",
            Index::Cell => "cell",
            Index::Country => "country",
            Index::Kind => "kind",
            Index::Actor => "actor",
            Index::Article => "article",
        }
    }

    /// The prefix that covers every row of this index.
    pub fn prefix(self) -> KeyPrefix {
        match self {
            Index::Time => KeyPrefix::ByTime,
            Index::Cell => KeyPrefix::ByCell,
            Index::Country => KeyPrefix::ByCountry,
            Index::Kind => KeyPrefix::ByKind,
            Index::Actor => KeyPrefix::ByActor,
            Index::Article => KeyPrefix::ByArticle,
        }
    }
}

impl fmt::Display for Index {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Key {
    /// The key's bytes, in the order-preserving encoding.
    pub fn encode(&self) -> Vec<u8> {
        let mut w = KeyWriter::new();
        match self {
            Key::Meta(name) => w.u8(tag::META).str(name),
            Key::Article(id) => w.u8(tag::ARTICLE).u64(id.0),
            Key::Event(id) => w.u8(tag::EVENT).u64(id.0),
            Key::ByTime {
                class,
                start_day,
                event,
            } => w.u8(tag::BY_TIME).u8(*class).i32(*start_day).u64(event.0),
            Key::ByCell { cell, event } => w.u8(tag::BY_CELL).u64(*cell).u64(event.0),
            Key::ByCountry {
                country,
                start_day,
                event,
            } => w
                .u8(tag::BY_COUNTRY)
                .fixed(&country.as_bytes())
                .i32(*start_day)
                .u64(event.0),
            Key::ByKind {
                top,
                sub,
                start_day,
                event,
            } => w
                .u8(tag::BY_KIND)
                .u8(top_tag(*top))
                .u8(sub_tag(*sub))
                .i32(*start_day)
                .u64(event.0),
            Key::ByActor {
                actor,
                start_day,
                event,
            } => w.u8(tag::BY_ACTOR).str(actor).i32(*start_day).u64(event.0),
            Key::ByArticle { article, event } => w.u8(tag::BY_ARTICLE).u64(article.0).u64(event.0),
            Key::Place(id) => w.u8(tag::PLACE).u32(*id),
            Key::FirstIngest(id) => w.u8(tag::FIRST_INGEST).u64(id.0),
            Key::PlaceName { name, place } => w.u8(tag::PLACE_NAME).str(name).u32(*place),
        };
        w.finish()
    }

    /// The key these bytes encode; anything else is [`Error::Corrupt`].
    pub fn decode(bytes: &[u8]) -> Result<Key> {
        let mut r = KeyReader::new(bytes);
        let key = match r.u8()? {
            tag::META => Key::Meta(r.str()?),
            tag::ARTICLE => Key::Article(ArticleId(r.u64()?)),
            tag::EVENT => Key::Event(EventId(r.u64()?)),
            tag::BY_TIME => Key::ByTime {
                class: r.u8()?,
                start_day: r.i32()?,
                event: EventId(r.u64()?),
            },
            tag::BY_CELL => Key::ByCell {
                cell: r.u64()?,
                event: EventId(r.u64()?),
            },
            tag::BY_COUNTRY => Key::ByCountry {
                country: read_country(&mut r)?,
                start_day: r.i32()?,
                event: EventId(r.u64()?),
            },
            tag::BY_KIND => {
                let top = read_top(&mut r)?;
                Key::ByKind {
                    top,
                    sub: read_sub(&mut r, top)?,
                    start_day: r.i32()?,
                    event: EventId(r.u64()?),
                }
            }
            tag::BY_ACTOR => Key::ByActor {
                actor: r.str()?,
                start_day: r.i32()?,
                event: EventId(r.u64()?),
            },
            tag::BY_ARTICLE => Key::ByArticle {
                article: ArticleId(r.u64()?),
                event: EventId(r.u64()?),
            },
            tag::PLACE => Key::Place(r.u32()?),
            tag::FIRST_INGEST => Key::FirstIngest(ArticleId(r.u64()?)),
            tag::PLACE_NAME => Key::PlaceName {
                name: r.str()?,
                place: r.u32()?,
            },
            other => return Err(Error::Corrupt(format!("unknown key tag {other:#04x}"))),
        };
        r.finish()?;
        Ok(key)
    }

    /// The index this key belongs to, or `None` for metadata, articles, events and places.
    pub fn index(&self) -> Option<Index> {
        match self {
            Key::Meta(_)
            | Key::Article(_)
            | Key::Event(_)
            | Key::Place(_)
            | Key::FirstIngest(_)
            | Key::PlaceName { .. } => None,
            Key::ByTime { .. } => Some(Index::Time),
            Key::ByCell { .. } => Some(Index::Cell),
            Key::ByCountry { .. } => Some(Index::Country),
            Key::ByKind { .. } => Some(Index::Kind),
            Key::ByActor { .. } => Some(Index::Actor),
            Key::ByArticle { .. } => Some(Index::Article),
        }
    }

    /// The event an index row points at, or `None` for metadata, articles, events and places.
    pub fn indexed_event(&self) -> Option<EventId> {
        match self {
            Key::Meta(_)
            | Key::Article(_)
            | Key::Event(_)
            | Key::Place(_)
            | Key::FirstIngest(_)
            | Key::PlaceName { .. } => None,
            Key::ByTime { event, .. }
            | Key::ByCell { event, .. }
            | Key::ByCountry { event, .. }
            | Key::ByKind { event, .. }
            | Key::ByActor { event, .. }
            | Key::ByArticle { event, .. } => Some(*event),
        }
    }
}

/// A day number as a date when it is one (`2019-12-05`), else as the number.
fn show_day(day: i32) -> String {
    from_day_number(day).map_or_else(|| day.to_string(), |d| d.to_string())
}

/// Keys as the dump shows them: dates as dates, ids in hex, kinds by name.
impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Key::Meta(name) => write!(f, "Meta {name:?}"),
            Key::Article(id) => write!(f, "Article {id}"),
            Key::Event(id) => write!(f, "Event {id}"),
            Key::ByTime {
                class,
                start_day,
                event,
            } => write!(
                f,
                "ByTime class={class} start={} event={event}",
                show_day(*start_day)
            ),
            Key::ByCell { cell, event } => write!(f, "ByCell cell={cell:016x} event={event}"),
            Key::ByCountry {
                country,
                start_day,
                event,
            } => write!(
                f,
                "ByCountry {} start={} event={event}",
                country.code(),
                show_day(*start_day)
            ),
            Key::ByKind {
                top,
                sub,
                start_day,
                event,
            } => {
                let kind = match sub {
                    Some(sub) => format!("{}.{}", top.as_str(), sub.as_str()),
                    None => top.as_str().to_string(),
                };
                write!(
                    f,
                    "ByKind {kind} start={} event={event}",
                    show_day(*start_day)
                )
            }
            Key::ByActor {
                actor,
                start_day,
                event,
            } => write!(
                f,
                "ByActor {actor:?} start={} event={event}",
                show_day(*start_day)
            ),
            Key::ByArticle { article, event } => {
                write!(f, "ByArticle article={article} event={event}")
            }
            Key::Place(id) => write!(f, "Place {id}"),
            Key::FirstIngest(id) => write!(f, "FirstIngest {id}"),
            Key::PlaceName { name, place } => write!(f, "PlaceName {name:?} place={place}"),
        }
    }
}

/// The leading part of a family of keys: everything a scan needs to find them together.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum KeyPrefix {
    /// All metadata.
    Meta,
    /// All articles.
    Article,
    /// All events.
    Event,
    /// The whole time index.
    ByTime,
    /// One length class of the time index.
    TimeClass(u8),
    /// The whole space index.
    ByCell,
    /// The whole country index.
    ByCountry,
    /// The events of one country.
    Country(Country),
    /// The whole kind index.
    ByKind,
    /// The events of a top kind, whatever their sub-kind.
    KindTop(EventType),
    /// The events of exactly this top kind and sub-kind (`None`: those with no sub-kind).
    KindExact(EventType, Option<SubKind>),
    /// The whole actor index.
    ByActor,
    /// The events of one actor (normalised name, exact).
    Actor(String),
    /// The whole article-to-events index.
    ByArticle,
    /// The events of one article.
    ArticleEvents(ArticleId),
    /// Every imported gazetteer entry.
    Place,
    /// The kept first ingest time of every deleted article.
    FirstIngest,
    /// The whole name index of imported gazetteer entries.
    PlaceNames,
    /// The entries filed under exactly this name key.
    PlaceName(String),
    /// The entries filed under every name key that starts with this text.
    PlaceNameStart(String),
}

impl KeyPrefix {
    /// The prefix's bytes: every key it covers starts with them, and no other key does.
    pub fn encode(&self) -> Vec<u8> {
        let mut w = KeyWriter::new();
        match self {
            KeyPrefix::Meta => w.u8(tag::META),
            KeyPrefix::Article => w.u8(tag::ARTICLE),
            KeyPrefix::Event => w.u8(tag::EVENT),
            KeyPrefix::ByTime => w.u8(tag::BY_TIME),
            KeyPrefix::TimeClass(class) => w.u8(tag::BY_TIME).u8(*class),
            KeyPrefix::ByCell => w.u8(tag::BY_CELL),
            KeyPrefix::ByCountry => w.u8(tag::BY_COUNTRY),
            KeyPrefix::Country(country) => w.u8(tag::BY_COUNTRY).fixed(&country.as_bytes()),
            KeyPrefix::ByKind => w.u8(tag::BY_KIND),
            KeyPrefix::KindTop(top) => w.u8(tag::BY_KIND).u8(top_tag(*top)),
            KeyPrefix::KindExact(top, sub) => {
                w.u8(tag::BY_KIND).u8(top_tag(*top)).u8(sub_tag(*sub))
            }
            KeyPrefix::ByActor => w.u8(tag::BY_ACTOR),
            KeyPrefix::Actor(name) => w.u8(tag::BY_ACTOR).str(name),
            KeyPrefix::ByArticle => w.u8(tag::BY_ARTICLE),
            KeyPrefix::ArticleEvents(article) => w.u8(tag::BY_ARTICLE).u64(article.0),
            KeyPrefix::Place => w.u8(tag::PLACE),
            KeyPrefix::FirstIngest => w.u8(tag::FIRST_INGEST),
            KeyPrefix::PlaceNames => w.u8(tag::PLACE_NAME),
            KeyPrefix::PlaceName(name) => w.u8(tag::PLACE_NAME).str(name),
            KeyPrefix::PlaceNameStart(start) => {
                // The string rule escapes byte by byte and ends with a terminator: without
                // it, a string's bytes start those of every string it starts.
                let mut bytes = w.u8(tag::PLACE_NAME).str(start).finish();
                bytes.truncate(bytes.len().saturating_sub(2));
                return bytes;
            }
        };
        w.finish()
    }
}

/// A top kind's byte: its position in `EventType::ALL`, which is its declaration order. Which
/// kind is which byte is part of the store format: the taxonomy may only grow at the end of
/// each list, or the format version changes (`repair` rebuilds the rows from the events, which
/// store kinds by name).
fn top_tag(top: EventType) -> u8 {
    let position = EventType::ALL.iter().position(|&t| t == top).unwrap_or(0);
    u8::try_from(position).unwrap_or(u8::MAX)
}

/// A sub-kind's byte: 0 for none, else 1 + its position among its parent's sub-kinds, which
/// orders like `Option<SubKind>` within one top kind.
fn sub_tag(sub: Option<SubKind>) -> u8 {
    let Some(sub) = sub else { return 0 };
    let position = sub
        .parent()
        .sub_kinds()
        .iter()
        .position(|&s| s == sub)
        .unwrap_or(0);
    u8::try_from(position + 1).unwrap_or(u8::MAX)
}

/// A kind's two tag bytes (top, sub), as the kind index keys and events rows' heads hold them.
pub(super) fn kind_tags(kind: Kind) -> (u8, u8) {
    (top_tag(kind.event_type()), sub_tag(kind.sub_kind()))
}

/// The kind two tag bytes name; unknown tags are [`Error::Corrupt`].
pub(super) fn kind_of_tags(top: u8, sub: u8) -> Result<Kind> {
    let top_kind = EventType::ALL
        .get(usize::from(top))
        .copied()
        .ok_or_else(|| Error::Corrupt(format!("unknown kind tag {top}")))?;
    match sub {
        0 => Ok(Kind::top(top_kind)),
        b => top_kind
            .sub_kinds()
            .get(usize::from(b) - 1)
            .copied()
            .map(Kind::sub)
            .ok_or_else(|| Error::Corrupt(format!("unknown sub-kind tag {b} under {top_kind:?}"))),
    }
}

fn read_top(r: &mut KeyReader<'_>) -> Result<EventType> {
    let b = r.u8()?;
    EventType::ALL
        .get(usize::from(b))
        .copied()
        .ok_or_else(|| Error::Corrupt(format!("unknown kind tag {b}")))
}

fn read_sub(r: &mut KeyReader<'_>, top: EventType) -> Result<Option<SubKind>> {
    match r.u8()? {
        0 => Ok(None),
        b => top
            .sub_kinds()
            .get(usize::from(b) - 1)
            .copied()
            .map(Some)
            .ok_or_else(|| Error::Corrupt(format!("unknown sub-kind tag {b} under {top:?}"))),
    }
}

fn read_country(r: &mut KeyReader<'_>) -> Result<Country> {
    let code = r.fixed::<2>()?;
    Country::from_bytes(code)
        .ok_or_else(|| Error::Corrupt(format!("unknown country code {code:?} in key")))
}
