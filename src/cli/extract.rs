//! `geochron extract`: extraction only, no store. With `--jsonl` it follows the evaluation
//! contract of DESIGN.md: one JSON line in, one JSON line out, same id, same order.

use std::io::{self, BufRead, Write};

use chrono::NaiveDate;

use crate::extract::contract::{ContractInput, ContractOutput};
use crate::extract::extract;
use crate::ingest::ArticleInput;

/// Reads contract lines from `input` and writes one output line per non-blank input line.
/// A line that is not valid JSON gets an output line with a `null` id and a message on `errors`
/// naming its line number; the rest go on.
pub fn run_jsonl(
    input: impl BufRead,
    output: &mut impl Write,
    errors: &mut impl Write,
    source_name: &str,
) -> io::Result<()> {
    for (index, line) in input.lines().enumerate() {
        let line_no = index + 1;
        let line = match line {
            Ok(line) => line,
            Err(e) if e.kind() == io::ErrorKind::InvalidData => {
                writeln!(errors, "{source_name}:{line_no}: not valid UTF-8; skipped")?;
                serde_json::to_writer(
                    &mut *output,
                    &ContractOutput::empty(&serde_json::Value::Null),
                )?;
                writeln!(output)?;
                continue;
            }
            Err(e) => return Err(e),
        };
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<ContractInput>(&line) {
            Ok(doc) => {
                let published = doc.published.as_deref().and_then(|p| {
                    let parsed = NaiveDate::parse_from_str(p.trim(), "%Y-%m-%d").ok();
                    if parsed.is_none() {
                        let _ = writeln!(
                            errors,
                            "{source_name}:{line_no}: `published` is not YYYY-MM-DD: {p:?}; ignored"
                        );
                    }
                    parsed
                });
                let article = ArticleInput {
                    title: doc.title.clone().unwrap_or_default(),
                    published,
                    text: doc.text.clone(),
                    ..ArticleInput::default()
                };
                let extraction = extract(&article);
                serde_json::to_writer(&mut *output, &ContractOutput::new(&doc.id, &extraction))?;
            }
            Err(e) => {
                writeln!(
                    errors,
                    "{source_name}:{line_no}: not a JSON article line: {e}; skipped"
                )?;
                serde_json::to_writer(
                    &mut *output,
                    &ContractOutput::empty(&serde_json::Value::Null),
                )?;
            }
        }
        writeln!(output)?;
    }
    output.flush()
}

/// Extracts every article `articles` yields and writes a readable report: the article's focus
/// countries and dates found, then one line per event, most salient first. Unreadable articles
/// are reported on `errors` and skipped; returns how many were skipped.
pub fn run_report(
    articles: impl Iterator<Item = Result<ArticleInput, crate::ingest::InputError>>,
    output: &mut impl Write,
    errors: &mut impl Write,
) -> io::Result<usize> {
    let mut skipped = 0;
    for article in articles {
        let article = match article {
            Ok(article) => article,
            Err(e) => {
                writeln!(errors, "{e}; skipped")?;
                skipped += 1;
                continue;
            }
        };
        for warning in &article.warnings {
            writeln!(errors, "warning: {warning}")?;
        }
        let extraction = extract(&article);
        write_report(&article, &extraction, output)?;
    }
    output.flush()?;
    Ok(skipped)
}

fn write_report(
    article: &ArticleInput,
    extraction: &crate::extract::Extraction,
    out: &mut impl Write,
) -> io::Result<()> {
    let title = if article.title.is_empty() {
        "(untitled)"
    } else {
        &article.title
    };
    writeln!(out, "# {title}")?;
    let published = article
        .published
        .map_or("unknown".to_string(), |d| d.to_string());
    let countries: Vec<&str> = extraction
        .article
        .countries
        .iter()
        .map(|c| c.code())
        .collect();
    writeln!(
        out,
        "published {published}; countries {}",
        countries.join(", ")
    )?;
    let dates: Vec<String> = extraction
        .times
        .iter()
        .map(|t| format!("{} = {}", t.text, t.value))
        .collect();
    writeln!(
        out,
        "dates: {}",
        if dates.is_empty() {
            "-".to_string()
        } else {
            dates.join("; ")
        }
    )?;
    let mut places: Vec<String> = Vec::new();
    for mention in &extraction.places {
        let country = mention
            .place
            .country
            .map_or(String::new(), |c| format!(" ({c})"));
        let line = if mention.text == mention.place.name {
            format!("{}{country}", mention.text)
        } else {
            format!("{} = {}{country}", mention.text, mention.place.name)
        };
        if !places.contains(&line) {
            places.push(line);
        }
    }
    writeln!(
        out,
        "places: {}",
        if places.is_empty() {
            "-".to_string()
        } else {
            places.join("; ")
        }
    )?;
    writeln!(out, "{} events", extraction.events.len())?;
    for event in &extraction.events {
        let when = if event.when.start == event.when.end {
            event.when.start.to_string()
        } else {
            format!("{}..{}", event.when.start, event.when.end)
        };
        let place = event
            .place
            .as_ref()
            .map_or("-".to_string(), |p| match p.country {
                Some(c) => format!("{} ({c})", p.name),
                None => p.name.clone(),
            });
        let actors: Vec<&str> = event.actors.iter().map(|a| a.name.as_str()).collect();
        let count =
            |c: Option<crate::model::Count>| c.map_or("-".to_string(), |c| c.best.to_string());
        writeln!(
            out,
            "- {when} [{}, {:?}] {} @ {place}; actors: {}; killed {}, injured {}",
            event.when.precision,
            event.when.anchor,
            event.kind,
            if actors.is_empty() {
                "-".to_string()
            } else {
                actors.join(", ")
            },
            count(event.fatalities),
            count(event.injured),
        )?;
        let summary: String = event.summary.chars().take(160).collect();
        writeln!(
            out,
            "    \"{summary}{}\"",
            if event.summary.chars().count() > 160 {
                "…"
            } else {
                ""
            }
        )?;
    }
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_output_line_per_input_line_even_when_malformed() {
        let input = "{\"id\": \"a\", \"text\": \"Six died.\", \"published\": \"2020-01-03\"}\n\nnot json\n{\"id\": 7, \"text\": \"\", \"extra\": 1}\n";
        let (mut out, mut err) = (Vec::new(), Vec::new());
        run_jsonl(input.as_bytes(), &mut out, &mut err, "-").unwrap();
        let lines: Vec<serde_json::Value> = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0]["id"], "a");
        assert_eq!(lines[0]["article"]["published"], "2020-01-03");
        assert!(lines[1]["id"].is_null());
        assert_eq!(lines[2]["id"], 7);
        assert!(
            String::from_utf8(err)
                .unwrap()
                .contains("-:3: not a JSON article line")
        );
    }
}
