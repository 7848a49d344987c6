//! `geochron extract`: extraction only, no store. With `--jsonl` it follows the evaluation
//! contract of DESIGN.md: one JSON line in, one JSON line out, same id, same order.

use std::collections::BTreeMap;
use std::io::{self, BufRead, Write};
use std::sync::{Mutex, mpsc};

use crate::extract::contract::{ContractInput, ContractOutput};
use crate::extract::{Rules, extract_with_rules};
use crate::gazetteer::Gazetteer;
use crate::ingest::{ArticleInput, parse_published};

/// Lines handed to a worker at once: enough to make the hand-over cheap, few enough that the
/// last chunks of a feed still spread over the cores.
const CHUNK_LINES: usize = 64;

/// One input line as read: its 1-based number, and its text or `None` when it was not UTF-8.
type Line = (usize, Option<String>);

/// What a chunk of lines writes: its output lines and its messages, each in line order.
#[derive(Default)]
struct ChunkOutput {
    output: Vec<u8>,
    errors: Vec<u8>,
}

/// The number of threads `--threads` means when not given: one per core.
pub fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// Parses a `--threads` value: a whole number of threads, 1 or more.
pub fn parse_threads(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(0) => Err("`0` threads cannot extract anything: give 1 or more".to_string()),
        Ok(n) => Ok(n),
        Err(_) if text.trim().is_empty() => Err("give a number of threads, 1 or more".to_string()),
        Err(_) => Err(format!(
            "`{text}` is not a number of threads: give a whole number, 1 or more"
        )),
    }
}

/// Reads contract lines from `input` and writes one output line per non-blank input line, in
/// input order, extracting on `threads` threads. A line that is not valid JSON gets an output
/// line with a `null` id and a message on `errors` naming its line number; the rest go on.
pub fn run_jsonl(
    input: impl BufRead,
    output: &mut impl Write,
    errors: &mut impl Write,
    source_name: &str,
    threads: usize,
) -> io::Result<()> {
    run_jsonl_with(
        input,
        output,
        errors,
        source_name,
        threads,
        Rules::embedded(),
    )
}

/// [`run_jsonl`] with `rules` (a folder read with [`Rules::from_dir`], say) instead of the
/// embedded rules.
pub fn run_jsonl_with(
    input: impl BufRead,
    output: &mut impl Write,
    errors: &mut impl Write,
    source_name: &str,
    threads: usize,
    rules: &Rules,
) -> io::Result<()> {
    let mut chunks = Chunks {
        lines: input.lines().enumerate(),
        failure: None,
    };
    if threads <= 1 {
        while let Some(chunk) = chunks.next_chunk() {
            write_chunk(&run_chunk(chunk, source_name, rules), output, errors)?;
        }
    } else {
        run_parallel(&mut chunks, output, errors, source_name, threads, rules)?;
    }
    match chunks.failure {
        Some(e) => Err(e),
        None => output.flush(),
    }
}

/// Input lines cut into chunks; a read error ends the input and is kept for the caller, after
/// the lines before it are written.
struct Chunks<I> {
    lines: I,
    failure: Option<io::Error>,
}

impl<I: Iterator<Item = (usize, io::Result<String>)>> Chunks<I> {
    fn next_chunk(&mut self) -> Option<Vec<Line>> {
        if self.failure.is_some() {
            return None;
        }
        let mut chunk = Vec::with_capacity(CHUNK_LINES);
        while chunk.len() < CHUNK_LINES {
            let Some((index, line)) = self.lines.next() else {
                break;
            };
            match line {
                Ok(line) => chunk.push((index + 1, Some(line))),
                Err(e) if e.kind() == io::ErrorKind::InvalidData => chunk.push((index + 1, None)),
                Err(e) => {
                    self.failure = Some(e);
                    break;
                }
            }
        }
        (!chunk.is_empty()).then_some(chunk)
    }
}

/// Workers take chunks from a shared queue and send back their output; this thread reads the
/// input and writes finished chunks in input order.
fn run_parallel<I: Iterator<Item = (usize, io::Result<String>)>>(
    chunks: &mut Chunks<I>,
    output: &mut impl Write,
    errors: &mut impl Write,
    source_name: &str,
    threads: usize,
    rules: &Rules,
) -> io::Result<()> {
    // A bounded queue: the reader stays only a few chunks ahead of the workers.
    let (job_tx, job_rx) = mpsc::sync_channel::<(usize, Vec<Line>)>(threads * 2);
    let job_rx = Mutex::new(job_rx);
    let (done_tx, done_rx) = mpsc::channel::<(usize, ChunkOutput)>();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let (job_rx, done_tx) = (&job_rx, done_tx.clone());
            scope.spawn(move || {
                loop {
                    // The lock is held only while taking a job, never while extracting.
                    let job = match job_rx.lock() {
                        Ok(rx) => rx.recv(),
                        Err(_) => return,
                    };
                    let Ok((seq, chunk)) = job else { return };
                    if done_tx
                        .send((seq, run_chunk(chunk, source_name, rules)))
                        .is_err()
                    {
                        return;
                    }
                }
            });
        }
        drop(done_tx);
        let mut pending: BTreeMap<usize, ChunkOutput> = BTreeMap::new();
        let mut next_to_write = 0;
        let mut write_ready = |pending: &mut BTreeMap<usize, ChunkOutput>,
                               next_to_write: &mut usize|
         -> io::Result<()> {
            while let Some(done) = pending.remove(next_to_write) {
                write_chunk(&done, output, errors)?;
                *next_to_write += 1;
            }
            Ok(())
        };
        let mut sent = 0;
        let mut result = Ok(());
        while let Some(chunk) = chunks.next_chunk() {
            if job_tx.send((sent, chunk)).is_err() {
                break;
            }
            sent += 1;
            pending.extend(done_rx.try_iter());
            result = write_ready(&mut pending, &mut next_to_write);
            if result.is_err() {
                break;
            }
        }
        // No more jobs: the workers finish theirs and stop.
        drop(job_tx);
        if result.is_ok() {
            for done in done_rx.iter() {
                pending.insert(done.0, done.1);
                result = write_ready(&mut pending, &mut next_to_write);
                if result.is_err() {
                    break;
                }
            }
        }
        result
    })
}

fn write_chunk(
    done: &ChunkOutput,
    output: &mut impl Write,
    errors: &mut impl Write,
) -> io::Result<()> {
    errors.write_all(&done.errors)?;
    output.write_all(&done.output)
}

/// Extracts one chunk of lines into memory; writing to a `Vec` cannot fail.
fn run_chunk(chunk: Vec<Line>, source_name: &str, rules: &Rules) -> ChunkOutput {
    let mut done = ChunkOutput::default();
    for (line_no, line) in chunk {
        // Writes into a `Vec` never fail, and serialising the contract types never does.
        let _ = run_line(line_no, line, source_name, rules, &mut done);
    }
    done
}

fn run_line(
    line_no: usize,
    line: Option<String>,
    source_name: &str,
    rules: &Rules,
    done: &mut ChunkOutput,
) -> io::Result<()> {
    let (output, errors) = (&mut done.output, &mut done.errors);
    let Some(line) = line else {
        writeln!(errors, "{source_name}:{line_no}: not valid UTF-8; skipped")?;
        serde_json::to_writer(
            &mut *output,
            &ContractOutput::empty(&serde_json::Value::Null),
        )?;
        return writeln!(output);
    };
    if line.trim().is_empty() {
        return Ok(());
    }
    match serde_json::from_str::<ContractInput>(&line) {
        Ok(doc) => {
            let ContractInput {
                id,
                text,
                published,
                title,
            } = doc;
            let published = published.as_deref().and_then(|p| {
                // As ingest reads it: a date, or the date part of a timestamp.
                let parsed = parse_published(p.trim());
                if parsed.is_none() {
                    let _ = writeln!(
                        errors,
                        "{source_name}:{line_no}: `published` is neither YYYY-MM-DD nor a timestamp: {p:?}; ignored"
                    );
                }
                parsed
            });
            let mut article = ArticleInput {
                title: title.unwrap_or_default(),
                published,
                text,
                ..ArticleInput::default()
            };
            for cut in crate::ingest::limits::cut_to_limits(&mut article) {
                writeln!(errors, "{source_name}:{line_no}: warning: {cut}")?;
            }
            let extraction = extract_with_rules(&article, Gazetteer::embedded(), rules);
            serde_json::to_writer(&mut *output, &ContractOutput::new(&id, &extraction))?;
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
    writeln!(output)
}

/// Extracts every article `articles` yields and writes a readable report: the article's focus
/// countries and dates found, then one line per event, most salient first. Unreadable articles
/// are reported on `errors` and skipped; returns how many were skipped.
pub fn run_report(
    articles: impl Iterator<Item = Result<ArticleInput, crate::ingest::InputError>>,
    output: &mut impl Write,
    errors: &mut impl Write,
) -> io::Result<usize> {
    run_report_with(articles, output, errors, Rules::embedded())
}

/// [`run_report`] with `rules` instead of the embedded rules.
pub fn run_report_with(
    articles: impl Iterator<Item = Result<ArticleInput, crate::ingest::InputError>>,
    output: &mut impl Write,
    errors: &mut impl Write,
    rules: &Rules,
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
        let extraction = extract_with_rules(&article, Gazetteer::embedded(), rules);
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
            "- {when} [{}, {:?}] {}{} @ {place}; actors: {}; killed {}, injured {}",
            event.when.precision,
            event.when.anchor,
            event.kind,
            if event.status.is_happened() {
                String::new()
            } else {
                format!(" ({})", event.status.name())
            },
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
        for threads in [1, 3] {
            let (mut out, mut err) = (Vec::new(), Vec::new());
            run_jsonl(input.as_bytes(), &mut out, &mut err, "-", threads).unwrap();
            check_lines(out, err);
        }
    }

    #[test]
    fn published_is_read_as_ingest_reads_it() {
        let input = "{\"id\": 1, \"text\": \"\", \"published\": \"2014-01-20T08:15:00+02:00\"}\n{\"id\": 2, \"text\": \"\", \"published\": \"20/01/2014\"}\n";
        let (mut out, mut err) = (Vec::new(), Vec::new());
        run_jsonl(input.as_bytes(), &mut out, &mut err, "w.jsonl", 1).unwrap();
        let out = String::from_utf8(out).unwrap();
        let first: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
        assert_eq!(first["article"]["published"], "2014-01-20");
        let err = String::from_utf8(err).unwrap();
        assert!(err.contains("w.jsonl:2: `published` is neither"), "{err}");
        assert!(!err.contains("w.jsonl:1:"), "{err}");
    }

    fn check_lines(out: Vec<u8>, err: Vec<u8>) {
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

    #[test]
    fn threads_keep_input_order_and_bad_lines() {
        let mut input = Vec::new();
        for i in 0..200 {
            if i == 130 {
                input.extend_from_slice(b"{\"id\": \"\xff\"}\n");
            } else {
                let line = format!(
                    "{{\"id\": {i}, \"text\": \"Six died in Mosul on {} March.\", \"published\": \"2020-03-30\"}}\n",
                    i % 28 + 1
                );
                input.extend_from_slice(line.as_bytes());
            }
        }
        let run = |threads| {
            let (mut out, mut err) = (Vec::new(), Vec::new());
            run_jsonl(input.as_slice(), &mut out, &mut err, "-", threads).unwrap();
            (out, err)
        };
        let (one, one_err) = run(1);
        let (four, four_err) = run(4);
        assert_eq!(one, four);
        assert_eq!(one_err, four_err);
        let ids: Vec<serde_json::Value> = String::from_utf8(four)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].clone())
            .collect();
        assert_eq!(ids.len(), 200);
        assert_eq!(ids[129], 129);
        assert!(ids[130].is_null());
        assert_eq!(ids[199], 199);
        assert!(
            String::from_utf8(four_err)
                .unwrap()
                .contains("-:131: not valid UTF-8")
        );
    }

    #[test]
    fn threads_are_a_whole_number_from_one() {
        assert_eq!(parse_threads("1"), Ok(1));
        assert_eq!(parse_threads("16"), Ok(16));
        for bad in ["0", "-1", "two", "", "1.5", "99999999999999999999999"] {
            assert!(parse_threads(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_rules_folder_changes_what_the_lines_read() {
        let dir = tempfile::tempdir().unwrap();
        let cues = dir.path().join("events");
        std::fs::create_dir_all(&cues).unwrap();
        std::fs::write(cues.join("cues.tsv"), "phrase\tcue\nskirmished\tclash\n").unwrap();
        let rules = Rules::from_dir(dir.path()).unwrap();
        let input = "{\"id\": \"a\", \"text\": \"Rebels and soldiers skirmished near Mosul.\", \"published\": \"2020-01-03\"}\n";
        let kinds = |rules: &Rules| {
            let (mut out, mut err) = (Vec::new(), Vec::new());
            run_jsonl_with(input.as_bytes(), &mut out, &mut err, "-", 2, rules).unwrap();
            let line: serde_json::Value = serde_json::from_slice(&out).unwrap();
            line["events"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["kind"].as_str().unwrap_or("").to_string())
                .collect::<Vec<_>>()
        };
        // The built-in rule book knows no "skirmished" (and the story dates no sentence, so no
        // event of no kind either); the folder's table makes it a clash.
        assert!(kinds(Rules::embedded()).is_empty());
        assert_eq!(kinds(&rules), ["battle.armed_clash"]);
    }
}
