//! The words of the toponym scan: the text's words with what the scan asks of each (lower case,
//! the end of a route), and the small reads of the words around a name that the scan
//! ([`super`]), the judge ([`super::judge`]), spelling variants ([`super::variants`]) and routes
//! ([`super::routes`]) share.

use crate::extract::geo::cues::hyphened_particle;
use crate::extract::geo::words::GeoRole;
use crate::extract::rules::GeoRules;
use crate::extract::text::is_capitalised;
use crate::gazetteer::{Gazetteer, names};
use crate::model::Span;

/// One word of the text, as the scan reads it.
#[derive(Clone, Copy, Debug)]
pub(super) struct Word<'a> {
    /// Where it stands (without a possessive "'s").
    pub(super) span: Span,
    /// Its text.
    pub(super) text: &'a str,
    /// Whether it is written in lower case (an article joined to a name is not).
    pub(super) lower: bool,
    /// Whether it is the first end of a route ("Tripoli" of "Tripoli-Beirut highway"): the
    /// hyphen after it parts two names rather than joining one.
    pub(super) route_end: bool,
}

/// The scan's words of the text's words.
pub(super) fn word_list<'a>(words: &[(Span, &'a str)], rules: &GeoRules) -> Vec<Word<'a>> {
    let mut list = Vec::with_capacity(words.len());
    list.extend(words.iter().map(|&(span, w)| {
        // "Beirut's": the name is "Beirut"; the possessive links it to what follows.
        let bare = w
            .strip_suffix("'s")
            .or_else(|| w.strip_suffix("’s"))
            .filter(|b| !b.is_empty())
            .unwrap_or(w);
        Word {
            span: Span::new(span.start, span.start + bare.len()),
            text: bare,
            // "al-Hasakeh": an article joined to a capitalised name is that name.
            lower: !is_capitalised(bare) && hyphened_particle(bare, rules).is_none(),
            route_end: false,
        }
    }));
    list
}

/// Whether the word before `i` is a lower-case article joined to it: the name is longer than
/// the match ("el Mina" is not "Mina").
pub(super) fn after_particle(text: &str, words: &[Word], i: usize, rules: &GeoRules) -> bool {
    i.checked_sub(1)
        .and_then(|p| words.get(p))
        .is_some_and(|p| {
            rules.is(GeoRole::Particle, p.text)
                && words.get(i).is_some_and(|w| {
                    joinable(text, p, w, rules) && assimilates(p.text, w.text, rules)
                })
        })
}

/// Whether an Arabic article fits the name after it: "al" and "el" go before any letter, the
/// others are "al" assimilated to the name's first consonant ("at Tall", "ash Shaddadi", "ar
/// Raqqa"). So "at Reasi" and "as Mosul" read as English, not as an article.
fn assimilates(article: &str, name: &str, rules: &GeoRules) -> bool {
    let Some(consonant) = article.get(1..) else {
        return false;
    };
    rules.is(GeoRole::PlainArticle, article)
        || name
            .get(..consonant.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(consonant))
}

/// Whether two neighbouring words may belong to one name: a space between them, or the dot of
/// an initialism ("U.S."), or the dot and space of "St. Louis".
pub(super) fn joinable(text: &str, a: &Word, b: &Word, rules: &GeoRules) -> bool {
    let gap = text.get(a.span.end..b.span.start).unwrap_or("\n");
    match gap {
        " " => true,
        "-" => !a.route_end,
        "." => a.text.chars().count() == 1 && b.text.chars().count() == 1,
        ". " => rules.is(GeoRole::DottedBeforeName, a.text),
        _ => false,
    }
}

/// Whether a word starts a sentence: first in the text or after terminal punctuation or a
/// line break.
pub(super) fn sentence_initial(text: &str, words: &[Word], i: usize) -> bool {
    let before = match i.checked_sub(1).and_then(|p| words.get(p)) {
        Some(prev) => text.get(prev.span.end..words[i].span.start).unwrap_or(""),
        None => return true,
    };
    before.contains(['.', '!', '?', '\n', ':', '"', '“', '(', '—'])
}

/// Whether the text gives the full name at bytes `start..end` an age, as news introduces
/// people: right after it between commas ("Marcus Lyman, 19, was"), or right before it as
/// "N-year-old" ("the 19-year-old Marcus Lyman").
pub(super) fn aged(text: &str, start: usize, end: usize) -> bool {
    let after = text.get(end..).is_some_and(|rest| {
        // "Jimmy Lyons,32, was": a page that lost the space is still the same age.
        let r = rest.strip_prefix(", ").or_else(|| rest.strip_prefix(','));
        r.is_some_and(|r| {
            let digits = r.bytes().take_while(u8::is_ascii_digit).count();
            (1..=3).contains(&digits) && r.as_bytes().get(digits) == Some(&b',')
        })
    });
    let before = text.get(..start).is_some_and(|before| {
        before
            .strip_suffix("-year-old ")
            .is_some_and(|b| b.ends_with(|c: char| c.is_ascii_digit()))
    });
    after || before
}

/// A word folded, for the roles compared folded.
pub(super) fn folded(word: &Word) -> names::Folded {
    names::fold_short(word.text).unwrap_or_default()
}

/// Whether anything is filed under the key of a word as written.
pub(super) fn filed(gazetteer: &Gazetteer, written: &str) -> bool {
    gazetteer
        .written_key(written)
        .is_some_and(|(_, filed)| filed)
}
