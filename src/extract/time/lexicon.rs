//! The word tables of the temporal tagger: which lower-cased words mean something for time
//! (months, weekdays, units, number words, deictics, modifiers) and what. Lookup is one hash of a
//! short ASCII word in a table built once; this module never looks at more than one word.

use crate::gazetteer::fast_hash::FastMap;
use std::sync::OnceLock;

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

/// Keyed by the lower-cased word; hashed a word (eight bytes) at a time.
type Table = FastMap<&'static [u8], Word>;

/// The longest word in the table; longer words are not looked up at all.
pub const MAX_WORD: usize = 14;

/// The table, and the shapes of its words.
struct Lexicon {
    table: Table,
    /// The entries' shapes, one bit each ([`shape_bit`]).
    shapes: [u64; SHAPE_WORDS],
}

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let table = build();
        let mut shapes = [0u64; SHAPE_WORDS];
        for key in table.keys() {
            let bit = shape_bit(key);
            if let Some(slot) = shapes.get_mut(bit / 64) {
                *slot |= 1 << (bit % 64);
            }
        }
        Lexicon { table, shapes }
    })
}

/// The size of the shape filter, in 64-bit words: a few bits in ten set.
const SHAPE_WORDS: usize = 64;

/// A word's bit in the shape filter: from its length and its first, second and last letters,
/// in either case (the tokens' words are ASCII letters, whose case is bit 5).
fn shape_bit(word: &[u8]) -> usize {
    let byte = |i: usize| usize::from(word.get(i).map_or(0, |b| b | 0x20));
    let last = byte(word.len().saturating_sub(1));
    (byte(0) * 31 + byte(1) * 7 + last * 17 + word.len() * 131) % (SHAPE_WORDS * 64)
}

fn build() -> Table {
    use Word as W;
    let mut t = Table::default();
    let months = crate::extract::text::MONTH_NAMES;
    for (i, m) in (1u32..).zip(months) {
        t.insert(m.as_bytes(), W::Month(i));
    }
    let abbrs = crate::extract::text::MONTH_ABBREVIATIONS;
    for (a, m) in abbrs {
        t.insert(a.as_bytes(), W::MonthAbbr(*m));
    }
    let days = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let plural_days = [
        "mondays",
        "tuesdays",
        "wednesdays",
        "thursdays",
        "fridays",
        "saturdays",
        "sundays",
    ];
    for (i, (d, p)) in (1u32..).zip(days.into_iter().zip(plural_days)) {
        t.insert(d.as_bytes(), W::Weekday(i));
        t.insert(p.as_bytes(), W::Weekdays(i));
    }
    let units: [(&str, &str, Unit); 11] = [
        ("second", "seconds", Unit::Second),
        ("minute", "minutes", Unit::Minute),
        ("hour", "hours", Unit::Hour),
        ("day", "days", Unit::Day),
        ("week", "weeks", Unit::Week),
        ("weekend", "weekends", Unit::Weekend),
        ("month", "months", Unit::Month),
        ("quarter", "quarters", Unit::Quarter),
        ("year", "years", Unit::Year),
        ("decade", "decades", Unit::Decade),
        ("century", "centuries", Unit::Century),
    ];
    for (one, many, unit) in units {
        t.insert(one.as_bytes(), W::Unit(unit));
        t.insert(many.as_bytes(), W::Units(unit));
    }
    t.insert(b"hrs", W::Units(Unit::Hour));
    t.insert(b"mins", W::Units(Unit::Minute));
    let numbers = crate::extract::text::NUMBER_WORDS;
    for (w, n) in numbers {
        t.insert(w.as_bytes(), W::Number(*n));
    }
    let ordinals = [
        ("first", 1),
        ("second", 2),
        ("third", 3),
        ("fourth", 4),
        ("fifth", 5),
        ("sixth", 6),
        ("seventh", 7),
        ("eighth", 8),
        ("ninth", 9),
        ("tenth", 10),
        ("eleventh", 11),
        ("twelfth", 12),
    ];
    for (w, n) in ordinals {
        // "second" is both a unit and an ordinal: the unit wins in the table, the recogniser
        // reads it as an ordinal before "quarter" or "half".
        t.entry(w.as_bytes()).or_insert(W::Ordinal(n));
    }
    let seasons = [
        ("spring", Season::Spring),
        ("summer", Season::Summer),
        ("fall", Season::Fall),
        ("autumn", Season::Fall),
        ("winter", Season::Winter),
    ];
    for (w, s) in seasons {
        t.insert(w.as_bytes(), W::Season(s));
    }
    let decades = [
        "twenties",
        "thirties",
        "forties",
        "fifties",
        "sixties",
        "seventies",
        "eighties",
        "nineties",
    ];
    for (d, w) in (192..).zip(decades) {
        t.insert(w.as_bytes(), W::Decades(d));
    }
    let parts = [
        ("morning", DayPart::Morning),
        ("afternoon", DayPart::Afternoon),
        ("evening", DayPart::Evening),
        ("night", DayPart::Night),
        ("nights", DayPart::Night),
        ("midday", DayPart::Midday),
    ];
    for (w, p) in parts {
        t.insert(w.as_bytes(), W::DayPart(p));
    }
    let periodic = [
        ("hourly", Unit::Hour),
        ("daily", Unit::Day),
        ("nightly", Unit::Day),
        ("weekly", Unit::Week),
        ("monthly", Unit::Month),
        ("annually", Unit::Year),
        ("yearly", Unit::Year),
        ("annual", Unit::Year),
    ];
    for (w, u) in periodic {
        t.insert(w.as_bytes(), W::Periodic(u));
    }
    let plain: &[(&str, Word)] = &[
        ("noon", W::Noon),
        ("midnight", W::Midnight),
        ("overnight", W::Overnight),
        ("tonight", W::Tonight),
        ("today", W::Today),
        ("yesterday", W::Yesterday),
        ("tomorrow", W::Tomorrow),
        ("now", W::Present),
        ("currently", W::Present),
        ("nowadays", W::Present),
        ("presently", W::Present),
        ("recently", W::PastAdverb),
        ("formerly", W::PastAdverb),
        ("lately", W::PastAdverb),
        ("recent", W::Recent),
        ("current", W::Current),
        ("future", W::Future),
        ("past", W::Past),
        ("the", W::The),
        ("a", W::A),
        ("an", W::A),
        ("this", W::This),
        ("these", W::These),
        ("that", W::That),
        ("last", W::Last),
        ("next", W::Next),
        ("coming", W::Coming),
        ("upcoming", W::Coming),
        ("previous", W::Previous),
        ("preceding", W::Previous),
        ("prior", W::Previous),
        ("following", W::Following),
        ("subsequent", W::Following),
        ("same", W::Same),
        ("latest", W::Latest),
        ("early", W::Early),
        ("earlier", W::Earlier),
        ("late", W::Late),
        ("later", W::Later),
        ("mid", W::Mid),
        ("middle", W::Mid),
        ("end", W::End),
        ("beginning", W::Beginning),
        ("start", W::Beginning),
        ("ago", W::Ago),
        ("before", W::Before),
        ("after", W::After),
        ("of", W::Of),
        ("or", W::Or),
        ("and", W::And),
        ("so", W::So),
        ("half", W::Half),
        ("fiscal", W::Fiscal),
        ("every", W::Every),
        ("each", W::Every),
        ("about", W::Approx),
        ("around", W::Approx),
        ("approximately", W::Approx),
        ("roughly", W::Approx),
        ("some", W::Approx),
        ("nearly", W::Nearly),
        ("almost", W::Nearly),
        ("more", W::More),
        ("less", W::Less),
        ("fewer", W::Less),
        ("than", W::Than),
        ("at", W::At),
        ("least", W::Least),
        ("most", W::Most),
        ("up", W::Up),
        ("to", W::To),
        ("over", W::Over),
        ("within", W::Within),
        ("under", W::Under),
        ("no", W::No),
        ("few", W::Few),
        ("several", W::Several),
        ("many", W::Several),
        ("couple", W::Couple),
        ("hundred", W::Hundred),
        ("period", W::Period),
        ("term", W::Period),
        ("from", W::From),
        ("in", W::In),
        ("on", W::On),
        ("will", W::Will),
        ("shall", W::Will),
        ("ll", W::Will),
        ("est", W::Zone),
        ("edt", W::Zone),
        ("cst", W::Zone),
        ("cdt", W::Zone),
        ("mst", W::Zone),
        ("mdt", W::Zone),
        ("pst", W::Zone),
        ("pdt", W::Zone),
        ("gmt", W::Zone),
        ("utc", W::Zone),
        ("bst", W::Zone),
        ("cet", W::Zone),
        ("oclock", W::Oclock),
        ("th", W::OrdinalSuffix),
        ("st", W::OrdinalSuffix),
        ("nd", W::OrdinalSuffix),
        ("rd", W::OrdinalSuffix),
        ("s", W::S),
        ("near", W::Near),
        ("short", W::Near),
        ("long", W::Near),
        ("while", W::While),
        ("date", W::Date),
        ("yet", W::Yet),
        ("ahead", W::Ahead),
        ("full", W::Whole),
        ("whole", W::Whole),
        ("entire", W::Whole),
        ("since", W::Since),
        ("until", W::Until),
        ("till", W::Until),
        ("its", W::Its),
        ("their", W::Its),
        ("corresponding", W::Comparable),
        ("comparable", W::Comparable),
        ("year-ago", W::Comparable),
    ];
    for (w, word) in plain {
        t.insert(w.as_bytes(), *word);
    }
    t
}

/// What `word` means for time, in any case; `None` for the words that mean nothing for it.
/// Allocation-free: the word is lower-cased into a stack buffer.
pub fn classify(word: &[u8]) -> Option<Word> {
    if word.is_empty() || word.len() > MAX_WORD {
        return None;
    }
    let lexicon = lexicon();
    // Most words are no time word: a shape no entry has turns them away before lower-casing
    // or hashing.
    let bit = shape_bit(word);
    if lexicon
        .shapes
        .get(bit / 64)
        .is_none_or(|slot| slot & (1 << (bit % 64)) == 0)
    {
        return None;
    }
    let mut buf = [0u8; MAX_WORD];
    let lower = buf.get_mut(..word.len())?;
    for (dst, src) in lower.iter_mut().zip(word) {
        *dst = src.to_ascii_lowercase();
    }
    lexicon.table.get(&*lower).copied()
}

/// Every word of the table, sorted: for tests that check a rule against the whole lexicon.
#[cfg(test)]
pub fn all_words() -> Vec<&'static str> {
    let mut words: Vec<&'static str> = lexicon()
        .table
        .keys()
        .filter_map(|k| std::str::from_utf8(k).ok())
        .collect();
    words.sort_unstable();
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_in_any_case() {
        assert_eq!(classify(b"January"), Some(Word::Month(1)));
        assert_eq!(classify(b"SEPT"), Some(Word::MonthAbbr(9)));
        assert_eq!(classify(b"Friday"), Some(Word::Weekday(5)));
        assert_eq!(classify(b"weeks"), Some(Word::Units(Unit::Week)));
        assert_eq!(classify(b"second"), Some(Word::Unit(Unit::Second)));
        assert_eq!(classify(b"third"), Some(Word::Ordinal(3)));
        assert_eq!(classify(b"embassy"), None);
        assert_eq!(classify(b"antidisestablishmentarianism"), None);
        assert_eq!(classify(b""), None);
    }
}
