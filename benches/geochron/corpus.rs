//! The corpus generator: from a seed, articles in the seed's text format (a date line, the
//! title twice, an `Affected Countries:` line, paragraphs, a `Source:` line), 2–4 KB each, with
//! the events each article truly reports. The same article can be read through the extractor
//! (the ingest rows) or turned straight into `Event`s (the direct generator, for the store and
//! query rows at a million events). Pure: it writes files only when asked to by `write_corpus`.

use std::fmt::Write as _;
use std::path::Path;

use chrono::{Datelike, Days, NaiveDate};
use geochron::model::{
    Actor, Anchor, Article, ArticleId, Count, Country, Event, EventId, GeoPrecision, Place,
    Precision, Role, Span, When,
};

use super::world::{
    ACTORS, FILLER, KINDS, MONTHS, Rng, SOURCES, Site, World, draw_day, draw_kind, template_kind,
};

/// One event an article reports, as the generator made it.
pub struct TruthEvent {
    /// Index into `KINDS`.
    pub kind: usize,
    /// When it happened.
    pub when: When,
    /// Where.
    pub site: Site,
    /// Who, initiator first.
    pub actors: Vec<(String, Role)>,
    /// Dead, when the sentence says.
    pub killed: Option<u32>,
    /// Hurt, when the sentence says.
    pub injured: Option<u32>,
    /// The sentence's byte range in the body.
    pub span: Span,
}

/// One generated article.
pub struct GeneratedArticle {
    /// The headline.
    pub title: String,
    /// The publication date.
    pub published: NaiveDate,
    /// The publisher.
    pub source: &'static str,
    /// The story's country.
    pub country: Country,
    /// The body paragraphs, separated by blank lines.
    pub body: String,
    /// What the body reports.
    pub events: Vec<TruthEvent>,
}

/// Headline words per kind, in `KINDS` order.
const HEADLINES: &[&str] = &[
    "Fighting erupts near",
    "Village attacked outside",
    "Airstrike hits market in",
    "Shelling pounds",
    "Roadside bomb explodes near",
    "Thousands protest in",
    "Riots break out in",
    "Arrests made in",
    "Earthquake strikes",
    "Floods hit",
];

/// Kinds whose sentences carry casualty counts.
fn violent(kind: usize) -> bool {
    kind < 5 || kind == 6
}

/// Generates the `index`-th article of the corpus with this seed; the same pair always gives
/// the same article.
pub fn article(world: &World, seed: u64, index: u64) -> Option<GeneratedArticle> {
    let mut rng = Rng::new(seed.wrapping_mul(0x1000_0000_01b3) ^ index);
    let site = world.site(&mut rng)?.clone();
    let main_kind = draw_kind(&mut rng);
    let day = super::world::draw_day(&mut rng);
    let precision = match rng.below(100) {
        0..=84 => Precision::Day,
        85..=94 => Precision::Month,
        _ => Precision::Year,
    };
    let (when, date_text) = when_of(day, precision);
    let published = when.end.checked_add_days(Days::new(1)).unwrap_or(when.end);
    let target = 2_000 + rng.below(2_000);
    let mut body = String::with_capacity(target + 400);
    let mut events = Vec::new();
    let lead = event_sentence(&mut rng, main_kind, &site, &date_text);
    push_event(&mut body, &mut events, lead, main_kind, when, site.clone());
    let extra_events = usize::from(rng.chance(0.6)) + usize::from(rng.chance(0.3));
    let mut paragraph = 0;
    while body.len() < target {
        let sentences = if paragraph == 0 { 2 } else { 3 + rng.below(2) };
        for _ in 0..sentences {
            body.push(' ');
            filler(&mut rng, &mut body, &site);
        }
        paragraph += 1;
        if body.len() >= target {
            break;
        }
        body.push_str("\n\n");
        if events.len() <= extra_events {
            let other = world
                .site_in(site.country, &mut rng)
                .unwrap_or(&site)
                .clone();
            let kind = draw_kind(&mut rng);
            let before = Days::new(1 + rng.below(5) as u64);
            let other_day = day.checked_sub_days(before).unwrap_or(day);
            let (other_when, text) = when_of(other_day, Precision::Day);
            let sentence = event_sentence(&mut rng, kind, &other, &text);
            push_event(&mut body, &mut events, sentence, kind, other_when, other);
        } else {
            filler(&mut rng, &mut body, &site);
        }
    }
    let title = format!(
        "{} {}",
        HEADLINES.get(main_kind).copied().unwrap_or("Violence in"),
        site.name
    );
    Some(GeneratedArticle {
        title,
        published,
        source: rng.pick(SOURCES).copied().unwrap_or("Wire"),
        country: site.country,
        body,
        events,
    })
}

/// The interval and the words for a date at a precision.
fn when_of(day: NaiveDate, precision: Precision) -> (When, String) {
    let month = MONTHS
        .get(day.month0() as usize)
        .copied()
        .unwrap_or("January");
    match precision {
        Precision::Month => match When::month(day.year(), day.month()) {
            Some(w) => (w, format!("In {month} {}", day.year())),
            None => (
                When::day(day),
                format!("On {month} {}, {}", day.day(), day.year()),
            ),
        },
        Precision::Year => match When::year(day.year()) {
            Some(w) => (w, format!("In {}", day.year())),
            None => (
                When::day(day),
                format!("On {month} {}, {}", day.day(), day.year()),
            ),
        },
        _ => (
            When::day(day),
            format!("On {month} {}, {}", day.day(), day.year()),
        ),
    }
}

/// The words of an event sentence, and who took part.
struct Sentence {
    text: String,
    actors: Vec<(String, Role)>,
    killed: Option<u32>,
    injured: Option<u32>,
}

fn event_sentence(rng: &mut Rng, kind: usize, site: &Site, date_text: &str) -> Sentence {
    let Some(template) = KINDS.get(kind) else {
        return Sentence {
            text: format!("{date_text}, something happened in {}.", site.name),
            actors: Vec::new(),
            killed: None,
            injured: None,
        };
    };
    let actor = ACTORS
        .get(rng.skewed(ACTORS.len()))
        .copied()
        .unwrap_or("gunmen");
    let phrase = template
        .phrase
        .replace("{a}", actor)
        .replace("{p}", site.name);
    let actors = match kind {
        5 => vec![("protesters".to_string(), Role::Initiator)],
        6 => vec![("rioters".to_string(), Role::Initiator)],
        7 => vec![
            ("police".to_string(), Role::Initiator),
            (actor.to_string(), Role::Target),
        ],
        _ if template.has_actor => vec![(actor.to_string(), Role::Initiator)],
        _ => Vec::new(),
    };
    let killed = (violent(kind) && rng.chance(0.6)).then(|| 1 + rng.skewed(40) as u32);
    let injured = (violent(kind) && rng.chance(0.35)).then(|| 2 + rng.skewed(60) as u32);
    let clause = match (killed, injured) {
        (Some(k), Some(i)) => format!(", killing {k} people and injuring {i}"),
        (Some(k), None) => format!(", killing {k}"),
        (None, Some(i)) => format!(", and {i} people were injured"),
        (None, None) => String::new(),
    };
    Sentence {
        text: format!("{date_text}, {phrase}{clause}, officials said."),
        actors,
        killed,
        injured,
    }
}

fn push_event(
    body: &mut String,
    events: &mut Vec<TruthEvent>,
    sentence: Sentence,
    kind: usize,
    when: When,
    site: Site,
) {
    let start = body.len();
    body.push_str(&sentence.text);
    events.push(TruthEvent {
        kind,
        when,
        site,
        actors: sentence.actors,
        killed: sentence.killed,
        injured: sentence.injured,
        span: Span::new(start, body.len()),
    });
}

fn filler(rng: &mut Rng, body: &mut String, site: &Site) {
    let line = rng.pick(FILLER).copied().unwrap_or("Officials said.");
    let actor = rng.pick(ACTORS).copied().unwrap_or("gunmen");
    let n = 2 + rng.below(90);
    let text = line
        .replace("{p}", site.name)
        .replace("{c}", site.country.name())
        .replace("{a}", actor)
        .replace("{n}", &n.to_string());
    body.push_str(&text);
}

impl GeneratedArticle {
    /// The article as a file in the seed's text format.
    pub fn seed_text(&self) -> String {
        let month = MONTHS
            .get(self.published.month0() as usize)
            .copied()
            .unwrap_or("January");
        let slug: String = self
            .country
            .name()
            .chars()
            .map(|c| {
                if c.is_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        let mut out = String::with_capacity(self.body.len() + 300);
        let _ = write!(
            out,
            "Skip to Content\n\n\n\n{month} {}, {} » World »\n\n{}\n\n{}\n\n\n  Affected Countries: {slug};\n\n{}\n\nSource: {}\n",
            self.published.day(),
            self.published.year(),
            self.title,
            self.title,
            self.body,
            self.source
        );
        out
    }

    /// The stored article and its events, built without the extractor.
    pub fn to_store(&self) -> (Article, Vec<Event>) {
        let id = ArticleId::of_text(&self.body);
        let events = self
            .events
            .iter()
            .enumerate()
            .map(|(ordinal, truth)| Event {
                id: EventId::of(id, ordinal as u32),
                article: id,
                kind: template_kind(truth.kind),
                when: truth.when.clone().with_anchor(Anchor::Explicit),
                place: Some(Place {
                    name: truth.site.name.to_string(),
                    geonameid: Some(truth.site.geonameid),
                    country: Some(truth.site.country),
                    admin1: truth.site.admin1.map(str::to_string),
                    lat: truth.site.lat,
                    lon: truth.site.lon,
                    precision: GeoPrecision::City,
                }),
                places: Vec::new(),
                actors: truth
                    .actors
                    .iter()
                    .map(|(name, role)| Actor {
                        name: name.clone(),
                        role: *role,
                    })
                    .collect(),
                fatalities: truth.killed.map(Count::exact),
                injured: truth.injured.map(Count::exact),
                summary: truth.span.slice(&self.body).to_string(),
                span: truth.span,
                confidence: 0.8,
                status: geochron::model::EventStatus::Happened,
                evidence: Default::default(),
                duplicate_of: None,
                duplicates: Vec::new(),
            })
            .collect();
        let article = Article {
            id,
            title: self.title.clone(),
            published: Some(self.published),
            source: Some(self.source.to_string()),
            url: None,
            countries: vec![self.country],
            text: self.body.clone(),
            ingested_at: chrono::DateTime::UNIX_EPOCH,
        };
        (article, events)
    }
}

/// Writes `articles` articles of the seed `seed` into `out` (a thousand files per folder);
/// returns the bytes and events written.
pub fn write_corpus(
    world: &World,
    seed: u64,
    articles: u64,
    out: &Path,
) -> std::io::Result<(u64, u64)> {
    let (mut bytes, mut events) = (0u64, 0u64);
    for index in 0..articles {
        let Some(article) = article(world, seed, index) else {
            continue;
        };
        let folder = out.join(format!("{:05}", index / 1000));
        if index % 1000 == 0 {
            std::fs::create_dir_all(&folder)?;
        }
        let text = article.seed_text();
        bytes += text.len() as u64;
        events += article.events.len() as u64;
        std::fs::write(folder.join(format!("{index:08}.txt")), text)?;
    }
    Ok((bytes, events))
}

/// Articles until `events` events have been made, from index 0: the direct generator's unit.
pub fn articles_for_events(
    world: &World,
    seed: u64,
    events: usize,
) -> impl Iterator<Item = GeneratedArticle> + '_ {
    let mut made = 0usize;
    (0u64..)
        .map_while(move |index| {
            if made >= events {
                return None;
            }
            let article = article(world, seed, index);
            if let Some(a) = &article {
                made += a.events.len();
            }
            Some(article)
        })
        .flatten()
}

/// A day drawn like the corpus's dates, for query parameters.
pub fn query_day(rng: &mut Rng) -> NaiveDate {
    draw_day(rng)
}
