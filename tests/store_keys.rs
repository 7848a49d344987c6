//! The keyspace's codec properties: `Key` order is byte order (negative days and empty
//! strings included), every key decodes back to itself, prefixes cover their keys, and no
//! bytes make decoding panic.

use geochron::Error;
use geochron::model::{ArticleId, Country, EventId, Kind};
use geochron::store::{Key, KeyPrefix};
use proptest::prelude::*;

fn country() -> impl Strategy<Value = Country> {
    prop::sample::select(vec!["IQ", "SY", "US", "AF", "ZW", "AD"])
        .prop_map(|c| Country::from_code(c).unwrap_or_else(|| unreachable!()))
}

fn kind() -> impl Strategy<Value = Kind> {
    prop::sample::select(Kind::all().collect::<Vec<_>>())
}

fn text() -> impl Strategy<Value = String> {
    // Empty strings, NULs and non-ASCII are the cases that break naive codecs.
    prop_oneof!["", "[a\\x00\\xffé]{0,5}", any::<String>()]
}

fn event() -> impl Strategy<Value = EventId> {
    prop_oneof![Just(0u64), Just(u64::MAX), any::<u64>()].prop_map(EventId)
}

fn day() -> impl Strategy<Value = i32> {
    prop_oneof![Just(0), Just(-1), -800_000..800_000, any::<i32>()]
}

fn key() -> impl Strategy<Value = Key> {
    prop_oneof![
        text().prop_map(Key::Meta),
        any::<u64>().prop_map(|id| Key::Article(ArticleId(id))),
        event().prop_map(Key::Event),
        (0u8..4, day(), event()).prop_map(|(class, start_day, event)| Key::ByTime {
            class,
            start_day,
            event
        }),
        (any::<u64>(), event()).prop_map(|(cell, event)| Key::ByCell { cell, event }),
        (country(), day(), event()).prop_map(|(country, start_day, event)| {
            Key::ByCountry {
                country,
                start_day,
                event,
            }
        }),
        (kind(), day(), event()).prop_map(|(kind, start_day, event)| {
            Key::ByKind {
                top: kind.event_type(),
                sub: kind.sub_kind(),
                start_day,
                event,
            }
        }),
        (text(), day(), event()).prop_map(|(actor, start_day, event)| Key::ByActor {
            actor,
            start_day,
            event
        }),
        (any::<u64>(), event()).prop_map(|(article, event)| Key::ByArticle {
            article: ArticleId(article),
            event
        }),
        prop_oneof![Just(0u32), Just(u32::MAX), any::<u32>()].prop_map(Key::Place),
        any::<u64>().prop_map(|id| Key::FirstIngest(ArticleId(id))),
        (text(), any::<u32>()).prop_map(|(name, place)| Key::PlaceName { name, place }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn key_order_is_byte_order(a in key(), b in key()) {
        prop_assert_eq!(a.cmp(&b), a.encode().cmp(&b.encode()));
    }

    #[test]
    fn keys_round_trip(k in key()) {
        prop_assert_eq!(Key::decode(&k.encode())?, k);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..40)) {
        if let Ok(key) = Key::decode(&bytes) {
            // Whatever decodes must be the one reading of those bytes.
            prop_assert_eq!(key.encode(), bytes);
        }
    }

    #[test]
    fn prefixes_cover_their_keys(k in key()) {
        let bytes = k.encode();
        let prefix = match &k {
            Key::Meta(_) => KeyPrefix::Meta,
            Key::Article(_) => KeyPrefix::Article,
            Key::Event(_) => KeyPrefix::Event,
            Key::ByTime { class, .. } => KeyPrefix::TimeClass(*class),
            Key::ByCell { .. } => KeyPrefix::ByCell,
            Key::ByCountry { country, .. } => KeyPrefix::Country(*country),
            Key::ByKind { top, sub, .. } => KeyPrefix::KindExact(*top, *sub),
            Key::ByActor { actor, .. } => KeyPrefix::Actor(actor.clone()),
            Key::ByArticle { article, .. } => KeyPrefix::ArticleEvents(*article),
            Key::Place(_) => KeyPrefix::Place,
            Key::FirstIngest(_) => KeyPrefix::FirstIngest,
            Key::PlaceName { name, .. } => KeyPrefix::PlaceName(name.clone()),
        };
        prop_assert!(bytes.starts_with(&prefix.encode()));
        if let Key::ByKind { top, .. } = &k {
            prop_assert!(bytes.starts_with(&KeyPrefix::KindTop(*top).encode()));
        }
        if let Key::PlaceName { name, .. } = &k {
            let start: String = name.chars().take(name.chars().count() / 2).collect();
            prop_assert!(bytes.starts_with(&KeyPrefix::PlaceNameStart(start).encode()));
        }
        if let Some(index) = k.index() {
            prop_assert!(bytes.starts_with(&index.prefix().encode()));
        }
    }
}

#[test]
fn an_actor_prefix_is_exact_not_a_string_prefix() {
    let key = Key::ByActor {
        actor: "isis".into(),
        start_day: 1,
        event: EventId(1),
    };
    assert!(
        !key.encode()
            .starts_with(&KeyPrefix::Actor("isi".into()).encode())
    );
    assert!(
        key.encode()
            .starts_with(&KeyPrefix::Actor("isis".into()).encode())
    );
}

#[test]
fn garbage_is_corrupt() {
    for bytes in [
        &[][..],
        &[0xee],
        &[6, 200, 0], // ByKind with an unknown top kind
        &[2, 1, 2],   // an Event key cut short
    ] {
        assert!(matches!(Key::decode(bytes), Err(Error::Corrupt(_))));
    }
    let mut long = Key::Event(EventId(7)).encode();
    long.push(0);
    assert!(Key::decode(&long).is_err());
}
