//! The lexical productions of grammar/query.ebnf — whitespace and comments, keywords, words,
//! strings, numbers, ids, symbols — and the parser's error type. Every token function skips
//! the whitespace before it (never after), so a token's error points at the token itself.

use nom::error::{ErrorKind, ParseError};
use nom::{IResult, Parser};

/// What a production would have accepted where it failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Expected {
    /// A keyword, printed in backticks and offered as a "did you mean".
    Keyword(&'static str),
    /// A symbol such as `(` or `..`, printed in backticks.
    Symbol(&'static str),
    /// A class of tokens ("a number"), with the names it may be, for "did you mean".
    Class {
        /// How to say it in a message.
        what: &'static str,
        /// The valid names, when the class is a closed set of words.
        names: &'static [&'static str],
    },
}

/// The parser's error: where it failed, what it expected there, and optionally a fixed hint,
/// width and description of what was found (when a production knows better than the token).
#[derive(Clone, Debug, PartialEq)]
pub(super) struct SyntaxError<'a> {
    /// The input left where the error lies.
    pub at: &'a str,
    /// What would have been accepted, merged across the alternatives that reached `at`.
    pub expected: Vec<Expected>,
    /// A hint set by the production that failed.
    pub hint: Option<String>,
    /// The width in bytes of the offending text, when it is not a single token.
    pub width: Option<usize>,
}

impl<'a> SyntaxError<'a> {
    /// An error at `at`, expecting `expected`.
    pub fn expected(at: &'a str, expected: Expected) -> SyntaxError<'a> {
        SyntaxError {
            at,
            expected: vec![expected],
            hint: None,
            width: None,
        }
    }

    /// The same error with a hint.
    pub fn hint(mut self, hint: impl Into<String>) -> SyntaxError<'a> {
        self.hint = Some(hint.into());
        self
    }

    /// The same error covering `width` bytes.
    pub fn width(mut self, width: usize) -> SyntaxError<'a> {
        self.width = Some(width);
        self
    }

    /// Wrapped as a recoverable nom error (alternatives may still match).
    pub fn error<T>(self) -> PResult<'a, T> {
        Err(nom::Err::Error(self))
    }

    /// Wrapped as a nom failure (the production was committed; no alternative is tried).
    pub fn failure<T>(self) -> PResult<'a, T> {
        Err(nom::Err::Failure(self))
    }
}

impl<'a> ParseError<&'a str> for SyntaxError<'a> {
    fn from_error_kind(input: &'a str, _kind: ErrorKind) -> Self {
        SyntaxError {
            at: input,
            expected: Vec::new(),
            hint: None,
            width: None,
        }
    }

    fn append(_input: &'a str, _kind: ErrorKind, other: Self) -> Self {
        other
    }

    /// Keeps the error that got further; at the same place, merges what each expected.
    fn or(mut self, other: Self) -> Self {
        match self.at.len().cmp(&other.at.len()) {
            std::cmp::Ordering::Less => self,
            std::cmp::Ordering::Greater => other,
            std::cmp::Ordering::Equal => {
                for e in other.expected {
                    if !self.expected.contains(&e) {
                        self.expected.push(e);
                    }
                }
                self.hint = self.hint.or(other.hint);
                self.width = self.width.or(other.width);
                self
            }
        }
    }
}

/// A parser result with [`SyntaxError`].
pub(super) type PResult<'a, T> = IResult<&'a str, T, SyntaxError<'a>>;

/// `ws = { " " | "\t" | "\r" | "\n" | comment }`, `comment = "--" { any char but "\n" }`.
/// Skips both; never fails. Newlines are whitespace here because the script splitter has
/// already cut statements at the newlines that end them.
pub(super) fn ws(mut input: &str) -> &str {
    loop {
        let trimmed = input.trim_start_matches([' ', '\t', '\r', '\n']);
        match trimmed.strip_prefix("--") {
            Some(comment) => input = comment.find('\n').map_or("", |i| &comment[i..]),
            None => return trimmed,
        }
    }
}

/// Whether `c` may continue an identifier.
pub(super) fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// `ident = letter_ { letter_ | digit }`: `where`, `country`, `admin1`. Fails on anything else.
pub(super) fn ident(input: &str) -> PResult<'_, &str> {
    let start = ws(input);
    let first_ok = start
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    if !first_ok {
        return SyntaxError::expected(
            start,
            Expected::Class {
                what: "a name",
                names: &[],
            },
        )
        .error();
    }
    let end = start
        .find(|c: char| !is_ident_char(c))
        .unwrap_or(start.len());
    Ok((&start[end..], &start[..end]))
}

/// `word = ident { "." ident }`: a bare value such as `IQ` or `battle.armed_clash`.
pub(super) fn word(input: &str) -> PResult<'_, &str> {
    let (mut rest, first) = ident(input)?;
    let start = ws(input);
    let mut len = first.len();
    while let Some(after_dot) = rest.strip_prefix('.') {
        match ident(after_dot) {
            Ok((next, part)) if after_dot.starts_with(part) => {
                len += 1 + part.len();
                rest = next;
            }
            _ => break,
        }
    }
    Ok((rest, &start[..len]))
}

/// A keyword, in any case, as a whole word: `keyword("where")` accepts `where` and `WHERE`
/// but not `whereas`.
pub(super) fn keyword(kw: &'static str) -> impl Fn(&str) -> PResult<'_, &str> {
    move |input| match ident(input) {
        Ok((rest, name)) if name.eq_ignore_ascii_case(kw) => Ok((rest, name)),
        _ => SyntaxError::expected(ws(input), Expected::Keyword(kw)).error(),
    }
}

/// A symbol such as `(`, `..`, `<=`, after optional whitespace.
pub(super) fn symbol(sym: &'static str) -> impl Fn(&str) -> PResult<'_, &str> {
    move |input| {
        let start = ws(input);
        match start.strip_prefix(sym) {
            Some(rest) => Ok((rest, &start[..sym.len()])),
            None => SyntaxError::expected(start, Expected::Symbol(sym)).error(),
        }
    }
}

/// `string = '"' { char | escape } '"' | "'" { char | "''" } "'"`. Double quotes take the
/// escapes `\\ \" \' \n \t`; single quotes are raw (for paths) with `''` for a quote.
/// Neither may span a line.
pub(super) fn string(input: &str) -> PResult<'_, String> {
    let start = ws(input);
    let expected = Expected::Class {
        what: "a quoted string",
        names: &[],
    };
    let Some(quote) = start.chars().next().filter(|&c| c == '"' || c == '\'') else {
        return SyntaxError::expected(start, expected).error();
    };
    let mut text = String::new();
    let mut chars = start.char_indices().skip(1).peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\n' => break,
            c if c == quote && quote == '\'' && chars.peek().is_some_and(|&(_, n)| n == '\'') => {
                chars.next();
                text.push('\'');
            }
            c if c == quote => return Ok((&start[i + 1..], text)),
            '\\' if quote == '"' => match chars.next() {
                Some((_, '\\')) => text.push('\\'),
                Some((_, '"')) => text.push('"'),
                Some((_, '\'')) => text.push('\''),
                Some((_, 'n')) => text.push('\n'),
                Some((_, 't')) => text.push('\t'),
                other => {
                    let width = 1 + other.map_or(0, |(_, c)| c.len_utf8());
                    return SyntaxError::expected(
                        &start[i..],
                        Expected::Class {
                            what: "an escape (`\\\\`, `\\\"`, `\\'`, `\\n` or `\\t`)",
                            names: &[],
                        },
                    )
                    .width(width)
                    .failure();
                }
            },
            c => text.push(c),
        }
    }
    let line = start.find('\n').unwrap_or(start.len());
    SyntaxError::expected(
        start,
        Expected::Symbol(if quote == '"' { "\"" } else { "'" }),
    )
    .width(line)
    .hint("the string is not closed before the end of the line")
    .failure()
}

/// `integer = digit { digit }`, not followed by a letter or `.digit`; at most `u64::MAX`.
pub(super) fn integer(input: &str) -> PResult<'_, u64> {
    let start = ws(input);
    let len = start
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(start.len());
    let expected = Expected::Class {
        what: "a whole number",
        names: &[],
    };
    if len == 0 {
        return SyntaxError::expected(start, expected).error();
    }
    let rest = &start[len..];
    if rest.starts_with(is_ident_char)
        || rest
            .strip_prefix('.')
            .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
    {
        return SyntaxError::expected(start, expected).error();
    }
    match start[..len].parse::<u64>() {
        Ok(n) => Ok((rest, n)),
        Err(_) => SyntaxError::expected(start, expected)
            .width(len)
            .hint("the number is too large")
            .failure(),
    }
}

/// `number = [ "-" ] digit { digit } [ "." digit { digit } ]`: a coordinate or a distance.
pub(super) fn number(input: &str) -> PResult<'_, f64> {
    let start = ws(input);
    let expected = Expected::Class {
        what: "a number",
        names: &[],
    };
    let digits = |s: &str| s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let sign = usize::from(start.starts_with('-'));
    let whole = digits(&start[sign..]);
    if whole == 0 {
        return SyntaxError::expected(start, expected).error();
    }
    let mut len = sign + whole;
    if let Some(fraction) = start[len..].strip_prefix('.') {
        let fraction = digits(fraction);
        if fraction > 0 {
            len += 1 + fraction;
        }
    }
    match start[..len].parse::<f64>() {
        Ok(n) if n.is_finite() => Ok((&start[len..], n)),
        _ => SyntaxError::expected(start, expected).width(len).failure(),
    }
}

/// `hex_id = hex_digit { hex_digit }` (at most 16): an article or event id as printed.
pub(super) fn hex_id(input: &str) -> PResult<'_, u64> {
    let start = ws(input);
    let len = start
        .find(|c: char| !is_ident_char(c))
        .unwrap_or(start.len());
    let token = &start[..len];
    let valid = (1..=16).contains(&len) && token.chars().all(|c| c.is_ascii_hexdigit());
    match u64::from_str_radix(token, 16) {
        Ok(id) if valid => Ok((&start[len..], id)),
        _ => SyntaxError::expected(
            start,
            Expected::Class {
                what: "an id (16 hex digits, as printed)",
                names: &[],
            },
        )
        .width(len)
        .failure(),
    }
}

/// Runs `parser` and turns a recoverable error into a failure: used once a production is
/// committed, so its own error is reported instead of an alternative's.
pub(super) fn cut<'a, T>(
    mut parser: impl Parser<&'a str, Output = T, Error = SyntaxError<'a>>,
) -> impl FnMut(&'a str) -> PResult<'a, T> {
    move |input| match parser.parse(input) {
        Err(nom::Err::Error(e)) => Err(nom::Err::Failure(e)),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_and_comments_are_skipped() {
        assert_eq!(ws("  -- note\n\t x"), "x");
        assert_eq!(ws("-- only"), "");
        assert_eq!(ws("-x"), "-x");
    }

    #[test]
    fn keywords_are_whole_words_in_any_case() {
        assert!(keyword("where")(" WHERE x").is_ok());
        assert!(keyword("where")("whereas").is_err());
        assert!(keyword("in")("in(").is_ok());
    }

    #[test]
    fn words_take_dotted_kinds_but_not_ranges() {
        assert_eq!(
            word("battle.armed_clash x").map(|r| r.1),
            Ok("battle.armed_clash")
        );
        assert_eq!(word("a..b").map(|r| r.1), Ok("a"));
    }

    #[test]
    fn strings_unescape_and_must_close() {
        assert_eq!(
            string(r#""a \"b\" \\ c""#).map(|r| r.1),
            Ok(r#"a "b" \ c"#.to_string())
        );
        assert_eq!(string("'it''s'").map(|r| r.1), Ok("it's".to_string()));
        assert_eq!(
            string(r"'C:\data'").map(|r| r.1),
            Ok(r"C:\data".to_string())
        );
        assert!(string("\"open\nx\"").is_err());
        assert!(string(r#""bad \q""#).is_err());
    }

    #[test]
    fn numbers_and_ids() {
        assert_eq!(integer("42 x").map(|r| r.1), Ok(42));
        assert!(integer("42km").is_err());
        assert!(integer("99999999999999999999999").is_err());
        assert_eq!(number("-12.5,").map(|r| r.1), Ok(-12.5));
        assert_eq!(number("3.").map(|r| r.0), Ok("."));
        assert_eq!(hex_id("00000000000000ff").map(|r| r.1), Ok(255));
        assert!(hex_id("xyz").is_err());
        assert!(hex_id("00000000000000ff1").is_err());
    }
}
