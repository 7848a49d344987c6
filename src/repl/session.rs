//! The interactive shell: a rustyline loop over one open store. Statements run through the same
//! path as `geochron run` scripts; dot-commands change how results are shown or which store is
//! open. History lives in a file (`GEOCHRON_HISTORY`, else `~/.geochron_history`).

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use rustyline::error::ReadlineError;
use rustyline::history::DefaultHistory;
use rustyline::{CompletionType, Config, Editor};

use super::command::{COMMANDS, DotCommand, OutputFormat};
use super::helper::ShellHelper;
use crate::cli::query::{ScriptOptions, run_script_with, terminal_width};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::model::{Kind, Precision};
use crate::query::ast::Field;

const PROMPT: &str = "geochron> ";

/// An open shell: the store, and how results are shown.
pub struct Session {
    db: Db,
    path: PathBuf,
    format: OutputFormat,
    output: Option<(PathBuf, File)>,
    timer: bool,
    /// The terminal's width when last asked; tables and bars are fitted to it.
    width: usize,
}

/// What a dot-command asks of the loop.
enum Next {
    Continue,
    Quit,
}

impl Session {
    /// A shell over the store at `path`.
    pub fn new(db: Db, path: PathBuf) -> Session {
        Session {
            db,
            path,
            format: OutputFormat::Table,
            output: None,
            timer: false,
            width: terminal_width(),
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
                        self.width = usize::from(columns).max(20);
                    }
                    let _ = editor.add_history_entry(line.as_str());
                    match self.execute(&line) {
                        Ok(Next::Quit) => break,
                        Ok(Next::Continue) => {}
                        Err(e) => eprintln!("{e}"),
                    }
                }
                Err(ReadlineError::Interrupted) => continue,
                Err(ReadlineError::Eof) => break,
                Err(e) => return Err(readline_error(e)),
            }
        }
        if let Some(path) = &history {
            let _ = editor.save_history(path);
        }
        Ok(())
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

    /// Runs statements; errors are printed under their line by the script runner.
    fn statements(&mut self, text: &str, name: &str, keep_going: bool) -> Result<()> {
        let options = ScriptOptions {
            format: self.format,
            keep_going,
            width: self.width,
            today: chrono::Local::now().date_naive(),
        };
        let mut err = io::stderr();
        let result = match &mut self.output {
            Some((_, file)) => run_script_with(&self.db, text, name, &options, file, &mut err),
            None => {
                let stdout = io::stdout();
                let mut out = stdout.lock();
                let result = run_script_with(&self.db, text, name, &options, &mut out, &mut err);
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
                self.format = format;
                println!("results as {format}");
            }
            DotCommand::Timer(on) => self.timer = on,
            DotCommand::Stats => {
                let stdout = io::stdout();
                crate::cli::inspect::stats(&self.db, &mut stdout.lock())?;
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
        self.db = Db::open(path)?;
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
