//! Datelines: "GAINESVILLE, Fla. -", "MIAMI (WSVN) --", "SPRINGFIELD, Ill. (AP) —". A story
//! that opens with its town in capitals and a dash is told from that town: the dateline's place
//! is the story's home, and a name the story gives without context means the namesake near home
//! (Springfield in an Illinois story, Athens in a Georgia story) before a bigger one elsewhere.

use super::toponym::Toponym;
use crate::gazetteer::Candidate;
use crate::model::{Country, GeoPrecision, Span};

/// The longest dateline read, in bytes: a town, its state, an agency or a station's call sign.
const MAX_DATELINE: usize = 80;

/// The fewest letters of the town in capitals: "GA" alone is no town's dateline.
const MIN_TOWN_LETTERS: usize = 3;

/// The dashes that close a dateline, with the spaces around them.
const DASHES: [&str; 6] = [" — ", " – ", " -- ", " - ", " —", " --"];

/// How many of the story's first lines may open with its dateline: a local page puts its
/// headline, and at times a standfirst, above it ("Man shot on porch\n\nST. LOUIS, Mo. –").
const DATELINE_LINES: usize = 3;

/// How far into the text a dateline may open, in bytes.
const DATELINE_REACH: usize = 600;

/// The most words of a dateline's town below the first line: more is a headline in capitals
/// ("MAN SHOT IN TAUNTON - ...").
const MAX_TOWN_WORDS: usize = 3;

/// Where the dateline of `text` ends (the byte before its dash), if the text opens with one: a
/// town in capitals, then at most a region, a parenthesised agency or call sign, then a dash,
/// all on the first line.
pub fn dateline_end(text: &str) -> Option<usize> {
    line_dateline(text.lines().next()?)
}

/// The span of the story's dateline (from its town to the byte before its dash): the first
/// line's ([`dateline_end`]), else one opening one of the next lines near the top, where a
/// town in capitals of at most [`MAX_TOWN_WORDS`] words is followed by its region or its
/// station (a comma or a parenthesis), as a dateline below a headline always is.
pub fn dateline(text: &str) -> Option<Span> {
    let mut from = 0;
    for (n, line) in text.split('\n').enumerate() {
        let start = from;
        from += line.len() + 1;
        if start > DATELINE_REACH {
            return None;
        }
        let indent = line.len() - line.trim_start().len();
        if line.trim().is_empty() {
            continue;
        }
        let found = line_dateline(line).filter(|_| {
            let opening = line.trim_start();
            let town = opening.split([',', '(']).next().unwrap_or("");
            n == 0
                || (town.len() < opening.len() && town.split_whitespace().count() <= MAX_TOWN_WORDS)
        });
        if let Some(end) = found {
            return Some(Span::new(start + indent, start + end));
        }
        if n + 1 >= DATELINE_LINES {
            return None;
        }
    }
    None
}

/// Where the dateline opening `line` ends, if it opens with one.
fn line_dateline(line: &str) -> Option<usize> {
    let head = line.get(..line.len().min(MAX_DATELINE + 4)).unwrap_or(line);
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
    let Span { start, end } = dateline(text)?;
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
    fn a_dateline_may_open_a_line_below_the_headline() {
        let text = "Two hurt in a shooting\n\nDOVER, Del. - Two men were shot.";
        let start = text.find("DOVER").unwrap_or(0);
        assert_eq!(
            dateline(text),
            Some(Span::new(start, start + "DOVER, Del.".len()))
        );
        // Below the first line, a town in capitals needs its region or station after it.
        assert_eq!(
            dateline("Storm news\nMAN SHOT IN PARK - police said."),
            None
        );
        assert_eq!(dateline("Storm news\nDOVER - police said."), None);
        // Too far down is the body, not a dateline.
        let deep = format!("{}\nDOVER, Del. - Two men were shot.", "word ".repeat(150));
        assert_eq!(dateline(&deep), None);
    }

    #[test]
    fn ordinary_openings_are_no_datelines() {
        assert_eq!(dateline_end("Police in Salem said - nothing."), None);
        assert_eq!(dateline_end("A man - hurt."), None);
        assert_eq!(dateline_end("US - China talks resumed."), None);
        assert_eq!(dateline_end("SALEM, Ore.\n- A man was hurt."), None);
    }
}
