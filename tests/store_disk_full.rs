//! A full disk reads as a sentence and loses nothing: an ingest that fills the disk says how
//! many articles were committed and what to do; no store is opened on the full disk (sled's
//! recovery would damage it there); once space is freed, the same ingest again gives the
//! store an uninterrupted one gives.
//!
//! It needs a small file system of its own, so it mounts one (root only) and is not part of
//! the default run: `sudo cargo test --test store_disk_full -- --ignored`.

mod linked_corpus;

use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_geochron");

fn run(store: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(BIN)
        .arg("--db")
        .arg(store)
        .args(args)
        .output()
        .expect("geochron runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), text)
}

fn mount(dir: &Path, size: &str, remount: bool) {
    let options = if remount {
        format!("remount,size={size}")
    } else {
        format!("size={size}")
    };
    let status = Command::new("mount")
        .args(["-t", "tmpfs", "-o", &options, "tmpfs"])
        .arg(dir)
        .status()
        .expect("mount runs");
    assert!(status.success(), "mounting a tmpfs needs root");
}

#[test]
#[ignore = "mounts a small file system: run as root with --ignored"]
fn a_full_disk_is_a_sentence_and_the_same_ingest_again_completes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("wire.jsonl");
    std::fs::write(&input, linked_corpus::wire_reports(3000, 9, false)).expect("write");
    let input = input.to_str().expect("UTF-8");
    let whole = dir.path().join("whole.db");
    assert_eq!(run(&whole, &["ingest", input]).0, 0);
    let expected = run(&whole, &["export", "--format", "ndjson"]).1;

    let small = dir.path().join("small");
    std::fs::create_dir(&small).expect("mkdir");
    mount(&small, "6m", false);
    let store = small.join("full.db");
    let (code, text) = run(&store, &["ingest", input]);
    let unmount = || {
        let _ = Command::new("umount").arg(&small).status();
    };
    if code != 3 || !text.contains("disk full after ") {
        unmount();
        panic!("expected a full disk: {text}");
    }
    assert!(
        text.contains("articles were committed; free space and run the same ingest again"),
        "{text}"
    );
    let (code, text) = run(&store, &["stats"]);
    assert_eq!(code, 3, "{text}");
    assert!(text.contains("the disk is full"), "{text}");
    mount(&small, "200m", true);
    let (code, text) = run(&store, &["ingest", input]);
    let (check, check_text) = run(&store, &["check"]);
    let export = run(&store, &["export", "--format", "ndjson"]).1;
    unmount();
    assert_eq!(code, 0, "{text}");
    assert_eq!(check, 0, "{check_text}");
    assert!(
        export == expected,
        "the export differs from an uninterrupted ingest"
    );
}
