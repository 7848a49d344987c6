//! The Rust half of the engine check (`tests/engines/check.sh`): builds the generated store
//! and writes geochron's own answers beside the compiled SQL, for `compare.py` to run the SQL
//! on DuckDB or Spark and compare row for row. Built by `cargo test` as the example
//! `engine_answers`; not a test itself.
//!
//! ```text
//! engine_answers generate --out STORE --events N --queries FILE   the bench's generated store
//! engine_answers answers --db STORE --parquet DIR --out FILE QUERIES.gq...
//! ```

#[path = "../../benches/geochron/corpus.rs"]
#[allow(dead_code)]
mod corpus;
#[path = "../../benches/geochron/mix.rs"]
mod mix;
#[path = "../../benches/geochron/world.rs"]
#[allow(dead_code)]
mod world;

use std::error::Error;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use geochron::Db;
use geochron::export::layout::Manifest;
use geochron::export::sql::{Dialect, Table, Target, compile};
use geochron::model::{Article, Event};
use geochron::query::ast::{Field, Source, Statement};
use geochron::query::rows::Datum;
use geochron::query::{PlanContext, QueryResult, parse_script, plan};
use serde_json::{Value, json};

type Outcome<T> = Result<T, Box<dyn Error>>;

/// The day relative dates resolve against, as the benchmark's.
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or_default()
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("engine_answers: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `--name value` pairs and the other arguments.
fn options(args: &[String]) -> (std::collections::HashMap<String, String>, Vec<String>) {
    let mut named = std::collections::HashMap::new();
    let mut rest = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.strip_prefix("--") {
            Some(name) => {
                named.insert(name.to_string(), args.next().cloned().unwrap_or_default());
            }
            None => rest.push(arg.clone()),
        }
    }
    (named, rest)
}

fn run() -> Outcome<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (named, rest) = options(args.get(1..).unwrap_or_default());
    let get = |name: &str| {
        named
            .get(name)
            .cloned()
            .ok_or_else(|| format!("--{name} is needed"))
    };
    match args.first().map(String::as_str) {
        Some("generate") => generate(
            Path::new(&get("out")?),
            get("events")?.parse()?,
            Path::new(&get("queries")?),
        ),
        Some("answers") => answers(
            Path::new(&get("db")?),
            Path::new(&get("parquet")?),
            Path::new(&get("out")?),
            &rest,
        ),
        _ => Err("usage: engine_answers generate … | answers …".into()),
    }
}

/// The benchmark's direct generator into a fresh store, and the mix's texts into a script.
fn generate(out: &Path, events: usize, queries: &Path) -> Outcome<()> {
    let world = world::World::new();
    let db = Db::open(out)?;
    let mut source = corpus::articles_for_events(&world, 8, events).peekable();
    let mut stored = 0;
    let first_ingest = chrono::DateTime::from_timestamp(1_577_836_800, 0).unwrap_or_default();
    let mut ingested = 0;
    while source.peek().is_some() {
        let mut chunk: Vec<(Article, Vec<Event>)> =
            source.by_ref().take(2_000).map(|a| a.to_store()).collect();
        // Ingest times ten minutes apart from 2020-01-01, so that `ingested` and `as of`
        // have something to tell apart (the generator stamps them all 1970-01-01).
        for (article, _) in &mut chunk {
            article.ingested_at = first_ingest + chrono::Duration::minutes(10 * ingested);
            ingested += 1;
        }
        stored += chunk.iter().map(|(_, e)| e.len()).sum::<usize>();
        db.store()
            .put_articles(chunk.iter().map(|(a, e)| (a, e.as_slice())))?;
    }
    db.flush()?;
    let texts = mix::Params::new(&world).all_texts();
    std::fs::write(queries, texts.join("\n") + "\n")?;
    println!(
        "generated {stored} events into {}; {} mix queries into {}",
        out.display(),
        texts.len(),
        queries.display()
    );
    Ok(())
}

/// Every events query of the scripts: its SQL per dialect (or why it does not compile) and
/// geochron's answer shaped as the SQL's columns.
fn answers(store: &Path, parquet: &Path, out: &Path, scripts: &[String]) -> Outcome<()> {
    let db = Db::open(store)?;
    let gazetteer = db.gazetteer()?;
    let context = PlanContext {
        today: today(),
        gazetteer: &gazetteer,
    };
    let target = Target {
        table: Table::Folder(parquet.display().to_string()),
        longest_span_days: Some(Manifest::read(parquet)?.longest_span_days),
    };
    let mut entries = Vec::new();
    let (mut compiled_count, mut refused) = (0, 0);
    for script in scripts {
        let text = std::fs::read_to_string(PathBuf::from(script))?;
        for statement in parse_script(&text) {
            let Ok(Statement::Query(query) | Statement::Explain(query)) = &statement.result else {
                continue;
            };
            if query.source.node != Source::Events
                || !geochron::query::check::check(&Statement::Query(query.clone())).is_empty()
            {
                continue;
            }
            let shown = Statement::Query(query.clone()).to_string();
            let mut entry = json!({"file": script, "line": statement.line, "query": shown});
            let planned = match plan(&Statement::Query(query.clone()), &context) {
                Ok(p) => p,
                Err(e) => {
                    entry["error"] = json!(e.render(&statement.text));
                    entries.push(entry);
                    refused += 1;
                    continue;
                }
            };
            let mut sql = serde_json::Map::new();
            let mut columns = Vec::new();
            let mut ordered = false;
            let mut error = None;
            for dialect in Dialect::ALL {
                match compile(query, &planned, *dialect, &target) {
                    Ok(c) => {
                        sql.insert(dialect.as_str().into(), json!(c.sql));
                        columns = c.columns;
                        ordered = c.ordered;
                    }
                    Err(e) => error = Some(e.render(&statement.text)),
                }
            }
            if let Some(error) = error {
                entry["error"] = json!(error);
                refused += 1;
            } else {
                // geochron itself may refuse a query on this data (a timeline too long to
                // draw): nothing to compare, so it counts with the refused ones.
                let result = match db.query_at(&shown, today()) {
                    Ok(result) => result,
                    Err(e) => {
                        entry["error"] = json!(e.to_string());
                        entries.push(entry);
                        refused += 1;
                        continue;
                    }
                };
                entry["sql"] = Value::Object(sql);
                entry["rows"] = json!(shaped(&result, &columns)?);
                entry["columns"] = json!(columns);
                entry["ordered"] = json!(ordered);
                compiled_count += 1;
            }
            entries.push(entry);
        }
    }
    std::fs::write(out, serde_json::to_string_pretty(&entries)?)?;
    println!(
        "{compiled_count} queries compiled with geochron's answers, {refused} refused, into {}",
        out.display()
    );
    Ok(())
}

/// A value as the comparison reads it.
fn value(datum: &Datum) -> Vec<Value> {
    match datum {
        Datum::Null => vec![Value::Null],
        Datum::Int(n) => vec![json!(n)],
        Datum::Float(x) => vec![json!(x)],
        Datum::Text(t) => vec![json!(t)],
        Datum::Date(d) => vec![json!(d.to_string())],
        Datum::Interval(a, b) => vec![json!(a.to_string()), json!(b.to_string())],
        Datum::List(items) => vec![json!(items)],
    }
}

/// An events column of the SQL by name.
fn event_field(name: &str) -> Option<Field> {
    Some(match name {
        "date_precision" => Field::Precision,
        "date_start" | "date_end" => Field::Date,
        other => Field::from_name(other)?,
    })
}

/// geochron's result as rows of the SQL's columns.
fn shaped(result: &QueryResult, columns: &[String]) -> Outcome<Vec<Vec<Value>>> {
    if let QueryResult::Events { rows, .. } = result {
        return rows
            .iter()
            .map(|row| {
                columns
                    .iter()
                    .map(|name| {
                        let field = event_field(name).ok_or(format!("no field for `{name}`"))?;
                        let values = value(&row.column(field));
                        let at = usize::from(name == "date_end");
                        Ok(values.get(at).cloned().unwrap_or(Value::Null))
                    })
                    .collect()
            })
            .collect();
    }
    let (_, rows) = result.table().ok_or("the result has no rows to compare")?;
    rows.iter()
        .map(|row| {
            let values: Vec<Value> = row.iter().flat_map(value).collect();
            if values.len() == columns.len() {
                Ok(values)
            } else {
                Err(format!("{} values for columns {columns:?}", values.len()).into())
            }
        })
        .collect()
}
