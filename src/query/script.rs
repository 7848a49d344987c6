//! Scripts: text holding many statements (a `.gq` file, a REPL buffer, stdin). Cuts it into
//! statements and parses each, keeping where each one starts so errors can name the line.
//!
//! A statement ends at `;`, or at a newline outside parentheses and quotes — unless the line
//! ends with `|` or the next line starts with `|`, `and` or `or`, so a pipeline or a filter may
//! be laid out one stage or one condition per line. A blank line always ends a statement, even with a parenthesis left open, so one
//! mistake cannot swallow the rest of a file. Quotes never span lines.

use super::ast::Statement;
use super::error::QueryError;
use super::parser::parse_statement;

/// One statement of a script and what parsing it gave.
#[derive(Clone, Debug, PartialEq)]
pub struct ScriptStatement {
    /// The 1-based line its first token is on.
    pub line: usize,
    /// The byte offset of its text in the script: add it to a span of the statement to point
    /// into the script (see [`QueryError::shifted`]).
    pub offset: usize,
    /// Its text, from the end of the previous statement to its terminator (not included).
    pub text: String,
    /// The statement, with spans relative to `text`; or the syntax error, with its span
    /// already shifted into the script, so `error.render(script)` shows the right line.
    pub result: Result<Statement, QueryError>,
}

/// Parses every statement of `script`, in order. Never fails as a whole: each statement has
/// its own result, so a runner can stop at the first error or keep going.
pub fn parse_script(script: &str) -> Vec<ScriptStatement> {
    split_statements(script)
        .into_iter()
        .map(|(start, end)| {
            let text = script.get(start..end).unwrap_or("");
            let leading = text.len() - super::parser::skip_blank(text).len();
            let line = script
                .get(..start + leading)
                .map_or(1, |s| s.matches('\n').count() + 1);
            ScriptStatement {
                line,
                offset: start,
                text: text.to_string(),
                result: parse_statement(text).map_err(|e| e.shifted(start)),
            }
        })
        .collect()
}

/// The byte ranges of the statements of `script`, terminators left out; ranges holding only
/// whitespace and comments are skipped.
pub fn split_statements(script: &str) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    let mut scan = Scan::default();
    let mut start = 0;
    for (i, c) in script.char_indices() {
        let ends = match scan.step(c) {
            Step::Semicolon => true,
            Step::Newline => {
                let next_line = script.get(i + 1..).unwrap_or("");
                scan.blank_line
                    || (scan.depth == 0 && !scan.continues && !continues_next(next_line))
            }
            Step::Other => false,
        };
        if ends {
            push_nonblank(&mut ranges, script, start, i);
            start = i + c.len_utf8();
            scan = Scan::default();
        } else if c == '\n' {
            scan.start_line();
        }
    }
    push_nonblank(&mut ranges, script, start, script.len());
    ranges
}

/// Whether `buffer` holds a complete statement (or nothing), so Enter should run it rather than
/// open another line: quotes and parentheses closed, no trailing `|`; or a blank last line.
#[cfg_attr(not(feature = "cli"), allow(dead_code))] // the shell's, behind the `cli` feature
pub fn input_complete(buffer: &str) -> bool {
    let mut scan = Scan::default();
    for c in buffer.chars() {
        if let Step::Newline = scan.step(c) {
            if scan.blank_line {
                scan = Scan::default();
                continue;
            }
            scan.start_line();
        }
    }
    // An open quote cannot be continued on the next line, so running it shows its error.
    let last_line_blank = scan.seen_line && scan.blank_line;
    last_line_blank || scan.depth == 0 && !scan.continues || scan.in_quote.is_some()
}

/// Keeps `start..end` if it holds anything but whitespace and comments.
fn push_nonblank(ranges: &mut Vec<(usize, usize)>, script: &str, start: usize, end: usize) {
    if script
        .get(start..end)
        .is_some_and(|s| !super::parser::skip_blank(s).is_empty())
    {
        ranges.push((start, end));
    }
}

/// Whether the next non-comment line starts with `|`, `and` or `or` (a blank line does not
/// count): no statement starts with those, so the line must continue the one before.
fn continues_next(rest: &str) -> bool {
    for line in rest.split('\n') {
        let line = line.trim();
        if line.starts_with("--") {
            continue;
        }
        let lower = line.to_ascii_lowercase();
        let starts_with_word = |kw: &str| {
            lower
                .strip_prefix(kw)
                .is_some_and(|r| !r.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_'))
        };
        return line.starts_with('|') || starts_with_word("and") || starts_with_word("or");
    }
    false
}

/// What a char meant to the scanner.
enum Step {
    /// A `;` outside quotes and comments.
    Semicolon,
    /// A newline.
    Newline,
    /// Anything else.
    Other,
}

/// The scanner's state within one statement: quotes, comments, parenthesis depth, and
/// whether the line so far is blank or ends with `|`.
#[derive(Default)]
struct Scan {
    /// The open quote char, if inside a string.
    in_quote: Option<char>,
    /// Whether the previous char was a `\` inside double quotes.
    escaped: bool,
    /// Whether inside a `--` comment.
    in_comment: bool,
    /// Whether the previous char was a `-` that may open a comment.
    dash: bool,
    /// Open parentheses (never below zero: a stray `)` is the parser's to report).
    depth: usize,
    /// Whether the last significant char was `|`.
    continues: bool,
    /// Whether the current line has held nothing but whitespace.
    blank_line: bool,
    /// Whether any char has been seen on the current line.
    seen_line: bool,
}

impl Scan {
    /// Resets the per-line state at a newline that does not end the statement.
    fn start_line(&mut self) {
        self.in_quote = None;
        self.in_comment = false;
        self.dash = false;
        self.blank_line = true;
        self.seen_line = true;
    }

    /// Feeds one char.
    fn step(&mut self, c: char) -> Step {
        if c == '\n' {
            // A newline closes quotes and comments; a line with only whitespace is blank.
            self.blank_line = self.seen_line && self.blank_line;
            return Step::Newline;
        }
        if !c.is_whitespace() {
            self.blank_line = false;
        }
        if self.in_comment {
            return Step::Other;
        }
        if let Some(quote) = self.in_quote {
            if self.escaped {
                self.escaped = false;
            } else if c == '\\' && quote == '"' {
                self.escaped = true;
            } else if c == quote {
                self.in_quote = None;
            }
            return Step::Other;
        }
        let dash = std::mem::replace(&mut self.dash, c == '-');
        match c {
            '-' if dash => {
                self.in_comment = true;
                self.dash = false;
            }
            '"' | '\'' => self.in_quote = Some(c),
            '(' => self.depth += 1,
            ')' => self.depth = self.depth.saturating_sub(1),
            ';' => return Step::Semicolon,
            _ => {}
        }
        // A lone `-` may open a comment, which must not end a `|` continuation.
        if !c.is_whitespace() && !self.in_comment && c != '-' {
            self.continues = c == '|';
        }
        Step::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(script: &str) -> Vec<&str> {
        split_statements(script)
            .into_iter()
            .map(|(s, e)| script[s..e].trim())
            .collect()
    }

    #[test]
    fn newlines_and_semicolons_end_statements() {
        assert_eq!(
            pieces("stats; stats\n\nstats\n"),
            ["stats", "stats", "stats"]
        );
        assert_eq!(pieces("-- only a comment\n\n  \n"), Vec::<&str>::new());
    }

    #[test]
    fn brackets_pipes_and_quotes_continue_them() {
        assert_eq!(
            pieces("events where (a\nor b)\nstats"),
            ["events where (a\nor b)", "stats"]
        );
        assert_eq!(
            pieces("events |\n limit 3\n| sort date\nstats"),
            ["events |\n limit 3\n| sort date", "stats"]
        );
        assert_eq!(
            pieces("ingest 'a;b'; stats -- x; y\nstats"),
            ["ingest 'a;b'", "stats -- x; y", "stats"]
        );
        assert_eq!(
            pieces("events\n-- note\n| limit 1"),
            ["events\n-- note\n| limit 1"]
        );
    }

    #[test]
    fn blank_lines_and_line_ends_stop_runaways() {
        assert_eq!(
            pieces("events where (a\n\nstats"),
            ["events where (a", "stats"]
        );
        assert_eq!(pieces("ingest 'open\nstats"), ["ingest 'open", "stats"]);
    }

    #[test]
    fn script_statements_know_their_lines() {
        let script = "stats\n\n  -- a comment\n  events wher x\n";
        let parsed = parse_script(script);
        assert_eq!(parsed.len(), 2);
        assert_eq!(parsed[1].line, 4);
        let error = parsed[1].result.clone().unwrap_err();
        assert_eq!(error.line_column(script), (4, 10));
    }

    #[test]
    fn complete_input() {
        assert!(input_complete(""));
        assert!(input_complete("events where kind = battle"));
        assert!(!input_complete("events where (kind = battle"));
        assert!(!input_complete("events |"));
        assert!(input_complete("events where (kind\n"));
        assert!(input_complete("events where text ~ \"open"));
        assert!(input_complete("stats; events -- (\n"));
        assert!(!input_complete("events where (a; stats"));
    }
}
