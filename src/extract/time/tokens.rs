//! The token stream the temporal tagger walks: ASCII letter runs (classified once through the
//! lexicon), digit runs (with their value), and single punctuation characters. One pass over the
//! bytes, one `Vec` per text; offsets are byte offsets on char boundaries. This module never
//! decides what is a temporal expression.

use super::lexicon::Word;
use crate::extract::rules::TimeRules;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A run of ASCII letters; its meaning for time, if any.
    Word(Option<Word>),
    /// A run of ASCII digits: its value (saturated) and its length in digits.
    Digits(u32, u8),
    /// One character that is neither a letter nor a digit nor white space (ASCII punctuation,
    /// or 0 for anything outside ASCII).
    Punct(u8),
}

/// One token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// What it is.
    pub kind: Kind,
    /// Whether it starts with a capital letter.
    pub capital: bool,
    /// Whether it touches the previous token (no white space between).
    pub joined: bool,
    /// Whether a line break stands between it and the previous token.
    pub newline_before: bool,
}

impl Token {
    /// The word's meaning, if it is a known word.
    pub fn word(&self) -> Option<Word> {
        match self.kind {
            Kind::Word(w) => w,
            _ => None,
        }
    }

    /// The value of a digit run.
    pub fn digits(&self) -> Option<(u32, u8)> {
        match self.kind {
            Kind::Digits(v, n) => Some((v, n)),
            _ => None,
        }
    }

    /// Whether this is the punctuation character `c`.
    pub fn is_punct(&self, c: u8) -> bool {
        self.kind == Kind::Punct(c)
    }
}

/// Splits `text` into tokens, classifying its words with `rules`.
pub fn tokenize(text: &str, rules: &TimeRules) -> Vec<Token> {
    let mut tokens = Vec::new();
    tokenize_into(text, &mut tokens, rules);
    tokens
}

/// [`tokenize`] into a list the caller keeps from text to text (cleared first), so a long run
/// of stories does not ask for a large list each time.
pub fn tokenize_into(text: &str, tokens: &mut Vec<Token>, rules: &TimeRules) {
    let bytes = text.as_bytes();
    tokens.clear();
    tokens.reserve(bytes.len() / 5 + 1);
    let mut i = 0;
    let mut joined = false;
    let mut newline = false;
    while let Some(&b) = bytes.get(i) {
        let start = i;
        let kind = if b.is_ascii_alphabetic() {
            while bytes.get(i).is_some_and(u8::is_ascii_alphabetic) {
                i += 1;
            }
            Kind::Word(rules.classify(bytes.get(start..i).unwrap_or_default()))
        } else if b.is_ascii_digit() {
            let mut value: u32 = 0;
            while let Some(&d) = bytes.get(i).filter(|d| d.is_ascii_digit()) {
                value = value.saturating_mul(10).saturating_add(u32::from(d - b'0'));
                i += 1;
            }
            Kind::Digits(value, u8::try_from(i - start).unwrap_or(u8::MAX))
        } else if b.is_ascii_whitespace() {
            newline |= b == b'\n';
            joined = false;
            i += 1;
            continue;
        } else if b.is_ascii() {
            i += 1;
            Kind::Punct(b)
        } else {
            // Step over the whole multi-byte character so every offset stays on a boundary.
            i += 1;
            while bytes.get(i).is_some_and(|c| (c & 0xC0) == 0x80) {
                i += 1;
            }
            let ch = text.get(start..i).and_then(|s| s.chars().next());
            if ch.is_some_and(char::is_whitespace) {
                joined = false;
                continue;
            }
            Kind::Punct(0)
        };
        tokens.push(Token {
            start,
            end: i,
            kind,
            capital: b.is_ascii_uppercase(),
            joined,
            newline_before: newline,
        });
        joined = true;
        newline = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_words_digits_and_punctuation() {
        let toks = tokenize(
            "Aug. 7, 1998 — mid-1996",
            &crate::extract::rules::Rules::embedded().time,
        );
        let kinds: Vec<Kind> = toks.iter().map(|t| t.kind).collect();
        assert_eq!(kinds.len(), 9);
        assert_eq!(kinds[0], Kind::Word(Some(Word::MonthAbbr(8))));
        assert_eq!(kinds[1], Kind::Punct(b'.'));
        assert_eq!(kinds[2], Kind::Digits(7, 1));
        assert_eq!(kinds[4], Kind::Digits(1998, 4));
        assert_eq!(kinds[5], Kind::Punct(0));
        assert!(toks[7].joined && toks[8].joined && !toks[6].joined);
        assert_eq!(
            &"Aug. 7, 1998 — mid-1996"[toks[8].start..toks[8].end],
            "1996"
        );
    }

    #[test]
    fn huge_numbers_saturate() {
        let toks = tokenize(
            "99999999999999999999",
            &crate::extract::rules::Rules::embedded().time,
        );
        assert_eq!(toks[0].kind, Kind::Digits(u32::MAX, 20));
    }
}
