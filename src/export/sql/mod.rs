//! `geochron explain sql --dialect duckdb|spark|bigquery 'QUERY'`: a query compiled from its
//! resolved [`Plan`] into one engine's SQL over the Parquet layout ([`super::layout`]).
//!
//! The SQL carries literals only — the plan already turned place names into coordinates,
//! `kind = battle` into its sub-kinds and `last 30 days` into days — and keeps geochron's
//! meaning exactly:
//!
//! - only the reports geochron counts are read (`id = happening_id`), except for one
//!   article's events, which show its duplicates too ([`crate::query::stages::shows_event`]);
//! - `near … within K km` is a box on `lat`/`lon` (what readers prune row groups by) and the
//!   haversine of `gazetteer::lookup::distance_km`, with its Earth radius;
//! - `within bbox` tests the `bbox` covering columns; `date in R` is
//!   `date_start >= A AND date_end <= B`; `date overlaps R` is
//!   `date_start <= B AND date_end >= A` plus, with a manifest, `date_start >= A − longest`;
//!   every date bound also bounds the `year`/`month` partitions;
//! - sorts break ties by id, counts come in key order, `top` breaks ties in key order, and a
//!   timeline truncates `date_start` and shows empty units, as the executor does.
//!
//! - `ingested` tests the UTC day of the `ingested` column, and `as of D` is `ingested <= D`;
//! - `nearest N to P` keeps the rows with a place, ordered by that haversine then id, first N.
//!
//! What the layout cannot answer (`sources`, `confidence`, the article's text for `text ~`, a
//! `limit` on rows in index order) is an error under the stage or test at fault.

mod dialect;
mod filter;
mod stages;

use chrono::{Datelike, Days, NaiveDate};

pub use dialect::Dialect;

use crate::model::Span;
use crate::query::ast::{DateField, DateOp, Field, Predicate, Query, Source, Stage, Statement};
use crate::query::error::QueryError;
use crate::query::filter::{DateRange, Filter, Test};
use crate::query::plan::{Access, Plan, PlanContext};
use crate::store::TimeMatch;

/// Where the compiled query reads its events.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Table {
    /// A table or view by name (`events`; for BigQuery the external table over the folder).
    Named(String),
    /// An export folder, read directly (DuckDB's `read_parquet`, Spark's `parquet.` path).
    Folder(String),
}

/// What the compiler knows of the data: where it is, and what its manifest says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// The events' table.
    pub table: Table,
    /// The manifest's longest interval in days, when known: the lower bound of `overlaps`.
    pub longest_span_days: Option<i64>,
}

/// A compiled query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Compiled {
    /// The statement.
    pub sql: String,
    /// The names of the columns it returns, in order.
    pub columns: Vec<String>,
    /// Whether its `ORDER BY` fixes the order of every row (events without a `sort` come in
    /// no particular order).
    pub ordered: bool,
}

/// Compiles a planned events query. `query` is the statement the plan came from: its spans
/// place the errors.
pub fn compile(
    query: &Query,
    plan: &Plan,
    dialect: Dialect,
    target: &Target,
) -> Result<Compiled, QueryError> {
    if plan.source != Source::Events {
        return Err(QueryError::new(
            query.source.span,
            "`events` (the Parquet layout holds events)",
            format!("`{}`", plan.source.as_str()),
        )
        .with_hint("only events queries compile to SQL"));
    }
    if let Some(error) = beyond_the_layout(query) {
        return Err(error);
    }
    let table = match &target.table {
        Table::Named(name) => dialect.table(name),
        Table::Folder(dir) => dialect.parquet_folder(dir),
    };
    let (conditions, span_days) = conditions(plan, dialect, target.longest_span_days);
    // `as of` is planned as a filter, not a stage.
    let stage_spans: Vec<Span> = query
        .stages
        .iter()
        .filter(|s| !matches!(s.node, Stage::AsOf(_)))
        .map(|s| s.span)
        .collect();
    stages::compile_stages(plan, &stage_spans, dialect, table, conditions, span_days)
}

/// The error for the first test of the query that reads what the layout does not hold: the
/// article's words (`text ~`). The layout is one table of events; an article's text is most
/// of a store's bytes, and a second table of texts would be read whole by every engine for
/// a test the events' own sentences (`summary ~`) mostly answer.
fn beyond_the_layout(query: &Query) -> Option<QueryError> {
    let filter = query.filter.as_ref()?;
    filter.predicates().into_iter().find_map(|p| match &p.node {
        Predicate::Compare { field, .. } if field.node == Field::Text => Some(
            QueryError::new(
                p.span,
                "a test the Parquet layout can answer",
                "`text ~` (the article's words)",
            )
            .with_hint(
                "the layout keeps each event's sentence, not its article's text: `summary ~` tests the sentence's words",
            ),
        ),
        _ => None,
    })
}

/// Parses, checks, plans and compiles one statement: an events query, with or without a
/// leading `explain`. Errors carry the span of the part at fault in `text`.
pub fn compile_text(
    text: &str,
    context: &PlanContext<'_>,
    dialect: Dialect,
    target: &Target,
) -> Result<Compiled, QueryError> {
    let statement = crate::query::parse(text)?;
    let (Statement::Query(query) | Statement::Explain(query)) = &statement else {
        return Err(QueryError::new(
            Span::new(0, text.len()),
            "an events query (`events where …`)",
            "a command",
        )
        .with_hint("only queries compile to SQL"));
    };
    let plan = crate::query::plan::plan_query(query, context)?;
    compile(query, &plan, dialect, target)
}

/// The tests the plan's access path enforces, as filter tests: together with the residual
/// filter they are the whole `where` clause.
fn access_tests(access: &Access) -> Vec<Test> {
    match access {
        Access::FullScan | Access::ByCell { .. } | Access::PlaceName(_) => Vec::new(),
        Access::ByTime { range, how } => vec![Test::Date {
            field: DateField::Date,
            op: match how {
                TimeMatch::Within => DateOp::In,
                TimeMatch::Overlaps => DateOp::Overlaps,
            },
            range: *range,
        }],
        Access::ByCountry { countries, .. } => vec![Test::Country {
            countries: countries.clone(),
            negated: false,
        }],
        Access::ByKind { kind, .. } => vec![Test::Kind {
            kinds: vec![*kind],
            negated: false,
        }],
        Access::ByActor { needle, .. } => vec![Test::Text {
            field: Field::Actor,
            op: crate::query::ast::CompareOp::Contains,
            values: vec![needle.clone()],
        }],
        Access::ByArticle(id) => vec![Test::Article(*id)],
    }
}

/// The `WHERE` conditions of a plan, each one a conjunct: the counted reports, the access
/// path's tests, the residual filter's top-level parts, then the partition and overlap bounds;
/// and the most days the starts can span, when the date tests bound both ends.
fn conditions(plan: &Plan, dialect: Dialect, longest: Option<i64>) -> (Vec<String>, Option<i64>) {
    let mut tests: Vec<Filter> = access_tests(&plan.access)
        .into_iter()
        .map(Filter::Test)
        .collect();
    match &plan.filter {
        Some(Filter::And(parts)) => tests.extend(parts.iter().cloned()),
        Some(other) => tests.push(other.clone()),
        None => {}
    }
    let mut out = Vec::new();
    if !matches!(plan.access, Access::ByArticle(_)) {
        // Linked reports of one happening: geochron shows and counts the first one only.
        out.push("id = happening_id".to_string());
    }
    // A disjunction is parenthesised: the conjuncts are joined with AND.
    out.extend(tests.iter().map(|t| match t {
        Filter::Or(_) => format!("({})", filter::condition(t, dialect)),
        _ => filter::condition(t, dialect),
    }));
    let (first, last) = start_bounds(&tests, longest);
    if let (Some(first), true) = (first, has_overlaps(&tests)) {
        out.push(format!("date_start >= {}", dialect.date(first)));
    }
    if let Some(partitions) = partition_bounds(first, last) {
        out.push(partitions);
    }
    let span_days = first.zip(last).map(|(a, b)| (b - a).num_days().max(0));
    (out, span_days)
}

fn has_overlaps(tests: &[Filter]) -> bool {
    tests.iter().any(|t| {
        matches!(
            t,
            Filter::Test(Test::Date {
                field: DateField::Date,
                op: DateOp::Overlaps,
                ..
            })
        )
    })
}

/// The earliest and latest `date_start` a row passing every top-level date test can have.
fn start_bounds(tests: &[Filter], longest: Option<i64>) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let real = |d: NaiveDate| (d != NaiveDate::MIN && d != NaiveDate::MAX).then_some(d);
    let (mut first, mut last): (Option<NaiveDate>, Option<NaiveDate>) = (None, None);
    for test in tests {
        let Filter::Test(Test::Date {
            field: DateField::Date,
            op,
            range: DateRange { first: a, last: b },
        }) = test
        else {
            continue;
        };
        let (lo, hi) = match op {
            DateOp::In => (real(*a), real(*b)),
            DateOp::Overlaps => (
                real(*a).and_then(|a| {
                    longest.and_then(|n| a.checked_sub_days(Days::new(n.max(0) as u64)))
                }),
                real(*b),
            ),
            DateOp::Lt => (None, real(*a).and_then(|a| a.pred_opt())),
            DateOp::Le => (None, real(*b)),
            DateOp::Gt => (real(*b).and_then(|b| b.succ_opt()), None),
            DateOp::Ge => (real(*a), None),
        };
        if let Some(lo) = lo {
            first = Some(first.map_or(lo, |f| f.max(lo)));
        }
        if let Some(hi) = hi {
            last = Some(last.map_or(hi, |l| l.min(hi)));
        }
    }
    (first, last)
}

/// The `year`/`month` partitions holding starts from `first` to `last`: plain comparisons of
/// the partition columns, which every engine prunes folders by.
fn partition_bounds(first: Option<NaiveDate>, last: Option<NaiveDate>) -> Option<String> {
    let ym = |d: NaiveDate| (d.year(), d.month());
    Some(match (first.map(ym), last.map(ym)) {
        (None, None) => return None,
        (Some((y, m)), Some((y2, m2))) if (y, m) == (y2, m2) => {
            format!("year = {y} AND month = {m}")
        }
        (Some((y, m)), Some((y2, m2))) if y == y2 => {
            format!("year = {y} AND month BETWEEN {m} AND {m2}")
        }
        (Some((y, m)), Some((y2, m2))) => {
            let mut parts = vec![format!("year BETWEEN {y} AND {y2}")];
            if m > 1 {
                parts.push(format!("(year > {y} OR month >= {m})"));
            }
            if m2 < 12 {
                parts.push(format!("(year < {y2} OR month <= {m2})"));
            }
            parts.join(" AND ")
        }
        (Some((y, 1)), None) => format!("year >= {y}"),
        (Some((y, m)), None) => format!("(year > {y} OR (year = {y} AND month >= {m}))"),
        (None, Some((y2, 12))) => format!("year <= {y2}"),
        (None, Some((y2, m2))) => format!("(year < {y2} OR (year = {y2} AND month <= {m2}))"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn partitions_bound_the_months_of_the_starts() {
        assert_eq!(
            partition_bounds(Some(day(2020, 1, 5)), Some(day(2020, 1, 31))).as_deref(),
            Some("year = 2020 AND month = 1")
        );
        assert_eq!(
            partition_bounds(Some(day(2019, 11, 1)), Some(day(2020, 2, 1))).as_deref(),
            Some(
                "year BETWEEN 2019 AND 2020 AND (year > 2019 OR month >= 11) AND (year < 2020 OR month <= 2)"
            )
        );
        assert_eq!(partition_bounds(None, None), None);
    }

    #[test]
    fn overlaps_reach_back_by_the_longest_interval() {
        let test = Filter::Test(Test::Date {
            field: DateField::Date,
            op: DateOp::Overlaps,
            range: DateRange {
                first: day(2020, 3, 1),
                last: day(2020, 3, 31),
            },
        });
        let tests = [test];
        assert_eq!(start_bounds(&tests, None), (None, Some(day(2020, 3, 31))));
        assert_eq!(
            start_bounds(&tests, Some(30)),
            (Some(day(2020, 1, 31)), Some(day(2020, 3, 31)))
        );
    }
}
