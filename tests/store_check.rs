//! `check` finds each kind of damage, and `repair` rebuilds the indexes so `check` is clean.

mod store_common;

use geochron::model::{EventId, day_number};
use geochron::store::index::index_keys;
use geochron::store::{DayRange, Key, Store, TimeMatch};
use store_common::{Rng, random_article};

#[test]
fn check_finds_damage_and_repair_mends_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("damaged.db");
    let mut rng = Rng::new(30);
    let items: Vec<_> = (0..12)
        .map(|n| random_article(&mut rng, "check", n, 6))
        .collect();
    {
        let store = Store::open(&path).expect("open");
        let refs = items.iter().map(|(a, e)| (a, e.as_slice()));
        assert_eq!(store.put_articles(refs).expect("bulk"), 12);
        assert!(store.check().expect("check").is_clean());
    }
    let (_, events) = &items[0];
    {
        // Damage it behind the store's back.
        let db = store_common::raw_sled(&path);
        let missing = index_keys(&events[0]).swap_remove(0);
        db.remove(missing.encode()).expect("remove a row");
        let dangling = Key::ByActor {
            actor: "ghost".into(),
            start_day: 0,
            event: EventId(1),
        };
        db.insert(dangling.encode(), vec![]).expect("dangling row");
        let stray = Key::ByActor {
            actor: "stray".into(),
            start_day: 0,
            event: events[1].id,
        };
        db.insert(stray.encode(), vec![]).expect("stray row");
        db.insert(Key::Event(events[2].id).encode(), vec![1, 2, 3])
            .expect("garbage event");
        let wrong_end = Key::ByTime {
            class: 0,
            start_day: day_number(events[3].when.start),
            event: events[3].id,
        };
        if index_keys(&events[3]).contains(&wrong_end) {
            db.insert(wrong_end.encode(), vec![1, 0])
                .expect("wrong end day");
        }
        db.flush().expect("flush");
    }
    let store = Store::open(&path).expect("reopen");
    let report = store.check().expect("check");
    assert!(!report.is_clean());
    assert_eq!(report.undecodable, 1, "{report}");
    assert!(report.missing_rows >= 1, "{report}");
    assert_eq!(report.dangling_rows, 1, "{report}");
    assert!(report.stray_rows >= 1, "{report}");
    assert!(!report.examples.is_empty());
    assert!(report.to_string().contains("PROBLEMS"));

    let repaired = store.repair().expect("repair");
    assert_eq!(repaired.events_removed, 1, "the undecodable event goes");
    let report = store.check().expect("check after repair");
    assert!(report.is_clean(), "{report}");
    assert_eq!(report.events, 12 * 6 - 1);
    assert_eq!(store.get_event(events[2].id).expect("get"), None);
    assert_eq!(
        store.article_events(items[0].0.id).expect("events").len(),
        5
    );
    // The time row that had gone missing is back, and the stray and dangling rows are gone.
    let days = DayRange::from_dates(events[0].when.start, events[0].when.end);
    let found: Vec<EventId> = store
        .scan_time(days, TimeMatch::Within)
        .collect::<Result<_, _>>()
        .expect("scan");
    assert!(found.contains(&events[0].id));
    let leftovers = store
        .dump()
        .filter_map(Result::ok)
        .filter(|line| line.contains("\"stray\"") || line.contains("\"ghost\""))
        .count();
    assert_eq!(leftovers, 0);
}

#[test]
fn check_finds_links_that_go_one_way() {
    let store = Store::temporary().expect("temporary store");
    let mut rng = Rng::new(31);
    let (first, mut first_events) = random_article(&mut rng, "links", 0, 2);
    let (second, mut second_events) = random_article(&mut rng, "links", 1, 2);
    // Two-way: the second article's first event is a report of the first's.
    second_events[0].duplicate_of = Some(first_events[0].id);
    first_events[0].duplicates.push(geochron::model::Report {
        event: second_events[0].id,
        article: second.id,
        source: None,
    });
    // One-way: a link to an event no store holds.
    second_events[1].duplicate_of = Some(EventId(7));
    assert!(store.put_article(&first, &first_events).expect("put"));
    assert!(store.put_article(&second, &second_events).expect("put"));
    let report = store.check().expect("check");
    assert_eq!(report.broken_links, 1, "{report}");
    assert!(report.to_string().contains("broken links"), "{report}");
}

#[test]
fn repair_makes_every_link_two_way() {
    use geochron::model::Report;
    let store = Store::temporary().expect("temporary store");
    let mut rng = Rng::new(32);
    let (first, mut first_events) = random_article(&mut rng, "relink", 0, 3);
    let (second, mut second_events) = random_article(&mut rng, "relink", 1, 3);
    let report_of = |event: &geochron::model::Event| Report {
        event: event.id,
        article: event.article,
        source: second.source.clone(),
    };
    // Lost on one side: the duplicate points at its counted report, which does not list it
    // (a crash between the two writes of an older build).
    second_events[0].duplicate_of = Some(first_events[0].id);
    // Listed twice, and listed without pointing back.
    second_events[1].duplicate_of = Some(first_events[1].id);
    first_events[1].duplicates = vec![report_of(&second_events[1]); 2];
    first_events[2].duplicates = vec![report_of(&second_events[2])];
    assert!(store.put_article(&first, &first_events).expect("put"));
    assert!(store.put_article(&second, &second_events).expect("put"));
    let before = store.check().expect("check");
    assert_eq!(before.broken_links, 3, "{before}");

    let repaired = store.repair().expect("repair");
    assert_eq!(repaired.links_fixed, 3, "{repaired}");
    let after = store.check().expect("check");
    assert!(after.is_clean(), "{after}");
    let counted = |id| store.get_event(id).expect("get").expect("stored");
    assert_eq!(
        counted(first_events[0].id).duplicates,
        vec![report_of(&second_events[0])]
    );
    assert_eq!(counted(first_events[1].id).duplicates.len(), 1);
    assert!(counted(first_events[2].id).duplicates.is_empty());
    assert_eq!(counted(second_events[2].id).duplicate_of, None);
    // A second repair finds nothing left to fix.
    assert_eq!(store.repair().expect("repair").links_fixed, 0);
}
