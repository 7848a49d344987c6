//! Imported gazetteer entries: what `geochron gazetteer import` keeps, one `Key::Place` row per
//! GeoNames id, so a later import of the same dump replaces rows instead of adding twins. Owns
//! only their reading and writing; what they mean is the gazetteer's business.

use crate::error::{Error, Result};
use crate::gazetteer::Entry;

use super::Store;
use super::codec::{decode_entry, encode_entry};
use super::keys::{Key, KeyPrefix};

/// Entries written per sled batch: a dump of millions of rows goes in steps of bounded memory.
/// Small, because sled 0.34 holds on to more per row after bigger batches (measured importing a
/// generated 12-million-row dump: peak RSS 1.05 GB with batches of 1000, 0.88 GB with 500, and
/// 1.17 GB for only 300k rows with 10000).
const BATCH: usize = 500;

impl Store {
    /// Stores gazetteer entries under their GeoNames ids, replacing any stored with the same
    /// id. An entry without an id is [`Error::Invalid`] and nothing of its batch is written.
    /// Returns how many were written.
    pub fn put_places(&self, entries: &[Entry]) -> Result<usize> {
        self.put_place_stream(entries.iter().cloned().map(Ok))
    }

    /// [`Store::put_places`] for entries that arrive one at a time (a dump being read): at
    /// most [`BATCH`] of them are held, and one flush ends the whole. The first `Err` the
    /// stream yields stops it and is returned; the batches before it stay written.
    pub fn put_place_stream(
        &self,
        entries: impl IntoIterator<Item = Result<Entry>>,
    ) -> Result<usize> {
        let _writer = self.lock_writer();
        let mut written = 0;
        let mut batch = sled::Batch::default();
        let mut pending = 0;
        for entry in entries {
            let entry = entry?;
            let id = entry.geonameid.ok_or_else(|| {
                Error::Invalid(format!(
                    "gazetteer entry {:?} has no GeoNames id",
                    entry.name
                ))
            })?;
            batch.insert(Key::Place(id).encode(), encode_entry(&entry)?);
            pending += 1;
            if pending == BATCH {
                self.apply(std::mem::take(&mut batch))?;
                written += pending;
                pending = 0;
            }
        }
        if pending > 0 {
            self.apply(batch)?;
            written += pending;
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
