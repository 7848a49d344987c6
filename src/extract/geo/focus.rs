//! Article focus: the countries a story is about (Reuters' PLACES notion), not every country it
//! mentions. The header's countries when it has them; otherwise each resolved place votes for
//! its country, weighted by how specific it is, where it stands (title, opening) and how often
//! it is named, and the countries close enough to the leader are kept.

use std::collections::BTreeMap;

use crate::model::{Country, GeoPrecision};

/// One resolved mention, as focus sees it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Vote {
    /// The country the place lies in.
    pub country: Country,
    /// What kind of place it is.
    pub precision: GeoPrecision,
    /// Whether it was named as a demonym ("Iraqi").
    pub by_demonym: bool,
    /// Whether it stands in the title.
    pub in_title: bool,
    /// Its byte offset in the body (0 for the title).
    pub offset: usize,
}

impl Vote {
    /// A vote for a whole country that stands nowhere in particular: a country named only by
    /// the story's metadata or by one of its armed groups.
    pub fn for_country(country: Country) -> Self {
        Vote {
            country,
            precision: GeoPrecision::Country,
            by_demonym: false,
            in_title: false,
            offset: 0,
        }
    }
}

/// A demonym's vote: "Iraqi forces" say less of where the story is than a place does.
const DEMONYM_WEIGHT: f64 = 0.6;
/// A country named outright: the strongest sign of what the story is about.
const COUNTRY_WEIGHT: f64 = 1.0;
/// A first-level region: nearly as strong, and tied to one country.
const REGION_WEIGHT: f64 = 0.9;
/// A town: a story names towns in passing more often than countries.
const TOWN_WEIGHT: f64 = 0.8;
/// A continent or wider region: no country's vote.
const WIDE_REGION_WEIGHT: f64 = 0.0;
/// A title's places count double: the headline says what the story is about.
const TITLE_FACTOR: f64 = 2.0;
/// The opening's places count half as much again: the lede sets the scene.
const OPENING_FACTOR: f64 = 1.5;
/// Places further on count as they are.
const BODY_FACTOR: f64 = 1.0;

/// Share of the leader's weight a country needs to be kept.
const KEEP_SHARE: f64 = 0.5;
/// Bytes of the body that count as its opening.
const OPENING_BYTES: usize = 400;

/// The story's focus countries, most central first.
pub fn focus_countries(header: &[Country], votes: &[Vote]) -> Vec<Country> {
    if !header.is_empty() {
        return header.to_vec();
    }
    let mut weight: BTreeMap<Country, f64> = BTreeMap::new();
    for v in votes {
        let kind = match (v.precision, v.by_demonym) {
            (_, true) => DEMONYM_WEIGHT,
            (GeoPrecision::Country, _) => COUNTRY_WEIGHT,
            (GeoPrecision::Admin1, _) => REGION_WEIGHT,
            (GeoPrecision::City | GeoPrecision::Point, _) => TOWN_WEIGHT,
            (GeoPrecision::Region, _) => WIDE_REGION_WEIGHT,
        };
        let position = if v.in_title {
            TITLE_FACTOR
        } else if v.offset < OPENING_BYTES {
            OPENING_FACTOR
        } else {
            BODY_FACTOR
        };
        *weight.entry(v.country).or_default() += kind * position;
    }
    let mut ranked: Vec<(Country, f64)> = weight.into_iter().filter(|(_, w)| *w > 0.0).collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let top = ranked.first().map_or(0.0, |(_, w)| *w);
    ranked
        .into_iter()
        .filter(|(_, w)| *w >= top * KEEP_SHARE)
        .map(|(c, _)| c)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vote(code: &str, offset: usize) -> Vote {
        Vote {
            country: Country::from_code(code).unwrap(),
            precision: GeoPrecision::City,
            by_demonym: false,
            in_title: false,
            offset,
        }
    }

    #[test]
    fn header_countries_win() {
        let iq = Country::from_code("IQ").unwrap();
        assert_eq!(focus_countries(&[iq], &[vote("US", 0)]), vec![iq]);
    }

    #[test]
    fn a_passing_mention_is_not_a_focus() {
        let votes = [
            vote("IQ", 10),
            vote("IQ", 900),
            vote("IQ", 1200),
            vote("FR", 2000),
        ];
        let got = focus_countries(&[], &votes);
        assert_eq!(got, vec![Country::from_code("IQ").unwrap()]);
    }
}
