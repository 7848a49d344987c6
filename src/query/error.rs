//! `QueryError`: what went wrong in a statement, where, and how to fix it — rendered under the
//! source line with a caret, PRQL-style. Both the parser (syntax) and the check (meaning)
//! produce it; it knows nothing of either.

use std::fmt;

use crate::model::Span;

/// A syntax or meaning error in a statement: the span at fault, what was expected there, what
/// was found, and a hint when one helps.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct QueryError {
    /// The bytes at fault (empty at the end of the input).
    pub span: Span,
    /// What would have been valid there ("a field", "`where`, `|` or the end of the statement").
    pub expected: String,
    /// What was there instead ("`contry`", "the end of the statement").
    pub found: String,
    /// How to fix it, when we can tell ("unknown field `contry` — did you mean `country`?").
    pub hint: Option<String>,
}

impl QueryError {
    /// An error at `span`.
    pub fn new(span: Span, expected: impl Into<String>, found: impl Into<String>) -> QueryError {
        QueryError {
            span,
            expected: expected.into(),
            found: found.into(),
            hint: None,
        }
    }

    /// The same error with a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> QueryError {
        self.hint = Some(hint.into());
        self
    }

    /// The same error moved `offset` bytes on: from a statement's coordinates into those of
    /// the script it came from.
    pub fn shifted(mut self, offset: usize) -> QueryError {
        self.span = Span::new(
            self.span.start.saturating_add(offset),
            self.span.end.saturating_add(offset),
        );
        self
    }

    /// The 1-based line and column (in chars) where the span starts in `source`.
    pub fn line_column(&self, source: &str) -> (usize, usize) {
        let start = floor_char_boundary(source, self.span.start);
        let before = source.get(..start).unwrap_or("");
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before.get(line_start..).unwrap_or("").chars().count() + 1;
        (line, column)
    }

    /// The error as a person reads it: the message, the line and column, the source line with
    /// the span underlined, and the hint.
    ///
    /// ```text
    /// error: expected `where`, `|`, `;` or the end of the statement, found `wher`
    ///  --> line 1, column 8
    ///   |
    /// 1 | events wher contry = IQ
    ///   |        ^^^^
    ///   = hint: did you mean `where`?
    /// ```
    pub fn render(&self, source: &str) -> String {
        let (line, column) = self.line_column(source);
        let start = floor_char_boundary(source, self.span.start);
        let line_start = source
            .get(..start)
            .and_then(|s| s.rfind('\n'))
            .map_or(0, |i| i + 1);
        let line_end = source
            .get(start..)
            .and_then(|s| s.find('\n'))
            .map_or(source.len(), |i| start + i);
        let text = source.get(line_start..line_end).unwrap_or("");
        let text = text.trim_end_matches('\r').replace('\t', " ");
        let end = floor_char_boundary(source, self.span.end.clamp(start, line_end));
        let width = source
            .get(start..end)
            .map_or(0, |s| s.chars().count())
            .max(1);
        let number = line.to_string();
        let gutter = " ".repeat(number.len());
        let mut out = format!("error: {self}\n{gutter}--> line {line}, column {column}\n");
        out.push_str(&format!("{gutter} |\n{number} | {text}\n"));
        out.push_str(&format!(
            "{gutter} | {}{}\n",
            " ".repeat(column - 1),
            "^".repeat(width)
        ));
        if let Some(hint) = &self.hint {
            out.push_str(&format!("{gutter} = hint: {hint}\n"));
        }
        out
    }
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "expected {}, found {}", self.expected, self.found)
    }
}

/// The largest char boundary of `text` at or below `at` (and at most its length).
pub(crate) fn floor_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_underlines_the_span_on_its_line() {
        let source = "stats\nevents wher x";
        let error = QueryError::new(Span::new(13, 17), "`where`", "`wher`")
            .with_hint("did you mean `where`?");
        assert_eq!(error.line_column(source), (2, 8));
        let shown = error.render(source);
        assert!(
            shown.contains("2 | events wher x\n  |        ^^^^\n"),
            "{shown}"
        );
        assert!(shown.contains("= hint: did you mean `where`?"), "{shown}");
    }

    #[test]
    fn render_survives_spans_outside_or_inside_chars() {
        let source = "near \"Mosul—x\"";
        for span in [Span::new(12, 13), Span::new(40, 50), Span::new(3, 1)] {
            let shown = QueryError::new(span, "a", "b").render(source);
            assert!(shown.contains('^'));
        }
        let at_end = QueryError::new(Span::new(5, 5), "a", "b").render("stats");
        assert!(at_end.contains("  |      ^\n"), "{at_end}");
    }
}
