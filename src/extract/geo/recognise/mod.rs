//! Toponym recognition: finds the spans of text that name places. Gazetteer matching over runs
//! of capitalised words (longest match first), then the evidence for a place ("in X", "near X",
//! "X province", "the city of X", "X, Texas") and against it (a title or a given name before it,
//! "X said", an organisation's word after it, month and weekday names, common words). Knows
//! nothing of which place a name means: that is [`super::resolve`].
//!
//! The scan over runs of words is here; [`judge`](mod@judge) weighs the evidence around a known
//! name, [`variants`] tries a name in other spellings, [`routes`] parts the two ends of a route.

use super::cues::{SHORT_KEY, hyphened_particle, is_major, key_without_article};
use super::words::GeoRole;
use crate::extract::rules::GeoRules;
use std::rc::Rc;

mod judge;
mod routes;
mod variants;
mod word;

pub use super::toponym::Toponym;
use word::{Word, after_particle, aged, folded, joinable, word_list};

use judge::{LowerWords, Verdict, judge};
use routes::split_route_ends;
use variants::spelling_variant;

use crate::gazetteer::fast_hash::{FastMap, FastSet};
use crate::gazetteer::{Candidate, Gazetteer, names};
use crate::model::{GeoPrecision, Span};

/// The longest run of words tried as one name.
const MAX_WORDS: usize = 5;

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

/// Finds the toponyms of `text`, in text order.
pub fn recognise(text: &str, gazetteer: &Gazetteer, rules: &GeoRules) -> Vec<Toponym> {
    recognise_words(
        text,
        &crate::extract::text::word_list(text),
        gazetteer,
        rules,
    )
}

/// A known name matched at a word: its span, its index key and how many words it spans.
type Match = (Span, Rc<str>, usize);

/// [`recognise`] over the words of `text` ([`crate::extract::text::words`]) the caller has
/// already split, so a caller that reads them too splits the text once.
///
/// At each capitalised word: the run of words that may form one name ([`name_run`]), the
/// longest known name in it ([`known_name`], or another spelling), an article that belongs to it
/// ([`with_article`]); a known name that only starts an unknown one is skipped
/// ([`unknown_name_end`]); the rest are judged by the words around them ([`judge`]).
pub fn recognise_words(
    text: &str,
    words: &[(Span, &str)],
    gazetteer: &Gazetteer,
    rules: &GeoRules,
) -> Vec<Toponym> {
    let words = split_route_ends(word_list(words, rules), gazetteer, rules);
    // Words the text also writes in lower case are common words when capitalised too.
    let lower_words = LowerWords::new(&words);
    let mut found: Vec<Toponym> = Vec::new();
    let mut persons: FastSet<String> = FastSet::default();
    // A story names the same places again and again: each name is looked up once.
    let mut looked_up: FastMap<Rc<str>, Rc<[Candidate]>> = FastMap::default();
    let dateline = super::dateline::dateline(text);
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        if w.lower
            || w.text.chars().next().is_some_and(|c| c.is_ascii_digit())
            || continues_with_article(text, &words, i, rules)
        {
            i += 1;
            continue;
        }
        if let Some(t) = region_abbreviation(text, &w, gazetteer, rules) {
            found.push(t);
            i += 1;
            continue;
        }
        let full_run = name_run(text, &words, i, rules);
        // Longer names are tried only when some name starts with this word and a space.
        let run = if full_run > 1
            && gazetteer.starts_longer_name(w.text) == Some(false)
            && !gazetteer.extra().iter().any(|e| e.name.contains(' '))
        {
            1
        } else {
            full_run
        };
        let matched = known_name(text, &words, i, run, full_run, gazetteer, rules);
        // "el Hermel": the name then starts at the article.
        let joined = matched
            .as_ref()
            .and_then(|m| with_article(text, &words, i, m, gazetteer, rules));
        let with_article = joined.is_some();
        if with_article {
            i -= 1;
        }
        let Some((span, key, len)) = joined.or(matched) else {
            i += 1;
            continue;
        };
        // "In Salvador": a function word that opens a sentence starts no name.
        if len == 1 && rules.is(GeoRole::NeverPlace, &span_fold(text, span)) {
            i += 1;
            continue;
        }
        if let Some(skip) = unknown_name_end(
            text,
            &words,
            (i, len, full_run),
            (&key, span),
            with_article,
            gazetteer,
            rules,
        ) {
            // "Tyrone Madison, 22,": an unknown name of two or three words that news
            // introduces as a person — with an age, after a title ("Chief Bobby Bell",
            // "neighbor Lisa Sutton") or before a verb of speech ("Lisa Sutton said") — is a
            // person's, each of its words a person's name all through the story; not one with
            // a title or an institution's word in it ("Lawton Police Officer Jane Doe, 31,").
            let run = words.get(i..i + skip).unwrap_or_default();
            let role = |k: Option<&Word>, role: GeoRole| {
                k.is_some_and(|w| rules.is(role, folded(w).as_str()))
            };
            // A title opening a sentence is read into the run ("Trooper Dana Sutton said").
            let opening_title = role(run.first(), GeoRole::Title);
            let name = if opening_title { &run[1..] } else { run };
            let titled =
                opening_title || role(i.checked_sub(1).and_then(|p| words.get(p)), GeoRole::Title);
            if let (Some(first), Some(last)) = (name.first(), name.last())
                && (2..=PERSON_NAME_WORDS).contains(&name.len())
                && !name.iter().any(|w| {
                    let f = folded(w);
                    rules.is(GeoRole::Title, f.as_str())
                        || rules.is(GeoRole::NeverPlace, f.as_str())
                })
                && (aged(text, first.span.start, last.span.end)
                    || titled
                    || role(words.get(i + skip), GeoRole::SpeechAfter))
            {
                persons.extend(name.iter().map(|w| span_fold(text, w.span).to_string()));
            }
            i += skip;
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
        // "SALINA, Kan. —": the dateline's town is a place whatever its size.
        let verdict = if dateline.is_some_and(|d| span.start == d.start && span.end <= d.end) {
            Verdict::Place { evidenced: true }
        } else {
            judge(
                text,
                &words,
                i,
                len,
                &key,
                &candidates,
                gazetteer,
                &lower_words,
                rules,
            )
        };
        match verdict {
            Verdict::Place { evidenced } => found.push(Toponym {
                span,
                key: key.to_string(),
                candidates: Rc::clone(&candidates),
                evidenced,
                containers: Vec::new(),
                twin: false,
                partner: None,
            }),
            Verdict::Person => {
                persons.insert(key.to_string());
            }
            Verdict::NotPlace => {}
        }
        i += len;
    }
    // A name once used for a person is a person's all through the story, unless the context
    // says otherwise at that mention.
    found.retain(|t| t.evidenced || !persons.contains(&t.key));
    super::containers::link(text, &mut found, rules);
    found
}

/// "Jabal al-Zawiya", "Bashar al-Assad": whether the word at `i` is an article joined to the
/// capitalised word before it, which it continues.
fn continues_with_article(text: &str, words: &[Word], i: usize, rules: &GeoRules) -> bool {
    let Some(w) = words.get(i) else {
        return false;
    };
    hyphened_particle(w.text, rules).is_some()
        && i.checked_sub(1)
            .and_then(|p| words.get(p))
            .is_some_and(|p| {
                !p.lower
                    && joinable(text, p, w, rules)
                    && !rules.is(GeoRole::NeverPlace, &folded(p))
            })
}

/// How many words from `i` may form one name: capitalised words, with lower-case connectors
/// inside ("Isle of Man", "Rio de Janeiro", "de los Aldama"), at most [`MAX_WORDS`].
fn name_run(text: &str, words: &[Word], i: usize, rules: &GeoRules) -> usize {
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
    run
}

/// The longest known name among the first `run` words at `i`; else, for a lone word (a
/// `full_run` of one) the context calls a place ("in southern Qalqiliyah", "Mirpurkhas
/// district"), a known place in another spelling.
fn known_name(
    text: &str,
    words: &[Word],
    i: usize,
    run: usize,
    full_run: usize,
    gazetteer: &Gazetteer,
    rules: &GeoRules,
) -> Option<Match> {
    let w = words.get(i)?;
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
            return Some((span, key, len));
        }
        if let Some(key) = key_without_article(span.slice(text), gazetteer, rules) {
            return Some((span, key.into(), len));
        }
    }
    if full_run == 1
        && let Some(key) = spelling_variant(text, words, i, gazetteer, rules)
    {
        return Some((w.span, key, 1));
    }
    None
}

/// "el Hermel": the lower-case article before the name at `i` belongs to it when the gazetteer
/// files it so, under a place's own name ("el Mina" is no Elmina): the match from the article.
fn with_article(
    text: &str,
    words: &[Word],
    i: usize,
    matched: &Match,
    gazetteer: &Gazetteer,
    rules: &GeoRules,
) -> Option<Match> {
    let (span, _, len) = matched;
    if !after_particle(text, words, i, rules) {
        return None;
    }
    let particle = i.checked_sub(1).and_then(|p| words.get(p))?;
    let whole = Span::new(particle.span.start, span.end);
    let written = span_fold(text, whole);
    let key = names::name_key(whole.slice(text))?;
    gazetteer
        .lookup_key_shared(&key)
        .iter()
        .any(|c| names::fold_short(&c.place.name).as_deref() == Some(written.as_str()))
        .then(|| (whole, key.into(), len + 1))
}

/// A known name that is only the start of a longer, unknown one ("Abu" of "Abu Salim", "Qala"
/// of "Qala i Naw"), or follows an article alone ("at Goyali"), unless it is a major name: how
/// many words to skip. A fragment's next word belongs to the same unknown name; after an article
/// alone, the next word may be a place of its own. The unknown name ends before "of": "the
/// Pademba Road Prison of Freetown" is in Freetown.
fn unknown_name_end(
    text: &str,
    words: &[Word],
    (i, len, full_run): (usize, usize, usize),
    (key, span): (&str, Span),
    with_article: bool,
    gazetteer: &Gazetteer,
    rules: &GeoRules,
) -> Option<usize> {
    let is_fragment = fragment(text, words, i, len, rules);
    let unknown = (is_fragment || (!with_article && after_particle(text, words, i, rules)))
        && !major_name(key, &span_fold(text, span), gazetteer);
    if !unknown {
        return None;
    }
    let of = (len..full_run).find(|&k| words.get(i + k).is_some_and(|o| o.text == "of"));
    Some(match of {
        Some(of) if is_fragment => of,
        _ => full_run.max(if is_fragment { len + 1 } else { len }),
    })
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

/// Whether a name is a country, a first-level region, a continent or a large city: such a name
/// stands on its own even before another capitalised word ("Kirkuk Governor", "Syria Kurds").
/// A city counts only under its own name as written, not a spelling variant of it ("Mina" is
/// no Minna).
fn major_name(key: &str, written: &str, gazetteer: &Gazetteer) -> bool {
    key.len() > SHORT_KEY
        && gazetteer
            .lookup_key_shared(key)
            .iter()
            .any(|c| is_major(c, written))
}

/// The folded text of a span.
fn span_fold(text: &str, span: Span) -> names::Folded {
    names::fold_short(span.slice(text)).unwrap_or_default()
}

/// The most words of a person's full name ("Marcus Lee Lyman").
const PERSON_NAME_WORDS: usize = 3;

/// A name of three letters or fewer means a town only under its own name, never as one of its
/// alternate names ("Kan" is no name of Ganzhou to an English reader).
fn short_name_candidates(key: &str, candidates: Rc<[Candidate]>) -> Rc<[Candidate]> {
    if key.len() > SHORT_KEY {
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

/// The most letters of an acronym read as one ("GNA", "LNA", "AMISOM" is a name).
const MAX_ACRONYM_LETTERS: usize = 4;

/// Whether a one-word match is an all-capitals acronym ("GNA", "LNA") in mixed-case text.
fn acronym(text: &str, words: &[Word], i: usize, len: usize) -> bool {
    let Some(w) = words.get(i) else {
        return false;
    };
    let letters = w.text.chars().filter(|c| c.is_alphabetic()).count();
    if len != 1 || letters > MAX_ACRONYM_LETTERS || w.text.chars().any(char::is_lowercase) {
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
