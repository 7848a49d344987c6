//! Lookups over the gazetteer: by name (alternate names, case- and accent-insensitive, spelling
//! variants merged), by prefix for completion, and by point (nearest populated place, containing
//! country). An ambiguous name gives all its candidates, ranked by [`Candidate::prior`].

use super::fast_hash::{FastMap, FastSet};
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::PoisonError;

use crate::model::{Country, GeoPrecision, Place};

use super::data::{MEMO_LIMIT, PlaceRecord, Tables};
use super::{Candidate, Entry, Gazetteer, names};

/// The Earth's radius in kilometres, for every distance and circle in geochron: the extractor's
/// place decisions, `near` filters, the cells covering a circle and the linker. 6371 (the
/// mean radius, rounded; the IUGG mean is 6371.0088) because extraction has always measured
/// with it and its thresholds are tuned to it; the 1.4 ppm between the two is far below the
/// precision of any place.
pub const EARTH_RADIUS_KM: f64 = 6371.0;

/// Great-circle distance in kilometres (haversine, on a sphere of [`EARTH_RADIUS_KM`]): the
/// one distance geochron measures.
pub fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = (lat2 - lat1).to_radians();
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * a.sqrt().min(1.0).asin()
}

impl Gazetteer {
    /// Every place `name` may mean, best first. Empty when it names nothing.
    pub fn lookup(&self, name: &str) -> Vec<Candidate> {
        names::name_key(name).map_or_else(Vec::new, |key| self.lookup_key(&key))
    }

    /// Every place filed under an index key ([`names::name_key`]), best first.
    pub fn lookup_key(&self, key: &str) -> Vec<Candidate> {
        self.lookup_key_shared(key).to_vec()
    }

    /// [`Gazetteer::lookup_key`] without the copy: this thread's remembered list, shared.
    pub fn lookup_key_shared(&self, key: &str) -> Rc<[Candidate]> {
        let embedded = embedded_candidates(self.tables, key);
        let held = self.extra_names.get(key);
        let indexed = self.index_entries(key).filter(|found| !found.is_empty());
        if held.is_none() && indexed.is_none() {
            return embedded;
        }
        let mut found = embedded.to_vec();
        let held = held
            .into_iter()
            .flatten()
            .filter_map(|&i| self.extra.get(i));
        let indexed = indexed.iter().flat_map(|found| found.iter());
        found.extend(
            held.chain(indexed)
                .map(|e| candidate_of_entry(self.tables, e)),
        );
        rank(&mut found);
        found.into()
    }

    /// Whether anything is filed under this index key.
    pub fn has_key(&self, key: &str) -> bool {
        self.tables.refs(key).is_some() || self.extra_names.contains_key(key) || self.index_has(key)
    }

    /// The index key of a name as written, and whether anything is filed under it: what
    /// [`names::name_key`] and [`Gazetteer::has_key`] answer, remembered by the written form so
    /// a word the corpus repeats is folded once. `None` when the name has no key.
    pub fn written_key(&self, written: &str) -> Option<(Rc<str>, bool)> {
        let (key, filed) = WRITTEN_SEEN.with_borrow_mut(|seen| {
            if let Some(known) = seen.get(written) {
                return known.as_ref().map(|k| (Rc::clone(&k.key), k.filed));
            }
            if seen.len() >= MEMO_LIMIT {
                seen.clear();
            }
            let known = names::name_key(written).map(|key| Written {
                filed: self.tables.find_refs(&key).is_some(),
                key: key.into(),
                longer: None,
            });
            let answer = known.as_ref().map(|k| (Rc::clone(&k.key), k.filed));
            seen.insert(written.into(), known);
            answer
        })?;
        let filed = filed
            || (!self.extra_names.is_empty() && self.extra_names.contains_key(&*key))
            || self.index_has(&key);
        Some((key, filed))
    }

    /// Whether some embedded name, or a name of the index's entries, starts with the key of
    /// `written` and a space: whether a name of several words may start with this one. `None`
    /// when the word has no key. (Entries held in memory are not asked: see
    /// [`Gazetteer::extra`].)
    pub fn starts_longer_name(&self, written: &str) -> Option<bool> {
        // One search of the memo when the word is known, as it mostly is; a second after
        // remembering it otherwise.
        let embedded = match self.known_longer(written) {
            Some(answer) => answer,
            None => {
                self.written_key(written)?;
                self.known_longer(written).flatten()
            }
        }?;
        if embedded || self.index.is_none() {
            return Some(embedded);
        }
        let (key, _) = self.written_key(written)?;
        Some(self.index_has_longer(&key))
    }

    /// Whether a name of the index's entries starts with `key` and a space, remembered.
    fn index_has_longer(&self, key: &str) -> bool {
        let Some(index) = self.index.as_ref() else {
            return false;
        };
        // Remembered beside the keys themselves, under the key and its space: no key ends
        // with a space, so the two never meet.
        let start = format!("{key} ");
        let memo = || {
            self.index_seen
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
        };
        if let Some(&longer) = memo().filed.get(&start) {
            return longer;
        }
        let longer = self.answered(index.has_name_starting(&start), false);
        memo().filed.insert(start, longer);
        longer
    }

    /// [`Gazetteer::starts_longer_name`] for a remembered written form: `None` when the form is
    /// not remembered yet, `Some(None)` when it has no key.
    fn known_longer(&self, written: &str) -> Option<Option<bool>> {
        WRITTEN_SEEN.with_borrow_mut(|seen| {
            let Some(known) = seen.get_mut(written)?.as_mut() else {
                return Some(None);
            };
            if let Some(longer) = known.longer {
                return Some(Some(longer));
            }
            let mut prefix = String::with_capacity(known.key.len() + 1);
            prefix.push_str(&known.key);
            prefix.push(' ');
            // Remembered here, with the written form: the tables' own memo would only repeat it.
            let longer = self.tables.find_prefix(&prefix);
            known.longer = Some(longer);
            Some(Some(longer))
        })
    }

    /// Names starting with `prefix` (folded), for completion: each name's best candidate, the
    /// most prominent first, at most `limit`.
    pub fn prefix(&self, prefix: &str, limit: usize) -> Vec<Candidate> {
        let Some(key) = names::fold(prefix) else {
            return Vec::new();
        };
        // Spelling variants are merged only for whole keys; a prefix matches as folded.
        let key = names::skeleton(&key);
        let mut found: Vec<Candidate> = self
            .tables
            .keys_with_prefix(&key)
            .take(5000)
            .filter_map(|(_, refs)| {
                refs.split(',')
                    .filter_map(|r| candidate_of_ref(self.tables, r))
                    .max_by(|a, b| a.prior().total_cmp(&b.prior()))
            })
            .collect();
        // An imported entry is offered by any of its names, as the embedded places are.
        found.extend(
            self.extra
                .iter()
                .filter(|e| {
                    std::iter::once(&e.name)
                        .chain(&e.alternate_names)
                        .any(|n| names::name_key(n).is_some_and(|k| k.starts_with(&key)))
                })
                .map(|e| candidate_of_entry(self.tables, e)),
        );
        if let Some(index) = &self.index {
            let entries = self.answered(index.entries_starting(&key, limit), Vec::new());
            found.extend(entries.iter().map(|e| candidate_of_entry(self.tables, e)));
        }
        rank(&mut found);
        found.truncate(limit);
        found
    }

    /// Names starting with `typed`, for completion: each with the place it names, the most
    /// prominent place first ([`Candidate::prior`]: class, then population), each name once,
    /// at most `limit`. A place matched by an alternate name is offered by that name ("Makhm"
    /// offers "Makhmur", the stored place being Mexmur): an imported entry by the name as
    /// written in its dump, an embedded place by its index key in title case (the embedded
    /// index keeps only folded names). Reads a bounded stretch of names however short `typed`.
    pub fn completions(&self, typed: &str, limit: usize) -> Vec<(String, Candidate)> {
        let Some(folded) = names::fold(typed) else {
            return Vec::new();
        };
        let key = names::skeleton(&folded);
        let starts = |name: &str| {
            names::fold(name).is_some_and(|n| n.starts_with(&folded))
                || names::name_key(name).is_some_and(|k| k.starts_with(&key))
        };
        let mut found: Vec<(String, Candidate)> = self
            .tables
            .keys_with_prefix(&key)
            .take(5000)
            .filter_map(|(name_key, refs)| {
                let best = refs
                    .split(',')
                    .filter_map(|r| candidate_of_ref(self.tables, r))
                    .max_by(|a, b| a.prior().total_cmp(&b.prior()))?;
                let offered = if starts(&best.place.name) {
                    best.place.name.clone()
                } else {
                    title_case(name_key)
                };
                Some((offered, best))
            })
            .collect();
        let mut offer_entry = |e: &Entry| {
            if let Some(name) = std::iter::once(&e.name)
                .chain(&e.alternate_names)
                .find(|n| starts(n))
            {
                found.push((name.clone(), candidate_of_entry(self.tables, e)));
            }
        };
        self.extra.iter().for_each(&mut offer_entry);
        if let Some(index) = &self.index {
            let entries = self.answered(index.entries_starting(&key, limit * 3), Vec::new());
            entries.iter().for_each(&mut offer_entry);
        }
        found.sort_by(|(na, a), (nb, b)| {
            b.prior()
                .total_cmp(&a.prior())
                .then_with(|| a.place.geonameid.cmp(&b.place.geonameid))
                .then_with(|| na.cmp(nb))
        });
        let mut offered: Vec<(String, Candidate)> = Vec::with_capacity(limit);
        for (name, candidate) in found {
            if offered.len() == limit {
                break;
            }
            if !offered.iter().any(|(n, _)| n.eq_ignore_ascii_case(&name)) {
                offered.push((name, candidate));
            }
        }
        offered
    }

    /// Every place the gazetteer knows, unranked: populated places, first- and second-level
    /// regions, then imported entries (those of an index read one at a time; an error ends
    /// them, kept for [`Gazetteer::take_failure`]). What the `places` source scans.
    pub fn every_place(&self) -> impl Iterator<Item = Candidate> + '_ {
        let tables = self.tables;
        let places = (0..tables.place_count())
            .filter_map(move |i| tables.place(i).map(|p| candidate_of_place(tables, &p)));
        let regions = (0..tables.admin1.len())
            .filter_map(move |i| candidate_of_ref(tables, &format!("a{i}")));
        let districts = (0..tables.admin2_count())
            .filter_map(move |i| candidate_of_ref(tables, &format!("b{i}")));
        let imported = self
            .extra
            .iter()
            .map(move |e| candidate_of_entry(tables, e));
        let indexed = self
            .index
            .iter()
            .flat_map(|index| index.entries())
            .map_while(move |entry| self.answered(entry.map(Some), None))
            .map(move |e| candidate_of_entry(tables, &e));
        places
            .chain(regions)
            .chain(districts)
            .chain(imported)
            .chain(indexed)
    }

    /// The populated place nearest to a point, with its distance in kilometres: an embedded
    /// one or an entry held in memory (an index's entries are found by name only).
    pub fn nearest(&self, lat: f64, lon: f64) -> Option<(Candidate, f64)> {
        let points = self.points.get_or_init(|| {
            (0..self.tables.place_count())
                .map(|i| {
                    self.tables
                        .place(i)
                        .map_or((f32::NAN, f32::NAN), |p| (p.lat as f32, p.lon as f32))
                })
                .collect()
        });
        // An equirectangular estimate picks the nearest; haversine measures it.
        let cos_lat = lat.to_radians().cos();
        let (best, _) = points
            .iter()
            .enumerate()
            .filter(|(_, (la, _))| !la.is_nan())
            .map(|(i, &(la, lo))| {
                let dlat = f64::from(la) - lat;
                let mut dlon = (f64::from(lo) - lon).abs();
                if dlon > 180.0 {
                    dlon = 360.0 - dlon;
                }
                (i, dlat * dlat + (dlon * cos_lat).powi(2))
            })
            .min_by(|a, b| a.1.total_cmp(&b.1))?;
        let mut candidate = self
            .tables
            .place(best)
            .map(|p| candidate_of_place(self.tables, &p))?;
        for e in &self.extra {
            let d = distance_km(lat, lon, e.lat, e.lon);
            if d < distance_km(lat, lon, candidate.place.lat, candidate.place.lon) {
                candidate = candidate_of_entry(self.tables, e);
            }
        }
        let km = distance_km(lat, lon, candidate.place.lat, candidate.place.lon);
        Some((candidate, km))
    }

    /// The country a point lies in: the nearest populated place's, when one is within 100 km,
    /// else the smallest country whose bounding box holds the point.
    pub fn country_at(&self, lat: f64, lon: f64) -> Option<Country> {
        if let Some((c, km)) = self.nearest(lat, lon)
            && km <= 100.0
            && c.place.country.is_some()
        {
            return c.place.country;
        }
        self.tables
            .countries
            .iter()
            .filter(|c| {
                let [s, w, n, e] = c.bbox;
                (s..=n).contains(&lat) && (w..=e).contains(&lon)
            })
            .min_by(|a, b| bbox_area(a.bbox).total_cmp(&bbox_area(b.bbox)))
            .map(|c| c.country)
    }
}

/// What the embedded index knows of one written form.
struct Written {
    /// Its index key.
    key: Rc<str>,
    /// Whether anything is filed under the key.
    filed: bool,
    /// Whether some name starts with the key and a space, once asked.
    longer: Option<bool>,
}

thread_local! {
    /// The embedded candidates of each key looked up on this thread, ranked: building them
    /// parses place lines and allocates names, ten times the cost of copying them.
    static CANDIDATES_SEEN: RefCell<FastMap<String, Rc<[Candidate]>>> =
        RefCell::new(FastMap::default());
    /// Written forms looked up on this thread ([`Gazetteer::written_key`]).
    static WRITTEN_SEEN: RefCell<FastMap<Box<str>, Option<Written>>> =
        RefCell::new(FastMap::default());
}

/// The embedded places filed under `key`, ranked.
fn embedded_candidates(tables: &Tables, key: &str) -> Rc<[Candidate]> {
    if let Some(found) = CANDIDATES_SEEN.with_borrow(|seen| seen.get(key).cloned()) {
        return found;
    }
    let mut found: Vec<Candidate> = tables
        .refs(key)
        .map(|refs| {
            refs.split(',')
                .filter_map(|r| candidate_of_ref(tables, r))
                .collect()
        })
        .unwrap_or_default();
    rank(&mut found);
    let found: Rc<[Candidate]> = found.into();
    CANDIDATES_SEEN.with_borrow_mut(|seen| {
        if seen.len() >= MEMO_LIMIT / 5 {
            seen.clear();
        }
        seen.insert(key.to_string(), Rc::clone(&found));
    });
    found
}

/// A folded name with each word capitalised: "san jose" → "San Jose".
fn title_case(folded: &str) -> String {
    folded
        .split(' ')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars).collect::<String>()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn bbox_area([s, w, n, e]: [f64; 4]) -> f64 {
    (n - s).abs() * (e - w).abs()
}

/// Best first by prior; the same place reached by two names is listed once.
fn rank(found: &mut Vec<Candidate>) {
    let mut scored: Vec<(f64, Candidate)> = found.drain(..).map(|c| (c.prior(), c)).collect();
    scored.sort_by(|(pa, a), (pb, b)| {
        pb.total_cmp(pa)
            .then_with(|| a.place.geonameid.cmp(&b.place.geonameid))
            .then_with(|| a.place.name.cmp(&b.place.name))
    });
    let mut seen: FastSet<(Option<u32>, Option<Country>, GeoPrecision, String)> =
        FastSet::with_capacity_and_hasher(scored.len(), Default::default());
    for (_, c) in scored {
        // Places with a GeoNames id are told apart by it; others by their name.
        let name = if c.place.geonameid.is_some() {
            String::new()
        } else {
            c.place.name.clone()
        };
        let id = (c.place.geonameid, c.place.country, c.place.precision, name);
        if seen.insert(id) {
            found.push(c);
        }
    }
}

fn candidate_of_place(tables: &Tables, p: &PlaceRecord) -> Candidate {
    let admin1 = p
        .country
        .and_then(|c| tables.admin1_of(c, p.admin1_code))
        .map(|a| a.name.to_string());
    Candidate {
        place: Place {
            name: p.name.to_string(),
            geonameid: Some(p.geonameid),
            country: p.country,
            admin1,
            lat: p.lat,
            lon: p.lon,
            precision: GeoPrecision::City,
        },
        population: p.population,
        by_demonym: false,
        imported: false,
    }
}

/// The candidate one index ref names, if the ref is well formed.
pub(crate) fn candidate_of_ref(tables: &Tables, r: &str) -> Option<Candidate> {
    let (tag, num) = match r.as_bytes().first()? {
        b'0'..=b'9' => ('p', r),
        _ => (r.chars().next()?, r.get(1..)?),
    };
    let i: usize = num.parse().ok()?;
    match tag {
        'p' => tables.place(i).map(|p| candidate_of_place(tables, &p)),
        'c' | 'd' => tables.countries.get(i).map(|c| Candidate {
            place: c.place(),
            population: c.population,
            by_demonym: tag == 'd',
            imported: false,
        }),
        'a' => tables.admin1.get(i).map(|a| Candidate {
            population: a.population,
            ..region(
                a.name,
                a.geonameid,
                a.country,
                Some(a.name.to_string()),
                a.lat,
                a.lon,
            )
        }),
        // A district is named as a region is, and placed at its seat, where coders such as
        // ACLED place a district's events; its first-level region is its container.
        'b' => tables.admin2(i).map(|a| {
            let admin1 = tables.admin1_of(a.country, a.admin1_code);
            Candidate {
                population: a.population,
                ..region(
                    a.name,
                    a.geonameid,
                    a.country,
                    admin1.map(|r| r.name.to_string()),
                    a.lat,
                    a.lon,
                )
            }
        }),
        'r' => tables.regions.get(i).map(|g| Candidate {
            place: Place {
                name: g.name.to_string(),
                geonameid: None,
                country: None,
                admin1: None,
                lat: g.lat,
                lon: g.lon,
                precision: GeoPrecision::Region,
            },
            population: 0,
            by_demonym: false,
            imported: false,
        }),
        _ => None,
    }
}

/// A first- or second-level region of `country` as a candidate, `admin1` its containing region
/// (itself, for a first-level one); the caller sets the population.
fn region(
    name: &str,
    geonameid: Option<u32>,
    country: Country,
    admin1: Option<String>,
    lat: f64,
    lon: f64,
) -> Candidate {
    Candidate {
        place: Place {
            name: name.to_string(),
            geonameid,
            country: Some(country),
            admin1,
            lat,
            lon,
            precision: GeoPrecision::Admin1,
        },
        population: 0,
        by_demonym: false,
        imported: false,
    }
}

fn candidate_of_entry(tables: &Tables, e: &Entry) -> Candidate {
    // An imported entry's admin1 may be a GeoNames code; show the region's name when known.
    let admin1 = match (e.country, e.admin1.as_deref()) {
        (Some(c), Some(code)) => Some(
            tables
                .admin1_of(c, code)
                .map_or_else(|| code.to_string(), |a| a.name.to_string()),
        ),
        (_, a) => a.map(str::to_string),
    };
    Candidate {
        place: Place {
            name: e.name.clone(),
            geonameid: e.geonameid,
            country: e.country,
            admin1,
            lat: e.lat,
            lon: e.lon,
            precision: e.precision,
        },
        population: e.population,
        by_demonym: false,
        imported: true,
    }
}
