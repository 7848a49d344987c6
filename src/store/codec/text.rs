//! Article text as the store keeps it: one zstd frame per article, so the text, most of an
//! article's bytes, costs about a third of its size on disk. Compressed once at ingest;
//! decompressed only when an article is read whole (`text ~`, `get`, `dump`, `check`),
//! never by the events rows a query shows (`decode_article_head` stops before the text).
//!
//! No dictionary: one trained on the benchmark's generated articles would flatter the
//! benchmark, and on real news the per-article frame is what it is measured with.

use std::cell::RefCell;

use crate::error::{Error, Result};

use super::MAX_VALUE_BYTES;

/// zstd's level for article text: 3 (zstd's default) measured as fast as the rest of an
/// ingest needs; higher levels gain a few percent of size for several times the time.
const LEVEL: i32 = 3;

thread_local! {
    /// One compression context per thread: creating one per article cost more than
    /// compressing it.
    static COMPRESSOR: RefCell<Option<zstd::bulk::Compressor<'static>>> = const { RefCell::new(None) };
    /// One decompression context per thread, for the same reason.
    static DECOMPRESSOR: RefCell<Option<zstd::bulk::Decompressor<'static>>> = const { RefCell::new(None) };
}

/// The zstd frame of an article's text (its content size in the frame header).
pub(super) fn compress(text: &str) -> Result<Vec<u8>> {
    let fail = |e: std::io::Error| Error::Invalid(format!("cannot compress article text: {e}"));
    COMPRESSOR.with(|cell| {
        let mut slot = cell.borrow_mut();
        let compressor = match &mut *slot {
            Some(c) => c,
            None => slot.insert(zstd::bulk::Compressor::new(LEVEL).map_err(fail)?),
        };
        compressor.compress(text.as_bytes()).map_err(fail)
    })
}

/// The text of a zstd frame [`compress`] wrote; a frame without its size, larger than a
/// value may be, that fails to decode or that is not UTF-8 is [`Error::Corrupt`].
pub(super) fn decompress(frame: &[u8]) -> Result<String> {
    let corrupt = |why: String| Error::Corrupt(format!("article text: {why}"));
    let size = zstd::zstd_safe::get_frame_content_size(frame)
        .map_err(|_| corrupt("not a zstd frame".into()))?
        .ok_or_else(|| corrupt("zstd frame without its size".into()))?;
    let size = usize::try_from(size)
        .ok()
        .filter(|&n| n <= MAX_VALUE_BYTES)
        .ok_or_else(|| corrupt(format!("zstd frame of {size} bytes is too large")))?;
    let bytes = DECOMPRESSOR.with(|cell| {
        let mut slot = cell.borrow_mut();
        let decompressor = match &mut *slot {
            Some(d) => d,
            None => slot.insert(
                zstd::bulk::Decompressor::new()
                    .map_err(|e| corrupt(format!("cannot decompress: {e}")))?,
            ),
        };
        decompressor
            .decompress(frame, size)
            .map_err(|e| corrupt(format!("cannot decompress: {e}")))
    })?;
    if bytes.len() != size {
        return Err(corrupt(format!(
            "zstd frame holds {} bytes, its header says {size}",
            bytes.len()
        )));
    }
    String::from_utf8(bytes).map_err(|e| corrupt(format!("not UTF-8: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_round_trips_and_shrinks() -> Result<()> {
        let text = "Six people were killed in Mosul. ".repeat(40);
        let frame = compress(&text)?;
        assert!(frame.len() * 4 < text.len());
        assert_eq!(decompress(&frame)?, text);
        assert_eq!(decompress(&compress("")?)?, "");
        Ok(())
    }

    #[test]
    fn a_bad_frame_is_corrupt() -> Result<()> {
        let frame = compress("Six people were killed in Mosul.")?;
        for bad in [&[][..], &frame[..frame.len() - 1], &frame[1..], b"not zstd"] {
            assert!(matches!(decompress(bad), Err(Error::Corrupt(_))));
        }
        Ok(())
    }
}
