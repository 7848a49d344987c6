//! Event extraction: what happened, who did it, how many were hurt, when and where — one
//! sentence at a time, then stitched into the article's events.
//!
//! 1. Each sentence is tokenized ([`tokens`]) and classified ([`classify`]) by the cues of the
//!    rule book (`rules/events/`, read by [`crate::extract::rules`]); the kind rules look at
//!    victims and perpetrators, not only the verb.
//! 2. Casualties ([`casualties`]) and actors ([`actors`]) are read from the same tokens.
//! 3. A sentence with casualties but no trigger of its own ("Six died.") continues the event
//!    before it; a sentence re-telling the event before it (same kind, overlapping dates,
//!    compatible places) is merged into it ([`merging`]), and so is one that points back at a
//!    happening told anywhere before ("the explosion shook…", [`anaphora`]). Denials, states
//!    of affairs and habits are no events. Each event is a [`draft::Draft`] until the story
//!    is read.
//! 4. Each event gets the date of its sentence ([`dating`] leaves out the date of the telling
//!    and years that name things), else the story's running date, else the
//!    publication date coarsened to its month (`Anchor::Published`); and the place of its
//!    sentence, else the nearest specific place before it ([`placing`]).
//! 5. Each event keeps the words behind its fields ([`crate::model::Evidence`], with [`trace`]).
//! 6. Events are ordered most salient first: violent before non-violent, early before late,
//!    with casualties before without, current before background.

mod actors;
mod anaphora;
mod casualties;
mod classify;
pub mod cue;
mod dating;
mod draft;
mod merging;
mod numbers;
mod placing;
pub(crate) mod tokens;
mod trace;
pub mod words;

pub use cue::Cue;

use std::borrow::Cow;
use std::collections::BTreeMap;

use chrono::Datelike;

use crate::ingest::ArticleInput;
use crate::model::{
    Anchor, ArticleId, Country, Event, EventId, EventStatus, EventType, Kind, Precision, Role,
    Span, SubKind, When,
};

use super::mentions::{PlaceMention, Timex};
use super::rules::{EventRules, Rules};
use classify::Classified;
use dating::sentence_date;
use draft::Draft;
use merging::{absorb, merge, retells};
use placing::{event_place, preceding_place, sentence_places};
use words::WordRole;

/// The events of one article, most salient first.
pub fn extract_events(
    input: &ArticleInput,
    sentences: &[Span],
    times: &[Timex],
    places: &[PlaceMention],
    focus: &[Country],
    rules: &Rules,
) -> Vec<Event> {
    let mut story = Story::new(input, times, places, focus, rules);
    for (index, sentence) in sentences.iter().enumerate() {
        story.read(index, sentence);
    }
    story.events(sentences)
}

/// One article being read, sentence by sentence: what it gives every sentence, and the events
/// and running state its sentences have built so far.
struct Story<'a> {
    input: &'a ArticleInput,
    text: &'a str,
    /// The times that may date a happening: "the 2016 peace agreement" dates the agreement,
    /// so a year that names a thing is left out (most stories have none, and are not copied).
    times: Cow<'a, [Timex]>,
    places: &'a [PlaceMention],
    focus: &'a [Country],
    rules: &'a Rules,
    /// The acronyms the article defines.
    defined: BTreeMap<String, String>,
    /// The date of an event no sentence dates: the publication date's month, up to that day.
    fallback: Option<When>,
    /// The story's running date: the last date a sentence gave.
    running: Option<When>,
    /// What the story's generic nouns stand for so far ("the militias").
    coreference: actors::Coreference,
    /// The events so far, in the order first told.
    drafts: Vec<Draft<'a>>,
    /// What sentences before the first event counted of the dead and the hurt ("A teenager
    /// died Thursday evening." opening a story that tells the shooting next): the story's
    /// first violent event takes it.
    lede: Vec<casualties::Casualties>,
    /// The last happening a sentence asked for ("asked the coalition to bomb Qarachokh
    /// mountain, where the Islamic State fighters hide"), with the sentence's index: a later
    /// sentence that tells it done without saying at whom ("The coalition bombed later that
    /// night") carried out that request.
    requested: Option<(usize, Vec<tokens::Token<'a>>, Classified)>,
}

impl<'a> Story<'a> {
    /// A story about to be read.
    fn new(
        input: &'a ArticleInput,
        times: &'a [Timex],
        places: &'a [PlaceMention],
        focus: &'a [Country],
        rules: &'a Rules,
    ) -> Story<'a> {
        let text = input.text.as_str();
        let names_a_thing = |t: &Timex| dating::names_a_thing(text, t, &rules.events);
        let times: Cow<'a, [Timex]> = if times.iter().any(names_a_thing) {
            times
                .iter()
                .filter(|t| !names_a_thing(t))
                .cloned()
                .collect::<Vec<_>>()
                .into()
        } else {
            times.into()
        };
        let fallback = input.published.and_then(|day| {
            let month = When::month(day.year(), day.month())?;
            Some(When::interval(
                month.start,
                day,
                Precision::Month,
                Anchor::Published,
            ))
        });
        Story {
            input,
            text,
            times,
            places,
            focus,
            rules,
            defined: actors::acronyms(text, &rules.events),
            fallback,
            running: None,
            coreference: actors::Coreference::new(),
            drafts: Vec::new(),
            lede: Vec::new(),
            requested: None,
        }
    }

    /// Reads sentence `index`: a new event, a re-telling of one, a toll for the one before, or
    /// nothing.
    fn read(&mut self, index: usize, sentence: &Span) {
        let (text, rules) = (self.text, self.rules);
        let sentence_text = sentence.slice(text);
        if is_header_line(sentence_text, &rules.events) || is_quotation(sentence_text) {
            return;
        }
        let tokens = tokens::tokenize(text, *sentence);
        let counted = casualties::casualties(&tokens, &rules.events);
        let classified = classify::classify(&tokens, &rules.events);
        // "Police said Monday that …" dates the saying: the sentence's own date is another.
        let own_date = dating::reported_date(
            text,
            &self.times,
            sentence,
            classified.as_ref().map(|c| c.trigger),
            &rules.events,
        )
        .map(|when| inherit_narrative(when, self.running.as_ref(), &rules.events));
        // "… has followed ethnic lines since 2017": a state of affairs, not a happening.
        let classified = classified.filter(|_| !dated_since(text, &self.times, sentence));
        if own_date.is_none()
            && let Some(present) = dating::present_of_telling(&self.times, sentence)
        {
            self.running = Some(present);
        }
        if let Some(when) = &own_date {
            self.running = Some(when.clone());
            // A sentence telling a happening of another kind ("police arrested him on
            // Sunday") dates that happening, not the violence told before it.
            if classified.as_ref().is_none_or(|c| is_violent(c.kind)) {
                self.date_undated(when, sentence);
            }
            if anaphora::tells_when_told_happened(&tokens, &rules.events) {
                self.date_told(when, sentence);
            }
        }
        let coreference_before = self.coreference.clone();
        actors::link_generic_nouns(&tokens, &self.defined, &mut self.coreference, &rules.events);
        if let Some(asked) = classified
            .as_ref()
            .filter(|c| anaphora::intended(&tokens, c.trigger_index, &rules.events))
        {
            self.requested = Some((index, tokens.clone(), asked.clone()));
        }
        let classified = classified
            .filter(|c| self.tells_a_happening(&tokens, c, own_date.is_some(), sentence))
            .filter(|c| !self.adds_a_toll(&tokens, c, own_date.as_ref(), index, sentence));
        let Some(classified) = classified else {
            self.continue_previous(index, sentence, tokens, &counted);
            return;
        };
        let Some(mut draft) = self.draft(classified, index, sentence, own_date, tokens) else {
            return;
        };
        draft.coreference = coreference_before;
        draft.asked_for = self.carried_out(&draft);
        absorb(&mut draft, &counted);
        if is_violent(draft.classified.kind) {
            for lede in std::mem::take(&mut self.lede) {
                absorb(&mut draft, &lede);
            }
        }
        self.file(draft, sentence);
    }

    /// The request a new event carries out: the last happening asked for, of the same type (or
    /// both violence), a
    /// few sentences before, when the event's own sentence names no one after its trigger.
    fn carried_out(&self, draft: &Draft<'a>) -> Option<(Vec<tokens::Token<'a>>, Classified)> {
        let (asked_at, tokens, asked) = self.requested.as_ref()?;
        let near = draft.sentence_index - asked_at <= merging::RETELLING_REACH;
        let at = draft.classified.trigger_index;
        let rules = &self.rules.events;
        let names_whom = draft
            .tokens
            .iter()
            .skip(at + 1)
            .take_while(|t| !t.breaks_clause())
            .any(|t| {
                t.capitalised || rules.may_mention(&t.lower) || rules.may_name_group(&t.lower)
            });
        // "asked to attack the camp where Islamic State fighters hide" reads as a battle and
        // "attacked" alone as an attack: what was asked and what was done are both violence.
        let (a, b) = (asked.kind, draft.classified.kind);
        let same_type = a.event_type() == b.event_type() || (is_violent(a) && is_violent(b));
        (near && same_type && !names_whom).then(|| (tokens.clone(), asked.clone()))
    }

    /// Gives the story's undated violent happenings the day a later sentence names: news
    /// opens with what happened and tells when in the next lines ("A man was shot in his
    /// home. … It happened around 9 p.m. Saturday."). Only a day up to publication dates a
    /// happening so: a coarser date or a later one is not the telling of its day.
    fn date_undated(&mut self, when: &When, sentence: &Span) {
        let published = self.input.published;
        if when.precision != Precision::Day || published.is_some_and(|p| when.end > p) {
            return;
        }
        for draft in self
            .drafts
            .iter_mut()
            .filter(|d| d.undated && is_violent(d.classified.kind))
        {
            draft.when = when.clone();
            draft.undated = false;
            draft.dated_in = Some(*sentence);
        }
    }

    /// Gives the happening told last the day a sentence says it took place ("It happened
    /// about 11:30 p.m. Sunday"), unless its own sentence dated it to that day or before: the
    /// date it had was borrowed from the story, or was of what followed (the police's
    /// response, a charge). Only a day up to publication dates it so.
    fn date_told(&mut self, when: &When, sentence: &Span) {
        let published = self.input.published;
        if when.precision != Precision::Day || published.is_some_and(|p| when.end > p) {
            return;
        }
        let Some(told) = self
            .drafts
            .iter_mut()
            .rev()
            .find(|d| is_violent(d.classified.kind))
        else {
            return;
        };
        if told.undated || told.borrowed_date || told.when.start > when.end {
            told.when = when.clone();
            told.undated = false;
            told.borrowed_date = false;
            told.dated_in = Some(*sentence);
        }
    }

    /// Whether a classified sentence tells a happening: denials, what is only intended, possible
    /// or imagined ("asked the coalition to bomb", "would attack"), states of affairs ("has
    /// stepped up attacks since 2011") and habits ("units that attack villages", with no date of
    /// their own) tell none.
    fn tells_a_happening(
        &self,
        tokens: &[tokens::Token],
        classified: &Classified,
        dated: bool,
        sentence: &Span,
    ) -> bool {
        let rules = &self.rules.events;
        let at = classified.trigger_index;
        let habit = !dated && anaphora::habitual(tokens, at, rules);
        let period_dated = dating::period_dated(&self.times, sentence);
        let period = anaphora::tells_a_period(tokens, at, period_dated, rules);
        !(anaphora::denied(tokens, at, rules)
            || anaphora::intended(tokens, at, rules)
            || period
            || habit)
    }

    /// Whether a sentence only tells the toll of the violent event its paragraph just told ("3
    /// fighters were killed.") — unless it dates itself apart from that event.
    fn adds_a_toll(
        &self,
        tokens: &[tokens::Token],
        classified: &Classified,
        own_date: Option<&When>,
        index: usize,
        sentence: &Span,
    ) -> bool {
        tells_only_toll(tokens, classified, &self.rules.events)
            && self
                .drafts
                .iter()
                .rev()
                .find(|d| follows(self.text, d, index, sentence))
                .is_some_and(|d| {
                    is_violent(d.classified.kind)
                        && own_date.is_none_or(|w| w.overlaps(d.when.start, d.when.end))
                })
    }

    /// A sentence that tells no event of its own: the event the previous sentence told (or
    /// told again) takes its toll and its words; before the story's first event, its toll
    /// waits for the first violent one ([`Story::lede`]).
    fn continue_previous(
        &mut self,
        index: usize,
        sentence: &Span,
        tokens: Vec<tokens::Token<'a>>,
        counted: &casualties::Casualties,
    ) {
        let text = self.text;
        if self.drafts.is_empty() {
            if *counted != casualties::Casualties::default() {
                self.lede.push(counted.clone());
            }
            return;
        }
        if let Some(previous) = self
            .drafts
            .iter_mut()
            .rev()
            .find(|d| follows(text, d, index, sentence))
        {
            absorb(previous, counted);
            previous.evidence.sentences.push(*sentence);
            previous.more_tokens.extend(tokens);
            previous.last_sentence = index;
            previous.last_end = sentence.end;
        }
    }

    /// The event a sentence tells, dated (its own date, else the story's running date, else the
    /// publication month) and placed; `None` when nothing dates it.
    fn draft(
        &self,
        classified: Classified,
        index: usize,
        sentence: &Span,
        own_date: Option<When>,
        tokens: Vec<tokens::Token<'a>>,
    ) -> Option<Draft<'a>> {
        let (text, places, focus) = (self.text, self.places, self.focus);
        // "Charged Friday in the shooting death of …": Friday is the charge's day; the story
        // may tell the shooting's own day later.
        let charged =
            anaphora::told_as_charged(&tokens, classified.trigger_index, &self.rules.events);
        let undated = (own_date.is_none() && self.running.is_none()) || charged;
        let borrowed_date = own_date.is_none();
        let when = own_date
            .or_else(|| self.running.clone())
            .or_else(|| self.fallback.clone())?;
        let (own, others) = sentence_places(
            text,
            places,
            sentence,
            &tokens,
            classified.trigger_index,
            focus,
            self.rules,
        );
        let place = event_place(own, &when, || {
            preceding_place(text, places, sentence, focus)
        });
        let mut draft = Draft::new(classified, index, *sentence, when, place, others, tokens);
        draft.undated = undated;
        draft.borrowed_date = borrowed_date;
        Some(draft)
    }

    /// Files a new event: into a happening the story told already when the sentence points
    /// back at one ("The explosion shook…", "gunmen then entered…", wherever in the story that
    /// was), or into a recent event it re-tells, else as an event of its own.
    fn file(&mut self, mut draft: Draft<'a>, sentence: &Span) {
        let rules = &self.rules.events;
        let at = draft.classified.trigger_index;
        let own_family = draft.classified.kind.event_type();
        if let Some(reference) = anaphora::points_back(&draft.tokens, at, own_family, rules) {
            let happened = dating::reported_date(
                self.text,
                &self.times,
                sentence,
                Some(draft.classified.trigger),
                rules,
            );
            let date = happened.as_ref().filter(|_| !reference.present_perfect);
            if let Some(told) = told_happening(&mut self.drafts, reference.target, date) {
                // The first telling's date stands unless this one dates the happening itself.
                draft.when = match happened {
                    Some(when) if !reference.present_perfect => when,
                    _ => told.when.clone(),
                };
                merge(told, draft, rules);
                return;
            }
            if reference.present_perfect {
                // The effects of a happening the story never told: nothing to count.
                return;
            }
        }
        match self
            .drafts
            .iter_mut()
            .rev()
            .enumerate()
            .find(|(n, d)| {
                (*n < RETOLD_AMONG || is_violent(d.classified.kind)) && retells(d, &draft, rules)
            })
            .map(|(_, d)| d)
        {
            Some(earlier) => merge(earlier, draft, rules),
            None => self.drafts.push(draft),
        }
    }

    /// The story's events, most salient first; when no sentence told one, the first dated
    /// sentence still reports something.
    fn events(mut self, sentences: &[Span]) -> Vec<Event> {
        let (text, rules) = (self.text, self.rules);
        if self.drafts.is_empty() {
            // Nothing the lexicon knows: the first dated sentence still reports something.
            match first_dated(
                self.input,
                sentences,
                &self.times,
                self.places,
                self.focus,
                rules,
            ) {
                Some(draft) => self.drafts.push(draft),
                None => return Vec::new(),
            }
        }
        let article = ArticleId::of_text(text);
        let published = self.input.published;
        let mut drafts = std::mem::take(&mut self.drafts);
        for draft in &mut drafts {
            cap_at_publication(&mut draft.when, published);
        }
        // What a story with news of its own tells from long before is background to it ("the
        // Islamic State, which had just captured Mosul" in 2014); a story all of whose events
        // are old (a trial, an anniversary) tells them as its news.
        let has_news = drafts.iter().any(|d| !is_background(&d.when, published));
        let mut scored: Vec<(f32, Event)> = drafts
            .into_iter()
            .enumerate()
            .map(|(ordinal, draft)| {
                let score = salience(&draft, ordinal, published);
                let told = Told {
                    article,
                    ordinal: ordinal as u32,
                    text,
                    focus: self.focus,
                    defined: &self.defined,
                    places: self.places,
                    times: &self.times,
                    rules,
                };
                let status = if has_news && is_background(&draft.when, published) {
                    EventStatus::Background
                } else {
                    EventStatus::Happened
                };
                (score, into_event(draft, &told, status))
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        scored.into_iter().map(|(_, event)| event).collect()
    }
}

/// What [`into_event`] reads of the story besides the draft.
struct Told<'s> {
    article: ArticleId,
    /// The event's place in the order events were first told.
    ordinal: u32,
    text: &'s str,
    focus: &'s [Country],
    defined: &'s BTreeMap<String, String>,
    places: &'s [PlaceMention],
    times: &'s [Timex],
    rules: &'s Rules,
}

/// "Later that night" after "this month": the story has not said which night, so the event
/// keeps the coarser running interval rather than a day the text never gave. The tagger
/// credits such expressions to the publication date when the story's date is too coarse;
/// their wording still says they continue the story.
fn inherit_narrative(when: When, running: Option<&When>, rules: &EventRules) -> When {
    let lower = when.text.to_lowercase();
    let narrative =
        when.anchor == Anchor::Narrative || rules.words(WordRole::NarrativeCue).among_words(&lower);
    match running {
        Some(previous) if narrative && previous.days() > when.days() => previous
            .clone()
            .with_text(when.text)
            .with_anchor(Anchor::Narrative),
        _ => when,
    }
}

/// Whether sentence `index` directly follows the event's last sentence in the same paragraph.
fn follows(text: &str, draft: &Draft, index: usize, sentence: &Span) -> bool {
    let between = text.get(draft.last_end..sentence.start).unwrap_or("\n\n");
    index == draft.last_sentence + 1 && !between.contains("\n\n")
}

/// An event of kind `other` for the first sentence with a date of its own, at low confidence.
fn first_dated<'a>(
    input: &'a ArticleInput,
    sentences: &[Span],
    times: &[Timex],
    places: &[PlaceMention],
    focus: &[Country],
    rules: &Rules,
) -> Option<Draft<'a>> {
    let (index, sentence, when) = sentences
        .iter()
        .enumerate()
        .filter(|(_, s)| !is_header_line(s.slice(&input.text), &rules.events))
        .find_map(|(i, s)| sentence_date(times, s, None).map(|w| (i, s, w)))?;
    let tokens = tokens::tokenize(&input.text, *sentence);
    let start = tokens.first()?.span;
    let counted = casualties::casualties(&tokens, &rules.events);
    let (own, others) = sentence_places(&input.text, places, sentence, &tokens, 0, focus, rules);
    let place = own.named.or(own.adjective);
    let classified = Classified {
        kind: Kind::OTHER,
        trigger: start,
        trigger_index: 0,
        passive: false,
        confidence: FIRST_DATED_CONFIDENCE,
    };
    let mut draft = Draft::new(classified, index, *sentence, when, place, others, tokens);
    absorb(&mut draft, &counted);
    Some(draft)
}

/// The most recent violent happening of the story that a pointing-back sentence can mean:
/// of the family it names, on a date that meets the sentence's own (a day either way: reports
/// disagree on which side of midnight a night attack fell).
fn told_happening<'a, 't>(
    drafts: &'a mut [Draft<'t>],
    target: anaphora::PointsBack,
    date: Option<&When>,
) -> Option<&'a mut Draft<'t>> {
    let family = |k: Kind| match k.event_type() {
        EventType::Riot => EventType::Protest,
        other => other,
    };
    drafts.iter_mut().rev().find(|d| {
        let kind = d.classified.kind;
        let of_family = match target {
            anaphora::PointsBack::AnyViolent => true,
            anaphora::PointsBack::Family(f) => family(kind) == family(Kind::top(f)),
        };
        let on_date = date.is_none_or(|w| {
            let slack = chrono::Days::new(NIGHT_SLACK_DAYS);
            let (start, end) = (w.start - slack, w.end + slack);
            d.when.overlaps(start, end)
        });
        is_violent(kind) && of_family && on_date
    })
}

/// Whether a sentence only adds to the event before it: its evidence is a death or injury toll
/// ("3 fighters were killed"), or its trigger refers back ("in the shooting", "that attack").
fn tells_only_toll(tokens: &[tokens::Token], classified: &Classified, rules: &EventRules) -> bool {
    let at = classified.trigger_index;
    let word = tokens.get(at).map_or("", |t| t.lower.as_str());
    let refers_back = at
        .checked_sub(1)
        .and_then(|p| tokens.get(p))
        .is_some_and(|t| rules.is(WordRole::RefersBack, &t.lower));
    let toll = matches!(
        classified.kind.sub_kind(),
        Some(SubKind::Attack | SubKind::ArmedClash)
    ) && rules.is(WordRole::TollVerb, word);
    toll || refers_back
}

fn is_violent(kind: Kind) -> bool {
    matches!(
        kind.event_type(),
        EventType::Battle
            | EventType::ExplosionRemoteViolence
            | EventType::ViolenceAgainstCivilians
            | EventType::Riot
    )
}

/// Whether a sentence is reported speech: it opens with a quotation mark.
fn is_quotation(sentence: &str) -> bool {
    sentence.starts_with(['"', '“', '‘'])
}

/// Whether the sentence's date is the start of a period ("since 2011"): the sentence tells
/// what has been going on, not something that happened.
fn dated_since(text: &str, times: &[Timex], sentence: &Span) -> bool {
    times
        .iter()
        .filter(|t| sentence.contains(&t.span))
        .any(|t| {
            text.get(..t.span.start)
                .is_some_and(|before| before.trim_end().to_lowercase().ends_with("since"))
        })
}

/// Whether a sentence is a header line of the seed format ("Source: …").
fn is_header_line(sentence: &str, rules: &EventRules) -> bool {
    rules.words(WordRole::HeaderLine).starts(sentence)
}

/// How many of the latest events a sentence may re-tell.
const RETOLD_AMONG: usize = 3;

/// How many days either side of a pointing-back sentence's own date the happening it means may
/// lie: reports disagree on which side of midnight a night attack fell.
const NIGHT_SLACK_DAYS: u64 = 1;

/// How sure an event of kind `other` from the first dated sentence is: a guess.
const FIRST_DATED_CONFIDENCE: f32 = 0.1;

/// Salience of violence: what the stories this extractor reads are about.
const VIOLENCE_WEIGHT: f32 = 1.0;
/// Salience of riots, protests and disasters: happenings, but less often the story's point.
const UNREST_WEIGHT: f32 = 0.8;
/// Salience of strategic developments, elections and agreements.
const STRATEGIC_WEIGHT: f32 = 0.6;
/// Salience of meetings and aid.
const DIPLOMACY_WEIGHT: f32 = 0.4;
/// Salience of statements: talk about happenings.
const STATEMENT_WEIGHT: f32 = 0.2;
/// Salience of an event of no kind the lexicon knows.
const OTHER_WEIGHT: f32 = 0.1;
/// Bonus of the story's first event, shared out as 1/(1 + its ordinal): the lede tells the news.
const FIRST_TOLD_BONUS: f32 = 0.6;
/// Bonus of an event with dead or hurt.
const CASUALTY_BONUS: f32 = 0.2;
/// Penalty of background: an event ending this many days before publication or more.
const BACKGROUND_PENALTY: f32 = 0.7;
/// How old an event is, in days before publication, to be background.
const BACKGROUND_DAYS: i64 = 90;

/// A story reports what has happened by the day it is published: a happening it dates by a
/// period that runs on past that day ("this month", "this year", "in January" in a story of
/// January 3) happened within the part of it up to publication. A period that starts after
/// publication is left as told.
fn cap_at_publication(when: &mut When, published: Option<chrono::NaiveDate>) {
    if let Some(p) = published
        && when.start <= p
        && when.end > p
    {
        when.end = p;
    }
}

/// Whether a story dated `published` tells this time as background: it ended
/// [`BACKGROUND_DAYS`] or more before publication.
fn is_background(when: &When, published: Option<chrono::NaiveDate>) -> bool {
    published.is_some_and(|p| (p - when.end).num_days() > BACKGROUND_DAYS)
}

/// How central an event is to the story.
fn salience(draft: &Draft, ordinal: usize, published: Option<chrono::NaiveDate>) -> f32 {
    let kind_weight = match draft.classified.kind.event_type() {
        EventType::Battle
        | EventType::ExplosionRemoteViolence
        | EventType::ViolenceAgainstCivilians => VIOLENCE_WEIGHT,
        EventType::Riot | EventType::Protest | EventType::Disaster => UNREST_WEIGHT,
        EventType::StrategicDevelopment | EventType::Election | EventType::Agreement => {
            STRATEGIC_WEIGHT
        }
        EventType::Meeting | EventType::Aid => DIPLOMACY_WEIGHT,
        EventType::Statement => STATEMENT_WEIGHT,
        EventType::Other => OTHER_WEIGHT,
    };
    let position = FIRST_TOLD_BONUS / (1.0 + ordinal as f32);
    let hurt =
        if draft.killed.is_some_and(|c| c.best > 0) || draft.injured.is_some_and(|c| c.best > 0) {
            CASUALTY_BONUS
        } else {
            0.0
        };
    let background = is_background(&draft.when, published);
    kind_weight + position + hurt - if background { BACKGROUND_PENALTY } else { 0.0 }
}

/// The event a draft became, with its actors read and the words behind its date and place.
fn into_event(draft: Draft, told: &Told, status: EventStatus) -> Event {
    let Told {
        article,
        ordinal,
        text,
        focus,
        defined,
        places,
        times,
        rules,
    } = *told;
    let country = draft
        .place
        .as_ref()
        .and_then(|p| p.country)
        .or_else(|| focus.first().copied());
    let all_tokens: Vec<tokens::Token> = draft
        .tokens
        .iter()
        .chain(&draft.more_tokens)
        .cloned()
        .collect();
    let kind = classify::refine_protest(draft.classified.kind, &all_tokens, &rules.events);
    let context = actors::Context {
        defined,
        coreference: &draft.coreference,
        places,
        rules: &rules.events,
    };
    // Actors are read with the refined kind: a protest that turned into a riot has rioters.
    let classified = Classified {
        kind,
        ..draft.classified.clone()
    };
    let mut actors = actors::actors(&draft.tokens, &classified, country, &context);
    for (tokens, retold) in &draft.retold {
        let retold = Classified {
            kind,
            ..retold.clone()
        };
        for (actor, span) in actors::actors(tokens, &retold, country, &context) {
            if !actors.iter().any(|(a, _)| a.name == actor.name) {
                actors.push((actor, span));
            }
        }
    }
    // "The coalition bombed later that night" after a request to bomb where the Islamic
    // State fighters hide: whom the request named first is whom it hit.
    if let Some((tokens, asked)) = &draft.asked_for
        && !actors.iter().any(|(a, _)| a.role == Role::Target)
    {
        let asked = Classified {
            kind,
            ..asked.clone()
        };
        let first_target = actors::actors(tokens, &asked, country, &context)
            .into_iter()
            .find(|(a, _)| a.role == Role::Target);
        if let Some((actor, span)) = first_target
            && !actors.iter().any(|(a, _)| a.name == actor.name)
        {
            actors.push((actor, span));
        }
    }
    if actors.is_empty() {
        // "Three soldiers were killed." after an unattributed attack names who was hit.
        let continuation = Classified {
            trigger_index: 0,
            passive: false,
            ..classified
        };
        actors = actors::actors(&draft.more_tokens, &continuation, country, &context);
    }
    let injured = merging::hurt(&draft);
    let fatalities = merging::dead(&draft);
    let mut evidence = draft.evidence;
    if draft.injured.is_none() && injured.is_some() {
        evidence.injured = draft.hit_at.clone();
    }
    evidence.sentences.sort();
    let mut dated_by = evidence.sentences.clone();
    dated_by.extend(draft.dated_in);
    dated_by.sort();
    evidence.date = trace::date_words(times, &draft.when, &dated_by);
    evidence.place = draft
        .place
        .as_ref()
        .and_then(|place| trace::place_words(places, place, &evidence.sentences));
    let (actors, actor_words): (Vec<_>, Vec<_>) = actors.into_iter().unzip();
    evidence.actors = actor_words;
    Event {
        id: EventId::of(article, ordinal),
        article,
        kind,
        when: draft.when,
        place: draft.place,
        places: draft.places,
        actors,
        fatalities,
        injured,
        summary: draft.span.slice(text).to_string(),
        span: draft.span,
        confidence: draft.classified.confidence,
        status,
        evidence,
        duplicate_of: None,
        duplicates: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_period_running_past_publication_ends_on_its_day() {
        let day = |d: u32| chrono::NaiveDate::from_ymd_opt(2020, 1, d).unwrap();
        let january = || When::month(2020, 1).unwrap();
        let mut this_month = january();
        cap_at_publication(&mut this_month, Some(day(3)));
        assert_eq!((this_month.start, this_month.end), (day(1), day(3)));
        assert_eq!(this_month.precision, Precision::Month);
        let mut undated_story = january();
        cap_at_publication(&mut undated_story, None);
        assert_eq!(undated_story.end, day(31));
        let mut after = january();
        cap_at_publication(&mut after, chrono::NaiveDate::from_ymd_opt(2019, 12, 30));
        assert_eq!((after.start, after.end), (day(1), day(31)));
    }
}
