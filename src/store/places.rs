//! Imported gazetteer entries: what `geochron gazetteer import` keeps, one `Key::Place` row per
//! GeoNames id, so a later import of the same dump replaces rows instead of adding twins. Owns
//! only their reading and writing; what they mean is the gazetteer's business.

use crate::error::{Error, Result};
use crate::gazetteer::Entry;

use super::Store;
use super::codec::{decode_entry, encode_entry};
use super::keys::{Key, KeyPrefix};

/// Entries written per sled batch: a dump of millions of rows goes in steps of bounded memory.
const BATCH: usize = 10_000;

impl Store {
    /// Stores gazetteer entries under their GeoNames ids, replacing any stored with the same
    /// id. An entry without an id is [`Error::Invalid`] and nothing of its batch is written.
    /// Returns how many were written.
    pub fn put_places(&self, entries: &[Entry]) -> Result<usize> {
        let _writer = self.lock_writer();
        let mut written = 0;
        for chunk in entries.chunks(BATCH) {
            let mut batch = sled::Batch::default();
            for entry in chunk {
                let id = entry.geonameid.ok_or_else(|| {
                    Error::Invalid(format!(
                        "gazetteer entry {:?} has no GeoNames id",
                        entry.name
                    ))
                })?;
                batch.insert(Key::Place(id).encode(), encode_entry(entry)?);
            }
            self.apply(batch)?;
            written += chunk.len();
        }
        self.flush_and_seal()?;
        Ok(written)
    }

    /// Every stored gazetteer entry, in GeoNames id order.
    pub fn places(&self) -> Result<Vec<Entry>> {
        self.db
            .scan_prefix(KeyPrefix::Place.encode())
            .values()
            .map(|value| decode_entry(&value?))
            .collect()
    }
}
