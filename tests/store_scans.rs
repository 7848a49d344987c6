//! Every typed scan returns exactly the events a brute-force filter over all events finds
//! (after the exact filter the planner applies, for the cell scans).

mod store_common;

use std::sync::OnceLock;

use geochron::gazetteer::lookup::distance_km;
use geochron::model::{Country, Event, EventId, Kind, day_number};
use geochron::store::cell::{circle_bbox, covering_bbox, covering_circle};
use geochron::store::index::normalise_actor;
use geochron::store::{DayRange, IdScan, RowScan, Store, TimeMatch, codec};
use store_common::{ACTORS, COUNTRIES, Rng, random_article};

/// One store with a few hundred events, shared by the tests (it is `Sync`).
fn fixture() -> &'static (Store, Vec<Event>) {
    static FIXTURE: OnceLock<(Store, Vec<Event>)> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let store = Store::temporary().expect("temporary store");
        let mut rng = Rng::new(20);
        let items: Vec<_> = (0..150)
            .map(|n| {
                let events = rng.below(9) as u32;
                random_article(&mut rng, "scans", n, events)
            })
            .collect();
        let refs = items.iter().map(|(a, e)| (a, e.as_slice()));
        store.put_articles(refs).expect("bulk");
        let events: Vec<Event> = items.into_iter().flat_map(|(_, e)| e).collect();
        assert!(events.len() > 400);
        (store, events)
    })
}

fn sorted_ids(scan: IdScan) -> Vec<EventId> {
    let mut ids: Vec<EventId> = scan.collect::<Result<_, _>>().expect("scan");
    ids.sort();
    ids
}

fn brute(events: &[Event], keep: impl Fn(&Event) -> bool) -> Vec<EventId> {
    let mut ids: Vec<EventId> = events.iter().filter(|e| keep(e)).map(|e| e.id).collect();
    ids.sort();
    ids
}

fn random_days(rng: &mut Rng) -> DayRange {
    let first = match rng.below(4) {
        0 => rng.between(-90_000, 10_000),
        _ => rng.between(735_900, 738_100),
    };
    let len = *rng.pick(&[0, 0, 1, 6, 30, 365, 5000, 100_000, -3]);
    DayRange::new(first as i32, (first + len) as i32)
}

#[test]
fn time_scans_are_exact() {
    let (store, events) = fixture();
    let mut rng = Rng::new(21);
    let mut hits = 0;
    for _ in 0..300 {
        let days = random_days(&mut rng);
        let (first, last) = (days.first, days.last);
        let within = brute(events, |e| {
            first <= day_number(e.when.start) && day_number(e.when.end) <= last
        });
        // An inverted range is empty.
        let overlaps = brute(events, |e| {
            first <= last && day_number(e.when.start) <= last && first <= day_number(e.when.end)
        });
        assert_eq!(
            sorted_ids(store.scan_time(days, TimeMatch::Within)),
            within,
            "{days:?}"
        );
        assert_eq!(
            sorted_ids(store.scan_time(days, TimeMatch::Overlaps)),
            overlaps,
            "{days:?}"
        );
        hits += overlaps.len();
    }
    assert!(hits > 300, "the queries should find something");
}

#[test]
fn cell_scans_cover_boxes_and_circles() {
    let (store, events) = fixture();
    let mut rng = Rng::new(22);
    let mut hits = 0;
    for _ in 0..200 {
        let south = rng.float(-90.0, 85.0);
        let north = (south + rng.float(0.0, 15.0)).min(90.0);
        let west = rng.float(-180.0, 180.0);
        let mut east = west + rng.float(0.0, 30.0);
        if east > 180.0 {
            east -= 360.0;
        }
        let bbox = geochron::store::cell::BBox {
            south,
            west,
            north,
            east,
        };
        let inside = |e: &Event| {
            e.place
                .as_ref()
                .is_some_and(|p| bbox.contains(p.lat, p.lon))
        };
        let ranges = covering_bbox(south, west, north, east, *rng.pick(&[1, 4, 16, 64]));
        let scanned: Vec<Event> = store
            .events_of(store.scan_cells(&ranges))
            .collect::<Result<_, _>>()
            .expect("scan");
        assert_eq!(brute(&scanned, inside), brute(events, inside), "{bbox:?}");
        hits += brute(events, inside).len();

        let (lat, lon) = (rng.float(-90.0, 90.0), rng.float(-180.0, 180.0));
        let radius = *rng.pick(&[1.0, 50.0, 500.0, 3000.0]);
        let near = |e: &Event| {
            e.place
                .as_ref()
                .is_some_and(|p| distance_km(lat, lon, p.lat, p.lon) <= radius)
        };
        let circle = covering_circle(lat, lon, radius, 16);
        let scanned: Vec<Event> = store
            .events_of(store.scan_cells(&circle))
            .collect::<Result<_, _>>()
            .expect("scan");
        assert_eq!(
            brute(&scanned, near),
            brute(events, near),
            "{lat},{lon} r={radius}"
        );
        assert!(circle_bbox(lat, lon, radius).south <= lat);
    }
    // The Mosul region is dense in the fixture.
    let ranges = covering_bbox(30.0, 35.0, 40.0, 48.0, 16);
    let all = sorted_ids(store.scan_cells(&ranges));
    assert!(all.len() > 100, "{}", all.len());
    assert!(hits > 0);
}

#[test]
fn country_kind_and_actor_scans_match_with_and_without_days() {
    let (store, events) = fixture();
    let mut rng = Rng::new(23);
    let kinds: Vec<Kind> = Kind::all().collect();
    for round in 0..120 {
        let days = (round % 2 == 0).then(|| random_days(&mut rng));
        let starts_in = |e: &Event| days.is_none_or(|d| d.contains(day_number(e.when.start)));

        let country = Country::from_code(rng.pick::<&str>(COUNTRIES)).expect("a country");
        let expected = brute(events, |e| {
            e.place.as_ref().and_then(|p| p.country) == Some(country) && starts_in(e)
        });
        assert_eq!(sorted_ids(store.scan_country(country, days)), expected);

        let kind = *rng.pick(&kinds);
        let expected = brute(events, |e| kind.matches(&e.kind) && starts_in(e));
        assert_eq!(sorted_ids(store.scan_kind(kind, days)), expected, "{kind}");

        let needle = *rng.pick(&[
            ACTORS[0],
            "STATE",
            "kurdish peshmerga",
            "u.s.",
            "zzz",
            "",
            "o",
        ]);
        let wanted = normalise_actor(needle);
        let expected = brute(events, |e| {
            e.actors.iter().any(|a| {
                let name = normalise_actor(&a.name);
                !name.is_empty() && name.contains(&wanted)
            }) && starts_in(e)
        });
        assert_eq!(
            sorted_ids(store.scan_actor(needle, days)),
            expected,
            "{needle:?}"
        );
    }
}

#[test]
fn covering_rows_are_the_events_their_keys_name() {
    let (store, events) = fixture();
    let mut rng = Rng::new(24);
    let decoded = |scan: RowScan| -> Vec<Event> {
        scan.map(|row| {
            let row = row.expect("row");
            let head = row.head().expect("head");
            let stored = row.decode().expect("decode");
            assert_eq!(head.start_day(), day_number(stored.event.when.start));
            assert_eq!(head.end_day(), day_number(stored.event.when.end));
            assert_eq!(head.kind().expect("kind"), stored.event.kind);
            assert_eq!(
                head.country().expect("country"),
                stored.event.place.as_ref().and_then(|p| p.country)
            );
            let article = store.article_head(stored.event.article).expect("article");
            assert_eq!(
                article,
                Some((stored.published, stored.source.clone())),
                "rows carry their article's date and source"
            );
            stored.event
        })
        .collect()
    };
    // Index rows hold the event without its other places and date wording.
    let loaded = |scan: IdScan| -> Vec<Event> {
        store
            .events_of(scan)
            .map(|event| event.map(|e| codec::index_view(&e)))
            .collect::<Result<_, _>>()
            .expect("load")
    };
    for _ in 0..50 {
        let days = random_days(&mut rng);
        assert_eq!(
            decoded(store.rows_time(days, TimeMatch::Overlaps)),
            loaded(store.scan_time(days, TimeMatch::Overlaps))
        );
        let country = Country::from_code(rng.pick::<&str>(COUNTRIES)).expect("country");
        assert_eq!(
            decoded(store.rows_country(country, Some(days))),
            loaded(store.scan_country(country, Some(days)))
        );
        let needle = rng.pick::<&str>(ACTORS).to_string();
        assert_eq!(
            decoded(store.rows_actor(&needle, None)),
            loaded(store.scan_actor(&needle, None))
        );
    }
    let mut everything = decoded(store.rows());
    everything.sort_by_key(|e| e.id);
    let mut expected = events.clone();
    expected.sort_by_key(|e| e.id);
    assert_eq!(everything, expected, "the full scan reads whole events");
}

#[test]
fn whole_store_scans_see_everything() {
    let (store, events) = fixture();
    let all: Vec<Event> = store.events().collect::<Result<_, _>>().expect("events");
    assert_eq!(all.len(), events.len());
    assert_eq!(store.articles().count(), 150);
    let stats = store.stats().expect("stats");
    assert_eq!(stats.events as usize, events.len());
    assert!(stats.disk_bytes > 0 || store.path().is_none());
    assert!(store.check().expect("check").is_clean());
}
