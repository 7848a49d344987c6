//! Golden tests: plain-text cases beside their expected output, reviewed as diffs.
//!
//! Each suite is a folder `tests/golden/<suite>/` of cases with one extension (`case.gq`) and,
//! beside each, the expected output (`case.out`). A suite is a name, an extension and a stage
//! function from the case's text to its output; add a suite by adding a line to [`SUITES`].
//! `GOLDEN_UPDATE=1 cargo test --test golden` rewrites the expected files from what the code
//! now does; review the change with `git diff`.

use std::cell::RefCell;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use chrono::NaiveDate;
use geochron::gazetteer::Gazetteer;
use geochron::output::OutputFormat;
use geochron::query::{PlanContext, check::check, parse_script, parse_statement, plan};
use geochron::{Db, Session, Settings};

/// One folder of cases and the stage that turns a case into its output.
struct Suite {
    /// The folder under `tests/golden/`.
    name: &'static str,
    /// The extension of its cases.
    extension: &'static str,
    /// The stage under test: case text in, output text out.
    run: fn(&str) -> String,
}

/// Every suite: one line each.
const SUITES: &[Suite] = &[
    Suite {
        name: "parse",
        extension: "gq",
        run: parse_stage,
    },
    Suite {
        name: "extract",
        extension: "txt",
        run: extract_stage,
    },
    Suite {
        name: "plan",
        extension: "gq",
        run: plan_stage,
    },
    Suite {
        name: "result",
        extension: "gq",
        run: result_stage,
    },
];

/// The fixed day symbolic dates count from in the plan and result suites.
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, 1, 15).unwrap_or_default()
}

/// The plan stage: each statement, then its plan as EXPLAIN prints it (a leading `explain`
/// is optional), or the error rendered against the script.
fn plan_stage(script: &str) -> String {
    let context = PlanContext {
        today: today(),
        gazetteer: Gazetteer::embedded(),
    };
    let mut out = String::new();
    for statement in parse_script(script) {
        echo(&statement.text, &mut out);
        let planned = statement.result.clone().and_then(|parsed| {
            if let Some(error) = check(&parsed).into_iter().next() {
                return Err(error.shifted(statement.offset));
            }
            plan(&parsed, &context).map_err(|e| e.shifted(statement.offset))
        });
        match planned {
            Ok(plan) => out.push_str(&plan.to_string()),
            Err(error) => out.push_str(&error.render(script)),
        }
        out.push('\n');
    }
    out
}

/// A `Write` two writers can share, so results and errors interleave as they happen.
#[derive(Clone, Default)]
struct Shared(Rc<RefCell<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The result stage: the script run by a [`Session`], the road `geochron run` and the shell
/// take (keep-going, table format, 100 columns), against a fresh store holding the fixture
/// articles of tests/fixtures/query.
fn result_stage(script: &str) -> String {
    let shared = Shared::default();
    let run = || -> geochron::Result<()> {
        let db = Db::temporary()?;
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/query");
        db.ingest_path(fixtures)?;
        let settings = Settings {
            format: OutputFormat::Table,
            keep_going: true,
            width: 100,
            today: Some(today()),
            ..Settings::default()
        };
        let (mut out, mut err) = (shared.clone(), shared.clone());
        Session::new(&db, settings)
            .run_script(script, "case.gq", &mut out, &mut err)
            .map(|_| ())
    };
    let outcome = run();
    let mut text = String::from_utf8_lossy(&shared.0.borrow()).into_owned();
    if let Err(e) = outcome {
        text.push_str(&format!("(the script failed: {e})\n"));
    }
    text
}

/// Echoes a statement's text as `> first line`, then its other lines indented.
fn echo(text: &str, out: &mut String) {
    for (i, line) in text.trim().lines().enumerate() {
        out.push_str(if i == 0 { "> " } else { "  " });
        out.push_str(line.trim_end());
        out.push('\n');
    }
}

/// The extract stage: an article in the seed's format, read as `geochron ingest` reads it,
/// then the report `geochron extract FILE` prints — dates with their values, places with what
/// they resolved to, and the events with kind, interval, anchor, place, actors and tolls.
fn extract_stage(article: &str) -> String {
    let articles = geochron::ingest::read_from(
        Path::new("case.txt"),
        std::io::Cursor::new(article.as_bytes().to_vec()),
        &geochron::ingest::ReadOptions::default(),
    );
    let (mut out, mut errors) = (Vec::new(), Vec::new());
    if let Err(e) = geochron::cli::extract::run_report(articles, &mut out, &mut errors) {
        return format!("error: {e}\n");
    }
    String::from_utf8_lossy(&errors).into_owned() + &String::from_utf8_lossy(&out)
}

/// The parse stage: each statement of the script, then its canonical text — or the syntax and
/// meaning errors, rendered against the script so they name its lines. A statement whose
/// canonical text parses to something else is reported too.
fn parse_stage(script: &str) -> String {
    let mut out = String::new();
    for statement in parse_script(script) {
        for (i, line) in statement.text.trim().lines().enumerate() {
            out.push_str(if i == 0 { "> " } else { "  " });
            out.push_str(line.trim_end());
            out.push('\n');
        }
        match &statement.result {
            Err(error) => out.push_str(&error.render(script)),
            Ok(parsed) => {
                let errors = check(parsed);
                for error in &errors {
                    out.push_str(&error.clone().shifted(statement.offset).render(script));
                }
                if errors.is_empty() {
                    let canonical = parsed.to_string();
                    out.push_str(&canonical);
                    out.push('\n');
                    match parse_statement(&canonical) {
                        Ok(again) if &again == parsed => {}
                        other => out.push_str(&format!("ROUND TRIP CHANGED IT: {other:?}\n")),
                    }
                }
            }
        }
        out.push('\n');
    }
    out
}

#[test]
fn golden() {
    let update = std::env::var_os("GOLDEN_UPDATE").is_some_and(|v| v == "1");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut failures = Vec::new();
    for suite in SUITES {
        let cases = cases(&root.join(suite.name), suite.extension);
        assert!(!cases.is_empty(), "suite `{}` has no cases", suite.name);
        for case in cases {
            let input = fs::read_to_string(&case).unwrap_or_default();
            let actual = (suite.run)(&input);
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
            let shown = match &expected {
                Some(expected) => line_diff(expected, &actual),
                None => "(no expected output yet: run with GOLDEN_UPDATE=1)".to_string(),
            };
            failures.push(format!("{} differs:\n{shown}", case.display()));
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n\n(rerun with GOLDEN_UPDATE=1 to accept the new output, then review `git diff`)",
        failures.join("\n\n")
    );
}

/// The cases of one suite, sorted by name.
fn cases(folder: &Path, extension: &str) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = fs::read_dir(folder)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == extension))
        .collect();
    found.sort();
    found
}

/// A unified-style line diff: `-` expected only, `+` actual only, two lines of context.
fn line_diff(expected: &str, actual: &str) -> String {
    let old: Vec<&str> = expected.lines().collect();
    let new: Vec<&str> = actual.lines().collect();
    // Longest common subsequence table, from the ends.
    let mut lcs = vec![vec![0usize; new.len() + 1]; old.len() + 1];
    for i in (0..old.len()).rev() {
        for j in (0..new.len()).rev() {
            lcs[i][j] = if old[i] == new[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut lines: Vec<(char, &str)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < old.len() || j < new.len() {
        if i < old.len() && j < new.len() && old[i] == new[j] {
            lines.push((' ', old[i]));
            i += 1;
            j += 1;
        } else if i < old.len() && (j == new.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            lines.push(('-', old[i]));
            i += 1;
        } else {
            lines.push(('+', new[j]));
            j += 1;
        }
    }
    let changed: Vec<usize> = (0..lines.len()).filter(|&k| lines[k].0 != ' ').collect();
    let near = |k: usize| changed.iter().any(|&c| c.abs_diff(k) <= 2);
    let mut out = String::new();
    let mut skipped = false;
    for (k, (mark, line)) in lines.iter().enumerate() {
        if near(k) {
            if skipped {
                out.push_str("  ...\n");
                skipped = false;
            }
            out.push_str(&format!("{mark} {line}\n"));
        } else {
            skipped = true;
        }
    }
    if skipped && !out.is_empty() {
        out.push_str("  ...\n");
    }
    out
}

#[test]
fn line_diff_marks_changes_with_context() {
    let diff = line_diff("a\nb\nc\nd\ne\nf\ng\n", "a\nb\nc\nD\ne\nf\ng\n");
    assert_eq!(diff, "  ...\n  b\n  c\n- d\n+ D\n  e\n  f\n  ...\n");
    assert_eq!(line_diff("same\n", "same\n"), "");
}
