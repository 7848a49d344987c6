//! The evidence for and against reading a known name as a place: what stands before and after
//! it ("in X", "X province", "President X", "X Holdings", "X said"), whether the story writes it
//! in lower case too, and how big a place it would be.

use super::word::{Word, filed, folded, joinable, sentence_initial};
use crate::extract::geo::cues::{NAMED_REGION_POPULATION, in_bracketed_names, is_major};
use crate::extract::geo::words::GeoRole;
use crate::extract::rules::GeoRules;
use crate::extract::shapes::ShapeFilter;
use crate::extract::text::is_capitalised;
use crate::gazetteer::fast_hash::FastSet;
use crate::gazetteer::{Candidate, Gazetteer, names};
use crate::model::GeoPrecision;

/// What the words around a known name make of it.
pub(super) enum Verdict {
    Place {
        evidenced: bool,
    },
    /// A person's or a company's name, for the whole story.
    Person,
    NotPlace,
}

#[allow(clippy::too_many_arguments)]
pub(super) fn judge(
    text: &str,
    words: &[Word],
    i: usize,
    len: usize,
    key: &str,
    candidates: &[Candidate],
    gazetteer: &Gazetteer,
    lower_words: &LowerWords,
    rules: &GeoRules,
) -> Verdict {
    let first = words[i];
    let prev = i.checked_sub(1).and_then(|p| words.get(p));
    let next = words.get(i + len);
    let prev_folded = prev.map(folded).unwrap_or_default();
    let next_folded = next.map(folded).unwrap_or_default();
    // Each folded word read as text once: every reading checks its bytes again.
    let (prev_lower, next_lower) = (prev_folded.as_str(), next_folded.as_str());
    let prev_joined = prev.is_some_and(|p| joinable(text, p, &first, rules));
    let next_joined = next.is_some_and(|n| joinable(text, &words[i + len - 1], n, rules));
    let initial = sentence_initial(text, words, i);
    let written_folded = text
        .get(first.span.start..words[i + len - 1].span.end)
        .and_then(names::fold_short)
        .unwrap_or_default();
    let as_written = written_folded.as_str();
    if rules.is(GeoRole::NeverPlace, as_written)
        || (next_joined
            && next.is_some_and(|n| n.lower)
            && rules.is(GeoRole::ThingAfter, next_lower))
    {
        return Verdict::NotPlace;
    }
    // A large city known by another spelling counts too ("Idleb"), unless that is a common word
    // ("Gold" for Gold Coast).
    let common_word = len == 1
        && (gazetteer.tables().is_common_word(key)
            || lower_words.contains(folded(&first).as_str()));
    let major = candidates.iter().any(|c| {
        is_major(c, as_written)
            || (!common_word
                && matches!(c.place.precision, GeoPrecision::City | GeoPrecision::Point)
                && c.population >= 100_000)
    });
    let demonym_only = candidates.iter().all(|c| c.by_demonym);
    let evidenced = prev.is_some_and(|p| p.lower && rules.is(GeoRole::PlaceBefore, prev_lower))
        || of_a_place(words, i, rules)
        // ... under a place's own name as written: "(Dori, Seno)" is no Senno.
        // ... or a region's, whose display name may carry its administrative word ("Circunscrição
        // da Quissanga" for Quissanga).
        || (in_bracketed_names(text, first.span.start, rules)
            && candidates.iter().any(|c| {
                (c.place.precision == GeoPrecision::Admin1 && !c.by_demonym)
                    || names::fold_short(&c.place.name).as_deref() == Some(as_written)
            }))
        || next.is_some_and(|n| {
            rules.is(GeoRole::PlaceAfter, next_lower) && (n.lower || next_joined)
        })
        || text
            .get(words[i + len - 1].span.end..)
            .is_some_and(|rest| rest.starts_with(", ") && follows_container(rest, gazetteer))
        || container_of_a_placed_name(text, words, i, len, rules);
    // A title before it: a person ("President Obama", "Gen. Jordan").
    let titled = (prev_joined
        || text
            .get(..first.span.start)
            .is_some_and(|b| b.ends_with(". ")))
        && prev.is_some_and(|p| !p.lower && rules.is(GeoRole::Title, prev_lower));
    if titled {
        return if major && (evidenced || demonym_only || len > 1) {
            Verdict::Place { evidenced }
        } else {
            Verdict::Person
        };
    }
    // A capitalised word right after it that belongs to an organisation or a person.
    if next_joined
        && !demonym_only
        && let Some(n) = next
        && !n.lower
    {
        if rules.is(GeoRole::OrganisationAfter, next_lower) {
            // "Midland Bank", "Williams Holdings": a minor place's name is the company's all
            // through the story; a country's or a city's may still be itself elsewhere.
            return if major {
                Verdict::NotPlace
            } else {
                Verdict::Person
            };
        }

        // Even a country's name, when the next word recurs on its own as a surname does
        // ("Jordan Peterson ... Peterson said").
        let recurs = capitalised_count(words, n.text) >= 2
            && !lower_words.contains(next_lower)
            && !rules.is(GeoRole::Title, next_lower)
            && !rules.is(GeoRole::PlaceAfter, next_lower);
        let small_region = candidates.iter().all(|c| {
            c.place.precision == GeoPrecision::Admin1 && c.population < NAMED_REGION_POPULATION
                || !is_major(c, as_written)
        });
        if !evidenced
            && !filed(gazetteer, n.text)
            && (!major || small_region || (len == 1 && recurs))
        {
            return if len == 1 {
                Verdict::Person
            } else {
                Verdict::NotPlace
            };
        }
        // A given name: before a middle initial ("Paul D. Lambert"), or before a surname the
        // story repeats on its own, even one that is a place too ("Michael Landes ... Mr.
        // Landes").
        let middle_initial = n.text.chars().count() == 1
            && text.get(n.span.end..).is_some_and(|r| r.starts_with('.'));
        if !evidenced && !major && len == 1 && (middle_initial || recurs) {
            return Verdict::Person;
        }
    }
    // A capitalised word right before it that is no place: a given name ("Michael Jordan").
    if prev_joined
        && !major
        && !evidenced
        && !initial_before(text, words, i)
        && let Some(p) = prev
        && !p.lower
        && !filed(gazetteer, p.text)
    {
        return Verdict::Person;
    }
    if len == 1 && !major && next.is_some_and(|n| rules.is(GeoRole::SpeechAfter, &folded(n))) {
        return Verdict::Person;
    }
    if evidenced || major {
        return Verdict::Place { evidenced };
    }
    // A minor place with no evidence: only when it is no common word and big enough.
    let common = len == 1
        && (gazetteer.tables().is_common_word(key)
            || lower_words.contains(folded(&first).as_str())
            || initial);
    // ... and only under the town's own name as written: not one of its other names ("Regan"
    // for Reggane) nor a spelling variant merged with it ("Fourth" for Fürth).
    let population = candidates
        .iter()
        .filter(|c| len > 1 || names::fold_short(&c.place.name).as_deref() == Some(as_written))
        .map(|c| c.population)
        .max()
        .unwrap_or(0);
    if !common && population >= 20_000 {
        Verdict::Place { evidenced: false }
    } else {
        Verdict::NotPlace
    }
}

/// The words a story writes in lower case. Most questions are about names the story never
/// writes in lower case: a small bit filter of the words' shapes turns those away at once. Of
/// the rest, the first few scan the words; a story that keeps asking gets them hashed once.
pub(super) struct LowerWords<'a> {
    words: &'a [Word<'a>],
    shapes: std::cell::OnceCell<ShapeFilter>,
    asked: std::cell::Cell<usize>,
    sorted: std::cell::OnceCell<FastSet<&'a str>>,
}

/// Questions answered by scanning before the words are sorted.
const SCANS_BEFORE_SORTING: usize = 4;

impl<'a> LowerWords<'a> {
    pub(super) fn new(words: &'a [Word<'a>]) -> LowerWords<'a> {
        LowerWords {
            words,
            shapes: std::cell::OnceCell::new(),
            asked: std::cell::Cell::new(0),
            sorted: std::cell::OnceCell::new(),
        }
    }

    pub(super) fn contains(&self, word: &str) -> bool {
        let shapes = self.shapes.get_or_init(|| {
            self.words
                .iter()
                .filter(|w| w.lower)
                .map(|w| w.text)
                .collect()
        });
        if !shapes.may_contain(word) {
            return false;
        }
        let asked = self.asked.get();
        if asked < SCANS_BEFORE_SORTING {
            self.asked.set(asked + 1);
            return self.words.iter().any(|w| w.lower && w.text == word);
        }
        self.sorted
            .get_or_init(|| {
                let mut set =
                    FastSet::with_capacity_and_hasher(self.words.len(), Default::default());
                set.extend(self.words.iter().filter(|w| w.lower).map(|w| w.text));
                set
            })
            .contains(word)
    }
}

/// Whether `of` and a place noun or a bearing stand before `i`: "the village of X", "the
/// outskirts of X", "south of X".
fn of_a_place(words: &[Word], i: usize, rules: &GeoRules) -> bool {
    let word = |back: usize| i.checked_sub(back).and_then(|j| words.get(j));
    word(1).is_some_and(|w| w.text == "of")
        && word(2).is_some_and(|w| w.lower && rules.is(GeoRole::OfAPlace, w.text))
}

/// Whether the name at `i` closes a "Town, Region" pair after a locative word, the town being a
/// name the gazetteer may not know: "located at Goyali, Gadabay." The region ends its clause,
/// so "In Washington, Obama said" is no such pair.
fn container_of_a_placed_name(
    text: &str,
    words: &[Word],
    i: usize,
    len: usize,
    rules: &GeoRules,
) -> bool {
    let Some(last) = words.get(i + len - 1) else {
        return false;
    };
    let closes = text
        .get(last.span.end..)
        .is_none_or(|rest| rest.is_empty() || rest.starts_with(['.', ',', ';', ')', '\n']));
    if !closes {
        return false;
    }
    // Back over the town's capitalised words (at most three) to the word before them.
    let mut j = i;
    let mut town_words = 0;
    while let Some(w) = j.checked_sub(1).and_then(|p| words.get(p)) {
        if w.lower {
            break;
        }
        town_words += 1;
        j -= 1;
        if town_words > 3 {
            return false;
        }
    }
    let comma_before = i
        .checked_sub(1)
        .and_then(|p| words.get(p))
        .and_then(|w| text.get(w.span.end..words.get(i)?.span.start))
        == Some(", ");
    let preposition = j.checked_sub(1).and_then(|p| words.get(p));
    town_words > 0
        && comma_before
        && preposition.is_some_and(|p| p.lower && rules.is(GeoRole::ContainerLocative, p.text))
}

/// Whether the word before `i` starts a sentence itself (so its capital says nothing).
fn initial_before(text: &str, words: &[Word], i: usize) -> bool {
    i.checked_sub(1)
        .is_some_and(|p| sentence_initial(text, words, p))
}

/// Whether the text after ", " opens with a country or first-level region ("Texas").
fn follows_container(rest: &str, gazetteer: &Gazetteer) -> bool {
    let rest = rest.get(2..).unwrap_or("");
    let end = rest.find([',', '.', ';', '\n', ')']).unwrap_or(rest.len());
    let head = rest.get(..end).unwrap_or("");
    let words: Vec<&str> = head.split(' ').take(3).collect();
    (1..=words.len()).rev().any(|n| {
        let name = words.get(..n).unwrap_or_default().join(" ");
        is_capitalised(&name)
            && names::name_key(&name).is_some_and(|k| {
                gazetteer.lookup_key_shared(&k).iter().any(|c| {
                    !c.by_demonym
                        && matches!(
                            c.place.precision,
                            GeoPrecision::Country | GeoPrecision::Admin1
                        )
                })
            })
    })
}

/// How often a word stands capitalised in the text.
fn capitalised_count(words: &[Word], text: &str) -> usize {
    words.iter().filter(|w| !w.lower && w.text == text).count()
}
