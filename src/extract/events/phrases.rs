//! Phrase tables: token sequences looked up by their first word, for the lexicons of cues,
//! named groups and generic mentions. Knows nothing of what the phrases mean.

use crate::extract::shapes::ShapeFilter;
use crate::gazetteer::fast_hash::FastMap;

/// A table of token sequences looked up by their first word, so matching at a token costs one
/// hash lookup rather than a scan of the table. Built once, on first use.
pub struct PhraseIndex<T: 'static> {
    by_first: FastMap<&'static str, Vec<(&'static [&'static str], T)>>,
    /// The shapes of the first words: nearly every token matches nothing, and this turns
    /// almost all of them away before any hashing.
    first_shapes: ShapeFilter,
}

impl<T: Copy> PhraseIndex<T> {
    /// Indexes `entries`; when two share a first word, the longer is tried first.
    pub fn new(entries: &'static [(&'static [&'static str], T)]) -> PhraseIndex<T> {
        let mut by_first: FastMap<&'static str, Vec<(&'static [&'static str], T)>> =
            FastMap::default();
        for &(words, value) in entries {
            if let Some(first) = words.first() {
                by_first.entry(first).or_default().push((words, value));
            }
        }
        for list in by_first.values_mut() {
            list.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
        }
        let first_shapes = by_first.keys().copied().collect();
        PhraseIndex {
            by_first,
            first_shapes,
        }
    }

    /// Whether some entry may start with `word`: false means none does.
    #[inline]
    pub fn may_start(&self, word: &str) -> bool {
        self.first_shapes.may_contain(word)
    }

    /// The longest entry that the tokens start with: its length in tokens and its value.
    pub fn longest_at(&self, tokens: &[super::tokens::Token]) -> Option<(usize, T)> {
        let first = tokens.first()?.lower.as_str();
        if !self.may_start(first) {
            return None;
        }
        self.by_first.get(first)?.iter().find_map(|(words, value)| {
            let matches = words.len() <= tokens.len()
                && words
                    .iter()
                    .zip(tokens)
                    .all(|(w, t)| *w == t.lower.as_str());
            matches.then_some((words.len(), *value))
        })
    }
}
