//! The abstract syntax tree of the query language: what the parser builds, what the semantic
//! check walks and what the planner plans. Plain data: no parsing, no store, no clock.
//!
//! Spans are byte ranges into the statement's own text (see [`crate::query::script`] for how a
//! script's statements map back to the script). [`Spanned`] compares by value only, so two
//! trees parsed from differently spaced text are equal: that is what the round-trip test needs.
//!
//! Symbolic dates (`today`, `last 30 days`, `this month`) stay symbolic here; the planner
//! resolves them against a clock, so parsing is deterministic.

use chrono::NaiveDate;

use crate::model::{ArticleId, EventId, Precision, Role, Span};

/// Every actor role with its name in queries (`as initiator`).
pub const ROLES: &[(Role, &str)] = &[
    (Role::Initiator, "initiator"),
    (Role::Target, "target"),
    (Role::Other, "other"),
];

/// A role's name in queries.
pub fn role_name(role: Role) -> &'static str {
    ROLES
        .iter()
        .find(|(r, _)| *r == role)
        .map_or("other", |(_, name)| name)
}

/// `bbox(south, west, north, east)` in degrees: the box the cells cover, the same type from
/// the parser to the store.
pub use crate::store::cell::BBox;

/// A node with the byte range of the text it was parsed from.
///
/// Equality ignores the span: two trees are equal when they mean the same query.
#[derive(Clone, Copy, Debug)]
pub struct Spanned<T> {
    /// The node itself.
    pub node: T,
    /// Where in the statement's text it was written.
    pub span: Span,
}

impl<T> Spanned<T> {
    /// A node with its span.
    pub fn new(node: T, span: Span) -> Spanned<T> {
        Spanned { node, span }
    }
}

impl<T: PartialEq> PartialEq for Spanned<T> {
    fn eq(&self, other: &Self) -> bool {
        self.node == other.node
    }
}

/// One statement: a query or a command.
#[derive(Clone, Debug, PartialEq)]
pub enum Statement {
    /// `events where … | …`: rows from a source.
    Query(Query),
    /// `explain QUERY`: print the plan instead of running it.
    Explain(Query),
    /// `explain event ID`: show how one event was extracted from its article.
    ExplainEvent(Spanned<EventId>),
    /// `ingest 'PATH'`: read articles from a file or folder into the store.
    Ingest(Spanned<String>),
    /// `delete article ID`: remove an article and its events.
    DeleteArticle(Spanned<ArticleId>),
    /// `stats`: counts and sizes of the store.
    Stats,
}

/// A source, an optional filter and pipe stages.
#[derive(Clone, Debug, PartialEq)]
pub struct Query {
    /// What rows to start from.
    pub source: Spanned<Source>,
    /// The `where` clause, if any.
    pub filter: Option<Expr>,
    /// The `| stage` pipeline, applied in order.
    pub stages: Vec<Spanned<Stage>>,
}

/// The collection a query reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Source {
    /// Extracted events.
    Events,
    /// Stored articles.
    Articles,
    /// The gazetteer's places.
    Places,
}

impl Source {
    /// Every source, in grammar order.
    pub const ALL: &'static [Source] = &[Source::Events, Source::Articles, Source::Places];

    /// The keyword that names it.
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Events => "events",
            Source::Articles => "articles",
            Source::Places => "places",
        }
    }
}

/// A boolean filter. `and` binds tighter than `or`; `not` tighter than both. A chain of one
/// operator is one node holding its operands (`a or b or c` is `Or([a, b, c])`), so a flat
/// chain of any length is one level deep and only `not` and parentheses nest (the parser
/// bounds them): no pass over the tree recurses once per term.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    /// One test on a row.
    Predicate(Spanned<Predicate>),
    /// `not E`.
    Not(Box<Expr>),
    /// `E and E and …`: two or more operands, left to right.
    And(Vec<Expr>),
    /// `E or E or …`: two or more operands, left to right.
    Or(Vec<Expr>),
}

impl Expr {
    /// The operands of the top-level chain of `and`s, left to right: the conjuncts a planner
    /// may pick an index from (`a and (b or c) and d` gives `a`, `b or c`, `d`; a
    /// parenthesized `and` inside is flattened into the chain).
    pub fn conjuncts(&self) -> Vec<&Expr> {
        match self {
            Expr::And(parts) => parts.iter().flat_map(Expr::conjuncts).collect(),
            other => vec![other],
        }
    }

    /// Every predicate in the tree, left to right, whatever the operators above it.
    pub fn predicates(&self) -> Vec<&Spanned<Predicate>> {
        match self {
            Expr::Predicate(p) => vec![p],
            Expr::Not(inner) => inner.predicates(),
            Expr::And(parts) | Expr::Or(parts) => parts.iter().flat_map(Expr::predicates).collect(),
        }
    }
}

/// One test on a row.
#[derive(Clone, Debug, PartialEq)]
pub enum Predicate {
    /// `date in R`, `published < D`, …: a test on one of the two time axes.
    Date {
        /// Which time axis.
        field: Spanned<DateField>,
        /// How the row's interval relates to `value`.
        op: DateOp,
        /// The date or range compared with.
        value: Spanned<DateExpr>,
    },
    /// `near PLACE within DIST`: within a distance of a place (haversine).
    Near {
        /// The centre.
        place: Spanned<PlaceRef>,
        /// The radius.
        distance: Spanned<Distance>,
    },
    /// `within bbox(south, west, north, east)`: inside a latitude/longitude box.
    WithinBox(Spanned<BBox>),
    /// `FIELD OP VALUE [as ROLE]`: `country = IQ`, `killed >= 5`,
    /// `actor ~ "islamic state" as initiator`.
    Compare {
        /// The field tested.
        field: Spanned<Field>,
        /// The comparison.
        op: CompareOp,
        /// The value compared with.
        value: Spanned<Value>,
        /// The part the actor must play (`as initiator`); only `actor` takes one.
        role: Option<Spanned<Role>>,
    },
    /// `FIELD in (V, …) [as ROLE]`: equal to any of the values.
    InList {
        /// The field tested.
        field: Spanned<Field>,
        /// The values, at least one.
        values: Vec<Spanned<Value>>,
        /// The part the actor must play; only `actor` takes one.
        role: Option<Spanned<Role>>,
    },
    /// `FIELD is null` / `FIELD is not null`: the row has no value there (no place, no
    /// toll, no actor).
    IsNull {
        /// The field tested.
        field: Spanned<Field>,
        /// `is not null`.
        negated: bool,
    },
    /// `article = ID`: rows of one article.
    Article(Spanned<ArticleId>),
}

/// The two time axes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DateField {
    /// The event's own time (`When`).
    Date,
    /// The report's time (`Article.published`).
    Published,
    /// When the store learned of the row (`Article.ingested_at`, a UTC day).
    Ingested,
}

impl DateField {
    /// The field name as written.
    pub fn as_str(self) -> &'static str {
        match self {
            DateField::Date => "date",
            DateField::Published => "published",
            DateField::Ingested => "ingested",
        }
    }
}

/// How a row's interval `[s, e]` relates to a date expression `[from, to]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DateOp {
    /// `in`: `[s, e]` lies inside `[from, to]` (certainly then).
    In,
    /// `overlaps`: `[s, e]` meets `[from, to]` (possibly then).
    Overlaps,
    /// `<`: `e < from` (entirely before).
    Lt,
    /// `<=`: `e <= to` (ends by the end of it).
    Le,
    /// `>`: `s > to` (entirely after).
    Gt,
    /// `>=`: `s >= from` (starts at or after its start).
    Ge,
}

impl DateOp {
    /// The operator as written.
    pub fn as_str(self) -> &'static str {
        match self {
            DateOp::In => "in",
            DateOp::Overlaps => "overlaps",
            DateOp::Lt => "<",
            DateOp::Le => "<=",
            DateOp::Gt => ">",
            DateOp::Ge => ">=",
        }
    }
}

/// A date or a range of dates, kept symbolic until the planner resolves it.
#[derive(Clone, Debug, PartialEq)]
pub enum DateExpr {
    /// One date term: an interval at its own precision.
    Term(DateTerm),
    /// `a..b`: from the first day of `a` to the last day of `b`.
    Range(DateTerm, DateTerm),
}

/// One date as written.
#[derive(Clone, Debug, PartialEq)]
pub enum DateTerm {
    /// `2020`, `2020-01`, `2020-01-03`.
    Literal(DateLiteral),
    /// `today`.
    Today,
    /// `yesterday`.
    Yesterday,
    /// `last N UNITs` (`last 30 days`; `last month` is `N = 1`): the N units ending today.
    Last {
        /// How many units.
        count: u32,
        /// The unit.
        unit: Bucket,
    },
    /// `this UNIT` (`this month`): the calendar unit containing today.
    This(Bucket),
    /// `2021-W10`: an ISO week, Monday to Sunday.
    Week {
        /// The ISO week-numbering year.
        year: i32,
        /// The week, 1–53, one the year has.
        week: u32,
    },
    /// `2021-Q1`: a calendar quarter.
    Quarter {
        /// The year.
        year: i32,
        /// The quarter, 1–4.
        quarter: u32,
    },
    /// `TERM + N UNITs` / `TERM - N UNITs` (`2021-10-18 - 7 days`): the term's interval with
    /// both ends moved by N units.
    Shift {
        /// The date moved.
        base: Box<DateTerm>,
        /// `-` (earlier) rather than `+`.
        earlier: bool,
        /// How many units.
        count: u32,
        /// The unit.
        unit: Bucket,
    },
}

/// A calendar date at year, month or day precision; always a real date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DateLiteral {
    year: i32,
    month: Option<u32>,
    day: Option<u32>,
}

impl DateLiteral {
    /// The literal `year[-month[-day]]`; `None` if it names no real date or `day` comes
    /// without `month`.
    pub fn new(year: i32, month: Option<u32>, day: Option<u32>) -> Option<DateLiteral> {
        let literal = DateLiteral { year, month, day };
        if day.is_some() && month.is_none() {
            return None;
        }
        literal.first_day()?;
        literal.last_day()?;
        Some(literal)
    }

    /// The year.
    pub fn year(&self) -> i32 {
        self.year
    }

    /// The month, 1–12, when given.
    pub fn month(&self) -> Option<u32> {
        self.month
    }

    /// The day of the month, when given.
    pub fn day(&self) -> Option<u32> {
        self.day
    }

    /// `Year`, `Month` or `Day`: how much was written.
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (_, Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            (None, None) => Precision::Year,
        }
    }

    /// The first day of the interval the literal names.
    pub fn first_day(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The last day of the interval the literal names.
    pub fn last_day(&self) -> Option<NaiveDate> {
        match (self.month, self.day) {
            (Some(m), Some(d)) => NaiveDate::from_ymd_opt(self.year, m, d),
            (Some(12), None) | (None, _) => NaiveDate::from_ymd_opt(self.year, 12, 31),
            (Some(m), None) => NaiveDate::from_ymd_opt(self.year, m + 1, 1)?.pred_opt(),
        }
    }
}

/// A calendar unit: for `timeline by`, `last N`, `this`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Bucket {
    /// A day.
    Day,
    /// An ISO week (Monday to Sunday).
    Week,
    /// A calendar month.
    Month,
    /// A calendar quarter.
    Quarter,
    /// A calendar year.
    Year,
}

impl Bucket {
    /// Every unit, finest first.
    pub const ALL: &'static [Bucket] = &[
        Bucket::Day,
        Bucket::Week,
        Bucket::Month,
        Bucket::Quarter,
        Bucket::Year,
    ];

    /// The singular name (`day`).
    pub fn as_str(self) -> &'static str {
        match self {
            Bucket::Day => "day",
            Bucket::Week => "week",
            Bucket::Month => "month",
            Bucket::Quarter => "quarter",
            Bucket::Year => "year",
        }
    }

    /// The matching date precision.
    pub fn precision(self) -> Precision {
        match self {
            Bucket::Day => Precision::Day,
            Bucket::Week => Precision::Week,
            Bucket::Month => Precision::Month,
            Bucket::Quarter => Precision::Quarter,
            Bucket::Year => Precision::Year,
        }
    }
}

/// The centre of a `near` predicate.
#[derive(Clone, Debug, PartialEq)]
pub enum PlaceRef {
    /// A gazetteer name (`"Mosul"`), resolved by the planner.
    Name(String),
    /// `NAME in AREA`: the places of that name that lie in a country (code or name) or a
    /// first-level region (name or GeoNames code): `"Springfield" in US`.
    NameIn {
        /// The name.
        name: String,
        /// The country or region, as written.
        area: Spanned<String>,
    },
    /// `(lat, lon)` in degrees.
    Point {
        /// Latitude, −90..=90.
        lat: f64,
        /// Longitude, −180..=180.
        lon: f64,
    },
}

/// A distance with its unit as written.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Distance {
    /// The number written.
    pub value: f64,
    /// The unit written.
    pub unit: DistanceUnit,
}

impl Distance {
    /// The distance in metres.
    pub fn meters(&self) -> f64 {
        self.value * self.unit.meters()
    }
}

/// A unit of length.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DistanceUnit {
    /// Kilometres (`km`).
    Km,
    /// Statute miles (`mi`).
    Mi,
    /// Metres (`m`).
    M,
}

impl DistanceUnit {
    /// Every unit, in grammar order.
    pub const ALL: &'static [DistanceUnit] = &[DistanceUnit::Km, DistanceUnit::Mi, DistanceUnit::M];

    /// The unit as written.
    pub fn as_str(self) -> &'static str {
        match self {
            DistanceUnit::Km => "km",
            DistanceUnit::Mi => "mi",
            DistanceUnit::M => "m",
        }
    }

    /// Metres in one unit.
    pub fn meters(self) -> f64 {
        match self {
            DistanceUnit::Km => 1000.0,
            DistanceUnit::Mi => 1609.344,
            DistanceUnit::M => 1.0,
        }
    }
}

/// A comparison operator of a `FIELD OP VALUE` predicate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CompareOp {
    /// `=`.
    Eq,
    /// `!=`.
    Ne,
    /// `<`.
    Lt,
    /// `<=`.
    Le,
    /// `>`.
    Gt,
    /// `>=`.
    Ge,
    /// `~`: contains, case-insensitive (for `text`: contains the words).
    Contains,
}

impl CompareOp {
    /// The operator as written.
    pub fn as_str(self) -> &'static str {
        match self {
            CompareOp::Eq => "=",
            CompareOp::Ne => "!=",
            CompareOp::Lt => "<",
            CompareOp::Le => "<=",
            CompareOp::Gt => ">",
            CompareOp::Ge => ">=",
            CompareOp::Contains => "~",
        }
    }
}

/// A literal on the right of a comparison.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// A non-negative integer (`5`).
    Int(u64),
    /// Text, quoted (`"Iraq"`) or a bare word (`IQ`, `battle.armed_clash`); both mean the same.
    Text(String),
}

impl Value {
    /// The text, if the value is text.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Value::Text(text) => Some(text),
            Value::Int(_) => None,
        }
    }
}

/// Declares `Field` and its names from one table, so parser, printer and checks agree.
macro_rules! fields {
    ($( $variant:ident $name:literal : $doc:literal ),* $(,)?) => {
        /// A field name: in predicates, and as a column in `sort`, `select`, `count by`, `top`.
        /// Which fields a source has is the semantic check's business, not the grammar's.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Field {
            $( #[doc = $doc] $variant, )*
        }

        impl Field {
            /// Every field, in declaration order.
            pub const ALL: &'static [Field] = &[ $( Field::$variant, )* ];

            /// Every field's name, in declaration order: the candidates for "did you mean".
            pub const NAMES: &'static [&'static str] = &[ $( $name, )* ];

            /// The name as written in queries.
            pub fn as_str(self) -> &'static str {
                match self { $( Field::$variant => $name, )* }
            }
        }
    };
}

fields! {
    Id "id": "The row's id.",
    Date "date": "The event's time interval.",
    Published "published": "The article's publication date.",
    Ingested "ingested": "When the store first stored the article (UTC): the third time axis, beside `date` and `published`.",
    Kind "kind": "The event's kind (`battle`, `battle.armed_clash`).",
    Place "place": "The event's place name.",
    Country "country": "The country (ISO 3166-1 alpha-2 code).",
    Admin1 "admin1": "The first-level administrative region.",
    Actor "actor": "An actor's name.",
    Text "text": "The article's words: its title and text (`text ~ \"car bomb\"`).",
    Killed "killed": "How many were killed (best figure).",
    Injured "injured": "How many were hurt (best figure).",
    Source "source": "The article's publisher.",
    Article "article": "The event's article id.",
    Precision "precision": "The date precision (`day`, `month`, …) or, for places, the geo precision.",
    Summary "summary": "The sentence that reports the event (`summary ~ \"car bomb\"` tests its words).",
    Sources "sources": "The publishers of every article that reported the event, its own first.",
    Title "title": "The article's headline.",
    Url "url": "The article's address.",
    Name "name": "A place's name.",
    Lat "lat": "Latitude.",
    Lon "lon": "Longitude.",
    Confidence "confidence": "How sure the extractor was.",
    GeoPrecision "geo_precision": "How exactly the place is known (`point`, `city`, `admin1`, `country`, `region`).",
    Status "status": "Whether the event is told as having happened, as background to the story or as not having happened; a query that names no status sees only happened events.",
    Distance "distance": "Distance from the `near` centre.",
    Count "count": "The row count of a `count` or `top` stage.",
    Population "population": "How many people live in a place.",
    Day "day": "The day an event starts (an article's publication day), as a group key.",
    Week "week": "The ISO week an event starts in (`2021-W10`), as a group key.",
    Month "month": "The month an event starts in (`2021-03`), as a group key.",
    Quarter "quarter": "The quarter an event starts in (`2021-Q1`), as a group key.",
    Year "year": "The year an event starts in (`2021`), as a group key.",
    SumKilled "sum_killed": "The total killed of a `sum killed` stage's group.",
    SumInjured "sum_injured": "The total hurt of a `sum injured` stage's group.",
    AvgKilled "avg_killed": "The mean killed of an `avg killed` stage's group.",
    AvgInjured "avg_injured": "The mean hurt of an `avg injured` stage's group.",
    MinKilled "min_killed": "The fewest killed of a `min killed` stage's group.",
    MinInjured "min_injured": "The fewest hurt of a `min injured` stage's group.",
    MaxKilled "max_killed": "The most killed of a `max killed` stage's group.",
    MaxInjured "max_injured": "The most hurt of a `max injured` stage's group.",
}

impl Field {
    /// The calendar unit of a time-bucket key (`month`), for the five that are one.
    pub fn bucket(self) -> Option<Bucket> {
        Some(match self {
            Field::Day => Bucket::Day,
            Field::Week => Bucket::Week,
            Field::Month => Bucket::Month,
            Field::Quarter => Bucket::Quarter,
            Field::Year => Bucket::Year,
            _ => return None,
        })
    }

    /// The aggregate and the count an aggregate column is made of (`sum_killed` is the
    /// `sum` of `killed`).
    pub fn aggregated(self) -> Option<(Aggregate, Field)> {
        Aggregate::ALL.iter().find_map(|&function| {
            [Field::Killed, Field::Injured]
                .into_iter()
                .find(|&of| function.column(of) == Some(self))
                .map(|of| (function, of))
        })
    }

    /// The field of this name, in any case.
    pub fn from_name(name: &str) -> Option<Field> {
        Field::ALL
            .iter()
            .copied()
            .find(|f| f.as_str().eq_ignore_ascii_case(name))
    }
}

/// A pipe stage.
#[derive(Clone, Debug, PartialEq)]
pub enum Stage {
    /// `sort FIELD [asc|desc], …` (stable; later keys break ties of earlier ones, the id
    /// the last ties).
    Sort(Vec<SortKey>),
    /// `limit N`.
    Limit(u64),
    /// `select F, …`: the columns to show.
    Select(Vec<Spanned<Field>>),
    /// `count [by KEY, …]`: one row per key combination with a `count` column.
    Count(Vec<Spanned<Field>>),
    /// `timeline [by UNIT]`: counts per calendar unit; the planner picks one when not written.
    Timeline(Option<Bucket>),
    /// `top N KEY`: the N most frequent values of KEY with their counts.
    Top {
        /// How many.
        n: u64,
        /// The key counted.
        key: Spanned<Field>,
    },
    /// `nearest N [to] PLACE`: the N rows with a place nearest to it, nearest first, with a
    /// `distance` column (kNN over the rows the filter leaves).
    Nearest {
        /// How many.
        n: u64,
        /// The centre: a gazetteer name (resolved as `near` resolves it) or a point.
        place: Spanned<PlaceRef>,
    },
    /// `as of DATE`: only the rows the store knew by the end of DATE (their article's
    /// `ingested` time); the first stage, as it narrows the rows the others see.
    AsOf(Spanned<DateExpr>),
    /// `sum|avg|min|max FIELD [by KEY, …]`: one row per key combination with the
    /// aggregate of a count over its rows (rows without the count left out of it).
    Aggregate {
        /// Which aggregate.
        function: Aggregate,
        /// The count aggregated (`killed`, `injured`).
        of: Spanned<Field>,
        /// The group keys; none for one row over everything.
        keys: Vec<Spanned<Field>>,
    },
}

/// The aggregate of an aggregate stage.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Aggregate {
    /// The total.
    Sum,
    /// The mean.
    Avg,
    /// The smallest.
    Min,
    /// The largest.
    Max,
}

impl Aggregate {
    /// Every aggregate, in grammar order.
    pub const ALL: &'static [Aggregate] = &[
        Aggregate::Sum,
        Aggregate::Avg,
        Aggregate::Min,
        Aggregate::Max,
    ];

    /// The keyword that names it.
    pub fn as_str(self) -> &'static str {
        match self {
            Aggregate::Sum => "sum",
            Aggregate::Avg => "avg",
            Aggregate::Min => "min",
            Aggregate::Max => "max",
        }
    }

    /// The column it leaves for a field (`sum killed` gives `sum_killed`); `None` for a
    /// field that is not a count.
    pub fn column(self, of: Field) -> Option<Field> {
        use Aggregate::*;
        Some(match (self, of) {
            (Sum, Field::Killed) => Field::SumKilled,
            (Sum, Field::Injured) => Field::SumInjured,
            (Avg, Field::Killed) => Field::AvgKilled,
            (Avg, Field::Injured) => Field::AvgInjured,
            (Min, Field::Killed) => Field::MinKilled,
            (Min, Field::Injured) => Field::MinInjured,
            (Max, Field::Killed) => Field::MaxKilled,
            (Max, Field::Injured) => Field::MaxInjured,
            _ => return None,
        })
    }
}

/// One key of a `sort`: a column and its direction.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SortKey {
    /// The column.
    pub key: Spanned<Field>,
    /// The direction; `asc` when not written.
    pub order: Order,
}

/// A sort direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Order {
    /// Smallest first.
    Asc,
    /// Largest first.
    Desc,
}
