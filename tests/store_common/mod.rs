//! Shared by the store's integration tests: a seeded generator of articles and events built by
//! hand from the model (no extractor), and the self-exec helper for child processes.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::process::{Child, ChildStdout, Command, Stdio};

use chrono::{DateTime, NaiveDate};
use geochron::model::{
    Actor, Anchor, Article, ArticleId, Count, Country, Event, EventId, GeoPrecision, Kind, Place,
    Precision, Role, Span, When, from_day_number,
};

/// SplitMix64: a tiny seeded generator, so failures reproduce.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    /// A number in `lo..=hi`.
    pub fn between(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    /// A float in `lo..hi`.
    pub fn float(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

pub const ACTORS: &[&str] = &[
    "Islamic State",
    "Popular Mobilization Forces",
    "Iraqi Army",
    "protesters",
    "U.S. forces",
    "Kurdish  Peshmerga",
    "",
];

pub const WORDS: &[&str] = &[
    "attack",
    "killed",
    "the",
    "militants",
    "Mosul",
    "village",
    "army",
    "and",
    "protest",
    "election",
    "rocket",
    "base",
    "said",
    "flood",
    "convoy",
    "of",
    "ceasefire",
];

pub const COUNTRIES: &[&str] = &["IQ", "SY", "US", "IR", "FJ", "NZ", "RU"];

pub fn date(day: i64) -> NaiveDate {
    from_day_number(day as i32).expect("test day numbers are in chrono's range")
}

/// A random interval: mostly single days in recent years, some long ones, some before year 0.
pub fn random_when(rng: &mut Rng) -> When {
    let start = match rng.below(10) {
        0 => rng.between(-80_000, 0),
        1 => rng.between(0, 800_000),
        _ => rng.between(736_000, 738_000),
    };
    let days = *rng.pick(&[1, 1, 1, 1, 2, 3, 7, 31, 92, 366, 3653, 40_000]);
    let precision = *rng.pick(Precision::ALL);
    When::interval(
        date(start),
        date(start + days - 1),
        precision,
        Anchor::Explicit,
    )
}

pub fn random_place(rng: &mut Rng) -> Place {
    let (lat, lon) = match rng.below(4) {
        // Near the antimeridian and the poles, where coverings go wrong.
        0 => (
            rng.float(-89.9, 89.9),
            *rng.pick(&[-179.99, 179.99, 180.0, -180.0]),
        ),
        1 => (*rng.pick(&[-90.0, 90.0, 89.99]), rng.float(-180.0, 180.0)),
        _ => (rng.float(30.0, 40.0), rng.float(35.0, 48.0)),
    };
    Place {
        name: format!("place {}", rng.below(1000)),
        geonameid: rng.chance(50).then(|| rng.below(10_000_000) as u32),
        country: if rng.chance(80) {
            Country::from_code(rng.pick::<&str>(COUNTRIES))
        } else {
            None
        },
        admin1: rng.chance(30).then(|| "Nineveh".to_string()),
        lat,
        lon,
        precision: *rng.pick(&[
            GeoPrecision::City,
            GeoPrecision::Point,
            GeoPrecision::Country,
        ]),
    }
}

/// An event of `article` at position `ordinal`, with random fields.
pub fn random_event(rng: &mut Rng, article: ArticleId, ordinal: u32) -> Event {
    let kinds: Vec<Kind> = Kind::all().collect();
    let summary: Vec<&str> = (0..rng.between(0, 12)).map(|_| *rng.pick(WORDS)).collect();
    let start = ordinal as usize * 50;
    Event {
        id: EventId::of(article, ordinal),
        article,
        kind: *rng.pick(&kinds),
        when: random_when(rng).with_text("on Tuesday"),
        place: rng.chance(85).then(|| random_place(rng)),
        places: (0..rng.below(3)).map(|_| random_place(rng)).collect(),
        actors: (0..rng.below(4))
            .map(|_| Actor {
                name: rng.pick(ACTORS).to_string(),
                role: *rng.pick(&[Role::Initiator, Role::Target, Role::Other]),
            })
            .collect(),
        fatalities: rng.chance(40).then_some(Count {
            low: 3,
            best: 5,
            high: 8,
        }),
        injured: rng.chance(20).then(|| Count::exact(rng.below(50) as u32)),
        summary: summary.join(" "),
        span: Span::new(start, start + 40),
        confidence: rng.float(0.0, 1.0) as f32,
        status: geochron::model::EventStatus::Happened,
        evidence: Default::default(),
        duplicate_of: None,
        duplicates: Vec::new(),
    }
}

/// Article number `n` of a test run named `run`, with `events` random events.
pub fn random_article(rng: &mut Rng, run: &str, n: u64, events: u32) -> (Article, Vec<Event>) {
    let text = format!("{run} article {n}: something happened somewhere.");
    let id = ArticleId::of_text(&text);
    let article = Article {
        id,
        title: format!("events={events}"),
        published: rng.chance(70).then(|| date(rng.between(736_000, 738_000))),
        source: rng.chance(50).then(|| "Washington Times".to_string()),
        url: None,
        countries: COUNTRIES
            .iter()
            .take(rng.below(3) as usize)
            .filter_map(|c| Country::from_code(c))
            .collect(),
        text,
        ingested_at: DateTime::from_timestamp(1_700_000_000 + n as i64, 123).unwrap_or_default(),
    };
    let events = (0..events).map(|i| random_event(rng, id, i)).collect();
    (article, events)
}

/// A child process that is killed when dropped, so a failing test leaves nothing running.
pub struct ChildGuard(pub Child);

impl Drop for ChildGuard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Runs this test binary's ignored test `name` as a child process with `env` set, stdin and
/// stdout piped.
pub fn spawn_child(name: &str, env: &[(&str, &str)]) -> (ChildGuard, BufReader<ChildStdout>) {
    let exe = std::env::current_exe().expect("the test binary knows its path");
    let mut command = Command::new(exe);
    command
        .args([
            "--exact",
            name,
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped());
    for (k, v) in env {
        command.env(k, v);
    }
    let mut child = command.spawn().expect("the test binary runs");
    let stdout = child.stdout.take().expect("stdout is piped");
    (ChildGuard(child), BufReader::new(stdout))
}

/// Reads the child's lines until one holds `marker`; returns the line from the marker on, or
/// `None` when the child's output ends. (libtest prints `test NAME ... ` before the test's
/// own first line, so the marker need not start the line.)
pub fn read_until(out: &mut BufReader<ChildStdout>, marker: &str) -> Option<String> {
    let mut line = String::new();
    loop {
        line.clear();
        if out.read_line(&mut line).ok()? == 0 {
            return None;
        }
        if let Some(at) = line.find(marker) {
            return Some(line[at..].trim_end().to_string());
        }
    }
}

/// In a child process: exits after `seconds` whatever it is doing, so a parent that dies
/// cannot leave it running.
pub fn exit_after(seconds: u64) {
    std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_secs(seconds));
        std::process::exit(3);
    });
}

/// Opens the sled database under a store this process has just dropped, behind the store's
/// back. sled's own file lock is released by its flusher thread when that thread next wakes,
/// so right after a drop the lock can still be held for a moment: wait for it, as
/// `Store::open` does, rather than fail on a busy machine.
pub fn raw_sled(path: &std::path::Path) -> sled::Db {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        match sled::open(path) {
            Ok(db) => return db,
            Err(e) if std::time::Instant::now() < deadline && e.to_string().contains("lock") => {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(e) => panic!("raw open of {}: {e}", path.display()),
        }
    }
}
