//! The geochron benchmark: every figure of issue 7 in one run, with SQLite side by side.
//!
//! ```text
//! cargo bench --bench geochron                      # 100,000 events
//! cargo bench --bench geochron -- --events 100000,1000000
//! cargo bench --bench geochron -- --quick           # 10,000 events, for CI (< 2 minutes)
//! cargo bench --bench geochron -- generate --out DIR --articles N [--seed S]
//! cargo test --bench geochron                       # the smoke run CI does (see below)
//! ```
//!
//! Run without `--bench` — as `cargo test` runs it (`test = true` in Cargo.toml) — it does a
//! smoke run instead: a store of [`SMOKE_EVENTS`] events, every query of the mix once per
//! parameter set on both engines, failing unless both return the same number of rows.
//!
//! Extraction and ingest-with-extraction rows run on generated article text (`corpus`) and on
//! `../shared/eval/data/reuters.jsonl` when it exists; the store, size, memory and query rows
//! use the direct generator (the same articles' true events, no extraction), so a million
//! events load in minutes. Nothing outside the repository is needed.

mod corpus;
mod measure;
mod mix;
mod queries;
mod sqlite;
mod world;

use std::error::Error;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use geochron::Db;
use geochron::extract::extract;
use geochron::ingest::{ArticleInput, ReadOptions, read_file, read_from};
use geochron::model::{Article, Event};

use measure::{human, peak_mib};
use world::World;

/// The allocator the `geochron` binary uses, so the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

type Outcome<T> = Result<T, Box<dyn Error>>;

/// Events in the smoke run's store: enough that every query of the mix has rows, few enough
/// for an unoptimised `cargo test`.
const SMOKE_EVENTS: usize = 1_500;

/// What to run, from the command line (and `GEOCHRON_BENCH_EVENTS`).
struct Options {
    /// Store sizes, in events, for the store and query rows.
    sizes: Vec<usize>,
    /// Articles of generated text for the extraction and ingest rows.
    corpus_articles: u64,
    /// At most this many Reuters articles are extracted.
    reuters_articles: usize,
    /// Time each query may take per engine before its samples are enough.
    budget: Duration,
    /// The corpus seed.
    seed: u64,
    /// `generate --out DIR`: write a corpus instead of benchmarking.
    generate: Option<PathBuf>,
    /// Run without `--bench` (by `cargo test`): the smoke run, not the benchmark.
    smoke: bool,
}

fn main() -> ExitCode {
    match parse_options().and_then(run) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("geochron bench: {e}");
            ExitCode::FAILURE
        }
    }
}

fn parse_options() -> Outcome<Options> {
    let mut options = Options {
        sizes: vec![100_000],
        corpus_articles: 4_000,
        reuters_articles: usize::MAX,
        budget: Duration::from_millis(1_500),
        seed: 7,
        generate: None,
        smoke: !std::env::args().any(|a| a == "--bench"),
    };
    if options.smoke {
        // `cargo test` may pass the test harness's flags along; the smoke run takes none.
        return Ok(options);
    }
    let mut explicit_sizes = std::env::var("GEOCHRON_BENCH_EVENTS").ok();
    let mut args = std::env::args().skip(1);
    let mut articles = None;
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            // `cargo bench` passes `--bench` to every bench binary.
            "--bench" => {}
            "--quick" => {
                options.sizes = vec![10_000];
                options.corpus_articles = 150;
                options.reuters_articles = 150;
                options.budget = Duration::from_millis(200);
            }
            "--events" => explicit_sizes = Some(value()?),
            "--seed" => options.seed = value()?.parse()?,
            "--articles" => articles = Some(value()?.parse::<u64>()?),
            "generate" => {}
            "--out" => options.generate = Some(PathBuf::from(value()?)),
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    if let Some(sizes) = explicit_sizes {
        options.sizes = sizes
            .split(',')
            .map(|s| s.trim().replace('_', "").parse::<usize>())
            .collect::<Result<_, _>>()?;
    }
    if let Some(n) = articles {
        options.corpus_articles = n;
    }
    Ok(options)
}

fn run(options: Options) -> Outcome<()> {
    let started = Instant::now();
    let world = World::new();
    if let Some(out) = &options.generate {
        let (bytes, events) =
            corpus::write_corpus(&world, options.seed, options.corpus_articles, out)?;
        let seconds = started.elapsed().as_secs_f64();
        println!(
            "wrote {} articles ({:.1} MB, {events} events) to {} in {seconds:.1} s",
            options.corpus_articles,
            bytes as f64 / 1e6,
            out.display()
        );
        return Ok(());
    }
    if options.smoke {
        let scratch = tempfile::tempdir()?;
        queries::smoke(&world, options.seed, scratch.path(), SMOKE_EVENTS)?;
        println!("smoke run took {:.1} s", started.elapsed().as_secs_f64());
        return Ok(());
    }
    println!("geochron benchmark — {}", measure::machine());
    println!(
        "world: {} places from the embedded gazetteer, built in {}",
        world.len(),
        human(started.elapsed().as_secs_f64())
    );
    // `GEOCHRON_BENCH_KEEP=DIR` keeps the stores there (to profile queries on them later);
    // by default everything lives in a temporary folder removed at the end.
    let scratch = tempfile::tempdir()?;
    let kept = std::env::var_os("GEOCHRON_BENCH_KEEP").map(PathBuf::from);
    let scratch_path = kept.as_deref().unwrap_or(scratch.path());

    println!("\n== extraction (one core) ==");
    let inputs = generated_inputs(&world, options.seed, options.corpus_articles)?;
    let prepared = extraction_row("generated corpus", &inputs, true);
    let reuters = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/data/reuters.jsonl");
    if reuters.exists() {
        let articles: Vec<ArticleInput> = read_file(&reuters, &ReadOptions::default())
            .filter_map(Result::ok)
            .take(options.reuters_articles)
            .collect();
        // Only counted: holding every result would time the page faults of a growing heap too.
        extraction_row("reuters.jsonl", &articles, false);
    } else {
        println!("reuters.jsonl: skipped (../shared/eval/data/reuters.jsonl is not here)");
    }

    println!("\n== ingest into a fresh store ==");
    ingest_rows(&world, &options, scratch_path, &prepared)?;

    for &size in &options.sizes {
        queries::size_section(&world, &options, scratch_path, size)?;
    }
    println!(
        "\npeak memory (VmHWM) {:.0} MiB; whole run {:.1} s; load now {}",
        peak_mib(),
        started.elapsed().as_secs_f64(),
        measure::load()
    );
    Ok(())
}

/// The generated articles read back through the seed reader, as `ingest` would read them.
fn generated_inputs(world: &World, seed: u64, articles: u64) -> Outcome<Vec<ArticleInput>> {
    let mut inputs = Vec::new();
    for index in 0..articles {
        let Some(article) = corpus::article(world, seed, index) else {
            continue;
        };
        let text = article.seed_text();
        let reader = read_from(
            Path::new("generated.txt"),
            Cursor::new(text),
            &ReadOptions::default(),
        );
        for input in reader {
            inputs.push(input?);
        }
    }
    Ok(inputs)
}

/// Extracts every input on one core; prints MB/s and returns what was extracted when `keep`
/// (else nothing: each result is dropped as it comes, as `extract --jsonl` does).
fn extraction_row(name: &str, inputs: &[ArticleInput], keep: bool) -> Vec<(Article, Vec<Event>)> {
    let bytes: usize = inputs.iter().map(|i| i.text.len()).sum();
    let started = Instant::now();
    let mut prepared = Vec::with_capacity(inputs.len());
    let mut events = 0;
    for input in inputs {
        let extraction = extract(input);
        events += extraction.events.len();
        if !keep {
            continue;
        }
        let article = Article {
            id: geochron::model::ArticleId::of_text(&input.text),
            title: input.title.clone(),
            published: input.published,
            source: input.source.clone(),
            url: input.url.clone(),
            countries: extraction.article.countries,
            text: input.text.clone(),
            ingested_at: chrono::DateTime::UNIX_EPOCH,
        };
        prepared.push((article, extraction.events));
    }
    let seconds = started.elapsed().as_secs_f64().max(1e-9);
    println!(
        "{name}: {} articles, {:.1} MB, {events} events — {:.2} MB/s per core, {:.0} articles/s per core",
        inputs.len(),
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / seconds,
        inputs.len() as f64 / seconds
    );
    prepared
}

/// Ingest with extraction (files through `Db::ingest_paths`, all cores) and without (the
/// extracted articles through `Store::put_articles`), each into a fresh store.
fn ingest_rows(
    world: &World,
    options: &Options,
    scratch: &Path,
    prepared: &[(Article, Vec<Event>)],
) -> Outcome<()> {
    let files = scratch.join("corpus");
    corpus::write_corpus(world, options.seed, options.corpus_articles, &files)?;
    let db = Db::open(scratch.join("ingest-extract.db"))?;
    let report = db.ingest_paths(
        &[files.to_string_lossy().as_ref()],
        &ReadOptions::default(),
        |_| {},
    )?;
    let seconds = report.seconds.max(1e-9);
    println!(
        "with extraction ({} threads): {} articles, {} events in {seconds:.2} s — {:.0} articles/s, {:.0} events/s",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        report.articles,
        report.events,
        report.articles as f64 / seconds,
        report.events as f64 / seconds
    );
    drop(db);
    let db = Db::open(scratch.join("ingest-store.db"))?;
    let started = Instant::now();
    let stored = db
        .store()
        .put_articles(prepared.iter().map(|(a, e)| (a, e.as_slice())))?;
    let seconds = started.elapsed().as_secs_f64().max(1e-9);
    let events: usize = prepared.iter().map(|(_, e)| e.len()).sum();
    println!(
        "extraction excluded (put_articles): {stored} articles, {events} events in {seconds:.2} s — {:.0} articles/s, {:.0} events/s",
        stored as f64 / seconds,
        events as f64 / seconds
    );
    Ok(())
}
