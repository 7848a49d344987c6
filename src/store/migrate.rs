//! Moving a store of the format before this one to this one, in place, when it is opened.
//!
//! Format 2 kept the article text as it is and a covering row (the event's row, some 270
//! bytes) under every index; format 3 keeps the text as a zstd frame and thin country, kind
//! and actor rows (see `index`). The rewrite reads no event: an article is decoded and
//! encoded again, a covering row becomes the thin row of its own head and its key's event.
//! It goes in batches, and the format marker is written last: a rewrite cut short leaves a
//! store of format 2 whose values are of either layout (every reader decodes both), and the
//! next open goes on from where it stopped. A value that does not decode is left as it is,
//! for `check` to report: a rewrite loses nothing.
//!
//! Older formats (1) and newer ones are refused at open with the way to move them: `dump`
//! with the geochron that wrote the store, `restore` into a fresh one ([`Error::FormatVersion`]).
//!
//! [`Error::FormatVersion`]: crate::Error::FormatVersion

use crate::error::Result;

use super::codec::{
    VALUE_VERSION, decode_article, encode_article, encode_format, thin_of_covering, thin_row_event,
};
use super::index::is_thin;
use super::keys::{Index, Key, KeyPrefix};
use super::{FORMAT_VERSION, Store};

/// The format this build rewrites in place to [`FORMAT_VERSION`].
pub const MIGRATES_FROM: u32 = 2;

/// Values rewritten per batch: as a bulk load's (DESIGN.md, "Storage").
const BATCH_VALUES: usize = 1000;

/// What a rewrite changed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Migration {
    /// Articles whose text was compressed.
    pub articles: u64,
    /// Covering country, kind and actor rows made thin.
    pub rows: u64,
}

impl Store {
    /// Rewrites a store of format [`MIGRATES_FROM`] as [`FORMAT_VERSION`], then records the
    /// new format and flushes. The writer lock must be free: it is taken here.
    pub(super) fn migrate(&self) -> Result<Migration> {
        let _writer = self.lock_writer();
        let mut done = Migration::default();
        let mut batch = sled::Batch::default();
        let mut pending = 0;
        let rewrite = |batch: &mut sled::Batch, pending: &mut usize| -> Result<()> {
            *pending += 1;
            if *pending >= BATCH_VALUES {
                self.apply(std::mem::take(batch))?;
                *pending = 0;
            }
            Ok(())
        };
        for row in self.db.scan_prefix(KeyPrefix::Article.encode()) {
            let (key, value) = row?;
            if value.first() != Some(&VALUE_VERSION) {
                continue;
            }
            let Ok(article) = decode_article(&value) else {
                continue;
            };
            batch.insert(key, encode_article(&article)?);
            done.articles += 1;
            rewrite(&mut batch, &mut pending)?;
        }
        for index in Index::ALL.iter().copied().filter(|&i| is_thin(i)) {
            for row in self.db.scan_prefix(index.prefix().encode()) {
                let (key, value) = row?;
                // A thin row already, or a value that does not decode: left as it is.
                if !matches!(thin_row_event(&value), Ok(None)) {
                    continue;
                }
                let Some(event) = Key::decode(&key).ok().and_then(|k| k.indexed_event()) else {
                    continue;
                };
                let Ok(thin) = thin_of_covering(&value, event) else {
                    continue;
                };
                batch.insert(key, thin);
                done.rows += 1;
                rewrite(&mut batch, &mut pending)?;
            }
        }
        batch.insert(
            Key::Meta("format".into()).encode(),
            encode_format(FORMAT_VERSION),
        );
        self.apply(batch)?;
        self.flush_and_seal()?;
        Ok(done)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Db;
    use crate::query::QueryResult;
    use crate::store::codec::{
        ARTICLE_LAYOUT, THIN_LAYOUT, decode_format, decode_row, encode_index_row,
    };

    /// Queries that read every index, the articles and their text.
    const QUERIES: &[&str] = &[
        "events",
        "events where country = IQ",
        "events where country in (NG, SY, SO) and date in 2015..2025",
        "events where kind = violence_against_civilians",
        "events where kind = battle and date overlaps 2019..2021",
        "events where actor ~ \"state\"",
        "events where actor ~ \"a\" | sort date desc | limit 5",
        "events where text ~ \"killed\"",
        "events where within bbox(-90, -180, 90, 180) and kind = explosion_remote_violence",
        "events | count by country",
        "articles",
        "articles where text ~ \"police\"",
    ];

    fn answers(db: &Db) -> Result<Vec<QueryResult>> {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default();
        QUERIES
            .iter()
            .map(|q| db.run(&crate::query::parse(q)?, today))
            .collect()
    }

    /// Rewrites a store of this format as format 2 wrote it: article text as it is (value
    /// layout 1), a covering row under every index, the marker 2.
    fn as_format_2(store: &Store) -> Result<()> {
        let mut batch = sled::Batch::default();
        for row in store.db.scan_prefix(KeyPrefix::Article.encode()) {
            let (key, value) = row?;
            let article = decode_article(&value)?;
            batch.insert(key, super::super::codec::encode_article_plain(&article)?);
        }
        for index in [Index::Country, Index::Kind, Index::Actor] {
            for row in store.db.scan_prefix(index.prefix().encode()) {
                let (key, _) = row?;
                let event = Key::decode(&key)?
                    .indexed_event()
                    .unwrap_or(crate::model::EventId(0));
                let bytes = store
                    .db
                    .get(Key::Event(event).encode())?
                    .unwrap_or_default();
                let row = decode_row(&bytes)?;
                let covering = encode_index_row(&row.event, row.published, row.source.as_deref())?;
                batch.insert(key, covering);
            }
        }
        batch.insert(
            Key::Meta("format".into()).encode(),
            encode_format(MIGRATES_FROM),
        );
        store.apply(batch)?;
        store.flush()
    }

    /// The layout bytes of every article and every thin index's rows.
    fn layouts(store: &Store) -> Result<Vec<u8>> {
        let mut prefixes = vec![KeyPrefix::Article];
        prefixes.extend([Index::Country, Index::Kind, Index::Actor].map(Index::prefix));
        let mut layouts = Vec::new();
        for prefix in prefixes {
            for value in store.db.scan_prefix(prefix.encode()).values() {
                layouts.push(value?.first().copied().unwrap_or_default());
            }
        }
        layouts.sort_unstable();
        layouts.dedup();
        Ok(layouts)
    }

    #[test]
    fn a_format_2_store_is_rewritten_at_open_and_answers_the_same() -> Result<()> {
        let dir = tempfile::tempdir().map_err(|e| crate::Error::Invalid(e.to_string()))?;
        let path = dir.path().join("old.db");
        let before = {
            let db = Db::open(&path)?;
            db.ingest_path("examples/articles")?;
            answers(&db)?
        };
        assert!(matches!(&before[0], QueryResult::Events { rows, .. } if rows.len() > 20));
        {
            let store = Store::open(&path)?;
            as_format_2(&store)?;
            assert_eq!(
                layouts(&store)?,
                [VALUE_VERSION, super::super::codec::ROW_LAYOUT]
            );
        }
        let db = Db::open(&path)?;
        let store = db.store();
        let format = store.db.get(Key::Meta("format".into()).encode())?;
        assert_eq!(decode_format(&format.unwrap_or_default())?, FORMAT_VERSION);
        assert_eq!(layouts(store)?, [ARTICLE_LAYOUT, THIN_LAYOUT]);
        assert_eq!(answers(&db)?, before);
        assert!(db.check()?.is_clean(), "{:?}", db.check()?);
        // Once rewritten, opening again changes nothing.
        drop(db);
        let db = Db::open(&path)?;
        assert_eq!(db.store().migrate()?, Migration::default());
        assert_eq!(answers(&db)?, before);
        Ok(())
    }
}
