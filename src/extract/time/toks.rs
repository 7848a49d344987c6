//! The tokens of one text as the patterns read them ([`Toks`]), and how a pattern answers
//! ([`Hit`], [`Longest`]): the shared types of [`super::recognise`] and the pattern families it
//! dispatches to ([`super::calendar`], [`super::relative`], [`super::clock`]).

use super::expr::{Expr, Mod};
use super::lexicon::{Mark, Word};
use super::tokens::Token;
use crate::extract::rules::TimeRules;

/// The tokens of one text, with the small reads every pattern needs. Reads past either end
/// give `None`/`false`, so patterns never index out of bounds.
#[derive(Clone, Copy)]
pub struct Toks<'a> {
    /// The tokens.
    pub tokens: &'a [Token],
    /// The text they index.
    pub text: &'a str,
    /// The words the patterns compare as written.
    pub rules: &'a TimeRules,
}

impl<'a> Toks<'a> {
    /// The token at `i`.
    pub fn get(&self, i: usize) -> Option<&'a Token> {
        self.tokens.get(i)
    }

    /// The word meaning at `i`.
    pub fn word(&self, i: usize) -> Option<Word> {
        self.get(i).and_then(Token::word)
    }

    /// Whether the token at `i` is the word `w`.
    pub fn is(&self, i: usize, w: Word) -> bool {
        self.word(i) == Some(w)
    }

    /// Whether the token at `i` is the punctuation `c`.
    pub fn punct(&self, i: usize, c: u8) -> bool {
        self.get(i).is_some_and(|t| t.is_punct(c))
    }

    /// The digit run at `i`: value and length.
    pub fn digits(&self, i: usize) -> Option<(u32, u8)> {
        self.get(i).and_then(Token::digits)
    }

    /// Whether the token at `i` touches the one before it.
    pub fn joined(&self, i: usize) -> bool {
        self.get(i).is_some_and(|t| t.joined)
    }

    /// Whether the token at `i` is capitalised.
    pub fn capital(&self, i: usize) -> bool {
        self.get(i).is_some_and(|t| t.capital)
    }

    /// The text of the token at `i` ("" past the end).
    pub fn str(&self, i: usize) -> &'a str {
        self.get(i)
            .and_then(|t| self.text.get(t.start..t.end))
            .unwrap_or("")
    }

    /// Whether the token at `i` is `word`, ignoring case.
    pub fn raw(&self, i: usize, word: &str) -> bool {
        self.str(i).eq_ignore_ascii_case(word)
    }

    /// Whether the token at `i` is one of `mark`'s words, ignoring case.
    pub fn marked(&self, i: usize, mark: Mark) -> bool {
        self.rules.marks(mark, self.str(i))
    }

    /// Whether a hyphen joins tokens `i - 1` and `i + 1` at `i`.
    pub fn hyphen(&self, i: usize) -> bool {
        self.punct(i, b'-') && self.joined(i) && self.joined(i + 1)
    }
}

/// A pattern's answer: one past its last token, what it means, and its modifier.
pub type Hit = (usize, Expr, Option<Mod>);

/// The longest of the hits offered, the last on a tie (as `max_by_key` would pick), kept
/// without gathering them first.
#[derive(Default)]
pub struct Longest(Option<Hit>);

impl Longest {
    /// Keeps `hit` if it reaches at least as far as the best so far.
    pub fn offer(&mut self, hit: Option<Hit>) {
        if let Some(hit) = hit
            && self.0.as_ref().is_none_or(|best| hit.0 >= best.0)
        {
            self.0 = Some(hit);
        }
    }

    /// The best hit offered.
    pub fn best(self) -> Option<Hit> {
        self.0
    }
}

/// Whether the token at `i` is a unit word (so "current"/"recent" modify it).
pub fn follows_unit(toks: Toks<'_>, i: usize) -> bool {
    matches!(toks.word(i), Some(Word::Unit(_) | Word::Units(_)))
        || toks.is(i, Word::Period)
        || (toks.hyphen(i) && matches!(toks.word(i + 1), Some(Word::Unit(_))))
}
