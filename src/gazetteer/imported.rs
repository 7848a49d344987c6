//! Imported entries read by name from an index kept elsewhere (the store's, see
//! `store::places`), so that a gazetteer over millions of imported entries holds none of them:
//! a lookup reads the few entries its name has, completion reads a bounded stretch of names,
//! and only a scan of every place reads them all, one at a time. Owns the contract between
//! the gazetteer and such an index; never decides what a name means (that is [`super::lookup`]).

use std::fmt::Debug;

use crate::error::Result;

use super::Entry;

/// Index rows a completion reads at most, however common the prefix: "s" starts millions of
/// imported names; the most populous of the first this many (in key order) are offered.
pub const PREFIX_ROWS: usize = 20_000;

/// Entries a lookup of one name reads at most: the most populous. A name thousands of places
/// share ("San Antonio", "Mill Creek" in allCountries) would otherwise cost a read each.
pub const NAMED_ENTRIES: usize = 256;

/// Imported gazetteer entries found by the index keys of their names ([`super::names::name_key`]
/// of the name and of each alternate name).
///
/// Invariant: an entry is filed under the key of every name it has and under no other; an
/// entry replaced (same GeoNames id) is filed under the new names only.
pub trait NameIndex: Debug + Send + Sync {
    /// The entries filed under `key`, in GeoNames id order: all of them, or the
    /// [`NAMED_ENTRIES`] most populous when more are.
    fn entries_named(&self, key: &str) -> Result<Vec<Entry>>;

    /// Whether any entry is filed under `key`.
    fn has_name(&self, key: &str) -> Result<bool>;

    /// Whether any entry is filed under a key that starts with `start`.
    fn has_name_starting(&self, start: &str) -> Result<bool>;

    /// Entries filed under keys that start with `start`, the most populous first, at most
    /// `limit`: chosen among the first [`PREFIX_ROWS`] index rows, so the cost is bounded.
    fn entries_starting(&self, start: &str, limit: usize) -> Result<Vec<Entry>>;

    /// Every entry, in GeoNames id order, read one at a time.
    fn entries(&self) -> Box<dyn Iterator<Item = Result<Entry>> + Send + '_>;
}
