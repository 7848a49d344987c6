//! Deleting an article removes it, its events and every index row, and nothing else.

mod store_common;

use geochron::model::ArticleId;
use geochron::store::Store;
use store_common::{Rng, random_article};

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
    assert_eq!(raw_rows(&store), baseline, "the store is exactly as before");
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
    assert_eq!(rows.len(), 1, "{rows:?}");
    let stats = store.stats().expect("stats");
    assert_eq!((stats.articles, stats.events), (0, 0));
    assert!(stats.rows.iter().all(|(_, n)| *n == 0));
}
