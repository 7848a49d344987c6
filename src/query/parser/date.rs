//! The date productions: `date_expr`, `date_term`, `date_literal`, `unit`. Symbolic dates
//! (`today`, `last 30 days`) stay symbolic; only literals are checked against the calendar.

use nom::Parser;
use nom::branch::alt;

use super::Grammar;
use super::lexical::{
    Expected, PResult, SyntaxError, cut, ident, integer, is_ident_char, keyword, symbol, ws,
};
use crate::query::ast::{Bucket, DateExpr, DateLiteral, DateTerm, Spanned};

/// The names of calendar units, singular and plural, for `last N UNITs` and `this UNIT`.
const UNIT_NAMES: &[&str] = &[
    "day", "week", "month", "quarter", "year", "days", "weeks", "months", "quarters", "years",
];

/// `unit = "day" | "week" | "month" | "quarter" | "year"` (plural forms too, when `plural`).
pub(super) fn unit(input: &str, plural: bool) -> PResult<'_, Bucket> {
    let names = if plural { UNIT_NAMES } else { &UNIT_NAMES[..5] };
    let expected = Expected::Class {
        what: "a calendar unit (day, week, month, quarter, year)",
        names,
    };
    let Ok((rest, name)) = ident(input) else {
        return SyntaxError::expected(ws(input), expected).error();
    };
    let singular = if plural {
        name.strip_suffix(['s', 'S']).unwrap_or(name)
    } else {
        name
    };
    match Bucket::ALL
        .iter()
        .find(|b| b.as_str().eq_ignore_ascii_case(singular))
    {
        Some(&bucket) => Ok((rest, bucket)),
        None => SyntaxError::expected(ws(input), expected).error(),
    }
}

impl<'a> Grammar<'a> {
    /// `date_expr = date_term [ ".." date_term ]`: `2019-12`, `2016..2020`,
    /// `2019-12-01..today`, `last 30 days`.
    pub(super) fn date_expr(&self, input: &'a str) -> PResult<'a, Spanned<DateExpr>> {
        let start = ws(input);
        let (rest, from) = self.date_term(start)?;
        let (rest, node) = match symbol("..")(rest) {
            Ok((after, _)) => {
                let (after, to) = cut(|i| self.date_term(i))(after)?;
                (after, DateExpr::Range(from, to))
            }
            Err(_) => (rest, DateExpr::Term(from)),
        };
        Ok((rest, Spanned::new(node, self.span(start, rest))))
    }

    /// `date_term = date_base { ( "+" | "-" ) integer unit_plural }` with `date_base =
    /// week_literal | quarter_literal | date_literal | "today" | "yesterday" | "last"
    /// [ integer ] unit | "this" unit`: `2020-01-03`, `2021-W10`, `2021-Q1`, `today`,
    /// `last 30 days`, `this year`, `2021-10-18 - 7 days`.
    pub(super) fn date_term(&self, input: &'a str) -> PResult<'a, DateTerm> {
        let today = |i| keyword("today")(i).map(|(r, _)| (r, DateTerm::Today));
        let yesterday = |i| keyword("yesterday")(i).map(|(r, _)| (r, DateTerm::Yesterday));
        let last = |i| {
            let (i, _) = keyword("last")(i)?;
            let at = ws(i);
            let (i, count) = match integer(i) {
                Ok((i, n)) => match u32::try_from(n) {
                    Ok(n) if n > 0 => (i, n),
                    _ => {
                        return SyntaxError::expected(
                            at,
                            Expected::Class {
                                what: "a count from 1 to 4294967295",
                                names: &[],
                            },
                        )
                        .failure();
                    }
                },
                Err(_) => (i, 1),
            };
            let (i, unit) = cut(|i| unit(i, true))(i)?;
            Ok((i, DateTerm::Last { count, unit }))
        };
        let this = |i| {
            let (i, _) = keyword("this")(i)?;
            let (i, unit) = cut(|i| unit(i, false))(i)?;
            Ok((i, DateTerm::This(unit)))
        };
        let literal = |i| date_literal(i).map(|(r, d)| (r, DateTerm::Literal(d)));
        let (mut rest, mut term) =
            alt((week_or_quarter, literal, today, yesterday, last, this)).parse(input)?;
        while let Ok((after, earlier)) = symbol("+")(rest)
            .map(|(r, _)| (r, false))
            .or_else(|_| symbol("-")(rest).map(|(r, _)| (r, true)))
        {
            let at = ws(after);
            let count = match integer(after) {
                Ok((i, n)) => match u32::try_from(n) {
                    Ok(n) => {
                        rest = i;
                        n
                    }
                    Err(_) => return SyntaxError::expected(at, COUNT).failure(),
                },
                Err(_) => {
                    return SyntaxError::expected(at, COUNT)
                        .hint("move a date by whole units: `2021-10-18 - 7 days`")
                        .failure();
                }
            };
            let (after, unit) = cut(|i| unit(i, true))(rest)?;
            rest = after;
            term = DateTerm::Shift {
                base: Box::new(term),
                earlier,
                count,
                unit,
            };
        }
        Ok((rest, term))
    }
}

/// What a date shift's count must be.
const COUNT: Expected = Expected::Class {
    what: "a count from 0 to 4294967295",
    names: &[],
};

/// `week_literal = year "-W" digit digit` | `quarter_literal = year "-Q" digit`: `2021-W10`,
/// `2021-Q1`, as timelines label them. The week must be one the ISO year has.
fn week_or_quarter(input: &str) -> PResult<'_, DateTerm> {
    let start = ws(input);
    let expected = Expected::Class {
        what: "a week (`2021-W10`) or quarter (`2021-Q1`)",
        names: &[],
    };
    let bytes = start.as_bytes();
    let marker = bytes.get(5).map(u8::to_ascii_uppercase);
    let shaped = bytes.len() > 6
        && bytes.iter().take(4).all(u8::is_ascii_digit)
        && bytes.get(4) == Some(&b'-')
        && matches!(marker, Some(b'W' | b'Q'));
    if !shaped {
        return SyntaxError::expected(start, expected).error();
    }
    let len = start
        .find(|c: char| !is_ident_char(c) && c != '-')
        .unwrap_or(start.len());
    let lexeme = &start[..len];
    let rest = &start[len..];
    let year: i32 = lexeme[..4].parse().unwrap_or(0);
    let number: Option<u32> = lexeme[6..].parse().ok();
    let bad = |hint: &str| {
        SyntaxError::expected(start, expected)
            .width(len)
            .hint(hint)
            .failure()
    };
    match (marker, number) {
        (Some(b'W'), Some(week)) if lexeme.len() == 8 => {
            match chrono::NaiveDate::from_isoywd_opt(year, week, chrono::Weekday::Mon) {
                Some(_) => Ok((rest, DateTerm::Week { year, week })),
                None => bad("ISO weeks run from W01 to W52, or W53 in some years"),
            }
        }
        (Some(b'W'), _) => bad("write the week with 2 digits: `2021-W05`"),
        (_, Some(quarter @ 1..=4)) if lexeme.len() == 7 => {
            Ok((rest, DateTerm::Quarter { year, quarter }))
        }
        _ => bad("quarters are Q1 to Q4: `2021-Q1`"),
    }
}

/// `date_literal = year [ "-" month [ "-" day ] ]` with `year = 4 digits`, `month` and
/// `day = 2 digits`: `2020`, `2020-01`, `2020-01-03`. It must name a real date.
pub(super) fn date_literal(input: &str) -> PResult<'_, DateLiteral> {
    let start = ws(input);
    let expected = Expected::Class {
        what: "a date (`2020`, `2020-01` or `2020-01-03`)",
        names: &[],
    };
    let len = start
        .find(|c: char| !(c.is_ascii_digit() || c == '-'))
        .unwrap_or(start.len());
    if !start.starts_with(|c: char| c.is_ascii_digit()) {
        return SyntaxError::expected(start, expected).error();
    }
    // `2020-01-03-` is not a date, but `2020..2021` is two: only the dashed run is the lexeme.
    let lexeme = start[..len].trim_end_matches('-');
    let rest = &start[lexeme.len()..];
    let bad = |hint: &str| {
        SyntaxError::expected(start, expected)
            .width(len)
            .hint(hint)
            .failure()
    };
    if rest.starts_with(is_ident_char) {
        return bad("a date is digits and dashes only: `2020-01-03`");
    }
    let parts: Vec<&str> = lexeme.split('-').collect();
    let widths: Vec<usize> = parts.iter().map(|p| p.len()).collect();
    if !matches!(widths.as_slice(), [4] | [4, 2] | [4, 2, 2]) {
        return bad("write the year with 4 digits and month and day with 2: `2020-01-03`");
    }
    let numbers: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
    let (year, month, day) = match numbers.as_slice() {
        [y] => (*y, None, None),
        [y, m] => (*y, Some(*m), None),
        [y, m, d] => (*y, Some(*m), Some(*d)),
        _ => return bad("a date is `2020`, `2020-01` or `2020-01-03`"),
    };
    let year = i32::try_from(year).unwrap_or(0);
    match DateLiteral::new(year, month, day) {
        Some(literal) => Ok((rest, literal)),
        None if month.is_some_and(|m| !(1..=12).contains(&m)) => bad("months run from 01 to 12"),
        None => bad("that month has fewer days"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_at_each_precision() {
        let parsed = |s| date_literal(s).map(|(_, d)| (d.year(), d.month(), d.day()));
        assert_eq!(parsed("2020"), Ok((2020, None, None)));
        assert_eq!(parsed("2020-01"), Ok((2020, Some(1), None)));
        assert_eq!(parsed("2020-02-29"), Ok((2020, Some(2), Some(29))));
        assert!(parsed("2019-02-29").is_err());
        assert!(parsed("2020-13").is_err());
        assert!(parsed("20-01").is_err());
        assert!(parsed("2020-1-3").is_err());
        assert_eq!(date_literal("2016..2020").map(|(r, _)| r), Ok("..2020"));
    }

    #[test]
    fn units_singular_and_plural() {
        assert_eq!(unit("days", true).map(|r| r.1), Ok(Bucket::Day));
        assert_eq!(unit("Month", false).map(|r| r.1), Ok(Bucket::Month));
        assert!(unit("months", false).is_err());
        assert!(unit("fortnight", true).is_err());
    }
}

#[cfg(test)]
mod iso_tests {
    use super::*;

    #[test]
    fn weeks_and_quarters() {
        let parsed = |s| week_or_quarter(s).map(|(_, t)| t);
        assert_eq!(
            parsed("2021-W10"),
            Ok(DateTerm::Week {
                year: 2021,
                week: 10
            })
        );
        assert_eq!(
            parsed("2021-q1"),
            Ok(DateTerm::Quarter {
                year: 2021,
                quarter: 1
            })
        );
        assert!(parsed("2020-W53").is_ok());
        assert!(parsed("2021-W53").is_err());
        assert!(parsed("2021-Q5").is_err());
        assert!(parsed("2021-W1").is_err());
        assert!(parsed("2021-10").is_err());
    }
}
