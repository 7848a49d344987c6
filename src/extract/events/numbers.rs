//! Numbers as news writes them: digits ("31", "1,200"), words ("six", "twenty-five",
//! "a dozen": `rules/text/numbers.tsv`, `rules/events/amounts.tsv`), and vague amounts
//! ("dozens", "several") as ranges.

use crate::extract::rules::EventRules;
use crate::model::Count;

/// Reads the count a token (or a hyphenated pair of number words) stands for; `None` when it is
/// not a number. Lower-case input.
pub fn count_word(word: &str, rules: &EventRules) -> Option<Count> {
    if let Some(n) = digits(word) {
        return Some(Count::exact(n));
    }
    if let Some(n) = rules.exact_number(word) {
        return Some(Count::exact(n));
    }
    if let Some((tens, ones)) = word.split_once('-') {
        let (tens, ones) = (rules.exact_number(tens)?, rules.exact_number(ones)?);
        // "twenty-five": a multiple of ten from twenty, and a digit.
        if tens >= 20 && tens % 10 == 0 && (1..10).contains(&ones) {
            return Some(Count::exact(tens + ones));
        }
        return None;
    }
    rules.vague_amount(word)
}

/// "31", "1,200", "1.200" (European grouping) — but not "3.5", "2020s", "PD3".
fn digits(word: &str) -> Option<u32> {
    if word.is_empty() || !word.bytes().next().is_some_and(|b| b.is_ascii_digit()) {
        return None;
    }
    let grouped = word.contains([',', '.']);
    if grouped {
        let groups: Vec<&str> = word.split([',', '.']).collect();
        let well_formed = groups.first().is_some_and(|g| (1..=3).contains(&g.len()))
            && groups.iter().skip(1).all(|g| g.len() == 3);
        if !well_formed || !groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit())) {
            return None;
        }
        return groups.concat().parse().ok();
    }
    if !word.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    word.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_words_and_vague_amounts() {
        let rules = &crate::extract::rules::Rules::embedded().events;
        let count_word = |w: &str| count_word(w, rules);
        assert_eq!(count_word("31"), Some(Count::exact(31)));
        assert_eq!(count_word("1,200"), Some(Count::exact(1200)));
        assert_eq!(count_word("six"), Some(Count::exact(6)));
        assert_eq!(count_word("twenty-five"), Some(Count::exact(25)));
        assert_eq!(
            count_word("dozens").map(|c| (c.low, c.high)),
            Some((24, 99))
        );
        for not_a_number in ["pd3", "3.5", "2020s", "", "one-two", "x", "99999999999"] {
            assert_eq!(count_word(not_a_number), None, "{not_a_number}");
        }
    }
}
