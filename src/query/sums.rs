//! The aggregate stages: `sum`, `avg`, `min` and `max` of a count (`killed`, `injured`) over
//! the rows, alone or by keys (`sum killed by admin1`). Pure, like [`super::stages`]: rows
//! in, a table out. A row without the count is left out of its group's aggregate but still
//! makes the group (its aggregate is empty when no row of it has the count), so the groups
//! are those `count by` the same keys gives.

use super::ast::{Aggregate, Field};
use super::result::QueryResult;
use super::rows::Datum;
use super::stages::{full_table, key_combinations, sort_groups};

/// What one group has seen of the count.
#[derive(Clone, Copy, Default)]
struct Tally {
    /// Rows with the count.
    n: i64,
    /// Their total.
    sum: i64,
    /// The smallest and largest, once one was seen.
    min: Option<i64>,
    max: Option<i64>,
}

impl Tally {
    fn add(&mut self, value: &Datum) {
        let Datum::Int(v) = value else { return };
        self.n += 1;
        self.sum = self.sum.saturating_add(*v);
        self.min = Some(self.min.map_or(*v, |m| m.min(*v)));
        self.max = Some(self.max.map_or(*v, |m| m.max(*v)));
    }

    fn value(&self, function: Aggregate) -> Datum {
        if self.n == 0 {
            return Datum::Null;
        }
        match function {
            Aggregate::Sum => Datum::Int(self.sum),
            Aggregate::Avg => Datum::Float(self.sum as f64 / self.n as f64),
            Aggregate::Min => self.min.map_or(Datum::Null, Datum::Int),
            Aggregate::Max => self.max.map_or(Datum::Null, Datum::Int),
        }
    }
}

/// `FUNCTION of by keys`: one row per key combination in key order, the aggregate last.
/// With no keys, one row over every row (its aggregate empty when no row has the count).
pub fn aggregate(
    result: &QueryResult,
    function: Aggregate,
    of: Field,
    keys: &[Field],
) -> QueryResult {
    let mut wanted = keys.to_vec();
    wanted.push(of);
    let mut groups: Vec<(Vec<Datum>, Tally)> = Vec::new();
    // Data hold floats, so they cannot be hashed; their debug text can.
    let mut slots: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    if let Some((columns, rows)) = full_table(result, &wanted) {
        let at = columns.iter().position(|c| *c == of);
        for row in &rows {
            let value = at.and_then(|i| row.get(i)).unwrap_or(&Datum::Null);
            for key in key_combinations(&columns, row, keys) {
                let slot = *slots.entry(format!("{key:?}")).or_insert_with(|| {
                    groups.push((key, Tally::default()));
                    groups.len() - 1
                });
                if let Some((_, tally)) = groups.get_mut(slot) {
                    tally.add(value);
                }
            }
        }
    }
    if keys.is_empty() && groups.is_empty() {
        groups.push((Vec::new(), Tally::default()));
    }
    sort_groups(&mut groups);
    let mut columns = keys.to_vec();
    columns.extend(function.column(of));
    let rows = groups
        .into_iter()
        .map(|(mut key, tally)| {
            key.push(tally.value(function));
            key
        })
        .collect();
    QueryResult::Table { columns, rows }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> QueryResult {
        let row = |country: &str, killed: Option<i64>| {
            vec![
                Datum::Text(country.into()),
                killed.map_or(Datum::Null, Datum::Int),
            ]
        };
        QueryResult::Table {
            columns: vec![Field::Country, Field::Killed],
            rows: vec![
                row("SY", Some(12)),
                row("IQ", Some(3)),
                row("IQ", None),
                row("IQ", Some(5)),
                row("NG", None),
            ],
        }
    }

    fn rows(result: QueryResult) -> Vec<Vec<Datum>> {
        match result {
            QueryResult::Table { rows, .. } => rows,
            _ => Vec::new(),
        }
    }

    #[test]
    fn each_aggregate_by_a_key_leaves_missing_counts_out() {
        let by = |f| rows(aggregate(&table(), f, Field::Killed, &[Field::Country]));
        let iq = |v: Datum| vec![Datum::Text("IQ".into()), v];
        assert_eq!(by(Aggregate::Sum).first(), Some(&iq(Datum::Int(8))));
        assert_eq!(by(Aggregate::Avg).first(), Some(&iq(Datum::Float(4.0))));
        assert_eq!(by(Aggregate::Min).first(), Some(&iq(Datum::Int(3))));
        assert_eq!(by(Aggregate::Max).first(), Some(&iq(Datum::Int(5))));
        // NG has rows but no toll: its group is there, its aggregate empty.
        assert_eq!(
            by(Aggregate::Sum).get(1),
            Some(&vec![Datum::Text("NG".into()), Datum::Null])
        );
    }

    #[test]
    fn without_keys_one_row_over_everything() {
        let total = rows(aggregate(&table(), Aggregate::Sum, Field::Killed, &[]));
        assert_eq!(total, vec![vec![Datum::Int(20)]]);
        let empty = QueryResult::Table {
            columns: vec![Field::Killed],
            rows: Vec::new(),
        };
        let none = rows(aggregate(&empty, Aggregate::Max, Field::Killed, &[]));
        assert_eq!(none, vec![vec![Datum::Null]]);
    }
}
