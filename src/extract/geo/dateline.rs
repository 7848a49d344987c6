//! Datelines: "GAINESVILLE, Fla. -", "MIAMI (WSVN) --", "SPRINGFIELD, Ill. (AP) —". A story
//! that opens with its town in capitals and a dash is told from that town: the dateline's place
//! is the story's home, and a name the story gives without context means the namesake near home
//! (Springfield in an Illinois story, Athens in a Georgia story) before a bigger one elsewhere.

use super::toponym::Toponym;
use crate::gazetteer::Candidate;
use crate::model::{Country, GeoPrecision};

/// The longest dateline read, in bytes: a town, its state, an agency or a station's call sign.
const MAX_DATELINE: usize = 80;

/// The fewest letters of the town in capitals: "GA" alone is no town's dateline.
const MIN_TOWN_LETTERS: usize = 3;

/// The dashes that close a dateline, with the spaces around them.
const DASHES: [&str; 6] = [" — ", " – ", " -- ", " - ", " —", " --"];

/// Where the dateline of `text` ends (the byte before its dash), if the text opens with one: a
/// town in capitals, then at most a region, a parenthesised agency or call sign, then a dash,
/// all on the first line.
pub fn dateline_end(text: &str) -> Option<usize> {
    let head = text.get(..text.len().min(MAX_DATELINE + 4))?;
    let head = head.lines().next()?;
    let end = DASHES
        .iter()
        .filter_map(|d| head.find(d))
        .min()
        .filter(|&e| e <= MAX_DATELINE)?;
    let opening = head.get(..end)?.trim_start();
    // The town: the words before the comma or the parenthesis, in capitals.
    let town = opening.split([',', '(']).next().unwrap_or("").trim_end();
    let letters = town.chars().filter(|c| c.is_alphabetic()).count();
    let capitals = town
        .chars()
        .all(|c| !c.is_lowercase() && (c.is_alphabetic() || " .'-".contains(c)));
    (letters >= MIN_TOWN_LETTERS && capitals).then_some(end)
}

/// The story's home: the place its dateline names, in the region the dateline gives it
/// ("GAINESVILLE, Fla.": Gainesville in Florida), else its likeliest reading by prior (and
/// the article header's countries). A dateline naming a country or a wider region gives no
/// home: such a story is told from abroad.
pub fn home(text: &str, toponyms: &[Toponym], header: &[Country]) -> Option<Candidate> {
    let end = dateline_end(text)?;
    let start = text.len() - text.trim_start().len();
    let town = toponyms.iter().find(|t| t.span.start == start)?;
    let prior = |c: &Candidate| {
        c.prior()
            + if c.place.country.is_some_and(|k| header.contains(&k)) {
                HEADER_SHARE
            } else {
                0.0
            }
    };
    // The region the dateline names after the town.
    let region = toponyms
        .iter()
        .filter(|t| t.span.start > town.span.start && t.span.end <= end)
        .flat_map(|t| t.candidates.iter())
        .filter(|c| c.place.precision == GeoPrecision::Admin1 && c.place.admin1.is_some())
        .max_by(|a, b| prior(a).total_cmp(&prior(b)));
    let best = match region {
        Some(region) => town
            .candidates
            .iter()
            .filter(|c| {
                c.place.country == region.place.country && c.place.admin1 == region.place.admin1
            })
            .max_by(|a, b| prior(a).total_cmp(&prior(b)))
            .unwrap_or(region),
        None => town
            .candidates
            .iter()
            .max_by(|a, b| prior(a).total_cmp(&prior(b)))?,
    };
    matches!(
        best.place.precision,
        GeoPrecision::City | GeoPrecision::Point | GeoPrecision::Admin1
    )
    .then(|| best.clone())
}

/// How much a header country counts when reading the dateline's town alone: as much as a
/// header counts anywhere.
const HEADER_SHARE: f64 = 14.0;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines_are_found() {
        assert_eq!(
            dateline_end("SALEM, Ore. - A man was hurt."),
            Some("SALEM, Ore.".len())
        );
        assert_eq!(
            dateline_end("TULSA (KTUL) -- Two people were shot."),
            Some("TULSA (KTUL)".len())
        );
        assert_eq!(
            dateline_end("OCALA, Fla. (AP) — Deputies said."),
            Some("OCALA, Fla. (AP)".len())
        );
        assert_eq!(
            dateline_end("  NEW HAVEN, Conn. — Police said."),
            Some("  NEW HAVEN, Conn.".len())
        );
    }

    #[test]
    fn ordinary_openings_are_no_datelines() {
        assert_eq!(dateline_end("Police in Salem said - nothing."), None);
        assert_eq!(dateline_end("A man - hurt."), None);
        assert_eq!(dateline_end("US - China talks resumed."), None);
        assert_eq!(dateline_end("SALEM, Ore.\n- A man was hurt."), None);
    }
}
