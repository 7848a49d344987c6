//! The interactive shell: a rustyline loop over one store. Typed statements and `.read FILE`
//! run through a [`Session`], the road `geochron run` scripts take; dot-commands change the
//! session's settings (how results are shown), where they go, or which store is open.
//!
//! The habits of the sqlite3 shell: a statement left open (a bracket, a trailing `|`) asks
//! for more under a `...>` prompt; results go to the terminal, to an `.output` file or to a
//! `.once` file; a table shows at most `.maxrows` rows (40 at first) and goes through
//! `$PAGER` when it is longer than the screen; Ctrl-C stops the running statement (an ingest
//! between two batches, each stored whole) and gives the prompt back. Each entry is appended
//! to the history file as soon as it is typed (`GEOCHRON_HISTORY`, else
//! `~/.geochron_history`). A store that does not exist yet is not created until a statement
//! writes to it (`ingest`); reading it is an error that says so.

use std::fs::File;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use rustyline::error::ReadlineError;
use rustyline::history::DefaultHistory;
use rustyline::{CompletionType, Config, Editor};

use super::command::{DotCommand, statement_complete};
use super::helper::ShellHelper;
use super::{help, interrupt, pager};
use crate::cli::ingest::IngestProgress;
use crate::cli::query::{Need, need_of};
use crate::control::{Control, Interrupt};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::session::{Session, Settings};

const PROMPT: &str = "geochron> ";

/// The prompt of a statement's second and later lines.
const CONTINUATION: &str = "     ...> ";

/// The most rows a table shows until `.maxrows` says otherwise, as in duckdb.
const MAX_ROWS: usize = 40;

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
    /// Nothing is there yet: a read is an error, an `ingest` creates the store.
    Missing,
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
    fn db(&mut self, path: &Path) -> Result<&Db> {
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
            StoreSlot::Missing => Err(Error::NoStore {
                path: path.to_path_buf(),
            }),
            StoreSlot::Opening(_) | StoreSlot::Failed => {
                Err(Error::Invalid("the store could not be opened".into()))
            }
        }
    }
}

fn opener_stopped() -> Error {
    Error::Invalid("the thread opening the store stopped without an answer".into())
}

/// Where an entry's results go.
enum Sink {
    /// The terminal (through the pager when a table is longer than the screen).
    Terminal,
    /// The `.output` file.
    Output,
    /// The `.once` file, for this entry only.
    Once(PathBuf, File),
}

/// An open shell: the store, the settings its statements run with, and where results go.
pub struct Shell {
    store: StoreSlot,
    path: PathBuf,
    /// A store for statements that read only the gazetteer while no store exists.
    scratch: Option<Db>,
    /// The format, width, echo, headers, null text and row cap statements print with; the
    /// width follows the terminal's at each entry; today comes from the clock at each entry.
    settings: Settings,
    output: Option<(PathBuf, File)>,
    once: Option<(PathBuf, File)>,
    timer: bool,
    bail: bool,
    /// Raised by Ctrl-C while a statement runs.
    interrupt: Interrupt,
    /// The bar a typed `ingest` draws.
    progress: Arc<IngestProgress>,
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
    /// at the first statement, which then ends the shell with it. A path where nothing is yet
    /// is a store to be created by the first `ingest`.
    pub fn opening(path: PathBuf) -> Result<Shell> {
        let store = if path.exists() {
            let mut store = StoreSlot::open_in_background(&path);
            store.settle(OPEN_PATIENCE)?;
            store
        } else {
            StoreSlot::Missing
        };
        Ok(Shell::with_store(store, path))
    }

    fn with_store(store: StoreSlot, path: PathBuf) -> Shell {
        Shell {
            store,
            path,
            scratch: None,
            settings: Settings {
                width: crate::cli::terminal::width(),
                echo: false,
                max_rows: Some(MAX_ROWS),
                keep_going: true,
                ..Settings::default()
            },
            output: None,
            once: None,
            timer: false,
            bail: false,
            interrupt: Interrupt::new(),
            progress: Arc::new(IngestProgress::on_terminal()),
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
        interrupt::install(&self.interrupt).map_err(|source| Error::Io {
            path: "-".into(),
            source,
        })?;
        let missing = if matches!(self.store, StoreSlot::Missing) {
            " (none yet: `ingest 'PATH'` creates it)"
        } else {
            ""
        };
        println!(
            "geochron {} — store {}{missing} — .help for help, .quit to leave",
            env!("CARGO_PKG_VERSION"),
            self.path.display()
        );
        let mut entry = String::new();
        loop {
            let prompt = if entry.is_empty() {
                PROMPT
            } else {
                CONTINUATION
            };
            // Completion offers the open store's places, its imported entries included.
            if let (StoreSlot::Open(db), Some(helper)) = (&self.store, editor.helper_mut())
                && let Ok(gazetteer) = db.gazetteer()
            {
                helper.set_gazetteer(gazetteer);
            }
            match editor.readline(prompt) {
                Ok(line) => {
                    if entry.is_empty() && line.trim().is_empty() {
                        continue;
                    }
                    if !entry.is_empty() {
                        entry.push('\n');
                    }
                    entry.push_str(&line);
                    if !statement_complete(&entry) {
                        continue;
                    }
                    let text = std::mem::take(&mut entry);
                    let text = text.trim_end();
                    // The history has each entry at once, so a crash or a kill loses none.
                    let _ = editor.add_history_entry(text);
                    if let Some(path) = &history {
                        let _ = editor.append_history(path);
                    }
                    if let Some((columns, _)) = editor.dimensions() {
                        self.settings.width = usize::from(columns).max(20);
                    }
                    match self.execute(text) {
                        Ok(Next::Quit) => break,
                        Ok(Next::Continue) => {}
                        // A store that could not be opened ends the shell, as it would
                        // have before the prompt.
                        Err(e) if matches!(self.store, StoreSlot::Failed) => return Err(e),
                        Err(e) => eprintln!("{e}"),
                    }
                }
                // Ctrl-C at the prompt drops what was typed, as in sqlite3 and psql.
                Err(ReadlineError::Interrupted) => entry.clear(),
                Err(ReadlineError::Eof) => break,
                Err(e) => return Err(readline_error(e)),
            }
        }
        // A store still opening is closed cleanly rather than cut off at exit.
        match self.store {
            StoreSlot::Opening(_) => self.store.db(&self.path).map(|_| ()),
            _ => Ok(()),
        }
    }

    /// Runs one entry: a dot-command, or statements.
    fn execute(&mut self, text: &str) -> Result<Next> {
        let started = Instant::now();
        let next = match DotCommand::parse(text) {
            Some(Ok(command)) => self.command(command),
            Some(Err(e)) => {
                eprintln!("{e}");
                Ok(Next::Continue)
            }
            None => {
                let keep_going = true;
                self.statements(text, "input", keep_going)
                    .map(|()| Next::Continue)
            }
        };
        if self.timer {
            eprintln!("time: {:.3} ms", started.elapsed().as_secs_f64() * 1000.0);
        }
        next
    }

    /// Runs statements in a session with the shell's settings, printing where results go;
    /// errors are printed under their line by the session.
    fn statements(&mut self, text: &str, name: &str, keep_going: bool) -> Result<()> {
        let sink = match self.once.take() {
            Some((path, file)) => Sink::Once(path, file),
            None if self.output.is_some() => Sink::Output,
            None => Sink::Terminal,
        };
        let terminal = matches!(sink, Sink::Terminal);
        let settings = Settings {
            keep_going,
            // The echo and the bars are for a person at the terminal, not for files.
            echo: self.settings.echo && terminal,
            bars: terminal,
            ..self.settings.clone()
        };
        let db = match (&self.store, need_of(text)) {
            (StoreSlot::Missing, Need::Write) => {
                self.store = StoreSlot::Open(Db::open(&self.path)?);
                println!("created the store {}", self.path.display());
                self.store.db(&self.path)?
            }
            (StoreSlot::Missing, Need::Nothing) => match &mut self.scratch {
                Some(db) => db,
                none => none.insert(Db::temporary()?),
            },
            _ => self.store.db(&self.path)?,
        };
        let control = Control {
            interrupt: self.interrupt.clone(),
            progress: Some(self.progress.callback()),
        };
        let session = Session::new(db, settings).with_control(control);
        self.interrupt.clear();
        let mut err = io::stderr();
        let result = match sink {
            Sink::Once(path, mut file) => {
                let result = session.run_script(text, name, &mut file, &mut err);
                eprintln!("results written to {}", path.display());
                result
            }
            Sink::Output => match &mut self.output {
                Some((_, file)) => session.run_script(text, name, file, &mut err),
                None => Ok(Default::default()),
            },
            Sink::Terminal => match pager::command().filter(|_| io::stdout().is_terminal()) {
                Some(pager) => {
                    let mut shown = Vec::new();
                    let result = session.run_script(text, name, &mut shown, &mut err);
                    self.progress.finish();
                    let height = crate::cli::terminal::height();
                    if !pager::too_long(&shown, height) || pager::show(&shown, &pager).is_err() {
                        let mut out = io::stdout().lock();
                        let _ = out.write_all(&shown);
                        let _ = out.flush();
                    }
                    result
                }
                None => {
                    let mut out = io::stdout().lock();
                    let result = session.run_script(text, name, &mut out, &mut err);
                    let _ = out.flush();
                    result
                }
            },
        };
        self.progress.finish();
        self.interrupt.clear();
        match result {
            // Query errors were already shown under their line.
            Ok(_) | Err(Error::Query(_)) => Ok(()),
            Err(e) => Err(e),
        }
    }

    fn command(&mut self, command: DotCommand) -> Result<Next> {
        match command {
            DotCommand::Help => help::write_help(&mut io::stdout()).map_err(stdout_error)?,
            DotCommand::Quit => return Ok(Next::Quit),
            DotCommand::Format(Some(format)) => {
                self.settings.format = format;
                println!("results as {format}");
            }
            DotCommand::Format(None) => println!("results as {}", self.settings.format),
            DotCommand::Timer(on) => self.timer = on,
            DotCommand::Echo(on) => self.settings.echo = on,
            DotCommand::Headers(on) => self.settings.headers = on,
            DotCommand::Bail(on) => self.bail = on,
            DotCommand::NullValue(Some(text)) => self.settings.null_value = text,
            DotCommand::NullValue(None) => {
                println!("missing values print as {:?}", self.settings.null_value);
            }
            DotCommand::MaxRows(Some(n)) => self.settings.max_rows = (n > 0).then_some(n),
            DotCommand::MaxRows(None) => match self.settings.max_rows {
                Some(n) => println!("tables show at most {n} rows"),
                None => println!("tables show every row"),
            },
            DotCommand::Stats => {
                let db = self.store.db(&self.path)?;
                crate::cli::inspect::stats(db, &mut io::stdout().lock())?;
            }
            DotCommand::Schema => help::write_schema(&mut io::stdout()).map_err(stdout_error)?,
            DotCommand::Output(None) => {
                self.output = None;
                println!("results to the terminal");
            }
            DotCommand::Output(Some(path)) => {
                let file = create(&path)?;
                println!("results to {}", path.display());
                self.output = Some((path, file));
            }
            DotCommand::Once(path) => self.once = Some((path.clone(), create(&path)?)),
            DotCommand::Read(path) => {
                let text = std::fs::read_to_string(&path).map_err(|source| Error::Io {
                    path: path.clone(),
                    source,
                })?;
                let keep_going = !self.bail;
                self.statements(&text, &path.display().to_string(), keep_going)?;
            }
            DotCommand::Open(path) => self.open(&path)?,
        }
        Ok(Next::Continue)
    }

    /// Switches stores; the old one stays open if the new one cannot be opened. A path in a
    /// folder that does not exist is an error; a new path in one that does is a store the
    /// first `ingest` creates.
    fn open(&mut self, path: &Path) -> Result<()> {
        if path == self.path {
            println!("{} is already open", path.display());
            return Ok(());
        }
        let folder = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        if !folder.is_dir() {
            return Err(Error::NotFound(format!(
                "cannot open {}: there is no folder {}",
                path.display(),
                folder.display()
            )));
        }
        if path.exists() {
            self.store = StoreSlot::Open(Db::open(path)?);
            println!("opened {}", path.display());
        } else {
            self.store = StoreSlot::Missing;
            println!(
                "{} holds no store yet: `ingest 'PATH'` creates it",
                path.display()
            );
        }
        self.path = path.to_path_buf();
        Ok(())
    }
}

/// Creates (or empties) a file results are written to.
fn create(path: &Path) -> Result<File> {
    File::create(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })
}

fn stdout_error(source: io::Error) -> Error {
    Error::Io {
        path: "-".into(),
        source,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_folder_cannot_be_opened_and_a_missing_store_is_not_created() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let mut shell = Shell::with_store(StoreSlot::Missing, dir.path().join("a.db"));
        let refused = shell.open(&dir.path().join("no/such/folder/b.db"));
        assert!(
            matches!(&refused, Err(Error::NotFound(m)) if m.contains("there is no folder")),
            "{refused:?}"
        );
        let missing = dir.path().join("c.db");
        assert!(shell.open(&missing).is_ok());
        let read = shell.statements("stats", "input", true);
        assert!(matches!(read, Err(Error::NoStore { .. })), "{read:?}");
        assert!(!missing.exists(), "a read created the store");
        // The gazetteer needs no store.
        assert!(
            shell
                .statements("places where name ~ \"kirk\" | limit 1", "input", true)
                .is_ok()
        );
        assert!(!missing.exists());
    }
}
