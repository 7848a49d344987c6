//! The compiled forms the sections keep their words in: [`WordSet`] (membership, as fast as the
//! lists it replaced), [`Roles`] (one set per role of a words-by-role table), and `table_enum!`,
//! which declares a fieldless enum whose variants a table names in snake case.

use crate::extract::shapes::ShapeFilter;
use crate::gazetteer::fast_hash::FastSet;

/// Declares a fieldless enum whose variants the rule book names in snake case (`AttackVerb` is
/// `attack_verb`), with `ALL`, `table_name`, `from_table_name` and `table_names`.
macro_rules! table_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant ),*
        }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The name the rule book gives it: the variant's name in snake case.
            pub fn table_name(self) -> String {
                let camel = match self { $( $name::$variant => stringify!($variant), )* };
                $crate::extract::rules::words::snake_case(camel)
            }

            /// The variant a table names, if any.
            pub fn from_table_name(name: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|v| {
                    let camel = match v { $( $name::$variant => stringify!($variant), )* };
                    $crate::extract::rules::words::snake_case_is(camel, name)
                })
            }

            /// Every variant's table name, comma-separated, for messages.
            pub fn table_names() -> String {
                Self::ALL
                    .iter()
                    .map(|v| v.table_name())
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        }

        impl From<$name> for usize {
            fn from(value: $name) -> usize {
                value as usize
            }
        }
    };
}
pub(crate) use table_enum;

/// `AttackVerb` as `attack_verb`.
pub fn snake_case(camel: &str) -> String {
    let mut out = String::with_capacity(camel.len() + 4);
    for (i, c) in camel.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether `snake` is `camel` in snake case (`attack_verb` for `AttackVerb`), without writing it.
pub fn snake_case_is(camel: &str, snake: &str) -> bool {
    let mut expected = snake.bytes();
    for (i, c) in camel.bytes().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 && expected.next() != Some(b'_') {
                return false;
            }
            if expected.next() != Some(c.to_ascii_lowercase()) {
                return false;
            }
        } else if expected.next() != Some(c) {
            return false;
        }
    }
    expected.next().is_none()
}

/// The size up to which a set is scanned rather than hashed: a handful of short words compare
/// faster than one word hashes, as the `matches!` and slice lists they replace did.
const SCANNED: usize = 16;

/// A set of words (or phrases) from a table, as written there.
#[derive(Clone, Debug, Default)]
pub struct WordSet {
    /// The words, in table order.
    words: Vec<Box<str>>,
    /// The same hashed, for sets too long to scan.
    hashed: FastSet<Box<str>>,
    /// Their shapes: most words asked about are in no set, and this turns them away before
    /// any comparison.
    shapes: ShapeFilter,
}

impl WordSet {
    /// Adds a word (a second time changes nothing).
    pub fn insert(&mut self, word: &str) {
        if self.words.iter().any(|w| **w == *word) {
            return;
        }
        self.words.push(word.into());
        self.shapes.insert(word);
        if self.words.len() > SCANNED {
            if self.hashed.is_empty() {
                self.hashed.extend(self.words.iter().cloned());
            } else {
                self.hashed.insert(word.into());
            }
        }
    }

    /// Whether the set holds `word` exactly.
    #[inline]
    pub fn contains(&self, word: &str) -> bool {
        if !self.shapes.may_contain(word) {
            return false;
        }
        if self.words.len() <= SCANNED {
            self.words.iter().any(|w| **w == *word)
        } else {
            self.hashed.contains(word)
        }
    }

    /// Whether the set holds `word` with ASCII letters in any case.
    pub fn contains_ignore_ascii_case(&self, word: &str) -> bool {
        self.words.iter().any(|w| w.eq_ignore_ascii_case(word))
    }

    /// Whether the set holds the two words `first second` (an entry with one space).
    pub fn contains_pair(&self, first: &str, second: &str) -> bool {
        self.words.iter().any(|w| {
            w.len() == first.len() + 1 + second.len()
                && w.starts_with(first)
                && w.ends_with(second)
                && w.as_bytes().get(first.len()) == Some(&b' ')
        })
    }

    /// Whether some entry of the set stands in `text` as whole words: at its start or after
    /// white space, and at its end or before white space ("later that" in "later that night").
    pub fn among_words(&self, text: &str) -> bool {
        self.words.iter().any(|phrase| {
            // Most texts hold no entry at all: the plain search, much the cheaper, says so.
            text.contains(&**phrase)
                && text.match_indices(&**phrase).any(|(at, _)| {
                    let before = text.get(..at).and_then(|b| b.chars().next_back());
                    let after = text.get(at + phrase.len()..).and_then(|a| a.chars().next());
                    before.is_none_or(char::is_whitespace) && after.is_none_or(char::is_whitespace)
                })
        })
    }

    /// Whether some word of the set ends `text` (`"told reporters"` ends "…he told reporters").
    pub fn ends(&self, text: &str) -> bool {
        self.words.iter().any(|w| text.ends_with(&**w))
    }

    /// Whether some word of the set starts `text`.
    pub fn starts(&self, text: &str) -> bool {
        self.words.iter().any(|w| text.starts_with(&**w))
    }

    /// The words, in table order.
    pub fn iter(&self) -> impl Iterator<Item = &str> + Clone {
        self.words.iter().map(|w| &**w)
    }

    /// How many words it holds.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The shapes of its words, for a caller that asks at every word of a story.
    pub fn shapes(&self) -> &ShapeFilter {
        &self.shapes
    }
}

/// The sets of a words-by-role table: one [`WordSet`] per role of `R`.
#[derive(Clone, Debug)]
pub struct Roles<R> {
    sets: Vec<WordSet>,
    role: std::marker::PhantomData<R>,
}

impl<R: Copy + Into<usize>> Roles<R> {
    /// Empty sets for `count` roles.
    pub fn new(count: usize) -> Roles<R> {
        Roles {
            sets: vec![WordSet::default(); count],
            role: std::marker::PhantomData,
        }
    }

    /// The set of one role.
    #[inline]
    pub fn set(&self, role: R) -> &WordSet {
        static EMPTY: std::sync::OnceLock<WordSet> = std::sync::OnceLock::new();
        self.sets
            .get(role.into())
            .unwrap_or_else(|| EMPTY.get_or_init(WordSet::default))
    }

    /// Whether `word` plays `role`.
    #[inline]
    pub fn has(&self, role: R, word: &str) -> bool {
        self.set(role).contains(word)
    }

    /// Adds `word` to the set of `role`.
    pub fn insert(&mut self, role: R, word: &str) {
        if let Some(set) = self.sets.get_mut(role.into()) {
            set.insert(word);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_sets_answer_alike() {
        let mut short = WordSet::default();
        let mut long = WordSet::default();
        for w in ["killed", "dead", "died"] {
            short.insert(w);
        }
        for i in 0..40 {
            long.insert(&format!("w{i}"));
        }
        long.insert("w3");
        assert!(short.contains("dead") && !short.contains("Dead") && !short.contains("de"));
        assert!(long.contains("w39") && long.contains("w0") && !long.contains("w40"));
        assert_eq!(long.len(), 40);
        assert!(short.contains_ignore_ascii_case("DIED"));
        assert!(short.ends("he was found dead") && !short.ends("deadline"));
    }

    #[test]
    fn snake_case_names() {
        assert_eq!(snake_case("AttackVerb"), "attack_verb");
        assert_eq!(snake_case("Air"), "air");
        assert!(snake_case_is("AttackVerb", "attack_verb"));
        assert!(!snake_case_is("AttackVerb", "attack_verbs"));
        assert!(!snake_case_is("AttackVerb", "attackverb"));
        assert!(!snake_case_is("Air", "ai"));
    }
}
