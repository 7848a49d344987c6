//! Throughput of the temporal tagger on synthetic news text: prints MB/s on one core.
//! Run with `cargo bench --bench time_tagger`. The text is generated here (a fixed
//! pseudo-random mix of news sentences, date expressions and filler), so nothing outside the
//! repository is needed.

use std::hint::black_box;
use std::time::Instant;

use chrono::NaiveDate;
use geochron::extract::time::tag;

const FILLER: &[&str] = &[
    "the",
    "coalition",
    "said",
    "militia",
    "forces",
    "attacked",
    "a",
    "base",
    "near",
    "Kirkuk",
    "officials",
    "reported",
    "that",
    "at",
    "least",
    "six",
    "people",
    "were",
    "killed",
    "and",
    "31",
    "wounded",
    "in",
    "an",
    "explosion",
    "outside",
    "embassy",
    "while",
    "government",
    "spokesman",
    "Ahmed",
    "al-Mansour",
    "told",
    "reporters",
    "protesters",
    "gathered",
    "for",
    "talks",
    "on",
    "security",
    "of",
    "oil",
    "prices",
    "rose",
    "percent",
    "$",
    "3.5",
    "million",
];

const DATES: &[&str] = &[
    "on Monday",
    "last week",
    "January 3, 2020",
    "Dec. 5",
    "later that night",
    "this month",
    "in late 2016",
    "in 2011",
    "yesterday",
    "two days ago",
    "the third quarter",
    "three weeks",
    "every Friday",
    "now",
    "recently",
    "the 1990s",
    "earlier this year",
    "next Friday",
    "Tuesday morning",
    "10:35 a.m.",
    "mid-March",
    "a year ago",
    "the next day",
    "2020-01-03",
];

/// A deterministic linear congruential generator: the same text every run.
struct Lcg(u64);

impl Lcg {
    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let i = usize::try_from(self.0 >> 33).unwrap_or(0) % from.len();
        from.get(i).copied().unwrap_or("the")
    }
}

/// About `bytes` of article text, in articles of about 3 kB.
fn corpus(bytes: usize) -> Vec<String> {
    let mut rng = Lcg(42);
    let mut articles = Vec::new();
    let mut total = 0;
    while total < bytes {
        let mut text = String::with_capacity(3200);
        while text.len() < 3000 {
            for k in 0..18 {
                text.push_str(if k == 9 {
                    rng.pick(DATES)
                } else {
                    rng.pick(FILLER)
                });
                text.push(' ');
            }
            text.push_str("officials said.\n");
        }
        total += text.len();
        articles.push(text);
    }
    articles
}

fn main() {
    let articles = corpus(16 << 20);
    let bytes: usize = articles.iter().map(String::len).sum();
    let published = NaiveDate::from_ymd_opt(2020, 1, 3);
    let mut found = 0;
    // One warm-up pass builds the word table and warms the caches.
    for a in &articles {
        found += tag(black_box(a), published).len();
    }
    let rounds = 3;
    let start = Instant::now();
    for _ in 0..rounds {
        for a in &articles {
            found += black_box(tag(black_box(a), published)).len();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let mb = (bytes * rounds) as f64 / 1e6;
    println!(
        "time_tagger: {:.1} MB in {:.3} s = {:.1} MB/s on one core ({} expressions per pass)",
        mb,
        secs,
        mb / secs,
        found / (rounds + 1)
    );
}
