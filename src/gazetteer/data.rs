//! The embedded gazetteer's format and its loading. The files under `data/` are written by
//! `tools/gen_gazetteer.py`; tab-separated, one record a line, `|` between list items:
//!
//! - `countries.tsv`: code, name, aliases, demonyms, capital, lat, lon, `south,west,north,east`,
//!   population, GeoNames id.
//! - `admin1.tsv`: country, GeoNames admin1 codes (`,`-separated: a region may group several),
//!   GeoNames id, name, names, lat, lon, population.
//! - `admin2.tsv`: country, parent admin1 code, GeoNames id, name, lat, lon (its seat's),
//!   population (its seat's); one line per second-level region, the line number is its index.
//! - `regions.tsv`: name, lat, lon, member countries (`,`-separated).
//! - `places-N.tsv`: GeoNames id, name, country, admin1 code, lat, lon, population; one line per
//!   populated place, the line number (across the files in order) is the place's index.
//! - `names-N.tsv`: key ([`super::names::name_key`]), refs; sorted by key across the files. A ref
//!   is a place index (`123`), a country (`c12`), a country by its demonym (`d12`), an admin1
//!   region (`a34`), a second-level region (`b56`) or a region (`r5`).
//! - `common_words.txt`: one-word keys that name only minor places and are frequent English words.
//!
//! Loading only splits the place lines and parses the three small tables; names are found by
//! binary search in the sorted embedded text and places parsed when asked for, so the one-time
//! cost stays a few milliseconds. Never does I/O: everything is embedded.

use super::fast_hash::FastMap;
use std::cell::RefCell;
use std::sync::OnceLock;

use crate::model::{Country, GeoPrecision, Place};

const COUNTRIES: &str = include_str!("../../data/countries.tsv");
const ADMIN1: &str = include_str!("../../data/admin1.tsv");
const ADMIN2: &str = include_str!("../../data/admin2.tsv");
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

impl CountryRecord {
    /// The country as a place: its centre, at the precision of a country.
    pub fn place(&self) -> Place {
        Place {
            name: self.name.to_string(),
            geonameid: self.geonameid,
            country: Some(self.country),
            admin1: None,
            lat: self.lat,
            lon: self.lon,
            precision: GeoPrecision::Country,
        }
    }
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
    /// Latitude of the middle of the box around its populated places.
    pub lat: f64,
    /// Longitude of the middle of the box around its populated places.
    pub lon: f64,
    /// People living in its populated places.
    pub population: u64,
}

/// One second-level administrative region (a district, a county) of the embedded table.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Admin2Record {
    /// The country it lies in.
    pub country: Country,
    /// The GeoNames admin1 code of the region it lies in.
    pub admin1_code: &'static str,
    /// The GeoNames id, when known.
    pub geonameid: Option<u32>,
    /// Its display name ("Caza du Chouf").
    pub name: &'static str,
    /// Latitude of its seat (else of its first-level region's point).
    pub lat: f64,
    /// Longitude of its seat (else of its first-level region's point).
    pub lon: f64,
    /// People living in its seat.
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

/// A stretch of one name file, known by the key of its first line.
#[derive(Debug)]
struct NameBlock {
    /// The key's first eight bytes, big-endian, zero-padded: orders like the key itself.
    prefix: u64,
    key: &'static str,
    file: usize,
    start: usize,
    /// Its lines split into key and refs, on the first search that reaches it: a search then
    /// costs a few string comparisons instead of a walk over the bytes.
    lines: OnceLock<Box<[(&'static str, &'static str)]>>,
}

/// The most answers a thread remembers before it starts over: a few megabytes at most.
pub(crate) const MEMO_LIMIT: usize = 50_000;

thread_local! {
    /// [`Tables::refs`]' answers on this thread. The embedded text never changes, so they
    /// never go stale.
    static REFS_SEEN: RefCell<FastMap<String, Option<&'static str>>> =
        RefCell::new(FastMap::default());
    /// [`Tables::has_prefix`]' answers on this thread.
    static PREFIXES_SEEN: RefCell<FastMap<String, bool>> = RefCell::new(FastMap::default());
}

/// The answer `memo` holds for `key`, else `find`'s, remembered (a full memo starts over).
fn remembered<T: Copy + 'static>(
    memo: &'static std::thread::LocalKey<RefCell<FastMap<String, T>>>,
    key: &str,
    find: impl FnOnce() -> T,
) -> T {
    if let Some(found) = memo.with_borrow(|seen| seen.get(key).copied()) {
        return found;
    }
    let found = find();
    memo.with_borrow_mut(|seen| {
        if seen.len() >= MEMO_LIMIT {
            seen.clear();
        }
        seen.insert(key.to_string(), found);
    });
    found
}

/// Bytes between two [`NameBlock`]s.
const BLOCK_BYTES: usize = 1024;

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
    /// Second-level region lines, by index.
    admin2_lines: Vec<&'static str>,
    /// Every few kilobytes of the name files, the key starting there: the first steps of a
    /// name search run over this small table instead of the text.
    name_blocks: Vec<NameBlock>,
    /// Name-index lines, sorted by key: built on the first prefix query only.
    name_lines: OnceLock<Vec<&'static str>>,
    /// Country → its row in `countries`.
    country_rows: FastMap<Country, usize>,
    /// `(country, admin1 code)` → its row in `admin1`.
    admin1_rows: FastMap<(Country, &'static str), usize>,
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
        let mut admin1_rows = FastMap::default();
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
            admin2_lines: lines(ADMIN2).collect(),
            name_blocks: name_blocks(),
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

    /// The second-level region with this index, parsed from its line.
    pub fn admin2_count(&self) -> usize {
        self.admin2_lines.len()
    }

    /// The second-level region at `index`.
    pub fn admin2(&self, index: usize) -> Option<Admin2Record> {
        let mut f = self.admin2_lines.get(index)?.split('\t');
        Some(Admin2Record {
            country: Country::from_code(f.next()?)?,
            admin1_code: f.next()?,
            geonameid: f.next().and_then(|g| g.parse().ok()).filter(|&g| g != 0),
            name: f.next()?,
            lat: float(f.next()),
            lon: float(f.next()),
            population: f.next().and_then(|p| p.parse().ok()).unwrap_or(0),
        })
    }

    /// The refs filed under exactly this key: a binary search over the embedded, sorted name
    /// files themselves, so the index costs nothing to build.
    pub fn refs(&self, key: &str) -> Option<&'static str> {
        // A corpus names the same few thousand things again and again: each thread remembers
        // its answers, which cost a few thousand instructions each to find in the text.
        remembered(&REFS_SEEN, key, || self.find_refs(key))
    }

    /// [`Tables::refs`] without the memo, for callers that remember the answer themselves.
    pub(crate) fn find_refs(&self, key: &str) -> Option<&'static str> {
        let prefix = key_prefix(key);
        let i = self
            .name_blocks
            .partition_point(|b| b.prefix < prefix || (b.prefix == prefix && b.key <= key))
            .checked_sub(1)?;
        let lines = self.block_lines(i)?;
        let at = lines.binary_search_by(|(k, _)| (*k).cmp(key)).ok()?;
        lines.get(at).map(|(_, refs)| *refs)
    }

    /// The lines of name block `i`, split once.
    fn block_lines(&self, i: usize) -> Option<&[(&'static str, &'static str)]> {
        let block = self.name_blocks.get(i)?;
        let text = NAMES.get(block.file)?;
        let end = match self.name_blocks.get(i + 1) {
            Some(next) if next.file == block.file => next.start,
            _ => text.len(),
        };
        let piece = text.get(block.start..end)?;
        Some(block.lines.get_or_init(|| split_lines(piece)))
    }

    /// Whether any key starts with `prefix` (a binary search, as [`Tables::refs`]).
    pub fn has_prefix(&self, prefix: &str) -> bool {
        remembered(&PREFIXES_SEEN, prefix, || self.find_prefix(prefix))
    }

    /// [`Tables::has_prefix`] without the memo, for callers that remember the answer.
    pub(crate) fn find_prefix(&self, prefix: &str) -> bool {
        let p = key_prefix(prefix);
        let i = self
            .name_blocks
            .partition_point(|b| b.prefix < p || (b.prefix == p && b.key < prefix));
        // The first key not below `prefix` is in the block before `i` or opens block `i`.
        let in_block = i.checked_sub(1).and_then(|j| {
            let lines = self.block_lines(j)?;
            let at = lines.partition_point(|(k, _)| *k < prefix);
            lines.get(at).map(|(k, _)| *k)
        });
        in_block
            .or_else(|| self.name_blocks.get(i).map(|b| b.key))
            .is_some_and(|k| k.starts_with(prefix))
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

/// Cuts the name files into blocks of about [`BLOCK_BYTES`], each starting on a line.
fn name_blocks() -> Vec<NameBlock> {
    let mut blocks = Vec::new();
    for (file, text) in NAMES.iter().enumerate() {
        let bytes = text.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            let start = if at == 0 {
                0
            } else {
                match bytes
                    .get(at..)
                    .and_then(|b| b.iter().position(|&c| c == b'\n'))
                {
                    Some(p) => at + p + 1,
                    None => break,
                }
            };
            if let Some(line) = text.get(start..)
                && !line.is_empty()
                && blocks
                    .last()
                    .is_none_or(|b: &NameBlock| b.file != file || b.start < start)
            {
                let key = line_key(line.split('\n').next().unwrap_or(""));
                blocks.push(NameBlock {
                    prefix: key_prefix(key),
                    key,
                    file,
                    start,
                    lines: OnceLock::new(),
                });
            }
            at = start + BLOCK_BYTES;
        }
    }
    blocks
}

/// A key's first eight bytes as a number that sorts as the key does (keys hold no NUL byte).
fn key_prefix(key: &str) -> u64 {
    let mut word = [0u8; 8];
    for (w, b) in word.iter_mut().zip(key.bytes()) {
        *w = b;
    }
    u64::from_be_bytes(word)
}

/// The `key\trefs` lines of `text`, split: one walk over the bytes finds both the tab and the
/// end of each line (a search for each cost more than the walk, the lines being short).
fn split_lines(text: &'static str) -> Box<[(&'static str, &'static str)]> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() / 24);
    let (mut start, mut tab) = (0, None);
    for (at, &b) in bytes.iter().enumerate() {
        match b {
            b'\t' if tab.is_none() => tab = Some(at),
            b'\n' => {
                push_line(text, start, tab, at, &mut out);
                (start, tab) = (at + 1, None);
            }
            _ => {}
        }
    }
    push_line(text, start, tab, bytes.len(), &mut out);
    out.into_boxed_slice()
}

/// Line `start..end` of `text`, its first tab at `tab`, as key and refs; empty lines are skipped.
fn push_line(
    text: &'static str,
    start: usize,
    tab: Option<usize>,
    end: usize,
    out: &mut Vec<(&'static str, &'static str)>,
) {
    if start >= end {
        return;
    }
    // Tabs and line breaks are ASCII, so every cut falls on a character boundary.
    let split = match tab {
        Some(t) => text.get(start..t).zip(text.get(t + 1..end)),
        None => text.get(start..end).map(|line| (line, "")),
    };
    if let Some(pair) = split {
        out.push(pair);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_key_of_the_name_files_and_nothing_else() {
        let tables = Tables::load();
        // Every line of a few blocks, first and last lines of files included.
        for text in NAMES {
            let all: Vec<&str> = lines(text).collect();
            let picked = all.iter().take(40).chain(all.iter().rev().take(40));
            for line in picked.chain(all.iter().step_by(997)) {
                let (k, r) = line.split_once('\t').unwrap();
                assert_eq!(tables.find_refs(k), Some(r), "{k}");
                assert!(tables.has_prefix(k), "{k}");
            }
        }
        for k in ["", "zzzzzz", "baghdadx", "mosul q"] {
            assert_eq!(tables.find_refs(k), None, "{k}");
        }
        assert_eq!(split_lines("abu\t1\nbasra\t4\n").len(), 2);
        assert_eq!(
            &*split_lines("abu\t1\t2\n\nbasra\nkut\t3"),
            &[("abu", "1\t2"), ("basra", ""), ("kut", "3")]
        );
    }

    #[test]
    fn every_table_line_loads_so_refs_keep_their_rows() {
        let tables = Tables::load();
        assert_eq!(tables.countries.len(), lines(COUNTRIES).count());
        assert_eq!(tables.admin1.len(), lines(ADMIN1).count());
        assert_eq!(tables.regions.len(), lines(REGIONS).count());
        let count = lines(ADMIN2).count();
        assert!((0..count).all(|i| tables.admin2(i).is_some()));
    }

    #[test]
    fn embedded_names_are_sorted_across_files() {
        let keys: Vec<&str> = NAMES.iter().flat_map(|t| lines(t)).map(line_key).collect();
        assert!(keys.windows(2).all(|w| w[0] < w[1]));
        let tables = Tables::load();
        assert!(tables.refs("mosul").is_some());
        assert!(tables.refs("baghdad").is_some());
        assert!(tables.has_prefix("rio de "));
        assert!(tables.has_prefix("new y"));
        assert!(!tables.has_prefix("zzzz q"));
    }
}
