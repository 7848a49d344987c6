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
