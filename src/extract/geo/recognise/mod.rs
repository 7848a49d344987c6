//! Toponym recognition: finds the spans of text that name places. Gazetteer matching over runs
//! of capitalised words (longest match first), then the evidence for a place ("in X", "near X",
//! "X province", "the city of X", "X, Texas") and against it (a title or a given name before it,
//! "X said", an organisation's word after it, month and weekday names, common words). Knows
//! nothing of which place a name means: that is [`super::resolve`].
//!
//! The scan over runs of words is here; [`judge`](mod@judge) weighs the evidence around a known
//! name, [`variants`] tries a name in other spellings, [`routes`] parts the two ends of a route.

use super::cues::{hyphened_particle, is_major, key_without_article};
use super::words::GeoRole;
use crate::extract::rules::GeoRules;
use std::rc::Rc;

mod judge;
mod routes;
mod variants;

use judge::{LowerWords, Verdict, judge};
use routes::split_route_ends;
use variants::spelling_variant;

use crate::gazetteer::fast_hash::{FastMap, FastSet};
use crate::gazetteer::{Candidate, Gazetteer, names};
use crate::model::{GeoPrecision, Span};

/// A run of words that names something in the gazetteer and reads as a place.
#[derive(Clone, Debug, PartialEq)]
pub struct Toponym {
    /// Where it stands in the text.
    pub span: Span,
    /// Its index key.
    pub key: String,
    /// What it may mean, best first by prior.
    pub candidates: Rc<[Candidate]>,
    /// Whether the context said it is a place ("in X", "X province").
    pub evidenced: bool,
    /// The spans of the places named beside it as its containers ("Oxford, North Carolina",
    /// "Abu Salim (Tripoli)", "the town of Bara in Idleb", "Beirut's Hamra district").
    pub containers: Vec<Span>,
    /// Whether the same name follows it as its container ("Valparaiso, Valparaiso"): a city
    /// named with its region of the same name.
    pub twin: bool,
    /// The span of the route's other end, when it is named as one end of a route ("the
    /// Tripoli-Beirut highway"): the two ends lie near each other.
    pub partner: Option<Span>,
}

/// The longest run of words tried as one name.
const MAX_WORDS: usize = 5;

#[derive(Clone, Copy, Debug)]
struct Word<'a> {
    span: Span,
    text: &'a str,
    lower: bool,
    /// Whether it is the first end of a route ("Tripoli" of "Tripoli-Beirut highway"): the
    /// hyphen after it parts two names rather than joining one.
    route_end: bool,
}

pub(super) fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn word_list<'a>(words: &[(Span, &'a str)], rules: &GeoRules) -> Vec<Word<'a>> {
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

/// "Ky." after "Edmonton, ": the state, as a toponym spanning the abbreviation and its dot.
fn region_abbreviation(
    text: &str,
    w: &Word,
    gazetteer: &Gazetteer,
    rules: &GeoRules,
) -> Option<Toponym> {
    // The cheap tests first: most capitalised words stand after no town.
    let after_town = text.get(..w.span.start)?.ends_with(", ");
    let dotted = text.get(w.span.end..)?.starts_with('.');
    if !(after_town && dotted) {
        return None;
    }
    let (name, country) = rules.region_abbreviation(w.text)?;
    let key = names::name_key(name)?;
    let candidates: Rc<[Candidate]> = gazetteer
        .lookup_key_shared(&key)
        .iter()
        .filter(|c| c.place.precision == GeoPrecision::Admin1 && c.place.country == Some(country))
        .cloned()
        .collect();
    (!candidates.is_empty()).then(|| Toponym {
        span: Span::new(w.span.start, w.span.end + 1),
        key,
        candidates,
        evidenced: true,
        containers: Vec::new(),
        twin: false,
        partner: None,
    })
}

/// Whether the word before `i` is a lower-case article joined to it: the name is longer than
/// the match ("el Mina" is not "Mina").
fn after_particle(text: &str, words: &[Word], i: usize, rules: &GeoRules) -> bool {
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
fn joinable(text: &str, a: &Word, b: &Word, rules: &GeoRules) -> bool {
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
fn sentence_initial(text: &str, words: &[Word], i: usize) -> bool {
    let before = match i.checked_sub(1).and_then(|p| words.get(p)) {
        Some(prev) => text.get(prev.span.end..words[i].span.start).unwrap_or(""),
        None => return true,
    };
    before.contains(['.', '!', '?', '\n', ':', '"', '“', '(', '—'])
}

fn folded(word: &Word) -> names::Folded {
    names::fold_short(word.text).unwrap_or_default()
}

/// Finds the toponyms of `text`, in text order.
pub fn recognise(text: &str, gazetteer: &Gazetteer, rules: &GeoRules) -> Vec<Toponym> {
    recognise_words(
        text,
        &crate::extract::text::word_list(text),
        gazetteer,
        rules,
    )
}

/// [`recognise`] over the words of `text` ([`crate::extract::text::words`]) the caller has
/// already split, so a caller that reads them too splits the text once.
pub fn recognise_words(
    text: &str,
    words: &[(Span, &str)],
    gazetteer: &Gazetteer,
    rules: &GeoRules,
) -> Vec<Toponym> {
    let words = split_route_ends(word_list(words, rules), gazetteer, rules);
    // Words the text also writes in lower case are common words when capitalised too.
    let lower_words = LowerWords::new(&words);
    let mut found: Vec<(Toponym, usize, usize)> = Vec::new();
    let mut persons: FastSet<String> = FastSet::default();
    // A story names the same places again and again: each name is looked up once.
    let mut looked_up: FastMap<Rc<str>, Rc<[Candidate]>> = FastMap::default();
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        if w.lower || w.text.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            i += 1;
            continue;
        }
        // "Jabal al-Zawiya", "Bashar al-Assad": an article joined to the capitalised word before
        // continues that name.
        if hyphened_particle(w.text, rules).is_some()
            && let Some(p) = i.checked_sub(1).and_then(|p| words.get(p))
            && !p.lower
            && joinable(text, p, &w, rules)
            && !rules.is(GeoRole::NeverPlace, &folded(p))
        {
            i += 1;
            continue;
        }
        if let Some(t) = region_abbreviation(text, &w, gazetteer, rules) {
            found.push((t, i, 1));
            i += 1;
            continue;
        }
        // The run of words that may form one name: capitalised words, with lower-case
        // connectors inside ("Isle of Man", "Rio de Janeiro").
        let mut run = 1;
        while run < MAX_WORDS && i + run < words.len() {
            let next = words[i + run];
            if !joinable(text, &words[i + run - 1], &next, rules) {
                break;
            }
            if next.lower {
                let connector = rules.is(GeoRole::Connector, next.text);
                // "de los Aldama": a preposition and an article, then a capitalised word.
                let closes = words.get(i + run + 1).is_some_and(|n| {
                    joinable(text, &next, n, rules)
                        && (!n.lower
                            || (rules.is(GeoRole::RomancePreposition, next.text)
                                && rules.is(GeoRole::RomanceArticle, n.text)))
                });
                if !(connector && closes) {
                    break;
                }
            }
            run += 1;
        }
        let full_run = run;
        // Longer names are tried only when some name starts with this word and a space.
        if run > 1
            && gazetteer.starts_longer_name(w.text) == Some(false)
            && !gazetteer.extra().iter().any(|e| e.name.contains(' '))
        {
            run = 1;
        }
        let mut matched = None;
        for len in (1..=run).rev() {
            let last = words[i + len - 1];
            if last.lower {
                continue;
            }
            let mut span = Span::new(w.span.start, last.span.end);
            // An initialism keeps its closing dot ("U.S.", "B.C.").
            if span.slice(text).contains('.') && text.get(span.end..span.end + 1) == Some(".") {
                span.end += 1;
            }
            if let Some((key, true)) = gazetteer.written_key(span.slice(text)) {
                matched = Some((span, key, len));
                break;
            }
            if let Some(key) = key_without_article(span.slice(text), gazetteer, rules) {
                matched = Some((span, key.into(), len));
                break;
            }
        }
        // "in southern Qalqiliyah", "Mirpurkhas district": a word the context calls a place,
        // unknown as written, may be a known place in another spelling.
        if matched.is_none()
            && full_run == 1
            && let Some(key) = spelling_variant(text, &words, i, gazetteer, rules)
        {
            matched = Some((w.span, key, 1));
        }
        // "el Hermel": the lower-case article belongs to the name when the gazetteer files it so;
        // the name then starts at the article.
        let mut with_article = false;
        if after_particle(text, &words, i, rules)
            && let Some((span, _, len)) = matched.as_ref()
            && let Some(particle) = i.checked_sub(1).and_then(|p| words.get(p))
        {
            let whole = Span::new(particle.span.start, span.end);
            let written = span_fold(text, whole);
            // Only under a place's own name: "el Mina" is no Elmina.
            if let Some(key) = names::name_key(whole.slice(text))
                && gazetteer
                    .lookup_key_shared(&key)
                    .iter()
                    .any(|c| names::fold_short(&c.place.name).as_deref() == Some(written.as_str()))
            {
                matched = Some((whole, key.into(), len + 1));
                with_article = true;
                i -= 1;
            }
        }
        let Some((span, key, len)) = matched else {
            i += 1;
            continue;
        };
        // "In Salvador": a function word that opens a sentence starts no name.
        if len == 1 && rules.is(GeoRole::NeverPlace, &span_fold(text, span)) {
            i += 1;
            continue;
        }
        // A known name that is only the start of a longer one ("Abu" of "Abu Salim", "Qala" of
        // "Qala i Naw"): the whole run is one unknown name, none of its parts a place.
        let is_fragment = fragment(text, &words, i, len, rules);
        if (is_fragment || (!with_article && after_particle(text, &words, i, rules)))
            && !major_name(&key, &span_fold(text, span), gazetteer)
        {
            // A fragment's next word belongs to the same unknown name; after an article alone
            // ("at Goyali, Gadabay"), the next word may be a place of its own. The unknown name
            // ends before "of": "the Pademba Road Prison of Freetown" is in Freetown.
            let of = (len..full_run).find(|&k| words.get(i + k).is_some_and(|o| o.text == "of"));
            i += match of {
                Some(of) if is_fragment => of,
                _ => full_run.max(if is_fragment { len + 1 } else { len }),
            };
            continue;
        }
        let candidates = match looked_up.get(&key) {
            Some(c) => Rc::clone(c),
            None => {
                let c = short_name_candidates(&key, gazetteer.lookup_key_shared(&key));
                looked_up.insert(Rc::clone(&key), Rc::clone(&c));
                c
            }
        };
        if candidates.is_empty() || (acronym(text, &words, i, len) && !official_code(&candidates)) {
            i += len;
            continue;
        }
        let verdict = judge(
            text,
            &words,
            i,
            len,
            &key,
            &candidates,
            gazetteer,
            &lower_words,
            rules,
        );
        match verdict {
            Verdict::Place { evidenced } => found.push((
                Toponym {
                    span,
                    key: key.to_string(),
                    candidates: Rc::clone(&candidates),
                    evidenced,
                    containers: Vec::new(),
                    twin: false,
                    partner: None,
                },
                i,
                len,
            )),
            Verdict::Person => {
                persons.insert(key.to_string());
            }
            Verdict::NotPlace => {}
        }
        i += len;
    }
    // A name once used for a person is a person's all through the story, unless the context
    // says otherwise at that mention.
    found.retain(|(t, _, _)| t.evidenced || !persons.contains(&t.key));
    let mut found: Vec<Toponym> = found.into_iter().map(|(t, _, _)| t).collect();
    super::containers::link(text, &mut found, rules);
    found
}

/// Whether the match of `len` words at `i` runs on into more of one name: a capitalised word
/// joined to it that is no place word, or a connector and a capitalised word ("Ayn Zarah",
/// "Bir at Tutah").
fn fragment(text: &str, words: &[Word], i: usize, len: usize, rules: &GeoRules) -> bool {
    let Some(last) = words.get(i + len - 1) else {
        return false;
    };
    let Some(next) = words.get(i + len) else {
        return false;
    };
    if !joinable(text, last, next, rules) {
        return false;
    }
    // "Wadi al-Rabi": a joined, hyphenated particle and name.
    if next.lower
        && let Some((_, name)) = next.text.split_once('-')
        && name.chars().next().is_some_and(char::is_uppercase)
    {
        return true;
    }
    if next.lower {
        // "and", "the", "of" start a new phrase more often than they continue a name.
        return !rules.is(GeoRole::PhraseOpener, next.text)
            && rules.is(GeoRole::Connector, next.text)
            && words
                .get(i + len + 1)
                .is_some_and(|n| !n.lower && joinable(text, next, n, rules));
    }
    let n = folded(next);
    !rules.is(GeoRole::PlaceAfter, &n)
        && !rules.is(GeoRole::OrganisationAfter, &n)
        && !rules.is(GeoRole::Title, &n)
        && !rules.is(GeoRole::NeverPlace, &n)
        && next.text.chars().skip(1).any(char::is_lowercase)
}

/// Whether anything is filed under the key of a word as written.
fn filed(gazetteer: &Gazetteer, written: &str) -> bool {
    gazetteer
        .written_key(written)
        .is_some_and(|(_, filed)| filed)
}

/// Whether a name is a country, a first-level region, a continent or a large city: such a name
/// stands on its own even before another capitalised word ("Kirkuk Governor", "Syria Kurds").
/// A city counts only under its own name as written, not a spelling variant of it ("Mina" is
/// no Minna).
fn major_name(key: &str, written: &str, gazetteer: &Gazetteer) -> bool {
    key.len() > 3
        && gazetteer
            .lookup_key_shared(key)
            .iter()
            .any(|c| is_major(c, written))
}

/// The folded text of a span.
fn span_fold(text: &str, span: Span) -> names::Folded {
    names::fold_short(span.slice(text)).unwrap_or_default()
}

/// A name of three letters or fewer means a town only under its own name, never as one of its
/// alternate names ("Kan" is no name of Ganzhou to an English reader).
fn short_name_candidates(key: &str, candidates: Rc<[Candidate]>) -> Rc<[Candidate]> {
    if key.len() > 3 {
        return candidates;
    }
    candidates
        .iter()
        .filter(|c| {
            !matches!(c.place.precision, GeoPrecision::City | GeoPrecision::Point)
                || names::name_key(&c.place.name).as_deref() == Some(key)
        })
        .cloned()
        .collect()
}

/// Whether a one-word match is an all-capitals acronym ("GNA", "LNA") in mixed-case text.
fn acronym(text: &str, words: &[Word], i: usize, len: usize) -> bool {
    let Some(w) = words.get(i) else {
        return false;
    };
    let letters = w.text.chars().filter(|c| c.is_alphabetic()).count();
    if len != 1 || letters > 4 || w.text.chars().any(char::is_lowercase) {
        return false;
    }
    // In an all-capitals headline or dateline ("ROME, March 3 -") the capitals say nothing.
    let shouting = |j: Option<usize>| {
        j.and_then(|j| words.get(j)).is_some_and(|o| {
            o.text.chars().filter(|c| c.is_alphabetic()).count() > 1
                && !o.text.chars().any(char::is_lowercase)
        })
    };
    let dateline = i == 0 && text.get(w.span.end..).is_some_and(|r| r.starts_with(','));
    !(dateline || shouting(i.checked_sub(1)) || shouting(Some(i + 1)))
}

/// Whether an acronym is a country's or a continent's short name ("US", "UAE", "DRC").
fn official_code(candidates: &[Candidate]) -> bool {
    candidates.iter().any(|c| {
        !c.by_demonym
            && matches!(
                c.place.precision,
                GeoPrecision::Country | GeoPrecision::Region
            )
    })
}
