//! The byte format, pinned: the dump of a one-event store, and the encoded bytes of an events
//! row and an article. A change here is a change of the store format — bump `FORMAT_VERSION` (or
//! `VALUE_VERSION`) and say so. `GEOCHRON_PRINT_GOLDEN=1` prints the new text to paste in.

use chrono::{DateTime, NaiveDate};
use geochron::model::{
    Actor, Anchor, Article, ArticleId, Count, Country, Event, EventId, GeoPrecision, Kind,
    Modifier, Place, Precision, Role, Span, SubKind, When,
};
use geochron::store::{Store, codec};

fn article() -> Article {
    let text = "Six were killed in Makhmur on December 5, 2019.";
    Article {
        id: ArticleId::of_text(text),
        title: "Clash".into(),
        published: NaiveDate::from_ymd_opt(2019, 12, 6),
        source: Some("Washington Times".into()),
        url: None,
        countries: Country::from_code("IQ").into_iter().collect(),
        text: text.into(),
        ingested_at: DateTime::from_timestamp(1_700_000_000, 5).unwrap_or_default(),
    }
}

fn event(article: ArticleId) -> Event {
    let day = NaiveDate::from_ymd_opt(2019, 12, 5).unwrap_or_default();
    Event {
        id: EventId::of(article, 0),
        article,
        kind: Kind::sub(SubKind::ArmedClash),
        when: When::interval(day, day, Precision::Day, Anchor::Explicit)
            .with_text("December 5, 2019")
            .with_modifier(Modifier::Approx),
        place: Some(Place {
            name: "Makhmur".into(),
            geonameid: Some(99_072),
            country: Country::from_code("IQ"),
            admin1: None,
            lat: 35.77,
            lon: 43.58,
            precision: GeoPrecision::City,
        }),
        places: vec![],
        actors: vec![Actor {
            name: "Islamic State".into(),
            role: Role::Initiator,
        }],
        fatalities: Some(Count::exact(6)),
        injured: None,
        summary: "Six were killed in Makhmur.".into(),
        span: Span::new(0, 47),
        confidence: 0.5,
        status: geochron::model::EventStatus::Happened,
        evidence: Default::default(),
        duplicate_of: None,
        duplicates: Vec::new(),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn check_golden(name: &str, actual: &str, expected: &str) {
    if std::env::var_os("GEOCHRON_PRINT_GOLDEN").is_some() {
        println!("--- {name}\n{actual}");
    }
    assert_eq!(actual, expected, "{name} changed: the store format changed");
}

const DUMP: &str = r#"Meta "commits" [00636f6d6d6974730000] 1
Meta "format" [00666f726d61740000] 5
Article ac1f55c50ee4f4ba [01ac1f55c50ee4f4ba] "Clash" (107 bytes)
Event 8d77b3a9a06d863a [028d77b3a9a06d863a] battle.armed_clash 2019-12-05 (198 bytes)
ByTime class=0 start=2019-12-05 event=8d77b3a9a06d863a [0300800b40768d77b3a9a06d863a] battle.armed_clash 2019-12-05 (182 bytes)
ByCell cell=cb5cf7fb3f778d32 event=8d77b3a9a06d863a [04cb5cf7fb3f778d328d77b3a9a06d863a] battle.armed_clash 2019-12-05 (182 bytes)
ByCountry IQ start=2019-12-05 event=8d77b3a9a06d863a [054951800b40768d77b3a9a06d863a] battle.armed_clash 2019-12-05 thin (38 bytes)
ByKind battle.armed_clash start=2019-12-05 event=8d77b3a9a06d863a [060001800b40768d77b3a9a06d863a] battle.armed_clash 2019-12-05 thin (38 bytes)
ByActor "islamic state" start=2019-12-05 event=8d77b3a9a06d863a [0769736c616d69632073746174650000800b40768d77b3a9a06d863a] battle.armed_clash 2019-12-05 (182 bytes)
ByArticle article=ac1f55c50ee4f4ba event=8d77b3a9a06d863a [09ac1f55c50ee4f4ba8d77b3a9a06d863a]"#;
const EVENT_BYTES: &str = "0276400b0076400b000001495101c3f5285c8fe241400ad7a3703dca454001fcee801600011057617368696e67746f6e2054696d6573fd3a866da0a9b3778dfdbaf4e40ec5551fac0001fcec801600fcec80160000010310446563656d62657220352c20323031390001074d616b686d757201fc0083010001495100c3f5285c8fe241400ad7a3703dca45400100010d49736c616d69632053746174650001060606001b5369782077657265206b696c6c656420696e204d616b686d75722e002f0000003f00";
const ARTICLE_BYTES: &str = "03fdbaf4e40ec5551fac05436c61736801fcee801600011057617368696e67746f6e2054696d6573000149513828b52ffd202f7901005369782077657265206b696c6c656420696e204d616b686d7572206f6e20446563656d62657220352c20323031392efc00e2a7ca05";
/// An article as format 2 wrote it (its text as it is): still read, for the rewrite at open.
const ARTICLE_BYTES_FORMAT_2: &str = "01fdbaf4e40ec5551fac05436c61736801fcee801600011057617368696e67746f6e2054696d6573000149512f5369782077657265206b696c6c656420696e204d616b686d7572206f6e20446563656d62657220352c20323031392efc00e2a7ca05";

#[test]
fn the_dump_of_a_one_event_store_is_pinned() {
    let store = Store::temporary().expect("temporary store");
    let article = article();
    assert!(
        store
            .put_article(&article, &[event(article.id)])
            .expect("put")
    );
    let lines: Vec<String> = store.dump().collect::<Result<_, _>>().expect("dump");
    check_golden("DUMP", &lines.join("\n"), DUMP);
}

#[test]
fn value_bytes_are_pinned_and_old_bytes_still_read() {
    let article = article();
    let event = event(article.id);
    let event_hex = hex(
        &codec::encode_row(&event, article.published, article.source.as_deref()).expect("encode"),
    );
    let article_hex = hex(&codec::encode_article(&article).expect("encode"));
    if std::env::var_os("GEOCHRON_PRINT_GOLDEN").is_some() {
        println!("--- EVENT_BYTES\n{event_hex}");
        println!("--- ARTICLE_BYTES\n{article_hex}");
    }
    check_golden("EVENT_BYTES", &event_hex, EVENT_BYTES);
    check_golden("ARTICLE_BYTES", &article_hex, ARTICLE_BYTES);
    // Bytes written by this format version decode to the same values.
    let decoded = codec::decode_row(&unhex(EVENT_BYTES)).expect("pinned event row decodes");
    assert_eq!(decoded.event, event);
    assert_eq!(decoded.published, article.published);
    assert_eq!(decoded.source, article.source);
    let decoded = codec::decode_article(&unhex(ARTICLE_BYTES)).expect("pinned article decodes");
    assert_eq!(decoded, article);
    let decoded = codec::decode_article(&unhex(ARTICLE_BYTES_FORMAT_2)).expect("format 2 article");
    assert_eq!(decoded, article);
}

fn unhex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex"))
        .collect()
}
