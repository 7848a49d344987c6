//! Finding temporal expressions: one left-to-right pass over the tokens; at each token the
//! longest pattern that matches wins and the pass resumes after it. This module owns the pass,
//! the modifiers that wrap an expression ("about", "early", "the end of"), vague references and
//! recurrences; [`super::calendar`] owns absolute dates and clock times, [`super::relative`]
//! deictic, narrative and counted expressions. Nothing here resolves a date.

use super::calendar;
use super::expr::{
    Amount, Base, Clip, DateExpr, Expr, Found, Mod, Origin, RefExpr, SetExpr, YearSel,
};
use super::lexicon::{Mark, Unit, Word};
use super::relative;
use super::tokens::Kind;
use super::toks::{Hit, Longest, Toks, follows_unit};

/// Finds every temporal expression in the tokens, in order, never overlapping.
pub fn recognise(toks: Toks<'_>) -> Vec<Found> {
    let mut found = Vec::new();
    let mut i = 0;
    let mut future_marker: Option<usize> = None;
    while let Some(token) = toks.get(i) {
        if token.newline_before || is_sentence_end(toks, i.wrapping_sub(1)) {
            future_marker = None;
        }
        if let Some((end, expr, modifier)) = longest(toks, i).filter(|h| h.0 > i) {
            let future = future_marker.is_some_and(|m| i - m <= FUTURE_REACH);
            found.push(Found {
                first: i,
                end,
                expr,
                modifier,
                future,
            });
            i = end;
            continue;
        }
        if toks.is(i, Word::Will) {
            future_marker = Some(i);
        }
        i += 1;
    }
    found
}

/// How many tokens after "will" a weekday or month still counts as future.
const FUTURE_REACH: usize = 6;

fn is_sentence_end(toks: Toks<'_>, i: usize) -> bool {
    (toks.punct(i, b'.') || toks.punct(i, b'!') || toks.punct(i, b'?')) && toks.capital(i + 1)
}

/// The longest expression starting at token `i`.
fn longest(toks: Toks<'_>, i: usize) -> Option<Hit> {
    // Every pattern starts at a known word, a digit run or an apostrophe ("'80s"): the
    // common case, any other word, costs one comparison.
    match toks.get(i)?.kind {
        Kind::Word(None) => return None,
        Kind::Word(Some(w)) if starts_nothing(w) => return None,
        Kind::Word(Some(w))
            if leads_only(w) && toks.get(i + 1).is_some_and(|t| t.kind == Kind::Word(None)) =>
        {
            return None;
        }
        Kind::Punct(c) if c != b'\'' && c != 0 => return None,
        _ => {}
    }
    patterns_at(toks, i)
}

/// The longest expression any pattern finds at token `i`, without the first word's filter.
fn patterns_at(toks: Toks<'_>, i: usize) -> Option<Hit> {
    let mut best = Longest::default();
    best.offer(approximate(toks, i));
    best.offer(positioned(toks, i));
    best.offer(core(toks, i));
    best.best()
}

/// Whether no pattern takes `word` as its first token: known words that only continue an
/// expression ("of", "in", "to", "and", "since", "ago"), so the commonest words of English skip
/// every pattern. Words not listed go through them all.
fn starts_nothing(word: Word) -> bool {
    matches!(
        word,
        Word::Of
            | Word::Or
            | Word::And
            | Word::So
            | Word::Than
            | Word::Least
            | Word::Most
            | Word::To
            | Word::Within
            | Word::Hundred
            | Word::Period
            | Word::From
            | Word::In
            | Word::On
            | Word::Will
            | Word::Zone
            | Word::Oclock
            | Word::OrdinalSuffix
            | Word::S
            | Word::Near
            | Word::While
            | Word::Date
            | Word::Yet
            | Word::Ahead
            | Word::Whole
            | Word::Since
            | Word::Until
            | Word::Same
            | Word::Half
            | Word::Overnight
            | Word::Before
            | Word::After
            | Word::Ago
    )
}

/// Whether every pattern `word` starts needs a known word right after it ("the year", "a
/// week", "over two days", "more than", "at least", "its first quarter", "that night"): before
/// any other word ("the company", "at home"), no pattern matches.
fn leads_only(word: Word) -> bool {
    matches!(
        word,
        Word::The
            | Word::A
            | Word::At
            | Word::Its
            | Word::That
            | Word::More
            | Word::Less
            | Word::Over
            | Word::Under
            | Word::Nearly
            | Word::Up
            | Word::No
            | Word::Approx
    )
}

/// An expression without a leading modifier, with "the" when the expression takes it.
pub fn core(toks: Toks<'_>, i: usize) -> Option<Hit> {
    let mut best = Longest::default();
    best.offer(calendar::absolute(toks, i));
    best.offer(relative::relative(toks, i));
    best.offer(vague(toks, i));
    best.offer(recurrence(toks, i));
    best.best()
}

/// "about two years", "nearly a week ago", "more than four hours", "at least 72 hours",
/// "up to 180 days", "within 18 months".
fn approximate(toks: Toks<'_>, i: usize) -> Option<Hit> {
    let (modifier, j) = match toks.word(i)? {
        // TimeBank leaves "about" and "within" outside the expression; the others inside.
        Word::Approx if toks.raw(i, "around") => (Mod::Approx, i + 1),
        Word::Nearly => (Mod::LessThan, i + 1),
        Word::Over if !toks.is(i + 1, Word::The) => (Mod::MoreThan, i + 1),
        Word::Under => (Mod::LessThan, i + 1),
        Word::More if toks.is(i + 1, Word::Than) => (Mod::MoreThan, i + 2),
        Word::Less if toks.is(i + 1, Word::Than) => (Mod::LessThan, i + 2),
        Word::At if toks.is(i + 1, Word::Least) => (Mod::EqualOrMore, i + 2),
        Word::At if toks.is(i + 1, Word::Most) => (Mod::EqualOrLess, i + 2),
        Word::Up if toks.is(i + 1, Word::To) => (Mod::EqualOrLess, i + 2),
        Word::No if toks.is(i + 1, Word::More) && toks.is(i + 2, Word::Than) => {
            (Mod::EqualOrLess, i + 3)
        }
        _ => return None,
    };
    let (end, expr, inner) = core(toks, j)?;
    let counted = match expr {
        Expr::Duration { .. } => true,
        Expr::Date(d) => matches!(d.base, Base::Offset { .. }) || d.clock.is_some(),
        _ => false,
    };
    counted.then_some((end, expr, inner.or(Some(modifier))))
}

/// "early 2016", "late November", "mid-March", "the end of 1990", "earlier this year",
/// "later that night", "the beginning of October".
fn positioned(toks: Toks<'_>, i: usize) -> Option<Hit> {
    let the = usize::from(toks.is(i, Word::The));
    let k = i + the;
    let (modifier, clip, j) = match toks.word(k)? {
        Word::Early => (Mod::Start, None, k + 1 + usize::from(toks.hyphen(k + 1))),
        Word::Late => (Mod::End, None, k + 1 + usize::from(toks.hyphen(k + 1))),
        Word::Mid => {
            let after_of = if toks.is(k + 1, Word::Of) || toks.hyphen(k + 1) {
                k + 2
            } else {
                k + 1
            };
            (Mod::Mid, None, after_of)
        }
        Word::End | Word::Beginning if toks.is(k + 1, Word::Of) => {
            let m = if toks.is(k, Word::End) {
                Mod::End
            } else {
                Mod::Start
            };
            (m, None, k + 2)
        }
        Word::Earlier if the == 0 => (Mod::Start, Some(Clip::Before), k + 1),
        Word::Later if the == 0 => (Mod::End, Some(Clip::After), k + 1),
        _ => return None,
    };
    // "early in the year", "earlier in the day".
    let j = if toks.is(j, Word::In) && toks.is(j + 1, Word::The) {
        j + 1
    } else {
        j
    };
    let (end, expr, _) = core(toks, j)?;
    let expr = match expr {
        // "the end of the year", "earlier in the month": the one of publication.
        Expr::Duration {
            amount: Amount::Halves(2),
            unit: unit @ (Unit::Year | Unit::Month | Unit::Week),
        } if toks.is(j, Word::The) && end == j + 2 => published_shift(unit),
        other => other,
    };
    let Expr::Date(mut date) = expr else {
        return None;
    };
    let fits = match date.base {
        Base::Offset { .. } | Base::Weekend { .. } => false,
        Base::Shift { unit, .. } => !matches!(unit, Unit::Hour | Unit::Minute | Unit::Second),
        _ => true,
    };
    if !fits {
        return None;
    }
    // "the early summer" keeps its "the"; "the late" alone needs what follows to be a date.
    if let Some(c) = clip
        && matches!(
            date.base,
            Base::Shift { .. } | Base::Year(YearSel::Shift(0, _))
        )
    {
        date.clip = Some(c);
    }
    Some((end, Expr::Date(date), Some(modifier)))
}

/// "now", "currently", "recently", "the future", "the past", "soon", "these days", "the near
/// term", "a later date".
fn vague(toks: Toks<'_>, i: usize) -> Option<Hit> {
    let r = |end: usize, r: RefExpr| Some((end, Expr::Ref(r), None));
    let the = toks.is(i, Word::The);
    let k = i + usize::from(the);
    match toks.word(k)? {
        Word::Present if !the => r(k + 1, RefExpr::Present),
        Word::Current if !the && !follows_unit(toks, k + 1) => r(k + 1, RefExpr::Present),
        Word::PastAdverb if !the => r(k + 1, RefExpr::Past),
        Word::More if !the && toks.raw(k + 1, "recently") => r(k + 2, RefExpr::Past),
        Word::Future if the || after_preposition(toks, k) => r(k + 1, RefExpr::Future),
        Word::Near if the && toks.is(k + 1, Word::Future) => r(k + 2, RefExpr::Future),
        Word::Near if the && toks.is(k + 1, Word::Period) => r(k + 2, RefExpr::Future),
        Word::Past if the && !follows_count(toks, k + 1) => r(k + 1, RefExpr::Past),
        Word::These if toks.is(k + 1, Word::Units(Unit::Day)) && !the => r(k + 2, RefExpr::Present),
        Word::A if !the && toks.is(k + 1, Word::Later) && toks.is(k + 2, Word::Date) => {
            r(k + 3, RefExpr::Future)
        }
        _ => None,
    }
}

/// Whether "in", "for" or "near" stands before `i` ("in future").
fn after_preposition(toks: Toks<'_>, i: usize) -> bool {
    i.checked_sub(1)
        .is_some_and(|p| toks.is(p, Word::In) || toks.is(p, Word::Near) || toks.raw(p, "for"))
}

/// Whether a count or unit follows at `i` ("the past two months").
fn follows_count(toks: Toks<'_>, i: usize) -> bool {
    follows_unit(toks, i)
        || toks.digits(i).is_some()
        || matches!(
            toks.word(i),
            Some(Word::Number(_) | Word::Few | Word::Several | Word::Couple | Word::A)
        )
        || matches!(toks.word(i), Some(Word::Season(_) | Word::Month(_)))
}

/// "daily", "every Friday", "each year", "Tuesday nights", "Mondays".
fn recurrence(toks: Toks<'_>, i: usize) -> Option<Hit> {
    let set = |end: usize, s: SetExpr| Some((end, Expr::Set(s), None));
    match toks.word(i)? {
        Word::Periodic(unit) if !(unit == Unit::Year && toks.raw(i, "annual")) => {
            set(i + 1, SetExpr::Every(unit))
        }
        Word::Every => match toks.word(i + 1)? {
            Word::Unit(unit) => set(i + 2, SetExpr::Every(unit)),
            Word::Weekday(d) => {
                let (end, part) = relative::day_part_after(toks, i + 2);
                set(end, SetExpr::Weekday(d, part))
            }
            Word::Month(m) => set(i + 2, SetExpr::Month(m)),
            Word::Season(s) => set(i + 2, SetExpr::Season(s)),
            _ => None,
        },
        Word::Weekdays(d) => {
            let (end, part) = relative::day_part_after(toks, i + 1);
            set(end, SetExpr::Weekday(d, part))
        }
        Word::Weekday(d) if matches!(toks.word(i + 1), Some(Word::DayPart(_))) => {
            // "Tuesday nights" is a recurrence; "Tuesday night" is a date.
            let plural = toks.str(i + 1).ends_with('s');
            let (end, part) = relative::day_part_after(toks, i + 1);
            if plural {
                set(end, SetExpr::Weekday(d, part))
            } else {
                None
            }
        }
        Word::A if !toks.is(i + 1, Word::Unit(Unit::Day)) || per_something(toks, i) => {
            match toks.word(i + 1)? {
                Word::Unit(unit) if per_something(toks, i) => set(i + 2, SetExpr::Every(unit)),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Whether "a year" at `i` reads "per year" ("$200 a year", "twice a year").
fn per_something(toks: Toks<'_>, i: usize) -> bool {
    let Some(prev) = i.checked_sub(1) else {
        return false;
    };
    toks.digits(prev).is_some() || toks.punct(prev, b'%') || toks.marked(prev, Mark::PerUnit)
}

/// The DATE expression for the unit containing the publication date.
fn published_shift(unit: Unit) -> Expr {
    let base = if unit == Unit::Year {
        Base::Year(YearSel::Shift(0, Origin::Published))
    } else {
        Base::Shift {
            unit,
            by: 0,
            origin: Origin::Published,
        }
    };
    Expr::Date(DateExpr::of(base))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::rules::{Rules, TimeRules};
    use crate::extract::time::tokens::tokenize;

    fn rules() -> &'static TimeRules {
        &Rules::embedded().time
    }

    fn all_words() -> Vec<&'static str> {
        rules().words()
    }

    fn classify(word: &[u8]) -> Option<Word> {
        rules().classify(word)
    }

    /// Whether no pattern finds an expression at the start of `text`.
    fn no_pattern_at_start(text: &str) -> bool {
        let tokens = tokenize(text, rules());
        patterns_at(
            Toks {
                tokens: &tokens,
                text,
                rules: rules(),
            },
            0,
        )
        .is_none()
    }

    /// What may follow a first word: every word of the lexicon, numbers, punctuation and a word
    /// the lexicon does not know.
    fn continuations() -> Vec<&'static str> {
        let mut next = all_words();
        next.extend(["12", "2016", "1990s", "'80s", ",", "zzq"]);
        next
    }

    // The two filters of `longest` were written by reading the patterns; these tests keep them
    // true when a pattern is added, over every pair of lexicon words.
    #[test]
    fn words_that_start_nothing_start_no_pattern() {
        let next = continuations();
        for first in all_words() {
            if !classify(first.as_bytes()).is_some_and(starts_nothing) {
                continue;
            }
            for second in &next {
                for third in ["2016", "12", "years", "days", "ago", "the", "zzq"] {
                    let text = format!("{first} {second} {third}");
                    assert!(
                        no_pattern_at_start(&text),
                        "a pattern starts at {text:?}: take {first:?} out of starts_nothing"
                    );
                }
            }
        }
    }

    #[test]
    fn words_that_only_lead_need_a_known_word_after_them() {
        let next = continuations();
        for first in all_words() {
            if !classify(first.as_bytes()).is_some_and(leads_only) {
                continue;
            }
            for third in &next {
                let text = format!("{first} zzq {third}");
                assert!(
                    no_pattern_at_start(&text),
                    "a pattern starts at {text:?}: take {first:?} out of leads_only"
                );
            }
        }
    }
}
