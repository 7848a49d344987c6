//! The words behind an event's date and place, found after the fact: the date expression and
//! the place mention that gave them, in the event's sentences or the story before them.

use crate::extract::PlaceMention;
use crate::model::{Place, Span, When};

use super::Timex;

/// The date expression an event's date came from: the one with the date's words in the
/// event's sentences, else the last such before them (a running date set earlier in the story).
/// `None` when the date is the publication date's.
pub fn date_words(times: &[Timex], when: &When, sentences: &[Span]) -> Option<Span> {
    if when.text.is_empty() {
        return None;
    }
    let first = sentences.first()?;
    let same = |t: &&Timex| t.text == when.text;
    times
        .iter()
        .filter(same)
        .find(|t| sentences.iter().any(|s| s.contains(&t.span)))
        .or_else(|| {
            times
                .iter()
                .filter(same)
                .rfind(|t| t.span.end <= first.start)
        })
        .map(|t| t.span)
}

/// The mention an event's place came from: the one naming it in the event's sentences, else
/// the nearest before them (the story's last place), else the first anywhere.
pub fn place_words(places: &[PlaceMention], place: &Place, sentences: &[Span]) -> Option<Span> {
    let first = sentences.first()?;
    let same = |m: &&PlaceMention| &m.place == place;
    places
        .iter()
        .filter(same)
        .find(|m| sentences.iter().any(|s| s.contains(&m.span)))
        .or_else(|| {
            places
                .iter()
                .filter(same)
                .rfind(|m| m.span.end <= first.start)
        })
        .or_else(|| places.iter().find(same))
        .map(|m| m.span)
}
