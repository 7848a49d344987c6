//! The parser never panics, whatever the input: arbitrary strings, strings of query tokens and
//! mutations of valid queries all give `Ok` or an error whose span lies inside the input on
//! char boundaries. The semantic check and the error renderer get the same treatment.

use geochron::query::{QueryError, check::check, parse_script, parse_statement};
use proptest::prelude::*;

/// Checks one input through every entry point.
fn assert_sound(input: &str) -> Result<(), TestCaseError> {
    match parse_statement(input) {
        Ok(statement) => {
            for error in check(&statement) {
                assert_within(&error, input)?;
            }
        }
        Err(error) => assert_within(&error, input)?,
    }
    for statement in parse_script(input) {
        prop_assert!(input.get(statement.offset..).is_some());
        if let Err(error) = &statement.result {
            assert_within(error, input)?;
        }
    }
    Ok(())
}

fn assert_within(error: &QueryError, input: &str) -> Result<(), TestCaseError> {
    let span = error.span;
    prop_assert!(
        span.start <= span.end && span.end <= input.len(),
        "{span:?} in {input:?}"
    );
    prop_assert!(input.is_char_boundary(span.start) && input.is_char_boundary(span.end));
    prop_assert!(!error.render(input).is_empty());
    Ok(())
}

const TOKENS: &[&str] = &[
    "events",
    "articles",
    "places",
    "where",
    "and",
    "or",
    "not",
    "(",
    ")",
    "|",
    ",",
    ";",
    "\n",
    "near",
    "within",
    "bbox",
    "km",
    "mi",
    "m",
    "date",
    "published",
    "in",
    "overlaps",
    "<",
    "<=",
    ">",
    ">=",
    "=",
    "!=",
    "~",
    "..",
    "2020",
    "2020-01",
    "2020-01-03",
    "2020-13",
    "today",
    "last",
    "30",
    "days",
    "this",
    "month",
    "country",
    "IQ",
    "\"Iraq\"",
    "'x''y'",
    "\"open",
    "kind",
    "battle.armed_clash",
    "killed",
    "5",
    "-3.5",
    "article",
    "00ff",
    "sort",
    "desc",
    "limit",
    "select",
    "count",
    "by",
    "timeline",
    "top",
    "explain",
    "event",
    "ingest",
    "delete",
    "stats",
    "--",
    "é",
    "\u{0}",
    "\\",
];

const VALID: &[&str] = &[
    "events where kind = battle and date in 2019-12 and country = IQ | sort date desc | limit 20",
    "events where near \"Mosul\" within 100 km and actor ~ \"islamic state\" | timeline by month",
    "events where within bbox(29.0, 38.0, 37.5, 49.0) and killed >= 5 | select date, place",
    "articles where source = 'Washington Times' and published in 2020-01..2020-03",
    "explain events where not (country in (SY, IQ) or date overlaps last 2 weeks) | top 5 actor",
];

/// A valid query with a span cut out and `insert` put in its place (at char boundaries).
fn mutated() -> impl Strategy<Value = String> {
    (
        prop::sample::select(VALID.to_vec()),
        any::<prop::sample::Index>(),
        0usize..6,
        ".{0,4}",
    )
        .prop_map(|(query, at, cut, insert)| {
            let bounds: Vec<usize> = query
                .char_indices()
                .map(|(i, _)| i)
                .chain([query.len()])
                .collect();
            let start = bounds[at.index(bounds.len())];
            let end = bounds
                .iter()
                .copied()
                .find(|&b| b >= start + cut)
                .unwrap_or(query.len());
            format!("{}{}{}", &query[..start], insert, &query[end..])
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn arbitrary_strings_never_panic(input in any::<String>()) {
        assert_sound(&input)?;
    }

    #[test]
    fn token_soup_never_panics(tokens in prop::collection::vec(prop::sample::select(TOKENS.to_vec()), 0..24)) {
        assert_sound(&tokens.join(" "))?;
        assert_sound(&tokens.concat())?;
    }

    #[test]
    fn mutated_queries_never_panic(input in mutated()) {
        assert_sound(&input)?;
    }
}

#[test]
fn hostile_nesting_is_an_error_not_a_stack_overflow() {
    for input in [
        format!("events where {}", "(".repeat(100_000)),
        format!("events where {}country = IQ", "not ".repeat(100_000)),
        format!(
            "events where {}country = IQ{}",
            "(".repeat(70),
            ")".repeat(70)
        ),
    ] {
        let error = parse_statement(&input).expect_err("too deep");
        assert!(
            error.hint.as_deref().unwrap_or("").contains("nest"),
            "{error:?}"
        );
    }
    let fine = format!(
        "events where {}country = IQ{}",
        "(".repeat(40),
        ")".repeat(40)
    );
    assert!(parse_statement(&fine).is_ok());
}
