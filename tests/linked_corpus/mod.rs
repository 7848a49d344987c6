//! Shared by the ingest reliability tests: a seeded corpus of short wire reports in JSON lines,
//! several publishers telling the same few happenings in different words, so that ingest links
//! many reports to one another (the heavy-linking case), with repeated lines when asked.
//! Every sentence is written here for the tests.
#![allow(dead_code)]

use std::fmt::Write as _;

/// Towns the embedded gazetteer places in Iraq, where the happenings are.
const TOWNS: &[&str] = &[
    "Makhmur", "Kirkuk", "Mosul", "Tikrit", "Baiji", "Ramadi", "Fallujah", "Samarra", "Haditha",
    "Sinjar", "Hawija",
];

const SOURCES: &[&str] = &[
    "Erbil Ledger",
    "Tigris Wire",
    "Nineveh Post",
    "Anbar Daily",
    "Basra Herald",
    "Desert Courier",
];

const NUMBERS: &[&str] = &[
    "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
];

const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// The ways a report tells one ambush: `{town}`, `{day}` and `{n}` filled in.
const TEMPLATES: &[&str] = &[
    "Islamic State militants ambushed an army convoy near {town} on {day}, killing {n} soldiers, officials said.",
    "{N} soldiers were killed when Islamic State fighters attacked a convoy near {town} on {day}, a spokesman said.",
    "Islamic State gunmen attacked a military checkpoint in {town} on {day}. {N} soldiers died in the fighting.",
    "On {day}, Islamic State insurgents clashed with troops outside {town}; {n} soldiers were killed, police said.",
];

/// SplitMix64, so a failing seed reproduces.
pub struct Seeded(u64);

impl Seeded {
    pub fn new(seed: u64) -> Seeded {
        Seeded(seed)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        (z ^ (z >> 31)) % n
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

/// JSON lines of `happenings` ambushes, each told by one to four publishers. With `repeat`,
/// every third line from the 71st on is followed by the line written 70 before it: repeats
/// that fall in the next ingest chunk of 64, where the earlier copy may still be being
/// written.
pub fn wire_reports(happenings: usize, seed: u64, repeat: bool) -> String {
    let mut rng = Seeded::new(seed);
    let mut lines = Vec::new();
    for h in 0..happenings {
        let town = rng.pick(TOWNS);
        let n = rng.pick(NUMBERS);
        // Publication days spread over 2021; the ambush was the day before.
        let published = chrono::NaiveDate::from_ymd_opt(2021, 1, 1)
            .and_then(|d| d.checked_add_days(chrono::Days::new((h % 300) as u64)))
            .expect("a day of 2021");
        let weekday = chrono::Datelike::weekday(&published).num_days_from_monday() as usize;
        let day = WEEKDAYS[(weekday + 6) % 7];
        let reports = 1 + rng.below(4);
        for r in 0..reports {
            let mut capital = n.to_string();
            capital[..1].make_ascii_uppercase();
            let mut text = rng
                .pick(TEMPLATES)
                .replace("{town}", town)
                .replace("{day}", day)
                .replace("{N}", &capital)
                .replace("{n}", n);
            let _ = write!(
                text,
                " The report was filed by correspondent {}.",
                rng.below(1_000_000)
            );
            let line = serde_json::json!({
                "id": format!("{h}-{r}"),
                "title": format!("Attack near {town}"),
                "published": published.to_string(),
                "source": rng.pick(SOURCES),
                "text": text,
            });
            lines.push(line.to_string());
        }
    }
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        out.push_str(line);
        out.push('\n');
        if repeat && i >= 70 && i % 3 == 0 {
            out.push_str(&lines[i - 70]);
            out.push('\n');
        }
    }
    out
}
