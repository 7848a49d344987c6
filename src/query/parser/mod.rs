//! The nom 8 parser: statement text to [`Statement`], following grammar/query.ebnf production
//! by production (one function each, named after it). nom types never leave this module: the
//! public entry is [`parse_statement`], whose errors are [`QueryError`]s with spans and hints.
//!
//! Syntax only: whether `killed` makes sense for `places`, or `XX` is a country, is the
//! semantic check's business ([`crate::query::check`]).

mod date;
mod filter;
mod lexical;

use std::cell::Cell;

use nom::Parser;
use nom::branch::alt;
use nom::error::ParseError;

use self::filter::field;
use self::lexical::{
    Expected, PResult, SyntaxError, cut, hex_id, integer, is_ident_char, keyword, string, symbol,
    ws,
};
use super::ast::{Aggregate, Order, Query, SortKey, Source, Spanned, Stage, Statement};
use super::error::QueryError;
use super::suggest::nearest;
use crate::model::{ArticleId, EventId, Span};

/// How deeply `not` and parentheses may nest: deep enough for any real query, shallow enough
/// that recursion cannot overflow the stack on hostile input.
const MAX_DEPTH: u32 = 64;

/// The stage keywords, for the hint when one is written without its `|`.
const STAGE_NAMES: &[&str] = &[
    "sort", "limit", "select", "count", "timeline", "top", "sum", "avg", "min", "max", "nearest",
];

/// What may end a statement.
const END: Expected = Expected::Class {
    what: "the end of the statement",
    names: &[],
};

/// Parses one statement. Whitespace, newlines and `--` comments are free inside it; one
/// trailing `;` is allowed. Spans in the result are byte offsets into `text`.
pub fn parse_statement(text: &str) -> Result<Statement, QueryError> {
    let grammar = Grammar {
        source: text,
        depth: Cell::new(0),
    };
    match grammar.statement_to_end(text) {
        Ok((_, statement)) => Ok(statement),
        Err(nom::Err::Error(e) | nom::Err::Failure(e)) => Err(grammar.query_error(e)),
        Err(nom::Err::Incomplete(_)) => Err(grammar.query_error(SyntaxError::expected("", END))),
    }
}

/// `text` without its leading whitespace and `--` comments.
pub(crate) fn skip_blank(text: &str) -> &str {
    ws(text)
}

/// The parser's state: the whole statement text, so productions can turn the input left into
/// byte offsets (`source.len() - rest.len()`), and the current nesting depth.
pub(super) struct Grammar<'a> {
    /// The statement being parsed; every input a production sees is a suffix of it.
    source: &'a str,
    /// How many `not`s and parentheses enclose the current production.
    depth: Cell<u32>,
}

impl<'a> Grammar<'a> {
    /// The span from the first token of `start` to where `rest` begins.
    fn span(&self, start: &str, rest: &str) -> Span {
        let from = self.source.len().saturating_sub(ws(start).len());
        let to = self.source.len().saturating_sub(rest.len());
        Span::new(from, to.max(from))
    }

    /// `statement_to_end = statement [ ";" ] end`.
    fn statement_to_end(&self, input: &'a str) -> PResult<'a, Statement> {
        let (rest, statement) = self.statement(input)?;
        let rest = symbol(";")(rest).map_or(rest, |(r, _)| r);
        if ws(rest).is_empty() {
            return Ok(("", statement));
        }
        let mut expected = continuations(&statement);
        expected.extend([Expected::Symbol(";"), END]);
        Err(nom::Err::Failure(SyntaxError {
            at: ws(rest),
            expected,
            hint: None,
            width: None,
        }))
    }

    /// `statement = explain | ingest | delete | "stats" | query`.
    fn statement(&self, input: &'a str) -> PResult<'a, Statement> {
        let stats = |i| keyword("stats")(i).map(|(r, _)| (r, Statement::Stats));
        let query = |i| self.query(i).map(|(r, q)| (r, Statement::Query(q)));
        alt((
            |i| self.explain(i),
            |i| self.ingest(i),
            |i| self.delete(i),
            stats,
            query,
        ))
        .parse(input)
    }

    /// `explain = "explain" ( "event" hex_id | query )`: `explain events where …`,
    /// `explain event 5be0c3a1d2e4f607`.
    fn explain(&self, input: &'a str) -> PResult<'a, Statement> {
        let (i, _) = keyword("explain")(input)?;
        if let Ok((i, _)) = keyword("event")(i) {
            let start = ws(i);
            let (i, id) = hex_id(i)?;
            return Ok((
                i,
                Statement::ExplainEvent(Spanned::new(EventId(id), self.span(start, i))),
            ));
        }
        let (i, query) = cut(|i| self.query(i))(i).map_err(|e| {
            e.map(|e| e.or(SyntaxError::expected(ws(i), Expected::Keyword("event"))))
        })?;
        Ok((i, Statement::Explain(query)))
    }

    /// `ingest = "ingest" string`: `ingest 'examples/articles'`.
    fn ingest(&self, input: &'a str) -> PResult<'a, Statement> {
        let (i, _) = keyword("ingest")(input)?;
        let start = ws(i);
        let (i, path) = string(i).map_err(|e| match e {
            nom::Err::Error(e) => {
                nom::Err::Failure(e.hint("quote the path: `ingest 'examples/articles'`"))
            }
            other => other,
        })?;
        Ok((
            i,
            Statement::Ingest(Spanned::new(path, self.span(start, i))),
        ))
    }

    /// `delete = "delete" "article" hex_id`: `delete article 5be0c3a1d2e4f607`.
    fn delete(&self, input: &'a str) -> PResult<'a, Statement> {
        let (i, _) = keyword("delete")(input)?;
        let (i, _) = cut(keyword("article"))(i)?;
        let start = ws(i);
        let (i, id) = hex_id(i)?;
        Ok((
            i,
            Statement::DeleteArticle(Spanned::new(ArticleId(id), self.span(start, i))),
        ))
    }

    /// `query = source [ "where" expr ] { "|" stage }`.
    fn query(&self, input: &'a str) -> PResult<'a, Query> {
        let (i, source) = self.source(input)?;
        let (i, filter) = match keyword("where")(i) {
            Ok((i, _)) => {
                let (i, expr) = cut(|i| self.expr(i))(i)?;
                (i, Some(expr))
            }
            Err(_) => (i, None),
        };
        let mut stages = Vec::new();
        let mut rest = i;
        while let Ok((i, _)) = symbol("|")(rest) {
            let (i, stage) = cut(|i| self.stage(i))(i)?;
            stages.push(stage);
            rest = i;
        }
        Ok((
            rest,
            Query {
                source,
                filter,
                stages,
            },
        ))
    }

    /// `source = "events" | "articles" | "places"`.
    fn source(&self, input: &'a str) -> PResult<'a, Spanned<Source>> {
        let start = ws(input);
        let one = |source: Source| move |i| keyword(source.as_str())(i).map(|(r, _)| (r, source));
        let (rest, source) = alt((
            one(Source::Events),
            one(Source::Articles),
            one(Source::Places),
        ))
        .parse(start)?;
        Ok((rest, Spanned::new(source, self.span(start, rest))))
    }

    /// `stage = sort | limit | select | count | timeline | top | aggregate`.
    fn stage(&self, input: &'a str) -> PResult<'a, Spanned<Stage>> {
        let start = ws(input);
        let (rest, stage) = alt((
            |i| self.sort(i),
            |i| self.limit(i),
            |i| self.select(i),
            |i| self.count(i),
            |i| self.timeline(i),
            |i| self.top(i),
            |i| self.nearest(i),
            |i| self.as_of(i),
            |i| self.aggregate(i),
        ))
        .parse(start)?;
        Ok((rest, Spanned::new(stage, self.span(start, rest))))
    }

    /// `sort = "sort" sort_key { "," sort_key }`: `sort date desc`, `sort country, killed desc`.
    fn sort(&self, input: &'a str) -> PResult<'a, Stage> {
        let (mut i, _) = keyword("sort")(input)?;
        let mut keys = Vec::new();
        loop {
            let (after, key) = cut(|i| self.sort_key(i))(i)?;
            keys.push(key);
            match symbol(",")(after) {
                Ok((after, _)) => i = after,
                Err(_) => return Ok((after, Stage::Sort(keys))),
            }
        }
    }

    /// `sort_key = field [ "asc" | "desc" ]`: `date desc`, `distance`.
    fn sort_key(&self, input: &'a str) -> PResult<'a, SortKey> {
        let (i, key) = self.spanned_field(input)?;
        let (i, order) = match keyword("desc")(i) {
            Ok((i, _)) => (i, Order::Desc),
            Err(_) => (keyword("asc")(i).map_or(i, |(r, _)| r), Order::Asc),
        };
        Ok((i, SortKey { key, order }))
    }

    /// `limit = "limit" integer`: `limit 20`.
    fn limit(&self, input: &'a str) -> PResult<'a, Stage> {
        let (i, _) = keyword("limit")(input)?;
        let (i, n) = cut(integer)(i)?;
        Ok((i, Stage::Limit(n)))
    }

    /// `select = "select" field_list`: `select date, place, kind, killed`.
    fn select(&self, input: &'a str) -> PResult<'a, Stage> {
        let (i, _) = keyword("select")(input)?;
        let (i, fields) = cut(|i| self.field_list(i))(i)?;
        Ok((i, Stage::Select(fields)))
    }

    /// `count = "count" [ "by" field_list ]`: `count`, `count by country, kind`.
    fn count(&self, input: &'a str) -> PResult<'a, Stage> {
        let (i, _) = keyword("count")(input)?;
        match keyword("by")(i) {
            Ok((i, _)) => {
                let (i, keys) = cut(|i| self.field_list(i))(i)?;
                Ok((i, Stage::Count(keys)))
            }
            Err(_) => Ok((i, Stage::Count(Vec::new()))),
        }
    }

    /// `timeline = "timeline" [ "by" unit ]`: `timeline`, `timeline by month`.
    fn timeline(&self, input: &'a str) -> PResult<'a, Stage> {
        let (i, _) = keyword("timeline")(input)?;
        match keyword("by")(i) {
            Ok((i, _)) => {
                let (i, unit) = cut(|i| date::unit(i, false))(i)?;
                Ok((i, Stage::Timeline(Some(unit))))
            }
            Err(_) => Ok((i, Stage::Timeline(None))),
        }
    }

    /// `top = "top" integer field`: `top 5 actor`.
    fn top(&self, input: &'a str) -> PResult<'a, Stage> {
        let (i, _) = keyword("top")(input)?;
        let (i, n) = cut(integer)(i)?;
        let (i, key) = cut(|i| self.spanned_field(i))(i)?;
        Ok((i, Stage::Top { n, key }))
    }

    /// `nearest = "nearest" integer [ "to" ] place`: `nearest 5 to "Mosul"`,
    /// `nearest 3 (36.34, 43.13)`.
    fn nearest(&self, input: &'a str) -> PResult<'a, Stage> {
        let (i, _) = keyword("nearest")(input)?;
        let (i, n) = cut(integer)(i)?;
        let i = keyword("to")(i).map_or(i, |(r, _)| r);
        let (i, place) = cut(|i| self.place(i))(i)?;
        Ok((i, Stage::Nearest { n, place }))
    }

    /// `as_of = "as" "of" date_expr`: `as of 2020-01-05`, `as of yesterday`.
    fn as_of(&self, input: &'a str) -> PResult<'a, Stage> {
        let (i, _) = keyword("as")(input)?;
        let (i, _) = cut(keyword("of"))(i)?;
        let (i, date) = cut(|i| self.date_expr(i))(i)?;
        Ok((i, Stage::AsOf(date)))
    }

    /// `aggregate = ( "sum" | "avg" | "min" | "max" ) field [ "by" field_list ]`:
    /// `sum killed`, `avg injured by country, year`.
    fn aggregate(&self, input: &'a str) -> PResult<'a, Stage> {
        let one = |function: Aggregate| {
            move |i| keyword(function.as_str())(i).map(|(r, _)| (r, function))
        };
        let (i, function) = alt((
            one(Aggregate::Sum),
            one(Aggregate::Avg),
            one(Aggregate::Min),
            one(Aggregate::Max),
        ))
        .parse(input)?;
        let (i, of) = cut(|i| self.spanned_field(i))(i)?;
        match keyword("by")(i) {
            Ok((i, _)) => {
                let (i, keys) = cut(|i| self.field_list(i))(i)?;
                Ok((i, Stage::Aggregate { function, of, keys }))
            }
            Err(_) => Ok((
                i,
                Stage::Aggregate {
                    function,
                    of,
                    keys: Vec::new(),
                },
            )),
        }
    }

    /// `field_list = field { "," field }`.
    fn field_list(&self, input: &'a str) -> PResult<'a, Vec<Spanned<super::ast::Field>>> {
        let (mut i, first) = self.spanned_field(input)?;
        let mut fields = vec![first];
        while let Ok((after, _)) = symbol(",")(i) {
            let (after, next) = cut(|i| self.spanned_field(i))(after)?;
            fields.push(next);
            i = after;
        }
        Ok((i, fields))
    }

    /// A [`field`] with its span.
    fn spanned_field(&self, input: &'a str) -> PResult<'a, Spanned<super::ast::Field>> {
        let start = ws(input);
        let (rest, name) = field(start)?;
        Ok((rest, Spanned::new(name, self.span(start, rest))))
    }

    /// The syntax error as a [`QueryError`]: its span in the statement, what was expected,
    /// the token found, and a hint — the production's own, or a nearby name.
    fn query_error(&self, error: SyntaxError<'_>) -> QueryError {
        let at = ws(error.at);
        // At the end, point just past the last token rather than past trailing blank lines.
        let offset = match at.is_empty() {
            true => self.source.trim_end().len(),
            false => self.source.len().saturating_sub(at.len()),
        };
        let width = error.width.unwrap_or_else(|| token_len(at)).min(at.len());
        let token = at.get(..width).unwrap_or("");
        let found = if token.is_empty() {
            "the end of the statement".to_string()
        } else {
            format!("`{token}`")
        };
        let span = Span::new(offset, offset + token.len());
        let hint = error.hint.or_else(|| hint_for(token, &error.expected));
        let mut query_error = QueryError::new(span, describe(&error.expected), found);
        query_error.hint = hint;
        query_error
    }
}

/// What could have continued a statement that parsed but did not end: offered in the error.
fn continuations(statement: &Statement) -> Vec<Expected> {
    let query = match statement {
        Statement::Query(q) | Statement::Explain(q) => q,
        _ => return Vec::new(),
    };
    let mut more = match (&query.filter, query.stages.last().map(|s| &s.node)) {
        (None, None) => vec![Expected::Keyword("where")],
        (Some(_), None) => vec![Expected::Keyword("and"), Expected::Keyword("or")],
        (_, Some(Stage::Sort(keys))) => match keys.last() {
            Some(SortKey {
                order: Order::Asc, ..
            }) => vec![
                Expected::Keyword("asc"),
                Expected::Keyword("desc"),
                Expected::Symbol(","),
            ],
            _ => vec![Expected::Symbol(",")],
        },
        (_, Some(Stage::Count(keys))) if keys.is_empty() => vec![Expected::Keyword("by")],
        (_, Some(Stage::Aggregate { keys, .. })) if keys.is_empty() => {
            vec![Expected::Keyword("by")]
        }
        (_, Some(Stage::Aggregate { .. })) => vec![Expected::Symbol(",")],
        (_, Some(Stage::Timeline(None))) => vec![Expected::Keyword("by")],
        (_, Some(Stage::Count(_) | Stage::Select(_))) => vec![Expected::Symbol(",")],
        _ => Vec::new(),
    };
    more.push(Expected::Symbol("|"));
    more
}

/// The length of the token at the start of `text`: a word, a number, a string, a two-char
/// operator or one char.
fn token_len(text: &str) -> usize {
    let Some(first) = text.chars().next() else {
        return 0;
    };
    if first == '"' || first == '\'' {
        let line = text.find('\n').unwrap_or(text.len());
        return text
            .get(1..line)
            .and_then(|body| body.find(first))
            .map_or(line, |end| end + 2);
    }
    if is_ident_char(first) {
        return text
            .find(|c: char| !(is_ident_char(c) || c == '.'))
            .unwrap_or(text.len())
            .max(1);
    }
    if ["<=", ">=", "!=", "==", "..", "&&", "||"]
        .iter()
        .any(|op| text.starts_with(op))
    {
        return 2;
    }
    first.len_utf8()
}

/// "`where`, `|`, `;` or the end of the statement".
fn describe(expected: &[Expected]) -> String {
    let names: Vec<String> = expected
        .iter()
        .map(|e| match e {
            Expected::Keyword(k) | Expected::Symbol(k) => format!("`{k}`"),
            Expected::Class { what, .. } => (*what).to_string(),
        })
        .collect();
    match names.as_slice() {
        [] => "a statement".to_string(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// A hint for a wrong token: an operator from another language, a stage without its `|`, or
/// the nearest keyword or name that was expected ("did you mean …").
fn hint_for(token: &str, expected: &[Expected]) -> Option<String> {
    match token {
        "&&" => return Some("use `and`".into()),
        "||" => return Some("use `or`".into()),
        "==" => return Some("use `=`".into()),
        _ => {}
    }
    if !token.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        return None;
    }
    let lower = token.to_ascii_lowercase();
    if expected.contains(&Expected::Symbol("|")) && STAGE_NAMES.contains(&lower.as_str()) {
        return Some(format!("a stage follows a `|`: `| {lower} …`"));
    }
    let mut candidates: Vec<&str> = Vec::new();
    let mut field_expected = false;
    for e in expected {
        match e {
            Expected::Keyword(k) => candidates.push(k),
            Expected::Class { names, what } => {
                field_expected |= *what == "a field";
                candidates.extend(names.iter().copied());
            }
            Expected::Symbol(_) => {}
        }
    }
    let is_field = |name: &str| super::ast::Field::from_name(name).is_some();
    match nearest(token, candidates) {
        Some(name) if field_expected && is_field(name) => {
            Some(format!("unknown field `{token}` — did you mean `{name}`?"))
        }
        Some(name) => Some(format!("did you mean `{name}`?")),
        None if field_expected => Some(format!(
            "unknown field `{token}` (`.schema` lists the fields of each source)"
        )),
        None => None,
    }
}
