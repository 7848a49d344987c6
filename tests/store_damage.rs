//! Damaged stores: a clear error and a way back. Copies of a store are damaged on disk (bits
//! flipped, the file cut short, committed writes lost) and every command on them must say
//! "store damaged: …" with exit code 3 — never a panic, never sled's Debug text, never a
//! query that answers from a store `check` finds damaged; `check --repair` keeps what can be
//! read or says how to rebuild; `dump` and `restore` rebuild a store in a fresh path.

mod linked_corpus;

use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_geochron");

/// What one command did: exit code, and stdout and stderr together.
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
    // Nothing a damaged file holds may show as a panic, a backtrace or sled's Debug text.
    for leak in [
        "panicked",
        "RUST_BACKTRACE",
        "Corruption {",
        "DiskPtr",
        "Io(Os",
    ] {
        assert!(
            !text.contains(leak),
            "geochron {args:?} leaked {leak:?}:\n{text}"
        );
    }
    (out.status.code().unwrap_or(-1), text)
}

/// A store of linked wire reports, built once per test in `dir`.
fn build_store(dir: &Path) -> PathBuf {
    let input = dir.join("wire.jsonl");
    std::fs::write(&input, linked_corpus::wire_reports(120, 5, false)).expect("write input");
    let store = dir.join("base.db");
    let (code, text) = run(&store, &["ingest", input.to_str().expect("UTF-8")]);
    assert_eq!(code, 0, "{text}");
    store
}

fn copy_store(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read store") {
        let entry = entry.expect("entry");
        if entry.file_type().expect("type").is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name())).expect("copy");
        } else {
            std::fs::create_dir_all(to.join(entry.file_name())).expect("mkdir");
        }
    }
}

/// SplitMix64, so a failing case reproduces.
fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Damages sled's file of the store at `store`: bits flipped or the file cut, where data is.
fn damage(store: &Path, seed: u64) -> &'static str {
    let file = store.join("db");
    let mut bytes = std::fs::read(&file).expect("read db file");
    let used = bytes.iter().rposition(|&b| b != 0).unwrap_or(0) + 1;
    let mut state = seed;
    let what = match seed % 3 {
        0 => {
            bytes.truncate((splitmix(&mut state) % used as u64) as usize);
            "cut short"
        }
        1 => {
            let at = (splitmix(&mut state) % used as u64) as usize;
            bytes[at] ^= 1 << (splitmix(&mut state) % 8);
            "one bit flipped"
        }
        _ => {
            for _ in 0..3 {
                let at = (splitmix(&mut state) % used as u64) as usize;
                bytes[at] ^= 1 << (splitmix(&mut state) % 8);
            }
            "three bits flipped"
        }
    };
    std::fs::write(&file, bytes).expect("write db file");
    what
}

#[test]
fn damaged_files_give_a_clear_error_and_repair_keeps_what_can_be_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let base = build_store(dir.path());
    let (code, expected_count) = run(&base, &["query", "events | count"]);
    assert_eq!(code, 0);
    let mut detected = 0;
    let mut repaired = 0;
    for seed in 0..12u64 {
        let store = dir.path().join(format!("damaged{seed}.db"));
        copy_store(&base, &store);
        let what = damage(&store, seed);
        let (query, query_text) = run(&store, &["query", "events | count"]);
        let (check, check_text) = run(&store, &["check"]);
        let case = format!("case {seed} ({what}):\n{query_text}\n{check_text}");
        assert!(matches!(query, 0 | 3) && matches!(check, 0 | 3), "{case}");
        // A query answers only from a store that check finds whole, and then the answer
        // is the undamaged store's.
        if check == 0 {
            assert_eq!(query, 0, "{case}");
            assert_eq!(query_text, expected_count, "{case}");
            continue;
        }
        detected += 1;
        assert_eq!(query, 3, "{case}");
        assert!(query_text.contains("store damaged: "), "{case}");
        let (fix, fix_text) = run(&store, &["check", "--repair"]);
        let (after, after_text) = run(&store, &["check"]);
        if fix == 0 {
            repaired += 1;
            assert_eq!(after, 0, "{case}\n{fix_text}\n{after_text}");
            assert_eq!(run(&store, &["query", "events | count"]).0, 0);
        } else {
            // sled cannot read the file at all: the way back is named.
            assert_eq!(fix, 3, "{case}\n{fix_text}");
            assert!(fix_text.contains("restore"), "{case}\n{fix_text}");
            assert_eq!(after, 3);
        }
    }
    eprintln!("12 damaged copies: {detected} found damaged, {repaired} of them repaired");
    assert!(
        detected >= 4,
        "only {detected} of 12 damaged copies were found damaged"
    );
}

#[test]
fn a_store_cut_to_nothing_is_damaged_not_empty() {
    let dir = tempfile::tempdir().expect("temp dir");
    let base = build_store(dir.path());
    for keep in [0usize, 4096] {
        let store = dir.path().join(format!("cut{keep}.db"));
        copy_store(&base, &store);
        let file = store.join("db");
        let bytes = std::fs::read(&file).expect("read");
        std::fs::write(&file, &bytes[..keep]).expect("write");
        let (code, text) = run(&store, &["stats"]);
        assert_eq!(code, 3, "{text}");
        assert!(text.contains("store damaged: "), "{text}");
        assert!(!text.contains("articles  0"), "{text}");
    }
}

#[test]
fn a_store_that_lost_committed_writes_is_refused_until_repaired() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = build_store(dir.path());
    // As if the file had lost its last five write batches since they were sealed.
    let seal = store.join("geochron.seal");
    let text = std::fs::read_to_string(&seal).expect("a seal");
    let sealed: u64 = text
        .lines()
        .nth(1)
        .and_then(|l| l.strip_prefix("commits "))
        .and_then(|n| n.parse().ok())
        .expect("a commit count");
    std::fs::write(&seal, format!("geochron seal 1\ncommits {}\n", sealed + 5)).expect("write");
    let (code, text) = run(&store, &["query", "events | count"]);
    assert_eq!(code, 3, "{text}");
    assert!(
        text.contains("the last 5 of its") && text.contains("committed writes were lost"),
        "{text}"
    );
    let (code, text) = run(&store, &["check"]);
    assert_eq!(code, 3, "{text}");
    assert!(text.contains("damaged: "), "{text}");
    let (code, text) = run(&store, &["check", "--repair"]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("accepted: "), "{text}");
    assert_eq!(run(&store, &["query", "events | count"]).0, 0);
}

#[test]
fn dump_and_restore_rebuild_the_same_store_in_a_fresh_path() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = build_store(dir.path());
    let cities = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/geo/cities.txt");
    let (code, text) = run(
        &store,
        &["gazetteer", "import", cities.to_str().expect("UTF-8")],
    );
    assert_eq!(code, 0, "{text}");
    let dump = dir.path().join("store.dump");
    let dump_text = dump.to_str().expect("UTF-8");
    let (code, text) = run(&store, &["dump", dump_text]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("gazetteer entries"), "{text}");
    let export = run(&store, &["export", "--format", "ndjson"]).1;

    let fresh = dir.path().join("fresh.db");
    let (code, text) = run(&fresh, &["restore", dump_text]);
    assert_eq!(code, 0, "{text}");
    assert_eq!(run(&fresh, &["check"]).0, 0);
    assert!(
        run(&fresh, &["export", "--format", "ndjson"]).1 == export,
        "the restored store exports the same events"
    );
    assert_eq!(
        run(&fresh, &["places", "Mexmur"]).1,
        run(&store, &["places", "Mexmur"]).1,
        "the imported gazetteer entries came back"
    );
    let again = dir.path().join("again.dump");
    run(&fresh, &["dump", again.to_str().expect("UTF-8")]);
    assert_eq!(
        std::fs::read(&again).expect("read"),
        std::fs::read(&dump).expect("read"),
        "the dump of the restored store is the same dump"
    );

    // Not over a store that holds articles.
    let (code, text) = run(&fresh, &["restore", dump_text]);
    assert_ne!(code, 0);
    assert!(text.contains("restore into a fresh path"), "{text}");

    // Dumped without events, articles are extracted again in ingest order: the same store.
    // (Without the gazetteer entries too: they were imported after the articles, which were
    // extracted without them.)
    let stripped = dir.path().join("stripped.dump");
    let lines: Vec<String> = std::fs::read_to_string(&dump)
        .expect("read")
        .lines()
        .filter(|line| !line.starts_with("{\"place\""))
        .map(|line| match line.find(",\"events\":") {
            Some(at) if line.starts_with("{\"article\"") => format!("{}}}", &line[..at]),
            _ => line.to_string(),
        })
        .collect();
    let places = lines.len();
    std::fs::write(&stripped, lines.join("\n") + "\n").expect("write");
    let rebuilt = dir.path().join("rebuilt.db");
    let (code, text) = run(&rebuilt, &["restore", stripped.to_str().expect("UTF-8")]);
    // The closing counts still count the places taken out: the dump reads as cut short.
    assert!(matches!(code, 0 | 1), "{text}");
    assert!(places > 0 && text.contains("extracted again"), "{text}");
    assert!(
        run(&rebuilt, &["export", "--format", "ndjson"]).1 == export,
        "articles extracted again give the same events and links"
    );

    // A dump cut short restores what it holds, says so, and exits as an input error.
    let cut = dir.path().join("cut.dump");
    let all = std::fs::read_to_string(&dump).expect("read");
    let keep: Vec<&str> = all.lines().take(all.lines().count() / 2).collect();
    std::fs::write(&cut, keep.join("\n") + "\n").expect("write");
    let partial = dir.path().join("partial.db");
    let (code, text) = run(&partial, &["restore", cut.to_str().expect("UTF-8")]);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("cut short"), "{text}");
    assert_eq!(
        run(&partial, &["check"]).0,
        0,
        "links to what was cut off are mended"
    );
}

#[test]
fn a_library_open_of_a_damaged_file_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().expect("temp dir");
    let base = build_store(dir.path());
    for seed in [0u64, 3, 6] {
        let store = dir.path().join(format!("lib{seed}.db"));
        copy_store(&base, &store);
        damage(&store, seed);
        // Whatever sled makes of it, opening returns (a panic would fail the test).
        if let Err(e) = geochron::Db::open(&store) {
            assert!(e.to_string().starts_with("store damaged: "), "{e}");
        }
    }
}
