//! The geoparser's section of the rule book: the organisations that tie a story to one country
//! (`rules/actors.tsv`, its names with a country) and the parts of a country some of them work
//! in (`rules/theatres.tsv`).

use super::Tables;
use super::table::{Problem, Table};
use crate::extract::shapes::ShapeFilter;
use crate::gazetteer::fast_hash::FastMap;
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
#[derive(Debug, Default)]
pub struct GeoRules {
    /// The organisations' names by first word, as written, in table order.
    affiliations: FastMap<Box<str>, Vec<Affiliation>>,
    /// The shapes of their first words: nearly every word of a story is turned away by its
    /// shape before it is hashed.
    affiliation_shapes: ShapeFilter,
    /// The theatres.
    theatres: Vec<Theatre>,
}

impl GeoRules {
    /// Builds the section from its tables, noting every problem.
    pub(crate) fn build(tables: &Tables, problems: &mut Vec<Problem>) -> GeoRules {
        let mut rules = GeoRules::default();
        rules.read_theatres(tables.get("theatres.tsv"), problems);
        rules.read_affiliations(tables.get("actors.tsv"), problems);
        rules
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
