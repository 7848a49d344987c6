//! A mistyped query gets an error with a caret and a hint, through the library and through
//! `run` with its line number; a good script runs every statement.

use chrono::NaiveDate;
use geochron::output::OutputFormat;
use geochron::{Db, Error, Session, Settings};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, 1, 15).unwrap_or_default()
}

fn settings(keep_going: bool) -> Settings {
    Settings {
        format: OutputFormat::Table,
        keep_going,
        width: 80,
        today: Some(today()),
        ..Settings::default()
    }
}

#[test]
fn library_errors_render_with_a_caret_and_a_hint() {
    let db = Db::temporary().expect("temporary store");
    let text = "events wher contry = IQ";
    let Err(Error::Query(error)) = db.query_at(text, today()) else {
        panic!("a query error expected");
    };
    let shown = error.render(text);
    assert!(
        shown.contains("1 | events wher contry = IQ\n  |        ^^^^\n"),
        "{shown}"
    );
    assert!(shown.contains("hint: did you mean `where`?"), "{shown}");
    let Err(Error::Query(error)) = db.explain("events where contry = IQ") else {
        panic!("a query error expected");
    };
    assert_eq!(
        error.hint.as_deref(),
        Some("unknown field `contry` — did you mean `country`?")
    );
}

#[test]
fn run_stops_at_the_first_error_and_names_its_line() {
    let db = Db::temporary().expect("temporary store");
    let script = "stats\n\n-- a typo below\nevents wher contry = IQ\nstats\n";
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let result =
        Session::new(&db, settings(false)).run_script(script, "tour.gq", &mut out, &mut err);
    assert!(matches!(result, Err(Error::Query(_))));
    let err = String::from_utf8_lossy(&err);
    assert!(err.contains("tour.gq:4:"), "{err}");
    assert!(
        err.contains("4 | events wher contry = IQ\n  |        ^^^^"),
        "{err}"
    );
    let out = String::from_utf8_lossy(&out);
    assert_eq!(
        out.matches("> stats").count(),
        1,
        "stopped after the error: {out}"
    );

    let (mut out, mut err) = (Vec::new(), Vec::new());
    let result =
        Session::new(&db, settings(true)).run_script(script, "tour.gq", &mut out, &mut err);
    assert!(result.is_err(), "keep-going still reports the failure");
    assert_eq!(String::from_utf8_lossy(&out).matches("> stats").count(), 2);
}

#[test]
fn typed_events_come_back_from_a_plain_query() {
    let db = Db::temporary().expect("temporary store");
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/query");
    db.ingest_path(fixtures).expect("ingest");
    let result = db
        .query_at("events where country = IQ and killed >= 1", today())
        .expect("query");
    let events = result.events();
    // The Mosul shelling and the convoy ambush "west of Tal Afar".
    assert_eq!(events.len(), 2);
    assert!(
        events
            .iter()
            .all(|e| e.fatalities.is_some_and(|k| k.best >= 1))
    );
    let plan = db
        .explain_at("events where country = IQ", today())
        .expect("plan");
    assert!(
        plan.to_string().contains("scan ByCountry IQ (all)"),
        "{plan}"
    );
}
