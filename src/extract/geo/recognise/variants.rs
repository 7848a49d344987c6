//! Names in other spellings: a word the context calls a place, unknown as written, read as a
//! known place one vowel or one space away ("Qalqiliyah" for Qalqilyah).

use std::rc::Rc;

use super::word::{Word, folded, sentence_initial};
use crate::extract::geo::words::GeoRole;
use crate::extract::rules::GeoRules;
use crate::gazetteer::{Candidate, Gazetteer, names};
use crate::model::GeoPrecision;

/// The shortest word tried in other spellings: shorter ones have too many namesakes a letter
/// away.
const MIN_VARIANT_LEN: usize = 6;

/// Vowels whose spelling varies between transliterations.
const VOWELS: &[u8] = b"aeiouy";

/// The key of a town or region the gazetteer knows under a spelling one vowel or one space
/// away from the word at `i` ("Qalqiliyah" → Qalqilyah, "Hasakeh" → Hasakah, "Mirpurkhas" →
/// Mirpur Khas), when the words around it say it is a place: a locative before it ("in", "near")
/// or a place noun after it ("district"). Sentence-initial words, owners ("Kemira's") and common
/// words are not tried.
pub(super) fn spelling_variant(
    text: &str,
    words: &[Word],
    i: usize,
    gazetteer: &Gazetteer,
    rules: &GeoRules,
) -> Option<Rc<str>> {
    let w = words.get(i)?;
    if w.lower || w.text.len() < MIN_VARIANT_LEN || sentence_initial(text, words, i) {
        return None;
    }
    let prev = i.checked_sub(1).and_then(|p| words.get(p));
    let next = words.get(i + 1);
    // "in Nabatiyeh", "in southern Qalqiliyah".
    let locative = |p: &Word| p.lower && rules.is(GeoRole::VariantLocative, p.text);
    let direction = |p: &Word| p.lower && rules.is(GeoRole::VariantDirection, p.text);
    let before = prev.filter(|p| !direction(p)).or_else(|| {
        i.checked_sub(2)
            .and_then(|p| words.get(p))
            .filter(|_| prev.is_some_and(direction))
    });
    let place_after = |w: &Word| rules.is(GeoRole::PlaceAfter, &folded(w));
    let evidenced = before.is_some_and(locative) || next.is_some_and(|n| n.lower && place_after(n));
    // "Caesar's Palace", "Kemira's centre": an owner, not a place.
    let possessive = text
        .get(w.span.end..)
        .is_some_and(|rest| rest.starts_with(['\'', '’']));
    if !evidenced || possessive {
        return None;
    }
    let key = names::name_key(w.text)?;
    if !key.bytes().all(|b| b.is_ascii_lowercase())
        || gazetteer.tables().is_common_word(&key)
        || place_after(w)
    {
        return None;
    }
    // Another spelling of a place's own name ("An Nabatiyah" read without its article), not of
    // one of its other names.
    let own_name = |c: &Candidate, k: &str| {
        names::name_key(&c.place.name).is_some_and(|name| {
            name == k
                || name.split_once(' ').is_some_and(|(article, rest)| {
                    rules.is(GeoRole::Particle, article) && rest == k
                })
        })
    };
    // "Saladin province" wants a region (not Thailand's Saladan), "Bhitshah town" a town.
    let wanted = match next.filter(|n| n.lower).map(|n| n.text) {
        Some(w) if rules.is(GeoRole::RegionWord, w) => &[GeoPrecision::Admin1][..],
        Some(w) if rules.is(GeoRole::TownWord, w) => &[GeoPrecision::City][..],
        _ => &[GeoPrecision::City, GeoPrecision::Admin1][..],
    };
    let known = |k: &str| {
        gazetteer.has_key(k)
            && gazetteer
                .lookup_key_shared(k)
                .iter()
                .any(|c| !c.by_demonym && wanted.contains(&c.place.precision) && own_name(c, k))
    };
    let bytes = key.as_bytes();
    let mut variants: Vec<String> = Vec::new();
    // One vowel fewer, or another vowel in its place (the first letter stays).
    for (at, &b) in bytes.iter().enumerate().skip(1) {
        if !VOWELS.contains(&b) {
            continue;
        }
        variants.push(format!("{}{}", &key[..at], &key[at + 1..]));
        for &v in VOWELS.iter().filter(|&&v| v != b) {
            variants.push(format!("{}{}{}", &key[..at], char::from(v), &key[at + 1..]));
        }
    }
    // Two words written as one.
    for at in 3..bytes.len().saturating_sub(2) {
        variants.push(format!("{} {}", &key[..at], &key[at..]));
    }
    // A change the skeleton undoes or doubles ("Maloli" → "malli" → "mali") is not one letter.
    variants
        .into_iter()
        .filter(|v| names::skeleton(v) == *v)
        .find(|v| *v != key && known(v))
        .map(Rc::from)
}
