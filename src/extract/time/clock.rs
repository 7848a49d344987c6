//! Clock times: "10:35 a.m.", "5 p.m. EST", "noon", "midnight Friday", "4 in the morning",
//! "9 a.m. EST Tuesday" — the hour and minute, the zone (read past, not kept) and the day that
//! follows. Patterns only.

use super::calendar::{month_date, weekday};
use super::expr::{Base, DateExpr, Expr, Origin};
use super::lexicon::{DayPart, Mark, Unit, Word};
use super::relative;
use super::toks::{Hit, Toks};

/// The hour and minute of "10:35 a.m.", "5 p.m.", "noon", "midnight", "4 in the morning".
fn clock_at(toks: Toks<'_>, i: usize) -> Option<((u32, u32), usize)> {
    match toks.word(i) {
        Some(Word::Noon | Word::DayPart(DayPart::Midday)) => return Some(((12, 0), i + 1)),
        Some(Word::Midnight) => return Some(((24, 0), i + 1)),
        _ => {}
    }
    let (h, hn) = toks.digits(i)?;
    if hn > 2 || h > 24 {
        return None;
    }
    let (m, j) = if toks.punct(i + 1, b':') && toks.joined(i + 1) && toks.joined(i + 2) {
        match toks.digits(i + 2) {
            Some((m, 2)) if m < 60 => (m, i + 3),
            _ => return None,
        }
    } else {
        (0, i + 1)
    };
    if let Some((pm, k)) = meridiem(toks, j) {
        if h == 0 || h > 12 {
            return None;
        }
        let h = match (pm, h) {
            (false, 12) => 0,
            (true, 12) => 12,
            (true, h) => h + 12,
            (false, h) => h,
        };
        return Some(((h, m), k));
    }
    // "4 in the morning".
    if toks.is(j, Word::In)
        && toks.is(j + 1, Word::The)
        && let Some(Word::DayPart(p)) = toks.word(j + 2)
    {
        {
            let h = match p {
                DayPart::Morning | DayPart::Midday => h,
                _ if h < 12 => h + 12,
                _ => h,
            };
            return Some(((h, m), j + 3));
        }
    }
    // "14:30 GMT".
    if j > i + 1 && toks.is(j, Word::Zone) {
        return Some(((h, m), j));
    }
    None
}

/// "a.m." / "pm" at `i`: whether it is afternoon, and the token after it.
fn meridiem(toks: Toks<'_>, i: usize) -> Option<(bool, usize)> {
    let pm = if toks.marked(i, Mark::MorningMark) {
        false
    } else if toks.marked(i, Mark::AfternoonMark) {
        true
    } else {
        return None;
    };
    // A mark of more than one letter is a whole word ("pm"); one letter needs ".m." ("p.m.").
    if toks.str(i).len() > 1 {
        let dot = usize::from(toks.punct(i + 1, b'.') && toks.joined(i + 1));
        return Some((pm, i + 1 + dot));
    }
    if !(toks.punct(i + 1, b'.')
        && toks.joined(i + 1)
        && toks.raw(i + 2, "m")
        && toks.joined(i + 2))
    {
        return None;
    }
    let dot = usize::from(toks.punct(i + 3, b'.') && toks.joined(i + 3));
    Some((pm, i + 3 + dot))
}

/// A clock time, with the zone and the day that follow it: "9 a.m. EST Tuesday",
/// "noon Thursday", "5 p.m. EST, Nov. 6", "10 p.m. Sunday night".
pub fn clock(toks: Toks<'_>, i: usize) -> Option<Hit> {
    let (hm, mut end) = clock_at(toks, i)?;
    if toks.is(end, Word::Zone) {
        end += 1;
    }
    let sep = usize::from(toks.punct(end, b',') || toks.is(end, Word::On));
    let day = weekday(toks, end + sep)
        .or_else(|| month_date(toks, end + sep))
        .or_else(|| relative::day_word(toks, end + sep));
    // "8:50 p.m. Wednesday night": the part of the day only restates the clock's.
    let (end, base) = match day {
        Some((e, Expr::Date(d), _)) if d.clock.is_none() && is_day(d.base) => (e, d.base),
        _ => (
            end,
            Base::Shift {
                unit: Unit::Day,
                by: 0,
                origin: Origin::Story,
            },
        ),
    };
    let mut expr = DateExpr::of(base);
    expr.clock = Some(hm);
    Some((end, Expr::Date(expr), None))
}

fn is_day(base: Base) -> bool {
    matches!(
        base,
        Base::Day { .. }
            | Base::Weekday { .. }
            | Base::Shift {
                unit: Unit::Day,
                ..
            }
    )
}
