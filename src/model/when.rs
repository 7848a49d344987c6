//! `When`: the time of an event as an interval with a precision — never a point pretending to
//! be exact. "in late 2016" is 2016-09-01..=2016-12-31 at `Precision::Year` with `Modifier::Late`.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// How finely a date was given in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// A single day ("January 3, 2020", "yesterday", "later that night").
    Day,
    /// An ISO week ("last week").
    Week,
    /// A calendar month ("December 2019", "this month").
    Month,
    /// A quarter, or a like part of a year ("the first quarter", "late 2016").
    Quarter,
    /// A calendar year ("in 2014").
    Year,
    /// A decade ("the 1990s").
    Decade,
    /// A century or more.
    Century,
}

impl Precision {
    /// Every precision, finest first.
    pub const ALL: &'static [Precision] = &[
        Precision::Day,
        Precision::Week,
        Precision::Month,
        Precision::Quarter,
        Precision::Year,
        Precision::Decade,
        Precision::Century,
    ];

    /// The lower-case name used in text and queries.
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Week => "week",
            Precision::Month => "month",
            Precision::Quarter => "quarter",
            Precision::Year => "year",
            Precision::Decade => "decade",
            Precision::Century => "century",
        }
    }

    /// The precision with this name, in any case.
    pub fn parse(name: &str) -> Option<Precision> {
        Precision::ALL
            .iter()
            .copied()
            .find(|p| p.as_str().eq_ignore_ascii_case(name))
    }
}

impl fmt::Display for Precision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A qualifier that narrows or loosens an interval (TIMEX3's `mod`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Modifier {
    /// "early 2016": the first part of the period (TIMEX3 `START`).
    Early,
    /// "mid-March": the middle part (`MID`).
    Mid,
    /// "late 2016": the last part (`END`).
    Late,
    /// "about", "around": the bounds are soft (`APPROX`).
    Approx,
    /// "before", "until": the event lies before the interval (`BEFORE`).
    Before,
    /// "after", "since": the event lies after the interval (`AFTER`).
    After,
}

impl Modifier {
    /// The TIMEX3 `mod` attribute value.
    pub fn timex3(self) -> &'static str {
        match self {
            Modifier::Early => "START",
            Modifier::Mid => "MID",
            Modifier::Late => "END",
            Modifier::Approx => "APPROX",
            Modifier::Before => "BEFORE",
            Modifier::After => "AFTER",
        }
    }
}

/// What a date was resolved against: lets a query tell happened-on from reported-on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Anchor {
    /// The text gives the date outright ("January 3, 2020", "in 2011").
    Explicit,
    /// Resolved against the publication date ("yesterday", "this month"), or, when the text gives
    /// no date at all, the publication date itself at a coarser precision.
    Published,
    /// Resolved against the previous date of the story ("later that night", "the next day").
    Narrative,
}

/// The time of an event: an inclusive interval of days, how precisely it was given, and where
/// it came from.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct When {
    /// First day the event may have happened on.
    pub start: NaiveDate,
    /// Last day the event may have happened on (inclusive; equal to `start` for one day).
    pub end: NaiveDate,
    /// How finely the text gave the date.
    pub precision: Precision,
    /// A qualifier such as "late" or "about".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modifier: Option<Modifier>,
    /// The words the date came from ("later that night"); empty when none did.
    #[serde(default)]
    pub text: String,
    /// What the date was resolved against.
    pub anchor: Anchor,
}

impl When {
    /// One day, given outright.
    pub fn day(date: NaiveDate) -> When {
        When::interval(date, date, Precision::Day, Anchor::Explicit)
    }

    /// A whole calendar month; `None` for an impossible month.
    pub fn month(year: i32, month: u32) -> Option<When> {
        let start = NaiveDate::from_ymd_opt(year, month, 1)?;
        let next = if month == 12 {
            NaiveDate::from_ymd_opt(year.checked_add(1)?, 1, 1)?
        } else {
            NaiveDate::from_ymd_opt(year, month + 1, 1)?
        };
        Some(When::interval(
            start,
            next.pred_opt()?,
            Precision::Month,
            Anchor::Explicit,
        ))
    }

    /// A whole calendar year; `None` outside chrono's range.
    pub fn year(year: i32) -> Option<When> {
        Some(When::interval(
            NaiveDate::from_ymd_opt(year, 1, 1)?,
            NaiveDate::from_ymd_opt(year, 12, 31)?,
            Precision::Year,
            Anchor::Explicit,
        ))
    }

    /// An interval with no text and no modifier; `start` and `end` are put in order.
    pub fn interval(
        start: NaiveDate,
        end: NaiveDate,
        precision: Precision,
        anchor: Anchor,
    ) -> When {
        let (start, end) = if start <= end {
            (start, end)
        } else {
            (end, start)
        };
        When {
            start,
            end,
            precision,
            modifier: None,
            text: String::new(),
            anchor,
        }
    }

    /// The same interval, credited to the words it came from.
    pub fn with_text(mut self, text: impl Into<String>) -> When {
        self.text = text.into();
        self
    }

    /// The same interval, with a modifier.
    pub fn with_modifier(mut self, modifier: Modifier) -> When {
        self.modifier = Some(modifier);
        self
    }

    /// The same interval, resolved against something else.
    pub fn with_anchor(mut self, anchor: Anchor) -> When {
        self.anchor = anchor;
        self
    }

    /// The number of days in the interval (1 for a single day).
    pub fn days(&self) -> i64 {
        (self.end - self.start).num_days() + 1
    }

    /// Whether the interval lies entirely inside `[from, to]` (the event certainly happened then).
    pub fn within(&self, from: NaiveDate, to: NaiveDate) -> bool {
        from <= self.start && self.end <= to
    }

    /// Whether the interval meets `[from, to]` (the event may have happened then).
    pub fn overlaps(&self, from: NaiveDate, to: NaiveDate) -> bool {
        self.start <= to && from <= self.end
    }
}

/// Days since 0001-01-01 (day 1 in chrono's count): the `i32` day number the store keys use.
pub fn day_number(date: NaiveDate) -> i32 {
    date.num_days_from_ce()
}

/// The date of a day number from [`day_number`]; `None` outside chrono's range.
pub fn from_day_number(day: i32) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn month_and_year_cover_their_days() {
        let feb = When::month(2020, 2).unwrap();
        assert_eq!(
            (feb.start, feb.end, feb.days()),
            (d(2020, 2, 1), d(2020, 2, 29), 29)
        );
        let dec = When::month(2019, 12).unwrap();
        assert_eq!(dec.end, d(2019, 12, 31));
        assert_eq!(When::year(2016).unwrap().days(), 366);
        assert!(When::month(2020, 13).is_none());
    }

    #[test]
    fn within_is_certain_overlaps_is_possible() {
        let late_2016 = When::interval(
            d(2016, 9, 1),
            d(2016, 12, 31),
            Precision::Year,
            Anchor::Explicit,
        );
        assert!(late_2016.within(d(2016, 1, 1), d(2016, 12, 31)));
        assert!(!late_2016.within(d(2016, 12, 1), d(2016, 12, 31)));
        assert!(late_2016.overlaps(d(2016, 12, 1), d(2016, 12, 31)));
        assert!(!late_2016.overlaps(d(2017, 1, 1), d(2017, 1, 31)));
    }

    #[test]
    fn day_numbers_round_trip_and_keep_order() {
        for date in [d(-500, 1, 1), d(1, 1, 1), d(2020, 1, 3)] {
            assert_eq!(from_day_number(day_number(date)), Some(date));
        }
        assert!(day_number(d(-1, 12, 31)) < day_number(d(1, 1, 1)));
    }
}
