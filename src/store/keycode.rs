//! The order-preserving key codec: the one place that decides how key fields become bytes.
//! Comparing two encodings byte by byte gives the same answer as comparing the values, so a
//! sled range over encoded keys is a range over values. Nothing else in geochron formats keys.
//!
//! The byte rule of each type (after toydb's `encoding/keycode.rs`):
//!
//! - `u8`: the byte itself. Enum variants and tags are written this way.
//! - `u32`, `u64`: big-endian.
//! - `i32`: big-endian with the sign bit flipped, so −1 (`0x7fff_ffff`) sorts before 0
//!   (`0x8000_0000`).
//! - `bool`: `0x00` or `0x01`.
//! - strings and byte strings: every `0x00` is escaped as `0x00 0xff`, and the value ends with
//!   `0x00 0x00`. The terminator sorts before any escaped or plain byte, so `"a"` sorts before
//!   `"a\0"` and `"ab"`, and a string never runs into the field after it.
//! - fixed-width byte arrays (a country code): the bytes as they are.
//!
//! Decoding never panics: running out of bytes, a bad escape, invalid UTF-8 or bytes left over
//! all give [`Error::Corrupt`].

use crate::error::{Error, Result};

/// Builds one encoded key, field by field.
#[derive(Debug, Default)]
pub struct KeyWriter {
    bytes: Vec<u8>,
}

impl KeyWriter {
    /// An empty key.
    pub fn new() -> KeyWriter {
        KeyWriter {
            bytes: Vec::with_capacity(32),
        }
    }

    /// Appends one byte: a tag or a small enum.
    pub fn u8(&mut self, value: u8) -> &mut Self {
        self.bytes.push(value);
        self
    }

    /// Appends a `u32`, big-endian.
    pub fn u32(&mut self, value: u32) -> &mut Self {
        self.bytes.extend_from_slice(&value.to_be_bytes());
        self
    }

    /// Appends a `u64`, big-endian.
    pub fn u64(&mut self, value: u64) -> &mut Self {
        self.bytes.extend_from_slice(&value.to_be_bytes());
        self
    }

    /// Appends an `i32`, big-endian with the sign bit flipped.
    pub fn i32(&mut self, value: i32) -> &mut Self {
        self.u32((value as u32) ^ (1 << 31))
    }

    /// Appends a bool as `0x00` or `0x01`.
    pub fn bool(&mut self, value: bool) -> &mut Self {
        self.u8(u8::from(value))
    }

    /// Appends a byte string: `0x00` escaped as `0x00 0xff`, terminated by `0x00 0x00`.
    pub fn bytes(&mut self, value: &[u8]) -> &mut Self {
        for &b in value {
            self.bytes.push(b);
            if b == 0x00 {
                self.bytes.push(0xff);
            }
        }
        self.bytes.extend_from_slice(&[0x00, 0x00]);
        self
    }

    /// Appends a string by the byte-string rule; `str`'s order is its bytes' order.
    pub fn str(&mut self, value: &str) -> &mut Self {
        self.bytes(value.as_bytes())
    }

    /// Appends fixed-width bytes as they are; only for fields that always have this width.
    pub fn fixed(&mut self, value: &[u8]) -> &mut Self {
        self.bytes.extend_from_slice(value);
        self
    }

    /// The encoded key.
    pub fn finish(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.bytes)
    }
}

/// Reads the fields of one encoded key back, in the order they were written.
#[derive(Debug)]
pub struct KeyReader<'a> {
    rest: &'a [u8],
}

impl<'a> KeyReader<'a> {
    /// A reader over an encoded key.
    pub fn new(bytes: &'a [u8]) -> KeyReader<'a> {
        KeyReader { rest: bytes }
    }

    /// Takes the next `n` bytes.
    fn take<const N: usize>(&mut self) -> Result<[u8; N]> {
        let (head, rest) = self
            .rest
            .split_first_chunk::<N>()
            .ok_or_else(|| Error::Corrupt(format!("key ends early: wanted {N} more bytes")))?;
        self.rest = rest;
        Ok(*head)
    }

    /// Reads one byte.
    pub fn u8(&mut self) -> Result<u8> {
        let [b] = self.take::<1>()?;
        Ok(b)
    }

    /// Reads a big-endian `u32`.
    pub fn u32(&mut self) -> Result<u32> {
        Ok(u32::from_be_bytes(self.take()?))
    }

    /// Reads a big-endian `u64`.
    pub fn u64(&mut self) -> Result<u64> {
        Ok(u64::from_be_bytes(self.take()?))
    }

    /// Reads an `i32` written with its sign bit flipped.
    pub fn i32(&mut self) -> Result<i32> {
        Ok((self.u32()? ^ (1 << 31)) as i32)
    }

    /// Reads a bool; any byte but `0x00` or `0x01` is corrupt.
    pub fn bool(&mut self) -> Result<bool> {
        match self.u8()? {
            0 => Ok(false),
            1 => Ok(true),
            b => Err(Error::Corrupt(format!("key has bool byte {b:#04x}"))),
        }
    }

    /// Reads an escaped, terminated byte string.
    pub fn bytes(&mut self) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        loop {
            match self.u8()? {
                0x00 => match self.u8()? {
                    0x00 => return Ok(out),
                    0xff => out.push(0x00),
                    b => {
                        return Err(Error::Corrupt(format!(
                            "key string has bad escape 0x00 {b:#04x}"
                        )));
                    }
                },
                b => out.push(b),
            }
        }
    }

    /// Reads an escaped, terminated UTF-8 string.
    pub fn str(&mut self) -> Result<String> {
        String::from_utf8(self.bytes()?)
            .map_err(|e| Error::Corrupt(format!("key string is not UTF-8: {e}")))
    }

    /// Reads `N` fixed-width bytes.
    pub fn fixed<const N: usize>(&mut self) -> Result<[u8; N]> {
        self.take()
    }

    /// Succeeds only if every byte was read: a longer key is not this key.
    pub fn finish(self) -> Result<()> {
        if self.rest.is_empty() {
            Ok(())
        } else {
            Err(Error::Corrupt(format!(
                "key has {} bytes left over",
                self.rest.len()
            )))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn encode_i32(v: i32) -> Vec<u8> {
        KeyWriter::new().i32(v).finish()
    }

    fn encode_str(v: &str) -> Vec<u8> {
        KeyWriter::new().str(v).finish()
    }

    #[test]
    fn byte_rules_are_as_documented() {
        assert_eq!(encode_i32(-1), [0x7f, 0xff, 0xff, 0xff]);
        assert_eq!(encode_i32(0), [0x80, 0, 0, 0]);
        assert_eq!(KeyWriter::new().u64(1).finish(), [0, 0, 0, 0, 0, 0, 0, 1]);
        assert_eq!(encode_str("a\0b"), [b'a', 0x00, 0xff, b'b', 0x00, 0x00]);
        assert_eq!(encode_str(""), [0x00, 0x00]);
    }

    #[test]
    fn bad_bytes_are_corrupt_not_panics() {
        assert!(KeyReader::new(&[0x00, 0x01]).str().is_err());
        assert!(KeyReader::new(b"a").str().is_err());
        assert!(KeyReader::new(&[0xff, 0xfe, 0x00, 0x00]).str().is_err());
        assert!(KeyReader::new(&[1, 2]).u32().is_err());
        assert!(KeyReader::new(&[2]).bool().is_err());
        assert!(KeyReader::new(&[1]).finish().is_err());
    }

    proptest! {
        #[test]
        fn i32_order_is_byte_order(a: i32, b: i32) {
            prop_assert_eq!(a.cmp(&b), encode_i32(a).cmp(&encode_i32(b)));
            prop_assert_eq!(KeyReader::new(&encode_i32(a)).i32()?, a);
        }

        #[test]
        fn string_order_is_byte_order(a in "[a\\x00\\xff]{0,6}", b in "[a\\x00\\xff]{0,6}") {
            prop_assert_eq!(a.cmp(&b), encode_str(&a).cmp(&encode_str(&b)));
        }

        #[test]
        fn strings_round_trip_and_stop_at_their_end(a: String, tail: u32) {
            let bytes = KeyWriter::new().str(&a).u32(tail).finish();
            let mut reader = KeyReader::new(&bytes);
            prop_assert_eq!(reader.str()?, a);
            prop_assert_eq!(reader.u32()?, tail);
            reader.finish()?;
        }
    }
}
