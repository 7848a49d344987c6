//! The REPL on a real terminal: `script` (util-linux) gives geochron a pseudo-terminal, and the
//! test types into it like a person — a line at a time, each after the prompt shows — and reads
//! what the screen shows.

use std::io::{Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long one statement may take before the test gives up.
const PATIENCE: Duration = Duration::from_secs(60);

/// A shell on a pty, and everything its screen has shown so far.
struct Terminal {
    child: Child,
    keys: ChildStdin,
    screen: Arc<Mutex<String>>,
}

impl Terminal {
    fn open(db: &std::path::Path) -> Terminal {
        let binary = env!("CARGO_BIN_EXE_geochron");
        let command = format!("{binary} --db {}", db.display());
        let mut child = Command::new("script")
            .args(["-q", "-e", "-c", &command, "/dev/null"])
            .env("NO_COLOR", "1")
            .env("TERM", "xterm")
            .env("GEOCHRON_HISTORY", db.with_extension("history"))
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
