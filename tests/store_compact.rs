//! Compaction (`Store::compact`): the store rewritten in key order keeps every article,
//! event and index row, and a swap a crash interrupted is finished (or its
//! copy discarded) at the next open, whichever step it stopped at.

mod store_common;

use std::fs;
use std::path::Path;

use geochron::Error;
use geochron::store::Store;
use store_common::{Rng, random_article};

/// A store at `path` holding `articles` random articles (three events each).
fn filled(path: &Path, run: &str, articles: u64) -> Store {
    let store = Store::open(path).expect("open");
    let mut rng = Rng::new(7);
    let items: Vec<_> = (0..articles)
        .map(|n| random_article(&mut rng, run, n, 3))
        .collect();
    store
        .put_articles(items.iter().map(|(a, e)| (a, e.as_slice())))
        .expect("load");
    store
}

fn dump(store: &Store) -> Vec<u8> {
    let mut out = Vec::new();
    store.write_dump(&mut out).expect("dump");
    out
}

#[test]
fn compacting_keeps_every_key_and_the_store_takes_writes_after() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("compact.db");
    let store = filled(&path, "compact", 400);
    let before = dump(&store);
    let stats_before = store.stats().expect("stats");
    let (store, report) = store.compact().expect("compact");
    assert!(report.keys > 400 * 8, "{report:?}");
    // No size claim here: a store this small has little garbage, and a copy in key order
    // leaves its leaves half full (sled splits at 16 keys); the gain is at scale (the bench).
    assert!(report.bytes_after > 0, "{report:?}");
    assert_eq!(dump(&store), before);
    let stats_after = store.stats().expect("stats");
    assert_eq!(stats_after.rows, stats_before.rows);
    assert!(store.check().expect("check").is_clean());
    // It still takes writes, and opens again afterwards with them.
    let mut rng = Rng::new(99);
    let (article, events) = random_article(&mut rng, "after", 0, 2);
    assert!(store.put_article(&article, &events).expect("write"));
    drop(store);
    let store = Store::open(&path).expect("reopen");
    assert_eq!(store.stats().expect("stats").articles, 401);
    assert!(store.check().expect("check").is_clean());
    for leftover in ["compact.new", "compact.old", "compact.swap"] {
        assert!(!path.join(leftover).exists(), "{leftover} left behind");
    }
}

#[test]
fn a_temporary_store_is_left_as_it_is() {
    let store = Store::temporary().expect("temporary");
    let (store, report) = store.compact().expect("compact");
    assert_eq!(report.keys, 0);
    assert!(store.check().expect("check").is_clean());
}

/// Moves sled's files of the store at `from` into `to` (a folder), as a compaction's copy.
fn move_sled_files(from: &Path, to: &Path, only: Option<&str>) {
    fs::create_dir_all(to).expect("mkdir");
    for entry in fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let name = entry.file_name().to_string_lossy().to_string();
        let sled_file =
            matches!(name.as_str(), "db" | "conf" | "blobs") || name.starts_with("snap.");
        if sled_file && only.is_none_or(|o| o == name) {
            fs::rename(entry.path(), to.join(&name)).expect("move");
        }
    }
}

/// A store at `path` with 5 articles, and beside it the sled files of a second store with 9
/// (more commits, so the first one's seal accepts it), in `path/compact.new`: what a
/// compaction leaves once its copy is written.
fn interrupted(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("store.db");
    drop(filled(&path, "old", 5));
    let other = dir.join("other.db");
    drop(filled(&other, "new", 9));
    move_sled_files(&other, &path.join("compact.new"), None);
    path
}

#[test]
fn a_copy_without_its_marker_is_discarded() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = interrupted(dir.path());
    let store = Store::open(&path).expect("open");
    assert_eq!(store.stats().expect("stats").articles, 5);
    assert!(!path.join("compact.new").exists());
}

#[test]
fn a_swap_stopped_before_the_old_file_moved_is_finished() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = interrupted(dir.path());
    fs::write(path.join("compact.swap"), "old").expect("marker");
    // Half of the old files already moved away.
    move_sled_files(&path, &path.join("compact.old"), Some("conf"));
    let store = Store::open(&path).expect("open");
    assert_eq!(store.stats().expect("stats").articles, 9);
    assert!(store.check().expect("check").is_clean());
    for leftover in ["compact.new", "compact.old", "compact.swap"] {
        assert!(!path.join(leftover).exists(), "{leftover} left behind");
    }
}

#[test]
fn a_swap_stopped_while_the_copy_moved_in_is_finished() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = interrupted(dir.path());
    move_sled_files(&path, &path.join("compact.old"), None);
    fs::write(path.join("compact.swap"), "new").expect("marker");
    // Part of the copy already in place.
    move_sled_files(&path.join("compact.new"), &path, Some("conf"));
    let store = Store::open(&path).expect("open");
    assert_eq!(store.stats().expect("stats").articles, 9);
    assert!(store.check().expect("check").is_clean());
}

#[test]
fn a_marker_of_unknown_meaning_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = interrupted(dir.path());
    fs::write(path.join("compact.swap"), "sideways").expect("marker");
    match Store::open(&path) {
        Err(Error::Corrupt(why)) => {
            assert!(
                why.contains("compact.swap") && why.contains("compact.old"),
                "{why}"
            )
        }
        other => panic!("expected Corrupt, got {other:?}"),
    }
}

#[test]
fn a_swap_whose_copy_is_missing_moves_nothing_and_says_where_the_store_is() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = interrupted(dir.path());
    fs::remove_dir_all(path.join("compact.new")).expect("rm");
    fs::write(path.join("compact.swap"), "old").expect("marker");
    match Store::open(&path) {
        Err(Error::Corrupt(why)) => assert!(why.contains("missing"), "{why}"),
        other => panic!("expected Corrupt, got {other:?}"),
    }
    // The store was not touched: without the marker it opens whole.
    fs::remove_file(path.join("compact.swap")).expect("rm marker");
    let store = Store::open(&path).expect("open");
    assert_eq!(store.stats().expect("stats").articles, 5);
}
