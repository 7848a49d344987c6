//! Calendar periods and their two faces: the TIMEX3 value (`2013-03-22`, `2013-W11`,
//! `2016-Q3`, `199X`, `P3W`) and the inclusive interval of days with its precision. Also moves
//! dates by calendar units. Pure arithmetic on chrono with checked operations: a year out of
//! range gives `None`, never a panic.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use super::expr::{Amount, Mod, SetExpr};
use super::lexicon::{Season, Unit};
use crate::model::Precision;

/// A calendar period a date expression names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    /// One day.
    Day(NaiveDate),
    /// The ISO week starting on this Monday.
    Week(NaiveDate),
    /// The weekend starting on this Saturday.
    Weekend(NaiveDate),
    /// A month of a year.
    Month(i32, u32),
    /// A quarter (1–4) of a year.
    Quarter(i32, u32),
    /// A half (1–2) of a year.
    Half(i32, u32),
    /// A season of a year (winter runs into the next year).
    Season(i32, Season),
    /// A year.
    Year(i32),
    /// A decade by its first three digits.
    Decade(i32),
    /// A century by its first two digits.
    Century(i32),
}

/// A year as TIMEX3 writes it: four digits when it has them.
pub fn year_text(y: i32) -> String {
    if (0..=9999).contains(&y) {
        format!("{y:04}")
    } else {
        y.to_string()
    }
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn month_end(y: i32, m: u32) -> Option<NaiveDate> {
    ymd(y, m, 1)?.checked_add_months(Months::new(1))?.pred_opt()
}

impl Period {
    /// The TIMEX3 value.
    pub fn value(&self) -> String {
        match *self {
            Period::Day(d) => format!("{}-{:02}-{:02}", year_text(d.year()), d.month(), d.day()),
            Period::Week(d) => {
                let w = d.iso_week();
                format!("{}-W{:02}", year_text(w.year()), w.week())
            }
            Period::Weekend(d) => {
                let w = d.iso_week();
                format!("{}-W{:02}-WE", year_text(w.year()), w.week())
            }
            Period::Month(y, m) => format!("{}-{m:02}", year_text(y)),
            Period::Quarter(y, q) => format!("{}-Q{q}", year_text(y)),
            Period::Half(y, h) => format!("{}-H{h}", year_text(y)),
            Period::Season(y, s) => format!("{}-{}", year_text(y), s.code()),
            Period::Year(y) => year_text(y),
            Period::Decade(d) => format!("{d}X"),
            Period::Century(c) => format!("{c:02}"),
        }
    }

    /// The first and last day, and how precisely the period was named.
    pub fn bounds(&self) -> Option<(NaiveDate, NaiveDate, Precision)> {
        Some(match *self {
            Period::Day(d) => (d, d, Precision::Day),
            Period::Week(d) => (d, d.checked_add_days(Days::new(6))?, Precision::Week),
            Period::Weekend(d) => (d, d.checked_add_days(Days::new(1))?, Precision::Week),
            Period::Month(y, m) => (ymd(y, m, 1)?, month_end(y, m)?, Precision::Month),
            Period::Quarter(y, q) => {
                let first = q.checked_sub(1)? * 3 + 1;
                (
                    ymd(y, first, 1)?,
                    month_end(y, first + 2)?,
                    Precision::Quarter,
                )
            }
            Period::Half(y, h) => {
                let first = h.checked_sub(1)? * 6 + 1;
                (ymd(y, first, 1)?, month_end(y, first + 5)?, Precision::Year)
            }
            Period::Season(y, s) => {
                let (start, end) = match s {
                    Season::Spring => (ymd(y, 3, 1)?, month_end(y, 5)?),
                    Season::Summer => (ymd(y, 6, 1)?, month_end(y, 8)?),
                    Season::Fall => (ymd(y, 9, 1)?, month_end(y, 11)?),
                    Season::Winter => (ymd(y, 12, 1)?, month_end(y.checked_add(1)?, 2)?),
                };
                (start, end, Precision::Quarter)
            }
            Period::Year(y) => (ymd(y, 1, 1)?, ymd(y, 12, 31)?, Precision::Year),
            Period::Decade(d) => {
                let y = d.checked_mul(10)?;
                (
                    ymd(y, 1, 1)?,
                    ymd(y.checked_add(9)?, 12, 31)?,
                    Precision::Decade,
                )
            }
            Period::Century(c) => {
                let y = c.checked_mul(100)?;
                (
                    ymd(y, 1, 1)?,
                    ymd(y.checked_add(99)?, 12, 31)?,
                    Precision::Century,
                )
            }
        })
    }

    /// The first day.
    pub fn start(&self) -> Option<NaiveDate> {
        self.bounds().map(|b| b.0)
    }

    /// The unit the period is measured in.
    pub fn unit(&self) -> Unit {
        match self {
            Period::Day(_) => Unit::Day,
            Period::Week(_) => Unit::Week,
            Period::Weekend(_) => Unit::Weekend,
            Period::Month(..) => Unit::Month,
            Period::Quarter(..) | Period::Half(..) | Period::Season(..) => Unit::Quarter,
            Period::Year(_) => Unit::Year,
            Period::Decade(_) => Unit::Decade,
            Period::Century(_) => Unit::Century,
        }
    }

    /// The period of `unit` that contains `date`.
    pub fn containing(date: NaiveDate, unit: Unit) -> Option<Period> {
        let y = date.year();
        Some(match unit {
            Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => Period::Day(date),
            Unit::Week => Period::Week(monday_of(date)?),
            Unit::Weekend => {
                let back = (date.weekday().num_days_from_monday() + 2) % 7;
                Period::Weekend(date.checked_sub_days(Days::new(u64::from(back)))?)
            }
            Unit::Month => Period::Month(y, date.month()),
            Unit::Quarter => Period::Quarter(y, (date.month() - 1) / 3 + 1),
            Unit::Year => Period::Year(y),
            Unit::Decade => Period::Decade(y.div_euclid(10)),
            Unit::Century => Period::Century(y.div_euclid(100)),
        })
    }

    /// The same kind of period `n` of its own units later (earlier when negative).
    pub fn moved(&self, n: i32) -> Option<Period> {
        let months = |y: i32, m: u32, by: i32| -> Option<(i32, u32)> {
            let index = i64::from(y) * 12 + i64::from(m) - 1 + i64::from(by);
            Some((
                i32::try_from(index.div_euclid(12)).ok()?,
                u32::try_from(index.rem_euclid(12)).ok()? + 1,
            ))
        };
        Some(match *self {
            Period::Day(d) => Period::Day(shift(d, Unit::Day, n)?),
            Period::Week(d) => Period::Week(shift(d, Unit::Week, n)?),
            Period::Weekend(d) => Period::Weekend(shift(d, Unit::Week, n)?),
            Period::Month(y, m) => {
                let (y, m) = months(y, m, n)?;
                Period::Month(y, m)
            }
            Period::Quarter(y, q) => {
                let (y, m) = months(y, (q - 1) * 3 + 1, n.checked_mul(3)?)?;
                Period::Quarter(y, (m - 1) / 3 + 1)
            }
            Period::Half(y, h) => {
                let (y, m) = months(y, (h - 1) * 6 + 1, n.checked_mul(6)?)?;
                Period::Half(y, (m - 1) / 6 + 1)
            }
            Period::Season(y, s) => Period::Season(y.checked_add(n)?, s),
            Period::Year(y) => Period::Year(y.checked_add(n)?),
            Period::Decade(d) => Period::Decade(d.checked_add(n)?),
            Period::Century(c) => Period::Century(c.checked_add(n)?),
        })
    }
}

fn monday_of(date: NaiveDate) -> Option<NaiveDate> {
    date.checked_sub_days(Days::new(u64::from(date.weekday().num_days_from_monday())))
}

/// `date` moved by `n` units (clock units move nothing: the day stays).
pub fn shift(date: NaiveDate, unit: Unit, n: i32) -> Option<NaiveDate> {
    let days = |k: i64| {
        let k = k.checked_mul(i64::from(n))?;
        if k >= 0 {
            date.checked_add_days(Days::new(k.unsigned_abs()))
        } else {
            date.checked_sub_days(Days::new(k.unsigned_abs()))
        }
    };
    let months = |k: i32| {
        let k = k.checked_mul(n)?;
        if k >= 0 {
            date.checked_add_months(Months::new(k.unsigned_abs()))
        } else {
            date.checked_sub_months(Months::new(k.unsigned_abs()))
        }
    };
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour => Some(date),
        Unit::Day => days(1),
        Unit::Week | Unit::Weekend => days(7),
        Unit::Month => months(1),
        Unit::Quarter => months(3),
        Unit::Year => months(12),
        Unit::Decade => months(120),
        Unit::Century => months(1200),
    }
}

/// The weekday numbered `d` (1 = Monday).
pub fn weekday(d: u32) -> Option<Weekday> {
    Weekday::try_from(u8::try_from(d.checked_sub(1)?).ok()?).ok()
}

/// The part of `[start, end]` a position modifier keeps: thirds of a year or month, the
/// first, middle or last part of anything else.
pub fn narrow(
    start: NaiveDate,
    end: NaiveDate,
    precision: Precision,
    modifier: Mod,
) -> (NaiveDate, NaiveDate) {
    let part = match modifier {
        Mod::Start => 0,
        Mod::Mid => 1,
        Mod::End => 2,
        _ => return (start, end),
    };
    let narrowed = match precision {
        Precision::Day => None,
        Precision::Year
            if start.month() == 1 && end.month() == 12 && start.year() == end.year() =>
        {
            // Early: January–April, mid: May–August, late: September–December.
            let y = start.year();
            let first = part * 4 + 1;
            ymd(y, first, 1).zip(month_end(y, first + 3))
        }
        Precision::Month => {
            let (a, b) = [(1, 10), (11, 20), (21, 31)][part as usize];
            let last = end.day();
            ymd(start.year(), start.month(), a).zip(ymd(start.year(), start.month(), b.min(last)))
        }
        _ => {
            let days = u64::try_from((end - start).num_days() + 1).unwrap_or(1);
            let third = days / 3;
            let a = start.checked_add_days(Days::new(third * u64::from(part)));
            let b = if part == 2 || third == 0 {
                Some(end)
            } else {
                start.checked_add_days(Days::new(third * (u64::from(part) + 1) - 1))
            };
            a.zip(b)
        }
    };
    narrowed.unwrap_or((start, end))
}

fn unit_code(unit: Unit) -> (&'static str, bool) {
    match unit {
        Unit::Second => ("S", true),
        Unit::Minute => ("M", true),
        Unit::Hour => ("H", true),
        Unit::Day | Unit::Weekend => ("D", false),
        Unit::Week => ("W", false),
        Unit::Month => ("M", false),
        Unit::Quarter => ("Q", false),
        Unit::Year => ("Y", false),
        Unit::Decade => ("E", false),
        Unit::Century => ("C", false),
    }
}

/// The TIMEX3 value of a duration ("P3W", "PT5H30M", "P2Y6M", "PXY").
pub fn duration_value(amount: Amount, unit: Unit) -> String {
    let (code, time) = unit_code(unit);
    let t = if time { "T" } else { "" };
    let Amount::Halves(h) = amount else {
        return format!("P{t}X{code}");
    };
    let n = u64::from(h / 2);
    let half = h % 2 == 1;
    match unit {
        Unit::Decade => format!("P{}Y{}", n * 10, if half { "5Y" } else { "" }).replace("Y5Y", "Y"),
        Unit::Century => format!("P{}Y", n * 100 + if half { 50 } else { 0 }),
        Unit::Weekend => format!("P{}D", n * 2 + u64::from(half)),
        _ if !half => format!("P{t}{n}{code}"),
        Unit::Year => format!("P{n}Y6M"),
        Unit::Month => format!("P{n}M15D"),
        Unit::Week => format!("P{}D", n * 7 + 3),
        Unit::Day => format!("P{n}DT12H"),
        Unit::Hour => format!("PT{n}H30M"),
        Unit::Minute => format!("PT{n}M30S"),
        _ => format!("P{t}{n}{code}"),
    }
}

/// The TIMEX3 value of a recurrence ("P1D", "XXXX-WXX-5", "XXXX-07").
pub fn set_value(set: SetExpr) -> String {
    match set {
        SetExpr::Every(unit) => duration_value(Amount::Halves(2), unit),
        SetExpr::Weekday(d, part) => match part {
            Some(p) => format!("XXXX-WXX-{d}T{}", p.code()),
            None => format!("XXXX-WXX-{d}"),
        },
        SetExpr::Month(m) => format!("XXXX-{m:02}"),
        SetExpr::Season(s) => format!("XXXX-{}", s.code()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn values_follow_timex3() {
        assert_eq!(Period::Day(d(2013, 3, 22)).value(), "2013-03-22");
        assert_eq!(
            Period::containing(d(2013, 3, 14), Unit::Week)
                .unwrap()
                .value(),
            "2013-W11"
        );
        assert_eq!(Period::Quarter(2016, 1).value(), "2016-Q1");
        assert_eq!(Period::Decade(199).value(), "199X");
        assert_eq!(duration_value(Amount::Halves(6), Unit::Week), "P3W");
        assert_eq!(duration_value(Amount::Halves(11), Unit::Hour), "PT5H30M");
        assert_eq!(duration_value(Amount::Unknown, Unit::Year), "PXY");
        assert_eq!(duration_value(Amount::Halves(4), Unit::Decade), "P20Y");
    }

    #[test]
    fn late_year_is_september_to_december() {
        let (s, e, p) = Period::Year(2016).bounds().unwrap();
        assert_eq!(narrow(s, e, p, Mod::End), (d(2016, 9, 1), d(2016, 12, 31)));
        let (s, e, p) = Period::Month(2020, 2).bounds().unwrap();
        assert_eq!(narrow(s, e, p, Mod::Mid), (d(2020, 2, 11), d(2020, 2, 20)));
    }

    #[test]
    fn moves_by_own_units() {
        assert_eq!(
            Period::Quarter(1989, 1).moved(-1),
            Some(Period::Quarter(1988, 4))
        );
        assert_eq!(
            Period::Month(2020, 1).moved(-1),
            Some(Period::Month(2019, 12))
        );
        assert_eq!(Period::Year(i32::MAX).moved(1), None);
    }
}
