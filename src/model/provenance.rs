//! Where an event came from: the words behind each of its fields, and the other articles that
//! reported the same happening. Plain data; the extractor fills [`Evidence`], ingest's linker
//! fills the links.

use serde::{Deserialize, Serialize};

use super::{ArticleId, EventId, Span};

/// The words behind each of an event's fields, as byte spans into its article's text, so
/// `explain event` can quote them. Empty for events stored before evidence was kept.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// The trigger word that gave the kind ("ambushed", "airstrike").
    #[serde(default)]
    pub trigger: Option<Span>,
    /// The date expression the event's date was resolved from, when the text gave one.
    #[serde(default)]
    pub date: Option<Span>,
    /// The place mention the event's place was resolved from.
    #[serde(default)]
    pub place: Option<Span>,
    /// One entry per actor of the event, in the same order: the words that named it, or
    /// `None` for an actor the rules implied ("Protesters" of a protest).
    #[serde(default)]
    pub actors: Vec<Option<Span>>,
    /// The words the fatality count was read from.
    #[serde(default)]
    pub fatalities: Vec<Span>,
    /// The words the injured count was read from.
    #[serde(default)]
    pub injured: Vec<Span>,
    /// Every sentence that told the event, in text order; the first is the event's own span.
    #[serde(default)]
    pub sentences: Vec<Span>,
}

/// Another article's event that reports the same happening as this one.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Report {
    /// The duplicate event.
    pub event: EventId,
    /// The article that holds it.
    pub article: ArticleId,
    /// That article's publisher, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}
