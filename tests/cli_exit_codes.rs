//! Exit codes tell the truth (README: 0 ok, 1 a query or input error, 2 usage, 3 a store or
//! I/O error): a command that skipped any input exits 1 after its summary; invalid UTF-8 on
//! standard input or in a script is an input error; `--safe` refuses file access outside the
//! store before anything runs.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_geochron");

/// Runs geochron with `stdin` fed: exit code, stdout, stderr.
fn run(store: &Path, args: &[&str], stdin: &[u8]) -> (i32, String, String) {
    let mut child = Command::new(BIN)
        .arg("--db")
        .arg(store)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("geochron runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin)
        .expect("feed stdin");
    let out = child.wait_with_output().expect("geochron ends");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const ARTICLE: &str = "Bomb in Mosul\n\nA bomb killed six people in Mosul on Monday.\n";

#[test]
fn an_ingest_that_skipped_anything_exits_1_after_its_summary() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("s.db");
    let good = dir.path().join("good.txt");
    std::fs::write(&good, ARTICLE).expect("write");
    let binary = dir.path().join("ls");
    std::fs::write(&binary, b"\x7fELF\x02\x01\x01\x00\x00\x00binary").expect("write");
    let good = good.to_str().expect("UTF-8");

    let (code, out, err) = run(&store, &["ingest", good], b"");
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("1 articles"), "{out}");

    let (code, out, err) = run(&store, &["ingest", "does/not/exist", good], b"");
    assert_eq!(code, 1, "{err}");
    assert!(
        out.starts_with("0 articles, 0 events, 1 duplicates, 1 skipped"),
        "{out}"
    );
    assert!(
        err.contains("does/not/exist: no such file or folder"),
        "{err}"
    );
    assert!(err.contains("1 input was skipped"), "{err}");

    let (code, _, err) = run(&store, &["ingest", binary.to_str().expect("UTF-8")], b"");
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("binary"), "{err}");
}

#[test]
fn extracting_an_empty_file_exits_1() {
    let dir = tempfile::tempdir().expect("temp dir");
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").expect("write");
    let (code, _, err) = run(
        &dir.path().join("unused.db"),
        &["extract", empty.to_str().expect("UTF-8")],
        b"",
    );
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("empty file"), "{err}");
    assert!(
        !dir.path().join("unused.db").exists(),
        "extract opens no store"
    );
}

#[test]
fn invalid_utf8_in_a_script_is_an_input_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("s.db");
    let (code, _, err) = run(&store, &[], b"stats\n\xff\xfe\n");
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("-:2: not valid UTF-8"), "{err}");
    let script = dir.path().join("bad.gq");
    std::fs::write(&script, b"stats\n\xc3\n").expect("write");
    let (code, _, err) = run(&store, &["run", script.to_str().expect("UTF-8")], b"");
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("bad.gq:2: not valid UTF-8"), "{err}");
}

#[test]
fn safe_scripts_read_no_file_but_the_store() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("s.db");
    let secret = dir.path().join("secret.txt");
    std::fs::write(&secret, ARTICLE).expect("write");
    let secret = secret.to_str().expect("UTF-8");
    let script = dir.path().join("from_elsewhere.gq");
    std::fs::write(
        &script,
        format!("stats\nevents | count\ningest '{secret}'\n"),
    )
    .expect("write");
    let script = script.to_str().expect("UTF-8");

    let (code, out, err) = run(&store, &["--safe", "run", script], b"");
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("from_elsewhere.gq:3: `ingest` reads files"),
        "{err}"
    );
    assert!(out.is_empty(), "nothing ran: {out}");
    let stdin = format!("ingest '{secret}'\n");
    let (code, _, err) = run(&store, &["--safe"], stdin.as_bytes());
    assert_eq!(code, 1, "{err}");
    for command in [
        vec!["--safe", "ingest", secret],
        vec!["--safe", "extract", secret],
        vec!["--safe", "dump", "out.jsonl"],
        vec!["--safe", "restore", secret],
        vec!["--safe", "gazetteer", "import", secret],
        vec!["--safe", "map", "events", "-o", "out.html"],
        vec!["--safe", "export", "--format", "parquet", "out"],
        vec!["--safe", "extract", "--rules", "elsewhere", "-"],
    ] {
        let (code, _, err) = run(&store, &command, b"");
        assert_eq!(code, 1, "{command:?}: {err}");
        assert!(err.contains("which --safe does not allow"), "{err}");
    }
    // Nothing was read: the store was not even created. Once it exists, a script that reads
    // no file runs.
    assert!(!store.exists(), "a refused command created the store");
    drop(geochron::Db::open(&store).expect("an empty store"));
    let (code, out, err) = run(&store, &["--safe", "query", "articles | count"], b"");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains('0'), "{out}");
    let ok = dir.path().join("ok.gq");
    std::fs::write(&ok, "stats\nevents | count\n").expect("write");
    let (code, _, err) = run(&store, &["--safe", "run", ok.to_str().expect("UTF-8")], b"");
    assert_eq!(code, 0, "{err}");
}
