//! The interactive shell: a rustyline loop over one open store. Typed statements and `.read
//! FILE` run through a [`Session`], the road `geochron run` scripts take; dot-commands change
//! the session's settings (how results are shown), where they go, or which store is open.
//! History lives in a file (`GEOCHRON_HISTORY`, else `~/.geochron_history`).

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use rustyline::error::ReadlineError;
use rustyline::history::DefaultHistory;
use rustyline::{CompletionType, Config, Editor};

use super::command::{COMMANDS, DotCommand};
use super::helper::ShellHelper;
use crate::db::Db;
use crate::error::{Error, Result};
use crate::model::{Kind, Precision};
use crate::output::{self, OutputFormat};
use crate::query::ast::Field;
use crate::session::{Session, Settings};

const PROMPT: &str = "geochron> ";

/// How long the shell waits for its store before showing the prompt anyway: a small store is
/// open by then (so a locked or foreign store is reported at once, as a script would), a large
/// one keeps opening behind the prompt.
const OPEN_PATIENCE: Duration = Duration::from_millis(150);

/// The shell's store: opened on a thread while the shell starts, because sled recovers a large
/// store at open (over a second at a million events) and the prompt should not wait for that;
/// the first statement that needs the store waits for the rest.
enum StoreSlot {
    /// Still opening; the thread sends the outcome.
    Opening(mpsc::Receiver<Result<Db>>),
    /// Open.
    Open(Db),
    /// Opening failed; the error was reported when the store was first needed.
    Failed,
}

impl StoreSlot {
    fn open_in_background(path: &Path) -> StoreSlot {
        let (sender, outcome) = mpsc::channel();
        let path = path.to_path_buf();
        std::thread::spawn(move || {
            // The shell may have quit already; then nobody waits for the store.
            let _ = sender.send(Db::open(&path));
        });
        StoreSlot::Opening(outcome)
    }

    /// Waits up to `patience` for the store; an error only when opening failed.
    fn settle(&mut self, patience: Duration) -> Result<()> {
        if let StoreSlot::Opening(outcome) = self {
            match outcome.recv_timeout(patience) {
                Ok(opened) => *self = StoreSlot::Open(opened?),
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => return Err(opener_stopped()),
            }
        }
        Ok(())
    }

    /// The store, waiting for it if it is still opening.
    fn db(&mut self) -> Result<&Db> {
        if let StoreSlot::Opening(outcome) = self {
            match outcome.recv().map_err(|_| opener_stopped()) {
                Ok(Ok(db)) => *self = StoreSlot::Open(db),
                Ok(Err(e)) | Err(e) => {
                    *self = StoreSlot::Failed;
                    return Err(e);
                }
            }
        }
        match self {
            StoreSlot::Open(db) => Ok(db),
            StoreSlot::Opening(_) | StoreSlot::Failed => {
                Err(Error::Invalid("the store could not be opened".into()))
            }
        }
    }
}

fn opener_stopped() -> Error {
    Error::Invalid("the thread opening the store stopped without an answer".into())
}

/// An open shell: the store, the settings its statements run with, and where results go.
pub struct Shell {
    store: StoreSlot,
    path: PathBuf,
    /// The format (`.format`) and the terminal's width when last asked, which tables and bars
    /// are fitted to; today comes from the clock at each entry.
    settings: Settings,
    output: Option<(PathBuf, File)>,
    timer: bool,
}

/// What a dot-command asks of the loop.
enum Next {
    Continue,
    Quit,
}

impl Shell {
    /// A shell over the store at `path`, already open.
    pub fn new(db: Db, path: PathBuf) -> Shell {
        Shell::with_store(StoreSlot::Open(db), path)
    }

    /// A shell over the store at `path`, opened behind the prompt (see `OPEN_PATIENCE`): a
    /// store that cannot be opened is an error here when that shows within the patience, else
    /// at the first statement, which then ends the shell with it.
    pub fn opening(path: PathBuf) -> Result<Shell> {
        let mut store = StoreSlot::open_in_background(&path);
        store.settle(OPEN_PATIENCE)?;
        Ok(Shell::with_store(store, path))
    }

    fn with_store(store: StoreSlot, path: PathBuf) -> Shell {
        Shell {
            store,
            path,
            settings: Settings {
                width: output::terminal_width(),
                ..Settings::default()
            },
            output: None,
            timer: false,
        }
    }

    /// Runs the shell until `.quit` or end of input.
    pub fn run(mut self) -> Result<()> {
        let config = Config::builder()
            .auto_add_history(false)
            .completion_type(CompletionType::List)
            .build();
        let mut editor: Editor<ShellHelper, DefaultHistory> =
            Editor::with_config(config).map_err(readline_error)?;
        editor.set_helper(Some(ShellHelper::new()));
        let history = history_path();
        if let Some(path) = &history {
            // A missing history file is the normal first run.
            let _ = editor.load_history(path);
        }
        println!(
            "geochron {} — store {} — .help for help, .quit to leave",
            env!("CARGO_PKG_VERSION"),
            self.path.display()
        );
        loop {
            match editor.readline(PROMPT) {
                Ok(line) => {
                    if line.trim().is_empty() {
                        continue;
                    }
                    if let Some((columns, _)) = editor.dimensions() {
                        self.settings.width = usize::from(columns).max(20);
                    }
                    let _ = editor.add_history_entry(line.as_str());
                    match self.execute(&line) {
                        Ok(Next::Quit) => break,
                        Ok(Next::Continue) => {}
                        // A store that could not be opened ends the shell, as it would
                        // have before the prompt.
                        Err(e) if matches!(self.store, StoreSlot::Failed) => {
                            save_history(&mut editor, history.as_deref());
                            return Err(e);
                        }
                        Err(e) => eprintln!("{e}"),
                    }
                }
                Err(ReadlineError::Interrupted) => continue,
                Err(ReadlineError::Eof) => break,
                Err(e) => return Err(readline_error(e)),
            }
        }
        save_history(&mut editor, history.as_deref());
        // A store still opening is closed cleanly rather than cut off at exit.
        self.store.db().map(|_| ())
    }

    /// Runs one entry: a dot-command, or statements.
    fn execute(&mut self, line: &str) -> Result<Next> {
        let started = Instant::now();
        let next = match DotCommand::parse(line) {
            Some(Ok(command)) => self.command(command)?,
            Some(Err(e)) => {
                eprintln!("{e}");
                Next::Continue
            }
            None => {
                self.statements(line, "input", true)?;
                Next::Continue
            }
        };
        if self.timer {
            eprintln!("time: {:.3} ms", started.elapsed().as_secs_f64() * 1000.0);
        }
        Ok(next)
    }

    /// Runs statements in a session with the shell's settings; errors are printed under
    /// their line by the session.
    fn statements(&mut self, text: &str, name: &str, keep_going: bool) -> Result<()> {
        let settings = Settings {
            keep_going,
            ..self.settings.clone()
        };
        let mut err = io::stderr();
        let session = Session::new(self.store.db()?, settings);
        let result = match &mut self.output {
            Some((_, file)) => session.run_script(text, name, file, &mut err),
            None => {
                let stdout = io::stdout();
                let mut out = stdout.lock();
                let result = session.run_script(text, name, &mut out, &mut err);
                let _ = out.flush();
                result
            }
        };
        match result {
            // Query errors were already shown under their line.
            Ok(_) | Err(Error::Query(_)) => Ok(()),
            Err(e) => Err(e),
        }
    }

    fn command(&mut self, command: DotCommand) -> Result<Next> {
        match command {
            DotCommand::Help => print_help(),
            DotCommand::Quit => return Ok(Next::Quit),
            DotCommand::Format(format) => {
                self.settings.format = format;
                println!("results as {format}");
            }
            DotCommand::Timer(on) => self.timer = on,
            DotCommand::Stats => {
                let stdout = io::stdout();
                crate::cli::inspect::stats(self.store.db()?, &mut stdout.lock())?;
            }
            DotCommand::Schema => print_schema(),
            DotCommand::Output(None) => {
                self.output = None;
                println!("results to the terminal");
            }
            DotCommand::Output(Some(path)) => {
                let file = File::create(&path).map_err(|source| Error::Io {
                    path: path.clone(),
                    source,
                })?;
                println!("results to {}", path.display());
                self.output = Some((path, file));
            }
            DotCommand::Read(path) => {
                let text = std::fs::read_to_string(&path).map_err(|source| Error::Io {
                    path: path.clone(),
                    source,
                })?;
                self.statements(&text, &path.display().to_string(), false)?;
            }
            DotCommand::Open(path) => self.open(&path)?,
        }
        Ok(Next::Continue)
    }

    /// Switches stores; the old one stays open if the new one cannot be opened.
    fn open(&mut self, path: &Path) -> Result<()> {
        if path == self.path {
            println!("{} is already open", path.display());
            return Ok(());
        }
        self.store = StoreSlot::Open(Db::open(path)?);
        self.path = path.to_path_buf();
        println!("opened {}", path.display());
        Ok(())
    }
}

fn print_help() {
    println!("Statements end with `;` or a newline outside brackets, for example:");
    println!(
        "  events where near \"Mosul\" within 100 km and date in 2019 | sort date desc | limit 20"
    );
    println!("  events where kind = battle | count by country");
    println!("  explain events where country = IQ");
    println!("  explain event 497d018f544715dc      (each field with the words it came from)");
    println!("Commands:");
    for (synopsis, what) in COMMANDS {
        println!("  {synopsis:<16} {what}");
    }
}

fn print_schema() {
    println!("sources: events, articles, places");
    println!("fields: {}", Field::NAMES.join(", "));
    let tops: Vec<String> = Kind::all()
        .filter(|k| k.sub_kind().is_none())
        .map(|k| k.to_string())
        .collect();
    println!(
        "kinds: {} (a top kind matches its sub-kinds; `.schema` lists top kinds, completion lists all)",
        tops.join(", ")
    );
    let precisions: Vec<&str> = Precision::ALL.iter().map(|p| p.as_str()).collect();
    println!("date precisions: {}", precisions.join(", "));
    println!("place precisions: point, city, admin1, country, region");
    let formats: Vec<&str> = OutputFormat::ALL.iter().map(|f| f.as_str()).collect();
    println!("formats: {}", formats.join(", "));
}

fn save_history(editor: &mut Editor<ShellHelper, DefaultHistory>, history: Option<&Path>) {
    if let Some(path) = history {
        // A history that cannot be written loses the history, not the session's work.
        let _ = editor.save_history(path);
    }
}

fn history_path() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("GEOCHRON_HISTORY") {
        return Some(PathBuf::from(path));
    }
    std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".geochron_history"))
}

fn readline_error(e: ReadlineError) -> Error {
    match e {
        ReadlineError::Io(source) => Error::Io {
            path: "-".into(),
            source,
        },
        other => Error::Io {
            path: "-".into(),
            source: io::Error::other(other.to_string()),
        },
    }
}
