//! Moving a store of an earlier format to this one, in place, when it is opened.
//!
//! Format 2 kept the article text as it is and a covering row (the event's row, some 270
//! bytes) under every index; format 3 keeps the text as a zstd frame and thin country, kind
//! and actor rows; format 4 makes the actor rows covering again (see `index`). The rewrite
//! brings every row to the layout its index has now: an article of format 2 is decoded and
//! encoded again, a covering country or kind row becomes the thin row of its own head and its
//! key's event, and a thin actor row (format 3) becomes the covering row of the event it
//! points at, read by key. It goes in batches, and the format marker is written last: a
//! rewrite cut short leaves a store of the old format whose values are of either layout
//! (every reader decodes both), and the next open goes on from where it stopped. A value
//! that does not decode is left as it is, for `check` to report: a rewrite loses nothing.
//!
//! Older formats (1) and newer ones are refused at open with the way to move them: `dump`
//! with the geochron that wrote the store, `restore` into a fresh one ([`Error::FormatVersion`]).
//!
//! [`Error::FormatVersion`]: crate::Error::FormatVersion

use crate::error::Result;

use super::codec::{
    VALUE_VERSION, decode_article, decode_row, encode_article, encode_format, encode_index_row,
    thin_of_covering, thin_row_event,
};
use super::index::is_thin;
use super::keys::{Index, Key, KeyPrefix};
use super::{FORMAT_VERSION, Store};

/// The formats this build rewrites in place to [`FORMAT_VERSION`].
pub const MIGRATES_FROM: [u32; 3] = [2, 3, 4];

/// The indexes whose rows' layout changed between formats 2, 3 and 4.
const REWRITTEN: [Index; 3] = [Index::Country, Index::Kind, Index::Actor];

/// Values rewritten per batch: as a bulk load's (DESIGN.md, "Storage").
const BATCH_VALUES: usize = 1000;

/// What a rewrite changed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Migration {
    /// Articles whose text was compressed.
    pub articles: u64,
    /// Covering country and kind rows made thin.
    pub rows: u64,
    /// Thin actor rows made covering.
    pub covered: u64,
    /// Imported gazetteer entries filed in the name index (format 5, `places`).
    pub places_named: u64,
}

impl Store {
    /// Rewrites a store of a format in [`MIGRATES_FROM`] as [`FORMAT_VERSION`], then records
    /// the new format and flushes. The writer lock must be free: it is taken here.
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
        for index in REWRITTEN {
            let thin = is_thin(index);
            for row in self.db.scan_prefix(index.prefix().encode()) {
                let (key, value) = row?;
                let Some(event) = Key::decode(&key).ok().and_then(|k| k.indexed_event()) else {
                    continue;
                };
                // A row of the layout its index has now, or a value that does not decode:
                // left as it is.
                let rewritten = match (thin, thin_row_event(&value)) {
                    (true, Ok(None)) => thin_of_covering(&value, event).ok(),
                    (false, Ok(Some(_))) => self.covering_row(event)?,
                    _ => None,
                };
                let Some(rewritten) = rewritten else {
                    continue;
                };
                batch.insert(key, rewritten);
                if thin {
                    done.rows += 1;
                } else {
                    done.covered += 1;
                }
                rewrite(&mut batch, &mut pending)?;
            }
        }
        self.apply(std::mem::take(&mut batch))?;
        done.places_named = self.file_place_names()?;
        batch.insert(
            Key::Meta("format".into()).encode(),
            encode_format(FORMAT_VERSION),
        );
        self.apply(batch)?;
        self.flush_and_seal()?;
        Ok(done)
    }

    /// The covering index row of a stored event, from its `Event(id)` row; `None` when the
    /// event is missing or does not decode (for `check` to report).
    fn covering_row(&self, event: crate::model::EventId) -> Result<Option<Vec<u8>>> {
        let Some(bytes) = self.db.get(Key::Event(event).encode())? else {
            return Ok(None);
        };
        let Ok(row) = decode_row(&bytes) else {
            return Ok(None);
        };
        Ok(encode_index_row(&row.event, row.published, row.source.as_deref()).ok())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Db;
    use crate::query::QueryResult;
    use crate::store::codec::{
        ARTICLE_LAYOUT, ROW_LAYOUT, THIN_LAYOUT, decode_format, encode_thin_row,
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

    /// Rewrites a store of this format as format 2 (`old` 2: article text as it is, value
    /// layout 1, a covering row under every index) or format 3 (`old` 3: thin actor rows)
    /// wrote it, with its marker.
    fn as_format(store: &Store, old: u32) -> Result<()> {
        let mut batch = sled::Batch::default();
        if old == 2 {
            for row in store.db.scan_prefix(KeyPrefix::Article.encode()) {
                let (key, value) = row?;
                let article = decode_article(&value)?;
                batch.insert(key, super::super::codec::encode_article_plain(&article)?);
            }
        }
        for index in REWRITTEN {
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
                let value = if old == 2 {
                    encode_index_row(&row.event, row.published, row.source.as_deref())?
                } else if index == Index::Actor {
                    encode_thin_row(&row.event)
                } else {
                    continue;
                };
                batch.insert(key, value);
            }
        }
        batch.insert(Key::Meta("format".into()).encode(), encode_format(old));
        store.apply(batch)?;
        store.flush()
    }

    /// The layout bytes of the articles, of the country and kind rows, and of the actor rows.
    fn layouts(store: &Store) -> Result<[Vec<u8>; 3]> {
        let of = |prefixes: &[KeyPrefix]| -> Result<Vec<u8>> {
            let mut layouts = Vec::new();
            for prefix in prefixes {
                for value in store.db.scan_prefix(prefix.encode()).values() {
                    layouts.push(value?.first().copied().unwrap_or_default());
                }
            }
            layouts.sort_unstable();
            layouts.dedup();
            Ok(layouts)
        };
        Ok([
            of(&[KeyPrefix::Article])?,
            of(&[Index::Country.prefix(), Index::Kind.prefix()])?,
            of(&[Index::Actor.prefix()])?,
        ])
    }

    /// A store of format `old` is rewritten at open: the layouts of this format, the same
    /// answers, a clean check, and nothing more to do at the next open.
    fn rewritten_at_open(old: u32, old_layouts: [Vec<u8>; 3]) -> Result<()> {
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
            as_format(&store, old)?;
            assert_eq!(layouts(&store)?, old_layouts);
        }
        let db = Db::open(&path)?;
        let store = db.store();
        let format = store.db.get(Key::Meta("format".into()).encode())?;
        assert_eq!(decode_format(&format.unwrap_or_default())?, FORMAT_VERSION);
        assert_eq!(
            layouts(store)?,
            [vec![ARTICLE_LAYOUT], vec![THIN_LAYOUT], vec![ROW_LAYOUT]]
        );
        assert_eq!(answers(&db)?, before);
        assert!(db.check()?.is_clean(), "{:?}", db.check()?);
        // Once rewritten, opening again changes nothing.
        drop(db);
        let db = Db::open(&path)?;
        assert_eq!(db.store().migrate()?, Migration::default());
        assert_eq!(answers(&db)?, before);
        Ok(())
    }

    #[test]
    fn a_format_2_store_is_rewritten_at_open_and_answers_the_same() -> Result<()> {
        let covering = vec![ROW_LAYOUT];
        rewritten_at_open(2, [vec![VALUE_VERSION], covering.clone(), covering])
    }

    #[test]
    fn a_format_3_store_is_rewritten_at_open_and_answers_the_same() -> Result<()> {
        let thin = vec![THIN_LAYOUT];
        rewritten_at_open(3, [vec![ARTICLE_LAYOUT], thin.clone(), thin])
    }
}
