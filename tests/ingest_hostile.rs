//! Bad input costs what its size says: a huge title, an article of 100,000 sentences or of
//! thousands of events, a folder thousands deep and a named pipe in a folder are each read in
//! bounded time with a warning or an error that says what was cut or skipped; a NUL byte in a
//! JSON-lines file costs its line only. (Before: a 1 MB title of place names took minutes,
//! 100,000 sentences 360 s, a folder 2,500 deep 145 s, and the pipe hung the ingest forever.)
//!
//! The time bounds are generous guards against a return of the super-linear cost (minutes),
//! not speed figures.

use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use geochron::Db;
use geochron::ingest::limits::{MAX_EVENTS, MAX_SENTENCES, MAX_TEXT_BYTES, MAX_TITLE_BYTES};
use geochron::ingest::{ReadOptions, read_file};

const TOWNS: &[&str] = &[
    "Mosul", "Kirkuk", "Tikrit", "Baiji", "Ramadi", "Fallujah", "Samarra", "Haditha", "Sinjar",
    "Hawija",
];

/// Runs `job` on a thread and fails if it takes longer than `limit` (a hang fails the test
/// instead of stalling it).
fn within<T: Send + 'static>(limit: Duration, job: impl FnOnce() -> T + Send + 'static) -> T {
    let (done, result) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(job());
    });
    result
        .recv_timeout(limit)
        .unwrap_or_else(|_| panic!("did not finish within {limit:?}"))
}

fn options() -> ReadOptions {
    ReadOptions {
        published: chrono::NaiveDate::from_ymd_opt(2021, 10, 17),
        format: None,
    }
}

fn ingest(path: &Path) -> (Db, geochron::IngestReport) {
    let db = Db::temporary().expect("temporary store");
    let report = db
        .ingest_paths(&[path.to_str().expect("UTF-8 path")], &options(), |_| {})
        .expect("ingest");
    (db, report)
}

#[test]
fn a_title_of_a_megabyte_of_place_names_is_cut_with_a_warning() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("title.jsonl");
    let title: String = (0..200_000)
        .map(|i| TOWNS[i % TOWNS.len()])
        .collect::<Vec<_>>()
        .join(" ");
    let line = serde_json::json!({
        "title": &title[..1_000_000],
        "text": "Militants attacked a convoy near Mosul on Monday, killing six soldiers.",
    });
    std::fs::write(&path, format!("{line}\n")).expect("write");
    let started = Instant::now();
    let (db, report) = within(Duration::from_secs(120), move || ingest(&path));
    eprintln!("1 MB title: {:?}", started.elapsed());
    assert_eq!(report.articles, 1);
    assert_eq!(report.events, 1);
    assert_eq!(report.warnings.len(), 1, "{:?}", report.warnings);
    let warning = report.warnings[0].to_string();
    assert!(
        warning.contains("title.jsonl:1: title of 1,000,000 bytes cut"),
        "{warning}"
    );
    let article = db.store().articles().next().expect("one").expect("decodes");
    assert!(article.title.len() <= MAX_TITLE_BYTES);
    assert!(title.starts_with(&article.title));
}

#[test]
fn an_article_of_100000_sentences_is_read_up_to_the_limits() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("long.txt");
    let sentences: Vec<String> = (0..100_000)
        .map(|i| {
            format!(
                "Militants attacked a convoy near {} on Monday, killing {} soldiers.",
                TOWNS[i % TOWNS.len()],
                2 + i % 9
            )
        })
        .collect();
    std::fs::write(&path, format!("Long report\n\n{}\n", sentences.join(" "))).expect("write");
    let started = Instant::now();
    let (db, report) = within(Duration::from_secs(120), move || ingest(&path));
    eprintln!("100,000 sentences: {:?}", started.elapsed());
    assert_eq!(report.articles, 1);
    let warning = report.warnings[0].to_string();
    assert!(
        warning.contains("(up to 100,001 sentences) cut"),
        "{warning}"
    );
    let article = db.store().articles().next().expect("one").expect("decodes");
    assert!(article.text.len() <= MAX_TEXT_BYTES);
    assert!(geochron::extract::text::sentences(&article.text).len() <= MAX_SENTENCES);
    assert!(article.text.ends_with("soldiers."));
    // Every event's sentence lies in the stored text.
    for event in db.article_events(article.id).expect("events") {
        assert!(article.text.get(event.span.start..event.span.end).is_some());
    }
}

#[test]
fn an_article_of_thousands_of_events_keeps_the_most_salient() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("many.txt");
    let months = [
        "January", "February", "March", "April", "May", "June", "July",
    ];
    let kinds = [
        "militants attacked a convoy near {t}, killing {n} soldiers",
        "a car bomb exploded in {t}, killing {n} people",
        "protesters clashed with police in {t} and {n} were hurt",
    ];
    let sentences: Vec<String> = (0..1500)
        .map(|i| {
            let what = kinds[i % kinds.len()]
                .replace("{t}", TOWNS[i % TOWNS.len()])
                .replace("{n}", &(2 + i % 9).to_string());
            format!(
                "On {} {}, 2021, {what}.",
                months[i % months.len()],
                1 + i % 28
            )
        })
        .collect();
    std::fs::write(&path, format!("Many events\n\n{}\n", sentences.join(" "))).expect("write");
    let (db, report) = within(Duration::from_secs(120), move || ingest(&path));
    assert_eq!(report.events, MAX_EVENTS);
    let warning = report.warnings.last().expect("a warning").to_string();
    assert!(
        warning.contains("events found; the 500 most salient were kept"),
        "{warning}"
    );
    assert_eq!(db.stats().expect("stats").events, MAX_EVENTS as u64);
    assert!(db.check().expect("check").is_clean());
}

#[test]
fn a_folder_1900_deep_is_walked_in_linear_time() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut deep = dir.path().to_path_buf();
    for _ in 0..1900 {
        deep.push("d");
    }
    std::fs::create_dir_all(&deep).expect("deep folders");
    std::fs::write(
        deep.join("bottom.txt"),
        "Bomb in Mosul\n\nA bomb killed six people in Mosul on Monday.\n",
    )
    .expect("write");
    let top = dir.path().to_path_buf();
    let started = Instant::now();
    let (files, errors) = within(Duration::from_secs(60), move || {
        geochron::ingest::expand_paths(&[top.to_str().expect("UTF-8").to_string()])
    });
    eprintln!("1,900 deep: {:?}", started.elapsed());
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(files.len(), 1);
    assert!(files[0].ends_with("d/bottom.txt"));
}

#[cfg(unix)]
#[test]
fn a_named_pipe_is_skipped_not_opened() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pipe = dir.path().join("pipe.txt");
    let status = std::process::Command::new("mkfifo")
        .arg(&pipe)
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
    std::fs::write(
        dir.path().join("good.txt"),
        "Bomb in Mosul\n\nA bomb killed six people in Mosul on Monday.\n",
    )
    .expect("write");
    let folder = dir.path().to_path_buf();
    let (_db, report) = within(Duration::from_secs(60), move || ingest(&folder));
    assert_eq!(report.articles, 1);
    assert_eq!(report.skipped.len(), 1, "{:?}", report.skipped);
    assert_eq!(
        report.skipped[0].to_string(),
        format!(
            "{}: a named pipe, not a regular file; skipped",
            pipe.display()
        )
    );
    // Named on its own, it is refused the same way, without waiting for a writer.
    let named = pipe.clone();
    let results: Vec<_> = within(Duration::from_secs(60), move || {
        read_file(&named, &ReadOptions::default()).collect()
    });
    assert_eq!(results.len(), 1);
    let error = results[0].as_ref().expect_err("refused");
    assert!(error.message.contains("a named pipe"), "{error}");
}

#[test]
fn a_nul_byte_in_json_lines_costs_its_line_only() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("wire.jsonl");
    let good = |id: u32| {
        serde_json::json!({"id": id.to_string(), "text": format!("A bomb killed {id} people in Mosul on Monday.")})
            .to_string()
    };
    let text = format!(
        "{}\n{{\"id\": \"2\", \"text\": \"bad\u{0}line\"}}\n{}\n",
        good(1),
        good(3)
    );
    std::fs::write(&path, text).expect("write");
    let results: Vec<_> = read_file(&path, &ReadOptions::default()).collect();
    assert_eq!(results.len(), 3, "{results:?}");
    assert_eq!(
        results[0].as_ref().ok().and_then(|a| a.id.as_deref()),
        Some("1")
    );
    let error = results[1].as_ref().expect_err("line 2 refused");
    assert_eq!(error.line, Some(2));
    assert!(error.message.contains("binary content"), "{error}");
    assert_eq!(
        results[2].as_ref().ok().and_then(|a| a.id.as_deref()),
        Some("3")
    );

    // A file of nothing but binary lines is given up after a few, with one error each.
    let binary = dir.path().join("binary.jsonl");
    std::fs::write(&binary, "\u{0}\u{1}\u{2}\n".repeat(10_000)).expect("write");
    let results: Vec<_> = read_file(&binary, &ReadOptions::default()).collect();
    assert_eq!(results.len(), 8);
    let last = results[7].as_ref().expect_err("refused");
    assert!(last.message.contains("the rest of it skipped"), "{last}");
}
