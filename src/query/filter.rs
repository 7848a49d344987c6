//! The resolved filter: a `where` clause after planning, with dates turned into day ranges and
//! place names into coordinates, evaluated exactly on a row (haversine for distance, interval
//! semantics for dates). The planner builds it; the executor runs it; EXPLAIN prints it.
//! Pure: no store, no clock, no gazetteer.

use std::fmt;

use chrono::NaiveDate;

use super::ast::{BBox, CompareOp, DateField, DateOp, Field};
use super::display::quoted;
use super::rows::{ArticleRow, Datum, EventRow, PlaceRow};
use super::words::words_match;
use crate::gazetteer::lookup::distance_km;
use crate::model::{ArticleId, Country, EventStatus, Kind, Role, When, from_day_number};
use crate::store::RowHead;
use crate::store::index::normalise_actor;

/// A boolean combination of exact tests.
#[derive(Clone, Debug, PartialEq)]
pub enum Filter {
    /// One test.
    Test(Test),
    /// True when the inner filter is false.
    Not(Box<Filter>),
    /// True when every part is.
    And(Vec<Filter>),
    /// True when any part is.
    Or(Vec<Filter>),
}

/// An inclusive range of days a date test compares with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DateRange {
    /// The first day.
    pub first: NaiveDate,
    /// The last day, included.
    pub last: NaiveDate,
}

impl fmt::Display for DateRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.first == self.last {
            write!(f, "{}", self.first)
        } else {
            write!(f, "{}..{}", self.first, self.last)
        }
    }
}

/// The centre of a `near`: where it is and, for a name, which place the gazetteer gave.
#[derive(Clone, Debug, PartialEq)]
pub struct Center {
    /// The name as resolved ("Mosul, IQ"), or `None` for coordinates written out.
    pub name: Option<String>,
    /// Latitude in degrees.
    pub lat: f64,
    /// Longitude in degrees.
    pub lon: f64,
    /// The other places the name may mean, best first, as "Name, CC (lat, lon)".
    pub others: Vec<String>,
}

impl fmt::Display for Center {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.name {
            Some(name) => write!(f, "{name} ({:.4}, {:.4})", self.lat, self.lon),
            None => write!(f, "({:.4}, {:.4})", self.lat, self.lon),
        }
    }
}

/// One exact test on a row.
#[derive(Clone, Debug, PartialEq)]
pub enum Test {
    /// The row's interval on a time axis against a day range.
    Date {
        /// Which axis.
        field: DateField,
        /// How the interval must relate to the range.
        op: DateOp,
        /// The range, resolved.
        range: DateRange,
    },
    /// Within `km` of a centre, great-circle.
    Near {
        /// The centre.
        center: Center,
        /// The radius in kilometres.
        km: f64,
    },
    /// Inside a latitude/longitude box.
    WithinBox(BBox),
    /// The kind is (under) one of these; `negated` for `!=`.
    Kind {
        /// The kinds: a top kind covers its sub-kinds.
        kinds: Vec<Kind>,
        /// Whether the test is `!=`.
        negated: bool,
    },
    /// The country is one of these; `negated` for `!=`. A row with no country passes neither.
    Country {
        /// The countries.
        countries: Vec<Country>,
        /// Whether the test is `!=`.
        negated: bool,
    },
    /// A text field: `=` any of the values, `!=` the one value, or `~` contains it; ignoring case.
    Text {
        /// The field.
        field: Field,
        /// `Eq`, `Ne` or `Contains`.
        op: CompareOp,
        /// The values (several only for `in (…)`).
        values: Vec<String>,
    },
    /// A count (`killed`, `injured`) compared with numbers; a row without the count fails.
    Number {
        /// The field.
        field: Field,
        /// The comparison; `Eq` with several values for `in (…)`.
        op: CompareOp,
        /// The numbers.
        values: Vec<u64>,
    },
    /// `text ~ "…"` (the article's title and text) or `summary ~ "…"` (the event's sentence):
    /// every word of the query appears among those words.
    Words {
        /// [`Field::Text`] or [`Field::Summary`].
        field: Field,
        /// The words sought, as written.
        query: String,
    },
    /// The precision is one of these; `negated` for `!=`.
    Precision {
        /// Lower-case precision names.
        values: Vec<String>,
        /// Whether the test is `!=`.
        negated: bool,
    },
    /// The event's status is one of these; `negated` for `!=`. A query whose filter names
    /// no status gets `status = happened` from the planner, `by_default`.
    Status {
        /// The statuses.
        statuses: Vec<EventStatus>,
        /// Whether the test is `!=`.
        negated: bool,
        /// Whether the planner added it because the query named no status.
        by_default: bool,
    },
    /// The row belongs to this article.
    Article(ArticleId),
    /// Some actor playing `role` has a name that passes the text test (`=` any of the
    /// values, `~` contains it); for `!=`, no actor playing it has the name.
    ActorRole {
        /// `Eq`, `Ne` or `Contains`.
        op: CompareOp,
        /// The names.
        values: Vec<String>,
        /// The part played.
        role: Role,
    },
    /// The row has no value in the column (no place, no toll, no actor); `negated` for
    /// `is not null`.
    IsNull {
        /// The column.
        field: Field,
        /// Whether the test is `is not null`.
        negated: bool,
    },
}

/// Whether a column's value is empty: `Null`, or a list of nothing.
fn is_null(value: &Datum) -> bool {
    match value {
        Datum::Null => true,
        Datum::List(items) => items.is_empty(),
        _ => false,
    }
}

impl Filter {
    /// Whether an event row passes.
    pub fn matches_event(&self, row: &EventRow) -> bool {
        self.eval(&|t: &Test| t.on_event(row))
    }

    /// Whether an article row passes.
    pub fn matches_article(&self, row: &ArticleRow) -> bool {
        self.eval(&|t: &Test| t.on_article(row))
    }

    /// Whether a place passes.
    pub fn matches_place(&self, row: &PlaceRow) -> bool {
        self.eval(&|t: &Test| t.on_place(row))
    }

    fn eval(&self, test: &dyn Fn(&Test) -> bool) -> bool {
        match self {
            Filter::Test(t) => test(t),
            Filter::Not(inner) => !inner.eval(test),
            Filter::And(parts) => parts.iter().all(|p| p.eval(test)),
            Filter::Or(parts) => parts.iter().any(|p| p.eval(test)),
        }
    }

    /// What an events row's head alone decides: `Some(false)` when some top-level conjunct
    /// on the date, kind, country or place fails on it, `Some(true)` when every conjunct is
    /// such a test and passes, `None` when the rest of the row must be looked at. The tests
    /// are the same as [`Filter::matches_event`]'s, so the verdict never differs from it.
    pub fn head_verdict(&self, head: &RowHead) -> Option<bool> {
        match self {
            Filter::Test(t) => t.on_head(head),
            Filter::And(parts) => {
                let mut decided = true;
                for part in parts {
                    match part.head_verdict(head) {
                        Some(false) => return Some(false),
                        Some(true) => {}
                        None => decided = false,
                    }
                }
                decided.then_some(true)
            }
            Filter::Not(_) | Filter::Or(_) => None,
        }
    }

    /// The test the planner adds to an events query whose filter names no status.
    pub fn default_status() -> Filter {
        Filter::Test(Test::Status {
            statuses: vec![EventStatus::Happened],
            negated: false,
            by_default: true,
        })
    }

    /// Whether the planner's default `status = happened` is one of the top-level conjuncts:
    /// the query named no status.
    pub fn has_default_status(&self) -> bool {
        match self {
            Filter::Test(Test::Status { by_default, .. }) => *by_default,
            Filter::And(parts) => parts.iter().any(Filter::has_default_status),
            _ => false,
        }
    }

    /// Whether some test needs what only the row's article holds (its words, its ingest
    /// time): the executor reads the article then.
    pub fn reads_articles(&self) -> bool {
        match self {
            Filter::Test(t) => matches!(
                t,
                Test::Words {
                    field: Field::Text,
                    ..
                } | Test::Date {
                    field: DateField::Ingested,
                    ..
                }
            ),
            Filter::Not(inner) => inner.reads_articles(),
            Filter::And(parts) | Filter::Or(parts) => parts.iter().any(Filter::reads_articles),
        }
    }

    /// Adds the query text of every `text ~` test (the article's words) to `out`.
    pub fn text_patterns(&self, out: &mut Vec<String>) {
        match self {
            Filter::Test(Test::Words {
                field: Field::Text,
                query,
            }) => out.push(query.clone()),
            Filter::Test(_) => {}
            Filter::Not(inner) => inner.text_patterns(out),
            Filter::And(parts) | Filter::Or(parts) => {
                parts.iter().for_each(|p| p.text_patterns(out))
            }
        }
    }

    /// The `near` centre of a top-level conjunct, for the `distance` column.
    pub fn near_center(&self) -> Option<&Center> {
        match self {
            Filter::Test(Test::Near { center, .. }) => Some(center),
            Filter::And(parts) => parts.iter().find_map(Filter::near_center),
            _ => None,
        }
    }
}

/// Whether an interval `[start, end]` relates to `range` as `op` says.
fn date_matches(start: NaiveDate, end: NaiveDate, op: DateOp, range: DateRange) -> bool {
    let when = When::interval(
        start,
        end,
        crate::model::Precision::Day,
        crate::model::Anchor::Explicit,
    );
    match op {
        DateOp::In => when.within(range.first, range.last),
        DateOp::Overlaps => when.overlaps(range.first, range.last),
        DateOp::Lt => when.end < range.first,
        DateOp::Le => when.end <= range.last,
        DateOp::Gt => when.start > range.last,
        DateOp::Ge => when.start >= range.first,
    }
}

/// Whether `have` passes a text test (case-insensitive; actors are compared normalised).
fn text_matches(have: Option<&str>, op: CompareOp, values: &[String]) -> bool {
    let Some(have) = have else { return false };
    let have = normalise_actor(have);
    match op {
        CompareOp::Eq => values.iter().any(|v| normalise_actor(v) == have),
        CompareOp::Ne => values.iter().all(|v| normalise_actor(v) != have),
        CompareOp::Contains => values.iter().any(|v| have.contains(&normalise_actor(v))),
        _ => false,
    }
}

/// Whether a count passes a numeric test.
fn number_matches(have: Option<u32>, op: CompareOp, values: &[u64]) -> bool {
    let Some(have) = have.map(u64::from) else {
        return false;
    };
    let first = values.first().copied().unwrap_or(0);
    match op {
        CompareOp::Eq => values.contains(&have),
        CompareOp::Ne => !values.contains(&have),
        CompareOp::Lt => have < first,
        CompareOp::Le => have <= first,
        CompareOp::Gt => have > first,
        CompareOp::Ge => have >= first,
        CompareOp::Contains => false,
    }
}

/// Whether the value is in the list, flipped for `!=`; no value passes neither.
fn member<T: PartialEq>(have: Option<T>, list: &[T], negated: bool) -> bool {
    have.is_some_and(|h| list.contains(&h) != negated)
}

impl Test {
    /// The test on an events row's head, when the head has what it needs (and can be read).
    fn on_head(&self, head: &RowHead) -> Option<bool> {
        match self {
            Test::Date {
                field: DateField::Date,
                op,
                range,
            } => {
                let start = from_day_number(head.start_day())?;
                let end = from_day_number(head.end_day())?;
                Some(date_matches(start, end, *op, *range))
            }
            Test::Near { center, km } => Some(
                head.point()
                    .is_some_and(|(lat, lon)| distance_km(center.lat, center.lon, lat, lon) <= *km),
            ),
            Test::WithinBox(bbox) => Some(
                head.point()
                    .is_some_and(|(lat, lon)| bbox.contains(lat, lon)),
            ),
            Test::Kind { kinds, negated } => {
                let kind = head.kind().ok()?;
                Some(kinds.iter().any(|k| k.matches(&kind)) != *negated)
            }
            // Compared by code: no lookup of the country table per row.
            Test::Country { countries, negated } => Some(
                head.country_code()
                    .is_some_and(|code| countries.iter().any(|c| c.as_bytes() == code) != *negated),
            ),
            Test::Status {
                statuses, negated, ..
            } => Some(statuses.contains(&head.status().ok()?) != *negated),
            _ => None,
        }
    }

    fn on_event(&self, row: &EventRow) -> bool {
        let e = &row.event;
        let place = e.place.as_ref();
        match self {
            Test::Date {
                field: DateField::Date,
                op,
                range,
            } => date_matches(e.when.start, e.when.end, *op, *range),
            Test::Date {
                field: DateField::Published,
                op,
                range,
            } => row
                .published
                .is_some_and(|p| date_matches(p, p, *op, *range)),
            Test::Date {
                field: DateField::Ingested,
                op,
                range,
            } => row.article.as_ref().is_some_and(|a| {
                let day = a.ingested_at.date_naive();
                date_matches(day, day, *op, *range)
            }),
            Test::Near { center, km } => {
                place.is_some_and(|p| distance_km(center.lat, center.lon, p.lat, p.lon) <= *km)
            }
            Test::WithinBox(bbox) => place.is_some_and(|p| bbox.contains(p.lat, p.lon)),
            Test::Kind { kinds, negated } => kinds.iter().any(|k| k.matches(&e.kind)) != *negated,
            Test::Country { countries, negated } => {
                member(place.and_then(|p| p.country), countries, *negated)
            }
            Test::Text { field, op, values } => match field {
                Field::Actor => match op {
                    CompareOp::Ne => e
                        .actors
                        .iter()
                        .all(|a| text_matches(Some(&a.name), *op, values)),
                    _ => e
                        .actors
                        .iter()
                        .any(|a| text_matches(Some(&a.name), *op, values)),
                },
                Field::Place => text_matches(place.map(|p| p.name.as_str()), *op, values),
                Field::Admin1 => text_matches(place.and_then(|p| p.admin1.as_deref()), *op, values),
                Field::Source => text_matches(row.source.as_deref(), *op, values),
                _ => false,
            },
            Test::Number { field, op, values } => {
                let have = match field {
                    Field::Killed => e.fatalities.map(|c| c.best),
                    Field::Injured => e.injured.map(|c| c.best),
                    _ => None,
                };
                number_matches(have, *op, values)
            }
            Test::Words {
                field: Field::Summary,
                query,
            } => words_match(&e.summary, query),
            // The executor reads the article of each row a `text ~` looks at.
            Test::Words { query, .. } => row.article.as_ref().is_some_and(|a| a.has_words(query)),
            Test::Precision { values, negated } => member(
                Some(e.when.precision.as_str().to_string()),
                values,
                *negated,
            ),
            Test::Article(id) => e.article == *id,
            Test::Status {
                statuses, negated, ..
            } => statuses.contains(&e.status) != *negated,
            Test::ActorRole { op, values, role } => {
                let mut playing = e.actors.iter().filter(|a| a.role == *role);
                match op {
                    CompareOp::Ne => {
                        playing.all(|a| text_matches(Some(&a.name), CompareOp::Ne, values))
                    }
                    _ => playing.any(|a| text_matches(Some(&a.name), *op, values)),
                }
            }
            Test::IsNull { field, negated } => is_null(&row.column(*field)) != *negated,
        }
    }

    fn on_article(&self, row: &ArticleRow) -> bool {
        let a = &row.article;
        match self {
            Test::Date {
                field: DateField::Ingested,
                op,
                range,
            } => {
                let day = a.ingested_at.date_naive();
                date_matches(day, day, *op, *range)
            }
            Test::Date { op, range, .. } => {
                a.published.is_some_and(|p| date_matches(p, p, *op, *range))
            }
            Test::Country { countries, negated } => {
                let any = a.countries.iter().any(|c| countries.contains(c));
                !a.countries.is_empty() && any != *negated
            }
            Test::Text { field, op, values } => match field {
                Field::Source => text_matches(a.source.as_deref(), *op, values),
                Field::Title => text_matches(Some(&a.title), *op, values),
                Field::Url => text_matches(a.url.as_deref(), *op, values),
                _ => false,
            },
            Test::Words { query, .. } => words_match(&format!("{}\n{}", a.title, a.text), query),
            Test::Article(id) => a.id == *id,
            Test::IsNull { field, negated } => is_null(&row.column(*field)) != *negated,
            _ => false,
        }
    }

    fn on_place(&self, row: &PlaceRow) -> bool {
        match self {
            Test::Near { center, km } => {
                distance_km(center.lat, center.lon, row.lat, row.lon) <= *km
            }
            Test::WithinBox(bbox) => bbox.contains(row.lat, row.lon),
            Test::Country { countries, negated } => member(row.country, countries, *negated),
            Test::Text { field, op, values } => match field {
                Field::Name => text_matches(Some(&row.name), *op, values),
                Field::Admin1 => text_matches(row.admin1.as_deref(), *op, values),
                _ => false,
            },
            Test::Precision { values, negated } => {
                member(Some(row.precision.as_str().to_string()), values, *negated)
            }
            Test::IsNull { field, negated } => is_null(&row.column(*field)) != *negated,
            _ => false,
        }
    }
}

impl fmt::Display for Filter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let part = |p: &Filter, f: &mut fmt::Formatter<'_>| match p {
            Filter::And(_) | Filter::Or(_) => write!(f, "({p})"),
            _ => write!(f, "{p}"),
        };
        match self {
            Filter::Test(t) => write!(f, "{t}"),
            Filter::Not(inner) => {
                f.write_str("not ")?;
                part(inner, f)
            }
            Filter::And(parts) | Filter::Or(parts) => {
                let op = if matches!(self, Filter::And(_)) {
                    " and "
                } else {
                    " or "
                };
                for (i, p) in parts.iter().enumerate() {
                    if i > 0 {
                        f.write_str(op)?;
                    }
                    part(p, f)?;
                }
                Ok(())
            }
        }
    }
}

/// `= x` for one value, `in (x, y)` for several.
fn one_or_many(f: &mut fmt::Formatter<'_>, negated: bool, values: &[String]) -> fmt::Result {
    match (values, negated) {
        ([one], false) => write!(f, "= {one}"),
        ([one], true) => write!(f, "!= {one}"),
        (many, negated) => write!(
            f,
            "{}in ({})",
            if negated { "not " } else { "" },
            many.join(", ")
        ),
    }
}

impl fmt::Display for Test {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Test::Date { field, op, range } => {
                write!(f, "{} {} {range}", field.as_str(), op.as_str())
            }
            Test::Near { center, km } => write!(f, "near {center} within {km} km (haversine)"),
            Test::WithinBox(b) => write!(f, "within {b}"),
            Test::Kind { kinds, negated } => {
                f.write_str("kind ")?;
                let names: Vec<String> = kinds.iter().map(Kind::to_string).collect();
                one_or_many(f, *negated, &names)
            }
            Test::Country { countries, negated } => {
                f.write_str("country ")?;
                let names: Vec<String> = countries.iter().map(Country::to_string).collect();
                one_or_many(f, *negated, &names)
            }
            Test::Text { field, op, values } => {
                let shown: Vec<String> = values.iter().map(|v| quoted(v)).collect();
                match op {
                    CompareOp::Eq if shown.len() > 1 => {
                        write!(f, "{} in ({})", field.as_str(), shown.join(", "))
                    }
                    _ => write!(f, "{} {} {}", field.as_str(), op.as_str(), shown.join(", ")),
                }
            }
            Test::Number { field, op, values } => {
                let shown: Vec<String> = values.iter().map(u64::to_string).collect();
                match op {
                    CompareOp::Eq if shown.len() > 1 => {
                        write!(f, "{} in ({})", field.as_str(), shown.join(", "))
                    }
                    _ => write!(f, "{} {} {}", field.as_str(), op.as_str(), shown.join(", ")),
                }
            }
            Test::Words {
                field: Field::Summary,
                query,
            } => write!(f, "summary ~ {} (the sentence's words)", quoted(query)),
            Test::Words { query, .. } => {
                write!(f, "text ~ {} (the article's words)", quoted(query))
            }
            Test::Precision { values, negated } => {
                f.write_str("precision ")?;
                one_or_many(f, *negated, values)
            }
            Test::Article(id) => write!(f, "article = {id}"),
            Test::Status {
                statuses,
                negated,
                by_default,
            } => {
                f.write_str("status ")?;
                let names: Vec<String> = statuses.iter().map(|s| s.name().to_string()).collect();
                one_or_many(f, *negated, &names)?;
                if *by_default {
                    f.write_str(" (by default: the query names no status)")?;
                }
                Ok(())
            }
            Test::ActorRole { op, values, role } => {
                let shown: Vec<String> = values.iter().map(|v| quoted(v)).collect();
                let role = super::ast::role_name(*role);
                match op {
                    CompareOp::Eq if shown.len() > 1 => {
                        write!(f, "actor in ({}) as {role}", shown.join(", "))
                    }
                    _ => write!(f, "actor {} {} as {role}", op.as_str(), shown.join(", ")),
                }
            }
            Test::IsNull { field, negated } => write!(
                f,
                "{} is {}null",
                field.as_str(),
                if *negated { "not " } else { "" }
            ),
        }
    }
}
