//! Property tests for the temporal tagger: whatever the text, it never panics and its spans
//! lie on char boundaries inside the text, in order, without overlapping.

use chrono::NaiveDate;
use geochron::extract::time::tag;
use proptest::prelude::*;

/// Words that make the tagger work hard, mixed with noise and multi-byte characters.
const PIECES: &[&str] = &[
    "January",
    "Jan.",
    "3",
    "2020",
    "-",
    "/",
    "01",
    "late",
    "early",
    "mid",
    "the",
    "last",
    "next",
    "week",
    "weeks",
    "year",
    "ago",
    "later",
    "that",
    "night",
    "Monday",
    "a.m.",
    "p",
    ".",
    "m",
    ":",
    "30",
    "99999",
    "4294967295",
    "quarter",
    "third",
    "fiscal",
    "'",
    "s",
    "1990s",
    "every",
    "about",
    "nearly",
    "two",
    "-year-",
    "old",
    "é",
    "—",
    "日本",
    "\u{0301}",
    " ",
    "\n",
    ",",
    "thousand",
    "nineteen",
    "ninety",
    "May",
    "March",
    "yesterday",
    "today's",
];

fn published() -> impl Strategy<Value = Option<NaiveDate>> {
    prop_oneof![
        Just(None),
        (-3000i32..3000, 1u32..=12, 1u32..=28)
            .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
        Just(NaiveDate::MAX.pred_opt()),
        Just(NaiveDate::MIN.succ_opt()),
    ]
}

fn check(text: &str, published: Option<NaiveDate>) -> Result<(), TestCaseError> {
    let times = tag(text, published);
    let mut last_end = 0;
    for t in &times {
        prop_assert!(t.span.start < t.span.end, "empty span {t:?}");
        prop_assert!(t.span.end <= text.len());
        prop_assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
        prop_assert!(t.span.start >= last_end, "overlap or disorder at {t:?}");
        prop_assert_eq!(t.span.slice(text), t.text.as_str());
        last_end = t.span.end;
    }
    Ok(())
}

proptest! {
    #[test]
    fn arbitrary_text_is_safe(text in "\\PC{0,200}", published in published()) {
        check(&text, published)?;
    }

    #[test]
    fn date_like_text_is_safe(
        pieces in prop::collection::vec(prop::sample::select(PIECES), 0..40),
        spaces in prop::collection::vec(any::<bool>(), 40),
        published in published(),
    ) {
        let mut text = String::new();
        for (piece, space) in pieces.iter().zip(spaces) {
            text.push_str(piece);
            if space {
                text.push(' ');
            }
        }
        check(&text, published)?;
    }
}
