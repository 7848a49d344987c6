//! A benchmark-style printout, not a timed test: how fast the store loads and scans here.
//! Run it in release mode:
//! `cargo test --release --test store_throughput -- --ignored --nocapture`

mod store_common;

use std::time::Instant;

use geochron::store::codec;
use geochron::store::index::{IndexValues, index_keys, index_value};
use geochron::store::{DayRange, Key, Store, TimeMatch};
use store_common::{Rng, random_article};

#[test]
#[ignore = "a measurement; run by hand in release mode"]
fn print_load_and_scan_rates() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path().join("rates.db")).expect("open");
    let mut rng = Rng::new(40);
    let items: Vec<_> = (0..5000)
        .map(|n| random_article(&mut rng, "rates", n, 10))
        .collect();

    // Encoding alone, to tell our cost from sled's.
    let started = Instant::now();
    let mut rows: Vec<(Vec<u8>, Vec<u8>)> = Vec::new();
    for (article, events) in &items {
        let value = codec::encode_article(article).expect("encode");
        rows.push((Key::Article(article.id).encode(), value));
        for event in events {
            let (published, source) = (article.published, article.source.as_deref());
            let index_row = IndexValues::of(event, published, source).expect("encode");
            for key in index_keys(event) {
                rows.push((key.encode(), index_value(&key, &index_row)));
            }
            let value = codec::encode_row(event, published, source).expect("encode");
            rows.push((Key::Event(event.id).encode(), value));
        }
    }
    let encoded_bytes: usize = rows.iter().map(|(k, v)| k.len() + v.len()).sum();
    println!(
        "encoding every row: {:.3} s, {} rows, {encoded_bytes} bytes",
        started.elapsed().as_secs_f64(),
        rows.len()
    );

    // The same rows straight into sled with the store's settings: the floor for our loads.
    let raw = sled::Config::new()
        .cache_capacity(256 * 1024 * 1024)
        .mode(sled::Mode::HighThroughput)
        .flush_every_ms(Some(1000))
        .path(dir.path().join("raw.db"))
        .open()
        .expect("raw sled");
    let started = Instant::now();
    for chunk in rows.chunks(1000) {
        let mut batch = sled::Batch::default();
        for (k, v) in chunk {
            batch.insert(k.as_slice(), v.as_slice());
        }
        raw.apply_batch(batch).expect("batch");
    }
    raw.flush().expect("flush");
    let secs = started.elapsed().as_secs_f64();
    println!(
        "raw sled, same rows, batches of 1000: {:.0} keys/s",
        rows.len() as f64 / secs
    );

    let started = Instant::now();
    let refs = items.iter().map(|(a, e)| (a, e.as_slice()));
    assert_eq!(store.put_articles(refs).expect("bulk"), items.len());
    let load = started.elapsed().as_secs_f64();
    let stats = store.stats().expect("stats");
    let index_rows: u64 = stats.rows.iter().map(|(_, n)| n).sum();
    let keys = stats.articles + stats.events + index_rows;
    println!("{stats}");
    println!(
        "put_articles: {keys} keys ({} events, {:.1} index rows each) in {load:.2} s: {:.0} keys/s, {:.0} events/s",
        stats.events,
        index_rows as f64 / stats.events as f64,
        keys as f64 / load,
        stats.events as f64 / load
    );

    let started = Instant::now();
    let all = store
        .scan_time(
            DayRange::new(i32::MIN / 2, i32::MAX / 2),
            TimeMatch::Overlaps,
        )
        .count();
    let secs = started.elapsed().as_secs_f64();
    println!(
        "scan_time over everything: {all} rows in {secs:.3} s: {:.0} rows/s",
        all as f64 / secs
    );

    let started = Instant::now();
    let loaded = store.events().count();
    let secs = started.elapsed().as_secs_f64();
    println!(
        "events(): {loaded} decoded in {secs:.3} s: {:.0} events/s",
        loaded as f64 / secs
    );

    let started = Instant::now();
    let day = DayRange::new(737_000, 737_030);
    let month = store.scan_time(day, TimeMatch::Within).count();
    let secs = started.elapsed().as_secs_f64();
    println!(
        "scan_time of one month: {month} events in {:.3} ms",
        secs * 1000.0
    );

    let started = Instant::now();
    let report = store.check().expect("check");
    println!(
        "check: {:.2} s, clean: {}",
        started.elapsed().as_secs_f64(),
        report.is_clean()
    );
}
