//! Ingest is deterministic: the same input, with articles repeated in it, gives the same store
//! contents, the same export and the same summary every time, whether it goes through the
//! batched, threaded `ingest` command or through `Db::ingest` one article at a time. (A repeat
//! landing in the chunk after its first copy used to race the writer thread and be linked to
//! its own happening a second time.)

mod linked_corpus;

use std::path::Path;
use std::process::Command;

use geochron::Db;
use geochron::ingest::{ReadOptions, read_file};

const BIN: &str = env!("CARGO_BIN_EXE_geochron");

fn geochron(store: &Path, args: &[&str]) -> (String, String) {
    let out = Command::new(BIN)
        .arg("--db")
        .arg(store)
        .args(args)
        .output()
        .expect("geochron runs");
    assert!(
        out.status.success(),
        "geochron {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The summary line without its timing.
fn counts(summary: &str) -> String {
    summary.split(" in ").next().unwrap_or_default().to_string()
}

#[test]
fn the_same_input_gives_the_same_store_export_and_summary() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("wire.jsonl");
    std::fs::write(&input, linked_corpus::wire_reports(260, 7, true)).expect("write input");
    let input_text = input.to_str().expect("UTF-8 path");

    let mut exports = Vec::new();
    let mut summaries = Vec::new();
    for run in 0..2 {
        let store = dir.path().join(format!("run{run}.db"));
        let (summary, _) = geochron(&store, &["ingest", input_text]);
        summaries.push(counts(&summary));
        let (check, _) = geochron(&store, &["check"]);
        assert!(check.contains(": clean"), "run {run}: {check}");
        exports.push(geochron(&store, &["export", "--format", "ndjson"]).0);
        exports.push(geochron(&store, &["query", "events | count"]).0);
    }
    assert_eq!(summaries[0], summaries[1]);
    assert_eq!(exports[0], exports[2], "exports differ between two runs");
    assert_eq!(exports[1], exports[3]);

    // Article by article through the library: the same events, links and sources.
    let store = dir.path().join("one_by_one.db");
    {
        let db = Db::open(&store).expect("open");
        for input in read_file(&input, &ReadOptions::default()) {
            db.ingest(input.expect("a good line")).expect("ingest");
        }
        db.flush().expect("flush");
    }
    assert_eq!(
        geochron(&store, &["export", "--format", "ndjson"]).0,
        exports[0]
    );

    // Heavy linking happened, and no event's sources name one publisher's report twice.
    let linked = exports[0]
        .lines()
        .filter(|line| line.contains("\"sources\":[\"") && line.contains("\",\""))
        .count();
    assert!(linked > 50, "only {linked} events with linked reports");
    let repeats = summaries[0]
        .split(", ")
        .find_map(|part| part.strip_suffix(" duplicates"))
        .and_then(|n| n.parse::<usize>().ok())
        .expect("a duplicate count");
    assert!(repeats > 50, "{}", summaries[0]);
}

/// An ingest stopped part way (here: run on the first lines only) and run again in full
/// gives the store an uninterrupted run gives: links do not depend on where chunks begin.
#[test]
fn an_ingest_resumed_after_a_stop_gives_the_same_store() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = linked_corpus::wire_reports(200, 11, false);
    let input = dir.path().join("wire.jsonl");
    std::fs::write(&input, &text).expect("write input");
    let input_text = input.to_str().expect("UTF-8 path");
    let whole = dir.path().join("whole.db");
    geochron(&whole, &["ingest", input_text]);
    let expected = geochron(&whole, &["export", "--format", "ndjson"]).0;
    for stop in [1, 37, 100, 163] {
        let head = dir.path().join(format!("head{stop}.jsonl"));
        let lines: Vec<&str> = text.lines().take(stop).collect();
        std::fs::write(&head, lines.join("\n") + "\n").expect("write head");
        let store = dir.path().join(format!("resumed{stop}.db"));
        geochron(&store, &["ingest", head.to_str().expect("UTF-8 path")]);
        geochron(&store, &["ingest", input_text]);
        let (check, _) = geochron(&store, &["check"]);
        assert!(check.contains(": clean"), "stop {stop}: {check}");
        assert_eq!(
            geochron(&store, &["export", "--format", "ndjson"]).0,
            expected,
            "stopped after {stop} lines"
        );
    }
}
