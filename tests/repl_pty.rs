//! The REPL on a real terminal: `script` (util-linux) gives geochron a pseudo-terminal, and the
//! test types into it like a person — a line at a time, each after the prompt shows — and reads
//! what the screen shows.

use std::io::{Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long one statement may take before the test gives up.
const PATIENCE: Duration = Duration::from_secs(60);

/// The pty's size and the shell's extra environment.
struct Screen {
    columns: usize,
    rows: usize,
    env: Vec<(String, String)>,
}

impl Default for Screen {
    fn default() -> Screen {
        Screen {
            columns: 100,
            rows: 50,
            env: Vec::new(),
        }
    }
}

/// A shell on a pty, and everything its screen has shown so far.
struct Terminal {
    child: Child,
    keys: ChildStdin,
    screen: Arc<Mutex<String>>,
}

impl Terminal {
    fn open(db: &std::path::Path) -> Terminal {
        Terminal::open_with(db, Screen::default())
    }

    /// A shell on a pty of the given size, with the given extra environment.
    fn open_with(db: &std::path::Path, screen: Screen) -> Terminal {
        let binary = env!("CARGO_BIN_EXE_geochron");
        let command = format!(
            "stty cols {} rows {}; exec {binary} --db {}",
            screen.columns,
            screen.rows,
            db.display()
        );
        let mut child = Command::new("script")
            .args(["-q", "-e", "-c", &command, "/dev/null"])
            .env("NO_COLOR", "1")
            .env("TERM", "xterm")
            .env("GEOCHRON_HISTORY", db.with_extension("history"))
            .env_remove("COLUMNS")
            .env_remove("LINES")
            .env_remove("PAGER")
            .envs(screen.env.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("`script` (util-linux) runs the shell on a pty");
        let keys = child.stdin.take().expect("piped stdin");
        let mut output = child.stdout.take().expect("piped stdout");
        let screen = Arc::new(Mutex::new(String::new()));
        let sink = Arc::clone(&screen);
        std::thread::spawn(move || {
            let mut buffer = [0u8; 4096];
            while let Ok(n) = output.read(&mut buffer) {
                if n == 0 {
                    break;
                }
                let text = String::from_utf8_lossy(&buffer[..n]).replace('\r', "");
                sink.lock().expect("screen lock").push_str(&text);
            }
        });
        let mut terminal = Terminal {
            child,
            keys,
            screen,
        };
        terminal.wait_for_prompts(1);
        terminal
    }

    fn prompts(&self) -> usize {
        self.screen
            .lock()
            .expect("screen lock")
            .matches("geochron> ")
            .count()
    }

    fn wait_for_prompts(&mut self, n: usize) {
        let started = Instant::now();
        while self.prompts() < n {
            assert!(
                started.elapsed() < PATIENCE,
                "no prompt {n}; screen so far:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Types one line and waits until the shell has answered and asks for more: a new prompt
    /// shows and the screen has stopped changing (the editor redraws its line as keys arrive,
    /// so a prompt alone does not mean the statement ran).
    fn type_line(&mut self, line: &str) {
        let before = self.prompts();
        self.keys
            .write_all(line.as_bytes())
            .expect("keys are typed");
        self.keys.write_all(b"\r").expect("Enter is typed");
        self.keys.flush().expect("keys are sent");
        self.wait_for_prompts(before + 1);
        self.settle();
    }

    /// Waits until the screen has not changed for a moment.
    fn settle(&self) {
        let started = Instant::now();
        let mut last = self.screen();
        loop {
            std::thread::sleep(Duration::from_millis(250));
            let now = self.screen();
            if now == last {
                return;
            }
            assert!(
                started.elapsed() < PATIENCE,
                "the shell did not settle:\n{now}"
            );
            last = now;
        }
    }

    fn screen(&self) -> String {
        self.screen.lock().expect("screen lock").clone()
    }

    fn quit(mut self) -> String {
        self.keys.write_all(b".quit\r").expect("keys are typed");
        self.keys.flush().expect("keys are sent");
        let started = Instant::now();
        while self.child.try_wait().expect("the shell is there").is_none() {
            assert!(
                started.elapsed() < PATIENCE,
                "the shell did not quit:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        std::thread::sleep(Duration::from_millis(50));
        self.screen()
    }
}

#[test]
fn a_typed_session_shows_results_errors_and_dot_commands() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = dir.path().join("store.db");
    let articles = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/articles");
    let mut terminal = Terminal::open(&db);
    terminal.type_line(&format!("ingest '{articles}'"));
    terminal.type_line("events where kind = battle | count by country");
    terminal.type_line("events wher contry = IQ");
    terminal.type_line(".format csv");
    terminal.type_line("places where name ~ \"kirk\" and country = IQ");
    terminal.type_line(".timer on");
    terminal.type_line("stats");
    let screen = terminal.quit();
    assert!(
        screen.contains("ingested 19 articles"),
        "ingest result missing:\n{screen}"
    );
    assert!(
        screen.contains("count") && screen.contains("IQ"),
        "count by country missing:\n{screen}"
    );
    assert!(
        screen.contains("did you mean `where`?"),
        "no hint under the typo:\n{screen}"
    );
    assert!(
        screen.contains("^^^^"),
        "no caret under the typo:\n{screen}"
    );
    assert!(
        screen.contains("Kirkuk,IQ"),
        "csv places missing:\n{screen}"
    );
    assert!(screen.contains("time:"), "timer missing:\n{screen}");
    assert!(
        db.with_extension("history").exists(),
        "history file not written"
    );
}

#[test]
fn a_statement_waits_for_its_closing_bracket() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = dir.path().join("store.db");
    let mut terminal = Terminal::open(&db);
    // The first line leaves a bracket open: the validator keeps the statement going.
    terminal
        .keys
        .write_all(b"places where country in (IQ,\r")
        .expect("keys are typed");
    terminal.keys.flush().expect("keys are sent");
    std::thread::sleep(Duration::from_millis(500));
    let waiting = terminal.screen();
    assert!(
        !waiting.contains("rows)") && !waiting.contains("error"),
        "ran an incomplete statement:\n{waiting}"
    );
    terminal.type_line(" SY) and name ~ \"mosul\"");
    let screen = terminal.quit();
    assert!(
        screen.contains("Mosul"),
        "the two-line statement did not run:\n{screen}"
    );
}

/// Writes `n` distinct articles as JSON lines, each a small report of an attack.
fn write_articles(path: &std::path::Path, n: usize) {
    let mut text = String::new();
    for i in 0..n {
        let line = serde_json::json!({
            "id": format!("a{i}"),
            "title": format!("Attack number {i} reported"),
            "published": "2021-03-15",
            "text": format!(
                "Gunmen attacked a market in Kaduna on Monday, killing {} people and wounding {}. \
                 Police said report {i} was confirmed by witnesses.",
                i % 9 + 1,
                i % 5
            ),
        });
        text.push_str(&line.to_string());
        text.push('\n');
    }
    std::fs::write(path, text).expect("articles written");
}

/// Runs one command line on a pty of `columns` columns and gives what its screen showed.
fn on_pty(command: &str, columns: usize) -> String {
    let output = Command::new("script")
        .args([
            "-q",
            "-e",
            "-c",
            &format!("stty cols {columns} rows 40; {command}"),
            "/dev/null",
        ])
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .env_remove("COLUMNS")
        .stdin(Stdio::null())
        .output()
        .expect("`script` runs the command on a pty");
    String::from_utf8_lossy(&output.stdout).replace('\r', "")
}

#[test]
fn ctrl_c_stops_a_running_ingest_and_the_shell_goes_on() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = dir.path().join("store.db");
    let articles = dir.path().join("many.jsonl");
    write_articles(&articles, 6000);
    let mut terminal = Terminal::open(&db);
    terminal
        .keys
        .write_all(format!("ingest '{}'\r", articles.display()).as_bytes())
        .expect("keys are typed");
    terminal.keys.flush().expect("keys are sent");
    // The typed ingest draws the CLI's bar: a percentage of the input and the time left.
    let started = Instant::now();
    while !terminal.screen().contains("% of") {
        assert!(
            started.elapsed() < PATIENCE,
            "no progress bar:\n{}",
            terminal.screen()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let before = terminal.prompts();
    terminal.keys.write_all(b"\x03").expect("Ctrl-C is typed");
    terminal.keys.flush().expect("keys are sent");
    terminal.wait_for_prompts(before + 1);
    terminal.settle();
    let screen = terminal.screen();
    assert!(
        screen.contains("interrupted: ") && screen.contains("were stored before it"),
        "no word of the interrupt:\n{screen}"
    );
    terminal.type_line("stats");
    let screen = terminal.quit();
    let stored: usize = screen
        .lines()
        .filter_map(|l| l.strip_suffix(" events").and_then(|l| l.split(' ').next()))
        .filter_map(|n| n.parse().ok())
        .next_back()
        .unwrap_or(0);
    let articles_line = screen
        .lines()
        .rfind(|l| l.contains(" articles, "))
        .unwrap_or_default();
    let articles_stored: usize = articles_line
        .split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(
        articles_stored > 0 && articles_stored < 6000,
        "the ingest was not cut short ({articles_stored} articles, {stored} events):\n{screen}"
    );
    // The store is whole: every event has its index rows, no row dangles.
    let check = Command::new(env!("CARGO_BIN_EXE_geochron"))
        .args(["--db", &db.display().to_string(), "check"])
        .output()
        .expect("check runs");
    assert!(
        check.status.success(),
        "the store does not check clean: {}{}",
        String::from_utf8_lossy(&check.stdout),
        String::from_utf8_lossy(&check.stderr)
    );
    let history = std::fs::read_to_string(db.with_extension("history")).unwrap_or_default();
    assert!(history.contains("ingest '"), "history lost: {history}");
}

#[test]
fn tables_fit_the_terminal_and_long_results_are_capped() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = dir.path().join("store.db");
    let articles = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/articles");
    let screen = Screen {
        columns: 70,
        ..Screen::default()
    };
    let mut terminal = Terminal::open_with(&db, screen);
    terminal.type_line(&format!("ingest '{articles}'"));
    terminal.type_line("events");
    terminal.type_line(".maxrows 5");
    terminal.type_line("events | sort date");
    terminal.type_line(".maxrows");
    let screen = terminal.quit();
    assert!(
        screen.contains("(40 of ")
            && screen.contains(" rows; ")
            && screen.contains("left out to fit"),
        "no row cap or no fit at 70 columns:\n{screen}"
    );
    assert!(screen.contains("(5 of "), "`.maxrows 5` ignored:\n{screen}");
    assert!(screen.contains("tables show at most 5 rows"), "{screen}");
    for line in screen
        .lines()
        .filter(|l| l.starts_with("id ") || l.starts_with("---"))
    {
        assert!(
            line.chars().count() <= 70,
            "wider than the terminal's 70 columns: {line:?}"
        );
    }
}

#[test]
fn the_sqlite3_habits() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = dir.path().join("store.db");
    let once = dir.path().join("once.csv");
    let output = dir.path().join("output.txt");
    let script = dir.path().join("bad.gq");
    std::fs::write(&script, "stats\nevnts\nstats\n").expect("script written");
    let articles = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/articles");
    let mut terminal = Terminal::open(&db);
    terminal.type_line(&format!("ingest '{articles}'"));
    // A statement left open asks for its next line under the continuation prompt.
    terminal
        .keys
        .write_all(b"events where kind = battle |\r")
        .expect("keys are typed");
    terminal.keys.flush().expect("keys are sent");
    std::thread::sleep(Duration::from_millis(500));
    assert!(
        terminal.screen().contains("...> "),
        "no continuation prompt:\n{}",
        terminal.screen()
    );
    terminal.type_line(" count");
    // Each entry is in the history file before the shell ends.
    let history = std::fs::read_to_string(db.with_extension("history")).unwrap_or_default();
    assert!(
        history.contains("events where kind = battle |"),
        "history not appended: {history:?}"
    );
    terminal.type_line(".format");
    terminal.type_line(".nullvalue NULL");
    terminal.type_line("events where kind = battle | select date, killed, admin1 | limit 3");
    terminal.type_line(".format csv");
    terminal.type_line(".headers off");
    terminal.type_line(&format!(".once {}", once.display()));
    terminal.type_line("events where kind = battle | select date, kind | limit 2");
    terminal.type_line(".headers on");
    terminal.type_line(".format table");
    terminal.type_line(".echo on");
    terminal.type_line("stats");
    terminal.type_line(&format!(".output {}", output.display()));
    terminal.type_line("stats");
    terminal.type_line(".output");
    terminal.type_line(".bail on");
    terminal.type_line(&format!(".read {}", script.display()));
    terminal.type_line(".help");
    terminal.type_line(".schema");
    let screen = terminal.quit();
    assert!(
        screen.contains("count"),
        "the two-line statement did not run:\n{screen}"
    );
    assert!(
        screen.contains("results as table"),
        "`.format` alone:\n{screen}"
    );
    assert!(screen.contains("NULL"), "`.nullvalue` ignored:\n{screen}");
    let once = std::fs::read_to_string(&once).expect(".once wrote its file");
    assert_eq!(once.lines().count(), 2, "headers off, two rows: {once:?}");
    assert!(
        once.starts_with("2021-") || once.starts_with("20"),
        "{once:?}"
    );
    assert!(once.contains(",battle."), "{once:?}");
    assert!(screen.contains("> stats"), "`.echo on` ignored:\n{screen}");
    let written = std::fs::read_to_string(&output).expect(".output wrote its file");
    assert!(
        written.starts_with("19 articles") && !written.contains("> stats"),
        "the echo went into the file: {written:?}"
    );
    // `.bail on`: the script stops at its error; the third statement never runs.
    let after_error = screen.split("bad.gq:2:").nth(1).unwrap_or_default();
    assert!(
        !after_error.is_empty(),
        "the script's error is not shown:\n{screen}"
    );
    let before_help = after_error
        .split("A statement ends with")
        .next()
        .unwrap_or_default();
    assert!(
        !before_help.contains("19 articles"),
        "`.bail on` did not stop the script:\n{before_help}"
    );
    assert!(
        screen.contains("Stages") && screen.contains("Commands"),
        "{screen}"
    );
    assert!(screen.contains("events    id, date, published"), "{screen}");
}

#[test]
fn a_missing_store_is_created_by_a_write_only() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = dir.path().join("new.db");
    let articles = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/articles");
    let mut terminal = Terminal::open(&db);
    terminal.type_line("stats");
    assert!(!db.exists(), "a read created the store");
    terminal.type_line("places where name ~ \"kirk\" and country = IQ");
    terminal.type_line(&format!(
        ".open {}",
        dir.path().join("no/such/x.db").display()
    ));
    terminal.type_line(&format!("ingest '{articles}'"));
    let screen = terminal.quit();
    assert!(
        screen.contains(&format!(
            "no store at {}: ingest first, or --db PATH",
            db.display()
        )),
        "{screen}"
    );
    assert!(screen.contains("Kirkuk"), "places need no store:\n{screen}");
    assert!(screen.contains("there is no folder"), "{screen}");
    assert!(
        screen.contains("created the store") && db.exists(),
        "{screen}"
    );
}

#[test]
fn a_long_table_goes_through_the_pager() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = dir.path().join("store.db");
    let screen = Screen {
        rows: 12,
        env: vec![("PAGER".into(), "sed s/^/PAGED:/".into())],
        ..Screen::default()
    };
    let mut terminal = Terminal::open_with(&db, screen);
    terminal.type_line("places where country = IQ | limit 30");
    terminal.type_line("places where name ~ \"kirkuk\" | limit 1");
    let screen = terminal.quit();
    assert!(screen.contains("PAGED:name"), "not paged:\n{screen}");
    let short = screen.rsplit("limit 1").next().unwrap_or_default();
    assert!(
        short.contains("Kirkuk") && !short.contains("PAGED:"),
        "a short table was paged:\n{short}"
    );
}

#[test]
fn the_command_line_reads_the_real_width_and_shows_progress() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = dir.path().join("store.db");
    let binary = env!("CARGO_BIN_EXE_geochron");
    let articles = dir.path().join("many.jsonl");
    write_articles(&articles, 400);
    let shown = on_pty(
        &format!(
            "{binary} --db {} ingest {}",
            db.display(),
            articles.display()
        ),
        100,
    );
    assert!(shown.contains("400 articles"), "{shown}");
    assert!(
        shown.contains("% of"),
        "no percentage in the progress bar:\n{shown}"
    );
    let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/articles");
    on_pty(
        &format!("{binary} --db {} ingest {examples}", db.display()),
        100,
    );
    let table = on_pty(
        &format!("{binary} --db {} query 'events | limit 5'", db.display()),
        120,
    );
    let widest = table.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    assert!(
        widest > 80 && widest <= 120,
        "not fitted to the terminal's 120 columns ({widest}):\n{table}"
    );
}
