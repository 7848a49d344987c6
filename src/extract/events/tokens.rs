//! The token stream the event rules read: lower-cased words and numbers with their spans, and
//! the punctuation that breaks clauses.

use crate::model::Span;

/// One token of a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Lower-cased text ("killed", "1,200", ",").
    pub lower: String,
    /// Where it stands in the article text.
    pub span: Span,
    /// Whether the original starts with a capital letter.
    pub capitalised: bool,
}

impl Token {
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
pub fn tokenize(text: &str, span: Span) -> Vec<Token> {
    let piece = span.slice(text);
    let mut tokens = Vec::new();
    let mut chars = piece.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        let mut end = i + c.len_utf8();
        if c.is_alphanumeric() {
            while let Some(&(j, d)) = chars.peek() {
                let next = piece[j + d.len_utf8()..].chars().next();
                let joins_word =
                    matches!(d, '-' | '\'' | '’') && next.is_some_and(char::is_alphanumeric);
                let joins_digits = matches!(d, ',' | '.')
                    && piece[i..j]
                        .bytes()
                        .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
                    && next.is_some_and(|n| n.is_ascii_digit());
                if d.is_alphanumeric() || joins_word || joins_digits {
                    end = j + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
        }
        let word = &piece[i..end];
        tokens.push(Token {
            lower: word.to_lowercase(),
            span: Span::new(span.start + i, span.start + end),
            capitalised: c.is_uppercase(),
        });
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_numbers_and_punctuation() {
        let text = "Six died, and 1,200 Iran-backed fighters' homes—burned.";
        let got: Vec<String> = tokenize(text, Span::new(0, text.len()))
            .into_iter()
            .map(|t| t.lower)
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
