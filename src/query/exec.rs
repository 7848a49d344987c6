//! The executor: runs a [`Plan`] over what it reads — the [`Store`], and the [`Gazetteer`] for
//! a places query — and returns typed rows: the access path's scan, the residual filter on
//! each row, then the stages. Filter, select and limit stream (a `limit` stops the scan);
//! sort, count, timeline and top collect. It is one of the three readers of the store on the
//! query side, beside [`super::aggregate`] (rollups) and `explain_event` (one event and its
//! reports); the parser, the check and the planner never read it. Commands (`ingest`,
//! `delete article`, `stats`) are not run here: [`crate::Db::run`] handles them.

use std::collections::HashMap;
use std::sync::Arc;

use super::ast::{Field, Source};
use super::filter::Filter;
use super::plan::{Access, Plan, PlanStage};
use super::result::QueryResult;
use super::rows::{ArticleFacts, ArticleRow, EventRow, PlaceRow};
use super::stages;
use crate::control::Interrupt;
use crate::error::Result;
use crate::gazetteer::lookup::distance_km;
use crate::gazetteer::{Candidate, Gazetteer};
use crate::model::{ArticleId, day_number};
use crate::store::{DayRange, RowScan, RowValue, Store, StoredRow};

/// The columns an events result shows before any `select`.
pub const EVENT_COLUMNS: &[Field] = &[
    Field::Id,
    Field::Date,
    Field::Kind,
    Field::Place,
    Field::Country,
    Field::Killed,
    Field::Injured,
    Field::Summary,
    Field::Sources,
];

/// The columns an articles result shows before any `select` (`count` is its event count).
pub const ARTICLE_COLUMNS: &[Field] = &[
    Field::Id,
    Field::Published,
    Field::Source,
    Field::Title,
    Field::Country,
    Field::Count,
];

/// The columns a places result shows before any `select`.
pub const PLACE_COLUMNS: &[Field] = &[
    Field::Name,
    Field::Country,
    Field::Admin1,
    Field::Lat,
    Field::Lon,
    Field::Population,
    Field::Precision,
];

/// What the events rows of a query need of their articles, when it needs what only an
/// article holds (`text ~`, `ingested`, `as of`): each article read once, by key, and kept
/// for the query's life as its ingest time and the answer to each of the query's `text ~`
/// patterns, never as its text (a query over a large store would keep every text it met).
pub struct ArticleCache<'s> {
    store: &'s Store,
    wanted: bool,
    /// The query's `text ~` patterns.
    patterns: Vec<String>,
    /// A character no pattern holds: it joins the stop-word patterns an article matched.
    joiner: char,
    read: HashMap<ArticleId, Option<Arc<ArticleFacts>>>,
}

/// The most articles a cache keeps: past it, it starts again empty (an article met again is
/// read again), so that a scan over millions of articles holds a bounded few dozen MB.
const MAX_CACHED_ARTICLES: usize = 1 << 18;

impl<'s> ArticleCache<'s> {
    /// A cache over `store` that reads articles only when `wanted`, for a query whose
    /// filter is `filter`.
    pub fn new(store: &'s Store, wanted: bool, filter: Option<&Filter>) -> ArticleCache<'s> {
        let mut patterns = Vec::new();
        if let Some(filter) = filter {
            filter.text_patterns(&mut patterns);
        }
        patterns.sort();
        patterns.dedup();
        let joiner = (1..=u32::from(char::MAX))
            .filter_map(char::from_u32)
            .find(|c| !patterns.iter().any(|p| p.contains(*c)))
            .unwrap_or('\n');
        ArticleCache {
            store,
            wanted,
            patterns,
            joiner,
            read: HashMap::new(),
        }
    }

    /// The facts of article `id`, when wanted and stored, as far as the query asks: the
    /// article's terms that the patterns name and the stop-word patterns its text holds, so
    /// that [`ArticleFacts::has_words`] answers each pattern as on the whole article.
    pub fn facts(&mut self, id: ArticleId) -> Result<Option<Arc<ArticleFacts>>> {
        if !self.wanted {
            return Ok(None);
        }
        if let Some(known) = self.read.get(&id) {
            return Ok(known.clone());
        }
        let facts = self
            .store
            .get_article(id)?
            .map(|a| Arc::new(self.answers(&ArticleFacts::of(&a))));
        if self.read.len() >= MAX_CACHED_ARTICLES {
            self.read.clear();
        }
        self.read.insert(id, facts.clone());
        Ok(facts)
    }

    /// The whole article's facts cut down to what the patterns ask of them.
    fn answers(&self, whole: &ArticleFacts) -> ArticleFacts {
        let mut terms = Vec::new();
        let mut matched_phrases = Vec::new();
        for pattern in &self.patterns {
            let wanted = super::words::terms(pattern);
            if wanted.is_empty() {
                if whole.has_words(pattern) {
                    matched_phrases.push(pattern.trim().to_lowercase());
                }
            } else {
                terms.extend(
                    wanted
                        .into_iter()
                        .filter(|w| whole.terms.binary_search(w).is_ok()),
                );
            }
        }
        terms.sort();
        terms.dedup();
        ArticleFacts {
            text: matched_phrases.join(&self.joiner.to_string()),
            terms,
            ingested_at: whole.ingested_at,
        }
    }
}

/// Whether a plan looks at what only the rows' articles hold: a test of their words or
/// ingest time, or an `ingested` column in a stage.
pub fn reads_articles(plan: &Plan) -> bool {
    let in_stage = |stage: &PlanStage| match stage {
        PlanStage::Sort(keys) => keys.iter().any(|(k, _)| *k == Field::Ingested),
        PlanStage::Select(fields) | PlanStage::Count(fields) => fields.contains(&Field::Ingested),
        PlanStage::Top { key, .. } => *key == Field::Ingested,
        PlanStage::Aggregate { keys, .. } => keys.contains(&Field::Ingested),
        _ => false,
    };
    plan.filter.as_ref().is_some_and(|f| f.reads_articles()) || plan.stages.iter().any(in_stage)
}

/// How many rows a scan reads between two looks at its interrupt: often enough that Ctrl-C
/// answers at once, rarely enough to cost nothing.
const ROWS_PER_CHECK: usize = 4096;

/// Runs a plan: its rows from `store` (or, for places, from `gazetteer`), then its stages.
/// The scan stops at [`crate::Error::Interrupted`] once `interrupt` is triggered.
pub fn run(
    store: &Store,
    gazetteer: &Gazetteer,
    plan: &Plan,
    interrupt: &Interrupt,
) -> Result<QueryResult> {
    // A whole-store count, top or timeline is answered from the rollups, not the rows.
    if let Some(mut result) = super::aggregate::first_stage_from_rollups(store, plan)? {
        for stage in plan.stages.iter().skip(1) {
            result = stages::apply(result, stage)?;
        }
        return Ok(result);
    }
    // Select and limit before any collecting stage can be applied while streaming.
    let streamed = plan
        .stages
        .iter()
        .take_while(|s| matches!(s, PlanStage::Limit(_) | PlanStage::Select(_)))
        .count();
    let limit = plan
        .stages
        .iter()
        .take(streamed)
        .fold(usize::MAX, |n, s| match s {
            PlanStage::Limit(l) => n.min(usize::try_from(*l).unwrap_or(usize::MAX)),
            _ => n,
        });
    let mut result = match plan.source {
        Source::Events => {
            let mut columns = EVENT_COLUMNS.to_vec();
            // A query that chose the statuses it sees shows which each row has.
            if !plan
                .filter
                .as_ref()
                .is_some_and(super::filter::Filter::has_default_status)
            {
                columns.push(Field::Status);
            }
            if plan.near.is_some() {
                columns.push(Field::Distance);
            }
            QueryResult::Events {
                rows: if limit == usize::MAX {
                    all_event_rows(store, plan, interrupt)?
                } else {
                    event_rows(store, plan, interrupt)?
                        .take(limit)
                        .collect::<Result<_>>()?
                },
                columns,
            }
        }
        Source::Articles => QueryResult::Articles {
            rows: article_rows(store, plan, interrupt)?
                .take(limit)
                .collect::<Result<_>>()?,
            columns: ARTICLE_COLUMNS.to_vec(),
        },
        Source::Places => {
            let mut columns = PLACE_COLUMNS.to_vec();
            if plan.near.is_some() {
                columns.push(Field::Distance);
            }
            QueryResult::Places {
                rows: place_rows(plan, gazetteer, limit),
                columns,
            }
        }
    };
    for stage in &plan.stages {
        result = stages::apply(result, stage)?;
    }
    Ok(result)
}

/// The covering rows the access path yields, before filtering; `None` for the article
/// access, which reads its few events by key.
fn scan_rows(store: &Store, access: &Access) -> Option<RowScan> {
    let days =
        |r: &super::filter::DateRange| DayRange::new(day_number(r.first), day_number(r.last));
    Some(match access {
        Access::FullScan | Access::PlaceName(_) => store.rows(),
        Access::ByArticle(_) => return None,
        Access::ByTime { range, how } => store.rows_time(days(range), *how),
        Access::ByCell { ranges, .. } => store.rows_cells(ranges),
        Access::ByCountry { countries, starts } => {
            let scans: Vec<RowScan> = countries
                .iter()
                .map(|c| store.rows_country(*c, starts.as_ref().map(days)))
                .collect();
            Box::new(scans.into_iter().flatten())
        }
        Access::ByKind { kind, starts } => store.rows_kind(*kind, starts.as_ref().map(days)),
        Access::ByActor { needle, starts } => store.rows_actor(needle, starts.as_ref().map(days)),
    })
}

/// Every filtered event row of a plan, when no limit stops the scan early. The scan keeps the
/// encoded rows whose head passes (a refcounted handle each) and only then decodes them, into
/// a vector reserved for all of them: 500-byte rows are not moved again as a growing vector
/// doubles. Rows and the first error come in the order [`event_rows`] gives them.
fn all_event_rows(store: &Store, plan: &Plan, interrupt: &Interrupt) -> Result<Vec<EventRow>> {
    let Some(scan) = scan_rows(store, &plan.access) else {
        return event_rows(store, plan, interrupt)?.collect();
    };
    let mut passed = Vec::new();
    // A scan's error (an interrupt, a bad page) ends the scan, and is the answer unless a
    // row before it fails to decode: what the streamed rows would meet first.
    let mut failure = None;
    for value in until(scan, interrupt) {
        match value.and_then(|value| head_test(plan, value)) {
            Ok(Some(head_passed)) => passed.push(head_passed),
            Ok(None) => {}
            Err(e) => {
                failure = Some(e);
                break;
            }
        }
    }
    let mut rows = Vec::with_capacity(passed.len());
    let mut articles = ArticleCache::new(store, reads_articles(plan), plan.filter.as_ref());
    for (i, (value, checked)) in passed.into_iter().enumerate() {
        // Decoding is most of a large result's time: Ctrl-C must reach it too.
        if i % ROWS_PER_CHECK == 0 && i > 0 {
            interrupt.check(|| format!("after {i} rows were decoded"))?;
        }
        rows.extend(to_event_row(plan, value.decode()?, checked, &mut articles)?);
    }
    match failure {
        Some(e) => Err(e),
        None => Ok(rows),
    }
}

/// A scanned row tested on its fixed head: `None` if the head proves the filter fails,
/// otherwise the row and whether the head proved that the filter holds.
fn head_test(plan: &Plan, value: RowValue) -> Result<Option<(RowValue, bool)>> {
    let verdict = match plan.filter.as_ref() {
        Some(f) => f.head_verdict(&value.head()?),
        None => Some(true),
    };
    Ok(match verdict {
        Some(false) => None,
        other => Some((value, other == Some(true))),
    })
}

/// A decoded row as a result row, if the query shows it and (unless `checked`: its head
/// already proved the filter holds) it passes the filter; its article read when the plan
/// needs it.
fn to_event_row(
    plan: &Plan,
    stored: StoredRow,
    checked: bool,
    articles: &mut ArticleCache<'_>,
) -> Result<Option<EventRow>> {
    let distance_km = plan.near.as_ref().and_then(|c| {
        stored
            .event
            .place
            .as_ref()
            .map(|p| distance_km(c.lat, c.lon, p.lat, p.lon))
    });
    let shown = stages::shows_event(plan, &stored.event);
    if !shown {
        return Ok(None);
    }
    let row = EventRow {
        article: articles.facts(stored.event.article)?,
        event: stored.event,
        published: stored.published,
        source: stored.source,
        distance_km,
    };
    let filter = plan.filter.as_ref();
    Ok((checked || filter.is_none_or(|f| f.matches_event(&row))).then_some(row))
}

/// The filtered event rows of a plan, streamed. Each index row holds the whole events row
/// (its article's date and source included), so nothing is read by key; the filter's date,
/// kind, country and place tests run on the row's fixed head before the rest is decoded.
fn event_rows<'a>(
    store: &'a Store,
    plan: &'a Plan,
    interrupt: &Interrupt,
) -> Result<Box<dyn Iterator<Item = Result<EventRow>> + 'a>> {
    let mut articles = ArticleCache::new(store, reads_articles(plan), plan.filter.as_ref());
    let mut to_row =
        move |stored: StoredRow, checked: bool| to_event_row(plan, stored, checked, &mut articles);
    let Some(rows) = scan_rows(store, &plan.access) else {
        let Access::ByArticle(id) = &plan.access else {
            return Ok(Box::new(std::iter::empty()));
        };
        let (published, source) = store.article_head(*id)?.unwrap_or((None, None));
        let events = store.article_events(*id)?;
        return Ok(Box::new(events.into_iter().filter_map(move |event| {
            to_row(
                StoredRow {
                    event,
                    published,
                    source: source.clone(),
                },
                false,
            )
            .transpose()
        })));
    };
    let rows = until(rows, interrupt);
    Ok(Box::new(rows.filter_map(move |value| {
        let row = (|| {
            let Some((value, checked)) = head_test(plan, value?)? else {
                return Ok(None);
            };
            to_row(value.decode()?, checked)
        })();
        row.transpose()
    })))
}

/// The filtered article rows of a plan, each with its event count.
fn article_rows<'a>(
    store: &'a Store,
    plan: &'a Plan,
    interrupt: &Interrupt,
) -> Result<impl Iterator<Item = Result<ArticleRow>> + 'a> {
    let articles: Box<dyn Iterator<Item = Result<crate::model::Article>> + Send> =
        match &plan.access {
            Access::ByArticle(id) => Box::new(store.get_article(*id)?.into_iter().map(Ok)),
            _ => store.articles(),
        };
    let articles = until(articles, interrupt);
    Ok(articles.filter_map(move |article| {
        let row = (|| {
            let article = article?;
            let passes =
                |row: &ArticleRow| plan.filter.as_ref().is_none_or(|f| f.matches_article(row));
            let mut row = ArticleRow { article, events: 0 };
            if !passes(&row) {
                return Ok(None);
            }
            row.events = store.article_events(row.article.id)?.len();
            Ok(Some(row))
        })();
        row.transpose()
    }))
}

/// A scan that gives [`crate::Error::Interrupted`] (and so ends a collecting caller) once
/// `interrupt` is triggered, looking every [`ROWS_PER_CHECK`] rows.
fn until<T: 'static>(
    scan: Box<dyn Iterator<Item = Result<T>> + Send>,
    interrupt: &Interrupt,
) -> Box<dyn Iterator<Item = Result<T>> + Send> {
    let interrupt = interrupt.clone();
    Box::new(scan.enumerate().map(move |(i, item)| {
        if i % ROWS_PER_CHECK == 0 {
            interrupt.check(|| format!("after {i} rows were read"))?;
        }
        item
    }))
}

/// The gazetteer places a plan selects, at most `limit`: the candidates of one name, or the
/// most populous of every place that passes the filter. Every place is read one at a time
/// and only `limit` are held, so `places | limit 10` over millions of imported entries holds
/// ten.
fn place_rows(plan: &Plan, gazetteer: &Gazetteer, limit: usize) -> Vec<PlaceRow> {
    let measured = move |candidate: Candidate| {
        let mut row = place_of_candidate(candidate);
        row.distance_km = plan
            .near
            .as_ref()
            .map(|c| distance_km(c.lat, c.lon, row.lat, row.lon));
        row
    };
    let passes = move |row: &PlaceRow| plan.filter.as_ref().is_none_or(|f| f.matches_place(row));
    match &plan.access {
        Access::PlaceName(name) => gazetteer
            .lookup(name)
            .into_iter()
            .map(measured)
            .filter(passes)
            .take(limit)
            .collect(),
        _ => {
            // Towns, regions, districts and imported entries alike, the most populous first,
            // as a lookup by name ranks them.
            let rows = gazetteer.every_place().map(measured).filter(passes);
            most_populous(rows, limit)
        }
    }
}

/// The `limit` most populous rows, ties by GeoNames id then name, in that order; a heap of
/// `limit` rows (and no more than the rows given) is all that is held.
fn most_populous(rows: impl Iterator<Item = PlaceRow>, limit: usize) -> Vec<PlaceRow> {
    use std::cmp::Ordering;
    use std::collections::BinaryHeap;
    /// A row ordered so that the heap's greatest is the one to drop first.
    struct Ranked(PlaceRow);
    impl Ranked {
        fn rank(&self, other: &Self) -> Ordering {
            let (a, b) = (&self.0, &other.0);
            b.population
                .cmp(&a.population)
                .then_with(|| a.geonameid.cmp(&b.geonameid))
                .then_with(|| a.name.cmp(&b.name))
        }
    }
    impl PartialEq for Ranked {
        fn eq(&self, other: &Self) -> bool {
            self.rank(other) == Ordering::Equal
        }
    }
    impl Eq for Ranked {}
    impl PartialOrd for Ranked {
        fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
            Some(self.cmp(other))
        }
    }
    impl Ord for Ranked {
        fn cmp(&self, other: &Self) -> Ordering {
            self.rank(other)
        }
    }
    if limit == 0 {
        return Vec::new();
    }
    let mut heap: BinaryHeap<Ranked> = BinaryHeap::new();
    for row in rows {
        let row = Ranked(row);
        if heap.len() < limit {
            heap.push(row);
        } else if heap.peek().is_some_and(|worst| row < *worst) {
            heap.pop();
            heap.push(row);
        }
    }
    heap.into_sorted_vec().into_iter().map(|r| r.0).collect()
}

/// A gazetteer candidate as a places row.
fn place_of_candidate(candidate: Candidate) -> PlaceRow {
    let place = candidate.place;
    PlaceRow {
        geonameid: place.geonameid,
        name: place.name,
        country: place.country,
        admin1: place.admin1,
        lat: place.lat,
        lon: place.lon,
        population: candidate.population,
        precision: place.precision,
        distance_km: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::filter::Test;

    fn words(field: Field, query: &str) -> Filter {
        Filter::Test(Test::Words {
            field,
            query: query.into(),
        })
    }

    #[test]
    fn the_cache_answers_each_pattern_as_the_whole_article_does() {
        let store = Store::temporary().unwrap_or_else(|e| panic!("{e}"));
        let patterns = [
            "convoy",
            "CONVOY attacked",
            "convoy ambushed",
            "the",
            "was",
            "the convoy",
            "of the",
            "  The  ",
            "e\u{1}t",
        ];
        let filter = Filter::Or(
            patterns
                .iter()
                .map(|p| words(Field::Text, p))
                .chain([Filter::Not(Box::new(words(Field::Summary, "ignored")))])
                .collect(),
        );
        let cache = ArticleCache::new(&store, true, Some(&filter));
        assert_eq!(cache.patterns.len(), patterns.len());
        for text in [
            "Militants attacked the convoy near Makhmur.",
            "Nothing of the sort was said.",
            "",
            "the\u{1}two",
        ] {
            let whole = ArticleFacts {
                text: text.into(),
                terms: crate::query::words::terms(text),
                ingested_at: chrono::DateTime::UNIX_EPOCH,
            };
            let kept = cache.answers(&whole);
            assert!(kept.text.len() + kept.terms.len() <= patterns.len() * 8);
            for pattern in patterns {
                assert_eq!(
                    kept.has_words(pattern),
                    whole.has_words(pattern),
                    "{pattern:?} in {text:?}"
                );
            }
        }
    }
}
