//! Name folding: the one rule by which text spans and gazetteer names become index keys. Lower
//! case, accents stripped (through the generated [`FOLD_TABLE`], the same table that folded the
//! embedded names), punctuation runs as one space, then spelling variants merged
//! ([`skeleton`]). Owns no data and never allocates more than the key it returns.

use super::fold_table::FOLD_TABLE;

/// The folded form of `name`: lower case, accents stripped, every run of characters that are not
/// letters or digits one space, trimmed. `None` when it holds a letter of a non-Latin script
/// (the embedded names are Latin-script only) or nothing at all.
pub fn fold(name: &str) -> Option<String> {
    let mut out = String::with_capacity(name.len());
    let mut pending_space = false;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(c.to_ascii_lowercase());
        } else if c.is_ascii() {
            pending_space = true;
        } else if let Ok(i) = FOLD_TABLE.binary_search_by(|(k, _)| k.cmp(&c)) {
            let folded = FOLD_TABLE.get(i).map_or("", |(_, f)| *f);
            if folded.chars().all(|f| f.is_ascii_alphanumeric()) {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.push_str(folded);
            } else {
                pending_space = true;
            }
        } else if c.is_alphabetic() {
            return None;
        } else {
            pending_space = true;
        }
    }
    (!out.is_empty()).then_some(out)
}

/// The longest folded form [`fold_short`] keeps on the stack.
const INLINE_FOLD: usize = 30;

/// A folded name as [`fold`] gives it, held on the stack when the name is short ASCII (as most
/// words of a text are) so that asking what a word folds to costs no allocation.
#[derive(Clone, Debug)]
pub enum Folded {
    /// A short folded ASCII name: its bytes and their count.
    Inline([u8; INLINE_FOLD], u8),
    /// Any other folded name.
    Heap(String),
}

impl Default for Folded {
    fn default() -> Folded {
        Folded::Inline([0; INLINE_FOLD], 0)
    }
}

impl std::ops::Deref for Folded {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            Folded::Inline(bytes, len) => bytes
                .get(..usize::from(*len))
                .and_then(|b| std::str::from_utf8(b).ok())
                .unwrap_or(""),
            Folded::Heap(s) => s,
        }
    }
}

impl Folded {
    /// The folded text.
    pub fn as_str(&self) -> &str {
        self
    }
}

/// [`fold`] without the allocation for a short ASCII name: the same answer, on the stack.
pub fn fold_short(name: &str) -> Option<Folded> {
    if name.len() > INLINE_FOLD || !name.is_ascii() {
        return fold(name).map(Folded::Heap);
    }
    // The ASCII rules of `fold`: letters and digits lower-cased, every other run one space.
    let mut out = [0u8; INLINE_FOLD];
    let mut len = 0;
    let mut pending_space = false;
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() {
            if pending_space && len > 0 {
                if let Some(slot) = out.get_mut(len) {
                    *slot = b' ';
                }
                len += 1;
            }
            pending_space = false;
            if let Some(slot) = out.get_mut(len) {
                *slot = b.to_ascii_lowercase();
            }
            len += 1;
        } else {
            pending_space = true;
        }
    }
    // The output never outgrows the input, which fits.
    let len = u8::try_from(len).ok()?;
    (len > 0).then_some(Folded::Inline(out, len))
}

/// The key names are indexed by: a folded name with transliteration variants merged — "ou" and
/// "oo" read as "u", "ee" as "i", doubled letters as one — so "Makhmour" finds "Makhmur".
pub fn skeleton(folded: &str) -> String {
    let bytes = folded.as_bytes();
    let mut out = String::with_capacity(folded.len());
    let mut last = None;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let pair = (b, bytes.get(i + 1).copied());
        let (c, step) = match pair {
            (b'o', Some(b'u')) | (b'o', Some(b'o')) => ('u', 2),
            (b'e', Some(b'e')) => ('i', 2),
            _ => (char::from(b), 1),
        };
        if Some(c) != last {
            out.push(c);
        }
        last = Some(c);
        i += step;
    }
    out
}

/// The index key of a name as written: [`skeleton`] of [`fold`].
pub fn name_key(name: &str) -> Option<String> {
    let mut folded = fold(name)?;
    skeleton_in_place(&mut folded);
    Some(folded)
}

/// [`skeleton`] written over its own input, saving the second string: every step writes at
/// most the bytes it has read. Only for ASCII, which [`fold`] always gives.
fn skeleton_in_place(folded: &mut String) {
    if !folded.is_ascii() {
        *folded = skeleton(folded);
        return;
    }
    let mut bytes = std::mem::take(folded).into_bytes();
    let mut last = None;
    let (mut read, mut write) = (0, 0);
    while let Some(&b) = bytes.get(read) {
        let (c, step) = match (b, bytes.get(read + 1).copied()) {
            (b'o', Some(b'u')) | (b'o', Some(b'o')) => (b'u', 2),
            (b'e', Some(b'e')) => (b'i', 2),
            _ => (b, 1),
        };
        if Some(c) != last {
            if let Some(slot) = bytes.get_mut(write) {
                *slot = c;
            }
            write += 1;
        }
        last = Some(c);
        read += step;
    }
    bytes.truncate(write);
    // ASCII in, ASCII out.
    *folded = String::from_utf8(bytes).unwrap_or_default();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_and_punctuation() {
        assert_eq!(fold("São Paulo").as_deref(), Some("sao paulo"));
        assert_eq!(fold("U.S.").as_deref(), Some("u s"));
        assert_eq!(fold("Ḩalab — Al-Bāb").as_deref(), Some("halab al bab"));
        assert_eq!(fold("Straße").as_deref(), Some("strasse"));
        assert_eq!(fold("Москва"), None);
        assert_eq!(fold(" ,. "), None);
    }

    #[test]
    fn key_in_place_is_skeleton_of_fold() {
        for name in [
            "Makhmour", "Boo Ee", "Fallujah", "oooo", "eee", "Xooe", "Ḩalab", "a",
        ] {
            let folded = fold(name).unwrap();
            assert_eq!(name_key(name), Some(skeleton(&folded)), "{name}");
        }
    }

    #[test]
    fn short_fold_is_fold() {
        for name in [
            "São Paulo",
            "U.S.",
            " ,. ",
            "",
            "Al-Bab  (Aleppo)",
            "Москва",
            "abcdefghijklmnopqrstuvwxyz0123",
            "abcdefghijklmnopqrstuvwxyz01234",
            "a b c d e f g h i j k l m n o p",
        ] {
            assert_eq!(
                fold_short(name).as_deref(),
                fold(name).as_deref(),
                "{name:?}"
            );
        }
    }

    #[test]
    fn skeleton_merges_transliteration_variants() {
        assert_eq!(name_key("Makhmour"), name_key("Makhmur"));
        assert_eq!(name_key("Fallujah"), name_key("Falujah"));
        assert_ne!(name_key("Mosul"), name_key("Basra"));
    }
}
