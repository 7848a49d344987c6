//! Golden tests for the temporal tagger on short articles written in the seed's style: each
//! expression must resolve to the interval a careful reader would give it.

use chrono::NaiveDate;
use geochron::extract::time::tag;
use geochron::extract::{Timex, TimexType};
use geochron::model::{Anchor, Modifier, Precision};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
}

const ARTICLE: &str = "January 3, 2020 » Today News »
Coalition strikes hit militia depots near Qaim
Affected Countries: iraq; syria; united-states;

The coalition said it struck militia depots near Qaim on Dec. 5 after a rocket attack on a base near Kirkuk. The coalition bombed later that night, officials said.

Residents described a nighttime skirmish this month near the border crossing.

The group first appeared in late 2016 and had taken the town in 2011, according to local officials.

A spokesman said yesterday that two more strikes followed on Monday. Fighters withdrew last week, and a convoy was hit two days ago.

Source: Washington Times
";

fn find<'a>(times: &'a [Timex], text: &str) -> &'a Timex {
    times
        .iter()
        .find(|t| t.text == text)
        .unwrap_or_else(|| panic!("no timex {text:?} in {times:#?}"))
}

/// Asserts value, interval, precision and anchor of the expression with these words.
fn check(
    times: &[Timex],
    text: &str,
    value: &str,
    (start, end): (NaiveDate, NaiveDate),
    precision: Precision,
    anchor: Anchor,
) {
    let t = find(times, text);
    assert_eq!(t.value, value, "value of {text:?}");
    let when = t
        .when
        .as_ref()
        .unwrap_or_else(|| panic!("{text:?} has no interval"));
    assert_eq!((when.start, when.end), (start, end), "interval of {text:?}");
    assert_eq!(when.precision, precision, "precision of {text:?}");
    assert_eq!(when.anchor, anchor, "anchor of {text:?}");
    assert_eq!(when.text, text);
}

#[test]
fn seed_style_article_resolves_like_a_reader() {
    let times = tag(ARTICLE, Some(d(2020, 1, 3)));
    let day = |x| (x, x);
    check(
        &times,
        "January 3, 2020",
        "2020-01-03",
        day(d(2020, 1, 3)),
        Precision::Day,
        Anchor::Explicit,
    );
    // A month and day without a year: the nearest one before publication.
    check(
        &times,
        "Dec. 5",
        "2019-12-05",
        day(d(2019, 12, 5)),
        Precision::Day,
        Anchor::Published,
    );
    // Narrative: the day of the story's previous date, not the publication date.
    check(
        &times,
        "later that night",
        "2019-12-05TNI",
        day(d(2019, 12, 5)),
        Precision::Day,
        Anchor::Narrative,
    );
    assert_eq!(find(&times, "later that night").timex_type, TimexType::Time);
    check(
        &times,
        "this month",
        "2020-01",
        (d(2020, 1, 1), d(2020, 1, 31)),
        Precision::Month,
        Anchor::Published,
    );
    check(
        &times,
        "late 2016",
        "2016",
        (d(2016, 9, 1), d(2016, 12, 31)),
        // A part of a year, not the year (issue 15: "precision below a year").
        Precision::Quarter,
        Anchor::Explicit,
    );
    let late = find(&times, "late 2016");
    assert_eq!(late.modifier, Some(Modifier::Late));
    assert_eq!(
        late.when.as_ref().and_then(|w| w.modifier),
        Some(Modifier::Late)
    );
    check(
        &times,
        "2011",
        "2011",
        (d(2011, 1, 1), d(2011, 12, 31)),
        Precision::Year,
        Anchor::Explicit,
    );
    check(
        &times,
        "yesterday",
        "2020-01-02",
        day(d(2020, 1, 2)),
        Precision::Day,
        Anchor::Published,
    );
    // Published on a Friday: "on Monday" is the Monday of that week.
    check(
        &times,
        "Monday",
        "2019-12-30",
        day(d(2019, 12, 30)),
        Precision::Day,
        Anchor::Published,
    );
    check(
        &times,
        "last week",
        "2019-W52",
        (d(2019, 12, 23), d(2019, 12, 29)),
        Precision::Week,
        Anchor::Published,
    );
    check(
        &times,
        "two days ago",
        "2020-01-01",
        day(d(2020, 1, 1)),
        Precision::Day,
        Anchor::Published,
    );
    // Spans index the text and come in order.
    for pair in times.windows(2) {
        assert!(pair[0].span.end <= pair[1].span.start);
    }
    for t in &times {
        assert_eq!(t.span.slice(ARTICLE), t.text);
    }
}

#[test]
fn absolute_forms_and_parts() {
    let text = "Talks opened on 3 Jan 2020, resumed 2020-01-03 and closed 01/03/2020. \
                Output fell in the first quarter, rose in mid-March and peaked in the 1990s. \
                Elections were held in December 2019 and again in 2009-2010.";
    let times = tag(text, Some(d(2020, 6, 15)));
    let values: Vec<(&str, &str)> = times
        .iter()
        .map(|t| (t.text.as_str(), t.value.as_str()))
        .collect();
    assert_eq!(
        values,
        [
            ("3 Jan 2020", "2020-01-03"),
            ("2020-01-03", "2020-01-03"),
            ("01/03/2020", "2020-01-03"),
            ("the first quarter", "2020-Q1"),
            ("mid-March", "2020-03"),
            ("the 1990s", "199X"),
            ("December 2019", "2019-12"),
            ("2009", "2009"),
            ("2010", "2010"),
        ]
    );
    let mid = find(&times, "mid-March").when.clone().expect("interval");
    assert_eq!((mid.start, mid.end), (d(2020, 3, 11), d(2020, 3, 20)));
    assert_eq!(mid.modifier, Some(Modifier::Mid));
    let decade = find(&times, "the 1990s").when.clone().expect("interval");
    assert_eq!(
        (decade.start, decade.end, decade.precision),
        (d(1990, 1, 1), d(1999, 12, 31), Precision::Decade)
    );
}

#[test]
fn relative_durations_sets_and_references() {
    let text = "The ministry will meet next Friday. Prices rose earlier this year and the \
                siege lasted three weeks, about a month in all. Markets open every Friday. \
                Officials are now reviewing it; it recently changed and may change in the future. \
                The truce held until the next day.";
    let times = tag(text, Some(d(2013, 3, 14)));
    let got = |w: &str| {
        let t = find(&times, w);
        (t.timex_type, t.value.clone())
    };
    assert_eq!(got("next Friday"), (TimexType::Date, "2013-03-15".into()));
    assert_eq!(got("earlier this year"), (TimexType::Date, "2013".into()));
    let earlier = find(&times, "earlier this year")
        .when
        .clone()
        .expect("interval");
    assert_eq!(
        (earlier.start, earlier.end),
        (d(2013, 1, 1), d(2013, 3, 14))
    );
    assert_eq!(got("three weeks"), (TimexType::Duration, "P3W".into()));
    assert_eq!(got("a month"), (TimexType::Duration, "P1M".into()));
    assert_eq!(got("every Friday"), (TimexType::Set, "XXXX-WXX-5".into()));
    assert_eq!(got("now"), (TimexType::Date, "PRESENT_REF".into()));
    assert_eq!(got("recently"), (TimexType::Date, "PAST_REF".into()));
    assert_eq!(got("the future"), (TimexType::Date, "FUTURE_REF".into()));
    // "the next day" follows the story's last date: Friday the 15th.
    let next = find(&times, "the next day");
    assert_eq!(next.value, "2013-03-16");
    assert_eq!(
        next.when.as_ref().map(|w| w.anchor),
        Some(Anchor::Narrative)
    );
}

#[test]
fn tense_sends_weekdays_and_months_forward() {
    let times = tag(
        "The envoy arrived Monday. The council will vote Tuesday. He left in December.",
        Some(d(2013, 3, 14)),
    );
    assert_eq!(find(&times, "Monday").value, "2013-03-11");
    assert_eq!(find(&times, "Tuesday").value, "2013-03-19");
    assert_eq!(find(&times, "December").value, "2012-12");
    let week = tag("Fighting eased this week.", Some(d(2013, 3, 14)));
    assert_eq!(find(&week, "this week").value, "2013-W11");
}

#[test]
fn without_a_publication_date_relative_dates_stay_vague() {
    let times = tag(
        "Fighting resumed yesterday, on Monday and in March, as it did on May 4, 2011.",
        None,
    );
    let y = find(&times, "yesterday");
    assert_eq!(
        (y.timex_type, y.value.as_str(), y.when.is_none()),
        (TimexType::Date, "XXXX-XX-XX", true)
    );
    assert_eq!(find(&times, "Monday").value, "XXXX-WXX-1");
    assert_eq!(find(&times, "March").value, "XXXX-03");
    let explicit = find(&times, "May 4, 2011");
    assert_eq!(explicit.value, "2011-05-04");
    assert_eq!(
        explicit.when.as_ref().map(|w| w.anchor),
        Some(Anchor::Explicit)
    );
}

#[test]
fn years_beyond_the_calendar_do_not_panic() {
    let text = "In 99999 and on January 1, 99999, or in the year 2199, 9999-12-31 and \
                12/31/9999, then 262143 years later and 4000000000 days ago.";
    for published in [
        None,
        Some(d(2020, 1, 3)),
        NaiveDate::from_ymd_opt(262_000, 12, 31),
    ] {
        let times = tag(text, published);
        for t in &times {
            assert_eq!(t.span.slice(text), t.text);
        }
    }
}
