//! The token stream the event rules read: lower-cased words and numbers with their spans, and
//! the punctuation that breaks clauses.

use std::borrow::Cow;
use std::fmt;

use crate::extract::text::char_at;
use crate::model::Span;

/// A token's lower-cased text: borrowed from the article when it is written in lower case
/// already, as most words are, so tokenizing allocates only for capitalised words.
#[derive(Clone, PartialEq, Eq)]
pub struct Lower<'a>(Cow<'a, str>);

impl Lower<'_> {
    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Lower<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for Lower<'_> {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&str> for Lower<'_> {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl fmt::Debug for Lower<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for Lower<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One token of a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token<'a> {
    /// Lower-cased text ("killed", "1,200", ",").
    pub lower: Lower<'a>,
    /// Where it stands in the article text.
    pub span: Span,
    /// Whether the original starts with a capital letter.
    pub capitalised: bool,
}

impl Token<'_> {
    /// Whether the token is punctuation that ends a clause (`,` `;` `:` `(` `)` `—`).
    pub fn breaks_clause(&self) -> bool {
        matches!(
            self.lower.as_str(),
            "," | ";" | ":" | "(" | ")" | "—" | "–" | "." | "\"" | "“" | "”"
        )
    }
}

/// Tokens of `text[span]`, spans relative to the whole `text`. Words keep inner hyphens and
/// apostrophes ("iran-backed", "iraq's"); digit groups keep their separators ("1,200").
pub fn tokenize(text: &str, span: Span) -> Vec<Token<'_>> {
    let piece = span.slice(text);
    let mut tokens = Vec::with_capacity(piece.len() / 5 + 1);
    let mut i = 0;
    let bytes = piece.as_bytes();
    while let Some((c, len)) = char_at(piece, i) {
        if c.is_whitespace() {
            i += len;
            continue;
        }
        let mut end = i + len;
        if c.is_alphanumeric() {
            // Whether the token so far is digits and separators, so a separator may join it.
            let mut numeric = c.is_ascii_digit();
            loop {
                // Runs of ASCII letters and digits, the common case, without decoding.
                while let Some(&b) = bytes.get(end).filter(|b| b.is_ascii_alphanumeric()) {
                    numeric &= b.is_ascii_digit();
                    end += 1;
                }
                // An ASCII byte that is no separator ends the token: it is not alphanumeric (the
                // run took those), and only `-`, `'`, `,` and `.` may join what follows.
                match bytes.get(end) {
                    None => break,
                    Some(&b) if b.is_ascii() && !matches!(b, b'-' | b'\'' | b',' | b'.') => break,
                    Some(_) => {}
                }
                let Some((d, d_len)) = char_at(piece, end) else {
                    break;
                };
                let next = char_at(piece, end + d_len).map(|(n, _)| n);
                let joins_word =
                    matches!(d, '-' | '\'' | '’') && next.is_some_and(char::is_alphanumeric);
                let joins_digits =
                    matches!(d, ',' | '.') && numeric && next.is_some_and(|n| n.is_ascii_digit());
                if d.is_alphanumeric() || joins_word || joins_digits {
                    numeric &= d.is_ascii_digit() || matches!(d, ',' | '.');
                    end += d_len;
                } else {
                    break;
                }
            }
        }
        let word = piece.get(i..end).unwrap_or_default();
        tokens.push(Token {
            lower: lower_case(word),
            span: Span::new(span.start + i, span.start + end),
            capitalised: c.is_uppercase(),
        });
        i = end;
    }
    tokens
}

/// `word` in lower case: itself when it has no capitals, ASCII without the general case
/// mapping's tables.
fn lower_case(word: &str) -> Lower<'_> {
    if word.is_ascii() {
        if word.bytes().any(|b| b.is_ascii_uppercase()) {
            Lower(Cow::Owned(word.to_ascii_lowercase()))
        } else {
            Lower(Cow::Borrowed(word))
        }
    } else {
        let lower = word.to_lowercase();
        if lower == word {
            Lower(Cow::Borrowed(word))
        } else {
            Lower(Cow::Owned(lower))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_numbers_and_punctuation() {
        let text = "Six died, and 1,200 Iran-backed fighters' homes—burned.";
        let got: Vec<String> = tokenize(text, Span::new(0, text.len()))
            .into_iter()
            .map(|t| t.lower.to_string())
            .collect();
        assert_eq!(
            got,
            vec![
                "six",
                "died",
                ",",
                "and",
                "1,200",
                "iran-backed",
                "fighters",
                "'",
                "homes",
                "—",
                "burned",
                "."
            ]
        );
    }

    #[test]
    fn spans_are_relative_to_the_whole_text() {
        let text = "Intro. Six died.";
        let tokens = tokenize(text, Span::new(7, text.len()));
        assert_eq!(tokens[0].span.slice(text), "Six");
        assert!(tokens[0].capitalised);
    }
}
