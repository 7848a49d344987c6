//! Which of a sentence's date expressions date its happening: not the date of the telling
//! ("said on Sunday"), not a year that names a thing ("the 2016 peace agreement"); and whether
//! a sentence is dated only by periods ("this year").

use crate::extract::rules::EventRules;
use crate::model::{Precision, Span, When};

use super::words::WordRole;
use crate::extract::mentions::{Timex, TimexType};

/// The TIMEX3 value of the present of the telling ("now", "currently").
const PRESENT_REF: &str = "PRESENT_REF";

/// The date a sentence gives its happening, leaving out the date of the telling ("the
/// coalition said on Sunday that the strikes killed…" dates the saying, not the strikes).
pub fn reported_date(
    text: &str,
    times: &[Timex],
    sentence: &Span,
    trigger: Option<Span>,
    rules: &EventRules,
) -> Option<When> {
    let mut told: Vec<Timex> = Vec::new();
    // Where the last date of a telling ended: "Posted: Monday, August 11, 2014 9:34 AM" is
    // one stamp, the clock time with its day.
    let mut saying_end: Option<usize> = None;
    for t in times.iter().filter(|t| sentence.contains(&t.span)) {
        let joined = saying_end.is_some_and(|end| {
            text.get(end..t.span.start)
                .is_some_and(|between| between.trim_matches([' ', ',']).is_empty())
        });
        if joined || dates_the_saying(text, t.span, rules) {
            saying_end = Some(t.span.end);
            continue;
        }
        // "Police are currently investigating a shooting … late Saturday night": the present
        // of the telling dates no happening.
        if t.value != PRESENT_REF {
            told.push(t.clone());
        }
    }
    sentence_date(&told, sentence, trigger)
}

/// The present of the telling a sentence names ("the fronts now fight each other"), when it
/// names one: it dates no happening, but the story has come back to its own day.
pub fn present_of_telling(times: &[Timex], sentence: &Span) -> Option<When> {
    times
        .iter()
        .filter(|t| sentence.contains(&t.span) && t.value == PRESENT_REF)
        .find_map(|t| t.when.clone())
}

/// Whether the sentence is dated only by periods ("this year", "in 2016"): it has dates, and
/// none of them is a day.
pub fn period_dated(times: &[Timex], sentence: &Span) -> bool {
    let dates: Vec<&When> = times
        .iter()
        .filter(|t| sentence.contains(&t.span))
        .filter_map(|t| t.when.as_ref())
        .collect();
    !dates.is_empty() && dates.iter().all(|w| w.precision != Precision::Day)
}

/// Whether a date expression is a bare year used as an adjective: after `the` or `a` and
/// before a word ("the 2016 peace agreement", "a 2019 law").
pub fn names_a_thing(text: &str, timex: &Timex, rules: &EventRules) -> bool {
    let year = timex.text.len() == 4 && timex.text.bytes().all(|b| b.is_ascii_digit());
    let before = text.get(..timex.span.start).unwrap_or("").trim_end();
    let after = text.get(timex.span.end..).unwrap_or("");
    // The word right before the year, after a space or opening the text.
    let last = before.rsplit_once(' ').map_or(before, |(_, last)| last);
    let determiner = rules.is(WordRole::ThingDeterminer, last);
    let noun_follows = after.starts_with(' ')
        && after
            .trim_start()
            .chars()
            .next()
            .is_some_and(char::is_alphabetic);
    year && determiner && noun_follows
}

/// Whether a date expression follows a verb of saying ("said on Sunday", "announced Monday")
/// or a page's stamp ("Posted: Monday, …", "(Published Monday, …)"). A report that cites its
/// source first ("As reported on 1 May, …", "It was reported on 1 May that …") dates the happening so
/// when it gives no other date: that is not the date of a telling apart from the happening.
fn dates_the_saying(text: &str, span: Span, rules: &EventRules) -> bool {
    let before = text
        .get(..span.start)
        .unwrap_or("")
        .trim_end()
        .to_lowercase();
    let stamp = before.strip_suffix(':');
    let before = stamp.unwrap_or(&before).trim_end();
    let before = before.strip_suffix(" on").unwrap_or(before);
    let Some(verb) = rules
        .words(WordRole::SayingVerb)
        .iter()
        .find(|w| before.ends_with(w))
    else {
        return false;
    };
    let rest = before[..before.len() - verb.len()].trim_end();
    let opens = rest.is_empty() || rest.ends_with(['.', '!', '?', '\n']);
    // "as reported on …", and the impersonal "it was reported on … that …".
    let as_cited = ["as", "it was", "it is"].iter().any(|opener| {
        rest.strip_suffix(opener)
            .is_some_and(|r| r.is_empty() || r.ends_with(|c: char| !c.is_alphanumeric()))
    });
    let cites = stamp.is_none() && (opens || as_cited);
    !cites
}

/// The date a sentence gives its event: of its dated expressions, the one nearest the trigger.
pub(super) fn sentence_date(
    times: &[Timex],
    sentence: &Span,
    trigger: Option<Span>,
) -> Option<When> {
    let anchor = trigger.map_or(sentence.start, |t| t.start);
    times
        .iter()
        .filter(|t| {
            sentence.contains(&t.span) && matches!(t.timex_type, TimexType::Date | TimexType::Time)
        })
        .filter_map(|t| t.when.clone().map(|w| (t.span.start.abs_diff(anchor), w)))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, when)| when)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_date_of_a_saying_or_a_stamp_is_not_the_happening_s() {
        let rules = &crate::extract::rules::Rules::embedded().events;
        let dates_saying = |text: &str, date: &str| {
            let at = text.find(date).unwrap_or(0);
            dates_the_saying(text, Span::new(at, at + date.len()), rules)
        };
        assert!(dates_saying(
            "A boy was hurt, the sheriff said on Friday.",
            "Friday"
        ));
        assert!(dates_saying("Posted: Friday, June 7, 2019", "Friday"));
        assert!(dates_saying("A boy was hurt. (Published Friday)", "Friday"));
        // A report citing its source first is dated by that report.
        assert!(!dates_saying(
            "As reported on 7 June, rebels shelled a town.",
            "7 June"
        ));
        assert!(!dates_saying(
            "It was reported on 7 June that rebels fled.",
            "7 June"
        ));
        assert!(!dates_saying("A boy was hurt on Friday.", "Friday"));
    }

    #[test]
    fn a_year_that_names_a_thing_does_not_date_the_event() {
        let text =
            "Soldiers fought rebels who rejected the 2016 peace deal, in 2016 or on Saturday.";
        let timex = |word: &str, at: usize| Timex {
            span: Span::new(at, at + word.len()),
            text: word.into(),
            timex_type: TimexType::Date,
            value: word.into(),
            when: None,
            modifier: None,
        };
        let adjective = text.find("2016 peace").unwrap_or(0);
        let date = text.find("2016 or").unwrap_or(0);
        let rules = &crate::extract::rules::Rules::embedded().events;
        assert!(names_a_thing(text, &timex("2016", adjective), rules));
        assert!(!names_a_thing(text, &timex("2016", date), rules));
    }
}
