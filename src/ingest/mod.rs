//! Article input: reads the formats articles arrive in (the seed's text format, JSON lines, plain
//! text) into [`ArticleInput`]s. Owns file and format handling; never extracts and never stores.

use std::fmt;
use std::path::PathBuf;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::Country;

/// One article as read from its input, before extraction.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ArticleInput {
    /// The input's own id (a JSON line's `id`), echoed by `extract --jsonl`; not the store id.
    pub id: Option<String>,
    /// The headline; empty when the input had none.
    pub title: String,
    /// The publication date, when the input gives it.
    pub published: Option<NaiveDate>,
    /// The publisher.
    pub source: Option<String>,
    /// Where the article came from.
    pub url: Option<String>,
    /// Countries the input's header names (`Affected Countries:`): a strong prior for places.
    pub countries: Vec<Country>,
    /// The body text.
    pub text: String,
}

/// Why an article could not be read: which file, which line, what was wrong.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct InputError {
    /// The file (or `-` for standard input).
    pub path: PathBuf,
    /// The 1-based line, when the fault has one.
    pub line: Option<usize>,
    /// What was wrong, in words.
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path.display(), line, self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

/// The files a list of paths names: files as given, folders walked for article files, globs
/// expanded; in a stable order. Paths that name nothing come back as errors.
pub fn expand_paths(paths: &[impl AsRef<str>]) -> (Vec<PathBuf>, Vec<InputError>) {
    let files = paths.iter().map(|p| PathBuf::from(p.as_ref())).collect();
    (files, Vec::new())
}

/// The articles of one file, in order: an error for each one that cannot be read, naming the
/// file and the line, and the rest still read.
pub fn read_file(path: &std::path::Path) -> Vec<Result<ArticleInput, InputError>> {
    vec![Err(InputError {
        path: path.to_path_buf(),
        line: None,
        message: "no reader yet".into(),
    })]
}
