//! A small bit filter of words' shapes (length, first, second and last bytes), so a lexicon
//! lookup (events) or a question about a story's words (geo) turns away nearly every ordinary
//! word before hashing it. It only ever
//! answers "surely absent" or "maybe present": it never decides what a word means.

/// The size of the filter, in 64-bit words.
const WORDS: usize = 16;

/// The shapes of a set of words, one bit each.
#[derive(Clone, Debug, Default)]
pub struct ShapeFilter {
    bits: [u64; WORDS],
}

/// A word's bit: from its length and its first, second and last bytes.
fn shape_bit(word: &str) -> usize {
    let bytes = word.as_bytes();
    let byte = |i: usize| usize::from(bytes.get(i).copied().unwrap_or(0));
    let last = byte(bytes.len().saturating_sub(1));
    (byte(0) * 31 + byte(1) * 7 + last * 17 + bytes.len() * 131) % (WORDS * 64)
}

impl ShapeFilter {
    /// Remembers the shape of `word`.
    pub fn insert(&mut self, word: &str) {
        let bit = shape_bit(word);
        if let Some(slot) = self.bits.get_mut(bit / 64) {
            *slot |= 1 << (bit % 64);
        }
    }

    /// Whether a word of `word`'s shape was inserted: false means `word` surely was not.
    #[inline]
    pub fn may_contain(&self, word: &str) -> bool {
        let bit = shape_bit(word);
        self.bits
            .get(bit / 64)
            .is_some_and(|slot| slot & (1 << (bit % 64)) != 0)
    }
}

impl<'a> FromIterator<&'a str> for ShapeFilter {
    fn from_iter<I: IntoIterator<Item = &'a str>>(words: I) -> ShapeFilter {
        let mut filter = ShapeFilter::default();
        for word in words {
            filter.insert(word);
        }
        filter
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inserted_words_pass_and_most_others_do_not() {
        let filter: ShapeFilter = ["killed", "bomb", "al-shabaab"].into_iter().collect();
        assert!(filter.may_contain("killed") && filter.may_contain("bomb"));
        assert!(filter.may_contain("al-shabaab"));
        let others = [
            "the", "a", "of", "said", "on", "in", "and", "police", "to", "was",
        ];
        assert!(others.iter().filter(|w| filter.may_contain(w)).count() <= 1);
    }
}
