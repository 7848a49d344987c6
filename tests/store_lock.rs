//! One process at a time: a second process (or a second `Store` in this one) opening a store in
//! use gets `Error::Locked` at once, and the store opens again once the holder is gone.

mod store_common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use geochron::Error;
use geochron::store::Store;
use store_common::{exit_after, read_until, spawn_child};

const CHILD_PATH: &str = "GEOCHRON_TEST_LOCK_CHILD_STORE";

/// Opens in a thread and gives up waiting after a while, so a hang fails instead of blocking.
fn open_or_hang(path: &Path) -> Option<Result<Store, Error>> {
    let (tx, rx) = mpsc::channel();
    let path: PathBuf = path.to_path_buf();
    thread::spawn(move || {
        let _ = tx.send(Store::open(&path));
    });
    rx.recv_timeout(Duration::from_secs(20)).ok()
}

#[test]
fn a_second_process_gets_locked_at_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("held.db");
    let path_text = path.to_str().expect("a UTF-8 temp path");
    let (mut child, mut out) = spawn_child("child_holds_the_store", &[(CHILD_PATH, path_text)]);
    assert!(
        read_until(&mut out, "opened").is_some(),
        "the child opened the store"
    );

    match open_or_hang(&path) {
        Some(Err(Error::Locked { path: locked })) => {
            assert_eq!(locked, path);
            let message = Error::Locked { path: locked }.to_string();
            assert!(message.contains("in use by another process"), "{message}");
        }
        Some(other) => panic!("expected Error::Locked, got {other:?}"),
        None => panic!("opening a locked store hung"),
    }

    // Closing the child's stdin lets it exit; then the store is free.
    if let Some(mut stdin) = child.0.stdin.take() {
        let _ = stdin.write_all(b"done\n");
    }
    let status = child.0.wait().expect("child exits");
    assert!(status.success());
    let store = Store::open(&path).expect("free again");
    assert!(store.check().expect("check").is_clean());
}

#[test]
fn a_second_store_in_the_same_process_gets_locked() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("twice.db");
    let first = Store::open(&path).expect("open");
    assert!(matches!(
        open_or_hang(&path),
        Some(Err(Error::Locked { .. }))
    ));
    drop(first);
    assert!(Store::open(&path).is_ok());
}

/// Run by the test above as a child process: holds the store open until its stdin ends.
#[test]
#[ignore = "a child process of a_second_process_gets_locked_at_once"]
fn child_holds_the_store() {
    let Ok(path) = std::env::var(CHILD_PATH) else {
        return;
    };
    exit_after(60);
    let _store = Store::open(&path).expect("the child opens the store");
    println!("opened");
    std::io::stdout().flush().expect("stdout");
    let mut line = String::new();
    let _ = std::io::stdin().read_line(&mut line);
}

#[test]
fn sleds_own_lock_also_reads_as_locked() {
    // sled 0.34.7 takes a non-blocking exclusive `flock` on its `db` file and fails with an
    // I/O error "could not acquire lock"; a holder that is not geochron meets that one.
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("raw.db");
    let raw = sled::open(&path).expect("raw open");
    assert!(matches!(
        open_or_hang(&path),
        Some(Err(Error::Locked { .. }))
    ));
    drop(raw);
}
