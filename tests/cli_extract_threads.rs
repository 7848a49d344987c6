//! `geochron extract --jsonl --threads N` writes byte for byte what one thread writes: the same
//! output lines in input order, the same messages with the same line numbers, the same exit
//! code, whatever the number of threads; a number of threads that is no number is a usage error.

use std::io::Write;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_geochron");

/// Runs `geochron extract --jsonl` with `args` and `stdin`: exit code, stdout, stderr.
fn extract(args: &[&str], stdin: &[u8]) -> (i32, Vec<u8>, Vec<u8>) {
    let mut child = Command::new(BIN)
        .args(["extract", "--jsonl"])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("geochron runs");
    let mut input = child.stdin.take().expect("stdin");
    let feed = stdin.to_vec();
    // Fed from a thread: a feed larger than the pipe would otherwise block against the output.
    let feeder = std::thread::spawn(move || input.write_all(&feed));
    let out = child.wait_with_output().expect("geochron ends");
    // A refused command exits before it reads: its closed pipe is no failure of the feed.
    match feeder.join().expect("feeder") {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => panic!("feed stdin: {e}"),
        _ => {}
    }
    (out.status.code().unwrap_or(-1), out.stdout, out.stderr)
}

/// Every example article and wire line, three times over under distinct ids (so the feed spans
/// several of the chunks the threads share), with bad lines among them: not JSON, not UTF-8,
/// blank, and a `published` that is not a date.
fn feed() -> Vec<u8> {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut articles: Vec<_> = std::fs::read_dir(format!("{root}/examples/articles"))
        .expect("examples/articles")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "txt"))
        .collect();
    articles.sort();
    let texts: Vec<String> = articles
        .iter()
        .map(|path| std::fs::read_to_string(path).expect("article"))
        .collect();
    let wire = std::fs::read_to_string(format!("{root}/examples/jsonl/wire.jsonl")).expect("wire");
    let mut feed = Vec::new();
    for round in 0..3 {
        for (n, text) in texts.iter().enumerate() {
            let line = serde_json::json!({
                "id": format!("{round}-{n}"),
                "text": text,
                "published": "2021-10-18",
            });
            feed.extend_from_slice(line.to_string().as_bytes());
            feed.push(b'\n');
            if n == 7 {
                feed.extend_from_slice(b"not json at all\n\n");
            }
            if n == 11 {
                feed.extend_from_slice(b"{\"id\": \"bad-\xff\", \"text\": \"x\"}\n");
            }
            if n == 13 {
                feed.extend_from_slice(
                    b"{\"id\": \"undated\", \"text\": \"Six died.\", \"published\": \"soon\"}\n",
                );
            }
        }
        feed.extend_from_slice(wire.as_bytes());
    }
    feed
}

#[test]
fn two_threads_write_what_one_thread_writes() {
    let feed = feed();
    let (one_code, one_out, one_err) = extract(&["--threads", "1"], &feed);
    let (two_code, two_out, two_err) = extract(&["--threads", "2"], &feed);
    assert_eq!(one_code, 0, "{}", String::from_utf8_lossy(&one_err));
    assert_eq!(two_code, one_code);
    assert!(one_out == two_out, "stdout differs between 1 and 2 threads");
    assert_eq!(
        String::from_utf8_lossy(&two_err),
        String::from_utf8_lossy(&one_err)
    );

    let out = String::from_utf8(one_out).expect("UTF-8 output");
    let non_blank = feed
        .split(|&b| b == b'\n')
        .filter(|line| !line.iter().all(u8::is_ascii_whitespace))
        .count();
    assert_eq!(out.lines().count(), non_blank, "one output line per line");
    let err = String::from_utf8(one_err).expect("UTF-8 messages");
    // Line 9 is the first bad line (after the eighth article), line 15 the first not UTF-8.
    assert!(err.contains("-:9: not a JSON article line"), "{err}");
    assert!(err.contains("-:15: not valid UTF-8; skipped"), "{err}");
    assert!(
        err.contains("`published` is neither YYYY-MM-DD nor a timestamp: \"soon\""),
        "{err}"
    );
}

#[test]
fn threads_must_be_a_number_from_one() {
    let line = b"{\"id\": \"a\", \"text\": \"Six died in Mosul.\"}\n";
    for bad in ["0", "two", "-3", ""] {
        let (code, out, err) = extract(&[&format!("--threads={bad}")], line);
        let err = String::from_utf8_lossy(&err);
        assert_eq!(code, 2, "--threads {bad:?}: {err}");
        assert!(out.is_empty(), "--threads {bad:?} wrote output");
        assert!(err.contains("--threads"), "{err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    let (code, out, _) = extract(&["--threads", "3"], line);
    assert_eq!(code, 0);
    assert_eq!(String::from_utf8_lossy(&out).lines().count(), 1);
}
