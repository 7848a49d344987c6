//! What the store's bytes are spent on: live key and value bytes per key family, beside the
//! size of sled's files. For the benchmark's size breakdown and for deciding what to shrink;
//! reads every key once, so it costs a full scan.

use crate::error::Result;

use super::Store;
use super::keys::family_of_tag;

/// The live bytes of one key family (or of the rollups tree).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Footprint {
    /// The family's name: `article`, `event`, an index's name, `meta`, `place`, `rollups`.
    pub family: &'static str,
    /// How many keys it has.
    pub keys: u64,
    /// The bytes of its keys.
    pub key_bytes: u64,
    /// The bytes of its values.
    pub value_bytes: u64,
}

impl Store {
    /// The live bytes of every key family, in key order, then the rollups tree. Their sum
    /// against [`Store::stats`]' `disk_bytes` is sled's space amplification.
    pub fn footprint(&self) -> Result<Vec<Footprint>> {
        let mut families: Vec<Footprint> = Vec::new();
        for row in self.db.iter() {
            let (key, value) = row?;
            let family = family_of_tag(key.first().copied().unwrap_or(u8::MAX));
            let (key_bytes, value_bytes) = (key.len() as u64, value.len() as u64);
            match families.last_mut() {
                Some(last) if last.family == family => {
                    last.keys += 1;
                    last.key_bytes += key_bytes;
                    last.value_bytes += value_bytes;
                }
                _ => families.push(Footprint {
                    family,
                    keys: 1,
                    key_bytes,
                    value_bytes,
                }),
            }
        }
        let mut rollups = Footprint {
            family: "rollups",
            ..Footprint::default()
        };
        for row in self.rollups.iter() {
            let (key, value) = row?;
            rollups.keys += 1;
            rollups.key_bytes += key.len() as u64;
            rollups.value_bytes += value.len() as u64;
        }
        families.push(rollups);
        Ok(families)
    }
}
