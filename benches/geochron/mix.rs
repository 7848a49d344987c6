//! The query mix's parameters and geochron texts: which weeks, country-months, cities, boxes
//! and actor names the benchmark asks about. One source for the benchmark (`queries`, which
//! pairs each text with its SQLite twin) and for the engine check
//! (`tests/engines/answers.rs`, which runs the same texts through DuckDB and Spark).

use chrono::{Datelike, Days, NaiveDate};

use super::corpus::query_day;
use super::world::{ACTORS, Rng, World};

/// Parameter sets each query cycles through, so the caches do not see one query only.
pub const VARIANTS: usize = 16;

/// The drawn parameters; the same world always gives the same ones.
#[derive(Clone, Debug)]
pub struct Params {
    weeks: Vec<NaiveDate>,
    country_months: Vec<(String, NaiveDate)>,
    cities: Vec<(String, f64, f64)>,
    boxes: Vec<(f64, f64, f64, f64)>,
    needles: Vec<String>,
}

impl Params {
    /// Draws the parameters from a fixed seed.
    pub fn new(world: &World) -> Params {
        let mut rng = Rng::new(99);
        let weeks: Vec<NaiveDate> = (0..VARIANTS).map(|_| query_day(&mut rng)).collect();
        let country_months: Vec<(String, NaiveDate)> = (0..VARIANTS)
            .map(|_| {
                let country = world
                    .site(&mut rng)
                    .map_or("IQ".to_string(), |s| s.country.code().to_string());
                let day = query_day(&mut rng);
                let month = NaiveDate::from_ymd_opt(day.year(), day.month(), 1).unwrap_or(day);
                (country, month)
            })
            .collect();
        let cities: Vec<(String, f64, f64)> = (0..VARIANTS)
            .filter_map(|_| {
                world
                    .site(&mut rng)
                    .map(|s| (s.name.to_string(), s.lat, s.lon))
            })
            .collect();
        let boxes: Vec<(f64, f64, f64, f64)> = cities
            .iter()
            .map(|(_, lat, lon)| {
                let (lat, lon) = (lat.clamp(-85.0, 83.0), lon.clamp(-177.0, 175.0));
                (lat - 2.0, lon - 2.0, lat + 2.0, lon + 2.0)
            })
            .collect();
        let needles: Vec<String> = [3usize, 6, 8, 11]
            .iter()
            .filter_map(|&i| ACTORS.get(i).map(|a| a.to_lowercase()))
            .collect();
        Params {
            weeks,
            country_months,
            cities,
            boxes,
            needles,
        }
    }

    /// Variant `i`'s week: its first and last day.
    pub fn week(&self, i: usize) -> (NaiveDate, NaiveDate) {
        let first = self
            .weeks
            .get(i % self.weeks.len())
            .copied()
            .unwrap_or_default();
        (first, first.checked_add_days(Days::new(6)).unwrap_or(first))
    }

    /// Variant `i`'s country and month: the code, the first and the last day.
    pub fn country_month(&self, i: usize) -> (String, NaiveDate, NaiveDate) {
        let (c, m) = self
            .country_months
            .get(i % self.country_months.len())
            .cloned()
            .unwrap_or_default();
        let last = m
            .checked_add_months(chrono::Months::new(1))
            .and_then(|d| d.pred_opt())
            .unwrap_or(m);
        (c, m, last)
    }

    /// Variant `i`'s city: name, latitude, longitude.
    pub fn city(&self, i: usize) -> (String, f64, f64) {
        self.cities
            .get(i % self.cities.len())
            .cloned()
            .unwrap_or_else(|| ("Baghdad".into(), 33.3, 44.4))
    }

    /// Variant `i`'s box: south, west, north, east.
    pub fn bbox(&self, i: usize) -> (f64, f64, f64, f64) {
        self.boxes
            .get(i % self.boxes.len())
            .copied()
            .unwrap_or_default()
    }

    /// Variant `i`'s actor text.
    pub fn needle(&self, i: usize) -> String {
        self.needles
            .get(i % self.needles.len())
            .cloned()
            .unwrap_or_default()
    }

    /// `time range (a week)`.
    pub fn week_query(&self, i: usize) -> String {
        let (a, b) = self.week(i);
        format!("events where date in {a}..{b}")
    }

    /// `country + month`.
    pub fn country_month_query(&self, i: usize) -> String {
        let (c, m, _) = self.country_month(i);
        format!(
            "events where country = {c} and date in {}-{:02}",
            m.year(),
            m.month()
        )
    }

    /// `near a city, 50 km, 10 years`.
    pub fn near_query(&self, i: usize) -> String {
        let (name, _, _) = self.city(i);
        format!("events where near \"{name}\" within 50 km and date in 2010..2019")
    }

    /// `bounding box + kind`.
    pub fn bbox_query(&self, i: usize) -> String {
        let (s, w, n, e) = self.bbox(i);
        format!("events where within bbox({s:.2}, {w:.2}, {n:.2}, {e:.2}) and kind = battle")
    }

    /// `actor ~`.
    pub fn actor_query(&self, i: usize) -> String {
        format!("events where actor ~ \"{}\"", self.needle(i))
    }

    /// The whole-store aggregates, which take no parameter.
    pub const AGGREGATES: [&'static str; 3] = [
        "events | count by country",
        "events | timeline by month",
        "events | top 10 actor",
    ];

    /// Every text of the mix, every variant: what the engine check runs.
    #[allow(dead_code)] // The benchmark pairs each text with SQL itself; the check uses this.
    pub fn all_texts(&self) -> Vec<String> {
        let mut texts = Vec::new();
        for i in 0..VARIANTS {
            texts.push(self.week_query(i));
            texts.push(self.country_month_query(i));
            texts.push(self.near_query(i));
            texts.push(self.bbox_query(i));
            texts.push(self.actor_query(i));
        }
        texts.extend(Params::AGGREGATES.iter().map(|t| t.to_string()));
        texts
    }
}
