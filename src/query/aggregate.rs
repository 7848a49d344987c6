//! Whole-store aggregates from the store's rollups: `events | count [by K]`, `events | top N K`
//! and `events | timeline` with no filter read a few thousand counters
//! ([`crate::store::rollup`]) instead of decoding every event. The result is the one the row
//! path gives (the shaping code is shared with [`super::stages`]); anything else — a filter,
//! another key, a stage before the aggregate — is left to the row path.

use std::collections::BTreeMap;

use super::ast::{Field, Source};
use super::filter::Filter;
use super::plan::{Access, Plan, PlanStage};
use super::result::QueryResult;
use super::rows::Datum;
use super::stages::{count_table, timeline_of_days, top_of_counts};
use crate::error::Result;
use crate::model::{EventStatus, from_day_number};
use crate::store::Store;
use crate::store::rollup::{Rollup, RollupAxis};

/// The result of the plan's first stage, from the rollups, when the plan is a whole-store
/// aggregate they answer and they are up to date; `None` sends the plan down the row path.
pub fn first_stage_from_rollups(store: &Store, plan: &Plan) -> Result<Option<QueryResult>> {
    // The rollups count by status: a query that names none sees the happened events only.
    let whole_store = plan.source == Source::Events
        && plan.access == Access::FullScan
        && plan.filter == Some(Filter::default_status());
    let Some(stage) = plan.stages.first().filter(|_| whole_store) else {
        return Ok(None);
    };
    let answerable = match stage {
        PlanStage::Count(keys) => match keys.as_slice() {
            [] => true,
            [key] => axis_of(*key).is_some(),
            _ => false,
        },
        PlanStage::Top { key, .. } => axis_of(*key).is_some(),
        PlanStage::Timeline { .. } => true,
        _ => false,
    };
    if !answerable || !store.rollups_ready()? {
        return Ok(None);
    }
    Ok(Some(match stage {
        PlanStage::Count(keys) => match keys.first() {
            None => {
                let total = store
                    .rollup_counts_of(RollupAxis::Events, EventStatus::Happened)?
                    .first()
                    .map_or(0, |(_, n)| *n);
                let groups = if total == 0 {
                    Vec::new()
                } else {
                    vec![(Vec::new(), as_int(total))]
                };
                count_table(keys, groups)
            }
            Some(key) => counted_by(store, *key)?,
        },
        PlanStage::Top { n, key } => top_of_counts(counted_by(store, *key)?, *n),
        PlanStage::Timeline { bucket, exact } => {
            let mut per_day = BTreeMap::new();
            for (rollup, n) in store.rollup_counts_of(RollupAxis::Day, EventStatus::Happened)? {
                if let Rollup::Day(day) = rollup
                    && let Some(date) = from_day_number(day)
                {
                    per_day.insert(date, n);
                }
            }
            timeline_of_days(&per_day, *bucket, *exact, 0)?
        }
        _ => return Ok(None),
    }))
}

/// The rollup family that counts a column, for the columns that have one.
fn axis_of(field: Field) -> Option<RollupAxis> {
    match field {
        Field::Country => Some(RollupAxis::Country),
        Field::Kind => Some(RollupAxis::Kind),
        Field::Actor => Some(RollupAxis::Actor),
        _ => None,
    }
}

/// The `count by key` table from the key's rollups; the key's value as the row path shows it.
fn counted_by(store: &Store, key: Field) -> Result<QueryResult> {
    let Some(axis) = axis_of(key) else {
        return Ok(count_table(&[key], Vec::new()));
    };
    let groups = store
        .rollup_counts_of(axis, EventStatus::Happened)?
        .into_iter()
        .filter_map(|(rollup, n)| {
            let value = match rollup {
                Rollup::Country(country) => Datum::text(country.map(|c| c.to_string())),
                Rollup::Kind(kind) => Datum::Text(kind.to_string()),
                Rollup::Actor(name) => Datum::text(name),
                Rollup::Events | Rollup::Day(_) => return None,
            };
            Some((vec![value], as_int(n)))
        })
        .collect();
    Ok(count_table(&[key], groups))
}

fn as_int(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}
