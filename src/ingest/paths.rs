//! From what a user typed to the files to read: files as given, folders walked recursively for
//! article files, glob patterns expanded. Never opens a file to read it.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use glob::MatchOptions;

use super::InputError;

/// The extensions a folder walk picks up (any case). A file named on its own is read whatever
/// its extension; `.json` is left out of walks because folders hold JSON that is not articles.
pub const ARTICLE_EXTENSIONS: &[&str] = &["txt", "jsonl", "ndjson"];

/// The files a list of paths names, each once: a file as given; a folder walked recursively
/// for files with an [`ARTICLE_EXTENSIONS`] extension, hidden files and folders (`.name`)
/// skipped; a glob pattern (`*`, `?`, `[…]`) expanded, hidden entries needing a literal `.`,
/// folders it matches walked. Each argument's files come sorted by path, arguments in the order
/// given. An argument that names nothing, and a folder that cannot be read, is an error; the
/// rest are still expanded.
pub fn expand_paths(paths: &[impl AsRef<str>]) -> (Vec<PathBuf>, Vec<InputError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut seen = HashSet::new();
    for argument in paths {
        let argument = argument.as_ref();
        let path = Path::new(argument);
        let errors_before = errors.len();
        let (found, nothing) = if fs::metadata(path).is_ok() {
            (
                expand_existing(path, &mut errors),
                "holds no article files (.txt, .jsonl, .ndjson)",
            )
        } else if is_pattern(argument) {
            (
                expand_pattern(argument, &mut errors),
                "pattern matches no files",
            )
        } else {
            (Vec::new(), "no such file or folder")
        };
        if found.is_empty() && errors.len() == errors_before {
            errors.push(InputError::new(path, None, nothing));
        }
        for file in found {
            if seen.insert(file.clone()) {
                files.push(file);
            }
        }
    }
    (files, errors)
}

fn is_pattern(argument: &str) -> bool {
    argument.contains(['*', '?', '['])
}

/// A file as itself; a folder as its article files, sorted.
fn expand_existing(path: &Path, errors: &mut Vec<InputError>) -> Vec<PathBuf> {
    if !path.is_dir() {
        return vec![path.to_path_buf()];
    }
    let mut files = Vec::new();
    walk(path, &mut files, errors, &mut HashSet::new());
    files.sort();
    files
}

fn expand_pattern(pattern: &str, errors: &mut Vec<InputError>) -> Vec<PathBuf> {
    let options = MatchOptions {
        case_sensitive: true,
        require_literal_separator: true,
        require_literal_leading_dot: true,
    };
    let matches = match glob::glob_with(pattern, options) {
        Ok(matches) => matches,
        Err(e) => {
            errors.push(InputError::new(
                Path::new(pattern),
                None,
                format!("not a valid glob pattern: {e}"),
            ));
            return Vec::new();
        }
    };
    let mut files = Vec::new();
    for found in matches {
        match found {
            Ok(path) if path.is_dir() => walk(&path, &mut files, errors, &mut HashSet::new()),
            Ok(path) => files.push(path),
            Err(e) => errors.push(InputError::new(
                e.path(),
                None,
                format!("cannot read: {}", e.error()),
            )),
        }
    }
    files.sort();
    files
}

/// Collects the article files under `folder`. `visited` holds the folders already walked (by
/// their real path) so a symbolic link back up the tree cannot loop.
fn walk(
    folder: &Path,
    files: &mut Vec<PathBuf>,
    errors: &mut Vec<InputError>,
    visited: &mut HashSet<PathBuf>,
) {
    let real = fs::canonicalize(folder).unwrap_or_else(|_| folder.to_path_buf());
    if !visited.insert(real) {
        return;
    }
    let entries = match fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(e) => {
            errors.push(InputError::new(
                folder,
                None,
                format!("cannot read folder: {e}"),
            ));
            return;
        }
    };
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                errors.push(InputError::new(
                    folder,
                    None,
                    format!("cannot read folder: {e}"),
                ));
                continue;
            }
        };
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        match fs::metadata(&path) {
            Ok(meta) if meta.is_dir() => walk(&path, files, errors, visited),
            Ok(_) if has_article_extension(&path) => files.push(path),
            Ok(_) => {}
            Err(e) => errors.push(InputError::new(&path, None, format!("cannot read: {e}"))),
        }
    }
}

fn has_article_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ARTICLE_EXTENSIONS.iter().any(|a| a.eq_ignore_ascii_case(e)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_are_told_from_names() {
        assert!(is_pattern("articles/*.txt"));
        assert!(is_pattern("a?.txt"));
        assert!(is_pattern("[ab].txt"));
        assert!(!is_pattern("articles/a.txt"));
    }

    #[test]
    fn article_extensions_in_any_case() {
        assert!(has_article_extension(Path::new("a/B.TXT")));
        assert!(has_article_extension(Path::new("wire.ndjson")));
        assert!(!has_article_extension(Path::new("notes.md")));
        assert!(!has_article_extension(Path::new("config.json")));
        assert!(!has_article_extension(Path::new("txt")));
    }
}
