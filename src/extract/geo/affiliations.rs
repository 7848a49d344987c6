//! Names that tie a story to one country without naming a place: armed groups, forces and
//! missions that act in one country only ("LNA forces", "the Houthis", "the OSCE SMM"). An
//! event-data coder reads "GNA forces repelled an attack by LNA forces in Wadi al-Rabi" as Libya
//! though no place the gazetteer knows is named; so does this module. Such a name leans the
//! resolution of the story's places towards its country ("pro-Houthi forces ... Al Jawf" is
//! Yemen's Al Jawf, not Saudi Arabia's), and a story that names no place at all is about it.
//!
//! Only organisations whose fighting or work stays in one country are listed: Islamic State,
//! Al Qaeda, Hezbollah, the PKK or Wagner tie a story to none.

use crate::extract::shapes::ShapeFilter;
use crate::gazetteer::fast_hash::FastMap;
use crate::model::{Country, GeoPrecision, Place, Span};

/// Each name as written (words separated by single spaces, case as in news), and the ISO code
/// of the country it ties a story to.
#[rustfmt::skip]
const AFFILIATIONS: &[(&str, &str)] = &[
    // Libya
    ("LNA", "LY"), ("Libyan National Army", "LY"), ("GNA", "LY"),
    ("Government of National Accord", "LY"), ("Haftar", "LY"),
    // Yemen
    ("Houthi", "YE"), ("Houthis", "YE"), ("pro-Houthi", "YE"), ("Ansar Allah", "YE"),
    ("pro-Hadi", "YE"), ("STC", "YE"), ("Southern Transitional Council", "YE"),
    // Syria
    ("HTS", "SY"), ("Hayat Tahrir al-Sham", "SY"), ("SDF", "SY"), ("YPG", "SY"),
    ("Syrian Democratic Forces", "SY"), ("Syrian National Army", "SY"), ("Free Syrian Army", "SY"),
    // Iraq
    ("PMF", "IQ"), ("Popular Mobilization Forces", "IQ"), ("Hashd al-Shaabi", "IQ"),
    ("Peshmerga", "IQ"),
    // Afghanistan, Pakistan
    ("Taliban", "AF"), ("TTP", "PK"), ("Tehreek-e-Taliban Pakistan", "PK"), ("PTM", "PK"),
    ("Pashtun Tahafuz Movement", "PK"),
    // Somalia
    ("Al Shabaab", "SO"), ("al-Shabaab", "SO"), ("Al-Shabaab", "SO"), ("al Shabaab", "SO"),
    ("AMISOM", "SO"),
    // Nigeria
    ("Boko Haram", "NG"), ("ISWAP", "NG"),
    // Mali
    ("Dan Na Ambassagou", "ML"), ("MINUSMA", "ML"), ("FAMa", "ML"),
    // Democratic Republic of the Congo
    ("FARDC", "CD"), ("ADF", "CD"), ("CODECO", "CD"), ("M23", "CD"), ("MONUSCO", "CD"),
    // Central African Republic
    ("Anti-Balaka", "CF"), ("Ex-Seleka", "CF"), ("FPRC", "CF"), ("MINUSCA", "CF"),
    // Sudan, South Sudan, Ethiopia
    ("RSF", "SD"), ("Rapid Support Forces", "SD"), ("Janjaweed", "SD"), ("SPLA-IO", "SS"),
    ("TPLF", "ET"),
    // Myanmar, the Philippines, Colombia
    ("Arakan Army", "MM"), ("Tatmadaw", "MM"), ("NPA", "PH"), ("New People's Army", "PH"),
    ("MILF", "PH"), ("Abu Sayyaf", "PH"), ("FARC", "CO"), ("ELN", "CO"),
    // Ukraine: the OSCE's Special Monitoring Mission to Ukraine and the forces it watches
    ("OSCE SMM", "UA"), ("Special Monitoring Mission to Ukraine", "UA"),
    // Madagascar's cattle raiders
    ("dahalo", "MG"),
];

/// Where a group or mission acts, when that is a part of its country: the point that stands
/// for the area, which reaches [`super::resolve::THEATRE_KM`] around it.
#[derive(Debug, PartialEq)]
pub struct Theatre {
    /// The area's name.
    pub name: &'static str,
    /// Its country's ISO code.
    pub country: &'static str,
    /// Its centre's latitude.
    pub lat: f64,
    /// Its centre's longitude.
    pub lon: f64,
}

impl Theatre {
    /// The area as a place: its centre, as precise as a region.
    pub fn place(&self) -> Option<Place> {
        Some(Place {
            name: self.name.to_string(),
            geonameid: None,
            country: Some(Country::from_code(self.country)?),
            admin1: None,
            lat: self.lat,
            lon: self.lon,
            precision: GeoPrecision::Admin1,
        })
    }
}

/// Donbas: the Donetsk and Luhansk oblasts, whose contact line the OSCE Special Monitoring
/// Mission's reports of ceasefire violations are about; centred between Donetsk and Luhansk.
const DONBAS: Theatre = Theatre {
    name: "Donbas",
    country: "UA",
    lat: 48.3,
    lon: 38.5,
};

/// The names whose work lies in one theatre.
const THEATRES: &[(&str, &Theatre)] = &[
    ("OSCE SMM", &DONBAS),
    ("Special Monitoring Mission to Ukraine", &DONBAS),
];

/// The longest name, in words.
const MAX_WORDS: usize = 5;

/// The names by first word: each first word with the rest of its names' words, their
/// countries and theatres.
type Index = FastMap<&'static str, Vec<(Vec<&'static str>, Country, Option<&'static Theatre>)>>;

/// The index, with the shapes of its first words: nearly every word of a story is turned away
/// by its shape before it is hashed.
fn index() -> &'static (Index, ShapeFilter) {
    static INDEX: std::sync::OnceLock<(Index, ShapeFilter)> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index: Index = FastMap::default();
        for &(name, code) in AFFILIATIONS {
            let Some(country) = Country::from_code(code) else {
                continue;
            };
            let mut words = name.split(' ');
            let Some(first) = words.next() else { continue };
            let theatre = THEATRES.iter().find(|(n, _)| *n == name).map(|&(_, t)| t);
            index
                .entry(first)
                .or_default()
                .push((words.collect(), country, theatre));
        }
        let shapes = index.keys().copied().collect();
        (index, shapes)
    })
}

/// What the organisations a story names tie it to.
#[derive(Debug, Default, PartialEq)]
pub struct Affiliations {
    /// Their countries, in order of first mention, each once.
    pub countries: Vec<Country>,
    /// The theatres of those that work in a part of their country, each once.
    pub theatres: Vec<&'static Theatre>,
}

/// The countries and theatres the story's words tie it to through the organisations it names.
pub fn affiliations(words: &[(Span, &str)]) -> Affiliations {
    let (index, shapes) = index();
    let mut found = Affiliations::default();
    for (i, &(_, word)) in words.iter().enumerate() {
        if !shapes.may_contain(word) {
            continue;
        }
        let Some(names) = index.get(word) else {
            continue;
        };
        let next = words.get(i + 1..).unwrap_or_default();
        for (rest, country, theatre) in names {
            debug_assert!(rest.len() < MAX_WORDS);
            let matches = rest.len() <= next.len()
                && rest.iter().zip(next).all(|(want, (_, got))| want == got);
            if !matches {
                continue;
            }
            if !found.countries.contains(country) {
                found.countries.push(*country);
            }
            if let Some(theatre) = theatre
                && !found.theatres.contains(theatre)
            {
                found.theatres.push(theatre);
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn countries(text: &str) -> Vec<String> {
        affiliations(&crate::extract::text::word_list(text))
            .countries
            .iter()
            .map(|c| c.code().to_string())
            .collect()
    }

    #[test]
    fn groups_tie_a_story_to_their_country() {
        assert_eq!(
            countries("GNA forces repelled an attack by LNA forces in Wadi al-Rabi."),
            ["LY"]
        );
        assert_eq!(
            countries("The OSCE SMM observed 12 explosions near a village."),
            ["UA"]
        );
        assert_eq!(
            countries("pro-Houthi forces ambushed a convoy; Al Shabaab claimed a raid."),
            ["YE", "SO"]
        );
    }

    #[test]
    fn a_name_needs_all_its_words_and_its_case() {
        assert!(countries("The OSCE said so; the lna is no group.").is_empty());
        assert!(countries("Islamic State and Hezbollah fighters").is_empty());
    }

    #[test]
    fn a_mission_of_one_area_names_its_theatre() {
        let found = affiliations(&crate::extract::text::word_list(
            "The OSCE SMM observed 12 explosions near a village.",
        ));
        assert_eq!(found.theatres, [&DONBAS]);
        let found = affiliations(&crate::extract::text::word_list(
            "LNA forces shelled a farm.",
        ));
        assert!(found.theatres.is_empty());
    }

    #[test]
    fn every_code_is_a_country() {
        for (name, theatre) in THEATRES {
            assert!(
                AFFILIATIONS
                    .iter()
                    .any(|(n, c)| n == name && *c == theatre.country)
            );
        }
        for (name, code) in AFFILIATIONS {
            assert!(Country::from_code(code).is_some(), "{name}: {code}");
            assert!(name.split(' ').count() <= MAX_WORDS, "{name}");
        }
    }
}
