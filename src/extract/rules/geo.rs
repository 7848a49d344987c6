//! The geoparser's section of the rule book: the roles words play around a name
//! (`rules/geo/words.tsv`), the markers of a market's company news (`markets.tsv`), the one-word
//! abbreviations of regions (`region_abbreviations.tsv`), the organisations that tie a story to
//! one country (`rules/actors.tsv`, its names with a country) and the parts of a country some of
//! them work in (`rules/theatres.tsv`), and the toponym ranker's weights (`geo/ranker.tsv`).

use super::Tables;
use super::table::{Problem, Table};
use super::words::{Roles, WordSet};
use crate::extract::geo::rank::{Feature, Weights};
use crate::extract::geo::words::{GeoRole, WordForm};
use crate::extract::shapes::ShapeFilter;
use crate::gazetteer::fast_hash::FastMap;
use crate::gazetteer::names;
use crate::model::{Country, GeoPrecision, Place};

/// The longest name of an organisation, in words.
pub const MAX_AFFILIATION_WORDS: usize = 5;

/// Where a group or mission acts, when that is a part of its country: the point that stands
/// for the area, which reaches [`crate::extract::geo::resolve::THEATRE_KM`] around it.
#[derive(Debug, PartialEq)]
pub struct Theatre {
    /// The area's name.
    pub name: String,
    /// Its country.
    pub country: Country,
    /// Its centre's latitude.
    pub lat: f64,
    /// Its centre's longitude.
    pub lon: f64,
}

impl Theatre {
    /// The area as a place: its centre, as precise as a region.
    pub fn place(&self) -> Place {
        Place {
            name: self.name.clone(),
            geonameid: None,
            country: Some(self.country),
            admin1: None,
            lat: self.lat,
            lon: self.lon,
            precision: GeoPrecision::Admin1,
        }
    }
}

/// One organisation's name after its first word: the rest of its words, its country and its
/// theatre (an index into [`GeoRules::theatres`]).
pub type Affiliation = (Box<[Box<str>]>, Country, Option<usize>);

/// What the geoparser reads, compiled.
#[derive(Debug)]
pub struct GeoRules {
    /// The words of each role.
    words: Roles<GeoRole>,
    /// The markets' markers, as written, with their country and whether they are strong.
    markets: FastMap<Box<str>, (Country, bool)>,
    /// Their shapes: a story's first words ask, and nearly all are turned away unhashed.
    market_shapes: ShapeFilter,
    /// The regions' one-word abbreviations, as written, with the region's name and country.
    region_abbreviations: FastMap<Box<str>, (Box<str>, Country)>,
    /// The organisations' names by first word, as written, in table order.
    affiliations: FastMap<Box<str>, Vec<Affiliation>>,
    /// The shapes of their first words: nearly every word of a story is turned away by its
    /// shape before it is hashed.
    affiliation_shapes: ShapeFilter,
    /// The theatres.
    theatres: Vec<Theatre>,
    /// What each of the toponym ranker's features is worth.
    ranker: Weights,
}

impl GeoRules {
    /// Builds the section from its tables, noting every problem.
    pub(crate) fn build(tables: &Tables, problems: &mut Vec<Problem>) -> GeoRules {
        let mut rules = GeoRules {
            words: Roles::new(GeoRole::ALL.len()),
            markets: FastMap::default(),
            market_shapes: ShapeFilter::default(),
            region_abbreviations: FastMap::default(),
            affiliations: FastMap::default(),
            affiliation_shapes: ShapeFilter::default(),
            theatres: Vec::new(),
            ranker: Weights::default(),
        };
        rules.read_words(tables.get("geo/words.tsv"), problems);
        rules.read_markets(tables.get("geo/markets.tsv"), problems);
        rules.read_region_abbreviations(tables.get("geo/region_abbreviations.tsv"), problems);
        rules.read_theatres(tables.get("theatres.tsv"), problems);
        rules.read_affiliations(tables.get("actors.tsv"), problems);
        rules.read_ranker(tables.get("geo/ranker.tsv"), problems);
        rules
    }

    /// `geo/ranker.tsv`: feature, weight, origin. Every feature needs its row.
    fn read_ranker(&mut self, table: &Table, problems: &mut Vec<Problem>) {
        let mut seen = Vec::new();
        for row in &table.rows {
            let Some(&feature) = Feature::ALL.iter().find(|f| f.table_name() == row.field(0))
            else {
                let names: Vec<&str> = Feature::ALL.iter().map(|f| f.table_name()).collect();
                problems.push(table.problem(
                    row,
                    format!(
                        "unknown feature `{}` (the features are {})",
                        row.field(0),
                        names.join(", ")
                    ),
                ));
                continue;
            };
            let Some(weight) = row.field(1).parse::<f64>().ok().filter(|w| w.is_finite()) else {
                problems.push(table.problem(
                    row,
                    format!("the weight `{}` is no finite number", row.field(1)),
                ));
                continue;
            };
            if !matches!(row.field(2), "fitted" | "rules") {
                problems.push(table.problem(
                    row,
                    format!("the origin is `fitted` or `rules`, not `{}`", row.field(2)),
                ));
                continue;
            }
            self.ranker.set(feature, weight);
            seen.push(feature);
        }
        for feature in Feature::ALL.iter().filter(|f| !seen.contains(f)) {
            problems.push(Problem {
                file: table.file.clone(),
                line: 0,
                message: format!("no row gives the feature `{}`", feature.table_name()),
            });
        }
    }

    /// What each of the toponym ranker's features is worth.
    pub fn ranker(&self) -> &Weights {
        &self.ranker
    }

    /// `geo/words.tsv`: word, role.
    fn read_words(&mut self, table: &Table, problems: &mut Vec<Problem>) {
        for row in &table.rows {
            let word = row.field(0);
            let Some(role) = GeoRole::from_table_name(row.field(1)) else {
                problems.push(table.problem(
                    row,
                    format!(
                        "unknown role `{}` (the roles are {})",
                        row.field(1),
                        GeoRole::table_names()
                    ),
                ));
                continue;
            };
            let (fits, form) = match role.form() {
                WordForm::Folded => (names::fold(word).as_deref() == Some(word), "folded"),
                WordForm::Lower => (
                    word.to_lowercase() == word && !word.contains("  "),
                    "in lower case",
                ),
                WordForm::Written => (true, ""),
            };
            if !fits {
                problems.push(table.problem(
                    row,
                    format!(
                        "the role `{}` compares its words {form}: write `{}`",
                        role.table_name(),
                        names::fold(word).unwrap_or_else(|| word.to_lowercase())
                    ),
                ));
                continue;
            }
            self.words.insert(role, word);
        }
        for &role in GeoRole::ALL {
            if self.words.set(role).is_empty() {
                problems.push(Problem {
                    file: table.file.clone(),
                    line: 0,
                    message: format!("no word plays the role `{}`", role.table_name()),
                });
            }
        }
    }

    /// `geo/markets.tsv`: marker, country, strength.
    fn read_markets(&mut self, table: &Table, problems: &mut Vec<Problem>) {
        for row in &table.rows {
            let strong = match row.field(2) {
                "strong" => true,
                "weak" => false,
                other => {
                    problems.push(table.problem(
                        row,
                        format!("the strength is `strong` or `weak`, not `{other}`"),
                    ));
                    continue;
                }
            };
            if let Some(country) = country(table, row, 1, problems) {
                self.markets.insert(row.field(0).into(), (country, strong));
            }
        }
        self.market_shapes = self.markets.keys().map(|k| &**k).collect();
    }

    /// `geo/region_abbreviations.tsv`: abbreviation, region, country.
    fn read_region_abbreviations(&mut self, table: &Table, problems: &mut Vec<Problem>) {
        for row in &table.rows {
            if names::name_key(row.field(1)).is_none() {
                problems.push(table.problem(row, "the region's name has no key".to_string()));
                continue;
            }
            if let Some(country) = country(table, row, 2, problems) {
                self.region_abbreviations
                    .insert(row.field(0).into(), (row.field(1).into(), country));
            }
        }
    }

    /// Whether `word` (in its role's form) plays `role`.
    #[inline]
    pub fn is(&self, role: GeoRole, word: &str) -> bool {
        self.words.has(role, word)
    }

    /// The words of `role`.
    pub fn words(&self, role: GeoRole) -> &WordSet {
        self.words.set(role)
    }

    /// The market a marker of company news names, and whether the marker is strong.
    #[inline]
    pub fn market(&self, word: &str) -> Option<(Country, bool)> {
        if !self.market_shapes.may_contain(word) {
            return None;
        }
        self.markets.get(word).copied()
    }

    /// The region and country a one-word abbreviation stands for ("Ky": Kentucky).
    pub fn region_abbreviation(&self, word: &str) -> Option<(&str, Country)> {
        self.region_abbreviations
            .get(word)
            .map(|(region, country)| (&**region, *country))
    }

    /// `theatres.tsv`: theatre, country, lat, lon.
    fn read_theatres(&mut self, table: &Table, problems: &mut Vec<Problem>) {
        for row in &table.rows {
            let country = country(table, row, 1, problems);
            let coordinate = |i: usize, limit: f64| {
                row.field(i)
                    .parse::<f64>()
                    .ok()
                    .filter(|v| v.abs() <= limit)
            };
            let (Some(lat), Some(lon)) = (coordinate(2, 90.0), coordinate(3, 180.0)) else {
                problems.push(table.problem(
                    row,
                    "lat and lon must be degrees (-90..90, -180..180)".to_string(),
                ));
                continue;
            };
            if let Some(country) = country {
                self.theatres.push(Theatre {
                    name: row.field(0).to_string(),
                    country,
                    lat,
                    lon,
                });
            }
        }
    }

    /// `actors.tsv`: written, country, theatre (the canonical names are the event rules').
    fn read_affiliations(&mut self, table: &Table, problems: &mut Vec<Problem>) {
        for row in &table.rows {
            let (written, code, theatre) = (row.field(0), row.field(2), row.field(3));
            if code == "-" {
                if theatre != "-" {
                    problems.push(table.problem(row, "a theatre needs a country".to_string()));
                }
                continue;
            }
            let Some(country) = country(table, row, 2, problems) else {
                continue;
            };
            let theatre =
                match theatre {
                    "-" => None,
                    name => match self.theatres.iter().position(|t| t.name == name) {
                        Some(i) if self.theatres.get(i).is_some_and(|t| t.country == country) => {
                            Some(i)
                        }
                        Some(_) => {
                            problems.push(table.problem(
                                row,
                                format!("the theatre `{name}` lies in another country"),
                            ));
                            continue;
                        }
                        None => {
                            problems.push(
                                table.problem(row, format!("no theatre `{name}` in theatres.tsv")),
                            );
                            continue;
                        }
                    },
                };
            let mut words = written.split(' ');
            let Some(first) = words.next() else { continue };
            let rest: Box<[Box<str>]> = words.map(Box::from).collect();
            if rest.len() >= MAX_AFFILIATION_WORDS || rest.iter().any(|w| w.is_empty()) {
                problems.push(table.problem(
                    row,
                    format!(
                        "`{written}` must be at most {MAX_AFFILIATION_WORDS} words, one space \
                         between them"
                    ),
                ));
                continue;
            }
            self.affiliations
                .entry(first.into())
                .or_default()
                .push((rest, country, theatre));
        }
        self.affiliation_shapes = self.affiliations.keys().map(|k| &**k).collect();
    }

    /// The organisations whose name starts with `word`, as written.
    #[inline]
    pub fn affiliations_from(&self, word: &str) -> Option<&[Affiliation]> {
        if !self.affiliation_shapes.may_contain(word) {
            return None;
        }
        self.affiliations.get(word).map(Vec::as_slice)
    }

    /// The theatre at `index` of the table.
    pub fn theatre(&self, index: usize) -> Option<&Theatre> {
        self.theatres.get(index)
    }
}

/// The country of an ISO code in column `i`; a problem when it is none.
fn country(
    table: &Table,
    row: &super::table::Row,
    i: usize,
    problems: &mut Vec<Problem>,
) -> Option<Country> {
    let country = Country::from_code(row.field(i));
    if country.is_none() {
        problems.push(table.problem(
            row,
            format!("`{}` is no ISO 3166-1 country code", row.field(i)),
        ));
    }
    country
}

#[cfg(test)]
mod tests {
    use crate::extract::geo::rank::{Feature, Weights};
    use crate::extract::rules::Rules;

    /// A rules folder holding one ranker table.
    fn ranker_folder(table: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let geo = dir.path().join("geo");
        std::fs::create_dir_all(&geo).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(geo.join("ranker.tsv"), table).unwrap_or_else(|e| panic!("{e}"));
        dir
    }

    /// The embedded table with one row's weight replaced.
    fn table_with(feature: &str, weight: &str) -> String {
        let embedded = include_str!("../../../rules/geo/ranker.tsv");
        embedded
            .lines()
            .map(
                |line| match line.split('\t').collect::<Vec<_>>().as_slice() {
                    [name, _, origin] if *name == feature => format!("{name}\t{weight}\t{origin}"),
                    _ => line.to_string(),
                },
            )
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn the_embedded_ranker_is_the_rules_weights() {
        assert_eq!(Rules::embedded().geo.ranker(), &Weights::default());
    }

    #[test]
    fn a_folder_swaps_the_ranker_weights() {
        let dir = ranker_folder(&table_with("home_region", "2.5"));
        let rules = Rules::from_dir(dir.path()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(rules.geo.ranker().get(Feature::HomeRegion), 2.5);
        assert_eq!(rules.geo.ranker().get(Feature::Capital), 8.0);
    }

    #[test]
    fn a_bad_ranker_row_says_where() {
        let table = table_with("capital", "big")
            .replace("story_country\t", "story_countries\t")
            .replace("nearby\t3.0\trules", "nearby\t3.0\tguessed");
        let dir = ranker_folder(&table);
        let shown = match Rules::from_dir(dir.path()) {
            Ok(_) => String::new(),
            Err(e) => e.to_string(),
        };
        let line = |name: &str| {
            table
                .lines()
                .position(|l| l.starts_with(name))
                .map_or(0, |i| i + 1)
        };
        let file = format!("{}/geo/ranker.tsv", dir.path().display());
        for (name, message) in [
            ("capital", "the weight `big` is no finite number"),
            ("story_countries", "unknown feature `story_countries`"),
            ("nearby", "the origin is `fitted` or `rules`, not `guessed`"),
        ] {
            assert!(
                shown.contains(&format!("{file}:{}: {message}", line(name))),
                "{shown}"
            );
        }
        assert!(
            shown.contains("no row gives the feature `story_country`"),
            "{shown}"
        );
    }
}
