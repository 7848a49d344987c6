//! GeoNames import: a small dump in the 19-column format becomes entries, bad rows are reported
//! with file and line, and lookups find imported entries beside the embedded ones.

use std::path::Path;

use geochron::gazetteer::{Gazetteer, geonames};
use geochron::model::GeoPrecision;

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
