//! Relative, narrative and counted expressions: "yesterday", "last week", "next Friday",
//! "this month", "the next day", "that night", "two days ago", "a year earlier", "three
//! weeks", "the past two months", "16-hour", "years". Patterns only; what they count from is
//! decided at resolution.

use super::expr::{Amount, Base, DateExpr, Expr, Origin, RefExpr, YearSel};
use super::lexicon::{DayPart, Unit, Word};
use super::toks::{Hit, Longest, Toks, follows_unit};

/// The longest relative expression at `i`.
pub fn relative(toks: Toks<'_>, i: usize) -> Option<Hit> {
    let mut best = Longest::default();
    best.offer(year_ago(toks, i));
    best.offer(day_word(toks, i));
    best.offer(deictic(toks, i));
    best.offer(counted(toks, i));
    best.best()
}

/// "year-ago", "year-earlier" used alone ("year-earlier profit"): a year before publication,
/// the same quarter a year before in a story about a quarter.
fn year_ago(toks: Toks<'_>, i: usize) -> Option<Hit> {
    let ok = toks.is(i, Word::Unit(Unit::Year))
        && toks.hyphen(i + 1)
        && matches!(toks.word(i + 2), Some(Word::Ago | Word::Earlier));
    ok.then_some((
        i + 3,
        Expr::Date(DateExpr::of(Base::Offset {
            unit: Unit::Year,
            amount: Amount::Halves(2),
            forward: false,
            origin: Origin::Published,
        })),
        None,
    ))
}

/// A part of the day at `i` ("morning", "nights"), and the token after it.
pub fn day_part_after(toks: Toks<'_>, i: usize) -> (usize, Option<DayPart>) {
    match toks.word(i) {
        Some(Word::DayPart(p)) => (i + 1, Some(p)),
        _ => (i, None),
    }
}

/// "today", "yesterday", "tomorrow", "tonight", with a part of the day ("yesterday morning").
pub fn day_word(toks: Toks<'_>, i: usize) -> Option<Hit> {
    let (by, part) = match toks.word(i)? {
        Word::Today => (0, None),
        Word::Yesterday => (-1, None),
        Word::Tomorrow => (1, None),
        Word::Tonight => (0, Some(DayPart::Night)),
        _ => return None,
    };
    let mut expr = DateExpr::of(Base::Shift {
        unit: Unit::Day,
        by,
        origin: Origin::Published,
    });
    let (end, after) = day_part_after(toks, i + 1);
    expr.part = part.or(after);
    Some((end, Expr::Date(expr), None))
}

/// "this week", "last month", "next year", "last Friday", "next April", "this summer", "the
/// next day", "the following year", "that week", "the same day", "that night", "this morning",
/// "last night", "the weekend", "the year", "recent years".
fn deictic(toks: Toks<'_>, i: usize) -> Option<Hit> {
    let the = toks.is(i, Word::The);
    let mut k = i + usize::from(the);
    let (by, origin) = match toks.word(k)? {
        Word::This if !the => (0, Origin::Published),
        Word::Current => (0, Origin::Published),
        Word::Last | Word::Past if toks.is(k + 1, Word::Unit(Unit::Day)) => (-1, Origin::Story),
        Word::Last | Word::Past => (-1, Origin::Published),
        Word::Previous => (
            -1,
            if the {
                Origin::Story
            } else {
                Origin::Published
            },
        ),
        Word::Next if the => (1, Origin::Story),
        Word::Next | Word::Coming => (1, Origin::Published),
        Word::Following => (1, Origin::Story),
        Word::That if !the => (0, Origin::Story),
        Word::Same if the => (0, Origin::Story),
        _ => return the_unit(toks, i),
    };
    k += 1;
    // "this past spring", "that same day".
    if toks.is(k, Word::Past) || toks.is(k, Word::Same) {
        k += 1;
    }
    if toks.is(k, Word::Fiscal) && toks.is(k + 1, Word::Unit(Unit::Year)) {
        k += 1;
    }
    let date = |end: usize, base: Base| Some((end, Expr::Date(DateExpr::of(base)), None));
    match toks.word(k)? {
        Word::Unit(Unit::Day) => date(
            k + 1,
            Base::Shift {
                unit: Unit::Day,
                by,
                origin: if origin == Origin::Published && by != 0 {
                    Origin::Story
                } else {
                    origin
                },
            },
        ),
        Word::Unit(Unit::Year) if origin == Origin::Published => {
            date(k + 1, Base::Year(YearSel::Shift(by, origin)))
        }
        Word::Unit(Unit::Weekend) if origin == Origin::Published => {
            date(k + 1, Base::Weekend { shift: by })
        }
        Word::Unit(
            unit @ (Unit::Week
            | Unit::Month
            | Unit::Quarter
            | Unit::Year
            | Unit::Decade
            | Unit::Century
            | Unit::Weekend),
        ) => date(k + 1, Base::Shift { unit, by, origin }),
        Word::Weekday(d) if origin == Origin::Published => {
            let mut expr = DateExpr::of(Base::Weekday {
                weekday: d,
                shift: by,
            });
            let (end, part) = day_part_after(toks, k + 1);
            expr.part = part;
            Some((end, Expr::Date(expr), None))
        }
        Word::Month(m) if origin == Origin::Published => date(
            k + 1,
            Base::Month {
                year: year_sel(by),
                month: m,
            },
        ),
        Word::Season(s) if origin == Origin::Published => date(
            k + 1,
            Base::Season {
                year: year_sel(by),
                season: s,
            },
        ),
        Word::DayPart(p) => {
            // "this morning", "last night", "that night", "the next morning".
            let by = if toks.is(k - 1, Word::Last) { -1 } else { by };
            let origin = if the || toks.is(k - 1, Word::That) {
                Origin::Story
            } else {
                origin
            };
            let mut expr = DateExpr::of(Base::Shift {
                unit: Unit::Day,
                by,
                origin,
            });
            expr.part = Some(p);
            Some((k + 1, Expr::Date(expr), None))
        }
        Word::Units(unit) if by != 0 || toks.is(k - 1, Word::Coming) => {
            // "the next few days" is counted; "coming weeks" is vague.
            let _ = unit;
            counted(toks, i)
        }
        _ => counted(toks, i),
    }
}

fn year_sel(by: i32) -> YearSel {
    match by {
        0 => YearSel::Shift(0, Origin::Published),
        b if b < 0 => YearSel::Last,
        _ => YearSel::Next,
    }
}

/// "the weekend", "the year" (a year's length), "the week", "the day", "the morning",
/// "recent years", "coming months".
fn the_unit(toks: Toks<'_>, i: usize) -> Option<Hit> {
    if toks.is(i, Word::The) {
        let date = |end: usize, base: Base| Some((end, Expr::Date(DateExpr::of(base)), None));
        return match toks.word(i + 1)? {
            Word::Unit(Unit::Weekend) => date(i + 2, Base::Weekend { shift: 0 }),
            Word::Fiscal if toks.is(i + 2, Word::Unit(Unit::Year)) => Some((
                i + 3,
                Expr::Duration {
                    amount: Amount::Halves(2),
                    unit: Unit::Year,
                },
                None,
            )),
            Word::Unit(Unit::Year) if !toks.punct(i + 2, b'\'') && !toks.hyphen(i + 2) => Some((
                i + 2,
                Expr::Duration {
                    amount: Amount::Halves(2),
                    unit: Unit::Year,
                },
                None,
            )),
            Word::Unit(Unit::Week) => date(
                i + 2,
                Base::Shift {
                    unit: Unit::Week,
                    by: 0,
                    origin: Origin::Story,
                },
            ),
            Word::Unit(Unit::Day) if !follows_unit(toks, i + 2) => date(
                i + 2,
                Base::Shift {
                    unit: Unit::Day,
                    by: 0,
                    origin: Origin::Story,
                },
            ),
            Word::DayPart(p) => {
                let mut expr = DateExpr::of(Base::Shift {
                    unit: Unit::Day,
                    by: 0,
                    origin: Origin::Story,
                });
                expr.part = Some(p);
                Some((i + 2, Expr::Date(expr), None))
            }
            Word::Whole => match toks.word(i + 2)? {
                Word::Unit(Unit::Year) => Some((
                    i + 3,
                    Expr::Date(DateExpr::of(Base::Year(YearSel::Shift(
                        0,
                        Origin::Published,
                    )))),
                    None,
                )),
                _ => None,
            },
            _ => counted(toks, i),
        };
    }
    match toks.word(i)? {
        Word::Recent => match toks.word(i + 1)? {
            Word::Units(Unit::Year) => Some((i + 2, Expr::Ref(RefExpr::Past), None)),
            Word::Units(unit) => Some((
                i + 2,
                Expr::Duration {
                    amount: Amount::Unknown,
                    unit,
                },
                None,
            )),
            _ => None,
        },
        _ => None,
    }
}

/// The most digits of a count of units: longer numbers are amounts of money or ids.
const MAX_COUNT_DIGITS: u8 = 6;

/// Four-digit numbers read as years, not counts ("2016 days" is rare, "in 2016" is not).
const YEAR_LIKE: std::ops::RangeInclusive<u32> = 1800..=2100;

/// How many units a count at `i` names ("two", "21", "a", "a few", "several", "a couple of",
/// "twenty-four", "5 1/2"), and the token after it.
pub fn amount(toks: Toks<'_>, i: usize) -> Option<(Amount, usize)> {
    if let Some((v, n)) = toks.digits(i) {
        if n > MAX_COUNT_DIGITS
            || (n == 4 && YEAR_LIKE.contains(&v))
            || (toks.punct(i + 1, b',') || toks.punct(i + 1, b'.'))
                && toks.joined(i + 1)
                && toks.digits(i + 2).is_some()
        {
            return None;
        }
        let halves = v.checked_mul(2)?;
        // "5 1/2".
        if toks.digits(i + 1) == Some((1, 1))
            && toks.punct(i + 2, b'/')
            && toks.digits(i + 3) == Some((2, 1))
        {
            return Some((Amount::Halves(halves + 1), i + 4));
        }
        return Some((Amount::Halves(halves), i + 1));
    }
    match toks.word(i)? {
        Word::Number(n) => {
            let (n, end) = match (toks.hyphen(i + 1), toks.word(i + 2), toks.word(i + 1)) {
                (true, Some(Word::Number(u)), _) if n >= 20 && u < 10 => (n + u, i + 3),
                (false, _, Some(Word::Number(u))) if n >= 20 && u < 10 => (n + u, i + 2),
                _ => (n, i + 1),
            };
            if toks.is(end, Word::Hundred) {
                return Some((Amount::Halves(n * 200), end + 1));
            }
            Some((Amount::Halves(n * 2), end))
        }
        Word::A => match toks.word(i + 1) {
            Some(Word::Few) => Some((Amount::Unknown, i + 2)),
            Some(Word::Couple) if toks.is(i + 2, Word::Of) => Some((Amount::Halves(4), i + 3)),
            Some(Word::Hundred) => Some((Amount::Halves(200), i + 2)),
            _ => Some((Amount::Halves(2), i + 1)),
        },
        Word::Few | Word::Several => Some((Amount::Unknown, i + 1)),
        Word::Couple if toks.is(i + 1, Word::Of) => Some((Amount::Halves(4), i + 2)),
        _ => None,
    }
}

/// A unit after a count: "years", "year" (also "two year"), and "-year" glued by a hyphen
/// ("two-year", "16-hour", "decades-long"). Returns the unit and the token after it.
fn unit_after(toks: Toks<'_>, i: usize) -> Option<(Unit, usize)> {
    let (unit, end) = match toks.word(i) {
        Some(Word::Unit(u) | Word::Units(u)) => (u, i + 1),
        _ if toks.hyphen(i) => match toks.word(i + 1)? {
            Word::Unit(u) => (u, i + 2),
            _ => return None,
        },
        _ => return None,
    };
    // "decade-long" is a length; "6-year-old" is an age, which TimeML does not tag.
    if toks.hyphen(end) && toks.raw(end + 1, "old") {
        return None;
    }
    let end = if toks.hyphen(end) && toks.raw(end + 1, "long") {
        end + 2
    } else {
        end
    };
    Some((unit, end))
}

/// Durations and offsets: "three weeks", "the past two months", "the first nine months",
/// "16-hour", "years", "two days ago", "a year earlier", "a week or so ago", "three years
/// later", "two weeks from now".
pub fn counted(toks: Toks<'_>, i: usize) -> Option<Hit> {
    let the = toks.is(i, Word::The) || toks.is(i, Word::Its);
    let mut j = i + usize::from(the);
    // "the past two months", "the first nine months", "the next few days", "the latest nine
    // months", "coming weeks".
    let lead = toks.word(j);
    let led = matches!(
        lead,
        Some(
            Word::Past
                | Word::Last
                | Word::Next
                | Word::Coming
                | Word::Following
                | Word::Previous
                | Word::Latest
                | Word::Ordinal(1)
        )
    );
    if led {
        j += 1;
    }
    let (amount, k) = match amount(toks, j) {
        Some(a) => a,
        // "the years", "coming weeks", bare "years".
        None => (Amount::Unknown, j),
    };
    let k = if toks.is(k, Word::More) { k + 1 } else { k };
    let (unit, mut end) = unit_after(toks, k)?;
    // "a year-earlier quarter": the year belongs to the adjective, not to a count.
    if toks.hyphen(end) && matches!(toks.word(end + 1), Some(Word::Ago | Word::Earlier)) {
        return None;
    }
    let plural = matches!(toks.word(k), Some(Word::Units(_)));
    let counted_amount = k > j;
    // A bare "quarters" is as often lodgings as time; "a second" is an ordinal.
    if !counted_amount && (!plural || unit == Unit::Quarter) {
        return None;
    }
    if unit == Unit::Second && toks.is(j, Word::A) {
        return None;
    }
    if !counted_amount && !led && the && !toks.is(i, Word::The) {
        return None;
    }
    // "a minute and a half".
    let mut amount = amount;
    if toks.is(end, Word::And)
        && toks.is(end + 1, Word::A)
        && toks.is(end + 2, Word::Half)
        && let Amount::Halves(h) = amount
    {
        amount = Amount::Halves(h + 1);
        end += 3;
    }
    // "a week or so ago".
    let or_so = toks.is(end, Word::Or) && toks.is(end + 1, Word::So);
    let after_or_so = if or_so { end + 2 } else { end };
    let offset = |forward: bool, origin: Origin, end: usize| {
        Some((
            end,
            Expr::Date(DateExpr::of(Base::Offset {
                unit,
                amount,
                forward,
                origin,
            })),
            or_so.then_some(super::expr::Mod::Approx),
        ))
    };
    if !led && !the {
        match toks.word(after_or_so) {
            Some(Word::Ago) => return offset(false, Origin::Published, after_or_so + 1),
            Some(Word::Earlier) if counted_amount => {
                return offset(false, Origin::Story, after_or_so + 1);
            }
            Some(Word::Later) if counted_amount => {
                return Some((end, Expr::Elapsed { amount, unit }, None));
            }
            Some(Word::From) if toks.raw(after_or_so + 1, "now") => {
                return offset(true, Origin::Published, after_or_so + 2);
            }
            _ => {}
        }
    }
    if matches!(lead, Some(Word::Coming)) && !counted_amount && !the {
        return Some((end, Expr::Ref(RefExpr::Future), None));
    }
    if matches!(lead, Some(Word::Past)) && !counted_amount && !the && unit == Unit::Year {
        return Some((end, Expr::Ref(RefExpr::Past), None));
    }
    // A bare plural with nothing before it is vague but still a duration ("for years").
    Some((end, Expr::Duration { amount, unit }, None))
}
