//! A stored place answers to any of its names: the store keeps the gazetteer's name ("Mexmur")
//! while people write another ("Makhmur"), whole (`place =`) or begun (`place ~`).

use geochron::Db;
use geochron::ingest::ArticleInput;
use geochron::query::QueryResult;

const STORY: &str = "Islamic State fighters attacked an army post in the town of Makhmur, \
                     south-east of Mosul, on Tuesday, killing six soldiers.";

fn db_with_makhmur() -> Db {
    let db = Db::temporary().unwrap();
    db.ingest(ArticleInput {
        title: "Attack on Makhmur".into(),
        published: chrono::NaiveDate::from_ymd_opt(2024, 3, 6),
        text: STORY.into(),
        ..ArticleInput::default()
    })
    .unwrap();
    db
}

/// The places of the events a query finds.
fn places(db: &Db, query: &str) -> Vec<String> {
    match db.query(query).unwrap() {
        QueryResult::Events { rows, .. } => rows
            .iter()
            .map(|r| {
                r.event
                    .place
                    .as_ref()
                    .map_or_else(String::new, |p| p.name.clone())
            })
            .collect(),
        other => panic!("{query}: not events: {other:?}"),
    }
}

#[test]
fn the_story_is_stored_under_the_gazetteer_name() {
    let db = db_with_makhmur();
    assert_eq!(places(&db, r#"events where place = "Mexmur""#), ["Mexmur"]);
}

#[test]
fn place_equals_takes_any_name_of_the_place() {
    let db = db_with_makhmur();
    assert_eq!(places(&db, r#"events where place = "Makhmur""#), ["Mexmur"]);
    assert!(places(&db, r#"events where place = "Makhmurx""#).is_empty());
}

#[test]
fn place_contains_takes_any_name_of_the_place() {
    let db = db_with_makhmur();
    assert_eq!(places(&db, r#"events where place ~ "Makhmur""#), ["Mexmur"]);
    assert_eq!(places(&db, r#"events where place ~ "makhm""#), ["Mexmur"]);
    assert_eq!(places(&db, r#"events where place ~ "mexm""#), ["Mexmur"]);
    assert!(places(&db, r#"events where place ~ "qzvorth""#).is_empty());
}
