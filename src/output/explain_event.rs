//! How `explain event ID` reads in the table format: each field with its value and, quoted,
//! the words of the article it came from; then the article, the sentences, and the other
//! articles that reported the same happening.

use std::io::{self, Write};

use crate::model::{Event, Span};
use crate::query::result::Provenance;
use crate::query::rows::Datum;

/// Writes an event's provenance, one field a line.
pub fn write(p: &Provenance, out: &mut dyn Write) -> io::Result<()> {
    let e = &p.event;
    let text = p.article.as_ref().map(|a| a.text.as_str());
    // The quoted words behind a field, or nothing when the article is gone or kept none.
    let quote = |span: Option<Span>| -> String {
        match (span, text) {
            (Some(span), Some(text)) if !span.slice(text).is_empty() => {
                format!("  ← {:?} at {}..{}", span.slice(text), span.start, span.end)
            }
            _ => String::new(),
        }
    };
    let evidence = &e.evidence;
    writeln!(out, "event      {}", e.id)?;
    writeln!(out, "kind       {}{}", e.kind, quote(evidence.trigger))?;
    writeln!(out, "date       {}{}", date(e), quote(evidence.date))?;
    match &e.place {
        Some(place) => writeln!(
            out,
            "place      {}{} ({:.4}, {:.4}), {} precision{}",
            place.name,
            place.country.map(|c| format!(", {c}")).unwrap_or_default(),
            place.lat,
            place.lon,
            place.precision.as_str(),
            quote(evidence.place)
        )?,
        None => writeln!(out, "place      (none)")?,
    }
    for (i, actor) in e.actors.iter().enumerate() {
        let role = format!("{:?}", actor.role).to_lowercase();
        let words = evidence.actors.get(i).copied().flatten();
        let implied = if words.is_none() && text.is_some() {
            "  (implied by the kind)"
        } else {
            ""
        };
        writeln!(
            out,
            "actor      {} ({role}){}{implied}",
            actor.name,
            quote(words)
        )?;
    }
    if let Some(k) = e.fatalities {
        writeln!(
            out,
            "killed     {}{}",
            count(k),
            quotes(&evidence.fatalities, text)
        )?;
    }
    if let Some(k) = e.injured {
        writeln!(
            out,
            "injured    {}{}",
            count(k),
            quotes(&evidence.injured, text)
        )?;
    }
    writeln!(out, "confidence {:.2}", e.confidence)?;
    match &p.article {
        Some(a) => {
            writeln!(out, "article    {} {:?}", a.id, a.title)?;
            if let Some(published) = a.published {
                writeln!(out, "published  {published}")?;
            }
            if let Some(source) = &a.source {
                writeln!(out, "source     {source}")?;
            }
            let sentences = if evidence.sentences.is_empty() {
                vec![e.span]
            } else {
                evidence.sentences.clone()
            };
            for span in sentences {
                writeln!(out, "sentence   bytes {}..{}:", span.start, span.end)?;
                let sentence = span.slice(&a.text);
                let shown = if sentence.is_empty() {
                    &e.summary
                } else {
                    sentence
                };
                writeln!(out, "  {shown}")?;
            }
        }
        None => {
            writeln!(out, "article    {} (no longer stored)", e.article)?;
            writeln!(out, "summary    {}", e.summary)?;
        }
    }
    for report in &p.other_reports {
        let role = if report.counted {
            "counted as"
        } else {
            "also reported as"
        };
        writeln!(
            out,
            "{role} event {} of article {}{}",
            report.event,
            report.article,
            report
                .source
                .as_ref()
                .map(|s| format!(" ({s})"))
                .unwrap_or_default()
        )?;
    }
    Ok(())
}

fn date(e: &Event) -> String {
    let when = &e.when;
    let mut date = Datum::Interval(when.start, when.end).to_string();
    date.push_str(&format!(
        " ({} precision, anchored {:?})",
        when.precision, when.anchor
    ));
    date
}

fn count(k: crate::model::Count) -> String {
    format!("{} ({}..{})", k.best, k.low, k.high)
}

/// Several quoted words, joined: a count read from more than one place.
fn quotes(spans: &[Span], text: Option<&str>) -> String {
    let Some(text) = text else {
        return String::new();
    };
    let words: Vec<String> = spans
        .iter()
        .filter(|s| !s.slice(text).is_empty())
        .map(|s| format!("{:?} at {}..{}", s.slice(text), s.start, s.end))
        .collect();
    if words.is_empty() {
        String::new()
    } else {
        format!("  ← {}", words.join(", "))
    }
}
