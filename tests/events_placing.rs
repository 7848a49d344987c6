//! Where events happen, on small notes of our own: which of a sentence's places is the event's,
//! and what a note that names no place the gazetteer knows still says about where.

use chrono::NaiveDate;
use geochron::extract::extract;
use geochron::ingest::ArticleInput;
use geochron::model::{GeoPrecision, Place};

/// The first event's place.
fn place_of(text: &str) -> Place {
    let input = ArticleInput {
        text: text.to_string(),
        published: NaiveDate::from_ymd_opt(2021, 8, 2),
        ..ArticleInput::default()
    };
    let extraction = extract(&input);
    let event = extraction.events.first().expect("an event");
    event.place.clone().expect("a place")
}

fn country(place: &Place) -> String {
    place.country.map(|c| c.to_string()).unwrap_or_default()
}

#[test]
fn a_region_in_brackets_beats_the_country_whose_aircraft_struck() {
    let place = place_of(
        "On 9 July 2021, United States aircraft carried out an airstrike on an Al Shabaab camp \
         near a village (Jamaame, Lower Juba), killing four militants.",
    );
    assert_eq!(country(&place), "SO", "{place:?}");
}

#[test]
fn armed_groups_of_one_country_place_a_note_that_names_no_known_place() {
    let place = place_of(
        "On 3 June 2021, GNA forces repelled an LNA attack on positions in Wadi Zamzam. Two \
         fighters were killed.",
    );
    assert_eq!(country(&place), "LY", "{place:?}");
    assert_eq!(place.precision, GeoPrecision::Country);
}

#[test]
fn a_currency_does_not_place_a_protest() {
    let input = ArticleInput {
        text:
            "On 3 June 2021, protesters angry at the high US dollar exchange rate blocked a road \
               in Qsaibeh."
                .to_string(),
        published: NaiveDate::from_ymd_opt(2021, 8, 2),
        ..ArticleInput::default()
    };
    let extraction = extract(&input);
    let event = extraction.events.first().expect("an event");
    assert_ne!(
        event
            .place
            .as_ref()
            .and_then(|p| p.country)
            .map(|c| c.to_string()),
        Some("US".to_string()),
        "{:?}",
        event.place
    );
}

#[test]
fn a_village_of_a_monitoring_mission_lies_in_its_theatre() {
    // Orikhove is the name of many villages; the one on the contact line is not the gazetteer's
    // biggest. A note of the OSCE's mission to Ukraine is about Donbas.
    let place = place_of("On 12 March 2021, the OSCE SMM recorded 40 explosions near Orikhove.");
    assert_eq!(country(&place), "UA", "{place:?}");
    let km = geochron::gazetteer::lookup::distance_km(place.lat, place.lon, 48.3, 38.5);
    assert!(km < 160.0, "{place:?} is {km:.0} km from Donbas");
}

#[test]
fn a_namesake_abroad_is_not_where_the_story_happened() {
    // "Khail" is also another name of Ha'il in Saudi Arabia; the note is about Paktia.
    let place = place_of(
        "On 27 April 2021, Taliban militants attacked a police post, killing 4 policemen, in the \
         Rahim Khail area of PD4, Gardez city, Paktia.",
    );
    assert_eq!(country(&place), "AF", "{place:?}");
}

#[test]
fn a_district_in_another_spelling_is_no_demonym() {
    // "Rajouri" ends like an adjective ("Iraqi") but names Rajauri district.
    let place = place_of(
        "On 1 May 2021, military forces of India and Pakistan exchanged fire in Rajouri district.",
    );
    assert_eq!(country(&place), "IN", "{place:?}");
}

#[test]
fn whose_drone_it_was_is_not_where_it_struck() {
    let place = place_of(
        "On 28 April 2021, a Turkish air drone operated by GNA forces targeted a truck, killing \
         four Libyan civilians.",
    );
    assert_eq!(country(&place), "LY", "{place:?}");
}
