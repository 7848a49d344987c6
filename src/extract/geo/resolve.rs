//! Toponym resolution: picks, for each recognised name, the place it means. Candidates start
//! from their prior (feature class, population); the article's header countries are a strong
//! prior; countries the story names outright, a container named beside the place ("Oxford,
//! North Carolina") and the other places of the story (near each other, places co-occur) move
//! the choice. One sense per story: a name is resolved once and every mention shares it.

use std::collections::HashMap;

use crate::gazetteer::Candidate;
use crate::gazetteer::lookup::distance_km;
use crate::model::{Country, GeoPrecision, Span};

use super::recognise::Toponym;

/// Bonus for a candidate in a country the article's header names.
const HEADER_BONUS: f64 = 12.0;
/// Bonus for a candidate in a country the story names outright.
const STORY_COUNTRY_BONUS: f64 = 4.0;
/// Bonus for a candidate inside the container named beside it.
const CONTAINER_BONUS: f64 = 12.0;
/// Bonus for a candidate near the story's other places.
const NEARBY_BONUS: f64 = 3.0;
/// How near "near" is, in kilometres.
const NEARBY_KM: f64 = 400.0;
/// Bonus for a capital city: news names capitals far more often than their namesakes.
const CAPITAL_BONUS: f64 = 8.0;

/// Resolves every toponym; the result is parallel to `toponyms`.
pub fn resolve(
    toponyms: &[Toponym],
    header: &[Country],
    capitals: &dyn Fn(Country) -> Option<&'static str>,
) -> Vec<Option<Candidate>> {
    // Countries the story names outright (a country's own name or demonym, unambiguous).
    let mut story_countries: HashMap<Country, usize> = HashMap::new();
    for t in toponyms {
        if let Some(best) = t.candidates.first()
            && best.place.precision == GeoPrecision::Country
            && let Some(c) = best.place.country
        {
            *story_countries.entry(c).or_default() += 1;
        }
    }
    let base = |t: &Toponym, c: &Candidate, all: &[Toponym]| -> f64 {
        let mut score = c.prior();
        if let Some(country) = c.place.country {
            if header.contains(&country) {
                score += HEADER_BONUS;
            }
            if story_countries.contains_key(&country) {
                score += STORY_COUNTRY_BONUS;
            }
            if c.place.precision == GeoPrecision::City
                && capitals(country).is_some_and(|cap| cap == c.place.name)
            {
                score += CAPITAL_BONUS;
            }
        }
        if let Some(container) = t.container
            && in_container(c, container, all)
        {
            score += CONTAINER_BONUS;
        }
        score
    };
    // Pass 1: each name on its own.
    let first: Vec<Option<Candidate>> = toponyms
        .iter()
        .map(|t| best_of(t, |c| base(t, c, toponyms)))
        .collect();
    // Pass 2: with the other names' first choices as neighbours.
    let anchors: Vec<(&str, f64, f64)> = toponyms
        .iter()
        .zip(&first)
        .filter_map(|(t, c)| {
            c.as_ref()
                .filter(|c| matches!(c.place.precision, GeoPrecision::City | GeoPrecision::Admin1))
                .map(|c| (t.key.as_str(), c.place.lat, c.place.lon))
        })
        .collect();
    let mut by_key: HashMap<&str, Option<Candidate>> = HashMap::new();
    toponyms
        .iter()
        .map(|t| {
            by_key
                .entry(t.key.as_str())
                .or_insert_with(|| {
                    best_of(t, |c| {
                        let near = anchors
                            .iter()
                            .filter(|(k, _, _)| *k != t.key)
                            .filter(|(_, la, lo)| {
                                distance_km(c.place.lat, c.place.lon, *la, *lo) <= NEARBY_KM
                            })
                            .count();
                        let proximity = if near > 0 {
                            NEARBY_BONUS * (1.0 + (near as f64).ln())
                        } else {
                            0.0
                        };
                        base(t, c, toponyms) + proximity
                    })
                })
                .clone()
        })
        .collect()
}

fn best_of(t: &Toponym, score: impl Fn(&Candidate) -> f64) -> Option<Candidate> {
    t.candidates
        .iter()
        .map(|c| (score(c), c))
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c.clone())
}

/// Whether a candidate lies in the container toponym at `span` (its country or its region).
fn in_container(c: &Candidate, span: Span, all: &[Toponym]) -> bool {
    all.iter()
        .find(|t| t.span == span)
        .is_some_and(|container| {
            container
                .candidates
                .iter()
                .any(|k| match k.place.precision {
                    GeoPrecision::Country => k.place.country == c.place.country,
                    GeoPrecision::Admin1 => {
                        k.place.country == c.place.country
                            && k.place.admin1.is_some()
                            && k.place.admin1 == c.place.admin1
                    }
                    _ => false,
                })
        })
}
