//! The language's newer fields as a user meets them at the command line, on the example
//! articles: `status` (background and not-happened events left out unless asked for),
//! `geo_precision` as a column, `text ~` (the article's words) beside `summary ~` (the
//! event's sentence), `nearest N to PLACE`, and the third time axis (`ingested`, `as of`).

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn geochron(db: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_geochron"));
    command.arg("--db").arg(db).env_remove("COLUMNS");
    command
}

/// A store of the example articles in `dir`.
fn examples_store(dir: &Path) -> PathBuf {
    let db = dir.join("store.db");
    let articles = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/articles");
    let output = geochron(&db)
        .args(["ingest", articles])
        .output()
        .expect("ingest runs");
    assert!(output.status.success(), "{output:?}");
    db
}

/// `geochron query Q --format FORMAT`: its standard output, or its standard error on failure.
fn query(db: &Path, text: &str, format: &str) -> Result<String, String> {
    let output = geochron(db)
        .args(["query", text, "--format", format])
        .output()
        .expect("query runs");
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).into_owned())
    }
}

/// The rows of a query as JSON objects.
fn rows(db: &Path, text: &str) -> Vec<Value> {
    let out = query(db, text, "json").unwrap_or_else(|e| panic!("{text}: {e}"));
    match serde_json::from_str(&out) {
        Ok(Value::Array(rows)) => rows,
        other => panic!("{text}: not a JSON array: {other:?}\n{out}"),
    }
}

/// The one count of a `| count` query.
fn count(db: &Path, text: &str) -> i64 {
    rows(db, text)
        .first()
        .and_then(|r| r["count"].as_i64())
        .unwrap_or_else(|| panic!("{text}: no count"))
}

#[test]
fn background_events_are_left_out_unless_a_status_is_named() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = examples_store(dir.path());
    let all = count(
        &db,
        "events where status in (happened, background, not_happened) | count",
    );
    let happened = count(&db, "events where status = happened | count");
    let background = count(&db, "events where status = background | count");
    assert!(background > 0, "the examples tell some history");
    assert_eq!(all, happened + background);
    // Saying nothing of status: the happened events, from the rollups and from the rows.
    assert_eq!(count(&db, "events | count"), happened);
    assert_eq!(count(&db, "events where kind != other | count"), happened);
    let by_country: i64 = rows(&db, "events | count by country")
        .iter()
        .filter_map(|r| r["count"].as_i64())
        .sum();
    assert_eq!(by_country, happened);
    let timeline: i64 = rows(&db, "events | timeline by year")
        .iter()
        .filter_map(|r| r["count"].as_i64())
        .sum();
    assert_eq!(timeline, happened);
    assert_eq!(rows(&db, "events").len() as i64, happened);
    // Every output carries the status; the rows asked for have the one asked for.
    let shown = rows(&db, "events where status = background");
    assert!(
        shown.iter().all(|r| r["status"] == "background"),
        "{shown:?}"
    );
    let csv = query(&db, "events where status != happened", "csv").expect("csv");
    assert!(
        csv.lines().next().unwrap_or("").contains(",status,"),
        "{csv}"
    );
    let table = query(
        &db,
        "events where status = background | select kind, status",
        "table",
    )
    .expect("a table");
    assert!(table.contains("background"), "{table}");
    // EXPLAIN says where the default comes from.
    let plan = query(&db, "explain events where country = CO", "table").expect("a plan");
    assert!(plan.contains("status = happened (by default"), "{plan}");
    // A bad status is an error pointing at the value, with a suggestion.
    let error = query(&db, "events where status = backgrond", "table").expect_err("refused");
    assert!(error.contains("did you mean `background`?"), "{error}");
}

#[test]
fn geo_precision_is_a_column() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = examples_store(dir.path());
    let shown = rows(&db, "events | select place, geo_precision | limit 5");
    assert!(
        shown.iter().all(|r| r.get("geo_precision").is_some()),
        "{shown:?}"
    );
    let groups = rows(&db, "events | count by geo_precision");
    assert!(
        groups.iter().any(|r| r["geo_precision"] == "city"),
        "{groups:?}"
    );
    let places = rows(
        &db,
        "places where name = \"Mosul\" | select name, geo_precision",
    );
    assert!(
        places.iter().all(|r| r["geo_precision"].is_string()),
        "{places:?}"
    );
}

#[test]
fn text_tests_the_articles_words_and_summary_the_sentences() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = examples_store(dir.path());
    // "unheeded" is in a headline (Avdiivka's shelling) and in no event's sentence.
    let article = "be1885ebb0a5d628";
    let by_article = rows(&db, "events where text ~ \"Unheeded\" | count by article");
    assert_eq!(by_article.len(), 1, "{by_article:?}");
    assert_eq!(by_article[0]["article"], article);
    assert_eq!(
        by_article[0]["count"].as_i64(),
        Some(count(
            &db,
            &format!("events where article = {article} | count")
        ))
    );
    assert_eq!(count(&db, "events where summary ~ \"unheeded\" | count"), 0);
    let articles = rows(&db, "articles where text ~ \"unheeded\" | select id");
    assert_eq!(articles.len(), 1);
    // The sentence's words: every row's summary has them.
    let ambush = rows(
        &db,
        "events where summary ~ \"ambushed convoy\" | select summary",
    );
    assert!(!ambush.is_empty());
    assert!(ambush.iter().all(|r| {
        let s = r["summary"].as_str().unwrap_or("").to_lowercase();
        s.contains("ambushed") && s.contains("convoy")
    }));
    // The Parquet layout has no article text: the SQL refuses `text ~` and says why.
    let output = geochron(&db)
        .args(["explain", "sql", "--dialect", "duckdb"])
        .arg("events where text ~ \"convoy\"")
        .output()
        .expect("explain sql runs");
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(
        !output.status.success() && error.contains("summary ~"),
        "{error}"
    );
}

#[test]
fn nearest_ranks_the_filtered_events_by_distance() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = examples_store(dir.path());
    let shown = rows(
        &db,
        "events where kind = battle | nearest 3 to \"Mosul\" | select place, distance",
    );
    assert_eq!(shown.len(), 3, "{shown:?}");
    let distances: Vec<f64> = shown
        .iter()
        .map(|r| r["distance_km"].as_f64().expect("a distance"))
        .collect();
    assert!(distances.windows(2).all(|w| w[0] <= w[1]), "{distances:?}");
    // The same ranking as a `near` wide enough to hold them, sorted by distance.
    let near = rows(
        &db,
        &format!(
            "events where kind = battle and near \"Mosul\" within {} km | sort distance | select place, distance | limit 3",
            distances[2].ceil() + 1.0
        ),
    );
    assert_eq!(near, shown);
    // `to` is optional and a point will do; the filter still applies.
    let point = rows(
        &db,
        "events where country = NG | nearest 2 (10.5, 7.4) | select country",
    );
    assert!(
        point.len() == 2 && point.iter().all(|r| r["country"] == "NG"),
        "{point:?}"
    );
    let plan = query(&db, "explain events | nearest 3 to Mosul", "table").expect("a plan");
    assert!(plan.contains("nearest 3 to Mosul, IQ"), "{plan}");
    let error = query(&db, "events | nearest 3 to Mosl", "table").expect_err("refused");
    assert!(error.contains("did you mean \"Mosul\"?"), "{error}");
    let error = query(&db, "articles | nearest 3 to Mosul", "table").expect_err("refused");
    assert!(error.contains("nearest over articles"), "{error}");
}

#[test]
fn ingested_is_the_third_time_axis_and_as_of_looks_back() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = examples_store(dir.path());
    let happened = count(&db, "events | count");
    // Everything was ingested today (UTC); nothing was known yesterday.
    assert_eq!(
        count(&db, "events where ingested in today | count"),
        happened
    );
    assert_eq!(count(&db, "events | as of today | count"), happened);
    assert_eq!(count(&db, "events | as of yesterday | count"), 0);
    assert_eq!(count(&db, "articles | as of yesterday | count"), 0);
    let shown = rows(
        &db,
        "events | select id, ingested | sort ingested | limit 3",
    );
    assert!(
        shown
            .iter()
            .all(|r| r["ingested"].as_str().is_some_and(|t| t.ends_with('Z'))),
        "{shown:?}"
    );
    let articles = rows(&db, "articles | select id, ingested | limit 2");
    assert!(
        articles.iter().all(|r| r["ingested"].is_string()),
        "{articles:?}"
    );
    // Ingesting the same articles again keeps their first ingest time.
    let before = rows(&db, "articles | select id, ingested");
    examples_store(dir.path());
    assert_eq!(rows(&db, "articles | select id, ingested"), before);
    let error = query(&db, "events | count | as of today", "table").expect_err("refused");
    assert!(error.contains("`as of` as the first stage"), "{error}");
    let error = query(&db, "places | as of today", "table").expect_err("refused");
    assert!(error.contains("`as of` on places"), "{error}");
}
