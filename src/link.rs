//! Linking the reports of one happening across articles: two articles that tell the same
//! attack give two events, and the later one is linked to the earlier (`Event::duplicate_of`,
//! and the earlier's `Event::duplicates`), so queries count the happening once and show every
//! source. Decides which events match ([`same_happening`], pure) and which stored events a
//! write must rewrite to keep the links two-way; it never writes to the store itself.
//!
//! Two reports are of one happening when they have the same top kind (a protest and a riot
//! count as one family), dates at most a week long that overlap, places
//! within [`NEAR_KM`] (or the same named town or province), casualty figures that do not
//! contradict each other, and something in common beyond time and place: an actor word or a
//! casualty figure of at least [`TELLING_TOLL`]. Protests whose crowds have no names are left
//! apart unless a toll agrees: linking any two protests in one town on one day linked 61 more
//! of ACLED's notes, whose coders count such protests apart.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::RangeInclusive;

use crate::error::Result;
use crate::model::{
    Article, ArticleId, Event, EventId, EventType, GeoPrecision, Place, Report, day_number,
};
use crate::store::cell::{cell_id, covering_circle};
use crate::store::{DayRange, Store};

/// How far apart two reports may place one happening, in km.
pub const NEAR_KM: f64 = 10.0;

/// The longest date interval, in days, that still says which happening an event is: a
/// "this month" or "in 2016" event could be any of many.
const MAX_DAYS: i64 = 7;

/// The most reports one happening keeps links to; later ones count on their own. Bounds the
/// size of the counted event's value, which every link rewrites.
pub const MAX_REPORTS: usize = 64;

/// Cell ranges a candidate scan may use. Fewer than the query planner's `near` (16): each
/// range is a seek even in an empty store, and a looser cover only adds candidates that the
/// row head turns away by date.
const MAX_CELL_RANGES: usize = 4;

/// Words of actor names too common to say two reports share an actor.
const GENERIC_ACTOR_WORDS: &[&str] = &[
    "of",
    "the",
    "and",
    "forces",
    "force",
    "military",
    "police",
    "unidentified",
    "armed",
    "group",
    "civilians",
    "protesters",
    "rioters",
    "militia",
    "government",
    "unknown",
];

/// Whether two events of different articles report the same happening.
pub fn same_happening(a: &Event, b: &Event) -> bool {
    a.article != b.article
        && linkable(a)
        && linkable(b)
        && family(a) == family(b)
        && dates_meet(a, b)
        && places_meet(a.place.as_ref(), b.place.as_ref())
        && !casualties_contradict(a, b)
        && (shares_actor_word(a, b) || casualties_agree(a, b))
}

/// Whether an event is a happening another report could repeat: statements and events of
/// unknown kind are said, not happened, and one placed no closer than a country, or dated
/// no closer than a week, could be any of many.
fn linkable(e: &Event) -> bool {
    !matches!(e.kind.event_type(), EventType::Statement | EventType::Other)
        && e.when.days() <= MAX_DAYS
        && e.place
            .as_ref()
            .is_some_and(|p| p.precision <= GeoPrecision::Admin1)
}

/// The kind family: the top kind, with protests and riots together (a protest can turn into
/// a riot in one report and not in another).
fn family(e: &Event) -> EventType {
    match e.kind.event_type() {
        EventType::Riot => EventType::Protest,
        other => other,
    }
}

/// Whether the two date intervals overlap. (A day of slack either way, for reports that
/// disagree on which side of midnight a night attack fell, linked ACLED's notes of fighting
/// on consecutive days at one front, which its coders count apart.)
fn dates_meet(a: &Event, b: &Event) -> bool {
    let (a0, a1) = (day_number(a.when.start), day_number(a.when.end));
    let (b0, b1) = (day_number(b.when.start), day_number(b.when.end));
    a0 <= b1 && b0 <= a1
}

/// Whether two places are near enough to be one: within [`NEAR_KM`], or the same named town
/// or province.
fn places_meet(a: Option<&Place>, b: Option<&Place>) -> bool {
    let (Some(a), Some(b)) = (a, b) else {
        return false;
    };
    let same_named = a.name == b.name
        && a.country == b.country
        && a.precision <= GeoPrecision::Admin1
        && b.precision <= GeoPrecision::Admin1;
    let specific = a.precision <= GeoPrecision::City && b.precision <= GeoPrecision::City;
    same_named
        || (specific
            && crate::gazetteer::lookup::distance_km(a.lat, a.lon, b.lat, b.lon) <= NEAR_KM)
}

/// Whether both count the dead and the counts cannot be one happening's: more than twice
/// apart and more than three apart ("four killed" and "at least five" can be; 4 and 40 not).
fn casualties_contradict(a: &Event, b: &Event) -> bool {
    match (a.fatalities, b.fatalities) {
        (Some(x), Some(y)) => {
            let (lo, hi) = (x.best.min(y.best), x.best.max(y.best));
            hi - lo > 3 && hi > 2 * lo
        }
        _ => false,
    }
}

/// Whether both count the dead, or both the hurt, with figures that agree and say something:
/// at least [`TELLING_TOLL`] (one dead in a city on a given day is too common to tell two
/// killings apart — ACLED's notes hold many such pairs).
fn casualties_agree(a: &Event, b: &Event) -> bool {
    let telling = |x: Option<crate::model::Count>, y: Option<crate::model::Count>| matches!((x, y), (Some(x), Some(y)) if x.best >= TELLING_TOLL && y.best >= TELLING_TOLL);
    (telling(a.fatalities, b.fatalities) && !casualties_contradict(a, b))
        || telling(a.injured, b.injured)
}

/// The smallest toll that, reported by both, says two reports tell one happening.
const TELLING_TOLL: u32 = 3;

/// Whether an actor of one report shares a telling word with an actor of the other.
/// The country's own name is not telling: every event in Syria may have "Military Forces
/// of Syria".
fn shares_actor_word(a: &Event, b: &Event) -> bool {
    let words = actor_words(a);
    actor_words(b).iter().any(|w| words.contains(w))
}

/// The telling words of an event's actor names: lower-case, outside parentheses (which hold
/// the country of a generic actor), generic words and the event's country's name left out.
fn actor_words(e: &Event) -> BTreeSet<String> {
    let country = e
        .place
        .as_ref()
        .and_then(|p| p.country)
        .map(|c| c.name().to_lowercase())
        .unwrap_or_default();
    let country_words: Vec<&str> = country.split(|c: char| !c.is_alphanumeric()).collect();
    e.actors
        .iter()
        .flat_map(|actor| {
            let name = actor.name.split('(').next().unwrap_or_default();
            name.split(|c: char| !c.is_alphanumeric())
                .map(str::to_lowercase)
                .filter(|w| {
                    w.len() > 1
                        && !GENERIC_ACTOR_WORDS.contains(&w.as_str())
                        && !country_words.contains(&w.as_str())
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Links the events of articles being written to the events of articles stored before them
/// or written before them in the same write, and gathers the stored events whose links change.
pub struct Linker<'a> {
    store: &'a Store,
    /// Stored events whose `duplicates` grew, by id: the write must rewrite them.
    changed: BTreeMap<EventId, Event>,
    /// The candidate cell ranges around each place met so far, by its coordinates' bits: a
    /// story's events mostly share a few places, and the cover cost more than the scan.
    covers: HashMap<(u64, u64), Vec<RangeInclusive<u64>>>,
}

/// Where a counted report a new event links to lives during a write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Counted {
    /// A stored event (its rewrite is in `changed`).
    Stored(EventId),
    /// Event `.1` of article `.0` of the write's earlier articles.
    Pending(usize, usize),
}

impl<'a> Linker<'a> {
    /// A linker reading candidates from `store`.
    pub fn new(store: &'a Store) -> Linker<'a> {
        Linker {
            store,
            changed: BTreeMap::new(),
            covers: HashMap::new(),
        }
    }

    /// Links each event of `article` that reports the same happening as an event stored
    /// before it, or as one of `earlier` (articles of the same write, not stored yet), to
    /// that event's counted report: the new event becomes its duplicate.
    ///
    /// Stored and earlier events are candidates alike, chosen by one rule (the earliest
    /// happening's counted report, the id breaking ties), so the links do not depend on
    /// where a write's chunks begin: ingesting articles one by one, in chunks, or again
    /// after a crash stopped an ingest part way gives the same links.
    pub fn link(
        &mut self,
        article: &Article,
        events: &mut [Event],
        earlier: &mut [(Article, Vec<Event>)],
    ) -> Result<()> {
        let mut pending: HashMap<EventId, (usize, usize)> = HashMap::new();
        for (i, (_, their)) in earlier.iter().enumerate() {
            for (j, e) in their.iter().enumerate() {
                pending.insert(e.id, (i, j));
            }
        }
        for event in events.iter_mut() {
            if !linkable(event) {
                continue;
            }
            let report = Report {
                event: event.id,
                article: article.id,
                source: article.source.clone(),
            };
            match self.best_match(event, earlier, &pending)? {
                Some(Counted::Stored(id)) => {
                    event.duplicate_of = Some(id);
                    if let Some(stored) = self.changed.get_mut(&id) {
                        stored.duplicates.push(report);
                    }
                }
                Some(Counted::Pending(i, j)) => {
                    if let Some(counted) = earlier.get_mut(i).and_then(|(_, e)| e.get_mut(j)) {
                        event.duplicate_of = Some(counted.id);
                        counted.duplicates.push(report);
                    }
                }
                None => {}
            }
        }
        Ok(())
    }

    /// The counted report `event` repeats, among the stored events and `earlier`: of every
    /// candidate of the same happening, its counted report (the candidate itself, or the one
    /// it is a duplicate of), the earliest happening first and the id breaking ties, one
    /// already linked [`MAX_REPORTS`] times passed over. A stored one is loaded into
    /// `changed` to be rewritten.
    fn best_match(
        &mut self,
        event: &Event,
        earlier: &[(Article, Vec<Event>)],
        pending: &HashMap<EventId, (usize, usize)>,
    ) -> Result<Option<Counted>> {
        // Candidates come from the place index: the events within NEAR_KM of this one's place
        // (a same-named place has the same coordinates). In a bulk import most events share a
        // few weeks, so a date or kind scan would read most of the store for every event;
        // places are what keeps the candidates few.
        let Some(place) = &event.place else {
            return Ok(None);
        };
        let ranges = self
            .covers
            .entry((place.lat.to_bits(), place.lon.to_bits()))
            .or_insert_with(|| covering_circle(place.lat, place.lon, NEAR_KM, MAX_CELL_RANGES))
            .clone();
        // A linkable candidate lasts at most MAX_DAYS and meets this event's interval, so it
        // starts in these days; the others are turned away on their index row's head instead
        // of each costing a read and a decoding of the whole event (thousands around a big
        // city in a large store).
        let starts = DayRange::new(
            day_number(event.when.start).saturating_sub(MAX_DAYS as i32),
            day_number(event.when.end),
        );
        let mut best: Option<(Counted, (chrono::NaiveDate, EventId))> = None;
        let mut consider = |counted: Counted, candidate: &Event| {
            let rank = (candidate.when.start, candidate.id);
            if candidate.duplicates.len() < MAX_REPORTS
                && best.as_ref().is_none_or(|(_, b)| rank < *b)
            {
                best = Some((counted, rank));
            }
        };
        let ids = self.store.scan_cells_starting(&ranges, starts);
        for candidate in self.store.events_of(ids) {
            let candidate = candidate?;
            if !same_happening(&candidate, event) {
                continue;
            }
            let canonical = candidate.duplicate_of.unwrap_or(candidate.id);
            if let Some(&(i, j)) = pending.get(&canonical) {
                if let Some(counted) = earlier.get(i).and_then(|(_, e)| e.get(j)) {
                    consider(Counted::Pending(i, j), counted);
                }
            } else if let Some(counted) = self.load(canonical)? {
                consider(Counted::Stored(counted.id), &counted);
            }
        }
        // The events of this write before this article, tested as the scan tests stored ones.
        for (_, their) in earlier {
            for candidate in their {
                let in_cover = candidate.place.as_ref().is_some_and(|p| {
                    let cell = cell_id(p.lat, p.lon);
                    ranges.iter().any(|r| r.contains(&cell))
                }) && starts.contains(day_number(candidate.when.start));
                if !in_cover || !same_happening(candidate, event) {
                    continue;
                }
                let canonical = candidate.duplicate_of.unwrap_or(candidate.id);
                if let Some(&(i, j)) = pending.get(&canonical) {
                    if let Some(counted) = earlier.get(i).and_then(|(_, e)| e.get(j)) {
                        consider(Counted::Pending(i, j), counted);
                    }
                } else if let Some(counted) = self.load(canonical)? {
                    consider(Counted::Stored(counted.id), &counted);
                }
            }
        }
        let Some((counted, _)) = best else {
            return Ok(None);
        };
        if let Counted::Stored(id) = counted
            && !self.changed.contains_key(&id)
            && let Some(stored) = self.store.get_event(id)?
        {
            self.changed.insert(id, stored);
        }
        Ok(Some(counted))
    }

    /// A stored event, as this write has changed it so far.
    fn load(&self, id: EventId) -> Result<Option<Event>> {
        match self.changed.get(&id) {
            Some(event) => Ok(Some(event.clone())),
            None => self.store.get_event(id),
        }
    }

    /// The stored events whose links changed, to be rewritten after the new articles.
    pub fn into_changed(self) -> Vec<Event> {
        self.changed.into_values().collect()
    }
}

/// The events of other articles to rewrite so that deleting `article` leaves no link
/// pointing at it: a duplicate of its events is promoted to be counted in their place (the
/// oldest report, with the others relinked to it), and its own duplicates of other articles'
/// events are struck from their lists.
pub fn unlink_article(store: &Store, article: ArticleId) -> Result<Vec<Event>> {
    let mut changed: BTreeMap<EventId, Event> = BTreeMap::new();
    let load = |changed: &BTreeMap<EventId, Event>, id: EventId| -> Result<Option<Event>> {
        match changed.get(&id) {
            Some(event) => Ok(Some(event.clone())),
            None => store.get_event(id),
        }
    };
    for event in store.article_events(article)? {
        if let Some(canonical) = event.duplicate_of
            && let Some(mut counted) = load(&changed, canonical)?
            && counted.article != article
        {
            counted.duplicates.retain(|r| r.event != event.id);
            changed.insert(counted.id, counted);
        }
        let others: Vec<Report> = event
            .duplicates
            .iter()
            .filter(|r| r.article != article)
            .cloned()
            .collect();
        let Some((first, rest)) = others.split_first() else {
            continue;
        };
        let Some(mut promoted) = load(&changed, first.event)? else {
            continue;
        };
        promoted.duplicate_of = None;
        promoted.duplicates = rest.to_vec();
        for report in rest {
            if let Some(mut other) = load(&changed, report.event)? {
                other.duplicate_of = Some(promoted.id);
                changed.insert(other.id, other);
            }
        }
        changed.insert(promoted.id, promoted);
    }
    Ok(changed.into_values().collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, Count, Country, Kind, Role, Span, SubKind, When};
    use chrono::NaiveDate;

    fn event(article: u64, kind: SubKind, day: u32, place: (&str, f64, f64)) -> Event {
        let day = NaiveDate::from_ymd_opt(2021, 10, day).unwrap_or_default();
        Event {
            id: EventId(article * 100),
            article: ArticleId(article),
            kind: Kind::sub(kind),
            when: When::day(day),
            place: Some(Place {
                name: place.0.into(),
                geonameid: None,
                country: Country::from_code("IQ"),
                admin1: None,
                lat: place.1,
                lon: place.2,
                precision: GeoPrecision::City,
            }),
            places: Vec::new(),
            actors: vec![Actor {
                name: "Islamic State".into(),
                role: Role::Initiator,
            }],
            fatalities: Some(Count::exact(4)),
            injured: None,
            summary: String::new(),
            span: Span::default(),
            confidence: 0.5,
            status: crate::model::EventStatus::Happened,
            evidence: Default::default(),
            duplicate_of: None,
            duplicates: Vec::new(),
        }
    }

    const MAKHMUR: (&str, f64, f64) = ("Makhmur", 35.776, 43.580);
    const NEAR_MAKHMUR: (&str, f64, f64) = ("Kandinawa", 35.80, 43.62);
    const KIRKUK: (&str, f64, f64) = ("Kirkuk", 35.468, 44.392);

    #[test]
    fn two_reports_of_one_ambush_match() {
        let a = event(1, SubKind::ArmedClash, 16, MAKHMUR);
        let mut b = event(2, SubKind::ArmedClash, 16, NEAR_MAKHMUR);
        b.fatalities = Some(Count {
            low: 5,
            best: 5,
            high: 5,
        });
        assert!(same_happening(&a, &b));
        assert!(same_happening(&b, &a));
    }

    #[test]
    fn the_same_article_never_matches_itself() {
        let a = event(1, SubKind::ArmedClash, 16, MAKHMUR);
        assert!(!same_happening(&a, &a.clone()));
    }

    #[test]
    fn another_kind_day_or_town_is_another_happening() {
        let a = event(1, SubKind::ArmedClash, 16, MAKHMUR);
        assert!(!same_happening(
            &a,
            &event(2, SubKind::AirDroneStrike, 16, MAKHMUR)
        ));
        assert!(!same_happening(
            &a,
            &event(2, SubKind::ArmedClash, 17, MAKHMUR)
        ));
        assert!(!same_happening(
            &a,
            &event(2, SubKind::ArmedClash, 16, KIRKUK)
        ));
    }

    #[test]
    fn contradicting_tolls_or_nothing_shared_do_not_match() {
        let a = event(1, SubKind::ArmedClash, 16, MAKHMUR);
        let mut b = event(2, SubKind::ArmedClash, 16, MAKHMUR);
        b.fatalities = Some(Count::exact(40));
        assert!(!same_happening(&a, &b));
        let mut c = event(2, SubKind::ArmedClash, 16, MAKHMUR);
        c.fatalities = None;
        c.actors = vec![Actor {
            name: "Military Forces of Iraq".into(),
            role: Role::Target,
        }];
        c.actors[0].name = "Police Forces (Iraq)".into();
        assert!(!same_happening(&a, &c));
    }

    #[test]
    fn vague_dates_and_statements_never_match() {
        let a = event(1, SubKind::ArmedClash, 16, MAKHMUR);
        let mut month = event(2, SubKind::ArmedClash, 16, MAKHMUR);
        month.when = When::month(2021, 10).unwrap_or(month.when);
        assert!(!same_happening(&a, &month));
        let mut said = event(2, SubKind::ArmedClash, 16, MAKHMUR);
        said.kind = Kind::OTHER;
        assert!(!same_happening(&said, &said.clone()));
        assert!(!same_happening(&a, &said));
    }

    fn article_of(events: &[Event]) -> Article {
        Article {
            id: events[0].article,
            title: String::new(),
            published: None,
            source: None,
            url: None,
            countries: Vec::new(),
            text: String::new(),
            ingested_at: chrono::DateTime::UNIX_EPOCH,
        }
    }

    /// Links one new event with `p` either stored or earlier in the same write; returns the
    /// counted report it was linked to.
    fn link_with(p_stored: bool) -> Option<EventId> {
        let store = Store::temporary().expect("store");
        // S and P do not tell one happening (no word or toll in common); E tells both.
        let mut s = event(1, SubKind::ArmedClash, 16, MAKHMUR);
        s.fatalities = None;
        let mut p = event(2, SubKind::ArmedClash, 15, MAKHMUR);
        p.when = When::interval(
            p.when.start,
            s.when.start,
            crate::model::Precision::Day,
            crate::model::Anchor::Published,
        );
        p.actors[0].name = "Peshmerga".into();
        p.fatalities = None;
        let mut e = event(3, SubKind::ArmedClash, 16, MAKHMUR);
        e.fatalities = None;
        e.actors.push(Actor {
            name: "Peshmerga".into(),
            role: Role::Target,
        });
        assert!(!same_happening(&s, &p) && same_happening(&s, &e) && same_happening(&p, &e));
        store
            .put_article(&article_of(&[s.clone()]), &[s])
            .expect("put");
        let mut earlier = vec![(article_of(&[p.clone()]), vec![p.clone()])];
        if p_stored {
            store
                .put_article(&earlier[0].0, &earlier[0].1)
                .expect("put");
            earlier.clear();
        }
        let mut events = vec![e];
        let article = article_of(&events);
        Linker::new(&store)
            .link(&article, &mut events, &mut earlier)
            .expect("link");
        events[0].duplicate_of
    }

    #[test]
    fn links_do_not_depend_on_whether_the_earlier_report_is_stored_yet() {
        let stored = link_with(true);
        assert_eq!(
            stored,
            Some(EventId(200)),
            "the earliest happening's report"
        );
        assert_eq!(link_with(false), stored);
    }

    #[test]
    fn actor_words_leave_out_generic_words_and_countries() {
        let mut e = event(1, SubKind::ArmedClash, 16, MAKHMUR);
        e.actors.push(Actor {
            name: "Civilians (Iraq)".into(),
            role: Role::Target,
        });
        e.actors.push(Actor {
            name: "Military Forces of Iraq".into(),
            role: Role::Target,
        });
        let words: Vec<String> = actor_words(&e).into_iter().collect();
        assert_eq!(words, vec!["islamic", "state"]);
    }
}
