//! The example articles in `examples/` read clean: no errors, no warnings, and every article has
//! what the seed format promises (a publication date, a title, a country, a source).

use std::path::Path;

use geochron::ingest::{ArticleInput, ReadOptions, read_paths};

fn examples(folder: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(folder)
        .display()
        .to_string()
}

#[test]
fn every_example_article_reads_clean_and_complete() {
    let paths = [examples("articles"), examples("jsonl")];
    let mut articles: Vec<ArticleInput> = Vec::new();
    for result in read_paths(&paths, &ReadOptions::default()) {
        match result {
            Ok(article) => articles.push(article),
            Err(e) => panic!("{e}"),
        }
    }
    assert!(articles.len() >= 18, "{} articles", articles.len());
    for article in &articles {
        let name = &article.title;
        assert!(
            article.warnings.is_empty(),
            "{name}: {:?}",
            article.warnings
        );
        assert!(!article.title.is_empty(), "a title");
        assert!(article.published.is_some(), "{name}: a date");
        assert!(!article.countries.is_empty(), "{name}: a country");
        assert!(article.source.is_some(), "{name}: a source");
        let words = article.text.split_whitespace().count();
        assert!(words >= 40, "{name}: {words} words");
        assert!(!article.text.contains("Affected Countries"), "{name}");
        assert!(!article.text.contains("Source:"), "{name}");
    }
}

#[test]
fn seed_examples_are_full_length_with_unique_titles() {
    let (articles, errors): (Vec<_>, Vec<_>) =
        read_paths(&[examples("articles")], &ReadOptions::default()).partition(Result::is_ok);
    assert!(errors.is_empty());
    let articles: Vec<ArticleInput> = articles.into_iter().flatten().collect();
    assert!(articles.len() >= 15);
    for article in &articles {
        let words = article.text.split_whitespace().count();
        assert!(
            (250..=600).contains(&words),
            "{}: {words} words",
            article.title
        );
        assert!(
            !article.text.contains(&article.title),
            "the title is header, not body"
        );
    }
    let mut titles: Vec<&str> = articles.iter().map(|a| a.title.as_str()).collect();
    titles.sort_unstable();
    titles.dedup();
    assert_eq!(titles.len(), articles.len());
}
