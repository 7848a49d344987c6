//! Whole-store `count`, `top` and `timeline` come from the rollups kept at ingest
//! (`query::aggregate`); they must answer exactly as the same stage over the rows does, through
//! ingest, delete, repair and reopening the store.

use chrono::NaiveDate;
use geochron::{Db, Result};

/// Every aggregate the rollups answer, against the same aggregate forced down the row path
/// by a filter every example event passes; a refusal (a timeline by day over the examples'
/// thirteen years is too long) must be the same refusal.
fn assert_rollups_match_rows(db: &Db) -> Result<()> {
    let today = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or_default();
    for stages in [
        "count",
        "count by country",
        "count by kind",
        "count by actor",
        "top 3 actor",
        "top 5 kind | select kind",
        "count by country | sort count desc | limit 4",
        "timeline by month",
        "timeline by day",
        "timeline by week",
        "timeline",
        "timeline by year | sort count desc",
    ] {
        let answer = |query: String| db.query_at(&query, today).map_err(|e| e.to_string());
        let fast = answer(format!("events | {stages}"));
        let rows = answer(format!("events where date >= 1900 | {stages}"));
        assert_eq!(
            format!("{fast:?}"),
            format!("{rows:?}"),
            "`{stages}` differs"
        );
    }
    Ok(())
}

#[test]
fn rollups_answer_like_the_rows_through_ingest_delete_and_reopen() -> Result<()> {
    let folder = tempfile::tempdir().map_err(|source| geochron::Error::Io {
        path: "tempdir".into(),
        source,
    })?;
    let path = folder.path().join("store");
    let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/articles");
    let deleted = {
        let db = Db::open(&path)?;
        assert_rollups_match_rows(&db)?;
        db.ingest_path(examples)?;
        assert!(db.store().rollups_ready()?);
        assert_rollups_match_rows(&db)?;
        let first = db.store().articles().next().transpose()?;
        let id = first.map(|a| a.id);
        if let Some(id) = id {
            assert!(db.delete_article(id)?);
        }
        assert_rollups_match_rows(&db)?;
        db.repair()?;
        assert_rollups_match_rows(&db)?;
        id
    };
    assert!(deleted.is_some());
    let db = Db::open(&path)?;
    assert_rollups_match_rows(&db)?;
    Ok(())
}
