//! The `places` source: a scan lists towns, regions and districts, the most populous first, and
//! `near` gives each row its distance, which `sort distance` orders by.

use geochron::Db;
use geochron::model::GeoPrecision;
use geochron::query::QueryResult;
use geochron::query::rows::PlaceRow;

fn places(query: &str) -> Vec<PlaceRow> {
    match Db::temporary().unwrap().query(query).unwrap() {
        QueryResult::Places { rows, .. } => rows,
        other => panic!("{query}: not places: {other:?}"),
    }
}

#[test]
fn a_scan_includes_regions_and_ranks_by_population() {
    let rows = places(r#"places where name ~ "kirk" | limit 20"#);
    assert_eq!(rows.len(), 20);
    assert!(
        rows.windows(2).all(|w| w[0].population >= w[1].population),
        "{rows:?}"
    );
    let first = &rows[0];
    assert_eq!(
        (first.name.as_str(), first.precision),
        ("Kirkūk", GeoPrecision::Admin1)
    );
    assert!(
        rows.iter()
            .any(|r| r.name == "Kirkuk" && r.precision == GeoPrecision::City)
    );
}

#[test]
fn sort_distance_orders_places_by_their_distance_from_the_centre() {
    let rows = places(r#"places where near "Kirkuk" within 30 km | sort distance"#);
    assert!(rows.len() >= 2, "{rows:?}");
    let distances: Vec<f64> = rows.iter().map(|r| r.distance_km.unwrap()).collect();
    assert!(distances.windows(2).all(|w| w[0] <= w[1]), "{distances:?}");
    assert!(distances[0] < 1.0 && distances.iter().all(|d| *d <= 30.0));
    let desc = places(r#"places where near "Kirkuk" within 30 km | sort distance desc"#);
    assert!(desc[0].distance_km.unwrap() > 10.0, "{desc:?}");
}
