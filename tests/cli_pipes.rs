//! The command line at the end of a pipe: a reader that stops early (`| head -1`) ends
//! geochron quietly — exit 0, nothing on standard error — whatever the command; `export`
//! without `--format` writes JSON lines, as its help says; reads never create a store.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

fn geochron(db: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_geochron"));
    command.arg("--db").arg(db).env_remove("COLUMNS");
    command
}

fn examples_store(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("store.db");
    let articles = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/articles");
    let status = geochron(&db)
        .args(["ingest", articles])
        .stdout(Stdio::null())
        .status()
        .expect("ingest runs");
    assert!(status.success());
    db
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = examples_store(dir.path());
    let commands: &[&[&str]] = &[
        &["export"],
        &["export", "--format", "csv"],
        &["export", "--format", "geojson"],
        &["query", "events", "--format", "csv"],
        &["query", "events"],
        &["query", "places where country = US"],
    ];
    for args in commands {
        let mut child = geochron(&db)
            .args(*args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("geochron runs");
        let stdout = child.stdout.take().expect("piped");
        let mut first = String::new();
        BufReader::new(stdout)
            .read_line(&mut first)
            .expect("a first line");
        // The reader goes away after one line, as `head -1` does.
        let output = child.wait_with_output().expect("geochron ends");
        assert!(!first.is_empty(), "{args:?} wrote nothing");
        assert!(
            output.status.success(),
            "{args:?} failed on a closed pipe: {:?} {}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(
            output.stderr.is_empty(),
            "{args:?} complained: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

#[test]
fn export_without_a_format_writes_json_lines() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = examples_store(dir.path());
    let output = geochron(&db).arg("export").output().expect("export runs");
    assert!(output.status.success());
    let text = String::from_utf8_lossy(&output.stdout);
    let stats = geochron(&db).arg("stats").output().expect("stats runs");
    let stored: usize = String::from_utf8_lossy(&stats.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("events"))
        .and_then(|n| n.trim().parse().ok())
        .expect("stats counts the events");
    assert!(stored > 0);
    assert_eq!(text.lines().count(), stored, "one line per stored event");
    for line in text.lines() {
        let event: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
        assert!(event["start"].is_string() && event["geo_precision"].is_string());
    }
}

#[test]
fn reads_never_create_a_store() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = dir.path().join("none.db");
    for args in [
        &["stats"][..],
        &["query", "events"],
        &["export"],
        &["check"],
        &["map", "events", "-o", "m.html"],
    ] {
        let output = geochron(&db).args(args).output().expect("geochron runs");
        assert!(!output.status.success(), "{args:?} succeeded");
        let said = String::from_utf8_lossy(&output.stderr);
        assert!(
            said.contains(&format!(
                "no store at {}: ingest first, or --db PATH",
                db.display()
            )),
            "{args:?}: {said}"
        );
        assert!(!db.exists(), "{args:?} created the store");
    }
    // The gazetteer needs no store, and a script that ingests first makes one.
    let places = geochron(&db)
        .args(["query", "places where name ~ \"kirk\" | limit 1"])
        .output()
        .expect("runs");
    assert!(places.status.success() && !db.exists());
}

/// `compact` keeps every event and article and leaves the store clean; on no store it says so.
#[test]
fn compact_keeps_the_store_whole() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = examples_store(dir.path());
    let stats = |db: &Path| {
        let out = geochron(db).arg("stats").output().expect("stats runs");
        assert!(out.status.success());
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .take(2)
            .collect::<Vec<_>>()
            .join("\n")
    };
    let before = stats(&db);
    let out = geochron(&db).arg("compact").output().expect("compact runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("compacted "));
    assert_eq!(stats(&db), before);
    let check = geochron(&db).arg("check").output().expect("check runs");
    assert!(String::from_utf8_lossy(&check.stdout).contains("clean"));
    let missing = geochron(&dir.path().join("none"))
        .arg("compact")
        .output()
        .unwrap();
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no store"));
}
