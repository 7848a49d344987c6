//! GeoNames import: a small dump in the 19-column format becomes entries, bad rows are reported
//! with file and line, and lookups find imported entries beside the embedded ones; imported
//! into a store, they place the events of stories ingested afterwards.

use std::path::Path;

use geochron::gazetteer::{Gazetteer, geonames};
use geochron::ingest::ArticleInput;
use geochron::model::GeoPrecision;
use geochron::{Db, Ingested};

const FIXTURE: &str = "tests/fixtures/geo/cities.txt";

#[test]
fn reads_good_rows_and_names_bad_ones() {
    let import = geonames::read_dump(Path::new(FIXTURE)).unwrap();
    let names: Vec<&str> = import.entries.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["Mosul", "Mexmur", "Qarachokh Camp"]);
    let mexmur = &import.entries[1];
    assert_eq!(mexmur.geonameid, Some(93818));
    assert!(mexmur.alternate_names.iter().any(|a| a == "Makhmur"));
    assert_eq!(mexmur.precision, GeoPrecision::City);
    assert_eq!(import.entries[2].precision, GeoPrecision::Point);
    let errors: Vec<String> = import.errors.iter().map(|e| e.to_string()).collect();
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert!(errors[0].contains("cities.txt:4:") && errors[0].contains("geonameid"));
    assert!(errors[1].contains("cities.txt:5:") && errors[1].contains("19"));
    assert!(errors[2].contains("cities.txt:6:") && errors[2].contains("latitude"));
}

#[test]
fn a_missing_file_is_an_io_error() {
    assert!(geonames::read_dump(Path::new("tests/fixtures/geo/absent.txt")).is_err());
}

#[test]
fn imported_entries_are_found_beside_the_embedded_ones() {
    let import = geonames::read_dump(Path::new(FIXTURE)).unwrap();
    let gazetteer = Gazetteer::with_extra(import.entries);
    let camp = gazetteer.lookup("Qarachogh");
    assert_eq!(camp.len(), 1);
    assert!(camp[0].imported);
    // Mosul is in both: the same GeoNames place is listed once.
    let mosul = gazetteer.lookup("mosul");
    assert_eq!(
        mosul
            .iter()
            .filter(|c| c.place.geonameid == Some(99072))
            .count(),
        1
    );
    assert!(Gazetteer::embedded().lookup("Qarachogh").is_empty());
}

const VILLAGES: &str = "tests/fixtures/geo/villages.txt";

const STORY: &str = "Gunmen attacked a police checkpoint in the village of Zerdawa on Monday, \
                     killing three policemen, officials in Kirkuk said.";

fn story() -> ArticleInput {
    ArticleInput {
        title: "Checkpoint attacked".into(),
        published: chrono::NaiveDate::from_ymd_opt(2024, 3, 4),
        text: STORY.into(),
        ..ArticleInput::default()
    }
}

/// The GeoNames ids of the places of an ingested story's events.
fn event_places(db: &Db) -> Vec<Option<u32>> {
    let Ingested::Stored { article, .. } = db.ingest(story()).unwrap() else {
        panic!("the story should be new");
    };
    db.article_events(article)
        .unwrap()
        .iter()
        .map(|e| e.place.as_ref().and_then(|p| p.geonameid))
        .collect()
}

#[test]
fn an_imported_village_is_where_an_ingested_story_happened() {
    let db = Db::temporary().unwrap();
    let report = db.import_gazetteer(VILLAGES).unwrap();
    assert_eq!(report.imported, 2);
    assert_eq!(report.errors.len(), 1);
    let error = report.errors[0].to_string();
    assert!(
        error.contains("villages.txt:3:") && error.contains("latitude"),
        "{error}"
    );
    assert!(db.check().unwrap().is_clean());
    assert_eq!(event_places(&db), [Some(9990101)]);
}

#[test]
fn without_the_import_the_village_is_unknown() {
    let db = Db::temporary().unwrap();
    assert!(!event_places(&db).contains(&Some(9990101)));
    assert!(db.places("Zerdawa").unwrap().is_empty());
}

#[test]
fn places_of_a_store_include_its_imports_by_alternate_name() {
    let db = Db::temporary().unwrap();
    db.import_gazetteer(VILLAGES).unwrap();
    let found = db.places("Kaniy Zarda").unwrap();
    assert_eq!(found.len(), 1);
    assert!(found[0].imported);
    assert_eq!(found[0].place.name, "Kani Zerda");
    // Importing the same dump again replaces its rows rather than adding twins.
    db.import_gazetteer(VILLAGES).unwrap();
    assert_eq!(db.store().places().unwrap().len(), 2);
    assert_eq!(db.places("Zerdawa").unwrap().len(), 1);
}
