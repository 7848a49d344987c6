//! The resolved filter as a SQL condition over the layout's columns, test by test with
//! geochron's own semantics ([`crate::query::filter`]): intervals for dates, the same
//! haversine and Earth radius for distance, names compared the way the executor compares
//! them. Every condition is two-valued — never NULL — where a `not` could see it, so
//! `not country = IQ` keeps rows with no country, as geochron does.

use chrono::NaiveDate;

use super::dialect::{Dialect, float};
use crate::gazetteer::lookup::EARTH_RADIUS_KM;
use crate::model::Kind;
use crate::query::ast::{CompareOp, DateField, DateOp, Field};
use crate::query::filter::{DateRange, Filter, Test};
use crate::query::words::terms;
use crate::store::cell::{BBox, circle_bbox};
use crate::store::index::normalise_actor;

/// How far the `near` box prefilter is widened, in degrees (about 10 cm): the box only
/// narrows the scan, the haversine decides, and no rounding may push a point out of the box.
const BOX_MARGIN_DEG: f64 = 1e-6;

/// The condition for a filter.
pub fn condition(filter: &Filter, dialect: Dialect) -> String {
    match filter {
        Filter::Test(test) => test_condition(test, dialect),
        // NULL counts as false under `not`, as a missing value fails every geochron test.
        Filter::Not(inner) => format!("NOT coalesce({}, FALSE)", condition(inner, dialect)),
        Filter::And(parts) => joined(parts, " AND ", dialect),
        Filter::Or(parts) => joined(parts, " OR ", dialect),
    }
}

fn joined(parts: &[Filter], op: &str, dialect: Dialect) -> String {
    let shown: Vec<String> = parts
        .iter()
        .map(|p| format!("({})", condition(p, dialect)))
        .collect();
    shown.join(op)
}

/// The great-circle distance in kilometres from a centre to the row's place, written as
/// `gazetteer::lookup::distance_km` computes it (the same operations, the same constants).
pub fn distance(lat: f64, lon: f64) -> String {
    let radians = |expr: &str| format!("({expr}) * {}", float(std::f64::consts::PI / 180.0));
    let (lat0, lon0) = (float(lat), float(lon));
    let dp = radians(&format!("lat - {lat0}"));
    let dl = radians(&format!("lon - {lon0}"));
    let a = format!(
        "power(sin({dp} / 2), 2) + cos({}) * cos({}) * power(sin({dl} / 2), 2)",
        radians(&lat0),
        radians("lat")
    );
    format!(
        "2 * {} * asin(least(sqrt({a}), 1.0e0))",
        float(EARTH_RADIUS_KM)
    )
}

/// The prefilter box of a `near`: plain comparisons on `lat` and `lon` that readers prune
/// row groups by.
fn circle_box(lat: f64, lon: f64, km: f64) -> String {
    let b = circle_bbox(lat, lon, km);
    let widened = BBox {
        south: (b.south - BOX_MARGIN_DEG).max(-90.0),
        north: (b.north + BOX_MARGIN_DEG).min(90.0),
        west: b.west - BOX_MARGIN_DEG,
        east: b.east + BOX_MARGIN_DEG,
    };
    let mut parts = vec![format!(
        "lat BETWEEN {} AND {}",
        float(widened.south),
        float(widened.north)
    )];
    let all_longitudes = b.west <= -180.0 && b.east >= 180.0;
    if !all_longitudes {
        let (west, east) = (float(widened.west), float(widened.east));
        parts.push(if b.west <= b.east {
            format!("lon BETWEEN {west} AND {east}")
        } else {
            format!("(lon >= {west} OR lon <= {east})")
        });
    }
    parts.join(" AND ")
}

/// `date_start`/`date_end` (or `published` twice) against a range, as `filter::date_matches`.
/// An open end (`NaiveDate::MIN`/`MAX`, from a plan's `date < D` scan) is no condition.
fn date_condition(start: &str, end: &str, op: DateOp, range: DateRange, d: Dialect) -> String {
    let bound = |column: &str, cmp: &str, day: NaiveDate| {
        (day != NaiveDate::MIN && day != NaiveDate::MAX)
            .then(|| format!("{column} {cmp} {}", d.date(day)))
    };
    let parts: Vec<String> = match op {
        DateOp::In => vec![
            bound(start, ">=", range.first),
            bound(end, "<=", range.last),
        ],
        DateOp::Overlaps => vec![
            bound(start, "<=", range.last),
            bound(end, ">=", range.first),
        ],
        DateOp::Lt => vec![bound(end, "<", range.first)],
        DateOp::Le => vec![bound(end, "<=", range.last)],
        DateOp::Gt => vec![bound(start, ">", range.last)],
        DateOp::Ge => vec![bound(start, ">=", range.first)],
    }
    .into_iter()
    .flatten()
    .collect();
    if parts.is_empty() {
        // Every date passes an unbounded range; a NULL `published` passes nothing.
        format!("{start} IS NOT NULL")
    } else {
        parts.join(" AND ")
    }
}

/// `column IN (…)` (or `NOT IN`) of string literals; `= x` for one.
fn member(column: &str, values: &[String], negated: bool, d: Dialect) -> String {
    let shown: Vec<String> = values.iter().map(|v| d.string(v)).collect();
    match (shown.as_slice(), negated) {
        ([one], false) => format!("{column} = {one}"),
        ([one], true) => format!("{column} <> {one}"),
        (many, false) => format!("{column} IN ({})", many.join(", ")),
        (many, true) => format!("{column} NOT IN ({})", many.join(", ")),
    }
}

/// A text test on one name expression, as `filter::text_matches` (normalised both sides).
fn text_test(expr: &str, op: CompareOp, values: &[String], d: Dialect) -> String {
    let have = d.normalised(expr);
    let wanted: Vec<String> = values.iter().map(|v| normalise_actor(v)).collect();
    match op {
        CompareOp::Contains => {
            let parts: Vec<String> = wanted
                .iter()
                .map(|w| d.contains(&have, &d.string(w)))
                .collect();
            parts.join(" OR ")
        }
        CompareOp::Ne => member(&have, &wanted, true, d),
        _ => member(&have, &wanted, false, d),
    }
}

/// The condition of one test; `coalesce`d where a NULL column could make it NULL.
fn test_condition(test: &Test, d: Dialect) -> String {
    match test {
        Test::Date {
            field: DateField::Date,
            op,
            range,
        } => date_condition("date_start", "date_end", *op, *range, d),
        Test::Date {
            field: DateField::Published,
            op,
            range,
        } => date_condition("published", "published", *op, *range, d),
        // The UTC day of the ingest time, as `filter` tests `ingested_at.date_naive()`.
        Test::Date {
            field: DateField::Ingested,
            op,
            range,
        } => date_condition(
            "CAST(ingested AS DATE)",
            "CAST(ingested AS DATE)",
            *op,
            *range,
            d,
        ),
        Test::Near { center, km } => format!(
            "{} AND {} <= {}",
            circle_box(center.lat, center.lon, *km),
            distance(center.lat, center.lon),
            float(*km)
        ),
        Test::WithinBox(b) => {
            let lon = if b.west <= b.east {
                format!(
                    "bbox.xmin >= {} AND bbox.xmax <= {}",
                    float(b.west),
                    float(b.east)
                )
            } else {
                format!(
                    "(bbox.xmin >= {} OR bbox.xmax <= {})",
                    float(b.west),
                    float(b.east)
                )
            };
            format!(
                "bbox.ymin >= {} AND bbox.ymax <= {} AND {lon}",
                float(b.south),
                float(b.north)
            )
        }
        Test::Kind { kinds, negated } => {
            // A top kind stands for itself and every sub-kind: the SQL lists them.
            let expanded: Vec<String> = Kind::all()
                .filter(|k| kinds.iter().any(|wanted| wanted.matches(k)))
                .map(|k| k.to_string())
                .collect();
            member("kind", &expanded, *negated, d)
        }
        Test::Country { countries, negated } => {
            let codes: Vec<String> = countries.iter().map(|c| c.code().to_string()).collect();
            member("country", &codes, *negated, d)
        }
        Test::Text { field, op, values } => match field {
            Field::Actor => {
                let any = d.any_actor(&text_test("a.name", op_for_any(*op), values, d));
                if *op == CompareOp::Ne {
                    format!("NOT ({any})")
                } else {
                    any
                }
            }
            Field::Place => text_test("place", *op, values, d),
            Field::Admin1 => text_test("admin1", *op, values, d),
            Field::Source => text_test("source", *op, values, d),
            // The checker lets no other text field through on events.
            _ => "FALSE".to_string(),
        },
        Test::Number { field, op, values } => {
            let column = match field {
                Field::Killed => "killed",
                _ => "injured",
            };
            let shown: Vec<String> = values.iter().map(u64::to_string).collect();
            let first = shown.first().cloned().unwrap_or_else(|| "0".into());
            match op {
                CompareOp::Eq if shown.len() == 1 => format!("{column} = {first}"),
                CompareOp::Eq => format!("{column} IN ({})", shown.join(", ")),
                CompareOp::Ne => format!("{column} NOT IN ({})", shown.join(", ")),
                CompareOp::Lt => format!("{column} < {first}"),
                CompareOp::Le => format!("{column} <= {first}"),
                CompareOp::Gt => format!("{column} > {first}"),
                CompareOp::Ge => format!("{column} >= {first}"),
                CompareOp::Contains => "FALSE".to_string(),
            }
        }
        Test::Words {
            field: Field::Summary,
            query,
        } => words(query, d),
        // `compile` refuses `text ~` first: the layout keeps no article text.
        Test::Words { .. } => "FALSE".to_string(),
        Test::Precision { values, negated } => member("date_precision", values, *negated, d),
        Test::Article(id) => format!("article = {}", d.string(&id.to_string())),
        Test::Status {
            statuses, negated, ..
        } => {
            let names: Vec<String> = statuses.iter().map(|s| s.name().to_string()).collect();
            member("status", &names, *negated, d)
        }
        Test::ActorRole { op, values, role } => {
            let role = d.string(crate::query::ast::role_name(*role));
            let name = text_test("a.name", op_for_any(*op), values, d);
            let any = d.any_actor(&format!("a.role = {role} AND {name}"));
            if *op == CompareOp::Ne {
                format!("NOT ({any})")
            } else {
                any
            }
        }
        Test::IsNull { field, negated } => {
            let empty = match field {
                Field::Actor => format!("coalesce(NOT ({}), TRUE)", d.any_actor("TRUE")),
                Field::Published => "published IS NULL".into(),
                Field::Killed => "killed IS NULL".into(),
                Field::Injured => "injured IS NULL".into(),
                Field::Place => "place IS NULL".into(),
                Field::Country => "country IS NULL".into(),
                Field::Admin1 => "admin1 IS NULL".into(),
                Field::Source => "source IS NULL".into(),
                // The checker lets no other field through on events.
                _ => "FALSE".into(),
            };
            if *negated {
                format!("NOT ({empty})")
            } else {
                empty
            }
        }
    }
}

/// `actor != X` holds when no actor is X: the inner test is `=`.
fn op_for_any(op: CompareOp) -> CompareOp {
    match op {
        CompareOp::Ne => CompareOp::Eq,
        other => other,
    }
}

/// `summary ~ "…"` as `filter::words_match`: every searchable word of the query is a whole word
/// of the summary (letters and digits between non-letters), or, for a query of stop-words
/// only, a case-insensitive substring.
fn words(query: &str, d: Dialect) -> String {
    let wanted = terms(query);
    if wanted.is_empty() {
        return d.contains("lower(summary)", &d.string(&query.trim().to_lowercase()));
    }
    // Terms are letters and digits only, so they need no escaping in a pattern.
    let parts: Vec<String> = wanted
        .iter()
        .map(|w| {
            d.matches(
                "lower(summary)",
                &format!(r"(^|[^\p{{L}}\p{{N}}]){w}([^\p{{L}}\p{{N}}]|$)"),
            )
        })
        .collect();
    parts.join(" AND ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::lookup::distance_km;

    #[test]
    fn the_distance_is_geochrons() {
        // The SQL's constants are the Rust function's: radius and degrees-to-radians factor.
        let sql = distance(36.34, 43.13);
        assert!(sql.contains(&float(EARTH_RADIUS_KM)), "{sql}");
        assert!(sql.contains("0.017453292519943295e0"), "{sql}");
        assert!(distance_km(36.34, 43.13, 36.34, 43.13).abs() < 1e-12);
    }

    #[test]
    fn a_box_across_the_antimeridian_is_two_ranges_of_longitude() {
        let sql = circle_box(0.0, 179.9, 50.0);
        assert!(sql.contains("(lon >= "), "{sql}");
        let polar = circle_box(89.9, 0.0, 50.0);
        assert!(!polar.contains("lon"), "{polar}");
    }

    #[test]
    fn kinds_expand_to_their_sub_kinds() {
        let test = Test::Kind {
            kinds: vec![Kind::top(crate::model::EventType::Protest)],
            negated: false,
        };
        let sql = test_condition(&test, Dialect::DuckDb);
        assert!(sql.starts_with("kind IN ('protest', 'protest."), "{sql}");
    }
}
