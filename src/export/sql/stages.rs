//! The pipe stages as SQL, with the executor's orders ([`crate::query::stages`]): a sort
//! breaks ties by id on events and keeps the previous order on groups and timelines; `count`
//! groups come in key order (NULL first, text by its lower case and then as written); `top`
//! is a count by count descending, ties in key order; a timeline counts `date_start`'s unit
//! and lists the empty units between the first and the last.
//!
//! Each stage adds to one `SELECT` while it can, and wraps it as a subquery when it cannot
//! (a sort after a limit, a count over limited rows). Groups and timelines are always read
//! through a subquery, so every later `ORDER BY` names output columns only.

use super::Compiled;
use super::dialect::Dialect;
use super::filter::distance;
use crate::model::Span;
use crate::query::ast::{Bucket, Field, Order};
use crate::query::error::QueryError;
use crate::query::plan::{Plan, PlanStage};

/// One `SELECT` being built.
#[derive(Clone, Debug)]
struct Select {
    /// `expr AS alias` items, or `*`.
    columns: Vec<String>,
    /// The table, or a subquery with its alias.
    from: String,
    /// `WHERE` conjuncts.
    conditions: Vec<String>,
    /// `GROUP BY` expressions.
    group_by: Vec<String>,
    /// `ORDER BY` terms.
    order_by: Vec<String>,
    /// `LIMIT`.
    limit: Option<u64>,
}

impl Select {
    /// Every column of `from`, filtered.
    fn all(from: String, conditions: Vec<String>) -> Select {
        Select {
            columns: vec!["*".into()],
            from,
            conditions,
            group_by: Vec::new(),
            order_by: Vec::new(),
            limit: None,
        }
    }

    /// This select as a subquery of a new one that keeps every column and, as the order a
    /// later stable sort falls back on, the same order.
    fn wrapped(self, alias: &str) -> Select {
        let order_by = self.order_by.clone();
        Select {
            order_by,
            ..Select::all(subquery(&self, alias), Vec::new())
        }
    }

    /// `FROM … WHERE …` of these rows, for a select that reads them: inline when they are a
    /// plain filtered table, else as a subquery.
    fn source(self, alias: &str) -> (String, Vec<String>) {
        let plain = self.columns == ["*"]
            && self.group_by.is_empty()
            && self.order_by.is_empty()
            && self.limit.is_none();
        if plain {
            (self.from, self.conditions)
        } else {
            (subquery(&self, alias), Vec::new())
        }
    }

    /// The SQL text, one clause per line; subqueries indented.
    fn render(&self) -> String {
        let mut out = format!("SELECT {}\nFROM {}", self.columns.join(", "), self.from);
        for (i, condition) in self.conditions.iter().enumerate() {
            out.push_str(if i == 0 { "\nWHERE " } else { "\n  AND " });
            out.push_str(condition);
        }
        if !self.group_by.is_empty() {
            out.push_str(&format!("\nGROUP BY {}", self.group_by.join(", ")));
        }
        if !self.order_by.is_empty() {
            out.push_str(&format!("\nORDER BY {}", self.order_by.join(", ")));
        }
        if let Some(n) = self.limit {
            out.push_str(&format!("\nLIMIT {n}"));
        }
        out
    }
}

/// A select as a parenthesised subquery with an alias, its lines indented two spaces.
fn subquery(select: &Select, alias: &str) -> String {
    format!("(\n{}\n) AS {alias}", indented(&select.render()))
}

fn indented(text: &str) -> String {
    text.lines()
        .map(|line| format!("  {line}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// What the rows are after the stages so far.
#[derive(Clone, Debug)]
enum Shape {
    /// Event rows with the columns to show; `sorted` once a sort has fixed their order.
    Events { shown: Vec<Field>, sorted: bool },
    /// `count` or `top` groups: the keys and the columns to show.
    Groups { keys: Vec<Field>, shown: Vec<Field> },
    /// Timeline units: the columns to show (`date` is the unit's label).
    Timeline { shown: Vec<Field> },
}

/// How a column's values order, as `rows::Datum::total_cmp` orders them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Collation {
    /// By lower case, then as written.
    Text,
    /// By value (numbers, days).
    Value,
}

/// An output column: its expression and its name.
type Output = (String, String);

/// The error for a stage the layout cannot answer.
fn unsupported(span: Span, found: impl Into<String>, hint: impl Into<String>) -> QueryError {
    QueryError::new(span, "a stage the SQL can express", found).with_hint(hint)
}

/// The events columns a query shows before any `select`: the executor's, but `sources`,
/// which lists every linked report and has no column in the layout.
fn default_event_columns(plan: &Plan) -> Vec<Field> {
    let mut shown = vec![
        Field::Id,
        Field::Date,
        Field::Kind,
        Field::Place,
        Field::Country,
        Field::Killed,
        Field::Injured,
        Field::Summary,
    ];
    if plan.near.is_some() {
        shown.push(Field::Distance);
    }
    shown
}

/// An event field as output columns (expression, name) and how they order.
fn event_columns(
    field: Field,
    plan: &Plan,
    dialect: Dialect,
    span: Span,
) -> Result<(Vec<Output>, Option<Collation>), QueryError> {
    let same = |name: &str, order| Ok((vec![(name.to_string(), name.to_string())], order));
    match field {
        Field::Id
        | Field::Kind
        | Field::Place
        | Field::Country
        | Field::Admin1
        | Field::Source
        | Field::Article
        | Field::Status
        | Field::GeoPrecision
        | Field::Summary => same(field.as_str(), Some(Collation::Text)),
        Field::Precision => same("date_precision", Some(Collation::Text)),
        Field::Published | Field::Killed | Field::Injured | Field::Lat | Field::Lon => {
            same(field.as_str(), Some(Collation::Value))
        }
        Field::Date => Ok((
            vec![
                ("date_start".into(), "date_start".into()),
                ("date_end".into(), "date_end".into()),
            ],
            Some(Collation::Value),
        )),
        Field::Actor => Ok((vec![(dialect.actor_names(), "actor".into())], None)),
        // As geochron shows it, text to the second; in that order too (UTC, fixed width).
        Field::Ingested => Ok((
            vec![(dialect.instant("ingested"), "ingested".into())],
            Some(Collation::Text),
        )),
        Field::Distance => match &plan.near {
            Some(center) => Ok((
                vec![(distance(center.lat, center.lon), "distance".into())],
                Some(Collation::Value),
            )),
            None => Err(unsupported(
                span,
                "`distance` without a `near`",
                "`distance` needs a `near PLACE within DIST` filter or a `nearest N to PLACE` before it",
            )),
        },
        Field::Sources => Err(unsupported(
            span,
            "`sources`",
            "the layout keeps one row per report: list a happening's publishers with `source` grouped by `happening_id`",
        )),
        other => Err(unsupported(
            span,
            format!("`{}`", other.as_str()),
            format!("`{}` is not a column of the Parquet layout", other.as_str()),
        )),
    }
}

/// `ORDER BY` terms for columns of one kind, ascending with NULLs first as geochron sorts
/// (descending: NULLs last).
fn order_terms(names: &[String], how: Collation, order: Order) -> Vec<String> {
    let (dir, nulls) = match order {
        Order::Asc => ("ASC", "NULLS FIRST"),
        Order::Desc => ("DESC", "NULLS LAST"),
    };
    names
        .iter()
        .flat_map(|name| match how {
            Collation::Text => vec![
                format!("lower({name}) {dir} {nulls}"),
                format!("{name} {dir}"),
            ],
            Collation::Value => vec![format!("{name} {dir} {nulls}")],
        })
        .collect()
}

/// A group key's name(s) in the groups' output and how it orders.
fn group_key(
    field: Field,
    plan: &Plan,
    dialect: Dialect,
    span: Span,
) -> Result<(Vec<Output>, Collation), QueryError> {
    if field == Field::Actor {
        // From the exploded rows: one per actor name, NULL for none.
        return Ok((vec![("actor".into(), "actor".into())], Collation::Text));
    }
    let (columns, order) = event_columns(field, plan, dialect, span)?;
    Ok((columns, order.unwrap_or(Collation::Text)))
}

/// The output names of a field in groups or a timeline.
fn shaped_names(field: Field, shape: &Shape) -> Vec<String> {
    match (shape, field) {
        (_, Field::Count) => vec!["count".into()],
        (Shape::Timeline { .. }, _) => vec!["date".into()],
        (_, Field::Date) => vec!["date_start".into(), "date_end".into()],
        (_, Field::Precision) => vec!["date_precision".into()],
        (_, other) => vec![other.as_str().to_string()],
    }
}

/// Compiles the stages over the filtered table.
pub(super) fn compile_stages(
    plan: &Plan,
    spans: &[Span],
    dialect: Dialect,
    table: String,
    conditions: Vec<String>,
    span_days: Option<i64>,
) -> Result<Compiled, QueryError> {
    let mut select = Select::all(table, conditions);
    let mut shape = Shape::Events {
        shown: default_event_columns(plan),
        sorted: false,
    };
    let mut with: Vec<(String, String)> = Vec::new();
    // After a `nearest`, `distance` is from its centre (the executor's rows carry that one).
    let stages = plan.stages.clone();
    let mut plan = std::borrow::Cow::Borrowed(plan);
    for (i, stage) in stages.iter().enumerate() {
        let plan = &mut plan;
        let span = spans.get(i).copied().unwrap_or_default();
        match stage {
            PlanStage::Sort(keys) => {
                if select.limit.is_some() {
                    select = select.wrapped("limited");
                }
                let mut terms = Vec::new();
                for (key, order) in keys {
                    terms.extend(sort_terms(*key, *order, &shape, plan, dialect, span)?);
                }
                match &shape {
                    Shape::Events { .. } => terms.push("id ASC".into()),
                    Shape::Groups { .. } | Shape::Timeline { .. } => {
                        terms.extend(select.order_by.iter().cloned())
                    }
                }
                select.order_by = terms;
                if let Shape::Events { sorted, .. } = &mut shape {
                    *sorted = true;
                }
            }
            PlanStage::Limit(n) => {
                if let Shape::Events { sorted: false, .. } = shape {
                    return Err(unsupported(
                        span,
                        "`limit` on rows no `sort` has ordered",
                        "geochron keeps the first rows in its index order, which an engine does not share: sort first (`| sort date | limit 10`)",
                    ));
                }
                select.limit = Some(select.limit.map_or(*n, |m| m.min(*n)));
            }
            PlanStage::Select(fields) => match &mut shape {
                Shape::Events { shown, .. } => {
                    for field in fields {
                        event_columns(*field, plan, dialect, span)?;
                    }
                    *shown = fields.clone();
                }
                Shape::Groups { shown, .. } | Shape::Timeline { shown } => {
                    *shown = fields.clone();
                }
            },
            PlanStage::Nearest { n, center } => {
                let Shape::Events { shown, sorted } = &mut shape else {
                    return Err(unsupported(
                        span,
                        format!("`nearest {n}` after a `count`, `top` or `timeline`"),
                        "`nearest` picks events: put it before the aggregate",
                    ));
                };
                if select.limit.is_some() {
                    select = select.wrapped("limited");
                }
                plan.to_mut().near = Some(center.clone());
                // Rows without a place have no distance and are left out, as geochron does.
                select.conditions.push("lat IS NOT NULL".into());
                let mut terms = order_terms(
                    &[distance(center.lat, center.lon)],
                    Collation::Value,
                    Order::Asc,
                );
                terms.push("id ASC".into());
                select.order_by = terms;
                select.limit = Some(*n);
                if !shown.contains(&Field::Distance) {
                    shown.push(Field::Distance);
                }
                *sorted = true;
            }
            PlanStage::Aggregate { function, of, .. } => {
                return Err(unsupported(
                    span,
                    format!("`{} {}`", function.as_str(), of.as_str()),
                    "the SQL compiler does not compile aggregates yet: `count by` compiles",
                ));
            }
            PlanStage::Count(keys) => {
                let Shape::Events { .. } = shape else {
                    return Err(second_aggregate(span));
                };
                select = grouped(select, keys, None, plan, dialect, span)?;
                shape = Shape::Groups {
                    keys: keys.clone(),
                    shown: keys.iter().copied().chain([Field::Count]).collect(),
                };
            }
            PlanStage::Top { n, key } => {
                let Shape::Events { .. } = shape else {
                    return Err(second_aggregate(span));
                };
                select = grouped(
                    select,
                    std::slice::from_ref(key),
                    Some(*n),
                    plan,
                    dialect,
                    span,
                )?;
                shape = Shape::Groups {
                    keys: vec![*key],
                    shown: vec![*key, Field::Count],
                };
            }
            PlanStage::Timeline { bucket, exact } => {
                let Shape::Events { .. } = shape else {
                    return Err(second_aggregate(span));
                };
                // A unit the query named is kept, as geochron keeps it (which refuses,
                // where SQL answers, a timeline of more than `MAX_EXACT_BARS` bars).
                let choice = match bucket {
                    Some(unit) if *exact => UnitChoice::Fixed(*unit),
                    _ => UnitChoice::of(*bucket, span_days),
                };
                let (bodies, timeline) = timeline(select, choice, dialect);
                with.extend(bodies);
                select = timeline;
                shape = Shape::Timeline {
                    shown: vec![Field::Date, Field::Count],
                };
            }
        }
    }
    let (columns, ordered) = match &shape {
        Shape::Events { shown, sorted } => {
            let mut columns = Vec::new();
            for field in shown {
                let (items, _) = event_columns(*field, &plan, dialect, Span::default())?;
                columns.extend(items);
            }
            (columns, *sorted)
        }
        Shape::Groups { shown, .. } | Shape::Timeline { shown } => {
            let columns = shown
                .iter()
                .flat_map(|f| shaped_names(*f, &shape))
                .map(|n| (n.clone(), n))
                .collect();
            (columns, true)
        }
    };
    select.columns = columns
        .iter()
        .map(|(expr, alias)| {
            if expr == alias {
                expr.clone()
            } else {
                format!("{expr} AS {alias}")
            }
        })
        .collect();
    let mut sql = String::new();
    for (i, (name, body)) in with.iter().enumerate() {
        sql.push_str(if i == 0 { "WITH " } else { ",\n" });
        let body = body.lines().collect::<Vec<_>>().join("\n  ");
        sql.push_str(&format!("{name} AS (\n  {body}\n)"));
    }
    if !with.is_empty() {
        sql.push('\n');
    }
    sql.push_str(&select.render());
    Ok(Compiled {
        sql,
        columns: columns.into_iter().map(|(_, alias)| alias).collect(),
        ordered,
    })
}

/// The `ORDER BY` terms of one sort key over rows of `shape`.
fn sort_terms(
    key: Field,
    order: Order,
    shape: &Shape,
    plan: &Plan,
    dialect: Dialect,
    span: Span,
) -> Result<Vec<String>, QueryError> {
    Ok(match shape {
        Shape::Events { .. } => {
            let (columns, how) = event_columns(key, plan, dialect, span)?;
            let how = how.ok_or_else(|| {
                unsupported(
                    span,
                    format!("a sort on the list `{}`", key.as_str()),
                    "sort on a single-valued column, or `count by actor` first",
                )
            })?;
            let names: Vec<String> = columns.into_iter().map(|(e, _)| e).collect();
            order_terms(&names, how, order)
        }
        Shape::Groups { keys, .. } => {
            let how = if keys.contains(&key) && key != Field::Count {
                group_key(key, plan, dialect, span)?.1
            } else {
                Collation::Value
            };
            order_terms(&shaped_names(key, shape), how, order)
        }
        Shape::Timeline { .. } => {
            let name = if key == Field::Count { "count" } else { "unit" };
            order_terms(&[name.to_string()], Collation::Value, order)
        }
    })
}

fn second_aggregate(span: Span) -> QueryError {
    unsupported(
        span,
        "a second `count`, `top` or `timeline`",
        "the SQL compiles one aggregate per query; run the first one and aggregate its result",
    )
}

/// `count by keys` (or `top n key`) over the rows so far: one subquery that groups them, read
/// in key order (for `top`: by count descending first, then key order).
fn grouped(
    rows: Select,
    keys: &[Field],
    top: Option<u64>,
    plan: &Plan,
    dialect: Dialect,
    span: Span,
) -> Result<Select, QueryError> {
    let mut columns = Vec::new();
    let mut order_by = Vec::new();
    for key in keys {
        let (items, how) = group_key(*key, plan, dialect, span)?;
        let names: Vec<String> = items.iter().map(|(_, alias)| alias.clone()).collect();
        order_by.extend(order_terms(&names, how, Order::Asc));
        columns.extend(items);
    }
    let (from, conditions) = rows.source("matched");
    let (from, conditions) = if keys.contains(&Field::Actor) {
        let (items, exploded_from) = dialect.explode_actors(&from);
        let exploded = Select {
            columns: vec![items],
            ..Select::all(exploded_from, conditions)
        };
        (subquery(&exploded, "matched"), Vec::new())
    } else {
        (from, conditions)
    };
    let mut group_select: Vec<String> = columns
        .iter()
        .map(|(expr, alias)| {
            if expr == alias {
                expr.clone()
            } else {
                format!("{expr} AS {alias}")
            }
        })
        .collect();
    group_select.push("count(*) AS count".into());
    let groups = Select {
        columns: group_select,
        group_by: columns.iter().map(|(expr, _)| expr.clone()).collect(),
        ..Select::all(from, conditions)
    };
    let mut outer = groups.wrapped("grouped");
    outer.order_by = match top {
        Some(_) => std::iter::once("count DESC".to_string())
            .chain(order_by)
            .collect(),
        None => order_by,
    };
    outer.limit = top;
    Ok(outer)
}

/// The most days between the first and last start for which a unit still draws at most
/// `stages::MAX_BARS` (400) bars, as `units_between` counts them: beyond, geochron widens it.
const WIDEST_SPAN_DAYS: &[(Bucket, i64)] = &[
    (Bucket::Day, 399),
    (Bucket::Week, 2792),
    (Bucket::Month, 11_171),
    (Bucket::Quarter, 35_909),
];

/// The span limits of `plan::bucket_for_days`, which picks a unit when the query names none.
const CHOSEN_SPAN_DAYS: &[(Bucket, i64)] = &[
    (Bucket::Day, 62),
    (Bucket::Week, 180),
    (Bucket::Month, 1098),
    (Bucket::Quarter, 4392),
];

/// Which unit a timeline counts by: fixed, or chosen by the span of the starts it finds.
#[derive(Clone, Debug, PartialEq)]
enum UnitChoice {
    /// Always this unit.
    Fixed(Bucket),
    /// The first unit whose span limit holds the span in days, else a year.
    BySpan(Vec<(Bucket, i64)>),
}

impl UnitChoice {
    /// The executor's choice for a timeline: the unit asked for (or picked by the query's
    /// dates) widened while it would draw more than 400 bars, or, with no unit, the unit
    /// `bucket_for_days` picks from the data's span. `span_days` is the longest span the
    /// query's own date bounds allow, when they bound both ends.
    fn of(bucket: Option<Bucket>, span_days: Option<i64>) -> UnitChoice {
        let Some(bucket) = bucket else {
            return UnitChoice::BySpan(CHOSEN_SPAN_DAYS.to_vec());
        };
        let limits: Vec<(Bucket, i64)> = WIDEST_SPAN_DAYS
            .iter()
            .copied()
            .filter(|(unit, _)| *unit >= bucket)
            .collect();
        let fits = |limit: &(Bucket, i64)| span_days.is_some_and(|days| days <= limit.1);
        match limits.first() {
            None => UnitChoice::Fixed(Bucket::Year),
            Some(first) if fits(first) => UnitChoice::Fixed(bucket),
            Some(_) => UnitChoice::BySpan(limits),
        }
    }

    /// Every unit it may give.
    fn units(&self) -> Vec<Bucket> {
        match self {
            UnitChoice::Fixed(unit) => vec![*unit],
            UnitChoice::BySpan(limits) => limits
                .iter()
                .map(|(unit, _)| *unit)
                .chain([Bucket::Year])
                .collect(),
        }
    }

    /// The `level` column of `span`: the chosen unit's name.
    fn level(&self, dialect: Dialect) -> Option<String> {
        let UnitChoice::BySpan(limits) = self else {
            return None;
        };
        let days = dialect.days_between("min(date_start)", "max(date_start)");
        let mut case = String::from("CASE");
        for (unit, most) in limits {
            case.push_str(&format!(" WHEN {days} <= {most} THEN '{}'", unit.as_str()));
        }
        case.push_str(" ELSE 'year' END");
        Some(case)
    }

    /// An expression per unit, picked by `level` when the unit is chosen at run time.
    fn per_unit(&self, expr: impl Fn(Bucket) -> String) -> String {
        match self {
            UnitChoice::Fixed(unit) => expr(*unit),
            UnitChoice::BySpan(_) => {
                let mut case = String::from("CASE level");
                for unit in self.units() {
                    case.push_str(&format!(" WHEN '{}' THEN {}", unit.as_str(), expr(unit)));
                }
                case.push_str(" END");
                case
            }
        }
    }
}

/// `timeline [by unit]` over the rows so far: `WITH` bodies (the matched starts, their span
/// and unit, the counts per unit, every day of the span) and the select that lists every
/// unit from the first start's to the last one's with its count, zero included.
fn timeline(rows: Select, choice: UnitChoice, dialect: Dialect) -> (Vec<(String, String)>, Select) {
    let (from, conditions) = rows.source("limited");
    let matched = Select {
        columns: vec!["date_start".into()],
        ..Select::all(from, conditions)
    };
    let mut span_columns = vec![
        "min(date_start) AS first_day".to_string(),
        "max(date_start) AS last_day".to_string(),
    ];
    span_columns.extend(
        choice
            .level(dialect)
            .map(|level| format!("{level} AS level")),
    );
    let span = Select {
        columns: span_columns,
        ..Select::all("matched".into(), Vec::new())
    };
    let unit_of = |day: &str| choice.per_unit(|unit| dialect.truncate(unit, day));
    let counted = Select {
        columns: vec![
            format!("{} AS unit", unit_of("date_start")),
            "count(*) AS count".into(),
        ],
        group_by: vec![unit_of("date_start")],
        ..Select::all("matched CROSS JOIN span".into(), Vec::new())
    };
    let units = Select {
        columns: vec![format!("DISTINCT {} AS unit", unit_of("d"))],
        ..Select::all(
            format!("({}) AS days CROSS JOIN span", dialect.day_series()),
            Vec::new(),
        )
    };
    let listed = Select {
        columns: vec![
            format!(
                "{} AS date",
                choice.per_unit(|unit| dialect.label(unit, "u.unit"))
            ),
            "coalesce(c.count, 0) AS count".into(),
            "u.unit AS unit".into(),
        ],
        ..Select::all(
            format!(
                "{} CROSS JOIN span LEFT JOIN counted AS c ON c.unit = u.unit",
                subquery(&units, "u")
            ),
            Vec::new(),
        )
    };
    let mut outer = listed.wrapped("timeline");
    outer.order_by = vec!["unit ASC".into()];
    let with = vec![
        ("matched".to_string(), matched.render()),
        ("span".to_string(), span.render()),
        ("counted".to_string(), counted.render()),
    ];
    (with, outer)
}
