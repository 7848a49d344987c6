//! The embedded gazetteer's format and its loading. The files under `data/` are written by
//! `tools/gen_gazetteer.py`; tab-separated, one record a line, `|` between list items:
//!
//! - `countries.tsv`: code, name, aliases, demonyms, capital, lat, lon, `south,west,north,east`,
//!   population, GeoNames id.
//! - `admin1.tsv`: country, GeoNames admin1 codes (`,`-separated: a region may group several),
//!   GeoNames id, name, names, lat, lon, population.
//! - `regions.tsv`: name, lat, lon, member countries (`,`-separated).
//! - `places-N.tsv`: GeoNames id, name, country, admin1 code, lat, lon, population; one line per
//!   populated place, the line number (across the files in order) is the place's index.
//! - `names-N.tsv`: key ([`super::names::name_key`]), refs; sorted by key across the files. A ref
//!   is a place index (`123`), a country (`c12`), a country by its demonym (`d12`), an admin1
//!   region (`a34`) or a region (`r5`).
//! - `common_words.txt`: one-word keys that name only minor places and are frequent English words.
//!
//! Loading only splits lines and parses the three small tables; places are parsed when asked
//! for, so the one-time cost stays a few milliseconds. Never does I/O: everything is embedded.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use crate::model::Country;

const COUNTRIES: &str = include_str!("../../data/countries.tsv");
const ADMIN1: &str = include_str!("../../data/admin1.tsv");
const REGIONS: &str = include_str!("../../data/regions.tsv");
const PLACES: [&str; 2] = [
    include_str!("../../data/places-1.tsv"),
    include_str!("../../data/places-2.tsv"),
];
const NAMES: [&str; 2] = [
    include_str!("../../data/names-1.tsv"),
    include_str!("../../data/names-2.tsv"),
];
const COMMON_WORDS: &str = include_str!("../../data/common_words.txt");

/// One country of the embedded table.
#[derive(Clone, Debug, PartialEq)]
pub struct CountryRecord {
    /// Its ISO code.
    pub country: Country,
    /// Its common English name.
    pub name: &'static str,
    /// Other names it goes by, historic ones included.
    pub aliases: Vec<&'static str>,
    /// Demonyms and adjectives ("Iraqi").
    pub demonyms: Vec<&'static str>,
    /// Its capital's name.
    pub capital: &'static str,
    /// Centre latitude.
    pub lat: f64,
    /// Centre longitude.
    pub lon: f64,
    /// Bounding box `[south, west, north, east]`.
    pub bbox: [f64; 4],
    /// People living there.
    pub population: u64,
    /// The GeoNames id, when known.
    pub geonameid: Option<u32>,
}

/// One first-level administrative region of the embedded table.
#[derive(Clone, Debug, PartialEq)]
pub struct Admin1Record {
    /// The country it lies in.
    pub country: Country,
    /// Its GeoNames admin1 codes (several when it groups provinces, as the Kurdistan Region does).
    pub codes: Vec<&'static str>,
    /// The GeoNames id, when known.
    pub geonameid: Option<u32>,
    /// Its display name.
    pub name: &'static str,
    /// Mean latitude of its populated places.
    pub lat: f64,
    /// Mean longitude of its populated places.
    pub lon: f64,
    /// People living in its populated places.
    pub population: u64,
}

/// A region larger than a country: a continent or a named group of countries.
#[derive(Clone, Debug, PartialEq)]
pub struct RegionRecord {
    /// Its name.
    pub name: &'static str,
    /// Latitude of its point.
    pub lat: f64,
    /// Longitude of its point.
    pub lon: f64,
    /// Member countries, when it is a named group.
    pub members: Vec<Country>,
}

/// One populated place of the embedded table.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlaceRecord {
    /// The GeoNames id.
    pub geonameid: u32,
    /// Its GeoNames name.
    pub name: &'static str,
    /// The country it lies in.
    pub country: Option<Country>,
    /// Its GeoNames admin1 code.
    pub admin1_code: &'static str,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// People living there (0 for administrative seats GeoNames gives no figure).
    pub population: u64,
}

/// The embedded tables, loaded once.
#[derive(Debug)]
pub struct Tables {
    /// Countries, in code order.
    pub countries: Vec<CountryRecord>,
    /// First-level regions.
    pub admin1: Vec<Admin1Record>,
    /// Continents and named regions.
    pub regions: Vec<RegionRecord>,
    /// Place lines, by place index.
    place_lines: Vec<&'static str>,
    /// Name index: key → refs.
    name_index: HashMap<&'static str, &'static str, BuildHasherDefault<KeyHasher>>,
    /// Name-index lines, sorted by key: built on the first prefix query only.
    name_lines: OnceLock<Vec<&'static str>>,
    /// Country → its row in `countries`.
    country_rows: HashMap<Country, usize>,
    /// `(country, admin1 code)` → its row in `admin1`.
    admin1_rows: HashMap<(Country, &'static str), usize>,
    /// Keys that are frequent English words.
    common_words: Vec<&'static str>,
}

fn lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.split('\n').filter(|l| !l.is_empty())
}

fn float(field: Option<&str>) -> f64 {
    field.and_then(|f| f.parse().ok()).unwrap_or(0.0)
}

fn list(field: Option<&'static str>, sep: char) -> Vec<&'static str> {
    field
        .map(|f| f.split(sep).filter(|s| !s.is_empty()).collect())
        .unwrap_or_default()
}

impl Tables {
    /// Parses the small tables and indexes the lines of the large ones.
    pub fn load() -> Tables {
        let countries: Vec<CountryRecord> = lines(COUNTRIES)
            .filter_map(|line| {
                let mut f = line.split('\t');
                let country = Country::from_code(f.next()?)?;
                let name = f.next()?;
                let aliases = list(f.next(), '|');
                let demonyms = list(f.next(), '|');
                let capital = f.next().unwrap_or("");
                let lat = float(f.next());
                let lon = float(f.next());
                let b: Vec<f64> = f
                    .next()
                    .unwrap_or("")
                    .split(',')
                    .filter_map(|v| v.parse().ok())
                    .collect();
                let bbox = match b.as_slice() {
                    [s, w, n, e] => [*s, *w, *n, *e],
                    _ => [lat, lon, lat, lon],
                };
                let population = f.next().and_then(|p| p.parse().ok()).unwrap_or(0);
                let geonameid = f.next().and_then(|g| g.parse().ok()).filter(|&g| g != 0);
                Some(CountryRecord {
                    country,
                    name,
                    aliases,
                    demonyms,
                    capital,
                    lat,
                    lon,
                    bbox,
                    population,
                    geonameid,
                })
            })
            .collect();
        let admin1: Vec<Admin1Record> = lines(ADMIN1)
            .filter_map(|line| {
                let mut f = line.split('\t');
                let country = Country::from_code(f.next()?)?;
                let codes = list(f.next(), ',');
                let geonameid = f.next().and_then(|g| g.parse().ok()).filter(|&g| g != 0);
                let name = f.next()?;
                let _names = f.next();
                Some(Admin1Record {
                    country,
                    codes,
                    geonameid,
                    name,
                    lat: float(f.next()),
                    lon: float(f.next()),
                    population: f.next().and_then(|p| p.parse().ok()).unwrap_or(0),
                })
            })
            .collect();
        let regions = lines(REGIONS)
            .map(|line| {
                let mut f = line.split('\t');
                RegionRecord {
                    name: f.next().unwrap_or(""),
                    lat: float(f.next()),
                    lon: float(f.next()),
                    members: list(f.next(), ',')
                        .into_iter()
                        .filter_map(Country::from_code)
                        .collect(),
                }
            })
            .collect();
        let country_rows = countries
            .iter()
            .enumerate()
            .map(|(i, c)| (c.country, i))
            .collect();
        let mut admin1_rows = HashMap::new();
        // A region grouping several provinces (Kurdistan) must not shadow the provinces.
        for (i, a) in admin1.iter().enumerate() {
            if let [code] = a.codes.as_slice() {
                admin1_rows.insert((a.country, *code), i);
            }
        }
        Tables {
            countries,
            admin1,
            regions,
            place_lines: PLACES.iter().flat_map(|t| lines(t)).collect(),
            name_index: name_index(),
            name_lines: OnceLock::new(),
            country_rows,
            admin1_rows,
            common_words: lines(COMMON_WORDS).collect(),
        }
    }

    /// The number of embedded populated places.
    pub fn place_count(&self) -> usize {
        self.place_lines.len()
    }

    /// The populated place with this index, parsed from its line.
    pub fn place(&self, index: usize) -> Option<PlaceRecord> {
        let mut f = self.place_lines.get(index)?.split('\t');
        Some(PlaceRecord {
            geonameid: f.next()?.parse().ok()?,
            name: f.next()?,
            country: f.next().and_then(Country::from_code),
            admin1_code: f.next().unwrap_or(""),
            lat: float(f.next()),
            lon: float(f.next()),
            population: f.next().and_then(|p| p.parse().ok()).unwrap_or(0),
        })
    }

    /// The refs filed under exactly this key.
    pub fn refs(&self, key: &str) -> Option<&'static str> {
        self.name_index.get(key).copied()
    }

    /// The keys starting with `prefix`, in key order, with their refs.
    pub fn keys_with_prefix<'a>(
        &'a self,
        prefix: &'a str,
    ) -> impl Iterator<Item = (&'static str, &'static str)> + 'a {
        let sorted = self
            .name_lines
            .get_or_init(|| NAMES.iter().flat_map(|t| lines(t)).collect());
        let start = sorted.partition_point(|line| line_key(line) < prefix);
        sorted
            .get(start..)
            .unwrap_or_default()
            .iter()
            .map(|l| l.split_once('\t').unwrap_or((l, "")))
            .take_while(move |(k, _)| k.starts_with(prefix))
    }

    /// The country's record.
    pub fn country(&self, country: Country) -> Option<&CountryRecord> {
        self.country_rows
            .get(&country)
            .and_then(|&i| self.countries.get(i))
    }

    /// The admin1 region a place's code names.
    pub fn admin1_of(&self, country: Country, code: &str) -> Option<&Admin1Record> {
        self.admin1_rows
            .get(&(country, code))
            .and_then(|&i| self.admin1.get(i))
    }

    /// Whether this one-word key is a frequent English word that names only minor places.
    pub fn is_common_word(&self, key: &str) -> bool {
        self.common_words.binary_search(&key).is_ok()
    }
}

fn line_key(line: &str) -> &str {
    line.split_once('\t').map_or(line, |(k, _)| k)
}

/// The name index over the embedded name files: keys and refs borrow the embedded text.
fn name_index() -> HashMap<&'static str, &'static str, BuildHasherDefault<KeyHasher>> {
    let count = NAMES
        .iter()
        .map(|t| t.bytes().filter(|&b| b == b'\n').count())
        .sum();
    let mut index = HashMap::with_capacity_and_hasher(count, BuildHasherDefault::default());
    for text in NAMES {
        for line in lines(text) {
            if let Some((key, refs)) = line.split_once('\t') {
                index.insert(key, refs);
            }
        }
    }
    index
}

/// A fast hasher for short ASCII keys (the multiply-and-rotate scheme of rustc's FxHasher):
/// index keys come from the embedded data, not from an adversary, so no DoS resistance is needed.
#[derive(Default, Clone, Copy)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(SEED);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(SEED);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}
