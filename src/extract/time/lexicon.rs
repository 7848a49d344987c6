//! The meanings words have for the temporal tagger (months, weekdays, units, number words,
//! deictics, modifiers), and the marks its patterns compare as written. The rule book's
//! `rules/time/words.tsv` gives every word its meaning, `rules/text/numbers.tsv` the number
//! words, `rules/time/marks.tsv` the marks; [`crate::extract::rules::TimeRules`] looks a word up
//! (one hash of a short ASCII word behind a shape filter). This module never looks at more than
//! one word.

use crate::extract::rules::words::{snake_case_is, table_enum};

pub use super::units::{DayPart, Season, Unit};

/// What a word means for time. Words that mean nothing for time are not in the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Word {
    /// A full month name, 1 = January.
    Month(u32),
    /// An abbreviated month name ("Jan", "Sept").
    MonthAbbr(u32),
    /// A weekday name, 1 = Monday.
    Weekday(u32),
    /// A plural weekday ("Mondays"): a recurrence.
    Weekdays(u32),
    /// A unit word in the singular.
    Unit(Unit),
    /// A unit word in the plural.
    Units(Unit),
    /// A cardinal number word ("two", "twenty").
    Number(u32),
    /// An ordinal word ("third").
    Ordinal(u32),
    /// A season word.
    Season(Season),
    /// A decade spelled out ("nineties"), by its first three digits in the 1900s.
    Decades(i32),
    /// A part of the day ("morning", "night").
    DayPart(DayPart),
    /// "noon".
    Noon,
    /// "midnight".
    Midnight,
    /// "overnight".
    Overnight,
    /// "tonight".
    Tonight,
    /// "today".
    Today,
    /// "yesterday".
    Yesterday,
    /// "tomorrow".
    Tomorrow,
    /// "now", "currently", "nowadays", "presently": the present.
    Present,
    /// "recently", "previously", "formerly": the past.
    PastAdverb,
    /// "recent".
    Recent,
    /// "current".
    Current,
    /// "future".
    Future,
    /// "past".
    Past,
    /// "the".
    The,
    /// "a" or "an".
    A,
    /// "this".
    This,
    /// "these".
    These,
    /// "that".
    That,
    /// "last".
    Last,
    /// "next".
    Next,
    /// "coming".
    Coming,
    /// "previous", "preceding", "prior".
    Previous,
    /// "following", "subsequent".
    Following,
    /// "same".
    Same,
    /// "latest".
    Latest,
    /// "early".
    Early,
    /// "earlier".
    Earlier,
    /// "late".
    Late,
    /// "later".
    Later,
    /// "mid", "middle".
    Mid,
    /// "end".
    End,
    /// "beginning", "start".
    Beginning,
    /// "ago".
    Ago,
    /// "before".
    Before,
    /// "after".
    After,
    /// "of".
    Of,
    /// "or".
    Or,
    /// "and".
    And,
    /// "so".
    So,
    /// "half".
    Half,
    /// "fiscal".
    Fiscal,
    /// "every", "each".
    Every,
    /// "daily", "weekly", … : a recurrence with this unit.
    Periodic(Unit),
    /// "about", "around", "approximately", "roughly", "some".
    Approx,
    /// "nearly", "almost".
    Nearly,
    /// "more".
    More,
    /// "less", "fewer".
    Less,
    /// "than".
    Than,
    /// "at".
    At,
    /// "least".
    Least,
    /// "most".
    Most,
    /// "up".
    Up,
    /// "to".
    To,
    /// "over".
    Over,
    /// "within".
    Within,
    /// "under".
    Under,
    /// "no".
    No,
    /// "few".
    Few,
    /// "several", "many".
    Several,
    /// "couple".
    Couple,
    /// "hundred".
    Hundred,
    /// "period", "term".
    Period,
    /// "ago"-like "year-ago"/"year-earlier" handled by Ago/Earlier; "from".
    From,
    /// "in".
    In,
    /// "on".
    On,
    /// "will", "shall", "ll": the tense points to the future.
    Will,
    /// A time zone ("EST", "GMT").
    Zone,
    /// "am"/"a" and "pm"/"p" clock suffix letters are checked by the recogniser; this marks
    /// "o'clock".
    Oclock,
    /// "th", "st", "nd", "rd" after digits ("20th").
    OrdinalSuffix,
    /// "s" after digits or an apostrophe ("1990s", "Friday's").
    S,
    /// "near", "short": "the near future", "the short term".
    Near,
    /// "while", "time": vague lengths.
    While,
    /// "date": "a later date".
    Date,
    /// "more recently" and friends need "more"; "yet", "already": the present in TimeBank.
    Yet,
    /// "ahead".
    Ahead,
    /// "full", "whole", "entire".
    Whole,
    /// "since".
    Since,
    /// "until", "till", "by".
    Until,
    /// "its", "their": possessives that may stand before "fourth quarter".
    Its,
    /// "year-ago"-style compounds' "ago" is [`Word::Ago`]; "corresponding", "comparable".
    Comparable,
}

/// The longest word in the table; longer words are not looked up at all.
pub const MAX_WORD: usize = 14;

/// Declares the meanings that carry no value: each variant with its name, as the rule book
/// writes it in snake case (`PastAdverb` is `past_adverb`).
macro_rules! plain_meanings {
    ($($variant:ident),* $(,)?) => {
        /// The meanings with no value, by the variant's name.
        const PLAIN: &[(&str, Word)] = &[$((stringify!($variant), Word::$variant)),*];
    };
}

plain_meanings!(
    Noon,
    Midnight,
    Overnight,
    Tonight,
    Today,
    Yesterday,
    Tomorrow,
    Present,
    PastAdverb,
    Recent,
    Current,
    Future,
    Past,
    The,
    A,
    This,
    These,
    That,
    Last,
    Next,
    Coming,
    Previous,
    Following,
    Same,
    Latest,
    Early,
    Earlier,
    Late,
    Later,
    Mid,
    End,
    Beginning,
    Ago,
    Before,
    After,
    Of,
    Or,
    And,
    So,
    Half,
    Fiscal,
    Every,
    Approx,
    Nearly,
    More,
    Less,
    Than,
    At,
    Least,
    Most,
    Up,
    To,
    Over,
    Within,
    Under,
    No,
    Few,
    Several,
    Couple,
    Hundred,
    Period,
    From,
    In,
    On,
    Will,
    Zone,
    Oclock,
    OrdinalSuffix,
    S,
    Near,
    While,
    Date,
    Yet,
    Ahead,
    Whole,
    Since,
    Until,
    Its,
    Comparable,
);

impl Word {
    /// The meaning a row of `rules/time/words.tsv` gives (its `meaning` and `value` columns), or
    /// what is wrong with them.
    pub fn from_table(meaning: &str, value: &str) -> Result<Word, String> {
        let number = |range: std::ops::RangeInclusive<u32>| {
            value
                .parse::<u32>()
                .ok()
                .filter(|n| range.contains(n))
                .ok_or_else(|| {
                    format!(
                        "`{meaning}` takes a number from {} to {}, not `{value}`",
                        range.start(),
                        range.end()
                    )
                })
        };
        let unit = || {
            Unit::from_table_name(value).ok_or_else(|| {
                format!(
                    "`{value}` is no unit (the units are {})",
                    Unit::table_names()
                )
            })
        };
        let Some(valued) = Valued::from_table_name(meaning) else {
            let plain = PLAIN
                .iter()
                .find(|(variant, _)| snake_case_is(variant, meaning))
                .map(|&(_, word)| word)
                .ok_or_else(|| {
                    format!(
                        "unknown meaning `{meaning}` (those with a value are {}; the others \
                         are documented on `Word` in src/extract/time/lexicon.rs)",
                        Valued::table_names()
                    )
                })?;
            if value != "-" {
                return Err(format!("`{meaning}` takes no value: write `-`"));
            }
            return Ok(plain);
        };
        let word = match valued {
            Valued::Month => Word::Month(number(1..=12)?),
            Valued::MonthAbbr => Word::MonthAbbr(number(1..=12)?),
            Valued::Weekday => Word::Weekday(number(1..=7)?),
            Valued::Weekdays => Word::Weekdays(number(1..=7)?),
            Valued::Unit => Word::Unit(unit()?),
            Valued::Units => Word::Units(unit()?),
            Valued::Ordinal => Word::Ordinal(number(1..=99)?),
            Valued::Periodic => Word::Periodic(unit()?),
            Valued::Season => Word::Season(Season::from_table_name(value).ok_or_else(|| {
                format!(
                    "`{value}` is no season (the seasons are {})",
                    Season::table_names()
                )
            })?),
            Valued::DayPart => Word::DayPart(DayPart::from_table_name(value).ok_or_else(|| {
                format!(
                    "`{value}` is no part of the day (they are {})",
                    DayPart::table_names()
                )
            })?),
            Valued::Decades => Word::Decades(
                value
                    .parse::<i32>()
                    .ok()
                    .filter(|d| (100..=999).contains(d))
                    .ok_or_else(|| {
                        format!("`decades` takes the first three digits of a year, not `{value}`")
                    })?,
            ),
            Valued::Number => {
                return Err("number words belong in rules/text/numbers.tsv".to_string());
            }
        };
        Ok(word)
    }
}

table_enum! {
    /// The meanings that carry a value in `rules/time/words.tsv` (its `value` column).
    pub enum Valued {
        /// A month's number.
        Month,
        /// An abbreviated month's number.
        MonthAbbr,
        /// A weekday's number, 1 = Monday.
        Weekday,
        /// A plural weekday's number.
        Weekdays,
        /// A unit, singular.
        Unit,
        /// A unit, plural.
        Units,
        /// An ordinal's number.
        Ordinal,
        /// A recurrence's unit.
        Periodic,
        /// A season.
        Season,
        /// A part of the day.
        DayPart,
        /// A decade's first three digits.
        Decades,
        /// Number words: written in `rules/text/numbers.tsv`, not here.
        Number,
    }
}

table_enum! {
    /// A word the temporal tagger's patterns compare as written, in any case (a column value of
    /// `rules/time/marks.tsv`).
    pub enum Mark {
        /// Before a bare day of the month, with the prepositions the lexicon knows: a date ("by
        /// the 15th").
        DatePreposition,
        /// Before a year outside 1900-2099, with the prepositions the lexicon knows: a year
        /// ("during 1850").
        YearPreposition,
        /// After a clock time, before noon: a whole word ("7 am"), or a letter with ".m."
        /// ("7 a.m.").
        MorningMark,
        /// After a clock time, after noon: "pm", "p.m.".
        AfternoonMark,
        /// Before "a year", "a day": a rate, so a recurrence ("twice a year").
        PerUnit,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::rules::Rules;

    #[test]
    fn classifies_in_any_case() {
        let rules = &Rules::embedded().time;
        let classify = |w: &[u8]| rules.classify(w);
        assert_eq!(classify(b"January"), Some(Word::Month(1)));
        assert_eq!(classify(b"SEPT"), Some(Word::MonthAbbr(9)));
        assert_eq!(classify(b"Friday"), Some(Word::Weekday(5)));
        assert_eq!(classify(b"weeks"), Some(Word::Units(Unit::Week)));
        assert_eq!(classify(b"second"), Some(Word::Unit(Unit::Second)));
        assert_eq!(classify(b"third"), Some(Word::Ordinal(3)));
        assert_eq!(classify(b"twenty"), Some(Word::Number(20)));
        assert_eq!(classify(b"embassy"), None);
        assert_eq!(classify(b"antidisestablishmentarianism"), None);
        assert_eq!(classify(b""), None);
    }

    #[test]
    fn meanings_read_from_their_names() {
        assert_eq!(Word::from_table("past_adverb", "-"), Ok(Word::PastAdverb));
        assert_eq!(
            Word::from_table("units", "week"),
            Ok(Word::Units(Unit::Week))
        );
        assert_eq!(Word::from_table("decades", "199"), Ok(Word::Decades(199)));
        assert!(Word::from_table("month", "13").is_err());
        assert!(Word::from_table("noon", "1").is_err());
        assert!(Word::from_table("soon", "-").is_err());
    }
}
