//! Containers: which recognised places a text names as holding another, and the other end of
//! a route named by its two ends ("the Tripoli-Beirut highway"). "Oxford, North
//! Carolina", "Abu Salim (Tripoli)", "(Bosso, Diffa)", "the town of Bara in Idleb", "Hays
//! district (Al Hudaydah)", "Beirut's Hamra district". Reads only the text between two
//! toponyms; knows nothing of what they mean (that is [`super::resolve`]).

use super::toponym::Toponym;
use super::words::GeoRole;
use crate::extract::rules::GeoRules;

/// The widest gap, in bytes, between a place and its container.
const MAX_GAP: usize = 48;

/// Fills each toponym's `containers`.
pub fn link(text: &str, toponyms: &mut [Toponym], rules: &GeoRules) {
    let spans: Vec<_> = toponyms.iter().map(|t| t.span).collect();
    let keys: Vec<String> = toponyms.iter().map(|t| t.key.clone()).collect();
    for (i, t) in toponyms.iter_mut().enumerate() {
        // "the Tripoli-Beirut highway": the route's other end.
        if let Some(next) = spans.get(i + 1)
            && text.get(t.span.end..next.start) == Some("-")
        {
            t.partner = Some(*next);
        }
        // Names that follow it: "X, Y", "X (Y)", "X in Y", "X district (Y, Z)".
        let mut open_paren = false;
        for (j, next) in spans.iter().enumerate().skip(i + 1) {
            let Some(gap) = text.get(t.span.end.max(spans_end(&spans, i, next.start))..next.start)
            else {
                break;
            };
            if gap.len() > MAX_GAP || !gap_joins(gap, &mut open_paren, rules) {
                break;
            }
            if keys.get(j) == Some(&t.key) {
                t.twin = true;
            } else {
                t.containers.push(*next);
            }
            // Past the first container only a list inside the same brackets goes on:
            // "(Bosso, Diffa)".
            if !open_paren {
                break;
            }
        }
        // "Y's X": the name before it, with a possessive.
        if let Some(prev) = i.checked_sub(1).and_then(|p| spans.get(p))
            && let Some(gap) = text.get(prev.end..t.span.start)
            && matches!(gap, "'s " | "’s ")
        {
            t.containers.push(*prev);
        }
    }
}

/// Where the text between toponym `i` and a later one starting at `start` begins: the end of
/// the last toponym before `start`.
fn spans_end(spans: &[crate::model::Span], i: usize, start: usize) -> usize {
    spans
        .iter()
        .skip(i)
        .filter(|s| s.end <= start)
        .map(|s| s.end)
        .max()
        .unwrap_or(0)
}

/// Whether the words between two places make the second the first's container; tracks an
/// open bracket.
fn gap_joins(gap: &str, open_paren: &mut bool, rules: &GeoRules) -> bool {
    if gap.contains(['.', ';', ':', '\n', ')', '!', '?']) {
        return false;
    }
    if gap.contains('(') {
        *open_paren = true;
    }
    let words: Vec<String> = gap
        .split(|c: char| c.is_whitespace() || c == ',' || c == '(')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let has_comma_or_paren = gap.contains([',', '(']);
    let has_in_or_of = words
        .iter()
        .any(|w| rules.is(GeoRole::ContainerPreposition, w));
    // A bare space is two names side by side, not a container; so is "X and Y".
    (has_comma_or_paren || has_in_or_of) && words.iter().all(|w| rules.is(GeoRole::GapWord, w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaps_that_name_a_container() {
        let rules = &crate::extract::rules::Rules::embedded().geo;
        for gap in [
            ", ",
            " (",
            " district (",
            " in ",
            " in the ",
            " village, ",
            " of the ",
        ] {
            assert!(gap_joins(gap, &mut false, rules), "{gap:?}");
        }
        for gap in [" and ", " ", ". ", ") and ", " near ", " to "] {
            assert!(!gap_joins(gap, &mut false, rules), "{gap:?}");
        }
    }
}
