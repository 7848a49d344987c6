//! The pipe stages over rows already read: sort, limit, select, count, timeline, top. Pure
//! functions from a [`QueryResult`] to the next; the executor streams what it can before
//! handing the rest here.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use super::ast::{Bucket, Field, Order};
use super::filter::Center;
use super::plan::{Access, Plan, PlanStage, bucket_for_days};
use super::resolve::bucket_bounds;
use super::result::{QueryResult, TimelineRow};
use super::rows::{ArticleRow, Datum, EventRow, PlaceRow};
use crate::error::{Error, Result};
use crate::gazetteer::lookup::distance_km;
use crate::model::Event;

/// A timeline whose unit the query did not name draws at most this many bars; a wider span
/// gets a coarser unit.
const MAX_BARS: usize = 400;

/// No timeline draws more bars than this (about five and a half years of days): a longer
/// one is refused with a hint to narrow the dates or coarsen the unit, never cut short.
pub const MAX_EXACT_BARS: usize = 2000;

/// Whether an events query shows (and so counts) `event`: a duplicate of another article's
/// report of the same happening is shown under that report, once, with its source, unless
/// the query asks for its own article's events.
pub fn shows_event(plan: &Plan, event: &Event) -> bool {
    event.is_counted() || matches!(plan.access, Access::ByArticle(_))
}

/// Applies one stage; only a timeline that would be too long fails.
pub fn apply(result: QueryResult, stage: &PlanStage) -> Result<QueryResult> {
    use QueryResult as R;
    Ok(match stage {
        PlanStage::Sort(keys) => match result {
            R::Events { mut rows, columns } => {
                sort(&mut rows, keys, EventRow::column, |r| {
                    Datum::Text(r.event.id.to_string())
                });
                R::Events { rows, columns }
            }
            R::Articles { mut rows, columns } => {
                sort(&mut rows, keys, ArticleRow::column, |r| {
                    Datum::Text(r.article.id.to_string())
                });
                R::Articles { rows, columns }
            }
            R::Places { mut rows, columns } => {
                sort(&mut rows, keys, PlaceRow::column, |r| r.column(Field::Id));
                R::Places { rows, columns }
            }
            R::Table { columns, mut rows } => {
                let get = |r: &Vec<Datum>, key: Field| {
                    columns
                        .iter()
                        .position(|c| *c == key)
                        .and_then(|i| r.get(i))
                        .cloned()
                        .unwrap_or(Datum::Null)
                };
                // Ties keep the previous order, which is the key order a count produced.
                sort(&mut rows, keys, get, |_| Datum::Null);
                R::Table { columns, rows }
            }
            R::Timeline {
                bucket,
                mut rows,
                undated,
            } => {
                let get = |r: &TimelineRow, key: Field| match key {
                    Field::Count => Datum::Int(i64::try_from(r.count).unwrap_or(i64::MAX)),
                    _ => Datum::Date(r.first),
                };
                sort(&mut rows, keys, get, |_| Datum::Null);
                R::Timeline {
                    bucket,
                    rows,
                    undated,
                }
            }
            other => other,
        },
        PlanStage::Limit(n) => truncate(result, usize::try_from(*n).unwrap_or(usize::MAX)),
        PlanStage::Select(fields) => select(result, fields),
        PlanStage::Count(keys) => count(&result, keys),
        PlanStage::Top { n, key } => top_of_counts(count(&result, std::slice::from_ref(key)), *n),
        PlanStage::Nearest { n, center } => nearest(result, center, *n),
        PlanStage::Timeline { bucket, exact } => timeline(&result, *bucket, *exact)?,
        PlanStage::Aggregate { function, of, keys } => {
            super::sums::aggregate(&result, *function, *of, keys)
        }
    })
}

/// `nearest N to PLACE`: the N events with a place nearest to the centre, nearest first (ties
/// by id), each with its distance; events without a place are left out.
fn nearest(result: QueryResult, center: &Center, n: u64) -> QueryResult {
    match result {
        QueryResult::Events { rows, mut columns } => {
            let mut rows: Vec<EventRow> = rows
                .into_iter()
                .filter_map(|mut row| {
                    let p = row.event.place.as_ref()?;
                    row.distance_km = Some(distance_km(center.lat, center.lon, p.lat, p.lon));
                    Some(row)
                })
                .collect();
            sort(
                &mut rows,
                &[(Field::Distance, Order::Asc)],
                EventRow::column,
                |r| Datum::Text(r.event.id.to_string()),
            );
            rows.truncate(usize::try_from(n).unwrap_or(usize::MAX));
            if !columns.contains(&Field::Distance) {
                columns.push(Field::Distance);
            }
            QueryResult::Events { rows, columns }
        }
        // The check lets only events reach here.
        other => other,
    }
}

/// `top N`: a one-key count table's largest N groups, largest first.
pub fn top_of_counts(counted: QueryResult, n: u64) -> QueryResult {
    let sorted = match counted {
        QueryResult::Table { columns, mut rows } => {
            let at = columns.iter().position(|c| *c == Field::Count);
            let get = |r: &Vec<Datum>, _| at.and_then(|i| r.get(i)).cloned().unwrap_or(Datum::Null);
            // Ties keep the key order the count produced.
            sort(&mut rows, &[(Field::Count, Order::Desc)], get, |_| {
                Datum::Null
            });
            QueryResult::Table { columns, rows }
        }
        other => other,
    };
    truncate(sorted, usize::try_from(n).unwrap_or(usize::MAX))
}

/// Stable sort by the keys, each breaking the ties of the one before, then by `tie`
/// ascending whatever the directions. Each row's keys are read once, not per comparison.
fn sort<T>(
    rows: &mut Vec<T>,
    keys: &[(Field, Order)],
    get: impl Fn(&T, Field) -> Datum,
    tie: impl Fn(&T) -> Datum,
) {
    let mut keyed: Vec<(Vec<Datum>, Datum, T)> = std::mem::take(rows)
        .into_iter()
        .map(|row| {
            let values = keys.iter().map(|(key, _)| get(&row, *key)).collect();
            (values, tie(&row), row)
        })
        .collect();
    keyed.sort_by(|(a, a_tie, _), (b, b_tie, _)| {
        a.iter()
            .zip(b)
            .zip(keys)
            .map(|((x, y), (_, order))| match order {
                Order::Asc => x.total_cmp(y),
                Order::Desc => x.total_cmp(y).reverse(),
            })
            .find(|o| o.is_ne())
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| a_tie.total_cmp(b_tie))
    });
    rows.extend(keyed.into_iter().map(|(_, _, row)| row));
}

/// The first `n` rows.
fn truncate(result: QueryResult, n: usize) -> QueryResult {
    use QueryResult as R;
    match result {
        R::Events { mut rows, columns } => {
            rows.truncate(n);
            R::Events { rows, columns }
        }
        R::Articles { mut rows, columns } => {
            rows.truncate(n);
            R::Articles { rows, columns }
        }
        R::Places { mut rows, columns } => {
            rows.truncate(n);
            R::Places { rows, columns }
        }
        R::Table { columns, mut rows } => {
            rows.truncate(n);
            R::Table { columns, rows }
        }
        R::Timeline {
            bucket,
            mut rows,
            undated,
        } => {
            rows.truncate(n);
            R::Timeline {
                bucket,
                rows,
                undated,
            }
        }
        other => other,
    }
}

/// Keeps the chosen columns (typed rows stay typed; tables are projected).
fn select(result: QueryResult, fields: &[Field]) -> QueryResult {
    use QueryResult as R;
    let columns = fields.to_vec();
    match result {
        R::Events { rows, .. } => R::Events { rows, columns },
        R::Articles { rows, .. } => R::Articles { rows, columns },
        R::Places { rows, .. } => R::Places { rows, columns },
        other => match other.table() {
            Some((have, rows)) => {
                let at: Vec<Option<usize>> = fields
                    .iter()
                    .map(|f| have.iter().position(|h| h == f))
                    .collect();
                let rows = rows
                    .into_iter()
                    .map(|row| {
                        at.iter()
                            .map(|i| i.and_then(|i| row.get(i)).cloned().unwrap_or(Datum::Null))
                            .collect()
                    })
                    .collect();
                R::Table { columns, rows }
            }
            None => other,
        },
    }
}

/// The values of the key columns of every row (a list column gives one key per element).
fn keyed_rows(result: &QueryResult, keys: &[Field]) -> Vec<Vec<Datum>> {
    let Some((columns, rows)) = full_table(result, keys) else {
        return Vec::new();
    };
    rows.iter()
        .flat_map(|row| key_combinations(&columns, row, keys))
        .collect()
}

/// The group keys one row counts under: the cross product of each key's group values (an
/// event with two actors gives two).
pub(super) fn key_combinations(
    columns: &[Field],
    row: &[Datum],
    keys: &[Field],
) -> Vec<Vec<Datum>> {
    let mut combos: Vec<Vec<Datum>> = vec![Vec::new()];
    for key in keys {
        let value = columns
            .iter()
            .position(|c| c == key)
            .and_then(|i| row.get(i))
            .cloned()
            .unwrap_or(Datum::Null);
        combos = combos
            .into_iter()
            .flat_map(|prefix| {
                value.group_keys().into_iter().map(move |v| {
                    let mut next = prefix.clone();
                    next.push(v);
                    next
                })
            })
            .collect();
    }
    combos
}

/// The rows with at least the `wanted` columns, whatever the select before chose.
pub(super) fn full_table(
    result: &QueryResult,
    wanted: &[Field],
) -> Option<(Vec<Field>, Vec<Vec<Datum>>)> {
    use QueryResult as R;
    let widened = match result {
        R::Events { rows, .. } => R::Events {
            rows: rows.clone(),
            columns: wanted.to_vec(),
        },
        R::Articles { rows, .. } => R::Articles {
            rows: rows.clone(),
            columns: wanted.to_vec(),
        },
        R::Places { rows, .. } => R::Places {
            rows: rows.clone(),
            columns: wanted.to_vec(),
        },
        other => return other.table(),
    };
    widened.table()
}

/// `count by keys`: one row per key combination in key order, with its count.
fn count(result: &QueryResult, keys: &[Field]) -> QueryResult {
    let mut groups: Vec<(Vec<Datum>, i64)> = Vec::new();
    // Data hold floats, so they cannot be hashed; their debug text can.
    let mut slots: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for key in keyed_rows(result, keys) {
        let slot = *slots.entry(format!("{key:?}")).or_insert_with(|| {
            groups.push((key, 0));
            groups.len() - 1
        });
        if let Some((_, n)) = groups.get_mut(slot) {
            *n += 1;
        }
    }
    count_table(keys, groups)
}

/// The table of a `count by keys` from its groups (distinct keys, each with its count):
/// sorted by key, a `count` column last; a bare `count` of nothing is one row of 0.
pub fn count_table(keys: &[Field], mut groups: Vec<(Vec<Datum>, i64)>) -> QueryResult {
    if keys.is_empty() && groups.is_empty() {
        groups.push((Vec::new(), 0));
    }
    sort_groups(&mut groups);
    let mut columns = keys.to_vec();
    columns.push(Field::Count);
    let rows = groups
        .into_iter()
        .map(|(mut key, n)| {
            key.push(Datum::Int(n));
            key
        })
        .collect();
    QueryResult::Table { columns, rows }
}

/// Sorts groups by their keys, column by column.
pub(super) fn sort_groups<T>(groups: &mut [(Vec<Datum>, T)]) {
    groups.sort_by(|(a, _), (b, _)| {
        a.iter()
            .zip(b)
            .map(|(x, y)| x.total_cmp(y))
            .find(|o| o.is_ne())
            .unwrap_or(std::cmp::Ordering::Equal)
    });
}

/// The day a row counts on in a timeline: an event's first day, an article's publication.
fn axis_day(value: &Datum) -> Option<NaiveDate> {
    match value {
        Datum::Date(d) | Datum::Interval(d, _) => Some(*d),
        _ => None,
    }
}

/// `timeline [by bucket]`: counts per unit from the first to the last, empty units included.
fn timeline(result: &QueryResult, bucket: Option<Bucket>, exact: bool) -> Result<QueryResult> {
    let axis = match result {
        QueryResult::Events { .. } => Field::Date,
        _ => Field::Published,
    };
    let Some((columns, rows)) = full_table(result, &[axis]) else {
        // Not rows (the check lets no query reach here with a plan or a report): no bars.
        return timeline_of_days(&BTreeMap::new(), bucket, exact, 0);
    };
    let at = columns
        .iter()
        .position(|c| *c == axis)
        .or_else(|| columns.iter().position(|c| *c == Field::Date));
    let days: Vec<Option<NaiveDate>> = rows
        .iter()
        .map(|r| at.and_then(|i| r.get(i)).and_then(axis_day))
        .collect();
    let undated = days.iter().filter(|d| d.is_none()).count() as u64;
    let mut per_day: BTreeMap<NaiveDate, u64> = BTreeMap::new();
    for day in days.into_iter().flatten() {
        *per_day.entry(day).or_default() += 1;
    }
    timeline_of_days(&per_day, bucket, exact, undated)
}

/// A timeline from how many rows fall on each day (`undated` rows had no day): counts per
/// unit from the first day to the last, empty units included. An `exact` unit is kept
/// whatever the span; another is widened while it would draw more than [`MAX_BARS`] bars.
/// Either way a timeline of more than [`MAX_EXACT_BARS`] bars is refused, saying how to
/// narrow it, rather than cut short.
pub fn timeline_of_days(
    per_day: &BTreeMap<NaiveDate, u64>,
    bucket: Option<Bucket>,
    exact: bool,
    undated: u64,
) -> Result<QueryResult> {
    let (Some((&min, _)), Some((&max, _))) = (per_day.first_key_value(), per_day.last_key_value())
    else {
        return Ok(QueryResult::Timeline {
            bucket: bucket.unwrap_or(Bucket::Month),
            rows: Vec::new(),
            undated,
        });
    };
    let mut bucket = bucket.unwrap_or_else(|| bucket_for_days(min, max));
    while !exact && bucket != Bucket::Year && units_between(bucket, min, max) > MAX_BARS {
        bucket = coarser(bucket);
    }
    let bars = bars_between(bucket, min, max);
    if bars > MAX_EXACT_BARS {
        return Err(too_long(bucket, min, max, bars));
    }
    let mut counts: BTreeMap<NaiveDate, u64> = BTreeMap::new();
    for (day, n) in per_day {
        let first = bucket_bounds(bucket, *day).map_or(*day, |(f, _)| f);
        *counts.entry(first).or_default() += n;
    }
    let mut rows = Vec::with_capacity(bars);
    let mut unit = bucket_bounds(bucket, min).map(|(f, _)| f);
    while let Some(first) = unit
        && first <= max
    {
        rows.push(TimelineRow {
            label: label(bucket, first),
            first,
            count: counts.get(&first).copied().unwrap_or(0),
        });
        unit = bucket_bounds(bucket, first).and_then(|(_, last)| last.succ_opt());
    }
    Ok(QueryResult::Timeline {
        bucket,
        rows,
        undated,
    })
}

/// The error for a timeline of too many bars: how many, and how to ask for fewer.
fn too_long(bucket: Bucket, min: NaiveDate, max: NaiveDate, bars: usize) -> Error {
    let unit = bucket.as_str();
    let coarser_hint = match bucket {
        Bucket::Year => String::new(),
        other => format!(
            ", or count by a coarser unit (`timeline by {}`)",
            coarser(other).as_str()
        ),
    };
    Error::Invalid(format!(
        "timeline by {unit} from {min} to {max} would draw {bars} bars, more than \
         {MAX_EXACT_BARS}: narrow the dates (`date in {}`){coarser_hint}",
        max.year()
    ))
}

/// Exactly how many units `[min, max]` touches.
fn bars_between(bucket: Bucket, min: NaiveDate, max: NaiveDate) -> usize {
    let months = |d: NaiveDate| i64::from(d.year()) * 12 + i64::from(d.month0());
    let count = match bucket {
        Bucket::Day => (max - min).num_days() + 1,
        Bucket::Week => {
            let monday =
                |d: NaiveDate| d - chrono::Days::new(u64::from(d.weekday().num_days_from_monday()));
            (monday(max) - monday(min)).num_days() / 7 + 1
        }
        Bucket::Month => months(max) - months(min) + 1,
        Bucket::Quarter => months(max) / 3 - months(min) / 3 + 1,
        Bucket::Year => i64::from(max.year()) - i64::from(min.year()) + 1,
    };
    usize::try_from(count).unwrap_or(usize::MAX)
}

/// The next coarser unit.
fn coarser(bucket: Bucket) -> Bucket {
    match bucket {
        Bucket::Day => Bucket::Week,
        Bucket::Week => Bucket::Month,
        Bucket::Month => Bucket::Quarter,
        Bucket::Quarter | Bucket::Year => Bucket::Year,
    }
}

/// Roughly how many units lie between two days.
fn units_between(bucket: Bucket, min: NaiveDate, max: NaiveDate) -> usize {
    let days = (max - min).num_days().max(0) as usize;
    match bucket {
        Bucket::Day => days + 1,
        Bucket::Week => days / 7 + 2,
        Bucket::Month => days / 28 + 2,
        Bucket::Quarter => days / 90 + 2,
        Bucket::Year => days / 365 + 2,
    }
}

/// A unit's name.
pub fn label(bucket: Bucket, first: NaiveDate) -> String {
    match bucket {
        Bucket::Day => first.to_string(),
        Bucket::Week => {
            let week = first.iso_week();
            format!("{}-W{:02}", week.year(), week.week())
        }
        Bucket::Month => format!("{}-{:02}", first.year(), first.month()),
        Bucket::Quarter => format!("{}-Q{}", first.year(), first.month0() / 3 + 1),
        Bucket::Year => first.year().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_name_their_units() {
        let day = NaiveDate::from_ymd_opt(2019, 12, 5).unwrap_or_default();
        assert_eq!(label(Bucket::Week, day), "2019-W49");
        assert_eq!(label(Bucket::Quarter, day), "2019-Q4");
        assert_eq!(label(Bucket::Month, day), "2019-12");
    }

    #[test]
    fn a_named_unit_is_kept_and_a_too_long_timeline_refused() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
        let per_day: BTreeMap<NaiveDate, u64> =
            [(day(2018, 1, 1), 2), (day(2019, 6, 30), 1)].into();
        let Ok(QueryResult::Timeline { bucket, rows, .. }) =
            timeline_of_days(&per_day, Some(Bucket::Day), true, 0)
        else {
            panic!("a timeline")
        };
        assert_eq!((bucket, rows.len()), (Bucket::Day, 546));
        assert_eq!(rows.iter().map(|r| r.count).sum::<u64>(), 3);
        // Unnamed, the same span is drawn by week.
        let chosen = timeline_of_days(&per_day, Some(Bucket::Day), false, 0);
        assert!(matches!(
            chosen,
            Ok(QueryResult::Timeline {
                bucket: Bucket::Week,
                ..
            })
        ));
        let wide: BTreeMap<NaiveDate, u64> = [(day(2000, 1, 1), 1), (day(2020, 1, 1), 1)].into();
        let Err(error) = timeline_of_days(&wide, Some(Bucket::Day), true, 0) else {
            panic!("refused")
        };
        let text = error.to_string();
        assert!(text.contains("would draw 7306 bars"), "{text}");
        assert!(text.contains("`timeline by week`"), "{text}");
        assert_eq!(
            bars_between(Bucket::Week, day(2019, 12, 29), day(2019, 12, 30)),
            2
        );
        assert_eq!(
            bars_between(Bucket::Quarter, day(2019, 3, 31), day(2019, 4, 1)),
            2
        );
    }

    #[test]
    fn count_groups_in_key_order() {
        let table = QueryResult::Table {
            columns: vec![Field::Country],
            rows: vec![
                vec![Datum::Text("SY".into())],
                vec![Datum::Text("IQ".into())],
                vec![Datum::Text("SY".into())],
            ],
        };
        let counted = count(&table, &[Field::Country]);
        let QueryResult::Table { rows, .. } = counted else {
            panic!("a table")
        };
        assert_eq!(
            rows,
            vec![
                vec![Datum::Text("IQ".into()), Datum::Int(1)],
                vec![Datum::Text("SY".into()), Datum::Int(2)],
            ]
        );
    }
}
