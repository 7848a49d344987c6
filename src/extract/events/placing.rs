//! Where an event happened: the place its sentence names by a locative phrase, else the nearest
//! specific place before it. Demonyms and origins or destinations are never where it happened.

use super::tokens;
use super::words::WordRole;
use crate::extract::mentions::PlaceMention;
use crate::extract::rules::{EventRules, Rules};
use crate::model::{Anchor, Country, GeoPrecision, Place, Span, When};

/// The sentence's place for its event, and the others it names: the most specific place
/// introduced by a locative preposition ("in Jundiai, Sao Paulo"), else the most specific
/// place nearest the trigger. (Preferring the place right after the trigger — "a clash in
/// northern Iraq" — was measured on ACLED's notes and lost: it picks up neighbourhood names.) Demonyms ("Kurdish") and origins or destinations
/// ("from Mosul toward Kirkuk") are not where an event happened.
pub(super) fn sentence_places(
    text: &str,
    places: &[PlaceMention],
    sentence: &Span,
    tokens: &[tokens::Token],
    trigger: usize,
    focus: &[Country],
    all_rules: &Rules,
) -> (SentencePlace, Vec<Place>) {
    let rules = &all_rules.events;
    let inside: Vec<&PlaceMention> = places
        .iter()
        .filter(|p| sentence.contains(&p.span))
        .filter(|p| !crate::extract::geo::cues::names_currency(text, p.span, &all_rules.geo))
        .collect();
    let (adjectives, names): (Vec<&PlaceMention>, Vec<&PlaceMention>) =
        inside.iter().partition(|m| is_demonym(m, rules));
    // "… became part of the Iraqi forces in late 2016, but many credit Iran for …": a clause
    // that sets another statement against the trigger's says nothing of where it was.
    // ("not only … but also …" sets nothing against it: the contrast follows a comma.)
    let contrast = tokens
        .windows(2)
        .skip(trigger + 1)
        .find(|w| w[0].lower == "," && rules.is(WordRole::Contrast, &w[1].lower))
        .map_or(usize::MAX, |w| w[1].span.start);
    let best = names
        .iter()
        .filter(|m| m.span.start < contrast)
        .min_by_key(|m| {
            let at = tokens
                .iter()
                .position(|t| t.span.start >= m.span.start)
                .unwrap_or(tokens.len());
            let preposition = preposition_before(tokens, at, rules);
            let locative = preposition.is_some_and(|p| rules.is(WordRole::Locative, p));
            let movement = preposition.is_some_and(|p| rules.is(WordRole::Movement, p));
            // "the countryside of Idleb": the city's name stands for its region here, and a
            // town the sentence names in it is where the event was.
            // A district named as one ("Maywand district, Kandahar") is as specific as a town:
            // coders place its events at its seat, where the gazetteer has it.
            let district = m.place.precision == GeoPrecision::Admin1
                && tokens
                    .iter()
                    .find(|t| t.span.start >= m.span.end)
                    .is_some_and(|t| rules.is(WordRole::DistrictNoun, &t.lower));
            let specific = (m.place.precision <= GeoPrecision::City || district)
                && !names_a_region(tokens, at, rules);
            // Of the wider places, a region says more than a country ("United States air
            // force ... near Salagle town (Saakow, Middle Juba)": whose air force, not where).
            let breadth = match m.place.precision {
                _ if specific => 0,
                GeoPrecision::Point | GeoPrecision::City | GeoPrecision::Admin1 => 1,
                GeoPrecision::Country | GeoPrecision::Region => 2,
            };
            // A place outside the countries the story is about is named in passing ("in the
            // Rahim Khail area of PD4, Gardez city" is no Ha'il in Saudi Arabia).
            (
                movement,
                abroad(&m.place, focus),
                breadth,
                !locative,
                at.abs_diff(trigger),
            )
        })
        .map(|m| within_home(&m.place, text, places));
    let mut others: Vec<Place> = Vec::new();
    for mention in &inside {
        if Some(&mention.place) != best.as_ref() && !others.contains(&mention.place) {
            others.push(mention.place.clone());
        }
    }
    // Of the adjectives, one that says where beats one that says whose forces ("a Turkish air
    // drone operated by GNA targeted a Libyan truck"), and one of the story's countries beats
    // one abroad.
    let adjective = adjectives
        .iter()
        .min_by_key(|m| {
            let forces = crate::extract::geo::cues::names_forces(text, m.span, &all_rules.geo);
            (forces, abroad(&m.place, focus))
        })
        .map(|m| m.place.clone());
    (
        SentencePlace {
            named: best,
            adjective,
        },
        others,
    )
}

/// How far back from a name a region noun may make it stand for its land, in tokens.
const REGION_NOUN_REACH: usize = 4;

/// How far back from a name its preposition may stand, in tokens.
const PREPOSITION_REACH: usize = 5;

/// Whether the name at token `at` follows a word that makes it stand for the land around it
/// ("the northern countryside of Aleppo", "rural Dar'a", "Homs province"'s "province of Homs").
fn names_a_region(tokens: &[tokens::Token], at: usize, rules: &EventRules) -> bool {
    let before = tokens.get(..at.min(tokens.len())).unwrap_or_default();
    before
        .iter()
        .rev()
        .take(REGION_NOUN_REACH)
        .map(|t| t.lower.as_str())
        // "northern", "eastern": a bearing before the noun.
        .find(|w| !rules.is(WordRole::RegionNounSkip, w) && !w.ends_with("ern"))
        .is_some_and(|w| rules.is(WordRole::RegionNoun, w))
}

/// The place a sentence gives its event: one it names, or only one it implies with an
/// adjective ("a Kurdish officer").
pub(super) struct SentencePlace {
    /// A place the sentence names.
    pub(super) named: Option<Place>,
    /// A place it only implies with an adjective ("a Kurdish officer").
    pub(super) adjective: Option<Place>,
}

/// The preposition that introduces the words at token `at`, skipping articles, direction
/// words and place nouns ("in northern Iraq"; "the town of Bara" → `of`, but "forces of India"
/// → none: `of` counts only after a place noun).
pub(super) fn preposition_before<'t>(
    tokens: &'t [tokens::Token],
    at: usize,
    rules: &EventRules,
) -> Option<&'t str> {
    let before = &tokens[..at.min(tokens.len())];
    let (i, word) = before
        .iter()
        .enumerate()
        .rev()
        .take(PREPOSITION_REACH)
        .map(|(i, t)| (i, t.lower.as_str()))
        .find(|(_, w)| {
            !rules.is(WordRole::Direction, w)
                && !rules.is(WordRole::PlaceNoun, w)
                && !w.chars().next().is_some_and(char::is_uppercase)
        })?;
    if word == "of" {
        let noun = i.checked_sub(1).map(|p| before[p].lower.as_str());
        return noun
            .filter(|n| rules.is(WordRole::PlaceNoun, n))
            .map(|_| "of");
    }
    Some(word)
}

/// Whether a mention is an adjective of a country or region ("Iraqi", "Kurdish") rather than
/// its name: the gazetteer's demonym table says so, or it is one word with an adjective's
/// ending that is not the start of the place's own name ("North Sinai" is a name).
pub(super) fn is_demonym(mention: &PlaceMention, rules: &EventRules) -> bool {
    use crate::gazetteer::names::{fold, name_key};
    if mention.place.precision < GeoPrecision::Admin1 {
        return false;
    }
    let tagged = crate::gazetteer::Gazetteer::embedded()
        .lookup(&mention.text)
        .iter()
        .any(|candidate| candidate.by_demonym && candidate.place.name == mention.place.name);
    let one_word = !mention.text.contains(char::is_whitespace);
    let adjective = rules
        .words(WordRole::DemonymEnding)
        .ends(&mention.text.to_lowercase());
    let own_name = match (name_key(&mention.text), name_key(&mention.place.name)) {
        (Some(text), Some(name)) => name.starts_with(text.as_str()),
        _ => false,
    };
    // A region's name in another spelling ("Rajouri" for Rajauri district) is as long as the
    // name and starts the same; an adjective adds an ending ("Punjabi", "Kurdish").
    let spelling = mention.place.precision == GeoPrecision::Admin1
        && match (fold(&mention.text), fold(&mention.place.name)) {
            (Some(text), Some(name)) => {
                text.len() == name.len()
                    && text
                        .get(..3)
                        .is_some_and(|head| name.get(..3) == Some(head))
            }
            _ => false,
        };
    tagged || (one_word && adjective && !own_name && !spelling)
}

/// Whether a place lies in one of the countries the story is about (any place, when it is
/// about none).
fn in_focus(place: &Place, focus: &[Country]) -> bool {
    focus.is_empty() || place.country.is_some_and(|c| focus.contains(&c))
}

/// Whether a place lies in a country other than those the story is about: named in passing.
/// A place of no country (a continent) is not abroad.
fn abroad(place: &Place, focus: &[Country]) -> bool {
    !focus.is_empty() && place.country.is_some_and(|c| !focus.contains(&c))
}

/// Where an event happened. A place the sentence names wins. Otherwise an event told as part
/// of the story (a narrative or running date) happened where the story was — the nearest city
/// or region before it — and one dated on its own ("in late 2016") keeps the country its
/// sentence implies ("the Iraqi security forces") rather than borrowing the last town named.
pub(super) fn event_place(
    own: SentencePlace,
    when: &When,
    preceding: impl FnOnce() -> Option<Place>,
) -> Option<Place> {
    if own.named.is_some() {
        return own.named;
    }
    if when.anchor == Anchor::Explicit {
        own.adjective.or_else(preceding)
    } else {
        preceding().or(own.adjective)
    }
}

/// The nearest city or region named before the sentence: "near Makhmour … The coalition
/// bombed"; when none is, the first named after it. Only places in the story's own countries qualify: a story about Ukraine that
/// mentions talks in Minsk does not move its next shelling to Belarus.
/// When that place is a region named after a town in the same sentence ("in Ilheus, Bahia"),
/// the town is where the story was.
pub(super) fn preceding_place(
    text: &str,
    places: &[PlaceMention],
    sentence: &Span,
    focus: &[Country],
) -> Option<Place> {
    let mut before = places
        .iter()
        .rev()
        .filter(|p| p.span.end <= sentence.start)
        .filter(|p| in_focus(&p.place, focus))
        .filter(|p| p.place.precision <= GeoPrecision::Admin1);
    // A note that names its place only after the event ("... set fire to a vehicle. The
    // incident occurred in Thessaloniki.") has it from the first place after the sentence.
    let Some(last) = before.next() else {
        return places
            .iter()
            .filter(|p| p.span.start >= sentence.end)
            .filter(|p| in_focus(&p.place, focus))
            .find(|p| p.place.precision <= GeoPrecision::Admin1)
            .map(|p| p.place.clone());
    };
    if last.place.precision == GeoPrecision::Admin1
        && let Some(town) = before.next().filter(|t| {
            t.place.precision < GeoPrecision::Admin1
                && text
                    .get(t.span.end..last.span.start)
                    .is_some_and(|gap| !gap.contains(['.', '\n', ';']))
        })
    {
        return Some(town.place.clone());
    }
    Some(within_home(&last.place, text, places))
}

/// The town a datelined story is told from ("SALEM, Ore. –"): the place named where its
/// dateline opens, when that is a town or a county ("MIAMI-DADE COUNTY, Fla. -").
fn home_town<'p>(text: &str, places: &'p [PlaceMention]) -> Option<&'p PlaceMention> {
    let dateline = crate::extract::geo::dateline::dateline(text)?;
    places
        .iter()
        .find(|p| p.span.start == dateline.start && p.span.end <= dateline.end)
        .filter(|p| {
            p.place.precision <= GeoPrecision::City
                || (p.place.precision == GeoPrecision::Admin1
                    && p.place.admin1.as_deref() != Some(p.place.name.as_str()))
        })
}

/// A happening placed at a whole state or country that holds the story's home town: a local
/// story tells its town's news, and names the state only as the town's ("SALEM, Ore. – A man
/// was shot ..., Oregon State Police said"), so the town is where it happened. A district or
/// county is as specific as the story says and stays.
fn within_home(place: &Place, text: &str, places: &[PlaceMention]) -> Place {
    let state = place.precision == GeoPrecision::Admin1
        && place.admin1.as_deref() == Some(place.name.as_str());
    if !(state || place.precision == GeoPrecision::Country) || place.country.is_none() {
        return place.clone();
    }
    match home_town(text, places) {
        Some(home)
            if home.place.country == place.country
                && home.place != *place
                && (!state || home.place.admin1.as_deref() == Some(place.name.as_str())) =>
        {
            home.place.clone()
        }
        _ => place.clone(),
    }
}
