//! The words each engine spells its own way, in one table: literals, string and list
//! functions, date truncation and labels, series of dates, and how the Parquet folder is
//! named. Everything else the compiler writes is SQL the three engines share.

use chrono::NaiveDate;

use crate::query::ast::Bucket;

/// An engine whose SQL `explain sql` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Dialect {
    /// DuckDB (2.0): `read_parquet` over the folder.
    DuckDb,
    /// Spark SQL (3.5 and 4): the folder as `parquet.` + path.
    Spark,
    /// BigQuery (GoogleSQL): an external table over the folder.
    BigQuery,
}

impl Dialect {
    /// Every dialect, in the order golden files show them.
    pub const ALL: &'static [Dialect] = &[Dialect::DuckDb, Dialect::Spark, Dialect::BigQuery];

    /// The name `--dialect` takes.
    pub fn as_str(self) -> &'static str {
        match self {
            Dialect::DuckDb => "duckdb",
            Dialect::Spark => "spark",
            Dialect::BigQuery => "bigquery",
        }
    }

    /// The dialect of a name, in any case.
    pub fn from_name(name: &str) -> Option<Dialect> {
        Dialect::ALL
            .iter()
            .copied()
            .find(|d| d.as_str().eq_ignore_ascii_case(name.trim()))
    }

    /// A string literal. DuckDB doubles quotes; Spark and BigQuery escape with backslashes
    /// (Spark would read `'it''s'` as two literals run together).
    pub fn string(self, text: &str) -> String {
        match self {
            Dialect::DuckDb => format!("'{}'", text.replace('\'', "''")),
            Dialect::Spark | Dialect::BigQuery => {
                let mut out = String::with_capacity(text.len() + 2);
                out.push('\'');
                for c in text.chars() {
                    match c {
                        '\\' => out.push_str("\\\\"),
                        '\'' => out.push_str("\\'"),
                        '\n' => out.push_str("\\n"),
                        '\r' => out.push_str("\\r"),
                        '\t' => out.push_str("\\t"),
                        other => out.push(other),
                    }
                }
                out.push('\'');
                out
            }
        }
    }

    /// A day: `DATE '2020-01-03'` in all three.
    pub fn date(self, day: NaiveDate) -> String {
        format!("DATE '{day}'")
    }

    /// A folder of exported Parquet as a table.
    pub fn parquet_folder(self, dir: &str) -> String {
        let dir = dir.trim_end_matches('/');
        match self {
            Dialect::DuckDb => format!(
                "read_parquet({}, hive_partitioning = true)",
                self.string(&format!("{dir}/*/*/*.parquet"))
            ),
            Dialect::Spark => format!("parquet.`{}`", dir.replace('`', "``")),
            // BigQuery cannot read a local folder: the external table keeps the path's name.
            Dialect::BigQuery => format!("`{}`", dir.replace('`', "")),
        }
    }

    /// A table by name (`events`, `project.dataset.events`).
    pub fn table(self, name: &str) -> String {
        match self {
            Dialect::BigQuery => format!("`{}`", name.replace('`', "")),
            Dialect::DuckDb | Dialect::Spark => name.to_string(),
        }
    }

    /// Text as geochron compares names: lower case, runs of white space as one space, no
    /// white space at the ends (`store::index::normalise_actor`).
    pub fn normalised(self, expr: &str) -> String {
        let spaces = self.string(r"\s+");
        match self {
            Dialect::DuckDb => format!("lower(trim(regexp_replace({expr}, {spaces}, ' ', 'g')))"),
            Dialect::Spark | Dialect::BigQuery => {
                format!("lower(trim(regexp_replace({expr}, {spaces}, ' ')))")
            }
        }
    }

    /// Whether `haystack` contains `needle` (both expressions).
    pub fn contains(self, haystack: &str, needle: &str) -> String {
        match self {
            Dialect::DuckDb | Dialect::BigQuery => format!("strpos({haystack}, {needle}) > 0"),
            Dialect::Spark => format!("instr({haystack}, {needle}) > 0"),
        }
    }

    /// Whether `text` matches a regular expression (RE2 or Java syntax, the common subset).
    pub fn matches(self, text: &str, pattern: &str) -> String {
        let pattern = self.string(pattern);
        match self {
            Dialect::DuckDb => format!("regexp_matches({text}, {pattern})"),
            Dialect::Spark => format!("{text} RLIKE {pattern}"),
            Dialect::BigQuery => format!("regexp_contains({text}, {pattern})"),
        }
    }

    /// Whether some actor satisfies `test`, written over the name expression `a.name`.
    pub fn any_actor(self, test: &str) -> String {
        match self {
            Dialect::DuckDb => format!("len(list_filter(actors, lambda a: {test})) > 0"),
            Dialect::Spark => format!("exists(actors, a -> {test})"),
            Dialect::BigQuery => {
                format!("EXISTS (SELECT 1 FROM UNNEST(actors) AS a WHERE {test})")
            }
        }
    }

    /// The actors' names, in order, as a list.
    pub fn actor_names(self) -> String {
        match self {
            Dialect::DuckDb => "list_transform(actors, lambda a: a.name)".to_string(),
            Dialect::Spark => "transform(actors, a -> a.name)".to_string(),
            Dialect::BigQuery => {
                "ARRAY(SELECT a.name FROM UNNEST(actors) AS a WITH OFFSET AS o ORDER BY o)"
                    .to_string()
            }
        }
    }

    /// One row per actor name of each row of `rows` (a row with no actor gives one row with a
    /// null name): the select list and the `FROM` of that, with the name called `actor`.
    pub fn explode_actors(self, rows: &str) -> (String, String) {
        match self {
            Dialect::DuckDb => (
                "*, unnest(CASE WHEN len(actors) = 0 THEN [NULL] ELSE list_transform(actors, lambda a: a.name) END) AS actor".to_string(),
                rows.to_string(),
            ),
            Dialect::Spark => (
                "*, explode_outer(transform(actors, a -> a.name)) AS actor".to_string(),
                rows.to_string(),
            ),
            Dialect::BigQuery => (
                "m.*, a.name AS actor".to_string(),
                format!("{rows} AS m LEFT JOIN UNNEST(m.actors) AS a"),
            ),
        }
    }

    /// The first day of the unit holding the day expression, as a `DATE`.
    pub fn truncate(self, unit: Bucket, day: &str) -> String {
        match (self, unit) {
            (_, Bucket::Day) => day.to_string(),
            (Dialect::DuckDb, unit) => {
                format!("CAST(date_trunc('{}', {day}) AS DATE)", unit.as_str())
            }
            (Dialect::Spark, unit) => {
                let name = match unit {
                    Bucket::Week => "WEEK",
                    Bucket::Month => "MONTH",
                    Bucket::Quarter => "QUARTER",
                    _ => "YEAR",
                };
                format!("trunc({day}, '{name}')")
            }
            (Dialect::BigQuery, unit) => {
                let name = match unit {
                    Bucket::Week => "ISOWEEK",
                    Bucket::Month => "MONTH",
                    Bucket::Quarter => "QUARTER",
                    _ => "YEAR",
                };
                format!("date_trunc({day}, {name})")
            }
        }
    }

    /// A timestamp column as geochron prints an instant (`2020-01-05T09:30:00Z`): the
    /// layout's timestamps hold UTC without a zone, so no engine shifts them.
    pub fn instant(self, column: &str) -> String {
        match self {
            Dialect::DuckDb => format!("strftime({column}, '%Y-%m-%dT%H:%M:%SZ')"),
            // Spark's patterns quote letters with `'`: the literal parts are joined instead.
            Dialect::Spark => format!(
                "concat(date_format({column}, 'yyyy-MM-dd'), 'T', date_format({column}, 'HH:mm:ss'), 'Z')"
            ),
            Dialect::BigQuery => format!("FORMAT_DATETIME('%Y-%m-%dT%H:%M:%SZ', {column})"),
        }
    }

    /// The days from `first` to `last` (date expressions), as a number.
    pub fn days_between(self, first: &str, last: &str) -> String {
        match self {
            Dialect::DuckDb => format!("date_diff('day', {first}, {last})"),
            Dialect::Spark => format!("datediff({last}, {first})"),
            Dialect::BigQuery => format!("date_diff({last}, {first}, DAY)"),
        }
    }

    /// Every day from `first_day` to `last_day` (columns of the one-row `span`), one row
    /// each, called `d`.
    pub fn day_series(self) -> String {
        match self {
            Dialect::DuckDb => "SELECT CAST(t AS DATE) AS d FROM (SELECT unnest(generate_series(CAST(first_day AS TIMESTAMP), CAST(last_day AS TIMESTAMP), INTERVAL 1 DAY)) AS t FROM span) AS series".to_string(),
            Dialect::Spark => "SELECT explode(sequence(first_day, last_day, INTERVAL 1 DAY)) AS d FROM span".to_string(),
            Dialect::BigQuery => "SELECT d FROM span, UNNEST(GENERATE_DATE_ARRAY(first_day, last_day)) AS d".to_string(),
        }
    }

    /// A unit's label as geochron prints it: `2019-12-05`, `2019-W49`, `2019-12`, `2019-Q4`,
    /// `2019`.
    pub fn label(self, unit: Bucket, day: &str) -> String {
        match self {
            Dialect::DuckDb => match unit {
                Bucket::Day => format!("strftime({day}, '%Y-%m-%d')"),
                Bucket::Week => format!("strftime({day}, '%G-W%V')"),
                Bucket::Month => format!("strftime({day}, '%Y-%m')"),
                Bucket::Quarter => {
                    format!("strftime({day}, '%Y') || '-Q' || CAST(quarter({day}) AS VARCHAR)")
                }
                Bucket::Year => format!("strftime({day}, '%Y')"),
            },
            Dialect::Spark => match unit {
                Bucket::Day => format!("date_format({day}, 'yyyy-MM-dd')"),
                // ISO week-year: the year of the week's Thursday.
                Bucket::Week => format!(
                    "concat(CAST(year(date_add({day}, 3)) AS STRING), '-W', lpad(CAST(weekofyear({day}) AS STRING), 2, '0'))"
                ),
                Bucket::Month => format!("date_format({day}, 'yyyy-MM')"),
                Bucket::Quarter => format!(
                    "concat(CAST(year({day}) AS STRING), '-Q', CAST(quarter({day}) AS STRING))"
                ),
                Bucket::Year => format!("CAST(year({day}) AS STRING)"),
            },
            Dialect::BigQuery => {
                let format = match unit {
                    Bucket::Day => "%Y-%m-%d",
                    Bucket::Week => "%G-W%V",
                    Bucket::Month => "%Y-%m",
                    Bucket::Quarter => "%Y-Q%Q",
                    Bucket::Year => "%Y",
                };
                format!("format_date('{format}', {day})")
            }
        }
    }
}

/// A double literal: the shortest text that reads back as the same `f64`, with an exponent so
/// that no engine takes it for a DECIMAL (which would round differently).
pub fn float(value: f64) -> String {
    let text = format!("{value:?}");
    if text.contains(['e', 'E']) {
        text
    } else {
        format!("{text}e0")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_escape_per_dialect() {
        assert_eq!(Dialect::DuckDb.string("it's"), "'it''s'");
        assert_eq!(Dialect::Spark.string("it's \\"), r"'it\'s \\'");
        assert_eq!(Dialect::BigQuery.string("a\nb"), r"'a\nb'");
    }

    #[test]
    fn floats_read_back_exactly_as_doubles() {
        for value in [
            36.34,
            -0.5,
            1e-9,
            6371.0088,
            std::f64::consts::PI / 180.0,
            100.0,
        ] {
            let text = float(value);
            assert!(text.contains('e'), "{text}");
            assert_eq!(text.parse::<f64>().ok(), Some(value), "{text}");
        }
    }

    #[test]
    fn dialects_have_names() {
        for &dialect in Dialect::ALL {
            assert_eq!(Dialect::from_name(dialect.as_str()), Some(dialect));
        }
        assert_eq!(Dialect::from_name("DuckDB"), Some(Dialect::DuckDb));
        assert_eq!(Dialect::from_name("postgres"), None);
    }
}
