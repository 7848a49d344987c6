//! The value codec: how articles, events and index values become bytes. The only module that
//! uses bincode (marked unmaintained upstream), so replacing it touches this folder alone.
//!
//! A value is one leading byte, [`VALUE_VERSION`] (or [`ROW_LAYOUT`] for an events row, which
//! has a fixed head before its bincode), then bincode 2 with its `standard()` configuration
//! (little-endian, variable-length integers). The model types are not encoded directly: they
//! convert to small record structs (`records`). That keeps the on-disk shape in one place and
//! explicit — enums get fixed tag bytes from a table rather than declaration order, kinds are
//! the two tag bytes the kind index keys use (so the taxonomy may only grow at the end of each
//! list), dates are `i32` day numbers — and a change to the model cannot silently change the
//! format. A field added to `Event` needs a field in its record (and a format version). Keys
//! never use bincode (it does not preserve order); see `keycode`.
//!
//! Decoding never panics and never allocates more than [`MAX_VALUE_BYTES`]: garbage gives
//! [`Error::Corrupt`].

use bincode::config::{self, Config};
use bincode::{Decode, Encode};

use crate::error::{Error, Result};
use crate::gazetteer::Entry;
use crate::model::{Article, Country, Event, EventId, EventStatus, Evidence, Kind, day_number};

mod records;
mod text;

use records::{
    ArticleHead, ArticleRecord, EntryRecord, EventRecord, ProvenanceRecord, RowRecord,
    country_bytes, country_of, date_of,
};

/// The first byte of every encoded value: the layout of the bytes after it.
pub const VALUE_VERSION: u8 = 1;

/// The largest value decoding will allocate for; encoding refuses anything larger.
pub const MAX_VALUE_BYTES: usize = 64 * 1024 * 1024;

fn bincode_config() -> impl Config {
    config::standard().with_limit::<MAX_VALUE_BYTES>()
}

/// The first byte of an encoded article whose text is a zstd frame (`text`): the
/// [`ArticleRecord`] of [`VALUE_VERSION`], with the frame in place of the text's bytes.
/// Articles written before it ([`VALUE_VERSION`], the text as it is) still decode.
pub const ARTICLE_LAYOUT: u8 = 3;

/// Encodes an article, its text compressed ([`ARTICLE_LAYOUT`]).
pub fn encode_article(article: &Article) -> Result<Vec<u8>> {
    let record = ArticleRecord::new(article, text::compress(&article.text)?);
    append(vec![ARTICLE_LAYOUT], &record)
}

/// Decodes an article, either layout, decompressing its text.
pub fn decode_article(bytes: &[u8]) -> Result<Article> {
    let (layout, body) = article_parts(bytes)?;
    let mut record: ArticleRecord = decode_whole(body)?;
    let stored = std::mem::take(&mut record.text);
    let text = match layout {
        ARTICLE_LAYOUT => text::decompress(&stored)?,
        _ => String::from_utf8(stored)
            .map_err(|e| Error::Corrupt(format!("article text is not UTF-8: {e}")))?,
    };
    record.into_article(text)
}

/// Encodes an article as format 2 did, its text as it is ([`VALUE_VERSION`]): for the tests
/// of the rewrite from format 2.
#[cfg(test)]
pub(crate) fn encode_article_plain(article: &Article) -> Result<Vec<u8>> {
    append(
        vec![VALUE_VERSION],
        &ArticleRecord::new(article, article.text.clone().into_bytes()),
    )
}

/// Splits an encoded article into its layout byte ([`VALUE_VERSION`] or [`ARTICLE_LAYOUT`])
/// and its bincode.
fn article_parts(bytes: &[u8]) -> Result<(u8, &[u8])> {
    match bytes.split_first() {
        Some((&layout, body)) if layout == VALUE_VERSION || layout == ARTICLE_LAYOUT => {
            Ok((layout, body))
        }
        Some((layout, _)) => Err(Error::Corrupt(format!(
            "article layout {layout}, expected {VALUE_VERSION} or {ARTICLE_LAYOUT}"
        ))),
        None => Err(Error::Corrupt("empty value".into())),
    }
}

/// Decodes only the publication date and the publisher of an article: what an events row
/// shows of its article. Stops before the text, so it costs a few bytes, not the whole story.
pub fn decode_article_head(bytes: &[u8]) -> Result<(Option<chrono::NaiveDate>, Option<String>)> {
    let (_, body) = article_parts(bytes)?;
    // The leading fields of `ArticleRecord`, in its order; the rest is left unread on purpose.
    let (head, _): (ArticleHead, usize) = bincode::decode_from_slice(body, bincode_config())
        .map_err(|e| Error::Corrupt(format!("cannot decode value: {e}")))?;
    Ok((head.published.map(date_of).transpose()?, head.source))
}

/// The first byte of an encoded events row: a fixed head, then bincode (see [`encode_row`]).
pub const ROW_LAYOUT: u8 = 2;

/// Bytes of a row's fixed head after the layout byte: start and end day (4 + 4), kind tags
/// (2), country code (2, zeros for none), flags (1: bit 0 whether there is a place, bits 1–2
/// the event's status tag, so stores written before statuses read as "happened"), latitude
/// and longitude (8 + 8).
const ROW_HEAD_BYTES: usize = 29;

/// What an events row shows and filters on, as stored under `Event(id)` and as the value of
/// every index row of the event: the event and what its article adds.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredRow {
    /// The event.
    pub event: Event,
    /// Its article's publication date.
    pub published: Option<chrono::NaiveDate>,
    /// Its article's publisher.
    pub source: Option<String>,
}

/// The fixed head of an encoded row: what the cheap tests (date, kind, country, place) need.
/// Each field is read from the bytes only when asked for, so a test pays for what it looks at.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RowHead([u8; ROW_HEAD_BYTES]);

impl RowHead {
    /// The first day of the event's interval (`model::day_number`).
    pub fn start_day(&self) -> i32 {
        let h = &self.0;
        i32::from_le_bytes([h[0], h[1], h[2], h[3]])
    }

    /// The last day of the event's interval.
    pub fn end_day(&self) -> i32 {
        let h = &self.0;
        i32::from_le_bytes([h[4], h[5], h[6], h[7]])
    }

    /// The event's kind; unknown tags are [`Error::Corrupt`].
    pub fn kind(&self) -> Result<Kind> {
        super::keys::kind_of_tags(self.0[8], self.0[9])
    }

    /// The two-letter code of its place's country, upper case, when it has one.
    pub fn country_code(&self) -> Option<[u8; 2]> {
        match [self.0[10], self.0[11]] {
            [0, 0] => None,
            code => Some(code),
        }
    }

    /// Its place's country; an unknown code is [`Error::Corrupt`].
    pub fn country(&self) -> Result<Option<Country>> {
        self.country_code().map(country_of).transpose()
    }

    /// Its place's latitude and longitude, when it has a place.
    pub fn point(&self) -> Option<(f64, f64)> {
        let h = &self.0;
        let f64_at = |i: usize| {
            let mut bytes = [0u8; 8];
            bytes.copy_from_slice(h.get(i..i + 8).unwrap_or(&[0; 8]));
            f64::from_le_bytes(bytes)
        };
        (h[12] & PLACE_FLAG != 0).then(|| (f64_at(13), f64_at(21)))
    }

    /// Whether the event is told as having happened, as background or as not happened; an
    /// unknown tag is [`Error::Corrupt`].
    pub fn status(&self) -> Result<EventStatus> {
        status_of(self.0[12] >> STATUS_SHIFT)
    }
}

/// The flags byte's bit for "the row has a place".
const PLACE_FLAG: u8 = 1;
/// Where the status tag sits in the flags byte.
const STATUS_SHIFT: u8 = 1;

/// The status's tag in a row's flags byte: its position in [`EventStatus::ALL`].
fn status_tag(status: EventStatus) -> u8 {
    match status {
        EventStatus::Happened => 0,
        EventStatus::Background => 1,
        EventStatus::NotHappened => 2,
    }
}

fn status_of(tag: u8) -> Result<EventStatus> {
    EventStatus::ALL
        .get(usize::from(tag))
        .copied()
        .ok_or_else(|| Error::Corrupt(format!("unknown event status tag {tag}")))
}

/// Encodes an events row as `Event(id)` keeps it: [`ROW_LAYOUT`], a fixed head ([`RowHead`]:
/// little-endian days, kind tags, country, coordinates) so scans can test it without
/// decoding, then bincode of the whole event with its article's date and source.
pub fn encode_row(
    event: &Event,
    published: Option<chrono::NaiveDate>,
    source: Option<&str>,
) -> Result<Vec<u8>> {
    encode_row_record(event, published, source, false)
}

/// Encodes an events row as the index rows keep it: as [`encode_row`], but without the
/// event's detail that no events row shows or filter tests — its other places and the date's
/// original wording ([`index_view`]). Those cost most of a row's decoding (an allocation
/// each), and `get` / `explain event` read the whole event from `Event(id)`.
pub fn encode_index_row(
    event: &Event,
    published: Option<chrono::NaiveDate>,
    source: Option<&str>,
) -> Result<Vec<u8>> {
    encode_row_record(event, published, source, true)
}

/// The event as an index row holds it: `places` empty and `when.text` empty; everything a
/// query shows, filters, sorts or groups on is kept.
pub fn index_view(event: &Event) -> Event {
    let mut view = event.clone();
    to_index_view(&mut view);
    view
}

/// Makes `event` its [`index_view`] in place: what a thin index row's event becomes once
/// read whole by key, so that every index gives the same rows.
pub fn to_index_view(event: &mut Event) {
    event.places.clear();
    event.when.text.clear();
    event.evidence = Evidence::default();
}

/// The first byte of a thin index row ([`encode_thin_row`]): the fixed head of the event's
/// row and its id, nothing else.
pub const THIN_LAYOUT: u8 = 4;

/// Bytes of a thin index row: the layout byte, the head, the event id (u64 little-endian).
const THIN_ROW_BYTES: usize = 1 + ROW_HEAD_BYTES + 8;

/// Encodes a thin index row: [`THIN_LAYOUT`], the [`RowHead`] an events row of `event` has
/// (what the head tests read), and the event's id, by which a row that passes them is read
/// whole from `Event(id)`. 38 bytes where a covering row takes some 270.
pub fn encode_thin_row(event: &Event) -> Vec<u8> {
    let mut out = Vec::with_capacity(THIN_ROW_BYTES);
    out.push(THIN_LAYOUT);
    push_head(&mut out, event);
    out.extend_from_slice(&event.id.0.to_le_bytes());
    out
}

/// The thin index row of a covering one (an events row or an index row of `ROW_LAYOUT`) of
/// event `event`: its head as it is, and the id. For rewriting a store of format 2.
pub fn thin_of_covering(covering: &[u8], event: EventId) -> Result<Vec<u8>> {
    let (head, _) = row_parts(covering)?;
    let mut out = Vec::with_capacity(THIN_ROW_BYTES);
    out.push(THIN_LAYOUT);
    out.extend_from_slice(head);
    out.extend_from_slice(&event.0.to_le_bytes());
    Ok(out)
}

/// The event a thin index row points at, or `None` for a covering row (which holds its
/// event); any other value is [`Error::Corrupt`].
pub fn thin_row_event(bytes: &[u8]) -> Result<Option<EventId>> {
    match bytes.first() {
        Some(&ROW_LAYOUT) => Ok(None),
        Some(&THIN_LAYOUT) => {
            let id: [u8; 8] = bytes
                .get(1 + ROW_HEAD_BYTES..)
                .and_then(|id| id.try_into().ok())
                .ok_or_else(|| {
                    Error::Corrupt(format!(
                        "thin index row of {} bytes, not {THIN_ROW_BYTES}",
                        bytes.len()
                    ))
                })?;
            Ok(Some(EventId(u64::from_le_bytes(id))))
        }
        Some(layout) => Err(Error::Corrupt(format!(
            "row layout {layout}, expected {ROW_LAYOUT} or {THIN_LAYOUT}"
        ))),
        None => Err(Error::Corrupt("empty value".into())),
    }
}

/// Appends the fixed head of `event`'s row ([`RowHead`]) to `out`.
fn push_head(out: &mut Vec<u8>, event: &Event) {
    out.extend_from_slice(&day_number(event.when.start).to_le_bytes());
    out.extend_from_slice(&day_number(event.when.end).to_le_bytes());
    let (top, sub) = super::keys::kind_tags(event.kind);
    out.extend_from_slice(&[top, sub]);
    let place = event.place.as_ref();
    out.extend_from_slice(&place.and_then(|p| p.country).map_or([0, 0], country_bytes));
    out.push(u8::from(place.is_some()) | status_tag(event.status) << STATUS_SHIFT);
    out.extend_from_slice(&place.map_or(0.0, |p| p.lat).to_le_bytes());
    out.extend_from_slice(&place.map_or(0.0, |p| p.lon).to_le_bytes());
}

fn encode_row_record(
    event: &Event,
    published: Option<chrono::NaiveDate>,
    source: Option<&str>,
    index_view: bool,
) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(256);
    out.push(ROW_LAYOUT);
    push_head(&mut out, event);
    let mut record = RowRecord {
        published: published.map(day_number),
        source: source.map(str::to_string),
        event: EventRecord::from(event),
        provenance: ProvenanceRecord::of(event, !index_view),
    };
    if index_view {
        record.event.places.clear();
        record.event.when.text.clear();
    }
    append(out, &record)
}

/// Splits an encoded row into its head bytes and its bincode body.
fn row_parts(bytes: &[u8]) -> Result<(&[u8; ROW_HEAD_BYTES], &[u8])> {
    let (head, body) = after_layout(bytes, "row", ROW_LAYOUT)?
        .split_first_chunk::<ROW_HEAD_BYTES>()
        .ok_or_else(|| Error::Corrupt(format!("row of {} bytes is too short", bytes.len())))?;
    Ok((head, body))
}

/// The head of an encoded row or of a thin index row.
fn head_of(bytes: &[u8]) -> Result<&[u8; ROW_HEAD_BYTES]> {
    if bytes.first() == Some(&THIN_LAYOUT) {
        return bytes
            .get(1..1 + ROW_HEAD_BYTES)
            .and_then(|head| head.try_into().ok())
            .ok_or_else(|| Error::Corrupt(format!("row of {} bytes is too short", bytes.len())));
    }
    Ok(row_parts(bytes)?.0)
}

/// The last day of an encoded row's event (or a thin index row's), read from the head alone:
/// what a time scan tests.
pub fn decode_row_end_day(bytes: &[u8]) -> Result<i32> {
    let head = head_of(bytes)?;
    Ok(i32::from_le_bytes([head[4], head[5], head[6], head[7]]))
}

/// The fixed head of an encoded row or of a thin index row.
pub fn decode_row_head(bytes: &[u8]) -> Result<RowHead> {
    let head = head_of(bytes)?;
    Ok(RowHead(*head))
}

/// Decodes a whole row: the event with its article's date and source.
pub fn decode_row(bytes: &[u8]) -> Result<StoredRow> {
    let (head, body) = row_parts(bytes)?;
    let record: RowRecord = decode_whole(body)?;
    let mut event = record.event.into_event()?;
    event.status = RowHead(*head).status()?;
    if let Some(provenance) = record.provenance {
        provenance.fill(&mut event)?;
    }
    Ok(StoredRow {
        event,
        published: record.published.map(date_of).transpose()?,
        source: record.source,
    })
}

/// Decodes the event of an encoded row (an `Event(id)` value or an index row's value).
pub fn decode_event(bytes: &[u8]) -> Result<Event> {
    Ok(decode_row(bytes)?.event)
}

/// Encodes an imported gazetteer entry.
pub fn encode_entry(entry: &Entry) -> Result<Vec<u8>> {
    encode(&EntryRecord::from(entry))
}

/// Decodes an imported gazetteer entry.
pub fn decode_entry(bytes: &[u8]) -> Result<Entry> {
    decode::<EntryRecord>(bytes)?.into_entry()
}

/// Encodes the store format number kept in `Meta("format")`. This one value is four
/// big-endian bytes, not bincode, so every version of geochron can read it.
pub fn encode_format(format: u32) -> Vec<u8> {
    format.to_be_bytes().to_vec()
}

/// Decodes the store format number.
pub fn decode_format(bytes: &[u8]) -> Result<u32> {
    let array: [u8; 4] = bytes
        .try_into()
        .map_err(|_| Error::Corrupt(format!("format value has {} bytes, not 4", bytes.len())))?;
    Ok(u32::from_be_bytes(array))
}

fn encode<T: Encode>(value: &T) -> Result<Vec<u8>> {
    append(vec![VALUE_VERSION], value)
}

/// Appends bincode of `value` to `out` (what comes before it: a layout byte, a row head), and
/// refuses a value larger than the store allows.
fn append<T: Encode>(mut out: Vec<u8>, value: &T) -> Result<Vec<u8>> {
    bincode::encode_into_std_write(value, &mut out, bincode_config())
        .map_err(|e| Error::Invalid(format!("cannot encode value: {e}")))?;
    if out.len() > MAX_VALUE_BYTES {
        return Err(Error::Invalid(format!(
            "value of {} bytes is larger than the store allows ({MAX_VALUE_BYTES})",
            out.len()
        )));
    }
    Ok(out)
}

fn decode<T: Decode<()>>(bytes: &[u8]) -> Result<T> {
    decode_whole(after_layout(bytes, "value", VALUE_VERSION)?)
}

/// The bytes after a value's leading layout byte, which must be `expected`.
fn after_layout<'a>(bytes: &'a [u8], what: &str, expected: u8) -> Result<&'a [u8]> {
    let (layout, body) = bytes
        .split_first()
        .ok_or_else(|| Error::Corrupt("empty value".into()))?;
    if *layout != expected {
        return Err(Error::Corrupt(format!(
            "{what} layout {layout}, expected {expected}"
        )));
    }
    Ok(body)
}

/// Decodes bincode that must fill `body` exactly: bytes left over mean a corrupt value.
fn decode_whole<T: Decode<()>>(body: &[u8]) -> Result<T> {
    let (value, read) = bincode::decode_from_slice(body, bincode_config())
        .map_err(|e| Error::Corrupt(format!("cannot decode value: {e}")))?;
    if read != body.len() {
        return Err(Error::Corrupt(format!(
            "value has {} bytes left over",
            body.len() - read
        )));
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        Actor, ArticleId, Count, EventId, GeoPrecision, Place, Report, Role, Span, When,
    };
    use proptest::prelude::*;

    fn sample_event() -> Event {
        let day = chrono::NaiveDate::from_ymd_opt(2019, 12, 5).unwrap_or_default();
        Event {
            id: EventId(9),
            article: ArticleId(4),
            kind: Kind::sub(crate::model::SubKind::ArmedClash),
            when: When::day(day),
            place: Some(Place {
                name: "Makhmur".into(),
                geonameid: Some(7),
                country: Country::from_code("IQ"),
                admin1: Some("Erbil".into()),
                lat: 35.77,
                lon: 43.58,
                precision: GeoPrecision::City,
            }),
            places: vec![],
            actors: vec![Actor {
                name: "Islamic State".into(),
                role: Role::Initiator,
            }],
            fatalities: Some(Count::exact(6)),
            injured: None,
            summary: "Fighters clashed.".into(),
            span: Span::new(0, 17),
            confidence: 0.9,
            status: crate::model::EventStatus::Happened,
            evidence: Evidence {
                trigger: Some(Span::new(9, 16)),
                sentences: vec![Span::new(0, 17)],
                ..Evidence::default()
            },
            duplicate_of: None,
            duplicates: vec![Report {
                event: EventId(11),
                article: ArticleId(5),
                source: Some("Kirkuk Post".into()),
            }],
        }
    }

    #[test]
    fn formats_round_trip() {
        assert_eq!(decode_format(&encode_format(7)).ok(), Some(7));
        assert!(decode_format(&[1, 2]).is_err());
    }

    #[test]
    fn rows_round_trip_and_their_head_agrees() -> Result<()> {
        let mut event = sample_event();
        let published = chrono::NaiveDate::from_ymd_opt(2019, 12, 6);
        let bytes = encode_row(&event, published, Some("Erbil Ledger"))?;
        let row = decode_row(&bytes)?;
        assert_eq!(row.event, event);
        assert_eq!(row.published, published);
        assert_eq!(row.source.as_deref(), Some("Erbil Ledger"));
        let head = decode_row_head(&bytes)?;
        assert_eq!(head.start_day(), day_number(event.when.start));
        assert_eq!(head.end_day(), day_number(event.when.end));
        assert_eq!(decode_row_end_day(&bytes)?, day_number(event.when.end));
        assert_eq!(head.kind()?, event.kind);
        assert_eq!(head.country()?, Country::from_code("IQ"));
        assert_eq!(head.country_code(), Some(*b"IQ"));
        assert_eq!(head.point(), Some((35.77, 43.58)));
        event.place = None;
        let bytes = encode_row(&event, None, None)?;
        let head = decode_row_head(&bytes)?;
        assert_eq!((head.country()?, head.point()), (None, None));
        assert_eq!(decode_row(&bytes)?.event, event);
        // Index rows keep the links a query shows, not the evidence only `explain` reads.
        let indexed = decode_row(&encode_index_row(&event, None, None)?)?.event;
        assert_eq!(indexed.duplicates, event.duplicates);
        assert_eq!(indexed.evidence, Evidence::default());
        Ok(())
    }

    #[test]
    fn statuses_ride_in_the_flags_byte_beside_the_place_bit() -> Result<()> {
        for status in EventStatus::ALL {
            for has_place in [true, false] {
                let mut event = sample_event();
                event.status = status;
                if !has_place {
                    event.place = None;
                }
                let bytes = encode_row(&event, None, None)?;
                let head = decode_row_head(&bytes)?;
                assert_eq!(head.status()?, status);
                assert_eq!(head.point().is_some(), has_place);
                assert_eq!(decode_row(&bytes)?.event, event);
            }
        }
        // A row written before statuses (flags 1: a place, nothing else) reads as happened.
        let bytes = encode_row(&sample_event(), None, None)?;
        assert_eq!(bytes[13], 1);
        assert_eq!(decode_row_head(&bytes)?.status()?, EventStatus::Happened);
        let mut unknown = bytes.clone();
        unknown[13] = 1 | (3 << STATUS_SHIFT);
        assert!(matches!(decode_row(&unknown), Err(Error::Corrupt(_))));
        Ok(())
    }

    #[test]
    fn a_foreign_layout_byte_is_corrupt() -> Result<()> {
        let mut bytes = encode_row(&sample_event(), None, None)?;
        bytes[0] = 99;
        assert!(matches!(decode_row(&bytes), Err(Error::Corrupt(_))));
        assert!(matches!(decode_row_head(&bytes), Err(Error::Corrupt(_))));
        assert!(matches!(decode_row(&[]), Err(Error::Corrupt(_))));
        assert!(matches!(
            decode_row(&[ROW_LAYOUT, 1, 2]),
            Err(Error::Corrupt(_))
        ));
        Ok(())
    }

    #[test]
    fn an_article_head_is_the_articles_date_and_source() -> Result<()> {
        let text = "Six people were killed in Mosul.";
        let mut article = Article {
            id: ArticleId::of_text(text),
            title: "Attack in Mosul".into(),
            published: chrono::NaiveDate::from_ymd_opt(2019, 12, 5),
            source: Some("Erbil Ledger".into()),
            url: Some("u".into()),
            countries: vec![],
            text: text.into(),
            ingested_at: chrono::DateTime::UNIX_EPOCH,
        };
        let head = decode_article_head(&encode_article(&article)?)?;
        assert_eq!(head, (article.published, article.source.clone()));
        article.published = None;
        article.source = None;
        assert_eq!(
            decode_article_head(&encode_article(&article)?)?,
            (None, None)
        );
        Ok(())
    }

    #[test]
    fn articles_of_both_layouts_decode() -> Result<()> {
        let text = "Six people were killed in Mosul. The attack came at night. ".repeat(20);
        let article = Article {
            id: ArticleId::of_text(&text),
            title: "Attack in Mosul".into(),
            published: chrono::NaiveDate::from_ymd_opt(2019, 12, 5),
            source: Some("Erbil Ledger".into()),
            url: None,
            countries: vec![Country::from_code("IQ").unwrap_or_else(|| unreachable!())],
            text: text.clone(),
            ingested_at: chrono::DateTime::UNIX_EPOCH,
        };
        let compressed = encode_article(&article)?;
        assert_eq!(compressed[0], ARTICLE_LAYOUT);
        assert!(compressed.len() * 3 < text.len());
        assert_eq!(decode_article(&compressed)?, article);
        // The layout before it, the text's bytes as they are.
        let plain = append(
            vec![VALUE_VERSION],
            &ArticleRecord::new(&article, text.into_bytes()),
        )?;
        assert_eq!(decode_article(&plain)?, article);
        assert_eq!(
            decode_article_head(&plain)?,
            decode_article_head(&compressed)?
        );
        Ok(())
    }

    #[test]
    fn a_thin_row_is_the_head_and_the_id() -> Result<()> {
        let event = sample_event();
        let thin = encode_thin_row(&event);
        assert_eq!(thin.len(), THIN_ROW_BYTES);
        let covering = encode_index_row(&event, None, Some("Erbil Ledger"))?;
        assert_eq!(decode_row_head(&thin)?, decode_row_head(&covering)?);
        assert_eq!(decode_row_end_day(&thin)?, decode_row_end_day(&covering)?);
        assert_eq!(thin_row_event(&thin)?, Some(event.id));
        assert_eq!(thin_row_event(&covering)?, None);
        assert_eq!(thin_of_covering(&covering, event.id)?, thin);
        assert!(matches!(
            thin_row_event(&thin[..20]),
            Err(Error::Corrupt(_))
        ));
        assert!(matches!(
            decode_row_head(&thin[..20]),
            Err(Error::Corrupt(_))
        ));
        assert!(matches!(decode_row(&thin), Err(Error::Corrupt(_))));
        assert!(matches!(thin_row_event(&[9, 9]), Err(Error::Corrupt(_))));
        Ok(())
    }

    proptest! {
        #[test]
        fn garbage_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
            let _ = decode_event(&bytes);
            let _ = decode_article(&bytes);
            let _ = decode_row_head(&bytes);
            let mut row = vec![ROW_LAYOUT];
            row.extend_from_slice(&bytes);
            let _ = decode_row(&row);
            let _ = decode_row_head(&row);
            let mut thin = vec![THIN_LAYOUT];
            thin.extend_from_slice(&bytes);
            let _ = decode_row_head(&thin);
            let _ = decode_row_end_day(&thin);
            let _ = thin_row_event(&thin);
            let mut versioned = vec![VALUE_VERSION];
            versioned.extend_from_slice(&bytes);
            let _ = decode_event(&versioned);
            let _ = decode_article(&versioned);
            let _ = decode_article_head(&versioned);
            let mut compressed = vec![ARTICLE_LAYOUT];
            compressed.extend_from_slice(&bytes);
            let _ = decode_article(&compressed);
            let _ = decode_article_head(&compressed);
        }
    }
}
