//! Resolving what an expression counts from: the publication date for "yesterday" and "last
//! week", the story's running date for "the next day" and "later that night", and the news
//! rules for what the text leaves out (a weekday or a month without a year is the nearest one
//! before publication unless the tense says future; "the quarter" is the one under discussion).
//! Keeps the running reference as the text is walked; never reads text itself.

use chrono::{Datelike, Days, NaiveDate};

use super::expr::{Amount, Base, Origin, YearSel};
use super::lexicon::{Season, Unit};
use super::normalise::{Period, shift, weekday};
use crate::model::Anchor;

/// How far ahead of publication a month and day without a year may lie and still be read as
/// upcoming rather than as last year's.
const AHEAD_DAYS: i64 = 120;

/// How far behind publication a month and day without a year may lie before it is read as
/// next year's.
const BEHIND_DAYS: i64 = 245;

/// How many months ahead of publication a month without a year may lie and still be read as
/// upcoming ("in January", said in October).
const MONTHS_AHEAD: u32 = 4;

/// What a date expression resolved to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolved {
    /// A calendar period, and what it was resolved against.
    Period(Period, Anchor),
    /// A value that cannot be pinned to days (`XXXX-WXX-5`, `PAST_REF`).
    Vague(String),
}

/// The running state of one text: its publication date and the story's latest dates.
#[derive(Clone, Debug, Default)]
pub struct Context {
    /// The publication date, when known.
    pub published: Option<NaiveDate>,
    /// The latest period the story named.
    story: Option<Period>,
    /// The latest single day the story named.
    story_day: Option<NaiveDate>,
    /// The latest quarter the story named (earnings reports talk of "the quarter").
    quarter: Option<(i32, u32)>,
}

impl Context {
    /// A fresh context for a text published on `published`.
    pub fn new(published: Option<NaiveDate>) -> Context {
        Context {
            published,
            ..Context::default()
        }
    }

    /// Records a resolved date as the story's running reference.
    pub fn remember(&mut self, period: Period) {
        self.story = Some(period);
        if let Period::Day(d) = period {
            self.story_day = Some(d);
        }
        if let Period::Quarter(y, q) = period {
            self.quarter = Some((y, q));
        }
    }

    /// Resolves a date core; `future` says the tense points ahead.
    pub fn resolve(&self, base: Base, future: bool) -> Option<Resolved> {
        match base {
            Base::Day { year, month, day } => self.day(year, month, day, future),
            Base::Month { year, month } => self.month(year, month, future),
            Base::Year(year) => {
                let (y, anchor) = self.year(year)?;
                Some(Resolved::Period(Period::Year(y), anchor))
            }
            Base::Decade(d) => Some(Resolved::Period(Period::Decade(d), Anchor::Explicit)),
            Base::Century(c) => Some(Resolved::Period(Period::Century(c), Anchor::Explicit)),
            Base::Quarter { year, quarter } => self.quarter(year, quarter),
            Base::Half { year, half } => {
                let (y, anchor) = match year {
                    YearSel::Implied => self.year(YearSel::Shift(0, Origin::Published))?,
                    other => self.year(other)?,
                };
                Some(Resolved::Period(Period::Half(y, half), anchor))
            }
            Base::Season { year, season } => self.season(year, season),
            Base::Weekday {
                weekday: d,
                shift: by,
            } => self.weekday(d, by, future),
            Base::Weekend { shift: by } => {
                let Some(p) = self.published else {
                    return Some(Resolved::Vague("XXXX-WXX-WE".into()));
                };
                let base = Period::containing(p, Unit::Weekend)?;
                Some(Resolved::Period(base.moved(by)?, Anchor::Published))
            }
            Base::Shift { unit, by, origin } => self.shift(unit, by, origin),
            Base::Offset {
                unit,
                amount,
                forward,
                origin,
            } => self.offset(unit, amount, forward, origin),
        }
    }

    /// The date an origin stands for, at a unit at least as coarse as `unit`, and the anchor
    /// to credit. Narrative origins fall back to publication when the story has no date fine
    /// enough.
    fn origin_date(&self, origin: Origin, unit: Unit) -> Option<(NaiveDate, Anchor)> {
        if origin == Origin::Story {
            if let Some(p) = self.story.filter(|p| p.unit() <= unit) {
                return Some((p.start()?, Anchor::Narrative));
            }
            if let Some(d) = self.story_day {
                return Some((d, Anchor::Narrative));
            }
        }
        self.published.map(|p| (p, Anchor::Published))
    }

    fn year(&self, year: YearSel) -> Option<(i32, Anchor)> {
        match year {
            YearSel::Explicit(y) => Some((y, Anchor::Explicit)),
            YearSel::Shift(by, origin) => {
                let (d, anchor) = self.origin_date(origin, Unit::Year)?;
                Some((d.year().checked_add(by)?, anchor))
            }
            YearSel::Implied | YearSel::Last | YearSel::Next => {
                Some((self.published?.year(), Anchor::Published))
            }
        }
    }

    fn day(&self, year: YearSel, month: u32, day: u32, future: bool) -> Option<Resolved> {
        let vague = || Resolved::Vague(format!("XXXX-{month:02}-{day:02}"));
        let Some(p) = self.published else {
            return match year {
                YearSel::Explicit(y) => {
                    let d = NaiveDate::from_ymd_opt(y, month, day)?;
                    Some(Resolved::Period(Period::Day(d), Anchor::Explicit))
                }
                _ => Some(vague()),
            };
        };
        let (y, anchor) = match year {
            YearSel::Explicit(y) => (y, Anchor::Explicit),
            YearSel::Shift(..) => self.year(year)?,
            YearSel::Implied | YearSel::Last | YearSel::Next => {
                let this = NaiveDate::from_ymd_opt(p.year(), month, day);
                let y = match this {
                    // Feb 29 in a common year: the nearest leap year before.
                    None => p.year() - (p.year().rem_euclid(4)),
                    Some(d) if future || year == YearSel::Next => {
                        if d < p {
                            p.year() + 1
                        } else {
                            p.year()
                        }
                    }
                    Some(d) if year == YearSel::Last => {
                        if d >= p {
                            p.year() - 1
                        } else {
                            p.year()
                        }
                    }
                    Some(d) => {
                        let days = (d - p).num_days();
                        if days > AHEAD_DAYS {
                            p.year() - 1
                        } else if -days > BEHIND_DAYS {
                            p.year() + 1
                        } else {
                            p.year()
                        }
                    }
                };
                (y, Anchor::Published)
            }
        };
        let d = NaiveDate::from_ymd_opt(y, month, day)?;
        Some(Resolved::Period(Period::Day(d), anchor))
    }

    fn month(&self, year: YearSel, month: u32, future: bool) -> Option<Resolved> {
        let (y, anchor) = match (year, self.published) {
            (YearSel::Explicit(y), _) => (y, Anchor::Explicit),
            (YearSel::Shift(..), _) => self.year(year)?,
            (_, None) => return Some(Resolved::Vague(format!("XXXX-{month:02}"))),
            (sel, Some(p)) => {
                let now = p.month();
                let y = p.year();
                // How many months ahead of publication the month lies, 0 to 11.
                let ahead = (month + 12 - now) % 12;
                let wraps = month < now;
                let y = match sel {
                    // "last February" in March is a year back: a month ago would be "last month".
                    YearSel::Last if month + 1 >= now => y - 1,
                    YearSel::Next if month <= now => y + 1,
                    YearSel::Implied if ahead > 0 && (future || ahead <= MONTHS_AHEAD) => {
                        if wraps {
                            y + 1
                        } else {
                            y
                        }
                    }
                    YearSel::Implied if month > now => y - 1,
                    _ => y,
                };
                (y, Anchor::Published)
            }
        };
        Some(Resolved::Period(Period::Month(y, month), anchor))
    }

    fn quarter(&self, year: YearSel, quarter: Option<u32>) -> Option<Resolved> {
        // "the quarter" is the one under discussion, else the last one completed.
        let context = self.quarter.or_else(|| {
            let p = self.published?;
            let current = (p.month() - 1) / 3 + 1;
            Some(if current == 1 {
                (p.year() - 1, 4)
            } else {
                (p.year(), current - 1)
            })
        });
        let (y, anchor) = match (year, quarter) {
            (YearSel::Explicit(y), _) => (y, Anchor::Explicit),
            (YearSel::Shift(by, _), None) => {
                let (y, _) = context?;
                (y.checked_add(by)?, Anchor::Published)
            }
            (YearSel::Implied, None) => (context?.0, Anchor::Published),
            (other, _) => match self.year(other) {
                Some(found) => found,
                None => {
                    let q = quarter.or(context.map(|c| c.1));
                    return Some(Resolved::Vague(match q {
                        Some(q) => format!("XXXX-Q{q}"),
                        None => "XXXX-QX".into(),
                    }));
                }
            },
        };
        let q = match quarter {
            Some(q) => q,
            None => context?.1,
        };
        Some(Resolved::Period(Period::Quarter(y, q), anchor))
    }

    fn season(&self, year: YearSel, season: Season) -> Option<Resolved> {
        let (y, anchor) = match (year, self.published) {
            (YearSel::Explicit(y), _) => (y, Anchor::Explicit),
            (YearSel::Shift(..), _) => self.year(year)?,
            (_, None) => return Some(Resolved::Vague(format!("XXXX-{}", season.code()))),
            (sel, Some(p)) => {
                let mut y = p.year();
                let (start, end, _) = Period::Season(y, season).bounds()?;
                match sel {
                    YearSel::Last if end >= p => y -= 1,
                    YearSel::Next if start <= p => y += 1,
                    YearSel::Implied if start > p => y -= 1,
                    _ => {}
                }
                (y, Anchor::Published)
            }
        };
        Some(Resolved::Period(Period::Season(y, season), anchor))
    }

    fn weekday(&self, d: u32, by: i32, future: bool) -> Option<Resolved> {
        let Some(p) = self.published else {
            return Some(Resolved::Vague(format!("XXXX-WXX-{d}")));
        };
        let target = weekday(d)?.num_days_from_monday();
        let today = p.weekday().num_days_from_monday();
        let back = u64::from((today + 7 - target) % 7);
        let ahead = u64::from((target + 7 - today) % 7);
        let date = match by {
            b if b < 0 => p.checked_sub_days(Days::new(if back == 0 { 7 } else { back }))?,
            b if b > 0 => p.checked_add_days(Days::new(if ahead == 0 { 7 } else { ahead }))?,
            _ if future => p.checked_add_days(Days::new(ahead))?,
            // Tomorrow's weekday is the coming one: six days back would be "last Saturday".
            _ if ahead == 1 => p.checked_add_days(Days::new(1))?,
            _ => p.checked_sub_days(Days::new(back))?,
        };
        Some(Resolved::Period(Period::Day(date), Anchor::Published))
    }

    fn shift(&self, unit: Unit, by: i32, origin: Origin) -> Option<Resolved> {
        let Some((date, anchor)) = self.origin_date(origin, unit) else {
            return Some(Resolved::Vague(vague_of(unit)));
        };
        let period = Period::containing(date, unit)?.moved(by)?;
        Some(Resolved::Period(period, anchor))
    }

    fn offset(
        &self,
        unit: Unit,
        amount: Amount,
        forward: bool,
        origin: Origin,
    ) -> Option<Resolved> {
        let Amount::Halves(h) = amount else {
            return Some(Resolved::Vague(
                if forward { "FUTURE_REF" } else { "PAST_REF" }.into(),
            ));
        };
        let n = i32::try_from(h / 2).ok()?;
        let n = if forward { n } else { -n };
        // "a year ago" in a story about a quarter is the same quarter a year before.
        if unit == Unit::Year
            && (n == 1 || n == -1)
            && let (Some((y, q)), Some(Period::Quarter(..))) = (self.quarter, self.story)
        {
            {
                let anchor = if origin == Origin::Story {
                    Anchor::Narrative
                } else {
                    Anchor::Published
                };
                return Some(Resolved::Period(
                    Period::Quarter(y.checked_add(n)?, q),
                    anchor,
                ));
            }
        }
        if origin == Origin::Story
            && let Some(p) = self
                .story
                .filter(|p| p.unit() <= unit && p.unit() != Unit::Weekend)
        {
            {
                let moved = match p {
                    Period::Day(d) => Period::Day(shift(d, unit, n)?),
                    Period::Week(d) => Period::containing(shift(d, unit, n)?, Unit::Week)?,
                    Period::Month(..) => p.moved(months_in(unit)?.checked_mul(n)?)?,
                    Period::Quarter(..) => p.moved(months_in(unit)?.checked_mul(n)? / 3)?,
                    _ => Period::containing(shift(p.start()?, unit, n)?, coarse(unit))?,
                };
                return Some(Resolved::Period(moved, Anchor::Narrative));
            }
        }
        let Some((date, anchor)) = self.origin_date(origin, unit) else {
            return Some(Resolved::Vague(
                if forward { "FUTURE_REF" } else { "PAST_REF" }.into(),
            ));
        };
        let period = Period::containing(shift(date, unit, n)?, coarse(unit))?;
        Some(Resolved::Period(period, anchor))
    }
}

/// How many months a unit spans, for units of a month or more.
fn months_in(unit: Unit) -> Option<i32> {
    match unit {
        Unit::Month => Some(1),
        Unit::Quarter => Some(3),
        Unit::Year => Some(12),
        Unit::Decade => Some(120),
        Unit::Century => Some(1200),
        _ => None,
    }
}

/// The period an offset of `unit` is told at: "ten years ago" is a year, "two hours ago" a day.
fn coarse(unit: Unit) -> Unit {
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour => Unit::Day,
        Unit::Weekend => Unit::Week,
        Unit::Decade | Unit::Century => Unit::Year,
        other => other,
    }
}

/// An underspecified value for a unit relative to an unknown date.
fn vague_of(unit: Unit) -> String {
    match unit {
        Unit::Week | Unit::Weekend => "XXXX-WXX".into(),
        Unit::Month => "XXXX-XX".into(),
        Unit::Quarter => "XXXX-QX".into(),
        Unit::Year => "XXXX".into(),
        Unit::Decade => "XXX".into(),
        Unit::Century => "XX".into(),
        _ => "XXXX-XX-XX".into(),
    }
}
