//! The semantic check: meaning after syntax. Which fields each source has, which operators and
//! values each field takes, whether kinds, countries and precisions exist, whether coordinates
//! and ranges make sense, and which columns each stage can see. Pure: it never reads the store
//! (place names are the planner's to resolve against the gazetteer).

use std::str::FromStr;

use super::ast::{
    CompareOp, DateExpr, DateField, DateTerm, Expr, Field, PlaceRef, Predicate, Query, Source,
    Spanned, Stage, Statement, Value, role_name,
};
use super::error::QueryError;
use super::suggest::nearest;
use crate::gazetteer::Gazetteer;
use crate::model::{Country, EventStatus, Kind, Precision, Role};

/// The geo precisions a place may have (`places where precision = city`).
const GEO_PRECISIONS: &[&str] = &["point", "city", "admin1", "country", "region"];

/// How many errors [`check`] reports at most: a chain of a hundred thousand misspelt terms
/// costs one suggestion search per error, and nobody reads past the first few.
pub const MAX_ERRORS: usize = 100;

/// Every error of meaning in `statement` (the first [`MAX_ERRORS`] of them), in source order;
/// empty when it makes sense. Spans are relative to the statement's text, like the tree's.
pub fn check(statement: &Statement) -> Vec<QueryError> {
    let mut errors = Vec::new();
    match statement {
        Statement::Query(query) | Statement::Explain(query) => check_query(query, &mut errors),
        Statement::Ingest(path) if path.node.trim().is_empty() => errors.push(
            QueryError::new(path.span, "a file or folder", "an empty path")
                .with_hint("ingest 'examples/articles'"),
        ),
        _ => {}
    }
    errors
}

/// The fields a `where` clause may test on `source`.
fn filter_fields(source: Source) -> &'static [Field] {
    match source {
        Source::Events => &[
            Field::Date,
            Field::Published,
            Field::Ingested,
            Field::Kind,
            Field::Place,
            Field::Country,
            Field::Admin1,
            Field::Actor,
            Field::Text,
            Field::Killed,
            Field::Injured,
            Field::Source,
            Field::Article,
            Field::Precision,
            Field::Status,
            Field::Summary,
        ],
        Source::Articles => &[
            Field::Published,
            Field::Ingested,
            Field::Country,
            Field::Source,
            Field::Text,
            Field::Title,
            Field::Article,
        ],
        Source::Places => &[Field::Name, Field::Country, Field::Admin1, Field::Precision],
    }
}

/// The columns rows of `source` have, for `sort`, `select`, `count by` and `top`
/// (`distance` too when the filter has a `near`).
pub fn columns(source: Source) -> &'static [Field] {
    match source {
        Source::Events => &[
            Field::Id,
            Field::Date,
            Field::Published,
            Field::Ingested,
            Field::Kind,
            Field::Place,
            Field::GeoPrecision,
            Field::Country,
            Field::Admin1,
            Field::Actor,
            Field::Killed,
            Field::Injured,
            Field::Source,
            Field::Article,
            Field::Precision,
            Field::Summary,
            Field::Sources,
            Field::Lat,
            Field::Lon,
            Field::Confidence,
            Field::Status,
            Field::Day,
            Field::Week,
            Field::Month,
            Field::Quarter,
            Field::Year,
        ],
        Source::Articles => &[
            Field::Id,
            Field::Published,
            Field::Ingested,
            Field::Title,
            Field::Source,
            Field::Country,
            Field::Url,
            Field::Text,
            Field::Day,
            Field::Week,
            Field::Month,
            Field::Quarter,
            Field::Year,
        ],
        Source::Places => &[
            Field::Id,
            Field::Name,
            Field::Country,
            Field::Admin1,
            Field::Lat,
            Field::Lon,
            Field::Precision,
            Field::GeoPrecision,
            Field::Population,
        ],
    }
}

/// The names of `fields`, for messages: "name, country, admin1".
fn names(fields: &[Field]) -> String {
    fields
        .iter()
        .map(|f| f.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn check_query(query: &Query, errors: &mut Vec<QueryError>) {
    let source = query.source.node;
    if let Some(filter) = &query.filter {
        for predicate in filter.predicates() {
            if errors.len() >= MAX_ERRORS {
                return;
            }
            check_predicate(source, predicate, errors);
        }
    }
    let mut visible: Vec<Field> = columns(source).to_vec();
    if query.filter.as_ref().is_some_and(has_near) {
        visible.push(Field::Distance);
    }
    for stage in &query.stages {
        let mut need = |key: &Spanned<Field>, visible: &[Field]| {
            if !visible.contains(&key.node) {
                errors.push(unknown_column(source, key, visible));
            }
        };
        visible = match &stage.node {
            Stage::Sort(keys) => {
                keys.iter().for_each(|k| need(&k.key, &visible));
                visible
            }
            Stage::Limit(_) => visible,
            Stage::Select(fields) => {
                fields.iter().for_each(|f| need(f, &visible));
                fields.iter().map(|f| f.node).collect()
            }
            Stage::Count(keys) => {
                keys.iter().for_each(|k| need(k, &visible));
                keys.iter().map(|k| k.node).chain([Field::Count]).collect()
            }
            Stage::Nearest { place, .. } => {
                if source != Source::Events || !visible.contains(&Field::Lat) {
                    errors.push(
                        QueryError::new(
                            stage.span,
                            "rows with a place",
                            format!("nearest over {}", describe_rows(source, &visible)),
                        )
                        .with_hint(
                            "`nearest` ranks events by distance: `events | nearest 5 to \"Mosul\"`",
                        ),
                    );
                }
                if let PlaceRef::Point { lat, lon } = place.node {
                    check_coordinates(lat, lon, place.span, errors);
                }
                let mut next = visible;
                if !next.contains(&Field::Distance) {
                    next.push(Field::Distance);
                }
                next
            }
            Stage::AsOf(date) => {
                if source == Source::Places {
                    errors.push(
                        QueryError::new(
                            stage.span,
                            "a stage of events or articles",
                            "`as of` on places",
                        )
                        .with_hint(
                            "the gazetteer was never ingested: `as of` narrows events and articles",
                        ),
                    );
                } else if !query.stages.first().is_some_and(|s| std::ptr::eq(s, stage)) {
                    errors.push(
                        QueryError::new(stage.span, "`as of` as the first stage", format!("`{}`", stage.node))
                            .with_hint("`as of` picks the rows the other stages see: `events where … | as of 2020-01-05 | count`"),
                    );
                }
                if let DateExpr::Range(DateTerm::Literal(from), DateTerm::Literal(to)) = &date.node
                    && from.first_day() > to.last_day()
                {
                    errors.push(QueryError::new(
                        date.span,
                        "a range from an earlier to a later date",
                        format!("`{}`", date.node),
                    ));
                }
                visible
            }
            Stage::Top { key, .. } => {
                need(key, &visible);
                vec![key.node, Field::Count]
            }
            Stage::Aggregate { function, of, keys } => {
                keys.iter().for_each(|k| need(k, &visible));
                match function.column(of.node) {
                    Some(column) => {
                        need(of, &visible);
                        keys.iter().map(|k| k.node).chain([column]).collect()
                    }
                    None => {
                        errors.push(
                            QueryError::new(
                                of.span,
                                format!("a count to {} (`killed`, `injured`)", function.as_str()),
                                format!("`{}`", of.node.as_str()),
                            )
                            .with_hint(format!(
                                "`{0} killed by country`; to count rows, `count by {1}`",
                                function.as_str(),
                                of.node.as_str()
                            )),
                        );
                        keys.iter().map(|k| k.node).collect()
                    }
                }
            }
            Stage::Timeline(_) => {
                let axis = match source {
                    Source::Events => Field::Date,
                    _ => Field::Published,
                };
                if source == Source::Places || !visible.contains(&axis) {
                    errors.push(QueryError::new(
                        stage.span,
                        "rows with a date",
                        format!("a timeline of {}", describe_rows(source, &visible)),
                    ).with_hint("a timeline counts events or articles over time: `events | timeline by month`"));
                }
                vec![axis, Field::Count]
            }
        };
    }
}

/// "places", or "rows with columns a, b" once a stage has reshaped them.
fn describe_rows(source: Source, visible: &[Field]) -> String {
    if visible == columns(source) {
        source.as_str().to_string()
    } else {
        format!("rows with columns {}", names(visible))
    }
}

/// The error for a column a stage cannot see, with the nearest visible one as a hint.
fn unknown_column(source: Source, key: &Spanned<Field>, visible: &[Field]) -> QueryError {
    let name = key.node.as_str();
    let rows = if visible == columns(source) {
        source.as_str()
    } else {
        "the rows the stages before leave"
    };
    let error = QueryError::new(
        key.span,
        format!("a column of {rows} ({})", names(visible)),
        format!("`{name}`"),
    );
    match key.node {
        Field::Distance => error.with_hint("`distance` needs a `near PLACE within DIST` filter"),
        Field::Count => error.with_hint("`count` exists after a `count` or `top` stage"),
        column => match column.aggregated() {
            Some((function, of)) => error.with_hint(format!(
                "`{name}` exists after a `{} {}` stage",
                function.as_str(),
                of.as_str()
            )),
            None => match nearest(name, visible.iter().map(|f| f.as_str())) {
                Some(near) => error.with_hint(format!("did you mean `{near}`?")),
                None => error,
            },
        },
    }
}

fn check_predicate(source: Source, predicate: &Spanned<Predicate>, errors: &mut Vec<QueryError>) {
    match &predicate.node {
        Predicate::Date { field, value, .. } => {
            let as_field = match field.node {
                DateField::Date => Field::Date,
                DateField::Published => Field::Published,
                DateField::Ingested => Field::Ingested,
            };
            if let Err(e) = field_of(source, Spanned::new(as_field, field.span)) {
                errors.push(e);
            }
            if let DateExpr::Range(DateTerm::Literal(from), DateTerm::Literal(to)) = &value.node
                && from.first_day() > to.last_day()
            {
                errors.push(
                    QueryError::new(
                        value.span,
                        "a range from an earlier to a later date",
                        format!("`{}`", value.node),
                    )
                    .with_hint(format!("did you mean `{to}..{from}`?")),
                );
            }
        }
        Predicate::Near { place, distance } => {
            if source == Source::Articles {
                errors.push(not_spatial(predicate));
            }
            if let PlaceRef::Point { lat, lon } = place.node {
                check_coordinates(lat, lon, place.span, errors);
            }
            if distance.node.value <= 0.0 {
                errors.push(QueryError::new(
                    distance.span,
                    "a distance above zero",
                    format!("`{}`", distance.node),
                ));
            }
        }
        Predicate::WithinBox(bbox) => {
            if source == Source::Articles {
                errors.push(not_spatial(predicate));
            }
            let b = bbox.node;
            check_coordinates(b.south, b.west, bbox.span, errors);
            check_coordinates(b.north, b.east, bbox.span, errors);
            if b.south > b.north {
                errors.push(
                    QueryError::new(
                        bbox.span,
                        "south ≤ north",
                        format!("south {} > north {}", b.south, b.north),
                    )
                    .with_hint("the order is bbox(south, west, north, east)"),
                );
            }
        }
        Predicate::IsNull { field, .. } => check_is_null(source, field, errors),
        Predicate::Article(_) => {
            if let Err(e) = field_of(source, Spanned::new(Field::Article, predicate.span)) {
                errors.push(e);
            }
        }
        Predicate::Compare {
            field,
            op,
            value,
            role,
        } => {
            if let Err(e) = field_of(source, *field) {
                errors.push(e);
                return;
            }
            check_role(field, role, errors);
            let ops = operators(field.node);
            if !ops.contains(op) {
                let list: Vec<String> = ops.iter().map(|o| format!("`{}`", o.as_str())).collect();
                let error = QueryError::new(
                    predicate.span,
                    format!("`{}` with {}", field.node.as_str(), list.join(", ")),
                    format!("`{}`", op.as_str()),
                );
                errors.push(match ops {
                    [CompareOp::Contains] => error.with_hint(format!(
                        "`{0}` matches words: `{0} ~ \"car bomb\"`",
                        field.node.as_str()
                    )),
                    _ => error,
                });
                return;
            }
            check_value(source, field.node, value, errors);
        }
        Predicate::InList {
            field,
            values,
            role,
        } => {
            if let Err(e) = field_of(source, *field) {
                errors.push(e);
                return;
            }
            check_role(field, role, errors);
            if !operators(field.node).contains(&CompareOp::Eq) {
                errors.push(QueryError::new(
                    field.span,
                    "a field that takes `=`",
                    format!("`{}`", field.node.as_str()),
                ));
                return;
            }
            values
                .iter()
                .for_each(|v| check_value(source, field.node, v, errors));
        }
    }
}

/// A role goes with `actor` only.
fn check_role(field: &Spanned<Field>, role: &Option<Spanned<Role>>, errors: &mut Vec<QueryError>) {
    if let Some(role) = role
        && field.node != Field::Actor
    {
        errors.push(
            QueryError::new(
                role.span,
                format!("no role after `{}`", field.node.as_str()),
                format!("`as {}`", role_name(role.node)),
            )
            .with_hint("only actors play roles: `actor ~ \"islamic state\" as initiator`"),
        );
    }
}

/// `FIELD is [not] null` for a field of the source that can be empty.
fn check_is_null(source: Source, field: &Spanned<Field>, errors: &mut Vec<QueryError>) {
    if let Err(e) = field_of(source, *field) {
        errors.push(e);
        return;
    }
    let never_empty = matches!(
        (source, field.node),
        (
            _,
            Field::Date
                | Field::Ingested
                | Field::Text
                | Field::Article
                | Field::Precision
                | Field::Kind
                | Field::Summary
                | Field::Status
        ) | (Source::Articles, Field::Title)
            | (Source::Places, Field::Name)
    );
    if never_empty {
        errors.push(
            QueryError::new(
                field.span,
                "a field that can be empty (place, country, admin1, actor, killed, injured, source, published)",
                format!("`{}`", field.node.as_str()),
            )
            .with_hint(format!("every row has a `{}`", field.node.as_str())),
        );
    }
}

/// The error for a spatial test on a source without coordinates.
fn not_spatial(predicate: &Spanned<Predicate>) -> QueryError {
    QueryError::new(predicate.span, "a filter on articles", "a place filter")
        .with_hint("articles have no coordinates: filter `events` or `places`, or use `country`")
}

/// The field if `source` can be filtered on it, else the error saying which source has it.
fn field_of(source: Source, field: Spanned<Field>) -> Result<Field, QueryError> {
    let fields = filter_fields(source);
    if fields.contains(&field.node) {
        return Ok(field.node);
    }
    let name = field.node.as_str();
    let error = QueryError::new(
        field.span,
        format!("a field of {} ({})", source.as_str(), names(fields)),
        format!("`{name}`"),
    );
    let owners: Vec<&str> = Source::ALL
        .iter()
        .filter(|s| filter_fields(**s).contains(&field.node))
        .map(|s| s.as_str())
        .collect();
    Err(match (field.node, owners.as_slice()) {
        (Field::Distance, _) => error.with_hint("filter on distance with `near PLACE within DIST`"),
        (Field::Day | Field::Week | Field::Month | Field::Quarter | Field::Year, _) => error
            .with_hint(format!(
                "`{name}` is a group key (`count by {name}`): filter on the dates with `date in 2019-03`"
            )),
        (Field::Lat | Field::Lon, _) => {
            error.with_hint("filter on coordinates with `within bbox(south, west, north, east)`")
        }
        (_, []) => error.with_hint(format!(
            "`{name}` can be selected or sorted on, not filtered"
        )),
        (_, owners) => error.with_hint(format!(
            "`{name}` is a field of {}, not {}",
            owners.join(" and "),
            source.as_str()
        )),
    })
}

/// The comparison operators a field takes.
fn operators(field: Field) -> &'static [CompareOp] {
    use CompareOp::*;
    match field {
        Field::Killed | Field::Injured => &[Eq, Ne, Lt, Le, Gt, Ge],
        Field::Text | Field::Summary => &[Contains],
        Field::Kind | Field::Country | Field::Precision | Field::Status => &[Eq, Ne],
        Field::Actor
        | Field::Place
        | Field::Admin1
        | Field::Source
        | Field::Name
        | Field::Title
        | Field::Url => &[Eq, Ne, Contains],
        _ => &[],
    }
}

/// Checks that `value` suits `field`: a number for counts, a known kind, country or precision.
fn check_value(source: Source, field: Field, value: &Spanned<Value>, errors: &mut Vec<QueryError>) {
    let found = match &value.node {
        Value::Int(n) => format!("`{n}`"),
        Value::Text(t) => format!("`{t}`"),
    };
    let error = |expected: &str| QueryError::new(value.span, expected, found.clone());
    match (field, &value.node) {
        (Field::Killed | Field::Injured, Value::Int(_)) => {}
        (Field::Killed | Field::Injured, Value::Text(_)) => errors.push(error("a whole number")),
        (_, Value::Int(_)) => errors.push(error("text").with_hint(format!(
            "quote it: `{} = \"{}\"`",
            field.as_str(),
            found.trim_matches('`')
        ))),
        (Field::Kind, Value::Text(text)) if Kind::from_str(text).is_err() => {
            errors.push(with_suggestion(
                error("an event kind (`battle`, `battle.armed_clash`, …)"),
                text,
                kind_names(),
            ));
        }
        // The embedded gazetteer's country names: imported entries add no countries.
        (Field::Country, Value::Text(text))
            if Country::from_str(text).is_err()
                && super::resolve::country_by_any_name(text, Gazetteer::embedded()).is_none() =>
        {
            {
                let fallback =
                    "use an ISO 3166-1 code such as `IQ`, or a name in quotes such as `\"Iraq\"`";
                // Names only: every two letters are one edit from some code, so codes make
                // poor guesses.
                let names = Country::all().map(|c| c.name().to_string());
                let e =
                    with_suggestion(error("a country (ISO code or name)"), text, names.collect());
                errors.push(if e.hint.is_some() {
                    e
                } else {
                    e.with_hint(fallback)
                });
            }
        }
        (Field::Status, Value::Text(text)) if status_named(text).is_none() => {
            let valid: Vec<String> = EventStatus::ALL
                .iter()
                .map(|s| s.name().to_string())
                .collect();
            let expected = format!("an event status ({})", valid.join(", "));
            errors.push(with_suggestion(error(&expected), text, valid));
        }
        (Field::Precision, Value::Text(text)) => {
            let valid: Vec<String> = match source {
                Source::Places => GEO_PRECISIONS.iter().map(|s| s.to_string()).collect(),
                _ => Precision::ALL
                    .iter()
                    .map(|p| p.as_str().to_string())
                    .collect(),
            };
            if !valid.iter().any(|v| v.eq_ignore_ascii_case(text)) {
                let expected = format!("a precision ({})", valid.join(", "));
                errors.push(with_suggestion(error(&expected), text, valid));
            }
        }
        _ => {}
    }
}

/// The status of this name, in any case (`background`, `not_happened`).
pub(super) fn status_named(name: &str) -> Option<EventStatus> {
    EventStatus::ALL
        .iter()
        .copied()
        .find(|s| s.name().eq_ignore_ascii_case(name))
}

/// Every kind's text form, with each sub-kind also under its bare name so `armed_clash`
/// suggests `battle.armed_clash`.
fn kind_names() -> Vec<String> {
    Kind::all().map(|k| k.to_string()).collect()
}

/// The error with "did you mean" the nearest of `names` (bare sub-kind names match too).
fn with_suggestion(error: QueryError, text: &str, names: Vec<String>) -> QueryError {
    let exact_sub = names.iter().find(|n| {
        n.rsplit_once('.')
            .is_some_and(|(_, sub)| sub.eq_ignore_ascii_case(text))
    });
    if let Some(full) = exact_sub {
        return error.with_hint(format!("did you mean `{full}`?"));
    }
    let by_name = nearest(text, names.iter().map(String::as_str));
    let by_sub = || {
        names
            .iter()
            .filter_map(|n| n.rsplit_once('.').map(|(_, sub)| (sub, n)))
            .find(|(sub, _)| nearest(text, [*sub]).is_some())
            .map(|(_, full)| full.as_str())
    };
    match by_name.or_else(by_sub) {
        Some(name) => error.with_hint(format!("did you mean `{name}`?")),
        None => error,
    }
}

fn check_coordinates(lat: f64, lon: f64, span: crate::model::Span, errors: &mut Vec<QueryError>) {
    if !(-90.0..=90.0).contains(&lat) {
        errors.push(QueryError::new(
            span,
            "a latitude from -90 to 90",
            format!("`{lat}`"),
        ));
    }
    if !(-180.0..=180.0).contains(&lon) {
        errors.push(QueryError::new(
            span,
            "a longitude from -180 to 180",
            format!("`{lon}`"),
        ));
    }
}

/// Whether an expression holds a `near` predicate: `sort distance` needs one.
fn has_near(expr: &Expr) -> bool {
    expr.predicates()
        .iter()
        .any(|p| matches!(p.node, Predicate::Near { .. }))
}
