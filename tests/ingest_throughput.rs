//! A benchmark-style printout, not a timed test: how fast a large JSON-lines file streams
//! through the reader. Run with
//! `cargo test --release --test ingest_throughput -- --ignored --nocapture`.

use std::io::{BufWriter, Write};
use std::time::Instant;

use geochron::ingest::{ReadOptions, read_file};

#[test]
#[ignore = "a measurement; run by hand in release mode"]
fn json_lines_stream_throughput() {
    const ARTICLES: usize = 200_000;
    let file = tempfile::NamedTempFile::with_suffix(".jsonl").unwrap();
    let mut out = BufWriter::new(file.as_file());
    for i in 0..ARTICLES {
        writeln!(
            out,
            "{{\"id\": \"a{i}\", \"title\": \"Clash near Mosul\", \"published\": \"2019-12-0{}\", \"countries\": [\"IQ\"], \"source\": \"Wire\", \"text\": \"Islamic State militants attacked a convoy near Makhmur on Tuesday. Six died and 31 were injured, officials said. The coalition bombed Qarachokh mountain later that night.\"}}",
            i % 9 + 1
        )
        .unwrap();
    }
    out.flush().unwrap();
    drop(out);
    let bytes = std::fs::metadata(file.path()).unwrap().len();

    let started = Instant::now();
    let mut read = 0;
    for article in read_file(file.path(), &ReadOptions::default()) {
        assert!(article.is_ok());
        read += 1;
    }
    let seconds = started.elapsed().as_secs_f64();
    assert_eq!(read, ARTICLES);
    println!(
        "ingest: {read} JSON-lines articles, {:.1} MiB in {seconds:.2} s: {:.0} articles/s, {:.1} MiB/s",
        bytes as f64 / 1048576.0,
        read as f64 / seconds,
        bytes as f64 / 1048576.0 / seconds
    );
}
