//! Toponym resolution: picks, for each recognised name, the place it means. Two passes. The
//! first settles the names that need no context: countries, demonyms, continents, first-level
//! regions and names whose best candidate outranks every rival by far. The second resolves the
//! rest with those as context: a strong prior for the countries the story has already named
//! (stronger within the same sentence), for the container named beside the place ("Bara in
//! Idleb", "Hays district (Al Hudaydah)", "Beirut's Hamra"), and for places near the settled
//! ones. The article's header countries are the strongest prior of all. One sense per story: a
//! name is resolved once and every mention shares it. The markets the caller read off company
//! news ("Corp", "Plc") count as countries the story has named.

use crate::gazetteer::fast_hash::{FastMap, FastSet};

use crate::gazetteer::Candidate;
use crate::gazetteer::data::CountryRecord;
use crate::gazetteer::lookup::distance_km;
use crate::model::{Country, GeoPrecision, Place, Span};

use super::toponym::Toponym;
use super::words::GeoRole;
use crate::extract::rules::GeoRules;

/// Bonus for a candidate in a country the article's header names.
const HEADER_BONUS: f64 = 14.0;
/// Bonus for a candidate in a country the story has settled elsewhere.
const STORY_COUNTRY_BONUS: f64 = 6.0;
/// Further bonus when that country was settled in the same sentence.
const SENTENCE_COUNTRY_BONUS: f64 = 4.0;
/// Bonus for a candidate inside the country of the container named beside it.
const CONTAINER_COUNTRY_BONUS: f64 = 10.0;
/// Further bonus for a candidate inside the container itself (its region, or near its town).
const CONTAINER_BONUS: f64 = 8.0;
/// How near a town must be to a town named as its container, in kilometres.
const CONTAINER_KM: f64 = 150.0;
/// Bonus for a candidate near the story's settled places.
const NEARBY_BONUS: f64 = 3.0;
/// How near "near" is, in kilometres.
const NEARBY_KM: f64 = 300.0;
/// Bonus for a capital city: news names capitals far more often than their namesakes.
const CAPITAL_BONUS: f64 = 8.0;
/// How far a name's best candidate must outrank its best rival elsewhere to settle without
/// context (a factor of e^6 in population for two towns).
const SETTLED_MARGIN: f64 = 6.0;

/// Bonus for the city when a name is followed by itself as its region ("Sao Paulo, Sao
/// Paulo"): the first names the city, and one sense per story gives every mention the city.
const TWIN_CITY_BONUS: f64 = 12.0;

/// Penalty for a first-level region that shares its name with a city inside it ("New York",
/// "Quebec", "Sao Paulo"): news that names such a pair means the city far more often than the
/// region, which would otherwise win on its class and summed population (and the city may be
/// known by another main name, "New York City", and pay the alternate-name penalty). The region
/// steps down rather than the city up, so a namesake city elsewhere keeps its chances (Tripoli in Lebanon
/// against Libya's capital and its region).
const NAMESAKE_REGION_PENALTY: f64 = 12.0;
/// How big that city must be to count: a village named after its province is no such seat.
const NAMESAKE_SEAT_POPULATION: u64 = 100_000;

/// A town at least this big, named by its own name, may stand in a sentence about other
/// countries.
const STRANGER_POPULATION: u64 = 100_000;

/// Penalty for a town matched by an alternate name only.
const ALTERNATE_NAME_PENALTY: f64 = 3.0;

/// How far a namesake must lie to count as a rival when settling a name.
const RIVAL_KM: f64 = 100.0;

/// Bonus for a town when the text calls the name a city ("Gaza city").
const NAMED_CITY_BONUS: f64 = 8.0;

/// Bonus for a candidate just over the border of a country the story names.
const NEIGHBOUR_BONUS: f64 = 4.0;
/// How far beyond a country's bounding box "just over the border" reaches, in degrees.
const NEIGHBOUR_DEGREES: f64 = 0.5;

/// The widest country box that says where a country's border runs, in degrees: the boxes of
/// larger countries, or of those with far-flung islands (the United States spans the globe),
/// hold their neighbours whole.
const NEIGHBOUR_BOX_DEGREES: f64 = 15.0;

/// Whether a point lies in, or within [`NEIGHBOUR_DEGREES`] of, the box `[south, west, north,
/// east]` of a compact country.
fn beside_box(bbox: [f64; 4], lat: f64, lon: f64) -> bool {
    let [south, west, north, east] = bbox;
    north - south <= NEIGHBOUR_BOX_DEGREES
        && east - west <= NEIGHBOUR_BOX_DEGREES
        && (south - NEIGHBOUR_DEGREES..=north + NEIGHBOUR_DEGREES).contains(&lat)
        && (west - NEIGHBOUR_DEGREES..=east + NEIGHBOUR_DEGREES).contains(&lon)
}

/// Bonus for a candidate inside the theatre of an organisation the story names.
const THEATRE_BONUS: f64 = 8.0;
/// How far a theatre reaches from its centre, in kilometres.
pub const THEATRE_KM: f64 = 160.0;

/// Resolves every toponym of `text`; the result is parallel to `toponyms`. `markets` are the
/// countries the story names without a place (its markets, its armed groups), `theatres` the
/// areas its organisations work in.
pub fn resolve(
    text: &str,
    toponyms: &[Toponym],
    header: &[Country],
    markets: &[Country],
    theatres: &[Place],
    records: &dyn Fn(Country) -> Option<&'static CountryRecord>,
    rules: &GeoRules,
) -> Vec<Option<Candidate>> {
    let capitals = |c: Country| records(c).map(|r| r.capital);
    let in_theatre = |c: &Candidate| {
        theatres.iter().any(|p| {
            p.country == c.place.country
                && distance_km(c.place.lat, c.place.lon, p.lat, p.lon) <= THEATRE_KM
        })
    };
    let sentence_of = sentence_ids(text, toponyms);
    let keys: FastSet<&str> = toponyms.iter().map(|t| t.key.as_str()).collect();
    // Each candidate's own name folded once, not at every score; and each distinct name once,
    // as a story repeats its toponyms and so their candidate lists.
    let mut own_names: FastSet<&str> = toponyms
        .iter()
        .flat_map(|t| t.candidates.iter())
        .map(|c| c.place.name.as_str())
        .collect();
    own_names.retain(|name| {
        crate::gazetteer::names::name_key(name).is_some_and(|k| keys.contains(k.as_str()))
    });
    let own_names = &own_names;
    let seats = seat_regions(toponyms);
    let prior = |t: &Toponym, c: &Candidate| -> f64 {
        let mut score = c.prior();
        // "Gaza city", "Amara city": the town, not the province of its name.
        if c.place.precision == GeoPrecision::City
            && main_name(c, own_names)
            && text
                .get(t.span.end..)
                .is_some_and(|rest| rest.starts_with(" city") || rest.starts_with(" City"))
        {
            score += NAMED_CITY_BONUS;
        }
        // A town found by one of its other names ("Philadelphia" for Amman) is a weaker reading
        // than a town of that very name.
        if c.place.precision == GeoPrecision::City && !c.by_demonym && !main_name(c, own_names) {
            score -= ALTERNATE_NAME_PENALTY;
        }
        if let Some(country) = c.place.country
            && c.place.precision == GeoPrecision::City
            && main_name(c, own_names)
            && capitals(country).is_some_and(|cap| cap == c.place.name)
        {
            score += CAPITAL_BONUS;
        }
        if let (Some(country), Some(admin1)) = (c.place.country, c.place.admin1.as_deref())
            && let Some(&region_prior) = seats.get(&(t.key.as_str(), country, admin1))
        {
            match c.place.precision {
                GeoPrecision::Admin1 => score -= NAMESAKE_REGION_PENALTY,
                // The city inherits the region's standing, so the story's country stays as
                // sure as the region made it ("Puno" is no Pune in India).
                GeoPrecision::City if c.population >= NAMESAKE_SEAT_POPULATION => {
                    score = score.max(region_prior + 1.0);
                }
                _ => {}
            }
        }
        if c.place
            .country
            .is_some_and(|country| header.contains(&country))
        {
            score += HEADER_BONUS;
        }
        score
    };
    // Which toponyms each one contains ("Idleb" holds "Bara"), or ends a route with (the
    // route's far end is resolved first, like a container).
    let contents: Vec<Vec<usize>> = toponyms
        .iter()
        .map(|k| {
            (0..toponyms.len())
                .filter(|&j| {
                    toponyms.get(j).is_some_and(|t| {
                        t.containers.contains(&k.span) || t.partner == Some(k.span)
                    })
                })
                .collect()
        })
        .collect();
    // Pass 1: what needs no context. A name beside its container, or named as one, waits for
    // pass 2, where the pair is weighed together.
    let settled: Vec<Option<Candidate>> = toponyms
        .iter()
        .zip(&contents)
        .map(|(t, held)| {
            if t.containers.is_empty() && t.partner.is_none() && held.is_empty() {
                settle(t, &prior)
            } else {
                None
            }
        })
        .collect();
    let settled = home_namesakes(toponyms, settled);
    // The story's countries, each with the sentences that name it; a market the story's
    // language points at counts as named, in no sentence.
    let mut countries: FastMap<Country, Vec<usize>> =
        markets.iter().map(|&c| (c, Vec::new())).collect();
    let mut anchors: Vec<(&str, f64, f64)> = Vec::new();
    // The same, by name only: "Saudi forces shelled villages in Sadah" names whose forces, not
    // where they fired.
    let mut named: FastMap<Country, Vec<usize>> = FastMap::default();
    for ((t, c), &sentence) in toponyms.iter().zip(&settled).zip(&sentence_of) {
        let Some(c) = c else { continue };
        if super::cues::names_currency(text, t.span, rules) {
            continue;
        }
        if let Some(country) = c.place.country {
            countries.entry(country).or_default().push(sentence);
            if !c.by_demonym && !super::cues::names_forces(text, t.span, rules) {
                named.entry(country).or_default().push(sentence);
            }
        }
        if matches!(c.place.precision, GeoPrecision::City | GeoPrecision::Admin1) {
            anchors.push((t.key.as_str(), c.place.lat, c.place.lon));
        }
    }
    // Pass 2: the rest, containers first (they sit after what they hold), so a place can lean on
    // its container's choice.
    let mut chosen: Vec<Option<Candidate>> = settled.clone();
    let mut by_key: FastMap<&str, Option<Candidate>> = FastMap::default();
    let twins: FastSet<&str> = toponyms
        .iter()
        .filter(|t| t.twin)
        .map(|t| t.key.as_str())
        .collect();
    // Containers first, then what they hold, then the rest; the last first within each.
    let mut order: Vec<usize> = (0..toponyms.len()).rev().collect();
    order.sort_by_key(|&i| {
        let held = contents.get(i).is_some_and(|h| !h.is_empty());
        let holds = toponyms
            .get(i)
            .is_some_and(|t| !t.containers.is_empty() || t.partner.is_some());
        match (held, holds) {
            (true, _) => 0,
            (false, true) => 1,
            (false, false) => 2,
        }
    });
    for i in order {
        let Some(t) = toponyms.get(i) else { continue };
        if chosen.get(i).is_some_and(Option::is_some) {
            continue;
        }
        if let Some(done) = by_key.get(t.key.as_str()) {
            if let Some(slot) = chosen.get_mut(i) {
                *slot = done.clone();
            }
            continue;
        }
        let sentence = sentence_of.get(i).copied().unwrap_or(0);
        let containers: Vec<&Candidate> = t
            .containers
            .iter()
            .filter_map(|span| position(toponyms, *span))
            .filter_map(|j| chosen.get(j).and_then(Option::as_ref))
            .collect();
        // The route's other end, as it was resolved.
        let partner = t
            .partner
            .and_then(|span| position(toponyms, span))
            .and_then(|j| chosen.get(j).and_then(Option::as_ref));
        // What it holds, each with how far below its likeliest reading each of its candidates
        // stands (0 for the likeliest).
        let held: Vec<(&Toponym, Vec<f64>)> = contents
            .get(i)
            .map(|h| {
                h.iter()
                    .filter_map(|&j| toponyms.get(j))
                    .map(|h| {
                        let priors: Vec<f64> = h.candidates.iter().map(|x| prior(h, x)).collect();
                        let top = priors.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                        (h, priors.iter().map(|p| top - p).collect())
                    })
                    .collect()
            })
            .unwrap_or_default();
        // A container the text names, in a country none of the candidates lies in: the name is
        // a place the gazetteer does not know ("Hamra" in "Beirut's Hamra district").
        // A large city under its own name is sure enough to doubt the container instead
        // ("Freetown city (Western Area Urban, Western)": some other country's Western).
        if !containers.is_empty()
            && !t.candidates.iter().any(|c| {
                containers
                    .iter()
                    .any(|k| k.place.country.is_some() && k.place.country == c.place.country)
            })
            && !t
                .candidates
                .first()
                .is_some_and(|c| c.population >= STRANGER_POPULATION && main_name(c, own_names))
        {
            by_key.insert(t.key.as_str(), None);
            continue;
        }
        // The same within a country: a town beside its region or district ("Buruku (Chikun
        // LGA, Kaduna)") none of whose namesakes lies in that region is a local place the
        // gazetteer lacks, not the namesake in another province. It is still a place, and the
        // region is the best point for it.
        let regions: Vec<&&Candidate> = containers
            .iter()
            .filter(|k| k.place.precision == GeoPrecision::Admin1 && k.place.admin1.is_some())
            .collect();
        if !regions.is_empty()
            && t.candidates
                .iter()
                .any(|c| c.place.precision == GeoPrecision::City)
            && !t.candidates.iter().any(|c| {
                regions.iter().any(|k| {
                    c.place.precision != GeoPrecision::City
                        || container_bonus(c, k) > CONTAINER_COUNTRY_BONUS
                        || distance_km(c.place.lat, c.place.lon, k.place.lat, k.place.lon)
                            <= CONTAINER_KM
                })
            })
        {
            let region = regions.first().map(|k| (**k).clone());
            by_key.insert(t.key.as_str(), region.clone());
            if let Some(slot) = chosen.get_mut(i) {
                *slot = region;
            }
            continue;
        }
        let twin = twins.contains(t.key.as_str());
        let best = best_of(t, |c| {
            let mut score = prior(t, c);
            if twin && c.place.precision == GeoPrecision::City {
                score += TWIN_CITY_BONUS;
            }
            // A container whose namesakes hold what it contains ("Blaj of the Alba county").
            // A namesake that holds only an unlikely reading of what it contains counts less
            // ("Panama City (Bella Vista)": Arkansas' Bella Vista holds only Florida's Panama
            // City, the capital's Bella Vista holds the capital).
            let holds = held
                .iter()
                .map(|(h, below)| {
                    h.candidates
                        .iter()
                        .zip(below)
                        .map(|(x, below)| container_bonus(x, c) - below)
                        .fold(0.0, f64::max)
                })
                .fold(0.0, f64::max);
            score += holds / 2.0;
            if let Some(country) = c.place.country
                && let Some(sentences) = countries.get(&country)
            {
                score += STORY_COUNTRY_BONUS;
                if sentences.contains(&sentence) {
                    score += SENTENCE_COUNTRY_BONUS;
                }
            }
            if let Some(bonus) = containers
                .iter()
                .chain(&partner)
                .map(|k| container_bonus(c, k))
                .reduce(f64::max)
            {
                score += bonus;
            }
            let near = anchors
                .iter()
                .filter(|(k, _, _)| *k != t.key)
                .filter(|(_, la, lo)| distance_km(c.place.lat, c.place.lon, *la, *lo) <= NEARBY_KM)
                .count();
            if near > 0 {
                score += NEARBY_BONUS * (1.0 + (near as f64).ln());
            }
            if in_theatre(c) {
                score += THEATRE_BONUS;
            }
            // Just over the border of a country the story names ("Israeli forces ... in the
            // Bethlehem district"): the story's region, not a namesake on another continent.
            if let Some(country) = c.place.country
                && !countries.contains_key(&country)
                && countries.keys().any(|&named| {
                    records(named).is_some_and(|r| beside_box(r.bbox, c.place.lat, c.place.lon))
                })
            {
                score += NEIGHBOUR_BONUS;
            }
            score
        });
        // A small town of the theatre's country but outside it, in a story about the theatre,
        // is a local place of the theatre the gazetteer lacks ("the OSCE SMM observed 4
        // explosions near Orikhove": not the Orikhove 500 km west). The theatre is the best
        // point for it.
        let best = match best {
            Some(b)
                if t.containers.is_empty()
                    && b.place.precision == GeoPrecision::City
                    && b.population < STRANGER_POPULATION
                    && !in_theatre(&b) =>
            {
                theatres
                    .iter()
                    .find(|p| p.country == b.place.country)
                    .map(|p| Candidate {
                        place: p.clone(),
                        population: 0,
                        by_demonym: false,
                        imported: false,
                    })
                    .or(Some(b))
            }
            other => other,
        };
        // A small town abroad in a sentence that names only other countries is a local place
        // the gazetteer lacks ("the town of Bara ... Idleb" is no Brazilian Barra). Countries
        // named only by an adjective do not count: they say whose forces acted.
        let best = best.filter(|b| {
            let here: Vec<Country> = named
                .iter()
                .filter(|(_, s)| s.contains(&sentence))
                .map(|(c, _)| *c)
                .collect();
            here.is_empty()
                || b.place.precision != GeoPrecision::City
                || (b.population >= STRANGER_POPULATION && main_name(b, own_names))
                || b.place
                    .country
                    .is_some_and(|c| here.contains(&c) || header.contains(&c))
        });
        if let Some(country) = best.as_ref().and_then(|b| b.place.country) {
            countries.entry(country).or_default().push(sentence);
            named.entry(country).or_default().push(sentence);
        }
        by_key.insert(t.key.as_str(), best.clone());
        if let Some(slot) = chosen.get_mut(i) {
            *slot = best;
        }
    }
    keep_neighbourhoods_in_town(text, toponyms, &mut chosen, rules);
    // One sense per story: a name settled in pass 1 keeps that sense everywhere too — unless
    // the story places it somewhere once ("in Paris, Texas"): that mention's sense is the
    // story's.
    let mut first: FastMap<&str, Option<Candidate>> = FastMap::default();
    for (t, c) in toponyms.iter().zip(chosen.iter()) {
        if !t.containers.is_empty() && c.is_some() && !first.contains_key(t.key.as_str()) {
            first.insert(t.key.as_str(), c.clone());
        }
    }
    for (t, c) in toponyms.iter().zip(chosen.iter_mut()) {
        match first.get(t.key.as_str()) {
            Some(done) => *c = done.clone(),
            None => {
                first.insert(t.key.as_str(), c.clone());
            }
        }
    }
    chosen
}

/// How many other names must place the story in a country for a city there to outweigh a
/// more famous namesake the story gives no other sign of.
const HOME_MENTIONS: usize = 2;

/// A city settled abroad when the story names only another country where a namesake city lies:
/// "London" in a story that names Canada twice and Britain never is London, Ontario. The
/// namesake must be a city news names (a large one), and the story must name its country
/// through other names than this one.
fn home_namesakes(
    toponyms: &[Toponym],
    mut settled: Vec<Option<Candidate>>,
) -> Vec<Option<Candidate>> {
    let named = |country: Country, key: &str| {
        toponyms
            .iter()
            .zip(&settled)
            .filter(|(t, c)| {
                t.key != key && c.as_ref().is_some_and(|c| c.place.country == Some(country))
            })
            .count()
    };
    let mut moved: FastMap<&str, Candidate> = FastMap::default();
    for (t, c) in toponyms.iter().zip(&settled) {
        let Some(c) = c else { continue };
        let Some(country) = c.place.country else {
            continue;
        };
        if c.place.precision != GeoPrecision::City
            || c.by_demonym
            || moved.contains_key(t.key.as_str())
        {
            continue;
        }
        if named(country, &t.key) > 0 {
            continue;
        }
        let home = t
            .candidates
            .iter()
            .filter(|x| {
                x.place.precision == GeoPrecision::City
                    && x.population >= STRANGER_POPULATION
                    && x.place
                        .country
                        .is_some_and(|k| k != country && named(k, &t.key) >= HOME_MENTIONS)
            })
            .max_by(|a, b| a.prior().total_cmp(&b.prior()));
        if let Some(home) = home {
            moved.insert(t.key.as_str(), home.clone());
        }
    }
    for (t, c) in toponyms.iter().zip(settled.iter_mut()) {
        if let Some(home) = moved.get(t.key.as_str()) {
            *c = Some(home.clone());
        }
    }
    settled
}

/// How far a neighbourhood may lie from the town named before it, in kilometres.
const NEIGHBOURHOOD_KM: f64 = 40.0;

/// Whether the text names the toponym as a town's neighbourhood.
fn is_neighbourhood(text: &str, t: &Toponym, rules: &GeoRules) -> bool {
    let named = t.span.slice(text);
    let before = text.get(..t.span.start).unwrap_or("");
    let word_before = before
        .trim_end()
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("")
        .to_lowercase();
    let word_after = text
        .get(t.span.end..)
        .unwrap_or("")
        .trim_start()
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("")
        .to_lowercase();
    // The word alone ("in Colonia Ruffo Figueroa", the rest unknown) names a neighbourhood too.
    rules
        .words(GeoRole::NeighbourhoodBefore)
        .iter()
        .any(|w| starts_with_word(named, w) || w == word_before || named.eq_ignore_ascii_case(w))
        || rules.is(GeoRole::NeighbourhoodAfter, &word_after)
}

/// Whether `named` in lower case starts with the lower-case ASCII word `word` and a space. Only
/// ASCII lower-cases to ASCII (the Kelvin sign's "k" aside, in no such word), so comparing the
/// bytes case-blind answers without a lower-case copy of the name.
fn starts_with_word(named: &str, word: &str) -> bool {
    named
        .as_bytes()
        .get(..word.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(word.as_bytes()))
        && named.as_bytes().get(word.len()) == Some(&b' ')
}

/// A neighbourhood lies in the town named before it ("in Salvador, Bahia, ... in Periperi
/// neighborhood"): a namesake far from that town is another place, and the gazetteer, which
/// knows towns, not their neighbourhoods, does not know this one.
fn keep_neighbourhoods_in_town(
    text: &str,
    toponyms: &[Toponym],
    chosen: &mut [Option<Candidate>],
    rules: &GeoRules,
) {
    for i in 0..toponyms.len() {
        let Some(t) = toponyms.get(i) else { continue };
        // "the Crown Heights neighborhood of Brooklyn": the container says which town.
        if chosen.get(i).is_none_or(Option::is_none)
            || !t.containers.is_empty()
            || !is_neighbourhood(text, t, rules)
        {
            continue;
        }
        // The town named before it in the same paragraph.
        let town = toponyms
            .iter()
            .zip(chosen.iter())
            .take(i)
            .rev()
            .take_while(|(o, _)| {
                text.get(o.span.end..t.span.start)
                    .is_some_and(|gap| !gap.contains('\n'))
            })
            .filter_map(|(_, c)| c.as_ref())
            .find(|c| c.place.precision == GeoPrecision::City)
            .cloned();
        let Some(town) = town else { continue };
        let (lat, lon) = (town.place.lat, town.place.lon);
        // Unknown to the gazetteer, it is still in the town: the town is the best point for it.
        // So it is for the bare word ("Colonia" of "Colonia La Jauja"), whatever its namesakes.
        let bare = rules.is(
            GeoRole::NeighbourhoodBefore,
            &t.span.slice(text).to_lowercase(),
        );
        let near = t
            .candidates
            .iter()
            .filter(|_| !bare)
            .filter(|c| distance_km(c.place.lat, c.place.lon, lat, lon) <= NEIGHBOURHOOD_KM)
            .max_by(|a, b| a.prior().total_cmp(&b.prior()))
            .cloned()
            .unwrap_or(town);
        if let Some(slot) = chosen.get_mut(i) {
            *slot = Some(near);
        }
    }
}

/// The candidate a name means with no context, when that is beyond doubt.
fn settle(t: &Toponym, prior: &dyn Fn(&Toponym, &Candidate) -> f64) -> Option<Candidate> {
    let mut ranked: Vec<(f64, &Candidate)> =
        t.candidates.iter().map(|c| (prior(t, c), c)).collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (best_score, best) = *ranked.first()?;
    if best.by_demonym || best.place.precision == GeoPrecision::Region {
        return Some(best.clone());
    }
    let rival = ranked
        .iter()
        .skip(1)
        .find(|(_, c)| {
            distance_km(c.place.lat, c.place.lon, best.place.lat, best.place.lon) > RIVAL_KM
        })
        .map_or(f64::NEG_INFINITY, |(s, _)| *s);
    // A small town, even the only one of its name, may be a place the gazetteer lacks: it waits
    // for context.
    let small_town =
        best.place.precision == GeoPrecision::City && best.population < STRANGER_POPULATION;
    (best_score - rival >= SETTLED_MARGIN && !small_town).then(|| best.clone())
}

/// The first-level regions that a toponym (by key) names together with a city inside them, under
/// the same name: for "New York", the state of New York (which holds New York City). Each is
/// keyed by the toponym's key, its country and its admin1 code, and gives the region's prior.
fn seat_regions(toponyms: &[Toponym]) -> FastMap<(&str, Country, &str), f64> {
    let mut regions = FastMap::default();
    // A name that may be a country or a region means that first ("Mexico" is no Mexico City).
    let wider = |c: &Candidate| {
        matches!(
            c.place.precision,
            GeoPrecision::Country | GeoPrecision::Region
        )
    };
    for t in toponyms.iter().filter(|t| !t.candidates.iter().any(wider)) {
        for a in t.candidates.iter() {
            let (Some(country), Some(admin1)) = (a.place.country, a.place.admin1.as_deref()) else {
                continue;
            };
            let holds_seat = a.place.precision == GeoPrecision::Admin1
                && t.candidates.iter().any(|c| {
                    c.place.precision == GeoPrecision::City
                        && !c.by_demonym
                        && c.population >= NAMESAKE_SEAT_POPULATION
                        // Named so itself ("New York City"), not only by an old name of the
                        // region's ("Pernambuco" for Recife).
                        && crate::gazetteer::names::name_key(&c.place.name)
                            .is_some_and(|k| k.contains(t.key.as_str()))
                        && c.place.country == Some(country)
                        && c.place.admin1.as_deref() == Some(admin1)
                });
            if holds_seat {
                regions.insert((t.key.as_str(), country, admin1), a.prior());
            }
        }
    }
    regions
}

/// How much lying inside `container` counts for `c`.
fn container_bonus(c: &Candidate, container: &Candidate) -> f64 {
    if c.place.country.is_none() || c.place.country != container.place.country {
        return 0.0;
    }
    let inside = match container.place.precision {
        GeoPrecision::Admin1 => {
            c.place.admin1.is_some() && c.place.admin1 == container.place.admin1
        }
        GeoPrecision::City | GeoPrecision::Point => {
            distance_km(
                c.place.lat,
                c.place.lon,
                container.place.lat,
                container.place.lon,
            ) <= CONTAINER_KM
        }
        GeoPrecision::Country | GeoPrecision::Region => false,
    };
    CONTAINER_COUNTRY_BONUS + if inside { CONTAINER_BONUS } else { 0.0 }
}

/// Whether the candidate's own name is one of the mentioned names (`own_names`: the candidates'
/// names whose keys the story mentions).
fn main_name(c: &Candidate, own_names: &FastSet<&str>) -> bool {
    own_names.contains(c.place.name.as_str())
}

fn position(toponyms: &[Toponym], span: Span) -> Option<usize> {
    toponyms.iter().position(|t| t.span == span)
}

/// For each toponym, the number of the sentence it stands in (sentences end at ". ", "! ",
/// "? " or a line break).
fn sentence_ids(text: &str, toponyms: &[Toponym]) -> Vec<usize> {
    let mut ids = Vec::with_capacity(toponyms.len());
    let (mut id, mut from) = (0, 0);
    for t in toponyms {
        let between = text.get(from..t.span.start).unwrap_or("").as_bytes();
        // Line breaks and ". ", "! ", "? " (which cannot overlap), counted in one walk.
        id += between
            .iter()
            .enumerate()
            .filter(|&(i, &b)| {
                b == b'\n' || (matches!(b, b'.' | b'!' | b'?') && between.get(i + 1) == Some(&b' '))
            })
            .count();
        ids.push(id);
        from = t.span.start.max(from);
    }
    ids
}

fn best_of(t: &Toponym, score: impl Fn(&Candidate) -> f64) -> Option<Candidate> {
    t.candidates
        .iter()
        .map(|c| (score(c), c))
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c.clone())
}
