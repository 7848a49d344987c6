//! Recognition rules and resolution priors on small sentences, and the lookup API.

use geochron::extract::geo::geoparse;
use geochron::gazetteer::Gazetteer;
use geochron::ingest::ArticleInput;
use geochron::model::{Country, GeoPrecision};

fn places(text: &str, header: &[&str]) -> Vec<(String, String, GeoPrecision)> {
    let input = ArticleInput {
        text: text.to_string(),
        countries: header
            .iter()
            .filter_map(|c| Country::from_code(c))
            .collect(),
        ..ArticleInput::default()
    };
    geoparse(&input)
        .places
        .into_iter()
        .map(|p| {
            let country = p.place.country.map(|c| c.to_string()).unwrap_or_default();
            (p.text, country, p.place.precision)
        })
        .collect()
}

fn texts(found: &[(String, String, GeoPrecision)]) -> Vec<&str> {
    found.iter().map(|(t, _, _)| t.as_str()).collect()
}

#[test]
fn months_weekdays_and_titles_are_not_places() {
    let found = places("On Monday in May, Mr. Jordan met President Obama.", &[]);
    assert!(texts(&found).is_empty(), "{found:?}");
}

#[test]
fn person_and_organisation_names_are_not_places() {
    let found = places(
        "Jordan Peterson spoke to the Washington Post. Peterson said refugees crossed into Jordan.",
        &[],
    );
    assert_eq!(texts(&found), ["Jordan"], "{found:?}");
    assert_eq!(found[0].1, "JO");
}

#[test]
fn demonyms_and_aliases_resolve_to_their_country() {
    let found = places(
        "Iraqi and Kurdish troops met U.S. advisers from Britain.",
        &[],
    );
    let got: Vec<(&str, &str)> = found
        .iter()
        .map(|(t, c, _)| (t.as_str(), c.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("Iraqi", "IQ"),
            ("Kurdish", "IQ"),
            ("U.S.", "US"),
            ("Britain", "GB")
        ]
    );
}

#[test]
fn evidence_admits_small_places() {
    // A village too small to take on its own is a place after "near".
    let found = places("The convoy was attacked near Makhmour.", &[]);
    assert_eq!(texts(&found), ["Makhmour"]);
}

#[test]
fn the_header_decides_between_namesakes() {
    // Tripoli: the Libyan capital by default, the Lebanese city when the header says Lebanon.
    let default = places("Clashes broke out in Tripoli.", &[]);
    assert_eq!(default[0].1, "LY");
    let lebanon = places("Clashes broke out in Tripoli.", &["LB"]);
    assert_eq!(lebanon[0].1, "LB");
}

#[test]
fn a_named_container_decides_between_namesakes() {
    let found = places("She lived in Paris, Texas, all her life.", &[]);
    assert_eq!(found[0].1, "US", "{found:?}");
    assert_eq!(found[0].2, GeoPrecision::City);
}

#[test]
fn lookup_by_name_prefix_and_point() {
    let gazetteer = Gazetteer::embedded();
    let makhmur = gazetteer.lookup("MAKHMOUR");
    assert_eq!(makhmur[0].place.name, "Mexmur");
    let sao = gazetteer.lookup("sao paulo");
    assert!(
        sao.iter()
            .any(|c| c.place.precision == GeoPrecision::Admin1)
    );
    assert_eq!(gazetteer.lookup("São Paulo"), sao);
    let kirk = gazetteer.prefix("Kirk", 5);
    assert_eq!(kirk.len(), 5);
    assert!(kirk.iter().any(|c| c.place.name.starts_with("Kirk")));
    let (near, km) = gazetteer.nearest(36.34, 43.13).unwrap();
    assert_eq!(near.place.name, "Mosul");
    assert!(km < 5.0);
    assert_eq!(gazetteer.country_at(36.34, 43.13), Country::from_code("IQ"));
    assert_eq!(
        gazetteer.lookup("Soviet Union")[0].place.country,
        Country::from_code("RU")
    );
}

#[test]
fn a_container_in_brackets_or_after_in_decides_the_country() {
    let found = places(
        "Forces thwarted an incursion northwest of Hays district (Al Hudaydah).",
        &[],
    );
    assert!(found.iter().all(|(_, c, _)| c == "YE"), "{found:?}");
    let found = places("In Salvador, Bahia, about 200 workers protested.", &[]);
    assert_eq!(found[0].1, "BR", "{found:?}");
}

#[test]
fn a_small_foreign_town_does_not_enter_a_sentence_about_another_country() {
    let found = places(
        "Regime forces shelled the town of Bara in Jabal al-Zawiya in the southern countryside of Idleb.",
        &[],
    );
    assert!(found.iter().all(|(_, c, _)| c == "SY"), "{found:?}");
}

#[test]
fn fragments_of_longer_names_and_acronyms_are_not_places() {
    let found = places(
        "Heavy artillery fire was reported in Abu Salim (Tripoli). GNA and LNA forces clashed.",
        &[],
    );
    assert_eq!(texts(&found), ["Tripoli"], "{found:?}");
    let found = places("Shells fell in Bir at Tutah and in Qala i Naw.", &[]);
    assert_eq!(texts(&found), ["Qala i Naw"], "{found:?}");
}

#[test]
fn a_possessive_names_the_container() {
    let found = places(
        "Demonstrators blocked the road in Beirut's Hamra district.",
        &[],
    );
    assert_eq!(found.first().map(|f| f.0.as_str()), Some("Beirut"));
    assert!(found.iter().all(|(_, c, _)| c == "LB"), "{found:?}");
}

#[test]
fn company_news_that_names_no_place_is_about_its_market() {
    let input = ArticleInput {
        text: "Acme Widget Corp said first quarter net rose to 12 mln dlrs.".to_string(),
        ..ArticleInput::default()
    };
    let countries: Vec<String> = geoparse(&input)
        .countries
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(countries, ["US"]);
}

#[test]
fn state_abbreviations_after_a_town_are_its_container() {
    let found = places(
        "EDMONTON, Ky. - Officials in London, Ky. and Vancouver, B.C. met.",
        &[],
    );
    let got: Vec<(&str, &str)> = found
        .iter()
        .map(|(t, c, _)| (t.as_str(), c.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("EDMONTON", "US"),
            ("Ky.", "US"),
            ("London", "US"),
            ("Ky.", "US"),
            ("Vancouver", "CA"),
            ("B.C.", "CA")
        ]
    );
}

#[test]
fn a_region_named_after_its_city_means_the_city() {
    // "New York" is the state's name too; the city inside it is what news means.
    let found = places("She grew up in New York and moved on.", &[]);
    assert_eq!(
        found.first().map(|f| f.2),
        Some(GeoPrecision::City),
        "{found:?}"
    );
    // A country of that name still wins over its capital.
    let found = places("Talks were held in Mexico.", &[]);
    assert_eq!(
        found.first().map(|f| f.2),
        Some(GeoPrecision::Country),
        "{found:?}"
    );
}

#[test]
fn arabic_articles_belong_to_the_name() {
    // Joined by a hyphen, in either case; the gazetteer may file the name without it.
    let found = places(
        "Gunmen shot a man in al-Hasakeh. Shells fell on Ar-Raqqa and As-Sweida.",
        &[],
    );
    assert_eq!(
        texts(&found),
        ["al-Hasakeh", "Ar-Raqqa", "As-Sweida"],
        "{found:?}"
    );
    assert!(found.iter().all(|(_, c, _)| c == "SY"), "{found:?}");
    // A separate lower-case article is part of the name the gazetteer knows ...
    let found = places("A march was held in el Hermel.", &[]);
    assert_eq!(texts(&found), ["el Hermel"], "{found:?}");
    assert_eq!(found[0].1, "LB");
    // ... and a name it does not know is no namesake under another spelling ("Mina" is no
    // Minna, nor "el Mina" Elmina).
    let found = places("Protesters gathered in el Mina.", &[]);
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn a_neighbourhood_lies_in_the_town_named_before_it() {
    let input = ArticleInput {
        text: "In Salvador, Bahia, a man was shot in Periperi neighborhood. In Tijuana, Baja \
               California, a body was found in Colonia Buena Vista."
            .to_string(),
        ..ArticleInput::default()
    };
    let found = geoparse(&input).places;
    let at = |name: &str| {
        found
            .iter()
            .find(|p| p.text == name)
            .map(|p| (p.place.lat, p.place.lon))
    };
    let near = |a: Option<(f64, f64)>, b: Option<(f64, f64)>| match (a, b) {
        (Some(a), Some(b)) => geochron::gazetteer::lookup::distance_km(a.0, a.1, b.0, b.1) < 40.0,
        _ => false,
    };
    assert!(near(at("Periperi"), at("Salvador")), "{found:?}");
    let colonia = found.iter().find(|p| p.text.starts_with("Colonia"));
    assert!(
        colonia.is_none_or(|c| near(Some((c.place.lat, c.place.lon)), at("Tijuana"))),
        "{found:?}"
    );
}

#[test]
fn a_region_is_no_city_by_an_old_name_of_its_capital() {
    // Recife was once called Pernambuco; the state is meant.
    let found = places("In Trindade, Pernambuco, two men were killed.", &[]);
    assert_eq!(
        found.iter().find(|f| f.0 == "Pernambuco").map(|f| f.2),
        Some(GeoPrecision::Admin1),
        "{found:?}"
    );
}

#[test]
fn a_preposition_and_an_article_join_one_name() {
    let found = places("Protests in Leon de los Aldama, Guanajuato.", &[]);
    assert_eq!(
        texts(&found),
        ["Leon de los Aldama", "Guanajuato"],
        "{found:?}"
    );
    assert!(found.iter().all(|(_, c, _)| c == "MX"), "{found:?}");
}

#[test]
fn given_names_of_small_regions_are_people() {
    // Michael and Patrick are parishes of the Isle of Man, Paul one of Cape Verde.
    for text in [
        "Michael Landes, a major stockholder, asked the company to sell. Mr. Landes said so.",
        "Treasurer Paul Keating said the deficit could hit four billion dlrs.",
        "Chairman Paul D. Lambert sold 240,000 shares to Patrick Buchanan.",
    ] {
        let found = places(text, &[]);
        assert!(found.is_empty(), "{text}: {found:?}");
    }
}

#[test]
fn a_common_word_is_no_other_name_of_a_city() {
    // "Gold" is an alternate name of Gold Coast; the story writes it as a word.
    let found = places(
        "The price of gold rose on Monday. Gold could reach 500 dlrs an ounce.",
        &[],
    );
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn names_in_a_bracket_after_a_place_are_its_districts() {
    // Mwaro is too small to stand on its own, but a bracket of names after a village says it
    // holds the village.
    let found = places(
        "Gunmen attacked and injured three members in Kibungere (Nyabihanga, Mwaro).",
        &[],
    );
    assert!(
        found.iter().any(|(t, c, _)| t == "Mwaro" && c == "BI"),
        "{found:?}"
    );
    // A bracket of words is no list of districts.
    let found = places("The convoy was hit (Mwaro said so).", &[]);
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn a_city_abroad_gives_way_to_a_namesake_in_the_story_country() {
    let found = places(
        "Organizers of a London rally thanked Canada. They want Canada to act, a London doctor said.",
        &[],
    );
    let london: Vec<&str> = found
        .iter()
        .filter(|(t, _, _)| t == "London")
        .map(|(_, c, _)| c.as_str())
        .collect();
    assert_eq!(london, ["CA", "CA"], "{found:?}");
}

#[test]
fn a_name_placed_once_keeps_that_place_all_through() {
    let found = places(
        "He runs Blue Collar Paris Gardens in Paris, Texas, where he grows vegetables.",
        &[],
    );
    assert!(
        found
            .iter()
            .filter(|(t, _, _)| t == "Paris")
            .all(|(_, c, _)| c == "US"),
        "{found:?}"
    );
}

#[test]
fn a_district_is_found_by_its_name_without_its_administrative_word() {
    // "Caza du Chouf" in the gazetteer; the text writes the bare name.
    let found = places("Farmers gathered in Chouf to demand water.", &[]);
    assert_eq!(texts(&found), ["Chouf"], "{found:?}");
    assert_eq!(found[0].1, "LB");
    // A county named after a common word is the word.
    let found = places("Coffee prices rose while Cotton fell.", &[]);
    assert!(texts(&found).is_empty(), "{found:?}");
}

#[test]
fn a_district_is_placed_at_its_seat() {
    let gazetteer = Gazetteer::embedded();
    let found = gazetteer.lookup("Caza de Zahleh");
    let district = found
        .iter()
        .find(|c| c.place.name == "Caza de Zahleh")
        .expect("the district");
    let town = gazetteer
        .lookup("Zahle")
        .into_iter()
        .find(|c| c.place.country == Country::from_code("LB"))
        .expect("the town");
    assert!((district.place.lat - town.place.lat).abs() < 0.01);
    assert!((district.place.lon - town.place.lon).abs() < 0.01);
}

#[test]
fn a_thing_named_after_a_place_is_no_place() {
    let found = places("Youths threw a Molotov cocktail at the bank in Sidon.", &[]);
    assert_eq!(texts(&found), ["Sidon"], "{found:?}");
}

#[test]
fn a_region_after_an_unknown_town_and_a_lower_case_article_word_is_found() {
    // "at" is also an Arabic article; the town after it is unknown, the region is not.
    let found = places("Troops fired at Qzxwvil, Gadabay.", &[]);
    assert_eq!(texts(&found), ["Gadabay"], "{found:?}");
    assert_eq!(found[0].1, "AZ");
}

#[test]
fn a_neighbourhood_word_alone_stays_in_the_town_before_it() {
    let found = places(
        "In Acapulco, Guerrero, a car was burned in Colonia Qzxwv Lomas.",
        &[],
    );
    let colonia = found.iter().find(|(t, _, _)| t == "Colonia");
    assert!(colonia.is_none_or(|(_, c, _)| c == "MX"), "{found:?}");
}

#[test]
fn a_demonym_does_not_keep_a_town_out_of_its_sentence() {
    // "Saudi" names whose forces fired, not where: the towns in brackets are Yemen's.
    let found = places(
        "Saudi forces fired artillery at farms near the villages (Razih, Sadah).",
        &[],
    );
    let sadah = found.iter().find(|(t, _, _)| t == "Sadah");
    assert_eq!(sadah.map(|(_, c, _)| c.as_str()), Some("YE"), "{found:?}");
}

#[test]
fn a_town_beside_a_region_that_holds_none_of_its_namesakes_is_placed_at_the_region() {
    // Aurangabad lies in Maharashtra and Bihar, not Kerala: this one is unknown to the gazetteer.
    let found = places("Farmers marched in Aurangabad, Kerala, on Monday.", &[]);
    let town = found.iter().find(|(t, _, _)| t == "Aurangabad");
    assert_eq!(
        town.map(|(_, c, p)| (c.as_str(), *p)),
        Some(("IN", GeoPrecision::Admin1)),
        "{found:?}"
    );
}

#[test]
fn a_district_in_brackets_is_found_under_its_bare_name() {
    // Filed as "Circunscrição da Quissanga"; the bracket after a village names it bare.
    let found = places(
        "Gunmen raided Qzxwv village (Quissanga, Cabo Delgado).",
        &[],
    );
    assert_eq!(texts(&found), ["Quissanga", "Cabo Delgado"], "{found:?}");
    assert!(found.iter().all(|(_, c, _)| c == "MZ"), "{found:?}");
}

#[test]
fn a_country_that_qualifies_forces_does_not_keep_a_town_out_of_its_sentence() {
    let found = places(
        "An airstrike by US military forces hit a compound in Tarinkot on Friday.",
        &[],
    );
    let town = found.iter().find(|(t, _, _)| t == "Tarinkot");
    assert_eq!(town.map(|(_, c, _)| c.as_str()), Some("AF"), "{found:?}");
}

#[test]
fn a_district_of_two_joined_towns_is_named_by_either() {
    // "Miniyeh-Danniyeh" is a district of North Lebanon.
    let found = places("Drivers blocked the road in Miniyeh on Sunday.", &[]);
    assert_eq!(texts(&found), ["Miniyeh"], "{found:?}");
    assert_eq!(found[0].1, "LB");
}

#[test]
fn the_bare_neighbourhood_word_takes_the_town_itself() {
    let input = ArticleInput {
        text: "In Tonala, Jalisco, a guard was shot in Colonia Qzxwv Lomas.".to_string(),
        ..ArticleInput::default()
    };
    let found = geoparse(&input).places;
    let colonia = found.iter().find(|p| p.text == "Colonia");
    let town = found.iter().find(|p| p.text == "Tonala");
    if let (Some(colonia), Some(town)) = (colonia, town) {
        assert_eq!(colonia.place, town.place, "{found:?}");
    }
    assert!(town.is_some(), "{found:?}");
}

#[test]
fn a_place_in_another_spelling_is_found_when_the_context_calls_it_one() {
    // The gazetteer spells them "Mirpur Khas" and "Qalqilyah".
    let found = places("Residents protested in Mirpurkhas city on Friday.", &[]);
    assert_eq!(texts(&found), ["Mirpurkhas"], "{found:?}");
    assert_eq!(found[0].1, "PK");
    let found = places(
        "Shots were fired near the fence in southern Qalqiliyah.",
        &[],
    );
    assert_eq!(texts(&found), ["Qalqiliyah"], "{found:?}");
    assert_eq!(found[0].1, "PS");
    // Without such context, or as an owner, a word is not respelled into a place.
    let found = places("Mirpurkhas said so. Qalqiliyah's plan was approved.", &[]);
    assert!(texts(&found).is_empty(), "{found:?}");
}

#[test]
fn a_route_named_by_its_ends_names_two_places_near_each_other() {
    let found = places(
        "Rioters blocked the Tripoli-Beirut highway with burning tyres.",
        &[],
    );
    assert_eq!(texts(&found), ["Tripoli", "Beirut"], "{found:?}");
    assert!(found.iter().all(|(_, c, _)| c == "LB"), "{found:?}");
}

#[test]
fn an_english_at_is_no_arabic_article() {
    // "at" is the Arabic article only before a T ("Bir at Tutah"); "at Reasi" is English.
    let found = places("Migrant labourers protested at Reasi city on Monday.", &[]);
    assert_eq!(texts(&found), ["Reasi"], "{found:?}");
    assert_eq!(found[0].1, "IN");
}

#[test]
fn an_unknown_name_ends_before_of() {
    let found = places(
        "Prisoners rioted in the Pademba Road Prison of Freetown city.",
        &[],
    );
    assert_eq!(texts(&found), ["Freetown"], "{found:?}");
}

#[test]
fn a_name_called_a_city_is_the_town() {
    // Gaza is also a province of Mozambique.
    let found = places(
        "Artillery shelled a post in the Shujaayah neighbourhood of Gaza city.",
        &[],
    );
    let gaza = found.iter().find(|(t, _, _)| t == "Gaza");
    assert_eq!(gaza.map(|g| g.1.as_str()), Some("PS"), "{found:?}");
}

#[test]
fn a_name_before_square_or_street_names_no_town() {
    // The Saray square is no town in Azerbaijan, and so no reason to doubt el Hermel.
    let found = places(
        "A march was held in el Hermel from the Martyrs square to the Saray square.",
        &[],
    );
    assert_eq!(texts(&found), ["el Hermel"], "{found:?}");
    assert_eq!(found[0].1, "LB");
    let found = places("Protesters gathered in Armas square on Monday.", &[]);
    assert!(texts(&found).is_empty(), "{found:?}");
}

#[test]
fn regions_under_their_english_names_are_found() {
    // GeoNames knows these regions only under their own languages' names.
    for (text, country) in [
        ("Clashes broke out in Saladin province.", "IQ"),
        ("A convoy was ambushed near Afgooye, Lower Shabelle.", "SO"),
        ("Protesters gathered in Lower Kartli on Sunday.", "GE"),
    ] {
        let found = places(text, &[]);
        assert!(
            found
                .iter()
                .any(|(_, c, p)| c == country && *p == GeoPrecision::Admin1),
            "{text}: {found:?}"
        );
    }
}

#[test]
fn a_container_counts_for_the_likely_reading_of_what_it_holds() {
    // Arkansas' Bella Vista would hold only Florida's Panama City; the capital's own Bella
    // Vista holds the capital.
    let found = places(
        "In Panama City (Bella Vista), inhabitants protested for relief.",
        &[],
    );
    assert_eq!(found[0].0, "Panama City", "{found:?}");
    assert!(found.iter().all(|(_, c, _)| c == "PA"), "{found:?}");
}

/// The first-level region a name resolved in, by its text.
fn admin1_of(text: &str, name: &str) -> Option<String> {
    let input = ArticleInput {
        text: text.to_string(),
        ..ArticleInput::default()
    };
    geoparse(&input)
        .places
        .into_iter()
        .find(|p| p.text == name)
        .and_then(|p| p.place.admin1)
}

#[test]
fn a_datelined_story_names_its_own_states_towns() {
    // Athens, Georgia, not the Greek capital; Springfield, Illinois, not Missouri's larger one.
    let text = "SAVANNAH, Ga. — A woman from Athens was wounded on Friday, deputies said.";
    assert_eq!(admin1_of(text, "Athens").as_deref(), Some("Georgia"));
    let text = "PEORIA, Ill. (AP) — The two men had driven up from Springfield that night.";
    assert_eq!(admin1_of(text, "Springfield").as_deref(), Some("Illinois"));
    let input = ArticleInput {
        text: "SAVANNAH, Ga. — A woman was wounded.".to_string(),
        ..ArticleInput::default()
    };
    let home = geoparse(&input).home.map(|h| (h.name, h.admin1));
    assert_eq!(
        home,
        Some(("Savannah".to_string(), Some("Georgia".to_string())))
    );
}

#[test]
fn a_story_without_a_dateline_has_no_home() {
    let input = ArticleInput {
        text: "A woman from Athens was wounded on Friday, deputies said.".to_string(),
        ..ArticleInput::default()
    };
    assert_eq!(geoparse(&input).home, None);
}

#[test]
fn a_county_named_as_a_county_is_the_county() {
    let found = places(
        "Deputies were called to a farm in Reno County on Sunday night.",
        &[],
    );
    assert_eq!(texts(&found), ["Reno County"], "{found:?}");
    assert_eq!(found[0].1, "US");
    assert_eq!(found[0].2, GeoPrecision::Admin1);
}

/// The first-level region each place of `text` resolves to, by the text that names it.
fn regions(text: &str) -> Vec<(String, Option<String>)> {
    let input = ArticleInput {
        text: text.to_string(),
        ..ArticleInput::default()
    };
    geoparse(&input)
        .places
        .into_iter()
        .map(|p| (p.text, p.place.admin1))
        .collect()
}

#[test]
fn namesake_counties_are_all_reachable_and_the_story_picks_one() {
    let found =
        regions("A woman was wounded in Evanston, and the Cook County medical examiner named her.");
    let county = found.iter().find(|(t, _)| t == "Cook County");
    assert_eq!(
        county.and_then(|(_, r)| r.as_deref()),
        Some("Illinois"),
        "{found:?}"
    );
}

#[test]
fn compass_words_and_sentence_capitals_are_not_places() {
    let found = places(
        "Man held after a man was shot on Northwest 9th Street in Tulsa. Southeast of it, \
         police found a car.",
        &[],
    );
    assert_eq!(texts(&found), ["Tulsa"], "{found:?}");
}

#[test]
fn a_full_name_given_an_age_is_a_person() {
    // Both "Marcus" and "Lyman" are towns: the age says whose name it is, all through the story.
    for text in [
        "Police identified the victim as Marcus Lyman, 19, of Omaha. Lyman died at a hospital.",
        "Police identified the victim as the 19-year-old Marcus Lyman. Lyman died in Omaha.",
        // A given name the gazetteer knows as a small town ends no unknown name.
        "Police in Omaha said Tyrone Madison, 22, was shot. Madison was taken to a hospital.",
    ] {
        let found = places(text, &[]);
        assert_eq!(texts(&found), ["Omaha"], "{found:?}");
    }
}
