//! Routes named by their two ends ("the Tripoli-Beirut highway"): the hyphened pair is split
//! into two words, each a name of its own.

use super::word::Word;
use crate::extract::geo::cues::hyphened_particle;
use crate::extract::geo::words::GeoRole;
use crate::extract::rules::GeoRules;
use crate::extract::text::is_capitalised;
use crate::gazetteer::Gazetteer;
use crate::model::Span;

/// How far after a hyphened pair its route noun may stand, in words ("the Kahnuj-Ghale Ganj
/// road").
const ROUTE_NOUN_REACH: usize = 3;

/// "the Tripoli-Beirut highway", "the Kahnuj-Ghale Ganj road": a route named by its two ends
/// names two places. Each capitalised half becomes a word of its own, unless the pair is one
/// name the gazetteer knows ("Guinea-Bissau") or opens with an article ("al-Hasakeh").
pub(super) fn split_route_ends<'a>(
    words: Vec<Word<'a>>,
    gazetteer: &Gazetteer,
    rules: &GeoRules,
) -> Vec<Word<'a>> {
    let hyphened = |i: usize| {
        words
            .get(i)
            .is_some_and(|w| !w.lower && w.text.contains('-'))
            && words[i + 1..]
                .iter()
                .take(ROUTE_NOUN_REACH)
                .find(|n| n.lower)
                .is_some_and(|n| rules.is(GeoRole::RouteNoun, n.text))
    };
    if !(0..words.len()).any(hyphened) {
        return words;
    }
    let mut split = Vec::with_capacity(words.len() + 2);
    for (i, w) in words.iter().enumerate() {
        let halves = w.text.split_once('-').filter(|(a, b)| {
            hyphened(i)
                && is_capitalised(a)
                && is_capitalised(b)
                && hyphened_particle(w.text, rules).is_none()
                && !gazetteer
                    .written_key(w.text)
                    .is_some_and(|(_, filed)| filed)
        });
        match halves {
            Some((a, b)) => {
                let start = w.span.start;
                split.push(Word {
                    span: Span::new(start, start + a.len()),
                    text: a,
                    lower: false,
                    route_end: true,
                });
                split.push(Word {
                    span: Span::new(start + a.len() + 1, w.span.end),
                    text: b,
                    lower: false,
                    route_end: false,
                });
            }
            None => split.push(*w),
        }
    }
    split
}
