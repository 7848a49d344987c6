//! Absolute calendar expressions: "January 3, 2020", "3 Jan 2020", "Jan. 3", "2020-01-03",
//! "01/03/2020" (US order unless the first number cannot be a month), "December 2019", "2014",
//! "the 1990s", "the 20th century", quarters and halves ("the third quarter of 1984",
//! "third-quarter"), seasons, weekdays ("Monday, Oct. 26"), and clock times ("10:35 a.m.",
//! "9 a.m. EST Tuesday", "noon Thursday"). Patterns only; the year a partial date belongs to is
//! decided at resolution.

use super::expr::{Base, DateExpr, Expr, Origin, YearSel};
use super::lexicon::{Mark, Unit, Word};
use super::relative;
use super::toks::{Hit, Longest, Toks};

/// The longest absolute expression at `i` ("the" included where TimeML includes it).
pub fn absolute(toks: Toks<'_>, i: usize) -> Option<Hit> {
    let the = toks.is(i, Word::The);
    // Most tokens are ordinary words no pattern starts with; "the" counts only through the
    // token after it (the decade, century, quarter and season patterns, and "the year 2000").
    if !may_start(toks, if the { i + 1 } else { i }) {
        return None;
    }
    let after_the = i + usize::from(the);
    let mut best = Longest::default();
    best.offer(month_date(toks, i));
    best.offer(day_month(toks, i));
    best.offer(numeric_date(toks, i));
    best.offer(year(toks, i));
    best.offer(weekday(toks, i));
    best.offer(super::clock::clock(toks, i));
    // Decades, centuries, quarters and seasons take "the" ("the 1990s", "the third quarter"),
    // except before a hyphen: "the third-quarter profit" leaves "the" to the noun.
    let the_ok = !(the && toks.hyphen(after_the + 1));
    if the_ok {
        for f in [decade, century, quarter, season] {
            best.offer(f(toks, after_the));
        }
    }
    best.best()
}

/// Whether some absolute pattern could read the token at `i` first: the union of the first
/// tokens every pattern below (and [`super::clock::clock`]) accepts, so a `false` is exact.
fn may_start(toks: Toks<'_>, i: usize) -> bool {
    let Some(token) = toks.get(i) else {
        return false;
    };
    match token.kind {
        super::tokens::Kind::Digits(..) => true,
        super::tokens::Kind::Punct(c) => c == b'\'' || c == 0,
        super::tokens::Kind::Word(None) => false,
        super::tokens::Kind::Word(Some(w)) => matches!(
            w,
            Word::Month(_)
                | Word::MonthAbbr(_)
                | Word::Weekday(_)
                | Word::Number(_)
                | Word::Ordinal(_)
                | Word::Season(_)
                | Word::Decades(_)
                | Word::Unit(Unit::Year | Unit::Second | Unit::Quarter)
                | Word::Fiscal
                | Word::Noon
                | Word::Midnight
                | Word::DayPart(super::lexicon::DayPart::Midday)
                | Word::This
                | Word::Last
                | Word::Next
                | Word::Latest
                | Word::Current
                | Word::Comparable
        ),
    }
}

fn date(end: usize, base: Base) -> Option<Hit> {
    Some((end, Expr::Date(DateExpr::of(base)), None))
}

/// A month name at `i` and the token after it ("Sept." takes its period).
pub fn month_at(toks: Toks<'_>, i: usize) -> Option<(u32, usize)> {
    match toks.word(i)? {
        Word::Month(m) => {
            // "may" and "march" are also a verb and a noun: only capitalised, and "May" only
            // where a date reads.
            if (m == 5 || m == 3) && !toks.capital(i) {
                return None;
            }
            if m == 5 && !may_is_month(toks, i) {
                return None;
            }
            Some((m, i + 1))
        }
        Word::MonthAbbr(m) => {
            if toks.punct(i + 1, b'.') && toks.joined(i + 1) {
                Some((m, i + 2))
            } else if toks.digits(i + 1).is_some() && toks.capital(i) {
                Some((m, i + 1))
            } else {
                None
            }
        }
        _ => None,
    }
}

fn may_is_month(toks: Toks<'_>, i: usize) -> bool {
    if toks.digits(i + 1).is_some() {
        return true;
    }
    let Some(prev) = i.checked_sub(1) else {
        return false;
    };
    matches!(
        toks.word(prev),
        Some(
            Word::In
                | Word::Of
                | Word::Since
                | Word::Until
                | Word::Early
                | Word::Late
                | Word::Mid
                | Word::Last
                | Word::Next
                | Word::This
                | Word::Every
        )
    ) || toks.marked(prev, Mark::DatePreposition)
        || toks.hyphen(prev)
}

/// A day of the month at `i` ("3", "3rd") and the token after it.
fn day_at(toks: Toks<'_>, i: usize) -> Option<(u32, usize)> {
    let (v, n) = toks.digits(i)?;
    if n > 2 || !(1..=31).contains(&v) {
        return None;
    }
    // "5:30" is a clock time, "3.5" a number.
    if (toks.punct(i + 1, b':') || toks.punct(i + 1, b'.')) && toks.digits(i + 2).is_some() {
        return None;
    }
    if toks.is(i + 1, Word::OrdinalSuffix) && toks.joined(i + 1) {
        return Some((v, i + 2));
    }
    Some((v, i + 1))
}

/// The four-digit numbers read as years.
const FOUR_DIGIT_YEARS: std::ops::RangeInclusive<u32> = 1000..=2199;

/// The years a bare number after a day and month is read as without a preposition before it
/// ("on 3 May 2020"); others need one ("by 1850").
const BARE_YEARS: std::ops::RangeInclusive<i32> = 1900..=2099;

/// Two-digit years below this are this century's ("3/5/19"), the rest the last one's.
const TWO_DIGIT_PIVOT: u32 = 50;

/// A four-digit year at `i` (1000–2199), not part of a larger number, an amount or a decade.
pub fn year_at(toks: Toks<'_>, i: usize) -> Option<(i32, usize)> {
    let (v, n) = toks.digits(i)?;
    if n != 4 || !FOUR_DIGIT_YEARS.contains(&v) {
        return None;
    }
    if let Some(prev) = i.checked_sub(1) {
        let glued = toks.joined(i)
            && (toks.punct(prev, b'$')
                || toks.punct(prev, b',')
                || toks.punct(prev, b'.')
                || toks.punct(prev, b'#')
                || toks.get(prev).is_some_and(|t| {
                    t.word().is_none()
                        && t.digits().is_none()
                        && !t.is_punct(b'-')
                        && !t.is_punct(b'(')
                        && !t.is_punct(b'\'')
                        && !t.is_punct(b'"')
                        && !t.is_punct(b'/')
                        && !t.is_punct(0)
                }));
        if glued {
            return None;
        }
    }
    let next_glued = toks.joined(i + 1)
        && ((toks.punct(i + 1, b',') || toks.punct(i + 1, b'.'))
            && toks.digits(i + 2).is_some()
            && toks.joined(i + 2)
            || toks.punct(i + 1, b'%')
            || toks.is(i + 1, Word::S)
            || toks
                .get(i + 1)
                .is_some_and(|t| matches!(t.kind, super::tokens::Kind::Word(_))));
    if next_glued {
        return None;
    }
    Some((i32::try_from(v).ok()?, i + 1))
}

/// "1990", "fiscal 1989", "nineteen ninety-six"; the bare number only between 1900 and 2099
/// unless a preposition or "fiscal" says it is a year.
fn year(toks: Toks<'_>, i: usize) -> Option<Hit> {
    if toks.is(i, Word::Fiscal) {
        let j = if toks.is(i + 1, Word::Unit(Unit::Year)) {
            i + 2
        } else {
            i + 1
        };
        let (y, end) = year_at(toks, j)?;
        return date(end, Base::Year(YearSel::Explicit(y)));
    }
    if let Some((y, end)) = spelled_year(toks, i) {
        return date(end, Base::Year(YearSel::Explicit(y)));
    }
    // "the year 2000", "the year two thousand".
    if toks.is(i, Word::The) && toks.is(i + 1, Word::Unit(Unit::Year)) {
        let (y, end) = year_at(toks, i + 2).or_else(|| spelled_year(toks, i + 2))?;
        return date(end, Base::Year(YearSel::Explicit(y)));
    }
    let (y, end) = year_at(toks, i)?;
    let introduced = i.checked_sub(1).is_some_and(|p| {
        matches!(
            toks.word(p),
            Some(
                Word::In
                    | Word::Since
                    | Word::Until
                    | Word::Of
                    | Word::From
                    | Word::Before
                    | Word::After
            )
        ) || toks.marked(p, Mark::YearPreposition)
    });
    if !BARE_YEARS.contains(&y) && !introduced {
        return None;
    }
    date(end, Base::Year(YearSel::Explicit(y)))
}

/// "nineteen ninety-six", "nineteen eighty four".
fn spelled_year(toks: Toks<'_>, i: usize) -> Option<(i32, usize)> {
    if toks.is(i, Word::Number(2)) && toks.raw(i + 1, "thousand") {
        let and = usize::from(toks.is(i + 2, Word::And));
        return match toks.word(i + 2 + and) {
            Some(Word::Number(n)) if n < 100 => Some((2000 + i32::try_from(n).ok()?, i + 3 + and)),
            _ => Some((2000, i + 2)),
        };
    }
    let Some(Word::Number(century @ (19 | 20))) = toks.word(i) else {
        return None;
    };
    let Some(Word::Number(tens)) = toks.word(i + 1) else {
        return None;
    };
    if !(10..=90).contains(&tens) || (tens < 20 && tens != 10) {
        return None;
    }
    let (units, end) = match (toks.hyphen(i + 2), toks.word(i + 3), toks.word(i + 2)) {
        (true, Some(Word::Number(u)), _) if u < 10 => (u, i + 4),
        (false, _, Some(Word::Number(u))) if u < 10 => (u, i + 3),
        _ => (0, i + 2),
    };
    Some((i32::try_from(century * 100 + tens + units).ok()?, end))
}

/// "January 3, 2020", "Jan. 3", "December 2019", "March of 1996", "January".
pub fn month_date(toks: Toks<'_>, i: usize) -> Option<Hit> {
    let (month, j) = month_at(toks, i)?;
    if let Some((day, k)) = day_at(toks, j) {
        let comma = usize::from(toks.punct(k, b','));
        if let Some((y, end)) = year_at(toks, k + comma) {
            return date(
                end,
                Base::Day {
                    year: YearSel::Explicit(y),
                    month,
                    day,
                },
            );
        }
        return date(
            k,
            Base::Day {
                year: YearSel::Implied,
                month,
                day,
            },
        );
    }
    // "June last year", "March this year".
    if let Some(by) = match toks.word(j) {
        Some(Word::Last) => Some(-1),
        Some(Word::This) => Some(0),
        Some(Word::Next) => Some(1),
        _ => None,
    } && toks.is(j + 1, Word::Unit(Unit::Year))
    {
        let year = YearSel::Shift(by, Origin::Published);
        return date(j + 2, Base::Month { year, month });
    }
    let skip = if toks.is(j, Word::Of) || toks.punct(j, b',') {
        1
    } else {
        0
    };
    if let Some((y, end)) = year_at(toks, j + skip) {
        return date(
            end,
            Base::Month {
                year: YearSel::Explicit(y),
                month,
            },
        );
    }
    if let Some((y, end)) = spelled_year(toks, j) {
        return date(
            end,
            Base::Month {
                year: YearSel::Explicit(y),
                month,
            },
        );
    }
    // An abbreviation alone ("Sept.") is too often something else.
    if matches!(toks.word(i), Some(Word::MonthAbbr(_))) {
        return None;
    }
    date(
        j,
        Base::Month {
            year: YearSel::Implied,
            month,
        },
    )
}

/// "3 January 2020", "5 Dec.".
fn day_month(toks: Toks<'_>, i: usize) -> Option<Hit> {
    let (day, j) = day_at(toks, i)?;
    let (month, k) = month_at(toks, j)?;
    let comma = usize::from(toks.punct(k, b','));
    if let Some((y, end)) = year_at(toks, k + comma) {
        return date(
            end,
            Base::Day {
                year: YearSel::Explicit(y),
                month,
                day,
            },
        );
    }
    date(
        k,
        Base::Day {
            year: YearSel::Implied,
            month,
            day,
        },
    )
}

/// "2020-01-03" and "01/03/2020" (month first unless the first number exceeds 12).
fn numeric_date(toks: Toks<'_>, i: usize) -> Option<Hit> {
    let (a, an) = toks.digits(i)?;
    let sep = if toks.punct(i + 1, b'-') {
        b'-'
    } else if toks.punct(i + 1, b'/') {
        b'/'
    } else {
        return None;
    };
    let glued = (1..=4).all(|k| toks.joined(i + k));
    if !glued || !toks.punct(i + 3, sep) {
        return None;
    }
    let (b, bn) = toks.digits(i + 2)?;
    let (c, cn) = toks.digits(i + 4)?;
    if toks.joined(i + 5) && (toks.digits(i + 6).is_some() || toks.punct(i + 5, sep)) {
        return None;
    }
    let (y, m, d) = if sep == b'-' && an == 4 && bn <= 2 && cn <= 2 {
        (a, b, c)
    } else if sep == b'/' && an <= 2 && bn <= 2 && (cn == 4 || cn == 2) {
        let year = match (cn, c) {
            (4, _) => c,
            (_, c) if c < TWO_DIGIT_PIVOT => 2000 + c,
            _ => 1900 + c,
        };
        if a > 12 { (year, b, a) } else { (year, a, b) }
    } else {
        return None;
    };
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let year = YearSel::Explicit(i32::try_from(y).ok()?);
    date(
        i + 5,
        Base::Day {
            year,
            month: m,
            day: d,
        },
    )
}

/// "1990s", "'80s", "nineties" (after an optional "the", handled by the caller).
fn decade(toks: Toks<'_>, i: usize) -> Option<Hit> {
    if let Some(Word::Decades(d)) = toks.word(i) {
        return date(i + 1, Base::Decade(d));
    }
    let (start, digits_at) = if toks.punct(i, b'\'') || toks.punct(i, 0) {
        (i, i + 1)
    } else {
        (i, i)
    };
    let _ = start;
    let (v, n) = toks.digits(digits_at)?;
    if !(toks.is(digits_at + 1, Word::S) && toks.joined(digits_at + 1)) || v % 10 != 0 {
        return None;
    }
    let v = i32::try_from(v).ok()?;
    let decade = match n {
        4 => v / 10,
        2 if digits_at > i => 190 + v / 10,
        _ => return None,
    };
    date(digits_at + 2, Base::Decade(decade))
}

/// "the 20th century", "the eleventh century".
fn century(toks: Toks<'_>, i: usize) -> Option<Hit> {
    let (n, j) = if let Some((v, len)) = toks.digits(i) {
        if len > 2 || !toks.is(i + 1, Word::OrdinalSuffix) {
            return None;
        }
        (v, i + 2)
    } else if let Some(Word::Ordinal(n)) = toks.word(i) {
        (n, i + 1)
    } else {
        return None;
    };
    if !toks.is(j, Word::Unit(Unit::Century)) || n == 0 {
        return None;
    }
    date(j + 1, Base::Century(i32::try_from(n).ok()? - 1))
}

/// The ordinal of a quarter or half at `i` ("third", "second", "last" for a half).
fn ordinal_at(toks: Toks<'_>, i: usize) -> Option<u32> {
    match toks.word(i)? {
        Word::Ordinal(n) => Some(n),
        Word::Unit(Unit::Second) => Some(2),
        _ => None,
    }
}

/// "third-quarter", "the fiscal first quarter", "the third quarter of 1984", "the 1988 second
/// quarter", "the first half of 1990", "next year's first quarter", "the quarter", "the
/// latest quarter", "the year-ago quarter", "the 1988 period".
fn quarter(toks: Toks<'_>, i: usize) -> Option<Hit> {
    let mut j = i;
    let mut year = YearSel::Implied;
    let mut qualified = false;
    if toks.is(j, Word::Fiscal) {
        j += 1;
    }
    // A year before the ordinal: "1988", "year-ago", "last year's", "this year's".
    if let Some((y, k)) = year_at(toks, j) {
        year = YearSel::Explicit(y);
        j = k;
        qualified = true;
    } else if let Some((shift, k)) = year_ago(toks, j) {
        year = YearSel::Shift(shift, Origin::Published);
        j = k;
        qualified = true;
    } else if let (Some(Word::This | Word::Last | Word::Next), true) = (
        toks.word(j),
        toks.is(j + 1, Word::Unit(Unit::Year))
            && toks.punct(j + 2, b'\'')
            && toks.is(j + 3, Word::S),
    ) {
        let shift = match toks.word(j) {
            Some(Word::Last) => -1,
            Some(Word::Next) => 1,
            _ => 0,
        };
        year = YearSel::Shift(shift, Origin::Published);
        j += 4;
        qualified = true;
    } else if toks.is(j, Word::Latest)
        && matches!(
            toks.word(j + 1),
            Some(Word::Unit(Unit::Quarter) | Word::Period)
        )
    {
        let base = Base::Shift {
            unit: Unit::Quarter,
            by: -1,
            origin: Origin::Published,
        };
        return date(j + 2, base);
    } else if matches!(toks.word(j), Some(Word::Current | Word::Comparable)) {
        if toks.is(j, Word::Comparable) {
            if let Some((shift, k)) = year_ago(toks, j + 1) {
                year = YearSel::Shift(shift, Origin::Published);
                j = k;
            } else {
                j += 1;
            }
        } else {
            j += 1;
        }
        qualified = true;
    }
    if toks.is(j, Word::Fiscal) {
        j += 1;
    }
    let ordinal = ordinal_at(toks, j).or_else(|| toks.is(j, Word::Last).then_some(2));
    let (part, unit_at) = match ordinal {
        Some(n) => {
            let k = if toks.hyphen(j + 1) { j + 2 } else { j + 1 };
            (Some(n), k)
        }
        None => (None, j),
    };
    let unit = match toks.word(unit_at) {
        Some(Word::Unit(Unit::Quarter)) => Unit::Quarter,
        Some(Word::Half) if part.is_some() => Unit::Year,
        Some(Word::Period) if part.is_none() && qualified => Unit::Quarter,
        _ => return None,
    };
    let mut end = unit_at + 1;
    // "of 1984", "1990", "of fiscal 1990".
    let of = usize::from(toks.is(end, Word::Of));
    let fiscal = usize::from(toks.is(end + of, Word::Fiscal));
    if let Some((y, k)) = year_at(toks, end + of + fiscal) {
        year = YearSel::Explicit(y);
        end = k;
    } else if toks.is(end, Word::Last) && toks.is(end + 1, Word::Unit(Unit::Year)) {
        year = YearSel::Shift(-1, Origin::Published);
        end += 2;
    }
    // A bare "quarter" needs "the" or a qualifier before it: "a quarter of the vote" is not one.
    let the = i
        .checked_sub(1)
        .is_some_and(|p| toks.is(p, Word::The) || toks.is(p, Word::Its));
    if part.is_none() && !the && !qualified {
        return None;
    }
    if part.is_some()
        && !the
        && !qualified
        && i == j
        && !toks.hyphen(j + 1)
        && toks.is(j, Word::Last)
    {
        return None;
    }
    let base = match (unit, part) {
        (Unit::Quarter, Some(q)) if (1..=4).contains(&q) => Base::Quarter {
            year,
            quarter: Some(q),
        },
        (Unit::Quarter, None) => Base::Quarter {
            year,
            quarter: None,
        },
        (Unit::Year, Some(h)) if (1..=2).contains(&h) => Base::Half { year, half: h },
        _ => return None,
    };
    date(end, base)
}

/// "year-ago", "year-earlier" at `i`: one year back.
fn year_ago(toks: Toks<'_>, i: usize) -> Option<(i32, usize)> {
    (toks.is(i, Word::Unit(Unit::Year))
        && toks.hyphen(i + 1)
        && matches!(toks.word(i + 2), Some(Word::Ago | Word::Earlier)))
    .then_some((-1, i + 3))
}

/// "summer", "the winter of 1994", "spring 1999"; "spring" and "fall" need a year or "the".
fn season(toks: Toks<'_>, i: usize) -> Option<Hit> {
    let Some(Word::Season(s)) = toks.word(i) else {
        return None;
    };
    let of = usize::from(toks.is(i + 1, Word::Of));
    let year = year_at(toks, i + 1 + of).or_else(|| spelled_year(toks, i + 1 + of));
    if let Some((y, end)) = year {
        return date(
            end,
            Base::Season {
                year: YearSel::Explicit(y),
                season: s,
            },
        );
    }
    let the = i.checked_sub(1).is_some_and(|p| toks.is(p, Word::The));
    let unambiguous = matches!(
        s,
        super::lexicon::Season::Summer | super::lexicon::Season::Winter
    );
    if !(the || unambiguous) {
        return None;
    }
    date(
        i + 1,
        Base::Season {
            year: YearSel::Implied,
            season: s,
        },
    )
}

/// "Friday", "Monday, Oct. 26", "Tuesday morning", "Friday's".
pub fn weekday(toks: Toks<'_>, i: usize) -> Option<Hit> {
    let Some(Word::Weekday(d)) = toks.word(i) else {
        return None;
    };
    let comma = usize::from(toks.punct(i + 1, b','));
    if let Some((end, Expr::Date(dated), m)) = month_date(toks, i + 1 + comma)
        && matches!(dated.base, Base::Day { .. })
    {
        return Some((end, Expr::Date(dated), m));
    }
    let mut end = i + 1;
    let mut expr = DateExpr::of(Base::Weekday {
        weekday: d,
        shift: 0,
    });
    let (after, part) = relative::day_part_after(toks, end);
    if part.is_some() && !toks.str(end).ends_with('s') {
        expr.part = part;
        end = after;
    }
    Some((end, Expr::Date(expr), None))
}
