//! The calendar vocabulary the tagger counts in: units of time, seasons and parts of the day,
//! with their TIMEX3 codes. Plain enums, named in the rule book in snake case
//! (`rules/time/words.tsv`); no parsing and no arithmetic.

use crate::extract::rules::words::table_enum;

table_enum! {
/// A calendar or clock unit.
pub enum Unit {
    /// A second of time.
    Second,
    /// A minute.
    Minute,
    /// An hour.
    Hour,
    /// A day.
    Day,
    /// A week.
    Week,
    /// A weekend (two days).
    Weekend,
    /// A month.
    Month,
    /// A quarter of a year.
    Quarter,
    /// A year.
    Year,
    /// Ten years.
    Decade,
    /// A hundred years.
    Century,
}
}

table_enum! {
/// A season of the year, with its TIMEX3 code.
pub enum Season {
    /// March to May.
    Spring,
    /// June to August.
    Summer,
    /// September to November.
    Fall,
    /// December to February.
    Winter,
}
}

impl Season {
    /// The TIMEX3 code (`SP`, `SU`, `FA`, `WI`).
    pub fn code(self) -> &'static str {
        match self {
            Season::Spring => "SP",
            Season::Summer => "SU",
            Season::Fall => "FA",
            Season::Winter => "WI",
        }
    }
}

table_enum! {
/// A part of the day, with its TIMEX3 code.
pub enum DayPart {
    /// Morning (`MO`).
    Morning,
    /// Midday, around noon (`MI`).
    Midday,
    /// Afternoon (`AF`).
    Afternoon,
    /// Evening (`EV`).
    Evening,
    /// Night (`NI`).
    Night,
}
}

impl DayPart {
    /// The TIMEX3 code (`MO`, `AF`, `EV`, `NI`).
    pub fn code(self) -> &'static str {
        match self {
            DayPart::Morning => "MO",
            DayPart::Midday => "MI",
            DayPart::Afternoon => "AF",
            DayPart::Evening => "EV",
            DayPart::Night => "NI",
        }
    }
}
