//! The toponym ranker: what is known of one candidate for one name, as numbers ([`Features`]),
//! and the weights that turn them into the candidate's score ([`Weights`], the table
//! `rules/geo/ranker.tsv`). [`super::resolve`] computes the features from the story and picks
//! the candidate that scores highest; it owns every decision that is no weighing (the order of
//! the passes, one sense per story, the names the gazetteer lacks). This module owns no
//! context: it never reads the text.
//!
//! The score is linear, `Σ weight × feature`, in units of the population feature: a score 1
//! higher is worth a factor e in population. The weights are fitted by `tools/fit_ranker.py`
//! on documents synthesised from the gazetteer (a conditional logit over each name's
//! candidates); features the synthesised documents cannot teach keep the rules' weights.
//!
//! [`traced`] records the features of every weighing, for that tool (`examples/rank_features.rs`).

use std::cell::RefCell;

use crate::gazetteer::Candidate;
use crate::model::GeoPrecision;

macro_rules! features {
    ($($(#[doc = $doc:literal])* $variant:ident = $name:literal, $rules:expr;)*) => {
        /// One thing known of a candidate, as a number (mostly 0 or 1).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Feature {
            $($(#[doc = $doc])* $variant,)*
        }

        impl Feature {
            /// Every feature, in table order.
            pub const ALL: &'static [Feature] = &[$(Feature::$variant),*];

            /// Its name in `rules/geo/ranker.tsv`.
            pub fn table_name(self) -> &'static str {
                match self {
                    $(Feature::$variant => $name,)*
                }
            }

            /// The weight the hand-set rules gave it (the score before the ranker was fitted).
            pub fn rules_weight(self) -> f64 {
                match self {
                    $(Feature::$variant => $rules,)*
                }
            }
        }
    };
}

features! {
    /// The candidate is a country.
    ClassCountry = "class_country", 9.0;
    /// The candidate is a region larger than a country ("Europe", "the Middle East").
    ClassRegion = "class_region", 20.0;
    /// The candidate is a first-level region (a state, a province).
    ClassAdmin1 = "class_admin1", 5.0;
    /// ln(1 + population): the unit of the score.
    LogPopulation = "log_population", 1.0;
    /// A town the text calls a city ("Gaza city").
    NamedCity = "named_city", 8.0;
    /// A town matched by one of its other names only ("Philadelphia" for Amman).
    AlternateName = "alternate_name", -3.0;
    /// Its country's capital, named by its own name.
    Capital = "capital", 8.0;
    /// A first-level region that shares its name with a big city inside it ("New York").
    NamesakeRegion = "namesake_region", -12.0;
    /// How far a big city named as its own region is lifted to just above the region ("New
    /// York"), in score units: a rule, never fitted.
    SeatLift = "seat_lift", 1.0;
    /// In a country the article's header names.
    Header = "header", 14.0;
    /// A town or region in the first-level region of the story's dateline.
    HomeRegion = "home_region", 10.0;
    /// A town near the story's dateline town (within 100 km).
    HomeNear = "home_near", 4.0;
    /// In the country of the story's dateline.
    HomeCountry = "home_country", 0.0;
    /// The city of a name followed by itself as its region ("Sao Paulo, Sao Paulo").
    TwinCity = "twin_city", 12.0;
    /// How well it holds what the text says it contains ("Blaj of the Alba county"), in
    /// container weights.
    Holds = "holds", 0.5;
    /// In a country the story has settled elsewhere.
    StoryCountry = "story_country", 6.0;
    /// In a country settled in the same sentence.
    SentenceCountry = "sentence_country", 4.0;
    /// In the country of the container named beside it ("Bara in Idleb").
    ContainerCountry = "container_country", 10.0;
    /// Inside that container itself (its region, or near its town).
    ContainerInside = "container_inside", 8.0;
    /// Near the story's settled places: 1 + ln(how many lie within 300 km), 0 when none.
    Nearby = "nearby", 3.0;
    /// How far the nearest of the story's settled places lies: ln(1 + km) / ln(20 000), 0
    /// when the story has none.
    AnchorDistance = "anchor_distance", 0.0;
    /// In the first-level region of one of the story's settled places.
    AnchorRegion = "anchor_region", 0.0;
    /// In the theatre of an organisation the story names.
    Theatre = "theatre", 8.0;
    /// Just over the border of a country the story names.
    Neighbour = "neighbour", 4.0;
}

/// The features of one candidate, indexed by [`Feature`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Features {
    values: [f64; Feature::ALL.len()],
}

impl Features {
    /// The features a candidate has before any context: its class and population.
    pub fn of(c: &Candidate) -> Features {
        let mut f = Features::default();
        match c.place.precision {
            GeoPrecision::Country => f.set(Feature::ClassCountry, 1.0),
            GeoPrecision::Region => f.set(Feature::ClassRegion, 1.0),
            GeoPrecision::Admin1 => f.set(Feature::ClassAdmin1, 1.0),
            GeoPrecision::City | GeoPrecision::Point => {}
        }
        f.set(Feature::LogPopulation, (1.0 + c.population as f64).ln());
        f
    }

    /// Sets one feature.
    pub fn set(&mut self, feature: Feature, value: f64) {
        if let Some(slot) = self.values.get_mut(feature as usize) {
            *slot = value;
        }
    }

    /// Adds to one feature.
    pub fn add(&mut self, feature: Feature, value: f64) {
        if let Some(slot) = self.values.get_mut(feature as usize) {
            *slot += value;
        }
    }

    /// One feature's value.
    pub fn get(&self, feature: Feature) -> f64 {
        self.values.get(feature as usize).copied().unwrap_or(0.0)
    }
}

/// What each feature is worth: the rows of `rules/geo/ranker.tsv`.
#[derive(Clone, Debug, PartialEq)]
pub struct Weights {
    values: [f64; Feature::ALL.len()],
}

impl Default for Weights {
    /// The hand-set rules' weights.
    fn default() -> Weights {
        let mut values = [0.0; Feature::ALL.len()];
        for (slot, f) in values.iter_mut().zip(Feature::ALL) {
            *slot = f.rules_weight();
        }
        Weights { values }
    }
}

impl Weights {
    /// Sets one weight.
    pub fn set(&mut self, feature: Feature, weight: f64) {
        if let Some(slot) = self.values.get_mut(feature as usize) {
            *slot = weight;
        }
    }

    /// One weight.
    pub fn get(&self, feature: Feature) -> f64 {
        self.values.get(feature as usize).copied().unwrap_or(0.0)
    }

    /// The score of a candidate with `features`.
    pub fn score(&self, features: &Features) -> f64 {
        self.values
            .iter()
            .zip(&features.values)
            .map(|(w, x)| w * x)
            .sum()
    }
}

/// One weighing of a name's candidates, as [`traced`] records it.
#[derive(Clone, Debug, PartialEq)]
pub struct Weighing {
    /// The text the name stands in.
    pub text: String,
    /// The name's byte span in it.
    pub span: crate::model::Span,
    /// Which weighing: `settle` (pass 1, before context) or `context` (pass 2).
    pub stage: &'static str,
    /// Whether the weighing decided the name (a pass-1 weighing may leave it to pass 2).
    pub decided: bool,
    /// Each candidate with its features.
    pub candidates: Vec<(Candidate, Features)>,
}

thread_local! {
    /// The weighings of the running [`traced`] call, if any.
    static TRACE: RefCell<Option<Vec<Weighing>>> = const { RefCell::new(None) };
}

/// Runs `f`, recording every weighing the ranker makes on this thread meanwhile.
pub fn traced<T>(f: impl FnOnce() -> T) -> (T, Vec<Weighing>) {
    let outer = TRACE.with(|t| t.borrow_mut().replace(Vec::new()));
    let out = f();
    let weighings = TRACE.with(|t| std::mem::replace(&mut *t.borrow_mut(), outer));
    (out, weighings.unwrap_or_default())
}

/// Whether a [`traced`] call is recording (so a weighing is worth describing).
pub(super) fn tracing() -> bool {
    TRACE.with(|t| t.borrow().is_some())
}

/// Records one weighing, when a [`traced`] call is recording.
pub(super) fn record(weighing: impl FnOnce() -> Weighing) {
    TRACE.with(|t| {
        if let Some(trace) = t.borrow_mut().as_mut() {
            trace.push(weighing());
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Country, Place};

    fn town(population: u64) -> Candidate {
        Candidate {
            place: Place {
                name: "Springfield".into(),
                geonameid: None,
                country: Country::from_code("US"),
                admin1: Some("IL".into()),
                lat: 39.8,
                lon: -89.6,
                precision: GeoPrecision::City,
            },
            population,
            by_demonym: false,
            imported: false,
        }
    }

    #[test]
    fn the_rules_weights_score_population_in_natural_log_units() {
        let weights = Weights::default();
        let small = weights.score(&Features::of(&town(1_000)));
        let big = weights.score(&Features::of(&town(1_000_000)));
        assert!((big - small - (1_000_001f64 / 1_001f64).ln()).abs() < 1e-9);
    }

    #[test]
    fn a_header_country_outweighs_a_thousandfold_population() {
        let weights = Weights::default();
        let mut home = Features::of(&town(1_000));
        home.set(Feature::Header, 1.0);
        let far = Features::of(&town(1_000_000));
        assert!(weights.score(&home) > weights.score(&far));
    }

    #[test]
    fn every_feature_has_a_distinct_table_name() {
        let mut names: Vec<&str> = Feature::ALL.iter().map(|f| f.table_name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Feature::ALL.len());
    }

    #[test]
    fn a_dateline_gives_its_state_s_namesake_the_home_features() {
        let article = crate::ingest::ArticleInput {
            text: "SPRINGFIELD, Ill. - Police in Springfield said the fire started near \
                   Chatham on Sunday."
                .into(),
            ..crate::ingest::ArticleInput::default()
        };
        let (geoparse, weighings) = traced(|| crate::extract::geo::geoparse(&article));
        let springfield = geoparse
            .places
            .iter()
            .find(|p| p.text == "Springfield")
            .map(|p| (p.place.country.map(|c| c.code()), p.place.admin1.clone()));
        assert_eq!(
            springfield,
            Some((Some("US"), Some("Illinois".to_string())))
        );
        // Every weighing of the body's Springfield gives Illinois' the home features, and no
        // namesake outside Illinois the home region.
        let of_springfield: Vec<&Weighing> = weighings
            .iter()
            .filter(|w| w.span.slice(&article.text) == "Springfield")
            .collect();
        assert!(!of_springfield.is_empty());
        for w in of_springfield {
            for (c, f) in &w.candidates {
                let in_illinois = c.place.country.map(|c| c.code()) == Some("US")
                    && c.place.admin1.as_deref() == Some("Illinois");
                assert_eq!(f.get(Feature::HomeRegion) == 1.0, in_illinois, "{c:?}");
            }
        }
    }

    #[test]
    fn traced_records_only_inside_its_call() {
        record(|| unreachable!("nothing records outside traced"));
        let ((), weighings) = traced(|| {
            record(|| Weighing {
                text: "x".into(),
                span: crate::model::Span { start: 0, end: 1 },
                stage: "settle",
                decided: true,
                candidates: Vec::new(),
            })
        });
        assert_eq!(weighings.len(), 1);
        assert!(!tracing());
    }
}
