//! Article input: reads the formats articles arrive in (the seed's text format, JSON lines, plain
//! text) into [`ArticleInput`]s. Owns file and format handling; never extracts and never stores.
//!
//! 1. [`expand_paths`] turns what a user typed (files, folders, glob patterns) into a sorted list
//!    of files, with an [`InputError`] for each argument that names nothing.
//! 2. [`read_file`] opens one file, refuses it if it is empty, binary or not UTF-8, picks its
//!    [`Format`] (by extension, else by sniffing its head) and returns an [`ArticleReader`]: an
//!    iterator of `Result<ArticleInput, InputError>`. JSON lines are streamed one line at a time,
//!    so a file of a million articles never sits in memory; a bad line is one `Err` and the lines
//!    after it are still read.
//! 3. Problems that do not cost the article (an `Affected Countries:` slug no ISO name matches, a
//!    `published` value that is not a date) travel with it as [`InputWarning`]s in
//!    [`ArticleInput::warnings`]: the caller prints them or counts them, and stores the article.
//!
//! Nothing here panics on file content, and one bad file never stops the rest of a batch:
//! [`read_paths`] chains the two steps and yields every error in place.

mod countries;
mod jsonl;
mod layout;
pub mod limits;
mod paths;
mod plain;
mod reader;
mod seed;

use std::fmt;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::Country;

pub(crate) use jsonl::parse_published;
pub use paths::{ARTICLE_EXTENSIONS, expand_paths};
pub use reader::{ArticleReader, read_file, read_from};

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
    /// What the reader noticed but read past (an unknown country slug, a date it could not
    /// parse); empty for a clean article. Not part of the article itself: never stored.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<InputWarning>,
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

impl InputError {
    /// An error about `path` (at `line`, when the fault has one).
    pub fn new(path: &Path, line: Option<usize>, message: impl Into<String>) -> InputError {
        InputError {
            path: path.to_path_buf(),
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path.display(), line, self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

/// Something the reader read past without losing the article: where it was and what it was.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputWarning {
    /// The file (or `-` for standard input).
    pub path: PathBuf,
    /// The 1-based line, when the warning has one.
    pub line: Option<usize>,
    /// What was read past, in words.
    pub message: String,
}

impl InputWarning {
    /// A warning about `path` (at `line`, when it has one).
    pub fn new(path: &Path, line: Option<usize>, message: impl Into<String>) -> InputWarning {
        InputWarning {
            path: path.to_path_buf(),
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for InputWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path.display(), line, self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

/// The layouts an article file can have.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// The seed's text format: a `Month D, YYYY »` date line, the title (often twice), an
    /// `Affected Countries:` line, body paragraphs and a closing `Source:` line.
    Seed,
    /// One JSON object per line: `{"id", "title", "published", "text", "source", "url",
    /// "countries"}`, only `text` required.
    JsonLines,
    /// Plain text: the first non-blank line is the title, the rest is the body.
    Plain,
}

/// How to read files: what to assume where the input says nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// The publication date for every article whose input gives none (plain text never does;
    /// the CLI's `--published` sets it). A date the input does give is kept.
    pub published: Option<NaiveDate>,
    /// Read every file in this format instead of detecting it.
    pub format: Option<Format>,
}

/// Every article the paths name, in order: expansion errors first, then each file's articles
/// and errors as [`read_file`] yields them. The one call an `ingest PATH…` command needs.
pub fn read_paths(paths: &[impl AsRef<str>], options: &ReadOptions) -> PathsReader {
    let (files, errors) = expand_paths(paths);
    let files: Vec<(PathBuf, u64)> = files
        .into_iter()
        .map(|file| {
            let size = std::fs::metadata(&file).map_or(0, |m| m.len());
            (file, size)
        })
        .collect();
    PathsReader {
        bytes_total: files.iter().map(|(_, size)| size).sum(),
        errors: errors.into_iter(),
        files: files.into_iter(),
        current: None,
        bytes_done: 0,
        options: options.clone(),
    }
}

/// The articles of a list of paths, as [`read_paths`] gives them, and how far through their
/// bytes the reading is: what a progress bar shows.
pub struct PathsReader {
    errors: std::vec::IntoIter<InputError>,
    files: std::vec::IntoIter<(PathBuf, u64)>,
    /// The file being read, with its size.
    current: Option<(ArticleReader, u64)>,
    /// Bytes of the files read to their end.
    bytes_done: u64,
    bytes_total: u64,
    options: ReadOptions,
}

impl PathsReader {
    /// The size of every file to read, in bytes (known before reading starts).
    pub fn bytes_total(&self) -> u64 {
        self.bytes_total
    }

    /// Bytes read so far: the files finished, and the part of the current one read (a
    /// JSON-lines file line by line; a file of one article when it is done).
    pub fn bytes_read(&self) -> u64 {
        let current = self
            .current
            .as_ref()
            .map_or(0, |(reader, size)| reader.bytes_read().min(*size));
        self.bytes_done + current
    }
}

impl Iterator for PathsReader {
    type Item = Result<ArticleInput, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(error) = self.errors.next() {
            return Some(Err(error));
        }
        loop {
            if let Some(item) = self.current.as_mut().and_then(|(reader, _)| reader.next()) {
                return Some(item);
            }
            if let Some((_, size)) = self.current.take() {
                self.bytes_done += size;
            }
            let (file, size) = self.files.next()?;
            self.current = Some((read_file(&file, &self.options), size));
        }
    }
}
