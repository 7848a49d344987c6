//! The hasher of the in-memory maps the gazetteer and the extractors keep: name memos, lexicon
//! indexes, per-story tables. Their keys are short words from the text or the embedded data, and
//! hashing them with the standard library's SipHash cost a tenth of all extraction time. This is
//! the multiply-rotate hash rustc uses (FxHash): a word at a time, no per-map seed.
//!
//! It must never key a map whose keys an adversary picks to collide on purpose (anything a
//! network peer or a store holds): it has no defence against flooding. The extractors' maps live
//! for one story or are bounded memos, so a bad input costs time, never correctness.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` with [`FastHasher`].
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// A `HashSet` with [`FastHasher`].
pub type FastSet<T> = HashSet<T, BuildHasherDefault<FastHasher>>;

/// The multiplier of FxHash: odd, with well-spread bits.
const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// FxHash: each word rotated into the state and multiplied.
#[derive(Clone, Copy, Debug, Default)]
pub struct FastHasher {
    hash: u64,
}

impl FastHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FastHasher {
    #[inline]
    fn finish(&self) -> u64 {
        // The multiply mixes upwards only: the high bits depend on every input bit, the low
        // ones on the last word's low bytes. Tables index by the low bits, so turn the well-mixed
        // bits down (as rustc-hash 2 does).
        self.hash.rotate_left(26)
    }

    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.add(<[u8; 8]>::try_from(chunk).map_or(0, u64::from_le_bytes));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            // The length keeps "ab" and "ab\0" apart.
            self.add(tail_word(rest) ^ ((rest.len() as u64) << 56));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u16(&mut self, i: u16) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
}

/// The 1 to 7 bytes of `rest` as the low bytes of a little-endian word, the rest zero. Two
/// overlapping loads instead of a copy of unknown length: most keys are short words, and a
/// call to copy each one's tail cost more than hashing it.
#[inline]
fn tail_word(rest: &[u8]) -> u64 {
    let byte = |i: usize| rest.get(i).map_or(0, |&b| u64::from(b));
    let n = rest.len();
    if n >= 4 {
        // Both loads put each byte at its own place: where they overlap they agree.
        let low = rest.get(..4).map_or(0, |b| u64::from(le_u32(b)));
        let high = rest.get(n - 4..).map_or(0, |b| u64::from(le_u32(b)));
        low | (high << (8 * (n - 4)))
    } else {
        byte(0) | (byte(n / 2) << (8 * (n / 2))) | (byte(n - 1) << (8 * (n - 1)))
    }
}

/// Four bytes as a little-endian number (0 unless there are exactly four).
#[inline]
fn le_u32(bytes: &[u8]) -> u32 {
    <[u8; 4]>::try_from(bytes).map_or(0, u32::from_le_bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    fn hash(s: &str) -> u64 {
        BuildHasherDefault::<FastHasher>::default().hash_one(s)
    }

    #[test]
    fn tail_word_is_the_bytes_in_place() {
        let bytes = b"abcdefg";
        for n in 1..=7 {
            let rest = &bytes[..n];
            let mut word = [0u8; 8];
            word[..n].copy_from_slice(rest);
            assert_eq!(tail_word(rest), u64::from_le_bytes(word), "{n}");
        }
    }

    #[test]
    fn tells_apart_words_that_share_bytes() {
        let words = [
            "",
            "a",
            "ab",
            "ab\0",
            "ba",
            "abcdefgh",
            "abcdefghi",
            "abcdefgh\0",
            "mosul",
            "mosul ",
        ];
        for (i, a) in words.iter().enumerate() {
            for b in words.iter().skip(i + 1) {
                assert_ne!(hash(a), hash(b), "{a:?} and {b:?}");
            }
        }
    }

    #[test]
    fn maps_work_as_maps() {
        let mut map: FastMap<String, usize> = FastMap::default();
        for (i, w) in ["kirkuk", "mosul", "basra", "erbil"].iter().enumerate() {
            map.insert((*w).to_string(), i);
        }
        assert_eq!(map.get("basra"), Some(&2));
        assert_eq!(map.get("baghdad"), None);
    }
}
