//! `explain event ID` on an ingested example: every field comes with the words it was read
//! from, and an unknown id is named in the error.

use std::path::Path;

use geochron::Db;
use geochron::model::Span;
use geochron::output::{OutputFormat, render};
use geochron::query::QueryResult;

fn examples_db() -> Db {
    let db = Db::temporary().unwrap();
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/articles");
    db.ingest_path(folder).unwrap();
    db
}

#[test]
fn explain_event_quotes_the_words_behind_each_field() {
    let db = examples_db();
    let events = db.query("events where text ~ \"ambushed\"").unwrap();
    let ambush = events
        .events()
        .into_iter()
        .find(|e| e.summary.starts_with("Islamic State militants ambushed"))
        .map(|e| e.id)
        .expect("the Makhmur ambush");
    let result = db.query(&format!("explain event {ambush}")).unwrap();
    let QueryResult::Provenance(p) = &result else {
        panic!("not a provenance: {result:?}");
    };
    let text = &p.article.as_ref().expect("its article").text;
    let words = |span: Option<Span>| span.map(|s| s.slice(text).to_string());
    let evidence = &p.event.evidence;
    assert_eq!(words(evidence.trigger).as_deref(), Some("ambushed"));
    assert_eq!(words(evidence.date).as_deref(), Some("Saturday night"));
    assert_eq!(words(evidence.place).as_deref(), Some("Makhmur"));
    assert_eq!(evidence.actors.len(), p.event.actors.len());
    assert_eq!(words(evidence.actors[0]).as_deref(), Some("Islamic State"));
    assert_eq!(
        words(evidence.fatalities.first().copied()).as_deref(),
        Some("killing four")
    );
    assert_eq!(
        words(evidence.injured.first().copied()).as_deref(),
        Some("wounding at least 11")
    );
    assert_eq!(evidence.sentences.first(), Some(&p.event.span));

    let mut shown = Vec::new();
    render(&result, OutputFormat::Table, 100, &mut shown).unwrap();
    let shown = String::from_utf8(shown).unwrap();
    assert!(
        shown.contains("kind       battle.armed_clash  ← \"ambushed\""),
        "{shown}"
    );
    assert!(shown.contains("← \"Makhmur\""), "{shown}");
    assert!(shown.contains("source     Erbil Ledger"), "{shown}");
}

#[test]
fn explain_event_names_an_unknown_id() {
    let db = examples_db();
    let error = db.query("explain event 00000000000000ab").unwrap_err();
    assert!(error.to_string().contains("00000000000000ab"), "{error}");
}
