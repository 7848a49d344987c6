//! The data model: what an article is, what an event is, and the small types they are made of.
//! Plain data with serde; no I/O. The store, the extractor and the query engine all speak it.

mod country;
mod country_codes;
mod kind;
mod provenance;
mod when;

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub use country::{Country, UnknownCountry};
pub use kind::{EventType, Kind, SubKind, UnknownKind};
pub use provenance::{Evidence, Report};
pub use when::{Anchor, Modifier, Precision, When, day_number, from_day_number};

/// A byte range `start..end` into an article's text: every extracted field can be traced to it.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// The span `start..end`.
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// The text under the span, or `""` if it does not fall on `text`'s char boundaries.
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// Whether the two spans share a byte.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// Whether `other` lies inside this span.
    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// Declares a 64-bit id printed as 16 lower-case hex digits.
macro_rules! hex_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub u64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{:016x}", self.0)
            }
        }

        impl FromStr for $name {
            type Err = std::num::ParseIntError;

            /// Sixteen hex digits, as printed.
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                u64::from_str_radix(s.trim(), 16).map($name)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let s = String::deserialize(deserializer)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

hex_id!(
    /// An article's id: a stable hash of its normalised text, so the same article ingested
    /// twice has the same id.
    ArticleId
);
hex_id!(
    /// An event's id: a stable hash of its article's id and its position in the article.
    EventId
);

impl ArticleId {
    /// The id of an article with this text: FNV-1a over the words, so whitespace and line-ending
    /// differences do not make a new article. Stable across versions and machines.
    pub fn of_text(text: &str) -> ArticleId {
        // The bytes of each `split_whitespace` word, each followed by a space: one walk that
        // tells ASCII white space by the byte, decodes only other characters, and feeds the
        // hash as it goes (FNV-1a takes bytes one at a time, so this is the words hashed whole).
        let mut hash = Fnv1a::new();
        let bytes = text.as_bytes();
        let mut in_word = false;
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            if b.is_ascii() {
                if matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r') {
                    if in_word {
                        hash.byte(b' ');
                        in_word = false;
                    }
                } else {
                    hash.byte(b);
                    in_word = true;
                }
                i += 1;
                continue;
            }
            let c = text.get(i..).and_then(|rest| rest.chars().next());
            let len = c.map_or(1, char::len_utf8);
            if c.is_some_and(char::is_whitespace) {
                if in_word {
                    hash.byte(b' ');
                    in_word = false;
                }
            } else {
                hash.write(bytes.get(i..i + len).unwrap_or_default());
                in_word = true;
            }
            i += len;
        }
        if in_word {
            hash.byte(b' ');
        }
        ArticleId(hash.finish())
    }
}

impl EventId {
    /// The id of the `ordinal`-th event of an article.
    pub fn of(article: ArticleId, ordinal: u32) -> EventId {
        let mut hash = Fnv1a::new();
        hash.write(&article.0.to_be_bytes());
        hash.write(&ordinal.to_be_bytes());
        EventId(hash.finish())
    }
}

/// 64-bit FNV-1a: tiny, stable across platforms and releases, good enough for content ids.
struct Fnv1a(u64);

impl Fnv1a {
    fn new() -> Fnv1a {
        Fnv1a(0xcbf2_9ce4_8422_2325)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.byte(b);
        }
    }

    #[inline]
    fn byte(&mut self, b: u8) {
        self.0 ^= u64::from(b);
        self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A news article as stored: its text and what is known of it as a report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Stable hash of the normalised text.
    pub id: ArticleId,
    /// The headline; empty when the input had none.
    pub title: String,
    /// The publication date, when known: the report's own time axis.
    pub published: Option<NaiveDate>,
    /// The publisher ("Washington Times").
    pub source: Option<String>,
    /// Where the article came from.
    pub url: Option<String>,
    /// The countries the story is about, most central first.
    pub countries: Vec<Country>,
    /// The body text; every span in the article's events points into it.
    pub text: String,
    /// When this article entered the store.
    pub ingested_at: DateTime<Utc>,
}

/// How precisely a place is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum GeoPrecision {
    /// Exact coordinates (a point given in the text, a named site).
    Point,
    /// A populated place: a city, town or village.
    City,
    /// A first-level administrative region (a province, a state).
    Admin1,
    /// A whole country, placed at its centroid.
    Country,
    /// A region larger than a country, or one with no country ("the Middle East").
    Region,
}

impl GeoPrecision {
    /// The lower-case name used in text and queries.
    pub fn as_str(self) -> &'static str {
        match self {
            GeoPrecision::Point => "point",
            GeoPrecision::City => "city",
            GeoPrecision::Admin1 => "admin1",
            GeoPrecision::Country => "country",
            GeoPrecision::Region => "region",
        }
    }
}

/// A resolved place: a name tied to coordinates.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// The gazetteer's name for it ("Makhmur"), not necessarily the text's spelling.
    pub name: String,
    /// The GeoNames id, when the place came from GeoNames.
    pub geonameid: Option<u32>,
    /// The country the place lies in; `None` for regions that span countries.
    pub country: Option<Country>,
    /// The first-level administrative region's name, when known.
    pub admin1: Option<String>,
    /// Latitude in degrees, −90..=90.
    pub lat: f64,
    /// Longitude in degrees, −180..=180.
    pub lon: f64,
    /// How precisely the coordinates place it.
    pub precision: GeoPrecision,
}

/// What part an actor plays in an event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Who acted: the attacker, the protesters, the signatory.
    Initiator,
    /// Who was acted on: the attacked, the arrested.
    Target,
    /// Named in the event without a clear part.
    Other,
}

/// Someone who takes part in an event: a group, a force, an official, "protesters".
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Actor {
    /// The normalised name ("Popular Mobilization Forces", not "PMF").
    pub name: String,
    /// The part the actor plays.
    pub role: Role,
}

/// A count that reports disagree on: "at least 20", "dozens", "between 5 and 8".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Count {
    /// The fewest the text allows.
    pub low: u32,
    /// The single best figure.
    pub best: u32,
    /// The most the text allows.
    pub high: u32,
}

impl Count {
    /// An exact count.
    pub fn exact(n: u32) -> Count {
        Count {
            low: n,
            best: n,
            high: n,
        }
    }
}

/// Whether the article tells an event as something that happened at the time it reports.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum EventStatus {
    /// Told as having happened, in the story's own time.
    #[default]
    Happened,
    /// Told as history behind the story ("which had captured Mosul in 2014", "since 2017").
    Background,
    /// Told as not having happened: a request, plan, threat, denial, question or negation.
    NotHappened,
}

impl EventStatus {
    /// Every status, in tag order.
    pub const ALL: [EventStatus; 3] = [
        EventStatus::Happened,
        EventStatus::Background,
        EventStatus::NotHappened,
    ];

    /// The status's name as queries and outputs write it.
    pub fn name(self) -> &'static str {
        match self {
            EventStatus::Happened => "happened",
            EventStatus::Background => "background",
            EventStatus::NotHappened => "not_happened",
        }
    }

    /// Whether this is the default, [`EventStatus::Happened`] (outputs leave it out then).
    pub fn is_happened(&self) -> bool {
        *self == EventStatus::Happened
    }
}

/// One thing that happened, as reported by one article.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Stable id from the article id and the event's position in it.
    pub id: EventId,
    /// The article that reports it.
    pub article: ArticleId,
    /// What happened.
    pub kind: Kind,
    /// When it happened.
    pub when: When,
    /// Where it happened, when the text says.
    pub place: Option<Place>,
    /// Other places named with it.
    pub places: Vec<Place>,
    /// Who took part.
    pub actors: Vec<Actor>,
    /// How many were killed, when reported.
    pub fatalities: Option<Count>,
    /// How many were hurt, when reported.
    pub injured: Option<Count>,
    /// The sentence that reports it, as it stands in the text.
    pub summary: String,
    /// The sentence's byte range in the article text.
    pub span: Span,
    /// How sure the extractor is, 0.0..=1.0.
    pub confidence: f32,
    /// Whether it is told as having happened, as background, or as not having happened.
    #[serde(default, skip_serializing_if = "EventStatus::is_happened")]
    pub status: EventStatus,
    /// The words behind each field.
    #[serde(default)]
    pub evidence: Evidence,
    /// The earlier-stored event of another article that reports the same happening, when this
    /// one is a duplicate of it: queries count the happening once, under that event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<EventId>,
    /// The later reports of the same happening by other articles, when this event is the one
    /// they are linked to; oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub duplicates: Vec<Report>,
}

impl Event {
    /// Whether queries count this event: it is not a duplicate of another article's event.
    pub fn is_counted(&self) -> bool {
        self.duplicate_of.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_id_hashes_the_split_whitespace_words() {
        fn by_words(text: &str) -> ArticleId {
            let mut hash = Fnv1a::new();
            for word in text.split_whitespace() {
                hash.write(word.as_bytes());
                hash.write(b" ");
            }
            ArticleId(hash.finish())
        }
        for text in [
            "",
            "  ",
            "Six died\r\nin the  attack.",
            " lead\x0band\x0ctrail ",
            "no\u{a0}break\u{2003}em\u{3000}ideo\u{85}nel",
            "São Paulo — Ḩalab\u{200b}zero-width",
            "x",
        ] {
            assert_eq!(ArticleId::of_text(text), by_words(text), "{text:?}");
        }
    }

    #[test]
    fn article_id_ignores_whitespace_differences() {
        let a = ArticleId::of_text("Six died\r\nin the  attack.");
        let b = ArticleId::of_text("  Six died in the attack.\n");
        assert_eq!(a, b);
        assert_ne!(a, ArticleId::of_text("Seven died in the attack."));
    }

    #[test]
    fn ids_print_and_parse_as_hex() {
        let id = EventId::of(ArticleId(0xabc), 3);
        assert_eq!(id.to_string().len(), 16);
        assert_eq!(id.to_string().parse::<EventId>(), Ok(id));
    }

    #[test]
    fn span_slice_never_panics() {
        let text = "Mosul — Kirkuk";
        assert_eq!(Span::new(0, 5).slice(text), "Mosul");
        assert_eq!(Span::new(6, 7).slice(text), "");
        assert_eq!(Span::new(10, 200).slice(text), "");
    }
}
