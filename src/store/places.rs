//! Imported gazetteer entries: what `geochron gazetteer import` keeps, one `Key::Place` row per
//! GeoNames id, so a later import of the same dump replaces rows instead of adding twins, and
//! their name index, one `Key::PlaceName` row per index key of each entry's names, written in
//! the same batch as the entry. Owns their reading and writing and the index the gazetteer
//! reads them through ([`StoredNames`]); what they mean is the gazetteer's business.

use crate::error::{Error, Result};
use crate::gazetteer::Entry;
use crate::gazetteer::fast_hash::FastSet;
use crate::gazetteer::imported::{NAMED_ENTRIES, NameIndex, PREFIX_ROWS};

use super::codec::{decode_entry, encode_entry};
use super::keys::{Key, KeyPrefix};
use super::{Store, guard};

/// Entries written per sled batch: a dump of millions of rows goes in steps of bounded memory.
/// Small, because sled 0.34 holds on to more per row after bigger batches (measured importing a
/// generated 12-million-row dump without the name index: peak RSS 1.05 GB with batches of
/// 1000, 0.88 GB with 500, and 1.17 GB for only 300k rows with 10000).
///
/// With the name index beside the entries, sled's memory grows with the import again: a dump
/// of `tools/gen_geonames_dump.py` took 45 s and 0.82 GB for 1M rows, 226 s and 3.6 GB for 3M,
/// and passed 6.7 GB within 2.5 minutes of 12M (name rows land all over the keyspace, where
/// entries arrive in id order). Writing the name rows after the entries, in key order from
/// sorted runs, did not help (1.79 GB for 1M rows). Open: see the issue note.
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
        // Into a store with no entries yet (the usual first import) nothing is replaced, and
        // the read of each id's entry before can be spared, but for a repeat within a batch.
        // (A GeoNames dump has no repeats; one further apart keeps its first names too.)
        let replacing = self.holds_places()?;
        let mut written = 0;
        let mut batch = sled::Batch::default();
        let mut pending: FastSet<u32> = FastSet::default();
        for entry in entries {
            let entry = entry?;
            let id = entry.geonameid.ok_or_else(|| {
                Error::Invalid(format!(
                    "gazetteer entry {:?} has no GeoNames id",
                    entry.name
                ))
            })?;
            let keys = entry.name_keys();
            // The first of a repeat goes first, so the second's read finds it.
            let repeated = pending.contains(&id);
            if repeated {
                self.apply(std::mem::take(&mut batch))?;
                written += pending.len();
                pending.clear();
            }
            if replacing || repeated {
                self.unfile_replaced(id, &keys, &mut batch)?;
            }
            batch.insert(Key::Place(id).encode(), encode_entry(&entry)?);
            file_names(&mut batch, id, &keys, entry.population);
            pending.insert(id);
            if pending.len() == BATCH {
                self.apply(std::mem::take(&mut batch))?;
                written += pending.len();
                pending.clear();
            }
        }
        if !pending.is_empty() {
            self.apply(batch)?;
            written += pending.len();
        }
        self.flush_and_seal()?;
        Ok(written)
    }

    /// Removes from `batch` the name rows of the entry stored under `id` that its replacement,
    /// found by `keys`, does not have. Reads the stored entry: a batch not applied yet holds
    /// rows it reads past, which is why a batch holding `id` already is applied first.
    fn unfile_replaced(&self, id: u32, keys: &[String], batch: &mut sled::Batch) -> Result<()> {
        let Some(stored) = self.db.get(Key::Place(id).encode())? else {
            return Ok(());
        };
        // An entry that does not decode has rows `check` reports; they point at the new one.
        let Ok(stored) = decode_entry(&stored) else {
            return Ok(());
        };
        for key in stored.name_keys() {
            if !keys.contains(&key) {
                batch.remove(
                    Key::PlaceName {
                        name: key,
                        place: id,
                    }
                    .encode(),
                );
            }
        }
        Ok(())
    }

    /// Whether any gazetteer entry is stored.
    fn holds_places(&self) -> Result<bool> {
        Ok(self
            .db
            .scan_prefix(KeyPrefix::Place.encode())
            .next()
            .transpose()?
            .is_some())
    }

    /// Every stored gazetteer entry, in GeoNames id order, all in memory: for a dump or a test.
    /// A lookup reads them by name through [`Store::place_names`].
    pub fn places(&self) -> Result<Vec<Entry>> {
        self.place_names().entries().collect()
    }

    /// The stored gazetteer entries as an index by name, for
    /// [`crate::gazetteer::Gazetteer::with_index`]: it reads the store when asked, and holds
    /// nothing else.
    pub fn place_names(&self) -> StoredNames {
        StoredNames {
            tree: self.db.clone(),
        }
    }

    /// Files every stored entry under the keys of its names: the name index a store of format
    /// 4 lacks. Returns how many entries were filed. The caller holds the writer lock (the
    /// format's rewrite, `migrate`); rows already there are written again, unchanged.
    pub(super) fn file_place_names(&self) -> Result<u64> {
        let mut filed = 0;
        let mut batch = sled::Batch::default();
        let mut pending = 0;
        for value in self.db.scan_prefix(KeyPrefix::Place.encode()).values() {
            // An entry that does not decode is left for `check` to report.
            let Ok(entry) = decode_entry(&value?) else {
                continue;
            };
            let Some(id) = entry.geonameid else {
                continue;
            };
            file_names(&mut batch, id, &entry.name_keys(), entry.population);
            filed += 1;
            pending += 1;
            if pending == BATCH {
                self.apply(std::mem::take(&mut batch))?;
                pending = 0;
            }
        }
        if pending > 0 {
            self.apply(batch)?;
        }
        Ok(filed)
    }
}

/// Adds the name rows of entry `id` to `batch`: one per index key, valued by its population.
fn file_names(batch: &mut sled::Batch, id: u32, keys: &[String], population: u64) {
    for key in keys {
        let row = Key::PlaceName {
            name: key.clone(),
            place: id,
        };
        batch.insert(row.encode(), &population.to_be_bytes());
    }
}

/// The stored gazetteer entries, read through their name index ([`Key::PlaceName`]).
#[derive(Clone)]
pub struct StoredNames {
    tree: guard::Tree,
}

impl std::fmt::Debug for StoredNames {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StoredNames")
    }
}

impl StoredNames {
    /// The entry stored under `id`; `None` when there is none (a name row whose entry is gone
    /// is reported by `check`, not here).
    fn entry(&self, id: u32) -> Result<Option<Entry>> {
        self.tree
            .get(Key::Place(id).encode())?
            .map(|value| decode_entry(&value))
            .transpose()
    }

    /// The GeoNames id and population of one name row.
    fn name_row(key: &[u8], value: &[u8]) -> Result<(u32, u64)> {
        let Key::PlaceName { place, .. } = Key::decode(key)? else {
            return Err(Error::Corrupt(
                "a key under the place name prefix is no place name".into(),
            ));
        };
        let population = <[u8; 8]>::try_from(value)
            .map(u64::from_be_bytes)
            .map_err(|_| {
                Error::Corrupt(format!(
                    "the name row of place {place} holds {} bytes, not a population",
                    value.len()
                ))
            })?;
        Ok((place, population))
    }
}

impl NameIndex for StoredNames {
    fn entries_named(&self, key: &str) -> Result<Vec<Entry>> {
        let mut rows: Vec<(u64, u32)> = Vec::new();
        for row in self
            .tree
            .scan_prefix(KeyPrefix::PlaceName(key.to_string()).encode())
        {
            let (row_key, value) = row?;
            let (id, population) = StoredNames::name_row(&row_key, &value)?;
            rows.push((population, id));
        }
        if rows.len() > NAMED_ENTRIES {
            rows.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            rows.truncate(NAMED_ENTRIES);
            rows.sort_unstable_by_key(|&(_, id)| id);
        }
        let mut found = Vec::with_capacity(rows.len());
        for (_, id) in rows {
            // A row an id repeated further apart than a batch left names it no more.
            found.extend(
                self.entry(id)?
                    .filter(|e| e.name_keys().iter().any(|k| k == key)),
            );
        }
        Ok(found)
    }

    fn has_name(&self, key: &str) -> Result<bool> {
        let prefix = KeyPrefix::PlaceName(key.to_string()).encode();
        Ok(self.tree.scan_prefix(prefix).next().transpose()?.is_some())
    }

    fn has_name_starting(&self, start: &str) -> Result<bool> {
        let prefix = KeyPrefix::PlaceNameStart(start.to_string()).encode();
        Ok(self.tree.scan_prefix(prefix).next().transpose()?.is_some())
    }

    fn entries_starting(&self, start: &str, limit: usize) -> Result<Vec<Entry>> {
        let prefix = KeyPrefix::PlaceNameStart(start.to_string()).encode();
        let mut rows: Vec<(u64, u32)> = Vec::new();
        for row in self.tree.scan_prefix(prefix).take(PREFIX_ROWS) {
            let (key, value) = row?;
            let (id, population) = StoredNames::name_row(&key, &value)?;
            rows.push((population, id));
        }
        // The most populous first; an entry found by two of its names is read once.
        rows.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut ids: Vec<u32> = Vec::with_capacity(limit);
        for (_, id) in rows {
            if ids.len() == limit {
                break;
            }
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        let mut found = Vec::with_capacity(ids.len());
        for id in ids {
            found.extend(self.entry(id)?);
        }
        Ok(found)
    }

    fn entries(&self) -> Box<dyn Iterator<Item = Result<Entry>> + Send + '_> {
        Box::new(
            self.tree
                .scan_prefix(KeyPrefix::Place.encode())
                .values()
                .map(|value| decode_entry(&value?)),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::GeoPrecision;

    fn entry(id: u32, name: &str, alternates: &[&str], population: u64) -> Entry {
        Entry {
            geonameid: Some(id),
            name: name.into(),
            alternate_names: alternates.iter().map(|a| a.to_string()).collect(),
            country: None,
            admin1: None,
            lat: 1.0,
            lon: 2.0,
            population,
            precision: GeoPrecision::City,
        }
    }

    fn ids(entries: &[Entry]) -> Vec<Option<u32>> {
        entries.iter().map(|e| e.geonameid).collect()
    }

    #[test]
    fn entries_are_found_by_each_name_and_only_by_their_current_names() -> Result<()> {
        let store = Store::temporary()?;
        store.put_places(&[
            entry(7, "Qzvorth Alpha", &["Ksar Alpha"], 10),
            entry(8, "Qzvorth Beta", &[], 900),
            // A repeat within one batch replaces the first.
            entry(9, "Qzvorth Gola", &[], 1),
            entry(9, "Qzvorth Delta", &[], 1),
        ])?;
        let names = store.place_names();
        assert_eq!(ids(&names.entries_named("ksar alpha")?), [Some(7)]);
        assert!(names.has_name("qzvorth beta")?);
        assert!(!names.has_name("qzvorth gola")?);
        assert_eq!(ids(&names.entries_named("qzvorth delta")?), [Some(9)]);
        assert!(names.has_name_starting("qzvorth ")?);
        assert!(!names.has_name_starting("qzvorthx")?);
        // The most populous first, each entry once though two of its names match.
        let started = names.entries_starting("qzvorth", 10)?;
        assert_eq!(ids(&started), [Some(8), Some(7), Some(9)]);
        assert_eq!(ids(&names.entries_starting("qzvorth", 1)?), [Some(8)]);
        // Imported again with another name, the old one finds nothing.
        store.put_places(&[entry(7, "Qzvorth Omega", &[], 10)])?;
        assert!(names.entries_named("ksar alpha")?.is_empty());
        assert_eq!(ids(&names.entries_named("qzvorth omega")?), [Some(7)]);
        assert_eq!(store.places()?.len(), 3);
        Ok(())
    }

    #[test]
    fn a_name_many_entries_share_reads_the_most_populous() -> Result<()> {
        let store = Store::temporary()?;
        let many = (0..NAMED_ENTRIES as u32 + 50)
            .map(|i| entry(1000 + i, "Qzvorth Mill", &[], u64::from(i)))
            .collect::<Vec<_>>();
        store.put_places(&many)?;
        let found = store.place_names().entries_named("qzvorth mil")?;
        assert_eq!(found.len(), NAMED_ENTRIES);
        assert!(found.iter().all(|e| e.population >= 50));
        assert!(found.windows(2).all(|w| w[0].geonameid < w[1].geonameid));
        Ok(())
    }

    #[test]
    fn a_store_without_the_name_index_gets_it_from_its_entries() -> Result<()> {
        let store = Store::temporary()?;
        store.put_places(&[entry(7, "Qzvorth Alpha", &["Ksar Alpha"], 10)])?;
        // As format 4 kept them: the entries, no name rows.
        let rows: Vec<_> = store
            .db
            .scan_prefix(KeyPrefix::PlaceNames.encode())
            .keys()
            .collect::<Result<_>>()?;
        let mut batch = sled::Batch::default();
        for key in rows {
            batch.remove(key);
        }
        store.apply(batch)?;
        assert!(!store.place_names().has_name("ksar alpha")?);
        assert_eq!(store.file_place_names()?, 1);
        assert_eq!(
            ids(&store.place_names().entries_named("ksar alpha")?),
            [Some(7)]
        );
        Ok(())
    }
}
