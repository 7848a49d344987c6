//! Event extraction: finds the sentences that report something happening and turns each into an
//! [`Event`] with its date and place attached.
//!
//! This first version codes every event as `other`; what it gets right is the skeleton every
//! later refinement keeps: one event per reporting sentence, the sentence's own date or else the
//! story's running date or else the publication date (coarsened, `Anchor::Published`), and the
//! sentence's place or else the nearest specific place before it.

use crate::ingest::ArticleInput;
use crate::model::{Anchor, ArticleId, Event, EventId, GeoPrecision, Kind, Precision, Span, When};

use super::text::words;
use super::{PlaceMention, Timex};

/// Past-tense verbs and nouns that say something happened (rather than was said or believed).
const HAPPENING: &[&str] = &[
    "attacked",
    "attack",
    "attacks",
    "killed",
    "died",
    "dead",
    "injured",
    "wounded",
    "bombed",
    "bombing",
    "shelled",
    "struck",
    "clashed",
    "clashes",
    "fought",
    "exploded",
    "explosion",
    "detonated",
    "fired",
    "captured",
    "seized",
    "abducted",
    "kidnapped",
    "arrested",
    "detained",
    "protested",
    "marched",
    "rioted",
    "looted",
    "burned",
    "torched",
    "signed",
    "met",
    "visited",
    "elected",
    "voted",
    "won",
    "flooded",
    "hit",
    "raided",
    "ambushed",
    "launched",
    "destroyed",
    "evacuated",
    "fled",
    "displaced",
    "collapsed",
    "erupted",
    "stormed",
    "took",
    "formed",
    "became",
    "withdrew",
    "deployed",
    "executed",
    "shot",
    "stabbed",
    "massacred",
    "earthquake",
    "floods",
    "storm",
    "agreed",
    "announced",
    "demonstrated",
    "gathered",
    "closed",
    "opened",
];

/// One event per sentence that reports something happening, most salient first.
pub fn extract_events(
    input: &ArticleInput,
    sentences: &[Span],
    times: &[Timex],
    places: &[PlaceMention],
) -> Vec<Event> {
    let article = ArticleId::of_text(&input.text);
    let fallback = input.published.map(|day| {
        let month = When::month(chrono::Datelike::year(&day), chrono::Datelike::month(&day))
            .unwrap_or_else(|| When::day(day));
        When::interval(month.start, day, Precision::Month, Anchor::Published)
    });
    let mut running: Option<When> = None;
    let mut events = Vec::new();
    for sentence in sentences {
        let own_date = times
            .iter()
            .filter(|t| sentence.contains(&t.span))
            .find_map(|t| t.when.clone());
        if let Some(when) = &own_date {
            running = Some(when.clone());
        }
        let text = sentence.slice(&input.text);
        if !reports_happening(text) {
            continue;
        }
        let Some(when) = own_date
            .or_else(|| running.clone())
            .or_else(|| fallback.clone())
        else {
            continue;
        };
        let in_sentence: Vec<&PlaceMention> = places
            .iter()
            .filter(|p| sentence.contains(&p.span))
            .collect();
        let place = in_sentence
            .iter()
            .min_by_key(|p| p.place.precision)
            .map(|p| p.place.clone())
            .or_else(|| {
                places
                    .iter()
                    .rev()
                    .find(|p| {
                        p.span.end <= sentence.start && p.place.precision <= GeoPrecision::Admin1
                    })
                    .map(|p| p.place.clone())
            });
        let others = in_sentence
            .iter()
            .map(|p| p.place.clone())
            .filter(|p| Some(p) != place.as_ref())
            .collect();
        events.push(Event {
            id: EventId::of(article, events.len() as u32),
            article,
            kind: Kind::OTHER,
            when,
            place,
            places: others,
            actors: Vec::new(),
            fatalities: None,
            injured: None,
            summary: text.to_string(),
            span: *sentence,
            confidence: 0.3,
        });
    }
    events
}

/// Whether a sentence reports something happening: it holds a happening word and is not a
/// header line.
fn reports_happening(sentence: &str) -> bool {
    if sentence.starts_with("Affected Countries:") || sentence.starts_with("Source:") {
        return false;
    }
    words(sentence).any(|(_, w)| HAPPENING.contains(&w.to_lowercase().as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::text::sentences;
    use chrono::NaiveDate;

    #[test]
    fn one_event_per_reporting_sentence_dated_by_publication_when_text_has_none() {
        let input = ArticleInput {
            text: "Militants attacked a convoy. The weather was mild. Six died.".into(),
            published: NaiveDate::from_ymd_opt(2020, 1, 3),
            ..ArticleInput::default()
        };
        let events = extract_events(&input, &sentences(&input.text), &[], &[]);
        let summaries: Vec<&str> = events.iter().map(|e| e.summary.as_str()).collect();
        assert_eq!(summaries, vec!["Militants attacked a convoy.", "Six died."]);
        let when = &events[0].when;
        assert_eq!(when.anchor, Anchor::Published);
        assert_eq!(when.start, NaiveDate::from_ymd_opt(2020, 1, 1).unwrap());
        assert_eq!(when.end, NaiveDate::from_ymd_opt(2020, 1, 3).unwrap());
        assert_ne!(events[0].id, events[1].id);
    }

    #[test]
    fn no_date_anywhere_means_no_event() {
        let input = ArticleInput {
            text: "Militants attacked a convoy.".into(),
            ..ArticleInput::default()
        };
        assert!(extract_events(&input, &sentences(&input.text), &[], &[]).is_empty());
    }
}
