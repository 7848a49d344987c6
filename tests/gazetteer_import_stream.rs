//! `gazetteer import` of a large dump: a generated allCountries-format file of many rows is
//! streamed into the store, a malformed row is named by its line and skipped, and the imported
//! places are found by name, by alternate name, by the `places` source and by completion.

use std::io::{BufWriter, Write};
use std::path::Path;

use geochron::Db;
use geochron::query::QueryResult;

/// Rows in the generated dump: enough for fifty sled batches, small enough for `cargo test`.
const ROWS: u32 = 50_000;
/// The line the generator spoils (18 columns instead of 19).
const BAD_LINE: u32 = 25_001;
/// GeoNames ids of generated rows start here, far above GeoNames' own.
const FIRST_ID: u32 = 90_000_000;

/// Row `i`'s number written so no two neighbouring letters are the same: name keys merge
/// doubled letters ("11" and "1" are one key), so `7x7x7`, not `777`.
fn tag(i: u32) -> String {
    let digits: Vec<String> = i.to_string().chars().map(String::from).collect();
    digits.join("x")
}

/// The name of generated row `i`: made-up words no embedded place is called.
fn name_of(i: u32) -> String {
    format!("Qzvorth {}", tag(i))
}

/// Writes `rows` synthetic rows in the 19-column GeoNames format to `path`; line `bad` has a
/// column missing.
fn write_dump(path: &Path, rows: u32, bad: u32) {
    let mut out = BufWriter::new(std::fs::File::create(path).unwrap());
    for i in 0..rows {
        let name = name_of(i);
        let lat = f64::from(i % 17_000) / 100.0 - 85.0;
        let lon = f64::from(i % 35_000) / 100.0 - 175.0;
        let (class, code) = if i % 3 == 0 {
            ("H", "STM")
        } else {
            ("P", "PPL")
        };
        let alternates = format!("{name} Fort,Ksar {t},QZVORTH {t}", t = tag(i));
        let population = (i % 7) * 1000;
        let mut row = vec![
            (FIRST_ID + i).to_string(),
            name.clone(),
            name,
            alternates,
            format!("{lat:.5}"),
            format!("{lon:.5}"),
            class.into(),
            code.into(),
            "IQ".into(),
            String::new(),
            "08".into(),
            String::new(),
            String::new(),
            String::new(),
            population.to_string(),
            String::new(),
            "220".into(),
            "Asia/Baghdad".into(),
            "2024-01-01".into(),
        ];
        if i + 1 == bad {
            row.pop();
        }
        writeln!(out, "{}", row.join("\t")).unwrap();
    }
    out.flush().unwrap();
}

fn imported_db() -> (tempfile::TempDir, Db) {
    let dir = tempfile::tempdir().unwrap();
    let dump = dir.path().join("allCountries.txt");
    write_dump(&dump, ROWS, BAD_LINE);
    let db = Db::open(dir.path().join("store")).unwrap();
    let report = db.import_gazetteer(&dump).unwrap();
    assert_eq!(report.imported, (ROWS - 1) as usize);
    assert_eq!(report.skipped, 1);
    let error = report.errors[0].to_string();
    assert!(
        error.contains(&format!("allCountries.txt:{BAD_LINE}:")) && error.contains("19"),
        "{error}"
    );
    (dir, db)
}

#[test]
fn a_generated_dump_is_imported_and_its_places_found() {
    let (_dir, db) = imported_db();
    assert_eq!(db.store().places().unwrap().len(), (ROWS - 1) as usize);
    for i in [0, 1, 12_345, BAD_LINE - 2, BAD_LINE, ROWS - 1] {
        let found = db.places(&name_of(i)).unwrap();
        assert_eq!(found.len(), 1, "{}: {found:?}", name_of(i));
        assert_eq!(found[0].place.geonameid, Some(FIRST_ID + i));
        assert!(found[0].imported);
    }
    // The spoilt row is not there; its alternate names are found like its name would be.
    assert!(db.places(&name_of(BAD_LINE - 1)).unwrap().is_empty());
    let by_alternate = db.places("Ksar 7x7x7").unwrap();
    assert_eq!(by_alternate.len(), 1);
    assert_eq!(by_alternate[0].place.name, name_of(777));
    // Only what lookup needs is kept: "QZVORTH 7x7x7" folds to the name's own key.
    let stored = db.store().places().unwrap();
    let entry = stored
        .iter()
        .find(|e| e.geonameid == Some(FIRST_ID + 777))
        .unwrap();
    assert_eq!(entry.alternate_names, ["Qzvorth 7x7x7 Fort", "Ksar 7x7x7"]);
    // A reopened store still has them.
    let path = db.store().path().unwrap().to_path_buf();
    drop(db);
    let db = Db::open(path).unwrap();
    assert_eq!(db.places(&name_of(4_321)).unwrap().len(), 1);
}

#[test]
fn the_places_source_and_completion_see_imported_entries() {
    let (_dir, db) = imported_db();
    let QueryResult::Places { rows, .. } = db
        .query(r#"places where name = "Qzvorth 4x3x2x1""#)
        .unwrap()
    else {
        panic!("a places query gives places");
    };
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].geonameid, Some(FIRST_ID + 4321));
    let QueryResult::Places { rows, .. } = db
        .query(r#"places where name ~ "qzvorth 4x3x2x1" | limit 50"#)
        .unwrap()
    else {
        panic!("a places query gives places");
    };
    assert!(
        rows.iter().any(|r| r.geonameid == Some(FIRST_ID + 4321)),
        "{rows:?}"
    );
    let gazetteer = db.gazetteer().unwrap();
    let completed = gazetteer.prefix("qzvorth 4x3x2x1", 20);
    assert!(
        completed
            .iter()
            .any(|c| c.place.geonameid == Some(FIRST_ID + 4321)),
        "{completed:?}"
    );
    // By an alternate name too.
    let completed = gazetteer.prefix("ksar 4x3x2x1", 20);
    assert!(
        completed
            .iter()
            .any(|c| c.place.geonameid == Some(FIRST_ID + 4321)),
        "{completed:?}"
    );
    // Completion offers the name as the dump writes it.
    let offered = gazetteer.completions("Ksar 4x3x2x1", 20);
    assert!(
        offered
            .iter()
            .any(|(name, c)| name == "Ksar 4x3x2x1" && c.place.geonameid == Some(FIRST_ID + 4321)),
        "{offered:?}"
    );
    assert!(offered.windows(2).all(|w| w[0].1.prior() >= w[1].1.prior()));
    // None of it is held: the gazetteer reads the store's name index when asked.
    assert!(gazetteer.extra().is_empty());
}

#[test]
fn a_scan_of_every_place_holds_only_its_limit_and_stories_find_imported_names() {
    let (_dir, db) = imported_db();
    // The most populous first, embedded and imported alike: only five are kept while the
    // fifty thousand imported entries stream past.
    let QueryResult::Places { rows, .. } =
        db.query(r#"places where country = IQ | limit 5"#).unwrap()
    else {
        panic!("a places query gives places");
    };
    assert_eq!(rows.len(), 5);
    assert!(rows[0].name.starts_with("Baghd"), "{rows:?}");
    assert!(rows.windows(2).all(|w| w[0].population >= w[1].population));
    // `place ~` and `near` by an imported name of several words.
    let QueryResult::Places { rows, .. } = db
        .query(r#"places where near "Qzvorth 4x3x2x1" within 1 km"#)
        .unwrap()
    else {
        panic!("a places query gives places");
    };
    assert!(rows.iter().any(|r| r.geonameid == Some(FIRST_ID + 4321)));
    // The extractor finds an imported name of several words in a story, beside the fifty
    // thousand others, through the index.
    let dump = _dir.path().join("one.txt");
    let row = [
        "99000001",
        "Zerdawa Kelek Qzor",
        "Zerdawa Kelek Qzor",
        "",
        "36.10000",
        "43.90000",
        "P",
        "PPL",
        "IQ",
        "",
        "08",
        "",
        "",
        "",
        "120",
        "",
        "300",
        "Asia/Baghdad",
        "2024-01-01",
    ];
    std::fs::write(&dump, row.join("\t") + "\n").unwrap();
    assert_eq!(db.import_gazetteer(&dump).unwrap().imported, 1);
    db.ingest(geochron::ingest::ArticleInput {
        title: "Checkpoint attacked".into(),
        published: chrono::NaiveDate::from_ymd_opt(2024, 3, 6),
        text: "Gunmen attacked a checkpoint in Zerdawa Kelek Qzor on Tuesday, killing three \
               policemen, officials said."
            .into(),
        ..Default::default()
    })
    .unwrap();
    let QueryResult::Events { rows, .. } = db.query("events").unwrap() else {
        panic!("an events query gives events");
    };
    assert!(
        rows.iter()
            .any(|r| r.event.place.as_ref().and_then(|p| p.geonameid) == Some(99_000_001)),
        "{rows:?}"
    );
}
