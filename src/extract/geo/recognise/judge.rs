//! The evidence for and against reading a known name as a place: what stands before and after
//! it ("in X", "X province", "President X", "X Holdings", "X said"), whether the story writes it
//! in lower case too, and how big a place it would be.

use super::word::{Word, aged, filed, folded, joinable, sentence_initial};
use crate::extract::geo::cues::{
    LARGE_CITY_POPULATION, NAMED_REGION_POPULATION, in_bracketed_names, is_major,
};
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

/// The most words of an unknown town before its region ("at Goyali, Gadabay").
const MAX_TOWN_WORDS: usize = 3;

/// The most words of a container after a name and a comma ("Oxford, North Carolina").
const MAX_CONTAINER_WORDS: usize = 3;

/// How many people a minor place needs to be read as one with no evidence around it.
const MINOR_PLACE_POPULATION: u64 = 20_000;

/// What the words around a known name make of it.
///
/// 1. A word that is never a place, or a thing's name ("a Molotov cocktail"): no place.
/// 2. The evidence for a place ([`Around::evidenced`]) and whether the name stands on its own
///    ([`Around::major`]); with no evidence, a word capitalised only as a sentence's first that
///    the story writes in lower case too is the word ([`Around::capitalised_word`]); a full
///    name given an age is a person's ([`Around::aged_person`]).
/// 3. A title before it: a person ([`Around::titled`]).
/// 4. An organisation's word or a surname after it ([`Around::name_after`]), a given name
///    before it or a verb of speech after it ([`Around::name_before`]): a person's or a
///    company's.
/// 5. Otherwise a place with evidence or standing, or a minor place big enough and no common
///    word ([`Around::minor_place`]).
#[allow(clippy::too_many_arguments)]
pub(super) fn judge<'w>(
    text: &str,
    words: &[Word<'w>],
    i: usize,
    len: usize,
    key: &str,
    candidates: &[Candidate],
    gazetteer: &Gazetteer,
    lower_words: &LowerWords<'w>,
    rules: &GeoRules,
) -> Verdict {
    let around = Around::new(
        text,
        words,
        i,
        len,
        key,
        candidates,
        gazetteer,
        lower_words,
        rules,
    );
    if around.never_place() {
        return Verdict::NotPlace;
    }
    let major = around.major();
    let demonym_only = candidates.iter().all(|c| c.by_demonym);
    let evidenced = around.evidenced();
    if !evidenced && around.capitalised_word() {
        return Verdict::NotPlace;
    }
    if !evidenced && around.aged_person() {
        return Verdict::Person;
    }
    if let Some(verdict) = around.titled(major, evidenced, demonym_only) {
        return verdict;
    }
    if let Some(verdict) = around.name_after(major, evidenced, demonym_only) {
        return verdict;
    }
    if let Some(verdict) = around.name_before(major, evidenced) {
        return verdict;
    }
    if evidenced || major {
        return Verdict::Place { evidenced };
    }
    around.minor_place()
}

/// A known name of `len` words at word `i`, and the words around it, each read once.
struct Around<'a, 'w> {
    text: &'a str,
    words: &'a [Word<'w>],
    i: usize,
    len: usize,
    key: &'a str,
    candidates: &'a [Candidate],
    gazetteer: &'a Gazetteer,
    lower_words: &'a LowerWords<'w>,
    rules: &'a GeoRules,
    /// The name's first word.
    first: Word<'w>,
    /// The word before it.
    prev: Option<&'a Word<'w>>,
    /// The word after it.
    next: Option<&'a Word<'w>>,
    /// Those two folded, each read as text once: every reading checks its bytes again.
    prev_folded: names::Folded,
    next_folded: names::Folded,
    /// The name as written, folded.
    written_folded: names::Folded,
    /// Whether the word before, or after, may belong to the same name.
    prev_joined: bool,
    next_joined: bool,
}

impl<'a, 'w> Around<'a, 'w> {
    #[allow(clippy::too_many_arguments)]
    fn new(
        text: &'a str,
        words: &'a [Word<'w>],
        i: usize,
        len: usize,
        key: &'a str,
        candidates: &'a [Candidate],
        gazetteer: &'a Gazetteer,
        lower_words: &'a LowerWords<'w>,
        rules: &'a GeoRules,
    ) -> Around<'a, 'w> {
        let first = words[i];
        let prev = i.checked_sub(1).and_then(|p| words.get(p));
        let next = words.get(i + len);
        Around {
            text,
            words,
            i,
            len,
            key,
            candidates,
            gazetteer,
            lower_words,
            rules,
            first,
            prev,
            next,
            prev_folded: prev.map(folded).unwrap_or_default(),
            next_folded: next.map(folded).unwrap_or_default(),
            written_folded: text
                .get(first.span.start..words[i + len - 1].span.end)
                .and_then(names::fold_short)
                .unwrap_or_default(),
            prev_joined: prev.is_some_and(|p| joinable(text, p, &first, rules)),
            next_joined: next.is_some_and(|n| joinable(text, &words[i + len - 1], n, rules)),
        }
    }

    /// The word before the name, folded.
    fn prev_lower(&self) -> &str {
        self.prev_folded.as_str()
    }

    /// The word after the name, folded.
    fn next_lower(&self) -> &str {
        self.next_folded.as_str()
    }

    /// The name as written, folded.
    fn as_written(&self) -> &str {
        self.written_folded.as_str()
    }

    /// A word that is never a place on its own, or a name followed by a thing's word ("a
    /// Molotov cocktail").
    fn never_place(&self) -> bool {
        self.rules.is(GeoRole::NeverPlace, self.as_written())
            || (self.next_joined
                && self.next.is_some_and(|n| n.lower)
                && self.rules.is(GeoRole::ThingAfter, self.next_lower()))
    }

    /// Whether a one-word name opens a sentence and the story writes it in lower case too: the
    /// capital is the sentence's, not a name's ("Man charged ... a man was shot" names no Isle
    /// of Man), whatever the place's standing.
    fn capitalised_word(&self) -> bool {
        let mut letters = self.first.text.chars();
        // "Man", not "US": an abbreviation in capitals is no word the sentence capitalised.
        let title_case =
            letters.next().is_some_and(char::is_uppercase) && letters.all(|c| !c.is_uppercase());
        self.len == 1
            && title_case
            && sentence_initial(self.text, self.words, self.i)
            && self.lower_words.contains(folded(&self.first).as_str())
    }

    /// Whether the name belongs to a person's full name that the text gives an age, as news
    /// introduces people: "Marcus Lyman, 19, was", "the 19-year-old Marcus Lyman". The name
    /// and a capitalised word joined to it make the full name; the age stands right after it
    /// between commas, or right before it as "N-year-old".
    fn aged_person(&self) -> bool {
        let last = self.words[self.i + self.len - 1];
        let prev = self.prev.filter(|p| {
            self.prev_joined && !p.lower && !self.rules.is(GeoRole::NeverPlace, self.prev_lower())
        });
        let next = self.next.filter(|n| self.next_joined && !n.lower);
        if prev.is_none() && next.is_none() {
            return false;
        }
        let start = prev.map_or(self.first.span.start, |p| p.span.start);
        let end = next.map_or(last.span.end, |n| n.span.end);
        aged(self.text, start, end)
    }

    /// Whether a one-word name is a common word: a frequent English word, or one the story
    /// writes in lower case too.
    fn common_word(&self) -> bool {
        self.len == 1
            && (self.gazetteer.tables().is_common_word(self.key)
                || self.lower_words.contains(folded(&self.first).as_str()))
    }

    /// Whether the name stands on its own: a major place ([`is_major`]), or a large city known
    /// by another spelling ("Idleb") unless that is a common word ("Gold" for Gold Coast).
    fn major(&self) -> bool {
        let common_word = self.common_word();
        self.candidates.iter().any(|c| {
            is_major(c, self.as_written())
                || (!common_word
                    && matches!(c.place.precision, GeoPrecision::City | GeoPrecision::Point)
                    && c.population >= LARGE_CITY_POPULATION)
        })
    }

    /// Whether the words around it say it is a place: a place word before ("in X") or after ("X
    /// province"), "the village of X", a bracket of names ("(Dori, Seno)", under a place's own
    /// name or a region's), a container after it ("X, Texas"), or a container of an unknown town
    /// ("at Goyali, Gadabay").
    fn evidenced(&self) -> bool {
        let (text, words, i, len, rules) = (self.text, self.words, self.i, self.len, self.rules);
        self.prev
            .is_some_and(|p| p.lower && rules.is(GeoRole::PlaceBefore, self.prev_lower()))
            || of_a_place(words, i, rules)
            // ... under a place's own name as written: "(Dori, Seno)" is no Senno.
            // ... or a region's, whose display name may carry its administrative word
            // ("Circunscrição da Quissanga" for Quissanga).
            || (in_bracketed_names(text, self.first.span.start, rules)
                && self.candidates.iter().any(|c| {
                    (c.place.precision == GeoPrecision::Admin1 && !c.by_demonym)
                        || names::fold_short(&c.place.name).as_deref() == Some(self.as_written())
                }))
            || self.next.is_some_and(|n| {
                rules.is(GeoRole::PlaceAfter, self.next_lower()) && (n.lower || self.next_joined)
            })
            || text.get(words[i + len - 1].span.end..).is_some_and(|rest| {
                rest.starts_with(", ") && follows_container(rest, self.gazetteer)
            })
            || container_of_a_placed_name(text, words, i, len, rules)
    }

    /// A title before it: a person ("President Obama", "Gen. Jordan"), unless a major place
    /// the words around still make one.
    fn titled(&self, major: bool, evidenced: bool, demonym_only: bool) -> Option<Verdict> {
        let titled = (self.prev_joined
            || self
                .text
                .get(..self.first.span.start)
                .is_some_and(|b| b.ends_with(". ")))
            && self
                .prev
                .is_some_and(|p| !p.lower && self.rules.is(GeoRole::Title, self.prev_lower()));
        let verdict = if major && (evidenced || demonym_only || self.len > 1) {
            Verdict::Place { evidenced }
        } else {
            Verdict::Person
        };
        titled.then_some(verdict)
    }

    /// A capitalised word right after it that belongs to an organisation or a person.
    fn name_after(&self, major: bool, evidenced: bool, demonym_only: bool) -> Option<Verdict> {
        let (rules, len) = (self.rules, self.len);
        let n = self
            .next
            .filter(|n| self.next_joined && !demonym_only && !n.lower)?;
        let next_lower = self.next_lower();
        if rules.is(GeoRole::OrganisationAfter, next_lower) {
            // "Midland Bank", "Williams Holdings": a minor place's name is the company's all
            // through the story; a country's or a city's may still be itself elsewhere.
            return Some(if major {
                Verdict::NotPlace
            } else {
                Verdict::Person
            });
        }
        // Even a country's name, when the next word recurs on its own as a surname does
        // ("Jordan Peterson ... Peterson said").
        let recurs = capitalised_count(self.words, n.text) >= 2
            && !self.lower_words.contains(next_lower)
            && !rules.is(GeoRole::Title, next_lower)
            && !rules.is(GeoRole::PlaceAfter, next_lower);
        let small_region = self.candidates.iter().all(|c| {
            c.place.precision == GeoPrecision::Admin1 && c.population < NAMED_REGION_POPULATION
                || !is_major(c, self.as_written())
        });
        if !evidenced
            && !filed(self.gazetteer, n.text)
            && (!major || small_region || (len == 1 && recurs))
        {
            return Some(if len == 1 {
                Verdict::Person
            } else {
                Verdict::NotPlace
            });
        }
        // A given name: before a middle initial ("Paul D. Lambert"), or before a surname the
        // story repeats on its own, even one that is a place too ("Michael Landes ... Mr.
        // Landes").
        let middle_initial = n.text.chars().count() == 1
            && self
                .text
                .get(n.span.end..)
                .is_some_and(|r| r.starts_with('.'));
        (!evidenced && !major && len == 1 && (middle_initial || recurs)).then_some(Verdict::Person)
    }

    /// A capitalised word right before it that is no place: a given name ("Michael Jordan");
    /// or a verb of speech after a one-word name ("Obama said").
    fn name_before(&self, major: bool, evidenced: bool) -> Option<Verdict> {
        let given_name = self.prev_joined
            && !major
            && !evidenced
            && !initial_before(self.text, self.words, self.i)
            && self
                .prev
                .is_some_and(|p| !p.lower && !filed(self.gazetteer, p.text));
        let speaks = self.len == 1
            && !major
            && self
                .next
                .is_some_and(|n| self.rules.is(GeoRole::SpeechAfter, &folded(n)));
        (given_name || speaks).then_some(Verdict::Person)
    }

    /// A minor place with no evidence: only when it is no common word nor opens a sentence, and
    /// is big enough under the town's own name as written — not one of its other names ("Regan"
    /// for Reggane) nor a spelling variant merged with it ("Fourth" for Fürth).
    fn minor_place(&self) -> Verdict {
        let common = self.common_word()
            || (self.len == 1 && sentence_initial(self.text, self.words, self.i));
        let population = self
            .candidates
            .iter()
            .filter(|c| {
                self.len > 1
                    || names::fold_short(&c.place.name).as_deref() == Some(self.as_written())
            })
            .map(|c| c.population)
            .max()
            .unwrap_or(0);
        if !common && population >= MINOR_PLACE_POPULATION {
            Verdict::Place { evidenced: false }
        } else {
            Verdict::NotPlace
        }
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
        if town_words > MAX_TOWN_WORDS {
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
    let words: Vec<&str> = head.split(' ').take(MAX_CONTAINER_WORDS).collect();
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
