//! Bad input: every broken file gives a clear error naming the file (and the line where there
//! is one), and never stops the articles around it from being read.

use std::io::{self, Cursor, Read};
use std::path::{Path, PathBuf};

use geochron::ingest::{ArticleInput, InputError, ReadOptions, read_file, read_from, read_paths};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/ingest")
        .join(name)
}

fn read(name: &str) -> Vec<Result<ArticleInput, InputError>> {
    read_file(&fixture(name), &ReadOptions::default()).collect()
}

/// The one error a refused file gives.
fn refusal(name: &str) -> InputError {
    let mut results = read(name);
    assert_eq!(results.len(), 1, "{name}: {results:?}");
    match results.pop() {
        Some(Err(e)) => {
            assert_eq!(e.path, fixture(name), "the error names the file");
            e
        }
        other => panic!("{name}: expected an error, got {other:?}"),
    }
}

#[test]
fn an_empty_file_is_refused() {
    assert_eq!(refusal("bad/empty.txt").message, "empty file");
    let blank = refusal("bad/blank.jsonl");
    assert!(blank.message.contains("empty"), "{blank}");
}

#[test]
fn invalid_utf8_names_its_line() {
    let e = refusal("bad/invalid_utf8.txt");
    assert_eq!(e.line, Some(4));
    assert!(e.message.contains("UTF-8"), "{e}");
    assert!(
        e.to_string()
            .contains("invalid_utf8.txt:4: not valid UTF-8"),
        "{e}"
    );
}

#[test]
fn invalid_utf8_in_json_lines_costs_only_its_line() {
    let results = read("bad/invalid_utf8.jsonl");
    assert_eq!(results.len(), 3);
    assert_eq!(results[0].as_ref().unwrap().id.as_deref(), Some("u-1"));
    let e = results[1].as_ref().unwrap_err();
    assert_eq!(e.line, Some(2));
    assert!(e.message.contains("UTF-8"), "{e}");
    assert_eq!(results[2].as_ref().unwrap().id.as_deref(), Some("u-3"));
}

#[test]
fn binary_files_are_refused() {
    let nul = refusal("bad/binary.txt");
    assert!(nul.message.contains("binary"), "{nul}");
    assert_eq!(nul.line, Some(5), "the line of the first NUL byte");
    let control = refusal("bad/control.txt");
    assert!(control.message.contains("binary"), "{control}");
}

#[test]
fn malformed_json_lines_fail_alone_and_the_rest_are_read() {
    let results = read("jsonl/mixed.ndjson");
    let summary: Vec<Result<String, usize>> = results
        .iter()
        .map(|r| match r {
            Ok(a) => Ok(a.id.clone().unwrap_or_default()),
            Err(e) => Err(e.line.unwrap_or(0)),
        })
        .collect();
    assert_eq!(
        summary,
        [
            Ok("m-1".into()),
            Err(2),
            Ok("m-3".into()),
            Err(4),
            Err(5),
            Ok("m-6".into())
        ]
    );
    let missing = results[3].as_ref().unwrap_err();
    assert!(
        missing.message.contains("missing field `text`"),
        "{missing}"
    );
    let wrong_type = results[4].as_ref().unwrap_err();
    assert!(wrong_type.message.contains("invalid type"), "{wrong_type}");
    assert!(
        wrong_type.to_string().contains("mixed.ndjson:5:"),
        "{wrong_type}"
    );
    let last = results[5].as_ref().unwrap();
    assert_eq!(last.countries.len(), 1);
    assert_eq!(last.warnings.len(), 1, "Atlantis dropped with a warning");
    assert_eq!(last.warnings[0].line, Some(6));
}

#[test]
fn missing_and_unreadable_files_are_refused() {
    let missing = refusal("bad/no_such_file.txt");
    assert!(missing.message.starts_with("cannot open"), "{missing}");
    // Only regular files are read: a folder named as a file is refused as such.
    let folder = refusal("bad");
    assert_eq!(folder.message, "a folder, not a regular file; skipped");
}

#[test]
fn one_bad_file_never_stops_a_batch() {
    let dir = fixture("");
    let paths = [
        dir.join("bad").display().to_string(),
        dir.join("seed/convoy.txt").display().to_string(),
        dir.join("no_such_folder").display().to_string(),
    ];
    let results: Vec<_> = read_paths(&paths, &ReadOptions::default()).collect();
    let read_ok: Vec<&ArticleInput> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
    let errors: Vec<&InputError> = results.iter().filter_map(|r| r.as_ref().err()).collect();
    // bad/: blank, binary, control, empty, invalid_utf8.txt refused; invalid_utf8.jsonl 2 good + 1 bad.
    assert_eq!(read_ok.len(), 3, "{results:?}");
    assert!(read_ok.iter().any(|a| a.title.starts_with("Gunmen ambush")));
    assert_eq!(errors.len(), 7, "{errors:?}");
    assert!(
        errors[0].path.ends_with("no_such_folder"),
        "expansion errors first"
    );
}

/// A stream that gives its bytes and then fails, as a dying disk or pipe would.
struct FailingAfter(Cursor<Vec<u8>>);

impl Read for FailingAfter {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self.0.read(buf)? {
            0 => Err(io::Error::other("device gone")),
            n => Ok(n),
        }
    }
}

#[test]
fn json_lines_stream_and_a_read_failure_ends_the_file_with_its_line() {
    let lines: String = (0..1000)
        .map(|i| format!("{{\"id\": {i}, \"text\": \"Article {i}.\"}}\n"))
        .collect();
    let mut reader = read_from(
        Path::new("wire.jsonl"),
        FailingAfter(Cursor::new(lines.into_bytes())),
        &ReadOptions::default(),
    );
    let first = reader.next().unwrap().unwrap();
    assert_eq!(first.id.as_deref(), Some("0"));
    let rest: Vec<_> = reader.collect();
    assert_eq!(rest.len(), 1000);
    let e = rest.last().unwrap().as_ref().unwrap_err();
    assert_eq!(e.line, Some(1001));
    assert!(e.message.contains("device gone"), "{e}");
}
