//! The invented world the benchmark corpus is drawn from: a seeded random number generator,
//! places from the embedded gazetteer weighted by population (big cities often, villages
//! rarely), kinds with the trigger words the extractor knows, actors with a skew, casualty
//! counts and dates over twenty years. Pure and deterministic: the same seed gives the same
//! world. It never touches a store.

use std::collections::HashMap;

use chrono::{Days, NaiveDate};
use geochron::gazetteer::Gazetteer;
use geochron::gazetteer::data::PlaceRecord;
use geochron::model::{Country, Kind, SubKind};

/// SplitMix64: tiny, fast, and the same on every machine, which is all a corpus needs.
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9e37_79b9_7f4a_7c15)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A float in `0.0..1.0`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// An integer in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        (self.next_u64() % n as u64) as usize
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// One item of a slice, uniformly; `None` only for an empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.get(self.below(items.len()))
    }

    /// An index in `0..n` skewed towards 0 (rank-frequency like news coverage).
    pub fn skewed(&mut self, n: usize) -> usize {
        let u = self.unit();
        ((u * u * u) * n as f64) as usize % n.max(1)
    }
}

/// A place an event can happen at, as the generator needs it.
#[derive(Clone, Debug)]
pub struct Site {
    /// The gazetteer's name.
    pub name: &'static str,
    /// The GeoNames id.
    pub geonameid: u32,
    /// The country.
    pub country: Country,
    /// The first-level region's name.
    pub admin1: Option<&'static str>,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
}

/// Cumulative weights over a list of places, for weighted draws by binary search.
struct Sampler {
    places: Vec<usize>,
    cumulative: Vec<f64>,
}

impl Sampler {
    fn draw(&self, rng: &mut Rng) -> Option<usize> {
        let total = *self.cumulative.last()?;
        let target = rng.unit() * total;
        let at = self.cumulative.partition_point(|&c| c <= target);
        self.places.get(at).or_else(|| self.places.last()).copied()
    }
}

/// The places of the world with their draw weights.
pub struct World {
    sites: Vec<Site>,
    everywhere: Sampler,
    by_country: HashMap<Country, Sampler>,
}

/// The first day events happen on.
pub fn first_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2005, 1, 1).unwrap_or_default()
}

/// Days the corpus spans: twenty years.
pub const SPAN_DAYS: u64 = 7305;

impl World {
    /// Every populated place of the embedded gazetteer with a country and a name of plain
    /// letters, weighted by population (with a floor, so villages still appear).
    pub fn new() -> World {
        let gazetteer = Gazetteer::embedded();
        let tables = gazetteer.tables();
        let mut sites = Vec::new();
        let mut weights = Vec::new();
        for i in 0..tables.place_count() {
            let Some(PlaceRecord {
                geonameid,
                name,
                country: Some(country),
                admin1_code,
                lat,
                lon,
                population,
            }) = tables.place(i)
            else {
                continue;
            };
            // Names with digits or brackets read badly in prose and are rare in news.
            if name.is_empty() || name.chars().any(|c| c.is_ascii_digit() || c == '(') {
                continue;
            }
            sites.push(Site {
                name,
                geonameid,
                country,
                admin1: tables.admin1_of(country, admin1_code).map(|a| a.name),
                lat,
                lon,
            });
            weights.push(population as f64 + 2_000.0);
        }
        let everywhere = sampler((0..sites.len()).collect(), &weights);
        let mut grouped: HashMap<Country, Vec<usize>> = HashMap::new();
        for (i, site) in sites.iter().enumerate() {
            grouped.entry(site.country).or_default().push(i);
        }
        let by_country = grouped
            .into_iter()
            .map(|(country, places)| (country, sampler(places, &weights)))
            .collect();
        World {
            sites,
            everywhere,
            by_country,
        }
    }

    /// A place anywhere, weighted by population.
    pub fn site(&self, rng: &mut Rng) -> Option<&Site> {
        self.everywhere.draw(rng).and_then(|i| self.sites.get(i))
    }

    /// A place in the same country as `near`, weighted by population.
    pub fn site_in(&self, country: Country, rng: &mut Rng) -> Option<&Site> {
        self.by_country
            .get(&country)
            .and_then(|s| s.draw(rng))
            .and_then(|i| self.sites.get(i))
    }

    /// How many places can be drawn.
    pub fn len(&self) -> usize {
        self.sites.len()
    }
}

fn sampler(places: Vec<usize>, weights: &[f64]) -> Sampler {
    let mut total = 0.0;
    let cumulative = places
        .iter()
        .map(|&i| {
            total += weights.get(i).copied().unwrap_or(0.0);
            total
        })
        .collect();
    Sampler { places, cumulative }
}

/// A kind of event with how the corpus writes it: `{a}` the actor, `{p}` the place, and the
/// casualty clause after.
pub struct KindTemplate {
    /// The sentence's verb phrase, with `{a}` and `{p}`.
    pub phrase: &'static str,
    /// Relative frequency.
    pub weight: u32,
    /// Whether the sentence names an actor.
    pub has_actor: bool,
}

/// The kinds of the corpus, with trigger words the extractor knows.
pub const KINDS: &[KindTemplate] = &[
    KindTemplate {
        phrase: "{a} clashed with soldiers near {p}",
        weight: 16,
        has_actor: true,
    },
    KindTemplate {
        phrase: "{a} attacked a village outside {p}",
        weight: 14,
        has_actor: true,
    },
    KindTemplate {
        phrase: "an airstrike blamed on {a} hit a market in {p}",
        weight: 10,
        has_actor: true,
    },
    KindTemplate {
        phrase: "{a} shelled residential districts of {p}",
        weight: 10,
        has_actor: true,
    },
    KindTemplate {
        phrase: "a roadside bomb planted by {a} exploded near {p}",
        weight: 8,
        has_actor: true,
    },
    KindTemplate {
        phrase: "thousands of protesters protested against fuel prices in {p}",
        weight: 12,
        has_actor: false,
    },
    KindTemplate {
        phrase: "rioters set fire to shops and cars in {p}",
        weight: 6,
        has_actor: false,
    },
    KindTemplate {
        phrase: "police arrested members of {a} in {p}",
        weight: 10,
        has_actor: true,
    },
    KindTemplate {
        phrase: "an earthquake of magnitude 6.1 struck {p}",
        weight: 3,
        has_actor: false,
    },
    KindTemplate {
        phrase: "floods swept through {p}",
        weight: 4,
        has_actor: false,
    },
];

/// The kind the direct generator stores for template `index` of [`KINDS`], in the same order.
pub fn template_kind(index: usize) -> Kind {
    const SUBS: &[SubKind] = &[
        SubKind::ArmedClash,
        SubKind::Attack,
        SubKind::AirDroneStrike,
        SubKind::ShellingArtilleryMissileAttack,
        SubKind::RemoteExplosiveLandmineIed,
        SubKind::PeacefulProtest,
        SubKind::ViolentDemonstration,
        SubKind::Arrests,
        SubKind::Earthquake,
        SubKind::Flood,
    ];
    SUBS.get(index).map_or(Kind::OTHER, |&s| Kind::sub(s))
}

/// Armed groups and forces, most reported first.
pub const ACTORS: &[&str] = &[
    "Islamic State",
    "Taliban",
    "al-Shabaab",
    "Boko Haram",
    "Houthi rebels",
    "government forces",
    "unidentified gunmen",
    "Arakan Army",
    "Hayat Tahrir al-Sham",
    "Allied Democratic Forces",
    "Kurdistan Workers' Party",
    "FARC dissidents",
    "Tehrik-i-Taliban Pakistan",
    "Jama'at Nasr al-Islam wal Muslimin",
    "M23 rebels",
    "National Liberation Army",
    "Fulani militia",
    "Wagner Group",
    "Sinaloa Cartel",
    "Ambazonian separatists",
];

/// Where the corpus says its stories come from.
pub const SOURCES: &[&str] = &[
    "Levant Monitor",
    "Sahel Dispatch",
    "Horn Wire",
    "Andes Report",
    "Eastern Ledger",
    "Gulf Courier",
    "Delta Tribune",
];

/// Background sentences that make an article its realistic length; `{p}` a place, `{c}` the
/// country, `{a}` an actor, `{n}` a number.
pub const FILLER: &[&str] = &[
    "Residents of {p} said the area had been tense for several weeks.",
    "The governor of the province called for calm and promised an inquiry.",
    "Local officials said schools and markets in the district would stay closed until further notice.",
    "Aid agencies have warned that the humanitarian situation in {c} is getting worse.",
    "The government did not respond to a request for comment on Tuesday.",
    "A spokesman for {a} could not be reached by telephone.",
    "Prices of fuel and bread have risen sharply in {p} since the start of the year.",
    "The United Nations estimates that more than {n},000 people have left their homes in the past year.",
    "Security analysts said the group had grown stronger in rural parts of {c}.",
    "Community leaders in {p} asked the authorities to send more doctors and medicine.",
    "The road between {p} and the provincial capital was reopened in the afternoon.",
    "Several families were staying with relatives in neighbouring towns, a local official said.",
    "Opposition politicians accused the government of failing to protect civilians.",
    "The region has seen repeated outbreaks of violence over land and water rights.",
    "Journalists were not allowed to visit the area, and the figures could not be verified independently.",
    "Electricity and mobile phone networks were cut for most of the day, residents said.",
    "The interior ministry said an investigation had been opened and more details would follow.",
    "Traders in {p} said business had fallen by half compared with the same month last year.",
];

/// Month names as the corpus writes dates.
pub const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A day in the twenty years, uniformly.
pub fn draw_day(rng: &mut Rng) -> NaiveDate {
    first_day()
        .checked_add_days(Days::new(rng.below(SPAN_DAYS as usize) as u64))
        .unwrap_or_else(first_day)
}

/// A kind template index, by weight.
pub fn draw_kind(rng: &mut Rng) -> usize {
    let total: u32 = KINDS.iter().map(|k| k.weight).sum();
    let mut target = (rng.below(total as usize)) as u32;
    for (i, k) in KINDS.iter().enumerate() {
        if target < k.weight {
            return i;
        }
        target -= k.weight;
    }
    0
}
