//! A datelined local story is told from its town: a dateline below the headline still names
//! the story's home, and a happening the story places at the home's whole state or country
//! happened in the home town (sentences written for these tests).

use chrono::NaiveDate;

use geochron::extract::extract;
use geochron::ingest::ArticleInput;
use geochron::model::GeoPrecision;

fn article(text: &str) -> ArticleInput {
    ArticleInput {
        title: "Local news".into(),
        published: NaiveDate::from_ymd_opt(2019, 5, 8),
        text: text.into(),
        ..ArticleInput::default()
    }
}

/// The first event's place name and precision.
fn first_place(text: &str) -> Option<(String, GeoPrecision)> {
    let extraction = extract(&article(text));
    let event = extraction.events.first()?;
    let place = event.place.as_ref()?;
    Some((place.name.clone(), place.precision))
}

#[test]
fn a_dateline_below_the_headline_names_the_home() {
    let text = "Two hurt on Elm Street\n\nDOVER, Del. - Two men were shot Sunday night, \
                police said. Officers found them outside a store.";
    let extraction = extract(&article(text));
    let dover = extraction.places.iter().find(|p| p.text == "DOVER");
    assert_eq!(dover.map(|p| p.place.name.as_str()), Some("Dover"));
}

#[test]
fn a_happening_placed_at_the_home_s_state_is_in_the_home_town() {
    let text = "SALEM, Ore. (KXYZ) - A man was shot Tuesday night in Oregon, police said. \
                He was taken to a hospital.";
    assert_eq!(
        first_place(text),
        Some(("Salem".to_string(), GeoPrecision::City))
    );
}
