//! Text basics shared by the extractors: sentence spans and word tokens. Byte offsets throughout,
//! always on char boundaries.

use crate::extract::rules::{Rules, TextRules};
use crate::model::Span;

/// The sentences of `text` as byte spans, trimmed of surrounding whitespace. A sentence ends at
/// `.`, `!` or `?` (with any closing quotes or brackets) followed by whitespace and a capital,
/// digit or quote — unless the period closes an abbreviation or an initial — and always at a
/// blank line or a line break that ends a paragraph.
pub fn sentences(text: &str) -> Vec<Span> {
    sentences_with(text, &Rules::embedded().text)
}

/// [`sentences`] with the abbreviations of `rules`.
pub fn sentences_with(text: &str, rules: &TextRules) -> Vec<Span> {
    // News sentences run to some 130 bytes: room for most stories' at once.
    let mut spans = Vec::with_capacity(text.len() / 100 + 1);
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        i = skip_plain(bytes, i);
        let Some(&b) = bytes.get(i) else {
            break;
        };
        if b == b'\n' {
            // A line break ends a sentence when the line ends in terminal punctuation or the
            // next line is blank: paragraphs, titles and header lines stand alone.
            let line_end = text[start..i].trim_end();
            if line_end.ends_with(['.', '!', '?', '"', '”', ':'])
                || line_end.is_empty()
                || next_line_blank(&text[i + 1..])
            {
                push_trimmed(text, start, i, &mut spans);
                start = i + 1;
            }
            i += 1;
            continue;
        }
        if matches!(b, b'.' | b'!' | b'?') {
            let mut end = i + 1;
            // Closing quotes and brackets belong to the sentence they close.
            while let Some(c) = text[end..].chars().next() {
                if matches!(c, '"' | '\'' | '”' | '’' | ')' | ']') {
                    end += c.len_utf8();
                } else {
                    break;
                }
            }
            let rest = &text[end..];
            let after_space = rest.trim_start_matches([' ', '\t']);
            let spaced = after_space.len() < rest.len();
            let opens = after_space.chars().next().is_some_and(|c| {
                c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '“' | '‘' | '\'')
            });
            if spaced && opens && !(b == b'.' && is_abbreviation(&text[start..i], rules)) {
                push_trimmed(text, start, end, &mut spans);
                start = end;
                i = end;
                continue;
            }
        }
        i += 1;
    }
    push_trimmed(text, start, text.len(), &mut spans);
    spans
}

/// The first byte at or after `from` that may end a sentence (a line break, `.`, `!` or `?`);
/// `bytes.len()` when there is none. Eight bytes at a time: most of a text ends nothing.
fn skip_plain(bytes: &[u8], from: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // Whether some byte of `word` is zero (exact as a yes or no).
    let has_zero = |word: u64| word.wrapping_sub(ONES) & !word & HIGHS != 0;
    let mut at = from;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let word = <[u8; 8]>::try_from(chunk).map_or(0, u64::from_le_bytes);
        let stop = has_zero(word ^ (ONES * u64::from(b'\n')))
            || has_zero(word ^ (ONES * u64::from(b'.')))
            || has_zero(word ^ (ONES * u64::from(b'!')))
            || has_zero(word ^ (ONES * u64::from(b'?')));
        if stop {
            break;
        }
        at += 8;
    }
    // The last few bytes, and the chunk that holds a stop, one at a time.
    while let Some(&b) = bytes.get(at) {
        if matches!(b, b'\n' | b'.' | b'!' | b'?') {
            return at;
        }
        at += 1;
    }
    at
}

/// Whether the line that starts `rest` (up to its line break) is blank: white space only. Stops
/// at the first other character, so a line is read no further than its first letter.
fn next_line_blank(rest: &str) -> bool {
    rest.chars()
        .take_while(|&c| c != '\n')
        .all(char::is_whitespace)
}

/// Whether the word before a period is an abbreviation or an initial, so the period is not a
/// sentence end.
fn is_abbreviation(before: &str, rules: &TextRules) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"')
        .next()
        .unwrap_or("");
    if word.is_empty() {
        return false;
    }
    // Initials and dotted acronyms: "J.", "U.S", "U.N".
    let initial = |l: &str| {
        let mut chars = l.chars();
        matches!((chars.next(), chars.next()), (Some(c), None) if c.is_alphabetic())
    };
    if word.split('.').all(initial) {
        return true;
    }
    // The abbreviations are ASCII, and no other letter lower-cases to one of theirs (the Kelvin
    // sign's "k" is in none), so a case-blind ASCII comparison answers without a copy.
    word.is_ascii() && rules.is_abbreviation(word)
}

fn push_trimmed(text: &str, start: usize, end: usize, spans: &mut Vec<Span>) {
    let piece = &text[start..end];
    let trimmed_start = start + (piece.len() - piece.trim_start().len());
    let trimmed_end = start + piece.trim_end().len();
    if trimmed_start < trimmed_end {
        spans.push(Span::new(trimmed_start, trimmed_end));
    }
}

/// The words of `text` with their spans: runs of letters, digits, apostrophes and inner hyphens.
pub fn words(text: &str) -> impl Iterator<Item = (Span, &str)> {
    let mut pos = 0;
    std::iter::from_fn(move || {
        let bytes = text.as_bytes();
        let start = loop {
            // ASCII between words, the common case, without decoding.
            let b = *bytes.get(pos)?;
            if b.is_ascii() {
                if b.is_ascii_alphanumeric() {
                    break pos;
                }
                pos += 1;
                continue;
            }
            let (c, len) = char_at(text, pos)?;
            if c.is_alphanumeric() {
                break pos;
            }
            pos += len;
        };
        loop {
            // Runs of ASCII letters and digits, the common case, without decoding.
            while bytes.get(pos).is_some_and(u8::is_ascii_alphanumeric) {
                pos += 1;
            }
            let Some(&b) = bytes.get(pos) else {
                break;
            };
            // Past the run, an ASCII byte other than an apostrophe or a hyphen ends the word.
            if b.is_ascii() && b != b'\'' && b != b'-' {
                break;
            }
            let Some((c, len)) = char_at(text, pos) else {
                break;
            };
            let inner = matches!(c, '\'' | '’' | '-')
                && char_at(text, pos + len).is_some_and(|(n, _)| n.is_alphanumeric());
            if c.is_alphanumeric() || inner {
                pos += len;
            } else {
                break;
            }
        }
        Some((
            Span::new(start, pos),
            text.get(start..pos).unwrap_or_default(),
        ))
    })
}

/// [`words`] gathered: sized for news text's one word in six bytes, so most texts take one
/// allocation rather than a growing list's several copies.
pub fn word_list(text: &str) -> Vec<(Span, &str)> {
    let mut list = Vec::with_capacity(text.len() / 6 + 1);
    list.extend(words(text));
    list
}

/// Whether a word starts with a capital letter.
pub fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// The character at byte `pos` and its length; ASCII without decoding.
#[inline]
pub(crate) fn char_at(text: &str, pos: usize) -> Option<(char, usize)> {
    let b = *text.as_bytes().get(pos)?;
    if b.is_ascii() {
        return Some((char::from(b), 1));
    }
    let c = text.get(pos..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).iter().map(|s| s.slice(text)).collect()
    }

    #[test]
    fn splits_on_terminal_punctuation_but_not_abbreviations() {
        let text = "Col. Srud Barzanji spoke on Dec. 5 about U.S. forces. The coalition bombed later that night. \"We will stay,\" he said.";
        assert_eq!(
            split(text),
            vec![
                "Col. Srud Barzanji spoke on Dec. 5 about U.S. forces.",
                "The coalition bombed later that night.",
                "\"We will stay,\" he said.",
            ]
        );
    }

    #[test]
    fn paragraphs_and_header_lines_stand_alone() {
        let text = "A headline without a period\n\nFirst paragraph. Second sentence.\nAffected Countries: iraq;\n";
        assert_eq!(
            split(text),
            vec![
                "A headline without a period",
                "First paragraph.",
                "Second sentence.",
                "Affected Countries: iraq;"
            ]
        );
    }

    #[test]
    fn words_keep_inner_hyphens_and_apostrophes() {
        let got: Vec<&str> = words("Iraq’s Iran-backed militias, 31 injured -- U.S.")
            .map(|(_, w)| w)
            .collect();
        assert_eq!(
            got,
            vec![
                "Iraq’s",
                "Iran-backed",
                "militias",
                "31",
                "injured",
                "U",
                "S"
            ]
        );
    }

    #[test]
    fn skipping_finds_every_stop() {
        let text = b"plain words here, then. and more text without any end at all\nnext! ok? yes";
        let mut expected = Vec::new();
        let mut got = Vec::new();
        for from in 0..=text.len() {
            expected.push(
                (from..text.len())
                    .find(|&i| matches!(text[i], b'\n' | b'.' | b'!' | b'?'))
                    .unwrap_or(text.len()),
            );
            got.push(skip_plain(text, from));
        }
        assert_eq!(got, expected);
    }

    #[test]
    fn empty_and_odd_input() {
        assert!(sentences("").is_empty());
        assert!(sentences("   \n\n ").is_empty());
        assert_eq!(
            split("Ünal left. Éric stayed."),
            vec!["Ünal left.", "Éric stayed."]
        );
    }
}
