//! Extraction: article text in, times, places and events out. Pure: no storage, no I/O, no
//! global state but the embedded gazetteer and the embedded rule book, each built once on first
//! use (or the gazetteer and the [`Rules`] the caller passes to [`extract_with_rules`]). What
//! the wings read — cue words, toll words, actor names, geo and time vocabularies — is the rule
//! book's (`rules/`, read by [`rules`]); what they decide is theirs.
//!
//! 1. [`text`] splits the text into sentences (byte spans).
//! 2. [`time`] tags temporal expressions and normalises them against the publication date and
//!    the story's running date.
//! 3. [`geo`] finds toponyms, resolves them through the gazetteer, and picks the article's focus
//!    countries.
//! 4. [`events`] finds what happened in each sentence and attaches kind, date, place, actors and
//!    casualties.

pub mod contract;
pub mod events;
pub mod geo;
mod mentions;
pub mod rules;
mod shapes;
pub mod text;
pub mod time;

use chrono::NaiveDate;
use serde::Serialize;

use crate::gazetteer::Gazetteer;
use crate::ingest::ArticleInput;
use crate::model::{Count, Country, Event, EventStatus, EventType, Evidence, Span};
use geo::words::GeoRole;
pub use mentions::{PlaceMention, Timex, TimexType};
pub use rules::{Rules, RulesError};

/// Everything extraction finds in one article.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Extraction {
    /// What is known of the article as a whole.
    pub article: ArticleFacts,
    /// Temporal expressions, in text order.
    pub times: Vec<Timex>,
    /// Resolved toponyms, in text order.
    pub places: Vec<PlaceMention>,
    /// Events, most salient first.
    pub events: Vec<Event>,
}

/// Article-level facts extraction derives.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ArticleFacts {
    /// The publication date the times were resolved against.
    pub published: Option<NaiveDate>,
    /// The countries the story is about, most central first.
    pub countries: Vec<Country>,
}

/// Extracts times, places and events from one article, with the embedded gazetteer.
pub fn extract(input: &ArticleInput) -> Extraction {
    extract_with(input, Gazetteer::embedded())
}

/// Extracts times, places and events from one article, finding places in `gazetteer` (the
/// embedded one plus a store's imported entries, say).
pub fn extract_with(input: &ArticleInput, gazetteer: &Gazetteer) -> Extraction {
    extract_with_rules(input, gazetteer, Rules::embedded())
}

/// Extracts times, places and events from one article with `rules` (the embedded ones, or a
/// folder read with [`Rules::from_dir`]), finding places in `gazetteer`.
pub fn extract_with_rules(
    input: &ArticleInput,
    gazetteer: &Gazetteer,
    rules: &Rules,
) -> Extraction {
    // Past the limits of `ingest::limits` the steps below cost more than linear time (they
    // compare each name and date with the others): read no more than an article can hold.
    let input = &*crate::ingest::limits::within_limits(input);
    let sentences = text::sentences_with(&input.text, &rules.text);
    let times = time::tag_with(&input.text, input.published, &rules.time);
    let geo = geo::geoparse_with_rules(input, gazetteer, rules);
    let mut events = events::extract_events(
        input,
        &sentences,
        &times,
        &geo.places,
        &geo.countries,
        rules,
    );
    if !events.iter().any(tells_a_happening) {
        events.extend(headline_events(input, gazetteer, rules));
    } else if let Some(main) = events
        .iter_mut()
        .find(|e| is_violent_news(e))
        .filter(|e| e.fatalities.is_none() || e.injured.is_none())
    {
        // Only a main event missing a toll reads the headline.
        headline_tolls(main, &headline_events(input, gazetteer, rules));
    }
    // An event whose text names no place of its own happened where the story's organisations
    // work, or else at the story's home (its dateline's town) when the story is about the
    // home's country, or else in the country the story is about, as precisely as that.
    let home = geo
        .home
        .clone()
        .filter(|h| h.country.is_some() && h.country == geo.scenes.first().copied());
    let scene = geo.theatres.first().cloned().or(home).or_else(|| {
        geo.scenes
            .first()
            .and_then(|&c| gazetteer.tables().country(c))
            .map(|record| record.place())
    });
    if let Some(scene) = scene {
        for event in events.iter_mut().filter(|e| e.place.is_none()) {
            event.place = Some(scene.clone());
        }
    }
    Extraction {
        article: ArticleFacts {
            published: input.published,
            countries: geo.countries,
        },
        times,
        // A people's name ("Americans", "Kurds", "ethnic Turkmen") is no toponym: it placed
        // the events and voted for the countries above.
        places: geo
            .places
            .into_iter()
            .filter(|m| !names_a_people(&input.text, m, &rules.geo))
            .collect(),
        events,
    }
}

/// Whether a place mention names a people rather than a place: a plural demonym
/// ("Americans"), a demonym after "ethnic" ("ethnic Turkmen"), or a people's name the
/// gazetteer also gives a region ("Kurds").
fn names_a_people(text: &str, m: &PlaceMention, rules: &rules::GeoRules) -> bool {
    // The word before is read only for a demonym: most mentions are not one.
    let after_people_word = || {
        text.get(..m.span.start)
            .and_then(|b| b.split_whitespace().next_back())
            .is_some_and(|w| rules.is(GeoRole::PeopleBefore, &w.to_lowercase()))
    };
    (m.by_demonym && (m.text.ends_with('s') || after_people_word()))
        || rules.is(GeoRole::People, &m.text.to_lowercase())
}

/// A headline tells the story's main happening again, often with the toll the body leaves
/// to it ("4 people shot in Fresno" over a page that only says police are at the scene): the
/// first violent event of the body (`main`) takes the headline's tolls where it counts none,
/// when the headline agrees with it on what both count ("Man shot on Elm Street" over a body
/// that says he died tells no one else hurt).
fn headline_tolls(main: &mut Event, headline: &[Event]) {
    let Some(told) = headline.iter().find(|e| is_violent_news(e)) else {
        return;
    };
    let agree = |a: Option<Count>, b: Option<Count>| match (a, b) {
        (Some(a), Some(b)) => a.best == b.best,
        _ => true,
    };
    let (killed, injured) = (main.fatalities, main.injured);
    if killed.is_none() && agree(injured, told.injured) {
        main.fatalities = told.fatalities;
    }
    if injured.is_none() && agree(killed, told.fatalities) {
        main.injured = told.injured;
    }
}

/// Whether an event is violence that happened, as the news of its story.
fn is_violent_news(event: &Event) -> bool {
    event.kind.is_political_violence() && event.status == EventStatus::Happened
}

/// Whether an event is a happening of a kind the lexicon knows, not the guess an article with
/// none gets from its first dated sentence.
fn tells_a_happening(event: &Event) -> bool {
    event.kind.event_type() != EventType::Other
}

/// The happenings a headline tells, for an article whose body tells none (a page whose text is
/// a sign-in form or a cookie notice under "10 people shot at an armory"): the headline read
/// as a story of one sentence, dated by the publication as such a story is. Their words are
/// the headline's, not the body's: they keep no spans into the body, and their summary is the
/// headline.
fn headline_events(input: &ArticleInput, gazetteer: &Gazetteer, rules: &Rules) -> Vec<Event> {
    if input.title.trim().is_empty() {
        return Vec::new();
    }
    // The article's fields but its body (not copied: the headline stands in for it).
    let headline = ArticleInput {
        id: input.id.clone(),
        title: String::new(),
        published: input.published,
        source: input.source.clone(),
        url: input.url.clone(),
        countries: input.countries.clone(),
        text: input.title.clone(),
        warnings: Vec::new(),
    };
    let sentences = text::sentences_with(&headline.text, &rules.text);
    let times = time::tag_with(&headline.text, headline.published, &rules.time);
    let geo = geo::geoparse_with_rules(&headline, gazetteer, rules);
    let mut events = events::extract_events(
        &headline,
        &sentences,
        &times,
        &geo.places,
        &geo.countries,
        rules,
    );
    events.retain(tells_a_happening);
    for event in &mut events {
        event.summary = input.title.trim().to_string();
        event.span = Span::new(0, 0);
        event.evidence = Evidence::default();
    }
    events
}
