//! The store format version: written on a fresh store, checked at open with a clear error.

mod store_common;

use geochron::Error;
use geochron::store::codec::encode_format;
use geochron::store::{FORMAT_VERSION, Key, Store};

#[test]
fn a_fresh_store_records_its_format() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("fresh.db");
    drop(Store::open(&path).expect("create"));
    let rows: Vec<String> = Store::open(&path)
        .expect("reopen")
        .dump()
        .collect::<Result<_, _>>()
        .expect("dump");
    assert_eq!(
        rows,
        [format!(
            "Meta \"format\" [00666f726d61740000] {FORMAT_VERSION}"
        )]
    );
}

#[test]
fn another_format_is_refused_with_a_clear_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("future.db");
    drop(Store::open(&path).expect("create"));
    {
        // A later geochron wrote this store.
        let db = store_common::raw_sled(&path);
        db.insert(
            Key::Meta("format".into()).encode(),
            encode_format(FORMAT_VERSION + 1),
        )
        .expect("raw insert");
        db.flush().expect("flush");
    }
    match Store::open(&path) {
        Err(error @ Error::FormatVersion { .. }) => {
            let message = error.to_string();
            assert!(
                message.contains(&format!("store format {}", FORMAT_VERSION + 1)),
                "{message}"
            );
            assert!(
                message.contains(&format!("reads format {FORMAT_VERSION}")),
                "{message}"
            );
            assert!(message.contains("future.db"), "{message}");
            assert!(message.contains("dump FILE"), "{message}");
            assert!(message.contains("restore FILE"), "{message}");
        }
        other => panic!("expected Error::FormatVersion, got {other:?}"),
    }
}

#[test]
fn a_format_too_old_to_rewrite_says_how_to_move_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("old.db");
    drop(Store::open(&path).expect("create"));
    {
        // Format 1 (no covering rows, a word index): nothing here rewrites it.
        let db = store_common::raw_sled(&path);
        db.insert(Key::Meta("format".into()).encode(), encode_format(1))
            .expect("raw insert");
        db.flush().expect("flush");
    }
    match Store::open(&path) {
        Err(error @ Error::FormatVersion { found: 1, .. }) => {
            let message = error.to_string();
            assert!(
                message.contains("`geochron --db OLD dump FILE`"),
                "{message}"
            );
            assert!(
                message.contains("`geochron --db NEW restore FILE`"),
                "{message}"
            );
        }
        other => panic!("expected Error::FormatVersion, got {other:?}"),
    }
}

#[test]
fn a_sled_store_that_is_not_ours_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("foreign.db");
    {
        let db = store_common::raw_sled(&path);
        db.insert(b"someone else's", b"data".to_vec())
            .expect("raw insert");
        db.flush().expect("flush");
    }
    assert!(matches!(Store::open(&path), Err(Error::Corrupt(_))));
}
