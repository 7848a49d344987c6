//! Toponym resolution: picks, for each recognised name, the place it means. Two passes. The
//! first settles the names that need no context: countries, demonyms, continents, first-level
//! regions and names whose best candidate outranks every rival by far. The second resolves the
//! rest with those as context: a strong prior for the countries the story has already named
//! (stronger within the same sentence), for the container named beside the place ("Bara in
//! Idleb", "Hays district (Al Hudaydah)", "Beirut's Hamra"), and for places near the settled
//! ones. The article's header countries are the strongest prior of all. One sense per story: a
//! name is resolved once and every mention shares it. The markets the caller read off company
//! news ("Corp", "Plc") count as countries the story has named.
//!
//! This module computes what is known of each candidate ([`super::rank::Features`]); how much
//! each thing counts is the ranker's table (`rules/geo/ranker.tsv`, [`super::rank::Weights`]).

use crate::gazetteer::fast_hash::{FastMap, FastSet};

use crate::gazetteer::Candidate;
use crate::gazetteer::data::CountryRecord;
use crate::gazetteer::lookup::distance_km;
use crate::model::{Country, GeoPrecision, Place, Span};

use super::rank::{Feature, Features, Weighing, Weights};
use super::toponym::Toponym;
use super::words::GeoRole;
use crate::extract::rules::GeoRules;

/// How far a town must lie from a town named as its container to be outside it, in kilometres.
const CONTAINER_KM: f64 = 150.0;
/// How near "near" is, in kilometres.
const NEARBY_KM: f64 = 300.0;
/// How far a name's best candidate must outrank its best rival elsewhere to settle without
/// context, in score units (a factor of e^6 in population for two towns).
const SETTLED_MARGIN: f64 = 6.0;

/// How big a city named as its own region must be to count as the region's seat: a village
/// named after its province is no such seat.
const NAMESAKE_SEAT_POPULATION: u64 = 100_000;

/// A town at least this big, named by its own name, may stand in a sentence about other
/// countries.
const STRANGER_POPULATION: u64 = 100_000;

/// How far a namesake must lie to count as a rival when settling a name.
const RIVAL_KM: f64 = 100.0;

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

/// How far a theatre reaches from its centre, in kilometres.
pub const THEATRE_KM: f64 = 160.0;

/// How far above its region's standing a city of the region's name stands ("Puno" is no Pune
/// in India), in score units: just above, so the story's country stays as sure as the region
/// made it.
const SEAT_OVER_REGION: f64 = 1.0;

/// Resolves every toponym of `text`; the result is parallel to `toponyms`. `markets` are the
/// countries the story names without a place (its markets, its armed groups), `theatres` the
/// areas its organisations work in.
///
/// 1. Pass 1 settles what needs no context ([`Resolution::settled`]).
/// 2. Those settled give the story's countries and anchors ([`Resolution::story_countries`]).
/// 3. Pass 2 resolves the rest in context, containers first ([`Resolution::in_context`]).
/// 4. Neighbourhoods stay in their town, and one sense per story ([`one_sense`]).
#[allow(clippy::too_many_arguments)]
pub fn resolve(
    text: &str,
    toponyms: &[Toponym],
    header: &[Country],
    markets: &[Country],
    theatres: &[Place],
    home: Option<&Candidate>,
    records: &dyn Fn(Country) -> Option<&'static CountryRecord>,
    rules: &GeoRules,
) -> Vec<Option<Candidate>> {
    let mut resolution = Resolution::new(text, toponyms, header, theatres, records, rules);
    resolution.home = home;
    let settled = resolution.settled();
    let story = resolution.story_countries(markets, &settled);
    let mut chosen = resolution.in_context(settled, story);
    keep_neighbourhoods_in_town(text, toponyms, &mut chosen, rules);
    one_sense(toponyms, &mut chosen);
    chosen
}

/// One text's toponyms being resolved, with what is computed of them once.
struct Resolution<'a> {
    text: &'a str,
    toponyms: &'a [Toponym],
    /// The countries the article's header names.
    header: &'a [Country],
    /// The areas the story's organisations work in.
    theatres: &'a [Place],
    records: &'a dyn Fn(Country) -> Option<&'static CountryRecord>,
    rules: &'a GeoRules,
    /// The story's home, as its dateline names it ([`super::dateline::home`]).
    home: Option<&'a Candidate>,
    /// For each toponym, the number of its sentence.
    sentence_of: Vec<usize>,
    /// The candidates' own names whose keys the story mentions: each folded once, not at every
    /// score, and each distinct name once, as a story repeats its toponyms.
    own_names: FastSet<&'a str>,
    /// What each feature is worth.
    weights: &'a Weights,
    /// The regions each name names together with a city of theirs under the same name.
    seats: FastMap<(&'a str, Country, &'a str), f64>,
    /// For each toponym, those it contains ("Idleb" holds "Bara") or ends a route with (the
    /// route's far end is resolved first, like a container).
    contents: Vec<Vec<usize>>,
}

/// The story's countries as the settled names give them, and its anchors.
struct StoryCountries<'a> {
    /// Each country with the sentences that name it; a market the story's language points at
    /// counts as named, in no sentence.
    countries: FastMap<Country, Vec<usize>>,
    /// The same, by name only: "Saudi forces shelled villages in Sadah" names whose forces,
    /// not where they fired.
    named: FastMap<Country, Vec<usize>>,
    /// The settled towns and regions.
    anchors: Vec<Anchor<'a>>,
}

/// A settled town or region of the story: its name's key, its point and its region.
struct Anchor<'a> {
    key: &'a str,
    lat: f64,
    lon: f64,
    country: Option<Country>,
    admin1: Option<String>,
}

/// The distance that stands for "the other side of the world", in kilometres: the scale of
/// [`Feature::AnchorDistance`].
const FAR_KM: f64 = 20_000.0;

/// A name's reading in pass 2, and whether it came from weighing its candidates (only such a
/// reading names its country for the names after it).
struct Reading {
    candidate: Option<Candidate>,
    weighed: bool,
}

impl<'a> Resolution<'a> {
    fn new(
        text: &'a str,
        toponyms: &'a [Toponym],
        header: &'a [Country],
        theatres: &'a [Place],
        records: &'a dyn Fn(Country) -> Option<&'static CountryRecord>,
        rules: &'a GeoRules,
    ) -> Resolution<'a> {
        let keys: FastSet<&str> = toponyms.iter().map(|t| t.key.as_str()).collect();
        let mut own_names: FastSet<&str> = toponyms
            .iter()
            .flat_map(|t| t.candidates.iter())
            .map(|c| c.place.name.as_str())
            .collect();
        own_names.retain(|name| {
            crate::gazetteer::names::name_key(name).is_some_and(|k| keys.contains(k.as_str()))
        });
        let contents = toponyms
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
        Resolution {
            text,
            toponyms,
            header,
            theatres,
            records,
            rules,
            home: None,
            sentence_of: sentence_ids(text, toponyms),
            own_names,
            weights: rules.ranker(),
            seats: seat_regions(toponyms, rules.ranker()),
            contents,
        }
    }

    /// Whether the candidate's own name is one the story mentions.
    fn main_name(&self, c: &Candidate) -> bool {
        main_name(c, &self.own_names)
    }

    /// Whether a candidate lies in the theatre of an organisation the story names.
    fn in_theatre(&self, c: &Candidate) -> bool {
        self.theatres.iter().any(|p| {
            p.country == c.place.country
                && distance_km(c.place.lat, c.place.lon, p.lat, p.lon) <= THEATRE_KM
        })
    }

    /// A candidate's score before context ([`Resolution::prior_features`]).
    fn prior(&self, t: &Toponym, c: &Candidate) -> f64 {
        self.weights.score(&self.prior_features(t, c))
    }

    /// A candidate's features before context: its class and population, a named city ("Gaza
    /// city"), an alternate name, a capital, a region named with its seat city, the header's
    /// countries, the story's home.
    fn prior_features(&self, t: &Toponym, c: &Candidate) -> Features {
        let mut f = Features::of(c);
        let city = c.place.precision == GeoPrecision::City;
        // "Gaza city", "Amara city": the town, not the province of its name.
        if city
            && self.main_name(c)
            && self
                .text
                .get(t.span.end..)
                .is_some_and(|rest| rest.starts_with(" city") || rest.starts_with(" City"))
        {
            f.set(Feature::NamedCity, 1.0);
        }
        // A town found by one of its other names ("Philadelphia" for Amman) is a weaker reading
        // than a town of that very name.
        if city && !c.by_demonym && !self.main_name(c) {
            f.set(Feature::AlternateName, 1.0);
        }
        if let Some(country) = c.place.country
            && city
            && self.main_name(c)
            && (self.records)(country).is_some_and(|r| r.capital == c.place.name)
        {
            f.set(Feature::Capital, 1.0);
        }
        if let (Some(country), Some(admin1)) = (c.place.country, c.place.admin1.as_deref())
            && let Some(&region_prior) = self.seats.get(&(t.key.as_str(), country, admin1))
        {
            match c.place.precision {
                // News that names such a pair means the city far more often than the region,
                // which would otherwise win on its class and summed population. The region
                // steps down rather than the city up, so a namesake city elsewhere keeps its
                // chances (Tripoli in Lebanon against Libya's capital and its region).
                GeoPrecision::Admin1 => f.set(Feature::NamesakeRegion, 1.0),
                // The city inherits the region's standing, so the story's country stays as
                // sure as the region made it ("Puno" is no Pune in India).
                GeoPrecision::City if c.population >= NAMESAKE_SEAT_POPULATION => {
                    let own = self.weights.score(&f);
                    let lift = (region_prior + SEAT_OVER_REGION - own).max(0.0);
                    let unit = self.weights.get(Feature::SeatLift);
                    if unit != 0.0 {
                        f.set(Feature::SeatLift, lift / unit);
                    }
                }
                _ => {}
            }
        }
        if c.place
            .country
            .is_some_and(|country| self.header.contains(&country))
        {
            f.set(Feature::Header, 1.0);
        }
        if let Some(home) = self.home {
            home_features(c, home, &mut f);
        }
        f
    }

    /// Pass 1: what needs no context. A name beside its container, or named as one, waits for
    /// pass 2, where the pair is weighed together; a city settled abroad may come home
    /// ([`home_namesakes`]).
    fn settled(&self) -> Vec<Option<Candidate>> {
        let settled = self
            .toponyms
            .iter()
            .zip(&self.contents)
            .map(|(t, held)| {
                if t.containers.is_empty() && t.partner.is_none() && held.is_empty() {
                    self.settle(t)
                } else {
                    None
                }
            })
            .collect();
        home_namesakes(self.toponyms, settled)
    }

    /// The story's countries and anchors as the settled names give them.
    fn story_countries(
        &self,
        markets: &[Country],
        settled: &[Option<Candidate>],
    ) -> StoryCountries<'a> {
        let (text, rules) = (self.text, self.rules);
        let mut story = StoryCountries {
            countries: markets.iter().map(|&c| (c, Vec::new())).collect(),
            named: FastMap::default(),
            anchors: Vec::new(),
        };
        for ((t, c), &sentence) in self.toponyms.iter().zip(settled).zip(&self.sentence_of) {
            let Some(c) = c else { continue };
            if super::cues::names_currency(text, t.span, rules) {
                continue;
            }
            if let Some(country) = c.place.country {
                story.countries.entry(country).or_default().push(sentence);
                if !c.by_demonym && !super::cues::names_forces(text, t.span, rules) {
                    story.named.entry(country).or_default().push(sentence);
                }
            }
            if matches!(c.place.precision, GeoPrecision::City | GeoPrecision::Admin1) {
                story.anchors.push(Anchor {
                    key: t.key.as_str(),
                    lat: c.place.lat,
                    lon: c.place.lon,
                    country: c.place.country,
                    admin1: c.place.admin1.clone(),
                });
            }
        }
        story
    }

    /// Pass 2: the rest, containers first (they sit after what they hold), so a place can lean
    /// on its container's choice; each name once, every mention sharing its reading.
    fn in_context(
        &self,
        settled: Vec<Option<Candidate>>,
        mut story: StoryCountries<'a>,
    ) -> Vec<Option<Candidate>> {
        let toponyms = self.toponyms;
        let mut chosen = settled;
        let mut by_key: FastMap<&str, Option<Candidate>> = FastMap::default();
        let twins: FastSet<&str> = toponyms
            .iter()
            .filter(|t| t.twin)
            .map(|t| t.key.as_str())
            .collect();
        for i in self.pass_order() {
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
            let twin = twins.contains(t.key.as_str());
            let reading = self.read(i, t, twin, &chosen, &story);
            let sentence = self.sentence_of.get(i).copied().unwrap_or(0);
            if reading.weighed
                && let Some(country) = reading.candidate.as_ref().and_then(|b| b.place.country)
            {
                story.countries.entry(country).or_default().push(sentence);
                story.named.entry(country).or_default().push(sentence);
            }
            by_key.insert(t.key.as_str(), reading.candidate.clone());
            if let Some(slot) = chosen.get_mut(i).filter(|_| reading.candidate.is_some()) {
                *slot = reading.candidate;
            }
        }
        chosen
    }

    /// The order of pass 2: containers first, then what they hold, then the rest; the last
    /// first within each.
    fn pass_order(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.toponyms.len()).rev().collect();
        order.sort_by_key(|&i| {
            let held = self.contents.get(i).is_some_and(|h| !h.is_empty());
            let holds = self
                .toponyms
                .get(i)
                .is_some_and(|t| !t.containers.is_empty() || t.partner.is_some());
            match (held, holds) {
                (true, _) => 0,
                (false, true) => 1,
                (false, false) => 2,
            }
        });
        order
    }

    /// The reading of toponym `i` in context: none when its container lies in a country none
    /// of its candidates does ("Hamra" in "Beirut's Hamra district"); its region when none of
    /// its namesakes lies there ("Buruku (Chikun LGA, Kaduna)"); else its best candidate in
    /// context, a theatre standing in for a local place, unless it is a stranger in its
    /// sentence.
    fn read(
        &self,
        i: usize,
        t: &Toponym,
        twin: bool,
        chosen: &[Option<Candidate>],
        story: &StoryCountries,
    ) -> Reading {
        let toponyms = self.toponyms;
        let containers: Vec<&Candidate> = t
            .containers
            .iter()
            .filter_map(|span| position(toponyms, *span))
            .filter_map(|j| chosen.get(j).and_then(Option::as_ref))
            .collect();
        if self.unknown_beside(t, &containers) {
            return Reading {
                candidate: None,
                weighed: false,
            };
        }
        if let Some(region) = self.local_in_region(t, &containers) {
            return Reading {
                candidate: Some(region),
                weighed: false,
            };
        }
        // The route's other end, as it was resolved.
        let partner = t
            .partner
            .and_then(|span| position(toponyms, span))
            .and_then(|j| chosen.get(j).and_then(Option::as_ref));
        let sentence = self.sentence_of.get(i).copied().unwrap_or(0);
        let best = self.best_in_context(i, t, twin, &containers, partner, sentence, story);
        let best = self.theatre_stand_in(t, best);
        let best = best.filter(|b| !self.stranger(b, sentence, story));
        Reading {
            candidate: best,
            weighed: true,
        }
    }

    /// A container the text names, in a country none of the candidates lies in: the name is a
    /// place the gazetteer does not know ("Hamra" in "Beirut's Hamra district"). A large city
    /// under its own name is sure enough to doubt the container instead ("Freetown city (Western
    /// Area Urban, Western)": some other country's Western).
    fn unknown_beside(&self, t: &Toponym, containers: &[&Candidate]) -> bool {
        !containers.is_empty()
            && !t.candidates.iter().any(|c| {
                containers
                    .iter()
                    .any(|k| k.place.country.is_some() && k.place.country == c.place.country)
            })
            && !t
                .candidates
                .first()
                .is_some_and(|c| c.population >= STRANGER_POPULATION && self.main_name(c))
    }

    /// The same within a country: a town beside its region or district ("Buruku (Chikun LGA,
    /// Kaduna)") none of whose namesakes lies in that region is a local place the gazetteer
    /// lacks, not the namesake in another province. It is still a place, and the region is the
    /// best point for it.
    fn local_in_region(&self, t: &Toponym, containers: &[&Candidate]) -> Option<Candidate> {
        let regions: Vec<&&Candidate> = containers
            .iter()
            .filter(|k| k.place.precision == GeoPrecision::Admin1 && k.place.admin1.is_some())
            .collect();
        let local = !regions.is_empty()
            && t.candidates
                .iter()
                .any(|c| c.place.precision == GeoPrecision::City)
            && !t.candidates.iter().any(|c| {
                regions.iter().any(|k| {
                    c.place.precision != GeoPrecision::City
                        || container_fit(c, k) == ContainerFit::Inside
                        || distance_km(c.place.lat, c.place.lon, k.place.lat, k.place.lon)
                            <= CONTAINER_KM
                })
            });
        if local {
            regions.first().map(|k| (**k).clone())
        } else {
            None
        }
    }

    /// What toponym `i` holds, each with how far below its likeliest reading each of its
    /// candidates stands (0 for the likeliest).
    fn held(&self, i: usize) -> Vec<(&'a Toponym, Vec<f64>)> {
        let toponyms = self.toponyms;
        self.contents
            .get(i)
            .map(|h| {
                h.iter()
                    .filter_map(|&j| toponyms.get(j))
                    .map(|h| {
                        let priors: Vec<f64> =
                            h.candidates.iter().map(|x| self.prior(h, x)).collect();
                        let top = priors.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                        (h, priors.iter().map(|p| top - p).collect())
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The best candidate of toponym `i` in context: its prior, a twin's city, what it holds,
    /// the story's and the sentence's countries, its containers and route partner, the places
    /// near it, the story's theatres, and the borders of the story's countries.
    #[allow(clippy::too_many_arguments)]
    fn best_in_context(
        &self,
        i: usize,
        t: &Toponym,
        twin: bool,
        containers: &[&Candidate],
        partner: Option<&Candidate>,
        sentence: usize,
        story: &StoryCountries,
    ) -> Option<Candidate> {
        let held = self.held(i);
        let countries = &story.countries;
        let w = self.weights;
        let features = |c: &Candidate| {
            let mut f = self.prior_features(t, c);
            if twin && c.place.precision == GeoPrecision::City {
                f.set(Feature::TwinCity, 1.0);
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
                        .map(|(x, below)| container_fit(x, c).score(w) - below)
                        .fold(0.0, f64::max)
                })
                .fold(0.0, f64::max);
            f.set(Feature::Holds, holds);
            if let Some(country) = c.place.country
                && let Some(sentences) = countries.get(&country)
            {
                f.set(Feature::StoryCountry, 1.0);
                if sentences.contains(&sentence) {
                    f.set(Feature::SentenceCountry, 1.0);
                }
            }
            let fit = containers
                .iter()
                .copied()
                .chain(partner)
                .map(|k| container_fit(c, k))
                .max();
            match fit {
                Some(ContainerFit::Inside) => {
                    f.set(Feature::ContainerCountry, 1.0);
                    f.set(Feature::ContainerInside, 1.0);
                }
                Some(ContainerFit::Country) => f.set(Feature::ContainerCountry, 1.0),
                Some(ContainerFit::Elsewhere) | None => {}
            }
            let others = || story.anchors.iter().filter(|a| a.key != t.key);
            let near = others()
                .filter(|a| distance_km(c.place.lat, c.place.lon, a.lat, a.lon) <= NEARBY_KM)
                .count();
            if near > 0 {
                f.set(Feature::Nearby, 1.0 + (near as f64).ln());
            }
            let nearest = others()
                .map(|a| distance_km(c.place.lat, c.place.lon, a.lat, a.lon))
                .reduce(f64::min);
            if let Some(km) = nearest {
                f.set(Feature::AnchorDistance, (1.0 + km).ln() / FAR_KM.ln());
            }
            if c.place.country.is_some()
                && c.place.admin1.is_some()
                && others().any(|a| a.country == c.place.country && a.admin1 == c.place.admin1)
            {
                f.set(Feature::AnchorRegion, 1.0);
            }
            if self.in_theatre(c) {
                f.set(Feature::Theatre, 1.0);
            }
            // Just over the border of a country the story names ("Israeli forces ... in the
            // Bethlehem district"): the story's region, not a namesake on another continent.
            if let Some(country) = c.place.country
                && !countries.contains_key(&country)
                && countries.keys().any(|&named| {
                    (self.records)(named)
                        .is_some_and(|r| beside_box(r.bbox, c.place.lat, c.place.lon))
                })
            {
                f.set(Feature::Neighbour, 1.0);
            }
            f
        };
        let weighed: Vec<(Candidate, Features)> = t
            .candidates
            .iter()
            .map(|c| (c.clone(), features(c)))
            .collect();
        let best = weighed
            .iter()
            .map(|(c, f)| (w.score(f), c))
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, c)| c.clone());
        self.record(t, "context", true, weighed);
        best
    }

    /// Records a weighing of `t`'s candidates for [`super::rank::traced`].
    fn record(
        &self,
        t: &Toponym,
        stage: &'static str,
        decided: bool,
        candidates: Vec<(Candidate, Features)>,
    ) {
        super::rank::record(|| Weighing {
            text: self.text.to_string(),
            span: t.span,
            stage,
            decided,
            candidates,
        });
    }

    /// The candidate a name means with no context, when that is beyond doubt.
    fn settle(&self, t: &Toponym) -> Option<Candidate> {
        let mut ranked: Vec<(f64, &Candidate)> =
            t.candidates.iter().map(|c| (self.prior(t, c), c)).collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
        let settled = settle_ranked(&ranked);
        if super::rank::tracing() {
            let candidates = t
                .candidates
                .iter()
                .map(|c| (c.clone(), self.prior_features(t, c)))
                .collect();
            self.record(t, "settle", settled.is_some(), candidates);
        }
        settled
    }

    /// A small town of the theatre's country but outside it, in a story about the theatre, is a
    /// local place of the theatre the gazetteer lacks ("the OSCE SMM observed 4 explosions near
    /// Orikhove": not the Orikhove 500 km west). The theatre is the best point for it.
    fn theatre_stand_in(&self, t: &Toponym, best: Option<Candidate>) -> Option<Candidate> {
        match best {
            Some(b)
                if t.containers.is_empty()
                    && b.place.precision == GeoPrecision::City
                    && b.population < STRANGER_POPULATION
                    && !self.in_theatre(&b) =>
            {
                self.theatres
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
        }
    }

    /// A small town abroad in a sentence that names only other countries is a local place the
    /// gazetteer lacks ("the town of Bara ... Idleb" is no Brazilian Barra). Countries named only
    /// by an adjective do not count: they say whose forces acted.
    fn stranger(&self, b: &Candidate, sentence: usize, story: &StoryCountries) -> bool {
        let here: Vec<Country> = story
            .named
            .iter()
            .filter(|(_, s)| s.contains(&sentence))
            .map(|(c, _)| *c)
            .collect();
        !(here.is_empty()
            || b.place.precision != GeoPrecision::City
            || (b.population >= STRANGER_POPULATION && self.main_name(b))
            || b.place
                .country
                .is_some_and(|c| here.contains(&c) || self.header.contains(&c)))
    }
}

/// One sense per story: a name settled in pass 1 keeps that sense everywhere too — unless the
/// story places it somewhere once ("in Paris, Texas"): that mention's sense is the story's.
fn one_sense(toponyms: &[Toponym], chosen: &mut [Option<Candidate>]) {
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

/// The best of a name's candidates ranked by prior, best first, when it is beyond doubt.
fn settle_ranked(ranked: &[(f64, &Candidate)]) -> Option<Candidate> {
    let &(best_score, best) = ranked.first()?;
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
fn seat_regions<'t>(
    toponyms: &'t [Toponym],
    weights: &Weights,
) -> FastMap<(&'t str, Country, &'t str), f64> {
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
                regions.insert(
                    (t.key.as_str(), country, admin1),
                    weights.score(&Features::of(a)),
                );
            }
        }
    }
    regions
}

/// How near "near home" is, in kilometres: a local paper's area.
const HOME_KM: f64 = 100.0;

/// What the story's home says of `c`: its country, its region, nearness to it. A story names its
/// own state's towns without saying where they are.
fn home_features(c: &Candidate, home: &Candidate, f: &mut Features) {
    if c.by_demonym
        || matches!(
            c.place.precision,
            GeoPrecision::Country | GeoPrecision::Region
        )
        || c.place.country.is_none()
        || c.place.country != home.place.country
    {
        return;
    }
    f.set(Feature::HomeCountry, 1.0);
    if c.place.admin1.is_some() && c.place.admin1 == home.place.admin1 {
        f.set(Feature::HomeRegion, 1.0);
    }
    if c.place.precision != GeoPrecision::Admin1
        && home.place.precision != GeoPrecision::Admin1
        && distance_km(c.place.lat, c.place.lon, home.place.lat, home.place.lon) <= HOME_KM
    {
        f.set(Feature::HomeNear, 1.0);
    }
}

/// How a candidate lies towards a container named beside it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum ContainerFit {
    /// In another country.
    Elsewhere,
    /// In the container's country, not inside it.
    Country,
    /// Inside it: in its region, or near its town.
    Inside,
}

impl ContainerFit {
    /// What the fit is worth.
    fn score(self, weights: &Weights) -> f64 {
        let country = weights.get(Feature::ContainerCountry);
        match self {
            ContainerFit::Elsewhere => 0.0,
            ContainerFit::Country => country,
            ContainerFit::Inside => country + weights.get(Feature::ContainerInside),
        }
    }
}

/// How `c` lies towards `container`.
fn container_fit(c: &Candidate, container: &Candidate) -> ContainerFit {
    if c.place.country.is_none() || c.place.country != container.place.country {
        return ContainerFit::Elsewhere;
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
    if inside {
        ContainerFit::Inside
    } else {
        ContainerFit::Country
    }
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
