//! What a recognised temporal expression means before it is resolved: the vocabulary shared by
//! the recogniser (which builds it from tokens) and the resolver (which turns it into a TIMEX3
//! value and an interval). Plain data; nothing here reads text or dates.

use super::lexicon::{DayPart, Season, Unit};

/// What a relative expression counts from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The publication date ("yesterday", "last week").
    Published,
    /// The story's running date ("the next day", "later that night").
    Story,
}

/// Which year a partly given date belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum YearSel {
    /// Written out ("2016").
    Explicit(i32),
    /// This (0), last (-1) or next (+1) year from an origin.
    Shift(i32, Origin),
    /// Not given: the news rule picks the nearest fitting one before publication unless the
    /// tense says future.
    Implied,
    /// "last November": the nearest one strictly before publication.
    Last,
    /// "next April": the nearest one strictly after publication.
    Next,
}

/// How many units: a count in halves ("2 1/2 years" is 5 halves), or unknown ("years").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Amount {
    /// A known count, in halves of the unit.
    Halves(u32),
    /// An unknown count ("several", "a few", a bare plural).
    Unknown,
}

/// The calendar core of a date expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Base {
    /// A month and day, with a year.
    Day { year: YearSel, month: u32, day: u32 },
    /// A whole month.
    Month { year: YearSel, month: u32 },
    /// A whole year.
    Year(YearSel),
    /// A decade, by its first three digits (199 for the 1990s).
    Decade(i32),
    /// A century, by its first two digits (19 for the twentieth century).
    Century(i32),
    /// A quarter; `None` for "the quarter" the context is about.
    Quarter { year: YearSel, quarter: Option<u32> },
    /// A half year (1 or 2).
    Half { year: YearSel, half: u32 },
    /// A season.
    Season { year: YearSel, season: Season },
    /// A weekday: `shift` 0 picks by tense, -1 is "last", +1 is "next".
    Weekday { weekday: u32, shift: i32 },
    /// A weekend: 0 the nearest before, -1 last, +1 next.
    Weekend { shift: i32 },
    /// The unit containing the origin, moved by `by` units ("yesterday", "this month",
    /// "the next day", "that week").
    Shift { unit: Unit, by: i32, origin: Origin },
    /// A count of units before (`forward` false) or after the origin ("two days ago",
    /// "three years later").
    Offset {
        unit: Unit,
        amount: Amount,
        forward: bool,
        origin: Origin,
    },
}

/// A date or time expression to resolve.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateExpr {
    /// The calendar core.
    pub base: Base,
    /// A part of the day ("Tuesday morning").
    pub part: Option<DayPart>,
    /// A clock time (hour 0–24, minute).
    pub clock: Option<(u32, u32)>,
    /// "earlier this year" / "later this month": the part of the period before or after the
    /// publication date.
    pub clip: Option<Clip>,
}

impl DateExpr {
    /// A date with nothing but its core.
    pub fn of(base: Base) -> DateExpr {
        DateExpr {
            base,
            part: None,
            clock: None,
            clip: None,
        }
    }
}

/// Which side of the publication date an "earlier"/"later" expression keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Clip {
    /// "earlier this year": from the start of the period to publication.
    Before,
    /// "later this year": from publication to the end of the period.
    After,
}

/// A recurrence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SetExpr {
    /// Once per unit ("daily", "every week").
    Every(Unit),
    /// A weekday each week, maybe at a part of the day ("every Friday", "Tuesday nights").
    Weekday(u32, Option<DayPart>),
    /// A month each year ("each July").
    Month(u32),
    /// A season each year.
    Season(Season),
}

/// A vague reference to the present, past or future.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefExpr {
    /// `PRESENT_REF`.
    Present,
    /// `PAST_REF`.
    Past,
    /// `FUTURE_REF`.
    Future,
}

/// A recognised temporal expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expr {
    /// A date or a time.
    Date(DateExpr),
    /// A length of time.
    Duration { amount: Amount, unit: Unit },
    /// A length of time the story moves on by ("three days later": TimeBank marks "three
    /// days"); its end is a date counted from the story's running date.
    Elapsed { amount: Amount, unit: Unit },
    /// A recurrence.
    Set(SetExpr),
    /// A vague reference.
    Ref(RefExpr),
}

/// TIMEX3 `mod`: how the expression narrows or loosens what it names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mod {
    /// "early": the first part.
    Start,
    /// "mid": the middle part.
    Mid,
    /// "late", "the end of": the last part.
    End,
    /// "about", "around".
    Approx,
    /// "nearly", "almost".
    LessThan,
    /// "more than", "over".
    MoreThan,
    /// "up to", "within", "no more than".
    EqualOrLess,
    /// "at least".
    EqualOrMore,
}

/// One recognised expression: the tokens it covers and what it means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found {
    /// First token.
    pub first: usize,
    /// One past the last token.
    pub end: usize,
    /// What it means.
    pub expr: Expr,
    /// Its TIMEX3 modifier.
    pub modifier: Option<Mod>,
    /// Whether the sentence's tense points to the future (for weekdays and months without a year).
    pub future: bool,
}
