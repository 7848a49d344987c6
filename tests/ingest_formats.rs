//! Each input format read end to end from fixture files: the seed's text format (with CRLF, a
//! BOM, missing parts and an unknown country), JSON lines, plain text, and format detection.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use geochron::ingest::{ArticleInput, Format, InputError, ReadOptions, read_file, read_from};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/ingest")
        .join(name)
}

fn read(name: &str, options: &ReadOptions) -> Vec<Result<ArticleInput, InputError>> {
    read_file(&fixture(name), options).collect()
}

fn read_one(name: &str) -> ArticleInput {
    let mut results = read(name, &ReadOptions::default());
    assert_eq!(results.len(), 1, "{name}: one article");
    match results.pop() {
        Some(Ok(article)) => article,
        other => panic!("{name}: {other:?}"),
    }
}

fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn codes(article: &ArticleInput) -> Vec<&str> {
    article.countries.iter().map(|c| c.code()).collect()
}

#[test]
fn seed_format_fills_every_field() {
    let article = read_one("seed/convoy.txt");
    assert_eq!(
        article.title,
        "Gunmen ambush supply convoy on the road to Sinjar"
    );
    assert_eq!(article.published, day(2019, 3, 9));
    assert_eq!(codes(&article), ["IQ", "SY"]);
    assert_eq!(article.source.as_deref(), Some("Nineveh Courier"));
    assert!(article.text.starts_with("Gunmen opened fire"));
    assert!(article.text.ends_with("later that night."));
    assert_eq!(article.text.matches("\n\n").count(), 1, "two paragraphs");
    assert!(!article.text.contains("Skip to Content"));
    assert!(!article.text.contains("Affected Countries"));
    assert!(article.warnings.is_empty(), "{:?}", article.warnings);
    assert_eq!(article.id, None);
}

#[test]
fn byte_offsets_point_into_the_text_as_read() {
    let article = read_one("seed/convoy.txt");
    let at = article.text.find("Tal Afar").unwrap();
    assert_eq!(article.text.get(at..at + 8), Some("Tal Afar"));
    let second = article.text.find("\n\n").unwrap() + 2;
    assert!(article.text[second..].starts_with("The trucks were carrying"));
}

#[test]
fn crlf_and_a_bom_read_the_same_as_lf() {
    assert_eq!(read_one("seed/crlf_bom.txt"), read_one("seed/convoy.txt"));
}

#[test]
fn an_unknown_country_slug_is_dropped_with_a_warning() {
    let article = read_one("seed/unknown_country.txt");
    assert_eq!(codes(&article), ["ML", "BF"]);
    assert_eq!(article.warnings.len(), 1);
    let warning = &article.warnings[0];
    assert_eq!(warning.line, Some(7));
    assert!(warning.message.contains("atlantis"), "{warning}");
    assert!(warning.path.ends_with("seed/unknown_country.txt"));
}

#[test]
fn seed_without_countries_or_source_still_reads() {
    let article = read_one("seed/bare.txt");
    assert_eq!(article.title, "Flood waters recede in Sindh");
    assert_eq!(article.published, day(2016, 10, 14));
    assert!(article.countries.is_empty());
    assert_eq!(article.source, None);
    assert_eq!(
        article.text,
        "Water levels along the Indus fell for a third day, officials said on Friday.\n\nRelief camps near Sukkur still shelter thousands of families."
    );
}

#[test]
fn plain_text_has_a_title_and_a_date_only_when_given() {
    let article = read_one("plain/note.txt");
    assert_eq!(article.title, "Protesters gather outside parliament");
    assert!(article.text.starts_with("Several thousand people"));
    assert_eq!(article.published, None);
    assert!(article.warnings.is_empty());

    let options = ReadOptions {
        published: day(2022, 3, 6),
        ..ReadOptions::default()
    };
    let given: Vec<_> = read("plain/note.txt", &options);
    assert_eq!(given[0].as_ref().unwrap().published, day(2022, 3, 6));
}

#[test]
fn a_date_in_the_file_wins_over_the_option() {
    let options = ReadOptions {
        published: day(2022, 3, 6),
        ..ReadOptions::default()
    };
    let results = read("seed/convoy.txt", &options);
    assert_eq!(results[0].as_ref().unwrap().published, day(2019, 3, 9));
}

#[test]
fn json_lines_read_every_field_and_skip_blank_lines() {
    let results = read("jsonl/wire.jsonl", &ReadOptions::default());
    let articles: Vec<ArticleInput> = results.into_iter().map(Result::unwrap).collect();
    assert_eq!(articles.len(), 3);

    let first = &articles[0];
    assert_eq!(first.id.as_deref(), Some("w-1"));
    assert_eq!(first.title, "Storm hits coast");
    assert_eq!(first.published, day(2018, 9, 14));
    assert_eq!(first.source.as_deref(), Some("Gulf Wire"));
    assert_eq!(first.url.as_deref(), Some("https://example.org/w-1"));
    assert_eq!(codes(first), ["US"]);

    let second = &articles[1];
    assert_eq!(second.id.as_deref(), Some("2"));
    assert_eq!(second.published, day(2018, 9, 15), "the date as written");
    assert_eq!(codes(second), ["CO", "VE"]);

    let third = &articles[2];
    assert_eq!((third.title.as_str(), third.published), ("", None));
    assert!(articles.iter().all(|a| a.warnings.is_empty()));
}

#[test]
fn a_json_file_named_on_its_own_is_sniffed_as_json_lines() {
    let results = read("jsonl/feed.json", &ReadOptions::default());
    assert_eq!(results.len(), 2);
    assert!(results.iter().all(Result::is_ok));
}

#[test]
fn a_forced_format_overrides_detection() {
    let options = ReadOptions {
        format: Some(Format::Plain),
        ..ReadOptions::default()
    };
    let results = read("seed/bare.txt", &options);
    let article = results[0].as_ref().unwrap();
    assert_eq!(article.title, "Oct. 14, 2016 » Asia »");
    assert_eq!(article.published, None);
}

#[test]
fn standard_input_reads_like_a_file() {
    let input = "{\"id\": \"s\", \"text\": \"From a pipe.\"}\n";
    let results: Vec<_> = read_from(
        Path::new("-"),
        Cursor::new(input.as_bytes().to_vec()),
        &ReadOptions::default(),
    )
    .collect();
    assert_eq!(results.len(), 1);
    assert_eq!(results[0].as_ref().unwrap().text, "From a pipe.");

    let seed = std::fs::read(fixture("seed/convoy.txt")).unwrap();
    let from_pipe: Vec<_> =
        read_from(Path::new("-"), Cursor::new(seed), &ReadOptions::default()).collect();
    assert_eq!(from_pipe[0].as_ref().unwrap(), &read_one("seed/convoy.txt"));
}
