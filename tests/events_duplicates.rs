//! Two articles reporting the same attack in different words are one happening: counted once,
//! shown with both sources, and still counted once when either article is deleted. A third
//! article's different attack stays its own.

use chrono::NaiveDate;

use geochron::Db;
use geochron::ingest::ArticleInput;
use geochron::model::ArticleId;
use geochron::query::QueryResult;

fn article(published: (i32, u32, u32), source: &str, text: &str) -> ArticleInput {
    ArticleInput {
        title: format!("From {source}"),
        published: NaiveDate::from_ymd_opt(published.0, published.1, published.2),
        source: Some(source.into()),
        text: text.into(),
        ..ArticleInput::default()
    }
}

/// The Makhmur ambush told twice, and another attack in Kirkuk.
fn three_articles() -> Vec<ArticleInput> {
    vec![
        article(
            (2021, 10, 18),
            "Erbil Ledger",
            "Islamic State militants ambushed an Iraqi army convoy near Makhmur on Saturday night, \
             killing four soldiers and wounding 11 others, security officials said.\n\n\
             The attackers fled into the hills.",
        ),
        article(
            (2021, 10, 17),
            "Tigris Herald",
            "Four Iraqi soldiers were killed late on Saturday when fighters of the Islamic State \
             opened fire on a military supply column outside the town of Makhmur, an army \
             spokesman told reporters.\n\nEleven soldiers were wounded.",
        ),
        article(
            (2021, 10, 12),
            "Kirkuk Now",
            "Islamic State militants attacked an army checkpoint in Kirkuk on Monday, killing two \
             soldiers, police said.",
        ),
    ]
}

fn count(db: &Db, query: &str) -> i64 {
    match db.query(query).unwrap() {
        QueryResult::Table { rows, .. } => rows
            .iter()
            .filter_map(|r| match r.last() {
                Some(geochron::query::rows::Datum::Int(n)) => Some(*n),
                _ => None,
            })
            .sum(),
        QueryResult::Events { rows, .. } => rows.len() as i64,
        other => panic!("not a count: {other:?}"),
    }
}

fn battles(db: &Db) -> Vec<(String, Vec<String>)> {
    let result = db.query("events where kind = battle | sort date").unwrap();
    let QueryResult::Events { rows, .. } = result else {
        panic!("not events");
    };
    rows.iter()
        .map(|r| {
            let place = r.event.place.as_ref().map(|p| p.name.clone());
            (place.unwrap_or_default(), r.sources())
        })
        .collect()
}

fn check_counted_once(db: &Db) {
    // With a filter (rows) and without (the rollups), the ambush counts once.
    assert_eq!(count(db, "events where kind = battle | count"), 2);
    assert_eq!(
        count(db, "events where kind = battle | count by country"),
        2
    );
    assert_eq!(
        count(db, "events | count by kind"),
        count(db, "events where date in 2021 | count by kind")
    );
    assert_eq!(count(db, "events where kind = battle"), 2);
}

#[test]
fn one_attack_in_two_articles_is_counted_once_with_both_sources() {
    let db = Db::temporary().unwrap();
    for input in three_articles() {
        db.ingest(input).unwrap();
    }
    check_counted_once(&db);
    let listed = battles(&db);
    assert_eq!(listed.len(), 2, "{listed:?}");
    assert_eq!(listed[0].1, vec!["Kirkuk Now".to_string()]);
    assert_eq!(
        listed[1].1,
        vec!["Erbil Ledger".to_string(), "Tigris Herald".to_string()]
    );
    let QueryResult::Timeline { rows, .. } = db
        .query("events where kind = battle | timeline by day")
        .unwrap()
    else {
        panic!("a timeline");
    };
    assert_eq!(rows.iter().map(|r| r.count).sum::<u64>(), 2);
    assert!(db.check().unwrap().is_clean());
}

#[test]
fn articles_of_one_ingest_are_linked_too_and_explain_shows_the_link() {
    let db = Db::temporary().unwrap();
    let folder = std::env::temp_dir().join(format!("geochron-dup-{}", std::process::id()));
    std::fs::create_dir_all(&folder).unwrap();
    let lines: Vec<String> = three_articles()
        .iter()
        .map(|a| {
            serde_json::json!({
                "title": a.title, "published": a.published.map(|d| d.to_string()),
                "source": a.source, "text": a.text,
            })
            .to_string()
        })
        .collect();
    let file = folder.join("three.jsonl");
    std::fs::write(&file, lines.join("\n")).unwrap();
    db.ingest_path(&file).unwrap();
    std::fs::remove_dir_all(&folder).unwrap();
    check_counted_once(&db);

    let second = ArticleId::of_text(&three_articles()[1].text);
    let duplicate = db
        .article_events(second)
        .unwrap()
        .into_iter()
        .find(|e| e.duplicate_of.is_some())
        .expect("the second report is linked");
    let shown = db
        .query(&format!("explain event {}", duplicate.id))
        .unwrap();
    let QueryResult::Provenance(p) = shown else {
        panic!("a provenance");
    };
    assert_eq!(p.other_reports.len(), 1);
    assert!(p.other_reports[0].counted);
    assert_eq!(p.other_reports[0].source.as_deref(), Some("Erbil Ledger"));
    // Its own article's events still list it.
    let own = db
        .query(&format!("events where article = {second}"))
        .unwrap();
    assert!(own.events().iter().any(|e| e.id == duplicate.id));
}

#[test]
fn deleting_the_counted_report_promotes_the_other() {
    let db = Db::temporary().unwrap();
    let inputs = three_articles();
    let first = ArticleId::of_text(&inputs[0].text);
    for input in inputs {
        db.ingest(input).unwrap();
    }
    assert!(db.delete_article(first).unwrap());
    check_counted_once(&db);
    let listed = battles(&db);
    assert_eq!(listed[1].1, vec!["Tigris Herald".to_string()]);
    assert!(db.check().unwrap().is_clean());
    let events = db.query("events").unwrap();
    assert!(events.events().iter().all(|e| e.duplicate_of.is_none()));
}
