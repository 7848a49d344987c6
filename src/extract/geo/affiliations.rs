//! Names that tie a story to one country without naming a place: armed groups, forces and
//! missions that act in one country only ("LNA forces", "the Houthis", "the OSCE SMM"). An
//! event-data coder reads "GNA forces repelled an attack by LNA forces in Wadi al-Rabi" as Libya
//! though no place the gazetteer knows is named; so does this module. Such a name leans the
//! resolution of the story's places towards its country ("pro-Houthi forces ... Al Jawf" is
//! Yemen's Al Jawf, not Saudi Arabia's), and a story that names no place at all is about it.
//!
//! The names are the rule book's (`rules/actors.tsv`, those with a country; `theatres.tsv`).
//! Only organisations whose fighting or work stays in one country are given one: Islamic State,
//! Al Qaeda, Hezbollah, the PKK or Wagner tie a story to none.

use crate::extract::rules::GeoRules;
use crate::extract::rules::geo::Theatre;
use crate::model::{Country, Span};

/// What the organisations a story names tie it to.
#[derive(Debug, Default, PartialEq)]
pub struct Affiliations<'r> {
    /// Their countries, in order of first mention, each once.
    pub countries: Vec<Country>,
    /// The theatres of those that work in a part of their country, each once.
    pub theatres: Vec<&'r Theatre>,
}

/// The countries and theatres the story's words tie it to through the organisations it names.
pub fn affiliations<'r>(words: &[(Span, &str)], rules: &'r GeoRules) -> Affiliations<'r> {
    let mut found = Affiliations::default();
    for (i, &(_, word)) in words.iter().enumerate() {
        let Some(names) = rules.affiliations_from(word) else {
            continue;
        };
        let next = words.get(i + 1..).unwrap_or_default();
        for (rest, country, theatre) in names {
            let matches = rest.len() <= next.len()
                && rest
                    .iter()
                    .zip(next)
                    .all(|(want, (_, got))| **want == **got);
            if !matches {
                continue;
            }
            if !found.countries.contains(country) {
                found.countries.push(*country);
            }
            if let Some(theatre) = theatre.and_then(|t| rules.theatre(t))
                && !found.theatres.contains(&theatre)
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
    use crate::extract::rules::Rules;

    fn countries(text: &str) -> Vec<String> {
        affiliations(
            &crate::extract::text::word_list(text),
            &Rules::embedded().geo,
        )
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
        let rules = &Rules::embedded().geo;
        let found = affiliations(
            &crate::extract::text::word_list("The OSCE SMM observed 12 explosions near a village."),
            rules,
        );
        let names: Vec<&str> = found.theatres.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["Donbas"]);
        let found = affiliations(
            &crate::extract::text::word_list("LNA forces shelled a farm."),
            rules,
        );
        assert!(found.theatres.is_empty());
    }
}
