//! Property tests for the whole extractor (time, places, events): whatever the title and text,
//! it never panics, every span it reports lies on char boundaries inside the text and slices to
//! what it says it found, and every place has a point on the globe.

use chrono::NaiveDate;
use geochron::extract::extract;
use geochron::ingest::ArticleInput;
use geochron::model::{Country, Place, Span};
use proptest::prelude::*;

/// Words that send the extractor down its rarer paths: place names and their articles, routes,
/// containers, possessives, triggers and tolls, titles and organisations, with noise and
/// multi-byte characters between them.
#[rustfmt::skip]
const PIECES: &[&str] = &[
    "in", "near", "el", "al-", "at", "ash", "the", "of", "city", "province", "district", "square",
    "highway", "road", "-", "(", ")", ",", ".", "'s", "’s", "Tripoli", "Beirut", "Makhmour",
    "Mosul", "Idleb", "Bara", "Gaza", "Paris", "Texas", "Panama City", "Bella Vista", "Hermel",
    "Qalqiliyah", "Mirpurkhas", "Kahnuj-Ghale Ganj", "Saladin", "Lower Shabelle", "LNA", "GNA",
    "Houthis", "OSCE SMM", "Iraqi", "Saudi", "US", "dollar", "President", "Mr.", "Bank", "said",
    "attacked", "killed", "killing", "injured", "wounded", "airstrike", "clashed", "protested",
    "rioters", "arrested", "six", "31", "at least", "dozens", "2-3", "people", "soldiers",
    "civilians", "Islamic State", "PMF", "Popular Mobilization Forces", "later that night",
    "in late 2016", "On 1 May 2020", "yesterday", "É", "é", "—", "日本", "\u{0301}", " ", "\n",
    "Ky.", "U.S.", "St. Louis", "X", "Qzxwv",
];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        // Pieces joined by a space or nothing, so names touch punctuation and each other.
        prop::collection::vec((prop::sample::select(PIECES), any::<bool>()), 0..40).prop_map(
            |pieces| {
                pieces
                    .into_iter()
                    .map(|(p, spaced)| {
                        if spaced {
                            format!("{p} ")
                        } else {
                            p.to_string()
                        }
                    })
                    .collect()
            }
        ),
        "\\PC{0,120}",
    ]
}

fn article() -> impl Strategy<Value = ArticleInput> {
    (
        text(),
        text(),
        prop::option::of((1900i32..2100, 1u32..13, 1u32..29)),
        prop::sample::subsequence(vec!["IQ", "LB", "LY", "US", "PA"], 0..3),
    )
        .prop_map(|(title, text, date, countries)| ArticleInput {
            title,
            text,
            published: date.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
            countries: countries
                .into_iter()
                .filter_map(Country::from_code)
                .collect(),
            ..ArticleInput::default()
        })
}

/// A span of `text`: inside it and on char boundaries.
fn check_span(text: &str, span: Span, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        span.start <= span.end && text.get(span.start..span.end).is_some(),
        "{what} span {span:?} does not slice the text {text:?}"
    );
    Ok(())
}

fn check_place(place: &Place) -> Result<(), TestCaseError> {
    prop_assert!(
        place.lat.is_finite()
            && place.lon.is_finite()
            && (-90.0..=90.0).contains(&place.lat)
            && (-180.0..=180.0).contains(&place.lon),
        "{place:?} is off the globe"
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

    #[test]
    fn any_article_extracts_without_panic_and_with_true_spans(input in article()) {
        let found = extract(&input);
        let text = input.text.as_str();
        for mention in &found.places {
            check_span(text, mention.span, "place")?;
            prop_assert_eq!(mention.span.slice(text), mention.text.as_str());
            check_place(&mention.place)?;
        }
        for event in &found.events {
            let evidence = &event.evidence;
            let spans = evidence
                .trigger
                .iter()
                .chain(&evidence.date)
                .chain(&evidence.place)
                .chain(evidence.actors.iter().flatten())
                .chain(&evidence.fatalities)
                .chain(&evidence.injured)
                .chain(&evidence.sentences);
            for &span in spans {
                check_span(text, span, "event evidence")?;
            }
            for place in event.place.iter().chain(&event.places) {
                check_place(place)?;
            }
        }
    }
}
