//! Geoparsing: finds toponyms, resolves them through the gazetteer, and picks the article's focus
//! countries. Pure: reads only the text, the gazetteer and the rule book's geo tables
//! (`rules/geo/`, `rules/actors.tsv`: [`crate::extract::rules::GeoRules`]).
//!
//! 1. [`recognise`] finds the spans that name places (gazetteer matches with evidence for and
//!    against).
//! 2. [`resolve`] picks the place each name means (priors, the header's countries, the story's
//!    other places).
//! 3. [`focus`] picks the countries the story is about; a story that names none but reads as
//!    American company news is about the United States.

pub mod affiliations;
pub mod containers;
pub mod cues;
pub mod dateline;
pub mod focus;
pub mod rank;
pub mod recognise;
pub mod resolve;
pub mod toponym;
pub mod words;

use super::mentions::PlaceMention;
use super::rules::{GeoRules, Rules};
use crate::gazetteer::Gazetteer;
use crate::gazetteer::fast_hash::FastSet;
use crate::ingest::ArticleInput;
use crate::model::{Country, GeoPrecision, Place, Span};
use words::GeoRole;

/// What geoparsing finds in one article.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Geoparse {
    /// Resolved toponyms, in text order.
    pub places: Vec<PlaceMention>,
    /// The countries the story is about, most central first.
    pub countries: Vec<Country>,
    /// Those of them where its happenings may be: named otherwise than only by a currency
    /// ("the high US dollar exchange rate" names whose money, not where protesters were).
    pub scenes: Vec<Country>,
    /// The parts of a country its organisations work in ("the OSCE SMM": Donbas).
    pub theatres: Vec<Place>,
    /// The place the story is told from, as its dateline names it ("GAINESVILLE, Fla. -").
    pub home: Option<Place>,
}

/// Finds and resolves the places of one article through the embedded gazetteer.
pub fn geoparse(input: &ArticleInput) -> Geoparse {
    geoparse_with(input, Gazetteer::embedded())
}

/// Finds and resolves the places of one article through `gazetteer`.
pub fn geoparse_with(input: &ArticleInput, gazetteer: &Gazetteer) -> Geoparse {
    geoparse_with_rules(input, gazetteer, Rules::embedded())
}

/// Finds and resolves the places of one article through `gazetteer`, with `rules`.
pub fn geoparse_with_rules(input: &ArticleInput, gazetteer: &Gazetteer, rules: &Rules) -> Geoparse {
    let tables = gazetteer.tables();
    let records = |c: Country| tables.country(c);
    // The body's words, split once for the markers, the toponyms and the title's names.
    let body_words = crate::extract::text::word_list(&input.text);
    let markets = business_markets(&body_words, &rules.geo);
    let affiliations::Affiliations {
        countries: affiliated,
        theatres,
    } = affiliations::affiliations(&body_words, &rules.geo);
    let theatres: Vec<Place> = theatres.iter().map(|t| t.place()).collect();
    // Countries the story names without a place: its markets and its armed groups.
    let market_countries: Vec<Country> = markets
        .iter()
        .map(|m| m.country)
        .chain(affiliated.iter().copied())
        .collect();
    let toponyms = recognise::recognise_words(&input.text, &body_words, gazetteer, &rules.geo);
    let home = dateline::home(&input.text, &toponyms, &input.countries);
    let resolved = resolve::resolve(
        &input.text,
        &toponyms,
        &input.countries,
        &market_countries,
        &theatres,
        home.as_ref(),
        &records,
        &rules.geo,
    );
    let mut places = Vec::new();
    let mut votes = Vec::new();
    // The countries named by more than a currency.
    let mut scenes: Vec<Country> = affiliated.clone();
    for (t, c) in toponyms.iter().zip(resolved) {
        let Some(c) = c else { continue };
        if let Some(country) = c.place.country
            && !listing_venue(&input.text, t.span.start, &rules.geo)
        {
            if !scenes.contains(&country) && !cues::names_currency(&input.text, t.span, &rules.geo)
            {
                scenes.push(country);
            }
            votes.push(focus::Vote {
                country,
                precision: c.place.precision,
                by_demonym: c.by_demonym,
                in_title: false,
                offset: t.span.start,
            });
        }
        places.push(PlaceMention {
            span: t.span,
            text: t.span.slice(&input.text).to_string(),
            place: c.place,
            by_demonym: c.by_demonym,
        });
    }
    // The title votes too: its places are what the story is about.
    if !input.title.is_empty() {
        let title_toponyms = title_toponyms(input, &body_words, gazetteer, &rules.geo);
        let title_resolved = resolve::resolve(
            &input.title,
            &title_toponyms,
            &input.countries,
            &market_countries,
            &theatres,
            home.as_ref(),
            &records,
            &rules.geo,
        );
        for c in title_resolved.into_iter().flatten() {
            if let Some(country) = c.place.country
                && c.place.precision != GeoPrecision::Region
            {
                scenes.push(country);
                votes.push(focus::Vote {
                    country,
                    precision: c.place.precision,
                    by_demonym: c.by_demonym,
                    in_title: true,
                    offset: 0,
                });
            }
        }
    }
    let voting = market_votes(&markets, &votes, &input.title);
    for country in voting {
        scenes.push(country);
        votes.push(focus::Vote::for_country(country));
    }
    // A story that names no place but an armed group of one country is about that country.
    if votes.is_empty() {
        votes.extend(affiliated.iter().map(|&c| focus::Vote::for_country(c)));
    }
    let countries = focus::focus_countries(&input.countries, &votes);
    let scenes = countries
        .iter()
        .copied()
        .filter(|c| scenes.contains(c))
        .collect();
    Geoparse {
        places,
        countries,
        scenes,
        theatres,
        home: home.map(|h| h.place),
    }
}

/// The toponyms of the title. A headline in capitals capitalises every word: a one-word name the
/// body writes in lower case is a word there ("STOCK SPLIT", "SALE OF UNIT", "GOLD"), not Split
/// or Salé.
fn title_toponyms(
    input: &ArticleInput,
    body_words: &[(Span, &str)],
    gazetteer: &Gazetteer,
    rules: &GeoRules,
) -> Vec<recognise::Toponym> {
    let mut toponyms = recognise::recognise(&input.title, gazetteer, rules);
    if !input.title.chars().any(char::is_lowercase) {
        // The body's words, hashed once for all the title's names.
        let body_set: std::cell::OnceCell<FastSet<&str>> = std::cell::OnceCell::new();
        toponyms.retain(|t| {
            let word = t.span.slice(&input.title).to_lowercase();
            word.contains(' ')
                || !input.text.contains(word.as_str())
                || !body_set
                    .get_or_init(|| body_words.iter().map(|&(_, w)| w).collect())
                    .contains(word.as_str())
        });
    }
    toponyms
}

/// The markets that vote: a strong one always, a weak one when no other country is named. On
/// the North American wire a limited company's market is Canada's, when no place says
/// otherwise ([`titled_limited`]).
fn market_votes(markets: &[Market], votes: &[focus::Vote], title: &str) -> Vec<Country> {
    let others_named = |market: Country| votes.iter().any(|v| v.country != market);
    markets
        .iter()
        .filter(|m| m.strong || !others_named(m.country))
        .map(|m| m.country)
        .map(|c| {
            if votes.is_empty() && titled_limited(title) && c.code() == "US" {
                Country::from_code("CA").unwrap_or(c)
            } else {
                c
            }
        })
        .collect()
}

/// Whether the title names a limited company (`"<PAGE PETROLEUM LTD> YEAR LOSS"`): on the North
/// American wire that is a Canadian company, never an American one (British ones are told by
/// "Plc"), so dollar and share words then read as Canada's market when no place says otherwise.
fn titled_limited(title: &str) -> bool {
    crate::extract::text::words(title).any(|(_, w)| w.eq_ignore_ascii_case("ltd"))
}

/// Whether the place at byte `start` is named as the exchange a security is listed on.
fn listing_venue(text: &str, start: usize, rules: &GeoRules) -> bool {
    let before = text.get(..start).unwrap_or("");
    // The last few words before the place, lower case, one space between them.
    let words: Vec<String> = before
        .split_whitespace()
        .rev()
        .take(LISTING_WORDS)
        .map(str::to_lowercase)
        .collect();
    let tail = words.into_iter().rev().collect::<Vec<_>>().join(" ");
    rules.words(GeoRole::ListingCue).ends(&tail)
}

/// A country whose company news the story's opening reads as.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Market {
    /// The market's country.
    country: Country,
    /// Whether some marker of it is strong (`rules/geo/markets.tsv`).
    strong: bool,
}

/// How many of the story's first words are read for markers of company news: the opening.
const MARKET_WORDS: usize = 400;

/// How many words before a place may name it as an exchange ("will be listed in").
const LISTING_WORDS: usize = 4;

/// The countries whose company news the story's opening reads as (`rules/geo/markets.tsv`).
fn business_markets(words: &[(Span, &str)], rules: &GeoRules) -> Vec<Market> {
    let mut found: Vec<Market> = Vec::new();
    for &(_, word) in words.iter().take(MARKET_WORDS) {
        if let Some((country, strong)) = rules.market(word) {
            match found.iter_mut().find(|m| m.country == country) {
                Some(m) => m.strong |= strong,
                None => found.push(Market { country, strong }),
            }
        }
    }
    found
}
