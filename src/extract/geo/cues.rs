//! Cues in the wording around a name that say what it is: an Arabic article joined to it
//! ("Ar-Raqqa", "el Hermel"), a bracket of districts after a place ("Bambofa (Dori, Seno)"), a
//! currency after a country ("the US dollar"), and the size that lets a name stand on its own.
//! Reads only the text and the candidates it is given; [`super::recognise`] weighs the cues.

use super::words::GeoRole;
use crate::extract::rules::GeoRules;
use crate::extract::text::is_capitalised;
use crate::gazetteer::{Candidate, Gazetteer, names};
use crate::model::{GeoPrecision, Span};

/// The name after an Arabic article joined by a hyphen ("Ar-Raqqa" → "Raqqa", "al-Hasakeh" →
/// "Hasakeh"), when the word has that shape.
pub(super) fn hyphened_particle<'w>(word: &'w str, rules: &GeoRules) -> Option<&'w str> {
    // Every article is two or three letters, so its hyphen is the third or fourth byte: most
    // words are turned away before any search.
    let bytes = word.as_bytes();
    if bytes.get(2) != Some(&b'-') && bytes.get(3) != Some(&b'-') {
        return None;
    }
    let (particle, name) = word.split_once('-')?;
    let article = rules
        .words(GeoRole::Particle)
        .contains_ignore_ascii_case(particle);
    (article && is_capitalised(name)).then_some(name)
}

/// The longest index key too short to stand for a place without its article: "As-Sweida" is
/// filed as "Sweida", but a three-letter rest has too many namesakes.
pub(super) const SHORT_KEY: usize = 3;

/// How many people make a city large: named by its own name, it stands on its own.
pub(super) const LARGE_CITY_POPULATION: u64 = 100_000;

/// The index key of a name that opens with an article the gazetteer leaves out ("As-Sweida" is
/// filed as "Sweida"): the key without the article, when the gazetteer knows it.
pub(super) fn key_without_article(
    span_text: &str,
    gazetteer: &Gazetteer,
    rules: &GeoRules,
) -> Option<String> {
    let rest = hyphened_particle(span_text, rules)?;
    names::name_key(rest).filter(|k| k.len() > SHORT_KEY && gazetteer.has_key(k))
}

/// How many people a first-level region needs to stand before a capitalised word that is no
/// place: fewer, and it is a parish of an island ("Paul" on Cape Verde) that news names far less
/// often than the given name it shares ("Paul Keating").
pub(super) const NAMED_REGION_POPULATION: u64 = 20_000;

/// Whether a candidate is a place news names on its own: a country, a continent, a first-level
/// region of some size (not a parish of the Isle of Man: "Michael", "Patrick"), or a
/// large city under its own name as written (`written`, folded) — "Gold" is no Gold Coast.
pub(super) fn is_major(c: &Candidate, written: &str) -> bool {
    match c.place.precision {
        GeoPrecision::Country | GeoPrecision::Region => true,
        _ if c.by_demonym => true,
        GeoPrecision::Admin1 => c.population > 0,
        GeoPrecision::City | GeoPrecision::Point => {
            c.population >= LARGE_CITY_POPULATION
                && names::fold_short(&c.place.name).as_deref() == Some(written)
        }
    }
}

/// The longest bracket of names that reads as the districts and regions holding the place
/// before it, in bytes.
pub(super) const MAX_BRACKET: usize = 60;

/// Whether the word at byte `start` stands in a bracket of names right after a word: "Bambofa
/// (Dori, Seno)", "Douala city (Wouri, Littoral)", "Al Hishah (Misrata)" — the districts and
/// regions that hold the place named before, as notes on local events write them.
pub(super) fn in_bracketed_names(text: &str, start: usize, rules: &GeoRules) -> bool {
    // A bracket that opens further back than its longest closes before `start` or is too long:
    // only the last MAX_BRACKET bytes can hold its opening.
    let mut from = start.saturating_sub(MAX_BRACKET);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let Some(open) = text
        .get(from..start)
        .and_then(|b| b.rfind('('))
        .map(|o| from + o)
    else {
        return false;
    };
    let Some(close) = text.get(open..).and_then(|r| r.find(')')).map(|c| open + c) else {
        return false;
    };
    if close < start || close - open > MAX_BRACKET {
        return false;
    }
    let after_word = text
        .get(..open)
        .and_then(|b| b.strip_suffix(' '))
        .and_then(|b| b.chars().next_back())
        .is_some_and(char::is_alphabetic);
    let inside = text.get(open + 1..close).unwrap_or("");
    after_word
        && !inside.is_empty()
        && inside.split([',', ' ']).filter(|w| !w.is_empty()).all(|w| {
            is_capitalised(w) || rules.is(GeoRole::Connector, w) || rules.is(GeoRole::Particle, w)
        })
}

/// Whether the place at `span` names a currency ("the US dollar exchange rate", "Lebanese
/// pounds"): the country is still named (news tags it, and it says whose market the story
/// is), but nothing happens there, and it says nothing of which namesake a town nearby is.
pub fn names_currency(text: &str, span: Span, rules: &GeoRules) -> bool {
    let rest = text.get(span.end..).unwrap_or("");
    let Some(rest) = rest.strip_prefix(' ') else {
        return false;
    };
    let word = rest
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    rules.is(GeoRole::CurrencyAfter, word)
}

/// Whether the country named at `span` qualifies the forces after it ("US military forces").
pub fn names_forces(text: &str, span: Span, rules: &GeoRules) -> bool {
    let Some(rest) = text.get(span.end..).and_then(|r| r.strip_prefix(' ')) else {
        return false;
    };
    let word = rest
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("")
        .to_lowercase();
    rules.is(GeoRole::ForcesAfter, &word)
}
