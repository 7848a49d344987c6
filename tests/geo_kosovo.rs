//! Kosovo, which GeoNames codes XK (a code ISO 3166-1 leaves to users): a country of the
//! table by its code and its names, the country of its towns, of a dump's rows, and of the
//! events told there.

use std::str::FromStr;

use geochron::Db;
use geochron::gazetteer::{Gazetteer, geonames};
use geochron::ingest::ArticleInput;
use geochron::model::{Country, GeoPrecision};
use geochron::query::QueryResult;

const STORY: &str = "Police fired tear gas at protesters in Pristina on Monday, injuring \
                     twelve people, as thousands marched against the government.";

fn kosovo() -> Country {
    Country::from_code("XK").expect("XK is a country")
}

#[test]
fn xk_is_a_country_by_code_and_by_name() {
    assert_eq!(kosovo().name(), "Kosovo");
    assert_eq!(Country::from_str("Kosovo").ok(), Some(kosovo()));
    assert_eq!(Country::from_str("XKX").ok(), Some(kosovo()));
    assert!(Country::all().any(|c| c == kosovo()));
}

#[test]
fn the_gazetteer_knows_kosovo_its_demonym_and_its_capital() {
    let g = Gazetteer::embedded();
    let country = g.lookup("Kosovo");
    assert!(
        country.iter().any(
            |c| c.place.precision == GeoPrecision::Country && c.place.country == Some(kosovo())
        ),
        "{country:?}"
    );
    assert!(
        g.lookup("Kosovar")
            .iter()
            .any(|c| c.by_demonym && c.place.country == Some(kosovo()))
    );
    let pristina = g.lookup("Pristina");
    assert_eq!(pristina[0].place.country, Some(kosovo()), "{pristina:?}");
}

#[test]
fn a_dump_row_in_kosovo_is_read() {
    let row = [
        "786714",
        "Pristina",
        "Pristina",
        "Prishtina,Priştine",
        "42.67272",
        "21.16688",
        "P",
        "PPLC",
        "XK",
        "",
        "01",
        "",
        "",
        "",
        "550000",
        "",
        "652",
        "Europe/Belgrade",
        "2024-01-01",
    ]
    .join("\t");
    let entry = geonames::parse_row(&row).expect("a row in XK reads");
    assert_eq!(entry.country, Some(kosovo()));
}

#[test]
fn country_kosovo_finds_the_events_told_there() {
    let db = Db::temporary().unwrap();
    db.ingest(ArticleInput {
        title: "Protest in Pristina".into(),
        published: chrono::NaiveDate::from_ymd_opt(2024, 3, 4),
        text: STORY.into(),
        ..ArticleInput::default()
    })
    .unwrap();
    for query in [
        r#"events where country = "Kosovo""#,
        "events where country = XK",
        "events where country in (XK, RS)",
    ] {
        let QueryResult::Events { rows, .. } = db.query(query).unwrap() else {
            panic!("{query}: events give events");
        };
        assert!(!rows.is_empty(), "{query}: no event");
        assert!(
            rows.iter()
                .all(|r| r.event.place.as_ref().and_then(|p| p.country) == Some(kosovo())),
            "{query}: {rows:?}"
        );
    }
    let QueryResult::Places { rows, .. } = db
        .query(r#"places where country = "Kosovo" | limit 5"#)
        .unwrap()
    else {
        panic!("places give places");
    };
    assert!(rows.iter().any(|r| r.name == "Pristina"), "{rows:?}");
}
