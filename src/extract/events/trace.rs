//! The words behind an event's date and place, found after the fact: the date expression and
//! the place mention that gave them, in the event's sentences or the story before them.

use crate::extract::PlaceMention;
use crate::model::{Place, Span, When};

use crate::extract::mentions::Timex;

/// The date expression an event's date came from: the one with the date's words in the
/// event's sentences, else the last such before them (a running date set earlier in the story).
/// `None` when the date is the publication date's.
pub fn date_words(times: &[Timex], when: &When, sentences: &[Span]) -> Option<Span> {
    if when.text.is_empty() {
        return None;
    }
    told_in_or_before(
        times.iter().map(|t| (t.span, t.text == when.text)),
        sentences,
    )
}

/// The mention an event's place came from: the one naming it in the event's sentences, else
/// the nearest before them (the story's last place), else the first anywhere.
pub fn place_words(places: &[PlaceMention], place: &Place, sentences: &[Span]) -> Option<Span> {
    sentences.first()?;
    told_in_or_before(
        places.iter().map(|m| (m.span, &m.place == place)),
        sentences,
    )
    .or_else(|| places.iter().find(|m| &m.place == place).map(|m| m.span))
}

/// Of the spans marked as telling the field (`(span, tells)`, in text order), the first inside
/// one of `sentences`, else the last before the first of them.
fn told_in_or_before(
    spans: impl Iterator<Item = (Span, bool)> + Clone,
    sentences: &[Span],
) -> Option<Span> {
    let first = sentences.first()?;
    let telling = spans.filter(|(_, tells)| *tells).map(|(span, _)| span);
    telling
        .clone()
        .find(|span| sentences.iter().any(|s| s.contains(span)))
        .or_else(|| telling.filter(|span| span.end <= first.start).last())
}
