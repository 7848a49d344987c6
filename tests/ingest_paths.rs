//! `expand_paths`: files as given, folders walked (hidden entries and other extensions
//! skipped), glob patterns expanded, in a stable sorted order; what names nothing is an error.

use std::path::{Path, PathBuf};

use geochron::ingest::expand_paths;

fn tree() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ingest/tree")
}

fn arg(path: &Path) -> String {
    path.display().to_string()
}

/// The files, relative to the tree, as strings.
fn relative(files: &[PathBuf]) -> Vec<String> {
    files
        .iter()
        .map(|f| f.strip_prefix(tree()).unwrap_or(f).display().to_string())
        .collect()
}

#[test]
fn a_folder_is_walked_recursively_in_sorted_order() {
    let (files, errors) = expand_paths(&[arg(&tree())]);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(
        relative(&files),
        [
            "Z_upper.TXT",
            "a_first.jsonl",
            "b_second.txt",
            "sub/c_third.ndjson",
            "sub/deeper/a_fourth.txt",
        ]
    );
}

#[test]
fn files_keep_the_order_given_and_come_once() {
    let b = arg(&tree().join("b_second.txt"));
    let notes = arg(&tree().join("notes.md"));
    let (files, errors) = expand_paths(&[b.clone(), notes, b]);
    assert!(errors.is_empty());
    assert_eq!(relative(&files), ["b_second.txt", "notes.md"]);
}

#[test]
fn globs_expand_sorted_and_skip_hidden_files() {
    let pattern = format!("{}/*.txt", arg(&tree()));
    let (files, errors) = expand_paths(&[pattern]);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(relative(&files), ["b_second.txt"]);

    let recursive = format!("{}/**/a_*", arg(&tree()));
    let (files, _) = expand_paths(&[recursive]);
    assert_eq!(
        relative(&files),
        ["a_first.jsonl", "sub/deeper/a_fourth.txt"]
    );
}

#[test]
fn a_glob_matching_a_folder_walks_it() {
    let pattern = format!("{}/su?", arg(&tree()));
    let (files, errors) = expand_paths(&[pattern]);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(
        relative(&files),
        ["sub/c_third.ndjson", "sub/deeper/a_fourth.txt"]
    );
}

#[test]
fn what_names_nothing_is_an_error_and_the_rest_still_expand() {
    let missing = arg(&tree().join("missing.txt"));
    let no_match = format!("{}/*.xml", arg(&tree()));
    let bad_pattern = format!("{}/[", arg(&tree()));
    let good = arg(&tree().join("b_second.txt"));
    let (files, errors) = expand_paths(&[missing, no_match, bad_pattern, good]);
    assert_eq!(relative(&files), ["b_second.txt"]);
    let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(messages.len(), 3, "{messages:?}");
    assert_eq!(messages[0], "no such file or folder");
    assert_eq!(messages[1], "pattern matches no files");
    assert!(
        messages[2].starts_with("not a valid glob pattern"),
        "{messages:?}"
    );
}

#[test]
fn a_folder_without_article_files_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("readme.md"), "not an article").unwrap();
    std::fs::write(dir.path().join(".hidden.txt"), "hidden").unwrap();
    let (files, errors) = expand_paths(&[arg(dir.path())]);
    assert!(files.is_empty());
    assert_eq!(errors.len(), 1);
    assert!(errors[0].message.contains("no article files"), "{errors:?}");
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_loop_is_walked_once() {
    let dir = tempfile::tempdir().unwrap();
    let inner = dir.path().join("inner");
    std::fs::create_dir(&inner).unwrap();
    std::fs::write(inner.join("a.txt"), "Title\n\nText.\n").unwrap();
    std::os::unix::fs::symlink(dir.path(), inner.join("loop")).unwrap();
    let (files, errors) = expand_paths(&[arg(dir.path())]);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(files, [inner.join("a.txt")]);
}
