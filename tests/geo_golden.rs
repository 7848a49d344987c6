//! Golden test: an article in the seed's format resolves its Iraqi places and takes neither the
//! newspaper nor the president for a place.

use geochron::extract::geo::geoparse;
use geochron::gazetteer::lookup::distance_km;
use geochron::ingest::ArticleInput;
use geochron::model::Country;

/// The fixture as an `ArticleInput`: title, `Affected Countries:` header and body.
fn fixture() -> ArticleInput {
    let raw = include_str!("fixtures/geo/article.txt");
    let mut input = ArticleInput::default();
    let mut body = Vec::new();
    for line in raw.lines().map(str::trim) {
        if let Some(list) = line.strip_prefix("Affected Countries:") {
            input.countries = list
                .split(';')
                .filter_map(|c| c.trim().parse::<Country>().ok())
                .collect();
        } else if input.title.is_empty() && line.starts_with("Militants") {
            input.title = line.to_string();
        } else if !input.countries.is_empty() {
            body.push(line);
        }
    }
    input.text = body.join("\n");
    input
}

#[test]
fn resolves_the_places_of_the_story() {
    let input = fixture();
    let geo = geoparse(&input);
    let expect = [
        ("Mosul", "IQ", 36.335, 43.119),
        ("Kirkuk", "IQ", 35.468, 44.392),
        ("Makhmour", "IQ", 35.776, 43.580),
        ("Baghdad", "IQ", 33.341, 44.401),
        ("Ramadi", "IQ", 33.426, 43.299),
        ("Fallujah", "IQ", 33.349, 43.784),
        ("Syria", "SY", 35.0, 38.0),
    ];
    for (name, country, lat, lon) in expect {
        let mentions: Vec<_> = geo.places.iter().filter(|p| p.text == name).collect();
        assert!(!mentions.is_empty(), "{name} not found in {:?}", geo.places);
        for m in mentions {
            assert_eq!(
                m.place.country.map(|c| c.to_string()).as_deref(),
                Some(country)
            );
            let km = distance_km(m.place.lat, m.place.lon, lat, lon);
            assert!(km < 100.0, "{name} resolved {km:.0} km away: {:?}", m.place);
        }
    }
    let makhmour = geo.places.iter().find(|p| p.text == "Makhmour").unwrap();
    assert_eq!(makhmour.place.name, "Mexmur");
}

#[test]
fn newspapers_and_presidents_are_not_places() {
    let input = fixture();
    let geo = geoparse(&input);
    for p in &geo.places {
        assert!(!p.text.contains("Obama"), "took {p:?} for a place");
        let next = input.text.get(p.span.end..p.span.end + 6);
        assert!(
            !(p.text == "Washington" && next == Some(" Times")),
            "took the Washington Times for a place"
        );
    }
}

#[test]
fn spans_are_byte_offsets_into_the_text() {
    let input = fixture();
    for p in geoparse(&input).places {
        assert_eq!(p.span.slice(&input.text), p.text);
    }
}

#[test]
fn header_countries_are_the_focus() {
    let input = fixture();
    let codes: Vec<String> = geoparse(&input)
        .countries
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(codes, ["IQ", "SY", "US"]);
}
