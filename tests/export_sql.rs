//! `explain sql`: golden SQL per dialect for the cases of `tests/golden/sql/` (plain text,
//! reviewed as diffs; `GOLDEN_UPDATE=1 cargo test --test export_sql` rewrites them), and a
//! parse check of every statement with the `sqlparser` crate: BigQuery's dialect (BigQuery
//! cannot be reached from here) and the nearest ones for DuckDB and Spark.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use geochron::export::sql::{Compiled, Dialect, Table, Target, compile_text};
use geochron::gazetteer::Gazetteer;
use geochron::query::{PlanContext, parse_script};
use sqlparser::dialect::{BigQueryDialect, DatabricksDialect, DuckDbDialect};
use sqlparser::parser::Parser;

fn context() -> PlanContext<'static> {
    PlanContext {
        today: NaiveDate::from_ymd_opt(2020, 1, 15).unwrap_or_default(),
        gazetteer: Gazetteer::embedded(),
    }
}

fn target() -> Target {
    Target {
        table: Table::Folder("data/events".into()),
        longest_span_days: Some(30),
    }
}

/// Every statement of a case compiled in every dialect, as the golden file shows it.
fn compiled_case(script: &str) -> (String, Vec<(Dialect, Compiled)>) {
    let mut out = String::new();
    let mut all = Vec::new();
    for statement in parse_script(script) {
        let text = statement.text.trim();
        out.push_str(&format!("> {text}\n"));
        for &dialect in Dialect::ALL {
            match compile_text(text, &context(), dialect, &target()) {
                Ok(compiled) => {
                    out.push_str(&format!("-- {}\n{};\n", dialect.as_str(), compiled.sql));
                    all.push((dialect, compiled));
                }
                Err(error) => {
                    out.push_str(&format!("-- {}\n{}", dialect.as_str(), error.render(text)));
                }
            }
        }
        out.push('\n');
    }
    (out, all)
}

fn cases() -> Vec<PathBuf> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/sql");
    let mut found: Vec<PathBuf> = fs::read_dir(folder)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "gq"))
        .collect();
    found.sort();
    found
}

#[test]
fn golden_sql_per_dialect() {
    let update = std::env::var_os("GOLDEN_UPDATE").is_some_and(|v| v == "1");
    let cases = cases();
    assert!(!cases.is_empty(), "no cases in tests/golden/sql");
    let mut failures = Vec::new();
    for case in cases {
        let input = fs::read_to_string(&case).unwrap_or_default();
        let (actual, _) = compiled_case(&input);
        let path = case.with_extension("out");
        let expected = fs::read_to_string(&path).ok();
        if expected.as_deref() == Some(actual.as_str()) {
            continue;
        }
        if update {
            fs::write(&path, &actual).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            continue;
        }
        let first = match &expected {
            None => "(no expected output yet: run with GOLDEN_UPDATE=1)".to_string(),
            Some(expected) => expected
                .lines()
                .zip(actual.lines())
                .enumerate()
                .find(|(_, (e, a))| e != a)
                .map_or(
                    "(one is a prefix of the other)".to_string(),
                    |(i, (e, a))| format!("line {}:\n- {e}\n+ {a}", i + 1),
                ),
        };
        failures.push(format!("{} differs at {first}", path.display()));
    }
    assert!(
        failures.is_empty(),
        "{}\n(rerun with GOLDEN_UPDATE=1 to accept, then review `git diff`)",
        failures.join("\n")
    );
}

#[test]
fn every_statement_parses_in_its_dialect() {
    let mut failures = Vec::new();
    let mut parsed = 0;
    for case in cases() {
        let input = fs::read_to_string(&case).unwrap_or_default();
        for (dialect, compiled) in compiled_case(&input).1 {
            let result = match dialect {
                Dialect::BigQuery => Parser::parse_sql(&BigQueryDialect {}, &compiled.sql),
                Dialect::DuckDb => Parser::parse_sql(&DuckDbDialect {}, &compiled.sql),
                Dialect::Spark => Parser::parse_sql(&DatabricksDialect {}, &compiled.sql),
            };
            match result {
                Ok(_) => parsed += 1,
                Err(e) => failures.push(format!("{}: {e}\n{}", dialect.as_str(), compiled.sql)),
            }
        }
    }
    assert!(parsed > 0);
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
