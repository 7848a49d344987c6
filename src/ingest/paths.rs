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
    walk(path, &mut files, errors);
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
            Ok(path) if path.is_dir() => walk(&path, &mut files, errors),
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

/// Collects the regular article files under `top`, in time linear in the entries: a stack of
/// folders instead of recursion (a folder 100,000 deep cannot overflow the stack), entry
/// types from the folder listing and the folders already walked known by device and inode,
/// not by resolving each one's path (which cost a syscall per path component: a folder
/// 2,500 deep took 145 s). A symbolic link back up the tree cannot loop; named pipes,
/// devices and sockets are never opened (a pipe would block the ingest forever).
fn walk(top: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<InputError>) {
    let mut visited = HashSet::new();
    let mut folders = match fs::metadata(top) {
        Ok(meta) => vec![(top.to_path_buf(), meta)],
        Err(e) => {
            errors.push(cannot_read_folder(top, &e));
            return;
        }
    };
    while let Some((folder, meta)) = folders.pop() {
        if !visited.insert(folder_identity(&folder, &meta)) {
            continue;
        }
        let entries = match fs::read_dir(&folder) {
            Ok(entries) => entries,
            Err(e) => {
                errors.push(cannot_read_folder(&folder, &e));
                continue;
            }
        };
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    errors.push(cannot_read_folder(&folder, &e));
                    continue;
                }
            };
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let path = entry.path();
            // The entry's own metadata, read relative to its folder; a symbolic link is
            // followed.
            let meta = match entry.file_type() {
                Ok(kind) if kind.is_symlink() => fs::metadata(&path),
                Ok(_) => entry.metadata(),
                Err(e) => Err(e),
            };
            match meta {
                Ok(meta) if meta.is_dir() => folders.push((path, meta)),
                Ok(_) if !has_article_extension(&path) => {}
                Ok(meta) if meta.is_file() => files.push(path),
                Ok(meta) => errors.push(InputError::new(
                    &path,
                    None,
                    format!(
                        "{}, not a regular file; skipped",
                        special_kind(meta.file_type())
                    ),
                )),
                Err(e) => errors.push(InputError::new(&path, None, format!("cannot read: {e}"))),
            }
        }
    }
}

/// What identifies a folder however it is reached: its device and inode.
#[cfg(unix)]
fn folder_identity(_folder: &Path, meta: &fs::Metadata) -> (u64, u64, PathBuf) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino(), PathBuf::new())
}

/// What identifies a folder however it is reached: its resolved path.
#[cfg(not(unix))]
fn folder_identity(folder: &Path, _meta: &fs::Metadata) -> (u64, u64, PathBuf) {
    let real = fs::canonicalize(folder).unwrap_or_else(|_| folder.to_path_buf());
    (0, 0, real)
}

fn cannot_read_folder(folder: &Path, e: &std::io::Error) -> InputError {
    InputError::new(folder, None, format!("cannot read folder: {e}"))
}

/// A file type that is neither a file nor a folder, in words.
pub(super) fn special_kind(kind: fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_block_device() || kind.is_char_device() {
            return "a device";
        }
    }
    if kind.is_dir() {
        "a folder"
    } else {
        "a special file"
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
