//! Resolution: the planner's first step. Turns the checked syntax tree's `where` clause into a
//! [`Filter`] of exact tests: symbolic dates against the `today` it is given (never the wall
//! clock), `near "Mosul"` through the gazetteer, values into kinds and countries. Pure.

use std::str::FromStr;

use chrono::{Datelike, Days, Months, NaiveDate};

use super::ast::{
    Bucket, CompareOp, DateExpr, DateTerm, Expr, Field, PlaceRef, Predicate, Spanned, Value,
};
use super::error::QueryError;
use super::filter::{Center, DateRange, Filter, Test};
use super::suggest::nearest;
use crate::gazetteer::{Candidate, Gazetteer};
use crate::model::{Country, GeoPrecision, Kind, Span};

/// How many other candidates of an ambiguous place name the plan remembers.
const OTHERS_KEPT: usize = 4;

/// Resolves a whole `where` clause.
pub fn resolve_expr(
    expr: &Expr,
    today: NaiveDate,
    gazetteer: &Gazetteer,
) -> Result<Filter, QueryError> {
    Ok(match expr {
        Expr::Predicate(p) => resolve_predicate(p, today, gazetteer)?,
        Expr::Not(inner) => Filter::Not(Box::new(resolve_expr(inner, today, gazetteer)?)),
        Expr::And(..) => {
            let mut parts = Vec::new();
            for conjunct in expr.conjuncts() {
                match resolve_expr(conjunct, today, gazetteer)? {
                    Filter::And(inner) => parts.extend(inner),
                    other => parts.push(other),
                }
            }
            Filter::And(parts)
        }
        Expr::Or(sides) => {
            let mut parts = Vec::with_capacity(sides.len());
            for side in sides {
                match resolve_expr(side, today, gazetteer)? {
                    Filter::Or(inner) => parts.extend(inner),
                    other => parts.push(other),
                }
            }
            Filter::Or(parts)
        }
    })
}

/// Resolves one predicate into its exact test; an actor test with a role into two, the
/// name test (which the actor index can serve) and the role test on the same actor.
fn resolve_predicate(
    predicate: &Spanned<Predicate>,
    today: NaiveDate,
    gazetteer: &Gazetteer,
) -> Result<Filter, QueryError> {
    let (field, op, values, role) = match &predicate.node {
        Predicate::Compare {
            field,
            op,
            value,
            role: Some(role),
        } => (field, *op, std::slice::from_ref(value), role),
        Predicate::InList {
            field,
            values,
            role: Some(role),
        } => (field, CompareOp::Eq, values.as_slice(), role),
        _ => return Ok(Filter::Test(resolve_test(predicate, today, gazetteer)?)),
    };
    let Test::Text { values, .. } = resolve_values(*field, op, values, gazetteer)? else {
        return Err(QueryError::new(
            field.span,
            "`actor`",
            format!("`{}`", field.node.as_str()),
        ));
    };
    let role_test = Test::ActorRole {
        op,
        values: values.clone(),
        role: role.node,
    };
    Ok(match op {
        // "No initiator named X" says nothing of other actors named X.
        CompareOp::Ne => Filter::Test(role_test),
        _ => Filter::And(vec![
            Filter::Test(Test::Text {
                field: field.node,
                op,
                values,
            }),
            Filter::Test(role_test),
        ]),
    })
}

/// Resolves one predicate without a role into its exact test.
fn resolve_test(
    predicate: &Spanned<Predicate>,
    today: NaiveDate,
    gazetteer: &Gazetteer,
) -> Result<Test, QueryError> {
    match &predicate.node {
        Predicate::Date { field, op, value } => Ok(Test::Date {
            field: field.node,
            op: *op,
            range: resolve_date(value, today)?,
        }),
        Predicate::Near { place, distance } => Ok(Test::Near {
            center: resolve_place(place, gazetteer)?,
            km: distance.node.meters() / 1000.0,
        }),
        Predicate::WithinBox(b) => Ok(Test::WithinBox(b.node)),
        Predicate::Article(id) => Ok(Test::Article(id.node)),
        Predicate::Compare {
            field, op, value, ..
        } => resolve_values(*field, *op, std::slice::from_ref(value), gazetteer)
            .map(|test| with_every_name(test, gazetteer)),
        Predicate::InList { field, values, .. } => {
            resolve_values(*field, CompareOp::Eq, values, gazetteer)
                .map(|test| with_every_name(test, gazetteer))
        }
        Predicate::IsNull { field, negated } => Ok(Test::IsNull {
            field: field.node,
            negated: *negated,
        }),
    }
}

/// The test for `FIELD OP VALUE` or `FIELD in (VALUES)` (with `op` `Eq`).
fn resolve_values(
    field: Spanned<Field>,
    op: CompareOp,
    values: &[Spanned<Value>],
    gazetteer: &Gazetteer,
) -> Result<Test, QueryError> {
    let negated = op == CompareOp::Ne;
    let texts = || -> Result<Vec<String>, QueryError> {
        values
            .iter()
            .map(|v| match &v.node {
                Value::Text(t) => Ok(t.clone()),
                Value::Int(n) => Err(QueryError::new(v.span, "text", format!("`{n}`"))),
            })
            .collect()
    };
    match field.node {
        Field::Kind => Ok(Test::Kind {
            kinds: parse_each(values, "an event kind", |t| Kind::from_str(t).ok())?,
            negated,
        }),
        Field::Country => {
            let mut countries = parse_each(values, "a country (ISO code or name)", |t| {
                Country::from_str(t)
                    .ok()
                    .or_else(|| country_by_any_name(t, gazetteer))
            })?;
            // A list is a set: `in (SY, Syria)` scans Syria's rows once, not twice.
            let mut seen = Vec::with_capacity(countries.len());
            countries.retain(|c| {
                let first = !seen.contains(c);
                if first {
                    seen.push(*c);
                }
                first
            });
            Ok(Test::Country { countries, negated })
        }
        Field::Status => Ok(Test::Status {
            statuses: parse_each(values, "an event status", super::check::status_named)?,
            negated,
            by_default: false,
        }),
        Field::Precision => Ok(Test::Precision {
            values: texts()?.iter().map(|t| t.to_lowercase()).collect(),
            negated,
        }),
        Field::Killed | Field::Injured => Ok(Test::Number {
            field: field.node,
            op,
            values: values
                .iter()
                .map(|v| match &v.node {
                    Value::Int(n) => Ok(*n),
                    Value::Text(t) => {
                        Err(QueryError::new(v.span, "a whole number", format!("`{t}`")))
                    }
                })
                .collect::<Result<_, _>>()?,
        }),
        Field::Text | Field::Summary => Ok(Test::Words {
            field: field.node,
            query: texts()?.join(" "),
        }),
        _ => Ok(Test::Text {
            field: field.node,
            op,
            values: texts()?,
        }),
    }
}

/// `place = NAME` and `place ~ TEXT` by any name of the place: an event's place keeps the
/// gazetteer's name ("Mexmur"), so the test also takes the names of the places the gazetteer
/// knows by the name written ("Makhmur"), or, for `~`, by a name starting with the text
/// written ("makhm").
fn with_every_name(test: Test, gazetteer: &Gazetteer) -> Test {
    let Test::Text {
        field: field @ Field::Place,
        op: op @ (CompareOp::Eq | CompareOp::Ne | CompareOp::Contains),
        values,
    } = test
    else {
        return test;
    };
    let mut names = values.clone();
    for value in &values {
        let mut known = gazetteer.lookup(value);
        // Two letters start too many names to mean one place.
        if op == CompareOp::Contains && value.chars().count() >= 3 {
            known.extend(gazetteer.prefix(value, PREFIX_NAMES));
        }
        for candidate in known {
            if !names
                .iter()
                .any(|n| n.eq_ignore_ascii_case(&candidate.place.name))
            {
                names.push(candidate.place.name);
            }
        }
    }
    Test::Text {
        field,
        op,
        values: names,
    }
}

/// The most names a `place ~ TEXT` test takes from the places whose names start with TEXT.
const PREFIX_NAMES: usize = 50;

/// A country by a name the gazetteer knows for it besides its ISO name: "Russia", "UK",
/// "Ivory Coast", "Burma", as the extractor reads them in text.
pub(super) fn country_by_any_name(name: &str, gazetteer: &Gazetteer) -> Option<Country> {
    gazetteer
        .lookup(name)
        .into_iter()
        .find(|c| c.place.precision == GeoPrecision::Country && !c.by_demonym)
        .and_then(|c| c.place.country)
}

/// Parses each text value with `parse`, or the error at the first that fails.
fn parse_each<T>(
    values: &[Spanned<Value>],
    expected: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> Result<Vec<T>, QueryError> {
    values
        .iter()
        .map(|v| {
            let found = match &v.node {
                Value::Text(t) => t.clone(),
                Value::Int(n) => n.to_string(),
            };
            v.node
                .as_text()
                .and_then(&parse)
                .ok_or_else(|| QueryError::new(v.span, expected, format!("`{found}`")))
        })
        .collect()
}

/// The days a date expression names, symbolic terms resolved against `today`.
pub fn resolve_date(value: &Spanned<DateExpr>, today: NaiveDate) -> Result<DateRange, QueryError> {
    let out_of_range = || {
        QueryError::new(
            value.span,
            "a date the calendar can hold",
            format!("`{}`", value.node),
        )
    };
    let (first, last) = match &value.node {
        DateExpr::Term(term) => {
            let range = term_range(term, today).ok_or_else(out_of_range)?;
            (range.first, range.last)
        }
        DateExpr::Range(from, to) => {
            let from = term_range(from, today).ok_or_else(out_of_range)?;
            let to = term_range(to, today).ok_or_else(out_of_range)?;
            (from.first, to.last)
        }
    };
    if first > last {
        return Err(QueryError::new(
            value.span,
            "a range from an earlier to a later date",
            format!("`{}` ({first} to {last})", value.node),
        ));
    }
    Ok(DateRange { first, last })
}

/// The days of one date term.
fn term_range(term: &DateTerm, today: NaiveDate) -> Option<DateRange> {
    let range = |first, last| Some(DateRange { first, last });
    match term {
        DateTerm::Literal(literal) => range(literal.first_day()?, literal.last_day()?),
        DateTerm::Today => range(today, today),
        DateTerm::Yesterday => {
            let day = today.pred_opt()?;
            range(day, day)
        }
        DateTerm::Last { count, unit } => {
            let first = match unit {
                Bucket::Day => today.checked_sub_days(Days::new(u64::from(*count)))?,
                Bucket::Week => today.checked_sub_days(Days::new(7 * u64::from(*count)))?,
                Bucket::Month => today.checked_sub_months(Months::new(*count))?,
                Bucket::Quarter => today.checked_sub_months(Months::new(count.checked_mul(3)?))?,
                Bucket::Year => today.checked_sub_months(Months::new(count.checked_mul(12)?))?,
            };
            // The N units ending today: today and the N·unit − 1 days before it.
            range(first.succ_opt()?, today)
        }
        DateTerm::This(unit) => {
            let (first, last) = bucket_bounds(*unit, today)?;
            range(first, last)
        }
        DateTerm::Week { year, week } => {
            let monday = NaiveDate::from_isoywd_opt(*year, *week, chrono::Weekday::Mon)?;
            range(monday, monday.checked_add_days(Days::new(6))?)
        }
        DateTerm::Quarter { year, quarter } => {
            let first = NaiveDate::from_ymd_opt(*year, quarter.checked_sub(1)? * 3 + 1, 1)?;
            let (first, last) = bucket_bounds(Bucket::Quarter, first)?;
            range(first, last)
        }
        DateTerm::Shift {
            base,
            earlier,
            count,
            unit,
        } => {
            let base = term_range(base, today)?;
            let moved = |day: NaiveDate| shifted(day, *earlier, *count, *unit);
            let first = moved(base.first)?;
            // The day after the end, moved, less a day: a month stays a whole month
            // (2021-02 + 1 month is all of March, not March 1 to 28).
            let last = moved(base.last.succ_opt()?)?.pred_opt()?.max(first);
            range(first, last)
        }
    }
}

/// `day` moved `count` units earlier or later; a month from the 31st lands on the month's
/// last day.
fn shifted(day: NaiveDate, earlier: bool, count: u32, unit: Bucket) -> Option<NaiveDate> {
    let days = |n: u64| {
        if earlier {
            day.checked_sub_days(Days::new(n))
        } else {
            day.checked_add_days(Days::new(n))
        }
    };
    let months = |n: u32| {
        if earlier {
            day.checked_sub_months(Months::new(n))
        } else {
            day.checked_add_months(Months::new(n))
        }
    };
    match unit {
        Bucket::Day => days(u64::from(count)),
        Bucket::Week => days(7 * u64::from(count)),
        Bucket::Month => months(count),
        Bucket::Quarter => months(count.checked_mul(3)?),
        Bucket::Year => months(count.checked_mul(12)?),
    }
}

/// The first and last day of the calendar unit holding `day`.
pub fn bucket_bounds(unit: Bucket, day: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    let months = |first_month: u32, n: u32| {
        let first = NaiveDate::from_ymd_opt(day.year(), first_month, 1)?;
        let last = first.checked_add_months(Months::new(n))?.pred_opt()?;
        Some((first, last))
    };
    match unit {
        Bucket::Day => Some((day, day)),
        Bucket::Week => {
            let monday =
                day.checked_sub_days(Days::new(u64::from(day.weekday().num_days_from_monday())))?;
            Some((monday, monday.checked_add_days(Days::new(6))?))
        }
        Bucket::Month => months(day.month(), 1),
        Bucket::Quarter => months((day.month0() / 3) * 3 + 1, 3),
        Bucket::Year => months(1, 12),
    }
}

/// The centre a place reference names: coordinates as written, or the gazetteer's best
/// candidate for a name (the others remembered for EXPLAIN).
pub(super) fn resolve_place(
    place: &Spanned<PlaceRef>,
    gazetteer: &Gazetteer,
) -> Result<Center, QueryError> {
    match &place.node {
        PlaceRef::Point { lat, lon } => Ok(Center {
            name: None,
            lat: *lat,
            lon: *lon,
            others: Vec::new(),
        }),
        PlaceRef::Name(_) | PlaceRef::NameIn { .. } => {
            let candidates = match &place.node {
                PlaceRef::NameIn { name, area } => lookup_in(name, area, place.span, gazetteer)?,
                PlaceRef::Name(name) => qualified_lookup(name, gazetteer),
                PlaceRef::Point { .. } => Vec::new(),
            };
            let label = |p: &crate::model::Place| match p.country {
                Some(c) => format!("{}, {c}", p.name),
                None => p.name.clone(),
            };
            let Some(first) = candidates.first() else {
                let name = match &place.node {
                    PlaceRef::Name(name) | PlaceRef::NameIn { name, .. } => name.as_str(),
                    PlaceRef::Point { .. } => "",
                };
                return Err(unknown_place(name, place.span, gazetteer));
            };
            let best = seat_of(first, &candidates).unwrap_or(first);
            Ok(Center {
                name: Some(label(&best.place)),
                lat: best.place.lat,
                lon: best.place.lon,
                // Each other reading as a name to write instead, region and country added, so
                // `near "Springfield, Illinois"` picks it.
                others: candidates
                    .iter()
                    .filter(|c| !std::ptr::eq(*c, best))
                    .take(OTHERS_KEPT)
                    .map(|c| {
                        format!(
                            "{} ({:.4}, {:.4})",
                            super::quoted(&qualified_name(&c.place)),
                            c.place.lat,
                            c.place.lon
                        )
                    })
                    .collect(),
            })
        }
    }
}

/// The candidates for a place name as written in a query: the gazetteer's, or, for a name the
/// gazetteer does not know whole, "NAME, QUALIFIER, …" read as NAME's candidates that lie in
/// each qualifier — a country (code or name) or a first-level region (name or GeoNames code):
/// "Springfield, IL", "Springfield, Illinois, US", "Paris, France".
fn qualified_lookup(name: &str, gazetteer: &Gazetteer) -> Vec<Candidate> {
    let candidates = gazetteer.lookup(name);
    if !candidates.is_empty() {
        return candidates;
    }
    let mut parts = name.split(',').map(str::trim);
    let Some(head) = parts.next() else {
        return candidates;
    };
    let qualifiers: Vec<&str> = parts.filter(|q| !q.is_empty()).collect();
    if qualifiers.is_empty() {
        return candidates;
    }
    let mut found = gazetteer.lookup(head);
    found.retain(|c| qualifiers.iter().all(|q| lies_in(c, q, gazetteer)));
    found
}

/// The candidates of `name` (as [`qualified_lookup`] reads it) that lie in `area`, a country
/// (code or name) or a first-level region (name or GeoNames code): `"Springfield" in US`.
/// An error at the area when nothing of that name lies there, saying where such places lie.
fn lookup_in(
    name: &str,
    area: &Spanned<String>,
    span: Span,
    gazetteer: &Gazetteer,
) -> Result<Vec<Candidate>, QueryError> {
    let mut found = qualified_lookup(name, gazetteer);
    if found.is_empty() {
        return Err(unknown_place(name, span, gazetteer));
    }
    let countries: Vec<String> = found
        .iter()
        .filter_map(|c| c.place.country)
        .map(|c| c.code().to_string())
        .fold(Vec::new(), |mut all, c| {
            if !all.contains(&c) {
                all.push(c);
            }
            all
        });
    found.retain(|c| lies_in(c, &area.node, gazetteer));
    if found.is_empty() {
        let known_area = Country::from_str(&area.node).is_ok()
            || country_by_any_name(&area.node, gazetteer).is_some()
            || gazetteer
                .lookup(&area.node)
                .iter()
                .any(|c| c.place.precision == GeoPrecision::Admin1);
        let expected = if known_area {
            format!(
                "a country or region where a place called {} lies",
                super::quoted(name)
            )
        } else {
            "a country (code or name) or first-level region the gazetteer knows".to_string()
        };
        let shown: Vec<&str> = countries.iter().take(8).map(String::as_str).collect();
        let hint = match shown.first() {
            Some(first) => format!(
                "places called {} lie in {}: `near {} in {first}`",
                super::quoted(name),
                shown.join(", "),
                super::quoted(name)
            ),
            None => format!("no place called {} has a country", super::quoted(name)),
        };
        return Err(
            QueryError::new(area.span, expected, super::quoted(&area.node)).with_hint(hint),
        );
    }
    Ok(found)
}

/// Whether a candidate lies in the country or first-level region a qualifier names.
fn lies_in(candidate: &Candidate, qualifier: &str, gazetteer: &Gazetteer) -> bool {
    let place = &candidate.place;
    let country = Country::from_str(qualifier)
        .ok()
        .or_else(|| country_by_any_name(qualifier, gazetteer));
    if country.is_some() && country == place.country {
        return true;
    }
    let Some(admin1) = place.admin1.as_deref() else {
        return false;
    };
    let folded = |t: &str| crate::gazetteer::names::fold(t);
    if folded(admin1).is_some() && folded(admin1) == folded(qualifier) {
        return true;
    }
    place.country.is_some_and(|c| {
        gazetteer
            .tables()
            .admin1_of(c, &qualifier.to_ascii_uppercase())
            .is_some_and(|a| a.name == admin1)
    })
}

/// A place's name with its first-level region (when it is not the place itself) and country:
/// "Springfield, Illinois, US".
fn qualified_name(place: &crate::model::Place) -> String {
    let mut name = place.name.clone();
    if let Some(admin1) = place.admin1.as_deref().filter(|a| *a != place.name) {
        name.push_str(", ");
        name.push_str(admin1);
    }
    if let Some(country) = place.country {
        name.push_str(", ");
        name.push_str(&country.to_string());
    }
    name
}

/// The city that a province or state is named after, when the name's best reading is the region
/// and the city bearing its name lies in it (Kirkuk, Kaduna, São Paulo, New York): a distance
/// from a region's centroid means nothing, so `near "Kirkuk"` measures from the city.
fn seat_of<'c>(best: &Candidate, candidates: &'c [Candidate]) -> Option<&'c Candidate> {
    if best.place.precision != GeoPrecision::Admin1 {
        return None;
    }
    let region = best.place.admin1.as_deref().unwrap_or(&best.place.name);
    candidates.iter().find(|c| {
        matches!(c.place.precision, GeoPrecision::City | GeoPrecision::Point)
            && c.place.country == best.place.country
            && c.place.admin1.as_deref() == Some(region)
    })
}

/// The error for a name the gazetteer does not know, with the nearest known name as a hint.
fn unknown_place(name: &str, span: Span, gazetteer: &Gazetteer) -> QueryError {
    let error = QueryError::new(span, "a place the gazetteer knows", super::quoted(name));
    let stem: String = name.chars().take(2).collect();
    let known: Vec<String> = gazetteer
        .prefix(&stem, 400)
        .into_iter()
        .map(|c| c.place.name)
        .collect();
    match nearest(name, known.iter().map(String::as_str)) {
        Some(near) => error.with_hint(format!("did you mean {}?", super::quoted(near))),
        None => error.with_hint("`geochron places NAME` shows what the gazetteer knows by a name"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn symbolic_dates_resolve_against_today() {
        let today = day(2024, 5, 15);
        let r = |t| term_range(&t, today).unwrap();
        assert_eq!(r(DateTerm::Yesterday).first, day(2024, 5, 14));
        let last30 = r(DateTerm::Last {
            count: 30,
            unit: Bucket::Day,
        });
        assert_eq!((last30.first, last30.last), (day(2024, 4, 16), today));
        let month = r(DateTerm::This(Bucket::Month));
        assert_eq!(
            (month.first, month.last),
            (day(2024, 5, 1), day(2024, 5, 31))
        );
        let week = r(DateTerm::This(Bucket::Week));
        assert_eq!(
            (week.first, week.last),
            (day(2024, 5, 13), day(2024, 5, 19))
        );
        let quarter = r(DateTerm::This(Bucket::Quarter));
        assert_eq!(
            (quarter.first, quarter.last),
            (day(2024, 4, 1), day(2024, 6, 30))
        );
    }
}
