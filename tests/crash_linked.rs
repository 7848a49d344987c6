//! Crash consistency under heavy linking, the way a user meets it: `geochron ingest` of wire
//! reports telling the same happenings (most articles link to others), a script of deletes,
//! and `check --repair`, each killed with SIGKILL at a random moment. After each kill the
//! store must be one that `check` finds clean after at most one `check --repair`, and running
//! the interrupted command again to its end must give exactly the export of a run never
//! interrupted.
//!
//! `cargo test` kills a dozen times; the acceptance run kills a hundred:
//! `GEOCHRON_CRASH_KILLS=100 cargo test --release --test crash_linked -- --nocapture`
//! (`GEOCHRON_CRASH_SEED` picks another sequence of kill points).

mod linked_corpus;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use linked_corpus::Seeded;

const BIN: &str = env!("CARGO_BIN_EXE_geochron");

fn command(store: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(BIN);
    command.arg("--db").arg(store).args(args);
    command
}

/// Runs a command to its end: its exit code and output.
fn run(store: &Path, args: &[&str]) -> (i32, String) {
    let out = command(store, args).output().expect("geochron runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), text)
}

fn export(store: &Path) -> String {
    let (code, text) = run(store, &["export", "--format", "ndjson"]);
    assert_eq!(code, 0, "export: {text}");
    text
}

/// A child that is killed when dropped, so a failing test leaves nothing running.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `args` on `store`, kills it with SIGKILL after `delay` (if it is still running),
/// and says whether the kill landed before it ended.
fn kill_after(store: &Path, args: &[&str], delay: Duration) -> bool {
    let child = command(store, args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("geochron starts");
    let mut child = Killed(child);
    std::thread::sleep(delay);
    let running = matches!(child.0.try_wait(), Ok(None));
    let _ = child.0.kill();
    let _ = child.0.wait();
    running
}

fn copy_store(from: &Path, to: &Path) {
    let _ = std::fs::remove_dir_all(to);
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

/// What the kills found.
#[derive(Default, Debug)]
struct Figures {
    kills: usize,
    /// Kills that landed while the command ran (the rest came after it ended).
    landed: usize,
    unclean_after_kill: usize,
    unclean_after_repair: usize,
    differing_exports: usize,
}

#[test]
fn killed_ingests_deletes_and_repairs_leave_clean_stores_and_the_same_exports() {
    let kills: usize = std::env::var("GEOCHRON_CRASH_KILLS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(12);
    let seed: u64 = std::env::var("GEOCHRON_CRASH_SEED")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(17);
    let dir = tempfile::tempdir().expect("temp dir");
    let input: PathBuf = dir.path().join("wire.jsonl");
    std::fs::write(&input, linked_corpus::wire_reports(200, 3, true)).expect("write input");
    let input = input.to_str().expect("UTF-8 path").to_string();

    // The uninterrupted runs, timed so that kills land inside them.
    let whole = dir.path().join("whole.db");
    let started = Instant::now();
    assert_eq!(run(&whole, &["ingest", &input]).0, 0);
    let ingest_time = started.elapsed();
    let expected_all = export(&whole);
    let linked = expected_all
        .lines()
        .filter(|l| l.contains("\"sources\":[\"") && l.contains("\",\""))
        .count();
    assert!(
        linked > 50,
        "heavy linking: {linked} events with several sources"
    );
    let mut articles: Vec<String> = expected_all
        .lines()
        .filter_map(|l| {
            let at = l.find("\"article\":\"")? + "\"article\":\"".len();
            Some(l[at..at + 16].to_string())
        })
        .collect();
    articles.sort();
    articles.dedup();
    let script = dir.path().join("deletes.gq");
    let doomed: Vec<String> = articles
        .iter()
        .step_by(5)
        .map(|id| format!("delete article {id}"))
        .collect();
    std::fs::write(&script, doomed.join("\n") + "\n").expect("write script");
    let script = script.to_str().expect("UTF-8 path").to_string();
    let deleted = dir.path().join("deleted.db");
    copy_store(&whole, &deleted);
    let started = Instant::now();
    assert_eq!(run(&deleted, &["run", &script]).0, 0);
    let delete_time = started.elapsed();
    let expected_deleted = export(&deleted);
    let repaired = dir.path().join("repaired.db");
    copy_store(&whole, &repaired);
    let started = Instant::now();
    assert_eq!(run(&repaired, &["check", "--repair"]).0, 0);
    let repair_time = started.elapsed();
    assert_eq!(export(&repaired), expected_all, "repair changes nothing");

    let mut rng = Seeded::new(seed);
    let mut figures = Figures::default();
    let store = dir.path().join("killed.db");
    for kill in 0..kills {
        // The command to kill, where it starts from, how to finish it, what it must give.
        let (args, finish, expected, span): (Vec<&str>, Vec<&str>, &str, Duration) = match kill % 3
        {
            0 => {
                let _ = std::fs::remove_dir_all(&store);
                (
                    vec!["ingest", &input],
                    vec!["ingest", &input],
                    &expected_all,
                    ingest_time,
                )
            }
            1 => {
                copy_store(&whole, &store);
                (
                    vec!["run", &script, "--keep-going"],
                    vec!["run", &script, "--keep-going"],
                    &expected_deleted,
                    delete_time,
                )
            }
            _ => {
                copy_store(&whole, &store);
                (
                    vec!["check", "--repair"],
                    vec![],
                    &expected_all,
                    repair_time,
                )
            }
        };
        let delay = span.mul_f64(rng.below(1000) as f64 / 1000.0);
        figures.kills += 1;
        figures.landed += usize::from(kill_after(&store, &args, delay));
        let (code, check) = run(&store, &["check"]);
        if code != 0 {
            figures.unclean_after_kill += 1;
            eprintln!("kill {kill} ({args:?} after {delay:?}): {check}");
            run(&store, &["check", "--repair"]);
            let (code, check) = run(&store, &["check"]);
            if code != 0 {
                figures.unclean_after_repair += 1;
                eprintln!("kill {kill}: still unclean after a repair: {check}");
                continue;
            }
        }
        if !finish.is_empty() {
            let (_, text) = run(&store, &finish);
            // Deleting what the killed run deleted already fails harmlessly; nothing else may.
            assert!(!text.contains("store damaged"), "kill {kill}: {text}");
        }
        assert_eq!(
            run(&store, &["check"]).0,
            0,
            "kill {kill}: unclean after finishing"
        );
        if export(&store) != *expected {
            figures.differing_exports += 1;
            eprintln!("kill {kill} ({args:?} after {delay:?}): the export differs");
        }
    }
    eprintln!("{figures:?}");
    assert_eq!(figures.unclean_after_repair, 0, "{figures:?}");
    assert_eq!(figures.differing_exports, 0, "{figures:?}");
    assert!(
        figures.landed * 2 >= figures.kills,
        "most kills should land while the command runs: {figures:?}"
    );
}
