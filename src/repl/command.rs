//! Dot-commands in the sqlite3 tradition (`.help`, `.open PATH`, `.format json`, …) parsed from
//! a shell line into a [`DotCommand`], and [`statement_complete`], which tells the line editor
//! whether Enter should run the buffer. Pure: no I/O, no store, no terminal.

use std::path::PathBuf;

use crate::output::OutputFormat;
use crate::query::suggest::nearest;

/// A shell command that is not a statement of the query language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DotCommand {
    /// `.help`: list the commands and the language's statements.
    Help,
    /// `.open PATH`: switch to another store.
    Open(PathBuf),
    /// `.read FILE`: run the statements of a script.
    Read(PathBuf),
    /// `.format MODE` (or `.mode MODE`): how results are printed.
    Format(OutputFormat),
    /// `.output [FILE]`: send results to a file, or back to the terminal without one.
    Output(Option<PathBuf>),
    /// `.timer on|off`: print how long each statement took.
    Timer(bool),
    /// `.stats`: counts and sizes of the store.
    Stats,
    /// `.schema`: the sources, their fields, kinds and precisions.
    Schema,
    /// `.quit` (or `.exit`): leave the shell.
    Quit,
}

/// The command names, with their argument synopsis, as `.help` shows them.
pub const COMMANDS: &[(&str, &str)] = &[
    (".help", "show this help"),
    (".open PATH", "open another store"),
    (".read FILE", "run the statements of a script"),
    (
        ".format MODE",
        "print results as table, json, ndjson, csv or geojson",
    ),
    (
        ".output [FILE]",
        "write results to FILE, or to the terminal without one",
    ),
    (".timer on|off", "show how long each statement takes"),
    (".stats", "counts and sizes of the store"),
    (".schema", "the sources, their fields, kinds and precisions"),
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
    "help", "open", "read", "format", "mode", "output", "timer", "stats", "schema", "quit", "exit",
];

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
    let one = |command: &'static str, argument: &'static str| -> Result<String, CommandError> {
        match rest.as_slice() {
            [] => Err(CommandError::MissingArgument { command, argument }),
            [only] => Ok(only.clone()),
            [_, extra, ..] => Err(CommandError::TooManyArguments {
                command,
                takes: "one argument",
                extra: extra.clone(),
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
        "output" => match rest.as_slice() {
            [] => Ok(DotCommand::Output(None)),
            _ => one("output", "a file").map(|p| DotCommand::Output(Some(p.into()))),
        },
        "format" | "mode" => {
            let mode = one("format", "a format: table, json, ndjson, csv or geojson")?;
            OutputFormat::from_name(&mode)
                .map(DotCommand::Format)
                .ok_or(CommandError::InvalidValue {
                    command: "format",
                    expected: "table, json, ndjson, csv or geojson",
                    found: mode,
                })
        }
        "timer" => {
            let switch = one("timer", "`on` or `off`")?;
            match switch.to_ascii_lowercase().as_str() {
                "on" => Ok(DotCommand::Timer(true)),
                "off" => Ok(DotCommand::Timer(false)),
                _ => Err(CommandError::InvalidValue {
                    command: "timer",
                    expected: "`on` or `off`",
                    found: switch,
                }),
            }
        }
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
            Ok(DotCommand::Format(OutputFormat::Geojson))
        );
        assert_eq!(
            parsed(".mode csv"),
            Ok(DotCommand::Format(OutputFormat::Csv))
        );
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
            "`.format` takes table, json, ndjson, csv or geojson, not `xml`"
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
