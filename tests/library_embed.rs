//! The library as a program embeds it: `Db::query` gives whole events (the words of each date,
//! the other places, the evidence of each field), the same as reading each event by id;
//! `Db::run` gives the lighter rows the index keeps, and says so; the types the API takes
//! come from the crate itself.

use std::path::Path;

use geochron::model::Country;
use geochron::query::QueryResult;
use geochron::{Db, NaiveDate, Session, Settings};

fn examples_db() -> Db {
    let db = Db::temporary().expect("a temporary store");
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/articles");
    db.ingest_path(folder).expect("the examples ingest");
    db
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 12, 31).expect("a real day")
}

#[test]
fn query_gives_whole_events_through_every_index() {
    let db = examples_db();
    // A full scan, a time range, a country, a kind, an actor and a place each read another
    // index; every one must hand back the event as stored.
    for text in [
        "events",
        "events where date in 2021",
        "events where country = IQ",
        "events where kind = battle",
        "events where actor ~ \"islamic state\"",
        "events where near \"Mosul\" within 200 km",
    ] {
        let result = db.query_at(text, today()).expect("runs");
        let events = result.events();
        assert!(!events.is_empty(), "{text}: no events");
        for event in &events {
            let stored = db.get_event(event.id).expect("reads").expect("stored");
            assert_eq!(*event, &stored, "{text}: event {} is not whole", event.id);
        }
        let worded = events.iter().filter(|e| !e.when.text.is_empty()).count();
        let traced = events
            .iter()
            .filter(|e| e.evidence.trigger.is_some())
            .count();
        assert!(
            worded > 0 && traced > 0,
            "{text}: dates without words or no evidence"
        );
    }
    let session = Session::new(&db, Settings::default());
    let result = session.query("events where kind = battle").expect("runs");
    assert!(result.events().iter().any(|e| !e.when.text.is_empty()));
}

#[test]
fn run_gives_the_rows_the_index_keeps() {
    let db = examples_db();
    let statement = geochron::query::parse("events where date in 2021").expect("parses");
    let light = db.run(&statement, today()).expect("runs");
    let QueryResult::Events { rows, .. } = &light else {
        panic!("not events: {light:?}");
    };
    assert!(
        rows.iter()
            .all(|r| r.event.when.text.is_empty() && r.event.places.is_empty())
    );
    let whole = db.whole_events(light.clone()).expect("reads");
    assert_eq!(whole.len(), light.len());
    assert!(whole.events().iter().any(|e| !e.when.text.is_empty()));
}

#[test]
fn codes_are_static_and_dates_come_from_the_crate() {
    let code: &'static str = Country::from_code("iq").expect("Iraq").code();
    assert_eq!(code, "IQ");
    let day: geochron::chrono::NaiveDate = today();
    assert_eq!(
        day,
        NaiveDate::from_ymd_opt(2024, 12, 31).expect("a real day")
    );
}

#[test]
fn a_triggered_interrupt_stops_a_query_and_an_ingest_cleanly() {
    let db = examples_db();
    let before = db.stats().expect("stats").events;
    let control = geochron::Control::default();
    control.interrupt.trigger();
    let session = Session::new(&db, Settings::default()).with_control(control.clone());
    for text in ["events", "events where country = IQ", "articles"] {
        let stopped = session.query(text);
        assert!(
            matches!(stopped, Err(geochron::Error::Interrupted(_))),
            "{text}: {stopped:?}"
        );
    }
    let wire = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/jsonl");
    let stopped = db.ingest_paths_until(
        &[wire.display().to_string()],
        &geochron::ingest::ReadOptions::default(),
        |_| {},
        &control.interrupt,
    );
    assert!(
        matches!(&stopped, Err(geochron::Error::Interrupted(m)) if m.starts_with("0 articles")),
        "{stopped:?}"
    );
    assert_eq!(db.stats().expect("stats").events, before);
    assert!(db.check().expect("checks").is_clean());
    control.interrupt.clear();
    assert!(session.query("events where country = IQ").is_ok());
}
