//! Golden extraction cases, one folder per rule family of the rule book (`rules/`): cues,
//! tolls, actors, dates, places, merging, and a folder whose cases bring rules of their own.
//!
//! Each case is `tests/golden/rules/<family>/<case>.txt`: optional header lines (`published:
//! YYYY-MM-DD`, `title: …`), a blank line, then the article's text. Beside it, `<case>.out` is
//! the reading extraction gives: the article's countries, its dates and places, and each event
//! with its kind, interval, place, actors with their roles, tolls and the words behind them. A
//! family folder with a `rules/` folder reads its cases with those rules
//! ([`Rules::from_dir`]: its tables replace the built-in ones).
//!
//! `GOLDEN_UPDATE=1 cargo test --test extract_golden` rewrites the expected readings from what
//! the code now does; review the change with `git diff`.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use geochron::extract::{Extraction, Rules, extract_with_rules};
use geochron::gazetteer::Gazetteer;
use geochron::ingest::ArticleInput;
use geochron::model::{Count, Event, Span};

/// The families, each a folder under `tests/golden/rules/`.
const FAMILIES: &[&str] = &[
    "cues", "tolls", "actors", "dates", "places", "merging", "override",
];

/// A case's article: its header lines, then its text after the first blank line.
fn article(case: &str) -> Result<ArticleInput, String> {
    let (head, text) = case.split_once("\n\n").unwrap_or(("", case));
    let mut input = ArticleInput {
        text: text.to_string(),
        ..ArticleInput::default()
    };
    for line in head.lines() {
        match line.split_once(':').map(|(k, v)| (k.trim(), v.trim())) {
            Some(("published", day)) => {
                input.published = Some(
                    NaiveDate::parse_from_str(day, "%Y-%m-%d")
                        .map_err(|e| format!("published: {day:?}: {e}"))?,
                );
            }
            Some(("title", title)) => input.title = title.to_string(),
            _ => return Err(format!("unknown header line {line:?} (published:, title:)")),
        }
    }
    Ok(input)
}

/// The words a span covers, quoted.
fn words(text: &str, span: Span) -> String {
    format!("{:?}", text.get(span.start..span.end).unwrap_or(""))
}

fn count(count: Option<Count>) -> String {
    match count {
        None => "-".to_string(),
        Some(c) if c.low == c.high => c.best.to_string(),
        Some(c) => format!("{} ({}..{})", c.best, c.low, c.high),
    }
}

/// The reading of one case, as the `.out` file holds it.
fn reading(input: &ArticleInput, extraction: &Extraction) -> String {
    let text = &input.text;
    let mut out = String::new();
    let countries: Vec<&str> = extraction
        .article
        .countries
        .iter()
        .map(|c| c.code())
        .collect();
    let published = input.published.map_or("unknown".into(), |d| d.to_string());
    let _ = writeln!(
        out,
        "published {published}; countries {}",
        countries.join(", ")
    );
    out.push_str("dates:\n");
    for t in &extraction.times {
        let _ = writeln!(out, "  {:?} {:?} {}", t.text, t.timex_type, t.value);
    }
    out.push_str("places:\n");
    for m in &extraction.places {
        let country = m.place.country.map_or("-".into(), |c| c.to_string());
        let _ = writeln!(
            out,
            "  {:?} = {} ({country}, {})",
            m.text,
            m.place.name,
            m.place.precision.as_str()
        );
    }
    let _ = writeln!(out, "events: {}", extraction.events.len());
    for (i, event) in extraction.events.iter().enumerate() {
        event_reading(&mut out, i + 1, text, event);
    }
    out
}

fn event_reading(out: &mut String, n: usize, text: &str, e: &Event) {
    let when = &e.when;
    let _ = writeln!(
        out,
        "{n}. {} {}..{} [{}, {:?}]",
        e.kind,
        when.start,
        when.end,
        when.precision.as_str(),
        when.anchor
    );
    if !e.status.is_happened() {
        let _ = writeln!(out, "   status {}", e.status.name());
    }
    // The quoted sentence, when it is not the first that told the event ("A clash … this
    // week" introduces it; the next sentence tells it).
    if e.evidence.sentences.first().is_some_and(|s| *s != e.span) {
        let quoted: String = e.summary.chars().take(QUOTED_CHARS).collect();
        let _ = writeln!(out, "   quoted {quoted:?}…");
    }
    if let Some(trigger) = e.evidence.trigger {
        let _ = writeln!(out, "   trigger {}", words(text, trigger));
    }
    if let Some(date) = e.evidence.date {
        let _ = writeln!(out, "   date from {}", words(text, date));
    }
    match &e.place {
        Some(p) => {
            let country = p.country.map_or("-".into(), |c| c.to_string());
            let from = e
                .evidence
                .place
                .map_or(String::new(), |s| format!(" from {}", words(text, s)));
            let _ = writeln!(
                out,
                "   place {} ({country}, {}){from}",
                p.name,
                p.precision.as_str()
            );
        }
        None => out.push_str("   place -\n"),
    }
    for actor in &e.actors {
        let _ = writeln!(out, "   actor {} ({:?})", actor.name, actor.role);
    }
    let spans = |spans: &[Span]| {
        let quoted: Vec<String> = spans.iter().map(|s| words(text, *s)).collect();
        if quoted.is_empty() {
            String::new()
        } else {
            format!(" from {}", quoted.join(", "))
        }
    };
    let _ = writeln!(
        out,
        "   killed {}{}; injured {}{}",
        count(e.fatalities),
        spans(&e.evidence.fatalities),
        count(e.injured),
        spans(&e.evidence.injured)
    );
    let _ = writeln!(out, "   sentences {}", e.evidence.sentences.len());
}

/// How much of a quoted sentence a reading shows.
const QUOTED_CHARS: usize = 40;

/// The cases of one family, sorted by name.
fn cases(folder: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = fs::read_dir(folder)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "txt"))
        .collect();
    found.sort();
    found
}

#[test]
fn every_rule_family_reads_its_cases_as_written_down() {
    let update = std::env::var_os("GOLDEN_UPDATE").is_some_and(|v| v == "1");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/rules");
    let mut failures = Vec::new();
    for family in FAMILIES {
        let folder = root.join(family);
        let own_rules = folder.join("rules");
        let rules = if own_rules.is_dir() {
            match Rules::from_dir(&own_rules) {
                Ok(rules) => Some(rules),
                Err(e) => {
                    failures.push(format!("{}: {e}", own_rules.display()));
                    continue;
                }
            }
        } else {
            None
        };
        let rules = rules.as_ref().unwrap_or_else(|| Rules::embedded());
        let cases = cases(&folder);
        if cases.is_empty() {
            failures.push(format!("family `{family}` has no cases"));
        }
        for case in cases {
            let input = match fs::read_to_string(&case)
                .map_err(|e| e.to_string())
                .and_then(|text| article(&text))
            {
                Ok(input) => input,
                Err(e) => {
                    failures.push(format!("{}: {e}", case.display()));
                    continue;
                }
            };
            let extraction = extract_with_rules(&input, Gazetteer::embedded(), rules);
            let actual = reading(&input, &extraction);
            let expected_path = case.with_extension("out");
            let expected = fs::read_to_string(&expected_path).ok();
            if expected.as_deref() == Some(actual.as_str()) {
                continue;
            }
            if update {
                if let Err(e) = fs::write(&expected_path, &actual) {
                    failures.push(format!("{}: cannot write: {e}", expected_path.display()));
                }
                continue;
            }
            failures.push(format!(
                "{} reads otherwise now:\n--- expected\n{}\n--- actual\n{actual}",
                case.display(),
                expected.as_deref().unwrap_or("(no expected reading yet)")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n\n(rerun with GOLDEN_UPDATE=1 to accept the new readings, then review `git diff`)",
        failures.join("\n\n")
    );
}
