//! Round trips: what goes in comes out, twice is once, and bad input writes nothing.

mod store_common;

use geochron::Error;
use geochron::model::{ArticleId, EventId};
use geochron::store::Store;
use store_common::{Rng, random_article};

#[test]
fn articles_and_events_come_back_as_stored() {
    let store = Store::temporary().expect("temporary store");
    let mut rng = Rng::new(1);
    for n in 0..20 {
        let (article, events) = random_article(&mut rng, "roundtrip", n, (n % 7) as u32);
        assert!(store.put_article(&article, &events).expect("put"));
        assert_eq!(
            store.get_article(article.id).expect("get"),
            Some(article.clone())
        );
        for event in &events {
            assert_eq!(store.get_event(event.id).expect("get"), Some(event.clone()));
        }
        // In text order, which is the generator's order.
        assert_eq!(store.article_events(article.id).expect("events"), events);
    }
    assert_eq!(store.get_article(ArticleId(42)).expect("get"), None);
    assert_eq!(store.get_event(EventId(42)).expect("get"), None);
    assert_eq!(store.articles().count(), 20);
    assert!(store.check().expect("check").is_clean());
}

#[test]
fn putting_an_article_twice_changes_nothing() {
    let store = Store::temporary().expect("temporary store");
    let mut rng = Rng::new(2);
    let (article, events) = random_article(&mut rng, "twice", 0, 5);
    assert!(store.put_article(&article, &events).expect("put"));
    let before: Vec<String> = store.dump().collect::<Result<_, _>>().expect("dump");
    // Even with other events: the article id decides.
    let (_, other_events) = random_article(&mut rng, "twice", 0, 9);
    assert!(!store.put_article(&article, &other_events).expect("put"));
    assert_eq!(
        store.put_articles([(&article, &events[..])]).expect("bulk"),
        0
    );
    let after: Vec<String> = store.dump().collect::<Result<_, _>>().expect("dump");
    assert_eq!(before, after);
}

#[test]
fn bulk_loading_counts_new_articles_once() {
    let store = Store::temporary().expect("temporary store");
    let mut rng = Rng::new(3);
    let items: Vec<_> = (0..300)
        .map(|n| random_article(&mut rng, "bulk", n, 8))
        .collect();
    let mut refs: Vec<_> = items.iter().map(|(a, e)| (a, e.as_slice())).collect();
    // The same article twice in one call, and one stored before.
    refs.push(refs[5]);
    assert!(store.put_article(&items[0].0, &items[0].1).expect("put"));
    assert_eq!(store.put_articles(refs).expect("bulk"), 299);
    let stats = store.stats().expect("stats");
    assert_eq!((stats.articles, stats.events), (300, 300 * 8));
    assert!(store.check().expect("check").is_clean());
}

#[test]
fn a_bad_article_stops_a_bulk_load_after_the_whole_batches_before_it() {
    let store = Store::temporary().expect("temporary store");
    let mut rng = Rng::new(5);
    let mut items: Vec<_> = (0..300)
        .map(|n| random_article(&mut rng, "stop", n, 8))
        .collect();
    items[250].1[0].article = ArticleId(7);
    let refs: Vec<_> = items.iter().map(|(a, e)| (a, e.as_slice())).collect();
    assert!(matches!(store.put_articles(refs), Err(Error::Invalid(_))));
    // Encoded on another thread, applied on this one: what is stored is whole batches of
    // whole articles from before the bad one, and nothing from it on.
    let stats = store.stats().expect("stats");
    assert!(stats.articles > 0 && stats.articles < 250, "{stats:?}");
    assert_eq!(stats.events, stats.articles * 8);
    for (n, (article, _)) in items.iter().enumerate() {
        let stored = store.contains_article(article.id).expect("contains");
        assert_eq!(stored, (n as u64) < stats.articles, "article {n}");
    }
    assert!(store.check().expect("check").is_clean());
}

#[test]
fn an_event_of_another_article_is_refused_and_nothing_is_written() {
    let store = Store::temporary().expect("temporary store");
    let mut rng = Rng::new(4);
    let (article, mut events) = random_article(&mut rng, "invalid", 0, 3);
    events[2].article = ArticleId(7);
    assert!(matches!(
        store.put_article(&article, &events),
        Err(Error::Invalid(_))
    ));
    let (_, mut twins) = random_article(&mut rng, "invalid", 0, 2);
    twins[1].id = twins[0].id;
    assert!(matches!(
        store.put_article(&article, &twins),
        Err(Error::Invalid(_))
    ));
    assert_eq!(store.get_article(article.id).expect("get"), None);
    assert_eq!(store.dump().count(), 1, "only the format marker");
}

#[test]
fn a_reopened_store_has_everything() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("events.db");
    let mut rng = Rng::new(5);
    let (article, events) = random_article(&mut rng, "reopen", 0, 4);
    {
        let store = Store::open(&path).expect("open");
        assert!(store.put_article(&article, &events).expect("put"));
        assert_eq!(store.path(), Some(path.as_path()));
    }
    let store = Store::open(&path).expect("reopen");
    assert_eq!(
        store.get_article(article.id).expect("get"),
        Some(article.clone())
    );
    assert_eq!(store.article_events(article.id).expect("events"), events);
    assert!(store.check().expect("check").is_clean());
}
