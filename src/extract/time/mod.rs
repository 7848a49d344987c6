//! Temporal tagging: finds date and time expressions and normalises them to TIMEX3 values and
//! `When` intervals, against the publication date and the story's running date.
//!
//! 1. [`tokens`] splits the text into words, digit runs and punctuation in one pass, and
//!    [`lexicon`] tells what each word means for time.
//! 2. [`recognise`] walks the tokens once, taking the longest expression at each one
//!    ([`calendar`] for absolute dates and clock times, [`relative`] for relative, narrative and
//!    counted ones, [`clock`] for times of day), giving [`expr::Found`]s; [`units`] holds the
//!    units, seasons and day parts they count in.
//! 3. [`anchor`] resolves each against the publication date or the story's running date, in
//!    text order, and [`normalise`] turns the result into a TIMEX3 value and an interval.
//!
//! Nothing here allocates per token, and nothing panics on any input.

pub mod anchor;
pub mod calendar;
pub mod clock;
pub mod expr;
pub mod lexicon;
pub mod normalise;
pub mod recognise;
pub mod relative;
pub mod tokens;
pub mod toks;
pub mod units;

use chrono::NaiveDate;

use super::mentions::{Timex, TimexType};
use super::rules::{Rules, TimeRules};
use crate::model::{Modifier, Precision, Span, When};
use anchor::{Context, Resolved};
use expr::{DateExpr, Expr, Found, Mod, RefExpr};
use toks::Toks;

/// Tags every temporal expression in `text`, in text order, resolving relative ones against
/// `published` and against the story's running date.
pub fn tag(text: &str, published: Option<NaiveDate>) -> Vec<Timex> {
    tag_with(text, published, &Rules::embedded().time)
}

/// [`tag`] with the words of `rules`.
pub fn tag_with(text: &str, published: Option<NaiveDate>, rules: &TimeRules) -> Vec<Timex> {
    thread_local! {
        /// The token list, kept for this thread's next story.
        static TOKENS: std::cell::RefCell<Vec<tokens::Token>> =
            const { std::cell::RefCell::new(Vec::new()) };
    }
    let mut tokens = TOKENS.take();
    tokens::tokenize_into(text, &mut tokens, rules);
    let out = tag_tokens(text, &tokens, published, rules);
    // A list grown for one very long story is not kept: it would hold its memory for good.
    if tokens.capacity() <= KEPT_TOKENS {
        TOKENS.set(tokens);
    }
    out
}

/// The most tokens a thread keeps room for between stories.
const KEPT_TOKENS: usize = 1 << 16;

/// [`tag`] over the tokens of `text`.
fn tag_tokens(
    text: &str,
    tokens: &[tokens::Token],
    published: Option<NaiveDate>,
    rules: &TimeRules,
) -> Vec<Timex> {
    let toks = Toks {
        tokens,
        text,
        rules,
    };
    let mut context = Context::new(published);
    let mut out = Vec::new();
    for found in recognise::recognise(toks) {
        let (Some(first), Some(last)) = (
            tokens.get(found.first),
            found.end.checked_sub(1).and_then(|i| tokens.get(i)),
        ) else {
            continue;
        };
        let span = Span::new(first.start, last.end);
        let words = text.get(span.start..span.end).unwrap_or_default();
        if let Some(timex) = normalise_found(&found, span, words, &mut context) {
            out.push(timex);
        }
    }
    out
}

/// The TIMEX3 type, value and interval of one expression; updates the running reference.
fn normalise_found(found: &Found, span: Span, words: &str, context: &mut Context) -> Option<Timex> {
    let timex = |timex_type, value: String, when| Timex {
        span,
        text: words.to_string(),
        timex_type,
        value,
        when,
        modifier: found.modifier.map(modifier),
    };
    match found.expr {
        Expr::Duration { amount, unit } => Some(timex(
            TimexType::Duration,
            normalise::duration_value(amount, unit),
            None,
        )),
        Expr::Set(set) => Some(timex(TimexType::Set, normalise::set_value(set), None)),
        Expr::Elapsed { amount, unit } => {
            let base = expr::Base::Offset {
                unit,
                amount,
                forward: true,
                origin: expr::Origin::Story,
            };
            let when = match context.resolve(base, false) {
                Some(Resolved::Period(period, anchor)) => {
                    context.remember(period);
                    let date = DateExpr::of(base);
                    interval(period, anchor, None, &date, context.published)
                        .map(|w| w.with_text(words))
                }
                _ => None,
            };
            Some(timex(
                TimexType::Duration,
                normalise::duration_value(amount, unit),
                when,
            ))
        }
        Expr::Ref(r) => {
            let value = match r {
                RefExpr::Present => "PRESENT_REF",
                RefExpr::Past => "PAST_REF",
                RefExpr::Future => "FUTURE_REF",
            };
            let when = match (r, context.published) {
                (RefExpr::Present, Some(p)) => Some(
                    When::day(p)
                        .with_anchor(crate::model::Anchor::Published)
                        .with_text(words),
                ),
                _ => None,
            };
            Some(timex(TimexType::Date, value.to_string(), when))
        }
        Expr::Date(date) => {
            let resolved = context.resolve(date.base, found.future)?;
            let timed = date.clock.is_some() || date.part.is_some();
            let timex_type = if timed {
                TimexType::Time
            } else {
                TimexType::Date
            };
            match resolved {
                Resolved::Vague(value) => Some(timex(timex_type, with_time(value, &date), None)),
                Resolved::Period(period, anchor) => {
                    let when = interval(period, anchor, found.modifier, &date, context.published)
                        .map(|w| w.with_text(words));
                    if remembered(date.base) {
                        context.remember(period);
                    }
                    Some(timex(timex_type, with_time(period.value(), &date), when))
                }
            }
        }
    }
}

/// The value with its time of day appended, for a value that names a day.
fn with_time(value: String, date: &DateExpr) -> String {
    let is_day = value.len() == 10
        && value.as_bytes().get(4) == Some(&b'-')
        && value.as_bytes().get(7) == Some(&b'-');
    if !is_day {
        return value;
    }
    match (date.clock, date.part) {
        (Some((h, m)), _) => format!("{value}T{h:02}:{m:02}"),
        (None, Some(p)) => format!("{value}T{}", p.code()),
        (None, None) => value,
    }
}

/// The interval of days a period denotes, narrowed by its modifier and clipped by "earlier"
/// or "later".
fn interval(
    period: normalise::Period,
    anchor: crate::model::Anchor,
    modifier: Option<Mod>,
    date: &DateExpr,
    published: Option<NaiveDate>,
) -> Option<When> {
    let (mut start, mut end, mut precision) = period.bounds()?;
    if let Some(m) = modifier {
        let whole = (start, end);
        (start, end) = normalise::narrow(start, end, precision, m);
        // "late 2016" is September to December: known to a part of a year, not to the year.
        if precision == Precision::Year && (start, end) != whole {
            precision = Precision::Quarter;
        }
    }
    if let (Some(clip), Some(p)) = (date.clip, published)
        && start <= p
        && p <= end
    {
        match clip {
            expr::Clip::Before => end = p,
            expr::Clip::After => start = p,
        }
    }
    let mut when = When::interval(start, end, precision, anchor);
    if let Some(m) = modifier {
        when = when.with_modifier(self::modifier(m));
    }
    Some(when)
}

/// The `When` modifier for a TIMEX3 `mod`.
fn modifier(m: Mod) -> Modifier {
    match m {
        Mod::Start => Modifier::Early,
        Mod::Mid => Modifier::Mid,
        Mod::End => Modifier::Late,
        Mod::Approx | Mod::LessThan | Mod::MoreThan | Mod::EqualOrLess | Mod::EqualOrMore => {
            Modifier::Approx
        }
    }
}

/// Whether a date becomes the story's running reference: offsets and year-shifted quarters
/// ("a year ago", "the year-earlier quarter") are comparisons, not the story moving on.
fn remembered(base: expr::Base) -> bool {
    !matches!(
        base,
        expr::Base::Offset { .. }
            | expr::Base::Quarter {
                year: expr::YearSel::Shift(..),
                ..
            }
    )
}
