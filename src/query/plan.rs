//! The planner: a checked statement in, a [`Plan`] out — plain data that EXPLAIN prints and the
//! executor runs. Pure: it resolves dates against the `today` it is handed and place names
//! against the gazetteer it is handed, and never reads the store or the clock.
//!
//! It picks one access path: the most selective index among the top-level `and` conjuncts
//! (by a fixed estimate of the share of events each one leaves, see [`Candidate::estimate`]
//! and the named shares it is made of), or a full scan. Conjuncts the path enforces exactly are dropped; everything else stays in the
//! residual filter, which the executor evaluates exactly on each row.

use std::fmt;
use std::ops::RangeInclusive;

use chrono::NaiveDate;

use super::ast::{
    Aggregate, BBox, Bucket, CompareOp, DateField, DateOp, Field, Order, Predicate, Query, Source,
    Stage, Statement,
};
use super::error::QueryError;
use super::filter::{Center, DateRange, Filter, Test};
use super::resolve::resolve_expr;
use crate::gazetteer::Gazetteer;
use crate::model::{ArticleId, Country, Kind, Span, day_number};
use crate::store::TimeMatch;
use crate::store::cell::{circle_bbox, covering_bbox, covering_circle};
use crate::store::index::{MAX_TIME_CLASS, class_max_days};

/// At most this many cell ranges cover a circle or box: more ranges scan less but seek more.
pub const MAX_CELL_RANGES: usize = 16;

// The estimates below are shares of a source's rows an access path yields, fixed guesses
// rather than statistics: the planner only needs their order to be right for typical news.

/// The days the store is assumed to span, for turning a date range into a share of events:
/// ten years, the depth of a typical news archive.
const HISTORY_DAYS: f64 = 3650.0;

/// What a full scan yields: every row. An index estimated no better is not used.
const FULL_SCAN_SHARE: f64 = 1.0;

/// One article's events: a handful among the store's thousands, always the best path.
const ARTICLE_SHARE: f64 = 1e-5;

/// The gazetteer's candidates for one name: always fewer than every populated place.
const PLACE_NAME_SHARE: f64 = 0.0;

/// An open-ended date test (`date < D`, `date >= D`), or a start-day bound from one: assumed
/// to keep half the events, since where D falls in the history is unknown.
const OPEN_RANGE_SHARE: f64 = 0.5;

/// How much more an `overlaps` time scan yields than a `within` one over the same days: it
/// also reads the longer intervals that start before the range.
const OVERLAP_WIDENING: f64 = 1.5;

/// One country's events: news spreads over a few dozen countries, so about 3 % each.
const COUNTRY_SHARE: f64 = 0.03;

/// One top kind's events (battles, protests, …): a dozen top kinds, the big ones about 15 %.
const TOP_KIND_SHARE: f64 = 0.15;

/// One sub-kind's events (armed clashes, air strikes, …): about 4 %.
const SUB_KIND_SHARE: f64 = 0.04;

/// The events of the actors a name matches: most actors appear in few events, about 2 %.
const ACTOR_SHARE: f64 = 0.02;

/// How much more crowded with events a box is than its share of the Earth's surface: events
/// cluster where people live, and most of the globe is ocean and desert.
const CROWDING: f64 = 30.0;

/// The timeline bucket for a date span: the finest unit whose most days the span fits in,
/// so a timeline gets at most about 60 bars (days up to two months, weeks up to half a
/// year, months up to three years, quarters up to twelve), and years beyond.
const BUCKET_MOST_DAYS: [(i64, Bucket); 4] = [
    (62, Bucket::Day),
    (180, Bucket::Week),
    (1098, Bucket::Month),
    (4392, Bucket::Quarter),
];

/// How many time classes EXPLAIN lists before it summarises the rest in one line: the short
/// classes hold most events; the long tail reads alike.
const SHOWN_TIME_CLASSES: usize = 6;

/// What the planner needs besides the statement.
#[derive(Clone, Copy, Debug)]
pub struct PlanContext<'g> {
    /// The day `today`, `yesterday`, `last N days` and `this month` count from.
    pub today: NaiveDate,
    /// Where `near "NAME"` is looked up.
    pub gazetteer: &'g Gazetteer,
}

impl<'g> PlanContext<'g> {
    /// Plans counting from `today`, names looked up in `gazetteer`.
    pub fn new(today: NaiveDate, gazetteer: &'g Gazetteer) -> PlanContext<'g> {
        PlanContext { today, gazetteer }
    }
}

/// How a query reads, filters and reshapes its rows.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    /// The collection read.
    pub source: Source,
    /// The index (or full scan) that yields candidate rows.
    pub access: Access,
    /// The tests the access path does not enforce exactly; `None` when it enforces all.
    pub filter: Option<Filter>,
    /// The stages, in order, with `timeline`'s bucket chosen where the filter bounds the dates.
    pub stages: Vec<PlanStage>,
    /// The `near` centre, when the filter has one at the top level: rows get a `distance`.
    pub near: Option<Center>,
}

/// Where candidate rows come from.
#[derive(Clone, Debug, PartialEq)]
pub enum Access {
    /// Every row of the source (for places: every populated place of the gazetteer).
    FullScan,
    /// The time index: events whose interval lies within (or overlaps) the days; exact.
    ByTime {
        /// The days; open ends are `NaiveDate::MIN` / `MAX`.
        range: DateRange,
        /// Within or overlapping.
        how: TimeMatch,
    },
    /// The cell index over ranges covering a circle or box; a superset, always filtered.
    ByCell {
        /// The Z-order cell ranges scanned, sorted and disjoint.
        ranges: Vec<RangeInclusive<u64>>,
        /// What they cover, for people: "100 km around Mosul, IQ (36.3350, 43.1189)".
        area: String,
    },
    /// The country index, optionally only rows starting within some days.
    ByCountry {
        /// The countries scanned one after the other.
        countries: Vec<Country>,
        /// The start days scanned, from a date conjunct.
        starts: Option<DateRange>,
    },
    /// The kind index (a top kind with all its sub-kinds), optionally by start days.
    ByKind {
        /// The kind.
        kind: Kind,
        /// The start days scanned, from a date conjunct.
        starts: Option<DateRange>,
    },
    /// The actor index: actors whose name contains the text, optionally by start days.
    ByActor {
        /// The text sought, as written.
        needle: String,
        /// The start days scanned, from a date conjunct.
        starts: Option<DateRange>,
    },
    /// One article's rows (for events, through the article index).
    ByArticle(ArticleId),
    /// The gazetteer's candidates for one name (`places where name = "Mosul"`).
    PlaceName(String),
}

/// A pipe stage, ready to run.
#[derive(Clone, Debug, PartialEq)]
pub enum PlanStage {
    /// Stable sort on columns, each breaking the ties of the one before, the id the last.
    Sort(Vec<(Field, Order)>),
    /// Keep the first N rows.
    Limit(u64),
    /// Keep these columns.
    Select(Vec<Field>),
    /// One row per key combination, with its count.
    Count(Vec<Field>),
    /// Counts per calendar unit.
    Timeline {
        /// The unit; `None` lets the executor choose from the data's span.
        bucket: Option<Bucket>,
        /// Whether the query named the unit: then it is kept whatever the span (or the
        /// query refused when it would draw too many bars); a unit the planner chose from
        /// the filter's dates may still be widened.
        exact: bool,
    },
    /// The N rows with a place nearest to a centre, nearest first, with their distance.
    Nearest {
        /// How many.
        n: u64,
        /// The centre, resolved.
        center: Center,
    },
    /// The N most frequent values of a column.
    Top {
        /// How many.
        n: u64,
        /// The column.
        key: Field,
    },
    /// One row per key combination with an aggregate of a count over its rows.
    Aggregate {
        /// Which aggregate.
        function: Aggregate,
        /// The count aggregated.
        of: Field,
        /// The group keys.
        keys: Vec<Field>,
    },
}

/// One candidate access path with its estimate and the conjuncts it makes redundant.
struct Candidate {
    access: Access,
    /// Estimated share of the source's rows it yields.
    estimate: f64,
    /// Indexes (into the conjunct list) of the tests it enforces exactly.
    exact: Vec<usize>,
}

/// Plans a statement: `Query` and `Explain` statements have plans; commands do not.
pub fn plan(statement: &Statement, context: &PlanContext<'_>) -> Result<Plan, QueryError> {
    match statement {
        Statement::Query(query) | Statement::Explain(query) => plan_query(query, context),
        _ => Err(QueryError::new(
            Span::new(0, 0),
            "a query (`events …`, `articles …`, `places …`)",
            "a command",
        )),
    }
}

/// Plans one query.
pub fn plan_query(query: &Query, context: &PlanContext<'_>) -> Result<Plan, QueryError> {
    let source = query.source.node;
    let filter = query
        .filter
        .as_ref()
        .map(|f| resolve_expr(f, context.today, context.gazetteer))
        .transpose()?;
    let mut conjuncts: Vec<Filter> = match filter {
        Some(Filter::And(parts)) => parts,
        Some(other) => vec![other],
        None => Vec::new(),
    };
    // `as of D` keeps what the store knew by the end of D: a test of the ingest time.
    for stage in &query.stages {
        if let Stage::AsOf(date) = &stage.node {
            conjuncts.push(Filter::Test(Test::Date {
                field: DateField::Ingested,
                op: DateOp::Le,
                range: super::resolve::resolve_date(date, context.today)?,
            }));
        }
    }
    // Background and not-happened events are left out unless the query asks about status.
    if source == Source::Events && !names_status(query) {
        conjuncts.push(Filter::default_status());
    }
    let best = candidates(source, &conjuncts)
        .into_iter()
        .min_by(|a, b| a.estimate.total_cmp(&b.estimate))
        .filter(|c| c.estimate < FULL_SCAN_SHARE);
    let (access, exact) = match best {
        Some(c) => (c.access, c.exact),
        None => (Access::FullScan, Vec::new()),
    };
    let near = conjuncts.iter().find_map(|c| c.near_center().cloned());
    let date_span = conjuncts.iter().find_map(|c| match c {
        Filter::Test(Test::Date {
            op: DateOp::In | DateOp::Overlaps,
            range,
            ..
        }) => Some(*range),
        _ => None,
    });
    let mut residual: Vec<Filter> = conjuncts
        .into_iter()
        .enumerate()
        .filter(|(i, _)| !exact.contains(i))
        .map(|(_, c)| c)
        .collect();
    let filter = match residual.len() {
        0 => None,
        1 => residual.pop(),
        _ => Some(Filter::And(residual)),
    };
    let mut stages = Vec::with_capacity(query.stages.len());
    for s in &query.stages {
        stages.push(match &s.node {
            Stage::AsOf(_) => continue,
            Stage::Nearest { n, place } => PlanStage::Nearest {
                n: *n,
                center: super::resolve::resolve_place(place, context.gazetteer)?,
            },
            Stage::Sort(keys) => {
                PlanStage::Sort(keys.iter().map(|k| (k.key.node, k.order)).collect())
            }
            Stage::Limit(n) => PlanStage::Limit(*n),
            Stage::Select(fields) => PlanStage::Select(fields.iter().map(|f| f.node).collect()),
            Stage::Count(keys) => PlanStage::Count(keys.iter().map(|k| k.node).collect()),
            Stage::Timeline(bucket) => PlanStage::Timeline {
                bucket: bucket.or_else(|| date_span.map(|r| bucket_for_days(r.first, r.last))),
                exact: bucket.is_some(),
            },
            Stage::Top { n, key } => PlanStage::Top {
                n: *n,
                key: key.node,
            },
            Stage::Aggregate { function, of, keys } => PlanStage::Aggregate {
                function: *function,
                of: of.node,
                keys: keys.iter().map(|k| k.node).collect(),
            },
        });
    }
    Ok(Plan {
        source,
        access,
        filter,
        stages,
        near,
    })
}

/// Whether the query's filter tests `status` anywhere: then it alone decides which statuses
/// the query sees.
fn names_status(query: &Query) -> bool {
    query.filter.as_ref().is_some_and(|f| {
        f.predicates().iter().any(|p| match &p.node {
            Predicate::Compare { field, .. }
            | Predicate::InList { field, .. }
            | Predicate::IsNull { field, .. } => field.node == Field::Status,
            _ => false,
        })
    })
}

/// The timeline bucket that gives a readable number of bars over `first..=last`.
pub fn bucket_for_days(first: NaiveDate, last: NaiveDate) -> Bucket {
    let days = (last - first).num_days();
    BUCKET_MOST_DAYS
        .into_iter()
        .find(|(most, _)| days <= *most)
        .map_or(Bucket::Year, |(_, bucket)| bucket)
}

/// Every index that could serve the conjuncts, with estimates.
fn candidates(source: Source, conjuncts: &[Filter]) -> Vec<Candidate> {
    let mut found = Vec::new();
    if source == Source::Places {
        for (i, c) in conjuncts.iter().enumerate() {
            if let Filter::Test(Test::Text {
                field: Field::Name,
                op: CompareOp::Eq,
                values,
            }) = c
                && let [name] = values.as_slice()
            {
                // `name = X` means "what the gazetteer knows by X", alternate names included.
                found.push(Candidate {
                    access: Access::PlaceName(name.clone()),
                    estimate: PLACE_NAME_SHARE,
                    exact: vec![i],
                });
            }
        }
        return found;
    }
    for (i, c) in conjuncts.iter().enumerate() {
        if let Filter::Test(Test::Article(id)) = c {
            found.push(Candidate {
                access: Access::ByArticle(*id),
                estimate: ARTICLE_SHARE,
                exact: vec![i],
            });
        }
    }
    if source == Source::Articles {
        return found;
    }
    // The first date conjunct on the event's own axis bounds the start days of other scans.
    let time = conjuncts.iter().enumerate().find_map(|(i, c)| match c {
        Filter::Test(Test::Date {
            field: DateField::Date,
            op,
            range,
        }) => Some((i, *op, *range)),
        _ => None,
    });
    let starts = time.map(|(_, op, range)| start_days(op, range));
    let start_share = time.map_or(FULL_SCAN_SHARE, |(_, op, range)| match op {
        DateOp::In => days_share(range),
        _ => OPEN_RANGE_SHARE,
    });
    if let Some((i, op, range)) = time {
        let (range, how) = time_scan(op, range);
        let estimate = match how {
            TimeMatch::Within if op == DateOp::In => days_share(range),
            TimeMatch::Overlaps => (days_share(range) * OVERLAP_WIDENING).min(FULL_SCAN_SHARE),
            TimeMatch::Within => OPEN_RANGE_SHARE,
        };
        found.push(Candidate {
            access: Access::ByTime { range, how },
            estimate,
            exact: vec![i],
        });
    }
    for (i, c) in conjuncts.iter().enumerate() {
        let Filter::Test(test) = c else { continue };
        let candidate = match test {
            Test::Near { center, km } => {
                let ranges = covering_circle(center.lat, center.lon, *km, MAX_CELL_RANGES);
                let bbox = circle_bbox(center.lat, center.lon, *km);
                Some(Candidate {
                    access: Access::ByCell {
                        ranges,
                        area: format!("{km} km around {center}"),
                    },
                    estimate: area_share(&bbox),
                    exact: vec![],
                })
            }
            Test::WithinBox(b) => Some(Candidate {
                access: Access::ByCell {
                    ranges: covering_bbox(b.south, b.west, b.north, b.east, MAX_CELL_RANGES),
                    area: b.to_string(),
                },
                estimate: area_share(b),
                exact: vec![],
            }),
            Test::Country {
                countries,
                negated: false,
            } => Some(Candidate {
                access: Access::ByCountry {
                    countries: countries.clone(),
                    starts,
                },
                estimate: COUNTRY_SHARE * countries.len() as f64 * start_share,
                exact: vec![i],
            }),
            Test::Kind {
                kinds,
                negated: false,
            } if kinds.len() == 1 => kinds.first().map(|kind| Candidate {
                access: Access::ByKind {
                    kind: *kind,
                    starts,
                },
                estimate: if kind.sub_kind().is_some() {
                    SUB_KIND_SHARE
                } else {
                    TOP_KIND_SHARE
                } * start_share,
                exact: vec![i],
            }),
            Test::Text {
                field: Field::Actor,
                op: op @ (CompareOp::Contains | CompareOp::Eq),
                values,
            } if values.len() == 1 => values.first().map(|needle| Candidate {
                access: Access::ByActor {
                    needle: needle.clone(),
                    starts,
                },
                estimate: ACTOR_SHARE * start_share,
                exact: if *op == CompareOp::Contains {
                    vec![i]
                } else {
                    vec![]
                },
            }),
            _ => None,
        };
        found.extend(candidate);
    }
    found
}

/// The time scan that enforces a date test exactly: the range and match mode.
fn time_scan(op: DateOp, range: DateRange) -> (DateRange, TimeMatch) {
    let (min, max) = (NaiveDate::MIN, NaiveDate::MAX);
    let before = |d: NaiveDate| d.pred_opt().unwrap_or(min);
    let after = |d: NaiveDate| d.succ_opt().unwrap_or(max);
    match op {
        DateOp::In => (range, TimeMatch::Within),
        DateOp::Overlaps => (range, TimeMatch::Overlaps),
        DateOp::Lt => (
            DateRange {
                first: min,
                last: before(range.first),
            },
            TimeMatch::Within,
        ),
        DateOp::Le => (
            DateRange {
                first: min,
                last: range.last,
            },
            TimeMatch::Within,
        ),
        DateOp::Gt => (
            DateRange {
                first: after(range.last),
                last: max,
            },
            TimeMatch::Within,
        ),
        DateOp::Ge => (
            DateRange {
                first: range.first,
                last: max,
            },
            TimeMatch::Within,
        ),
    }
}

/// The start days an event passing a date test can have: what bounds a country, kind or
/// actor scan.
fn start_days(op: DateOp, range: DateRange) -> DateRange {
    match op {
        DateOp::In | DateOp::Ge => DateRange {
            first: range.first,
            last: if op == DateOp::In {
                range.last
            } else {
                NaiveDate::MAX
            },
        },
        DateOp::Overlaps | DateOp::Le => DateRange {
            first: NaiveDate::MIN,
            last: range.last,
        },
        DateOp::Lt => DateRange {
            first: NaiveDate::MIN,
            last: range.first.pred_opt().unwrap_or(NaiveDate::MIN),
        },
        DateOp::Gt => DateRange {
            first: range.last.succ_opt().unwrap_or(NaiveDate::MAX),
            last: NaiveDate::MAX,
        },
    }
}

/// The share of history a day range covers.
fn days_share(range: DateRange) -> f64 {
    (((range.last - range.first).num_days() + 1) as f64 / HISTORY_DAYS).min(FULL_SCAN_SHARE)
}

/// The share of events in a box: its share of the Earth's surface, times [`CROWDING`].
fn area_share(b: &BBox) -> f64 {
    let width = if b.west <= b.east {
        b.east - b.west
    } else {
        360.0 - (b.west - b.east)
    };
    let band = (b.north.to_radians().sin() - b.south.to_radians().sin()).abs() / 2.0;
    (band * width / 360.0 * CROWDING).min(FULL_SCAN_SHARE)
}

/// A day for EXPLAIN: open ends shown as `…`.
fn day_text(day: NaiveDate) -> String {
    if day == NaiveDate::MIN || day == NaiveDate::MAX {
        "…".to_string()
    } else {
        day.to_string()
    }
}

/// A day range for EXPLAIN; an open end is left empty (`..2019-12-05`, `2019-06-01..`).
fn range_text(range: DateRange) -> String {
    let end = |d: NaiveDate| {
        if d == NaiveDate::MIN || d == NaiveDate::MAX {
            String::new()
        } else {
            d.to_string()
        }
    };
    format!("{}..{}", end(range.first), end(range.last))
}

impl fmt::Display for Plan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "plan for {}", self.source.as_str())?;
        writeln!(f, "  access: {}", self.access)?;
        for line in self.access.key_ranges() {
            writeln!(f, "    scan {line}")?;
        }
        match &self.filter {
            Some(filter) => writeln!(f, "  filter: {filter}")?,
            None => writeln!(f, "  filter: none (the access path is exact)")?,
        }
        if let Some(center) = &self.near
            && !center.others.is_empty()
        {
            writeln!(
                f,
                "  near: took {center}; the name may also mean {} (write one of these, or add `in COUNTRY` or `in REGION` after the name, to take another)",
                center.others.join("; ")
            )?;
        }
        if self.stages.is_empty() {
            writeln!(f, "  stages: none (rows streamed)")
        } else {
            let shown: Vec<String> = self.stages.iter().map(PlanStage::to_string).collect();
            writeln!(f, "  stages: {}", shown.join(" | "))
        }
    }
}

impl Access {
    /// The key ranges the path reads, one line each, for EXPLAIN.
    pub fn key_ranges(&self) -> Vec<String> {
        match self {
            Access::FullScan => vec!["every row".to_string()],
            Access::ByTime { range, how } => time_key_ranges(*range, *how),
            Access::ByCell { ranges, .. } => ranges
                .iter()
                .map(|r| format!("ByCell {:016x}..={:016x}", r.start(), r.end()))
                .collect(),
            Access::ByCountry { countries, starts } => countries
                .iter()
                .map(|c| match starts {
                    Some(s) => format!("ByCountry {c} start {}", range_text(*s)),
                    None => format!("ByCountry {c} (all)"),
                })
                .collect(),
            Access::ByKind { kind, starts } => {
                let subs = match kind.sub_kind() {
                    Some(_) => String::new(),
                    None => " and its sub-kinds".to_string(),
                };
                vec![match starts {
                    Some(s) => format!("ByKind {kind}{subs} start {}", range_text(*s)),
                    None => format!("ByKind {kind}{subs} (all)"),
                }]
            }
            Access::ByActor { needle, starts } => vec![match starts {
                Some(s) => format!(
                    "ByActor (every actor key, names containing {}) start {}",
                    super::quoted(needle),
                    range_text(*s)
                ),
                None => format!(
                    "ByActor (every actor key, names containing {})",
                    super::quoted(needle)
                ),
            }],
            Access::ByArticle(id) => vec![format!("ByArticle {id}")],
            Access::PlaceName(name) => vec![format!("gazetteer name {}", super::quoted(name))],
        }
    }
}

/// The per-class key ranges of a time scan, as `Store::scan_time` reads them.
fn time_key_ranges(range: DateRange, how: TimeMatch) -> Vec<String> {
    let days = i64::from(day_number(range.last)) - i64::from(day_number(range.first)) + 1;
    let classes: Vec<u8> = (0..=MAX_TIME_CLASS)
        .filter(|&class| match how {
            TimeMatch::Within => class == 0 || class_max_days(class - 1) < days,
            TimeMatch::Overlaps => true,
        })
        .collect();
    let line = |class: u8| {
        let first = match how {
            TimeMatch::Within => range.first,
            TimeMatch::Overlaps => range
                .first
                .checked_sub_days(chrono::Days::new((class_max_days(class) - 1) as u64))
                .unwrap_or(NaiveDate::MIN),
        };
        let keep = match how {
            TimeMatch::Within if range.last == NaiveDate::MAX => String::new(),
            TimeMatch::Within => format!(", end <= {}", day_text(range.last)),
            TimeMatch::Overlaps => format!(", end >= {}", day_text(range.first)),
        };
        let starts = range_text(DateRange {
            first,
            last: range.last,
        });
        format!("ByTime class {class} start {starts}{keep}")
    };
    let mut lines: Vec<String> = classes
        .iter()
        .take(SHOWN_TIME_CLASSES)
        .map(|&c| line(c))
        .collect();
    if let Some(&last) = classes.last()
        && classes.len() > SHOWN_TIME_CLASSES
    {
        lines.push(format!(
            "… {} more classes, up to class {last} ({})",
            classes.len() - SHOWN_TIME_CLASSES,
            line(last).trim_start_matches("ByTime ")
        ));
    }
    lines
}

impl fmt::Display for Access {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Access::FullScan => f.write_str("FullScan"),
            Access::ByTime { range, how } => {
                let how = match how {
                    TimeMatch::Within => "within",
                    TimeMatch::Overlaps => "overlapping",
                };
                write!(f, "ByTime, intervals {how} {}", range_text(*range))
            }
            Access::ByCell { ranges, area } => {
                write!(f, "ByCell, {} ranges covering {area}", ranges.len())
            }
            Access::ByCountry { countries, starts } => {
                let names: Vec<String> = countries.iter().map(Country::to_string).collect();
                write!(f, "ByCountry {}", names.join(", "))?;
                match starts {
                    Some(s) => write!(f, ", starting {}", range_text(*s)),
                    None => Ok(()),
                }
            }
            Access::ByKind { kind, starts } => {
                write!(f, "ByKind {kind}")?;
                match starts {
                    Some(s) => write!(f, ", starting {}", range_text(*s)),
                    None => Ok(()),
                }
            }
            Access::ByActor { needle, starts } => {
                write!(f, "ByActor ~ {}", super::quoted(needle))?;
                match starts {
                    Some(s) => write!(f, ", starting {}", range_text(*s)),
                    None => Ok(()),
                }
            }
            Access::ByArticle(id) => write!(f, "ByArticle {id}"),
            Access::PlaceName(name) => write!(f, "PlaceName {}", super::quoted(name)),
        }
    }
}

impl fmt::Display for PlanStage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names = |fields: &[Field]| {
            fields
                .iter()
                .map(|k| k.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        match self {
            PlanStage::Sort(keys) => {
                let keys: Vec<String> = keys
                    .iter()
                    .map(|(key, order)| {
                        let order = if *order == Order::Asc { "asc" } else { "desc" };
                        format!("{} {order}", key.as_str())
                    })
                    .collect();
                write!(f, "sort {} (stable, id breaks ties)", keys.join(", "))
            }
            PlanStage::Limit(n) => write!(f, "limit {n}"),
            PlanStage::Select(fields) => write!(f, "select {}", names(fields)),
            PlanStage::Count(keys) if keys.is_empty() => f.write_str("count"),
            PlanStage::Count(keys) => write!(f, "count by {}", names(keys)),
            PlanStage::Timeline {
                bucket: Some(bucket),
                exact: true,
            } => write!(f, "timeline by {}", bucket.as_str()),
            PlanStage::Timeline {
                bucket: Some(bucket),
                exact: false,
            } => write!(
                f,
                "timeline by {} (from the filter's dates)",
                bucket.as_str()
            ),
            PlanStage::Timeline { bucket: None, .. } => {
                f.write_str("timeline (bucket from the data's span)")
            }
            PlanStage::Top { n, key } => write!(f, "top {n} {}", key.as_str()),
            PlanStage::Nearest { n, center } => {
                write!(f, "nearest {n} to {center} (haversine, nearest first)")
            }
            PlanStage::Aggregate { function, of, keys } if keys.is_empty() => {
                write!(f, "{} {}", function.as_str(), of.as_str())
            }
            PlanStage::Aggregate { function, of, keys } => {
                write!(
                    f,
                    "{} {} by {}",
                    function.as_str(),
                    of.as_str(),
                    names(keys)
                )
            }
        }
    }
}
