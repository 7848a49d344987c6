//! Phrase tables: token sequences looked up by their first word, for the rule book's tables of
//! cues, named groups and generic mentions. Knows nothing of what the phrases mean.

use crate::extract::events::tokens::Token;
use crate::extract::shapes::ShapeFilter;
use crate::gazetteer::fast_hash::FastMap;

/// The entries that start with one word: the rest of each one's words and its value, longest
/// first.
type Entries<T> = Vec<(Box<[Box<str>]>, T)>;

/// A table of token sequences looked up by their first word, so matching at a token costs one
/// hash lookup rather than a scan of the table. Built once, when the rules are read.
#[derive(Clone, Debug)]
pub struct PhraseIndex<T> {
    by_first: FastMap<Box<str>, Entries<T>>,
    /// The shapes of the first words: nearly every token matches nothing, and this turns
    /// almost all of them away before any hashing.
    first_shapes: ShapeFilter,
}

impl<T> Default for PhraseIndex<T> {
    fn default() -> Self {
        PhraseIndex {
            by_first: FastMap::default(),
            first_shapes: ShapeFilter::default(),
        }
    }
}

impl<T> PhraseIndex<T> {
    /// Indexes `entries` (each a phrase's words and its value); when two share a first word, the
    /// longer is tried first, and of two alike the first stays first.
    pub fn new(entries: impl IntoIterator<Item = (Vec<String>, T)>) -> PhraseIndex<T> {
        let mut by_first: FastMap<Box<str>, Entries<T>> = FastMap::default();
        for (words, value) in entries {
            if let Some(first) = words.first() {
                let words: Box<[Box<str>]> = words.iter().map(|w| w.as_str().into()).collect();
                by_first
                    .entry(first.as_str().into())
                    .or_default()
                    .push((words, value));
            }
        }
        for list in by_first.values_mut() {
            list.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
        }
        let first_shapes = by_first.keys().map(|k| &**k).collect();
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
    pub fn longest_at(&self, tokens: &[Token]) -> Option<(usize, &T)> {
        let first = tokens.first()?.lower.as_str();
        if !self.may_start(first) {
            return None;
        }
        self.by_first.get(first)?.iter().find_map(|(words, value)| {
            let matches = words.len() <= tokens.len()
                && words
                    .iter()
                    .zip(tokens)
                    .all(|(w, t)| **w == *t.lower.as_str());
            matches.then_some((words.len(), value))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::events::tokens::tokenize;
    use crate::model::Span;

    #[test]
    fn the_longest_entry_wins_and_others_are_turned_away() {
        let phrase = |p: &str| p.split(' ').map(str::to_string).collect::<Vec<_>>();
        let index = PhraseIndex::new([
            (phrase("car bomb"), 1),
            (phrase("car bomb attack"), 2),
            (phrase("ambush"), 3),
        ]);
        let at = |text: &str| {
            index
                .longest_at(&tokenize(text, Span::new(0, text.len())))
                .map(|(n, v)| (n, *v))
        };
        assert_eq!(at("car bomb attack today"), Some((3, 2)));
        assert_eq!(at("Car bomb"), Some((2, 1)));
        assert_eq!(at("ambush"), Some((1, 3)));
        // Same first byte and length as an entry, or neither: no match either way.
        for miss in ["cat bomb", "carbomb", "bomb car", "ambushed", ""] {
            assert_eq!(at(miss), None, "{miss}");
        }
    }
}
