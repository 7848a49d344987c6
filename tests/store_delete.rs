//! Deleting an article removes it, its events and every index row, and nothing else.

mod store_common;

use geochron::model::ArticleId;
use geochron::store::Store;
use store_common::{Rng, random_article};

/// The rows without the raw key bytes the dump shows in brackets after each key.
fn without_raw_bytes(rows: &[String]) -> Vec<String> {
    rows.iter()
        .map(|row| match (row.find(" ["), row.find("] ")) {
            (Some(open), Some(close)) if open < close => {
                format!("{}{}", &row[..open], &row[close + 1..])
            }
            _ => row.clone(),
        })
        .collect()
}

/// How many batches the store has committed (its `Meta "commits"` row).
fn commits(store: &Store) -> u64 {
    let rows: Vec<String> = store.dump().collect::<Result<_, _>>().expect("dump");
    let row = rows
        .iter()
        .find(|row| row.starts_with("Meta \"commits\""))
        .expect("a commit counter");
    row.rsplit(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .expect("a count")
}

/// Every row but the commit counter, which every write moves on.
fn raw_rows(store: &Store) -> Vec<String> {
    let rows: Vec<String> = store.dump().collect::<Result<_, _>>().expect("dump");
    rows.into_iter()
        .filter(|row| !row.starts_with("Meta \"commits\""))
        .collect()
}

#[test]
fn delete_removes_every_row_of_the_article() {
    let store = Store::temporary().expect("temporary store");
    let mut rng = Rng::new(10);
    let (kept, kept_events) = random_article(&mut rng, "delete", 0, 6);
    assert!(store.put_article(&kept, &kept_events).expect("put"));
    let baseline = raw_rows(&store);

    let (doomed, doomed_events) = random_article(&mut rng, "delete", 1, 9);
    assert!(store.put_article(&doomed, &doomed_events).expect("put"));
    assert!(raw_rows(&store).len() > baseline.len() + 9);

    assert!(store.delete_article(doomed.id).expect("delete"));
    let mut expected = without_raw_bytes(&baseline);
    expected.push(format!(
        "FirstIngest {} {}",
        doomed.id,
        doomed.ingested_at.to_rfc3339()
    ));
    let rows = raw_rows(&store);
    assert_eq!(
        without_raw_bytes(&rows),
        expected,
        "the store is as before, but for the article's kept first ingest time"
    );
    assert_eq!(store.get_article(doomed.id).expect("get"), None);
    for event in &doomed_events {
        assert_eq!(store.get_event(event.id).expect("get"), None);
    }
    assert!(store.check().expect("check").is_clean());
    assert!(!store.delete_article(doomed.id).expect("second delete"));
    assert!(!store.delete_article(ArticleId(99)).expect("unknown"));

    // Deleted articles can come back.
    assert!(
        store
            .put_article(&doomed, &doomed_events)
            .expect("put again")
    );
    assert_eq!(
        store.article_events(doomed.id).expect("events"),
        doomed_events
    );
}

#[test]
fn deleting_everything_leaves_only_the_format_marker() {
    let store = Store::temporary().expect("temporary store");
    let mut rng = Rng::new(11);
    let items: Vec<_> = (0..40)
        .map(|n| random_article(&mut rng, "all", n, 5))
        .collect();
    let refs = items.iter().map(|(a, e)| (a, e.as_slice()));
    assert_eq!(store.put_articles(refs).expect("bulk"), 40);
    for (article, _) in &items {
        assert!(store.delete_article(article.id).expect("delete"));
    }
    let rows = raw_rows(&store);
    assert_eq!(
        rows.len(),
        1 + 40,
        "the format marker and 40 ingest times: {rows:?}"
    );
    assert_eq!(
        rows.iter()
            .filter(|r| r.starts_with("FirstIngest "))
            .count(),
        40
    );
    let stats = store.stats().expect("stats");
    assert_eq!((stats.articles, stats.events), (0, 0));
    assert!(stats.rows.iter().all(|(_, n)| *n == 0));
}

#[test]
fn a_deleted_article_ingested_again_keeps_its_first_ingest_time() {
    let store = Store::temporary().expect("temporary store");
    let mut rng = Rng::new(12);
    let (article, events) = random_article(&mut rng, "again", 0, 4);
    let first = article.ingested_at;
    assert!(store.put_article(&article, &events).expect("put"));

    // The delete and the keeping of the time are one batch: a crash leaves both or neither.
    let before = commits(&store);
    assert!(store.delete_article(article.id).expect("delete"));
    assert_eq!(commits(&store), before + 1, "one batch");
    assert!(
        raw_rows(&store)
            .iter()
            .any(|r| r.starts_with(&format!("FirstIngest {}", article.id)))
    );
    let report = store.check().expect("check");
    assert!(report.is_clean(), "a kept time is not dangling: {report:?}");

    // Ingested again a day later, it keeps the first time, in one batch again.
    let later = chrono::Duration::days(1);
    let again = geochron::model::Article {
        ingested_at: first + later,
        ..article.clone()
    };
    let before = commits(&store);
    assert!(store.put_article(&again, &events).expect("put again"));
    assert_eq!(commits(&store), before + 1, "one batch");
    let stored = store.get_article(article.id).expect("get").expect("stored");
    assert_eq!(stored.ingested_at, first);
    assert!(
        !raw_rows(&store)
            .iter()
            .any(|r| r.starts_with("FirstIngest ")),
        "the article's row holds the time again"
    );
    assert!(store.check().expect("check").is_clean());

    // And through a bulk load, and a second round.
    assert!(store.delete_article(article.id).expect("delete"));
    let refs = [(&again, events.as_slice())];
    assert_eq!(store.put_articles(refs).expect("bulk"), 1);
    let stored = store.get_article(article.id).expect("get").expect("stored");
    assert_eq!(stored.ingested_at, first);
}

#[test]
fn a_kept_ingest_time_survives_dump_and_restore() {
    let db = geochron::Db::temporary().expect("temporary db");
    let mut rng = Rng::new(13);
    let (article, events) = random_article(&mut rng, "dumped", 0, 3);
    assert!(db.store().put_article(&article, &events).expect("put"));
    assert!(db.store().delete_article(article.id).expect("delete"));
    let mut dump = Vec::new();
    let report = db.dump(&mut dump).expect("dump");
    assert_eq!(report.counts.first_ingests, 1);
    let text = String::from_utf8(dump.clone()).expect("UTF-8");
    assert!(text.contains("\"first_ingest\""), "{text}");

    let restored = geochron::Db::temporary().expect("temporary db");
    let report = restored
        .restore(dump.as_slice(), std::path::Path::new("dump.jsonl"))
        .expect("restore");
    assert!(report.complete, "{report:?}");
    let again = geochron::model::Article {
        ingested_at: article.ingested_at + chrono::Duration::days(3),
        ..article.clone()
    };
    assert!(restored.store().put_article(&again, &events).expect("put"));
    let stored = restored
        .store()
        .get_article(article.id)
        .expect("get")
        .expect("stored");
    assert_eq!(stored.ingested_at, article.ingested_at);
}

#[test]
fn ingest_delete_ingest_keeps_the_ingested_field() {
    let db = geochron::Db::temporary().expect("temporary db");
    let input = || geochron::ingest::ArticleInput {
        title: "Clash".into(),
        text: "Clash\n\nGunmen killed 4 people in Mosul on Monday.".into(),
        ..Default::default()
    };
    db.ingest(input()).expect("ingest");
    let id = ArticleId::of_text(&input().text);
    let first = db.store().get_article(id).expect("get").expect("stored");
    let ingested = |db: &geochron::Db| {
        let result = db.query("articles | select ingested").expect("query");
        format!("{result:?}")
    };
    let shown = ingested(&db);
    assert!(db.delete_article(id).expect("delete"));
    std::thread::sleep(std::time::Duration::from_millis(20));
    db.ingest(input()).expect("ingest again");
    let again = db.store().get_article(id).expect("get").expect("stored");
    assert_eq!(again.ingested_at, first.ingested_at);
    assert_eq!(ingested(&db), shown);
}
