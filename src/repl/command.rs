//! Dot-commands in the sqlite3 tradition (`.help`, `.open PATH`, `.format json`, …) parsed from
//! a shell line into a [`DotCommand`], and [`statement_complete`], which tells the line editor
//! whether Enter should run the buffer. Pure: no I/O, no store, no terminal.

use std::path::PathBuf;

use crate::output::OutputFormat;
use crate::query::suggest::nearest;

/// A shell command that is not a statement of the query language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DotCommand {
    /// `.help`: the language in brief and the commands.
    Help,
    /// `.open PATH`: switch to another store.
    Open(PathBuf),
    /// `.read FILE`: run the statements of a script.
    Read(PathBuf),
    /// `.format [MODE]` (or `.mode`): how results are printed; alone, the current mode.
    Format(Option<OutputFormat>),
    /// `.output [FILE]`: send results to a file, or back to the terminal without one.
    Output(Option<PathBuf>),
    /// `.once FILE`: send the next entry's results to a file, then back.
    Once(PathBuf),
    /// `.timer on|off`: print how long each statement took.
    Timer(bool),
    /// `.echo on|off`: print each statement before its result.
    Echo(bool),
    /// `.headers on|off`: the header row of tables and csv.
    Headers(bool),
    /// `.bail on|off`: whether `.read` stops at the first error.
    Bail(bool),
    /// `.nullvalue [TEXT]`: what a missing value prints as; alone, the current text.
    NullValue(Option<String>),
    /// `.maxrows [N]`: the most rows a table shows (0 for all); alone, the current cap.
    MaxRows(Option<usize>),
    /// `.stats`: counts and sizes of the store.
    Stats,
    /// `.schema`: each source's columns, kinds and precisions.
    Schema,
    /// `.quit` (or `.exit`): leave the shell.
    Quit,
}

/// The command names, with their argument synopsis, as `.help` shows them.
pub const COMMANDS: &[(&str, &str)] = &[
    (".help", "the language in brief and these commands"),
    (
        ".open PATH",
        "open another store (`ingest` creates a new one)",
    ),
    (".read FILE", "run the statements of a script"),
    (
        ".format [MODE]",
        "print results as table, line, json, ndjson, csv or geojson",
    ),
    (
        ".output [FILE]",
        "write results to FILE, or to the terminal without one",
    ),
    (".once FILE", "write the next results to FILE"),
    (
        ".maxrows [N]",
        "show at most N rows of a table (0: all; 40 at first)",
    ),
    (".headers on|off", "the header row of tables and csv"),
    (
        ".nullvalue TEXT",
        "how a missing value prints (blank at first)",
    ),
    (".echo on|off", "print each statement before its result"),
    (".bail on|off", "stop `.read` at the first error"),
    (".timer on|off", "show how long each statement takes"),
    (".stats", "counts and sizes of the store"),
    (".schema", "each source's columns, kinds and precisions"),
    (".quit", "leave the shell"),
];

/// A shell line that is not a valid dot-command.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CommandError {
    /// No command has this name.
    #[error("unknown command `.{name}`{}", suggestion.as_ref().map(|s| format!(" — did you mean `.{s}`?")).unwrap_or_default())]
    Unknown {
        /// The name typed, without the dot.
        name: String,
        /// The nearest command name, if one is close.
        suggestion: Option<String>,
    },
    /// A required argument is missing.
    #[error("`.{command}` needs {argument}")]
    MissingArgument {
        /// The command.
        command: &'static str,
        /// What it needs ("a path").
        argument: &'static str,
    },
    /// More arguments than the command takes.
    #[error("`.{command}` takes {takes}, but got `{extra}` too")]
    TooManyArguments {
        /// The command.
        command: &'static str,
        /// How many it takes, in words.
        takes: &'static str,
        /// The first extra argument.
        extra: String,
    },
    /// An argument is not one of the values the command accepts.
    #[error("`.{command}` takes {expected}, not `{found}`")]
    InvalidValue {
        /// The command.
        command: &'static str,
        /// The values it accepts.
        expected: &'static str,
        /// What was given.
        found: String,
    },
    /// A quoted argument is not closed.
    #[error("unclosed quote in `{0}`")]
    UnclosedQuote(String),
}

/// The names a dot-command may start with, for "did you mean".
const NAMES: &[&str] = &[
    "help",
    "open",
    "read",
    "format",
    "mode",
    "output",
    "once",
    "timer",
    "echo",
    "headers",
    "bail",
    "nullvalue",
    "maxrows",
    "stats",
    "schema",
    "quit",
    "exit",
];

/// What `.format` takes, in words.
const FORMATS: &str = "a format: table, line, json, ndjson, csv or geojson";

impl DotCommand {
    /// Parses a shell line starting with `.`; `None` if the line is not a dot-command (it is a
    /// statement). Arguments are separated by spaces; quote one that holds spaces.
    pub fn parse(line: &str) -> Option<Result<DotCommand, CommandError>> {
        let body = line.trim().strip_prefix('.')?;
        Some(parse_body(body))
    }
}

fn parse_body(body: &str) -> Result<DotCommand, CommandError> {
    let words = split_arguments(body)?;
    let mut words = words.into_iter();
    let name = words.next().unwrap_or_default().to_ascii_lowercase();
    let rest: Vec<String> = words.collect();
    let no_arguments = |command: &'static str, made: DotCommand| match rest.first() {
        None => Ok(made),
        Some(extra) => Err(CommandError::TooManyArguments {
            command,
            takes: "no arguments",
            extra: extra.clone(),
        }),
    };
    let at_most_one = |command: &'static str| -> Result<Option<String>, CommandError> {
        match rest.as_slice() {
            [] => Ok(None),
            [only] => Ok(Some(only.clone())),
            [_, extra, ..] => Err(CommandError::TooManyArguments {
                command,
                takes: "one argument",
                extra: extra.clone(),
            }),
        }
    };
    let one = |command: &'static str, argument: &'static str| -> Result<String, CommandError> {
        at_most_one(command)?.ok_or(CommandError::MissingArgument { command, argument })
    };
    let switch = |command: &'static str| -> Result<bool, CommandError> {
        let value = one(command, "`on` or `off`")?;
        match value.to_ascii_lowercase().as_str() {
            "on" => Ok(true),
            "off" => Ok(false),
            _ => Err(CommandError::InvalidValue {
                command,
                expected: "`on` or `off`",
                found: value,
            }),
        }
    };
    match name.as_str() {
        "help" => no_arguments("help", DotCommand::Help),
        "stats" => no_arguments("stats", DotCommand::Stats),
        "schema" => no_arguments("schema", DotCommand::Schema),
        "quit" | "exit" => no_arguments("quit", DotCommand::Quit),
        "open" => one("open", "a path to a store").map(|p| DotCommand::Open(p.into())),
        "read" => one("read", "a script file").map(|p| DotCommand::Read(p.into())),
        "once" => one("once", "a file").map(|p| DotCommand::Once(p.into())),
        "output" => Ok(DotCommand::Output(
            at_most_one("output")?.map(PathBuf::from),
        )),
        "format" | "mode" => match at_most_one("format")? {
            None => Ok(DotCommand::Format(None)),
            Some(mode) => OutputFormat::from_name(&mode)
                .map(|f| DotCommand::Format(Some(f)))
                .ok_or(CommandError::InvalidValue {
                    command: "format",
                    expected: FORMATS,
                    found: mode,
                }),
        },
        "timer" => switch("timer").map(DotCommand::Timer),
        "echo" => switch("echo").map(DotCommand::Echo),
        "headers" => switch("headers").map(DotCommand::Headers),
        "bail" => switch("bail").map(DotCommand::Bail),
        "nullvalue" => Ok(DotCommand::NullValue(at_most_one("nullvalue")?)),
        "maxrows" => match at_most_one("maxrows")? {
            None => Ok(DotCommand::MaxRows(None)),
            Some(n) => match n.parse::<usize>() {
                Ok(n) => Ok(DotCommand::MaxRows(Some(n))),
                Err(_) if n.eq_ignore_ascii_case("all") => Ok(DotCommand::MaxRows(Some(0))),
                Err(_) => Err(CommandError::InvalidValue {
                    command: "maxrows",
                    expected: "a number of rows (0 or `all` for every row)",
                    found: n,
                }),
            },
        },
        _ => Err(CommandError::Unknown {
            suggestion: nearest(&name, NAMES.iter().copied()).map(str::to_string),
            name,
        }),
    }
}

/// Splits arguments at spaces; `"…"` or `'…'` keeps spaces inside one argument.
fn split_arguments(body: &str) -> Result<Vec<String>, CommandError> {
    let mut words = Vec::new();
    let mut chars = body.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let Some(&first) = chars.peek() else {
            return Ok(words);
        };
        let mut word = String::new();
        if first == '"' || first == '\'' {
            chars.next();
            loop {
                match chars.next() {
                    Some(c) if c == first => break,
                    Some(c) => word.push(c),
                    None => return Err(CommandError::UnclosedQuote(body.to_string())),
                }
            }
        } else {
            while let Some(c) = chars.next_if(|c| !c.is_whitespace()) {
                word.push(c);
            }
        }
        words.push(word);
    }
}

/// Whether the shell's buffer is ready to run when Enter is pressed: a dot-command always is;
/// statements are at a `;` or a line end outside brackets and quotes, and not after a trailing
/// `|` (a blank line runs whatever is there, so nobody gets stuck).
pub fn statement_complete(buffer: &str) -> bool {
    buffer.trim_start().starts_with('.') || crate::query::script::input_complete(buffer)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(line: &str) -> Result<DotCommand, CommandError> {
        DotCommand::parse(line)
            .unwrap_or_else(|| Err(CommandError::UnclosedQuote("not a command".into())))
    }

    #[test]
    fn statements_are_not_dot_commands() {
        assert_eq!(DotCommand::parse("events | limit 3"), None);
        assert_eq!(DotCommand::parse("  stats"), None);
    }

    #[test]
    fn every_command_parses() {
        assert_eq!(parsed(".help"), Ok(DotCommand::Help));
        assert_eq!(
            parsed(" .open my.db "),
            Ok(DotCommand::Open("my.db".into()))
        );
        assert_eq!(
            parsed(".open \"my store\""),
            Ok(DotCommand::Open("my store".into()))
        );
        assert_eq!(
            parsed(".read 'daily run.gq'"),
            Ok(DotCommand::Read("daily run.gq".into()))
        );
        assert_eq!(
            parsed(".format GeoJSON"),
            Ok(DotCommand::Format(Some(OutputFormat::Geojson)))
        );
        assert_eq!(
            parsed(".mode csv"),
            Ok(DotCommand::Format(Some(OutputFormat::Csv)))
        );
        assert_eq!(
            parsed(".mode line"),
            Ok(DotCommand::Format(Some(OutputFormat::Line)))
        );
        assert_eq!(parsed(".format"), Ok(DotCommand::Format(None)));
        assert_eq!(parsed(".once a.csv"), Ok(DotCommand::Once("a.csv".into())));
        assert_eq!(parsed(".echo on"), Ok(DotCommand::Echo(true)));
        assert_eq!(parsed(".headers OFF"), Ok(DotCommand::Headers(false)));
        assert_eq!(parsed(".bail on"), Ok(DotCommand::Bail(true)));
        assert_eq!(
            parsed(".nullvalue NULL"),
            Ok(DotCommand::NullValue(Some("NULL".into())))
        );
        assert_eq!(
            parsed(".nullvalue ''"),
            Ok(DotCommand::NullValue(Some(String::new())))
        );
        assert_eq!(parsed(".maxrows 100"), Ok(DotCommand::MaxRows(Some(100))));
        assert_eq!(parsed(".maxrows all"), Ok(DotCommand::MaxRows(Some(0))));
        assert_eq!(parsed(".maxrows"), Ok(DotCommand::MaxRows(None)));
        assert_eq!(parsed(".output"), Ok(DotCommand::Output(None)));
        assert_eq!(
            parsed(".output out.json"),
            Ok(DotCommand::Output(Some("out.json".into())))
        );
        assert_eq!(parsed(".timer ON"), Ok(DotCommand::Timer(true)));
        assert_eq!(parsed(".timer off"), Ok(DotCommand::Timer(false)));
        assert_eq!(parsed(".stats"), Ok(DotCommand::Stats));
        assert_eq!(parsed(".schema"), Ok(DotCommand::Schema));
        assert_eq!(parsed(".quit"), Ok(DotCommand::Quit));
        assert_eq!(parsed(".exit"), Ok(DotCommand::Quit));
    }

    #[test]
    fn mistakes_get_clear_errors() {
        let unknown = parsed(".tiemr on").unwrap_err();
        assert_eq!(
            unknown.to_string(),
            "unknown command `.tiemr` — did you mean `.timer`?"
        );
        assert_eq!(parsed(".").unwrap_err().to_string(), "unknown command `.`");
        assert_eq!(
            parsed(".open").unwrap_err().to_string(),
            "`.open` needs a path to a store"
        );
        assert_eq!(
            parsed(".format xml").unwrap_err().to_string(),
            "`.format` takes a format: table, line, json, ndjson, csv or geojson, not `xml`"
        );
        assert_eq!(
            parsed(".maxrows many").unwrap_err().to_string(),
            "`.maxrows` takes a number of rows (0 or `all` for every row), not `many`"
        );
        assert_eq!(
            parsed(".timer maybe").unwrap_err().to_string(),
            "`.timer` takes `on` or `off`, not `maybe`"
        );
        assert_eq!(
            parsed(".quit now").unwrap_err().to_string(),
            "`.quit` takes no arguments, but got `now` too"
        );
        assert!(matches!(
            parsed(".open 'x"),
            Err(CommandError::UnclosedQuote(_))
        ));
        assert!(matches!(
            parsed(".read a b"),
            Err(CommandError::TooManyArguments { .. })
        ));
    }

    #[test]
    fn completeness_for_the_line_editor() {
        assert!(statement_complete(".open x"));
        assert!(statement_complete("stats"));
        assert!(statement_complete("events where kind = battle;"));
        assert!(!statement_complete("events where (kind = battle"));
        assert!(!statement_complete("events where kind = battle |"));
        assert!(statement_complete("events where (kind = battle\n"));
        assert!(statement_complete("events where text ~ \"(\""));
        assert!(statement_complete("events -- a comment with ("));
    }
}
