//! An event being assembled from the sentences that tell it: the shared type of the event
//! rules' steps (the story's reading in [`super`], the stitching in [`super::merging`]).

use super::actors;
use super::classify::Classified;
use super::tokens::Token;
use crate::model::{Count, Evidence, Place, Span, When};

/// An event being assembled from one or more sentences.
pub(super) struct Draft<'a> {
    /// Its kind and trigger, as the first sentence that told it gave them.
    pub(super) classified: Classified,
    /// The index of that sentence.
    pub(super) sentence_index: usize,
    /// The index of the last sentence that told it.
    pub(super) last_sentence: usize,
    /// Where the event's last sentence ends, to tell paragraphs apart.
    pub(super) last_end: usize,
    /// The first sentence's span: the event's summary.
    pub(super) span: Span,
    /// When it happened.
    pub(super) when: When,
    /// Whether no sentence has dated it yet: its date is the publication month's stand-in,
    /// which the story's next date of a day replaces ([`super::Story::date_undated`]).
    pub(super) undated: bool,
    /// Whether its sentence gave no date of its own: it took the story's running date, which
    /// says nothing of which day it was.
    pub(super) borrowed_date: bool,
    /// The later sentence whose date it took, when it took one.
    pub(super) dated_in: Option<Span>,
    /// Where it happened.
    pub(super) place: Option<Place>,
    /// The other places its sentences name.
    pub(super) places: Vec<Place>,
    /// The trigger sentence's tokens: actors and roles are read here.
    pub(super) tokens: Vec<Token<'a>>,
    /// Tokens of the sentences that continue or re-tell the event.
    pub(super) more_tokens: Vec<Token<'a>>,
    /// Sentences that re-tell the event, with their own classification: they name actors too.
    pub(super) retold: Vec<(Vec<Token<'a>>, Classified)>,
    /// What the story's generic nouns stood for before this event ("the militias").
    pub(super) coreference: actors::Coreference,
    /// The request it carried out, when a sentence before asked for it: its tokens and
    /// classification, whose targets are the event's when its own sentence names none.
    pub(super) asked_for: Option<(Vec<Token<'a>>, Classified)>,
    /// The dead, as counted so far.
    pub(super) killed: Option<Count>,
    /// The hurt, as counted so far.
    pub(super) injured: Option<Count>,
    /// Everyone hit ("two men were shot"), dead or hurt, as the fullest telling counts them.
    pub(super) hit: Option<Count>,
    /// The words the count of the hit came from.
    pub(super) hit_at: Vec<Span>,
    /// Whether a sentence told of one dead without counting ("Lewis died").
    pub(super) someone_died: bool,
    /// Whether a sentence told of one hurt without a count ("suffered injuries").
    pub(super) someone_hurt: bool,
    /// Whether `killed` is a stated total, which later counts do not add to.
    pub(super) killed_is_total: bool,
    /// The words behind the fields decided so far (trigger, counts, sentences).
    pub(super) evidence: Evidence,
}

impl<'a> Draft<'a> {
    /// An event told by sentence `index` alone, so far.
    pub(super) fn new(
        classified: Classified,
        index: usize,
        sentence: Span,
        when: When,
        place: Option<Place>,
        places: Vec<Place>,
        tokens: Vec<Token<'a>>,
    ) -> Draft<'a> {
        Draft {
            sentence_index: index,
            last_sentence: index,
            last_end: sentence.end,
            span: sentence,
            when,
            undated: false,
            borrowed_date: false,
            dated_in: None,
            place,
            places,
            tokens,
            more_tokens: Vec::new(),
            retold: Vec::new(),
            coreference: actors::Coreference::new(),
            asked_for: None,
            killed: None,
            injured: None,
            hit: None,
            hit_at: Vec::new(),
            someone_died: false,
            someone_hurt: false,
            killed_is_total: false,
            evidence: Evidence {
                trigger: Some(classified.trigger),
                sentences: vec![sentence],
                ..Evidence::default()
            },
            classified,
        }
    }
}
