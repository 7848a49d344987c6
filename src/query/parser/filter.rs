//! The filter productions: `expr` with `or`, `and`, `not` and parentheses, and the predicates
//! (`near`, `within bbox`, dates, `FIELD OP VALUE`, `FIELD in (…)`, `article = ID`).

use nom::Parser;
use nom::branch::alt;
use nom::error::ParseError;

use super::lexical::{
    Expected, PResult, SyntaxError, cut, hex_id, ident, integer, keyword, number, string, symbol,
    word, ws,
};
use super::{Grammar, MAX_DEPTH};
use crate::model::{ArticleId, Role};
use crate::query::ast::{
    BBox, CompareOp, DateField, DateOp, Distance, DistanceUnit, Expr, Field, PlaceRef, Predicate,
    ROLES, Spanned, Value,
};

/// The valid unit names, for "did you mean".
const UNIT_NAMES: &[&str] = &["km", "mi", "m"];

/// `field = ident` naming one of [`Field::ALL`]: `country`, `date`, `killed`.
pub(super) fn field(input: &str) -> PResult<'_, Field> {
    let expected = Expected::Class {
        what: "a field",
        names: Field::NAMES,
    };
    match ident(input) {
        Ok((rest, name)) => match Field::from_name(name) {
            Some(field) => Ok((rest, field)),
            None => SyntaxError::expected(ws(input), expected).error(),
        },
        Err(_) => SyntaxError::expected(ws(input), expected).error(),
    }
}

/// `distance_unit = "km" | "mi" | "m"`.
fn distance_unit(input: &str) -> PResult<'_, DistanceUnit> {
    let expected = Expected::Class {
        what: "a unit (`km`, `mi` or `m`)",
        names: UNIT_NAMES,
    };
    let at = ws(input);
    match ident(input) {
        Ok((rest, name)) => match DistanceUnit::ALL
            .iter()
            .find(|u| u.as_str().eq_ignore_ascii_case(name))
        {
            Some(&unit) => Ok((rest, unit)),
            None => SyntaxError::expected(at, expected)
                .hint(format!("unknown unit `{name}`: use `km`, `mi` or `m`"))
                .failure(),
        },
        Err(_) => SyntaxError::expected(at, expected).failure(),
    }
}

/// `date_op = "in" | "overlaps" | "<=" | "<" | ">=" | ">"`.
fn date_op(input: &str) -> PResult<'_, DateOp> {
    let op = |text, op| move |i| symbol(text)(i).map(|(r, _)| (r, op));
    let kw = |text, op| move |i| keyword(text)(i).map(|(r, _)| (r, op));
    let result = alt((
        kw("in", DateOp::In),
        kw("overlaps", DateOp::Overlaps),
        op("<=", DateOp::Le),
        op("<", DateOp::Lt),
        op(">=", DateOp::Ge),
        op(">", DateOp::Gt),
    ))
    .parse(input);
    match result {
        Err(nom::Err::Error(e)) if e.at.starts_with('=') || e.at.starts_with("!=") => Err(nom::Err::Failure(e.hint(
            "a date is a span of days: use `in` (inside it), `overlaps`, `<`, `<=`, `>` or `>=`, e.g. `date in 2020-01-03`",
        ))),
        other => other,
    }
}

/// `compare_op = "=" | "!=" | "<=" | "<" | ">=" | ">" | "~"`.
fn compare_op(input: &str) -> PResult<'_, CompareOp> {
    if ws(input).starts_with("==") {
        return SyntaxError::expected(ws(input), Expected::Symbol("="))
            .width(2)
            .hint("use a single `=`")
            .failure();
    }
    let op = |text, op| move |i| symbol(text)(i).map(|(r, _)| (r, op));
    alt((
        op("=", CompareOp::Eq),
        op("!=", CompareOp::Ne),
        op("<=", CompareOp::Le),
        op("<", CompareOp::Lt),
        op(">=", CompareOp::Ge),
        op(">", CompareOp::Gt),
        op("~", CompareOp::Contains),
    ))
    .parse(input)
}

impl<'a> Grammar<'a> {
    /// `expr = and_expr { "or" and_expr }`: `a or b or c` is one `Or` of three operands.
    pub(super) fn expr(&self, input: &'a str) -> PResult<'a, Expr> {
        let (mut rest, first) = self.and_expr(input)?;
        let mut parts = vec![first];
        while let Ok((after, _)) = keyword("or")(rest) {
            let (after, next) = cut(|i| self.and_expr(i))(after)?;
            parts.push(next);
            rest = after;
        }
        Ok((rest, chain(parts, Expr::Or)))
    }

    /// `and_expr = not_expr { "and" not_expr }`.
    fn and_expr(&self, input: &'a str) -> PResult<'a, Expr> {
        let (mut rest, first) = self.not_expr(input)?;
        let mut parts = vec![first];
        while let Ok((after, _)) = keyword("and")(rest) {
            let (after, next) = cut(|i| self.not_expr(i))(after)?;
            parts.push(next);
            rest = after;
        }
        Ok((rest, chain(parts, Expr::And)))
    }

    /// `not_expr = "not" not_expr | "(" expr ")" | predicate`: `not kind = riot`,
    /// `(a or b)`, `country = IQ`.
    fn not_expr(&self, input: &'a str) -> PResult<'a, Expr> {
        let depth = self.depth.get();
        if depth >= MAX_DEPTH {
            return SyntaxError::expected(
                ws(input),
                Expected::Class {
                    what: "a flatter filter",
                    names: &[],
                },
            )
            .hint(format!(
                "`not` and parentheses may nest at most {MAX_DEPTH} deep"
            ))
            .failure();
        }
        self.depth.set(depth + 1);
        let result = self.not_expr_unguarded(input);
        self.depth.set(depth);
        result
    }

    /// [`Grammar::not_expr`] without the depth guard.
    fn not_expr_unguarded(&self, input: &'a str) -> PResult<'a, Expr> {
        let negated = |i| {
            let (i, _) = keyword("not")(i)?;
            let (i, inner) = cut(|i| self.not_expr(i))(i)?;
            Ok((i, Expr::Not(Box::new(inner))))
        };
        let parenthesized = |i| {
            let (i, _) = symbol("(")(i)?;
            let (i, inner) = cut(|i| self.expr(i))(i)?;
            let (i, _) = cut(symbol(")"))(i)?;
            Ok((i, inner))
        };
        let predicate = |i| self.predicate(i).map(|(r, p)| (r, Expr::Predicate(p)));
        alt((negated, parenthesized, predicate)).parse(input)
    }

    /// `predicate = near | within_bbox | field_predicate`.
    fn predicate(&self, input: &'a str) -> PResult<'a, Spanned<Predicate>> {
        let start = ws(input);
        let (rest, node) = alt((
            |i| self.near(i),
            |i| self.within_bbox(i),
            |i| self.field_predicate(i),
        ))
        .parse(start)?;
        Ok((rest, Spanned::new(node, self.span(start, rest))))
    }

    /// `near = "near" place "within" distance`: `near "Mosul" within 100 km`,
    /// `near (36.34, 43.13) within 5 mi`.
    fn near(&self, input: &'a str) -> PResult<'a, Predicate> {
        let (i, _) = keyword("near")(input)?;
        let (i, place) = cut(|i| self.place(i))(i)?;
        let (i, _) = match keyword("within")(i) {
            Ok(ok) => ok,
            Err(nom::Err::Error(e))
                if matches!(place.node, PlaceRef::Name(_)) && ident(i).is_ok() =>
            {
                return Err(nom::Err::Failure(e.hint(
                    "quote a place name of several words: `near \"New York\" within 10 km`",
                )));
            }
            Err(e) => return Err(nom::Err::Failure(into_failure(e))),
        };
        let (i, distance) = cut(|i| self.distance(i))(i)?;
        Ok((i, Predicate::Near { place, distance }))
    }

    /// `place = place_name [ "in" area ] | "(" number "," number ")"`: `"Mosul"`, `Mosul`,
    /// `"Springfield" in US`, `"Paris" in "France"`, `(36.3, 43.1)`.
    pub(super) fn place(&self, input: &'a str) -> PResult<'a, Spanned<PlaceRef>> {
        let start = ws(input);
        let name = |i| string(i).map(|(r, s)| (r, PlaceRef::Name(s)));
        let bare = |i| word(i).map(|(r, s)| (r, PlaceRef::Name(s.to_string())));
        let point = |i| {
            let (i, _) = symbol("(")(i)?;
            let (i, lat) = cut(number)(i)?;
            let (i, _) = cut(symbol(","))(i)?;
            let (i, lon) = cut(number)(i)?;
            let (i, _) = cut(symbol(")"))(i)?;
            Ok((i, PlaceRef::Point { lat, lon }))
        };
        let (rest, node) = alt((name, point, bare)).parse(start)?;
        let (rest, node) = match (node, keyword("in")(rest)) {
            (PlaceRef::Name(name), Ok((i, _))) => {
                let (i, area) = cut(|i| self.area(i))(i)?;
                (i, PlaceRef::NameIn { name, area })
            }
            (node, _) => (rest, node),
        };
        Ok((rest, Spanned::new(node, self.span(start, rest))))
    }

    /// `area = string | word`: the country or region after `in` in a place: `US`, `"Illinois"`.
    fn area(&self, input: &'a str) -> PResult<'a, Spanned<String>> {
        let start = ws(input);
        // `within` ends a `near`: written after `in`, the area was left out.
        let bare = |i| match word(i) {
            Ok((_, w)) if w.eq_ignore_ascii_case("within") => SyntaxError::expected(
                i,
                Expected::Class {
                    what: "a country or first-level region",
                    names: &[],
                },
            )
            .error(),
            other => other.map(|(r, s)| (r, s.to_string())),
        };
        let (rest, area) = match alt((string, bare)).parse(start) {
            Ok(ok) => ok,
            Err(_) => {
                return SyntaxError::expected(
                    start,
                    Expected::Class {
                        what: "a country or first-level region",
                        names: &[],
                    },
                )
                .hint("`near \"Springfield\" in US within 20 km`; a name of several words is quoted: `in \"United States\"`")
                .failure();
            }
        };
        Ok((rest, Spanned::new(area, self.span(start, rest))))
    }

    /// `distance = number distance_unit`: `100 km`, `2.5mi`, `800 m`.
    fn distance(&self, input: &'a str) -> PResult<'a, Spanned<Distance>> {
        let start = ws(input);
        let (rest, value) = number(start)?;
        let (rest, unit) = distance_unit(rest)?;
        Ok((
            rest,
            Spanned::new(Distance { value, unit }, self.span(start, rest)),
        ))
    }

    /// `within_bbox = "within" "bbox" "(" number "," number "," number "," number ")"`:
    /// `within bbox(29.0, 38.0, 37.5, 49.0)` — south, west, north, east.
    fn within_bbox(&self, input: &'a str) -> PResult<'a, Predicate> {
        let (i, _) = keyword("within")(input)?;
        let start = ws(i);
        let (i, _) = cut(keyword("bbox"))(i)?;
        let (i, _) = cut(symbol("("))(i)?;
        let (i, south) = cut(number)(i)?;
        let (i, _) = cut(symbol(","))(i)?;
        let (i, west) = cut(number)(i)?;
        let (i, _) = cut(symbol(","))(i)?;
        let (i, north) = cut(number)(i)?;
        let (i, _) = cut(symbol(","))(i)?;
        let (i, east) = cut(number)(i)?;
        let (i, _) = cut(symbol(")"))(i)?;
        let bbox = BBox {
            south,
            west,
            north,
            east,
        };
        Ok((
            i,
            Predicate::WithinBox(Spanned::new(bbox, self.span(start, i))),
        ))
    }

    /// `field_predicate = ("date" | "published") date_op date_expr | "article" "=" hex_id
    /// | field "in" "(" value { "," value } ")" | field compare_op value`:
    /// `date in 2019-12`, `article = 3f2a…`, `country in (IQ, SY)`, `killed >= 5`.
    fn field_predicate(&self, input: &'a str) -> PResult<'a, Predicate> {
        let start = ws(input);
        let (i, name) = field(start)?;
        let field_span = self.span(start, i);
        if let Ok((i, _)) = keyword("is")(i) {
            let (i, negated) = match keyword("not")(i) {
                Ok((i, _)) => (i, true),
                Err(_) => (i, false),
            };
            let (i, _) = cut(keyword("null"))(i)?;
            let field = Spanned::new(name, field_span);
            return Ok((i, Predicate::IsNull { field, negated }));
        }
        match name {
            Field::Date | Field::Published | Field::Ingested => {
                let date_field = match name {
                    Field::Date => DateField::Date,
                    Field::Published => DateField::Published,
                    _ => DateField::Ingested,
                };
                let (i, op) = cut(date_op)(i)?;
                let (i, value) = cut(|i| self.date_expr(i))(i)?;
                Ok((
                    i,
                    Predicate::Date {
                        field: Spanned::new(date_field, field_span),
                        op,
                        value,
                    },
                ))
            }
            Field::Article => {
                let (i, _) = cut(symbol("="))(i)?;
                let id_start = ws(i);
                let (i, id) = hex_id(i)?;
                Ok((
                    i,
                    Predicate::Article(Spanned::new(ArticleId(id), self.span(id_start, i))),
                ))
            }
            _ => {
                let field = Spanned::new(name, field_span);
                if let Ok((i, _)) = keyword("in")(i) {
                    let (i, values) = cut(|i| self.value_list(i))(i)?;
                    let (i, role) = self.role(i)?;
                    return Ok((
                        i,
                        Predicate::InList {
                            field,
                            values,
                            role,
                        },
                    ));
                }
                let (i, op) = compare_op(i).map_err(|e| match e {
                    nom::Err::Error(e) => nom::Err::Failure(
                        e.or(SyntaxError::expected(ws(i), Expected::Keyword("in"))),
                    ),
                    other => other,
                })?;
                let (i, value) = cut(|i| self.value(i))(i)?;
                let (i, role) = self.role(i)?;
                Ok((
                    i,
                    Predicate::Compare {
                        field,
                        op,
                        value,
                        role,
                    },
                ))
            }
        }
    }

    /// `role = "as" ( "initiator" | "target" | "other" )`, optional: `as initiator`.
    fn role(&self, input: &'a str) -> PResult<'a, Option<Spanned<Role>>> {
        let Ok((i, _)) = keyword("as")(input) else {
            return Ok((input, None));
        };
        let start = ws(i);
        let expected = Expected::Class {
            what: "a role (`initiator`, `target` or `other`)",
            names: &["initiator", "target", "other"],
        };
        let Ok((rest, name)) = ident(start) else {
            return SyntaxError::expected(start, expected).failure();
        };
        match ROLES.iter().find(|(_, n)| n.eq_ignore_ascii_case(name)) {
            Some((role, _)) => Ok((rest, Some(Spanned::new(*role, self.span(start, rest))))),
            None => SyntaxError::expected(start, expected).failure(),
        }
    }

    /// `value_list = "(" value { "," value } ")"`: `(IQ, SY)`, `("Iraq")`.
    fn value_list(&self, input: &'a str) -> PResult<'a, Vec<Spanned<Value>>> {
        let (mut i, _) = symbol("(")(input)?;
        let mut values = Vec::new();
        loop {
            let (after, value) = cut(|i| self.value(i))(i)?;
            values.push(value);
            match symbol(",")(after) {
                Ok((after, _)) => i = after,
                Err(_) => {
                    return match symbol(")")(after) {
                        Ok((after, _)) => Ok((after, values)),
                        Err(e) => {
                            let comma = SyntaxError::expected(ws(after), Expected::Symbol(","));
                            Err(nom::Err::Failure(into_failure(e).or(comma)))
                        }
                    };
                }
            }
        }
    }

    /// `value = string | integer | word`: `"Washington Times"`, `5`, `IQ`, `battle.armed_clash`.
    fn value(&self, input: &'a str) -> PResult<'a, Spanned<Value>> {
        let start = ws(input);
        let text = |i| string(i).map(|(r, s)| (r, Value::Text(s)));
        let int = |i| integer(i).map(|(r, n)| (r, Value::Int(n)));
        let bare = |i| word(i).map(|(r, s)| (r, Value::Text(s.to_string())));
        let (rest, node) = alt((text, int, bare)).parse(start)?;
        Ok((rest, Spanned::new(node, self.span(start, rest))))
    }
}

/// One operand as itself, several as one node of their operator.
fn chain(mut parts: Vec<Expr>, operator: fn(Vec<Expr>) -> Expr) -> Expr {
    if parts.len() == 1
        && let Some(only) = parts.pop()
    {
        return only;
    }
    operator(parts)
}

/// A recoverable error as a failure (the caller has committed).
fn into_failure(e: nom::Err<SyntaxError<'_>>) -> SyntaxError<'_> {
    match e {
        nom::Err::Error(e) | nom::Err::Failure(e) => e,
        nom::Err::Incomplete(_) => SyntaxError::expected(
            "",
            Expected::Class {
                what: "more input",
                names: &[],
            },
        ),
    }
}
