//! `near NAME` with an ambiguous name: the plan says which place it took and lists the others as
//! names to write instead; "NAME, REGION" or "NAME, COUNTRY" picks one of them.

use geochron::Db;

fn explain(query: &str) -> String {
    Db::temporary().unwrap().explain(query).unwrap().to_string()
}

#[test]
fn an_ambiguous_name_lists_the_others_as_names_to_write() {
    let plan = explain(r#"events where near "Springfield" within 20 km"#);
    assert!(plan.contains("near: took Springfield, US"), "{plan}");
    assert!(
        plan.contains(r#""Springfield, Illinois, US" (39.8017, -89.6437)"#),
        "{plan}"
    );
}

#[test]
fn a_region_or_country_after_a_comma_picks_the_place() {
    for written in [
        "Springfield, IL",
        "Springfield, Illinois",
        "springfield, illinois, US",
    ] {
        let plan = explain(&format!(r#"events where near "{written}" within 20 km"#));
        assert!(plan.contains("(39.8017, -89.6437)"), "{written}: {plan}");
        assert!(!plan.contains("may also mean"), "{written}: {plan}");
    }
    let plan = explain(r#"events where near "Paris, FR" within 5 km"#);
    assert!(plan.contains("Paris, FR"), "{plan}");
}

#[test]
fn a_qualifier_nothing_of_that_name_lies_in_is_an_error() {
    let db = Db::temporary().unwrap();
    let error = db
        .explain(r#"events where near "Springfield, XX" within 20 km"#)
        .unwrap_err()
        .to_string();
    assert!(error.contains("Springfield, XX"), "{error}");
}

#[test]
fn in_an_area_after_the_name_picks_the_place() {
    for written in [
        r#""Springfield" in IL"#,
        r#""Springfield" in "Illinois""#,
        r#"Springfield in "illinois""#,
    ] {
        let plan = explain(&format!("events where near {written} within 20 km"));
        assert!(plan.contains("(39.8017, -89.6437)"), "{written}: {plan}");
        assert!(!plan.contains("may also mean"), "{written}: {plan}");
    }
    // A country keeps the name's places there, the most prominent first; the others are named.
    let plan = explain(r#"events where near "Springfield" in US within 20 km"#);
    assert!(plan.contains("took Springfield, US"), "{plan}");
    assert!(plan.contains("`in COUNTRY`"), "{plan}");
    let plan = explain(r#"events where near "Athens" in "Georgia" within 10 km"#);
    assert!(plan.contains("Athens, US"), "{plan}");
    let plan = explain(r#"events | nearest 3 to "Paris" in "United States""#);
    assert!(plan.contains("Paris, US"), "{plan}");
}

#[test]
fn in_an_area_finds_the_places_there() {
    let db = Db::temporary().unwrap();
    let geochron::query::QueryResult::Places { rows, .. } = db
        .query(r#"places where near "Springfield" in "Illinois" within 3 km | limit 3"#)
        .unwrap()
    else {
        panic!("places give places");
    };
    // The city and its county, whose seat it is, sit at one point.
    assert!(
        rows.iter().any(|r| r.name == "Springfield"
            && r.admin1.as_deref() == Some("Illinois")
            && r.distance_km < Some(0.1)),
        "{rows:?}"
    );
}

#[test]
fn an_area_without_the_name_says_where_it_lies() {
    let db = Db::temporary().unwrap();
    let text = r#"events where near "Springfield" in FR within 20 km"#;
    let error = db.explain(text).unwrap_err();
    let geochron::Error::Query(error) = error else {
        panic!("a query error: {error}");
    };
    let shown = error.render(text);
    assert!(shown.contains(r#"found "FR""#), "{shown}");
    assert!(shown.contains("lie in US"), "{shown}");
    assert!(shown.contains(r#"`near "Springfield" in US`"#), "{shown}");
    // An area the gazetteer does not know, and one left out.
    let text = r#"events where near "Springfield" in "Narnia" within 20 km"#;
    let error = db.explain(text).unwrap_err().to_string();
    assert!(error.contains("Narnia"), "{error}");
    for text in [
        r#"events where near "Springfield" in within 20 km"#,
        r#"events where near "Springfield" in"#,
        r#"events where near "Springfield" in (US) within 20 km"#,
    ] {
        let error = db.explain(text).unwrap_err().to_string();
        assert!(
            error.contains("country or first-level region"),
            "{text}: {error}"
        );
    }
}

#[test]
fn in_an_area_round_trips() {
    for text in [
        r#"events where near "Springfield" in US within 20 km"#,
        r#"events where near "Springfield" in "Illinois" within 20 km | sort distance"#,
        r#"events | nearest 3 to "Paris" in "United States""#,
    ] {
        let statement = geochron::query::parse(text).unwrap();
        assert_eq!(statement.to_string(), text);
        assert_eq!(
            geochron::query::parse(&statement.to_string()).unwrap(),
            statement
        );
    }
}
