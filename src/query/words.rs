//! The words of `text ~ "…"`: a text's searchable words, and whether a text holds every word
//! a query asks for. Query-side only: the store keeps no word index (it cost ten-odd rows per
//! event and halved the ingest rate), so `text ~` is tested on each row another access path
//! yields.

use std::collections::BTreeSet;

/// The searchable words of a text: lower-cased runs of letters and digits, at least three
/// characters long, stop-words removed, each once, sorted. `text ~ "…"` compares these.
pub(crate) fn terms(text: &str) -> Vec<String> {
    let words: BTreeSet<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_lowercase)
        .filter(|w| STOP_WORDS.binary_search(&w.as_str()).is_err())
        .collect();
    words.into_iter().collect()
}

/// Whether `text` holds every searchable word of `query`; a query of stop-words only
/// (no searchable word) falls back to a case-insensitive substring test.
pub(crate) fn words_match(text: &str, query: &str) -> bool {
    terms_match(&terms(text), text, query)
}

/// [`words_match`] of a text whose terms are already known.
pub(crate) fn terms_match(have: &[String], text: &str, query: &str) -> bool {
    let wanted = terms(query);
    if wanted.is_empty() {
        return text.to_lowercase().contains(&query.trim().to_lowercase());
    }
    wanted.iter().all(|w| have.binary_search(w).is_ok())
}

/// Words too common to be worth searching for. Sorted, for binary search.
const STOP_WORDS: &[&str] = &[
    "about", "after", "again", "against", "all", "also", "among", "and", "another", "any", "are",
    "around", "because", "been", "before", "being", "between", "both", "but", "can", "could",
    "did", "does", "during", "each", "for", "from", "had", "has", "have", "her", "here", "him",
    "his", "how", "into", "its", "just", "last", "many", "more", "most", "not", "now", "one",
    "only", "other", "our", "out", "over", "said", "same", "say", "says", "she", "should", "since",
    "some", "such", "than", "that", "the", "their", "them", "then", "there", "these", "they",
    "this", "those", "through", "told", "under", "until", "very", "was", "were", "what", "when",
    "where", "which", "while", "who", "whom", "why", "will", "with", "within", "would", "yet",
    "you", "your",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn terms_are_few_and_lower_case() {
        assert_eq!(
            terms("The Islamic State attacked the Iraqi army, the ARMY said; 6 killed."),
            ["army", "attacked", "iraqi", "islamic", "killed", "state"]
        );
        assert!(terms("").is_empty());
    }

    #[test]
    fn every_word_must_be_there_and_stop_words_fall_back_to_a_substring() {
        let text = "Militants attacked the convoy near Makhmur.";
        assert!(words_match(text, "CONVOY attacked"));
        assert!(!words_match(text, "convoy ambushed"));
        assert!(words_match(text, "the"));
        assert!(!words_match(text, "was"));
    }
}
